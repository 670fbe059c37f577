// The cleanup journal: one file per emulator instance under /run/netvirt/ naming its PID,
// its start time and every namespace and link it is about to create (written and synced
// BEFORE the device exists). Teardown removes exactly what was recorded, in reverse order;
// the next start replays the journals of dead instances (SIGKILL, power loss).
// Thread-safety: one CleanupJournal per instance, used by one thread at a time.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <netvirt/core/result.h>
#include <netvirt/emulator/io/host_ops.h>

namespace netvirt::emulator::io {

inline constexpr const char *kDefaultJournalDir = "/run/netvirt";

struct ProcessIdentity {
    long pid = 0;
    unsigned long long startTime = 0;   // field 22 of /proc/PID/stat; 0 = unknown
    bool operator==(const ProcessIdentity &) const = default;
};
ProcessIdentity currentProcess();
// True when `who` is still running (same PID and same start time).
bool processAlive(const ProcessIdentity &who);

class CleanupJournal final {
public:
    CleanupJournal() = default;
    CleanupJournal(CleanupJournal &&other) noexcept;
    CleanupJournal &operator=(CleanupJournal &&other) noexcept;
    CleanupJournal(const CleanupJournal &) = delete;
    CleanupJournal &operator=(const CleanupJournal &) = delete;
    ~CleanupJournal();

    // Creates DIR/emulate-PID.journal for `self`.
    static core::Result<CleanupJournal> create(const std::string &dir, ProcessIdentity self = currentProcess());

    // Records the intent to create `resource`, durably. Refuses (Conflict) when the resource
    // exists already: it is someone else's and must never be touched.
    core::Result<void> recordIntent(const Resource &resource, DeviceOps &ops);
    // The creation failed: the resource is not ours (kept out of teardown).
    void recordAbandoned(const Resource &resource);
    // What is recorded and not abandoned, in creation order.
    const std::vector<Resource> &resources() const { return m_resources; }
    const std::string &path() const { return m_path; }
    bool isOpen() const { return m_fd >= 0; }

    // Removes every recorded resource still present (reverse order), then the journal file.
    // Returns the messages of removals that failed (empty when all went).
    std::vector<std::string> teardown(DeviceOps &ops);

private:
    core::Result<void> append(const std::string &line);

    std::string m_path;
    int m_fd = -1;
    std::vector<Resource> m_resources;
};

struct RecoveryReport {
    std::vector<std::string> journals;   // replayed journal files
    std::vector<Resource> removed;
    std::vector<std::string> errors;
};
// Replays every journal in `dir` whose process is dead: removes what it recorded, then the
// file. Journals of live processes are left alone. `alive` is injectable for tests.
RecoveryReport recoverStaleJournals(const std::string &dir, DeviceOps &ops,
                                    const std::function<bool(const ProcessIdentity &)> &alive = processAlive);

} // namespace netvirt::emulator::io
