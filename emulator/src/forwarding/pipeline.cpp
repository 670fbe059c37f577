// The per-host pipeline of FORWARDING.md: vNIC ingress (parse, guards, ARP/ND proxy, DHCP,
// unicast lookup, routing, replication), NVGRE/IP Rewrite transmit with MTU handling and
// teaming, and provider-side classification with the NVGRE receive checks.
#include <netvirt/emulator/forwarding/pipeline.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include <netvirt/core/net/address.h>
#include <netvirt/emulator/packet/packet.h>

#include "pipeline_internal.h"

namespace netvirt::emulator::forwarding {

using namespace netvirt::emulator::packet;

bool Action::copyTo(FrameBuffer &out) const
{
    out.clear();
    auto dst = out.put(size());
    if (dst.size() != size())
        return false;
    if (!head.empty())
        std::memcpy(dst.data(), head.data(), head.size());
    if (!body.empty())
        std::memcpy(dst.data() + head.size(), body.data(), body.size());
    return true;
}

ActionList::ActionList(std::size_t maxActions, std::size_t scratchFrames)
    : m_actions(maxActions), m_heads(maxActions * 64)
{
    m_scratch.reserve(scratchFrames);
    for (std::size_t i = 0; i < scratchFrames; ++i)
        m_scratch.push_back(std::make_unique<FrameBuffer>());
}

ActionList ActionList::forSnapshot(const PolicySnapshot &snapshot)
{
    // Room for the replication fan-out, for an action per scratch frame (fragments, replies)
    // and for the drop that ends a call: a frame's fate is never lost for want of a slot.
    constexpr std::size_t kScratchFrames = 16;
    return ActionList(snapshot.maxFanout() + kScratchFrames + 8, kScratchFrames);
}

FrameBuffer *ActionList::scratch()
{
    return m_scratchUsed < m_scratch.size() ? m_scratch[m_scratchUsed++].get() : nullptr;
}

std::uint8_t *ActionList::headBytes(std::size_t n)
{
    if (m_headUsed + n > m_heads.size())
        return nullptr;
    std::uint8_t *p = m_heads.data() + m_headUsed;
    m_headUsed += n;
    return p;
}

DropCounters::DropCounters(const PolicySnapshot &s)
    : ports(s.ports().size(), Row{}), hosts(s.hosts().size(), Row{}), vsids(s.vsids().size(), Row{})
{
}

RateState::RateState(const PolicySnapshot &s) : tokensBytes(s.ports().size(), -1), lastNs(s.ports().size(), 0) {}

namespace {

// ---- small helpers ----------------------------------------------------------------------

std::string ipText(const IpKey &k) { return k.toString(); }
std::string ipText(Ipv4Addr a) { return IpKey::fromV4(a).toString(); }

std::string hex32(std::uint32_t v)
{
    char b[16];
    std::snprintf(b, sizeof b, "0x%08x", v);
    return b;
}
std::string hex8(std::uint32_t v)
{
    char b[8];
    std::snprintf(b, sizeof b, "0x%02x", v & 0xFF);
    return b;
}

struct Run {
    const PipelineContext &ctx;
    const PolicySnapshot &s;
    ActionList &out;

    bool tracing() const { return ctx.trace != nullptr; }
    void trace(std::string_view stage, std::string detail) const
    {
        if (ctx.trace)
            ctx.trace->step(ctx.host, stage, std::move(detail));
    }
    const HostEntry &host() const { return s.hosts()[ctx.host]; }

