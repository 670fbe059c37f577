// IPAM: deterministic allocation of provider addresses, customer/standard addresses and MACs
// from the design's pools, in the order documented in ipam.h.
#include <netvirt/core/ipam/ipam.h>

#include <netvirt/core/net/address.h>

#include <algorithm>
#include <optional>
#include <unordered_set>

namespace netvirt::core::ipam {

namespace {

using net::AddrKey;

struct KeyHash {
    std::size_t operator()(const AddrKey &k) const
    {
        return std::hash<std::uint64_t>{}(k.hi * 0x9E3779B97F4A7C15ull ^ k.lo);
    }
};
using AddrSet = std::unordered_set<AddrKey, KeyHash>;

std::optional<AddrKey> keyOf(std::string_view text)
{
    auto a = net::parseAddress(text);
    if (!a)
        return std::nullopt;
    return net::toKey(*a);
}

// An IP pool as IPAM sees it: the allocatable range clipped to the subnet, what to skip, and
// the address space it allocates in.
struct IpPoolState {
    const IpPool *pool = nullptr;
    std::size_t order = 0;          // position in design.ipPools
    bool usable = false;
    bool v4 = true;
    AddrKey rawFirst, rawLast;      // the range as written (for poolUse)
    bool rawValid = false;
    AddrKey first, last;            // clipped to the subnet's host addresses
    AddrKey cursor;                 // everything below is taken or not allocatable
    bool done = false;
    std::vector<net::AddressRange> reserved;
    std::vector<AddrKey> gateways;
    Id space;                       // logical network id (site pool) or VM network id
    std::size_t allocated = 0;
    std::size_t unmet = 0;
};

struct MacPoolState {
    const MacPool *pool = nullptr;
    bool usable = false;
    std::uint64_t first = 0, last = 0;
    std::uint64_t cursor = 0;
    bool done = false;
    std::size_t allocated = 0;
    std::size_t unmet = 0;
};

bool isMulticastMac(std::uint64_t v) { return (v >> 40) & 1; }

class Allocator {
public:
    explicit Allocator(const Design &d) : m_d(d) {}

    Allocation run()
    {
        initIpPools();
        initMacPools();
        collectUsed();
        allocateProviderAddresses();
        allocateVmNicAddresses();
        allocateHostVnicAddresses();
        allocateMacs();
        countPoolUse();
        reportShortages();
        return std::move(m_out);
    }

private:
    // ---- host groups and the NV200 walk -------------------------------------------------

    // The host group and its ancestors, nearest first; stops at a cycle or a missing parent.
    std::vector<Id> ancestors(const Id &group) const
    {
        std::vector<Id> chain;
        const HostGroup *g = m_d.hostGroup(group);
        while (g && std::find(chain.begin(), chain.end(), g->id) == chain.end()) {
            chain.push_back(g->id);
            g = g->parent ? m_d.hostGroup(*g->parent) : nullptr;
        }
        return chain;
    }

    const std::vector<Id> &ancestorsCached(const Id &group)
    {
        auto it = m_ancestors.find(group);
        if (it == m_ancestors.end())
            it = m_ancestors.emplace(group, ancestors(group)).first;
        return it->second;
    }

    // Sites reachable from a host through one of its switch entries (all when sw is null):
    // adapters → uplink port profiles → sites scoped to the host's group or an ancestor.
    std::vector<const Site *> reachableSites(const Host &host, const HostSwitch *sw)
    {
        const std::vector<Id> &groups = ancestorsCached(host.hostGroup);
        std::vector<const Site *> out;
        auto visit = [&](const HostSwitch &s) {
            for (const Adapter &a : s.adapters) {
                const UplinkPortProfile *up = m_d.uplinkPortProfile(a.uplinkProfile);
                if (!up)
                    continue;
                for (const Id &siteId : up->sites) {
                    const Site *site = m_d.site(siteId);
                    if (!site || std::find(out.begin(), out.end(), site) != out.end())
                        continue;
                    bool scoped = std::any_of(site->hostGroups.begin(), site->hostGroups.end(), [&](const Id &g) {
                        return std::find(groups.begin(), groups.end(), g) != groups.end();
                    });
                    if (scoped)
                        out.push_back(site);
                }
            }
        };
        if (sw)
            visit(*sw);
        else
            for (const HostSwitch &s : host.switches)
                visit(s);
        return out;
    }

