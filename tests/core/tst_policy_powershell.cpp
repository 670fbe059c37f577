// The PowerShell deployment script of every bundled example, pinned by golden files that were
// reviewed line by line against the SCVMM 2012 SP1 and Windows Server 2012 NetWNV cmdlet
// syntax; plus a lint that checks every cmdlet line against the documented parameter names
// and enumeration values, so a printer change cannot slip in a parameter the cmdlet lacks.
// Regenerate the golden files after a reviewed printer change with NETVIRT_UPDATE_GOLDEN=1.
#include <netvirt/core/io/design_io.h>
#include <netvirt/core/policy/policy.h>

#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace netvirt;

namespace {

const char *const kExamples[] = {"red-blue", "three-tier", "converged-host", "rewrite", "broken"};

QString goldenPath(const QString &name)
{
    return QStringLiteral(NETVIRT_SOURCE_DIR "/tests/data/golden/") + name + QStringLiteral(".ps1");
}

std::optional<std::string> powerShellOf(const QString &name)
{
    const std::string path = NETVIRT_SOURCE_DIR "/resources/examples/" + name.toStdString() + ".json";
    auto design = core::io::loadDesign(path);
    if (!design) {
        qWarning("%s", design.error().message.c_str());
        return std::nullopt;
    }
    const core::policy::Policy policy = core::policy::compile(*design);
    return core::policy::printPolicyPowerShell(*design, policy);
}

// The parameters each cmdlet takes (SCVMM 2012 SP1 "sc.10" and Windows Server 2012
// "wps.620" reference pages), and the values of the enumerations the script sets.
const QHash<QString, QSet<QString>> &cmdletParameters()
{
    static const QHash<QString, QSet<QString>> table = {
        {"Import-Module", {"Name"}},
        {"Get-SCVMHostGroup", {"Name", "ID", "VMMServer"}},
        {"New-SCLogicalNetwork", {"Name", "Description", "EnableNetworkVirtualization", "IsPVLAN",
                                  "LogicalNetworkDefinitionIsolation", "UseGRE"}},
        {"New-SCSubnetVLan", {"Subnet", "VLanID", "SecondaryVLanID"}},
        {"New-SCLogicalNetworkDefinition", {"Name", "LogicalNetwork", "VMHostGroup", "SubnetVLan"}},
        {"New-SCPortClassification", {"Name", "Description"}},
        {"New-SCVirtualNetworkAdapterNativePortProfile",
         {"Name", "Description", "AllowIeeePriorityTagging", "AllowMacAddressSpoofing", "AllowTeaming",
          "EnableDhcpGuard", "EnableIov", "EnableIPsecOffload", "EnableRouterGuard", "EnableVmq", "MaximumBandwidth",
          "MinimumBandwidthAbsolute", "MinimumBandwidthWeight"}},
        {"New-SCNativeUplinkPortProfile", {"Name", "Description", "EnableNetworkVirtualization",
                                           "LBFOLoadBalancingAlgorithm", "LBFOTeamMode", "LogicalNetworkDefinition"}},
        {"New-SCLogicalSwitch", {"Name", "Description", "EnableSriov", "MinimumBandwidthMode", "SwitchUplinkMode",
                                 "VirtualSwitchExtensions"}},
        {"New-SCUplinkPortProfileSet", {"Name", "Description", "LogicalSwitch", "NativeUplinkPortProfile"}},
        {"New-SCVirtualNetworkAdapterPortProfileSet",
         {"Name", "Description", "LogicalSwitch", "PortClassification", "IsDefaultPortProfileSet",
          "VirtualNetworkAdapterNativePortProfile", "VirtualNetworkAdapterExtensionPortProfiles"}},
        {"New-SCVMNetwork", {"Name", "Description", "LogicalNetwork", "IsolationType", "CAIPAddressPoolType",
                             "PAIPAddressPoolType"}},
        {"New-SCVMSubnet", {"Name", "Description", "VMNetwork", "SubnetVLan", "LogicalNetworkDefinition"}},
        {"New-SCStaticIPAddressPool",
         {"Name", "Description", "Subnet", "LogicalNetworkDefinition", "VMSubnet", "DefaultGateway", "DNSSearchSuffix",
          "DNSServer", "DNSSuffix", "EnableNetBIOS", "IPAddressRangeStart", "IPAddressRangeEnd", "IPAddressReservedSet",
          "VIPAddressSet", "Vlan", "WINSServer"}},
        {"New-SCDefaultGateway", {"IPAddress", "Automatic", "Metric"}},
        {"New-SCMACAddressPool", {"Name", "Description", "MACAddressRangeStart", "MACAddressRangeEnd", "VMHostGroup"}},
        {"New-NetVirtualizationProviderAddress", {"InterfaceIndex", "ProviderAddress", "PrefixLength", "VlanID"}},
        {"New-NetVirtualizationProviderRoute", {"InterfaceIndex", "DestinationPrefix", "NextHop", "Metric"}},
        {"New-NetVirtualizationLookupRecord", {"CustomerAddress", "VirtualSubnetID", "MACAddress", "ProviderAddress",
                                               "Rule", "VMName", "CustomerID", "Context", "UseVmMACAddress"}},
        {"New-NetVirtualizationCustomerRoute",
         {"RoutingDomainID", "VirtualSubnetID", "DestinationPrefix", "NextHop", "Metric"}},
        {"Get-NetAdapter", {"Name", "InterfaceDescription", "InterfaceIndex"}},
        {"Get-VMSwitch", {"Name", "ComputerName", "SwitchType"}},
        {"Get-VMNetworkAdapter", {"VMName", "Name", "ManagementOS"}},
        {"Set-VMNetworkAdapter", {"VirtualSubnetId"}},
        {"Where-Object", {}},
    };
    return table;
}

const QHash<QString, QSet<QString>> &enumValues()
{
    static const QHash<QString, QSet<QString>> table = {
        {"LBFOLoadBalancingAlgorithm", {"TransportPorts", "IPAddresses", "MacAddresses", "HyperVPort"}},
        {"LBFOTeamMode", {"Static", "SwitchIndependent", "Lacp"}},
        {"SwitchUplinkMode", {"NoTeam", "Team"}},
        {"MinimumBandwidthMode", {"Default", "Weight", "Absolute", "None"}},
        {"IsolationType", {"NoIsolation", "WindowsNetworkVirtualization", "VLANNetwork"}},
        {"CAIPAddressPoolType", {"IPV4", "IPV6"}},
        {"PAIPAddressPoolType", {"IPV4", "IPV6"}},
        {"Rule", {"TranslationMethodEncap", "TranslationMethodNat"}},
    };
    return table;
}

// Drops script blocks ({ ... }) and quoted strings, so only cmdlets and parameters remain.
QString codeOnly(const QString &line)
{
    QString out;
    int braces = 0;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('`'))
                ++i;
            else if (c == QLatin1Char('"'))
                quoted = false;
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
            out += QStringLiteral("\"\"");
        } else if (c == QLatin1Char('{')) {
            ++braces;
        } else if (c == QLatin1Char('}')) {
            --braces;
        } else if (braces == 0) {
            out += c;
        }
    }
    return out;
}

