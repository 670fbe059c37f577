// Name-based GUIDs (RFC 4122 version 5, SHA-1) and derived MACs for the compiled policy.
#include <netvirt/core/policy/policy.h>

#include <cstdio>
#include <cstring>

namespace netvirt::core::policy {

namespace {

std::uint32_t rol(std::uint32_t v, int n) { return (v << n) | (v >> (32 - n)); }

// The NetVirt namespace: UUID v5 of "urn:netvirt" in RFC 4122's URL namespace, computed once.
Guid makeV5(const std::array<std::uint8_t, 16> &ns, std::string_view name)
{
    std::string data(reinterpret_cast<const char *>(ns.data()), ns.size());
    data.append(name);
    auto h = sha1(data);
    Guid g;
    std::memcpy(g.bytes.data(), h.data(), 16);
    g.bytes[6] = static_cast<std::uint8_t>((g.bytes[6] & 0x0F) | 0x50);
    g.bytes[8] = static_cast<std::uint8_t>((g.bytes[8] & 0x3F) | 0x80);
    return g;
}

const Guid &netvirtNamespace()
{
    static const Guid ns = [] {
        // 6ba7b811-9dad-11d1-80b4-00c04fd430c8: the URL namespace of RFC 4122.
        constexpr std::array<std::uint8_t, 16> url{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                                   0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
        return makeV5(url, "urn:netvirt");
    }();
    return ns;
}

} // namespace

std::array<std::uint8_t, 20> sha1(std::string_view bytes)
{
    std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    std::string msg(bytes);
    const std::uint64_t bitLen = static_cast<std::uint64_t>(bytes.size()) * 8;
    msg.push_back(static_cast<char>(0x80));
    while (msg.size() % 64 != 56)
        msg.push_back('\0');
    for (int i = 7; i >= 0; --i)
        msg.push_back(static_cast<char>((bitLen >> (i * 8)) & 0xFF));
    for (std::size_t off = 0; off < msg.size(); off += 64) {
        std::uint32_t w[80];
        for (int i = 0; i < 16; ++i) {
            const auto *p = reinterpret_cast<const std::uint8_t *>(msg.data() + off + i * 4);
            w[i] = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
        }
        for (int i = 16; i < 80; ++i)
            w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            std::uint32_t f, k;
            if (i < 20) {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            } else if (i < 40) {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (i < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            std::uint32_t t = rol(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = rol(b, 30);
            b = a;
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
    std::array<std::uint8_t, 20> out{};
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 4; ++j)
            out[i * 4 + j] = static_cast<std::uint8_t>(h[i] >> (24 - 8 * j));
    return out;
}

std::string Guid::toString() const
{
    char buf[40];
    std::snprintf(buf, sizeof buf,
                  "{%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
                  bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                  bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
    return buf;
}

Guid nameGuid(std::string_view name) { return makeV5(netvirtNamespace().bytes, name); }

Guid routingDomainGuid(std::string_view vmNetworkId)
{
    return nameGuid(std::string("routing-domain:").append(vmNetworkId));
}

Guid customerGuid(std::string_view vmNetworkId)
{
    return nameGuid(std::string("customer:").append(vmNetworkId));
}

std::string derivedMac(std::uint8_t firstOctet, std::string_view name)
{
    auto h = sha1(name);
    char buf[20];
    std::snprintf(buf, sizeof buf, "%02X:%02X:%02X:%02X:%02X:%02X", firstOctet, h[0], h[1], h[2], h[3], h[4]);
    return buf;
}

std::string routerMac(const Guid &rdid)
{
    char buf[20];
    std::snprintf(buf, sizeof buf, "0A:%02X:%02X:%02X:%02X:%02X", rdid.bytes[0], rdid.bytes[1],
                  rdid.bytes[2], rdid.bytes[3], rdid.bytes[4]);
    return buf;
}

std::string_view ruleName(Rule rule)
{
    return rule == Rule::Nat ? "TranslationMethodNat" : "TranslationMethodEncap";
}

} // namespace netvirt::core::policy
