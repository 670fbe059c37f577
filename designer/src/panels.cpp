// Palette, outline, problems and properties panels.
#include <netvirt/designer/panels.h>

#include <netvirt/designer/design_document.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/diagram_view.h>
#include <netvirt/designer/entity_style.h>

#include <netvirt/core/io/design_io.h>
#include <netvirt/core/net/address.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cctype>

namespace netvirt::designer {

using namespace netvirt::core;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

QIcon severityIcon(Severity s)
{
    switch (s) {
    case Severity::Error: return QIcon(QStringLiteral(":/icons/error.svg"));
    case Severity::Warning: return QIcon(QStringLiteral(":/icons/warning.svg"));
    case Severity::Info: return QIcon(QStringLiteral(":/icons/info.svg"));
    }
    return {};
}

} // namespace

// ---- Palette --------------------------------------------------------------------------------

PalettePanel::PalettePanel(QWidget *parent)
    : QListWidget(parent)
{
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setIconSize(QSize(22, 22));
    setSpacing(1);
    setUniformItemSizes(true);
    setToolTip(tr("Drag onto the diagram, or double-click to add"));
    for (EntityKind kind : EntityStyle::allKinds()) {
        auto *item = new QListWidgetItem(EntityStyle::kindIcon(kind), EntityStyle::kindName(kind), this);
        item->setData(Qt::UserRole, int(kind));
        item->setToolTip(tr("Add a %1: drag it onto the diagram (onto its parent for vNICs, NICs and subnets) "
                            "or double-click")
                             .arg(EntityStyle::kindName(kind).toLower()));
    }
    connect(this, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit addRequested(EntityKind(item->data(Qt::UserRole).toInt())); });
}

QListWidgetItem *PalettePanel::itemFor(EntityKind kind) const
{
    for (int i = 0; i < count(); ++i)
        if (item(i)->data(Qt::UserRole).toInt() == int(kind))
            return item(i);
    return nullptr;
}

QStringList PalettePanel::mimeTypes() const
{
    return {QLatin1String(DiagramView::kKindMime)};
}

QMimeData *PalettePanel::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    const auto kind = EntityKind(items.front()->data(Qt::UserRole).toInt());
    mime->setData(QLatin1String(DiagramView::kKindMime), QByteArray(kindName(kind).data(), qsizetype(kindName(kind).size())));
    return mime;
}

// ---- Outline --------------------------------------------------------------------------------

OutlinePanel::OutlinePanel(DesignDocument *doc, DesignSelection *selection, QWidget *parent)
    : QWidget(parent), m_doc(doc), m_selection(selection)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by name or id"));
    m_filter->setClearButtonEnabled(true);
    m_tree = new QTreeWidget(this);
    m_tree->setHeaderHidden(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setUniformRowHeights(true);
    m_tree->setIconSize(QSize(16, 16));
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);
    m_rebuildTimer.setSingleShot(true);
    m_rebuildTimer.setInterval(0);
    connect(&m_rebuildTimer, &QTimer::timeout, this, &OutlinePanel::rebuild);
    connect(m_doc, &DesignDocument::designReset, this, &OutlinePanel::rebuild);
    connect(m_doc, &DesignDocument::changed, this, &OutlinePanel::scheduleRebuild);
    connect(m_filter, &QLineEdit::textChanged, this, &OutlinePanel::applyFilter);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &OutlinePanel::onTreeSelection);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString id = item->data(0, Qt::UserRole).toString();
        if (!id.isEmpty())
            emit activated(id);
    });
    connect(m_selection, &DesignSelection::changed, this, &OutlinePanel::onSelection);
    rebuild();
}

void OutlinePanel::scheduleRebuild()
{
    m_rebuildTimer.start();
}

