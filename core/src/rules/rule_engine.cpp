// RuleEngine and IncrementalValidator: both assemble the same per-subject results (fabric,
// the fabric of each host, each VM, each host with its VMs, name/MAC/address buckets, IPAM),
// so that an incremental update equals a full check by construction; the update only
// recomputes the subjects that an edit can reach (see the dependency maps of State).
#include <netvirt/core/rules/rule_engine.h>

#include "checks.h"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_set>

namespace netvirt::core::rules {

using detail::Out;
using detail::StrMap;

// ---------------------------------------------------------------- catalog

const std::vector<RuleInfo> &ruleCatalog()
{
    static const std::vector<RuleInfo> kRules = {
        {"NV101", Severity::Error, "A reference names an id that does not exist or an entity of the wrong kind."},
        {"NV102", Severity::Error, "Two entities share an id, or two entities of one kind (or children of one parent) share a name."},
        {"NV103", Severity::Warning, "An object nothing uses."},
        {"NV104", Severity::Error, "The host group tree has a cycle."},
        {"NV110", Severity::Error, "A site subnet is not a valid prefix, or its VLAN is outside 0-4094."},
        {"NV111", Severity::Error, "Two intersecting site subnets carry the same VLAN."},
        {"NV112", Severity::Warning, "A site is scoped to no host group."},
        {"NV120", Severity::Error, "An IP pool's range is empty or leaves its subnet."},
        {"NV121", Severity::Error, "Two IP pools of the same subnet overlap."},
        {"NV122", Severity::Error, "A pool's gateway, DNS server or reserved address lies outside the subnet, or the gateway is allocatable."},
        {"NV123", Severity::Error, "An IP pool is exhausted."},
        {"NV124", Severity::Error, "An address is invalid or lies outside where it belongs."},
        {"NV125", Severity::Error, "Two addresses collide in one address space."},
        {"NV126", Severity::Error, "A vNIC takes its address from a pool but its VM is not provisioned from a template."},
        {"NV130", Severity::Error, "A MAC pool range is invalid or overlaps another MAC pool."},
        {"NV131", Severity::Error, "Two vNICs share a MAC address."},
        {"NV140", Severity::Warning, "An uplink port profile carries no network site."},
        {"NV141", Severity::Error, "A virtual port names a classification without a port profile, or a switch offers a classification twice."},
        {"NV142", Severity::Warning, "The minimum-bandwidth weights of a switch's virtual ports sum to more than 100."},
        {"NV150", Severity::Error, "A physical NIC is bound to more than one logical switch."},
        {"NV151", Severity::Error, "A NoTeam logical switch is bound to more than one physical NIC on a host."},
        {"NV152", Severity::Error, "The teamed NICs of a logical switch on a host are bound to different uplink port profiles."},
        {"NV153", Severity::Error, "A host binds a NIC with an uplink port profile that the logical switch does not offer."},
        {"NV154", Severity::Error, "A logical switch is deployed on a host with no physical NIC."},
        {"NV155", Severity::Error, "A vNIC names a logical switch that is not deployed on its VM's host."},
        {"NV156", Severity::Error, "A vNIC names a port classification that its logical switch does not offer."},
        {"NV157", Severity::Error, "A logical switch in use changed uplink mode, uplink profiles or extensions."},
        {"NV200", Severity::Error, "A vNIC's VM network is not reachable from its host (follow the green arrows)."},
        {"NV201", Severity::Warning, "A vNIC is bound to no VM network."},
        {"NV202", Severity::Error, "A vNIC on an isolated VM network names no VM subnet of that network."},
        {"NV203", Severity::Error, "A vNIC on a standard VM network names a VM subnet."},
        {"NV204", Severity::Warning, "A VM has no vNIC."},
        {"NV205", Severity::Error, "A host vNIC is on a VM network not reachable through its own switch."},
        {"NV206", Severity::Info, "A host vNIC shares a logical switch with VMs."},
        {"NV207", Severity::Error, "A standard VM network's vNIC has an address in no site subnet reachable from its host."},
        {"NV208", Severity::Error, "A host vNIC is on an isolated VM network."},
        {"NV300", Severity::Error, "An isolated VM network sits on a logical network without network virtualization."},
        {"NV301", Severity::Error, "A VSID is out of range, or two VM subnets share a VSID."},
        {"NV302", Severity::Error, "Two VM subnets of one VM network overlap."},
        {"NV303", Severity::Error, "A customer address space overlaps the provider address space."},
        {"NV304", Severity::Error, "A host runs isolated VMs but has no provider address."},
        {"NV305", Severity::Error, "An isolated vNIC reaches its logical network only through uplinks without network virtualization."},
        {"NV306", Severity::Error, "An IP Rewrite VM network's hosts cannot give every vNIC its own provider address."},
        {"NV307", Severity::Warning, "A physical NIC carrying NVGRE traffic has an MTU below 1542."},
        {"NV308", Severity::Error, "A gateway's VM network is not isolated or not reached by its host, or two gateways share an external prefix."},
        {"NV400", Severity::Error, "Moving a VM to another host would leave it unconnected."},
    };
    return kRules;
}

const RuleInfo *findRule(std::string_view id)
{
    for (const auto &r : ruleCatalog())
        if (r.id == id)
            return &r;
    return nullptr;
}

std::string_view severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
    }
    return "error";
}

std::string_view fixOpName(FixEdit::Op op)
{
    switch (op) {
    case FixEdit::Op::SetField: return "setField";
    case FixEdit::Op::Bind: return "bind";
    case FixEdit::Op::Unbind: return "unbind";
    }
    return "bind";
}

Result<ChangeSet> applyFix(Design &design, const Fix &fix)
{
    ChangeSet all;
    for (const auto &e : fix.edits) {
        Result<ChangeSet> r = e.op == FixEdit::Op::SetField ? setField(design, e.target, e.field, e.value)
            : e.op == FixEdit::Op::Bind                     ? bind(design, e.target, e.field, e.to)
                                                            : unbind(design, e.target, e.field, e.to);
        if (!r)
            return r.error();
        all.insert(all.end(), r->begin(), r->end());
    }
    return all;
}

bool Violation::operator==(const Violation &o) const
{
    auto fixEq = [](const std::optional<Fix> &a, const std::optional<Fix> &b) {
        if (a.has_value() != b.has_value())
            return false;
        if (!a)
            return true;
        if (a->description != b->description || a->edits.size() != b->edits.size())
            return false;
        for (std::size_t i = 0; i < a->edits.size(); ++i) {
            const auto &x = a->edits[i];
            const auto &y = b->edits[i];
            if (x.op != y.op || x.target != y.target || x.field != y.field || x.to != y.to || x.value != y.value)
                return false;
        }
        return true;
    };
    return rule == o.rule && severity == o.severity && entities == o.entities && path == o.path
        && brokenLink == o.brokenLink && message == o.message && params == o.params && fixEq(fix, o.fix);
}

namespace {

// violationLess as a three-way comparison, each string compared once. `withMessage` false:
// the key that finish() joins on.
int compareViolations(const Violation &a, const Violation &b, bool withMessage)
{
    if (a.severity != b.severity)
        return a.severity < b.severity ? -1 : 1;
    if (int c = a.rule.compare(b.rule))
        return c;
    // Lexicographic, as std::vector's operator<: first entity id, then the rest.
    const std::size_t n = std::min(a.entities.size(), b.entities.size());
    for (std::size_t i = 0; i < n; ++i)
        if (int c = a.entities[i].compare(b.entities[i]))
            return c;
    if (a.entities.size() != b.entities.size())
        return a.entities.size() < b.entities.size() ? -1 : 1;
    return withMessage ? a.message.compare(b.message) : 0;
}

} // namespace

