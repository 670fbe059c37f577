// The design generator (`netvirt generate`) and the example designs: requested counts, same
// seed same design, unique ids and names, every address and MAC already what IPAM would give,
// clean validation, and byte-identical round trips JSON → .netvirt → JSON for a 20,000-VM
// design and for every example in resources/examples.
#include <netvirt/core/io/design_io.h>
#include <netvirt/core/ipam/ipam.h>
#include <netvirt/core/model/generator.h>
#include <netvirt/core/net/address.h>
#include <netvirt/core/rules/rule_engine.h>

#include <QDir>
#include <QElapsedTimer>
#include <QtTest>

#include <set>
#include <string>

using namespace netvirt::core;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

QStringList exampleFiles()
{
    QDir dir(NETVIRT_SOURCE_DIR "/resources/examples");
    QStringList out;
    for (const QString &f : dir.entryList({"*.json"}, QDir::Files, QDir::Name))
        out << dir.filePath(f);
    return out;
}

QString describe(const std::vector<rules::Violation> &vs)
{
    return q(rules::formatText(vs));
}

// JSON text → Design → .netvirt bytes → Design → JSON text.
Result<std::string> roundTrip(const std::string &jsonText, const std::string &source)
{
    auto first = io::parseDesign(jsonText, source);
    if (!first)
        return first.error();
    auto zstd = io::encode(*first, io::FileFormat::Zstd);
    if (!zstd)
        return zstd.error();
    auto second = io::parseDesign(*zstd, source + " (.netvirt)");
    if (!second)
        return second.error();
    return io::toJsonText(*second);
}

} // namespace

class TestGenerator : public QObject {
    Q_OBJECT

private slots:
    void producesRequestedCounts_data();
    void producesRequestedCounts();
    void sameSeedSameDesign();
    void idsAndNamesAreUnique();
    void tenantsReuseCustomerPrefixesOnUniqueVsids();
    void addressesAreWhatIpamWouldAllocate();
    void generatedDesignValidatesClean_data();
    void generatedDesignValidatesClean();
    void largeDesignIsFast();
    void largeDesignRoundTripsByteIdentical();
    void examplesRoundTripByteIdentical_data();
    void examplesRoundTripByteIdentical();
    void examplesValidateAsIntended_data();
    void examplesValidateAsIntended();
};

void TestGenerator::producesRequestedCounts_data()
{
    QTest::addColumn<int>("hosts");
    QTest::addColumn<int>("vms");
    QTest::addColumn<int>("tenants");
    QTest::addColumn<int>("expectedTenants");
    QTest::newRow("one host, one VM") << 1 << 1 << 0 << 1;
    QTest::newRow("small") << 4 << 16 << 2 << 2;
    QTest::newRow("default tenants") << 10 << 250 << 0 << 3;
    QTest::newRow("more tenants than VMs") << 3 << 2 << 5 << 5;
    QTest::newRow("several racks") << 95 << 1000 << 7 << 7;
    QTest::newRow("hosts only") << 5 << 0 << 0 << 0;
}

void TestGenerator::producesRequestedCounts()
{
    QFETCH(int, hosts);
    QFETCH(int, vms);
    QFETCH(int, tenants);
    QFETCH(int, expectedTenants);
    GeneratorOptions o;
    o.hosts = hosts;
    o.vms = vms;
    o.tenants = tenants;
    const Design d = generateDesign(o);
    QCOMPARE(d.hosts.size(), std::size_t(hosts));
    QCOMPARE(d.vms.size(), std::size_t(vms));
    QCOMPARE(d.vmNetworks.size(), std::size_t(expectedTenants));
    const std::size_t racks = (hosts + kGeneratorHostsPerRack - 1) / kGeneratorHostsPerRack;
    QCOMPARE(d.sites.size(), racks);
    QCOMPARE(d.hostGroups.size(), racks + 1);
    for (const Vm &vm : d.vms)
        QCOMPARE(vm.nics.size(), std::size_t(1));
    for (const Host &h : d.hosts) {
        QCOMPARE(h.physicalNics.size(), std::size_t(2));
        for (const PhysicalNic &n : h.physicalNics)
            QVERIFY(n.effectiveMtu() >= 1542);
    }
}

