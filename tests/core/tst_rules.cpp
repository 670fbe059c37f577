// The rule catalog against its self-describing test designs (tests/data/rules/*.json, written
// by make_cases.py): each file's "expect" is the exact list of (rule, entities) validate
// reports; "expectWhatIf" the NV400 results of its "whatIf" move; "expectDiff" the NV157
// results against its "previous" design. Plus ordering, output formats, fixes and diff.
#include <netvirt/core/io/design_io.h>
#include <netvirt/core/model/diff.h>
#include <netvirt/core/model/edit.h>
#include <netvirt/core/rules/rule_engine.h>

#include <QDir>
#include <QFileInfo>
#include <QTest>

#include <algorithm>
#include <set>

using namespace netvirt::core;
using namespace netvirt::core::rules;

namespace {

const QString kDataDir = QStringLiteral(NETVIRT_SOURCE_DIR "/tests/data/rules");

std::string entry(const std::string &rule, const std::vector<std::string> &entities, const std::string &broken = {})
{
    std::string s = rule + " ";
    for (std::size_t i = 0; i < entities.size(); ++i)
        s += (i ? "," : "") + entities[i];
    if (!broken.empty())
        s += " [" + broken + "]";
    return s;
}

std::vector<std::string> expected(const Json &list)
{
    std::vector<std::string> out;
    if (!list.is_array())
        return out;
    for (const auto &e : list)
        out.push_back(entry(e.at("rule").get<std::string>(), e.at("entities").get<std::vector<std::string>>(),
                            e.value("brokenRule", std::string())));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> actual(const std::vector<Violation> &vs, bool withBroken = false)
{
    std::vector<std::string> out;
    for (const auto &v : vs) {
        std::string broken;
        if (withBroken)
            if (auto it = v.params.find("rule"); it != v.params.end())
                broken = it->second;
        out.push_back(entry(v.rule, v.entities, broken));
    }
    std::sort(out.begin(), out.end());
    return out;
}

QString describeMismatch(const std::vector<std::string> &want, const std::vector<std::string> &got,
                         const std::vector<Violation> &vs)
{
    QString s = QStringLiteral("\nexpected:\n");
    for (const auto &w : want)
        s += QStringLiteral("  ") + QString::fromStdString(w) + QLatin1Char('\n');
    s += QStringLiteral("reported:\n");
    for (const auto &g : got)
        s += QStringLiteral("  ") + QString::fromStdString(g) + QLatin1Char('\n');
    s += QStringLiteral("messages:\n") + QString::fromStdString(formatText(vs));
    return s;
}

Design load(const QString &name)
{
    auto r = io::loadDesign((kDataDir + QLatin1Char('/') + name).toStdString());
    if (!r)
        qFatal("cannot load %s: %s", qPrintable(name), r.error().message.c_str());
    return std::move(r).value();
}

} // namespace

class tst_Rules : public QObject {
    Q_OBJECT

private slots:
    void designs_data();
    void designs();
    void everyRuleHasPassingAndFailingDesigns();
    void catalogMatchesRulesMd();
    void sortOrderAndTextFormat();
    void jsonShape();
    void sarifShape();
    void nv200PathNamesTheBrokenLink();
    void nv200FixRepairs();
    void nv300FixRepairs();
    void diffReportsEntitiesAndViolations();
    void whatIfUnknownIdsAreEmpty();
    void bundledExamples_data();
    void bundledExamples();
};

void tst_Rules::designs_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(kDataDir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() > 50, "tests/data/rules is missing: run tests/data/rules/make_cases.py");
    for (const auto &f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void tst_Rules::designs()
{
    QFETCH(QString, file);
    const Design d = load(file);
    QVERIFY2(d.extra.contains("expect"), "the test design has no \"expect\" key");
    RuleEngine engine;
    const auto vs = engine.validate(d);
    if (qEnvironmentVariableIsSet("NETVIRT_RULES_PRINT"))
        qInfo("%s", formatText(vs).c_str());
    const auto want = expected(d.extra["expect"]);
    const auto got = actual(vs);
    QVERIFY2(want == got, qPrintable(describeMismatch(want, got, vs)));

    // Every violation carries an English message and a known rule of the right severity.
    for (const auto &v : vs) {
        const RuleInfo *info = findRule(v.rule);
        QVERIFY(info);
        QCOMPARE(v.severity, info->severity);
        QVERIFY(!v.message.empty());
        QVERIFY(!v.entities.empty());
    }
    // The incremental validator's reset equals the full check.
    IncrementalValidator inc;
    inc.reset(d);
    QVERIFY(inc.violations() == vs);

    if (d.extra.contains("whatIf")) {
        const auto &w = d.extra["whatIf"];
        const auto nv400 = engine.whatIfMigrate(d, w.at("vm").get<std::string>(), w.at("host").get<std::string>());
        const auto wantW = expected(d.extra.value("expectWhatIf", Json::array()));
        const auto gotW = actual(nv400, true);
        QVERIFY2(wantW == gotW, qPrintable(describeMismatch(wantW, gotW, nv400)));
    }
    if (d.extra.contains("expectDiff")) {
        const Json prevJson = d.extra.contains("previous") ? d.extra["previous"] : io::toJson(d);
        auto prev = io::fromJson(prevJson, "previous");
        QVERIFY2(prev.ok(), prev.ok() ? "" : prev.error().message.c_str());
        const auto nv157 = checkSwitchChanges(prev.value(), d);
        const auto wantD = expected(d.extra["expectDiff"]);
        const auto gotD = actual(nv157);
        QVERIFY2(wantD == gotD, qPrintable(describeMismatch(wantD, gotD, nv157)));
        const DesignDiff diff = diffDesigns(prev.value(), d);
        QCOMPARE(actual(diff.nv157), gotD);
    }
}

void tst_Rules::everyRuleHasPassingAndFailingDesigns()
{
    const QStringList files = QDir(kDataDir).entryList({QStringLiteral("*.json")}, QDir::Files);
    std::set<std::string> failing;
    for (const auto &f : files) {
        const Design d = load(f);
        for (const char *key : {"expect", "expectWhatIf", "expectDiff"})
            if (d.extra.contains(key))
                for (const auto &e : d.extra[key])
                    failing.insert(e.at("rule").get<std::string>());
    }
    for (const auto &r : ruleCatalog()) {
        const QString lower = QString::fromLatin1(r.id.data(), int(r.id.size())).toLower();
        bool pass = std::any_of(files.begin(), files.end(), [&](const QString &f) { return f.startsWith(lower + "-pass"); });
        bool fail = std::any_of(files.begin(), files.end(), [&](const QString &f) { return f.startsWith(lower + "-fail"); });
        QVERIFY2(pass, qPrintable(lower + " has no passing design"));
        QVERIFY2(fail, qPrintable(lower + " has no failing design"));
        QVERIFY2(failing.count(std::string(r.id)), qPrintable(lower + " is expected by no design"));
    }
}

void tst_Rules::catalogMatchesRulesMd()
{
    QFile f(QStringLiteral(NETVIRT_SHARED_DIR "/RULES.md"));
    if (!f.open(QIODevice::ReadOnly))
        QSKIP("RULES.md is not beside the source tree");
    const QString text = QString::fromUtf8(f.readAll());
    int rows = 0;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QStringLiteral("| NV")))
            continue;
        const QStringList cols = line.split(QLatin1Char('|'));
        const QString id = cols.value(1).trimmed();
        const QString sev = cols.value(2).trimmed();
        const RuleInfo *info = findRule(id.toStdString());
        QVERIFY2(info, qPrintable(id + " is missing from the catalog"));
        QCOMPARE(QString::fromLatin1(severityName(info->severity).data()), sev);
        ++rows;
    }
    QCOMPARE(std::size_t(rows), ruleCatalog().size());
}

