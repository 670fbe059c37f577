#include <netvirt/emulator/io/vm_endpoint.h>

#include <algorithm>
#include <array>
#include <cstring>

#include <boost/asio/post.hpp>

#include <netvirt/emulator/packet/builders.h>
#include <netvirt/emulator/packet/checksum.h>
#include <netvirt/emulator/packet/ethernet.h>
#include <netvirt/emulator/packet/icmp.h>
#include <netvirt/emulator/packet/ip.h>
#include <netvirt/emulator/packet/transport.h>

namespace netvirt::emulator::io {

using namespace netvirt::emulator::packet;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kEth = 14;
constexpr std::size_t kIp = 20;

void writeEth(std::uint8_t *p, const MacAddr &dst, const MacAddr &src, std::uint16_t type)
{
    dst.store(p);
    src.store(p + 6);
    store16(p + 12, type);
}

// IPv4 header without options; checksum filled.
void writeIpv4(std::uint8_t *p, std::size_t totalBytes, std::uint16_t id, bool df, std::uint8_t ttl,
               std::uint8_t proto, Ipv4Addr src, Ipv4Addr dst)
{
    p[0] = 0x45;
    p[1] = 0;
    store16(p + 2, static_cast<std::uint16_t>(totalBytes));
    store16(p + 4, id);
    store16(p + 6, df ? 0x4000 : 0);
    p[8] = ttl;
    p[9] = proto;
    store16(p + 10, 0);
    store32(p + 12, src);
    store32(p + 16, dst);
    store16(p + 10, internetChecksum(ConstBytes(p, kIp)));
}

std::size_t padded(std::size_t n)
{
    return n < EthernetView::kMinFrameBytes ? EthernetView::kMinFrameBytes : n;
}

} // namespace

VmEndpoint::VmEndpoint(EndpointConfig config) : m_config(config) {}

VmEndpoint::~VmEndpoint() = default;

void VmEndpoint::post(std::function<void()> fn)
{
    std::lock_guard lock(m_postMutex);
    if (m_io)
        boost::asio::post(*m_io, std::move(fn));
    else
        m_beforeStart.push_back(std::move(fn));
}

void VmEndpoint::start(PortContext &context, PortIndex self)
{
    m_context = &context;
    m_port = self;
    m_timer = std::make_unique<boost::asio::steady_timer>(context.ioContext());
    std::vector<std::function<void()>> pending;
    {
        std::lock_guard lock(m_postMutex);
        m_io = &context.ioContext();
        pending.swap(m_beforeStart);
    }
    for (auto &fn : pending)
        fn();
}

void VmEndpoint::stop()
{
    {
        std::lock_guard lock(m_postMutex);
        m_io = nullptr;
    }
    if (m_timer)
        m_timer->cancel();
    m_flows.clear();
    m_ticking = false;
    m_context = nullptr;
}

void VmEndpoint::startPing(const FlowSpec &flow)
{
    post([this, flow] { startFlow(FlowKind::Ping, flow); });
}

void VmEndpoint::startUdpFlow(const FlowSpec &flow)
{
    post([this, flow] { startFlow(FlowKind::Udp, flow); });
}

void VmEndpoint::stopTraffic()
{
    post([this] { m_flows.clear(); });
}

EndpointStats VmEndpoint::stats() const
{
    EndpointStats s;
    s.echoRequestsAnswered = m_stat.echoRequestsAnswered.load(std::memory_order_relaxed);
    s.arpAnswered = m_stat.arpAnswered.load(std::memory_order_relaxed);
    s.ndAnswered = m_stat.ndAnswered.load(std::memory_order_relaxed);
    s.pingsSent = m_stat.pingsSent.load(std::memory_order_relaxed);
    s.pingRepliesReceived = m_stat.pingRepliesReceived.load(std::memory_order_relaxed);
    s.udpSent = m_stat.udpSent.load(std::memory_order_relaxed);
    s.udpReceived = m_stat.udpReceived.load(std::memory_order_relaxed);
    s.udpBytesReceived = m_stat.udpBytesReceived.load(std::memory_order_relaxed);
    s.unresolved = m_stat.unresolved.load(std::memory_order_relaxed);
    s.icmpErrorsReceived = m_stat.icmpErrorsReceived.load(std::memory_order_relaxed);
    s.lastFragNeededMtu = m_stat.lastFragNeededMtu.load(std::memory_order_relaxed);
    s.lastReplyTtl = m_stat.lastReplyTtl.load(std::memory_order_relaxed);
    return s;
}

