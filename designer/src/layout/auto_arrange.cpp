// Auto-arrange through Graphviz dot: lanes as ranks (left to right along the green arrow),
// rows kept apart by invisible dividers (tenant above fabric above supporting), dot's crossing minimisation for
// the order inside each lane, then pinned nodes restored and overlaps pushed apart.
#include <netvirt/designer/layout/auto_arrange.h>

#include <netvirt/designer/design_graph.h>
#include <netvirt/designer/layout_engine.h>

#include <QLoggingCategory>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#ifdef NETVIRT_HAVE_GRAPHVIZ
#include <gvc.h>
#endif

namespace netvirt::designer::layout {

using namespace netvirt::core;

namespace {

Q_LOGGING_CATEGORY(lcArrange, "netvirt.designer.layout")

QString q(const std::string &s) { return QString::fromStdString(s); }

enum class Row { Tenant = 0, Fabric = 1, Support = 2 };
constexpr int kRows = 3;
constexpr int kRanks = 4;

struct Lane {
    Row row;
    int rank;
};

// DESIGNER-UX.md: tenant row VMs → VM networks (and gateways) → logical networks → sites
// (and free-standing IP pools); fabric row hosts → logical switches → (under the sites)
// uplink port profiles; supporting row host groups, vNIC port profiles, classifications,
// MAC pools.
Lane laneOf(EntityKind kind)
{
    switch (kind) {
    case EntityKind::Vm: return {Row::Tenant, 0};
    case EntityKind::VmNetwork:
    case EntityKind::Gateway: return {Row::Tenant, 1};
    case EntityKind::LogicalNetwork: return {Row::Tenant, 2};
    case EntityKind::Site:
    case EntityKind::IpPool: return {Row::Tenant, 3};
    case EntityKind::Host: return {Row::Fabric, 0};
    case EntityKind::LogicalSwitch: return {Row::Fabric, 1};
    case EntityKind::UplinkPortProfile: return {Row::Fabric, 3};
    case EntityKind::HostGroup: return {Row::Support, 0};
    case EntityKind::VnicPortProfile: return {Row::Support, 1};
    case EntityKind::PortClassification: return {Row::Support, 2};
    case EntityKind::MacPool: return {Row::Support, 3};
    default: return {Row::Support, 0};
    }
}

// A spatial hash of placed rectangles, for overlap checks in large diagrams.
class RectIndex
{
public:
    void insert(const QRectF &r)
    {
        const int id = int(m_rects.size());
        m_rects.push_back(r);
        forCells(r, [&](qint64 key) { m_cells[key].push_back(id); });
    }
    // A placed rectangle that overlaps `r` (with `gap` around it), or nullptr.
    const QRectF *hit(const QRectF &r, qreal gap) const
    {
        const QRectF probe = r.adjusted(-gap + 0.01, -gap + 0.01, gap - 0.01, gap - 0.01);
        const QRectF *best = nullptr;
        forCells(probe, [&](qint64 key) {
            auto it = m_cells.find(key);
            if (it == m_cells.end())
                return;
            for (int id : it->second) {
                const QRectF &o = m_rects[std::size_t(id)];
                if (o.intersects(probe) && (!best || o.bottom() > best->bottom()))
                    best = &o;
            }
        });
        return best;
    }

private:
    static constexpr qreal kCell = 256;
    template <typename F>
    static void forCells(const QRectF &r, F &&f)
    {
        const qint64 x0 = qint64(std::floor(r.left() / kCell)), x1 = qint64(std::floor(r.right() / kCell));
        const qint64 y0 = qint64(std::floor(r.top() / kCell)), y1 = qint64(std::floor(r.bottom() / kCell));
        for (qint64 x = x0; x <= x1; ++x)
            for (qint64 y = y0; y <= y1; ++y)
                f((x << 32) ^ (y & 0xffffffff));
    }
    std::vector<QRectF> m_rects;
    std::unordered_map<qint64, std::vector<int>> m_cells;
};

#ifdef NETVIRT_HAVE_GRAPHVIZ
std::mutex g_graphvizMutex; // libgvc and libcgraph keep global state

// Graphviz wants char*; these helpers keep the casts in one place.
void setAttr(void *obj, Agsym_t *sym, const std::string &value)
{
    agxset(obj, sym, const_cast<char *>(value.c_str()));
}

std::string inches(qreal points)
{
    return std::to_string(std::max<qreal>(points, 1.0) / 72.0);
}

// Centres from dot, in scene units with y growing downwards; empty when dot failed.
std::vector<QPointF> runDot(const Design &design, const std::vector<Id> &nodes,
                            const std::vector<std::pair<int, int>> &edges, const NodeSizes &sizes,
                            const ArrangeOptions &options)
{
    std::lock_guard lock(g_graphvizMutex);
    GVC_t *gvc = gvContext();
    char graphName[] = "netvirt";
    Agraph_t *g = agopen(graphName, Agdirected, nullptr);
    auto graphAttr = [&](const char *name, const std::string &value) {
        agattr(g, AGRAPH, const_cast<char *>(name), const_cast<char *>(value.c_str()));
    };
    const double effort = std::clamp(options.crossingEffort, 0.05, 4.0)
                          * (nodes.size() > 1500 ? 0.25 : nodes.size() > 400 ? 0.5 : 1.0);
    graphAttr("rankdir", "LR");
    graphAttr("newrank", "true");
    graphAttr("nodesep", inches(options.nodeGap));
    graphAttr("ranksep", inches(options.laneGap));
    graphAttr("mclimit", std::to_string(effort));
    graphAttr("splines", "false");       // positions only: no spline routing needed
    graphAttr("outputorder", "nodesfirst");
    char emptyStr[] = "";
    Agsym_t *aShape = agattr(g, AGNODE, const_cast<char *>("shape"), const_cast<char *>("box"));
    Agsym_t *aFixed = agattr(g, AGNODE, const_cast<char *>("fixedsize"), const_cast<char *>("true"));
    Agsym_t *aWidth = agattr(g, AGNODE, const_cast<char *>("width"), const_cast<char *>("1"));
    Agsym_t *aHeight = agattr(g, AGNODE, const_cast<char *>("height"), const_cast<char *>("1"));
    agattr(g, AGNODE, const_cast<char *>("label"), emptyStr);
    Agsym_t *aStyle = agattr(g, AGEDGE, const_cast<char *>("style"), const_cast<char *>("solid"));
    Agsym_t *aWeight = agattr(g, AGEDGE, const_cast<char *>("weight"), const_cast<char *>("1"));
    (void)aShape;
    (void)aFixed;

    Agraph_t *ranks[kRanks];
    for (int r = 0; r < kRanks; ++r) {
        const std::string name = "rank" + std::to_string(r);
        ranks[r] = agsubg(g, const_cast<char *>(name.c_str()), 1);
        agsafeset(ranks[r], const_cast<char *>("rank"), const_cast<char *>("same"), emptyStr);
    }

    std::vector<Agnode_t *> gvNodes(nodes.size());
    std::vector<Lane> lanes(nodes.size());
    // Rows stay in order inside every lane through an invisible divider node between them:
    // flat edges tenant → divider → fabric → divider → supporting. (Clusters would say this
    // more directly, but dot 2.43 asserts in expand_cluster on flat edges between clusters.)
    Agnode_t *dividers[kRanks][kRows - 1];
    for (int rank = 0; rank < kRanks; ++rank)
        for (int d = 0; d < kRows - 1; ++d) {
            const std::string name = "divider" + std::to_string(rank) + "_" + std::to_string(d);
            dividers[rank][d] = agnode(ranks[rank], const_cast<char *>(name.c_str()), 1);
            setAttr(dividers[rank][d], aWidth, "0.01");
            setAttr(dividers[rank][d], aHeight, "0.01");
        }
    auto invisible = [&](Agnode_t *from, Agnode_t *to) {
        Agedge_t *e = agedge(g, from, to, nullptr, 1);
        setAttr(e, aStyle, "invis");
        setAttr(e, aWeight, "0");
    };
    for (int rank = 0; rank < kRanks; ++rank)
        invisible(dividers[rank][0], dividers[rank][1]);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const EntityRef *ref = design.find(nodes[i]);
        lanes[i] = laneOf(ref ? ref->kind : EntityKind::HostGroup);
        const std::string name = "n" + std::to_string(i);
        Agnode_t *n = agnode(ranks[lanes[i].rank], const_cast<char *>(name.c_str()), 1);
        const QSizeF s = sizes.sizeOf(nodes[i]);
        setAttr(n, aWidth, inches(s.width()));
        setAttr(n, aHeight, inches(s.height()));
        gvNodes[i] = n;
        const int row = int(lanes[i].row);
        if (row > 0)
            invisible(dividers[lanes[i].rank][row - 1], n);
        if (row < kRows - 1)
            invisible(n, dividers[lanes[i].rank][row]);
    }
    // Invisible anchors chain the lanes left to right, even where no edge does.
    Agnode_t *anchors[kRanks];
    for (int r = 0; r < kRanks; ++r) {
        const std::string name = "lane" + std::to_string(r);
        anchors[r] = agnode(ranks[r], const_cast<char *>(name.c_str()), 1);
        setAttr(anchors[r], aWidth, "0.01");
        setAttr(anchors[r], aHeight, "0.01");
        if (r > 0) {
            Agedge_t *e = agedge(g, anchors[r - 1], anchors[r], nullptr, 1);
            setAttr(e, aStyle, "invis");
            setAttr(e, aWeight, "0");
        }
    }
    for (const auto &[a, b] : edges) {
        int from = a, to = b;
        const Lane &la = lanes[std::size_t(a)];
        const Lane &lb = lanes[std::size_t(b)];
        // Every edge points down the lanes (or down the rows inside one lane), so that dot
        // never has to break a cycle against the lane order.
        if (la.rank > lb.rank || (la.rank == lb.rank && int(la.row) > int(lb.row)))
            std::swap(from, to);
        agedge(g, gvNodes[std::size_t(from)], gvNodes[std::size_t(to)], nullptr, 1);
    }

