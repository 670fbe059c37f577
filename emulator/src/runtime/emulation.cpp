#include <netvirt/emulator/runtime/emulation.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include <netvirt/core/net/address.h>
#include <netvirt/core/policy/policy.h>
#include <netvirt/emulator/capture/capture.h>
#include <netvirt/emulator/forwarding/pipeline.h>
#include <netvirt/emulator/io/host_network.h>
#include <netvirt/emulator/io/naming.h>
#include <netvirt/emulator/io/tap_port.h>
#include <netvirt/emulator/packet/builders.h>
#include <netvirt/emulator/packet/ethernet.h>
#include <netvirt/emulator/packet/ip.h>
#include <netvirt/emulator/runtime/provider_neighbours.h>

namespace netvirt::emulator::runtime {

using core::ErrorCode;
using core::makeError;
using core::Result;
using forwarding::kNone;

// ---- names and settings ------------------------------------------------------------------

std::optional<AttachKind> parseAttachKind(std::string_view t)
{
    if (t == "endpoint")
        return AttachKind::Endpoint;
    if (t == "namespace")
        return AttachKind::Namespace;
    if (t == "tap")
        return AttachKind::Tap;
    return std::nullopt;
}

std::string_view attachKindName(AttachKind k)
{
    switch (k) {
    case AttachKind::Endpoint: return "endpoint";
    case AttachKind::Namespace: return "namespace";
    case AttachKind::Tap: return "tap";
    }
    return "?";
}

std::optional<UnderlayKind> parseUnderlayKind(std::string_view t)
{
    if (t == "memory")
        return UnderlayKind::Memory;
    if (t == "tap")
        return UnderlayKind::Tap;
    return std::nullopt;
}

std::string_view underlayKindName(UnderlayKind k)
{
    return k == UnderlayKind::Tap ? "tap" : "memory";
}

VnicAttach EmulationSettings::attachFor(const core::Id &vnic) const
{
    if (attachOverride)
        return VnicAttach{*attachOverride, {}};
    if (auto it = attach.find(vnic); it != attach.end())
        return it->second;
    return VnicAttach{defaultAttach, {}};
}

bool EmulationSettings::needsPrivileges() const
{
    if (underlay == UnderlayKind::Tap)
        return true;
    if (attachOverride)
        return *attachOverride != AttachKind::Endpoint;
    if (defaultAttach != AttachKind::Endpoint)
        return true;
    return std::any_of(attach.begin(), attach.end(), [](const auto &a) { return a.second.kind != AttachKind::Endpoint; });
}

Result<EmulationSettings> resolveSettings(const core::Design &design, const EmulationOverrides &o)
{
    EmulationSettings s;
    const core::Json &e = design.emulation;
    auto bad = [](const std::string &path, const std::string &what) {
        return makeError(ErrorCode::Schema, "emulation." + path + ": " + what);
    };
    if (e.is_object()) {
        if (e.contains("underlay")) {
            auto u = e["underlay"].is_string() ? parseUnderlayKind(e["underlay"].get<std::string>()) : std::nullopt;
            if (!u)
                return bad("underlay", "expected \"memory\" or \"tap\"");
            s.underlay = *u;
        }
        if (e.contains("underlayMtu")) {
            if (!e["underlayMtu"].is_number_integer())
                return bad("underlayMtu", "expected an integer");
            s.underlayMtu = e["underlayMtu"].get<std::int64_t>();
        }
        if (e.contains("flowId")) {
            if (!e["flowId"].is_boolean())
                return bad("flowId", "expected true or false");
            s.flowId = e["flowId"].get<bool>();
        }
        if (e.contains("threads")) {
            if (!e["threads"].is_number_integer() || e["threads"].get<std::int64_t>() < 1)
                return bad("threads", "expected a positive integer");
            s.threads = static_cast<unsigned>(e["threads"].get<std::int64_t>());
        }
        if (e.contains("defaultAttach")) {
            auto k = e["defaultAttach"].is_string() ? parseAttachKind(e["defaultAttach"].get<std::string>()) : std::nullopt;
            if (!k)
                return bad("defaultAttach", "expected \"endpoint\", \"namespace\" or \"tap\"");
            s.defaultAttach = *k;
        }
        if (e.contains("attach")) {
            if (!e["attach"].is_object())
                return bad("attach", "expected an object");
            for (const auto &[vnic, a] : e["attach"].items()) {
                const std::string path = "attach." + vnic;
                if (!a.is_object() || !a.contains("kind") || !a["kind"].is_string())
                    return bad(path + ".kind", "expected \"endpoint\", \"namespace\" or \"tap\"");
                auto k = parseAttachKind(a["kind"].get<std::string>());
                if (!k)
                    return bad(path + ".kind", "expected \"endpoint\", \"namespace\" or \"tap\"");
                VnicAttach va{*k, {}};
                if (a.contains("name")) {
                    if (!a["name"].is_string())
                        return bad(path + ".name", "expected a string");
                    va.tapName = a["name"].get<std::string>();
                    if (va.tapName.rfind("nv", 0) != 0 || va.tapName.size() > io::kIfNameMax)
                        return bad(path + ".name", "a TAP name must start with nv and have at most 15 characters");
                }
                s.attach[vnic] = va;
            }
        }
    }
    if (o.attach)
        s.attachOverride = o.attach;
    if (o.underlay)
        s.underlay = *o.underlay;
    if (o.threads)
        s.threads = *o.threads;
    if (o.underlayMtu)
        s.underlayMtu = o.underlayMtu;
    if (s.underlayMtu && (*s.underlayMtu < 576 || *s.underlayMtu > static_cast<std::int64_t>(packet::FrameBuffer::kMaxFrameBytes) - 64))
        return makeError(ErrorCode::Invalid, "underlay MTU " + std::to_string(*s.underlayMtu) + " is out of range (576-9152)");
    if (!o.hostGroup.empty() && !design.hostGroup(o.hostGroup)) {
        // Accept a host group name as well as an id.
        bool found = false;
        for (const auto &g : design.hostGroups)
            if (core::namesEqual(g.name, o.hostGroup)) {
                s.hostGroup = g.id;
                found = true;
            }
        if (!found)
            return makeError(ErrorCode::NotFound, "no host group \"" + o.hostGroup + "\"");
    } else {
        s.hostGroup = o.hostGroup;
    }
    s.captureDir = o.captureDir;
    s.journalDir = o.journalDir;
    if (s.threads == 0)
        s.threads = 1;
    return s;
}

// ---- the port map and the pipeline forwarder ---------------------------------------------

namespace detail {

struct EnginePortInfo {
    bool nic = false;
    std::uint32_t snapPort = kNone;    // vNIC: its index in the PolicySnapshot
    std::uint32_t host = kNone;
    std::uint16_t nicIndex = 0;
};

// Engine ports ↔ PolicySnapshot ports and (host, NIC) pairs, for one snapshot.
class PortMap final {
public:
    std::vector<EnginePortInfo> byEngine;
    std::vector<PortIndex> engineOfSnapPort;          // kNoIndex: not attached here
    std::vector<std::vector<PortIndex>> nicPorts;     // [host][nic]

