#include <netvirt/emulator/runtime/engine.h>

#include <algorithm>
#include <future>
#include <optional>
#include <pthread.h>
#include <thread>
#include <utility>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include <netvirt/emulator/runtime/spsc_ring.h>

namespace netvirt::emulator::runtime {

namespace detail {

enum class SlotKind : std::uint8_t { Ingress = 1, Egress };

struct Slot {
    PortIndex port = 0;
    SlotKind kind = SlotKind::Ingress;
    packet::FrameBuffer frame;
};

// 128 slots of one jumbo frame each: about 1.2 MB per ordered pair of workers.
using Ring = SpscRing<Slot, 128>;

class Worker final : public io::PortContext, public Emitter {
public:
    Worker(Engine &engine, unsigned index, unsigned workers, CounterShape shape)
        : m_engine(engine), m_index(index), m_counters(shape)
    {
        for (unsigned i = 0; i < workers; ++i)
            m_inbound.push_back(std::make_unique<Ring>());
        m_notifyPending.assign(workers, 0);
    }

    void startThread()
    {
        m_guard.emplace(boost::asio::make_work_guard(m_io));
        m_thread = std::thread([this] {
            char name[16];
            std::snprintf(name, sizeof name, "nv-worker-%u", m_index);
            pthread_setname_np(pthread_self(), name);
            m_io.run();
        });
    }
    void stopThread()
    {
        m_guard.reset();
        m_io.stop();
        if (m_thread.joinable())
            m_thread.join();
    }

    // PortContext
    boost::asio::io_context &ioContext() override { return m_io; }
    void beginBurst() override
    {
        if (m_burstDepth++ == 0)
            m_snap = m_engine.m_snapshot.load();
    }
    void endBurst() override
    {
        if (--m_burstDepth == 0) {
            m_snap.reset();
            flushNotifications();
        }
    }
    void receive(PortIndex port, packet::FrameBuffer &frame) override
    {
        // Not from a ring: nothing to give back early.
        const Release outer = std::exchange(m_release, Release{});
        packet::FrameBuffer *one = &frame;
        receiveBurst(port, &one, 1);
        m_release = outer;
    }
    bool queueReceive(PortIndex port, packet::ConstBytes frame) override
    {
        return push(m_index, port, SlotKind::Ingress, frame);
    }

    // Emitter
    void transmit(PortIndex port, packet::ConstBytes frame) override
    {
        if (port >= m_engine.m_ports.size())
            return;
        const auto &p = m_engine.m_ports[port];
        const int queue = p.queueOfWorker[m_index];
        if (queue >= 0)
            transmitLocal(port, static_cast<unsigned>(queue), frame);
        else
            push(p.worker, port, SlotKind::Egress, frame);
    }
    void inject(PortIndex port, packet::ConstBytes frame) override
    {
        if (port >= m_engine.m_ports.size())
            return;
        const auto &p = m_engine.m_ports[port];
        push(p.queueOfWorker[m_index] >= 0 ? m_index : p.worker, port, SlotKind::Ingress, frame);
    }
    void drop(DropReason reason, PortIndex port, std::uint32_t host, std::uint32_t vsid) override
    {
        const PortPlacement pl = placement(port);
        m_counters.drop(reason, port, host != kNoIndex ? host : pl.host, vsid != kNoIndex ? vsid : pl.vsid);
    }
    void framesDone(std::size_t count) override
    {
        if (!m_release.ring)
            return;
        const std::size_t done = std::min(m_release.base + count, m_release.limit);
        if (done > m_release.released) {
            m_release.ring->release(done - m_release.released);
            m_release.released = done;
        }
    }

    // A frame from outside the workers (inject() of the engine): processed as its own burst.
    void receiveCopy(PortIndex port, const std::vector<std::uint8_t> &bytes)
    {
        if (!m_rxCopy.assign(packet::ConstBytes(bytes.data(), bytes.size())))
            return;
        beginBurst();
        receive(port, m_rxCopy);
        endBurst();
    }

    void transmitCopy(PortIndex port, const std::vector<std::uint8_t> &bytes)
    {
        beginBurst();
        transmitLocal(port, ownQueue(port), packet::ConstBytes(bytes.data(), bytes.size()));
        endBurst();
    }

