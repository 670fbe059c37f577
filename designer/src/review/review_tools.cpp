// The Design menu's review commands: policy view, comparison, auto-arrange.
#include <netvirt/designer/review/review_tools.h>

#include <netvirt/designer/design_document.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/diagram_scene.h>
#include <netvirt/designer/diagram_view.h>
#include <netvirt/designer/export/diagram_export.h>
#include <netvirt/designer/export/report.h>
#include <netvirt/designer/layout/auto_arrange.h>
#include <netvirt/designer/layout/scene_geometry.h>
#include <netvirt/designer/main_window.h>
#include <netvirt/designer/review/comparison.h>
#include <netvirt/designer/review/policy_view.h>

#include <netvirt/core/rules/rule_engine.h>

#include <QAction>
#include <QDockWidget>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>

namespace netvirt::designer::review {

using namespace netvirt::core;

ReviewTools::ReviewTools(MainWindow *window, QMenu *fileMenu, QMenu *designMenu)
    : QObject(window)
    , m_window(window)
{
    setObjectName(QStringLiteral("reviewTools"));
    auto make = [this](const QString &text, const QString &name, const QKeySequence &key, const QString &tip) {
        auto *a = new QAction(text, m_window);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setStatusTip(tip);
        a->setToolTip(tip);
        m_window->addAction(a); // shortcuts work wherever the focus is in the window
        return a;
    };
    m_autoArrange = make(tr("Auto-&arrange"), QStringLiteral("autoArrangeAction"), QKeySequence(Qt::CTRL | Qt::Key_L),
                         tr("Arrange the diagram in layers that follow the green arrows, with few crossings"));
    m_autoArrangeKeep = make(tr("Auto-arrange, &Keep Manual Positions"), QStringLiteral("autoArrangeKeepAction"),
                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
                             tr("Arrange the nodes that were never placed, around those placed by hand"));
    m_showPolicy = make(tr("Show &Policy…"), QStringLiteral("showPolicyAction"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                        tr("The compiled HNV policy: lookup records, customer routes and provider addresses"));
    m_compare = make(tr("&Compare With…"), QStringLiteral("compareWithAction"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                     tr("Compare the open design with another design file"));
    m_clearComparison = make(tr("C&lear Comparison"), QStringLiteral("clearComparisonAction"), QKeySequence(),
                             tr("Remove the comparison markers from the diagram"));
    m_clearComparison->setEnabled(false);
    m_exportReport = make(tr("Export Review &Report…"), QStringLiteral("exportReportAction"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                          tr("Write the design-review report (PDF): diagram, findings and one table per entity kind"));

    connect(m_autoArrange, &QAction::triggered, this, [this] { autoArrange(false); });
    connect(m_autoArrangeKeep, &QAction::triggered, this, [this] { autoArrange(true); });
    connect(m_showPolicy, &QAction::triggered, this, &ReviewTools::showPolicy);
    connect(m_compare, &QAction::triggered, this, &ReviewTools::compareWith);
    connect(m_clearComparison, &QAction::triggered, this, [this] {
        if (m_comparison)
            m_comparison->clear();
    });
    connect(m_exportReport, &QAction::triggered, this, &ReviewTools::exportReport);

    // File menu: beside Export Diagram, i.e. before the separator that precedes Quit.
    QAction *before = nullptr;
    for (QAction *a : fileMenu->actions())
        if (a->isSeparator())
            before = a;
    fileMenu->insertAction(before, m_exportReport);

    designMenu->addAction(m_autoArrange);
    designMenu->addAction(m_autoArrangeKeep);
    designMenu->addSeparator();
    designMenu->addAction(m_showPolicy);
    designMenu->addAction(m_compare);
    designMenu->addAction(m_clearComparison);
}

void ReviewTools::status(const QString &text, int timeoutMs)
{
    m_window->statusBar()->showMessage(text, timeoutMs);
}

PolicyPanel *ReviewTools::policyPanel()
{
    if (!m_policy) {
        m_policy = new PolicyPanel(m_window->document(), m_window);
        m_policyDock = new QDockWidget(tr("Policy"), m_window);
        m_policyDock->setObjectName(QStringLiteral("policyDock"));
        m_policyDock->setWidget(m_policy);
        m_window->addToolPanel(m_policyDock, Qt::BottomDockWidgetArea);
        connect(m_policy, &PolicyPanel::statusMessage, this, [this](const QString &t) { status(t); });
        connect(m_policy, &PolicyPanel::entitiesActivated, this, [this](const QStringList &ids) {
            QStringList present;
            for (const QString &id : ids)
                if (m_window->document()->design().contains(id.toStdString()))
                    present << id;
            if (present.isEmpty())
                return;
            m_window->selection()->setIds(present);
            m_window->view()->centreOn(present);
        });
    }
    return m_policy;
}

ComparisonPanel *ReviewTools::comparisonPanel()
{
    if (!m_comparison) {
        m_comparison = new ComparisonPanel(m_window->document(), m_window->scene(), m_window->view(),
                                           m_window->selection(), m_window);
        m_comparisonDock = new QDockWidget(tr("Comparison"), m_window);
        m_comparisonDock->setObjectName(QStringLiteral("comparisonDock"));
        m_comparisonDock->setWidget(m_comparison);
        m_window->addToolPanel(m_comparisonDock, Qt::BottomDockWidgetArea);
        connect(m_comparison, &ComparisonPanel::statusMessage, this, [this](const QString &t) { status(t); });
        connect(m_comparison, &ComparisonPanel::activeChanged, m_clearComparison, &QAction::setEnabled);
    }
    return m_comparison;
}

void ReviewTools::showPolicy()
{
    PolicyPanel *panel = policyPanel();
    m_policyDock->show();
    m_policyDock->raise();
    panel->refresh();
    panel->setFocus();
}

void ReviewTools::compareWith()
{
    QSettings s;
    const QString dir = s.value(QStringLiteral("files/lastDirectory")).toString();
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Compare With Design"), dir,
                                                      tr("NetVirt designs (*.netvirt *.json);;All files (*)"));
    if (!path.isEmpty())
        compareWithFile(path);
}

bool ReviewTools::compareWithFile(const QString &path)
{
    ComparisonPanel *panel = comparisonPanel();
    QString error;
    if (!panel->compareWith(path, &error)) {
        status(tr("Could not compare with %1: %2").arg(path, error), 12000);
        return false;
    }
    m_comparisonDock->show();
    m_comparisonDock->raise();
    const DesignDiff &d = panel->diff();
    status(tr("Compared with %1: %2 added, %3 changed, %4 removed.")
               .arg(panel->baselineName())
               .arg(d.added.size())
               .arg(d.changed.size())
               .arg(d.removed.size()));
    return true;
}

ArrangeReport ReviewTools::autoArrange(bool keepManualPositions)
{
    ArrangeReport report;
    DesignDocument *doc = m_window->document();
    DiagramScene *scene = m_window->scene();
    const Design &design = doc->design();
    if (scene->nodes().isEmpty()) {
        status(tr("Nothing to arrange: the design is empty."));
        return report;
    }
    const layout::NodeSizes sizes = layout::nodeSizesOf(*scene);
    report.crossingsBefore = layout::countCrossings(design, layout::positionsOf(*scene), sizes);
    QElapsedTimer timer;
    timer.start();
    layout::ArrangeOptions options;
    options.keepStoredPositions = keepManualPositions;
    const layout::Positions arranged = layout::arrange(design, sizes, options);
    report.elapsedMs = timer.elapsed();
    report.crossingsAfter = layout::countCrossings(design, arranged, sizes);
    report.overlapsAfter = layout::countOverlaps(arranged, sizes);

    // One undo step for the whole arrangement, as a drag of many nodes is.
    std::vector<EditOp> ops;
    for (const auto &[id, p] : arranged) {
        const Point to{p.x(), p.y()};
        const Point *stored = design.layout.position(id);
        if (stored && *stored == to)
            continue;
        ops.push_back(EditOp::position(id, to));
    }
    report.movedNodes = int(ops.size());
    if (ops.empty()) {
        status(tr("Auto-arrange: every node already stands where it would go."));
        return report;
    }
    QString error;
    report.applied = doc->apply(keepManualPositions ? tr("Auto-arrange (keep manual positions)") : tr("Auto-arrange"),
                                std::move(ops), &error);
    if (!report.applied) {
        status(tr("Auto-arrange failed: %1").arg(error));
        return report;
    }
    status(tr("Auto-arranged %n node(s) in %1 ms: %2 edge crossings before, %3 after. Undo restores the previous "
              "layout.",
              nullptr, report.movedNodes)
               .arg(report.elapsedMs)
               .arg(report.crossingsBefore)
               .arg(report.crossingsAfter));
    return report;
}

void ReviewTools::exportReport()
{
    DesignDocument *doc = m_window->document();
    QString suggested = doc->filePath();
    suggested = suggested.isEmpty() ? tr("design-review.pdf")
                                    : QFileInfo(suggested).dir().filePath(QFileInfo(suggested).completeBaseName()
                                                                          + QStringLiteral("-review.pdf"));
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export Review Report"), suggested,
                                                tr("PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pdf");
    QString error;
    if (exportReportTo(path, &error))
        status(tr("Wrote the review report %1").arg(QFileInfo(path).fileName()));
    else
        status(tr("Could not write the review report: %1").arg(error), 12000);
}

bool ReviewTools::exportReportTo(const QString &pdfPath, QString *error)
{
    DesignDocument *doc = m_window->document();
    DiagramScene *scene = m_window->scene();
    // The same findings as `netvirt report`: a full validation of the design as it stands.
    const std::vector<rules::Violation> violations = rules::RuleEngine().validate(doc->design());
    ReportOptions options;
    options.designFile = doc->filePath();
    options.renderDiagram = [scene](QPainter &painter, const QRectF &area) {
        renderScene(*scene, painter, area, exportSourceRect(*scene));
    };
    return writeReport(doc->design(), violations, pdfPath, options, error);
}

} // namespace netvirt::designer::review
