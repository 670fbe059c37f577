// netvirt emulate, ctl and replay: argument parsing only; the emulator module does the rest.
#include "cli.h"

#include <charconv>
#include <ostream>

#include <netvirt/emulator/runtime/emulate.h>

namespace netvirt::cli {

namespace runtime = emulator::runtime;

int runEmulate(const ParsedArgs &args, std::ostream &out, std::ostream &err)
{
    runtime::EmulateOptions options;
    options.designPath = args.positional[0];
    auto &o = options.overrides;
    if (args.has("--attach"))
        o.attach = runtime::parseAttachKind(args.value("--attach"));
    if (args.has("--underlay"))
        o.underlay = runtime::parseUnderlayKind(args.value("--underlay"));
    if (args.has("--threads")) {
        auto n = integerOption(args, "--threads", 1, 256, "emulate", err);
        if (!n)
            return kExitUsage;
        o.threads = static_cast<unsigned>(*n);
    }
    if (args.has("--underlay-mtu")) {
        auto n = integerOption(args, "--underlay-mtu", 576, 65535, "emulate", err);
        if (!n)
            return kExitUsage;
        o.underlayMtu = *n;
    }
    if (args.has("--stats-interval")) {
        auto n = integerOption(args, "--stats-interval", 10, 3600000, "emulate", err);
        if (!n)
            return kExitUsage;
        options.statsIntervalMs = static_cast<unsigned>(*n);
    }
    if (args.has("--duration")) {
        const std::string text = args.value("--duration");
        double seconds = 0;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
        if (ec != std::errc() || ptr != text.data() + text.size() || !(seconds > 0) || seconds > 31536000)
            return usageError(err, "emulate", "option '--duration' takes a number of seconds above 0, not '" + text + "'");
        options.durationSeconds = seconds;
    }
    o.hostGroup = args.value("--hosts");
    o.captureDir = args.value("--capture");
    options.controlSocket = args.value("--control");
    options.format = args.value("--format", "text") == "json" ? runtime::StatsFormat::Json : runtime::StatsFormat::Text;
    return runtime::runEmulate(options, out, err);
}

int runCtl(const ParsedArgs &args, std::ostream &out, std::ostream &err)
{
    const std::vector<std::string> command(args.positional.begin() + 1, args.positional.end());
    return runtime::runCtl(args.positional[0], command, out, err);
}

int runReplay(const ParsedArgs &args, std::ostream &out, std::ostream &err)
{
    if (!args.has("--port"))
        return usageError(err, "replay", "--port ID is required (a vNIC or physical NIC id)");
    runtime::ReplayOptions options;
    options.designPath = args.positional[0];
    options.capturePath = args.positional[1];
    options.port = args.value("--port");
    return runtime::runReplay(options, out, err);
}

} // namespace netvirt::cli
