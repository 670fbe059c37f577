// The burst API (fromPortBurst / fromProviderBurst, what a poll loop calls per wakeup, and
// fromPort / fromProvider, bursts of one) takes exactly the decisions of the general path: on every bundled example and the
// forwarding fixture, bursts of 1 to 40 frames from every port — unicast UDP/TCP/ICMP to every
// address of the design (bridged, routed, encapsulated, IP Rewrite, to gateways), unknown
// addresses, spoofed MACs and CAs, broadcast, TTL 1, oversize with and without DF, DHCP,
// tagged, truncated, IPv4 options, fragments — and then every encapsulated frame (and
// corrupted copies) at its receiving host give per frame the same actions, the same bytes,
// and in the end the same drop counters as fromPortGeneral/fromProviderGeneral frame by frame.
#include <QtTest>

#include <map>
#include <random>

#include <netvirt/core/io/design_io.h>
#include <netvirt/core/policy/policy.h>
#include <netvirt/core/net/address.h>
#include <netvirt/emulator/forwarding/pipeline.h>
#include <netvirt/emulator/packet/packet.h>

#include "forwarding_fixture.h"

using namespace netvirt;
using namespace netvirt::emulator::forwarding;
using namespace netvirt::emulator::packet;

namespace {

core::Design loadExample(const std::string &name)
{
    auto d = core::io::loadDesign(std::string(NETVIRT_SOURCE_DIR) + "/resources/examples/" + name + ".json");
    if (!d)
        qFatal("cannot load %s", name.c_str());
    return std::move(d).value();
}

using Frame = std::vector<std::uint8_t>;
namespace fwd = netvirt::emulator::forwarding;

MacAddr macOf(std::uint64_t v)
{
    MacAddr m;
    for (int i = 0; i < 6; ++i)
        m.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * (5 - i)));
    return m;
}

// One action as a comparable value (the frame bytes included).
struct Outcome {
    int kind = 0;
    int reason = 0;
    std::uint32_t port = 0, vsidIndex = 0, peerHost = 0, gateway = 0;
    std::uint16_t nic = 0;
    Frame bytes;
    bool operator==(const Outcome &) const = default;
};

std::vector<Outcome> outcomes(const ActionList &list)
{
    std::vector<Outcome> v;
    for (const Action &a : list) {
        Outcome o;
        o.kind = static_cast<int>(a.kind);
        o.reason = a.kind == ActionKind::Drop ? static_cast<int>(a.reason) : 0;
        o.port = a.port;
        o.vsidIndex = a.vsidIndex;
        o.peerHost = a.peerHost;
        o.gateway = a.gateway;
        o.nic = a.nic;
        o.bytes.assign(a.head.begin(), a.head.end());
        o.bytes.insert(o.bytes.end(), a.body.begin(), a.body.end());
        v.push_back(std::move(o));
    }
    return v;
}

std::string describe(const std::vector<Outcome> &v)
{
    std::string s;
    for (const auto &o : v)
        s += "[kind " + std::to_string(o.kind) + " reason " + std::to_string(o.reason) + " port " + std::to_string(o.port)
            + " nic " + std::to_string(o.nic) + " peer " + std::to_string(o.peerHost) + " bytes "
            + std::to_string(o.bytes.size()) + "] ";
    return s;
}

Frame bytesOf(const FrameBuffer &b) { return Frame(b.cdata().begin(), b.cdata().end()); }

