// The JSON codec of FORMAT.md: one decode/encode pair per entity. Keys are written in the
// order FORMAT.md lists them, then the unknown keys kept from loading, so that saving an
// unchanged design yields identical bytes.
#include "io/json_codec.h"

#include <netvirt/core/io/design_io.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <limits>

namespace netvirt::core::io::detail {

// (The helpers below are in detail itself, not an anonymous namespace: the nested overloads

using Keys = std::initializer_list<std::string_view>;

// Nested value types without ids.
void decode(const Json &j, const PathNode &p, SiteSubnet &out);
void decode(const Json &j, const PathNode &p, Teaming &out);
void decode(const Json &j, const PathNode &p, Offload &out);
void decode(const Json &j, const PathNode &p, Security &out);
void decode(const Json &j, const PathNode &p, Bandwidth &out);
void decode(const Json &j, const PathNode &p, VirtualPort &out);
void decode(const Json &j, const PathNode &p, Adapter &out);
void decode(const Json &j, const PathNode &p, HostSwitch &out);
Json encode(const SiteSubnet &e);
Json encode(const Teaming &e);
Json encode(const Offload &e);
Json encode(const Security &e);
Json encode(const Bandwidth &e);
Json encode(const VirtualPort &e);
Json encode(const Adapter &e);
Json encode(const HostSwitch &e);

void renderInto(const PathNode &n, std::string &out)
{
    if (n.parent)
        renderInto(*n.parent, out);
    else if (!n.root.empty())
        out += n.root;
    if (n.isIndex) {
        out += '[';
        out += std::to_string(n.index);
        out += ']';
    } else if (n.quoted) {
        out += "[\"";
        out += n.key;
        out += "\"]";
    } else if (!n.key.empty()) {
        if (!out.empty())
            out += '.';
        out += n.key;
    }
}

PathNode keyNode(const PathNode &parent, std::string_view key) { return PathNode{&parent, key, 0, false, false, {}}; }
PathNode indexNode(const PathNode &parent, std::size_t i) { return PathNode{&parent, {}, i, true, false, {}}; }

// "hosts[2].physicalNics: expected an array", exactly as FORMAT.md words it; the type found
// is named only when it is null (a required value written as null reads as "missing").
[[noreturn]] void failType(const PathNode &at, std::string_view expected, const Json &got)
{
    std::string what = "expected ";
    what += expected;
    if (got.is_null())
        what += ", got null";
    fail(at, what);
}

template <typename E>
struct EnumName {
    E value;
    std::string_view name;
};

constexpr std::array<EnumName<TeamingMode>, 3> kTeamingModes{{
    {TeamingMode::SwitchIndependent, "SwitchIndependent"}, {TeamingMode::Lacp, "LACP"}, {TeamingMode::Static, "Static"}}};
constexpr std::array<EnumName<LoadBalancing>, 2> kLoadBalancing{{
    {LoadBalancing::HyperVPort, "HyperVPort"}, {LoadBalancing::AddressHash, "AddressHash"}}};
constexpr std::array<EnumName<UplinkMode>, 2> kUplinkModes{{{UplinkMode::Team, "Team"}, {UplinkMode::NoTeam, "NoTeam"}}};
constexpr std::array<EnumName<BandwidthMode>, 3> kBandwidthModes{{
    {BandwidthMode::Weight, "Weight"}, {BandwidthMode::Absolute, "Absolute"}, {BandwidthMode::None, "None"}}};
constexpr std::array<EnumName<IpMode>, 3> kIpModes{{{IpMode::Static, "Static"}, {IpMode::Pool, "Pool"}, {IpMode::Dhcp, "Dhcp"}}};
constexpr std::array<EnumName<Isolation>, 2> kIsolations{{
    {Isolation::None, "None"}, {Isolation::NetworkVirtualization, "NetworkVirtualization"}}};
constexpr std::array<EnumName<Translation>, 2> kTranslations{{{Translation::Encap, "Encap"}, {Translation::Rewrite, "Rewrite"}}};
constexpr std::array<EnumName<Provisioning>, 2> kProvisionings{{
    {Provisioning::Template, "Template"}, {Provisioning::Manual, "Manual"}}};
constexpr std::array<EnumName<GatewayMode>, 2> kGatewayModes{{{GatewayMode::Forward, "Forward"}, {GatewayMode::Nat, "NAT"}}};

template <typename E, std::size_t N>
std::string_view enumName(const std::array<EnumName<E>, N> &table, E value)
{
    for (const auto &e : table)
        if (e.value == value)
            return e.name;
    return table[0].name; // out-of-range values are a programming error; write the default
}

template <typename E, std::size_t N>
E enumValue(const std::array<EnumName<E>, N> &table, const Json &j, const PathNode &at)
{
    if (!j.is_string())
        failType(at, "a string", j);
    const auto &s = j.get_ref<const std::string &>();
    for (const auto &e : table)
        if (e.name == s)
            return e.value;
    std::string what = "unknown value \"" + s + "\" (allowed: ";
    for (std::size_t i = 0; i < N; ++i) {
        if (i)
            what += i + 1 == N ? " or " : ", ";
        what += '"';
        what += table[i].name;
        what += '"';
    }
    what += ')';
    fail(at, what);
}

// Reads one JSON object: typed accessors for known keys, and the unknown rest into `extra`.
class ObjectReader {
public:
    ObjectReader(const Json &j, const PathNode &path)
        : m_j(j), m_path(path)
    {
        if (!j.is_object())
            failType(path, "an object", j);
    }

