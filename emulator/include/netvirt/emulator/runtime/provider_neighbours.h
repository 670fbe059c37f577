// The provider-network neighbours (ARP cache) of the TAP underlay for the hosts that are not
// emulated here: a real NVGRE endpoint (Open vSwitch, another workstation) answers ARP with
// its own MAC, not the one the design derives, so frames to it leave with the learned MAC.
// Learned from every ARP seen on a physical NIC port; when a frame needs an unknown one, a
// request goes out (at most one per address per kRequestIntervalNs) and the frame is dropped.
// Thread-safety: the set of addresses is fixed at construction; lookup, learning and request
// throttling are lock-free atomics, called from every worker.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <netvirt/emulator/packet/bytes.h>

namespace netvirt::emulator::runtime {

class ProviderNeighbours final {
public:
    static constexpr std::uint64_t kRequestIntervalNs = 200'000'000;

    explicit ProviderNeighbours(const std::vector<packet::Ipv4Addr> &addresses);

    bool tracks(packet::Ipv4Addr ip) const { return find(ip) != nullptr; }
    // The learned MAC of `ip`; nullopt when not learned yet or not tracked.
    std::optional<packet::MacAddr> lookup(packet::Ipv4Addr ip) const;
    // From the sender of an ARP request or reply; false when `ip` is not tracked.
    bool learn(packet::Ipv4Addr ip, const packet::MacAddr &mac);
    // True for the one caller that should send a request for `ip` now.
    bool claimRequest(packet::Ipv4Addr ip, std::uint64_t nowNs);

private:
    struct Entry {
        packet::Ipv4Addr ip = 0;
        std::atomic<std::uint64_t> mac{0};            // kValid | 48-bit MAC; 0: unknown
        std::atomic<std::uint64_t> lastRequestNs{0};
    };
    static constexpr std::uint64_t kValid = std::uint64_t{1} << 63;

    Entry *find(packet::Ipv4Addr ip) const;

    std::unique_ptr<Entry[]> m_entries;
    std::size_t m_count = 0;
};

} // namespace netvirt::emulator::runtime
