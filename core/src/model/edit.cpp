// The edit operations, implemented generically through the JSON codec: an entity is encoded,
// changed as JSON and decoded back, so every operation accepts exactly what a file accepts
// and is inverted by the matching operation with the values it reports.
#include <netvirt/core/model/edit.h>

#include <netvirt/core/io/design_io.h>

#include "io/json_codec.h"

#include <algorithm>
#include <array>
#include <tuple>
#include <unordered_set>

namespace netvirt::core {

namespace {

namespace codec = io::detail;

constexpr std::array<ReferenceField, 20> kReferenceFields{{
    {EntityKind::HostGroup, "parent", EntityKind::HostGroup, false, false},
    {EntityKind::Site, "logicalNetwork", EntityKind::LogicalNetwork, false, true},
    {EntityKind::Site, "hostGroups", EntityKind::HostGroup, true, false},
    {EntityKind::IpPool, "site", EntityKind::Site, false, false},
    {EntityKind::IpPool, "vmSubnet", EntityKind::VmSubnet, false, false},
    {EntityKind::MacPool, "hostGroups", EntityKind::HostGroup, true, false},
    {EntityKind::UplinkPortProfile, "sites", EntityKind::Site, true, false},
    {EntityKind::LogicalSwitch, "uplinkProfiles", EntityKind::UplinkPortProfile, true, false},
    {EntityKind::Host, "hostGroup", EntityKind::HostGroup, false, true},
    {EntityKind::HostVnic, "vmNetwork", EntityKind::VmNetwork, false, false},
    {EntityKind::HostVnic, "classification", EntityKind::PortClassification, false, false},
    {EntityKind::VmNetwork, "logicalNetwork", EntityKind::LogicalNetwork, false, true},
    {EntityKind::Vm, "host", EntityKind::Host, false, true},
    {EntityKind::VmNic, "vmNetwork", EntityKind::VmNetwork, false, false},
    {EntityKind::VmNic, "vmSubnet", EntityKind::VmSubnet, false, false},
    {EntityKind::VmNic, "logicalSwitch", EntityKind::LogicalSwitch, false, false},
    {EntityKind::VmNic, "classification", EntityKind::PortClassification, false, false},
    {EntityKind::Gateway, "vmNetwork", EntityKind::VmNetwork, false, true},
    {EntityKind::Gateway, "vmSubnet", EntityKind::VmSubnet, false, true},
    {EntityKind::Gateway, "host", EntityKind::Host, false, true},
}};
constexpr std::size_t kReferenceFieldCount = kReferenceFields.size();

// The position of every entity inside one top-level entity: its own id and its children's,
// with their places, so that a change of children (and only that) needs a reindex.
using Slot = std::tuple<Id, EntityKind, std::uint32_t, std::uint32_t>;
using Slots = std::vector<Slot>;

template <typename T>
void collectSlots(const T &e, EntityKind kind, Slots &out)
{
    out.emplace_back(e.id, kind, 0, 0);
}

void collectSlots(const Host &h, EntityKind, Slots &out)
{
    out.emplace_back(h.id, EntityKind::Host, 0, 0);
    for (std::uint32_t n = 0; n < h.physicalNics.size(); ++n)
        out.emplace_back(h.physicalNics[n].id, EntityKind::PhysicalNic, n, 0);
    for (std::uint32_t s = 0; s < h.switches.size(); ++s)
        for (std::uint32_t v = 0; v < h.switches[s].hostVnics.size(); ++v)
            out.emplace_back(h.switches[s].hostVnics[v].id, EntityKind::HostVnic, s, v);
}

void collectSlots(const VmNetwork &n, EntityKind, Slots &out)
{
    out.emplace_back(n.id, EntityKind::VmNetwork, 0, 0);
    for (std::uint32_t s = 0; s < n.subnets.size(); ++s)
        out.emplace_back(n.subnets[s].id, EntityKind::VmSubnet, s, 0);
}

void collectSlots(const Vm &vm, EntityKind, Slots &out)
{
    out.emplace_back(vm.id, EntityKind::Vm, 0, 0);
    for (std::uint32_t n = 0; n < vm.nics.size(); ++n)
        out.emplace_back(vm.nics[n].id, EntityKind::VmNic, n, 0);
}

template <typename T>
Slots slotsOf(const T &e, EntityKind kind)
{
    Slots out;
    collectSlots(e, kind, out);
    return out;
}

template <typename T>
Result<T> decodeAs(const Json &json, const std::string &root)
{
    T out;
    try {
        codec::PathNode path;
        path.root = root;
        codec::decode(json, path, out);
    } catch (const codec::SchemaFailure &f) {
        return makeError(f.code, f.message);
    }
    return out;
}

// New ids must be valid, distinct, and free in the design unless they are in `own` (the ids
// the entity being replaced already holds).
Result<void> checkIds(const Design &d, const Slots &slots, const std::unordered_set<std::string_view> &own)
{
    std::unordered_set<std::string_view> seen;
    for (const auto &[id, kind, a, b] : slots) {
        if (!isValidId(id))
            return makeError(ErrorCode::Invalid, std::string(kindName(kind)) + " id \"" + id
                                                     + "\" is not valid: expected [A-Za-z0-9._/-]{1,128}");
        if (!seen.insert(id).second || (d.contains(id) && !own.count(id)))
            return makeError(ErrorCode::Conflict, "id \"" + id + "\" is already taken");
    }
    return {};
}

ChangeSet slotChanges(const Slots &slots, Change::Type type, std::size_t from = 0)
{
    ChangeSet out;
    for (std::size_t i = from; i < slots.size(); ++i)
        out.push_back(Change{type, std::get<0>(slots[i]), std::get<1>(slots[i]), {}, std::nullopt});
    return out;
}

std::vector<HostGroup> &table(Design &d, HostGroup *) { return d.hostGroups; }
std::vector<LogicalNetwork> &table(Design &d, LogicalNetwork *) { return d.logicalNetworks; }
std::vector<Site> &table(Design &d, Site *) { return d.sites; }
std::vector<IpPool> &table(Design &d, IpPool *) { return d.ipPools; }
std::vector<MacPool> &table(Design &d, MacPool *) { return d.macPools; }
std::vector<UplinkPortProfile> &table(Design &d, UplinkPortProfile *) { return d.uplinkPortProfiles; }
std::vector<VnicPortProfile> &table(Design &d, VnicPortProfile *) { return d.vnicPortProfiles; }
std::vector<PortClassification> &table(Design &d, PortClassification *) { return d.portClassifications; }
std::vector<LogicalSwitch> &table(Design &d, LogicalSwitch *) { return d.logicalSwitches; }
std::vector<Host> &table(Design &d, Host *) { return d.hosts; }
std::vector<VmNetwork> &table(Design &d, VmNetwork *) { return d.vmNetworks; }
std::vector<Vm> &table(Design &d, Vm *) { return d.vms; }
std::vector<Gateway> &table(Design &d, Gateway *) { return d.gateways; }

// Calls f(entity) with the typed, mutable entity a ref points to.
template <typename F>
auto visit(Design &d, const EntityRef &r, F &&f)
{
    switch (r.kind) {
    case EntityKind::HostGroup: return f(d.hostGroups[r.index]);
    case EntityKind::LogicalNetwork: return f(d.logicalNetworks[r.index]);
    case EntityKind::Site: return f(d.sites[r.index]);
    case EntityKind::IpPool: return f(d.ipPools[r.index]);
    case EntityKind::MacPool: return f(d.macPools[r.index]);
    case EntityKind::UplinkPortProfile: return f(d.uplinkPortProfiles[r.index]);
    case EntityKind::VnicPortProfile: return f(d.vnicPortProfiles[r.index]);
    case EntityKind::PortClassification: return f(d.portClassifications[r.index]);
    case EntityKind::LogicalSwitch: return f(d.logicalSwitches[r.index]);
    case EntityKind::Host: return f(d.hosts[r.index]);
    case EntityKind::PhysicalNic: return f(d.hosts[r.index].physicalNics[r.child]);
    case EntityKind::HostVnic: return f(d.hosts[r.index].switches[r.child].hostVnics[r.sub]);
    case EntityKind::VmNetwork: return f(d.vmNetworks[r.index]);
    case EntityKind::VmSubnet: return f(d.vmNetworks[r.index].subnets[r.child]);
    case EntityKind::Vm: return f(d.vms[r.index]);
    case EntityKind::VmNic: return f(d.vms[r.index].nics[r.child]);
    case EntityKind::Gateway: return f(d.gateways[r.index]);
    }
    return f(d.gateways[r.index]); // unreachable: every kind is handled above
}

std::size_t tableSize(const Design &d, EntityKind kind)
{
    switch (kind) {
    case EntityKind::HostGroup: return d.hostGroups.size();
    case EntityKind::LogicalNetwork: return d.logicalNetworks.size();
    case EntityKind::Site: return d.sites.size();
    case EntityKind::IpPool: return d.ipPools.size();
    case EntityKind::MacPool: return d.macPools.size();
    case EntityKind::UplinkPortProfile: return d.uplinkPortProfiles.size();
    case EntityKind::VnicPortProfile: return d.vnicPortProfiles.size();
    case EntityKind::PortClassification: return d.portClassifications.size();
    case EntityKind::LogicalSwitch: return d.logicalSwitches.size();
    case EntityKind::Host: return d.hosts.size();
    case EntityKind::VmNetwork: return d.vmNetworks.size();
    case EntityKind::Vm: return d.vms.size();
    case EntityKind::Gateway: return d.gateways.size();
    default: return 0;
    }
}

// Whether every entity has its own id (then the index can be kept current incrementally;
// with duplicates, which NV102 reports, only a full reindex() decides who wins).
bool idsUnique(const Design &d)
{
    std::size_t n = d.hostGroups.size() + d.logicalNetworks.size() + d.sites.size() + d.ipPools.size()
        + d.macPools.size() + d.uplinkPortProfiles.size() + d.vnicPortProfiles.size() + d.portClassifications.size()
        + d.logicalSwitches.size() + d.hosts.size() + d.vmNetworks.size() + d.vms.size() + d.gateways.size();
    for (const Host &h : d.hosts) {
        n += h.physicalNics.size();
        for (const HostSwitch &s : h.switches)
            n += s.hostVnics.size();
    }
    for (const VmNetwork &v : d.vmNetworks)
        n += v.subnets.size();
    for (const Vm &vm : d.vms)
        n += vm.nics.size();
    return n == d.entityCount();
}

// The table an edit changed: a top-level table (entries from `from` on moved), or the
// children of the top-level entity `kind`[`parentIndex`].
struct IndexScope {
    EntityKind kind;
    bool children = false;
    std::size_t parentIndex = 0;
};

void refreshIndex(Design &d, const IndexScope &scope, std::size_t from, const Slots &gone, bool unique)
{
    if (!unique) {
        d.reindex();
        return;
    }
    for (const auto &slot : gone)
        d.unindex(std::get<0>(slot));
    if (scope.children) {
        d.reindexEntity(scope.kind, scope.parentIndex);
        return;
    }
    const std::size_t n = tableSize(d, scope.kind);
    for (std::size_t i = from; i < n; ++i)
        d.reindexEntity(scope.kind, i);
}

template <typename T>
Result<ChangeSet> insertInto(Design &d, EntityKind kind, const Json &json, std::vector<T> &into,
                             const std::optional<std::size_t> &index, const IndexScope &scope)
{
    auto decoded = decodeAs<T>(json, std::string(kindName(kind)));
    if (!decoded)
        return decoded.error();
    const Slots slots = slotsOf(decoded.value(), kind);
    if (auto ok = checkIds(d, slots, {}); !ok)
        return ok.error();
    const std::size_t pos = index.value_or(into.size());
    if (pos > into.size())
        return makeError(ErrorCode::Invalid, "position " + std::to_string(pos) + " is past the end ("
                                                 + std::to_string(into.size()) + " entries)");
    const bool unique = idsUnique(d);
    into.insert(into.begin() + static_cast<std::ptrdiff_t>(pos), std::move(decoded).value());
    refreshIndex(d, scope, pos, {}, unique);
    return slotChanges(slots, Change::Type::Added);
}

Result<const EntityRef *> parentRef(const Design &d, const Placement &where, EntityKind childKind, EntityKind parentKind)
{
    if (!where.parent)
        return makeError(ErrorCode::Invalid, std::string("a ") + std::string(kindName(childKind)) + " needs a parent "
                                                 + std::string(kindName(parentKind)));
    const EntityRef *r = d.find(*where.parent);
    if (!r || r->kind != parentKind)
        return makeError(ErrorCode::NotFound,
                         "no " + std::string(kindName(parentKind)) + " with id \"" + *where.parent + "\"");
    return r;
}

const ReferenceField *referenceField(EntityKind kind, std::string_view field)
{
    for (std::size_t i = 0; i < kReferenceFieldCount; ++i)
        if (kReferenceFields[i].from == kind && kReferenceFields[i].field == field)
            return &kReferenceFields[i];
    return nullptr;
}

Error notFound(const Id &id) { return makeError(ErrorCode::NotFound, "no entity with id \"" + id + "\""); }

// The reference field of `from`, checked; and the entity `to` must be of its target kind.
Result<const ReferenceField *> checkReference(const Design &d, const Id &from, const std::string &field,
                                              const Id *to, bool allowUnknownTarget = false)
{
    const EntityRef *r = d.find(from);
    if (!r)
        return notFound(from);
    const ReferenceField *ref = referenceField(r->kind, field);
    if (!ref)
        return makeError(ErrorCode::Invalid, std::string(kindName(r->kind)) + "." + field + " is not a reference");
    if (to) {
        const EntityRef *t = d.find(*to);
        if (!t && !allowUnknownTarget)
            return notFound(*to);
        if (t && t->kind != ref->to)
            return makeError(ErrorCode::Invalid, std::string(kindName(r->kind)) + "." + field + " takes a "
                                                     + std::string(kindName(ref->to)) + ", not the "
                                                     + std::string(kindName(t->kind)) + " \"" + *to + "\"");
    }
    return ref;
}

} // namespace

std::span<const ReferenceField> referenceFields()
{
    return std::span<const ReferenceField>(kReferenceFields.data(), kReferenceFieldCount);
}

Result<ChangeSet> addEntity(Design &design, EntityKind kind, const Json &entity, const Placement &where)
{
    switch (kind) {
    case EntityKind::HostGroup: return insertInto(design, kind, entity, design.hostGroups, where.index, IndexScope{kind});
    case EntityKind::LogicalNetwork: return insertInto(design, kind, entity, design.logicalNetworks, where.index, IndexScope{kind});
    case EntityKind::Site: return insertInto(design, kind, entity, design.sites, where.index, IndexScope{kind});
    case EntityKind::IpPool: return insertInto(design, kind, entity, design.ipPools, where.index, IndexScope{kind});
    case EntityKind::MacPool: return insertInto(design, kind, entity, design.macPools, where.index, IndexScope{kind});
    case EntityKind::UplinkPortProfile: return insertInto(design, kind, entity, design.uplinkPortProfiles, where.index, IndexScope{kind});
    case EntityKind::VnicPortProfile: return insertInto(design, kind, entity, design.vnicPortProfiles, where.index, IndexScope{kind});
    case EntityKind::PortClassification: return insertInto(design, kind, entity, design.portClassifications, where.index, IndexScope{kind});
    case EntityKind::LogicalSwitch: return insertInto(design, kind, entity, design.logicalSwitches, where.index, IndexScope{kind});
    case EntityKind::Host: return insertInto(design, kind, entity, design.hosts, where.index, IndexScope{kind});
    case EntityKind::VmNetwork: return insertInto(design, kind, entity, design.vmNetworks, where.index, IndexScope{kind});
    case EntityKind::Vm: return insertInto(design, kind, entity, design.vms, where.index, IndexScope{kind});
    case EntityKind::Gateway: return insertInto(design, kind, entity, design.gateways, where.index, IndexScope{kind});
    case EntityKind::PhysicalNic: {
        auto p = parentRef(design, where, kind, EntityKind::Host);
        if (!p)
            return p.error();
        return insertInto(design, kind, entity, design.hosts[p.value()->index].physicalNics, where.index,
                          IndexScope{EntityKind::Host, true, p.value()->index});
    }
    case EntityKind::HostVnic: {
        auto p = parentRef(design, where, kind, EntityKind::Host);
        if (!p)
            return p.error();
        Host &host = design.hosts[p.value()->index];
        auto sw = host.switches.end();
        if (where.logicalSwitch)
            sw = std::find_if(host.switches.begin(), host.switches.end(),
                              [&](const HostSwitch &s) { return s.logicalSwitch == *where.logicalSwitch; });
        else if (host.switches.size() == 1)
            sw = host.switches.begin();
        if (sw == host.switches.end())
            return makeError(ErrorCode::NotFound,
                             where.logicalSwitch ? "host \"" + host.id + "\" has no switch \"" + *where.logicalSwitch + "\""
                                                 : "host \"" + host.id + "\" needs a logical switch for the host vNIC");
        return insertInto(design, kind, entity, sw->hostVnics, where.index, IndexScope{EntityKind::Host, true, p.value()->index});
    }
    case EntityKind::VmSubnet: {
        auto p = parentRef(design, where, kind, EntityKind::VmNetwork);
        if (!p)
            return p.error();
        return insertInto(design, kind, entity, design.vmNetworks[p.value()->index].subnets, where.index,
                          IndexScope{EntityKind::VmNetwork, true, p.value()->index});
    }
    case EntityKind::VmNic: {
        auto p = parentRef(design, where, kind, EntityKind::Vm);
        if (!p)
            return p.error();
        return insertInto(design, kind, entity, design.vms[p.value()->index].nics, where.index,
                          IndexScope{EntityKind::Vm, true, p.value()->index});
    }
    }
    return makeError(ErrorCode::Invalid, "unknown entity kind");
}

Result<RemovedEntity> removeEntity(Design &design, const Id &id)
{
    const EntityRef *found = design.find(id);
    if (!found)
        return notFound(id);
    const EntityRef r = *found;
    RemovedEntity removed{r.kind, io::entityToJson(design, id), {}, {}};
    const Slots slots = visit(design, r, [&](auto &e) { return slotsOf(e, r.kind); });
    removed.changes = slotChanges(slots, Change::Type::Removed);
    const bool unique = idsUnique(design);
    IndexScope scope{r.kind};
    std::size_t from = r.index;
    auto eraseAt = [](auto &vec, std::size_t i) { vec.erase(vec.begin() + static_cast<std::ptrdiff_t>(i)); };
    switch (r.kind) {
    case EntityKind::PhysicalNic:
        removed.placement = Placement{design.hosts[r.index].id, std::nullopt, r.child};
        scope = IndexScope{EntityKind::Host, true, r.index};
        eraseAt(design.hosts[r.index].physicalNics, r.child);
        break;
    case EntityKind::HostVnic: {
        HostSwitch &sw = design.hosts[r.index].switches[r.child];
        removed.placement = Placement{design.hosts[r.index].id, sw.logicalSwitch, r.sub};
        scope = IndexScope{EntityKind::Host, true, r.index};
        eraseAt(sw.hostVnics, r.sub);
        break;
    }
    case EntityKind::VmSubnet:
        removed.placement = Placement{design.vmNetworks[r.index].id, std::nullopt, r.child};
        scope = IndexScope{EntityKind::VmNetwork, true, r.index};
        eraseAt(design.vmNetworks[r.index].subnets, r.child);
        break;
    case EntityKind::VmNic:
        removed.placement = Placement{design.vms[r.index].id, std::nullopt, r.child};
        scope = IndexScope{EntityKind::Vm, true, r.index};
        eraseAt(design.vms[r.index].nics, r.child);
        break;
    default:
        removed.placement = Placement{std::nullopt, std::nullopt, r.index};
        visit(design, r, [&](auto &e) {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, PhysicalNic> || std::is_same_v<T, HostVnic> || std::is_same_v<T, VmSubnet>
                          || std::is_same_v<T, VmNic>) {
                return; // children are handled above
            } else {
                eraseAt(table(design, static_cast<T *>(nullptr)), r.index);
            }
        });
        break;
    }
    refreshIndex(design, scope, from, slots, unique);
    return removed;
}

