// EditOp: forward and inverse application over the core edit operations.
#include <netvirt/designer/edit_op.h>

#include <netvirt/core/io/design_io.h>

#include <algorithm>

namespace netvirt::designer {

using namespace netvirt::core;

EditOp EditOp::add(EntityKind kind, Json entity, Placement where)
{
    EditOp op;
    op.type = Type::Add;
    op.kind = kind;
    if (entity.contains("id") && entity["id"].is_string())
        op.id = entity["id"].get<std::string>();
    op.entity = std::move(entity);
    op.placement = std::move(where);
    return op;
}

EditOp EditOp::remove(Id id)
{
    EditOp op;
    op.type = Type::Remove;
    op.id = std::move(id);
    return op;
}

EditOp EditOp::setField(Id id, std::string field, Json after)
{
    EditOp op;
    op.type = Type::SetField;
    op.id = std::move(id);
    op.field = std::move(field);
    op.after = std::move(after);
    return op;
}

EditOp EditOp::position(Id id, std::optional<Point> after)
{
    EditOp op;
    op.type = Type::Position;
    op.id = std::move(id);
    op.positionAfter = after;
    return op;
}

namespace {

// The layout is not an entity: a position that did not exist before is taken out again on
// undo, so that undo gives back the identical bytes.
Result<ChangeSet> setPosition(Design &design, const Id &id, const std::optional<Point> &p, std::size_t *erasedAt)
{
    if (p)
        return core::setLayoutPosition(design, id, *p);
    auto &nodes = design.layout.nodes;
    auto it = std::find_if(nodes.begin(), nodes.end(), [&](const auto &n) { return n.first == id; });
    if (it != nodes.end()) {
        if (erasedAt)
            *erasedAt = std::size_t(it - nodes.begin());
        nodes.erase(it);
    }
    return ChangeSet{};
}

} // namespace

Result<ChangeSet> applyForward(Design &design, EditOp &op)
{
    switch (op.type) {
    case EditOp::Type::Add:
        return core::addEntity(design, op.kind, op.entity, op.placement);
    case EditOp::Type::Remove: {
        const EntityRef *ref = design.find(op.id);
        if (!ref)
            return makeError(ErrorCode::NotFound, "unknown id \"" + op.id + "\"");
        auto removed = core::removeEntity(design, op.id);
        if (!removed)
            return removed.error();
        op.kind = removed->kind;
        op.entity = removed->json;
        op.placement = removed->placement;
        return removed->changes;
    }
    case EditOp::Type::SetField: {
        auto before = core::getField(design, op.id, op.field);
        if (!before)
            return before.error();
        op.before = *before;
        return core::setField(design, op.id, op.field, op.after);
    }
    case EditOp::Type::Position: {
        if (const Point *p = design.layout.position(op.id))
            op.positionBefore = *p;
        else
            op.positionBefore.reset();
        return setPosition(design, op.id, op.positionAfter, &op.layoutIndex);
    }
    }
    return makeError(ErrorCode::Invalid, "unknown edit");
}

Result<ChangeSet> applyInverse(Design &design, const EditOp &op)
{
    switch (op.type) {
    case EditOp::Type::Add: {
        auto removed = core::removeEntity(design, op.id);
        if (!removed)
            return removed.error();
        return removed->changes;
    }
    case EditOp::Type::Remove:
        return core::addEntity(design, op.kind, op.entity, op.placement);
    case EditOp::Type::SetField:
        return core::setField(design, op.id, op.field, op.before);
    case EditOp::Type::Position:
        if (op.positionBefore && !op.positionAfter) {
            // Put an erased position back where it stood, so that the bytes are identical.
            auto &nodes = design.layout.nodes;
            const std::size_t at = std::min(op.layoutIndex, nodes.size());
            nodes.insert(nodes.begin() + std::ptrdiff_t(at), {op.id, *op.positionBefore});
            return ChangeSet{};
        }
        return setPosition(design, op.id, op.positionBefore, nullptr);
    }
    return makeError(ErrorCode::Invalid, "unknown edit");
}

} // namespace netvirt::designer
