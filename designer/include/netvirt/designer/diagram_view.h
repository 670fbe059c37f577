// DiagramView: the canvas. Zoom (wheel, Ctrl+=/Ctrl+-, fit, 100%), pan (space-drag or the
// middle button), rubber-band selection, drag-to-bind from a node's connector onto another
// node (the RelationshipProposer decides; a refused drop changes nothing and says why),
// drops from the palette, in-place rename, and a minimap overview in the corner.
// Thread-safety: GUI thread only.
#pragma once

#include <netvirt/core/model/design.h>

#include <QGraphicsView>
#include <QPointer>

class QGraphicsLineItem;
class QLineEdit;

namespace netvirt::designer {

class DiagramScene;
class MinimapWidget;

class DiagramView final : public QGraphicsView
{
    Q_OBJECT

public:
    explicit DiagramView(DiagramScene *scene, QWidget *parent = nullptr);

    DiagramScene *diagramScene() const { return m_scene; }
    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal factor);
    void centreOn(const QStringList &ids);
    void startRename(const QString &id);
    void setMinimapVisible(bool on);
    bool isMinimapVisible() const;

    static constexpr const char *kKindMime = "application/x-netvirt-kind";

public slots:
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void zoomReset();

signals:
    void statusMessage(const QString &text);
    void addRequested(core::EntityKind kind, const QPointF &scenePos, const QString &targetId);
    void zoomChanged(qreal factor);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void finishBind(const QPointF &scenePos);
    void cancelBind();
    void placeMinimap();

    DiagramScene *m_scene;
    MinimapWidget *m_minimap = nullptr;
    // drag-to-bind
    QString m_bindFrom;
    QGraphicsLineItem *m_bindLine = nullptr;
    // panning
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panLast;
    QPointer<QLineEdit> m_renameEditor;
};

} // namespace netvirt::designer
