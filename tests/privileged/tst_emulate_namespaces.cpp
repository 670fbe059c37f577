// End-to-end runs of the emulator with real namespaces, TAPs and bridges (needs root):
// namespaces created and configured, ping across hosts (in-memory and TAP underlay), tenant
// isolation, the 1458-byte inner MTU, the control socket, and teardown after SIGINT, after
// SIGTERM and after SIGKILL followed by the next start. The emulator runs in a forked child
// through runEmulate(), exactly as `netvirt emulate` calls it.
#include <QtTest>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "emulator_process.h"
#include <netvirt/core/io/design_io.h>
#include <netvirt/emulator/io/host_ops.h>
#include <netvirt/emulator/io/naming.h>
#include <netvirt/emulator/runtime/emulate.h>

using namespace netvirt::emulator;
namespace fs = std::filesystem;

namespace {

const char *kDesign = NETVIRT_SOURCE_DIR "/resources/examples/red-blue.json";
const std::vector<std::string> kNamespaces = {"nv-red-web1", "nv-red-web2", "nv-blue-web1", "nv-blue-web2"};

std::string sh(const std::vector<std::string> &argv)
{
    auto r = io::runCommand(argv);
    return r ? *r : "ERROR: " + r.error().message;
}

// stdout whatever the exit status (a ping that fails still prints why). Fixed argv only.
std::string stdoutOf(const std::vector<std::string> &argv)
{
    std::string cmd;
    for (const auto &a : argv)
        cmd += a + " ";
    std::string out;
    if (FILE *p = ::popen((cmd + "2>&1").c_str(), "r")) {
        char buf[512];
        while (std::fgets(buf, sizeof buf, p))
            out += buf;
        ::pclose(p);
    }
    return out;
}

bool ok(const std::vector<std::string> &argv)
{
    return io::runCommand(argv).ok();
}

// What these tests' emulators create: the namespaces and TAPs of the two designs, the
// provider bridge, namespace and veths. Other nv… devices (someone else's) are ignored.
std::set<std::string> ourNames()
{
    std::set<std::string> names = {"nv-provider", "nvpa0"};
    for (int i = 0; i < 8; ++i)
        names.insert("nvpv" + std::to_string(i));
    for (const char *file : {"red-blue.json", "three-tier.json"}) {
        auto d = netvirt::core::io::loadDesign(std::string(NETVIRT_SOURCE_DIR "/resources/examples/") + file);
        if (!d)
            continue;
        for (const auto &[id, ns] : io::namespaceNames(*d)) {
            names.insert(ns);
            names.insert(io::tapNameFor(id));
        }
        for (const auto &h : d->hosts)
            for (const auto &n : h.physicalNics)
                names.insert(io::tapNameFor(n.id));
    }
    return names;
}

std::vector<std::string> leftovers()
{
    static const std::set<std::string> ours = ourNames();
    std::vector<std::string> out;
    std::istringstream ns(sh({"ip", "netns", "list"}));
    for (std::string line; std::getline(ns, line);) {
        const std::string name = line.substr(0, line.find(' '));
        if (ours.count(name))
            out.push_back("netns " + name);
    }
    std::istringstream links(sh({"ip", "-o", "link", "show"}));
    for (std::string line; std::getline(links, line);) {
        auto a = line.find(": ");
        auto b = line.find_first_of(":@", a + 2);
        if (a == std::string::npos || b == std::string::npos)
            continue;
        std::string name = line.substr(a + 2, b - a - 2);
        if (ours.count(name))
            out.push_back("link " + name);
    }
    return out;
}

using Emulator = privileged::EmulatorProcess;

runtime::EmulateOptions namespaceRun()
{
    runtime::EmulateOptions o;
    o.designPath = kDesign;
    o.overrides.attach = runtime::AttachKind::Namespace;
    o.overrides.underlay = runtime::UnderlayKind::Memory;
    o.overrides.threads = 2;
    return o;
}

} // namespace

class tst_EmulateNamespaces : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void namespacesAreConfiguredAndPingCrossesHosts();
    void tapUnderlayRoutesThroughTheProviderNamespace();
    void sigkillIsCleanedUpAtTheNextStart();
    void threeTierRoutesWithOneTtlDecrement();
    void liveMigrationAndFailoverUnderPing();
    void tcpPayloadArrivesByteIdentical();
    void cleanup();
};

void tst_EmulateNamespaces::initTestCase()
{
    const bool ci = qEnvironmentVariable("CI") == "true";
    if (::geteuid() != 0 && !ci)
        QSKIP("needs root (CAP_NET_ADMIN, /dev/net/tun, ip netns): run as root or with CI=true");
    const auto check = io::checkNetworkPrivileges();
    QVERIFY2(check.ok, check.missing.c_str());
    QVERIFY2(leftovers().empty(), "the namespaces or devices these tests create exist already: not ours, not touching them");
}

