// The worker's burst path: frames queued in a ring reach the forwarder as bursts per port
// (Forwarder::processBurst), read in place from the ring, with the same results as frame by
// frame and every port's frames in the order they were queued.
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <random>
#include <thread>

#include <boost/asio/post.hpp>

#include <netvirt/core/io/design_io.h>
#include <netvirt/emulator/io/vm_endpoint.h>
#include <netvirt/emulator/packet/bytes.h>
#include <netvirt/emulator/runtime/emulation.h>
#include <netvirt/emulator/runtime/engine.h>
#include <netvirt/emulator/runtime/spsc_ring.h>

#include "runtime_fixture.h"

using namespace netvirt::emulator;

namespace {

// ---- a scripted forwarder over three ports -------------------------------------------------

// What the forwarder does with the source frame numbered by its position in the script.
struct Step {
    runtime::PortIndex port = 0;
    bool egress = false;   // transmit out of `port`; else inject as if received on it
};

// What the sink worker saw, in the order it saw it.
struct Event {
    runtime::PortIndex port = 0;
    bool egress = false;
    std::uint32_t seq = 0;
    bool operator==(const Event &o) const { return port == o.port && egress == o.egress && seq == o.seq; }
};

// Written only on the worker owning the sink ports; read after the engine has stopped.
struct SinkLog {
    std::vector<Event> events;
    std::vector<std::size_t> bursts;
    std::atomic<std::uint64_t> consumed{0};
};

std::uint32_t seqOf(packet::ConstBytes frame)
{
    return frame.size() >= 18 ? packet::load32(frame.data() + 14) : 0xFFFFFFFFu;
}

// Frames of `source` go where the script says; frames injected on any other port are logged
// with the size of the burst they came in.
class ScriptedForwarder final : public runtime::Forwarder {
public:
    ScriptedForwarder(runtime::PortIndex source, std::vector<Step> script, SinkLog &log)
        : m_source(source), m_script(std::move(script)), m_log(log)
    {
    }

    void process(runtime::PortIndex ingress, packet::FrameBuffer &frame, runtime::Emitter &out) const override
    {
        packet::FrameBuffer *one = &frame;
        processBurst(ingress, &one, 1, out);
    }

    void processBurst(runtime::PortIndex ingress, packet::FrameBuffer *const *frames, std::size_t n,
                      runtime::Emitter &out) const override
    {
        if (ingress == m_source) {
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint32_t seq = seqOf(frames[i]->cdata());
                if (seq >= m_script.size())
                    continue;
                const Step &s = m_script[seq];
                if (s.egress)
                    out.transmit(s.port, frames[i]->cdata());
                else
                    out.inject(s.port, frames[i]->cdata());
            }
            return;
        }
        m_log.bursts.push_back(n);
        for (std::size_t i = 0; i < n; ++i) {
            m_log.events.push_back(Event{ingress, false, seqOf(frames[i]->cdata())});
            m_log.consumed.fetch_add(1, std::memory_order_release);
        }
    }

private:
    runtime::PortIndex m_source;
    std::vector<Step> m_script;
    SinkLog &m_log;
};

// A sink port: logs what is transmitted out of it.
class SinkPort final : public io::PortBackend {
public:
    explicit SinkPort(SinkLog &log) : m_log(log) {}
    void start(io::PortContext &, io::PortIndex self) override { m_self = self; }
    bool transmit(packet::ConstBytes frame) override
    {
        m_log.events.push_back(Event{m_self, true, seqOf(frame)});
        m_log.consumed.fetch_add(1, std::memory_order_release);
        return true;
    }
    void stop() override {}
    std::string describe() const override { return "sink"; }

private:
    SinkLog &m_log;
    io::PortIndex m_self = 0;
};

// The source port: once `go` is set, receives the script's frames in rounds of `round`
// frames, each round as one burst of its worker, and the next round only when the sink
// worker has taken every frame of the previous one (so the ring never overflows).
class SourcePort final : public io::PortBackend {
public:
    SourcePort(std::uint32_t frames, std::uint32_t round, const SinkLog &log) : m_frames(frames), m_round(round), m_log(log) {}
    void start(io::PortContext &c, io::PortIndex self) override
    {
        boost::asio::post(c.ioContext(), [this, &c, self] { generate(c, self); });
    }
    bool transmit(packet::ConstBytes) override { return true; }
    void stop() override { m_stopped = true; }
    std::string describe() const override { return "source"; }

