// Engine statistics: per-thread counters (packets, bytes, drops by reason) for every port,
// host and VSID, written only by their worker and summed on read into EngineStats.
// Thread-safety: a WorkerCounters block has one writer (its worker) that stores with relaxed
// atomics; any thread may read (sum) concurrently and sees each counter monotonic.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace netvirt::emulator::runtime {

// FORWARDING.md's reasons, plus `queue-full` (a worker's hand-off ring was full) and
// `tx-error` (the backend refused the frame). Zero is deliberately not a reason.
enum class DropReason : std::uint8_t {
    Malformed = 1,
    Tagged,
    Spoofed,
    Guard,
    NoRoute,
    Isolation,
    Ttl,
    Mtu,
    BadGre,
    NoVsid,
    LinkDown,
    Unreachable,
    RateLimit,
    QueueFull,
    TxError,
};
inline constexpr std::size_t kDropReasonSlots = 16;   // index = enum value
std::string_view dropReasonName(DropReason reason);
// Every reason, in enum order (for printing).
const std::vector<DropReason> &allDropReasons();

struct CounterSet {
    std::uint64_t rxPackets = 0;
    std::uint64_t rxBytes = 0;
    std::uint64_t txPackets = 0;
    std::uint64_t txBytes = 0;
    std::array<std::uint64_t, kDropReasonSlots> drops{};

    std::uint64_t totalDrops() const;
    CounterSet &operator+=(const CounterSet &o);
};

// Dense indices assigned by the topology: ports, hosts, VSIDs.
struct CounterShape {
    std::size_t ports = 0;
    std::size_t hosts = 0;
    std::size_t vsids = 0;
};

namespace detail {
struct AtomicCounterSet {
    std::atomic<std::uint64_t> rxPackets{0}, rxBytes{0}, txPackets{0}, txBytes{0};
    std::array<std::atomic<std::uint64_t>, kDropReasonSlots> drops{};
};
// Single-writer increment: no read-modify-write bus lock, still race-free for readers.
inline void bump(std::atomic<std::uint64_t> &c, std::uint64_t by = 1)
{
    c.store(c.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
}
} // namespace detail

inline constexpr std::uint32_t kNoIndex = 0xFFFFFFFFu;

class WorkerCounters final {
public:
    explicit WorkerCounters(CounterShape shape);

    void rx(std::uint32_t port, std::uint32_t host, std::uint32_t vsid, std::size_t bytes);
    void tx(std::uint32_t port, std::uint32_t host, std::uint32_t vsid, std::size_t bytes);
    void drop(DropReason reason, std::uint32_t port, std::uint32_t host, std::uint32_t vsid);

    // Adds this block into `stats` (sized to the shape).
    void sumInto(std::vector<CounterSet> &ports, std::vector<CounterSet> &hosts, std::vector<CounterSet> &vsids) const;

private:
    detail::AtomicCounterSet *at(std::unique_ptr<detail::AtomicCounterSet[]> &table, std::size_t size, std::uint32_t i)
    {
        return i < size ? &table[i] : nullptr;
    }
    CounterShape m_shape;
    std::unique_ptr<detail::AtomicCounterSet[]> m_ports;
    std::unique_ptr<detail::AtomicCounterSet[]> m_hosts;
    std::unique_ptr<detail::AtomicCounterSet[]> m_vsids;
};

} // namespace netvirt::emulator::runtime
