// PolicySnapshot: the compiled HNV policy (core/policy) laid out for the packet path — flat
// open-addressing hash tables for lookup records keyed by (VSID, CA), (routing domain, CA),
// MAC and Rewrite PA, and a compact IPv4 index of the first two for the burst fast path;
// ports, hosts, NICs, teams; customer routes per routing domain sorted for longest-prefix
// match. Built once, never modified: share it as
// std::shared_ptr<const PolicySnapshot> (the runtime publishes successors RCU-style).
// Thread-safety: immutable after build(); any number of threads may read it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <string>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <netvirt/core/model/design.h>
#include <netvirt/core/policy/policy.h>
#include <netvirt/emulator/packet/bytes.h>
#include <netvirt/emulator/packet/flow_hash.h>

namespace netvirt::emulator::forwarding {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// Any IP address as 128 bits, IPv4 mapped into ::ffff:0:0/96.
struct IpKey {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    bool operator==(const IpKey &) const = default;
    bool isV4() const { return hi == 0 && (lo >> 32) == 0xFFFFu; }
    packet::Ipv4Addr v4() const { return static_cast<packet::Ipv4Addr>(lo); }
    packet::Ipv6Addr v6() const;
    std::string toString() const;
    static IpKey fromV4(packet::Ipv4Addr a) { return IpKey{0, 0x0000FFFF00000000ull | a}; }
    static IpKey fromV6(const packet::Ipv6Addr &a);
    static IpKey fromV6(const std::uint8_t *p);
};
// Parses "10.1.1.7" or "2001:db8::1"; a zero key (and false) when it does not parse.
bool parseIpKey(std::string_view text, IpKey &out);

namespace detail {
// The slot hash of FlatTable: (tag, address) mixed by a 64-bit finaliser (murmur3's).
inline std::size_t hashIpKey(std::uint32_t tag, const IpKey &k)
{
    std::uint64_t h = (k.lo ^ (std::uint64_t{tag} << 32) ^ (k.hi * 0x9E3779B97F4A7C15ull)) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
    return static_cast<std::size_t>(h);
}

// Open addressing, linear probing, power-of-two capacity; keys (tag, address), values u32.
class FlatTable final {
public:
    void reserve(std::size_t entries);
    // Keeps the first value inserted for a key.
    void insert(std::uint32_t tag, const IpKey &key, std::uint32_t value);
    std::uint32_t find(std::uint32_t tag, const IpKey &key) const
    {
        if (m_mask == 0)
            return kNone;
        std::size_t i = hash(tag, key) & m_mask;
        for (;;) {
            const Slot &s = m_slots[i];
            if (s.value == kNone)
                return kNone;
            if (s.tag == tag && s.key == key)
                return s.value;
            i = (i + 1) & m_mask;
        }
    }
    std::size_t size() const { return m_size; }

private:
    struct Slot {
        IpKey key;
        std::uint32_t tag = 0;
        std::uint32_t value = kNone;
    };
    static std::size_t hash(std::uint32_t tag, const IpKey &k) { return hashIpKey(tag, k); }
    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

} // namespace detail

struct PortEntry {
    std::string id;               // the VM vNIC id
    std::string vm;
    std::uint32_t host = kNone;
    std::uint32_t rd = kNone;     // routing domain index; kNone: a standard VM network
    std::uint32_t vsid = 0;
    std::uint32_t vsidIndex = kNone;
    std::uint32_t subnet = kNone; // index into the routing domain's subnets
    std::uint32_t record = kNone; // its lookup record
    std::uint32_t slot = 0;       // position among its host's ports (HyperVPort pinning)
    IpKey ca;
    packet::MacAddr mac;
    std::uint8_t prefixLength = 0;
    IpKey gateway;                // the subnet's gateway (virtual router) address
    std::vector<packet::Ipv4Addr> dns;
    bool dhcp = false;            // ipMode Dhcp
    bool macSpoofing = false;
    bool dhcpGuard = false;
    bool routerGuard = false;
    std::int64_t maximumMbps = 0; // 0: no limit
    bool rewrite = false;
    IpKey rewritePa;
    std::uint32_t rewritePaOwner = kNone; // paOwner(rewritePa), resolved once at build
};

// Hot data only (one cache line): the VM or gateway name lives in recordName().
struct alignas(64) RecordEntry {
    IpKey ca;
    packet::MacAddr mac;
    std::uint16_t paIndex = 0xFFFF; // index of pa in hosts()[host].pas (0xFFFF: none)
    std::uint32_t vsid = 0;
    std::uint32_t rd = kNone;
    IpKey pa;
    std::uint32_t host = kNone;    // the host owning the PA (kNone: no host of the design)
    std::uint32_t port = kNone;    // the vNIC's port, kNone for a gateway
    std::uint32_t gateway = kNone; // index into gateways
    bool rewrite = false;          // TranslationMethodNat
    // The host of `port` (or of `gateway`), resolved at build so the packet path learns
    // whether the destination is local without reading the port table (0xFFFF: none).
    std::uint16_t portHost = 0xFFFF;
};
static_assert(sizeof(RecordEntry) == 64, "a lookup record is one cache line");

// What a lookup record says beyond its address and MAC — its routing domain, where it lives
// (a port or gateway, on which host, behind which PA) and how to reach it — shared by every
// record with the same fate: a million VMs on a few hundred hosts make a class per (host,
// VSID), which stay in cache while the compact index below is read once per packet (a class
// per VM made the class array itself a second random read: 3-5x the time per packet).
struct RecordClass {
    std::uint32_t rd = kNone;
    std::uint32_t host = kNone;        // RecordEntry::host
    // The record's vNIC port: `port` when the class is that record's own, else, when
    // portByCa, PolicySnapshot::localPortByCa(portHost, vsidIndex, the record's CA).
    std::uint32_t port = kNone;
    bool portByCa = false;
    std::uint32_t vsidIndex = kNone;   // of the records' VSID
    std::uint32_t gateway = kNone;
    std::uint32_t pa4 = 0;             // the PA when paV4
    std::uint16_t paIndex = 0xFFFF;
    std::uint16_t portHost = 0xFFFF;
    bool paV4 = false;
    bool rewrite = false;
    // detail::peerNicMac() of (host, pa, paIndex), resolved at build: the next hop when the PA
    // is in the sender's provider subnet (else, or when !peerMacKnown, the subnet gateway).
    bool peerMacKnown = false;
    packet::MacAddr peerMac;
    // Resolved at build for the fast path: an IPv4 PA of a host of the design that the
    // underlay reaches (emulated, or remoteHostsReachable), and not both a port and a gateway.
    bool remoteV4 = false;
    bool portOrGateway = true;         // at most one of port and gateway
};

namespace detail {
// The IPv4 lookup records of a table keyed by (tag, CA) — tag = VSID, or routing domain —
// for the burst fast path: a lookup reads one 64-byte bucket (two for the few keys that
// spilled into the next). At a million records, random lookups are memory-bound and the
// table's size decides their cost: on the development VM's EPYC, copy + lookup of a burst
// (a standalone driver) cost 15-17 ns a packet with a 3-5 MB table and 34-47 with a 12 MB one;
// random 64-byte reads alone ~2 ns up to ~8 MB, 5-7 ns at 12.8 MB. Two layouts:
// - wide (small tables): a slot is the CA and the record's class, eight to a bucket (the
//   CAs, then the classes), ~62% full — 12.8 MB for a million records;
// - narrow (from kNarrowFrom records): a slot is 16 bits of the key and a 16-bit class,
//   fifteen to a bucket with 2 bits each for how far the slot is from its key's home bucket
//   (0-2; 3: free), ~70% full — 6 MB for a million; the rare key whose home and next two
//   buckets are full goes to a small stash, read only then. The key is stored by quotienting: h =
//   hash(tag, CA) is a bijection of the CA for a given tag, h * buckets (64-bit) gives the
//   home bucket (high word) and a low word whose top 16 bits tell apart every h of that
//   bucket (buckets >= 2^16), so the home bucket, those 16 bits and the tag give the CA back.
// A table with a class past 0xFFFF is built wide (build()). In both, the tag is not stored
// per slot: every class belongs to one tag (classTag), so a match is confirmed by its class's
// tag, from a small array that stays in cache. The customer MAC (needed only by routed
// frames) is in a parallel array with the same bucket layout, so it can be prefetched by the
// same hash (narrow: the MAC's last four bytes, the first two being its class's — a class
// with two would make the table wide). Holds the same (first-inserted) record per key as the
// FlatTable of record indices; records with an IPv6 CA, or a class past kMaxClass, are not
// in it (the fast path then finds nothing and hands the frame to the general path).
class FastIndex final {
public:
    static constexpr std::size_t kSlots = 8;              // per wide bucket
    static constexpr std::size_t kNarrowSlots = 15;       // per narrow bucket
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;  // the class of a free wide slot
    static constexpr std::uint32_t kNoTag = 0xFFFFFFFFu;  // not a tag
    static constexpr std::uint32_t kMaxClass = (1u << 22) - 1;
    static constexpr std::uint32_t kMaxNarrowClass = 0xFFFF;
    static constexpr std::size_t kMinNarrowBuckets = std::size_t{1} << 16;
    // From this many records a narrow table is smaller than a wide one.
    static constexpr std::size_t kNarrowFrom = kMinNarrowBuckets * 5;

