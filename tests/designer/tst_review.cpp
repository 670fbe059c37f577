// GUI tests of the Design menu's review commands (issue 7), driven through the main window on
// the offscreen platform: Show Policy (tables = core compile(), filters by VM network and
// host, sorting, copy, refresh after edits and after File → New), Compare With… (markers of
// the `netvirt diff` on the diagram, removed entities and problems listed, click selects and
// centres, clear), and Auto-arrange as one undo step, with and without manual positions.
// moc (Qt 6.4) cannot parse the C++20 standard headers these bring in.
#ifndef Q_MOC_RUN
#include <netvirt/designer/design_document.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/diagram_scene.h>
#include <netvirt/designer/diagram_view.h>
#include <netvirt/designer/main_window.h>
#include <netvirt/designer/node_item.h>
#include <netvirt/designer/review/comparison.h>
#include <netvirt/designer/review/policy_view.h>
#include <netvirt/designer/review/review_tools.h>

#include <netvirt/core/io/design_io.h>
#include <netvirt/core/model/diff.h>
#include <netvirt/core/policy/policy.h>
#endif

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QMenu>
#include <QRegularExpression>
#include <QFile>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>

#include <set>

using namespace netvirt;
using namespace netvirt::designer;
using Table = review::PolicyTableModel::Table;

namespace {

QString example(const char *name)
{
    return QStringLiteral(NETVIRT_SOURCE_DIR "/resources/examples/%1.json").arg(QLatin1String(name));
}

review::ReviewTools *toolsOf(MainWindow &w)
{
    return w.findChild<review::ReviewTools *>(QStringLiteral("reviewTools"));
}

// Expected rows of each table under a filter, computed from compile() independently of the
// view: records by their VM network and CA host, routes by VM network and the hosts running
// that network's VMs, provider addresses by host and the VM networks whose records use them.
struct Expected {
    int records = 0;
    int routes = 0;
    int providerAddresses = 0;
};

Expected expectedRows(const core::policy::Policy &p, const std::string &network, const std::string &host)
{
    Expected e;
    std::set<std::pair<std::string, std::string>> networkHosts; // (vmNetwork, host)
    std::set<std::pair<std::string, std::string>> paNetworks;   // (host/address, vmNetwork)
    for (const auto &r : p.lookupRecords) {
        networkHosts.insert({r.vmNetwork, r.host});
        paNetworks.insert({r.host + "/" + r.providerAddress, r.vmNetwork});
        e.records += (network.empty() || r.vmNetwork == network) && (host.empty() || r.host == host);
    }
    for (const auto &r : p.customerRoutes)
        e.routes += (network.empty() || r.vmNetwork == network) && (host.empty() || networkHosts.count({r.vmNetwork, host}));
    for (const auto &pa : p.providerAddresses)
        e.providerAddresses += (host.empty() || pa.host == host)
                               && (network.empty() || paNetworks.count({pa.host + "/" + pa.address, network}));
    return e;
}

std::size_t overlappingNodes(const DiagramScene &scene)
{
    const QList<NodeItem *> nodes = scene.nodes().values();
    std::size_t n = 0;
    for (int i = 0; i < nodes.size(); ++i)
        for (int j = i + 1; j < nodes.size(); ++j)
            n += nodes[i]->sceneBoundingRect().intersects(nodes[j]->sceneBoundingRect());
    return n;
}

} // namespace

class tst_Review : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void policyViewShowsCompiledPolicyAndFilters();
    void policyViewFollowsEditsAndNewDesign();
    void compareMarksChangesAndListsRemovedEntities();
    void compareRefusesUnreadableFile();
    void autoArrangeIsOneUndoStep();
    void autoArrangeKeepsManualPositions();
    void exportReportWritesPdfOfOpenDesign();
    void reviewActionsHaveShortcuts();
};

void tst_Review::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("NetVirtTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_review"));
}

