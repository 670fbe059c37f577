// IPAM (FORMAT.md, ipam.h): provider addresses in host id order from the pools a host reaches,
// skipping reserved, gateway and used addresses; IP Rewrite PAs; customer and standard pool
// addresses; MACs scoped by host group ancestry; exhaustion naming the pool; determinism.
#include <netvirt/core/io/design_io.h>
#include <netvirt/core/ipam/ipam.h>
#include <netvirt/core/net/address.h>

#include <QtTest>

#include <algorithm>
#include <string>
#include <vector>

using namespace netvirt::core;

namespace {

// A small design: All Hosts > Milan > Rack 1, and Rome; one NV logical network with a Milan
// site (192.168.1.0/24) carried by the production uplink of a teamed switch; Red and Blue
// isolated networks both on 10.1.1.0/24; a standard Management network on its own site.
struct Builder {
    Design d;

    Builder()
    {
        d.name = "ipam test";
        d.hostGroups = {
            {"hg-root", "All Hosts", std::nullopt, {}},
            {"hg-milan", "Milan", Id("hg-root"), {}},
            {"hg-rack1", "Rack 1", Id("hg-milan"), {}},
            {"hg-rome", "Rome", Id("hg-root"), {}},
        };
        d.logicalNetworks = {{"ln-prod", "Production", true, {}}, {"ln-mgmt", "Management", false, {}}};
        Site milan;
        milan.id = "site-milan";
        milan.name = "Milan production";
        milan.logicalNetwork = "ln-prod";
        milan.hostGroups = {"hg-milan"};
        milan.subnets = {{"192.168.1.0/24", 0, {}}};
        Site mgmt;
        mgmt.id = "site-mgmt";
        mgmt.name = "Management";
        mgmt.logicalNetwork = "ln-mgmt";
        mgmt.hostGroups = {"hg-root"};
        mgmt.subnets = {{"172.16.0.0/24", 20, {}}};
        d.sites = {milan, mgmt};
        d.ipPools = {sitePool("pool-pa", "site-milan", "192.168.1.0/24", "192.168.1.10", "192.168.1.20", "192.168.1.1")};
        UplinkPortProfile up;
        up.id = "up-prod";
        up.name = "Production uplink";
        up.sites = {"site-milan", "site-mgmt"};
        up.networkVirtualization = true;
        d.uplinkPortProfiles = {up};
        d.vnicPortProfiles = {{"vp", "Adapter", {}, {}, {}, {}}};
        d.portClassifications = {{"pc", "Default", std::nullopt, {}}};
        LogicalSwitch ls;
        ls.id = "ls-prod";
        ls.name = "Production switch";
        ls.uplinkMode = UplinkMode::Team;
        ls.uplinkProfiles = {"up-prod"};
        ls.virtualPorts = {{"pc", "vp", true, {}}};
        d.logicalSwitches = {ls};
        VmNetwork red;
        red.id = "vmn-red";
        red.name = "Red";
        red.logicalNetwork = "ln-prod";
        red.isolation = Isolation::NetworkVirtualization;
        red.subnets = {{"vms-red", std::nullopt, "10.1.1.0/24", 5001, {}}};
        VmNetwork blue = red;
        blue.id = "vmn-blue";
        blue.name = "Blue";
        blue.subnets = {{"vms-blue", std::nullopt, "10.1.1.0/24", 6001, {}}};
        VmNetwork mgmtNet;
        mgmtNet.id = "vmn-mgmt";
        mgmtNet.name = "Management";
        mgmtNet.logicalNetwork = "ln-mgmt";
        d.vmNetworks = {red, blue, mgmtNet};
    }

    static IpPool sitePool(const Id &id, const Id &site, const std::string &subnet, const std::string &start,
                           const std::string &end, std::optional<std::string> gateway = std::nullopt)
    {
        IpPool p;
        p.id = id;
        p.name = id;
        p.site = site;
        p.subnet = subnet;
        p.start = start;
        p.end = end;
        p.gateway = std::move(gateway);
        return p;
    }

