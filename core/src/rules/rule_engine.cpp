// RuleEngine and IncrementalValidator: both assemble the same per-subject results (fabric,
// each VM, each host with its VMs, name/MAC/address buckets, IPAM), so that an incremental
// update equals a full check by construction; the update only recomputes the subjects that
// an edit can reach, and falls back to a full check for edits of the fabric.
#include <netvirt/core/rules/rule_engine.h>

#include "checks.h"

#include <algorithm>
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

bool violationLess(const Violation &a, const Violation &b)
{
    if (a.severity != b.severity)
        return a.severity < b.severity;
    if (a.rule != b.rule)
        return a.rule < b.rule;
    if (a.entities != b.entities)
        return a.entities < b.entities; // first entity id, then the rest
    return a.message < b.message;
}

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
    struct VmState {
        Id host;
        std::vector<Id> nics;
        std::vector<detail::Contribution> contributions;
        std::uint64_t ipamSignature = 0;
        std::uint64_t ipamShape = 0;
        std::vector<std::pair<std::optional<std::string>, std::optional<std::string>>> addresses; // (ip, mac) per vNIC
    };

    std::unique_ptr<detail::Fabric> fabric;
    Out fabricOut;
    Out ipamOut;
    StrMap<Out> vmOut;      // only VMs with findings
    StrMap<Out> hostOut;    // only hosts with findings
    StrMap<Out> bucketOut;  // only colliding buckets
    StrMap<std::vector<Id>> buckets;
    StrMap<VmState> vms;
    StrMap<Id> nicToVm;
    StrMap<std::vector<Id>> hostVms;
    detail::IpamFacts ipamFacts;
    std::vector<detail::Contribution> fabricContribs; // host vNIC, PA and gateway addresses/MACs
    bool hasDuplicateIds = false;
    std::vector<Violation> result;
    bool lastFull = true;

    void full(const Design &d, bool tracking = true);
    bool incremental(const Design &d, const ChangeSet &changes);
    void recomputeHost(const Design &d, const Id &hostId);
    void recomputeHost(const Design &d, const Id &hostId, const std::vector<const Vm *> &vms);
    void recomputeBucket(const Design &d, const std::string &key);
    void assemble();
    bool ipamUnaffected(const Design &d, const VmState &before, const Vm &after);
    std::size_t bucketSize(const std::string &key) const
    {
        auto it = buckets.find(key);
        return it == buckets.end() ? 0 : it->second.size();
    }
    static VmState makeState(const Design &d, const Vm &vm, std::vector<detail::Contribution> contributions);
};

IncrementalValidator::State::VmState IncrementalValidator::State::makeState(const Design &, const Vm &vm,
                                                                             std::vector<detail::Contribution> contributions)
{
    VmState st;
    st.host = vm.host;
    for (const auto &n : vm.nics) {
        st.nics.push_back(n.id);
        st.addresses.emplace_back(n.ip, n.mac);
    }
    st.contributions = std::move(contributions);
    st.ipamSignature = detail::ipamSignature(vm);
    st.ipamShape = detail::ipamShape(vm);
    return st;
}