void VmEndpoint::startFlow(FlowKind kind, const FlowSpec &spec)
{
    if (!m_context)
        return;
    Flow f;
    f.kind = kind;
    f.spec = spec;
    f.started = Clock::now();
    m_flows.push_back(f);
    // Resolve at once so that the first packet finds the next hop's MAC.
    if (spec.target6)
        (void)resolve6(*spec.target6);
    else
        (void)resolve(spec.target);
    scheduleTick();
}

void VmEndpoint::scheduleTick()
{
    if (m_ticking || !m_timer)
        return;
    m_ticking = true;
    bool flat = std::any_of(m_flows.begin(), m_flows.end(), [](const Flow &f) { return f.spec.ratePps <= 0; });
    if (flat) {
        boost::asio::post(m_context->ioContext(), [this] { tick(); });
        return;
    }
    m_timer->expires_after(std::chrono::microseconds(500));
    m_timer->async_wait([this](const boost::system::error_code &ec) {
        if (!ec)
            tick();
        else
            m_ticking = false;
    });
}

void VmEndpoint::tick()
{
    m_ticking = false;
    if (!m_context)
        return;
    const auto now = Clock::now();
    for (auto &f : m_flows) {
        std::uint64_t due;
        if (f.spec.ratePps <= 0) {
            due = f.sent + kBurstFrames;
        } else {
            // The first packet goes one period after the start, so ARP has had its turn.
            const double secs = std::chrono::duration<double>(now - f.started).count();
            due = static_cast<std::uint64_t>(secs * f.spec.ratePps);
        }
        if (f.spec.count)
            due = std::min(due, f.spec.count);
        int budget = kBurstFrames;
        while (f.sent < due && budget-- > 0) {
            if (!sendToPeer(f.spec.target, f.kind, f.spec, static_cast<std::uint16_t>(f.sent + 1)) && f.sent == 0) {
                // Nothing sent yet and the peer not resolved: the flow starts once ARP has answered.
                f.started = now;
                break;
            }
            ++f.sent;
        }
    }
    m_flows.erase(std::remove_if(m_flows.begin(), m_flows.end(),
                                 [](const Flow &f) { return f.spec.count && f.sent >= f.spec.count; }),
                  m_flows.end());
    if (!m_flows.empty())
        scheduleTick();
}

std::optional<MacAddr> VmEndpoint::resolve(Ipv4Addr target)
{
    const std::uint32_t mask = m_config.prefixLength <= 0 ? 0 : ~std::uint32_t{0} << (32 - m_config.prefixLength);
    Ipv4Addr nextHop = (target & mask) == (m_config.ip & mask) ? target : m_config.gateway;
    if (nextHop == 0)
        return std::nullopt;
    for (const auto &[ip, mac] : m_neighbours)
        if (ip == nextHop)
            return mac;
    const auto now = Clock::now();
    for (auto &[ip, when] : m_arpPending) {
        if (ip == nextHop) {
            if (now - when < std::chrono::milliseconds(200))
                return std::nullopt;
            when = now;
            sendArpRequest(nextHop);
            return std::nullopt;
        }
    }
    m_arpPending.emplace_back(nextHop, now);
    sendArpRequest(nextHop);
    return std::nullopt;
}

void VmEndpoint::sendArpRequest(Ipv4Addr target)
{
    std::array<std::uint8_t, 60> f{};
    writeEth(f.data(), MacAddr::broadcast(), m_config.mac, ether_type::kArp);
    auto arp = ArpMut::unchecked(MutBytes(f.data() + kEth, ArpMut::kBytes));
    store16(f.data() + kEth, ArpMut::kHwEthernet);
    store16(f.data() + kEth + 2, ether_type::kIpv4);
    f[kEth + 4] = 6;
    f[kEth + 5] = 4;
    arp.setOpcode(arp_op::kRequest);
    arp.setSenderMac(m_config.mac);
    arp.setSenderIp(m_config.ip);
    arp.setTargetMac(MacAddr{});
    arp.setTargetIp(target);
    sendFrame(ConstBytes(f.data(), f.size()));
}