    PortIndex nicPort(std::uint32_t host, std::uint16_t nic) const
    {
        if (host >= nicPorts.size() || nic >= nicPorts[host].size())
            return kNoIndex;
        return nicPorts[host][nic];
    }
    PortIndex ofSnapPort(std::uint32_t p) const { return p < engineOfSnapPort.size() ? engineOfSnapPort[p] : kNoIndex; }
};

} // namespace detail

namespace {

std::uint64_t nowNs()
{
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

std::atomic<std::uint64_t> g_forwarderSerial{1};

class PipelineForwarder final : public Forwarder {
public:
    PipelineForwarder(std::shared_ptr<const forwarding::PolicySnapshot> policy,
                      std::shared_ptr<const detail::PortMap> map, std::vector<std::uint64_t> nicDown, UnderlayKind underlay,
                      std::shared_ptr<ProviderNeighbours> neighbours)
        : m_policy(std::move(policy)), m_map(std::move(map)), m_nicDown(std::move(nicDown)), m_underlay(underlay),
          m_neighbours(std::move(neighbours)), m_serial(g_forwarderSerial.fetch_add(1))
    {
    }

    void process(PortIndex ingress, packet::FrameBuffer &frame, Emitter &out) const override
    {
        packet::FrameBuffer *one = &frame;
        processBurst(ingress, &one, 1, out);
    }

    // The burst goes through forwarding::fromPortBurst / fromProviderBurst, kMaxBurst frames
    // at a time; then each frame's actions are applied, frame after frame. Looking a frame up
    // before the previous one's actions are applied changes nothing: applying reads and
    // writes only the emitter, this thread's scratch frames and the provider neighbours,
    // and the pipeline reads none of them. Neighbour learning, which the application of an
    // earlier frame's actions does read, stays in frame order: an ARP on the provider side
    // first finishes the frames before it.
    void processBurst(PortIndex ingress, packet::FrameBuffer *const *frames, std::size_t n, Emitter &out) const override
    {
        if (ingress >= m_map->byEngine.size())
            return;
        ThreadState &st = state();
        const auto &info = m_map->byEngine[ingress];
        if (!info.nic || !m_neighbours) {
            for (std::size_t base = 0; base < n; base += forwarding::kMaxBurst)
                forward(ingress, info, frames, base, std::min(forwarding::kMaxBurst, n - base), st, out);
            return;
        }
        std::size_t start = 0;   // frames [start, i) wait to be forwarded
        for (std::size_t i = 0; i < n; ++i) {
            if (isArp(frames[i]->cdata())) {
                forward(ingress, info, frames, start, i - start, st, out);
                start = i;
                if (learnNeighbour(frames[i]->cdata())) {
                    out.framesDone(i + 1);
                    start = i + 1;
                    continue;
                }
            }
            if (i + 1 - start == forwarding::kMaxBurst) {
                forward(ingress, info, frames, start, forwarding::kMaxBurst, st, out);
                start = i + 1;
            }
        }
        forward(ingress, info, frames, start, n - start, st, out);
    }

private:
    struct ThreadState {
        std::uint64_t serial = 0;
        std::vector<forwarding::ActionList> lists;   // kMaxBurst: one per frame of a burst
        std::size_t listsFanout = 0;                  // the maxFanout() they were sized for
        std::unique_ptr<forwarding::RateState> rate;
        packet::FrameBuffer joined;
        packet::FrameBuffer routed;
        packet::FrameBuffer arp;
    };

    // Per worker thread; rebuilt when a new snapshot is first used (not per packet). The
    // action lists only when the new policy sizes them differently: ActionList::forSnapshot
    // sizes a list by PolicySnapshot::maxFanout() alone (pipeline.h), and kMaxBurst lists
    // with their scratch frames take milliseconds to allocate (page faults), a stall that
    // every link flap and most migrations need not pay in the middle of traffic.
    ThreadState &state() const
    {
        thread_local ThreadState st;
        if (st.serial != m_serial) {
            const std::size_t fanout = m_policy->maxFanout();
            if (st.lists.empty() || st.listsFanout != fanout) {
                st.lists.clear();
                st.lists.reserve(forwarding::kMaxBurst);
                for (std::size_t i = 0; i < forwarding::kMaxBurst; ++i)
                    st.lists.push_back(forwarding::ActionList::forSnapshot(*m_policy));
                st.listsFanout = fanout;
            }
            st.rate = std::make_unique<forwarding::RateState>(*m_policy);
            st.serial = m_serial;
        }
        return st;
    }

    // Frames [first, first + n) of a burst of `ingress`: at most kMaxBurst, none of them to
    // be learned from.
    void forward(PortIndex ingress, const detail::EnginePortInfo &info, packet::FrameBuffer *const *frames,
                 std::size_t first, std::size_t n, ThreadState &st, Emitter &out) const
    {
        if (n == 0)
            return;
        forwarding::PipelineContext ctx;
        ctx.snapshot = m_policy.get();
        ctx.host = info.host;
        ctx.nicDownMask = info.host < m_nicDown.size() ? m_nicDown[info.host] : 0;
        ctx.rate = st.rate.get();
        ctx.nowNs = nowNs();
        forwarding::ActionList *lists = st.lists.data();
        for (std::size_t i = 0; i < n; ++i)
            lists[i].clear();
        if (info.nic)
            forwarding::fromProviderBurst(ctx, info.nicIndex, frames + first, n, lists);
        else
            forwarding::fromPortBurst(ctx, info.snapPort, frames + first, n, lists);
        for (std::size_t i = 0; i < n; ++i) {
            for (const forwarding::Action &a : lists[i])
                apply(a, ingress, info.host, st, out);
            out.framesDone(first + i + 1);
        }
    }

    void apply(const forwarding::Action &a, PortIndex ingress, std::uint32_t host, ThreadState &st, Emitter &out) const
    {
        packet::ConstBytes bytes = a.body;
        if (!a.head.empty()) {
            if (!a.copyTo(st.joined)) {
                out.drop(DropReason::Mtu, ingress, host, a.vsidIndex);
                return;
            }
            bytes = st.joined.cdata();
        }
        switch (a.kind) {
        case forwarding::ActionKind::Deliver: {
            const PortIndex p = m_map->ofSnapPort(a.port);
            if (p == kNoIndex)
                out.drop(DropReason::NoRoute, ingress, host, a.vsidIndex);
            else
                out.transmit(p, bytes);
            return;
        }
        case forwarding::ActionKind::Transmit: {
            const PortIndex nicPort = m_map->nicPort(host, a.nic);
            if (nicPort == kNoIndex) {
                out.drop(DropReason::LinkDown, ingress, host, a.vsidIndex);
                return;
            }
            if (m_neighbours && !toRemoteNeighbour(a, nicPort, host, bytes, st, out))
                return;
            out.transmit(nicPort, bytes);
            if (m_underlay == UnderlayKind::Memory)
                fabric(a, nicPort, host, bytes, st, out);
            return;
        }
        case forwarding::ActionKind::ToGateway:
            // The HNV gateway's external side is not emulated: the frame leaves the design.
            return;
        case forwarding::ActionKind::Drop: {
            PortIndex p = a.port != kNone ? m_map->ofSnapPort(a.port) : kNoIndex;
            out.drop(a.reason, p == kNoIndex ? ingress : p, host, a.vsidIndex);
            return;
        }
        }
    }

    static bool isArp(packet::ConstBytes bytes)
    {
        auto eth = packet::EthernetView::from(bytes);
        return eth && eth->etherType() == packet::ether_type::kArp;
    }

    // An ARP from the provider network whose sender is a tracked remote PA: learned. True when
    // the frame is consumed (a reply: the pipeline has nothing more to do with it).
    bool learnNeighbour(packet::ConstBytes bytes) const
    {
        auto eth = packet::EthernetView::from(bytes);
        if (!eth || eth->etherType() != packet::ether_type::kArp)
            return false;
        auto arp = packet::ArpView::from(eth->payload());
        if (!arp || !m_neighbours->learn(arp->senderIp(), arp->senderMac()))
            return false;
        return arp->isReply();
    }

    // A frame to a host that is not emulated, on the TAP underlay: when it goes straight to
    // that host (not through the provider gateway), its destination MAC is the one the real
    // endpoint answered by ARP. Unknown yet: one ARP request, the frame dropped (`unreachable`).
    bool toRemoteNeighbour(const forwarding::Action &a, PortIndex nicPort, std::uint32_t host,
                           packet::ConstBytes &bytes, ThreadState &st, Emitter &out) const
    {
        const auto &hosts = m_policy->hosts();
        if (a.peerHost >= hosts.size() || hosts[a.peerHost].emulated)
            return true;
        auto eth = packet::EthernetView::from(bytes);
        if (!eth || eth->etherType() != packet::ether_type::kIpv4 || bytes.size() < 34)
            return true;
        const auto &peer = hosts[a.peerHost];
        const packet::MacAddr dstMac = eth->dst();
        if (std::none_of(peer.nics.begin(), peer.nics.end(), [&](const auto &n) { return n.mac == dstMac; }))
            return true;   // to the provider gateway: it resolves the rest
        const packet::Ipv4Addr dstPa = packet::load32(bytes.data() + 30);
        if (auto mac = m_neighbours->lookup(dstPa)) {
            if (!st.routed.assign(bytes))
                return false;
            packet::EthernetMut::unchecked(st.routed.data()).setDst(*mac);
            bytes = st.routed.cdata();
            return true;
        }
        if (m_neighbours->claimRequest(dstPa, nowNs())
            && packet::buildArpRequest(st.arp, eth->src(), packet::load32(bytes.data() + 26), dstPa))
            out.transmit(nicPort, st.arp.cdata());
        out.drop(DropReason::Unreachable, nicPort, host, a.vsidIndex);
        return false;
    }

    // The in-memory provider network: a frame sent on a NIC arrives on the peer host's NIC
    // that carries the destination PA (through the provider gateway when the pipeline
    // addressed it: TTL decremented, MACs rewritten, as a router would).
    void fabric(const forwarding::Action &a, PortIndex fromNic, std::uint32_t host, packet::ConstBytes bytes,
                ThreadState &st, Emitter &out) const
    {
        const auto &hosts = m_policy->hosts();
        const std::uint32_t peer = a.peerHost;
        if (peer == kNone || peer >= hosts.size() || !hosts[peer].emulated || peer >= m_map->nicPorts.size()
            || m_map->nicPorts[peer].empty()) {
            out.drop(DropReason::Unreachable, fromNic, host, a.vsidIndex);
            return;
        }
        auto eth = packet::EthernetView::from(bytes);
        if (!eth)
            return;
        forwarding::IpKey dstPa;
        std::size_t ttlOffset = 0;
        if (eth->etherType() == packet::ether_type::kIpv4 && bytes.size() >= 34) {
            dstPa = forwarding::IpKey::fromV4(packet::load32(bytes.data() + 30));
            ttlOffset = 22;
        } else if (eth->etherType() == packet::ether_type::kIpv6 && bytes.size() >= 54) {
            dstPa = forwarding::IpKey::fromV6(bytes.data() + 38);
            ttlOffset = 21;
        }
        const auto &ph = hosts[peer];
        const std::uint64_t down = peer < m_nicDown.size() ? m_nicDown[peer] : 0;
        int target = -1;
        for (std::size_t i = 0; i < ph.nics.size() && target < 0; ++i)
            if (ph.nics[i].mac == eth->dst() && !((down >> i) & 1))
                target = static_cast<int>(i);
        const forwarding::PaEntry *pa = nullptr;
        if (const auto owner = m_policy->paOwner(dstPa); owner != kNone && (owner >> 16) == peer)
            pa = &ph.pas[owner & 0xFFFF];
        if (target < 0 && pa && pa->team < ph.teams.size())
            for (auto m : ph.teams[pa->team].members)
                if (target < 0 && m < ph.nics.size() && !((down >> m) & 1))
                    target = m;
        if (target < 0) {
            out.drop(DropReason::LinkDown, fromNic, host, a.vsidIndex);
            return;
        }
        const PortIndex to = m_map->nicPort(peer, static_cast<std::uint16_t>(target));
        if (to == kNoIndex)
            return;
        if (eth->dst() == ph.nics[target].mac) {
            out.inject(to, bytes);
            return;
        }
        if (!st.routed.assign(bytes))
            return;
        auto m = st.routed.data();
        const bool routed = !std::any_of(ph.nics.begin(), ph.nics.end(), [&](const auto &n) { return n.mac == eth->dst(); });
        if (routed && ttlOffset) {
            if (m[ttlOffset] <= 1) {
                out.drop(DropReason::Ttl, fromNic, host, a.vsidIndex);
                return;
            }
            if (ttlOffset == 22) {
                auto ip = packet::Ipv4Mut::from(m.subspan(14));
                if (ip)
                    ip->decrementTtl();
            } else {
                --m[ttlOffset];
            }
            packet::EthernetMut::unchecked(m).setSrc(pa ? pa->gatewayMac : eth->dst());
        }
        packet::EthernetMut::unchecked(m).setDst(ph.nics[target].mac);
        out.inject(to, st.routed.cdata());
    }

    std::shared_ptr<const forwarding::PolicySnapshot> m_policy;
    std::shared_ptr<const detail::PortMap> m_map;
    std::vector<std::uint64_t> m_nicDown;   // by host index
    UnderlayKind m_underlay;
    std::shared_ptr<ProviderNeighbours> m_neighbours;   // TAP underlay with remote hosts only
    std::uint64_t m_serial;
};

// A physical NIC on the in-memory provider network: the forwarder moves its frames.
class FabricPort final : public io::PortBackend {
public:
    void start(io::PortContext &, PortIndex) override {}
    bool transmit(packet::ConstBytes) override { return true; }
    void stop() override {}
    std::string describe() const override { return "fabric"; }
};

std::string macText(const packet::MacAddr &m)
{
    return core::net::MacAddress{m.bytes}.toString();
}

// Host group `root` and every group below it.
std::set<std::string> groupAndDescendants(const core::Design &d, const std::string &root)
{
    std::set<std::string> in = {root};
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto &g : d.hostGroups)
            if (g.parent && in.count(*g.parent) && in.insert(g.id).second)
                grew = true;
    }
    return in;
}

int prefixLengthOf(const std::string &prefix)
{
    auto slash = prefix.find('/');
    return slash == std::string::npos ? 24 : std::atoi(prefix.c_str() + slash + 1);
}

} // namespace

