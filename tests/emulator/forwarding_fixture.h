// Shared by the forwarding tests: a small fixed design, byte-by-byte frame writers following
// the RFC layouts (RFC 894 Ethernet, RFC 826 ARP, RFC 791 IPv4, RFC 792 ICMP, RFC 768 UDP,
// RFC 7637 NVGRE) and a harness that runs the pipeline of one host.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <QtGlobal>

#include <netvirt/core/io/design_io.h>
#include <netvirt/emulator/forwarding/pipeline.h>
#include <netvirt/emulator/forwarding/policy_snapshot.h>

namespace fixture {

using namespace netvirt;
using namespace netvirt::emulator::forwarding;

// host-a PA 192.168.1.10 (NICs 00:15:5D:00:01:01/02, teamed, HyperVPort), host-b PA
// 192.168.1.50, host-c PA 192.168.2.20 (another provider subnet). Red: 10.1.1.0/24 VSID 5001
// and 10.1.2.0/24 VSID 5002; Blue: 10.1.1.0/24 VSID 6001 and 10.9.9.0/24 VSID 6002, with a
// gateway 10.1.1.254 on host-c for 0.0.0.0/0.
inline const char *kDesign = R"({
 "format": "netvirt-design", "version": 1, "name": "forwarding fixture",
 "hostGroups": [{"id": "hg", "name": "All"}],
 "logicalNetworks": [{"id": "ln", "name": "Prod", "networkVirtualization": true}],
 "sites": [{"id": "site1", "name": "S1", "logicalNetwork": "ln", "hostGroups": ["hg"],
            "subnets": [{"prefix": "192.168.1.0/24", "vlan": 0}, {"prefix": "192.168.2.0/24", "vlan": 0}]}],
 "ipPools": [{"id": "pa1", "name": "PA1", "site": "site1", "subnet": "192.168.1.0/24", "start": "192.168.1.10", "end": "192.168.1.99", "gateway": "192.168.1.1"},
             {"id": "pa2", "name": "PA2", "site": "site1", "subnet": "192.168.2.0/24", "start": "192.168.2.10", "end": "192.168.2.99", "gateway": "192.168.2.1"},
             {"id": "pool-red", "name": "Red pool", "vmSubnet": "red-web", "start": "10.1.1.20", "end": "10.1.1.29", "dns": ["10.1.1.53"]}],
 "macPools": [{"id": "mp", "name": "MACs", "start": "00:1D:D8:B7:1C:00", "end": "00:1D:D8:B7:1C:FF", "hostGroups": ["hg"]}],
 "uplinkPortProfiles": [{"id": "up", "name": "Up", "sites": ["site1"], "networkVirtualization": true,
                         "teaming": {"mode": "SwitchIndependent", "loadBalancing": "HyperVPort"}}],
 "vnicPortProfiles": [
   {"id": "vp-plain", "name": "Plain", "offload": {}, "security": {}, "bandwidth": {}},
   {"id": "vp-guarded", "name": "Guarded", "offload": {}, "security": {"dhcpGuard": true, "routerGuard": true}, "bandwidth": {}},
   {"id": "vp-spoof", "name": "Spoof", "offload": {}, "security": {"macSpoofing": true}, "bandwidth": {}},
   {"id": "vp-slow", "name": "Slow", "offload": {}, "security": {}, "bandwidth": {"maximumMbps": 1}}],
 "portClassifications": [{"id": "pc-plain", "name": "Plain"}, {"id": "pc-guarded", "name": "Guarded"},
                         {"id": "pc-spoof", "name": "Spoof"}, {"id": "pc-slow", "name": "Slow"}],
 "logicalSwitches": [{"id": "ls", "name": "LS", "uplinkMode": "Team", "bandwidthMode": "Absolute", "extensions": [],
                      "uplinkProfiles": ["up"],
                      "virtualPorts": [{"classification": "pc-plain", "vnicProfile": "vp-plain", "default": true},
                                       {"classification": "pc-guarded", "vnicProfile": "vp-guarded"},
                                       {"classification": "pc-spoof", "vnicProfile": "vp-spoof"},
                                       {"classification": "pc-slow", "vnicProfile": "vp-slow"}]}],
 "hosts": [
  {"id": "host-a", "name": "HV-A", "hostGroup": "hg",
   "physicalNics": [{"id": "host-a/nic1", "name": "NIC1", "mac": "00:15:5D:00:01:01", "mtu": 1542},
                    {"id": "host-a/nic2", "name": "NIC2", "mac": "00:15:5D:00:01:02", "mtu": 1542}],
   "switches": [{"logicalSwitch": "ls", "adapters": [{"nic": "host-a/nic1", "uplinkProfile": "up"}, {"nic": "host-a/nic2", "uplinkProfile": "up"}]}],
   "providerAddresses": ["192.168.1.10"]},
  {"id": "host-b", "name": "HV-B", "hostGroup": "hg",
   "physicalNics": [{"id": "host-b/nic1", "name": "NIC1", "mac": "00:15:5D:00:02:01", "mtu": 1542}],
   "switches": [{"logicalSwitch": "ls", "adapters": [{"nic": "host-b/nic1", "uplinkProfile": "up"}]}],
   "providerAddresses": ["192.168.1.50"]},
  {"id": "host-c", "name": "HV-C", "hostGroup": "hg",
   "physicalNics": [{"id": "host-c/nic1", "name": "NIC1", "mac": "00:15:5D:00:03:01", "mtu": 1542}],
   "switches": [{"logicalSwitch": "ls", "adapters": [{"nic": "host-c/nic1", "uplinkProfile": "up"}]}],
   "providerAddresses": ["192.168.2.20"]}],
 "vmNetworks": [
  {"id": "vmn-red", "name": "Red", "logicalNetwork": "ln", "isolation": "NetworkVirtualization",
   "subnets": [{"id": "red-web", "prefix": "10.1.1.0/24", "vsid": 5001}, {"id": "red-app", "prefix": "10.1.2.0/24", "vsid": 5002}]},
  {"id": "vmn-blue", "name": "Blue", "logicalNetwork": "ln", "isolation": "NetworkVirtualization",
   "subnets": [{"id": "blue-web", "prefix": "10.1.1.0/24", "vsid": 6001}, {"id": "blue-db", "prefix": "10.9.9.0/24", "vsid": 6002}]}],
 "vms": [
  {"id": "vm-a1", "name": "A1", "host": "host-a", "provisioning": "Manual", "nics": [{"id": "vm-a1/nic0", "vmNetwork": "vmn-red", "vmSubnet": "red-web", "logicalSwitch": "ls", "classification": "pc-plain", "mac": "00:1D:D8:B7:1C:02", "ipMode": "Static", "ip": "10.1.1.8"}]},
  {"id": "vm-a2", "name": "A2", "host": "host-a", "provisioning": "Manual", "nics": [{"id": "vm-a2/nic0", "vmNetwork": "vmn-red", "vmSubnet": "red-web", "logicalSwitch": "ls", "classification": "pc-plain", "mac": "00:1D:D8:B7:1C:10", "ipMode": "Static", "ip": "10.1.1.10"}]},
  {"id": "vm-a3", "name": "A3", "host": "host-a", "provisioning": "Manual", "nics": [{"id": "vm-a3/nic0", "vmNetwork": "vmn-red", "vmSubnet": "red-app", "logicalSwitch": "ls", "classification": "pc-plain", "mac": "00:1D:D8:B7:1C:25", "ipMode": "Static", "ip": "10.1.2.5"}]},
  {"id": "vm-b1", "name": "B1", "host": "host-b", "provisioning": "Manual", "nics": [{"id": "vm-b1/nic0", "vmNetwork": "vmn-red", "vmSubnet": "red-web", "logicalSwitch": "ls", "classification": "pc-plain", "mac": "00:1D:D8:B7:1C:09", "ipMode": "Static", "ip": "10.1.1.9"}]},
  {"id": "vm-b2", "name": "B2", "host": "host-b", "provisioning": "Manual", "nics": [{"id": "vm-b2/nic0", "vmNetwork": "vmn-red", "vmSubnet": "red-app", "logicalSwitch": "ls", "classification": "pc-plain", "mac": "00:1D:D8:B7:1C:26", "ipMode": "Static", "ip": "10.1.2.6"}]},
  {"id": "vm-c1", "name": "C1", "host": "host-c", "provisioning": "Manual", "nics": [{"id": "vm-c1/nic0", "vmNetwork": "vmn-red", "vmSubnet": "red-web", "logicalSwitch": "ls", "classification": "pc-plain", "mac": "00:1D:D8:B7:1C:11", "ipMode": "Static", "ip": "10.1.1.11"}]},
  {"id": "vm-dhcp", "name": "DHCP", "host": "host-a", "provisioning": "Manual", "nics": [{"id": "vm-dhcp/nic0", "vmNetwork": "vmn-red", "vmSubnet": "red-web", "logicalSwitch": "ls", "classification": "pc-guarded", "mac": "00:1D:D8:B7:1C:20", "ipMode": "Dhcp", "ip": "10.1.1.20"}]},
  {"id": "vm-spoof", "name": "SPOOF", "host": "host-a", "provisioning": "Manual", "nics": [{"id": "vm-spoof/nic0", "vmNetwork": "vmn-red", "vmSubnet": "red-web", "logicalSwitch": "ls", "classification": "pc-spoof", "mac": "00:1D:D8:B7:1C:30", "ipMode": "Static", "ip": "10.1.1.30"}]},
  {"id": "vm-slow", "name": "SLOW", "host": "host-b", "provisioning": "Manual", "nics": [{"id": "vm-slow/nic0", "vmNetwork": "vmn-red", "vmSubnet": "red-web", "logicalSwitch": "ls", "classification": "pc-slow", "mac": "00:1D:D8:B7:1C:40", "ipMode": "Static", "ip": "10.1.1.40"}]},
  {"id": "vm-blue1", "name": "BLUE1", "host": "host-a", "provisioning": "Manual", "nics": [{"id": "vm-blue1/nic0", "vmNetwork": "vmn-blue", "vmSubnet": "blue-web", "logicalSwitch": "ls", "classification": "pc-plain", "mac": "00:1D:D8:B7:2C:02", "ipMode": "Static", "ip": "10.1.1.8"}]},
  {"id": "vm-blue2", "name": "BLUE2", "host": "host-b", "provisioning": "Manual", "nics": [{"id": "vm-blue2/nic0", "vmNetwork": "vmn-blue", "vmSubnet": "blue-db", "logicalSwitch": "ls", "classification": "pc-plain", "mac": "00:1D:D8:B7:2C:09", "ipMode": "Static", "ip": "10.9.9.9"}]}],
 "gateways": [{"id": "gw-blue", "name": "Blue gateway", "vmNetwork": "vmn-blue", "vmSubnet": "blue-web", "address": "10.1.1.254",
               "host": "host-c", "externalPrefix": "0.0.0.0/0", "mode": "Forward"}]
})";

