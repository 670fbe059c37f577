// DesignGraph: drawable edges and the green-arrow walk.
#include <netvirt/designer/design_graph.h>

#include <QStringList>

#include <algorithm>
#include <set>

namespace netvirt::designer {

using namespace netvirt::core;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

void addEdge(QVector<GraphEdge> &out, const std::string &from, const std::string &to, EdgeKind kind)
{
    out.push_back(GraphEdge{q(from), q(to), kind});
}

// The host group and its ancestors (cycle-safe: NV104 reports cycles).
std::vector<Id> ancestors(const Design &d, const Id &group)
{
    std::vector<Id> out;
    std::set<Id> seen;
    const HostGroup *g = d.hostGroup(group);
    while (g && seen.insert(g->id).second) {
        out.push_back(g->id);
        g = g->parent ? d.hostGroup(*g->parent) : nullptr;
    }
    return out;
}

} // namespace

QString DesignGraph::virtualPortId(const QString &switchId, int index)
{
    return switchId + QStringLiteral("#vp") + QString::number(index);
}

QVector<GraphEdge> DesignGraph::edgesFrom(const Design &d, const Id &id)
{
    QVector<GraphEdge> out;
    const EntityRef *ref = d.find(id);
    if (!ref)
        return out;
    switch (ref->kind) {
    case EntityKind::Vm: {
        const Vm &vm = d.vms[ref->index];
        if (d.host(vm.host))
            addEdge(out, vm.id, vm.host, EdgeKind::RunsOn);
        for (const VmNic &nic : vm.nics) {
            if (nic.vmSubnet && d.vmSubnet(*nic.vmSubnet))
                addEdge(out, nic.id, *nic.vmSubnet, EdgeKind::Connects);
            else if (nic.vmNetwork && d.vmNetwork(*nic.vmNetwork))
                addEdge(out, nic.id, *nic.vmNetwork, EdgeKind::Connects);
            if (nic.logicalSwitch && d.logicalSwitch(*nic.logicalSwitch))
                addEdge(out, nic.id, *nic.logicalSwitch, EdgeKind::Uses);
            if (nic.classification && d.portClassification(*nic.classification))
                addEdge(out, nic.id, *nic.classification, EdgeKind::Supporting);
        }
        break;
    }
    case EntityKind::VmNetwork: {
        const VmNetwork &n = d.vmNetworks[ref->index];
        if (d.logicalNetwork(n.logicalNetwork))
            addEdge(out, n.id, n.logicalNetwork, EdgeKind::Network);
        break;
    }
    case EntityKind::Site: {
        const Site &s = d.sites[ref->index];
        if (d.logicalNetwork(s.logicalNetwork))
            addEdge(out, s.logicalNetwork, s.id, EdgeKind::Network);
        for (const Id &g : s.hostGroups)
            if (d.hostGroup(g))
                addEdge(out, s.id, g, EdgeKind::MemberOf);
        break;
    }
    case EntityKind::MacPool: {
        const MacPool &p = d.macPools[ref->index];
        for (const Id &g : p.hostGroups)
            if (d.hostGroup(g))
                addEdge(out, p.id, g, EdgeKind::Supporting);
        break;
    }
    case EntityKind::UplinkPortProfile: {
        const UplinkPortProfile &u = d.uplinkPortProfiles[ref->index];
        for (const Id &s : u.sites)
            if (d.site(s))
                addEdge(out, u.id, s, EdgeKind::Carries);
        break;
    }
    case EntityKind::LogicalSwitch: {
        const LogicalSwitch &ls = d.logicalSwitches[ref->index];
        for (const Id &u : ls.uplinkProfiles)
            if (d.uplinkPortProfile(u))
                addEdge(out, ls.id, u, EdgeKind::Carries);
        for (int i = 0; i < int(ls.virtualPorts.size()); ++i) {
            const VirtualPort &vp = ls.virtualPorts[std::size_t(i)];
            const QString vpId = virtualPortId(q(ls.id), i);
            if (d.portClassification(vp.classification))
                out.push_back(GraphEdge{vpId, q(vp.classification), EdgeKind::Supporting});
            if (d.vnicPortProfile(vp.vnicProfile))
                out.push_back(GraphEdge{vpId, q(vp.vnicProfile), EdgeKind::Supporting});
        }
        break;
    }
    case EntityKind::Host: {
        const Host &h = d.hosts[ref->index];
        if (d.hostGroup(h.hostGroup))
            addEdge(out, h.id, h.hostGroup, EdgeKind::MemberOf);
        for (const HostSwitch &sw : h.switches) {
            if (!d.logicalSwitch(sw.logicalSwitch))
                continue;
            bool anyNic = false;
            for (const Adapter &a : sw.adapters) {
                if (d.physicalNic(a.nic)) {
                    addEdge(out, a.nic, sw.logicalSwitch, EdgeKind::Uses);
                    anyNic = true;
                }
            }
            if (!anyNic)
                addEdge(out, h.id, sw.logicalSwitch, EdgeKind::Uses);
            for (const HostVnic &hv : sw.hostVnics) {
                if (hv.vmNetwork && d.vmNetwork(*hv.vmNetwork))
                    addEdge(out, hv.id, *hv.vmNetwork, EdgeKind::Connects);
                if (hv.classification && d.portClassification(*hv.classification))
                    addEdge(out, hv.id, *hv.classification, EdgeKind::Supporting);
            }
        }
        break;
    }
    case EntityKind::HostGroup: {
        const HostGroup &g = d.hostGroups[ref->index];
        if (g.parent && d.hostGroup(*g.parent))
            addEdge(out, g.id, *g.parent, EdgeKind::MemberOf);
        break;
    }
    case EntityKind::Gateway: {
        const Gateway &g = d.gateways[ref->index];
        if (d.vmSubnet(g.vmSubnet))
            addEdge(out, g.id, g.vmSubnet, EdgeKind::Connects);
        else if (d.vmNetwork(g.vmNetwork))
            addEdge(out, g.id, g.vmNetwork, EdgeKind::Connects);
        if (d.host(g.host))
            addEdge(out, g.id, g.host, EdgeKind::RunsOn);
        break;
    }
    default:
        break;
    }
    return out;
}

