// NodeItem and RowItem: the diagram's views of entities. A NodeItem draws one top-level
// entity (its type() names the family); its children (vNICs, NICs, VM subnets, pools,
// virtual ports, site subnets) are compact RowItems inside it. Items hold only the id and
// what they paint; the core Design stays the truth. Level-of-detail painting: blocks when
// zoomed far out, names at mid zoom, full rows and addresses up close.
// Thread-safety: GUI thread only.
#pragma once

#include <netvirt/core/model/design.h>

#include <QGraphicsItem>
#include <QSet>
#include <QString>

namespace netvirt::designer {

class EdgeItem;

enum ItemType {
    kNodeItemTypeBase = QGraphicsItem::UserType + 100, // + int(EntityKind): one per family
    kRowItemType = QGraphicsItem::UserType + 200,
    kEdgeItemType = QGraphicsItem::UserType + 201,
    kLaneItemType = QGraphicsItem::UserType + 202,
};

struct Badge {
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    QString toolTip;
    bool isEmpty() const { return errors + warnings + infos == 0; }
};

// Common base of nodes and rows: what an edge can attach to and a drag can bind.
class EntityItem : public QGraphicsItem
{
public:
    EntityItem(const QString &id, core::EntityKind kind, QGraphicsItem *parent = nullptr);

    const QString &entityId() const { return m_id; }
    core::EntityKind kind() const { return m_kind; }
    // An item that stands for an entity (rows of site subnets and virtual ports do not).
    bool isEntity() const { return m_isEntity; }
    void setIsEntity(bool on) { m_isEntity = on; }
    void setBadge(const Badge &badge);
    const Badge &badge() const { return m_badge; }
    // Where a drag-to-bind starts: the connector at the right edge (item coordinates).
    virtual bool isInConnector(const QPointF &itemPos) const;
    QSet<EdgeItem *> &edges() { return m_edges; }

protected:
    void paintBadge(QPainter *painter, const QRectF &rect, qreal lod) const;
    void paintConnector(QPainter *painter, const QRectF &rect) const;

    QString m_id;
    core::EntityKind m_kind;
    bool m_isEntity = true;
    Badge m_badge;
    QSet<EdgeItem *> m_edges;
};

class RowItem final : public EntityItem
{
public:
    RowItem(const QString &id, core::EntityKind kind, QGraphicsItem *parent);

    enum { Type = kRowItemType };
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    void setContent(const QString &text, const QString &detail, const QColor &accent, int indent = 0);
    const QString &text() const { return m_text; }
    void setWidth(qreal w) { prepareGeometryChange(); m_width = w; }

    static constexpr qreal kHeight = 19;

private:
    QString m_text;
    QString m_detail;
    QColor m_accent;
    int m_indent = 0;
    qreal m_width = 188;
};

class NodeItem final : public EntityItem
{
public:
    NodeItem(const QString &id, core::EntityKind kind);

    int type() const override { return kNodeItemTypeBase + int(m_kind); }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    void setContent(const QString &title, const QString &subtitle, const QColor &accent);
    const QString &title() const { return m_title; }
    // Lays out the child rows below the header and resizes the node.
    void layoutRows();
    QList<RowItem *> rows() const;
    void clearRows();
    QRectF titleRect() const;

    // Collapsed: the child rows are hidden and their edges end on the node (view state).
    void setCollapsed(bool on);
    bool isCollapsed() const { return m_collapsed; }
    bool hasRows() const;
    // The +/- marker in the header that toggles it (item coordinates); empty without rows.
    QRectF collapseMarkerRect() const;
    // Where an edge of `item` (this node, or one of its rows) attaches, in scene coordinates.
    static QRectF anchorRect(const QGraphicsItem *item);

    // While a VM is dragged over this host: would the move keep the VM connected (NV400)?
    enum class DropHint { None = 1, Accept, Refuse };
    void setDropHint(DropHint hint);
    DropHint dropHint() const { return m_dropHint; }

    static constexpr qreal kWidth = 210;
    static constexpr qreal kHeaderHeight = 40;
    static bool isNodeType(int type) { return type > kNodeItemTypeBase && type < kNodeItemTypeBase + 64; }

    // Snap to a grid when the user moves nodes.
    static void setSnapToGrid(bool on);
    static bool snapToGrid();
    static constexpr qreal kGrid = 10;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    void paintDropHint(QPainter *painter, const QRectF &r) const;

    QString m_title;
    QString m_subtitle;
    QColor m_accent;
    qreal m_height = kHeaderHeight;
    DropHint m_dropHint = DropHint::None;
    bool m_collapsed = false;
    int m_rowCount = 0;
};

} // namespace netvirt::designer
