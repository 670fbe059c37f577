#include <netvirt/emulator/runtime/emulate.h>

#include <chrono>
#include <csignal>
#include <deque>
#include <iostream>
#include <memory>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <netvirt/core/io/design_io.h>
#include <netvirt/emulator/capture/capture.h>
#include <netvirt/emulator/forwarding/pipeline.h>
#include <netvirt/emulator/io/host_ops.h>
#include <netvirt/emulator/runtime/command_queue.h>

namespace netvirt::emulator::runtime {

namespace asio = boost::asio;
using Local = asio::local::stream_protocol;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitProblem = 1;
constexpr int kExitUsage = 2;

// One client of the control socket: reads command lines, queues them, writes the replies.
class ControlSession final : public std::enable_shared_from_this<ControlSession> {
public:
    ControlSession(Local::socket socket, CommandQueue &queue) : m_socket(std::move(socket)), m_queue(queue) {}

    void start() { readLine(); }

private:
    void readLine()
    {
        auto self = shared_from_this();
        asio::async_read_until(m_socket, m_in, '\n', [this, self](const boost::system::error_code &ec, std::size_t) {
            if (ec)
                return;
            std::istream is(&m_in);
            std::string line;
            std::getline(is, line);
            auto cmd = parseCommandLine(line);
            if (!cmd) {
                CommandReply r;
                r.ok = false;
                r.error = cmd.error().message;
                reply(r);
                return;
            }
            m_queue.push(std::move(cmd.value()), [this, self](const CommandReply &r) { reply(r); });
        });
    }

    void reply(const CommandReply &r)
    {
        auto self = shared_from_this();
        auto text = std::make_shared<std::string>(formatReply(r));
        asio::async_write(m_socket, asio::buffer(*text), [this, self, text](const boost::system::error_code &ec, std::size_t) {
            if (!ec)
                readLine();
        });
    }

    Local::socket m_socket;
    asio::streambuf m_in;
    CommandQueue &m_queue;
};

class ControlServer final {
public:
    ControlServer(asio::io_context &io, CommandQueue &queue) : m_acceptor(io), m_queue(queue) {}

    core::Result<void> listen(const std::string &path)
    {
        if (path.size() >= sizeof(sockaddr_un{}.sun_path))
            return core::makeError(core::ErrorCode::Invalid, "control socket path too long: " + path);
        struct stat st{};
        if (::lstat(path.c_str(), &st) == 0) {
            if (!S_ISSOCK(st.st_mode))
                return core::makeError(core::ErrorCode::Conflict, path + " exists and is not a socket");
            // A live emulator answers; a stale socket from a crash does not and is replaced.
            Local::socket probe(m_acceptor.get_executor());
            boost::system::error_code ec;
            probe.connect(Local::endpoint(path), ec);
            if (!ec)
                return core::makeError(core::ErrorCode::Conflict, path + " is in use by another emulator");
            ::unlink(path.c_str());
        }
        boost::system::error_code ec;
        m_acceptor.open(Local(), ec);
        if (!ec)
            m_acceptor.bind(Local::endpoint(path), ec);
        if (!ec)
            m_acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec)
            return core::makeError(core::ErrorCode::Io, "control socket " + path + ": " + ec.message());
        m_path = path;
        accept();
        return {};
    }

    ~ControlServer()
    {
        boost::system::error_code ec;
        m_acceptor.close(ec);
        if (!m_path.empty())
            ::unlink(m_path.c_str());
    }

private:
    void accept()
    {
        m_acceptor.async_accept([this](const boost::system::error_code &ec, Local::socket socket) {
            if (ec)
                return;
            std::make_shared<ControlSession>(std::move(socket), m_queue)->start();
            accept();
        });
    }

    Local::acceptor m_acceptor;
    CommandQueue &m_queue;
    std::string m_path;
};

} // namespace