bool violationLess(const Violation &a, const Violation &b) { return compareViolations(a, b, true) < 0; }

void sortViolations(std::vector<Violation> &violations)
{
    std::sort(violations.begin(), violations.end(), violationLess);
}

Summary summarize(const std::vector<Violation> &violations)
{
    Summary s;
    for (const auto &v : violations) {
        switch (v.severity) {
        case Severity::Error: ++s.errors; break;
        case Severity::Warning: ++s.warnings; break;
        case Severity::Info: ++s.infos; break;
        }
    }
    return s;
}

bool isClean(const std::vector<Violation> &violations)
{
    auto s = summarize(violations);
    return s.errors == 0 && s.warnings == 0;
}

namespace {

// The NV102 finding of a repeated id (an unusual design: the incremental paths then give up).
bool hasDuplicateIdFinding(const Out &fabricOut)
{
    return std::any_of(fabricOut.begin(), fabricOut.end(), [](const Violation &v) {
        return v.rule == "NV102" && v.params.count("id");
    });
}


// Sorts and reports once per blamed subject: findings of one rule with the same entities
// (an invalid IP and an invalid MAC on one vNIC) become one violation. NV400 is per rule.
void finish(std::vector<Violation> &v)
{
    sortViolations(v);
    std::size_t w = 0;
    for (std::size_t r = 0; r < v.size(); ++r) {
        if (w > 0 && v[r].rule != "NV400" && v[w - 1].rule == v[r].rule && v[w - 1].entities == v[r].entities) {
            v[w - 1].message += "; " + v[r].message;
            continue;
        }
        if (w != r)
            v[w] = std::move(v[r]);
        ++w;
    }
    v.resize(w);
}

} // namespace

// ---------------------------------------------------------------- incremental state

struct IncrementalValidator::State {
    // The subject that reported a finding. Findings live only in `result`, each with its
    // owner (resultOwner); a recomputed subject is staged and its old findings are dropped at
    // commit(), which merges the new ones into the sorted result instead of sorting it all.
    using Owner = std::uint32_t;
    static constexpr Owner kIpamOwner = 0;
    // The fabric findings that are not per host, one owner per detail::FabricPart.
    static Owner fabricOwner(std::size_t part) { return static_cast<Owner>(1 + part); }
    static constexpr std::size_t kFixedOwners = 1 + detail::kFabricParts;
    static constexpr Owner kNoOwner = UINT32_MAX;
    static constexpr Owner kMerged = 0x80000000u; // resultOwner: | slot of `merged`
    static constexpr std::uint32_t kNotStaged = UINT32_MAX;

    struct VmState {
        Id host;
        std::vector<Id> nics;
        std::vector<detail::Contribution> contributions;
        std::vector<Id> refs;  // the VM networks and VM subnets its vNICs name (refVms keys)
        std::uint64_t ipamSignature = 0;
        int needy = 0;         // vNICs IPAM would give an address or a MAC
        int rewrite = 0;       // vNICs of Rewrite VM networks, counted for `host`
        std::uint64_t hostSignature = 0; // what checkHostVms reads of it
        std::uint32_t index = 0;         // its place in design.vms when last seen (a hint)
        Owner walkOwner = kNoOwner;      // of its walk findings (NV200, NV207, NV305), if any
    };
    // An entry of `vms`: node-based, so that the indexes below can point at it.
    using VmEntry = std::pair<const Id, VmState>;
    struct Raw {
        Owner owner;
        Violation v;
    };

    std::unique_ptr<detail::Fabric> fabric;
    StrMap<Owner> hostFabricOwner; // per host, only hosts with findings
    StrMap<Owner> vmOwner;      // only VMs with findings, but those of their walks
    std::size_t walkFindingVms = 0; // VMs with a walkOwner
    std::vector<VmEntry *> walksOnlyBuffer; // incremental()'s, kept for its capacity
    StrMap<Owner> hostOwner;    // NV206/NV307, only hosts with findings
    StrMap<Owner> bucketOwner;  // only colliding buckets
    std::vector<Owner> resultOwner;
    // Entries of `result` that join findings of one rule and entities (finish()): the parts.
    std::vector<std::vector<Raw>> merged;
    std::vector<std::uint32_t> mergedFree;
    std::vector<char> ownerDirty;            // per owner: its findings in `result` are stale
    std::vector<std::uint32_t> ownerStaged;  // per owner: index in `staged`, or kNotStaged
    std::vector<Owner> ownerFree, ownerReleased, dirtyOwners;
    std::vector<std::pair<Owner, Out>> staged;
    // commit()'s buffers, kept for their capacity: the new findings (in `staged` and
    // `recovered`, the clean parts of stale joined entries), in order.
    struct FreshRef {
        Owner owner;
        Violation *v;
    };
    std::vector<FreshRef> fresh;
    std::vector<Raw> recovered;
    struct FreshKey {
        std::array<std::uint64_t, 4> key;
        std::uint32_t index;
    };
    std::vector<FreshKey> freshKeys;
    std::vector<Violation> next;
    std::vector<Owner> nextOwner;
    // Dropped findings and emptied lists, whose storage the next findings reuse: a fabric edit
    // and its undo drop and make the same hundreds of NV200 findings.
    static constexpr std::size_t kSpareFindings = 4096;
    std::vector<Violation> spare;
    std::vector<Out> spareOuts;
    Out takeOut();
    void keepOut(Out &out);
    StrMap<std::vector<Id>> buckets;
    StrMap<VmState> vms;
    StrMap<Id> nicToVm;
    StrMap<std::vector<VmEntry *>> hostVms;
    StrMap<std::vector<Id>> refVms;  // VM network or VM subnet id → the VMs naming it
    StrMap<std::vector<detail::Contribution>> hostContribs; // provider addresses, host vNICs
    std::vector<detail::Contribution> gatewayContribs;
    std::unordered_set<std::string> dirtyBuckets;

    // IPAM: the last allocation (designs that need one), or counts (static designs).
    std::shared_ptr<const ipam::Allocation> allocation;
    bool ipamStatic = false;
    std::vector<detail::PoolRange> ranges;
    StrMap<std::size_t> poolUse;                         // counted, per pool
    StrMap<std::map<net::AddrKey, int>> spaceAddrs;      // address space → address → holders
    std::map<std::uint64_t, int> macCounts;              // MAC → holders
    StrMap<int> rewriteByHost;
    long vmNeedy = 0;
    // Whether every host has its provider addresses and no host vNIC needs IPAM (designIsStatic);
    // cleared by fabric edits and changes of Rewrite vNIC counts.
    std::optional<bool> hostsStatic;
    std::size_t vmEntities = 0;   // tracked VMs and their vNICs (for NV102's id count)

    bool hasDuplicateIds = false;
    std::vector<Violation> result;
    bool lastFull = true;

