// fromPortBurst / fromProviderBurst: the common case of a burst in three passes, as a DPDK
// pipeline would — (1) parse every frame's headers with a one-pass IPv4 parser, hash its
// lookup keys and prefetch their buckets, (2) look every key up, in a loop of its own,
// (3) forward — so the cache misses of a large record table overlap instead of being paid
// one after another (looking up inside pass 3 left one frame's work in the out-of-order
// window, and a line still on its way stalled everything: encapsulation at a million
// random destinations 78-89 -> 36-42 ns in the same runs). The fast path
// only takes a frame whose whole fate it can decide without side effects first (unicast
// IPv4 UDP/TCP/ICMP, no option, no fragment, no trace, no rate limit, every guard passed,
// a lookup record that delivers locally, hands to a local gateway, encapsulates or
// rewrites); anything else — drops included — goes through fromPortGeneral /
// fromProviderGeneral, so the decisions, actions and counters are exactly those of the
// general path. fromPort/fromProvider are bursts of one.
#include <netvirt/emulator/forwarding/pipeline.h>

#include <algorithm>
#include <cstring>
#include <tuple>

#include "pipeline_internal.h"

namespace netvirt::emulator::forwarding {

using namespace netvirt::emulator::packet;

namespace {

// What pass 1 learned about a frame (no initialisers: pass 1 sets what pass 3 reads).
struct Slot {
    const RouteEntry *route;              // routed (to the virtual router MAC), else nullptr
    std::size_t hash;                     // of (vsid, key) in the VSID table
    std::size_t hash2;                    // provider side: of (rd, key2) in the RD table
    Ipv4Addr key;                         // destination CA (or the route's next hop)
    Ipv4Addr key2;                        // provider side: inner source CA
    std::uint32_t vsid;                   // lookup VSID
    std::uint32_t vsidIndex;              // of vsid
    std::uint32_t rd;                     // provider side: the VSID's routing domain
    std::uint32_t outerSrc;               // provider side
    detail::FastIndex::Hit hit;           // pass 2, port side: of (vsid, key)
    detail::FastIndex::Hit hit2;          // pass 2, provider side: of (rd, key2)
    std::uint32_t port;                   // provider side: the local port of (vsid, key)
    std::uint16_t sport;
    std::uint16_t dport;
    std::uint8_t proto;
    bool fast;
};

// One-pass IPv4 parse of an untagged Ethernet frame at `b` of `size` bytes for the common
// case: IHL 5, not a fragment, total length within the frame, and a UDP, TCP or ICMP header
// that parseFrame() would accept. False when the general parser must decide.
inline bool quickIpv4(const std::uint8_t *b, std::size_t size, Slot &s)
{
    // EtherType 0x0800 and version 4 / IHL 5 in one compare (bytes 12-14 as loaded).
    std::uint32_t typeAndIhl;
    std::memcpy(&typeAndIhl, b + 12, 4);
    if (size < 14 + 20 || (typeAndIhl & 0x00FFFFFFu) != 0x00450008u)
        return false;
    const std::size_t total = load16(b + 16);
    if (total < 20 || total > size - 14 || (load16(b + 20) & 0x3FFF) != 0)
        return false;
    const std::size_t l4 = total - 20;
    const std::uint8_t *t = b + 34;
    s.proto = b[23];
    s.sport = 0;
    s.dport = 0;
    switch (s.proto) {
    case ip_proto::kUdp: {
        if (l4 < UdpView::kHeaderBytes)
            return false;
        const std::size_t len = load16(t + 4);
        if (len < UdpView::kHeaderBytes || len > l4)
            return false;
        s.sport = load16(t);
        s.dport = load16(t + 2);
        return true;
    }
    case ip_proto::kTcp: {
        if (l4 < TcpView::kMinHeaderBytes)
            return false;
        const std::size_t hdr = static_cast<std::size_t>(t[12] >> 4) * 4;
        if (hdr < TcpView::kMinHeaderBytes || hdr > l4)
            return false;
        s.sport = load16(t);
        s.dport = load16(t + 2);
        return true;
    }
    case ip_proto::kIcmp:
        return l4 >= IcmpView::kHeaderBytes;
    default:
        return false;
    }
}

// The ParsedFrame that parseFrame() returns for a frame quickIpv4() accepted (what the
// packet helpers shared with the slow path need).
inline ParsedFrame parsedOf(std::size_t size, const std::uint8_t *b, const Slot &s)
{
    ParsedFrame pf;
    pf.status = ParseStatus::Ok;
    pf.l3 = L3Kind::Ipv4;
    pf.l4 = s.proto == ip_proto::kUdp ? L4Kind::Udp : s.proto == ip_proto::kTcp ? L4Kind::Tcp : L4Kind::Icmp;
    pf.etherType = ether_type::kIpv4;
    pf.ipProtocol = s.proto;
    pf.frameBytes = static_cast<std::uint32_t>(size);
    pf.l3Offset = 14;
    pf.l3Bytes = load16(b + 16);
    pf.l4Offset = 34;
    pf.l4Bytes = pf.l3Bytes - 20;
    if (s.proto == ip_proto::kUdp)
        pf.l4Bytes = load16(b + 34 + 4);
    return pf;
}

#define NV_ALWAYS __attribute__((always_inline))
#define NV_INLINE inline NV_ALWAYS

NV_INLINE std::uint8_t flowOf(const std::uint8_t *b, const Slot &s)
{
    return foldTo8(flowHashV4(load32(b + 26), load32(b + 30), s.proto, s.sport, s.dport));
}

// The team member for traffic of `port` from srcPa, cached for the burst when it cannot
// depend on the packet (no team, one live member, HyperVPort).
struct NicChoice {
    const PaEntry *srcPa = nullptr;
    int nic = -1;
    bool perPacket = false;