    std::atomic<bool> go{false};

private:
    void generate(io::PortContext &c, io::PortIndex self)
    {
        if (m_stopped)
            return;
        if (go.load(std::memory_order_acquire) && m_log.consumed.load(std::memory_order_acquire) == m_sent) {
            packet::FrameBuffer f;
            c.beginBurst();
            for (std::uint32_t i = 0; i < m_round && m_sent < m_frames; ++i, ++m_sent) {
                std::uint8_t bytes[60] = {};
                bytes[0] = 0x02;
                packet::store32(bytes + 14, m_sent);
                (void)f.assign(packet::ConstBytes(bytes, sizeof bytes));
                c.receive(self, f);
            }
            c.endBurst();
        }
        if (m_sent < m_frames)
            boost::asio::post(c.ioContext(), [this, &c, self] { generate(c, self); });
    }

    const std::uint32_t m_frames;
    const std::uint32_t m_round;
    const SinkLog &m_log;
    std::uint32_t m_sent = 0;
    bool m_stopped = false;
};

// ---- a probe around the pipeline forwarder of an Emulation --------------------------------

struct ProbeCounts {
    std::atomic<std::uint64_t> bursts{0};
    std::atomic<std::uint64_t> frames{0};
    std::atomic<std::size_t> maxBurst{0};
    std::atomic<std::uint64_t> shadowMismatches{0};   // bursts whose events differed
};

