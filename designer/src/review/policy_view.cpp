// The policy view: compiled HNV policy of the open design in filterable tables.
#include <netvirt/designer/review/policy_view.h>

#include <netvirt/designer/design_document.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSet>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <map>
#include <set>

namespace netvirt::designer::review {

using namespace netvirt::core;
using Table = PolicyTableModel::Table;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

// Sorts dotted IPv4 addresses and prefixes numerically; anything else as text.
QVariant addressSortKey(const QString &text)
{
    const QString address = text.section(QLatin1Char('/'), 0, 0);
    const QStringList parts = address.split(QLatin1Char('.'));
    if (parts.size() != 4)
        return text;
    QString key;
    for (const QString &p : parts) {
        bool ok = false;
        const int n = p.toInt(&ok);
        if (!ok)
            return text;
        key += QStringLiteral("%1.").arg(n, 3, 10, QLatin1Char('0'));
    }
    const QString length = text.section(QLatin1Char('/'), 1, 1);
    return key + length.rightJustified(3, QLatin1Char('0'));
}

constexpr int kTableCount = 3;
int slot(Table t) { return int(t) - 1; }

} // namespace

// ---- PolicyTableModel -------------------------------------------------------------------------

PolicyTableModel::PolicyTableModel(Table table, QObject *parent)
    : QAbstractTableModel(parent)
    , m_table(table)
{
}

QStringList PolicyTableModel::headers() const
{
    switch (m_table) {
    case Table::LookupRecords:
        return {tr("VM network"), tr("Customer address"), tr("VSID"), tr("MAC address"), tr("Provider address"),
                tr("Host"), tr("Rule"), tr("VM name"), tr("Customer ID")};
    case Table::CustomerRoutes:
        return {tr("VM network"), tr("Routing domain ID"), tr("VSID"), tr("Destination prefix"), tr("Next hop"),
                tr("Metric")};
    case Table::ProviderAddresses:
        return {tr("Host"), tr("Provider address"), tr("Prefix length"), tr("VLAN"), tr("Interface"),
                tr("Logical switch"), tr("Site"), tr("IP Rewrite vNIC")};
    }
    return {};
}

