// NVGRE encapsulation into headroom and decapsulation by pull (RFC 7637).
// Thread-safety: pure functions over caller-owned buffers.
#include <netvirt/emulator/packet/nvgre.h>

namespace netvirt::emulator::packet {
namespace {

void writeGre(std::uint8_t *g, std::uint32_t vsid, std::uint8_t flowId)
{
    store16(g, kNvgreFlagsVersion);
    store16(g + 2, ether_type::kTransparentEthernet);
    store32(g + 4, nvgreKey(vsid, flowId));
}

} // namespace

bool writeNvgreHeaders(MutBytes out, const NvgreEncapV4 &p, std::size_t innerBytes) noexcept
{
    constexpr std::size_t kIpGre = Ipv4View::kMinHeaderBytes + kNvgreHeaderBytes;
    if (out.size() < kNvgreOuterBytesV4 || innerBytes > 0xFFFF - kIpGre || p.vsid > kMaxVsid)
        return false;
    std::uint8_t *e = out.data();
    p.outerDstMac.store(e);
    p.outerSrcMac.store(e + 6);
    store16(e + 12, ether_type::kIpv4);
    std::uint8_t *ip = e + EthernetView::kHeaderBytes;
    ip[0] = 0x45;
    ip[1] = p.tos;
    store16(ip + 2, static_cast<std::uint16_t>(kIpGre + innerBytes));
    store16(ip + 4, p.identification);
    store16(ip + 6, p.dontFragment ? Ipv4View::kFlagDf : 0);
    ip[8] = p.ttl;
    ip[9] = ip_proto::kGre;
    store16(ip + 10, 0);
    store32(ip + 12, p.outerSrc);
    store32(ip + 16, p.outerDst);
    store16(ip + 10, internetChecksum(ConstBytes(ip, Ipv4View::kMinHeaderBytes)));
    writeGre(ip + Ipv4View::kMinHeaderBytes, p.vsid, p.flowId);
    return true;
}

bool writeNvgreHeaders(MutBytes out, const NvgreEncapV6 &p, std::size_t innerBytes) noexcept
{
    if (out.size() < kNvgreOuterBytesV6 || innerBytes > 0xFFFF - kNvgreHeaderBytes || p.vsid > kMaxVsid)
        return false;
    std::uint8_t *e = out.data();
    p.outerDstMac.store(e);
    p.outerSrcMac.store(e + 6);
    store16(e + 12, ether_type::kIpv6);
    std::uint8_t *ip = e + EthernetView::kHeaderBytes;
    store32(ip, (6u << 28) | (std::uint32_t{p.trafficClass} << 20) | (p.flowLabel & 0xFFFFF));
    store16(ip + 4, static_cast<std::uint16_t>(kNvgreHeaderBytes + innerBytes));
    ip[6] = ip_proto::kGre;
    ip[7] = p.hopLimit;
    for (std::size_t i = 0; i < 16; ++i) {
        ip[8 + i] = p.outerSrc[i];
        ip[24 + i] = p.outerDst[i];
    }
    writeGre(ip + Ipv6View::kHeaderBytes, p.vsid, p.flowId);
    return true;
}

bool encapsulateNvgre(FrameBuffer &buf, const NvgreEncapV4 &p) noexcept
{
    const std::size_t innerBytes = buf.size();
    if (buf.headroom() < kNvgreOuterBytesV4)
        return false;
    // Validate before pushing so a refused encapsulation leaves the buffer as it was.
    if (innerBytes > 0xFFFF - Ipv4View::kMinHeaderBytes - kNvgreHeaderBytes || p.vsid > kMaxVsid)
        return false;
    auto h = buf.push(kNvgreOuterBytesV4);
    return writeNvgreHeaders(h, p, innerBytes);
}

bool encapsulateNvgre(FrameBuffer &buf, const NvgreEncapV6 &p) noexcept
{
    const std::size_t innerBytes = buf.size();
    if (buf.headroom() < kNvgreOuterBytesV6)
        return false;
    if (innerBytes > 0xFFFF - kNvgreHeaderBytes || p.vsid > kMaxVsid)
        return false;
    auto h = buf.push(kNvgreOuterBytesV6);
    return writeNvgreHeaders(h, p, innerBytes);
}

bool decapsulateNvgre(FrameBuffer &buf, const NvgreInfo &info) noexcept
{
    if (!info.ok() || std::size_t{info.innerOffset} + info.innerBytes > buf.size())
        return false;
    return buf.pull(info.innerOffset) && buf.truncate(info.innerBytes);
}

} // namespace netvirt::emulator::packet