void tst_Review::policyViewShowsCompiledPolicyAndFilters()
{
    MainWindow w;
    w.show();
    QVERIFY(w.openFile(example("red-blue")));
    review::ReviewTools *tools = toolsOf(w);
    QVERIFY(tools);
    tools->showPolicyAction()->trigger();
    review::PolicyPanel *panel = tools->policyPanel();
    QVERIFY(tools->policyDock()->isVisible());

    const core::Design &d = w.document()->design();
    const core::policy::Policy compiled = core::policy::compile(d);
    QVERIFY(compiled.lookupRecords.size() >= 4);
    QVERIFY(!compiled.customerRoutes.empty());
    QVERIFY(compiled.providerAddresses.size() >= 2);
    QCOMPARE(panel->filtered(Table::LookupRecords)->rowCount(), int(compiled.lookupRecords.size()));
    QCOMPARE(panel->filtered(Table::CustomerRoutes)->rowCount(), int(compiled.customerRoutes.size()));
    QCOMPARE(panel->filtered(Table::ProviderAddresses)->rowCount(), int(compiled.providerAddresses.size()));
    // The cells are the compiled values.
    QAbstractItemModel *records = panel->filtered(Table::LookupRecords);
    QCOMPARE(records->index(0, 1).data().toString(), QString::fromStdString(compiled.lookupRecords[0].customerAddress));
    QCOMPARE(records->index(0, 4).data().toString(), QString::fromStdString(compiled.lookupRecords[0].providerAddress));
    // red-blue teams NIC1 and NIC2 under its switch: the PA is on the team, as the script puts it.
    QCOMPARE(panel->filtered(Table::ProviderAddresses)->index(0, 4).data().toString(), QStringLiteral("team of NIC1, NIC2"));

    // The combos list every VM network and host after "all".
    QCOMPARE(panel->vmNetworkCombo()->count(), int(d.vmNetworks.size()) + 1);
    QCOMPARE(panel->hostCombo()->count(), int(d.hosts.size()) + 1);

    bool narrowed = false;
    for (int ni = 0; ni < panel->vmNetworkCombo()->count(); ++ni) {
        for (int hi = 0; hi < panel->hostCombo()->count(); ++hi) {
            panel->vmNetworkCombo()->setCurrentIndex(ni); // as the user picks them
            panel->hostCombo()->setCurrentIndex(hi);
            const std::string network = panel->vmNetworkCombo()->currentData().toString().toStdString();
            const std::string host = panel->hostCombo()->currentData().toString().toStdString();
            const Expected e = expectedRows(compiled, network, host);
            const QByteArray row = QByteArray::fromStdString("network '" + network + "' host '" + host + "'");
            QVERIFY2(panel->filtered(Table::LookupRecords)->rowCount() == e.records, row);
            QVERIFY2(panel->filtered(Table::CustomerRoutes)->rowCount() == e.routes, row);
            QVERIFY2(panel->filtered(Table::ProviderAddresses)->rowCount() == e.providerAddresses, row);
            narrowed = narrowed || (e.records > 0 && e.records < int(compiled.lookupRecords.size()));
        }
    }
    QVERIFY(narrowed);
    // Red only, host A only: RED-WEB1 (10.1.1.7 on host-a) and nothing of Blue.
    QVERIFY(panel->setVmNetworkFilter(QStringLiteral("vmn-red")));
    QVERIFY(panel->setHostFilter(QStringLiteral("host-a")));
    for (int r = 0; r < records->rowCount(); ++r)
        QCOMPARE(records->index(r, 0).data().toString(), QStringLiteral("Red"));
    QVERIFY(!panel->setHostFilter(QStringLiteral("no-such-host")));

    // Sorting by VSID, descending, and copy of the visible rows as TSV with a header.
    QVERIFY(panel->setVmNetworkFilter(QString()));
    QVERIFY(panel->setHostFilter(QString()));
    panel->view(Table::LookupRecords)->sortByColumn(2, Qt::DescendingOrder);
    const int n = records->rowCount();
    QVERIFY(records->index(0, 2).data().toInt() > records->index(n - 1, 2).data().toInt());
    panel->tabs()->setCurrentIndex(0);
    panel->copyToClipboard();
    const QStringList lines = QGuiApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), n + 1);
    QVERIFY(lines[0].startsWith(QStringLiteral("VM network\tCustomer address")));
    panel->view(Table::LookupRecords)->selectRow(1);
    QCOMPARE(panel->copyText().split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2);

    // Activating a record (Enter) selects its VM on the diagram.
    QTableView *table = panel->view(Table::LookupRecords);
    table->setFocus();
    table->setCurrentIndex(records->index(0, 0));
    const QString vmName = records->index(0, 7).data().toString();
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(w.selection()->ids().size(), 1);
    QCOMPARE(QString::fromStdString(d.displayName(w.selection()->ids().front().toStdString())), vmName);
}

