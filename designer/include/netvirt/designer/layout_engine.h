// LayoutEngine: the default diagram layout of DESIGNER-UX.md. Two rows of lanes: tenant side
// on top (VMs, VM networks and gateways, logical networks, sites), fabric side below (hosts,
// logical switches, uplink port profiles), then host groups and the supporting lane
// (vNIC port profiles, port classifications, MAC pools). Each VM sits above its host so that
// "runs on" edges stay short and vertical. Positions stored in the design override these.
// Thread-safety: pure function over a const Design.
#pragma once

#include <netvirt/core/model/design.h>

#include <QCoreApplication>
#include <QHash>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVector>

namespace netvirt::designer {

struct LaneLabel {
    QString text;
    QPointF pos;
};

struct LayoutResult {
    QHash<QString, QPointF> positions;       // top-level node id → top-left
    QVector<LaneLabel> lanes;                // lane titles
    QRectF tenantBand;                       // background bands
    QRectF fabricBand;
    QRectF supportBand;
};

class LayoutEngine final
{
    Q_DECLARE_TR_FUNCTIONS(LayoutEngine)

public:
    // `heights` gives each node's height (nodes grow with their rows).
    static LayoutResult layout(const core::Design &design, const QHash<QString, qreal> &heights,
                               const QVector<QString> &orphanPools);
    static constexpr qreal kColumn = 250;     // node width + gap
    static constexpr qreal kGapY = 14;
};

} // namespace netvirt::designer
