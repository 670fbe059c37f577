// Builds the emulator's presence on the Linux host: a namespace per VM vNIC holding `eth0`
// (a TAP moved in and configured), TAPs in the root namespace, and the TAP underlay (bridge
// nvpa0, routing namespace nv-provider with the provider gateways). Every resource is
// recorded in the cleanup journal before it is created.
// Thread-safety: call from one controlling thread; runs `ip` (fork/exec) synchronously.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <netvirt/core/result.h>
#include <netvirt/emulator/io/cleanup_journal.h>
#include <netvirt/emulator/io/host_ops.h>
#include <netvirt/emulator/io/tap_port.h>

namespace netvirt::emulator::io {

inline constexpr const char *kProviderBridge = "nvpa0";
inline constexpr const char *kProviderNamespace = "nv-provider";
// Per provider gateway i: veth nvpv<i> (root side, enslaved to nvpa0) and its peer nvpg<i>
// inside nv-provider carrying the gateway's address and MAC.

struct NamespaceAttachSpec {
    std::string ns;             // nv-…
    std::string tap;            // nvt… (its name until it becomes eth0 inside ns)
    std::string mac;            // "00:1D:D8:B7:1C:01"
    std::string address;        // the vNIC's CA
    int prefixLength = 24;
    std::string gateway;        // default route (empty: none)
    std::uint32_t mtuBytes = 1500;
    unsigned queues = 1;
};

// Namespace + TAP moved in as eth0 with MAC, address, MTU, default route; lo up.
core::Result<TapDevice> attachNamespace(const NamespaceAttachSpec &spec, CleanupJournal &journal, DeviceOps &ops);

// A TAP in the root namespace, up, with `mtuBytes` (0: leave the default); enslaved to
// `bridge` when given.
core::Result<TapDevice> createRootTap(const std::string &name, std::uint32_t mtuBytes, unsigned queues,
                                      const std::string &bridge, CleanupJournal &journal, DeviceOps &ops);

struct ProviderGateway {
    std::string address;   // the gateway of a provider subnet, e.g. 192.168.1.1
    int prefixLength = 24;
    std::string mac;       // the MAC the policy gives it (the pipeline sends to it)
};
// Bridge nvpa0 (up, with `mtuBytes`) and routing namespace nv-provider attached to it by one
// veth per provider gateway (address + MAC), with forwarding on.
core::Result<void> createProviderNetwork(const std::vector<ProviderGateway> &gateways, std::uint32_t mtuBytes,
                                         CleanupJournal &journal, DeviceOps &ops);

} // namespace netvirt::emulator::io
