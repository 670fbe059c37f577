// Property: after every edit of a long random sequence (setField, bind, unbind, add, remove
// through edit.h), IncrementalValidator::violations() equals RuleEngine::validate() of the
// design as it stands. The seed and step are printed on failure. Plus timings on a generated
// 20,000-VM design (printed; the assertions are loose, the targets are in ARCHITECTURE.md).
#include <netvirt/core/io/design_io.h>
#include <netvirt/core/ipam/ipam.h>
#include <netvirt/core/model/edit.h>
#include <netvirt/core/model/generator.h>
#include <netvirt/core/rules/rule_engine.h>

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>

using namespace netvirt::core;
using namespace netvirt::core::rules;

namespace {

// splitmix64: same sequence on every platform.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_s(seed) {}
    std::uint64_t next()
    {
        std::uint64_t x = (m_s += 0x9E3779B97F4A7C15ull);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
        return x ^ (x >> 31);
    }
    std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
    template <typename T>
    const T &pick(const std::vector<T> &v) { return v[below(v.size())]; }

private:
    std::uint64_t m_s;
};

struct FieldValues {
    EntityKind kind;
    const char *field;
    std::vector<Json> values;
};

const std::vector<FieldValues> &scalarFields()
{
    static const std::vector<FieldValues> kFields = {
        {EntityKind::VmNic, "ip", {"10.1.1.7", "10.1.1.8", "10.1.2.9", "172.16.0.11", "172.16.9.9", "bad", nullptr}},
        {EntityKind::VmNic, "mac", {"00:1D:D8:B7:1C:01", "00:1D:D8:B7:1C:02", "00:1D:D8:B7:1E:01", "00:1D:D8:B7:1C:55", nullptr}},
        {EntityKind::VmNic, "ipMode", {"Static", "Pool", "Dhcp"}},
        {EntityKind::VmNic, "name", {"eth0", "ETH0", "eth1", nullptr}},
        {EntityKind::Vm, "name", {"RED-WEB1", "red-web1", "X1", "X2"}},
        {EntityKind::Vm, "provisioning", {"Template", "Manual"}},
        {EntityKind::Host, "providerAddresses", {Json::array({"192.168.1.10"}), Json::array({"192.168.1.11"}), nullptr,
                                                 Json::array({"10.9.9.9"})}},
        {EntityKind::Host, "name", {"HV01", "hv02", "HV09"}},
        {EntityKind::PhysicalNic, "mtu", {1500, 1542, 9000, nullptr}},
        {EntityKind::HostVnic, "ip", {"172.16.0.11", "172.16.0.12", "172.16.1.1", nullptr}},
        {EntityKind::HostVnic, "mac", {"00:1D:D8:B7:1C:01", "00:1D:D8:B7:1E:01", nullptr}},
        {EntityKind::LogicalNetwork, "networkVirtualization", {true, false}},
        {EntityKind::UplinkPortProfile, "networkVirtualization", {true, false}},
        {EntityKind::LogicalSwitch, "uplinkMode", {"Team", "NoTeam"}},
        {EntityKind::LogicalSwitch, "extensions", {Json::array(), Json::array({"capture"})}},
        {EntityKind::VmNetwork, "translation", {"Encap", "Rewrite"}},
        {EntityKind::VmNetwork, "isolation", {"None", "NetworkVirtualization"}},
        {EntityKind::VmSubnet, "vsid", {5001, 6001, 100, 7001}},
        {EntityKind::VmSubnet, "prefix", {"10.1.1.0/24", "10.1.0.0/16", "192.168.1.0/26", "10.1.1.1/24"}},
        {EntityKind::IpPool, "end", {"10.1.1.8", "10.1.1.200", "10.1.2.10", "192.168.1.50"}},
        {EntityKind::MacPool, "end", {"00:1D:D8:B7:1F:FF", "00:1D:D8:B7:1C:01"}},
        {EntityKind::Gateway, "address", {"10.1.1.254", "10.1.1.7", "10.1.2.1"}},
        {EntityKind::HostGroup, "name", {"Milan", "milan", "Rome"}},
        {EntityKind::VnicPortProfile, "bandwidth", {Json::object(), Json{{"minimumWeight", 95}}, Json{{"minimumWeight", 5}}}},
        {EntityKind::PortClassification, "description", {"gold", nullptr}},
        {EntityKind::PhysicalNic, "name", {"NIC1", "nic2", "NIC9"}},
        {EntityKind::LogicalSwitch, "name", {"Production switch", "production SWITCH", "Other"}},
        {EntityKind::VmNetwork, "name", {"Red", "blue", "Green"}},
        {EntityKind::Site, "name", {"Milan Production", "milan management", "Rome"}},
        {EntityKind::IpPool, "name", {"Red web pool", "PA pool", "X"}},
        {EntityKind::HostVnic, "name", {"Management", "mgmt", "Other"}},
        {EntityKind::UplinkPortProfile, "teaming", {Json{{"mode", "LACP"}}, Json{{"mode", "Static"}, {"loadBalancing", "AddressHash"}}}},
    };
    return kFields;
}