    const PathNode &path() const { return m_path; }

    // The value of a key; nullptr when absent or null.
    const Json *find(std::string_view key) const
    {
        auto it = m_j.find(key);
        if (it == m_j.end() || it->is_null())
            return nullptr;
        return &*it;
    }

    const Json &require(std::string_view key) const
    {
        auto it = m_j.find(key);
        if (it == m_j.end()) {
            PathNode at = keyNode(m_path, key);
            fail(at, "missing required key");
        }
        return *it;
    }

    std::string reqString(std::string_view key) const { return asString(require(key), key); }

    std::optional<std::string> optString(std::string_view key) const
    {
        const Json *v = find(key);
        if (!v)
            return std::nullopt;
        return asString(*v, key);
    }

    bool reqBool(std::string_view key) const { return asBool(require(key), key); }

    std::optional<bool> optBool(std::string_view key) const
    {
        const Json *v = find(key);
        if (!v)
            return std::nullopt;
        return asBool(*v, key);
    }

    std::int64_t reqInt(std::string_view key) const { return asInt(require(key), key); }

    std::optional<std::int64_t> optInt(std::string_view key) const
    {
        const Json *v = find(key);
        if (!v)
            return std::nullopt;
        return asInt(*v, key);
    }

    template <typename E, std::size_t N>
    E reqEnum(std::string_view key, const std::array<EnumName<E>, N> &table) const
    {
        PathNode at = keyNode(m_path, key);
        return enumValue(table, require(key), at);
    }

    template <typename E, std::size_t N>
    std::optional<E> optEnum(std::string_view key, const std::array<EnumName<E>, N> &table) const
    {
        const Json *v = find(key);
        if (!v)
            return std::nullopt;
        PathNode at = keyNode(m_path, key);
        return enumValue(table, *v, at);
    }

    // An array whose absence means empty; `fn(element, path)` decodes each element.
    template <typename T>
    std::vector<T> array(std::string_view key) const
    {
        std::vector<T> out;
        const Json *v = find(key);
        if (!v)
            return out;
        PathNode at = keyNode(m_path, key);
        if (!v->is_array())
            failType(at, "an array", *v);
        out.resize(v->size());
        for (std::size_t i = 0; i < v->size(); ++i) {
            PathNode el = indexNode(at, i);
            decodeElement((*v)[i], el, out[i]);
        }
        return out;
    }

    std::optional<std::vector<std::string>> optStrings(std::string_view key) const
    {
        if (!find(key))
            return std::nullopt;
        return array<std::string>(key);
    }

    // An object value whose absence means its defaults.
    template <typename T>
    T object(std::string_view key) const
    {
        T out;
        if (const Json *v = find(key)) {
            PathNode at = keyNode(m_path, key);
            decodeElement(*v, at, out);
        }
        return out;
    }

