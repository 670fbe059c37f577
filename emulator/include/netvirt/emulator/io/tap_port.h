// Linux TAP devices (/dev/net/tun, IFF_TAP | IFF_NO_PI, non-blocking, optionally one queue per
// worker with IFF_MULTI_QUEUE) and the TapPort backend that drains one queue in bursts until
// EAGAIN inside an asio posix::stream_descriptor.
// Thread-safety: TapDevice is a move-only owner of file descriptors (one thread at a time);
// TapPort follows the PortBackend contract (owning worker thread only).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/posix/stream_descriptor.hpp>

#include <netvirt/core/result.h>
#include <netvirt/emulator/io/port_backend.h>
#include <netvirt/emulator/packet/frame_buffer.h>

namespace netvirt::emulator::io {

class TapDevice final {
public:
    TapDevice() = default;
    TapDevice(TapDevice &&other) noexcept;
    TapDevice &operator=(TapDevice &&other) noexcept;
    TapDevice(const TapDevice &) = delete;
    TapDevice &operator=(const TapDevice &) = delete;
    ~TapDevice();

    // Creates (or attaches to) TAP `name` with `queues` queues (> 1: IFF_MULTI_QUEUE).
    static core::Result<TapDevice> open(const std::string &name, unsigned queues = 1);

    const std::string &name() const { return m_name; }
    unsigned queues() const { return static_cast<unsigned>(m_fds.size()); }
    // Hands the descriptor of queue `q` over to the caller (for a TapPort).
    int releaseQueue(unsigned q);

private:
    std::string m_name;
    std::vector<int> m_fds;
};

class TapPort final : public PortBackend {
public:
    // Takes ownership of `fd` (a TAP queue). `description`: "tap nvt…", "namespace nv-…".
    TapPort(int fd, std::string description);
    // Takes ownership of every queue of `device` (one per worker when it is multi-queue).
    TapPort(TapDevice device, std::string description);
    ~TapPort() override;

    void start(PortContext &context, PortIndex self) override { startQueue(context, self, 0); }
    bool transmit(packet::ConstBytes frame) override { return transmitOn(0, frame); }
    void stop() override { stopQueue(0); }
    std::string describe() const override { return m_description; }

    unsigned queues() const override { return static_cast<unsigned>(m_queues.size()); }
    void startQueue(PortContext &context, PortIndex self, unsigned queue) override;
    bool transmitOn(unsigned queue, packet::ConstBytes frame) override;
    void stopQueue(unsigned queue) override;

private:
    // One TAP queue, served by one worker: readiness wait, then reads until EAGAIN in bursts.
    struct Queue {
        int fd = -1;
        PortContext *context = nullptr;
        std::unique_ptr<boost::asio::posix::stream_descriptor> stream;
        packet::FrameBuffer buffer;
    };
    void waitReadable(Queue &q);
    void drainBurst(Queue &q);

    std::vector<std::unique_ptr<Queue>> m_queues;
    std::string m_description;
    PortIndex m_port = 0;
};

} // namespace netvirt::emulator::io
