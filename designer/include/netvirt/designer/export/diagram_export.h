// Diagram export: the relationship diagram as SVG (vector, text as text), PNG (chosen size,
// transparent or white) and PDF (vector, fitted to an A4 or A3 page), of the whole diagram or
// of the selection, optionally with one entity's green-arrow chain highlighted. Renders the
// DiagramScene at full detail whatever the output scale. Also the `netvirt export` entry point.
// Thread-safety: GUI thread only (renders graphics items; needs a QApplication).
#pragma once

#include <QCoreApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QRectF>
#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>

class QGraphicsScene;
class QPainter;
class QTextStream;

namespace netvirt::designer {

class DiagramScene;

enum class DiagramFormat { Svg = 1, Png, Pdf };
enum class ExportBackground { White = 1, Transparent, Scene };

struct DiagramExportOptions {
    DiagramFormat format = DiagramFormat::Svg;
    // Ids to export (entities, or children standing for their node); empty: the whole diagram.
    QStringList selection;
    // An entity whose chain(s) are drawn green/red, everything else dimmed; empty: none.
    QString highlight;
    ExportBackground background = ExportBackground::White;
    QString title;                  // SVG <title>, PDF title; default: the design's name

    // PNG: the image size in pixels (the diagram is fitted and centred), or, when invalid,
    // `pixelsPerUnit` scene units to pixels (capped at kMaxPngSide per side).
    QSize pixelSize;
    qreal pixelsPerUnit = 1.0;

    // PDF: page size and orientation; `autoOrientation` picks landscape for wide diagrams.
    QPageSize::PageSizeId pageSize = QPageSize::A4;
    QPageLayout::Orientation orientation = QPageLayout::Landscape;
    bool autoOrientation = true;
    qreal marginMm = 10;
};

inline constexpr int kMaxPngSide = 16384;

// The scene rectangle an export covers: the whole diagram (nodes and lane bands) or the
// nodes of the selection, with a margin.
QRectF exportSourceRect(const DiagramScene &scene, const QStringList &selection = {});

// Draws `source` of the scene into `target` of the painter at full detail (names and rows
// even when scaled down), keeping the aspect ratio, centred. Fonts come out the same size
// relative to the nodes as on screen when the painter's device is at sceneDpi() (the
// exporters and the report set their devices to it).
void renderScene(QGraphicsScene &scene, QPainter &painter, const QRectF &target, const QRectF &source);

// Exports the diagram to `path`. Restores the scene (selection, visibility, background)
// afterwards. On failure returns false and sets `error` (translated).
bool exportDiagram(DiagramScene &scene, const QString &path, const DiagramExportOptions &options,
                   QString *error = nullptr);

// The resolution (dots per inch) that scene units are drawn at: the one the nodes' point
// sizes are resolved against on screen and in a QPicture.
int sceneDpi();

// `netvirt export FILE (--svg|--png|--pdf) OUT [--highlight ID]`: loads the design, builds
// the diagram and exports it. Returns the CLI.md exit status (0 written, 2 bad usage or
// unreadable input, with one line on `err`). Needs a QApplication (see useOffscreenIfHeadless).
int exportDiagramCli(const QString &designPath, DiagramFormat format, const QString &out,
                     const QString &highlight, QTextStream &err);

// Before constructing the QApplication of the CLI: selects Qt's offscreen platform when
// there is no display (no DISPLAY / WAYLAND_DISPLAY) and the user chose no platform.
void useOffscreenIfHeadless();

} // namespace netvirt::designer
