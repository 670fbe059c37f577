// Helpers shared by the subcommands.
#include "cli.h"

#include <charconv>
#include <ostream>

#include <netvirt/core/io/design_io.h>

namespace netvirt::cli {

std::string ParsedArgs::value(const std::string &name, const std::string &fallback) const
{
    auto it = options.find(name);
    return it == options.end() || it->second.empty() ? fallback : it->second.front();
}

int usageError(std::ostream &err, std::string_view command, std::string_view message)
{
    err << "netvirt " << command << ": " << message << '\n';
    return kExitUsage;
}

std::optional<core::Design> loadOrReport(const std::string &path, std::ostream &err)
{
    auto design = core::io::loadDesign(path);
    if (!design.ok()) {
        // The loader's message already names the file and the JSON path.
        err << "netvirt: " << design.error().message << '\n';
        return std::nullopt;
    }
    return std::move(design).value();
}

std::optional<long long> integerOption(const ParsedArgs &args, const std::string &name, long long min,
                                       long long max, std::string_view command, std::ostream &err)
{
    const std::string text = args.value(name);
    long long v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || v < min || v > max) {
        usageError(err, command, "option '" + name + "' takes a whole number from " + std::to_string(min) + " to "
                                     + std::to_string(max) + ", not '" + text + "'");
        return std::nullopt;
    }
    return v;
}

} // namespace netvirt::cli
