// The packet layer against frames written byte by byte from the RFC layouts (hex below), not
// by the code under test; checksums in them were computed independently. Also checks the
// builders, NVGRE encapsulation into headroom and decapsulation of Open vSwitch's frames.
#include <netvirt/emulator/packet/packet.h>
#include <netvirt/emulator/packet/pcap_file.h>

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cstring>
#include <vector>

using namespace netvirt::emulator::packet;

namespace {

using Bytes = std::vector<std::uint8_t>;

ConstBytes cspan(const QByteArray &a)
{
    return ConstBytes(reinterpret_cast<const std::uint8_t *>(a.constData()), static_cast<std::size_t>(a.size()));
}
ConstBytes cspan(const Bytes &b) { return ConstBytes(b.data(), b.size()); }
MutBytes mspan(Bytes &b) { return MutBytes(b.data(), b.size()); }
Bytes toBytes(const QByteArray &a) { return Bytes(a.begin(), a.end()); }
// Hex with spaces and '|' between fields (QByteArray::fromHex skips non-hex characters).
QByteArray hx(const char *text) { return QByteArray::fromHex(QByteArray(text)); }
QByteArray zeros(int n) { return QByteArray(n, '\0'); }
QByteArray patched(QByteArray frame, int offset, const char *hexBytes)
{
    const QByteArray b = hx(hexBytes);
    frame.replace(offset, b.size(), b);
    return frame;
}

// Independent reference: RFC 1071 as literally as it reads.
quint16 refChecksum(ConstBytes b)
{
    quint32 sum = 0;
    for (std::size_t i = 0; i + 1 < b.size(); i += 2)
        sum += quint32(b[i]) << 8 | b[i + 1];
    if (b.size() % 2)
        sum += quint32(b[b.size() - 1]) << 8;
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return quint16(~sum);
}
quint16 refL4ChecksumV4(ConstBytes ipPacket)
{
    const std::size_t ihl = (ipPacket[0] & 0x0F) * 4;
    QByteArray pseudo;
    pseudo.append(reinterpret_cast<const char *>(ipPacket.data() + 12), 8);
    pseudo.append(char(0));
    pseudo.append(char(ipPacket[9]));
    const quint16 len = quint16(ipPacket.size() - ihl);
    pseudo.append(char(len >> 8));
    pseudo.append(char(len & 0xFF));
    pseudo.append(reinterpret_cast<const char *>(ipPacket.data() + ihl), len);
    return refChecksum(cspan(pseudo));
}
bool sameOnesComplement(quint16 a, quint16 b) { return a == b || ((a == 0 || a == 0xFFFF) && (b == 0 || b == 0xFFFF)); }

constexpr MacAddr kVm9Mac{{0x00, 0x1D, 0xD8, 0xB7, 0x1C, 0x09}};
constexpr MacAddr kVm8Mac{{0x00, 0x1D, 0xD8, 0xB7, 0x1C, 0x02}};
constexpr Ipv4Addr kCa9 = ipv4(10, 1, 1, 9);
constexpr Ipv4Addr kCa8 = ipv4(10, 1, 1, 8);

// --- frames, field by field ------------------------------------------------------------
// ARP request (RFC 826): who-has 10.1.1.8 tell 10.1.1.9. 42 bytes.
const char *kArpRequest =
    "ff ff ff ff ff ff | 00 1d d8 b7 1c 09 | 08 06"
    "00 01 | 08 00 | 06 | 04 | 00 01"
    "00 1d d8 b7 1c 09 | 0a 01 01 09"
    "00 00 00 00 00 00 | 0a 01 01 08";
// IPv4 (DF, TTL 64, id 0x1234) ICMP echo request id 1 seq 2, data "abcdefgh". 50 bytes.
const char *kIcmpEcho =
    "00 1d d8 b7 1c 02 | 00 1d d8 b7 1c 09 | 08 00"
    "45 00 00 24 | 12 34 40 00 | 40 01 12 93 | 0a 01 01 09 | 0a 01 01 08"
    "08 00 66 67 | 00 01 00 02 | 61 62 63 64 65 66 67 68";
// IPv4 with IHL 6 (router alert option), UDP 12345 -> 53, 8 bytes of data. 54 bytes.
const char *kUdpWithOptions =
    "00 1d d8 b7 1c 02 | 00 1d d8 b7 1c 09 | 08 00"
    "46 00 00 28 | 00 00 00 00 | 40 11 cf ae | 0a 01 01 09 | 0a 01 01 08 | 94 04 00 00"
    "30 39 00 35 | 00 10 a9 39 | 01 02 03 04 05 06 07 08";
// IPv4 TCP SYN 49152 -> 80, seq 1, data offset 6 with an MSS option. 58 bytes.
const char *kTcpSyn =
    "00 1d d8 b7 1c 02 | 00 1d d8 b7 1c 09 | 08 00"
    "45 00 00 2c | 00 00 40 00 | 40 06 24 ba | 0a 01 01 09 | 0a 01 01 08"
    "c0 00 00 50 | 00 00 00 01 | 00 00 00 00 | 60 02 fa f0 | c6 d1 00 00 | 02 04 05 b4";
// First IPv4 fragment (MF) of a UDP datagram, 8 bytes of data. 42 bytes.
const char *kIpv4Fragment =
    "00 1d d8 b7 1c 02 | 00 1d d8 b7 1c 09 | 08 00"
    "45 00 00 1c | ab cd 20 00 | 40 11 98 f1 | 0a 01 01 09 | 0a 01 01 08"
    "11 22 33 44 55 66 77 88";
// IPv6 neighbour solicitation fe80::21d:d8ff:feb7:1c09 -> ff02::1:ff00:8 for fd00::8, SLLA. 86 bytes.
const char *kNeighborSolicitation =
    "33 33 ff 00 00 08 | 00 1d d8 b7 1c 09 | 86 dd"
    "60 00 00 00 | 00 20 3a ff"
    "fe 80 00 00 00 00 00 00 02 1d d8 ff fe b7 1c 09"
    "ff 02 00 00 00 00 00 00 00 00 00 01 ff 00 00 08"
    "87 00 93 51 | 00 00 00 00 | fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 08"
    "01 01 00 1d d8 b7 1c 09";
// Neighbour advertisement (solicited, override) of fd00::8 with TLLA 00:1d:d8:b7:1c:02. 86 bytes.
const char *kNeighborAdvertisement =
    "00 1d d8 b7 1c 09 | 00 1d d8 b7 1c 02 | 86 dd"
    "60 00 00 00 | 00 20 3a ff"
    "fe 80 00 00 00 00 00 00 02 1d d8 ff fe b7 1c 02"
    "fe 80 00 00 00 00 00 00 02 1d d8 ff fe b7 1c 09"
    "88 00 3b 0d | 60 00 00 00 | fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 08"
    "02 01 00 1d d8 b7 1c 02";
// Router advertisement fe80::1 -> ff02::1, hop limit 64, lifetime 1800 s, no options. 70 bytes.
const char *kRouterAdvertisement =
    "33 33 00 00 00 01 | 00 15 5d 00 00 01 | 86 dd"
    "60 00 00 00 | 00 10 3a ff"
    "fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 01"
    "ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 01"
    "86 00 35 27 | 40 00 07 08 | 00 00 00 00 | 00 00 00 00";
// IPv6 UDP fd00::9:1234 -> fd00::8:5678, 4 bytes. 66 bytes.
const char *kUdp6 =
    "00 1d d8 b7 1c 02 | 00 1d d8 b7 1c 09 | 86 dd"
    "60 00 00 00 | 00 0c 11 40"
    "fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 09"
    "fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 08"
    "04 d2 16 2e | 00 0c 4d 26 | de ad be ef";
// Open vSwitch's first NVGRE frame, as the README documents it: outer IPv4 192.168.1.50 ->
// 192.168.1.10 DF TTL 64, GRE 0x2000 0x6558 key 0x00138900, inner = kArpRequest. 84 bytes.
const char *kNvgreOuter =
    "00 15 5d 00 01 01 | 36 87 e6 a8 13 4f | 08 00"
    "45 00 00 46 | 00 00 40 00 | 40 2f b6 fc | c0 a8 01 32 | c0 a8 01 0a"
    "20 00 65 58 | 00 13 89 00";
// LLDP: an EtherType the packet layer does not parse.
const char *kLldp = "01 80 c2 00 00 0e | 00 15 5d 00 00 01 | 88 cc | 02 07 04 00 15 5d 00 00 01";
// A 28-byte IPv4 ICMP echo padded to the 60-byte Ethernet minimum.
const char *kPaddedEcho =
    "00 1d d8 b7 1c 02 | 00 1d d8 b7 1c 09 | 08 00"
    "45 00 00 1c | 00 00 00 00 | 40 01 64 cf | 0a 01 01 09 | 0a 01 01 08"
    "08 00 f7 f7 | 00 07 00 01"
    "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00";

// DHCP (RFC 2131) DISCOVER from 00:1d:d8:b7:1c:09 and OFFER of 10.1.1.9 from 10.1.1.1, both
// with a 250-byte BOOTP message (236 fixed + cookie + 10 bytes of options).
QByteArray dhcpDiscover()
{
    return hx("ff ff ff ff ff ff | 00 1d d8 b7 1c 09 | 08 00"
              "45 00 01 16 | 00 00 00 00 | 40 11 79 d8 | 00 00 00 00 | ff ff ff ff"
              "00 44 00 43 | 01 02 00 00"
              "01 01 06 00 | 39 03 f3 26 | 00 00 80 00"
              "00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00"
              "00 1d d8 b7 1c 09 00 00 00 00 00 00 00 00 00 00")
        + zeros(64 + 128) + hx("63 82 53 63 | 35 01 01 | ff | 00 00 00 00 00 00");
}
QByteArray dhcpOffer()
{
    return hx("ff ff ff ff ff ff | 00 15 5d 00 00 01 | 08 00"
              "45 00 01 16 | 00 00 00 00 | 40 11 6e d6 | 0a 01 01 01 | ff ff ff ff"
              "00 43 00 44 | 01 02 00 00"
              "02 01 06 00 | 39 03 f3 26 | 00 00 80 00"
              "00 00 00 00 | 0a 01 01 09 | 00 00 00 00 | 00 00 00 00"
              "00 1d d8 b7 1c 09 00 00 00 00 00 00 00 00 00 00")
        + zeros(64 + 128) + hx("63 82 53 63 | 35 01 02 | 36 04 0a 01 01 01 | ff");
}
QByteArray nvgreFrame() { return hx(kNvgreOuter) + hx(kArpRequest); }

} // namespace

