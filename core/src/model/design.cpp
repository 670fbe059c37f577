// Design: the id index and typed look-ups.
#include <netvirt/core/model/design.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace netvirt::core {

namespace {

struct KindInfo {
    EntityKind kind;
    std::string_view name;
    std::string_view array;
};

constexpr std::array<KindInfo, 17> kKinds{{
    {EntityKind::HostGroup, "hostGroup", "hostGroups"},
    {EntityKind::LogicalNetwork, "logicalNetwork", "logicalNetworks"},
    {EntityKind::Site, "site", "sites"},
    {EntityKind::IpPool, "ipPool", "ipPools"},
    {EntityKind::MacPool, "macPool", "macPools"},
    {EntityKind::UplinkPortProfile, "uplinkPortProfile", "uplinkPortProfiles"},
    {EntityKind::VnicPortProfile, "vnicPortProfile", "vnicPortProfiles"},
    {EntityKind::PortClassification, "portClassification", "portClassifications"},
    {EntityKind::LogicalSwitch, "logicalSwitch", "logicalSwitches"},
    {EntityKind::Host, "host", "hosts"},
    {EntityKind::PhysicalNic, "physicalNic", "hosts"},
    {EntityKind::HostVnic, "hostVnic", "hosts"},
    {EntityKind::VmNetwork, "vmNetwork", "vmNetworks"},
    {EntityKind::VmSubnet, "vmSubnet", "vmNetworks"},
    {EntityKind::Vm, "vm", "vms"},
    {EntityKind::VmNic, "vmNic", "vms"},
    {EntityKind::Gateway, "gateway", "gateways"},
}};

const KindInfo &info(EntityKind kind)
{
    return kKinds[static_cast<std::size_t>(kind) - 1];
}

} // namespace

std::string_view kindName(EntityKind kind) { return info(kind).name; }
std::string_view kindArray(EntityKind kind) { return info(kind).array; }

bool isChildKind(EntityKind kind)
{
    return kind == EntityKind::PhysicalNic || kind == EntityKind::HostVnic
        || kind == EntityKind::VmSubnet || kind == EntityKind::VmNic;
}

std::optional<EntityKind> kindFromName(std::string_view name)
{
    for (const auto &k : kKinds)
        if (k.name == name)
            return k.kind;
    return std::nullopt;
}

const Point *Layout::position(std::string_view id) const
{
    for (const auto &[nodeId, p] : nodes)
        if (nodeId == id)
            return &p;
    return nullptr;
}

void Layout::setPosition(const Id &id, Point p)
{
    for (auto &[nodeId, q] : nodes) {
        if (nodeId == id) {
            q = p;
            return;
        }
    }
    nodes.emplace_back(id, p);
}

void Design::reindex()
{
    m_index.clear();
    m_index.reserve(hostGroups.size() + sites.size() + hosts.size() * 3 + vms.size() * 2 + 64);
    auto put = [this](const Id &id, EntityRef ref) { m_index.try_emplace(id, ref); };
    auto top = [&](const auto &table, EntityKind kind) {
        for (std::uint32_t i = 0; i < table.size(); ++i)
            put(table[i].id, EntityRef{kind, i, 0, 0});
    };
    top(hostGroups, EntityKind::HostGroup);
    top(logicalNetworks, EntityKind::LogicalNetwork);
    top(sites, EntityKind::Site);
    top(ipPools, EntityKind::IpPool);
    top(macPools, EntityKind::MacPool);
    top(uplinkPortProfiles, EntityKind::UplinkPortProfile);
    top(vnicPortProfiles, EntityKind::VnicPortProfile);
    top(portClassifications, EntityKind::PortClassification);
    top(logicalSwitches, EntityKind::LogicalSwitch);
    for (std::uint32_t i = 0; i < hosts.size(); ++i) {
        const Host &h = hosts[i];
        put(h.id, EntityRef{EntityKind::Host, i, 0, 0});
        for (std::uint32_t n = 0; n < h.physicalNics.size(); ++n)
            put(h.physicalNics[n].id, EntityRef{EntityKind::PhysicalNic, i, n, 0});
        for (std::uint32_t s = 0; s < h.switches.size(); ++s)
            for (std::uint32_t v = 0; v < h.switches[s].hostVnics.size(); ++v)
                put(h.switches[s].hostVnics[v].id, EntityRef{EntityKind::HostVnic, i, s, v});
    }
    for (std::uint32_t i = 0; i < vmNetworks.size(); ++i) {
        put(vmNetworks[i].id, EntityRef{EntityKind::VmNetwork, i, 0, 0});
        for (std::uint32_t s = 0; s < vmNetworks[i].subnets.size(); ++s)
            put(vmNetworks[i].subnets[s].id, EntityRef{EntityKind::VmSubnet, i, s, 0});
    }
    for (std::uint32_t i = 0; i < vms.size(); ++i) {
        put(vms[i].id, EntityRef{EntityKind::Vm, i, 0, 0});
        for (std::uint32_t n = 0; n < vms[i].nics.size(); ++n)
            put(vms[i].nics[n].id, EntityRef{EntityKind::VmNic, i, n, 0});
    }
    top(gateways, EntityKind::Gateway);
}