    void collectExtra(Json &extra, Keys known) const
    {
        for (auto it = m_j.begin(); it != m_j.end(); ++it) {
            const std::string &k = it.key();
            if (std::find(known.begin(), known.end(), std::string_view(k)) != known.end())
                continue;
            if (!extra.is_object())
                extra = Json::object();
            extra[k] = it.value();
        }
    }

private:
    std::string asString(const Json &v, std::string_view key) const
    {
        if (!v.is_string()) {
            PathNode at = keyNode(m_path, key);
            failType(at, "a string", v);
        }
        return v.get_ref<const std::string &>();
    }

    bool asBool(const Json &v, std::string_view key) const
    {
        if (!v.is_boolean()) {
            PathNode at = keyNode(m_path, key);
            failType(at, "a boolean", v);
        }
        return v.get<bool>();
    }

    std::int64_t asInt(const Json &v, std::string_view key) const
    {
        PathNode at = keyNode(m_path, key);
        if (v.is_number_unsigned()) {
            auto u = v.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                fail(at, "integer out of range");
            return static_cast<std::int64_t>(u);
        }
        if (!v.is_number_integer())
            failType(at, "an integer", v);
        return v.get<std::int64_t>();
    }

    static void decodeElement(const Json &j, const PathNode &p, std::string &out)
    {
        if (!j.is_string())
            failType(p, "a string", j);
        out = j.get_ref<const std::string &>();
    }

    template <typename T>
    static void decodeElement(const Json &j, const PathNode &p, T &out)
    {
        decode(j, p, out);
    }

