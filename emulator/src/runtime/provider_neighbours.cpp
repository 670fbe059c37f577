#include <netvirt/emulator/runtime/provider_neighbours.h>

namespace netvirt::emulator::runtime {

ProviderNeighbours::ProviderNeighbours(const std::vector<packet::Ipv4Addr> &addresses)
    : m_entries(std::make_unique<Entry[]>(addresses.size())), m_count(addresses.size())
{
    for (std::size_t i = 0; i < m_count; ++i)
        m_entries[i].ip = addresses[i];
}

ProviderNeighbours::Entry *ProviderNeighbours::find(packet::Ipv4Addr ip) const
{
    // A handful of remote hosts: a linear scan beats hashing.
    for (std::size_t i = 0; i < m_count; ++i)
        if (m_entries[i].ip == ip)
            return &m_entries[i];
    return nullptr;
}

std::optional<packet::MacAddr> ProviderNeighbours::lookup(packet::Ipv4Addr ip) const
{
    const Entry *e = find(ip);
    if (!e)
        return std::nullopt;
    const std::uint64_t v = e->mac.load(std::memory_order_relaxed);
    if (!(v & kValid))
        return std::nullopt;
    packet::MacAddr m;
    for (int i = 5; i >= 0; --i)
        m.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * (5 - i)));
    return m;
}

bool ProviderNeighbours::learn(packet::Ipv4Addr ip, const packet::MacAddr &mac)
{
    Entry *e = find(ip);
    if (!e || mac.isMulticast() || mac.isZero())
        return false;
    const std::uint64_t v = kValid | mac.toU64();
    if (e->mac.load(std::memory_order_relaxed) != v)
        e->mac.store(v, std::memory_order_relaxed);
    return true;
}

bool ProviderNeighbours::claimRequest(packet::Ipv4Addr ip, std::uint64_t nowNs)
{
    Entry *e = find(ip);
    if (!e)
        return false;
    std::uint64_t last = e->lastRequestNs.load(std::memory_order_relaxed);
    if (last != 0 && nowNs - last < kRequestIntervalNs)
        return false;
    return e->lastRequestNs.compare_exchange_strong(last, nowNs, std::memory_order_relaxed);
}

} // namespace netvirt::emulator::runtime
