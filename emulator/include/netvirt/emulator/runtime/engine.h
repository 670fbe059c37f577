// Engine: the multi-threaded packet engine. A pool of worker threads, each an Asio
// io_context owning a set of ports (placed by a hash of the port id, like RSS) and one queue
// of every multi-queue port (TAPs: the kernel spreads flows over the queues, so a flow is
// read and written by one worker); frames for a port without a queue on the current worker
// move to its owner through SPSC rings in bursts of up to 32, and consecutive frames of one
// port in a ring reach the forwarder as one burst (Forwarder::processBurst); the
// EngineSnapshot (forwarder + placement) is published RCU-style and loaded once per burst;
// counters are per worker and summed on read.
// Thread-safety: addPort()/setCounterShape() before start(); publish(), stats(), inject(),
// setCapture(), runOnOwner() from any thread; start()/stop() from one controlling thread.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <netvirt/core/result.h>
#include <netvirt/emulator/io/port_backend.h>
#include <netvirt/emulator/runtime/counters.h>
#include <netvirt/emulator/runtime/forwarder.h>
#include <netvirt/emulator/runtime/snapshot_cell.h>

namespace netvirt::emulator::runtime {

enum class FrameDirection : std::uint8_t { Rx = 1, Tx };   // as seen from the port's device

// Receives every frame a port sends or receives while a capture runs. Called on the worker
// threads serving the port's queues (several at once for a multi-queue TAP).
class CaptureSink {
public:
    virtual ~CaptureSink() = default;
    virtual void write(FrameDirection direction, packet::ConstBytes frame) = 0;
};

struct EngineConfig {
    unsigned threads = 2;
};

struct EngineStats {
    std::vector<CounterSet> ports;   // by PortIndex
    std::vector<CounterSet> hosts;   // by host index of the placement
    std::vector<CounterSet> vsids;   // by VSID index of the placement
    std::uint64_t generation = 0;    // of the snapshot current when read
};

namespace detail {
class Worker;
}

// The worker a port id is placed on among `workers` (a hash of the id, like RSS).
unsigned placeWorker(std::string_view portId, unsigned workers);

class Engine final {
public:
    explicit Engine(EngineConfig config);
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    // Registers a port (before start). `id` decides its worker.
    PortIndex addPort(std::string id, std::unique_ptr<io::PortBackend> backend);
    void setCounterShape(std::size_t hosts, std::size_t vsids);
    std::size_t portCount() const { return m_ports.size(); }
    const std::string &portId(PortIndex port) const { return m_ports[port].id; }
    io::PortBackend &backend(PortIndex port) { return *m_ports[port].backend; }
    unsigned workerOf(PortIndex port) const { return m_ports[port].worker; }
    unsigned threads() const { return static_cast<unsigned>(m_workers.size()); }

    // Publishes a new state; workers pick it up at their next burst.
    void publish(std::shared_ptr<const EngineSnapshot> snapshot);
    std::shared_ptr<const EngineSnapshot> snapshot() const { return m_snapshot.load(); }

    core::Result<void> start();
    // Stops the backends (on their workers), then the threads. Idempotent.
    void stop();
    bool running() const { return m_running.load(std::memory_order_acquire); }

    EngineStats stats() const;

    // A frame as if received on `port` (tests, replay, control). Copies; any thread.
    void inject(PortIndex port, packet::ConstBytes frame);
    // A frame sent out of `port` (gratuitous ARPs after a failover or migration). Copies.
    void transmit(PortIndex port, packet::ConstBytes frame);
    // Runs `fn` on the worker owning `port` and waits for it (not from a worker thread).
    void runOnOwner(PortIndex port, std::function<void()> fn);
    // Attaches (or with nullptr detaches) a capture; returns once the worker has switched,
    // so a detached sink is no longer written to and may be closed by the caller.
    void setCapture(PortIndex port, std::shared_ptr<CaptureSink> sink);

private:
    friend class detail::Worker;
    struct Port {
        std::string id;
        std::unique_ptr<io::PortBackend> backend;
        unsigned worker = 0;                     // the owner: serves queue 0, runs control calls
        // By worker: the backend queue it serves (-1: none; frames for the port go to the
        // owner through a ring). A multi-queue backend has queue q on worker (owner + q) % n.
        std::vector<int> queueOfWorker;
        // By worker: the capture it writes to; each slot touched only by its worker.
        std::vector<std::shared_ptr<CaptureSink>> capture;
    };
    // Runs `fn` on worker `w` and waits for it (not from a worker thread).
    void runOnWorker(unsigned w, std::function<void()> fn);

    std::vector<Port> m_ports;
    std::vector<std::unique_ptr<detail::Worker>> m_workers;
    SnapshotCell<EngineSnapshot> m_snapshot;
    CounterShape m_shape;
    std::atomic<bool> m_running{false};
};

} // namespace netvirt::emulator::runtime