// ---- Emulation ---------------------------------------------------------------------------

Result<std::unique_ptr<Emulation>> Emulation::create(core::Design design, EmulationSettings settings)
{
    std::unique_ptr<Emulation> e(new Emulation());
    if (!settings.hostGroup.empty()) {
        const auto group = groupAndDescendants(design, settings.hostGroup);
        for (auto &h : design.hosts)
            if (!group.count(h.hostGroup))
                h.emulated = false;
    }
    e->m_design = std::move(design);
    e->m_settings = std::move(settings);
    e->m_engine = std::make_unique<Engine>(EngineConfig{e->m_settings.threads});
    std::lock_guard lock(e->m_mutex);
    forwarding::SnapshotOptions opts;
    opts.remoteHostsReachable = e->m_settings.underlay == UnderlayKind::Tap;
    opts.flowId = e->m_settings.flowId;
    opts.underlayMtu = e->m_settings.underlayMtu;
    e->m_policy = forwarding::PolicySnapshot::build(e->m_design, opts);
    if (!e->m_policy)
        return makeError(ErrorCode::Invalid, "the design does not compile into a policy");
    if (e->m_settings.underlay == UnderlayKind::Tap) {
        std::vector<packet::Ipv4Addr> remote;
        for (const auto &h : e->m_policy->hosts())
            if (!h.emulated)
                for (const auto &pa : h.pas)
                    if (pa.address.isV4())
                        remote.push_back(pa.address.v4());
        if (!remote.empty())
            e->m_neighbours = std::make_shared<ProviderNeighbours>(remote);
    }
    return e;
}

