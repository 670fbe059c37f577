// Design → Compare With…: the `netvirt diff` (core::diffDesigns) of a baseline design file
// against the open design, shown in the designer. Added and changed entities carry a marker
// on the diagram (an outline and a badge, one colour each); removed ones, which the diagram
// cannot show, are listed with the changes, NV157 and the new and resolved problems in a
// dock. Clicking an entry selects and centres its entity. The diff follows every edit
// (deferred and batched) until the comparison is cleared.
// Thread-safety: GUI thread only.
#pragma once

#include <netvirt/core/model/diff.h>

#include <QGraphicsObject>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace netvirt::designer {

class DesignDocument;
class DesignSelection;
class DiagramScene;
class DiagramView;
class Validator;

namespace review {

enum class ChangeType { Added = 1, Changed };

// The mark of an added or changed entity: a child of the entity's node or row, so it moves
// with it; never takes mouse events, so the diagram behaves as without it.
class ChangeMarker final : public QGraphicsObject
{
    Q_OBJECT

public:
    ChangeMarker(ChangeType type, const QString &summary, QGraphicsItem *parent);

    enum { Type = QGraphicsItem::UserType + 210 };
    int type() const override { return Type; }
    ChangeType changeType() const { return m_type; }
    QString summary() const { return m_summary; }
    void refreshGeometry();

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static QColor colorOf(ChangeType type);

private:
    QRectF outline() const;

    ChangeType m_type;
    QString m_summary;
    QRectF m_outline;
};

class ComparisonPanel final : public QWidget
{
    Q_OBJECT

public:
    ComparisonPanel(DesignDocument *doc, DiagramScene *scene, DiagramView *view, DesignSelection *selection,
                    QWidget *parent = nullptr);
    ~ComparisonPanel() override;

    // Loads the baseline (the older design) and compares; on failure the comparison is
    // unchanged and `error` says why.
    bool compareWith(const QString &path, QString *error = nullptr);
    void setBaseline(core::Design baseline, const QString &name);
    void clear();
    bool isActive() const { return m_baseline != nullptr; }
    QString baselineName() const { return m_baselineName; }

    // Recomputes now (otherwise done after edits, batched).
    void recompute();
    const core::DesignDiff &diff() const { return m_diff; }
    QTreeWidget *tree() const { return m_tree; }
    // The marker drawn for an id, or nullptr.
    ChangeMarker *markerFor(const QString &id) const;
    int markerCount() const;
    // Activates the list entry of an id (as a click does); false when it is not listed.
    bool activateEntry(const QString &id);

signals:
    void statusMessage(const QString &text);
    void activeChanged(bool active);

private:
    void scheduleRecompute();
    void rebuildList();
    void syncMarkers();
    void removeMarkers();
    void onItemActivated(QTreeWidgetItem *item);
    QString kindText(core::EntityKind kind) const;

    DesignDocument *m_doc;
    DiagramScene *m_scene;
    DiagramView *m_view;
    DesignSelection *m_selection;
    std::unique_ptr<core::Design> m_baseline;
    std::unique_ptr<Validator> m_baselineProblems; // translated texts of resolved problems
    QString m_baselineName;
    core::DesignDiff m_diff;
    QHash<QString, QPointer<ChangeMarker>> m_markers;
    QLabel *m_header;
    QPushButton *m_clear;
    QTreeWidget *m_tree;
    QTimer m_recomputeTimer;
};

} // namespace review
} // namespace netvirt::designer