std::vector<Id> idsOfKind(const Design &d, EntityKind kind)
{
    std::vector<Id> out;
    for (auto &[id, k] : d.allEntities())
        if (k == kind)
            out.push_back(id);
    return out;
}

// One random edit; returns its ChangeSet (empty when the edit was refused or changed nothing).
ChangeSet randomEdit(Design &d, Rng &rng, std::string &what, int &counter)
{
    auto all = d.allEntities();
    if (all.empty())
        return {};
    const auto &[id, kind] = all[rng.below(all.size())];
    const std::size_t op = rng.below(100);
    if (op < 45) {
        std::vector<const FieldValues *> fields;
        for (const auto &f : scalarFields())
            if (f.kind == kind)
                fields.push_back(&f);
        if (fields.empty())
            return {};
        const FieldValues *f = fields[rng.below(fields.size())];
        const Json &v = f->values[rng.below(f->values.size())];
        what = "setField " + id + "." + f->field + " = " + v.dump();
        auto r = setField(d, id, f->field, v);
        return r ? r.value() : ChangeSet{};
    }
    if (op < 74) {
        std::vector<const ReferenceField *> refs;
        for (const auto &rf : referenceFields())
            if (rf.from == kind)
                refs.push_back(&rf);
        if (refs.empty())
            return {};
        const ReferenceField *rf = refs[rng.below(refs.size())];
        auto targets = idsOfKind(d, rf->to);
        if (targets.empty())
            return {};
        const Id &to = rng.pick(targets);
        if (rng.below(3) == 0) {
            what = "unbind " + id + "." + std::string(rf->field) + " -= " + to;
            auto r = unbind(d, id, std::string(rf->field), to);
            return r ? r.value() : ChangeSet{};
        }
        what = "bind " + id + "." + std::string(rf->field) + " += " + to;
        auto r = bind(d, id, std::string(rf->field), to);
        return r ? r.value() : ChangeSet{};
    }
    if (op >= 74 && op < 80) {
        // The fabric edit families of bench_rules: VM subnets added, switches undeployed or
        // redeployed, physical NIC bindings removed.
        auto nets = idsOfKind(d, EntityKind::VmNetwork);
        auto hosts = idsOfKind(d, EntityKind::Host);
        switch (rng.below(3)) {
        case 0: {
            if (nets.empty())
                return {};
            static const char *kPrefixes[] = {"10.1.1.0/24", "10.9.0.0/24", "172.16.0.0/24", "10.1.2.0/25", "10.0.0.0/24"};
            static const int kVsids[] = {5001, 9001, 16000000, 100, 5002};
            const Id &vmn = rng.pick(nets);
            const std::string id = vmn + "/x" + std::to_string(++counter);
            Placement where;
            where.parent = vmn;
            Json j{{"id", id}, {"prefix", kPrefixes[rng.below(5)]}, {"vsid", kVsids[rng.below(5)]}};
            what = "add VM subnet " + j.dump() + " to " + vmn;
            auto r = addEntity(d, EntityKind::VmSubnet, j, where);
            return r ? r.value() : ChangeSet{};
        }
        case 1: {
            if (hosts.empty())
                return {};
            const Id &h = rng.pick(hosts);
            const Id &other = rng.pick(hosts);
            Json v = Json::array();
            if (rng.below(2) == 0) {
                v = getField(d, other, "switches").value();
                for (auto &e : v)
                    e["hostVnics"] = Json::array();
            }
            what = "setField " + h + ".switches = " + v.dump();
            auto r = setField(d, h, "switches", v);
            return r ? r.value() : ChangeSet{};
        }
        default: {
            if (hosts.empty())
                return {};
            const Id &h = rng.pick(hosts);
            Json v = getField(d, h, "switches").value();
            if (!v.is_array() || v.empty() || !v[0].contains("adapters") || v[0]["adapters"].empty())
                return {};
            v[0]["adapters"].erase(v[0]["adapters"].size() - 1);
            what = "setField " + h + ".switches = " + v.dump() + " (one NIC binding less)";
            auto r = setField(d, h, "switches", v);
            return r ? r.value() : ChangeSet{};
        }
        }
    }
    if (op < 90) {
        // Add a copy of a VM (new ids, same name and addresses: NV102/NV125/NV131 buckets).
        if (d.vms.empty())
            return {};
        const Vm &src = d.vms[rng.below(d.vms.size())];
        Json j = io::entityToJson(d, src.id);
        const std::string newId = "vm-copy-" + std::to_string(++counter);
        j["id"] = newId;
        if (j.contains("nics"))
            for (std::size_t i = 0; i < j["nics"].size(); ++i)
                j["nics"][i]["id"] = newId + "/nic" + std::to_string(i);
        what = "add VM " + newId + " copied from " + src.id;
        auto r = addEntity(d, EntityKind::Vm, j);
        return r ? r.value() : ChangeSet{};
    }
    if (op < 97 && kind != EntityKind::Vm && kind != EntityKind::VmNic && rng.below(4) != 0) {
        // Fabric removals are rarer: they turn much of a small design into NV101.
        return {};
    }
    what = "remove " + id;
    auto r = removeEntity(d, id);
    return r ? r->changes : ChangeSet{};
}

