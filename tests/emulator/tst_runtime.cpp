// Runtime engine, SPSC ring, snapshot publication, endpoints, counters, command parsing and
// the cleanup journal (with fake devices): everything that runs without privileges.
#include <QtTest>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <random>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <boost/asio/post.hpp>

#include <netvirt/emulator/capture/capture.h>
#include <netvirt/emulator/io/cleanup_journal.h>
#include <netvirt/emulator/io/naming.h>
#include <netvirt/emulator/io/vm_endpoint.h>
#include <netvirt/emulator/packet/ethernet.h>
#include <netvirt/core/io/design_io.h>
#include <netvirt/emulator/runtime/command_queue.h>
#include <netvirt/emulator/runtime/emulate.h>
#include <netvirt/emulator/runtime/emulation.h>
#include <netvirt/emulator/runtime/engine.h>
#include <netvirt/emulator/runtime/provider_neighbours.h>
#include <netvirt/emulator/runtime/snapshot_cell.h>
#include <netvirt/emulator/runtime/spsc_ring.h>

#include "runtime_fixture.h"

using namespace netvirt::emulator;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A learning-free L2 switch over the engine's ports: each port's MAC is known up front.
class MacSwitch final : public runtime::Forwarder {
public:
    std::vector<packet::MacAddr> macs;   // by port
    int tag = 0;

    void process(runtime::PortIndex ingress, packet::FrameBuffer &frame, runtime::Emitter &out) const override
    {
        auto eth = packet::EthernetView::from(frame.cdata());
        if (!eth) {
            out.drop(runtime::DropReason::Malformed, ingress, runtime::kNoIndex, runtime::kNoIndex);
            return;
        }
        for (runtime::PortIndex p = 0; p < macs.size(); ++p) {
            if (p == ingress)
                continue;
            if (eth->dst().isMulticast() || eth->dst() == macs[p])
                out.transmit(p, frame.cdata());
        }
    }
};

packet::MacAddr mac(std::uint8_t last)
{
    return packet::MacAddr{{0x02, 0, 0, 0, 0, last}};
}

std::shared_ptr<const runtime::EngineSnapshot> snapshotFor(std::shared_ptr<const MacSwitch> sw, std::size_t ports,
                                                           std::uint64_t generation)
{
    auto s = std::make_shared<runtime::EngineSnapshot>();
    s->forwarder = std::move(sw);
    s->ports.resize(ports);
    for (std::size_t i = 0; i < ports; ++i)
        s->ports[i] = runtime::PortPlacement{0, static_cast<std::uint32_t>(i % 2), true};
    s->generation = generation;
    return s;
}

// A port with two queues (like a multi-queue TAP): each started queue remembers its worker
// thread; a generating port pushes `frames` frames per queue to MAC 2 in bursts on that
// worker once `go` is set; transmitOn() counts per queue and checks it runs on the queue's own worker.
class FakeQueuedPort final : public io::PortBackend {
public:
    explicit FakeQueuedPort(std::uint64_t frames) : m_frames(frames) {}

    unsigned queues() const override { return 2; }
    void start(io::PortContext &c, io::PortIndex self) override { startQueue(c, self, 0); }
    void startQueue(io::PortContext &c, io::PortIndex self, unsigned q) override
    {
        m_q[q].thread = std::this_thread::get_id();
        if (m_frames)
            boost::asio::post(c.ioContext(), [this, &c, self, q] { generate(c, self, q); });
    }
    bool transmit(packet::ConstBytes f) override { return transmitOn(0, f); }
    bool transmitOn(unsigned q, packet::ConstBytes) override
    {
        if (std::this_thread::get_id() != m_q[q].thread)
            m_q[q].wrongThread.fetch_add(1, std::memory_order_relaxed);
        m_q[q].sent.fetch_add(1, std::memory_order_relaxed);
        return true;
    }
    void stop() override {}
    std::string describe() const override { return "fake queues"; }

    struct Queue {
        std::thread::id thread;
        std::atomic<std::uint64_t> sent{0};
        std::atomic<std::uint64_t> wrongThread{0};
        std::uint64_t generated = 0;
    };
    Queue m_q[2];
    std::atomic<bool> go{false};

private:
    void generate(io::PortContext &c, io::PortIndex self, unsigned q)
    {
        if (!go.load(std::memory_order_acquire)) {   // until every port has started
            boost::asio::post(c.ioContext(), [this, &c, self, q] { generate(c, self, q); });
            return;
        }
        packet::FrameBuffer f;
        c.beginBurst();
        for (int i = 0; i < io::kBurstFrames && m_q[q].generated < m_frames; ++i, ++m_q[q].generated) {
            std::uint8_t bytes[60] = {};
            mac(2).store(bytes);
            mac(1).store(bytes + 6);
            (void)f.assign(packet::ConstBytes(bytes, sizeof bytes));
            c.receive(self, f);
        }
        c.endBurst();
        if (m_q[q].generated < m_frames)
            boost::asio::post(c.ioContext(), [this, &c, self, q] { generate(c, self, q); });
    }
    std::uint64_t m_frames;
};

class FakeDevices final : public io::DeviceOps {
public:
    std::set<std::pair<int, std::string>> present;
    std::vector<std::string> removed;
    bool exists(const io::Resource &r) override { return present.count({int(r.kind), r.name}) > 0; }
    netvirt::core::Result<void> remove(const io::Resource &r) override
    {
        present.erase({int(r.kind), r.name});
        removed.push_back(r.name);
        return {};
    }
};

} // namespace

