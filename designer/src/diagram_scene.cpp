// DiagramScene: incremental diagram of the design with green-arrow colouring.
#include <netvirt/designer/diagram_scene.h>

#include <netvirt/designer/design_document.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/edge_item.h>
#include <netvirt/designer/entity_style.h>
#include <netvirt/designer/layout_engine.h>
#include <netvirt/designer/problem.h>
#include <netvirt/designer/relationship_proposer.h>

#include <netvirt/core/rules/rule_engine.h>

#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace netvirt::designer {

using namespace netvirt::core;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }
QString q(const std::optional<std::string> &s) { return s ? QString::fromStdString(*s) : QString(); }

// "host-a/nic1" → "nic1": children without a name show the last part of their id.
QString childLabel(const std::optional<std::string> &name, const std::string &id)
{
    if (name && !name->empty())
        return q(*name);
    const auto slash = id.find_last_of('/');
    return q(slash == std::string::npos ? id : id.substr(slash + 1));
}

QString ipModeText(IpMode mode)
{
    switch (mode) {
    case IpMode::Static: return DiagramScene::tr("static");
    case IpMode::Pool: return DiagramScene::tr("pool");
    case IpMode::Dhcp: return DiagramScene::tr("DHCP");
    }
    return {};
}

} // namespace

DiagramScene::DiagramScene(DesignDocument *document, DesignSelection *selection, QObject *parent)
    : QGraphicsScene(parent), m_doc(document), m_selection(selection)
{
    setBackgroundBrush(QColor(0xf3, 0xf4, 0xf6));
    // No index: edges span whole lanes, so a BSP tree files each long edge in hundreds of
    // leaves and walking them cost more than painting (617 ms of a 10,000-entity fit-to-window
    // frame); building it doubled the open. Culling by bounding rect over ~25,000 items is cheap.
    setItemIndexMethod(QGraphicsScene::NoIndex);
    connect(m_doc, &DesignDocument::designReset, this, &DiagramScene::rebuild);
    connect(m_doc, &DesignDocument::changed, this, &DiagramScene::onChanged);
    connect(m_doc, &DesignDocument::positionsChanged, this, &DiagramScene::onPositionsChanged);
    connect(m_doc, &DesignDocument::problemsChanged, this, &DiagramScene::recolour);
    connect(this, &QGraphicsScene::selectionChanged, this, &DiagramScene::onSceneSelectionChanged);
    connect(m_selection, &DesignSelection::changed, this, &DiagramScene::onDesignSelectionChanged);
    rebuild();
}

DiagramScene::~DiagramScene()
{
    // QGraphicsScene's destructor emits selectionChanged: not to this half-destroyed object.
    blockSignals(true);
    disconnect(m_doc, nullptr, this, nullptr);
    disconnect(m_selection, nullptr, this, nullptr);
    // Edges forget their endpoints first, so clear() may delete items in any order. Deleting
    // 15,000 edges one by one costs a linear search of the scene's top-level list each.
    for (EdgeItem *e : std::as_const(m_edges))
        e->detach();
    m_edges.clear();
    clear();
}

EdgeItem *DiagramScene::edgeBetween(const QString &from, const QString &to) const
{
    if (EdgeItem *e = m_edges.value(GraphEdge::key(from, to)))
        return e;
    return m_edges.value(GraphEdge::key(to, from));
}

QString DiagramScene::entityAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (item->type() == kRowItemType || NodeItem::isNodeType(item->type())) {
            auto *e = static_cast<EntityItem *>(item);
            if (e->isEntity())
                return e->entityId();
            return m_containerOf.value(e->entityId(), e->entityId());
        }
    }
    return {};
}

QRectF DiagramScene::boundsOf(const QStringList &ids) const
{
    QRectF r;
    for (const QString &id : ids)
        if (EntityItem *item = m_anchors.value(id))
            r = r.united(item->sceneBoundingRect());
    return r;
}

QRectF DiagramScene::contentsRect() const
{
    QRectF r;
    for (NodeItem *n : m_nodes)
        r = r.united(n->sceneBoundingRect());
    if (m_showLanes)
        for (const Band &b : m_bands)
            r = r.united(b.rect);
    return r;
}

bool DiagramScene::isDrawnAsNode(const QString &id, EntityKind kind) const
{
    if (isChildKind(kind))
        return false;
    if (kind == EntityKind::IpPool)
        return DesignGraph::nodeOf(m_doc->design(), id) == id;
    return true;
}

void DiagramScene::computeTenantColours()
{
    m_tenantColours.clear();
    int n = 0;
    for (const VmNetwork &vmn : m_doc->design().vmNetworks)
        if (vmn.isIsolated())
            m_tenantColours.insert(q(vmn.id), EntityStyle::tenantColor(n++));
}

