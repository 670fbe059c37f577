// The design file format (FORMAT.md): every entity round-trips byte for byte, unknown keys
// survive, zstd and JSON are the same design, load errors name the file and the JSON path,
// limits refuse bombs and deep nesting, and saves are atomic.
#include <QtTest>

#include <netvirt/core/io/design_io.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <fstream>
#include <functional>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

using namespace netvirt::core;

namespace {

std::string dataPath(const char *name)
{
    return std::string(NETVIRT_SOURCE_DIR) + "/tests/data/io/" + name;
}

std::string readAll(const std::string &path)
{
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

void writeAll(const std::string &path, const std::string &bytes)
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << bytes;
}

const std::string &fixtureText()
{
    static const std::string text = readAll(dataPath("all-entities.json"));
    return text;
}

Json fixtureJson() { return Json::parse(fixtureText()); }

QByteArray bytesOf(const std::string &s) { return QByteArray(s.data(), qsizetype(s.size())); }

QByteArray mutated(const std::function<void(Json &)> &change)
{
    Json j = fixtureJson();
    change(j);
    return bytesOf(j.dump(2));
}

std::string zstdOf(const std::string &jsonText)
{
    auto d = io::parseDesign(jsonText, "fixture");
    if (!d)
        qFatal("fixture does not load: %s", d.error().message.c_str());
    auto z = io::encode(d.value(), io::FileFormat::Zstd);
    if (!z)
        qFatal("encode failed: %s", z.error().message.c_str());
    return z.value();
}

QStringList tempLeftovers(const QString &dir)
{
    return QDir(dir).entryList(QStringList{QStringLiteral(".*.tmp-*")}, QDir::Files | QDir::Hidden);
}

} // namespace

