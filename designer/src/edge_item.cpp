// EdgeItem: curved relationship edges with green-arrow colouring.
#include <netvirt/designer/edge_item.h>

#include <netvirt/designer/entity_style.h>

#include <QPainter>
#include <QVarLengthArray>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace netvirt::designer {

EdgeItem::EdgeItem(const GraphEdge &edge, const QString &owner, EntityItem *from, EntityItem *to)
    : m_edge(edge), m_owner(owner), m_from(from), m_to(to)
{
    setZValue(0.5);
    setAcceptedMouseButtons(Qt::NoButton);
    // The exposed rectangle lets a long edge stroke only what is on screen (see paint()).
    setFlag(ItemUsesExtendedStyleOption, true);
    if (m_from)
        m_from->edges().insert(this);
    if (m_to)
        m_to->edges().insert(this);
    if (m_edge.kind == EdgeKind::Supporting)
        setVisible(false);
    updatePath();
}

EdgeItem::~EdgeItem()
{
    detach();
}

void EdgeItem::detach()
{
    if (m_from)
        m_from->edges().remove(this);
    if (m_to)
        m_to->edges().remove(this);
    m_from = nullptr;
    m_to = nullptr;
}

QRectF EdgeItem::boundingRect() const { return m_bounds; }

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker s;
    s.setWidth(6);
    return s.createStroke(m_path);
}

void EdgeItem::setState(State state, const QString &toolTip)
{
    if (state == m_state && toolTip == this->toolTip())
        return;
    m_state = state;
    setToolTip(toolTip);
    setZValue(state == State::Broken ? 0.8 : state == State::Ok ? 0.7 : 0.5);
    update();
}

void EdgeItem::setHighlighted(bool on)
{
    if (m_highlighted == on)
        return;
    m_highlighted = on;
    if (m_edge.kind == EdgeKind::Supporting)
        setVisible(on);
    update();
}

