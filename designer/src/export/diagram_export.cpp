// Diagram export: SVG, PNG and PDF of the DiagramScene, whole or selection, with a chain
// highlighted. Scenes are recorded at 1:1 into a QPicture and replayed scaled, so the
// level-of-detail painting of the items always draws names and rows.
#include <netvirt/designer/export/diagram_export.h>

#include <netvirt/designer/design_document.h>
#include <netvirt/designer/design_graph.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/diagram_scene.h>
#include <netvirt/designer/edge_item.h>
#include <netvirt/designer/node_item.h>

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QPicture>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <vector>

namespace netvirt::designer {

namespace {

class DiagramExport final
{
    Q_DECLARE_TR_FUNCTIONS(DiagramExport)
};

QString q(const std::string &s) { return QString::fromStdString(s); }

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

// Temporarily changes the scene for an export (highlight, hidden items, background) and
// puts everything back when it goes out of scope.
class SceneStateGuard final
{
public:
    explicit SceneStateGuard(DiagramScene &scene)
        : m_scene(scene), m_selection(scene.designSelection()->ids()), m_brush(scene.backgroundBrush())
    {
    }
    ~SceneStateGuard()
    {
        for (QGraphicsItem *item : m_hidden)
            item->setVisible(true);
        m_scene.setBackgroundBrush(m_brush);
        if (m_selectionChanged)
            m_scene.designSelection()->setIds(m_selection);
    }
    SceneStateGuard(const SceneStateGuard &) = delete;
    SceneStateGuard &operator=(const SceneStateGuard &) = delete;

