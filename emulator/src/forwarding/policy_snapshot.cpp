// PolicySnapshot::build: the compiled policy → flat tables for the packet path.
#include <netvirt/emulator/forwarding/policy_snapshot.h>

#include "pipeline_internal.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <map>
#include <tuple>

#include <netvirt/core/net/address.h>

namespace netvirt::emulator::forwarding {

namespace {

IpKey keyOf(const core::net::IpAddress &a)
{
    if (a.is_v4())
        return IpKey::fromV4(a.to_v4().to_uint());
    auto b = a.to_v6().to_bytes();
    return IpKey::fromV6(b.data());
}

packet::MacAddr macOf(std::string_view text)
{
    auto m = core::net::parseMac(text);
    return m ? packet::MacAddr{m->bytes} : packet::MacAddr{};
}

struct PrefixKeys {
    IpKey first;
    IpKey last;
    std::uint8_t length = 0;
    bool v4 = true;
    bool ok = false;
};

PrefixKeys prefixKeys(std::string_view text)
{
    PrefixKeys k;
    auto p = core::net::parsePrefix(text).prefix;
    if (!p)
        return k;
    auto f = p->first();
    auto l = p->last();
    k.first = IpKey{f.hi, f.lo};
    k.last = IpKey{l.hi, l.lo};
    k.length = static_cast<std::uint8_t>(p->length);
    k.v4 = p->isV4();
    k.ok = true;
    return k;
}

bool keyLess(const IpKey &a, const IpKey &b) { return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo; }
bool inRange(const IpKey &a, const IpKey &first, const IpKey &last) { return !keyLess(a, first) && !keyLess(last, a); }

} // namespace

packet::Ipv6Addr IpKey::v6() const
{
    packet::Ipv6Addr a{};
    for (int i = 0; i < 8; ++i) {
        a[i] = static_cast<std::uint8_t>(hi >> (56 - 8 * i));
        a[8 + i] = static_cast<std::uint8_t>(lo >> (56 - 8 * i));
    }
    return a;
}

IpKey IpKey::fromV6(const std::uint8_t *p)
{
    IpKey k;
    for (int i = 0; i < 8; ++i) {
        k.hi = (k.hi << 8) | p[i];
        k.lo = (k.lo << 8) | p[8 + i];
    }
    return k;
}

IpKey IpKey::fromV6(const packet::Ipv6Addr &a) { return fromV6(a.data()); }

std::string IpKey::toString() const
{
    if (isV4())
        return core::net::Ipv4(v4()).to_string();
    auto a = v6();
    core::net::Ipv6::bytes_type b;
    std::copy(a.begin(), a.end(), b.begin());
    return core::net::Ipv6(b).to_string();
}

bool parseIpKey(std::string_view text, IpKey &out)
{
    auto a = core::net::parseAddress(text);
    if (!a) {
        out = IpKey{};
        return false;
    }
    out = keyOf(*a);
    return true;
}

namespace detail {

void FlatTable::reserve(std::size_t entries)
{
    std::size_t cap = 16;
    while (cap < entries * 2)
        cap <<= 1;
    m_slots.assign(cap, Slot{});
    m_mask = cap - 1;
    m_size = 0;
}

void FastIndex::Free::operator()(void *) const
{
    if (base)
        ::munmap(base, length);
}

// Zeroed storage for `count` 64-byte blocks, its own mapping: 2 MiB-aligned and advised for
// huge pages when large (heap memory would often be pages already touched as 4 KiB ones —
// measured: the second table of a snapshot got no huge page at all).
template <typename T>
std::unique_ptr<T[], FastIndex::Free> FastIndex::hugeBlocks(std::size_t count)
{
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    std::size_t bytes = std::max<std::size_t>(count * 64, 64);
    if (bytes >= kHuge)
        bytes = (bytes + kHuge - 1) / kHuge * kHuge; // whole huge pages, the last one too
    const std::size_t length = bytes >= kHuge ? bytes + kHuge : bytes;
    void *base = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED)
        throw std::bad_alloc();
    auto *at = static_cast<char *>(base);
    if (bytes >= kHuge) {
        at += (kHuge - reinterpret_cast<std::uintptr_t>(at) % kHuge) % kHuge;
#ifdef MADV_HUGEPAGE
        ::madvise(at, bytes, MADV_HUGEPAGE);
#endif
    }
    return std::unique_ptr<T[], Free>(reinterpret_cast<T *>(at), Free{base, length}); // zeroed by mmap
}

void FastIndex::reserve(std::size_t entries, Layout layout)
{
    m_narrow = layout == Layout::Narrow || (layout == Layout::Auto && entries >= kNarrowFrom);
    m_table.reset();
    m_macs.reset();
    m_narrowTable.reset();
    m_narrowMacs.reset();
    std::size_t buckets = 0;
    if (m_narrow) {
        // 10.5 records per 15-slot bucket (70%): a key more than two buckets from home (in
        // the stash) is then rare.
        buckets = std::max(kMinNarrowBuckets, (entries * 2 + 20) / 21);
        m_narrowTable = hugeBlocks<NarrowBucket>(buckets);
        for (std::size_t b = 0; b < buckets; ++b)
            m_narrowTable[b].where = kAllFree;
        m_narrowMacs = hugeBlocks<NarrowMacBucket>((buckets * sizeof(NarrowMacBucket) + 63) / 64);
        m_remShift = static_cast<unsigned>(std::bit_width(buckets) - 1); // 2^shift <= buckets, shift >= 16
    } else {
        // Five records per 8-slot bucket (62%): ~3% of a million keys spill into the next
        // bucket (prefetched with it, see m_spilled). At 83% a quarter of the buckets
        // overflow and the last keys inserted spill far more often.
        buckets = std::max<std::size_t>(1, (entries + 4) / 5);
        m_table = hugeBlocks<Bucket>(buckets);
        for (std::size_t b = 0; b < buckets; ++b)
            std::fill(std::begin(m_table[b].cls), std::end(m_table[b].cls), kEmpty);
        m_macs = hugeBlocks<MacBucket>(buckets);
    }
    m_classTag.clear();
    m_classMacHigh.clear();
    m_stash.clear();
    m_stashOf.clear();
    m_spilled.assign((buckets + 63) / 64, 0);
    m_buckets = buckets;
    m_size = 0;
}

std::size_t FastIndex::build(const std::vector<Entry> &entries)
{
    for (bool narrow : {true, false}) {
        if (narrow && entries.size() < kNarrowFrom)
            continue;
        reserve(entries.size(), narrow ? Layout::Narrow : Layout::Wide);
        std::size_t held = 0;
        while (held < entries.size()) {
            const Entry &e = entries[held];
            if (!insert(e.tag, e.ca, e.recordClass, e.mac))
                break;
            ++held;
        }
        if (held == entries.size() || !narrow)
            return held;
    }
    return 0; // not reached
}

bool FastIndex::insert(std::uint32_t tag, std::uint32_t ca, std::uint32_t recordClass, const packet::MacAddr &mac)
{
    if (tag == kNoTag || recordClass > (m_narrow ? kMaxNarrowClass : kMaxClass) || m_buckets == 0)
        return false;
    if (recordClass < m_classTag.size() && m_classTag[recordClass] != kNoTag && m_classTag[recordClass] != tag)
        return false;
    const std::uint32_t h = hash(tag, ca);
    const std::size_t home = bucketOf(h);
    auto claim = [&] {
        if (recordClass >= m_classTag.size())
            m_classTag.resize(recordClass + 1, kNoTag);
        m_classTag[recordClass] = tag;
        ++m_size;
    };
    if (m_narrow) {
        const auto high = static_cast<std::uint16_t>(mac.toU64() >> 32);
        if (recordClass < m_classMacHigh.size() && m_classTag[recordClass] != kNoTag && m_classMacHigh[recordClass] != high)
            return false; // a class's MACs share their first two bytes here
        if (findNarrowSlow(tag, h))
            return true; // the first record of the key stays
        const std::uint16_t rem = remainderOf(h);
        std::size_t b = home;
        for (unsigned d = 0; d < 3; ++d) {
            NarrowBucket &k = m_narrowTable[b];
            if (const unsigned free = atDistance(k.where, 3); free != 0) {
                const unsigned j = static_cast<unsigned>(__builtin_ctz(free)); // slots fill in order
                claim();
                if (recordClass >= m_classMacHigh.size())
                    m_classMacHigh.resize(recordClass + 1, 0);
                m_classMacHigh[recordClass] = high;
                k.rem[j] = rem;
                k.cls[j] = static_cast<std::uint16_t>(recordClass);
                k.where &= ~((std::uint32_t{(d & 1) ? 0u : 1u} << j) | (std::uint32_t{(d & 2) ? 0u : 1u} << (16 + j)));
                m_narrowMacs[b].lo[j] = static_cast<std::uint32_t>(mac.toU64());
                return true;
            }
            m_spilled[b / 64] |= std::uint64_t{1} << (b % 64);
            if (++b == m_buckets)
                b = 0;
        }
        // Too far from home for two bits: the stash (the hash stands for the CA in the tag).
        m_stashOf.emplace((std::uint64_t{tag} << 32) | h, static_cast<std::uint32_t>(m_stash.size()));
        m_stash.push_back({tag, ca, recordClass, mac});
        claim();
        return true;
    }
    std::size_t b = home;
    for (;;) {
        Bucket &k = m_table[b];
        for (std::size_t j = 0; j < kSlots; ++j) {
            if (k.cls[j] == kEmpty) {
                if (m_size + 1 >= capacity())
                    return false; // one slot stays free, so every probe ends
                claim();
                k.ca[j] = ca;
                k.cls[j] = recordClass;
                mac.store(m_macs[b].mac[j]);
                return true;
            }
            if (k.ca[j] == ca && m_classTag[k.cls[j]] == tag)
                return true; // the first record of the key stays
        }
        m_spilled[b / 64] |= std::uint64_t{1} << (b % 64);
        if (++b == m_buckets)
            b = 0;
    }
}

// findNarrow() past its inline case: every slot of the key's remainder at each distance from
// home, until a bucket with a free slot (no key of this home went further), then the stash.
FastIndex::Hit FastIndex::findNarrowSlow(std::uint32_t tag, std::uint32_t hash) const
{
    std::size_t b = bucketOf(hash);
    const std::uint16_t rem = remainderOf(hash);
    for (unsigned d = 0; d < 3; ++d) {
        const NarrowBucket &k = m_narrowTable[b];
        // The same 16 bits at the same distance from home and a class of the tag: the key.
        unsigned hit = sameRemainder(k, rem) & atDistance(k.where, d);
        while (hit != 0) {
            const unsigned j = static_cast<unsigned>(__builtin_ctz(hit));
            if (m_classTag[k.cls[j]] == tag)
                return {static_cast<std::uint32_t>(b * 16 + j), k.cls[j]};
            hit &= hit - 1;
        }
        if (atDistance(k.where, 3) != 0)
            return {};
        if (++b == m_buckets)
            b = 0;
    }
    return findStashed(tag, hash); // three full buckets: rare
}

FastIndex::Hit FastIndex::findStashed(std::uint32_t tag, std::uint32_t hash) const
{
    const auto it = m_stashOf.find((std::uint64_t{tag} << 32) | hash);
    if (it == m_stashOf.end())
        return {};
    return {kStashed | it->second, m_stash[it->second].recordClass};
}

void FlatTable::insert(std::uint32_t tag, const IpKey &key, std::uint32_t value)
{
    if (m_mask == 0 || (m_size + 1) * 2 > m_slots.size()) {
        std::vector<Slot> old = std::move(m_slots);
        reserve(std::max<std::size_t>(m_size + 1, old.size()));
        for (const auto &s : old)
            if (s.value != kNone)
                insert(s.tag, s.key, s.value);
    }
    std::size_t i = hash(tag, key) & m_mask;
    for (;;) {
        Slot &s = m_slots[i];
        if (s.value == kNone) {
            s.key = key;
            s.tag = tag;
            s.value = value;
            ++m_size;
            return;
        }
        if (s.tag == tag && s.key == key)
            return;
        i = (i + 1) & m_mask;
    }
}

} // namespace detail

