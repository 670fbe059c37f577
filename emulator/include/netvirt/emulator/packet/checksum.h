// Internet checksum (RFC 1071) in full and incremental (RFC 1624) forms, and the IPv4/IPv6
// pseudo-header sums that TCP, UDP and ICMPv6 checksums cover.
// Thread-safety: pure inline functions.
#pragma once

#include <netvirt/emulator/packet/bytes.h>

namespace netvirt::emulator::packet {

// One's complement sum of 16-bit big-endian words (odd length: last byte padded with zero),
// added to `sum` and left unfolded, so partial sums of several pieces can be chained as long
// as every piece but the last has an even length.
inline std::uint32_t checksumAdd(ConstBytes data, std::uint32_t sum = 0)
{
    std::uint64_t acc = sum;
    const std::uint8_t *p = data.data();
    std::size_t n = data.size();
    for (; n >= 8; p += 8, n -= 8)
        acc += load32(p) + std::uint64_t{load32(p + 4)};
    for (; n >= 2; p += 2, n -= 2)
        acc += load16(p);
    if (n)
        acc += std::uint32_t{p[0]} << 8;
    while (acc >> 32)
        acc = (acc & 0xFFFFFFFFu) + (acc >> 32);
    return static_cast<std::uint32_t>(acc);
}

// Folds a 32-bit sum to 16 bits (still not complemented).
constexpr std::uint16_t checksumFold(std::uint32_t sum)
{
    sum = (sum & 0xFFFF) + (sum >> 16);
    sum = (sum & 0xFFFF) + (sum >> 16);
    return static_cast<std::uint16_t>(sum);
}

// The value to store in a checksum field: ~fold(sum).
constexpr std::uint16_t checksumFinish(std::uint32_t sum)
{
    return static_cast<std::uint16_t>(~checksumFold(sum));
}

// RFC 1071 checksum of a buffer. Over a header whose checksum field is correct, it is 0.
inline std::uint16_t internetChecksum(ConstBytes data) { return checksumFinish(checksumAdd(data)); }

// RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), for one 16-bit word m changed to m'.
constexpr std::uint16_t checksumUpdate16(std::uint16_t checksum, std::uint16_t oldWord,
                                         std::uint16_t newWord)
{
    std::uint32_t sum = static_cast<std::uint16_t>(~checksum);
    sum += static_cast<std::uint16_t>(~oldWord);
    sum += newWord;
    return checksumFinish(sum);
}

// The same for a 32-bit field (an IPv4 address): both of its 16-bit words.
constexpr std::uint16_t checksumUpdate32(std::uint16_t checksum, std::uint32_t oldValue,
                                         std::uint32_t newValue)
{
    std::uint32_t sum = static_cast<std::uint16_t>(~checksum);
    sum += static_cast<std::uint16_t>(~(oldValue >> 16));
    sum += static_cast<std::uint16_t>(~oldValue);
    sum += newValue >> 16;
    sum += newValue & 0xFFFF;
    return checksumFinish(sum);
}

// The same for two 32-bit fields at once (both IPv4 addresses of a header).
constexpr std::uint16_t checksumUpdate64(std::uint16_t checksum, std::uint32_t old1, std::uint32_t new1,
                                         std::uint32_t old2, std::uint32_t new2)
{
    std::uint32_t sum = static_cast<std::uint16_t>(~checksum);
    sum += static_cast<std::uint16_t>(~(old1 >> 16));
    sum += static_cast<std::uint16_t>(~old1);
    sum += static_cast<std::uint16_t>(~(old2 >> 16));
    sum += static_cast<std::uint16_t>(~old2);
    sum += (new1 >> 16) + (new1 & 0xFFFF) + (new2 >> 16) + (new2 & 0xFFFF);
    return checksumFinish(sum);
}

// Pseudo-header sums (RFC 793 3.1 / RFC 768; RFC 8200 8.1), unfolded, to chain with checksumAdd.
constexpr std::uint32_t pseudoHeaderSumV4(Ipv4Addr src, Ipv4Addr dst, std::uint8_t protocol,
                                          std::uint16_t l4Length)
{
    return (src >> 16) + (src & 0xFFFF) + (dst >> 16) + (dst & 0xFFFF) + protocol + l4Length;
}
inline std::uint32_t pseudoHeaderSumV6(const Ipv6Addr &src, const Ipv6Addr &dst,
                                       std::uint8_t nextHeader, std::uint32_t l4Length)
{
    std::uint32_t sum = checksumAdd(src);
    sum = checksumAdd(dst, sum);
    std::uint64_t acc = std::uint64_t{sum} + (l4Length >> 16) + (l4Length & 0xFFFF) + nextHeader;
    while (acc >> 32)
        acc = (acc & 0xFFFFFFFFu) + (acc >> 32);
    return static_cast<std::uint32_t>(acc);
}

} // namespace netvirt::emulator::packet
