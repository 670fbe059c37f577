#include <netvirt/emulator/io/tap_port.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <boost/asio/post.hpp>

namespace netvirt::emulator::io {

using core::ErrorCode;
using core::makeError;

TapDevice::TapDevice(TapDevice &&other) noexcept : m_name(std::move(other.m_name)), m_fds(std::move(other.m_fds))
{
    other.m_fds.clear();
}

TapDevice &TapDevice::operator=(TapDevice &&other) noexcept
{
    if (this != &other) {
        for (int fd : m_fds)
            if (fd >= 0)
                ::close(fd);
        m_name = std::move(other.m_name);
        m_fds = std::move(other.m_fds);
        other.m_fds.clear();
    }
    return *this;
}

TapDevice::~TapDevice()
{
    for (int fd : m_fds)
        if (fd >= 0)
            ::close(fd);
}

core::Result<TapDevice> TapDevice::open(const std::string &name, unsigned queues)
{
    if (name.empty() || name.size() >= IFNAMSIZ)
        return makeError(ErrorCode::Invalid, "bad TAP name \"" + name + "\"");
    TapDevice dev;
    dev.m_name = name;
    if (queues == 0)
        queues = 1;
    for (unsigned q = 0; q < queues; ++q) {
        int fd = ::open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            return makeError(errno == EACCES || errno == EPERM ? ErrorCode::Permission : ErrorCode::Io,
                             std::string("/dev/net/tun: ") + std::strerror(errno));
        ifreq ifr{};
        ifr.ifr_flags = IFF_TAP | IFF_NO_PI | (queues > 1 ? IFF_MULTI_QUEUE : 0);
        std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
        if (::ioctl(fd, TUNSETIFF, &ifr) < 0) {
            int e = errno;
            ::close(fd);
            return makeError(e == EPERM ? ErrorCode::Permission : ErrorCode::Io,
                             "TUNSETIFF " + name + ": " + std::strerror(e));
        }
        dev.m_fds.push_back(fd);
    }
    return dev;
}

int TapDevice::releaseQueue(unsigned q)
{
    if (q >= m_fds.size())
        return -1;
    return std::exchange(m_fds[q], -1);
}

TapPort::TapPort(int fd, std::string description) : m_description(std::move(description))
{
    auto q = std::make_unique<Queue>();
    q->fd = fd;
    m_queues.push_back(std::move(q));
}

TapPort::TapPort(TapDevice device, std::string description) : m_description(std::move(description))
{
    for (unsigned i = 0; i < device.queues(); ++i) {
        auto q = std::make_unique<Queue>();
        q->fd = device.releaseQueue(i);
        m_queues.push_back(std::move(q));
    }
}

TapPort::~TapPort()
{
    for (auto &q : m_queues) {
        if (q->stream) {
            boost::system::error_code ec;
            q->stream->close(ec);
        } else if (q->fd >= 0) {
            ::close(q->fd);
        }
    }
}

void TapPort::startQueue(PortContext &context, PortIndex self, unsigned queue)
{
    if (queue >= m_queues.size())
        return;
    Queue &q = *m_queues[queue];
    q.context = &context;
    m_port = self;
    q.stream = std::make_unique<boost::asio::posix::stream_descriptor>(context.ioContext(), q.fd);
    waitReadable(q);
}

void TapPort::waitReadable(Queue &q)
{
    q.stream->async_wait(boost::asio::posix::stream_descriptor::wait_read, [this, &q](const boost::system::error_code &ec) {
        if (!ec)
            drainBurst(q);
    });
}

void TapPort::drainBurst(Queue &q)
{
    if (!q.context)
        return;
    int n = 0;
    q.context->beginBurst();
    for (; n < kBurstFrames; ++n) {
        q.buffer.clear();
        auto room = q.buffer.put(packet::FrameBuffer::kMaxFrameBytes);
        ssize_t got = ::read(q.fd, room.data(), room.size());
        if (got < 0) {
            if (errno == EINTR) {
                --n;
                continue;
            }
            break;   // EAGAIN: drained
        }
        (void)q.buffer.truncate(static_cast<std::size_t>(got));
        q.context->receive(m_port, q.buffer);
    }
    q.context->endBurst();
    if (n == kBurstFrames) {
        // More may be waiting: yield to the other ports of this worker, then continue.
        boost::asio::post(q.context->ioContext(), [this, &q] {
            if (q.stream && q.stream->is_open())
                drainBurst(q);
        });
    } else {
        waitReadable(q);
    }
}

bool TapPort::transmitOn(unsigned queue, packet::ConstBytes frame)
{
    const int fd = m_queues[queue < m_queues.size() ? queue : 0]->fd;
    for (;;) {
        ssize_t n = ::write(fd, frame.data(), frame.size());
        if (n >= 0)
            return true;
        if (errno != EINTR)
            return false;
    }
}

void TapPort::stopQueue(unsigned queue)
{
    if (queue >= m_queues.size())
        return;
    Queue &q = *m_queues[queue];
    q.context = nullptr;
    if (q.stream) {
        boost::system::error_code ec;
        q.stream->cancel(ec);
        q.stream->close(ec);
        q.fd = -1;
        q.stream.reset();
    }
}

} // namespace netvirt::emulator::io
