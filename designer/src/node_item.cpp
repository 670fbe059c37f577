// NodeItem, RowItem: level-of-detail painting of entities.
#include <netvirt/designer/node_item.h>

#include <netvirt/designer/edge_item.h>
#include <netvirt/designer/entity_style.h>

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace netvirt::designer {

namespace {

bool g_snapToGrid = true;

const QFont &titleFont()
{
    static QFont f = [] {
        QFont font;
        font.setPointSizeF(9.5);
        font.setBold(true);
        return font;
    }();
    return f;
}

const QFont &smallFont()
{
    static QFont f = [] {
        QFont font;
        font.setPointSizeF(8);
        return font;
    }();
    return f;
}

const QFont &rowFont()
{
    static QFont f = [] {
        QFont font;
        font.setPointSizeF(8.5);
        return font;
    }();
    return f;
}

const QPixmap &iconPixmap(core::EntityKind kind)
{
    static QHash<int, QPixmap> cache;
    auto it = cache.find(int(kind));
    if (it == cache.end())
        it = cache.insert(int(kind), EntityStyle::kindIcon(kind).pixmap(QSize(40, 40)));
    return *it;
}

QColor selectionColor() { return QColor(0x2a, 0x7f, 0xd4); }

} // namespace

// --- EntityItem ----------------------------------------------------------------------------

EntityItem::EntityItem(const QString &id, core::EntityKind kind, QGraphicsItem *parent)
    : QGraphicsItem(parent), m_id(id), m_kind(kind)
{}

void EntityItem::setBadge(const Badge &badge)
{
    if (m_badge.errors == badge.errors && m_badge.warnings == badge.warnings && m_badge.infos == badge.infos
        && m_badge.toolTip == badge.toolTip)
        return;
    m_badge = badge;
    setToolTip(badge.toolTip);
    update();
}

bool EntityItem::isInConnector(const QPointF &itemPos) const
{
    if (!m_isEntity)
        return false;
    const QRectF r = boundingRect();
    return itemPos.x() >= r.right() - 14 && r.contains(itemPos);
}

void EntityItem::paintBadge(QPainter *painter, const QRectF &rect, qreal lod) const
{
    if (m_badge.isEmpty())
        return;
    const QColor c = m_badge.errors ? EntityStyle::errorColor()
                     : m_badge.warnings ? EntityStyle::warningColor() : EntityStyle::infoColor();
    const int n = m_badge.errors ? m_badge.errors : m_badge.warnings ? m_badge.warnings : m_badge.infos;
    const qreal d = lod < 0.5 ? 22 : 16;
    QRectF b(rect.right() - d - 2, rect.top() + (rect.height() - d) / 2, d, d);
    if (rect.height() > 30)
        b.moveTop(rect.top() - d / 3);
    painter->setPen(QPen(Qt::white, 1.5));
    painter->setBrush(c);
    painter->drawEllipse(b);
    if (lod >= 0.5) {
        painter->setPen(Qt::white);
        painter->setFont(smallFont());
        painter->drawText(b, Qt::AlignCenter, n > 99 ? QStringLiteral("99+") : QString::number(n));
    }
}

void EntityItem::paintConnector(QPainter *painter, const QRectF &rect) const
{
    const QPointF c(rect.right() - 6, rect.center().y());
    painter->setPen(QPen(QColor(0x8a, 0x93, 0x9e), 1));
    painter->setBrush(QColor(0xf4, 0xf6, 0xf8));
    painter->drawEllipse(c, 3.2, 3.2);
}

// --- RowItem -------------------------------------------------------------------------------

RowItem::RowItem(const QString &id, core::EntityKind kind, QGraphicsItem *parent)
    : EntityItem(id, kind, parent)
{
    setFlag(ItemIsSelectable, true);
    setAcceptHoverEvents(false);
}

QRectF RowItem::boundingRect() const
{
    return QRectF(0, 0, m_width, kHeight);
}

void RowItem::setContent(const QString &text, const QString &detail, const QColor &accent, int indent)
{
    m_text = text;
    m_detail = detail;
    m_accent = accent;
    m_indent = indent;
    update();
}

void RowItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod < 0.45)
        return; // the parent's block stands for its rows
    QRectF r = boundingRect();
    if (isSelected()) {
        painter->fillRect(r, selectionColor().lighter(170));
    }
    const qreal x0 = r.left() + 4 + m_indent * 10;
    if (m_accent.isValid())
        painter->fillRect(QRectF(x0, r.top() + 3, 3, r.height() - 6), m_accent);
    if (lod < 0.5) {
        painter->fillRect(QRectF(x0 + 8, r.top() + 7, std::min<qreal>(80, r.width() / 2), 5),
                          QColor(0xc5, 0xcb, 0xd2));
        paintBadge(painter, r, lod);
        return;
    }
    painter->setFont(rowFont());
    const QFontMetricsF fm(rowFont());
    const qreal textLeft = x0 + 8;
    const qreal right = r.right() - (m_isEntity ? 16 : 4) - (m_badge.isEmpty() ? 0 : 16);
    // The detail (addresses, VSIDs) gets what it needs up to 55 % of the row; the name the rest.
    const qreal avail = right - textLeft;
    const qreal detailWidth = m_detail.isEmpty() ? 0 : std::min(QFontMetricsF(smallFont()).horizontalAdvance(m_detail) + 6, avail * 0.55);
    const qreal textWidth = std::max<qreal>(20, std::min(fm.horizontalAdvance(m_text), avail - detailWidth));
    painter->setPen(m_isEntity ? QColor(0x26, 0x2c, 0x33) : QColor(0x55, 0x5d, 0x66));
    painter->drawText(QRectF(textLeft, r.top(), textWidth, r.height()), Qt::AlignVCenter | Qt::AlignLeft,
                      fm.elidedText(m_text, Qt::ElideRight, textWidth));
    if (!m_detail.isEmpty()) {
        painter->setPen(QColor(0x6b, 0x74, 0x7e));
        painter->setFont(smallFont());
        const QFontMetricsF sm(smallFont());
        const QRectF dr(textLeft + textWidth + 6, r.top(), right - textLeft - textWidth - 6, r.height());
        painter->drawText(dr, Qt::AlignVCenter | Qt::AlignRight, sm.elidedText(m_detail, Qt::ElideLeft, dr.width()));
    }
    if (m_isEntity)
        paintConnector(painter, r);
    paintBadge(painter, r.adjusted(0, 0, m_isEntity ? -12 : 0, 0), lod);
}