void Design::unindex(std::string_view id)
{
    if (auto it = m_index.find(id); it != m_index.end())
        m_index.erase(it);
}

void Design::reindexEntity(EntityKind kind, std::size_t index)
{
    const auto i = static_cast<std::uint32_t>(index);
    auto put = [this](const Id &id, EntityRef ref) { m_index.insert_or_assign(id, ref); };
    switch (kind) {
    case EntityKind::HostGroup: put(hostGroups[i].id, EntityRef{kind, i, 0, 0}); break;
    case EntityKind::LogicalNetwork: put(logicalNetworks[i].id, EntityRef{kind, i, 0, 0}); break;
    case EntityKind::Site: put(sites[i].id, EntityRef{kind, i, 0, 0}); break;
    case EntityKind::IpPool: put(ipPools[i].id, EntityRef{kind, i, 0, 0}); break;
    case EntityKind::MacPool: put(macPools[i].id, EntityRef{kind, i, 0, 0}); break;
    case EntityKind::UplinkPortProfile: put(uplinkPortProfiles[i].id, EntityRef{kind, i, 0, 0}); break;
    case EntityKind::VnicPortProfile: put(vnicPortProfiles[i].id, EntityRef{kind, i, 0, 0}); break;
    case EntityKind::PortClassification: put(portClassifications[i].id, EntityRef{kind, i, 0, 0}); break;
    case EntityKind::LogicalSwitch: put(logicalSwitches[i].id, EntityRef{kind, i, 0, 0}); break;
    case EntityKind::Gateway: put(gateways[i].id, EntityRef{kind, i, 0, 0}); break;
    case EntityKind::Host: {
        const Host &h = hosts[i];
        put(h.id, EntityRef{kind, i, 0, 0});
        for (std::uint32_t n = 0; n < h.physicalNics.size(); ++n)
            put(h.physicalNics[n].id, EntityRef{EntityKind::PhysicalNic, i, n, 0});
        for (std::uint32_t s = 0; s < h.switches.size(); ++s)
            for (std::uint32_t v = 0; v < h.switches[s].hostVnics.size(); ++v)
                put(h.switches[s].hostVnics[v].id, EntityRef{EntityKind::HostVnic, i, s, v});
        break;
    }
    case EntityKind::VmNetwork:
        put(vmNetworks[i].id, EntityRef{kind, i, 0, 0});
        for (std::uint32_t s = 0; s < vmNetworks[i].subnets.size(); ++s)
            put(vmNetworks[i].subnets[s].id, EntityRef{EntityKind::VmSubnet, i, s, 0});
        break;
    case EntityKind::Vm:
        put(vms[i].id, EntityRef{kind, i, 0, 0});
        for (std::uint32_t n = 0; n < vms[i].nics.size(); ++n)
            put(vms[i].nics[n].id, EntityRef{EntityKind::VmNic, i, n, 0});
        break;
    case EntityKind::PhysicalNic:
    case EntityKind::HostVnic:
    case EntityKind::VmSubnet:
    case EntityKind::VmNic:
        break; // indexed with their parent
    }
}

