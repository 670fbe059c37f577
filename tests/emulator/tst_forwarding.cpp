// The forwarding pipeline step by step (FORWARDING.md): frames written byte by byte in the
// test from the RFC layouts, every guard, the ARP proxy, DHCP, unicast, routing, replication,
// NVGRE encapsulation and MTU handling, the provider-side receive checks in their order,
// teaming and counters.
#include <QtTest>

#include <set>

#include "forwarding_fixture.h"

Q_DECLARE_METATYPE(fixture::Bytes)

using namespace fixture;
using netvirt::emulator::forwarding::ActionKind;
using netvirt::emulator::forwarding::DropReason;

namespace {

const char *kA1Mac = "00:1D:D8:B7:1C:02";
const char *kBcast = "FF:FF:FF:FF:FF:FF";

Bytes echoFrame(const char *dstMac, const char *srcMac, const char *src, const char *dst, unsigned ttl = 64,
                std::size_t data = 56, bool df = true)
{
    return frame(dstMac, srcMac, 0x0800, ipv4(src, dst, 1, icmpEcho(data), ttl, df));
}

std::string macText(const std::uint8_t *p)
{
    char b[20];
    std::snprintf(b, sizeof b, "%02X:%02X:%02X:%02X:%02X:%02X", p[0], p[1], p[2], p[3], p[4], p[5]);
    return b;
}

std::uint16_t be16(const std::vector<std::uint8_t> &v, std::size_t off) { return static_cast<std::uint16_t>((v[off] << 8) | v[off + 1]); }
std::uint32_t be32(const std::vector<std::uint8_t> &v, std::size_t off)
{
    return (std::uint32_t{v[off]} << 24) | (std::uint32_t{v[off + 1]} << 16) | (std::uint32_t{v[off + 2]} << 8) | v[off + 3];
}

std::string routerMacOf(const Harness &h, const char *vmNetwork)
{
    for (const auto &rd : h.snap->routingDomains())
        if (rd.vmNetwork == vmNetwork)
            return macText(rd.routerMac.bytes.data());
    return {};
}

// A DHCP DISCOVER (RFC 2131) from 0.0.0.0:68 to 255.255.255.255:67.
Bytes dhcpDiscover(const char *mac, unsigned msgType = 1, unsigned op = 1)
{
    Bytes bootp;
    bootp.u8(op).u8(1).u8(6).u8(0).u32(0xCAFEBABE).u16(0).u16(0x8000).zeros(16).mac(mac).zeros(10).zeros(64).zeros(128);
    bootp.u32(0x63825363).u8(53).u8(1).u8(msgType).u8(255);
    return frame(kBcast, mac, 0x0800, ipv4("0.0.0.0", "255.255.255.255", 17, udp(op == 1 ? 68 : 67, op == 1 ? 67 : 68, bootp), 64, false));
}

} // namespace

class TestForwarding : public QObject {
    Q_OBJECT

private:
    core::Design m_design = loadDesign();

private slots:
    // ---- step 1: parse ----
    void dropsMalformedAndTaggedFrames_data()
    {
        QTest::addColumn<Bytes>("f");
        QTest::addColumn<int>("expected");
        QTest::newRow("runt") << Bytes().hex("00 1D D8 B7 1C 10 00 1D D8 B7") << reason(DropReason::Malformed);
        Bytes truncated = echoFrame("00:1D:D8:B7:1C:10", kA1Mac, "10.1.1.8", "10.1.1.10");
        truncated.v.resize(14 + 30);
        QTest::newRow("ipv4 total length beyond the frame") << truncated << reason(DropReason::Malformed);
        Bytes badIhl = echoFrame("00:1D:D8:B7:1C:10", kA1Mac, "10.1.1.8", "10.1.1.10");
        badIhl.v[14] = 0x44;
        QTest::newRow("ihl 4") << badIhl << reason(DropReason::Malformed);
        Bytes tagged;
        tagged.mac("00:1D:D8:B7:1C:10").mac(kA1Mac).u16(0x8100).u16(0x0064).u16(0x0800).append(ipv4("10.1.1.8", "10.1.1.10", 1, icmpEcho(8)));
        QTest::newRow("802.1Q") << tagged << reason(DropReason::Tagged);
        Bytes qinq;
        qinq.mac("00:1D:D8:B7:1C:10").mac(kA1Mac).u16(0x88A8).u16(0x0064).u16(0x0800).append(ipv4("10.1.1.8", "10.1.1.10", 1, icmpEcho(8)));
        QTest::newRow("802.1ad") << qinq << reason(DropReason::Tagged);
    }
    void dropsMalformedAndTaggedFrames()
    {
        QFETCH(Bytes, f);
        QFETCH(int, expected);
        Harness h(m_design);
        h.fromPort("vm-a1/nic0", f);
        QCOMPARE(h.dropReason(), expected);
        QCOMPARE(h.out.size(), std::size_t{1});
    }

