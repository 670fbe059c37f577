// parseFrame(): one pass over an Ethernet frame that validates every length it relies on and
// records where L2, L3 and L4 start, so the forwarding pipeline reads fields through views
// without further checks. Never reads past the frame, never throws, never allocates.
// Thread-safety: pure functions over caller-owned bytes; ParsedFrame is a value.
#pragma once

#include <netvirt/emulator/packet/dhcp.h>
#include <netvirt/emulator/packet/ethernet.h>
#include <netvirt/emulator/packet/icmp.h>
#include <netvirt/emulator/packet/ip.h>
#include <netvirt/emulator/packet/transport.h>

#include <cassert>

namespace netvirt::emulator::packet {

enum class ParseStatus : std::uint8_t {
    Ok = 1,
    Malformed,   // truncated or inconsistent lengths: drop reason `malformed`
    Tagged,      // 802.1Q/802.1ad tag: drop reason `tagged` (nothing after the tag is parsed)
};

// What exactly was wrong, for traces and tests; None when status is Ok or Tagged.
enum class ParseError : std::uint8_t {
    None = 0,
    EthernetTruncated = 1,
    TagTruncated,
    ArpTruncated,
    ArpNotEthernetIpv4,
    Ipv4Truncated,
    Ipv4BadVersion,
    Ipv4BadIhl,
    Ipv4BadTotalLength,
    Ipv6Truncated,
    Ipv6BadVersion,
    Ipv6BadPayloadLength,
    IcmpTruncated,
    Icmpv6Truncated,     // shorter than the minimum of its type (NS/NA 24, RA 16, ...)
    UdpTruncated,
    UdpBadLength,        // UDP length < 8 or more than the IP payload
    TcpTruncated,
    TcpBadDataOffset,    // data offset < 5 or header longer than the IP payload
};

enum class L3Kind : std::uint8_t { None = 0, Arp = 1, Ipv4, Ipv6, Other };

// Other: an IP protocol the packet layer does not parse, an IPv4 fragment (L4 is only parsed
// in unfragmented packets), or an IPv6 extension header; l4Offset/l4Bytes then span the IP
// payload. Gre: protocol 47, not checked here (parseNvgre() does, so bad GRE is `bad-gre`).
enum class L4Kind : std::uint8_t { None = 0, Icmp = 1, Icmpv6, Udp, Tcp, Gre, Other };

struct ParsedFrame {
    ParseStatus status = ParseStatus::Malformed;
    ParseError error = ParseError::None;
    L3Kind l3 = L3Kind::None;
    L4Kind l4 = L4Kind::None;
    std::uint16_t etherType = 0;   // at offset 12 (0x8100 for a tagged frame)
    std::uint16_t vlanId = 0;      // Tagged only
    std::uint8_t ipProtocol = 0;   // IPv4 protocol / IPv6 next header
    bool fragment = false;         // IPv4 with MF or a fragment offset
    std::uint32_t frameBytes = 0;
    std::uint32_t l3Offset = 0;    // 14
    std::uint32_t l3Bytes = 0;     // ARP 28, IPv4 total length, IPv6 40 + payload length;
                                   // Other: the rest of the frame
    std::uint32_t l4Offset = 0;
    std::uint32_t l4Bytes = 0;     // UDP: its length; others: the rest of the IP packet
    std::uint32_t payloadOffset = 0;  // after the L4 header (UDP/TCP data, ICMP body); for
    std::uint32_t payloadBytes = 0;   // Gre and Other the same as l4Offset/l4Bytes

    bool ok() const { return status == ParseStatus::Ok; }
    bool isArp() const { return l3 == L3Kind::Arp; }
    bool isIpv4() const { return l3 == L3Kind::Ipv4; }
    bool isIpv6() const { return l3 == L3Kind::Ipv6; }

