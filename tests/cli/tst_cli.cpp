// The `netvirt` command line as a user meets it: help, version, exit codes, clear one-line
// errors that name the file and the JSON path, and the file commands (convert, generate,
// allocate) end to end on the real binary.
#include <QtTest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <netvirt/core/io/design_io.h>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &args)
{
    QProcess p;
    p.start(QString::fromLocal8Bit(qgetenv("NETVIRT_CLI")), args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QString kExamples = QStringLiteral(NETVIRT_SOURCE_DIR "/resources/examples/");

} // namespace

class TstCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QString::fromLocal8Bit(qgetenv("NETVIRT_CLI"))),
                 "NETVIRT_CLI must name the built netvirt binary (CTest sets it)");
    }

    void printsVersionAndHelp()
    {
        auto v = runCli({"--version"});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith("netvirt "));
        auto h = runCli({"--help"});
        QCOMPARE(h.exitCode, 0);
        for (const char *cmd : {"validate", "diff", "convert", "allocate", "policy", "trace", "export", "report",
                                "emulate", "ctl", "replay", "generate"})
            QVERIFY2(h.out.contains(QStringLiteral("  %1 ").arg(cmd)), cmd);
    }

    void everySubcommandHasHelp_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *cmd : {"validate", "diff", "convert", "allocate", "policy", "trace", "export", "report",
                                "emulate", "ctl", "replay", "generate"})
            QTest::newRow(cmd) << cmd;
    }
    void everySubcommandHasHelp()
    {
        QFETCH(QString, command);
        auto r = runCli({command, "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("Usage: netvirt " + command));
    }

    void badUsageExitsTwoWithOneLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no command") << QStringList{} << "Usage";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command 'frobnicate'";
        QTest::newRow("unknown option") << QStringList{"validate", "x.json", "--colour"} << "unknown option '--colour'";
        QTest::newRow("bad format") << QStringList{"validate", "x.json", "--format", "xml"} << "takes one of text, json, sarif";
        QTest::newRow("missing value") << QStringList{"policy", "x.json", "--format"} << "needs 1 value";
        QTest::newRow("missing file arg") << QStringList{"convert", "a.json"} << "missing arguments";
        QTest::newRow("generate without -o") << QStringList{"generate", "--hosts", "2", "--vms", "3"} << "missing option -o";
        QTest::newRow("generate bad number") << QStringList{"generate", "--hosts", "two", "--vms", "3", "-o", "/tmp/x.json"}
                                             << "whole number";
    }
    void badUsageExitsTwoWithOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        auto r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void unreadableInputNamesFileAndPath()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath("bad.json");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "netvirt-design", "version": 1, "name": "T", "hosts": [{"id": "h", "name": "H", "hostGroup": "g", "physicalNics": 7}]})");
        f.close();
        auto r = runCli({"validate", bad});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("bad.json") && r.err.contains("hosts[0].physicalNics"), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);

        auto missing = runCli({"convert", dir.filePath("nope.json"), dir.filePath("out.netvirt")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("nope.json"), qPrintable(missing.err));
        QVERIFY(!QFileInfo::exists(dir.filePath("out.netvirt")));
    }

    void convertRoundTripsByteIdentical_data()
    {
        QTest::addColumn<QString>("example");
        const auto files = QDir(kExamples).entryList({"*.json"}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const auto &f : files)
            QTest::newRow(qPrintable(f)) << kExamples + f;
    }
    void convertRoundTripsByteIdentical()
    {
        QFETCH(QString, example);
        QTemporaryDir dir;
        const QString packed = dir.filePath("d.netvirt");
        const QString json1 = dir.filePath("one.json");
        const QString json2 = dir.filePath("two.json");
        QCOMPARE(runCli({"convert", example, json1}).exitCode, 0);
        QCOMPARE(runCli({"convert", json1, packed}).exitCode, 0);
        QCOMPARE(readAll(packed).left(4), QByteArray("\x28\xB5\x2F\xFD", 4)); // zstd magic
        QCOMPARE(runCli({"convert", packed, json2}).exitCode, 0);
        QCOMPARE(readAll(json2), readAll(json1));
    }

    void generateWritesALoadableDesign()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("gen.netvirt");
        auto r = runCli({"generate", "--hosts", "10", "--vms", "200", "--tenants", "4", "-o", out});
        QCOMPARE(r.exitCode, 0);
        auto design = netvirt::core::io::loadDesign(out.toStdString());
        QVERIFY2(design.ok(), design.ok() ? "" : design.error().message.c_str());
        QCOMPARE(design->hosts.size(), std::size_t{10});
        QCOMPARE(design->vms.size(), std::size_t{200});
        // Same options, same bytes.
        const QString again = dir.filePath("again.netvirt");
        QCOMPARE(runCli({"generate", "--hosts", "10", "--vms", "200", "--tenants", "4", "-o", again}).exitCode, 0);
        QCOMPARE(readAll(again), readAll(out));
    }

    void validateExitsOneOnlyForErrors_data()
    {
        QTest::addColumn<QString>("example");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("red-blue") << "red-blue.json" << 0;
        QTest::newRow("three-tier") << "three-tier.json" << 0;
        QTest::newRow("broken") << "broken.json" << 1;
    }
    void validateExitsOneOnlyForErrors()
    {
        QFETCH(QString, example);
        QFETCH(int, exitCode);
        auto r = runCli({"validate", kExamples + example});
        QCOMPARE(r.exitCode, exitCode);
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        QVERIFY2(QRegularExpression(R"(^\d+ errors, \d+ warnings, \d+ infos$)").match(lines.last()).hasMatch(),
                 qPrintable(lines.last()));
        auto json = runCli({"validate", kExamples + example, "--format", "json"});
        QCOMPARE(json.exitCode, exitCode);
        const auto doc = QJsonDocument::fromJson(json.out.toUtf8());
        QVERIFY(doc.isObject());
        QCOMPARE(doc["summary"]["errors"].toInt() > 0, exitCode == 1);
        auto sarif = runCli({"validate", kExamples + example, "--format", "sarif"});
        QCOMPARE(QJsonDocument::fromJson(sarif.out.toUtf8())["version"].toString(), QStringLiteral("2.1.0"));
    }

    void whatIfNamesUnknownIds()
    {
        auto r = runCli({"validate", kExamples + "red-blue.json", "--what-if", "migrate", "vm-nope", "host-b"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("vm-nope"), qPrintable(r.err));
    }

    void traceVerdictsAndExitCodes_data()
    {
        QTest::addColumn<QString>("example");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("verdict");
        QTest::newRow("same subnet, other host") << "red-blue.json" << "vm-red-web1" << "10.1.1.8" << "delivered";
        QTest::newRow("outside the routing domain") << "red-blue.json" << "vm-red-web1" << "10.1.2.10"
                                                    << "dropped: isolation";
        QTest::newRow("routed across VM subnets") << "three-tier.json" << "vm-ct-web1" << "10.0.3.10" << "delivered";
        QTest::newRow("on-link without a record") << "red-blue.json" << "vm-red-web1" << "10.1.1.99"
                                                  << "dropped: no-route";
        QTest::newRow("its own address") << "red-blue.json" << "vm-red-web1" << "10.1.1.7" << "delivered";
    }
    void traceVerdictsAndExitCodes()
    {
        QFETCH(QString, example);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, verdict);
        auto r = runCli({"trace", kExamples + example, "--from", from, "--to", to});
        QCOMPARE(r.out.split('\n', Qt::SkipEmptyParts).last(), verdict);
        QCOMPARE(r.exitCode, verdict == "delivered" ? 0 : 1);
        auto bad = runCli({"trace", kExamples + example, "--from", "vm-nope", "--to", to});
        QCOMPARE(bad.exitCode, 2);
    }

    void emulatesWithEndpointsForADuration()
    {
        auto r = runCli({"emulate", kExamples + "red-blue.json", "--attach", "endpoint", "--duration", "1"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.split('\n', Qt::SkipEmptyParts).contains("ready"), qPrintable(r.out + r.err));
    }

    void exportsAndReportsWithoutADisplay()
    {
        QTemporaryDir dir;
        const QString svg = dir.filePath("d.svg");
        auto r = runCli({"export", kExamples + "red-blue.json", "--svg", svg});
        if (r.exitCode == 2 && r.err.contains("no designer module"))
            QSKIP("this build has no designer module (NETVIRT_BUILD_GUI=OFF)");
        QCOMPARE(r.exitCode, 0);
        const QByteArray bytes = readAll(svg);
        QVERIFY(bytes.contains("<svg"));
        QVERIFY(bytes.contains("HV01"));
        const QString pdf = dir.filePath("review.pdf");
        auto report = runCli({"report", kExamples + "red-blue.json", "-o", pdf});
        QCOMPARE(report.exitCode, 0);
        QVERIFY(readAll(pdf).startsWith("%PDF-"));
        QCOMPARE(runCli({"export", kExamples + "red-blue.json", "--svg", svg, "--png", svg}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
