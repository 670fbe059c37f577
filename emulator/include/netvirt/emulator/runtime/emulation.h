// Emulation: a design running live. Resolves the emulation settings (the design's
// `emulation` object, overridden by the command line), compiles the policy into a
// forwarding::PolicySnapshot, creates one engine port per VM vNIC of an emulated host
// (endpoint, namespace or TAP) and per physical NIC (in-memory fabric or TAP on nvpa0), and
// applies live operations (migration, link state, captures) by publishing new snapshots.
// Thread-safety: create/start/stop from one controlling thread; the live operations,
// stats() and endpoint() may be called from any thread (serialized by an internal mutex).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <netvirt/core/model/design.h>
#include <netvirt/core/result.h>
#include <netvirt/emulator/forwarding/policy_snapshot.h>
#include <netvirt/emulator/io/cleanup_journal.h>
#include <netvirt/emulator/io/vm_endpoint.h>
#include <netvirt/emulator/runtime/engine.h>

namespace netvirt::emulator::capture {
class PortCapture;
}

namespace netvirt::emulator::runtime {

enum class AttachKind : std::uint8_t { Endpoint = 1, Namespace, Tap };
enum class UnderlayKind : std::uint8_t { Memory = 1, Tap };
std::optional<AttachKind> parseAttachKind(std::string_view text);
std::string_view attachKindName(AttachKind kind);
std::optional<UnderlayKind> parseUnderlayKind(std::string_view text);
std::string_view underlayKindName(UnderlayKind kind);

// Command-line overrides of the design's `emulation` object (nullopt / empty: the design's).
struct EmulationOverrides {
    std::optional<AttachKind> attach;
    std::optional<UnderlayKind> underlay;
    std::optional<unsigned> threads;
    std::optional<std::int64_t> underlayMtu;
    std::string hostGroup;            // --hosts: emulate only this group (and its children)
    std::string captureDir;           // --capture: capture every port from the start
    std::string journalDir = io::kDefaultJournalDir;
};

struct VnicAttach {
    AttachKind kind = AttachKind::Endpoint;
    std::string tapName;              // kind Tap: the name from the design ("" = nvt + hash)
};

// The settings in force: design defaults, FORMAT.md defaults, then the overrides.
struct EmulationSettings {
    unsigned threads = 2;
    UnderlayKind underlay = UnderlayKind::Memory;
    AttachKind defaultAttach = AttachKind::Endpoint;
    std::unordered_map<core::Id, VnicAttach> attach;   // per vNIC id, from the design
    std::optional<AttachKind> attachOverride;          // --attach: every vNIC
    std::optional<std::int64_t> underlayMtu;
    std::optional<bool> flowId;
    std::string hostGroup;
    std::string captureDir;
    std::string journalDir = io::kDefaultJournalDir;

    VnicAttach attachFor(const core::Id &vnic) const;
    bool needsPrivileges() const;
};
core::Result<EmulationSettings> resolveSettings(const core::Design &design, const EmulationOverrides &overrides);

struct Attachment {
    core::Id vnic;
    std::string vmName;
    AttachKind kind = AttachKind::Endpoint;
    std::string device;        // namespace or TAP name; "endpoint"
    std::string address;       // the CA
    PortIndex port = 0;
};

struct NamedCounters {
    std::string id;            // host id, VSID number, port id
    std::string name;          // host name, "", vNIC/NIC id
    CounterSet counters;
};
struct EmulationStats {
    std::vector<NamedCounters> hosts;
    std::vector<NamedCounters> vsids;
    std::vector<NamedCounters> ports;
    std::uint64_t generation = 0;
};
// Text: one line per host and per VSID, `host=ID rx_packets=… drops=N drop.REASON=n…`.
std::string formatStatsText(const EmulationStats &stats, bool withPorts = false);
// One JSON object on one line: {"hosts":[…],"vsids":[…]}.
std::string formatStatsJson(const EmulationStats &stats, std::uint64_t elapsedMs);

namespace detail {
class PortMap;
}
class ProviderNeighbours;

class Emulation final {
public:
    // Compiles and plans; creates nothing on the system yet.
    static core::Result<std::unique_ptr<Emulation>> create(core::Design design, EmulationSettings settings);
    ~Emulation();
    Emulation(const Emulation &) = delete;
    Emulation &operator=(const Emulation &) = delete;

    // Creates devices (recorded in the journal first), starts the workers, captures.
    // On failure everything created so far is removed again.
    core::Result<void> start();
    // Stops captures and workers, removes every device. Idempotent; returns cleanup errors.
    std::vector<std::string> stop();
    bool running() const { return m_engine && m_engine->running(); }

    const EmulationSettings &settings() const { return m_settings; }
    const std::vector<Attachment> &attachments() const { return m_attachments; }
    // What start() removed on behalf of crashed instances (their journals replayed).
    const io::RecoveryReport &recovery() const { return m_recovery; }
    Engine &engine() { return *m_engine; }
    std::shared_ptr<const forwarding::PolicySnapshot> policy() const;

    // Live operations.
    core::Result<void> migrate(std::string_view vm, std::string_view host);
    core::Result<void> setLink(std::string_view host, std::string_view nic, bool up);
    core::Result<std::string> startCapture(std::string_view port, const std::string &dir = {});
    core::Result<std::string> stopCapture(std::string_view port);
    EmulationStats stats() const;
    // The built-in endpoint of a vNIC id, or of a VM's first vNIC (VM id or name); nullptr
    // when the vNIC is attached otherwise.
    io::VmEndpoint *endpoint(std::string_view vnicOrVm) const;
    // Engine port of a vNIC or physical NIC id.
    std::optional<PortIndex> portOf(std::string_view id) const;

private:
    Emulation() = default;
    core::Result<void> publishLocked();   // caller holds m_mutex
    core::Result<void> createPorts();
    void announceLocked(std::uint32_t hostIndex);

    mutable std::mutex m_mutex;
    core::Design m_design;                                      // guarded by m_mutex
    EmulationSettings m_settings;
    std::unique_ptr<Engine> m_engine;
    std::shared_ptr<const forwarding::PolicySnapshot> m_policy; // guarded by m_mutex
    std::shared_ptr<const detail::PortMap> m_map;               // guarded by m_mutex
    std::unordered_map<std::string, std::uint64_t> m_nicDown;   // host id → NIC down mask; guarded by m_mutex
    std::vector<core::Id> m_portIds;                            // by engine port: vNIC or NIC id
    std::vector<bool> m_portIsNic;
    std::unordered_map<std::string, PortIndex> m_portById;
    std::vector<Attachment> m_attachments;
    std::unordered_map<std::string, io::VmEndpoint *> m_endpoints;
    std::map<PortIndex, std::shared_ptr<capture::PortCapture>> m_captures;   // guarded by m_mutex
    std::shared_ptr<ProviderNeighbours> m_neighbours;           // TAP underlay: remote hosts' PAs
    std::optional<io::CleanupJournal> m_journal;
    io::RecoveryReport m_recovery;
    std::uint64_t m_generation = 0;                             // guarded by m_mutex
    bool m_started = false;
};

} // namespace netvirt::emulator::runtime
