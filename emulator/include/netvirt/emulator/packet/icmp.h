// ICMP (RFC 792: echo, destination unreachable incl. fragmentation needed per RFC 1191, time
// exceeded, redirect) and ICMPv6 (RFC 4443; neighbour discovery per RFC 4861: router
// solicitation/advertisement, neighbour solicitation/advertisement, redirect) views.
// Thread-safety: views are values over a caller-owned frame (see view_base.h).
#pragma once

#include <netvirt/emulator/packet/checksum.h>
#include <netvirt/emulator/packet/view_base.h>

namespace netvirt::emulator::packet {

namespace icmp_type {
constexpr std::uint8_t kEchoReply = 0;
constexpr std::uint8_t kDestUnreachable = 3;
constexpr std::uint8_t kRedirect = 5;
constexpr std::uint8_t kEchoRequest = 8;
constexpr std::uint8_t kTimeExceeded = 11;
constexpr std::uint8_t kCodeFragmentationNeeded = 4;  // with kDestUnreachable
constexpr std::uint8_t kCodeTtlExceeded = 0;          // with kTimeExceeded
} // namespace icmp_type

template <PacketByte Byte>
class IcmpT final : public detail::ViewBase<Byte> {
public:
    static constexpr std::size_t kHeaderBytes = 8;

    // `l4` is the IPv4 payload (the whole ICMP message).
    static std::optional<IcmpT> from(std::span<Byte> l4)
    {
        if (l4.size() < kHeaderBytes)
            return std::nullopt;
        return IcmpT(l4);
    }
    static IcmpT unchecked(std::span<Byte> l4) { return IcmpT(l4); }

    std::uint8_t type() const { return this->u8(0); }
    std::uint8_t code() const { return this->u8(1); }
    std::uint16_t checksum() const { return this->u16(2); }
    bool isEchoRequest() const { return type() == icmp_type::kEchoRequest; }
    bool isEchoReply() const { return type() == icmp_type::kEchoReply; }
    bool isFragmentationNeeded() const
    {
        return type() == icmp_type::kDestUnreachable && code() == icmp_type::kCodeFragmentationNeeded;
    }
    bool isTimeExceeded() const { return type() == icmp_type::kTimeExceeded; }
    bool isRedirect() const { return type() == icmp_type::kRedirect; }
    // Echo request/reply.
    std::uint16_t identifier() const { return this->u16(4); }
    std::uint16_t sequence() const { return this->u16(6); }
    // Fragmentation needed: next-hop MTU (RFC 1191 4).
    std::uint16_t nextHopMtu() const { return this->u16(6); }
    // Redirect: gateway address.
    Ipv4Addr gateway() const { return this->u32(4); }
    // Echo data, or the quoted original IP header + 8 bytes of error messages.
    std::span<Byte> body() const { return this->m_b.subspan(kHeaderBytes); }
    bool checksumValid() const { return internetChecksum(this->m_b) == 0; }

    void setType(std::uint8_t t) const requires kWritable<Byte> { this->data()[0] = t; }
    void setCode(std::uint8_t c) const requires kWritable<Byte> { this->data()[1] = c; }
    void fillChecksum() const requires kWritable<Byte>
    {
        store16(this->data() + 2, 0);
        store16(this->data() + 2, internetChecksum(this->m_b));
    }

private:
    explicit IcmpT(std::span<Byte> b) : detail::ViewBase<Byte>(b) {}
};
using IcmpView = IcmpT<const std::uint8_t>;
using IcmpMut = IcmpT<std::uint8_t>;

namespace icmpv6_type {
constexpr std::uint8_t kDestUnreachable = 1;
constexpr std::uint8_t kPacketTooBig = 2;
constexpr std::uint8_t kTimeExceeded = 3;
constexpr std::uint8_t kEchoRequest = 128;
constexpr std::uint8_t kEchoReply = 129;
constexpr std::uint8_t kRouterSolicitation = 133;
constexpr std::uint8_t kRouterAdvertisement = 134;
constexpr std::uint8_t kNeighborSolicitation = 135;
constexpr std::uint8_t kNeighborAdvertisement = 136;
constexpr std::uint8_t kRedirect = 137;
} // namespace icmpv6_type

namespace nd_option {
constexpr std::uint8_t kSourceLinkLayer = 1;
constexpr std::uint8_t kTargetLinkLayer = 2;
constexpr std::uint8_t kPrefixInformation = 3;
constexpr std::uint8_t kMtu = 5;
} // namespace nd_option

// Neighbour advertisement flags (RFC 4861 4.4), in the first byte after the checksum.
namespace na_flag {
constexpr std::uint8_t kRouter = 0x80;
constexpr std::uint8_t kSolicited = 0x40;
constexpr std::uint8_t kOverride = 0x20;
} // namespace na_flag

template <PacketByte Byte>
class Icmpv6T final : public detail::ViewBase<Byte> {
public:
    static constexpr std::size_t kHeaderBytes = 8;
    static constexpr std::size_t kNdBytes = 24;      // NS/NA: header + target address
    static constexpr std::size_t kRaBytes = 16;
    static constexpr std::size_t kRsBytes = 8;
    static constexpr std::size_t kRedirectBytes = 40;

