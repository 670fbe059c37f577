// The rule functions of RULES.md, grouped by the subject they look at, so that the full check
// and the incremental validator run exactly the same code: fabric (everything that does not
// depend on VMs), one VM and its vNICs, one host with the VMs it runs, hashed buckets of
// names / MACs / addresses, and the IPAM-derived rules.
// Thread-safety: a Fabric is built once and then read; its walk cache is not thread-safe.
#pragma once

#include <netvirt/core/ipam/ipam.h>
#include <netvirt/core/model/design.h>
#include <netvirt/core/net/address.h>
#include <netvirt/core/rules/rule_engine.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace netvirt::core::rules::detail {

using Out = std::vector<Violation>;

struct StrHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StrMap = std::unordered_map<std::string, V, StrHash, std::equal_to<>>;

// The result of the NV200 walk from (host, logical switch) to a logical network.
struct Walk {
    enum class Status : std::uint8_t { Ok = 1, SwitchNotOnHost, NoUplinkCarries, NotScoped, Unknown };
    Status status = Status::Unknown;
    std::vector<std::pair<Id, Id>> reachable;  // (site, uplink profile) pairs, in walk order
    Id carriedSite, carriedUplink;              // NotScoped: the first pair carried
    std::optional<Fix> fix;
};

// Indexes of the design's fabric (everything but VMs), valid while only VMs change.
class Fabric {
public:
    explicit Fabric(const Design &design);

    const Design &design() const { return *m_design; }
    void rebind(const Design &design) { m_design = &design; }
    // Host group and its ancestors (self first), cycle-safe. Empty for unknown ids.
    const std::vector<Id> &ancestors(std::string_view hostGroupId) const;
    // Valid prefixes of a site's subnets.
    const std::vector<net::Prefix> &sitePrefixes(std::string_view siteId) const;
    std::optional<net::Prefix> vmSubnetPrefix(std::string_view vmSubnetId) const;
    bool siteHasInvalidSubnet(std::string_view siteId) const { return m_invalidSites.count(std::string(siteId)) > 0; }
    bool anyInvalidSiteSubnet() const { return !m_invalidSites.empty(); }
    // The NV200 walk (host, switch and logical network must resolve).
    const Walk &walk(const Host &host, const LogicalSwitch &ls, const LogicalNetwork &ln) const;
    bool siteScopedToHost(const Site &site, const Host &host) const;

private:
    const Design *m_design;
    mutable StrMap<std::vector<Id>> m_ancestors;
    StrMap<std::vector<net::Prefix>> m_sitePrefixes;
    std::unordered_set<std::string> m_invalidSites;
    StrMap<std::optional<net::Prefix>> m_vmSubnetPrefixes;
    struct WalkKey {
        const Host *host;
        const LogicalSwitch *ls;
        const LogicalNetwork *ln;
        bool operator==(const WalkKey &) const = default;
    };
    struct WalkKeyHash {
        std::size_t operator()(const WalkKey &k) const
        {
            auto h = std::hash<const void *>{};
            return h(k.host) * 31 * 31 + h(k.ls) * 31 + h(k.ln);
        }
    };
    // Keyed by address: the fabric's tables do not move while only VMs change.
    mutable std::unordered_map<WalkKey, Walk, WalkKeyHash> m_walks;
};

// Violation factory: severity from the catalog.
Violation make(std::string_view rule, std::vector<Id> entities, std::string message);

// --- subjects ---
void checkFabric(const Fabric &fabric, Out &out);
void checkVm(const Fabric &fabric, const Vm &vm, Out &out);
// NV206, NV307: a host with the VMs it runs.
void checkHostVms(const Fabric &fabric, const Host &host, const std::vector<const Vm *> &vms, Out &out);
// What the incremental validator keeps of the last IPAM run, to tell when a vNIC address or
// MAC edit cannot change the IPAM-derived rules (see IncrementalValidator).
struct IpamFacts {
    struct IpRange {
        Id pool;
        std::string space; // "rd:<VM network>" or "ln:<logical network>", as in bucket keys
        net::AddrKey first, last;
    };
    struct MacRange {
        Id pool;
        std::uint64_t first = 0, last = 0;
    };
    StrMap<std::size_t> poolUse;
    std::unordered_set<std::string> drawn;   // pools something was allocated from, or short
    bool anythingUnallocated = false;        // a host, vNIC or MAC that IPAM could not serve
    std::vector<IpRange> ipRanges;
    std::vector<MacRange> macRanges;
    std::shared_ptr<const ipam::Allocation> allocation; // the last run, for re-reporting
};
// NV103 (pools), NV123, NV304, NV306.
void checkIpam(const Fabric &fabric, Out &out, IpamFacts *facts = nullptr);
// The findings of an allocation already made (messages follow the design's current names).
void reportIpam(const Fabric &fabric, const ipam::Allocation &allocation, Out &out);

// --- buckets (NV102 VM names, NV125 addresses, NV131 MACs) ---
struct Contribution {
    std::string key;  // bucket key: "n|<folded VM name>", "m|<mac>", "a|<space>|<address>"
    Id entity;
};
void vmContributions(const Design &design, const Vm &vm, std::vector<Contribution> &out);
void fabricContributions(const Fabric &fabric, std::vector<Contribution> &out);
// The violation of one bucket, if its members collide.
void checkBucket(const Design &design, std::string_view key, const std::vector<Id> &members, Out &out);

// What ipam::allocate reads of a VM; a VM edit that leaves it unchanged cannot change IPAM.
std::uint64_t ipamSignature(const Vm &vm);
// The same without the values of `ip` and `mac` (only whether they are given).
std::uint64_t ipamShape(const Vm &vm);
// The address space of a vNIC's addresses ("rd:<VM network>" / "ln:<logical network>"), if
// its VM network resolves.
std::optional<std::string> addressSpace(const Design &design, const std::optional<Id> &vmNetwork);

// The human label of a kind ("logical switch") and "label 'Name'".
std::string_view kindLabel(EntityKind kind);
std::string describe(const Design &design, std::string_view id);

} // namespace netvirt::core::rules::detail