class TestPacket final : public QObject {
    Q_OBJECT

private slots:
    void parsesEachProtocol_data();
    void parsesEachProtocol();
    void everyTruncationIsMalformed_data();
    void everyTruncationIsMalformed();
    void rejectsInconsistentLengths_data();
    void rejectsInconsistentLengths();
    void rejectsTaggedFrames_data();
    void rejectsTaggedFrames();
    void readsArpAndIpv4Fields();
    void readsTransportFields();
    void readsNeighborDiscovery();
    void writableViewsUpdateChecksums();
    void classifiesDhcp_data();
    void classifiesDhcp();
    void classifiesGuardedMessages_data();
    void classifiesGuardedMessages();
    void checksumKnownVectors();
    void checksumMatchesReferenceOnRandomData();
    void incrementalChecksumEqualsFullRecompute();
    void udpZeroChecksumStaysZero();
    void classifiesGre_data();
    void classifiesGre();
    void nvgreHeaderBytesAreExact();
    void encapsulationDoesNotMovePayload();
    void encapsulatesOverIpv6();
    void refusesEncapsulationWithoutRoom();
    void decapsulatesOpenVswitchFrames();
    void buildsArpExactly();
    void buildsIcmpEchoExactly();
    void buildsIcmpErrorsQuotingOriginal();
    void buildsIcmpv6Messages();
    void buildsUdpAndTcpSyn();
    void buildsDhcpReply();
    void fragmentsIpv4();
    void frameBufferStaysInBounds();
    void flowIdIsStableAndSpread();
    void pcapRoundTrip();
    void pcapReportsErrors();
};

void TestPacket::parsesEachProtocol_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("l3");
    QTest::addColumn<int>("l4");
    QTest::addColumn<int>("ipProtocol");
    QTest::addColumn<QList<int>>("offsets");  // l3Offset l3Bytes l4Offset l4Bytes payloadOffset payloadBytes
    QTest::addColumn<bool>("fragment");

    const int arp = int(L3Kind::Arp), v4 = int(L3Kind::Ipv4), v6 = int(L3Kind::Ipv6), oth3 = int(L3Kind::Other);
    QTest::newRow("arp") << hx(kArpRequest) << arp << int(L4Kind::None) << 0 << QList<int>{14, 28, 0, 0, 0, 0} << false;
    QTest::newRow("icmp-echo") << hx(kIcmpEcho) << v4 << int(L4Kind::Icmp) << 1 << QList<int>{14, 36, 34, 16, 42, 8} << false;
    QTest::newRow("udp-ihl6") << hx(kUdpWithOptions) << v4 << int(L4Kind::Udp) << 17 << QList<int>{14, 40, 38, 16, 46, 8} << false;
    QTest::newRow("tcp-syn") << hx(kTcpSyn) << v4 << int(L4Kind::Tcp) << 6 << QList<int>{14, 44, 34, 24, 58, 0} << false;
    QTest::newRow("ipv4-fragment") << hx(kIpv4Fragment) << v4 << int(L4Kind::Other) << 17 << QList<int>{14, 28, 34, 8, 34, 8} << true;
    QTest::newRow("nd-solicit") << hx(kNeighborSolicitation) << v6 << int(L4Kind::Icmpv6) << 58 << QList<int>{14, 72, 54, 32, 62, 24} << false;
    QTest::newRow("nd-advert") << hx(kNeighborAdvertisement) << v6 << int(L4Kind::Icmpv6) << 58 << QList<int>{14, 72, 54, 32, 62, 24} << false;
    QTest::newRow("router-advert") << hx(kRouterAdvertisement) << v6 << int(L4Kind::Icmpv6) << 58 << QList<int>{14, 56, 54, 16, 62, 8} << false;
    QTest::newRow("udp6") << hx(kUdp6) << v6 << int(L4Kind::Udp) << 17 << QList<int>{14, 52, 54, 12, 62, 4} << false;
    QTest::newRow("dhcp-discover") << dhcpDiscover() << v4 << int(L4Kind::Udp) << 17 << QList<int>{14, 278, 34, 258, 42, 250} << false;
    QTest::newRow("dhcp-offer") << dhcpOffer() << v4 << int(L4Kind::Udp) << 17 << QList<int>{14, 278, 34, 258, 42, 250} << false;
    QTest::newRow("nvgre") << nvgreFrame() << v4 << int(L4Kind::Gre) << 47 << QList<int>{14, 70, 34, 50, 34, 50} << false;
    QTest::newRow("lldp") << hx(kLldp) << oth3 << int(L4Kind::None) << 0 << QList<int>{14, 9, 0, 0, 0, 0} << false;
    QTest::newRow("padded-echo") << hx(kPaddedEcho) << v4 << int(L4Kind::Icmp) << 1 << QList<int>{14, 28, 34, 8, 42, 0} << false;
}

void TestPacket::parsesEachProtocol()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, l3);
    QFETCH(int, l4);
    QFETCH(int, ipProtocol);
    QFETCH(QList<int>, offsets);
    QFETCH(bool, fragment);

    const ParsedFrame pf = parseFrame(cspan(frame));
    QCOMPARE(pf.status, ParseStatus::Ok);
    QCOMPARE(pf.error, ParseError::None);
    QCOMPARE(int(pf.l3), l3);
    QCOMPARE(int(pf.l4), l4);
    QCOMPARE(int(pf.ipProtocol), ipProtocol);
    QCOMPARE(pf.frameBytes, quint32(frame.size()));
    const QList<int> got{int(pf.l3Offset), int(pf.l3Bytes), int(pf.l4Offset), int(pf.l4Bytes),
                         int(pf.payloadOffset), int(pf.payloadBytes)};
    QCOMPARE(got, offsets);
    QCOMPARE(pf.fragment, fragment);
}

void TestPacket::everyTruncationIsMalformed_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("minValidBytes");  // shorter prefixes are malformed, longer ones not

    QTest::newRow("arp") << hx(kArpRequest) << 42;
    QTest::newRow("icmp-echo") << hx(kIcmpEcho) << 50;
    QTest::newRow("udp-ihl6") << hx(kUdpWithOptions) << 54;
    QTest::newRow("tcp-syn") << hx(kTcpSyn) << 58;
    QTest::newRow("ipv4-fragment") << hx(kIpv4Fragment) << 42;
    QTest::newRow("nd-solicit") << hx(kNeighborSolicitation) << 86;
    QTest::newRow("nd-advert") << hx(kNeighborAdvertisement) << 86;
    QTest::newRow("router-advert") << hx(kRouterAdvertisement) << 70;
    QTest::newRow("udp6") << hx(kUdp6) << 66;
    QTest::newRow("dhcp-discover") << dhcpDiscover() << 292;
    QTest::newRow("nvgre") << nvgreFrame() << 84;
    QTest::newRow("lldp") << hx(kLldp) << 14;
    QTest::newRow("padded-echo") << hx(kPaddedEcho) << 42;
}

void TestPacket::everyTruncationIsMalformed()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, minValidBytes);
    QCOMPARE(parseFrame(cspan(frame)).status, ParseStatus::Ok);
    for (int n = 0; n <= frame.size(); ++n) {
        // A copy of exactly n bytes, so ASan sees any read past it.
        const Bytes prefix(frame.begin(), frame.begin() + n);
        const ParsedFrame pf = parseFrame(cspan(prefix));
        const ParseStatus want = n < minValidBytes ? ParseStatus::Malformed : ParseStatus::Ok;
        QVERIFY2(pf.status == want, qPrintable(QStringLiteral("length %1: status %2").arg(n).arg(int(pf.status))));
        if (pf.status == ParseStatus::Malformed)
            QVERIFY(pf.error != ParseError::None);
    }
}