    std::vector<QPointF> centres;
    if (gvLayout(gvc, g, "dot") == 0) {
        const boxf bb = GD_bb(g);
        centres.reserve(nodes.size());
        for (Agnode_t *n : gvNodes)
            centres.emplace_back(ND_coord(n).x, bb.UR.y - ND_coord(n).y);
        gvFreeLayout(gvc, g);
    } else {
        qCWarning(lcArrange) << "dot failed; keeping the lane layout";
    }
    agclose(g);
    gvFreeContext(gvc);
    return centres;
}
#endif

// The default lane layout, as the scene computes it (fallback without Graphviz).
std::vector<QPointF> laneLayoutCentres(const Design &design, const std::vector<Id> &nodes, const NodeSizes &sizes)
{
    QHash<QString, qreal> heights;
    QVector<QString> orphanPools;
    for (const Id &id : nodes) {
        heights.insert(q(id), sizes.sizeOf(id).height());
        const EntityRef *ref = design.find(id);
        if (ref && ref->kind == EntityKind::IpPool)
            orphanPools << q(id);
    }
    const LayoutResult lr = LayoutEngine::layout(design, heights, orphanPools);
    std::vector<QPointF> out;
    for (const Id &id : nodes) {
        const QSizeF s = sizes.sizeOf(id);
        out.push_back(lr.positions.value(q(id)) + QPointF(s.width() / 2, s.height() / 2));
    }
    return out;
}

} // namespace

