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

TapPort::TapPort(int fd, std::string description) : m_fd(fd), m_description(std::move(description)) {}

TapPort::~TapPort()
{
    if (m_stream) {
        boost::system::error_code ec;
        m_stream->close(ec);
    } else if (m_fd >= 0) {
        ::close(m_fd);
    }
}

void TapPort::start(PortContext &context, PortIndex self)
{
    m_context = &context;
    m_port = self;
    m_stream = std::make_unique<boost::asio::posix::stream_descriptor>(context.ioContext(), m_fd);
    waitReadable();
}

void TapPort::waitReadable()
{
    m_stream->async_wait(boost::asio::posix::stream_descriptor::wait_read, [this](const boost::system::error_code &ec) {
        if (!ec)
            drainBurst();
    });
}

void TapPort::drainBurst()
{
    if (!m_context)
        return;
    int n = 0;
    m_context->beginBurst();
    for (; n < kBurstFrames; ++n) {
        m_buffer.clear();
        auto room = m_buffer.put(packet::FrameBuffer::kMaxFrameBytes);
        ssize_t got = ::read(m_fd, room.data(), room.size());
        if (got < 0) {
            if (errno == EINTR) {
                --n;
                continue;
            }
            break;   // EAGAIN: drained
        }
        (void)m_buffer.truncate(static_cast<std::size_t>(got));
        m_context->receive(m_port, m_buffer);
    }
    m_context->endBurst();
    if (n == kBurstFrames) {
        // More may be waiting: yield to the other ports of this worker, then continue.
        boost::asio::post(m_context->ioContext(), [this] {
            if (m_stream && m_stream->is_open())
                drainBurst();
        });
    } else {
        waitReadable();
    }
}

bool TapPort::transmit(packet::ConstBytes frame)
{
    for (;;) {
        ssize_t n = ::write(m_fd, frame.data(), frame.size());
        if (n >= 0)
            return true;
        if (errno != EINTR)
            return false;
    }
}

void TapPort::stop()
{
    m_context = nullptr;
    if (m_stream) {
        boost::system::error_code ec;
        m_stream->cancel(ec);
        m_stream->close(ec);
        m_fd = -1;
        m_stream.reset();
    }
}

} // namespace netvirt::emulator::io