    // A producer published into one of this worker's rings. The wake-up (a post into this
    // worker's io_context: its mutex, and a futex or eventfd write when it sleeps) happens only
    // when the worker is not already draining; while it drains, the producer pays one fence and
    // one load. Pairs with the re-check at the end of drain(): producer "publish; fence; load
    // kick" against consumer "kick = false; fence; load rings" — one of them sees the other.
    void notify()
    {
        std::atomic_thread_fence(std::memory_order_seq_cst);
        if (m_kickPending.load(std::memory_order_relaxed))
            return;
        if (!m_kickPending.exchange(true, std::memory_order_acq_rel))
            boost::asio::post(m_io, [this] { drain(); });
    }

    const WorkerCounters &counters() const { return m_counters; }

private:
    // `n` frames that arrived on `port`, oldest first. Each is checked (link down), counted
    // and captured as it comes; then the forwarder takes them as one burst, so its table
    // lookups overlap. The placement and capture cannot change within a burst (both change
    // only between handlers of this worker). While the port is captured the forwarder takes
    // the frames one by one instead, so the capture keeps each received frame ahead of what
    // it caused to be sent, as without bursts (and sees each frame before it is edited).
    void receiveBurst(PortIndex port, packet::FrameBuffer *const *frames, std::size_t n)
    {
        const PortPlacement pl = placement(port);
        if (!pl.up) {
            for (std::size_t i = 0; i < n; ++i)
                m_counters.drop(DropReason::LinkDown, port, pl.host, pl.vsid);
            return;
        }
        const Forwarder *forwarder = m_snap ? m_snap->forwarder.get() : nullptr;
        if (auto &cap = m_engine.m_ports[port].capture[m_index]) {
            for (std::size_t i = 0; i < n; ++i) {
                m_counters.rx(port, pl.host, pl.vsid, frames[i]->size());
                cap->write(FrameDirection::Rx, frames[i]->cdata());
                m_release.base = i;   // the forwarder counts this frame as its first
                if (forwarder)
                    forwarder->process(port, *frames[i], *this);
                else
                    m_counters.drop(DropReason::NoRoute, port, pl.host, pl.vsid);
            }
            return;
        }
        for (std::size_t i = 0; i < n; ++i)
            m_counters.rx(port, pl.host, pl.vsid, frames[i]->size());
        if (!forwarder) {
            for (std::size_t i = 0; i < n; ++i)
                m_counters.drop(DropReason::NoRoute, port, pl.host, pl.vsid);
            return;
        }
        forwarder->processBurst(port, frames, n, *this);
    }

    PortPlacement placement(PortIndex port) const
    {
        if (m_snap && port < m_snap->ports.size())
            return m_snap->ports[port];
        return PortPlacement{};
    }

    unsigned ownQueue(PortIndex port) const
    {
        const int q = m_engine.m_ports[port].queueOfWorker[m_index];
        return q >= 0 ? static_cast<unsigned>(q) : 0;
    }

    void transmitLocal(PortIndex port, unsigned queue, packet::ConstBytes frame)
    {
        const PortPlacement pl = placement(port);
        if (!pl.up) {
            m_counters.drop(DropReason::LinkDown, port, pl.host, pl.vsid);
            return;
        }
        auto &p = m_engine.m_ports[port];
        if (!p.backend->transmitOn(queue, frame)) {
            m_counters.drop(DropReason::TxError, port, pl.host, pl.vsid);
            return;
        }
        m_counters.tx(port, pl.host, pl.vsid, frame.size());
        if (auto &cap = p.capture[m_index])
            cap->write(FrameDirection::Tx, frame);
    }

    bool push(unsigned dst, PortIndex port, SlotKind kind, packet::ConstBytes frame)
    {
        Worker &to = *m_engine.m_workers[dst];
        Ring &ring = *to.m_inbound[m_index];
        Slot *slot = ring.claim();
        if (!slot || !slot->frame.assign(frame)) {
            drop(DropReason::QueueFull, port, kNoIndex, kNoIndex);
            return false;
        }
        slot->port = port;
        slot->kind = kind;
        ring.publish();
        // Inside a burst the wake-up waits for endBurst(): one per destination per burst.
        if (m_burstDepth > 0)
            m_notifyPending[dst] = 1;
        else
            to.notify();
        return true;
    }