    NV_INLINE int pick(const PipelineContext &ctx, const PaEntry &pa, std::uint32_t port, const IpKey &dstPa,
                       std::uint8_t flow)
    {
        if (srcPa == &pa && !perPacket)
            return nic;
        return pickSlow(ctx, pa, port, dstPa, flow);
    }
    int pickSlow(const PipelineContext &ctx, const PaEntry &pa, std::uint32_t port, const IpKey &dstPa, std::uint8_t flow)
    {
        if (srcPa != &pa) {
            srcPa = &pa;
            const HostEntry &h = ctx.snapshot->hosts()[ctx.host];
            perPacket = false;
            if (pa.team != kNone && pa.team < h.teams.size()) {
                const TeamEntry &t = h.teams[pa.team];
                perPacket = t.team && t.members.size() > 1 && t.loadBalancing != core::LoadBalancing::HyperVPort;
            }
            if (!perPacket)
                nic = chooseNic(ctx, pa.team, port, pa.address, pa.address, 0);
        }
        return perPacket ? chooseNic(ctx, pa.team, port, pa.address, dstPa, flow) : nic;
    }
};

// The frame's one action, written whole (one run of stores, not defaults then fields).
NV_INLINE void emit(ActionList &out, const Action &a) { out.single(a); }

// Per burst: the outer header template of the last peers (record classes) for NVGRE —
// Ethernet + IPv4 + GRE with every constant field written and the IPv4 checksum summed
// except the total length, so a packet costs a 42-byte copy and three stores.
class PeerCache {
public:
    // For one source PA (the burst's port's host PA). Entries hold a template once their
    // class is set (no other initialiser: a burst of one frame pays for eight stores only).
    struct Entry {
        alignas(16) std::uint8_t header[48];
        std::uint32_t recordClass = detail::FastIndex::kEmpty;
        std::uint32_t sumBase;            // IPv4 header words but total length and checksum
        int nic;                          // the template's NIC; -1: no template yet
    };