void tst_Rules::sortOrderAndTextFormat()
{
    const Design d = load(QStringLiteral("nv203-fail.json"));
    auto vs = RuleEngine().validate(d);
    QCOMPARE(vs.size(), std::size_t(2));
    QCOMPARE(vs[0].rule, std::string("NV203")); // errors first
    QCOMPARE(vs[1].rule, std::string("NV206"));
    const std::string text = formatText(vs);
    QVERIFY(text.rfind("error NV203 vm-mgmt1/nic0: ", 0) == 0);
    QVERIFY(text.find("\ninfo NV206 host-a/mgmt,ls-mgmt: ") != std::string::npos);
    QVERIFY(text.ends_with("\n1 errors, 0 warnings, 1 infos\n"));

    std::vector<Violation> mixed;
    auto mk = [](std::string rule, Severity s, std::vector<Id> e) {
        Violation v;
        v.rule = std::move(rule);
        v.severity = s;
        v.entities = std::move(e);
        return v;
    };
    mixed.push_back(mk("NV103", Severity::Warning, {"a"}));
    mixed.push_back(mk("NV200", Severity::Error, {"b"}));
    mixed.push_back(mk("NV200", Severity::Error, {"a"}));
    mixed.push_back(mk("NV206", Severity::Info, {"a"}));
    mixed.push_back(mk("NV101", Severity::Error, {"z"}));
    sortViolations(mixed);
    QCOMPARE(actual(mixed).size(), std::size_t(5));
    QCOMPARE(mixed[0].rule, std::string("NV101"));
    QCOMPARE(mixed[1].entities.front(), std::string("a"));
    QCOMPARE(mixed[2].entities.front(), std::string("b"));
    QCOMPARE(mixed[3].rule, std::string("NV103"));
    QCOMPARE(mixed[4].rule, std::string("NV206"));
}

