// The design-review report: one PDF an architect takes into a review meeting. A title page
// (design, date, validation status), the diagram, every finding of the rule engine with its
// rule, message and fix, and one table per entity family (networks and sites with subnets and
// VLANs, pools with utilisation, switches, hosts, VM networks, VMs). Text stays text (HTML
// tables laid out by QTextDocument on QPdfWriter), A4, readable when printed in black and white.
// Thread-safety: GUI thread only (fonts, QTextDocument; the diagram callback draws a scene).
#pragma once

#include <netvirt/core/model/design.h>
#include <netvirt/core/rules/rule_engine.h>

#include <QDateTime>
#include <QPageSize>
#include <QRectF>
#include <QString>

#include <functional>
#include <vector>

class QPainter;
class QTextStream;

namespace netvirt::designer {

struct ReportOptions {
    QString title;              // default: the design's name
    QString designFile;         // shown on the title page when set
    QDateTime date = QDateTime::currentDateTime();
    QPageSize::PageSizeId pageSize = QPageSize::A4;
    // Draws the diagram into the given rectangle of the diagram page (device units of the
    // painter, which is at sceneDpi()). Without one the page says that no diagram was drawn.
    std::function<void(QPainter &, const QRectF &)> renderDiagram;
};

// Writes the report to `pdfPath` (atomically). On failure returns false and sets `error`.
bool writeReport(const core::Design &design, const std::vector<core::rules::Violation> &violations,
                 const QString &pdfPath, const ReportOptions &options = {}, QString *error = nullptr);

// The report's body as HTML (findings and entity tables), for tests and for a preview.
QString reportBodyHtml(const core::Design &design, const std::vector<core::rules::Violation> &violations);

// `netvirt report FILE -o REVIEW.pdf`: loads and validates the design, draws the diagram and
// writes the report. Exit status of CLI.md: 0 written and no error-severity finding, 1 written
// but the design has errors, 2 bad usage, unreadable input or unwritable output (one line on
// `err`). Needs a QApplication (see useOffscreenIfHeadless in diagram_export.h).
int reportCli(const QString &designPath, const QString &out, QTextStream &err);

} // namespace netvirt::designer
