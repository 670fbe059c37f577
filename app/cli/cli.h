// The `netvirt` command line (CLI.md): a small argument parser shared by the subcommands, and
// the subcommand table. Subcommands only parse arguments, call core/emulator/designer APIs
// and print; every line of logic lives in the modules. Exit status: 0 success, 1 the command
// worked and found a problem, 2 bad usage or unreadable input.
#pragma once

#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <netvirt/core/model/design.h>

namespace netvirt::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitProblem = 1;
inline constexpr int kExitUsage = 2;

struct OptionSpec {
    std::string name;       // "--format"
    int values = 0;         // how many values follow (0: a flag)
    std::vector<std::string> choices; // allowed values of a one-value option (empty: any)
};

struct ParsedArgs {
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> options;

    bool has(const std::string &name) const { return options.count(name) != 0; }
    std::string value(const std::string &name, const std::string &fallback = {}) const;
};

struct Command {
    std::string name;
    std::string synopsis;   // the usage line of CLI.md
    std::string summary;    // one line for `netvirt --help`
    std::string help;       // the rest of `netvirt NAME --help`
    std::vector<OptionSpec> options;
    int minPositional = 0;
    int maxPositional = 0;
    int (*run)(const ParsedArgs &args, std::ostream &out, std::ostream &err) = nullptr;
};

const std::vector<Command> &commands();

// Prints "netvirt CMD: MESSAGE" on err and returns kExitUsage.
int usageError(std::ostream &err, std::string_view command, std::string_view message);
// Loads a design file or prints one clear line naming the file (and JSON path) on err.
std::optional<core::Design> loadOrReport(const std::string &path, std::ostream &err);
// A positive integer option value, or an error line.
std::optional<long long> integerOption(const ParsedArgs &args, const std::string &name,
                                       long long min, long long max, std::string_view command,
                                       std::ostream &err);

// The subcommands.
int runConvert(const ParsedArgs &, std::ostream &, std::ostream &);
int runAllocate(const ParsedArgs &, std::ostream &, std::ostream &);
int runGenerate(const ParsedArgs &, std::ostream &, std::ostream &);
int runValidate(const ParsedArgs &, std::ostream &, std::ostream &);
int runDiff(const ParsedArgs &, std::ostream &, std::ostream &);
int runPolicy(const ParsedArgs &, std::ostream &, std::ostream &);
int runTrace(const ParsedArgs &, std::ostream &, std::ostream &);
int runEmulate(const ParsedArgs &, std::ostream &, std::ostream &);
int runCtl(const ParsedArgs &, std::ostream &, std::ostream &);
int runReplay(const ParsedArgs &, std::ostream &, std::ostream &);
int runExport(const ParsedArgs &, std::ostream &, std::ostream &);
int runReport(const ParsedArgs &, std::ostream &, std::ostream &);

} // namespace netvirt::cli
