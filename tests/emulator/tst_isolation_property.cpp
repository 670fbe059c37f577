// The isolation guarantee as a property (FORWARDING.md step 8): designs with 2–64 tenants that
// reuse the same customer addresses (and some the same MACs), over a million random frames —
// valid, mutated, spoofed, broadcast, VLAN-tagged, ARP, forged NVGRE with another tenant's
// VSID — sent from random ports or the provider network, run through every host they cross and
// compared with a small reference model of who may receive what. No delivery ever crosses a
// routing domain; valid frames reach exactly the ports the model names. Every other frame
// goes through the general path instead of fromPort/fromProvider (the burst fast path).
// The seed is printed on failure; NETVIRT_SEED overrides it, NETVIRT_FRAMES the frame count.
#include <QtTest>

#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include <netvirt/core/io/design_io.h>
#include <netvirt/core/net/address.h>
#include <netvirt/core/policy/policy.h>
#include <netvirt/emulator/forwarding/pipeline.h>
#include <netvirt/emulator/packet/packet.h>

using namespace netvirt;
using namespace netvirt::emulator::forwarding;
using namespace netvirt::emulator::packet;

namespace {

constexpr int kHosts = 4;
constexpr int kSubnets = 3; // web 10.0.1.0/24, app 10.0.2.0/24, own 10.200.t.0/24

struct RefPort {
    int tenant = 0;
    int subnet = 0;
    Ipv4Addr ca = 0;
    MacAddr mac;
    int host = 0;
    std::uint32_t index = kNone; // in the snapshot
};

struct World {
    core::Design design;
    std::shared_ptr<const PolicySnapshot> snap;
    std::vector<RefPort> ports;
    std::vector<MacAddr> routerMac; // per tenant
    int tenants = 0;
    std::uint32_t vsid(int tenant, int subnet) const { return 10000u + static_cast<std::uint32_t>(tenant * kSubnets + subnet); }
    Ipv4Addr subnetBase(int tenant, int subnet) const
    {
        return subnet == 0 ? ipv4(10, 0, 1, 0) : subnet == 1 ? ipv4(10, 0, 2, 0) : ipv4(10, 200, static_cast<std::uint8_t>(tenant), 0);
    }
    int subnetOf(int tenant, Ipv4Addr a) const
    {
        for (int s = 0; s < kSubnets; ++s)
            if ((a & 0xFFFFFF00u) == subnetBase(tenant, s))
                return s;
        return -1;
    }
    const RefPort *find(int tenant, int subnet, Ipv4Addr ca) const
    {
        for (const auto &p : ports)
            if (p.tenant == tenant && p.subnet == subnet && p.ca == ca)
                return &p;
        return nullptr;
    }
};

MacAddr macFrom(std::uint64_t v) { return MacAddr{{std::uint8_t(v >> 40), std::uint8_t(v >> 32), std::uint8_t(v >> 24), std::uint8_t(v >> 16), std::uint8_t(v >> 8), std::uint8_t(v)}}; }

World makeWorld(int tenants, std::mt19937_64 &rng)
{
    World w;
    w.tenants = tenants;
    using J = nlohmann::ordered_json;
    J d = {{"format", "netvirt-design"}, {"version", 1}, {"name", "isolation"}};
    d["hostGroups"] = J::array({{{"id", "hg"}, {"name", "All"}}});
    d["logicalNetworks"] = J::array({{{"id", "ln"}, {"name", "Prod"}, {"networkVirtualization", true}}});
    d["sites"] = J::array({{{"id", "site"}, {"name", "S"}, {"logicalNetwork", "ln"}, {"hostGroups", {"hg"}},
                            {"subnets", J::array({{{"prefix", "192.168.1.0/24"}, {"vlan", 0}}})}}});
    d["uplinkPortProfiles"] = J::array({{{"id", "up"}, {"name", "Up"}, {"sites", {"site"}}, {"networkVirtualization", true}}});
    d["logicalSwitches"] = J::array({{{"id", "ls"}, {"name", "LS"}, {"uplinkMode", "NoTeam"}, {"uplinkProfiles", {"up"}}}});
    J hosts = J::array();
    for (int h = 0; h < kHosts; ++h) {
        char mac[20];
        std::snprintf(mac, sizeof mac, "00:15:5D:00:%02X:01", h);
        hosts.push_back({{"id", "h" + std::to_string(h)}, {"name", "H" + std::to_string(h)}, {"hostGroup", "hg"},
                         {"physicalNics", J::array({{{"id", "h" + std::to_string(h) + "/nic"}, {"mac", mac}, {"mtu", 1600}}})},
                         {"switches", J::array({{{"logicalSwitch", "ls"}, {"adapters", J::array({{{"nic", "h" + std::to_string(h) + "/nic"}, {"uplinkProfile", "up"}}})}}})},
                         {"providerAddresses", {"192.168.1." + std::to_string(10 + h)}}});
    }
    d["hosts"] = hosts;
    J nets = J::array();
    J vms = J::array();
    std::uniform_int_distribution<int> hostPick(0, kHosts - 1);
    for (int t = 0; t < tenants; ++t) {
        const std::string vmn = "vmn-" + std::to_string(t);
        J subs = J::array();
        const char *prefixes[] = {"10.0.1.0/24", "10.0.2.0/24", nullptr};
        for (int s = 0; s < kSubnets; ++s) {
            const std::string prefix = prefixes[s] ? prefixes[s] : "10.200." + std::to_string(t) + ".0/24";
            subs.push_back({{"id", vmn + "/s" + std::to_string(s)}, {"prefix", prefix}, {"vsid", w.vsid(t, s)}});
        }
        nets.push_back({{"id", vmn}, {"name", "T" + std::to_string(t)}, {"logicalNetwork", "ln"},
                        {"isolation", "NetworkVirtualization"}, {"subnets", subs}});
        // web: 3 VMs, app: 2, own: 1; every tenant the same CAs. Every third tenant reuses the
        // previous tenant's MACs.
        const int macTenant = (t % 3 == 1) ? t - 1 : t;
        int j = 0;
        const int counts[] = {3, 2, 1};
        for (int s = 0; s < kSubnets; ++s)
            for (int k = 0; k < counts[s]; ++k, ++j) {
                RefPort p;
                p.tenant = t;
                p.subnet = s;
                p.ca = w.subnetBase(t, s) + 10 + static_cast<Ipv4Addr>(k);
                p.mac = macFrom(0x001DD8000000ull | (std::uint64_t(macTenant) << 8) | std::uint64_t(j));
                p.host = hostPick(rng);
                const std::string id = "vm-" + std::to_string(t) + "-" + std::to_string(j);
                std::string host = "h"; // not "h" + to_string(): GCC 12 -O3 warns -Wrestrict (false positive)
                host += std::to_string(p.host);
                vms.push_back({{"id", id}, {"name", id}, {"host", host}, {"provisioning", "Manual"},
                               {"nics", J::array({{{"id", id + "/nic0"}, {"vmNetwork", vmn}, {"vmSubnet", vmn + "/s" + std::to_string(s)},
                                                   {"logicalSwitch", "ls"}, {"mac", core::net::MacAddress{p.mac.bytes}.toString()},
                                                   {"ipMode", "Static"}, {"ip", core::net::Ipv4(p.ca).to_string()}}})}});
                w.ports.push_back(p);
            }
        w.routerMac.push_back(MacAddr{core::net::parseMac(core::policy::routerMac(core::policy::routingDomainGuid(vmn)))->bytes});
    }
    d["vmNetworks"] = nets;
    d["vms"] = vms;
    auto design = core::io::fromJson(d, "isolation");
    if (!design)
        qFatal("isolation design: %s", design.error().message.c_str());
    w.design = std::move(design).value();
    w.snap = PolicySnapshot::build(w.design);
    for (std::size_t i = 0; i < w.ports.size(); ++i)
        w.ports[i].index = w.snap->portIndex("vm-" + std::to_string(w.ports[i].tenant) + "-"
                                             + std::to_string(i - static_cast<std::size_t>(w.ports[i].tenant) * 6) + "/nic0");
    return w;
}

enum class Kind { Unicast, Routed, Broadcast, SpoofIp, SpoofMac, Tagged, Arp, Mutated, Forged, Count };

struct Runner {
    const World &w;
    ActionList out;
    ActionList out2;
    std::unique_ptr<FrameBuffer> buf = std::make_unique<FrameBuffer>();
    std::unique_ptr<FrameBuffer> wire = std::make_unique<FrameBuffer>();
    PipelineContext ctx;
    std::vector<std::uint32_t> delivered;
    std::uint64_t calls = 0;