Result<ChangeSet> setField(Design &design, const Id &id, const std::string &field, const Json &value)
{
    if (field == "id")
        return makeError(ErrorCode::Invalid, "an id cannot be changed with setField");
    if (field.empty())
        return makeError(ErrorCode::Invalid, "empty field name");
    const EntityRef *found = design.find(id);
    if (!found)
        return notFound(id);
    const EntityRef r = *found;
    return visit(design, r, [&](auto &e) -> Result<ChangeSet> {
        using T = std::decay_t<decltype(e)>;
        Json json = codec::encode(e);
        if (value.is_null())
            json.erase(field);
        else
            json[field] = value;
        auto decoded = decodeAs<T>(json, codec::entityPath(design, r));
        if (!decoded)
            return decoded.error();
        if (codec::encode(decoded.value()) == codec::encode(e))
            return ChangeSet{}; // nothing changed
        const Slots before = slotsOf(e, r.kind);
        const Slots after = slotsOf(decoded.value(), r.kind);
        const bool childrenChanged = before != after;
        if (childrenChanged) {
            std::unordered_set<std::string_view> own;
            for (const auto &s : before)
                own.insert(std::get<0>(s));
            if (auto ok = checkIds(design, after, own); !ok)
                return ok.error();
        }
        ChangeSet changes{Change{Change::Type::Modified, id, r.kind, field, std::nullopt}};
        if (childrenChanged) {
            std::unordered_set<std::string_view> oldIds, newIds;
            for (const auto &s : before)
                oldIds.insert(std::get<0>(s));
            for (const auto &s : after)
                newIds.insert(std::get<0>(s));
            for (const auto &s : before)
                if (!newIds.count(std::get<0>(s)))
                    changes.push_back(Change{Change::Type::Removed, std::get<0>(s), std::get<1>(s), {}, std::nullopt});
            for (const auto &s : after)
                if (!oldIds.count(std::get<0>(s)))
                    changes.push_back(Change{Change::Type::Added, std::get<0>(s), std::get<1>(s), {}, std::nullopt});
        }
        const bool unique = childrenChanged && idsUnique(design);
        e = std::move(decoded).value();
        if (childrenChanged) {
            Slots gone;
            std::unordered_set<std::string_view> kept;
            for (const auto &s : after)
                kept.insert(std::get<0>(s));
            for (const auto &s : before)
                if (!kept.count(std::get<0>(s)))
                    gone.push_back(s);
            refreshIndex(design, IndexScope{r.kind, true, r.index}, 0, gone, unique);
        }
        return changes;
    });
}