void OutlinePanel::rebuild()
{
    const Design &d = m_doc->design();
    QHash<int, bool> expanded;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        expanded.insert(m_tree->topLevelItem(i)->data(0, Qt::UserRole + 1).toInt(), m_tree->topLevelItem(i)->isExpanded());
    m_syncing = true;
    m_tree->setUpdatesEnabled(false);
    m_tree->clear();
    m_items.clear();
    QHash<int, QTreeWidgetItem *> groups;
    for (EntityKind kind : EntityStyle::allKinds()) {
        if (isChildKind(kind))
            continue;
        auto *g = new QTreeWidgetItem(m_tree);
        g->setIcon(0, EntityStyle::kindIcon(kind));
        g->setData(0, Qt::UserRole + 1, int(kind));
        g->setFlags(Qt::ItemIsEnabled);
        groups.insert(int(kind), g);
    }
    QHash<int, int> counts;
    for (const auto &[id, kind] : d.allEntities()) {
        QTreeWidgetItem *parent = nullptr;
        if (isChildKind(kind)) {
            std::string p;
            if (const Host *h = d.hostOf(id))
                p = h->id;
            else if (const Vm *vm = d.vmOfNic(id))
                p = vm->id;
            else if (const VmNetwork *n = d.vmNetworkOfSubnet(id))
                p = n->id;
            parent = m_items.value(q(p));
        } else {
            parent = groups.value(int(kind));
            ++counts[int(kind)];
        }
        if (!parent)
            continue;
        auto *item = new QTreeWidgetItem(parent);
        const QString name = q(d.displayName(id));
        item->setText(0, name == q(id) ? name : QStringLiteral("%1  (%2)").arg(name, q(id)));
        item->setIcon(0, EntityStyle::kindIcon(kind));
        item->setData(0, Qt::UserRole, q(id));
        item->setToolTip(0, EntityStyle::kindName(kind) + QStringLiteral(": ") + q(id));
        m_items.insert(q(id), item);
    }
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        const auto kind = EntityKind(it.key());
        it.value()->setText(0, QStringLiteral("%1 (%2)").arg(EntityStyle::kindPlural(kind)).arg(counts.value(it.key())));
        it.value()->setExpanded(expanded.value(it.key(), counts.value(it.key()) <= 50));
        if (counts.value(it.key()) == 0)
            it.value()->setHidden(true);
    }
    m_tree->setUpdatesEnabled(true);
    m_syncing = false;
    onSelection(m_selection->ids(), nullptr);
    applyFilter();
}

void OutlinePanel::applyFilter()
{
    const QString f = m_filter->text().trimmed();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *g = m_tree->topLevelItem(i);
        int visible = 0;
        for (int j = 0; j < g->childCount(); ++j) {
            QTreeWidgetItem *c = g->child(j);
            bool match = f.isEmpty() || c->text(0).contains(f, Qt::CaseInsensitive);
            for (int k = 0; k < c->childCount(); ++k) {
                const bool childMatch = f.isEmpty() || c->child(k)->text(0).contains(f, Qt::CaseInsensitive);
                c->child(k)->setHidden(!childMatch && !match);
                match = match || childMatch;
            }
            c->setHidden(!match);
            visible += match;
        }
        g->setHidden(visible == 0);
        if (!f.isEmpty() && visible)
            g->setExpanded(true);
    }
}

void OutlinePanel::onTreeSelection()
{
    if (m_syncing)
        return;
    QStringList ids;
    for (QTreeWidgetItem *item : m_tree->selectedItems()) {
        const QString id = item->data(0, Qt::UserRole).toString();
        if (!id.isEmpty())
            ids << id;
    }
    ids.sort();
    m_selection->setIds(ids, this);
}

void OutlinePanel::onSelection(const QStringList &ids, QObject *source)
{
    if (source == this)
        return;
    m_syncing = true;
    m_tree->clearSelection();
    QTreeWidgetItem *first = nullptr;
    for (const QString &id : ids) {
        if (QTreeWidgetItem *item = m_items.value(id)) {
            item->setSelected(true);
            if (!first)
                first = item;
        }
    }
    if (first)
        m_tree->scrollToItem(first);
    m_syncing = false;
}

// ---- Problems -------------------------------------------------------------------------------

