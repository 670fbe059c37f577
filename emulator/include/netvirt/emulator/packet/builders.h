// Frame builders that write into a FrameBuffer (no allocation): push*() prepend one header in
// front of what the buffer holds (build from the inside out), build*() clear the buffer and
// write a complete frame. All return false, leaving the buffer unspecified, when the frame
// does not fit. Checksums are always filled.
// Thread-safety: pure functions over a caller-owned FrameBuffer.
#pragma once

#include <netvirt/emulator/packet/frame_buffer.h>
#include <netvirt/emulator/packet/parsed_frame.h>

namespace netvirt::emulator::packet {

struct Ipv4Fields {
    Ipv4Addr src = 0;
    Ipv4Addr dst = 0;
    std::uint8_t protocol = 0;
    std::uint8_t ttl = 64;
    std::uint8_t tos = 0;
    std::uint16_t identification = 0;
    bool dontFragment = false;
};

struct Ipv6Fields {
    Ipv6Addr src{};
    Ipv6Addr dst{};
    std::uint8_t nextHeader = 0;
    std::uint8_t hopLimit = 64;
    std::uint8_t trafficClass = 0;
    std::uint32_t flowLabel = 0;
};

// The addresses of a frame between two IPv4 endpoints.
struct Ipv4Endpoints {
    MacAddr srcMac;
    MacAddr dstMac;
    Ipv4Addr srcIp = 0;
    Ipv4Addr dstIp = 0;
    std::uint8_t ttl = 64;
    std::uint16_t identification = 0;
    bool dontFragment = false;
};

struct Ipv6Endpoints {
    MacAddr srcMac;
    MacAddr dstMac;
    Ipv6Addr srcIp{};
    Ipv6Addr dstIp{};
    std::uint8_t hopLimit = 64;
};

struct TcpFields {
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint32_t seq = 0;
    std::uint32_t ack = 0;
    std::uint8_t flags = 0;
    std::uint16_t window = 65535;
};

// --- one header in front of the current data -------------------------------------------
[[nodiscard]] bool pushEthernet(FrameBuffer &buf, const MacAddr &dst, const MacAddr &src,
                                std::uint16_t etherType) noexcept;
// Total length = 20 + current size; header checksum filled.
[[nodiscard]] bool pushIpv4(FrameBuffer &buf, const Ipv4Fields &f) noexcept;
// Payload length = current size.
[[nodiscard]] bool pushIpv6(FrameBuffer &buf, const Ipv6Fields &f) noexcept;
// UDP over the current data, checksum with the pseudo-header of src/dst.
[[nodiscard]] bool pushUdp(FrameBuffer &buf, std::uint16_t srcPort, std::uint16_t dstPort,
                           Ipv4Addr src, Ipv4Addr dst) noexcept;
[[nodiscard]] bool pushUdp(FrameBuffer &buf, std::uint16_t srcPort, std::uint16_t dstPort,
                           const Ipv6Addr &src, const Ipv6Addr &dst) noexcept;
// 20-byte TCP header (no options) over the current data.
[[nodiscard]] bool pushTcp(FrameBuffer &buf, const TcpFields &f, Ipv4Addr src, Ipv4Addr dst) noexcept;

// --- complete frames --------------------------------------------------------------------
// Who-has targetIp tell senderIp, to the broadcast address (target MAC zero).
[[nodiscard]] bool buildArpRequest(FrameBuffer &buf, const MacAddr &senderMac, Ipv4Addr senderIp,
                                   Ipv4Addr targetIp) noexcept;
// senderIp is-at senderMac, to targetMac.
[[nodiscard]] bool buildArpReply(FrameBuffer &buf, const MacAddr &senderMac, Ipv4Addr senderIp,
                                 const MacAddr &targetMac, Ipv4Addr targetIp) noexcept;
// Gratuitous ARP announcement (RFC 5227 3): a broadcast request with sender = target = ip.
[[nodiscard]] bool buildGratuitousArp(FrameBuffer &buf, const MacAddr &mac, Ipv4Addr ip) noexcept;

[[nodiscard]] bool buildIcmpEcho(FrameBuffer &buf, const Ipv4Endpoints &e, bool reply,
                                 std::uint16_t identifier, std::uint16_t sequence,
                                 ConstBytes data) noexcept;
// ICMP errors quote the original IP header plus the first 8 bytes of its data (RFC 792,
// RFC 1191), fewer when the original is shorter. `originalIp` is the offending IP packet.
[[nodiscard]] bool buildIcmpTimeExceeded(FrameBuffer &buf, const Ipv4Endpoints &e,
                                         ConstBytes originalIp) noexcept;
[[nodiscard]] bool buildIcmpFragmentationNeeded(FrameBuffer &buf, const Ipv4Endpoints &e,
                                                std::uint16_t nextHopMtu, ConstBytes originalIp) noexcept;

// ICMPv6 packet too big (RFC 4443 3.2), quoting as much of the original as keeps the message
// within the IPv6 minimum MTU (1280).
[[nodiscard]] bool buildIcmpv6PacketTooBig(FrameBuffer &buf, const Ipv6Endpoints &e, std::uint32_t mtu,
                                           ConstBytes originalIp) noexcept;
// Neighbour solicitation for `target` with a source link-layer address option (srcMac);
// sent to the solicited-node group unless e.dstIp is set (non-zero). Hop limit 255.
[[nodiscard]] bool buildNeighborSolicitation(FrameBuffer &buf, const Ipv6Endpoints &e,
                                             const Ipv6Addr &target) noexcept;
// Neighbour advertisement for `target` (flags from na_flag) with a target link-layer address
// option `targetMac`. Hop limit 255 (RFC 4861 7.1.2).
[[nodiscard]] bool buildNeighborAdvertisement(FrameBuffer &buf, const Ipv6Endpoints &e,
                                              const Ipv6Addr &target, std::uint8_t flags,
                                              const MacAddr &targetMac) noexcept;

[[nodiscard]] bool buildUdp(FrameBuffer &buf, const Ipv4Endpoints &e, std::uint16_t srcPort,
                            std::uint16_t dstPort, ConstBytes payload) noexcept;
[[nodiscard]] bool buildTcpSyn(FrameBuffer &buf, const Ipv4Endpoints &e, std::uint16_t srcPort,
                               std::uint16_t dstPort, std::uint32_t seq, std::uint16_t window = 64240) noexcept;

// A DHCP reply (OFFER or ACK, or NAK) from the host to a DHCP client request.
struct DhcpLease {
    std::uint8_t messageType = 0;      // dhcp_msg::kOffer / kAck / kNak
    MacAddr serverMac;
    Ipv4Addr serverIp = 0;
    Ipv4Addr yourIp = 0;
    Ipv4Addr subnetMask = 0;
    Ipv4Addr router = 0;               // 0: no router option
    std::span<const Ipv4Addr> dnsServers;
    std::uint32_t leaseSeconds = 86400;
};
// `request` is the client's message (xid, chaddr, flags are copied). The reply goes to the
// client MAC and yourIp, or to broadcast when the client set the broadcast flag (RFC 2131 4.1).
[[nodiscard]] bool buildDhcpReply(FrameBuffer &buf, const DhcpView &request, const DhcpLease &lease) noexcept;

// One fragment of an IPv4 packet (RFC 791 3.2): Ethernet + IP header (options without the
// copy flag only in the first fragment) + the original IP data from `dataOffset` (a multiple
// of 8), as much as fits `mtuBytes` of IP. `frame` is an Ok IPv4 frame. Returns the number of
// data bytes taken, 0 when nothing fits (or on bad arguments); fragmenting a packet is a loop
// until dataOffset reaches its data length. The packet's own MF/offset are respected, so a
// fragment can be fragmented again.
[[nodiscard]] std::size_t buildIpv4Fragment(FrameBuffer &buf, ConstBytes frame, const ParsedFrame &pf,
                                            std::size_t dataOffset, std::size_t mtuBytes) noexcept;

} // namespace netvirt::emulator::packet