    // Views into `frame`, which must be the span this was parsed from (or one with the same
    // bytes at the same offsets), and only for the kinds recorded above. Byte is deduced:
    // a std::span<std::uint8_t> gives a writable view.
    template <PacketByte Byte>
    EthernetT<Byte> ethernet(std::span<Byte> frame) const
    {
        assert(status != ParseStatus::Malformed && frame.size() >= frameBytes);
        return EthernetT<Byte>::unchecked(frame);
    }
    template <PacketByte Byte>
    ArpT<Byte> arp(std::span<Byte> frame) const
    {
        assert(ok() && l3 == L3Kind::Arp && frame.size() >= frameBytes);
        return ArpT<Byte>::unchecked(frame.subspan(l3Offset, l3Bytes));
    }
    template <PacketByte Byte>
    Ipv4T<Byte> ipv4(std::span<Byte> frame) const
    {
        assert(ok() && l3 == L3Kind::Ipv4 && frame.size() >= frameBytes);
        return Ipv4T<Byte>::unchecked(frame.subspan(l3Offset, l3Bytes));
    }
    template <PacketByte Byte>
    Ipv6T<Byte> ipv6(std::span<Byte> frame) const
    {
        assert(ok() && l3 == L3Kind::Ipv6 && frame.size() >= frameBytes);
        return Ipv6T<Byte>::unchecked(frame.subspan(l3Offset, l3Bytes));
    }
    template <PacketByte Byte>
    IcmpT<Byte> icmp(std::span<Byte> frame) const
    {
        assert(ok() && l4 == L4Kind::Icmp && frame.size() >= frameBytes);
        return IcmpT<Byte>::unchecked(frame.subspan(l4Offset, l4Bytes));
    }
    template <PacketByte Byte>
    Icmpv6T<Byte> icmpv6(std::span<Byte> frame) const
    {
        assert(ok() && l4 == L4Kind::Icmpv6 && frame.size() >= frameBytes);
        return Icmpv6T<Byte>::unchecked(frame.subspan(l4Offset, l4Bytes));
    }
    template <PacketByte Byte>
    UdpT<Byte> udp(std::span<Byte> frame) const
    {
        assert(ok() && l4 == L4Kind::Udp && frame.size() >= frameBytes);
        return UdpT<Byte>::unchecked(frame.subspan(l4Offset, l4Bytes));
    }
    template <PacketByte Byte>
    TcpT<Byte> tcp(std::span<Byte> frame) const
    {
        assert(ok() && l4 == L4Kind::Tcp && frame.size() >= frameBytes);
        return TcpT<Byte>::unchecked(frame.subspan(l4Offset, l4Bytes));
    }
    // The L3 packet (without Ethernet padding), the L4 segment, the L4 payload.
    template <PacketByte Byte>
    std::span<Byte> l3Span(std::span<Byte> frame) const { return frame.subspan(l3Offset, l3Bytes); }
    template <PacketByte Byte>
    std::span<Byte> l4Span(std::span<Byte> frame) const { return frame.subspan(l4Offset, l4Bytes); }
    template <PacketByte Byte>
    std::span<Byte> payloadSpan(std::span<Byte> frame) const { return frame.subspan(payloadOffset, payloadBytes); }
};

// Parses an Ethernet frame (without FCS). Status Ok also for EtherTypes and IP protocols it
// does not know (l3/l4 Other): only what it can check can be malformed. Checksums are not
// verified (the views' checksumValid() do that where it matters).
[[nodiscard]] ParsedFrame parseFrame(ConstBytes frame) noexcept;

// DHCP guard: a UDP message from or to port 67/68 carrying a BOOTP/DHCP message (IPv4 only).
// A first IPv4 fragment with DHCP ports is classified too (by the BOOTP op when present, else
// source port 67 = server), so fragmenting an offer does not slip past the guard.
[[nodiscard]] DhcpRole dhcpRole(ConstBytes frame, const ParsedFrame &pf) noexcept;

// Router guard: an IPv6 router advertisement, an ICMPv6 redirect or an ICMP redirect. IPv6
// extension headers are walked here (unlike in parseFrame) so they cannot hide an RA; an IPv6
// packet whose chain ends before the upper-layer header, or a first fragment without it, is
// treated as a router message (RFC 7113 3), a later fragment is not.
[[nodiscard]] bool isRouterGuardMessage(ConstBytes frame, const ParsedFrame &pf) noexcept;

// Neighbour solicitation / advertisement (IPv6 ICMPv6 135 / 136).
[[nodiscard]] bool isNeighborSolicitation(ConstBytes frame, const ParsedFrame &pf) noexcept;
[[nodiscard]] bool isNeighborAdvertisement(ConstBytes frame, const ParsedFrame &pf) noexcept;

} // namespace netvirt::emulator::packet
