// Flow hashing for the NVGRE FlowID (8 bits of entropy for multipath, RFC 7637 3.2) and for
// team load balancing: a small multiply-xorshift mix over the inner 5-tuple.
// Thread-safety: pure inline functions.
#pragma once

#include <netvirt/emulator/packet/parsed_frame.h>

namespace netvirt::emulator::packet {

// murmur3's 32-bit finaliser: every input bit affects every output bit.
constexpr std::uint32_t mix32(std::uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}
constexpr std::uint32_t hashCombine(std::uint32_t seed, std::uint32_t v)
{
    return mix32(seed ^ (v + 0x9E3779B9u + (seed << 6) + (seed >> 2)));
}

// Two independent 64-bit multiplies and one finaliser: every input bit reaches every output
// bit through a short dependency chain (the FlowID is computed for every encapsulated packet).
constexpr std::uint32_t flowHashV4(Ipv4Addr src, Ipv4Addr dst, std::uint8_t protocol,
                                   std::uint16_t srcPort, std::uint16_t dstPort)
{
    const std::uint64_t a = ((std::uint64_t{src} << 32) | dst) * 0x9E3779B97F4A7C15ull;
    const std::uint64_t b = ((std::uint64_t{protocol} << 32) | (std::uint32_t{srcPort} << 16) | dstPort)
        * 0xC2B2AE3D27D4EB4Full;
    std::uint64_t h = a ^ b ^ 0x4E5647524E564752ull; // "NVGRNVGR"
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    return static_cast<std::uint32_t>(h);
}
constexpr std::uint8_t foldTo8(std::uint32_t h)
{
    h ^= h >> 16;
    h ^= h >> 8;
    return static_cast<std::uint8_t>(h);
}

// 32-bit hash of a parsed frame's flow: IPv4/IPv6 addresses, protocol and, for unfragmented
// TCP/UDP, the ports; ARP: sender and target addresses; anything else: the MAC addresses.
inline std::uint32_t flowHash(ConstBytes frame, const ParsedFrame &pf) noexcept
{
    if (pf.status != ParseStatus::Ok || frame.size() < pf.frameBytes)
        return 0;
    std::uint16_t sport = 0;
    std::uint16_t dport = 0;
    if ((pf.l4 == L4Kind::Udp || pf.l4 == L4Kind::Tcp) && pf.l4Bytes >= 4) {
        sport = load16(frame.data() + pf.l4Offset);
        dport = load16(frame.data() + pf.l4Offset + 2);
    }
    switch (pf.l3) {
    case L3Kind::Ipv4: {
        const auto ip = pf.ipv4(frame);
        return flowHashV4(ip.src(), ip.dst(), ip.protocol(), sport, dport);
    }
    case L3Kind::Ipv6: {
        const std::uint8_t *a = frame.data() + pf.l3Offset + 8;
        std::uint32_t h = 0x4E564736u;
        for (std::size_t i = 0; i < 32; i += 4)
            h = hashCombine(h, load32(a + i));
        h = hashCombine(h, (std::uint32_t{sport} << 16) | dport);
        return hashCombine(h, pf.ipProtocol);
    }
    case L3Kind::Arp: {
        const auto arp = pf.arp(frame);
        return flowHashV4(arp.senderIp(), arp.targetIp(), 0, 0, 0);
    }
    default: {
        const auto eth = pf.ethernet(frame);
        const std::uint64_t d = eth.dst().toU64();
        const std::uint64_t s = eth.src().toU64();
        std::uint32_t h = hashCombine(0x4E564745u, static_cast<std::uint32_t>(d));
        h = hashCombine(h, static_cast<std::uint32_t>((d >> 32) | (s << 16)));
        return hashCombine(h, static_cast<std::uint32_t>(s >> 16));
    }
    }
}

// The 8-bit NVGRE FlowID of an inner frame.
inline std::uint8_t flowId(ConstBytes innerFrame, const ParsedFrame &pf) noexcept
{
    return foldTo8(flowHash(innerFrame, pf));
}

} // namespace netvirt::emulator::packet