// Pools reported unused (NV103) must be exactly those ipam::allocate counts nothing in: the
// rules count pool use themselves when the design needs no allocation.
QString poolUseMismatch(const Design &d, const std::vector<Violation> &violations)
{
    const auto alloc = ipam::allocate(d);
    std::vector<Id> pools;
    for (const auto &p : d.ipPools)
        pools.push_back(p.id);
    for (const auto &p : d.macPools)
        pools.push_back(p.id);
    for (const auto &id : pools) {
        auto it = alloc.poolUse.find(id);
        const bool unused = it == alloc.poolUse.end() || it->second == 0;
        const bool reported = std::any_of(violations.begin(), violations.end(), [&](const Violation &v) {
            return v.rule == "NV103" && v.entities == std::vector<Id>{id};
        });
        if (unused != reported)
            return QStringLiteral("pool %1: ipam counts %2, NV103 %3")
                .arg(QString::fromStdString(id))
                .arg(it == alloc.poolUse.end() ? 0 : qulonglong(it->second))
                .arg(reported ? QStringLiteral("reported") : QStringLiteral("not reported"));
    }
    return {};
}

QString mismatch(const std::vector<Violation> &inc, const std::vector<Violation> &full)
{
    return QStringLiteral("\nincremental:\n") + QString::fromStdString(formatText(inc)) + QStringLiteral("full:\n")
        + QString::fromStdString(formatText(full));
}

Design loadBase(const char *name)
{
    auto r = io::loadDesign(std::string(NETVIRT_SOURCE_DIR "/tests/data/rules/") + name);
    if (!r)
        qFatal("cannot load %s: %s", name, r.error().message.c_str());
    return std::move(r).value();
}

} // namespace

class tst_RulesIncremental : public QObject {
    Q_OBJECT

private slots:
    void incrementalEqualsFull_data();
    void incrementalEqualsFull();
    void vmEditsStayIncremental();
    void timingOnLargeDesign();
};

