// Runtime throughput: TAP-to-TAP forwarding through the engine against a minimal read/write
// loop between the same two TAPs (64 and 1500-byte frames; 1 and 2 worker threads), and
// endpoint-only packets per second (a trivial forwarder, and the real HNV pipeline across
// two hosts of red-blue.json). The TAP cases need root; they are skipped otherwise.
//   build/tests/benchmarks/bench_runtime --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <poll.h>
#include <thread>
#include <unistd.h>

#include <netvirt/core/io/design_io.h>
#include <netvirt/emulator/io/host_ops.h>
#include <netvirt/emulator/io/tap_port.h>
#include <netvirt/emulator/io/vm_endpoint.h>
#include <netvirt/emulator/packet/ethernet.h>
#include <netvirt/emulator/runtime/emulation.h>
#include <netvirt/emulator/runtime/engine.h>

using namespace netvirt::emulator;
using namespace std::chrono_literals;

namespace {

constexpr auto kWindow = 1s;

// Sends every frame to the other port (two-port cross-connect).
class CrossConnect final : public runtime::Forwarder {
public:
    void process(runtime::PortIndex ingress, packet::FrameBuffer &frame, runtime::Emitter &out) const override
    {
        out.transmit(ingress ^ 1u, frame.cdata());
    }
};

class MacSwitch final : public runtime::Forwarder {
public:
    std::vector<packet::MacAddr> macs;
    void process(runtime::PortIndex ingress, packet::FrameBuffer &frame, runtime::Emitter &out) const override
    {
        auto eth = packet::EthernetView::from(frame.cdata());
        if (!eth)
            return;
        for (runtime::PortIndex p = 0; p < macs.size(); ++p)
            if (p != ingress && (eth->dst().isBroadcast() || eth->dst() == macs[p]))
                out.transmit(p, frame.cdata());
    }
};

std::shared_ptr<const runtime::EngineSnapshot> snapshotOf(std::shared_ptr<const runtime::Forwarder> f, std::size_t ports)
{
    auto s = std::make_shared<runtime::EngineSnapshot>();
    s->forwarder = std::move(f);
    s->ports.assign(ports, runtime::PortPlacement{0, 0, true});
    s->generation = 1;
    return s;
}

// gen ─ nvbench0 ─ A  ⇄ (engine or baseline loop) ⇄  B ─ nvbench1 ─ sink
struct TapRig {
    io::TapDevice gen, a, b, sink;
    bool ok = false;
    std::string why;