bool VmEndpoint::sendToPeer(Ipv4Addr target, FlowKind kind, const FlowSpec &spec, std::uint16_t seq)
{
    if (spec.target6)
        return kind == FlowKind::Ping && sendPing6(*spec.target6, spec, seq);
    auto mac = resolve(target);
    if (!mac) {
        m_stat.unresolved.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    std::array<std::uint8_t, FrameBuffer::kMaxFrameBytes> f;
    const std::size_t l4 = 8 + spec.payloadBytes;
    const std::size_t total = kIp + l4;
    if (kEth + total > f.size())
        return false;
    writeEth(f.data(), *mac, m_config.mac, ether_type::kIpv4);
    std::uint8_t *l4p = f.data() + kEth + kIp;
    for (std::size_t i = 0; i < spec.payloadBytes; ++i)
        l4p[8 + i] = static_cast<std::uint8_t>(i);
    if (kind == FlowKind::Ping) {
        writeIpv4(f.data() + kEth, total, m_ipId++, spec.dontFragment, 64, ip_proto::kIcmp, m_config.ip, target);
        l4p[0] = icmp_type::kEchoRequest;
        l4p[1] = 0;
        store16(l4p + 4, m_echoId);
        store16(l4p + 6, seq);
        IcmpMut::unchecked(MutBytes(l4p, l4)).fillChecksum();
        m_stat.pingsSent.fetch_add(1, std::memory_order_relaxed);
    } else {
        writeIpv4(f.data() + kEth, total, m_ipId++, spec.dontFragment, 64, ip_proto::kUdp, m_config.ip, target);
        store16(l4p, 40000);
        store16(l4p + 2, spec.udpPort);
        store16(l4p + 4, static_cast<std::uint16_t>(l4));
        UdpMut::unchecked(MutBytes(l4p, l4)).fillChecksumV4(m_config.ip, target);
        m_stat.udpSent.fetch_add(1, std::memory_order_relaxed);
    }
    sendFrame(ConstBytes(f.data(), padded(kEth + total)));
    return true;
}

void VmEndpoint::sendFrame(ConstBytes frame)
{
    if (m_context)
        (void)m_context->queueReceive(m_port, frame);
}

bool VmEndpoint::transmit(ConstBytes frame)
{
    if (!m_context)
        return false;
    auto eth = EthernetView::from(frame);
    if (!eth)
        return true;
    const MacAddr dst = eth->dst();
    const bool ipv6Multicast = m_config.ip6 && dst.bytes[0] == 0x33 && dst.bytes[1] == 0x33;
    if (!(dst == m_config.mac) && !dst.isBroadcast() && !ipv6Multicast)
        return true;   // not for this VM: a NIC would ignore it
    if (eth->etherType() == ether_type::kIpv6)
        return receiveIpv6(*eth);
    if (eth->etherType() == ether_type::kArp) {
        auto arp = ArpView::from(eth->payload());
        if (!arp)
            return true;
        if (arp->senderIp() != 0 && arp->senderIp() != m_config.ip) {
            bool known = false;
            for (auto &[ip, mac] : m_neighbours)
                if (ip == arp->senderIp()) {
                    mac = arp->senderMac();
                    known = true;
                }
            if (!known && (arp->isReply() || arp->targetIp() == m_config.ip))
                m_neighbours.emplace_back(arp->senderIp(), arp->senderMac());
            std::erase_if(m_arpPending, [&](const auto &p) { return p.first == arp->senderIp(); });
        }
        if (arp->isRequest() && arp->targetIp() == m_config.ip) {
            std::array<std::uint8_t, 60> r{};
            writeEth(r.data(), arp->senderMac(), m_config.mac, ether_type::kArp);
            std::memcpy(r.data() + kEth, eth->payload().data(), ArpView::kBytes);
            auto out = ArpMut::unchecked(MutBytes(r.data() + kEth, ArpMut::kBytes));
            out.setOpcode(arp_op::kReply);
            out.setTargetMac(arp->senderMac());
            out.setTargetIp(arp->senderIp());
            out.setSenderMac(m_config.mac);
            out.setSenderIp(m_config.ip);
            m_stat.arpAnswered.fetch_add(1, std::memory_order_relaxed);
            sendFrame(ConstBytes(r.data(), r.size()));
        }
        return true;
    }
    if (eth->etherType() != ether_type::kIpv4)
        return true;
    auto ip = Ipv4View::from(eth->payload());
    if (!ip || ip->dst() != m_config.ip || ip->isFragment())
        return true;
    if (ip->protocol() == ip_proto::kIcmp) {
        auto icmp = IcmpView::from(ip->payload());
        if (!icmp)
            return true;
        if (icmp->isEchoRequest()) {
            std::array<std::uint8_t, FrameBuffer::kMaxFrameBytes> r;
            // The reply carries no IP options: ICMP message right after a 20-byte header.
            const std::size_t icmpBytes = ip->payload().size();
            writeEth(r.data(), eth->src(), m_config.mac, ether_type::kIpv4);
            writeIpv4(r.data() + kEth, kIp + icmpBytes, m_ipId++, ip->dontFragment(), 64, ip_proto::kIcmp, m_config.ip,
                      ip->src());
            std::memcpy(r.data() + kEth + kIp, ip->payload().data(), icmpBytes);
            auto reply = IcmpMut::unchecked(MutBytes(r.data() + kEth + kIp, icmpBytes));
            reply.setType(icmp_type::kEchoReply);
            reply.fillChecksum();
            m_stat.echoRequestsAnswered.fetch_add(1, std::memory_order_relaxed);
            sendFrame(ConstBytes(r.data(), padded(kEth + kIp + icmpBytes)));
        } else if (icmp->isEchoReply()) {
            if (icmp->identifier() == m_echoId) {
                m_stat.pingRepliesReceived.fetch_add(1, std::memory_order_relaxed);
                m_stat.lastReplyTtl.store(ip->ttl(), std::memory_order_relaxed);
            }
        } else {
            m_stat.icmpErrorsReceived.fetch_add(1, std::memory_order_relaxed);
            if (icmp->isFragmentationNeeded())
                m_stat.lastFragNeededMtu.store(icmp->nextHopMtu(), std::memory_order_relaxed);
        }
        return true;
    }
    if (ip->protocol() == ip_proto::kUdp) {
        auto udp = UdpView::from(ip->payload());
        if (udp) {
            m_stat.udpReceived.fetch_add(1, std::memory_order_relaxed);
            m_stat.udpBytesReceived.fetch_add(udp->payload().size(), std::memory_order_relaxed);
        }
    }
    return true;
}

// ---- IPv6: neighbour discovery (RFC 4861) and ICMPv6 echo -------------------------------

namespace {

bool samePrefix(const Ipv6Addr &a, const Ipv6Addr &b, int prefixLength)
{
    for (int bit = 0; bit < prefixLength && bit < 128; bit += 8) {
        const int n = std::min(8, prefixLength - bit);
        const std::uint8_t mask = static_cast<std::uint8_t>(0xFF00u >> n);
        if ((a[static_cast<std::size_t>(bit / 8)] & mask) != (b[static_cast<std::size_t>(bit / 8)] & mask))
            return false;
    }
    return true;
}

const Ipv6Addr kAllNodes = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

// An ICMPv6 echo (request or reply) from (srcMac, src) to (dstMac, dst).
bool buildEcho6(FrameBuffer &buf, const MacAddr &srcMac, const MacAddr &dstMac, const Ipv6Addr &src,
                const Ipv6Addr &dst, std::uint8_t type, std::uint16_t id, std::uint16_t seq, ConstBytes data)
{
    buf.clear();
    MutBytes icmp = buf.put(8 + data.size());
    if (icmp.size() != 8 + data.size())
        return false;
    icmp[0] = type;
    icmp[1] = 0;
    store16(icmp.data() + 2, 0);
    store16(icmp.data() + 4, id);
    store16(icmp.data() + 6, seq);
    if (!data.empty())
        std::memcpy(icmp.data() + 8, data.data(), data.size());
    Icmpv6Mut::unchecked(icmp).fillChecksum(src, dst);
    Ipv6Fields f;
    f.src = src;
    f.dst = dst;
    f.nextHeader = ip_proto::kIcmpv6;
    return pushIpv6(buf, f) && pushEthernet(buf, dstMac, srcMac, ether_type::kIpv6);
}

} // namespace

void VmEndpoint::learn6(const Ipv6Addr &ip, const MacAddr &mac)
{
    for (auto &[a, m] : m_neighbours6)
        if (a == ip) {
            m = mac;
            return;
        }
    m_neighbours6.emplace_back(ip, mac);
    std::erase_if(m_ndPending, [&](const auto &p) { return p.first == ip; });
}

std::optional<MacAddr> VmEndpoint::resolve6(const Ipv6Addr &target)
{
    if (!m_config.ip6)
        return std::nullopt;
    Ipv6Addr nextHop = target;
    if (!samePrefix(target, *m_config.ip6, m_config.prefixLength6)) {
        if (!m_config.gateway6)
            return std::nullopt;
        nextHop = *m_config.gateway6;
    }
    for (const auto &[ip, mac] : m_neighbours6)
        if (ip == nextHop)
            return mac;
    const auto now = Clock::now();
    auto it = std::find_if(m_ndPending.begin(), m_ndPending.end(), [&](const auto &p) { return p.first == nextHop; });
    if (it != m_ndPending.end() && now - it->second < std::chrono::milliseconds(200))
        return std::nullopt;
    if (it != m_ndPending.end())
        it->second = now;
    else
        m_ndPending.emplace_back(nextHop, now);
    FrameBuffer ns;
    Ipv6Endpoints e;
    e.srcMac = m_config.mac;
    e.srcIp = *m_config.ip6;
    if (buildNeighborSolicitation(ns, e, nextHop))
        sendFrame(ns.cdata());
    return std::nullopt;
}

bool VmEndpoint::sendPing6(const Ipv6Addr &target, const FlowSpec &spec, std::uint16_t seq)
{
    auto mac = resolve6(target);
    if (!mac) {
        m_stat.unresolved.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    std::array<std::uint8_t, FrameBuffer::kMaxFrameBytes> data;
    const std::size_t n = std::min(spec.payloadBytes, data.size() - 128);
    for (std::size_t i = 0; i < n; ++i)
        data[i] = static_cast<std::uint8_t>(i);
    FrameBuffer f;
    if (!buildEcho6(f, m_config.mac, *mac, *m_config.ip6, target, icmpv6_type::kEchoRequest, m_echoId, seq,
                    ConstBytes(data.data(), n)))
        return false;
    m_stat.pingsSent.fetch_add(1, std::memory_order_relaxed);
    sendFrame(f.cdata());
    return true;
}

bool VmEndpoint::receiveIpv6(const EthernetView &eth)
{
    if (!m_config.ip6)
        return true;
    auto ip = Ipv6View::from(eth.payload());
    if (!ip || ip->nextHeader() != ip_proto::kIcmpv6)
        return true;
    auto icmp = Icmpv6View::from(ip->payload());
    if (!icmp || !icmp->checksumValid(ip->src(), ip->dst()))
        return true;
    const Ipv6Addr &self = *m_config.ip6;
    const Ipv6Addr unspecified{};
    if (icmp->isNeighborSolicitation()) {
        if (icmp->ndTarget() != self)
            return true;
        const bool dad = ip->src() == unspecified;
        const auto sll = icmp->linkLayerOption(nd_option::kSourceLinkLayer);
        if (!dad && sll)
            learn6(ip->src(), *sll);
        FrameBuffer na;
        Ipv6Endpoints e;
        e.srcMac = m_config.mac;
        e.dstMac = dad ? MacAddr{{0x33, 0x33, 0, 0, 0, 1}} : (sll ? *sll : eth.src());
        e.srcIp = self;
        e.dstIp = dad ? kAllNodes : ip->src();
        e.hopLimit = 255;
        const std::uint8_t flags = dad ? na_flag::kOverride : (na_flag::kSolicited | na_flag::kOverride);
        if (buildNeighborAdvertisement(na, e, self, flags, m_config.mac)) {
            m_stat.ndAnswered.fetch_add(1, std::memory_order_relaxed);
            sendFrame(na.cdata());
        }
        return true;
    }
    if (icmp->isNeighborAdvertisement()) {
        const auto tll = icmp->linkLayerOption(nd_option::kTargetLinkLayer);
        learn6(icmp->ndTarget(), tll ? *tll : eth.src());
        return true;
    }
    if (ip->dst() != self)
        return true;
    if (icmp->type() == icmpv6_type::kEchoRequest) {
        FrameBuffer r;
        const auto body = ip->payload().subspan(8);
        if (buildEcho6(r, m_config.mac, eth.src(), self, ip->src(), icmpv6_type::kEchoReply, icmp->identifier(),
                       icmp->sequence(), body)) {
            m_stat.echoRequestsAnswered.fetch_add(1, std::memory_order_relaxed);
            sendFrame(r.cdata());
        }
    } else if (icmp->type() == icmpv6_type::kEchoReply) {
        if (icmp->identifier() == m_echoId) {
            m_stat.pingRepliesReceived.fetch_add(1, std::memory_order_relaxed);
            m_stat.lastReplyTtl.store(ip->hopLimit(), std::memory_order_relaxed);
        }
    } else if (icmp->type() < 128) {
        m_stat.icmpErrorsReceived.fetch_add(1, std::memory_order_relaxed);
    }
    return true;
}

} // namespace netvirt::emulator::io