class tst_Runtime : public QObject {
    Q_OBJECT

private slots:
    void spscRingKeepsOrderAcrossThreads();
    void spscRingReportsFull();
    void snapshotSwapUnderLoad();
    void engineForwardsPingBetweenEndpointsOnTwoWorkers();
    void engineCountsDropsAndLinkDown();
    void engineUdpFlowAtRate();
    void namingFollowsCliRules();
    void journalRecordsBeforeCreateAndTearsDownInReverse();
    void journalRefusesExistingDevice();
    void journalRecoversOnlyDeadInstances();
    void captureWritesCompressedPcapAndReadsItBack();
    void emulationPingsAcrossHostsAndKeepsTenantsApart();
    void migrationUnderPingLosesAtMostTwo();
    void teamFailoverLosesAtMostTwo();
    void policyUpdatesWhileForwarding();
    void commandQueueParsesAndExecutes();
    void settingsFollowDesignThenOverrides();
    void runEmulateWithoutPrivilegesNamesWhatIsMissing();
    void replayPushesACaptureThroughThePipeline();
    void hostGroupEmulatesOnlyItsHosts();
    void multiQueuePortsForwardOnTheReceivingWorker();
    void providerNeighboursLearnAndThrottleRequests();
    void endpointsPingOverIpv6AfterNeighbourDiscovery();
};

void tst_Runtime::spscRingKeepsOrderAcrossThreads()
{
    static runtime::SpscRing<std::uint64_t, 1024> ring;
    constexpr std::uint64_t kCount = 2'000'000;
    std::thread producer([] {
        for (std::uint64_t i = 1; i <= kCount;) {
            if (ring.tryPush(i))
                ++i;
        }
    });
    std::uint64_t expected = 1;
    bool inOrder = true;
    while (expected <= kCount) {
        std::uint64_t v;
        if (ring.tryPop(v)) {
            inOrder = inOrder && v == expected;
            ++expected;
        }
    }
    producer.join();
    QVERIFY(inOrder);
    QVERIFY(ring.empty());
}

void tst_Runtime::spscRingReportsFull()
{
    runtime::SpscRing<int, 4> ring;
    for (int i = 0; i < 4; ++i)
        QVERIFY(ring.tryPush(i));
    QVERIFY(!ring.tryPush(99));
    QVERIFY(ring.claim() == nullptr);
    int v = -1;
    QVERIFY(ring.tryPop(v));
    QCOMPARE(v, 0);
    QVERIFY(ring.tryPush(4));
    QCOMPARE(ring.size(), std::size_t{4});
}

void tst_Runtime::snapshotSwapUnderLoad()
{
    struct Value {
        std::uint64_t a;
        std::uint64_t b;   // always a * 2: a torn or freed value would break it
    };
    runtime::SnapshotCell<Value> cell(std::make_shared<const Value>(Value{0, 0}));
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> reads{0};
    std::atomic<bool> consistent{true};
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t)
        readers.emplace_back([&] {
            while (!stop.load()) {
                auto v = cell.load();
                if (v->b != v->a * 2)
                    consistent = false;
                reads.fetch_add(1, std::memory_order_relaxed);
            }
        });
    // Keep publishing until the readers have overlapped many swaps (the cores may be busy).
    std::uint64_t i = 0;
    while (i < 20000 || reads.load() < 20000)
        ++i, cell.publish(std::make_shared<const Value>(Value{i, i * 2}));
    stop = true;
    for (auto &t : readers)
        t.join();
    QVERIFY(consistent.load());
    QVERIFY(reads.load() > 0);
    QCOMPARE(cell.load()->a, i);
}

void tst_Runtime::engineForwardsPingBetweenEndpointsOnTwoWorkers()
{
    runtime::Engine engine(runtime::EngineConfig{2});
    auto sw = std::make_shared<MacSwitch>();
    std::vector<io::VmEndpoint *> eps;
    // Port ids chosen so that the two land on different workers.
    std::vector<std::string> ids;
    for (int i = 0; ids.size() < 2 && i < 100; ++i) {
        std::string id = "vm" + std::to_string(i) + "/nic0";
        if (ids.empty() || runtime::placeWorker(id, 2) != runtime::placeWorker(ids[0], 2))
            ids.push_back(id);
    }
    QCOMPARE(ids.size(), std::size_t{2});
    for (std::uint8_t i = 0; i < 2; ++i) {
        io::EndpointConfig c;
        c.mac = mac(i + 1);
        c.ip = packet::ipv4(10, 0, 0, i + 1);
        c.prefixLength = 24;
        auto ep = std::make_unique<io::VmEndpoint>(c);
        eps.push_back(ep.get());
        engine.addPort(ids[i], std::move(ep));
        sw->macs.push_back(c.mac);
    }
    engine.setCounterShape(1, 2);
    engine.publish(snapshotFor(sw, 2, 1));
    QVERIFY(engine.workerOf(0) != engine.workerOf(1));
    QVERIFY(engine.start().ok());
    io::FlowSpec ping;
    ping.target = packet::ipv4(10, 0, 0, 2);
    ping.ratePps = 1000;
    ping.count = 50;
    eps[0]->startPing(ping);
    QTRY_COMPARE_WITH_TIMEOUT(eps[0]->stats().pingRepliesReceived, std::uint64_t{50}, 5000);
    QCOMPARE(eps[1]->stats().echoRequestsAnswered, std::uint64_t{50});
    QCOMPARE(eps[1]->stats().arpAnswered, std::uint64_t{1});
    auto stats = engine.stats();
    // 1 ARP request + 50 echo requests from port 0; 1 ARP reply + 50 replies from port 1.
    QCOMPARE(stats.ports[0].rxPackets, std::uint64_t{51});
    QCOMPARE(stats.ports[1].rxPackets, std::uint64_t{51});
    QCOMPARE(stats.ports[1].txPackets, std::uint64_t{51});
    QCOMPARE(stats.hosts[0].rxPackets, std::uint64_t{102});
    QCOMPARE(stats.vsids[0].rxPackets + stats.vsids[1].rxPackets, std::uint64_t{102});
    engine.stop();
}