    void full(const Design &d, bool tracking = true);
    bool incremental(const Design &d, const ChangeSet &changes);
    void recomputeHost(const Design &d, const Id &hostId);
    void recomputeHost(const Design &d, const Id &hostId, const std::vector<const Vm *> &vms);
    void recomputeHostFabric(const Design &d, const Id &hostId);
    void recomputeBucket(const Design &d, const std::string &key);
    void recomputeHostContribs(const Design &d, const Id &hostId);
    void recomputeGatewayContribs();
    void addContribution(const detail::Contribution &c);
    void removeContribution(const detail::Contribution &c);
    void count(std::string_view key, int delta);
    void countPool(const detail::PoolRange &r);
    void rebuildRanges(const Design &d);
    bool designIsStatic(const Design &d);
    bool hostsAreStatic(const Design &d) const;
    void refreshIpam(const Design &d, bool mayChange, bool cosmetic);
    void removeVm(const Id &vmId, VmState &st);
    bool recheckInPlace(const Design &d, const Vm &vm, VmState &st, std::unordered_set<Id> &dirtyHosts);
    void addVm(const Design &d, const Vm &vm);
    void checkVm(const Vm &vm, VmState &st, detail::LookupMemo *walksOnly = nullptr);
    void setWalkFindings(VmState &st, Out &&walks);
    const Vm *vmOf(const Design &d, VmEntry &e) const;
    void resetFindings();
    Owner newOwner();
    void stage(Owner owner, Out &&out);
    // A keyed subject's findings: `owners` holds the subjects that have some.
    void setFindings(StrMap<Owner> &owners, std::string_view key, Out &&out);
    void commit();
    void mergeFresh();
};

namespace {

void eraseOne(std::vector<Id> &v, const Id &id)
{
    if (auto pos = std::find(v.begin(), v.end(), id); pos != v.end())
        v.erase(pos);
}

// "a|<space>|<address>" → (space, address key); "m|<mac>" → MAC.
bool parseAddressKey(std::string_view key, std::string_view &space, net::AddrKey &addr)
{
    if (key.size() < 3 || key[0] != 'a')
        return false;
    auto rest = key.substr(2);
    auto bar = rest.rfind('|');
    if (bar == std::string_view::npos)
        return false;
    space = rest.substr(0, bar);
    auto a = net::parseAddress(rest.substr(bar + 1));
    if (!a)
        return false;
    addr = net::toKey(*a);
    return true;
}

// What checkHostVms (NV206, NV307) reads of a VM: its vNICs' switches, and which of them
// carry NVGRE (isolated, Encap).
std::uint64_t hostSignature(const Design &d, const Vm &vm)
{
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&](unsigned char c) {
        h ^= c;
        h *= 1099511628211ull;
    };
    for (const auto &n : vm.nics) {
        if (n.logicalSwitch)
            for (char c : *n.logicalSwitch)
                mix(static_cast<unsigned char>(c));
        mix(n.logicalSwitch ? 0x1f : 0x01);
        const VmNetwork *vmn = n.vmNetwork ? d.vmNetwork(*n.vmNetwork) : nullptr;
        mix(vmn && vmn->isIsolated() && vmn->effectiveTranslation() == Translation::Encap ? 2 : 3);
    }
    return h;
}

} // namespace

void IncrementalValidator::State::count(std::string_view key, int delta)
{
    if (key.empty())
        return;
    if (key[0] == 'm') {
        auto m = net::parseMac(key.substr(2));
        if (!m)
            return;
        const std::uint64_t v = m->toU64();
        auto &n = macCounts[v];
        n += delta;
        if (n == 0)
            macCounts.erase(v);
        // MACs count every holder.
        for (const auto &r : ranges)
            if (r.mac && r.valid && r.macFirst <= v && v <= r.macLast)
                poolUse[r.pool] = static_cast<std::size_t>(static_cast<long>(poolUse[r.pool]) + delta);
        return;
    }
    std::string_view space;
    net::AddrKey addr;
    if (!parseAddressKey(key, space, addr))
        return;
    auto sit = spaceAddrs.find(space);
    if (sit == spaceAddrs.end())
        sit = spaceAddrs.emplace(std::string(space), std::map<net::AddrKey, int>{}).first;
    auto &n = sit->second[addr];
    const int before = n;
    n += delta;
    const int after = n;
    if (after == 0)
        sit->second.erase(addr);
    // Addresses count once per space.
    if ((before == 0) == (after == 0))
        return;
    const int step = after > 0 ? 1 : -1;
    for (const auto &r : ranges)
        if (!r.mac && r.valid && r.space == space && r.first <= addr && addr <= r.last)
            poolUse[r.pool] = static_cast<std::size_t>(static_cast<long>(poolUse[r.pool]) + step);
}

void IncrementalValidator::State::countPool(const detail::PoolRange &r)
{
    std::size_t n = 0;
    if (r.valid && r.mac) {
        for (auto it = macCounts.lower_bound(r.macFirst); it != macCounts.end() && it->first <= r.macLast; ++it)
            n += static_cast<std::size_t>(it->second);
    } else if (r.valid && !r.space.empty()) {
        if (auto sit = spaceAddrs.find(r.space); sit != spaceAddrs.end())
            n = static_cast<std::size_t>(
                std::distance(sit->second.lower_bound(r.first), sit->second.upper_bound(r.last)));
    }
    poolUse[r.pool] = n;
}

void IncrementalValidator::State::rebuildRanges(const Design &d)
{
    auto fresh = detail::poolRanges(d);
    StrMap<const detail::PoolRange *> old;
    for (const auto &r : ranges)
        old[r.pool] = &r;
    StrMap<std::size_t> use;
    std::vector<const detail::PoolRange *> recount;
    for (const auto &r : fresh) {
        auto it = old.find(r.pool);
        auto u = poolUse.find(r.pool);
        if (it != old.end() && *it->second == r && u != poolUse.end())
            use[r.pool] = u->second;
        else
            recount.push_back(&r);
    }
    poolUse = std::move(use);
    ranges = std::move(fresh);
    for (const auto *r : recount)
        countPool(*r);
}

void IncrementalValidator::State::addContribution(const detail::Contribution &c)
{
    buckets[c.key].push_back(c.entity);
    dirtyBuckets.insert(c.key);
    count(c.key, +1);
}

void IncrementalValidator::State::removeContribution(const detail::Contribution &c)
{
    if (auto b = buckets.find(c.key); b != buckets.end())
        eraseOne(b->second, c.entity);
    dirtyBuckets.insert(c.key);
    count(c.key, -1);
}

bool IncrementalValidator::State::designIsStatic(const Design &d)
{
    if (vmNeedy != 0 || fabric->anyInvalidSiteSubnet())
        return false;
    if (!hostsStatic)
        hostsStatic = hostsAreStatic(d);
    return *hostsStatic;
}

bool IncrementalValidator::State::hostsAreStatic(const Design &d) const
{
    for (const auto &h : d.hosts) {
        if (!h.providerAddresses || h.providerAddresses->empty())
            return false;
        if (!rewriteByHost.empty())
            if (auto it = rewriteByHost.find(h.id); it != rewriteByHost.end() && it->second > 0
                && h.providerAddresses->size() < 1 + static_cast<std::size_t>(it->second))
                return false;
        if (detail::hostIpamNeeds(d, h) != 0)
            return false;
    }
    return true;
}

// IPAM findings after an update: counted for static designs, else from ipam::allocate when
// an edit may have changed what it reads (`mayChange`), else re-reported for new names.
void IncrementalValidator::State::refreshIpam(const Design &d, bool mayChange, bool cosmetic)
{
    const bool wasStatic = ipamStatic;
    ipamStatic = designIsStatic(d);
    Out ipamOut;
    if (ipamStatic) {
        allocation.reset();
        if (!d.ipPools.empty() || !d.macPools.empty() || !d.vms.empty() || !d.hosts.empty())
            detail::reportPoolUse(*fabric, poolUse, ipamOut);
        stage(kIpamOwner, std::move(ipamOut));
        return;
    }
    if (mayChange || wasStatic || !allocation) {
        detail::checkIpam(*fabric, ipamOut, &allocation);
        stage(kIpamOwner, std::move(ipamOut));
    } else if (cosmetic) {
        detail::reportIpam(*fabric, *allocation, ipamOut);
        stage(kIpamOwner, std::move(ipamOut));
    }
}