    void flushNotifications()
    {
        for (std::size_t w = 0; w < m_notifyPending.size(); ++w)
            if (m_notifyPending[w]) {
                m_notifyPending[w] = 0;
                m_engine.m_workers[w]->notify();
            }
    }

    bool anyInbound() const
    {
        for (const auto &ring : m_inbound)
            if (!ring->empty())
                return true;
        return false;
    }

    // Up to kBurstFrames slots of each ring, oldest first. A run of Ingress slots of one port
    // goes to the forwarder as one burst, read in place: a slot is released only once the
    // forwarder is done with its frame (it edits the frames and its actions point into them).
    // An Egress slot, or a frame of another port, ends the run, so every port sees its
    // frames, and the ring its slots, in the order they were pushed.
    void drain()
    {
        beginBurst();
        bool more = false;
        for (auto &ring : m_inbound) {
            std::size_t budget = io::kBurstFrames;   // also bounds a burst
            while (budget > 0) {
                Slot *slot = ring->front();
                if (!slot)
                    break;
                if (slot->kind != SlotKind::Ingress) {
                    transmitLocal(slot->port, ownQueue(slot->port), slot->frame.cdata());
                    ring->release();
                    --budget;
                    continue;
                }
                const PortIndex port = slot->port;
                packet::FrameBuffer *frames[io::kBurstFrames];
                std::size_t n = 0;
                frames[n++] = &slot->frame;
                while (n < budget) {
                    Slot *next = ring->peek(n);
                    if (!next || next->kind != SlotKind::Ingress || next->port != port)
                        break;
                    frames[n++] = &next->frame;
                }
                // Each frame's slot goes back as soon as the forwarder is done with it, so
                // what it causes can be queued in this ring as when frames went one by one.
                m_release = Release{ring.get(), 0, n, 0};
                receiveBurst(port, frames, n);
                ring->release(n - m_release.released);
                m_release = Release{};
                budget -= n;
            }
            more = more || !ring->empty();
        }
        endBurst();
        if (more) {
            // Still busy: continue after the other ports' handlers; producers see the kick
            // pending and do not post.
            boost::asio::post(m_io, [this] { drain(); });
            return;
        }
        m_kickPending.store(false, std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_seq_cst);
        if (anyInbound() && !m_kickPending.exchange(true, std::memory_order_acq_rel))
            boost::asio::post(m_io, [this] { drain(); });
    }

    Engine &m_engine;
    const unsigned m_index;
    boost::asio::io_context m_io{1};
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> m_guard;
    std::thread m_thread;
    std::vector<std::unique_ptr<Ring>> m_inbound;   // by source worker
    std::atomic<bool> m_kickPending{false};        // a drain() is posted or running
    std::vector<std::uint8_t> m_notifyPending;      // by destination worker: pushed this burst
    WorkerCounters m_counters;
    std::shared_ptr<const EngineSnapshot> m_snap;   // during a burst only
    // The ring run being forwarded: frames [0, limit) of it are slots from the head of
    // `ring`, `released` of them given back; the forwarder's frame 0 is run frame `base`.
    struct Release {
        Ring *ring = nullptr;
        std::size_t base = 0;
        std::size_t limit = 0;
        std::size_t released = 0;
    };
    Release m_release;
    int m_burstDepth = 0;
    packet::FrameBuffer m_rxCopy;
};

} // namespace detail

unsigned placeWorker(std::string_view portId, unsigned workers)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : portId) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    h ^= h >> 29;
    return workers == 0 ? 0 : static_cast<unsigned>(h % workers);
}

Engine::Engine(EngineConfig config)
{
    const unsigned n = config.threads == 0 ? 1 : config.threads;
    m_workers.resize(n);
    m_snapshot.publish(std::make_shared<const EngineSnapshot>());
}

Engine::~Engine()
{
    stop();
}

PortIndex Engine::addPort(std::string id, std::unique_ptr<io::PortBackend> backend)
{
    Port p;
    const unsigned n = static_cast<unsigned>(m_workers.size());
    p.worker = placeWorker(id, n);
    p.queueOfWorker.assign(n, -1);
    p.queueOfWorker[p.worker] = 0;
    p.capture.assign(n, nullptr);
    p.id = std::move(id);
    p.backend = std::move(backend);
    m_ports.push_back(std::move(p));
    return static_cast<PortIndex>(m_ports.size() - 1);
}

