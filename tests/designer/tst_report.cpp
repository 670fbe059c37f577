// The design-review report (designer/export/report): a PDF that opens, has the title page,
// the diagram page and the paginated tables, names every entity and every violated rule,
// shows pool utilisation and VSIDs as the design and IPAM have them, and the CLI entry point
// returns CLI.md's exit codes.
// moc only needs QObject here; it cannot parse the C++20 library headers these pull in.
#ifndef Q_MOC_RUN
#include <netvirt/designer/design_document.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/diagram_scene.h>
#include <netvirt/designer/export/diagram_export.h>
#include <netvirt/designer/export/report.h>

#include <netvirt/core/io/design_io.h>
#include <netvirt/core/ipam/ipam.h>
#include <netvirt/core/rules/rule_engine.h>
#endif

#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

using namespace netvirt;
using namespace netvirt::designer;

namespace {

QString examplePath(const QString &name)
{
    return QStringLiteral(NETVIRT_SOURCE_DIR "/resources/examples/") + name + QStringLiteral(".json");
}

QString runTool(const QString &name, const QStringList &args)
{
    const QString tool = QStandardPaths::findExecutable(name);
    if (tool.isEmpty())
        return {};
    QProcess p;
    p.start(tool, args);
    p.waitForFinished(120000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

int pdfPages(const QString &pdf)
{
    const QString info = runTool(QStringLiteral("pdfinfo"), {pdf});
    const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
    if (m.hasMatch())
        return m.captured(1).toInt();
    QFile f(pdf);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return int(QString::fromLatin1(f.readAll()).count(QRegularExpression(QStringLiteral("/Type\\s*/Page(?!s)"))));
}

// The report's text with all white space removed, so that words wrapped inside narrow table
// cells still compare whole.
QString flatText(const QString &pdf)
{
    QString text = runTool(QStringLiteral("pdftotext"), {QStringLiteral("-raw"), pdf, QStringLiteral("-")});
    text.remove(QRegularExpression(QStringLiteral("\\s")));
    return text;
}

QString flat(QString s)
{
    s.remove(QRegularExpression(QStringLiteral("\\s")));
    return s;
}

bool havePoppler()
{
    return !QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty();
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (qEnvironmentVariableIsSet("NETVIRT_KEEP_TEST_OUTPUT")) { // to look at the files
            m_dir.setAutoRemove(false);
            qInfo("output kept in %s", qPrintable(m_dir.path()));
        }
    }
    void writesReadableReport_data();
    void writesReadableReport();
    void tablesMatchTheDesign();
    void usesTheDiagramCallback();
    void failsCleanlyOnUnwritablePath();
    void cliExitCodes();

private:
    QTemporaryDir m_dir;
};

void TestReport::writesReadableReport_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"red-blue", "three-tier", "converged-host", "rewrite", "broken"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestReport::writesReadableReport()
{
    QFETCH(QString, name);
    DesignDocument doc;
    QVERIFY(doc.load(examplePath(name)).ok());
    DesignSelection selection;
    DiagramScene scene(&doc, &selection);
    const core::Design &d = doc.design();
    const auto violations = core::rules::RuleEngine().validate(d);

    ReportOptions options;
    options.designFile = name + QStringLiteral(".json");
    options.renderDiagram = [&scene](QPainter &p, const QRectF &r) { renderScene(scene, p, r, exportSourceRect(scene)); };
    const QString out = m_dir.filePath(name + QStringLiteral(".pdf"));
    QString error;
    QVERIFY2(writeReport(d, violations, out, options, &error), qPrintable(error));

    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(5), QByteArray("%PDF-"));
    const int pages = pdfPages(out);
    QVERIFY2(pages >= 3, qPrintable(QString::number(pages))); // title, diagram, tables
    qInfo().noquote() << name << QStringLiteral("report:") << pages << QStringLiteral("pages,") << violations.size()
                      << QStringLiteral("findings");

    if (!havePoppler())
        QSKIP("pdftotext (poppler-utils) is not installed: text not checked");
    const QString text = flatText(out);
    // The title page states the page count and the validation summary.
    QVERIFY2(text.contains(flat(QStringLiteral("Pages %1").arg(pages))), "page count on the title page");
    const core::rules::Summary s = core::rules::summarize(violations);
    QVERIFY(text.contains(flat(QStringLiteral("%1 error").arg(s.errors))));
    QVERIFY(text.contains(flat(QStringLiteral("Page %1 of %1").arg(pages))));
    // Every entity by name, every violated rule by id.
    for (const auto &[id, kind] : d.allEntities()) {
        const QString n = flat(QString::fromStdString(d.displayName(id)).toHtmlEscaped().replace(QLatin1String("&amp;"),
                                                                                                  QLatin1String("&")));
        QVERIFY2(text.contains(n), qPrintable(QStringLiteral("%1 (%2)").arg(n, QString::fromStdString(id))));
    }
    for (const core::rules::Violation &v : violations)
        QVERIFY2(text.contains(QString::fromStdString(v.rule)), v.rule.c_str());
    if (violations.empty())
        QVERIFY(text.contains(flat(QStringLiteral("Validates clean."))));
    else if (!core::rules::isClean(violations))
        QVERIFY(text.contains(flat(QStringLiteral("Not clean."))));
}

void TestReport::tablesMatchTheDesign()
{
    // Pool utilisation from IPAM and VSIDs from the VM subnets, in the report's own HTML.
    for (const char *name : {"red-blue", "rewrite", "broken"}) {
        auto loaded = core::io::loadDesign(examplePath(QString::fromLatin1(name)).toStdString());
        QVERIFY(loaded);
        const core::Design &d = *loaded;
        const auto violations = core::rules::RuleEngine().validate(d);
        const QString html = reportBodyHtml(d, violations);
        const core::ipam::Allocation alloc = core::ipam::allocate(d);
        for (const core::IpPool &p : d.ipPools) {
            const auto it = alloc.poolUse.find(p.id);
            const std::size_t used = it == alloc.poolUse.end() ? 0 : it->second;
            QVERIFY2(html.contains(QStringLiteral("%1 / ").arg(used)), p.id.c_str());
            QVERIFY(html.contains(QString::fromStdString(p.start)));
        }
        for (const core::VmNetwork &n : d.vmNetworks)
            for (const core::VmSubnet &s : n.subnets) {
                QVERIFY(html.contains(QStringLiteral("<td valign=\"top\">%1</td>").arg(s.vsid)));
                QVERIFY(html.contains(QString::fromStdString(s.prefix)));
            }
        // One findings row per violation (plus the header row).
        const int findingsEnd = html.indexOf(QLatin1String("</table>"));
        if (!violations.empty())
            QCOMPARE(html.left(findingsEnd).count(QLatin1String("<tr>")), int(violations.size()) + 1);
        // Addresses that IPAM allocates are shown as such.
        bool allocated = false;
        for (const core::Host &h : d.hosts)
            allocated = allocated || ((!h.providerAddresses || h.providerAddresses->empty())
                                      && alloc.providerAddresses.count(h.id) && !alloc.providerAddresses.at(h.id).empty());
        for (const core::Vm &vm : d.vms)
            for (const core::VmNic &nic : vm.nics)
                allocated = allocated || (!nic.ip && alloc.nicAddress.count(nic.id)) || (!nic.mac && alloc.nicMac.count(nic.id));
        QCOMPARE(html.contains(QLatin1String("(allocated)")), allocated);
    }
}

void TestReport::usesTheDiagramCallback()
{
    auto loaded = core::io::loadDesign(examplePath(QStringLiteral("three-tier")).toStdString());
    QVERIFY(loaded);
    int calls = 0;
    QRectF area;
    ReportOptions options;
    options.renderDiagram = [&](QPainter &p, const QRectF &r) {
        ++calls;
        area = r;
        p.drawText(r, Qt::AlignCenter, QStringLiteral("DIAGRAMHOOK"));
    };
    const QString out = m_dir.filePath(QStringLiteral("hook.pdf"));
    QVERIFY(writeReport(*loaded, {}, out, options));
    QCOMPARE(calls, 1);
    QVERIFY(area.width() > area.height()); // the diagram page is landscape
    if (havePoppler())
        QVERIFY(flatText(out).contains(QLatin1String("DIAGRAMHOOK")));
}

void TestReport::failsCleanlyOnUnwritablePath()
{
    auto loaded = core::io::loadDesign(examplePath(QStringLiteral("red-blue")).toStdString());
    QVERIFY(loaded);
    QString error;
    QVERIFY(!writeReport(*loaded, {}, m_dir.filePath(QStringLiteral("no/such/dir/r.pdf")), {}, &error));
    QVERIFY(!error.isEmpty());
}

void TestReport::cliExitCodes()
{
    QString errText;
    QTextStream err(&errText);
    // broken.json has errors: the report is written and the exit status says so.
    const QString broken = m_dir.filePath(QStringLiteral("broken-cli.pdf"));
    QCOMPARE(reportCli(examplePath(QStringLiteral("broken")), broken, err), 1);
    QVERIFY(QFile::exists(broken));
    auto clean = core::io::loadDesign(examplePath(QStringLiteral("red-blue")).toStdString());
    QVERIFY(clean);
    const int expected = core::rules::summarize(core::rules::RuleEngine().validate(*clean)).errors ? 1 : 0;
    QCOMPARE(reportCli(examplePath(QStringLiteral("red-blue")), m_dir.filePath(QStringLiteral("rb.pdf")), err), expected);
    QCOMPARE(reportCli(m_dir.filePath(QStringLiteral("missing.json")), m_dir.filePath(QStringLiteral("m.pdf")), err), 2);
    err.flush();
    QVERIFY(errText.contains(QLatin1String("missing.json")));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("m.pdf"))));
}

QTEST_MAIN(TestReport)
#include "tst_report.moc"
