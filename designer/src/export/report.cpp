// The design-review report: title page, diagram page (landscape), then the findings and the
// entity tables as paginated HTML, with page numbers, on QPdfWriter at the scene's resolution.
#include <netvirt/designer/export/report.h>

#include <netvirt/designer/design_document.h>
#include <netvirt/designer/design_selection.h>
#include <netvirt/designer/diagram_scene.h>
#include <netvirt/designer/entity_style.h>
#include <netvirt/designer/export/diagram_export.h>

#include <netvirt/core/ipam/ipam.h>
#include <netvirt/core/net/address.h>

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QTextStream>

#include <algorithm>
#include <map>
#include <memory>

namespace netvirt::designer {

using namespace netvirt::core;

namespace {

class DesignReport final
{
    Q_DECLARE_TR_FUNCTIONS(DesignReport)
};

QString q(const std::string &s) { return QString::fromStdString(s); }
QString h(const std::string &s) { return QString::fromStdString(s).toHtmlEscaped(); }
QString h(const QString &s) { return s.toHtmlEscaped(); }
QString h(const std::optional<std::string> &s) { return s ? h(*s) : QString(); }

QString nameOf(const Design &d, const std::string &id)
{
    if (!d.contains(id))
        return DesignReport::tr("%1 (missing)").arg(h(id));
    return h(d.displayName(id));
}

QString join(const QStringList &parts, const QString &sep = QStringLiteral(", "))
{
    return parts.isEmpty() ? QStringLiteral("—") : parts.join(sep);
}

QString namesOf(const Design &d, const std::vector<Id> &ids)
{
    QStringList out;
    for (const Id &id : ids)
        out << nameOf(d, id);
    return join(out);
}

QString severityText(rules::Severity s)
{
    switch (s) {
    case rules::Severity::Error: return DesignReport::tr("Error");
    case rules::Severity::Warning: return DesignReport::tr("Warning");
    case rules::Severity::Info: return DesignReport::tr("Info");
    }
    return {};
}

QString yesNo(bool b) { return b ? DesignReport::tr("yes") : DesignReport::tr("no"); }

// Builds one HTML table: a caption row of headers, then rows of cells (already escaped).
class Table
{
public:
    explicit Table(const QStringList &headers) : m_columns(int(headers.size()))
    {
        m_html += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\" "
                                 "style=\"border-collapse: collapse; border-color: #8a9099;\"><thead><tr>");
        for (const QString &hd : headers)
            m_html += QStringLiteral("<th align=\"left\" bgcolor=\"#e4e7eb\">%1</th>").arg(h(hd));
        m_html += QStringLiteral("</tr></thead>");
    }
    void row(const QStringList &cells)
    {
        m_html += QStringLiteral("<tr>");
        for (int i = 0; i < m_columns; ++i)
            m_html += QStringLiteral("<td valign=\"top\">%1</td>").arg(i < cells.size() ? cells[i] : QString());
        m_html += QStringLiteral("</tr>");
        ++m_rows;
    }
    QString html() const
    {
        if (m_rows == 0)
            return QStringLiteral("<p><i>%1</i></p>").arg(DesignReport::tr("None."));
        return m_html + QStringLiteral("</table>");
    }

private:
    int m_columns;
    int m_rows = 0;
    QString m_html;
};

QString section(const QString &title, const QString &body, const QString &intro = {})
{
    QString out = QStringLiteral("<h2>%1</h2>").arg(h(title));
    if (!intro.isEmpty())
        out += QStringLiteral("<p>%1</p>").arg(intro);
    return out + body;
}

// Addresses in an "a"–"b" range (0 when either end does not parse).
std::uint64_t ipRangeSize(const std::string &start, const std::string &end)
{
    const auto a = net::parseAddress(start);
    const auto b = net::parseAddress(end);
    if (!a || !b || a->is_v4() != b->is_v4())
        return 0;
    const net::AddrKey ka = net::toKey(*a), kb = net::toKey(*b);
    return kb < ka ? 0 : net::span(ka, kb);
}

std::uint64_t macRangeSize(const std::string &start, const std::string &end)
{
    const auto a = net::parseMac(start);
    const auto b = net::parseMac(end);
    if (!a || !b || b->toU64() < a->toU64())
        return 0;
    return b->toU64() - a->toU64() + 1;
}

QString utilisation(std::size_t used, std::uint64_t size)
{
    if (size == 0)
        return QStringLiteral("%1 / —").arg(used);
    const double pct = 100.0 * double(used) / double(size);
    return QStringLiteral("%1 / %2 (%3%)").arg(used).arg(size).arg(QLocale().toString(pct, 'f', pct < 10 ? 1 : 0));
}

QString findingsHtml(const Design &d, std::vector<rules::Violation> violations)
{
    rules::sortViolations(violations);
    Table t({DesignReport::tr("Severity"), DesignReport::tr("Rule"), DesignReport::tr("Entities"),
             DesignReport::tr("Finding"), DesignReport::tr("Fix")});
    for (const rules::Violation &v : violations) {
        QStringList entities;
        for (const Id &id : v.entities)
            entities << (d.contains(id) ? QStringLiteral("%1 <small>(%2)</small>").arg(h(d.displayName(id)), h(id)) : h(id));
        QString fix = QStringLiteral("—");
        if (v.fix)
            fix = h(v.fix->description);
        const QString sev = v.severity == rules::Severity::Error ? QStringLiteral("<b>%1</b>").arg(severityText(v.severity))
                                                                 : severityText(v.severity);
        t.row({sev, QStringLiteral("<b>%1</b>").arg(h(v.rule)), join(entities), h(v.message), fix});
    }
    const rules::Summary s = rules::summarize(violations);
    const QString intro = DesignReport::tr("%n error(s)", nullptr, int(s.errors)) + QStringLiteral(", ")
                          + DesignReport::tr("%n warning(s)", nullptr, int(s.warnings)) + QStringLiteral(", ")
                          + DesignReport::tr("%n info(s)", nullptr, int(s.infos)) + QStringLiteral(". ")
                          + DesignReport::tr("Errors first, then by rule.");
    return section(DesignReport::tr("Validation findings"), t.html(), intro);
}

} // namespace

