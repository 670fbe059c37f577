// DiagramScene: the relationship diagram of the open design. Builds one NodeItem per
// top-level entity (children as rows), one EdgeItem per relationship, lays them out in lanes
// (LayoutEngine, overridden by the design's stored positions) and keeps them in step with
// the document incrementally: only the nodes and edges an edit touched are rebuilt. Colours
// edges green/red/grey from the rule engine's violations and the green-arrow walk, badges
// blamed entities, and dims everything off the selected VM's or vNIC's chain.
// Thread-safety: GUI thread only.
#pragma once

#include <netvirt/designer/design_graph.h>
#include <netvirt/designer/node_item.h>

#include <netvirt/core/model/edit.h>

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <QSet>

namespace netvirt::designer {

class DesignDocument;
class DesignSelection;
class EdgeItem;
struct LayoutResult;

class DiagramScene final : public QGraphicsScene
{
    Q_OBJECT

public:
    DiagramScene(DesignDocument *document, DesignSelection *selection, QObject *parent = nullptr);
    ~DiagramScene() override;

    DesignDocument *document() const { return m_doc; }
    DesignSelection *designSelection() const { return m_selection; }

    // The item drawing an id (node, row or virtual port), or nullptr.
    EntityItem *itemFor(const QString &id) const { return m_anchors.value(id); }
    NodeItem *nodeFor(const QString &id) const { return m_nodes.value(id); }
    EdgeItem *edgeBetween(const QString &from, const QString &to) const;
    const QHash<QString, EdgeItem *> &edges() const { return m_edges; }
    const QHash<QString, NodeItem *> &nodes() const { return m_nodes; }
    // Entity id at a scene position (the row under it, else the node), or empty.
    QString entityAt(const QPointF &scenePos) const;
    // The bounding rectangle of the items of some ids (for "centre on").
    QRectF boundsOf(const QStringList &ids) const;
    QRectF contentsRect() const;

    // Far out (overview), rows and all but broken edges are hidden: 10,000 entities then
    // paint as coloured blocks at interactive speed.
    void setOverview(bool on);
    bool isOverview() const { return m_overview; }

    // Collapse: a node's child rows hidden, their edges rerouted to the node. View state,
    // not an edit (no undo step); a design's layout.collapsed opens collapsed.
    void setCollapsed(const QString &id, bool on);
    bool isCollapsed(const QString &id) const;
    // The node whose +/- marker is at a scene position, or empty.
    QString collapseMarkerAt(const QPointF &scenePos) const;

    // Re-runs the default layout, dropping stored positions (one undo step).
    void autoLayoutAll();

    // The host a dragged VM is over, and whether the move would keep it connected (NV400);
    // empty when no VM is dragged over another host.
    QString dropTargetHost() const { return m_dropHost; }

signals:
    void contentChanged();   // for the minimap
    void statusMessage(const QString &text);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    void rebuild();
    void onChanged(const core::ChangeSet &changes);
    void onPositionsChanged(const QStringList &ids);
    void recolour();
    void applyHighlight();
    void onSceneSelectionChanged();
    void onDesignSelectionChanged(const QStringList &ids, QObject *source);

    NodeItem *createNode(const QString &id, core::EntityKind kind);
    void fillNode(NodeItem *node);
    void removeNode(const QString &id, QSet<QString> &dirtyOwners);
    void detachEdgesOf(NodeItem *node, QSet<QString> &dirtyOwners);
    void syncEdges(const QString &owner);
    void removeEdge(EdgeItem *edge);
    void computeTenantColours();
    QPointF autoPositionFor(NodeItem *node);
    bool isDrawnAsNode(const QString &id, core::EntityKind kind) const;
    void setLanes(const LayoutResult &layout);
    void updateLaneVisibility();

    DesignDocument *m_doc;
    DesignSelection *m_selection;
    QHash<QString, NodeItem *> m_nodes;          // top-level id → node
    QHash<QString, EntityItem *> m_anchors;      // any drawn id → item
    QHash<QString, QString> m_containerOf;       // drawn id → node id
    QHash<QString, EdgeItem *> m_edges;          // edge key → edge
    QHash<QString, QSet<QString>> m_ownedEdges;  // owner id → edge keys
    QHash<QString, QPointF> m_autoPositions;
    QHash<QString, QColor> m_tenantColours;      // isolated VM network id → colour
    QSet<EntityItem *> m_badged;
    QSet<QString> m_collapsed;
    QSet<EdgeItem *> m_highlighted;
    bool m_dimmed = false;
    bool m_showLanes = true;
    bool m_overview = false;
    void applyEdgeVisibility(EdgeItem *e) const;
    bool m_syncingSelection = false;
    QHash<NodeItem *, QPointF> m_pressPositions;
    // VM dragged onto a host: the what-if check while over it, the binding on the drop.
    void setDropTarget(const QString &vm, const QString &host);
    QString m_dragVm;
    QString m_dropHost;
    bool m_dropAccepted = false;
    struct Band {
        QRectF rect;
        QString title;
        QColor color;
    };
    QVector<Band> m_bands;
    QVector<QPair<QString, QPointF>> m_laneLabels;
};

} // namespace netvirt::designer
