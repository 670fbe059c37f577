// The policy compiler and its printers: the compiled JSON of every bundled example against
// expectations written by hand from reading the example (tests/data/policy/), GUID and SHA-1
// derivations against independent reference values, and the PowerShell script's cmdlets.
#include <QtTest>

#include <fstream>
#include <sstream>

#include <netvirt/core/io/design_io.h>
#include <netvirt/core/policy/policy.h>

using namespace netvirt::core;

namespace {

std::string sourcePath(const std::string &rel) { return std::string(NETVIRT_SOURCE_DIR) + "/" + rel; }

Design loadExample(const std::string &name)
{
    auto d = io::loadDesign(sourcePath("resources/examples/" + name + ".json"));
    if (!d)
        qFatal("cannot load example %s: %s", name.c_str(), d.error().message.c_str());
    return std::move(d).value();
}

std::string hex(const std::array<std::uint8_t, 20> &h)
{
    static const char *digits = "0123456789abcdef";
    std::string s;
    for (auto b : h) {
        s.push_back(digits[b >> 4]);
        s.push_back(digits[b & 15]);
    }
    return s;
}

} // namespace

class TestPolicy : public QObject {
    Q_OBJECT

private slots:
    void sha1MatchesFips180Vectors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("digest");
        QTest::newRow("empty") << QByteArray("") << "da39a3ee5e6b4b0d3255bfef95601890afd80709";
        QTest::newRow("abc") << QByteArray("abc") << "a9993e364706816aba3e25717850c26c9cd0d89d";
        QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                  << "84983e441c3bd26ebaae4aa1f95129e5e54670f1";
        QTest::newRow("million a") << QByteArray(1000000, 'a') << "34aa973cd4c4daa4f61eeb2bdbad27316534016f";
    }
    void sha1MatchesFips180Vectors()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, digest);
        QCOMPARE(QString::fromStdString(hex(policy::sha1(std::string_view(input.constData(), input.size())))), digest);
    }

    // Reference values from Python's uuid.uuid5 (an independent implementation of RFC 4122).
    void guidsAreNameBasedUuidV5()
    {
        QCOMPARE(QString::fromStdString(policy::routingDomainGuid("vmn-red").toString()),
                 QStringLiteral("{B80CF7A8-A7FE-59CD-B42B-1B9B530A459D}"));
        QCOMPARE(QString::fromStdString(policy::customerGuid("vmn-red").toString()),
                 QStringLiteral("{D3101EC2-FB73-5C41-98CF-5B7B032D3D8A}"));
        QCOMPARE(QString::fromStdString(policy::routingDomainGuid("vmn-blue").toString()),
                 QStringLiteral("{CB11A918-7B37-5567-9DD5-46C2C0E5FC32}"));
        QVERIFY(policy::routingDomainGuid("a") != policy::routingDomainGuid("b"));
        QVERIFY(policy::routingDomainGuid("a") != policy::customerGuid("a"));
    }

    void routerMacIsLocallyAdministeredAndDerivedFromTheRdid()
    {
        const auto rdid = policy::routingDomainGuid("vmn-red");
        const auto mac = policy::routerMac(rdid);
        QCOMPARE(QString::fromStdString(mac), QStringLiteral("0A:B8:0C:F7:A8:A7"));
        QVERIFY(policy::routerMac(policy::routingDomainGuid("vmn-blue")) != mac);
    }

    void compiledJsonMatchesHandCheckedExpectation_data()
    {
        QTest::addColumn<QString>("example");
        for (const char *name : {"red-blue", "three-tier", "converged-host", "rewrite", "broken"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void compiledJsonMatchesHandCheckedExpectation()
    {
        QFETCH(QString, example);
        const Design d = loadExample(example.toStdString());
        const auto got = policy::policyToJson(policy::compile(d));
        std::ifstream in(sourcePath("tests/data/policy/" + example.toStdString() + ".json"));
        QVERIFY(in.good());
        const Json want = Json::parse(in);
        for (const char *key : {"providerAddresses", "lookupRecords", "customerRoutes"}) {
            QVERIFY2(got.contains(key), key);
            const auto &g = got[key];
            const auto &w = want[key];
            QCOMPARE(g.size(), w.size());
            for (std::size_t i = 0; i < g.size(); ++i)
                QVERIFY2(g[i] == w[i], (std::string(key) + "[" + std::to_string(i) + "]: got " + g[i].dump()
                                        + " want " + w[i].dump())
                                           .c_str());
        }
        // Exactly CLI.md's three keys, in that order.
        std::vector<std::string> keys;
        for (auto it = got.begin(); it != got.end(); ++it)
            keys.push_back(it.key());
        QCOMPARE(keys, (std::vector<std::string>{"providerAddresses", "lookupRecords", "customerRoutes"}));
    }

    void printedJsonIsStable()
    {
        const Design d = loadExample("three-tier");
        const auto a = policy::printPolicyJson(policy::compile(d));
        const auto b = policy::printPolicyJson(policy::compile(d));
        QCOMPARE(a, b);
        QVERIFY(Json::parse(a).is_object());
    }

    void portsCarryPortProfileAndSubnetFacts()
    {
        const Design d = loadExample("three-tier");
        const auto p = policy::compile(d);
        const policy::PortPolicy *db = nullptr;
        for (const auto &port : p.ports)
            if (port.nic == "vm-ct-db1/nic0")
                db = &port;
        QVERIFY(db);
        QCOMPARE(db->vsid, 7003u);
        QCOMPARE(QString::fromStdString(db->address), QStringLiteral("10.0.3.10"));
        QCOMPARE(db->prefixLength, 24);
        QCOMPARE(QString::fromStdString(db->gatewayAddress), QStringLiteral("10.0.3.1"));
        QCOMPARE(QString::fromStdString(db->mac), QStringLiteral("00:1D:D8:B7:1C:14"));
        QCOMPARE(p.routingDomains.size(), std::size_t{1});
        QCOMPARE(p.routingDomains[0].subnets.size(), std::size_t{3});
        QCOMPARE(p.gateways.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(p.gateways[0].providerAddress), QStringLiteral("192.168.10.10"));
    }

    void hostsGetNicMacsMtuAndTeams()
    {
        const Design d = loadExample("red-blue");
        const auto p = policy::compile(d);
        QCOMPARE(p.hosts.size(), std::size_t{2});
        const auto &a = p.hosts[0];
        QCOMPARE(a.nics.size(), std::size_t{2});
        for (const auto &n : a.nics)
            QVERIFY(!n.mac.empty());
        QCOMPARE(a.providerMtu, std::int64_t{1542});
        QCOMPARE(a.teams.size(), std::size_t{1});
        QCOMPARE(a.teams[0].members.size(), std::size_t{2});
        // Two provider subnets, each with a gateway from its pool and a derived MAC.
        QCOMPARE(p.providerSubnets.size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(p.providerSubnets[0].gatewayAddress), QStringLiteral("192.168.1.1"));
        QVERIFY(p.providerSubnets[0].gatewayMac != p.providerSubnets[1].gatewayMac);
    }

    void powerShellHasFabricAndPerHostCmdlets()
    {
        const Design d = loadExample("red-blue");
        const auto ps = policy::printPolicyPowerShell(d, policy::compile(d));
        for (const char *cmdlet : {"New-SCLogicalNetwork ", "New-SCLogicalNetworkDefinition ", "New-SCStaticIPAddressPool ",
                                   "New-SCNativeUplinkPortProfile ", "New-SCLogicalSwitch ", "New-SCVMNetwork ",
                                   "New-SCVMSubnet ", "New-SCMACAddressPool "})
            QVERIFY2(ps.find(cmdlet) != std::string::npos, cmdlet);
        // NIC1 and NIC2 are teamed: the PA goes on the team interface the virtual switch is bound to.
        QVERIFY(ps.find("New-NetVirtualizationProviderAddress -InterfaceIndex (Get-NetAdapter -InterfaceDescription "
                        "(Get-VMSwitch -Name \"Production switch\").NetAdapterInterfaceDescription).InterfaceIndex "
                        "-ProviderAddress \"192.168.1.10\" -PrefixLength 24 -VlanID 0")
                != std::string::npos);
        QVERIFY(ps.find("New-NetVirtualizationLookupRecord -CustomerAddress \"10.1.1.7\" -VirtualSubnetID 5001 -MACAddress "
                        "\"001DD8B71C02\" -ProviderAddress \"192.168.1.10\" -Rule \"TranslationMethodEncap\" -VMName "
                        "\"RED-WEB1\" -CustomerID \"{D3101EC2-FB73-5C41-98CF-5B7B032D3D8A}\"")
                != std::string::npos);
        QVERIFY(ps.find("New-NetVirtualizationCustomerRoute -RoutingDomainID \"{B80CF7A8-A7FE-59CD-B42B-1B9B530A459D}\" "
                        "-VirtualSubnetID 5001 -DestinationPrefix \"10.1.1.0/24\" -NextHop \"0.0.0.0\" -Metric 255")
                != std::string::npos);
        // Each host gets its own section, both routing domains' records on both hosts.
        QVERIFY(ps.find("# Host HV01 (host-a)") != std::string::npos || ps.find("(host-a)") != std::string::npos);
        std::size_t count = 0;
        for (auto pos = ps.find("New-NetVirtualizationLookupRecord"); pos != std::string::npos;
             pos = ps.find("New-NetVirtualizationLookupRecord", pos + 1))
            ++count;
        QCOMPARE(count, std::size_t{8});
    }

    void powerShellUsesNatRuleForRewrite()
    {
        const Design d = loadExample("rewrite");
        const auto ps = policy::printPolicyPowerShell(d, policy::compile(d));
        QVERIFY(ps.find("-Rule \"TranslationMethodNat\"") != std::string::npos);
        QVERIFY(ps.find("-ProviderAddress \"192.168.20.11\" -PrefixLength 24") != std::string::npos);
    }

    void powerShellEscapesQuotesAndDollars()
    {
        Design d = loadExample("red-blue");
        d.vms[0].name = "RED\"$WEB";
        d.reindex();
        const auto ps = policy::printPolicyPowerShell(d, policy::compile(d));
        QVERIFY(ps.find("-VMName \"RED`\"`$WEB\"") != std::string::npos);
    }

    void vlanComesFromTheSiteSubnet()
    {
        const Design d = loadExample("converged-host");
        const auto p = policy::compile(d);
        QCOMPARE(p.providerAddresses.size(), std::size_t{2});
        QCOMPARE(p.providerAddresses[0].vlanId, 10);
        QCOMPARE(QString::fromStdString(p.providerAddresses[0].site), QStringLiteral("site-prod"));
        // Standard VM networks get ports but no lookup records.
        QCOMPARE(p.lookupRecords.size(), std::size_t{2});
        QCOMPARE(p.ports.size(), std::size_t{4});
    }
};

QTEST_GUILESS_MAIN(TestPolicy)
#include "tst_policy.moc"