inline core::Design loadDesign(const std::string &json = kDesign)
{
    auto d = core::io::parseDesign(json, "fixture");
    if (!d)
        qFatal("fixture design does not load: %s", d.error().message.c_str());
    return std::move(d).value();
}

inline std::string replaced(std::string s, const std::string &from, const std::string &to)
{
    auto pos = s.find(from);
    if (pos == std::string::npos)
        qFatal("fixture: %s not found", from.c_str());
    return s.replace(pos, from.size(), to);
}

// ---- byte writers ----------------------------------------------------------------------

struct Bytes {
    std::vector<std::uint8_t> v;

    Bytes &u8(unsigned x) { v.push_back(static_cast<std::uint8_t>(x)); return *this; }
    Bytes &u16(unsigned x) { return u8(x >> 8).u8(x & 0xFF); }
    Bytes &u32(std::uint32_t x) { return u16(x >> 16).u16(x & 0xFFFF); }
    Bytes &hex(const char *h)
    {
        unsigned nib = 0;
        int n = 0;
        for (const char *p = h; *p; ++p) {
            int d = (*p >= '0' && *p <= '9') ? *p - '0' : (*p >= 'a' && *p <= 'f') ? *p - 'a' + 10
                                                     : (*p >= 'A' && *p <= 'F') ? *p - 'A' + 10 : -1;
            if (d < 0)
                continue;
            nib = (nib << 4) | static_cast<unsigned>(d);
            if (++n == 2) {
                u8(nib);
                nib = 0;
                n = 0;
            }
        }
        return *this;
    }
    Bytes &mac(const char *m) { return hex(m); }         // "00:1D:D8:B7:1C:02"
    Bytes &ip(const char *a)
    {
        unsigned b[4];
        std::sscanf(a, "%u.%u.%u.%u", &b[0], &b[1], &b[2], &b[3]);
        return u8(b[0]).u8(b[1]).u8(b[2]).u8(b[3]);
    }
    Bytes &append(const Bytes &o)
    {
        if (!o.v.empty()) // GCC 12 -O3 warns -Wnonnull when inserting an empty range
            v.insert(v.end(), o.v.begin(), o.v.end());
        return *this;
    }
    Bytes &zeros(std::size_t n)
    {
        v.resize(v.size() + n, 0); // not insert(): GCC 12 -O3 warns -Wnonnull on an empty vector
        return *this;
    }
    std::size_t size() const { return v.size(); }
};

