// Names of what the emulator creates on the host (CLI.md `emulate`): namespace names per VM
// vNIC (`nv-` + VM name, `-1` for the second vNIC, `~2` on a collision) and root-namespace
// TAP names (`nvt` + 12 hex digits of a hash of the vNIC or NIC id). Everything starts with
// `nv` so stale devices are recognisable. Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include <netvirt/core/model/design.h>

namespace netvirt::emulator::io {

inline constexpr std::size_t kIfNameMax = 15;   // IFNAMSIZ - 1

// `nvt` + 12 hex digits of a 64-bit FNV-1a hash of `id`: 15 characters, a legal ifname.
std::string tapNameFor(std::string_view id);
// `nv-` + lower-cased name with characters outside [a-z0-9-] as `-`, cut to 40 characters.
std::string namespaceBaseName(std::string_view vmName);
// Namespace name of every VM vNIC of the design (VMs in id order, vNICs in file order).
std::unordered_map<core::Id, std::string> namespaceNames(const core::Design &design);

} // namespace netvirt::emulator::io