ProblemsModel::ProblemsModel(DesignDocument *doc, QObject *parent)
    : QAbstractTableModel(parent), m_doc(doc)
{
    connect(m_doc, &DesignDocument::problemsChanged, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int ProblemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_doc->problems().size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_doc->problems().size())
        return {};
    const Problem &p = m_doc->problems()[index.row()];
    if (role == ProblemIndexRole)
        return index.row();
    if (role == SeverityRole)
        return int(p.severity);
    switch (index.column()) {
    case SeverityColumn:
        if (role == Qt::DecorationRole)
            return severityIcon(p.severity);
        if (role == Qt::DisplayRole)
            return Validator::severityName(p.severity);
        if (role == Qt::UserRole)
            return int(p.severity);
        break;
    case RuleColumn:
        if (role == Qt::DisplayRole)
            return p.ruleId;
        if (role == Qt::DecorationRole && p.hasFix())
            return QIcon(QStringLiteral(":/icons/fix.svg"));
        if (role == Qt::ToolTipRole && p.hasFix())
            return ProblemsPanel::tr("Fix available: %1").arg(p.fixText);
        break;
    case MessageColumn:
        if (role == Qt::DisplayRole)
            return p.message;
        if (role == Qt::ToolTipRole)
            return p.hasFix() ? p.message + QStringLiteral("\n\n") + ProblemsPanel::tr("Fix: %1").arg(p.fixText) : p.message;
        break;
    case EntitiesColumn:
        if (role == Qt::DisplayRole) {
            QStringList names;
            for (const QString &id : p.entities)
                names << q(m_doc->design().displayName(id.toStdString()));
            return names.join(QStringLiteral(", "));
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return ProblemsPanel::tr("Severity");
    case RuleColumn: return ProblemsPanel::tr("Rule");
    case MessageColumn: return ProblemsPanel::tr("Problem");
    case EntitiesColumn: return ProblemsPanel::tr("Entities");
    default: return {};
    }
}

ProblemsPanel::ProblemsPanel(DesignDocument *doc, DesignSelection *selection, QWidget *parent)
    : QWidget(parent), m_doc(doc), m_selection(selection)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 0);
    auto filterButton = [this, bar](const QString &icon) {
        auto *b = new QToolButton(this);
        b->setCheckable(true);
        b->setChecked(true);
        b->setIcon(QIcon(icon));
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setAutoRaise(true);
        bar->addWidget(b);
        connect(b, &QToolButton::toggled, this, &ProblemsPanel::updateFilter);
        return b;
    };
    m_errors = filterButton(QStringLiteral(":/icons/error.svg"));
    m_warnings = filterButton(QStringLiteral(":/icons/warning.svg"));
    m_infos = filterButton(QStringLiteral(":/icons/info.svg"));
    bar->addStretch();
    m_fix = new QPushButton(QIcon(QStringLiteral(":/icons/fix.svg")), tr("Apply Fix"), this);
    m_fix->setEnabled(false);
    m_fix->setToolTip(tr("Apply the suggested fix of the selected problem (undoable)"));
    bar->addWidget(m_fix);
    layout->addLayout(bar);

    m_model = new ProblemsModel(doc, this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(Qt::UserRole);
    m_proxy->setFilterKeyColumn(ProblemsModel::SeverityColumn);
    m_view = new QTreeView(this);
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(false);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ProblemsModel::MessageColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(ProblemsModel::SeverityColumn, 90);
    m_view->setColumnWidth(ProblemsModel::RuleColumn, 80);
    m_view->setColumnWidth(ProblemsModel::EntitiesColumn, 200);
    layout->addWidget(m_view);

    auto activate = [this](const QModelIndex &index) {
        if (!index.isValid())
            return;
        const int row = m_proxy->mapToSource(index).row();
        if (row < 0 || row >= m_doc->problems().size())
            return;
        m_selection->setIds(m_doc->problems()[row].entities, this);
        emit problemActivated(row);
        updateFixButton();
    };
    connect(m_view, &QTreeView::clicked, this, activate);
    connect(m_view, &QTreeView::activated, this, activate);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ProblemsPanel::updateFixButton);
    connect(m_fix, &QPushButton::clicked, this, &ProblemsPanel::applyFix);
    connect(m_doc, &DesignDocument::problemsChanged, this, &ProblemsPanel::updateFilter);
    updateFilter();
}

void ProblemsPanel::updateFilter()
{
    QStringList allowed;
    if (m_errors->isChecked())
        allowed << QString::number(int(Severity::Error));
    if (m_warnings->isChecked())
        allowed << QString::number(int(Severity::Warning));
    if (m_infos->isChecked())
        allowed << QString::number(int(Severity::Info));
    m_proxy->setFilterRegularExpression(
        QRegularExpression(QStringLiteral("^(%1)$").arg(allowed.isEmpty() ? QStringLiteral("x") : allowed.join(QLatin1Char('|')))));
    const Validator &v = m_doc->validator();
    m_errors->setText(tr("%n error(s)", nullptr, v.count(Severity::Error)));
    m_warnings->setText(tr("%n warning(s)", nullptr, v.count(Severity::Warning)));
    m_infos->setText(tr("%n info(s)", nullptr, v.count(Severity::Info)));
    updateFixButton();
}

int ProblemsPanel::currentProblem() const
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return -1;
    return m_proxy->mapToSource(index).row();
}