void PolicyTableModel::setPolicy(const Design &design, const policy::Policy &policy)
{
    beginResetModel();
    m_rows.clear();
    auto name = [&](const Id &id) { return id.empty() ? QString() : q(design.displayName(id)); };
    switch (m_table) {
    case Table::LookupRecords:
        m_rows.reserve(qsizetype(policy.lookupRecords.size()));
        for (const policy::LookupRecord &r : policy.lookupRecords)
            m_rows.push_back({{name(r.vmNetwork), q(r.customerAddress), QString::number(r.virtualSubnetId),
                               q(r.macAddress), q(r.providerAddress), name(r.host), q(std::string(policy::ruleName(r.rule))),
                               q(r.vmName), q(r.customerId)},
                              {q(r.vmNetwork)},
                              r.host.empty() ? QStringList() : QStringList{q(r.host)},
                              {q(r.isGateway ? r.nic : (design.vmOfNic(r.nic) ? design.vmOfNic(r.nic)->id : r.nic))}});
        break;
    case Table::CustomerRoutes: {
        // A route is installed on every host running a VM of its routing domain.
        std::map<Id, std::set<Id>> hostsOfNetwork;
        for (const policy::LookupRecord &r : policy.lookupRecords)
            if (!r.host.empty())
                hostsOfNetwork[r.vmNetwork].insert(r.host);
        m_rows.reserve(qsizetype(policy.customerRoutes.size()));
        for (const policy::CustomerRoute &r : policy.customerRoutes) {
            QStringList hosts;
            for (const Id &h : hostsOfNetwork[r.vmNetwork])
                hosts << q(h);
            m_rows.push_back({{name(r.vmNetwork), q(r.routingDomainId), QString::number(r.virtualSubnetId),
                               q(r.destinationPrefix), q(r.nextHop), QString::number(r.metric)},
                              {q(r.vmNetwork)},
                              hosts,
                              {q(r.vmNetwork)}});
        }
        break;
    }
    case Table::ProviderAddresses: {
        // The VM networks whose lookup records point at a provider address of a host.
        std::map<std::pair<Id, std::string>, std::set<Id>> networksOfPa;
        for (const policy::LookupRecord &r : policy.lookupRecords)
            networksOfPa[{r.host, r.providerAddress}].insert(r.vmNetwork);
        // A teamed uplink carries the PA on the team interface (as the PowerShell script
        // places it), not on the member NIC the compiler names.
        auto interfaceOf = [&](const policy::ProviderAddress &pa) {
            for (const policy::HostPolicy &h : policy.hosts) {
                if (h.id != pa.host)
                    continue;
                for (const policy::TeamPolicy &t : h.teams) {
                    if (t.logicalSwitch != pa.logicalSwitch || t.uplinkMode != UplinkMode::Team)
                        continue;
                    QStringList members;
                    for (const Id &nic : t.members) {
                        const PhysicalNic *pn = design.physicalNic(nic);
                        members << q(pn && pn->name ? *pn->name : nic);
                    }
                    return tr("team of %1").arg(members.join(QStringLiteral(", ")));
                }
            }
            return q(pa.interfaceName);
        };
        m_rows.reserve(qsizetype(policy.providerAddresses.size()));
        for (const policy::ProviderAddress &pa : policy.providerAddresses) {
            QStringList networks;
            for (const Id &n : networksOfPa[{pa.host, pa.address}])
                networks << q(n);
            m_rows.push_back({{name(pa.host), q(pa.address), QString::number(pa.prefixLength),
                               pa.vlanId == 0 ? tr("none") : QString::number(pa.vlanId), interfaceOf(pa),
                               name(pa.logicalSwitch), name(pa.site), pa.rewriteNic ? q(*pa.rewriteNic) : QString()},
                              networks,
                              {q(pa.host)},
                              {q(pa.rewriteNic ? *pa.rewriteNic : pa.host)}});
        }
        break;
    }
    }
    endResetModel();
}

int PolicyTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PolicyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(headers().size());
}

QVariant PolicyTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return row.cells.value(index.column());
    case VmNetworksRole:
        return row.vmNetworks;
    case HostsRole:
        return row.hosts;
    case EntitiesRole:
        return row.entities;
    case SortRole: {
        const QString text = row.cells.value(index.column());
        bool ok = false;
        const qlonglong n = text.toLongLong(&ok);
        if (ok)
            return n;
        return addressSortKey(text);
    }
    default:
        return {};
    }
}

QVariant PolicyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return headers().value(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

// ---- PolicyFilterModel ------------------------------------------------------------------------

PolicyFilterModel::PolicyFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(PolicyTableModel::SortRole);
}

void PolicyFilterModel::setFilter(const QString &vmNetworkId, const QString &hostId)
{
    if (vmNetworkId == m_vmNetwork && hostId == m_host)
        return;
    m_vmNetwork = vmNetworkId;
    m_host = hostId;
    invalidateFilter();
}

bool PolicyFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_vmNetwork.isEmpty()
        && !index.data(PolicyTableModel::VmNetworksRole).toStringList().contains(m_vmNetwork))
        return false;
    if (!m_host.isEmpty() && !index.data(PolicyTableModel::HostsRole).toStringList().contains(m_host))
        return false;
    return true;
}

// ---- PolicyPanel ------------------------------------------------------------------------------

