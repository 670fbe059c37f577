// The design model: plain value types for every entity of FORMAT.md, held in a Design with
// id-indexed tables. Relationships are ids resolved through the Design; no pointers between
// entities. Values whose content may be invalid (addresses, prefixes, VLANs, VSIDs) are kept
// as written so that the rule engine, not the loader, reports them. Each entity keeps the
// unknown JSON keys it was loaded with in `extra`, written back unchanged.
// Thread-safety: a Design is a value; concurrent reads are safe, writes need exclusive access.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace netvirt::core {

using Id = std::string;
using Json = nlohmann::ordered_json;

enum class EntityKind : std::uint8_t {
    HostGroup = 1,
    LogicalNetwork,
    Site,
    IpPool,
    MacPool,
    UplinkPortProfile,
    VnicPortProfile,
    PortClassification,
    LogicalSwitch,
    Host,
    PhysicalNic,   // child of Host
    HostVnic,      // child of Host (inside one of its switches)
    VmNetwork,
    VmSubnet,      // child of VmNetwork
    Vm,
    VmNic,         // child of Vm
    Gateway,
};

// Stable lower-camel names, as used in FORMAT.md's arrays and in messages: "host", "vmNic"...
std::string_view kindName(EntityKind kind);
// The top-level JSON array a kind lives in ("hosts"); children return their parent's array.
std::string_view kindArray(EntityKind kind);
bool isChildKind(EntityKind kind);
std::optional<EntityKind> kindFromName(std::string_view name);

enum class TeamingMode : std::uint8_t { SwitchIndependent = 1, Lacp, Static };
enum class LoadBalancing : std::uint8_t { HyperVPort = 1, AddressHash };
enum class UplinkMode : std::uint8_t { Team = 1, NoTeam };
enum class BandwidthMode : std::uint8_t { None = 1, Weight, Absolute };
enum class IpMode : std::uint8_t { Static = 1, Pool, Dhcp };
enum class Isolation : std::uint8_t { None = 1, NetworkVirtualization };
enum class Translation : std::uint8_t { Encap = 1, Rewrite };
enum class Provisioning : std::uint8_t { Template = 1, Manual };
enum class GatewayMode : std::uint8_t { Forward = 1, Nat };

struct HostGroup {
    Id id;
    std::string name;
    std::optional<Id> parent;
    Json extra;
};

struct LogicalNetwork {
    Id id;
    std::string name;
    bool networkVirtualization = false;
    Json extra;
};

struct SiteSubnet {
    std::string prefix;
    std::int64_t vlan = 0;
    Json extra;
};

struct Site {
    Id id;
    std::string name;
    Id logicalNetwork;
    std::vector<Id> hostGroups;
    std::vector<SiteSubnet> subnets;
    Json extra;
};

struct IpPool {
    Id id;
    std::string name;
    std::optional<Id> site;          // with subnet: a pool on a site subnet
    std::optional<std::string> subnet;
    std::optional<Id> vmSubnet;      // or a pool on a VM subnet
    std::string start;
    std::string end;
    std::optional<std::string> gateway;
    std::vector<std::string> dns;
    std::vector<std::string> reserved; // addresses or "a-b" ranges
    Json extra;
};

struct MacPool {
    Id id;
    std::string name;
    std::string start;
    std::string end;
    std::vector<Id> hostGroups;
    Json extra;
};

struct Teaming {
    TeamingMode mode = TeamingMode::SwitchIndependent;
    LoadBalancing loadBalancing = LoadBalancing::HyperVPort;
    Json extra;
};

struct UplinkPortProfile {
    Id id;
    std::string name;
    std::vector<Id> sites;
    bool networkVirtualization = false;
    Teaming teaming;
    Json extra;
};

struct Offload {
    bool vmq = false;
    bool ipsecTaskOffload = false;
    bool sriov = false;
    Json extra;
};

struct Security {
    bool macSpoofing = false;
    bool dhcpGuard = false;
    bool routerGuard = false;
    bool guestTeaming = false;
    Json extra;
};

struct Bandwidth {
    std::optional<std::int64_t> minimumWeight;
    std::optional<std::int64_t> maximumMbps;
    Json extra;
};