NodeItem *DiagramScene::createNode(const QString &id, EntityKind kind)
{
    auto *node = new NodeItem(id, kind);
    addItem(node);
    m_nodes.insert(id, node);
    m_anchors.insert(id, node);
    m_containerOf.insert(id, id);
    if (m_collapsed.contains(id))
        node->setCollapsed(true);
    fillNode(node);
    return node;
}

void DiagramScene::fillNode(NodeItem *node)
{
    const Design &d = m_doc->design();
    const std::string id = node->entityId().toStdString();
    for (RowItem *r : node->rows()) {
        m_anchors.remove(r->entityId());
        m_containerOf.remove(r->entityId());
        m_badged.remove(r);
    }
    node->clearRows();
    auto row = [&](const QString &rowId, EntityKind kind, const QString &text, const QString &detail,
                   const QColor &accent = QColor(), bool entity = true, int indent = 0) {
        auto *r = new RowItem(rowId, kind, node);
        r->setIsEntity(entity);
        r->setFlag(QGraphicsItem::ItemIsSelectable, entity);
        r->setContent(text, detail, accent, indent);
        r->setVisible(!m_overview && !node->isCollapsed());
        if (!rowId.isEmpty()) {
            m_anchors.insert(rowId, r);
            m_containerOf.insert(rowId, node->entityId());
        }
        return r;
    };
    auto poolRange = [](const IpPool &p) { return q(p.start) + QStringLiteral("–") + q(p.end); };

    QString title = q(d.displayName(id));
    QString subtitle;
    QColor accent;
    switch (node->kind()) {
    case EntityKind::Vm: {
        const Vm &vm = *d.vm(id);
        const Host *h = d.host(vm.host);
        subtitle = h ? tr("on %1").arg(q(h->name)) : tr("not placed on a host");
        for (const VmNic &nic : vm.nics) {
            QColor c = nic.vmNetwork ? m_tenantColours.value(q(*nic.vmNetwork)) : QColor();
            if (!c.isValid() && nic.vmNetwork && d.vmNetwork(*nic.vmNetwork))
                c = EntityStyle::kindColor(EntityKind::VmNetwork).lighter(140);
            const QString addr = nic.ip ? q(*nic.ip) : ipModeText(nic.ipMode);
            row(q(nic.id), EntityKind::VmNic, childLabel(nic.name, nic.id), addr, c);
        }
        break;
    }
    case EntityKind::VmNetwork: {
        const VmNetwork &n = *d.vmNetwork(id);
        const QString ln = q(d.displayName(n.logicalNetwork));
        if (n.isIsolated()) {
            accent = m_tenantColours.value(q(n.id));
            subtitle = tr("Isolated · %1 · on %2")
                           .arg(n.effectiveTranslation() == Translation::Rewrite ? tr("IP Rewrite") : tr("NVGRE"), ln);
        } else {
            subtitle = tr("Standard · on %1").arg(ln);
        }
        for (const VmSubnet &s : n.subnets) {
            row(q(s.id), EntityKind::VmSubnet, childLabel(s.name, s.id),
                tr("%1 · VSID %2").arg(q(s.prefix)).arg(s.vsid), accent);
            for (const IpPool &p : d.ipPools)
                if (p.vmSubnet && *p.vmSubnet == s.id && !(p.site && d.site(*p.site)))
                    row(q(p.id), EntityKind::IpPool, q(p.name), poolRange(p), QColor(), true, 1);
        }
        break;
    }
    case EntityKind::Gateway: {
        const Gateway &g = *d.gateway(id);
        subtitle = tr("%1 %2 → %3").arg(g.mode == GatewayMode::Nat ? tr("NAT") : tr("Forward"), q(g.address),
                                        q(g.externalPrefix));
        break;
    }
    case EntityKind::LogicalNetwork: {
        const LogicalNetwork &n = *d.logicalNetwork(id);
        subtitle = n.networkVirtualization ? tr("Network virtualization enabled") : tr("No network virtualization");
        break;
    }
    case EntityKind::Site: {
        const Site &s = *d.site(id);
        subtitle = tr("of %1").arg(q(d.displayName(s.logicalNetwork)));
        for (const SiteSubnet &sub : s.subnets)
            row(QString(), EntityKind::Site, q(sub.prefix),
                sub.vlan ? tr("VLAN %1").arg(sub.vlan) : tr("untagged"), QColor(), false);
        for (const IpPool &p : d.ipPools)
            if (p.site && *p.site == s.id)
                row(q(p.id), EntityKind::IpPool, q(p.name), poolRange(p), QColor(), true, 1);
        break;
    }
    case EntityKind::IpPool: {
        const IpPool &p = *d.ipPool(id);
        subtitle = poolRange(p);
        break;
    }
    case EntityKind::MacPool: {
        const MacPool &p = *d.macPool(id);
        subtitle = q(p.start) + QStringLiteral("–") + q(p.end);
        break;
    }
    case EntityKind::Host: {
        const Host &h = *d.host(id);
        subtitle = q(d.displayName(h.hostGroup));
        if (!h.isEmulated())
            subtitle += tr(" · remote");
        for (const PhysicalNic &n : h.physicalNics) {
            QString detail = tr("MTU %1").arg(n.effectiveMtu());
            if (n.speedMbps)
                detail = (*n.speedMbps >= 1000 ? tr("%1 Gb").arg(*n.speedMbps / 1000) : tr("%1 Mb").arg(*n.speedMbps))
                         + QStringLiteral(" · ") + detail;
            row(q(n.id), EntityKind::PhysicalNic, childLabel(n.name, n.id), detail);
        }
        for (const HostSwitch &sw : h.switches)
            for (const HostVnic &hv : sw.hostVnics)
                row(q(hv.id), EntityKind::HostVnic, childLabel(hv.name, hv.id),
                    hv.ip ? q(*hv.ip) : ipModeText(hv.ipMode), EntityStyle::kindColor(EntityKind::HostVnic));
        break;
    }
    case EntityKind::LogicalSwitch: {
        const LogicalSwitch &ls = *d.logicalSwitch(id);
        subtitle = ls.uplinkMode == UplinkMode::Team ? tr("Teamed uplinks") : tr("No teaming");
        if (!ls.extensions.empty())
            subtitle += tr(" · %n extension(s)", nullptr, int(ls.extensions.size()));
        for (int i = 0; i < int(ls.virtualPorts.size()); ++i) {
            const VirtualPort &vp = ls.virtualPorts[std::size_t(i)];
            row(DesignGraph::virtualPortId(node->entityId(), i), EntityKind::PortClassification,
                q(d.displayName(vp.classification)), q(d.displayName(vp.vnicProfile)), QColor(), false);
        }
        break;
    }
    case EntityKind::UplinkPortProfile: {
        const UplinkPortProfile &u = *d.uplinkPortProfile(id);
        const QString team = u.teaming.mode == TeamingMode::Lacp ? tr("LACP")
                             : u.teaming.mode == TeamingMode::Static ? tr("static team") : tr("switch independent");
        subtitle = (u.networkVirtualization ? tr("HNV · %1") : tr("no HNV · %1")).arg(team);
        break;
    }
    case EntityKind::VnicPortProfile: {
        const VnicPortProfile &p = *d.vnicPortProfile(id);
        QStringList bits;
        if (p.offload.vmq)
            bits << tr("VMQ");
        if (p.offload.sriov)
            bits << tr("SR-IOV");
        if (p.offload.ipsecTaskOffload)
            bits << tr("IPsec offload");
        if (p.bandwidth.minimumWeight)
            bits << tr("weight %1").arg(*p.bandwidth.minimumWeight);
        if (p.bandwidth.maximumMbps)
            bits << tr("max %1 Mbps").arg(*p.bandwidth.maximumMbps);
        subtitle = bits.isEmpty() ? tr("defaults") : bits.join(QStringLiteral(" · "));
        break;
    }
    case EntityKind::PortClassification:
        subtitle = q(d.portClassification(id)->description);
        break;
    case EntityKind::HostGroup: {
        const HostGroup &g = *d.hostGroup(id);
        subtitle = g.parent ? tr("in %1").arg(q(d.displayName(*g.parent))) : tr("root host group");
        break;
    }
    default:
        break;
    }
    node->setContent(title, subtitle, accent);
    node->layoutRows();
}

