// Designer scale benchmark: a generated design of about 10,000 entities opened in the real
// diagram (scene + view, offscreen): time to first paint (document reset, scene build,
// layout, colouring, first frame), full repaints at fit-to-window and at 100 %, and a pan
// step at 100 %. BM_Baseline_EmptyView grabs the same viewport over an empty design in the
// same run: report the others as a ratio to it (the fixed cost of a frame on this machine).
#include <netvirt/designer/design_document.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/diagram_scene.h>
#include <netvirt/designer/diagram_view.h>

#include <netvirt/core/model/generator.h>

#include <QApplication>
#include <QPixmap>
#include <QScrollBar>

#include <benchmark/benchmark.h>

using namespace netvirt;

namespace {

core::Design makeDesign(std::size_t vms)
{
    core::GeneratorOptions o;
    o.vms = vms;
    o.hosts = std::max<std::size_t>(4, vms / 25);
    o.seed = 7;
    return core::generateDesign(o);
}

struct Fixture {
    designer::DesignDocument doc;
    designer::DesignSelection selection;
    designer::DiagramScene scene{&doc, &selection};
    designer::DiagramView view{&scene};

    Fixture()
    {
        view.resize(1600, 1000);
        view.setMinimapVisible(false);
    }
    void paint() { benchmark::DoNotOptimize(view.viewport()->grab()); }
};

// 4,650 VMs → ~10,000 entities (VMs, vNICs, hosts, NICs, subnets, networks, pools, ...).
constexpr std::size_t kVms = 4650;

void BM_Baseline_EmptyView(benchmark::State &state)
{
    Fixture f;
    f.paint();
    for (auto _ : state)
        f.paint();
}
BENCHMARK(BM_Baseline_EmptyView)->Unit(benchmark::kMillisecond);

void BM_OpenAndFirstPaint(benchmark::State &state)
{
    const core::Design design = makeDesign(std::size_t(state.range(0)));
    for (auto _ : state) {
        Fixture f;
        f.doc.reset(design);
        f.view.zoomToFit();
        f.paint();
        state.counters["entities"] = double(f.doc.design().entityCount());
        state.counters["items"] = double(f.scene.items().size());
    }
}
BENCHMARK(BM_OpenAndFirstPaint)->Arg(kVms)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_RepaintFitToWindow(benchmark::State &state)
{
    Fixture f;
    f.doc.reset(makeDesign(std::size_t(state.range(0))));
    f.view.zoomToFit();
    f.paint();
    for (auto _ : state)
        f.paint();
    state.counters["entities"] = double(f.doc.design().entityCount());
}
BENCHMARK(BM_RepaintFitToWindow)->Arg(kVms)->Unit(benchmark::kMillisecond);

void BM_Repaint100Percent(benchmark::State &state)
{
    Fixture f;
    f.doc.reset(makeDesign(std::size_t(state.range(0))));
    f.view.setZoom(1.0);
    f.view.centerOn(f.scene.contentsRect().center());
    f.paint();
    for (auto _ : state)
        f.paint();
}
BENCHMARK(BM_Repaint100Percent)->Arg(kVms)->Unit(benchmark::kMillisecond);

// One step of a drag-pan at 100 %: scroll 120 px and repaint what the view repaints.
void BM_PanStep100Percent(benchmark::State &state)
{
    Fixture f;
    f.doc.reset(makeDesign(std::size_t(state.range(0))));
    f.view.setZoom(1.0);
    f.view.centerOn(f.scene.contentsRect().center());
    f.paint();
    int dir = 1;
    for (auto _ : state) {
        QScrollBar *bar = f.view.horizontalScrollBar();
        bar->setValue(bar->value() + 120 * dir);
        dir = -dir;
        f.paint();
    }
}
BENCHMARK(BM_PanStep100Percent)->Arg(kVms)->Unit(benchmark::kMillisecond);

void BM_EditAndRevalidate(benchmark::State &state)
{
    Fixture f;
    f.doc.reset(makeDesign(std::size_t(state.range(0))));
    const core::Id vm = f.doc.design().vms[f.doc.design().vms.size() / 2].id;
    int n = 0;
    for (auto _ : state) {
        (void)f.doc.setField(vm, "name", "BENCH-" + std::to_string(n++));
        f.doc.undoStack()->clear();
    }
}
BENCHMARK(BM_EditAndRevalidate)->Arg(kVms)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
