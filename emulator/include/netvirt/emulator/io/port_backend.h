// The interface between the engine's workers and a port backend (built-in endpoint, TAP,
// namespace TAP, memory fabric NIC). A backend is started, fed and stopped on the worker
// thread that owns its port and hands received frames to that worker through PortContext.
// Thread-safety: every call is made on the owning worker thread, except describe(); a
// multi-queue backend's per-queue calls on the worker serving that queue.
#pragma once

#include <cstdint>
#include <string>

#include <boost/asio/io_context.hpp>

#include <netvirt/emulator/packet/bytes.h>
#include <netvirt/emulator/packet/frame_buffer.h>

namespace netvirt::emulator::io {

using PortIndex = std::uint32_t;

// What a backend may ask of the worker that owns it.
class PortContext {
public:
    virtual boost::asio::io_context &ioContext() = 0;
    // Frames read from the device are processed at once, between beginBurst() and endBurst()
    // (the policy snapshot is loaded once per burst). At most kBurstFrames per burst.
    virtual void beginBurst() = 0;
    // The frame may be edited in place by the forwarder (its headroom used for headers).
    virtual void receive(PortIndex port, packet::FrameBuffer &frame) = 0;
    virtual void endBurst() = 0;
    // A frame the backend produced on its own (endpoint replies, generators): queued and
    // processed in the worker's next burst. False when the queue is full (counted as a drop).
    virtual bool queueReceive(PortIndex port, packet::ConstBytes frame) = 0;

protected:
    ~PortContext() = default;
};

inline constexpr int kBurstFrames = 32;

class PortBackend {
public:
    virtual ~PortBackend() = default;
    virtual void start(PortContext &context, PortIndex self) = 0;
    // Sends one frame out of the port (to the VM, or onto the wire). False: not sent.
    virtual bool transmit(packet::ConstBytes frame) = 0;
    virtual void stop() = 0;

    // A backend with several queues (a multi-queue TAP) is served by several workers at once:
    // queue q is started, fed, written and stopped only on the worker it was started on, so
    // frames of one flow stay on one worker and no frame crosses threads. Queue 0 is the one
    // start()/transmit()/stop() use.
    virtual unsigned queues() const { return 1; }
    virtual void startQueue(PortContext &context, PortIndex self, unsigned queue)
    {
        if (queue == 0)
            start(context, self);
    }
    virtual bool transmitOn(unsigned queue, packet::ConstBytes frame)
    {
        (void)queue;
        return transmit(frame);
    }
    virtual void stopQueue(unsigned queue)
    {
        if (queue == 0)
            stop();
    }
    // "endpoint", "tap nvt0123456789ab", "namespace nv-red-web1"...
    virtual std::string describe() const = 0;
};

} // namespace netvirt::emulator::io