inline std::uint16_t sum16(const std::uint8_t *p, std::size_t n, std::uint32_t acc = 0)
{
    for (std::size_t i = 0; i + 1 < n; i += 2)
        acc += (p[i] << 8) | p[i + 1];
    if (n & 1)
        acc += p[n - 1] << 8;
    while (acc >> 16)
        acc = (acc & 0xFFFF) + (acc >> 16);
    return static_cast<std::uint16_t>(~acc);
}

// RFC 894: destination, source, EtherType.
inline Bytes ethernet(const char *dst, const char *src, unsigned type)
{
    Bytes b;
    b.mac(dst).mac(src).u16(type);
    return b;
}

// RFC 826 over Ethernet: htype 1, ptype 0x0800, hlen 6, plen 4.
inline Bytes arp(unsigned op, const char *sha, const char *spa, const char *tha, const char *tpa)
{
    Bytes b;
    b.u16(1).u16(0x0800).u8(6).u8(4).u16(op).mac(sha).ip(spa).mac(tha).ip(tpa);
    return b;
}

// RFC 791 header (IHL 5) with its checksum, followed by `payload`.
inline Bytes ipv4(const char *src, const char *dst, unsigned proto, const Bytes &payload, unsigned ttl = 64,
                  bool df = true, unsigned id = 0x1234, unsigned flagsOffset = 0)
{
    Bytes h;
    h.u8(0x45).u8(0).u16(static_cast<unsigned>(20 + payload.size())).u16(id).u16((df ? 0x4000 : 0) | flagsOffset)
        .u8(ttl).u8(proto).u16(0).ip(src).ip(dst);
    const auto c = sum16(h.v.data(), 20);
    h.v[10] = static_cast<std::uint8_t>(c >> 8);
    h.v[11] = static_cast<std::uint8_t>(c);
    return h.append(payload);
}