void EdgeItem::updatePath()
{
    if (!m_from || !m_to)
        return;
    // A row of a collapsed node hands its edges to the node.
    const QRectF a = NodeItem::anchorRect(m_from);
    const QRectF b = NodeItem::anchorRect(m_to);
    QPointF p1, p2, c1, c2;
    const bool vertical = m_edge.kind == EdgeKind::RunsOn || m_edge.kind == EdgeKind::MemberOf
                          || (a.right() > b.left() - 20 && b.right() > a.left() - 20);
    if (vertical) {
        const bool down = b.center().y() > a.center().y();
        p1 = QPointF(a.center().x(), down ? a.bottom() : a.top());
        p2 = QPointF(b.center().x(), down ? b.top() : b.bottom());
        const qreal dy = std::max<qreal>(30, std::abs(p2.y() - p1.y()) / 2) * (down ? 1 : -1);
        c1 = p1 + QPointF(0, dy);
        c2 = p2 - QPointF(0, dy);
    } else {
        const bool right = b.center().x() > a.center().x();
        p1 = QPointF(right ? a.right() : a.left(), a.center().y());
        p2 = QPointF(right ? b.left() : b.right(), b.center().y());
        const qreal dx = std::max<qreal>(30, std::abs(p2.x() - p1.x()) / 2) * (right ? 1 : -1);
        c1 = p1 + QPointF(dx, 0);
        c2 = p2 - QPointF(dx, 0);
    }
    prepareGeometryChange();
    m_path = QPainterPath(p1);
    m_path.cubicTo(c1, c2, p2);
    // Flattened at about one point per 24 scene units: smooth at any zoom we allow up close.
    const qreal chord = std::hypot(p2.x() - p1.x(), p2.y() - p1.y());
    const int segments = std::clamp(int(chord / 24), 8, 160);
    m_polyline.resize(segments + 1);
    m_lengthAt.resize(segments + 1);
    qreal along = 0;
    for (int i = 0; i <= segments; ++i) {
        const qreal t = qreal(i) / segments, s = 1 - t;
        const QPointF p = s * s * s * p1 + 3 * s * s * t * c1 + 3 * s * t * t * c2 + t * t * t * p2;
        if (i > 0)
            along += QLineF(m_polyline[i - 1], p).length();
        m_polyline[i] = p;
        m_lengthAt[i] = along;
    }
    // arrow head at the target, along the curve's last tangent
    const QPointF dir = p2 - c2;
    const qreal len = std::hypot(dir.x(), dir.y());
    const QPointF u = len > 0 ? dir / len : QPointF(1, 0);
    const QPointF n(-u.y(), u.x());
    m_arrow = QPolygonF{p2, p2 - u * 9 + n * 4, p2 - u * 9 - n * 4};
    m_bounds = m_path.boundingRect().united(m_arrow.boundingRect()).adjusted(-4, -4, 4, 4);
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    if (!m_from || !m_to)
        return;
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    QColor c;
    qreal w = 1.3;
    switch (m_state) {
    case State::Ok: c = EntityStyle::okColor(); w = 2.0; break;
    case State::Broken: c = EntityStyle::brokenColor(); w = 2.4; break;
    case State::Neutral: c = EntityStyle::neutralColor(); break;
    }
    if (m_highlighted)
        w += 1.0;
    if (lod < 0.2) {
        // Far out: straight hairlines, no arrows; neutral edges fade into the background.
        if (m_state == State::Neutral && !m_highlighted)
            c.setAlpha(90);
        painter->setPen(QPen(c, 0));
        painter->drawLine(m_polyline.constFirst(), m_polyline.constLast());
        return;
    }
    QPen pen(c, w);
    if (m_edge.kind == EdgeKind::RunsOn || m_edge.kind == EdgeKind::MemberOf)
        pen.setStyle(Qt::DashLine);
    else if (m_edge.kind == EdgeKind::Supporting)
        pen.setStyle(Qt::DotLine);
    painter->setBrush(Qt::NoBrush);
    // Stroked as independent line segments: the raster engine rasterises each one directly
    // (dashes carried across them), where a polyline or curve becomes a filled outline whose
    // cost grows with its width across the screen. Only the runs of segments inside the
    // exposed rectangle are drawn, with the dash phase they have there, so an edge crossing
    // the whole design costs what is on screen, not its length.
    const QRectF clip = option->exposedRect.adjusted(-w, -w, w, w);
    const bool whole = clip.contains(m_bounds);
    if (!whole && widget && !m_highlighted && m_state != State::Broken) {
        // Passing through: neither end is in the view. Thousands of long edges would cross a
        // close-up view of a big design as a wall of colour that says nothing and costs most
        // of the frame; such an edge shows where one of its ends is (DiagramView repaints the
        // whole viewport when it scrolls, so the rule holds for every exposed strip).
        const QRectF view = painter->worldTransform().inverted().mapRect(QRectF(widget->rect()));
        if (!view.contains(m_polyline.constFirst()) && !view.contains(m_polyline.constLast()))
            return;
    }
    const qsizetype n = m_polyline.size();
    QVarLengthArray<QLineF, 64> lines;
    auto flush = [&](qsizetype first) {
        if (lines.isEmpty())
            return;
        if (pen.style() != Qt::SolidLine)
            pen.setDashOffset(m_lengthAt[first] / w); // the pattern is in pen widths
        painter->setPen(pen);
        painter->drawLines(lines.constData(), int(lines.size()));
        lines.clear();
    };
    qsizetype runStart = 0;
    for (qsizetype i = 0; i + 1 < n; ++i) {
        const QPointF &a = m_polyline[i];
        const QPointF &b = m_polyline[i + 1];
        if (whole || clip.intersects(QRectF(a, b).normalized().adjusted(-0.5, -0.5, 0.5, 0.5))) {
            if (lines.isEmpty())
                runStart = i;
            lines.append(QLineF(a, b));
        } else {
            flush(runStart);
        }
    }
    flush(runStart);
    if (lod >= 0.4 && clip.intersects(m_arrow.boundingRect())) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawPolygon(m_arrow);
    }
}

} // namespace netvirt::designer
