// UDP (RFC 768) and TCP (RFC 9293: ports, sequence numbers, flags, data offset) views.
// Thread-safety: views are values over a caller-owned frame (see view_base.h).
#pragma once

#include <netvirt/emulator/packet/checksum.h>
#include <netvirt/emulator/packet/view_base.h>

namespace netvirt::emulator::packet {

template <PacketByte Byte>
class UdpT final : public detail::ViewBase<Byte> {
public:
    static constexpr std::size_t kHeaderBytes = 8;

    // Valid when the UDP length is at least 8 and fits; trimmed to the UDP length.
    static bool valid(std::span<const std::uint8_t> l4)
    {
        if (l4.size() < kHeaderBytes)
            return false;
        const std::size_t len = load16(l4.data() + 4);
        return len >= kHeaderBytes && len <= l4.size();
    }
    static std::optional<UdpT> from(std::span<Byte> l4)
    {
        if (!valid(l4))
            return std::nullopt;
        return unchecked(l4);
    }
    static UdpT unchecked(std::span<Byte> l4) { return UdpT(l4.first(load16(l4.data() + 4))); }

    std::uint16_t srcPort() const { return this->u16(0); }
    std::uint16_t dstPort() const { return this->u16(2); }
    std::uint16_t length() const { return this->u16(4); }
    std::uint16_t checksum() const { return this->u16(6); }
    std::span<Byte> payload() const { return this->m_b.subspan(kHeaderBytes); }
    // 0 means "no checksum" over IPv4 (RFC 768), so it is valid there.
    bool checksumValidV4(Ipv4Addr src, Ipv4Addr dst) const
    {
        if (checksum() == 0)
            return true;
        return checksumFinish(checksumAdd(this->m_b, pseudoHeaderSumV4(src, dst, ip_proto::kUdp, length()))) == 0;
    }
    bool checksumValidV6(const Ipv6Addr &src, const Ipv6Addr &dst) const
    {
        return checksumFinish(checksumAdd(this->m_b, pseudoHeaderSumV6(src, dst, ip_proto::kUdp, length()))) == 0;
    }

    void setSrcPort(std::uint16_t p) const requires kWritable<Byte> { store16(this->data(), p); }
    void setDstPort(std::uint16_t p) const requires kWritable<Byte> { store16(this->data() + 2, p); }
    void setChecksum(std::uint16_t c) const requires kWritable<Byte> { store16(this->data() + 6, c); }
    void fillChecksumV4(Ipv4Addr src, Ipv4Addr dst) const requires kWritable<Byte>
    {
        setChecksum(0);
        const auto c = checksumFinish(checksumAdd(this->m_b, pseudoHeaderSumV4(src, dst, ip_proto::kUdp, length())));
        setChecksum(c == 0 ? 0xFFFF : c);  // a computed 0 is sent as all ones
    }
    void fillChecksumV6(const Ipv6Addr &src, const Ipv6Addr &dst) const requires kWritable<Byte>
    {
        setChecksum(0);
        const auto c = checksumFinish(checksumAdd(this->m_b, pseudoHeaderSumV6(src, dst, ip_proto::kUdp, length())));
        setChecksum(c == 0 ? 0xFFFF : c);
    }

private:
    explicit UdpT(std::span<Byte> b) : detail::ViewBase<Byte>(b) {}
};
using UdpView = UdpT<const std::uint8_t>;
using UdpMut = UdpT<std::uint8_t>;

namespace tcp_flag {
constexpr std::uint8_t kFin = 0x01;
constexpr std::uint8_t kSyn = 0x02;
constexpr std::uint8_t kRst = 0x04;
constexpr std::uint8_t kPsh = 0x08;
constexpr std::uint8_t kAck = 0x10;
constexpr std::uint8_t kUrg = 0x20;
constexpr std::uint8_t kEce = 0x40;
constexpr std::uint8_t kCwr = 0x80;
} // namespace tcp_flag

template <PacketByte Byte>
class TcpT final : public detail::ViewBase<Byte> {
public:
    static constexpr std::size_t kMinHeaderBytes = 20;