    // Every other frame goes through the general path instead of fromPort/fromProvider (the
    // burst fast path), so the property holds for both.
    void port(std::uint32_t index, FrameBuffer &f, ActionList &o)
    {
        if (++calls & 1)
            fromPort(ctx, index, f, o);
        else
            fromPortGeneral(ctx, index, f, o);
    }
    void provider(FrameBuffer &f, ActionList &o)
    {
        if (++calls & 1)
            fromProvider(ctx, 0, f, o);
        else
            fromProviderGeneral(ctx, 0, f, o);
    }

    explicit Runner(const World &world)
        : w(world), out(ActionList::forSnapshot(*world.snap)), out2(ActionList::forSnapshot(*world.snap))
    {
        ctx.snapshot = world.snap.get();
    }

    void receive(const Action &t)
    {
        if (!t.copyTo(*wire))
            return;
        const ParsedFrame pf = parseFrame(wire->data());
        if (!pf.isIpv4())
            return;
        const auto owner = w.snap->paOwner(IpKey::fromV4(pf.ipv4(wire->cdata()).dst()));
        if (owner == kNone)
            return;
        ctx.host = owner >> 16;
        provider(*wire, out2);
        for (const auto &a : out2)
            if (a.kind == ActionKind::Deliver)
                delivered.push_back(a.port);
    }
    void collect()
    {
        for (const auto &a : out)
            if (a.kind == ActionKind::Deliver)
                delivered.push_back(a.port);
        for (const auto &a : out)
            if (a.kind == ActionKind::Transmit)
                receive(a);
    }
    void fromVnic(const RefPort &p)
    {
        delivered.clear();
        ctx.host = static_cast<std::uint32_t>(w.snap->ports()[p.index].host);
        port(p.index, *buf, out);
        collect();
    }
    void fromWire(int host)
    {
        delivered.clear();
        ctx.host = w.snap->hostIndex("h" + std::to_string(host));
        provider(*buf, out);
        for (const auto &a : out)
            if (a.kind == ActionKind::Deliver)
                delivered.push_back(a.port);
    }
};

} // namespace

