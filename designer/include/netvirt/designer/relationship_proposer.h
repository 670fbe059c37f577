// RelationshipProposer: what dragging one node onto another means. For each pair of entity
// kinds the model allows at most one relationship (vNIC → VM network, VM → host, uplink port
// profile → site, …); the proposer returns it as edits, or the reason the drop is refused.
// Thread-safety: pure functions over a const Design; GUI thread (tr()).
#pragma once

#include <netvirt/designer/edit_op.h>

#include <QCoreApplication>
#include <QString>

namespace netvirt::designer {

struct Proposal {
    bool ok = false;
    QString text;                 // the undo text, or the reason for a refusal
    std::vector<EditOp> ops;
};

class RelationshipProposer final
{
    Q_DECLARE_TR_FUNCTIONS(RelationshipProposer)

public:
    // `from` is where the drag started, `to` where it was dropped; either direction of a
    // relationship is accepted.
    static Proposal propose(const core::Design &design, const core::Id &from, const core::Id &to);

private:
    static Proposal proposeDirected(const core::Design &design, const core::Id &from, const core::Id &to);
};

} // namespace netvirt::designer
