// Auto-arrange (designer/layout): every bundled example and a generated 2,000-entity design
// come out without overlapping nodes; pinned nodes stay put; crossings before and after and
// the time taken are logged (qInfo), never asserted against a clock.
// moc only needs QObject here; it cannot parse the C++20 library headers these pull in.
#ifndef Q_MOC_RUN
#include <netvirt/designer/design_document.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/diagram_scene.h>
#include <netvirt/designer/layout/auto_arrange.h>
#include <netvirt/designer/layout/scene_geometry.h>

#include <netvirt/core/io/design_io.h>
#include <netvirt/core/model/generator.h>
#endif

#include <QElapsedTimer>
#include <QtTest>

#include <unordered_map>
#include <unordered_set>

using namespace netvirt;
using namespace netvirt::designer;

namespace {

core::Design loadExample(const QString &name)
{
    const QString path = QStringLiteral(NETVIRT_SOURCE_DIR "/resources/examples/") + name + QStringLiteral(".json");
    auto loaded = core::io::loadDesign(path.toStdString());
    if (!loaded) {
        qWarning("%s", loaded.error().message.c_str());
        return {};
    }
    return std::move(*loaded);
}

core::Design generated2000()
{
    // 48 hosts and 920 VMs (one vNIC each) make a little over 2,000 entities.
    core::GeneratorOptions options;
    options.hosts = 48;
    options.vms = 920;
    return core::generateDesign(options);
}

} // namespace

class TestLayout : public QObject
{
    Q_OBJECT

private slots:
    void arrangesWithoutOverlap_data();
    void arrangesWithoutOverlap();
    void keepsPinnedNodes();
    void estimateMatchesScene();
    void countsCrossingsOfASimpleX();
};

void TestLayout::arrangesWithoutOverlap_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"red-blue", "three-tier", "converged-host", "rewrite", "broken"})
        QTest::newRow(name) << QString::fromLatin1(name);
    QTest::newRow("generated-2000") << QStringLiteral("generated-2000");
}

void TestLayout::arrangesWithoutOverlap()
{
    QFETCH(QString, name);
    core::Design design = name == QLatin1String("generated-2000") ? generated2000() : loadExample(name);
    QVERIFY(design.entityCount() > 0);
    if (name == QLatin1String("generated-2000"))
        QVERIFY2(design.entityCount() >= 2000, qPrintable(QString::number(design.entityCount())));

    DesignDocument doc;
    DesignSelection selection;
    doc.reset(design);
    DiagramScene scene(&doc, &selection);
    const layout::NodeSizes sizes = layout::nodeSizesOf(scene);
    const layout::Positions before = layout::positionsOf(scene);
    const std::size_t crossingsBefore = layout::countCrossings(doc.design(), before, sizes);

    QElapsedTimer timer;
    timer.start();
    const layout::Positions after = layout::arrange(doc.design(), sizes);
    const qint64 arrangeMs = timer.elapsed();
    timer.restart();
    const std::size_t crossingsAfter = layout::countCrossings(doc.design(), after, sizes);
    const qint64 countMs = timer.elapsed();

    qInfo().noquote() << QStringLiteral("%1: %2 entities, %3 nodes: crossings %4 before (%5), %6 after arrange; "
                                        "arrange %7 ms, crossing count %8 ms")
                             .arg(name)
                             .arg(doc.design().entityCount())
                             .arg(after.size())
                             .arg(crossingsBefore)
                             .arg(doc.design().layout.nodes.empty() ? QStringLiteral("lane layout")
                                                                    : QStringLiteral("positions in the file"))
                             .arg(crossingsAfter)
                             .arg(arrangeMs)
                             .arg(countMs);

    // Every node of the scene has exactly one position, and no two rectangles overlap.
    QCOMPARE(after.size(), std::size_t(scene.nodes().size()));
    std::unordered_set<core::Id> ids;
    for (const auto &[id, p] : after) {
        QVERIFY2(scene.nodes().contains(QString::fromStdString(id)), id.c_str());
        QVERIFY(ids.insert(id).second);
        QVERIFY(std::isfinite(p.x()) && std::isfinite(p.y()));
    }
    QCOMPARE(layout::countOverlaps(after, sizes), std::size_t(0));

    // The rows of DESIGNER-UX.md: each VM above the host it runs on, VMs left of VM networks.
    std::unordered_map<core::Id, QPointF> at(after.begin(), after.end());
    for (const core::Vm &vm : doc.design().vms)
        if (at.count(vm.host))
            QVERIFY2(at.at(vm.id).y() < at.at(vm.host).y(), vm.id.c_str());
    for (const core::VmNetwork &n : doc.design().vmNetworks)
        for (const core::Vm &vm : doc.design().vms)
            QVERIFY(at.at(vm.id).x() < at.at(n.id).x());
}