Emulation::~Emulation()
{
    stop();
}

std::shared_ptr<const forwarding::PolicySnapshot> Emulation::policy() const
{
    std::lock_guard lock(m_mutex);
    return m_policy;
}

Result<void> Emulation::createPorts()
{
    const auto &policy = *m_policy;
    const auto nsNames = io::namespaceNames(m_design);
    io::SystemDeviceOps ops;
    const bool privileged = m_settings.needsPrivileges();
    if (privileged) {
        m_recovery = io::recoverStaleJournals(m_settings.journalDir, ops);
        auto j = io::CleanupJournal::create(m_settings.journalDir);
        if (!j)
            return j.error();
        m_journal.emplace(std::move(j.value()));
    }
    auto addPort = [&](const std::string &id, bool nic, std::unique_ptr<io::PortBackend> backend) {
        const PortIndex p = m_engine->addPort(id, std::move(backend));
        m_portIds.push_back(id);
        m_portIsNic.push_back(nic);
        m_portById[id] = p;
        return p;
    };
    // VM vNICs of emulated hosts.
    for (const auto &port : policy.ports()) {
        if (port.host >= policy.hosts().size() || !policy.hosts()[port.host].emulated)
            continue;
        const VnicAttach how = m_settings.attachFor(port.id);
        Attachment att;
        att.vnic = port.id;
        att.vmName = port.vm;
        if (const core::Vm *vm = m_design.vm(port.vm))
            att.vmName = vm->name;
        att.kind = how.kind;
        att.address = port.ca.toString();
        std::unique_ptr<io::PortBackend> backend;
        // One TAP queue per worker, so a VM's flows spread over the workers; a port with a
        // maximum bandwidth keeps one queue, because its token bucket lives on one worker.
        const unsigned queues = port.maximumMbps > 0 ? 1u : m_settings.threads;
        if (how.kind == AttachKind::Endpoint) {
            io::EndpointConfig c;
            c.mac = port.mac;
            c.ip = port.ca.isV4() ? port.ca.v4() : 0;
            c.prefixLength = port.prefixLength;
            c.gateway = port.gateway.isV4() ? port.gateway.v4() : 0;
            if (!port.ca.isV4() && port.ca != forwarding::IpKey{}) {
                c.ip6 = port.ca.v6();
                c.prefixLength6 = port.prefixLength;
                if (!port.gateway.isV4() && port.gateway != forwarding::IpKey{})
                    c.gateway6 = port.gateway.v6();
            }
            auto ep = std::make_unique<io::VmEndpoint>(c);
            m_endpoints[port.id] = ep.get();
            backend = std::move(ep);
            att.device = "endpoint";
        } else if (how.kind == AttachKind::Namespace) {
            io::NamespaceAttachSpec spec;
            auto it = nsNames.find(port.id);
            spec.ns = it != nsNames.end() ? it->second : io::namespaceBaseName(port.vm);
            spec.tap = io::tapNameFor(port.id);
            spec.mac = macText(port.mac);
            spec.address = port.ca.toString();
            spec.prefixLength = port.prefixLength;
            spec.gateway = port.gateway == forwarding::IpKey{} ? std::string() : port.gateway.toString();
            spec.queues = queues;
            auto tap = io::attachNamespace(spec, *m_journal, ops);
            if (!tap)
                return tap.error();
            backend = std::make_unique<io::TapPort>(std::move(tap.value()), "namespace " + spec.ns);
            att.device = spec.ns;
        } else {
            const std::string name = how.tapName.empty() ? io::tapNameFor(port.id) : how.tapName;
            auto tap = io::createRootTap(name, 1500, queues, "", *m_journal, ops);
            if (!tap)
                return tap.error();
            backend = std::make_unique<io::TapPort>(std::move(tap.value()), "tap " + name);
            att.device = name;
        }
        att.port = addPort(port.id, false, std::move(backend));
        m_attachments.push_back(att);
    }
    // The provider network.
    if (m_settings.underlay == UnderlayKind::Tap) {
        const auto compiled = core::policy::compile(m_design);
        std::vector<io::ProviderGateway> gws;
        std::set<std::string> seen;
        for (const auto &ps : compiled.providerSubnets)
            if (!ps.gatewayAddress.empty() && seen.insert(ps.gatewayAddress).second)
                gws.push_back(io::ProviderGateway{ps.gatewayAddress, prefixLengthOf(ps.prefix), ps.gatewayMac});
        std::int64_t mtu = 1500;
        for (const auto &h : policy.hosts())
            mtu = std::max(mtu, h.providerMtu);
        if (auto r = io::createProviderNetwork(gws, static_cast<std::uint32_t>(mtu), *m_journal, ops); !r)
            return r;
    }
    for (std::uint32_t h = 0; h < policy.hosts().size(); ++h) {
        const auto &host = policy.hosts()[h];
        if (!host.emulated)
            continue;
        for (const auto &nic : host.nics) {
            std::unique_ptr<io::PortBackend> backend;
            if (m_settings.underlay == UnderlayKind::Tap) {
                const std::string name = io::tapNameFor(nic.id);
                auto tap = io::createRootTap(name, static_cast<std::uint32_t>(host.providerMtu), m_settings.threads,
                                             io::kProviderBridge, *m_journal, ops);
                if (!tap)
                    return tap.error();
                backend = std::make_unique<io::TapPort>(std::move(tap.value()), "tap " + name);
            } else {
                backend = std::make_unique<FabricPort>();
            }
            addPort(nic.id, true, std::move(backend));
        }
    }
    return {};
}

