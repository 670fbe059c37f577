// A small fixed design for the pipeline fuzz targets: two hosts (PA 192.168.1.10 and
// 192.168.1.11), Red with two VM subnets (VSIDs 5001, 5002) and Blue reusing Red's
// 10.1.1.0/24 (VSID 6001), VMs of both on both hosts. Built once per process.
#pragma once

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <netvirt/core/io/design_io.h>
#include <netvirt/emulator/forwarding/pipeline.h>

namespace fuzzdesign {

inline const char *kJson = R"({"format": "netvirt-design", "version": 1, "name": "fuzz",
 "hostGroups": [{"id": "hg", "name": "All"}],
 "logicalNetworks": [{"id": "ln", "name": "Prod", "networkVirtualization": true}],
 "sites": [{"id": "site", "name": "S", "logicalNetwork": "ln", "hostGroups": ["hg"], "subnets": [{"prefix": "192.168.1.0/24", "vlan": 0}]}],
 "uplinkPortProfiles": [{"id": "up", "name": "Up", "sites": ["site"], "networkVirtualization": true}],
 "vnicPortProfiles": [{"id": "vp", "name": "Guarded", "security": {"dhcpGuard": true, "routerGuard": true}}],
 "portClassifications": [{"id": "pc", "name": "Guarded"}],
 "logicalSwitches": [{"id": "ls", "name": "LS", "uplinkMode": "Team", "uplinkProfiles": ["up"],
                      "virtualPorts": [{"classification": "pc", "vnicProfile": "vp"}]}],
 "hosts": [
  {"id": "h0", "name": "H0", "hostGroup": "hg", "physicalNics": [{"id": "h0/n1", "mac": "00:15:5D:00:00:01", "mtu": 1542}, {"id": "h0/n2", "mac": "00:15:5D:00:00:02", "mtu": 1542}],
   "switches": [{"logicalSwitch": "ls", "adapters": [{"nic": "h0/n1", "uplinkProfile": "up"}, {"nic": "h0/n2", "uplinkProfile": "up"}]}], "providerAddresses": ["192.168.1.10"]},
  {"id": "h1", "name": "H1", "hostGroup": "hg", "physicalNics": [{"id": "h1/n1", "mac": "00:15:5D:00:01:01", "mtu": 1542}],
   "switches": [{"logicalSwitch": "ls", "adapters": [{"nic": "h1/n1", "uplinkProfile": "up"}]}], "providerAddresses": ["192.168.1.11"]}],
 "vmNetworks": [
  {"id": "red", "name": "Red", "logicalNetwork": "ln", "isolation": "NetworkVirtualization",
   "subnets": [{"id": "red-a", "prefix": "10.1.1.0/24", "vsid": 5001}, {"id": "red-b", "prefix": "10.1.2.0/24", "vsid": 5002}]},
  {"id": "blue", "name": "Blue", "logicalNetwork": "ln", "isolation": "NetworkVirtualization",
   "subnets": [{"id": "blue-a", "prefix": "10.1.1.0/24", "vsid": 6001}]}],
 "vms": [
  {"id": "r0", "name": "R0", "host": "h0", "provisioning": "Manual", "nics": [{"id": "r0/n", "vmNetwork": "red", "vmSubnet": "red-a", "logicalSwitch": "ls", "mac": "00:1D:D8:B7:1C:01", "ipMode": "Static", "ip": "10.1.1.7"}]},
  {"id": "r1", "name": "R1", "host": "h1", "provisioning": "Manual", "nics": [{"id": "r1/n", "vmNetwork": "red", "vmSubnet": "red-a", "logicalSwitch": "ls", "mac": "00:1D:D8:B7:1C:02", "ipMode": "Static", "ip": "10.1.1.8"}]},
  {"id": "r2", "name": "R2", "host": "h0", "provisioning": "Manual", "nics": [{"id": "r2/n", "vmNetwork": "red", "vmSubnet": "red-b", "logicalSwitch": "ls", "classification": "pc", "mac": "00:1D:D8:B7:1C:03", "ipMode": "Dhcp", "ip": "10.1.2.7"}]},
  {"id": "b0", "name": "B0", "host": "h0", "provisioning": "Manual", "nics": [{"id": "b0/n", "vmNetwork": "blue", "vmSubnet": "blue-a", "logicalSwitch": "ls", "mac": "00:1D:D8:B7:1C:01", "ipMode": "Static", "ip": "10.1.1.7"}]},
  {"id": "b1", "name": "B1", "host": "h1", "provisioning": "Manual", "nics": [{"id": "b1/n", "vmNetwork": "blue", "vmSubnet": "blue-a", "logicalSwitch": "ls", "mac": "00:1D:D8:B7:1C:05", "ipMode": "Static", "ip": "10.1.1.8"}]}]
})";

struct World {
    std::shared_ptr<const netvirt::emulator::forwarding::PolicySnapshot> snap;
};

inline const World &world()
{
    static const World w = [] {
        auto d = netvirt::core::io::parseDesign(kJson, "fuzz");
        if (!d)
            std::abort();
        return World{netvirt::emulator::forwarding::PolicySnapshot::build(d.value())};
    }();
    return w;
}

namespace fwd = netvirt::emulator::forwarding;

// The fast path must decide exactly like the general path (same actions, same bytes).
inline bool sameActions(const fwd::ActionList &a, const fwd::ActionList &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const fwd::Action &x = a[i];
        const fwd::Action &y = b[i];
        if (x.kind != y.kind || (x.kind == fwd::ActionKind::Drop && x.reason != y.reason) || x.port != y.port
            || x.vsidIndex != y.vsidIndex || x.nic != y.nic || x.peerHost != y.peerHost || x.gateway != y.gateway
            || x.size() != y.size())
            return false;
        std::vector<std::uint8_t> bx(x.head.begin(), x.head.end()), by(y.head.begin(), y.head.end());
        bx.insert(bx.end(), x.body.begin(), x.body.end());
        by.insert(by.end(), y.body.begin(), y.body.end());
        if (bx != by)
            return false;
    }
    return true;
}

} // namespace fuzzdesign
