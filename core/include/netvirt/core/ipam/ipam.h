// Deterministic IP address management (FORMAT.md): provider addresses for hosts (one per host,
// plus one per vNIC of an IP Rewrite VM network on the host), customer/standard addresses for
// pool-mode and DHCP vNICs, and MACs from MAC pools. The same design always yields the same
// allocation. Exhaustion is reported with the pool named, never thrown.
// Thread-safety: pure functions over a const Design.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <netvirt/core/model/design.h>
#include <netvirt/core/model/edit.h>
#include <netvirt/core/result.h>

namespace netvirt::core::ipam {

struct PoolShortage {
    Id pool;
    std::size_t needed = 0;
    std::size_t available = 0;
};

struct Allocation {
    // Host id → its provider addresses: the given ones, or the allocated host PA followed by
    // one Rewrite PA per vNIC of a Rewrite VM network on the host (in vNIC id order).
    std::unordered_map<Id, std::vector<std::string>> providerAddresses;
    // vNIC id (VM vNIC of a Rewrite VM network) → its own provider address.
    std::unordered_map<Id, std::string> rewriteAddress;
    // vNIC id (VM vNIC or host vNIC) → its address: given, or allocated from its pool.
    std::unordered_map<Id, std::string> nicAddress;
    // vNIC id → MAC ("00:1D:D8:B7:1C:01" form): given, or allocated from a MAC pool.
    std::unordered_map<Id, std::string> nicMac;
    // Address or MAC (as written above) → the pool it was allocated from, per pool id: every
    // address or MAC of the design that lies in a pool's range counts as used by that pool.
    std::unordered_map<Id, std::size_t> poolUse;
    std::vector<PoolShortage> shortages;      // NV123 / NV306
    std::vector<Id> hostsWithoutProvider;     // NV304: hosts with isolated VMs and no PA
};

Allocation allocate(const Design &design);
// Writes the allocation into the design: provider addresses of hosts that had none, `ip`
// of pool/DHCP vNICs, `mac` of vNICs without one. Returns what changed (for undo).
Result<ChangeSet> apply(Design &design, const Allocation &allocation);
// A physical NIC's MAC when the file gives none: derived from its id, locally administered,
// stable across runs and machines.
std::string derivedNicMac(std::string_view nicId);

} // namespace netvirt::core::ipam