PolicyPanel::PolicyPanel(DesignDocument *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
{
    setObjectName(QStringLiteral("policyPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *bar = new QHBoxLayout;
    m_vmNetworkCombo = new QComboBox(this);
    m_vmNetworkCombo->setObjectName(QStringLiteral("policyVmNetworkFilter"));
    m_vmNetworkCombo->setToolTip(tr("Show the policy of one VM network"));
    m_vmNetworkCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_hostCombo = new QComboBox(this);
    m_hostCombo->setObjectName(QStringLiteral("policyHostFilter"));
    m_hostCombo->setToolTip(tr("Show the policy that concerns one host: its provider addresses, the records of "
                               "the VMs it runs and the routes of their VM networks"));
    m_hostCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *vmNetworkLabel = new QLabel(tr("&VM network:"), this);
    vmNetworkLabel->setBuddy(m_vmNetworkCombo);
    auto *hostLabel = new QLabel(tr("&Host:"), this);
    hostLabel->setBuddy(m_hostCombo);
    auto *copy = new QToolButton(this);
    copy->setObjectName(QStringLiteral("policyCopy"));
    copy->setText(tr("Copy"));
    {
        const QString own = QStringLiteral(":/icons/edit-copy.svg");
        copy->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy"), QFile::exists(own) ? QIcon(own) : QIcon()));
    }
    copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    copy->setToolTip(tr("Copy the selected rows, or the whole table, as tab-separated text"));
    m_summary = new QLabel(this);
    bar->addWidget(vmNetworkLabel);
    bar->addWidget(m_vmNetworkCombo);
    bar->addSpacing(12);
    bar->addWidget(hostLabel);
    bar->addWidget(m_hostCombo);
    bar->addSpacing(12);
    bar->addWidget(m_summary, 1);
    bar->addWidget(copy);
    layout->addLayout(bar);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    const QString titles[kTableCount] = {tr("Lookup records"), tr("Customer routes"), tr("Provider addresses")};
    for (int i = 0; i < kTableCount; ++i) {
        m_models[i] = new PolicyTableModel(Table(i + 1), this);
        m_proxies[i] = new PolicyFilterModel(this);
        m_proxies[i]->setSourceModel(m_models[i]);
        auto *view = new QTableView(this);
        view->setModel(m_proxies[i]);
        view->setSortingEnabled(true);
        view->sortByColumn(-1, Qt::AscendingOrder); // the compiler's order until the user sorts
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setSelectionMode(QAbstractItemView::ExtendedSelection);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setAlternatingRowColors(true);
        view->setWordWrap(false);
        view->verticalHeader()->hide();
        view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
        view->horizontalHeader()->setStretchLastSection(true);
        view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        m_views[i] = view;
        connect(view, &QTableView::activated, this, [this](const QModelIndex &index) {
            const QStringList ids = index.data(PolicyTableModel::EntitiesRole).toStringList();
            if (!ids.isEmpty())
                emit entitiesActivated(ids);
        });
        m_tabs->addTab(view, titles[i]);
    }
    layout->addWidget(m_tabs, 1);

    auto *copyAct = new QAction(tr("Copy"), this);
    copyAct->setShortcuts(QKeySequence::Copy);
    copyAct->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copyAct, &QAction::triggered, this, &PolicyPanel::copyToClipboard);
    addAction(copyAct);
    connect(copy, &QToolButton::clicked, this, &PolicyPanel::copyToClipboard);

    connect(m_vmNetworkCombo, &QComboBox::currentIndexChanged, this, &PolicyPanel::applyFilters);
    connect(m_hostCombo, &QComboBox::currentIndexChanged, this, &PolicyPanel::applyFilters);
    connect(m_tabs, &QTabWidget::currentChanged, this, &PolicyPanel::updateSummary);

    // Recompile after edits, batched, and only while someone looks.
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(150);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_doc, &DesignDocument::changed, this, &PolicyPanel::scheduleRefresh);
    connect(m_doc, &DesignDocument::designReset, this, &PolicyPanel::scheduleRefresh);
}

void PolicyPanel::scheduleRefresh()
{
    m_dirty = true;
    if (isVisible())
        m_refreshTimer.start();
}

void PolicyPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        refresh();
}

void PolicyPanel::refresh()
{
    m_refreshTimer.stop();
    const Design &design = m_doc->design();
    const policy::Policy compiled = policy::compile(design);
    for (PolicyTableModel *m : m_models)
        m->setPolicy(design, compiled);
    m_dirty = false;
    fillCombos();
    applyFilters();
    for (QTableView *v : m_views)
        v->resizeColumnsToContents();
}