// RFC 792 echo request with `dataBytes` of data, checksum filled.
inline Bytes icmpEcho(std::size_t dataBytes, unsigned type = 8)
{
    Bytes b;
    b.u8(type).u8(0).u16(0).u16(0x0101).u16(1);
    for (std::size_t i = 0; i < dataBytes; ++i)
        b.u8(static_cast<unsigned>(i));
    const auto c = sum16(b.v.data(), b.size());
    b.v[2] = static_cast<std::uint8_t>(c >> 8);
    b.v[3] = static_cast<std::uint8_t>(c);
    return b;
}

// RFC 768 with checksum 0 (none).
inline Bytes udp(unsigned sport, unsigned dport, const Bytes &data)
{
    Bytes b;
    b.u16(sport).u16(dport).u16(static_cast<unsigned>(8 + data.size())).u16(0);
    return b.append(data);
}

// RFC 7637: GRE flags/version, protocol type, VSID << 8 | FlowID.
inline Bytes gre(std::uint32_t vsid, unsigned flowId = 0, unsigned flags = 0x2000, unsigned proto = 0x6558)
{
    Bytes b;
    b.u16(flags).u16(proto).u32((vsid << 8) | flowId);
    return b;
}

inline Bytes frame(const char *dst, const char *src, unsigned type, const Bytes &payload)
{
    return ethernet(dst, src, type).append(payload);
}

