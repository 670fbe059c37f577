// Compare With…: the design diff against a baseline file, on the diagram and in a list.
#include <netvirt/designer/review/comparison.h>

#include <netvirt/designer/design_document.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/diagram_scene.h>
#include <netvirt/designer/diagram_view.h>
#include <netvirt/designer/entity_style.h>
#include <netvirt/designer/node_item.h>
#include <netvirt/designer/problem.h>

#include <netvirt/core/io/design_io.h>

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyleOptionGraphicsItem>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include <algorithm>

namespace netvirt::designer::review {

using namespace netvirt::core;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

QStringList idsOf(const std::vector<Id> &ids)
{
    QStringList out;
    for (const Id &id : ids)
        out << q(id);
    return out;
}

constexpr int kIdsRole = Qt::UserRole + 1;
constexpr qreal kMargin = 5;
constexpr qreal kBadge = 16;

} // namespace

// ---- ChangeMarker ---------------------------------------------------------------------------

ChangeMarker::ChangeMarker(ChangeType type, const QString &summary, QGraphicsItem *parent)
    : QGraphicsObject(parent)
    , m_type(type)
    , m_summary(summary)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setFlag(QGraphicsItem::ItemIsSelectable, false);
    setFlag(QGraphicsItem::ItemIsFocusable, false);
    setZValue(50); // above the node's rows
    refreshGeometry();
}

QColor ChangeMarker::colorOf(ChangeType type)
{
    // Neither the green arrow nor the red of a broken chain: blue added, amber changed.
    return type == ChangeType::Added ? QColor(0x1a, 0x73, 0xe8) : QColor(0xe0, 0x8a, 0x00);
}

void ChangeMarker::refreshGeometry()
{
    const QRectF r = parentItem() ? parentItem()->boundingRect().adjusted(-kMargin, -kMargin, kMargin, kMargin)
                                  : QRectF();
    if (r == m_outline)
        return;
    prepareGeometryChange();
    m_outline = r;
}

QRectF ChangeMarker::outline() const { return m_outline; }

QRectF ChangeMarker::boundingRect() const
{
    return m_outline.adjusted(-kBadge / 2 - 2, -kBadge / 2 - 2, 2, 2);
}

void ChangeMarker::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QColor c = colorOf(m_type);
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing, true);
    QPen pen(c, 2.5, m_type == ChangeType::Added ? Qt::SolidLine : Qt::DashLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(m_outline, 6, 6);
    if (lod < 0.25)
        return; // the outline alone reads at overview zoom
    const QRectF badge(m_outline.topLeft() - QPointF(kBadge / 2, kBadge / 2), QSizeF(kBadge, kBadge));
    painter->setPen(QPen(Qt::white, 1.2));
    painter->setBrush(c);
    painter->drawEllipse(badge);
    QFont f = painter->font();
    f.setBold(true);
    f.setPixelSize(12);
    painter->setFont(f);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter,
                      m_type == ChangeType::Added ? QStringLiteral("+") : QStringLiteral("~"));
}

// ---- ComparisonPanel ------------------------------------------------------------------------

ComparisonPanel::ComparisonPanel(DesignDocument *doc, DiagramScene *scene, DiagramView *view,
                                 DesignSelection *selection, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_scene(scene)
    , m_view(view)
    , m_selection(selection)
{
    setObjectName(QStringLiteral("comparisonPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    m_clear = new QPushButton(tr("Clear Comparison"), this);
    m_clear->setObjectName(QStringLiteral("comparisonClear"));
    bar->addWidget(m_header, 1);
    bar->addWidget(m_clear);
    layout->addLayout(bar);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("comparisonList"));
    m_tree->setColumnCount(4);
    m_tree->setHeaderLabels({tr("Change"), tr("Kind or rule"), tr("Entity"), tr("Details")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    layout->addWidget(m_tree, 1);

    connect(m_clear, &QPushButton::clicked, this, &ComparisonPanel::clear);
    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) { onItemActivated(item); });
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) { onItemActivated(item); });

    m_recomputeTimer.setSingleShot(true);
    m_recomputeTimer.setInterval(200);
    connect(&m_recomputeTimer, &QTimer::timeout, this, &ComparisonPanel::recompute);
    connect(m_doc, &DesignDocument::changed, this, &ComparisonPanel::scheduleRecompute);
    // A reset rebuilds the scene (the markers go with its items): compare the new design.
    connect(m_doc, &DesignDocument::designReset, this, &ComparisonPanel::scheduleRecompute);
    rebuildList();
}

ComparisonPanel::~ComparisonPanel()
{
    removeMarkers();
}

