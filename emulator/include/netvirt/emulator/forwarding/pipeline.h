// The per-host virtual switch pipeline of FORWARDING.md as pure functions:
//   fromPort(ctx, port, frame, out)     a frame sent by a VM vNIC
//   fromProvider(ctx, nic, frame, out)  a frame arriving on a physical NIC
//   fromPortBurst / fromProviderBurst   the same for a burst from one port / NIC (what a poll
//                                       loop should call per wakeup: misses overlap)
//   announce(ctx, out)                  gratuitous ARPs for the host's PAs (after failover)
// Each call reads an immutable PolicySnapshot and writes Actions (deliver to a local port,
// transmit on a physical NIC, hand to a gateway, drop with a reason) into a pre-sized
// ActionList. The frame is edited in place (TTL, MACs, IP Rewrite) and NVGRE headers go into
// its headroom, so the payload is never copied; generated frames (ARP/ND/DHCP answers, ICMP
// errors, fragments, replicas' outer headers) live in the ActionList's pre-allocated scratch.
// Thread-safety: no I/O, no locks, no allocation per packet; a PipelineContext, its counters
// and an ActionList belong to one thread; the snapshot is shared read-only.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <netvirt/emulator/forwarding/policy_snapshot.h>
#include <netvirt/emulator/packet/frame_buffer.h>
#include <netvirt/emulator/runtime/counters.h>

namespace netvirt::emulator::forwarding {

using DropReason = runtime::DropReason;
using runtime::dropReasonName;

enum class ActionKind : std::uint8_t {
    Deliver = 1,  // to local port `port` (a VM vNIC)
    Transmit,     // onto the provider network through NIC `nic` of the host
    ToGateway,    // to the HNV gateway `gateway` (which terminates the routing domain)
    Drop,         // `reason`; `port` / `vsidIndex` name what it is counted against
};

struct Action {
    ActionKind kind = ActionKind::Drop;
    DropReason reason = DropReason::Malformed;
    std::uint32_t port = kNone;
    std::uint32_t vsidIndex = kNone;
    std::uint16_t nic = 0;
    std::uint32_t peerHost = kNone;   // Transmit: the host owning the destination (kNone: outside)
    std::uint32_t gateway = kNone;
    // The frame is head followed by body (head is empty unless the outer headers of a replica
    // were written apart from the shared inner frame).
    packet::ConstBytes head;
    packet::ConstBytes body;

    std::size_t size() const { return head.size() + body.size(); }
    // Copies the frame into `out` (after the default headroom); false when it does not fit.
    bool copyTo(packet::FrameBuffer &out) const;
};

class ActionList final {
public:
    // maxActions: replication fan-out + one per scratch frame + room for errors (forSnapshot());
    // scratchFrames: generated frames per call (fragments, replies).
    explicit ActionList(std::size_t maxActions = 64, std::size_t scratchFrames = 16);
    static ActionList forSnapshot(const PolicySnapshot &snapshot);

    void clear()
    {
        m_count = 0;
        m_scratchUsed = 0;
        m_headUsed = 0;
    }
    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    const Action &operator[](std::size_t i) const { return m_actions[i]; }
    const Action *begin() const { return m_actions.data(); }
    const Action *end() const { return m_actions.data() + m_count; }

    // For the pipeline: clear() and add(a) in one (the burst fast path's single action),
    // written whole (no default fill first); false when there is no slot.
    bool single(const Action &a)
    {
        m_count = 0;
        m_scratchUsed = 0;
        m_headUsed = 0;
        if (m_actions.empty())
            return false;
        m_count = 1;
        m_actions[0] = a;
        return true;
    }
    // For the pipeline: nullptr when full.
    Action *add()
    {
        if (m_count >= m_actions.size())
            return nullptr;
        Action *a = &m_actions[m_count++];
        *a = Action{};
        return a;
    }
    packet::FrameBuffer *scratch();
    std::uint8_t *headBytes(std::size_t n);

private:
    std::vector<Action> m_actions;
    std::size_t m_count = 0;
    std::vector<std::unique_ptr<packet::FrameBuffer>> m_scratch;
    std::size_t m_scratchUsed = 0;
    std::vector<std::uint8_t> m_heads;
    std::size_t m_headUsed = 0;
};

// Drop counters: plain arrays indexed by reason, per port, per host and per VSID index of
// the snapshot. One per thread; sum on read.
struct DropCounters {
    using Row = std::array<std::uint64_t, runtime::kDropReasonSlots>;
    std::vector<Row> ports;
    std::vector<Row> hosts;
    std::vector<Row> vsids;