Result<void> Emulation::start()
{
    if (m_started)
        return {};
    m_started = true;
    auto fail = [this](core::Error e) -> Result<void> {
        stop();
        return e;
    };
    if (auto r = createPorts(); !r)
        return fail(r.error());
    {
        std::lock_guard lock(m_mutex);
        m_engine->setCounterShape(m_policy->hosts().size(), m_policy->vsids().size());
        if (auto r = publishLocked(); !r)
            return fail(r.error());
    }
    if (auto r = m_engine->start(); !r)
        return fail(r.error());
    if (!m_settings.captureDir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(m_settings.captureDir, ec);
        if (ec)
            return fail(makeError(ErrorCode::Io, "--capture " + m_settings.captureDir + ": " + ec.message()));
    }
    if (!m_settings.captureDir.empty())
        for (const auto &id : std::vector<core::Id>(m_portIds))
            if (auto r = startCapture(id, m_settings.captureDir); !r)
                return fail(r.error());
    return {};
}

std::vector<std::string> Emulation::stop()
{
    std::vector<std::string> errors;
    if (!m_started)
        return errors;
    m_started = false;
    {
        std::lock_guard lock(m_mutex);
        for (auto &[port, cap] : m_captures) {
            m_engine->setCapture(port, nullptr);
            if (auto r = cap->finish(); !r)
                errors.push_back(r.error().message);
        }
        m_captures.clear();
    }
    m_engine->stop();
    if (m_journal) {
        io::SystemDeviceOps ops;
        for (auto &e : m_journal->teardown(ops))
            errors.push_back(std::move(e));
        m_journal.reset();
    }
    return errors;
}

