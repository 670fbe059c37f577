// Auto-arrange: a layered layout of the diagram's nodes that minimises edge crossings along
// the green-arrow direction, computed by Graphviz `dot` (libgvc) with the lanes of
// DESIGNER-UX.md as ranks and the tenant / fabric / supporting rows kept in order. Pure
// geometry in, positions out: the GUI applies the result as one undoable move.
// Thread-safety: reentrant (each call owns its Graphviz context); calls are serialised
// internally because libgvc keeps global state.
#pragma once

#include <netvirt/core/model/design.h>

#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <utility>
#include <vector>

namespace netvirt::designer::layout {

// Top-level node id → top-left scene position.
using Positions = std::vector<std::pair<core::Id, QPointF>>;

// The size of each drawn node (NodeItem::boundingRect()); unknown ids take `fallback`.
struct NodeSizes {
    QHash<QString, QSizeF> sizes;
    QSizeF fallback{210, 40};

    QSizeF sizeOf(const QString &id) const { return sizes.value(id, fallback); }
    QSizeF sizeOf(const core::Id &id) const { return sizeOf(QString::fromStdString(id)); }
    // Without a scene: header plus one row per child, as NodeItem lays them out.
    static NodeSizes estimate(const core::Design &design);
};

struct ArrangeOptions {
    // Keep the nodes whose position the design stores (placed by hand) where they are, and
    // arrange the others around them without overlapping them.
    bool keepStoredPositions = false;
    // Further nodes to keep fixed, with their positions (take precedence over stored ones).
    Positions pinned;
    qreal nodeGap = 14;     // between nodes of one lane
    qreal laneGap = 70;     // minimum between lanes
    // Graphviz's crossing-minimisation effort (mclimit); large designs are capped lower.
    double crossingEffort = 1.0;
};

// The nodes of the diagram: top-level entities, except IP pools drawn inside their site or
// VM network (DiagramScene's rule), in design order.
std::vector<core::Id> diagramNodes(const core::Design &design);

// Node-level edges (children mapped to the node they are drawn in, supporting edges and
// self-loops left out, duplicates merged) as index pairs into `nodes`.
std::vector<std::pair<int, int>> diagramEdges(const core::Design &design, const std::vector<core::Id> &nodes);

// Positions for every node of diagramNodes(); the pinned ones unchanged. Never overlapping
// (given sizes), unless pinned nodes already overlap each other.
Positions arrange(const core::Design &design, const NodeSizes &sizes, const ArrangeOptions &options = {});

// How many pairs of edges cross, each edge drawn as a straight segment between the centres
// of its nodes (edges sharing a node are not counted). Nodes without a position are skipped.
std::size_t countCrossings(const core::Design &design, const Positions &positions,
                           const NodeSizes &sizes = {});

// Pairs of nodes whose rectangles overlap (for tests and for the GUI's sanity check).
std::size_t countOverlaps(const Positions &positions, const NodeSizes &sizes);

} // namespace netvirt::designer::layout
