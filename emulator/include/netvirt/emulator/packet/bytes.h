// Byte-order helpers and the small address value types of the packet layer: big-endian loads
// and stores on raw bytes, MAC and IPv4/IPv6 addresses, EtherType and IP protocol numbers.
// Thread-safety: constants, value types and pure inline functions.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace netvirt::emulator::packet {

using ConstBytes = std::span<const std::uint8_t>;
using MutBytes = std::span<std::uint8_t>;

static_assert(std::endian::native == std::endian::little, "the packet layer's byte swaps assume a little-endian host");

// Network byte order access. The caller guarantees p[0..N) is inside the frame. At run time
// one unaligned move and a byte swap (the byte-wise form stays byte loads and stores where
// the compiler cannot prove the pointer does not alias what it stores).
constexpr std::uint16_t load16(const std::uint8_t *p)
{
    if (std::is_constant_evaluated())
        return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
    std::uint16_t v;
    std::memcpy(&v, p, 2);
    return __builtin_bswap16(v);
}
constexpr std::uint32_t load32(const std::uint8_t *p)
{
    if (std::is_constant_evaluated())
        return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return __builtin_bswap32(v);
}
constexpr void store16(std::uint8_t *p, std::uint16_t v)
{
    if (std::is_constant_evaluated()) {
        p[0] = static_cast<std::uint8_t>(v >> 8);
        p[1] = static_cast<std::uint8_t>(v);
        return;
    }
    const std::uint16_t be = __builtin_bswap16(v);
    std::memcpy(p, &be, 2);
}
constexpr void store32(std::uint8_t *p, std::uint32_t v)
{
    if (std::is_constant_evaluated()) {
        p[0] = static_cast<std::uint8_t>(v >> 24);
        p[1] = static_cast<std::uint8_t>(v >> 16);
        p[2] = static_cast<std::uint8_t>(v >> 8);
        p[3] = static_cast<std::uint8_t>(v);
        return;
    }
    const std::uint32_t be = __builtin_bswap32(v);
    std::memcpy(p, &be, 4);
}

// Same bytes and layout as core::net::MacAddress (`MacAddr{mac.bytes}` converts).
struct MacAddr {
    std::array<std::uint8_t, 6> bytes{};

    static constexpr MacAddr broadcast() { return MacAddr{{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}}; }
    static constexpr MacAddr load(const std::uint8_t *p)
    {
        return MacAddr{{p[0], p[1], p[2], p[3], p[4], p[5]}};
    }
    constexpr void store(std::uint8_t *p) const
    {
        if (std::is_constant_evaluated()) {
            for (std::size_t i = 0; i < 6; ++i)
                p[i] = bytes[i];
        } else {
            // One 4- and one 2-byte move: a byte loop through a uint8_t pointer (which may
            // alias *this) stays six byte stores.
            std::memcpy(p, bytes.data(), 6);
        }
    }
    // The inverse of toU64() (the low 48 bits).
    static constexpr MacAddr fromU64(std::uint64_t v)
    {
        MacAddr m;
        for (std::size_t i = 0; i < 6; ++i)
            m.bytes[i] = static_cast<std::uint8_t>(v >> (8 * (5 - i)));
        return m;
    }
    constexpr std::uint64_t toU64() const
    {
        std::uint64_t v = 0;
        for (auto b : bytes)
            v = (v << 8) | b;
        return v;
    }
    constexpr bool isMulticast() const { return (bytes[0] & 1) != 0; }  // broadcast included
    constexpr bool isBroadcast() const { return toU64() == 0xFFFFFFFFFFFFull; }
    constexpr bool isZero() const { return toU64() == 0; }
    constexpr bool operator==(const MacAddr &) const = default;
};

// IPv4 addresses are host-order integers on the packet path (compare and hash cheaply);
// boost::asio::ip::address_v4(v) / to_uint() convert.
using Ipv4Addr = std::uint32_t;
constexpr Ipv4Addr ipv4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d)
{
    return (Ipv4Addr{a} << 24) | (Ipv4Addr{b} << 16) | (Ipv4Addr{c} << 8) | Ipv4Addr{d};
}
constexpr Ipv4Addr kIpv4Any = 0;
constexpr Ipv4Addr kIpv4Broadcast = 0xFFFFFFFFu;

// IPv6 addresses in network byte order (boost::asio::ip::address_v6::bytes_type is the same).
using Ipv6Addr = std::array<std::uint8_t, 16>;
inline Ipv6Addr loadIpv6(const std::uint8_t *p)
{
    Ipv6Addr a;
    for (std::size_t i = 0; i < 16; ++i)
        a[i] = p[i];
    return a;
}
constexpr bool isIpv6Unspecified(const Ipv6Addr &a)
{
    for (auto b : a)
        if (b != 0)
            return false;
    return true;
}
constexpr bool isIpv6LinkLocal(const Ipv6Addr &a) { return a[0] == 0xFE && (a[1] & 0xC0) == 0x80; }
constexpr bool isIpv6Multicast(const Ipv6Addr &a) { return a[0] == 0xFF; }
// ff02::1:ffXX:XXXX for a target address (RFC 4291 2.7.1).
constexpr Ipv6Addr solicitedNodeMulticast(const Ipv6Addr &target)
{
    return Ipv6Addr{0xFF, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xFF, target[13], target[14], target[15]};
}
// 33:33 + low 32 bits (RFC 2464 7).
constexpr MacAddr ipv6MulticastMac(const Ipv6Addr &group)
{
    return MacAddr{{0x33, 0x33, group[12], group[13], group[14], group[15]}};
}

namespace ether_type {
constexpr std::uint16_t kIpv4 = 0x0800;
constexpr std::uint16_t kArp = 0x0806;
constexpr std::uint16_t kVlan = 0x8100;       // 802.1Q C-tag
constexpr std::uint16_t kQinQ = 0x88A8;       // 802.1ad S-tag
constexpr std::uint16_t kVlanLegacy = 0x9100; // pre-standard QinQ
constexpr std::uint16_t kIpv6 = 0x86DD;
constexpr std::uint16_t kTransparentEthernet = 0x6558;  // GRE protocol type of NVGRE
} // namespace ether_type

namespace ip_proto {
constexpr std::uint8_t kHopByHop = 0;
constexpr std::uint8_t kIcmp = 1;
constexpr std::uint8_t kTcp = 6;
constexpr std::uint8_t kUdp = 17;
constexpr std::uint8_t kIpv6Route = 43;
constexpr std::uint8_t kIpv6Fragment = 44;
constexpr std::uint8_t kGre = 47;
constexpr std::uint8_t kEsp = 50;
constexpr std::uint8_t kAh = 51;
constexpr std::uint8_t kIcmpv6 = 58;
constexpr std::uint8_t kIpv6NoNext = 59;
constexpr std::uint8_t kIpv6DestOpts = 60;
constexpr std::uint8_t kMobility = 135;
constexpr std::uint8_t kHip = 139;
constexpr std::uint8_t kShim6 = 140;
// IPv6 extension headers (RFC 8200 4, RFC 7045): the packet layer does not walk them.
constexpr bool isIpv6ExtensionHeader(std::uint8_t nh)
{
    return nh == kHopByHop || nh == kIpv6Route || nh == kIpv6Fragment || nh == kIpv6DestOpts
        || nh == kAh || nh == kEsp || nh == kMobility || nh == kHip || nh == kShim6;
}
} // namespace ip_proto

} // namespace netvirt::emulator::packet