QModelIndex ProblemsPanel::indexOfProblem(int problemIndex) const
{
    return m_proxy->mapFromSource(m_model->index(problemIndex, ProblemsModel::MessageColumn));
}

void ProblemsPanel::updateFixButton()
{
    const int row = currentProblem();
    const bool fix = row >= 0 && row < m_doc->problems().size() && m_doc->problems()[row].hasFix();
    m_fix->setEnabled(fix);
    m_fix->setToolTip(fix ? tr("Fix: %1").arg(m_doc->problems()[row].fixText) : tr("The selected problem has no automatic fix"));
}

void ProblemsPanel::applyFix()
{
    const int row = currentProblem();
    QString error;
    if (m_doc->applyFix(row, &error))
        emit statusMessage(tr("Fix applied; Undo reverts it."));
    else
        emit statusMessage(tr("Cannot apply the fix: %1").arg(error));
}

// ---- Properties -----------------------------------------------------------------------------

namespace {

struct FieldInfo {
    std::optional<EntityKind> reference;    // a reference field to entities of this kind
    QStringList choices;                    // an enum
};

FieldInfo fieldInfo(EntityKind kind, const std::string &field)
{
    FieldInfo f;
    static const QHash<QString, EntityKind> refs{
        {QStringLiteral("host"), EntityKind::Host},
        {QStringLiteral("hostGroup"), EntityKind::HostGroup},
        {QStringLiteral("parent"), EntityKind::HostGroup},
        {QStringLiteral("logicalNetwork"), EntityKind::LogicalNetwork},
        {QStringLiteral("vmNetwork"), EntityKind::VmNetwork},
        {QStringLiteral("vmSubnet"), EntityKind::VmSubnet},
        {QStringLiteral("logicalSwitch"), EntityKind::LogicalSwitch},
        {QStringLiteral("classification"), EntityKind::PortClassification},
        {QStringLiteral("site"), EntityKind::Site},
    };
    const QString name = QString::fromStdString(field);
    if (refs.contains(name))
        f.reference = refs.value(name);
    if (name == QLatin1String("isolation"))
        f.choices = {QStringLiteral("None"), QStringLiteral("NetworkVirtualization")};
    else if (name == QLatin1String("translation"))
        f.choices = {QStringLiteral("Encap"), QStringLiteral("Rewrite")};
    else if (name == QLatin1String("provisioning"))
        f.choices = {QStringLiteral("Template"), QStringLiteral("Manual")};
    else if (name == QLatin1String("ipMode"))
        f.choices = {QStringLiteral("Static"), QStringLiteral("Pool"), QStringLiteral("Dhcp")};
    else if (name == QLatin1String("uplinkMode"))
        f.choices = {QStringLiteral("Team"), QStringLiteral("NoTeam")};
    else if (name == QLatin1String("bandwidthMode"))
        f.choices = {QStringLiteral("None"), QStringLiteral("Weight"), QStringLiteral("Absolute")};
    else if (name == QLatin1String("mode") && kind == EntityKind::Gateway)
        f.choices = {QStringLiteral("Forward"), QStringLiteral("NAT")};
    return f;
}

bool isChildArray(EntityKind kind, const std::string &field)
{
    return (kind == EntityKind::Vm && field == "nics") || (kind == EntityKind::Host && field == "physicalNics")
           || (kind == EntityKind::VmNetwork && field == "subnets");
}

QString fieldLabel(const std::string &field)
{
    // "logicalNetwork" → "Logical network"
    QString out;
    for (char c : field) {
        if (std::isupper(static_cast<unsigned char>(c)) && !out.isEmpty())
            out += QLatin1Char(' ') + QChar(c).toLower();
        else
            out += QChar(c);
    }
    if (!out.isEmpty())
        out[0] = out[0].toUpper();
    return out;
}

} // namespace

PropertiesPanel::PropertiesPanel(DesignDocument *doc, DesignSelection *selection, QWidget *parent)
    : QWidget(parent), m_doc(doc), m_selection(selection)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_header = new QLabel(this);
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    layout->addWidget(m_header);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; background: #fdecea; border: 1px solid #f3b8b3;"
                                          " border-radius: 3px; padding: 3px; }"));
    m_error->hide();
    layout->addWidget(m_error);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_formHost = new QWidget(scroll);
    scroll->setWidget(m_formHost);
    layout->addWidget(scroll, 1);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &PropertiesPanel::rebuild);
    connect(m_selection, &DesignSelection::changed, this, [this] { m_refreshTimer.start(); });
    connect(m_doc, &DesignDocument::changed, this, &PropertiesPanel::onChanged);
    connect(m_doc, &DesignDocument::designReset, this, [this] { m_refreshTimer.start(); });
    rebuild();
}