    void drop(DropReason reason, std::uint32_t port, std::uint32_t vsidIndex, const char *why = nullptr) const
    {
        if (ctx.counters)
            ctx.counters->count(reason, port, ctx.host, vsidIndex);
        if (tracing()) {
            std::string d(dropReasonName(reason));
            if (why && *why)
                d.append(" (").append(why).append(")");
            trace("drop", std::move(d));
        }
        if (Action *a = out.add()) {
            a->kind = ActionKind::Drop;
            a->reason = reason;
            a->port = port;
            a->vsidIndex = vsidIndex;
        }
    }
    void dropWhy(DropReason reason, std::uint32_t port, std::uint32_t vsidIndex, const std::string &why) const
    {
        drop(reason, port, vsidIndex, why.c_str());
    }
    void deliver(std::uint32_t port, ConstBytes frame, bool traceIt = true) const
    {
        if (traceIt && tracing()) // the string is built only for a trace: no allocation per packet
            trace("deliver", "port " + s.ports()[port].id);
        if (Action *a = out.add()) {
            a->kind = ActionKind::Deliver;
            a->port = port;
            a->vsidIndex = s.ports()[port].vsidIndex;
            a->body = frame;
        }
    }
    // A frame the host generates for one of its VMs (ARP/ND/DHCP answers, ICMP errors).
    void reply(std::uint32_t port, const FrameBuffer &fb, const char *what) const
    {
        trace("reply", std::string(what) + " to port " + s.ports()[port].id);
        if (Action *a = out.add()) {
            a->kind = ActionKind::Deliver;
            a->port = port;
            a->vsidIndex = s.ports()[port].vsidIndex;
            a->body = fb.data();
        }
    }
};

bool rateAllows(const PipelineContext &ctx, const PortEntry &p, std::uint32_t port, std::size_t bytes)
{
    if (!ctx.rate || p.maximumMbps <= 0 || port >= ctx.rate->tokensBytes.size())
        return true;
    auto &tokens = ctx.rate->tokensBytes[port];
    auto &last = ctx.rate->lastNs[port];
    // Burst: 10 ms at the maximum rate, at least a jumbo frame.
    const std::int64_t burst = std::max<std::int64_t>(p.maximumMbps * 1250, 9216);
    if (tokens < 0) {
        tokens = burst;
    } else if (ctx.nowNs > last) {
        const auto gained = static_cast<std::int64_t>((ctx.nowNs - last) * static_cast<std::uint64_t>(p.maximumMbps) / 8000);
        tokens = std::min(burst, tokens + gained);
    }
    last = ctx.nowNs;
    if (tokens < static_cast<std::int64_t>(bytes))
        return false;
    tokens -= static_cast<std::int64_t>(bytes);
    return true;
}

using detail::fastFlowId;
using detail::keyIn;
using detail::pushNvgreV4;

// ---- transmit: teaming, next hop, NVGRE, IP Rewrite ----------------------------------------

struct Egress {
    std::uint16_t nic = 0;
    MacAddr srcMac;
    MacAddr dstMac;
    const PaEntry *srcPa = nullptr;
};

// Picks the NIC and next-hop MAC for a packet from the host's shared PA to dstPa.
bool egressFor(const Run &r, const PaEntry &srcPa, std::uint32_t port, std::uint32_t peerHost, const IpKey &dstPa,
               std::uint8_t flow, Egress &e, std::uint32_t vsidIndex, std::uint16_t peerPaIndex = 0xFFFF)
{
    const HostEntry &h = r.host();
    const int nic = chooseNic(r.ctx, srcPa.team == kNone ? kNone : srcPa.team, port, srcPa.address, dstPa, flow);
    if (nic < 0 || static_cast<std::size_t>(nic) >= h.nics.size()) {
        r.drop(DropReason::LinkDown, port, vsidIndex, "every team member is down");
        return false;
    }
    e.nic = static_cast<std::uint16_t>(nic);
    e.srcMac = h.nics[nic].mac;
    e.srcPa = &srcPa;
    e.dstMac = detail::nextHopMac(r.s, srcPa, peerHost, dstPa, peerPaIndex);
    return true;
}

void addTransmit(const Run &r, const Egress &e, std::uint32_t peerHost, ConstBytes head, ConstBytes body,
                 std::uint32_t vsidIndex, std::uint32_t port)
{
    if (Action *a = r.out.add()) {
        a->kind = ActionKind::Transmit;
        a->nic = e.nic;
        a->peerHost = peerHost;
        a->head = head;
        a->body = body;
        a->vsidIndex = vsidIndex;
        a->port = port;
    }
}

bool fillEncap(const Run &r, const Egress &e, const IpKey &dstPa, std::uint32_t vsid, std::uint8_t flow,
               NvgreEncapV4 &v4, NvgreEncapV6 &v6)
{
    const IpKey &src = e.srcPa->address;
    if (src.isV4() != dstPa.isV4())
        return false;
    (void)r;
    if (src.isV4()) {
        v4 = NvgreEncapV4{};
        v4.outerSrcMac = e.srcMac;
        v4.outerDstMac = e.dstMac;
        v4.outerSrc = src.v4();
        v4.outerDst = dstPa.v4();
        v4.vsid = vsid;
        v4.flowId = flow;
    } else {
        v6 = NvgreEncapV6{};
        v6.outerSrcMac = e.srcMac;
        v6.outerDstMac = e.dstMac;
        v6.outerSrc = src.v6();
        v6.outerDst = dstPa.v6();
        v6.vsid = vsid;
        v6.flowId = flow;
    }
    return true;
}

void traceEncap(const Run &r, const IpKey &srcPa, const IpKey &dstPa, std::uint32_t vsid, std::uint8_t flow)
{
    if (!r.tracing())
        return;
    r.trace("encap", "NVGRE " + ipText(srcPa) + " -> " + ipText(dstPa) + " key " + hex32(nvgreKey(vsid, flow))
                         + " (vsid " + std::to_string(vsid) + " flow " + hex8(flow) + ")");
}

// ICMP "fragmentation needed" / ICMPv6 "packet too big" back to the source vNIC.
void sendTooBig(const Run &r, std::uint32_t port, ConstBytes frame, const ParsedFrame &pf, std::size_t mtu)
{
    if (port == kNone)
        return;
    const PortEntry &p = r.s.ports()[port];
    FrameBuffer *fb = r.out.scratch();
    if (!fb)
        return;
    const MacAddr router = p.rd != kNone ? r.s.routingDomains()[p.rd].routerMac : p.mac;
    if (pf.isIpv4()) {
        const auto ip = pf.ipv4(frame);
        Ipv4Endpoints e;
        e.srcMac = router;
        e.dstMac = p.mac;
        e.srcIp = p.gateway.isV4() ? p.gateway.v4() : ip.dst();
        e.dstIp = ip.src();
        if (buildIcmpFragmentationNeeded(*fb, e, static_cast<std::uint16_t>(mtu), pf.l3Span(frame)))
            r.reply(port, *fb, ("ICMP fragmentation needed, mtu " + std::to_string(mtu)).c_str());
    } else if (pf.isIpv6()) {
        const auto ip = pf.ipv6(frame);
        Ipv6Endpoints e;
        e.srcMac = router;
        e.dstMac = p.mac;
        e.srcIp = p.gateway.isV4() || p.gateway == IpKey{} ? ip.dst() : p.gateway.v6();
        e.dstIp = ip.src();
        if (buildIcmpv6PacketTooBig(*fb, e, static_cast<std::uint32_t>(mtu), pf.l3Span(frame)))
            r.reply(port, *fb, ("ICMPv6 packet too big, mtu " + std::to_string(mtu)).c_str());
    }
}

// NVGRE to one destination PA. The frame in `buf` gets the outer headers in its headroom.
void encapTo(const Run &r, FrameBuffer &buf, const ParsedFrame &pf, std::uint32_t port, std::uint32_t vsid,
             std::uint32_t vsidIndex, std::uint32_t peerHost, const IpKey &dstPa, std::uint16_t peerPaIndex = 0xFFFF)
{
    const HostEntry &h = r.host();
    if (h.hostPa == kNone) {
        r.drop(DropReason::NoRoute, port, vsidIndex, "the host has no provider address");
        return;
    }
    const PaEntry &srcPa = h.pas[h.hostPa];
    if (srcPa.address.isV4() != dstPa.isV4()) {
        r.drop(DropReason::Unreachable, port, vsidIndex, "provider address families differ");
        return;
    }
    const bool v6 = !srcPa.address.isV4();
    const std::size_t overhead = v6 ? kNvgreOverheadV6 : kNvgreOverheadV4;
    const auto mtu = static_cast<std::size_t>(h.providerMtu);
    const std::size_t innerMtu = mtu > overhead ? mtu - overhead : 0;
    const ConstBytes frame = buf.data();
    const std::uint8_t flow = r.s.flowId() ? fastFlowId(frame, pf) : 0;

    Egress e;
    if (!egressFor(r, srcPa, port, peerHost, dstPa, flow, e, vsidIndex, peerPaIndex))
        return;
    NvgreEncapV4 p4;
    NvgreEncapV6 p6;
    fillEncap(r, e, dstPa, vsid, flow, p4, p6);

    const std::size_t ipBytes = frame.size() > EthernetView::kHeaderBytes ? frame.size() - EthernetView::kHeaderBytes : 0;
    if (ipBytes > innerMtu) {
        if (pf.isIpv4() && !pf.ipv4(frame).dontFragment()) {
            // Fragment before encapsulation (RFC 791), each fragment its own NVGRE packet.
            const auto ip = pf.ipv4(frame);
            const std::size_t dataBytes = ip.totalLength() - ip.headerBytes();
            std::size_t offset = 0;
            traceEncap(r, srcPa.address, dstPa, vsid, flow);
            r.trace("fragment", "inner IPv4 " + std::to_string(ip.totalLength()) + " bytes into fragments of at most "
                                    + std::to_string(innerMtu));
            while (offset < dataBytes) {
                FrameBuffer *fb = r.out.scratch();
                if (!fb) {
                    r.drop(DropReason::Mtu, port, vsidIndex, "too many fragments");
                    return;
                }
                const std::size_t n = buildIpv4Fragment(*fb, frame, pf, offset, innerMtu);
                const bool ok = n != 0 && (v6 ? encapsulateNvgre(*fb, p6) : encapsulateNvgre(*fb, p4));
                if (!ok) {
                    r.drop(DropReason::Mtu, port, vsidIndex, "cannot fragment");
                    return;
                }
                addTransmit(r, e, peerHost, {}, fb->data(), vsidIndex, port);
                offset += n;
            }
            return;
        }
        sendTooBig(r, port, frame, pf, innerMtu);
        r.dropWhy(DropReason::Mtu, port, vsidIndex,
                  std::to_string(frame.size() + overhead - EthernetView::kHeaderBytes) + " bytes exceed provider MTU "
                      + std::to_string(mtu));
        return;
    }
    const bool ok = v6 ? encapsulateNvgre(buf, p6) : pushNvgreV4(buf, p4);
    if (!ok) {
        r.drop(DropReason::Mtu, port, vsidIndex, "no headroom");
        return;
    }
    traceEncap(r, srcPa.address, dstPa, vsid, flow);
    addTransmit(r, e, peerHost, {}, buf.data(), vsidIndex, port);
}

// IP Rewrite outbound: CA pair → PA pair, checksums updated; the frame keeps its format.
void rewriteOut(const Run &r, FrameBuffer &buf, const ParsedFrame &pf, std::uint32_t port, const RecordEntry &rec,
                std::uint32_t vsidIndex)
{
    const PortEntry &p = r.s.ports()[port];
    const HostEntry &h = r.host();
    MutBytes frame = buf.data();
    const auto ip = pf.ipv4(frame);
    const auto mtu = static_cast<std::size_t>(h.providerMtu);
    if (ip.totalLength() > mtu) {
        if (ip.dontFragment()) {
            sendTooBig(r, port, frame, pf, mtu);
            r.drop(DropReason::Mtu, port, vsidIndex, "larger than the provider MTU");
            return;
        }
    }
    const auto owner = p.rewritePaOwner; // no per-packet probe for the port's own PA
    const PaEntry *srcPa = owner != kNone && (owner >> 16) == r.ctx.host ? &h.pas[owner & 0xFFFF]
                           : h.hostPa != kNone                         ? &h.pas[h.hostPa]
                                                                       : nullptr;
    if (!srcPa) {
        r.drop(DropReason::NoRoute, port, vsidIndex, "no provider address for IP Rewrite");
        return;
    }
    const std::uint8_t flow = fastFlowId(frame, pf);
    Egress e;
    if (!egressFor(r, *srcPa, port, rec.host, rec.pa, flow, e, vsidIndex, rec.paIndex))
        return;
    const Ipv4Addr caSrc = ip.src();
    const Ipv4Addr caDst = ip.dst();
    rewriteIpv4Addresses(frame, pf, p.rewritePa.v4(), rec.pa.v4());
    auto eth = pf.ethernet(frame);
    eth.setSrc(e.srcMac);
    eth.setDst(e.dstMac);
    if (r.tracing())
        r.trace("rewrite", "IP Rewrite " + ipText(caSrc) + " -> " + ipText(caDst) + " as " + ipText(p.rewritePa) + " -> "
                               + ipText(rec.pa));
    if (ip.totalLength() > mtu) {
        // DF clear: fragment the rewritten packet.
        std::size_t offset = 0;
        const std::size_t dataBytes = ip.totalLength() - ip.headerBytes();
        while (offset < dataBytes) {
            FrameBuffer *fb = r.out.scratch();
            const std::size_t n = fb ? buildIpv4Fragment(*fb, frame, pf, offset, mtu) : 0;
            if (n == 0) {
                r.drop(DropReason::Mtu, port, vsidIndex, "cannot fragment");
                return;
            }
            addTransmit(r, e, rec.host, {}, fb->data(), vsidIndex, port);
            offset += n;
        }
        return;
    }
    addTransmit(r, e, rec.host, {}, frame, vsidIndex, port);
}

// Step 5 and the end of step 6: to the destination of a lookup record.
void toRecord(const Run &r, FrameBuffer &buf, const ParsedFrame &pf, std::uint32_t port, const RecordEntry &rec,
              std::uint32_t vsid)
{
    const std::uint32_t vsidIndex = r.s.vsidIndex(vsid);
    const bool local = rec.port != kNone && r.s.ports()[rec.port].host == r.ctx.host;
    const bool localGateway = rec.gateway != kNone && r.s.gateways()[rec.gateway].host == r.ctx.host;
    if (r.tracing()) {
        std::string d = ipText(rec.ca) + " vsid " + std::to_string(vsid) + " -> ";
        if (local)
            d += "local port " + r.s.ports()[rec.port].id;
        else if (localGateway)
            d += "local gateway " + r.s.gateways()[rec.gateway].id;
        else
            d += "pa " + ipText(rec.pa) + " (" + (rec.host != kNone ? r.s.hosts()[rec.host].id : std::string("?"))
                + ") " + (rec.rewrite ? "rewrite" : "encap");
        r.trace("lookup", std::move(d));
    }
    if (local) {
        r.deliver(rec.port, buf.data());
        return;
    }
    if (localGateway) {
        if (r.tracing())
            r.trace("deliver", "gateway " + r.s.gateways()[rec.gateway].id);
        if (Action *a = r.out.add()) {
            a->kind = ActionKind::ToGateway;
            a->gateway = rec.gateway;
            a->vsidIndex = vsidIndex;
            a->body = buf.data();
        }
        return;
    }
    if (rec.host == kNone) {
        r.drop(DropReason::Unreachable, port, vsidIndex, "no host owns the provider address");
        return;
    }
    if (rec.host == r.ctx.host) {
        r.drop(DropReason::NoRoute, port, vsidIndex, "the record places the address on this host, without a port");
        return;
    }
    if (!r.s.hosts()[rec.host].emulated && !r.s.remoteHostsReachable()) {
        r.drop(DropReason::Unreachable, port, vsidIndex, "destination host is not emulated");
        return;
    }
    const PortEntry *src = port != kNone ? &r.s.ports()[port] : nullptr;
    if (rec.rewrite && src && src->rewrite && pf.isIpv4() && rec.pa.isV4() && src->rewritePa.isV4()) {
        rewriteOut(r, buf, pf, port, rec, vsidIndex);
        return;
    }
    encapTo(r, buf, pf, port, vsid, vsidIndex, rec.host, rec.pa, rec.paIndex);
}

// Step 7: local ports of the VSID and one unicast copy to every other host with a port in it.
void replicate(const Run &r, FrameBuffer &buf, const ParsedFrame &pf, std::uint32_t port, std::uint32_t vsidIndex,
               bool toRemote)
{
    const VsidEntry &v = r.s.vsids()[vsidIndex];
    auto [b, e] = r.s.localPorts(r.ctx.host, vsidIndex);
    const ConstBytes frame = buf.data();
    std::size_t locals = 0;
    for (auto it = b; it != e; ++it)
        if (*it != port)
            ++locals;
    if (r.tracing()) {
        std::size_t remotes = 0;
        if (toRemote)
            for (auto h : v.hosts)
                remotes += h != r.ctx.host;
        r.trace("replicate", "vsid " + std::to_string(v.vsid) + " to " + std::to_string(locals) + " local port(s) and "
                                 + std::to_string(remotes) + " host(s)");
    }
    for (auto it = b; it != e; ++it)
        if (*it != port)
            r.deliver(*it, frame);
    if (!toRemote)
        return;
    const HostEntry &h = r.host();
    if (h.hostPa == kNone)
        return;
    const PaEntry &srcPa = h.pas[h.hostPa];
    const bool v6 = !srcPa.address.isV4();
    const std::size_t overhead = v6 ? kNvgreOverheadV6 : kNvgreOverheadV4;
    const std::size_t outerBytes = v6 ? kNvgreOuterBytesV6 : kNvgreOuterBytesV4;
    const std::size_t ipBytes = frame.size() > 14 ? frame.size() - 14 : 0;
    const auto mtu = static_cast<std::size_t>(h.providerMtu);
    const std::uint8_t flow = r.s.flowId() ? packet::flowId(frame, pf) : 0;
    for (auto peer : v.hosts) {
        if (peer == r.ctx.host)
            continue;
        const HostEntry &ph = r.s.hosts()[peer];
        if (ph.hostPa == kNone)
            continue;
        if (!ph.emulated && !r.s.remoteHostsReachable()) {
            if (r.ctx.counters)
                r.ctx.counters->count(DropReason::Unreachable, port, r.ctx.host, vsidIndex);
            continue;
        }
        if (ipBytes + overhead > mtu) {
            r.drop(DropReason::Mtu, port, vsidIndex, "broadcast larger than the provider MTU");
            return;
        }
        const IpKey &dstPa = ph.pas[ph.hostPa].address;
        if (dstPa.isV4() != srcPa.address.isV4())
            continue;
        Egress eg;
        if (!egressFor(r, srcPa, port, peer, dstPa, flow, eg, vsidIndex))
            return;
        NvgreEncapV4 p4;
        NvgreEncapV6 p6;
        fillEncap(r, eg, dstPa, v.vsid, flow, p4, p6);
        std::uint8_t *head = r.out.headBytes(outerBytes);
        if (!head)
            return;
        const MutBytes hb(head, outerBytes);
        const bool ok = v6 ? writeNvgreHeaders(hb, p6, frame.size()) : writeNvgreHeaders(hb, p4, frame.size());
        if (!ok)
            continue;
        traceEncap(r, srcPa.address, dstPa, v.vsid, flow);
        addTransmit(r, eg, peer, ConstBytes(head, outerBytes), frame, vsidIndex, port);
    }
}

// ---- from a vNIC ---------------------------------------------------------------------------

// ARP/ND proxy: the MAC that answers for `target` in the port's routing domain, if any.
bool proxyAnswer(const Run &r, const PortEntry &p, const IpKey &target, MacAddr &mac, bool &isRouter)
{
    if (target == p.ca)
        return false;
    const auto &rd = r.s.routingDomains()[p.rd];
    const auto rec = r.s.recordInVsid(p.vsid, target);
    if (rec != kNone && r.s.records()[rec].rd == p.rd) {
        mac = r.s.records()[rec].mac;
        isRouter = false;
        return true;
    }
    for (const auto &sub : rd.subnets) {
        if (sub.gateway == target || (sub.vsid != p.vsid && sub.v4 == target.isV4() && keyIn(target, sub.first, sub.last))) {
            mac = rd.routerMac;
            isRouter = true;
            return true;
        }
    }
    return false;
}

void handleArp(const Run &r, FrameBuffer &buf, const ParsedFrame &pf, std::uint32_t port)
{
    const PortEntry &p = r.s.ports()[port];
    const ConstBytes frame = buf.data();
    const auto arp = pf.arp(frame);
    if (arp.isGratuitous()) {
        r.trace("arp", "gratuitous ARP for " + ipText(arp.senderIp()) + ": not flooded");
        return;
    }
    if (arp.isRequest()) {
        const IpKey target = IpKey::fromV4(arp.targetIp());
        MacAddr mac;
        bool router = false;
        if (!proxyAnswer(r, p, target, mac, router)) {
            r.trace("arp", "who-has " + ipText(target) + ": no answer in the routing domain");
            return;
        }
        FrameBuffer *fb = r.out.scratch();
        if (!fb || !buildArpReply(*fb, mac, arp.targetIp(), arp.senderMac(), arp.senderIp()))
            return;
        if (r.tracing()) {
            auto m = core::net::MacAddress{mac.bytes}.toString();
            r.trace("arp", ipText(target) + " is-at " + m + (router ? " (virtual router)" : ""));
        }
        r.reply(port, *fb, "ARP reply");
        return;
    }
    if (arp.isReply()) {
        // A reply to a request that a third-party endpoint flooded: unicast to its target.
        const auto rec = r.s.recordInVsid(p.vsid, IpKey::fromV4(arp.targetIp()));
        if (rec == kNone || r.s.records()[rec].rd != p.rd) {
            r.drop(DropReason::NoRoute, port, p.vsidIndex, "ARP reply target has no lookup record");
            return;
        }
        toRecord(r, buf, pf, port, r.s.records()[rec], p.vsid);
        return;
    }
    r.trace("arp", "opcode " + std::to_string(arp.opcode()) + ": ignored");
}

void handleNeighborSolicitation(const Run &r, const ParsedFrame &pf, ConstBytes frame, std::uint32_t port)
{
    const PortEntry &p = r.s.ports()[port];
    const auto nd = pf.icmpv6(frame);
    if (nd.size() < Icmpv6View::kNdBytes)
        return;
    const IpKey target = IpKey::fromV6(nd.data() + 8);
    MacAddr mac;
    bool router = false;
    if (!proxyAnswer(r, p, target, mac, router)) {
        r.trace("nd", "solicitation for " + ipText(target) + ": no answer in the routing domain");
        return;
    }
    const auto ip = pf.ipv6(frame);
    const auto eth = pf.ethernet(frame);
    Ipv6Endpoints e;
    e.srcMac = mac;
    e.dstMac = eth.src();
    e.srcIp = target.v6();
    e.dstIp = isIpv6Unspecified(ip.src()) ? Ipv6Addr{0xFF, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1} : ip.src();
    const std::uint8_t flags = static_cast<std::uint8_t>(
        (isIpv6Unspecified(ip.src()) ? 0 : na_flag::kSolicited) | na_flag::kOverride | (router ? na_flag::kRouter : 0));
    FrameBuffer *fb = r.out.scratch();
    if (!fb || !buildNeighborAdvertisement(*fb, e, target.v6(), flags, mac))
        return;
    r.reply(port, *fb, "neighbour advertisement");
}

void handleDhcp(const Run &r, const ParsedFrame &pf, ConstBytes frame, std::uint32_t port)
{
    const PortEntry &p = r.s.ports()[port];
    if (!p.dhcp) {
        r.trace("dhcp", "client message from a vNIC without ipMode Dhcp: not answered");
        return;
    }
    const auto udp = pf.udp(frame);
    auto dhcp = DhcpView::from(udp.payload());
    if (!dhcp || !p.ca.isV4())
        return;
    std::uint8_t type = 0;
    switch (dhcp->messageType()) {
    case dhcp_msg::kDiscover: type = dhcp_msg::kOffer; break;
    case dhcp_msg::kRequest:
    case dhcp_msg::kInform: type = dhcp_msg::kAck; break;
    default:
        r.trace("dhcp", "message type " + std::to_string(dhcp->messageType()) + ": nothing to answer");
        return;
    }
    DhcpLease lease;
    lease.messageType = type;
    lease.serverMac = r.s.routingDomains()[p.rd].routerMac;
    lease.serverIp = p.gateway.isV4() ? p.gateway.v4() : 0;
    lease.yourIp = p.ca.v4();
    lease.subnetMask = p.prefixLength == 0 ? 0 : ~std::uint32_t{0} << (32 - std::min<int>(32, p.prefixLength));
    lease.router = lease.serverIp;
    lease.dnsServers = std::span<const Ipv4Addr>(p.dns.data(), p.dns.size());
    FrameBuffer *fb = r.out.scratch();
    if (!fb || !buildDhcpReply(*fb, *dhcp, lease))
        return;
    if (r.tracing())
        r.trace("dhcp", std::string(type == dhcp_msg::kOffer ? "offer " : "ack ") + ipText(p.ca) + "/"
                            + std::to_string(p.prefixLength) + " router " + ipText(p.gateway));
    r.reply(port, *fb, type == dhcp_msg::kOffer ? "DHCP offer" : "DHCP ack");
}

// Step 6: routing inside the routing domain.
void routeFrame(const Run &r, FrameBuffer &buf, const ParsedFrame &pf, std::uint32_t port)
{
    const PortEntry &p = r.s.ports()[port];
    const auto &rd = r.s.routingDomains()[p.rd];
    MutBytes frame = buf.data();
    IpKey dst;
    std::uint8_t ttl = 0;
    if (pf.isIpv4()) {
        dst = IpKey::fromV4(pf.ipv4(frame).dst());
        ttl = pf.ipv4(frame).ttl();
    } else if (pf.isIpv6()) {
        dst = IpKey::fromV6(pf.ipv6(frame).dst());
        ttl = pf.ipv6(frame).hopLimit();
    } else {
        r.drop(DropReason::NoRoute, port, p.vsidIndex, "only IP is routed");
        return;
    }
    const RouteEntry *route = r.s.route(p.rd, dst);
    if (!route) {
        r.dropWhy(DropReason::Isolation, port, p.vsidIndex,
                  "no route to " + ipText(dst) + " in routing domain " + rd.vmNetwork);
        return;
    }
    if (ttl <= 1) {
        if (pf.isIpv4()) {
            FrameBuffer *fb = r.out.scratch();
            const auto ip = pf.ipv4(frame);
            Ipv4Endpoints e;
            e.srcMac = rd.routerMac;
            e.dstMac = p.mac;
            e.srcIp = p.gateway.isV4() ? p.gateway.v4() : ip.dst();
            e.dstIp = ip.src();
            if (fb && buildIcmpTimeExceeded(*fb, e, pf.l3Span(ConstBytes(frame))))
                r.reply(port, *fb, "ICMP time exceeded");
        }
        r.drop(DropReason::Ttl, port, p.vsidIndex, "TTL expired in the virtual router");
        return;
    }
    const IpKey nextHop = route->onLink ? dst : route->nextHop;
    const RecordEntry *rec = r.s.findInVsid(route->vsid, nextHop);
    if (r.tracing())
        r.trace("route", ipText(dst) + " via " + route->prefix
                             + (route->onLink ? std::string(" on-link") : " next hop " + ipText(nextHop)) + " vsid "
                             + std::to_string(route->vsid) + " ttl " + std::to_string(ttl - 1));
    if (!rec || rec->rd != p.rd) {
        r.dropWhy(DropReason::NoRoute, port, p.vsidIndex, "no lookup record for " + ipText(nextHop));
        return;
    }
    if (pf.isIpv4())
        pf.ipv4(frame).decrementTtl();
    else
        pf.ipv6(frame).decrementHopLimit();
    auto eth = pf.ethernet(frame);
    eth.setSrc(rd.routerMac);
    eth.setDst(rec->mac);
    toRecord(r, buf, pf, port, *rec, route->vsid);
}

} // namespace

int chooseNic(const PipelineContext &ctx, std::uint32_t team, std::uint32_t port, const IpKey &srcPa,
              const IpKey &dstPa, std::uint8_t flowId)
{
    const HostEntry &h = ctx.snapshot->hosts()[ctx.host];
    auto up = [&](std::uint16_t nic) { return nic >= 64 || ((ctx.nicDownMask >> nic) & 1) == 0; };
    if (team == kNone || team >= h.teams.size()) {
        for (std::uint16_t i = 0; i < h.nics.size(); ++i)
            if (up(i))
                return i;
        return -1;
    }
    const TeamEntry &t = h.teams[team];
    std::uint16_t live[64];
    const std::uint16_t *members = live;
    std::size_t n = 0;
    if (ctx.nicDownMask == 0 && t.members.size() <= 64) {
        members = t.members.data(); // every member is up
        n = t.members.size();
    } else {
        for (auto m : t.members)
            if (up(m) && n < 64)
                live[n++] = m;
    }
    if (n == 0)
        return -1;
    if (!t.team || n == 1)
        return t.team ? members[0] : (up(t.members.front()) ? t.members.front() : -1);
    std::uint32_t pick = 0;
    if (t.loadBalancing == core::LoadBalancing::HyperVPort) {
        pick = port != kNone ? ctx.snapshot->ports()[port].slot : 0;
    } else {
        std::uint32_t hsh = hashCombine(static_cast<std::uint32_t>(srcPa.lo), static_cast<std::uint32_t>(dstPa.lo));
        hsh = hashCombine(hsh, static_cast<std::uint32_t>(srcPa.hi ^ dstPa.hi));
        pick = hashCombine(hsh, flowId);
    }
    return members[pick % n];
}

void fromPortGeneral(const PipelineContext &ctx, std::uint32_t port, FrameBuffer &buf, ActionList &out)
{
    out.clear();
    const Run r{ctx, *ctx.snapshot, out};
    if (port >= r.s.ports().size())
        return;
    const PortEntry &p = r.s.ports()[port];
    MutBytes frame = buf.data();
    const ParsedFrame pf = parseFrame(frame);
    if (r.tracing())
        r.trace("ingress", "port " + p.id + " vsid " + std::to_string(p.vsid) + " ca " + ipText(p.ca));
    if (pf.status == ParseStatus::Malformed) {
        r.drop(DropReason::Malformed, port, p.vsidIndex);
        return;
    }
    if (pf.status == ParseStatus::Tagged) {
        r.drop(DropReason::Tagged, port, p.vsidIndex, "802.1Q tag from a vNIC");
        return;
    }
    if (p.rd == kNone || p.host != ctx.host) {
        r.drop(DropReason::NoRoute, port, p.vsidIndex, "the port is not on an isolated VM network of this host");
        return;
    }
    if (!rateAllows(ctx, p, port, frame.size())) {
        r.drop(DropReason::RateLimit, port, p.vsidIndex);
        return;
    }
    const auto eth = pf.ethernet(frame);
    if (!p.macSpoofing && eth.src() != p.mac) {
        r.drop(DropReason::Spoofed, port, p.vsidIndex, "source MAC is not the port's");
        return;
    }

    // Guards and the host-answered protocols.
    if (pf.isArp()) {
        const auto arp = pf.arp(ConstBytes(frame));
        if (!p.macSpoofing && arp.senderMac() != p.mac) {
            r.drop(DropReason::Spoofed, port, p.vsidIndex, "ARP sender MAC is not the port's");
            return;
        }
        if (IpKey::fromV4(arp.senderIp()) != p.ca && !(arp.isProbe() && arp.isRequest())) {
            r.drop(DropReason::Spoofed, port, p.vsidIndex, "ARP sender address is not the port's CA");
            return;
        }
        handleArp(r, buf, pf, port);
        return;
    }
    if (pf.isIpv4()) {
        const auto ip = pf.ipv4(ConstBytes(frame));
        const bool dhcpClient = pf.l4 == L4Kind::Udp && load16(frame.data() + pf.l4Offset) == kDhcpClientPort
            && load16(frame.data() + pf.l4Offset + 2) == kDhcpServerPort;
        if (IpKey::fromV4(ip.src()) != p.ca && !(ip.src() == kIpv4Any && dhcpClient)) {
            r.dropWhy(DropReason::Spoofed, port, p.vsidIndex, "source " + ipText(ip.src()) + " is not the port's CA");
            return;
        }
        if (p.dhcpGuard && dhcpRole(frame, pf) == DhcpRole::Server) {
            r.drop(DropReason::Guard, port, p.vsidIndex, "DHCP guard: server message from a VM");
            return;
        }
        if (p.routerGuard && isRouterGuardMessage(frame, pf)) {
            r.drop(DropReason::Guard, port, p.vsidIndex, "router guard: ICMP redirect from a VM");
            return;
        }
        if (dhcpClient) {
            handleDhcp(r, pf, frame, port);
            return;
        }
    } else if (pf.isIpv6()) {
        const auto ip = pf.ipv6(ConstBytes(frame));
        const bool nd = pf.l4 == L4Kind::Icmpv6 && pf.l4Bytes >= 1 && frame[pf.l4Offset] >= icmpv6_type::kRouterSolicitation
            && frame[pf.l4Offset] <= icmpv6_type::kRedirect;
        const Ipv6Addr src = ip.src();
        if (IpKey::fromV6(src) != p.ca && !(nd && (isIpv6Unspecified(src) || isIpv6LinkLocal(src)))) {
            r.dropWhy(DropReason::Spoofed, port, p.vsidIndex, "source " + ipText(IpKey::fromV6(src)) + " is not the port's CA");
            return;
        }
        const bool dhcp6Server = pf.l4 == L4Kind::Udp && load16(frame.data() + pf.l4Offset) == 547
            && load16(frame.data() + pf.l4Offset + 2) == 546;
        if (p.dhcpGuard && dhcp6Server) {
            r.drop(DropReason::Guard, port, p.vsidIndex, "DHCP guard: DHCPv6 server message from a VM");
            return;
        }
        if (p.routerGuard && isRouterGuardMessage(frame, pf)) {
            r.drop(DropReason::Guard, port, p.vsidIndex, "router guard: router advertisement or redirect from a VM");
            return;
        }
        if (nd) {
            if (isNeighborSolicitation(frame, pf))
                handleNeighborSolicitation(r, pf, frame, port);
            else
                r.trace("nd", "neighbour discovery answered by the host, not flooded");
            return;
        }
        if (pf.l4 == L4Kind::Udp && load16(frame.data() + pf.l4Offset + 2) == 547) {
            r.trace("dhcp", "DHCPv6 is not served: not flooded");
            return;
        }
    }

    const MacAddr dst = eth.dst();
    if (dst.isMulticast()) {
        if (p.vsidIndex == kNone) {
            r.drop(DropReason::NoVsid, port, p.vsidIndex);
            return;
        }
        replicate(r, buf, pf, port, p.vsidIndex, true);
        return;
    }
    const auto &rd = r.s.routingDomains()[p.rd];
    if (dst == rd.routerMac) {
        routeFrame(r, buf, pf, port);
        return;
    }
    IpKey dstIp;
    if (pf.isIpv4())
        dstIp = IpKey::fromV4(pf.ipv4(ConstBytes(frame)).dst());
    else if (pf.isIpv6())
        dstIp = IpKey::fromV6(pf.ipv6(ConstBytes(frame)).dst());
    const RecordEntry *rec = nullptr;
    if (pf.isIpv4() || pf.isIpv6()) {
        rec = r.s.findInVsid(p.vsid, dstIp);
    } else {
        const auto ri = r.s.recordByMac(p.vsid, dst);
        rec = ri == kNone ? nullptr : &r.s.records()[ri];
    }
    if (!rec || rec->rd != p.rd) {
        r.dropWhy(DropReason::NoRoute, port, p.vsidIndex,
                  "no lookup record for " + (pf.isIpv4() || pf.isIpv6() ? ipText(dstIp) : std::string("that MAC"))
                      + " in vsid " + std::to_string(p.vsid));
        return;
    }
    toRecord(r, buf, pf, port, *rec, p.vsid);
}

// ---- from the provider network ----------------------------------------------------------------

namespace {

// `ipf` is the parse of the inner frame, which buf now holds (decapsulated: same bytes, same
// offsets), so it is not parsed a second time.
void deliverInner(const Run &r, FrameBuffer &buf, const ParsedFrame &ipf, std::uint32_t vsid, std::uint32_t vsidIndex)
{
    const ConstBytes inner = buf.data();
    const auto eth = ipf.ethernet(inner);
    if (eth.dst().isMulticast()) {
        replicate(r, buf, ipf, kNone, vsidIndex, false);
        return;
    }
    const RecordEntry *rec = nullptr;
    if (ipf.isIpv4())
        rec = r.s.findInVsid(vsid, IpKey::fromV4(ipf.ipv4(inner).dst()));
    else if (ipf.isIpv6())
        rec = r.s.findInVsid(vsid, IpKey::fromV6(ipf.ipv6(inner).dst()));
    else if (ipf.isArp())
        rec = r.s.findInVsid(vsid, IpKey::fromV4(ipf.arp(inner).targetIp()));
    auto isLocal = [&](const RecordEntry *re) {
        return re && re->port != kNone && r.s.ports()[re->port].host == r.ctx.host && re->vsid == vsid;
    };
    if (!isLocal(rec)) {
        const auto ri = r.s.recordByMac(vsid, eth.dst());
        rec = ri == kNone ? nullptr : &r.s.records()[ri];
    }
    if (isLocal(rec)) {
        r.deliver(rec->port, inner);
        return;
    }
    if (rec && rec->gateway != kNone && r.s.gateways()[rec->gateway].host == r.ctx.host) {
        if (r.tracing())
            r.trace("deliver", "gateway " + r.s.gateways()[rec->gateway].id);
        if (Action *a = r.out.add()) {
            a->kind = ActionKind::ToGateway;
            a->gateway = rec->gateway;
            a->vsidIndex = vsidIndex;
            a->body = inner;
        }
        return;
    }
    r.drop(DropReason::NoRoute, kNone, vsidIndex, "no local port for the inner destination");
}

void receiveNvgre(const Run &r, FrameBuffer &buf, const ParsedFrame &pf, const IpKey &outerSrc)
{
    const ConstBytes frame = buf.data();
    const NvgreInfo nv = parseNvgre(frame, pf);
    if (!nv.ok()) {
        r.drop(DropReason::BadGre, kNone, kNone, "not the NVGRE header of RFC 7637");
        return;
    }
    const std::uint32_t vi = r.s.vsidIndex(nv.vsid);
    auto [b, e] = vi == kNone ? std::pair<const std::uint32_t *, const std::uint32_t *>{nullptr, nullptr}
                              : r.s.localPorts(r.ctx.host, vi);
    const bool gatewayHere = vi != kNone
        && std::find(r.s.vsids()[vi].gatewayHosts.begin(), r.s.vsids()[vi].gatewayHosts.end(), r.ctx.host)
            != r.s.vsids()[vi].gatewayHosts.end();
    if (b == e && !gatewayHere) {
        r.dropWhy(DropReason::NoVsid, kNone, vi, "no local port in vsid " + std::to_string(nv.vsid));
        return;
    }
    const ConstBytes inner = nv.inner(frame);
    const ParsedFrame ipf = parseFrame(inner);
    if (ipf.status == ParseStatus::Malformed) {
        r.drop(DropReason::Malformed, kNone, vi, "inner frame");
        return;
    }
    bool haveCa = true;
    IpKey ca;
    if (ipf.isArp())
        ca = IpKey::fromV4(ipf.arp(inner).senderIp());
    else if (ipf.isIpv4())
        ca = IpKey::fromV4(ipf.ipv4(inner).src());
    else if (ipf.isIpv6())
        ca = IpKey::fromV6(ipf.ipv6(inner).src());
    else
        haveCa = false;
    const std::uint32_t rdi = r.s.vsids()[vi].rd;
    bool ok = false;
    if (haveCa) {
        if (const RecordEntry *rec = r.s.findInRd(rdi, ca)) {
            const RecordEntry &re = *rec;
            if (re.pa == outerSrc)
                ok = true;
            else if (re.rewrite && re.host != kNone) {
                const auto owner = r.s.paOwner(outerSrc);
                ok = owner != kNone && (owner >> 16) == re.host;
            }
        }
    }
    if (!ok)
        for (const auto &gpa : r.s.routingDomains()[rdi].gatewayPas)
            if (gpa == outerSrc)
                ok = true;
    if (!ok) {
        r.dropWhy(DropReason::Spoofed, kNone, vi,
                  haveCa ? "no lookup record of " + ipText(ca) + " at " + ipText(outerSrc)
                         : std::string("inner frame without a customer address"));
        return;
    }
    if (r.tracing())
        r.trace("decap", "vsid " + std::to_string(nv.vsid));
    if (!decapsulateNvgre(buf, nv)) {
        r.drop(DropReason::BadGre, kNone, vi);
        return;
    }
    deliverInner(r, buf, ipf, nv.vsid, vi);
}

void receiveRewrite(const Run &r, FrameBuffer &buf, const ParsedFrame &pf, const PaEntry &pa)
{
    MutBytes frame = buf.data();
    const PortEntry &p = r.s.ports()[pa.rewritePort];
    const auto ip = pf.ipv4(frame);
    const IpKey outerSrc = IpKey::fromV4(ip.src());
    const auto srcRec = r.s.rewriteRecordByPa(outerSrc);
    if (srcRec == kNone || r.s.records()[srcRec].rd != p.rd || p.rd == kNone) {
        r.dropWhy(DropReason::Spoofed, pa.rewritePort, p.vsidIndex,
                  "no IP Rewrite record at " + ipText(outerSrc) + " in the routing domain");
        return;
    }
    const RecordEntry &src = r.s.records()[srcRec];
    const IpKey dstPa = IpKey::fromV4(ip.dst());
    rewriteIpv4Addresses(frame, pf, src.ca.v4(), p.ca.v4());
    auto eth = pf.ethernet(frame);
    eth.setDst(p.mac);
    eth.setSrc(src.vsid == p.vsid ? src.mac : r.s.routingDomains()[p.rd].routerMac);
    if (r.tracing())
        r.trace("rewrite", ipText(outerSrc) + " -> " + ipText(dstPa) + " as " + ipText(src.ca) + " -> " + ipText(p.ca)
                               + " vsid " + std::to_string(p.vsid));
    r.deliver(pa.rewritePort, frame);
}

} // namespace

void fromProviderGeneral(const PipelineContext &ctx, std::uint16_t nic, FrameBuffer &buf, ActionList &out)
{
    out.clear();
    const Run r{ctx, *ctx.snapshot, out};
    const HostEntry &h = r.host();
    const ConstBytes frame = buf.data();
    const ParsedFrame pf = parseFrame(frame);
    if (pf.status == ParseStatus::Malformed) {
        r.drop(DropReason::Malformed, kNone, kNone, "provider frame");
        return;
    }
    if (pf.status == ParseStatus::Tagged) {
        r.drop(DropReason::Tagged, kNone, kNone, "provider frames are untagged");
        return;
    }
    auto ownPa = [&](const IpKey &a) -> const PaEntry * {
        const auto owner = r.s.paOwner(a);
        return owner != kNone && (owner >> 16) == ctx.host ? &h.pas[owner & 0xFFFF] : nullptr;
    };
    if (pf.isArp()) {
        const auto arp = pf.arp(frame);
        if (arp.isRequest() && ownPa(IpKey::fromV4(arp.targetIp())) && nic < h.nics.size()) {
            FrameBuffer *fb = out.scratch();
            if (fb && buildArpReply(*fb, h.nics[nic].mac, arp.targetIp(), arp.senderMac(), arp.senderIp())) {
                r.trace("arp", ipText(arp.targetIp()) + " is-at " + core::net::MacAddress{h.nics[nic].mac.bytes}.toString());
                if (Action *a = out.add()) {
                    a->kind = ActionKind::Transmit;
                    a->nic = nic;
                    a->body = fb->data();
                }
            }
            return;
        }
        r.drop(DropReason::NoRoute, kNone, kNone, "ARP not for a provider address of this host");
        return;
    }
    IpKey dst;
    IpKey src;
    if (pf.isIpv4()) {
        dst = IpKey::fromV4(pf.ipv4(frame).dst());
        src = IpKey::fromV4(pf.ipv4(frame).src());
    } else if (pf.isIpv6()) {
        dst = IpKey::fromV6(pf.ipv6(frame).dst());
        src = IpKey::fromV6(pf.ipv6(frame).src());
    } else {
        r.drop(DropReason::NoRoute, kNone, kNone, "not IP");
        return;
    }
    const PaEntry *pa = ownPa(dst);
    if (!pa) {
        r.drop(pf.ipProtocol == ip_proto::kGre ? DropReason::NoRoute : DropReason::NoRoute, kNone, kNone,
               "not addressed to a provider address of this host");
        return;
    }
    if (pf.ipProtocol == ip_proto::kGre) {
        receiveNvgre(r, buf, pf, src);
        return;
    }
    if (pf.isIpv4() && pa->rewritePort != kNone) {
        receiveRewrite(r, buf, pf, *pa);
        return;
    }
    r.drop(DropReason::NoRoute, kNone, kNone, "neither NVGRE nor IP Rewrite");
}

void fromPort(const PipelineContext &ctx, std::uint32_t port, FrameBuffer &buf, ActionList &out)
{
    FrameBuffer *frame = &buf;
    fromPortBurst(ctx, port, &frame, 1, &out);
}

void fromProvider(const PipelineContext &ctx, std::uint16_t nic, FrameBuffer &buf, ActionList &out)
{
    FrameBuffer *frame = &buf;
    fromProviderBurst(ctx, nic, &frame, 1, &out);
}

void announce(const PipelineContext &ctx, ActionList &out)
{
    out.clear();
    const Run r{ctx, *ctx.snapshot, out};
    const HostEntry &h = r.host();
    for (const auto &pa : h.pas) {
        if (!pa.address.isV4())
            continue;
        const int nic = chooseNic(ctx, pa.team, kNone, pa.address, pa.address, 0);
        if (nic < 0) {
            r.drop(DropReason::LinkDown, kNone, kNone, "every team member is down");
            continue;
        }
        FrameBuffer *fb = out.scratch();
        if (!fb || !buildGratuitousArp(*fb, h.nics[nic].mac, pa.address.v4()))
            continue;
        r.trace("announce", "gratuitous ARP " + ipText(pa.address) + " from " + h.nics[nic].id);
        if (Action *a = out.add()) {
            a->kind = ActionKind::Transmit;
            a->nic = static_cast<std::uint16_t>(nic);
            a->body = fb->data();
        }
    }
}

} // namespace netvirt::emulator::forwarding
