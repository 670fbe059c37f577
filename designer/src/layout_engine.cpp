// LayoutEngine: lanes by kind, VMs above their hosts.
#include <netvirt/designer/layout_engine.h>

#include <netvirt/designer/entity_style.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include <QSet>

namespace netvirt::designer {

using namespace netvirt::core;

namespace {

constexpr qreal kLaneGap = 70;
constexpr qreal kRowGap = 130;
constexpr int kVmsPerColumn = 8;

QString q(const std::string &s) { return QString::fromStdString(s); }

struct Stacker {
    const QHash<QString, qreal> &heights;
    QHash<QString, QPointF> &positions;

    qreal height(const QString &id) const { return heights.value(id, 40); }

    // Stacks ids in columns starting at (x0, y0), wrapping below `limit`; returns the width
    // used and updates `bottom`.
    qreal stack(const QVector<QString> &ids, qreal x0, qreal y0, qreal limit, qreal &bottom) const
    {
        if (ids.isEmpty())
            return 0;
        qreal x = x0;
        qreal y = y0;
        for (const QString &id : ids) {
            const qreal h = height(id);
            if (y > y0 && y + h > limit) {
                x += LayoutEngine::kColumn;
                y = y0;
            }
            positions.insert(id, QPointF(x, y));
            y += h + LayoutEngine::kGapY;
            bottom = std::max(bottom, y);
        }
        return x - x0 + LayoutEngine::kColumn;
    }
};

} // namespace

LayoutResult LayoutEngine::layout(const Design &d, const QHash<QString, qreal> &heights,
                                  const QVector<QString> &orphanPools)
{
    LayoutResult out;
    Stacker s{heights, out.positions};
    const qreal top = 0;

    // --- tenant row, VM lane: one column group per host, VMs above the host they run on.
    QHash<QString, QVector<QString>> vmsByHost;
    QVector<QString> homeless;
    for (const Vm &vm : d.vms) {
        if (d.host(vm.host))
            vmsByHost[q(vm.host)].push_back(q(vm.id));
        else
            homeless.push_back(q(vm.id));
    }
    QHash<QString, qreal> hostX;
    qreal x = 0;
    qreal tenantBottom = top + 60;
    auto placeGroup = [&](const QVector<QString> &vms) {
        const int columns = std::max(1, int(std::ceil(vms.size() / double(kVmsPerColumn))));
        // Distribute evenly across columns, filling column by column.
        const int perColumn = vms.isEmpty() ? 0 : int(std::ceil(vms.size() / double(columns)));
        for (int c = 0; c < columns; ++c) {
            qreal y = top;
            for (int i = c * perColumn; i < std::min<int>(int(vms.size()), (c + 1) * perColumn); ++i) {
                out.positions.insert(vms[i], QPointF(x + c * kColumn, y));
                y += s.height(vms[i]) + kGapY;
            }
            tenantBottom = std::max(tenantBottom, y);
        }
        const qreal groupX = x;
        x += columns * kColumn;
        return groupX;
    };
    for (const Host &h : d.hosts)
        hostX.insert(q(h.id), placeGroup(vmsByHost.value(q(h.id))));
    if (!homeless.isEmpty())
        placeGroup(homeless);
    out.lanes.push_back({tr("Virtual machines"), QPointF(0, top - 34)});
    const qreal vmLaneEnd = std::max<qreal>(x, kColumn);

    // --- tenant row, the other lanes
    const qreal limit = std::max<qreal>(tenantBottom, 700);
    qreal xVmn = vmLaneEnd + kLaneGap;
    QVector<QString> vmns;
    for (const VmNetwork &n : d.vmNetworks)
        vmns << q(n.id);
    for (const Gateway &g : d.gateways)
        vmns << q(g.id);
    qreal w = s.stack(vmns, xVmn, top, limit, tenantBottom);
    out.lanes.push_back({tr("VM networks"), QPointF(xVmn, top - 34)});
    const qreal xLn = xVmn + std::max(w, kColumn) + kLaneGap;
    QVector<QString> lns;
    for (const LogicalNetwork &n : d.logicalNetworks)
        lns << q(n.id);
    w = s.stack(lns, xLn, top, limit, tenantBottom);
    out.lanes.push_back({tr("Logical networks"), QPointF(xLn, top - 34)});
    const qreal xSite = xLn + std::max(w, kColumn) + kLaneGap;
    QVector<QString> sites;
    for (const Site &si : d.sites)
        sites << q(si.id);
    sites += orphanPools;
    w = s.stack(sites, xSite, top, limit, tenantBottom);
    out.lanes.push_back({tr("Network sites and pools"), QPointF(xSite, top - 34)});
    qreal right = xSite + std::max(w, kColumn);

    // --- fabric row: hosts under their VMs, then switches and uplink profiles (under sites)
    const qreal fabricTop = tenantBottom + kRowGap;
    qreal fabricBottom = fabricTop + 60;
    for (const Host &h : d.hosts) {
        const QString id = q(h.id);
        out.positions.insert(id, QPointF(hostX.value(id), fabricTop));
        fabricBottom = std::max(fabricBottom, fabricTop + s.height(id) + kGapY);
    }
    out.lanes.push_back({tr("Hosts"), QPointF(0, fabricTop - 34)});
    const qreal fabricLimit = fabricTop + std::max<qreal>(600, fabricBottom - fabricTop);
    QVector<QString> switches;
    for (const LogicalSwitch &ls : d.logicalSwitches)
        switches << q(ls.id);
    w = s.stack(switches, xVmn, fabricTop, fabricLimit, fabricBottom);
    out.lanes.push_back({tr("Logical switches"), QPointF(xVmn, fabricTop - 34)});
    const qreal xUplink = std::max(xSite, xVmn + std::max(w, kColumn) + kLaneGap);
    QVector<QString> uplinks;
    for (const UplinkPortProfile &u : d.uplinkPortProfiles)
        uplinks << q(u.id);
    w = s.stack(uplinks, xUplink, fabricTop, fabricLimit, fabricBottom);
    out.lanes.push_back({tr("Uplink port profiles"), QPointF(xUplink, fabricTop - 34)});
    right = std::max(right, xUplink + std::max(w, kColumn));

    // --- third row: host groups (as a tree, depth-first) and the supporting lane
    const qreal supportTop = fabricBottom + kRowGap;
    qreal supportBottom = supportTop + 60;
    QVector<QString> groups;
    {
        QHash<QString, QVector<QString>> children;
        QVector<QString> roots;
        for (const HostGroup &g : d.hostGroups) {
            if (g.parent && d.hostGroup(*g.parent) && *g.parent != g.id)
                children[q(*g.parent)] << q(g.id);
            else
                roots << q(g.id);
        }
        QSet<QString> seen;
        std::function<void(const QString &)> visit = [&](const QString &id) {
            if (seen.contains(id))
                return;
            seen.insert(id);
            groups << id;
            for (const QString &c : children.value(id))
                visit(c);
        };
        for (const QString &r : roots)
            visit(r);
        for (const HostGroup &g : d.hostGroups) // cycles (NV104) still get a place
            if (!seen.contains(q(g.id)))
                groups << q(g.id);
    }
    const qreal supportLimit = supportTop + 600;
    // Host groups spread left to right so that "member of" edges from hosts stay short.
    {
        qreal gx = 0;
        qreal gy = supportTop;
        for (const QString &id : groups) {
            out.positions.insert(id, QPointF(gx, gy));
            supportBottom = std::max(supportBottom, gy + s.height(id) + kGapY);
            gx += kColumn;
            if (gx >= std::max<qreal>(vmLaneEnd, kColumn)) {
                gx = 0;
                gy += 70;
            }
        }
    }
    out.lanes.push_back({tr("Host groups"), QPointF(0, supportTop - 34)});
    qreal xs = xVmn;
    auto lane = [&](const QString &title, QVector<QString> ids) {
        const qreal lw = s.stack(ids, xs, supportTop, supportLimit, supportBottom);
        out.lanes.push_back({title, QPointF(xs, supportTop - 34)});
        xs += std::max(lw, kColumn) + kLaneGap;
    };
    QVector<QString> ids;
    for (const VnicPortProfile &p : d.vnicPortProfiles)
        ids << q(p.id);
    lane(tr("vNIC port profiles"), ids);
    ids.clear();
    for (const PortClassification &p : d.portClassifications)
        ids << q(p.id);
    lane(tr("Port classifications"), ids);
    ids.clear();
    for (const MacPool &p : d.macPools)
        ids << q(p.id);
    lane(tr("MAC pools"), ids);
    right = std::max(right, xs - kLaneGap);

    const qreal left = -40;
    out.tenantBand = QRectF(QPointF(left, top - 60), QPointF(right + 40, tenantBottom + 20));
    out.fabricBand = QRectF(QPointF(left, fabricTop - 60), QPointF(right + 40, fabricBottom + 20));
    out.supportBand = QRectF(QPointF(left, supportTop - 60), QPointF(right + 40, supportBottom + 20));
    return out;
}

} // namespace netvirt::designer