    struct Hit {
        std::uint32_t slot = kEmpty;          // bucket * 16 (narrow) or 8 (wide) + index in it
        std::uint32_t recordClass = kEmpty;
        explicit operator bool() const { return slot != kEmpty; }
    };
    struct Entry {
        std::uint32_t tag;
        std::uint32_t ca;
        std::uint32_t recordClass;
        packet::MacAddr mac;
    };

    // The key's hash: a bijection of the CA for a given tag (murmur3's 32-bit finaliser).
    static std::uint32_t hash(std::uint32_t tag, std::uint32_t ca)
    {
        return packet::mix32(ca ^ packet::mix32(tag ^ 0x9E3779B9u));
    }
    // The entries in order, narrow when there are enough of them and it holds them all, else
    // wide; stops at the first entry it cannot hold (so a key's first entry is never shadowed
    // by a later one). The number of entries held.
    std::size_t build(const std::vector<Entry> &entries);
    // Sizes the table for `entries` records (drops what it held); Auto: narrow from
    // kNarrowFrom records.
    enum class Layout { Auto, Narrow, Wide };
    void reserve(std::size_t entries, Layout layout = Layout::Auto);
    // Keeps the first record inserted for a key; false when it cannot be held (no tag, a class
    // past the layout's maximum or already of another tag, a full wide table).
    bool insert(std::uint32_t tag, std::uint32_t ca, std::uint32_t recordClass, const packet::MacAddr &mac);
    // hash: hash(tag, ca).
    Hit find(std::uint32_t tag, std::uint32_t ca, std::size_t hash) const
    {
        if (m_buckets == 0)
            return {};
        return m_narrow ? findNarrow(tag, static_cast<std::uint32_t>(hash)) : findWide(tag, ca, static_cast<std::uint32_t>(hash));
    }
    // The customer MAC of a slot that find() returned.
    packet::MacAddr mac(std::uint32_t slot) const
    {
        if (m_narrow) {
            if (__builtin_expect((slot & kStashed) != 0, 0))
                return m_stash[slot & ~kStashed].mac;
            // The first two bytes are the class's, the other four the slot's.
            const std::uint32_t cls = m_narrowTable[slot / 16].cls[slot % 16];
            const std::uint64_t lo = m_narrowMacs[slot / 16].lo[slot % 16];
            return packet::MacAddr::fromU64((std::uint64_t{m_classMacHigh[cls]} << 32) | lo);
        }
        return packet::MacAddr::load(m_macs[slot / kSlots].mac[slot % kSlots]);
    }
    // The key's bucket, and the next one when keys spilled from it into the next (a bit per
    // bucket, read from a bitmap that stays in cache): a spilled key must not cost a second,
    // unprefetched miss.
    void prefetch(std::size_t hash) const
    {
        if (m_buckets == 0)
            return;
        const std::size_t b = bucketOf(static_cast<std::uint32_t>(hash));
        std::size_t next = b + ((m_spilled[b / 64] >> (b % 64)) & 1);
        next = next == m_buckets ? 0 : next;
        const char *base = m_narrow ? reinterpret_cast<const char *>(m_narrowTable.get())
                                    : reinterpret_cast<const char *>(m_table.get());
        __builtin_prefetch(base + b * 64, 0, 3);
        __builtin_prefetch(base + next * 64, 0, 3);
    }
    // The line of MACs of the key's bucket (one line in both layouts; measured: prefetching
    // it with the bucket, in pass 1, costs a routed frame ~75 ns where prefetching the MAC's
    // own line once find() has returned the slot costs ~120).
    void prefetchMac(std::size_t hash) const
    {
        if (m_buckets == 0)
            return;
        const std::size_t b = bucketOf(static_cast<std::uint32_t>(hash));
        if (m_narrow)
            __builtin_prefetch(&m_narrowMacs[b], 0, 3);
        else
            __builtin_prefetch(&m_macs[b], 0, 3);
    }
    std::size_t size() const { return m_size; }
    std::size_t stashed() const { return m_stash.size(); }
    std::size_t capacity() const { return m_buckets * (m_narrow ? kNarrowSlots : kSlots); }
    bool narrow() const { return m_narrow; }
    // Of the lookup table proper (the MACs take more again, read by routed frames only).
    std::size_t bytes() const { return m_buckets * 64; }

private:
    struct alignas(64) Bucket {
        std::uint32_t ca[kSlots];
        std::uint32_t cls[kSlots];
    };
    struct alignas(64) MacBucket {
        std::uint8_t mac[kSlots][8];
    };
    // rem[] then cls[]; where: bit j = low bit of slot j's distance from home, bit 16 + j its
    // high bit (3: a free slot).
    struct alignas(64) NarrowBucket {
        std::uint16_t rem[kNarrowSlots];
        std::uint16_t cls[kNarrowSlots];
        std::uint32_t where;
    };
    static_assert(sizeof(NarrowBucket) == 64);
    static constexpr std::uint32_t kAllFree = 0x7FFF7FFFu;
    static constexpr std::uint32_t kStashed = 0x80000000u; // a Hit's slot in m_stash
    // The last four bytes of each slot's MAC (the first two are its class's: m_classMacHigh).
    struct alignas(64) NarrowMacBucket {
        std::uint32_t lo[16];
    };
    // The bucket of a hash scaled to the bucket count (no power of two needed, so the table
    // is sized to its load).
    std::size_t bucketOf(std::uint32_t hash) const
    {
        return static_cast<std::size_t>((std::uint64_t{hash} * m_buckets) >> 32);
    }
    std::uint16_t remainderOf(std::uint32_t hash) const
    {
        return static_cast<std::uint16_t>(static_cast<std::uint32_t>(std::uint64_t{hash} * m_buckets) >> m_remShift);
    }
    // Slots of a narrow bucket at distance d (0-2) from their home; 3: the free ones.
    static unsigned atDistance(std::uint32_t where, unsigned d)
    {
        const unsigned lo = where & 0x7FFFu;
        const unsigned hi = (where >> 16) & 0x7FFFu;
        return ((d & 1) ? lo : ~lo) & ((d & 2) ? hi : ~hi) & 0x7FFFu;
    }
    Hit findWide(std::uint32_t tag, std::uint32_t ca, std::uint32_t hash) const
    {
        std::size_t b = bucketOf(hash);
        const std::uint32_t *tags = m_classTag.data();
        for (;;) {
            // The eight slots compared with no branch on their contents: which one holds the
            // key is random, and a mispredicted branch on a line still on its way from memory
            // throws away the lookups issued after it (measured: 28 ns a lookup instead of 5 at
            // a million records). A CA match is almost always the key; only a CA shared by two
            // tags in one bucket, or a full bucket without the key, loops.
            const Bucket &k = m_table[b];
            unsigned hit = 0;
            unsigned free = 0;
#ifdef __SSE2__
            // Four slots to a compare: a lookup is otherwise ~90 instructions of scalar
            // compares, which bound it more than memory does (20 ns against ~12).
            const __m128i key = _mm_set1_epi32(static_cast<int>(ca));
            const __m128i none = _mm_set1_epi32(-1);
            const auto *v = reinterpret_cast<const __m128i *>(&k);
            hit = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(_mm_load_si128(v), key))))
                | static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(_mm_load_si128(v + 1), key)))) << 4;
            free = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(_mm_load_si128(v + 2), none))))
                | static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(_mm_load_si128(v + 3), none)))) << 4;
