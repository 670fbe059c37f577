// Validator: the rule engine behind the designer, with translated problem texts.
#include <netvirt/designer/problem.h>

#include <QCoreApplication>

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

// The rule catalogue's one-line descriptions (core/src/rules/rule_engine.cpp), for lupdate:
// a translated message falls back to the translated description of its rule.
struct RuleTitle {
    const char *id;
    const char *title;
};
constexpr RuleTitle kRuleTitles[] = {
    {"NV101", QT_TRANSLATE_NOOP("Rules", "A reference names an id that does not exist or an entity of the wrong kind.")},
    {"NV102", QT_TRANSLATE_NOOP("Rules", "Two entities share an id, or two entities of one kind (or children of one parent) share a name.")},
    {"NV103", QT_TRANSLATE_NOOP("Rules", "An object nothing uses.")},
    {"NV104", QT_TRANSLATE_NOOP("Rules", "The host group tree has a cycle.")},
    {"NV110", QT_TRANSLATE_NOOP("Rules", "A site subnet is not a valid prefix, or its VLAN is outside 0-4094.")},
    {"NV111", QT_TRANSLATE_NOOP("Rules", "Two intersecting site subnets carry the same VLAN.")},
    {"NV112", QT_TRANSLATE_NOOP("Rules", "A site is scoped to no host group.")},
    {"NV120", QT_TRANSLATE_NOOP("Rules", "An IP pool's range is empty or leaves its subnet.")},
    {"NV121", QT_TRANSLATE_NOOP("Rules", "Two IP pools of the same subnet overlap.")},
    {"NV122", QT_TRANSLATE_NOOP("Rules", "A pool's gateway, DNS server or reserved address lies outside the subnet, or the gateway is allocatable.")},
    {"NV123", QT_TRANSLATE_NOOP("Rules", "An IP pool is exhausted.")},
    {"NV124", QT_TRANSLATE_NOOP("Rules", "An address is invalid or lies outside where it belongs.")},
    {"NV125", QT_TRANSLATE_NOOP("Rules", "Two addresses collide in one address space.")},
    {"NV126", QT_TRANSLATE_NOOP("Rules", "A vNIC takes its address from a pool but its VM is not provisioned from a template.")},
    {"NV130", QT_TRANSLATE_NOOP("Rules", "A MAC pool range is invalid or overlaps another MAC pool.")},
    {"NV131", QT_TRANSLATE_NOOP("Rules", "Two vNICs share a MAC address.")},
    {"NV140", QT_TRANSLATE_NOOP("Rules", "An uplink port profile carries no network site.")},
    {"NV141", QT_TRANSLATE_NOOP("Rules", "A virtual port names a classification without a port profile, or a switch offers a classification twice.")},
    {"NV142", QT_TRANSLATE_NOOP("Rules", "The minimum-bandwidth weights of a switch's virtual ports sum to more than 100.")},
    {"NV150", QT_TRANSLATE_NOOP("Rules", "A physical NIC is bound to more than one logical switch.")},
    {"NV151", QT_TRANSLATE_NOOP("Rules", "A NoTeam logical switch is bound to more than one physical NIC on a host.")},
    {"NV152", QT_TRANSLATE_NOOP("Rules", "The teamed NICs of a logical switch on a host are bound to different uplink port profiles.")},
    {"NV153", QT_TRANSLATE_NOOP("Rules", "A host binds a NIC with an uplink port profile that the logical switch does not offer.")},
    {"NV154", QT_TRANSLATE_NOOP("Rules", "A logical switch is deployed on a host with no physical NIC.")},
    {"NV155", QT_TRANSLATE_NOOP("Rules", "A vNIC names a logical switch that is not deployed on its VM's host.")},
    {"NV156", QT_TRANSLATE_NOOP("Rules", "A vNIC names a port classification that its logical switch does not offer.")},
    {"NV157", QT_TRANSLATE_NOOP("Rules", "A logical switch in use changed uplink mode, uplink profiles or extensions.")},
    {"NV200", QT_TRANSLATE_NOOP("Rules", "A vNIC's VM network is not reachable from its host (follow the green arrows).")},
    {"NV201", QT_TRANSLATE_NOOP("Rules", "A vNIC is bound to no VM network.")},
    {"NV202", QT_TRANSLATE_NOOP("Rules", "A vNIC on an isolated VM network names no VM subnet of that network.")},
    {"NV203", QT_TRANSLATE_NOOP("Rules", "A vNIC on a standard VM network names a VM subnet.")},
    {"NV204", QT_TRANSLATE_NOOP("Rules", "A VM has no vNIC.")},
    {"NV205", QT_TRANSLATE_NOOP("Rules", "A host vNIC is on a VM network not reachable through its own switch.")},
    {"NV206", QT_TRANSLATE_NOOP("Rules", "A host vNIC shares a logical switch with VMs.")},
    {"NV207", QT_TRANSLATE_NOOP("Rules", "A standard VM network's vNIC has an address in no site subnet reachable from its host.")},
    {"NV208", QT_TRANSLATE_NOOP("Rules", "A host vNIC is on an isolated VM network.")},
    {"NV300", QT_TRANSLATE_NOOP("Rules", "An isolated VM network sits on a logical network without network virtualization.")},
    {"NV301", QT_TRANSLATE_NOOP("Rules", "A VSID is out of range, or two VM subnets share a VSID.")},
    {"NV302", QT_TRANSLATE_NOOP("Rules", "Two VM subnets of one VM network overlap.")},
    {"NV303", QT_TRANSLATE_NOOP("Rules", "A customer address space overlaps the provider address space.")},
    {"NV304", QT_TRANSLATE_NOOP("Rules", "A host runs isolated VMs but has no provider address.")},
    {"NV305", QT_TRANSLATE_NOOP("Rules", "An isolated vNIC reaches its logical network only through uplinks without network virtualization.")},
    {"NV306", QT_TRANSLATE_NOOP("Rules", "An IP Rewrite VM network's hosts cannot give every vNIC its own provider address.")},
    {"NV307", QT_TRANSLATE_NOOP("Rules", "A physical NIC carrying NVGRE traffic has an MTU below 1542.")},
    {"NV308", QT_TRANSLATE_NOOP("Rules", "A gateway's VM network is not isolated or not reached by its host, or two gateways share an external prefix.")},
    {"NV400", QT_TRANSLATE_NOOP("Rules", "Moving a VM to another host would leave it unconnected.")},
};

QString ruleTitle(const std::string &rule)
{
    for (const RuleTitle &t : kRuleTitles)
        if (rule == t.id)
            return QCoreApplication::translate("Rules", t.title);
    return {};
}

bool ruleTitleTranslated(const std::string &rule)
{
    for (const RuleTitle &t : kRuleTitles)
        if (rule == t.id)
            return QCoreApplication::translate("Rules", t.title) != QLatin1String(t.title);
    return false;
}

} // namespace

QString Validator::ruleDescription(const QString &ruleId)
{
    return ruleTitle(ruleId.toStdString());
}

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
    // No template for this rule's parameters: in a language that has the rule's description,
    // that description with the blamed entities' names; in English, the engine's own text.
    if (ruleTitleTranslated(r)) {
        QStringList names;
        for (const Id &id : v.entities)
            names << q(d.displayName(id));
        return names.isEmpty() ? ruleTitle(r)
                               : Validator::tr("%1: %2").arg(names.join(QStringLiteral(", ")), ruleTitle(r));
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
