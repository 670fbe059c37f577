#include <netvirt/emulator/runtime/counters.h>

namespace netvirt::emulator::runtime {

std::string_view dropReasonName(DropReason reason)
{
    switch (reason) {
    case DropReason::Malformed: return "malformed";
    case DropReason::Tagged: return "tagged";
    case DropReason::Spoofed: return "spoofed";
    case DropReason::Guard: return "guard";
    case DropReason::NoRoute: return "no-route";
    case DropReason::Isolation: return "isolation";
    case DropReason::Ttl: return "ttl";
    case DropReason::Mtu: return "mtu";
    case DropReason::BadGre: return "bad-gre";
    case DropReason::NoVsid: return "no-vsid";
    case DropReason::LinkDown: return "link-down";
    case DropReason::Unreachable: return "unreachable";
    case DropReason::RateLimit: return "rate-limit";
    case DropReason::QueueFull: return "queue-full";
    case DropReason::TxError: return "tx-error";
    }
    return "unknown";
}

const std::vector<DropReason> &allDropReasons()
{
    static const std::vector<DropReason> all = [] {
        std::vector<DropReason> v;
        for (int i = 1; i <= static_cast<int>(DropReason::TxError); ++i)
            v.push_back(static_cast<DropReason>(i));
        return v;
    }();
    return all;
}

std::uint64_t CounterSet::totalDrops() const
{
    std::uint64_t n = 0;
    for (auto d : drops)
        n += d;
    return n;
}

CounterSet &CounterSet::operator+=(const CounterSet &o)
{
    rxPackets += o.rxPackets;
    rxBytes += o.rxBytes;
    txPackets += o.txPackets;
    txBytes += o.txBytes;
    for (std::size_t i = 0; i < drops.size(); ++i)
        drops[i] += o.drops[i];
    return *this;
}

WorkerCounters::WorkerCounters(CounterShape shape)
    : m_shape(shape),
      m_ports(new detail::AtomicCounterSet[shape.ports ? shape.ports : 1]),
      m_hosts(new detail::AtomicCounterSet[shape.hosts ? shape.hosts : 1]),
      m_vsids(new detail::AtomicCounterSet[shape.vsids ? shape.vsids : 1])
{
}

void WorkerCounters::rx(std::uint32_t port, std::uint32_t host, std::uint32_t vsid, std::size_t bytes)
{
    for (auto *c : {at(m_ports, m_shape.ports, port), at(m_hosts, m_shape.hosts, host), at(m_vsids, m_shape.vsids, vsid)}) {
        if (c) {
            detail::bump(c->rxPackets);
            detail::bump(c->rxBytes, bytes);
        }
    }
}

void WorkerCounters::tx(std::uint32_t port, std::uint32_t host, std::uint32_t vsid, std::size_t bytes)
{
    for (auto *c : {at(m_ports, m_shape.ports, port), at(m_hosts, m_shape.hosts, host), at(m_vsids, m_shape.vsids, vsid)}) {
        if (c) {
            detail::bump(c->txPackets);
            detail::bump(c->txBytes, bytes);
        }
    }
}

void WorkerCounters::drop(DropReason reason, std::uint32_t port, std::uint32_t host, std::uint32_t vsid)
{
    const auto r = static_cast<std::size_t>(reason) % kDropReasonSlots;
    for (auto *c : {at(m_ports, m_shape.ports, port), at(m_hosts, m_shape.hosts, host), at(m_vsids, m_shape.vsids, vsid)})
        if (c)
            detail::bump(c->drops[r]);
}

namespace {
void addTable(const detail::AtomicCounterSet *table, std::size_t n, std::vector<CounterSet> &out)
{
    if (out.size() < n)
        out.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto &a = table[i];
        auto &o = out[i];
        o.rxPackets += a.rxPackets.load(std::memory_order_relaxed);
        o.rxBytes += a.rxBytes.load(std::memory_order_relaxed);
        o.txPackets += a.txPackets.load(std::memory_order_relaxed);
        o.txBytes += a.txBytes.load(std::memory_order_relaxed);
        for (std::size_t r = 0; r < kDropReasonSlots; ++r)
            o.drops[r] += a.drops[r].load(std::memory_order_relaxed);
    }
}
} // namespace

void WorkerCounters::sumInto(std::vector<CounterSet> &ports, std::vector<CounterSet> &hosts,
                             std::vector<CounterSet> &vsids) const
{
    addTable(m_ports.get(), m_shape.ports, ports);
    addTable(m_hosts.get(), m_shape.hosts, hosts);
    addTable(m_vsids.get(), m_shape.vsids, vsids);
}

} // namespace netvirt::emulator::runtime
