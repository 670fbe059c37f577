// parseFrame() on arbitrary bytes, then every accessor of every view it hands out, the
// classifiers, NVGRE decapsulation (and parsing of the inner frame), the in-place rewrites,
// and round trips that must hold for any frame: encapsulate -> parse -> decapsulate gives the
// same bytes back; rewriting addresses keeps a frame parseable with the same offsets;
// fragments reassemble to the original. A broken invariant aborts (a crash for libFuzzer).
#include <netvirt/emulator/packet/packet.h>

#include <cstdlib>
#include <cstring>

using namespace netvirt::emulator::packet;

namespace {

volatile std::uint64_t g_sink;

void check(bool ok)
{
    if (!ok)
        std::abort();
}

void sink(std::uint64_t v) { g_sink = g_sink + v; }

void sinkBytes(ConstBytes b)
{
    std::uint64_t s = b.size();
    for (auto x : b)
        s = s * 31 + x;
    sink(s);
}

void checkLayout(const ParsedFrame &pf, std::size_t size)
{
    check(pf.frameBytes == size);
    if (pf.status != ParseStatus::Ok) {
        check(pf.l3 == L3Kind::None || pf.status == ParseStatus::Malformed);
        return;
    }
    check(pf.l3Offset == 14);
    check(std::size_t{pf.l3Offset} + pf.l3Bytes <= size);
    if (pf.l4 != L4Kind::None) {
        check(pf.l4Offset >= pf.l3Offset);
        check(std::size_t{pf.l4Offset} + pf.l4Bytes <= std::size_t{pf.l3Offset} + pf.l3Bytes);
        check(pf.payloadOffset >= pf.l4Offset);
        check(std::size_t{pf.payloadOffset} + pf.payloadBytes <= std::size_t{pf.l4Offset} + pf.l4Bytes);
    }
}

void exercise(ConstBytes frame, const ParsedFrame &pf)
{
    checkLayout(pf, frame.size());
    if (pf.status == ParseStatus::Malformed)
        return;
    const auto eth = pf.ethernet(frame);
    sink(eth.dst().toU64() ^ eth.src().toU64() ^ eth.etherType() ^ eth.isTagged());
    if (auto vid = eth.vlanId())
        sink(*vid);
    sinkBytes(eth.payload());
    if (pf.status != ParseStatus::Ok)
        return;

    sink(static_cast<std::uint64_t>(dhcpRole(frame, pf)));
    sink(isRouterGuardMessage(frame, pf) + isNeighborSolicitation(frame, pf) + isNeighborAdvertisement(frame, pf));
    sink(flowHash(frame, pf) ^ flowId(frame, pf));
    sinkBytes(pf.l3Span(frame));
    sinkBytes(pf.l4Span(frame));
    sinkBytes(pf.payloadSpan(frame));

    switch (pf.l3) {
    case L3Kind::Arp: {
        const auto a = pf.arp(frame);
        sink(a.opcode() ^ a.senderMac().toU64() ^ a.senderIp() ^ a.targetMac().toU64() ^ a.targetIp()
             ^ a.isGratuitous() ^ a.isProbe() ^ a.isRequest() ^ a.isReply());
        break;
    }
    case L3Kind::Ipv4: {
        const auto ip = pf.ipv4(frame);
        sink(ip.version() ^ ip.ihl() ^ ip.tos() ^ ip.dscp() ^ ip.ecn() ^ ip.totalLength() ^ ip.identification()
             ^ ip.flagsAndOffset() ^ ip.dontFragment() ^ ip.moreFragments() ^ ip.fragmentOffsetBytes()
             ^ ip.isFragment() ^ ip.ttl() ^ ip.protocol() ^ ip.headerChecksum() ^ ip.src() ^ ip.dst()
             ^ ip.checksumValid());
        sinkBytes(ip.options());
        sinkBytes(ip.payload());
        check(ip.size() == pf.l3Bytes);
        break;
    }
    case L3Kind::Ipv6: {
        const auto ip = pf.ipv6(frame);
        sink(ip.trafficClass() ^ ip.flowLabel() ^ ip.payloadLength() ^ ip.nextHeader() ^ ip.hopLimit()
             ^ ip.hasExtensionHeaders() ^ ip.src()[15] ^ ip.dst()[15] ^ isIpv6LinkLocal(ip.src()));
        sinkBytes(ip.payload());
        break;
    }
    default:
        break;
    }

    switch (pf.l4) {
    case L4Kind::Icmp: {
        const auto m = pf.icmp(frame);
        sink(m.type() ^ m.code() ^ m.checksum() ^ m.identifier() ^ m.sequence() ^ m.nextHopMtu() ^ m.gateway()
             ^ m.checksumValid() ^ m.isEchoRequest() ^ m.isFragmentationNeeded() ^ m.isTimeExceeded());
        sinkBytes(m.body());
        break;
    }
    case L4Kind::Icmpv6: {
        const auto m = pf.icmpv6(frame);
        const auto ip = pf.ipv6(frame);
        sink(m.type() ^ m.code() ^ m.checksum() ^ m.identifier() ^ m.sequence() ^ m.mtu() ^ m.naFlags()
             ^ m.isNeighborDiscovery() ^ m.checksumValid(ip.src(), ip.dst()));
        if (m.isNeighborSolicitation() || m.isNeighborAdvertisement())
            sink(m.ndTarget()[15]);
        for (std::uint8_t t = 0; t < 8; ++t) {
            sinkBytes(m.findNdOption(t));
            if (auto mac = m.linkLayerOption(t))
                sink(mac->toU64());
        }
        sinkBytes(m.body());
        break;
    }
    case L4Kind::Udp: {
        const auto u = pf.udp(frame);
        sink(u.srcPort() ^ u.dstPort() ^ u.length() ^ u.checksum());
        if (pf.isIpv4())
            sink(u.checksumValidV4(pf.ipv4(frame).src(), pf.ipv4(frame).dst()));
        else
            sink(u.checksumValidV6(pf.ipv6(frame).src(), pf.ipv6(frame).dst()));
        sinkBytes(u.payload());
        if (auto d = DhcpView::from(u.payload())) {
            sink(d->op() ^ d->htype() ^ d->hlen() ^ d->xid() ^ d->secs() ^ d->flags() ^ d->ciaddr() ^ d->yiaddr()
                 ^ d->siaddr() ^ d->giaddr() ^ d->chaddr().toU64() ^ d->messageType()
                 ^ static_cast<std::uint64_t>(d->role()));
            for (int code = 0; code < 256; code += 17)
                sinkBytes(d->findOption(static_cast<std::uint8_t>(code)));
        }
        break;
    }
    case L4Kind::Tcp: {
        const auto t = pf.tcp(frame);
        sink(t.srcPort() ^ t.dstPort() ^ t.seq() ^ t.ack() ^ t.headerBytes() ^ t.flags() ^ t.window() ^ t.checksum()
             ^ t.urgentPointer() ^ t.syn() ^ t.fin() ^ t.rst() ^ t.ackFlag());
        if (pf.isIpv4())
            sink(t.checksumValidV4(pf.ipv4(frame).src(), pf.ipv4(frame).dst()));
        else
            sink(t.checksumValidV6(pf.ipv6(frame).src(), pf.ipv6(frame).dst()));
        sinkBytes(t.options());
        sinkBytes(t.payload());
        break;
    }
    default:
        break;
    }
}

bool sameBytes(ConstBytes a, ConstBytes b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

// Encapsulate any frame that fits, then parse and decapsulate: the same bytes come back.
void encapRoundTrip(ConstBytes frame, std::uint32_t vsid, std::uint8_t flow, bool v6)
{
    static FrameBuffer buf;
    if (!buf.assign(frame))
        return;
    const std::uint8_t *innerStart = buf.data().data();
    bool ok;
    if (v6) {
        NvgreEncapV6 p;
        p.outerSrc[15] = 0x32;
        p.outerDst[15] = 0x0a;
        p.vsid = vsid;
        p.flowId = flow;
        ok = encapsulateNvgre(buf, p);
    } else {
        NvgreEncapV4 p;
        p.outerSrc = ipv4(192, 168, 1, 50);
        p.outerDst = ipv4(192, 168, 1, 10);
        p.vsid = vsid;
        p.flowId = flow;
        ok = encapsulateNvgre(buf, p);
    }
    if (!ok) {
        check(buf.data().data() == innerStart && sameBytes(buf.cdata(), frame));
        return;
    }
    const ParsedFrame outer = parseFrame(buf.cdata());
    check(outer.ok() && outer.l4 == L4Kind::Gre);
    const NvgreInfo info = parseNvgre(buf.cdata(), outer);
    const bool innerUsable = frame.size() >= 14 && !EthernetView::unchecked(frame).isTagged();
    check(info.ok() == innerUsable);
    if (!info.ok())
        return;
    check(info.vsid == vsid && info.flowId == flow);
    check(info.inner(buf.cdata()).data() == innerStart);
    check(decapsulateNvgre(buf, info));
    check(buf.data().data() == innerStart && sameBytes(buf.cdata(), frame));
}

// Rewrites keep the layout; checksums that were right stay right.
void rewriteRoundTrip(ConstBytes frame, const ParsedFrame &pf, Ipv4Addr a, Ipv4Addr b)
{
    static FrameBuffer buf;
    if (!pf.ok() || !pf.isIpv4() || !buf.assign(frame))
        return;
    const bool ipOk = pf.ipv4(frame).checksumValid();
    bool l4Ok = false;
    if (pf.l4 == L4Kind::Tcp)
        l4Ok = pf.tcp(frame).checksumValidV4(pf.ipv4(frame).src(), pf.ipv4(frame).dst());
    rewriteIpv4Src(buf.data(), pf, a);
    rewriteIpv4Dst(buf.data(), pf, b);
    pf.ipv4(buf.data()).decrementTtl();
    const ParsedFrame again = parseFrame(buf.cdata());
    check(again.status == pf.status && again.l3 == pf.l3 && again.l4 == pf.l4 && again.l4Offset == pf.l4Offset
          && again.l4Bytes == pf.l4Bytes && again.payloadBytes == pf.payloadBytes);
    check(again.ipv4(buf.cdata()).src() == a && again.ipv4(buf.cdata()).dst() == b);
    if (ipOk)
        check(again.ipv4(buf.cdata()).checksumValid());
    if (l4Ok)
        check(again.tcp(buf.cdata()).checksumValidV4(a, b));
}

// Fragments of a fragmentable IPv4 packet reassemble to its data.
void fragmentRoundTrip(ConstBytes frame, const ParsedFrame &pf, std::size_t mtu)
{
    static FrameBuffer frag;
    if (!pf.ok() || !pf.isIpv4() || pf.ipv4(frame).dontFragment())
        return;
    const ConstBytes data = pf.ipv4(frame).payload();
    std::size_t offset = 0;
    while (offset < data.size()) {
        const std::size_t took = buildIpv4Fragment(frag, frame, pf, offset, mtu);
        if (took == 0)
            return;  // an MTU too small for the header, or an offset beyond 13 bits
        const ParsedFrame fp = parseFrame(frag.cdata());
        check(fp.ok() && fp.isIpv4());
        const auto ip = fp.ipv4(frag.cdata());
        check(ip.totalLength() <= mtu && ip.checksumValid());
        check(sameBytes(ip.payload(), data.subspan(offset, took)));
        offset += took;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const ConstBytes frame(data, size);
    const ParsedFrame pf = parseFrame(frame);
    exercise(frame, pf);

    const NvgreInfo info = parseNvgre(frame, pf);
    sink(static_cast<std::uint64_t>(info.status) ^ static_cast<std::uint64_t>(info.error) ^ info.key);
    if (info.ok()) {
        const ConstBytes inner = info.inner(frame);
        check(inner.data() >= frame.data() && inner.data() + inner.size() <= frame.data() + frame.size());
        exercise(inner, parseFrame(inner));
    }

    // Parameters for the round trips from the first bytes, so they vary with the input.
    const std::uint32_t seed = size >= 4 ? load32(data) : 0x01020304u;
    encapRoundTrip(frame, seed & kMaxVsid, static_cast<std::uint8_t>(seed >> 24), (seed & 1) != 0);
    rewriteRoundTrip(frame, pf, seed, ~seed);
    fragmentRoundTrip(frame, pf, 28 + (seed % 1500));

    // Builders fed with arbitrary "original" packets.
    static FrameBuffer out;
    Ipv4Endpoints e4;
    e4.srcIp = seed;
    if (buildIcmpTimeExceeded(out, e4, frame.subspan(std::min<std::size_t>(size, 14))))
        check(parseFrame(out.cdata()).ok());
    Ipv6Endpoints e6;
    if (buildIcmpv6PacketTooBig(out, e6, seed, frame)) {
        const ParsedFrame p = parseFrame(out.cdata());
        check(p.ok() && p.l3Bytes <= 1280);
    }
    return 0;
}
