// Validator: the rule engine behind the designer, with translated problem texts.
#include <netvirt/designer/problem.h>

#include <algorithm>

namespace netvirt::designer {

using namespace netvirt::core;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

Severity toSeverity(rules::Severity s)
{
    switch (s) {
    case rules::Severity::Error: return Severity::Error;
    case rules::Severity::Warning: return Severity::Warning;
    case rules::Severity::Info: return Severity::Info;
    }
    return Severity::Error;
}

} // namespace

QString Validator::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error: return tr("Error");
    case Severity::Warning: return tr("Warning");
    case Severity::Info: return tr("Info");
    }
    return {};
}

void Validator::validateAll(const Design &design)
{
    m_engine.reset(design);
    rebuildProblems(design);
}

void Validator::revalidate(const Design &design, const ChangeSet &changes)
{
    m_engine.update(design, changes);
    rebuildProblems(design);
}

int Validator::count(Severity severity) const
{
    int n = 0;
    for (const Problem &p : m_problems)
        n += p.severity == severity;
    return n;
}

// Translated text from the rule id and parameters; the engine's English is the fallback for
// rules whose parameters do not carry the whole story.
static QString translatedMessage(const Design &d, const rules::Violation &v)
{
    auto param = [&](const char *key) -> QString {
        auto it = v.params.find(key);
        return it == v.params.end() ? QString() : q(it->second);
    };
    auto nameOf = [&](const char *key) -> QString {
        auto it = v.params.find(key);
        return it == v.params.end() ? QString() : q(d.displayName(it->second));
    };
    const std::string &r = v.rule;
    if (r == "NV200" || r == "NV205") {
        const QString who = nameOf("vnic");
        const QString net = nameOf("vmNetwork");
        const QString link = param("link");
        QString why;
        if (link == QLatin1String("switch-not-on-host"))
            why = Validator::tr("logical switch %1 is not deployed on host %2").arg(nameOf("switch"), nameOf("host"));
        else if (link == QLatin1String("no-uplink-carries-site"))
            why = Validator::tr("no uplink port profile of logical switch %1 on host %2 carries a site of logical network %3")
                      .arg(nameOf("switch"), nameOf("host"), nameOf("logicalNetwork"));
        else if (link == QLatin1String("site-not-scoped-to-host-group"))
            why = Validator::tr("the sites of logical network %1 carried to host %2 are not scoped to its host group")
                      .arg(nameOf("logicalNetwork"), nameOf("host"));
        if (!who.isEmpty() && !net.isEmpty() && !why.isEmpty())
            return Validator::tr("%1 cannot reach VM network %2: %3").arg(who, net, why);
    } else if (r == "NV101" && v.params.count("field")) {
        return Validator::tr("%1: %2 names \"%3\", which does not exist or is of the wrong kind")
            .arg(nameOf("entity"), param("field"), param("target"));
    } else if (r == "NV103" && v.params.count("entity")) {
        return Validator::tr("%1 is not used by anything").arg(nameOf("entity"));
    } else if (r == "NV201" && !v.entities.empty()) {
        return Validator::tr("%1 is bound to no VM network").arg(q(d.displayName(v.entities.front())));
    } else if (r == "NV204" && !v.entities.empty()) {
        return Validator::tr("VM %1 has no vNIC").arg(q(d.displayName(v.entities.front())));
    } else if (r == "NV112" && v.params.count("site")) {
        return Validator::tr("Site %1 is scoped to no host group: no host can reach it").arg(nameOf("site"));
    } else if (r == "NV123" && v.params.count("needed")) {
        return Validator::tr("Pool %1 is exhausted: %2 addresses needed, %3 free")
            .arg(q(d.displayName(v.entities.empty() ? std::string() : v.entities.front())), param("needed"), param("available"));
    } else if (r == "NV131" && v.params.count("mac")) {
        return Validator::tr("MAC address %1 is used by more than one vNIC").arg(param("mac"));
    } else if (r == "NV125" && v.params.count("address")) {
        return Validator::tr("Address %1 is used twice in %2").arg(param("address"), param("space"));
    } else if (r == "NV102" && v.params.count("name")) {
        return Validator::tr("The name %1 is used more than once").arg(nameOf("name").isEmpty() ? param("name") : param("name"));
    } else if (r == "NV142" && v.params.count("weight")) {
        return Validator::tr("Minimum-bandwidth weights of %1 sum to %2, more than 100")
            .arg(q(d.displayName(v.entities.empty() ? std::string() : v.entities.front())), param("weight"));
    }
    return q(v.message);
}

void Validator::rebuildProblems(const Design &design)
{
    m_problems.clear();
    const auto &violations = m_engine.violations();
    m_problems.reserve(qsizetype(violations.size()));
    for (const rules::Violation &v : violations) {
        Problem p;
        p.ruleId = q(v.rule);
        p.severity = toSeverity(v.severity);
        p.englishMessage = q(v.message);
        p.message = translatedMessage(design, v);
        for (const Id &id : v.entities)
            p.entities << q(id);
        for (const Id &id : v.path)
            p.path << q(id);
        if (v.brokenLink >= 0 && std::size_t(v.brokenLink) + 1 < v.path.size())
            p.brokenLink = qMakePair(q(v.path[std::size_t(v.brokenLink)]), q(v.path[std::size_t(v.brokenLink) + 1]));
        if (v.fix) {
            p.fix = std::make_shared<const rules::Fix>(*v.fix);
            p.fixText = q(v.fix->description);
        }
        m_problems.push_back(std::move(p));
    }
}

Result<std::vector<EditOp>> Validator::fixAsEdits(const Design &design, const rules::Fix &fix)
{
    // Play the fix on a copy, field by field, and record each field's final value: the
    // undo command then holds plain before/after JSON like every other edit.
    Design scratch = design;
    std::vector<EditOp> ops;
    for (const rules::FixEdit &e : fix.edits) {
        Result<ChangeSet> r = e.op == rules::FixEdit::Op::SetField ? setField(scratch, e.target, e.field, e.value)
                              : e.op == rules::FixEdit::Op::Bind  ? bind(scratch, e.target, e.field, e.to)
                                                                   : unbind(scratch, e.target, e.field, e.to);
        if (!r)
            return r.error();
        auto value = getField(scratch, e.target, e.field);
        if (!value)
            return value.error();
        auto same = std::find_if(ops.begin(), ops.end(),
                                 [&](const EditOp &op) { return op.id == e.target && op.field == e.field; });
        if (same != ops.end())
            same->after = *value;
        else
            ops.push_back(EditOp::setField(e.target, e.field, *value));
    }
    return ops;
}

} // namespace netvirt::designer