// Problems of one script: unknown cmdlets, parameters a cmdlet does not have, enumeration
// values outside the documented set, malformed MACs and GUIDs.
QStringList lint(const QString &script)
{
    QStringList problems;
    static const QRegularExpression cmdlet(QStringLiteral(R"(\b([A-Z][a-z]+-[A-Za-z]+)\b)"));
    static const QRegularExpression param(QStringLiteral(R"((?:^|\s)-([A-Za-z]+)\b)"));
    static const QRegularExpression valueOf(QStringLiteral(R"re(-([A-Za-z]+) "([^"]*)")re"));
    int lineNo = 0;
    for (const QString &raw : script.split(QLatin1Char('\n'))) {
        ++lineNo;
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QString code = codeOnly(line);
        // Pipeline stages and parenthesised sub-expressions each have their own cmdlet.
        QStringList stages;
        for (QString stage : code.split(QLatin1Char('|'))) {
            for (;;) {
                const int close = stage.indexOf(QLatin1Char(')'));
                const int open = close < 0 ? -1 : stage.lastIndexOf(QLatin1Char('('), close);
                if (open < 0)
                    break;
                stages << stage.mid(open + 1, close - open - 1);
                stage = stage.left(open) + stage.mid(close + 1);
            }
            stages << stage;
        }
        for (const QString &stage : std::as_const(stages)) {
            const auto m = cmdlet.match(stage);
            if (!m.hasMatch())
                continue;
            const QString name = m.captured(1);
            if (!cmdletParameters().contains(name)) {
                problems << QStringLiteral("line %1: unknown cmdlet %2").arg(lineNo).arg(name);
                continue;
            }
            const QSet<QString> &allowed = cmdletParameters().value(name);
            auto it = param.globalMatch(stage.mid(m.capturedEnd(1)));
            while (it.hasNext()) {
                const QString p = it.next().captured(1);
                if (!allowed.contains(p))
                    problems << QStringLiteral("line %1: %2 has no parameter -%3").arg(lineNo).arg(name, p);
            }
        }
        auto values = valueOf.globalMatch(line);
        while (values.hasNext()) {
            const auto v = values.next();
            const QString p = v.captured(1), value = v.captured(2);
            if (enumValues().contains(p) && !enumValues().value(p).contains(value))
                problems << QStringLiteral("line %1: -%2 \"%3\" is not one of the cmdlet's values").arg(lineNo).arg(p, value);
            if (p == QLatin1String("MACAddress") && !QRegularExpression(QStringLiteral("^[0-9A-F]{12}$")).match(value).hasMatch())
                problems << QStringLiteral("line %1: MAC %2 is not 12 hex digits").arg(lineNo).arg(value);
            if ((p == QLatin1String("CustomerID") || p == QLatin1String("RoutingDomainID"))
                && !QRegularExpression(QStringLiteral("^\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\\}$"))
                        .match(value)
                        .hasMatch())
                problems << QStringLiteral("line %1: %2 is not a GUID in braces").arg(lineNo).arg(value);
        }
    }
    return problems;
}

} // namespace

class TestPolicyPowerShell : public QObject
{
    Q_OBJECT

private slots:
    void matchesGoldenFile_data();
    void matchesGoldenFile();
    void usesOnlyDocumentedParameters_data();
    void usesOnlyDocumentedParameters();
    void lintCatchesWrongParameters();
    void providerAddressOnTeamInterface();
    void isDeterministic();
};

void TestPolicyPowerShell::matchesGoldenFile_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : kExamples)
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestPolicyPowerShell::matchesGoldenFile()
{
    QFETCH(QString, name);
    const auto script = powerShellOf(name);
    QVERIFY(script);
    const QByteArray actual = QByteArray::fromStdString(*script);
    if (qEnvironmentVariableIsSet("NETVIRT_UPDATE_GOLDEN")) {
        QDir().mkpath(QFileInfo(goldenPath(name)).path());
        QFile out(goldenPath(name));
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(actual);
        qInfo("updated %s", qPrintable(goldenPath(name)));
        return;
    }
    QFile in(goldenPath(name));
    QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(goldenPath(name)));
    const QByteArray expected = in.readAll();
    if (actual != expected) {
        const QList<QByteArray> a = actual.split('\n'), e = expected.split('\n');
        for (int i = 0; i < std::max(a.size(), e.size()); ++i) {
            const QByteArray la = i < a.size() ? a[i] : QByteArray("<end>");
            const QByteArray le = i < e.size() ? e[i] : QByteArray("<end>");
            if (la != le)
                QFAIL(qPrintable(QStringLiteral("%1 line %2 differs:\n  golden: %3\n  actual: %4\n(review the change, then "
                                                "regenerate with NETVIRT_UPDATE_GOLDEN=1)")
                                     .arg(goldenPath(name))
                                     .arg(i + 1)
                                     .arg(QString::fromUtf8(le), QString::fromUtf8(la))));
        }
    }
}