void tst_Runtime::engineCountsDropsAndLinkDown()
{
    runtime::Engine engine(runtime::EngineConfig{1});
    auto sw = std::make_shared<MacSwitch>();
    io::EndpointConfig c;
    c.mac = mac(1);
    c.ip = packet::ipv4(10, 0, 0, 1);
    engine.addPort("a", std::make_unique<io::VmEndpoint>(c));
    sw->macs.push_back(c.mac);
    engine.setCounterShape(1, 2);
    auto snap = std::make_shared<runtime::EngineSnapshot>(*snapshotFor(sw, 1, 1));
    engine.publish(snap);
    QVERIFY(engine.start().ok());
    const std::uint8_t runt[6] = {1, 2, 3, 4, 5, 6};
    engine.inject(0, packet::ConstBytes(runt, sizeof runt));
    QTRY_COMPARE(engine.stats().ports[0].drops[std::size_t(runtime::DropReason::Malformed)], std::uint64_t{1});
    auto down = std::make_shared<runtime::EngineSnapshot>(*snap);
    down->ports[0].up = false;
    down->generation = 2;
    engine.publish(down);
    engine.inject(0, packet::ConstBytes(runt, sizeof runt));
    QTRY_COMPARE(engine.stats().ports[0].drops[std::size_t(runtime::DropReason::LinkDown)], std::uint64_t{1});
    QCOMPARE(engine.stats().generation, std::uint64_t{2});
    QCOMPARE(engine.stats().ports[0].totalDrops(), std::uint64_t{2});
    engine.stop();
}

void tst_Runtime::engineUdpFlowAtRate()
{
    runtime::Engine engine(runtime::EngineConfig{2});
    auto sw = std::make_shared<MacSwitch>();
    std::vector<io::VmEndpoint *> eps;
    for (std::uint8_t i = 0; i < 2; ++i) {
        io::EndpointConfig c;
        c.mac = mac(i + 1);
        c.ip = packet::ipv4(10, 0, 0, i + 1);
        auto ep = std::make_unique<io::VmEndpoint>(c);
        eps.push_back(ep.get());
        engine.addPort("p" + std::to_string(i), std::move(ep));
        sw->macs.push_back(c.mac);
    }
    engine.publish(snapshotFor(sw, 2, 1));
    QVERIFY(engine.start().ok());
    io::FlowSpec udp;
    udp.target = packet::ipv4(10, 0, 0, 2);
    udp.ratePps = 2000;
    udp.count = 400;
    udp.payloadBytes = 100;
    eps[0]->startUdpFlow(udp);
    QTRY_COMPARE_WITH_TIMEOUT(eps[1]->stats().udpReceived, std::uint64_t{400}, 5000);
    QCOMPARE(eps[1]->stats().udpBytesReceived, std::uint64_t{40000});
    engine.stop();
}

void tst_Runtime::namingFollowsCliRules()
{
    QCOMPARE(QString::fromStdString(io::namespaceBaseName("RED-WEB1")), QString("nv-red-web1"));
    QCOMPARE(QString::fromStdString(io::namespaceBaseName("Db Server_2")), QString("nv-db-server-2"));
    QCOMPARE(io::namespaceBaseName(std::string(60, 'x')).size(), std::size_t{40});
    const std::string tap = io::tapNameFor("vm-red-web1/nic0");
    QCOMPARE(tap.size(), std::size_t{15});
    QVERIFY(tap.rfind("nvt", 0) == 0);
    QCOMPARE(io::tapNameFor("vm-red-web1/nic0"), tap);
    QVERIFY(io::tapNameFor("vm-red-web1/nic1") != tap);

    netvirt::core::Design d;
    netvirt::core::Vm a{"vm-b", "Web", "h", {}, {}, {}};
    a.nics = {netvirt::core::VmNic{"vm-b/nic0", {}, {}, {}, {}, {}, {}, {}, {}, {}},
              netvirt::core::VmNic{"vm-b/nic1", {}, {}, {}, {}, {}, {}, {}, {}, {}}};
    netvirt::core::Vm b{"vm-a", "web", "h", {}, {}, {}};
    b.nics = {netvirt::core::VmNic{"vm-a/nic0", {}, {}, {}, {}, {}, {}, {}, {}, {}}};
    d.vms = {a, b};
    auto names = io::namespaceNames(d);
    QCOMPARE(QString::fromStdString(names["vm-a/nic0"]), QString("nv-web"));     // lower VM id first
    QCOMPARE(QString::fromStdString(names["vm-b/nic0"]), QString("nv-web~2"));
    QCOMPARE(QString::fromStdString(names["vm-b/nic1"]), QString("nv-web-1"));
}