// --- NodeItem ------------------------------------------------------------------------------

NodeItem::NodeItem(const QString &id, core::EntityKind kind)
    : EntityItem(id, kind)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setZValue(1);
}

void NodeItem::setSnapToGrid(bool on) { g_snapToGrid = on; }
bool NodeItem::snapToGrid() { return g_snapToGrid; }

QRectF NodeItem::boundingRect() const
{
    return QRectF(0, 0, kWidth, m_height);
}

QRectF NodeItem::titleRect() const
{
    return QRectF(34, 4, kWidth - 34 - 22 - (m_rowCount ? 18 : 0), 18);
}

bool NodeItem::hasRows() const { return m_rowCount > 0; }

QRectF NodeItem::collapseMarkerRect() const
{
    return m_rowCount ? QRectF(kWidth - 36, 13, 14, 14) : QRectF();
}

void NodeItem::setCollapsed(bool on)
{
    if (on == m_collapsed)
        return;
    m_collapsed = on;
    layoutRows();
    for (EdgeItem *e : std::as_const(m_edges))
        e->updatePath();
    for (RowItem *r : rows())
        for (EdgeItem *e : std::as_const(r->edges()))
            e->updatePath();
    update();
}

QRectF NodeItem::anchorRect(const QGraphicsItem *item)
{
    const QGraphicsItem *parent = item->parentItem();
    if (parent && isNodeType(parent->type()) && static_cast<const NodeItem *>(parent)->isCollapsed())
        return parent->sceneBoundingRect();
    return item->sceneBoundingRect();
}

void NodeItem::setContent(const QString &title, const QString &subtitle, const QColor &accent)
{
    m_title = title;
    m_subtitle = subtitle;
    m_accent = accent;
    update();
}

void NodeItem::setDropHint(DropHint hint)
{
    if (hint == m_dropHint)
        return;
    m_dropHint = hint;
    update();
}

QList<RowItem *> NodeItem::rows() const
{
    QList<RowItem *> out;
    for (QGraphicsItem *c : childItems())
        if (c->type() == kRowItemType)
            out << static_cast<RowItem *>(c);
    return out;
}

void NodeItem::clearRows()
{
    for (RowItem *r : rows()) {
        for (EdgeItem *e : std::as_const(r->edges()))
            e->detach();
        r->edges().clear();
        delete r;
    }
}

