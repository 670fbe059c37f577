// The synthetic design generator: a rack per 40 hosts (host group, PA site, PA pool), one
// network-virtualized logical network with one teamed logical switch, and tenants as isolated
// VM networks that all reuse 10.0.x.0/24.
#include <netvirt/core/model/generator.h>

#include <netvirt/core/net/address.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

namespace netvirt::core {

namespace {

// splitmix64: a portable, seedable generator (std distributions differ between libraries).
std::uint64_t mix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

int digits(std::size_t n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        ++d;
    }
    return d;
}

// "prefix" + n zero-padded to width.
std::string numbered(std::string_view prefix, std::size_t n, int width)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*zu", width, n);
    std::string s;
    s.reserve(prefix.size() + 24);
    s.append(prefix).append(buf);
    return s;
}

std::string ipv4(std::uint32_t a)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xFF, (a >> 8) & 0xFF, a & 0xFF);
    return buf;
}

// Provider subnets: 172.16.0.0/12 cut into /24s, one per rack (4096 racks, 163,840 hosts).
std::uint32_t rackSubnet(std::size_t rack)
{
    return (172u << 24) | (16u << 16) | (static_cast<std::uint32_t>(rack) << 8);
}

// Customer subnets: 10.0.0.0/8 cut into /24s; every tenant starts again at 10.0.0.0/24.
std::uint32_t customerSubnet(std::size_t subnet)
{
    return (10u << 24) | (static_cast<std::uint32_t>(subnet) << 8);
}

constexpr std::uint32_t kFirstPaHost = 10;    // .1 is the provider gateway
constexpr std::uint32_t kLastPaHost = 250;
constexpr std::uint32_t kFirstCaHost = 10;    // .1 is the VM subnet gateway
constexpr std::uint64_t kMacPoolStart = 0x001DD8B71C00ull;  // VMM's default MAC pool
constexpr std::uint64_t kMacPoolEnd = 0x001DD8F41FFFull;
constexpr std::uint32_t kFirstVsid = 5001;

struct PortClass {
    const char *id;
    const char *name;
    const char *profile;
    const char *profileName;
    std::int64_t weight;
    bool vmq;
};

constexpr std::array<PortClass, 3> kClasses{{
    {"pc-high", "High bandwidth", "vp-high", "High bandwidth adapter", 50, true},
    {"pc-medium", "Medium bandwidth", "vp-medium", "Medium bandwidth adapter", 30, true},
    {"pc-low", "Low bandwidth", "vp-low", "Low bandwidth adapter", 10, false},
}};

} // namespace

std::size_t generatorTenantCount(const GeneratorOptions &options)
{
    if (options.tenants > 0)
        return options.tenants;
    if (options.vms == 0)
        return 0;
    return std::max<std::size_t>(1, (options.vms + kGeneratorVmsPerTenant - 1) / kGeneratorVmsPerTenant);
}