void tst_EmulateNamespaces::cleanup()
{
    // Every test must leave nothing behind, whatever happened.
    const auto left = leftovers();
    std::string all;
    for (const auto &l : left)
        all += l + " ";
    QVERIFY2(left.empty(), all.c_str());
}

void tst_EmulateNamespaces::namespacesAreConfiguredAndPingCrossesHosts()
{
    const std::string sock = "/tmp/nvtest-ctl-" + std::to_string(::getpid()) + ".sock";
    QTemporaryDir captures;
    auto options = namespaceRun();
    options.controlSocket = sock;
    options.overrides.underlayMtu = 1500;   // the design's NICs have 1542: inner 1500 would fit
    options.overrides.captureDir = captures.path().toStdString();
    Emulator emu;
    QVERIFY2(emu.start(options), emu.output().c_str());
    // One line per attachment, then ready.
    QVERIFY(emu.output().find("RED-WEB1 nv-red-web1 10.1.1.7\n") != std::string::npos);
    QVERIFY(emu.output().find("BLUE-WEB2 nv-blue-web2 10.1.1.8\n") != std::string::npos);

    for (const auto &ns : kNamespaces)
        QVERIFY2(fs::exists("/run/netns/" + ns), ns.c_str());
    const std::string link = sh({"ip", "-n", "nv-red-web1", "-o", "link", "show", "eth0"});
    QVERIFY2(link.find("mtu 1500") != std::string::npos, link.c_str());
    QVERIFY2(link.find("00:1d:d8:b7:1c:02") != std::string::npos, link.c_str());
    const std::string addr = sh({"ip", "-n", "nv-red-web1", "-o", "-4", "addr", "show", "eth0"});
    QVERIFY2(addr.find("10.1.1.7/24") != std::string::npos, addr.c_str());
    const std::string route = sh({"ip", "-n", "nv-red-web1", "route", "show", "default"});
    QVERIFY2(route.find("via 10.1.1.1") != std::string::npos, route.c_str());

    // Red to red across hosts (NVGRE over the in-memory provider network).
    const std::string blueBefore = sh({"ip", "netns", "exec", "nv-blue-web2", "cat", "/sys/class/net/eth0/statistics/rx_packets"});
    const std::string ping = sh({"ip", "netns", "exec", "nv-red-web1", "ping", "-c", "5", "-i", "0.2", "-W", "2", "10.1.1.8"});
    QVERIFY2(ping.find(" 0% packet loss") != std::string::npos, ping.c_str());
    // Isolation: the blue VM with the same address saw none of it.
    const std::string blueAfter = sh({"ip", "netns", "exec", "nv-blue-web2", "cat", "/sys/class/net/eth0/statistics/rx_packets"});
    QCOMPARE(QString::fromStdString(blueAfter), QString::fromStdString(blueBefore));
    // Blue to blue works too.
    QVERIFY(ok({"ip", "netns", "exec", "nv-blue-web1", "ping", "-c", "2", "-i", "0.2", "-W", "2", "10.1.1.8"}));

    // 1458 bytes of inner IP fit a 1500-byte provider MTU; 1459 with DF get "fragmentation needed".
    QVERIFY(ok({"ip", "netns", "exec", "nv-red-web1", "ping", "-c", "1", "-W", "2", "-M", "do", "-s", "1430", "10.1.1.8"}));
    const std::string big = sh({"ip", "netns", "exec", "nv-red-web1", "ping", "-c", "2", "-i", "0.3", "-W", "1", "-M", "do", "-s", "1431", "10.1.1.8"});
    QVERIFY2(big.find("1458") != std::string::npos, big.c_str());

    // The control socket.
    std::ostringstream out, err;
    QCOMPARE(runtime::runCtl(sock, {"stats"}, out, err), 0);
    QVERIFY2(out.str().find("host=host-a rx_packets=") != std::string::npos, out.str().c_str());
    QVERIFY2(out.str().find("drop.mtu=") != std::string::npos, out.str().c_str());
    out.str("");
    QCOMPARE(runtime::runCtl(sock, {"migrate", "vm-red-web2", "host-a"}, out, err), 0);
    QVERIFY(ok({"ip", "netns", "exec", "nv-red-web1", "ping", "-c", "2", "-i", "0.2", "-W", "2", "10.1.1.8"}));
    QCOMPARE(runtime::runCtl(sock, {"migrate", "vm-red-web2", "no-such-host"}, out, err), 1);
    QVERIFY(err.str().find("no host") != std::string::npos);
    QCOMPARE(runtime::runCtl(sock, {"link", "host-a", "nic1", "down"}, out, err), 0);
    QCOMPARE(runtime::runCtl(sock, {"link", "sideways"}, out, err), 2);

    // SIGINT: captures are compressed, every device and namespace goes.
    emu.signal(SIGINT);
    QCOMPARE(emu.wait(), 0);
    QVERIFY(fs::exists(captures.path().toStdString() + "/vm-red-web1_nic0.pcap.zst"));
    QVERIFY(fs::exists(captures.path().toStdString() + "/host-a_nic1.pcap.zst"));
    QVERIFY(!fs::exists(sock));
}

