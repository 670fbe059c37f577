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
    bool virtualized = false;  // some reachable uplink profile has network virtualization (NV305)
    // Whether a check read every reachable pair (NV207 address reachability): only then does
    // a change of the pairs beyond the first matter to the checks.
    mutable bool readAll = false;

    bool operator==(const Walk &o) const;
};

class LookupMemo;

// Indexes of the design's fabric (everything but VMs). The walk depends on a host only
// through its host group and the uplink port profiles of its adapters for the switch: walks
// are computed once per such class and shared by the hosts of the class.
class Fabric {
public:
    explicit Fabric(const Design &design);

    const Design &design() const { return *m_design; }
    void rebind(const Design &design) { m_design = &design; }
    // Whether every id names one entity (then an entity's id finds that entity). Edits keep
    // ids unique (edit.h refuses a taken id), so this holds across rebind().
    bool uniqueIds() const { return m_uniqueIds; }
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

    // ---- for the incremental validator ----
    // Site subnets and VM subnet prefixes read again (after edits of sites or VM networks).
    void refreshPrefixes();
    // Host and switch tables may have moved (entities added or removed): forget the walks
    // looked up by address; the walk classes stay.
    void forgetAddresses() { m_walks.clear(); }
    // A host changed: its walks are looked up again.
    void forgetHost(const Host &host);
    // Computes every walk class again after a fabric edit; returns the ids of the hosts that
    // looked up a class whose walk changed as the checks see it (status, first pair, fix,
    // virtualization; every pair when a check read them all), or whose pairs, read all,
    // name one of `touched` (sites whose subnets changed).
    std::unordered_set<Id> rewalk(const std::unordered_set<Id> &touched);

private:
    struct WalkClass {
        Id ls, ln, hostGroup;
        bool onHost = false;
        std::vector<Id> uplinks;
        Walk walk;
        std::unordered_set<Id> hosts; // every host that looked it up (a superset)
    };
    void computeWalk(WalkClass &c, LookupMemo *memo = nullptr) const;
    bool scopedToGroup(const Site &site, std::string_view hostGroup) const;
    void prefixes();

    const Design *m_design;
    bool m_uniqueIds = false;
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
    // Keyed by address: valid while the host, switch and logical network tables do not move.
    mutable std::unordered_map<WalkKey, WalkClass *, WalkKeyHash> m_walks;
    mutable StrMap<WalkClass> m_classes; // node-based: the pointers above stay valid
};

// Violation factory: severity from the catalog.
Violation make(std::string_view rule, std::vector<Id> entities, std::string message);
Severity severityOf(std::string_view rule);
// Every entity of the design, counting repeated ids again (`vmEntities`: VMs and vNICs, when known).
inline constexpr std::size_t kUnknownCount = static_cast<std::size_t>(-1);
std::size_t entityTotal(const Design &design, std::size_t vmEntities = kUnknownCount);

// --- subjects ---
void checkFabric(const Fabric &fabric, Out &out);
void checkVm(const Fabric &fabric, const Vm &vm, Out &out);
// Look-ups by id remembered while the design does not change (within one incremental
// update): the hundreds of VMs whose walk a fabric edit changed name few hosts, switches and
// networks, and each look-up in the design's index of every id is a cache miss.
// Ids are remembered by view: they must outlive the memo (ids of the design's entities do).
class LookupMemo {
public:
    explicit LookupMemo(const Design &design) : m_design(design) {}
    const EntityRef *find(std::string_view id);
    template <typename T>
    const T *get(std::string_view id, EntityKind kind, const std::vector<T> &table)
    {
        const EntityRef *r = find(id);
        return r && r->kind == kind && r->index < table.size() ? &table[r->index] : nullptr;
    }

private:
    const Design &m_design;
    std::pair<std::string_view, const EntityRef *> m_slots[64] = {};
};

// checkVm in two parts: the findings of the NV200 walks of its vNICs (NV200, NV207, NV305),
// which change with the fabric, and the rest. Either may be null (not checked). `memo`
// serves the look-ups of the walk findings when only those are checked; NV200 findings reuse
// the storage of the dropped findings in `spare` (taken from its back).
void checkVmParts(const Fabric &fabric, const Vm &vm, Out *local, Out *walks, LookupMemo *memo = nullptr,
                  std::vector<Violation> *spare = nullptr);
