// The validate outputs of CLI.md: text lines, JSON, SARIF 2.1.0. Kept in core so that the CLI
// stays a thin shell and the designer can export the same bytes.
#include <netvirt/core/rules/rule_engine.h>

#include "checks.h"

namespace netvirt::core::rules {

namespace {

std::string joinIds(const std::vector<Id> &ids, char sep)
{
    std::string s;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i)
            s.push_back(sep);
        s += ids[i];
    }
    return s;
}

std::string_view sarifLevel(Severity s)
{
    switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
    }
    return "error";
}

} // namespace

std::string formatText(const std::vector<Violation> &violations)
{
    std::string out;
    for (const auto &v : violations) {
        out += severityName(v.severity);
        out += ' ';
        out += v.rule;
        out += ' ';
        out += joinIds(v.entities, ',');
        out += ": ";
        out += v.message;
        out += '\n';
    }
    Summary s = summarize(violations);
    out += std::to_string(s.errors) + " errors, " + std::to_string(s.warnings) + " warnings, " + std::to_string(s.infos)
        + " infos\n";
    return out;
}

Json violationToJson(const Violation &v)
{
    Json j = Json::object();
    j["rule"] = v.rule;
    j["severity"] = severityName(v.severity);
    j["entities"] = v.entities;
    j["path"] = v.path;
    j["message"] = v.message;
    if (v.fix)
        j["fix"] = v.fix->description;
    return j;
}

Json validationToJson(const std::vector<Violation> &violations, std::string_view designName)
{
    Json j = Json::object();
    j["design"] = std::string(designName);
    Json arr = Json::array();
    for (const auto &v : violations)
        arr.push_back(violationToJson(v));
    j["violations"] = std::move(arr);
    Summary s = summarize(violations);
    j["summary"] = Json{{"errors", s.errors}, {"warnings", s.warnings}, {"infos", s.infos}};
    return j;
}

std::string formatJson(const std::vector<Violation> &violations, std::string_view designName)
{
    return validationToJson(violations, designName).dump(2) + "\n";
}

Json validationToSarif(const std::vector<Violation> &violations, std::string_view designUri, const Design *design)
{
    Json rules = Json::array();
    std::map<std::string_view, std::size_t> ruleIndex;
    for (const auto &r : ruleCatalog()) {
        ruleIndex[r.id] = rules.size();
        Json rule = Json::object();
        rule["id"] = r.id;
        rule["shortDescription"] = Json{{"text", r.title}};
        rule["defaultConfiguration"] = Json{{"level", sarifLevel(r.severity)}};
        rules.push_back(std::move(rule));
    }
    Json results = Json::array();
    for (const auto &v : violations) {
        Json res = Json::object();
        res["ruleId"] = v.rule;
        if (auto it = ruleIndex.find(v.rule); it != ruleIndex.end())
            res["ruleIndex"] = it->second;
        res["level"] = sarifLevel(v.severity);
        res["message"] = Json{{"text", v.message}};
        Json locations = Json::array();
        for (const auto &id : v.entities) {
            std::string kind = "object";
            if (design)
                if (const EntityRef *r = design->find(id))
                    kind = std::string(kindName(r->kind));
            Json loc = Json::object();
            loc["physicalLocation"] = Json{{"artifactLocation", Json{{"uri", std::string(designUri)}}}};
            Json logical = Json::object();
            logical["name"] = id;
            logical["fullyQualifiedName"] = id;
            logical["kind"] = kind;
            loc["logicalLocations"] = Json::array({logical});
            locations.push_back(std::move(loc));
        }
        if (locations.empty())
            locations.push_back(Json{{"physicalLocation", Json{{"artifactLocation", Json{{"uri", std::string(designUri)}}}}}});
        res["locations"] = std::move(locations);
        if (v.fix) {
            res["properties"] = Json{{"fix", v.fix->description}};
        }
        results.push_back(std::move(res));
    }
    Json driver = Json::object();
    driver["name"] = "netvirt";
    driver["informationUri"] = "https://example.invalid/netvirt-designer";
    driver["rules"] = std::move(rules);
    Json run = Json::object();
    run["tool"] = Json{{"driver", std::move(driver)}};
    run["artifacts"] = Json::array({Json{{"location", Json{{"uri", std::string(designUri)}}}}});
    run["results"] = std::move(results);
    Json j = Json::object();
    j["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    j["version"] = "2.1.0";
    j["runs"] = Json::array({std::move(run)});
    return j;
}

std::string formatSarif(const std::vector<Violation> &violations, std::string_view designUri, const Design *design)
{
    return validationToSarif(violations, designUri, design).dump(2) + "\n";
}

std::string describeFixEdits(const Fix &fix)
{
    std::string s = fix.description + "\n";
    for (const auto &e : fix.edits) {
        switch (e.op) {
        case FixEdit::Op::SetField: s += "  set " + e.target + "." + e.field + " = " + e.value.dump() + "\n"; break;
        case FixEdit::Op::Bind: s += "  bind " + e.target + "." + e.field + " += " + e.to + "\n"; break;
        case FixEdit::Op::Unbind: s += "  unbind " + e.target + "." + e.field + " -= " + e.to + "\n"; break;
        }
    }
    return s;
}

} // namespace netvirt::core::rules