Result<void> Emulation::publishLocked()
{
    auto map = std::make_shared<detail::PortMap>();
    const auto &policy = *m_policy;
    map->engineOfSnapPort.assign(policy.ports().size(), kNoIndex);
    map->nicPorts.resize(policy.hosts().size());
    std::vector<std::uint64_t> down(policy.hosts().size(), 0);
    for (std::uint32_t h = 0; h < policy.hosts().size(); ++h) {
        map->nicPorts[h].assign(policy.hosts()[h].nics.size(), kNoIndex);
        if (auto it = m_nicDown.find(policy.hosts()[h].id); it != m_nicDown.end())
            down[h] = it->second;
    }
    auto snap = std::make_shared<EngineSnapshot>();
    snap->ports.resize(m_portIds.size());
    map->byEngine.resize(m_portIds.size());
    for (PortIndex p = 0; p < m_portIds.size(); ++p) {
        detail::EnginePortInfo info;
        PortPlacement pl;
        if (m_portIsNic[p]) {
            info.nic = true;
            const core::Host *host = m_design.hostOf(m_portIds[p]);
            info.host = host ? policy.hostIndex(host->id) : kNone;
            if (info.host != kNone) {
                const auto &nics = policy.hosts()[info.host].nics;
                for (std::size_t i = 0; i < nics.size(); ++i)
                    if (nics[i].id == m_portIds[p]) {
                        info.nicIndex = static_cast<std::uint16_t>(i);
                        map->nicPorts[info.host][i] = p;
                    }
                pl.up = !((down[info.host] >> info.nicIndex) & 1);
            }
            pl.host = info.host;
        } else {
            info.snapPort = policy.portIndex(m_portIds[p]);
            if (info.snapPort != kNone) {
                const auto &pe = policy.ports()[info.snapPort];
                info.host = pe.host;
                pl.host = pe.host;
                pl.vsid = pe.vsidIndex;
                map->engineOfSnapPort[info.snapPort] = p;
            }
        }
        map->byEngine[p] = info;
        snap->ports[p] = pl;
    }
    m_map = map;
    snap->forwarder = std::make_shared<PipelineForwarder>(m_policy, map, std::move(down), m_settings.underlay,
                                                         m_neighbours);
    snap->generation = ++m_generation;
    m_engine->publish(std::move(snap));
    return {};
}