Result<Json> getField(const Design &design, const Id &id, const std::string &field)
{
    if (!design.contains(id))
        return notFound(id);
    Json json = io::entityToJson(design, id);
    auto it = json.find(field);
    if (it == json.end())
        return Json();
    return *it;
}

namespace {

Result<ChangeSet> bindImpl(Design &design, const Id &from, const std::string &field, const Id &to,
                           std::optional<std::size_t> index, bool allowUnknownTarget)
{
    auto ref = checkReference(design, from, field, &to, allowUnknownTarget);
    if (!ref)
        return ref.error();
    auto current = getField(design, from, field);
    if (!current)
        return current.error();
    if (ref.value()->list) {
        Json list = current.value().is_array() ? current.value() : Json::array();
        for (const auto &v : list)
            if (v.is_string() && v.get_ref<const std::string &>() == to)
                return ChangeSet{}; // already bound
        const std::size_t pos = std::min(index.value_or(list.size()), list.size());
        list.insert(list.begin() + static_cast<std::ptrdiff_t>(pos), Json(to));
        auto changes = setField(design, from, field, list);
        if (changes)
            for (auto &c : changes.value())
                if (c.type == Change::Type::Modified && c.id == from)
                    c.index = pos;
        return changes;
    }
    if (current.value().is_string() && current.value().get_ref<const std::string &>() == to)
        return ChangeSet{};
    return setField(design, from, field, Json(to));
}

} // namespace

