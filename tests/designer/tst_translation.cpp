// The designer in German: the translation compiled from translations/netvirt_designer_de.ts
// (lrelease through Qt LinguistTools, embedded under :/i18n) is found for a German QLocale
// the way netvirt-designer loads it, and turns menus and rule messages German.
// moc (Qt 6.4) cannot parse the C++20 standard headers these bring in.
#ifndef Q_MOC_RUN
#include <netvirt/designer/design_document.h>
#include <netvirt/designer/main_window.h>
#include <netvirt/designer/problem.h>
#endif

#include <QApplication>
#include <QLocale>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

#include <algorithm>

using namespace netvirt::designer;

class tst_Translation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void menusAndRuleMessagesAreGerman();

private:
    QTranslator m_translator;
};

void tst_Translation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("NetVirtTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_translation"));
    // As app/designer/main.cpp does for the user's locale.
    QVERIFY(m_translator.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("netvirt_designer"),
                              QStringLiteral("_"), QStringLiteral(":/i18n")));
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
}

void tst_Translation::cleanupTestCase()
{
    QCoreApplication::removeTranslator(&m_translator);
}

void tst_Translation::menusAndRuleMessagesAreGerman()
{
    MainWindow w;
    QStringList menus;
    for (QAction *a : w.menuBar()->actions())
        menus << a->text();
    QVERIFY2(menus.contains(QStringLiteral("&Datei")), qPrintable(menus.join(QLatin1Char(' '))));
    QVERIFY(menus.contains(QStringLiteral("&Bearbeiten")));
    QVERIFY(!menus.contains(QStringLiteral("&File")));

    // The training example breaks rules; every finding reads German, none the engine's English.
    QVERIFY(w.openExample(QStringLiteral("broken")));
    const QList<Problem> &problems = w.document()->problems();
    QVERIFY(!problems.isEmpty());
    for (const Problem &p : problems)
        QVERIFY2(p.message != p.englishMessage, qPrintable(p.ruleId + QLatin1String(": ") + p.message));
    const auto nv200 = std::find_if(problems.begin(), problems.end(), [](const Problem &p) { return p.ruleId == QLatin1String("NV200"); });
    QVERIFY(nv200 != problems.end());
    QVERIFY2(nv200->message.contains(QLatin1String("erreicht das VM-Netzwerk")), qPrintable(nv200->message));
    QCOMPARE(Validator::severityName(Severity::Error), QStringLiteral("Fehler"));
    QCOMPARE(Validator::ruleDescription(QStringLiteral("NV201")), QStringLiteral("Eine vNIC ist an kein VM-Netzwerk gebunden."));
}

QTEST_MAIN(tst_Translation)
#include "tst_translation.moc"
