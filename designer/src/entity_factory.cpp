// EntityFactory: palette creation and clipboard.
#include <netvirt/designer/entity_factory.h>

#include <netvirt/designer/design_document.h>
#include <netvirt/designer/entity_style.h>

#include <netvirt/core/io/design_io.h>
#include <netvirt/core/net/address.h>

#include <QHash>
#include <QSet>

#include <cmath>
#include <functional>

namespace netvirt::designer {

using namespace netvirt::core;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

// A child id "<parent>/<stem><n>" not yet taken.
Id childId(const DesignDocument &doc, const Id &parent, const std::string &stem, int *number = nullptr)
{
    for (int n = 1;; ++n) {
        Id id = parent + "/" + stem + std::to_string(n);
        if (!doc.design().contains(id)) {
            if (number)
                *number = n;
            return id;
        }
    }
}

std::optional<Point> snapped(std::optional<QPointF> p)
{
    if (!p)
        return std::nullopt;
    return Point{std::round(p->x() / 10) * 10, std::round(p->y() / 10) * 10};
}

Creation refuse(const QString &why)
{
    Creation c;
    c.text = why;
    return c;
}

} // namespace

Creation EntityFactory::create(const DesignDocument &doc, EntityKind kind, const QString &target,
                               std::optional<QPointF> position)
{
    const Design &d = doc.design();
    const Id tid = target.toStdString();
    const EntityRef *tref = tid.empty() ? nullptr : d.find(tid);
    const std::optional<EntityKind> tkind = tref ? std::optional<EntityKind>(tref->kind) : std::nullopt;
    auto targetOr = [&](EntityKind k, auto first) -> std::string {
        if (tkind == k)
            return tid;
        return first;
    };
    auto firstId = [](const auto &table) { return table.empty() ? std::string() : table.front().id; };

    Creation c;
    Json e = Json::object();
    Placement where;
    const QString kindText = EntityStyle::kindName(kind);
    switch (kind) {
    case EntityKind::HostGroup: {
        c.id = doc.freshId(QStringLiteral("hg-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("New host group")).toStdString();
        if (tkind == EntityKind::HostGroup)
            e["parent"] = tid;
        break;
    }
    case EntityKind::LogicalNetwork:
        c.id = doc.freshId(QStringLiteral("ln-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("New logical network")).toStdString();
        e["networkVirtualization"] = true;
        break;
    case EntityKind::Site: {
        c.id = doc.freshId(QStringLiteral("site-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("New site")).toStdString();
        e["logicalNetwork"] = targetOr(EntityKind::LogicalNetwork, firstId(d.logicalNetworks));
        e["hostGroups"] = Json::array();
        if (tkind == EntityKind::HostGroup)
            e["hostGroups"].push_back(tid);
        e["subnets"] = Json::array();
        break;
    }
    case EntityKind::IpPool: {
        std::string prefix;
        c.id = doc.freshId(QStringLiteral("pool-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("New IP pool")).toStdString();
        if (tkind == EntityKind::Site) {
            const Site &s = *d.site(tid);
            if (s.subnets.empty())
                return refuse(tr("Site %1 has no subnet for a pool yet.").arg(q(s.name)));
            prefix = s.subnets.front().prefix;
            e["site"] = tid;
            e["subnet"] = prefix;
        } else if (tkind == EntityKind::VmSubnet) {
            prefix = d.vmSubnet(tid)->prefix;
            e["vmSubnet"] = tid;
        } else {
            return refuse(tr("Drop an IP pool onto a network site or a VM subnet."));
        }
        auto p = net::parsePrefix(prefix);
        if (!p.prefix || !p.prefix->isV4())
            return refuse(tr("The subnet %1 is not a valid IPv4 prefix.").arg(q(prefix)));
        const auto first = p.prefix->firstHost().to_v4().to_uint();
        const auto last = net::fromKey(p.prefix->last(), true).to_v4().to_uint();
        e["start"] = net::Ipv4(std::min(first + 9, last)).to_string();
        e["end"] = net::Ipv4(last > first ? last - 1 : last).to_string();
        break;
    }
    case EntityKind::MacPool: {
        c.id = doc.freshId(QStringLiteral("mac-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("New MAC pool")).toStdString();
        std::uint64_t next = 0x001DD8B71C00ull;
        for (const MacPool &p : d.macPools)
            if (auto m = net::parseMac(p.end))
                next = std::max(next, (m->toU64() + 0x100) & ~std::uint64_t(0xFF));
        e["start"] = net::MacAddress::fromU64(next).toString();
        e["end"] = net::MacAddress::fromU64(next + 0xFF).toString();
        e["hostGroups"] = Json::array();
        if (tkind == EntityKind::HostGroup)
            e["hostGroups"].push_back(tid);
        break;
    }
    case EntityKind::UplinkPortProfile:
        c.id = doc.freshId(QStringLiteral("up-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("New uplink port profile")).toStdString();
        e["sites"] = Json::array();
        if (tkind == EntityKind::Site)
            e["sites"].push_back(tid);
        e["networkVirtualization"] = true;
        break;
    case EntityKind::VnicPortProfile:
        c.id = doc.freshId(QStringLiteral("vp-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("New vNIC port profile")).toStdString();
        break;
    case EntityKind::PortClassification:
        c.id = doc.freshId(QStringLiteral("pc-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("New port classification")).toStdString();
        break;
    case EntityKind::LogicalSwitch:
        c.id = doc.freshId(QStringLiteral("ls-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("New logical switch")).toStdString();
        e["uplinkMode"] = "Team";
        e["extensions"] = Json::array();
        e["uplinkProfiles"] = Json::array();
        if (tkind == EntityKind::UplinkPortProfile)
            e["uplinkProfiles"].push_back(tid);
        e["virtualPorts"] = Json::array();
        break;
    case EntityKind::Host: {
        c.id = doc.freshId(QStringLiteral("host-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("HV-NEW")).toStdString();
        e["hostGroup"] = targetOr(EntityKind::HostGroup, firstId(d.hostGroups));
        Json nic = Json::object();
        nic["id"] = c.id + "/nic1";
        nic["name"] = "NIC1";
        nic["mtu"] = 1542;
        e["physicalNics"] = Json::array({nic});
        e["switches"] = Json::array();
        break;
    }
    case EntityKind::PhysicalNic: {
        const Host *h = tkind == EntityKind::Host ? d.host(tid) : d.hostOf(tid);
        if (!h)
            return refuse(tr("Drop a physical NIC onto a host."));
        int n = 0;
        c.id = childId(doc, h->id, "nic", &n);
        e["id"] = c.id;
        e["name"] = "NIC" + std::to_string(n);
        e["mtu"] = 1542;
        where.parent = h->id;
        position.reset();
        break;
    }
    case EntityKind::HostVnic: {
        const Host *h = tkind == EntityKind::Host ? d.host(tid) : d.hostOf(tid);
        if (!h)
            return refuse(tr("Drop a host vNIC onto a host."));
        if (h->switches.empty())
            return refuse(tr("Host %1 has no logical switch for a host vNIC: bind one of its NICs to a switch first.")
                              .arg(q(h->name)));
        int n = 0;
        c.id = childId(doc, h->id, "vnic", &n);
        e["id"] = c.id;
        e["name"] = tr("vNIC %1").arg(n).toStdString();
        e["ipMode"] = "Static";
        where.parent = h->id;
        where.logicalSwitch = h->switches.front().logicalSwitch;
        position.reset();
        break;
    }
    case EntityKind::VmNetwork: {
        c.id = doc.freshId(QStringLiteral("vmn-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("New VM network")).toStdString();
        const Id ln = targetOr(EntityKind::LogicalNetwork, firstId(d.logicalNetworks));
        e["logicalNetwork"] = ln;
        const LogicalNetwork *l = d.logicalNetwork(ln);
        e["isolation"] = l && l->networkVirtualization ? "NetworkVirtualization" : "None";
        e["subnets"] = Json::array();
        break;
    }
    case EntityKind::VmSubnet: {
        const VmNetwork *n = tkind == EntityKind::VmNetwork ? d.vmNetwork(tid) : d.vmNetworkOfSubnet(tid);
        if (!n)
            return refuse(tr("Drop a VM subnet onto a VM network."));
        std::int64_t vsid = 5001;
        for (const VmNetwork &vmn : d.vmNetworks)
            for (const VmSubnet &s : vmn.subnets)
                vsid = std::max(vsid, s.vsid + 1);
        int n2 = 0;
        c.id = childId(doc, n->id, "subnet", &n2);
        e["id"] = c.id;
        e["name"] = tr("Subnet %1").arg(n2).toStdString();
        e["prefix"] = "10.0." + std::to_string(std::min(255, int(n->subnets.size()) + 1)) + ".0/24";
        e["vsid"] = vsid;
        where.parent = n->id;
        position.reset();
        break;
    }
    case EntityKind::Vm: {
        c.id = doc.freshId(QStringLiteral("vm-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("VM-NEW")).toStdString();
        e["host"] = tkind == EntityKind::Host ? tid : std::string();
        e["provisioning"] = "Template";
        e["nics"] = Json::array();
        break;
    }
    case EntityKind::VmNic: {
        const Vm *vm = tkind == EntityKind::Vm ? d.vm(tid) : d.vmOfNic(tid);
        if (!vm)
            return refuse(tr("Drop a vNIC onto a virtual machine."));
        int n = 0;
        c.id = childId(doc, vm->id, "nic", &n);
        e["id"] = c.id;
        e["name"] = "nic" + std::to_string(n - 1);
        e["ipMode"] = "Dhcp";
        where.parent = vm->id;
        position.reset();
        break;
    }
    case EntityKind::Gateway: {
        c.id = doc.freshId(QStringLiteral("gw-new"));
        e["id"] = c.id;
        e["name"] = doc.freshName(kind, tr("New gateway")).toStdString();
        const VmNetwork *n = tkind == EntityKind::VmNetwork ? d.vmNetwork(tid) : d.vmNetworkOfSubnet(tid);
        e["vmNetwork"] = n ? n->id : std::string();
        e["vmSubnet"] = tkind == EntityKind::VmSubnet ? tid : n && !n->subnets.empty() ? n->subnets.front().id : std::string();
        e["address"] = "";
        e["host"] = firstId(d.hosts);
        e["externalPrefix"] = "0.0.0.0/0";
        e["mode"] = "Forward";
        break;
    }
    }
    c.ops.push_back(EditOp::add(kind, e, where));
    if (auto p = snapped(position); p && !isChildKind(kind))
        c.ops.push_back(EditOp::position(c.id, *p));
    c.ok = true;
    c.text = tr("Add %1").arg(kindText.toLower());
    return c;
}

std::string EntityFactory::copy(const Design &design, const QStringList &ids, const QHash<QString, QPointF> &positions)
{
    Json out = Json::object();
    out["format"] = "netvirt-clipboard";
    out["entities"] = Json::array();
    QSet<QString> taken;
    for (const QString &qid : ids) {
        const Id id = qid.toStdString();
        const EntityRef *ref = design.find(id);
        if (!ref || taken.contains(qid))
            continue;
        // A child is copied on its own only when its parent is not copied too.
        std::string parent;
        if (ref->kind == EntityKind::PhysicalNic || ref->kind == EntityKind::HostVnic)
            parent = design.hostOf(id)->id;
        else if (ref->kind == EntityKind::VmNic)
            parent = design.vmOfNic(id)->id;
        else if (ref->kind == EntityKind::VmSubnet)
            parent = design.vmNetworkOfSubnet(id)->id;
        if (!parent.empty() && ids.contains(q(parent)))
            continue;
        if (ref->kind == EntityKind::HostVnic)
            continue; // host vNICs live inside a host's switch entry: copy the host instead
        taken.insert(qid);
        Json item = Json::object();
        item["kind"] = std::string(kindName(ref->kind));
        item["entity"] = io::entityToJson(design, id);
        if (!parent.empty())
            item["parent"] = parent;
        if (positions.contains(qid))
            item["position"] = Json::array({positions.value(qid).x(), positions.value(qid).y()});
        out["entities"].push_back(item);
    }
    return out.dump();
}

Creation EntityFactory::paste(const DesignDocument &doc, const std::string &clipboard, const QPointF &offset,
                              QStringList *newIds)
{
    Json in = Json::parse(clipboard, nullptr, false);
    if (in.is_discarded() || !in.is_object() || in.value("format", std::string()) != "netvirt-clipboard")
        return refuse(tr("The clipboard holds no NetVirt entities."));
    const Design &d = doc.design();
    // Fresh ids for every entity and child, chosen up front so that references among the
    // pasted entities can follow them.
    QHash<QString, QString> idMap;
    QSet<QString> reserved;
    auto fresh = [&](const std::string &old) {
        QString candidate = q(old) + QStringLiteral("-copy");
        for (int n = 2; d.contains(candidate.toStdString()) || reserved.contains(candidate); ++n)
            candidate = q(old) + QStringLiteral("-copy") + QString::number(n);
        reserved.insert(candidate);
        return candidate;
    };
    for (auto &item : in["entities"]) {
        Json &e = item["entity"];
        const std::string oldId = e.value("id", std::string());
        if (oldId.empty())
            continue;
        idMap.insert(q(oldId), fresh(oldId));
        for (const char *childArray : {"physicalNics", "subnets", "nics"})
            if (e.contains(childArray) && e[childArray].is_array())
                for (auto &child : e[childArray])
                    if (child.contains("id") && child["id"].is_string()) {
                        const std::string cid = child["id"].get<std::string>();
                        // "host-a/nic1" → "<new host>/nic1" keeps children readable.
                        QString mapped = cid.rfind(oldId + "/", 0) == 0
                                             ? idMap.value(q(oldId)) + q(cid.substr(oldId.size()))
                                             : fresh(cid);
                        reserved.insert(mapped);
                        idMap.insert(q(cid), mapped);
                    }
        if (e.contains("switches") && e["switches"].is_array())
            for (auto &sw : e["switches"])
                if (sw.contains("hostVnics"))
                    for (auto &hv : sw["hostVnics"])
                        if (hv.contains("id") && hv["id"].is_string()) {
                            const std::string cid = hv["id"].get<std::string>();
                            QString mapped = cid.rfind(oldId + "/", 0) == 0
                                                 ? idMap.value(q(oldId)) + q(cid.substr(oldId.size()))
                                                 : fresh(cid);
                            reserved.insert(mapped);
                            idMap.insert(q(cid), mapped);
                        }
    }
    std::function<void(Json &)> rewrite = [&](Json &j) {
        if (j.is_string()) {
            auto it = idMap.constFind(q(j.get<std::string>()));
            if (it != idMap.constEnd())
                j = it->toStdString();
        } else if (j.is_array() || j.is_object()) {
            for (auto &v : j)
                rewrite(v);
        }
    };
    Creation c;
    QHash<int, QSet<QString>> namesByKind;
    for (auto &item : in["entities"]) {
        const auto kind = kindFromName(item.value("kind", std::string()));
        if (!kind)
            continue;
        Json e = item["entity"];
        rewrite(e);
        Placement where;
        if (item.contains("parent")) {
            where.parent = item["parent"].get<std::string>();
            const QString mapped = idMap.value(q(*where.parent));
            if (!mapped.isEmpty())
                where.parent = mapped.toStdString();
        }
        if (!isChildKind(*kind) && e.contains("name") && e["name"].is_string()) {
            QString name = doc.freshName(*kind, q(e["name"].get<std::string>()));
            for (int n = 2; namesByKind[int(*kind)].contains(name.toLower()); ++n)
                name = doc.freshName(*kind, q(e["name"].get<std::string>()) + QStringLiteral(" %1").arg(n));
            namesByKind[int(*kind)].insert(name.toLower());
            e["name"] = name.toStdString();
        }
        const std::string id = e.value("id", std::string());
        c.ops.push_back(EditOp::add(*kind, e, where));
        if (newIds)
            *newIds << q(id);
        if (item.contains("position") && !isChildKind(*kind)) {
            const auto &p = item["position"];
            c.ops.push_back(EditOp::position(
                id, Point{p[0].get<double>() + offset.x(), p[1].get<double>() + offset.y()}));
        }
    }
    if (c.ops.empty())
        return refuse(tr("Nothing to paste."));
    c.ok = true;
    c.text = tr("Paste");
    return c;
}

} // namespace netvirt::designer