void tst_Runtime::journalRecordsBeforeCreateAndTearsDownInReverse()
{
    QTemporaryDir dir;
    FakeDevices devs;
    auto j = io::CleanupJournal::create(dir.path().toStdString(), io::ProcessIdentity{424242, 7});
    QVERIFY(j.ok());
    QVERIFY(j->recordIntent({io::ResourceKind::Namespace, "nv-a"}, devs).ok());
    // The record is on disk before the device exists.
    {
        std::ifstream f(j->path());
        std::string all((std::istreambuf_iterator<char>(f)), {});
        QVERIFY(all.find("+ netns nv-a") != std::string::npos);
    }
    devs.present.insert({int(io::ResourceKind::Namespace), "nv-a"});
    QVERIFY(j->recordIntent({io::ResourceKind::Link, "nvt000000000001"}, devs).ok());
    devs.present.insert({int(io::ResourceKind::Link), "nvt000000000001"});
    QVERIFY(j->recordIntent({io::ResourceKind::Link, "nvt000000000002"}, devs).ok());
    j->recordAbandoned({io::ResourceKind::Link, "nvt000000000002"});   // creation failed
    QVERIFY(!j->recordIntent({io::ResourceKind::Link, "eth0"}, devs).ok());   // not our prefix
    const std::string path = j->path();
    auto errors = j->teardown(devs);
    QVERIFY(errors.empty());
    QCOMPARE(devs.removed, (std::vector<std::string>{"nvt000000000001", "nv-a"}));
    QVERIFY(!fs::exists(path));
}

void tst_Runtime::journalRefusesExistingDevice()
{
    QTemporaryDir dir;
    FakeDevices devs;
    devs.present.insert({int(io::ResourceKind::Link), "nvpa0"});   // someone else's
    auto j = io::CleanupJournal::create(dir.path().toStdString(), io::ProcessIdentity{424243, 7});
    QVERIFY(j.ok());
    auto r = j->recordIntent({io::ResourceKind::Link, "nvpa0"}, devs);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, netvirt::core::ErrorCode::Conflict);
    (void)j->teardown(devs);
    QVERIFY(devs.removed.empty());
    QVERIFY(devs.present.count({int(io::ResourceKind::Link), "nvpa0"}));
}

void tst_Runtime::journalRecoversOnlyDeadInstances()
{
    QTemporaryDir dir;
    const std::string d = dir.path().toStdString();
    FakeDevices devs;
    {
        auto dead = io::CleanupJournal::create(d, io::ProcessIdentity{1111, 1});
        QVERIFY(dead->recordIntent({io::ResourceKind::Namespace, "nv-dead"}, devs).ok());
        QVERIFY(dead->recordIntent({io::ResourceKind::Link, "nvtdead00000001"}, devs).ok());
        auto live = io::CleanupJournal::create(d, io::ProcessIdentity{2222, 1});
        QVERIFY(live->recordIntent({io::ResourceKind::Namespace, "nv-live"}, devs).ok());
        // Both "crash": the journals stay behind.
    }
    devs.present = {{int(io::ResourceKind::Namespace), "nv-dead"}, {int(io::ResourceKind::Link), "nvtdead00000001"},
                    {int(io::ResourceKind::Namespace), "nv-live"}, {int(io::ResourceKind::Link), "nvtnotours00001"}};
    // A torn last line must not confuse the replay.
    {
        std::ofstream f(d + "/emulate-1111.journal", std::ios::app);
        f << "+ li";
    }
    auto report = io::recoverStaleJournals(d, devs, [](const io::ProcessIdentity &p) { return p.pid == 2222; });
    QVERIFY(report.errors.empty());
    QCOMPARE(report.journals.size(), std::size_t{1});
    QCOMPARE(devs.removed, (std::vector<std::string>{"nvtdead00000001", "nv-dead"}));
    QVERIFY(devs.present.count({int(io::ResourceKind::Namespace), "nv-live"}));
    QVERIFY(devs.present.count({int(io::ResourceKind::Link), "nvtnotours00001"}));
    QVERIFY(!fs::exists(d + "/emulate-1111.journal"));
    QVERIFY(fs::exists(d + "/emulate-2222.journal"));
    // The real liveness check: this process is alive, a made-up start time is not it.
    QVERIFY(io::processAlive(io::currentProcess()));
    auto self = io::currentProcess();
    QVERIFY(!io::processAlive(io::ProcessIdentity{self.pid, self.startTime + 12345}));
}

void tst_Runtime::captureWritesCompressedPcapAndReadsItBack()
{
    QTemporaryDir dir;
    auto cap = capture::PortCapture::open(dir.path().toStdString(), "vm-red-web1/nic0");
    QVERIFY2(cap.ok(), cap.ok() ? "" : cap.error().message.c_str());
    std::vector<std::uint8_t> frame(60, 0xAB);
    for (int i = 0; i < 10; ++i) {
        frame[0] = static_cast<std::uint8_t>(i);
        (*cap)->write(runtime::FrameDirection::Rx, packet::ConstBytes(frame.data(), frame.size()));
    }
    auto path = (*cap)->finish();
    QVERIFY(path.ok());
    QVERIFY(QString::fromStdString(*path).endsWith("vm-red-web1_nic0.pcap.zst"));
    QVERIFY(!fs::exists(dir.path().toStdString() + "/vm-red-web1_nic0.pcap"));
    auto records = capture::readCapture(*path);
    QVERIFY2(records.ok(), records.ok() ? "" : records.error().message.c_str());
    QCOMPARE(records->size(), std::size_t{10});
    QCOMPARE((*records)[3].bytes[0], std::uint8_t{3});
    QCOMPARE((*records)[3].bytes.size(), std::size_t{60});
}

namespace {

using runtime_fixture::startRedBlue;

io::FlowSpec pingTo(packet::Ipv4Addr target, double pps, std::uint64_t count)
{
    io::FlowSpec f;
    f.target = target;
    f.ratePps = pps;
    f.count = count;
    return f;
}

std::uint64_t drops(const runtime::EmulationStats &s, runtime::DropReason r)
{
    std::uint64_t n = 0;
    for (const auto &h : s.hosts)
        n += h.counters.drops[std::size_t(r)];
    return n;
}

} // namespace