void tst_RulesIncremental::incrementalEqualsFull_data()
{
    QTest::addColumn<QString>("design");
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("steps");
    QTest::newRow("base-1") << QStringLiteral("base.json") << quint64(1) << 400;
    QTest::newRow("base-2") << QStringLiteral("base.json") << quint64(2) << 400;
    QTest::newRow("base-3") << QStringLiteral("base.json") << quint64(3) << 400;
    QTest::newRow("nv400-fail-nv207") << QStringLiteral("nv400-fail-nv207.json") << quint64(4) << 300;
    QTest::newRow("nv155-fail") << QStringLiteral("nv155-fail.json") << quint64(5) << 300;
    QTest::newRow("generated-6") << QStringLiteral("generated") << quint64(6) << 300;
    QTest::newRow("generated-7") << QStringLiteral("generated") << quint64(7) << 300;
    QTest::newRow("generated-8") << QStringLiteral("generated") << quint64(8) << 400;
}

void tst_RulesIncremental::incrementalEqualsFull()
{
    QFETCH(QString, design);
    QFETCH(quint64, seed);
    QFETCH(int, steps);
    // NETVIRT_RULES_STEPS=N multiplies the sequence length (long soak runs).
    if (const int k = qEnvironmentVariableIntValue("NETVIRT_RULES_STEPS"); k > 1)
        steps *= k;
    Design d;
    if (design == QStringLiteral("generated")) {
        GeneratorOptions o;
        o.hosts = 6;
        o.vms = 60;
        o.tenants = 3;
        o.seed = seed;
        d = generateDesign(o);
    } else {
        d = loadBase(qPrintable(design));
    }
    Rng rng(seed);
    IncrementalValidator inc;
    inc.reset(d);
    RuleEngine engine;
    QVERIFY(inc.violations() == engine.validate(d));
    int counter = 0, applied = 0, incremental = 0;
    for (int step = 0; step < steps; ++step) {
        std::string what;
        ChangeSet changes = randomEdit(d, rng, what, counter);
        if (changes.empty())
            continue;
        ++applied;
        inc.update(d, changes);
        if (!inc.lastUpdateWasFull())
            ++incremental;
        const auto full = engine.validate(d);
        if (const QString pools = poolUseMismatch(d, full); !pools.isEmpty())
            QFAIL(qPrintable(QStringLiteral("seed %1 step %2 after %3: %4").arg(seed).arg(step).arg(QString::fromStdString(what)).arg(pools)));
        if (!(inc.violations() == full)) {
            QFAIL(qPrintable(QStringLiteral("seed %1 step %2 after %3%4")
                                 .arg(seed)
                                 .arg(step)
                                 .arg(QString::fromStdString(what))
                                 .arg(mismatch(inc.violations(), full))));
        }
    }
    qInfo("%s: %d edits applied, %d incremental", qPrintable(design), applied, incremental);
    QVERIFY2(poolUseMismatch(d, inc.violations()).isEmpty(), qPrintable(poolUseMismatch(d, inc.violations())));
    QVERIFY(applied > steps / 4);
}

void tst_RulesIncremental::vmEditsStayIncremental()
{
    Design d = loadBase("base.json");
    IncrementalValidator inc;
    inc.reset(d);
    auto r = setField(d, "vm-red-web2/nic0", "ip", "10.1.1.7");
    QVERIFY(r.ok());
    inc.update(d, r.value());
    QVERIFY(!inc.lastUpdateWasFull());
    QCOMPARE(inc.violations().size(), std::size_t(1));
    QCOMPARE(inc.violations()[0].rule, std::string("NV125"));
    // A fabric edit re-checks every VM but keeps the VM bookkeeping.
    auto r2 = setField(d, "up-prod", "networkVirtualization", false);
    QVERIFY(r2.ok());
    inc.update(d, r2.value());
    QVERIFY(!inc.lastUpdateWasFull());
    QVERIFY(inc.violations() == RuleEngine().validate(d));
    // A VM network edit moves vNIC addresses between spaces: its VMs are checked again.
    auto r3 = setField(d, "vmn-red", "isolation", "None");
    QVERIFY(r3.ok());
    inc.update(d, r3.value());
    QVERIFY(!inc.lastUpdateWasFull());
    QVERIFY(inc.violations() == RuleEngine().validate(d));
}

