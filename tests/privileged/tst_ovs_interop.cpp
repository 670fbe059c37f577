// Interoperation with an independent NVGRE endpoint (needs root and Open vSwitch): the
// red-blue design with host-b marked `emulated: false` at PA 192.168.1.20, and host-b played
// by Open vSwitch's userspace datapath — its own ovsdb-server and ovs-vswitchd with private
// run/db/log paths, inside a namespace nv-ovs, a netdev bridge nvovsphy holding the PA and a
// veth onto the emulator's provider bridge nvpa0, a netdev bridge nvovsint with a `gre` port
// (key VSID << 8, FlowID off) and a veth to namespace nv-ovsvm carrying RED-WEB2's CA and MAC.
// Pings go both ways between nv-ovsvm and the emulated RED-WEB1 after real ARP in both
// directions on the provider network. Everything is stopped and removed at the end, also when
// a check fails; a crashed run's daemons and devices are recognised by the private run
// directory and removed by the next run.
#include <QtTest>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "emulator_process.h"
#include <netvirt/emulator/io/host_ops.h>
#include <netvirt/emulator/runtime/emulate.h>

using namespace netvirt::emulator;
namespace fs = std::filesystem;

namespace {

const char *kDesign = NETVIRT_SOURCE_DIR "/resources/examples/red-blue.json";
const char *kSchema = "/usr/share/openvswitch/vswitch.ovsschema";
// The private run directory of this test's OVS daemons: also the mark that the devices below
// are this test's (a crashed run leaves it behind).
const std::string kRunDir = "/run/netvirt-ovs-interop";
const std::vector<std::string> kNamespaces = {"nv-ovs", "nv-ovsvm"};
const std::string kUplinkVeth = "nvovsp0";        // root end, enslaved to nvpa0
const std::string kOvsPa = "192.168.1.20";        // host-b, not emulated
const std::string kEmulatedPa = "192.168.1.10";   // host-a
const unsigned kRedVsid = 5001;

std::string sh(const std::vector<std::string> &argv)
{
    auto r = io::runCommand(argv);
    return r ? *r : "ERROR: " + r.error().message;
}

bool ok(const std::vector<std::string> &argv)
{
    return io::runCommand(argv).ok();
}

bool haveProgram(const std::string &name)
{
    return ok({"sh", "-c", "command -v " + name});
}

std::vector<std::string> vsctl(std::vector<std::string> args)
{
    args.insert(args.begin(), {"ovs-vsctl", "--timeout=10", "--db=unix:" + kRunDir + "/db.sock"});
    return args;
}

std::vector<std::string> appctl(std::vector<std::string> args)
{
    args.insert(args.begin(), {"ovs-appctl", "--timeout=10", "-t", kRunDir + "/ovs-vswitchd.ctl"});
    return args;
}

bool linkExists(const std::string &name)
{
    return ok({"ip", "link", "show", "dev", name});
}

bool namespaceExists(const std::string &name)
{
    return fs::exists("/run/netns/" + name);
}

void killPidFile(const std::string &file)
{
    std::ifstream in(file);
    pid_t pid = 0;
    if (!(in >> pid) || pid <= 1)
        return;
    // Only a daemon of ours: its command line names our run directory.
    std::ifstream cmd("/proc/" + std::to_string(pid) + "/cmdline");
    std::string line((std::istreambuf_iterator<char>(cmd)), std::istreambuf_iterator<char>());
    if (line.find(kRunDir) == std::string::npos)
        return;
    ::kill(pid, SIGTERM);
    for (int i = 0; i < 50 && ::kill(pid, 0) == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (::kill(pid, 0) == 0)
        ::kill(pid, SIGKILL);
}

// Stops the daemons and removes every device and namespace of the OVS side. Safe to call
// when only part of it exists; only ever called when kRunDir (our mark) exists.
void teardownOvsSide()
{
    killPidFile(kRunDir + "/ovs-vswitchd.pid");
    killPidFile(kRunDir + "/ovsdb-server.pid");
    for (const auto &ns : kNamespaces)
        if (namespaceExists(ns))
            (void)io::runCommand({"ip", "netns", "delete", ns});
    if (linkExists(kUplinkVeth))
        (void)io::runCommand({"ip", "link", "delete", kUplinkVeth});
    std::error_code ec;
    fs::remove_all(kRunDir, ec);
}

std::vector<std::string> ovsLeftovers()
{
    std::vector<std::string> out;
    for (const auto &ns : kNamespaces)
        if (namespaceExists(ns))
            out.push_back("netns " + ns);
    if (linkExists(kUplinkVeth))
        out.push_back("link " + kUplinkVeth);
    return out;
}

struct OvsSide {
    OvsSide() = default;
    OvsSide(const OvsSide &) = delete;
    OvsSide &operator=(const OvsSide &) = delete;
    ~OvsSide() { teardownOvsSide(); }
};

using Emulator = privileged::EmulatorProcess;

int received(const std::string &ping)
{
    const auto at = ping.find(" packets transmitted, ");
    return at == std::string::npos ? -1 : std::atoi(ping.c_str() + at + 22);
}

} // namespace

class tst_OvsInterop : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void pingsBothWaysThroughOpenVswitchGre();
    void cleanup();
};

