// The entry points behind `netvirt emulate`, `netvirt ctl` and `netvirt replay` (CLI.md):
// the CLI parses arguments into these options and calls them; everything else is here.
// runEmulate blocks until Ctrl-C/SIGTERM, --duration or `ctl stop`, and always tears down
// what it created. Exit codes: 0 success, 1 a problem (start failed, a dropped replay frame,
// an error reply), 2 bad usage or unreadable input.
// Thread-safety: each call is self-contained; runEmulate installs SIGINT/SIGTERM handling
// for its duration.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <netvirt/emulator/runtime/emulation.h>

namespace netvirt::emulator::runtime {

enum class StatsFormat : std::uint8_t { Text = 1, Json };

struct EmulateOptions {
    std::string designPath;
    EmulationOverrides overrides;             // --attach --underlay --threads --underlay-mtu --hosts --capture
    std::optional<double> durationSeconds;    // --duration
    std::string controlSocket;                // --control
    std::optional<unsigned> statsIntervalMs;  // --stats-interval
    StatsFormat format = StatsFormat::Text;   // --format
};

int runEmulate(const EmulateOptions &options, std::ostream &out, std::ostream &err);

// Sends `args` (e.g. {"migrate", "vm-red-web1", "host-b"}) to SOCKET and prints the reply.
int runCtl(const std::string &socket, const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

struct ReplayOptions {
    std::string designPath;
    std::string capturePath;   // .pcap or .pcap.zst
    std::string port;          // a VM vNIC id (frames sent by the VM) or a physical NIC id
};
// Prints one line per frame (its actions) and a summary; exit 1 when a frame was dropped.
int runReplay(const ReplayOptions &options, std::ostream &out, std::ostream &err);

} // namespace netvirt::emulator::runtime