struct VnicPortProfile {
    Id id;
    std::string name;
    Offload offload;
    Security security;
    Bandwidth bandwidth;
    Json extra;
};

struct PortClassification {
    Id id;
    std::string name;
    std::optional<std::string> description;
    Json extra;
};

struct VirtualPort {
    Id classification;
    Id vnicProfile;
    std::optional<bool> isDefault; // "default" in the file
    Json extra;
};

struct LogicalSwitch {
    Id id;
    std::string name;
    UplinkMode uplinkMode = UplinkMode::NoTeam;
    std::optional<BandwidthMode> bandwidthMode; // absent: None
    std::vector<std::string> extensions;
    std::vector<Id> uplinkProfiles;
    std::vector<VirtualPort> virtualPorts;
    Json extra;

    BandwidthMode effectiveBandwidthMode() const { return bandwidthMode.value_or(BandwidthMode::None); }
};

struct PhysicalNic {
    Id id;
    std::optional<std::string> name;
    std::optional<std::string> mac;        // absent: derived from the id (ipam::derivedNicMac)
    std::optional<std::int64_t> mtu;       // absent: 1500
    std::optional<std::int64_t> speedMbps;
    Json extra;

    std::int64_t effectiveMtu() const { return mtu.value_or(1500); }
};

struct Adapter {
    Id nic;
    Id uplinkProfile;
    Json extra;
};

struct HostVnic {
    Id id;
    std::optional<std::string> name;
    std::optional<Id> vmNetwork;
    std::optional<Id> classification;
    IpMode ipMode = IpMode::Static;
    std::optional<std::string> ip;
    std::optional<std::string> mac;
    Json extra;
};

struct HostSwitch {
    Id logicalSwitch;
    std::vector<Adapter> adapters;
    std::vector<HostVnic> hostVnics;
    Json extra;
};

struct Host {
    Id id;
    std::string name;
    Id hostGroup;
    std::optional<bool> emulated; // absent: true
    std::vector<PhysicalNic> physicalNics;
    std::vector<HostSwitch> switches;
    std::optional<std::vector<std::string>> providerAddresses; // absent or empty: allocate
    Json extra;

    bool isEmulated() const { return emulated.value_or(true); }
};

struct VmSubnet {
    Id id;
    std::optional<std::string> name;
    std::string prefix;
    std::int64_t vsid = 0;
    Json extra;
};

struct VmNetwork {
    Id id;
    std::string name;
    Id logicalNetwork;
    Isolation isolation = Isolation::None;
    std::optional<Translation> translation; // absent: Encap
    std::vector<VmSubnet> subnets;
    Json extra;

    bool isIsolated() const { return isolation == Isolation::NetworkVirtualization; }
    Translation effectiveTranslation() const { return translation.value_or(Translation::Encap); }
};

struct VmNic {
    Id id;
    std::optional<std::string> name;
    std::optional<Id> vmNetwork;      // absent: disconnected (NV201)
    std::optional<Id> vmSubnet;
    std::optional<Id> logicalSwitch;
    std::optional<Id> classification;
    std::optional<std::string> mac;   // absent: allocated from a MAC pool
    IpMode ipMode = IpMode::Static;
    std::optional<std::string> ip;    // absent: allocated from a pool
    Json extra;
};

struct Vm {
    Id id;
    std::string name;
    Id host;
    Provisioning provisioning = Provisioning::Template;
    std::vector<VmNic> nics;
    Json extra;
};

struct Gateway {
    Id id;
    std::string name;
    Id vmNetwork;
    Id vmSubnet;
    std::string address;
    Id host;
    std::string externalPrefix;
    GatewayMode mode = GatewayMode::Forward;
    std::optional<std::string> externalAddress;
    Json extra;
};

struct Point {
    double x = 0;
    double y = 0;
    bool operator==(const Point &) const = default;
};

struct Layout {
    std::vector<std::pair<Id, Point>> nodes; // in file order; setNodePosition keeps it unique
    std::vector<Id> collapsed;
    Json extra;
    Json nodeExtra; // unknown keys of layout.nodes entries, by node id (kept for saving)