void TestPacket::rejectsInconsistentLengths_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("error");

    const QByteArray echo = hx(kIcmpEcho);
    QTest::newRow("ethernet-13-bytes") << echo.left(13) << int(ParseError::EthernetTruncated);
    QTest::newRow("ipv4-ihl-4") << patched(echo, 14, "44") << int(ParseError::Ipv4BadIhl);
    QTest::newRow("ipv4-ihl-past-end") << patched(echo, 14, "4f") << int(ParseError::Ipv4Truncated);
    QTest::newRow("ipv4-version-6") << patched(echo, 14, "65") << int(ParseError::Ipv4BadVersion);
    QTest::newRow("ipv4-total-past-end") << patched(echo, 16, "00 25") << int(ParseError::Ipv4BadTotalLength);
    QTest::newRow("ipv4-total-below-header") << patched(echo, 16, "00 10") << int(ParseError::Ipv4BadTotalLength);
    QTest::newRow("icmp-4-bytes") << patched(echo, 16, "00 18").left(14 + 24) << int(ParseError::IcmpTruncated);
    const QByteArray udp = hx(kUdpWithOptions);
    QTest::newRow("udp-length-past-end") << patched(udp, 42, "00 11") << int(ParseError::UdpBadLength);
    QTest::newRow("udp-length-below-8") << patched(udp, 42, "00 07") << int(ParseError::UdpBadLength);
    const QByteArray tcp = hx(kTcpSyn);
    QTest::newRow("tcp-offset-4") << patched(tcp, 46, "40") << int(ParseError::TcpBadDataOffset);
    QTest::newRow("tcp-offset-past-end") << patched(tcp, 46, "70") << int(ParseError::TcpBadDataOffset);
    const QByteArray ns = hx(kNeighborSolicitation);
    QTest::newRow("ipv6-payload-past-end") << patched(ns, 18, "00 21") << int(ParseError::Ipv6BadPayloadLength);
    QTest::newRow("ipv6-version-4") << patched(ns, 14, "40") << int(ParseError::Ipv6BadVersion);
    QTest::newRow("ns-shorter-than-24") << patched(ns, 18, "00 10").left(14 + 40 + 16) << int(ParseError::Icmpv6Truncated);
    const QByteArray arp = hx(kArpRequest);
    QTest::newRow("arp-htype-6") << patched(arp, 14, "00 06") << int(ParseError::ArpNotEthernetIpv4);
    QTest::newRow("arp-plen-16") << patched(arp, 19, "10") << int(ParseError::ArpNotEthernetIpv4);
    QTest::newRow("tag-truncated") << patched(echo, 12, "81 00").left(16) << int(ParseError::TagTruncated);
}

void TestPacket::rejectsInconsistentLengths()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, error);
    const Bytes exact = toBytes(frame);
    const ParsedFrame pf = parseFrame(cspan(exact));
    QCOMPARE(pf.status, ParseStatus::Malformed);
    QCOMPARE(int(pf.error), error);
}

void TestPacket::rejectsTaggedFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("vlanId");
    const QByteArray echo = hx(kIcmpEcho);
    QTest::newRow("802.1q-vlan-100") << echo.left(12) + hx("81 00 00 64 08 00") + echo.mid(14) << 100;
    QTest::newRow("802.1ad-vlan-10") << echo.left(12) + hx("88 a8 20 0a 81 00 00 64 08 00") + echo.mid(14) << 10;
    QTest::newRow("tag-only") << echo.left(12) + hx("81 00 0f ff 08 00") << 4095;
}

void TestPacket::rejectsTaggedFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, vlanId);
    const ParsedFrame pf = parseFrame(cspan(frame));
    QCOMPARE(pf.status, ParseStatus::Tagged);
    QCOMPARE(int(pf.vlanId), vlanId);
    QCOMPARE(pf.l3, L3Kind::None);
    QVERIFY(EthernetView::from(cspan(frame))->isTagged());
}

void TestPacket::readsArpAndIpv4Fields()
{
    const QByteArray arpFrame = hx(kArpRequest);
    const ConstBytes a = cspan(arpFrame);
    const ParsedFrame pa = parseFrame(a);
    QVERIFY(pa.ethernet(a).dst().isBroadcast());
    QCOMPARE(pa.ethernet(a).src(), kVm9Mac);
    QCOMPARE(pa.ethernet(a).etherType(), ether_type::kArp);
    const ArpView arp = pa.arp(a);
    QVERIFY(arp.isRequest());
    QCOMPARE(arp.senderMac(), kVm9Mac);
    QCOMPARE(arp.senderIp(), kCa9);
    QVERIFY(arp.targetMac().isZero());
    QCOMPARE(arp.targetIp(), kCa8);
    QVERIFY(!arp.isGratuitous());
    QVERIFY(!ArpView::from(a.subspan(14, 27)));

    const QByteArray echoFrame = hx(kIcmpEcho);
    const ConstBytes e = cspan(echoFrame);
    const ParsedFrame pe = parseFrame(e);
    const Ipv4View ip = pe.ipv4(e);
    QCOMPARE(int(ip.version()), 4);
    QCOMPARE(ip.headerBytes(), std::size_t(20));
    QCOMPARE(ip.totalLength(), quint16(36));
    QCOMPARE(ip.identification(), quint16(0x1234));
    QVERIFY(ip.dontFragment());
    QVERIFY(!ip.moreFragments());
    QVERIFY(!ip.isFragment());
    QCOMPARE(int(ip.ttl()), 64);
    QCOMPARE(int(ip.protocol()), 1);
    QCOMPARE(ip.headerChecksum(), quint16(0x1293));
    QVERIFY(ip.checksumValid());
    QCOMPARE(ip.src(), kCa9);
    QCOMPARE(ip.dst(), kCa8);
    const IcmpView icmp = pe.icmp(e);
    QVERIFY(icmp.isEchoRequest());
    QCOMPARE(icmp.identifier(), quint16(1));
    QCOMPARE(icmp.sequence(), quint16(2));
    QVERIFY(icmp.checksumValid());
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(icmp.body().data()), int(icmp.body().size())), QByteArray("abcdefgh"));

    const QByteArray fragFrame = hx(kIpv4Fragment);
    const ConstBytes f = cspan(fragFrame);
    const Ipv4View fip = parseFrame(f).ipv4(f);
    QVERIFY(fip.isFragment());
    QVERIFY(fip.moreFragments());
    QVERIFY(fip.isFirstFragment());
    QCOMPARE(fip.identification(), quint16(0xABCD));
    QVERIFY(fip.checksumValid());

    const QByteArray udpFrame = hx(kUdpWithOptions);
    const ConstBytes u = cspan(udpFrame);
    const Ipv4View uip = parseFrame(u).ipv4(u);
    QCOMPARE(int(uip.ihl()), 6);
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(uip.options().data()), int(uip.options().size())), hx("94 04 00 00"));
    QVERIFY(uip.checksumValid());

    // The padded frame's IP view stops at the total length.
    const QByteArray padded = hx(kPaddedEcho);
    const ConstBytes p = cspan(padded);
    QCOMPARE(parseFrame(p).ipv4(p).size(), std::size_t(28));
    QVERIFY(parseFrame(p).icmp(p).checksumValid());
}

void TestPacket::readsTransportFields()
{
    const QByteArray udpFrame = hx(kUdpWithOptions);
    const ConstBytes u = cspan(udpFrame);
    const ParsedFrame pu = parseFrame(u);
    const UdpView udp = pu.udp(u);
    QCOMPARE(udp.srcPort(), quint16(12345));
    QCOMPARE(udp.dstPort(), quint16(53));
    QCOMPARE(udp.length(), quint16(16));
    QVERIFY(udp.checksumValidV4(kCa9, kCa8));
    QCOMPARE(udp.payload().size(), std::size_t(8));

    const QByteArray tcpFrame = hx(kTcpSyn);
    const ConstBytes t = cspan(tcpFrame);
    const TcpView tcp = parseFrame(t).tcp(t);
    QCOMPARE(tcp.srcPort(), quint16(49152));
    QCOMPARE(tcp.dstPort(), quint16(80));
    QCOMPARE(tcp.seq(), quint32(1));
    QCOMPARE(tcp.ack(), quint32(0));
    QCOMPARE(tcp.headerBytes(), std::size_t(24));
    QVERIFY(tcp.syn());
    QVERIFY(!tcp.ackFlag() && !tcp.fin() && !tcp.rst());
    QCOMPARE(tcp.flags(), tcp_flag::kSyn);
    QCOMPARE(tcp.window(), quint16(0xFAF0));
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(tcp.options().data()), 4), hx("02 04 05 b4"));
    QVERIFY(tcp.checksumValidV4(kCa9, kCa8));
    QVERIFY(!tcp.checksumValidV4(kCa9, kCa9));

    const QByteArray udp6Frame = hx(kUdp6);
    const ConstBytes u6 = cspan(udp6Frame);
    const ParsedFrame p6 = parseFrame(u6);
    const Ipv6View ip6 = p6.ipv6(u6);
    QCOMPARE(int(ip6.version()), 6);
    QCOMPARE(int(ip6.hopLimit()), 64);
    QCOMPARE(int(ip6.nextHeader()), 17);
    QCOMPARE(ip6.payloadLength(), quint16(12));
    QVERIFY(p6.udp(u6).checksumValidV6(ip6.src(), ip6.dst()));
    QCOMPARE(p6.udp(u6).dstPort(), quint16(5678));
}