const EntityRef *Design::find(std::string_view id) const
{
    auto it = m_index.find(id);
    return it == m_index.end() ? nullptr : &it->second;
}

namespace {
template <typename T>
const T *topLevel(const Design &d, std::string_view id, EntityKind kind, const std::vector<T> &table)
{
    const EntityRef *r = d.find(id);
    if (!r || r->kind != kind || r->index >= table.size())
        return nullptr;
    return &table[r->index];
}
} // namespace

const HostGroup *Design::hostGroup(std::string_view id) const { return topLevel(*this, id, EntityKind::HostGroup, hostGroups); }
const LogicalNetwork *Design::logicalNetwork(std::string_view id) const { return topLevel(*this, id, EntityKind::LogicalNetwork, logicalNetworks); }
const Site *Design::site(std::string_view id) const { return topLevel(*this, id, EntityKind::Site, sites); }
const IpPool *Design::ipPool(std::string_view id) const { return topLevel(*this, id, EntityKind::IpPool, ipPools); }
const MacPool *Design::macPool(std::string_view id) const { return topLevel(*this, id, EntityKind::MacPool, macPools); }
const UplinkPortProfile *Design::uplinkPortProfile(std::string_view id) const { return topLevel(*this, id, EntityKind::UplinkPortProfile, uplinkPortProfiles); }
const VnicPortProfile *Design::vnicPortProfile(std::string_view id) const { return topLevel(*this, id, EntityKind::VnicPortProfile, vnicPortProfiles); }
const PortClassification *Design::portClassification(std::string_view id) const { return topLevel(*this, id, EntityKind::PortClassification, portClassifications); }
const LogicalSwitch *Design::logicalSwitch(std::string_view id) const { return topLevel(*this, id, EntityKind::LogicalSwitch, logicalSwitches); }
const Host *Design::host(std::string_view id) const { return topLevel(*this, id, EntityKind::Host, hosts); }
const VmNetwork *Design::vmNetwork(std::string_view id) const { return topLevel(*this, id, EntityKind::VmNetwork, vmNetworks); }
const Vm *Design::vm(std::string_view id) const { return topLevel(*this, id, EntityKind::Vm, vms); }
const Gateway *Design::gateway(std::string_view id) const { return topLevel(*this, id, EntityKind::Gateway, gateways); }

const PhysicalNic *Design::physicalNic(std::string_view id) const
{
    const EntityRef *r = find(id);
    if (!r || r->kind != EntityKind::PhysicalNic)
        return nullptr;
    return &hosts[r->index].physicalNics[r->child];
}

const HostVnic *Design::hostVnic(std::string_view id) const
{
    const EntityRef *r = find(id);
    if (!r || r->kind != EntityKind::HostVnic)
        return nullptr;
    return &hosts[r->index].switches[r->child].hostVnics[r->sub];
}

const VmSubnet *Design::vmSubnet(std::string_view id) const
{
    const EntityRef *r = find(id);
    if (!r || r->kind != EntityKind::VmSubnet)
        return nullptr;
    return &vmNetworks[r->index].subnets[r->child];
}

const VmNic *Design::vmNic(std::string_view id) const
{
    const EntityRef *r = find(id);
    if (!r || r->kind != EntityKind::VmNic)
        return nullptr;
    return &vms[r->index].nics[r->child];
}

const Host *Design::hostOf(std::string_view childId) const
{
    const EntityRef *r = find(childId);
    if (!r || (r->kind != EntityKind::PhysicalNic && r->kind != EntityKind::HostVnic))
        return nullptr;
    return &hosts[r->index];
}

const VmNetwork *Design::vmNetworkOfSubnet(std::string_view subnetId) const
{
    const EntityRef *r = find(subnetId);
    if (!r || r->kind != EntityKind::VmSubnet)
        return nullptr;
    return &vmNetworks[r->index];
}