    explicit DropCounters(const PolicySnapshot &snapshot);
    DropCounters() = default;
    void count(DropReason reason, std::uint32_t port, std::uint32_t host, std::uint32_t vsidIndex)
    {
        const auto r = static_cast<std::size_t>(reason);
        if (port < ports.size())
            ++ports[port][r];
        if (host < hosts.size())
            ++hosts[host][r];
        if (vsidIndex < vsids.size())
            ++vsids[vsidIndex][r];
    }
};

// Receives each decision of the pipeline as (stage, detail) — only when a sink is given
// (netvirt trace, the designer's packet animation); the packet path passes none.
class TraceSink {
public:
    virtual void step(std::uint32_t host, std::string_view stage, std::string detail) = 0;

protected:
    ~TraceSink() = default;
};

// Token buckets for `maximumMbps` of the port profiles, one per port (owned by the caller).
struct RateState {
    std::vector<std::int64_t> tokensBytes;
    std::vector<std::uint64_t> lastNs;
    explicit RateState(const PolicySnapshot &snapshot);
};

struct PipelineContext {
    const PolicySnapshot *snapshot = nullptr;
    std::uint32_t host = 0;
    std::uint64_t nicDownMask = 0;     // bit i: NIC i of the host is down
    DropCounters *counters = nullptr;  // optional
    TraceSink *trace = nullptr;        // optional
    RateState *rate = nullptr;         // optional: without it no rate limit applies
    std::uint64_t nowNs = 0;           // for the rate limit
};

// One frame: a burst of one (below).
void fromPort(const PipelineContext &ctx, std::uint32_t port, packet::FrameBuffer &frame, ActionList &out);
void fromProvider(const PipelineContext &ctx, std::uint16_t nic, packet::FrameBuffer &frame, ActionList &out);
// Bursts (as a poll loop receives them, any number of frames, processed kMaxBurst at a time):
// outs[i] gets frame i's actions. The common case (unicast IPv4 from a vNIC that is delivered,
// handed to a gateway, encapsulated or rewritten; NVGRE to a local port) takes a fast path in
// three passes — parse and hash every frame, prefetch every lookup slot, then look up and
// forward — so a large table's cache misses overlap; every other frame, and every frame when
// tracing, goes through the general path below. Either way the decisions, actions, bytes and
// counters are those of the general path.
inline constexpr std::size_t kMaxBurst = 32;
void fromPortBurst(const PipelineContext &ctx, std::uint32_t port, packet::FrameBuffer *const *frames, std::size_t n,
                   ActionList *outs);
void fromProviderBurst(const PipelineContext &ctx, std::uint16_t nic, packet::FrameBuffer *const *frames,
                       std::size_t n, ActionList *outs);
// The general path, every step of FORWARDING.md for any frame (what the fast path falls back
// to; the tests and fuzzers check the fast path against it).
void fromPortGeneral(const PipelineContext &ctx, std::uint32_t port, packet::FrameBuffer &frame, ActionList &out);
void fromProviderGeneral(const PipelineContext &ctx, std::uint16_t nic, packet::FrameBuffer &frame, ActionList &out);
// Gratuitous ARPs for every IPv4 PA of the host from the team member that now carries it.
void announce(const PipelineContext &ctx, ActionList &out);
// The team member carrying traffic of `port` (kNone: not from a vNIC) to `dstPa`; -1 when
// every member is down.
int chooseNic(const PipelineContext &ctx, std::uint32_t team, std::uint32_t port, const IpKey &srcPa,
              const IpKey &dstPa, std::uint8_t flowId);

} // namespace netvirt::emulator::forwarding