void tst_Rules::jsonShape()
{
    const Design d = load(QStringLiteral("nv200-fail-uplink.json"));
    const auto vs = RuleEngine().validate(d);
    const Json j = validationToJson(vs, "contoso.netvirt");
    QCOMPARE(j["design"].get<std::string>(), std::string("contoso.netvirt"));
    QCOMPARE(j["summary"]["errors"].get<int>(), 4);
    QCOMPARE(j["summary"]["warnings"].get<int>(), 0);
    QCOMPARE(j["summary"]["infos"].get<int>(), 0);
    const Json &v = j["violations"][0];
    QCOMPARE(v["rule"].get<std::string>(), std::string("NV200"));
    QCOMPARE(v["severity"].get<std::string>(), std::string("error"));
    QCOMPARE(v["entities"].get<std::vector<std::string>>(),
             (std::vector<std::string>{"vm-blue-web1/nic0", "host-a", "ls-prod"}));
    QVERIFY(v["path"].is_array());
    QVERIFY(v["message"].is_string());
    QCOMPARE(v["fix"].get<std::string>(), std::string("add site site-milan-prod to uplink port profile up-prod"));
    std::vector<std::string> keys;
    for (auto it = v.begin(); it != v.end(); ++it)
        keys.push_back(it.key());
    QCOMPARE(keys, (std::vector<std::string>{"rule", "severity", "entities", "path", "message", "fix"}));
    // NV308 has no fix: no key.
    QVERIFY(!j["violations"][3].contains("fix"));
}