#else
            for (unsigned j = 0; j < kSlots; ++j) {
                hit |= static_cast<unsigned>(k.ca[j] == ca) << j;
                free |= static_cast<unsigned>(k.cls[j] == kEmpty) << j;
            }
#endif
            hit &= (free & (0u - free)) - 1u; // slots fill in order, none is removed: only those before the first free one
            while (hit != 0) {
                const unsigned j = static_cast<unsigned>(__builtin_ctz(hit));
                if (tags[k.cls[j]] == tag)
                    return {static_cast<std::uint32_t>(b * kSlots + j), k.cls[j]};
                hit &= hit - 1;
            }
            if (__builtin_expect(free != 0, 1))
                return {};
            if (++b == m_buckets)
                b = 0;
        }
    }
    // Same 16 bits as the key's remainder, in the 15 slots of a narrow bucket.
    static unsigned sameRemainder(const NarrowBucket &k, std::uint16_t rem)
    {
        unsigned same = 0;
#ifdef __SSE2__
        const __m128i key = _mm_set1_epi16(static_cast<short>(rem));
        const auto *v = reinterpret_cast<const __m128i *>(&k);
        same = static_cast<unsigned>(_mm_movemask_epi8(
            _mm_packs_epi16(_mm_cmpeq_epi16(_mm_load_si128(v), key), _mm_cmpeq_epi16(_mm_load_si128(v + 1), key))));
#else
        for (unsigned j = 0; j < kNarrowSlots; ++j)
            same |= static_cast<unsigned>(k.rem[j] == rem) << j;
#endif
        return same & 0x7FFFu;
    }
    // The common case inline: the key in its home bucket (98.6% of a million keys), decided
    // by one branch that depends on the line, taken when the first slot with the key's
    // remainder at distance 0 is of the tag. Everything else — a key that spilled, a second
    // slot with the same remainder, a key not held — goes to findNarrowSlow(). (The loop over
    // the three distances inline cost 4.4-5.1 ns a lookup in the bucket's cache line against
    // 3.6-4.0 for this, standalone, same runs.)
    Hit findNarrow(std::uint32_t tag, std::uint32_t hash) const
    {
        const std::size_t b = bucketOf(hash);
        const NarrowBucket &k = m_narrowTable[b];
        const unsigned home = sameRemainder(k, remainderOf(hash)) & atDistance(k.where, 0);
        const unsigned j = static_cast<unsigned>(__builtin_ctz(home | 0x8000u)); // 15: none
        const std::uint16_t cls = k.cls[std::min<unsigned>(j, kNarrowSlots - 1)]; // unused when j is 15
        if (__builtin_expect(home != 0 && m_classTag[cls] == tag, 1))
            return {static_cast<std::uint32_t>(b * 16 + j), cls};
        return findNarrowSlow(tag, hash);
    }
    Hit findNarrowSlow(std::uint32_t tag, std::uint32_t hash) const;
    Hit findStashed(std::uint32_t tag, std::uint32_t hash) const;
    // Storage aligned to 2 MiB and advised for transparent huge pages: with 4 KiB pages a
    // random lookup in megabytes would also miss the TLB.
    struct Free {
        Free() noexcept : base(nullptr), length(0) {}
        Free(void *b, std::size_t l) noexcept : base(b), length(l) {}
        void *base;                       // the mapping
        std::size_t length;
        void operator()(void *p) const;
    };
    template <typename T>
    static std::unique_ptr<T[], Free> hugeBlocks(std::size_t count);
    std::unique_ptr<Bucket[], Free> m_table;
    std::unique_ptr<MacBucket[], Free> m_macs;
    std::unique_ptr<NarrowBucket[], Free> m_narrowTable;
    std::unique_ptr<NarrowMacBucket[], Free> m_narrowMacs;
    std::vector<std::uint32_t> m_classTag; // per class: its tag, kNoTag while unused
    std::vector<std::uint16_t> m_classMacHigh; // narrow, per class: the first two bytes of its MACs
    std::vector<std::uint64_t> m_spilled;  // per bucket: a full bucket whose keys went on to the next
    std::vector<Entry> m_stash;            // narrow: the keys whose three buckets were full
    std::unordered_map<std::uint64_t, std::uint32_t> m_stashOf; // (tag, hash) -> index in m_stash
    std::size_t m_buckets = 0;
    std::size_t m_size = 0;
    unsigned m_remShift = 16;
    bool m_narrow = false;
};
} // namespace detail