bool ComparisonPanel::compareWith(const QString &path, QString *error)
{
    auto loaded = io::loadDesign(path.toStdString());
    if (!loaded) {
        if (error)
            *error = q(loaded.error().message);
        return false;
    }
    setBaseline(std::move(*loaded), QFileInfo(path).fileName());
    return true;
}

void ComparisonPanel::setBaseline(Design baseline, const QString &name)
{
    m_baseline = std::make_unique<Design>(std::move(baseline));
    m_baselineProblems = std::make_unique<Validator>();
    m_baselineProblems->validateAll(*m_baseline);
    m_baselineName = name;
    recompute();
    emit activeChanged(true);
}

void ComparisonPanel::clear()
{
    m_recomputeTimer.stop();
    const bool was = isActive();
    m_baseline.reset();
    m_baselineProblems.reset();
    m_baselineName.clear();
    m_diff = {};
    removeMarkers();
    rebuildList();
    if (was) {
        emit statusMessage(tr("Comparison cleared."));
        emit activeChanged(false);
    }
}

void ComparisonPanel::scheduleRecompute()
{
    if (isActive())
        m_recomputeTimer.start();
}

void ComparisonPanel::recompute()
{
    m_recomputeTimer.stop();
    if (!m_baseline)
        return;
    // OLD is the baseline file, NEW the open design: what the open design changed.
    m_diff = diffDesigns(*m_baseline, m_doc->design());
    rebuildList();
    syncMarkers();
}

QString ComparisonPanel::kindText(EntityKind kind) const
{
    return EntityStyle::kindName(kind);
}

void ComparisonPanel::rebuildList()
{
    m_tree->clear();
    if (!m_baseline) {
        m_header->setText(tr("No comparison. Use Design → Compare With… to compare the open design with another "
                             "version of it."));
        m_clear->setEnabled(false);
        return;
    }
    m_clear->setEnabled(true);
    const Design &now = m_doc->design();
    const std::size_t newErrors = std::count_if(m_diff.newViolations.begin(), m_diff.newViolations.end(),
                                                [](const rules::Violation &v) { return v.severity == rules::Severity::Error; });
    m_header->setText(tr("Changes of the open design since <b>%1</b>: %2 added, %3 changed, %4 removed; %5 new "
                         "problems (%6 errors), %7 resolved.")
                          .arg(m_baselineName.toHtmlEscaped())
                          .arg(m_diff.added.size())
                          .arg(m_diff.changed.size())
                          .arg(m_diff.removed.size())
                          .arg(m_diff.newViolations.size() + m_diff.nv157.size())
                          .arg(newErrors + m_diff.nv157.size())
                          .arg(m_diff.resolvedViolations.size()));

    auto group = [this](const QString &title, std::size_t n, const QColor &color) {
        auto *g = new QTreeWidgetItem(m_tree, {title.arg(n)});
        g->setFirstColumnSpanned(true);
        QFont f = g->font(0);
        f.setBold(true);
        g->setFont(0, f);
        if (color.isValid())
            g->setForeground(0, color);
        g->setExpanded(true);
        return g;
    };
    auto entity = [&](QTreeWidgetItem *parent, const QString &change, const EntityDiff &e, const Design &where,
                      const QString &details) {
        auto *item = new QTreeWidgetItem(parent, {change, kindText(e.kind), q(where.displayName(e.id)), details});
        item->setData(0, kIdsRole, QStringList{q(e.id)});
        item->setToolTip(2, q(e.id));
        return item;
    };

    QTreeWidgetItem *added = group(tr("Added (%1)"), m_diff.added.size(), ChangeMarker::colorOf(ChangeType::Added));
    for (const EntityDiff &e : m_diff.added)
        entity(added, tr("added"), e, now, q(e.id));
    QTreeWidgetItem *changed = group(tr("Changed (%1)"), m_diff.changed.size(), ChangeMarker::colorOf(ChangeType::Changed));
    for (const EntityDiff &e : m_diff.changed) {
        QStringList fields;
        for (const std::string &f : e.fields)
            fields << q(f);
        entity(changed, tr("changed"), e, now, tr("fields: %1").arg(fields.join(QStringLiteral(", "))));
    }
    QTreeWidgetItem *removed = group(tr("Removed (%1)"), m_diff.removed.size(), QColor());
    for (const EntityDiff &e : m_diff.removed)
        entity(removed, tr("removed"), e, *m_baseline, tr("not on the diagram (only in %1)").arg(m_baselineName));

    // Problems: the translated texts of the designer's own validation where they match.
    auto textOf = [](const QList<Problem> &problems, const rules::Violation &v) {
        const QString rule = q(v.rule);
        const QStringList ids = idsOf(v.entities);
        for (const Problem &p : problems)
            if (p.ruleId == rule && p.entities == ids)
                return p.message;
        return q(v.message);
    };
    auto severityText = [](rules::Severity s) {
        return Validator::severityName(s == rules::Severity::Error     ? Severity::Error
                                       : s == rules::Severity::Warning ? Severity::Warning
                                                                       : Severity::Info);
    };
    auto violation = [&](QTreeWidgetItem *parent, const QString &change, const rules::Violation &v,
                         const Design &where, const QString &text) {
        const QString who = v.entities.empty() ? QString() : q(where.displayName(v.entities.front()));
        auto *item = new QTreeWidgetItem(parent, {change, q(v.rule), who, text});
        item->setData(0, kIdsRole, idsOf(v.entities));
        item->setToolTip(3, text);
        return item;
    };
    QTreeWidgetItem *nv157 = group(tr("Switches changed in use (%1)"), m_diff.nv157.size(), EntityStyle::errorColor());
    for (const rules::Violation &v : m_diff.nv157)
        violation(nv157, severityText(v.severity), v, now, q(v.message));
    QTreeWidgetItem *fresh = group(tr("New problems (%1)"), m_diff.newViolations.size(), EntityStyle::errorColor());
    for (const rules::Violation &v : m_diff.newViolations)
        violation(fresh, severityText(v.severity), v, now, textOf(m_doc->problems(), v));
    QTreeWidgetItem *resolved = group(tr("Resolved problems (%1)"), m_diff.resolvedViolations.size(),
                                      EntityStyle::okColor());
    for (const rules::Violation &v : m_diff.resolvedViolations)
        violation(resolved, tr("resolved"), v, *m_baseline, textOf(m_baselineProblems->problems(), v));
    for (QTreeWidgetItem *g : {nv157})
        g->setHidden(g->childCount() == 0);
    m_tree->resizeColumnToContents(0);
    m_tree->resizeColumnToContents(1);
}

