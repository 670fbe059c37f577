// EdgeItem: one relationship drawn between two entity items (nodes or rows). Green on a
// valid VM-to-host chain, red where a chain breaks, grey otherwise; dashed for "runs on" and
// "member of"; supporting edges (classifications, profiles, MAC pools) only for the
// selection. Holds pointers to the items it joins; the scene keeps them consistent.
// Thread-safety: GUI thread only.
#pragma once

#include <netvirt/designer/design_graph.h>
#include <netvirt/designer/node_item.h>

#include <QGraphicsItem>
#include <QPainterPath>
#include <QVector>

namespace netvirt::designer {

class EdgeItem final : public QGraphicsItem
{
public:
    enum class State { Neutral = 1, Ok, Broken };

    EdgeItem(const GraphEdge &edge, const QString &owner, EntityItem *from, EntityItem *to);
    ~EdgeItem() override;

    enum { Type = kEdgeItemType };
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const GraphEdge &edge() const { return m_edge; }
    QString key() const { return m_edge.key(); }
    const QString &owner() const { return m_owner; }   // top-level id whose field defines it
    EntityItem *fromItem() const { return m_from; }
    EntityItem *toItem() const { return m_to; }
    void detach();          // forget the endpoints (they are being deleted)

    void setState(State state, const QString &toolTip = {});
    State state() const { return m_state; }
    void setHighlighted(bool on);   // on a selected chain, or touching the selection
    void updatePath();
    // Where the edge starts and ends (scene coordinates).
    QLineF chord() const { return m_polyline.isEmpty() ? QLineF() : QLineF(m_polyline.constFirst(), m_polyline.constLast()); }

private:
    GraphEdge m_edge;
    QString m_owner;
    EntityItem *m_from;
    EntityItem *m_to;
    State m_state = State::Neutral;
    bool m_highlighted = false;
    QPainterPath m_path;
    // The curve flattened once per move, with the length along it at each point: a paint
    // draws only the stretch inside the exposed rectangle, with the dash phase it has there.
    QPolygonF m_polyline;
    QVector<qreal> m_lengthAt;
    QPolygonF m_arrow;
    QRectF m_bounds;
};

} // namespace netvirt::designer
