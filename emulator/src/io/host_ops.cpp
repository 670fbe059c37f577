#include <netvirt/emulator/io/host_ops.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <net/if.h>
#include <spawn.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace netvirt::emulator::io {

using core::ErrorCode;
using core::makeError;
using core::Result;

std::string_view resourceKindName(ResourceKind kind)
{
    switch (kind) {
    case ResourceKind::Namespace: return "netns";
    case ResourceKind::Link: return "link";
    }
    return "?";
}

namespace {

std::string readAll(int fd)
{
    std::string out;
    char buf[4096];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0)
            out.append(buf, static_cast<std::size_t>(n));
        else if (n < 0 && errno == EINTR)
            continue;
        else
            break;
    }
    return out;
}

std::string joined(const std::vector<std::string> &argv)
{
    std::string s;
    for (const auto &a : argv) {
        if (!s.empty())
            s += ' ';
        s += a;
    }
    return s;
}

} // namespace

Result<std::string> runCommand(const std::vector<std::string> &argv)
{
    if (argv.empty())
        return makeError(ErrorCode::Invalid, "empty command");
    int outPipe[2];
    int errPipe[2];
    if (::pipe2(outPipe, O_CLOEXEC) != 0)
        return makeError(ErrorCode::Io, std::string("pipe: ") + std::strerror(errno));
    if (::pipe2(errPipe, O_CLOEXEC) != 0) {
        ::close(outPipe[0]);
        ::close(outPipe[1]);
        return makeError(ErrorCode::Io, std::string("pipe: ") + std::strerror(errno));
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, outPipe[1], 1);
    posix_spawn_file_actions_adddup2(&fa, errPipe[1], 2);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    std::vector<char *> args;
    for (const auto &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    int rc = ::posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    if (rc != 0) {
        ::close(outPipe[0]);
        ::close(errPipe[0]);
        return makeError(ErrorCode::Io, argv[0] + ": " + std::strerror(rc));
    }
    // The outputs of `ip` are small: read stdout then stderr without deadlock risk.
    std::string out = readAll(outPipe[0]);
    std::string err = readAll(errPipe[0]);
    ::close(outPipe[0]);
    ::close(errPipe[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        while (!err.empty() && (err.back() == '\n' || err.back() == '\r'))
            err.pop_back();
        return makeError(ErrorCode::Io, joined(argv) + ": " + (err.empty() ? "failed" : err));
    }
    return out;
}

Result<std::string> runIp(std::vector<std::string> args)
{
    args.insert(args.begin(), "ip");
    return runCommand(args);
}

Result<std::string> runIpIn(const std::string &ns, std::vector<std::string> args)
{
    if (!ns.empty()) {
        args.insert(args.begin(), ns);
        args.insert(args.begin(), "-n");
    }
    return runIp(std::move(args));
}

bool linkExists(const std::string &name)
{
    return if_nametoindex(name.c_str()) != 0;
}

bool namespaceExists(const std::string &name)
{
    struct stat st{};
    return ::stat(("/run/netns/" + name).c_str(), &st) == 0;
}

bool SystemDeviceOps::exists(const Resource &resource)
{
    return resource.kind == ResourceKind::Namespace ? namespaceExists(resource.name) : linkExists(resource.name);
}

Result<void> SystemDeviceOps::remove(const Resource &resource)
{
    auto r = resource.kind == ResourceKind::Namespace ? runIp({"netns", "del", resource.name})
                                                      : runIp({"link", "del", resource.name});
    if (!r)
        return r.error();
    return {};
}

PrivilegeCheck checkNetworkPrivileges()
{
    PrivilegeCheck check;
    std::string missing;
    auto add = [&](const std::string &what) {
        if (!missing.empty())
            missing += ", ";
        missing += what;
    };
    // CAP_NET_ADMIN is bit 12 of the effective set.
    bool netAdmin = false;
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("CapEff:", 0) == 0) {
            unsigned long long caps = std::stoull(line.substr(7), nullptr, 16);
            netAdmin = (caps >> 12) & 1;
        }
    }
    if (!netAdmin)
        add(::geteuid() == 0 ? "CAP_NET_ADMIN" : "CAP_NET_ADMIN (run as root)");
    if (::access("/dev/net/tun", R_OK | W_OK) != 0)
        add("/dev/net/tun (" + std::string(std::strerror(errno)) + ")");
    if (!runCommand({"ip", "-V"}))
        add("the ip command (iproute2)");
    check.ok = missing.empty();
    check.missing = std::move(missing);
    return check;
}

} // namespace netvirt::emulator::io