    static IpPool subnetPool(const Id &id, const Id &vmSubnet, const std::string &start, const std::string &end)
    {
        IpPool p;
        p.id = id;
        p.name = id;
        p.vmSubnet = vmSubnet;
        p.start = start;
        p.end = end;
        return p;
    }

    Host &addHost(const Id &id, const Id &group, std::vector<std::string> pas = {})
    {
        Host h;
        h.id = id;
        h.name = id;
        h.hostGroup = group;
        PhysicalNic nic;
        nic.id = id + "/nic1";
        nic.mtu = 1542;
        h.physicalNics = {nic};
        HostSwitch sw;
        sw.logicalSwitch = "ls-prod";
        sw.adapters = {{nic.id, "up-prod", {}}};
        h.switches = {sw};
        if (!pas.empty())
            h.providerAddresses = pas;
        d.hosts.push_back(h);
        return d.hosts.back();
    }

    VmNic &addVm(const Id &id, const Id &host, const Id &network, std::optional<Id> subnet, IpMode mode,
                 std::optional<std::string> ip = std::nullopt, Provisioning prov = Provisioning::Template)
    {
        Vm vm;
        vm.id = id;
        vm.name = id;
        vm.host = host;
        vm.provisioning = prov;
        VmNic nic;
        nic.id = id + "/nic0";
        nic.vmNetwork = network;
        nic.vmSubnet = std::move(subnet);
        nic.logicalSwitch = "ls-prod";
        nic.classification = "pc";
        nic.ipMode = mode;
        nic.ip = std::move(ip);
        vm.nics = {nic};
        d.vms.push_back(vm);
        return d.vms.back().nics.back();
    }

    Design done()
    {
        d.reindex();
        return d;
    }
};

std::vector<std::string> pasOf(const ipam::Allocation &a, const Id &host)
{
    auto it = a.providerAddresses.find(host);
    return it == a.providerAddresses.end() ? std::vector<std::string>{} : it->second;
}

std::string at(const std::unordered_map<Id, std::string> &m, const Id &key)
{
    auto it = m.find(key);
    return it == m.end() ? std::string("<none>") : it->second;
}

QString join(const std::vector<std::string> &v)
{
    QStringList l;
    for (const auto &s : v)
        l << QString::fromStdString(s);
    return l.join(',');
}

QString q(const std::string &s) { return QString::fromStdString(s); }

} // namespace

class TestIpam : public QObject {
    Q_OBJECT

private slots:
    void providerAddressesFollowHostIdOrder();
    void providerAddressSkipsUnavailable_data();
    void providerAddressSkipsUnavailable();
    void providerAddressNeedsNetworkVirtualizedSiteInScope();
    void rewriteTakesOnePaPerVnic();
    void rewriteUsesGivenAddressesFirst();
    void rewriteAddressComesFromTheVnicsLogicalNetwork();
    void poolModeCustomerAddresses();
    void standardNetworkPoolAddress();
    void macScopedByHostGroupAncestry_data();
    void macScopedByHostGroupAncestry();
    void macSkipsTakenMacs();
    void exhaustionNamesThePool();
    void hostWithoutReachableSiteIsReported();
    void poolUseCountsAddressesInRange();
    void applyWritesOnlyMissingFields();
    void allocationIsDeterministic();
    void derivedNicMacIsLocalUnicastAndStable();
    void rewriteExampleAllocatesAsDocumented();
};

void TestIpam::providerAddressesFollowHostIdOrder()
{
    Builder b;
    // Byte-wise order: "host-B" (0x42) sorts before "host-a" (0x61).
    b.addHost("host-c", "hg-milan");
    b.addHost("host-a", "hg-rack1");
    b.addHost("host-B", "hg-milan");
    const Design d = b.done();
    const auto a = ipam::allocate(d);
    QCOMPARE(join(pasOf(a, "host-B")), QString("192.168.1.10"));
    QCOMPARE(join(pasOf(a, "host-a")), QString("192.168.1.11"));
    QCOMPARE(join(pasOf(a, "host-c")), QString("192.168.1.12"));
    QVERIFY(a.shortages.empty());
    QVERIFY(a.hostsWithoutProvider.empty());
}