struct RouteEntry {
    IpKey first;                   // the prefix, as its first and last address
    IpKey last;
    std::uint8_t length = 0;       // in the address family's bits
    bool v4 = true;
    std::uint32_t vsid = 0;        // the VSID the route leads into
    std::uint32_t vsidIndex = kNone; // its index in vsids(), resolved at build
    bool onLink = true;
    IpKey nextHop;                 // gateway address when !onLink
    std::string prefix;            // text, for traces
};

struct SubnetEntry {
    std::string id;
    std::uint32_t vsid = 0;
    IpKey first;
    IpKey last;
    IpKey gateway;
    bool v4 = true;
};

struct RoutingDomainEntry {
    std::string vmNetwork;
    std::string rdid;
    packet::MacAddr routerMac;
    std::vector<SubnetEntry> subnets;
    std::vector<RouteEntry> routes;      // longest prefix first
    std::vector<std::uint32_t> gatewayHosts;
    std::vector<IpKey> gatewayPas;       // outer sources accepted as "from outside"
};

struct GatewayEntry {
    std::string id;
    std::string name;
    std::uint32_t rd = kNone;
    std::uint32_t host = kNone;
};

struct NicEntry {
    std::string id;
    std::string name;
    packet::MacAddr mac;
    std::int64_t mtu = 1500;
};

