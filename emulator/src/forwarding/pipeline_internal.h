// Pieces of the pipeline shared by the frame-by-frame path (pipeline.cpp) and the burst fast
// path (burst.cpp), so both take exactly the same decisions: FlowID, next-hop MAC on the
// provider network, the IPv4 NVGRE header written into headroom.
// Thread-safety: pure functions over caller-owned data.
#pragma once

#include <netvirt/emulator/forwarding/pipeline.h>
#include <netvirt/emulator/packet/packet.h>

#include <optional>

namespace netvirt::emulator::forwarding::detail {

inline bool keyIn(const IpKey &a, const IpKey &first, const IpKey &last)
{
    auto less = [](const IpKey &x, const IpKey &y) { return x.hi != y.hi ? x.hi < y.hi : x.lo < y.lo; };
    return !less(a, first) && !less(last, a);
}

// packet::flowId() without the generic dispatch for the common case (unfragmented IPv4).
inline std::uint8_t fastFlowId(packet::ConstBytes frame, const packet::ParsedFrame &pf)
{
    using namespace packet;
    if (pf.l3 == L3Kind::Ipv4 && pf.status == ParseStatus::Ok && frame.size() >= pf.frameBytes) {
        const std::uint8_t *ip = frame.data() + pf.l3Offset;
        std::uint16_t sport = 0;
        std::uint16_t dport = 0;
        if ((pf.l4 == L4Kind::Udp || pf.l4 == L4Kind::Tcp) && pf.l4Bytes >= 4) {
            sport = load16(frame.data() + pf.l4Offset);
            dport = load16(frame.data() + pf.l4Offset + 2);
        }
        return foldTo8(flowHashV4(load32(ip + 12), load32(ip + 16), ip[9], sport, dport));
    }
    return packet::flowId(frame, pf);
}

// The MAC of the NIC carrying dstPa on the host owning it — the provider next hop when dstPa
// is in the sender's provider subnet; nullopt when there is none (then the subnet gateway
// is). peerPaIndex (the record's index of dstPa in the peer's PAs) spares the paOwner probe.
// It does not depend on the sender: the snapshot resolves it once per RecordClass.
inline std::optional<packet::MacAddr> peerNicMac(const PolicySnapshot &s, std::uint32_t peerHost, const IpKey &dstPa,
                                                 std::uint16_t peerPaIndex)
{
    if (peerHost == kNone)
        return std::nullopt;
    if (peerPaIndex != 0xFFFF && peerHost < s.hosts().size()) {
        const HostEntry &peer = s.hosts()[peerHost];
        if (peerPaIndex < peer.pas.size() && peer.pas[peerPaIndex].address == dstPa) {
            const PaEntry &pp = peer.pas[peerPaIndex];
            if (pp.nic < peer.nics.size())
                return peer.nics[pp.nic].mac;
            return std::nullopt;
        }
    }
    const auto owner = s.paOwner(dstPa);
    if (owner != kNone) {
        const HostEntry &peer = s.hosts()[owner >> 16];
        const PaEntry &pp = peer.pas[owner & 0xFFFF];
        if (pp.nic < peer.nics.size())
            return peer.nics[pp.nic].mac;
    }
    return std::nullopt;
}

// The provider next hop for a packet from srcPa to dstPa: the NIC MAC of the host owning dstPa
// when it is in srcPa's provider subnet, else the subnet's gateway.
inline packet::MacAddr nextHopMac(const PolicySnapshot &s, const PaEntry &srcPa, std::uint32_t peerHost,
                                  const IpKey &dstPa, std::uint16_t peerPaIndex)
{
    if (!(srcPa.hasSubnet && keyIn(dstPa, srcPa.subnetFirst, srcPa.subnetLast)))
        return srcPa.gatewayMac;
    return peerNicMac(s, peerHost, dstPa, peerPaIndex).value_or(srcPa.gatewayMac);
}

// The same for a record of the compact index (its class resolved the peer's NIC at build).
inline packet::MacAddr nextHopMac(const PaEntry &srcPa, const RecordClass &c)
{
    const IpKey dstPa = IpKey::fromV4(c.pa4);
    if (!(c.peerMacKnown && srcPa.hasSubnet && keyIn(dstPa, srcPa.subnetFirst, srcPa.subnetLast)))
        return srcPa.gatewayMac;
    return c.peerMac;
}

// NVGRE over IPv4 into the headroom: packet::encapsulateNvgre() with the 20-byte header
// checksum summed in registers.
inline bool pushNvgreV4(packet::FrameBuffer &buf, const packet::NvgreEncapV4 &p)
{
    using namespace packet;
    const std::size_t innerBytes = buf.size();
    if (buf.headroom() < kNvgreOuterBytesV4 || innerBytes > 0xFFFF - 28 || p.vsid > kMaxVsid)
        return false;
    const MutBytes h = buf.push(kNvgreOuterBytesV4);
    std::uint8_t *e = h.data();
    p.outerDstMac.store(e);
    p.outerSrcMac.store(e + 6);
    store16(e + 12, ether_type::kIpv4);
    std::uint8_t *ip = e + 14;
    const auto total = static_cast<std::uint16_t>(28 + innerBytes);
    const std::uint16_t flags = p.dontFragment ? Ipv4View::kFlagDf : 0;
    std::uint32_t sum = (0x4500u | p.tos) + total + p.identification + flags + ((std::uint32_t{p.ttl} << 8) | ip_proto::kGre)
        + (p.outerSrc >> 16) + (p.outerSrc & 0xFFFF) + (p.outerDst >> 16) + (p.outerDst & 0xFFFF);
    sum = (sum & 0xFFFF) + (sum >> 16);
    sum = (sum & 0xFFFF) + (sum >> 16);
    ip[0] = 0x45;
    ip[1] = p.tos;
    store16(ip + 2, total);
    store16(ip + 4, p.identification);
    store16(ip + 6, flags);
    ip[8] = p.ttl;
    ip[9] = ip_proto::kGre;
    store16(ip + 10, static_cast<std::uint16_t>(~sum));
    store32(ip + 12, p.outerSrc);
    store32(ip + 16, p.outerDst);
    std::uint8_t *g = ip + 20;
    store16(g, kNvgreFlagsVersion);
    store16(g + 2, ether_type::kTransparentEthernet);
    store32(g + 4, nvgreKey(p.vsid, p.flowId));
    return true;
}

} // namespace netvirt::emulator::forwarding::detail
