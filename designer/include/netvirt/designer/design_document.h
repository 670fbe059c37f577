// DesignDocument: the open design. Owns the core::Design (the truth), the QUndoStack, the
// file path and the modified flag. Every change goes through an undo command built from
// EditOps (ids + JSON, core edit operations); after each one the rule engine re-validates
// incrementally and changed() reports the ChangeSet. Widgets never mutate the model.
// Thread-safety: GUI thread only.
#pragma once

#include <netvirt/designer/edit_op.h>
#include <netvirt/designer/problem.h>

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QUndoStack>

namespace netvirt::designer {

class DesignDocument final : public QObject
{
    Q_OBJECT

public:
    explicit DesignDocument(QObject *parent = nullptr);
    ~DesignDocument() override;

    const core::Design &design() const { return m_design; }
    QUndoStack *undoStack() { return &m_undoStack; }
    const QList<Problem> &problems() const { return m_validator.problems(); }
    const Validator &validator() const { return m_validator; }

    QString filePath() const { return m_filePath; }
    QString displayName() const;        // file name, or "Untitled"
    bool isModified() const { return !m_undoStack.isClean(); }

    // Files. A failed load leaves the document exactly as it was.
    core::Result<void> load(const QString &path);
    core::Result<void> save(const QString &path);
    // Writes a copy (autosave); neither path nor clean state change.
    core::Result<void> saveCopy(const QString &path) const;
    void reset(core::Design design, const QString &path = {});
    void newDesign();
    // toJsonText of the current design (the bytes a .json save writes).
    std::string jsonText() const;

    // Edits: each is one undo step; on failure nothing changes and `error` says why.
    bool apply(const QString &text, std::vector<EditOp> ops, QString *error = nullptr,
               int mergeId = -1);
    bool setField(const core::Id &id, const std::string &field, const core::Json &value,
                  QString *error = nullptr);
    bool removeEntities(const QStringList &ids, QString *error = nullptr);
    // Moves several nodes in one undo step (drag of a selection).
    bool moveNodes(const QHash<QString, QPointF> &positions);
    bool applyFix(int problemIndex, QString *error = nullptr);

    // Fresh identifiers and names for new or pasted entities.
    core::Id freshId(const QString &stem) const;
    QString freshName(core::EntityKind kind, const QString &stem) const;

    // Called by undo commands only.
    core::Result<core::ChangeSet> redoOps(std::vector<EditOp> &ops);
    core::Result<core::ChangeSet> undoOps(const std::vector<EditOp> &ops);
    void notifyChanged(const core::ChangeSet &changes, const QStringList &movedIds);

signals:
    void designReset();                                 // a different design is open
    void changed(const core::ChangeSet &changes);       // after every edit, undo and redo
    void positionsChanged(const QStringList &ids);      // layout positions (moves)
    void problemsChanged();
    void filePathChanged(const QString &path);
    void modifiedChanged(bool modified);

private:
    core::Design m_design;
    QUndoStack m_undoStack;
    QString m_filePath;
    Validator m_validator;
};

} // namespace netvirt::designer