void IncrementalValidator::State::recomputeHost(const Design &d, const Id &hostId)
{
    std::vector<const Vm *> list;
    if (auto it = hostVms.find(hostId); it != hostVms.end())
        for (VmEntry *e : it->second)
            if (const Vm *vm = vmOf(d, *e))
                list.push_back(vm);
    recomputeHost(d, hostId, list);
}

// The VM of an entry: where it stood last time, else looked up by id.
const Vm *IncrementalValidator::State::vmOf(const Design &d, VmEntry &e) const
{
    if (e.second.index < d.vms.size() && d.vms[e.second.index].id == e.first)
        return &d.vms[e.second.index];
    const Vm *vm = d.vm(e.first);
    if (vm)
        e.second.index = static_cast<std::uint32_t>(vm - d.vms.data());
    return vm;
}

void IncrementalValidator::State::recomputeHost(const Design &d, const Id &hostId, const std::vector<const Vm *> &list)
{
    Out o;
    if (const Host *h = d.host(hostId))
        detail::checkHostVms(*fabric, *h, list, o);
    setFindings(hostOwner, hostId, std::move(o));
}

void IncrementalValidator::State::recomputeHostFabric(const Design &d, const Id &hostId)
{
    Out o;
    if (const Host *h = d.host(hostId))
        detail::checkHostFabric(*fabric, *h, o);
    setFindings(hostFabricOwner, hostId, std::move(o));
}

void IncrementalValidator::State::recomputeHostContribs(const Design &d, const Id &hostId)
{
    if (auto it = hostContribs.find(hostId); it != hostContribs.end()) {
        for (const auto &c : it->second)
            removeContribution(c);
        hostContribs.erase(it);
    }
    const Host *h = d.host(hostId);
    if (!h)
        return;
    std::vector<detail::Contribution> mine;
    detail::hostContributions(*fabric, *h, mine);
    for (const auto &c : mine)
        addContribution(c);
    if (!mine.empty())
        hostContribs[hostId] = std::move(mine);
}

void IncrementalValidator::State::recomputeGatewayContribs()
{
    for (const auto &c : gatewayContribs)
        removeContribution(c);
    gatewayContribs.clear();
    detail::gatewayContributions(*fabric, gatewayContribs);
    for (const auto &c : gatewayContribs)
        addContribution(c);
}

void IncrementalValidator::State::recomputeBucket(const Design &d, const std::string &key)
{
    Out o;
    if (auto it = buckets.find(key); it != buckets.end()) {
        if (it->second.empty())
            buckets.erase(it);
        else
            detail::checkBucket(d, key, it->second, o);
    }
    setFindings(bucketOwner, key, std::move(o));
}

void IncrementalValidator::State::removeVm(const Id &vmId, VmState &st)
{
    for (const auto &c : st.contributions)
        removeContribution(c);
    for (const auto &n : st.nics)
        if (auto x = nicToVm.find(n); x != nicToVm.end() && x->second == vmId)
            nicToVm.erase(x);
    if (auto hv = hostVms.find(st.host); hv != hostVms.end())
        if (auto pos = std::find_if(hv->second.begin(), hv->second.end(), [&](const VmEntry *e) { return e->first == vmId; });
            pos != hv->second.end())
            hv->second.erase(pos);
    setWalkFindings(st, {});
    for (const auto &r : st.refs)
        if (auto it = refVms.find(r); it != refVms.end())
            eraseOne(it->second, vmId);
    vmNeedy -= st.needy;
    vmEntities -= 1 + st.nics.size();
    if (st.rewrite)
        hostsStatic.reset();
    if (st.rewrite)
        if (auto it = rewriteByHost.find(st.host); it != rewriteByHost.end() && (it->second -= st.rewrite) <= 0)
            rewriteByHost.erase(it);
}

// The VM's findings, or with `walksOnly` those of its walks (looked up through the memo).
void IncrementalValidator::State::checkVm(const Vm &vm, VmState &st, detail::LookupMemo *walksOnly)
{
    Out local, walks = takeOut();
    detail::checkVmParts(*fabric, vm, walksOnly ? nullptr : &local, &walks, walksOnly, &spare);
    if (!walksOnly)
        setFindings(vmOwner, vm.id, std::move(local));
    setWalkFindings(st, std::move(walks));
    keepOut(walks); // when not staged
}

Out IncrementalValidator::State::takeOut()
{
    if (spareOuts.empty())
        return {};
    Out o = std::move(spareOuts.back());
    spareOuts.pop_back();
    return o;
}

void IncrementalValidator::State::keepOut(Out &out)
{
    if (out.capacity() == 0 || spareOuts.size() >= kSpareFindings)
        return;
    out.clear();
    spareOuts.push_back(std::move(out));
}

// Walk findings are kept by VmState (no look-up by id for the hundreds of VMs whose walk a
// fabric edit changes); a VM without any has no owner.
void IncrementalValidator::State::setWalkFindings(VmState &st, Out &&walks) // moved from only when staged
{
    if (walks.empty()) {
        if (st.walkOwner == kNoOwner)
            return;
        stage(st.walkOwner, {});
        ownerReleased.push_back(st.walkOwner);
        st.walkOwner = kNoOwner;
        --walkFindingVms;
        return;
    }
    if (st.walkOwner == kNoOwner) {
        st.walkOwner = newOwner();
        ++walkFindingVms;
    }
    stage(st.walkOwner, std::move(walks));
}

// Checks a VM and records it (its bucket entries, indexes and IPAM needs).
void IncrementalValidator::State::addVm(const Design &d, const Vm &vm)
{
    VmState st;
    st.host = vm.host;
    detail::vmContributions(d, vm, st.contributions);
    for (const auto &c : st.contributions)
        addContribution(c);
    for (const auto &n : vm.nics) {
        st.nics.push_back(n.id);
        nicToVm[n.id] = vm.id;
        for (const auto *ref : {&n.vmNetwork, &n.vmSubnet})
            if (*ref && std::find(st.refs.begin(), st.refs.end(), **ref) == st.refs.end())
                st.refs.push_back(**ref);
    }
    for (const auto &r : st.refs)
        refVms[r].push_back(vm.id);
    st.ipamSignature = detail::ipamSignature(vm);
    st.hostSignature = hostSignature(d, vm);
    detail::vmIpamNeeds(d, vm, st.needy, st.rewrite);
    vmNeedy += st.needy;
    vmEntities += 1 + vm.nics.size();
    if (st.rewrite && d.host(vm.host)) {
        rewriteByHost[vm.host] += st.rewrite;
        hostsStatic.reset();
    }
    else
        st.rewrite = 0;
    if (&vm >= d.vms.data() && &vm < d.vms.data() + d.vms.size())
        st.index = static_cast<std::uint32_t>(&vm - d.vms.data());
    auto [it, inserted] = vms.try_emplace(vm.id);
    if (!inserted)
        setWalkFindings(it->second, {});
    it->second = std::move(st);
    hostVms[vm.host].push_back(&*it);
    checkVm(vm, it->second);
}