    // ---- step 2: guards ----
    void guards_data()
    {
        QTest::addColumn<QString>("port");
        QTest::addColumn<Bytes>("f");
        QTest::addColumn<int>("expected");
        QTest::newRow("source MAC of another VM") << "vm-a1/nic0" << echoFrame("00:1D:D8:B7:1C:10", "00:1D:D8:B7:1C:99", "10.1.1.8", "10.1.1.10")
                                                  << reason(DropReason::Spoofed);
        QTest::newRow("source IP not the CA") << "vm-a1/nic0" << echoFrame("00:1D:D8:B7:1C:10", kA1Mac, "10.1.1.99", "10.1.1.10")
                                              << reason(DropReason::Spoofed);
        QTest::newRow("source IP of a Blue VM with the same CA is still ours") << "vm-a1/nic0"
                                                                               << echoFrame("00:1D:D8:B7:1C:10", kA1Mac, "10.1.1.8", "10.1.1.10") << 0;
        QTest::newRow("MAC spoofing allowed, CA still enforced") << "vm-spoof/nic0"
                                                                 << echoFrame("00:1D:D8:B7:1C:10", "02:00:00:00:00:77", "10.1.1.8", "10.1.1.10")
                                                                 << reason(DropReason::Spoofed);
        QTest::newRow("MAC spoofing allowed") << "vm-spoof/nic0" << echoFrame("00:1D:D8:B7:1C:10", "02:00:00:00:00:77", "10.1.1.30", "10.1.1.10") << 0;
        QTest::newRow("ARP sender address not the CA") << "vm-a1/nic0"
                                                       << frame(kBcast, kA1Mac, 0x0806, arp(1, kA1Mac, "10.1.1.77", "00:00:00:00:00:00", "10.1.1.9"))
                                                       << reason(DropReason::Spoofed);
        QTest::newRow("ARP sender MAC not the port's") << "vm-a1/nic0"
                                                       << frame(kBcast, kA1Mac, 0x0806, arp(1, "00:1D:D8:B7:1C:99", "10.1.1.8", "00:00:00:00:00:00", "10.1.1.9"))
                                                       << reason(DropReason::Spoofed);
        QTest::newRow("0.0.0.0 only for DHCP") << "vm-a1/nic0" << echoFrame(kBcast, kA1Mac, "0.0.0.0", "10.1.1.10")
                                               << reason(DropReason::Spoofed);
        QTest::newRow("DHCP server message, DHCP guard") << "vm-dhcp/nic0" << [] {
            Bytes bootp;
            bootp.u8(2).u8(1).u8(6).u8(0).u32(1).u16(0).u16(0).zeros(16).mac(kA1Mac).zeros(10).zeros(192).u32(0x63825363).u8(53).u8(1).u8(2).u8(255);
            return frame(kBcast, "00:1D:D8:B7:1C:20", 0x0800, ipv4("10.1.1.20", "255.255.255.255", 17, udp(67, 68, bootp), 64, false));
        }() << reason(DropReason::Guard);
        QTest::newRow("ICMP redirect, router guard") << "vm-dhcp/nic0" << [] {
            Bytes redirect;
            redirect.u8(5).u8(1).u16(0).ip("10.1.1.20").append(ipv4("10.1.1.8", "10.1.2.5", 1, icmpEcho(0)));
            const auto c = sum16(redirect.v.data(), redirect.size());
            redirect.v[2] = static_cast<std::uint8_t>(c >> 8);
            redirect.v[3] = static_cast<std::uint8_t>(c);
            return frame("00:1D:D8:B7:1C:02", "00:1D:D8:B7:1C:20", 0x0800, ipv4("10.1.1.20", "10.1.1.8", 1, redirect));
        }() << reason(DropReason::Guard);
        QTest::newRow("ICMP redirect without router guard goes through") << "vm-a2/nic0" << [] {
            Bytes redirect;
            redirect.u8(5).u8(1).u16(0).ip("10.1.1.10").append(ipv4("10.1.1.8", "10.1.2.5", 1, icmpEcho(0)));
            return frame("00:1D:D8:B7:1C:02", "00:1D:D8:B7:1C:10", 0x0800, ipv4("10.1.1.10", "10.1.1.8", 1, redirect));
        }() << 0;
        QTest::newRow("IPv6 link-local neighbour solicitation is allowed") << "vm-a1/nic0" << [] {
            Bytes ns;
            ns.u8(135).u8(0).u16(0).u32(0).hex("fe80 0000 0000 0000 0000 0000 0000 0009");
            Bytes ip6;
            ip6.u32(0x60000000).u16(static_cast<unsigned>(ns.size())).u8(58).u8(255)
                .hex("fe80 0000 0000 0000 021d d8ff feb7 1c02").hex("ff02 0000 0000 0000 0000 0001 ff00 0009").append(ns);
            return frame("33:33:FF:00:00:09", kA1Mac, 0x86DD, ip6);
        }() << 0;
        QTest::newRow("IPv6 link-local for anything else is spoofed") << "vm-a1/nic0" << [] {
            Bytes u = udp(1000, 2000, Bytes().zeros(8));
            Bytes ip6;
            ip6.u32(0x60000000).u16(static_cast<unsigned>(u.size())).u8(17).u8(64)
                .hex("fe80 0000 0000 0000 021d d8ff feb7 1c02").hex("ff02 0000 0000 0000 0000 0000 0000 0001").append(u);
            return frame("33:33:00:00:00:01", kA1Mac, 0x86DD, ip6);
        }() << reason(DropReason::Spoofed);
    }
    void guards()
    {
        QFETCH(QString, port);
        QFETCH(Bytes, f);
        QFETCH(int, expected);
        Harness h(m_design);
        h.fromPort(port.toLatin1().constData(), f);
        QCOMPARE(h.dropReason(), expected);
    }