// The fabric findings without the per-host ones, and those of one host (its references,
// switch entries, host vNICs, provider addresses, names of its NICs); checkFabric = both.
// `vmEntities`: VMs plus their vNICs, when the caller knows (else counted).
void checkFabricGlobal(const Fabric &fabric, Out &out, std::size_t vmEntities = kUnknownCount);
void checkHostFabric(const Fabric &fabric, const Host &host, Out &out);
// checkFabricGlobal in parts that an edit of a fabric entity can leave unchanged (NV102 names
// and repeated ids; NV300-NV303; NV120-NV122; NV104, NV110-NV112, NV130 and gateway
// addresses), so that an update re-runs only the parts the edit's changes can reach
// (fabricPartReads: conservative, by kind).
enum class FabricPart : std::uint8_t { Names = 0, Virtualization, IpPools, Tables, Rest };
inline constexpr std::size_t kFabricParts = 5;
void checkFabricPart(const Fabric &fabric, FabricPart part, Out &out, std::size_t vmEntities = kUnknownCount);
bool fabricPartReads(FabricPart part, const Change &change);
// NV206, NV307: a host with the VMs it runs.
void checkHostVms(const Fabric &fabric, const Host &host, const std::vector<const Vm *> &vms, Out &out);
// NV103 (pools), NV123, NV304, NV306 from ipam::allocate.
void checkIpam(const Fabric &fabric, Out &out, std::shared_ptr<const ipam::Allocation> *keep = nullptr);
// The findings of an allocation already made (messages follow the design's current names).
void reportIpam(const Fabric &fabric, const ipam::Allocation &allocation, Out &out);

// ---- IPAM without allocating ("static" designs) ----
// When every host has its provider addresses (one more per vNIC of a Rewrite VM network on
// it), every vNIC its MAC, and every vNIC that IPAM would serve its address, ipam::allocate
// allocates nothing and lacks nothing: its only result is each pool's use, which counts the
// addresses (distinct per address space) and MACs (every one) of the design in the pool's
// range. The incremental validator keeps those counts instead of allocating.
struct PoolRange {
    Id pool;
    bool mac = false;
    std::string space;         // IP pools: "rd:<VM network>" / "ln:<logical network>"; "" counts nothing
    bool valid = false;        // the range as written parses and is not empty
    net::AddrKey first, last;  // IP pools
    std::uint64_t macFirst = 0, macLast = 0;
    bool operator==(const PoolRange &) const = default;
};
// Every IP pool then every MAC pool, as ipam::allocate counts them.
std::vector<PoolRange> poolRanges(const Design &design);
// vNICs of a VM that IPAM would give an address or a MAC; vNICs of Rewrite VM networks.
void vmIpamNeeds(const Design &design, const Vm &vm, int &needy, int &rewrite);
// Host vNICs of a host that IPAM would give an address or a MAC.
int hostIpamNeeds(const Design &design, const Host &host);
// The IPAM findings of a static design without allocating (only whether each pool holds
// something matters then: NV103); false, with nothing reported, when the design is not static.
bool checkStaticIpam(const Fabric &fabric, Out &out);
// NV103 of the pools that count nothing (static designs: there is nothing else to report).
void reportPoolUse(const Fabric &fabric, const StrMap<std::size_t> &poolUse, Out &out);

// --- buckets (NV102 VM and host names, NV125 addresses, NV131 MACs) ---
struct Contribution {
    std::string key;  // bucket key: "n|<folded VM name>", "h|<folded host name>", "m|<mac>", "a|<space>|<address>"
    Id entity;
};
void vmContributions(const Design &design, const Vm &vm, std::vector<Contribution> &out);
void fabricContributions(const Fabric &fabric, std::vector<Contribution> &out);
// The parts of fabricContributions: one host (provider addresses, host vNICs), gateways.
void hostContributions(const Fabric &fabric, const Host &host, std::vector<Contribution> &out);
void gatewayContributions(const Fabric &fabric, std::vector<Contribution> &out);
// The violation of one bucket, if its members collide.
void checkBucket(const Design &design, std::string_view key, const std::vector<Id> &members, Out &out);

// What ipam::allocate reads of a VM; a VM edit that leaves it unchanged cannot change IPAM.
std::uint64_t ipamSignature(const Vm &vm);

// The human label of a kind ("logical switch") and "label 'Name'".
std::string_view kindLabel(EntityKind kind);
std::string describe(const Design &design, std::string_view id);
// describe() of a VM's vNIC, without looking its id up (for designs with unique ids).
// `extra`: room reserved for the rest of a message.
std::string describeVmNic(const Vm &vm, const VmNic &nic, std::size_t extra = 0);
void appendVmNic(std::string &out, const Vm &vm, const VmNic &nic);

} // namespace netvirt::core::rules::detail
