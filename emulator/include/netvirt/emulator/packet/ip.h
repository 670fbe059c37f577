// IPv4 (RFC 791: IHL and options, DF/MF, fragments, header checksum) and IPv6 (RFC 8200,
// fixed header; extension headers are not walked) views. Setters that change a field the
// IPv4 header checksum covers update that checksum incrementally (RFC 1624); transport
// checksums are the caller's (see rewrite.h).
// Thread-safety: views are values over a caller-owned frame (see view_base.h).
#pragma once

#include <netvirt/emulator/packet/checksum.h>
#include <netvirt/emulator/packet/view_base.h>

namespace netvirt::emulator::packet {

enum class Ipv4Error : std::uint8_t {
    None = 0,
    Truncated = 1,      // fewer than 20 bytes, or fewer than IHL*4
    BadVersion,
    BadIhl,             // IHL < 5
    BadTotalLength,     // total length < IHL*4, or more than the bytes available
};

template <PacketByte Byte>
class Ipv4T final : public detail::ViewBase<Byte> {
public:
    static constexpr std::size_t kMinHeaderBytes = 20;
    static constexpr std::size_t kMaxHeaderBytes = 60;
    static constexpr std::uint16_t kFlagDf = 0x4000;
    static constexpr std::uint16_t kFlagMf = 0x2000;
    static constexpr std::uint16_t kOffsetMask = 0x1FFF;

    static Ipv4Error check(std::span<const std::uint8_t> l3)
    {
        if (l3.size() < kMinHeaderBytes)
            return Ipv4Error::Truncated;
        if ((l3[0] >> 4) != 4)
            return Ipv4Error::BadVersion;
        const std::size_t ihl = l3[0] & 0x0F;
        if (ihl < 5)
            return Ipv4Error::BadIhl;
        if (ihl * 4 > l3.size())
            return Ipv4Error::Truncated;
        const std::size_t total = load16(l3.data() + 2);
        if (total < ihl * 4 || total > l3.size())
            return Ipv4Error::BadTotalLength;
        return Ipv4Error::None;
    }
    // The view is trimmed to the total length (Ethernet padding excluded).
    static std::optional<Ipv4T> from(std::span<Byte> l3)
    {
        if (check(l3) != Ipv4Error::None)
            return std::nullopt;
        return unchecked(l3);
    }
    static Ipv4T unchecked(std::span<Byte> l3) { return Ipv4T(l3.first(load16(l3.data() + 2))); }

    std::uint8_t version() const { return this->u8(0) >> 4; }
    std::uint8_t ihl() const { return this->u8(0) & 0x0F; }
    std::size_t headerBytes() const { return std::size_t{ihl()} * 4; }
    std::uint8_t tos() const { return this->u8(1); }
    std::uint8_t dscp() const { return this->u8(1) >> 2; }
    std::uint8_t ecn() const { return this->u8(1) & 3; }
    std::uint16_t totalLength() const { return this->u16(2); }
    std::uint16_t identification() const { return this->u16(4); }
    std::uint16_t flagsAndOffset() const { return this->u16(6); }
    bool dontFragment() const { return (flagsAndOffset() & kFlagDf) != 0; }
    bool moreFragments() const { return (flagsAndOffset() & kFlagMf) != 0; }
    // In 8-byte units as on the wire; fragmentOffsetBytes() in bytes.
    std::uint16_t fragmentOffset() const { return flagsAndOffset() & kOffsetMask; }
    std::size_t fragmentOffsetBytes() const { return std::size_t{fragmentOffset()} * 8; }
    bool isFragment() const { return moreFragments() || fragmentOffset() != 0; }
    bool isFirstFragment() const { return fragmentOffset() == 0; }
    std::uint8_t ttl() const { return this->u8(8); }
    std::uint8_t protocol() const { return this->u8(9); }
    std::uint16_t headerChecksum() const { return this->u16(10); }
    Ipv4Addr src() const { return this->u32(12); }
    Ipv4Addr dst() const { return this->u32(16); }
    std::span<Byte> header() const { return this->m_b.first(headerBytes()); }
    std::span<Byte> options() const { return this->m_b.subspan(kMinHeaderBytes, headerBytes() - kMinHeaderBytes); }
    std::span<Byte> payload() const { return this->m_b.subspan(headerBytes()); }
    bool checksumValid() const { return internetChecksum(header()) == 0; }