struct TeamEntry {
    std::string logicalSwitch;
    bool team = false;                    // uplinkMode Team
    core::LoadBalancing loadBalancing = core::LoadBalancing::HyperVPort;
    std::vector<std::uint16_t> members;   // NIC indices of the host
};

struct PaEntry {
    IpKey address;
    std::uint32_t team = kNone;           // the team (switch) that carries it
    std::uint16_t nic = 0;                // its NIC (first member) — the receive side
    IpKey subnetFirst;                    // provider subnet, for the next-hop choice
    IpKey subnetLast;
    bool hasSubnet = false;
    packet::MacAddr gatewayMac;           // the provider subnet's gateway
    std::uint32_t rewritePort = kNone;    // an IP Rewrite PA: its vNIC's port
};

struct HostEntry {
    std::string id;
    std::string name;
    bool emulated = true;
    std::vector<NicEntry> nics;
    std::vector<TeamEntry> teams;
    std::vector<PaEntry> pas;
    std::uint32_t hostPa = kNone;         // index in pas of the shared (Encap) PA
    std::int64_t providerMtu = 1500;
    std::vector<std::uint32_t> ports;
};

struct VsidEntry {
    std::uint32_t vsid = 0;
    std::uint32_t rd = kNone;
    std::vector<std::uint32_t> hosts;     // hosts with at least one port in it
    std::vector<std::uint32_t> gatewayHosts; // hosts of the gateways on it (they receive too)
};