void DiagramScene::rebuild()
{
    m_highlighted.clear();
    m_badged.clear();
    for (EdgeItem *e : std::as_const(m_edges))
        e->detach(); // clear() deletes them with the nodes, in bulk
    m_edges.clear();
    m_ownedEdges.clear();
    // clear() emits selectionChanged while it deletes a selected node, and applyHighlight()
    // then walks these maps: empty them first so nothing reaches a deleted item.
    m_nodes.clear();
    m_anchors.clear();
    m_containerOf.clear();
    clear();
    m_autoPositions.clear();
    m_dimmed = false;
    computeTenantColours();
    // Collapsed nodes: the file's layout.collapsed (FORMAT.md); then the user's toggles,
    // kept for the session (view state, not an edit).
    m_collapsed.clear();
    for (const Id &id : m_doc->design().layout.collapsed)
        m_collapsed.insert(q(id));

    const Design &d = m_doc->design();
    QHash<QString, qreal> heights;
    QVector<QString> orphanPools;
    for (const auto &[id, kind] : d.allEntities()) {
        const QString qid = q(id);
        if (!isDrawnAsNode(qid, kind))
            continue;
        NodeItem *n = createNode(qid, kind);
        heights.insert(qid, n->boundingRect().height());
        if (kind == EntityKind::IpPool)
            orphanPools << qid;
    }
    const LayoutResult layout = LayoutEngine::layout(d, heights, orphanPools);
    m_autoPositions = layout.positions;
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
        const Point *stored = d.layout.position(it.key().toStdString());
        it.value()->setPos(stored ? QPointF(stored->x, stored->y) : m_autoPositions.value(it.key()));
    }
    setLanes(layout);
    for (const auto &[id, kind] : d.allEntities())
        if (!isChildKind(kind))
            syncEdges(q(id));
    recolour();
    updateLaneVisibility();
    setSceneRect(contentsRect().adjusted(-400, -400, 400, 400));
    emit contentChanged();
}