    const Json &m_j;
    const PathNode &m_path;
};

void appendExtra(Json &o, const Json &extra)
{
    if (!extra.is_object())
        return;
    for (auto it = extra.begin(); it != extra.end(); ++it)
        if (o.find(it.key()) == o.end())
            o[it.key()] = it.value();
}

Json stringArray(const std::vector<std::string> &v)
{
    Json a = Json::array();
    for (const auto &s : v)
        a.push_back(s);
    return a;
}

template <typename T>
Json encodeArray(const std::vector<T> &v)
{
    Json a = Json::array();
    for (const auto &e : v)
        a.push_back(encode(e));
    return a;
}

template <typename T>
void putOpt(Json &o, const char *key, const std::optional<T> &v)
{
    if (v)
        o[key] = *v;
}


void decode(const Json &j, const PathNode &p, SiteSubnet &out)
{
    ObjectReader r(j, p);
    out.prefix = r.reqString("prefix");
    out.vlan = r.reqInt("vlan");
    r.collectExtra(out.extra, {"prefix", "vlan"});
}

Json encode(const SiteSubnet &e)
{
    Json o = Json::object();
    o["prefix"] = e.prefix;
    o["vlan"] = e.vlan;
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, Teaming &out)
{
    ObjectReader r(j, p);
    out.mode = r.optEnum("mode", kTeamingModes).value_or(TeamingMode::SwitchIndependent);
    out.loadBalancing = r.optEnum("loadBalancing", kLoadBalancing).value_or(LoadBalancing::HyperVPort);
    r.collectExtra(out.extra, {"mode", "loadBalancing"});
}

Json encode(const Teaming &e)
{
    Json o = Json::object();
    o["mode"] = enumName(kTeamingModes, e.mode);
    o["loadBalancing"] = enumName(kLoadBalancing, e.loadBalancing);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, Offload &out)
{
    ObjectReader r(j, p);
    out.vmq = r.optBool("vmq").value_or(false);
    out.ipsecTaskOffload = r.optBool("ipsecTaskOffload").value_or(false);
    out.sriov = r.optBool("sriov").value_or(false);
    r.collectExtra(out.extra, {"vmq", "ipsecTaskOffload", "sriov"});
}

Json encode(const Offload &e)
{
    Json o = Json::object();
    o["vmq"] = e.vmq;
    o["ipsecTaskOffload"] = e.ipsecTaskOffload;
    o["sriov"] = e.sriov;
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, Security &out)
{
    ObjectReader r(j, p);
    out.macSpoofing = r.optBool("macSpoofing").value_or(false);
    out.dhcpGuard = r.optBool("dhcpGuard").value_or(false);
    out.routerGuard = r.optBool("routerGuard").value_or(false);
    out.guestTeaming = r.optBool("guestTeaming").value_or(false);
    r.collectExtra(out.extra, {"macSpoofing", "dhcpGuard", "routerGuard", "guestTeaming"});
}

Json encode(const Security &e)
{
    Json o = Json::object();
    o["macSpoofing"] = e.macSpoofing;
    o["dhcpGuard"] = e.dhcpGuard;
    o["routerGuard"] = e.routerGuard;
    o["guestTeaming"] = e.guestTeaming;
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, Bandwidth &out)
{
    ObjectReader r(j, p);
    out.minimumWeight = r.optInt("minimumWeight");
    out.maximumMbps = r.optInt("maximumMbps");
    r.collectExtra(out.extra, {"minimumWeight", "maximumMbps"});
}

Json encode(const Bandwidth &e)
{
    Json o = Json::object();
    putOpt(o, "minimumWeight", e.minimumWeight);
    putOpt(o, "maximumMbps", e.maximumMbps);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, VirtualPort &out)
{
    ObjectReader r(j, p);
    out.classification = r.reqString("classification");
    out.vnicProfile = r.reqString("vnicProfile");
    out.isDefault = r.optBool("default");
    r.collectExtra(out.extra, {"classification", "vnicProfile", "default"});
}

Json encode(const VirtualPort &e)
{
    Json o = Json::object();
    o["classification"] = e.classification;
    o["vnicProfile"] = e.vnicProfile;
    putOpt(o, "default", e.isDefault);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, Adapter &out)
{
    ObjectReader r(j, p);
    out.nic = r.reqString("nic");
    out.uplinkProfile = r.reqString("uplinkProfile");
    r.collectExtra(out.extra, {"nic", "uplinkProfile"});
}

Json encode(const Adapter &e)
{
    Json o = Json::object();
    o["nic"] = e.nic;
    o["uplinkProfile"] = e.uplinkProfile;
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, HostSwitch &out)
{
    ObjectReader r(j, p);
    out.logicalSwitch = r.reqString("logicalSwitch");
    out.adapters = r.array<Adapter>("adapters");
    out.hostVnics = r.array<HostVnic>("hostVnics");
    r.collectExtra(out.extra, {"logicalSwitch", "adapters", "hostVnics"});
}

Json encode(const HostSwitch &e)
{
    Json o = Json::object();
    o["logicalSwitch"] = e.logicalSwitch;
    o["adapters"] = encodeArray(e.adapters);
    o["hostVnics"] = encodeArray(e.hostVnics);
    appendExtra(o, e.extra);
    return o;
}

// of encode/decode must overload the entity ones declared in json_codec.h.)

std::string renderPath(const PathNode &node)
{
    std::string out;
    renderInto(node, out);
    return out;
}

void fail(const PathNode &at, std::string_view what, ErrorCode code)
{
    std::string path = renderPath(at);
    std::string message;
    if (!path.empty()) {
        message = std::move(path);
        message += ": ";
    }
    message += what;
    throw SchemaFailure{code, std::move(message)};
}

void decode(const Json &j, const PathNode &p, HostGroup &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.parent = r.optString("parent");
    r.collectExtra(out.extra, {"id", "name", "parent"});
}

Json encode(const HostGroup &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    putOpt(o, "parent", e.parent);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, LogicalNetwork &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.networkVirtualization = r.reqBool("networkVirtualization");
    r.collectExtra(out.extra, {"id", "name", "networkVirtualization"});
}

Json encode(const LogicalNetwork &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    o["networkVirtualization"] = e.networkVirtualization;
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, Site &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.logicalNetwork = r.reqString("logicalNetwork");
    out.hostGroups = r.array<std::string>("hostGroups");
    out.subnets = r.array<SiteSubnet>("subnets");
    r.collectExtra(out.extra, {"id", "name", "logicalNetwork", "hostGroups", "subnets"});
}

Json encode(const Site &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    o["logicalNetwork"] = e.logicalNetwork;
    o["hostGroups"] = stringArray(e.hostGroups);
    o["subnets"] = encodeArray(e.subnets);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, IpPool &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.site = r.optString("site");
    out.subnet = r.optString("subnet");
    out.vmSubnet = r.optString("vmSubnet");
    out.start = r.reqString("start");
    out.end = r.reqString("end");
    out.gateway = r.optString("gateway");
    out.dns = r.array<std::string>("dns");
    out.reserved = r.array<std::string>("reserved");
    r.collectExtra(out.extra, {"id", "name", "site", "subnet", "vmSubnet", "start", "end", "gateway", "dns", "reserved"});
}

Json encode(const IpPool &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    putOpt(o, "site", e.site);
    putOpt(o, "subnet", e.subnet);
    putOpt(o, "vmSubnet", e.vmSubnet);
    o["start"] = e.start;
    o["end"] = e.end;
    putOpt(o, "gateway", e.gateway);
    if (!e.dns.empty())
        o["dns"] = stringArray(e.dns);
    if (!e.reserved.empty())
        o["reserved"] = stringArray(e.reserved);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, MacPool &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.start = r.reqString("start");
    out.end = r.reqString("end");
    out.hostGroups = r.array<std::string>("hostGroups");
    r.collectExtra(out.extra, {"id", "name", "start", "end", "hostGroups"});
}

Json encode(const MacPool &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    o["start"] = e.start;
    o["end"] = e.end;
    o["hostGroups"] = stringArray(e.hostGroups);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, UplinkPortProfile &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.sites = r.array<std::string>("sites");
    out.networkVirtualization = r.reqBool("networkVirtualization");
    out.teaming = r.object<Teaming>("teaming");
    r.collectExtra(out.extra, {"id", "name", "sites", "networkVirtualization", "teaming"});
}

Json encode(const UplinkPortProfile &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    o["sites"] = stringArray(e.sites);
    o["networkVirtualization"] = e.networkVirtualization;
    o["teaming"] = encode(e.teaming);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, VnicPortProfile &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.offload = r.object<Offload>("offload");
    out.security = r.object<Security>("security");
    out.bandwidth = r.object<Bandwidth>("bandwidth");
    r.collectExtra(out.extra, {"id", "name", "offload", "security", "bandwidth"});
}

Json encode(const VnicPortProfile &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    o["offload"] = encode(e.offload);
    o["security"] = encode(e.security);
    o["bandwidth"] = encode(e.bandwidth);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, PortClassification &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.description = r.optString("description");
    r.collectExtra(out.extra, {"id", "name", "description"});
}

Json encode(const PortClassification &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    putOpt(o, "description", e.description);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, LogicalSwitch &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.uplinkMode = r.reqEnum("uplinkMode", kUplinkModes);
    out.bandwidthMode = r.optEnum("bandwidthMode", kBandwidthModes);
    out.extensions = r.array<std::string>("extensions");
    out.uplinkProfiles = r.array<std::string>("uplinkProfiles");
    out.virtualPorts = r.array<VirtualPort>("virtualPorts");
    r.collectExtra(out.extra, {"id", "name", "uplinkMode", "bandwidthMode", "extensions", "uplinkProfiles", "virtualPorts"});
}

Json encode(const LogicalSwitch &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    o["uplinkMode"] = enumName(kUplinkModes, e.uplinkMode);
    if (e.bandwidthMode)
        o["bandwidthMode"] = enumName(kBandwidthModes, *e.bandwidthMode);
    o["extensions"] = stringArray(e.extensions);
    o["uplinkProfiles"] = stringArray(e.uplinkProfiles);
    o["virtualPorts"] = encodeArray(e.virtualPorts);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, PhysicalNic &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.optString("name");
    out.mac = r.optString("mac");
    out.mtu = r.optInt("mtu");
    out.speedMbps = r.optInt("speedMbps");
    r.collectExtra(out.extra, {"id", "name", "mac", "mtu", "speedMbps"});
}

Json encode(const PhysicalNic &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    putOpt(o, "name", e.name);
    putOpt(o, "mac", e.mac);
    putOpt(o, "mtu", e.mtu);
    putOpt(o, "speedMbps", e.speedMbps);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, HostVnic &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.optString("name");
    out.vmNetwork = r.optString("vmNetwork");
    out.classification = r.optString("classification");
    out.ipMode = r.reqEnum("ipMode", kIpModes);
    out.ip = r.optString("ip");
    out.mac = r.optString("mac");
    r.collectExtra(out.extra, {"id", "name", "vmNetwork", "classification", "ipMode", "ip", "mac"});
}

Json encode(const HostVnic &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    putOpt(o, "name", e.name);
    putOpt(o, "vmNetwork", e.vmNetwork);
    putOpt(o, "classification", e.classification);
    o["ipMode"] = enumName(kIpModes, e.ipMode);
    putOpt(o, "ip", e.ip);
    putOpt(o, "mac", e.mac);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, Host &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.hostGroup = r.reqString("hostGroup");
    out.emulated = r.optBool("emulated");
    out.physicalNics = r.array<PhysicalNic>("physicalNics");
    out.switches = r.array<HostSwitch>("switches");
    out.providerAddresses = r.optStrings("providerAddresses");
    r.collectExtra(out.extra, {"id", "name", "hostGroup", "emulated", "physicalNics", "switches", "providerAddresses"});
}

Json encode(const Host &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    o["hostGroup"] = e.hostGroup;
    putOpt(o, "emulated", e.emulated);
    o["physicalNics"] = encodeArray(e.physicalNics);
    o["switches"] = encodeArray(e.switches);
    if (e.providerAddresses)
        o["providerAddresses"] = stringArray(*e.providerAddresses);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, VmSubnet &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.optString("name");
    out.prefix = r.reqString("prefix");
    out.vsid = r.reqInt("vsid");
    r.collectExtra(out.extra, {"id", "name", "prefix", "vsid"});
}

Json encode(const VmSubnet &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    putOpt(o, "name", e.name);
    o["prefix"] = e.prefix;
    o["vsid"] = e.vsid;
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, VmNetwork &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.logicalNetwork = r.reqString("logicalNetwork");
    out.isolation = r.reqEnum("isolation", kIsolations);
    out.translation = r.optEnum("translation", kTranslations);
    out.subnets = r.array<VmSubnet>("subnets");
    r.collectExtra(out.extra, {"id", "name", "logicalNetwork", "isolation", "translation", "subnets"});
}

Json encode(const VmNetwork &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    o["logicalNetwork"] = e.logicalNetwork;
    o["isolation"] = enumName(kIsolations, e.isolation);
    if (e.translation)
        o["translation"] = enumName(kTranslations, *e.translation);
    o["subnets"] = encodeArray(e.subnets);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, VmNic &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.optString("name");
    out.vmNetwork = r.optString("vmNetwork");
    out.vmSubnet = r.optString("vmSubnet");
    out.logicalSwitch = r.optString("logicalSwitch");
    out.classification = r.optString("classification");
    out.mac = r.optString("mac");
    out.ipMode = r.reqEnum("ipMode", kIpModes);
    out.ip = r.optString("ip");
    r.collectExtra(out.extra,
                   {"id", "name", "vmNetwork", "vmSubnet", "logicalSwitch", "classification", "mac", "ipMode", "ip"});
}

Json encode(const VmNic &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    putOpt(o, "name", e.name);
    putOpt(o, "vmNetwork", e.vmNetwork);
    putOpt(o, "vmSubnet", e.vmSubnet);
    putOpt(o, "logicalSwitch", e.logicalSwitch);
    putOpt(o, "classification", e.classification);
    putOpt(o, "mac", e.mac);
    o["ipMode"] = enumName(kIpModes, e.ipMode);
    putOpt(o, "ip", e.ip);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, Vm &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.host = r.reqString("host");
    out.provisioning = r.reqEnum("provisioning", kProvisionings);
    out.nics = r.array<VmNic>("nics");
    r.collectExtra(out.extra, {"id", "name", "host", "provisioning", "nics"});
}

Json encode(const Vm &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    o["host"] = e.host;
    o["provisioning"] = enumName(kProvisionings, e.provisioning);
    o["nics"] = encodeArray(e.nics);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, Gateway &out)
{
    ObjectReader r(j, p);
    out.id = r.reqString("id");
    out.name = r.reqString("name");
    out.vmNetwork = r.reqString("vmNetwork");
    out.vmSubnet = r.reqString("vmSubnet");
    out.address = r.reqString("address");
    out.host = r.reqString("host");
    out.externalPrefix = r.reqString("externalPrefix");
    out.mode = r.reqEnum("mode", kGatewayModes);
    out.externalAddress = r.optString("externalAddress");
    r.collectExtra(out.extra,
                   {"id", "name", "vmNetwork", "vmSubnet", "address", "host", "externalPrefix", "mode", "externalAddress"});
}

Json encode(const Gateway &e)
{
    Json o = Json::object();
    o["id"] = e.id;
    o["name"] = e.name;
    o["vmNetwork"] = e.vmNetwork;
    o["vmSubnet"] = e.vmSubnet;
    o["address"] = e.address;
    o["host"] = e.host;
    o["externalPrefix"] = e.externalPrefix;
    o["mode"] = enumName(kGatewayModes, e.mode);
    putOpt(o, "externalAddress", e.externalAddress);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, Layout &out)
{
    ObjectReader r(j, p);
    out.nodes.clear();
    out.nodeExtra = Json();
    if (const Json *nodes = r.find("nodes")) {
        PathNode at = keyNode(p, "nodes");
        if (!nodes->is_object())
            failType(at, "an object", *nodes);
        out.nodes.reserve(nodes->size());
        for (auto it = nodes->begin(); it != nodes->end(); ++it) {
            PathNode node{&at, it.key(), 0, false, true, {}};
            ObjectReader nr(it.value(), node);
            auto number = [&](std::string_view key) {
                const Json &v = nr.require(key);
                if (!v.is_number()) {
                    PathNode kp = keyNode(node, key);
                    failType(kp, "a number", v);
                }
                return v.get<double>();
            };
            Point pt;
            pt.x = number("x");
            pt.y = number("y");
            out.nodes.emplace_back(it.key(), pt);
            Json extra;
            nr.collectExtra(extra, {"x", "y"});
            if (!extra.is_null()) {
                if (!out.nodeExtra.is_object())
                    out.nodeExtra = Json::object();
                out.nodeExtra[it.key()] = std::move(extra);
            }
        }
    }
    out.collapsed = r.array<std::string>("collapsed");
    out.extra = Json();
    r.collectExtra(out.extra, {"nodes", "collapsed"});
}

Json encode(const Layout &e)
{
    Json o = Json::object();
    Json nodes = Json::object();
    for (const auto &[id, pt] : e.nodes) {
        Json n = Json::object();
        n["x"] = pt.x;
        n["y"] = pt.y;
        if (e.nodeExtra.is_object()) {
            auto it = e.nodeExtra.find(id);
            if (it != e.nodeExtra.end())
                appendExtra(n, *it);
        }
        nodes[id] = std::move(n);
    }
    o["nodes"] = std::move(nodes);
    o["collapsed"] = stringArray(e.collapsed);
    appendExtra(o, e.extra);
    return o;
}

void decode(const Json &j, const PathNode &p, Design &out)
{
    if (!j.is_object())
        failType(p, "an object", j);
    ObjectReader r(j, p);

    const Json *format = r.find("format");
    if (!format)
        fail(p, "not a NetVirt design: missing \"format\": \"netvirt-design\"", ErrorCode::Version);
    PathNode formatPath = keyNode(p, "format");
    if (!format->is_string() || format->get_ref<const std::string &>() != kFormatName)
        fail(formatPath, "unknown format " + format->dump() + " (expected \"netvirt-design\")", ErrorCode::Version);

    const Json *version = r.find("version");
    PathNode versionPath = keyNode(p, "version");
    if (!version)
        fail(versionPath, "missing required key", ErrorCode::Version);
    if (!version->is_number_integer())
        failType(versionPath, "an integer", *version);
    const std::string versionText = version->dump();
    const std::string ours = std::to_string(kFormatVersion);
    if (version->is_number_unsigned() ? version->get<std::uint64_t>() > static_cast<std::uint64_t>(kFormatVersion)
                                      : version->get<std::int64_t>() > kFormatVersion)
        fail(versionPath,
             "the file is version " + versionText + ", newer than version " + ours + " that this program reads",
             ErrorCode::Version);
    if (version->get<std::int64_t>() < kFormatVersion)
        fail(versionPath, "unknown version " + versionText + " (this program reads version " + ours + ")",
             ErrorCode::Version);

    out.name = r.reqString("name");
    out.hostGroups = r.array<HostGroup>("hostGroups");
    out.logicalNetworks = r.array<LogicalNetwork>("logicalNetworks");
    out.sites = r.array<Site>("sites");
    out.ipPools = r.array<IpPool>("ipPools");
    out.macPools = r.array<MacPool>("macPools");
    out.uplinkPortProfiles = r.array<UplinkPortProfile>("uplinkPortProfiles");
    out.vnicPortProfiles = r.array<VnicPortProfile>("vnicPortProfiles");
    out.portClassifications = r.array<PortClassification>("portClassifications");
    out.logicalSwitches = r.array<LogicalSwitch>("logicalSwitches");
    out.hosts = r.array<Host>("hosts");
    out.vmNetworks = r.array<VmNetwork>("vmNetworks");
    out.vms = r.array<Vm>("vms");
    out.gateways = r.array<Gateway>("gateways");
    if (const Json *emulation = r.find("emulation")) {
        if (!emulation->is_object()) {
            PathNode at = keyNode(p, "emulation");
            failType(at, "an object", *emulation);
        }
        out.emulation = *emulation;
    } else {
        out.emulation = Json::object();
    }
    out.layout = r.object<Layout>("layout");
    out.extra = Json::object();
    r.collectExtra(out.extra,
                   {"format", "version", "name", "hostGroups", "logicalNetworks", "sites", "ipPools", "macPools",
                    "uplinkPortProfiles", "vnicPortProfiles", "portClassifications", "logicalSwitches", "hosts",
                    "vmNetworks", "vms", "gateways", "emulation", "layout"});
}

Json encode(const Design &d)
{
    Json o = Json::object();
    o["format"] = kFormatName;
    o["version"] = kFormatVersion;
    o["name"] = d.name;
    o["hostGroups"] = encodeArray(d.hostGroups);
    o["logicalNetworks"] = encodeArray(d.logicalNetworks);
    o["sites"] = encodeArray(d.sites);
    o["ipPools"] = encodeArray(d.ipPools);
    o["macPools"] = encodeArray(d.macPools);
    o["uplinkPortProfiles"] = encodeArray(d.uplinkPortProfiles);
    o["vnicPortProfiles"] = encodeArray(d.vnicPortProfiles);
    o["portClassifications"] = encodeArray(d.portClassifications);
    o["logicalSwitches"] = encodeArray(d.logicalSwitches);
    o["hosts"] = encodeArray(d.hosts);
    o["vmNetworks"] = encodeArray(d.vmNetworks);
    o["vms"] = encodeArray(d.vms);
    o["gateways"] = encodeArray(d.gateways);
    if (!d.emulation.is_null() && !(d.emulation.is_object() && d.emulation.empty()))
        o["emulation"] = d.emulation;
    const Layout &l = d.layout;
    if (!l.nodes.empty() || !l.collapsed.empty() || (l.extra.is_object() && !l.extra.empty()))
        o["layout"] = encode(l);
    appendExtra(o, d.extra);
    return o;
}

std::string entityPath(const Design &d, const EntityRef &ref)
{
    std::string out(kindArray(ref.kind));
    out += '[' + std::to_string(ref.index) + ']';
    switch (ref.kind) {
    case EntityKind::PhysicalNic: out += ".physicalNics[" + std::to_string(ref.child) + ']'; break;
    case EntityKind::HostVnic:
        out += ".switches[" + std::to_string(ref.child) + "].hostVnics[" + std::to_string(ref.sub) + ']';
        break;
    case EntityKind::VmSubnet: out += ".subnets[" + std::to_string(ref.child) + ']'; break;
    case EntityKind::VmNic: out += ".nics[" + std::to_string(ref.child) + ']'; break;
    default: break;
    }
    (void)d;
    return out;
}

} // namespace netvirt::core::io::detail