std::shared_ptr<const PolicySnapshot> PolicySnapshot::build(const core::Design &design, const SnapshotOptions &options)
{
    return build(core::policy::compile(design), options);
}

std::shared_ptr<const PolicySnapshot> PolicySnapshot::build(const core::policy::Policy &policy,
                                                            const SnapshotOptions &options)
{
    auto snap = std::make_shared<PolicySnapshot>();
    PolicySnapshot &s = *snap;
    s.m_flowId = options.flowId.value_or(policy.flowId);
    s.m_remoteReachable = options.remoteHostsReachable;
    const auto underlayMtu = options.underlayMtu ? options.underlayMtu : policy.underlayMtu;

    // Hosts, NICs, teams.
    for (const auto &hp : policy.hosts) {
        HostEntry h;
        h.id = hp.id;
        h.name = hp.name;
        h.emulated = hp.emulated;
        std::int64_t mtu = 0;
        for (const auto &n : hp.nics) {
            h.nics.push_back(NicEntry{n.id, n.name, macOf(n.mac), n.mtu});
            mtu = mtu == 0 ? n.mtu : std::min(mtu, n.mtu);
        }
        h.providerMtu = underlayMtu.value_or(mtu == 0 ? 1500 : mtu);
        for (const auto &t : hp.teams) {
            TeamEntry te;
            te.logicalSwitch = t.logicalSwitch;
            te.team = t.uplinkMode == core::UplinkMode::Team;
            te.loadBalancing = t.loadBalancing;
            for (const auto &m : t.members)
                for (std::size_t i = 0; i < hp.nics.size(); ++i)
                    if (hp.nics[i].id == m)
                        te.members.push_back(static_cast<std::uint16_t>(i));
            h.teams.push_back(std::move(te));
        }
        s.m_hostIds.emplace(h.id, static_cast<std::uint32_t>(s.m_hosts.size()));
        s.m_hosts.push_back(std::move(h));
    }

    // Provider addresses.
    s.m_paOwner.reserve(policy.providerAddresses.size());
    for (const auto &pa : policy.providerAddresses) {
        auto hi = s.hostIndex(pa.host);
        IpKey key;
        if (hi == kNone || !parseIpKey(pa.address, key))
            continue;
        HostEntry &h = s.m_hosts[hi];
        PaEntry e;
        e.address = key;
        for (std::size_t t = 0; t < h.teams.size(); ++t)
            if (h.teams[t].logicalSwitch == pa.logicalSwitch)
                e.team = static_cast<std::uint32_t>(t);
        for (std::size_t i = 0; i < h.nics.size(); ++i)
            if (h.nics[i].id == pa.nic)
                e.nic = static_cast<std::uint16_t>(i);
        if (e.team == kNone)
            for (std::size_t t = 0; t < h.teams.size(); ++t)
                if (std::find(h.teams[t].members.begin(), h.teams[t].members.end(), e.nic) != h.teams[t].members.end())
                    e.team = static_cast<std::uint32_t>(t);
        if (!pa.subnet.empty()) {
            auto pk = prefixKeys(pa.subnet);
            if (pk.ok) {
                e.subnetFirst = pk.first;
                e.subnetLast = pk.last;
                e.hasSubnet = true;
            }
            for (const auto &ps : policy.providerSubnets)
                if (ps.site == pa.site && ps.prefix == pa.subnet)
                    e.gatewayMac = macOf(ps.gatewayMac);
        }
        if (e.gatewayMac.isZero())
            e.gatewayMac = macOf(core::policy::derivedMac(0x0E, "provider-gateway::" + pa.address));
        if (!pa.rewriteNic && h.hostPa == kNone)
            h.hostPa = static_cast<std::uint32_t>(h.pas.size());
        s.m_paOwner.insert(0, key, (hi << 16) | static_cast<std::uint32_t>(h.pas.size()));
        h.pas.push_back(e);
    }

    // Routing domains, routes, VSIDs.
    std::unordered_map<std::string, std::uint32_t> rdOf;
    s.m_vsidIndex.reserve(64);
    for (const auto &rd : policy.routingDomains) {
        RoutingDomainEntry e;
        e.vmNetwork = rd.vmNetwork;
        e.rdid = rd.rdid.toString();
        e.routerMac = macOf(rd.routerMac);
        const auto rdIdx = static_cast<std::uint32_t>(s.m_rds.size());
        for (const auto &sub : rd.subnets) {
            auto pk = prefixKeys(sub.prefix);
            if (!pk.ok)
                continue;
            SubnetEntry se;
            se.id = sub.id;
            se.vsid = sub.vsid;
            se.first = pk.first;
            se.last = pk.last;
            se.v4 = pk.v4;
            parseIpKey(sub.gatewayAddress, se.gateway);
            e.subnets.push_back(std::move(se));
            if (s.m_vsidIndex.find(0, IpKey{0, sub.vsid}) == kNone) {
                s.m_vsidIndex.insert(0, IpKey{0, sub.vsid}, static_cast<std::uint32_t>(s.m_vsids.size()));
                s.m_vsids.push_back(VsidEntry{sub.vsid, rdIdx, {}, {}});
            }
        }
        rdOf.emplace(rd.vmNetwork, rdIdx);
        s.m_rds.push_back(std::move(e));
    }
    for (const auto &r : policy.customerRoutes) {
        auto it = rdOf.find(r.vmNetwork);
        auto pk = prefixKeys(r.destinationPrefix);
        if (it == rdOf.end() || !pk.ok)
            continue;
        RouteEntry re;
        re.first = pk.first;
        re.last = pk.last;
        re.length = pk.length;
        re.v4 = pk.v4;
        re.vsid = r.virtualSubnetId;
        re.vsidIndex = s.vsidIndex(re.vsid);
        re.onLink = !r.gateway;
        if (r.gateway)
            parseIpKey(r.nextHop, re.nextHop);
        re.prefix = r.destinationPrefix;
        s.m_rds[it->second].routes.push_back(std::move(re));
    }
    for (auto &rd : s.m_rds)
        std::stable_sort(rd.routes.begin(), rd.routes.end(),
                         [](const RouteEntry &a, const RouteEntry &b) { return a.length > b.length; });

    // Gateways.
    for (const auto &g : policy.gateways) {
        GatewayEntry ge;
        ge.id = g.id;
        ge.name = g.name;
        if (auto it = rdOf.find(g.vmNetwork); it != rdOf.end())
            ge.rd = it->second;
        ge.host = s.hostIndex(g.host);
        if (const auto vi = s.vsidIndex(g.vsid); vi != kNone && ge.host != kNone)
            s.m_vsids[vi].gatewayHosts.push_back(ge.host);
        if (ge.rd != kNone) {
            IpKey pa;
            if (parseIpKey(g.providerAddress, pa))
                s.m_rds[ge.rd].gatewayPas.push_back(pa);
            if (ge.host != kNone)
                s.m_rds[ge.rd].gatewayHosts.push_back(ge.host);
        }
        s.m_gateways.push_back(std::move(ge));
    }

    // Ports (isolated and standard; only isolated ones forward).
    for (const auto &pp : policy.ports) {
        PortEntry p;
        p.id = pp.nic;
        p.vm = pp.vm;
        p.host = s.hostIndex(pp.host);
        if (pp.isolated)
            if (auto it = rdOf.find(pp.vmNetwork); it != rdOf.end())
                p.rd = it->second;
        p.vsid = pp.vsid;
        if (p.rd != kNone) {
            p.vsidIndex = s.vsidIndex(pp.vsid);
            const auto &subs = s.m_rds[p.rd].subnets;
            for (std::size_t i = 0; i < subs.size(); ++i)
                if (subs[i].id == pp.vmSubnet)
                    p.subnet = static_cast<std::uint32_t>(i);
            if (p.subnet == kNone)
                p.rd = kNone;
        }
        parseIpKey(pp.address, p.ca);
        p.mac = macOf(pp.mac);
        p.prefixLength = static_cast<std::uint8_t>(pp.prefixLength);
        parseIpKey(pp.gatewayAddress, p.gateway);
        for (const auto &d : pp.dns) {
            IpKey k;
            if (parseIpKey(d, k) && k.isV4())
                p.dns.push_back(k.v4());
        }
        p.dhcp = pp.ipMode == core::IpMode::Dhcp;
        p.macSpoofing = pp.macSpoofing;
        p.dhcpGuard = pp.dhcpGuard;
        p.routerGuard = pp.routerGuard;
        p.maximumMbps = pp.maximumMbps.value_or(0);
        if (pp.rewriteAddress) {
            p.rewrite = parseIpKey(*pp.rewriteAddress, p.rewritePa);
            if (p.rewrite)
                p.rewritePaOwner = s.m_paOwner.find(0, p.rewritePa);
        }
        const auto idx = static_cast<std::uint32_t>(s.m_ports.size());
        if (p.host != kNone) {
            p.slot = static_cast<std::uint32_t>(s.m_hosts[p.host].ports.size());
            s.m_hosts[p.host].ports.push_back(idx);
        }
        s.m_portIds.emplace(p.id, idx);
        s.m_ports.push_back(std::move(p));
    }
    // Rewrite PAs point at their port.
    for (auto &h : s.m_hosts)
        for (auto &pa : h.pas)
            for (const auto &ppa : policy.providerAddresses)
                if (ppa.rewriteNic && ppa.address == pa.address.toString())
                    pa.rewritePort = s.portIndex(*ppa.rewriteNic);

    // Local ports per (host, VSID) and the hosts of each VSID.
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> groups;
    std::vector<std::uint64_t> order;
    for (std::uint32_t i = 0; i < s.m_ports.size(); ++i) {
        const auto &p = s.m_ports[i];
        if (p.rd == kNone || p.host == kNone || p.vsidIndex == kNone)
            continue;
        const std::uint64_t key = (std::uint64_t{p.host} << 32) | p.vsidIndex;
        auto [it, fresh] = groups.try_emplace(key);
        if (fresh)
            order.push_back(key);
        it->second.push_back(i);
    }
    s.m_localPorts.reserve(order.size());
    for (auto key : order) {
        const auto &ports = groups[key];
        const auto host = static_cast<std::uint32_t>(key >> 32);
        const auto vi = static_cast<std::uint32_t>(key);
        const auto begin = static_cast<std::uint32_t>(s.m_localPortList.size());
        s.m_localPortList.insert(s.m_localPortList.end(), ports.begin(), ports.end());
        s.m_localPorts.insert(host, IpKey{0, vi}, static_cast<std::uint32_t>(s.m_localRanges.size()));
        s.m_localRanges.emplace_back(begin, static_cast<std::uint32_t>(s.m_localPortList.size()));
        s.m_vsids[vi].hosts.push_back(host);
        // The same ports by IPv4 CA, for localPortByCa(); a CA two of them share finds none.
        const auto caBegin = s.m_localByCa.size();
        for (auto port : ports)
            if (s.m_ports[port].ca.isV4())
                s.m_localByCa.push_back({s.m_ports[port].ca.v4(), port});
        const auto first = s.m_localByCa.begin() + static_cast<std::ptrdiff_t>(caBegin);
        std::sort(first, s.m_localByCa.end(), [](const LocalCa &a, const LocalCa &b) { return a.ca < b.ca; });
        for (auto it = first; it != s.m_localByCa.end(); ++it)
            if (std::next(it) != s.m_localByCa.end() && std::next(it)->ca == it->ca)
                it->port = std::next(it)->port = kNone;
        s.m_localByCaRanges.emplace_back(static_cast<std::uint32_t>(caBegin), static_cast<std::uint32_t>(s.m_localByCa.size()));
    }
    // Lookup records.
    const std::size_t n = policy.lookupRecords.size();
    s.m_byVsid.reserve(n);
    s.m_byRd.reserve(n);
    s.m_byMac.reserve(n);
    s.m_byRewritePa.reserve(16);
    std::vector<detail::FastIndex::Entry> fastVsid;
    std::vector<detail::FastIndex::Entry> fastRd;
    fastVsid.reserve(n);
    fastRd.reserve(n);
    // Classes of records (RecordClass), interned by everything but the address, the MAC's
    // last four bytes (the narrow index keeps the first two per class) and the vNIC: a VM's
    // port is found by its CA among the local ports of its VSID (localPortByCa), so the VMs
    // of one VSID on one host share a class; a record whose port that would not find (a CA
    // two ports share, a port of no routing domain) keeps its own.
    std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t, bool, std::uint32_t, std::uint64_t,
                        std::uint64_t, std::uint16_t, std::uint16_t, bool, std::uint16_t>,
             std::uint32_t>
        classOf;
    for (const auto &lr : policy.lookupRecords) {
        RecordEntry r;
        if (!parseIpKey(lr.customerAddress, r.ca) || !parseIpKey(lr.providerAddress, r.pa))
            continue;
        r.mac = macOf(lr.macAddress);
        r.vsid = lr.virtualSubnetId;
        if (auto it = rdOf.find(lr.vmNetwork); it != rdOf.end())
            r.rd = it->second;
        const auto owner = s.m_paOwner.find(0, r.pa);
        r.host = owner == kNone ? kNone : owner >> 16;
        r.paIndex = owner == kNone ? std::uint16_t{0xFFFF} : static_cast<std::uint16_t>(owner & 0xFFFF);
        r.rewrite = lr.rule == core::policy::Rule::Nat;
        if (lr.isGateway) {
            for (std::size_t g = 0; g < s.m_gateways.size(); ++g)
                if (s.m_gateways[g].id == lr.nic)
                    r.gateway = static_cast<std::uint32_t>(g);
        } else {
            r.port = s.portIndex(lr.nic);
        }
        const std::uint32_t portHost = r.port != kNone ? s.m_ports[r.port].host
                                       : r.gateway != kNone ? s.m_gateways[r.gateway].host
                                                            : kNone;
        r.portHost = portHost < 0xFFFF ? static_cast<std::uint16_t>(portHost) : std::uint16_t{0xFFFF};
        const auto idx = static_cast<std::uint32_t>(s.m_records.size());
        s.m_byVsid.insert(r.vsid, r.ca, idx);
        if (r.rd != kNone)
            s.m_byRd.insert(r.rd, r.ca, idx);
        if (r.ca.isV4()) {
            // The VSID too: a class has one tag in each compact table (routing domain, VSID).
            const std::uint32_t vi = s.vsidIndex(r.vsid);
            const bool byCa = r.port != kNone && vi != kNone && s.localPortByCa(r.portHost, vi, r.ca.v4()) == r.port;
            const std::uint32_t exactPort = byCa ? kNone : r.port;
            const auto key = std::make_tuple(r.rd, r.vsid, r.host, exactPort, byCa, r.gateway, r.pa.hi, r.pa.lo,
                                             r.paIndex, r.portHost, r.rewrite,
                                             static_cast<std::uint16_t>(r.mac.toU64() >> 32));
            auto [it, fresh] = classOf.try_emplace(key, static_cast<std::uint32_t>(s.m_classes.size()));
            if (fresh) {
                RecordClass c;
                c.rd = r.rd;
                c.host = r.host;
                c.port = exactPort;
                c.portByCa = byCa;
                c.vsidIndex = vi;
                c.gateway = r.gateway;
                c.paV4 = r.pa.isV4();
                c.pa4 = c.paV4 ? r.pa.v4() : 0;
                c.paIndex = r.paIndex;
                c.portHost = r.portHost;
                c.rewrite = r.rewrite;
                const auto mac = detail::peerNicMac(s, r.host, r.pa, r.paIndex);
                c.peerMacKnown = mac.has_value();
                c.peerMac = mac.value_or(packet::MacAddr{});
                c.remoteV4 = c.host != kNone && c.paV4 && (s.m_remoteReachable || s.m_hosts[c.host].emulated);
                c.portOrGateway = r.port == kNone || c.gateway == kNone;
                s.m_classes.push_back(c);
            }
            fastVsid.push_back({r.vsid, r.ca.v4(), it->second, r.mac});
            if (r.rd != kNone)
                fastRd.push_back({r.rd, r.ca.v4(), it->second, r.mac});
        }
        s.m_byMac.insert(r.vsid, IpKey{0, r.mac.toU64()}, idx);
        if (r.rewrite)
            s.m_byRewritePa.insert(0, r.pa, idx);
        if (r.port != kNone)
            s.m_ports[r.port].record = idx;
        s.m_records.push_back(std::move(r));
        s.m_recordNames.push_back(lr.vmName);
    }
    // In record order: a table stops at the first record it cannot hold, so the record it
    // finds for a key is always the first (the general path's).
    s.m_fastVsid.build(fastVsid);
    s.m_fastRd.build(fastRd);
    // A local port is found by its CA only when it is the one the general path delivers to:
    // the port of the first record of (its VSID, its CA).
    for (auto &e : s.m_localByCa) {
        if (e.port == kNone)
            continue;
        const RecordEntry *rec = s.findInVsid(s.m_ports[e.port].vsid, IpKey::fromV4(e.ca));
        if (!rec || rec->port != e.port)
            e.port = kNone;
    }

    std::size_t fanout = 1;
    for (auto &v : s.m_vsids) {
        std::sort(v.hosts.begin(), v.hosts.end());
        std::size_t local = 0;
        for (auto h : v.hosts) {
            auto [b, e] = s.localPorts(h, static_cast<std::uint32_t>(&v - s.m_vsids.data()));
            local = std::max<std::size_t>(local, static_cast<std::size_t>(e - b));
        }
        fanout = std::max(fanout, v.hosts.size() + local);
    }
    s.m_maxFanout = fanout;
    return snap;
}

