// The "green arrow" rule engine (RULES.md): every rule is a small function with a stable id,
// a severity and the entities it blames; findings are data (Violation), never errors. Holds
// the full check, the what-if migration check (NV400), incremental re-validation after edits
// and the text / JSON / SARIF formatters shared by the CLI and the designer.
// Thread-safety: RuleEngine is stateless (const methods, safe from any thread);
// IncrementalValidator holds state and needs external serialisation, like the Design it follows.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <netvirt/core/model/design.h>
#include <netvirt/core/model/edit.h>
#include <netvirt/core/result.h>

namespace netvirt::core::rules {

enum class Severity : std::uint8_t { Error = 1, Warning, Info };
// "error", "warning", "info"
std::string_view severityName(Severity severity);

struct RuleInfo {
    std::string_view id;          // "NV200"
    Severity severity;
    std::string_view title;       // one-line English description (SARIF shortDescription)
};
// Every rule of RULES.md, in id order.
const std::vector<RuleInfo> &ruleCatalog();
const RuleInfo *findRule(std::string_view id);

// One edit of a repair, expressed with the operations of edit.h.
struct FixEdit {
    enum class Op : std::uint8_t { SetField = 1, Bind, Unbind };
    Op op = Op::Bind;
    Id target;          // the entity edited ("from" of bind/unbind)
    std::string field;  // "sites", "networkVirtualization", ...
    Id to;              // Bind/Unbind: the id bound or unbound
    Json value;         // SetField: the new value
};
std::string_view fixOpName(FixEdit::Op op); // "setField", "bind", "unbind"

struct Fix {
    std::string description;      // "add site site-milan-prod to uplink port profile up-prod"
    std::vector<FixEdit> edits;
};
// Applies a fix's edits in order; returns the combined ChangeSet (for undo / incremental).
Result<ChangeSet> applyFix(Design &design, const Fix &fix);

struct Violation {
    std::string rule;                     // "NV200"
    Severity severity = Severity::Error;
    std::vector<Id> entities;             // blamed, most specific first
    std::vector<Id> path;                 // relationship walk (ids), may be empty
    // Index i of the broken edge path[i] -> path[i+1]; -1 when the path has no broken link.
    int brokenLink = -1;
    std::string message;                  // English, names entities by name
    // Parameters of the message, for tr() in the designer: "vnic", "host", "switch", "link"...
    std::map<std::string, std::string> params;
    std::optional<Fix> fix;

    bool operator==(const Violation &o) const;
};

// Sort order of CLI.md: severity (errors first), rule id, first entity id, then the rest.
bool violationLess(const Violation &a, const Violation &b);
void sortViolations(std::vector<Violation> &violations);

struct Summary {
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t infos = 0;
};
Summary summarize(const std::vector<Violation> &violations);
// A design validates clean when it has no errors and no warnings.
bool isClean(const std::vector<Violation> &violations);

class RuleEngine final {
public:
    // Every violation of the design, sorted.
    std::vector<Violation> validate(const Design &design) const;
    // NV400: what moving `vmId` to `hostId` would break there (NV155, NV200, NV207, NV304),
    // once per broken rule, blaming the VM and the host. Sorted. Empty for unknown ids.
    std::vector<Violation> whatIfMigrate(const Design &design, const Id &vmId, const Id &hostId) const;
};

// Keeps the violations of one Design current across edits: call reset() once, then
// update() with each ChangeSet that edit.h returned (after the edit was applied to the same
// design). The result always equals RuleEngine::validate() of the design as it stands.
// Cost: an edit re-checks only what it can reach, through dependency maps: a VM or vNIC edit
// that VM, its host and its name/MAC/address buckets; a host edit the host's fabric findings
// and its VMs; a VM network or VM subnet edit the VMs that name it; edits of sites, uplink
// port profiles and host groups walk each class of hosts again (hosts with the same group
// and uplinks for a switch share their NV200 walk) and re-check the VMs of the hosts whose
// walk changed (their walk findings only); pool edits recount those pools. The fabric
// findings that are not per host are checked again, in parts, by the kinds a fabric edit
// touched. IPAM: when the design needs no allocation (every address, MAC and provider
// address given) pool use is counted incrementally; otherwise
// ipam::allocate runs again when an edit may change what it reads. Renames refresh the
// messages of the subjects with findings. Designs with repeated ids start again. Findings
// are stored once, in the sorted result, each with its subject: an update removes the stale
// ones and merges the new ones in.
class IncrementalValidator final {
public:
    IncrementalValidator();
    ~IncrementalValidator();
    IncrementalValidator(const IncrementalValidator &) = delete;
    IncrementalValidator &operator=(const IncrementalValidator &) = delete;

    void reset(const Design &design);
    void update(const Design &design, const ChangeSet &changes);
    // Sorted; valid until the next reset()/update().
    const std::vector<Violation> &violations() const;
    // How the last update was done, for tests and benchmarks.
    bool lastUpdateWasFull() const;

    struct State; // the per-subject results (rule_engine.cpp)

private:
    std::unique_ptr<State> m_state;
};

// ---- Output (CLI.md "validate") ----
// `severity RULE id[,id…]: message` lines, then `N errors, N warnings, N infos`.
std::string formatText(const std::vector<Violation> &violations);
// {rule, severity, entities, path, message, fix?}
Json violationToJson(const Violation &violation);
// {design, violations, summary}
Json validationToJson(const std::vector<Violation> &violations, std::string_view designName);
std::string formatJson(const std::vector<Violation> &violations, std::string_view designName);
// SARIF 2.1.0; `designUri` names the design file in physical locations; with a design, each
// logical location's kind is the blamed entity's kind ("vmNic"), else "object".
Json validationToSarif(const std::vector<Violation> &violations, std::string_view designUri,
                       const Design *design = nullptr);
std::string formatSarif(const std::vector<Violation> &violations, std::string_view designUri,
                        const Design *design = nullptr);
// A fix printed for people: the description, then one line per edit
// ("bind up-prod.sites += site-milan-prod").
std::string describeFixEdits(const Fix &fix);

} // namespace netvirt::core::rules