void tst_Runtime::emulationPingsAcrossHostsAndKeepsTenantsApart()
{
    auto emu = startRedBlue();
    QCOMPARE(emu->attachments().size(), std::size_t{4});
    auto *red1 = emu->endpoint("vm-red-web1");
    auto *red2 = emu->endpoint("RED-WEB2");
    auto *blue1 = emu->endpoint("vm-blue-web1");
    auto *blue2 = emu->endpoint("vm-blue-web2");
    QVERIFY(red1 && red2 && blue1 && blue2);
    red1->startPing(pingTo(packet::ipv4(10, 1, 1, 8), 500, 50));
    QTRY_COMPARE_WITH_TIMEOUT(red1->stats().pingRepliesReceived, std::uint64_t{50}, 5000);
    QCOMPARE(red2->stats().echoRequestsAnswered, std::uint64_t{50});
    QCOMPARE(blue2->stats().echoRequestsAnswered, std::uint64_t{0});   // same CA, other tenant
    blue1->startPing(pingTo(packet::ipv4(10, 1, 1, 8), 500, 20));
    QTRY_COMPARE_WITH_TIMEOUT(blue1->stats().pingRepliesReceived, std::uint64_t{20}, 5000);
    QCOMPARE(red2->stats().echoRequestsAnswered, std::uint64_t{50});
    auto stats = emu->stats();
    QCOMPARE(stats.hosts.size(), std::size_t{2});
    QCOMPARE(stats.vsids.size(), std::size_t{2});
    for (const auto &v : stats.vsids)
        QVERIFY2(v.counters.rxPackets > 0, v.id.c_str());
    const std::string text = runtime::formatStatsText(stats);
    QVERIFY(text.find("host=host-a rx_packets=") != std::string::npos);
    QVERIFY(text.find("vsid=5001 ") != std::string::npos);
    const std::string json = runtime::formatStatsJson(stats, 1000);
    QVERIFY(json.find("\"vsid\":6001") != std::string::npos);
    QVERIFY(emu->stop().empty());
}

void tst_Runtime::migrationUnderPingLosesAtMostTwo()
{
    auto emu = startRedBlue();
    auto *red1 = emu->endpoint("vm-red-web1");
    auto *red2 = emu->endpoint("vm-red-web2");
    red1->startPing(pingTo(packet::ipv4(10, 1, 1, 8), 100, 300));
    QTRY_VERIFY_WITH_TIMEOUT(red1->stats().pingRepliesReceived >= 100, 5000);
    const auto generation = emu->stats().generation;
    QVERIFY(emu->migrate("vm-red-web2", "host-a").ok());
    QVERIFY(emu->stats().generation > generation);
    QTRY_VERIFY_WITH_TIMEOUT(red1->stats().pingsSent >= 300, 10000);
    QTest::qWait(200);
    const auto s = red1->stats();
    const std::uint64_t lost = s.pingsSent - s.pingRepliesReceived;
    qInfo("migration under 100 pps: sent %llu, replies %llu, lost %llu", (unsigned long long)s.pingsSent,
          (unsigned long long)s.pingRepliesReceived, (unsigned long long)lost);
    QVERIFY(lost <= 2);
    QCOMPARE(red2->stats().echoRequestsAnswered, s.pingRepliesReceived);
    QVERIFY(!emu->migrate("vm-red-web2", "no-such-host").ok());
    QVERIFY(emu->stop().empty());
}

void tst_Runtime::teamFailoverLosesAtMostTwo()
{
    auto emu = startRedBlue();
    auto *red1 = emu->endpoint("vm-red-web1");
    red1->startPing(pingTo(packet::ipv4(10, 1, 1, 8), 100, 300));
    QTRY_VERIFY_WITH_TIMEOUT(red1->stats().pingRepliesReceived >= 80, 5000);
    QVERIFY(emu->setLink("host-a", "host-a/nic1", false).ok());
    QVERIFY(emu->setLink("HV02", "NIC1", false).ok());
    QTest::qWait(800);
    QVERIFY(emu->setLink("host-a", "host-a/nic1", true).ok());
    QVERIFY(emu->setLink("host-a", "host-a/nic2", false).ok());
    QTRY_VERIFY_WITH_TIMEOUT(red1->stats().pingsSent >= 300, 10000);
    QTest::qWait(200);
    const auto s = red1->stats();
    const std::uint64_t lost = s.pingsSent - s.pingRepliesReceived;
    qInfo("team failover under 100 pps: sent %llu, replies %llu, lost %llu", (unsigned long long)s.pingsSent,
          (unsigned long long)s.pingRepliesReceived, (unsigned long long)lost);
    QVERIFY(lost <= 2);
    // Both members down: link-down drops.
    QVERIFY(emu->setLink("host-a", "host-a/nic1", false).ok());
    red1->startPing(pingTo(packet::ipv4(10, 1, 1, 8), 1000, 20));
    QTRY_VERIFY_WITH_TIMEOUT(drops(emu->stats(), runtime::DropReason::LinkDown) >= 20, 5000);
    QVERIFY(!emu->setLink("host-a", "nic9", false).ok());
    QVERIFY(emu->stop().empty());
}