void tst_Review::policyViewFollowsEditsAndNewDesign()
{
    MainWindow w;
    w.show();
    QVERIFY(w.openFile(example("red-blue")));
    review::ReviewTools *tools = toolsOf(w);
    tools->showPolicy();
    review::PolicyPanel *panel = tools->policyPanel();
    const int before = panel->filtered(Table::LookupRecords)->rowCount();

    // Removing a VM drops its lookup records once the edit is in.
    QString error;
    QVERIFY2(w.document()->removeEntities({QStringLiteral("vm-blue-web2")}, &error), qPrintable(error));
    const int after = int(core::policy::compile(w.document()->design()).lookupRecords.size());
    QVERIFY(after < before);
    QTRY_COMPARE(panel->filtered(Table::LookupRecords)->rowCount(), after);
    w.document()->undoStack()->undo();
    QTRY_COMPARE(panel->filtered(Table::LookupRecords)->rowCount(), before);

    // File → New: empty tables, only "all" in the filters.
    QVERIFY(panel->setVmNetworkFilter(QStringLiteral("vmn-red")));
    w.document()->newDesign();
    QTRY_COMPARE(panel->filtered(Table::LookupRecords)->rowCount(), 0);
    QCOMPARE(panel->filtered(Table::CustomerRoutes)->rowCount(), 0);
    QCOMPARE(panel->filtered(Table::ProviderAddresses)->rowCount(), 0);
    QCOMPARE(panel->vmNetworkCombo()->count(), 1);
    QCOMPARE(panel->hostCombo()->count(), 1);
    panel->copyToClipboard(); // header only, no crash
    QCOMPARE(QGuiApplication::clipboard()->text().count(QLatin1Char('\n')), 1);
}

