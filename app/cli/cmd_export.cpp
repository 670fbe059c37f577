// netvirt export and netvirt report: drawn by the designer module, without a display (Qt's
// offscreen platform is chosen when there is none).
#include "cli.h"

#include <ostream>

#ifdef NETVIRT_HAVE_DESIGNER
#include <netvirt/designer/export/diagram_export.h>
#include <netvirt/designer/export/report.h>

#include <QApplication>
#include <QString>
#include <QTextStream>
#endif

namespace netvirt::cli {

#ifdef NETVIRT_HAVE_DESIGNER
namespace {

// Runs `body` inside a QApplication, relaying what it writes for the user to `err`.
template <typename Body>
int withApplication(std::ostream &err, Body body)
{
    designer::useOffscreenIfHeadless();
    static int argc = 1;
    static char name[] = "netvirt";
    static char *argv[] = {name, nullptr};
    QApplication app(argc, argv);
    QString message;
    QTextStream stream(&message);
    const int code = body(stream);
    stream.flush();
    err << message.toStdString();
    return code;
}

} // namespace

int runExport(const ParsedArgs &args, std::ostream &out, std::ostream &err)
{
    int formats = args.has("--svg") + args.has("--png") + args.has("--pdf");
    if (formats != 1)
        return usageError(err, "export", "give exactly one of --svg OUT, --png OUT or --pdf OUT");
    designer::DiagramFormat format = designer::DiagramFormat::Svg;
    std::string outPath = args.value("--svg");
    if (args.has("--png")) {
        format = designer::DiagramFormat::Png;
        outPath = args.value("--png");
    } else if (args.has("--pdf")) {
        format = designer::DiagramFormat::Pdf;
        outPath = args.value("--pdf");
    }
    const int code = withApplication(err, [&](QTextStream &stream) {
        return designer::exportDiagramCli(QString::fromStdString(args.positional[0]), format,
                                          QString::fromStdString(outPath),
                                          QString::fromStdString(args.value("--highlight")), stream);
    });
    if (code == kExitOk)
        out << "wrote " << outPath << '\n';
    return code;
}

int runReport(const ParsedArgs &args, std::ostream &out, std::ostream &err)
{
    if (!args.has("-o"))
        return usageError(err, "report", "-o REVIEW.pdf is required");
    const std::string outPath = args.value("-o");
    const int code = withApplication(err, [&](QTextStream &stream) {
        return designer::reportCli(QString::fromStdString(args.positional[0]), QString::fromStdString(outPath), stream);
    });
    if (code != kExitUsage)
        out << "wrote " << outPath << '\n';
    return code;
}

#else

int runExport(const ParsedArgs &, std::ostream &, std::ostream &err)
{
    return usageError(err, "export", "this build has no designer module (configured with NETVIRT_BUILD_GUI=OFF)");
}

int runReport(const ParsedArgs &, std::ostream &, std::ostream &err)
{
    return usageError(err, "report", "this build has no designer module (configured with NETVIRT_BUILD_GUI=OFF)");
}

#endif

} // namespace netvirt::cli
