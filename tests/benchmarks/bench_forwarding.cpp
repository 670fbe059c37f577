// ns per packet of the forwarding pipeline on one core, 64- and 1500-byte frames, each beside
// its baseline (copying the frame into the buffer once, which every case also does): same-host
// delivery, NVGRE encapsulation, decapsulation, routed + encapsulated, IP Rewrite; a million
// lookup records and a random destination for every packet (2^20 distinct frames, arriving in
// cache as from a TAP read). Subtract the baseline for the pipeline's own cost.
// BM_Burst_* is what the emulator's poll loop runs: 32 frames at a time through
// fromPortBurst / fromProviderBurst (parse + hash, prefetch, lookup + forward). Each pipeline
// row times a copy-only burst beside every pipeline burst and reports per_pkt (frame copy
// included), copy_pkt, net_pkt (the pipeline's own cost) and x_copy (the ratio); the
// BM_Burst_Baseline_* rows are the copy, and the copy plus only the lookup a frame needs (the
// floor under encapsulation and decapsulation). The rows without Burst run fromPort /
// fromProvider one frame at a time.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <random>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

#include <netvirt/core/net/address.h>
#include <netvirt/core/policy/policy.h>
#include <netvirt/emulator/forwarding/pipeline.h>
#include <netvirt/emulator/packet/packet.h>

using namespace netvirt;
using namespace netvirt::emulator::forwarding;
using namespace netvirt::emulator::packet;

