// MinimapWidget: an overview of the whole diagram in the view's corner with the visible
// area outlined; click or drag to move there. The overview is rendered into a pixmap only
// when the diagram changes (throttled), so 10,000 entities cost nothing per frame.
// Thread-safety: GUI thread only.
#pragma once

#include <QPixmap>
#include <QTimer>
#include <QWidget>

class QGraphicsView;

namespace netvirt::designer {

class DiagramScene;

class MinimapWidget final : public QWidget
{
    Q_OBJECT

public:
    MinimapWidget(DiagramScene *scene, QGraphicsView *view, QWidget *parent);

    void scheduleRender();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    void render();
    QRectF mapToMap(const QRectF &sceneRect) const;
    QPointF mapToScene(const QPointF &widgetPos) const;

    DiagramScene *m_scene;
    QGraphicsView *m_view;
    QPixmap m_pixmap;
    QRectF m_source;
    QRectF m_target;
    QTimer m_timer;
};

} // namespace netvirt::designer