std::uint32_t PolicySnapshot::portIndex(std::string_view nicId) const
{
    auto it = m_portIds.find(std::string(nicId));
    return it == m_portIds.end() ? kNone : it->second;
}

std::uint32_t PolicySnapshot::hostIndex(std::string_view hostId) const
{
    auto it = m_hostIds.find(std::string(hostId));
    return it == m_hostIds.end() ? kNone : it->second;
}

std::pair<const std::uint32_t *, const std::uint32_t *> PolicySnapshot::localPorts(std::uint32_t host,
                                                                                   std::uint32_t vsidIndex) const
{
    const auto r = m_localPorts.find(host, IpKey{0, vsidIndex});
    if (r == kNone)
        return {nullptr, nullptr};
    const auto [b, e] = m_localRanges[r];
    return {m_localPortList.data() + b, m_localPortList.data() + e};
}

std::pair<const PolicySnapshot::LocalCa *, const PolicySnapshot::LocalCa *>
PolicySnapshot::localByCa(std::uint32_t host, std::uint32_t vsidIndex) const
{
    const auto r = m_localPorts.find(host, IpKey{0, vsidIndex});
    if (r == kNone)
        return {nullptr, nullptr};
    const auto [b, e] = m_localByCaRanges[r];
    return {m_localByCa.data() + b, m_localByCa.data() + e};
}

std::uint32_t PolicySnapshot::localPortByCa(std::uint32_t host, std::uint32_t vsidIndex, packet::Ipv4Addr ca) const
{
    const auto [b, e] = localByCa(host, vsidIndex);
    return localPortByCa(b, e, ca);
}

const RouteEntry *PolicySnapshot::route(std::uint32_t rd, const IpKey &dst) const
{
    if (rd >= m_rds.size())
        return nullptr;
    const bool v4 = dst.isV4();
    for (const auto &r : m_rds[rd].routes)
        if (r.v4 == v4 && inRange(dst, r.first, r.last))
            return &r;
    return nullptr;
}

} // namespace netvirt::emulator::forwarding
