// netvirt trace: the synthetic packet and the walk across hosts.
#include <netvirt/emulator/trace/packet_trace.h>

#include <algorithm>
#include <memory>

#include <nlohmann/json.hpp>

#include <netvirt/emulator/forwarding/pipeline.h>
#include <netvirt/emulator/packet/packet.h>

namespace netvirt::emulator::trace {

using namespace netvirt::emulator::forwarding;
using namespace netvirt::emulator::packet;

std::optional<Proto> parseProto(std::string_view text)
{
    if (text == "icmp")
        return Proto::Icmp;
    if (text == "udp")
        return Proto::Udp;
    if (text == "tcp")
        return Proto::Tcp;
    return std::nullopt;
}

std::string_view protoName(Proto proto)
{
    switch (proto) {
    case Proto::Udp: return "udp";
    case Proto::Tcp: return "tcp";
    case Proto::Icmp: break;
    }
    return "icmp";
}

namespace {

constexpr std::size_t kIpBytes = 64;         // CLI.md: 64 bytes of IP
constexpr std::uint16_t kSourcePort = 49152; // first dynamic port
constexpr std::uint16_t kEchoId = 0x4E56;    // "NV"
constexpr int kMaxHops = 8;

class StepRecorder final : public TraceSink {
public:
    StepRecorder(const PolicySnapshot &s, std::vector<TraceStep> &steps) : m_s(s), m_steps(steps) {}
    void step(std::uint32_t host, std::string_view stage, std::string detail) override
    {
        TraceStep st;
        st.number = static_cast<int>(m_steps.size()) + 1;
        st.host = host < m_s.hosts().size() ? m_s.hosts()[host].id : std::string("?");
        st.stage = std::string(stage);
        st.detail = std::move(detail);
        m_steps.push_back(std::move(st));
    }

private:
    const PolicySnapshot &m_s;
    std::vector<TraceStep> &m_steps;
};

// L4 bytes (header + payload) so that the IP packet is exactly 64 bytes.
std::vector<std::uint8_t> l4Segment(Proto proto, bool v6, std::uint16_t dport)
{
    const std::size_t ipHeader = v6 ? 40 : 20;
    std::vector<std::uint8_t> l4(kIpBytes - ipHeader, 0);
    switch (proto) {
    case Proto::Icmp:
        l4[0] = v6 ? icmpv6_type::kEchoRequest : icmp_type::kEchoRequest;
        store16(l4.data() + 4, kEchoId);
        store16(l4.data() + 6, 1);
        for (std::size_t i = 8; i < l4.size(); ++i)
            l4[i] = static_cast<std::uint8_t>(i - 8);
        break;
    case Proto::Udp:
        store16(l4.data(), kSourcePort);
        store16(l4.data() + 2, dport);
        store16(l4.data() + 4, static_cast<std::uint16_t>(l4.size()));
        for (std::size_t i = 8; i < l4.size(); ++i)
            l4[i] = static_cast<std::uint8_t>(i - 8);
        break;
    case Proto::Tcp: {
        // A SYN whose options (MSS, SACK permitted, timestamps, window scale) fill the segment.
        store16(l4.data(), kSourcePort);
        store16(l4.data() + 2, dport);
        store32(l4.data() + 4, 0x4E560001u);
        const std::size_t hdr = l4.size();          // 44 (IPv4) or 24 (IPv6)
        l4[12] = static_cast<std::uint8_t>((hdr / 4) << 4);
        l4[13] = 0x02;                              // SYN
        store16(l4.data() + 14, 64240);
        std::size_t o = 20;
        auto put = [&](std::initializer_list<std::uint8_t> bytes) {
            for (auto b : bytes)
                if (o < hdr)
                    l4[o++] = b;
        };
        put({2, 4, 0x05, 0xB4});                    // MSS 1460
        if (hdr >= 44) {
            put({4, 2});                            // SACK permitted
            put({8, 10, 0, 0, 0, 1, 0, 0, 0, 0});   // timestamps
            put({1, 3, 3, 7});                      // NOP, window scale 7
        }
        while (o < hdr)
            l4[o++] = 1;                            // NOP padding
        break;
    }
    }
    return l4;
}

std::uint8_t ipProtocol(Proto proto, bool v6)
{
    switch (proto) {
    case Proto::Udp: return ip_proto::kUdp;
    case Proto::Tcp: return ip_proto::kTcp;
    case Proto::Icmp: break;
    }
    return v6 ? ip_proto::kIcmpv6 : ip_proto::kIcmp;
}

bool buildSynthetic(FrameBuffer &buf, Proto proto, std::uint16_t dport, const MacAddr &srcMac, const MacAddr &dstMac,
                    const IpKey &src, const IpKey &dst)
{
    const bool v6 = !src.isV4();
    auto l4 = l4Segment(proto, v6, dport);
    const std::uint8_t protocol = ipProtocol(proto, v6);
    // Transport checksum over the pseudo-header.
    const std::size_t csumOffset = proto == Proto::Icmp ? 2 : proto == Proto::Udp ? 6 : 16;
    std::uint32_t sum = 0;
    if (v6)
        sum = pseudoHeaderSumV6(src.v6(), dst.v6(), protocol, static_cast<std::uint32_t>(l4.size()));
    else if (proto != Proto::Icmp)
        sum = pseudoHeaderSumV4(src.v4(), dst.v4(), protocol, static_cast<std::uint16_t>(l4.size()));
    std::uint16_t c = checksumFinish(checksumAdd(l4, sum));
    if (proto == Proto::Udp && c == 0)
        c = 0xFFFF;
    store16(l4.data() + csumOffset, c);

    buf.clear();
    if (!buf.append(l4))
        return false;
    if (v6) {
        Ipv6Fields f;
        f.src = src.v6();
        f.dst = dst.v6();
        f.nextHeader = protocol;
        f.hopLimit = 64;
        return pushIpv6(buf, f) && pushEthernet(buf, dstMac, srcMac, ether_type::kIpv6);
    }
    Ipv4Fields f;
    f.src = src.v4();
    f.dst = dst.v4();
    f.protocol = protocol;
    f.ttl = 64;
    f.identification = 1;
    f.dontFragment = true;
    return pushIpv4(buf, f) && pushEthernet(buf, dstMac, srcMac, ether_type::kIpv4);
}

bool keyIn(const IpKey &a, const IpKey &first, const IpKey &last)
{
    auto less = [](const IpKey &x, const IpKey &y) { return x.hi != y.hi ? x.hi < y.hi : x.lo < y.lo; };
    return !less(a, first) && !less(last, a);
}

} // namespace

core::Result<TraceResult> runTrace(const core::Design &design, std::string_view from, std::string_view to,
                                   Proto proto, std::uint16_t dport)
{
    using core::ErrorCode;
    using core::makeError;
    // Resolve --from: a vNIC id, or a VM id (its first vNIC).
    std::string nicId;
    if (design.vmNic(from)) {
        nicId = std::string(from);
    } else if (const core::Vm *vm = design.vm(from)) {
        if (vm->nics.empty())
            return makeError(ErrorCode::NotFound, "VM " + std::string(from) + " has no vNIC");
        nicId = vm->nics.front().id;
    } else {
        return makeError(ErrorCode::NotFound, "--from: no VM or vNIC with id \"" + std::string(from) + "\"");
    }
    IpKey dst;
    if (!parseIpKey(to, dst))
        return makeError(ErrorCode::Invalid, "--to: \"" + std::string(to) + "\" is not an IP address");

    SnapshotOptions options;
    if (design.emulation.is_object())
        if (auto it = design.emulation.find("underlay"); it != design.emulation.end() && it->is_string())
            options.remoteHostsReachable = it->get<std::string>() == "tap";
    const auto snap = PolicySnapshot::build(design, options);
    const PolicySnapshot &s = *snap;
    const std::uint32_t port = s.portIndex(nicId);
    if (port == kNone)
        return makeError(ErrorCode::NotFound, "vNIC " + nicId + " is not connected to a VM network");
    const PortEntry &p = s.ports()[port];
    if (p.ca == IpKey{} || p.mac.isZero())
        return makeError(ErrorCode::Invalid, "vNIC " + nicId + " has no customer address or MAC to send from");
    if (p.ca.isV4() != dst.isV4())
        return makeError(ErrorCode::Invalid, "--to: " + std::string(to) + " is not of the vNIC's address family");

    TraceResult result;
    result.from = nicId;
    result.to = dst.toString();
    result.proto = proto;
    result.dport = dport;

    // Destination MAC: the record's when on-link in the vNIC's VM subnet, else the router's.
    MacAddr dstMac;
    if (p.rd != kNone && p.subnet != kNone) {
        const auto &rd = s.routingDomains()[p.rd];
        const auto &sub = rd.subnets[p.subnet];
        if (sub.v4 == dst.isV4() && keyIn(dst, sub.first, sub.last)) {
            const auto rec = s.recordInVsid(p.vsid, dst);
            if (rec != kNone)
                dstMac = s.records()[rec].mac;
        } else {
            dstMac = rd.routerMac;
        }
    }

    auto buf = std::make_unique<FrameBuffer>();
    if (!buildSynthetic(*buf, proto, dport, p.mac, dstMac, p.ca, dst))
        return makeError(ErrorCode::Invalid, "cannot build the synthetic packet");

    StepRecorder recorder(s, result.steps);
    ActionList actions = ActionList::forSnapshot(s);
    PipelineContext ctx;
    ctx.snapshot = &s;
    ctx.host = p.host == kNone ? 0 : p.host;
    ctx.trace = &recorder;
    if (p.host == kNone) {
        result.reason = "no-route";
        return result;
    }
    fromPort(ctx, port, *buf, actions);

    for (int hop = 0; hop < kMaxHops; ++hop) {
        const Action *transmit = nullptr;
        for (const auto &a : actions) {
            if (a.kind == ActionKind::Drop) {
                result.reason = std::string(dropReasonName(a.reason));
                return result;
            }
        }
        for (const auto &a : actions) {
            // The pipeline never reflects a broadcast to its sender, so a delivery to the sending
            // port is a unicast to the vNIC's own address: delivered, as the deliver step says.
            if (a.kind == ActionKind::Deliver || a.kind == ActionKind::ToGateway) {
                result.delivered = true;
                return result;
            }
            if (a.kind == ActionKind::Transmit && !transmit)
                transmit = &a;
        }
        if (!transmit)
            break;
        // Across the provider network to the host that owns the outer destination address.
        auto next = std::make_unique<FrameBuffer>();
        if (!transmit->copyTo(*next))
            break;
        const ParsedFrame outer = parseFrame(next->data());
        IpKey outerDst;
        if (outer.isIpv4())
            outerDst = IpKey::fromV4(outer.ipv4(next->cdata()).dst());
        else if (outer.isIpv6())
            outerDst = IpKey::fromV6(outer.ipv6(next->cdata()).dst());
        const auto owner = s.paOwner(outerDst);
        if (owner == kNone) {
            recorder.step(ctx.host, "drop", "unreachable (no host owns " + outerDst.toString() + ")");
            result.reason = "unreachable";
            return result;
        }
        ctx.host = owner >> 16;
        const std::uint16_t nic = s.hosts()[ctx.host].pas[owner & 0xFFFF].nic;
        ActionList nextActions = ActionList::forSnapshot(s);
        fromProvider(ctx, nic, *next, nextActions);
        buf = std::move(next);
        actions = std::move(nextActions);
    }
    if (result.reason.empty())
        result.reason = "no-route";
    return result;
}

std::string printTraceText(const TraceResult &result)
{
    std::size_t hostWidth = 0;
    for (const auto &st : result.steps)
        hostWidth = std::max(hostWidth, st.host.size());
    hostWidth += 1;
    std::string out;
    for (const auto &st : result.steps) {
        std::string line = std::to_string(st.number) + " " + st.host;
        line.append(hostWidth - st.host.size(), ' ');
        line += " " + st.stage;
        if (st.stage.size() < 9)
            line.append(9 - st.stage.size(), ' ');
        line += " " + st.detail;
        out += line + "\n";
    }
    out += result.delivered ? std::string("delivered\n") : "dropped: " + result.reason + "\n";
    return out;
}

std::string printTraceJson(const TraceResult &result)
{
    nlohmann::ordered_json j;
    j["from"] = result.from;
    j["to"] = result.to;
    j["proto"] = std::string(protoName(result.proto));
    if (result.proto != Proto::Icmp)
        j["dport"] = result.dport;
    auto steps = nlohmann::ordered_json::array();
    for (const auto &st : result.steps)
        steps.push_back({{"step", st.number}, {"host", st.host}, {"stage", st.stage}, {"detail", st.detail}});
    j["steps"] = std::move(steps);
    j["result"] = result.delivered ? "delivered" : "dropped";
    if (!result.delivered)
        j["reason"] = result.reason;
    return j.dump(2) + "\n";
}

} // namespace netvirt::emulator::trace
