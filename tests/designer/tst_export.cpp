// Diagram export (designer/export): SVG is well-formed XML with each node's name as a <text>
// element, PNG has the requested size and background, PDF opens with one page holding the
// names, selection and highlight exports leave the scene as it was, and the CLI entry point
// returns CLI.md's exit codes.
// moc only needs QObject here; it cannot parse the C++20 library headers these pull in.
#ifndef Q_MOC_RUN
#include <netvirt/designer/design_document.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/diagram_scene.h>
#include <netvirt/designer/edge_item.h>
#include <netvirt/designer/export/diagram_export.h>
#include <netvirt/designer/layout/auto_arrange.h>
#endif

#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QXmlStreamReader>
#include <QtTest>

using namespace netvirt;
using namespace netvirt::designer;

namespace {

QString examplePath(const QString &name)
{
    return QStringLiteral(NETVIRT_SOURCE_DIR "/resources/examples/") + name + QStringLiteral(".json");
}

// Every <text> element's character data.
QStringList svgTexts(const QString &path, QString *xmlError)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *xmlError = f.errorString();
        return {};
    }
    QXmlStreamReader xml(&f);
    QStringList texts;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("text"))
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements);
    }
    if (xml.hasError())
        *xmlError = xml.errorString();
    return texts;
}

// A node title as drawn: whole, or elided with "…" when it is too long for the node.
bool drawnAsText(const QStringList &texts, const QString &name)
{
    for (const QString &t : texts) {
        if (t == name)
            return true;
        if (t.endsWith(QChar(0x2026)) && t.size() > 4 && name.startsWith(t.chopped(1)))
            return true;
    }
    return false;
}

QString pdfText(const QString &pdf)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (tool.isEmpty())
        return {};
    QProcess p;
    p.start(tool, {QStringLiteral("-raw"), pdf, QStringLiteral("-")});
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

int pdfPages(const QString &pdf)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
    if (!tool.isEmpty()) {
        QProcess p;
        p.start(tool, {pdf});
        p.waitForFinished(60000);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(out);
        if (m.hasMatch())
            return m.captured(1).toInt();
    }
    // Without poppler: count the page objects.
    QFile f(pdf);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return int(QString::fromLatin1(f.readAll()).count(QRegularExpression(QStringLiteral("/Type\\s*/Page(?!s)"))));
}

struct Fixture {
    DesignDocument doc;
    DesignSelection selection;
    std::unique_ptr<DiagramScene> scene;

    explicit Fixture(const QString &example)
    {
        const auto loaded = doc.load(examplePath(example));
        if (!loaded)
            qFatal("%s", loaded.error().message.c_str());
        scene = std::make_unique<DiagramScene>(&doc, &selection);
    }
    QStringList nodeTitles() const
    {
        QStringList out;
        for (NodeItem *n : scene->nodes())
            out << n->title();
        return out;
    }
};

} // namespace

class TestExport : public QObject
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
    void svgIsXmlWithTextPerEntity_data();
    void svgIsXmlWithTextPerEntity();
    void pngHasRequestedSize();
    void pngTransparentOrWhite();
    void pdfHasOnePageWithTheNames();
    void selectionExportsOnlyItsNodes();
    void highlightDrawsChainAndRestoresScene();
    void rejectsUnknownHighlight();
    void cliExitCodes();
    void renderDrawsFullDetailWhenScaledDown();

private:
    QTemporaryDir m_dir;
};

void TestExport::svgIsXmlWithTextPerEntity_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"red-blue", "three-tier", "converged-host", "rewrite", "broken"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestExport::svgIsXmlWithTextPerEntity()
{
    QFETCH(QString, name);
    Fixture f(name);
    const QString out = m_dir.filePath(name + QStringLiteral(".svg"));
    DiagramExportOptions options;
    options.format = DiagramFormat::Svg;
    QString error;
    QVERIFY2(exportDiagram(*f.scene, out, options, &error), qPrintable(error));
    QString xmlError;
    const QStringList texts = svgTexts(out, &xmlError);
    QVERIFY2(xmlError.isEmpty(), qPrintable(xmlError));
    QVERIFY(!texts.isEmpty());
    for (const QString &title : f.nodeTitles())
        QVERIFY2(drawnAsText(texts, title), qPrintable(title));
    // Rows (vNICs, NICs, VM subnets) are drawn as text too: full detail at 1:1.
    for (const core::Vm &vm : f.doc.design().vms)
        for (const core::VmNic &nic : vm.nics)
            if (nic.name)
                QVERIFY2(texts.contains(QString::fromStdString(*nic.name)), nic.name->c_str());
}