// Frames a VM behind port `p` might send, to every address of the snapshot and beyond.
std::vector<Frame> framesFrom(const PolicySnapshot &s, const PortEntry &p, std::mt19937 &rng)
{
    std::vector<Frame> out;
    auto buf = std::make_unique<FrameBuffer>();
    if (!p.ca.isV4())
        return out;
    const MacAddr router = s.routingDomains()[p.rd].routerMac;
    const std::vector<std::uint8_t> small(18, 0x5A);
    const std::vector<std::uint8_t> big(1700, 0xC3);
    auto add = [&] { out.push_back(bytesOf(*buf)); };
    std::vector<std::pair<Ipv4Addr, MacAddr>> targets;
    for (const auto &q : s.ports())
        if (q.ca.isV4() && q.rd != kNone)
            targets.emplace_back(q.ca.v4(), q.vsid == p.vsid ? q.mac : router);
    for (const auto &rec : s.records())
        if (rec.ca.isV4())
            targets.emplace_back(rec.ca.v4(), rec.vsid == p.vsid ? rec.mac : router);
    targets.emplace_back(p.ca.v4() + 97, router);       // probably no record: no-route / isolation
    targets.emplace_back(0xC6336407u, router);           // 198.51.100.7: a gateway prefix or isolation
    targets.emplace_back(p.ca.v4() ^ 0x00000100u, p.mac); // bridged to a MAC without a record
    for (const auto &[dst, dmac] : targets) {
        Ipv4Endpoints e;
        e.srcMac = p.mac;
        e.dstMac = dmac;
        e.srcIp = p.ca.v4();
        e.dstIp = dst;
        e.dontFragment = true;
        e.identification = static_cast<std::uint16_t>(rng());
        if (buildUdp(*buf, e, static_cast<std::uint16_t>(1024 + rng() % 60000), 53, small))
            add();
        if (buildTcpSyn(*buf, e, static_cast<std::uint16_t>(1024 + rng() % 60000), 443, rng()))
            add();
        if (buildIcmpEcho(*buf, e, false, 7, static_cast<std::uint16_t>(rng()), small))
            add();
        if (rng() % 4 == 0) {
            Ipv4Endpoints t = e;
            t.ttl = 1;
            t.dstMac = router;
            if (buildUdp(*buf, t, 5000, 5001, small))
                add();
            if (buildUdp(*buf, e, 5000, 5001, big)) // oversize, DF
                add();
            Ipv4Endpoints nodf = e;
            nodf.dontFragment = false;
            if (buildUdp(*buf, nodf, 5000, 5001, big)) // oversize, fragmented
                add();
            Ipv4Endpoints spoof = e;
            spoof.srcIp ^= 0x01000000u;
            if (buildUdp(*buf, spoof, 5000, 5001, small))
                add();
            Ipv4Endpoints mac = e;
            mac.srcMac.bytes[5] ^= 0x01;
            if (buildUdp(*buf, mac, 5000, 5001, small))
                add();
            if (buildUdp(*buf, e, 68, 67, small)) // DHCP ports
                add();
        }
    }
    // Broadcast, ARP, DHCP, and frames the one-pass parser must refuse.
    Ipv4Endpoints b;
    b.srcMac = p.mac;
    b.dstMac = MacAddr{{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}};
    b.srcIp = p.ca.v4();
    b.dstIp = 0xFFFFFFFFu;
    if (buildUdp(*buf, b, 5000, 5001, small))
        add();
    if (buildArpRequest(*buf, p.mac, p.ca.v4(), p.ca.v4() + 1))
        add();
    Ipv4Endpoints u;
    u.srcMac = p.mac;
    u.dstMac = router;
    u.srcIp = p.ca.v4();
    u.dstIp = p.gateway.isV4() ? p.gateway.v4() : p.ca.v4() + 1;
    if (buildUdp(*buf, u, 40000, 40001, small)) {
        Frame f = bytesOf(*buf);
        Frame opt = f; // IHL 6 (an option word): the general parser decides
        opt.insert(opt.begin() + 34, {1, 1, 1, 0});
        opt[14] = 0x46;
        opt[17] = static_cast<std::uint8_t>(opt[17] + 4);
        out.push_back(opt);
        Frame frag = f; // MF set
        frag[20] |= 0x20;
        out.push_back(frag);
        Frame tagged = f;
        tagged.insert(tagged.begin() + 12, {0x81, 0x00, 0x00, 0x64});
        out.push_back(tagged);
        Frame shortUdp = f; // UDP length beyond the IP payload: malformed
        shortUdp[38] = 0x7F;
        out.push_back(shortUdp);
        Frame trunc(f.begin(), f.begin() + 30);
        out.push_back(trunc);
        Frame padded = f; // Ethernet padding after the IP packet
        padded.insert(padded.end(), 9, 0);
        out.push_back(padded);
    }
    std::shuffle(out.begin(), out.end(), rng);
    return out;
}

// Runs `frames` through both paths in bursts of 1..40 and compares them frame by frame.
// Appends the Transmit outputs (bytes, receiving host) to `sent`.
struct Compare {
    const PolicySnapshot &snap;
    std::mt19937 &rng;
    DropCounters single;
    DropCounters burst;
    std::size_t frames = 0;
    std::size_t fastEligible = 0; // delivered or transmitted (what the fast path takes)
    std::vector<std::unique_ptr<FrameBuffer>> bufs;
    std::vector<ActionList> outs;
    std::vector<ActionList> lists;

    Compare(const PolicySnapshot &s, std::mt19937 &r) : snap(s), rng(r), single(s), burst(s) {}

    template <typename One, typename Many>
    bool run(const std::vector<Frame> &in, std::uint32_t host, One one, Many many,
             std::vector<std::pair<Frame, std::uint32_t>> *sent)
    {
        PipelineContext a;
        a.snapshot = &snap;
        a.host = host;
        a.counters = &single;
        PipelineContext b = a;
        b.counters = &burst;
        // Buffers and action lists made once (a list holds the snapshot's replication fan-out).
        constexpr std::size_t kMost = 40;
        if (outs.empty()) {
            for (std::size_t k = 0; k < kMost; ++k) {
                bufs.push_back(std::make_unique<FrameBuffer>());
                outs.push_back(ActionList::forSnapshot(snap));
            }
            lists.push_back(ActionList::forSnapshot(snap));
        }
        std::vector<FrameBuffer *> ptrs;
        for (auto &b : bufs)
            ptrs.push_back(b.get());
        ActionList &list = lists.front();
        auto buf = std::make_unique<FrameBuffer>();
        std::size_t i = 0;
        while (i < in.size()) {
            const std::size_t n = std::min<std::size_t>(in.size() - i, 1 + rng() % kMost);
            for (std::size_t k = 0; k < n; ++k)
                if (!bufs[k]->assign(in[i + k]))
                    qFatal("frame too large");
            many(b, ptrs.data(), n, outs.data());
            for (std::size_t k = 0; k < n; ++k) {
                if (!buf->assign(in[i + k]))
                    qFatal("frame too large");
                one(a, *buf, list);
                const auto want = outcomes(list);
                const auto got = outcomes(outs[k]);
                if (want != got) {
                    qWarning("frame %zu of a burst of %zu on host %u: single %s / burst %s", k, n, host,
                             describe(want).c_str(), describe(got).c_str());
                    return false;
                }
                for (const auto &o : want) {
                    if (o.kind == static_cast<int>(ActionKind::Transmit) && sent && o.peerHost != kNone)
                        sent->emplace_back(o.bytes, o.peerHost);
                    fastEligible += o.kind == static_cast<int>(ActionKind::Deliver) || o.kind == static_cast<int>(ActionKind::Transmit);
                }
                ++frames;
            }
            i += n;
        }
        return true;
    }
    bool countersEqual() const
    {
        return single.ports == burst.ports && single.hosts == burst.hosts && single.vsids == burst.vsids;
    }
};


