// Address helpers on boost::asio::ip.
#include <netvirt/core/net/address.h>

#include <charconv>

namespace netvirt::core::net {

namespace {
constexpr std::uint64_t kV4MappedHi = 0;
constexpr std::uint64_t kV4MappedLoTag = 0x0000FFFF00000000ull;
} // namespace

std::optional<IpAddress> parseAddress(std::string_view text)
{
    boost::system::error_code ec;
    auto a = boost::asio::ip::make_address(std::string(text), ec);
    if (ec)
        return std::nullopt;
    if (a.is_v6() && a.to_v6().scope_id() != 0)
        return std::nullopt;
    return a;
}

std::optional<Ipv4> parseIpv4(std::string_view text)
{
    auto a = parseAddress(text);
    if (!a || !a->is_v4())
        return std::nullopt;
    return a->to_v4();
}

AddrKey toKey(const IpAddress &a)
{
    if (a.is_v4())
        return AddrKey{kV4MappedHi, kV4MappedLoTag | a.to_v4().to_uint()};
    auto b = a.to_v6().to_bytes();
    AddrKey k;
    for (int i = 0; i < 8; ++i)
        k.hi = (k.hi << 8) | b[i];
    for (int i = 8; i < 16; ++i)
        k.lo = (k.lo << 8) | b[i];
    return k;
}

IpAddress fromKey(AddrKey k, bool v4)
{
    if (v4)
        return Ipv4(static_cast<std::uint32_t>(k.lo & 0xFFFFFFFFu));
    Ipv6::bytes_type b;
    for (int i = 7; i >= 0; --i) {
        b[i] = static_cast<unsigned char>(k.hi & 0xFF);
        k.hi >>= 8;
    }
    for (int i = 15; i >= 8; --i) {
        b[i] = static_cast<unsigned char>(k.lo & 0xFF);
        k.lo >>= 8;
    }
    return Ipv6(b);
}

AddrKey next(AddrKey k)
{
    if (++k.lo == 0)
        ++k.hi;
    return k;
}

AddrKey prev(AddrKey k)
{
    if (k.lo-- == 0)
        --k.hi;
    return k;
}

std::uint64_t span(AddrKey a, AddrKey b)
{
    if (b < a)
        return 0;
    if (b.hi - a.hi > 1 || (b.hi != a.hi && b.lo >= a.lo))
        return UINT64_MAX;
    std::uint64_t d = b.lo - a.lo; // modular arithmetic handles the hi borrow
    return d == UINT64_MAX ? UINT64_MAX : d + 1;
}

AddrKey Prefix::first() const { return toKey(base); }

AddrKey Prefix::last() const
{
    AddrKey k = toKey(base);
    int hostBits = bits() - length;
    if (hostBits >= 64) {
        k.lo = UINT64_MAX;
        k.hi |= hostBits >= 128 ? UINT64_MAX : ((std::uint64_t{1} << (hostBits - 64)) - 1);
    } else if (hostBits > 0) {
        k.lo |= (std::uint64_t{1} << hostBits) - 1;
    }
    return k;
}

bool Prefix::contains(const IpAddress &a) const
{
    if (a.is_v4() != isV4())
        return false;
    AddrKey k = toKey(a);
    return first() <= k && k <= last();
}

bool Prefix::contains(const Prefix &p) const
{
    return p.isV4() == isV4() && length <= p.length && contains(p.base);
}

bool Prefix::overlaps(const Prefix &p) const
{
    return p.isV4() == isV4() && first() <= p.last() && p.first() <= last();
}

IpAddress Prefix::firstHost() const
{
    if (isV4() && length >= 31)
        return base;
    return fromKey(next(first()), isV4());
}

std::string Prefix::toString() const
{
    return base.to_string() + "/" + std::to_string(length);
}

PrefixParse parsePrefix(std::string_view text)
{
    PrefixParse out;
    auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        out.error = PrefixError::Syntax;
        return out;
    }
    auto addr = parseAddress(text.substr(0, slash));
    auto lenText = text.substr(slash + 1);
    int len = -1;
    auto [ptr, ec] = std::from_chars(lenText.data(), lenText.data() + lenText.size(), len);
    if (!addr || ec != std::errc() || ptr != lenText.data() + lenText.size() || lenText.empty()) {
        out.error = PrefixError::Syntax;
        return out;
    }
    int maxLen = addr->is_v4() ? 32 : 128;
    if (len < 0 || len > maxLen) {
        out.error = PrefixError::BadLength;
        return out;
    }
    Prefix p;
    p.length = len;
    if (addr->is_v4()) {
        auto net = boost::asio::ip::make_network_v4(addr->to_v4(), static_cast<unsigned short>(len));
        p.base = net.network();
    } else {
        auto net = boost::asio::ip::make_network_v6(addr->to_v6(), static_cast<unsigned short>(len));
        p.base = net.network();
    }
    out.prefix = p;
    if (p.base != *addr)
        out.error = PrefixError::HostBitsSet;
    return out;
}

std::optional<Prefix> parseStrictPrefix(std::string_view text)
{
    auto r = parsePrefix(text);
    if (r.error)
        return std::nullopt;
    return r.prefix;
}

std::uint64_t MacAddress::toU64() const
{
    std::uint64_t v = 0;
    for (auto b : bytes)
        v = (v << 8) | b;
    return v;
}

MacAddress MacAddress::fromU64(std::uint64_t v)
{
    MacAddress m;
    for (int i = 5; i >= 0; --i) {
        m.bytes[i] = static_cast<std::uint8_t>(v & 0xFF);
        v >>= 8;
    }
    return m;
}

std::string MacAddress::toString() const
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string s;
    s.reserve(17);
    for (int i = 0; i < 6; ++i) {
        if (i)
            s.push_back(':');
        s.push_back(kHex[bytes[i] >> 4]);
        s.push_back(kHex[bytes[i] & 0xF]);
    }
    return s;
}

std::optional<MacAddress> parseMac(std::string_view text)
{
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    MacAddress m;
    std::size_t pos = 0;
    char sep = 0;
    if (text.size() == 17)
        sep = text[2];
    else if (text.size() != 12)
        return std::nullopt;
    if (sep && sep != ':' && sep != '-')
        return std::nullopt;
    for (int i = 0; i < 6; ++i) {
        if (sep && i > 0) {
            if (text[pos] != sep)
                return std::nullopt;
            ++pos;
        }
        int h = hex(text[pos]), l = hex(text[pos + 1]);
        if (h < 0 || l < 0)
            return std::nullopt;
        m.bytes[i] = static_cast<std::uint8_t>(h << 4 | l);
        pos += 2;
    }
    return m;
}

std::optional<AddressRange> parseRange(std::string_view text)
{
    auto dash = text.find('-');
    if (dash == std::string_view::npos) {
        auto a = parseAddress(text);
        if (!a)
            return std::nullopt;
        return AddressRange{toKey(*a), toKey(*a), a->is_v4()};
    }
    auto a = parseAddress(text.substr(0, dash));
    auto b = parseAddress(text.substr(dash + 1));
    if (!a || !b || a->is_v4() != b->is_v4() || toKey(*b) < toKey(*a))
        return std::nullopt;
    return AddressRange{toKey(*a), toKey(*b), a->is_v4()};
}

} // namespace netvirt::core::net