void Emulation::announceLocked(std::uint32_t hostIndex)
{
    if (!m_engine->running() || hostIndex >= m_policy->hosts().size())
        return;
    forwarding::ActionList list = forwarding::ActionList::forSnapshot(*m_policy);
    forwarding::PipelineContext ctx;
    ctx.snapshot = m_policy.get();
    ctx.host = hostIndex;
    if (auto it = m_nicDown.find(m_policy->hosts()[hostIndex].id); it != m_nicDown.end())
        ctx.nicDownMask = it->second;
    forwarding::announce(ctx, list);
    packet::FrameBuffer buf;
    for (const auto &a : list) {
        if (a.kind != forwarding::ActionKind::Transmit)
            continue;
        const PortIndex p = m_map->nicPort(hostIndex, a.nic);
        if (p != kNoIndex && a.copyTo(buf))
            m_engine->transmit(p, buf.cdata());
    }
}

namespace {
// Finds an entity by id, else by case-insensitive name.
template <typename T>
T *findByIdOrName(std::vector<T> &items, std::string_view key)
{
    for (auto &i : items)
        if (i.id == key)
            return &i;
    for (auto &i : items)
        if (core::namesEqual(i.name, key))
            return &i;
    return nullptr;
}
} // namespace

Result<void> Emulation::migrate(std::string_view vmKey, std::string_view hostKey)
{
    std::lock_guard lock(m_mutex);
    core::Vm *vm = findByIdOrName(m_design.vms, vmKey);
    if (!vm)
        return makeError(ErrorCode::NotFound, "no VM \"" + std::string(vmKey) + "\"");
    core::Host *host = findByIdOrName(m_design.hosts, hostKey);
    if (!host)
        return makeError(ErrorCode::NotFound, "no host \"" + std::string(hostKey) + "\"");
    if (!host->isEmulated())
        return makeError(ErrorCode::Invalid, "host " + host->id + " is not emulated here");
    for (const auto &nic : vm->nics)
        if (!m_portById.count(nic.id))
            return makeError(ErrorCode::Invalid, "VM " + vm->id + " is not emulated here");
    if (vm->host == host->id)
        return {};
    const std::string previous = vm->host;
    vm->host = host->id;
    forwarding::SnapshotOptions opts;
    opts.remoteHostsReachable = m_settings.underlay == UnderlayKind::Tap;
    opts.flowId = m_settings.flowId;
    opts.underlayMtu = m_settings.underlayMtu;
    auto next = forwarding::PolicySnapshot::build(m_design, opts);
    if (!next) {
        vm->host = previous;
        return makeError(ErrorCode::Invalid, "the design does not compile with VM " + vm->id + " on " + host->id);
    }
    m_policy = std::move(next);
    if (auto r = publishLocked(); !r)
        return r;
    // The new host announces its PAs (the VM's Rewrite PA among them) by gratuitous ARP.
    announceLocked(m_policy->hostIndex(host->id));
    return {};
}

Result<void> Emulation::setLink(std::string_view hostKey, std::string_view nicKey, bool up)
{
    std::lock_guard lock(m_mutex);
    core::Host *host = findByIdOrName(m_design.hosts, hostKey);
    if (!host)
        return makeError(ErrorCode::NotFound, "no host \"" + std::string(hostKey) + "\"");
    const std::uint32_t hi = m_policy->hostIndex(host->id);
    if (hi == kNone)
        return makeError(ErrorCode::NotFound, "host " + host->id + " is not in the policy");
    const auto &nics = m_policy->hosts()[hi].nics;
    int index = -1;
    for (std::size_t i = 0; i < nics.size(); ++i)
        if (nics[i].id == nicKey || core::namesEqual(nics[i].name, nicKey)
            || (nics[i].id.size() > nicKey.size() && nics[i].id.substr(nics[i].id.size() - nicKey.size()) == nicKey
                && nics[i].id[nics[i].id.size() - nicKey.size() - 1] == '/'))
            index = static_cast<int>(i);
    if (index < 0)
        return makeError(ErrorCode::NotFound, "host " + host->id + " has no NIC \"" + std::string(nicKey) + "\"");
    std::uint64_t &mask = m_nicDown[host->id];
    const std::uint64_t bit = std::uint64_t{1} << index;
    mask = up ? (mask & ~bit) : (mask | bit);
    if (auto r = publishLocked(); !r)
        return r;
    announceLocked(hi);
    return {};
}

std::optional<PortIndex> Emulation::portOf(std::string_view id) const
{
    auto it = m_portById.find(std::string(id));
    if (it == m_portById.end())
        return std::nullopt;
    return it->second;
}