// The provider side of Compare: every frame that was sent, at its receiving host, with
// corrupted copies (another VSID, an outer source without the inner source's record, an outer
// destination that is not the host's PA, a bad GRE flag, an inner broadcast, an inner
// destination without a local port), through both paths from both NICs. Without
// innerBroadcast, no broadcast copy (a VSID with thousands of VMs on a host makes each one
// thousands of deliveries to compare).
bool providerSideMatches(const PolicySnapshot &snap, Compare &cmp, const std::vector<std::pair<Frame, std::uint32_t>> &sent,
                         std::mt19937 &rng, bool innerBroadcast = true)
{
    std::map<std::uint32_t, std::vector<Frame>> byHost;
    for (auto &[f, host] : sent) {
        byHost[host].push_back(f);
        if (f.size() < 14 + 20 + 8 + 14 + 20 || rng() % 3 != 0)
            continue;
        Frame vsid = f;
        vsid[38 + 2] ^= 0x01;
        byHost[host].push_back(vsid);
        Frame src = f;
        src[29] ^= 0x40;
        byHost[host].push_back(src);
        Frame pa = f;
        pa[33] ^= 0x01;
        byHost[host].push_back(pa);
        Frame flags = f;
        flags[34] |= 0x80;
        byHost[host].push_back(flags);
        if (innerBroadcast) {
            Frame bcast = f;
            std::fill(bcast.begin() + 42, bcast.begin() + 48, 0xFF);
            byHost[host].push_back(bcast);
        }
        Frame innerDst = f;
        innerDst[42 + 30 + 3] ^= 0x5A;
        byHost[host].push_back(innerDst);
    }
    for (auto &[host, frames] : byHost) {
        std::shuffle(frames.begin(), frames.end(), rng);
        for (std::uint16_t nic = 0; nic < 2; ++nic) {
            const bool ok = cmp.run(
                frames, host,
                [&](const PipelineContext &c, FrameBuffer &f, ActionList &l) { fromProviderGeneral(c, nic, f, l); },
                [&](const PipelineContext &c, FrameBuffer *const *f, std::size_t n, ActionList *l) {
                    fromProviderBurst(c, nic, f, n, l);
                },
                nullptr);
            if (!ok) {
                qWarning("from the provider network of host %s", snap.hosts()[host].id.c_str());
                return false;
            }
        }
    }
    return true;
}

// A design too large for the examples: host-a with four local VMs, host-b0..15 with `remote`
// VMs of Red (VSIDs 5001 and 5002, 10.0.0.0/12 and 10.16.0.0/12) and Blue reusing Red's addresses
// (VSID 6001) — enough records for the compact index's narrow layout. Its edge cases: a4 on
// host-a shares its CA with a VM of host-b0 listed first (the general path sends to host-b0),
// and a VM of host-b0 shares a1's CA (a1's record, first, wins).
constexpr int kRemoteHosts = 16;

core::policy::Policy largePolicy(std::size_t remote)
{
    using namespace core::policy;
    auto mac = [](std::uint64_t v) { return core::net::MacAddress::fromU64(v).toString(); };
    auto ip = [](std::uint32_t a) { return core::net::Ipv4(a).to_string(); };
    Policy p;
    for (int h = 0; h < 1 + kRemoteHosts; ++h) {
        HostPolicy hp;
        hp.id = h == 0 ? "host-a" : "host-b" + std::to_string(h - 1);
        hp.name = hp.id;
        hp.nics.push_back({hp.id + "/nic1", "NIC1", mac(0x00155D000001ull + (std::uint64_t(h) << 8)), 9000});
        hp.providerMtu = 9000;
        p.hosts.push_back(hp);
        ProviderAddress pa;
        pa.host = hp.id;
        pa.address = "192.168.1." + std::to_string(10 + h);
        pa.prefixLength = 24;
        pa.nic = hp.id + "/nic1";
        pa.logicalSwitch = "ls";
        pa.site = "site";
        pa.subnet = "192.168.1.0/24";
        p.providerAddresses.push_back(pa);
    }
    p.providerSubnets.push_back({"site", "192.168.1.0/24", 0, "192.168.1.1", "0E:00:00:00:00:01"});
    for (const char *name : {"vmn-red", "vmn-blue"}) {
        RoutingDomain rd;
        rd.vmNetwork = name;
        rd.rdid = routingDomainGuid(name);
        rd.routerMac = routerMac(rd.rdid);
        if (std::string(name) == "vmn-red")
            rd.subnets = {{"red-1", "10.0.0.0/12", 5001, "10.0.0.1", {}}, {"red-2", "10.16.0.0/12", 5002, "10.16.0.1", {}}};
        else
            rd.subnets = {{"blue-1", "10.0.0.0/12", 6001, "10.0.0.1", {}}};
        p.routingDomains.push_back(rd);
        for (const auto &sub : rd.subnets)
            p.customerRoutes.push_back({rd.rdid.toString(), sub.vsid, sub.prefix, "0.0.0.0", 255, rd.vmNetwork, {}});
    }
    auto vm = [&](const std::string &id, const std::string &host, const std::string &vmn, const std::string &sub,
                  std::uint32_t vsid, std::uint32_t ca, std::uint64_t m) {
        PortPolicy port;
        port.nic = id;
        port.vm = id;
        port.host = host;
        port.vmNetwork = vmn;
        port.vmSubnet = sub;
        port.vsid = vsid;
        port.address = ip(ca);
        port.prefixLength = 12;
        port.mac = mac(m);
        p.ports.push_back(port);
        LookupRecord r;
        r.customerAddress = port.address;
        r.virtualSubnetId = vsid;
        r.macAddress = port.mac;
        r.providerAddress = host == "host-a" ? "192.168.1.10" : "192.168.1." + std::to_string(11 + std::stoi(host.substr(6)));
        r.vmNetwork = vmn;
        r.host = host;
        r.nic = id;
        p.lookupRecords.push_back(r);
    };
    vm("a1", "host-a", "vmn-red", "red-1", 5001, 0x0A000002u, 0x001DD8000002ull);
    vm("a2", "host-a", "vmn-red", "red-1", 5001, 0x0A000003u, 0x001DD8000003ull);
    vm("a3", "host-a", "vmn-red", "red-2", 5002, 0x0A100002u, 0x001DD8000004ull);
    vm("b-dup-a1", "host-b0", "vmn-red", "red-1", 5001, 0x0A000002u, 0x001DD8000005ull);
    for (std::size_t i = 0; i < remote; ++i) {
        const bool second = i % 2;
        const auto ca = (second ? 0x0A100000u : 0x0A000000u) + 16 + static_cast<std::uint32_t>(i / 2);
        const std::string host = "host-b" + std::to_string(i % kRemoteHosts);
        vm("b" + std::to_string(i), host, "vmn-red", second ? "red-2" : "red-1", second ? 5002 : 5001, ca, 0x001DD9000000ull + i);
        if (i % 8 == 0)
            vm("blue" + std::to_string(i), host, "vmn-blue", "blue-1", 6001, ca, 0x001DDA000000ull + i);
    }
    vm("a4", "host-a", "vmn-red", "red-1", 5001, 0x0A000000u + 16, 0x001DD8000006ull); // b0's CA
    return p;
}

} // namespace