void tst_OvsInterop::initTestCase()
{
    const bool ci = qEnvironmentVariable("CI") == "true";
    if (::geteuid() != 0 && !ci)
        QSKIP("needs root (CAP_NET_ADMIN, /dev/net/tun, ip netns): run as root or with CI=true");
    for (const char *p : {"ovsdb-tool", "ovsdb-server", "ovs-vswitchd", "ovs-vsctl", "ovs-appctl"})
        if (!haveProgram(p)) {
            if (!ci)
                QSKIP("Open vSwitch is not installed (apt-get install openvswitch-switch)");
            QFAIL(qPrintable(QString("%1 missing: scripts/deps.sh installs openvswitch-switch").arg(p)));
        }
    QVERIFY2(fs::exists(kSchema), kSchema);
    const auto check = io::checkNetworkPrivileges();
    QVERIFY2(check.ok, check.missing.c_str());
    // A crashed earlier run left its mark: its daemons and devices are ours to remove.
    if (fs::exists(kRunDir))
        teardownOvsSide();
    const auto left = ovsLeftovers();
    QVERIFY2(left.empty(), "nv-ovs, nv-ovsvm or nvovsp0 exist and are not this test's: not touching them");
    QVERIFY2(!linkExists("nvpa0"), "a provider bridge nvpa0 exists already (another emulator runs)");
}

void tst_OvsInterop::cleanup()
{
    auto left = ovsLeftovers();
    for (const char *name : {"nvpa0"})
        if (linkExists(name))
            left.push_back(std::string("link ") + name);
    if (namespaceExists("nv-red-web1"))
        left.push_back("netns nv-red-web1");
    std::string all;
    for (const auto &l : left)
        all += l + " ";
    QVERIFY2(left.empty(), all.c_str());
    QVERIFY(!fs::exists(kRunDir));
}

