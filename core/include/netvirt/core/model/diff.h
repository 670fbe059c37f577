// Design diff (`netvirt diff OLD NEW`, CLI.md): entities added, removed and changed (with the
// names of the changed fields), NV157 (a logical switch in use changed in place), and the
// violations that the new design introduces or resolves.
// Thread-safety: pure functions over const Designs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <netvirt/core/model/design.h>
#include <netvirt/core/rules/rule_engine.h>

namespace netvirt::core {

struct EntityDiff {
    Id id;
    EntityKind kind = EntityKind::HostGroup;
    std::vector<std::string> fields; // changed: the JSON keys that differ (sorted); else empty
};

struct DesignDiff {
    std::vector<EntityDiff> added;    // in NEW only (sorted by id)
    std::vector<EntityDiff> removed;  // in OLD only
    std::vector<EntityDiff> changed;  // in both, with different content
    std::vector<rules::Violation> nv157;              // NV157 violations (sorted)
    std::vector<rules::Violation> newViolations;      // in NEW's validation, not in OLD's
    std::vector<rules::Violation> resolvedViolations; // in OLD's validation, not in NEW's

    bool hasErrors() const; // any NV157 or new violation of error severity
};

// Computes the diff; the two designs are validated in full.
DesignDiff diffDesigns(const Design &oldDesign, const Design &newDesign);
// Only NV157, the design-diff rule.
std::vector<rules::Violation> checkSwitchChanges(const Design &oldDesign, const Design &newDesign);

// Text: `+ kind id`, `- kind id`, `~ kind id: field, field` lines, then the NV157 and new
// violations as `validate` prints them, then resolved ones prefixed `resolved`, then a summary.
std::string formatDiffText(const DesignDiff &diff);
Json diffToJson(const DesignDiff &diff, std::string_view oldName, std::string_view newName);
std::string formatDiffJson(const DesignDiff &diff, std::string_view oldName, std::string_view newName);

} // namespace netvirt::core