Design generateDesign(const GeneratorOptions &options)
{
    const std::size_t vmCount = options.vms;
    const std::size_t hostCount = std::max<std::size_t>(options.hosts, vmCount > 0 ? 1 : 0);
    const std::size_t tenantCount = generatorTenantCount(options);
    const std::size_t rackCount = (hostCount + kGeneratorHostsPerRack - 1) / kGeneratorHostsPerRack;

    Design d;
    {
        char title[160];
        std::snprintf(title, sizeof title, "Generated: %zu hosts, %zu VMs, %zu tenants (seed %llu)", hostCount,
                      vmCount, tenantCount, static_cast<unsigned long long>(options.seed));
        d.name = title;
    }

    d.hostGroups.push_back(HostGroup{"hg-root", "All Hosts", std::nullopt, {}});
    if (hostCount == 0) {
        d.reindex();
        return d;
    }

    const int rackWidth = std::max(3, digits(rackCount));
    d.hostGroups.reserve(rackCount + 1);
    d.sites.reserve(rackCount);
    d.ipPools.reserve(rackCount);
    d.logicalNetworks.push_back(LogicalNetwork{"ln-prod", "Production", true, {}});

    UplinkPortProfile uplink;
    uplink.id = "up-prod";
    uplink.name = "Production uplink";
    uplink.networkVirtualization = true;
    uplink.sites.reserve(rackCount);

    for (std::size_t r = 0; r < rackCount; ++r) {
        const std::string rackNo = numbered("", r + 1, rackWidth);
        const std::uint32_t net = rackSubnet(r);
        const std::string prefix = ipv4(net) + "/24";

        HostGroup g;
        g.id = "hg-rack-" + rackNo;
        g.name = "Rack " + rackNo;
        g.parent = "hg-root";
        d.hostGroups.push_back(std::move(g));

        Site s;
        s.id = "site-rack-" + rackNo;
        s.name = "Rack " + rackNo + " provider";
        s.logicalNetwork = "ln-prod";
        s.hostGroups = {"hg-rack-" + rackNo};
        s.subnets.push_back(SiteSubnet{prefix, 100, {}});
        uplink.sites.push_back(s.id);
        d.sites.push_back(std::move(s));

        IpPool p;
        p.id = "pool-pa-rack-" + rackNo;
        p.name = "Rack " + rackNo + " PA pool";
        p.site = "site-rack-" + rackNo;
        p.subnet = prefix;
        p.start = ipv4(net + kFirstPaHost);
        p.end = ipv4(net + kLastPaHost);
        p.gateway = ipv4(net + 1);
        d.ipPools.push_back(std::move(p));
    }

    if (vmCount > 0) {
        MacPool m;
        m.id = "mac-default";
        m.name = "Default MAC pool";
        m.start = net::MacAddress::fromU64(kMacPoolStart).toString();
        m.end = net::MacAddress::fromU64(std::max<std::uint64_t>(kMacPoolEnd, kMacPoolStart + vmCount - 1)).toString();
        m.hostGroups = {"hg-root"};
        d.macPools.push_back(std::move(m));
    }

    d.uplinkPortProfiles.push_back(std::move(uplink));

    LogicalSwitch ls;
    ls.id = "ls-prod";
    ls.name = "Production switch";
    ls.uplinkMode = UplinkMode::Team;
    ls.bandwidthMode = BandwidthMode::Weight;
    ls.uplinkProfiles = {"up-prod"};
    for (const PortClass &c : kClasses) {
        VnicPortProfile vp;
        vp.id = c.profile;
        vp.name = c.profileName;
        vp.offload.vmq = c.vmq;
        vp.bandwidth.minimumWeight = c.weight;
        d.vnicPortProfiles.push_back(std::move(vp));
        d.portClassifications.push_back(PortClassification{c.id, c.name, std::nullopt, {}});
        VirtualPort port;
        port.classification = c.id;
        port.vnicProfile = c.profile;
        if (std::string_view(c.id) == "pc-medium")
            port.isDefault = true;
        ls.virtualPorts.push_back(std::move(port));
    }
    d.logicalSwitches.push_back(std::move(ls));

    const int hostWidth = std::max(2, digits(hostCount));
    d.hosts.reserve(hostCount);
    for (std::size_t i = 0; i < hostCount; ++i) {
        const std::size_t rack = i / kGeneratorHostsPerRack;
        const std::uint32_t slot = static_cast<std::uint32_t>(i % kGeneratorHostsPerRack);
        Host h;
        h.id = numbered("host-", i + 1, hostWidth);
        h.name = numbered("HV", i + 1, hostWidth);
        h.hostGroup = "hg-rack-" + numbered("", rack + 1, rackWidth);
        HostSwitch sw;
        sw.logicalSwitch = "ls-prod";
        for (int n = 1; n <= 2; ++n) {
            PhysicalNic nic;
            nic.id = h.id + "/nic" + std::to_string(n);
            nic.name = "NIC" + std::to_string(n);
            nic.mtu = 1542;
            nic.speedMbps = 10000;
            sw.adapters.push_back(Adapter{nic.id, "up-prod", {}});
            h.physicalNics.push_back(std::move(nic));
        }
        h.switches.push_back(std::move(sw));
        // What IPAM would allocate: hosts in id order take the lowest free address of their
        // rack's pool.
        h.providerAddresses = std::vector<std::string>{ipv4(rackSubnet(rack) + kFirstPaHost + slot)};
        d.hosts.push_back(std::move(h));
    }

    const int tenantWidth = std::max(3, digits(tenantCount));
    const std::size_t maxPerTenant = tenantCount ? (vmCount + tenantCount - 1) / tenantCount : 0;
    const int vmWidth = std::max(3, digits(maxPerTenant));
    std::uint32_t vsid = kFirstVsid;
    std::size_t vmIndex = 0;
    d.vmNetworks.reserve(tenantCount);
    d.vms.reserve(vmCount);
    for (std::size_t t = 0; t < tenantCount; ++t) {
        const std::size_t first = t * vmCount / tenantCount;
        const std::size_t last = (t + 1) * vmCount / tenantCount;
        const std::size_t inTenant = last - first;
        const std::size_t subnetCount = std::max<std::size_t>(1, (inTenant + kGeneratorVmsPerSubnet - 1) / kGeneratorVmsPerSubnet);
        const std::string tenantNo = numbered("", t + 1, tenantWidth);

        VmNetwork n;
        n.id = "vmn-t" + tenantNo;
        n.name = "Tenant " + tenantNo;
        n.logicalNetwork = "ln-prod";
        n.isolation = Isolation::NetworkVirtualization;
        n.subnets.reserve(subnetCount);
        for (std::size_t s = 0; s < subnetCount; ++s) {
            VmSubnet sub;
            sub.id = n.id + "/s" + std::to_string(s + 1);
            sub.name = "Subnet " + std::to_string(s + 1);
            sub.prefix = ipv4(customerSubnet(s)) + "/24";
            sub.vsid = vsid++;
            n.subnets.push_back(std::move(sub));
        }

        for (std::size_t j = 0; j < inTenant; ++j, ++vmIndex) {
            const std::uint64_t r = mix(options.seed ^ mix(vmIndex));
            const std::size_t subnet = j / kGeneratorVmsPerSubnet;
            const std::uint32_t slot = static_cast<std::uint32_t>(j % kGeneratorVmsPerSubnet);
            Vm vm;
            vm.id = "vm-t" + tenantNo + "-" + numbered("", j + 1, vmWidth);
            vm.name = "T" + tenantNo + "-VM" + numbered("", j + 1, vmWidth);
            vm.host = d.hosts[r % hostCount].id;
            vm.provisioning = Provisioning::Template;
            VmNic nic;
            nic.id = vm.id + "/nic0";
            nic.vmNetwork = n.id;
            nic.vmSubnet = n.subnets[subnet].id;
            nic.logicalSwitch = "ls-prod";
            nic.classification = kClasses[(r >> 32) % kClasses.size()].id;
            nic.mac = net::MacAddress::fromU64(kMacPoolStart + vmIndex).toString();
            nic.ipMode = IpMode::Static;
            nic.ip = ipv4(customerSubnet(subnet) + kFirstCaHost + slot);
            vm.nics.push_back(std::move(nic));
            d.vms.push_back(std::move(vm));
        }
        d.vmNetworks.push_back(std::move(n));
    }

    d.reindex();
    return d;
}

} // namespace netvirt::core