void NodeItem::layoutRows()
{
    qreal y = kHeaderHeight + 2;
    const QList<RowItem *> list = rows();
    m_rowCount = int(list.size());
    for (RowItem *r : list) {
        r->setPos(6, y);
        r->setWidth(kWidth - 12);
        if (!m_collapsed)
            y += RowItem::kHeight;
    }
    prepareGeometryChange();
    m_height = y + (y > kHeaderHeight + 2 ? 6 : 0);
    if (m_height < kHeaderHeight || m_collapsed)
        m_height = kHeaderHeight;
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionChange && g_snapToGrid && scene() && scene()->mouseGrabberItem()) {
        QPointF p = value.toPointF();
        p.setX(std::round(p.x() / kGrid) * kGrid);
        p.setY(std::round(p.y() / kGrid) * kGrid);
        return p;
    }
    if (change == ItemPositionHasChanged) {
        for (EdgeItem *e : std::as_const(m_edges))
            e->updatePath();
        for (RowItem *r : rows())
            for (EdgeItem *e : std::as_const(r->edges()))
                e->updatePath();
    }
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QRectF r = boundingRect();
    const QColor family = EntityStyle::kindColor(m_kind);
    const QColor head = m_accent.isValid() ? m_accent : family;

    if (lod < 0.2) {
        // Far out: a coloured block per entity, the selection outlined, errors as a red corner.
        painter->fillRect(r, head.lighter(125));
        if (!m_badge.isEmpty()) {
            const QColor c = m_badge.errors ? EntityStyle::errorColor()
                             : m_badge.warnings ? EntityStyle::warningColor() : EntityStyle::infoColor();
            painter->fillRect(QRectF(r.right() - 50, r.top(), 50, 40), c);
        }
        if (isSelected()) {
            painter->setPen(QPen(selectionColor(), 0));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(r);
        }
        paintDropHint(painter, r);
        return;
    }

    QPainterPath body;
    body.addRoundedRect(r, 5, 5);
    painter->setPen(isSelected() ? QPen(selectionColor(), 2.2) : QPen(family.darker(115), 1));
    painter->setBrush(QColor(0xfb, 0xfc, 0xfd));
    painter->drawPath(body);

    QPainterPath header;
    header.addRoundedRect(QRectF(r.left(), r.top(), r.width(), kHeaderHeight), 5, 5);
    if (m_height > kHeaderHeight + 1)
        header.addRect(QRectF(r.left(), r.top() + kHeaderHeight - 6, r.width(), 6));
    painter->setPen(Qt::NoPen);
    painter->setBrush(head);
    painter->drawPath(header.simplified());

    if (lod >= 0.45) {
        painter->drawPixmap(QRectF(8, 10, 20, 20), iconPixmap(m_kind), QRectF(0, 0, 40, 40));
        painter->setPen(Qt::white);
        painter->setFont(titleFont());
        const QRectF tr = titleRect();
        const QFontMetricsF fm(titleFont());
        painter->drawText(tr, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(m_title, Qt::ElideRight, tr.width()));
        painter->setFont(smallFont());
        painter->setPen(QColor(255, 255, 255, 215));
        const QFontMetricsF sm(smallFont());
        const QRectF sr(34, 21, titleRect().width(), 15);
        painter->drawText(sr, Qt::AlignLeft | Qt::AlignVCenter, sm.elidedText(m_subtitle, Qt::ElideRight, sr.width()));
        // connector: drag from here to bind
        const QPointF c(r.right() - 8, kHeaderHeight / 2);
        painter->setPen(QPen(QColor(255, 255, 255, 200), 1.2));
        painter->setBrush(head.darker(120));
        painter->drawEllipse(c, 3.5, 3.5);
        if (m_rowCount) {
            // +/- : double-click to collapse the rows into the node, or expand them
            const QRectF m = collapseMarkerRect();
            painter->setPen(QPen(QColor(255, 255, 255, 220), 1));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(m.adjusted(0.5, 0.5, -0.5, -0.5));
            painter->drawLine(QPointF(m.left() + 3.5, m.center().y()), QPointF(m.right() - 3.5, m.center().y()));
            if (m_collapsed)
                painter->drawLine(QPointF(m.center().x(), m.top() + 3.5), QPointF(m.center().x(), m.bottom() - 3.5));
        }
    } else {
        painter->setPen(Qt::white);
        QFont big = titleFont();
        big.setPointSizeF(16);
        painter->setFont(big);
        painter->drawText(r.adjusted(8, 0, -8, 0).intersected(QRectF(0, 0, kWidth, kHeaderHeight)),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(big).elidedText(m_title, Qt::ElideRight, kWidth - 16));
        if (m_height > kHeaderHeight + 4) {
            // rows collapse to a count bar
            painter->fillRect(QRectF(8, kHeaderHeight + 6, kWidth - 16, m_height - kHeaderHeight - 12),
                              QColor(0xe3, 0xe7, 0xeb));
        }
    }
    paintBadge(painter, r, lod);
    paintDropHint(painter, r);
}

void NodeItem::paintDropHint(QPainter *painter, const QRectF &r) const
{
    if (m_dropHint == DropHint::None)
        return;
    // Inside the bounding rectangle: edges anchor on it, so it must not grow.
    const QColor c = m_dropHint == DropHint::Accept ? EntityStyle::okColor() : EntityStyle::errorColor();
    painter->setPen(QPen(c, 4));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(r.adjusted(2, 2, -2, -2), 5, 5);
}

} // namespace netvirt::designer