void DiagramScene::setLanes(const LayoutResult &layout)
{
    m_bands = {{layout.tenantBand, tr("Tenant side"), QColor(0xe9, 0xee, 0xf4)},
               {layout.fabricBand, tr("Fabric side"), QColor(0xee, 0xed, 0xe8)},
               {layout.supportBand, tr("Host groups and supporting objects"), QColor(0xef, 0xef, 0xf1)}};
    m_laneLabels.clear();
    for (const LaneLabel &l : layout.lanes)
        m_laneLabels.push_back({l.text, l.pos});
}

void DiagramScene::updateLaneVisibility()
{
    // The lane bands describe the default layout; once nodes are placed elsewhere (by hand or
    // by the file) they would mislead, so they show only while every node is in its lane.
    bool lanes = true;
    for (NodeItem *n : std::as_const(m_nodes)) {
        auto it = m_autoPositions.constFind(n->entityId());
        if (it == m_autoPositions.constEnd() || QLineF(*it, n->pos()).length() > 1) {
            lanes = false;
            break;
        }
    }
    if (lanes != m_showLanes) {
        m_showLanes = lanes;
        invalidate(QRectF(), QGraphicsScene::BackgroundLayer);
    }
}

QPointF DiagramScene::autoPositionFor(NodeItem *node)
{
    // Below the lowest node of the same family (else where a fresh layout would put it),
    // then further down until it overlaps nothing.
    const QString id = node->entityId();
    NodeItem *lowest = nullptr;
    for (NodeItem *n : std::as_const(m_nodes))
        if (n->kind() == node->kind() && n != node
            && (!lowest || n->sceneBoundingRect().bottom() > lowest->sceneBoundingRect().bottom()))
            lowest = n;
    QPointF p;
    if (lowest) {
        p = QPointF(lowest->pos().x(), lowest->sceneBoundingRect().bottom() + LayoutEngine::kGapY);
    } else {
        QHash<QString, qreal> heights;
        p = LayoutEngine::layout(m_doc->design(), heights, {}).positions.value(id);
    }
    const QSizeF size = node->boundingRect().size();
    for (int i = 0; i < 400; ++i) {
        const QRectF r(p, size);
        bool free = true;
        for (QGraphicsItem *item : items(r.adjusted(-8, -8, 8, 8), Qt::IntersectsItemBoundingRect))
            if (NodeItem::isNodeType(item->type()) && item != node) {
                free = false;
                break;
            }
        if (free)
            break;
        p.ry() += 20;
    }
    return p;
}

void DiagramScene::removeEdge(EdgeItem *edge)
{
    m_edges.remove(edge->key());
    auto it = m_ownedEdges.find(edge->owner());
    if (it != m_ownedEdges.end())
        it->remove(edge->key());
    m_highlighted.remove(edge);
    delete edge;
}

void DiagramScene::detachEdgesOf(NodeItem *node, QSet<QString> &dirtyOwners)
{
    QSet<EdgeItem *> edges = node->edges();
    for (RowItem *r : node->rows())
        edges.unite(r->edges());
    for (EdgeItem *e : std::as_const(edges)) {
        dirtyOwners.insert(e->owner());
        removeEdge(e);
    }
}

void DiagramScene::removeNode(const QString &id, QSet<QString> &dirtyOwners)
{
    NodeItem *node = m_nodes.take(id);
    if (!node)
        return;
    detachEdgesOf(node, dirtyOwners);
    for (RowItem *r : node->rows()) {
        m_anchors.remove(r->entityId());
        m_containerOf.remove(r->entityId());
        m_badged.remove(r);
    }
    m_badged.remove(node);
    m_anchors.remove(id);
    m_containerOf.remove(id);
    m_pressPositions.remove(node);
    delete node;
}