    // Recomputes the header checksum in full (after building or several raw edits).
    void fillChecksum() const requires kWritable<Byte>
    {
        store16(this->data() + 10, 0);
        store16(this->data() + 10, internetChecksum(header()));
    }
    void setTtl(std::uint8_t ttl) const requires kWritable<Byte>
    {
        const std::uint16_t oldWord = this->u16(8);
        this->data()[8] = ttl;
        store16(this->data() + 10, checksumUpdate16(headerChecksum(), oldWord, this->u16(8)));
    }
    // Returns the new TTL; a TTL already 0 stays 0.
    std::uint8_t decrementTtl() const requires kWritable<Byte>
    {
        if (ttl() != 0)
            setTtl(static_cast<std::uint8_t>(ttl() - 1));
        return ttl();
    }
    void setSrc(Ipv4Addr a) const requires kWritable<Byte>
    {
        store16(this->data() + 10, checksumUpdate32(headerChecksum(), src(), a));
        store32(this->data() + 12, a);
    }
    void setDst(Ipv4Addr a) const requires kWritable<Byte>
    {
        store16(this->data() + 10, checksumUpdate32(headerChecksum(), dst(), a));
        store32(this->data() + 16, a);
    }
    void setFlagsAndOffset(std::uint16_t v) const requires kWritable<Byte>
    {
        store16(this->data() + 10, checksumUpdate16(headerChecksum(), flagsAndOffset(), v));
        store16(this->data() + 6, v);
    }

private:
    explicit Ipv4T(std::span<Byte> b) : detail::ViewBase<Byte>(b) {}
};
using Ipv4View = Ipv4T<const std::uint8_t>;
using Ipv4Mut = Ipv4T<std::uint8_t>;

enum class Ipv6Error : std::uint8_t {
    None = 0,
    Truncated = 1,       // fewer than 40 bytes
    BadVersion,
    BadPayloadLength,    // 40 + payload length more than the bytes available
};

template <PacketByte Byte>
class Ipv6T final : public detail::ViewBase<Byte> {
public:
    static constexpr std::size_t kHeaderBytes = 40;

    static Ipv6Error check(std::span<const std::uint8_t> l3)
    {
        if (l3.size() < kHeaderBytes)
            return Ipv6Error::Truncated;
        if ((l3[0] >> 4) != 6)
            return Ipv6Error::BadVersion;
        if (kHeaderBytes + load16(l3.data() + 4) > l3.size())
            return Ipv6Error::BadPayloadLength;
        return Ipv6Error::None;
    }
    // Trimmed to 40 + payload length (a jumbogram's 0 gives an empty payload).
    static std::optional<Ipv6T> from(std::span<Byte> l3)
    {
        if (check(l3) != Ipv6Error::None)
            return std::nullopt;
        return unchecked(l3);
    }
    static Ipv6T unchecked(std::span<Byte> l3) { return Ipv6T(l3.first(kHeaderBytes + load16(l3.data() + 4))); }

    std::uint8_t version() const { return this->u8(0) >> 4; }
    std::uint8_t trafficClass() const { return static_cast<std::uint8_t>(this->u16(0) >> 4); }
    std::uint32_t flowLabel() const { return this->u32(0) & 0xFFFFF; }
    std::uint16_t payloadLength() const { return this->u16(4); }
    std::uint8_t nextHeader() const { return this->u8(6); }
    bool hasExtensionHeaders() const { return ip_proto::isIpv6ExtensionHeader(nextHeader()); }
    std::uint8_t hopLimit() const { return this->u8(7); }
    Ipv6Addr src() const { return loadIpv6(this->data() + 8); }
    Ipv6Addr dst() const { return loadIpv6(this->data() + 24); }
    std::span<Byte> srcBytes() const { return this->m_b.subspan(8, 16); }
    std::span<Byte> dstBytes() const { return this->m_b.subspan(24, 16); }
    std::span<Byte> payload() const { return this->m_b.subspan(kHeaderBytes); }

    void setHopLimit(std::uint8_t h) const requires kWritable<Byte> { this->data()[7] = h; }
    std::uint8_t decrementHopLimit() const requires kWritable<Byte>
    {
        if (hopLimit() != 0)
            --this->data()[7];
        return hopLimit();
    }
    void setSrc(const Ipv6Addr &a) const requires kWritable<Byte>
    {
        for (std::size_t i = 0; i < 16; ++i)
            this->data()[8 + i] = a[i];
    }
    void setDst(const Ipv6Addr &a) const requires kWritable<Byte>
    {
        for (std::size_t i = 0; i < 16; ++i)
            this->data()[24 + i] = a[i];
    }

private:
    explicit Ipv6T(std::span<Byte> b) : detail::ViewBase<Byte>(b) {}
};
using Ipv6View = Ipv6T<const std::uint8_t>;
using Ipv6Mut = Ipv6T<std::uint8_t>;

} // namespace netvirt::emulator::packet
