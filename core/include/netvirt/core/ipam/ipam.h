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
    // Pool id (IP or MAC pool) → how many addresses or MACs of the design, given or allocated,
    // lie in its range (0 for every pool that holds none: NV103). Provider and standard
    // addresses count for the pools of their logical network, customer addresses for the
    // pools of their VM network, vNIC MACs (VM and host) for every MAC pool.
    std::unordered_map<Id, std::size_t> poolUse;
    std::vector<PoolShortage> shortages;      // NV123 / NV306, in pool order
    std::vector<Id> hostsWithoutProvider;     // NV304: hosts with isolated VMs and no PA (id order)

    // Additions (may grow): what could not be allocated at all, in allocation order.
    std::vector<Id> rewriteNicsWithoutProvider; // NV306: Rewrite vNICs left without their own PA
    std::vector<Id> nicsWithoutAddress;         // pool/DHCP vNICs that got no address
    std::vector<Id> nicsWithoutMac;             // vNICs without MAC and no MAC pool left for them
    // vNIC id or host id → the pool each of its allocated addresses or MAC came from.
    std::unordered_map<Id, std::vector<Id>> allocatedFrom;
};

// The order of allocation, which makes it deterministic:
// 1. provider addresses: hosts in byte-wise id order; each host without any takes one from
//    the first pool (design order) with a free address among the pools of the sites it reaches
//    on network-virtualized logical networks (the NV200 walk over all its switches), then one
//    more per vNIC of a Rewrite VM network on it (vNIC id order). A host with given addresses
//    uses them: the first is the host's, the next ones go to its Rewrite vNICs in id order,
//    and only missing ones are allocated.
// 2. VM vNIC addresses: VMs in id order, vNICs in order. Pool mode (template-provisioned VMs
//    only) and DHCP on isolated networks take from the pools of their VM subnet; pool mode on
//    standard networks from the pools of the sites reachable through the vNIC's switch.
// 3. host vNIC addresses (pool mode, standard networks): hosts in id order.
// 4. MACs: VM vNICs (VMs in id order), then host vNICs (hosts in id order), from the MAC pools
//    of the host's group, then of its parent, and so on up the tree.
// "Free" means in the pool's range, inside its subnet (not the network or broadcast address of
// an IPv4 subnet), not reserved, not the gateway and not used in the address space (the
// logical network for provider and standard addresses, the VM network for customer ones).

Allocation allocate(const Design &design);
// Writes the allocation into the design: provider addresses of hosts that had none, `ip`
// of pool/DHCP vNICs, `mac` of vNICs without one. Returns what changed (for undo).
Result<ChangeSet> apply(Design &design, const Allocation &allocation);
// A physical NIC's MAC when the file gives none: derived from its id, locally administered,
// stable across runs and machines.
std::string derivedNicMac(std::string_view nicId);

} // namespace netvirt::core::ipam