QVector<GraphEdge> DesignGraph::allEdges(const Design &d)
{
    QVector<GraphEdge> out;
    auto addAll = [&](const auto &table) {
        for (const auto &e : table)
            out += edgesFrom(d, e.id);
    };
    addAll(d.hostGroups);
    addAll(d.sites);
    addAll(d.macPools);
    addAll(d.uplinkPortProfiles);
    addAll(d.logicalSwitches);
    addAll(d.hosts);
    addAll(d.vmNetworks);
    addAll(d.vms);
    addAll(d.gateways);
    return out;
}

Chain DesignGraph::traceVnic(const Design &d, const VmNic &nic, const Vm &vm)
{
    Chain c;
    c.entities << q(vm.id) << q(nic.id);
    const VmNetwork *vmn = nic.vmNetwork ? d.vmNetwork(*nic.vmNetwork) : nullptr;
    if (!vmn)
        return c;
    const bool toSubnet = nic.vmSubnet && d.vmSubnet(*nic.vmSubnet);
    const QString netEdge = GraphEdge::key(q(nic.id), q(toSubnet ? *nic.vmSubnet : vmn->id));
    c.entities << q(vmn->id);
    if (toSubnet)
        c.entities << q(*nic.vmSubnet);

    const LogicalSwitch *ls = nic.logicalSwitch ? d.logicalSwitch(*nic.logicalSwitch) : nullptr;
    const Host *host = d.host(vm.host);
    const LogicalNetwork *ln = d.logicalNetwork(vmn->logicalNetwork);
    if (!ls || !host || !ln) {
        c.brokenEdge = netEdge;
        return c;
    }
    c.edges << netEdge;
    c.entities << q(ls->id) << q(host->id);
    c.edges << GraphEdge::key(q(vm.id), q(host->id));
    const HostSwitch *hostSwitch = nullptr;
    for (const HostSwitch &sw : host->switches)
        if (sw.logicalSwitch == ls->id)
            hostSwitch = &sw;
    const QString switchEdge = GraphEdge::key(q(nic.id), q(ls->id));
    if (!hostSwitch) {
        c.brokenEdge = switchEdge;
        return c;
    }
    c.edges << switchEdge;
    c.edges << GraphEdge::key(q(vmn->id), q(ln->id));
    c.entities << q(ln->id);

    std::vector<Id> uplinks;
    for (const Adapter &a : hostSwitch->adapters)
        if (std::find(uplinks.begin(), uplinks.end(), a.uplinkProfile) == uplinks.end())
            uplinks.push_back(a.uplinkProfile);
    const std::vector<Id> groups = ancestors(d, host->hostGroup);

    std::optional<QString> carriedEdge;
    for (const Id &uid : uplinks) {
        const UplinkPortProfile *upp = d.uplinkPortProfile(uid);
        if (!upp)
            continue;
        for (const Id &sid : upp->sites) {
            const Site *site = d.site(sid);
            if (!site || site->logicalNetwork != ln->id)
                continue;
            if (!carriedEdge)
                carriedEdge = GraphEdge::key(q(upp->id), q(site->id));
            for (const Id &g : site->hostGroups) {
                auto at = std::find(groups.begin(), groups.end(), g);
                if (at == groups.end())
                    continue;
                c.valid = true;
                c.edges << GraphEdge::key(q(ln->id), q(site->id))
                        << GraphEdge::key(q(upp->id), q(site->id))
                        << GraphEdge::key(q(ls->id), q(upp->id))
                        << GraphEdge::key(q(site->id), q(g))
                        << GraphEdge::key(q(host->id), q(host->hostGroup));
                c.entities << q(site->id) << q(upp->id) << q(g);
                for (auto it = groups.begin(); it != at; ++it) {
                    c.edges << GraphEdge::key(q(*it), q(*(it + 1)));
                    c.entities << q(*it);
                }
                for (const Adapter &a : hostSwitch->adapters) {
                    if (a.uplinkProfile == upp->id) {
                        c.edges << GraphEdge::key(q(a.nic), q(ls->id));
                        c.entities << q(a.nic);
                    }
                }
                if (hostSwitch->adapters.empty())
                    c.edges << GraphEdge::key(q(host->id), q(ls->id));
                return c;
            }
        }
    }
    c.brokenEdge = carriedEdge ? *carriedEdge : GraphEdge::key(q(vmn->id), q(ln->id));
    return c;
}

