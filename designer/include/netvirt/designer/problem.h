// Problem: the designer's view of one rule-engine violation, with its text already
// translated (built with tr() from the rule id and parameters; the engine's English message
// is only the fallback). The Validator wraps the core rule engine: full validation on load,
// incremental re-validation after each edit.
// Thread-safety: GUI thread only.
#pragma once

#include <netvirt/designer/edit_op.h>

#include <netvirt/core/rules/rule_engine.h>

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace netvirt::designer {

enum class Severity { Error = 1, Warning, Info };

struct Problem {
    QString ruleId;                    // "NV200"
    Severity severity = Severity::Error;
    QString message;                   // translated
    QString englishMessage;            // the engine's text, kept for copy/paste and logs
    QStringList entities;              // blamed ids, the subject first
    QStringList path;                  // relationship path (entity ids), if any
    std::optional<QPair<QString, QString>> brokenLink; // the edge where a chain breaks
    QString fixText;                   // empty: no fix
    std::shared_ptr<const core::rules::Fix> fix;

    bool hasFix() const { return fix != nullptr; }
};

class Validator final
{
    Q_DECLARE_TR_FUNCTIONS(Validator)

public:
    Validator() = default;
    Validator(const Validator &) = delete;
    Validator &operator=(const Validator &) = delete;

    void validateAll(const core::Design &design);
    // Re-checks only what `changes` touched (the engine decides how little that is).
    void revalidate(const core::Design &design, const core::ChangeSet &changes);
    const QList<Problem> &problems() const { return m_problems; }
    int count(Severity severity) const;

    static QString severityName(Severity severity);
    // The rule's one-line description, translated ("NV200" → "A vNIC's VM network is …").
    static QString ruleDescription(const QString &ruleId);
    // The fix of a problem as designer edits (ids + before/after JSON), computed against
    // the design as it stands.
    static core::Result<std::vector<EditOp>> fixAsEdits(const core::Design &design, const core::rules::Fix &fix);

private:
    void rebuildProblems(const core::Design &design);

    core::rules::IncrementalValidator m_engine;
    QList<Problem> m_problems;
};

} // namespace netvirt::designer