namespace {

constexpr std::size_t kRecords = 1'000'000; // the large table; the hot variant uses kHotRecords
constexpr std::size_t kHotRecords = 8192;
constexpr std::size_t kFrames = std::size_t{1} << 20; // distinct frames (destinations) per case
constexpr std::size_t kHotFrames = 4096;
constexpr std::size_t kRewritePeers = 1024;

std::string ip4(std::uint32_t a) { return core::net::Ipv4(a).to_string(); }
std::string mac(std::uint64_t v) { return core::net::MacAddress::fromU64(v).toString(); }

// host-a (PA 192.168.1.10) with four local ports; host-b (192.168.1.11) holding a million
// Red VMs spread over 10.0.0.0/12 (VSID 5001) and 10.16.0.0/12 (VSID 5002); a Rewrite
// routing domain with 1024 peers on host-b.
// With vmPorts, the remote VMs are VMs of the design (each a port of host-b), as a compiled
// design gives them; without, bare lookup records.
core::policy::Policy makePolicy(std::size_t records, bool vmPorts)
{
    using namespace core::policy;
    Policy p;
    for (int h = 0; h < 2; ++h) {
        HostPolicy hp;
        hp.id = h == 0 ? "host-a" : "host-b";
        hp.name = hp.id;
        hp.nics.push_back({hp.id + "/nic1", "NIC1", mac(0x00155D000001ull + (std::uint64_t(h) << 8)), 9000});
        hp.nics.push_back({hp.id + "/nic2", "NIC2", mac(0x00155D000002ull + (std::uint64_t(h) << 8)), 9000});
        TeamPolicy t;
        t.logicalSwitch = "ls";
        t.uplinkMode = core::UplinkMode::Team;
        t.members = {hp.id + "/nic1", hp.id + "/nic2"};
        hp.teams.push_back(t);
        hp.providerMtu = 9000;
        p.hosts.push_back(hp);
        ProviderAddress pa;
        pa.host = hp.id;
        pa.address = "192.168.1." + std::to_string(10 + h);
        pa.prefixLength = 16;
        pa.nic = hp.id + "/nic1";
        pa.logicalSwitch = "ls";
        pa.site = "site";
        pa.subnet = "192.168.0.0/16";
        p.providerAddresses.push_back(pa);
    }
    p.providerSubnets.push_back({"site", "192.168.0.0/16", 0, "192.168.0.1", "0E:00:00:00:00:01"});
    RoutingDomain red;
    red.vmNetwork = "vmn-red";
    red.rdid = routingDomainGuid("vmn-red");
    red.routerMac = routerMac(red.rdid);
    red.subnets = {{"red-1", "10.0.0.0/12", 5001, "10.0.0.1", {}}, {"red-2", "10.16.0.0/12", 5002, "10.16.0.1", {}}};
    p.routingDomains.push_back(red);
    RoutingDomain fab;
    fab.vmNetwork = "vmn-fab";
    fab.rdid = routingDomainGuid("vmn-fab");
    fab.routerMac = routerMac(fab.rdid);
    fab.translation = core::Translation::Rewrite;
    fab.subnets = {{"fab-1", "10.32.0.0/16", 8001, "10.32.0.1", {}}};
    p.routingDomains.push_back(fab);
    for (const auto &rd : p.routingDomains)
        for (const auto &s : rd.subnets)
            p.customerRoutes.push_back({rd.rdid.toString(), s.vsid, s.prefix, "0.0.0.0", 255, rd.vmNetwork, {}});

    auto addPort = [&](const std::string &id, const std::string &vmn, const std::string &sub, std::uint32_t vsid,
                       std::uint32_t ca, std::uint64_t m, std::optional<std::string> rewritePa) {
        PortPolicy port;
        port.nic = id;
        port.vm = id;
        port.host = "host-a";
        port.vmNetwork = vmn;
        port.vmSubnet = sub;
        port.vsid = vsid;
        port.address = ip4(ca);
        port.prefixLength = 12;
        port.mac = mac(m);
        port.rewriteAddress = rewritePa;
        p.ports.push_back(port);
        LookupRecord r;
        r.customerAddress = port.address;
        r.virtualSubnetId = vsid;
        r.macAddress = port.mac;
        r.providerAddress = rewritePa ? *rewritePa : "192.168.1.10";
        r.rule = rewritePa ? Rule::Nat : Rule::Encap;
        r.vmNetwork = vmn;
        r.host = "host-a";
        r.nic = id;
        p.lookupRecords.push_back(r);
        if (rewritePa) {
            ProviderAddress pa = p.providerAddresses[0];
            pa.address = *rewritePa;
            pa.rewriteNic = id;
            p.providerAddresses.push_back(pa);
        }
    };
    addPort("a1", "vmn-red", "red-1", 5001, 0x0A000002u, 0x001DD8000002ull, std::nullopt);
    addPort("a2", "vmn-red", "red-1", 5001, 0x0A000003u, 0x001DD8000003ull, std::nullopt);
    addPort("f1", "vmn-fab", "fab-1", 8001, 0x0A200002u, 0x001DD8100002ull, std::string("192.168.2.2"));
    // A million remote Red VMs.
    for (std::size_t i = 0; i < records; ++i) {
        LookupRecord r;
        const bool second = i % 2;
        const std::uint32_t ca = (second ? 0x0A100000u : 0x0A000000u) + 16 + static_cast<std::uint32_t>(i / 2);
        r.customerAddress = ip4(ca);
        r.virtualSubnetId = second ? 5002 : 5001;
        r.macAddress = mac(0x001DD9000000ull + i);
        r.providerAddress = "192.168.1.11";
        r.vmNetwork = "vmn-red";
        r.host = "host-b";
        r.nic = "remote";
        if (vmPorts) {
            PortPolicy port;
            port.nic = "b" + std::to_string(i);
            port.vm = port.nic;
            port.host = "host-b";
            port.vmNetwork = r.vmNetwork;
            port.vmSubnet = second ? "red-2" : "red-1";
            port.vsid = r.virtualSubnetId;
            port.address = r.customerAddress;
            port.prefixLength = 12;
            port.mac = r.macAddress;
            p.ports.push_back(port);
            r.nic = port.nic;
        }
        p.lookupRecords.push_back(r);
    }
    // Rewrite peers on host-b, each with its own PA.
    for (std::size_t i = 0; i < kRewritePeers; ++i) {
        LookupRecord r;
        r.customerAddress = ip4(0x0A200010u + static_cast<std::uint32_t>(i));
        r.virtualSubnetId = 8001;
        r.macAddress = mac(0x001DDA000000ull + i);
        r.providerAddress = ip4(0xC0A80300u + static_cast<std::uint32_t>(i));
        r.rule = Rule::Nat;
        r.vmNetwork = "vmn-fab";
        r.host = "host-b";
        r.nic = "remote";
        p.lookupRecords.push_back(r);
        ProviderAddress pa = p.providerAddresses[1];
        pa.address = r.providerAddress;
        pa.rewriteNic = "remote-" + std::to_string(i);
        p.providerAddresses.push_back(pa);
    }
    return p;
}

struct Fixture {
    std::shared_ptr<const PolicySnapshot> snap;
    std::uint32_t a1 = 0, f1 = 0, hostA = 0;
    MacAddr a1Mac, a2Mac, f1Mac, redRouter;