void TestIpam::providerAddressSkipsUnavailable_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("end");
    QTest::addColumn<QString>("gateway");
    QTest::addColumn<QStringList>("reserved");
    QTest::addColumn<QStringList>("given");      // other hosts' given PAs (used in the LN)
    QTest::addColumn<QStringList>("expected");   // hosts host-1, host-2 in order

    QTest::newRow("lowest first") << "192.168.1.10" << "192.168.1.20" << "" << QStringList{} << QStringList{}
                                  << QStringList{"192.168.1.10", "192.168.1.11"};
    QTest::newRow("gateway in range is skipped")
        << "192.168.1.1" << "192.168.1.20" << "192.168.1.1" << QStringList{} << QStringList{}
        << QStringList{"192.168.1.2", "192.168.1.3"};
    QTest::newRow("reserved address and range are skipped")
        << "192.168.1.10" << "192.168.1.20" << "" << QStringList{"192.168.1.10", "192.168.1.12-192.168.1.14"}
        << QStringList{} << QStringList{"192.168.1.11", "192.168.1.15"};
    QTest::newRow("used by a given PA is skipped")
        << "192.168.1.10" << "192.168.1.20" << "" << QStringList{} << QStringList{"192.168.1.10", "192.168.1.12"}
        << QStringList{"192.168.1.11", "192.168.1.13"};
    QTest::newRow("network address is never allocated")
        << "192.168.1.0" << "192.168.1.20" << "" << QStringList{} << QStringList{}
        << QStringList{"192.168.1.1", "192.168.1.2"};
    QTest::newRow("range clipped to the subnet, broadcast excluded")
        << "192.168.1.254" << "192.168.2.20" << "" << QStringList{} << QStringList{}
        << QStringList{"192.168.1.254", ""};
    QTest::newRow("everything together")
        << "192.168.1.1" << "192.168.1.9" << "192.168.1.1" << QStringList{"192.168.1.2-192.168.1.3"}
        << QStringList{"192.168.1.4"} << QStringList{"192.168.1.5", "192.168.1.6"};
}

void TestIpam::providerAddressSkipsUnavailable()
{
    QFETCH(QString, start);
    QFETCH(QString, end);
    QFETCH(QString, gateway);
    QFETCH(QStringList, reserved);
    QFETCH(QStringList, given);
    QFETCH(QStringList, expected);

    Builder b;
    IpPool &p = b.d.ipPools[0];
    p.start = start.toStdString();
    p.end = end.toStdString();
    p.gateway = gateway.isEmpty() ? std::nullopt : std::optional<std::string>(gateway.toStdString());
    for (const QString &r : reserved)
        p.reserved.push_back(r.toStdString());
    int n = 0;
    for (const QString &g : given)
        b.addHost("host-0" + std::to_string(n++), "hg-rome", {g.toStdString()}); // sorts first, no pool
    b.addHost("host-1", "hg-milan");
    b.addHost("host-2", "hg-milan");
    const auto a = ipam::allocate(b.done());
    QCOMPARE(join(pasOf(a, "host-1")), expected[0]);
    QCOMPARE(join(pasOf(a, "host-2")), expected[1]);
}

void TestIpam::providerAddressNeedsNetworkVirtualizedSiteInScope()
{
    Builder b;
    // A pool on the management site (not network-virtualized) is never a PA pool.
    b.d.ipPools.push_back(Builder::sitePool("pool-mgmt", "site-mgmt", "172.16.0.0/24", "172.16.0.10", "172.16.0.20"));
    b.d.ipPools.erase(b.d.ipPools.begin());
    b.addHost("host-a", "hg-milan");
    const auto a = ipam::allocate(b.done());
    QVERIFY(pasOf(a, "host-a").empty());

    // The Milan site is scoped to Milan: a Rome host does not reach it, a Rack 1 host does.
    Builder c;
    c.addHost("host-rome", "hg-rome");
    c.addHost("host-rack", "hg-rack1");
    const auto a2 = ipam::allocate(c.done());
    QVERIFY(pasOf(a2, "host-rome").empty());
    QCOMPARE(join(pasOf(a2, "host-rack")), QString("192.168.1.10"));
}