void tst_Review::compareMarksChangesAndListsRemovedEntities()
{
    // The baseline is an older red-blue: without BLUE-WEB2 (added since), with RED-WEB1 under
    // another name (changed since) and with a host group that has gone (removed since).
    auto loaded = core::io::loadDesign(example("red-blue").toStdString());
    QVERIFY(loaded);
    core::Design baseline = *loaded;
    std::erase_if(baseline.vms, [](const core::Vm &vm) { return vm.id == "vm-blue-web2"; });
    for (core::Vm &vm : baseline.vms)
        if (vm.id == "vm-red-web1")
            vm.name = "RED-WEB1-OLD";
    baseline.hostGroups.push_back({"hg-paris", "Paris", std::string("hg-contoso"), {}});
    baseline.reindex();
    QTemporaryDir dir;
    const QString baselinePath = dir.filePath(QStringLiteral("red-blue-v1.json"));
    QVERIFY(core::io::saveDesign(baseline, baselinePath.toStdString()));

    MainWindow w;
    w.show();
    QVERIFY(w.openFile(example("red-blue")));
    review::ReviewTools *tools = toolsOf(w);
    QVERIFY(!tools->clearComparisonAction()->isEnabled());
    QVERIFY(tools->compareWithFile(baselinePath));
    review::ComparisonPanel *panel = tools->comparisonPanel();
    QVERIFY(tools->comparisonDock()->isVisible());
    QVERIFY(tools->clearComparisonAction()->isEnabled());

    // The same diff as `netvirt diff baseline current`.
    const core::DesignDiff expected = core::diffDesigns(baseline, w.document()->design());
    auto ids = [](const std::vector<core::EntityDiff> &list) {
        QStringList out;
        for (const auto &e : list)
            out << QString::fromStdString(e.id);
        return out;
    };
    QCOMPARE(ids(panel->diff().added), ids(expected.added));
    QCOMPARE(ids(panel->diff().changed), ids(expected.changed));
    QCOMPARE(ids(panel->diff().removed), ids(expected.removed));
    QCOMPARE(panel->diff().newViolations.size(), expected.newViolations.size());
    QCOMPARE(panel->diff().resolvedViolations.size(), expected.resolvedViolations.size());
    QVERIFY(ids(expected.added).contains(QStringLiteral("vm-blue-web2")));
    QCOMPARE(ids(expected.changed), QStringList{QStringLiteral("vm-red-web1")});
    QCOMPARE(ids(expected.removed), QStringList{QStringLiteral("hg-paris")});

    // Markers: added and changed entities on the diagram, in their own colours; every added
    // or changed id the diagram draws has one.
    review::ChangeMarker *added = panel->markerFor(QStringLiteral("vm-blue-web2"));
    review::ChangeMarker *changed = panel->markerFor(QStringLiteral("vm-red-web1"));
    QVERIFY(added && changed);
    QCOMPARE(added->changeType(), review::ChangeType::Added);
    QCOMPARE(changed->changeType(), review::ChangeType::Changed);
    QVERIFY(review::ChangeMarker::colorOf(review::ChangeType::Added) != review::ChangeMarker::colorOf(review::ChangeType::Changed));
    QCOMPARE(added->parentItem(), static_cast<QGraphicsItem *>(w.scene()->nodeFor(QStringLiteral("vm-blue-web2"))));
    QVERIFY(added->sceneBoundingRect().contains(w.scene()->nodeFor(QStringLiteral("vm-blue-web2"))->sceneBoundingRect()));
    int drawn = 0;
    for (const QString &id : ids(expected.added) + ids(expected.changed))
        drawn += w.scene()->itemFor(id) != nullptr;
    QCOMPARE(panel->markerCount(), drawn);
    QVERIFY(!panel->markerFor(QStringLiteral("vm-red-web2")));

    // The removed host group is listed (it is not on the diagram).
    QVERIFY(!panel->tree()->findItems(QStringLiteral("Paris"), Qt::MatchRecursive, 2).isEmpty());

    // A click on an entry selects and centres its entity.
    w.view()->centerOn(-5000, -5000);
    QVERIFY(panel->activateEntry(QStringLiteral("vm-blue-web2")));
    QCOMPARE(w.selection()->ids(), QStringList{QStringLiteral("vm-blue-web2")});
    const QRectF visible = w.view()->mapToScene(w.view()->viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(w.scene()->nodeFor(QStringLiteral("vm-blue-web2"))->sceneBoundingRect().center()));
    // The removed one only says so.
    QVERIFY(panel->activateEntry(QStringLiteral("hg-paris")));
    QCOMPARE(w.selection()->ids(), QStringList{QStringLiteral("vm-blue-web2")});

    // An edit is followed: renaming RED-WEB1 back resolves its change.
    QVERIFY(w.document()->setField("vm-red-web1", "name", core::Json("RED-WEB1-OLD")));
    QTRY_VERIFY(!panel->markerFor(QStringLiteral("vm-red-web1")));
    QVERIFY(panel->diff().changed.empty());
    // Moving a node keeps its marker on it (layout positions are not part of the diff).
    QVERIFY(w.document()->moveNodes({{QStringLiteral("vm-blue-web2"), QPointF(4000, 4000)}}));
    QTRY_VERIFY(panel->markerFor(QStringLiteral("vm-blue-web2"))
                && panel->markerFor(QStringLiteral("vm-blue-web2"))->sceneBoundingRect().contains(QPointF(4000, 4000)));

    // Clear: no markers, nothing listed.
    tools->clearComparisonAction()->trigger();
    QCOMPARE(panel->markerCount(), 0);
    QVERIFY(!panel->isActive());
    QCOMPARE(panel->tree()->topLevelItemCount(), 0);
    QVERIFY(!tools->clearComparisonAction()->isEnabled());

    // Comparing again, then File → New: everything of the baseline is removed, no markers.
    QVERIFY(tools->compareWithFile(baselinePath));
    // With a node still selected: File → New must not reach the deleted node (it once did,
    // through the selectionChanged that QGraphicsScene::clear() emits).
    w.selection()->setIds({QStringLiteral("vm-red-web1")});
    w.document()->newDesign();
    QTRY_COMPARE(panel->diff().removed.size(), baseline.entityCount());
    QCOMPARE(panel->markerCount(), 0);
    QVERIFY(panel->diff().added.empty());
}

void tst_Review::compareRefusesUnreadableFile()
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{ \"schemaVersion\": ");
    f.close();
    MainWindow w;
    QVERIFY(w.openFile(example("red-blue")));
    review::ReviewTools *tools = toolsOf(w);
    QVERIFY(!tools->compareWithFile(bad));
    QVERIFY(!tools->comparisonPanel()->isActive());
    QCOMPARE(tools->comparisonPanel()->markerCount(), 0);
}