    const Point *position(std::string_view id) const;
    void setPosition(const Id &id, Point p);
};

// Where an id lives: its kind and its position in the design's tables.
struct EntityRef {
    EntityKind kind = EntityKind::HostGroup;
    std::uint32_t index = 0;  // top-level position (the parent's for children)
    std::uint32_t child = 0;  // PhysicalNic/VmSubnet/VmNic: position in the parent's array
    std::uint32_t sub = 0;    // HostVnic: position inside host.switches[child].hostVnics
};

class Design {
public:
    std::string name;
    std::vector<HostGroup> hostGroups;
    std::vector<LogicalNetwork> logicalNetworks;
    std::vector<Site> sites;
    std::vector<IpPool> ipPools;
    std::vector<MacPool> macPools;
    std::vector<UplinkPortProfile> uplinkPortProfiles;
    std::vector<VnicPortProfile> vnicPortProfiles;
    std::vector<PortClassification> portClassifications;
    std::vector<LogicalSwitch> logicalSwitches;
    std::vector<Host> hosts;
    std::vector<VmNetwork> vmNetworks;
    std::vector<Vm> vms;
    std::vector<Gateway> gateways;
    Json emulation = Json::object(); // interpreted by the emulator; kept as written
    Layout layout;
    Json extra = Json::object();     // unknown top-level keys

    // The id index. Code that changes the tables directly (loaders, generators, tests) calls
    // reindex() afterwards; the edit operations (edit.h) keep it current themselves.
    void reindex();
    // Incremental upkeep for the edit operations (edit.h), correct while ids are unique:
    // forget one id; (re-)index one top-level entity and its children at its position.
    void unindex(std::string_view id);
    void reindexEntity(EntityKind kind, std::size_t index);
    const EntityRef *find(std::string_view id) const;
    bool contains(std::string_view id) const { return find(id) != nullptr; }
    // Typed look-ups: nullptr when the id is unknown or names an entity of another kind.
    const HostGroup *hostGroup(std::string_view id) const;
    const LogicalNetwork *logicalNetwork(std::string_view id) const;
    const Site *site(std::string_view id) const;
    const IpPool *ipPool(std::string_view id) const;
    const MacPool *macPool(std::string_view id) const;
    const UplinkPortProfile *uplinkPortProfile(std::string_view id) const;
    const VnicPortProfile *vnicPortProfile(std::string_view id) const;
    const PortClassification *portClassification(std::string_view id) const;
    const LogicalSwitch *logicalSwitch(std::string_view id) const;
    const Host *host(std::string_view id) const;
    const PhysicalNic *physicalNic(std::string_view id) const;
    const HostVnic *hostVnic(std::string_view id) const;
    const VmNetwork *vmNetwork(std::string_view id) const;
    const VmSubnet *vmSubnet(std::string_view id) const;
    const Vm *vm(std::string_view id) const;
    const VmNic *vmNic(std::string_view id) const;
    const Gateway *gateway(std::string_view id) const;
    // The parent of a child entity (host of a NIC or host vNIC, VM network of a VM subnet,
    // VM of a VM vNIC); nullptr for top-level entities and unknown ids.
    const Host *hostOf(std::string_view childId) const;
    const VmNetwork *vmNetworkOfSubnet(std::string_view subnetId) const;
    const Vm *vmOfNic(std::string_view nicId) const;

    // Display name: the entity's name, or for unnamed children its id.
    std::string displayName(std::string_view id) const;
    std::size_t entityCount() const { return m_index.size(); }
    // Every id in the design with its kind, in table order (children after their parent).
    std::vector<std::pair<Id, EntityKind>> allEntities() const;

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, EntityRef, Hash, std::equal_to<>> m_index;
};

// Case-insensitive (ASCII) name comparison, as VMM compares names.
bool namesEqual(std::string_view a, std::string_view b);
std::string foldName(std::string_view name);
// Whether an id has the allowed form [A-Za-z0-9._/-]{1,128}.
bool isValidId(std::string_view id);

} // namespace netvirt::core
