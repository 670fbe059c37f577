// NVGRE (RFC 7637): the GRE header with K=1 and protocol 0x6558 whose key carries the VSID
// (24 bits) and FlowID (8 bits). parseNvgre() tells "not GRE" from "GRE but not NVGRE" from
// valid NVGRE; encapsulation prepends outer Ethernet + IP + GRE into a FrameBuffer's headroom
// (the inner frame never moves); decapsulation is a view, or a pull, of the inner frame.
// Thread-safety: pure functions over caller-owned bytes.
#pragma once

#include <netvirt/emulator/packet/frame_buffer.h>
#include <netvirt/emulator/packet/parsed_frame.h>

namespace netvirt::emulator::packet {

constexpr std::uint16_t kNvgreFlagsVersion = 0x2000;  // C=0 K=1 S=0, reserved 0, version 0
constexpr std::uint16_t kGreFlagChecksum = 0x8000;
constexpr std::uint16_t kGreFlagKey = 0x2000;
constexpr std::uint16_t kGreFlagSequence = 0x1000;
constexpr std::size_t kGreBaseBytes = 4;
constexpr std::size_t kNvgreHeaderBytes = 8;
constexpr std::size_t kNvgreOverheadV4 = 14 + 20 + 8;  // 42: inner Ethernet + outer IPv4 + GRE
constexpr std::size_t kNvgreOverheadV6 = 14 + 40 + 8;  // 62
constexpr std::size_t kNvgreOuterBytesV4 = 14 + 20 + 8; // bytes prepended: outer Ethernet + IPv4 + GRE
constexpr std::size_t kNvgreOuterBytesV6 = 14 + 40 + 8;
constexpr std::uint32_t kMaxVsid = 0xFFFFFF;

constexpr std::uint32_t nvgreKey(std::uint32_t vsid, std::uint8_t flowId)
{
    return ((vsid & kMaxVsid) << 8) | flowId;
}
constexpr std::uint32_t vsidOfKey(std::uint32_t key) { return key >> 8; }
constexpr std::uint8_t flowIdOfKey(std::uint32_t key) { return static_cast<std::uint8_t>(key); }

// The largest inner IP packet (inner MTU) that fits a provider MTU: 1458 for 1500 over IPv4.
constexpr std::size_t nvgreInnerMtu(std::size_t providerMtu, bool outerIpv6 = false)
{
    const std::size_t overhead = outerIpv6 ? kNvgreOverheadV6 : kNvgreOverheadV4;
    return providerMtu > overhead ? providerMtu - overhead : 0;
}

enum class NvgreStatus : std::uint8_t {
    NotGre = 1,   // not IPv4/IPv6 protocol 47 (or the outer frame is not Ok)
    NotNvgre,     // GRE, but not exactly the NVGRE header, or no usable inner frame: `bad-gre`
    Ok,
};

enum class NvgreError : std::uint8_t {
    None = 0,
    GreTruncated = 1,   // fewer than 8 bytes of GRE
    BadFlags,           // first 16 bits other than 0x2000 (C, S, reserved, version, K=0)
    BadProtocol,        // protocol type other than 0x6558
    Fragment,           // the outer IPv4 packet is a fragment
    InnerTruncated,     // the inner frame is shorter than an Ethernet header
    InnerTagged,        // the inner frame carries an 802.1Q tag
};

struct NvgreInfo {
    NvgreStatus status = NvgreStatus::NotGre;
    NvgreError error = NvgreError::None;
    std::uint32_t key = 0;
    std::uint32_t vsid = 0;
    std::uint8_t flowId = 0;
    std::uint32_t greOffset = 0;
    std::uint32_t innerOffset = 0;  // inner Ethernet header, in the outer frame
    std::uint32_t innerBytes = 0;   // to the end of the outer IP packet (outer padding excluded)

