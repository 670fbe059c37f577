// netvirt convert, allocate, generate: file-level commands.
#include "cli.h"

#include <ostream>

#include <netvirt/core/io/design_io.h>
#include <netvirt/core/ipam/ipam.h>
#include <netvirt/core/model/generator.h>

namespace netvirt::cli {

int runConvert(const ParsedArgs &args, std::ostream &out, std::ostream &err)
{
    const std::string &in = args.positional[0];
    const std::string &outPath = args.positional[1];
    auto design = loadOrReport(in, err);
    if (!design)
        return kExitUsage;
    if (auto saved = core::io::saveDesign(*design, outPath); !saved.ok()) {
        err << "netvirt convert: " << saved.error().message << '\n';
        return kExitUsage;
    }
    out << "wrote " << outPath << " ("
        << (core::io::formatForPath(outPath) == core::io::FileFormat::Json ? "JSON" : "zstd-compressed JSON") << ")\n";
    return kExitOk;
}

int runAllocate(const ParsedArgs &args, std::ostream &out, std::ostream &err)
{
    const std::string &in = args.positional[0];
    const std::string outPath = args.value("-o", in);
    auto design = loadOrReport(in, err);
    if (!design)
        return kExitUsage;
    const auto allocation = core::ipam::allocate(*design);
    auto changes = core::ipam::apply(*design, allocation);
    if (!changes.ok()) {
        err << "netvirt allocate: " << changes.error().message << '\n';
        return kExitUsage;
    }
    if (auto saved = core::io::saveDesign(*design, outPath); !saved.ok()) {
        err << "netvirt allocate: " << saved.error().message << '\n';
        return kExitUsage;
    }
    out << "allocated " << changes->size() << " value" << (changes->size() == 1 ? "" : "s") << ", wrote " << outPath
        << '\n';
    for (const auto &s : allocation.shortages)
        err << "netvirt allocate: pool " << s.pool << " is exhausted: " << s.needed << " addresses needed, "
            << s.available << " free\n";
    for (const auto &h : allocation.hostsWithoutProvider)
        err << "netvirt allocate: host " << h << " runs isolated VMs but no provider address can be allocated\n";
    return allocation.shortages.empty() && allocation.hostsWithoutProvider.empty() ? kExitOk : kExitProblem;
}

int runGenerate(const ParsedArgs &args, std::ostream &out, std::ostream &err)
{
    for (const char *required : {"--hosts", "--vms", "-o"})
        if (!args.has(required))
            return usageError(err, "generate", std::string("missing option ") + required
                                                   + " (usage: netvirt generate --hosts N --vms M [--tenants T] -o FILE)");
    auto hosts = integerOption(args, "--hosts", 1, 100000, "generate", err);
    if (!hosts)
        return kExitUsage;
    auto vms = integerOption(args, "--vms", 0, 10000000, "generate", err);
    if (!vms)
        return kExitUsage;
    long long tenants = 0; // 0: the generator picks one tenant per hundred VMs
    if (args.has("--tenants")) {
        auto t = integerOption(args, "--tenants", 1, 100000, "generate", err);
        if (!t)
            return kExitUsage;
        tenants = *t;
    }
    long long seed = 1;
    if (args.has("--seed")) {
        auto s = integerOption(args, "--seed", 0, 1LL << 62, "generate", err);
        if (!s)
            return kExitUsage;
        seed = *s;
    }
    core::GeneratorOptions options;
    options.hosts = static_cast<std::size_t>(*hosts);
    options.vms = static_cast<std::size_t>(*vms);
    options.tenants = static_cast<std::size_t>(tenants);
    options.seed = static_cast<std::uint64_t>(seed);
    const core::Design design = core::generateDesign(options);
    const std::string outPath = args.value("-o");
    if (auto saved = core::io::saveDesign(design, outPath); !saved.ok()) {
        err << "netvirt generate: " << saved.error().message << '\n';
        return kExitUsage;
    }
    out << "wrote " << outPath << ": " << design.hosts.size() << " hosts, " << design.vms.size() << " VMs, "
        << design.vmNetworks.size() << " VM networks\n";
    return kExitOk;
}

} // namespace netvirt::cli
