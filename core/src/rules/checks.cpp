// The rule functions of RULES.md. Each rule blames a fixed list of entities, most specific
// first; "How rules combine": an unresolved reference is NV101 only, and every rule that
// needs that reference is silent about it.
#include "checks.h"

#include <netvirt/core/ipam/ipam.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <span>

namespace netvirt::core::rules::detail {

namespace {

using net::Prefix;

std::vector<Id> sortedUnique(std::vector<Id> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

std::string inQuotes(std::string_view s)
{
    std::string r;
    r.reserve(s.size() + 2);
    r.push_back('"');
    r.append(s);
    r.push_back('"');
    return r;
}

std::string joinNames(const Design &d, const std::vector<Id> &ids)
{
    std::string s;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i)
            s += i + 1 == ids.size() ? " and " : ", ";
        s += d.displayName(ids[i]);
    }
    return s;
}

std::optional<std::string> canonicalAddress(std::string_view text)
{
    auto a = net::parseAddress(text);
    if (!a)
        return std::nullopt;
    return a->to_string();
}

// Collects the unresolved references of one entity into one NV101.
class RefCheck {
public:
    RefCheck(const Design &d, const Id &entity) : m_d(d), m_entity(entity) {}

    // The entity, when the reference resolves to the wanted kind; nullptr otherwise.
    const EntityRef *check(std::string_view field, const Id &target, EntityKind want)
    {
        const EntityRef *r = m_d.find(target);
        if (r && r->kind == want)
            return r;
        if (!m_msg.empty())
            m_msg += "; ";
        m_msg += std::string(field) + " names ";
        if (!r)
            m_msg += "unknown id " + inQuotes(target);
        else
            m_msg += std::string(kindLabel(r->kind)) + " " + inQuotes(target) + ", not a "
                + std::string(kindLabel(want));
        if (m_firstField.empty()) {
            m_firstField = field;
            m_firstTarget = target;
        }
        return nullptr;
    }
    void fail(std::string_view field, const Id &target, std::string_view why)
    {
        if (!m_msg.empty())
            m_msg += "; ";
        m_msg += std::string(field) + " " + std::string(why);
        if (m_firstField.empty()) {
            m_firstField = field;
            m_firstTarget = target;
        }
    }
    void flush(Out &out)
    {
        if (m_msg.empty())
            return;
        Violation v = make("NV101", {m_entity}, describe(m_d, m_entity) + ": " + m_msg);
        v.params["entity"] = m_entity;
        v.params["field"] = m_firstField;
        v.params["target"] = m_firstTarget;
        v.path = {m_entity, m_firstTarget};
        v.brokenLink = 0;
        out.push_back(std::move(v));
    }

private:
    const Design &m_d;
    const Id &m_entity;
    std::string m_msg;
    std::string m_firstField;
    std::string m_firstTarget;
};

// ---- NV101 reads the reference fields of referenceFields() (edit.h): one list for the
// edit operations and the rule. The rules read the typed model, so each field has a reader
// here; nested references (switch entries, adapters, virtual ports) are not in that list
// (they are set with setField on the whole array) and are checked beside it.

std::span<const Id> one(const Id &id) { return {&id, 1}; }
std::span<const Id> opt(const std::optional<Id> &id) { return id ? std::span<const Id>(&*id, 1) : std::span<const Id>(); }
std::span<const Id> many(const std::vector<Id> &ids) { return ids; }

template <typename T>
struct FieldReader {
    std::string_view field;
    std::span<const Id> (*read)(const T &);
};

template <typename T>
std::span<const FieldReader<T>> fieldReaders();

#define NETVIRT_READERS(Type, ...)                                                                                     \
    template <>                                                                                                        \
    std::span<const FieldReader<Type>> fieldReaders<Type>()                                                            \
    {                                                                                                                  \
        static const FieldReader<Type> kReaders[] = {__VA_ARGS__};                                                     \
        return kReaders;                                                                                               \
    }
NETVIRT_READERS(HostGroup, {"parent", [](const HostGroup &e) { return opt(e.parent); }})
NETVIRT_READERS(Site, {"logicalNetwork", [](const Site &e) { return one(e.logicalNetwork); }},
                {"hostGroups", [](const Site &e) { return many(e.hostGroups); }})
NETVIRT_READERS(IpPool, {"site", [](const IpPool &e) { return opt(e.site); }},
                {"vmSubnet", [](const IpPool &e) { return opt(e.vmSubnet); }})
NETVIRT_READERS(MacPool, {"hostGroups", [](const MacPool &e) { return many(e.hostGroups); }})
NETVIRT_READERS(UplinkPortProfile, {"sites", [](const UplinkPortProfile &e) { return many(e.sites); }})
NETVIRT_READERS(LogicalSwitch, {"uplinkProfiles", [](const LogicalSwitch &e) { return many(e.uplinkProfiles); }})
NETVIRT_READERS(Host, {"hostGroup", [](const Host &e) { return one(e.hostGroup); }})
NETVIRT_READERS(HostVnic, {"vmNetwork", [](const HostVnic &e) { return opt(e.vmNetwork); }},
                {"classification", [](const HostVnic &e) { return opt(e.classification); }})
NETVIRT_READERS(VmNetwork, {"logicalNetwork", [](const VmNetwork &e) { return one(e.logicalNetwork); }})
NETVIRT_READERS(Vm, {"host", [](const Vm &e) { return one(e.host); }})
NETVIRT_READERS(VmNic, {"vmNetwork", [](const VmNic &e) { return opt(e.vmNetwork); }},
                {"vmSubnet", [](const VmNic &e) { return opt(e.vmSubnet); }},
                {"logicalSwitch", [](const VmNic &e) { return opt(e.logicalSwitch); }},
                {"classification", [](const VmNic &e) { return opt(e.classification); }})
NETVIRT_READERS(Gateway, {"vmNetwork", [](const Gateway &e) { return one(e.vmNetwork); }},
                {"vmSubnet", [](const Gateway &e) { return one(e.vmSubnet); }},
                {"host", [](const Gateway &e) { return one(e.host); }})
#undef NETVIRT_READERS

// The reference fields of one kind, in referenceFields() order, each with its reader.
template <typename T>
struct KindReference {
    const ReferenceField *ref;
    std::span<const Id> (*read)(const T &);
};

template <typename T>
const std::vector<KindReference<T>> &referencesOf(EntityKind kind)
{
    static const std::vector<KindReference<T>> kRefs = [kind] {
        std::vector<KindReference<T>> out;
        for (const ReferenceField &rf : referenceFields()) {
            if (rf.from != kind)
                continue;
            const auto readers = fieldReaders<T>();
            auto it = std::find_if(readers.begin(), readers.end(), [&](const FieldReader<T> &r) { return r.field == rf.field; });
            if (it == readers.end()) {
                // A reference field the rules cannot read: a programming error caught by every test.
                std::fprintf(stderr, "NV101: no reader for %.*s\n", int(rf.field.size()), rf.field.data());
                std::abort();
            }
            out.push_back({&rf, it->read});
        }
        return out;
    }();
    return kRefs;
}

// Where a kind's field stands in referencesOf(), for reading checkReferencesOf's results.
template <typename T>
std::size_t referenceSlot(EntityKind kind, std::string_view field)
{
    const auto &refs = referencesOf<T>(kind);
    for (std::size_t i = 0; i < refs.size(); ++i)
        if (refs[i].ref->field == field)
            return i;
    std::abort();
}

// Checks every reference field of referenceFields() of one entity; `resolved[i]` (when
// given) receives what the i-th field of referencesOf() resolves to, for scalar fields.
template <typename T>
void checkReferencesOf(RefCheck &rc, EntityKind kind, const T &entity, const EntityRef **resolved = nullptr)
{
    const auto &refs = referencesOf<T>(kind);
    for (std::size_t i = 0; i < refs.size(); ++i) {
        const ReferenceField &rf = *refs[i].ref;
        const EntityRef *last = nullptr;
        for (const Id &target : refs[i].read(entity))
            last = rc.check(rf.field, target, rf.to);
        if (resolved)
            resolved[i] = rf.list ? nullptr : last;
    }
}

struct NamedItem {
    std::string_view id; // of an entity of the design: no copy per item
    std::string_view name;
};

// Whether two items share a name (small groups: pairwise; large ones: nameGroups decides).
bool anyRepeatedName(const std::vector<NamedItem> &items)
{
    if (items.size() < 2)
        return false;
    if (items.size() > 16)
        return true;
    for (std::size_t i = 0; i < items.size(); ++i)
        for (std::size_t j = i + 1; j < items.size(); ++j)
            if (namesEqual(items[i].name, items[j].name))
                return true;
    return false;
}

void nameGroups(const Design &d, std::vector<NamedItem> items, std::string_view what, std::string_view scope, Out &out)
{
    // Almost every group is small and without a repeated name: compare pairwise first.
    if (items.size() < 2)
        return;
    if (items.size() <= 16) {
        bool repeated = false;
        for (std::size_t i = 0; i < items.size() && !repeated; ++i)
            for (std::size_t j = i + 1; j < items.size() && !repeated; ++j)
                repeated = namesEqual(items[i].name, items[j].name);
        if (!repeated)
            return;
    }
    // Sorted by a case-insensitive hash, equal names are neighbours: integers sort fast, and
    // no folded copy of any name is made. Equal hashes of different names are told apart.
    // (std::tolower as namesEqual and foldName: the same folding in any locale.)
    auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
    std::vector<std::pair<std::uint64_t, std::uint32_t>> order(items.size());
    for (std::uint32_t i = 0; i < items.size(); ++i) {
        std::uint64_t h = 1469598103934665603ull;
        for (char c : items[i].name) {
            h ^= static_cast<unsigned char>(lower(c));
            h *= 1099511628211ull;
        }
        order[i] = {h, i};
    }
    std::sort(order.begin(), order.end());
    std::vector<std::vector<Id>> dups;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i + 1;
        while (j < order.size() && order[j].first == order[i].first)
            ++j;
        for (std::size_t k = i; k < j; ++k) {
            if (order[k].second == UINT32_MAX)
                continue;
            std::vector<Id> ids{Id(items[order[k].second].id)};
            for (std::size_t m = k + 1; m < j; ++m)
                if (order[m].second != UINT32_MAX && namesEqual(items[order[k].second].name, items[order[m].second].name)) {
                    ids.emplace_back(items[order[m].second].id);
                    order[m].second = UINT32_MAX;
                }
            if (ids.size() > 1)
                dups.push_back(sortedUnique(std::move(ids)));
        }
        i = j;
    }
    for (auto &ids : dups) {
        std::string msg = std::string(what) + " name " + inQuotes(std::string(d.displayName(ids.front())))
            + " is used " + std::to_string(ids.size()) + " times" + std::string(scope) + ": " + joinNames(d, ids);
        Violation v = make("NV102", ids, msg);
        v.params["name"] = d.displayName(ids.front());
        out.push_back(std::move(v));
    }
}

template <typename T>
void topLevelNames(const Design &d, const std::vector<T> &table, std::string_view what, Out &out)
{
    std::vector<NamedItem> items;
    items.reserve(table.size());
    for (const auto &e : table)
        items.push_back({e.id, e.name});
    nameGroups(d, std::move(items), what, "", out);
}

bool inRange(net::AddrKey k, net::AddrKey a, net::AddrKey b) { return a <= k && k <= b; }

std::string_view linkName(Walk::Status s)
{
    switch (s) {
    case Walk::Status::SwitchNotOnHost: return "switch-not-on-host";
    case Walk::Status::NoUplinkCarries: return "no-uplink-carries-site";
    case Walk::Status::NotScoped: return "site-not-scoped-to-host-group";
    default: return "ok";
    }
}

// Sets `to` to the ids given, reusing its strings' storage.
void assignIds(std::vector<Id> &to, std::initializer_list<const Id *> ids)
{
    to.resize(ids.size());
    std::size_t i = 0;
    for (const Id *id : ids)
        to[i++].assign(*id);
}