void tst_RulesIncremental::timingOnLargeDesign()
{
    GeneratorOptions o;
    o.hosts = 500;
    o.vms = 20000;
    o.seed = 42;
    Design d = generateDesign(o);
    RuleEngine engine;
    // CPU time of this thread: the machines running this are shared.
    auto cpuMs = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
    };
    double c0 = cpuMs();
    auto full = engine.validate(d);
    const double fullMs = cpuMs() - c0;
    c0 = cpuMs();
    auto alloc = ipam::allocate(d);
    const double ipamMs = cpuMs() - c0;
    qInfo("20000 VMs: full validation %.1f ms CPU (ipam::allocate alone: %.1f ms, skipped when nothing needs allocating)", fullMs, ipamMs);
    QVERIFY2(isClean(full), formatText(full).substr(0, 2000).c_str());

    IncrementalValidator inc;
    inc.reset(d);
    Rng rng(42);
    if (qEnvironmentVariableIsSet("NETVIRT_RULES_PROFILE")) {
        for (int i = 0; i < 20; ++i)
            (void)engine.validate(d);
        return;
    }
    struct Clock {
        using duration = std::chrono::nanoseconds;
        static duration now()
        {
            timespec ts{};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
            return std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec);
        }
    };
    Clock::duration cosmetic{}, addressing{};
    const int edits = 200;
    for (int i = 0; i < edits; ++i) {
        const Vm &vm = d.vms[rng.below(d.vms.size())];
        const Id vmId = vm.id;
        auto r = setField(d, vmId, "name", "VM-RENAMED-" + std::to_string(i % 7));
        QVERIFY(r.ok());
        auto t0 = Clock::now();
        inc.update(d, r.value());
        cosmetic += Clock::now() - t0;
        QVERIFY(!inc.lastUpdateWasFull());
    }
    for (int i = 0; i < edits / 10; ++i) {
        const Vm &vm = d.vms[rng.below(d.vms.size())];
        if (vm.nics.empty())
            continue;
        // A free address of the vNIC's own subnet (the generator uses .10 to .59).
        std::string ip = vm.nics.front().ip.value_or("10.0.0.1");
        ip = ip.substr(0, ip.rfind('.') + 1) + std::to_string(200 + i);
        auto r = setField(d, vm.nics.front().id, "ip", ip);
        QVERIFY(r.ok());
        auto t0 = Clock::now();
        inc.update(d, r.value());
        addressing += Clock::now() - t0;
    }
    Clock::duration fabricRename{};
    for (int i = 0; i < 20; ++i) {
        auto r = setField(d, d.hosts[rng.below(d.hosts.size())].id, "name", "HOST-RENAMED-" + std::to_string(i));
        QVERIFY(r.ok());
        auto t0 = Clock::now();
        inc.update(d, r.value());
        fabricRename += Clock::now() - t0;
        QVERIFY(!inc.lastUpdateWasFull());
    }
    Clock::duration structural{};
    for (int i = 0; i < 4; ++i) {
        const auto &ln = d.logicalNetworks.front();
        auto r = setField(d, ln.id, "networkVirtualization", i % 2 == 1);
        QVERIFY(r.ok());
        auto t0 = Clock::now();
        inc.update(d, r.value());
        structural += Clock::now() - t0;
    }
    auto us = [](Clock::duration x, int n) {
        return double(std::chrono::duration_cast<std::chrono::microseconds>(x).count()) / n;
    };
    (void)cpuMs;
    qInfo("20000 VMs: incremental: %.1f us per VM rename, %.1f us per vNIC address edit, %.1f us per host rename, "
          "%.1f us per logical network HNV toggle (CPU)",
          us(cosmetic, edits), us(addressing, edits / 10), us(fabricRename, 20), us(structural, 4));
    QVERIFY(inc.violations() == engine.validate(d));
}

QTEST_GUILESS_MAIN(tst_RulesIncremental)
#include "tst_rules_incremental.moc"
