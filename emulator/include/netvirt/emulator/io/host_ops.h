// The privileged actions of the emulator, in one place: running `ip` (fork/exec with an
// argv, never a shell), checking for privileges, and the Resource/DeviceOps pair that the
// cleanup journal uses to remove what it recorded (faked in tests).
// Thread-safety: free functions are reentrant; a DeviceOps is used by one thread at a time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <netvirt/core/result.h>

namespace netvirt::emulator::io {

enum class ResourceKind : std::uint8_t { Namespace = 1, Link };

struct Resource {
    ResourceKind kind = ResourceKind::Link;
    std::string name;
    bool operator==(const Resource &) const = default;
};
std::string_view resourceKindName(ResourceKind kind);

// Removal of recorded resources. Real: `ip netns del` / `ip link del`.
class DeviceOps {
public:
    virtual ~DeviceOps() = default;
    virtual bool exists(const Resource &resource) = 0;
    virtual core::Result<void> remove(const Resource &resource) = 0;
};

class SystemDeviceOps final : public DeviceOps {
public:
    bool exists(const Resource &resource) override;
    core::Result<void> remove(const Resource &resource) override;
};

// Runs argv[0] (looked up in PATH) with the arguments; stdout is returned, stderr becomes
// the error message. Never goes through a shell.
core::Result<std::string> runCommand(const std::vector<std::string> &argv);
// runCommand({"ip", args...}).
core::Result<std::string> runIp(std::vector<std::string> args);
// `ip -n NS args...`, or `ip args...` when ns is empty.
core::Result<std::string> runIpIn(const std::string &ns, std::vector<std::string> args);

struct PrivilegeCheck {
    bool ok = false;
    std::string missing;   // "CAP_NET_ADMIN (not root)", "/dev/net/tun", "the ip command"...
};
// What namespace and TAP attachment need: CAP_NET_ADMIN, /dev/net/tun, iproute2.
PrivilegeCheck checkNetworkPrivileges();

bool linkExists(const std::string &name);
bool namespaceExists(const std::string &name);

} // namespace netvirt::emulator::io