    std::size_t records = 0;
    Fixture(std::size_t n, bool vmPorts) : records(n)
    {
        snap = PolicySnapshot::build(makePolicy(n, vmPorts));
        a1 = snap->portIndex("a1");
        f1 = snap->portIndex("f1");
        hostA = snap->hostIndex("host-a");
        a1Mac = snap->ports()[a1].mac;
        a2Mac = snap->ports()[snap->portIndex("a2")].mac;
        f1Mac = snap->ports()[f1].mac;
        redRouter = snap->routingDomains()[0].routerMac;
    }
};

enum class Table { Large, Hot, LargeVmPorts };

const Fixture &fixture(Table t)
{
    switch (t) {
    case Table::Large: {
        static const Fixture f(kRecords, false);
        return f;
    }
    case Table::Hot: {
        static const Fixture hot(kHotRecords, false);
        return hot;
    }
    case Table::LargeVmPorts:
        break;
    }
    static const Fixture ports(kRecords, true);
    return ports;
}

enum class Case { SameHost, Encap, Decap, Routed, Rewrite };

// The frames of a case as a VM would have sent them: `count` distinct frames of `bytes` bytes
// (Ethernet included), each to a random destination among the records. The frames differ only
// in a few header bytes (destination address and MAC, checksums): the copy into the buffer
// writes frame 0's headers (`head0`), then frame i's own bytes at those offsets (`runs`, from
// `varying`, read in order), then the payload — the same in every frame — from `tail`. So the
// copy (the baseline) costs the same whatever the table does to the caches, the frame arrives
// in cache as a TAP read() leaves it (not streamed from a ring larger than the caches), and the
// pipeline's figure minus the baseline is its own cost.
struct Frames {
    static constexpr std::size_t kHeadBytes = 128;
    struct Run {
        std::uint16_t offset = 0;
        std::uint16_t length = 0;
    };
    std::size_t count = 0;
    std::size_t bytes = 0;
    std::size_t head = 0; // header bytes (frame 0's in head0)
    std::array<std::uint8_t, kHeadBytes> head0{};
    std::vector<Run> runs;         // where frames differ from frame 0
    std::size_t perFrame = 0;      // sum of the runs' lengths
    std::vector<std::uint8_t> varying; // frame i's bytes of the runs at i * perFrame
    std::vector<std::uint8_t> tail;