void TestPacket::readsNeighborDiscovery()
{
    const Ipv6Addr target{0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8};
    const QByteArray nsFrame = hx(kNeighborSolicitation);
    const ConstBytes n = cspan(nsFrame);
    const ParsedFrame pn = parseFrame(n);
    const Icmpv6View ns = pn.icmpv6(n);
    QVERIFY(ns.isNeighborSolicitation());
    QVERIFY(ns.isNeighborDiscovery());
    QCOMPARE(ns.ndTarget(), target);
    QCOMPARE(ns.linkLayerOption(nd_option::kSourceLinkLayer), std::optional<MacAddr>(kVm9Mac));
    QVERIFY(!ns.linkLayerOption(nd_option::kTargetLinkLayer));
    QVERIFY(ns.checksumValid(pn.ipv6(n).src(), pn.ipv6(n).dst()));
    QVERIFY(isIpv6LinkLocal(pn.ipv6(n).src()));
    QCOMPARE(pn.ipv6(n).dst(), solicitedNodeMulticast(target));
    QCOMPARE(ipv6MulticastMac(pn.ipv6(n).dst()), pn.ethernet(n).dst());

    const QByteArray naFrame = hx(kNeighborAdvertisement);
    const ConstBytes a = cspan(naFrame);
    const ParsedFrame pa = parseFrame(a);
    const Icmpv6View na = pa.icmpv6(a);
    QVERIFY(na.isNeighborAdvertisement());
    QCOMPARE(na.naFlags(), std::uint8_t(na_flag::kSolicited | na_flag::kOverride));
    QCOMPARE(na.ndTarget(), target);
    QCOMPARE(na.linkLayerOption(nd_option::kTargetLinkLayer), std::optional<MacAddr>(kVm8Mac));
    QVERIFY(na.checksumValid(pa.ipv6(a).src(), pa.ipv6(a).dst()));

    // An option with length 0 ends the walk instead of looping.
    const QByteArray badOpt = patched(nsFrame, 14 + 40 + 25, "00");
    const ConstBytes b = cspan(badOpt);
    QVERIFY(!parseFrame(b).icmpv6(b).linkLayerOption(nd_option::kSourceLinkLayer));
}

void TestPacket::writableViewsUpdateChecksums()
{
    Bytes frame = toBytes(hx(kIcmpEcho));
    const ParsedFrame pf = parseFrame(cspan(frame));
    const Ipv4Mut ip = pf.ipv4(mspan(frame));
    QCOMPARE(ip.decrementTtl(), std::uint8_t(63));
    QCOMPARE(refChecksum(ip.header()), quint16(0));
    ip.setTtl(1);
    QCOMPARE(ip.decrementTtl(), std::uint8_t(0));
    QCOMPARE(ip.decrementTtl(), std::uint8_t(0));
    QCOMPARE(refChecksum(ip.header()), quint16(0));
    ip.setFlagsAndOffset(0);
    QVERIFY(!ip.dontFragment());
    QCOMPARE(refChecksum(ip.header()), quint16(0));

    const EthernetMut eth = pf.ethernet(mspan(frame));
    eth.setSrc(kVm8Mac);
    eth.setDst(kVm9Mac);
    QCOMPARE(pf.ethernet(cspan(frame)).src(), kVm8Mac);
    QCOMPARE(pf.ethernet(cspan(frame)).dst(), kVm9Mac);

    Bytes arpFrame = toBytes(hx(kArpRequest));
    const ParsedFrame pa = parseFrame(cspan(arpFrame));
    const ArpMut arp = pa.arp(mspan(arpFrame));
    arp.setOpcode(arp_op::kReply);
    arp.setTargetMac(kVm8Mac);
    QVERIFY(pa.arp(cspan(arpFrame)).isReply());
    QCOMPARE(pa.arp(cspan(arpFrame)).targetMac(), kVm8Mac);
}

void TestPacket::classifiesDhcp_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("role");
    QTest::newRow("discover") << dhcpDiscover() << int(DhcpRole::Client);
    QTest::newRow("offer") << dhcpOffer() << int(DhcpRole::Server);
    QTest::newRow("ack") << patched(dhcpOffer(), 42 + 242, "05") << int(DhcpRole::Server);
    QTest::newRow("nak") << patched(dhcpOffer(), 42 + 242, "06") << int(DhcpRole::Server);
    QTest::newRow("request") << patched(dhcpDiscover(), 42 + 242, "03") << int(DhcpRole::Client);
    QTest::newRow("release") << patched(dhcpDiscover(), 42 + 242, "07") << int(DhcpRole::Client);
    QTest::newRow("bootp-reply-no-cookie") << patched(dhcpOffer(), 42 + 236, "00 00 00 00") << int(DhcpRole::Server);
    QTest::newRow("dns") << hx(kUdpWithOptions) << int(DhcpRole::NotDhcp);
    QTest::newRow("icmp") << hx(kIcmpEcho) << int(DhcpRole::NotDhcp);
    QTest::newRow("port-68-short") << patched(hx(kUdpWithOptions), 38, "00 44") << int(DhcpRole::NotDhcp);
    // Fragmenting a server message must not hide it from the guard.
    QTest::newRow("offer-first-fragment") << patched(dhcpOffer(), 20, "20 00") << int(DhcpRole::Server);
    QTest::newRow("discover-first-fragment") << patched(dhcpDiscover(), 20, "20 00") << int(DhcpRole::Client);
    QTest::newRow("offer-later-fragment") << patched(dhcpOffer(), 20, "00 10") << int(DhcpRole::NotDhcp);
    QTest::newRow("offer-header-only-fragment")
        << patched(dhcpOffer(), 16, "00 1c 00 00 20 00").left(14 + 28) << int(DhcpRole::Server);
}

void TestPacket::classifiesDhcp()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, role);
    const ParsedFrame pf = parseFrame(cspan(frame));
    QVERIFY(pf.ok());
    QCOMPARE(int(dhcpRole(cspan(frame), pf)), role);
    if (role == int(DhcpRole::Server) && pf.l4 == L4Kind::Udp && frame.at(42 + 236) != 0) {
        const auto dhcp = DhcpView::from(pf.udp(cspan(frame)).payload());
        QVERIFY(dhcp);
        QCOMPARE(dhcp->xid(), quint32(0x3903F326));
        QCOMPARE(dhcp->yiaddr(), kCa9);
        QCOMPARE(dhcp->chaddr(), kVm9Mac);
        QVERIFY(dhcp->broadcastFlag());
        const auto serverId = dhcp->findOption(dhcp_option::kServerId);
        QCOMPARE(serverId.size(), std::size_t(4));
        QCOMPARE(load32(serverId.data()), ipv4(10, 1, 1, 1));
    }
}

void TestPacket::classifiesGuardedMessages_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("routerGuard");
    QTest::addColumn<bool>("solicitation");
    QTest::addColumn<bool>("advertisement");
    QTest::newRow("router-advert") << hx(kRouterAdvertisement) << true << false << false;
    QTest::newRow("nd-solicit") << hx(kNeighborSolicitation) << false << true << false;
    QTest::newRow("nd-advert") << hx(kNeighborAdvertisement) << false << false << true;
    // ICMP redirect: type 5 (checksum not checked by the classifier).
    QTest::newRow("icmp-redirect") << patched(hx(kIcmpEcho), 34, "05 01") << true << false << false;
    // A 40-byte ICMPv6 redirect (type 137) made from the RA's header.
    QTest::newRow("icmpv6-redirect") << patched(patched(hx(kRouterAdvertisement), 18, "00 28") + zeros(24), 54, "89")
                                     << true << false << false;
    QTest::newRow("icmp-echo") << hx(kIcmpEcho) << false << false << false;

    // RFC 7113: extension headers must not hide a router advertisement.
    const QByteArray ra = hx(kRouterAdvertisement);
    const auto withExtension = [&](const char *nextHeader, const char *payloadLength, const char *ext) {
        return patched(patched(ra, 18, payloadLength), 20, nextHeader).left(54) + hx(ext) + ra.mid(54);
    };
    QTest::newRow("ra-behind-hop-by-hop") << withExtension("00", "00 18", "3a 00 01 04 00 00 00 00") << true << false << false;
    QTest::newRow("ra-behind-two-headers")
        << withExtension("00", "00 20", "3c 00 01 04 00 00 00 00 | 3a 00 01 04 00 00 00 00") << true << false << false;
    QTest::newRow("ra-first-fragment") << withExtension("2c", "00 18", "3a 00 00 01 12 34 56 78") << true << false << false;
    QTest::newRow("later-fragment") << withExtension("2c", "00 18", "3a 00 00 08 12 34 56 78") << false << false << false;
    QTest::newRow("chain-past-the-end")
        << patched(patched(ra, 18, "00 08"), 20, "00").left(54) + hx("3a 01 01 04 00 00 00 00") << true << false << false;
    QTest::newRow("udp-behind-hop-by-hop")
        << withExtension("00", "00 18", "11 00 01 04 00 00 00 00") << false << false << false;
}

void TestPacket::classifiesGuardedMessages()
{
    QFETCH(QByteArray, frame);
    QFETCH(bool, routerGuard);
    QFETCH(bool, solicitation);
    QFETCH(bool, advertisement);
    const ParsedFrame pf = parseFrame(cspan(frame));
    QVERIFY(pf.ok());
    QCOMPARE(isRouterGuardMessage(cspan(frame), pf), routerGuard);
    QCOMPARE(isNeighborSolicitation(cspan(frame), pf), solicitation);
    QCOMPARE(isNeighborAdvertisement(cspan(frame), pf), advertisement);
}