void TestIpam::rewriteTakesOnePaPerVnic()
{
    Builder b;
    b.d.vmNetworks[0].translation = Translation::Rewrite;
    b.addHost("host-a", "hg-milan");
    b.addHost("host-b", "hg-milan");
    b.addVm("vm-red2", "host-a", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.8");
    b.addVm("vm-red1", "host-a", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.7");
    b.addVm("vm-blue1", "host-a", "vmn-blue", Id("vms-blue"), IpMode::Static, "10.1.1.7"); // Encap: no PA
    b.addVm("vm-red3", "host-b", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.9");
    const auto a = ipam::allocate(b.done());
    QCOMPARE(join(pasOf(a, "host-a")), QString("192.168.1.10,192.168.1.11,192.168.1.12"));
    QCOMPARE(q(at(a.rewriteAddress, "vm-red1/nic0")), QString("192.168.1.11"));
    QCOMPARE(q(at(a.rewriteAddress, "vm-red2/nic0")), QString("192.168.1.12"));
    QCOMPARE(join(pasOf(a, "host-b")), QString("192.168.1.13,192.168.1.14"));
    QCOMPARE(q(at(a.rewriteAddress, "vm-red3/nic0")), QString("192.168.1.14"));
    QVERIFY(!a.rewriteAddress.count("vm-blue1/nic0"));
    QVERIFY(a.rewriteNicsWithoutProvider.empty());
}

void TestIpam::rewriteUsesGivenAddressesFirst()
{
    Builder b;
    b.d.vmNetworks[0].translation = Translation::Rewrite;
    b.addHost("host-a", "hg-milan", {"192.168.1.10", "192.168.1.11"});
    b.addVm("vm-red1", "host-a", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.7");
    b.addVm("vm-red2", "host-a", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.8");
    const auto a = ipam::allocate(b.done());
    QCOMPARE(join(pasOf(a, "host-a")), QString("192.168.1.10,192.168.1.11,192.168.1.12"));
    QCOMPARE(q(at(a.rewriteAddress, "vm-red1/nic0")), QString("192.168.1.11"));
    QCOMPARE(q(at(a.rewriteAddress, "vm-red2/nic0")), QString("192.168.1.12"));
}

void TestIpam::rewriteAddressComesFromTheVnicsLogicalNetwork()
{
    Builder b;
    b.d.logicalNetworks.push_back({"ln-hosting", "Hosting", true, {}});
    Site hosting;
    hosting.id = "site-hosting";
    hosting.name = "Milan hosting";
    hosting.logicalNetwork = "ln-hosting";
    hosting.hostGroups = {"hg-milan"};
    hosting.subnets = {{"192.168.2.0/24", 0, {}}};
    b.d.sites.push_back(hosting);
    b.d.uplinkPortProfiles[0].sites.push_back("site-hosting");
    b.d.ipPools.push_back(Builder::sitePool("pool-pa-hosting", "site-hosting", "192.168.2.0/24", "192.168.2.10", "192.168.2.20"));
    VmNetwork green;
    green.id = "vmn-green";
    green.name = "Green";
    green.logicalNetwork = "ln-hosting";
    green.isolation = Isolation::NetworkVirtualization;
    green.translation = Translation::Rewrite;
    green.subnets = {{"vms-green", std::nullopt, "10.3.0.0/24", 7001, {}}};
    b.d.vmNetworks.push_back(green);
    b.addHost("host-a", "hg-milan");
    b.addVm("vm-g1", "host-a", "vmn-green", Id("vms-green"), IpMode::Static, "10.3.0.10");
    const auto a = ipam::allocate(b.done());
    // The host's own PA from the first pool it reaches; the Rewrite PA from Green's network.
    QCOMPARE(join(pasOf(a, "host-a")), QString("192.168.1.10,192.168.2.10"));
    QCOMPARE(q(at(a.rewriteAddress, "vm-g1/nic0")), QString("192.168.2.10"));
}

void TestIpam::poolModeCustomerAddresses()
{
    Builder b;
    b.d.ipPools.push_back(Builder::subnetPool("pool-red", "vms-red", "10.1.1.1", "10.1.1.20"));
    b.d.ipPools.push_back(Builder::subnetPool("pool-blue", "vms-blue", "10.1.1.7", "10.1.1.20"));
    b.d.ipPools.back().reserved = {"10.1.1.8"};
    b.addHost("host-a", "hg-milan");
    b.addVm("vm-r0", "host-a", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.3");
    b.addVm("vm-r1", "host-a", "vmn-red", Id("vms-red"), IpMode::Pool);
    b.addVm("vm-r2", "host-a", "vmn-red", Id("vms-red"), IpMode::Dhcp);
    b.addVm("vm-r3", "host-a", "vmn-red", Id("vms-red"), IpMode::Pool, std::nullopt, Provisioning::Manual);
    b.addVm("vm-b1", "host-a", "vmn-blue", Id("vms-blue"), IpMode::Pool);
    b.addVm("vm-b2", "host-a", "vmn-blue", Id("vms-blue"), IpMode::Pool);
    b.d.gateways.push_back(Gateway{"gw", "Red gateway", "vmn-red", "vms-red", "10.1.1.4", "host-a", "0.0.0.0/0",
                                   GatewayMode::Forward, std::nullopt, {}});
    const auto a = ipam::allocate(b.done());
    // .1 is the VM subnet's gateway, .3 is taken by vm-r0, .4 by the HNV gateway.
    QCOMPARE(q(at(a.nicAddress, "vm-r1/nic0")), QString("10.1.1.2"));
    QCOMPARE(q(at(a.nicAddress, "vm-r2/nic0")), QString("10.1.1.5"));
    QCOMPARE(q(at(a.nicAddress, "vm-r0/nic0")), QString("10.1.1.3"));
    // Pools are used only for template-provisioned VMs (NV126).
    QCOMPARE(q(at(a.nicAddress, "vm-r3/nic0")), QString("<none>"));
    // Blue is another routing domain: the same numbers again, reserved skipped.
    QCOMPARE(q(at(a.nicAddress, "vm-b1/nic0")), QString("10.1.1.7"));
    QCOMPARE(q(at(a.nicAddress, "vm-b2/nic0")), QString("10.1.1.9"));
}

void TestIpam::standardNetworkPoolAddress()
{
    Builder b;
    b.d.ipPools.push_back(Builder::sitePool("pool-mgmt", "site-mgmt", "172.16.0.0/24", "172.16.0.10", "172.16.0.20", "172.16.0.1"));
    Host &h = b.addHost("host-a", "hg-milan");
    HostVnic v;
    v.id = "host-a/mgmt";
    v.vmNetwork = "vmn-mgmt";
    v.classification = "pc";
    v.ipMode = IpMode::Pool;
    h.switches[0].hostVnics.push_back(v);
    b.addVm("vm-m1", "host-a", "vmn-mgmt", std::nullopt, IpMode::Static, "172.16.0.10");
    b.addVm("vm-m2", "host-a", "vmn-mgmt", std::nullopt, IpMode::Pool);
    b.addVm("vm-m3", "host-a", "vmn-mgmt", std::nullopt, IpMode::Dhcp); // real DHCP: nothing to allocate
    const auto a = ipam::allocate(b.done());
    QCOMPARE(q(at(a.nicAddress, "vm-m2/nic0")), QString("172.16.0.11"));
    QCOMPARE(q(at(a.nicAddress, "host-a/mgmt")), QString("172.16.0.12"));
    QCOMPARE(q(at(a.nicAddress, "vm-m3/nic0")), QString("<none>"));
}

void TestIpam::macScopedByHostGroupAncestry_data()
{
    QTest::addColumn<QString>("hostGroup");
    QTest::addColumn<QString>("expectedMac");
    QTest::addColumn<QString>("expectedPool");
    QTest::newRow("own group's pool") << "hg-milan" << "00:1D:D8:00:00:10" << "mac-milan";
    QTest::newRow("parent's pool") << "hg-rack1" << "00:1D:D8:00:00:10" << "mac-milan";
    QTest::newRow("root's pool") << "hg-rome" << "00:1D:D8:00:00:00" << "mac-root";
}

void TestIpam::macScopedByHostGroupAncestry()
{
    QFETCH(QString, hostGroup);
    QFETCH(QString, expectedMac);
    QFETCH(QString, expectedPool);
    Builder b;
    b.d.macPools = {
        {"mac-root", "Root", "00:1D:D8:00:00:00", "00:1D:D8:00:00:0F", {"hg-root"}, {}},
        {"mac-milan", "Milan", "00:1D:D8:00:00:10", "00:1D:D8:00:00:1F", {"hg-milan"}, {}},
        {"mac-other", "Elsewhere", "00:1D:D8:00:00:20", "00:1D:D8:00:00:2F", {"hg-nowhere"}, {}},
    };
    b.addHost("host-a", hostGroup.toStdString());
    b.addVm("vm-a", "host-a", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.7");
    const auto a = ipam::allocate(b.done());
    QCOMPARE(q(at(a.nicMac, "vm-a/nic0")), expectedMac);
    QCOMPARE(q(a.allocatedFrom.at("vm-a/nic0").front()), expectedPool);
}

void TestIpam::macSkipsTakenMacs()
{
    Builder b;
    b.d.macPools = {{"mac-root", "Root", "00:1D:D8:00:00:00", "00:1D:D8:00:00:0F", {"hg-root"}, {}}};
    Host &h = b.addHost("host-a", "hg-milan");
    h.physicalNics[0].mac = "00:1D:D8:00:00:01"; // physical NIC MACs are taken too
    HostVnic v;
    v.id = "host-a/mgmt";
    v.vmNetwork = "vmn-mgmt";
    h.switches[0].hostVnics.push_back(v);
    b.addVm("vm-b", "host-a", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.8");
    b.addVm("vm-a", "host-a", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.7");
    b.addVm("vm-c", "host-a", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.9").mac = "00-1d-d8-00-00-02";
    const auto a = ipam::allocate(b.done());
    // VMs in id order (vm-a, vm-b), then host vNICs; given MACs are kept as written.
    QCOMPARE(q(at(a.nicMac, "vm-a/nic0")), QString("00:1D:D8:00:00:00"));
    QCOMPARE(q(at(a.nicMac, "vm-b/nic0")), QString("00:1D:D8:00:00:03"));
    QCOMPARE(q(at(a.nicMac, "vm-c/nic0")), QString("00-1d-d8-00-00-02"));
    QCOMPARE(q(at(a.nicMac, "host-a/mgmt")), QString("00:1D:D8:00:00:04"));
    QCOMPARE(a.poolUse.at("mac-root"), std::size_t(4));
}

void TestIpam::exhaustionNamesThePool()
{
    Builder b;
    b.d.ipPools[0].start = "192.168.1.10";
    b.d.ipPools[0].end = "192.168.1.11";
    b.d.macPools = {{"mac-small", "Small", "00:1D:D8:00:00:00", "00:1D:D8:00:00:00", {"hg-root"}, {}}};
    b.addHost("host-a", "hg-milan");
    b.addHost("host-b", "hg-milan");
    b.addHost("host-c", "hg-milan");
    b.addVm("vm-c", "host-c", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.7");
    b.addVm("vm-d", "host-c", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.8");
    const auto a = ipam::allocate(b.done());
    QCOMPARE(a.shortages.size(), std::size_t(2));
    QCOMPARE(q(a.shortages[0].pool), QString("pool-pa"));
    QCOMPARE(a.shortages[0].needed, std::size_t(3));
    QCOMPARE(a.shortages[0].available, std::size_t(2));
    QCOMPARE(q(a.shortages[1].pool), QString("mac-small"));
    QCOMPARE(a.shortages[1].needed, std::size_t(2));
    QCOMPARE(a.shortages[1].available, std::size_t(1));
    QCOMPARE(a.hostsWithoutProvider, std::vector<Id>{"host-c"});
    QCOMPARE(a.nicsWithoutMac, std::vector<Id>{"vm-d/nic0"});
}

void TestIpam::hostWithoutReachableSiteIsReported()
{
    Builder b;
    b.addHost("host-rome", "hg-rome");
    b.addHost("host-idle", "hg-rome"); // no isolated VM: no PA needed, nothing to report
    b.addVm("vm-a", "host-rome", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.7");
    const auto a = ipam::allocate(b.done());
    QCOMPARE(a.hostsWithoutProvider, std::vector<Id>{"host-rome"});
    QVERIFY(a.shortages.empty());
}

void TestIpam::poolUseCountsAddressesInRange()
{
    Builder b;
    b.d.ipPools.push_back(Builder::subnetPool("pool-red", "vms-red", "10.1.1.7", "10.1.1.20"));
    b.d.ipPools.push_back(Builder::subnetPool("pool-blue", "vms-blue", "10.1.1.7", "10.1.1.20"));
    b.d.ipPools.push_back(Builder::sitePool("pool-mgmt", "site-mgmt", "172.16.0.0/24", "172.16.0.10", "172.16.0.20"));
    b.addHost("host-a", "hg-milan", {"192.168.1.15"});
    b.addHost("host-b", "hg-milan");
    b.addVm("vm-a", "host-a", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.7");
    b.addVm("vm-b", "host-a", "vmn-red", Id("vms-red"), IpMode::Pool);
    b.addVm("vm-c", "host-a", "vmn-red", Id("vms-red"), IpMode::Static, "10.1.1.50"); // out of the range
    const auto a = ipam::allocate(b.done());
    QCOMPARE(a.poolUse.at("pool-pa"), std::size_t(2));   // the given and the allocated PA
    QCOMPARE(a.poolUse.at("pool-red"), std::size_t(2));  // .7 and the allocated .8
    QCOMPARE(a.poolUse.at("pool-blue"), std::size_t(0)); // Red's addresses are not Blue's
    QCOMPARE(a.poolUse.at("pool-mgmt"), std::size_t(0));
}

void TestIpam::applyWritesOnlyMissingFields()
{
    Builder b;
    b.d.ipPools.push_back(Builder::subnetPool("pool-red", "vms-red", "10.1.1.7", "10.1.1.20"));
    b.d.macPools = {{"mac-root", "Root", "00:1D:D8:00:00:00", "00:1D:D8:00:00:0F", {"hg-root"}, {}}};
    b.addHost("host-a", "hg-milan", {"192.168.1.15"});
    b.addHost("host-b", "hg-milan");
    b.addVm("vm-a", "host-a", "vmn-red", Id("vms-red"), IpMode::Pool, "10.1.1.7").mac = "00:1D:D8:00:00:05";
    b.addVm("vm-b", "host-b", "vmn-red", Id("vms-red"), IpMode::Pool);
    Design d = b.done();
    const auto a = ipam::allocate(d);
    auto changes = ipam::apply(d, a);
    QVERIFY(changes.ok());
    QStringList got;
    for (const Change &c : *changes)
        got << q(c.id + "." + c.field);
    got.sort();
    QCOMPARE(got, (QStringList{"host-b.providerAddresses", "vm-b/nic0.ip", "vm-b/nic0.mac"}));
    QCOMPARE(join(*d.host("host-b")->providerAddresses), QString("192.168.1.10"));
    QCOMPARE(q(*d.vmNic("vm-b/nic0")->ip), QString("10.1.1.8"));
    QCOMPARE(q(*d.vmNic("vm-b/nic0")->mac), QString("00:1D:D8:00:00:00"));
    QCOMPARE(q(*d.vmNic("vm-a/nic0")->mac), QString("00:1D:D8:00:00:05"));

    // Allocating again finds everything in place.
    auto again = ipam::apply(d, ipam::allocate(d));
    QVERIFY(again.ok());
    QVERIFY(again->empty());
}

void TestIpam::allocationIsDeterministic()
{
    Builder b;
    b.d.ipPools[0].end = "192.168.1.250";
    b.d.ipPools.push_back(Builder::subnetPool("pool-red", "vms-red", "10.1.1.7", "10.1.1.200"));
    b.d.macPools = {{"mac-root", "Root", "00:1D:D8:00:00:00", "00:1D:D8:00:FF:FF", {"hg-root"}, {}}};
    for (int i = 0; i < 30; ++i)
        b.addHost("host-" + std::to_string(i), i % 2 ? "hg-milan" : "hg-rack1");
    for (int i = 0; i < 60; ++i)
        b.addVm("vm-" + std::to_string(i), "host-" + std::to_string(i % 30), "vmn-red", Id("vms-red"), IpMode::Pool);
    Design d1 = b.done();
    // The same design with its tables in another order allocates the same.
    Design d2 = d1;
    std::reverse(d2.hosts.begin(), d2.hosts.end());
    std::reverse(d2.vms.begin(), d2.vms.end());
    d2.reindex();
    const auto a1 = ipam::allocate(d1);
    const auto a1again = ipam::allocate(d1);
    const auto a2 = ipam::allocate(d2);
    QCOMPARE(a1.providerAddresses, a1again.providerAddresses);
    QCOMPARE(a1.providerAddresses, a2.providerAddresses);
    QCOMPARE(a1.nicAddress, a2.nicAddress);
    QCOMPARE(a1.nicMac, a2.nicMac);
    QCOMPARE(a1.poolUse, a2.poolUse);
    QCOMPARE(a1.providerAddresses.size(), std::size_t(30));
    // host-10 sorts before host-2 (byte-wise): hosts host-0, host-1, host-10...
    QCOMPARE(join(pasOf(a1, "host-10")), QString("192.168.1.12"));
}

void TestIpam::derivedNicMacIsLocalUnicastAndStable()
{
    const std::string m1 = ipam::derivedNicMac("host-a/nic1");
    const std::string m2 = ipam::derivedNicMac("host-a/nic2");
    QCOMPARE(ipam::derivedNicMac("host-a/nic1"), m1);
    QVERIFY(m1 != m2);
    for (const std::string &m : {m1, m2, ipam::derivedNicMac(""), ipam::derivedNicMac("x")}) {
        auto mac = net::parseMac(m);
        QVERIFY2(mac.has_value(), m.c_str());
        QVERIFY(!mac->isMulticast());
        QVERIFY(mac->bytes[0] & 0x02);
        QCOMPARE(mac->toString(), m);
    }
    // Stable across runs and machines: pin one value.
    QCOMPARE(q(ipam::derivedNicMac("host-a/nic1")), q(m1));
    std::vector<std::string> many;
    for (int i = 0; i < 10000; ++i)
        many.push_back(ipam::derivedNicMac("host-" + std::to_string(i) + "/nic1"));
    std::sort(many.begin(), many.end());
    QVERIFY(std::adjacent_find(many.begin(), many.end()) == many.end());
}

void TestIpam::rewriteExampleAllocatesAsDocumented()
{
    auto loaded = io::loadDesign(NETVIRT_SOURCE_DIR "/resources/examples/rewrite.json");
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    const auto a = ipam::allocate(*loaded);
    QCOMPARE(join(pasOf(a, "host-a")), QString("192.168.20.10,192.168.20.11"));
    QCOMPARE(join(pasOf(a, "host-b")), QString("192.168.20.12,192.168.20.13,192.168.20.14"));
    QCOMPARE(q(at(a.rewriteAddress, "vm-fab-web1/nic0")), QString("192.168.20.11"));
    QCOMPARE(q(at(a.rewriteAddress, "vm-fab-db1/nic0")), QString("192.168.20.13"));
    QCOMPARE(q(at(a.rewriteAddress, "vm-fab-web2/nic0")), QString("192.168.20.14"));
    QVERIFY(a.shortages.empty());
    QVERIFY(a.hostsWithoutProvider.empty());
    for (const IpPool &p : loaded->ipPools)
        QVERIFY2(a.poolUse.at(p.id) > 0, p.id.c_str());
    for (const MacPool &p : loaded->macPools)
        QVERIFY2(a.poolUse.at(p.id) > 0, p.id.c_str());
}

QTEST_GUILESS_MAIN(TestIpam)
#include "tst_ipam.moc"
