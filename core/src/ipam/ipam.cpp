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

// Dotted-quad IPv4 without allocating (the common case, parsed tens of thousands of times per
// validation); anything else goes through net::parseAddress. Accepts exactly what inet_pton
// accepts for IPv4: four decimal octets, no leading zeros.
std::optional<AddrKey> keyOf(std::string_view text)
{
    std::uint32_t v = 0;
    int octets = 0;
    std::size_t i = 0;
    bool fast = !text.empty() && text.size() <= 15;
    while (fast && i < text.size()) {
        std::size_t j = i;
        std::uint32_t octet = 0;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9' && j - i < 3)
            octet = octet * 10 + static_cast<std::uint32_t>(text[j++] - '0');
        const std::size_t len = j - i;
        if (len == 0 || octet > 255 || (len > 1 && text[i] == '0')) {
            fast = false;
            break;
        }
        v = (v << 8) | octet;
        ++octets;
        if (j == text.size())
            break;
        if (text[j] != '.' || octets == 4) {
            fast = false;
            break;
        }
        i = j + 1;
        if (i == text.size())
            fast = false;
    }
    if (fast && octets == 4)
        return net::toKey(net::IpAddress(net::Ipv4(v)));
    auto a = net::parseAddress(text);
    if (!a)
        return std::nullopt;
    return net::toKey(*a);
}

// An IP pool as IPAM sees it: the allocatable range clipped to the subnet, what to skip, and
// the address space it allocates in.
struct IpPoolState {
    const IpPool *pool = nullptr;
    bool usable = false;
    bool v4 = true;
    AddrKey rawFirst, rawLast;      // the range as written (for poolUse)
    bool rawValid = false;
    AddrKey first, last;            // clipped to the subnet's host addresses
    AddrKey cursor;                 // everything below is taken or not allocatable
    bool done = false;
    std::vector<net::AddressRange> reserved;
    std::vector<AddrKey> gateways;
    int space = -1;                 // address space index (see Allocator::lnSpace/vmnSpace)
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

// One vNIC (of a VM or of a host), resolved and parsed once.
struct NicRec {
    const Id *id = nullptr;
    const Vm *vm = nullptr;                 // VM vNICs
    const VmNic *vmNic = nullptr;
    const HostSwitch *hostSwitch = nullptr; // host vNICs
    const HostVnic *hostVnic = nullptr;
    const Host *host = nullptr;             // the VM's host, or the vNIC's host
    const VmNetwork *network = nullptr;
    int space = -1;                         // where its address lives
    std::optional<AddrKey> address;         // given or allocated
    std::optional<std::uint64_t> mac;       // given or allocated
};

bool isMulticastMac(std::uint64_t v) { return (v >> 40) & 1; }

class Allocator {
public:
    explicit Allocator(const Design &d) : m_d(d) {}

    Allocation run()
    {
        resolve();
        m_out.nicAddress.reserve(m_vmNics.size() + m_hostNics.size());
        m_out.nicMac.reserve(m_vmNics.size() + m_hostNics.size());
        m_out.providerAddresses.reserve(m_d.hosts.size());
        m_out.poolUse.reserve(m_d.ipPools.size() + m_d.macPools.size());
        initIpPools();
        initMacPools();
        collectUsed();
        allocateProviderAddresses();
        allocateNicAddresses(m_vmNics);
        allocateNicAddresses(m_hostNics);
        allocateMacs();
        countPoolUse();
        reportShortages();
        return std::move(m_out);
    }

private:
    // ---- address spaces: logical networks (provider and standard addresses), then VM networks
    // (customer addresses, one routing domain each) ----------------------------------------------

    int lnSpace(const Id &logicalNetwork) const
    {
        const EntityRef *r = m_d.find(logicalNetwork);
        return r && r->kind == EntityKind::LogicalNetwork ? static_cast<int>(r->index) : -1;
    }

