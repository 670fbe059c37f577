// EntityStyle: family names, colours and icons.
#include <netvirt/designer/entity_style.h>

#include <QCoreApplication>
#include <QHash>

namespace netvirt::designer {

using core::EntityKind;

QString EntityStyle::kindName(EntityKind kind)
{
    switch (kind) {
    case EntityKind::HostGroup: return tr("Host group");
    case EntityKind::LogicalNetwork: return tr("Logical network");
    case EntityKind::Site: return tr("Network site");
    case EntityKind::IpPool: return tr("IP pool");
    case EntityKind::MacPool: return tr("MAC pool");
    case EntityKind::UplinkPortProfile: return tr("Uplink port profile");
    case EntityKind::VnicPortProfile: return tr("vNIC port profile");
    case EntityKind::PortClassification: return tr("Port classification");
    case EntityKind::LogicalSwitch: return tr("Logical switch");
    case EntityKind::Host: return tr("Host");
    case EntityKind::PhysicalNic: return tr("Physical NIC");
    case EntityKind::HostVnic: return tr("Host vNIC");
    case EntityKind::VmNetwork: return tr("VM network");
    case EntityKind::VmSubnet: return tr("VM subnet");
    case EntityKind::Vm: return tr("Virtual machine");
    case EntityKind::VmNic: return tr("VM vNIC");
    case EntityKind::Gateway: return tr("Gateway");
    }
    return tr("Entity");
}

QString EntityStyle::kindPlural(EntityKind kind)
{
    switch (kind) {
    case EntityKind::HostGroup: return tr("Host groups");
    case EntityKind::LogicalNetwork: return tr("Logical networks");
    case EntityKind::Site: return tr("Network sites");
    case EntityKind::IpPool: return tr("IP pools");
    case EntityKind::MacPool: return tr("MAC pools");
    case EntityKind::UplinkPortProfile: return tr("Uplink port profiles");
    case EntityKind::VnicPortProfile: return tr("vNIC port profiles");
    case EntityKind::PortClassification: return tr("Port classifications");
    case EntityKind::LogicalSwitch: return tr("Logical switches");
    case EntityKind::Host: return tr("Hosts");
    case EntityKind::PhysicalNic: return tr("Physical NICs");
    case EntityKind::HostVnic: return tr("Host vNICs");
    case EntityKind::VmNetwork: return tr("VM networks");
    case EntityKind::VmSubnet: return tr("VM subnets");
    case EntityKind::Vm: return tr("Virtual machines");
    case EntityKind::VmNic: return tr("VM vNICs");
    case EntityKind::Gateway: return tr("Gateways");
    }
    return tr("Entities");
}

QColor EntityStyle::kindColor(EntityKind kind)
{
    // Slate, steel and sand tones: colour is reserved for meaning (green/red/tenants).
    switch (kind) {
    case EntityKind::Vm: return QColor(0x5b, 0x6b, 0x7f);
    case EntityKind::VmNic: return QColor(0x7a, 0x88, 0x99);
    case EntityKind::VmNetwork: return QColor(0x4f, 0x6d, 0x8a);
    case EntityKind::VmSubnet: return QColor(0x6f, 0x8b, 0xa6);
    case EntityKind::Gateway: return QColor(0x6a, 0x5f, 0x84);
    case EntityKind::LogicalNetwork: return QColor(0x3f, 0x63, 0x6e);
    case EntityKind::Site: return QColor(0x55, 0x7a, 0x72);
    case EntityKind::IpPool: return QColor(0x7c, 0x95, 0x8e);
    case EntityKind::MacPool: return QColor(0x8c, 0x83, 0x70);
    case EntityKind::Host: return QColor(0x4a, 0x55, 0x63);
    case EntityKind::PhysicalNic: return QColor(0x6e, 0x78, 0x85);
    case EntityKind::HostVnic: return QColor(0x80, 0x87, 0x7a);
    case EntityKind::LogicalSwitch: return QColor(0x5d, 0x6a, 0x55);
    case EntityKind::UplinkPortProfile: return QColor(0x70, 0x66, 0x52);
    case EntityKind::VnicPortProfile: return QColor(0x86, 0x7a, 0x66);
    case EntityKind::PortClassification: return QColor(0x8a, 0x80, 0x8f);
    case EntityKind::HostGroup: return QColor(0x5e, 0x5a, 0x66);
    }
    return QColor(Qt::gray);
}

QString EntityStyle::kindIconPath(EntityKind kind)
{
    return QStringLiteral(":/icons/%1.svg").arg(QString::fromUtf8(core::kindName(kind).data(),
                                                                   qsizetype(core::kindName(kind).size())));
}

QIcon EntityStyle::kindIcon(EntityKind kind)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(kind));
    if (it == cache.end())
        it = cache.insert(int(kind), QIcon(kindIconPath(kind)));
    return *it;
}

const std::vector<EntityKind> &EntityStyle::allKinds()
{
    static const std::vector<EntityKind> kinds{
        EntityKind::Vm, EntityKind::VmNic, EntityKind::VmNetwork, EntityKind::VmSubnet,
        EntityKind::Gateway, EntityKind::LogicalNetwork, EntityKind::Site, EntityKind::IpPool,
        EntityKind::Host, EntityKind::PhysicalNic, EntityKind::HostVnic, EntityKind::LogicalSwitch,
        EntityKind::UplinkPortProfile, EntityKind::HostGroup, EntityKind::VnicPortProfile,
        EntityKind::PortClassification, EntityKind::MacPool,
    };
    return kinds;
}

QColor EntityStyle::tenantColor(int index)
{
    static const QColor colors[] = {
        QColor(0xc0, 0x39, 0x2b), QColor(0x29, 0x6f, 0xb8), QColor(0xd3, 0x8b, 0x1f),
        QColor(0x7d, 0x3c, 0x98), QColor(0x16, 0x8a, 0x7f), QColor(0xb0, 0x4a, 0x86),
        QColor(0x6b, 0x8e, 0x23), QColor(0x8e, 0x5b, 0x3c),
    };
    return colors[index % int(std::size(colors))];
}

QColor EntityStyle::okColor() { return QColor(0x2e, 0x9d, 0x4a); }
QColor EntityStyle::brokenColor() { return QColor(0xd6, 0x2f, 0x2f); }
QColor EntityStyle::neutralColor() { return QColor(0x9a, 0xa1, 0xa9); }
QColor EntityStyle::errorColor() { return QColor(0xd6, 0x2f, 0x2f); }
QColor EntityStyle::warningColor() { return QColor(0xe0, 0x9b, 0x1a); }
QColor EntityStyle::infoColor() { return QColor(0x2f, 0x7f, 0xd6); }

} // namespace netvirt::designer
