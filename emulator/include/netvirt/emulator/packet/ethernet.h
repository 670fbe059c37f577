// Ethernet II (with 802.1Q/802.1ad tag detection) and ARP for Ethernet/IPv4 (RFC 826) views.
// Thread-safety: views are values over a caller-owned frame (see view_base.h).
#pragma once

#include <netvirt/emulator/packet/view_base.h>

namespace netvirt::emulator::packet {

template <PacketByte Byte>
class EthernetT final : public detail::ViewBase<Byte> {
public:
    static constexpr std::size_t kHeaderBytes = 14;
    static constexpr std::size_t kTagBytes = 4;
    static constexpr std::size_t kMinFrameBytes = 60;  // without FCS; shorter frames get padded

    static std::optional<EthernetT> from(std::span<Byte> frame)
    {
        if (frame.size() < kHeaderBytes)
            return std::nullopt;
        return EthernetT(frame);
    }
    // For spans already validated (by parseFrame): no check.
    static EthernetT unchecked(std::span<Byte> frame) { return EthernetT(frame); }

    MacAddr dst() const { return MacAddr::load(this->data()); }
    MacAddr src() const { return MacAddr::load(this->data() + 6); }
    // The EtherType right after the addresses (0x8100 for a tagged frame).
    std::uint16_t etherType() const { return this->u16(12); }
    bool isTagged() const
    {
        const auto t = etherType();
        return t == ether_type::kVlan || t == ether_type::kQinQ || t == ether_type::kVlanLegacy;
    }
    // Tag control information and EtherType after the tag; only when isTagged() and the
    // frame holds the tag, else nullopt.
    std::optional<std::uint16_t> vlanTci() const
    {
        if (!isTagged() || this->size() < kHeaderBytes + kTagBytes)
            return std::nullopt;
        return this->u16(14);
    }
    std::optional<std::uint16_t> vlanId() const
    {
        auto tci = vlanTci();
        return tci ? std::optional<std::uint16_t>(*tci & 0x0FFF) : std::nullopt;
    }
    // Everything after the 14-byte header (for an untagged frame: the L3 packet plus any padding).
    std::span<Byte> payload() const { return this->m_b.subspan(kHeaderBytes); }

    void setDst(const MacAddr &m) const requires kWritable<Byte> { m.store(this->data()); }
    void setSrc(const MacAddr &m) const requires kWritable<Byte> { m.store(this->data() + 6); }
    void setEtherType(std::uint16_t t) const requires kWritable<Byte> { store16(this->data() + 12, t); }

private:
    explicit EthernetT(std::span<Byte> b) : detail::ViewBase<Byte>(b) {}
};
using EthernetView = EthernetT<const std::uint8_t>;
using EthernetMut = EthernetT<std::uint8_t>;

namespace arp_op {
constexpr std::uint16_t kRequest = 1;
constexpr std::uint16_t kReply = 2;
} // namespace arp_op

// Only the Ethernet/IPv4 form (htype 1, ptype 0x0800, hlen 6, plen 4); from() refuses others.
template <PacketByte Byte>
class ArpT final : public detail::ViewBase<Byte> {
public:
    static constexpr std::size_t kBytes = 28;
    static constexpr std::uint16_t kHwEthernet = 1;

    static std::optional<ArpT> from(std::span<Byte> l3)
    {
        if (l3.size() < kBytes || !isEthernetIpv4(l3))
            return std::nullopt;
        return ArpT(l3.first(kBytes));
    }
    static ArpT unchecked(std::span<Byte> l3) { return ArpT(l3.first(kBytes)); }
    static bool isEthernetIpv4(std::span<const std::uint8_t> l3)
    {
        return load16(l3.data()) == kHwEthernet && load16(l3.data() + 2) == ether_type::kIpv4
            && l3[4] == 6 && l3[5] == 4;
    }

    std::uint16_t opcode() const { return this->u16(6); }
    bool isRequest() const { return opcode() == arp_op::kRequest; }
    bool isReply() const { return opcode() == arp_op::kReply; }
    MacAddr senderMac() const { return MacAddr::load(this->data() + 8); }
    Ipv4Addr senderIp() const { return this->u32(14); }
    MacAddr targetMac() const { return MacAddr::load(this->data() + 18); }
    Ipv4Addr targetIp() const { return this->u32(24); }
    // Gratuitous ARP (RFC 5227 3): sender and target protocol addresses equal.
    bool isGratuitous() const { return senderIp() == targetIp(); }
    // ARP probe (RFC 5227 2.1.1): sender address 0.0.0.0.
    bool isProbe() const { return senderIp() == kIpv4Any; }

    void setOpcode(std::uint16_t op) const requires kWritable<Byte> { store16(this->data() + 6, op); }
    void setSenderMac(const MacAddr &m) const requires kWritable<Byte> { m.store(this->data() + 8); }
    void setSenderIp(Ipv4Addr a) const requires kWritable<Byte> { store32(this->data() + 14, a); }
    void setTargetMac(const MacAddr &m) const requires kWritable<Byte> { m.store(this->data() + 18); }
    void setTargetIp(Ipv4Addr a) const requires kWritable<Byte> { store32(this->data() + 24, a); }

private:
    explicit ArpT(std::span<Byte> b) : detail::ViewBase<Byte>(b) {}
};
using ArpView = ArpT<const std::uint8_t>;
using ArpMut = ArpT<std::uint8_t>;

} // namespace netvirt::emulator::packet
