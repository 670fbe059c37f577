// The policy compiler: turns a Design (plus the IPAM allocation of PAs, CAs and MACs) into the
// Hyper-V Network Virtualization policy of FORWARDING.md — provider addresses, lookup records,
// customer routes, gateways — and the per-host facts the forwarding core needs (ports, NICs,
// teams, provider gateways, MTU). Entries whose facts the design does not give (an unresolved
// reference, an unparseable address) are left out; the rule engine reports them.
// Thread-safety: pure functions over a const Design; a Policy is a value.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <netvirt/core/ipam/ipam.h>
#include <netvirt/core/model/design.h>

namespace netvirt::core::policy {

// A 128-bit identifier printed the Windows way: "{0A1B2C3D-...}" (upper case, braces).
struct Guid {
    std::array<std::uint8_t, 16> bytes{};
    std::string toString() const;
    auto operator<=>(const Guid &) const = default;
};

// Name-based UUID version 5 (RFC 4122 §4.3: SHA-1 over namespace + name) in the NetVirt
// namespace (itself UUID v5 of "urn:netvirt" in the URL namespace). Routing domain ids are
// nameGuid("routing-domain:" + VM network id), customer ids nameGuid("customer:" + VM network
// id): stable across runs and machines, different for every id.
Guid nameGuid(std::string_view name);
Guid routingDomainGuid(std::string_view vmNetworkId);
Guid customerGuid(std::string_view vmNetworkId);
// SHA-1 of bytes (FIPS 180-4), exposed for tests.
std::array<std::uint8_t, 20> sha1(std::string_view bytes);
// Locally administered unicast MACs derived from a name (first bytes of its SHA-1), with the
// given first octet (must have bit 1 set, bit 0 clear).
std::string derivedMac(std::uint8_t firstOctet, std::string_view name);
// The virtual router MAC of a routing domain: 0A + the first five bytes of the RDID.
std::string routerMac(const Guid &rdid);

enum class Rule : std::uint8_t { Encap = 1, Nat };
std::string_view ruleName(Rule rule); // "TranslationMethodEncap" / "TranslationMethodNat"

struct ProviderAddress {
    Id host;
    std::string address;
    int prefixLength = 0;
    int vlanId = 0;
    std::string interfaceName;  // the physical NIC (first team member) that carries it
    Id nic;                     // its id
    Id logicalSwitch;
    Id site;                    // the site whose subnet holds it ("" when none does)
    std::string subnet;         // that subnet's prefix
    std::optional<Id> rewriteNic; // IP Rewrite PA: the VM vNIC that owns it
};

struct LookupRecord {
    std::string customerAddress;
    std::uint32_t virtualSubnetId = 0;
    std::string macAddress;     // "00:1D:D8:B7:1C:01"
    std::string providerAddress;
    Rule rule = Rule::Encap;
    std::string vmName;
    std::string customerId;     // GUID text
    // Not printed: where it comes from.
    Id vmNetwork;
    Id vmSubnet;
    Id host;
    Id nic;                     // VM vNIC id, or the gateway id
    bool isGateway = false;
};

struct CustomerRoute {
    std::string routingDomainId; // GUID text
    std::uint32_t virtualSubnetId = 0;
    std::string destinationPrefix;
    std::string nextHop;         // "0.0.0.0" ("::") on-link, else the gateway's address
    int metric = 0;
    Id vmNetwork;                // not printed
    std::optional<Id> gateway;   // not printed
};

struct SubnetPolicy {
    Id id;
    std::string prefix;
    std::uint32_t vsid = 0;
    std::string gatewayAddress; // the virtual router answers for it
    std::vector<std::string> dns;
};

struct RoutingDomain {
    Id vmNetwork;
    std::string name;
    Guid rdid;
    Guid customerId;
    std::string routerMac;
    Translation translation = Translation::Encap;
    std::vector<SubnetPolicy> subnets;
};

struct GatewayPolicy {
    Id id;
    std::string name;
    Id vmNetwork;
    Id vmSubnet;
    std::uint32_t vsid = 0;
    std::string address;
    std::string mac;             // derived: 0E + SHA-1 of the id
    Id host;
    std::string providerAddress;
    std::string externalPrefix;
    GatewayMode mode = GatewayMode::Forward;
    std::optional<std::string> externalAddress;
};

struct PortPolicy {
    Id nic;
    Id vm;
    std::string vmName;
    Id host;
    Id vmNetwork;
    Id vmSubnet;
    bool isolated = true;        // false: a standard VM network (no HNV for it)
    std::uint32_t vsid = 0;
    std::string address;         // CA
    int prefixLength = 0;
    std::string gatewayAddress;
    std::vector<std::string> dns;
    std::string mac;
    IpMode ipMode = IpMode::Static;
    Id logicalSwitch;
    Translation translation = Translation::Encap;
    std::optional<std::string> rewriteAddress; // its own PA (IP Rewrite)
    bool macSpoofing = false;
    bool dhcpGuard = false;
    bool routerGuard = false;
    std::optional<std::int64_t> maximumMbps;
};

struct NicPolicy {
    Id id;
    std::string name;
    std::string mac;
    std::int64_t mtu = 1500;
};

struct TeamPolicy {
    Id logicalSwitch;
    UplinkMode uplinkMode = UplinkMode::NoTeam;
    TeamingMode teamingMode = TeamingMode::SwitchIndependent;
    LoadBalancing loadBalancing = LoadBalancing::HyperVPort;
    std::vector<Id> members;     // physical NIC ids, in adapter order
};

struct ProviderSubnet {
    Id site;
    std::string prefix;
    int vlanId = 0;
    std::string gatewayAddress;  // the provider pool's gateway, else the first host address
    std::string gatewayMac;      // deterministic: 0E + SHA-1 of site and prefix
};

struct HostPolicy {
    Id id;
    std::string name;
    bool emulated = true;
    std::vector<NicPolicy> nics;
    std::vector<TeamPolicy> teams;
    std::vector<std::string> providerAddresses; // all of them, host PA first
    std::int64_t providerMtu = 1500;            // smallest NIC MTU (underlayMtu overrides)
};

struct Policy {
    std::vector<ProviderAddress> providerAddresses;
    std::vector<LookupRecord> lookupRecords;
    std::vector<CustomerRoute> customerRoutes;
    std::vector<RoutingDomain> routingDomains;
    std::vector<GatewayPolicy> gateways;
    std::vector<PortPolicy> ports;
    std::vector<HostPolicy> hosts;
    std::vector<ProviderSubnet> providerSubnets;
    bool flowId = true;                 // emulation.flowId
    std::optional<std::int64_t> underlayMtu; // emulation.underlayMtu
};

Policy compile(const Design &design);
Policy compile(const Design &design, const ipam::Allocation &allocation);

// CLI.md's JSON: {providerAddresses: [...], lookupRecords: [...], customerRoutes: [...]}.
Json policyToJson(const Policy &policy);
std::string printPolicyJson(const Policy &policy);
// SCVMM 2012 SP1 fabric cmdlets for the design's objects, then per host the Windows Server
// 2012 New-NetVirtualization* lines.
std::string printPolicyPowerShell(const Design &design, const Policy &policy);

} // namespace netvirt::core::policy
