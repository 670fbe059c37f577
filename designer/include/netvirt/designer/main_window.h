// MainWindow: the designer's shell. Menus, toolbar, status bar (entity and problem counts),
// the diagram in the centre and docks for the palette, properties, problems and outline;
// files (new/open/recent/save/save as, modified marker, prompt before losing changes),
// autosave to a recovery file and the offer to recover after a crash. Errors appear in an
// inline banner or the status bar, never in a modal alert; the open document stays as it was.
// Thread-safety: GUI thread only.
#pragma once

#include <netvirt/core/model/design.h>

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QLineEdit;
class QLockFile;
class QMenu;
class QPushButton;

namespace netvirt::designer {

class DesignDocument;
class DesignSelection;
class DiagramScene;
class DiagramView;
class OutlinePanel;
class PalettePanel;
class ProblemsPanel;
class PropertiesPanel;

class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    DesignDocument *document() const { return m_doc; }
    DesignSelection *selection() const { return m_selection; }
    DiagramScene *scene() const { return m_scene; }
    DiagramView *view() const { return m_view; }
    PalettePanel *palette() const { return m_palette; }
    ProblemsPanel *problemsPanel() const { return m_problems; }
    PropertiesPanel *propertiesPanel() const { return m_properties; }
    OutlinePanel *outlinePanel() const { return m_outline; }

    // Opens a design; on failure the banner says why and the current document is untouched.
    bool openFile(const QString &path);
    bool openExample(const QString &name);    // a bundled example ("red-blue")
    bool saveFile(const QString &path);
    QString bannerText() const;

    // Autosave and recovery (AppDataLocation/recovery).
    QString recoveryFilePath() const { return m_recoveryPath; }
    bool autosaveNow();
    // Recovery files left by sessions that did not exit cleanly.
    QStringList pendingRecoveries() const;
    bool recoverFrom(const QString &recoveryFile);
    static QString recoveryDirectory();

    // Adds a tool dock (the emulator panel will live here) to the View menu and the window.
    void addToolPanel(QDockWidget *dock, Qt::DockWidgetArea area = Qt::BottomDockWidgetArea);

    // Renders the window (for --screenshot).
    bool saveScreenshot(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void createStatusBar();
    void readSettings();
    void writeSettings();

    bool maybeSave();
    void newDesign();
    void open();
    bool save();
    bool saveAs();
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void updateTitle();
    void updateCounts();
    void showBanner(const QString &text, bool offerRecovery = false);
    void hideBanner();
    void status(const QString &text, int timeoutMs = 6000);

    void addEntity(core::EntityKind kind, std::optional<QPointF> scenePos, const QString &target);
    void deleteSelection();
    void copySelection();
    void cutSelection();
    void paste();
    void selectAll();
    void findNext();
    void showProblem(int problemIndex);
    void nextProblem();
    void checkForRecovery();
    void removeOwnRecoveryFile();

    DesignDocument *m_doc;
    DesignSelection *m_selection;
    DiagramScene *m_scene;
    DiagramView *m_view;
    PalettePanel *m_palette = nullptr;
    OutlinePanel *m_outline = nullptr;
    ProblemsPanel *m_problems = nullptr;
    PropertiesPanel *m_properties = nullptr;
    QDockWidget *m_paletteDock = nullptr;
    QDockWidget *m_outlineDock = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    QDockWidget *m_propertiesDock = nullptr;

    QWidget *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QPushButton *m_bannerRecover = nullptr;
    QPushButton *m_bannerDiscard = nullptr;
    QString m_bannerRecoveryFile;

    QLabel *m_countsLabel = nullptr;
    QLabel *m_problemsLabel = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QLineEdit *m_findEdit = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_designMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_panelsMenu = nullptr;
    QAction *m_newAct = nullptr;
    QAction *m_openAct = nullptr;
    QAction *m_saveAct = nullptr;
    QAction *m_saveAsAct = nullptr;
    QAction *m_quitAct = nullptr;
    QAction *m_undoAct = nullptr;
    QAction *m_redoAct = nullptr;
    QAction *m_cutAct = nullptr;
    QAction *m_copyAct = nullptr;
    QAction *m_pasteAct = nullptr;
    QAction *m_deleteAct = nullptr;
    QAction *m_selectAllAct = nullptr;
    QAction *m_findAct = nullptr;
    QAction *m_renameAct = nullptr;
    QAction *m_zoomInAct = nullptr;
    QAction *m_zoomOutAct = nullptr;
    QAction *m_zoomFitAct = nullptr;
    QAction *m_zoomResetAct = nullptr;
    QAction *m_minimapAct = nullptr;
    QAction *m_snapAct = nullptr;
    QAction *m_autoLayoutAct = nullptr;
    QAction *m_nextProblemAct = nullptr;
    QAction *m_aboutAct = nullptr;

    QTimer m_autosaveTimer;
    QString m_recoveryPath;
    std::unique_ptr<QLockFile> m_recoveryLock;
    int m_problemCursor = -1;
    int m_findCursor = -1;
};

} // namespace netvirt::designer