QString reportBodyHtml(const Design &d, const std::vector<rules::Violation> &violations)
{
    const ipam::Allocation alloc = ipam::allocate(d);
    auto use = [&](const Id &pool) {
        auto it = alloc.poolUse.find(pool);
        return it == alloc.poolUse.end() ? std::size_t(0) : it->second;
    };
    QString html;
    html += findingsHtml(d, violations);

    // Logical networks and sites.
    {
        Table ln({DesignReport::tr("Logical network"), DesignReport::tr("Id"), DesignReport::tr("Network virtualization"),
                  DesignReport::tr("Sites")});
        for (const LogicalNetwork &n : d.logicalNetworks) {
            QStringList sites;
            for (const Site &s : d.sites)
                if (s.logicalNetwork == n.id)
                    sites << h(s.name);
            ln.row({h(n.name), h(n.id), yesNo(n.networkVirtualization), join(sites)});
        }
        html += section(EntityStyle::kindPlural(EntityKind::LogicalNetwork), ln.html());
        Table st({DesignReport::tr("Site"), DesignReport::tr("Id"), DesignReport::tr("Logical network"),
                  DesignReport::tr("Host groups"), DesignReport::tr("Subnet"), DesignReport::tr("VLAN")});
        for (const Site &s : d.sites) {
            if (s.subnets.empty())
                st.row({h(s.name), h(s.id), nameOf(d, s.logicalNetwork), namesOf(d, s.hostGroups), QStringLiteral("—"),
                        QStringLiteral("—")});
            for (std::size_t i = 0; i < s.subnets.size(); ++i) {
                const SiteSubnet &sub = s.subnets[i];
                const QString vlan = sub.vlan ? QString::number(sub.vlan) : DesignReport::tr("untagged (0)");
                if (i == 0)
                    st.row({h(s.name), h(s.id), nameOf(d, s.logicalNetwork), namesOf(d, s.hostGroups), h(sub.prefix), vlan});
                else
                    st.row({QString(), QString(), QString(), QString(), h(sub.prefix), vlan});
            }
        }
        html += section(EntityStyle::kindPlural(EntityKind::Site), st.html());
    }

    // Pools with utilisation (IPAM: given and allocated addresses inside each range).
    {
        Table ip({DesignReport::tr("IP pool"), DesignReport::tr("Id"), DesignReport::tr("On"), DesignReport::tr("Range"),
                  DesignReport::tr("Gateway"), DesignReport::tr("DNS"), DesignReport::tr("Reserved"),
                  DesignReport::tr("Used / size")});
        for (const IpPool &p : d.ipPools) {
            QString on;
            if (p.site)
                on = DesignReport::tr("site %1, %2").arg(nameOf(d, *p.site), h(p.subnet));
            else if (p.vmSubnet)
                on = DesignReport::tr("VM subnet %1").arg(nameOf(d, *p.vmSubnet));
            QStringList dns, reserved;
            for (const std::string &s : p.dns)
                dns << h(s);
            for (const std::string &s : p.reserved)
                reserved << h(s);
            ip.row({h(p.name), h(p.id), on, h(p.start) + QStringLiteral(" – ") + h(p.end), h(p.gateway), join(dns),
                    join(reserved), utilisation(use(p.id), ipRangeSize(p.start, p.end))});
        }
        QString body = ip.html();
        Table mac({DesignReport::tr("MAC pool"), DesignReport::tr("Id"), DesignReport::tr("Range"),
                   DesignReport::tr("Host groups"), DesignReport::tr("Used / size")});
        for (const MacPool &p : d.macPools)
            mac.row({h(p.name), h(p.id), h(p.start) + QStringLiteral(" – ") + h(p.end), namesOf(d, p.hostGroups),
                     utilisation(use(p.id), macRangeSize(p.start, p.end))});
        body += QStringLiteral("<h3>%1</h3>").arg(h(EntityStyle::kindPlural(EntityKind::MacPool))) + mac.html();
        if (!alloc.shortages.empty()) {
            QStringList lines;
            for (const ipam::PoolShortage &s : alloc.shortages)
                lines << DesignReport::tr("%1: %2 needed, %3 available").arg(nameOf(d, s.pool)).arg(s.needed).arg(s.available);
            body += QStringLiteral("<p><b>%1</b> %2</p>").arg(DesignReport::tr("Shortages:"), lines.join(QStringLiteral("; ")));
        }
        html += section(EntityStyle::kindPlural(EntityKind::IpPool), body,
                        DesignReport::tr("Used counts the addresses and MACs of the design, given or allocated by "
                                         "IPAM, that lie in each pool's range."));
    }

    // Port profiles, classifications and logical switches.
    {
        Table up({DesignReport::tr("Uplink port profile"), DesignReport::tr("Id"), DesignReport::tr("Sites"),
                  DesignReport::tr("Network virtualization"), DesignReport::tr("Teaming")});
        for (const UplinkPortProfile &u : d.uplinkPortProfiles) {
            const QString mode = u.teaming.mode == TeamingMode::Lacp     ? DesignReport::tr("LACP")
                                 : u.teaming.mode == TeamingMode::Static ? DesignReport::tr("static")
                                                                         : DesignReport::tr("switch independent");
            const QString lb = u.teaming.loadBalancing == LoadBalancing::AddressHash ? DesignReport::tr("address hash")
                                                                                     : DesignReport::tr("Hyper-V port");
            up.row({h(u.name), h(u.id), namesOf(d, u.sites), yesNo(u.networkVirtualization), mode + QStringLiteral(", ") + lb});
        }
        html += section(EntityStyle::kindPlural(EntityKind::UplinkPortProfile), up.html());

        Table ls({DesignReport::tr("Logical switch"), DesignReport::tr("Id"), DesignReport::tr("Uplinks"),
                  DesignReport::tr("Uplink port profiles"), DesignReport::tr("Virtual ports (classification → vNIC profile)"),
                  DesignReport::tr("Extensions")});
        for (const LogicalSwitch &s : d.logicalSwitches) {
            QStringList ports;
            for (const VirtualPort &vp : s.virtualPorts)
                ports << nameOf(d, vp.classification) + QStringLiteral(" → ") + nameOf(d, vp.vnicProfile)
                             + (vp.isDefault.value_or(false) ? DesignReport::tr(" (default)") : QString());
            QStringList ext;
            for (const std::string &e : s.extensions)
                ext << h(e);
            const QString bw = s.effectiveBandwidthMode() == BandwidthMode::Weight     ? DesignReport::tr("weight")
                               : s.effectiveBandwidthMode() == BandwidthMode::Absolute ? DesignReport::tr("absolute")
                                                                                       : DesignReport::tr("none");
            ls.row({h(s.name), h(s.id),
                    (s.uplinkMode == UplinkMode::Team ? DesignReport::tr("team") : DesignReport::tr("no team"))
                        + QStringLiteral("; ") + DesignReport::tr("bandwidth: %1").arg(bw),
                    namesOf(d, s.uplinkProfiles), join(ports, QStringLiteral("<br/>")), join(ext)});
        }
        html += section(EntityStyle::kindPlural(EntityKind::LogicalSwitch), ls.html());

        Table vp({DesignReport::tr("vNIC port profile"), DesignReport::tr("Id"), DesignReport::tr("Offload"),
                  DesignReport::tr("Security"), DesignReport::tr("Bandwidth")});
        for (const VnicPortProfile &p : d.vnicPortProfiles) {
            QStringList off, sec, bw;
            if (p.offload.vmq) off << DesignReport::tr("VMQ");
            if (p.offload.ipsecTaskOffload) off << DesignReport::tr("IPsec task offload");
            if (p.offload.sriov) off << DesignReport::tr("SR-IOV");
            if (p.security.macSpoofing) sec << DesignReport::tr("MAC spoofing allowed");
            if (p.security.dhcpGuard) sec << DesignReport::tr("DHCP guard");
            if (p.security.routerGuard) sec << DesignReport::tr("router guard");
            if (p.security.guestTeaming) sec << DesignReport::tr("guest teaming");
            if (p.bandwidth.minimumWeight) bw << DesignReport::tr("minimum weight %1").arg(*p.bandwidth.minimumWeight);
            if (p.bandwidth.maximumMbps) bw << DesignReport::tr("maximum %1 Mbps").arg(*p.bandwidth.maximumMbps);
            vp.row({h(p.name), h(p.id), join(off), join(sec), join(bw)});
        }
        Table pc({DesignReport::tr("Port classification"), DesignReport::tr("Id"), DesignReport::tr("Description")});
        for (const PortClassification &c : d.portClassifications)
            pc.row({h(c.name), h(c.id), h(c.description)});
        html += section(DesignReport::tr("Port profiles and classifications"),
                        vp.html() + QStringLiteral("<h3>%1</h3>").arg(h(EntityStyle::kindPlural(EntityKind::PortClassification)))
                            + pc.html());
    }

    // Host groups and hosts with NICs, teams and provider addresses.
    {
        Table hg({DesignReport::tr("Host group"), DesignReport::tr("Id"), DesignReport::tr("Parent")});
        for (const HostGroup &g : d.hostGroups)
            hg.row({h(g.name), h(g.id), g.parent ? nameOf(d, *g.parent) : QStringLiteral("—")});
        html += section(EntityStyle::kindPlural(EntityKind::HostGroup), hg.html());

        Table ht({DesignReport::tr("Host"), DesignReport::tr("Host group"), DesignReport::tr("Physical NICs"),
                  DesignReport::tr("Switches and teams"), DesignReport::tr("Host vNICs"),
                  DesignReport::tr("Provider addresses")});
        for (const Host &host : d.hosts) {
            QStringList nics;
            for (const PhysicalNic &n : host.physicalNics) {
                QString line = h(n.name ? *n.name : n.id);
                QStringList bits;
                bits << (n.mac ? h(*n.mac) : h(ipam::derivedNicMac(n.id)) + DesignReport::tr(" (derived)"));
                bits << DesignReport::tr("MTU %1").arg(n.effectiveMtu());
                if (n.speedMbps)
                    bits << DesignReport::tr("%1 Mbps").arg(*n.speedMbps);
                nics << line + QStringLiteral(": ") + bits.join(QStringLiteral(", "));
            }
            QStringList teams, hostVnics;
            for (const HostSwitch &sw : host.switches) {
                QStringList members;
                for (const Adapter &a : sw.adapters)
                    members << (d.physicalNic(a.nic) ? h(d.displayName(a.nic)) : h(a.nic)) + QStringLiteral(" → ")
                                   + nameOf(d, a.uplinkProfile);
                const LogicalSwitch *ls = d.logicalSwitch(sw.logicalSwitch);
                const QString kind = ls && ls->uplinkMode == UplinkMode::Team && sw.adapters.size() > 1
                                         ? DesignReport::tr("team of %n", nullptr, int(sw.adapters.size()))
                                         : DesignReport::tr("%n uplink(s)", nullptr, int(sw.adapters.size()));
                teams << QStringLiteral("<b>%1</b> (%2): %3").arg(nameOf(d, sw.logicalSwitch), kind, join(members));
                for (const HostVnic &hv : sw.hostVnics) {
                    QString addr = hv.ip ? h(*hv.ip) : QString();
                    if (addr.isEmpty()) {
                        auto it = alloc.nicAddress.find(hv.id);
                        addr = it != alloc.nicAddress.end() ? h(it->second) + DesignReport::tr(" (allocated)")
                                                            : DesignReport::tr("unassigned");
                    }
                    hostVnics << h(hv.name ? *hv.name : hv.id) + QStringLiteral(": ")
                                     + (hv.vmNetwork ? nameOf(d, *hv.vmNetwork) : DesignReport::tr("not connected"))
                                     + QStringLiteral(", ") + addr;
                }
            }
            QStringList pas;
            const bool given = host.providerAddresses && !host.providerAddresses->empty();
            if (auto it = alloc.providerAddresses.find(host.id); it != alloc.providerAddresses.end())
                for (const std::string &pa : it->second)
                    pas << h(pa);
            QString paText = join(pas);
            if (!pas.isEmpty() && !given)
                paText += DesignReport::tr(" (allocated)");
            const QString name = h(host.name) + (host.isEmulated() ? QString() : DesignReport::tr(" (remote)"));
            ht.row({name + QStringLiteral("<br/><small>%1</small>").arg(h(host.id)), nameOf(d, host.hostGroup),
                    join(nics, QStringLiteral("<br/>")), join(teams, QStringLiteral("<br/>")),
                    join(hostVnics, QStringLiteral("<br/>")), paText});
        }
        html += section(EntityStyle::kindPlural(EntityKind::Host), ht.html());
    }

    // VM networks with VM subnets and VSIDs, gateways.
    {
        Table vn({DesignReport::tr("VM network"), DesignReport::tr("Id"), DesignReport::tr("Logical network"),
                  DesignReport::tr("Isolation"), DesignReport::tr("VM subnet"), DesignReport::tr("Prefix"),
                  DesignReport::tr("VSID")});
        for (const VmNetwork &n : d.vmNetworks) {
            const QString iso = n.isIsolated() ? (n.effectiveTranslation() == Translation::Rewrite
                                                      ? DesignReport::tr("network virtualization, IP Rewrite")
                                                      : DesignReport::tr("network virtualization, NVGRE"))
                                               : DesignReport::tr("none (standard)");
            if (n.subnets.empty())
                vn.row({h(n.name), h(n.id), nameOf(d, n.logicalNetwork), iso, QStringLiteral("—"), QStringLiteral("—"),
                        QStringLiteral("—")});
            for (std::size_t i = 0; i < n.subnets.size(); ++i) {
                const VmSubnet &s = n.subnets[i];
                const QString sub = h(s.name ? *s.name : s.id);
                if (i == 0)
                    vn.row({h(n.name), h(n.id), nameOf(d, n.logicalNetwork), iso, sub, h(s.prefix), QString::number(s.vsid)});
                else
                    vn.row({QString(), QString(), QString(), QString(), sub, h(s.prefix), QString::number(s.vsid)});
            }
        }
        QString body = vn.html();
        if (!d.gateways.empty()) {
            Table gw({DesignReport::tr("Gateway"), DesignReport::tr("Id"), DesignReport::tr("VM subnet"),
                      DesignReport::tr("Address"), DesignReport::tr("Host"), DesignReport::tr("External"),
                      DesignReport::tr("Mode")});
            for (const Gateway &g : d.gateways)
                gw.row({h(g.name), h(g.id), nameOf(d, g.vmSubnet), h(g.address), nameOf(d, g.host),
                        h(g.externalPrefix) + (g.externalAddress ? QStringLiteral(" (%1)").arg(h(*g.externalAddress)) : QString()),
                        g.mode == GatewayMode::Nat ? DesignReport::tr("NAT") : DesignReport::tr("forwarding")});
            body += QStringLiteral("<h3>%1</h3>").arg(h(EntityStyle::kindPlural(EntityKind::Gateway))) + gw.html();
        }
        html += section(EntityStyle::kindPlural(EntityKind::VmNetwork), body);
    }

    // VMs with their vNICs' addresses.
    {
        Table vt({DesignReport::tr("VM"), DesignReport::tr("Host"), DesignReport::tr("vNIC"),
                  DesignReport::tr("VM network / subnet"), DesignReport::tr("Address"), DesignReport::tr("MAC"),
                  DesignReport::tr("Switch, classification")});
        for (const Vm &vm : d.vms) {
            const QString vmCell = h(vm.name) + QStringLiteral("<br/><small>%1</small>").arg(h(vm.id));
            if (vm.nics.empty())
                vt.row({vmCell, nameOf(d, vm.host), QStringLiteral("—")});
            bool first = true;
            for (const VmNic &nic : vm.nics) {
                QString net = nic.vmNetwork ? nameOf(d, *nic.vmNetwork) : DesignReport::tr("not connected");
                if (nic.vmSubnet)
                    net += QStringLiteral(" / ") + nameOf(d, *nic.vmSubnet);
                QString addr;
                if (nic.ip) {
                    addr = h(*nic.ip);
                } else if (auto it = alloc.nicAddress.find(nic.id); it != alloc.nicAddress.end()) {
                    addr = h(it->second) + DesignReport::tr(" (allocated)");
                } else {
                    addr = nic.ipMode == IpMode::Dhcp ? DesignReport::tr("DHCP, unassigned") : DesignReport::tr("unassigned");
                }
                if (auto it = alloc.rewriteAddress.find(nic.id); it != alloc.rewriteAddress.end())
                    addr += QStringLiteral("<br/>") + DesignReport::tr("PA %1").arg(h(it->second));
                QString mac;
                if (nic.mac)
                    mac = h(*nic.mac);
                else if (auto it = alloc.nicMac.find(nic.id); it != alloc.nicMac.end())
                    mac = h(it->second) + DesignReport::tr(" (allocated)");
                else
                    mac = DesignReport::tr("unassigned");
                const QString sw = (nic.logicalSwitch ? nameOf(d, *nic.logicalSwitch) : QStringLiteral("—"))
                                   + QStringLiteral(", ")
                                   + (nic.classification ? nameOf(d, *nic.classification) : QStringLiteral("—"));
                vt.row({first ? vmCell : QString(), first ? nameOf(d, vm.host) : QString(), h(nic.name ? *nic.name : nic.id),
                        net, addr, mac, sw});
                first = false;
            }
        }
        html += section(EntityStyle::kindPlural(EntityKind::Vm), vt.html());
    }
    return html;
}