// Fills `v` with the NV200/NV205 violation for a failed walk; `appendWho(message)` describes
// the vNIC. One per vNIC of every host whose walk fails (hundreds after one fabric edit): `v`
// may be a dropped finding whose storage is reused (each field is set).
template <typename AppendWho>
void fillWalkViolation(Violation &v, const Design &d, std::string_view rule, AppendWho appendWho, const Id &vnic,
                       const VmNetwork &vmn, const LogicalNetwork &ln, const LogicalSwitch &ls, const Host &host, const Walk &w)
{
    std::string &msg = v.message;
    msg.clear();
    msg.reserve(256);
    appendWho(msg);
    msg.append(" cannot reach VM network ").append(vmn.name).append(": ");
    int broken = -1;
    switch (w.status) {
    case Walk::Status::SwitchNotOnHost:
        msg.append("logical switch ").append(ls.name).append(" is not deployed on host ").append(host.name);
        assignIds(v.path, {&vnic, &vmn.id, &ln.id, &ls.id, &host.id});
        broken = 3;
        break;
    case Walk::Status::NoUplinkCarries:
        msg.append("no uplink port profile of logical switch ").append(ls.name).append(" on host ").append(host.name);
        msg.append(" carries a site of logical network ").append(ln.name);
        assignIds(v.path, {&vnic, &vmn.id, &ln.id, &ls.id, &host.id});
        broken = 2;
        break;
    case Walk::Status::NotScoped: {
        const HostGroup *hg = d.hostGroup(host.hostGroup);
        msg.append("uplink port profiles of logical switch ").append(ls.name).append(" on host ").append(host.name);
        msg.append(" carry sites of logical network ").append(ln.name).append(", but none is scoped to host group ");
        msg.append(hg ? hg->name : host.hostGroup).append(" or an ancestor");
        assignIds(v.path, {&vnic, &vmn.id, &ln.id, &w.carriedSite, &w.carriedUplink, &ls.id, &host.id});
        broken = 3;
        break;
    }
    default:
        v.path.clear();
        break;
    }
    v.rule.assign(rule);
    v.severity = severityOf(rule);
    assignIds(v.entities, {&vnic, &host.id, &ls.id});
    v.brokenLink = broken;
    // In key order, each at the end (no comparisons), or into the nodes of the same keys.
    static constexpr std::string_view kKeys[] = {"host", "link", "logicalNetwork", "switch", "vmNetwork", "vnic"};
    const std::string_view values[] = {host.id, linkName(w.status), ln.id, ls.id, vmn.id, vnic};
    auto &p = v.params;
    if (p.size() == std::size(kKeys)
        && std::equal(p.begin(), p.end(), std::begin(kKeys), [](const auto &kv, std::string_view k) { return kv.first == k; })) {
        std::size_t i = 0;
        for (auto &kv : p)
            kv.second.assign(values[i++]);
    } else {
        p.clear();
        for (std::size_t i = 0; i < std::size(kKeys); ++i)
            p.emplace_hint(p.end(), std::string(kKeys[i]), std::string(values[i]));
    }
    if (!w.fix) {
        v.fix.reset();
    } else if (v.fix) {
        v.fix->description.assign(w.fix->description);
        v.fix->edits = w.fix->edits;
    } else {
        v.fix = w.fix;
    }
}

std::vector<Id> okPath(const Id &vnic, const Id &vmn, const Id &ln, const Walk &w, const Id &ls, const Id &host)
{
    if (w.reachable.empty())
        return {};
    return {vnic, vmn, ln, w.reachable.front().first, w.reachable.front().second, ls, host};
}

const HostSwitch *hostSwitch(const Host &h, std::string_view ls)
{
    for (const auto &s : h.switches)
        if (s.logicalSwitch == ls)
            return &s;
    return nullptr;
}

// Whether an address lies in a site subnet reachable by the walk; a reachable site with an
// invalid subnet (NV110) leaves it unknown, which counts as reachable (silent).
bool addressReachable(const Fabric &f, const Walk &w, const net::IpAddress &a)
{
    w.readAll = true;
    for (const auto &[site, up] : w.reachable) {
        if (f.siteHasInvalidSubnet(site))
            return true;
        for (const auto &p : f.sitePrefixes(site))
            if (p.contains(a))
                return true;
    }
    return false;
}

} // namespace

std::string_view kindLabel(EntityKind kind)
{
    switch (kind) {
    case EntityKind::HostGroup: return "host group";
    case EntityKind::LogicalNetwork: return "logical network";
    case EntityKind::Site: return "site";
    case EntityKind::IpPool: return "IP pool";
    case EntityKind::MacPool: return "MAC pool";
    case EntityKind::UplinkPortProfile: return "uplink port profile";
    case EntityKind::VnicPortProfile: return "virtual network adapter port profile";
    case EntityKind::PortClassification: return "port classification";
    case EntityKind::LogicalSwitch: return "logical switch";
    case EntityKind::Host: return "host";
    case EntityKind::PhysicalNic: return "physical NIC";
    case EntityKind::HostVnic: return "host vNIC";
    case EntityKind::VmNetwork: return "VM network";
    case EntityKind::VmSubnet: return "VM subnet";
    case EntityKind::Vm: return "VM";
    case EntityKind::VmNic: return "vNIC";
    case EntityKind::Gateway: return "gateway";
    }
    return "entity";
}

std::string describe(const Design &design, std::string_view id)
{
    const EntityRef *r = design.find(id);
    if (!r)
        return std::string(id);
    // An unnamed vNIC is known by its id; say whose it is.
    if (r->kind == EntityKind::VmNic) {
        const Vm &vm = design.vms[r->index];
        const VmNic &nic = vm.nics[r->child];
        if (!nic.name)
            return "vNIC " + nic.id + " of VM " + vm.name;
    }
    return std::string(kindLabel(r->kind)) + " " + design.displayName(id);
}

void appendVmNic(std::string &s, const Vm &vm, const VmNic &nic)
{
    if (!nic.name)
        s.append("vNIC ").append(nic.id).append(" of VM ").append(vm.name);
    else
        s.append("vNIC ").append(vm.name).append("/").append(*nic.name);
}

std::string describeVmNic(const Vm &vm, const VmNic &nic, std::size_t extra)
{
    std::string s;
    s.reserve(nic.id.size() + vm.name.size() + (nic.name ? nic.name->size() : 0) + 12 + extra);
    appendVmNic(s, vm, nic);
    return s;
}

const EntityRef *LookupMemo::find(std::string_view id)
{
    auto &slot = m_slots[std::hash<std::string_view>{}(id) % std::size(m_slots)];
    if (slot.second && slot.first == id)
        return slot.second;
    const EntityRef *r = m_design.find(id);
    if (r)
        slot = {id, r};
    return r;
}

Severity severityOf(std::string_view rule)
{
    // "NVddd" → the catalog's severity, from a table built once (make() runs per finding).
    static const std::vector<std::pair<bool, Severity>> kByNumber = [] {
        std::vector<std::pair<bool, Severity>> t(1000, {false, Severity::Error});
        for (const auto &r : ruleCatalog())
            if (r.id.size() == 5 && r.id.substr(0, 2) == "NV")
                t[static_cast<std::size_t>(std::atoi(std::string(r.id.substr(2)).c_str()))] = {true, r.severity};
        return t;
    }();
    if (rule.size() == 5 && rule[0] == 'N' && rule[1] == 'V' && std::isdigit(static_cast<unsigned char>(rule[2]))
        && std::isdigit(static_cast<unsigned char>(rule[3])) && std::isdigit(static_cast<unsigned char>(rule[4]))) {
        const auto &e = kByNumber[static_cast<std::size_t>((rule[2] - '0') * 100 + (rule[3] - '0') * 10 + (rule[4] - '0'))];
        if (e.first)
            return e.second;
    }
    const RuleInfo *info = findRule(rule);
    return info ? info->severity : Severity::Error;
}

Violation make(std::string_view rule, std::vector<Id> entities, std::string message)
{
    Violation v;
    v.rule = std::string(rule);
    v.severity = severityOf(rule);
    v.entities = std::move(entities);
    v.message = std::move(message);
    return v;
}

// ---------------------------------------------------------------- Fabric

bool Walk::operator==(const Walk &o) const
{
    if (status != o.status || reachable != o.reachable || carriedSite != o.carriedSite || carriedUplink != o.carriedUplink
        || virtualized != o.virtualized || fix.has_value() != o.fix.has_value())
        return false;
    if (!fix)
        return true;
    if (fix->description != o.fix->description || fix->edits.size() != o.fix->edits.size())
        return false;
    for (std::size_t i = 0; i < fix->edits.size(); ++i) {
        const auto &x = fix->edits[i];
        const auto &y = o.fix->edits[i];
        if (x.op != y.op || x.target != y.target || x.field != y.field || x.to != y.to || x.value != y.value)
            return false;
    }
    return true;
}

Fabric::Fabric(const Design &design) : m_design(&design), m_uniqueIds(entityTotal(design) == design.entityCount())
{
    prefixes();
}

void Fabric::prefixes()
{
    const Design &design = *m_design;
    m_sitePrefixes.clear();
    m_invalidSites.clear();
    m_vmSubnetPrefixes.clear();
    for (const auto &s : design.sites) {
        auto &v = m_sitePrefixes[s.id];
        for (const auto &sub : s.subnets) {
            if (auto p = net::parseStrictPrefix(sub.prefix))
                v.push_back(*p);
            else
                m_invalidSites.insert(s.id);
        }
    }
    for (const auto &n : design.vmNetworks)
        for (const auto &s : n.subnets)
            m_vmSubnetPrefixes[s.id] = net::parseStrictPrefix(s.prefix);
}

void Fabric::refreshPrefixes() { prefixes(); }

void Fabric::forgetHost(const Host &host)
{
    for (auto it = m_walks.begin(); it != m_walks.end();)
        it = it->first.host == &host ? m_walks.erase(it) : std::next(it);
}

std::unordered_set<Id> Fabric::rewalk(const std::unordered_set<Id> &touched)
{
    m_ancestors.clear();
    std::unordered_set<Id> hosts;
    LookupMemo memo(*m_design);
    for (auto &[key, c] : m_classes) {
        Walk before = std::move(c.walk);
        computeWalk(c, &memo);
        const Walk &now = c.walk;
        now.readAll = before.readAll;
        bool changed = before.status != now.status || before.carriedSite != now.carriedSite
            || before.carriedUplink != now.carriedUplink || before.virtualized != now.virtualized
            || before.reachable.empty() != now.reachable.empty()
            || (!now.reachable.empty() && before.reachable.front() != now.reachable.front());
        if (!changed) {
            Walk a = before, b = now; // the fix, compared as Walk::operator== does
            a.reachable.clear();
            b.reachable.clear();
            changed = !(a == b);
        }
        if (!changed && before.readAll) {
            changed = before.reachable != now.reachable;
            for (const auto &[site, up] : now.reachable)
                changed = changed || touched.count(site) > 0;
        }
        if (changed)
            hosts.insert(c.hosts.begin(), c.hosts.end());
    }
    return hosts;
}

const std::vector<Id> &Fabric::ancestors(std::string_view hostGroupId) const
{
    auto it = m_ancestors.find(hostGroupId);
    if (it != m_ancestors.end())
        return it->second;
    std::vector<Id> chain;
    const HostGroup *g = m_design->hostGroup(hostGroupId);
    while (g && std::find(chain.begin(), chain.end(), g->id) == chain.end()) {
        chain.push_back(g->id);
        g = g->parent ? m_design->hostGroup(*g->parent) : nullptr;
    }
    return m_ancestors.emplace(std::string(hostGroupId), std::move(chain)).first->second;
}