void TestGenerator::sameSeedSameDesign()
{
    GeneratorOptions o;
    o.hosts = 50;
    o.vms = 400;
    o.tenants = 6;
    o.seed = 42;
    const std::string a = io::toJsonText(generateDesign(o));
    const std::string b = io::toJsonText(generateDesign(o));
    QCOMPARE(a, b);
    o.seed = 43;
    const std::string c = io::toJsonText(generateDesign(o));
    QVERIFY(a != c); // another seed places VMs elsewhere
}

void TestGenerator::idsAndNamesAreUnique()
{
    GeneratorOptions o;
    o.hosts = 120;
    o.vms = 3000;
    const Design d = generateDesign(o);
    const auto all = d.allEntities();
    std::set<Id> ids;
    for (const auto &[id, kind] : all) {
        QVERIFY2(isValidId(id), id.c_str());
        QVERIFY2(ids.insert(id).second, id.c_str());
    }
    QCOMPARE(d.entityCount(), all.size());

    std::set<std::pair<EntityKind, std::string>> names;
    for (const auto &[id, kind] : all) {
        if (isChildKind(kind))
            continue;
        QVERIFY2(names.emplace(kind, foldName(d.displayName(id))).second, id.c_str());
    }
}

void TestGenerator::tenantsReuseCustomerPrefixesOnUniqueVsids()
{
    GeneratorOptions o;
    o.hosts = 20;
    o.vms = 600;
    o.tenants = 4;
    const Design d = generateDesign(o);
    std::set<std::int64_t> vsids;
    for (const VmNetwork &n : d.vmNetworks) {
        QVERIFY(n.isIsolated());
        QCOMPARE(q(n.subnets.front().prefix), QString("10.0.0.0/24"));
        for (const VmSubnet &s : n.subnets) {
            QVERIFY(s.vsid >= 4096 && s.vsid <= 16777214);
            QVERIFY(vsids.insert(s.vsid).second);
        }
    }
    std::map<Id, std::set<std::string>> casByTenant;
    std::set<std::string> macs;
    for (const Vm &vm : d.vms) {
        const VmNic &nic = vm.nics.front();
        QVERIFY(nic.ip && nic.mac);
        QVERIFY2(casByTenant[*nic.vmNetwork].insert(*nic.ip).second, nic.ip->c_str());
        QVERIFY(macs.insert(*nic.mac).second);
        const VmSubnet *s = d.vmSubnet(*nic.vmSubnet);
        QVERIFY(s);
        QVERIFY(net::parseStrictPrefix(s->prefix)->contains(*net::parseAddress(*nic.ip)));
    }
    // Overlapping customer addresses across tenants: the same CA exists in every tenant.
    QVERIFY(casByTenant.at("vmn-t001").count("10.0.0.10"));
    QVERIFY(casByTenant.at("vmn-t004").count("10.0.0.10"));
}

void TestGenerator::addressesAreWhatIpamWouldAllocate()
{
    GeneratorOptions o;
    o.hosts = 130;
    o.vms = 2000;
    Design d = generateDesign(o);
    const auto a = ipam::allocate(d);
    QVERIFY(a.shortages.empty());
    QVERIFY(a.hostsWithoutProvider.empty());
    for (const auto &[pool, used] : a.poolUse)
        QVERIFY2(used > 0, pool.c_str()); // NV103: every pool holds something

    // Strip the provider addresses: IPAM gives every host the same one back.
    Design stripped = d;
    for (Host &h : stripped.hosts)
        h.providerAddresses.reset();
    stripped.reindex();
    const auto b = ipam::allocate(stripped);
    for (const Host &h : d.hosts)
        QCOMPARE(b.providerAddresses.at(h.id), *h.providerAddresses);
    auto changes = ipam::apply(d, a);
    QVERIFY(changes.ok());
    QVERIFY(changes->empty());
}