void DiagramScene::syncEdges(const QString &owner)
{
    const Design &d = m_doc->design();
    const QVector<GraphEdge> wanted = d.contains(owner.toStdString())
                                          ? DesignGraph::edgesFrom(d, owner.toStdString())
                                          : QVector<GraphEdge>();
    QSet<QString> wantedKeys;
    for (const GraphEdge &e : wanted)
        wantedKeys.insert(e.key());
    QSet<QString> &owned = m_ownedEdges[owner];
    const QSet<QString> current = owned;
    for (const QString &key : current) {
        EdgeItem *e = m_edges.value(key);
        if (!e) {
            owned.remove(key);
            continue;
        }
        if (!wantedKeys.contains(key) || e->fromItem() != m_anchors.value(e->edge().from)
            || e->toItem() != m_anchors.value(e->edge().to))
            removeEdge(e);
    }
    for (const GraphEdge &ge : wanted) {
        const QString key = ge.key();
        if (m_edges.contains(key))
            continue;
        EntityItem *from = m_anchors.value(ge.from);
        EntityItem *to = m_anchors.value(ge.to);
        if (!from || !to)
            continue;
        auto *edge = new EdgeItem(ge, owner, from, to);
        addItem(edge);
        if (m_overview)
            applyEdgeVisibility(edge);
        m_edges.insert(key, edge);
        m_ownedEdges[owner].insert(key);
    }
}

void DiagramScene::onChanged(const ChangeSet &changes)
{
    const Design &d = m_doc->design();
    QSet<QString> affected;      // node ids to refill, create or remove
    QSet<QString> dirtyOwners;
    bool added = false;
    bool tenants = false;
    for (const Change &c : changes) {
        const QString id = q(c.id);
        if (m_containerOf.contains(id))
            affected.insert(m_containerOf.value(id));
        if (d.contains(c.id)) {
            affected.insert(DesignGraph::nodeOf(d, id));
            dirtyOwners.insert(DesignGraph::nodeOf(d, id) == id || !isChildKind(c.kind) ? id : DesignGraph::nodeOf(d, id));
        }
        if (!isChildKind(c.kind))
            dirtyOwners.insert(id);
        added = added || c.type == Change::Type::Added;
        tenants = tenants || c.kind == EntityKind::VmNetwork;
        if (c.type == Change::Type::Modified && (c.field == "name" || c.field.empty())) {
            // Neighbours show this name in their subtitles and rows.
            if (EntityItem *item = m_anchors.value(id))
                for (EdgeItem *e : std::as_const(item->edges()))
                    for (EntityItem *end : {e->fromItem(), e->toItem()})
                        if (end)
                            affected.insert(m_containerOf.value(end->entityId()));
        }
    }
    if (tenants) {
        const QHash<QString, QColor> before = m_tenantColours;
        computeTenantColours();
        if (before != m_tenantColours)
            for (NodeItem *n : std::as_const(m_nodes))
                if (n->kind() == EntityKind::Vm || n->kind() == EntityKind::VmNetwork)
                    affected.insert(n->entityId());
    }
    affected.remove(QString());

    for (const QString &nodeId : std::as_const(affected)) {
        const EntityRef *ref = d.find(nodeId.toStdString());
        const bool drawn = ref && isDrawnAsNode(nodeId, ref->kind);
        NodeItem *node = m_nodes.value(nodeId);
        if (!drawn) {
            removeNode(nodeId, dirtyOwners);
            continue;
        }
        if (node && node->kind() != ref->kind) {
            removeNode(nodeId, dirtyOwners);
            node = nullptr;
        }
        if (!node) {
            node = createNode(nodeId, ref->kind);
            const Point *stored = d.layout.position(nodeId.toStdString());
            QPointF p;
            if (stored) {
                p = QPointF(stored->x, stored->y);
            } else {
                p = m_autoPositions.contains(nodeId) ? m_autoPositions.value(nodeId) : autoPositionFor(node);
                m_autoPositions.insert(nodeId, p);
            }
            node->setPos(p);
        } else {
            detachEdgesOf(node, dirtyOwners);
            fillNode(node);
        }
        dirtyOwners.insert(nodeId);
    }
    if (added) {
        // Edges of other entities may point at what was just (re)added.
        for (const auto &[id, kind] : d.allEntities())
            if (!isChildKind(kind))
                dirtyOwners.insert(q(id));
    }
    for (const QString &owner : std::as_const(dirtyOwners))
        syncEdges(owner);
    for (auto it = m_ownedEdges.begin(); it != m_ownedEdges.end();)
        it = it->isEmpty() && !d.contains(it.key().toStdString()) ? m_ownedEdges.erase(it) : std::next(it);
    applyHighlight();
    emit contentChanged();
}

void DiagramScene::onPositionsChanged(const QStringList &ids)
{
    const Design &d = m_doc->design();
    for (const QString &id : ids) {
        NodeItem *node = m_nodes.value(id);
        if (!node)
            continue;
        const Point *stored = d.layout.position(id.toStdString());
        const QPointF p = stored ? QPointF(stored->x, stored->y) : m_autoPositions.value(id, node->pos());
        if (node->pos() != p)
            node->setPos(p);
    }
    updateLaneVisibility();
    emit contentChanged();
}