const std::vector<net::Prefix> &Fabric::sitePrefixes(std::string_view siteId) const
{
    static const std::vector<net::Prefix> kNone;
    auto it = m_sitePrefixes.find(siteId);
    return it == m_sitePrefixes.end() ? kNone : it->second;
}

std::optional<net::Prefix> Fabric::vmSubnetPrefix(std::string_view vmSubnetId) const
{
    auto it = m_vmSubnetPrefixes.find(vmSubnetId);
    return it == m_vmSubnetPrefixes.end() ? std::nullopt : it->second;
}

bool Fabric::siteScopedToHost(const Site &site, const Host &host) const { return scopedToGroup(site, host.hostGroup); }

bool Fabric::scopedToGroup(const Site &site, std::string_view hostGroup) const
{
    const auto &anc = ancestors(hostGroup);
    for (const auto &g : site.hostGroups)
        if (std::find(anc.begin(), anc.end(), g) != anc.end())
            return true;
    return false;
}

const Walk &Fabric::walk(const Host &host, const LogicalSwitch &ls, const LogicalNetwork &ln) const
{
    const WalkKey key{&host, &ls, &ln};
    auto it = m_walks.find(key);
    if (it != m_walks.end())
        return it->second->walk;

    std::vector<Id> uplinks;
    bool onHost = false;
    for (const auto &s : host.switches) {
        if (s.logicalSwitch != ls.id)
            continue;
        onHost = true;
        for (const auto &a : s.adapters)
            if (std::find(uplinks.begin(), uplinks.end(), a.uplinkProfile) == uplinks.end())
                uplinks.push_back(a.uplinkProfile);
    }
    std::string classKey;
    classKey.reserve(64);
    classKey.append(ls.id).push_back('\x1f');
    classKey.append(ln.id).push_back('\x1f');
    classKey.append(host.hostGroup).push_back('\x1f');
    classKey.push_back(onHost ? '1' : '0');
    for (const auto &u : uplinks)
        classKey.append("\x1f").append(u);
    auto c = m_classes.find(classKey);
    if (c == m_classes.end()) {
        WalkClass wc;
        wc.ls = ls.id;
        wc.ln = ln.id;
        wc.hostGroup = host.hostGroup;
        wc.onHost = onHost;
        wc.uplinks = std::move(uplinks);
        computeWalk(wc);
        c = m_classes.emplace(std::move(classKey), std::move(wc)).first;
    }
    c->second.hosts.insert(host.id);
    m_walks.emplace(key, &c->second);
    return c->second.walk;
}

void Fabric::computeWalk(WalkClass &c, LookupMemo *memo) const
{
    const Design &d = *m_design;
    // Every class walks the same few uplink profiles and sites: rewalk looks them up once.
    // (The memo holds views: only ids that outlive it, of the design or of the class.)
    auto uplinkPortProfile = [&](const Id &id) {
        return memo ? memo->get(id, EntityKind::UplinkPortProfile, d.uplinkPortProfiles) : d.uplinkPortProfile(id);
    };
    auto siteById = [&](const Id &id) { return memo ? memo->get(id, EntityKind::Site, d.sites) : d.site(id); };
    auto logicalNetwork = [&](const Id &id) {
        return memo ? memo->get(id, EntityKind::LogicalNetwork, d.logicalNetworks) : d.logicalNetwork(id);
    };
    auto hostGroupOf = [&](const Id &id) { return memo ? memo->get(id, EntityKind::HostGroup, d.hostGroups) : d.hostGroup(id); };
    // What the walk reads of the host: its group (scoping) and its adapters' uplinks.
    const Id &hostGroup = c.hostGroup;
    const std::vector<Id> &uplinks = c.uplinks;
    const Id &lnId = c.ln;
    Walk w;
    if (!c.onHost) {
        w.status = Walk::Status::SwitchNotOnHost;
    } else {
        bool carried = false;
        // An unresolved reference on the way (NV101) hides a fact: the walk is then silent
        // rather than guessing, unless it succeeds anyway.
        bool uncertain = false;
        for (const auto &upId : uplinks) {
            const UplinkPortProfile *up = uplinkPortProfile(upId);
            if (!up) {
                uncertain = true;
                continue;
            }
            for (const auto &siteId : up->sites) {
                const Site *site = siteById(siteId);
                if (!site) {
                    uncertain = true;
                    continue;
                }
                if (site->logicalNetwork != lnId) {
                    uncertain = uncertain || !logicalNetwork(site->logicalNetwork);
                    continue;
                }
                for (const auto &g : site->hostGroups)
                    uncertain = uncertain || !hostGroupOf(g);
                if (!carried) {
                    carried = true;
                    w.carriedSite = site->id;
                    w.carriedUplink = up->id;
                }
                if (scopedToGroup(*site, hostGroup))
                    w.reachable.emplace_back(site->id, up->id);
            }
        }
        for (const auto &[site, upId] : w.reachable)
            if (const UplinkPortProfile *u = d.uplinkPortProfile(upId); u && u->networkVirtualization)
                w.virtualized = true;
        if (!w.reachable.empty()) {
            w.status = Walk::Status::Ok;
        } else if (uncertain) {
            w.status = Walk::Status::Unknown;
        } else if (carried) {
            // Without a resolvable host group the scoping cannot be judged: silent.
            w.status = hostGroupOf(hostGroup) ? Walk::Status::NotScoped : Walk::Status::Unknown;
            if (w.status == Walk::Status::NotScoped) {
                Fix fix;
                fix.description = "add host group " + hostGroup + " to site " + w.carriedSite;
                fix.edits.push_back({FixEdit::Op::Bind, w.carriedSite, "hostGroups", hostGroup, {}});
                w.fix = std::move(fix);
            }
        } else {
            w.status = Walk::Status::NoUplinkCarries;
            // The obvious repair: a site of the logical network scoped to the host, added to
            // an uplink port profile that the host binds for this switch.
            const UplinkPortProfile *up = nullptr;
            for (const auto &upId : uplinks)
                if ((up = d.uplinkPortProfile(upId)))
                    break;
            const Site *site = nullptr;
            for (const auto &s : d.sites)
                if (s.logicalNetwork == lnId && scopedToGroup(s, hostGroup)) {
                    site = &s;
                    break;
                }
            if (up && site) {
                Fix fix;
                fix.description = "add site " + site->id + " to uplink port profile " + up->id;
                fix.edits.push_back({FixEdit::Op::Bind, up->id, "sites", site->id, {}});
                w.fix = std::move(fix);
            }
        }
    }
    c.walk = std::move(w);
}

// ---------------------------------------------------------------- fabric rules

namespace {

// NV101 of one host, its switch entries and its host vNICs.
void checkHostReferences(const Design &d, const Host &h, Out &out)
{
    RefCheck rc(d, h.id);
    checkReferencesOf(rc, EntityKind::Host, h);
    for (const auto &s : h.switches) {
        rc.check("switches.logicalSwitch", s.logicalSwitch, EntityKind::LogicalSwitch);
        for (const auto &a : s.adapters) {
            if (rc.check("switches.adapters.nic", a.nic, EntityKind::PhysicalNic) && d.hostOf(a.nic) != &h)
                rc.fail("switches.adapters.nic", a.nic, "names physical NIC " + inQuotes(a.nic) + " of another host");
            rc.check("switches.adapters.uplinkProfile", a.uplinkProfile, EntityKind::UplinkPortProfile);
        }
    }
    rc.flush(out);
    for (const auto &s : h.switches)
        for (const auto &v : s.hostVnics) {
            RefCheck vc(d, v.id);
            checkReferencesOf(vc, EntityKind::HostVnic, v);
            vc.flush(out);
        }
}

void checkHostChildNames(const Design &d, const Host &h, Out &out)
{
    std::vector<NamedItem> nics, vnics;
    for (const auto &n : h.physicalNics)
        if (n.name)
            nics.push_back({n.id, *n.name});
    for (const auto &s : h.switches)
        for (const auto &v : s.hostVnics)
            if (v.name)
                vnics.push_back({v.id, *v.name});
    if (anyRepeatedName(nics))
        nameGroups(d, std::move(nics), "physical NIC", " on host " + h.name, out);
    if (anyRepeatedName(vnics))
        nameGroups(d, std::move(vnics), "host vNIC", " on host " + h.name, out);
}

} // namespace

std::size_t entityTotal(const Design &d, std::size_t vmEntities)
{
    std::size_t entities = d.hostGroups.size() + d.logicalNetworks.size() + d.sites.size() + d.ipPools.size()
        + d.macPools.size() + d.uplinkPortProfiles.size() + d.vnicPortProfiles.size() + d.portClassifications.size()
        + d.logicalSwitches.size() + d.gateways.size();
    for (const auto &h : d.hosts) {
        entities += 1 + h.physicalNics.size();
        for (const auto &s : h.switches)
            entities += s.hostVnics.size();
    }
    for (const auto &n : d.vmNetworks)
        entities += 1 + n.subnets.size();
    if (vmEntities == kUnknownCount) {
        vmEntities = 0;
        for (const auto &vm : d.vms)
            vmEntities += 1 + vm.nics.size();
    }
    return entities + vmEntities;
}

