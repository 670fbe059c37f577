// The policy compiler: Design + IPAM allocation → HNV policy (FORWARDING.md "Policy").
#include <netvirt/core/policy/policy.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <netvirt/core/net/address.h>

namespace netvirt::core::policy {

namespace {

std::string normalAddress(std::string_view text)
{
    auto a = net::parseAddress(text);
    return a ? a->to_string() : std::string();
}

std::string normalMac(std::string_view text)
{
    auto m = net::parseMac(text);
    return m ? m->toString() : std::string();
}

template <typename Map>
const std::string *findIn(const Map &map, const Id &key)
{
    auto it = map.find(key);
    return it == map.end() ? nullptr : &it->second;
}

// The gateway address of a VM subnet: a pool of that subnet naming one, else the first host.
std::string subnetGateway(const Design &design, const VmSubnet &subnet, std::vector<std::string> *dns)
{
    std::string gw;
    for (const auto &pool : design.ipPools) {
        if (!pool.vmSubnet || *pool.vmSubnet != subnet.id)
            continue;
        if (dns && dns->empty())
            for (const auto &d : pool.dns)
                if (auto n = normalAddress(d); !n.empty())
                    dns->push_back(n);
        if (gw.empty() && pool.gateway)
            gw = normalAddress(*pool.gateway);
    }
    if (gw.empty())
        if (auto p = net::parseStrictPrefix(subnet.prefix))
            gw = p->firstHost().to_string();
    return gw;
}

const VnicPortProfile *portProfileFor(const Design &design, const VmNic &nic)
{
    if (!nic.logicalSwitch)
        return nullptr;
    const LogicalSwitch *ls = design.logicalSwitch(*nic.logicalSwitch);
    if (!ls)
        return nullptr;
    const VirtualPort *chosen = nullptr;
    for (const auto &vp : ls->virtualPorts) {
        if (nic.classification && vp.classification == *nic.classification) {
            chosen = &vp;
            break;
        }
        if (!nic.classification && vp.isDefault.value_or(false) && !chosen)
            chosen = &vp;
    }
    return chosen ? design.vnicPortProfile(chosen->vnicProfile) : nullptr;
}

struct SiteSubnetHit {
    const Site *site = nullptr;
    const SiteSubnet *subnet = nullptr;
    net::Prefix prefix;
};

// The site subnet holding a provider address: among the sites the host's uplink profiles
// carry first (network-virtualized logical networks preferred), then any site of the design.
std::optional<SiteSubnetHit> siteSubnetOf(const Design &design, const Host &host, const net::IpAddress &addr)
{
    std::vector<const Site *> order;
    std::unordered_set<const Site *> seen;
    auto add = [&](const Site *s) {
        if (s && seen.insert(s).second)
            order.push_back(s);
    };
    for (int pass = 0; pass < 2; ++pass)
        for (const auto &sw : host.switches)
            for (const auto &ad : sw.adapters)
                if (const auto *up = design.uplinkPortProfile(ad.uplinkProfile))
                    for (const auto &sid : up->sites)
                        if (const Site *s = design.site(sid)) {
                            const auto *ln = design.logicalNetwork(s->logicalNetwork);
                            if ((ln && ln->networkVirtualization) == (pass == 0))
                                add(s);
                        }
    for (const auto &s : design.sites)
        add(&s);
    for (const Site *s : order)
        for (const auto &sub : s->subnets)
            if (auto p = net::parsePrefix(sub.prefix).prefix; p && p->contains(addr))
                return SiteSubnetHit{s, &sub, *p};
    return std::nullopt;
}

std::string providerGatewayOf(const Design &design, const Site &site, const SiteSubnet &subnet, const net::Prefix &prefix)
{
    for (const auto &pool : design.ipPools)
        if (pool.site && *pool.site == site.id && pool.subnet && pool.gateway) {
            auto pp = net::parsePrefix(*pool.subnet).prefix;
            if (pp && *pp == prefix)
                if (auto g = normalAddress(*pool.gateway); !g.empty())
                    return g;
        }
    (void)subnet;
    return prefix.firstHost().to_string();
}

std::int64_t jsonInt(const Json &obj, const char *key, std::int64_t fallback)
{
    if (obj.is_object())
        if (auto it = obj.find(key); it != obj.end() && it->is_number_integer())
            return it->get<std::int64_t>();
    return fallback;
}

} // namespace

Policy compile(const Design &design)
{
    return compile(design, ipam::allocate(design));
}

Policy compile(const Design &design, const ipam::Allocation &alloc)
{
    Policy out;
    if (design.emulation.is_object()) {
        if (auto it = design.emulation.find("flowId"); it != design.emulation.end() && it->is_boolean())
            out.flowId = it->get<bool>();
        if (auto v = jsonInt(design.emulation, "underlayMtu", -1); v > 0)
            out.underlayMtu = v;
    }

    // vNIC id → host id, for rewrite PAs.
    std::unordered_map<std::string, std::string> rewritePaOwner; // PA → vNIC id
    for (const auto &[nic, pa] : alloc.rewriteAddress)
        rewritePaOwner[normalAddress(pa)] = nic;

    // Hosts: NICs, teams, MTU, provider addresses.
    std::unordered_map<Id, std::vector<std::string>> hostPaList; // host → non-rewrite PAs
    for (const auto &host : design.hosts) {
        HostPolicy hp;
        hp.id = host.id;
        hp.name = host.name;
        hp.emulated = host.isEmulated();
        std::int64_t mtu = 0;
        for (const auto &nic : host.physicalNics) {
            NicPolicy np;
            np.id = nic.id;
            np.name = nic.name.value_or(nic.id);
            np.mac = normalMac(nic.mac ? *nic.mac : ipam::derivedNicMac(nic.id));
            if (np.mac.empty())
                np.mac = normalMac(ipam::derivedNicMac(nic.id));
            np.mtu = nic.effectiveMtu();
            mtu = mtu == 0 ? np.mtu : std::min(mtu, np.mtu);
            hp.nics.push_back(std::move(np));
        }
        hp.providerMtu = out.underlayMtu.value_or(mtu == 0 ? 1500 : mtu);
        for (const auto &sw : host.switches) {
            TeamPolicy tp;
            tp.logicalSwitch = sw.logicalSwitch;
            if (const auto *ls = design.logicalSwitch(sw.logicalSwitch))
                tp.uplinkMode = ls->uplinkMode;
            if (!sw.adapters.empty())
                if (const auto *up = design.uplinkPortProfile(sw.adapters.front().uplinkProfile)) {
                    tp.teamingMode = up->teaming.mode;
                    tp.loadBalancing = up->teaming.loadBalancing;
                }
            for (const auto &ad : sw.adapters)
                tp.members.push_back(ad.nic);
            hp.teams.push_back(std::move(tp));
        }

        std::vector<std::string> pas;
        if (auto it = alloc.providerAddresses.find(host.id); it != alloc.providerAddresses.end())
            pas = it->second;
        else if (host.providerAddresses)
            pas = *host.providerAddresses;
        for (const auto &raw : pas) {
            auto addr = net::parseAddress(raw);
            if (!addr)
                continue;
            ProviderAddress pa;
            pa.host = host.id;
            pa.address = addr->to_string();
            pa.prefixLength = addr->is_v4() ? 32 : 128;
            if (auto owner = rewritePaOwner.find(pa.address); owner != rewritePaOwner.end())
                pa.rewriteNic = owner->second;
            else
                hostPaList[host.id].push_back(pa.address);
            auto hit = siteSubnetOf(design, host, *addr);
            if (hit) {
                pa.prefixLength = hit->prefix.length;
                pa.vlanId = static_cast<int>(hit->subnet->vlan);
                pa.site = hit->site->id;
                pa.subnet = hit->prefix.toString();
            }
            // The NIC: the first adapter whose uplink profile carries the site, else the first.
            const Adapter *chosen = nullptr;
            const HostSwitch *chosenSwitch = nullptr;
            for (const auto &sw : host.switches)
                for (const auto &ad : sw.adapters) {
                    const auto *up = design.uplinkPortProfile(ad.uplinkProfile);
                    bool carries = hit && up
                        && std::find(up->sites.begin(), up->sites.end(), hit->site->id) != up->sites.end();
                    if (!chosen && carries) {
                        chosen = &ad;
                        chosenSwitch = &sw;
                    }
                }
            if (!chosen)
                for (const auto &sw : host.switches)
                    if (!chosen && !sw.adapters.empty()) {
                        chosen = &sw.adapters.front();
                        chosenSwitch = &sw;
                    }
            if (chosen) {
                pa.nic = chosen->nic;
                pa.logicalSwitch = chosenSwitch->logicalSwitch;
                const auto *pn = design.physicalNic(chosen->nic);
                pa.interfaceName = pn && pn->name ? *pn->name : chosen->nic;
            } else if (!host.physicalNics.empty()) {
                pa.nic = host.physicalNics.front().id;
                pa.interfaceName = host.physicalNics.front().name.value_or(pa.nic);
            }
            hp.providerAddresses.push_back(pa.address);
            out.providerAddresses.push_back(std::move(pa));
        }
        out.hosts.push_back(std::move(hp));
    }

    // Provider subnets (with a deterministic gateway MAC, for the in-memory underlay).
    for (const auto &site : design.sites) {
        const auto *ln = design.logicalNetwork(site.logicalNetwork);
        if (!ln || !ln->networkVirtualization)
            continue;
        for (const auto &sub : site.subnets) {
            auto p = net::parsePrefix(sub.prefix).prefix;
            if (!p)
                continue;
            ProviderSubnet ps;
            ps.site = site.id;
            ps.prefix = p->toString();
            ps.vlanId = static_cast<int>(sub.vlan);
            ps.gatewayAddress = providerGatewayOf(design, site, sub, *p);
            ps.gatewayMac = derivedMac(0x0E, "provider-gateway:" + site.id + ":" + ps.prefix);
            out.providerSubnets.push_back(std::move(ps));
        }
    }

    // The host PA that carries a VM network: one in a site of its logical network, else the first.
    auto hostPaFor = [&](const Id &hostId, const Id &logicalNetwork) -> std::string {
        auto it = hostPaList.find(hostId);
        if (it == hostPaList.end() || it->second.empty())
            return {};
        for (const auto &pa : out.providerAddresses)
            if (pa.host == hostId && !pa.rewriteNic && !pa.site.empty())
                if (const auto *s = design.site(pa.site); s && s->logicalNetwork == logicalNetwork)
                    return pa.address;
        return it->second.front();
    };

    // Routing domains.
    std::unordered_map<Id, std::size_t> rdIndex;
    for (const auto &vmn : design.vmNetworks) {
        if (!vmn.isIsolated())
            continue;
        RoutingDomain rd;
        rd.vmNetwork = vmn.id;
        rd.name = vmn.name;
        rd.rdid = routingDomainGuid(vmn.id);
        rd.customerId = customerGuid(vmn.id);
        rd.routerMac = routerMac(rd.rdid);
        rd.translation = vmn.effectiveTranslation();
        for (const auto &sub : vmn.subnets) {
            auto p = net::parsePrefix(sub.prefix).prefix;
            if (!p)
                continue;
            SubnetPolicy sp;
            sp.id = sub.id;
            sp.prefix = p->toString();
            sp.vsid = static_cast<std::uint32_t>(sub.vsid);
            sp.gatewayAddress = subnetGateway(design, sub, &sp.dns);
            rd.subnets.push_back(std::move(sp));
        }
        rdIndex[vmn.id] = out.routingDomains.size();
        out.routingDomains.push_back(std::move(rd));
    }

    // Ports and lookup records, VMs in model order.
    for (const auto &vm : design.vms) {
        for (const auto &nic : vm.nics) {
            if (!nic.vmNetwork)
                continue;
            const VmNetwork *vmn = design.vmNetwork(*nic.vmNetwork);
            if (!vmn)
                continue;
            PortPolicy port;
            port.nic = nic.id;
            port.vm = vm.id;
            port.vmName = vm.name;
            port.host = vm.host;
            port.vmNetwork = vmn->id;
            port.isolated = vmn->isIsolated();
            port.ipMode = nic.ipMode;
            port.logicalSwitch = nic.logicalSwitch.value_or(Id());
            port.translation = vmn->effectiveTranslation();
            if (const auto *a = findIn(alloc.nicAddress, nic.id))
                port.address = normalAddress(*a);
            else if (nic.ip)
                port.address = normalAddress(*nic.ip);
            if (const auto *m = findIn(alloc.nicMac, nic.id))
                port.mac = normalMac(*m);
            else if (nic.mac)
                port.mac = normalMac(*nic.mac);
            if (const auto *pp = portProfileFor(design, nic)) {
                port.macSpoofing = pp->security.macSpoofing;
                port.dhcpGuard = pp->security.dhcpGuard;
                port.routerGuard = pp->security.routerGuard;
                port.maximumMbps = pp->bandwidth.maximumMbps;
            }
            const VmSubnet *sub = nullptr;
            if (port.isolated && nic.vmSubnet) {
                sub = design.vmSubnet(*nic.vmSubnet);
                const VmNetwork *owner = design.vmNetworkOfSubnet(*nic.vmSubnet);
                if (owner != vmn)
                    sub = nullptr;
            }
            if (sub) {
                port.vmSubnet = sub->id;
                port.vsid = static_cast<std::uint32_t>(sub->vsid);
                if (auto p = net::parsePrefix(sub->prefix).prefix)
                    port.prefixLength = p->length;
                port.gatewayAddress = subnetGateway(design, *sub, &port.dns);
            }
            if (port.translation == Translation::Rewrite)
                if (const auto *ra = findIn(alloc.rewriteAddress, nic.id))
                    port.rewriteAddress = normalAddress(*ra);

            if (port.isolated && sub && !port.address.empty() && !port.mac.empty()) {
                LookupRecord rec;
                rec.customerAddress = port.address;
                rec.virtualSubnetId = port.vsid;
                rec.macAddress = port.mac;
                rec.vmName = vm.name;
                rec.customerId = out.routingDomains[rdIndex.at(vmn->id)].customerId.toString();
                rec.vmNetwork = vmn->id;
                rec.vmSubnet = sub->id;
                rec.host = vm.host;
                rec.nic = nic.id;
                if (port.rewriteAddress) {
                    rec.providerAddress = *port.rewriteAddress;
                    rec.rule = Rule::Nat;
                } else {
                    rec.providerAddress = hostPaFor(vm.host, vmn->logicalNetwork);
                    rec.rule = Rule::Encap;
                }
                if (!rec.providerAddress.empty())
                    out.lookupRecords.push_back(std::move(rec));
            }
            out.ports.push_back(std::move(port));
        }
    }

    // Gateways: a lookup record each, and a customer route for the external prefix.
    for (const auto &gw : design.gateways) {
        const VmNetwork *vmn = design.vmNetwork(gw.vmNetwork);
        const VmSubnet *sub = design.vmSubnet(gw.vmSubnet);
        if (!vmn || !vmn->isIsolated() || !sub || design.vmNetworkOfSubnet(gw.vmSubnet) != vmn)
            continue;
        GatewayPolicy g;
        g.id = gw.id;
        g.name = gw.name;
        g.vmNetwork = vmn->id;
        g.vmSubnet = sub->id;
        g.vsid = static_cast<std::uint32_t>(sub->vsid);
        g.address = normalAddress(gw.address);
        g.mac = derivedMac(0x06, "gateway:" + gw.id);
        g.host = gw.host;
        g.providerAddress = hostPaFor(gw.host, vmn->logicalNetwork);
        auto ext = net::parsePrefix(gw.externalPrefix).prefix;
        g.externalPrefix = ext ? ext->toString() : std::string();
        g.mode = gw.mode;
        g.externalAddress = gw.externalAddress;
        if (!g.address.empty() && !g.providerAddress.empty()) {
            LookupRecord rec;
            rec.customerAddress = g.address;
            rec.virtualSubnetId = g.vsid;
            rec.macAddress = g.mac;
            rec.providerAddress = g.providerAddress;
            rec.rule = Rule::Encap;
            rec.vmName = gw.name;
            rec.customerId = out.routingDomains[rdIndex.at(vmn->id)].customerId.toString();
            rec.vmNetwork = vmn->id;
            rec.vmSubnet = sub->id;
            rec.host = gw.host;
            rec.nic = gw.id;
            rec.isGateway = true;
            out.lookupRecords.push_back(std::move(rec));
        }
        out.gateways.push_back(std::move(g));
    }

    // Customer routes: per routing domain, each VM subnet on-link, then its gateways.
    constexpr int kMetric = 255;
    for (const auto &rd : out.routingDomains) {
        const std::string rdid = rd.rdid.toString();
        for (const auto &sub : rd.subnets) {
            CustomerRoute r;
            r.routingDomainId = rdid;
            r.virtualSubnetId = sub.vsid;
            r.destinationPrefix = sub.prefix;
            r.nextHop = sub.prefix.find(':') == std::string::npos ? "0.0.0.0" : "::";
            r.metric = kMetric;
            r.vmNetwork = rd.vmNetwork;
            out.customerRoutes.push_back(std::move(r));
        }
        for (const auto &g : out.gateways) {
            if (g.vmNetwork != rd.vmNetwork || g.externalPrefix.empty() || g.address.empty())
                continue;
            CustomerRoute r;
            r.routingDomainId = rdid;
            r.virtualSubnetId = g.vsid;
            r.destinationPrefix = g.externalPrefix;
            r.nextHop = g.address;
            r.metric = kMetric;
            r.vmNetwork = rd.vmNetwork;
            r.gateway = g.id;
            out.customerRoutes.push_back(std::move(r));
        }
    }
    return out;
}

} // namespace netvirt::core::policy
