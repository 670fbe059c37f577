// NVGRE frames from our builders, written with our pcap writer, decoded by an independent
// implementation (Wireshark's tshark): GRE key, protocol 0x6558, outer and inner addresses,
// IP checksums. Without tshark the test is skipped, except in CI (CI=true), where it fails.
#include <netvirt/emulator/packet/packet.h>
#include <netvirt/emulator/packet/pcap_file.h>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace netvirt::emulator::packet;

namespace {

constexpr MacAddr kVm9Mac{{0x00, 0x1D, 0xD8, 0xB7, 0x1C, 0x09}};
constexpr MacAddr kVm8Mac{{0x00, 0x1D, 0xD8, 0xB7, 0x1C, 0x02}};
constexpr Ipv4Addr kCa9 = ipv4(10, 1, 1, 9);
constexpr Ipv4Addr kCa8 = ipv4(10, 1, 1, 8);

enum class Inner { IcmpEcho = 1, Udp, TcpSyn, Arp, FullSize };

bool buildInner(FrameBuffer &buf, Inner kind)
{
    Ipv4Endpoints e;
    e.srcMac = kVm9Mac;
    e.dstMac = kVm8Mac;
    e.srcIp = kCa9;
    e.dstIp = kCa8;
    const std::uint8_t data[] = {'n', 'e', 't', 'v', 'i', 'r', 't', '!'};
    switch (kind) {
    case Inner::IcmpEcho: return buildIcmpEcho(buf, e, false, 0x5f2e, 1, data);
    case Inner::Udp: return buildUdp(buf, e, 40000, 53, data);
    case Inner::TcpSyn: return buildTcpSyn(buf, e, 49152, 443, 12345);
    case Inner::Arp: return buildArpRequest(buf, kVm9Mac, kCa9, kCa8);
    case Inner::FullSize: {
        // The largest inner IP packet a 1500-byte provider MTU carries: 1458 bytes.
        static std::uint8_t payload[1458 - 20 - 8] = {};
        e.dontFragment = true;
        return buildIcmpEcho(buf, e, false, 7, 7, payload);
    }
    }
    return false;
}

} // namespace

class TestCaptureInterop final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void tsharkDecodesNvgre_data();
    void tsharkDecodesNvgre();

private:
    QString m_tshark;
};

void TestCaptureInterop::initTestCase()
{
    m_tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
    if (m_tshark.isEmpty()) {
        if (qEnvironmentVariable("CI") == QLatin1String("true"))
            QFAIL("tshark is not installed, but CI=true: CI installs it (scripts/deps.sh), so this is a broken CI image");
        QSKIP("tshark (Wireshark) is not installed: install the tshark package to check NVGRE interoperability");
    }
}

void TestCaptureInterop::tsharkDecodesNvgre_data()
{
    QTest::addColumn<int>("inner");
    QTest::addColumn<quint32>("vsid");
    QTest::addColumn<QString>("innerProtocols");
    QTest::addColumn<QString>("ipSrc");
    QTest::addColumn<QString>("ipDst");

    const QString outerAndInnerSrc = QStringLiteral("192.168.1.50,10.1.1.9");
    const QString outerAndInnerDst = QStringLiteral("192.168.1.10,10.1.1.8");
    QTest::newRow("icmp-echo") << int(Inner::IcmpEcho) << 5001u << "gre:eth:ethertype:ip:icmp" << outerAndInnerSrc << outerAndInnerDst;
    QTest::newRow("udp") << int(Inner::Udp) << 0x123456u << "gre:eth:ethertype:ip:udp" << outerAndInnerSrc << outerAndInnerDst;
    QTest::newRow("tcp-syn") << int(Inner::TcpSyn) << 1u << "gre:eth:ethertype:ip:tcp" << outerAndInnerSrc << outerAndInnerDst;
    QTest::newRow("arp") << int(Inner::Arp) << 0xFFFFFFu << "gre:eth:ethertype:arp" << QStringLiteral("192.168.1.50")
                         << QStringLiteral("192.168.1.10");
    QTest::newRow("full-size") << int(Inner::FullSize) << 5001u << "gre:eth:ethertype:ip:icmp" << outerAndInnerSrc << outerAndInnerDst;
}

