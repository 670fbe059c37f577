// Live commands to a running emulation (CLI.md `netvirt ctl`): parsing the text protocol
// (`stats | migrate VM HOST | link HOST NIC up|down | capture start|stop PORT | stop`), a
// thread-safe queue that any thread (GUI, control socket) pushes into and the controlling
// thread drains, and the execution against an Emulation with its reply lines.
// Thread-safety: CommandQueue::push from any thread; drain() from the controlling thread.
#pragma once

#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <netvirt/core/result.h>

namespace netvirt::emulator::runtime {

class Emulation;

enum class CommandKind : std::uint8_t { Stats = 1, Migrate, LinkUp, LinkDown, CaptureStart, CaptureStop, Stop };

struct Command {
    CommandKind kind = CommandKind::Stats;
    std::vector<std::string> args;   // VM HOST | HOST NIC | PORT
};

struct CommandReply {
    bool ok = true;
    std::vector<std::string> lines;  // without the final "ok" / "error …"
    std::string error;
    bool stop = false;               // the emulation should stop now
};

// Parses the words of one command line.
core::Result<Command> parseCommand(const std::vector<std::string> &words);
core::Result<Command> parseCommandLine(std::string_view line);
// The wire form of a reply: its lines, then "ok" or "error MESSAGE", each ending in '\n'.
std::string formatReply(const CommandReply &reply);

CommandReply execute(Emulation &emulation, const Command &command);

class CommandQueue final {
public:
    using Done = std::function<void(const CommandReply &)>;

    // Called (on the pushing thread) after each push, to wake the controlling thread.
    void setNotifier(std::function<void()> notify);
    // `done` runs on the controlling thread once the command has run.
    void push(Command command, Done done);
    std::future<CommandReply> push(Command command);
    // Runs every queued command; returns true when one of them asked to stop.
    bool drain(Emulation &emulation);

private:
    std::mutex m_mutex;
    std::deque<std::pair<Command, Done>> m_queue;   // guarded by m_mutex
    std::function<void()> m_notify;                 // guarded by m_mutex
};

} // namespace netvirt::emulator::runtime
