// Addresses, prefixes and MACs: the parsing every rule and the IPAM rely on.
#include <QtTest>

#include <netvirt/core/net/address.h>

using namespace netvirt::core::net;

class TstAddress : public QObject {
    Q_OBJECT
private slots:
    void parsesPrefixes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("error"); // 0 none, else PrefixError
        QTest::addColumn<QString>("network");
        QTest::newRow("v4") << "10.1.1.0/24" << 0 << "10.1.1.0/24";
        QTest::newRow("host bits") << "10.1.1.7/24" << int(PrefixError::HostBitsSet) << "10.1.1.0/24";
        QTest::newRow("length 33") << "10.1.1.0/33" << int(PrefixError::BadLength) << "";
        QTest::newRow("no slash") << "10.1.1.0" << int(PrefixError::Syntax) << "";
        QTest::newRow("garbage") << "ten/8" << int(PrefixError::Syntax) << "";
        QTest::newRow("empty length") << "10.0.0.0/" << int(PrefixError::Syntax) << "";
        QTest::newRow("v6") << "2001:db8::/32" << 0 << "2001:db8::/32";
        QTest::newRow("v6 host bits") << "2001:db8::1/64" << int(PrefixError::HostBitsSet) << "2001:db8::/64";
    }
    void parsesPrefixes()
    {
        QFETCH(QString, text);
        QFETCH(int, error);
        QFETCH(QString, network);
        auto r = parsePrefix(text.toStdString());
        QCOMPARE(r.error ? int(*r.error) : 0, error);
        if (!network.isEmpty())
            QCOMPARE(QString::fromStdString(r.prefix->toString()), network);
        QCOMPARE(parseStrictPrefix(text.toStdString()).has_value(), error == 0);
    }

    void containsAndOverlaps()
    {
        auto a = *parseStrictPrefix("10.1.0.0/16");
        auto b = *parseStrictPrefix("10.1.1.0/24");
        auto c = *parseStrictPrefix("10.2.0.0/16");
        auto v6 = *parseStrictPrefix("::/0");
        QVERIFY(a.contains(b));
        QVERIFY(!b.contains(a));
        QVERIFY(a.overlaps(b) && b.overlaps(a));
        QVERIFY(!a.overlaps(c));
        QVERIFY(!v6.overlaps(a)); // families never overlap
        QVERIFY(b.contains(*parseAddress("10.1.1.255")));
        QVERIFY(!b.contains(*parseAddress("10.1.2.0")));
        QCOMPARE(QString::fromStdString(b.firstHost().to_string()), QStringLiteral("10.1.1.1"));
    }

    void rangesCountAddresses()
    {
        auto r = parseRange("10.0.0.10-10.0.0.19");
        QVERIFY(r);
        QCOMPARE(span(r->first, r->last), std::uint64_t{10});
        QVERIFY(!parseRange("10.0.0.19-10.0.0.10")); // reversed
        QVERIFY(!parseRange("10.0.0.1-2001:db8::1")); // mixed families
        auto single = parseRange("192.168.1.1");
        QVERIFY(single && span(single->first, single->last) == 1);
        auto whole = *parseStrictPrefix("::/0");
        QCOMPARE(span(whole.first(), whole.last()), UINT64_MAX); // saturates
        QCOMPARE(QString::fromStdString(fromKey(next(toKey(*parseAddress("10.0.0.255"))), true).to_string()),
                 QStringLiteral("10.0.1.0"));
    }

    void parsesMacs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("colons") << "00:15:5d:01:00:01" << "00:15:5D:01:00:01";
        QTest::newRow("dashes") << "00-1D-D8-B7-1C-01" << "00:1D:D8:B7:1C:01";
        QTest::newRow("bare") << "00155D010001" << "00:15:5D:01:00:01";
        QTest::newRow("short") << "00:15:5D:01:00" << "";
        QTest::newRow("bad hex") << "00:15:5D:01:00:0G" << "";
        QTest::newRow("mixed separators") << "00:15-5D:01:00:01" << "";
    }
    void parsesMacs()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        auto m = parseMac(text.toStdString());
        QCOMPARE(m.has_value(), !canonical.isEmpty());
        if (m) {
            QCOMPARE(QString::fromStdString(m->toString()), canonical);
            QCOMPARE(MacAddress::fromU64(m->toU64()), *m);
        }
        QVERIFY(parseMac("01:00:5E:00:00:01")->isMulticast());
    }
};

QTEST_GUILESS_MAIN(TstAddress)
#include "tst_address.moc"