void DiagramScene::recolour()
{
    const Design &d = m_doc->design();
    const QList<Problem> &problems = m_doc->problems();

    // Red: the link where a chain breaks (the engine's broken link where it is a drawn edge,
    // otherwise the green-arrow walk's own break point for the vNIC the engine blamed).
    QHash<QString, QString> broken; // edge key → tooltip
    QSet<QString> blamedVnics;
    QHash<EntityItem *, Badge> badges;
    for (const Problem &p : problems) {
        const bool walkRule = p.ruleId == QLatin1String("NV200") || p.ruleId == QLatin1String("NV155");
        if (walkRule && !p.entities.isEmpty())
            blamedVnics.insert(p.entities.front());
        if (p.brokenLink) {
            EdgeItem *e = edgeBetween(p.brokenLink->first, p.brokenLink->second);
            if (e)
                broken[e->key()] += p.ruleId + QStringLiteral(": ") + p.message + QLatin1Char('\n');
        }
        for (const QString &id : p.entities) {
            EntityItem *item = m_anchors.value(id);
            if (!item)
                continue;
            Badge &b = badges[item];
            switch (p.severity) {
            case Severity::Error: ++b.errors; break;
            case Severity::Warning: ++b.warnings; break;
            case Severity::Info: ++b.infos; break;
            }
            if (b.errors + b.warnings + b.infos <= 6)
                b.toolTip += (b.toolTip.isEmpty() ? QString() : QStringLiteral("\n")) + p.ruleId
                             + QStringLiteral(" — ") + p.message;
            else if (b.errors + b.warnings + b.infos == 7)
                b.toolTip += QStringLiteral("\n…");
        }
    }
    QSet<QString> green;
    for (const Vm &vm : d.vms) {
        for (const VmNic &nic : vm.nics) {
            const Chain c = DesignGraph::traceVnic(d, nic, vm);
            if (blamedVnics.contains(q(nic.id))) {
                if (c.brokenEdge) {
                    QString tip;
                    for (const Problem &p : problems)
                        if (!p.entities.isEmpty() && p.entities.front() == q(nic.id)
                            && (p.ruleId == QLatin1String("NV200") || p.ruleId == QLatin1String("NV155")))
                            tip += p.ruleId + QStringLiteral(": ") + p.message + QLatin1Char('\n');
                    if (m_edges.contains(*c.brokenEdge))
                        broken[*c.brokenEdge] += tip;
                }
                continue;
            }
            if (c.valid)
                green.unite(c.edges);
        }
    }
    for (EdgeItem *e : std::as_const(m_edges)) {
        const QString key = e->key();
        auto b = broken.constFind(key);
        if (b != broken.constEnd())
            e->setState(EdgeItem::State::Broken, b->trimmed());
        else if (green.contains(key))
            e->setState(EdgeItem::State::Ok, tr("On a valid VM-to-host chain"));
        else
            e->setState(EdgeItem::State::Neutral);
    }
    if (m_overview)
        for (EdgeItem *e : std::as_const(m_edges))
            applyEdgeVisibility(e);
    for (EntityItem *item : std::as_const(m_badged))
        if (!badges.contains(item))
            item->setBadge(Badge{});
    m_badged.clear();
    for (auto it = badges.begin(); it != badges.end(); ++it) {
        it.key()->setBadge(it.value());
        m_badged.insert(it.key());
    }
    applyHighlight();
}

void DiagramScene::applyHighlight()
{
    const QStringList &ids = m_selection->ids();
    const Chain chain = DesignGraph::traceSelection(m_doc->design(), ids);
    QSet<EdgeItem *> highlight;
    if (chain.valid) {
        for (const QString &key : chain.edges)
            if (EdgeItem *e = m_edges.value(key))
                highlight.insert(e);
    }
    // Edges touching the selection are shown too (supporting edges appear only this way).
    for (const QString &id : ids)
        if (EntityItem *item = m_anchors.value(id)) {
            highlight.unite(item->edges());
            if (NodeItem::isNodeType(item->type()))
                for (RowItem *r : static_cast<NodeItem *>(item)->rows())
                    highlight.unite(r->edges());
        }
    for (EdgeItem *e : std::as_const(m_highlighted))
        if (!highlight.contains(e))
            e->setHighlighted(false);
    for (EdgeItem *e : std::as_const(highlight))
        e->setHighlighted(true);
    m_highlighted = highlight;
    if (m_overview)
        for (EdgeItem *e : std::as_const(m_edges))
            applyEdgeVisibility(e);

    if (chain.valid) {
        for (NodeItem *n : std::as_const(m_nodes)) {
            bool on = chain.entities.contains(n->entityId());
            for (RowItem *r : n->rows())
                on = on || chain.entities.contains(r->entityId());
            n->setOpacity(on ? 1.0 : 0.22);
        }
        for (EdgeItem *e : std::as_const(m_edges))
            e->setOpacity(chain.edges.contains(e->key()) ? 1.0 : 0.15);
        m_dimmed = true;
    } else if (m_dimmed) {
        for (NodeItem *n : std::as_const(m_nodes))
            n->setOpacity(1.0);
        for (EdgeItem *e : std::as_const(m_edges))
            e->setOpacity(1.0);
        m_dimmed = false;
    }
}

