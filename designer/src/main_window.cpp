// MainWindow: menus, docks, files, autosave and recovery.
#include <netvirt/designer/main_window.h>

#include <netvirt/designer/design_document.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/diagram_scene.h>
#include <netvirt/designer/diagram_view.h>
#include <netvirt/designer/entity_factory.h>
#include <netvirt/designer/entity_style.h>
#include <netvirt/designer/node_item.h>
#include <netvirt/designer/panels.h>
#include <netvirt/designer/export/diagram_export.h>
#include <netvirt/designer/review/review_tools.h>

#include <netvirt/core/io/design_io.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QLocale>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLockFile>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initDesignerResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace netvirt::designer {

using namespace netvirt::core;

namespace {

constexpr int kMaxRecentFiles = 8;
constexpr int kAutosaveIntervalMs = 60 * 1000;

QString q(const std::string &s) { return QString::fromStdString(s); }

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    initDesignerResources();
    setObjectName(QStringLiteral("NetVirtDesignerMainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/netvirt-designer.svg")));
    m_doc = new DesignDocument(this);
    m_selection = new DesignSelection(this);
    m_scene = new DiagramScene(m_doc, m_selection, this);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    // The inline banner: file errors and the recovery offer, never a modal alert.
    m_banner = new QFrame(central);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setStyleSheet(QStringLiteral("#banner { background: #fff4e5; border-bottom: 1px solid #f0c987; }"));
    auto *bl = new QHBoxLayout(m_banner);
    bl->setContentsMargins(10, 6, 6, 6);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bl->addWidget(m_bannerText, 1);
    m_bannerRecover = new QPushButton(tr("Recover"), m_banner);
    m_bannerDiscard = new QPushButton(tr("Discard"), m_banner);
    auto *close = new QToolButton(m_banner);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close"));
    bl->addWidget(m_bannerRecover);
    bl->addWidget(m_bannerDiscard);
    bl->addWidget(close);
    m_banner->hide();
    connect(close, &QToolButton::clicked, this, &MainWindow::hideBanner);
    connect(m_bannerRecover, &QPushButton::clicked, this, [this] {
        const QString file = m_bannerRecoveryFile;
        hideBanner();
        recoverFrom(file);
    });
    connect(m_bannerDiscard, &QPushButton::clicked, this, [this] {
        QFile::remove(m_bannerRecoveryFile);
        QFile::remove(m_bannerRecoveryFile + QStringLiteral(".meta"));
        hideBanner();
        status(tr("Recovery file discarded."));
        checkForRecovery();
    });

    m_view = new DiagramView(m_scene, central);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    createActions();
    createMenus();
    createToolBar();
    createDocks();
    createStatusBar();

    connect(m_view, &DiagramView::statusMessage, this, [this](const QString &t) { status(t); });
    connect(m_view, &DiagramView::addRequested, this,
            [this](EntityKind kind, const QPointF &pos, const QString &target) { addEntity(kind, pos, target); });
    connect(m_view, &DiagramView::zoomChanged, this,
            [this](qreal z) { m_zoomLabel->setText(tr("%1%").arg(qRound(z * 100))); });
    connect(m_doc, &DesignDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &DesignDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &DesignDocument::designReset, this, [this] {
        m_selection->clear();
        updateTitle();
        updateCounts();
        m_problemCursor = -1;
        QTimer::singleShot(0, m_view, &DiagramView::zoomToFit);
    });
    connect(m_doc, &DesignDocument::problemsChanged, this, &MainWindow::updateCounts);
    connect(m_doc, &DesignDocument::changed, this, &MainWindow::updateCounts);
    connect(m_doc, &DesignDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified)
            removeOwnRecoveryFile();
    });

    // Autosave: every minute while modified, to a recovery file locked by this session.
    QDir().mkpath(recoveryDirectory());
    const QString stem = QStringLiteral("autosave-%1-%2")
                             .arg(QCoreApplication::applicationPid())
                             .arg(QDateTime::currentMSecsSinceEpoch());
    m_recoveryPath = QDir(recoveryDirectory()).filePath(stem + QStringLiteral(".netvirt"));
    m_recoveryLock = std::make_unique<QLockFile>(QDir(recoveryDirectory()).filePath(stem + QStringLiteral(".lock")));
    m_recoveryLock->setStaleLockTime(0);
    (void)m_recoveryLock->tryLock(0);
    m_autosaveTimer.setInterval(kAutosaveIntervalMs);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosaveNow);
    m_autosaveTimer.start();

    readSettings();
    updateTitle();
    updateCounts();
    QTimer::singleShot(0, this, &MainWindow::checkForRecovery);
}