class TestIsolationProperty : public QObject {
    Q_OBJECT

private slots:
    void noFrameCrossesARoutingDomain()
    {
        const std::uint64_t seed = qEnvironmentVariableIsSet("NETVIRT_SEED") ? qEnvironmentVariable("NETVIRT_SEED").toULongLong()
                                                                             : 0x15014710ull;
        const long total = qEnvironmentVariableIsSet("NETVIRT_FRAMES") ? qEnvironmentVariable("NETVIRT_FRAMES").toLong() : 1'000'000;
        std::mt19937_64 rng(seed);
        const int tenantCounts[] = {2, 3, 7, 16, 33, 64};
        const long perWorld = total / static_cast<long>(std::size(tenantCounts)) + 1;
        long frames = 0;
        long deliveries = 0;
        long checkedExactly = 0;
        std::array<long, static_cast<int>(Kind::Count)> kinds{};
        for (int tenants : tenantCounts) {
            const World w = makeWorld(tenants, rng);
            QVERIFY(w.snap->records().size() == w.ports.size());
            Runner run(w);
            std::uniform_int_distribution<std::size_t> portPick(0, w.ports.size() - 1);
            for (long n = 0; n < perWorld; ++n, ++frames) {
                const auto kind = static_cast<Kind>(rng() % static_cast<unsigned>(Kind::Count));
                ++kinds[static_cast<int>(kind)];
                const RefPort &p = w.ports[portPick(rng)];
                std::set<std::uint32_t> expected;
                bool exact = true;
                int senderTenant = p.tenant;
                Ipv4Endpoints e;
                e.srcMac = p.mac;
                e.srcIp = p.ca;
                e.ttl = 64;
                std::vector<std::uint8_t> data(8 + rng() % 48, 0x5A);
                auto randomCa = [&](int tenant) -> Ipv4Addr {
                    switch (rng() % 4) {
                    case 0: return ipv4(10, 0, 1, static_cast<std::uint8_t>(9 + rng() % 5));
                    case 1: return ipv4(10, 0, 2, static_cast<std::uint8_t>(9 + rng() % 4));
                    case 2: return ipv4(10, 200, static_cast<std::uint8_t>(rng() % static_cast<unsigned>(w.tenants)), static_cast<std::uint8_t>(9 + rng() % 3));
                    default: return tenant >= 0 ? w.subnetBase(tenant, static_cast<int>(rng() % 3)) + 1 : ipv4(172, 16, 0, 1);
                    }
                };
                bool fromWire = false;
                int wireHost = 0;
                switch (kind) {
                case Kind::Unicast:
                case Kind::Mutated: {
                    const Ipv4Addr dst = w.subnetBase(p.tenant, p.subnet) + 9 + static_cast<Ipv4Addr>(rng() % 4);
                    const RefPort *target = w.find(p.tenant, p.subnet, dst);
                    e.dstMac = target ? target->mac : macFrom(0x020000000000ull | rng() % 1000);
                    e.dstIp = dst;
                    if (!buildIcmpEcho(*run.buf, e, false, 1, static_cast<std::uint16_t>(n), data))
                        qFatal("build");
                    if (target)
                        expected.insert(target->index);
                    break;
                }
                case Kind::Routed: {
                    const Ipv4Addr dst = randomCa(p.tenant);
                    e.dstMac = w.routerMac[p.tenant];
                    e.dstIp = dst;
                    if (!buildUdp(*run.buf, e, 40000, 53, data))
                        qFatal("build");
                    const int s = w.subnetOf(p.tenant, dst);
                    if (const RefPort *target = s >= 0 ? w.find(p.tenant, s, dst) : nullptr)
                        expected.insert(target->index);
                    break;
                }
                case Kind::Broadcast:
                    e.dstMac = MacAddr::broadcast();
                    e.dstIp = kIpv4Broadcast;
                    if (!buildUdp(*run.buf, e, 5000, 5000, data))
                        qFatal("build");
                    for (const auto &q : w.ports)
                        if (q.tenant == p.tenant && q.subnet == p.subnet && q.index != p.index)
                            expected.insert(q.index);
                    break;
                case Kind::SpoofIp:
                case Kind::SpoofMac: {
                    e.dstMac = MacAddr::broadcast();
                    e.dstIp = kIpv4Broadcast;
                    if (kind == Kind::SpoofIp)
                        e.srcIp = p.ca ^ (1u + rng() % 200u);
                    else
                        e.srcMac = macFrom(p.mac.toU64() ^ (1u + rng() % 200u));
                    if (!buildUdp(*run.buf, e, 5000, 5000, data))
                        qFatal("build");
                    break;
                }
                case Kind::Tagged: {
                    e.dstMac = MacAddr::broadcast();
                    e.dstIp = kIpv4Broadcast;
                    if (!buildUdp(*run.buf, e, 5000, 5000, data))
                        qFatal("build");
                    (void)run.buf->push(4);
                    // Move the MAC addresses to the new front and put the 802.1Q tag after them.
                    auto frame = run.buf->data();
                    std::memmove(frame.data(), frame.data() + 4, 12);
                    store16(frame.data() + 12, 0x8100);
                    store16(frame.data() + 14, static_cast<std::uint16_t>(rng() % 4095));
                    break;
                }
                case Kind::Arp: {
                    const Ipv4Addr target = randomCa(p.tenant);
                    if (!buildArpRequest(*run.buf, p.mac, p.ca, target))
                        qFatal("build");
                    // Answered (to the asker only) for a same-subnet VM, a gateway, another subnet.
                    const int s = w.subnetOf(p.tenant, target);
                    const bool answered = target != p.ca
                        && ((s == p.subnet && w.find(p.tenant, s, target)) || (s >= 0 && (target & 0xFF) == 1)
                            || (s >= 0 && s != p.subnet));
                    if (answered)
                        expected.insert(p.index);
                    break;
                }
                case Kind::Forged: {
                    // From the provider network: a real PA, any tenant's VSID, an inner frame
                    // copied from some VM.
                    fromWire = true;
                    const int srcHost = static_cast<int>(rng() % kHosts);
                    wireHost = static_cast<int>((srcHost + 1 + rng() % (kHosts - 1)) % kHosts);
                    const int u = static_cast<int>(rng() % static_cast<unsigned>(w.tenants));
                    const int su = static_cast<int>(rng() % kSubnets);
                    const std::uint32_t vsid = rng() % 16 == 0 ? static_cast<std::uint32_t>(rng() % 0xFFFFFF) : w.vsid(u, su);
                    senderTenant = u;
                    e.srcIp = randomCa(-1);
                    const bool bcast = rng() % 3 == 0;
                    const Ipv4Addr dst = randomCa(u);
                    const RefPort *dstPort = w.find(u, su, dst);
                    e.dstMac = bcast ? MacAddr::broadcast() : dstPort ? dstPort->mac : macFrom(0x020000000000ull | rng() % 1000);
                    e.dstIp = bcast ? kIpv4Broadcast : dst;
                    if (!buildUdp(*run.buf, e, 1, 2, data))
                        qFatal("build");
                    NvgreEncapV4 o;
                    o.outerSrcMac = macFrom(0x00155D000001ull);
                    o.outerDstMac = macFrom(0x00155D000001ull | (std::uint64_t(wireHost) << 8));
                    o.outerSrc = ipv4(192, 168, 1, static_cast<std::uint8_t>(10 + srcHost));
                    o.outerDst = ipv4(192, 168, 1, static_cast<std::uint8_t>(10 + wireHost));
                    o.vsid = vsid;
                    if (!encapsulateNvgre(*run.buf, o))
                        qFatal("encap");
                    // Reference: accepted when tenant u has a VM with that CA on the source host
                    // and the receiver has a port in the VSID.
                    bool known = vsid == w.vsid(u, su);
                    bool sourceOk = false;
                    for (const auto &q : w.ports)
                        if (q.tenant == u && q.ca == e.srcIp && q.host == srcHost)
                            sourceOk = true;
                    if (known && sourceOk)
                        for (const auto &q : w.ports)
                            if (q.tenant == u && q.subnet == su && q.host == wireHost && (bcast || q.ca == dst))
                                expected.insert(q.index);
                    break;
                }
                case Kind::Count: break;
                }
                if (kind == Kind::Mutated) {
                    exact = false;
                    auto bytes = run.buf->data();
                    const int flips = 1 + static_cast<int>(rng() % 4);
                    for (int f = 0; f < flips; ++f)
                        bytes[rng() % bytes.size()] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
                }
                if (fromWire)
                    run.fromWire(wireHost);
                else
                    run.fromVnic(p);
                deliveries += static_cast<long>(run.delivered.size());
                const std::set<std::uint32_t> got(run.delivered.begin(), run.delivered.end());
                for (auto port : run.delivered) {
                    const auto &sp = w.snap->ports()[port];
                    const int tenantOf = std::stoi(sp.vm.substr(3, sp.vm.find('-', 3) - 3));
                    if (tenantOf != senderTenant)
                        QFAIL(qPrintable(QStringLiteral("seed %1, %2 tenants, frame %3 (kind %4): delivered to tenant %5's port %6 from tenant %7")
                                             .arg(seed).arg(tenants).arg(n).arg(int(kind)).arg(tenantOf)
                                             .arg(QString::fromStdString(sp.id)).arg(senderTenant)));
                }
                if (run.delivered.size() != got.size())
                    QFAIL(qPrintable(QStringLiteral("seed %1, frame %2: a port received the frame twice").arg(seed).arg(n)));
                if (exact) {
                    ++checkedExactly;
                    if (got != expected)
                        QFAIL(qPrintable(QStringLiteral("seed %1, %2 tenants, frame %3 (kind %4) from %5: %6 deliveries, model says %7")
                                             .arg(seed).arg(tenants).arg(n).arg(int(kind))
                                             .arg(fromWire ? QStringLiteral("the provider network") : QString::fromStdString(w.snap->ports()[p.index].id))
                                             .arg(got.size()).arg(expected.size())));
                }
            }
        }
        qInfo("seed %llu: %ld frames (%ld checked against the model), %ld deliveries", static_cast<unsigned long long>(seed),
              frames, checkedExactly, deliveries);
        QVERIFY(frames >= total);
        for (auto k : kinds)
            QVERIFY(k > 0);
    }
};

QTEST_GUILESS_MAIN(TestIsolationProperty)
#include "tst_isolation_property.moc"
