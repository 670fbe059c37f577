// The Design → Show Policy view: the HNV policy that core::policy::compile() makes of the
// open design (lookup records, customer routes, provider addresses), in three sortable tables
// filterable by VM network and by host, with copy to the clipboard. Recompiled after edits
// (deferred while hidden). Tables are QAbstractTableModel adapters over the compiled Policy.
// Thread-safety: GUI thread only.
#pragma once

#include <netvirt/core/policy/policy.h>

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <QTimer>
#include <QVector>
#include <QWidget>

class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;

namespace netvirt::designer {

class DesignDocument;

namespace review {

// One table of the compiled policy. Each row carries the VM networks and hosts it belongs to,
// for the filters: a lookup record its VM network and the host of its CA; a customer route
// its VM network and every host running a VM of that network; a provider address its host
// and every VM network whose lookup records point at it. Activating a row selects what it is
// about on the diagram: a record's VM, a route's VM network, a provider address's host (or the
// vNIC owning an IP Rewrite PA).
class PolicyTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Table { LookupRecords = 1, CustomerRoutes, ProviderAddresses };
    enum Role { VmNetworksRole = Qt::UserRole + 1, HostsRole, SortRole, EntitiesRole };

    PolicyTableModel(Table table, QObject *parent = nullptr);

    Table table() const { return m_table; }
    void setPolicy(const core::Design &design, const core::policy::Policy &policy);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        QStringList cells;
        QStringList vmNetworks;
        QStringList hosts;
        QStringList entities; // what the row is about on the diagram (VM, VM network, host)
    };
    QStringList headers() const;

    Table m_table;
    QVector<Row> m_rows;
};

// Keeps the rows of one VM network and one host (an empty id: any).
class PolicyFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit PolicyFilterModel(QObject *parent = nullptr);
    void setFilter(const QString &vmNetworkId, const QString &hostId);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_vmNetwork;
    QString m_host;
};

class PolicyPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit PolicyPanel(DesignDocument *doc, QWidget *parent = nullptr);

    // Recompiles now (otherwise done after edits, once the panel is visible).
    void refresh();
    // Filters by ids (empty: all); false when the design has no such VM network or host.
    bool setVmNetworkFilter(const QString &vmNetworkId);
    bool setHostFilter(const QString &hostId);

    QTableView *view(PolicyTableModel::Table table) const;
    QAbstractItemModel *filtered(PolicyTableModel::Table table) const;
    PolicyTableModel *model(PolicyTableModel::Table table) const;
    QComboBox *vmNetworkCombo() const { return m_vmNetworkCombo; }
    QComboBox *hostCombo() const { return m_hostCombo; }
    QTabWidget *tabs() const { return m_tabs; }
    // Tab-separated text with a header line: the selected rows of the current table, or all
    // of its visible rows when none is selected. Also what Copy puts on the clipboard.
    QString copyText() const;
    void copyToClipboard();

signals:
    void statusMessage(const QString &text);
    // A row was double-clicked or activated with Enter: its VM, VM network or host.
    void entitiesActivated(const QStringList &ids);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void scheduleRefresh();
    void fillCombos();
    void applyFilters();
    void updateSummary();
    int currentTable() const;

    DesignDocument *m_doc;
    QComboBox *m_vmNetworkCombo;
    QComboBox *m_hostCombo;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    PolicyTableModel *m_models[3];
    PolicyFilterModel *m_proxies[3];
    QTableView *m_views[3];
    QTimer m_refreshTimer;
    bool m_dirty = true;
};

} // namespace review
} // namespace netvirt::designer
