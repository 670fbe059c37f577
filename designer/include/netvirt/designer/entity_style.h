// The designer's visual vocabulary per entity family: translated names, the muted family
// colour, the SVG icon, and the tenant colours of isolated VM networks. One place, so that
// the diagram, the palette, the outline and the problems list agree.
// Thread-safety: GUI thread only (icons and tr()).
#pragma once

#include <netvirt/core/model/design.h>

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QString>

#include <vector>

namespace netvirt::designer {

class EntityStyle final
{
    Q_DECLARE_TR_FUNCTIONS(EntityStyle)

public:
    static QString kindName(core::EntityKind kind);        // "Host", "VM network"
    static QString kindPlural(core::EntityKind kind);      // "Hosts"
    static QColor kindColor(core::EntityKind kind);        // muted family colour
    static QIcon kindIcon(core::EntityKind kind);
    static QString kindIconPath(core::EntityKind kind);    // ":/icons/host.svg"
    // Every kind in the order the palette and the outline list them.
    static const std::vector<core::EntityKind> &allKinds();

    // A tenant colour for the n-th isolated VM network (Red and Blue first, as in the seed).
    static QColor tenantColor(int index);

    static QColor okColor();       // the green arrow
    static QColor brokenColor();   // red: where a chain breaks
    static QColor neutralColor();  // grey edges
    static QColor errorColor();
    static QColor warningColor();
    static QColor infoColor();
};

} // namespace netvirt::designer