    NV_INLINE Entry &get(std::uint32_t recordClass)
    {
        Entry &e = m_entries[recordClass & (kEntries - 1)];
        if (e.recordClass != recordClass) {
            e.recordClass = recordClass;
            e.nic = -1;
        }
        return e;
    }
    // The same outer headers as pushNvgreV4() with NvgreEncapV4's defaults (TTL 64, DF,
    // identification 0, TOS 0); vsid, flow and total length are per packet.
    static void buildTemplate(Entry &e, const MacAddr &dstMac, const MacAddr &srcMac, int nic, Ipv4Addr src,
                              Ipv4Addr dst)
    {
        std::uint8_t *h = e.header;
        dstMac.store(h);
        srcMac.store(h + 6);
        store16(h + 12, ether_type::kIpv4);
        std::uint8_t *ip = h + 14;
        ip[0] = 0x45;
        ip[1] = 0;
        store16(ip + 2, 0);
        store16(ip + 4, 0);
        store16(ip + 6, Ipv4View::kFlagDf);
        ip[8] = 64;
        ip[9] = ip_proto::kGre;
        store16(ip + 10, 0);
        store32(ip + 12, src);
        store32(ip + 16, dst);
        store16(ip + 20, kNvgreFlagsVersion);
        store16(ip + 22, ether_type::kTransparentEthernet);
        store32(ip + 24, 0);
        e.sumBase = 0x4500u + Ipv4View::kFlagDf + ((64u << 8) | ip_proto::kGre) + (src >> 16) + (src & 0xFFFF)
            + (dst >> 16) + (dst & 0xFFFF);
        e.nic = nic;
    }
    // Prepends the template to `buf` (checked by the caller: headroom, length, vsid).
    NV_INLINE static void push(const Entry &e, FrameBuffer &buf, std::uint32_t vsid, std::uint8_t flow)
    {
        const auto total = static_cast<std::uint16_t>(28 + buf.size());
        std::uint8_t *h = buf.push(kNvgreOuterBytesV4).data();
        // 42 bytes as three 16-byte moves (the last two overlap): no rep movsb.
        std::memcpy(h, e.header, 16);
        std::memcpy(h + 16, e.header + 16, 16);
        std::memcpy(h + 26, e.header + 26, 16);
        std::uint32_t sum = e.sumBase + total;
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        store16(h + 16, total);
        store16(h + 24, static_cast<std::uint16_t>(~sum));
        store32(h + 38, nvgreKey(vsid, flow));
    }

private:
    static constexpr std::size_t kEntries = 8;
    Entry m_entries[kEntries];
};

// MAC addresses compared as they lie in the frame: the 6 bytes in the low bits of a u64.
constexpr std::uint64_t kMac48 = 0xFFFFFFFFFFFFull;
NV_INLINE std::uint64_t rawMac(const MacAddr &m)
{
    std::uint64_t v = 0;
    std::memcpy(&v, m.bytes.data(), 6);
    return v;
}
NV_INLINE std::uint64_t rawDstMac(const std::uint8_t *b)
{
    std::uint64_t v;
    std::memcpy(&v, b, 8);
    return v & kMac48;
}
NV_INLINE std::uint64_t rawSrcMac(const std::uint8_t *b)
{
    std::uint64_t v;
    std::memcpy(&v, b + 4, 8); // bytes 4..11: the source MAC is the upper six
    return v >> 16;
}

// Per burst from one port: what does not change from frame to frame.
struct PortBurst {
    const PolicySnapshot &s;
    const PipelineContext &ctx;
    const PortEntry &p;
    std::uint32_t port;
    const HostEntry &h;
    const PaEntry *encapPa;               // the host's shared PA when IPv4, else nullptr
    std::size_t mtu;
    std::size_t innerMtu;
    std::size_t nicCount;
    std::uint64_t portMac;                // rawMac()
    Ipv4Addr portCa;
    std::uint64_t routerMac;
    bool flowIds;