void DiagramScene::onSceneSelectionChanged()
{
    if (m_syncingSelection)
        return;
    QStringList ids;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == kRowItemType || NodeItem::isNodeType(item->type())) {
            auto *e = static_cast<EntityItem *>(item);
            if (e->isEntity())
                ids << e->entityId();
        }
    }
    ids.sort();
    m_selection->setIds(ids, this);
    applyHighlight();
}

void DiagramScene::onDesignSelectionChanged(const QStringList &ids, QObject *source)
{
    if (source == this)
        return;
    m_syncingSelection = true;
    clearSelection();
    for (const QString &id : ids)
        if (EntityItem *item = m_anchors.value(id))
            item->setSelected(true);
    m_syncingSelection = false;
    applyHighlight();
}

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mousePressEvent(event);
    m_pressPositions.clear();
    if (event->button() != Qt::LeftButton)
        return;
    for (QGraphicsItem *item : selectedItems())
        if (NodeItem::isNodeType(item->type()))
            m_pressPositions.insert(static_cast<NodeItem *>(item), item->pos());
}

void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mouseMoveEvent(event);
    QGraphicsItem *grabber = mouseGrabberItem();
    if (!(event->buttons() & Qt::LeftButton) || !grabber || grabber->type() != kNodeItemTypeBase + int(EntityKind::Vm)
        || !m_pressPositions.contains(static_cast<NodeItem *>(grabber))) {
        setDropTarget({}, {});
        return;
    }
    QString host;
    for (QGraphicsItem *item : items(event->scenePos())) {
        QGraphicsItem *top = item->topLevelItem();
        if (top->type() == kNodeItemTypeBase + int(EntityKind::Host)) {
            host = static_cast<NodeItem *>(top)->entityId();
            break;
        }
    }
    setDropTarget(static_cast<NodeItem *>(grabber)->entityId(), host);
}

void DiagramScene::setDropTarget(const QString &vm, const QString &host)
{
    if (vm == m_dragVm && host == m_dropHost)
        return;
    if (NodeItem *old = m_nodes.value(m_dropHost))
        old->setDropHint(NodeItem::DropHint::None);
    m_dragVm = vm;
    m_dropHost.clear();
    m_dropAccepted = false;
    const Design &d = m_doc->design();
    const Vm *v = d.vm(vm.toStdString());
    NodeItem *node = m_nodes.value(host);
    if (!v || !node)
        return;
    const QString vmName = q(v->name);
    const QString hostName = q(d.displayName(host.toStdString()));
    if (v->host == host.toStdString()) {
        emit statusMessage(tr("%1 already runs on %2.").arg(vmName, hostName));
        return;
    }
    m_dropHost = host;
    // NV400: what the move would break there, before anything moves.
    const auto broken = rules::RuleEngine().whatIfMigrate(d, v->id, host.toStdString());
    m_dropAccepted = broken.empty();
    node->setDropHint(m_dropAccepted ? NodeItem::DropHint::Accept : NodeItem::DropHint::Refuse);
    if (m_dropAccepted) {
        emit statusMessage(tr("Drop to move %1 to %2: its vNICs stay connected.").arg(vmName, hostName));
        return;
    }
    QStringList reasons;
    for (const rules::Violation &b : broken) {
        // The engine's text is "moving VM … to host … would break NVxxx: <why>"; the why is
        // the broken rule's own finding.
        const std::string &m = b.message;
        const auto colon = m.find(": ");
        const auto rule = b.params.find("rule");
        const std::string ruleId = rule == b.params.end() ? b.rule : rule->second;
        // In a language that has the broken rule's description, that; else the engine's why.
        const rules::RuleInfo *info = rules::findRule(ruleId);
        const QString described = Validator::ruleDescription(q(ruleId));
        const QString why = info && described != QLatin1String(info->title.data(), qsizetype(info->title.size()))
                                ? described
                                : q(colon == std::string::npos ? m : m.substr(colon + 2));
        reasons << tr("%1 (%2)").arg(why, q(ruleId));
    }
    emit statusMessage(tr("%1 cannot move to %2: %3").arg(vmName, hostName, reasons.join(QStringLiteral("; "))));
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton || m_pressPositions.isEmpty())
        return;
    if (!m_dropHost.isEmpty()) {
        // A VM dropped onto a host: the drop places it there (one undo step) and the nodes
        // go back where they were; a move that would break the VM changes nothing.
        const QString vm = m_dragVm, host = m_dropHost;
        const bool accepted = m_dropAccepted;
        setDropTarget({}, {});
        for (auto it = m_pressPositions.begin(); it != m_pressPositions.end(); ++it)
            it.key()->setPos(it.value());
        m_pressPositions.clear();
        const Design &d = m_doc->design();
        const QString vmName = q(d.displayName(vm.toStdString()));
        const QString hostName = q(d.displayName(host.toStdString()));
        if (!accepted) {
            emit statusMessage(tr("%1 was not moved to %2: the move would leave it unconnected.").arg(vmName, hostName));
            return;
        }
        const Proposal p = RelationshipProposer::propose(d, vm.toStdString(), host.toStdString());
        QString error;
        if (p.ok && m_doc->apply(p.text, p.ops, &error))
            emit statusMessage(tr("%1 now runs on %2.").arg(vmName, hostName));
        else
            emit statusMessage(tr("Cannot move %1: %2").arg(vmName, p.ok ? error : p.text));
        return;
    }
    setDropTarget({}, {});
    QHash<QString, QPointF> moved;
    for (auto it = m_pressPositions.begin(); it != m_pressPositions.end(); ++it)
        if (it.key()->pos() != it.value())
            moved.insert(it.key()->entityId(), it.key()->pos());
    m_pressPositions.clear();
    if (!moved.isEmpty())
        m_doc->moveNodes(moved); // one undo step for the whole selection
}