    // Pools (indices into m_pools, design order) of the given sites.
    std::vector<std::size_t> poolsOfSites(const std::vector<const Site *> &sites) const
    {
        std::vector<std::size_t> out;
        for (const Site *s : sites) {
            auto it = m_poolsBySite.find(s->id);
            if (it != m_poolsBySite.end())
                out.insert(out.end(), it->second.begin(), it->second.end());
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

    // ---- pools ----------------------------------------------------------------------------

    void initIpPools()
    {
        // The gateway of each VM subnet: the first pool of the subnet that names one, else the
        // subnet's first host address (FORMAT.md).
        std::unordered_map<Id, AddrKey> vmSubnetGateway;
        for (const IpPool &p : m_d.ipPools) {
            if (p.vmSubnet && p.gateway && !vmSubnetGateway.count(*p.vmSubnet))
                if (auto k = keyOf(*p.gateway))
                    vmSubnetGateway.emplace(*p.vmSubnet, *k);
        }

        m_pools.reserve(m_d.ipPools.size());
        for (std::size_t i = 0; i < m_d.ipPools.size(); ++i) {
            const IpPool &p = m_d.ipPools[i];
            IpPoolState st;
            st.pool = &p;
            st.order = i;
            auto start = net::parseAddress(p.start);
            auto end = net::parseAddress(p.end);
            if (start && end && start->is_v4() == end->is_v4()) {
                st.rawFirst = net::toKey(*start);
                st.rawLast = net::toKey(*end);
                st.rawValid = st.rawFirst <= st.rawLast;
                st.v4 = start->is_v4();
            }

            std::optional<net::Prefix> subnet;
            if (p.vmSubnet) {
                const VmSubnet *vs = m_d.vmSubnet(*p.vmSubnet);
                const VmNetwork *vn = m_d.vmNetworkOfSubnet(*p.vmSubnet);
                if (vs && vn) {
                    subnet = net::parsePrefix(vs->prefix).prefix;
                    st.space = vn->id;
                    if (subnet) {
                        auto gw = vmSubnetGateway.find(vs->id);
                        st.gateways.push_back(gw != vmSubnetGateway.end() ? gw->second : net::toKey(subnet->firstHost()));
                    }
                }
            } else if (p.site && p.subnet) {
                const Site *site = m_d.site(*p.site);
                auto pp = net::parsePrefix(*p.subnet).prefix;
                if (site && pp) {
                    bool onSite = std::any_of(site->subnets.begin(), site->subnets.end(), [&](const SiteSubnet &ss) {
                        auto sp = net::parsePrefix(ss.prefix).prefix;
                        return sp && *sp == *pp;
                    });
                    if (onSite) {
                        subnet = pp;
                        st.space = site->logicalNetwork;
                        m_poolsBySite[site->id].push_back(i);
                    }
                }
            }
            if (p.gateway)
                if (auto k = keyOf(*p.gateway))
                    st.gateways.push_back(*k);
            for (const std::string &r : p.reserved)
                if (auto range = net::parseRange(r))
                    st.reserved.push_back(*range);

            if (st.rawValid && subnet && subnet->isV4() == st.v4) {
                AddrKey lo = subnet->first();
                AddrKey hi = subnet->last();
                if (st.v4 && subnet->length < 31) {
                    lo = net::next(lo);  // not the network address
                    hi = net::prev(hi);  // nor the broadcast address
                }
                st.first = std::max(st.rawFirst, lo);
                st.last = std::min(st.rawLast, hi);
                st.usable = st.first <= st.last;
                st.cursor = st.first;
            }
            if (p.vmSubnet)
                m_poolsByVmSubnet[*p.vmSubnet].push_back(i);
            m_pools.push_back(std::move(st));
        }
    }

    void initMacPools()
    {
        m_macPools.reserve(m_d.macPools.size());
        for (const MacPool &p : m_d.macPools) {
            MacPoolState st;
            st.pool = &p;
            auto a = net::parseMac(p.start);
            auto b = net::parseMac(p.end);
            if (a && b && a->toU64() <= b->toU64()) {
                st.first = a->toU64();
                st.last = b->toU64();
                st.cursor = st.first;
                st.usable = true;
            }
            for (const Id &g : p.hostGroups)
                m_macPoolsByGroup[g].push_back(m_macPools.size());
            m_macPools.push_back(st);
        }
    }

    // Takes the lowest free address of a pool, or nothing when it is exhausted.
    std::optional<AddrKey> take(IpPoolState &st)
    {
        if (!st.usable)
            return std::nullopt;
        AddrSet &used = m_used[st.space];
        while (!st.done) {
            AddrKey k = st.cursor;
            if (k == st.last)
                st.done = true;
            else
                st.cursor = net::next(k);
            bool skip = false;
            for (const net::AddressRange &r : st.reserved) {
                if (r.v4 == st.v4 && r.first <= k && k <= r.last) {
                    skip = true;
                    if (r.last >= st.last)
                        st.done = true;
                    else if (st.cursor <= r.last)
                        st.cursor = net::next(r.last);
                    break;
                }
            }
            if (skip || std::find(st.gateways.begin(), st.gateways.end(), k) != st.gateways.end() || used.count(k))
                continue;
            used.insert(k);
            ++st.allocated;
            return k;
        }
        return std::nullopt;
    }

    // One address from the first candidate pool with a free one; a miss is charged to the
    // first candidate (the pool the design would have to grow).
    std::optional<std::string> takeFrom(const std::vector<std::size_t> &candidates, const Id &owner)
    {
        for (std::size_t i : candidates) {
            IpPoolState &st = m_pools[i];
            if (auto k = take(st)) {
                m_out.allocatedFrom[owner].push_back(st.pool->id);
                return net::fromKey(*k, st.v4).to_string();
            }
        }
        if (!candidates.empty())
            ++m_pools[candidates.front()].unmet;
        return std::nullopt;
    }

    // ---- what is already in use ---------------------------------------------------------

    void markUsed(const Id &space, const std::string &text)
    {
        if (auto k = keyOf(text))
            m_used[space].insert(*k);
    }

    void collectUsed()
    {
        for (const Site &s : m_d.sites)
            for (const SiteSubnet &ss : s.subnets)
                if (auto p = net::parsePrefix(ss.prefix).prefix)
                    m_siteSubnets.emplace_back(*p, s.logicalNetwork);
        for (const Host &h : m_d.hosts) {
            if (!h.providerAddresses)
                continue;
            for (const std::string &pa : *h.providerAddresses) {
                auto a = net::parseAddress(pa);
                if (!a)
                    continue;
                for (const auto &[prefix, ln] : m_siteSubnets)
                    if (prefix.contains(*a))
                        m_used[ln].insert(net::toKey(*a));
            }
        }
        for (const Vm &vm : m_d.vms) {
            for (const VmNic &nic : vm.nics) {
                if (!nic.ip || !nic.vmNetwork)
                    continue;
                const VmNetwork *vn = m_d.vmNetwork(*nic.vmNetwork);
                if (!vn)
                    continue;
                markUsed(vn->isIsolated() ? vn->id : vn->logicalNetwork, *nic.ip);
            }
        }
        for (const Host &h : m_d.hosts)
            for (const HostSwitch &s : h.switches)
                for (const HostVnic &v : s.hostVnics) {
                    if (!v.ip || !v.vmNetwork)
                        continue;
                    const VmNetwork *vn = m_d.vmNetwork(*v.vmNetwork);
                    if (vn)
                        markUsed(vn->isIsolated() ? vn->id : vn->logicalNetwork, *v.ip);
                }
        for (const Gateway &g : m_d.gateways)
            markUsed(g.vmNetwork, g.address);
    }

    // ---- 1. provider addresses -------------------------------------------------------------

    std::vector<const Host *> hostsById() const
    {
        std::vector<const Host *> hosts;
        hosts.reserve(m_d.hosts.size());
        for (const Host &h : m_d.hosts)
            hosts.push_back(&h);
        std::sort(hosts.begin(), hosts.end(), [](const Host *a, const Host *b) { return a->id < b->id; });
        return hosts;
    }

    std::vector<const Vm *> vmsById() const
    {
        std::vector<const Vm *> vms;
        vms.reserve(m_d.vms.size());
        for (const Vm &vm : m_d.vms)
            vms.push_back(&vm);
        std::sort(vms.begin(), vms.end(), [](const Vm *a, const Vm *b) { return a->id < b->id; });
        return vms;
    }

    void allocateProviderAddresses()
    {
        // Per host: its Rewrite vNICs (id order) and whether it runs isolated VMs.
        std::unordered_map<Id, std::vector<Id>> rewriteNics;
        std::unordered_set<Id> runsIsolated;
        for (const Vm &vm : m_d.vms) {
            for (const VmNic &nic : vm.nics) {
                const VmNetwork *vn = nic.vmNetwork ? m_d.vmNetwork(*nic.vmNetwork) : nullptr;
                if (!vn || !vn->isIsolated())
                    continue;
                runsIsolated.insert(vm.host);
                if (vn->effectiveTranslation() == Translation::Rewrite)
                    rewriteNics[vm.host].push_back(nic.id);
            }
        }
        for (auto &[host, nics] : rewriteNics)
            std::sort(nics.begin(), nics.end());

        for (const Host *h : hostsById()) {
            std::vector<std::string> pas;
            if (h->providerAddresses)
                pas = *h->providerAddresses;
            const auto rw = rewriteNics.find(h->id);
            const std::size_t rewriteCount = rw == rewriteNics.end() ? 0 : rw->second.size();
            const std::size_t needed = 1 + rewriteCount;
            if (pas.size() < needed) {
                std::vector<const Site *> sites = reachableSites(*h, nullptr);
                std::erase_if(sites, [&](const Site *s) {
                    const LogicalNetwork *ln = m_d.logicalNetwork(s->logicalNetwork);
                    return !ln || !ln->networkVirtualization;
                });
                const std::vector<std::size_t> candidates = poolsOfSites(sites);
                while (pas.size() < needed) {
                    auto a = takeFrom(candidates, h->id);
                    if (!a)
                        break;
                    pas.push_back(std::move(*a));
                }
            }
            if (rw != rewriteNics.end()) {
                for (std::size_t k = 0; k < rw->second.size(); ++k) {
                    if (k + 1 < pas.size())
                        m_out.rewriteAddress.emplace(rw->second[k], pas[k + 1]);
                    else
                        m_out.rewriteNicsWithoutProvider.push_back(rw->second[k]);
                }
            }
            if (pas.empty()) {
                if (runsIsolated.count(h->id))
                    m_out.hostsWithoutProvider.push_back(h->id);
            } else {
                m_out.providerAddresses.emplace(h->id, std::move(pas));
            }
        }
    }

    // ---- 2. and 3. vNIC addresses ------------------------------------------------------------

    const HostSwitch *switchOnHost(const Host &host, const std::optional<Id> &logicalSwitch) const
    {
        if (!logicalSwitch)
            return nullptr;
        for (const HostSwitch &s : host.switches)
            if (s.logicalSwitch == *logicalSwitch)
                return &s;
        return nullptr;
    }

    // Pools of the sites of a standard VM network's logical network reachable through one
    // host switch.
    std::vector<std::size_t> standardPools(const Host &host, const HostSwitch *sw, const VmNetwork &vn)
    {
        if (!sw)
            return {};
        std::vector<const Site *> sites = reachableSites(host, sw);
        std::erase_if(sites, [&](const Site *s) { return s->logicalNetwork != vn.logicalNetwork; });
        return poolsOfSites(sites);
    }

    void allocateVmNicAddresses()
    {
        for (const Vm *vm : vmsById()) {
            const Host *host = m_d.host(vm->host);
            for (const VmNic &nic : vm->nics) {
                if (nic.ip) {
                    m_out.nicAddress.emplace(nic.id, *nic.ip);
                    continue;
                }
                const VmNetwork *vn = nic.vmNetwork ? m_d.vmNetwork(*nic.vmNetwork) : nullptr;
                if (!vn)
                    continue;
                std::vector<std::size_t> candidates;
                if (vn->isIsolated()) {
                    const bool wanted = (nic.ipMode == IpMode::Pool && vm->provisioning == Provisioning::Template)
                        || nic.ipMode == IpMode::Dhcp;
                    if (!wanted)
                        continue;
                    const VmNetwork *owner = nic.vmSubnet ? m_d.vmNetworkOfSubnet(*nic.vmSubnet) : nullptr;
                    if (owner == vn) {
                        auto it = m_poolsByVmSubnet.find(*nic.vmSubnet);
                        if (it != m_poolsByVmSubnet.end())
                            candidates = it->second;
                    }
                } else {
                    if (nic.ipMode != IpMode::Pool || vm->provisioning != Provisioning::Template)
                        continue;
                    if (host)
                        candidates = standardPools(*host, switchOnHost(*host, nic.logicalSwitch), *vn);
                }
                if (auto a = takeFrom(candidates, nic.id))
                    m_out.nicAddress.emplace(nic.id, std::move(*a));
                else
                    m_out.nicsWithoutAddress.push_back(nic.id);
            }
        }
    }

    void allocateHostVnicAddresses()
    {
        for (const Host *h : hostsById()) {
            for (const HostSwitch &s : h->switches) {
                for (const HostVnic &v : s.hostVnics) {
                    if (v.ip) {
                        m_out.nicAddress.emplace(v.id, *v.ip);
                        continue;
                    }
                    if (v.ipMode != IpMode::Pool || !v.vmNetwork)
                        continue;
                    const VmNetwork *vn = m_d.vmNetwork(*v.vmNetwork);
                    if (!vn || vn->isIsolated())
                        continue; // NV208: host vNICs are on standard networks only
                    if (auto a = takeFrom(standardPools(*h, &s, *vn), v.id))
                        m_out.nicAddress.emplace(v.id, std::move(*a));
                    else
                        m_out.nicsWithoutAddress.push_back(v.id);
                }
            }
        }
    }

    // ---- 4. MACs -----------------------------------------------------------------------------

    std::optional<std::uint64_t> takeMac(MacPoolState &st)
    {
        while (st.usable && !st.done) {
            std::uint64_t v = st.cursor;
            if (v == st.last)
                st.done = true;
            else
                ++st.cursor;
            if (isMulticastMac(v) || m_usedMacs.count(v))
                continue;
            m_usedMacs.insert(v);
            ++st.allocated;
            return v;
        }
        return std::nullopt;
    }

    // MAC pools for a host group: its own first, then its parent's, and so on.
    std::vector<std::size_t> macPoolsFor(const Host *host)
    {
        std::vector<std::size_t> out;
        if (!host)
            return out;
        for (const Id &g : ancestorsCached(host->hostGroup)) {
            auto it = m_macPoolsByGroup.find(g);
            if (it == m_macPoolsByGroup.end())
                continue;
            for (std::size_t i : it->second)
                if (std::find(out.begin(), out.end(), i) == out.end())
                    out.push_back(i);
        }
        return out;
    }

    void assignMac(const Id &nicId, const std::optional<std::string> &given, const Host *host)
    {
        if (given) {
            m_out.nicMac.emplace(nicId, *given);
            return;
        }
        const std::vector<std::size_t> candidates = macPoolsFor(host);
        for (std::size_t i : candidates) {
            if (auto v = takeMac(m_macPools[i])) {
                m_out.nicMac.emplace(nicId, net::MacAddress::fromU64(*v).toString());
                m_out.allocatedFrom[nicId].push_back(m_macPools[i].pool->id);
                return;
            }
        }
        if (!candidates.empty())
            ++m_macPools[candidates.front()].unmet;
        m_out.nicsWithoutMac.push_back(nicId);
    }

    void allocateMacs()
    {
        // Every MAC already in the design is taken: vNICs (VM and host) and physical NICs.
        auto mark = [&](const std::optional<std::string> &mac) {
            if (mac)
                if (auto m = net::parseMac(*mac))
                    m_usedMacs.insert(m->toU64());
        };
        for (const Vm &vm : m_d.vms)
            for (const VmNic &nic : vm.nics)
                mark(nic.mac);
        for (const Host &h : m_d.hosts) {
            for (const PhysicalNic &n : h.physicalNics)
                mark(n.mac ? n.mac : std::optional<std::string>(derivedNicMac(n.id)));
            for (const HostSwitch &s : h.switches)
                for (const HostVnic &v : s.hostVnics)
                    mark(v.mac);
        }

        for (const Vm *vm : vmsById()) {
            const Host *host = m_d.host(vm->host);
            for (const VmNic &nic : vm->nics)
                assignMac(nic.id, nic.mac, host);
        }
        for (const Host *h : hostsById())
            for (const HostSwitch &s : h->switches)
                for (const HostVnic &v : s.hostVnics)
                    assignMac(v.id, v.mac, h);
    }

    // ---- results -------------------------------------------------------------------------------

    void countPoolUse()
    {
        // Final addresses per address space, sorted, so each pool counts by binary search.
        std::unordered_map<Id, std::vector<AddrKey>> spaces;
        auto add = [&](const Id &space, const std::string &text) {
            if (auto k = keyOf(text))
                spaces[space].push_back(*k);
        };
        for (const Host &h : m_d.hosts) {
            auto it = m_out.providerAddresses.find(h.id);
            if (it == m_out.providerAddresses.end())
                continue;
            // A provider address belongs to the logical networks whose site subnets hold it.
            for (const std::string &pa : it->second) {
                auto a = net::parseAddress(pa);
                if (!a)
                    continue;
                const Id *last = nullptr;
                for (const auto &[prefix, ln] : m_siteSubnets)
                    if ((!last || *last != ln) && prefix.contains(*a)) {
                        spaces[ln].push_back(net::toKey(*a));
                        last = &ln;
                    }
            }
        }
        auto addNic = [&](const Id &nicId, const std::optional<Id> &vmNetwork) {
            auto it = m_out.nicAddress.find(nicId);
            if (it == m_out.nicAddress.end() || !vmNetwork)
                return;
            const VmNetwork *vn = m_d.vmNetwork(*vmNetwork);
            if (vn)
                add(vn->isIsolated() ? vn->id : vn->logicalNetwork, it->second);
        };
        for (const Vm &vm : m_d.vms)
            for (const VmNic &nic : vm.nics)
                addNic(nic.id, nic.vmNetwork);
        for (const Host &h : m_d.hosts)
            for (const HostSwitch &s : h.switches)
                for (const HostVnic &v : s.hostVnics)
                    addNic(v.id, v.vmNetwork);
        for (const Gateway &g : m_d.gateways)
            add(g.vmNetwork, g.address);
        for (auto &[space, keys] : spaces) {
            std::sort(keys.begin(), keys.end());
            keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        }

        for (const IpPoolState &st : m_pools) {
            std::size_t n = 0;
            auto it = spaces.find(st.space);
            if (st.rawValid && !st.space.empty() && it != spaces.end()) {
                const auto &keys = it->second;
                n = static_cast<std::size_t>(std::upper_bound(keys.begin(), keys.end(), st.rawLast)
                                             - std::lower_bound(keys.begin(), keys.end(), st.rawFirst));
            }
            m_out.poolUse[st.pool->id] = n;
        }

        std::vector<std::uint64_t> macs;
        macs.reserve(m_out.nicMac.size());
        for (const auto &[nic, mac] : m_out.nicMac)
            if (auto m = net::parseMac(mac))
                macs.push_back(m->toU64());
        std::sort(macs.begin(), macs.end());
        for (const MacPool &p : m_d.macPools) {
            std::size_t n = 0;
            auto a = net::parseMac(p.start);
            auto b = net::parseMac(p.end);
            if (a && b && a->toU64() <= b->toU64())
                n = static_cast<std::size_t>(std::upper_bound(macs.begin(), macs.end(), b->toU64())
                                             - std::lower_bound(macs.begin(), macs.end(), a->toU64()));
            m_out.poolUse[p.id] = n;
        }
    }

    void reportShortages()
    {
        for (const IpPoolState &st : m_pools)
            if (st.unmet > 0)
                m_out.shortages.push_back(PoolShortage{st.pool->id, st.allocated + st.unmet, st.allocated});
        for (const MacPoolState &st : m_macPools)
            if (st.unmet > 0)
                m_out.shortages.push_back(PoolShortage{st.pool->id, st.allocated + st.unmet, st.allocated});
    }

    const Design &m_d;
    Allocation m_out;
    std::vector<IpPoolState> m_pools;
    std::vector<MacPoolState> m_macPools;
    std::unordered_map<Id, std::vector<std::size_t>> m_poolsBySite;
    std::unordered_map<Id, std::vector<std::size_t>> m_poolsByVmSubnet;
    std::unordered_map<Id, std::vector<std::size_t>> m_macPoolsByGroup;
    std::unordered_map<Id, std::vector<Id>> m_ancestors;
    std::unordered_map<Id, AddrSet> m_used;  // address space id → addresses taken
    std::vector<std::pair<net::Prefix, Id>> m_siteSubnets;  // every site subnet, with its logical network
    std::unordered_set<std::uint64_t> m_usedMacs;
};

} // namespace

Allocation allocate(const Design &design)
{
    return Allocator(design).run();
}

namespace {
Change modified(const Id &id, EntityKind kind, const char *field)
{
    Change c;
    c.type = Change::Type::Modified;
    c.id = id;
    c.kind = kind;
    c.field = field;
    return c;
}
} // namespace

Result<ChangeSet> apply(Design &design, const Allocation &allocation)
{
    ChangeSet changes;
    for (Host &h : design.hosts) {
        auto it = allocation.providerAddresses.find(h.id);
        if (it != allocation.providerAddresses.end()) {
            const std::vector<std::string> current = h.providerAddresses.value_or(std::vector<std::string>{});
            if (current != it->second) {
                h.providerAddresses = it->second;
                changes.push_back(modified(h.id, EntityKind::Host, "providerAddresses"));
            }
        }
        for (HostSwitch &s : h.switches) {
            for (HostVnic &v : s.hostVnics) {
                auto ip = allocation.nicAddress.find(v.id);
                if (!v.ip && ip != allocation.nicAddress.end()) {
                    v.ip = ip->second;
                    changes.push_back(modified(v.id, EntityKind::HostVnic, "ip"));
                }
                auto mac = allocation.nicMac.find(v.id);
                if (!v.mac && mac != allocation.nicMac.end()) {
                    v.mac = mac->second;
                    changes.push_back(modified(v.id, EntityKind::HostVnic, "mac"));
                }
            }
        }
    }
    for (Vm &vm : design.vms) {
        for (VmNic &nic : vm.nics) {
            auto ip = allocation.nicAddress.find(nic.id);
            if (!nic.ip && ip != allocation.nicAddress.end()) {
                nic.ip = ip->second;
                changes.push_back(modified(nic.id, EntityKind::VmNic, "ip"));
            }
            auto mac = allocation.nicMac.find(nic.id);
            if (!nic.mac && mac != allocation.nicMac.end()) {
                nic.mac = mac->second;
                changes.push_back(modified(nic.id, EntityKind::VmNic, "mac"));
            }
        }
    }
    // Fields only: ids and positions are unchanged, so the index stays valid.
    return changes;
}

std::string derivedNicMac(std::string_view nicId)
{
    // FNV-1a 64, then a finaliser so that similar ids spread over the whole space.
    std::uint64_t h = 0xCBF29CE484222325ull;
    for (char c : nicId) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001B3ull;
    }
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    std::uint64_t v = h & 0xFFFFFFFFFFFFull;
    // Locally administered (bit 1 of the first octet set), unicast (bit 0 clear).
    v = (v & ~(std::uint64_t{0x01} << 40)) | (std::uint64_t{0x02} << 40);
    return net::MacAddress::fromU64(v).toString();
}

} // namespace netvirt::core::ipam
