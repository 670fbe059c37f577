// netvirt-designer: the GUI entry point. Parses the command line, installs translations and
// opens the main window with FILE, or with the bundled Red/Blue example when none is given.
// `--screenshot PNG` renders the window to a file and exits (documentation, CI smoke test).
#include <netvirt/designer/diagram_view.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/diagram_scene.h>
#include <netvirt/designer/main_window.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("NetVirt"));
    QApplication::setApplicationName(QStringLiteral("NetVirt Designer"));
    QApplication::setApplicationVersion(QStringLiteral(NETVIRT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("netvirt-designer"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/netvirt-designer.svg")));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("netvirt_designer"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Draw, validate and emulate Hyper-V Network Virtualization designs."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QApplication::translate("main", "Design to open (.netvirt or .json)."),
                                 QStringLiteral("[file]"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QApplication::translate("main", "Render the main window to <png> and exit."),
                                  QStringLiteral("png"));
    QCommandLineOption size(QStringLiteral("size"),
                            QApplication::translate("main", "Window size for --screenshot, as WIDTHxHEIGHT."),
                            QStringLiteral("size"), QStringLiteral("1600x1000"));
    QCommandLineOption select(QStringLiteral("select"),
                              QApplication::translate("main", "Select an entity by id after opening."),
                              QStringLiteral("id"));
    QCommandLineOption arrange(QStringLiteral("arrange"),
                               QApplication::translate("main", "Arrange the diagram in lanes after opening (an undoable edit)."));
    parser.addOption(arrange);
    parser.addOption(screenshot);
    parser.addOption(size);
    parser.addOption(select);
    parser.process(app);

    netvirt::designer::MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) {
        if (!window.openFile(QDir::current().absoluteFilePath(files.front())) && parser.isSet(screenshot))
            std::fprintf(stderr, "netvirt-designer: %s\n", qPrintable(window.bannerText()));
    } else {
        window.openExample(QStringLiteral("red-blue"));
    }

    if (parser.isSet(arrange))
        window.scene()->autoLayoutAll();

    if (parser.isSet(screenshot)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        window.resize(wh.value(0).toInt() > 0 ? wh.value(0).toInt() : 1600, wh.value(1).toInt() > 0 ? wh.value(1).toInt() : 1000);
        window.show();
        const QString path = parser.value(screenshot);
        const QString selectId = parser.value(select);
        QTimer::singleShot(200, &window, [&window, path, selectId] {
            window.view()->zoomToFit();
            if (!selectId.isEmpty())
                window.selection()->setIds({selectId});
            QTimer::singleShot(200, &window, [&window, path] {
                const bool ok = window.saveScreenshot(path);
                std::fprintf(stderr, ok ? "netvirt-designer: wrote %s\n" : "netvirt-designer: could not write %s\n",
                             qPrintable(path));
                QApplication::exit(ok ? 0 : 1);
            });
        });
        return QApplication::exec();
    }
    window.show();
    return QApplication::exec();
}