struct SnapshotOptions {
    // The in-memory underlay cannot reach hosts that are not emulated (`unreachable`); the
    // TAP underlay can.
    bool remoteHostsReachable = false;
    // Overrides of the design's emulation settings (nullopt: the design's).
    std::optional<bool> flowId;
    std::optional<std::int64_t> underlayMtu;
};

class PolicySnapshot final {
public:
    static std::shared_ptr<const PolicySnapshot> build(const core::policy::Policy &policy,
                                                       const SnapshotOptions &options = {});
    // Compiles the design (core::policy::compile) first.
    static std::shared_ptr<const PolicySnapshot> build(const core::Design &design,
                                                       const SnapshotOptions &options = {});

    const std::vector<PortEntry> &ports() const { return m_ports; }
    const std::vector<RecordEntry> &records() const { return m_records; }
    const std::string &recordName(std::uint32_t record) const { return m_recordNames[record]; }
    const std::vector<HostEntry> &hosts() const { return m_hosts; }
    const std::vector<RoutingDomainEntry> &routingDomains() const { return m_rds; }
    const std::vector<GatewayEntry> &gateways() const { return m_gateways; }
    const std::vector<VsidEntry> &vsids() const { return m_vsids; }
    bool flowId() const { return m_flowId; }
    bool remoteHostsReachable() const { return m_remoteReachable; }