void TestExport::pngHasRequestedSize()
{
    Fixture f(QStringLiteral("red-blue"));
    const QString out = m_dir.filePath(QStringLiteral("size.png"));
    DiagramExportOptions options;
    options.format = DiagramFormat::Png;
    options.pixelSize = QSize(1234, 567);
    QString error;
    QVERIFY2(exportDiagram(*f.scene, out, options, &error), qPrintable(error));
    QImage image(out);
    QCOMPARE(image.size(), QSize(1234, 567));

    // By scale: scene units × pixelsPerUnit.
    options.pixelSize = QSize();
    options.pixelsPerUnit = 0.5;
    QVERIFY(exportDiagram(*f.scene, out, options, &error));
    const QRectF source = exportSourceRect(*f.scene);
    QCOMPARE(QImage(out).size(), QSize(int(std::ceil(source.width() * 0.5)), int(std::ceil(source.height() * 0.5))));
}

void TestExport::pngTransparentOrWhite()
{
    Fixture f(QStringLiteral("three-tier"));
    DiagramExportOptions options;
    options.format = DiagramFormat::Png;
    options.pixelSize = QSize(400, 2000); // tall: the diagram is letterboxed top and bottom
    options.background = ExportBackground::Transparent;
    const QString out = m_dir.filePath(QStringLiteral("bg.png"));
    QVERIFY(exportDiagram(*f.scene, out, options));
    QImage transparent(out);
    QVERIFY(transparent.hasAlphaChannel());
    QCOMPARE(qAlpha(transparent.pixel(0, 0)), 0);
    options.background = ExportBackground::White;
    QVERIFY(exportDiagram(*f.scene, out, options));
    QCOMPARE(QImage(out).pixelColor(0, 0), QColor(Qt::white));
    QCOMPARE(f.scene->backgroundBrush().color(), QColor(0xf3, 0xf4, 0xf6)); // restored
}