void Engine::setCounterShape(std::size_t hosts, std::size_t vsids)
{
    m_shape.hosts = hosts;
    m_shape.vsids = vsids;
}

void Engine::publish(std::shared_ptr<const EngineSnapshot> snapshot)
{
    m_snapshot.publish(std::move(snapshot));
}

core::Result<void> Engine::start()
{
    if (running())
        return {};
    m_shape.ports = m_ports.size();
    const unsigned n = static_cast<unsigned>(m_workers.size());
    for (auto &p : m_ports) {
        p.queueOfWorker.assign(n, -1);
        const unsigned queues = std::min(std::max(p.backend->queues(), 1u), n);
        for (unsigned q = 0; q < queues; ++q)
            p.queueOfWorker[(p.worker + q) % n] = static_cast<int>(q);
    }
    for (unsigned i = 0; i < n; ++i)
        m_workers[i] = std::make_unique<detail::Worker>(*this, i, n, m_shape);
    for (auto &w : m_workers)
        w->startThread();
    m_running.store(true, std::memory_order_release);
    // One round trip per worker, each starting the queues it serves.
    for (unsigned w = 0; w < n; ++w)
        runOnWorker(w, [this, w] {
            for (PortIndex i = 0; i < m_ports.size(); ++i)
                if (const int q = m_ports[i].queueOfWorker[w]; q >= 0)
                    m_ports[i].backend->startQueue(*m_workers[w], i, static_cast<unsigned>(q));
        });
    return {};
}

void Engine::stop()
{
    if (!m_running.load(std::memory_order_acquire))
        return;
    for (unsigned w = 0; w < m_workers.size(); ++w)
        runOnWorker(w, [this, w] {
            for (PortIndex i = 0; i < m_ports.size(); ++i) {
                if (const int q = m_ports[i].queueOfWorker[w]; q >= 0)
                    m_ports[i].backend->stopQueue(static_cast<unsigned>(q));
                m_ports[i].capture[w].reset();
            }
        });
    for (auto &w : m_workers)
        w->stopThread();
    m_running.store(false, std::memory_order_release);
}

EngineStats Engine::stats() const
{
    EngineStats s;
    s.ports.resize(m_ports.size());
    s.hosts.resize(m_shape.hosts);
    s.vsids.resize(m_shape.vsids);
    for (const auto &w : m_workers)
        if (w)
            w->counters().sumInto(s.ports, s.hosts, s.vsids);
    s.generation = m_snapshot.load()->generation;
    return s;
}

void Engine::inject(PortIndex port, packet::ConstBytes frame)
{
    if (port >= m_ports.size() || !running())
        return;
    auto *w = m_workers[m_ports[port].worker].get();
    std::vector<std::uint8_t> copy(frame.begin(), frame.end());
    boost::asio::post(w->ioContext(), [w, port, copy = std::move(copy)] { w->receiveCopy(port, copy); });
}

void Engine::transmit(PortIndex port, packet::ConstBytes frame)
{
    if (port >= m_ports.size() || !running())
        return;
    auto *w = m_workers[m_ports[port].worker].get();
    std::vector<std::uint8_t> copy(frame.begin(), frame.end());
    boost::asio::post(w->ioContext(), [w, port, copy = std::move(copy)] { w->transmitCopy(port, copy); });
}

void Engine::runOnOwner(PortIndex port, std::function<void()> fn)
{
    runOnWorker(m_ports[port].worker, std::move(fn));
}

void Engine::runOnWorker(unsigned worker, std::function<void()> fn)
{
    if (!running()) {
        fn();
        return;
    }
    auto *w = m_workers[worker].get();
    std::promise<void> done;
    auto future = done.get_future();
    boost::asio::post(w->ioContext(), [&fn, &done] {
        fn();
        done.set_value();
    });
    future.wait();
}

void Engine::setCapture(PortIndex port, std::shared_ptr<CaptureSink> sink)
{
    if (port >= m_ports.size())
        return;
    // Every worker serving a queue of the port writes to the sink (it serializes itself).
    for (unsigned w = 0; w < m_workers.size(); ++w)
        if (!running() || m_ports[port].queueOfWorker[w] >= 0)
            runOnWorker(w, [this, port, w, &sink] { m_ports[port].capture[w] = sink; });
}

} // namespace netvirt::emulator::runtime