void tst_EmulateNamespaces::tapUnderlayRoutesThroughTheProviderNamespace()
{
    auto options = namespaceRun();
    options.overrides.underlay = runtime::UnderlayKind::Tap;
    Emulator emu;
    QVERIFY2(emu.start(options), emu.output().c_str());
    QVERIFY(fs::exists("/run/netns/nv-provider"));
    const std::string bridge = sh({"ip", "-o", "link", "show", "master", "nvpa0"});
    QVERIFY2(bridge.find("nvt") != std::string::npos, bridge.c_str());
    // host-a (192.168.1.10) and host-b (192.168.2.10) sit in two provider subnets: the
    // NVGRE packets are routed by nv-provider, after real ARP on the bridge.
    // tshark on the provider bridge decodes the NVGRE of the red tenant (VSID 5001).
    std::string decoded;
    std::thread tshark([&] {
        decoded = sh({"tshark", "-Q", "-i", "nvpa0", "-a", "duration:4", "-f", "ip proto 47", "-T", "fields", "-E", "separator=,", "-e", "gre.proto", "-e", "gre.key", "-e", "icmp.type"});
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const std::string ping = sh({"ip", "netns", "exec", "nv-red-web1", "ping", "-c", "5", "-i", "0.2", "-W", "2", "10.1.1.8"});
    tshark.join();
    QVERIFY2(ping.find(" 0% packet loss") != std::string::npos, ping.c_str());
    // Each line: GRE protocol (0x6558, transparent Ethernet), key (VSID << 8 | FlowID),
    // and the inner ICMP type that tshark decoded through the NVGRE header.
    int nvgreEcho = 0;
    std::istringstream lines(decoded);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream f(line);
        std::string proto, key, icmp;
        std::getline(f, proto, ',');
        std::getline(f, key, ',');
        std::getline(f, icmp, ',');
        if (key.empty() || proto.empty())
            continue;
        if (std::stoul(proto, nullptr, 0) == 0x6558 && (std::stoul(key, nullptr, 0) >> 8) == 5001 && !icmp.empty())
            ++nvgreEcho;
    }
    QVERIFY2(nvgreEcho >= 10, decoded.c_str());   // 5 requests + 5 replies
    const std::string neigh = sh({"ip", "-n", "nv-provider", "neigh", "show"});
    QVERIFY2(neigh.find("192.168.2.10") != std::string::npos, neigh.c_str());
    emu.signal(SIGTERM);
    QCOMPARE(emu.wait(), 0);
}

void tst_EmulateNamespaces::sigkillIsCleanedUpAtTheNextStart()
{
    pid_t killed = -1;
    {
        Emulator first;
        QVERIFY2(first.start(namespaceRun()), first.output().c_str());
        killed = first.pid();
        first.signal(SIGKILL);
        QCOMPARE(first.wait(), 128 + SIGKILL);
    }
    // The namespaces outlive a SIGKILL; the journal says whose they are.
    QVERIFY(fs::exists("/run/netns/nv-red-web1"));
    const std::string journal = std::string(io::kDefaultJournalDir) + "/emulate-" + std::to_string(killed) + ".journal";
    QVERIFY(fs::exists(journal));
    Emulator second;
    QVERIFY2(second.start(namespaceRun()), second.output().c_str());
    QVERIFY(!fs::exists(journal));
    QVERIFY(fs::exists("/run/netns/nv-red-web1"));   // the second instance's own
    second.signal(SIGINT);
    QCOMPARE(second.wait(), 0);
}

void tst_EmulateNamespaces::threeTierRoutesWithOneTtlDecrement()
{
    auto options = namespaceRun();
    options.designPath = NETVIRT_SOURCE_DIR "/resources/examples/three-tier.json";
    Emulator emu;
    QVERIFY2(emu.start(options), emu.output().c_str());
    // web (10.0.1.0/24, host-a) → db (10.0.3.0/24, host-c): routed by the virtual router of
    // the routing domain, so the reply arrives with TTL 64 - 1.
    const std::string ping = sh({"ip", "netns", "exec", "nv-contoso-web1", "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.0.3.10"});
    QVERIFY2(ping.find(" 0% packet loss") != std::string::npos, ping.c_str());
    QVERIFY2(ping.find("ttl=63") != std::string::npos, ping.c_str());
    // On-link in the same VM subnet: no router, TTL untouched.
    const std::string onLink = sh({"ip", "netns", "exec", "nv-contoso-web1", "ping", "-c", "2", "-i", "0.2", "-W", "2", "10.0.1.11"});
    QVERIFY2(onLink.find("ttl=64") != std::string::npos, onLink.c_str());
    // TTL 1 towards another subnet: time exceeded from the virtual router.
    const std::string ttl1 = stdoutOf({"ip", "netns", "exec", "nv-contoso-web1", "ping", "-c", "1", "-W", "2", "-t", "1", "10.0.3.10"});
    QVERIFY2(ttl1.find("Time to live exceeded") != std::string::npos, ttl1.c_str());
    emu.signal(SIGINT);
    QCOMPARE(emu.wait(), 0);
}

void tst_EmulateNamespaces::liveMigrationAndFailoverUnderPing()
{
    const std::string sock = "/tmp/nvtest-live-" + std::to_string(::getpid()) + ".sock";
    auto options = namespaceRun();
    options.controlSocket = sock;
    Emulator emu;
    QVERIFY2(emu.start(options), emu.output().c_str());
    QVERIFY(ok({"ip", "netns", "exec", "nv-red-web1", "ping", "-c", "1", "-W", "2", "10.1.1.8"}));
    // 100 pps for 4 s while RED-WEB2 migrates and a team member of each host fails.
    std::string ping;
    std::thread pinger([&] {
        ping = sh({"ip", "netns", "exec", "nv-red-web1", "ping", "-c", "400", "-i", "0.01", "-W", "1", "10.1.1.8"});
    });
    std::ostringstream out, err;
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    QCOMPARE(runtime::runCtl(sock, {"migrate", "vm-red-web2", "host-a"}, out, err), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    QCOMPARE(runtime::runCtl(sock, {"link", "host-a", "nic1", "down"}, out, err), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    QCOMPARE(runtime::runCtl(sock, {"migrate", "vm-red-web2", "host-b"}, out, err), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    QCOMPARE(runtime::runCtl(sock, {"link", "host-b", "nic1", "down"}, out, err), 0);
    pinger.join();
    // "400 packets transmitted, N received"
    const auto at = ping.find(" packets transmitted, ");
    QVERIFY2(at != std::string::npos, ping.c_str());
    const int received = std::atoi(ping.c_str() + at + 22);
    qInfo("live migration x2 + failover x2 under 100 pps: %d of 400 replies", received);
    QVERIFY2(received >= 398, ping.c_str());
    QCOMPARE(runtime::runCtl(sock, {"stop"}, out, err), 0);
    QCOMPARE(emu.wait(), 0);
}

void tst_EmulateNamespaces::tcpPayloadArrivesByteIdentical()
{
    // 10 MB of random bytes over TCP from RED-WEB1 (host-a) to RED-WEB2 (host-b): segmented
    // by the guests, encapsulated in NVGRE across the TAP provider network, reassembled into
    // exactly the bytes sent (SHA-256 of both files).
    QVERIFY2(ok({"sh", "-c", "command -v nc"}), "nc (netcat-openbsd) is not installed: scripts/deps.sh");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string sent = dir.path().toStdString() + "/sent.bin";
    const std::string got = dir.path().toStdString() + "/received.bin";
    QVERIFY(ok({"sh", "-c", "head -c 10485760 /dev/urandom > " + sent}));
    auto options = namespaceRun();
    options.overrides.underlay = runtime::UnderlayKind::Tap;
    Emulator emu;
    QVERIFY2(emu.start(options), emu.output().c_str());
    // The receiver exits after the sender's end of stream (nc -N shuts the socket down).
    std::string listenResult;
    std::thread receiver([&] {
        listenResult = stdoutOf({"timeout", "60", "ip", "netns", "exec", "nv-red-web2", "nc", "-l", "-p", "5001", ">", got});
    });
    // Until the listener is up.
    bool listening = false;
    for (int i = 0; i < 50 && !listening; ++i) {
        listening = sh({"ip", "netns", "exec", "nv-red-web2", "ss", "-ltn"}).find(":5001") != std::string::npos;
        if (!listening)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    QVERIFY(listening);
    const std::string send = stdoutOf({"timeout", "60", "ip", "netns", "exec", "nv-red-web1", "nc", "-N", "-w", "10",
                                       "10.1.1.8", "5001", "<", sent});
    receiver.join();
    const std::string a = sh({"sha256sum", sent});
    const std::string b = sh({"sha256sum", got});
    QVERIFY2(fs::file_size(got) == 10485760u, (send + listenResult).c_str());
    QCOMPARE(QString::fromStdString(b.substr(0, 64)), QString::fromStdString(a.substr(0, 64)));
    emu.signal(SIGINT);
    QCOMPARE(emu.wait(), 0);
}

QTEST_GUILESS_MAIN(tst_EmulateNamespaces)
#include "tst_emulate_namespaces.moc"