    void select(const QStringList &ids)
    {
        m_selectionChanged = true;
        m_scene.designSelection()->setIds(ids);
    }
    void hide(QGraphicsItem *item)
    {
        if (!item->isVisible())
            return;
        item->setVisible(false);
        m_hidden.push_back(item);
    }
    void setBackground(ExportBackground background)
    {
        if (background == ExportBackground::White)
            m_scene.setBackgroundBrush(Qt::white);
        else if (background == ExportBackground::Transparent)
            m_scene.setBackgroundBrush(Qt::NoBrush);
    }

private:
    DiagramScene &m_scene;
    QStringList m_selection;
    QBrush m_brush;
    bool m_selectionChanged = false;
    std::vector<QGraphicsItem *> m_hidden;
};

// The ids to select so that the scene draws `id`'s chains: a VM or vNIC is its own chain;
// any other entity stands with every VM vNIC whose green-arrow walk passes through it.
QStringList highlightIds(const core::Design &d, const QString &id)
{
    QStringList ids{id};
    const std::string sid = id.toStdString();
    if (d.vm(sid) || d.vmNic(sid))
        return ids;
    for (const core::Vm &vm : d.vms)
        for (const core::VmNic &nic : vm.nics)
            if (DesignGraph::traceVnic(d, nic, vm).entities.contains(id))
                ids << q(nic.id);
    return ids;
}

QSet<QString> nodesOf(const core::Design &d, const QStringList &ids)
{
    QSet<QString> out;
    for (const QString &id : ids) {
        const QString node = DesignGraph::nodeOf(d, id);
        if (!node.isEmpty())
            out.insert(node);
    }
    return out;
}

void hideAllBut(SceneStateGuard &guard, const DiagramScene &scene, const QSet<QString> &keep)
{
    const core::Design &d = scene.document()->design();
    for (auto it = scene.nodes().begin(); it != scene.nodes().end(); ++it)
        if (!keep.contains(it.key()))
            guard.hide(it.value());
    for (EdgeItem *e : scene.edges())
        if (!keep.contains(DesignGraph::nodeOf(d, e->edge().from)) || !keep.contains(DesignGraph::nodeOf(d, e->edge().to)))
            guard.hide(e);
}

QString defaultTitle(const DiagramScene &scene, const DiagramExportOptions &options)
{
    if (!options.title.isEmpty())
        return options.title;
    const QString name = q(scene.document()->design().name);
    return name.isEmpty() ? scene.document()->displayName() : name;
}

bool writeSvg(DiagramScene &scene, const QRectF &source, QSaveFile &file, const QString &title)
{
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setResolution(sceneDpi());
    svg.setSize(QSize(int(std::ceil(source.width())), int(std::ceil(source.height()))));
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    svg.setTitle(title);
    svg.setDescription(DiagramExport::tr("Relationship diagram exported by NetVirt Designer"));
    QPainter painter;
    if (!painter.begin(&svg))
        return false;
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    // 1:1, so every item paints at full detail and text stays text.
    scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source, Qt::KeepAspectRatio);
    return painter.end();
}

bool writePng(DiagramScene &scene, const QRectF &source, QSaveFile &file, const DiagramExportOptions &options)
{
    QSize size = options.pixelSize;
    if (!size.isValid() || size.isEmpty()) {
        qreal scale = options.pixelsPerUnit > 0 ? options.pixelsPerUnit : 1.0;
        const qreal longest = std::max(source.width(), source.height()) * scale;
        if (longest > kMaxPngSide)
            scale *= kMaxPngSide / longest;
        size = QSize(std::max(1, int(std::ceil(source.width() * scale))), std::max(1, int(std::ceil(source.height() * scale))));
    }
    if (size.width() > kMaxPngSide || size.height() > kMaxPngSide)
        return false;
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    const int dotsPerMeter = qRound(sceneDpi() / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    image.fill(options.background == ExportBackground::Transparent ? QColor(Qt::transparent) : QColor(Qt::white));
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        renderScene(scene, painter, QRectF(QPointF(0, 0), QSizeF(size)), source);
    }
    return image.save(&file, "PNG");
}

bool writePdf(DiagramScene &scene, const QRectF &source, QSaveFile &file, const DiagramExportOptions &options,
              const QString &title)
{
    QPdfWriter pdf(&file);
    pdf.setResolution(sceneDpi());
    pdf.setTitle(title);
    pdf.setCreator(QStringLiteral("NetVirt Designer"));
    const QPageLayout::Orientation orientation = options.autoOrientation
                                                     ? (source.width() >= source.height() ? QPageLayout::Landscape
                                                                                          : QPageLayout::Portrait)
                                                     : options.orientation;
    pdf.setPageLayout(QPageLayout(QPageSize(options.pageSize), orientation,
                                  QMarginsF(options.marginMm, options.marginMm, options.marginMm, options.marginMm),
                                  QPageLayout::Millimeter));
    QPainter painter;
    if (!painter.begin(&pdf))
        return false;
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QRectF page(0, 0, pdf.width(), pdf.height());
    // A caption line (title and date), then the diagram fitted below it.
    QFont caption;
    caption.setPointSizeF(9);
    painter.setFont(caption);
    painter.setPen(QColor(0x55, 0x5b, 0x63));
    const qreal captionHeight = QFontMetricsF(caption, &pdf).height() * 1.6;
    painter.drawText(QRectF(page.left(), page.top(), page.width(), captionHeight), Qt::AlignLeft | Qt::AlignTop,
                     title + QStringLiteral(" — ") + QLocale().toString(QDate::currentDate(), QLocale::ShortFormat));
    renderScene(scene, painter, page.adjusted(0, captionHeight, 0, 0), source);
    return painter.end();
}

} // namespace

int sceneDpi()
{
    // A QPicture resolves point sizes like the screen the scene is shown on.
    static const int dpi = [] {
        QPicture probe;
        return probe.logicalDpiY() > 0 ? probe.logicalDpiY() : 96;
    }();
    return dpi;
}

QRectF exportSourceRect(const DiagramScene &scene, const QStringList &selection)
{
    if (selection.isEmpty())
        return scene.contentsRect().adjusted(-20, -20, 20, 20);
    const QSet<QString> nodes = nodesOf(scene.document()->design(), selection);
    QRectF r;
    for (const QString &id : nodes)
        if (NodeItem *n = scene.nodeFor(id))
            r = r.united(n->sceneBoundingRect());
    return r.isNull() ? QRectF() : r.adjusted(-40, -40, 40, 40);
}