void ComparisonPanel::removeMarkers()
{
    for (const QPointer<ChangeMarker> &m : std::as_const(m_markers))
        delete m.data(); // null when the scene already deleted it with its entity
    m_markers.clear();
}

void ComparisonPanel::syncMarkers()
{
    QHash<QString, QPair<ChangeType, QString>> wanted;
    for (const EntityDiff &e : m_diff.added)
        wanted.insert(q(e.id), {ChangeType::Added, tr("added")});
    for (const EntityDiff &e : m_diff.changed) {
        QStringList fields;
        for (const std::string &f : e.fields)
            fields << q(f);
        wanted.insert(q(e.id), {ChangeType::Changed, fields.join(QStringLiteral(", "))});
    }
    // Drop the markers no longer wanted or whose item changed (the scene rebuilds items).
    for (auto it = m_markers.begin(); it != m_markers.end();) {
        ChangeMarker *m = it->data();
        const auto want = wanted.constFind(it.key());
        EntityItem *item = m_scene->itemFor(it.key());
        if (!m || want == wanted.constEnd() || m->parentItem() != item || m->changeType() != want->first
            || m->summary() != want->second) {
            delete m;
            it = m_markers.erase(it);
        } else {
            m->refreshGeometry();
            ++it;
        }
    }
    for (auto it = wanted.begin(); it != wanted.end(); ++it) {
        if (m_markers.contains(it.key()))
            continue;
        if (EntityItem *item = m_scene->itemFor(it.key()))
            m_markers.insert(it.key(), new ChangeMarker(it->first, it->second, item));
    }
}

ChangeMarker *ComparisonPanel::markerFor(const QString &id) const
{
    return m_markers.value(id).data();
}

int ComparisonPanel::markerCount() const
{
    int n = 0;
    for (const QPointer<ChangeMarker> &m : m_markers)
        n += m ? 1 : 0;
    return n;
}

bool ComparisonPanel::activateEntry(const QString &id)
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(0, kIdsRole).toStringList().value(0) == id) {
            m_tree->setCurrentItem(*it);
            onItemActivated(*it);
            return true;
        }
    }
    return false;
}

void ComparisonPanel::onItemActivated(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const QStringList ids = item->data(0, kIdsRole).toStringList();
    if (ids.isEmpty())
        return;
    QStringList present;
    for (const QString &id : ids)
        if (m_doc->design().contains(id.toStdString()))
            present << id;
    if (present.isEmpty()) {
        emit statusMessage(tr("%1 is not in the open design (only in %2).").arg(ids.front(), m_baselineName));
        return;
    }
    m_selection->setIds(present);
    m_view->centreOn(present);
    emit statusMessage(item->text(0) + QStringLiteral(": ") + item->text(2)
                       + (item->text(3).isEmpty() ? QString() : QStringLiteral(" — ") + item->text(3)));
}

} // namespace netvirt::designer::review