void TestPacket::checksumKnownVectors()
{
    // RFC 1071 4.1: the sum of 0001 f203 f4f5 f6f7 is ddf2; the checksum its complement.
    const QByteArray rfc = hx("00 01 f2 03 f4 f5 f6 f7");
    QCOMPARE(checksumFold(checksumAdd(cspan(rfc))), quint16(0xDDF2));
    QCOMPARE(internetChecksum(cspan(rfc)), quint16(0x220D));
    // Byte order independence (RFC 1071 2.B): the swapped input gives the swapped sum.
    const QByteArray swapped = hx("01 00 03 f2 f5 f4 f7 f6");
    QCOMPARE(checksumFold(checksumAdd(cspan(swapped))), quint16(0xF2DD));
    // Chained pieces equal the whole.
    QCOMPARE(checksumFinish(checksumAdd(cspan(rfc).subspan(4), checksumAdd(cspan(rfc).first(4)))), quint16(0x220D));
    // Odd length: the last byte is padded with zero.
    QCOMPARE(internetChecksum(cspan(hx("01 02 03"))), quint16(0xFBFD));
    // A textbook IPv4 header (checksum field zero, then filled).
    QByteArray hdr = hx("45 00 00 73 00 00 40 00 40 11 00 00 c0 a8 00 01 c0 a8 00 c7");
    QCOMPARE(internetChecksum(cspan(hdr)), quint16(0xB861));
    hdr = patched(hdr, 10, "b8 61");
    QCOMPARE(internetChecksum(cspan(hdr)), quint16(0));
    // RFC 1624's example of an incremental update: HC 0xdd2f, m 0x5555 -> m' 0x3285 gives 0x0000.
    QCOMPARE(checksumUpdate16(0xDD2F, 0x5555, 0x3285), quint16(0x0000));
    // Frames in this file carry correct checksums.
    QCOMPARE(refChecksum(cspan(hx(kIcmpEcho)).subspan(14, 20)), quint16(0));
    QCOMPARE(internetChecksum(cspan(hx(kIcmpEcho)).subspan(14, 20)), quint16(0));
}

void TestPacket::checksumMatchesReferenceOnRandomData()
{
    const quint32 seed = 20261122;
    QRandomGenerator rng(seed);
    for (int i = 0; i < 2000; ++i) {
        Bytes b(rng.bounded(0, 1600));
        for (auto &x : b)
            x = std::uint8_t(rng.bounded(256));
        if (i % 7 == 0)
            std::fill(b.begin(), b.end(), 0xFF);
        QVERIFY2(internetChecksum(cspan(b)) == refChecksum(cspan(b)),
                 qPrintable(QStringLiteral("seed %1 iteration %2 size %3").arg(seed).arg(i).arg(b.size())));
    }
}

void TestPacket::incrementalChecksumEqualsFullRecompute()
{
    const quint32 seed = 1624;
    QRandomGenerator rng(seed);
    for (int i = 0; i < 3000; ++i) {
        const bool tcp = i % 2 == 0;
        Bytes f(14 + 20 + (tcp ? 20 : 8) + rng.bounded(0, 64));
        for (auto &x : f)
            x = std::uint8_t(rng.bounded(256));
        // Ethernet + IPv4 header + L4 header written field by field here.
        store16(f.data() + 12, 0x0800);
        std::uint8_t *ip = f.data() + 14;
        ip[0] = 0x45;
        store16(ip + 2, std::uint16_t(f.size() - 14));
        store16(ip + 6, 0x4000);
        ip[9] = tcp ? 6 : 17;
        store16(ip + 10, 0);
        store16(ip + 10, refChecksum(ConstBytes(ip, 20)));
        std::uint8_t *l4 = ip + 20;
        if (tcp) {
            l4[12] = 0x50;
            store16(l4 + 16, 0);
        } else {
            store16(l4 + 4, std::uint16_t(f.size() - 34));
            store16(l4 + 6, 0);
        }
        std::uint16_t l4sum = refL4ChecksumV4(ConstBytes(ip, f.size() - 14));
        if (!tcp && l4sum == 0)
            l4sum = 0xFFFF;  // 0 would mean "no checksum"
        store16(l4 + (tcp ? 16 : 6), l4sum);

        const ParsedFrame pf = parseFrame(cspan(f));
        QVERIFY(pf.ok());
        const Ipv4Addr a = rng.generate();
        const Ipv4Addr b = rng.generate();
        if (i % 2) {
            rewriteIpv4Addresses(mspan(f), pf, a, b); // both at once, as IP Rewrite does
        } else {
            rewriteIpv4Src(mspan(f), pf, a);
            rewriteIpv4Dst(mspan(f), pf, b);
        }
        QCOMPARE(load32(ip + 12), a);
        QCOMPARE(load32(ip + 16), b);

        const std::uint16_t ipGot = load16(ip + 10);
        store16(ip + 10, 0);
        const std::uint16_t ipWant = refChecksum(ConstBytes(ip, 20));
        store16(ip + 10, ipGot);
        const std::uint16_t l4Got = load16(l4 + (tcp ? 16 : 6));
        store16(l4 + (tcp ? 16 : 6), 0);
        std::uint16_t l4Want = refL4ChecksumV4(ConstBytes(ip, f.size() - 14));
        if (!tcp && l4Want == 0)
            l4Want = 0xFFFF;
        store16(l4 + (tcp ? 16 : 6), l4Got);
        const QString where = QStringLiteral("seed %1 iteration %2").arg(seed).arg(i);
        QVERIFY2(sameOnesComplement(ipGot, ipWant), qPrintable(where + " ip"));
        QVERIFY2(sameOnesComplement(l4Got, l4Want), qPrintable(where + " l4"));
        QVERIFY2(refChecksum(ConstBytes(ip, 20)) == 0 || refChecksum(ConstBytes(ip, 20)) == 0xFFFF, qPrintable(where));
        if (!tcp)
            QVERIFY2(l4Got != 0, qPrintable(where + " udp checksum became 0"));
    }
}

void TestPacket::udpZeroChecksumStaysZero()
{
    Bytes f = toBytes(patched(hx(kUdpWithOptions), 44, "00 00"));
    const ParsedFrame pf = parseFrame(cspan(f));
    rewriteIpv4Src(mspan(f), pf, ipv4(192, 168, 1, 50));
    rewriteIpv4Dst(mspan(f), pf, ipv4(192, 168, 1, 10));
    QCOMPARE(load16(f.data() + 44), quint16(0));
    QCOMPARE(refChecksum(cspan(f).subspan(14, 24)), quint16(0));
    QVERIFY(pf.udp(cspan(f)).checksumValidV4(0, 0));  // 0: none
    Bytes both = toBytes(patched(hx(kUdpWithOptions), 44, "00 00"));
    rewriteIpv4Addresses(mspan(both), pf, ipv4(192, 168, 1, 50), ipv4(192, 168, 1, 10));
    QCOMPARE(both, f);

    // With a checksum, the rewritten one is what a full recompute gives.
    Bytes g = toBytes(hx(kUdpWithOptions));
    const ParsedFrame pg = parseFrame(cspan(g));
    rewriteIpv4Src(mspan(g), pg, ipv4(192, 168, 1, 50));
    QVERIFY(pg.udp(cspan(g)).checksumValidV4(ipv4(192, 168, 1, 50), kCa8));
    QVERIFY(pg.ipv4(cspan(g)).checksumValid());
}

void TestPacket::classifiesGre_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("error");

    const QByteArray nv = nvgreFrame();
    const int bad = int(NvgreStatus::NotNvgre);
    QTest::newRow("nvgre") << nv << int(NvgreStatus::Ok) << int(NvgreError::None);
    QTest::newRow("icmp") << hx(kIcmpEcho) << int(NvgreStatus::NotGre) << int(NvgreError::None);
    QTest::newRow("arp") << hx(kArpRequest) << int(NvgreStatus::NotGre) << int(NvgreError::None);
    QTest::newRow("no-key") << patched(nv, 34, "00 00") << bad << int(NvgreError::BadFlags);
    QTest::newRow("checksum-and-key") << patched(nv, 34, "a0 00") << bad << int(NvgreError::BadFlags);
    QTest::newRow("key-and-sequence") << patched(nv, 34, "30 00") << bad << int(NvgreError::BadFlags);
    QTest::newRow("version-1") << patched(nv, 34, "20 01") << bad << int(NvgreError::BadFlags);
    QTest::newRow("reserved-bit") << patched(nv, 34, "20 80") << bad << int(NvgreError::BadFlags);
    QTest::newRow("protocol-ipv4") << patched(nv, 36, "08 00") << bad << int(NvgreError::BadProtocol);
    QTest::newRow("gre-4-bytes") << patched(nv, 16, "00 18").left(38) << bad << int(NvgreError::GreTruncated);
    QTest::newRow("inner-10-bytes") << patched(nv, 16, "00 26").left(52) << bad << int(NvgreError::InnerTruncated);
    QTest::newRow("inner-tagged") << patched(nv, 42 + 12, "81 00") << bad << int(NvgreError::InnerTagged);
    QTest::newRow("outer-fragment") << patched(nv, 20, "20 00") << bad << int(NvgreError::Fragment);
}

void TestPacket::classifiesGre()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, status);
    QFETCH(int, error);
    const Bytes exact = toBytes(frame);
    const ParsedFrame pf = parseFrame(cspan(exact));
    QVERIFY(pf.ok());
    const NvgreInfo info = parseNvgre(cspan(exact), pf);
    QCOMPARE(int(info.status), status);
    QCOMPARE(int(info.error), error);
    if (info.ok()) {
        QCOMPARE(info.key, quint32(0x00138900));
        QCOMPARE(info.vsid, quint32(5001));
        QCOMPARE(int(info.flowId), 0);
        QCOMPARE(info.innerOffset, quint32(42));
        QCOMPARE(info.innerBytes, quint32(42));
    }
}

