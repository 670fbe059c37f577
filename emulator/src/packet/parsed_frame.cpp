// parseFrame() and the guard classifiers: one pass, every length checked before it is used.
// Thread-safety: pure functions.
#include <netvirt/emulator/packet/parsed_frame.h>

namespace netvirt::emulator::packet {
namespace {

ParsedFrame &malformed(ParsedFrame &pf, ParseError e)
{
    pf.status = ParseStatus::Malformed;
    pf.error = e;
    return pf;
}

// Fills L4 from pf.l4Offset/l4Bytes (the IP payload) and pf.ipProtocol.
void parseL4(ConstBytes frame, ParsedFrame &pf, bool overIpv6)
{
    const ConstBytes l4 = frame.subspan(pf.l4Offset, pf.l4Bytes);
    pf.payloadOffset = pf.l4Offset;
    pf.payloadBytes = pf.l4Bytes;
    switch (pf.ipProtocol) {
    case ip_proto::kIcmp:
        if (overIpv6)
            break;
        if (l4.size() < IcmpView::kHeaderBytes) {
            malformed(pf, ParseError::IcmpTruncated);
            return;
        }
        pf.l4 = L4Kind::Icmp;
        pf.payloadOffset = pf.l4Offset + IcmpView::kHeaderBytes;
        pf.payloadBytes = pf.l4Bytes - IcmpView::kHeaderBytes;
        return;
    case ip_proto::kIcmpv6:
        if (!overIpv6)
            break;
        if (l4.size() < Icmpv6View::kHeaderBytes || l4.size() < Icmpv6View::minimumBytes(l4[0])) {
            malformed(pf, ParseError::Icmpv6Truncated);
            return;
        }
        pf.l4 = L4Kind::Icmpv6;
        pf.payloadOffset = pf.l4Offset + Icmpv6View::kHeaderBytes;
        pf.payloadBytes = pf.l4Bytes - Icmpv6View::kHeaderBytes;
        return;
    case ip_proto::kUdp: {
        if (l4.size() < UdpView::kHeaderBytes) {
            malformed(pf, ParseError::UdpTruncated);
            return;
        }
        const std::uint32_t len = load16(l4.data() + 4);
        if (len < UdpView::kHeaderBytes || len > l4.size()) {
            malformed(pf, ParseError::UdpBadLength);
            return;
        }
        pf.l4 = L4Kind::Udp;
        pf.l4Bytes = len;
        pf.payloadOffset = pf.l4Offset + UdpView::kHeaderBytes;
        pf.payloadBytes = len - UdpView::kHeaderBytes;
        return;
    }
    case ip_proto::kTcp: {
        if (l4.size() < TcpView::kMinHeaderBytes) {
            malformed(pf, ParseError::TcpTruncated);
            return;
        }
        const std::uint32_t hdr = static_cast<std::uint32_t>(l4[12] >> 4) * 4;
        if (hdr < TcpView::kMinHeaderBytes || hdr > l4.size()) {
            malformed(pf, ParseError::TcpBadDataOffset);
            return;
        }
        pf.l4 = L4Kind::Tcp;
        pf.payloadOffset = pf.l4Offset + hdr;
        pf.payloadBytes = pf.l4Bytes - hdr;
        return;
    }
    case ip_proto::kGre:
        pf.l4 = L4Kind::Gre;
        return;
    default:
        break;
    }
    pf.l4 = L4Kind::Other;
}

} // namespace

ParsedFrame parseFrame(ConstBytes frame) noexcept
{
    ParsedFrame pf;
    pf.frameBytes = static_cast<std::uint32_t>(frame.size());
    if (frame.size() < EthernetView::kHeaderBytes)
        return malformed(pf, ParseError::EthernetTruncated);
    const auto eth = EthernetView::unchecked(frame);
    pf.etherType = eth.etherType();
    pf.l3Offset = EthernetView::kHeaderBytes;
    if (eth.isTagged()) {
        const auto vid = eth.vlanId();
        if (!vid)
            return malformed(pf, ParseError::TagTruncated);
        pf.vlanId = *vid;
        pf.status = ParseStatus::Tagged;
        return pf;
    }
    const ConstBytes l3 = eth.payload();
    switch (pf.etherType) {
    case ether_type::kArp:
        if (l3.size() < ArpView::kBytes)
            return malformed(pf, ParseError::ArpTruncated);
        if (!ArpView::isEthernetIpv4(l3))
            return malformed(pf, ParseError::ArpNotEthernetIpv4);
        pf.l3 = L3Kind::Arp;
        pf.l3Bytes = ArpView::kBytes;
        pf.status = ParseStatus::Ok;
        return pf;
    case ether_type::kIpv4: {
        switch (Ipv4View::check(l3)) {
        case Ipv4Error::None: break;
        case Ipv4Error::Truncated: return malformed(pf, ParseError::Ipv4Truncated);
        case Ipv4Error::BadVersion: return malformed(pf, ParseError::Ipv4BadVersion);
        case Ipv4Error::BadIhl: return malformed(pf, ParseError::Ipv4BadIhl);
        case Ipv4Error::BadTotalLength: return malformed(pf, ParseError::Ipv4BadTotalLength);
        }
        const auto ip = Ipv4View::unchecked(l3);
        pf.l3 = L3Kind::Ipv4;
        pf.l3Bytes = ip.totalLength();
        pf.ipProtocol = ip.protocol();
        pf.fragment = ip.isFragment();
        pf.l4Offset = pf.l3Offset + static_cast<std::uint32_t>(ip.headerBytes());
        pf.l4Bytes = pf.l3Bytes - static_cast<std::uint32_t>(ip.headerBytes());
        pf.status = ParseStatus::Ok;
        if (pf.fragment) {
            pf.l4 = L4Kind::Other;
            pf.payloadOffset = pf.l4Offset;
            pf.payloadBytes = pf.l4Bytes;
            return pf;
        }
        parseL4(frame, pf, false);
        return pf;
    }
    case ether_type::kIpv6: {
        switch (Ipv6View::check(l3)) {
        case Ipv6Error::None: break;
        case Ipv6Error::Truncated: return malformed(pf, ParseError::Ipv6Truncated);
        case Ipv6Error::BadVersion: return malformed(pf, ParseError::Ipv6BadVersion);
        case Ipv6Error::BadPayloadLength: return malformed(pf, ParseError::Ipv6BadPayloadLength);
        }
        const auto ip = Ipv6View::unchecked(l3);
        pf.l3 = L3Kind::Ipv6;
        pf.l3Bytes = static_cast<std::uint32_t>(ip.size());
        pf.ipProtocol = ip.nextHeader();
        pf.l4Offset = pf.l3Offset + static_cast<std::uint32_t>(Ipv6View::kHeaderBytes);
        pf.l4Bytes = ip.payloadLength();
        pf.status = ParseStatus::Ok;
        if (ip.hasExtensionHeaders()) {
            pf.l4 = L4Kind::Other;
            pf.payloadOffset = pf.l4Offset;
            pf.payloadBytes = pf.l4Bytes;
            return pf;
        }
        parseL4(frame, pf, true);
        return pf;
    }
    default:
        pf.l3 = L3Kind::Other;
        pf.l3Bytes = static_cast<std::uint32_t>(l3.size());
        pf.status = ParseStatus::Ok;
        return pf;
    }
}

DhcpRole dhcpRole(ConstBytes frame, const ParsedFrame &pf) noexcept
{
    if (!pf.ok() || pf.l3 != L3Kind::Ipv4 || frame.size() < pf.frameBytes)
        return DhcpRole::NotDhcp;
    const auto isDhcpPort = [](std::uint16_t p) { return p == kDhcpServerPort || p == kDhcpClientPort; };
    if (pf.fragment) {
        const auto ip = pf.ipv4(frame);
        const ConstBytes l4 = ip.payload();
        if (ip.fragmentOffset() != 0 || ip.protocol() != ip_proto::kUdp || l4.size() < UdpView::kHeaderBytes)
            return DhcpRole::NotDhcp;
        const std::uint16_t src = load16(l4.data());
        if (!isDhcpPort(src) && !isDhcpPort(load16(l4.data() + 2)))
            return DhcpRole::NotDhcp;
        if (l4.size() > UdpView::kHeaderBytes)
            return l4[UdpView::kHeaderBytes] == DhcpView::kOpReply ? DhcpRole::Server : DhcpRole::Client;
        return src == kDhcpServerPort ? DhcpRole::Server : DhcpRole::Client;
    }
    if (pf.l4 != L4Kind::Udp)
        return DhcpRole::NotDhcp;
    const auto udp = pf.udp(frame);
    if (!isDhcpPort(udp.srcPort()) && !isDhcpPort(udp.dstPort()))
        return DhcpRole::NotDhcp;
    const auto payload = udp.payload();
    if (auto dhcp = DhcpView::from(payload))
        return dhcp->role();
    // Plain BOOTP (no magic cookie): the op decides. Shorter than BOOTP: not DHCP.
    if (payload.size() >= DhcpView::kFixedBytes)
        return payload[0] == DhcpView::kOpReply ? DhcpRole::Server : DhcpRole::Client;
    return DhcpRole::NotDhcp;
}

namespace {

bool isIcmpv6RouterType(std::uint8_t type)
{
    return type == icmpv6_type::kRouterAdvertisement || type == icmpv6_type::kRedirect;
}

// Walks IPv6 extension headers (RFC 8200 4) to the upper-layer header of a packet whose next
// header is an extension header.
bool routerMessageBehindExtensions(ConstBytes frame, const ParsedFrame &pf)
{
    const auto ip = pf.ipv6(frame);
    const ConstBytes rest = ip.payload();
    std::uint8_t nh = ip.nextHeader();
    std::size_t off = 0;
    for (int hops = 0; hops < 32 && ip_proto::isIpv6ExtensionHeader(nh); ++hops) {
        if (nh == ip_proto::kEsp)
            return false;  // encrypted: nothing to see, and nothing a host would take as an RA
        if (off + 2 > rest.size())
            return true;  // the chain ends before the upper-layer header
        std::size_t len;
        if (nh == ip_proto::kIpv6Fragment) {
            if (off + 8 > rest.size())
                return true;
            if ((load16(rest.data() + off + 2) & 0xFFF8) != 0)
                return false;  // a later fragment: no upper-layer header in it
            len = 8;
        } else if (nh == ip_proto::kAh) {
            len = (std::size_t{rest[off + 1]} + 2) * 4;
        } else {
            len = (std::size_t{rest[off + 1]} + 1) * 8;
        }
        nh = rest[off];
        off += len;
    }
    if (ip_proto::isIpv6ExtensionHeader(nh))
        return true;  // too long a chain
    if (nh != ip_proto::kIcmpv6)
        return false;
    if (off + 1 > rest.size())
        return true;
    return isIcmpv6RouterType(rest[off]);
}

} // namespace

bool isRouterGuardMessage(ConstBytes frame, const ParsedFrame &pf) noexcept
{
    if (!pf.ok() || frame.size() < pf.frameBytes)
        return false;
    if (pf.l3 == L3Kind::Ipv6 && pf.l4 == L4Kind::Other && ip_proto::isIpv6ExtensionHeader(pf.ipProtocol))
        return routerMessageBehindExtensions(frame, pf);
    if (pf.l4 == L4Kind::Icmp)
        return pf.icmp(frame).isRedirect();
    if (pf.l4 == L4Kind::Icmpv6) {
        return isIcmpv6RouterType(pf.icmpv6(frame).type());
    }
    return false;
}

bool isNeighborSolicitation(ConstBytes frame, const ParsedFrame &pf) noexcept
{
    return pf.ok() && pf.l4 == L4Kind::Icmpv6 && frame.size() >= pf.frameBytes
        && pf.icmpv6(frame).isNeighborSolicitation();
}

bool isNeighborAdvertisement(ConstBytes frame, const ParsedFrame &pf) noexcept
{
    return pf.ok() && pf.l4 == L4Kind::Icmpv6 && frame.size() >= pf.frameBytes
        && pf.icmpv6(frame).isNeighborAdvertisement();
}

} // namespace netvirt::emulator::packet
