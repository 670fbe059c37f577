// The dock panels around the diagram: the palette of entity kinds, the outline tree of all
// entities by kind, the problems list (violations ↔ selection, fixes) and the properties
// editor (validated fields; every change an undoable document edit). Each panel reads the
// DesignDocument and follows the shared DesignSelection; none mutates the model directly.
// Thread-safety: GUI thread only.
#pragma once

#include <netvirt/designer/problem.h>

#include <netvirt/core/model/edit.h>

#include <QAbstractTableModel>
#include <QHash>
#include <QListWidget>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QFormLayout;
class QToolButton;
class QTreeView;
class QTreeWidget;
class QTreeWidgetItem;
class QSortFilterProxyModel;
class QPushButton;

namespace netvirt::designer {

class DesignDocument;
class DesignSelection;

// ---- Palette --------------------------------------------------------------------------------

class PalettePanel final : public QListWidget
{
    Q_OBJECT

public:
    explicit PalettePanel(QWidget *parent = nullptr);
    // The palette row of a kind (tests drive it).
    QListWidgetItem *itemFor(core::EntityKind kind) const;

signals:
    void addRequested(core::EntityKind kind);

protected:
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
    QStringList mimeTypes() const override;
};

// ---- Outline --------------------------------------------------------------------------------

class OutlinePanel final : public QWidget
{
    Q_OBJECT

public:
    OutlinePanel(DesignDocument *doc, DesignSelection *selection, QWidget *parent = nullptr);
    QTreeWidget *tree() const { return m_tree; }

signals:
    void activated(const QString &id);

private:
    void rebuild();
    void scheduleRebuild();
    void applyFilter();
    void onTreeSelection();
    void onSelection(const QStringList &ids, QObject *source);

    DesignDocument *m_doc;
    DesignSelection *m_selection;
    QLineEdit *m_filter;
    QTreeWidget *m_tree;
    QHash<QString, QTreeWidgetItem *> m_items;
    QTimer m_rebuildTimer;
    bool m_syncing = false;
};

// ---- Problems -------------------------------------------------------------------------------

class ProblemsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, RuleColumn, MessageColumn, EntitiesColumn, ColumnCount };
    enum Role { ProblemIndexRole = Qt::UserRole + 1, SeverityRole };

    explicit ProblemsModel(DesignDocument *doc, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    DesignDocument *m_doc;
};

class ProblemsPanel final : public QWidget
{
    Q_OBJECT

public:
    ProblemsPanel(DesignDocument *doc, DesignSelection *selection, QWidget *parent = nullptr);
    QTreeView *view() const { return m_view; }
    // The view row of a problem index (after filtering), for tests.
    QModelIndex indexOfProblem(int problemIndex) const;

signals:
    void problemActivated(int problemIndex);
    void statusMessage(const QString &text);

private:
    void updateFilter();
    void updateFixButton();
    int currentProblem() const;
    void applyFix();

    DesignDocument *m_doc;
    DesignSelection *m_selection;
    ProblemsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QToolButton *m_errors;
    QToolButton *m_warnings;
    QToolButton *m_infos;
    QPushButton *m_fix;
};

// ---- Properties -----------------------------------------------------------------------------

class PropertiesPanel final : public QWidget
{
    Q_OBJECT

public:
    PropertiesPanel(DesignDocument *doc, DesignSelection *selection, QWidget *parent = nullptr);
    // The editor widget of a field of the shown entity (tests drive it), or nullptr.
    QWidget *editorFor(const QString &field) const { return m_editors.value(field); }
    QString shownId() const { return m_id; }
    QString errorText() const;

signals:
    void statusMessage(const QString &text);

private:
    void rebuild();
    void onChanged(const core::ChangeSet &changes);
    bool commit(const QString &field, const core::Json &value);
    void showFieldError(const QString &field, const QString &message);
    // Checks a field's text before it reaches the model: bad prefixes, addresses or MACs
    // are refused inline. Empty when valid.
    QString validate(const QString &field, const QString &text) const;

    DesignDocument *m_doc;
    DesignSelection *m_selection;
    QString m_id;
    QLabel *m_header;
    QLabel *m_error;
    QWidget *m_formHost;
    QFormLayout *m_form = nullptr;
    QHash<QString, QWidget *> m_editors;
    QTimer m_refreshTimer;
};

} // namespace netvirt::designer