    PortBurst(const PipelineContext &c, std::uint32_t portIndex)
        : s(*c.snapshot), ctx(c), p(s.ports()[portIndex]), port(portIndex), h(s.hosts()[c.host]),
          encapPa(h.hostPa != kNone && h.pas[h.hostPa].address.isV4() ? &h.pas[h.hostPa] : nullptr),
          mtu(static_cast<std::size_t>(h.providerMtu)),
          // At most what the outer IPv4 total length can carry (so a frame within it fits).
          innerMtu(std::min<std::size_t>(mtu > kNvgreOverheadV4 ? mtu - kNvgreOverheadV4 : 0, 0xFFFF - 28 - 14)),
          nicCount(h.nics.size()), portMac(rawMac(p.mac)), portCa(p.ca.v4()),
          routerMac(rawMac(s.routingDomains()[p.rd].routerMac)), flowIds(s.flowId())
    {
    }
};


// Step 6's edits once the fate of a routed frame is known: TTL, router MAC, target MAC.
void applyRoute(const PolicySnapshot &s, const PortEntry &p, std::uint32_t slot, MutBytes frame)
{
    Ipv4Mut::unchecked(frame.subspan(14)).decrementTtl();
    s.routingDomains()[p.rd].routerMac.store(frame.data() + 6);
    s.fastIndexVsid().mac(slot).store(frame.data());
}

// Pass 3 for a frame from a vNIC; false (and nothing changed) when the slow path decides.
bool portFrame(const PortBurst &pb, FrameBuffer &buf, const Slot &sl, NicChoice &nics, PeerCache &peers, ActionList &out)
{
    const PolicySnapshot &s = pb.s;
    const PortEntry &p = pb.p;
    const std::uint32_t host = pb.ctx.host;
    const detail::FastIndex::Hit rec = sl.hit;
    if (!rec)
        return false;
    const std::uint32_t classIndex = rec.recordClass;
    const RecordClass &c = s.recordClass(classIndex);
    if (c.rd != p.rd || !c.portOrGateway)
        return false;
    const std::uint32_t vsidIndex = sl.vsidIndex;
    const MutBytes frame = buf.data();
    std::uint8_t *b = frame.data();
    if (c.portHost == host) {
        if (c.port != kNone || c.portByCa) {
            const std::uint32_t to = c.port != kNone ? c.port : s.localPortByCa(host, c.vsidIndex, sl.key);
            if (to == kNone)
                return false;
            if (sl.route)
                applyRoute(s, p, rec.slot, frame);
            emit(out, {.kind = ActionKind::Deliver, .port = to, .vsidIndex = s.ports()[to].vsidIndex, .head = {}, .body = frame});
            return true;
        }
        if (c.gateway != kNone) {
            if (sl.route)
                applyRoute(s, p, rec.slot, frame);
            emit(out, {.kind = ActionKind::ToGateway, .vsidIndex = vsidIndex, .gateway = c.gateway, .head = {}, .body = frame});
            return true;
        }
    }
    if (!c.remoteV4 || c.host == host)
        return false;
    const HostEntry &h = pb.h;
    const IpKey dstPa = IpKey::fromV4(c.pa4);
    if (c.rewrite && p.rewrite && p.rewritePa.isV4()) {
        // IP Rewrite outbound (the slow path's rewriteOut).
        if (load16(b + 16) > pb.mtu)
            return false;
        const auto owner = p.rewritePaOwner;
        const PaEntry *srcPa = owner != kNone && (owner >> 16) == host ? &h.pas[owner & 0xFFFF]
                               : h.hostPa != kNone                    ? &h.pas[h.hostPa]
                                                                      : nullptr;
        if (!srcPa)
            return false;
        const std::uint8_t flow = flowOf(b, sl);
        const int nic = nics.pick(pb.ctx, *srcPa, pb.port, dstPa, flow);
        if (nic < 0 || static_cast<std::size_t>(nic) >= pb.nicCount)
            return false;
        if (sl.route)
            applyRoute(s, p, rec.slot, frame);
        const ParsedFrame pf = parsedOf(frame.size(), b, sl);
        rewriteIpv4Addresses(frame, pf, p.rewritePa.v4(), c.pa4);
        h.nics[nic].mac.store(b + 6);
        detail::nextHopMac(*srcPa, c).store(b);
        emit(out, {.kind = ActionKind::Transmit,
                   .port = pb.port,
                   .vsidIndex = vsidIndex,
                   .nic = static_cast<std::uint16_t>(nic),
                   .peerHost = c.host,
                   .head = {}, .body = frame});
        return true;
    }
    // NVGRE (the slow path's encapTo).
    const PaEntry *srcPa = pb.encapPa;
    const std::size_t size = frame.size();
    if (!srcPa || size - 14 > pb.innerMtu || buf.headroom() < kNvgreOuterBytesV4 || sl.vsid > kMaxVsid)
        return false;
    const std::uint8_t flow = pb.flowIds ? flowOf(b, sl) : 0;
    const int nic = nics.pick(pb.ctx, *srcPa, pb.port, dstPa, flow);
    if (nic < 0 || static_cast<std::size_t>(nic) >= pb.nicCount)
        return false;
    PeerCache::Entry &peer = peers.get(classIndex);
    if (peer.nic != nic)
        PeerCache::buildTemplate(peer, detail::nextHopMac(*srcPa, c), h.nics[nic].mac, nic, srcPa->address.v4(), c.pa4);
    if (sl.route)
        applyRoute(s, p, rec.slot, frame);
    PeerCache::push(peer, buf, sl.vsid, flow);
    emit(out, {.kind = ActionKind::Transmit,
               .port = pb.port,
               .vsidIndex = vsidIndex,
               .nic = static_cast<std::uint16_t>(nic),
               .peerHost = c.host,
               .head = {},
               .body = ConstBytes(b - kNvgreOuterBytesV4, size + kNvgreOuterBytesV4)});
    return true;
}

// Pass 1 for a frame from a vNIC: true when the fast path may take it.
NV_INLINE bool classifyFromPort(const PortBurst &pb, ConstBytes d, Slot &sl)
{
    const PolicySnapshot &s = pb.s;
    const PortEntry &p = pb.p;
    const std::uint8_t *b = d.data();
    if (!quickIpv4(b, d.size(), sl))
        return false;
    // Guards (step 2): source MAC and CA; DHCP (client, guard) and router guard go slow.
    if (!p.macSpoofing && rawSrcMac(b) != pb.portMac)
        return false;
    if (load32(b + 26) != pb.portCa)
        return false;
    static_assert(kDhcpClientPort == kDhcpServerPort + 1);
    if (sl.proto == ip_proto::kUdp
        && (static_cast<std::uint16_t>(sl.sport - kDhcpServerPort) < 2 || static_cast<std::uint16_t>(sl.dport - kDhcpServerPort) < 2))
        return false;
    if (sl.proto == ip_proto::kIcmp && p.routerGuard)
        return false;
    if (b[0] & 1) // multicast and broadcast
        return false;
    const Ipv4Addr dst = load32(b + 30);
    sl.route = nullptr;
    if (rawDstMac(b) == pb.routerMac) {
        const RouteEntry *route = s.route(p.rd, IpKey::fromV4(dst));
        if (!route || b[22] <= 1)
            return false;
        if (!route->onLink && !route->nextHop.isV4()) // not in the compact index, nothing to prefetch
            return false;
        sl.route = route;
        sl.key = route->onLink ? dst : route->nextHop.v4();
        sl.vsid = route->vsid;
        sl.vsidIndex = route->vsidIndex;
    } else {
        sl.key = dst;
        sl.vsid = p.vsid;
        sl.vsidIndex = p.vsidIndex;
    }
    sl.hash = PolicySnapshot::recordHash(sl.vsid, IpKey::fromV4(sl.key));
    return true;
}

} // namespace

void fromPortBurst(const PipelineContext &ctx, std::uint32_t port, FrameBuffer *const *frames, std::size_t n,
                   ActionList *outs)
{
    const PolicySnapshot &s = *ctx.snapshot;
    bool fast = ctx.trace == nullptr && port < s.ports().size() && s.hosts().size() < 0xFFFF;
    const PortEntry *p = fast ? &s.ports()[port] : nullptr;
    if (fast) {
        const bool rateLimited = ctx.rate && p->maximumMbps > 0 && port < ctx.rate->tokensBytes.size();
        fast = p->rd != kNone && p->host == ctx.host && !rateLimited && p->ca.isV4();
    }
    if (!fast) {
        for (std::size_t i = 0; i < n; ++i)
            fromPortGeneral(ctx, port, *frames[i], outs[i]);
        return;
    }
    const PortBurst pb(ctx, port);
    Slot slots[kMaxBurst];
    NicChoice nics;
    PeerCache peers;
    for (std::size_t base = 0; base < n; base += kMaxBurst) {
        const std::size_t m = std::min(kMaxBurst, n - base);
        for (std::size_t i = 0; i < m; ++i) {
            Slot &sl = slots[i];
            sl.fast = classifyFromPort(pb, frames[base + i]->cdata(), sl);
            if (sl.fast && m > 1) { // a frame alone has nothing to overlap its miss with
                s.prefetchInVsidHash(sl.hash);
                if (sl.route) // the target's MAC, for the routed frame's new destination
                    s.prefetchMacInVsidHash(sl.hash);
            }
        }
        // Pass 2: every lookup in a short loop, so the out-of-order window holds several
        // lookups whose lines are still on their way (in pass 3 one frame's work fills it).
        for (std::size_t i = 0; i < m; ++i) {
            Slot &sl = slots[i];
            if (sl.fast)
                sl.hit = s.fastInVsid(sl.vsid, sl.key, sl.hash);
        }
        for (std::size_t i = 0; i < m; ++i) {
            FrameBuffer &buf = *frames[base + i];
            if (!slots[i].fast || !portFrame(pb, buf, slots[i], nics, peers, outs[base + i]))
                fromPortGeneral(ctx, port, buf, outs[base + i]);
        }
    }
}

namespace {

// Pass 1 for a provider frame: NVGRE over IPv4 to a PA of this host, carrying an IPv4 frame
// from a VM of a VSID with a local port. True when the fast path may take it.
// What the frames of one burst from a NIC share (almost always): the outer destination PA
// and the VSID. Remembered from the last frame instead of looked up again.
struct ProviderMemo {
    Ipv4Addr pa = 0;
    bool paLocal = false;                 // pa is a PA of this host (valid once paKnown)
    bool paKnown = false;
    std::uint32_t vsid = kNone;
    std::uint32_t vsidIndex = kNone;      // kNone: no local port in vsid
    std::uint32_t rd = kNone;
    const PolicySnapshot::LocalCa *localBegin = nullptr; // vsid's local ports by CA
    const PolicySnapshot::LocalCa *localEnd = nullptr;
};

bool classifyFromProvider(const PipelineContext &ctx, ConstBytes d, Slot &sl, ProviderMemo &memo)
{
    const PolicySnapshot &s = *ctx.snapshot;
    const std::uint8_t *b = d.data();
    constexpr std::size_t kInner = 14 + 20 + kNvgreHeaderBytes;
    std::uint32_t typeAndIhl; // EtherType 0x0800 and version 4 / IHL 5, as loaded
    std::memcpy(&typeAndIhl, b + 12, 4);
    if (d.size() < kInner + 14 + 20 || (typeAndIhl & 0x00FFFFFFu) != 0x00450008u || b[23] != ip_proto::kGre)
        return false;
    const std::size_t total = load16(b + 16);
    if (total < 20 + kNvgreHeaderBytes + 14 || total > d.size() - 14 || (load16(b + 20) & 0x3FFF) != 0)
        return false;
    const std::uint8_t *g = b + 34;
    if (load16(g) != kNvgreFlagsVersion || load16(g + 2) != ether_type::kTransparentEthernet)
        return false;
    const Ipv4Addr outerDst = load32(b + 30);
    if (!memo.paKnown || outerDst != memo.pa) {
        const auto owner = s.paOwner(IpKey::fromV4(outerDst));
        memo.pa = outerDst;
        memo.paLocal = owner != kNone && (owner >> 16) == ctx.host;
        memo.paKnown = true;
    }
    if (!memo.paLocal)
        return false;
    const std::uint32_t vsid = load32(g + 4) >> 8;
    if (vsid != memo.vsid) {
        // The VSID must have a local port (gateway-only VSIDs go slow).
        const std::uint32_t vi = s.vsidIndex(vsid);
        auto [pb, pe] = vi == kNone ? std::pair<const std::uint32_t *, const std::uint32_t *>{nullptr, nullptr}
                                    : s.localPorts(ctx.host, vi);
        memo.vsid = vsid;
        memo.vsidIndex = pb == pe ? kNone : vi;
        memo.rd = pb == pe ? kNone : s.vsids()[vi].rd;
        std::tie(memo.localBegin, memo.localEnd) = s.localByCa(ctx.host, vi);
    }
    if (memo.vsidIndex == kNone)
        return false;
    const std::uint8_t *inner = b + kInner;
    const std::size_t innerBytes = total - 20 - kNvgreHeaderBytes;
    if (!quickIpv4(inner, innerBytes, sl) || MacAddr::load(inner).isMulticast())
        return false;
    sl.vsidIndex = memo.vsidIndex;
    sl.rd = memo.rd;
    sl.outerSrc = load32(b + 26);
    // The destination among the VSID's few local ports (in cache), not the record table.
    sl.port = PolicySnapshot::localPortByCa(memo.localBegin, memo.localEnd, load32(inner + 30));
    if (sl.port == kNone)
        return false;
    sl.key2 = load32(inner + 26);
    sl.hash2 = PolicySnapshot::recordHash(sl.rd, IpKey::fromV4(sl.key2));
    return true;
}

// Pass 3 for a provider frame (the slow path's receiveNvgre + deliverInner for a local port).
bool providerFrame(const PipelineContext &ctx, FrameBuffer &buf, const Slot &sl, ActionList &out)
{
    const PolicySnapshot &s = *ctx.snapshot;
    const detail::FastIndex::Hit srcRec = sl.hit2;
    if (!srcRec)
        return false;
    const RecordClass &src = s.recordClass(srcRec.recordClass);
    if (!src.paV4 || src.pa4 != sl.outerSrc)
        return false;
    constexpr std::size_t kInner = 14 + 20 + kNvgreHeaderBytes;
    const std::size_t innerBytes = load16(buf.cdata().data() + 16) - 20 - kNvgreHeaderBytes;
    if (!buf.pull(kInner) || !buf.truncate(innerBytes))
        return false; // not reached: the lengths were checked in pass 1
    emit(out, {.kind = ActionKind::Deliver, .port = sl.port, .vsidIndex = sl.vsidIndex, .head = {}, .body = buf.data()});
    return true;
}

} // namespace

void fromProviderBurst(const PipelineContext &ctx, std::uint16_t nic, FrameBuffer *const *frames, std::size_t n,
                       ActionList *outs)
{
    const PolicySnapshot &s = *ctx.snapshot;
    if (ctx.trace != nullptr || s.hosts().size() >= 0xFFFF) {
        for (std::size_t i = 0; i < n; ++i)
            fromProviderGeneral(ctx, nic, *frames[i], outs[i]);
        return;
    }
    Slot slots[kMaxBurst];
    ProviderMemo memo;
    for (std::size_t base = 0; base < n; base += kMaxBurst) {
        const std::size_t m = std::min(kMaxBurst, n - base);
        for (std::size_t i = 0; i < m; ++i) {
            Slot &sl = slots[i];
            sl.fast = classifyFromProvider(ctx, frames[base + i]->cdata(), sl, memo);
            if (sl.fast && m > 1)
                s.prefetchInRdHash(sl.hash2);
        }
        for (std::size_t i = 0; i < m; ++i) { // pass 2, as fromPortBurst's
            Slot &sl = slots[i];
            if (sl.fast)
                sl.hit2 = s.fastInRd(sl.rd, sl.key2, sl.hash2);
        }
        for (std::size_t i = 0; i < m; ++i) {
            FrameBuffer &buf = *frames[base + i];
            if (!slots[i].fast || !providerFrame(ctx, buf, slots[i], outs[base + i]))
                fromProviderGeneral(ctx, nic, buf, outs[base + i]);
        }
    }
}

} // namespace netvirt::emulator::forwarding