void TestPacket::nvgreHeaderBytesAreExact()
{
    FrameBuffer buf;
    QVERIFY(buf.assign(cspan(hx(kIcmpEcho))));
    NvgreEncapV4 p;
    p.outerSrcMac = MacAddr{{0x36, 0x87, 0xE6, 0xA8, 0x13, 0x4F}};
    p.outerDstMac = MacAddr{{0x00, 0x15, 0x5D, 0x00, 0x01, 0x01}};
    p.outerSrc = ipv4(192, 168, 1, 50);
    p.outerDst = ipv4(192, 168, 1, 10);
    p.vsid = 5001;
    p.flowId = 0xA7;
    QVERIFY(encapsulateNvgre(buf, p));
    QCOMPARE(buf.size(), std::size_t(42 + 50));
    const QByteArray got(reinterpret_cast<const char *>(buf.data().data()), 42);
    // Outer Ethernet, outer IPv4 (total 78 = 0x4e, DF, TTL 64, protocol 47, checksum
    // computed independently), GRE: 0x2000, 0x6558, key 5001 << 8 | 0xa7.
    const QByteArray want = hx("00 15 5d 00 01 01 | 36 87 e6 a8 13 4f | 08 00"
                               "45 00 00 4e | 00 00 40 00 | 40 2f 00 00 | c0 a8 01 32 | c0 a8 01 0a"
                               "20 00 | 65 58 | 00 13 89 a7");
    QCOMPARE(got.left(24), want.left(24));       // up to the checksum
    QCOMPARE(got.mid(26), want.mid(26));         // after it
    QCOMPARE(refChecksum(buf.data().subspan(14, 20)), quint16(0));
    QCOMPARE(nvgreKey(5001, 0xA7), quint32(0x001389A7));
    QCOMPARE(vsidOfKey(0x001389A7), quint32(5001));
    QCOMPARE(flowIdOfKey(0x001389A7), std::uint8_t(0xA7));
    QCOMPARE(nvgreInnerMtu(1500), std::size_t(1458));
    QCOMPARE(nvgreInnerMtu(1500, true), std::size_t(1438));
}

void TestPacket::encapsulationDoesNotMovePayload()
{
    FrameBuffer buf;
    QByteArray inner = hx(kIcmpEcho);
    QVERIFY(buf.assign(cspan(inner)));
    // A full-size 1500-byte inner IP packet.
    QVERIFY(buf.append(cspan(QByteArray(1500 - 36, 'x'))));
    const std::uint8_t *before = buf.data().data();
    const std::size_t innerBytes = buf.size();
    const Bytes innerCopy(buf.data().begin(), buf.data().end());

    NvgreEncapV4 p;
    p.outerSrc = ipv4(192, 168, 1, 50);
    p.outerDst = ipv4(192, 168, 1, 10);
    p.vsid = 5001;
    QVERIFY(encapsulateNvgre(buf, p));
    QVERIFY(buf.data().data() + kNvgreOuterBytesV4 == before);  // pushed in front, not moved
    QVERIFY(std::equal(innerCopy.begin(), innerCopy.end(), before));

    const ParsedFrame outer = parseFrame(buf.cdata());
    QVERIFY(outer.ok());
    const NvgreInfo info = parseNvgre(buf.cdata(), outer);
    QVERIFY(info.ok());
    QCOMPARE(info.vsid, quint32(5001));
    QVERIFY(info.inner(buf.cdata()).data() == before);  // the decapsulated view is the same memory
    QCOMPARE(info.inner(buf.cdata()).size(), innerBytes);
    QVERIFY(decapsulateNvgre(buf, info));
    QVERIFY(buf.data().data() == before);
    QCOMPARE(buf.size(), innerBytes);
}

void TestPacket::encapsulatesOverIpv6()
{
    FrameBuffer buf;
    QVERIFY(buf.assign(cspan(hx(kArpRequest))));
    NvgreEncapV6 p;
    p.outerSrc = Ipv6Addr{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x32};
    p.outerDst = Ipv6Addr{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a};
    p.vsid = 0xFFFFFF;
    p.flowId = 1;
    QVERIFY(encapsulateNvgre(buf, p));
    QCOMPARE(buf.size(), std::size_t(62 + 42));
    const QByteArray got(reinterpret_cast<const char *>(buf.data().data()), 62);
    QCOMPARE(got.mid(12, 2), hx("86 dd"));
    QCOMPARE(got.mid(14, 8), hx("60 00 00 00 | 00 32 | 2f 40"));  // payload 8 + 42, next header 47
    QCOMPARE(got.mid(54, 8), hx("20 00 65 58 ff ff ff 01"));
    const ParsedFrame outer = parseFrame(buf.cdata());
    const NvgreInfo info = parseNvgre(buf.cdata(), outer);
    QVERIFY(info.ok());
    QCOMPARE(info.vsid, quint32(0xFFFFFF));
    QCOMPARE(info.innerOffset, quint32(62));
}

void TestPacket::refusesEncapsulationWithoutRoom()
{
    FrameBuffer buf;
    QVERIFY(buf.assign(cspan(hx(kIcmpEcho)), 41));
    NvgreEncapV4 p;
    p.vsid = 1;
    QVERIFY(!encapsulateNvgre(buf, p));
    QCOMPARE(buf.size(), std::size_t(50));
    QCOMPARE(buf.headroom(), std::size_t(41));
    p.vsid = kMaxVsid + 1;
    QVERIFY(buf.assign(cspan(hx(kIcmpEcho))));
    QVERIFY(!encapsulateNvgre(buf, p));
    QCOMPARE(buf.size(), std::size_t(50));
    Bytes small(41);
    p.vsid = 1;
    QVERIFY(!writeNvgreHeaders(mspan(small), p, 50));
}

void TestPacket::decapsulatesOpenVswitchFrames()
{
    const QString path = QStringLiteral(NETVIRT_SHARED_DIR "/captures/ovs-nvgre-vsid5001.pcap");
    auto records = PcapReader::readAll(path.toStdString());
    QVERIFY2(records.ok(), records.ok() ? "" : records.error().message.c_str());
    QCOMPARE(records->size(), std::size_t(4));
    const int innerIpLengths[] = {0, 84, 128, 128};
    for (std::size_t i = 0; i < 4; ++i) {
        const PcapRecord &r = (*records)[i];
        QCOMPARE(std::size_t(r.originalBytes), r.bytes.size());
        const ConstBytes f = cspan(r.bytes);
        const ParsedFrame outer = parseFrame(f);
        QCOMPARE(outer.status, ParseStatus::Ok);
        QCOMPARE(outer.l4, L4Kind::Gre);
        const Ipv4View oip = outer.ipv4(f);
        QCOMPARE(oip.src(), ipv4(192, 168, 1, 50));
        QCOMPARE(oip.dst(), ipv4(192, 168, 1, 10));
        QVERIFY(oip.dontFragment());
        QCOMPARE(int(oip.ttl()), 64);
        QVERIFY(oip.checksumValid());
        QCOMPARE(outer.ethernet(f).dst(), (MacAddr{{0x00, 0x15, 0x5D, 0x00, 0x01, 0x01}}));

        const NvgreInfo info = parseNvgre(f, outer);
        QCOMPARE(info.status, NvgreStatus::Ok);
        QCOMPARE(info.key, quint32(0x00138900));
        QCOMPARE(info.vsid, quint32(5001));
        QCOMPARE(int(info.flowId), 0);

        const ConstBytes inner = info.inner(f);
        const ParsedFrame in = parseFrame(inner);
        QCOMPARE(in.status, ParseStatus::Ok);
        QCOMPARE(in.ethernet(inner).src(), kVm9Mac);
        if (i == 0) {
            QVERIFY(in.isArp());
            QVERIFY(in.ethernet(inner).dst().isBroadcast());
            const ArpView arp = in.arp(inner);
            QVERIFY(arp.isRequest());
            QCOMPARE(arp.senderIp(), kCa9);
            QCOMPARE(arp.senderMac(), kVm9Mac);
            QCOMPARE(arp.targetIp(), kCa8);
        } else {
            QCOMPARE(in.l4, L4Kind::Icmp);
            QCOMPARE(in.ethernet(inner).dst(), kVm8Mac);
            const Ipv4View ip = in.ipv4(inner);
            QCOMPARE(ip.src(), kCa9);
            QCOMPARE(ip.dst(), kCa8);
            QCOMPARE(int(ip.totalLength()), innerIpLengths[i]);
            QVERIFY(ip.checksumValid());
            QVERIFY(in.icmp(inner).isEchoRequest());
            QVERIFY(in.icmp(inner).checksumValid());
        }

        // Decapsulation in a FrameBuffer: a pull, the inner bytes stay where they were.
        FrameBuffer buf;
        QVERIFY(buf.assign(f));
        const std::uint8_t *innerStart = buf.data().data() + info.innerOffset;
        QVERIFY(decapsulateNvgre(buf, info));
        QVERIFY(buf.data().data() == innerStart);
        QVERIFY(std::equal(inner.begin(), inner.end(), buf.data().begin(), buf.data().end()));
    }
}