Result<ChangeSet> bind(Design &design, const Id &from, const std::string &field, const Id &to)
{
    return bindImpl(design, from, field, to, std::nullopt, false);
}

Result<ChangeSet> bindAt(Design &design, const Id &from, const std::string &field, const Id &to,
                         std::optional<std::size_t> index)
{
    // The inverse of unbind, which may have removed a dangling reference: the target need
    // not exist (it is NV101 again, as it was).
    return bindImpl(design, from, field, to, index, true);
}

Result<ChangeSet> unbind(Design &design, const Id &from, const std::string &field, const Id &to)
{
    auto ref = checkReference(design, from, field, nullptr);
    if (!ref)
        return ref.error();
    auto current = getField(design, from, field);
    if (!current)
        return current.error();
    auto notBound = [&] {
        return makeError(ErrorCode::NotFound, from + "." + field + " does not name \"" + to + "\"");
    };
    if (ref.value()->list) {
        Json list = current.value();
        if (!list.is_array())
            return notBound();
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (list[i].is_string() && list[i].get_ref<const std::string &>() == to) {
                list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
                auto changes = setField(design, from, field, list);
                if (changes)
                    for (auto &c : changes.value())
                        if (c.type == Change::Type::Modified && c.id == from)
                            c.index = i;
                return changes;
            }
        }
        return notBound();
    }
    if (!current.value().is_string() || current.value().get_ref<const std::string &>() != to)
        return notBound();
    if (ref.value()->required)
        return makeError(ErrorCode::Invalid, std::string(kindName(ref.value()->from)) + "." + field
                                                 + " is required: bind it to another "
                                                 + std::string(kindName(ref.value()->to)) + " instead");
    return setField(design, from, field, Json());
}

Result<ChangeSet> setDesignName(Design &design, const std::string &name)
{
    if (design.name == name)
        return ChangeSet{};
    design.name = name;
    return ChangeSet{Change{Change::Type::Modified, {}, EntityKind::HostGroup, "name", std::nullopt}};
}

Result<ChangeSet> setLayoutPosition(Design &design, const Id &id, Point p)
{
    if (!isValidId(id))
        return makeError(ErrorCode::Invalid, "id \"" + id + "\" is not valid");
    if (const Point *old = design.layout.position(id); old && *old == p)
        return ChangeSet{};
    design.layout.setPosition(id, p);
    const EntityRef *r = design.find(id);
    return ChangeSet{Change{Change::Type::Modified, id, r ? r->kind : EntityKind::HostGroup, "layout", std::nullopt}};
}

} // namespace netvirt::core