    std::uint32_t portIndex(std::string_view nicId) const;
    std::uint32_t hostIndex(std::string_view hostId) const;
    std::uint32_t vsidIndex(std::uint32_t vsid) const { return m_vsidIndex.find(0, IpKey{0, vsid}); }

    // Record of a CA in a VSID (step 5), or in a routing domain (receive spoof check).
    std::uint32_t recordInVsid(std::uint32_t vsid, const IpKey &ca) const { return m_byVsid.find(vsid, ca); }
    std::uint32_t recordInRd(std::uint32_t rd, const IpKey &ca) const { return m_byRd.find(rd, ca); }
    const RecordEntry *findInVsid(std::uint32_t vsid, const IpKey &ca) const { return record(recordInVsid(vsid, ca)); }
    const RecordEntry *findInRd(std::uint32_t rd, const IpKey &ca) const { return record(recordInRd(rd, ca)); }
    // The burst fast path's compact IPv4 lookups in three steps: hash every key
    // (recordHash), prefetch every bucket, then look up; the entry's class is
    // recordClass(hit.recordClass), its MAC fastIndexVsid().mac(hit.slot)
    // (prefetchMacInVsidHash first). An empty hit when
    // the compact index does not hold the key (then the general path decides). Both tables
    // hash (tag, ca) alike.
    static std::size_t recordHash(std::uint32_t tag, const IpKey &ca) { return detail::FastIndex::hash(tag, ca.v4()); }
    void prefetchInVsidHash(std::size_t h) const { m_fastVsid.prefetch(h); }
    void prefetchInRdHash(std::size_t h) const { m_fastRd.prefetch(h); }
    void prefetchMacInVsidHash(std::size_t h) const { m_fastVsid.prefetchMac(h); }

