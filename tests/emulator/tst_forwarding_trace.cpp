// netvirt trace on every bundled example (CLI.md): same-subnet and routed traffic delivered,
// traffic that would leave the routing domain dropped for isolation, an unknown on-link
// address no-route; plus the pipeline verdicts for a spoofed source and an oversize frame on
// each example, and the text/JSON formats.
#include <QtTest>

#include <nlohmann/json.hpp>

#include <netvirt/core/io/design_io.h>
#include <netvirt/emulator/forwarding/pipeline.h>
#include <netvirt/emulator/packet/packet.h>
#include <netvirt/emulator/trace/packet_trace.h>

using namespace netvirt;
using namespace netvirt::emulator;

namespace {

core::Design loadExample(const QString &name)
{
    auto d = core::io::loadDesign(std::string(NETVIRT_SOURCE_DIR) + "/resources/examples/" + name.toStdString() + ".json");
    if (!d)
        qFatal("cannot load %s", qPrintable(name));
    return std::move(d).value();
}

} // namespace

class TestForwardingTrace : public QObject {
    Q_OBJECT

private slots:
    void verdicts_data()
    {
        QTest::addColumn<QString>("example");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("proto");
        QTest::addColumn<QString>("verdict");
        // red-blue: two tenants with the same 10.1.1.0/24.
        QTest::newRow("red-blue same subnet") << "red-blue" << "vm-red-web1" << "10.1.1.8" << "icmp" << "delivered";
        QTest::newRow("red-blue blue same subnet") << "red-blue" << "vm-blue-web1" << "10.1.1.8" << "udp" << "delivered";
        QTest::newRow("red-blue unknown on-link") << "red-blue" << "vm-red-web1" << "10.1.1.99" << "icmp" << "dropped: no-route";
        QTest::newRow("red-blue leaves the routing domain") << "red-blue" << "vm-red-web1" << "10.2.0.1" << "icmp" << "dropped: isolation";
        // three-tier: one routing domain, three VM subnets, a gateway for 0.0.0.0/0.
        QTest::newRow("three-tier same subnet") << "three-tier" << "vm-ct-web1" << "10.0.1.11" << "tcp" << "delivered";
        QTest::newRow("three-tier routed web->db") << "three-tier" << "vm-ct-web1" << "10.0.3.10" << "icmp" << "delivered";
        QTest::newRow("three-tier routed app->web") << "three-tier" << "vm-ct-app2/nic0" << "10.0.1.10" << "udp" << "delivered";
        QTest::newRow("three-tier to the gateway prefix") << "three-tier" << "vm-ct-db1" << "198.51.100.7" << "icmp" << "delivered";
        QTest::newRow("three-tier routed, no record") << "three-tier" << "vm-ct-web1" << "10.0.3.99" << "icmp" << "dropped: no-route";
        // converged-host: one isolated network next to standard ones.
        QTest::newRow("converged same subnet") << "converged-host" << "vm-contoso-app1" << "10.0.0.11" << "icmp" << "delivered";
        QTest::newRow("converged leaves the routing domain") << "converged-host" << "vm-contoso-app1" << "172.16.0.20" << "icmp" << "dropped: isolation";
        // rewrite: IP Rewrite, two VM subnets.
        QTest::newRow("rewrite same subnet") << "rewrite" << "vm-fab-web1" << "10.2.0.11" << "tcp" << "delivered";
        QTest::newRow("rewrite routed") << "rewrite" << "vm-fab-web1" << "10.2.1.10" << "udp" << "delivered";
        QTest::newRow("rewrite leaves the routing domain") << "rewrite" << "vm-fab-web1" << "10.1.1.7" << "icmp" << "dropped: isolation";
        // broken: still traceable where its policy is sound.
        QTest::newRow("broken same subnet") << "broken" << "vm-red-web1" << "10.1.1.20" << "icmp" << "delivered";
        QTest::newRow("broken Red to Green's addresses") << "broken" << "vm-red-web1" << "192.168.1.5" << "icmp" << "dropped: isolation";
    }
    void verdicts()
    {
        QFETCH(QString, example);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, proto);
        QFETCH(QString, verdict);
        const auto d = loadExample(example);
        auto r = trace::runTrace(d, from.toStdString(), to.toStdString(), *trace::parseProto(proto.toStdString()));
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        const std::string text = trace::printTraceText(*r);
        const auto lastLine = text.substr(text.rfind('\n', text.size() - 2) + 1);
        QVERIFY2(lastLine == verdict.toStdString() + "\n", text.c_str());
        QCOMPARE(r->exitCode(), verdict == "delivered" ? 0 : 1);
        QCOMPARE(r->steps.front().stage, std::string("ingress"));
    }

    void textMatchesCliExampleLayout()
    {
        const auto d = loadExample("red-blue");
        auto r = trace::runTrace(d, "vm-red-web1", "10.1.1.8");
        QVERIFY(r.ok());
        const auto text = trace::printTraceText(*r);
        const QStringList lines = QString::fromStdString(text).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines[0], QStringLiteral("1 host-a  ingress   port vm-red-web1/nic0 vsid 5001 ca 10.1.1.7"));
        QCOMPARE(lines[1], QStringLiteral("2 host-a  lookup    10.1.1.8 vsid 5001 -> pa 192.168.2.10 (host-b) encap"));
        QVERIFY(QRegularExpression(QStringLiteral("^3 host-a  encap     NVGRE 192\\.168\\.1\\.10 -> 192\\.168\\.2\\.10 key 0x001389([0-9a-f]{2}) \\(vsid 5001 flow 0x\\1\\)$"))
                    .match(lines[2]).hasMatch());
        QCOMPARE(lines[3], QStringLiteral("4 host-b  decap     vsid 5001"));
        QCOMPARE(lines[4], QStringLiteral("5 host-b  deliver   port vm-red-web2/nic0"));
        QCOMPARE(lines[5], QStringLiteral("delivered"));
    }

    void flowIdOffShowsZeroFlow()
    {
        auto d = loadExample("red-blue");
        d.emulation["flowId"] = false;
        auto r = trace::runTrace(d, "vm-red-web1", "10.1.1.8");
        QVERIFY(r.ok());
        QCOMPARE(r->steps[2].detail, std::string("NVGRE 192.168.1.10 -> 192.168.2.10 key 0x00138900 (vsid 5001 flow 0x00)"));
    }

    void jsonHasTheSameSteps()
    {
        const auto d = loadExample("three-tier");
        auto r = trace::runTrace(d, "vm-ct-web1", "10.0.3.10");
        QVERIFY(r.ok());
        const auto j = nlohmann::json::parse(trace::printTraceJson(*r));
        QCOMPARE(j["result"].get<std::string>(), std::string("delivered"));
        QCOMPARE(j["steps"].size(), r->steps.size());
        for (std::size_t i = 0; i < r->steps.size(); ++i) {
            QCOMPARE(j["steps"][i]["step"].get<int>(), int(i + 1));
            QCOMPARE(j["steps"][i]["host"].get<std::string>(), r->steps[i].host);
            QCOMPARE(j["steps"][i]["stage"].get<std::string>(), r->steps[i].stage);
            QCOMPARE(j["steps"][i]["detail"].get<std::string>(), r->steps[i].detail);
        }
        QCOMPARE(r->steps[1].stage, std::string("route"));
        auto dropped = trace::runTrace(loadExample("red-blue"), "vm-red-web1", "10.2.0.1");
        const auto jd = nlohmann::json::parse(trace::printTraceJson(*dropped));
        QCOMPARE(jd["result"].get<std::string>(), std::string("dropped"));
        QCOMPARE(jd["reason"].get<std::string>(), std::string("isolation"));
    }

    void badArgumentsAreErrors()
    {
        const auto d = loadExample("red-blue");
        QVERIFY(!trace::runTrace(d, "vm-nope", "10.1.1.8").ok());
        QVERIFY(!trace::runTrace(d, "vm-red-web1", "10.1.1").ok());
        QVERIFY(!trace::runTrace(d, "vm-red-web1", "2001:db8::1").ok());
        QVERIFY(!trace::parseProto("sctp"));
    }

    // The pipeline verdicts that a trace cannot ask for: a spoofed source and an oversize
    // frame, from the first isolated vNIC of every example.
    void spoofedAndOversizeOnEveryExample_data()
    {
        QTest::addColumn<QString>("example");
        for (const char *e : {"red-blue", "three-tier", "converged-host", "rewrite", "broken"})
            QTest::newRow(e) << QString::fromLatin1(e);
    }
    void spoofedAndOversizeOnEveryExample()
    {
        using namespace netvirt::emulator::forwarding;
        using namespace netvirt::emulator::packet;
        QFETCH(QString, example);
        auto snap = PolicySnapshot::build(loadExample(example));
        std::uint32_t port = kNone;
        for (std::uint32_t i = 0; i < snap->ports().size() && port == kNone; ++i)
            if (snap->ports()[i].rd != kNone && snap->ports()[i].record != kNone)
                port = i;
        QVERIFY(port != kNone);
        const auto &p = snap->ports()[port];
        // Another port of the same VSID as the destination, else the router.
        MacAddr dstMac = snap->routingDomains()[p.rd].routerMac;
        Ipv4Addr dstIp = p.gateway.v4();
        for (const auto &rec : snap->records())
            if (rec.vsid == p.vsid && rec.ca != p.ca && rec.port != kNone) {
                dstMac = rec.mac;
                dstIp = rec.ca.v4();
                break;
            }
        ActionList out = ActionList::forSnapshot(*snap);
        PipelineContext ctx;
        ctx.snapshot = snap.get();
        ctx.host = p.host;
        auto send = [&](Ipv4Addr src, std::size_t bytes, bool df) {
            auto buf = std::make_unique<FrameBuffer>();
            Ipv4Endpoints e;
            e.srcMac = p.mac;
            e.dstMac = dstMac;
            e.srcIp = src;
            e.dstIp = dstIp;
            e.dontFragment = df;
            std::vector<std::uint8_t> data(bytes - 28, 0xAB);
            if (!buildIcmpEcho(*buf, e, false, 1, 1, data))
                qFatal("cannot build");
            fromPort(ctx, port, *buf, out);
            for (const auto &a : out)
                if (a.kind == ActionKind::Drop)
                    return std::string(dropReasonName(a.reason));
            return std::string("ok");
        };
        QCOMPARE(send(p.ca.v4() ^ 0x00000100u, 64, true), std::string("spoofed"));
        const auto mtu = snap->hosts()[p.host].providerMtu;
        // NVGRE adds 42 bytes to the IP packet; IP Rewrite adds nothing.
        const std::size_t fits = static_cast<std::size_t>(mtu) - (p.rewrite ? 0 : 42);
        QCOMPARE(send(p.ca.v4(), fits + 1, true), std::string("mtu"));
        QCOMPARE(send(p.ca.v4(), 64, true), std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TestForwardingTrace)
#include "tst_forwarding_trace.moc"