    bool ok() const { return status == NvgreStatus::Ok; }
    // The inner frame (decapsulation without a copy). Only when ok().
    template <PacketByte Byte>
    std::span<Byte> inner(std::span<Byte> outerFrame) const
    {
        return outerFrame.subspan(innerOffset, innerBytes);
    }
};

// `outer` is parseFrame(frame). Checks RFC 7637 exactly (FORWARDING.md, receive checks 1-2).
[[nodiscard]] inline NvgreInfo parseNvgre(ConstBytes frame, const ParsedFrame &outer) noexcept
{
    NvgreInfo r;
    if (!outer.ok() || outer.ipProtocol != ip_proto::kGre
        || (outer.l4 != L4Kind::Gre && !outer.fragment))
        return r;
    if (outer.l3 != L3Kind::Ipv4 && outer.l3 != L3Kind::Ipv6)
        return r;
    r.status = NvgreStatus::NotNvgre;
    if (outer.fragment) {
        r.error = NvgreError::Fragment;
        return r;
    }
    if (outer.l4Bytes < kNvgreHeaderBytes) {
        r.error = NvgreError::GreTruncated;
        return r;
    }
    const std::uint8_t *g = frame.data() + outer.l4Offset;
    if (load16(g) != kNvgreFlagsVersion) {
        r.error = NvgreError::BadFlags;
        return r;
    }
    if (load16(g + 2) != ether_type::kTransparentEthernet) {
        r.error = NvgreError::BadProtocol;
        return r;
    }
    r.key = load32(g + 4);
    r.vsid = vsidOfKey(r.key);
    r.flowId = flowIdOfKey(r.key);
    r.greOffset = outer.l4Offset;
    r.innerOffset = outer.l4Offset + static_cast<std::uint32_t>(kNvgreHeaderBytes);
    r.innerBytes = outer.l4Bytes - static_cast<std::uint32_t>(kNvgreHeaderBytes);
    if (r.innerBytes < EthernetView::kHeaderBytes) {
        r.error = NvgreError::InnerTruncated;
        return r;
    }
    const auto innerEth = EthernetView::unchecked(frame.subspan(r.innerOffset, r.innerBytes));
    if (innerEth.isTagged()) {
        r.error = NvgreError::InnerTagged;
        return r;
    }
    r.status = NvgreStatus::Ok;
    return r;
}

struct NvgreEncapV4 {
    MacAddr outerSrcMac;
    MacAddr outerDstMac;
    Ipv4Addr outerSrc = 0;
    Ipv4Addr outerDst = 0;
    std::uint32_t vsid = 0;
    std::uint8_t flowId = 0;
    std::uint8_t ttl = 64;
    std::uint8_t tos = 0;
    bool dontFragment = true;
    std::uint16_t identification = 0;
};

struct NvgreEncapV6 {
    MacAddr outerSrcMac;
    MacAddr outerDstMac;
    Ipv6Addr outerSrc{};
    Ipv6Addr outerDst{};
    std::uint32_t vsid = 0;
    std::uint8_t flowId = 0;
    std::uint8_t hopLimit = 64;
    std::uint8_t trafficClass = 0;
    std::uint32_t flowLabel = 0;
};

// Writes outer Ethernet + IPv4 + GRE (42 bytes) into out[0..42) for an inner frame of
// innerBytes. False when out is too small or the outer packet would exceed 65535 bytes.
[[nodiscard]] bool writeNvgreHeaders(MutBytes out, const NvgreEncapV4 &p, std::size_t innerBytes) noexcept;
[[nodiscard]] bool writeNvgreHeaders(MutBytes out, const NvgreEncapV6 &p, std::size_t innerBytes) noexcept;

// Prepends the outer headers in front of the inner frame held in `buf` (push into headroom).
// False, with `buf` unchanged, when the headroom is too small or the frame too long.
[[nodiscard]] bool encapsulateNvgre(FrameBuffer &buf, const NvgreEncapV4 &p) noexcept;
[[nodiscard]] bool encapsulateNvgre(FrameBuffer &buf, const NvgreEncapV6 &p) noexcept;

// Leaves only the inner frame in `buf` (pull of the outer headers, trim of outer padding).
// `info` is parseNvgre() of buf's current data; false unless info.ok().
[[nodiscard]] bool decapsulateNvgre(FrameBuffer &buf, const NvgreInfo &info) noexcept;

} // namespace netvirt::emulator::packet