// Whether an edit of a VM that changed only vNIC address or MAC values leaves every
// IPAM-derived result as it was, so that ipam::allocate need not run again: nothing was
// short or unallocated, the old and new values are each unique in their space, the pools
// that hold them allocate nothing, and no pool's use drops to or rises from zero (NV103).
// Updates the kept pool use when it returns true.
bool IncrementalValidator::State::ipamUnaffected(const Design &d, const VmState &before, const Vm &after)
{
    if (ipamFacts.anythingUnallocated || detail::ipamShape(after) != before.ipamShape
        || after.nics.size() != before.addresses.size())
        return false;
    std::map<Id, long> delta;
    for (std::size_t i = 0; i < after.nics.size(); ++i) {
        const VmNic &n = after.nics[i];
        const auto &[oldIp, oldMac] = before.addresses[i];
        if (n.ip != oldIp) {
            auto space = detail::addressSpace(d, n.vmNetwork);
            if (!space || !oldIp || !n.ip)
                return false;
            auto a = net::parseAddress(*oldIp);
            auto b = net::parseAddress(*n.ip);
            if (!a || !b)
                return false;
            if (bucketSize("a|" + *space + "|" + a->to_string()) != 1 || bucketSize("a|" + *space + "|" + b->to_string()) != 0)
                return false;
            const net::AddrKey ka = net::toKey(*a), kb = net::toKey(*b);
            for (const auto &r : ipamFacts.ipRanges) {
                const bool sameSpace = r.space.empty() || r.space == *space;
                const bool inOld = sameSpace && r.first <= ka && ka <= r.last;
                const bool inNew = sameSpace && r.first <= kb && kb <= r.last;
                if (!inOld && !inNew)
                    continue;
                if (ipamFacts.drawn.count(r.pool))
                    return false;
                delta[r.pool] += (inNew ? 1 : 0) - (inOld ? 1 : 0);
            }
        }
        if (n.mac != oldMac) {
            if (!oldMac || !n.mac)
                return false;
            auto a = net::parseMac(*oldMac);
            auto b = net::parseMac(*n.mac);
            if (!a || !b)
                return false;
            if (bucketSize("m|" + a->toString()) != 1 || bucketSize("m|" + b->toString()) != 0)
                return false;
            for (const auto &r : ipamFacts.macRanges) {
                const bool inOld = r.first <= a->toU64() && a->toU64() <= r.last;
                const bool inNew = r.first <= b->toU64() && b->toU64() <= r.last;
                if (!inOld && !inNew)
                    continue;
                if (ipamFacts.drawn.count(r.pool))
                    return false;
                delta[r.pool] += (inNew ? 1 : 0) - (inOld ? 1 : 0);
            }
        }
    }
    for (const auto &[pool, dv] : delta) {
        auto it = ipamFacts.poolUse.find(pool);
        const long cur = it == ipamFacts.poolUse.end() ? 0 : static_cast<long>(it->second);
        if (cur <= 0 || cur + dv <= 0)
            return false;
    }
    for (const auto &[pool, dv] : delta)
        ipamFacts.poolUse[pool] = static_cast<std::size_t>(static_cast<long>(ipamFacts.poolUse[pool]) + dv);
    return true;
}

void IncrementalValidator::State::recomputeHost(const Design &d, const Id &hostId)
{
    std::vector<const Vm *> list;
    if (auto it = hostVms.find(hostId); it != hostVms.end())
        for (const auto &id : it->second)
            if (const Vm *vm = d.vm(id))
                list.push_back(vm);
    recomputeHost(d, hostId, list);
}

void IncrementalValidator::State::recomputeHost(const Design &d, const Id &hostId, const std::vector<const Vm *> &list)
{
    hostOut.erase(hostId);
    const Host *h = d.host(hostId);
    if (!h)
        return;
    Out o;
    detail::checkHostVms(*fabric, *h, list, o);
    if (!o.empty())
        hostOut[hostId] = std::move(o);
}

void IncrementalValidator::State::recomputeBucket(const Design &d, const std::string &key)
{
    bucketOut.erase(key);
    auto it = buckets.find(key);
    if (it == buckets.end())
        return;
    if (it->second.empty()) {
        buckets.erase(it);
        return;
    }
    Out o;
    detail::checkBucket(d, key, it->second, o);
    if (!o.empty())
        bucketOut[key] = std::move(o);
}

void IncrementalValidator::State::full(const Design &d, bool tracking)
{
    lastFull = true;
    fabric = std::make_unique<detail::Fabric>(d);
    fabricOut.clear();
    ipamOut.clear();
    vmOut.clear();
    hostOut.clear();
    bucketOut.clear();
    buckets.clear();
    vms.clear();
    nicToVm.clear();
    hostVms.clear();

    detail::checkFabric(*fabric, fabricOut);
    hasDuplicateIds = hasDuplicateIdFinding(fabricOut);

    std::vector<detail::Contribution> contributions;
    detail::fabricContributions(*fabric, contributions);
    if (tracking) {
        vms.reserve(d.vms.size());
        nicToVm.reserve(d.vms.size() * 2);
        buckets.reserve(d.vms.size() * 3 + contributions.size());
        for (auto &c : contributions)
            buckets[c.key].push_back(c.entity);
        fabricContribs = contributions;
    }
    StrMap<std::vector<const Vm *>> vmsOfHost;
    std::vector<detail::Contribution> mine;
    for (const auto &vm : d.vms) {
        Out o;
        detail::checkVm(*fabric, vm, o);
        if (!o.empty())
            vmOut[vm.id] = std::move(o);
        vmsOfHost[vm.host].push_back(&vm);
        if (!tracking) {
            detail::vmContributions(d, vm, contributions);
            continue;
        }
        mine.clear();
        detail::vmContributions(d, vm, mine);
        for (const auto &c : mine)
            buckets[c.key].push_back(c.entity);
        hostVms[vm.host].push_back(vm.id);
        for (const auto &n : vm.nics)
            nicToVm[n.id] = vm.id;
        vms[vm.id] = makeState(d, vm, std::move(mine));
        mine = {};
    }
    static const std::vector<const Vm *> kNone;
    for (const auto &h : d.hosts) {
        auto it = vmsOfHost.find(h.id);
        recomputeHost(d, h.id, it == vmsOfHost.end() ? kNone : it->second);
    }
    if (tracking) {
        for (const auto &[key, members] : buckets)
            if (members.size() > 1) {
                Out o;
                detail::checkBucket(d, key, members, o);
                if (!o.empty())
                    bucketOut[key] = std::move(o);
            }
    } else {
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
                    if (members.size() > 1) {
                        Out o;
                        detail::checkBucket(d, key, members, o);
                        if (!o.empty())
                            bucketOut[std::string(key)] = std::move(o);
                    }
            }
            i = j;
        }
    }
    detail::checkIpam(*fabric, ipamOut, tracking ? &ipamFacts : nullptr);
    assemble();
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