void DiagramScene::applyEdgeVisibility(EdgeItem *e) const
{
    bool visible = e->edge().kind != EdgeKind::Supporting || m_highlighted.contains(e);
    if (m_overview)
        visible = e->state() == EdgeItem::State::Broken || m_highlighted.contains(e);
    if (e->isVisible() != visible)
        e->setVisible(visible);
}

void DiagramScene::setOverview(bool on)
{
    if (on == m_overview)
        return;
    m_overview = on;
    for (NodeItem *n : std::as_const(m_nodes))
        for (RowItem *r : n->rows())
            r->setVisible(!on && !n->isCollapsed());
    for (EdgeItem *e : std::as_const(m_edges))
        applyEdgeVisibility(e);
}

void DiagramScene::setCollapsed(const QString &id, bool on)
{
    NodeItem *n = m_nodes.value(id);
    if (!n || !n->hasRows() || n->isCollapsed() == on)
        return;
    // Rows first: a hidden row's edges then attach to the node when the node re-routes them.
    for (RowItem *r : n->rows()) {
        r->setVisible(!m_overview && !on);
        if (on && r->isSelected())
            r->setSelected(false);
    }
    n->setCollapsed(on);
    if (on)
        m_collapsed.insert(id);
    else
        m_collapsed.remove(id);
    emit contentChanged();
}

bool DiagramScene::isCollapsed(const QString &id) const
{
    const NodeItem *n = m_nodes.value(id);
    return n && n->isCollapsed();
}

QString DiagramScene::collapseMarkerAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (!NodeItem::isNodeType(item->type()))
            continue;
        auto *n = static_cast<NodeItem *>(item);
        return n->collapseMarkerRect().contains(n->mapFromScene(scenePos)) ? n->entityId() : QString();
    }
    return {};
}

void DiagramScene::autoLayoutAll()
{
    QHash<QString, QPointF> positions;
    QHash<QString, qreal> heights;
    QVector<QString> orphans;
    for (NodeItem *n : std::as_const(m_nodes)) {
        heights.insert(n->entityId(), n->boundingRect().height());
        if (n->kind() == EntityKind::IpPool)
            orphans << n->entityId();
    }
    const LayoutResult layout = LayoutEngine::layout(m_doc->design(), heights, orphans);
    m_autoPositions = layout.positions;
    setLanes(layout);
    for (NodeItem *n : std::as_const(m_nodes))
        positions.insert(n->entityId(), layout.positions.value(n->entityId(), n->pos()));
    m_doc->moveNodes(positions);
}

void DiagramScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    QGraphicsScene::drawBackground(painter, rect);
    const qreal lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    QFont title;
    title.setPointSizeF(lod < 0.3 ? 40 : 13);
    title.setBold(true);
    QFont lane;
    lane.setPointSizeF(lod < 0.3 ? 28 : 10);
    lane.setCapitalization(QFont::AllUppercase);
    lane.setLetterSpacing(QFont::AbsoluteSpacing, 0.8);
    if (!m_showLanes)
        return;
    for (const Band &b : std::as_const(m_bands)) {
        if (!b.rect.intersects(rect))
            continue;
        painter->setPen(Qt::NoPen);
        painter->setBrush(b.color);
        painter->drawRoundedRect(b.rect, 10, 10);
        painter->setPen(QColor(0x6b, 0x74, 0x7e));
        painter->setFont(title);
        painter->drawText(b.rect.topLeft() + QPointF(16, lod < 0.3 ? 60 : 22), b.title);
    }
    painter->setFont(lane);
    painter->setPen(QColor(0x7d, 0x86, 0x90));
    for (const auto &[text, pos] : std::as_const(m_laneLabels))
        if (rect.adjusted(-300, -100, 300, 100).contains(pos))
            painter->drawText(pos + QPointF(2, 22), text);
}

} // namespace netvirt::designer
