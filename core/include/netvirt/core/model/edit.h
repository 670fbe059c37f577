// The edit operations of the design model: add, remove, set field, bind, unbind. Each keeps
// the id index current and reports what changed, so that the designer can wrap it in an undo
// command and the rule engine can re-check only what the edit touched. Entities travel as
// their JSON (FORMAT.md), which makes every operation invertible: removeEntity returns what
// addEntity needs to put the entity back where it was.
// Thread-safety: mutates one Design; the caller serialises access.
#pragma once

#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <netvirt/core/model/design.h>
#include <netvirt/core/result.h>

namespace netvirt::core {

struct Change {
    enum class Type { Added = 1, Removed, Modified };
    Type type = Type::Modified;
    Id id;
    EntityKind kind = EntityKind::HostGroup;
    std::string field;  // Modified: the field that changed ("" for several)
    // bind/unbind of a reference list: the position the id was inserted at or removed from,
    // so that undoing an unbind with bind(..., index) restores the list exactly.
    std::optional<std::size_t> index = std::nullopt;
};
using ChangeSet = std::vector<Change>;

// Where an entity stands, so that undoing a removal puts it back in the same place.
struct Placement {
    std::optional<Id> parent;          // for child kinds: the host, VM network or VM
    std::optional<Id> logicalSwitch;   // for host vNICs: the switch entry of the host
    std::optional<std::size_t> index;  // position in its array; absent: at the end
};

struct RemovedEntity {
    EntityKind kind;
    Json json;
    Placement placement;
    ChangeSet changes;
};

// Adds an entity given as its JSON. Fails (nothing changed) when the JSON does not load,
// the id is invalid or taken, or the parent is missing.
Result<ChangeSet> addEntity(Design &design, EntityKind kind, const Json &entity, const Placement &where = {});
// Removes an entity and its children. References to it elsewhere stay (they become NV101)
// unless the caller unbinds them first.
Result<RemovedEntity> removeEntity(Design &design, const Id &id);
// Sets one field of an entity to a JSON value ("name", "hostGroups", "teaming", "subnets"…);
// a null value removes an optional field. Changing "id" is refused (use renameId). The
// entity must still load (FORMAT.md); new child ids must be valid and free. A value equal to
// the current one changes nothing (empty ChangeSet). Unknown fields are kept like a file's.
Result<ChangeSet> setField(Design &design, const Id &id, const std::string &field, const Json &value);
// The field's current value (null when absent).
Result<Json> getField(const Design &design, const Id &id, const std::string &field);
// Sets a reference field (scalar) or appends to a reference list; unbind clears or removes.
// `to` must exist and be of the field's target kind (referenceFields()); binding what is
// already bound changes nothing (empty ChangeSet). Unbinding a required scalar reference
// (a VM's host) is refused: bind another entity instead.
Result<ChangeSet> bind(Design &design, const Id &from, const std::string &field, const Id &to);
// As bind, inserting into a reference list at `index` (the inverse of an unbind, whose
// Change::index it takes). Since unbind may remove a dangling reference, `to` need not
// exist here (an existing `to` must still be of the right kind). Not an overload of bind,
// which ADL would confuse with std::bind.
Result<ChangeSet> bindAt(Design &design, const Id &from, const std::string &field, const Id &to,
                         std::optional<std::size_t> index);
Result<ChangeSet> unbind(Design &design, const Id &from, const std::string &field, const Id &to);
// An unqualified bind(design, a, b, c) with std::string rvalues would otherwise pick std::bind
// through argument-dependent lookup (and silently do nothing): this more specialised
// overload takes such calls and forwards them to the bind above.
template <typename From, typename Field, typename To>
    requires std::convertible_to<From, Id> && std::convertible_to<Field, std::string> && std::convertible_to<To, Id>
Result<ChangeSet> bind(Design &design, From &&from, Field &&field, To &&to)
{
    const Id fromId(std::forward<From>(from));
    const std::string fieldName(std::forward<Field>(field));
    const Id toId(std::forward<To>(to));
    return netvirt::core::bind(design, fromId, fieldName, toId);
}

// The reference fields bind/unbind accept: a field of `from` naming entities of kind `to`.
// References inside nested objects (adapters, virtual ports, switch entries) are set with
// setField on the whole array.
struct ReferenceField {
    EntityKind from;
    std::string_view field;
    EntityKind to;
    bool list;      // a list of ids ("hostGroups") rather than one id
    bool required;  // a scalar the format requires (cannot be unbound)
};
std::span<const ReferenceField> referenceFields();

// Replaces the whole design-level name, emulation or layout; for completeness of undo.
Result<ChangeSet> setDesignName(Design &design, const std::string &name);
Result<ChangeSet> setLayoutPosition(Design &design, const Id &id, Point p);

} // namespace netvirt::core