void TestPacket::buildsArpExactly()
{
    FrameBuffer buf;
    QVERIFY(buildArpRequest(buf, kVm9Mac, kCa9, kCa8));
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(buf.data().data()), int(buf.size())), hx(kArpRequest));

    QVERIFY(buildArpReply(buf, kVm8Mac, kCa8, kVm9Mac, kCa9));
    const QByteArray reply = hx("00 1d d8 b7 1c 09 | 00 1d d8 b7 1c 02 | 08 06"
                                "00 01 | 08 00 | 06 | 04 | 00 02"
                                "00 1d d8 b7 1c 02 | 0a 01 01 08"
                                "00 1d d8 b7 1c 09 | 0a 01 01 09");
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(buf.data().data()), int(buf.size())), reply);

    QVERIFY(buildGratuitousArp(buf, kVm8Mac, kCa8));
    const ParsedFrame pf = parseFrame(buf.cdata());
    QVERIFY(pf.arp(buf.cdata()).isGratuitous());
    QVERIFY(pf.ethernet(buf.cdata()).dst().isBroadcast());
}

void TestPacket::buildsIcmpEchoExactly()
{
    FrameBuffer buf;
    Ipv4Endpoints e;
    e.srcMac = kVm9Mac;
    e.dstMac = kVm8Mac;
    e.srcIp = kCa9;
    e.dstIp = kCa8;
    e.identification = 0x1234;
    e.dontFragment = true;
    QVERIFY(buildIcmpEcho(buf, e, false, 1, 2, cspan(QByteArray("abcdefgh"))));
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(buf.data().data()), int(buf.size())), hx(kIcmpEcho));

    QVERIFY(buildIcmpEcho(buf, e, true, 1, 2, cspan(QByteArray("abcdefgh"))));
    const ParsedFrame pf = parseFrame(buf.cdata());
    QVERIFY(pf.icmp(buf.cdata()).isEchoReply());
    QCOMPARE(refChecksum(pf.l4Span(buf.cdata())), quint16(0));
}

void TestPacket::buildsIcmpErrorsQuotingOriginal()
{
    const QByteArray original = hx(kTcpSyn);
    const ConstBytes originalIp = cspan(original).subspan(14);  // 44 bytes: 20 header + 24 TCP
    Ipv4Endpoints e;
    e.srcMac = MacAddr{{0x00, 0x15, 0x5D, 0xFF, 0x00, 0x01}};
    e.dstMac = kVm9Mac;
    e.srcIp = ipv4(10, 1, 1, 1);
    e.dstIp = kCa9;

    FrameBuffer buf;
    QVERIFY(buildIcmpTimeExceeded(buf, e, originalIp));
    ParsedFrame pf = parseFrame(buf.cdata());
    QVERIFY(pf.ok());
    IcmpView icmp = pf.icmp(buf.cdata());
    QVERIFY(icmp.isTimeExceeded());
    QCOMPARE(int(icmp.code()), 0);
    QCOMPARE(refChecksum(icmp.bytes()), quint16(0));
    QCOMPARE(refChecksum(pf.ipv4(buf.cdata()).header()), quint16(0));
    // RFC 792: the original header and the first 64 bits of its data.
    QCOMPARE(icmp.body().size(), std::size_t(28));
    QVERIFY(std::equal(icmp.body().begin(), icmp.body().end(), originalIp.begin()));

    QVERIFY(buildIcmpFragmentationNeeded(buf, e, 1458, originalIp));
    pf = parseFrame(buf.cdata());
    icmp = pf.icmp(buf.cdata());
    QVERIFY(icmp.isFragmentationNeeded());
    QCOMPARE(icmp.nextHopMtu(), quint16(1458));
    QCOMPARE(load16(icmp.data() + 4), quint16(0));  // unused
    QCOMPARE(refChecksum(icmp.bytes()), quint16(0));
    QVERIFY(std::equal(icmp.body().begin(), icmp.body().end(), originalIp.begin()));

    // With IP options the quote grows with the header (24 + 8).
    const QByteArray udpFrame = hx(kUdpWithOptions);
    const ConstBytes withOptions = cspan(udpFrame).subspan(14);
    QVERIFY(buildIcmpTimeExceeded(buf, e, withOptions));
    pf = parseFrame(buf.cdata());
    QCOMPARE(pf.icmp(buf.cdata()).body().size(), std::size_t(32));
    // A short original is quoted whole.
    QVERIFY(buildIcmpTimeExceeded(buf, e, originalIp.first(10)));
    QCOMPARE(parseFrame(buf.cdata()).icmp(buf.cdata()).body().size(), std::size_t(10));
}

void TestPacket::buildsIcmpv6Messages()
{
    const Ipv6Addr target{0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8};
    Ipv6Endpoints e;
    e.srcMac = kVm8Mac;
    e.dstMac = kVm9Mac;
    e.srcIp = Ipv6Addr{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x1d, 0xd8, 0xff, 0xfe, 0xb7, 0x1c, 0x02};
    e.dstIp = Ipv6Addr{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x1d, 0xd8, 0xff, 0xfe, 0xb7, 0x1c, 0x09};
    FrameBuffer buf;
    QVERIFY(buildNeighborAdvertisement(buf, e, target, na_flag::kSolicited | na_flag::kOverride, kVm8Mac));
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(buf.data().data()), int(buf.size())), hx(kNeighborAdvertisement));

    Ipv6Endpoints s;
    s.srcMac = kVm9Mac;
    s.srcIp = e.dstIp;
    QVERIFY(buildNeighborSolicitation(buf, s, target));
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(buf.data().data()), int(buf.size())), hx(kNeighborSolicitation));

    // Packet too big quoting a 1500-byte packet: the message stays within 1280 bytes.
    QByteArray big = hx(kUdp6).mid(14) + QByteArray(1500 - 52, 'y');
    QVERIFY(buildIcmpv6PacketTooBig(buf, e, 1438, cspan(big)));
    const ParsedFrame pf = parseFrame(buf.cdata());
    QVERIFY(pf.ok());
    QCOMPARE(pf.l3Bytes, quint32(1280));
    const Icmpv6View icmp = pf.icmpv6(buf.cdata());
    QCOMPARE(int(icmp.type()), int(icmpv6_type::kPacketTooBig));
    QCOMPARE(icmp.mtu(), quint32(1438));
    QVERIFY(icmp.checksumValid(e.srcIp, e.dstIp));
    QVERIFY(std::equal(icmp.body().begin(), icmp.body().end(), cspan(big).begin()));
}

void TestPacket::buildsUdpAndTcpSyn()
{
    Ipv4Endpoints e;
    e.srcMac = kVm9Mac;
    e.dstMac = kVm8Mac;
    e.srcIp = kCa9;
    e.dstIp = kCa8;
    e.dontFragment = true;
    FrameBuffer buf;
    QVERIFY(buildTcpSyn(buf, e, 49152, 80, 1, 0xFAF0));
    // As kTcpSyn but without the MSS option: data offset 5, length 40.
    const QByteArray want = hx("00 1d d8 b7 1c 02 | 00 1d d8 b7 1c 09 | 08 00"
                               "45 00 00 28 | 00 00 40 00 | 40 06 24 be | 0a 01 01 09 | 0a 01 01 08"
                               "c0 00 00 50 | 00 00 00 01 | 00 00 00 00 | 50 02 fa f0");
    const QByteArray got(reinterpret_cast<const char *>(buf.data().data()), int(buf.size()));
    QCOMPARE(got.left(want.size()), want);
    QCOMPARE(got.size(), 54);
    QCOMPARE(refL4ChecksumV4(buf.cdata().subspan(14)), quint16(0));
    QCOMPARE(load16(buf.data().data() + 52), quint16(0));  // urgent pointer

    QVERIFY(buildUdp(buf, e, 12345, 53, cspan(hx("01 02 03 04 05 06 07 08"))));
    const ParsedFrame pf = parseFrame(buf.cdata());
    QCOMPARE(pf.l4, L4Kind::Udp);
    QCOMPARE(pf.udp(buf.cdata()).length(), quint16(16));
    QCOMPARE(refL4ChecksumV4(buf.cdata().subspan(14)), quint16(0));
    QCOMPARE(refChecksum(buf.cdata().subspan(14, 20)), quint16(0));
}

void TestPacket::buildsDhcpReply()
{
    const QByteArray discover = dhcpDiscover();
    const ParsedFrame pd = parseFrame(cspan(discover));
    const auto request = DhcpView::from(pd.udp(cspan(discover)).payload());
    QVERIFY(request);
    const Ipv4Addr dns[] = {ipv4(10, 1, 1, 2), ipv4(10, 1, 1, 3)};
    DhcpLease lease;
    lease.messageType = dhcp_msg::kOffer;
    lease.serverMac = MacAddr{{0x00, 0x15, 0x5D, 0x00, 0x00, 0x01}};
    lease.serverIp = ipv4(10, 1, 1, 1);
    lease.yourIp = kCa9;
    lease.subnetMask = ipv4(255, 255, 255, 0);
    lease.router = ipv4(10, 1, 1, 1);
    lease.dnsServers = dns;
    FrameBuffer buf;
    QVERIFY(buildDhcpReply(buf, *request, lease));
    const ParsedFrame pf = parseFrame(buf.cdata());
    QVERIFY(pf.ok());
    QCOMPARE(dhcpRole(buf.cdata(), pf), DhcpRole::Server);
    QVERIFY(pf.ethernet(buf.cdata()).dst().isBroadcast());  // the discover set the broadcast flag
    QCOMPARE(pf.ipv4(buf.cdata()).dst(), kIpv4Broadcast);
    QCOMPARE(pf.udp(buf.cdata()).srcPort(), quint16(67));
    QCOMPARE(pf.udp(buf.cdata()).dstPort(), quint16(68));
    QVERIFY(pf.udp(buf.cdata()).checksumValidV4(lease.serverIp, kIpv4Broadcast));
    QVERIFY(pf.udp(buf.cdata()).payload().size() >= 300);
    const auto offer = DhcpView::from(pf.udp(buf.cdata()).payload());
    QVERIFY(offer);
    QCOMPARE(offer->messageType(), dhcp_msg::kOffer);
    QCOMPARE(offer->xid(), request->xid());
    QCOMPARE(offer->yiaddr(), kCa9);
    QCOMPARE(offer->chaddr(), kVm9Mac);
    QCOMPARE(load32(offer->findOption(dhcp_option::kSubnetMask).data()), ipv4(255, 255, 255, 0));
    QCOMPARE(load32(offer->findOption(dhcp_option::kRouter).data()), ipv4(10, 1, 1, 1));
    const auto dnsOpt = offer->findOption(dhcp_option::kDnsServers);
    QCOMPARE(dnsOpt.size(), std::size_t(8));
    QCOMPARE(load32(dnsOpt.data() + 4), ipv4(10, 1, 1, 3));
    QCOMPARE(load32(offer->findOption(dhcp_option::kLeaseTime).data()), quint32(86400));
}