// A VM re-checked because something it names changed: when its bucket entries, vNICs, host
// and references are what they were, only its findings, IPAM needs and host signature are
// refreshed. Returns false (nothing done) otherwise.
bool IncrementalValidator::State::recheckInPlace(const Design &d, const Vm &vm, VmState &st, std::unordered_set<Id> &dirtyHosts)
{
    if (vm.host != st.host || vm.nics.size() != st.nics.size())
        return false;
    for (std::size_t i = 0; i < vm.nics.size(); ++i)
        if (vm.nics[i].id != st.nics[i])
            return false;
    std::vector<Id> refs;
    for (const auto &n : vm.nics)
        for (const auto *ref : {&n.vmNetwork, &n.vmSubnet})
            if (*ref && std::find(refs.begin(), refs.end(), **ref) == refs.end())
                refs.push_back(**ref);
    if (refs != st.refs)
        return false;
    std::vector<detail::Contribution> contributions;
    detail::vmContributions(d, vm, contributions);
    if (contributions.size() != st.contributions.size())
        return false;
    for (std::size_t i = 0; i < contributions.size(); ++i)
        if (contributions[i].key != st.contributions[i].key || contributions[i].entity != st.contributions[i].entity)
            return false;
    // Colliding buckets name their members in the message: the VM's names may have changed.
    for (const auto &c : st.contributions)
        if (auto b = buckets.find(c.key); b != buckets.end() && b->second.size() > 1)
            dirtyBuckets.insert(c.key);
    checkVm(vm, st);
    int needy = 0, rewrite = 0;
    detail::vmIpamNeeds(d, vm, needy, rewrite);
    if (!d.host(vm.host))
        rewrite = 0;
    vmNeedy += needy - st.needy;
    st.needy = needy;
    if (rewrite != st.rewrite) {
        hostsStatic.reset();
        auto &r = rewriteByHost[vm.host];
        r += rewrite - st.rewrite;
        if (r <= 0)
            rewriteByHost.erase(vm.host);
        st.rewrite = rewrite;
    }
    st.ipamSignature = detail::ipamSignature(vm);
    if (const std::uint64_t sig = hostSignature(d, vm); sig != st.hostSignature) {
        st.hostSignature = sig;
        dirtyHosts.insert(vm.host);
    }
    return true;
}

void IncrementalValidator::State::full(const Design &d, bool tracking)
{
    lastFull = true;
    fabric = std::make_unique<detail::Fabric>(d);
    resetFindings();
    buckets.clear();
    vms.clear();
    nicToVm.clear();
    hostVms.clear();
    refVms.clear();
    hostContribs.clear();
    gatewayContribs.clear();
    dirtyBuckets.clear();
    allocation.reset();
    ranges.clear();
    poolUse.clear();
    spaceAddrs.clear();
    macCounts.clear();
    rewriteByHost.clear();
    vmNeedy = 0;
    vmEntities = 0;
    hostsStatic.reset();

    Out fabricOut;
    hasDuplicateIds = false;
    if (tracking) {
        for (std::size_t p = 0; p < detail::kFabricParts; ++p) {
            Out o;
            detail::checkFabricPart(*fabric, static_cast<detail::FabricPart>(p), o);
            hasDuplicateIds = hasDuplicateIds || hasDuplicateIdFinding(o);
            stage(fabricOwner(p), std::move(o));
        }
        ranges = detail::poolRanges(d);
        for (const auto &r : ranges)
            poolUse[r.pool] = 0;
        vms.reserve(d.vms.size());
        nicToVm.reserve(d.vms.size() * 2);
        buckets.reserve(d.vms.size() * 3 + d.hosts.size() * 2);
        for (const auto &h : d.hosts) {
            recomputeHostFabric(d, h.id);
            recomputeHostContribs(d, h.id);
        }
        recomputeGatewayContribs();
        for (const auto &vm : d.vms)
            addVm(d, vm);
        static const std::vector<const Vm *> kNone;
        StrMap<std::vector<const Vm *>> vmsOfHost;
        for (const auto &vm : d.vms)
            vmsOfHost[vm.host].push_back(&vm);
        for (const auto &h : d.hosts) {
            auto it = vmsOfHost.find(h.id);
            recomputeHost(d, h.id, it == vmsOfHost.end() ? kNone : it->second);
        }
        for (const auto &[key, members] : buckets)
            if (members.size() > 1) {
                Out o;
                detail::checkBucket(d, key, members, o);
                setFindings(bucketOwner, key, std::move(o));
            }
        dirtyBuckets.clear();
        refreshIpam(d, true, false);
        commit();
        return;
    }

    // Without tracking: every finding in one list, sorted and joined once.
    Out &all = fabricOut;
    detail::checkFabricGlobal(*fabric, all);
    hasDuplicateIds = hasDuplicateIdFinding(all);
    for (const auto &h : d.hosts)
        detail::checkHostFabric(*fabric, h, all);
    std::vector<detail::Contribution> contributions;
    detail::fabricContributions(*fabric, contributions);
    StrMap<std::vector<const Vm *>> vmsOfHost;
    for (const auto &vm : d.vms) {
        detail::checkVm(*fabric, vm, all);
        vmsOfHost[vm.host].push_back(&vm);
        detail::vmContributions(d, vm, contributions);
    }
    static const std::vector<const Vm *> kNone;
    for (const auto &h : d.hosts) {
        auto it = vmsOfHost.find(h.id);
        detail::checkHostVms(*fabric, h, it == vmsOfHost.end() ? kNone : it->second, all);
    }
    // Group by a hash of the key first: sorting integers is far cheaper than hashing
    // 60,000 strings into buckets, and almost every key is alone.
    std::vector<std::pair<std::size_t, std::uint32_t>> order(contributions.size());
    detail::StrHash hash;
    for (std::uint32_t i = 0; i < contributions.size(); ++i)
        order[i] = {hash(contributions[i].key), i};
    std::sort(order.begin(), order.end());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i + 1;
        while (j < order.size() && order[j].first == order[i].first)
            ++j;
        if (j - i > 1) {
            std::map<std::string_view, std::vector<Id>> groups; // equal hashes, maybe different keys
            for (std::size_t k = i; k < j; ++k) {
                const auto &c = contributions[order[k].second];
                groups[c.key].push_back(c.entity);
            }
            for (const auto &[key, members] : groups)
                if (members.size() > 1)
                    detail::checkBucket(d, key, members, all);
        }
        i = j;
    }
    if (!detail::checkStaticIpam(*fabric, all))
        detail::checkIpam(*fabric, all);
    result = std::move(all);
    finish(result);
}

namespace {

// Fields of fabric entities that no VM-level rule, bucket or IPAM reads; they change only
// fabric findings (NV102, NV142), NV307 (a NIC's MTU) and the names inside messages.
bool isCosmeticField(std::string_view field)
{
    static constexpr std::string_view kFields[] = {"name", "description", "bandwidth", "offload", "security",
                                                   "teaming", "emulated", "speedMbps", "mtu"};
    return std::find(std::begin(kFields), std::end(kFields), field) != std::end(kFields);
}

} // namespace