QString PropertiesPanel::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void PropertiesPanel::onChanged(const ChangeSet &changes)
{
    for (const Change &c : changes) {
        if (QString::fromStdString(c.id) == m_id) {
            m_refreshTimer.start();
            return;
        }
    }
}

QString PropertiesPanel::validate(const QString &field, const QString &text) const
{
    const std::string t = text.trimmed().toStdString();
    if (t.empty())
        return {};
    const EntityRef *ref = m_doc->design().find(m_id.toStdString());
    const EntityKind kind = ref ? ref->kind : EntityKind::HostGroup;
    if (field == QLatin1String("prefix") || field == QLatin1String("externalPrefix") || field == QLatin1String("subnet")) {
        const auto p = net::parsePrefix(t);
        if (!p.prefix && !p.error)
            return tr("\"%1\" is not a prefix such as 10.1.1.0/24.").arg(text);
        if (p.error == net::PrefixError::Syntax)
            return tr("\"%1\" is not a prefix such as 10.1.1.0/24.").arg(text);
        if (p.error == net::PrefixError::BadLength)
            return tr("The prefix length of \"%1\" is out of range.").arg(text);
        if (p.error == net::PrefixError::HostBitsSet)
            return tr("\"%1\" has host bits set: did you mean %2?").arg(text, QString::fromStdString(p.prefix->toString()));
    }
    const bool macField = field == QLatin1String("mac")
                          || (kind == EntityKind::MacPool && (field == QLatin1String("start") || field == QLatin1String("end")));
    if (macField) {
        if (!net::parseMac(t))
            return tr("\"%1\" is not a MAC address such as 00:1D:D8:B7:1C:01.").arg(text);
        return {};
    }
    if (field == QLatin1String("ip") || field == QLatin1String("address") || field == QLatin1String("gateway")
        || field == QLatin1String("externalAddress") || field == QLatin1String("start") || field == QLatin1String("end")) {
        if (!net::parseAddress(t))
            return tr("\"%1\" is not an IP address.").arg(text);
    }
    return {};
}

void PropertiesPanel::showFieldError(const QString &field, const QString &message)
{
    if (message.isEmpty()) {
        m_error->hide();
        m_error->clear();
    } else {
        m_error->setText(tr("%1: %2").arg(fieldLabel(field.toStdString()), message));
        m_error->show();
    }
    if (QWidget *w = m_editors.value(field))
        w->setStyleSheet(message.isEmpty() ? QString() : QStringLiteral("border: 1px solid #d62f2f; background: #fff4f3;"));
}

bool PropertiesPanel::commit(const QString &field, const Json &value)
{
    QString error;
    if (!m_doc->setField(m_id.toStdString(), field.toStdString(), value, &error)) {
        showFieldError(field, error);
        emit statusMessage(tr("Change refused: %1").arg(error));
        return false;
    }
    showFieldError(field, {});
    return true;
}

