#include <netvirt/emulator/io/host_network.h>

namespace netvirt::emulator::io {

using core::Result;

namespace {

// Records, then creates; a failed creation is marked abandoned (it was never ours).
template <typename Create>
auto recorded(const Resource &r, CleanupJournal &journal, DeviceOps &ops, Create create) -> decltype(create())
{
    if (auto intent = journal.recordIntent(r, ops); !intent)
        return intent.error();
    auto result = create();
    if (!result)
        journal.recordAbandoned(r);
    return result;
}

Result<void> ip(const std::string &ns, std::vector<std::string> args)
{
    auto r = runIpIn(ns, std::move(args));
    if (!r)
        return r.error();
    return {};
}

} // namespace

Result<TapDevice> attachNamespace(const NamespaceAttachSpec &spec, CleanupJournal &journal, DeviceOps &ops)
{
    auto ns = recorded(Resource{ResourceKind::Namespace, spec.ns}, journal, ops,
                       [&]() -> Result<void> { return ip("", {"netns", "add", spec.ns}); });
    if (!ns)
        return ns.error();
    auto tap = recorded(Resource{ResourceKind::Link, spec.tap}, journal, ops,
                        [&] { return TapDevice::open(spec.tap, spec.queues); });
    if (!tap)
        return tap.error();
    const std::string mtu = std::to_string(spec.mtuBytes);
    const std::vector<std::pair<std::string, std::vector<std::string>>> steps = {
        {"", {"link", "set", spec.tap, "netns", spec.ns}},
        {spec.ns, {"link", "set", spec.tap, "name", "eth0"}},
        {spec.ns, {"link", "set", "eth0", "address", spec.mac, "mtu", mtu, "addrgenmode", "none"}},
        {spec.ns, {"addr", "add", spec.address + "/" + std::to_string(spec.prefixLength), "dev", "eth0"}},
        {spec.ns, {"link", "set", "lo", "up"}},
        {spec.ns, {"link", "set", "eth0", "up"}},
    };
    for (const auto &[where, args] : steps)
        if (auto r = ip(where, args); !r)
            return r.error();
    if (!spec.gateway.empty())
        if (auto r = ip(spec.ns, {"route", "add", "default", "via", spec.gateway, "dev", "eth0"}); !r)
            return r.error();
    return tap;
}

Result<TapDevice> createRootTap(const std::string &name, std::uint32_t mtuBytes, unsigned queues,
                                const std::string &bridge, CleanupJournal &journal, DeviceOps &ops)
{
    auto tap = recorded(Resource{ResourceKind::Link, name}, journal, ops, [&] { return TapDevice::open(name, queues); });
    if (!tap)
        return tap.error();
    std::vector<std::string> args = {"link", "set", name};
    if (mtuBytes)
        args.insert(args.end(), {"mtu", std::to_string(mtuBytes)});
    if (!bridge.empty())
        args.insert(args.end(), {"master", bridge});
    args.push_back("up");
    if (auto r = ip("", args); !r)
        return r.error();
    return tap;
}

Result<void> createProviderNetwork(const std::vector<ProviderGateway> &gateways, std::uint32_t mtuBytes,
                                   CleanupJournal &journal, DeviceOps &ops)
{
    const std::string mtu = std::to_string(mtuBytes);
    auto bridge = recorded(Resource{ResourceKind::Link, kProviderBridge}, journal, ops, [&]() -> Result<void> {
        return ip("", {"link", "add", kProviderBridge, "mtu", mtu, "type", "bridge"});
    });
    if (!bridge)
        return bridge;
    if (auto r = ip("", {"link", "set", kProviderBridge, "up"}); !r)
        return r;
    auto ns = recorded(Resource{ResourceKind::Namespace, kProviderNamespace}, journal, ops,
                       [&]() -> Result<void> { return ip("", {"netns", "add", kProviderNamespace}); });
    if (!ns)
        return ns;
    if (auto r = ip(kProviderNamespace, {"link", "set", "lo", "up"}); !r)
        return r;
    for (std::size_t i = 0; i < gateways.size(); ++i) {
        const auto &gw = gateways[i];
        const std::string root = "nvpv" + std::to_string(i);
        const std::string peer = "nvpg" + std::to_string(i);
        auto veth = recorded(Resource{ResourceKind::Link, root}, journal, ops, [&]() -> Result<void> {
            return ip("", {"link", "add", root, "mtu", mtu, "type", "veth", "peer", "name", peer, "mtu", mtu, "netns",
                           kProviderNamespace});
        });
        if (!veth)
            return veth;
        if (auto r = ip("", {"link", "set", root, "master", kProviderBridge, "up"}); !r)
            return r;
        std::vector<std::string> set = {"link", "set", peer};
        if (!gw.mac.empty())
            set.insert(set.end(), {"address", gw.mac});
        set.push_back("up");
        if (auto r = ip(kProviderNamespace, set); !r)
            return r;
        if (auto r = ip(kProviderNamespace, {"addr", "add", gw.address + "/" + std::to_string(gw.prefixLength), "dev", peer}); !r)
            return r;
    }
    // Routing between provider subnets: forwarding on inside nv-provider only.
    // Each gateway answers ARP only on its own veth (all of them share the bridge).
    auto fwd = runCommand({"ip", "netns", "exec", kProviderNamespace, "sysctl", "-qw", "net.ipv4.ip_forward=1",
                           "net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.all.arp_announce=2"});
    if (!fwd)
        return fwd.error();
    return {};
}

} // namespace netvirt::emulator::io