    void copyTo(std::size_t i, FrameBuffer &buf) const
    {
        buf.clear();
        auto d = buf.put(bytes);
        std::memcpy(d.data(), head0.data(), head);
        const std::uint8_t *v = varying.data() + (i & (count - 1)) * perFrame;
        for (const Run &r : runs) {
            std::memcpy(d.data() + r.offset, v, r.length);
            v += r.length;
        }
        if (bytes > head)
            std::memcpy(d.data() + head, tail.data(), bytes - head);
    }
};

Frames makeFrames(const Fixture &f, Case c, std::size_t bytes, std::size_t count)
{
    std::mt19937 rng(42);
    Frames out;
    out.count = count;
    auto buf = std::make_unique<FrameBuffer>();
    const std::vector<std::uint8_t> data(bytes - 14 - 28, 0xA5);
    std::vector<std::uint8_t> heads(count * Frames::kHeadBytes);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t k = rng() % (f.records / 2);
        Ipv4Endpoints e;
        e.srcMac = f.a1Mac;
        e.srcIp = 0x0A000002u;
        e.dontFragment = true;
        switch (c) {
        case Case::SameHost:
            e.dstMac = f.a2Mac;
            e.dstIp = 0x0A000003u;
            break;
        case Case::Encap:
        case Case::Decap:
            e.dstIp = 0x0A000000u + 16 + static_cast<std::uint32_t>(k);
            e.dstMac = MacAddr{core::net::MacAddress::fromU64(0x001DD9000000ull + 2 * k).bytes};
            break;
        case Case::Routed:
            e.dstIp = 0x0A100000u + 16 + static_cast<std::uint32_t>(k);
            e.dstMac = f.redRouter;
            break;
        case Case::Rewrite:
            e.srcMac = f.f1Mac;
            e.srcIp = 0x0A200002u;
            e.dstIp = 0x0A200010u + static_cast<std::uint32_t>(rng() % kRewritePeers);
            e.dstMac = MacAddr{core::net::MacAddress::fromU64(0x001DDA000000ull + (e.dstIp - 0x0A200010u)).bytes};
            break;
        }
        if (!buildUdp(*buf, e, 40000, 5000, data))
            std::abort();
        if (c == Case::Decap) {
            // The reverse direction as it arrives on host-a: from host-b's VM k to a1.
            Ipv4Endpoints r = e;
            std::swap(r.srcIp, r.dstIp);
            r.dstMac = f.a1Mac;
            r.srcMac = e.dstMac;
            if (!buildUdp(*buf, r, 5000, 40000, data))
                std::abort();
            NvgreEncapV4 o;
            o.outerSrc = 0xC0A8010Bu;
            o.outerDst = 0xC0A8010Au;
            o.vsid = 5001;
            if (!encapsulateNvgre(*buf, o))
                std::abort();
        }
        const auto d = buf->data();
        out.bytes = d.size();
        out.head = std::min(d.size(), Frames::kHeadBytes);
        std::memcpy(heads.data() + i * Frames::kHeadBytes, d.data(), out.head);
        if (i == 0)
            out.tail.assign(d.begin() + static_cast<std::ptrdiff_t>(out.head), d.end());
        else if (!std::equal(out.tail.begin(), out.tail.end(), d.begin() + static_cast<std::ptrdiff_t>(out.head)))
            std::abort(); // the payload must be the same in every frame
    }
    // The offsets where any frame differs from frame 0, as runs; frame i's bytes there.
    std::memcpy(out.head0.data(), heads.data(), out.head);
    std::array<bool, Frames::kHeadBytes> differs{};
    for (std::size_t i = 1; i < count; ++i)
        for (std::size_t o = 0; o < out.head; ++o)
            differs[o] = differs[o] || heads[i * Frames::kHeadBytes + o] != out.head0[o];
    for (std::size_t o = 0; o < out.head; ++o) {
        if (!differs[o])
            continue;
        if (!out.runs.empty() && out.runs.back().offset + out.runs.back().length == o)
            ++out.runs.back().length;
        else
            out.runs.push_back({static_cast<std::uint16_t>(o), 1});
        ++out.perFrame;
    }
    out.varying.reserve(count * out.perFrame);
    for (std::size_t i = 0; i < count; ++i)
        for (const Frames::Run &r : out.runs)
            out.varying.insert(out.varying.end(), heads.begin() + static_cast<std::ptrdiff_t>(i * Frames::kHeadBytes + r.offset),
                               heads.begin() + static_cast<std::ptrdiff_t>(i * Frames::kHeadBytes + r.offset + r.length));
    // The copy must give back every frame exactly.
    for (std::size_t i = 0; i < count; i += 997) {
        out.copyTo(i, *buf);
        if (std::memcmp(buf->cdata().data(), heads.data() + i * Frames::kHeadBytes, out.head) != 0)
            std::abort();
    }
    return out;
}

// Every case runs on host A; IP Rewrite from its Rewrite VM's port, the others from VM a1.
PipelineContext hostAContext(const Fixture &f)
{
    PipelineContext ctx;
    ctx.snapshot = f.snap.get();
    ctx.host = f.hostA;
    return ctx;
}

std::uint32_t ingressPort(const Fixture &f, Case c) { return c == Case::Rewrite ? f.f1 : f.a1; }