int runEmulate(const EmulateOptions &options, std::ostream &out, std::ostream &err)
{
    auto design = core::io::loadDesign(options.designPath);
    if (!design) {
        err << "netvirt emulate: " << design.error().message << "\n";
        return kExitUsage;
    }
    auto settings = resolveSettings(*design, options.overrides);
    if (!settings) {
        err << "netvirt emulate: " << options.designPath << ": " << settings.error().message << "\n";
        return kExitUsage;
    }
    if (settings->needsPrivileges()) {
        const auto check = io::checkNetworkPrivileges();
        if (!check.ok) {
            const bool asked = (options.overrides.attach && *options.overrides.attach != AttachKind::Endpoint)
                || (options.overrides.underlay && *options.overrides.underlay == UnderlayKind::Tap);
            if (asked) {
                err << "netvirt emulate: namespace and TAP attachment need " << check.missing
                    << "; run as root or use --attach endpoint --underlay memory\n";
                return kExitUsage;
            }
            err << "netvirt emulate: warning: the design asks for namespaces or TAPs, which need " << check.missing
                << "; every vNIC runs as a built-in endpoint on the in-memory underlay instead\n";
            settings->attachOverride = AttachKind::Endpoint;
            settings->underlay = UnderlayKind::Memory;
        }
    }

    asio::io_context io(1);
    // Installed before anything is created: a Ctrl-C during set-up still tears down.
    asio::signal_set signals(io, SIGINT, SIGTERM);
    bool stopping = false;
    auto requestStop = [&] {
        if (!stopping) {
            stopping = true;
            io.stop();
        }
    };
    signals.async_wait([&](const boost::system::error_code &ec, int) {
        if (!ec)
            requestStop();
    });

    auto emulation = Emulation::create(std::move(design.value()), std::move(settings.value()));
    if (!emulation) {
        err << "netvirt emulate: " << emulation.error().message << "\n";
        return kExitProblem;
    }
    Emulation &emu = **emulation;
    auto startResult = emu.start();
    for (const auto &j : emu.recovery().journals)
        err << "netvirt emulate: replayed " << j << " of a crashed emulator\n";
    for (const auto &r : emu.recovery().removed)
        err << "netvirt emulate: removed stale " << io::resourceKindName(r.kind) << " " << r.name << "\n";
    for (const auto &e : emu.recovery().errors)
        err << "netvirt emulate: could not remove: " << e << "\n";
    if (!startResult) {
        err << "netvirt emulate: " << startResult.error().message << "\n";
        return kExitProblem;
    }
    // A signal that came during set-up: stop now, after the teardown below.
    io.poll();
    if (stopping) {
        for (const auto &e : emu.stop())
            err << "netvirt emulate: cleanup: " << e << "\n";
        return kExitOk;
    }
    io.restart();

    CommandQueue queue;
    // `stop` from the control socket: its reply is written first, then the loop ends.
    asio::steady_timer stopTimer(io);
    queue.setNotifier([&] {
        asio::post(io, [&] {
            if (queue.drain(emu)) {
                stopTimer.expires_after(std::chrono::milliseconds(50));
                stopTimer.async_wait([&](const boost::system::error_code &) { requestStop(); });
            }
        });
    });
    std::unique_ptr<ControlServer> control;
    if (!options.controlSocket.empty()) {
        control = std::make_unique<ControlServer>(io, queue);
        if (auto r = control->listen(options.controlSocket); !r) {
            err << "netvirt emulate: " << r.error().message << "\n";
            emu.stop();
            return kExitProblem;
        }
    }

    for (const auto &a : emu.attachments())
        out << a.vmName << " " << a.device << " " << a.address << "\n";
    out << "ready" << std::endl;

    const auto started = std::chrono::steady_clock::now();
    asio::steady_timer durationTimer(io);
    if (options.durationSeconds) {
        durationTimer.expires_after(std::chrono::microseconds(static_cast<long long>(*options.durationSeconds * 1e6)));
        durationTimer.async_wait([&](const boost::system::error_code &ec) {
            if (!ec)
                requestStop();
        });
    }
    asio::steady_timer statsTimer(io);
    std::function<void()> scheduleStats = [&] {
        statsTimer.expires_after(std::chrono::milliseconds(*options.statsIntervalMs));
        statsTimer.async_wait([&](const boost::system::error_code &ec) {
            if (ec)
                return;
            const auto elapsedMs = static_cast<std::uint64_t>(
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
            if (options.format == StatsFormat::Json)
                out << formatStatsJson(emu.stats(), elapsedMs) << std::endl;
            else
                out << "stats elapsed_ms=" << elapsedMs << "\n" << formatStatsText(emu.stats()) << std::flush;
            scheduleStats();
        });
    };
    if (options.statsIntervalMs && *options.statsIntervalMs > 0)
        scheduleStats();

    io.run();

    control.reset();
    int code = kExitOk;
    for (const auto &e : emu.stop()) {
        err << "netvirt emulate: cleanup: " << e << "\n";
        code = kExitProblem;
    }
    return code;
}

int runCtl(const std::string &socket, const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    auto cmd = parseCommand(args);
    if (!cmd) {
        err << "netvirt ctl: " << cmd.error().message << "\n";
        return kExitUsage;
    }
    asio::io_context io;
    Local::socket s(io);
    boost::system::error_code ec;
    s.connect(Local::endpoint(socket), ec);
    if (ec) {
        err << "netvirt ctl: cannot connect to " << socket << ": " << ec.message() << "\n";
        return kExitUsage;
    }
    std::string line;
    for (const auto &a : args)
        line += (line.empty() ? "" : " ") + a;
    line += "\n";
    asio::write(s, asio::buffer(line), ec);
    if (ec) {
        err << "netvirt ctl: " << socket << ": " << ec.message() << "\n";
        return kExitProblem;
    }
    asio::streambuf in;
    for (;;) {
        asio::read_until(s, in, '\n', ec);
        if (ec) {
            err << "netvirt ctl: " << socket << ": connection closed before the reply ended\n";
            return kExitProblem;
        }
        std::istream is(&in);
        std::string reply;
        std::getline(is, reply);
        if (reply == "ok")
            return kExitOk;
        if (reply.rfind("error", 0) == 0) {
            err << "netvirt ctl: " << (reply.size() > 6 ? reply.substr(6) : reply) << "\n";
            return kExitProblem;
        }
        out << reply << "\n";
    }
}

int runReplay(const ReplayOptions &options, std::ostream &out, std::ostream &err)
{
    auto design = core::io::loadDesign(options.designPath);
    if (!design) {
        err << "netvirt replay: " << design.error().message << "\n";
        return kExitUsage;
    }
    auto records = capture::readCapture(options.capturePath);
    if (!records) {
        err << "netvirt replay: " << records.error().message << "\n";
        return kExitUsage;
    }
    forwarding::SnapshotOptions opts;
    opts.remoteHostsReachable = true;
    auto snap = forwarding::PolicySnapshot::build(*design, opts);
    if (!snap) {
        err << "netvirt replay: " << options.designPath << ": the design does not compile into a policy\n";
        return kExitUsage;
    }
    forwarding::PipelineContext ctx;
    ctx.snapshot = snap.get();
    const std::uint32_t port = snap->portIndex(options.port);
    int nic = -1;
    if (port != forwarding::kNone) {
        ctx.host = snap->ports()[port].host;
    } else {
        const core::Host *host = design->hostOf(options.port);
        const std::uint32_t hi = host ? snap->hostIndex(host->id) : forwarding::kNone;
        if (hi != forwarding::kNone) {
            const auto &nics = snap->hosts()[hi].nics;
            for (std::size_t i = 0; i < nics.size(); ++i)
                if (nics[i].id == options.port)
                    nic = static_cast<int>(i);
            ctx.host = hi;
        }
        if (nic < 0) {
            err << "netvirt replay: --port " << options.port << ": not a VM vNIC or physical NIC of the design\n";
            return kExitUsage;
        }
    }
    forwarding::ActionList list = forwarding::ActionList::forSnapshot(*snap);
    packet::FrameBuffer frame;
    std::size_t delivered = 0, transmitted = 0, dropped = 0, n = 0;
    const auto &hosts = snap->hosts();
    for (const auto &rec : *records) {
        ++n;
        list.clear();
        if (!frame.assign(packet::ConstBytes(rec.bytes.data(), rec.bytes.size()))) {
            out << "frame " << n << ": dropped malformed\n";
            ++dropped;
            continue;
        }
        if (nic >= 0)
            forwarding::fromProvider(ctx, static_cast<std::uint16_t>(nic), frame, list);
        else
            forwarding::fromPort(ctx, port, frame, list);
        if (list.empty())
            out << "frame " << n << ": consumed\n";
        for (const auto &a : list) {
            out << "frame " << n << ": ";
            switch (a.kind) {
            case forwarding::ActionKind::Deliver:
                out << "deliver " << (a.port < snap->ports().size() ? snap->ports()[a.port].id : "?");
                ++delivered;
                break;
            case forwarding::ActionKind::Transmit:
                out << "transmit " << (ctx.host < hosts.size() && a.nic < hosts[ctx.host].nics.size() ? hosts[ctx.host].nics[a.nic].id : "?");
                if (a.peerHost < hosts.size())
                    out << " to " << hosts[a.peerHost].id;
                ++transmitted;
                break;
            case forwarding::ActionKind::ToGateway:
                out << "gateway " << (a.gateway < snap->gateways().size() ? snap->gateways()[a.gateway].id : "?");
                ++delivered;
                break;
            case forwarding::ActionKind::Drop:
                out << "dropped " << dropReasonName(a.reason);
                ++dropped;
                break;
            }
            out << " (" << a.size() << " bytes)\n";
        }
    }
    out << n << " frames: " << delivered << " delivered, " << transmitted << " transmitted, " << dropped << " dropped\n";
    return dropped ? kExitProblem : kExitOk;
}

} // namespace netvirt::emulator::runtime