void TestPacket::fragmentsIpv4()
{
    QByteArray data(1472, '\0');
    for (int i = 0; i < data.size(); ++i)
        data[i] = char(i * 7);
    Ipv4Endpoints e;
    e.srcMac = kVm9Mac;
    e.dstMac = kVm8Mac;
    e.srcIp = kCa9;
    e.dstIp = kCa8;
    e.identification = 0x4242;
    FrameBuffer original;
    QVERIFY(buildUdp(original, e, 1000, 2000, cspan(data)));
    const ParsedFrame pf = parseFrame(original.cdata());
    const ConstBytes ipData = pf.ipv4(original.cdata()).payload();
    QCOMPARE(ipData.size(), std::size_t(1480));

    Bytes reassembled;
    std::size_t offset = 0;
    int count = 0;
    FrameBuffer frag;
    while (offset < ipData.size()) {
        const std::size_t took = buildIpv4Fragment(frag, original.cdata(), pf, offset, 576);
        QVERIFY(took > 0);
        const ParsedFrame fp = parseFrame(frag.cdata());
        QVERIFY(fp.ok());
        QVERIFY(fp.fragment);
        const Ipv4View ip = fp.ipv4(frag.cdata());
        QVERIFY(ip.totalLength() <= 576);
        QCOMPARE(ip.fragmentOffsetBytes(), offset);
        QCOMPARE(ip.identification(), quint16(0x4242));
        QCOMPARE(refChecksum(ip.header()), quint16(0));
        QCOMPARE(ip.moreFragments(), offset + took < ipData.size());
        reassembled.insert(reassembled.end(), ip.payload().begin(), ip.payload().end());
        offset += took;
        ++count;
    }
    QCOMPARE(count, 3);  // 552 + 552 + 376
    QVERIFY(std::equal(reassembled.begin(), reassembled.end(), ipData.begin(), ipData.end()));

    // DF packets are not fragmented; offsets must be multiples of 8.
    e.dontFragment = true;
    QVERIFY(buildUdp(original, e, 1000, 2000, cspan(data)));
    const ParsedFrame df = parseFrame(original.cdata());
    QCOMPARE(buildIpv4Fragment(frag, original.cdata(), df, 0, 576), std::size_t(0));
    QCOMPARE(buildIpv4Fragment(frag, original.cdata(), pf, 4, 576), std::size_t(0));

    // Options without the copy flag stay in the first fragment only.
    const QByteArray withOpt = hx(kUdpWithOptions);  // router alert: copy flag set (0x94)
    const ParsedFrame po = parseFrame(cspan(withOpt));
    QCOMPARE(buildIpv4Fragment(frag, cspan(withOpt), po, 8, 576), std::size_t(8));
    QCOMPARE(parseFrame(frag.cdata()).ipv4(frag.cdata()).headerBytes(), std::size_t(24));
    const QByteArray noCopy = patched(withOpt, 34, "07 04 00 00");  // record route, no copy flag
    QCOMPARE(buildIpv4Fragment(frag, cspan(noCopy), parseFrame(cspan(noCopy)), 8, 576), std::size_t(8));
    QCOMPARE(parseFrame(frag.cdata()).ipv4(frag.cdata()).headerBytes(), std::size_t(20));
}

void TestPacket::frameBufferStaysInBounds()
{
    FrameBuffer buf;
    QCOMPARE(buf.headroom(), FrameBuffer::kHeadroomBytes);
    QCOMPARE(buf.size(), std::size_t(0));
    QCOMPARE(buf.tailroom(), FrameBuffer::kMaxFrameBytes);
    QVERIFY(buf.push(FrameBuffer::kHeadroomBytes + 1).empty());
    QCOMPARE(buf.headroom(), FrameBuffer::kHeadroomBytes);
    QVERIFY(!buf.pull(1));
    QVERIFY(buf.put(FrameBuffer::kMaxFrameBytes + 1).empty());
    QVERIFY(!buf.assign(cspan(QByteArray(int(FrameBuffer::kMaxFrameBytes) + 1, 'a'))));
    QVERIFY(buf.assign(cspan(QByteArray(int(FrameBuffer::kMaxFrameBytes), 'a'))));
    QCOMPARE(buf.tailroom(), std::size_t(0));
    QVERIFY(buf.assign(cspan(hx(kArpRequest)), 0));
    QVERIFY(buf.push(1).empty());
    QVERIFY(buf.pull(14));
    QCOMPARE(buf.size(), std::size_t(28));
    QCOMPARE(buf.push(14).size(), std::size_t(14));
    QVERIFY(!buf.truncate(43));
    QVERIFY(buf.truncate(40));
    const FrameBuffer copy = buf;
    QCOMPARE(copy.size(), buf.size());
    QCOMPARE(copy.headroom(), buf.headroom());
    QVERIFY(std::equal(copy.data().begin(), copy.data().end(), buf.data().begin()));
    buf.clear(FrameBuffer::kCapacityBytes + 10);
    QCOMPARE(buf.tailroom(), std::size_t(0));
    QVERIFY(!buf.pull(1));
}

void TestPacket::flowIdIsStableAndSpread()
{
    const QByteArray tcp = hx(kTcpSyn);
    const ParsedFrame pf = parseFrame(cspan(tcp));
    QCOMPARE(flowId(cspan(tcp), pf), flowId(cspan(tcp), pf));
    QCOMPARE(flowHash(cspan(tcp), pf), flowHashV4(kCa9, kCa8, 6, 49152, 80));
    QVERIFY(flowHash(cspan(tcp), pf) != flowHashV4(kCa9, kCa8, 6, 49153, 80));
    QVERIFY(flowHashV4(kCa9, kCa8, 6, 1, 2) != flowHashV4(kCa9, kCa8, 17, 1, 2));

    // 65536 flows of one client to one server over source ports: FlowIDs evenly spread.
    int buckets[256] = {};
    for (int port = 0; port < 65536; ++port)
        ++buckets[foldTo8(flowHashV4(kCa9, kCa8, 6, std::uint16_t(port), 443))];
    const auto [lo, hi] = std::minmax_element(std::begin(buckets), std::end(buckets));
    QVERIFY2(*lo > 256 * 0.75 && *hi < 256 * 1.25, qPrintable(QStringLiteral("min %1 max %2").arg(*lo).arg(*hi)));
    // Malformed frames hash to 0 (no flow).
    QCOMPARE(flowHash(cspan(tcp).first(10), parseFrame(cspan(tcp).first(10))), quint32(0));
}

void TestPacket::pcapRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("round.pcap")).toStdString();
    const QByteArray frames[] = {hx(kArpRequest), hx(kIcmpEcho), nvgreFrame()};
    {
        auto w = PcapWriter::open(path);
        QVERIFY(w.ok());
        std::uint64_t ts = 1700000000123456ull;
        for (const auto &f : frames)
            w->write(cspan(f), ts++);
        QVERIFY(w->flush().ok());
        w->close();
        w->write(cspan(frames[0]), 1);  // ignored after close
    }
    auto reader = PcapReader::open(path);
    QVERIFY(reader.ok());
    PcapRecord rec;
    std::uint64_t ts = 1700000000123456ull;
    for (const auto &f : frames) {
        QVERIFY(reader->next(rec));
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(rec.bytes.data()), int(rec.bytes.size())), f);
        QCOMPARE(rec.originalBytes, quint32(f.size()));
        QCOMPARE(rec.timestampUs, ts++);
    }
    QVERIFY(!reader->next(rec));
    QVERIFY(reader->error().empty());
}

void TestPacket::pcapReportsErrors()
{
    QTemporaryDir dir;
    auto missing = PcapReader::open(dir.filePath(QStringLiteral("missing.pcap")).toStdString());
    QVERIFY(!missing.ok());
    QVERIFY(!missing.error().message.empty());
    QFile junk(dir.filePath(QStringLiteral("junk.pcap")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("this is not a capture file at all");
    junk.close();
    QVERIFY(!PcapReader::open(junk.fileName().toStdString()).ok());
    QVERIFY(!PcapWriter::open(dir.filePath(QStringLiteral("no/such/dir/x.pcap")).toStdString()).ok());
}

QTEST_GUILESS_MAIN(TestPacket)
#include "tst_packet.moc"