bool writeReport(const Design &d, const std::vector<rules::Violation> &violations, const QString &pdfPath,
                 const ReportOptions &options, QString *error)
{
    auto fail = [&](const QString &text) {
        if (error)
            *error = text;
        return false;
    };
    QSaveFile file(pdfPath);
    if (!file.open(QIODevice::WriteOnly))
        return fail(DesignReport::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(pdfPath), file.errorString()));

    const QString title = !options.title.isEmpty() ? options.title
                          : d.name.empty()         ? DesignReport::tr("Untitled design")
                                                   : q(d.name);
    const QPageLayout portrait(QPageSize(options.pageSize), QPageLayout::Portrait, QMarginsF(18, 16, 18, 16),
                               QPageLayout::Millimeter);
    QPageLayout landscape = portrait;
    landscape.setOrientation(QPageLayout::Landscape);

    QPdfWriter pdf(&file);
    pdf.setResolution(sceneDpi());
    pdf.setTitle(DesignReport::tr("Design review: %1").arg(title));
    pdf.setCreator(QStringLiteral("NetVirt Designer"));
    pdf.setPageLayout(portrait);

    QFont base;
    base.setPointSizeF(9.5);
    const QString css = QStringLiteral(
        "body { color: #1f2328; } h1 { font-size: 22pt; } h2 { font-size: 13pt; margin-top: 14px; } "
        "h3 { font-size: 10.5pt; } th { font-weight: bold; } td, th { font-size: 8.5pt; } small { color: #4d555e; }");
    auto makeDoc = [&](const QString &body, const QSizeF &pageSize) {
        auto doc = std::make_unique<QTextDocument>();
        doc->documentLayout()->setPaintDevice(&pdf);
        doc->setDefaultFont(base);
        doc->setDefaultStyleSheet(css);
        doc->setHtml(QStringLiteral("<html><body>%1</body></html>").arg(body));
        doc->setPageSize(pageSize);
        return doc;
    };

    QPainter painter;
    if (!painter.begin(&pdf))
        return fail(DesignReport::tr("Cannot write %1.").arg(QDir::toNativeSeparators(pdfPath)));
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);

    QFont footerFont = base;
    footerFont.setPointSizeF(7.5);
    const qreal footerHeight = QFontMetricsF(footerFont, &pdf).height() * 2;
    auto pageRect = [&] { return QRectF(0, 0, pdf.width(), pdf.height()); };
    int pageNumber = 1;
    int pageTotal = 0; // known once the body is laid out
    auto footer = [&] {
        const QRectF r = pageRect();
        painter.save();
        painter.setFont(footerFont);
        painter.setPen(QColor(0x4d, 0x55, 0x5e));
        painter.drawText(QRectF(r.left(), r.bottom() - footerHeight, r.width(), footerHeight),
                         Qt::AlignLeft | Qt::AlignBottom, DesignReport::tr("Design review: %1").arg(title));
        painter.drawText(QRectF(r.left(), r.bottom() - footerHeight, r.width(), footerHeight),
                         Qt::AlignRight | Qt::AlignBottom, DesignReport::tr("Page %1 of %2").arg(pageNumber).arg(pageTotal));
        painter.restore();
    };

    // Body first (off-page), so that the title page can say how many pages follow.
    const QSizeF bodyPage(pdf.width(), pdf.height() - footerHeight);
    auto body = makeDoc(reportBodyHtml(d, violations), bodyPage);
    pageTotal = 2 + body->pageCount();

    // 1. Title page.
    {
        const rules::Summary s = rules::summarize(violations);
        const bool clean = rules::isClean(violations);
        QString status = clean ? DesignReport::tr("<b>Validates clean.</b> No errors and no warnings.")
                               : DesignReport::tr("<b>Not clean.</b> The findings below must be resolved or accepted.");
        const QString counts = DesignReport::tr("%n error(s)", nullptr, int(s.errors)) + QStringLiteral(", ")
                               + DesignReport::tr("%n warning(s)", nullptr, int(s.warnings)) + QStringLiteral(", ")
                               + DesignReport::tr("%n info(s)", nullptr, int(s.infos));
        QString html = QStringLiteral("<p style=\"font-size: 11pt; color: #4d555e;\">%1</p><h1>%2</h1>")
                           .arg(DesignReport::tr("Network virtualization design review"), h(title));
        html += QStringLiteral("<table cellpadding=\"4\" cellspacing=\"0\">");
        auto fact = [&](const QString &k, const QString &v) {
            html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(h(k), v);
        };
        if (!options.designFile.isEmpty())
            fact(DesignReport::tr("File"), h(QDir::toNativeSeparators(options.designFile)));
        fact(DesignReport::tr("Date"), h(QLocale().toString(options.date, QLocale::LongFormat)));
        fact(DesignReport::tr("Validation"), counts);
        fact(DesignReport::tr("Status"), status);
        fact(DesignReport::tr("Pages"), QString::number(pageTotal));
        html += QStringLiteral("</table>");
        if (const auto desc = d.extra.find("description"); desc != d.extra.end() && desc->is_string())
            html += QStringLiteral("<p>%1</p>").arg(h(desc->get<std::string>()));
        Table counts2({DesignReport::tr("Objects"), DesignReport::tr("Count")});
        for (EntityKind kind : EntityStyle::allKinds()) {
            std::size_t n = 0;
            for (const auto &[id, k] : d.allEntities())
                n += k == kind;
            if (n)
                counts2.row({h(EntityStyle::kindPlural(kind)), QString::number(n)});
        }
        html += QStringLiteral("<h3>%1</h3>").arg(DesignReport::tr("Contents of the design")) + counts2.html();
        auto doc = makeDoc(html, QSizeF(pdf.width(), pdf.height() - footerHeight));
        doc->drawContents(&painter, QRectF(0, 0, pdf.width(), pdf.height() - footerHeight));
        footer();
    }

    // 2. The diagram, on a landscape page.
    pdf.setPageLayout(landscape);
    if (!pdf.newPage()) {
        painter.end();
        file.cancelWriting();
        return fail(DesignReport::tr("Cannot write %1.").arg(QDir::toNativeSeparators(pdfPath)));
    }
    ++pageNumber;
    {
        const QRectF r = pageRect();
        QFont heading = base;
        heading.setPointSizeF(13);
        heading.setBold(true);
        painter.setFont(heading);
        painter.setPen(QColor(0x1f, 0x23, 0x28));
        const qreal headingHeight = QFontMetricsF(heading, &pdf).height() * 1.8;
        painter.drawText(QRectF(r.left(), r.top(), r.width(), headingHeight), Qt::AlignLeft | Qt::AlignTop,
                         DesignReport::tr("Diagram"));
        const QRectF area(r.left(), r.top() + headingHeight, r.width(), r.height() - headingHeight - footerHeight);
        if (options.renderDiagram) {
            painter.save();
            painter.setClipRect(area);
            options.renderDiagram(painter, area);
            painter.restore();
        } else {
            painter.setFont(base);
            painter.drawText(area, Qt::AlignCenter, DesignReport::tr("No diagram was drawn for this report."));
        }
        footer();
    }

    // 3. Findings and entity tables, paginated.
    pdf.setPageLayout(portrait);
    for (int i = 0; i < body->pageCount(); ++i) {
        if (!pdf.newPage()) {
            painter.end();
            file.cancelWriting();
            return fail(DesignReport::tr("Cannot write %1.").arg(QDir::toNativeSeparators(pdfPath)));
        }
        ++pageNumber;
        painter.save();
        painter.translate(0, -i * bodyPage.height());
        body->drawContents(&painter, QRectF(0, i * bodyPage.height(), bodyPage.width(), bodyPage.height()));
        painter.restore();
        footer();
    }
    if (!painter.end()) {
        file.cancelWriting();
        return fail(DesignReport::tr("Cannot write %1.").arg(QDir::toNativeSeparators(pdfPath)));
    }
    if (!file.commit())
        return fail(DesignReport::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(pdfPath), file.errorString()));
    return true;
}

int reportCli(const QString &designPath, const QString &out, QTextStream &err)
{
    if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        err << DesignReport::tr("netvirt report: drawing the report needs a QApplication") << Qt::endl;
        return 2;
    }
    DesignDocument doc;
    if (const auto loaded = doc.load(designPath); !loaded) {
        err << QString::fromStdString(loaded.error().message) << Qt::endl;
        return 2;
    }
    const std::vector<rules::Violation> violations = rules::RuleEngine().validate(doc.design());
    DesignSelection selection;
    DiagramScene scene(&doc, &selection);
    scene.setBackgroundBrush(Qt::white);
    ReportOptions options;
    options.designFile = QFileInfo(designPath).fileName();
    options.renderDiagram = [&scene](QPainter &painter, const QRectF &area) {
        renderScene(scene, painter, area, exportSourceRect(scene));
    };
    QString error;
    if (!writeReport(doc.design(), violations, out, options, &error)) {
        err << error << Qt::endl;
        return 2;
    }
    return rules::summarize(violations).errors > 0 ? 1 : 0;
}

} // namespace netvirt::designer