void tst_Runtime::policyUpdatesWhileForwarding()
{
    // Workers forward at full rate while this thread publishes random policy changes
    // (migrations and link flaps); under TSan this is the data-race check.
    auto emu = startRedBlue(2);
    auto *red1 = emu->endpoint("vm-red-web1");
    auto *blue1 = emu->endpoint("vm-blue-web1");
    io::FlowSpec udp;
    udp.target = packet::ipv4(10, 1, 1, 8);
    udp.ratePps = 0;   // as fast as possible
    udp.payloadBytes = 64;
    red1->startUdpFlow(udp);
    blue1->startUdpFlow(udp);
    std::mt19937 rng(20261122);
    const char *hosts[] = {"host-a", "host-b"};
    const char *nics[] = {"nic1", "nic2"};
    std::atomic<std::uint64_t> reads{0};
    std::atomic<bool> stop{false};
    std::thread reader([&] {
        while (!stop) {
            auto s = emu->stats();
            reads += s.hosts.size();
        }
    });
    for (int i = 0; i < 200; ++i) {
        switch (rng() % 3) {
        case 0: QVERIFY(emu->migrate("vm-red-web2", hosts[rng() % 2]).ok()); break;
        case 1: QVERIFY(emu->setLink(hosts[rng() % 2], nics[rng() % 2], rng() % 2).ok()); break;
        default: QVERIFY(emu->migrate("vm-blue-web1", hosts[rng() % 2]).ok()); break;
        }
        std::this_thread::sleep_for(1ms);
    }
    stop = true;
    reader.join();
    red1->stopTraffic();
    blue1->stopTraffic();
    auto s = emu->stats();
    std::uint64_t rx = 0;
    for (const auto &h : s.hosts)
        rx += h.counters.rxPackets;
    qInfo("forwarded %llu frames across %llu policy generations", (unsigned long long)rx, (unsigned long long)s.generation);
    QVERIFY(rx > 1000);
    QVERIFY(s.generation >= 50);   // migrations to the current host publish nothing
    QVERIFY(reads.load() > 0);
    QVERIFY(emu->stop().empty());
}

void tst_Runtime::commandQueueParsesAndExecutes()
{
    QVERIFY(runtime::parseCommandLine("stats").ok());
    QVERIFY(runtime::parseCommandLine("migrate vm-a host-b").ok());
    QVERIFY(runtime::parseCommandLine("link host-a nic1 down").ok());
    QVERIFY(runtime::parseCommandLine("capture start vm-a/nic0").ok());
    QVERIFY(!runtime::parseCommandLine("link host-a nic1 sideways").ok());
    QVERIFY(!runtime::parseCommandLine("migrate vm-a").ok());
    QVERIFY(!runtime::parseCommandLine("").ok());

    auto emu = startRedBlue(1);
    runtime::CommandQueue queue;
    std::atomic<int> notified{0};
    queue.setNotifier([&] { ++notified; });
    auto stats = queue.push(*runtime::parseCommandLine("stats"));
    auto bad = queue.push(*runtime::parseCommandLine("migrate vm-none host-a"));
    auto link = queue.push(*runtime::parseCommandLine("link host-a nic2 down"));
    QTemporaryDir dir;
    auto capStart = queue.push(runtime::Command{runtime::CommandKind::CaptureStart, {"host-a/nic1"}});
    std::thread other([&] { (void)queue.push(*runtime::parseCommandLine("stop")); });
    other.join();
    QCOMPARE(notified.load(), 5);
    // Captures go to the current directory unless a --capture directory is set.
    const auto cwd = fs::current_path();
    fs::current_path(dir.path().toStdString());
    const bool stop = queue.drain(*emu);
    QVERIFY(stop);
    QVERIFY(stats.get().lines.size() >= 4);
    auto b = bad.get();
    QVERIFY(!b.ok);
    QVERIFY(runtime::formatReply(b).rfind("error no VM", 0) == 0);
    QCOMPARE(QString::fromStdString(runtime::formatReply(link.get())), QString("link host-a nic2 down\nok\n"));
    QVERIFY(capStart.get().ok);
    auto capStop = queue.push(runtime::Command{runtime::CommandKind::CaptureStop, {"host-a/nic1"}});
    queue.drain(*emu);
    auto reply = capStop.get();
    fs::current_path(cwd);
    QVERIFY2(reply.ok, reply.error.c_str());
    QVERIFY(fs::exists(dir.path().toStdString() + "/host-a_nic1.pcap.zst"));
    QVERIFY(emu->stop().empty());
}

void tst_Runtime::settingsFollowDesignThenOverrides()
{
    netvirt::core::Design d;
    d.emulation = netvirt::core::Json::parse(R"({"underlay":"tap","threads":3,"underlayMtu":1600,
        "attach":{"vm-a/nic0":{"kind":"namespace"},"vm-b/nic0":{"kind":"tap","name":"nvtap-b"}},
        "defaultAttach":"endpoint"})");
    auto s = runtime::resolveSettings(d, {});
    QVERIFY(s.ok());
    QCOMPARE(s->threads, 3u);
    QVERIFY(s->underlay == runtime::UnderlayKind::Tap);
    QCOMPARE(*s->underlayMtu, std::int64_t{1600});
    QVERIFY(s->attachFor("vm-a/nic0").kind == runtime::AttachKind::Namespace);
    QCOMPARE(QString::fromStdString(s->attachFor("vm-b/nic0").tapName), QString("nvtap-b"));
    QVERIFY(s->attachFor("vm-c/nic0").kind == runtime::AttachKind::Endpoint);
    QVERIFY(s->needsPrivileges());
    runtime::EmulationOverrides o;
    o.attach = runtime::AttachKind::Endpoint;
    o.underlay = runtime::UnderlayKind::Memory;
    o.threads = 1;
    auto t = runtime::resolveSettings(d, o);
    QVERIFY(t.ok());
    QVERIFY(!t->needsPrivileges());
    QCOMPARE(t->threads, 1u);
    d.emulation = netvirt::core::Json::parse(R"({"attach":{"vm-a/nic0":{"kind":"tap","name":"eth9"}}})");
    auto u = runtime::resolveSettings(d, {});
    QVERIFY(!u.ok());
    QVERIFY(u.error().message.find("emulation.attach.vm-a/nic0.name") != std::string::npos);
}