class TstDesignIo : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { io::detail::injectWriteFault(io::detail::WriteFault::None); }

    void fixtureLoadsAndSavesByteIdentical()
    {
        auto d = io::loadDesign(dataPath("all-entities.json"));
        QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
        QCOMPARE(io::toJsonText(d.value()), fixtureText());
        // Same design, same bytes, again.
        auto again = io::parseDesign(io::toJsonText(d.value()), "again.json");
        QVERIFY(again.ok());
        QCOMPARE(io::toJsonText(again.value()), fixtureText());
    }

    void roundTripsEveryEntity_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("pointer"); // where the entity stands in the fixture
        QTest::newRow("hostGroup") << "hg-milan" << "/hostGroups/1";
        QTest::newRow("logicalNetwork") << "ln-mgmt" << "/logicalNetworks/1";
        QTest::newRow("site") << "site-prod-milan" << "/sites/0";
        QTest::newRow("ipPool on site subnet") << "pool-pa" << "/ipPools/0";
        QTest::newRow("ipPool on VM subnet") << "pool-red-web" << "/ipPools/1";
        QTest::newRow("macPool") << "mac-default" << "/macPools/0";
        QTest::newRow("uplinkPortProfile") << "up-prod" << "/uplinkPortProfiles/0";
        QTest::newRow("vnicPortProfile full") << "vp-high" << "/vnicPortProfiles/0";
        QTest::newRow("vnicPortProfile empty bandwidth") << "vp-low" << "/vnicPortProfiles/1";
        QTest::newRow("portClassification") << "pc-high" << "/portClassifications/0";
        QTest::newRow("logicalSwitch") << "ls-prod" << "/logicalSwitches/0";
        QTest::newRow("logicalSwitch minimal") << "ls-plain" << "/logicalSwitches/1";
        QTest::newRow("host") << "host-a" << "/hosts/0";
        QTest::newRow("host not emulated") << "host-b" << "/hosts/1";
        QTest::newRow("physicalNic") << "host-a/nic1" << "/hosts/0/physicalNics/0";
        QTest::newRow("physicalNic minimal") << "host-a/nic2" << "/hosts/0/physicalNics/1";
        QTest::newRow("hostVnic") << "host-a/mgmt" << "/hosts/0/switches/0/hostVnics/0";
        QTest::newRow("hostVnic minimal") << "host-a/backup" << "/hosts/0/switches/0/hostVnics/1";
        QTest::newRow("vmNetwork") << "vmn-red" << "/vmNetworks/0";
        QTest::newRow("vmNetwork standard") << "vmn-mgmt" << "/vmNetworks/2";
        QTest::newRow("vmSubnet") << "vms-red-web" << "/vmNetworks/0/subnets/0";
        QTest::newRow("vm") << "vm-red-web1" << "/vms/0";
        QTest::newRow("vmNic") << "vm-red-web1/nic0" << "/vms/0/nics/0";
        QTest::newRow("vmNic minimal") << "vm-red-web1/nic1" << "/vms/0/nics/1";
        QTest::newRow("gateway NAT") << "gw-red" << "/gateways/0";
        QTest::newRow("gateway Forward") << "gw-fwd" << "/gateways/1";
    }
    void roundTripsEveryEntity()
    {
        QFETCH(QString, id);
        QFETCH(QString, pointer);
        auto d = io::loadDesign(dataPath("all-entities.json"));
        QVERIFY(d.ok());
        const Json expected = fixtureJson().at(Json::json_pointer(pointer.toStdString()));
        const Json actual = io::entityToJson(d.value(), id.toStdString());
        QCOMPARE(QString::fromStdString(actual.dump()), QString::fromStdString(expected.dump()));
    }

    void decodesEveryField()
    {
        auto r = io::loadDesign(dataPath("all-entities.json"));
        QVERIFY(r.ok());
        const Design &d = r.value();
        QCOMPARE(d.name, std::string("All entities"));
        QCOMPARE(d.hostGroup("hg-milan")->parent, std::optional<Id>("hg-root"));
        QVERIFY(!d.hostGroup("hg-root")->parent);
        QVERIFY(d.logicalNetwork("ln-prod")->networkVirtualization);
        QCOMPARE(d.site("site-prod-milan")->subnets.at(1).vlan, std::int64_t(12));
        const IpPool *pa = d.ipPool("pool-pa");
        QCOMPARE(pa->subnet, std::optional<std::string>("192.168.1.0/24"));
        QCOMPARE(pa->gateway, std::optional<std::string>("192.168.1.1"));
        QCOMPARE(pa->reserved.at(1), std::string("192.168.1.60-192.168.1.70"));
        QCOMPARE(d.ipPool("pool-red-web")->vmSubnet, std::optional<Id>("vms-red-web"));
        QCOMPARE(d.uplinkPortProfile("up-prod")->teaming.mode, TeamingMode::Lacp);
        QCOMPARE(d.uplinkPortProfile("up-prod")->teaming.loadBalancing, LoadBalancing::AddressHash);
        const VnicPortProfile *high = d.vnicPortProfile("vp-high");
        QVERIFY(high->offload.vmq && high->offload.ipsecTaskOffload && !high->offload.sriov);
        QVERIFY(high->security.dhcpGuard && high->security.routerGuard);
        QCOMPARE(high->bandwidth.minimumWeight, std::optional<std::int64_t>(50));
        QVERIFY(!d.vnicPortProfile("vp-low")->bandwidth.maximumMbps);
        QCOMPARE(d.portClassification("pc-high")->description, std::optional<std::string>("High bandwidth VMs"));
        const LogicalSwitch *ls = d.logicalSwitch("ls-prod");
        QCOMPARE(ls->uplinkMode, UplinkMode::Team);
        QCOMPARE(ls->effectiveBandwidthMode(), BandwidthMode::Weight);
        QCOMPARE(ls->virtualPorts.at(0).isDefault, std::optional<bool>(true));
        QVERIFY(!ls->virtualPorts.at(1).isDefault);
        QCOMPARE(d.logicalSwitch("ls-plain")->effectiveBandwidthMode(), BandwidthMode::None);
        QVERIFY(d.host("host-a")->isEmulated());
        QVERIFY(!d.host("host-b")->isEmulated());
        QVERIFY(d.host("host-c")->isEmulated());
        QVERIFY(!d.host("host-c")->emulated);
        QVERIFY(d.host("host-b")->providerAddresses && d.host("host-b")->providerAddresses->empty());
        QVERIFY(!d.host("host-c")->providerAddresses);
        QCOMPARE(d.physicalNic("host-a/nic1")->effectiveMtu(), std::int64_t(1542));
        QCOMPARE(d.physicalNic("host-a/nic2")->effectiveMtu(), std::int64_t(1500));
        QCOMPARE(d.hostOf("host-a/mgmt")->id, std::string("host-a"));
        QCOMPARE(d.hostVnic("host-a/backup")->ipMode, IpMode::Dhcp);
        QCOMPARE(d.vmNetwork("vmn-blue")->effectiveTranslation(), Translation::Rewrite);
        QCOMPARE(d.vmNetwork("vmn-mgmt")->effectiveTranslation(), Translation::Encap);
        QVERIFY(!d.vmNetwork("vmn-mgmt")->isIsolated());
        QCOMPARE(d.vmSubnet("vms-red-db")->vsid, std::int64_t(5002));
        QCOMPARE(d.vm("vm-manual")->provisioning, Provisioning::Manual);
        QCOMPARE(d.vmNic("vm-red-web1/nic0")->ipMode, IpMode::Pool);
        QVERIFY(!d.vmNic("vm-red-web1/nic1")->vmNetwork);
        QCOMPARE(d.gateway("gw-red")->mode, GatewayMode::Nat);
        QCOMPARE(d.gateway("gw-fwd")->mode, GatewayMode::Forward);
        QCOMPARE(d.emulation.at("underlayMtu").get<int>(), 1542);
        QCOMPARE(*d.layout.position("host-a"), (Point{10.5, -20.0}));
        QCOMPARE(d.layout.collapsed, std::vector<Id>{"host-b"});
    }

    void keepsUnknownFields_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::newRow("top level") << "/x-top-level/kept/2";
        QTest::newRow("host group") << "/hostGroups/1/x-owner";
        QTest::newRow("site subnet") << "/sites/0/subnets/1/x-note";
        QTest::newRow("teaming") << "/uplinkPortProfiles/1/teaming/x-future";
        QTest::newRow("adapter") << "/hosts/0/switches/0/adapters/1/x-slot";
        QTest::newRow("vm subnet") << "/vmNetworks/0/subnets/1/x-tier";
        QTest::newRow("vm") << "/vms/1/x-comment";
        QTest::newRow("layout") << "/layout/x-zoom";
        QTest::newRow("layout node") << "/layout/nodes/vm-red-web1/x-pinned";
    }
    void keepsUnknownFields()
    {
        QFETCH(QString, pointer);
        const Json::json_pointer ptr(pointer.toStdString());
        auto d = io::loadDesign(dataPath("all-entities.json"));
        QVERIFY(d.ok());
        const Json saved = io::toJson(d.value());
        QVERIFY2(saved.contains(ptr), qPrintable(pointer));
        QCOMPARE(QString::fromStdString(saved.at(ptr).dump()), QString::fromStdString(fixtureJson().at(ptr).dump()));
    }

    void writesUnknownFieldsAfterKnownOnes()
    {
        const std::string in = R"({"x-first": 1, "name": "n", "version": 1, "format": "netvirt-design",
            "hostGroups": [{"x-a": true, "name": "G", "id": "g"}]})";
        auto d = io::parseDesign(in, "in.json");
        QVERIFY(d.ok());
        const Json out = io::toJson(d.value());
        std::vector<std::string> top;
        for (auto it = out.begin(); it != out.end(); ++it)
            top.push_back(it.key());
        QCOMPARE(top.front(), std::string("format"));
        QCOMPARE(top.back(), std::string("x-first"));
        std::vector<std::string> group;
        for (auto it = out["hostGroups"][0].begin(); it != out["hostGroups"][0].end(); ++it)
            group.push_back(it.key());
        QCOMPARE(group, (std::vector<std::string>{"id", "name", "x-a"}));
    }

    void writesOptionalFieldsOnlyWhenPresent()
    {
        const std::string in = R"({"format": "netvirt-design", "version": 1, "name": "min",
            "logicalSwitches": [{"id": "ls", "name": "LS", "uplinkMode": "NoTeam"}],
            "hosts": [{"id": "h", "name": "H", "hostGroup": "g", "physicalNics": [{"id": "h/n"}]}],
            "vmNetworks": [{"id": "n", "name": "N", "logicalNetwork": "ln", "isolation": "None"}]})";
        auto d = io::parseDesign(in, "min.json");
        QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
        const std::string text = io::toJsonText(d.value());
        for (const char *key : {"\"emulated\"", "\"providerAddresses\"", "\"translation\"", "\"bandwidthMode\"",
                                "\"mtu\"", "\"mac\"", "\"emulation\"", "\"layout\"", "\"dns\"", "\"parent\""})
            QVERIFY2(text.find(key) == std::string::npos, key);
        QVERIFY(text.ends_with("}\n"));
        QVERIFY(text.find("\n  \"version\": 1,\n") != std::string::npos); // 2-space indent
    }

    void acceptsNullAsAbsent()
    {
        const std::string in = R"({"format": "netvirt-design", "version": 1, "name": "n", "sites": null,
            "hostGroups": [{"id": "g", "name": "G", "parent": null}], "emulation": null, "layout": null,
            "hosts": [{"id": "h", "name": "H", "hostGroup": "g", "emulated": null, "providerAddresses": null,
                       "physicalNics": [{"id": "h/n", "mtu": null}]}]})";
        auto d = io::parseDesign(in, "null.json");
        QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
        QVERIFY(!d->hostGroups[0].parent);
        QVERIFY(d->sites.empty());
        QVERIFY(!d->hosts[0].emulated && !d->hosts[0].providerAddresses);
        QVERIFY(!d->hosts[0].physicalNics[0].mtu);
    }

    void invalidContentIsNotALoadError_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value"); // JSON
        QTest::newRow("unparseable prefix") << "/sites/0/subnets/0/prefix" << R"("10.1.1.999/24")";
        QTest::newRow("host bits set") << "/vmNetworks/0/subnets/0/prefix" << R"("10.1.1.7/24")";
        QTest::newRow("VLAN 9999") << "/sites/0/subnets/0/vlan" << "9999";
        QTest::newRow("negative VSID") << "/vmNetworks/0/subnets/0/vsid" << "-5";
        QTest::newRow("bad MAC") << "/vms/0/nics/0/mac" << R"("zz:zz")";
        QTest::newRow("bad id") << "/hostGroups/0/id" << R"("has spaces")";
        QTest::newRow("dangling reference") << "/vms/0/host" << R"("host-nowhere")";
    }
    void invalidContentIsNotALoadError()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        const Json v = Json::parse(value.toStdString());
        const QByteArray bytes = mutated([&](Json &j) { j[Json::json_pointer(pointer.toStdString())] = v; });
        auto d = io::parseDesign(bytes.toStdString(), "design.json");
        QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
        QCOMPARE(io::toJson(d.value()).at(Json::json_pointer(pointer.toStdString())), v);
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qulonglong>("maxDecompressed"); // 0: default limits
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("exact"); // else: message is a prefix

        using P = Json::json_pointer;
        const auto schema = int(ErrorCode::Schema);
        QTest::newRow("empty file") << QByteArray() << 0ull << int(ErrorCode::Parse) << "design.json: empty file" << true;
        QTest::newRow("bad JSON")
            << QByteArray("{\n  \"format\": \"netvirt-design\",\n  \"version\": 1,,\n}") << 0ull << int(ErrorCode::Parse)
            << "design.json: invalid JSON at line 3, column 16: syntax error while parsing object key" << false;
        QTest::newRow("truncated JSON") << bytesOf(fixtureText().substr(0, 1000)) << 0ull << int(ErrorCode::Parse)
                                        << "design.json: invalid JSON at line " << false;
        QTest::newRow("not an object") << QByteArray("[1, 2]") << 0ull << schema << "design.json: expected an object"
                                       << true;
        QTest::newRow("newer version") << mutated([](Json &j) { j["version"] = 2; }) << 0ull << int(ErrorCode::Version)
                                       << "design.json: version: the file is version 2, newer than version 1 that "
                                          "this program reads"
                                       << true;
        QTest::newRow("version 0") << mutated([](Json &j) { j["version"] = 0; }) << 0ull << int(ErrorCode::Version)
                                   << "design.json: version: unknown version 0 (this program reads version 1)" << true;
        QTest::newRow("version as string") << mutated([](Json &j) { j["version"] = "1"; }) << 0ull << schema
                                           << "design.json: version: expected an integer" << true;
        QTest::newRow("unknown format") << mutated([](Json &j) { j["format"] = "other-thing"; }) << 0ull
                                        << int(ErrorCode::Version)
                                        << R"(design.json: format: unknown format "other-thing" (expected "netvirt-design"))"
                                        << true;
        QTest::newRow("missing format") << mutated([](Json &j) { j.erase("format"); }) << 0ull << int(ErrorCode::Version)
                                        << R"(design.json: not a NetVirt design: missing "format": "netvirt-design")"
                                        << true;
        QTest::newRow("wrong type: object for array")
            << mutated([](Json &j) { j["hosts"][2]["physicalNics"] = Json::object(); }) << 0ull << schema
            << "design.json: hosts[2].physicalNics: expected an array" << true;
        QTest::newRow("wrong type: number for id")
            << mutated([](Json &j) { j["vms"][0]["nics"][0]["vmNetwork"] = 5; }) << 0ull << schema
            << "design.json: vms[0].nics[0].vmNetwork: expected a string" << true;
        QTest::newRow("wrong type: float for integer")
            << mutated([](Json &j) { j["sites"][0]["subnets"][0]["vlan"] = 1.5; }) << 0ull << schema
            << "design.json: sites[0].subnets[0].vlan: expected an integer" << true;
        QTest::newRow("wrong type: string for bool")
            << mutated([](Json &j) { j["vnicPortProfiles"][0]["offload"]["vmq"] = "yes"; }) << 0ull << schema
            << "design.json: vnicPortProfiles[0].offload.vmq: expected a boolean" << true;
        QTest::newRow("wrong type: top-level array")
            << mutated([](Json &j) { j["gateways"] = "none"; }) << 0ull << schema
            << "design.json: gateways: expected an array" << true;
        QTest::newRow("wrong type: emulation") << mutated([](Json &j) { j["emulation"] = Json::array(); }) << 0ull
                                               << schema << "design.json: emulation: expected an object" << true;
        QTest::newRow("wrong type: layout node")
            << mutated([](Json &j) { j[P("/layout/nodes/host-a/x")] = "10"; }) << 0ull << schema
            << R"(design.json: layout.nodes["host-a"].x: expected a number)" << true;
        QTest::newRow("required null") << mutated([](Json &j) { j["hostGroups"][0]["name"] = nullptr; }) << 0ull
                                       << schema << "design.json: hostGroups[0].name: expected a string, got null"
                                       << true;
        QTest::newRow("missing required key") << mutated([](Json &j) { j["vms"][0].erase("host"); }) << 0ull << schema
                                              << "design.json: vms[0].host: missing required key" << true;
        QTest::newRow("missing nested required key")
            << mutated([](Json &j) { j[P("/hosts/0/switches/0/adapters/1")].erase("uplinkProfile"); }) << 0ull
            << schema << "design.json: hosts[0].switches[0].adapters[1].uplinkProfile: missing required key" << true;
        QTest::newRow("missing name") << mutated([](Json &j) { j.erase("name"); }) << 0ull << schema
                                      << "design.json: name: missing required key" << true;
        QTest::newRow("unknown enum")
            << mutated([](Json &j) { j["logicalSwitches"][0]["uplinkMode"] = "Foo"; }) << 0ull << schema
            << R"(design.json: logicalSwitches[0].uplinkMode: unknown value "Foo" (allowed: "Team" or "NoTeam"))"
            << true;
        QTest::newRow("unknown nested enum")
            << mutated([](Json &j) { j[P("/uplinkPortProfiles/0/teaming/mode")] = "Active"; }) << 0ull << schema
            << R"(design.json: uplinkPortProfiles[0].teaming.mode: unknown value "Active" (allowed: "SwitchIndependent", "LACP" or "Static"))"
            << true;
        QTest::newRow("enum case matters")
            << mutated([](Json &j) { j["gateways"][0]["mode"] = "Nat"; }) << 0ull << schema
            << R"(design.json: gateways[0].mode: unknown value "Nat" (allowed: "Forward" or "NAT"))" << true;

        const std::string z = zstdOf(fixtureText());
        QTest::newRow("truncated zstd") << bytesOf(z.substr(0, z.size() - 8)) << 0ull << int(ErrorCode::Parse)
                                        << "design.json: " << false;
        QTest::newRow("corrupt zstd") << QByteArray("\x28\xB5\x2F\xFD garbage after the magic", 30) << 0ull
                                      << int(ErrorCode::Parse) << "design.json: corrupt zstd data: " << false;

        Design big;
        big.name = std::string(1 << 20, 'A');
        const std::string bomb = io::encode(big, io::FileFormat::Zstd).value();
        QVERIFY(bomb.size() < 1000);
        QTest::newRow("zstd bomb") << bytesOf(bomb) << 65536ull << int(ErrorCode::Limit)
                                   << "design.json: decompressed size exceeds the limit of 65536 bytes; refusing to load"
                                   << true;
        QTest::newRow("plain JSON over the limit") << bytesOf(fixtureText()) << 1000ull << int(ErrorCode::Limit)
                                                   << "design.json: file larger than the limit of 1000 bytes" << true;

        const std::string deep = std::string(100000, '[') + std::string(100000, ']');
        QTest::newRow("deep nesting") << bytesOf(deep) << 0ull << int(ErrorCode::Limit)
                                      << "design.json: JSON nesting deeper than the limit of 64 levels" << true;
        std::string deepInside = R"({"format": "netvirt-design", "version": 1, "name": "n", "x": )";
        for (int i = 0; i < 64; ++i)
            deepInside += "{\"a\": ";
        deepInside += "1" + std::string(64, '}') + "}";
        QTest::newRow("deep nesting inside a design") << bytesOf(deepInside) << 0ull << int(ErrorCode::Limit)
                                                      << "design.json: JSON nesting deeper than the limit of 64 levels"
                                                      << true;
    }
    void rejectsBadInput()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qulonglong, maxDecompressed);
        QFETCH(int, code);
        QFETCH(QString, message);
        QFETCH(bool, exact);
        io::LoadLimits limits;
        if (maxDecompressed)
            limits.maxDecompressedBytes = maxDecompressed;
        auto d = io::parseDesign(std::string_view(bytes.constData(), std::size_t(bytes.size())), "design.json", limits);
        QVERIFY(!d.ok());
        const QString got = QString::fromStdString(d.error().message);
        if (exact)
            QCOMPARE(got, message);
        else
            QVERIFY2(got.startsWith(message), qPrintable(got));
        QCOMPARE(int(d.error().code), code);
    }

    void acceptsNestingUpToTheLimit()
    {
        std::string text = R"({"format": "netvirt-design", "version": 1, "name": "n", "x": )";
        for (int i = 0; i < 63; ++i) // the design object is level 1, "x" adds 63 more: 64
            text += "[";
        text += std::string(63, ']') + "}";
        auto d = io::parseDesign(text, "ok.json");
        QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
        io::LoadLimits tight;
        tight.maxDepth = 10;
        QCOMPARE(int(io::parseDesign(text, "ok.json", tight).error().code), int(ErrorCode::Limit));
    }

    void truncatedJsonNamesLineAndColumn()
    {
        const std::string text = "{\n  \"format\": \"netvirt-design\",\n  \"name\": \"unterminated";
        auto d = io::parseDesign(text, "t.json");
        QVERIFY(!d.ok());
        QVERIFY2(d.error().message.starts_with("t.json: invalid JSON at line 3, column "), d.error().message.c_str());
    }

    void refusesZstdBombFile()
    {
        io::LoadLimits limits;
        limits.maxDecompressedBytes = 1 << 20;
        auto d = io::loadDesign(dataPath("bomb.netvirt"), limits);
        QVERIFY(!d.ok());
        QCOMPARE(d.error().code, ErrorCode::Limit);
        QVERIFY2(d.error().message.find("bomb.netvirt: decompressed size exceeds the limit of 1048576 bytes")
                     != std::string::npos,
                 d.error().message.c_str());
        // Within the default limits the same small file is an ordinary (large-named) design.
        auto ok = io::loadDesign(dataPath("bomb.netvirt"));
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().message.c_str());
        QCOMPARE(ok->name.size(), std::size_t(8) << 20);
    }

    void zstdAndJsonAreTheSameDesign()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string z = dir.filePath("design.netvirt").toStdString();
        const std::string back = dir.filePath("back.json").toStdString();
        auto d = io::loadDesign(dataPath("all-entities.json"));
        QVERIFY(d.ok());
        QVERIFY(io::saveDesign(d.value(), z).ok());
        const std::string zbytes = readAll(z);
        QVERIFY(zbytes.size() < fixtureText().size());
        QCOMPARE(zbytes.substr(0, 4), std::string("\x28\xB5\x2F\xFD", 4));
        auto fromZ = io::loadDesign(z);
        QVERIFY2(fromZ.ok(), fromZ.ok() ? "" : fromZ.error().message.c_str());
        QVERIFY(io::saveDesign(fromZ.value(), back).ok());
        QCOMPARE(readAll(back), fixtureText());
        // Saving the same design again gives the same compressed bytes.
        QVERIFY(io::saveDesign(fromZ.value(), z).ok());
        QCOMPARE(readAll(z), zbytes);
    }

    void recognisesZstdByMagicNotByName()
    {
        QTemporaryDir dir;
        const std::string misnamedZ = dir.filePath("really-zstd.json").toStdString();
        const std::string misnamedJ = dir.filePath("really-json.netvirt").toStdString();
        writeAll(misnamedZ, zstdOf(fixtureText()));
        writeAll(misnamedJ, fixtureText());
        for (const auto &p : {misnamedZ, misnamedJ}) {
            auto d = io::loadDesign(p);
            QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
            QCOMPARE(io::toJsonText(d.value()), fixtureText());
        }
    }

    void formatForPathUsesTheExtension_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("json");
        QTest::newRow("json") << "a/b/design.json" << true;
        QTest::newRow("JSON upper case") << "DESIGN.JSON" << true;
        QTest::newRow("netvirt") << "design.netvirt" << false;
        QTest::newRow("no extension") << "design" << false;
        QTest::newRow("json in the middle") << "design.json.bak" << false;
    }
    void formatForPathUsesTheExtension()
    {
        QFETCH(QString, path);
        QFETCH(bool, json);
        QCOMPARE(io::formatForPath(path.toStdString()) == io::FileFormat::Json, json);
    }

    void missingFileNamesPathAndReason()
    {
        auto d = io::loadDesign("/nonexistent-dir/design.json");
        QVERIFY(!d.ok());
        QCOMPARE(d.error().code, ErrorCode::Io);
        QCOMPARE(QString::fromStdString(d.error().message),
                 QStringLiteral("cannot open \"/nonexistent-dir/design.json\": No such file or directory"));
    }

    void refusesOversizedFile()
    {
        io::LoadLimits limits;
        limits.maxFileBytes = 100;
        auto d = io::loadDesign(dataPath("all-entities.json"), limits);
        QVERIFY(!d.ok());
        QCOMPARE(d.error().code, ErrorCode::Limit);
    }

    void saveReplacesContent()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("d.json").toStdString();
        Design a;
        a.name = "first";
        Design b;
        b.name = "second";
        QVERIFY(io::saveDesign(a, path).ok());
        QVERIFY(io::saveDesign(b, path).ok());
        auto loaded = io::loadDesign(path);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->name, std::string("second"));
        QCOMPARE(readAll(path), io::toJsonText(b));
        QVERIFY(tempLeftovers(dir.path()).isEmpty());
    }

    void saveKeepsFileMode()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("d.netvirt").toStdString();
        Design a;
        a.name = "mode";
        QVERIFY(io::saveDesign(a, path).ok());
        QCOMPARE(::chmod(path.c_str(), 0640), 0);
        QVERIFY(io::saveDesign(a, path).ok());
        struct stat st {};
        QCOMPARE(::stat(path.c_str(), &st), 0);
        QCOMPARE(int(st.st_mode & 07777), 0640);
    }

    void interruptedSaveKeepsOldFile_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<QString>("action");
        QTest::newRow("write fails (disk full)") << int(io::detail::WriteFault::Write) << "cannot write";
        QTest::newRow("fsync fails") << int(io::detail::WriteFault::Fsync) << "cannot flush";
        QTest::newRow("rename fails") << int(io::detail::WriteFault::Rename) << "cannot replace";
    }
    void interruptedSaveKeepsOldFile()
    {
        QFETCH(int, fault);
        QFETCH(QString, action);
        QTemporaryDir dir;
        const std::string path = dir.filePath("d.json").toStdString();
        auto old = io::loadDesign(dataPath("all-entities.json"));
        QVERIFY(old.ok());
        QVERIFY(io::saveDesign(old.value(), path).ok());
        Design other;
        other.name = "other";
        io::detail::injectWriteFault(io::detail::WriteFault(fault));
        auto r = io::saveDesign(other, path);
        io::detail::injectWriteFault(io::detail::WriteFault::None);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Io);
        QCOMPARE(QString::fromStdString(r.error().message),
                 action + " \"" + QString::fromStdString(path) + "\": " + QString::fromLocal8Bit(std::strerror(EIO)));
        QCOMPARE(readAll(path), fixtureText());
        QVERIFY2(tempLeftovers(dir.path()).isEmpty(), qPrintable(tempLeftovers(dir.path()).join(',')));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"d.json"});
    }

    void saveIntoReadOnlyDirectoryFails()
    {
        if (::geteuid() == 0)
            QSKIP("root ignores directory permissions; the fault-injection rows cover this path");
        QTemporaryDir dir;
        const std::string path = dir.filePath("d.json").toStdString();
        Design a;
        a.name = "old";
        QVERIFY(io::saveDesign(a, path).ok());
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        Design b;
        b.name = "new";
        auto r = io::saveDesign(b, path);
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("Permission denied") != std::string::npos);
        QCOMPARE(readAll(path), io::toJsonText(a));
    }

    void saveIntoMissingDirectoryFails()
    {
        Design a;
        auto r = io::saveDesign(a, "/nonexistent-dir/sub/d.json");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Io);
        QCOMPARE(QString::fromStdString(r.error().message),
                 QStringLiteral("cannot create a temporary file for \"/nonexistent-dir/sub/d.json\": No such file or directory"));
    }

    void saveOntoDirectoryFails()
    {
        QTemporaryDir dir;
        Design a;
        auto r = io::saveDesign(a, dir.path().toStdString());
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("Is a directory") != std::string::npos);
    }

    void corruptLoadLeavesLoadedDesignUntouched()
    {
        QTemporaryDir dir;
        const std::string bad = dir.filePath("bad.json").toStdString();
        writeAll(bad, mutated([](Json &j) { j["hosts"][2]["physicalNics"] = 7; }).toStdString());
        auto first = io::loadDesign(dataPath("all-entities.json"));
        QVERIFY(first.ok());
        Design current = std::move(first).value();
        const std::string before = io::toJsonText(current);
        for (const std::string &path : {bad, dataPath("bomb.netvirt"), std::string("/nonexistent.json")}) {
            io::LoadLimits limits;
            limits.maxDecompressedBytes = 4096;
            auto attempt = io::loadDesign(path, limits);
            QVERIFY(!attempt.ok());
            if (attempt.ok())
                current = std::move(attempt).value(); // what a document would do on success
        }
        QCOMPARE(io::toJsonText(current), before);
        QVERIFY(current.host("host-a") != nullptr);
    }
};

QTEST_GUILESS_MAIN(TstDesignIo)
#include "tst_design_io.moc"