void renderScene(QGraphicsScene &scene, QPainter &painter, const QRectF &target, const QRectF &source)
{
    if (source.isEmpty() || target.isEmpty())
        return;
    // Record at 1:1 (full level of detail), replay scaled.
    QPicture picture;
    {
        QPainter recorder(&picture);
        recorder.setRenderHints(painter.renderHints());
        scene.render(&recorder, QRectF(QPointF(0, 0), source.size()), source, Qt::IgnoreAspectRatio);
    }
    const qreal scale = std::min(target.width() / source.width(), target.height() / source.height());
    const QSizeF drawn = source.size() * scale;
    painter.save();
    painter.translate(target.center() - QPointF(drawn.width() / 2, drawn.height() / 2));
    painter.scale(scale, scale);
    painter.setClipRect(QRectF(QPointF(0, 0), source.size()), Qt::IntersectClip);
    painter.drawPicture(QPointF(0, 0), picture);
    painter.restore();
}

bool exportDiagram(DiagramScene &scene, const QString &path, const DiagramExportOptions &options, QString *error)
{
    const core::Design &d = scene.document()->design();
    if (!options.highlight.isEmpty() && !d.contains(options.highlight.toStdString())) {
        setError(error, DiagramExport::tr("There is no entity with the id %1 to highlight.").arg(options.highlight));
        return false;
    }
    SceneStateGuard guard(scene);
    guard.setBackground(options.background);
    if (!options.highlight.isEmpty())
        guard.select(highlightIds(d, options.highlight));
    else if (!scene.designSelection()->ids().isEmpty())
        guard.select({}); // an export shows the design, not the user's current selection
    if (!options.selection.isEmpty()) {
        const QSet<QString> keep = nodesOf(d, options.selection);
        if (keep.isEmpty()) {
            setError(error, DiagramExport::tr("Nothing to export: the selection holds no diagram node."));
            return false;
        }
        hideAllBut(guard, scene, keep);
    }
    const QRectF source = exportSourceRect(scene, options.selection);
    if (source.isEmpty()) {
        setError(error, DiagramExport::tr("Nothing to export: the diagram is empty."));
        return false;
    }

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setError(error, DiagramExport::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    const QString title = defaultTitle(scene, options);
    bool ok = false;
    switch (options.format) {
    case DiagramFormat::Svg: ok = writeSvg(scene, source, file, title); break;
    case DiagramFormat::Png: ok = writePng(scene, source, file, options); break;
    case DiagramFormat::Pdf: ok = writePdf(scene, source, file, options, title); break;
    }
    if (!ok) {
        file.cancelWriting();
        setError(error, options.format == DiagramFormat::Png && options.pixelSize.isValid()
                            ? DiagramExport::tr("Cannot write %1: the image may be at most %2 pixels wide and high.")
                                  .arg(QDir::toNativeSeparators(path))
                                  .arg(kMaxPngSide)
                            : DiagramExport::tr("Cannot write %1.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    if (!file.commit()) {
        setError(error, DiagramExport::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    return true;
}

int exportDiagramCli(const QString &designPath, DiagramFormat format, const QString &out, const QString &highlight,
                     QTextStream &err)
{
    if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        err << DiagramExport::tr("netvirt export: drawing the diagram needs a QApplication") << Qt::endl;
        return 2;
    }
    DesignDocument doc;
    if (const auto loaded = doc.load(designPath); !loaded) {
        err << QString::fromStdString(loaded.error().message) << Qt::endl;
        return 2;
    }
    if (!highlight.isEmpty() && !doc.design().contains(highlight.toStdString())) {
        err << DiagramExport::tr("%1: no entity with the id %2 (--highlight)").arg(designPath, highlight) << Qt::endl;
        return 2;
    }
    DesignSelection selection;
    DiagramScene scene(&doc, &selection);
    DiagramExportOptions options;
    options.format = format;
    options.highlight = highlight;
    QString error;
    if (!exportDiagram(scene, out, options, &error)) {
        err << error << Qt::endl;
        return 2;
    }
    return 0;
}

void useOffscreenIfHeadless()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

} // namespace netvirt::designer
