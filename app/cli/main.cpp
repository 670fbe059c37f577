// netvirt: entry point. Finds the subcommand, parses its options against its table, runs it.
#include "cli.h"

#include <iostream>

namespace netvirt::cli {
namespace {

void printTopHelp(std::ostream &out)
{
    out << "Usage: netvirt COMMAND [ARGS…]\n"
           "Design, validate and emulate Hyper-V Network Virtualization designs.\n\n"
           "Commands:\n";
    for (const auto &c : commands()) {
        std::string pad(c.name.size() < 10 ? 10 - c.name.size() : 1, ' ');
        out << "  " << c.name << pad << c.summary << '\n';
    }
    out << "\nOptions:\n  -h, --help     show this help (and `netvirt COMMAND --help`)\n"
           "  --version      print the version\n\n"
           "Exit status: 0 success; 1 the command worked and found a problem (errors in a\n"
           "design, a dropped trace); 2 bad usage or unreadable input.\n";
}

void printCommandHelp(const Command &c, std::ostream &out)
{
    out << "Usage: " << c.synopsis << "\n" << c.summary << "\n";
    if (!c.help.empty())
        out << "\n" << c.help;
}

int parseAndRun(const Command &c, int argc, char **argv)
{
    ParsedArgs args;
    bool onlyPositional = false;
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        if (!onlyPositional && a == "--") {
            onlyPositional = true;
            continue;
        }
        if (!onlyPositional && (a == "-h" || a == "--help")) {
            printCommandHelp(c, std::cout);
            return kExitOk;
        }
        if (!onlyPositional && a.size() > 1 && a[0] == '-') {
            std::string inlineValue;
            bool hasInline = false;
            if (auto eq = a.find('='); eq != std::string::npos && a.rfind("--", 0) == 0) {
                inlineValue = a.substr(eq + 1);
                a = a.substr(0, eq);
                hasInline = true;
            }
            const OptionSpec *spec = nullptr;
            for (const auto &o : c.options)
                if (o.name == a)
                    spec = &o;
            if (!spec)
                return usageError(std::cerr, c.name, "unknown option '" + a + "' (see netvirt " + c.name + " --help)");
            if (args.has(a))
                return usageError(std::cerr, c.name, "option '" + a + "' given twice");
            std::vector<std::string> values;
            if (hasInline) {
                if (spec->values != 1)
                    return usageError(std::cerr, c.name, "option '" + a + "' does not take '=value'");
                values.push_back(inlineValue);
            }
            while (static_cast<int>(values.size()) < spec->values) {
                if (++i >= argc)
                    return usageError(std::cerr, c.name, "option '" + a + "' needs " + std::to_string(spec->values)
                                                              + (spec->values == 1 ? " value" : " values"));
                values.emplace_back(argv[i]);
            }
            if (!spec->choices.empty()) {
                bool ok = false;
                std::string list;
                for (const auto &ch : spec->choices) {
                    ok = ok || ch == values.front();
                    list += (list.empty() ? "" : ", ") + ch;
                }
                if (!ok)
                    return usageError(std::cerr, c.name, "option '" + a + "' takes one of " + list + ", not '"
                                                              + values.front() + "'");
            }
            args.options[a] = std::move(values);
            continue;
        }
        args.positional.push_back(a);
    }
    const int n = static_cast<int>(args.positional.size());
    if (n < c.minPositional || n > c.maxPositional) {
        std::cerr << "netvirt " << c.name << ": " << (n < c.minPositional ? "missing arguments" : "too many arguments")
                  << "\nUsage: " << c.synopsis << "\n";
        return kExitUsage;
    }
    return c.run(args, std::cout, std::cerr);
}

} // namespace
} // namespace netvirt::cli

int main(int argc, char **argv)
{
    using namespace netvirt::cli;
    std::ios::sync_with_stdio(false);
    if (argc < 2) {
        printTopHelp(std::cerr);
        return kExitUsage;
    }
    std::string first = argv[1];
    if (first == "-h" || first == "--help" || first == "help") {
        if (first == "help" && argc > 2) {
            for (const auto &c : commands())
                if (c.name == argv[2]) {
                    printCommandHelp(c, std::cout);
                    return kExitOk;
                }
        }
        printTopHelp(std::cout);
        return kExitOk;
    }
    if (first == "--version" || first == "-V") {
        std::cout << "netvirt " << NETVIRT_VERSION << '\n';
        return kExitOk;
    }
    for (const auto &c : commands())
        if (c.name == first)
            return parseAndRun(c, argc - 2, argv + 2);
    std::cerr << "netvirt: unknown command '" << first << "' (see netvirt --help)\n";
    return kExitUsage;
}