std::uint64_t mix(std::uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

// Folds every transmission, injection and drop (kind, port, bytes / reason, host, VSID) into
// an order-sensitive hash; passes them on to `inner` unless it is null.
class HashingEmitter final : public runtime::Emitter {
public:
    explicit HashingEmitter(runtime::Emitter *inner) : m_inner(inner) {}
    void transmit(runtime::PortIndex port, packet::ConstBytes frame) override
    {
        add(1, port, frame);
        if (m_inner)
            m_inner->transmit(port, frame);
    }
    void inject(runtime::PortIndex port, packet::ConstBytes frame) override
    {
        add(2, port, frame);
        if (m_inner)
            m_inner->inject(port, frame);
    }
    void drop(runtime::DropReason reason, runtime::PortIndex port, std::uint32_t host, std::uint32_t vsid) override
    {
        fold(3);
        fold(std::uint64_t(reason) << 32 | port);
        fold(std::uint64_t(host) << 32 | vsid);
        if (m_inner)
            m_inner->drop(reason, port, host, vsid);
    }
    void framesDone(std::size_t count) override
    {
        if (m_inner)
            m_inner->framesDone(count);
    }
    std::uint64_t hash() const { return m_hash; }

private:
    void fold(std::uint64_t v) { m_hash = mix(m_hash ^ v) + 0x9e3779b97f4a7c15ull; }
    void add(std::uint64_t kind, runtime::PortIndex port, packet::ConstBytes frame)
    {
        fold(kind << 32 | port);
        std::uint64_t h = 0xcbf29ce484222325ull;
        for (std::uint8_t b : frame)
            h = (h ^ b) * 0x100000001b3ull;
        fold(h);
        fold(frame.size());
    }
    runtime::Emitter *m_inner;
    std::uint64_t m_hash = 0;
};

// Hands every burst to the wrapped forwarder whole, or frame by frame (process()), and
// records the burst sizes the workers produced. With `shadow`, each burst is first also run
// frame by frame on copies of its frames, into a HashingEmitter that sends nothing, and the
// events of the real burst must hash the same: same frames, same bytes, same order. (Safe to
// run twice only where forwarding has no state of its own: no rate limit, no TAP underlay.)
class Probe final : public runtime::Forwarder {
public:
    Probe(std::shared_ptr<const runtime::Forwarder> inner, bool oneByOne, bool shadow, ProbeCounts &counts)
        : m_inner(std::move(inner)), m_oneByOne(oneByOne), m_shadow(shadow), m_counts(counts)
    {
    }
    void process(runtime::PortIndex ingress, packet::FrameBuffer &frame, runtime::Emitter &out) const override
    {
        packet::FrameBuffer *one = &frame;
        processBurst(ingress, &one, 1, out);
    }
    void processBurst(runtime::PortIndex ingress, packet::FrameBuffer *const *frames, std::size_t n,
                      runtime::Emitter &out) const override
    {
        m_counts.bursts.fetch_add(1, std::memory_order_relaxed);
        m_counts.frames.fetch_add(n, std::memory_order_relaxed);
        std::size_t seen = m_counts.maxBurst.load(std::memory_order_relaxed);
        while (seen < n && !m_counts.maxBurst.compare_exchange_weak(seen, n, std::memory_order_relaxed)) {
        }
        if (m_oneByOne) {
            for (std::size_t i = 0; i < n; ++i) {
                m_inner->process(ingress, *frames[i], out);
                out.framesDone(i + 1);
            }
            return;
        }
        if (!m_shadow) {
            m_inner->processBurst(ingress, frames, n, out);
            return;
        }
        thread_local std::vector<packet::FrameBuffer> copies(io::kBurstFrames);
        HashingEmitter expected(nullptr);
        for (std::size_t i = 0; i < n; ++i) {
            copies[i] = *frames[i];
            m_inner->process(ingress, copies[i], expected);
        }
        HashingEmitter real(&out);
        m_inner->processBurst(ingress, frames, n, real);
        if (real.hash() != expected.hash())
            m_counts.shadowMismatches.fetch_add(1, std::memory_order_relaxed);
    }

private:
    std::shared_ptr<const runtime::Forwarder> m_inner;
    bool m_oneByOne;
    bool m_shadow;
    ProbeCounts &m_counts;
};

// Republishes the engine's current state with its forwarder wrapped in a Probe.
void wrapForwarder(runtime::Emulation &emu, bool oneByOne, ProbeCounts &counts)
{
    auto snap = std::make_shared<runtime::EngineSnapshot>(*emu.engine().snapshot());
    snap->forwarder = std::make_shared<Probe>(snap->forwarder, oneByOne, !oneByOne, counts);
    emu.engine().publish(std::move(snap));
}

using runtime_fixture::startRedBlue;

io::FlowSpec flowTo(packet::Ipv4Addr target, double pps, std::uint64_t count, std::size_t payloadBytes)
{
    io::FlowSpec f;
    f.target = target;
    f.ratePps = pps;
    f.count = count;
    f.payloadBytes = payloadBytes;
    return f;
}

bool sameCounters(const runtime::CounterSet &a, const runtime::CounterSet &b)
{
    return a.rxPackets == b.rxPackets && a.rxBytes == b.rxBytes && a.txPackets == b.txPackets && a.txBytes == b.txBytes
        && a.drops == b.drops;
}

QString countersText(const runtime::CounterSet &c)
{
    QString t = QString("rx %1/%2 tx %3/%4 drops").arg(c.rxPackets).arg(c.rxBytes).arg(c.txPackets).arg(c.txBytes);
    for (auto r : runtime::allDropReasons())
        if (auto n = c.drops[std::size_t(r)])
            t += QString(" %1=%2").arg(QString::fromStdString(std::string(runtime::dropReasonName(r)))).arg(n);
    return t;
}

// Everything a run of the red-blue scenario produced that must not depend on bursts.
struct RunResult {
    runtime::EmulationStats stats;
    std::vector<io::EndpointStats> endpoints;   // red1, red2, blue1, blue2
    std::size_t maxBurst = 0;
    std::uint64_t bursts = 0;
    std::uint64_t frames = 0;
    std::uint64_t shadowMismatches = 0;
};

// Waits until the counters stop moving (every frame of the flows has been handled): the
// same for 200 ms, so a worker descheduled for a while is not taken for an idle one.
runtime::EmulationStats settledStats(runtime::Emulation &emu)
{
    auto total = [](const runtime::EmulationStats &s) {
        std::uint64_t n = 0;
        for (const auto &p : s.ports)
            n += p.counters.rxPackets + p.counters.txPackets + p.counters.totalDrops();
        return n;
    };
    auto last = emu.stats();
    for (int i = 0, still = 0; i < 200 && still < 4; ++i) {
        QTest::qWait(50);
        auto now = emu.stats();
        still = total(now) == total(last) ? still + 1 : 0;
        last = std::move(now);
    }
    return last;
}

// Several datagrams per 500 us tick of the endpoint: bursts of at least that size on red1's
// port and on host-b's NIC. A ThreadSanitizer worker is many times slower: at the full rate
// it would overflow its rings on every attempt (and its bursts grow by themselves).
#if defined(NETVIRT_TSAN)
constexpr double kRedUdpPps = 4000;
constexpr std::size_t kLargestBurstAtLeast = 2;
#else
constexpr double kRedUdpPps = 16000;
constexpr std::size_t kLargestBurstAtLeast = 8;
#endif

// red2 and blue2 start on host-b. Phase 1: red1 → red2 over the provider network (NVGRE
// out of host-a, in on host-b) with a ping on the side, blue1 → blue2 after blue2 moved to
// host-a (delivered locally). Phase 2: host-a's NICs go down; the red flow is dropped
// (link-down) in the same bursts that carry the ping, the blue flow still delivered.
RunResult runRedBlue(unsigned threads, bool oneByOne)
{
    RunResult r;
    auto emu = startRedBlue(threads);
    auto *red1 = emu->endpoint("vm-red-web1");
    auto *red2 = emu->endpoint("vm-red-web2");
    auto *blue1 = emu->endpoint("vm-blue-web1");
    auto *blue2 = emu->endpoint("vm-blue-web2");
    ProbeCounts counts;
    const auto peer = packet::ipv4(10, 1, 1, 8);
    [&] {
        QVERIFY(emu->migrate("vm-blue-web2", "host-a").ok());
        wrapForwarder(*emu, oneByOne, counts);
        // Every worker sets up its forwarding state (milliseconds) before the flows start.
        red1->startPing(flowTo(peer, 200, 3, 56));
        blue1->startPing(flowTo(peer, 200, 3, 56));
        QTRY_COMPARE_WITH_TIMEOUT(red1->stats().pingRepliesReceived, std::uint64_t{3}, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(blue1->stats().pingRepliesReceived, std::uint64_t{3}, 20000);
        red1->startUdpFlow(flowTo(peer, kRedUdpPps, 600, 200));
        red1->startPing(flowTo(peer, 1000, 100, 56));
        blue1->startUdpFlow(flowTo(peer, 2000, 600, 1200));
        // Sent, then settled: what was lost (queue-full) shows in the counters, not as a timeout.
        QTRY_COMPARE_WITH_TIMEOUT(red1->stats().udpSent, std::uint64_t{600}, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(red1->stats().pingsSent, std::uint64_t{103}, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(blue1->stats().udpSent, std::uint64_t{600}, 20000);
        (void)settledStats(*emu);

        // The gratuitous ARPs announcing the move to nic2 leave before nic2 goes down too.
        QVERIFY(emu->setLink("host-a", "nic1", false).ok());
        (void)settledStats(*emu);
        QVERIFY(emu->setLink("host-a", "nic2", false).ok());
        wrapForwarder(*emu, oneByOne, counts);
        red1->startUdpFlow(flowTo(peer, 2000, 400, 200));
        red1->startPing(flowTo(peer, 1000, 50, 56));
        blue1->startUdpFlow(flowTo(peer, 2000, 400, 1200));
        QTRY_COMPARE_WITH_TIMEOUT(red1->stats().udpSent, std::uint64_t{1000}, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(red1->stats().pingsSent, std::uint64_t{153}, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(blue1->stats().udpSent, std::uint64_t{1000}, 20000);
    }();
    r.stats = settledStats(*emu);
    if (QTest::currentTestFailed()) {
        qInfo("%s", runtime::formatStatsText(r.stats, true).c_str());
        for (auto *ep : {red1, red2, blue1, blue2})
            qInfo("udp sent %llu received %llu unresolved %llu pings %llu replies %llu", (unsigned long long)ep->stats().udpSent,
                  (unsigned long long)ep->stats().udpReceived, (unsigned long long)ep->stats().unresolved,
                  (unsigned long long)ep->stats().pingsSent, (unsigned long long)ep->stats().pingRepliesReceived);
    }
    for (auto *ep : {red1, red2, blue1, blue2})
        r.endpoints.push_back(ep->stats());
    r.maxBurst = counts.maxBurst.load();
    r.bursts = counts.bursts.load();
    r.frames = counts.frames.load();
    r.shadowMismatches = counts.shadowMismatches.load();
    (void)emu->stop();
    return r;
}

} // namespace

class tst_RuntimeBurst : public QObject {
    Q_OBJECT

private slots:
    void spscRingPeeksAndReleasesInBatches();
    void burstsKeepEveryPortsOrderAmongEgressSlots();
    void burstsForwardLikeFrameByFrame_data();
    void burstsForwardLikeFrameByFrame();
    void flowAtFullSpeedIsNotStarvedByItsOwnBursts();
};

void tst_RuntimeBurst::spscRingPeeksAndReleasesInBatches()
{
    // A consumer holding up to 7 slots at a time while the producer keeps filling the rest:
    // every value in order, none overwritten while held.
    static runtime::SpscRing<std::uint64_t, 16> ring;
    constexpr std::uint64_t kCount = 500'000;
    std::thread producer([] {
        for (std::uint64_t i = 1; i <= kCount;) {
            if (std::uint64_t *slot = ring.claim()) {
                *slot = i++;
                ring.publish();
            }
        }
    });
    std::uint64_t expected = 1;
    bool inOrder = true;
    std::size_t batch = 1;
    while (expected <= kCount) {
        std::size_t n = 0;
        while (n < batch && ring.peek(n))
            ++n;
        for (std::size_t i = 0; i < n; ++i)
            inOrder = inOrder && *ring.peek(i) == expected + i;
        ring.release(n);
        expected += n;
        batch = batch % 7 + 1;
    }
    producer.join();
    QVERIFY(inOrder);
    QVERIFY(ring.empty());
    QVERIFY(ring.peek(0) == nullptr);

    runtime::SpscRing<int, 4> small;
    for (int i = 0; i < 4; ++i)
        QVERIFY(small.tryPush(i));
    QCOMPARE(*small.peek(3), 3);
    QVERIFY(small.peek(4) == nullptr);
    small.release(3);
    QVERIFY(small.tryPush(4));   // three slots free again
    QCOMPARE(*small.front(), 3);
    QCOMPARE(*small.peek(1), 4);
    QVERIFY(small.peek(2) == nullptr);
}

void tst_RuntimeBurst::burstsKeepEveryPortsOrderAmongEgressSlots()
{
    // A source port on worker 0 sends runs of frames to two ports owned by worker 1, as
    // injections (ingress slots) or transmissions (egress slots), all through one ring.
    // Worker 1 must see exactly the script: bursts only of consecutive ingress frames of
    // one port, nothing reordered across ports or egress slots.
    runtime::Engine engine(runtime::EngineConfig{2});
    auto idOn = [](unsigned worker, const std::string &prefix) {
        for (int i = 0;; ++i)
            if (std::string id = prefix + std::to_string(i); runtime::placeWorker(id, 2) == worker)
                return id;
    };
    constexpr std::uint32_t kRound = 120;   // below the ring's 128 slots
    constexpr std::uint32_t kRounds = 25;
    constexpr std::uint32_t kFrames = kRound * kRounds;
    SinkLog log;
    log.events.reserve(kFrames);
    log.bursts.reserve(kFrames);
    auto source = std::make_unique<SourcePort>(kFrames, kRound, log);
    auto *src = source.get();
    const runtime::PortIndex s = engine.addPort(idOn(0, "src"), std::move(source));
    const runtime::PortIndex p1 = engine.addPort(idOn(1, "sink-a"), std::make_unique<SinkPort>(log));
    const runtime::PortIndex p2 = engine.addPort(idOn(1, "sink-b"), std::make_unique<SinkPort>(log));

    // Runs of 1-40 frames to one port, a quarter of them egress; fixed seed.
    std::mt19937 rng(20261204);
    std::vector<Step> script;
    std::vector<Event> expected;
    while (script.size() < kFrames) {
        const Step step{rng() % 2 ? p1 : p2, rng() % 4 == 0};
        for (std::uint32_t len = 1 + rng() % 40; len > 0 && script.size() < kFrames; --len) {
            expected.push_back(Event{step.port, step.egress, static_cast<std::uint32_t>(script.size())});
            script.push_back(step);
        }
    }
    engine.setCounterShape(1, 1);
    auto snap = std::make_shared<runtime::EngineSnapshot>();
    snap->forwarder = std::make_shared<ScriptedForwarder>(s, script, log);
    snap->ports.assign(3, runtime::PortPlacement{0, 0, true});
    snap->generation = 1;
    engine.publish(snap);
    QVERIFY(engine.start().ok());
    src->go = true;
    QTRY_COMPARE_WITH_TIMEOUT(log.consumed.load(std::memory_order_acquire), std::uint64_t{kFrames}, 20000);
    engine.stop();

    QCOMPARE(log.events.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        if (!(log.events[i] == expected[i]))
            QFAIL(qPrintable(QString("event %1: port %2 %3 frame %4, expected port %5 %6 frame %7")
                                 .arg(i)
                                 .arg(log.events[i].port)
                                 .arg(log.events[i].egress ? "egress" : "ingress")
                                 .arg(log.events[i].seq)
                                 .arg(expected[i].port)
                                 .arg(expected[i].egress ? "egress" : "ingress")
                                 .arg(expected[i].seq)));
    const std::size_t maxBurst = *std::max_element(log.bursts.begin(), log.bursts.end());
    qInfo("%zu ingress bursts, largest %zu", log.bursts.size(), maxBurst);
    QVERIFY(maxBurst > 1);
    QVERIFY(maxBurst <= std::size_t(io::kBurstFrames));
    const auto stats = engine.stats();
    for (runtime::PortIndex p : {p1, p2}) {
        const auto in = std::count_if(script.begin(), script.end(), [&](const Step &st) { return st.port == p && !st.egress; });
        const auto out = std::count_if(script.begin(), script.end(), [&](const Step &st) { return st.port == p && st.egress; });
        QCOMPARE(stats.ports[p].rxPackets, std::uint64_t(in));
        QCOMPARE(stats.ports[p].txPackets, std::uint64_t(out));
        QCOMPARE(stats.ports[p].totalDrops(), std::uint64_t{0});
    }
    QCOMPARE(stats.ports[s].rxPackets, std::uint64_t{kFrames});
}

void tst_RuntimeBurst::burstsForwardLikeFrameByFrame_data()
{
    QTest::addColumn<unsigned>("threads");
    QTest::newRow("one worker") << 1u;
    QTest::newRow("two workers") << 2u;
}

void tst_RuntimeBurst::burstsForwardLikeFrameByFrame()
{
    // The same traffic through the real pipeline forwarder, once with the bursts the workers
    // form and once handed to it frame by frame: every counter (per host, VSID and port,
    // packets, bytes and drops by reason) and every endpoint's view must be the same. Within
    // the burst run, every burst is also checked against frame by frame on copies (Probe).
    // A ring that overflows (queue-full: a worker descheduled for tens of milliseconds on a
    // loaded machine) loses a load-dependent number of frames; such a pair is run again.
    QFETCH(unsigned, threads);
    auto queueFull = [](const RunResult &r) {   // by port: an endpoint's own pushes count on its port only
        std::uint64_t n = 0;
        for (const auto &p : r.stats.ports)
            n += p.counters.drops[std::size_t(runtime::DropReason::QueueFull)];
        return n;
    };
    RunResult burst, single;
    for (int attempt = 1;; ++attempt) {
        burst = runRedBlue(threads, false);
        if (QTest::currentTestFailed())
            return;
        single = runRedBlue(threads, true);
        if (QTest::currentTestFailed())
            return;
        if (queueFull(burst) == 0 && queueFull(single) == 0)
            break;
        qInfo("attempt %d: queue-full drops (%llu with bursts, %llu frame by frame)", attempt,
              (unsigned long long)queueFull(burst), (unsigned long long)queueFull(single));
        if (attempt == 3) {
            // In CI a skip would hide a regression that overflows the rings: fail there.
            if (qgetenv("CI") == "true")
                QFAIL("every attempt overflowed a ring: no exact comparison was possible");
            QSKIP("every attempt overflowed a ring: the machine is too loaded for an exact comparison");
        }
    }
    qInfo("bursts: %llu frames in %llu bursts, largest %zu", (unsigned long long)burst.frames,
          (unsigned long long)burst.bursts, burst.maxBurst);
    QVERIFY(burst.maxBurst >= kLargestBurstAtLeast);
    QCOMPARE(burst.shadowMismatches, std::uint64_t{0});
    QCOMPARE(burst.frames, single.frames);

    auto compare = [](const std::vector<runtime::NamedCounters> &a, const std::vector<runtime::NamedCounters> &b,
                      const char *what) {
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(QString::fromStdString(a[i].id), QString::fromStdString(b[i].id));
            QVERIFY2(sameCounters(a[i].counters, b[i].counters),
                     qPrintable(QString("%1 %2: bursts %3, frame by frame %4")
                                    .arg(what, QString::fromStdString(a[i].id), countersText(a[i].counters),
                                         countersText(b[i].counters))));
        }
    };
    compare(burst.stats.hosts, single.stats.hosts, "host");
    if (QTest::currentTestFailed())
        return;
    compare(burst.stats.vsids, single.stats.vsids, "vsid");
    if (QTest::currentTestFailed())
        return;
    compare(burst.stats.ports, single.stats.ports, "port");
    if (QTest::currentTestFailed())
        return;
    for (std::size_t i = 0; i < burst.endpoints.size(); ++i) {
        const auto &a = burst.endpoints[i];
        const auto &b = single.endpoints[i];
        QCOMPARE(a.udpReceived, b.udpReceived);
        QCOMPARE(a.udpBytesReceived, b.udpBytesReceived);
        QCOMPARE(a.udpSent, b.udpSent);
        QCOMPARE(a.pingsSent, b.pingsSent);
        QCOMPARE(a.pingRepliesReceived, b.pingRepliesReceived);
        QCOMPARE(a.echoRequestsAnswered, b.echoRequestsAnswered);
        QCOMPARE(a.arpAnswered, b.arpAnswered);
        QCOMPARE(a.icmpErrorsReceived, b.icmpErrorsReceived);
    }
    // And the scenario did what it says: deliveries on both paths, then link-down drops of
    // everything red1 sent (400 datagrams, 50 pings).
    QCOMPARE(burst.endpoints[0].pingRepliesReceived, std::uint64_t{103});
    QCOMPARE(burst.endpoints[1].udpBytesReceived, std::uint64_t{600 * 200});
    QCOMPARE(burst.endpoints[3].udpBytesReceived, std::uint64_t{1000 * 1200});
    const auto red1 = std::find_if(burst.stats.ports.begin(), burst.stats.ports.end(),
                                   [](const runtime::NamedCounters &p) { return p.id == "vm-red-web1/nic0"; });
    QVERIFY(red1 != burst.stats.ports.end());
    QCOMPARE(red1->counters.drops[std::size_t(runtime::DropReason::LinkDown)], std::uint64_t{450});
}

void tst_RuntimeBurst::flowAtFullSpeedIsNotStarvedByItsOwnBursts()
{
    // One worker, red1 sending as fast as the worker takes it: its ring is always full of
    // red1's datagrams, and each burst's NVGRE frames to host-b go into that same ring. A
    // burst that held all its slots until the end would find no room for them (nearly every
    // datagram a queue-full drop); slots given back frame by frame leave room as before.
    auto emu = startRedBlue(1);
    auto *red1 = emu->endpoint("vm-red-web1");
    auto *red2 = emu->endpoint("vm-red-web2");
    red1->startPing(flowTo(packet::ipv4(10, 1, 1, 8), 200, 3, 56));   // ARP first
    QTRY_COMPARE_WITH_TIMEOUT(red1->stats().pingRepliesReceived, std::uint64_t{3}, 20000);
    red1->startUdpFlow(flowTo(packet::ipv4(10, 1, 1, 8), 0, 0, 64));
    QTRY_VERIFY_WITH_TIMEOUT(red1->stats().udpSent >= 20000, 20000);
    red1->stopTraffic();
    const auto stats = settledStats(*emu);
    const auto port = std::find_if(stats.ports.begin(), stats.ports.end(),
                                   [](const runtime::NamedCounters &p) { return p.id == "vm-red-web1/nic0"; });
    QVERIFY(port != stats.ports.end());
    const std::uint64_t sent = port->counters.rxPackets;   // what red1's port took in
    const std::uint64_t received = red2->stats().udpReceived;
    qInfo("forwarded %llu, received %llu", (unsigned long long)sent, (unsigned long long)received);
    QVERIFY(sent >= 5000);
    QVERIFY2(received * 100 >= sent * 99, runtime::formatStatsText(stats, true).c_str());
    (void)emu->stop();
}

QTEST_GUILESS_MAIN(tst_RuntimeBurst)
#include "tst_runtime_burst.moc"