class TestForwardingBurst : public QObject {
    Q_OBJECT

private slots:
    void burstMatchesFrameByFrame_data()
    {
        QTest::addColumn<QString>("design");
        QTest::addColumn<bool>("reachable");
        for (const char *e : {"red-blue", "three-tier", "converged-host", "rewrite", "broken"})
            QTest::newRow(e) << QString(e) << false;
        QTest::newRow("rewrite, remote hosts reachable") << QString("rewrite") << true;
        QTest::newRow("forwarding fixture") << QString("fixture") << false;
        QTest::newRow("fixture, AddressHash teaming") << QString("fixture-hash") << false;
        QTest::newRow("fixture, two local VMs share a CA") << QString("fixture-dup") << false;
    }
    void burstMatchesFrameByFrame()
    {
        QFETCH(QString, design);
        QFETCH(bool, reachable);
        core::Design d;
        if (design == "fixture")
            d = fixture::loadDesign();
        else if (design == "fixture-hash")
            d = fixture::loadDesign(fixture::replaced(fixture::kDesign, "\"loadBalancing\": \"HyperVPort\"",
                                                      "\"loadBalancing\": \"AddressHash\""));
        else if (design == "fixture-dup")
            d = fixture::loadDesign(fixture::replaced(fixture::kDesign, "\"ip\": \"10.1.1.10\"", "\"ip\": \"10.1.1.8\""));
        else
            d = loadExample(design.toStdString());
        SnapshotOptions o;
        o.remoteHostsReachable = reachable;
        const auto snap = PolicySnapshot::build(d, o);
        std::mt19937 rng(20261122);
        Compare cmp(*snap, rng);
        std::vector<std::pair<Frame, std::uint32_t>> sent;
        std::size_t portsTried = 0;
        for (std::uint32_t pi = 0; pi < snap->ports().size(); ++pi) {
            const PortEntry &p = snap->ports()[pi];
            if (p.rd == kNone || p.host == kNone)
                continue;
            ++portsTried;
            const auto frames = framesFrom(*snap, p, rng);
            const bool ok = cmp.run(
                frames, p.host, [&](const PipelineContext &c, FrameBuffer &f, ActionList &l) { fromPortGeneral(c, pi, f, l); },
                [&](const PipelineContext &c, FrameBuffer *const *f, std::size_t n, ActionList *l) {
                    fromPortBurst(c, pi, f, n, l);
                },
                &sent);
            QVERIFY2(ok, qPrintable("from port " + QString::fromStdString(p.id)));
        }
        QVERIFY(portsTried > 0);
        QVERIFY(cmp.fastEligible > 0);
        // The provider side: what was sent, at its receiver, with corrupted copies.
        QVERIFY(providerSideMatches(*snap, cmp, sent, rng));
        QVERIFY(cmp.countersEqual());
        qInfo("%zu frames compared, %zu delivered or transmitted", cmp.frames, cmp.fastEligible);
    }

