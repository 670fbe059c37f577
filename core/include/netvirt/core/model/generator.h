// Synthetic designs of any size (`netvirt generate`, benchmarks, scale tests). A generated
// design validates clean (RULES.md): every object is used, every VM reaches its VM network,
// every tenant reuses the same customer prefixes (10.0.x.0/24) on its own VSIDs, and all
// addresses and MACs are written out, so the result does not depend on IPAM. The same
// options always give the same design, byte for byte once saved.
// Thread-safety: a pure function.
#pragma once

#include <cstddef>
#include <cstdint>

#include <netvirt/core/model/design.h>

namespace netvirt::core {

struct GeneratorOptions {
    std::size_t hosts = 4;
    std::size_t vms = 16;
    // Isolated VM networks. 0: one per kVmsPerTenant VMs (at least one when there are VMs).
    std::size_t tenants = 0;
    // Decides which host runs each VM and which port classification each vNIC takes.
    std::uint64_t seed = 1;
};

inline constexpr std::size_t kGeneratorHostsPerRack = 40;   // one host group and PA site each
inline constexpr std::size_t kGeneratorVmsPerSubnet = 50;   // one /24 VM subnet per 50 VMs
inline constexpr std::size_t kGeneratorVmsPerTenant = 100;  // default tenant size

// The effective tenant count for the options (resolves tenants == 0).
std::size_t generatorTenantCount(const GeneratorOptions &options);

// A valid design of the requested size. VMs need hosts: with vms > 0 and hosts == 0 one
// host is generated. The design is indexed (reindex() has been called).
Design generateDesign(const GeneratorOptions &options);

} // namespace netvirt::core
