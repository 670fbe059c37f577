// EditOp: one invertible step of a designer edit, expressed with ids and JSON only (never
// graphics items), applied through the core edit operations (core/model/edit.h). A
// QUndoCommand holds a list of them; undo applies the inverses in reverse order.
// Thread-safety: value type; applying one mutates a Design (GUI thread).
#pragma once

#include <netvirt/core/model/edit.h>

#include <optional>
#include <vector>

namespace netvirt::designer {

struct EditOp {
    enum class Type { Add = 1, Remove, SetField, Position };
    Type type = Type::SetField;
    core::Id id;
    // Add / Remove
    core::EntityKind kind = core::EntityKind::HostGroup;
    core::Json entity;             // Add: the entity; Remove: filled in when applied
    core::Placement placement;     // Add: where; Remove: filled in when applied
    // SetField
    std::string field;
    core::Json before;
    core::Json after;
    // Position (layout): nullopt means "no stored position"
    std::optional<core::Point> positionBefore;
    std::optional<core::Point> positionAfter;
    std::size_t layoutIndex = 0;   // where an erased position stood, to put it back there

    static EditOp add(core::EntityKind kind, core::Json entity, core::Placement where = {});
    static EditOp remove(core::Id id);
    static EditOp setField(core::Id id, std::string field, core::Json after);
    static EditOp position(core::Id id, std::optional<core::Point> after);
};

// Applies `op` forward; fills in what undoing it needs (before values, removed JSON).
// On failure nothing changed and the error is returned.
core::Result<core::ChangeSet> applyForward(core::Design &design, EditOp &op);
// Applies the inverse of an op that applyForward completed.
core::Result<core::ChangeSet> applyInverse(core::Design &design, const EditOp &op);

} // namespace netvirt::designer
