// DesignGraph: the relationships of a design as drawable edges between entity ids, and the
// "green arrow" walk (the NV200 chain VM → vNIC → VM network → logical network → site ←
// uplink port profile ← logical switch ← host) that tells which edges form a valid chain,
// which edge a broken chain breaks at, and which entities a VM's or vNIC's chain touches.
// Thread-safety: pure functions over a const Design.
#pragma once

#include <netvirt/core/model/design.h>

#include <QSet>
#include <QString>
#include <QVector>

#include <optional>

namespace netvirt::designer {

enum class EdgeKind {
    Connects = 1,    // vNIC → VM network / VM subnet, host vNIC → VM network
    Uses,            // vNIC → logical switch, pNIC → logical switch
    Network,         // VM network → logical network, logical network → site
    Carries,         // uplink port profile → site, logical switch → uplink port profile
    RunsOn,          // VM → host, gateway → host (dashed)
    MemberOf,        // host → host group, host group → parent, site → host group (dashed)
    Supporting,      // classifications, vNIC port profiles, MAC pools: drawn for the selection
};

struct GraphEdge {
    QString from;    // entity id (virtual ports: "<switch id>#vp<n>")
    QString to;
    EdgeKind kind = EdgeKind::Connects;

    QString key() const { return from + QChar(0x1f) + to; }
    static QString key(const QString &from, const QString &to) { return from + QChar(0x1f) + to; }
};

struct Chain {
    bool valid = false;
    QSet<QString> edges;         // edge keys of the chain (the valid part, when broken)
    QSet<QString> entities;      // ids on the chain
    std::optional<QString> brokenEdge; // key of the edge where the walk stops
};

class DesignGraph final
{
public:
    // Every drawable edge whose source is `id` (an entity or, for a top-level entity, also
    // its children and virtual ports).
    static QVector<GraphEdge> edgesFrom(const core::Design &design, const core::Id &topLevelId);
    static QVector<GraphEdge> allEdges(const core::Design &design);

    // The green-arrow walk for one VM vNIC.
    static Chain traceVnic(const core::Design &design, const core::VmNic &nic, const core::Vm &vm);
    // The union of the chains of a selection (VMs: all their vNICs).
    static Chain traceSelection(const core::Design &design, const QStringList &ids);
    // The top-level node an id is drawn in (itself, or its parent for children).
    static QString nodeOf(const core::Design &design, const QString &id);
    static QString virtualPortId(const QString &switchId, int index);
};

} // namespace netvirt::designer
