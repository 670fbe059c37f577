// netvirt policy and netvirt trace: the compiled HNV policy and one packet through it.
#include "cli.h"

#include <ostream>

#include <netvirt/core/policy/policy.h>
#include <netvirt/emulator/trace/packet_trace.h>

namespace netvirt::cli {

int runPolicy(const ParsedArgs &args, std::ostream &out, std::ostream &err)
{
    auto design = loadOrReport(args.positional[0], err);
    if (!design)
        return kExitUsage;
    const core::policy::Policy policy = core::policy::compile(*design);
    if (args.value("--format", "json") == "powershell")
        out << core::policy::printPolicyPowerShell(*design, policy);
    else
        out << core::policy::printPolicyJson(policy);
    return kExitOk;
}

int runTrace(const ParsedArgs &args, std::ostream &out, std::ostream &err)
{
    namespace trace = emulator::trace;
    if (!args.has("--from") || !args.has("--to"))
        return usageError(err, "trace", "--from VM|VNIC and --to ADDRESS are required");
    std::uint16_t dport = 80;
    if (args.has("--dport")) {
        auto p = integerOption(args, "--dport", 1, 65535, "trace", err);
        if (!p)
            return kExitUsage;
        dport = static_cast<std::uint16_t>(*p);
    }
    const auto proto = trace::parseProto(args.value("--proto", "icmp"));
    if (args.has("--dport") && proto == trace::Proto::Icmp)
        return usageError(err, "trace", "--dport needs --proto udp or tcp");
    auto design = loadOrReport(args.positional[0], err);
    if (!design)
        return kExitUsage;
    auto result = trace::runTrace(*design, args.value("--from"), args.value("--to"), *proto, dport);
    if (!result.ok())
        return usageError(err, "trace", args.positional[0] + ": " + result.error().message);
    out << (args.value("--format", "text") == "json" ? trace::printTraceJson(*result) : trace::printTraceText(*result));
    return result->exitCode();
}

} // namespace netvirt::cli