// What an edit can reach, by the kind and field of each change (see the header): VMs are
// re-checked when they name the edited entity (VM networks, VM subnets, hosts), or when the
// NV200 walk of their host changes (fabric edits walk every class of hosts again and compare);
// hosts' fabric findings when the host or what its host vNICs reach changed; IPAM is counted
// for static designs.
bool IncrementalValidator::State::incremental(const Design &d, const ChangeSet &changes)
{
    if (!fabric || hasDuplicateIds)
        return false;
    std::vector<Id> affected;
    std::unordered_set<Id> hostFabricDirty, hostChecksDirty, contribsDirty;
    bool allVms = false, allHostFabric = false, vnicHostFabric = false, allHostChecks = false;
    bool globalFabric = false, cosmetic = false, rewalk = false, prefixes = false, forgetAddresses = false;
    bool rangesDirty = false, gatewaysDirty = false, ipamMayChange = false, vnicHostContribs = false, allContribs = false;
    std::unordered_set<Id> touched;
    std::vector<const Host *> forgetHosts;
    // VMs whose own entries (buckets, indexes, IPAM needs) cannot have changed: only what
    // they reach did (their host, switch, walk, VM subnet): their findings are checked again.
    std::vector<Id> findingsOnly;
    auto vmsNaming = [&](const Id &id, bool onlyFindings) {
        if (auto it = refVms.find(id); it != refVms.end())
            (onlyFindings ? findingsOnly : affected).insert((onlyFindings ? findingsOnly : affected).end(), it->second.begin(),
                                                            it->second.end());
    };
    auto vmsOn = [&](const Id &host, bool onlyFindings) {
        if (auto it = hostVms.find(host); it != hostVms.end())
            for (const VmEntry *e : it->second)
                (onlyFindings ? findingsOnly : affected).push_back(e->first);
    };
    for (const auto &c : changes) {
        if (c.field == "layout" || c.id.empty())
            continue; // diagram positions and the design's title: no rule reads them
        const bool modified = c.type == Change::Type::Modified;
        if (c.kind == EntityKind::Vm) {
            affected.push_back(c.id);
            continue;
        }
        if (c.kind == EntityKind::VmNic) {
            if (const Vm *vm = d.vmOfNic(c.id))
                affected.push_back(vm->id);
            if (auto it = nicToVm.find(c.id); it != nicToVm.end())
                affected.push_back(it->second);
            continue;
        }
        globalFabric = true;
        if (modified && isCosmeticField(c.field)) {
            cosmetic = true;
            if (c.kind == EntityKind::Host) {
                hostFabricDirty.insert(c.id);
                contribsDirty.insert(c.id); // its name bucket
            }
            if (c.kind == EntityKind::PhysicalNic || c.kind == EntityKind::HostVnic)
                if (const Host *h = d.hostOf(c.id)) {
                    hostChecksDirty.insert(h->id); // NV307: a NIC's MTU
                    hostFabricDirty.insert(h->id);
                }
            continue;
        }
        ipamMayChange = true;
        switch (c.kind) {
        case EntityKind::Host:
            if (modified) {
                if (const Host *h = d.host(c.id))
                    forgetHosts.push_back(h);
            } else {
                forgetAddresses = true;
                allHostFabric = true; // other hosts' adapters may name its NICs
            }
            vmsOn(c.id, modified); // added or removed: their hosts resolve differently (IPAM needs)
            hostFabricDirty.insert(c.id);
            hostChecksDirty.insert(c.id);
            contribsDirty.insert(c.id);
            break;
        case EntityKind::PhysicalNic:
        case EntityKind::HostVnic:
            if (const Host *h = modified ? d.hostOf(c.id) : nullptr) {
                hostFabricDirty.insert(h->id);
                hostChecksDirty.insert(h->id);
                contribsDirty.insert(h->id);
            } else {
                allHostFabric = allHostChecks = allContribs = true;
            }
            break;
        case EntityKind::Site:
            rewalk = true;
            vnicHostFabric = true;
            if (!modified || c.field != "hostGroups") {
                prefixes = true;
                touched.insert(c.id);
                allHostFabric = true; // provider addresses in no site subnet (NV124)
                allContribs = true;   // provider addresses' spaces
                rangesDirty = true;
            }
            break;
        case EntityKind::UplinkPortProfile:
            rewalk = true;
            vnicHostFabric = true;
            if (!modified)
                allHostFabric = true;
            break;
        case EntityKind::HostGroup:
            rewalk = true;
            vnicHostFabric = true;
            if (!modified)
                allHostFabric = true;
            break;
        case EntityKind::LogicalNetwork:
            if (!modified) {
                allVms = forgetAddresses = rewalk = allHostFabric = allContribs = rangesDirty = true;
                allHostChecks = true;
            }
            break;
        case EntityKind::LogicalSwitch:
            allHostFabric = true;
            if (!modified) {
                allVms = forgetAddresses = rewalk = allHostChecks = true;
            } else if (c.field != "uplinkMode" && c.field != "uplinkProfiles" && c.field != "extensions") {
                // NV156: the classifications it offers; every VM with a vNIC on it.
                for (const auto &vm : d.vms)
                    for (const auto &n : vm.nics)
                        if (n.logicalSwitch == c.id) {
                            findingsOnly.push_back(vm.id);
                            break;
                        }
            }
            break;
        case EntityKind::PortClassification:
        case EntityKind::VnicPortProfile:
            if (!modified) {
                allHostFabric = true;
                for (const auto &vm : d.vms)
                    for (const auto &n : vm.nics)
                        if (n.classification == c.id) {
                            findingsOnly.push_back(vm.id);
                            break;
                        }
            }
            break;
        case EntityKind::VmNetwork:
            vmsNaming(c.id, false); // address spaces and IPAM needs follow it
            prefixes = rangesDirty = gatewaysDirty = vnicHostFabric = vnicHostContribs = true;
            if (!modified)
                allHostFabric = true; // host vNICs naming it (NV101)
            break;
        case EntityKind::VmSubnet:
            vmsNaming(c.id, true);
            prefixes = rangesDirty = true;
            break;
        case EntityKind::IpPool:
        case EntityKind::MacPool:
            rangesDirty = true;
            break;
        case EntityKind::Gateway:
            gatewaysDirty = true;
            break;
        case EntityKind::Vm:
        case EntityKind::VmNic:
            break;
        }
    }
    if (allVms) {
        for (const auto &vm : d.vms)
            findingsOnly.push_back(vm.id);
        for (const auto &[key, o] : bucketOwner)
            dirtyBuckets.insert(key); // their messages name logical networks
    }
    lastFull = false;
    fabric->rebind(d);
    if (forgetAddresses)
        fabric->forgetAddresses();
    for (const Host *h : forgetHosts)
        fabric->forgetHost(*h);
    if (prefixes)
        fabric->refreshPrefixes();
    // VMs re-checked only because the walk of their host changed: their walk findings.
    std::vector<VmEntry *> &walksOnly = walksOnlyBuffer;
    walksOnly.clear();
    if (rewalk)
        for (const auto &h : fabric->rewalk(touched))
            if (auto it = hostVms.find(h); it != hostVms.end())
                walksOnly.insert(walksOnly.end(), it->second.begin(), it->second.end());

    std::sort(affected.begin(), affected.end());
    affected.erase(std::unique(affected.begin(), affected.end()), affected.end());
    std::sort(findingsOnly.begin(), findingsOnly.end());
    findingsOnly.erase(std::unique(findingsOnly.begin(), findingsOnly.end()), findingsOnly.end());
    for (const auto &vmId : findingsOnly) {
        if (std::binary_search(affected.begin(), affected.end(), vmId))
            continue;
        auto it = vms.find(vmId);
        const Vm *vm = it == vms.end() ? nullptr : vmOf(d, *it);
        if (!vm) {
            affected.push_back(vmId); // not recorded as it stands: the whole path below
            continue;
        }
        checkVm(*vm, it->second);
    }
    // Before the VMs below change `vms` (the entries stay valid until then).
    detail::LookupMemo memo(d);
    for (VmEntry *e : walksOnly) {
        if (std::binary_search(affected.begin(), affected.end(), e->first)
            || std::binary_search(findingsOnly.begin(), findingsOnly.end(), e->first))
            continue;
        if (const Vm *vm = vmOf(d, *e))
            checkVm(*vm, e->second, &memo);
        else
            affected.push_back(e->first);
    }
    std::unordered_set<Id> dirtyHosts = std::move(hostChecksDirty);
    for (const auto &vmId : affected) {
        bool existed = false;
        if (auto it = vms.find(vmId); it != vms.end()) {
            existed = true;
            VmState &st = it->second;
            const Vm *now = d.vm(vmId);
            if (!now || detail::ipamSignature(*now) != st.ipamSignature)
                ipamMayChange = true;
            if (now && recheckInPlace(d, *now, st, dirtyHosts))
                continue;
            dirtyHosts.insert(st.host);
            removeVm(vmId, st);
            vms.erase(it);
        }
        const Vm *vm = d.vm(vmId);
        if (!vm) {
            setFindings(vmOwner, vmId, {});
            continue;
        }
        if (!existed)
            ipamMayChange = true;
        addVm(d, *vm);
        dirtyHosts.insert(vm->host);
    }

    if (globalFabric) {
        hostsStatic.reset();
        for (std::size_t p = 0; p < detail::kFabricParts; ++p) {
            const auto part = static_cast<detail::FabricPart>(p);
            if (std::none_of(changes.begin(), changes.end(), [&](const Change &c) {
                    return c.kind != EntityKind::Vm && c.kind != EntityKind::VmNic && c.field != "layout" && !c.id.empty()
                        && detail::fabricPartReads(part, c);
                }))
                continue;
            Out o;
            detail::checkFabricPart(*fabric, part, o, vmEntities);
            if (hasDuplicateIdFinding(o))
                return false; // repeated ids: the bookkeeping by id no longer holds
            stage(fabricOwner(p), std::move(o));
        }
    }
    if (allHostFabric || allContribs || allHostChecks || vnicHostFabric || vnicHostContribs) {
        for (const auto &h : d.hosts) {
            bool vnics = false;
            for (const auto &s : h.switches)
                vnics = vnics || !s.hostVnics.empty();
            if (allHostFabric || (vnicHostFabric && vnics))
                hostFabricDirty.insert(h.id);
            if (allContribs || (vnicHostContribs && vnics))
                contribsDirty.insert(h.id);
            if (allHostChecks)
                dirtyHosts.insert(h.id);
        }
        if (allHostFabric)
            for (const auto &[h, o] : hostFabricOwner)
                hostFabricDirty.insert(h); // removed hosts
        if (allContribs)
            for (const auto &[h, o] : hostContribs)
                contribsDirty.insert(h);
        if (allHostChecks)
            for (const auto &[h, o] : hostOwner)
                dirtyHosts.insert(h);
    }
    if (cosmetic) {
        // Names appear in messages: refresh every subject that has findings; subjects
        // without findings have no message to refresh.
        std::vector<Id> withFindings;
        for (const auto &[vmId, o] : vmOwner)
            withFindings.push_back(vmId);
        if (walkFindingVms > 0)
            for (const auto &[vmId, st] : vms)
                if (st.walkOwner != kNoOwner && !vmOwner.count(vmId))
                    withFindings.push_back(vmId);
        for (const auto &vmId : withFindings) {
            auto it = vms.find(vmId);
            const Vm *vm = it == vms.end() ? nullptr : vmOf(d, *it);
            if (vm)
                checkVm(*vm, it->second);
            else
                setFindings(vmOwner, vmId, {}); // not a VM as it stands (the affected ones are recorded)
        }
        for (const auto &[h, o] : hostOwner)
            dirtyHosts.insert(h);
        for (const auto &[h, o] : hostFabricOwner)
            hostFabricDirty.insert(h);
        for (const auto &[key, o] : bucketOwner)
            dirtyBuckets.insert(key);
    }
    for (const auto &h : hostFabricDirty)
        recomputeHostFabric(d, h);
    for (const auto &h : contribsDirty)
        recomputeHostContribs(d, h);
    if (gatewaysDirty || allContribs)
        recomputeGatewayContribs();
    if (rangesDirty)
        rebuildRanges(d);
    for (const auto &key : dirtyBuckets)
        recomputeBucket(d, key);
    dirtyBuckets.clear();
    for (const auto &h : dirtyHosts)
        recomputeHost(d, h);
    refreshIpam(d, ipamMayChange, cosmetic);
    commit();
    return true;
}

