// DHCPv4 (RFC 2131/2132) view over a UDP payload: BOOTP fields, the magic cookie, options, and
// the client/server classification the DHCP guard needs.
// Thread-safety: views are values over a caller-owned frame (see view_base.h).
#pragma once

#include <netvirt/emulator/packet/view_base.h>

namespace netvirt::emulator::packet {

constexpr std::uint16_t kDhcpServerPort = 67;
constexpr std::uint16_t kDhcpClientPort = 68;

namespace dhcp_msg {
constexpr std::uint8_t kDiscover = 1;
constexpr std::uint8_t kOffer = 2;
constexpr std::uint8_t kRequest = 3;
constexpr std::uint8_t kDecline = 4;
constexpr std::uint8_t kAck = 5;
constexpr std::uint8_t kNak = 6;
constexpr std::uint8_t kRelease = 7;
constexpr std::uint8_t kInform = 8;
} // namespace dhcp_msg

namespace dhcp_option {
constexpr std::uint8_t kPad = 0;
constexpr std::uint8_t kSubnetMask = 1;
constexpr std::uint8_t kRouter = 3;
constexpr std::uint8_t kDnsServers = 6;
constexpr std::uint8_t kRequestedAddress = 50;
constexpr std::uint8_t kLeaseTime = 51;
constexpr std::uint8_t kMessageType = 53;
constexpr std::uint8_t kServerId = 54;
constexpr std::uint8_t kEnd = 255;
} // namespace dhcp_option

// Who sent a DHCP message: a client (DISCOVER, REQUEST, DECLINE, RELEASE, INFORM) or a server
// (OFFER, ACK, NAK). Without option 53 the BOOTP op decides (1 client, 2 server).
enum class DhcpRole : std::uint8_t { NotDhcp = 0, Client = 1, Server };

template <PacketByte Byte>
class DhcpT final : public detail::ViewBase<Byte> {
public:
    static constexpr std::size_t kFixedBytes = 236;
    static constexpr std::size_t kOptionsOffset = 240;  // after the magic cookie
    static constexpr std::uint32_t kMagicCookie = 0x63825363;
    static constexpr std::uint8_t kOpRequest = 1;
    static constexpr std::uint8_t kOpReply = 2;

    // `udpPayload`: at least the fixed part and the magic cookie.
    static std::optional<DhcpT> from(std::span<Byte> udpPayload)
    {
        if (udpPayload.size() < kOptionsOffset || load32(udpPayload.data() + kFixedBytes) != kMagicCookie)
            return std::nullopt;
        return DhcpT(udpPayload);
    }

    std::uint8_t op() const { return this->u8(0); }
    std::uint8_t htype() const { return this->u8(1); }
    std::uint8_t hlen() const { return this->u8(2); }
    std::uint32_t xid() const { return this->u32(4); }
    std::uint16_t secs() const { return this->u16(8); }
    std::uint16_t flags() const { return this->u16(10); }
    bool broadcastFlag() const { return (flags() & 0x8000) != 0; }
    Ipv4Addr ciaddr() const { return this->u32(12); }
    Ipv4Addr yiaddr() const { return this->u32(16); }
    Ipv4Addr siaddr() const { return this->u32(20); }
    Ipv4Addr giaddr() const { return this->u32(24); }
    MacAddr chaddr() const { return MacAddr::load(this->data() + 28); }

    // The value bytes of the first option `code`, or an empty span when absent or when the
    // option list is truncated before it.
    std::span<Byte> findOption(std::uint8_t code) const
    {
        std::size_t off = kOptionsOffset;
        while (off < this->size()) {
            const std::uint8_t c = this->u8(off);
            if (c == dhcp_option::kEnd)
                return {};
            if (c == dhcp_option::kPad) {
                ++off;
                continue;
            }
            if (off + 2 > this->size())
                return {};
            const std::size_t len = this->u8(off + 1);
            if (off + 2 + len > this->size())
                return {};
            if (c == code)
                return this->m_b.subspan(off + 2, len);
            off += 2 + len;
        }
        return {};
    }
    // Option 53, or 0 when absent.
    std::uint8_t messageType() const
    {
        auto v = findOption(dhcp_option::kMessageType);
        return v.size() == 1 ? v[0] : 0;
    }
    DhcpRole role() const
    {
        switch (messageType()) {
        case dhcp_msg::kDiscover:
        case dhcp_msg::kRequest:
        case dhcp_msg::kDecline:
        case dhcp_msg::kRelease:
        case dhcp_msg::kInform: return DhcpRole::Client;
        case dhcp_msg::kOffer:
        case dhcp_msg::kAck:
        case dhcp_msg::kNak: return DhcpRole::Server;
        default: return op() == kOpReply ? DhcpRole::Server : DhcpRole::Client;
        }
    }

private:
    explicit DhcpT(std::span<Byte> b) : detail::ViewBase<Byte>(b) {}
};
using DhcpView = DhcpT<const std::uint8_t>;
using DhcpMut = DhcpT<std::uint8_t>;

} // namespace netvirt::emulator::packet
