// Frame builders: headers are pushed in front of what the FrameBuffer holds, innermost first,
// so lengths and checksums are known when each header is written.
// Thread-safety: pure functions over a caller-owned FrameBuffer.
#include <netvirt/emulator/packet/builders.h>

#include <algorithm>
#include <cstring>

namespace netvirt::emulator::packet {
namespace {

constexpr std::size_t kMaxIpv4Bytes = 65535;
constexpr std::size_t kIpv6MinMtu = 1280;
constexpr std::uint8_t kNdHopLimit = 255;

void copyBytes(std::uint8_t *dst, ConstBytes src)
{
    if (!src.empty())
        std::memcpy(dst, src.data(), src.size());
}

// RFC 792: the original IP header and the first 64 bits of its data.
ConstBytes icmpQuote(ConstBytes originalIp)
{
    std::size_t n = 28;
    if (originalIp.size() >= 20 && (originalIp[0] >> 4) == 4)
        n = std::size_t{originalIp[0] & 0x0Fu} * 4 + 8;
    return originalIp.first(std::min(n, originalIp.size()));
}

bool pushIcmpv6AndFinish(FrameBuffer &buf, const Ipv6Endpoints &e, std::uint8_t hopLimit)
{
    const auto icmp = Icmpv6Mut::unchecked(buf.data());
    icmp.fillChecksum(e.srcIp, e.dstIp);
    Ipv6Fields f;
    f.src = e.srcIp;
    f.dst = e.dstIp;
    f.nextHeader = ip_proto::kIcmpv6;
    f.hopLimit = hopLimit;
    return pushIpv6(buf, f) && pushEthernet(buf, e.dstMac, e.srcMac, ether_type::kIpv6);
}

bool finishIpv4(FrameBuffer &buf, const Ipv4Endpoints &e, std::uint8_t protocol)
{
    Ipv4Fields f;
    f.src = e.srcIp;
    f.dst = e.dstIp;
    f.protocol = protocol;
    f.ttl = e.ttl;
    f.identification = e.identification;
    f.dontFragment = e.dontFragment;
    return pushIpv4(buf, f) && pushEthernet(buf, e.dstMac, e.srcMac, ether_type::kIpv4);
}

bool buildIcmpError(FrameBuffer &buf, const Ipv4Endpoints &e, std::uint8_t type, std::uint8_t code,
                    std::uint32_t restOfHeader, ConstBytes originalIp)
{
    const ConstBytes quote = icmpQuote(originalIp);
    buf.clear();
    auto h = buf.put(IcmpView::kHeaderBytes + quote.size());
    if (h.empty())
        return false;
    h[0] = type;
    h[1] = code;
    store16(h.data() + 2, 0);
    store32(h.data() + 4, restOfHeader);
    copyBytes(h.data() + IcmpView::kHeaderBytes, quote);
    IcmpMut::unchecked(h).fillChecksum();
    return finishIpv4(buf, e, ip_proto::kIcmp);
}

bool writeArp(FrameBuffer &buf, std::uint16_t op, const MacAddr &senderMac, Ipv4Addr senderIp,
              const MacAddr &targetMac, Ipv4Addr targetIp, const MacAddr &ethDst)
{
    buf.clear();
    auto h = buf.put(ArpView::kBytes);
    if (h.empty())
        return false;
    store16(h.data(), ArpView::kHwEthernet);
    store16(h.data() + 2, ether_type::kIpv4);
    h[4] = 6;
    h[5] = 4;
    const auto arp = ArpMut::unchecked(h);
    arp.setOpcode(op);
    arp.setSenderMac(senderMac);
    arp.setSenderIp(senderIp);
    arp.setTargetMac(targetMac);
    arp.setTargetIp(targetIp);
    return pushEthernet(buf, ethDst, senderMac, ether_type::kArp);
}

} // namespace

bool pushEthernet(FrameBuffer &buf, const MacAddr &dst, const MacAddr &src, std::uint16_t etherType) noexcept
{
    auto h = buf.push(EthernetView::kHeaderBytes);
    if (h.empty())
        return false;
    const auto eth = EthernetMut::unchecked(h);
    eth.setDst(dst);
    eth.setSrc(src);
    eth.setEtherType(etherType);
    return true;
}

bool pushIpv4(FrameBuffer &buf, const Ipv4Fields &f) noexcept
{
    if (buf.size() + Ipv4View::kMinHeaderBytes > kMaxIpv4Bytes)
        return false;
    auto h = buf.push(Ipv4View::kMinHeaderBytes);
    if (h.empty())
        return false;
    std::uint8_t *p = h.data();
    p[0] = 0x45;
    p[1] = f.tos;
    store16(p + 2, static_cast<std::uint16_t>(buf.size()));
    store16(p + 4, f.identification);
    store16(p + 6, f.dontFragment ? Ipv4View::kFlagDf : 0);
    p[8] = f.ttl;
    p[9] = f.protocol;
    store16(p + 10, 0);
    store32(p + 12, f.src);
    store32(p + 16, f.dst);
    store16(p + 10, internetChecksum(h));
    return true;
}

bool pushIpv6(FrameBuffer &buf, const Ipv6Fields &f) noexcept
{
    if (buf.size() > 0xFFFF)
        return false;
    const auto payloadBytes = static_cast<std::uint16_t>(buf.size());
    auto h = buf.push(Ipv6View::kHeaderBytes);
    if (h.empty())
        return false;
    std::uint8_t *p = h.data();
    store32(p, (6u << 28) | (std::uint32_t{f.trafficClass} << 20) | (f.flowLabel & 0xFFFFF));
    store16(p + 4, payloadBytes);
    p[6] = f.nextHeader;
    p[7] = f.hopLimit;
    const auto ip = Ipv6Mut::unchecked(h);
    ip.setSrc(f.src);
    ip.setDst(f.dst);
    return true;
}

namespace {
MutBytes pushUdpHeader(FrameBuffer &buf, std::uint16_t srcPort, std::uint16_t dstPort)
{
    if (buf.size() + UdpView::kHeaderBytes > 0xFFFF)
        return {};
    auto h = buf.push(UdpView::kHeaderBytes);
    if (h.empty())
        return {};
    store16(h.data(), srcPort);
    store16(h.data() + 2, dstPort);
    store16(h.data() + 4, static_cast<std::uint16_t>(buf.size()));
    store16(h.data() + 6, 0);
    return buf.data();
}
} // namespace

bool pushUdp(FrameBuffer &buf, std::uint16_t srcPort, std::uint16_t dstPort, Ipv4Addr src,
             Ipv4Addr dst) noexcept
{
    auto seg = pushUdpHeader(buf, srcPort, dstPort);
    if (seg.empty())
        return false;
    UdpMut::unchecked(seg).fillChecksumV4(src, dst);
    return true;
}

bool pushUdp(FrameBuffer &buf, std::uint16_t srcPort, std::uint16_t dstPort, const Ipv6Addr &src,
             const Ipv6Addr &dst) noexcept
{
    auto seg = pushUdpHeader(buf, srcPort, dstPort);
    if (seg.empty())
        return false;
    UdpMut::unchecked(seg).fillChecksumV6(src, dst);
    return true;
}

bool pushTcp(FrameBuffer &buf, const TcpFields &f, Ipv4Addr src, Ipv4Addr dst) noexcept
{
    if (buf.size() + TcpView::kMinHeaderBytes > kMaxIpv4Bytes - Ipv4View::kMinHeaderBytes)
        return false;
    auto h = buf.push(TcpView::kMinHeaderBytes);
    if (h.empty())
        return false;
    std::uint8_t *p = h.data();
    store16(p, f.srcPort);
    store16(p + 2, f.dstPort);
    store32(p + 4, f.seq);
    store32(p + 8, f.ack);
    p[12] = 5 << 4;
    p[13] = f.flags;
    store16(p + 14, f.window);
    store16(p + 16, 0);
    store16(p + 18, 0);
    TcpMut::unchecked(buf.data()).fillChecksumV4(src, dst);
    return true;
}

bool buildArpRequest(FrameBuffer &buf, const MacAddr &senderMac, Ipv4Addr senderIp, Ipv4Addr targetIp) noexcept
{
    return writeArp(buf, arp_op::kRequest, senderMac, senderIp, MacAddr{}, targetIp, MacAddr::broadcast());
}

bool buildArpReply(FrameBuffer &buf, const MacAddr &senderMac, Ipv4Addr senderIp, const MacAddr &targetMac,
                   Ipv4Addr targetIp) noexcept
{
    return writeArp(buf, arp_op::kReply, senderMac, senderIp, targetMac, targetIp, targetMac);
}

bool buildGratuitousArp(FrameBuffer &buf, const MacAddr &mac, Ipv4Addr ip) noexcept
{
    return writeArp(buf, arp_op::kRequest, mac, ip, MacAddr{}, ip, MacAddr::broadcast());
}

bool buildIcmpEcho(FrameBuffer &buf, const Ipv4Endpoints &e, bool reply, std::uint16_t identifier,
                   std::uint16_t sequence, ConstBytes data) noexcept
{
    buf.clear();
    auto h = buf.put(IcmpView::kHeaderBytes + data.size());
    if (h.empty() || h.size() + Ipv4View::kMinHeaderBytes > kMaxIpv4Bytes)
        return false;
    h[0] = reply ? icmp_type::kEchoReply : icmp_type::kEchoRequest;
    h[1] = 0;
    store16(h.data() + 2, 0);
    store16(h.data() + 4, identifier);
    store16(h.data() + 6, sequence);
    copyBytes(h.data() + IcmpView::kHeaderBytes, data);
    IcmpMut::unchecked(h).fillChecksum();
    return finishIpv4(buf, e, ip_proto::kIcmp);
}

bool buildIcmpTimeExceeded(FrameBuffer &buf, const Ipv4Endpoints &e, ConstBytes originalIp) noexcept
{
    return buildIcmpError(buf, e, icmp_type::kTimeExceeded, icmp_type::kCodeTtlExceeded, 0, originalIp);
}

bool buildIcmpFragmentationNeeded(FrameBuffer &buf, const Ipv4Endpoints &e, std::uint16_t nextHopMtu,
                                  ConstBytes originalIp) noexcept
{
    return buildIcmpError(buf, e, icmp_type::kDestUnreachable, icmp_type::kCodeFragmentationNeeded,
                          nextHopMtu, originalIp);
}

bool buildIcmpv6PacketTooBig(FrameBuffer &buf, const Ipv6Endpoints &e, std::uint32_t mtu,
                             ConstBytes originalIp) noexcept
{
    const std::size_t room = kIpv6MinMtu - Ipv6View::kHeaderBytes - Icmpv6View::kHeaderBytes;
    const ConstBytes quote = originalIp.first(std::min(room, originalIp.size()));
    buf.clear();
    auto h = buf.put(Icmpv6View::kHeaderBytes + quote.size());
    if (h.empty())
        return false;
    h[0] = icmpv6_type::kPacketTooBig;
    h[1] = 0;
    store16(h.data() + 2, 0);
    store32(h.data() + 4, mtu);
    copyBytes(h.data() + Icmpv6View::kHeaderBytes, quote);
    return pushIcmpv6AndFinish(buf, e, e.hopLimit);
}

bool buildNeighborSolicitation(FrameBuffer &buf, const Ipv6Endpoints &e, const Ipv6Addr &target) noexcept
{
    Ipv6Endpoints ep = e;
    if (isIpv6Unspecified(ep.dstIp)) {
        ep.dstIp = solicitedNodeMulticast(target);
        ep.dstMac = ipv6MulticastMac(ep.dstIp);
    }
    buf.clear();
    auto h = buf.put(Icmpv6View::kNdBytes + 8);
    if (h.empty())
        return false;
    std::memset(h.data(), 0, h.size());
    h[0] = icmpv6_type::kNeighborSolicitation;
    std::memcpy(h.data() + 8, target.data(), 16);
    h[24] = nd_option::kSourceLinkLayer;
    h[25] = 1;
    ep.srcMac.store(h.data() + 26);
    return pushIcmpv6AndFinish(buf, ep, kNdHopLimit);
}

bool buildNeighborAdvertisement(FrameBuffer &buf, const Ipv6Endpoints &e, const Ipv6Addr &target,
                                std::uint8_t flags, const MacAddr &targetMac) noexcept
{
    buf.clear();
    auto h = buf.put(Icmpv6View::kNdBytes + 8);
    if (h.empty())
        return false;
    std::memset(h.data(), 0, h.size());
    h[0] = icmpv6_type::kNeighborAdvertisement;
    h[4] = flags;
    std::memcpy(h.data() + 8, target.data(), 16);
    h[24] = nd_option::kTargetLinkLayer;
    h[25] = 1;
    targetMac.store(h.data() + 26);
    return pushIcmpv6AndFinish(buf, e, kNdHopLimit);
}

bool buildUdp(FrameBuffer &buf, const Ipv4Endpoints &e, std::uint16_t srcPort, std::uint16_t dstPort,
              ConstBytes payload) noexcept
{
    buf.clear();
    return buf.append(payload) && pushUdp(buf, srcPort, dstPort, e.srcIp, e.dstIp)
        && finishIpv4(buf, e, ip_proto::kUdp);
}

bool buildTcpSyn(FrameBuffer &buf, const Ipv4Endpoints &e, std::uint16_t srcPort, std::uint16_t dstPort,
                 std::uint32_t seq, std::uint16_t window) noexcept
{
    buf.clear();
    TcpFields f;
    f.srcPort = srcPort;
    f.dstPort = dstPort;
    f.seq = seq;
    f.flags = tcp_flag::kSyn;
    f.window = window;
    return pushTcp(buf, f, e.srcIp, e.dstIp) && finishIpv4(buf, e, ip_proto::kTcp);
}

bool buildDhcpReply(FrameBuffer &buf, const DhcpView &request, const DhcpLease &lease) noexcept
{
    constexpr std::size_t kMinBootpBytes = 300;  // RFC 1542 2.1: some clients need it
    const bool nak = lease.messageType == dhcp_msg::kNak;
    const std::size_t optionBytes = 3 + 6 + (nak ? 0 : 6 + 6 + (lease.router ? 6 : 0)
        + (lease.dnsServers.empty() ? 0 : 2 + 4 * std::min<std::size_t>(lease.dnsServers.size(), 63))) + 1;
    const std::size_t bytes = std::max(kMinBootpBytes, DhcpView::kOptionsOffset + optionBytes);
    buf.clear();
    auto h = buf.put(bytes);
    if (h.empty())
        return false;
    std::memset(h.data(), 0, h.size());
    std::uint8_t *p = h.data();
    p[0] = DhcpView::kOpReply;
    p[1] = 1;
    p[2] = 6;
    store32(p + 4, request.xid());
    store16(p + 10, request.flags());
    store32(p + 12, request.ciaddr());
    store32(p + 16, nak ? 0 : lease.yourIp);
    store32(p + 20, lease.serverIp);
    store32(p + 24, request.giaddr());
    std::memcpy(p + 28, request.data() + 28, 16);
    store32(p + DhcpView::kFixedBytes, DhcpView::kMagicCookie);
    std::size_t o = DhcpView::kOptionsOffset;
    auto opt32 = [&](std::uint8_t code, std::uint32_t v) {
        p[o] = code;
        p[o + 1] = 4;
        store32(p + o + 2, v);
        o += 6;
    };
    p[o++] = dhcp_option::kMessageType;
    p[o++] = 1;
    p[o++] = lease.messageType;
    opt32(dhcp_option::kServerId, lease.serverIp);
    if (!nak) {
        opt32(dhcp_option::kLeaseTime, lease.leaseSeconds);
        opt32(dhcp_option::kSubnetMask, lease.subnetMask);
        if (lease.router)
            opt32(dhcp_option::kRouter, lease.router);
        if (!lease.dnsServers.empty()) {
            const std::size_t n = std::min<std::size_t>(lease.dnsServers.size(), 63);
            p[o++] = dhcp_option::kDnsServers;
            p[o++] = static_cast<std::uint8_t>(4 * n);
            for (std::size_t i = 0; i < n; ++i, o += 4)
                store32(p + o, lease.dnsServers[i]);
        }
    }
    p[o] = dhcp_option::kEnd;

    Ipv4Endpoints e;
    e.srcMac = lease.serverMac;
    e.srcIp = lease.serverIp;
    if (request.ciaddr() != 0 && !nak) {
        e.dstIp = request.ciaddr();
        e.dstMac = request.chaddr();
    } else if (request.broadcastFlag() || nak || lease.yourIp == 0) {
        e.dstIp = kIpv4Broadcast;
        e.dstMac = MacAddr::broadcast();
    } else {
        e.dstIp = lease.yourIp;
        e.dstMac = request.chaddr();
    }
    return pushUdp(buf, kDhcpServerPort, kDhcpClientPort, e.srcIp, e.dstIp) && finishIpv4(buf, e, ip_proto::kUdp);
}

std::size_t buildIpv4Fragment(FrameBuffer &buf, ConstBytes frame, const ParsedFrame &pf, std::size_t dataOffset,
                              std::size_t mtuBytes) noexcept
{
    if (!pf.ok() || pf.l3 != L3Kind::Ipv4 || frame.size() < pf.frameBytes || dataOffset % 8 != 0)
        return 0;
    const auto ip = pf.ipv4(frame);
    if (ip.dontFragment())
        return 0;
    const ConstBytes data = ip.payload();
    if (dataOffset >= data.size())
        return 0;

    // Header: all options in the first fragment, only those with the copy flag after it.
    std::uint8_t header[Ipv4View::kMaxHeaderBytes];
    std::size_t headerBytes = ip.headerBytes();
    std::memcpy(header, ip.data(), headerBytes);
    if (dataOffset != 0) {
        const ConstBytes opts = ip.options();
        std::size_t out = Ipv4View::kMinHeaderBytes;
        for (std::size_t i = 0; i < opts.size();) {
            const std::uint8_t type = opts[i];
            if (type == 0)  // end of option list
                break;
            if (type == 1) {  // no-operation
                ++i;
                continue;
            }
            if (i + 1 >= opts.size() || opts[i + 1] < 2 || i + opts[i + 1] > opts.size())
                break;
            const std::size_t len = opts[i + 1];
            if (type & 0x80) {
                std::memcpy(header + out, opts.data() + i, len);
                out += len;
            }
            i += len;
        }
        while (out % 4 != 0)
            header[out++] = 0;
        headerBytes = out;
        header[0] = static_cast<std::uint8_t>(0x40 | (headerBytes / 4));
    }
    if (mtuBytes <= headerBytes)
        return 0;
    const std::size_t remaining = data.size() - dataOffset;
    const bool last = remaining <= mtuBytes - headerBytes;
    const std::size_t take = last ? remaining : ((mtuBytes - headerBytes) & ~std::size_t{7});
    if (take == 0)
        return 0;
    const std::uint16_t offsetUnits = static_cast<std::uint16_t>(ip.fragmentOffset() + dataOffset / 8);
    if (offsetUnits > Ipv4View::kOffsetMask)
        return 0;
    const bool moreFragments = !last || ip.moreFragments();

    buf.clear();
    auto out = buf.put(EthernetView::kHeaderBytes + headerBytes + take);
    if (out.empty())
        return 0;
    std::memcpy(out.data(), frame.data(), EthernetView::kHeaderBytes);
    std::uint8_t *h = out.data() + EthernetView::kHeaderBytes;
    std::memcpy(h, header, headerBytes);
    std::memcpy(h + headerBytes, data.data() + dataOffset, take);
    store16(h + 2, static_cast<std::uint16_t>(headerBytes + take));
    store16(h + 6, static_cast<std::uint16_t>((ip.flagsAndOffset() & 0x8000) | (moreFragments ? Ipv4View::kFlagMf : 0)
                                              | offsetUnits));
    Ipv4Mut::unchecked(out.subspan(EthernetView::kHeaderBytes)).fillChecksum();
    return take;
}

} // namespace netvirt::emulator::packet