    // Valid when the data offset is at least 5 and the header fits.
    static bool valid(std::span<const std::uint8_t> l4)
    {
        if (l4.size() < kMinHeaderBytes)
            return false;
        const std::size_t off = l4[12] >> 4;
        return off >= 5 && off * 4 <= l4.size();
    }
    // `l4` is the IP payload: the segment, header and data.
    static std::optional<TcpT> from(std::span<Byte> l4)
    {
        if (!valid(l4))
            return std::nullopt;
        return TcpT(l4);
    }
    static TcpT unchecked(std::span<Byte> l4) { return TcpT(l4); }

    std::uint16_t srcPort() const { return this->u16(0); }
    std::uint16_t dstPort() const { return this->u16(2); }
    std::uint32_t seq() const { return this->u32(4); }
    std::uint32_t ack() const { return this->u32(8); }
    std::size_t headerBytes() const { return static_cast<std::size_t>(this->u8(12) >> 4) * 4; }
    std::uint8_t flags() const { return this->u8(13); }
    bool syn() const { return flags() & tcp_flag::kSyn; }
    bool ackFlag() const { return flags() & tcp_flag::kAck; }
    bool fin() const { return flags() & tcp_flag::kFin; }
    bool rst() const { return flags() & tcp_flag::kRst; }
    std::uint16_t window() const { return this->u16(14); }
    std::uint16_t checksum() const { return this->u16(16); }
    std::uint16_t urgentPointer() const { return this->u16(18); }
    std::span<Byte> options() const { return this->m_b.subspan(kMinHeaderBytes, headerBytes() - kMinHeaderBytes); }
    std::span<Byte> payload() const { return this->m_b.subspan(headerBytes()); }
    bool checksumValidV4(Ipv4Addr src, Ipv4Addr dst) const
    {
        const auto len = static_cast<std::uint16_t>(this->size());
        return checksumFinish(checksumAdd(this->m_b, pseudoHeaderSumV4(src, dst, ip_proto::kTcp, len))) == 0;
    }
    bool checksumValidV6(const Ipv6Addr &src, const Ipv6Addr &dst) const
    {
        const auto len = static_cast<std::uint32_t>(this->size());
        return checksumFinish(checksumAdd(this->m_b, pseudoHeaderSumV6(src, dst, ip_proto::kTcp, len))) == 0;
    }

    void setSrcPort(std::uint16_t p) const requires kWritable<Byte> { store16(this->data(), p); }
    void setDstPort(std::uint16_t p) const requires kWritable<Byte> { store16(this->data() + 2, p); }
    void setChecksum(std::uint16_t c) const requires kWritable<Byte> { store16(this->data() + 16, c); }
    void fillChecksumV4(Ipv4Addr src, Ipv4Addr dst) const requires kWritable<Byte>
    {
        setChecksum(0);
        const auto len = static_cast<std::uint16_t>(this->size());
        setChecksum(checksumFinish(checksumAdd(this->m_b, pseudoHeaderSumV4(src, dst, ip_proto::kTcp, len))));
    }
    void fillChecksumV6(const Ipv6Addr &src, const Ipv6Addr &dst) const requires kWritable<Byte>
    {
        setChecksum(0);
        const auto len = static_cast<std::uint32_t>(this->size());
        setChecksum(checksumFinish(checksumAdd(this->m_b, pseudoHeaderSumV6(src, dst, ip_proto::kTcp, len))));
    }

private:
    explicit TcpT(std::span<Byte> b) : detail::ViewBase<Byte>(b) {}
};
using TcpView = TcpT<const std::uint8_t>;
using TcpMut = TcpT<std::uint8_t>;

} // namespace netvirt::emulator::packet