void tst_Rules::sarifShape()
{
    const Design d = load(QStringLiteral("nv155-fail.json"));
    const auto vs = RuleEngine().validate(d);
    const Json s = validationToSarif(vs, "designs/nv155.json", &d);
    QCOMPARE(s["version"].get<std::string>(), std::string("2.1.0"));
    const Json &run = s["runs"][0];
    QCOMPARE(run["tool"]["driver"]["name"].get<std::string>(), std::string("netvirt"));
    QCOMPARE(run["tool"]["driver"]["rules"].size(), ruleCatalog().size());
    const Json &rule0 = run["tool"]["driver"]["rules"][0];
    QCOMPARE(rule0["id"].get<std::string>(), std::string("NV101"));
    QVERIFY(rule0["shortDescription"]["text"].is_string());
    QCOMPARE(rule0["defaultConfiguration"]["level"].get<std::string>(), std::string("error"));
    QCOMPARE(run["results"].size(), std::size_t(2));
    const Json &r = run["results"][0];
    QCOMPARE(r["ruleId"].get<std::string>(), std::string("NV155"));
    QCOMPARE(r["level"].get<std::string>(), std::string("error"));
    QVERIFY(r["message"]["text"].is_string());
    const Json &loc = r["locations"][0];
    QCOMPARE(loc["physicalLocation"]["artifactLocation"]["uri"].get<std::string>(), std::string("designs/nv155.json"));
    QCOMPARE(loc["logicalLocations"][0]["fullyQualifiedName"].get<std::string>(), std::string("vm-red-web2/nic0"));
    QCOMPARE(loc["logicalLocations"][0]["kind"].get<std::string>(), std::string("vmNic"));
    QCOMPARE(r["locations"].size(), std::size_t(3));
}

void tst_Rules::nv200PathNamesTheBrokenLink()
{
    {
        const auto vs = RuleEngine().validate(load(QStringLiteral("nv155-fail.json")));
        const auto &v = vs[1];
        QCOMPARE(v.rule, std::string("NV200"));
        QCOMPARE(v.params.at("link"), std::string("switch-not-on-host"));
        QCOMPARE(v.path, (std::vector<Id>{"vm-red-web2/nic0", "vmn-red", "ln-prod", "ls-dmz", "host-b"}));
        QCOMPARE(v.brokenLink, 3);
        QVERIFY(v.message.find("not deployed on host HV02") != std::string::npos);
    }
    {
        const auto vs = RuleEngine().validate(load(QStringLiteral("nv200-fail-uplink.json")));
        QCOMPARE(vs[0].params.at("link"), std::string("no-uplink-carries-site"));
        QVERIFY(vs[0].fix);
        QCOMPARE(vs[0].fix->edits.size(), std::size_t(1));
        QCOMPARE(vs[0].fix->edits[0].op, FixEdit::Op::Bind);
        QCOMPARE(vs[0].fix->edits[0].target, Id("up-prod"));
        QCOMPARE(vs[0].fix->edits[0].field, std::string("sites"));
        QCOMPARE(vs[0].fix->edits[0].to, Id("site-milan-prod"));
    }
    {
        const auto vs = RuleEngine().validate(load(QStringLiteral("nv200-fail-scope.json")));
        QCOMPARE(vs[0].params.at("link"), std::string("site-not-scoped-to-host-group"));
        QCOMPARE(vs[0].path,
                 (std::vector<Id>{"vm-blue-web1/nic0", "vmn-blue", "ln-prod", "site-milan-prod", "up-prod", "ls-prod", "host-a"}));
        QVERIFY(vs[0].message.find("none is scoped to host group Milan") != std::string::npos);
    }
}

void tst_Rules::nv200FixRepairs()
{
    Design d = load(QStringLiteral("nv200-fail-uplink.json"));
    auto vs = RuleEngine().validate(d);
    QVERIFY(vs[0].fix);
    auto r = applyFix(d, *vs[0].fix);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QVERIFY(!r->empty());
    vs = RuleEngine().validate(d);
    QVERIFY2(vs.empty(), formatText(vs).c_str());
}

void tst_Rules::nv300FixRepairs()
{
    Design d = load(QStringLiteral("nv300-fail.json"));
    auto vs = RuleEngine().validate(d);
    QVERIFY(vs[0].fix);
    QCOMPARE(vs[0].fix->description, std::string("enable network virtualization on logical network ln-prod"));
    QVERIFY(applyFix(d, *vs[0].fix).ok());
    QVERIFY(RuleEngine().validate(d).empty());
}

