// In-place IPv4 address rewrite for HNV IP Rewrite and routing: the address, the IPv4 header
// checksum and the TCP/UDP checksum (whose pseudo-header covers the address) are updated
// incrementally (RFC 1624); a UDP checksum of 0 (none) stays 0. Fragments other than the
// first carry no transport header and only get the IP update.
// Thread-safety: pure functions over a caller-owned frame.
#pragma once

#include <netvirt/emulator/packet/parsed_frame.h>

namespace netvirt::emulator::packet {

namespace detail {
inline void updateTransportChecksum(MutBytes frame, const ParsedFrame &pf, Ipv4Addr oldAddr, Ipv4Addr newAddr)
{
    const auto ip = pf.ipv4(frame);
    if (ip.fragmentOffset() != 0)
        return;
    const auto l4 = ip.payload();
    if (ip.protocol() == ip_proto::kTcp && l4.size() >= TcpView::kMinHeaderBytes) {
        std::uint8_t *c = l4.data() + 16;
        store16(c, checksumUpdate32(load16(c), oldAddr, newAddr));
    } else if (ip.protocol() == ip_proto::kUdp && l4.size() >= UdpView::kHeaderBytes) {
        std::uint8_t *c = l4.data() + 6;
        const std::uint16_t old = load16(c);
        if (old == 0)
            return;
        const std::uint16_t updated = checksumUpdate32(old, oldAddr, newAddr);
        store16(c, updated == 0 ? 0xFFFF : updated);
    }
}
} // namespace detail

// `pf` is parseFrame(frame) with l3 Ipv4.
inline void rewriteIpv4Src(MutBytes frame, const ParsedFrame &pf, Ipv4Addr newSrc) noexcept
{
    const auto ip = pf.ipv4(frame);
    const Ipv4Addr old = ip.src();
    detail::updateTransportChecksum(frame, pf, old, newSrc);
    ip.setSrc(newSrc);
}
inline void rewriteIpv4Dst(MutBytes frame, const ParsedFrame &pf, Ipv4Addr newDst) noexcept
{
    const auto ip = pf.ipv4(frame);
    const Ipv4Addr old = ip.dst();
    detail::updateTransportChecksum(frame, pf, old, newDst);
    ip.setDst(newDst);
}

} // namespace netvirt::emulator::packet
