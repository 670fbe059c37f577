// DesignDocument and its undo command.
#include <netvirt/designer/design_document.h>

#include <netvirt/core/io/design_io.h>

#include <QFileInfo>
#include <QRegularExpression>
#include <QUndoCommand>

#include <algorithm>

namespace netvirt::designer {

using namespace netvirt::core;

namespace {

// One user edit: a list of EditOps. The first redo happens before the push (so that a
// refused edit never reaches the stack); mergeable commands (property typing) fold into one.
class EditCommand final : public QUndoCommand
{
public:
    EditCommand(DesignDocument *doc, const QString &text, std::vector<EditOp> ops, int mergeId)
        : QUndoCommand(text), m_doc(doc), m_ops(std::move(ops)), m_mergeId(mergeId)
    {}

    int id() const override { return m_mergeId; }

    bool mergeWith(const QUndoCommand *other) override
    {
        auto *o = static_cast<const EditCommand *>(other);
        if (m_ops.size() != 1 || o->m_ops.size() != 1)
            return false;
        const EditOp &a = m_ops.front();
        const EditOp &b = o->m_ops.front();
        if (a.type != EditOp::Type::SetField || b.type != EditOp::Type::SetField
            || a.id != b.id || a.field != b.field)
            return false;
        m_ops.front().after = b.after;
        return true;
    }

    void redo() override
    {
        if (m_skipFirstRedo) {
            m_skipFirstRedo = false;
            return;
        }
        auto changes = m_doc->redoOps(m_ops);
        if (changes)
            m_doc->notifyChanged(*changes, movedIds());
    }

    void undo() override
    {
        auto changes = m_doc->undoOps(m_ops);
        if (changes)
            m_doc->notifyChanged(*changes, movedIds());
    }