Chain DesignGraph::traceSelection(const Design &d, const QStringList &ids)
{
    Chain all;
    bool any = false;
    auto merge = [&](const Chain &c) {
        any = true;
        all.edges.unite(c.edges);
        all.entities.unite(c.entities);
        if (c.brokenEdge)
            all.edges << *c.brokenEdge;
    };
    for (const QString &qid : ids) {
        const std::string id = qid.toStdString();
        if (const Vm *vm = d.vm(id)) {
            for (const VmNic &nic : vm->nics)
                merge(traceVnic(d, nic, *vm));
            if (vm->nics.empty())
                all.entities << qid;
        } else if (const VmNic *nic = d.vmNic(id)) {
            if (const Vm *owner = d.vmOfNic(id))
                merge(traceVnic(d, *nic, *owner));
        }
    }
    all.valid = any;
    return all;
}

QString DesignGraph::nodeOf(const Design &d, const QString &qid)
{
    const std::string id = qid.toStdString();
    const EntityRef *ref = d.find(id);
    if (!ref) {
        const int hash = qid.indexOf(QLatin1String("#vp"));
        return hash > 0 ? qid.left(hash) : QString();
    }
    switch (ref->kind) {
    case EntityKind::PhysicalNic:
    case EntityKind::HostVnic:
        return q(d.hosts[ref->index].id);
    case EntityKind::VmSubnet:
        return q(d.vmNetworks[ref->index].id);
    case EntityKind::VmNic:
        return q(d.vms[ref->index].id);
    case EntityKind::IpPool: {
        const IpPool &p = d.ipPools[ref->index];
        if (p.site && d.site(*p.site))
            return q(*p.site);
        if (p.vmSubnet)
            if (const VmNetwork *n = d.vmNetworkOfSubnet(*p.vmSubnet))
                return q(n->id);
        return qid;
    }
    default:
        return qid;
    }
}

} // namespace netvirt::designer