void TestGenerator::generatedDesignValidatesClean_data()
{
    QTest::addColumn<int>("hosts");
    QTest::addColumn<int>("vms");
    QTest::addColumn<int>("tenants");
    QTest::newRow("tiny") << 1 << 1 << 1;
    QTest::newRow("small") << 4 << 16 << 0;
    QTest::newRow("hosts only") << 3 << 0 << 0;
    QTest::newRow("racks") << 100 << 2500 << 0;
    QTest::newRow("many tenants") << 10 << 100 << 100;
}

void TestGenerator::generatedDesignValidatesClean()
{
    QFETCH(int, hosts);
    QFETCH(int, vms);
    QFETCH(int, tenants);
    GeneratorOptions o;
    o.hosts = hosts;
    o.vms = vms;
    o.tenants = tenants;
    const Design d = generateDesign(o);
    const auto violations = rules::RuleEngine().validate(d);
    QVERIFY2(rules::isClean(violations), qPrintable(describe(violations)));
}

void TestGenerator::largeDesignIsFast()
{
    GeneratorOptions o;
    o.hosts = 1000;
    o.vms = 20000;
    QElapsedTimer t;
    t.start();
    const Design d = generateDesign(o);
    const qint64 ms = t.elapsed();
    qInfo("generated 1000 hosts / 20000 VMs in %lld ms", ms);
    QCOMPARE(d.vms.size(), std::size_t(20000));
    QVERIFY2(ms < 1000, qPrintable(QString::number(ms)));
}

void TestGenerator::largeDesignRoundTripsByteIdentical()
{
    GeneratorOptions o;
    o.hosts = 1000;
    o.vms = 20000;
    const std::string text = io::toJsonText(generateDesign(o));
    auto back = roundTrip(text, "generated");
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
    QVERIFY(*back == text);
}

void TestGenerator::examplesRoundTripByteIdentical_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &f : exampleFiles())
        QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
}

void TestGenerator::examplesRoundTripByteIdentical()
{
    QFETCH(QString, path);
    auto bytes = io::readFile(path.toStdString(), std::size_t{16} << 20);
    QVERIFY2(bytes.ok(), qPrintable(path));
    // The files are written by the io module: loading and writing gives them back unchanged.
    auto design = io::parseDesign(*bytes, path.toStdString());
    QVERIFY2(design.ok(), design.ok() ? "" : design.error().message.c_str());
    QCOMPARE(q(io::toJsonText(*design)), q(*bytes));
    auto back = roundTrip(*bytes, path.toStdString());
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
    QVERIFY(*back == *bytes);
}

void TestGenerator::examplesValidateAsIntended_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &f : exampleFiles())
        QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
}

void TestGenerator::examplesValidateAsIntended()
{
    QFETCH(QString, path);
    auto design = io::loadDesign(path.toStdString());
    QVERIFY2(design.ok(), design.ok() ? "" : design.error().message.c_str());
    const auto violations = rules::RuleEngine().validate(*design);
    auto expect = design->extra.find("expect");
    if (expect == design->extra.end()) {
        QVERIFY2(rules::isClean(violations), qPrintable(describe(violations)));
        return;
    }
    // broken.json: exactly the rules it lists, each blaming at least the listed subject.
    std::set<std::string> expectedRules;
    for (const Json &e : *expect)
        expectedRules.insert(e.at("rule").get<std::string>());
    std::set<std::string> gotRules;
    for (const auto &v : violations)
        gotRules.insert(v.rule);
    QCOMPARE(gotRules, expectedRules);
    for (const Json &e : *expect) {
        const std::string rule = e.at("rule").get<std::string>();
        const Id subject = e.at("entities").at(0).get<std::string>();
        bool found = false;
        for (const auto &v : violations)
            if (v.rule == rule && std::find(v.entities.begin(), v.entities.end(), subject) != v.entities.end())
                found = true;
        QVERIFY2(found, qPrintable(q(rule + " blaming " + subject + "\n") + describe(violations)));
    }
}

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