void IncrementalValidator::State::resetFindings()
{
    hostFabricOwner.clear();
    vmOwner.clear();
    walkFindingVms = 0;
    hostOwner.clear();
    bucketOwner.clear();
    result.clear();
    resultOwner.clear();
    merged.clear();
    mergedFree.clear();
    ownerDirty.assign(kFixedOwners, 0);
    ownerStaged.assign(kFixedOwners, kNotStaged);
    ownerFree.clear();
    ownerReleased.clear();
    dirtyOwners.clear();
    staged.clear();
    spare.clear();
    spareOuts.clear();
}

IncrementalValidator::State::Owner IncrementalValidator::State::newOwner()
{
    if (!ownerFree.empty()) {
        const Owner o = ownerFree.back();
        ownerFree.pop_back();
        return o;
    }
    ownerDirty.push_back(0);
    ownerStaged.push_back(kNotStaged);
    return static_cast<Owner>(ownerDirty.size() - 1);
}

// `out` becomes the owner's findings at the next commit (replacing what was staged before).
void IncrementalValidator::State::stage(Owner owner, Out &&out)
{
    if (!ownerDirty[owner]) {
        ownerDirty[owner] = 1;
        dirtyOwners.push_back(owner);
    }
    if (ownerStaged[owner] != kNotStaged) {
        staged[ownerStaged[owner]].second = std::move(out);
        return;
    }
    if (out.empty())
        return;
    ownerStaged[owner] = static_cast<std::uint32_t>(staged.size());
    staged.emplace_back(owner, std::move(out));
}

void IncrementalValidator::State::setFindings(StrMap<Owner> &owners, std::string_view key, Out &&out)
{
    auto it = owners.find(key);
    if (it == owners.end()) {
        if (!out.empty())
            stage(owners.emplace(std::string(key), newOwner()).first->second, std::move(out));
        return;
    }
    const Owner o = it->second;
    stage(o, std::move(out));
    if (ownerStaged[o] == kNotStaged || staged[ownerStaged[o]].second.empty()) {
        owners.erase(it);
        ownerReleased.push_back(o); // reused after the commit that drops its findings
    }
}

namespace {

// The sort order of finish(), where equal keys are joined (NV400: never).
int compareKey(const Violation &a, const Violation &b) { return compareViolations(a, b, a.rule == "NV400"); }

} // namespace

