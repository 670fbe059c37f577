// RelationshipProposer: kind pair → the one relationship the model allows.
#include <netvirt/designer/relationship_proposer.h>

#include <netvirt/designer/entity_style.h>

namespace netvirt::designer {

using namespace netvirt::core;

namespace {

QString name(const Design &d, const Id &id) { return QString::fromStdString(d.displayName(id)); }

Json fieldOr(const Design &d, const Id &id, const std::string &field, Json fallback)
{
    auto r = getField(d, id, field);
    if (!r || r->is_null())
        return fallback;
    return *r;
}

Proposal refuse(const QString &why)
{
    Proposal p;
    p.text = why;
    return p;
}

Proposal accept(const QString &text, std::vector<EditOp> ops)
{
    Proposal p;
    p.ok = true;
    p.text = text;
    p.ops = std::move(ops);
    return p;
}

// Appends `to` to a reference list, refusing a duplicate.
Proposal appendTo(const Design &d, const Id &from, const std::string &field, const Id &to, const QString &text)
{
    Json list = fieldOr(d, from, field, Json::array());
    for (const auto &v : list)
        if (v.is_string() && v.get<std::string>() == to)
            return refuse(RelationshipProposer::tr("%1 is already bound to %2.").arg(name(d, from), name(d, to)));
    list.push_back(to);
    return accept(text, {EditOp::setField(from, field, list)});
}

Proposal setRef(const Design &d, const Id &from, const std::string &field, const Id &to, const QString &text)
{
    Json current = fieldOr(d, from, field, Json());
    if (current.is_string() && current.get<std::string>() == to)
        return refuse(RelationshipProposer::tr("%1 is already bound to %2.").arg(name(d, from), name(d, to)));
    return accept(text, {EditOp::setField(from, field, to)});
}

// The VM vNIC a drag from a VM stands for: its only vNIC, or its only unconnected one.
const VmNic *nicOfVm(const Vm &vm)
{
    if (vm.nics.size() == 1)
        return &vm.nics.front();
    const VmNic *candidate = nullptr;
    for (const VmNic &n : vm.nics) {
        if (!n.vmNetwork) {
            if (candidate)
                return nullptr;
            candidate = &n;
        }
    }
    return candidate;
}

} // namespace

Proposal RelationshipProposer::propose(const Design &d, const Id &from, const Id &to)
{
    if (from == to)
        return refuse(tr("An entity cannot be bound to itself."));
    const EntityRef *a = d.find(from);
    const EntityRef *b = d.find(to);
    if (!a || !b)
        return refuse(tr("Drop onto an entity of the design."));
    Proposal p = proposeDirected(d, from, to);
    if (p.ok)
        return p;
    Proposal reverse = proposeDirected(d, to, from);
    if (reverse.ok)
        return reverse;
    return p.text.isEmpty() ? reverse : p;
}

Proposal RelationshipProposer::proposeDirected(const Design &d, const Id &from, const Id &to)
{
    const EntityKind fk = d.find(from)->kind;
    const EntityKind tk = d.find(to)->kind;
    const QString fn = name(d, from);
    const QString tn = name(d, to);

    switch (fk) {
    case EntityKind::VmNic: {
        const VmNic &nic = *d.vmNic(from);
        switch (tk) {
        case EntityKind::VmNetwork: {
            const VmNetwork &n = *d.vmNetwork(to);
            if (nic.vmNetwork && *nic.vmNetwork == to)
                return refuse(tr("%1 is already connected to %2.").arg(fn, tn));
            std::vector<EditOp> ops{EditOp::setField(from, "vmNetwork", to)};
            // An isolated network needs a VM subnet: take the only one; a standard one none.
            const bool subnetFits = nic.vmSubnet && d.vmNetworkOfSubnet(*nic.vmSubnet) == &n;
            if (n.isIsolated() && !subnetFits) {
                if (n.subnets.size() == 1)
                    ops.push_back(EditOp::setField(from, "vmSubnet", n.subnets.front().id));
                else if (nic.vmSubnet)
                    ops.push_back(EditOp::setField(from, "vmSubnet", Json()));
            } else if (!n.isIsolated() && nic.vmSubnet) {
                ops.push_back(EditOp::setField(from, "vmSubnet", Json()));
            }
            return accept(tr("Connect %1 to %2").arg(fn, tn), std::move(ops));
        }
        case EntityKind::VmSubnet: {
            const VmNetwork *n = d.vmNetworkOfSubnet(to);
            std::vector<EditOp> ops;
            if (n && (!nic.vmNetwork || *nic.vmNetwork != n->id))
                ops.push_back(EditOp::setField(from, "vmNetwork", n->id));
            if (nic.vmSubnet && *nic.vmSubnet == to && ops.empty())
                return refuse(tr("%1 is already connected to %2.").arg(fn, tn));
            ops.push_back(EditOp::setField(from, "vmSubnet", to));
            return accept(tr("Connect %1 to %2").arg(fn, tn), std::move(ops));
        }
        case EntityKind::LogicalSwitch:
            return setRef(d, from, "logicalSwitch", to, tr("Attach %1 to %2").arg(fn, tn));
        case EntityKind::PortClassification:
            return setRef(d, from, "classification", to, tr("Classify %1 as %2").arg(fn, tn));
        case EntityKind::Host:
        case EntityKind::Vm:
            return refuse(tr("A vNIC belongs to its VM; drag the VM onto a host to place it."));
        default:
            return refuse(tr("A VM vNIC connects to a VM network, a VM subnet, a logical switch or a port classification, not to a %1.")
                              .arg(EntityStyle::kindName(tk).toLower()));
        }
    }
    case EntityKind::Vm: {
        const Vm &vm = *d.vm(from);
        if (tk == EntityKind::Host)
            return setRef(d, from, "host", to, tr("Place %1 on %2").arg(fn, tn));
        if (tk == EntityKind::VmNetwork || tk == EntityKind::VmSubnet || tk == EntityKind::LogicalSwitch
            || tk == EntityKind::PortClassification) {
            const VmNic *nic = nicOfVm(vm);
            if (!nic)
                return refuse(vm.nics.empty() ? tr("%1 has no vNIC: add one from the palette first.").arg(fn)
                                              : tr("%1 has several vNICs: drag from the vNIC to connect.").arg(fn));
            return proposeDirected(d, nic->id, to);
        }
        return refuse(tr("A VM runs on a host and connects through its vNICs; it cannot be bound to a %1.")
                          .arg(EntityStyle::kindName(tk).toLower()));
    }
    case EntityKind::HostVnic:
        if (tk == EntityKind::VmNetwork)
            return setRef(d, from, "vmNetwork", to, tr("Connect %1 to %2").arg(fn, tn));
        if (tk == EntityKind::PortClassification)
            return setRef(d, from, "classification", to, tr("Classify %1 as %2").arg(fn, tn));
        return refuse(tr("A host vNIC connects to a standard VM network or a port classification."));
    case EntityKind::VmNetwork:
        if (tk == EntityKind::LogicalNetwork)
            return setRef(d, from, "logicalNetwork", to, tr("Put %1 on %2").arg(fn, tn));
        return refuse(tr("A VM network is bound to a logical network; VMs connect to it through their vNICs."));
    case EntityKind::Site:
        if (tk == EntityKind::LogicalNetwork)
            return setRef(d, from, "logicalNetwork", to, tr("Make %1 a site of %2").arg(fn, tn));
        if (tk == EntityKind::HostGroup)
            return appendTo(d, from, "hostGroups", to, tr("Scope %1 to %2").arg(fn, tn));
        return refuse(tr("A network site belongs to a logical network and is scoped to host groups."));
    case EntityKind::UplinkPortProfile:
        if (tk == EntityKind::Site)
            return appendTo(d, from, "sites", to, tr("Let %1 carry %2").arg(fn, tn));
        return refuse(tr("An uplink port profile carries network sites."));
    case EntityKind::LogicalSwitch:
        if (tk == EntityKind::UplinkPortProfile)
            return appendTo(d, from, "uplinkProfiles", to, tr("Offer %2 on %1").arg(fn, tn));
        if (tk == EntityKind::PortClassification || tk == EntityKind::VnicPortProfile) {
            const LogicalSwitch &ls = *d.logicalSwitch(from);
            Json ports = fieldOr(d, from, "virtualPorts", Json::array());
            Id classification, profile;
            if (tk == EntityKind::PortClassification) {
                classification = to;
                for (const VirtualPort &vp : ls.virtualPorts)
                    if (vp.classification == to)
                        return refuse(tr("%1 already offers %2.").arg(fn, tn));
                if (d.vnicPortProfiles.empty())
                    return refuse(tr("Add a vNIC port profile first: a virtual port pairs a classification with a profile."));
                profile = d.vnicPortProfiles.front().id;
            } else {
                // A profile completes the first virtual port that lacks a valid one.
                for (std::size_t i = 0; i < ls.virtualPorts.size(); ++i) {
                    if (!d.vnicPortProfile(ls.virtualPorts[i].vnicProfile)) {
                        ports[i]["vnicProfile"] = to;
                        return accept(tr("Use %2 on %1").arg(fn, tn), {EditOp::setField(from, "virtualPorts", ports)});
                    }
                }
                return refuse(tr("Drag from the switch to a port classification to add a virtual port."));
            }
            Json vp = Json::object();
            vp["classification"] = classification;
            vp["vnicProfile"] = profile;
            ports.push_back(vp);
            return accept(tr("Add virtual port %2 to %1").arg(fn, tn), {EditOp::setField(from, "virtualPorts", ports)});
        }
        if (tk == EntityKind::Host)
            return {};  // the reverse (host → switch) deploys it
        return refuse(tr("A logical switch offers uplink port profiles and virtual ports."));
    case EntityKind::PhysicalNic:
    case EntityKind::Host: {
        if (tk == EntityKind::HostGroup && fk == EntityKind::Host)
            return setRef(d, from, "hostGroup", to, tr("Move %1 to host group %2").arg(fn, tn));
        if (tk != EntityKind::LogicalSwitch)
            return refuse(fk == EntityKind::Host ? tr("A host is a member of a host group and deploys logical switches on its NICs.")
                                                 : tr("A physical NIC is bound to one logical switch."));
        const Host *host = fk == EntityKind::Host ? d.host(from) : d.hostOf(from);
        const LogicalSwitch &ls = *d.logicalSwitch(to);
        Id nicId;
        if (fk == EntityKind::PhysicalNic) {
            nicId = from;
        } else {
            // The host's first NIC not yet bound to a switch.
            for (const PhysicalNic &n : host->physicalNics) {
                bool bound = false;
                for (const HostSwitch &sw : host->switches)
                    for (const Adapter &a : sw.adapters)
                        bound = bound || a.nic == n.id;
                if (!bound) {
                    nicId = n.id;
                    break;
                }
            }
        }
        Json switches = fieldOr(d, host->id, "switches", Json::array());
        // 1 NIC : 1 logical switch — binding moves the NIC off any other switch.
        Json *target = nullptr;
        for (auto &sw : switches) {
            if (!nicId.empty() && sw.contains("adapters")) {
                auto &ad = sw["adapters"];
                for (auto it = ad.begin(); it != ad.end();) {
                    if ((*it).value("nic", std::string()) == nicId)
                        it = ad.erase(it);
                    else
                        ++it;
                }
            }
            if (sw.value("logicalSwitch", std::string()) == to)
                target = &sw;
        }
        if (!target) {
            Json sw = Json::object();
            sw["logicalSwitch"] = to;
            sw["adapters"] = Json::array();
            switches.push_back(sw);
            target = &switches.back();
        }
        if (nicId.empty()) {
            if (fk == EntityKind::Host && !host->switches.empty()) {
                for (const HostSwitch &sw : host->switches)
                    if (sw.logicalSwitch == to)
                        return refuse(tr("%1 is already deployed on %2 and the host has no free NIC.").arg(tn, fn));
            }
        } else {
            if (!target->contains("adapters"))
                (*target)["adapters"] = Json::array();
            std::string profile = ls.uplinkProfiles.empty() ? std::string() : ls.uplinkProfiles.front();
            for (const auto &a : (*target)["adapters"])
                if (a.contains("uplinkProfile"))
                    profile = a["uplinkProfile"].get<std::string>();
            if (profile.empty())
                return refuse(tr("%1 offers no uplink port profile yet: bind it to one first.").arg(tn));
            Json adapter = Json::object();
            adapter["nic"] = nicId;
            adapter["uplinkProfile"] = profile;
            (*target)["adapters"].push_back(adapter);
        }
        const QString what = nicId.empty() ? tr("Deploy %1 on %2").arg(tn, name(d, host->id))
                                           : tr("Bind %1 of %2 to %3").arg(name(d, nicId), name(d, host->id), tn);
        return accept(what, {EditOp::setField(host->id, "switches", switches)});
    }
    case EntityKind::HostGroup:
        if (tk == EntityKind::HostGroup)
            return setRef(d, from, "parent", to, tr("Make %1 a child of %2").arg(fn, tn));
        return {};
    case EntityKind::IpPool:
        if (tk == EntityKind::Site) {
            const Site &s = *d.site(to);
            if (s.subnets.empty())
                return refuse(tr("%1 has no subnet for the pool: add one to the site first.").arg(tn));
            return accept(tr("Put %1 on %2").arg(fn, tn),
                          {EditOp::setField(from, "vmSubnet", Json()), EditOp::setField(from, "site", to),
                           EditOp::setField(from, "subnet", s.subnets.front().prefix)});
        }
        if (tk == EntityKind::VmSubnet)
            return accept(tr("Put %1 on %2").arg(fn, tn),
                          {EditOp::setField(from, "site", Json()), EditOp::setField(from, "subnet", Json()),
                           EditOp::setField(from, "vmSubnet", to)});
        return refuse(tr("An IP pool lies on a site subnet or on a VM subnet."));
    case EntityKind::MacPool:
        if (tk == EntityKind::HostGroup)
            return appendTo(d, from, "hostGroups", to, tr("Scope %1 to %2").arg(fn, tn));
        return refuse(tr("A MAC pool is scoped to host groups."));
    case EntityKind::Gateway:
        if (tk == EntityKind::Host)
            return setRef(d, from, "host", to, tr("Run %1 on %2").arg(fn, tn));
        if (tk == EntityKind::VmNetwork)
            return setRef(d, from, "vmNetwork", to, tr("Connect %1 to %2").arg(fn, tn));
        if (tk == EntityKind::VmSubnet) {
            const VmNetwork *n = d.vmNetworkOfSubnet(to);
            std::vector<EditOp> ops;
            if (n)
                ops.push_back(EditOp::setField(from, "vmNetwork", n->id));
            ops.push_back(EditOp::setField(from, "vmSubnet", to));
            return accept(tr("Connect %1 to %2").arg(fn, tn), std::move(ops));
        }
        return refuse(tr("A gateway serves a VM subnet and runs on a host."));
    default:
        break;
    }
    return refuse(tr("The model has no relationship between a %1 and a %2.")
                      .arg(EntityStyle::kindName(fk).toLower(), EntityStyle::kindName(tk).toLower()));
}

} // namespace netvirt::designer
