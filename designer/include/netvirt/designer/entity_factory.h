// EntityFactory: new entities for the palette (fresh id and name, sensible defaults, bound
// to the entity they were dropped on where the model allows), and copy/paste of entities as
// JSON with fresh ids. Produces EditOps; the document applies them as one undo step.
// Thread-safety: GUI thread only (tr()).
#pragma once

#include <netvirt/designer/edit_op.h>

#include <QCoreApplication>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>

namespace netvirt::designer {

class DesignDocument;

struct Creation {
    bool ok = false;
    QString text;           // undo text, or why nothing can be created
    core::Id id;            // the new entity
    std::vector<EditOp> ops;
};

class EntityFactory final
{
    Q_DECLARE_TR_FUNCTIONS(EntityFactory)

public:
    // `target` is the entity under the drop (or the current selection): a vNIC goes into the
    // VM it was dropped on, a VM onto the host, a site onto the logical network, ...
    static Creation create(const DesignDocument &doc, core::EntityKind kind, const QString &target,
                           std::optional<QPointF> position);

    static constexpr const char *kClipboardMime = "application/x-netvirt-entities";
    // The selected entities as clipboard JSON (top-level entities with their children;
    // children on their own are copied with their parent's id for pasting back into it).
    static std::string copy(const core::Design &design, const QStringList &ids,
                            const QHash<QString, QPointF> &positions);
    // Paste with fresh ids and names, references among the pasted entities rewritten.
    static Creation paste(const DesignDocument &doc, const std::string &clipboard, const QPointF &offset,
                          QStringList *newIds = nullptr);
};

} // namespace netvirt::designer