void TestPolicyPowerShell::usesOnlyDocumentedParameters_data()
{
    matchesGoldenFile_data();
}

void TestPolicyPowerShell::usesOnlyDocumentedParameters()
{
    QFETCH(QString, name);
    const auto script = powerShellOf(name);
    QVERIFY(script);
    const QStringList problems = lint(QString::fromStdString(*script));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestPolicyPowerShell::lintCatchesWrongParameters()
{
    QVERIFY(lint(QStringLiteral("New-NetVirtualizationCustomerRoute -RoutingDomainID \"{11111111-2222-3333-4444-555555555555}\" "
                                "-VirtualSubnetID 5001 -DestinationPrefix \"10.0.0.0/24\" -NextHop \"0.0.0.0\" -Metric 255"))
                .isEmpty());
    QCOMPARE(lint(QStringLiteral("New-NetVirtualizationProviderAddress -InterfaceIndex 3 -Address \"1.2.3.4\"")).size(), 1);
    QCOMPARE(lint(QStringLiteral("$x = New-SCNativeUplinkPortProfile -Name \"u\" -LBFOLoadBalancingAlgorithm \"HostDefault\"")).size(), 1);
    QCOMPARE(lint(QStringLiteral("Get-VMNetworkAdapter -VMName \"a\" | Where-Object { $_.MacAddress -eq \"00\" } | "
                                 "Set-VMNetworkAdapter -VirtualSubnetId 5001"))
                 .size(),
             0);
    QCOMPARE(lint(QStringLiteral("New-NetVirtualizationLookupRecord -MACAddress \"00:1D:D8:B7:1C:01\"")).size(), 1);
}

// REVIEW.md finding 4: with a teamed uplink the PA (and its provider route) goes on the
// interface bound to the virtual switch, the LBFO team interface, never on a member NIC; an
// untagged single-NIC switch keeps the NIC itself.
void TestPolicyPowerShell::providerAddressOnTeamInterface()
{
    auto design = core::io::loadDesign(NETVIRT_SOURCE_DIR "/resources/examples/red-blue.json");
    QVERIFY(design);
    auto paLines = [](const core::Design &d) {
        QStringList out;
        const auto script = QString::fromStdString(core::policy::printPolicyPowerShell(d, core::policy::compile(d)));
        for (const QString &line : script.split(QLatin1Char('\n')))
            if (line.startsWith(QLatin1String("New-NetVirtualizationProvider")))
                out << line;
        return out;
    };
    QCOMPARE(design->logicalSwitches.front().uplinkMode, core::UplinkMode::Team);
    const QString teamInterface = QStringLiteral(
        "-InterfaceIndex (Get-NetAdapter -InterfaceDescription (Get-VMSwitch -Name \"%1\").NetAdapterInterfaceDescription)"
        ".InterfaceIndex ").arg(QString::fromStdString(design->logicalSwitches.front().name));
    const QStringList teamed = paLines(*design);
    QVERIFY(teamed.size() >= 4); // two hosts, a PA and a provider route each
    for (const QString &line : teamed) {
        QVERIFY2(line.contains(teamInterface), qPrintable(line));
        QVERIFY2(!line.contains(QLatin1String("-Name \"NIC")), qPrintable(line));
    }

    design->logicalSwitches.front().uplinkMode = core::UplinkMode::NoTeam;
    const QStringList single = paLines(*design);
    QCOMPARE(single.size(), teamed.size());
    for (const QString &line : single)
        QVERIFY2(line.contains(QLatin1String("-InterfaceIndex (Get-NetAdapter -Name \"NIC1\").InterfaceIndex ")), qPrintable(line));
}

void TestPolicyPowerShell::isDeterministic()
{
    for (const char *name : kExamples) {
        const auto a = powerShellOf(QString::fromLatin1(name));
        const auto b = powerShellOf(QString::fromLatin1(name));
        QVERIFY(a && b);
        QCOMPARE(*a, *b);
    }
}

QTEST_GUILESS_MAIN(TestPolicyPowerShell)
#include "tst_policy_powershell.moc"
