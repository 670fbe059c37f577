// What the engine runs per frame: a Forwarder (the policy and the code that applies it, an
// immutable object published inside an EngineSnapshot) that turns frames arriving on a port,
// one or a burst at a time, into transmissions, injections and drops through an Emitter.
// Thread-safety: a Forwarder is immutable and called concurrently by every worker; an
// Emitter belongs to the worker that passes it and is used only during the call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include <netvirt/emulator/io/port_backend.h>
#include <netvirt/emulator/packet/bytes.h>
#include <netvirt/emulator/packet/frame_buffer.h>
#include <netvirt/emulator/runtime/counters.h>

namespace netvirt::emulator::runtime {

using io::PortIndex;

class Emitter {
public:
    // Out through `port`: to its VM, or onto the wire for a physical NIC port.
    virtual void transmit(PortIndex port, packet::ConstBytes frame) = 0;
    // As if `frame` had arrived on `port` (the in-memory provider fabric uses this).
    virtual void inject(PortIndex port, packet::ConstBytes frame) = 0;
    // Counted against `port`, `host` and `vsid` (kNoIndex: not that one; a known port with
    // kNoIndex host/vsid takes them from the port's placement).
    virtual void drop(DropReason reason, PortIndex port, std::uint32_t host, std::uint32_t vsid) = 0;
    // The first `count` frames of the burst passed to the current process()/processBurst()
    // call are done with (every action of theirs emitted): their buffers may be reused (a
    // worker gives their ring slots back, so what they cause can be queued in the same ring as
    // if they had gone one by one). Optional; counts only grow within a call. A forwarder
    // that hands frames on to another one does so in order, so no count runs ahead.
    virtual void framesDone(std::size_t count) { (void)count; }

protected:
    ~Emitter() = default;
};

class Forwarder {
public:
    virtual ~Forwarder() = default;
    // `frame` arrived on `ingress`; the forwarder may edit it in place (headroom included).
    virtual void process(PortIndex ingress, packet::FrameBuffer &frame, Emitter &out) const = 0;
    // `n` frames that arrived on `ingress`, oldest first (a worker's burst): the same
    // transmissions, injections and drops, in the same order, as process() frame by frame,
    // which is what this default does. A forwarder overrides it to look the burst up at once.
    virtual void processBurst(PortIndex ingress, packet::FrameBuffer *const *frames, std::size_t n, Emitter &out) const
    {
        for (std::size_t i = 0; i < n; ++i) {
            process(ingress, *frames[i], out);
            out.framesDone(i + 1);
        }
    }
};

// Where a port's counters go, and whether its link is up (a down port neither sends nor
// receives: drop `link-down`).
struct PortPlacement {
    std::uint32_t host = kNoIndex;
    std::uint32_t vsid = kNoIndex;
    bool up = true;
};

// One published state of the engine: policy and placement. Replaced whole, never edited.
struct EngineSnapshot {
    std::shared_ptr<const Forwarder> forwarder;
    std::vector<PortPlacement> ports;     // by PortIndex
    std::uint64_t generation = 0;
};

} // namespace netvirt::emulator::runtime