    // The smallest valid message of a type; parseFrame treats a shorter one as malformed.
    static constexpr std::size_t minimumBytes(std::uint8_t type)
    {
        switch (type) {
        case icmpv6_type::kNeighborSolicitation:
        case icmpv6_type::kNeighborAdvertisement: return kNdBytes;
        case icmpv6_type::kRouterAdvertisement: return kRaBytes;
        case icmpv6_type::kRedirect: return kRedirectBytes;
        default: return kHeaderBytes;
        }
    }
    static std::optional<Icmpv6T> from(std::span<Byte> l4)
    {
        if (l4.size() < kHeaderBytes || l4.size() < minimumBytes(l4[0]))
            return std::nullopt;
        return Icmpv6T(l4);
    }
    static Icmpv6T unchecked(std::span<Byte> l4) { return Icmpv6T(l4); }

    std::uint8_t type() const { return this->u8(0); }
    std::uint8_t code() const { return this->u8(1); }
    std::uint16_t checksum() const { return this->u16(2); }
    bool isNeighborSolicitation() const { return type() == icmpv6_type::kNeighborSolicitation; }
    bool isNeighborAdvertisement() const { return type() == icmpv6_type::kNeighborAdvertisement; }
    bool isRouterAdvertisement() const { return type() == icmpv6_type::kRouterAdvertisement; }
    bool isRouterSolicitation() const { return type() == icmpv6_type::kRouterSolicitation; }
    bool isRedirect() const { return type() == icmpv6_type::kRedirect; }
    bool isNeighborDiscovery() const
    {
        return type() >= icmpv6_type::kRouterSolicitation && type() <= icmpv6_type::kRedirect;
    }
    std::uint16_t identifier() const { return this->u16(4); }  // echo
    std::uint16_t sequence() const { return this->u16(6); }    // echo
    std::uint32_t mtu() const { return this->u32(4); }         // packet too big
    std::uint8_t naFlags() const { return this->u8(4); }       // neighbour advertisement
    // NS/NA target address (from() guarantees the bytes for those types).
    Ipv6Addr ndTarget() const { return loadIpv6(this->data() + 8); }
    std::span<Byte> body() const { return this->m_b.subspan(kHeaderBytes); }

    // ND options (RFC 4861 4.6) of NS/NA/RS/RA/redirect; the first option of `optionType`, its
    // whole TLV, or an empty span (also for a malformed option list).
    std::span<Byte> findNdOption(std::uint8_t optionType) const
    {
        std::size_t off = ndOptionsOffset();
        if (off == 0)
            return {};
        while (off + 2 <= this->size()) {
            const std::size_t len = std::size_t{this->u8(off + 1)} * 8;
            if (len == 0 || off + len > this->size())
                return {};
            if (this->u8(off) == optionType)
                return this->m_b.subspan(off, len);
            off += len;
        }
        return {};
    }
    // Source/target link-layer address option (types 1 and 2) with an Ethernet address.
    std::optional<MacAddr> linkLayerOption(std::uint8_t optionType) const
    {
        auto opt = findNdOption(optionType);
        if (opt.size() < 8)
            return std::nullopt;
        return MacAddr::load(opt.data() + 2);
    }
    bool checksumValid(const Ipv6Addr &src, const Ipv6Addr &dst) const
    {
        const auto sum = pseudoHeaderSumV6(src, dst, ip_proto::kIcmpv6,
                                           static_cast<std::uint32_t>(this->size()));
        return checksumFinish(checksumAdd(this->m_b, sum)) == 0;
    }
    void fillChecksum(const Ipv6Addr &src, const Ipv6Addr &dst) const requires kWritable<Byte>
    {
        store16(this->data() + 2, 0);
        const auto sum = pseudoHeaderSumV6(src, dst, ip_proto::kIcmpv6,
                                           static_cast<std::uint32_t>(this->size()));
        store16(this->data() + 2, checksumFinish(checksumAdd(this->m_b, sum)));
    }

private:
    explicit Icmpv6T(std::span<Byte> b) : detail::ViewBase<Byte>(b) {}
    std::size_t ndOptionsOffset() const
    {
        switch (type()) {
        case icmpv6_type::kRouterSolicitation: return kRsBytes;
        case icmpv6_type::kRouterAdvertisement: return kRaBytes;
        case icmpv6_type::kNeighborSolicitation:
        case icmpv6_type::kNeighborAdvertisement: return kNdBytes;
        case icmpv6_type::kRedirect: return kRedirectBytes;
        default: return 0;
        }
    }
};
using Icmpv6View = Icmpv6T<const std::uint8_t>;
using Icmpv6Mut = Icmpv6T<std::uint8_t>;

} // namespace netvirt::emulator::packet
