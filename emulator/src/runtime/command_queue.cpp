#include <netvirt/emulator/runtime/command_queue.h>

#include <sstream>

#include <netvirt/emulator/runtime/emulation.h>

namespace netvirt::emulator::runtime {

using core::ErrorCode;
using core::makeError;
using core::Result;

Result<Command> parseCommand(const std::vector<std::string> &w)
{
    auto usage = [] {
        return makeError(ErrorCode::Invalid,
                         "expected stats | migrate VM HOST | link HOST NIC up|down | capture start|stop PORT | stop");
    };
    if (w.empty())
        return usage();
    const std::string &verb = w[0];
    if (verb == "stats" && w.size() == 1)
        return Command{CommandKind::Stats, {}};
    if (verb == "stop" && w.size() == 1)
        return Command{CommandKind::Stop, {}};
    if (verb == "migrate" && w.size() == 3)
        return Command{CommandKind::Migrate, {w[1], w[2]}};
    if (verb == "link" && w.size() == 4 && (w[3] == "up" || w[3] == "down"))
        return Command{w[3] == "up" ? CommandKind::LinkUp : CommandKind::LinkDown, {w[1], w[2]}};
    if (verb == "capture" && w.size() == 3 && (w[1] == "start" || w[1] == "stop"))
        return Command{w[1] == "start" ? CommandKind::CaptureStart : CommandKind::CaptureStop, {w[2]}};
    return usage();
}

Result<Command> parseCommandLine(std::string_view line)
{
    std::istringstream in{std::string(line)};
    std::vector<std::string> words;
    for (std::string w; in >> w;)
        words.push_back(w);
    return parseCommand(words);
}

std::string formatReply(const CommandReply &reply)
{
    std::string s;
    for (const auto &l : reply.lines)
        s += l + "\n";
    if (reply.ok) {
        s += "ok\n";
    } else {
        std::string e = reply.error;
        for (char &c : e)
            if (c == '\n')
                c = ' ';
        s += "error " + e + "\n";
    }
    return s;
}

CommandReply execute(Emulation &emulation, const Command &c)
{
    CommandReply r;
    auto fail = [&r](const core::Error &e) {
        r.ok = false;
        r.error = e.message;
    };
    switch (c.kind) {
    case CommandKind::Stats: {
        std::istringstream text(formatStatsText(emulation.stats(), true));
        for (std::string line; std::getline(text, line);)
            r.lines.push_back(line);
        break;
    }
    case CommandKind::Migrate:
        if (auto x = emulation.migrate(c.args[0], c.args[1]); !x)
            fail(x.error());
        else
            r.lines.push_back("migrated " + c.args[0] + " to " + c.args[1]);
        break;
    case CommandKind::LinkUp:
    case CommandKind::LinkDown: {
        const bool up = c.kind == CommandKind::LinkUp;
        if (auto x = emulation.setLink(c.args[0], c.args[1], up); !x)
            fail(x.error());
        else
            r.lines.push_back("link " + c.args[0] + " " + c.args[1] + (up ? " up" : " down"));
        break;
    }
    case CommandKind::CaptureStart:
        if (auto x = emulation.startCapture(c.args[0]); !x)
            fail(x.error());
        else
            r.lines.push_back("capturing " + c.args[0] + " to " + *x);
        break;
    case CommandKind::CaptureStop:
        if (auto x = emulation.stopCapture(c.args[0]); !x)
            fail(x.error());
        else
            r.lines.push_back("wrote " + *x);
        break;
    case CommandKind::Stop:
        r.lines.push_back("stopping");
        r.stop = true;
        break;
    }
    return r;
}

void CommandQueue::setNotifier(std::function<void()> notify)
{
    std::lock_guard lock(m_mutex);
    m_notify = std::move(notify);
}

void CommandQueue::push(Command command, Done done)
{
    std::function<void()> notify;
    {
        std::lock_guard lock(m_mutex);
        m_queue.emplace_back(std::move(command), std::move(done));
        notify = m_notify;
    }
    if (notify)
        notify();
}

std::future<CommandReply> CommandQueue::push(Command command)
{
    auto promise = std::make_shared<std::promise<CommandReply>>();
    auto future = promise->get_future();
    push(std::move(command), [promise](const CommandReply &r) { promise->set_value(r); });
    return future;
}

bool CommandQueue::drain(Emulation &emulation)
{
    bool stop = false;
    for (;;) {
        std::pair<Command, Done> item;
        {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty())
                break;
            item = std::move(m_queue.front());
            m_queue.pop_front();
        }
        CommandReply reply = execute(emulation, item.first);
        stop = stop || reply.stop;
        if (item.second)
            item.second(reply);
    }
    return stop;
}

} // namespace netvirt::emulator::runtime