void PropertiesPanel::rebuild()
{
    // Do not pull the rug from under a field being typed in.
    if (QWidget *focus = QApplication::focusWidget(); focus && m_formHost->isAncestorOf(focus)
                                                        && m_selection->ids() == QStringList{m_id}
                                                        && m_doc->design().contains(m_id.toStdString())) {
        if (!m_refreshTimer.isActive())
            QTimer::singleShot(300, this, [this] { m_refreshTimer.start(); });
        return;
    }
    delete m_formHost->layout();
    qDeleteAll(m_formHost->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    m_editors.clear();
    m_error->hide();
    m_form = new QFormLayout(m_formHost);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight);

    const Design &d = m_doc->design();
    const QStringList ids = m_selection->ids();
    m_id = ids.size() == 1 ? ids.front() : QString();
    const EntityRef *ref = m_id.isEmpty() ? nullptr : d.find(m_id.toStdString());
    if (!ref) {
        m_id.clear();
        m_header->setText(ids.size() > 1 ? tr("<b>%n entities selected</b>", nullptr, int(ids.size()))
                                         : tr("<i>Select an entity to see its properties.</i>"));
        return;
    }
    const EntityKind kind = ref->kind;
    m_header->setText(QStringLiteral("<b>%1</b><br><span style='color:#6b747e'>%2 · %3</span>")
                          .arg(q(d.displayName(m_id.toStdString())).toHtmlEscaped(), EntityStyle::kindName(kind),
                               m_id.toHtmlEscaped()));
    const Json entity = io::entityToJson(d, m_id.toStdString());
    if (!entity.is_object())
        return;
    for (auto it = entity.begin(); it != entity.end(); ++it) {
        const std::string field = it.key();
        const QString qfield = QString::fromStdString(field);
        const Json &value = it.value();
        const QString label = fieldLabel(field);
        if (field == "id") {
            auto *l = new QLabel(QString::fromStdString(value.get<std::string>()), m_formHost);
            l->setTextInteractionFlags(Qt::TextSelectableByMouse);
            m_form->addRow(tr("Id"), l);
            continue;
        }
        if (isChildArray(kind, field)) {
            auto *l = new QLabel(tr("%n item(s) — edit them in the diagram", nullptr, int(value.size())), m_formHost);
            l->setStyleSheet(QStringLiteral("color: #6b747e"));
            m_form->addRow(label, l);
            continue;
        }
        const FieldInfo info = fieldInfo(kind, field);
        if (value.is_boolean()) {
            auto *box = new QCheckBox(m_formHost);
            box->setChecked(value.get<bool>());
            connect(box, &QCheckBox::toggled, this, [this, qfield](bool on) { commit(qfield, on); });
            m_form->addRow(label, box);
            m_editors.insert(qfield, box);
            continue;
        }
        if (!info.choices.isEmpty() && (value.is_string() || value.is_null())) {
            auto *combo = new QComboBox(m_formHost);
            combo->addItems(info.choices);
            combo->setCurrentText(value.is_string() ? QString::fromStdString(value.get<std::string>()) : info.choices.front());
            connect(combo, &QComboBox::currentTextChanged, this,
                    [this, qfield](const QString &text) { commit(qfield, text.toStdString()); });
            m_form->addRow(label, combo);
            m_editors.insert(qfield, combo);
            continue;
        }
        if (info.reference && (value.is_string() || value.is_null())) {
            auto *combo = new QComboBox(m_formHost);
            combo->addItem(tr("(none)"), QString());
            const QString current = value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
            int currentIndex = 0;
            for (const auto &[id, k] : d.allEntities()) {
                if (k != *info.reference)
                    continue;
                combo->addItem(EntityStyle::kindIcon(k), q(d.displayName(id)), q(id));
                if (q(id) == current)
                    currentIndex = combo->count() - 1;
            }
            if (!current.isEmpty() && currentIndex == 0) {
                combo->addItem(tr("%1 (missing)").arg(current), current);
                currentIndex = combo->count() - 1;
            }
            combo->setCurrentIndex(currentIndex);
            connect(combo, &QComboBox::currentIndexChanged, this, [this, qfield, combo](int) {
                const QString id = combo->currentData().toString();
                commit(qfield, id.isEmpty() ? Json() : Json(id.toStdString()));
            });
            m_form->addRow(label, combo);
            m_editors.insert(qfield, combo);
            continue;
        }
        auto *edit = new QLineEdit(m_formHost);
        const bool structured = value.is_array() || value.is_object();
        if (value.is_string())
            edit->setText(QString::fromStdString(value.get<std::string>()));
        else
            edit->setText(QString::fromStdString(value.dump()));
        if (structured)
            edit->setToolTip(tr("JSON, as in the design file"));
        connect(edit, &QLineEdit::editingFinished, this, [this, qfield, edit, value, structured] {
            const QString text = edit->text();
            Json newValue;
            if (structured || value.is_number()) {
                newValue = Json::parse(text.toStdString(), nullptr, false);
                if (newValue.is_discarded() || (value.is_number() && !newValue.is_number())
                    || (structured && newValue.type() != value.type())) {
                    showFieldError(qfield, value.is_number() ? tr("\"%1\" is not a number.").arg(text)
                                                             : tr("not valid JSON of the right shape."));
                    return;
                }
            } else {
                const QString why = validate(qfield, text);
                if (!why.isEmpty()) {
                    showFieldError(qfield, why); // refused inline: the model is untouched
                    emit statusMessage(why);
                    return;
                }
                newValue = text.trimmed().toStdString();
            }
            if (newValue == value) {
                showFieldError(qfield, {});
                return;
            }
            commit(qfield, newValue);
        });
        m_form->addRow(label, edit);
        m_editors.insert(qfield, edit);
    }
}

} // namespace netvirt::designer