NodeSizes NodeSizes::estimate(const Design &d)
{
    NodeSizes out;
    // NodeItem: a 40-unit header and 2 below it, then 19 units per child row and 6 below the last.
    auto add = [&](const Id &id, std::size_t rows) {
        out.sizes.insert(q(id), QSizeF(out.fallback.width(), 42 + 19.0 * qreal(rows) + (rows ? 6 : 0)));
    };
    std::unordered_map<Id, std::size_t> poolRows;
    for (const IpPool &p : d.ipPools) {
        const QString node = DesignGraph::nodeOf(d, q(p.id));
        if (node != q(p.id))
            ++poolRows[node.toStdString()];
    }
    auto pools = [&](const Id &id) {
        auto it = poolRows.find(id);
        return it == poolRows.end() ? std::size_t(0) : it->second;
    };
    for (const Id &id : diagramNodes(d)) {
        const EntityRef *ref = d.find(id);
        std::size_t rows = 0;
        switch (ref->kind) {
        case EntityKind::Vm: rows = d.vms[ref->index].nics.size(); break;
        case EntityKind::VmNetwork: rows = d.vmNetworks[ref->index].subnets.size() + pools(id); break;
        case EntityKind::Site: rows = d.sites[ref->index].subnets.size() + pools(id); break;
        case EntityKind::LogicalSwitch: rows = d.logicalSwitches[ref->index].virtualPorts.size(); break;
        case EntityKind::Host: {
            const Host &h = d.hosts[ref->index];
            rows = h.physicalNics.size();
            for (const HostSwitch &sw : h.switches)
                rows += sw.hostVnics.size();
            break;
        }
        default: break;
        }
        add(id, rows);
    }
    return out;
}