void TestCaptureInterop::tsharkDecodesNvgre()
{
    QFETCH(int, inner);
    QFETCH(quint32, vsid);
    QFETCH(QString, innerProtocols);
    QFETCH(QString, ipSrc);
    QFETCH(QString, ipDst);

    FrameBuffer buf;
    QVERIFY(buildInner(buf, Inner(inner)));
    const ParsedFrame innerParsed = parseFrame(buf.cdata());
    QVERIFY(innerParsed.ok());
    NvgreEncapV4 p;
    p.outerSrcMac = MacAddr{{0x36, 0x87, 0xE6, 0xA8, 0x13, 0x4F}};
    p.outerDstMac = MacAddr{{0x00, 0x15, 0x5D, 0x00, 0x01, 0x01}};
    p.outerSrc = ipv4(192, 168, 1, 50);
    p.outerDst = ipv4(192, 168, 1, 10);
    p.vsid = vsid;
    p.flowId = flowId(buf.cdata(), innerParsed);
    QVERIFY(encapsulateNvgre(buf, p));
    if (Inner(inner) == Inner::FullSize)
        QCOMPARE(buf.size(), std::size_t(1514));  // exactly a 1500-byte provider MTU

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("nvgre.pcap"));
    {
        auto writer = PcapWriter::open(file.toStdString());
        QVERIFY2(writer.ok(), writer.ok() ? "" : writer.error().message.c_str());
        writer->write(buf.cdata(), 1700000000000000ull);
    }

    QProcess tshark;
    tshark.start(m_tshark, {QStringLiteral("-r"), file, QStringLiteral("-o"), QStringLiteral("ip.check_checksum:TRUE"),
                            QStringLiteral("-T"), QStringLiteral("fields"),
                            QStringLiteral("-e"), QStringLiteral("gre.key"), QStringLiteral("-e"), QStringLiteral("gre.proto"),
                            QStringLiteral("-e"), QStringLiteral("ip.src"), QStringLiteral("-e"), QStringLiteral("ip.dst"),
                            QStringLiteral("-e"), QStringLiteral("gre.flags_and_version"),
                            QStringLiteral("-e"), QStringLiteral("frame.protocols"),
                            QStringLiteral("-e"), QStringLiteral("ip.checksum.status")});
    QVERIFY2(tshark.waitForFinished(120000), "tshark did not finish within 120 s");
    const QByteArray err = tshark.readAllStandardError();
    QVERIFY2(tshark.exitStatus() == QProcess::NormalExit && tshark.exitCode() == 0, err.constData());
    const QStringList lines = QString::fromUtf8(tshark.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    const QStringList f = lines.first().split(QLatin1Char('\t'));
    QCOMPARE(f.size(), 7);

    const QString key = QStringLiteral("0x%1").arg(nvgreKey(vsid, p.flowId), 8, 16, QLatin1Char('0'));
    QCOMPARE(f[0], key);
    QCOMPARE(f[1], QStringLiteral("0x6558"));
    QCOMPARE(f[2], ipSrc);
    QCOMPARE(f[3], ipDst);
    QCOMPARE(f[4], QStringLiteral("0x2000"));
    QVERIFY2(f[5].startsWith(QStringLiteral("eth:ethertype:ip:") + innerProtocols), qPrintable(f[5]));
    // Wireshark's verdict on each IPv4 header checksum: 1 = good.
    for (const QString &status : f[6].split(QLatin1Char(',')))
        QCOMPARE(status, QStringLiteral("1"));
}

QTEST_GUILESS_MAIN(TestCaptureInterop)
#include "tst_capture_interop.moc"