void tst_Rules::diffReportsEntitiesAndViolations()
{
    const Design before = load(QStringLiteral("base.json"));
    const Design after = load(QStringLiteral("nv155-fail.json"));
    const DesignDiff diff = diffDesigns(before, after);
    auto ids = [](const std::vector<EntityDiff> &l) {
        std::vector<Id> out;
        for (const auto &e : l)
            out.push_back(e.id);
        return out;
    };
    QCOMPARE(ids(diff.added), (std::vector<Id>{"host-a/nic4", "ls-dmz"}));
    QVERIFY(diff.removed.empty());
    auto changed = ids(diff.changed);
    QVERIFY(std::find(changed.begin(), changed.end(), "vm-red-web2/nic0") != changed.end());
    QVERIFY(std::find(changed.begin(), changed.end(), "host-a") != changed.end());
    for (const auto &c : diff.changed)
        if (c.id == "vm-red-web2/nic0")
            QCOMPARE(c.fields, (std::vector<std::string>{"logicalSwitch"}));
    QVERIFY(diff.nv157.empty());
    QCOMPARE(actual(diff.newViolations),
             (std::vector<std::string>{"NV155 vm-red-web2/nic0,host-b,ls-dmz", "NV200 vm-red-web2/nic0,host-b,ls-dmz"}));
    QVERIFY(diff.resolvedViolations.empty());
    QVERIFY(diff.hasErrors());
    const std::string text = formatDiffText(diff);
    QVERIFY(text.find("+ logicalSwitch ls-dmz\n") != std::string::npos);
    QVERIFY(text.find("~ vmNic vm-red-web2/nic0: logicalSwitch\n") != std::string::npos);
    QVERIFY(text.find("error NV155 vm-red-web2/nic0,host-b,ls-dmz: ") != std::string::npos);
    const Json j = diffToJson(diff, "old.json", "new.json");
    QCOMPARE(j["summary"]["errors"].get<int>(), 2);
    QCOMPARE(j["added"].size(), std::size_t(2));

    // The other way round: the violations are resolved.
    const DesignDiff back = diffDesigns(after, before);
    QCOMPARE(back.resolvedViolations.size(), std::size_t(2));
    QVERIFY(!back.hasErrors());
}

void tst_Rules::whatIfUnknownIdsAreEmpty()
{
    const Design d = load(QStringLiteral("base.json"));
    QVERIFY(RuleEngine().whatIfMigrate(d, "vm-x", "host-a").empty());
    QVERIFY(RuleEngine().whatIfMigrate(d, "vm-red-web1", "host-x").empty());
}

void tst_Rules::bundledExamples_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(NETVIRT_SOURCE_DIR "/resources/examples"));
    for (const auto &f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
    if (dir.entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty())
        QTest::newRow("none") << QString();
}

// The examples shipped with the designer validate clean, except the one made to be broken.
void tst_Rules::bundledExamples()
{
    QFETCH(QString, path);
    if (path.isEmpty())
        QSKIP("no bundled examples");
    auto r = io::loadDesign(path.toStdString());
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    const auto vs = RuleEngine().validate(r.value());
    if (qEnvironmentVariableIsSet("NETVIRT_RULES_PRINT"))
        qInfo("%s", formatText(vs).c_str());
    if (r.value().extra.contains("expect")) {
        const auto want = expected(r.value().extra["expect"]);
        const auto got = actual(vs);
        QVERIFY2(want == got, qPrintable(describeMismatch(want, got, vs)));
    } else if (QFileInfo(path).baseName() == QStringLiteral("broken"))
        QVERIFY(!isClean(vs));
    else
        QVERIFY2(isClean(vs), formatText(vs).c_str());
}

QTEST_GUILESS_MAIN(tst_Rules)
#include "tst_rules.moc"