void tst_OvsInterop::pingsBothWaysThroughOpenVswitchGre()
{
    // The design: host-b leaves the emulator and becomes the OVS endpoint, in host-a's
    // provider subnet so that the emulator reaches it directly by ARP; FlowID off (an OVS
    // `gre` port matches one fixed key).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string designPath = dir.path().toStdString() + "/ovs-interop.json";
    {
        std::ifstream in(kDesign);
        nlohmann::ordered_json d = nlohmann::ordered_json::parse(in);
        for (auto &h : d["hosts"])
            if (h["id"] == "host-b") {
                h["emulated"] = false;
                h["hostGroup"] = "hg-milan";
                h["providerAddresses"] = {kOvsPa};
            }
        d["emulation"]["flowId"] = false;
        std::ofstream(designPath) << d.dump(1);
    }
    runtime::EmulateOptions options;
    options.designPath = designPath;
    options.overrides.attach = runtime::AttachKind::Namespace;
    options.overrides.underlay = runtime::UnderlayKind::Tap;
    options.overrides.threads = 2;
    options.controlSocket = dir.path().toStdString() + "/ctl.sock";
    Emulator emu;
    QVERIFY2(emu.start(options), emu.output().c_str());
    QVERIFY2(emu.output().find("RED-WEB1 nv-red-web1 10.1.1.7\n") != std::string::npos, emu.output().c_str());
    QVERIFY2(emu.output().find("RED-WEB2") == std::string::npos, emu.output().c_str());   // remote now

    // The OVS side. From here on, the guard removes it whatever happens.
    fs::create_directories(kRunDir);
    OvsSide guard;
    ::setenv("OVS_RUNDIR", kRunDir.c_str(), 1);
    ::setenv("OVS_DBDIR", kRunDir.c_str(), 1);
    ::setenv("OVS_LOGDIR", kRunDir.c_str(), 1);
    ::setenv("OVS_SYSCONFDIR", kRunDir.c_str(), 1);
    auto must = [](const std::vector<std::string> &argv) {
        auto r = io::runCommand(argv);
        return r ? std::string() : r.error().message;
    };
#define STEP(...)                                                                                                      \
    do {                                                                                                               \
        const std::string e_ = must(__VA_ARGS__);                                                                      \
        QVERIFY2(e_.empty(), e_.c_str());                                                                              \
    } while (0)
    for (const auto &ns : kNamespaces)
        STEP({"ip", "netns", "add", ns});
    STEP({"ip", "-n", "nv-ovs", "link", "set", "lo", "up"});
    // Provider side: a veth from nvpa0 into nv-ovs, where the netdev bridge takes it.
    STEP({"ip", "link", "add", kUplinkVeth, "mtu", "1542", "type", "veth", "peer", "name", "nvovsp1", "mtu", "1542",
          "netns", "nv-ovs"});
    STEP({"ip", "link", "set", kUplinkVeth, "master", "nvpa0", "up"});
    STEP({"ip", "-n", "nv-ovs", "link", "set", "nvovsp1", "up"});
    // The VM: RED-WEB2's MAC and CA in nv-ovsvm.
    STEP({"ip", "link", "add", "nvovsv0", "netns", "nv-ovs", "type", "veth", "peer", "name", "eth0", "netns",
          "nv-ovsvm", "address", "00:1d:d8:b7:1c:03"});
    STEP({"ip", "-n", "nv-ovs", "link", "set", "nvovsv0", "up"});
    STEP({"ip", "-n", "nv-ovsvm", "addr", "add", "10.1.1.8/24", "dev", "eth0"});
    STEP({"ip", "-n", "nv-ovsvm", "link", "set", "eth0", "up"});
    STEP({"ip", "-n", "nv-ovsvm", "link", "set", "lo", "up"});
    // The daemons, with private paths; ovs-vswitchd inside nv-ovs, so the PA, its routes and
    // the bridges' internal devices never appear in the root namespace.
    STEP({"ovsdb-tool", "create", kRunDir + "/conf.db", kSchema});
    STEP({"ovsdb-server", kRunDir + "/conf.db", "--remote=punix:" + kRunDir + "/db.sock",
          "--pidfile=" + kRunDir + "/ovsdb-server.pid", "--unixctl=" + kRunDir + "/ovsdb-server.ctl",
          "--log-file=" + kRunDir + "/ovsdb-server.log", "--detach"});
    STEP(vsctl({"--no-wait", "init"}));
    STEP({"ip", "netns", "exec", "nv-ovs", "ovs-vswitchd", "unix:" + kRunDir + "/db.sock",
          "--pidfile=" + kRunDir + "/ovs-vswitchd.pid", "--unixctl=" + kRunDir + "/ovs-vswitchd.ctl",
          "--log-file=" + kRunDir + "/ovs-vswitchd.log", "--detach"});
    // Userspace tunnelling: the physical bridge holds the local PA (OVS routes and ARPs from
    // it); the integration bridge holds the GRE port and the VM.
    STEP(vsctl({"add-br", "nvovsphy", "--", "set", "bridge", "nvovsphy", "datapath_type=netdev", "--", "add-port",
                "nvovsphy", "nvovsp1"}));
    STEP({"ip", "-n", "nv-ovs", "addr", "add", kOvsPa + "/24", "dev", "nvovsphy"});
    STEP({"ip", "-n", "nv-ovs", "link", "set", "nvovsphy", "up"});
    STEP(vsctl({"add-br", "nvovsint", "--", "set", "bridge", "nvovsint", "datapath_type=netdev", "--", "add-port",
                "nvovsint", "nvovsv0", "--", "add-port", "nvovsint", "nvovsgre0", "--", "set", "interface", "nvovsgre0",
                "type=gre", "options:remote_ip=" + kEmulatedPa, "options:local_ip=" + kOvsPa,
                "options:key=" + std::to_string(kRedVsid << 8)}));
    // OVS learns the route from nv-ovs' kernel table; say it explicitly all the same.
    (void)io::runCommand(appctl({"ovs/route/add", kEmulatedPa + "/32", "nvovsphy"}));
#undef STEP

    auto vsidRx = [&](const std::string &vsid) {
        std::ostringstream out, err;
        (void)runtime::runCtl(options.controlSocket, {"stats"}, out, err);
        const std::string text = out.str();
        const auto at = text.find("vsid=" + vsid + " rx_packets=");
        return at == std::string::npos ? -1 : std::atol(text.c_str() + at + 17 + vsid.size());
    };
    const long blueBefore = vsidRx("6001");
    const long redBefore = vsidRx("5001");
    QVERIFY(blueBefore >= 0 && redBefore >= 0);
    // OVS → emulated: ARP for 10.1.1.7 travels as NVGRE broadcast, the emulated VM answers.
    // The first packets may wait on provider ARP (both sides): warm up, then expect no loss.
    (void)io::runCommand({"ip", "netns", "exec", "nv-ovsvm", "ping", "-c", "3", "-i", "0.3", "-W", "1", "10.1.1.7"});
    const std::string fromOvs = sh({"ip", "netns", "exec", "nv-ovsvm", "ping", "-c", "5", "-i", "0.2", "-W", "2", "10.1.1.7"});
    QVERIFY2(received(fromOvs) == 5, (fromOvs + sh(appctl({"tnl/neigh/show"}))).c_str());
    // Emulated → OVS: the emulator resolved host-b's PA by ARP (OVS's bridge MAC, not the
    // design's derived NIC MAC) and OVS decapsulates key 5001 << 8.
    const std::string toOvs = sh({"ip", "netns", "exec", "nv-red-web1", "ping", "-c", "5", "-i", "0.2", "-W", "2", "10.1.1.8"});
    QVERIFY2(received(toOvs) == 5, toOvs.c_str());
    // OVS resolved the emulated host's PA by real ARP too.
    const std::string neigh = sh(appctl({"tnl/neigh/show"}));
    QVERIFY2(neigh.find(kEmulatedPa) != std::string::npos, neigh.c_str());
    // Isolation still holds: BLUE-WEB1 has the same CA in VSID 6001, and only the red VM
    // answered — the blue tenant sent nothing while the red one answered every echo.
    QCOMPARE(vsidRx("6001"), blueBefore);
    QVERIFY(vsidRx("5001") >= redBefore + 10);

    teardownOvsSide();
    emu.signal(SIGINT);
    QCOMPARE(emu.wait(), 0);
}

QTEST_GUILESS_MAIN(tst_OvsInterop)
#include "tst_ovs_interop.moc"