bool IncrementalValidator::State::incremental(const Design &d, const ChangeSet &changes)
{
    if (!fabric || hasDuplicateIds)
        return false;
    std::vector<Id> affected;
    bool cosmetic = false;          // a fabric field only messages or fabric-level rules read
    bool structural = false;        // any other fabric edit (VM networks excepted)
    std::vector<Id> hostsToRecheck; // a NIC's MTU changed: NV307
    for (const auto &c : changes) {
        if (c.field == "layout" || c.id.empty())
            continue; // diagram positions and the design's title: no rule reads them
        if (c.kind != EntityKind::Vm && c.kind != EntityKind::VmNic && c.type == Change::Type::Modified
            && isCosmeticField(c.field)) {
            cosmetic = true;
            if (c.kind == EntityKind::PhysicalNic)
                if (const Host *h = d.hostOf(c.id))
                    hostsToRecheck.push_back(h->id);
            continue;
        }
        if (c.kind == EntityKind::Vm) {
            affected.push_back(c.id);
        } else if (c.kind == EntityKind::VmNic) {
            if (const Vm *vm = d.vmOfNic(c.id))
                affected.push_back(vm->id);
            if (auto it = nicToVm.find(c.id); it != nicToVm.end())
                affected.push_back(it->second);
        } else if (c.kind == EntityKind::VmNetwork) {
            return false; // VM vNICs' address spaces (bucket keys) depend on it: start again
        } else {
            structural = true; // the walks may change: every VM is checked again
        }
    }
    std::sort(affected.begin(), affected.end());
    affected.erase(std::unique(affected.begin(), affected.end()), affected.end());
    if (structural)
        fabric = std::make_unique<detail::Fabric>(d); // its walk cache is keyed by table addresses
    else
        fabric->rebind(d);
    lastFull = false;

    std::unordered_set<std::string> dirtyBuckets;
    std::unordered_set<Id> dirtyHosts;
    bool ipamDirty = false;
    for (const auto &vmId : affected) {
        std::uint64_t oldSig = 0;
        bool existed = false;
        bool ipamKept = false;
        if (auto it = vms.find(vmId); it != vms.end()) {
            existed = true;
            if (const Vm *now = d.vm(vmId); now && detail::ipamSignature(*now) != it->second.ipamSignature)
                ipamKept = !ipamDirty && ipamUnaffected(d, it->second, *now);
            VmState &st = it->second;
            for (const auto &c : st.contributions) {
                auto b = buckets.find(c.key);
                if (b != buckets.end()) {
                    auto &m = b->second;
                    if (auto pos = std::find(m.begin(), m.end(), c.entity); pos != m.end())
                        m.erase(pos);
                }
                dirtyBuckets.insert(c.key);
            }
            for (const auto &n : st.nics)
                if (auto x = nicToVm.find(n); x != nicToVm.end() && x->second == vmId)
                    nicToVm.erase(x);
            if (auto hv = hostVms.find(st.host); hv != hostVms.end()) {
                auto &m = hv->second;
                if (auto pos = std::find(m.begin(), m.end(), vmId); pos != m.end())
                    m.erase(pos);
            }
            dirtyHosts.insert(st.host);
            oldSig = st.ipamSignature;
            vms.erase(it);
        }
        vmOut.erase(vmId);
        const Vm *vm = d.vm(vmId);
        if (!vm) {
            ipamDirty = ipamDirty || existed;
            continue;
        }
        Out o;
        detail::checkVm(*fabric, *vm, o);
        if (!o.empty())
            vmOut[vm->id] = std::move(o);
        std::vector<detail::Contribution> contributions;
        detail::vmContributions(d, *vm, contributions);
        for (const auto &c : contributions) {
            buckets[c.key].push_back(c.entity);
            dirtyBuckets.insert(c.key);
        }
        for (const auto &n : vm->nics)
            nicToVm[n.id] = vm->id;
        VmState st = makeState(d, *vm, std::move(contributions));
        if (!existed || (st.ipamSignature != oldSig && !ipamKept))
            ipamDirty = true;
        hostVms[vm->host].push_back(vm->id);
        dirtyHosts.insert(vm->host);
        vms[vm->id] = std::move(st);
    }
    if (structural) {
        // VM states and the VMs' bucket entries stay (they do not read the fabric beyond VM
        // networks); the fabric's findings, its bucket entries, every VM and host check and
        // IPAM are done again.
        fabricOut.clear();
        detail::checkFabric(*fabric, fabricOut);
        hasDuplicateIds = hasDuplicateIdFinding(fabricOut);
        for (const auto &c : fabricContribs) {
            if (auto b = buckets.find(c.key); b != buckets.end()) {
                auto &m = b->second;
                if (auto pos = std::find(m.begin(), m.end(), c.entity); pos != m.end())
                    m.erase(pos);
            }
            dirtyBuckets.insert(c.key);
        }
        fabricContribs.clear();
        detail::fabricContributions(*fabric, fabricContribs);
        for (const auto &c : fabricContribs) {
            buckets[c.key].push_back(c.entity);
            dirtyBuckets.insert(c.key);
        }
        for (const auto &[key, o] : bucketOut)
            dirtyBuckets.insert(key);
        vmOut.clear();
        for (const auto &vm : d.vms) {
            Out o;
            detail::checkVm(*fabric, vm, o);
            if (!o.empty())
                vmOut[vm.id] = std::move(o);
        }
        for (const auto &[h, o] : hostOut)
            dirtyHosts.insert(h);
        for (const auto &h : d.hosts)
            dirtyHosts.insert(h.id);
        ipamDirty = true;
    } else if (cosmetic) {
        // Names appear in messages: refresh the fabric findings and every subject that has
        // findings; subjects without findings have no message to refresh.
        fabricOut.clear();
        detail::checkFabric(*fabric, fabricOut);
        std::vector<Id> withFindings;
        for (const auto &[vmId, o] : vmOut)
            withFindings.push_back(vmId);
        for (const auto &vmId : withFindings) {
            vmOut.erase(vmId);
            if (const Vm *vm = d.vm(vmId)) {
                Out o;
                detail::checkVm(*fabric, *vm, o);
                if (!o.empty())
                    vmOut[vmId] = std::move(o);
            }
        }
        for (const auto &[h, o] : hostOut)
            dirtyHosts.insert(h);
        for (const auto &h : hostsToRecheck)
            dirtyHosts.insert(h);
        for (const auto &[key, o] : bucketOut)
            dirtyBuckets.insert(key);
        if (!ipamDirty && ipamFacts.allocation) {
            ipamOut.clear();
            detail::reportIpam(*fabric, *ipamFacts.allocation, ipamOut);
        }
    }
    for (const auto &key : dirtyBuckets)
        recomputeBucket(d, key);
    for (const auto &h : dirtyHosts)
        recomputeHost(d, h);
    if (ipamDirty) {
        ipamOut.clear();
        detail::checkIpam(*fabric, ipamOut, &ipamFacts);
    }
    assemble();
    return true;
}

void IncrementalValidator::State::assemble()
{
    result.clear();
    auto add = [&](const Out &o) { result.insert(result.end(), o.begin(), o.end()); };
    add(fabricOut);
    add(ipamOut);
    for (const auto &[k, o] : vmOut)
        add(o);
    for (const auto &[k, o] : hostOut)
        add(o);
    for (const auto &[k, o] : bucketOut)
        add(o);
    finish(result);
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