std::vector<Id> diagramNodes(const Design &design)
{
    std::vector<Id> out;
    for (const auto &[id, kind] : design.allEntities()) {
        if (isChildKind(kind))
            continue;
        if (kind == EntityKind::IpPool && DesignGraph::nodeOf(design, q(id)) != q(id))
            continue;
        out.push_back(id);
    }
    return out;
}

std::vector<std::pair<int, int>> diagramEdges(const Design &design, const std::vector<Id> &nodes)
{
    QHash<QString, int> index;
    index.reserve(int(nodes.size()));
    for (std::size_t i = 0; i < nodes.size(); ++i)
        index.insert(q(nodes[i]), int(i));
    std::set<std::pair<int, int>> seen;
    std::vector<std::pair<int, int>> out;
    for (const GraphEdge &e : DesignGraph::allEdges(design)) {
        if (e.kind == EdgeKind::Supporting)
            continue; // drawn only for the selection
        const int a = index.value(DesignGraph::nodeOf(design, e.from), -1);
        const int b = index.value(DesignGraph::nodeOf(design, e.to), -1);
        if (a < 0 || b < 0 || a == b)
            continue;
        if (seen.insert({std::min(a, b), std::max(a, b)}).second)
            out.emplace_back(a, b);
    }
    return out;
}

Positions arrange(const Design &design, const NodeSizes &sizes, const ArrangeOptions &options)
{
    const std::vector<Id> nodes = diagramNodes(design);
    Positions out;
    if (nodes.empty())
        return out;
    const auto edges = diagramEdges(design, nodes);

    std::vector<QPointF> centres;
#ifdef NETVIRT_HAVE_GRAPHVIZ
    centres = runDot(design, nodes, edges, sizes, options);
#endif
    if (centres.size() != nodes.size())
        centres = laneLayoutCentres(design, nodes, sizes);

    // Which nodes stay where they are.
    std::unordered_map<Id, QPointF> pinned;
    if (options.keepStoredPositions)
        for (const auto &[id, p] : design.layout.nodes)
            pinned[id] = QPointF(p.x, p.y);
    for (const auto &[id, p] : options.pinned)
        pinned[id] = p;

    std::vector<QRectF> rects(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const QSizeF s = sizes.sizeOf(nodes[i]);
        rects[i] = QRectF(centres[i] - QPointF(s.width() / 2, s.height() / 2), s);
    }
    // Anchor the arranged part to the pinned nodes (mean offset), else to the origin, so the
    // diagram does not jump away from where the user was looking.
    QPointF shift;
    int pinnedCount = 0;
    QPointF minCorner(1e18, 1e18);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        minCorner.setX(std::min(minCorner.x(), rects[i].left()));
        minCorner.setY(std::min(minCorner.y(), rects[i].top()));
        auto it = pinned.find(nodes[i]);
        if (it != pinned.end()) {
            shift += it->second - rects[i].topLeft();
            ++pinnedCount;
        }
    }
    shift = pinnedCount ? shift / pinnedCount : -minCorner;
    shift = QPointF(std::round(shift.x()), std::round(shift.y()));

    RectIndex placed;
    std::vector<std::size_t> free;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        auto it = pinned.find(nodes[i]);
        if (it != pinned.end()) {
            rects[i].moveTopLeft(it->second);
            placed.insert(rects[i]);
        } else {
            rects[i].translate(shift);
            free.push_back(i);
        }
    }
    // Push free nodes down their lane, past anything they would overlap.
    std::stable_sort(free.begin(), free.end(), [&](std::size_t a, std::size_t b) {
        return rects[a].top() < rects[b].top() || (rects[a].top() == rects[b].top() && rects[a].left() < rects[b].left());
    });
    const qreal gap = std::max<qreal>(options.nodeGap, 1);
    for (std::size_t i : free) {
        for (int guard = 0; guard < 100000; ++guard) {
            const QRectF *hit = placed.hit(rects[i], pinnedCount ? gap : 0);
            if (!hit)
                break;
            rects[i].moveTop(hit->bottom() + gap);
        }
        placed.insert(rects[i]);
    }

    out.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i)
        out.emplace_back(nodes[i], rects[i].topLeft());
    return out;
}

