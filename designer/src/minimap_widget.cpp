// MinimapWidget: cached overview with the viewport outlined.
#include <netvirt/designer/minimap_widget.h>

#include <netvirt/designer/diagram_scene.h>

#include <QGraphicsView>
#include <QMouseEvent>
#include <QPainter>

namespace netvirt::designer {

MinimapWidget::MinimapWidget(DiagramScene *scene, QGraphicsView *view, QWidget *parent)
    : QWidget(parent), m_scene(scene), m_view(view)
{
    setFixedSize(220, 150);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
    m_timer.setSingleShot(true);
    m_timer.setInterval(300);
    connect(&m_timer, &QTimer::timeout, this, &MinimapWidget::render);
    connect(scene, &DiagramScene::contentChanged, this, &MinimapWidget::scheduleRender);
    scheduleRender();
}

void MinimapWidget::scheduleRender()
{
    if (isVisible())
        m_timer.start();
}

void MinimapWidget::render()
{
    m_source = m_scene->contentsRect();
    if (m_source.isEmpty()) {
        m_pixmap = QPixmap();
        update();
        return;
    }
    const QSizeF avail = size() - QSizeF(8, 8);
    QSizeF s = m_source.size().scaled(avail, Qt::KeepAspectRatio);
    m_target = QRectF(QPointF((width() - s.width()) / 2, (height() - s.height()) / 2), s);
    m_pixmap = QPixmap(size() * devicePixelRatioF());
    m_pixmap.setDevicePixelRatio(devicePixelRatioF());
    m_pixmap.fill(Qt::transparent);
    QPainter p(&m_pixmap);
    p.setRenderHint(QPainter::Antialiasing, false);
    m_scene->render(&p, m_target, m_source, Qt::KeepAspectRatio);
    update();
}

QRectF MinimapWidget::mapToMap(const QRectF &r) const
{
    if (m_source.isEmpty())
        return {};
    const qreal sx = m_target.width() / m_source.width();
    const qreal sy = m_target.height() / m_source.height();
    return QRectF(m_target.left() + (r.left() - m_source.left()) * sx, m_target.top() + (r.top() - m_source.top()) * sy,
                  r.width() * sx, r.height() * sy);
}

QPointF MinimapWidget::mapToScene(const QPointF &p) const
{
    if (m_target.isEmpty())
        return {};
    return QPointF(m_source.left() + (p.x() - m_target.left()) * m_source.width() / m_target.width(),
                   m_source.top() + (p.y() - m_target.top()) * m_source.height() / m_target.height());
}

void MinimapWidget::paintEvent(QPaintEvent *)
{
    if (m_pixmap.isNull() && m_timer.isActive() == false && !m_scene->nodes().isEmpty())
        const_cast<MinimapWidget *>(this)->m_timer.start();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QColor(0xb8, 0xbf, 0xc7));
    p.setBrush(QColor(255, 255, 255, 235));
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    p.drawPixmap(0, 0, m_pixmap);
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QRectF v = mapToMap(visible).intersected(QRectF(rect()).adjusted(1, 1, -1, -1));
    p.setPen(QPen(QColor(0x2a, 0x7f, 0xd4), 1.5));
    p.setBrush(QColor(0x2a, 0x7f, 0xd4, 30));
    p.drawRect(v);
}

void MinimapWidget::mousePressEvent(QMouseEvent *event)
{
    m_view->centerOn(mapToScene(event->position()));
    update();
}

void MinimapWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        m_view->centerOn(mapToScene(event->position()));
        update();
    }
}

} // namespace netvirt::designer
