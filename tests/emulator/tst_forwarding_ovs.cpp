// Interoperability: the four NVGRE frames Open vSwitch 3.1 emitted (captures/README.md) are
// accepted by a host with PA 192.168.1.10, VM 10.1.1.8 in VSID 5001 and a lookup record
// placing 10.1.1.9 at 192.168.1.50; with another VSID, PA or record the receive checks of
// FORWARDING.md name the drop reason.
#include <QtTest>

#include <netvirt/emulator/packet/pcap_file.h>

#include "forwarding_fixture.h"

using namespace fixture;
using netvirt::emulator::forwarding::ActionKind;
using netvirt::emulator::forwarding::DropReason;

namespace {

std::vector<Bytes> ovsFrames()
{
    const std::string path = std::string(NETVIRT_SHARED_DIR) + "/captures/ovs-nvgre-vsid5001.pcap";
    auto recs = netvirt::emulator::packet::PcapReader::readAll(path);
    if (!recs)
        qFatal("cannot read %s: %s", path.c_str(), recs.error().message.c_str());
    std::vector<Bytes> out;
    for (const auto &r : *recs) {
        Bytes b;
        b.v = r.bytes;
        out.push_back(std::move(b));
    }
    return out;
}

} // namespace

class TestForwardingOvs : public QObject {
    Q_OBJECT

private slots:
    void captureHoldsFourNvgreFrames()
    {
        const auto frames = ovsFrames();
        QCOMPARE(frames.size(), std::size_t{4});
        for (const auto &f : frames) {
            QCOMPARE(f.v[23], std::uint8_t{47});
            QCOMPARE((f.v[34] << 8) | f.v[35], 0x2000);
            QCOMPARE((f.v[36] << 8) | f.v[37], 0x6558);
        }
    }

    void acceptsAllFourFrames()
    {
        Harness h(loadDesign());
        const auto frames = ovsFrames();
        // Frame 1: ARP who-has 10.1.1.8 (inner broadcast) to every local port of VSID 5001.
        h.fromProvider("host-a", frames[0]);
        QCOMPARE(h.dropReason(), 0);
        auto local = h.deliveredTo();
        QVERIFY(std::find(local.begin(), local.end(), "vm-a1/nic0") != local.end());
        for (const auto &p : local)
            QCOMPARE(h.snap->ports()[h.port(p.c_str())].vsid, 5001u);
        // Frames 2-4: ICMP echo requests to 10.1.1.8.
        const std::size_t innerIpBytes[] = {84, 128, 128};
        for (int i = 1; i < 4; ++i) {
            h.fromProvider("host-a", frames[i]);
            QCOMPARE(h.dropReason(), 0);
            QCOMPARE(h.deliveredTo(), std::vector<std::string>{"vm-a1/nic0"});
            const auto inner = h.bytesOf(h.out[0]);
            QCOMPARE(inner[0], std::uint8_t{0x00});
            QCOMPARE(inner[5], std::uint8_t{0x02}); // 00:1D:D8:B7:1C:02
            QCOMPARE(std::size_t((inner[16] << 8) | inner[17]), innerIpBytes[i - 1]);
        }
    }

    void rejectsWithTheDocumentedReason_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<int>("arpReason");
        QTest::addColumn<int>("icmpReason");
        // Another VSID for the VM (nothing of 5001 on the host): no-vsid.
        QTest::newRow("other VSID") << "\"red-web\", \"prefix\": \"10.1.1.0/24\", \"vsid\": 5001"
                                    << "\"red-web\", \"prefix\": \"10.1.1.0/24\", \"vsid\": 5003"
                                    << reason(DropReason::NoVsid) << reason(DropReason::NoVsid);
        // Another PA for the host: the frames are not addressed to it.
        QTest::newRow("other PA") << "\"providerAddresses\": [\"192.168.1.10\"]"
                                  << "\"providerAddresses\": [\"192.168.1.12\"]"
                                  << reason(DropReason::NoRoute) << reason(DropReason::NoRoute);
        // The record places 10.1.1.9 elsewhere: spoofed.
        QTest::newRow("record at another PA") << "\"providerAddresses\": [\"192.168.1.50\"]"
                                              << "\"providerAddresses\": [\"192.168.1.51\"]"
                                              << reason(DropReason::Spoofed) << reason(DropReason::Spoofed);
        // No record for 10.1.1.9 at all.
        QTest::newRow("no record") << "\"ip\": \"10.1.1.9\"" << "\"ip\": \"10.1.1.19\""
                                   << reason(DropReason::Spoofed) << reason(DropReason::Spoofed);
        // 10.1.1.8 is not on the host any more: the ARP still floods VSID 5001, the echo has nowhere to go.
        QTest::newRow("no VM 10.1.1.8") << "\"mac\": \"00:1D:D8:B7:1C:02\", \"ipMode\": \"Static\", \"ip\": \"10.1.1.8\""
                                        << "\"mac\": \"00:1D:D8:B7:1C:72\", \"ipMode\": \"Static\", \"ip\": \"10.1.1.18\""
                                        << 0 << reason(DropReason::NoRoute);
    }
    void rejectsWithTheDocumentedReason()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(int, arpReason);
        QFETCH(int, icmpReason);
        Harness h(loadDesign(replaced(kDesign, from.toStdString(), to.toStdString())));
        const auto frames = ovsFrames();
        h.fromProvider("host-a", frames[0]);
        QCOMPARE(h.dropReason(), arpReason);
        for (int i = 1; i < 4; ++i) {
            h.fromProvider("host-a", frames[i]);
            QCOMPARE(h.dropReason(), icmpReason);
            if (icmpReason != 0)
                QCOMPARE(h.count(ActionKind::Deliver), std::size_t{0});
        }
    }
};

QTEST_GUILESS_MAIN(TestForwardingOvs)
#include "tst_forwarding_ovs.moc"