// The staged findings replace those of the dirty owners: the kept entries stay in order and
// the new ones are sorted and merged in, joining entries of one rule and entities as finish()
// does (an entry that joins findings of several owners keeps its parts in `merged`).
void IncrementalValidator::State::commit()
{
    if (dirtyOwners.empty())
        return;
    auto drop = [&](Violation &v) {
        if (spare.size() < kSpareFindings)
            spare.push_back(std::move(v));
    };
    auto isDirty = [&](Owner o) { return ownerDirty[o] != 0; };
    // Drop the findings of dirty owners; joined entries give back their clean parts.
    recovered.clear();
    std::size_t w = 0;
    for (std::size_t r = 0; r < result.size(); ++r) {
        const Owner o = resultOwner[r];
        bool stale;
        if (o & kMerged) {
            auto &parts = merged[o & ~kMerged];
            stale = std::any_of(parts.begin(), parts.end(), [&](const Raw &p) { return isDirty(p.owner); });
            if (stale) {
                for (auto &p : parts)
                    if (!isDirty(p.owner))
                        recovered.push_back(std::move(p));
                    else
                        drop(p.v);
                parts.clear();
                mergedFree.push_back(o & ~kMerged);
            }
        } else if ((stale = isDirty(o))) {
            drop(result[r]);
        }
        if (stale)
            continue;
        if (w != r) {
            result[w] = std::move(result[r]);
            resultOwner[w] = o;
        }
        ++w;
    }
    result.erase(result.begin() + static_cast<std::ptrdiff_t>(w), result.end());
    resultOwner.resize(w);
    for (const Owner o : dirtyOwners)
        ownerDirty[o] = 0;
    dirtyOwners.clear();
    ownerFree.insert(ownerFree.end(), ownerReleased.begin(), ownerReleased.end());
    ownerReleased.clear();

    fresh.clear();
    for (auto &[owner, out] : staged) {
        for (auto &v : out)
            fresh.push_back({owner, &v});
        ownerStaged[owner] = kNotStaged;
    }
    for (auto &p : recovered)
        fresh.push_back({p.owner, &p.v});
    if (!fresh.empty())
        mergeFresh();
    for (auto &[owner, out] : staged)
        keepOut(out);
    staged.clear();
    recovered.clear();
}

// Merges `fresh` into `result` (see commit()).
void IncrementalValidator::State::mergeFresh()
{
    // Sorted by a prefix of the order's key held inline (severity, rule, first entity id), so
    // that most comparisons do not chase strings; ties compare in full.
    auto packed = [](std::string_view s, std::size_t from) {
        std::uint64_t k = 0;
        for (std::size_t i = 0; i < 8; ++i)
            k = (k << 8) | (from + i < s.size() ? static_cast<unsigned char>(s[from + i]) : 0u);
        return k;
    };
    freshKeys.resize(fresh.size());
    for (std::uint32_t i = 0; i < fresh.size(); ++i) {
        // The first entity ids live on the heap, one cache miss each: ask for them ahead.
        if (i + 8 < fresh.size())
            __builtin_prefetch(fresh[i + 8].v->entities.data());
        if (i + 4 < fresh.size() && !fresh[i + 4].v->entities.empty())
            __builtin_prefetch(fresh[i + 4].v->entities.front().data());
        const Violation &v = *fresh[i].v;
        const std::string_view first = v.entities.empty() ? std::string_view() : std::string_view(v.entities.front());
        freshKeys[i] = {{static_cast<std::uint64_t>(v.severity), packed(v.rule, 0), packed(first, 0), packed(first, 8)}, i};
    }
    std::sort(freshKeys.begin(), freshKeys.end(), [&](const FreshKey &a, const FreshKey &b) {
        if (a.key != b.key)
            return a.key < b.key;
        return violationLess(*fresh[a.index].v, *fresh[b.index].v);
    });
    auto at = [&](std::size_t j) -> FreshRef & { return fresh[freshKeys[j].index]; };
    const std::size_t n = freshKeys.size();
    next.clear();
    nextOwner.clear();
    next.reserve(result.size() + n);
    nextOwner.reserve(result.size() + n);
    std::size_t i = 0, j = 0;
    while (i < result.size() || j < n) {
        if (j == n || (i < result.size() && compareKey(result[i], *at(j).v) < 0)) {
            next.push_back(std::move(result[i]));
            nextOwner.push_back(resultOwner[i]);
            ++i;
            continue;
        }
        FreshRef &first = at(j);
        std::size_t k = j + 1;
        while (k < n && compareKey(*first.v, *at(k).v) == 0)
            ++k;
        const bool withKept = i < result.size() && compareKey(result[i], *first.v) == 0;
        if (k == j + 1 && !withKept) {
            next.push_back(std::move(*first.v));
            nextOwner.push_back(first.owner);
            ++j;
            continue;
        }
        if (first.v->rule == "NV400") { // one entry per finding
            for (; j < k; ++j) {
                next.push_back(std::move(*at(j).v));
                nextOwner.push_back(at(j).owner);
            }
            continue;
        }
        std::vector<Raw> parts;
        if (withKept) {
            if (resultOwner[i] & kMerged) {
                const std::uint32_t slot = resultOwner[i] & ~kMerged;
                parts = std::move(merged[slot]);
                merged[slot].clear();
                mergedFree.push_back(slot);
            } else {
                parts.push_back({resultOwner[i], std::move(result[i])});
            }
            ++i;
        }
        for (; j < k; ++j)
            parts.push_back({at(j).owner, std::move(*at(j).v)});
        std::sort(parts.begin(), parts.end(), [](const Raw &a, const Raw &b) { return violationLess(a.v, b.v); });
        Violation joined = parts.front().v;
        for (std::size_t p = 1; p < parts.size(); ++p)
            joined.message += "; " + parts[p].v.message;
        std::uint32_t slot;
        if (!mergedFree.empty()) {
            slot = mergedFree.back();
            mergedFree.pop_back();
        } else {
            slot = static_cast<std::uint32_t>(merged.size());
            merged.emplace_back();
        }
        merged[slot] = std::move(parts);
        next.push_back(std::move(joined));
        nextOwner.push_back(kMerged | slot);
    }
    result.swap(next);
    resultOwner.swap(nextOwner);
    next.clear();
}

IncrementalValidator::IncrementalValidator() : m_state(std::make_unique<State>()) {}
IncrementalValidator::~IncrementalValidator() = default;

void IncrementalValidator::reset(const Design &design) { m_state->full(design); }

void IncrementalValidator::update(const Design &design, const ChangeSet &changes)
{
    if (changes.empty() && m_state->fabric) {
        m_state->lastFull = false;
        return;
    }
    if (!m_state->incremental(design, changes))
        m_state->full(design);
}

const std::vector<Violation> &IncrementalValidator::violations() const { return m_state->result; }
bool IncrementalValidator::lastUpdateWasFull() const { return m_state->lastFull; }

// ---------------------------------------------------------------- engine

std::vector<Violation> RuleEngine::validate(const Design &design) const
{
    IncrementalValidator::State st;
    st.full(design, false);
    return std::move(st.result);
}

std::vector<Violation> RuleEngine::whatIfMigrate(const Design &design, const Id &vmId, const Id &hostId) const
{
    std::vector<Violation> out;
    const Vm *vm = design.vm(vmId);
    const Host *host = design.host(hostId);
    if (!vm || !host)
        return out;
    Design moved = design;
    const EntityRef *ref = moved.find(vmId);
    moved.vms[ref->index].host = hostId;
    const Vm &mvm = moved.vms[ref->index];

    detail::Fabric fabric(moved);
    Out hyp;
    detail::checkVm(fabric, mvm, hyp);
    Out ipamOut;
    detail::checkIpam(fabric, ipamOut);
    for (auto &v : ipamOut)
        if (v.rule == "NV304" && v.entities == std::vector<Id>{hostId})
            hyp.push_back(std::move(v));
    sortViolations(hyp);

    for (std::string_view rule : {"NV155", "NV200", "NV207", "NV304"}) {
        auto it = std::find_if(hyp.begin(), hyp.end(), [&](const Violation &v) { return v.rule == rule; });
        if (it == hyp.end())
            continue;
        Violation v = detail::make("NV400", {vmId, hostId},
                                   "moving VM " + vm->name + " to host " + host->name + " would break " + std::string(rule)
                                       + ": " + it->message);
        v.path = it->path;
        v.brokenLink = it->brokenLink;
        v.params["vm"] = vmId;
        v.params["host"] = hostId;
        v.params["rule"] = std::string(rule);
        out.push_back(std::move(v));
    }
    return out;
}

} // namespace netvirt::core::rules