namespace {

void checkDuplicateIdsAndNames(const Fabric &f, Out &out, std::size_t vmEntities)
{
    const Design &d = f.design();
    // The index holds one entry per distinct id: when it counts every entity, none repeats.
    const std::size_t entities = entityTotal(d, vmEntities);
    StrMap<int> seen;
    if (entities != d.entityCount())
        for (const auto &[id, kind] : d.allEntities())
            ++seen[id];
    std::vector<Id> dups;
    for (const auto &[id, n] : seen)
        if (n > 1)
            dups.push_back(id);
    std::sort(dups.begin(), dups.end());
    for (const auto &id : dups) {
        Violation v = make("NV102", {id}, "id " + inQuotes(id) + " is used by " + std::to_string(seen[id]) + " entities");
        v.params["id"] = id;
        out.push_back(std::move(v));
    }

    topLevelNames(d, d.hostGroups, "host group", out);
    topLevelNames(d, d.logicalNetworks, "logical network", out);
    topLevelNames(d, d.sites, "site", out);
    topLevelNames(d, d.ipPools, "IP pool", out);
    topLevelNames(d, d.macPools, "MAC pool", out);
    topLevelNames(d, d.uplinkPortProfiles, "uplink port profile", out);
    topLevelNames(d, d.vnicPortProfiles, "virtual network adapter port profile", out);
    topLevelNames(d, d.portClassifications, "port classification", out);
    topLevelNames(d, d.logicalSwitches, "logical switch", out);
    // Host names: the name buckets (checkBucket), so that host edits stay incremental.
    topLevelNames(d, d.vmNetworks, "VM network", out);
    topLevelNames(d, d.gateways, "gateway", out);
    // VM names: the name buckets (checkBucket), so that VM edits stay incremental.

    for (const auto &n : d.vmNetworks) {
        std::vector<NamedItem> subs;
        for (const auto &s : n.subnets)
            if (s.name)
                subs.push_back({s.id, *s.name});
        if (anyRepeatedName(subs))
            nameGroups(d, std::move(subs), "VM subnet", " in VM network " + n.name, out);
    }
}

void checkReferences(const Fabric &f, Out &out)
{
    const Design &d = f.design();
    auto each = [&](EntityKind kind, const auto &table) {
        for (const auto &e : table) {
            RefCheck rc(d, e.id);
            checkReferencesOf(rc, kind, e);
            rc.flush(out);
        }
    };
    each(EntityKind::HostGroup, d.hostGroups);
    each(EntityKind::Site, d.sites);
    each(EntityKind::IpPool, d.ipPools);
    each(EntityKind::MacPool, d.macPools);
    each(EntityKind::UplinkPortProfile, d.uplinkPortProfiles);
    for (const auto &ls : d.logicalSwitches) {
        RefCheck rc(d, ls.id);
        checkReferencesOf(rc, EntityKind::LogicalSwitch, ls);
        for (const auto &vp : ls.virtualPorts) {
            rc.check("virtualPorts.classification", vp.classification, EntityKind::PortClassification);
            if (!vp.vnicProfile.empty())
                rc.check("virtualPorts.vnicProfile", vp.vnicProfile, EntityKind::VnicPortProfile);
        }
        rc.flush(out);
    }
    each(EntityKind::VmNetwork, d.vmNetworks);
    each(EntityKind::Gateway, d.gateways);
}

void checkUnused(const Fabric &f, Out &out)
{
    const Design &d = f.design();
    std::unordered_set<std::string_view> usedSites, usedUplinks, usedProfiles, usedClasses, deployed;
    for (const auto &u : d.uplinkPortProfiles)
        for (const auto &s : u.sites)
            usedSites.insert(s);
    for (const auto &ls : d.logicalSwitches) {
        for (const auto &u : ls.uplinkProfiles)
            usedUplinks.insert(u);
        for (const auto &vp : ls.virtualPorts) {
            usedProfiles.insert(vp.vnicProfile);
            usedClasses.insert(vp.classification);
        }
    }
    for (const auto &h : d.hosts)
        for (const auto &s : h.switches)
            deployed.insert(s.logicalSwitch);
    auto report = [&](const Id &id, const std::string &why) {
        Violation v = make("NV103", {id}, describe(d, id) + " is not used: " + why);
        v.params["entity"] = id;
        out.push_back(std::move(v));
    };
    for (const auto &s : d.sites)
        if (!usedSites.count(s.id))
            report(s.id, "no uplink port profile lists it");
    for (const auto &u : d.uplinkPortProfiles)
        if (!usedUplinks.count(u.id))
            report(u.id, "no logical switch lists it");
    for (const auto &p : d.vnicPortProfiles)
        if (!usedProfiles.count(p.id))
            report(p.id, "no virtual port names it");
    for (const auto &c : d.portClassifications)
        if (!usedClasses.count(c.id))
            report(c.id, "no virtual port names it");
    for (const auto &ls : d.logicalSwitches)
        if (!deployed.count(ls.id))
            report(ls.id, "it is deployed on no host");
}

void checkHostGroupCycles(const Fabric &f, Out &out)
{
    const Design &d = f.design();
    std::set<std::vector<Id>> cycles;
    for (const auto &g : d.hostGroups) {
        std::vector<Id> chain;
        const HostGroup *cur = &g;
        while (cur) {
            auto it = std::find(chain.begin(), chain.end(), cur->id);
            if (it != chain.end()) {
                cycles.insert(sortedUnique(std::vector<Id>(it, chain.end())));
                break;
            }
            chain.push_back(cur->id);
            cur = cur->parent ? d.hostGroup(*cur->parent) : nullptr;
        }
    }
    for (const auto &c : cycles) {
        Violation v = make("NV104", c, "the host group tree has a cycle: " + joinNames(d, c));
        v.path = c;
        out.push_back(std::move(v));
    }
}

void checkSites(const Fabric &f, Out &out)
{
    const Design &d = f.design();
    struct Entry {
        Id site;
        Prefix prefix;
        std::int64_t vlan;
    };
    std::map<std::int64_t, std::vector<Entry>> byVlan;
    for (const auto &s : d.sites) {
        std::string problems;
        for (const auto &sub : s.subnets) {
            auto p = net::parsePrefix(sub.prefix);
            bool ok = true;
            if (p.error) {
                ok = false;
                problems += (problems.empty() ? "" : "; ") + std::string("subnet ") + inQuotes(sub.prefix)
                    + (*p.error == net::PrefixError::HostBitsSet ? " has host bits set"
                       : *p.error == net::PrefixError::BadLength ? " has a bad prefix length"
                                                                   : " is not a prefix");
            }
            if (sub.vlan < 0 || sub.vlan > 4094) {
                ok = false;
                problems += (problems.empty() ? "" : "; ") + std::string("VLAN ") + std::to_string(sub.vlan)
                    + " of subnet " + inQuotes(sub.prefix) + " is outside 0-4094";
            }
            if (ok)
                byVlan[sub.vlan].push_back({s.id, *p.prefix, sub.vlan});
        }
        if (!problems.empty()) {
            Violation v = make("NV110", {s.id}, "site " + s.name + ": " + problems);
            v.params["site"] = s.id;
            out.push_back(std::move(v));
        }
        if (s.hostGroups.empty()) {
            Violation v = make("NV112", {s.id}, "site " + s.name + " is scoped to no host group: no host can reach it");
            v.params["site"] = s.id;
            out.push_back(std::move(v));
        }
    }
    std::set<std::vector<Id>> pairs;
    for (auto &[vlan, entries] : byVlan) {
        for (std::size_t i = 0; i < entries.size(); ++i)
            for (std::size_t j = i + 1; j < entries.size(); ++j)
                if (entries[i].prefix.overlaps(entries[j].prefix)) {
                    auto ids = sortedUnique({entries[i].site, entries[j].site});
                    if (pairs.insert(ids).second) {
                        Violation v = make("NV111", ids,
                                           "subnets " + entries[i].prefix.toString() + " (site " + d.displayName(entries[i].site)
                                               + ") and " + entries[j].prefix.toString() + " (site "
                                               + d.displayName(entries[j].site) + ") intersect on VLAN " + std::to_string(vlan));
                        v.params["vlan"] = std::to_string(vlan);
                        out.push_back(std::move(v));
                    }
                }
    }
}

// A pool's subnet prefix, if it resolves (site/subnet or VM subnet) and is valid. `why` says
// why not when the pool's own subnet field is the problem (NV120).
std::optional<Prefix> poolSubnet(const Fabric &f, const IpPool &p, std::string &key, std::string &why)
{
    const Design &d = f.design();
    if (p.vmSubnet) {
        if (!d.vmSubnet(*p.vmSubnet))
            return std::nullopt;
        key = "v|" + *p.vmSubnet;
        return f.vmSubnetPrefix(*p.vmSubnet);
    }
    if (!p.site)
        return std::nullopt;
    const Site *site = d.site(*p.site);
    if (!site)
        return std::nullopt;
    if (!p.subnet) {
        why = "it names no subnet of site " + site->name;
        return std::nullopt;
    }
    auto want = net::parsePrefix(*p.subnet);
    for (const auto &sub : site->subnets) {
        auto have = net::parsePrefix(sub.prefix);
        if (sub.prefix == *p.subnet || (want.prefix && have.prefix && *want.prefix == *have.prefix)) {
            if (have.error)
                return std::nullopt; // NV110 on the site
            key = "s|" + site->id + "|" + have.prefix->toString();
            return have.prefix;
        }
    }
    why = "subnet " + inQuotes(*p.subnet) + " is not a subnet of site " + site->name;
    return std::nullopt;
}

void checkIpPools(const Fabric &f, Out &out)
{
    const Design &d = f.design();
    struct Range {
        Id pool;
        net::AddrKey a, b;
    };
    std::map<std::string, std::vector<Range>> bySubnet;
    for (const auto &p : d.ipPools) {
        std::string key, why;
        auto subnet = poolSubnet(f, p, key, why);
        auto start = net::parseAddress(p.start);
        auto end = net::parseAddress(p.end);
        std::string nv120;
        auto add120 = [&](const std::string &s) { nv120 += (nv120.empty() ? "" : "; ") + s; };
        if (!why.empty())
            add120(why);
        if (!start)
            add120("start " + inQuotes(p.start) + " is not an address");
        if (!end)
            add120("end " + inQuotes(p.end) + " is not an address");
        bool rangeOk = start && end && start->is_v4() == end->is_v4();
        if (start && end && start->is_v4() != end->is_v4())
            add120("start and end are of different address families");
        if (rangeOk && net::toKey(*end) < net::toKey(*start)) {
            add120("the range is empty: start " + p.start + " is after end " + p.end);
            rangeOk = false;
        }
        if (rangeOk && subnet && (!subnet->contains(*start) || !subnet->contains(*end)))
            add120("the range " + p.start + "-" + p.end + " leaves subnet " + subnet->toString());
        if (!nv120.empty()) {
            Violation v = make("NV120", {p.id}, "IP pool " + p.name + ": " + nv120);
            v.params["pool"] = p.id;
            out.push_back(std::move(v));
        }
        if (rangeOk && !key.empty())
            bySubnet[key].push_back({p.id, net::toKey(*start), net::toKey(*end)});

        if (!subnet)
            continue;
        std::string nv122;
        auto add122 = [&](const std::string &s) { nv122 += (nv122.empty() ? "" : "; ") + s; };
        std::vector<net::AddressRange> reserved;
        for (const auto &r : p.reserved) {
            auto rr = net::parseRange(r);
            if (!rr) {
                add122("reserved " + inQuotes(r) + " is not an address or range");
                continue;
            }
            reserved.push_back(*rr);
            if (rr->v4 != subnet->isV4() || rr->first < subnet->first() || subnet->last() < rr->last)
                add122("reserved " + r + " lies outside subnet " + subnet->toString());
        }
        if (p.gateway) {
            auto g = net::parseAddress(*p.gateway);
            if (!g || !subnet->contains(*g)) {
                add122("gateway " + *p.gateway + " lies outside subnet " + subnet->toString());
            } else if (rangeOk && inRange(net::toKey(*g), net::toKey(*start), net::toKey(*end))) {
                auto k = net::toKey(*g);
                bool isReserved = std::any_of(reserved.begin(), reserved.end(),
                                              [&](const net::AddressRange &r) { return r.first <= k && k <= r.last; });
                if (!isReserved)
                    add122("gateway " + *p.gateway + " is inside the allocatable range without being reserved");
            }
        }
        for (const auto &dns : p.dns) {
            auto a = net::parseAddress(dns);
            if (!a || !subnet->contains(*a))
                add122("DNS server " + dns + " lies outside subnet " + subnet->toString());
        }
        if (!nv122.empty()) {
            Violation v = make("NV122", {p.id}, "IP pool " + p.name + ": " + nv122);
            v.params["pool"] = p.id;
            out.push_back(std::move(v));
        }
    }
    for (auto &[key, ranges] : bySubnet)
        for (std::size_t i = 0; i < ranges.size(); ++i)
            for (std::size_t j = i + 1; j < ranges.size(); ++j)
                if (ranges[i].a <= ranges[j].b && ranges[j].a <= ranges[i].b) {
                    auto ids = sortedUnique({ranges[i].pool, ranges[j].pool});
                    if (ids.size() < 2)
                        continue;
                    Violation v = make("NV121", ids,
                                       "IP pools " + d.displayName(ids[0]) + " and " + d.displayName(ids[1])
                                           + " of the same subnet overlap");
                    out.push_back(std::move(v));
                }
}

void checkMacPools(const Fabric &f, Out &out)
{
    const Design &d = f.design();
    struct Range {
        Id pool;
        std::uint64_t a, b;
    };
    std::vector<Range> ranges;
    for (const auto &p : d.macPools) {
        auto a = net::parseMac(p.start);
        auto b = net::parseMac(p.end);
        std::string why;
        if (!a)
            why = "start " + inQuotes(p.start) + " is not a MAC address";
        else if (!b)
            why = "end " + inQuotes(p.end) + " is not a MAC address";
        else if (b->toU64() < a->toU64())
            why = "the range is empty: start " + p.start + " is after end " + p.end;
        else if (a->isMulticast() || b->isMulticast() || (a->toU64() >> 40) != (b->toU64() >> 40))
            why = "the range holds multicast addresses (the multicast bit is set)";
        if (!why.empty()) {
            Violation v = make("NV130", {p.id}, "MAC pool " + p.name + ": " + why);
            v.params["pool"] = p.id;
            out.push_back(std::move(v));
        }
        if (a && b && a->toU64() <= b->toU64())
            ranges.push_back({p.id, a->toU64(), b->toU64()});
    }
    for (std::size_t i = 0; i < ranges.size(); ++i)
        for (std::size_t j = i + 1; j < ranges.size(); ++j)
            if (ranges[i].a <= ranges[j].b && ranges[j].a <= ranges[i].b) {
                auto ids = sortedUnique({ranges[i].pool, ranges[j].pool});
                if (ids.size() < 2)
                    continue;
                out.push_back(make("NV130", ids,
                                   "MAC pools " + d.displayName(ids[0]) + " and " + d.displayName(ids[1]) + " overlap"));
            }
}

void checkProfilesAndSwitches(const Fabric &f, Out &out)
{
    const Design &d = f.design();
    for (const auto &u : d.uplinkPortProfiles)
        if (u.sites.empty())
            out.push_back(make("NV140", {u.id}, "uplink port profile " + u.name + " carries no network site"));
    for (const auto &ls : d.logicalSwitches) {
        std::vector<Id> seen;
        std::set<Id> blamed;
        std::int64_t weight = 0;
        for (const auto &vp : ls.virtualPorts) {
            if (!d.portClassification(vp.classification))
                continue; // NV101
            if (vp.vnicProfile.empty() && blamed.insert(vp.classification).second) {
                Violation v = make("NV141", {ls.id, vp.classification},
                                   "logical switch " + ls.name + ": the virtual port of classification "
                                       + d.displayName(vp.classification) + " names no virtual network adapter port profile");
                out.push_back(std::move(v));
            } else if (std::find(seen.begin(), seen.end(), vp.classification) != seen.end()
                       && blamed.insert(vp.classification).second) {
                out.push_back(make("NV141", {ls.id, vp.classification},
                                   "logical switch " + ls.name + " has two virtual ports of classification "
                                       + d.displayName(vp.classification)));
            }
            seen.push_back(vp.classification);
            if (const VnicPortProfile *p = d.vnicPortProfile(vp.vnicProfile))
                weight += p->bandwidth.minimumWeight.value_or(0);
        }
        if (ls.effectiveBandwidthMode() == BandwidthMode::Weight && weight > 100) {
            Violation v = make("NV142", {ls.id},
                               "logical switch " + ls.name + ": the minimum-bandwidth weights of its virtual ports sum to "
                                   + std::to_string(weight) + ", more than 100");
            v.params["weight"] = std::to_string(weight);
            out.push_back(std::move(v));
        }
    }
}

void checkHostSwitches(const Fabric &f, const Host &h, Out &out)
{
    const Design &d = f.design();
    {
        std::map<Id, std::vector<Id>> nicSwitches;
        for (const auto &s : h.switches) {
            const LogicalSwitch *ls = d.logicalSwitch(s.logicalSwitch);
            for (const auto &a : s.adapters) {
                const PhysicalNic *nic = d.physicalNic(a.nic);
                if (nic && d.hostOf(a.nic) == &h) {
                    auto &v = nicSwitches[a.nic];
                    if (std::find(v.begin(), v.end(), s.logicalSwitch) == v.end())
                        v.push_back(s.logicalSwitch);
                }
            }
            if (!ls)
                continue; // NV101
            std::vector<Id> nics, ups;
            for (const auto &a : s.adapters) {
                if (std::find(nics.begin(), nics.end(), a.nic) == nics.end())
                    nics.push_back(a.nic);
                if (d.uplinkPortProfile(a.uplinkProfile) && std::find(ups.begin(), ups.end(), a.uplinkProfile) == ups.end())
                    ups.push_back(a.uplinkProfile);
            }
            if (s.adapters.empty())
                out.push_back(make("NV154", {h.id, ls->id},
                                   "logical switch " + ls->name + " is deployed on host " + h.name + " with no physical NIC"));
            if (ls->uplinkMode == UplinkMode::NoTeam && nics.size() > 1)
                out.push_back(make("NV151", {h.id, ls->id},
                                   "logical switch " + ls->name + " (NoTeam) is bound to " + std::to_string(nics.size())
                                       + " physical NICs on host " + h.name));
            if (ls->uplinkMode == UplinkMode::Team && ups.size() > 1)
                out.push_back(make("NV152", {h.id, ls->id},
                                   "the teamed NICs of logical switch " + ls->name + " on host " + h.name
                                       + " are bound to different uplink port profiles"));
            for (const auto &u : ups) {
                if (std::find(ls->uplinkProfiles.begin(), ls->uplinkProfiles.end(), u) != ls->uplinkProfiles.end())
                    continue;
                Violation v = make("NV153", {h.id, ls->id, u},
                                   "host " + h.name + " binds a NIC of logical switch " + ls->name + " with uplink port profile "
                                       + d.displayName(u) + ", which the logical switch does not offer");
                Fix fix;
                fix.description = "add uplink port profile " + u + " to logical switch " + ls->id;
                fix.edits.push_back({FixEdit::Op::Bind, ls->id, "uplinkProfiles", u, {}});
                v.fix = std::move(fix);
                v.path = {h.id, ls->id, u};
                v.brokenLink = 1;
                out.push_back(std::move(v));
            }
        }
        for (const auto &[nic, switches] : nicSwitches)
            if (switches.size() > 1)
                out.push_back(make("NV150", {nic},
                                   "physical NIC " + d.displayName(nic) + " is bound to " + std::to_string(switches.size())
                                       + " logical switches: " + joinNames(d, switches)));
    }
}

void checkHostVnics(const Fabric &f, const Host &h, Out &out)
{
    const Design &d = f.design();
    {
        for (const auto &s : h.switches) {
            const LogicalSwitch *ls = d.logicalSwitch(s.logicalSwitch);
            for (const auto &v : s.hostVnics) {
                if (v.ip && !net::parseAddress(*v.ip))
                    out.push_back(make("NV124", {v.id}, describe(d, v.id) + ": address " + inQuotes(*v.ip) + " is not valid"));
                if (v.mac && !net::parseMac(*v.mac))
                    out.push_back(make("NV124", {v.id}, describe(d, v.id) + ": MAC " + inQuotes(*v.mac) + " is not valid"));
                if (ls && v.classification && d.portClassification(*v.classification)) {
                    bool offered = std::any_of(ls->virtualPorts.begin(), ls->virtualPorts.end(),
                                               [&](const VirtualPort &vp) { return vp.classification == *v.classification; });
                    if (!offered)
                        out.push_back(make("NV156", {v.id, ls->id},
                                           describe(d, v.id) + " names port classification " + d.displayName(*v.classification)
                                               + ", which logical switch " + ls->name + " does not offer"));
                }
                if (!v.vmNetwork) {
                    out.push_back(make("NV201", {v.id}, describe(d, v.id) + " is bound to no VM network"));
                    continue;
                }
                const VmNetwork *vmn = d.vmNetwork(*v.vmNetwork);
                if (!vmn)
                    continue;
                if (vmn->isIsolated())
                    out.push_back(make("NV208", {v.id},
                                       describe(d, v.id) + " is on isolated VM network " + vmn->name
                                           + ": host vNICs connect to standard VM networks only"));
                const LogicalNetwork *ln = d.logicalNetwork(vmn->logicalNetwork);
                if (!ls || !ln)
                    continue;
                const Walk &w = f.walk(h, *ls, *ln);
                if (w.status == Walk::Status::Ok) {
                    if (!vmn->isIsolated() && v.ip)
                        if (auto a = net::parseAddress(*v.ip); a && !addressReachable(f, w, *a)) {
                            Violation x = make("NV207", {v.id},
                                               describe(d, v.id) + ": address " + *v.ip
                                                   + " matches no site subnet reachable from host " + h.name);
                            x.path = okPath(v.id, vmn->id, ln->id, w, ls->id, h.id);
                            out.push_back(std::move(x));
                        }
                } else if (w.status != Walk::Status::Unknown) {
                    fillWalkViolation(
                        out.emplace_back(), d, "NV205", [&](std::string &m) { m += describe(d, v.id); }, v.id, *vmn, *ln, *ls,
                        h, w);
                }
            }
        }
    }
}

void checkProviderAddresses(const Fabric &f, const Host &h, Out &out)
{
    const Design &d = f.design();
    if (h.providerAddresses) {
        std::string problems;
        for (const auto &pa : *h.providerAddresses) {
            auto a = net::parseAddress(pa);
            bool inSite = false;
            if (a)
                for (const auto &s : d.sites)
                    for (const auto &p : f.sitePrefixes(s.id))
                        inSite = inSite || p.contains(*a);
            if (!a)
                problems += (problems.empty() ? "" : "; ") + std::string("provider address ") + inQuotes(pa) + " is not valid";
            else if (!inSite && !f.anyInvalidSiteSubnet())
                problems += (problems.empty() ? "" : "; ") + std::string("provider address ") + pa
                    + " lies in no site subnet of the design";
        }
        if (!problems.empty())
            out.push_back(make("NV124", {h.id}, "host " + h.name + ": " + problems));
    }
}

void checkAddressesOfFabric(const Fabric &f, Out &out)
{
    const Design &d = f.design();
    for (const auto &n : d.vmNetworks)
        for (const auto &s : n.subnets)
            if (!f.vmSubnetPrefix(s.id))
                out.push_back(make("NV124", {s.id},
                                   describe(d, s.id) + ": prefix " + inQuotes(s.prefix) + " is not a valid prefix"));
    for (const auto &g : d.gateways) {
        if (!d.vmSubnet(g.vmSubnet))
            continue;
        auto prefix = f.vmSubnetPrefix(g.vmSubnet);
        auto a = net::parseAddress(g.address);
        if (!a)
            out.push_back(make("NV124", {g.id}, "gateway " + g.name + ": address " + inQuotes(g.address) + " is not valid"));
        else if (prefix && !prefix->contains(*a))
            out.push_back(make("NV124", {g.id},
                               "gateway " + g.name + ": address " + g.address + " lies outside VM subnet "
                                   + d.displayName(g.vmSubnet) + " (" + prefix->toString() + ")"));
    }
}

void checkVirtualization(const Fabric &f, Out &out)
{
    const Design &d = f.design();
    std::vector<std::pair<std::int64_t, const Id *>> byVsid;
    struct Cust {
        const Id *subnet;
        Prefix prefix;
    };
    std::vector<Cust> customers;
    for (const auto &n : d.vmNetworks) {
        const LogicalNetwork *ln = d.logicalNetwork(n.logicalNetwork);
        if (n.isIsolated() && ln && !ln->networkVirtualization) {
            Violation v = make("NV300", {n.id},
                               "isolated VM network " + n.name + " sits on logical network " + ln->name
                                   + ", which has network virtualization disabled");
            Fix fix;
            fix.description = "enable network virtualization on logical network " + ln->id;
            fix.edits.push_back({FixEdit::Op::SetField, ln->id, "networkVirtualization", {}, Json(true)});
            v.fix = std::move(fix);
            v.path = {n.id, ln->id};
            v.brokenLink = 0;
            out.push_back(std::move(v));
        }
        std::vector<Cust> mine;
        for (const auto &s : n.subnets) {
            if (s.vsid < 4096 || s.vsid > 16777214)
                out.push_back(make("NV301", {s.id},
                                   describe(d, s.id) + ": VSID " + std::to_string(s.vsid) + " is outside 4096-16777214"));
            byVsid.emplace_back(s.vsid, &s.id);
            if (auto p = f.vmSubnetPrefix(s.id))
                mine.push_back({&s.id, *p});
        }
        for (std::size_t i = 0; i < mine.size(); ++i)
            for (std::size_t j = i + 1; j < mine.size(); ++j)
                if (mine[i].prefix.overlaps(mine[j].prefix)) {
                    auto ids = sortedUnique({*mine[i].subnet, *mine[j].subnet});
                    out.push_back(make("NV302", ids,
                                       "VM subnets " + d.displayName(ids[0]) + " and " + d.displayName(ids[1]) + " of VM network "
                                           + n.name + " overlap"));
                }
        customers.insert(customers.end(), mine.begin(), mine.end());
    }
    std::sort(byVsid.begin(), byVsid.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (std::size_t i = 0; i < byVsid.size();) {
        std::size_t j = i + 1;
        while (j < byVsid.size() && byVsid[j].first == byVsid[i].first)
            ++j;
        if (j - i > 1) {
            std::vector<Id> ids;
            for (std::size_t k = i; k < j; ++k)
                ids.push_back(*byVsid[k].second);
            auto s = sortedUnique(std::move(ids));
            out.push_back(make("NV301", s, "VSID " + std::to_string(byVsid[i].first) + " is shared by VM subnets " + joinNames(d, s)));
        }
        i = j;
    }
    // Provider space: site subnets of network-virtualized logical networks. Address bounds
    // first: a comparison of keys rejects almost every pair.
    std::vector<std::pair<net::AddrKey, net::AddrKey>> customerBounds;
    customerBounds.reserve(customers.size());
    for (const auto &c : customers)
        customerBounds.emplace_back(c.prefix.first(), c.prefix.last());
    for (const auto &site : d.sites) {
        const LogicalNetwork *ln = d.logicalNetwork(site.logicalNetwork);
        if (!ln || !ln->networkVirtualization)
            continue;
        const auto &prefixes = f.sitePrefixes(site.id);
        std::vector<std::pair<net::AddrKey, net::AddrKey>> bounds;
        for (const auto &p : prefixes)
            bounds.emplace_back(p.first(), p.last());
        for (std::size_t k = 0; k < customers.size(); ++k)
            for (std::size_t i = 0; i < prefixes.size(); ++i)
                if (customerBounds[k].first <= bounds[i].second && bounds[i].first <= customerBounds[k].second
                    && prefixes[i].overlaps(customers[k].prefix)) {
                    const auto &c = customers[k];
                    const auto &p = prefixes[i];
                    out.push_back(make("NV303", {*c.subnet, site.id},
                                       "customer address space of VM subnet " + d.displayName(*c.subnet) + " ("
                                           + c.prefix.toString() + ") overlaps provider subnet " + p.toString() + " of site "
                                           + site.name));
                    break;
                }
    }
}

void checkGateways(const Fabric &f, Out &out)
{
    const Design &d = f.design();
    std::map<std::pair<Id, std::string>, std::vector<Id>> byPrefix;
    for (const auto &g : d.gateways) {
        const VmNetwork *vmn = d.vmNetwork(g.vmNetwork);
        if (!vmn)
            continue;
        auto pp = net::parsePrefix(g.externalPrefix);
        byPrefix[{vmn->id, pp.prefix ? pp.prefix->toString() : g.externalPrefix}].push_back(g.id);
        std::string problems;
        if (!vmn->isIsolated())
            problems = "VM network " + vmn->name + " is not isolated";
        const Host *h = d.host(g.host);
        const LogicalNetwork *ln = d.logicalNetwork(vmn->logicalNetwork);
        if (h && ln) {
            bool reach = false, unknown = false;
            for (const auto &s : h->switches) {
                const LogicalSwitch *ls = d.logicalSwitch(s.logicalSwitch);
                if (!ls) {
                    unknown = true;
                    continue;
                }
                const Walk &w = f.walk(*h, *ls, *ln);
                reach = reach || w.status == Walk::Status::Ok;
                unknown = unknown || w.status == Walk::Status::Unknown;
            }
            if (!reach && !unknown)
                problems += (problems.empty() ? "" : "; ") + std::string("host ") + h->name + " does not reach VM network "
                    + vmn->name;
        }
        if (!problems.empty())
            out.push_back(make("NV308", {g.id}, "gateway " + g.name + ": " + problems));
    }
    for (auto &[key, ids] : byPrefix)
        if (ids.size() > 1) {
            auto s = sortedUnique(ids);
            out.push_back(make("NV308", s,
                               "gateways " + joinNames(d, s) + " serve routing domain " + d.displayName(key.first)
                                   + " with the same external prefix " + key.second));
        }
}

} // namespace

void checkFabricGlobal(const Fabric &f, Out &out, std::size_t vmEntities)
{
    for (std::size_t p = 0; p < kFabricParts; ++p)
        checkFabricPart(f, static_cast<FabricPart>(p), out, vmEntities);
}

void checkFabricPart(const Fabric &f, FabricPart part, Out &out, std::size_t vmEntities)
{
    switch (part) {
    case FabricPart::Names: checkDuplicateIdsAndNames(f, out, vmEntities); return;
    case FabricPart::Virtualization: checkVirtualization(f, out); return;
    case FabricPart::IpPools: checkIpPools(f, out); return;
    case FabricPart::Tables:
        checkHostGroupCycles(f, out);
        checkSites(f, out);
        checkMacPools(f, out);
        checkAddressesOfFabric(f, out);
        return;
    case FabricPart::Rest:
        checkReferences(f, out);
        checkUnused(f, out);
        checkProfilesAndSwitches(f, out);
        checkGateways(f, out);
        return;
    }
}

bool fabricPartReads(FabricPart part, const Change &c)
{
    // Added and removed entities change references, counts and the sets below; ids and
    // names appear in every message.
    if (c.type != Change::Type::Modified || c.field.empty() || c.field == "name" || c.field == "id")
        return true;
    auto in = [&](std::initializer_list<EntityKind> kinds) { return std::find(kinds.begin(), kinds.end(), c.kind) != kinds.end(); };
    switch (part) {
    case FabricPart::Names: // ids and names of the top-level kinds and of children set with their parent
        return in({EntityKind::VmNetwork, EntityKind::VmSubnet, EntityKind::Host, EntityKind::PhysicalNic, EntityKind::HostVnic});
    case FabricPart::Virtualization: // VM networks and subnets, logical networks, provider sites
        return in({EntityKind::VmNetwork, EntityKind::VmSubnet, EntityKind::LogicalNetwork, EntityKind::Site});
    case FabricPart::IpPools: // pools and the subnets they take their ranges from
        return in({EntityKind::IpPool, EntityKind::Site, EntityKind::VmNetwork, EntityKind::VmSubnet});
    case FabricPart::Tables: // host group parents, sites, MAC pools, gateways' addresses in their VM subnets
        return in({EntityKind::HostGroup, EntityKind::Site, EntityKind::MacPool, EntityKind::Gateway, EntityKind::VmNetwork,
                   EntityKind::VmSubnet});
    case FabricPart::Rest: return true;
    }
    return true;
}

void checkHostFabric(const Fabric &f, const Host &h, Out &out)
{
    const Design &d = f.design();
    checkHostChildNames(d, h, out);
    checkHostReferences(d, h, out);
    checkHostSwitches(f, h, out);
    checkHostVnics(f, h, out);
    checkProviderAddresses(f, h, out);
}

void checkFabric(const Fabric &f, Out &out)
{
    checkFabricGlobal(f, out);
    for (const auto &h : f.design().hosts)
        checkHostFabric(f, h, out);
}

// ---------------------------------------------------------------- one VM

namespace {

// NV200, NV207 and NV305 of one vNIC, whose VM network and switch resolve: what the walk from
// its host finds. `ipAddr` is the vNIC's address when `parsed`, else read here when needed.
void checkVmNicWalk(const Fabric &f, const Vm &vm, const VmNic &n, const VmNetwork &vmn, const LogicalSwitch &ls,
                    const Host &host, std::optional<net::IpAddress> ipAddr, bool parsed, LookupMemo *memo,
                    std::vector<Violation> *spare, Out &out)
{
    const Design &d = f.design();
    const LogicalNetwork *ln = memo ? memo->get(vmn.logicalNetwork, EntityKind::LogicalNetwork, d.logicalNetworks)
                                    : d.logicalNetwork(vmn.logicalNetwork);
    if (!ln)
        return;
    auto who = [&] { return f.uniqueIds() ? describeVmNic(vm, n, 240) : describe(d, n.id); };
    const Walk &w = f.walk(host, ls, *ln);
    if (w.status == Walk::Status::Unknown)
        return;
    if (w.status != Walk::Status::Ok) {
        if (spare && !spare->empty()) {
            out.push_back(std::move(spare->back()));
            spare->pop_back();
            if (!spare->empty()) { // the storage the next finding will reuse, scattered on the heap
                const Violation &n = spare->back();
                __builtin_prefetch(n.message.data(), 1);
                __builtin_prefetch(n.entities.data(), 1);
                __builtin_prefetch(n.path.data(), 1);
                if (n.fix)
                    __builtin_prefetch(n.fix->description.data(), 1);
            }
        } else {
            out.emplace_back();
        }
        auto appendWho = [&](std::string &m) {
            if (f.uniqueIds())
                appendVmNic(m, vm, n);
            else
                m += describe(d, n.id);
        };
        fillWalkViolation(out.back(), d, "NV200", appendWho, n.id, vmn, *ln, ls, host, w);
        return;
    }
    if (!vmn.isIsolated() && n.ip) {
        if (!parsed)
            ipAddr = net::parseAddress(*n.ip);
        if (ipAddr && !addressReachable(f, w, *ipAddr)) {
            Violation v = make("NV207", {n.id},
                               who() + ": address " + *n.ip + " matches no site subnet of logical network " + ln->name
                                   + " reachable from host " + host.name);
            v.path = okPath(n.id, vmn.id, ln->id, w, ls.id, host.id);
            out.push_back(std::move(v));
        }
    }
    if (vmn.isIsolated()) {
        if (!w.virtualized) {
            const Id &up = w.reachable.front().second;
            Violation v = make("NV305", {n.id},
                               who() + " on isolated VM network " + vmn.name + " reaches logical network " + ln->name
                                   + " only through uplink port profiles without network virtualization");
            Fix fix;
            fix.description = "enable network virtualization on uplink port profile " + up;
            fix.edits.push_back({FixEdit::Op::SetField, up, "networkVirtualization", {}, Json(true)});
            v.fix = std::move(fix);
            v.path = okPath(n.id, vmn.id, ln->id, w, ls.id, host.id);
            v.brokenLink = 4;
            out.push_back(std::move(v));
        }
    }
}

} // namespace

void checkVm(const Fabric &f, const Vm &vm, Out &out) { checkVmParts(f, vm, &out, &out); }

void checkVmParts(const Fabric &f, const Vm &vm, Out *local, Out *walks, LookupMemo *memo, std::vector<Violation> *spare)
{
    const Design &d = f.design();
    if (!local) {
        // The walk findings alone: the same resolution as below, without the checks that
        // report on it (NV101 and the rest are local findings).
        LookupMemo own(d);
        LookupMemo &m = memo ? *memo : own;
        const Host *host = m.get(vm.host, EntityKind::Host, d.hosts);
        if (!host)
            return;
        for (const auto &n : vm.nics) {
            const VmNetwork *vmn = n.vmNetwork ? m.get(*n.vmNetwork, EntityKind::VmNetwork, d.vmNetworks) : nullptr;
            const LogicalSwitch *ls =
                vmn && n.logicalSwitch ? m.get(*n.logicalSwitch, EntityKind::LogicalSwitch, d.logicalSwitches) : nullptr;
            if (ls)
                checkVmNicWalk(f, vm, n, *vmn, *ls, *host, std::nullopt, false, &m, spare, *walks);
        }
        return;
    }
    const Host *host = d.host(vm.host);
    Out &out = *local;
    {
        RefCheck rc(d, vm.id);
        checkReferencesOf(rc, EntityKind::Vm, vm);
        rc.flush(out);
    }
    if (vm.nics.empty())
        out.push_back(make("NV204", {vm.id}, "VM " + vm.name + " has no vNIC"));
    {
        std::vector<NamedItem> names;
        for (const auto &n : vm.nics)
            if (n.name)
                names.push_back({n.id, *n.name});
        if (names.size() > 1)
            nameGroups(d, std::move(names), "vNIC", " in VM " + vm.name, out);
    }
    for (const auto &n : vm.nics) {
        RefCheck rc(d, n.id);
        static const std::size_t kVmn = referenceSlot<VmNic>(EntityKind::VmNic, "vmNetwork");
        static const std::size_t kSub = referenceSlot<VmNic>(EntityKind::VmNic, "vmSubnet");
        static const std::size_t kLs = referenceSlot<VmNic>(EntityKind::VmNic, "logicalSwitch");
        static const std::size_t kPc = referenceSlot<VmNic>(EntityKind::VmNic, "classification");
        const EntityRef *resolved[8] = {};
        checkReferencesOf(rc, EntityKind::VmNic, n, resolved);
        const EntityRef *vmnRef = resolved[kVmn];
        const EntityRef *subRef = resolved[kSub];
        const EntityRef *lsRef = resolved[kLs];
        const bool vmnOk = !n.vmNetwork || vmnRef;
        const bool subOk = !n.vmSubnet || subRef;
        const bool pcOk = !n.classification || resolved[kPc];
        rc.flush(out);
        auto who = [&] { return f.uniqueIds() ? describeVmNic(vm, n, 120) : describe(d, n.id); };
        const std::optional<net::IpAddress> ipAddr = n.ip ? net::parseAddress(*n.ip) : std::nullopt;

        if (n.ip && !ipAddr)
            out.push_back(make("NV124", {n.id}, who() + ": address " + inQuotes(*n.ip) + " is not valid"));
        if (n.mac && !net::parseMac(*n.mac))
            out.push_back(make("NV124", {n.id}, who() + ": MAC " + inQuotes(*n.mac) + " is not valid"));
        if (n.ipMode == IpMode::Pool && vm.provisioning == Provisioning::Manual)
            out.push_back(make("NV126", {n.id},
                               who() + " takes its address from a pool, but VM " + vm.name
                                   + " is not provisioned from a template"));

        const LogicalSwitch *ls = lsRef ? &d.logicalSwitches[lsRef->index] : nullptr;
        if (ls && n.classification && pcOk) {
            bool offered = std::any_of(ls->virtualPorts.begin(), ls->virtualPorts.end(),
                                       [&](const VirtualPort &vp) { return vp.classification == *n.classification; });
            if (!offered)
                out.push_back(make("NV156", {n.id, ls->id},
                                   who() + " names port classification " + d.displayName(*n.classification)
                                       + ", which logical switch " + ls->name + " does not offer"));
        }
        if (ls && host && !hostSwitch(*host, ls->id)) {
            Violation v = make("NV155", {n.id, host->id, ls->id},
                               who() + " names logical switch " + ls->name + ", which is not deployed on host " + host->name);
            v.path = {n.id, ls->id, host->id};
            v.brokenLink = 1;
            out.push_back(std::move(v));
        }

        if (!n.vmNetwork) {
            out.push_back(make("NV201", {n.id}, who() + " is bound to no VM network"));
            continue;
        }
        if (!vmnOk)
            continue;
        const VmNetwork *vmn = &d.vmNetworks[vmnRef->index];
        if (vmn->isIsolated()) {
            if (!n.vmSubnet) {
                out.push_back(make("NV202", {n.id}, who() + " is on isolated VM network " + vmn->name + " but names no VM subnet"));
            } else if (subOk) {
                const VmNetwork *owner = &d.vmNetworks[subRef->index];
                if (owner != vmn)
                    out.push_back(make("NV202", {n.id},
                                       who() + " names VM subnet " + d.displayName(*n.vmSubnet) + " of VM network "
                                           + (owner ? owner->name : std::string("?")) + ", not of " + vmn->name));
                else if (ipAddr)
                        if (auto p = f.vmSubnetPrefix(*n.vmSubnet); p && !p->contains(*ipAddr))
                            out.push_back(make("NV124", {n.id},
                                               who() + ": address " + *n.ip + " lies outside VM subnet "
                                                   + d.displayName(*n.vmSubnet) + " (" + p->toString() + ")"));
            }
        } else if (n.vmSubnet && subOk) {
            Violation v = make("NV203", {n.id},
                               who() + " is on standard VM network " + vmn->name + " but names VM subnet "
                                   + d.displayName(*n.vmSubnet));
            Fix fix;
            fix.description = "clear the VM subnet of vNIC " + n.id;
            fix.edits.push_back({FixEdit::Op::Unbind, n.id, "vmSubnet", *n.vmSubnet, {}});
            v.fix = std::move(fix);
            out.push_back(std::move(v));
        }

        if (walks && ls && host)
            checkVmNicWalk(f, vm, n, *vmn, *ls, *host, ipAddr, true, nullptr, spare, *walks);
    }
}

// ---------------------------------------------------------------- one host with its VMs

void checkHostVms(const Fabric &f, const Host &host, const std::vector<const Vm *> &vms, Out &out)
{
    const Design &d = f.design();
    // Per switch entry of the host: used by a VM vNIC; carrying NVGRE (isolated, Encap).
    // A host has a handful of entries: a linear scan beats hashing every vNIC's switch id.
    const std::size_t entries = host.switches.size();
    std::vector<char> usedFlags(entries, 0), nvgreFlags(entries, 0);
    for (const Vm *vm : vms)
        for (const auto &n : vm->nics) {
            if (!n.logicalSwitch)
                continue;
            for (std::size_t k = 0; k < entries; ++k) {
                if (host.switches[k].logicalSwitch != *n.logicalSwitch)
                    continue;
                usedFlags[k] = 1;
                if (!nvgreFlags[k] && n.vmNetwork)
                    if (const VmNetwork *vmn = d.vmNetwork(*n.vmNetwork);
                        vmn && vmn->isIsolated() && vmn->effectiveTranslation() == Translation::Encap)
                        nvgreFlags[k] = 1;
            }
        }
    auto flagged = [&](const std::vector<char> &flags, std::string_view ls) {
        for (std::size_t k = 0; k < entries; ++k)
            if (flags[k] && host.switches[k].logicalSwitch == ls)
                return true;
        return false;
    };
    std::set<Id> lowMtu;
    for (const auto &s : host.switches) {
        const LogicalSwitch *ls = d.logicalSwitch(s.logicalSwitch);
        if (!ls)
            continue;
        if (flagged(usedFlags, ls->id))
            for (const auto &v : s.hostVnics)
                out.push_back(make("NV206", {v.id, ls->id},
                                   describe(d, v.id) + " shares logical switch " + ls->name + " with the VMs of host "
                                       + host.name + ": a switch used for converged networking cannot be hidden from them"));
        if (flagged(nvgreFlags, ls->id))
            for (const auto &a : s.adapters)
                if (const PhysicalNic *nic = d.physicalNic(a.nic); nic && d.hostOf(a.nic) == &host && nic->effectiveMtu() < 1542)
                    lowMtu.insert(nic->id);
    }
    for (const auto &id : lowMtu) {
        const PhysicalNic *nic = d.physicalNic(id);
        Violation v = make("NV307", {id},
                           "physical NIC " + d.displayName(id) + " carries NVGRE traffic with an MTU of "
                               + std::to_string(nic->effectiveMtu()) + " bytes, below 1542: 1500-byte VM packets would not fit");
        Fix fix;
        fix.description = "set the MTU of physical NIC " + id + " to 1542";
        fix.edits.push_back({FixEdit::Op::SetField, id, "mtu", {}, Json(1542)});
        v.fix = std::move(fix);
        out.push_back(std::move(v));
    }
}

// ---------------------------------------------------------------- IPAM

void checkIpam(const Fabric &f, Out &out, std::shared_ptr<const ipam::Allocation> *keep)
{
    const Design &d = f.design();
    if (d.ipPools.empty() && d.macPools.empty() && d.vms.empty() && d.hosts.empty()) {
        if (keep)
            keep->reset();
        return;
    }
    auto shared = std::make_shared<const ipam::Allocation>(ipam::allocate(d));
    reportIpam(f, *shared, out);
    if (keep)
        *keep = std::move(shared);
}

std::vector<PoolRange> poolRanges(const Design &d)
{
    std::vector<PoolRange> out;
    out.reserve(d.ipPools.size() + d.macPools.size());
    for (const auto &p : d.ipPools) {
        PoolRange r;
        r.pool = p.id;
        auto start = net::parseAddress(p.start);
        auto end = net::parseAddress(p.end);
        if (start && end && start->is_v4() == end->is_v4()) {
            r.first = net::toKey(*start);
            r.last = net::toKey(*end);
            r.valid = r.first <= r.last;
        }
        // ipam::allocate's space of the pool: its VM subnet's VM network, or the logical
        // network of its site when the pool names a subnet of that site.
        if (p.vmSubnet) {
            if (d.vmSubnet(*p.vmSubnet))
                if (const VmNetwork *n = d.vmNetworkOfSubnet(*p.vmSubnet))
                    r.space = "rd:" + n->id;
        } else if (p.site && p.subnet) {
            const Site *site = d.site(*p.site);
            auto pp = net::parsePrefix(*p.subnet).prefix;
            if (site && pp && d.logicalNetwork(site->logicalNetwork)) {
                bool onSite = std::any_of(site->subnets.begin(), site->subnets.end(), [&](const SiteSubnet &ss) {
                    auto sp = net::parsePrefix(ss.prefix).prefix;
                    return sp && *sp == *pp;
                });
                if (onSite)
                    r.space = "ln:" + site->logicalNetwork;
            }
        }
        out.push_back(std::move(r));
    }
    for (const auto &p : d.macPools) {
        PoolRange r;
        r.pool = p.id;
        r.mac = true;
        auto a = net::parseMac(p.start);
        auto b = net::parseMac(p.end);
        if (a && b && a->toU64() <= b->toU64()) {
            r.valid = true;
            r.macFirst = a->toU64();
            r.macLast = b->toU64();
        }
        out.push_back(std::move(r));
    }
    return out;
}

void vmIpamNeeds(const Design &d, const Vm &vm, int &needy, int &rewrite)
{
    needy = 0;
    rewrite = 0;
    const bool fromTemplate = vm.provisioning == Provisioning::Template;
    for (const auto &n : vm.nics) {
        const VmNetwork *vn = n.vmNetwork ? d.vmNetwork(*n.vmNetwork) : nullptr;
        if (!n.mac)
            ++needy;
        if (!vn)
            continue;
        if (vn->isIsolated() && vn->effectiveTranslation() == Translation::Rewrite)
            ++rewrite;
        if (n.ip)
            continue;
        // ipam: isolated networks serve pool mode (templates) and DHCP; standard ones pool
        // mode of templates only.
        const bool served = vn->isIsolated() ? (n.ipMode == IpMode::Pool && fromTemplate) || n.ipMode == IpMode::Dhcp
                                             : n.ipMode == IpMode::Pool && fromTemplate;
        if (served)
            ++needy;
    }
}

int hostIpamNeeds(const Design &d, const Host &h)
{
    int needy = 0;
    for (const auto &s : h.switches)
        for (const auto &v : s.hostVnics) {
            if (!v.mac)
                ++needy;
            if (v.ip || v.ipMode != IpMode::Pool || !v.vmNetwork)
                continue;
            if (const VmNetwork *vn = d.vmNetwork(*v.vmNetwork); vn && !vn->isIsolated())
                ++needy;
        }
    return needy;
}

namespace {

void reportUnusedPools(const Design &d, const std::function<bool(const Id &)> &used, Out &out)
{
    auto unused = [&](const Id &pool, const std::string &what) {
        Violation v = make("NV103", {pool}, what);
        v.params["entity"] = pool;
        out.push_back(std::move(v));
    };
    for (const auto &p : d.ipPools)
        if (!used(p.id))
            unused(p.id, "IP pool " + p.name + " is not used: its range holds no address used or allocated in the design");
    for (const auto &p : d.macPools)
        if (!used(p.id))
            unused(p.id, "MAC pool " + p.name + " is not used: its range holds no MAC used or allocated in the design");
}

} // namespace

bool checkStaticIpam(const Fabric &f, Out &out)
{
    const Design &d = f.design();
    if (f.anyInvalidSiteSubnet())
        return false;
    // Static: nothing for ipam::allocate to allocate, and nothing it would lack.
    StrMap<int> rewrite;
    for (const auto &vm : d.vms) {
        int needy = 0, rw = 0;
        vmIpamNeeds(d, vm, needy, rw);
        if (needy)
            return false;
        if (rw && d.host(vm.host))
            rewrite[vm.host] += rw;
    }
    for (const auto &h : d.hosts) {
        if (!h.providerAddresses || h.providerAddresses->empty() || hostIpamNeeds(d, h) != 0)
            return false;
        if (!rewrite.empty())
            if (auto it = rewrite.find(h.id); it != rewrite.end() && h.providerAddresses->size() < 1 + std::size_t(it->second))
                return false;
    }
    if (d.ipPools.empty() && d.macPools.empty() && d.vms.empty() && d.hosts.empty())
        return true;
    // Only whether a pool holds an address or MAC of the design matters: look only where
    // a pool that holds nothing yet could, and stop when every pool holds something.
    const std::vector<PoolRange> ranges = poolRanges(d);
    StrMap<std::size_t> used;
    std::size_t open = 0;
    StrMap<std::vector<const PoolRange *>> bySpace;
    std::vector<const PoolRange *> macs;
    for (const auto &r : ranges) {
        used[r.pool] = 0;
        if (!r.valid || (!r.mac && r.space.empty()))
            continue;
        ++open;
        if (r.mac)
            macs.push_back(&r);
        else
            bySpace[r.space].push_back(&r);
    }
    auto markAddress = [&](std::string_view space, const net::IpAddress &a) {
        auto it = bySpace.find(space);
        if (it == bySpace.end())
            return;
        const net::AddrKey k = net::toKey(a);
        for (const PoolRange *r : it->second)
            if (r->first <= k && k <= r->last && used[r->pool]++ == 0)
                --open;
    };
    auto spaceOf = [&](const std::optional<Id> &vmNetwork, std::string &space) -> bool {
        if (!vmNetwork)
            return false;
        const VmNetwork *vn = d.vmNetwork(*vmNetwork);
        if (!vn)
            return false;
        space = vn->isIsolated() ? "rd:" + vn->id : "ln:" + vn->logicalNetwork;
        return bySpace.count(space) > 0;
    };
    auto markIp = [&](const std::optional<Id> &vmNetwork, const std::optional<std::string> &ip) {
        std::string space;
        if (ip && spaceOf(vmNetwork, space))
            if (auto a = net::parseAddress(*ip))
                markAddress(space, *a);
    };
    auto markMac = [&](const std::optional<std::string> &mac) {
        if (!mac || macs.empty())
            return;
        if (auto m = net::parseMac(*mac)) {
            const std::uint64_t v = m->toU64();
            for (const PoolRange *r : macs)
                if (r->macFirst <= v && v <= r->macLast && used[r->pool]++ == 0)
                    --open;
        }
    };
    if (!bySpace.empty()) {
        for (const auto &h : d.hosts) {
            for (const auto &pa : *h.providerAddresses) {
                auto a = net::parseAddress(pa);
                if (!a)
                    continue;
                std::set<Id> lns;
                for (const auto &site : d.sites)
                    for (const auto &p : f.sitePrefixes(site.id))
                        if (p.contains(*a))
                            lns.insert(site.logicalNetwork);
                for (const auto &ln : lns)
                    markAddress("ln:" + ln, *a);
            }
        }
        for (const auto &g : d.gateways)
            if (d.vmNetwork(g.vmNetwork))
                if (auto a = net::parseAddress(g.address))
                    markAddress("rd:" + g.vmNetwork, *a);
    }
    for (const auto &h : d.hosts)
        for (const auto &s : h.switches)
            for (const auto &v : s.hostVnics) {
                if (!bySpace.empty())
                    markIp(v.vmNetwork, v.ip);
                markMac(v.mac);
            }
    for (const auto &vm : d.vms) {
        if (open == 0)
            break;
        for (const auto &n : vm.nics) {
            if (!bySpace.empty())
                markIp(n.vmNetwork, n.ip);
            markMac(n.mac);
        }
    }
    reportPoolUse(f, used, out);
    return true;
}

void reportPoolUse(const Fabric &f, const StrMap<std::size_t> &poolUse, Out &out)
{
    reportUnusedPools(
        f.design(),
        [&](const Id &pool) {
            auto it = poolUse.find(pool);
            return it != poolUse.end() && it->second > 0;
        },
        out);
}

void reportIpam(const Fabric &f, const ipam::Allocation &alloc, Out &out)
{
    const Design &d = f.design();
    reportUnusedPools(
        d,
        [&](const Id &pool) {
            auto it = alloc.poolUse.find(pool);
            return it != alloc.poolUse.end() && it->second > 0;
        },
        out);
    std::map<Id, std::pair<std::size_t, std::size_t>> shortages;
    for (const auto &s : alloc.shortages) {
        auto &e = shortages[s.pool];
        e.first = std::max(e.first, s.needed);
        e.second = std::max(e.second, s.available);
    }
    for (const auto &[pool, na] : shortages) {
        Violation v = make("NV123", {pool},
                           describe(d, pool) + " is exhausted: " + std::to_string(na.first) + " addresses are needed, "
                               + std::to_string(na.second) + " are free");
        v.params["pool"] = pool;
        v.params["needed"] = std::to_string(na.first);
        v.params["available"] = std::to_string(na.second);
        out.push_back(std::move(v));
    }
    for (const auto &h : sortedUnique(alloc.hostsWithoutProvider)) {
        Violation v = make("NV304", {h},
                           "host " + d.displayName(h)
                               + " runs VMs on isolated VM networks but has no provider address: none given and none allocatable");
        v.params["host"] = h;
        out.push_back(std::move(v));
    }
    // NV306: Rewrite vNICs that IPAM could not give their own provider address.
    std::set<Id> short306;
    for (const auto &nic : alloc.rewriteNicsWithoutProvider)
        if (const VmNic *n = d.vmNic(nic); n && n->vmNetwork && d.vmNetwork(*n->vmNetwork))
            short306.insert(*n->vmNetwork);
    for (const auto &vmn : short306)
        out.push_back(make("NV306", {vmn},
                           "VM network " + d.displayName(vmn)
                               + " uses IP Rewrite, but its hosts' provider pools cannot give every vNIC its own provider address"));
}

// ---------------------------------------------------------------- buckets

void vmContributions(const Design &d, const Vm &vm, std::vector<Contribution> &out)
{
    out.push_back({"n|" + foldName(vm.name), vm.id});
    for (const auto &n : vm.nics) {
        if (n.mac)
            if (auto m = net::parseMac(*n.mac))
                out.push_back({"m|" + m->toString(), n.id});
        if (n.ip && n.vmNetwork)
            if (const VmNetwork *vmn = d.vmNetwork(*n.vmNetwork))
                if (auto a = canonicalAddress(*n.ip))
                    out.push_back({vmn->isIsolated() ? "a|rd:" + vmn->id + "|" + *a : "a|ln:" + vmn->logicalNetwork + "|" + *a,
                                   n.id});
    }
}

void hostContributions(const Fabric &f, const Host &h, std::vector<Contribution> &out)
{
    const Design &d = f.design();
    out.push_back({"h|" + foldName(h.name), h.id});
    for (const auto &s : h.switches)
        for (const auto &v : s.hostVnics) {
            if (v.mac)
                if (auto m = net::parseMac(*v.mac))
                    out.push_back({"m|" + m->toString(), v.id});
            if (v.ip && v.vmNetwork)
                if (const VmNetwork *vmn = d.vmNetwork(*v.vmNetwork))
                    if (auto a = canonicalAddress(*v.ip))
                        out.push_back({vmn->isIsolated() ? "a|rd:" + vmn->id + "|" + *a : "a|ln:" + vmn->logicalNetwork + "|" + *a, v.id});
        }
    if (h.providerAddresses)
        for (const auto &pa : *h.providerAddresses) {
            auto a = net::parseAddress(pa);
            if (!a)
                continue;
            std::set<Id> lns;
            for (const auto &s : d.sites)
                for (const auto &p : f.sitePrefixes(s.id))
                    if (p.contains(*a))
                        lns.insert(s.logicalNetwork);
            for (const auto &ln : lns)
                out.push_back({"a|ln:" + ln + "|" + a->to_string(), h.id});
        }
}

void gatewayContributions(const Fabric &f, std::vector<Contribution> &out)
{
    const Design &d = f.design();
    for (const auto &g : d.gateways)
        if (d.vmNetwork(g.vmNetwork))
            if (auto a = canonicalAddress(g.address))
                out.push_back({"a|rd:" + g.vmNetwork + "|" + *a, g.id});
}

void fabricContributions(const Fabric &f, std::vector<Contribution> &out)
{
    for (const auto &h : f.design().hosts)
        hostContributions(f, h, out);
    gatewayContributions(f, out);
}

void checkBucket(const Design &d, std::string_view key, const std::vector<Id> &members, Out &out)
{
    if (members.size() < 2)
        return;
    auto ids = sortedUnique(members);
    switch (key.front()) {
    case 'n':
    case 'h': {
        Violation v = make("NV102", ids, std::string(key.front() == 'n' ? "VM" : "host") + " name " + inQuotes(d.displayName(ids.front())) + " is used "
                                             + std::to_string(ids.size()) + " times: " + joinNames(d, ids));
        v.params["name"] = d.displayName(ids.front());
        out.push_back(std::move(v));
        break;
    }
    case 'm': {
        std::string mac(key.substr(2));
        Violation v = make("NV131", ids, "MAC address " + mac + " is shared by " + joinNames(d, ids));
        v.params["mac"] = mac;
        out.push_back(std::move(v));
        break;
    }
    case 'a': {
        // "a|rd:<vmn>|addr" or "a|ln:<ln>|addr"
        auto rest = key.substr(2);
        auto bar = rest.rfind('|');
        std::string space(rest.substr(3, bar - 3));
        std::string addr(rest.substr(bar + 1));
        bool rd = rest.substr(0, 3) == "rd:";
        Violation v = make("NV125", ids,
                           "address " + addr + " is used " + std::to_string(members.size()) + " times in "
                               + (rd ? "VM network " : "logical network ") + d.displayName(space) + ": " + joinNames(d, ids));
        v.params["address"] = addr;
        v.params["space"] = space;
        out.push_back(std::move(v));
        break;
    }
    default: break;
    }
}

std::uint64_t ipamSignature(const Vm &vm)
{
    // FNV-1a over the fields, with separators, so that moved bytes change the hash.
    std::uint64_t h = 1469598103934665603ull;
    auto mixByte = [&](unsigned char c) {
        h ^= c;
        h *= 1099511628211ull;
    };
    auto mix = [&](std::string_view s) {
        for (char c : s)
            mixByte(static_cast<unsigned char>(c));
        mixByte(0x1f);
    };
    auto mixOpt = [&](const std::optional<std::string> &o) {
        if (o)
            mix(*o);
        else
            mixByte(0x01);
    };
    mix(vm.host);
    mixByte(static_cast<unsigned char>(vm.provisioning));
    for (const auto &n : vm.nics) {
        mix(n.id);
        mixOpt(n.vmNetwork);
        mixOpt(n.vmSubnet);
        mixOpt(n.logicalSwitch);
        mixOpt(n.mac);
        mixOpt(n.ip);
        mixByte(static_cast<unsigned char>(n.ipMode));
    }
    return h;
}

} // namespace netvirt::core::rules::detail