namespace {
// Runs runEmulate in a child without privileges (as nobody when we are root); returns the
// exit code, stdout and stderr.
struct ChildRun {
    int code = -1;
    std::string out;
    std::string err;
};
ChildRun runEmulateUnprivileged(runtime::EmulateOptions options)
{
    QTemporaryDir dir;
    const std::string outPath = dir.path().toStdString() + "/out", errPath = dir.path().toStdString() + "/err";
    std::cout.flush();
    pid_t pid = ::fork();
    if (pid == 0) {
        std::ofstream out(outPath), err(errPath);   // opened while still allowed to
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
            ::_exit(99);
        int code = runtime::runEmulate(options, out, err);
        out.flush();
        err.flush();
        ::_exit(code);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ChildRun r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream o(outPath), e(errPath);
    r.out.assign(std::istreambuf_iterator<char>(o), {});
    r.err.assign(std::istreambuf_iterator<char>(e), {});
    return r;
}
} // namespace

void tst_Runtime::runEmulateWithoutPrivilegesNamesWhatIsMissing()
{
#if defined(NETVIRT_TSAN)
    QSKIP("ThreadSanitizer cannot start threads in a child forked from a multi-threaded process");
#endif
    runtime::EmulateOptions o;
    o.designPath = NETVIRT_SOURCE_DIR "/resources/examples/red-blue.json";
    o.durationSeconds = 0.3;
    o.overrides.attach = runtime::AttachKind::Namespace;
    auto denied = runEmulateUnprivileged(o);
    QCOMPARE(denied.code, 2);
    QVERIFY2(denied.err.find("CAP_NET_ADMIN") != std::string::npos, denied.err.c_str());
    // Endpoint mode needs nothing: it runs, prints its attachments and ready, and ends.
    o.overrides.attach = runtime::AttachKind::Endpoint;
    o.statsIntervalMs = 100;
    o.format = runtime::StatsFormat::Json;
    auto ran = runEmulateUnprivileged(o);
    QCOMPARE(ran.code, 0);
    QVERIFY2(ran.out.find("RED-WEB1 endpoint 10.1.1.7\n") != std::string::npos, ran.out.c_str());
    QVERIFY2(ran.out.find("ready\n") != std::string::npos, ran.out.c_str());
    QVERIFY2(ran.out.find("{\"elapsedMs\":") != std::string::npos, ran.out.c_str());
    QVERIFY2(ran.err.empty(), ran.err.c_str());
    o.designPath = "/nonexistent/design.json";
    QCOMPARE(runEmulateUnprivileged(o).code, 2);
}

void tst_Runtime::replayPushesACaptureThroughThePipeline()
{
    QTemporaryDir dir;
    auto emu = startRedBlue(1);
    QVERIFY(emu->startCapture("vm-red-web1/nic0", dir.path().toStdString()).ok());
    emu->endpoint("vm-red-web1")->startPing(pingTo(packet::ipv4(10, 1, 1, 8), 500, 5));
    QTRY_COMPARE(emu->endpoint("vm-red-web1")->stats().pingRepliesReceived, std::uint64_t{5});
    auto path = emu->stopCapture("vm-red-web1/nic0");
    QVERIFY(path.ok());
    QVERIFY(emu->stop().empty());
    std::ostringstream out, err;
    runtime::ReplayOptions r{NETVIRT_SOURCE_DIR "/resources/examples/red-blue.json", *path, "vm-red-web1/nic0"};
    // The capture holds both directions: what the VM sent is encapsulated towards host-b;
    // the replies it received, replayed as if it had sent them, are spoofed.
    QCOMPARE(runtime::runReplay(r, out, err), 1);
    QVERIFY2(out.str().find("transmit host-a/nic") != std::string::npos, out.str().c_str());
    QVERIFY2(out.str().find("to host-b") != std::string::npos, out.str().c_str());
    QVERIFY2(out.str().find("dropped spoofed") != std::string::npos, out.str().c_str());
    r.port = "no-such-port";
    QCOMPARE(runtime::runReplay(r, out, err), 2);
}

void tst_Runtime::hostGroupEmulatesOnlyItsHosts()
{
    auto design = netvirt::core::io::loadDesign(NETVIRT_SOURCE_DIR "/resources/examples/red-blue.json");
    QVERIFY(design.ok());
    runtime::EmulationOverrides o;
    o.threads = 1;
    o.attach = runtime::AttachKind::Endpoint;
    o.underlay = runtime::UnderlayKind::Memory;
    o.hostGroup = "Milan";   // by name; host-b (Rome) becomes remote
    auto settings = runtime::resolveSettings(*design, o);
    QVERIFY(settings.ok());
    auto emu = runtime::Emulation::create(std::move(design.value()), std::move(settings.value()));
    QVERIFY(emu.ok());
    QVERIFY((*emu)->start().ok());
    QCOMPARE((*emu)->attachments().size(), std::size_t{2});   // the VMs of host-a only
    QVERIFY(!(*emu)->endpoint("vm-red-web2"));
    // With the in-memory underlay a remote host cannot be reached.
    (*emu)->endpoint("vm-red-web1")->startPing(pingTo(packet::ipv4(10, 1, 1, 8), 500, 5));
    QTRY_VERIFY(drops((*emu)->stats(), runtime::DropReason::Unreachable) >= 5);
    QVERIFY(!(*emu)->migrate("vm-red-web1", "host-b").ok());   // not emulated here
    QVERIFY((*emu)->stop().empty());
    o.hostGroup = "hg-nowhere";
    QVERIFY(!runtime::resolveSettings(netvirt::core::Design{}, o).ok());
}


void tst_Runtime::multiQueuePortsForwardOnTheReceivingWorker()
{
    // Two 2-queue ports on a 2-worker engine: every frame read on a worker leaves through the
    // destination port's queue on that same worker (no ring, no thread hop), both workers
    // carry half, and a capture attached mid-stream is written by both workers at once.
    constexpr std::uint64_t kPerQueue = 20000;
    runtime::Engine engine(runtime::EngineConfig{2});
    auto src = std::make_unique<FakeQueuedPort>(kPerQueue);
    auto dst = std::make_unique<FakeQueuedPort>(0);
    auto *a = src.get();
    auto *b = dst.get();
    engine.addPort("a", std::move(src));
    engine.addPort("b", std::move(dst));
    auto sw = std::make_shared<MacSwitch>();
    sw->macs = {mac(1), mac(2)};
    engine.setCounterShape(1, 2);
    engine.publish(snapshotFor(sw, 2, 1));
    QVERIFY(engine.start().ok());
    a->go = true;
    QTemporaryDir dir;
    auto cap = capture::PortCapture::open(dir.path().toStdString(), "b");
    QVERIFY(cap.ok());
    engine.setCapture(1, *cap);
    QTRY_COMPARE_WITH_TIMEOUT(b->m_q[0].sent.load() + b->m_q[1].sent.load(), 2 * kPerQueue, 10000);
    engine.setCapture(1, nullptr);
    QVERIFY((*cap)->finish().ok());
    engine.stop();
    QVERIFY(a->m_q[0].thread != a->m_q[1].thread);
    QCOMPARE(b->m_q[0].sent.load(), kPerQueue);
    QCOMPARE(b->m_q[1].sent.load(), kPerQueue);
    QCOMPARE(b->m_q[0].wrongThread.load() + b->m_q[1].wrongThread.load(), std::uint64_t{0});
    const auto stats = engine.stats();
    QCOMPARE(stats.ports[0].rxPackets, 2 * kPerQueue);
    QCOMPARE(stats.ports[1].txPackets, 2 * kPerQueue);
    QCOMPARE(stats.ports[1].drops[std::size_t(runtime::DropReason::QueueFull)], std::uint64_t{0});
}

void tst_Runtime::providerNeighboursLearnAndThrottleRequests()
{
    const auto pa = packet::ipv4(192, 168, 1, 20);
    runtime::ProviderNeighbours n({pa});
    QVERIFY(n.tracks(pa));
    QVERIFY(!n.tracks(packet::ipv4(192, 168, 1, 21)));
    QVERIFY(!n.lookup(pa));
    // One request per interval, whoever asks.
    QVERIFY(n.claimRequest(pa, 1'000'000'000));
    QVERIFY(!n.claimRequest(pa, 1'000'000'000 + runtime::ProviderNeighbours::kRequestIntervalNs / 2));
    QVERIFY(n.claimRequest(pa, 1'000'000'000 + runtime::ProviderNeighbours::kRequestIntervalNs));
    // Learned from an ARP sender; broadcast/zero MACs and untracked addresses are ignored.
    QVERIFY(!n.learn(packet::ipv4(192, 168, 1, 21), mac(9)));
    QVERIFY(!n.learn(pa, packet::MacAddr::broadcast()));
    QVERIFY(n.learn(pa, packet::MacAddr{{0x36, 0xa4, 0x9e, 0x8e, 0x8c, 0x45}}));
    QVERIFY(n.lookup(pa) == (packet::MacAddr{{0x36, 0xa4, 0x9e, 0x8e, 0x8c, 0x45}}));
    QVERIFY(n.learn(pa, mac(7)));   // the endpoint moved: the newest answer wins
    QVERIFY(n.lookup(pa) == mac(7));
}

void tst_Runtime::endpointsPingOverIpv6AfterNeighbourDiscovery()
{
    // Two built-in VMs with IPv6 CAs on two workers: the first resolves the second by a
    // neighbour solicitation to its solicited-node group, then pings it with ICMPv6 echo.
    runtime::Engine engine(runtime::EngineConfig{2});
    auto sw = std::make_shared<MacSwitch>();
    std::vector<io::VmEndpoint *> eps;
    const packet::Ipv6Addr a6 = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    packet::Ipv6Addr b6 = a6;
    b6[15] = 2;
    for (std::uint8_t i = 0; i < 2; ++i) {
        io::EndpointConfig c;
        c.mac = mac(i + 1);
        c.ip = packet::ipv4(10, 0, 0, i + 1);
        c.ip6 = i == 0 ? a6 : b6;
        auto ep = std::make_unique<io::VmEndpoint>(c);
        eps.push_back(ep.get());
        engine.addPort(i == 0 ? "a" : "b1", std::move(ep));
        sw->macs.push_back(c.mac);
    }
    engine.setCounterShape(1, 2);
    engine.publish(snapshotFor(sw, 2, 1));
    QVERIFY(engine.start().ok());
    io::FlowSpec ping;
    ping.target6 = b6;
    ping.ratePps = 500;
    ping.count = 20;
    eps[0]->startPing(ping);
    QTRY_COMPARE_WITH_TIMEOUT(eps[0]->stats().pingRepliesReceived, std::uint64_t{20}, 5000);
    QCOMPARE(eps[1]->stats().echoRequestsAnswered, std::uint64_t{20});
    QCOMPARE(eps[1]->stats().ndAnswered, std::uint64_t{1});
    QCOMPARE(eps[0]->stats().arpAnswered + eps[1]->stats().arpAnswered, std::uint64_t{0});
    QCOMPARE(int(eps[0]->stats().lastReplyTtl), 64);
    engine.stop();
}

QTEST_GUILESS_MAIN(tst_Runtime)
#include "tst_runtime.moc"