void TestLayout::keepsPinnedNodes()
{
    const core::Design design = loadExample(QStringLiteral("three-tier"));
    const layout::NodeSizes sizes = layout::NodeSizes::estimate(design);
    const std::vector<core::Id> nodes = layout::diagramNodes(design);
    QVERIFY(nodes.size() >= 3);
    // Pin two nodes where an arrange would put others, to force the rest to move around them.
    const layout::Positions free = layout::arrange(design, sizes);
    layout::ArrangeOptions options;
    options.pinned = {{nodes[0], free[2].second}, {nodes[1], free[2].second + QPointF(30, 250)}};
    const layout::Positions pinnedRun = layout::arrange(design, sizes, options);
    std::unordered_map<core::Id, QPointF> at(pinnedRun.begin(), pinnedRun.end());
    QCOMPARE(at.at(nodes[0]), options.pinned[0].second);
    QCOMPARE(at.at(nodes[1]), options.pinned[1].second);
    QCOMPARE(layout::countOverlaps(pinnedRun, sizes), std::size_t(0));

    // Stored positions (placed by hand) are kept with keepStoredPositions.
    core::Design placed = design;
    placed.layout.nodes.clear(); // the example stores every node: keep just one placed by hand
    placed.layout.setPosition(nodes[2], core::Point{-500, -700});
    layout::ArrangeOptions keep;
    keep.keepStoredPositions = true;
    const layout::Positions kept = layout::arrange(placed, sizes, keep);
    std::unordered_map<core::Id, QPointF> keptAt(kept.begin(), kept.end());
    QCOMPARE(keptAt.at(nodes[2]), QPointF(-500, -700));
    QCOMPARE(layout::countOverlaps(kept, sizes), std::size_t(0));
    // Without the option the stored position is ignored.
    const layout::Positions ignored = layout::arrange(placed, sizes);
    std::unordered_map<core::Id, QPointF> ignoredAt(ignored.begin(), ignored.end());
    QVERIFY(ignoredAt.at(nodes[2]) != QPointF(-500, -700));
}

void TestLayout::estimateMatchesScene()
{
    DesignDocument doc;
    DesignSelection selection;
    doc.reset(loadExample(QStringLiteral("converged-host")));
    DiagramScene scene(&doc, &selection);
    const layout::NodeSizes real = layout::nodeSizesOf(scene);
    const layout::NodeSizes estimate = layout::NodeSizes::estimate(doc.design());
    QCOMPARE(estimate.sizes.size(), real.sizes.size());
    for (auto it = real.sizes.begin(); it != real.sizes.end(); ++it)
        QVERIFY2(estimate.sizeOf(it.key()) == it.value(), qPrintable(it.key()));
}

void TestLayout::countsCrossingsOfASimpleX()
{
    // Two VMs on two hosts drawn crosswise: the two "runs on" edges cross once.
    core::Design d;
    d.hostGroups.push_back({"hg", "All", std::nullopt, {}});
    core::Host a;
    a.id = "host-a";
    a.name = "A";
    a.hostGroup = "hg";
    core::Host b = a;
    b.id = "host-b";
    b.name = "B";
    d.hosts = {a, b};
    core::Vm v1;
    v1.id = "vm-1";
    v1.name = "one";
    v1.host = "host-a";
    core::Vm v2 = v1;
    v2.id = "vm-2";
    v2.name = "two";
    v2.host = "host-b";
    d.vms = {v1, v2};
    d.reindex();
    const layout::NodeSizes sizes;
    const layout::Positions crossed = {{"vm-1", {0, 0}},       {"vm-2", {300, 0}},     {"host-a", {300, 300}},
                                       {"host-b", {0, 300}},   {"hg", {150, 1000}}};
    const layout::Positions straight = {{"vm-1", {0, 0}},      {"vm-2", {300, 0}},     {"host-a", {0, 300}},
                                        {"host-b", {300, 300}}, {"hg", {150, 1000}}};
    QCOMPARE(layout::countCrossings(d, crossed, sizes), std::size_t(1));
    QCOMPARE(layout::countCrossings(d, straight, sizes), std::size_t(0));
    QCOMPARE(layout::countCrossings(d, layout::arrange(d, sizes), sizes), std::size_t(0));
}

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