void PolicyPanel::fillCombos()
{
    // Keep the chosen filters across a refresh while their entities still exist.
    const QString network = m_vmNetworkCombo->currentData().toString();
    const QString host = m_hostCombo->currentData().toString();
    const Design &d = m_doc->design();
    const QSignalBlocker b1(m_vmNetworkCombo);
    const QSignalBlocker b2(m_hostCombo);
    m_vmNetworkCombo->clear();
    m_vmNetworkCombo->addItem(tr("All VM networks"), QString());
    for (const VmNetwork &n : d.vmNetworks)
        m_vmNetworkCombo->addItem(q(n.name.empty() ? n.id : n.name), q(n.id));
    m_hostCombo->clear();
    m_hostCombo->addItem(tr("All hosts"), QString());
    for (const Host &h : d.hosts)
        m_hostCombo->addItem(q(h.name.empty() ? h.id : h.name), q(h.id));
    m_vmNetworkCombo->setCurrentIndex(std::max(0, m_vmNetworkCombo->findData(network)));
    m_hostCombo->setCurrentIndex(std::max(0, m_hostCombo->findData(host)));
}

bool PolicyPanel::setVmNetworkFilter(const QString &vmNetworkId)
{
    if (m_dirty)
        refresh();
    const int i = m_vmNetworkCombo->findData(vmNetworkId);
    if (i < 0)
        return false;
    m_vmNetworkCombo->setCurrentIndex(i);
    return true;
}

bool PolicyPanel::setHostFilter(const QString &hostId)
{
    if (m_dirty)
        refresh();
    const int i = m_hostCombo->findData(hostId);
    if (i < 0)
        return false;
    m_hostCombo->setCurrentIndex(i);
    return true;
}

void PolicyPanel::applyFilters()
{
    const QString network = m_vmNetworkCombo->currentData().toString();
    const QString host = m_hostCombo->currentData().toString();
    for (PolicyFilterModel *p : m_proxies)
        p->setFilter(network, host);
    updateSummary();
}

void PolicyPanel::updateSummary()
{
    const int t = currentTable();
    const int shown = m_proxies[t]->rowCount();
    const int total = m_models[t]->rowCount();
    m_summary->setText(shown == total ? tr("%n row(s)", nullptr, total)
                                      : tr("%1 of %n row(s)", nullptr, total).arg(shown));
}

int PolicyPanel::currentTable() const
{
    return std::clamp(m_tabs->currentIndex(), 0, kTableCount - 1);
}

QTableView *PolicyPanel::view(Table table) const { return m_views[slot(table)]; }
QAbstractItemModel *PolicyPanel::filtered(Table table) const { return m_proxies[slot(table)]; }
PolicyTableModel *PolicyPanel::model(Table table) const { return m_models[slot(table)]; }

QString PolicyPanel::copyText() const
{
    const int t = currentTable();
    const QAbstractItemModel *m = m_proxies[t];
    QList<int> rows;
    for (const QModelIndex &i : m_views[t]->selectionModel()->selectedRows())
        rows << i.row();
    std::sort(rows.begin(), rows.end());
    if (rows.isEmpty())
        for (int r = 0; r < m->rowCount(); ++r)
            rows << r;
    QStringList lines;
    QStringList header;
    for (int c = 0; c < m->columnCount(); ++c)
        header << m->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
    lines << header.join(QLatin1Char('\t'));
    for (int r : rows) {
        QStringList cells;
        for (int c = 0; c < m->columnCount(); ++c)
            cells << m->index(r, c).data().toString();
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void PolicyPanel::copyToClipboard()
{
    const QString text = copyText();
    QGuiApplication::clipboard()->setText(text);
    emit statusMessage(tr("Copied %n row(s) of %1.", nullptr, int(text.count(QLatin1Char('\n')) - 1))
                           .arg(m_tabs->tabText(currentTable()).remove(QLatin1Char('&')).toLower()));
}

} // namespace netvirt::designer::review
