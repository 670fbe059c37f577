// Design diff: entity-level comparison of two designs through their file JSON (children are
// compared as entities of their own, so a parent does not change because a child did), the
// NV157 rule, and the violations gained and lost.
#include <netvirt/core/model/diff.h>

#include <netvirt/core/io/design_io.h>

#include "../rules/checks.h"

#include <algorithm>
#include <map>
#include <set>

namespace netvirt::core {

namespace {

using rules::Violation;

// An entity's JSON with its id-bearing children replaced by their ids.
Json comparable(const Design &d, const Id &id, EntityKind kind)
{
    Json j = io::entityToJson(d, id);
    if (!j.is_object())
        return j;
    auto idsOf = [](Json &arr) {
        if (!arr.is_array())
            return;
        Json ids = Json::array();
        for (const auto &e : arr)
            ids.push_back(e.is_object() && e.contains("id") ? e["id"] : e);
        arr = std::move(ids);
    };
    switch (kind) {
    case EntityKind::Host:
        if (j.contains("physicalNics"))
            idsOf(j["physicalNics"]);
        if (j.contains("switches") && j["switches"].is_array())
            for (auto &s : j["switches"])
                if (s.is_object() && s.contains("hostVnics"))
                    idsOf(s["hostVnics"]);
        break;
    case EntityKind::VmNetwork:
        if (j.contains("subnets"))
            idsOf(j["subnets"]);
        break;
    case EntityKind::Vm:
        if (j.contains("nics"))
            idsOf(j["nics"]);
        break;
    default: break;
    }
    return j;
}

std::vector<std::string> changedFields(const Json &a, const Json &b)
{
    std::set<std::string> keys;
    if (a.is_object())
        for (auto it = a.begin(); it != a.end(); ++it)
            keys.insert(it.key());
    if (b.is_object())
        for (auto it = b.begin(); it != b.end(); ++it)
            keys.insert(it.key());
    std::vector<std::string> out;
    for (const auto &k : keys) {
        bool ia = a.is_object() && a.contains(k);
        bool ib = b.is_object() && b.contains(k);
        if (ia != ib || (ia && a[k] != b[k]))
            out.push_back(k);
    }
    return out;
}

std::set<Id> switchesInUse(const Design &d)
{
    std::set<Id> used;
    for (const auto &h : d.hosts)
        for (const auto &s : h.switches)
            used.insert(s.logicalSwitch);
    for (const auto &vm : d.vms)
        for (const auto &n : vm.nics)
            if (n.logicalSwitch)
                used.insert(*n.logicalSwitch);
    return used;
}

std::string key(const Violation &v)
{
    std::string k = v.rule;
    for (const auto &e : v.entities)
        k += "\x1f" + e;
    return k;
}

std::string_view changeSymbol(char c) { return c == '+' ? "+ " : c == '-' ? "- " : "~ "; }

} // namespace

bool DesignDiff::hasErrors() const
{
    auto err = [](const Violation &v) { return v.severity == rules::Severity::Error; };
    return std::any_of(nv157.begin(), nv157.end(), err) || std::any_of(newViolations.begin(), newViolations.end(), err);
}

std::vector<Violation> checkSwitchChanges(const Design &oldDesign, const Design &newDesign)
{
    std::vector<Violation> out;
    const std::set<Id> used = switchesInUse(oldDesign);
    for (const auto &before : oldDesign.logicalSwitches) {
        if (!used.count(before.id))
            continue;
        const LogicalSwitch *after = newDesign.logicalSwitch(before.id);
        if (!after)
            continue;
        std::vector<std::string> what;
        if (before.uplinkMode != after->uplinkMode)
            what.push_back("uplink mode");
        if (before.uplinkProfiles != after->uplinkProfiles)
            what.push_back("uplink port profiles");
        if (before.extensions != after->extensions)
            what.push_back("extensions");
        if (what.empty())
            continue;
        std::string list;
        for (std::size_t i = 0; i < what.size(); ++i)
            list += (i ? (i + 1 == what.size() ? " and " : ", ") : "") + what[i];
        Violation v = rules::detail::make("NV157", {before.id},
                                          "logical switch " + after->name + " is used by VMs or hosts but its " + list
                                              + " changed: once in use, its properties cannot be changed in place");
        v.params["switch"] = before.id;
        v.params["changed"] = list;
        out.push_back(std::move(v));
    }
    rules::sortViolations(out);
    return out;
}

DesignDiff diffDesigns(const Design &oldDesign, const Design &newDesign)
{
    DesignDiff diff;
    std::map<Id, EntityKind> before, after;
    for (auto &[id, kind] : oldDesign.allEntities())
        before.emplace(id, kind);
    for (auto &[id, kind] : newDesign.allEntities())
        after.emplace(id, kind);
    for (const auto &[id, kind] : after)
        if (!before.count(id))
            diff.added.push_back({id, kind, {}});
    for (const auto &[id, kind] : before) {
        auto it = after.find(id);
        if (it == after.end()) {
            diff.removed.push_back({id, kind, {}});
            continue;
        }
        if (it->second != kind) {
            diff.removed.push_back({id, kind, {}});
            diff.added.push_back({id, it->second, {}});
            continue;
        }
        auto fields = changedFields(comparable(oldDesign, id, kind), comparable(newDesign, id, kind));
        if (!fields.empty())
            diff.changed.push_back({id, kind, std::move(fields)});
    }
    std::sort(diff.added.begin(), diff.added.end(), [](const EntityDiff &a, const EntityDiff &b) { return a.id < b.id; });

    diff.nv157 = checkSwitchChanges(oldDesign, newDesign);
    rules::RuleEngine engine;
    auto oldV = engine.validate(oldDesign);
    auto newV = engine.validate(newDesign);
    std::set<std::string> oldKeys, newKeys;
    for (const auto &v : oldV)
        oldKeys.insert(key(v));
    for (const auto &v : newV)
        newKeys.insert(key(v));
    for (const auto &v : newV)
        if (!oldKeys.count(key(v)))
            diff.newViolations.push_back(v);
    for (const auto &v : oldV)
        if (!newKeys.count(key(v)))
            diff.resolvedViolations.push_back(v);
    return diff;
}

std::string formatDiffText(const DesignDiff &diff)
{
    std::string out;
    auto entity = [&](char sym, const EntityDiff &e) {
        out += changeSymbol(sym);
        out += kindName(e.kind);
        out += ' ';
        out += e.id;
        if (!e.fields.empty()) {
            out += ": ";
            for (std::size_t i = 0; i < e.fields.size(); ++i)
                out += (i ? ", " : "") + e.fields[i];
        }
        out += '\n';
    };
    for (const auto &e : diff.added)
        entity('+', e);
    for (const auto &e : diff.removed)
        entity('-', e);
    for (const auto &e : diff.changed)
        entity('~', e);
    std::vector<Violation> reported = diff.nv157;
    reported.insert(reported.end(), diff.newViolations.begin(), diff.newViolations.end());
    rules::sortViolations(reported);
    std::string text = rules::formatText(reported);
    // formatText ends with the summary line; put the resolved ones before it.
    auto cut = text.rfind('\n', text.size() - 2);
    std::string lines = cut == std::string::npos ? std::string() : text.substr(0, cut + 1);
    std::string summary = cut == std::string::npos ? text : text.substr(cut + 1);
    out += lines;
    for (const auto &v : diff.resolvedViolations) {
        out += "resolved ";
        out += rules::severityName(v.severity);
        out += ' ' + v.rule + ' ';
        for (std::size_t i = 0; i < v.entities.size(); ++i)
            out += (i ? "," : "") + v.entities[i];
        out += ": " + v.message + '\n';
    }
    out += std::to_string(diff.added.size()) + " added, " + std::to_string(diff.removed.size()) + " removed, "
        + std::to_string(diff.changed.size()) + " changed, " + std::to_string(diff.resolvedViolations.size()) + " resolved\n";
    out += summary;
    return out;
}

Json diffToJson(const DesignDiff &diff, std::string_view oldName, std::string_view newName)
{
    auto entities = [](const std::vector<EntityDiff> &list, bool withFields) {
        Json arr = Json::array();
        for (const auto &e : list) {
            Json j = Json::object();
            j["id"] = e.id;
            j["kind"] = kindName(e.kind);
            if (withFields)
                j["fields"] = e.fields;
            arr.push_back(std::move(j));
        }
        return arr;
    };
    std::vector<Violation> reported = diff.nv157;
    reported.insert(reported.end(), diff.newViolations.begin(), diff.newViolations.end());
    rules::sortViolations(reported);
    Json j = Json::object();
    j["old"] = std::string(oldName);
    j["new"] = std::string(newName);
    j["added"] = entities(diff.added, false);
    j["removed"] = entities(diff.removed, false);
    j["changed"] = entities(diff.changed, true);
    Json v = Json::array();
    for (const auto &x : reported)
        v.push_back(rules::violationToJson(x));
    j["violations"] = std::move(v);
    Json r = Json::array();
    for (const auto &x : diff.resolvedViolations)
        r.push_back(rules::violationToJson(x));
    j["resolved"] = std::move(r);
    auto s = rules::summarize(reported);
    j["summary"] = Json{{"added", diff.added.size()},   {"removed", diff.removed.size()},
                        {"changed", diff.changed.size()}, {"resolved", diff.resolvedViolations.size()},
                        {"errors", s.errors},             {"warnings", s.warnings},
                        {"infos", s.infos}};
    return j;
}

std::string formatDiffJson(const DesignDiff &diff, std::string_view oldName, std::string_view newName)
{
    return diffToJson(diff, oldName, newName).dump(2) + "\n";
}

} // namespace netvirt::core
