// DiagramView: zoom, pan, drag-to-bind, palette drops, rename in place.
#include <netvirt/designer/diagram_view.h>

#include <netvirt/designer/design_document.h>
#include <netvirt/designer/diagram_scene.h>
#include <netvirt/designer/minimap_widget.h>
#include <netvirt/designer/node_item.h>
#include <netvirt/designer/relationship_proposer.h>

#include <QGraphicsLineItem>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QLineEdit>
#include <QMimeData>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace netvirt::designer {

using namespace netvirt::core;

DiagramView::DiagramView(DiagramScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent), m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    // Every item sets the pen, brush and font it paints with.
    setOptimizationFlags(QGraphicsView::DontAdjustForAntialiasing | QGraphicsView::DontSavePainterState);
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    connect(scene, &DiagramScene::statusMessage, this, &DiagramView::statusMessage);
    m_minimap = new MinimapWidget(scene, this, this);
    placeMinimap();
}

void DiagramView::setZoom(qreal factor)
{
    factor = std::clamp<qreal>(factor, 0.005, 4.0);
    QTransform t;
    t.scale(factor, factor);
    setTransform(t);
    m_scene->setOverview(zoom() < 0.25);
    emit zoomChanged(factor);
    m_minimap->update();
}

void DiagramView::zoomIn() { setZoom(zoom() * 1.25); }
void DiagramView::zoomOut() { setZoom(zoom() / 1.25); }
void DiagramView::zoomReset()
{
    const QPointF c = mapToScene(viewport()->rect().center());
    setZoom(1.0);
    centerOn(c);
}

void DiagramView::zoomToFit()
{
    const QRectF r = m_scene->contentsRect();
    if (r.isEmpty())
        return;
    fitInView(r.adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
    m_scene->setOverview(zoom() < 0.25);
    emit zoomChanged(zoom());
    m_minimap->update();
}

void DiagramView::centreOn(const QStringList &ids)
{
    const QRectF r = m_scene->boundsOf(ids);
    if (r.isEmpty())
        return;
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    if (r.width() > visible.width() || r.height() > visible.height() || zoom() < 0.45) {
        const qreal z = std::min({viewport()->width() / (r.width() + 200), viewport()->height() / (r.height() + 200), 1.0});
        setZoom(std::max(z, 0.45));
    }
    centerOn(r.center());
    m_minimap->update();
}

void DiagramView::setMinimapVisible(bool on)
{
    m_minimap->setVisible(on);
    if (on)
        m_minimap->scheduleRender();
}

bool DiagramView::isMinimapVisible() const { return m_minimap->isVisible(); }

void DiagramView::placeMinimap()
{
    const int sb = verticalScrollBar()->isVisible() ? verticalScrollBar()->width() : 0;
    const int hb = horizontalScrollBar()->isVisible() ? horizontalScrollBar()->height() : 0;
    m_minimap->move(width() - m_minimap->width() - 12 - sb, height() - m_minimap->height() - 12 - hb);
}

void DiagramView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeMinimap();
}

void DiagramView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    // Edges passing through are drawn only while one of their ends is in view (EdgeItem::
    // paint): a scrolled copy of the old pixels would keep stale or miss such edges.
    viewport()->update();
    if (m_minimap)
        m_minimap->update();
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0 || (event->modifiers() & Qt::ShiftModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const qreal factor = std::pow(1.0015, delta);
    const qreal target = std::clamp<qreal>(zoom() * factor, 0.005, 4.0);
    scale(target / zoom(), target / zoom());
    m_scene->setOverview(zoom() < 0.25);
    emit zoomChanged(zoom());
    m_minimap->update();
    event->accept();
}