MainWindow::~MainWindow()
{
    m_doc->disconnect(this);
    m_autosaveTimer.stop();
    removeOwnRecoveryFile();
    if (m_recoveryLock)
        m_recoveryLock->unlock();
    // The scene refers to the document: take it down first.
    delete m_view;
    m_view = nullptr;
    delete m_scene;
    m_scene = nullptr;
}

QString MainWindow::recoveryDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("recovery"));
}

// ---- actions and menus ----------------------------------------------------------------------

void MainWindow::createActions()
{
    auto make = [this](const QString &text, const QString &icon, QKeySequence::StandardKey key, auto slot) {
        auto *a = new QAction(text, this);
        if (!icon.isEmpty()) { // the desktop's icon theme first, our own drawing otherwise
            const QString own = QStringLiteral(":/icons/%1.svg").arg(icon);
            a->setIcon(QIcon::fromTheme(icon, QFile::exists(own) ? QIcon(own) : QIcon()));
        }
        if (key != QKeySequence::UnknownKey)
            a->setShortcuts(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_newAct = make(tr("&New"), QStringLiteral("document-new"), QKeySequence::New, [this] { newDesign(); });
    m_openAct = make(tr("&Open…"), QStringLiteral("document-open"), QKeySequence::Open, [this] { open(); });
    m_saveAct = make(tr("&Save"), QStringLiteral("document-save"), QKeySequence::Save, [this] { save(); });
    m_saveAsAct = make(tr("Save &As…"), QStringLiteral("document-save-as"), QKeySequence::SaveAs, [this] { saveAs(); });
    m_quitAct = make(tr("&Quit"), QStringLiteral("application-exit"), QKeySequence::Quit, [this] { close(); });

    m_undoAct = m_doc->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undoAct->setShortcuts(QKeySequence::Undo);
    m_undoAct->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo"), QIcon(QStringLiteral(":/icons/edit-undo.svg"))));
    m_redoAct = m_doc->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redoAct->setShortcuts(QKeySequence::Redo);
    m_redoAct->setIcon(QIcon::fromTheme(QStringLiteral("edit-redo"), QIcon(QStringLiteral(":/icons/edit-redo.svg"))));
    m_cutAct = make(tr("Cu&t"), QStringLiteral("edit-cut"), QKeySequence::Cut, [this] { cutSelection(); });
    m_copyAct = make(tr("&Copy"), QStringLiteral("edit-copy"), QKeySequence::Copy, [this] { copySelection(); });
    m_pasteAct = make(tr("&Paste"), QStringLiteral("edit-paste"), QKeySequence::Paste, [this] { paste(); });
    m_deleteAct = make(tr("&Delete"), QStringLiteral("edit-delete"), QKeySequence::Delete, [this] { deleteSelection(); });
    m_selectAllAct = make(tr("Select &All"), QStringLiteral("edit-select-all"), QKeySequence::SelectAll, [this] { selectAll(); });
    m_findAct = make(tr("&Find…"), QStringLiteral("edit-find"), QKeySequence::Find, [this] {
        m_findEdit->setFocus();
        m_findEdit->selectAll();
    });
    m_renameAct = make(tr("&Rename"), QString(), QKeySequence::UnknownKey, [this] {
        if (!m_selection->current().isEmpty())
            m_view->startRename(m_selection->current());
    });
    m_renameAct->setShortcut(QKeySequence(Qt::Key_F2));
    // Shortcuts of the edit actions apply to the diagram only, so that typing in a field
    // of the properties editor keeps Delete, Ctrl+C and Ctrl+V for the text.
    for (QAction *a : {m_cutAct, m_copyAct, m_pasteAct, m_deleteAct, m_selectAllAct, m_renameAct}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(a);
    }

    m_zoomInAct = make(tr("Zoom &In"), QStringLiteral("zoom-in"), QKeySequence::ZoomIn, [this] { m_view->zoomIn(); });
    QList<QKeySequence> zoomIn = QKeySequence::keyBindings(QKeySequence::ZoomIn);
    zoomIn << QKeySequence(Qt::CTRL | Qt::Key_Equal);
    m_zoomInAct->setShortcuts(zoomIn);
    m_zoomOutAct = make(tr("Zoom &Out"), QStringLiteral("zoom-out"), QKeySequence::ZoomOut, [this] { m_view->zoomOut(); });
    m_zoomFitAct = make(tr("Zoom to &Fit"), QString(), QKeySequence::UnknownKey, [this] { m_view->zoomToFit(); });
    m_zoomFitAct->setIcon(QIcon(QStringLiteral(":/icons/zoom-fit.svg")));
    m_zoomFitAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_zoomResetAct = make(tr("Actual &Size"), QStringLiteral("zoom-original"), QKeySequence::UnknownKey,
                          [this] { m_view->zoomReset(); });
    m_zoomResetAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_minimapAct = make(tr("&Minimap"), QString(), QKeySequence::UnknownKey,
                        [this](bool on) { m_view->setMinimapVisible(on); });
    m_minimapAct->setIcon(QIcon(QStringLiteral(":/icons/minimap.svg")));
    m_minimapAct->setCheckable(true);
    m_minimapAct->setChecked(true);
    m_snapAct = make(tr("&Snap to Grid"), QString(), QKeySequence::UnknownKey, [](bool on) { NodeItem::setSnapToGrid(on); });
    m_snapAct->setCheckable(true);
    m_snapAct->setChecked(NodeItem::snapToGrid());
    m_autoLayoutAct = make(tr("Arrange in &Lanes"), QString(), QKeySequence::UnknownKey, [this] {
        m_scene->autoLayoutAll();
        status(tr("Diagram arranged in lanes; Undo restores the previous layout."));
    });
    m_autoLayoutAct->setIcon(QIcon(QStringLiteral(":/icons/auto-layout.svg")));
    m_nextProblemAct = make(tr("&Next Problem"), QString(), QKeySequence::UnknownKey, [this] { nextProblem(); });
    m_nextProblemAct->setShortcut(QKeySequence(Qt::Key_F8));
    m_aboutAct = make(tr("&About NetVirt Designer"), QStringLiteral("help-about"), QKeySequence::UnknownKey, [this] {
        QMessageBox::about(this, tr("About NetVirt Designer"),
                           tr("<h3>NetVirt Designer %1</h3><p>Design, validate and emulate Hyper-V Network "
                              "Virtualization designs in the model of System Center VMM.</p><p>Follow the green "
                              "arrows: VM → vNIC → VM network → logical network → site ← uplink port profile ← "
                              "logical switch ← host.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    m_fileMenu->addAction(m_newAct);
    m_fileMenu->addAction(m_openAct);
    m_recentMenu = m_fileMenu->addMenu(tr("Open &Recent"));
    QMenu *examples = m_fileMenu->addMenu(tr("Open &Example"));
    const QList<QPair<QString, QString>> list{{QStringLiteral("red-blue"), tr("Red and Blue tenants")},
                                              {QStringLiteral("three-tier"), tr("Three-tier application")},
                                              {QStringLiteral("converged-host"), tr("Converged host networking")},
                                              {QStringLiteral("rewrite"), tr("IP Rewrite")},
                                              {QStringLiteral("broken"), tr("Broken design (training)")}};
    for (const auto &[name, title] : list) {
        QAction *a = examples->addAction(title);
        connect(a, &QAction::triggered, this, [this, name] {
            if (maybeSave())
                openExample(name);
        });
    }
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_saveAct);
    m_fileMenu->addAction(m_saveAsAct);
    m_fileMenu->addSeparator();
    QAction *exportAct = m_fileMenu->addAction(tr("&Export Diagram…"));
    exportAct->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(exportAct, &QAction::triggered, this, [this] {
        QString selected;
        QString path = QFileDialog::getSaveFileName(this, tr("Export Diagram"), QString(),
                                                    tr("SVG image (*.svg);;PNG image (*.png);;PDF document (*.pdf)"),
                                                    &selected);
        if (path.isEmpty())
            return;
        if (QFileInfo(path).suffix().isEmpty())
            path += selected.contains(QLatin1String("png")) ? QStringLiteral(".png")
                    : selected.contains(QLatin1String("pdf")) ? QStringLiteral(".pdf") : QStringLiteral(".svg");
        DiagramExportOptions options;
        const QString suffix = QFileInfo(path).suffix().toLower();
        options.format = suffix == QLatin1String("png") ? DiagramFormat::Png
                         : suffix == QLatin1String("pdf") ? DiagramFormat::Pdf : DiagramFormat::Svg;
        QString error;
        if (exportDiagram(*m_scene, path, options, &error))
            status(tr("Exported the diagram to %1").arg(QFileInfo(path).fileName()));
        else
            showBanner(tr("Could not export the diagram: %1").arg(error));
    });
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAct);
    updateRecentMenu();

    m_editMenu = menuBar()->addMenu(tr("&Edit"));
    m_editMenu->addAction(m_undoAct);
    m_editMenu->addAction(m_redoAct);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_cutAct);
    m_editMenu->addAction(m_copyAct);
    m_editMenu->addAction(m_pasteAct);
    m_editMenu->addAction(m_deleteAct);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_selectAllAct);
    m_editMenu->addAction(m_renameAct);
    m_editMenu->addAction(m_findAct);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_zoomInAct);
    m_viewMenu->addAction(m_zoomOutAct);
    m_viewMenu->addAction(m_zoomFitAct);
    m_viewMenu->addAction(m_zoomResetAct);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_minimapAct);
    m_viewMenu->addAction(m_snapAct);
    m_viewMenu->addSeparator();
    m_panelsMenu = m_viewMenu->addMenu(tr("&Panels"));

    m_designMenu = menuBar()->addMenu(tr("&Design"));
    QMenu *add = m_designMenu->addMenu(tr("&Add"));
    for (EntityKind kind : EntityStyle::allKinds()) {
        QAction *a = add->addAction(EntityStyle::kindIcon(kind), EntityStyle::kindName(kind));
        connect(a, &QAction::triggered, this, [this, kind] { addEntity(kind, std::nullopt, m_selection->current()); });
    }
    m_designMenu->addAction(m_autoLayoutAct);
    // Export Review Report, Auto-arrange, Show Policy, Compare With… (designer/review).
    new review::ReviewTools(this, m_fileMenu, m_designMenu);
    m_designMenu->addSeparator();
    m_designMenu->addAction(m_nextProblemAct);

    m_helpMenu = menuBar()->addMenu(tr("&Help"));
    m_helpMenu->addAction(m_aboutAct);
    QAction *aboutQt = m_helpMenu->addAction(tr("About &Qt"));
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createToolBar()
{
    QToolBar *tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolBar"));
    tb->setIconSize(QSize(20, 20));
    tb->setToolButtonStyle(Qt::ToolButtonIconOnly);
    tb->addAction(m_newAct);
    tb->addAction(m_openAct);
    tb->addAction(m_saveAct);
    tb->addSeparator();
    tb->addAction(m_undoAct);
    tb->addAction(m_redoAct);
    tb->addSeparator();
    tb->addAction(m_zoomInAct);
    tb->addAction(m_zoomOutAct);
    tb->addAction(m_zoomFitAct);
    tb->addAction(m_minimapAct);
    tb->addAction(m_autoLayoutAct);
    tb->addSeparator();
    m_findEdit = new QLineEdit(tb);
    m_findEdit->setPlaceholderText(tr("Find entity by name or id (Ctrl+F)"));
    m_findEdit->setClearButtonEnabled(true);
    m_findEdit->setMaximumWidth(280);
    tb->addWidget(m_findEdit);
    connect(m_findEdit, &QLineEdit::returnPressed, this, &MainWindow::findNext);
    connect(m_findEdit, &QLineEdit::textChanged, this, [this] { m_findCursor = -1; });
}

void MainWindow::createDocks()
{
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    auto dock = [this](const QString &title, const QString &name, QWidget *w, Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(w);
        addDockWidget(area, d);
        m_panelsMenu->addAction(d->toggleViewAction());
        return d;
    };
    m_palette = new PalettePanel(this);
    m_paletteDock = dock(tr("Palette"), QStringLiteral("paletteDock"), m_palette, Qt::LeftDockWidgetArea);
    m_outline = new OutlinePanel(m_doc, m_selection, this);
    m_outlineDock = dock(tr("Outline"), QStringLiteral("outlineDock"), m_outline, Qt::LeftDockWidgetArea);
    m_properties = new PropertiesPanel(m_doc, m_selection, this);
    m_propertiesDock = dock(tr("Properties"), QStringLiteral("propertiesDock"), m_properties, Qt::RightDockWidgetArea);
    m_problems = new ProblemsPanel(m_doc, m_selection, this);
    m_problemsDock = dock(tr("Problems"), QStringLiteral("problemsDock"), m_problems, Qt::BottomDockWidgetArea);
    resizeDocks({m_paletteDock, m_propertiesDock}, {200, 300}, Qt::Horizontal);
    resizeDocks({m_problemsDock}, {170}, Qt::Vertical);
    // The emulator panel (start/stop, charts, captures, traces) will be added here through
    // addToolPanel(), tabbed with the problems list.

    connect(m_palette, &PalettePanel::addRequested, this,
            [this](EntityKind kind) { addEntity(kind, std::nullopt, m_selection->current()); });
    connect(m_outline, &OutlinePanel::activated, this, [this](const QString &id) { m_view->centreOn({id}); });
    connect(m_problems, &ProblemsPanel::problemActivated, this, &MainWindow::showProblem);
    connect(m_problems, &ProblemsPanel::statusMessage, this, [this](const QString &t) { status(t); });
    connect(m_properties, &PropertiesPanel::statusMessage, this, [this](const QString &t) { status(t); });
}

void MainWindow::addToolPanel(QDockWidget *dock, Qt::DockWidgetArea area)
{
    addDockWidget(area, dock);
    if (area == Qt::BottomDockWidgetArea)
        tabifyDockWidget(m_problemsDock, dock);
    m_panelsMenu->addAction(dock->toggleViewAction());
}

void MainWindow::createStatusBar()
{
    m_countsLabel = new QLabel(this);
    m_problemsLabel = new QLabel(this);
    m_problemsLabel->setTextFormat(Qt::RichText);
    m_problemsLabel->setToolTip(tr("Errors, warnings and infos of the rule engine (F8: next problem)"));
    m_zoomLabel = new QLabel(tr("100%"), this);
    m_zoomLabel->setMinimumWidth(48);
    m_zoomLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    statusBar()->addPermanentWidget(m_countsLabel);
    statusBar()->addPermanentWidget(m_problemsLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
}

void MainWindow::readSettings()
{
    QSettings s;
    const QByteArray geometry = s.value(QStringLiteral("mainWindow/geometry")).toByteArray();
    if (geometry.isEmpty())
        resize(1500, 950);
    else
        restoreGeometry(geometry);
    restoreState(s.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_minimapAct->setChecked(s.value(QStringLiteral("view/minimap"), true).toBool());
    m_view->setMinimapVisible(m_minimapAct->isChecked());
    m_snapAct->setChecked(s.value(QStringLiteral("view/snapToGrid"), true).toBool());
    NodeItem::setSnapToGrid(m_snapAct->isChecked());
}

void MainWindow::writeSettings()
{
    QSettings s;
    s.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    s.setValue(QStringLiteral("mainWindow/state"), saveState());
    s.setValue(QStringLiteral("view/minimap"), m_minimapAct->isChecked());
    s.setValue(QStringLiteral("view/snapToGrid"), m_snapAct->isChecked());
}

// ---- files ----------------------------------------------------------------------------------

void MainWindow::status(const QString &text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

void MainWindow::showBanner(const QString &text, bool offerRecovery)
{
    m_bannerText->setText(text);
    m_bannerRecover->setVisible(offerRecovery);
    m_bannerDiscard->setVisible(offerRecovery);
    m_banner->show();
}

void MainWindow::hideBanner()
{
    m_banner->hide();
    m_bannerRecoveryFile.clear();
}

QString MainWindow::bannerText() const
{
    return m_banner->isVisible() ? m_bannerText->text() : QString();
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] — NetVirt Designer").arg(m_doc->displayName()));
    setWindowModified(m_doc->isModified());
    setWindowFilePath(m_doc->filePath());
}

void MainWindow::updateCounts()
{
    const Design &d = m_doc->design();
    m_countsLabel->setText(tr("%1 hosts · %2 VMs · %3 VM networks · %n entities", nullptr, int(d.entityCount()))
                               .arg(d.hosts.size())
                               .arg(d.vms.size())
                               .arg(d.vmNetworks.size()));
    const Validator &v = m_doc->validator();
    const int errors = v.count(Severity::Error);
    const int warnings = v.count(Severity::Warning);
    const int infos = v.count(Severity::Info);
    m_problemsLabel->setText(
        QStringLiteral("<span style='color:%1'>● %2</span>&nbsp;&nbsp;<span style='color:%3'>▲ %4</span>&nbsp;&nbsp;"
                       "<span style='color:%5'>● %6</span>")
            .arg(EntityStyle::errorColor().name(), tr("%n error(s)", nullptr, errors), EntityStyle::warningColor().name(),
                 tr("%n warning(s)", nullptr, warnings), EntityStyle::infoColor().name(),
                 tr("%n info(s)", nullptr, infos)));
}

bool MainWindow::maybeSave()
{
    if (!m_doc->isModified())
        return true;
    const auto answer = QMessageBox::warning(this, tr("Unsaved changes"),
                                             tr("The design \"%1\" has been modified.\nDo you want to save your changes?")
                                                 .arg(m_doc->displayName()),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::newDesign()
{
    if (!maybeSave())
        return;
    hideBanner();
    m_doc->newDesign();
    status(tr("New design."));
}

void MainWindow::open()
{
    if (!maybeSave())
        return;
    QSettings s;
    const QString dir = s.value(QStringLiteral("files/lastDirectory")).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Design"), dir,
                                                      tr("NetVirt designs (*.netvirt *.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString &path)
{
    auto result = m_doc->load(path);
    if (!result) {
        // The open document is untouched; say why, without a modal alert.
        const QString why = q(result.error().message);
        showBanner(tr("Could not open %1: %2").arg(QDir::toNativeSeparators(path), why));
        status(tr("Could not open %1").arg(QFileInfo(path).fileName()));
        return false;
    }
    hideBanner();
    addRecentFile(path);
    QSettings().setValue(QStringLiteral("files/lastDirectory"), QFileInfo(path).absolutePath());
    status(tr("Opened %1").arg(QFileInfo(path).fileName()));
    return true;
}

bool MainWindow::openExample(const QString &name)
{
    QFile f(QStringLiteral(":/examples/%1.json").arg(name));
    if (!f.open(QIODevice::ReadOnly)) {
        showBanner(tr("The example \"%1\" is not bundled with this build.").arg(name));
        return false;
    }
    const QByteArray bytes = f.readAll();
    auto parsed = io::parseDesign(std::string_view(bytes.constData(), std::size_t(bytes.size())),
                                  ("example " + name).toStdString());
    if (!parsed) {
        showBanner(tr("The example \"%1\" could not be read: %2").arg(name, q(parsed.error().message)));
        return false;
    }
    hideBanner();
    m_doc->reset(std::move(*parsed));
    status(tr("Opened the example \"%1\". Save As to keep your changes.").arg(name));
    return true;
}

bool MainWindow::save()
{
    if (m_doc->filePath().isEmpty())
        return saveAs();
    return saveFile(m_doc->filePath());
}

bool MainWindow::saveAs()
{
    QSettings s;
    QString suggested = m_doc->filePath();
    if (suggested.isEmpty())
        suggested = QDir(s.value(QStringLiteral("files/lastDirectory"), QDir::homePath()).toString())
                        .filePath(tr("design.netvirt"));
    QString selectedFilter;
    QString path = QFileDialog::getSaveFileName(this, tr("Save Design As"), suggested,
                                                tr("NetVirt design (*.netvirt);;JSON design (*.json)"), &selectedFilter);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += selectedFilter.contains(QLatin1String("*.json")) ? QStringLiteral(".json") : QStringLiteral(".netvirt");
    return saveFile(path);
}

bool MainWindow::saveFile(const QString &path)
{
    auto result = m_doc->save(path);
    if (!result) {
        showBanner(tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), q(result.error().message)));
        status(tr("Saving failed; the design is still open and unchanged."));
        return false;
    }
    addRecentFile(path);
    QSettings().setValue(QStringLiteral("files/lastDirectory"), QFileInfo(path).absolutePath());
    removeOwnRecoveryFile();
    status(tr("Saved %1").arg(QFileInfo(path).fileName()));
    return true;
}

void MainWindow::addRecentFile(const QString &path)
{
    QSettings s;
    QStringList files = s.value(QStringLiteral("files/recent")).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    files.removeAll(abs);
    files.prepend(abs);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    s.setValue(QStringLiteral("files/recent"), files);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = QSettings().value(QStringLiteral("files/recent")).toStringList();
    int n = 0;
    for (const QString &f : files) {
        QAction *a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(++n).arg(QFileInfo(f).fileName()));
        a->setToolTip(f);
        a->setStatusTip(f);
        connect(a, &QAction::triggered, this, [this, f] {
            if (maybeSave())
                openFile(f);
        });
    }
    if (files.isEmpty())
        m_recentMenu->addAction(tr("(no recent files)"))->setEnabled(false);
    else {
        m_recentMenu->addSeparator();
        connect(m_recentMenu->addAction(tr("Clear Menu")), &QAction::triggered, this, [this] {
            QSettings().remove(QStringLiteral("files/recent"));
            updateRecentMenu();
        });
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    writeSettings();
    removeOwnRecoveryFile();
    event->accept();
}

// ---- autosave and recovery --------------------------------------------------------------------

bool MainWindow::autosaveNow()
{
    if (!m_doc->isModified())
        return false;
    auto r = m_doc->saveCopy(m_recoveryPath);
    if (!r) {
        status(tr("Autosave failed: %1").arg(q(r.error().message)));
        return false;
    }
    QJsonObject meta;
    meta.insert(QStringLiteral("originalPath"), m_doc->filePath());
    meta.insert(QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    QFile f(m_recoveryPath + QStringLiteral(".meta"));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(QJsonDocument(meta).toJson());
    return true;
}

void MainWindow::removeOwnRecoveryFile()
{
    if (m_recoveryPath.isEmpty())
        return;
    QFile::remove(m_recoveryPath);
    QFile::remove(m_recoveryPath + QStringLiteral(".meta"));
}

QStringList MainWindow::pendingRecoveries() const
{
    QStringList out;
    QDir dir(recoveryDirectory());
    const QStringList files = dir.entryList({QStringLiteral("autosave-*.netvirt")}, QDir::Files, QDir::Time);
    for (const QString &name : files) {
        const QString path = dir.filePath(name);
        if (path == m_recoveryPath)
            continue;
        // A session that is still running holds the lock of its recovery file.
        QLockFile lock(dir.filePath(QFileInfo(name).completeBaseName() + QStringLiteral(".lock")));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue;
        lock.unlock();
        out << path;
    }
    return out;
}

void MainWindow::checkForRecovery()
{
    const QStringList pending = pendingRecoveries();
    if (pending.isEmpty())
        return;
    const QString file = pending.front();
    QString original;
    QFile meta(file + QStringLiteral(".meta"));
    if (meta.open(QIODevice::ReadOnly))
        original = QJsonDocument::fromJson(meta.readAll()).object().value(QStringLiteral("originalPath")).toString();
    m_bannerRecoveryFile = file;
    const QString when = QLocale().toString(QFileInfo(file).lastModified(), QLocale::ShortFormat);
    showBanner(original.isEmpty()
                   ? tr("NetVirt Designer did not exit cleanly. An unsaved design was autosaved at %1.").arg(when)
                   : tr("NetVirt Designer did not exit cleanly. Unsaved changes to %1 were autosaved at %2.")
                         .arg(QFileInfo(original).fileName(), when),
               true);
}

bool MainWindow::recoverFrom(const QString &recoveryFile)
{
    auto loaded = io::loadDesign(recoveryFile.toStdString());
    if (!loaded) {
        showBanner(tr("The recovery file could not be read: %1").arg(q(loaded.error().message)));
        return false;
    }
    QString original;
    QFile meta(recoveryFile + QStringLiteral(".meta"));
    if (meta.open(QIODevice::ReadOnly))
        original = QJsonDocument::fromJson(meta.readAll()).object().value(QStringLiteral("originalPath")).toString();
    meta.close();
    // The recovered design opens as unsaved changes to its original file: the user decides
    // whether to save it.
    m_doc->reset(std::move(*loaded), original);
    m_doc->undoStack()->resetClean();
    QFile::remove(recoveryFile);
    QFile::remove(recoveryFile + QStringLiteral(".meta"));
    QFile::remove(QFileInfo(recoveryFile).absolutePath() + QLatin1Char('/') + QFileInfo(recoveryFile).completeBaseName()
                  + QStringLiteral(".lock"));
    hideBanner();
    updateTitle();
    status(tr("Design recovered. Save it to keep the recovered changes."));
    return true;
}

// ---- editing ----------------------------------------------------------------------------------

void MainWindow::addEntity(EntityKind kind, std::optional<QPointF> scenePos, const QString &target)
{
    // Without a drop position (double-click in the palette) the node goes to its lane.
    const Creation c = EntityFactory::create(*m_doc, kind, target, scenePos);
    if (!c.ok) {
        status(c.text);
        return;
    }
    QString error;
    if (!m_doc->apply(c.text, c.ops, &error)) {
        status(tr("Cannot add: %1").arg(error));
        return;
    }
    m_selection->setIds({QString::fromStdString(c.id)});
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    if (!visible.contains(m_scene->boundsOf({QString::fromStdString(c.id)})))
        m_view->centreOn({QString::fromStdString(c.id)});
    status(tr("Added %1 %2.").arg(EntityStyle::kindName(kind).toLower(), QString::fromStdString(c.id)));
}

void MainWindow::deleteSelection()
{
    const QStringList ids = m_selection->ids();
    if (ids.isEmpty())
        return;
    QString error;
    m_selection->clear();
    if (!m_doc->removeEntities(ids, &error))
        status(tr("Cannot delete: %1").arg(error));
    else
        status(tr("Deleted %n entities; references to them are now reported as problems.", nullptr, int(ids.size())));
}

void MainWindow::copySelection()
{
    const QStringList ids = m_selection->ids();
    if (ids.isEmpty())
        return;
    QHash<QString, QPointF> positions;
    for (const QString &id : ids)
        if (NodeItem *n = m_scene->nodeFor(id))
            positions.insert(id, n->pos());
    const std::string json = EntityFactory::copy(m_doc->design(), ids, positions);
    auto *mime = new QMimeData;
    mime->setData(QLatin1String(EntityFactory::kClipboardMime), QByteArray::fromStdString(json));
    mime->setText(QString::fromStdString(json));
    QGuiApplication::clipboard()->setMimeData(mime);
    status(tr("Copied %n entities.", nullptr, int(ids.size())));
}

void MainWindow::cutSelection()
{
    copySelection();
    deleteSelection();
}

void MainWindow::paste()
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    QByteArray data;
    if (mime && mime->hasFormat(QLatin1String(EntityFactory::kClipboardMime)))
        data = mime->data(QLatin1String(EntityFactory::kClipboardMime));
    else if (mime)
        data = mime->text().toUtf8();
    QStringList ids;
    const Creation c = EntityFactory::paste(*m_doc, data.toStdString(), QPointF(40, 40), &ids);
    if (!c.ok) {
        status(c.text);
        return;
    }
    QString error;
    if (!m_doc->apply(c.text, c.ops, &error)) {
        status(tr("Cannot paste: %1").arg(error));
        return;
    }
    m_selection->setIds(ids);
    status(tr("Pasted %n entities with fresh ids.", nullptr, int(ids.size())));
}

void MainWindow::selectAll()
{
    QStringList ids;
    for (const auto &[id, kind] : m_doc->design().allEntities())
        if (!isChildKind(kind))
            ids << QString::fromStdString(id);
    m_selection->setIds(ids);
}

void MainWindow::findNext()
{
    const QString text = m_findEdit->text().trimmed();
    if (text.isEmpty())
        return;
    const auto all = m_doc->design().allEntities();
    QVector<int> matches;
    for (int i = 0; i < int(all.size()); ++i) {
        const QString id = QString::fromStdString(all[std::size_t(i)].first);
        const QString name = QString::fromStdString(m_doc->design().displayName(all[std::size_t(i)].first));
        if (id.contains(text, Qt::CaseInsensitive) || name.contains(text, Qt::CaseInsensitive))
            matches << i;
    }
    if (matches.isEmpty()) {
        status(tr("No entity matches \"%1\".").arg(text));
        return;
    }
    int pick = 0;
    for (int k = 0; k < matches.size(); ++k)
        if (matches[k] > m_findCursor) {
            pick = k;
            break;
        }
    m_findCursor = matches[pick];
    const QString id = QString::fromStdString(all[std::size_t(m_findCursor)].first);
    m_selection->setIds({id});
    m_view->centreOn({id});
    status(tr("Match %1 of %2: %3").arg(pick + 1).arg(matches.size()).arg(id));
}

void MainWindow::showProblem(int problemIndex)
{
    if (problemIndex < 0 || problemIndex >= m_doc->problems().size())
        return;
    const Problem &p = m_doc->problems()[problemIndex];
    m_problemCursor = problemIndex;
    m_view->centreOn(p.entities);
    status(p.ruleId + QStringLiteral(": ") + p.message
               + (p.hasFix() ? tr(" — fix available: %1").arg(p.fixText) : QString()),
           10000);
}

void MainWindow::nextProblem()
{
    const int n = int(m_doc->problems().size());
    if (n == 0) {
        status(tr("The design validates clean."));
        return;
    }
    m_problemCursor = (m_problemCursor + 1) % n;
    m_selection->setIds(m_doc->problems()[m_problemCursor].entities);
    showProblem(m_problemCursor);
}

bool MainWindow::saveScreenshot(const QString &path)
{
    return grab().save(path);
}

} // namespace netvirt::designer