Result<std::string> Emulation::startCapture(std::string_view portId, const std::string &dir)
{
    std::lock_guard lock(m_mutex);
    auto p = portOf(portId);
    if (!p)
        return makeError(ErrorCode::NotFound, "no port \"" + std::string(portId) + "\"");
    if (m_captures.count(*p))
        return makeError(ErrorCode::Conflict, "a capture of " + std::string(portId) + " is running already");
    std::string where = !dir.empty() ? dir : !m_settings.captureDir.empty() ? m_settings.captureDir : ".";
    auto cap = capture::PortCapture::open(where, std::string(portId));
    if (!cap)
        return cap.error();
    m_engine->setCapture(*p, *cap);
    m_captures[*p] = *cap;
    return (*cap)->pcapPath();
}

Result<std::string> Emulation::stopCapture(std::string_view portId)
{
    std::lock_guard lock(m_mutex);
    auto p = portOf(portId);
    if (!p)
        return makeError(ErrorCode::NotFound, "no port \"" + std::string(portId) + "\"");
    auto it = m_captures.find(*p);
    if (it == m_captures.end())
        return makeError(ErrorCode::NotFound, "no capture of " + std::string(portId) + " is running");
    auto cap = it->second;
    m_captures.erase(it);
    m_engine->setCapture(*p, nullptr);
    return cap->finish();
}

EmulationStats Emulation::stats() const
{
    std::shared_ptr<const forwarding::PolicySnapshot> policy;
    {
        std::lock_guard lock(m_mutex);
        policy = m_policy;
    }
    const EngineStats es = m_engine->stats();
    EmulationStats s;
    s.generation = es.generation;
    for (std::size_t h = 0; h < es.hosts.size() && h < policy->hosts().size(); ++h) {
        if (!policy->hosts()[h].emulated)
            continue;
        s.hosts.push_back({policy->hosts()[h].id, policy->hosts()[h].name, es.hosts[h]});
    }
    for (std::size_t v = 0; v < es.vsids.size() && v < policy->vsids().size(); ++v)
        s.vsids.push_back({std::to_string(policy->vsids()[v].vsid), {}, es.vsids[v]});
    for (std::size_t p = 0; p < es.ports.size() && p < m_portIds.size(); ++p)
        s.ports.push_back({m_portIds[p], m_portIsNic[p] ? "nic" : "vnic", es.ports[p]});
    return s;
}

io::VmEndpoint *Emulation::endpoint(std::string_view key) const
{
    if (auto it = m_endpoints.find(std::string(key)); it != m_endpoints.end())
        return it->second;
    for (const auto &vm : m_design.vms)
        if ((vm.id == key || core::namesEqual(vm.name, key)) && !vm.nics.empty())
            if (auto it = m_endpoints.find(vm.nics.front().id); it != m_endpoints.end())
                return it->second;
    return nullptr;
}

// ---- statistics text ---------------------------------------------------------------------

namespace {
void appendCounters(std::ostringstream &o, const CounterSet &c)
{
    o << " rx_packets=" << c.rxPackets << " rx_bytes=" << c.rxBytes << " tx_packets=" << c.txPackets
      << " tx_bytes=" << c.txBytes << " drops=" << c.totalDrops();
    for (auto r : allDropReasons())
        if (auto n = c.drops[static_cast<std::size_t>(r)])
            o << " drop." << dropReasonName(r) << "=" << n;
}

nlohmann::ordered_json countersJson(const CounterSet &c)
{
    nlohmann::ordered_json j;
    j["rxPackets"] = c.rxPackets;
    j["rxBytes"] = c.rxBytes;
    j["txPackets"] = c.txPackets;
    j["txBytes"] = c.txBytes;
    nlohmann::ordered_json drops = nlohmann::ordered_json::object();
    for (auto r : allDropReasons())
        if (auto n = c.drops[static_cast<std::size_t>(r)])
            drops[std::string(dropReasonName(r))] = n;
    j["drops"] = drops;
    return j;
}
} // namespace

std::string formatStatsText(const EmulationStats &stats, bool withPorts)
{
    std::ostringstream o;
    for (const auto &h : stats.hosts) {
        o << "host=" << h.id;
        appendCounters(o, h.counters);
        o << "\n";
    }
    for (const auto &v : stats.vsids) {
        o << "vsid=" << v.id;
        appendCounters(o, v.counters);
        o << "\n";
    }
    if (withPorts)
        for (const auto &p : stats.ports) {
            o << "port=" << p.id;
            appendCounters(o, p.counters);
            o << "\n";
        }
    return o.str();
}

std::string formatStatsJson(const EmulationStats &stats, std::uint64_t elapsedMs)
{
    nlohmann::ordered_json j;
    j["elapsedMs"] = elapsedMs;
    auto &hosts = j["hosts"] = nlohmann::ordered_json::array();
    for (const auto &h : stats.hosts) {
        auto c = countersJson(h.counters);
        c["host"] = h.id;
        c["name"] = h.name;
        hosts.push_back(c);
    }
    auto &vsids = j["vsids"] = nlohmann::ordered_json::array();
    for (const auto &v : stats.vsids) {
        auto c = countersJson(v.counters);
        c["vsid"] = std::stoul(v.id);
        vsids.push_back(c);
    }
    return j.dump();
}

} // namespace netvirt::emulator::runtime
