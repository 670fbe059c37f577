#include <netvirt/emulator/io/cleanup_journal.h>

#include <algorithm>
#include <csignal>
#include <optional>
#include <utility>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace netvirt::emulator::io {

using core::ErrorCode;
using core::makeError;
using core::Result;

namespace {

constexpr const char *kMagic = "netvirt-journal";

unsigned long long startTimeOf(long pid)
{
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string stat;
    if (!std::getline(f, stat))
        return 0;
    // The command name (field 2) may hold spaces: fields resume after the last ')'.
    auto close = stat.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream rest(stat.substr(close + 2));
    std::string field;
    // rest begins with field 3; the start time is field 22.
    for (int i = 3; i < 22 && rest >> field; ++i) {
    }
    unsigned long long t = 0;
    rest >> t;
    return t;
}

std::optional<ResourceKind> kindFromName(std::string_view s)
{
    if (s == "netns")
        return ResourceKind::Namespace;
    if (s == "link")
        return ResourceKind::Link;
    return std::nullopt;
}

struct ParsedJournal {
    ProcessIdentity owner;
    std::vector<Resource> resources;
    bool valid = false;
};

// Lines: header "netvirt-journal 1 PID STARTTIME", then "+ KIND NAME" (intent) or
// "- KIND NAME" (abandoned). A torn last line (crash mid-write) is ignored.
ParsedJournal parseJournal(const std::string &path)
{
    ParsedJournal j;
    std::ifstream in(path);
    std::string line;
    if (!std::getline(in, line))
        return j;
    std::istringstream head(line);
    std::string magic;
    int version = 0;
    head >> magic >> version >> j.owner.pid >> j.owner.startTime;
    if (magic != kMagic || version != 1 || j.owner.pid <= 0)
        return j;
    j.valid = true;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string op, kind, name;
        if (!(ls >> op >> kind >> name))
            continue;
        auto k = kindFromName(kind);
        if (!k || name.rfind("nv", 0) != 0)   // only our prefix is ever removed
            continue;
        Resource r{*k, name};
        if (op == "+")
            j.resources.push_back(r);
        else if (op == "-")
            j.resources.erase(std::remove(j.resources.begin(), j.resources.end(), r), j.resources.end());
    }
    return j;
}

std::vector<std::string> removeAll(const std::vector<Resource> &resources, DeviceOps &ops,
                                   std::vector<Resource> *removed)
{
    std::vector<std::string> errors;
    // Reverse order: things inside namespaces and enslaved ports go before what holds them.
    // Namespaces last but one pass each; a link may have vanished with its peer or namespace.
    for (auto it = resources.rbegin(); it != resources.rend(); ++it) {
        if (!ops.exists(*it))
            continue;
        auto r = ops.remove(*it);
        if (!r) {
            if (ops.exists(*it))
                errors.push_back(r.error().message);
        } else if (removed) {
            removed->push_back(*it);
        }
    }
    return errors;
}

} // namespace

ProcessIdentity currentProcess()
{
    ProcessIdentity p;
    p.pid = static_cast<long>(::getpid());
    p.startTime = startTimeOf(p.pid);
    return p;
}

bool processAlive(const ProcessIdentity &who)
{
    if (who.pid <= 0)
        return false;
    if (::kill(static_cast<pid_t>(who.pid), 0) != 0 && errno == ESRCH)
        return false;
    unsigned long long now = startTimeOf(who.pid);
    if (now == 0)
        return false;   // gone (or a zombie without stat)
    return who.startTime == 0 || now == who.startTime;
}

CleanupJournal::CleanupJournal(CleanupJournal &&other) noexcept
    : m_path(std::move(other.m_path)), m_fd(std::exchange(other.m_fd, -1)), m_resources(std::move(other.m_resources))
{
}

CleanupJournal &CleanupJournal::operator=(CleanupJournal &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_path = std::move(other.m_path);
        m_fd = std::exchange(other.m_fd, -1);
        m_resources = std::move(other.m_resources);
    }
    return *this;
}

CleanupJournal::~CleanupJournal()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<CleanupJournal> CleanupJournal::create(const std::string &dir, ProcessIdentity self)
{
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
        return makeError(ErrorCode::Permission, "cannot create " + dir + ": " + std::strerror(errno));
    CleanupJournal j;
    j.m_path = dir + "/emulate-" + std::to_string(self.pid) + ".journal";
    j.m_fd = ::open(j.m_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (j.m_fd < 0)
        return makeError(ErrorCode::Permission, "cannot write " + j.m_path + ": " + std::strerror(errno));
    auto r = j.append(std::string(kMagic) + " 1 " + std::to_string(self.pid) + " " + std::to_string(self.startTime));
    if (!r)
        return r.error();
    return j;
}

Result<void> CleanupJournal::append(const std::string &line)
{
    if (m_fd < 0)
        return makeError(ErrorCode::Invalid, "journal is closed");
    std::string data = line + "\n";
    const char *p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        ssize_t n = ::write(m_fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return makeError(ErrorCode::Io, "cannot write " + m_path + ": " + std::strerror(errno));
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    ::fdatasync(m_fd);
    return {};
}

Result<void> CleanupJournal::recordIntent(const Resource &resource, DeviceOps &ops)
{
    if (resource.name.rfind("nv", 0) != 0)
        return makeError(ErrorCode::Invalid, "refusing to create " + resource.name + ": names must start with nv");
    if (ops.exists(resource))
        return makeError(ErrorCode::Conflict, std::string(resourceKindName(resource.kind)) + " " + resource.name
                                                  + " exists already (another emulator, or not ours): not touching it");
    auto r = append("+ " + std::string(resourceKindName(resource.kind)) + " " + resource.name);
    if (!r)
        return r;
    m_resources.push_back(resource);
    return {};
}

void CleanupJournal::recordAbandoned(const Resource &resource)
{
    (void)append("- " + std::string(resourceKindName(resource.kind)) + " " + resource.name);
    m_resources.erase(std::remove(m_resources.begin(), m_resources.end(), resource), m_resources.end());
}

std::vector<std::string> CleanupJournal::teardown(DeviceOps &ops)
{
    auto errors = removeAll(m_resources, ops, nullptr);
    m_resources.clear();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (errors.empty() && !m_path.empty())
        ::unlink(m_path.c_str());
    return errors;
}

RecoveryReport recoverStaleJournals(const std::string &dir, DeviceOps &ops,
                                    const std::function<bool(const ProcessIdentity &)> &alive)
{
    RecoveryReport report;
    DIR *d = ::opendir(dir.c_str());
    if (!d)
        return report;
    std::vector<std::string> files;
    while (dirent *e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name.rfind("emulate-", 0) == 0 && name.size() > 8 && name.substr(name.size() - 8) == ".journal")
            files.push_back(dir + "/" + name);
    }
    ::closedir(d);
    std::sort(files.begin(), files.end());
    const ProcessIdentity self = currentProcess();
    for (const auto &file : files) {
        ParsedJournal j = parseJournal(file);
        if (!j.valid)
            continue;
        if (j.owner.pid == self.pid || alive(j.owner))
            continue;
        auto errors = removeAll(j.resources, ops, &report.removed);
        report.journals.push_back(file);
        if (errors.empty())
            ::unlink(file.c_str());
        for (auto &e : errors)
            report.errors.push_back(std::move(e));
    }
    return report;
}

} // namespace netvirt::emulator::io
