// netvirt validate and netvirt diff: thin wrappers over core/rules and core/model/diff.
#include "cli.h"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include <netvirt/core/model/diff.h>
#include <netvirt/core/rules/rule_engine.h>

namespace netvirt::cli {

namespace rules = core::rules;

int runValidate(const ParsedArgs &args, std::ostream &out, std::ostream &err)
{
    const std::string &path = args.positional[0];
    const std::string format = args.value("--format", "text");
    if (args.has("--what-if") && args.options.at("--what-if")[0] != "migrate")
        return usageError(err, "validate", "--what-if takes 'migrate VM HOST', not '" + args.options.at("--what-if")[0] + "'");
    auto design = loadOrReport(path, err);
    if (!design)
        return kExitUsage;

    rules::RuleEngine engine;
    std::vector<rules::Violation> violations = engine.validate(*design);
    if (args.has("--what-if")) {
        const auto &w = args.options.at("--what-if");
        const std::string &vm = w[1];
        const std::string &host = w[2];
        if (!design->vm(vm))
            return usageError(err, "validate", "--what-if: " + path + " has no VM with id \"" + vm + "\"");
        if (!design->host(host))
            return usageError(err, "validate", "--what-if: " + path + " has no host with id \"" + host + "\"");
        auto whatIf = engine.whatIfMigrate(*design, vm, host);
        violations.insert(violations.end(), whatIf.begin(), whatIf.end());
        rules::sortViolations(violations);
    }

    const std::string name = std::filesystem::path(path).filename().string();
    if (format == "json")
        out << rules::formatJson(violations, name);
    else if (format == "sarif")
        out << rules::formatSarif(violations, path, &*design);
    else
        out << rules::formatText(violations);
    return rules::summarize(violations).errors > 0 ? kExitProblem : kExitOk;
}

int runDiff(const ParsedArgs &args, std::ostream &out, std::ostream &err)
{
    auto oldDesign = loadOrReport(args.positional[0], err);
    if (!oldDesign)
        return kExitUsage;
    auto newDesign = loadOrReport(args.positional[1], err);
    if (!newDesign)
        return kExitUsage;
    const core::DesignDiff diff = core::diffDesigns(*oldDesign, *newDesign);
    if (args.value("--format", "text") == "json")
        out << core::formatDiffJson(diff, args.positional[0], args.positional[1]);
    else
        out << core::formatDiffText(diff);
    return diff.hasErrors() ? kExitProblem : kExitOk;
}

} // namespace netvirt::cli