    detail::FastIndex::Hit fastInVsid(std::uint32_t vsid, packet::Ipv4Addr ca, std::size_t h) const
    {
        return m_fastVsid.find(vsid, ca, h);
    }
    detail::FastIndex::Hit fastInRd(std::uint32_t rd, packet::Ipv4Addr ca, std::size_t h) const
    {
        return m_fastRd.find(rd, ca, h);
    }
    const RecordClass &recordClass(std::uint32_t i) const { return m_classes[i]; }
    const std::vector<RecordClass> &recordClasses() const { return m_classes; }
    const detail::FastIndex &fastIndexVsid() const { return m_fastVsid; }
    const detail::FastIndex &fastIndexRd() const { return m_fastRd; }
    std::uint32_t recordByMac(std::uint32_t vsid, const packet::MacAddr &mac) const
    {
        return m_byMac.find(vsid, IpKey{0, mac.toU64()});
    }
    // The Rewrite record whose PA this is (kNone for shared PAs).
    std::uint32_t rewriteRecordByPa(const IpKey &pa) const { return m_byRewritePa.find(0, pa); }
    // Which host owns a PA: host index << 16 | PA index, or kNone.
    std::uint32_t paOwner(const IpKey &pa) const { return m_paOwner.find(0, pa); }
    // Local ports of a VSID on a host: [begin, end) into localPortList().
    std::pair<const std::uint32_t *, const std::uint32_t *> localPorts(std::uint32_t host, std::uint32_t vsidIndex) const;
    // The local port of a VSID on a host with an IPv4 CA, when it is the port of the first
    // lookup record of (VSID, CA) — where the general path delivers — else kNone.
    struct LocalCa {
        packet::Ipv4Addr ca;
        std::uint32_t port;               // kNone: not found by its CA
    };
    std::uint32_t localPortByCa(std::uint32_t host, std::uint32_t vsidIndex, packet::Ipv4Addr ca) const;
    // The same over one (host, VSID)'s entries (localByCa()), sorted by CA.
    static std::uint32_t localPortByCa(const LocalCa *begin, const LocalCa *end, packet::Ipv4Addr ca)
    {
        while (end - begin > 8) {
            const LocalCa *mid = begin + (end - begin) / 2;
            if (mid->ca < ca)
                begin = mid + 1;
            else
                end = mid + 1;
        }
        for (; begin != end; ++begin)
            if (begin->ca == ca)
                return begin->port;
        return kNone;
    }
    std::pair<const LocalCa *, const LocalCa *> localByCa(std::uint32_t host, std::uint32_t vsidIndex) const;
    // Longest-prefix match in a routing domain; nullptr when no route.
    const RouteEntry *route(std::uint32_t rd, const IpKey &dst) const;
    // The largest number of actions one frame can produce (replication fan-out), for sizing.
    std::size_t maxFanout() const { return m_maxFanout; }

private:
    const RecordEntry *record(std::uint32_t i) const { return i < m_records.size() ? &m_records[i] : nullptr; }
    std::vector<PortEntry> m_ports;
    std::vector<RecordEntry> m_records;
    std::vector<std::string> m_recordNames;
    std::vector<HostEntry> m_hosts;
    std::vector<RoutingDomainEntry> m_rds;
    std::vector<GatewayEntry> m_gateways;
    std::vector<VsidEntry> m_vsids;
    std::vector<std::uint32_t> m_localPortList;
    detail::FlatTable m_byVsid;
    detail::FlatTable m_byRd;
    detail::FlatTable m_byMac;
    detail::FastIndex m_fastVsid;
    detail::FastIndex m_fastRd;
    std::vector<RecordClass> m_classes;
    detail::FlatTable m_byRewritePa;
    detail::FlatTable m_paOwner;
    detail::FlatTable m_vsidIndex;
    detail::FlatTable m_localPorts;   // (host, vsidIndex) → index into m_localRanges
    std::unordered_map<std::string, std::uint32_t> m_portIds;
    std::unordered_map<std::string, std::uint32_t> m_hostIds;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_localRanges;
    std::vector<LocalCa> m_localByCa;     // per local range, its ports with an IPv4 CA by CA
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_localByCaRanges;
    bool m_flowId = true;
    bool m_remoteReachable = false;
    std::size_t m_maxFanout = 1;
};

} // namespace netvirt::emulator::forwarding