    int vmnSpace(const VmNetwork *vn) const
    {
        return static_cast<int>(m_d.logicalNetworks.size() + static_cast<std::size_t>(vn - m_d.vmNetworks.data()));
    }

    int spaceOf(const VmNetwork *vn) const
    {
        if (!vn)
            return -1;
        return vn->isIsolated() ? vmnSpace(vn) : lnSpace(vn->logicalNetwork);
    }

    // ---- the vNICs, in allocation order ----------------------------------------------------------

    void resolve()
    {
        m_used.resize(m_d.logicalNetworks.size() + m_d.vmNetworks.size());

        m_hostsById.reserve(m_d.hosts.size());
        for (const Host &h : m_d.hosts)
            m_hostsById.push_back(&h);
        auto byId = [](const auto *a, const auto *b) { return a->id < b->id; };
        if (!std::is_sorted(m_hostsById.begin(), m_hostsById.end(), byId))
            std::sort(m_hostsById.begin(), m_hostsById.end(), byId);

        std::vector<const Vm *> vms;
        vms.reserve(m_d.vms.size());
        for (const Vm &vm : m_d.vms)
            vms.push_back(&vm);
        if (!std::is_sorted(vms.begin(), vms.end(), byId))
            std::sort(vms.begin(), vms.end(), byId);

        auto parseMac = [](const std::optional<std::string> &text) -> std::optional<std::uint64_t> {
            if (!text)
                return std::nullopt;
            auto m = net::parseMac(*text);
            return m ? std::optional<std::uint64_t>(m->toU64()) : std::nullopt;
        };

        m_vmNics.reserve(m_d.vms.size());
        for (const Vm *vm : vms) {
            const Host *host = m_d.host(vm->host);
            for (const VmNic &nic : vm->nics) {
                NicRec r;
                r.id = &nic.id;
                r.vm = vm;
                r.vmNic = &nic;
                r.host = host;
                r.network = nic.vmNetwork ? m_d.vmNetwork(*nic.vmNetwork) : nullptr;
                r.space = spaceOf(r.network);
                if (nic.ip)
                    r.address = keyOf(*nic.ip);
                r.mac = parseMac(nic.mac);
                m_vmNics.push_back(r);
            }
        }
        for (const Host *h : m_hostsById) {
            for (const HostSwitch &s : h->switches) {
                for (const HostVnic &v : s.hostVnics) {
                    NicRec r;
                    r.id = &v.id;
                    r.hostSwitch = &s;
                    r.hostVnic = &v;
                    r.host = h;
                    r.network = v.vmNetwork ? m_d.vmNetwork(*v.vmNetwork) : nullptr;
                    r.space = spaceOf(r.network);
                    if (v.ip)
                        r.address = keyOf(*v.ip);
                    r.mac = parseMac(v.mac);
                    m_hostNics.push_back(r);
                }
            }
        }
    }

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
                    st.space = vmnSpace(vn);
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
                    st.space = lnSpace(site->logicalNetwork);
                    if (onSite && st.space >= 0) {
                        subnet = pp;
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

            if (st.rawValid && subnet && subnet->isV4() == st.v4 && st.space >= 0) {
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
        AddrSet &used = m_used[static_cast<std::size_t>(st.space)];
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
    std::optional<AddrKey> takeFrom(const std::vector<std::size_t> &candidates, const Id &owner, bool &v4)
    {
        for (std::size_t i : candidates) {
            IpPoolState &st = m_pools[i];
            if (auto k = take(st)) {
                m_out.allocatedFrom[owner].push_back(st.pool->id);
                v4 = st.v4;
                return k;
            }
        }
        if (!candidates.empty())
            ++m_pools[candidates.front()].unmet;
        return std::nullopt;
    }

    // ---- what is already in use ---------------------------------------------------------

    void collectUsed()
    {
        for (const Site &s : m_d.sites) {
            const int space = lnSpace(s.logicalNetwork);
            if (space < 0)
                continue;
            for (const SiteSubnet &ss : s.subnets)
                if (auto p = net::parsePrefix(ss.prefix).prefix)
                    m_siteSubnets.emplace_back(*p, space);
        }
        for (const Host &h : m_d.hosts) {
            if (!h.providerAddresses)
                continue;
            for (const std::string &pa : *h.providerAddresses)
                if (auto k = keyOf(pa))
                    for (int space : providerSpaces(*k))
                        m_used[static_cast<std::size_t>(space)].insert(*k);
        }
        for (const auto *recs : {&m_vmNics, &m_hostNics})
            for (const NicRec &r : *recs)
                if (r.address && r.space >= 0)
                    m_used[static_cast<std::size_t>(r.space)].insert(*r.address);
        for (const Gateway &g : m_d.gateways) {
            const VmNetwork *vn = m_d.vmNetwork(g.vmNetwork);
            if (vn)
                if (auto k = keyOf(g.address))
                    m_used[static_cast<std::size_t>(vmnSpace(vn))].insert(*k);
        }
    }

    // The logical networks (spaces) whose site subnets hold a provider address.
    std::vector<int> providerSpaces(AddrKey k) const
    {
        std::vector<int> out;
        for (const auto &[prefix, space] : m_siteSubnets)
            if (prefix.first() <= k && k <= prefix.last() && std::find(out.begin(), out.end(), space) == out.end())
                out.push_back(space);
        return out;
    }

    // ---- 1. provider addresses -------------------------------------------------------------

    void allocateProviderAddresses()
    {
        // Per host: its Rewrite vNICs (id order) and whether it runs isolated VMs.
        std::unordered_map<const Host *, std::vector<const NicRec *>> rewriteNics;
        std::unordered_set<const Host *> runsIsolated;
        for (const NicRec &r : m_vmNics) {
            if (!r.network || !r.network->isIsolated() || !r.host)
                continue;
            runsIsolated.insert(r.host);
            if (r.network->effectiveTranslation() == Translation::Rewrite)
                rewriteNics[r.host].push_back(&r);
        }
        for (auto &[host, nics] : rewriteNics)
            std::sort(nics.begin(), nics.end(), [](const NicRec *a, const NicRec *b) { return *a->id < *b->id; });

        for (const Host *h : m_hostsById) {
            std::vector<std::string> pas;
            if (h->providerAddresses)
                pas = *h->providerAddresses;
            const auto rw = rewriteNics.find(h);
            const std::size_t rewriteCount = rw == rewriteNics.end() ? 0 : rw->second.size();
            if (pas.size() < 1 + rewriteCount) {
                std::vector<const Site *> sites = reachableSites(*h, nullptr);
                std::erase_if(sites, [&](const Site *s) {
                    const LogicalNetwork *ln = m_d.logicalNetwork(s->logicalNetwork);
                    return !ln || !ln->networkVirtualization;
                });
                // The host's own PA from any network-virtualized site it reaches; a Rewrite PA
                // from a site of its vNIC's logical network.
                auto allocateOne = [&](const std::vector<const Site *> &from) {
                    bool v4 = true;
                    auto k = takeFrom(poolsOfSites(from), h->id, v4);
                    if (k)
                        pas.push_back(net::fromKey(*k, v4).to_string());
                    return k.has_value();
                };
                bool ok = !pas.empty() || allocateOne(sites);
                for (std::size_t n = 0; ok && n < rewriteCount; ++n) {
                    if (n + 1 < pas.size())
                        continue;
                    const Id &ln = rw->second[n]->network->logicalNetwork;
                    std::vector<const Site *> own;
                    for (const Site *s : sites)
                        if (s->logicalNetwork == ln)
                            own.push_back(s);
                    ok = allocateOne(own);
                }
            }
            if (rw != rewriteNics.end()) {
                for (std::size_t n = 0; n < rw->second.size(); ++n) {
                    if (n + 1 < pas.size())
                        m_out.rewriteAddress.emplace(*rw->second[n]->id, pas[n + 1]);
                    else
                        m_out.rewriteNicsWithoutProvider.push_back(*rw->second[n]->id);
                }
            }
            if (pas.empty()) {
                if (runsIsolated.count(h))
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

    // Which pools a vNIC without an address takes one from; nullopt when it takes none.
    std::optional<std::vector<std::size_t>> candidatesFor(const NicRec &r)
    {
        const VmNetwork *vn = r.network;
        if (!vn)
            return std::nullopt;
        if (r.hostVnic) {
            // Host vNICs: pool mode on standard networks only (NV208), through their own switch.
            if (r.hostVnic->ipMode != IpMode::Pool || vn->isIsolated())
                return std::nullopt;
            return standardPools(*r.host, r.hostSwitch, *vn);
        }
        const VmNic &nic = *r.vmNic;
        const bool fromTemplate = r.vm->provisioning == Provisioning::Template;
        if (vn->isIsolated()) {
            if (!((nic.ipMode == IpMode::Pool && fromTemplate) || nic.ipMode == IpMode::Dhcp))
                return std::nullopt;
            std::vector<std::size_t> out;
            const VmNetwork *owner = nic.vmSubnet ? m_d.vmNetworkOfSubnet(*nic.vmSubnet) : nullptr;
            if (owner == vn) {
                auto it = m_poolsByVmSubnet.find(*nic.vmSubnet);
                if (it != m_poolsByVmSubnet.end())
                    out = it->second;
            }
            return out;
        }
        // Standard networks: DHCP is answered by a real server; pools only for templates (NV126).
        if (nic.ipMode != IpMode::Pool || !fromTemplate)
            return std::nullopt;
        if (!r.host)
            return std::vector<std::size_t>{};
        return standardPools(*r.host, switchOnHost(*r.host, nic.logicalSwitch), *vn);
    }

    void allocateNicAddresses(std::vector<NicRec> &recs)
    {
        for (NicRec &r : recs) {
            const std::optional<std::string> &given = r.vmNic ? r.vmNic->ip : r.hostVnic->ip;
            if (given) {
                m_out.nicAddress.emplace(*r.id, *given);
                continue;
            }
            auto candidates = candidatesFor(r);
            if (!candidates)
                continue;
            bool v4 = true;
            if (auto k = takeFrom(*candidates, *r.id, v4)) {
                r.address = k;
                m_out.nicAddress.emplace(*r.id, net::fromKey(*k, v4).to_string());
            } else {
                m_out.nicsWithoutAddress.push_back(*r.id);
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
    const std::vector<std::size_t> &macPoolsFor(const Host *host)
    {
        static const std::vector<std::size_t> kNone;
        if (!host)
            return kNone;
        auto it = m_macCandidates.find(host->hostGroup);
        if (it != m_macCandidates.end())
            return it->second;
        std::vector<std::size_t> out;
        for (const Id &g : ancestorsCached(host->hostGroup)) {
            auto pools = m_macPoolsByGroup.find(g);
            if (pools == m_macPoolsByGroup.end())
                continue;
            for (std::size_t i : pools->second)
                if (std::find(out.begin(), out.end(), i) == out.end())
                    out.push_back(i);
        }
        return m_macCandidates.emplace(host->hostGroup, std::move(out)).first->second;
    }

    void assignMac(NicRec &r)
    {
        const std::optional<std::string> &given = r.vmNic ? r.vmNic->mac : r.hostVnic->mac;
        if (given) {
            m_out.nicMac.emplace(*r.id, *given);
            return;
        }
        const std::vector<std::size_t> &candidates = macPoolsFor(r.host);
        for (std::size_t i : candidates) {
            if (auto v = takeMac(m_macPools[i])) {
                r.mac = v;
                m_out.nicMac.emplace(*r.id, net::MacAddress::fromU64(*v).toString());
                m_out.allocatedFrom[*r.id].push_back(m_macPools[i].pool->id);
                return;
            }
        }
        if (!candidates.empty())
            ++m_macPools[candidates.front()].unmet;
        m_out.nicsWithoutMac.push_back(*r.id);
    }

    void allocateMacs()
    {
        // Every MAC already in the design is taken: vNICs (VM and host) and physical NICs.
        m_usedMacs.reserve(m_vmNics.size() + m_hostNics.size() + 2 * m_d.hosts.size());
        for (const auto *recs : {&m_vmNics, &m_hostNics})
            for (const NicRec &r : *recs)
                if (r.mac)
                    m_usedMacs.insert(*r.mac);
        for (const Host &h : m_d.hosts)
            for (const PhysicalNic &n : h.physicalNics)
                if (auto m = net::parseMac(n.mac ? *n.mac : derivedNicMac(n.id)))
                    m_usedMacs.insert(m->toU64());

        for (NicRec &r : m_vmNics)
            assignMac(r);
        for (NicRec &r : m_hostNics)
            assignMac(r);
    }

    // ---- results -------------------------------------------------------------------------------

    void countPoolUse()
    {
        // Final addresses per address space, sorted, so each pool counts by binary search.
        std::vector<std::vector<AddrKey>> spaces(m_used.size());
        for (const auto &[host, pas] : m_out.providerAddresses)
            for (const std::string &pa : pas)
                if (auto k = keyOf(pa))
                    for (int space : providerSpaces(*k))
                        spaces[static_cast<std::size_t>(space)].push_back(*k);
        for (const auto *recs : {&m_vmNics, &m_hostNics})
            for (const NicRec &r : *recs)
                if (r.address && r.space >= 0)
                    spaces[static_cast<std::size_t>(r.space)].push_back(*r.address);
        for (const Gateway &g : m_d.gateways)
            if (const VmNetwork *vn = m_d.vmNetwork(g.vmNetwork))
                if (auto k = keyOf(g.address))
                    spaces[static_cast<std::size_t>(vmnSpace(vn))].push_back(*k);
        for (auto &keys : spaces) {
            std::sort(keys.begin(), keys.end());
            keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        }

        for (const IpPoolState &st : m_pools) {
            std::size_t n = 0;
            if (st.rawValid && st.space >= 0) {
                const auto &keys = spaces[static_cast<std::size_t>(st.space)];
                n = static_cast<std::size_t>(std::upper_bound(keys.begin(), keys.end(), st.rawLast)
                                             - std::lower_bound(keys.begin(), keys.end(), st.rawFirst));
            }
            m_out.poolUse[st.pool->id] = n;
        }

        std::vector<std::uint64_t> macs;
        macs.reserve(m_vmNics.size() + m_hostNics.size());
        for (const auto *recs : {&m_vmNics, &m_hostNics})
            for (const NicRec &r : *recs)
                if (r.mac)
                    macs.push_back(*r.mac);
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
    std::vector<const Host *> m_hostsById;
    std::vector<NicRec> m_vmNics;    // VMs in id order, vNICs in order
    std::vector<NicRec> m_hostNics;  // hosts in id order, switches and vNICs in order
    std::vector<IpPoolState> m_pools;
    std::vector<MacPoolState> m_macPools;
    std::unordered_map<Id, std::vector<std::size_t>> m_poolsBySite;
    std::unordered_map<Id, std::vector<std::size_t>> m_poolsByVmSubnet;
    std::unordered_map<Id, std::vector<std::size_t>> m_macPoolsByGroup;
    std::unordered_map<Id, std::vector<std::size_t>> m_macCandidates; // host group → MAC pools
    std::unordered_map<Id, std::vector<Id>> m_ancestors;
    std::vector<AddrSet> m_used;                          // per address space: addresses taken
    std::vector<std::pair<net::Prefix, int>> m_siteSubnets; // every site subnet, with its space
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