void DiagramView::mousePressEvent(QMouseEvent *event)
{
    if (m_renameEditor)
        m_renameEditor->close();
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton) {
        const QPointF sp = mapToScene(event->position().toPoint());
        for (QGraphicsItem *item : items(event->position().toPoint())) {
            const int t = item->type();
            if (t != kRowItemType && !NodeItem::isNodeType(t))
                continue;
            auto *e = static_cast<EntityItem *>(item);
            if (e->isInConnector(e->mapFromScene(sp))) {
                m_bindFrom = e->entityId();
                m_bindLine = new QGraphicsLineItem(QLineF(sp, sp));
                QPen pen(QColor(0x2a, 0x7f, 0xd4), 2, Qt::DashLine);
                pen.setCosmetic(true);
                m_bindLine->setPen(pen);
                m_bindLine->setZValue(100);
                m_scene->addItem(m_bindLine);
                viewport()->setCursor(Qt::CrossCursor);
                event->accept();
                return;
            }
            break;
        }
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint p = event->position().toPoint();
        const QPoint d = p - m_panLast;
        m_panLast = p;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        event->accept();
        return;
    }
    if (m_bindLine) {
        const QPointF sp = mapToScene(event->position().toPoint());
        QLineF l = m_bindLine->line();
        l.setP2(sp);
        m_bindLine->setLine(l);
        const QString target = m_scene->entityAt(sp);
        if (!target.isEmpty() && target != m_bindFrom) {
            const Proposal p = RelationshipProposer::propose(m_scene->document()->design(), m_bindFrom.toStdString(),
                                                             target.toStdString());
            emit statusMessage(p.ok ? p.text : tr("Cannot bind: %1").arg(p.text));
        }
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    if (m_bindLine && event->button() == Qt::LeftButton) {
        finishBind(mapToScene(event->position().toPoint()));
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void DiagramView::cancelBind()
{
    delete m_bindLine;
    m_bindLine = nullptr;
    m_bindFrom.clear();
    viewport()->setCursor(Qt::ArrowCursor);
}

void DiagramView::finishBind(const QPointF &scenePos)
{
    const QString from = m_bindFrom;
    cancelBind();
    const QString to = m_scene->entityAt(scenePos);
    if (to.isEmpty()) {
        emit statusMessage(tr("Drop onto another entity to bind it."));
        return;
    }
    if (to == from)
        return;
    DesignDocument *doc = m_scene->document();
    const Proposal p = RelationshipProposer::propose(doc->design(), from.toStdString(), to.toStdString());
    if (!p.ok) {
        emit statusMessage(tr("Cannot bind: %1").arg(p.text));
        return;
    }
    QString error;
    if (doc->apply(p.text, p.ops, &error))
        emit statusMessage(p.text);
    else
        emit statusMessage(tr("Cannot bind: %1").arg(error));
}

void DiagramView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const QPointF scenePos = mapToScene(event->position().toPoint());
    if (event->button() == Qt::LeftButton) {
        const QString node = m_scene->collapseMarkerAt(scenePos);
        if (!node.isEmpty()) {
            m_scene->setCollapsed(node, !m_scene->isCollapsed(node));
            event->accept();
            return;
        }
    }
    const QString id = m_scene->entityAt(scenePos);
    if (!id.isEmpty() && event->button() == Qt::LeftButton) {
        startRename(id);
        event->accept();
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void DiagramView::startRename(const QString &id)
{
    EntityItem *item = m_scene->itemFor(id);
    DesignDocument *doc = m_scene->document();
    if (!item || !item->isEntity())
        return;
    const std::string sid = id.toStdString();
    auto current = getField(doc->design(), sid, "name");
    if (!current) {
        emit statusMessage(tr("This entity has no name to edit."));
        return;
    }
    QRectF r = item->sceneBoundingRect();
    if (NodeItem::isNodeType(item->type()))
        r = item->mapRectToScene(static_cast<NodeItem *>(item)->titleRect().adjusted(-4, -2, 4, 2));
    const QRect vr = mapFromScene(r).boundingRect();
    auto *editor = new QLineEdit(viewport());
    editor->setText(current->is_string() ? QString::fromStdString(current->get<std::string>()) : QString());
    editor->selectAll();
    editor->setGeometry(vr.x(), vr.y(), std::max(vr.width(), 160), std::max(vr.height(), editor->sizeHint().height()));
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->show();
    editor->setFocus();
    m_renameEditor = editor;
    connect(editor, &QLineEdit::editingFinished, this, [this, editor, sid] {
        if (!editor->isVisible())
            return;
        const QString text = editor->text().trimmed();
        editor->hide();
        editor->deleteLater();
        DesignDocument *d = m_scene->document();
        QString error;
        if (!text.isEmpty() && !d->setField(sid, "name", text.toStdString(), &error))
            emit statusMessage(tr("Cannot rename: %1").arg(error));
        setFocus();
    });
}

void DiagramView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && !m_renameEditor) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape && m_bindLine) {
        cancelBind();
        emit statusMessage(tr("Binding cancelled."));
        return;
    }
    if (event->key() == Qt::Key_F2) {
        const QStringList ids = m_scene->designSelection() ? QStringList() : QStringList();
        Q_UNUSED(ids);
        for (QGraphicsItem *item : m_scene->selectedItems()) {
            if (item->type() == kRowItemType || NodeItem::isNodeType(item->type())) {
                startRename(static_cast<EntityItem *>(item)->entityId());
                break;
            }
        }
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DiagramView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        m_panning = false;
        viewport()->setCursor(Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::contextMenuEvent(QContextMenuEvent *event)
{
    QString node;
    for (QGraphicsItem *item : items(event->pos())) {
        QGraphicsItem *top = item->topLevelItem();
        if (NodeItem::isNodeType(top->type())) {
            node = static_cast<NodeItem *>(top)->entityId();
            break;
        }
    }
    NodeItem *n = m_scene->nodeFor(node);
    QMenu menu(this);
    if (n && n->hasRows()) {
        const bool collapsed = n->isCollapsed();
        menu.addAction(collapsed ? tr("&Expand") : tr("&Collapse"), this,
                       [this, node, collapsed] { m_scene->setCollapsed(node, !collapsed); });
    }
    menu.addAction(tr("Collapse &All"), this, [this] {
        for (NodeItem *x : m_scene->nodes())
            m_scene->setCollapsed(x->entityId(), true);
    });
    menu.addAction(tr("E&xpand All"), this, [this] {
        for (NodeItem *x : m_scene->nodes())
            m_scene->setCollapsed(x->entityId(), false);
    });
    menu.exec(event->globalPos());
    event->accept();
}

void DiagramView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1String(kKindMime)))
        event->acceptProposedAction();
    else
        QGraphicsView::dragEnterEvent(event);
}

void DiagramView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1String(kKindMime)))
        event->acceptProposedAction();
    else
        QGraphicsView::dragMoveEvent(event);
}

void DiagramView::dropEvent(QDropEvent *event)
{
    if (!event->mimeData()->hasFormat(QLatin1String(kKindMime))) {
        QGraphicsView::dropEvent(event);
        return;
    }
    const QString name = QString::fromUtf8(event->mimeData()->data(QLatin1String(kKindMime)));
    const auto kind = kindFromName(name.toStdString());
    if (!kind)
        return;
    const QPointF sp = mapToScene(event->position().toPoint());
    emit addRequested(*kind, sp, m_scene->entityAt(sp));
    event->acceptProposedAction();
}

} // namespace netvirt::designer
