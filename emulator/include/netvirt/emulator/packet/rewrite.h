// In-place IPv4 address rewrite for HNV IP Rewrite and routing: the address, the IPv4 header
// checksum and the TCP/UDP checksum (whose pseudo-header covers the address) are updated
// incrementally (RFC 1624); a UDP checksum of 0 (none) stays 0. Fragments other than the
// first carry no transport header and only get the IP update.
// Thread-safety: pure functions over a caller-owned frame.
#pragma once

#include <netvirt/emulator/packet/parsed_frame.h>

namespace netvirt::emulator::packet {

namespace detail {
// update(old checksum) → new checksum, applied to the TCP or UDP checksum of the frame.
template <typename Update>
inline void updateTransportChecksum(MutBytes frame, const ParsedFrame &pf, Update update)
{
    const auto ip = pf.ipv4(frame);
    if (ip.fragmentOffset() != 0)
        return;
    const auto l4 = ip.payload();
    if (ip.protocol() == ip_proto::kTcp && l4.size() >= TcpView::kMinHeaderBytes) {
        std::uint8_t *c = l4.data() + 16;
        store16(c, update(load16(c)));
    } else if (ip.protocol() == ip_proto::kUdp && l4.size() >= UdpView::kHeaderBytes) {
        std::uint8_t *c = l4.data() + 6;
        const std::uint16_t old = load16(c);
        if (old == 0)
            return;
        const std::uint16_t updated = update(old);
        store16(c, updated == 0 ? 0xFFFF : updated);
    }
}
inline void updateTransportChecksum(MutBytes frame, const ParsedFrame &pf, Ipv4Addr oldAddr, Ipv4Addr newAddr)
{
    updateTransportChecksum(frame, pf, [&](std::uint16_t c) { return checksumUpdate32(c, oldAddr, newAddr); });
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
// Both addresses (IP Rewrite, either way): one update of each checksum for the two.
inline void rewriteIpv4Addresses(MutBytes frame, const ParsedFrame &pf, Ipv4Addr newSrc, Ipv4Addr newDst) noexcept
{
    const auto ip = pf.ipv4(frame);
    const Ipv4Addr oldSrc = ip.src();
    const Ipv4Addr oldDst = ip.dst();
    auto update = [&](std::uint16_t c) { return checksumUpdate64(c, oldSrc, newSrc, oldDst, newDst); };
    detail::updateTransportChecksum(frame, pf, update);
    std::uint8_t *h = ip.data();
    store16(h + 10, update(load16(h + 10)));
    store32(h + 12, newSrc);
    store32(h + 16, newDst);
}

} // namespace netvirt::emulator::packet