    // ---- step 3: ARP and ND proxy ----
    void arpProxy_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("answer"); // "" = no answer, "router" = the virtual router MAC
        QTest::newRow("same VSID, remote host") << "10.1.1.9" << "00:1D:D8:B7:1C:09";
        QTest::newRow("same VSID, local") << "10.1.1.10" << "00:1D:D8:B7:1C:10";
        QTest::newRow("subnet gateway") << "10.1.1.1" << "router";
        QTest::newRow("other VM subnet of the routing domain") << "10.1.2.6" << "router";
        QTest::newRow("the other subnet's gateway") << "10.1.2.1" << "router";
        QTest::newRow("address only in another routing domain") << "10.9.9.9" << "";
        QTest::newRow("Blue's gateway address is not Red's") << "10.1.1.254" << "";
        QTest::newRow("unknown address") << "10.1.1.77" << "";
        QTest::newRow("outside every subnet") << "172.16.5.5" << "";
        QTest::newRow("own address") << "10.1.1.8" << "";
    }
    void arpProxy()
    {
        QFETCH(QString, target);
        QFETCH(QString, answer);
        Harness h(m_design);
        const auto t = target.toStdString();
        h.fromPort("vm-a1/nic0", frame(kBcast, kA1Mac, 0x0806, arp(1, kA1Mac, "10.1.1.8", "00:00:00:00:00:00", t.c_str())));
        QCOMPARE(h.dropReason(), 0);
        QCOMPARE(h.count(ActionKind::Transmit), std::size_t{0}); // never flooded
        if (answer.isEmpty()) {
            QCOMPARE(h.out.size(), std::size_t{0});
            return;
        }
        QCOMPARE(h.out.size(), std::size_t{1});
        const auto *a = h.first(ActionKind::Deliver);
        QVERIFY(a);
        QCOMPARE(h.snap->ports()[a->port].id, std::string("vm-a1/nic0"));
        const auto r = h.bytesOf(*a);
        const std::string want = answer == "router" ? routerMacOf(h, "vmn-red") : answer.toStdString();
        QCOMPARE(macText(r.data()), std::string(kA1Mac));        // to the asker
        QCOMPARE(macText(r.data() + 6), want);
        QCOMPARE(be16(r, 12), std::uint16_t{0x0806});
        QCOMPARE(be16(r, 14 + 6), std::uint16_t{2});              // reply
        QCOMPARE(macText(r.data() + 14 + 8), want);               // sender hardware address
        Bytes tpa;
        tpa.ip(t.c_str());
        QVERIFY(std::equal(tpa.v.begin(), tpa.v.end(), r.begin() + 14 + 14)); // sender protocol address
        QCOMPARE(macText(r.data() + 14 + 18), std::string(kA1Mac));
    }

    void gratuitousArpIsNotFlooded()
    {
        Harness h(m_design);
        h.fromPort("vm-a1/nic0", frame(kBcast, kA1Mac, 0x0806, arp(1, kA1Mac, "10.1.1.8", "00:00:00:00:00:00", "10.1.1.8")));
        QCOMPARE(h.out.size(), std::size_t{0});
    }

    void arpReplyIsForwardedLikeUnicast()
    {
        Harness h(m_design);
        h.fromPort("vm-a1/nic0", frame("00:1D:D8:B7:1C:09", kA1Mac, 0x0806, arp(2, kA1Mac, "10.1.1.8", "00:1D:D8:B7:1C:09", "10.1.1.9")));
        QCOMPARE(h.count(ActionKind::Transmit), std::size_t{1});
        h.fromPort("vm-a1/nic0", frame("00:1D:D8:B7:1C:10", kA1Mac, 0x0806, arp(2, kA1Mac, "10.1.1.8", "00:1D:D8:B7:1C:10", "10.1.1.10")));
        QCOMPARE(h.deliveredTo(), std::vector<std::string>{"vm-a2/nic0"});
    }

    // ---- step 4: DHCP ----
    void dhcpDiscoverIsAnsweredWithTheAllocatedAddress()
    {
        Harness h(m_design);
        h.fromPort("vm-dhcp/nic0", dhcpDiscover("00:1D:D8:B7:1C:20"));
        QCOMPARE(h.dropReason(), 0);
        QCOMPARE(h.out.size(), std::size_t{1});
        const auto r = h.bytesOf(h.out[0]);
        QCOMPARE(h.snap->ports()[h.out[0].port].id, std::string("vm-dhcp/nic0"));
        const std::size_t bootp = 14 + 20 + 8;
        QCOMPARE(r[bootp], std::uint8_t{2});                     // BOOTREPLY
        QCOMPARE(be32(r, bootp + 4), 0xCAFEBABEu);               // xid copied
        QCOMPARE(be32(r, bootp + 16), 0x0A010114u);              // yiaddr 10.1.1.20
        // Option 53 = OFFER somewhere in the options.
        bool offer = false;
        for (std::size_t i = bootp + 240; i + 2 < r.size(); i += 2u + r[i + 1])
            if (r[i] == 53 && r[i + 2] == 2)
                offer = true;
        QVERIFY(offer);
    }
    void dhcpFromStaticVnicIsNotAnsweredNorFlooded()
    {
        Harness h(m_design);
        h.fromPort("vm-a1/nic0", dhcpDiscover(kA1Mac));
        QCOMPARE(h.out.size(), std::size_t{0});
    }

    // ---- step 5: unicast in the VSID ----
    void unicastToLocalPortIsDeliveredAsIs()
    {
        Harness h(m_design);
        const Bytes f = echoFrame("00:1D:D8:B7:1C:10", kA1Mac, "10.1.1.8", "10.1.1.10");
        h.fromPort("vm-a1/nic0", f);
        QCOMPARE(h.deliveredTo(), std::vector<std::string>{"vm-a2/nic0"});
        QCOMPARE(h.bytesOf(h.out[0]), f.v);
    }

    void unicastToRemoteHostIsEncapsulated()
    {
        Harness h(m_design);
        const Bytes f = echoFrame("00:1D:D8:B7:1C:09", kA1Mac, "10.1.1.8", "10.1.1.9");
        h.fromPort("vm-a1/nic0", f);
        QCOMPARE(h.out.size(), std::size_t{1});
        const auto *a = h.first(ActionKind::Transmit);
        QVERIFY(a);
        QCOMPARE(a->peerHost, h.host("host-b"));
        const auto o = h.bytesOf(*a);
        QCOMPARE(o.size(), f.size() + 42);
        QCOMPARE(macText(o.data()), std::string("00:15:5D:00:02:01"));   // same provider subnet: host-b's NIC
        const std::string src = macText(o.data() + 6);
        QVERIFY(src == "00:15:5D:00:01:01" || src == "00:15:5D:00:01:02");
        QCOMPARE(be16(o, 12), std::uint16_t{0x0800});
        QCOMPARE(o[14], std::uint8_t{0x45});
        QCOMPARE(be16(o, 16), static_cast<std::uint16_t>(f.size() + 28)); // total length
        QCOMPARE(be16(o, 20), std::uint16_t{0x4000});                    // DF
        QCOMPARE(o[22], std::uint8_t{64});                               // TTL
        QCOMPARE(o[23], std::uint8_t{47});                               // GRE
        QCOMPARE(sum16(o.data() + 14, 20), std::uint16_t{0});            // header checksum
        QCOMPARE(be32(o, 26), 0xC0A8010Au);                              // 192.168.1.10
        QCOMPARE(be32(o, 30), 0xC0A80132u);                              // 192.168.1.50
        QCOMPARE(be16(o, 34), std::uint16_t{0x2000});
        QCOMPARE(be16(o, 36), std::uint16_t{0x6558});
        QCOMPARE(be32(o, 38) >> 8, 5001u);
        QVERIFY(std::equal(f.v.begin(), f.v.end(), o.begin() + 42));     // inner untouched
    }

    void encapToAnotherProviderSubnetGoesToTheGateway()
    {
        Harness h(m_design);
        h.fromPort("vm-a1/nic0", echoFrame("00:1D:D8:B7:1C:11", kA1Mac, "10.1.1.8", "10.1.1.11"));
        const auto *a = h.first(ActionKind::Transmit);
        QVERIFY(a);
        const auto o = h.bytesOf(*a);
        QCOMPARE(be32(o, 30), 0xC0A80214u); // 192.168.2.20
        const auto policy = netvirt::core::policy::compile(m_design);
        std::string gwMac;
        for (const auto &ps : policy.providerSubnets)
            if (ps.prefix == "192.168.1.0/24")
                gwMac = ps.gatewayMac;
        QCOMPARE(macText(o.data()), gwMac);
    }

    void flowIdOffSendsZero()
    {
        SnapshotOptions o;
        o.flowId = false;
        Harness h(m_design, o);
        h.fromPort("vm-a1/nic0", echoFrame("00:1D:D8:B7:1C:09", kA1Mac, "10.1.1.8", "10.1.1.9"));
        const auto out = h.bytesOf(*h.first(ActionKind::Transmit));
        QCOMPARE(be32(out, 38), 0x00138900u);
    }

    void unicastWithoutRecordIsNoRoute()
    {
        Harness h(m_design);
        h.fromPort("vm-a1/nic0", echoFrame("00:1D:D8:B7:1C:77", kA1Mac, "10.1.1.8", "10.1.1.77"));
        QCOMPARE(h.dropReason(), reason(DropReason::NoRoute));
        QCOMPARE(h.counters.ports[h.port("vm-a1/nic0")][reason(DropReason::NoRoute)], std::uint64_t{1});
        QCOMPARE(h.counters.hosts[h.host("host-a")][reason(DropReason::NoRoute)], std::uint64_t{1});
        QCOMPARE(h.counters.vsids[h.snap->vsidIndex(5001)][reason(DropReason::NoRoute)], std::uint64_t{1});
    }

    void sameCaInAnotherTenantIsNeverReached()
    {
        // Blue 10.1.1.8 sends to 10.1.1.9: Red has it, Blue does not.
        Harness h(m_design);
        h.fromPort("vm-blue1/nic0", echoFrame("00:1D:D8:B7:1C:09", "00:1D:D8:B7:2C:02", "10.1.1.8", "10.1.1.9"));
        QCOMPARE(h.dropReason(), reason(DropReason::NoRoute));
        // Red 10.1.1.10 → 10.1.1.8 reaches Red's A1, not Blue's.
        h.fromPort("vm-a2/nic0", echoFrame(kA1Mac, "00:1D:D8:B7:1C:10", "10.1.1.10", "10.1.1.8"));
        QCOMPARE(h.deliveredTo(), std::vector<std::string>{"vm-a1/nic0"});
    }

    // ---- step 6: routing ----
    void routedPacketDecrementsTtlRewritesMacsAndTravelsWithTargetVsid()
    {
        Harness h(m_design);
        const std::string router = routerMacOf(h, "vmn-red");
        Bytes f = echoFrame(router.c_str(), kA1Mac, "10.1.1.8", "10.1.2.6", 64);
        h.fromPort("vm-a1/nic0", f);
        const auto *a = h.first(ActionKind::Transmit);
        QVERIFY(a);
        const auto o = h.bytesOf(*a);
        QCOMPARE(be32(o, 38) >> 8, 5002u);                        // target VSID
        QCOMPARE(macText(o.data() + 42), std::string("00:1D:D8:B7:1C:26"));
        QCOMPARE(macText(o.data() + 48), router);
        QCOMPARE(o[42 + 14 + 8], std::uint8_t{63});                // TTL
        QCOMPARE(sum16(o.data() + 42 + 14, 20), std::uint16_t{0}); // checksum still valid
        // Local target: delivered with the rewritten MACs.
        h.fromPort("vm-a1/nic0", echoFrame(router.c_str(), kA1Mac, "10.1.1.8", "10.1.2.5", 64));
        QCOMPARE(h.deliveredTo(), std::vector<std::string>{"vm-a3/nic0"});
    }

    void ttlExpiryDropsAndSendsTimeExceeded()
    {
        Harness h(m_design);
        const std::string router = routerMacOf(h, "vmn-red");
        h.fromPort("vm-a1/nic0", echoFrame(router.c_str(), kA1Mac, "10.1.1.8", "10.1.2.6", 1));
        QCOMPARE(h.dropReason(), reason(DropReason::Ttl));
        const auto *a = h.first(ActionKind::Deliver);
        QVERIFY(a);
        QCOMPARE(h.snap->ports()[a->port].id, std::string("vm-a1/nic0"));
        const auto r = h.bytesOf(*a);
        QCOMPARE(r[14 + 9], std::uint8_t{1});     // ICMP
        QCOMPARE(r[14 + 20], std::uint8_t{11});   // time exceeded
        QCOMPARE(be32(r, 14 + 16), 0x0A010108u);  // to 10.1.1.8
    }

    void noRouteInTheRoutingDomainIsIsolation_data()
    {
        QTest::addColumn<QString>("dst");
        QTest::newRow("address only in Blue") << "10.9.9.9";
        QTest::newRow("nowhere") << "172.31.1.1";
    }
    void noRouteInTheRoutingDomainIsIsolation()
    {
        QFETCH(QString, dst);
        Harness h(m_design);
        const std::string router = routerMacOf(h, "vmn-red");
        const auto d = dst.toStdString();
        h.fromPort("vm-a1/nic0", echoFrame(router.c_str(), kA1Mac, "10.1.1.8", d.c_str()));
        QCOMPARE(h.dropReason(), reason(DropReason::Isolation));
        QCOMPARE(h.count(ActionKind::Transmit) + h.count(ActionKind::Deliver), std::size_t{0});
    }

    void gatewayPrefixGoesToTheGatewayRecord()
    {
        Harness h(m_design);
        const std::string router = routerMacOf(h, "vmn-blue");
        h.fromPort("vm-blue2/nic0", echoFrame(router.c_str(), "00:1D:D8:B7:2C:09", "10.9.9.9", "8.8.8.8"));
        const auto *a = h.first(ActionKind::Transmit);
        QVERIFY(a);
        QCOMPARE(a->peerHost, h.host("host-c"));
        const auto o = h.bytesOf(*a);
        QCOMPARE(be32(o, 38) >> 8, 6001u);
        // On host-c the gateway takes it, although no Blue VM lives there.
        Bytes outer;
        outer.v = o;
        h.fromProvider("host-c", outer);
        QCOMPARE(h.dropReason(), 0);
        QCOMPARE(h.count(ActionKind::ToGateway), std::size_t{1});
    }

    // ---- step 7: broadcast and multicast ----
    void broadcastIsReplicatedToLocalPortsAndEveryHostOfTheVsid()
    {
        Harness h(m_design);
        h.fromPort("vm-a1/nic0", frame(kBcast, kA1Mac, 0x0800, ipv4("10.1.1.8", "255.255.255.255", 17, udp(5000, 5000, Bytes().zeros(20)), 64, false)));
        QCOMPARE(h.dropReason(), 0);
        auto local = h.deliveredTo();
        std::sort(local.begin(), local.end());
        QCOMPARE(local, (std::vector<std::string>{"vm-a2/nic0", "vm-dhcp/nic0", "vm-spoof/nic0"}));
        std::vector<std::uint32_t> peers;
        for (const auto &a : h.out)
            if (a.kind == ActionKind::Transmit) {
                peers.push_back(a.peerHost);
                const auto o = h.bytesOf(a);
                QCOMPARE(be32(o, 38) >> 8, 5001u);
                QCOMPARE(macText(o.data() + 42), std::string(kBcast));
            }
        std::sort(peers.begin(), peers.end());
        QCOMPARE(peers, (std::vector<std::uint32_t>{h.host("host-b"), h.host("host-c")}));
    }

    void replicatedBroadcastReachesOnlyTheVsidOnTheReceiver()
    {
        Harness h(m_design);
        const Bytes inner = frame(kBcast, "00:1D:D8:B7:1C:09", 0x0800, ipv4("10.1.1.9", "255.255.255.255", 17, udp(5000, 5000, Bytes().zeros(20)), 64, false));
        h.fromProvider("host-a", nvgre("192.168.1.50", "192.168.1.10", 5001, inner));
        auto local = h.deliveredTo();
        std::sort(local.begin(), local.end());
        QCOMPARE(local, (std::vector<std::string>{"vm-a1/nic0", "vm-a2/nic0", "vm-dhcp/nic0", "vm-spoof/nic0"}));
        QCOMPARE(h.count(ActionKind::Transmit), std::size_t{0});
    }

    // ---- MTU ----
    void oversizeWithDfGetsFragmentationNeeded()
    {
        SnapshotOptions o;
        o.underlayMtu = 1500;
        Harness h(m_design, o);
        h.fromPort("vm-a1/nic0", echoFrame("00:1D:D8:B7:1C:09", kA1Mac, "10.1.1.8", "10.1.1.9", 64, 1500 - 28, true));
        QCOMPARE(h.dropReason(), reason(DropReason::Mtu));
        const auto *a = h.first(ActionKind::Deliver);
        QVERIFY(a);
        const auto r = h.bytesOf(*a);
        QCOMPARE(r[14 + 20], std::uint8_t{3});
        QCOMPARE(r[14 + 21], std::uint8_t{4});
        QCOMPARE(be16(r, 14 + 26), std::uint16_t{1458});
        // 1458 bytes of IP fit exactly.
        h.fromPort("vm-a1/nic0", echoFrame("00:1D:D8:B7:1C:09", kA1Mac, "10.1.1.8", "10.1.1.9", 64, 1458 - 28, true));
        QCOMPARE(h.dropReason(), 0);
        QCOMPARE(h.bytesOf(*h.first(ActionKind::Transmit)).size(), std::size_t{1500 + 14});
    }

    void oversizeWithoutDfIsFragmentedBeforeEncapsulation()
    {
        SnapshotOptions o;
        o.underlayMtu = 1500;
        Harness h(m_design, o);
        h.fromPort("vm-a1/nic0", echoFrame("00:1D:D8:B7:1C:09", kA1Mac, "10.1.1.8", "10.1.1.9", 64, 2000, false));
        QCOMPARE(h.dropReason(), 0);
        QCOMPARE(h.count(ActionKind::Transmit), std::size_t{2});
        std::size_t carried = 0;
        for (const auto &a : h.out) {
            const auto b = h.bytesOf(a);
            QVERIFY(b.size() - 14 <= 1500);
            QCOMPARE(be32(b, 38) >> 8, 5001u);
            carried += be16(b, 42 + 14 + 2) - 20;
        }
        QCOMPARE(carried, std::size_t{2008});
    }

    // A jumbo frame over a small provider MTU: every fragment goes out (an action each), and
    // past the fragments one call can hold the frame is dropped and counted, never lost.
    void manyFragmentsAllLeaveOrTheFrameIsCounted()
    {
        SnapshotOptions o;
        o.underlayMtu = 576; // 534 bytes of inner IPv4: 512 bytes of data a fragment
        Harness h(m_design, o);
        h.fromPort("vm-a1/nic0", echoFrame("00:1D:D8:B7:1C:09", kA1Mac, "10.1.1.8", "10.1.1.9", 64, 7000, false));
        QCOMPARE(h.dropReason(), 0);
        QCOMPARE(h.count(ActionKind::Transmit), std::size_t{14});
        std::size_t carried = 0;
        for (const auto &a : h.out)
            carried += be16(h.bytesOf(a), 42 + 14 + 2) - 20;
        QCOMPARE(carried, std::size_t{7008});
        h.fromPort("vm-a1/nic0", echoFrame("00:1D:D8:B7:1C:09", kA1Mac, "10.1.1.8", "10.1.1.9", 64, 9000, false));
        QCOMPARE(h.dropReason(), reason(DropReason::Mtu));
    }

    // ---- from the provider network ----
    void arpForOwnPaIsAnsweredFromThatNic()
    {
        Harness h(m_design);
        h.fromProvider("host-a", frame(kBcast, "00:15:5D:00:02:01", 0x0806, arp(1, "00:15:5D:00:02:01", "192.168.1.50", "00:00:00:00:00:00", "192.168.1.10")), 1);
        const auto *a = h.first(ActionKind::Transmit);
        QVERIFY(a);
        QCOMPARE(a->nic, std::uint16_t{1});
        const auto r = h.bytesOf(*a);
        QCOMPARE(macText(r.data() + 6), std::string("00:15:5D:00:01:02"));
        QCOMPARE(macText(r.data() + 14 + 8), std::string("00:15:5D:00:01:02"));
        h.fromProvider("host-a", frame(kBcast, "00:15:5D:00:02:01", 0x0806, arp(1, "00:15:5D:00:02:01", "192.168.1.50", "00:00:00:00:00:00", "192.168.1.77")));
        QCOMPARE(h.dropReason(), reason(DropReason::NoRoute));
    }

    void receiveChecks_data()
    {
        QTest::addColumn<Bytes>("f");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("deliveredTo");
        const Bytes good = echoFrame(kA1Mac, "00:1D:D8:B7:1C:09", "10.1.1.9", "10.1.1.8");
        QTest::newRow("valid") << nvgre("192.168.1.50", "192.168.1.10", 5001, good) << 0 << "vm-a1/nic0";
        QTest::newRow("checksum bit") << nvgre("192.168.1.50", "192.168.1.10", 5001, good, "00:15:5D:00:01:01", 0xA000) << reason(DropReason::BadGre) << "";
        QTest::newRow("sequence bit") << nvgre("192.168.1.50", "192.168.1.10", 5001, good, "00:15:5D:00:01:01", 0x3000) << reason(DropReason::BadGre) << "";
        QTest::newRow("no key") << nvgre("192.168.1.50", "192.168.1.10", 5001, good, "00:15:5D:00:01:01", 0x0000) << reason(DropReason::BadGre) << "";
        QTest::newRow("version 1") << nvgre("192.168.1.50", "192.168.1.10", 5001, good, "00:15:5D:00:01:01", 0x2001) << reason(DropReason::BadGre) << "";
        QTest::newRow("protocol IPv4") << nvgre("192.168.1.50", "192.168.1.10", 5001, good, "00:15:5D:00:01:01", 0x2000, 0x0800) << reason(DropReason::BadGre) << "";
        QTest::newRow("inner shorter than Ethernet") << nvgre("192.168.1.50", "192.168.1.10", 5001, Bytes().hex("00 1D D8 B7 1C 02 00 1D")) << reason(DropReason::BadGre) << "";
        Bytes tagged;
        tagged.mac(kA1Mac).mac("00:1D:D8:B7:1C:09").u16(0x8100).u16(5).u16(0x0800).append(ipv4("10.1.1.9", "10.1.1.8", 1, icmpEcho(8)));
        QTest::newRow("inner tagged") << nvgre("192.168.1.50", "192.168.1.10", 5001, tagged) << reason(DropReason::BadGre) << "";
        QTest::newRow("bad GRE before unknown VSID") << nvgre("192.168.1.50", "192.168.1.10", 7777, good, "00:15:5D:00:01:01", 0x3000) << reason(DropReason::BadGre) << "";
        QTest::newRow("VSID without local port") << nvgre("192.168.1.50", "192.168.1.10", 7777, good) << reason(DropReason::NoVsid) << "";
        QTest::newRow("VSID of the routing domain but not here") << nvgre("192.168.1.50", "192.168.1.10", 6002, good) << reason(DropReason::NoVsid) << "";
        QTest::newRow("unknown VSID before spoof check") << nvgre("192.168.9.9", "192.168.1.10", 7777, good) << reason(DropReason::NoVsid) << "";
        QTest::newRow("source CA at another PA") << nvgre("192.168.2.20", "192.168.1.10", 5001, good) << reason(DropReason::Spoofed) << "";
        QTest::newRow("source CA without record") << nvgre("192.168.1.50", "192.168.1.10", 5001,
                                                           echoFrame(kA1Mac, "00:1D:D8:B7:1C:09", "10.1.1.66", "10.1.1.8")) << reason(DropReason::Spoofed) << "";
        QTest::newRow("Blue VSID with Red's source") << nvgre("192.168.1.50", "192.168.1.10", 6001,
                                                             echoFrame("00:1D:D8:B7:2C:02", "00:1D:D8:B7:1C:09", "10.1.1.9", "10.1.1.8")) << reason(DropReason::Spoofed) << "";
        QTest::newRow("ARP sender checked too") << nvgre("192.168.1.50", "192.168.1.10", 5001,
                                                         frame(kBcast, "00:1D:D8:B7:1C:09", 0x0806, arp(1, "00:1D:D8:B7:1C:09", "10.1.1.66", "00:00:00:00:00:00", "10.1.1.8")))
                                                << reason(DropReason::Spoofed) << "";
        QTest::newRow("unicast to no local port") << nvgre("192.168.1.50", "192.168.1.10", 5001,
                                                           echoFrame("00:1D:D8:B7:1C:77", "00:1D:D8:B7:1C:09", "10.1.1.9", "10.1.1.77")) << reason(DropReason::NoRoute) << "";
        QTest::newRow("to a PA of another host") << nvgre("192.168.1.50", "192.168.1.11", 5001, good) << reason(DropReason::NoRoute) << "";
        QTest::newRow("plain UDP to the PA") << frame("00:15:5D:00:01:01", "00:15:5D:00:02:01", 0x0800, ipv4("192.168.1.50", "192.168.1.10", 17, udp(1, 2, Bytes().zeros(4))))
                                             << reason(DropReason::NoRoute) << "";
        QTest::newRow("malformed outer") << Bytes().hex("00 15 5D 00 01 01 00 15 5D 00 02 01 08 00 45 00") << reason(DropReason::Malformed) << "";
        QTest::newRow("gateway host is trusted for outside sources") << nvgre("192.168.2.20", "192.168.1.10", 6001,
                                                                             echoFrame("00:1D:D8:B7:2C:02", "06:00:00:00:00:01", "8.8.8.8", "10.1.1.8"))
                                                                     << 0 << "vm-blue1/nic0";
    }
    void receiveChecks()
    {
        QFETCH(Bytes, f);
        QFETCH(int, expected);
        QFETCH(QString, deliveredTo);
        Harness h(m_design);
        h.fromProvider("host-a", f);
        QCOMPARE(h.dropReason(), expected);
        if (!deliveredTo.isEmpty())
            QCOMPARE(h.deliveredTo(), std::vector<std::string>{deliveredTo.toStdString()});
        else
            QCOMPARE(h.deliveredTo().size(), std::size_t{0});
    }

    void encapsulatedFrameIsAcceptedByTheReceiver()
    {
        // Round trip through both pipelines.
        Harness h(m_design);
        h.fromPort("vm-b1/nic0", echoFrame(kA1Mac, "00:1D:D8:B7:1C:09", "10.1.1.9", "10.1.1.8"));
        Bytes wire;
        wire.v = h.bytesOf(*h.first(ActionKind::Transmit));
        h.fromProvider("host-a", wire);
        QCOMPARE(h.deliveredTo(), std::vector<std::string>{"vm-a1/nic0"});
        QCOMPARE(h.out[0].size(), wire.size() - 42);
    }

    // ---- teaming ----
    void hyperVPortPinsEachVnicAndFailsOver()
    {
        Harness h(m_design);
        auto nicFor = [&](const char *port, const char *src, const char *mac) {
            h.fromPort(port, echoFrame("00:1D:D8:B7:1C:09", mac, src, "10.1.1.9"));
            const auto *a = h.first(ActionKind::Transmit);
            return a ? int(a->nic) : -1;
        };
        const int a1 = nicFor("vm-a1/nic0", "10.1.1.8", kA1Mac);
        const int a2 = nicFor("vm-a2/nic0", "10.1.1.10", "00:1D:D8:B7:1C:10");
        QVERIFY(a1 >= 0 && a2 >= 0);
        QVERIFY(a1 != a2); // consecutive ports on two members
        QCOMPARE(nicFor("vm-a1/nic0", "10.1.1.8", kA1Mac), a1); // pinned
        h.ctx.nicDownMask = 1ull << a1;
        QCOMPARE(nicFor("vm-a1/nic0", "10.1.1.8", kA1Mac), a2);
        h.ctx.nicDownMask = 3;
        QCOMPARE(nicFor("vm-a1/nic0", "10.1.1.8", kA1Mac), -1);
        QCOMPARE(h.dropReason(), reason(DropReason::LinkDown));
    }

    void failoverAnnouncesPasFromTheRemainingMember()
    {
        Harness h(m_design);
        h.ctx.host = h.host("host-a");
        h.ctx.nicDownMask = 1;
        netvirt::emulator::forwarding::announce(h.ctx, h.out);
        QCOMPARE(h.out.size(), std::size_t{1});
        QCOMPARE(h.out[0].nic, std::uint16_t{1});
        const auto g = h.bytesOf(h.out[0]);
        QCOMPARE(macText(g.data()), std::string(kBcast));
        QCOMPARE(macText(g.data() + 6), std::string("00:15:5D:00:01:02"));
        QCOMPARE(be32(g, 14 + 14), 0xC0A8010Au);
        QCOMPARE(be32(g, 14 + 24), 0xC0A8010Au);
    }

    void addressHashSpreadsFlows()
    {
        const auto json = replaced(kDesign, "\"loadBalancing\": \"HyperVPort\"", "\"loadBalancing\": \"AddressHash\"");
        Harness h(loadDesign(json));
        std::set<int> used;
        for (int i = 0; i < 64; ++i) {
            Bytes u = udp(1000 + i, 2000, Bytes().zeros(8));
            h.fromPort("vm-a1/nic0", frame("00:1D:D8:B7:1C:09", kA1Mac, 0x0800, ipv4("10.1.1.8", "10.1.1.9", 17, u)));
            if (const auto *a = h.first(ActionKind::Transmit))
                used.insert(a->nic);
        }
        QCOMPARE(used.size(), std::size_t{2});
    }

    // ---- rate limit ----
    void maximumBandwidthDropsOverTheRate()
    {
        Harness h(m_design);
        netvirt::emulator::forwarding::RateState rate(*h.snap);
        h.ctx.rate = &rate;
        h.ctx.nowNs = 1'000'000'000;
        int dropped = 0;
        for (int i = 0; i < 20; ++i) {
            h.fromPort("vm-slow/nic0", echoFrame("00:1D:D8:B7:1C:09", "00:1D:D8:B7:1C:40", "10.1.1.40", "10.1.1.9", 64, 1000));
            dropped += h.dropReason() == reason(DropReason::RateLimit);
        }
        QVERIFY(dropped > 0);
        h.ctx.nowNs += 1'000'000'000; // a second later the bucket is full again
        h.fromPort("vm-slow/nic0", echoFrame("00:1D:D8:B7:1C:09", "00:1D:D8:B7:1C:40", "10.1.1.40", "10.1.1.9", 64, 1000));
        QCOMPARE(h.dropReason(), 0);
    }
};

QTEST_GUILESS_MAIN(TestForwarding)
#include "tst_forwarding.moc"