void tst_Review::autoArrangeIsOneUndoStep()
{
    MainWindow w;
    w.show();
    QVERIFY(w.openFile(example("three-tier")));
    review::ReviewTools *tools = toolsOf(w);
    QUndoStack *stack = w.document()->undoStack();
    const int steps = stack->count();
    const std::string before = w.document()->jsonText();

    tools->autoArrangeAction()->trigger();
    QCOMPARE(stack->count(), steps + 1);
    const std::string arranged = w.document()->jsonText();
    QVERIFY(arranged != before);
    QCOMPARE(overlappingNodes(*w.scene()), std::size_t(0));

    stack->undo();
    QCOMPARE(w.document()->jsonText(), before);
    stack->redo();
    QCOMPARE(w.document()->jsonText(), arranged);

    // Arranging an arranged design changes nothing and adds no step.
    const review::ArrangeReport again = tools->autoArrange(false);
    QVERIFY(!again.applied);
    QCOMPARE(again.movedNodes, 0);
    QCOMPARE(stack->count(), steps + 1);

    // An empty design (File → New): nothing to do, no step, no crash.
    w.document()->newDesign();
    const int emptySteps = stack->count();
    tools->autoArrangeAction()->trigger();
    tools->autoArrangeKeepAction()->trigger();
    QCOMPARE(stack->count(), emptySteps);
}

void tst_Review::autoArrangeKeepsManualPositions()
{
    // A design with no stored positions but one node placed by hand.
    auto loaded = core::io::loadDesign(example("red-blue").toStdString());
    QVERIFY(loaded);
    core::Design design = *loaded;
    design.layout.nodes.clear();
    MainWindow w;
    w.show();
    w.document()->reset(design);
    const QString placed = QStringLiteral("host-b");
    QVERIFY(w.document()->moveNodes({{placed, QPointF(-900, -900)}}));
    QUndoStack *stack = w.document()->undoStack();
    const int steps = stack->count();

    const review::ArrangeReport report = toolsOf(w)->autoArrange(true);
    QVERIFY(report.applied);
    QCOMPARE(report.overlapsAfter, std::size_t(0));
    QCOMPARE(stack->count(), steps + 1);
    QCOMPARE(w.scene()->nodeFor(placed)->pos(), QPointF(-900, -900));
    QCOMPARE(overlappingNodes(*w.scene()), std::size_t(0));
    stack->undo();
    QVERIFY(!w.document()->design().layout.position("host-a"));

    // Without "keep", the hand-placed node moves too.
    const review::ArrangeReport all = toolsOf(w)->autoArrange(false);
    QVERIFY(all.applied);
    QVERIFY(w.scene()->nodeFor(placed)->pos() != QPointF(-900, -900));
}

void tst_Review::exportReportWritesPdfOfOpenDesign()
{
    MainWindow w;
    QVERIFY(w.openFile(example("red-blue")));
    review::ReviewTools *tools = toolsOf(w);
    // File → Export Review Report…
    bool inFileMenu = false;
    for (QObject *o : tools->exportReportAction()->associatedObjects())
        if (auto *menu = qobject_cast<QMenu *>(o))
            inFileMenu = inFileMenu || menu->title() == MainWindow::tr("&File");
    QVERIFY(inFileMenu);
    QTemporaryDir dir;
    for (const bool empty : {false, true}) {
        if (empty)
            w.document()->newDesign();
        const QString path = dir.filePath(empty ? QStringLiteral("empty.pdf") : QStringLiteral("red-blue.pdf"));
        QString error;
        QVERIFY2(tools->exportReportTo(path, &error), qPrintable(error));
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        // A title page, the diagram page, then findings and tables.
        const int pages = int(QString::fromLatin1(bytes).count(QRegularExpression(QStringLiteral("/Type\\s*/Page(?!s)"))));
        QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));
    }
}

void tst_Review::reviewActionsHaveShortcuts()
{
    MainWindow w;
    review::ReviewTools *tools = toolsOf(w);
    std::set<QString> seen;
    for (QAction *a : {tools->showPolicyAction(), tools->compareAction(), tools->autoArrangeAction(),
                       tools->autoArrangeKeepAction(), tools->exportReportAction()}) {
        QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->text()));
        QVERIFY(seen.insert(a->shortcut().toString()).second);
    }
    // No other action of the window uses them.
    for (QAction *a : w.findChildren<QAction *>()) {
        if (a == tools->showPolicyAction() || a == tools->compareAction() || a == tools->autoArrangeAction()
            || a == tools->autoArrangeKeepAction() || a == tools->exportReportAction())
            continue;
        for (const QKeySequence &k : a->shortcuts())
            QVERIFY2(!seen.count(k.toString()), qPrintable(a->text() + QStringLiteral(" ") + k.toString()));
    }
}

QTEST_MAIN(tst_Review)
#include "tst_review.moc"