// An NVGRE frame from `outerSrc` to `outerDst` carrying `inner`.
inline Bytes nvgre(const char *outerSrc, const char *outerDst, std::uint32_t vsid, const Bytes &inner,
                   const char *dstMac = "00:15:5D:00:01:01", unsigned flags = 0x2000, unsigned proto = 0x6558)
{
    Bytes g = gre(vsid, 0, flags, proto);
    g.append(inner);
    return frame(dstMac, "00:15:5D:00:02:01", 0x0800, ipv4(outerSrc, outerDst, 47, g));
}

// ---- the harness -------------------------------------------------------------------------

struct Harness {
    std::shared_ptr<const PolicySnapshot> snap;
    std::unique_ptr<netvirt::emulator::packet::FrameBuffer> buf = std::make_unique<netvirt::emulator::packet::FrameBuffer>();
    ActionList out;
    DropCounters counters;
    PipelineContext ctx;

    explicit Harness(const core::Design &d, const SnapshotOptions &o = {})
        : snap(PolicySnapshot::build(d, o)), out(ActionList::forSnapshot(*snap)), counters(*snap)
    {
        ctx.snapshot = snap.get();
        ctx.counters = &counters;
    }
    std::uint32_t port(const char *id) const { return snap->portIndex(id); }
    std::uint32_t host(const char *id) const { return snap->hostIndex(id); }

    const ActionList &fromPort(const char *portId, const Bytes &f)
    {
        const auto p = port(portId);
        if (p == kNone)
            qFatal("no port %s", portId);
        ctx.host = snap->ports()[p].host;
        if (!buf->assign(f.v))
            qFatal("frame too large");
        netvirt::emulator::forwarding::fromPort(ctx, p, *buf, out);
        return out;
    }
    const ActionList &fromProvider(const char *hostId, const Bytes &f, std::uint16_t nic = 0)
    {
        ctx.host = host(hostId);
        if (!buf->assign(f.v))
            qFatal("frame too large");
        netvirt::emulator::forwarding::fromProvider(ctx, nic, *buf, out);
        return out;
    }
    std::vector<std::uint8_t> bytesOf(const Action &a) const
    {
        std::vector<std::uint8_t> v(a.head.begin(), a.head.end());
        v.insert(v.end(), a.body.begin(), a.body.end());
        return v;
    }
    // The single drop reason among the actions, or 0.
    int dropReason() const
    {
        for (const auto &a : out)
            if (a.kind == ActionKind::Drop)
                return static_cast<int>(a.reason);
        return 0;
    }
    std::vector<std::string> deliveredTo() const
    {
        std::vector<std::string> v;
        for (const auto &a : out)
            if (a.kind == ActionKind::Deliver)
                v.push_back(snap->ports()[a.port].id);
        return v;
    }
    std::size_t count(ActionKind k) const
    {
        std::size_t n = 0;
        for (const auto &a : out)
            n += a.kind == k;
        return n;
    }
    const Action *first(ActionKind k) const
    {
        for (const auto &a : out)
            if (a.kind == k)
                return &a;
        return nullptr;
    }
};

inline int reason(DropReason r) { return static_cast<int>(r); }

} // namespace fixture