    // A table large enough for the compact index's narrow layout (16 bits of the key a slot),
    // with the VMs of the design as its records: the burst still decides every frame as the
    // general path does — frames from a local VM to random VMs, addresses without a record,
    // Blue's reuse of Red's addresses; from VMs of the other host to the local ones; and
    // those at the receiver, with corrupted copies.
    void largeTableMatchesGeneralPath()
    {
        const auto snap = PolicySnapshot::build(largePolicy(400'000));
        QVERIFY(snap->fastIndexVsid().narrow());
        QVERIFY(snap->fastIndexRd().narrow());
        // A class per (host, VSID), a few of their own (the shared CAs): not one per VM.
        QVERIFY(snap->recordClasses().size() <= (1 + kRemoteHosts) * 3 + 4);
        std::mt19937 rng(20261204);
        Compare cmp(*snap, rng);
        std::vector<std::pair<Frame, std::uint32_t>> sent;
        auto buf = std::make_unique<FrameBuffer>();
        const std::vector<std::uint8_t> payload(18, 0x5A);
        auto framesTo = [&](const PortEntry &from, const std::vector<std::pair<Ipv4Addr, MacAddr>> &targets) {
            std::vector<Frame> out;
            for (const auto &[dst, dmac] : targets) {
                Ipv4Endpoints e;
                e.srcMac = from.mac;
                e.dstMac = dmac;
                e.srcIp = from.ca.v4();
                e.dstIp = dst;
                e.dontFragment = true;
                const bool ok = rng() % 4 == 0 ? buildTcpSyn(*buf, e, 40000, 443, rng())
                                               : buildUdp(*buf, e, static_cast<std::uint16_t>(1024 + rng() % 60000), 53, payload);
                if (ok)
                    out.push_back(bytesOf(*buf));
            }
            return out;
        };
        auto run = [&](std::uint32_t port, const std::vector<Frame> &frames) {
            return cmp.run(
                frames, snap->ports()[port].host,
                [&](const PipelineContext &c, FrameBuffer &f, ActionList &l) { fromPortGeneral(c, port, f, l); },
                [&](const PipelineContext &c, FrameBuffer *const *f, std::size_t n, ActionList *l) {
                    fromPortBurst(c, port, f, n, l);
                },
                &sent);
        };
        const auto &records = snap->records();
        for (const char *id : {"a1", "a3", "a4"}) {
            const std::uint32_t port = snap->portIndex(id);
            const PortEntry &p = snap->ports()[port];
            const MacAddr router = snap->routingDomains()[p.rd].routerMac;
            std::vector<std::pair<Ipv4Addr, MacAddr>> targets;
            for (int k = 0; k < 6000; ++k) {
                const RecordEntry &r = records[rng() % records.size()];
                targets.emplace_back(r.ca.v4(), r.vsid == p.vsid ? r.mac : router);
                if (k % 10 == 0) // no record: isolation / no-route, at the router or bridged
                    targets.emplace_back(0x0A000000u + 0x00080000u + rng() % 0x70000u, k % 20 ? router : r.mac);
            }
            QVERIFY2(run(port, framesTo(p, targets)), id);
        }
        for (int k = 0; k < 300; ++k) { // VMs of host-b to the local ones (and the shared CAs)
            const std::uint32_t port = snap->portIndex("b" + std::to_string(rng() % 400'000));
            const PortEntry &p = snap->ports()[port];
            const MacAddr router = snap->routingDomains()[p.rd].routerMac;
            std::vector<std::pair<Ipv4Addr, MacAddr>> targets;
            for (const char *id : {"a1", "a2", "a3", "a4"}) {
                const PortEntry &q = snap->ports()[snap->portIndex(id)];
                targets.emplace_back(q.ca.v4(), q.vsid == p.vsid ? q.mac : router);
            }
            QVERIFY(run(port, framesTo(p, targets)));
        }
        QVERIFY(cmp.fastEligible > 15'000);
        QVERIFY(providerSideMatches(*snap, cmp, sent, rng, false));
        QVERIFY(cmp.countersEqual());
        qInfo("%zu frames compared, %zu delivered or transmitted", cmp.frames, cmp.fastEligible);
    }

    // A rate limit makes the burst take the general path; it still matches.
    void rateLimitedPortMatchesFrameByFrame()
    {
        const auto snap = PolicySnapshot::build(fixture::loadDesign());
        const auto port = snap->portIndex("vm-slow/nic0");
        QVERIFY(port != kNone);
        const PortEntry &p = snap->ports()[port];
        std::mt19937 rng(7);
        auto frames = framesFrom(*snap, p, rng);
        DropCounters ca(*snap), cb(*snap);
        RateState ra(*snap), rb(*snap);
        PipelineContext a;
        a.snapshot = snap.get();
        a.host = p.host;
        a.counters = &ca;
        a.rate = &ra;
        a.nowNs = 1'000'000'000;
        PipelineContext b = a;
        b.counters = &cb;
        b.rate = &rb;
        std::vector<std::unique_ptr<FrameBuffer>> bufs;
        std::vector<FrameBuffer *> ptrs;
        std::vector<ActionList> outs;
        auto one = std::make_unique<FrameBuffer>();
        ActionList list = ActionList::forSnapshot(*snap);
        std::size_t rateDrops = 0;
        for (std::size_t i = 0; i < frames.size(); i += kMaxBurst) {
            const std::size_t n = std::min(kMaxBurst, frames.size() - i);
            bufs.clear();
            ptrs.clear();
            outs.clear();
            for (std::size_t k = 0; k < n; ++k) {
                bufs.push_back(std::make_unique<FrameBuffer>());
                QVERIFY(bufs.back()->assign(frames[i + k]));
                ptrs.push_back(bufs.back().get());
                outs.push_back(ActionList::forSnapshot(*snap));
            }
            fromPortBurst(b, port, ptrs.data(), n, outs.data());
            for (std::size_t k = 0; k < n; ++k) {
                QVERIFY(one->assign(frames[i + k]));
                fromPortGeneral(a, port, *one, list);
                QCOMPARE(outcomes(outs[k]), outcomes(list));
                for (const auto &act : list)
                    rateDrops += act.kind == ActionKind::Drop && act.reason == DropReason::RateLimit;
            }
        }
        QVERIFY(rateDrops > 0);
        QVERIFY(ca.ports == cb.ports && ca.hosts == cb.hosts && ca.vsids == cb.vsids);
    }

    // The fast path's compact IPv4 index answers, for every (VSID, CA) and (routing domain, CA)
    // of the lookup records, the record the general path finds (the first of a key): its MAC
    // and everything its class says; keys it does not hold are not found.
    void compactIndexHoldsTheGeneralPathsRecord_data()
    {
        QTest::addColumn<QString>("design");
        for (const char *e : {"red-blue", "three-tier", "converged-host", "rewrite", "broken", "fixture"})
            QTest::newRow(e) << QString(e);
    }
    void compactIndexHoldsTheGeneralPathsRecord()
    {
        QFETCH(QString, design);
        const auto snap = PolicySnapshot::build(design == "fixture" ? fixture::loadDesign() : loadExample(design.toStdString()));
        QVERIFY(!snap->records().empty());
        std::size_t checked = 0;
        auto same = [&](const fwd::detail::FastIndex &idx, fwd::detail::FastIndex::Hit e, std::uint32_t index, bool inVsid) {
            QVERIFY(e);
            const RecordEntry &r = snap->records()[index];
            const RecordClass &c = snap->recordClass(e.recordClass);
            QCOMPARE(idx.mac(e.slot), r.mac);
            QCOMPARE(c.rd, r.rd);
            QCOMPARE(c.host, r.host);
            // The port (the fast path resolves it for VSID lookups only): the class's own, or
            // the local port of the VSID with the record's CA.
            const std::uint32_t port = c.port != kNone ? c.port
                                       : c.portByCa    ? snap->localPortByCa(c.portHost, c.vsidIndex, r.ca.v4())
                                                       : kNone;
            if (inVsid)
                QCOMPARE(port, r.port);
            QCOMPARE(c.gateway, r.gateway);
            QCOMPARE(c.paV4, r.pa.isV4());
            QCOMPARE(IpKey::fromV4(c.pa4), r.pa.isV4() ? r.pa : IpKey::fromV4(0));
            QCOMPARE(c.paIndex, r.paIndex);
            QCOMPARE(c.portHost, r.portHost);
            QCOMPARE(c.rewrite, r.rewrite);
            ++checked;
        };
        for (const RecordEntry &r : snap->records()) {
            if (!r.ca.isV4())
                continue;
            same(snap->fastIndexVsid(), snap->fastInVsid(r.vsid, r.ca.v4(), PolicySnapshot::recordHash(r.vsid, r.ca)),
                 snap->recordInVsid(r.vsid, r.ca), true);
            if (r.rd != kNone)
                same(snap->fastIndexRd(), snap->fastInRd(r.rd, r.ca.v4(), PolicySnapshot::recordHash(r.rd, r.ca)),
                     snap->recordInRd(r.rd, r.ca), false);
            // Another VSID, another address: not found.
            const IpKey other = IpKey::fromV4(r.ca.v4() ^ 0x80000000u);
            if (snap->recordInVsid(r.vsid, other) == kNone)
                QVERIFY(!snap->fastInVsid(r.vsid, other.v4(), PolicySnapshot::recordHash(r.vsid, other)));
            if (snap->recordInVsid(r.vsid + 1, r.ca) == kNone)
                QVERIFY(!snap->fastInVsid(r.vsid + 1, r.ca.v4(), PolicySnapshot::recordHash(r.vsid + 1, r.ca)));
        }
        QVERIFY(checked > 0);
        // The VMs of one VSID on one host share a class (a class per VM would make the class
        // array a second random read per packet in a large design).
        std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, bool>, std::uint32_t> classOfVsidHost;
        std::size_t shared = 0;
        for (const RecordEntry &r : snap->records()) {
            if (!r.ca.isV4() || r.port == kNone || snap->recordInVsid(r.vsid, r.ca) != std::uint32_t(&r - snap->records().data()))
                continue;
            const auto e = snap->fastInVsid(r.vsid, r.ca.v4(), PolicySnapshot::recordHash(r.vsid, r.ca));
            QVERIFY(e);
            if (!snap->recordClass(e.recordClass).portByCa)
                continue;
            auto [it, fresh] = classOfVsidHost.try_emplace(std::make_tuple(r.vsid, r.host, r.portHost, r.rewrite), e.recordClass);
            if (!fresh && !r.rewrite) { // a Rewrite VM owns its PA: a class of its own
                QCOMPARE(e.recordClass, it->second);
                ++shared;
            }
        }
        if (design == "fixture") // A1 and A2 in red-web on host-a
            QVERIFY(shared > 0);
    }

    // A local port is found by its CA only when it is the port the general path delivers to
    // (the first lookup record of its VSID and CA): two local VMs with one CA find none, and
    // long lists are searched by halves.
    void localPortByCa()
    {
        const auto snap = PolicySnapshot::build(fixture::loadDesign());
        const std::uint32_t hostA = snap->hostIndex("host-a");
        const std::uint32_t a1 = snap->portIndex("vm-a1/nic0");
        const std::uint32_t a2 = snap->portIndex("vm-a2/nic0");
        const std::uint32_t vi = snap->ports()[a1].vsidIndex;
        QCOMPARE(snap->localPortByCa(hostA, vi, 0x0A010108u), a1);
        QCOMPARE(snap->localPortByCa(hostA, vi, 0x0A01010Au), a2);
        QCOMPARE(snap->localPortByCa(hostA, vi, 0x0A010109u), kNone); // B1: on host-b
        QCOMPARE(snap->localPortByCa(snap->hostIndex("host-b"), vi, 0x0A010108u), kNone);
        // Blue's VM on host-a has the same CA in another VSID.
        const std::uint32_t blue1 = snap->portIndex("vm-blue1/nic0");
        QCOMPARE(snap->localPortByCa(hostA, snap->ports()[blue1].vsidIndex, 0x0A010108u), blue1);

        const auto dup = PolicySnapshot::build(
            fixture::loadDesign(fixture::replaced(fixture::kDesign, "\"ip\": \"10.1.1.10\"", "\"ip\": \"10.1.1.8\"")));
        QCOMPARE(dup->localPortByCa(hostA, dup->ports()[dup->portIndex("vm-a1/nic0")].vsidIndex, 0x0A010108u), kNone);

        std::vector<PolicySnapshot::LocalCa> many;
        for (std::uint32_t i = 0; i < 100; ++i)
            many.push_back({0x0A000000u + 3 * i, 1000 + i});
        for (std::uint32_t i = 0; i < 100; ++i) {
            QCOMPARE(PolicySnapshot::localPortByCa(many.data(), many.data() + many.size(), 0x0A000000u + 3 * i), 1000 + i);
            QCOMPARE(PolicySnapshot::localPortByCa(many.data(), many.data() + many.size(), 0x0A000001u + 3 * i), kNone);
        }
        QCOMPARE(PolicySnapshot::localPortByCa(nullptr, nullptr, 0x0A000000u), kNone);
    }

    // The index itself: full buckets spill into the next (wrapping at the end), the first
    // insert of a key stays, a CA shared by two tags is told apart by the class's tag, a full
    // table, a class of another tag and out-of-range classes refuse.
    void compactIndexProbing()
    {
        using fwd::detail::FastIndex;
        auto hashOf = [](std::uint32_t tag, std::uint32_t ca) { return FastIndex::hash(tag, ca); };
        FastIndex idx;
        idx.reserve(25); // 5 buckets of 8: room for 39 records
        QCOMPARE(idx.capacity(), std::size_t{40});
        const std::size_t room = idx.capacity() - 1;
        std::mt19937 rng(7);
        struct Key {
            std::uint32_t tag, ca, cls;
        };
        std::vector<Key> keys;
        for (std::size_t i = 0; i < room; ++i) {
            // Three tags, each with its own classes; every CA in the three tags.
            const auto t = static_cast<std::uint32_t>(i % 3);
            const Key k{5000 + t, 0x0A000000u + static_cast<std::uint32_t>(i / 3), t * 100 + static_cast<std::uint32_t>(rng() % 5)};
            keys.push_back(k);
            QVERIFY(idx.insert(k.tag, k.ca, k.cls, macOf(keys.size())));
        }
        QCOMPARE(idx.size(), keys.size());
        const auto other = std::find_if(keys.begin(), keys.end(), [](const Key &k) { return k.tag != 5000; });
        QVERIFY(other != keys.end());
        QVERIFY(!idx.insert(5000, 0x0B000000u, other->cls, macOf(1))); // the class belongs to another tag
        QVERIFY(idx.insert(keys[3].tag, keys[3].ca, keys[3].cls, macOf(99))); // present: kept
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const auto e = idx.find(keys[i].tag, keys[i].ca, hashOf(keys[i].tag, keys[i].ca));
            QVERIFY(e);
            QCOMPARE(e.recordClass, keys[i].cls);
            QCOMPARE(idx.mac(e.slot), macOf(i + 1));
        }
        QVERIFY(!idx.find(5003, keys[0].ca, hashOf(5003, keys[0].ca)));   // a tag it does not hold
        QVERIFY(!idx.find(keys[0].tag, 0x0B000000u, hashOf(keys[0].tag, 0x0B000000u)));
        while (idx.size() < room)
            QVERIFY(idx.insert(7000, 0x0C000000u + static_cast<std::uint32_t>(idx.size()), 300, macOf(1)));
        QVERIFY(!idx.insert(7000, 0x0D000000u, 300, macOf(1))); // full
        for (const Key &k : keys) // still found in a full table, and a missing key still ends
            QVERIFY(idx.find(k.tag, k.ca, hashOf(k.tag, k.ca)));
        QVERIFY(!idx.find(7000, 0x0D000000u, hashOf(7000, 0x0D000000u)));

        // One bucket: a CA in two tags side by side.
        FastIndex one;
        one.reserve(1);
        QCOMPARE(one.capacity(), FastIndex::kSlots);
        QVERIFY(one.insert(1, 42, 0, macOf(1)));
        QVERIFY(one.insert(2, 42, 1, macOf(2)));
        QCOMPARE(one.find(2, 42, hashOf(2, 42)).recordClass, 1u);
        QCOMPARE(one.find(1, 42, hashOf(1, 42)).recordClass, 0u);
        QVERIFY(!one.find(3, 42, hashOf(3, 42)));
        QVERIFY(!one.find(0, 0, hashOf(0, 0))); // a free slot is no match
        QVERIFY(!one.insert(FastIndex::kNoTag, 1, 2, MacAddr{}));
        QVERIFY(!one.insert(1, 1, FastIndex::kMaxClass + 1, MacAddr{}));
        QVERIFY(one.insert(FastIndex::kNoTag - 1, 1, FastIndex::kMaxClass, MacAddr{}));
        QVERIFY(one.find(FastIndex::kNoTag - 1, 1, hashOf(FastIndex::kNoTag - 1, 1)));
    }

    // The narrow layout (large tables: 16 bits of the key and a 16-bit class per slot) finds
    // exactly the keys it holds: a CA in many tags, neighbouring CAs, keys that spilled up to
    // two buckets on; build() goes wide when a class does not fit in 16 bits.
    void compactIndexNarrow()
    {
        using fwd::detail::FastIndex;
        auto hashOf = [](std::uint32_t tag, std::uint32_t ca) { return FastIndex::hash(tag, ca); };
        struct Key {
            std::uint32_t tag, ca, cls;
        };
        std::vector<FastIndex::Entry> entries;
        std::vector<Key> keys;
        // 40 tags reusing one /16 (as tenants do), then a dense /12 in one tag: a million.
        const std::size_t total = 1'000'000;
        for (std::uint32_t i = 0; keys.size() < total; ++i) {
            const Key k = i < 400'000 ? Key{100 + i % 40, 0x0A000000u + i / 40, i % 40}
                                      : Key{7, 0x0B000000u + i, 40 + i % 3};
            keys.push_back(k);
            entries.push_back({k.tag, k.ca, k.cls, macOf(i)});
        }
        entries.push_back({100, 0x0A000000u, 0, macOf(1)}); // the key again: the first stays
        FastIndex idx;
        QCOMPARE(idx.build(entries), entries.size());
        QVERIFY(idx.narrow());
        QCOMPARE(idx.size(), keys.size());
        QVERIFY(idx.bytes() < keys.size() * 7); // under 7 bytes a record (wide: 12.8)
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const Key &k = keys[i];
            const auto e = idx.find(k.tag, k.ca, hashOf(k.tag, k.ca));
            QVERIFY(e);
            QCOMPARE(e.recordClass, k.cls);
            QCOMPARE(idx.mac(e.slot), macOf(i));
            // The neighbours that are not keys, and the key in a tag it is not in.
            if (i < 400'000) {
                const std::uint32_t beyond = 0x0A000000u + 400'000 / 40 + static_cast<std::uint32_t>(i % 1000);
                QVERIFY(!idx.find(k.tag, beyond, hashOf(k.tag, beyond)));
                QVERIFY(!idx.find(k.tag + 40, k.ca, hashOf(k.tag + 40, k.ca)));
            } else {
                QVERIFY(!idx.find(k.tag, k.ca ^ 0x00800000u, hashOf(k.tag, k.ca ^ 0x00800000u)));
                QVERIFY(!idx.find(8, k.ca, hashOf(8, k.ca)));
            }
        }
        // A class past 16 bits: the table is built wide, and still holds everything.
        entries.push_back({9, 0x0C000000u, FastIndex::kMaxNarrowClass + 1, macOf(2)});
        FastIndex wide;
        QCOMPARE(wide.build(entries), entries.size());
        QVERIFY(!wide.narrow());
        QCOMPARE(wide.find(9, 0x0C000000u, hashOf(9, 0x0C000000u)).recordClass, FastIndex::kMaxNarrowClass + 1);
        QCOMPARE(wide.find(keys[5].tag, keys[5].ca, hashOf(keys[5].tag, keys[5].ca)).recordClass, keys[5].cls);
        // A forced narrow table of the smallest size: keys past two buckets from home go to the
        // stash and are found there.
        FastIndex small;
        small.reserve(10, FastIndex::Layout::Narrow);
        QVERIFY(small.narrow());
        QVERIFY(small.insert(1, 1, 3, macOf(1)));
        QVERIFY(!small.insert(1, 2, FastIndex::kMaxNarrowClass + 1, macOf(1)));
        QVERIFY(!small.insert(2, 3, 3, macOf(1))); // class 3 is tag 1's
        QVERIFY(!small.insert(1, 4, 3, macOf(0xABCD00000001ull))); // class 3's MACs begin 00:00
        QVERIFY(small.insert(1, 5, 6, macOf(0xABCD00000001ull)));
        QCOMPARE(small.mac(small.find(1, 5, hashOf(1, 5)).slot), macOf(0xABCD00000001ull));
        QVERIFY(small.find(1, 1, hashOf(1, 1)));
        QVERIFY(!small.find(1, 2, hashOf(1, 2)));
        // Fill it to 3 records a slot's worth: many go to the stash.
        const std::size_t room = small.capacity();
        for (std::uint32_t i = 0; i < room; ++i)
            QVERIFY(small.insert(4, 0x0D000000u + i, 4, macOf(i)));
        QVERIFY(small.stashed() > 0);
        QVERIFY(small.insert(4, 0x0D000000u, 4, macOf(7))); // present: kept
        for (std::uint32_t i = 0; i < room; ++i) {
            const auto e = small.find(4, 0x0D000000u + i, hashOf(4, 0x0D000000u + i));
            QVERIFY(e);
            QCOMPARE(small.mac(e.slot), macOf(i));
        }
        QVERIFY(!small.find(4, 0x0E000000u, hashOf(4, 0x0E000000u)));
        QVERIFY(!small.find(5, 0x0D000000u, hashOf(5, 0x0D000000u)));
    }
};

QTEST_GUILESS_MAIN(TestForwardingBurst)
#include "tst_forwarding_burst.moc"