    TapRig()
    {
        if (!io::checkNetworkPrivileges().ok) {
            why = "needs root: " + io::checkNetworkPrivileges().missing;
            return;
        }
        for (auto *br : {"nvbench0", "nvbench1"})
            (void)io::runIp({"link", "add", br, "type", "bridge"});
        auto open = [&](const char *name, const char *br, io::TapDevice &dev) {
            auto t = io::TapDevice::open(name);
            if (!t)
                return false;
            dev = std::move(t.value());
            return io::runIp({"link", "set", name, "addrgenmode", "none", "master", br, "up"}).ok();
        };
        ok = open("nvbg", "nvbench0", gen) && open("nvba", "nvbench0", a) && open("nvbb", "nvbench1", b)
            && open("nvbs", "nvbench1", sink);
        for (auto *br : {"nvbench0", "nvbench1"}) {
            (void)io::runIp({"link", "set", br, "addrgenmode", "none", "up"});
            // Forward at once; no STP delay.
            (void)io::runIp({"link", "set", br, "type", "bridge", "forward_delay", "0", "stp_state", "0"});
        }
        if (!ok)
            why = "TAP set-up failed";
    }
    ~TapRig()
    {
        for (auto *br : {"nvbench0", "nvbench1"})
            (void)io::runIp({"link", "del", br});
    }
};

TapRig &rig()
{
    static TapRig r;
    return r;
}

// Floods frames of `bytes` into the generator TAP and counts what reaches the sink in kWindow.
double measure(int genFd, int sinkFd, std::size_t bytes)
{
    std::vector<std::uint8_t> frame(bytes, 0);
    const packet::MacAddr dst{{0x02, 0x4e, 0x56, 0, 0, 2}}, src{{0x02, 0x4e, 0x56, 0, 0, 1}};
    dst.store(frame.data());
    src.store(frame.data() + 6);
    packet::store16(frame.data() + 12, 0x88B5);   // local experimental EtherType
    std::atomic<bool> stop{false};
    std::thread generator([&] {
        while (!stop.load(std::memory_order_relaxed))
            (void)::write(genFd, frame.data(), frame.size());
    });
    std::uint8_t buf[9216];
    // Drain what is queued from before, then count.
    while (::read(sinkFd, buf, sizeof buf) > 0) {
    }
    std::uint64_t got = 0;
    const auto end = std::chrono::steady_clock::now() + kWindow;
    while (std::chrono::steady_clock::now() < end) {
        pollfd p{sinkFd, POLLIN, 0};
        if (::poll(&p, 1, 10) <= 0)
            continue;
        while (::read(sinkFd, buf, sizeof buf) > 0)
            ++got;
    }
    stop = true;
    generator.join();
    return static_cast<double>(got) / std::chrono::duration<double>(kWindow).count();
}

void BM_TapBaselineLoop(benchmark::State &state)
{
    auto &r = rig();
    if (!r.ok) {
        state.SkipWithError(r.why.c_str());
        return;
    }
    const auto bytes = static_cast<std::size_t>(state.range(0));
    int aFd = r.a.releaseQueue(0), bFd = r.b.releaseQueue(0), gFd = r.gen.releaseQueue(0), sFd = r.sink.releaseQueue(0);
    for (auto _ : state) {
        std::atomic<bool> stop{false};
        std::thread loop([&] {
            std::uint8_t buf[9216];
            while (!stop.load(std::memory_order_relaxed)) {
                pollfd p{aFd, POLLIN, 0};
                if (::poll(&p, 1, 10) <= 0)
                    continue;
                ssize_t n;
                while ((n = ::read(aFd, buf, sizeof buf)) > 0)
                    (void)::write(bFd, buf, static_cast<std::size_t>(n));
            }
        });
        state.counters["fps"] = measure(gFd, sFd, bytes);
        stop = true;
        loop.join();
    }
    ::close(aFd);
    ::close(bFd);
    ::close(gFd);
    ::close(sFd);
    r.ok = false;   // descriptors consumed: rebuild the rig for the next case
    r.~TapRig();
    new (&r) TapRig();
}

void BM_TapEngine(benchmark::State &state)
{
    auto &r = rig();
    if (!r.ok) {
        state.SkipWithError(r.why.c_str());
        return;
    }
    const auto bytes = static_cast<std::size_t>(state.range(0));
    const auto threads = static_cast<unsigned>(state.range(1));
    int gFd = r.gen.releaseQueue(0), sFd = r.sink.releaseQueue(0);
    for (auto _ : state) {
        runtime::Engine engine(runtime::EngineConfig{threads});
        // Port ids chosen so that with two threads the ports sit on different workers.
        std::string idA = "a", idB = "b0";
        for (int i = 0; threads > 1 && runtime::placeWorker(idA, threads) == runtime::placeWorker(idB, threads); ++i)
            idB = "b" + std::to_string(i);
        engine.addPort(idA, std::make_unique<io::TapPort>(r.a.releaseQueue(0), "tap nvba"));
        engine.addPort(idB, std::make_unique<io::TapPort>(r.b.releaseQueue(0), "tap nvbb"));
        engine.publish(snapshotOf(std::make_shared<CrossConnect>(), 2));
        (void)engine.start();
        state.counters["fps"] = measure(gFd, sFd, bytes);
        auto stats = engine.stats();
        state.counters["queue_full"] = static_cast<double>(stats.ports[0].drops[std::size_t(runtime::DropReason::QueueFull)]
                                                           + stats.ports[1].drops[std::size_t(runtime::DropReason::QueueFull)]);
        engine.stop();
    }
    ::close(gFd);
    ::close(sFd);
    r.ok = false;
    r.~TapRig();
    new (&r) TapRig();
}

void BM_EndpointsMacSwitch(benchmark::State &state)
{
    const auto threads = static_cast<unsigned>(state.range(0));
    for (auto _ : state) {
        runtime::Engine engine(runtime::EngineConfig{threads});
        auto sw = std::make_shared<MacSwitch>();
        std::vector<io::VmEndpoint *> eps;
        for (std::uint8_t i = 0; i < 2; ++i) {
            io::EndpointConfig c;
            c.mac = packet::MacAddr{{0x02, 0, 0, 0, 0, static_cast<std::uint8_t>(i + 1)}};
            c.ip = packet::ipv4(10, 0, 0, i + 1);
            auto ep = std::make_unique<io::VmEndpoint>(c);
            eps.push_back(ep.get());
            engine.addPort(i == 0 ? "a" : (threads > 1 ? "b1" : "b"), std::move(ep));
            sw->macs.push_back(c.mac);
        }
        engine.publish(snapshotOf(sw, 2));
        (void)engine.start();
        io::FlowSpec udp;
        udp.target = packet::ipv4(10, 0, 0, 2);
        udp.ratePps = 0;
        udp.payloadBytes = 18;   // 64-byte frames
        eps[0]->startUdpFlow(udp);
        std::this_thread::sleep_for(200ms);
        const auto before = eps[1]->stats().udpReceived;
        std::this_thread::sleep_for(kWindow);
        state.counters["pps"] = static_cast<double>(eps[1]->stats().udpReceived - before);
        auto st = engine.stats();
        state.counters["generated"] = static_cast<double>(st.ports[0].rxPackets);
        state.counters["queue_full"] = static_cast<double>(st.ports[0].drops[std::size_t(runtime::DropReason::QueueFull)]
                                                           + st.ports[1].drops[std::size_t(runtime::DropReason::QueueFull)]);
        state.counters["same_worker"] = engine.workerOf(0) == engine.workerOf(1);
        engine.stop();
    }
}

void BM_EndpointsHnvPipeline(benchmark::State &state)
{
    const auto threads = static_cast<unsigned>(state.range(0));
    for (auto _ : state) {
        auto design = netvirt::core::io::loadDesign(NETVIRT_SOURCE_DIR "/resources/examples/red-blue.json");
        runtime::EmulationOverrides o;
        o.threads = threads;
        o.attach = runtime::AttachKind::Endpoint;
        o.underlay = runtime::UnderlayKind::Memory;
        auto settings = runtime::resolveSettings(*design, o);
        auto emu = runtime::Emulation::create(std::move(design.value()), std::move(settings.value()));
        (void)(*emu)->start();
        io::FlowSpec udp;
        udp.target = packet::ipv4(10, 1, 1, 8);
        udp.ratePps = 0;
        udp.payloadBytes = 18;
        (*emu)->endpoint("vm-red-web1")->startUdpFlow(udp);
        auto *sink = (*emu)->endpoint("vm-red-web2");
        std::this_thread::sleep_for(200ms);
        const auto before = sink->stats().udpReceived;
        std::this_thread::sleep_for(kWindow);
        state.counters["pps"] = static_cast<double>(sink->stats().udpReceived - before);
        (void)(*emu)->stop();
    }
}

} // namespace

BENCHMARK(BM_TapBaselineLoop)->Arg(64)->Arg(1500)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TapEngine)->Args({64, 1})->Args({1500, 1})->Args({64, 2})->Args({1500, 2})->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EndpointsMacSwitch)->Arg(1)->Arg(2)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EndpointsHnvPipeline)->Arg(1)->Arg(2)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
