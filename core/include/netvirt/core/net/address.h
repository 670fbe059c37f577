// Addresses, prefixes, ranges and MAC addresses, on top of boost::asio::ip. Parsing returns
// std::nullopt (or a PrefixError) for text that is not valid, so that the rule engine can
// report it. Thread-safety: value types and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

namespace netvirt::core::net {

using IpAddress = boost::asio::ip::address;
using Ipv4 = boost::asio::ip::address_v4;
using Ipv6 = boost::asio::ip::address_v6;

std::optional<IpAddress> parseAddress(std::string_view text);
std::optional<Ipv4> parseIpv4(std::string_view text);

// A 128-bit key for any address, IPv4 mapped into ::ffff:0:0/96, so that ranges and
// intervals of either family compare and count with one arithmetic.
struct AddrKey {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    auto operator<=>(const AddrKey &) const = default;
    bool operator==(const AddrKey &) const = default;
};
AddrKey toKey(const IpAddress &a);
IpAddress fromKey(AddrKey k, bool v4);
AddrKey next(AddrKey k);  // k + 1 (wraps)
AddrKey prev(AddrKey k);
// b - a + 1 saturated to uint64 (a <= b)
std::uint64_t span(AddrKey a, AddrKey b);

enum class PrefixError { Syntax = 1, BadLength, HostBitsSet };

struct Prefix {
    IpAddress base;   // the network address
    int length = 0;

    bool isV4() const { return base.is_v4(); }
    int bits() const { return isV4() ? 32 : 128; }
    AddrKey first() const;    // the network address
    AddrKey last() const;     // the last address of the prefix
    bool contains(const IpAddress &a) const;
    bool contains(const Prefix &p) const;
    bool overlaps(const Prefix &p) const;
    // The first host address (network + 1 for IPv4 prefixes shorter than /31).
    IpAddress firstHost() const;
    std::string toString() const;
    bool operator==(const Prefix &) const = default;
};

struct PrefixParse {
    std::optional<Prefix> prefix;
    std::optional<PrefixError> error;
};
// Parses "a.b.c.d/n" or "x::/n". Host bits set is an error (with the masked prefix still
// returned in `prefix`, so that callers can say what was meant).
PrefixParse parsePrefix(std::string_view text);
std::optional<Prefix> parseStrictPrefix(std::string_view text);

struct MacAddress {
    std::array<std::uint8_t, 6> bytes{};

    std::uint64_t toU64() const;
    static MacAddress fromU64(std::uint64_t v);
    bool isMulticast() const { return bytes[0] & 1; }
    bool isBroadcast() const { return toU64() == 0xFFFFFFFFFFFFull; }
    // "00:15:5D:01:00:01": upper-case hex, colons (the form FORMAT.md writes).
    std::string toString() const;
    auto operator<=>(const MacAddress &) const = default;
    bool operator==(const MacAddress &) const = default;
};
// Accepts "00:15:5D:01:00:01", "00-15-5D-01-00-01" and "00155D010001" (any case).
std::optional<MacAddress> parseMac(std::string_view text);

// An "a-b" range or a single address, as in a pool's `reserved` list.
struct AddressRange {
    AddrKey first;
    AddrKey last;
    bool v4 = true;
};
std::optional<AddressRange> parseRange(std::string_view text);

} // namespace netvirt::core::net