void run(benchmark::State &state, Case c, bool baseline, Table t = Table::Large, bool general = false)
{
    const Fixture &f = fixture(t);
    const auto frames = makeFrames(f, c, static_cast<std::size_t>(state.range(0)), t == Table::Hot ? kHotFrames : kFrames);
    auto buf = std::make_unique<FrameBuffer>();
    ActionList out = ActionList::forSnapshot(*f.snap);
    const PipelineContext ctx = hostAContext(f);
    const std::uint32_t port = ingressPort(f, c);
    std::size_t i = 0;
    std::size_t sent = 0;
    for (auto _ : state) {
        frames.copyTo(i++, *buf);
        if (!baseline) {
            if (c == Case::Decap)
                general ? fromProviderGeneral(ctx, 0, *buf, out) : fromProvider(ctx, 0, *buf, out);
            else
                general ? fromPortGeneral(ctx, port, *buf, out) : fromPort(ctx, port, *buf, out);
            sent += out.size();
            benchmark::DoNotOptimize(out.begin());
        }
        benchmark::DoNotOptimize(buf->data().data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.counters["actions/pkt"] = baseline ? 0.0 : double(sent) / double(state.iterations());
}

// Bursts of kBurst frames through fromPortBurst/fromProviderBurst (lookups prefetched across
// the burst, as a poll loop would receive them). The baseline rows only copy the frames into
// their buffers; per_pkt is CPU time per packet.
// The pipeline rows pair every burst with a copy-only burst of the next kBurst frames, each
// timed by the TSC, so the baseline is measured in the same microseconds as the pipeline
// (this VM's speed drifts by 2x and more between runs, which made "row minus baseline row"
// meaningless): per_pkt is the copy + pipeline burst's share of the CPU time per packet,
// copy_pkt the copy-only burst's, net_pkt the difference (the pipeline's own cost) and
// x_copy their ratio.
constexpr std::size_t kBurst = kMaxBurst;

// A clock for bursts of a microsecond or two: the TSC where there is one (a few ns to read).
std::uint64_t ticks()
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_lfence(); // not before the work above it has finished
    const std::uint64_t t = __rdtsc();
    _mm_lfence();
    return t;
#else
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
#endif
}

void runBurst(benchmark::State &state, Case c, bool baseline, Table t = Table::Large)
{
    const Fixture &f = fixture(t);
    const auto frames = makeFrames(f, c, static_cast<std::size_t>(state.range(0)), t == Table::Hot ? kHotFrames : kFrames);
    std::vector<std::unique_ptr<FrameBuffer>> bufs;
    std::vector<FrameBuffer *> ptrs;
    std::vector<ActionList> outs;
    for (std::size_t j = 0; j < kBurst; ++j) {
        bufs.push_back(std::make_unique<FrameBuffer>());
        ptrs.push_back(bufs.back().get());
        outs.push_back(ActionList::forSnapshot(*f.snap));
    }
    const PipelineContext ctx = hostAContext(f);
    const std::uint32_t port = ingressPort(f, c);
    std::size_t i = 0;
    std::size_t sent = 0;
    std::uint64_t copyTicks = 0;
    std::uint64_t fullTicks = 0;
    const std::uint64_t start = ticks();
    for (auto _ : state) {
        if (baseline) {
            for (std::size_t j = 0; j < kBurst; ++j)
                frames.copyTo(i++, *bufs[j]);
            benchmark::DoNotOptimize(ptrs.data());
            benchmark::ClobberMemory();
            continue;
        }
        const std::uint64_t t0 = ticks();
        for (std::size_t j = 0; j < kBurst; ++j)
            frames.copyTo(i++, *bufs[j]);
        benchmark::DoNotOptimize(ptrs.data());
        benchmark::ClobberMemory();
        const std::uint64_t t1 = ticks();
        for (std::size_t j = 0; j < kBurst; ++j)
            frames.copyTo(i++, *bufs[j]);
        if (c == Case::Decap)
            fromProviderBurst(ctx, 0, ptrs.data(), kBurst, outs.data());
        else
            fromPortBurst(ctx, port, ptrs.data(), kBurst, outs.data());
        for (const auto &o : outs)
            sent += o.size();
        benchmark::DoNotOptimize(outs.data());
        benchmark::DoNotOptimize(ptrs.data());
        benchmark::ClobberMemory();
        const std::uint64_t t2 = ticks();
        copyTicks += t1 - t0;
        fullTicks += t2 - t1;
    }
    const double total = double(ticks() - start);
    const double pkts = double(state.iterations()) * double(kBurst);
    // A time counter that is a share of the CPU time: kIsRate | kInvert gives time / value.
    // (No items_per_second: a pipeline row's time holds its copy-only bursts too.)
    auto share = [&](double part) {
        return benchmark::Counter(part > 0 ? pkts * total / part : 0.0, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    };
    if (baseline) {
        state.SetItemsProcessed(static_cast<std::int64_t>(pkts));
        state.counters["per_pkt"] = share(total);
        return;
    }
    state.counters["per_pkt"] = share(double(fullTicks));
    state.counters["copy_pkt"] = share(double(copyTicks));
    state.counters["net_pkt"] = share(double(fullTicks) - double(copyTicks));
    state.counters["x_copy"] = copyTicks ? double(fullTicks) / double(copyTicks) : 0.0;
    state.counters["actions/pkt"] = double(sent) / pkts;
}

// The floors under the pipeline rows: the frame copy plus only the lookup that each frame
// needs in the compact index (hash, prefetch the burst, find) — what a million records cost
// in memory before the pipeline does anything. Encapsulation looks the destination CA up in
// its VSID; decapsulation the inner source CA in its routing domain (the spoofing check).
void runFloor(benchmark::State &state, Case c)
{
    const Fixture &f = fixture(Table::Large);
    const auto frames = makeFrames(f, c, static_cast<std::size_t>(state.range(0)), kFrames);
    std::vector<std::unique_ptr<FrameBuffer>> bufs;
    for (std::size_t j = 0; j < kBurst; ++j)
        bufs.push_back(std::make_unique<FrameBuffer>());
    const PolicySnapshot &snap = *f.snap;
    const bool decap = c == Case::Decap;
    const std::uint32_t tag = decap ? snap.vsids()[snap.vsidIndex(5001)].rd : 5001;
    const std::size_t keyAt = decap ? kNvgreOuterBytesV4 + 14 + 12 : 14 + 16; // inner source / destination CA
    std::size_t i = 0;
    std::uint64_t found = 0;
    std::size_t hashes[kBurst];
    Ipv4Addr keys[kBurst];
    for (auto _ : state) {
        for (std::size_t j = 0; j < kBurst; ++j)
            frames.copyTo(i++, *bufs[j]);
        for (std::size_t j = 0; j < kBurst; ++j) {
            keys[j] = load32(bufs[j]->cdata().data() + keyAt);
            hashes[j] = PolicySnapshot::recordHash(tag, IpKey::fromV4(keys[j]));
            decap ? snap.prefetchInRdHash(hashes[j]) : snap.prefetchInVsidHash(hashes[j]);
        }
        for (std::size_t j = 0; j < kBurst; ++j) {
            const auto e = decap ? snap.fastInRd(tag, keys[j], hashes[j]) : snap.fastInVsid(tag, keys[j], hashes[j]);
            found += e ? e.recordClass + 1 : 0;
        }
        benchmark::DoNotOptimize(found);
    }
    const double pkts = double(state.iterations()) * double(kBurst);
    state.SetItemsProcessed(static_cast<std::int64_t>(pkts));
    state.counters["per_pkt"] = benchmark::Counter(pkts, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
    if (found < state.iterations() * kBurst)
        state.SkipWithError("a key was not found");
}
void BM_Burst_Baseline_CopyAndLookup(benchmark::State &s) { runFloor(s, Case::Encap); }
void BM_Burst_Baseline_CopyDecapFrameAndLookup(benchmark::State &s) { runFloor(s, Case::Decap); }

void BM_Baseline_Copy(benchmark::State &s) { run(s, Case::Encap, true); }
void BM_SameHostDelivery(benchmark::State &s) { run(s, Case::SameHost, false); }
void BM_NvgreEncap(benchmark::State &s) { run(s, Case::Encap, false); }
void BM_NvgreDecap(benchmark::State &s) { run(s, Case::Decap, false); }
void BM_Baseline_CopyDecapFrame(benchmark::State &s) { run(s, Case::Decap, true); }
void BM_RoutedEncap(benchmark::State &s) { run(s, Case::Routed, false); }
void BM_IpRewrite(benchmark::State &s) { run(s, Case::Rewrite, false); }
void BM_Burst_Baseline_Copy(benchmark::State &s) { runBurst(s, Case::Encap, true); }
void BM_Burst_SameHostDelivery(benchmark::State &s) { runBurst(s, Case::SameHost, false); }
void BM_Burst_NvgreEncap(benchmark::State &s) { runBurst(s, Case::Encap, false); }
void BM_Burst_Baseline_CopyDecapFrame(benchmark::State &s) { runBurst(s, Case::Decap, true); }
void BM_Burst_NvgreDecap(benchmark::State &s) { runBurst(s, Case::Decap, false); }
void BM_Burst_RoutedEncap(benchmark::State &s) { runBurst(s, Case::Routed, false); }
void BM_Burst_IpRewrite(benchmark::State &s) { runBurst(s, Case::Rewrite, false); }
void BM_Burst_NvgreEncap_HotTable(benchmark::State &s) { runBurst(s, Case::Encap, false, Table::Hot); }
void BM_Burst_NvgreDecap_HotTable(benchmark::State &s) { runBurst(s, Case::Decap, false, Table::Hot); }
// The million remote records as VMs of the design (ports of host-b), as a compiled design
// gives them.
void BM_Burst_NvgreEncap_VmPorts(benchmark::State &s) { runBurst(s, Case::Encap, false, Table::LargeVmPorts); }
void BM_Burst_NvgreDecap_VmPorts(benchmark::State &s) { runBurst(s, Case::Decap, false, Table::LargeVmPorts); }
// The same with 8192 records (a cache-resident table): the pipeline's own cost.
void BM_NvgreEncap_HotTable(benchmark::State &s) { run(s, Case::Encap, false, Table::Hot); }
void BM_NvgreDecap_HotTable(benchmark::State &s) { run(s, Case::Decap, false, Table::Hot); }
void BM_RoutedEncap_HotTable(benchmark::State &s) { run(s, Case::Routed, false, Table::Hot); }
// The general path (every FORWARDING.md step, what the fast path falls back to), one frame at
// a time: what fromPort/fromProvider cost before the burst fast path.
void BM_General_NvgreEncap_HotTable(benchmark::State &s) { run(s, Case::Encap, false, Table::Hot, true); }
void BM_General_NvgreDecap_HotTable(benchmark::State &s) { run(s, Case::Decap, false, Table::Hot, true); }
void BM_General_RoutedEncap_HotTable(benchmark::State &s) { run(s, Case::Routed, false, Table::Hot, true); }
void BM_General_IpRewrite(benchmark::State &s) { run(s, Case::Rewrite, false, Table::Large, true); }

} // namespace

BENCHMARK(BM_Baseline_Copy)->Arg(64)->Arg(1500);
BENCHMARK(BM_SameHostDelivery)->Arg(64)->Arg(1500);
BENCHMARK(BM_NvgreEncap)->Arg(64)->Arg(1500);
BENCHMARK(BM_Baseline_CopyDecapFrame)->Arg(64)->Arg(1500);
BENCHMARK(BM_NvgreDecap)->Arg(64)->Arg(1500);
BENCHMARK(BM_RoutedEncap)->Arg(64)->Arg(1500);
BENCHMARK(BM_IpRewrite)->Arg(64)->Arg(1500);
BENCHMARK(BM_NvgreEncap_HotTable)->Arg(64)->Arg(1500);
BENCHMARK(BM_NvgreDecap_HotTable)->Arg(64)->Arg(1500);
BENCHMARK(BM_RoutedEncap_HotTable)->Arg(64)->Arg(1500);
BENCHMARK(BM_General_NvgreEncap_HotTable)->Arg(64)->Arg(1500);
BENCHMARK(BM_General_NvgreDecap_HotTable)->Arg(64)->Arg(1500);
BENCHMARK(BM_General_RoutedEncap_HotTable)->Arg(64)->Arg(1500);
BENCHMARK(BM_General_IpRewrite)->Arg(64)->Arg(1500);

BENCHMARK(BM_Burst_Baseline_Copy)->Arg(64)->Arg(1500);
BENCHMARK(BM_Burst_Baseline_CopyAndLookup)->Arg(64);
BENCHMARK(BM_Burst_SameHostDelivery)->Arg(64)->Arg(1500);
BENCHMARK(BM_Burst_NvgreEncap)->Arg(64)->Arg(1500);
BENCHMARK(BM_Burst_Baseline_CopyDecapFrame)->Arg(64)->Arg(1500);
BENCHMARK(BM_Burst_Baseline_CopyDecapFrameAndLookup)->Arg(64);
BENCHMARK(BM_Burst_NvgreDecap)->Arg(64)->Arg(1500);
BENCHMARK(BM_Burst_RoutedEncap)->Arg(64)->Arg(1500);
BENCHMARK(BM_Burst_IpRewrite)->Arg(64)->Arg(1500);
BENCHMARK(BM_Burst_NvgreEncap_HotTable)->Arg(64)->Arg(1500);
BENCHMARK(BM_Burst_NvgreDecap_HotTable)->Arg(64)->Arg(1500);
BENCHMARK(BM_Burst_NvgreEncap_VmPorts)->Arg(64);
BENCHMARK(BM_Burst_NvgreDecap_VmPorts)->Arg(64);

BENCHMARK_MAIN();