void TestExport::pdfHasOnePageWithTheNames()
{
    Fixture f(QStringLiteral("converged-host"));
    const QString out = m_dir.filePath(QStringLiteral("diagram.pdf"));
    DiagramExportOptions options;
    options.format = DiagramFormat::Pdf;
    options.pageSize = QPageSize::A3;
    QString error;
    QVERIFY2(exportDiagram(*f.scene, out, options, &error), qPrintable(error));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
    QCOMPARE(pdfPages(out), 1);
    const QString text = pdfText(out);
    if (text.isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed: names not checked");
    QString flat = text;
    flat.remove(QRegularExpression(QStringLiteral("\\s")));
    for (QString title : f.nodeTitles()) {
        title.remove(QRegularExpression(QStringLiteral("\\s")));
        QVERIFY2(flat.contains(title) || flat.contains(title.left(12)), qPrintable(title));
    }
}

void TestExport::selectionExportsOnlyItsNodes()
{
    Fixture f(QStringLiteral("red-blue"));
    const core::Design &d = f.doc.design();
    QVERIFY(d.vms.size() >= 2);
    const core::Vm &vm = d.vms.front();
    QHash<QGraphicsItem *, bool> visibleBefore;
    for (QGraphicsItem *item : f.scene->items())
        visibleBefore.insert(item, item->isVisible());
    DiagramExportOptions options;
    options.format = DiagramFormat::Svg;
    options.selection = {QString::fromStdString(vm.id), QString::fromStdString(vm.host)};
    const QString out = m_dir.filePath(QStringLiteral("selection.svg"));
    QString error;
    QVERIFY2(exportDiagram(*f.scene, out, options, &error), qPrintable(error));
    QString xmlError;
    const QStringList texts = svgTexts(out, &xmlError);
    QVERIFY(xmlError.isEmpty());
    QVERIFY(texts.contains(QString::fromStdString(vm.name)));
    QVERIFY(!texts.contains(QString::fromStdString(d.vms.back().name)));
    // Every item is as visible as before (supporting edges stay hidden, the rest come back).
    for (QGraphicsItem *item : f.scene->items())
        QCOMPARE(item->isVisible(), visibleBefore.value(item));
}

void TestExport::highlightDrawsChainAndRestoresScene()
{
    Fixture f(QStringLiteral("red-blue"));
    const core::Vm &vm = f.doc.design().vms.front();
    DiagramExportOptions options;
    options.format = DiagramFormat::Png;
    options.pixelSize = QSize(900, 500);
    const QString plain = m_dir.filePath(QStringLiteral("plain.png"));
    const QString lit = m_dir.filePath(QStringLiteral("highlight.png"));
    QVERIFY(exportDiagram(*f.scene, plain, options));
    options.highlight = QString::fromStdString(vm.id);
    QVERIFY(exportDiagram(*f.scene, lit, options));
    QVERIFY(QImage(plain) != QImage(lit));
    QVERIFY(f.selection.ids().isEmpty());
    for (NodeItem *n : f.scene->nodes())
        QCOMPARE(n->opacity(), 1.0);
    // A logical network highlights the chains through it.
    options.highlight = QString::fromStdString(f.doc.design().logicalNetworks.front().id);
    QVERIFY(exportDiagram(*f.scene, lit, options));
    // The user's own selection comes back after an export.
    f.selection.setIds({QString::fromStdString(vm.id)});
    QVERIFY(exportDiagram(*f.scene, lit, options));
    QCOMPARE(f.selection.ids(), QStringList{QString::fromStdString(vm.id)});
}

void TestExport::rejectsUnknownHighlight()
{
    Fixture f(QStringLiteral("red-blue"));
    DiagramExportOptions options;
    options.highlight = QStringLiteral("no-such-entity");
    QString error;
    QVERIFY(!exportDiagram(*f.scene, m_dir.filePath(QStringLiteral("x.svg")), options, &error));
    QVERIFY(error.contains(QLatin1String("no-such-entity")));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.svg"))));
}

void TestExport::cliExitCodes()
{
    QString errText;
    QTextStream err(&errText);
    const QString out = m_dir.filePath(QStringLiteral("cli.svg"));
    QCOMPARE(exportDiagramCli(examplePath(QStringLiteral("broken")), DiagramFormat::Svg, out, {}, err), 0);
    QVERIFY(QFile::exists(out));
    const QString vmId = QString::fromStdString(Fixture(QStringLiteral("red-blue")).doc.design().vms.front().id);
    QCOMPARE(exportDiagramCli(examplePath(QStringLiteral("red-blue")), DiagramFormat::Pdf,
                              m_dir.filePath(QStringLiteral("cli.pdf")), vmId, err),
             0);
    QCOMPARE(pdfPages(m_dir.filePath(QStringLiteral("cli.pdf"))), 1);
    errText.clear();
    QCOMPARE(exportDiagramCli(m_dir.filePath(QStringLiteral("missing.json")), DiagramFormat::Png,
                              m_dir.filePath(QStringLiteral("cli.png")), {}, err),
             2);
    err.flush();
    QVERIFY(errText.contains(QLatin1String("missing.json")));
    QCOMPARE(errText.count(QLatin1Char('\n')), 1);
    errText.clear();
    QCOMPARE(exportDiagramCli(examplePath(QStringLiteral("red-blue")), DiagramFormat::Png,
                              m_dir.filePath(QStringLiteral("cli.png")), QStringLiteral("nope"), err),
             2);
    err.flush();
    QVERIFY(errText.contains(QLatin1String("nope")));
    QCOMPARE(exportDiagramCli(examplePath(QStringLiteral("red-blue")), DiagramFormat::Png,
                              m_dir.filePath(QStringLiteral("no/such/dir/cli.png")), {}, err),
             2);
}

void TestExport::renderDrawsFullDetailWhenScaledDown()
{
    // A 20% PDF still carries every node title as text (recorded at 1:1, replayed scaled).
    Fixture f(QStringLiteral("broken"));
    const QString out = m_dir.filePath(QStringLiteral("small.pdf"));
    DiagramExportOptions options;
    options.format = DiagramFormat::Pdf;
    options.pageSize = QPageSize::A5;
    QVERIFY(exportDiagram(*f.scene, out, options));
    const QString text = pdfText(out);
    if (text.isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed");
    const QString first = f.nodeTitles().front();
    QVERIFY2(text.simplified().remove(QLatin1Char(' ')).contains(QString(first).remove(QLatin1Char(' ')).left(10)),
             qPrintable(first));
}

QTEST_MAIN(TestExport)
#include "tst_export.moc"