    QStringList movedIds() const
    {
        QStringList ids;
        for (const EditOp &op : m_ops)
            if (op.type == EditOp::Type::Position)
                ids << QString::fromStdString(op.id);
        return ids;
    }

private:
    DesignDocument *m_doc;
    std::vector<EditOp> m_ops;
    int m_mergeId;
    bool m_skipFirstRedo = true;
};

QString errorText(const Error &e)
{
    return QString::fromStdString(e.message);
}

} // namespace

DesignDocument::DesignDocument(QObject *parent)
    : QObject(parent)
{
    connect(&m_undoStack, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
    m_design.name = tr("Untitled design").toStdString();
    m_validator.validateAll(m_design);
}

DesignDocument::~DesignDocument()
{
    // The undo stack is destroyed after this body and says cleanChanged on its way out.
    m_undoStack.disconnect(this);
    blockSignals(true);
}

QString DesignDocument::displayName() const
{
    if (m_filePath.isEmpty())
        return tr("Untitled");
    return QFileInfo(m_filePath).fileName();
}

Result<void> DesignDocument::load(const QString &path)
{
    auto loaded = io::loadDesign(path.toStdString());
    if (!loaded)
        return loaded.error();
    reset(std::move(*loaded), path);
    return {};
}

Result<void> DesignDocument::save(const QString &path)
{
    auto saved = io::saveDesign(m_design, path.toStdString());
    if (!saved)
        return saved;
    if (m_filePath != path) {
        m_filePath = path;
        emit filePathChanged(path);
    }
    m_undoStack.setClean();
    return {};
}

Result<void> DesignDocument::saveCopy(const QString &path) const
{
    return io::saveDesign(m_design, path.toStdString());
}

void DesignDocument::reset(Design design, const QString &path)
{
    const bool wasModified = isModified();
    m_undoStack.clear();
    m_design = std::move(design);
    m_design.reindex();
    m_validator.validateAll(m_design);
    m_filePath = path;
    emit designReset();
    emit problemsChanged();
    emit filePathChanged(path);
    if (wasModified)
        emit modifiedChanged(false);
}

void DesignDocument::newDesign()
{
    Design d;
    d.name = tr("Untitled design").toStdString();
    reset(std::move(d));
}

std::string DesignDocument::jsonText() const
{
    return io::toJsonText(m_design);
}

Result<ChangeSet> DesignDocument::redoOps(std::vector<EditOp> &ops)
{
    ChangeSet all;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        auto r = applyForward(m_design, ops[i]);
        if (!r) {
            // Roll back what this edit already did: an edit is all or nothing.
            for (std::size_t j = i; j-- > 0;)
                (void)applyInverse(m_design, ops[j]);
            return r.error();
        }
        all.insert(all.end(), r->begin(), r->end());
    }
    return all;
}

Result<ChangeSet> DesignDocument::undoOps(const std::vector<EditOp> &ops)
{
    ChangeSet all;
    for (std::size_t i = ops.size(); i-- > 0;) {
        auto r = applyInverse(m_design, ops[i]);
        if (!r)
            return r.error();
        all.insert(all.end(), r->begin(), r->end());
    }
    return all;
}

void DesignDocument::notifyChanged(const ChangeSet &all, const QStringList &movedIds)
{
    // Layout positions are not design content: they go to positionsChanged only.
    ChangeSet changes;
    changes.reserve(all.size());
    for (const Change &c : all)
        if (c.field != "layout")
            changes.push_back(c);
    if (!changes.empty()) {
        m_validator.revalidate(m_design, changes);
        emit changed(changes);
        emit problemsChanged();
    }
    if (!movedIds.isEmpty())
        emit positionsChanged(movedIds);
}

bool DesignDocument::apply(const QString &text, std::vector<EditOp> ops, QString *error, int mergeId)
{
    if (ops.empty())
        return true;
    auto changes = redoOps(ops);
    if (!changes) {
        if (error)
            *error = errorText(changes.error());
        return false;
    }
    auto *cmd = new EditCommand(this, text, std::move(ops), mergeId);
    QStringList moved = cmd->movedIds();
    m_undoStack.push(cmd); // redo() skipped once: the ops are already applied
    notifyChanged(*changes, moved);
    return true;
}

bool DesignDocument::setField(const Id &id, const std::string &field, const Json &value, QString *error)
{
    auto current = core::getField(m_design, id, field);
    if (current && *current == value)
        return true;
    const QString text = tr("Change %1 of %2")
                             .arg(QString::fromStdString(field), QString::fromStdString(m_design.displayName(id)));
    // Typing in the properties editor merges into one step per entity and field.
    return apply(text, {EditOp::setField(id, field, value)}, error, 1);
}

bool DesignDocument::removeEntities(const QStringList &ids, QString *error)
{
    std::vector<EditOp> ops;
    QStringList removed;
    for (const QString &qid : ids) {
        const Id id = qid.toStdString();
        const EntityRef *ref = m_design.find(id);
        if (!ref)
            continue;
        // A child whose parent goes too is removed with its parent.
        bool parentRemoved = false;
        if (isChildKind(ref->kind)) {
            std::string parent;
            if (const Host *h = m_design.hostOf(id))
                parent = h->id;
            else if (const Vm *vm = m_design.vmOfNic(id))
                parent = vm->id;
            else if (const VmNetwork *n = m_design.vmNetworkOfSubnet(id))
                parent = n->id;
            parentRemoved = ids.contains(QString::fromStdString(parent));
        }
        if (parentRemoved)
            continue;
        ops.push_back(EditOp::remove(id));
        if (m_design.layout.position(id))
            ops.push_back(EditOp::position(id, std::nullopt));
        removed << QString::fromStdString(m_design.displayName(id));
    }
    if (ops.empty())
        return true;
    const QString text = removed.size() == 1 ? tr("Delete %1").arg(removed.front())
                                             : tr("Delete %n entities", nullptr, int(removed.size()));
    return apply(text, std::move(ops), error);
}

bool DesignDocument::moveNodes(const QHash<QString, QPointF> &positions)
{
    std::vector<EditOp> ops;
    for (auto it = positions.begin(); it != positions.end(); ++it) {
        const Point p{it.value().x(), it.value().y()};
        const Id id = it.key().toStdString();
        const Point *old = m_design.layout.position(id);
        if (old && *old == p)
            continue;
        ops.push_back(EditOp::position(id, p));
    }
    std::sort(ops.begin(), ops.end(), [](const EditOp &a, const EditOp &b) { return a.id < b.id; });
    const QString text = ops.size() == 1 ? tr("Move %1").arg(QString::fromStdString(m_design.displayName(ops.front().id)))
                                         : tr("Move %n entities", nullptr, int(ops.size()));
    return apply(text, std::move(ops));
}

bool DesignDocument::applyFix(int problemIndex, QString *error)
{
    const auto &list = problems();
    if (problemIndex < 0 || problemIndex >= list.size() || !list[problemIndex].hasFix()) {
        if (error)
            *error = tr("This problem has no automatic fix.");
        return false;
    }
    const Problem &p = list[problemIndex];
    auto ops = Validator::fixAsEdits(m_design, *p.fix);
    if (!ops) {
        if (error)
            *error = errorText(ops.error());
        return false;
    }
    const QString text = tr("Fix %1: %2").arg(p.ruleId, p.fixText);
    return apply(text, std::move(*ops), error);
}

Id DesignDocument::freshId(const QString &stem) const
{
    QString base = stem;
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._/-]")), QStringLiteral("-"));
    if (base.isEmpty())
        base = QStringLiteral("entity");
    if (!m_design.contains(base.toStdString()))
        return base.toStdString();
    for (int n = 2;; ++n) {
        const std::string candidate = QStringLiteral("%1-%2").arg(base).arg(n).toStdString();
        if (!m_design.contains(candidate))
            return candidate;
    }
}

QString DesignDocument::freshName(EntityKind kind, const QString &stem) const
{
    auto taken = [&](const QString &name) {
        const std::string n = name.toStdString();
        for (const auto &[id, k] : m_design.allEntities())
            if (k == kind && namesEqual(m_design.displayName(id), n))
                return true;
        return false;
    };
    if (!taken(stem))
        return stem;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 %2").arg(stem).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}

} // namespace netvirt::designer