namespace {

int orientation(const QPointF &a, const QPointF &b, const QPointF &c)
{
    const double v = (b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x());
    return v > 1e-9 ? 1 : v < -1e-9 ? -1 : 0;
}

bool properlyCross(const QPointF &p1, const QPointF &p2, const QPointF &p3, const QPointF &p4)
{
    const int o1 = orientation(p1, p2, p3), o2 = orientation(p1, p2, p4);
    const int o3 = orientation(p3, p4, p1), o4 = orientation(p3, p4, p2);
    return o1 * o2 < 0 && o3 * o4 < 0;
}

} // namespace

std::size_t countCrossings(const Design &design, const Positions &positions, const NodeSizes &sizes)
{
    const std::vector<Id> nodes = diagramNodes(design);
    std::unordered_map<Id, QPointF> pos(positions.begin(), positions.end());
    std::vector<std::optional<QPointF>> centre(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        auto it = pos.find(nodes[i]);
        if (it != pos.end()) {
            const QSizeF s = sizes.sizeOf(nodes[i]);
            centre[i] = it->second + QPointF(s.width() / 2, s.height() / 2);
        }
    }
    struct Segment {
        int a, b;
        QPointF p, q;
        QRectF box;
    };
    std::vector<Segment> segs;
    for (const auto &[a, b] : diagramEdges(design, nodes)) {
        if (!centre[std::size_t(a)] || !centre[std::size_t(b)])
            continue;
        const QPointF p = *centre[std::size_t(a)], r = *centre[std::size_t(b)];
        segs.push_back({a, b, p, r, QRectF(p, r).normalized()});
    }
    // Sweep along x: only segments whose x-extents overlap can cross.
    std::sort(segs.begin(), segs.end(), [](const Segment &l, const Segment &r) { return l.box.left() < r.box.left(); });
    std::size_t crossings = 0;
    for (std::size_t i = 0; i < segs.size(); ++i) {
        const Segment &s = segs[i];
        for (std::size_t j = i + 1; j < segs.size() && segs[j].box.left() <= s.box.right(); ++j) {
            const Segment &t = segs[j];
            if (s.a == t.a || s.a == t.b || s.b == t.a || s.b == t.b)
                continue;
            if (t.box.top() > s.box.bottom() || t.box.bottom() < s.box.top())
                continue;
            if (properlyCross(s.p, s.q, t.p, t.q))
                ++crossings;
        }
    }
    return crossings;
}

std::size_t countOverlaps(const Positions &positions, const NodeSizes &sizes)
{
    std::vector<QRectF> rects;
    rects.reserve(positions.size());
    for (const auto &[id, p] : positions)
        rects.emplace_back(p, sizes.sizeOf(id));
    std::sort(rects.begin(), rects.end(), [](const QRectF &a, const QRectF &b) { return a.left() < b.left(); });
    std::size_t n = 0;
    for (std::size_t i = 0; i < rects.size(); ++i)
        for (std::size_t j = i + 1; j < rects.size() && rects[j].left() < rects[i].right(); ++j)
            if (rects[i].intersects(rects[j]))
                ++n;
    return n;
}

} // namespace netvirt::designer::layout