const Vm *Design::vmOfNic(std::string_view nicId) const
{
    const EntityRef *r = find(nicId);
    if (!r || r->kind != EntityKind::VmNic)
        return nullptr;
    return &vms[r->index];
}

std::string Design::displayName(std::string_view id) const
{
    const EntityRef *r = find(id);
    if (!r)
        return std::string(id);
    auto orId = [&](const std::optional<std::string> &n) { return n && !n->empty() ? *n : std::string(id); };
    switch (r->kind) {
    case EntityKind::HostGroup: return hostGroups[r->index].name;
    case EntityKind::LogicalNetwork: return logicalNetworks[r->index].name;
    case EntityKind::Site: return sites[r->index].name;
    case EntityKind::IpPool: return ipPools[r->index].name;
    case EntityKind::MacPool: return macPools[r->index].name;
    case EntityKind::UplinkPortProfile: return uplinkPortProfiles[r->index].name;
    case EntityKind::VnicPortProfile: return vnicPortProfiles[r->index].name;
    case EntityKind::PortClassification: return portClassifications[r->index].name;
    case EntityKind::LogicalSwitch: return logicalSwitches[r->index].name;
    case EntityKind::Host: return hosts[r->index].name;
    case EntityKind::PhysicalNic: {
        const auto &h = hosts[r->index];
        const auto &n = h.physicalNics[r->child];
        return n.name ? h.name + "/" + *n.name : std::string(id);
    }
    case EntityKind::HostVnic: {
        const auto &h = hosts[r->index];
        const auto &v = h.switches[r->child].hostVnics[r->sub];
        return v.name ? h.name + "/" + *v.name : std::string(id);
    }
    case EntityKind::VmNetwork: return vmNetworks[r->index].name;
    case EntityKind::VmSubnet: return orId(vmNetworks[r->index].subnets[r->child].name);
    case EntityKind::Vm: return vms[r->index].name;
    case EntityKind::VmNic: {
        const auto &vm = vms[r->index];
        const auto &n = vm.nics[r->child];
        return n.name ? vm.name + "/" + *n.name : std::string(id);
    }
    case EntityKind::Gateway: return gateways[r->index].name;
    }
    return std::string(id);
}

std::vector<std::pair<Id, EntityKind>> Design::allEntities() const
{
    std::vector<std::pair<Id, EntityKind>> out;
    out.reserve(m_index.size());
    auto top = [&](const auto &table, EntityKind kind) {
        for (const auto &e : table)
            out.emplace_back(e.id, kind);
    };
    top(hostGroups, EntityKind::HostGroup);
    top(logicalNetworks, EntityKind::LogicalNetwork);
    top(sites, EntityKind::Site);
    top(ipPools, EntityKind::IpPool);
    top(macPools, EntityKind::MacPool);
    top(uplinkPortProfiles, EntityKind::UplinkPortProfile);
    top(vnicPortProfiles, EntityKind::VnicPortProfile);
    top(portClassifications, EntityKind::PortClassification);
    top(logicalSwitches, EntityKind::LogicalSwitch);
    for (const auto &h : hosts) {
        out.emplace_back(h.id, EntityKind::Host);
        for (const auto &n : h.physicalNics)
            out.emplace_back(n.id, EntityKind::PhysicalNic);
        for (const auto &s : h.switches)
            for (const auto &v : s.hostVnics)
                out.emplace_back(v.id, EntityKind::HostVnic);
    }
    for (const auto &n : vmNetworks) {
        out.emplace_back(n.id, EntityKind::VmNetwork);
        for (const auto &s : n.subnets)
            out.emplace_back(s.id, EntityKind::VmSubnet);
    }
    for (const auto &vm : vms) {
        out.emplace_back(vm.id, EntityKind::Vm);
        for (const auto &n : vm.nics)
            out.emplace_back(n.id, EntityKind::VmNic);
    }
    top(gateways, EntityKind::Gateway);
    return out;
}

std::string foldName(std::string_view name)
{
    std::string s(name);
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool namesEqual(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool isValidId(std::string_view id)
{
    if (id.empty() || id.size() > 128)
        return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '/' || c == '-';
    });
}

} // namespace netvirt::core
