// The review commands: File → Export Review Report… (the design-review PDF of the open
// design), and in the Design menu Show Policy (a dock of the compiled HNV policy), Compare
// With… / Clear Comparison (the design diff on the diagram and in a dock), and Auto-arrange
// (Graphviz layered layout, optionally keeping the positions placed by hand) applied as one
// undoable move. The docks are made on first use.
// Thread-safety: GUI thread only.
#pragma once

#include <netvirt/designer/review/comparison.h>
#include <netvirt/designer/review/policy_view.h>

#include <QDockWidget>
#include <QObject>
#include <QPointer>

#include <cstddef>

class QAction;
class QMenu;

namespace netvirt::designer {

class MainWindow;

namespace review {

// What an auto-arrange did, for the status bar and the tests.
struct ArrangeReport {
    bool applied = false;
    int movedNodes = 0;
    std::size_t crossingsBefore = 0;
    std::size_t crossingsAfter = 0;
    std::size_t overlapsAfter = 0;
    qint64 elapsedMs = 0;
};

class ReviewTools final : public QObject
{
    Q_OBJECT

public:
    // Adds the report action to `fileMenu` (before its last separator), the others to
    // `designMenu`, and their shortcuts to the window.
    ReviewTools(MainWindow *window, QMenu *fileMenu, QMenu *designMenu);

    QAction *showPolicyAction() const { return m_showPolicy; }
    QAction *compareAction() const { return m_compare; }
    QAction *clearComparisonAction() const { return m_clearComparison; }
    QAction *autoArrangeAction() const { return m_autoArrange; }
    QAction *autoArrangeKeepAction() const { return m_autoArrangeKeep; }
    QAction *exportReportAction() const { return m_exportReport; }

    // The panels, made (and docked) on first call.
    PolicyPanel *policyPanel();
    ComparisonPanel *comparisonPanel();
    QDockWidget *policyDock() const { return m_policyDock; }
    QDockWidget *comparisonDock() const { return m_comparisonDock; }

    void showPolicy();
    // Asks for a file (Compare With…); compareWithFile() without asking.
    void compareWith();
    bool compareWithFile(const QString &path);
    ArrangeReport autoArrange(bool keepManualPositions);
    // Asks for a file (Export Review Report…); exportReportTo() without asking.
    void exportReport();
    bool exportReportTo(const QString &pdfPath, QString *error = nullptr);

private:
    void status(const QString &text, int timeoutMs = 8000);

    MainWindow *m_window;
    QAction *m_showPolicy;
    QAction *m_compare;
    QAction *m_clearComparison;
    QAction *m_autoArrange;
    QAction *m_autoArrangeKeep;
    QAction *m_exportReport;
    QPointer<QDockWidget> m_policyDock;
    QPointer<QDockWidget> m_comparisonDock;
    QPointer<PolicyPanel> m_policy;
    QPointer<ComparisonPanel> m_comparison;
};

} // namespace review
} // namespace netvirt::designer
