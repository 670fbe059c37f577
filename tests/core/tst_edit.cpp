// The edit operations: each one, its failure modes (nothing changes), and its inverse, which
// must give back the exact bytes of the design; the id index stays correct throughout.
#include <QtTest>

#include <netvirt/core/io/design_io.h>
#include <netvirt/core/model/edit.h>
#include <netvirt/core/model/generator.h>

#include <QElapsedTimer>

#include <fstream>
#include <functional>
#include <random>
#include <sstream>

using namespace netvirt::core;

namespace {

std::string fixturePath() { return std::string(NETVIRT_SOURCE_DIR) + "/tests/data/io/all-entities.json"; }

Design fixture()
{
    auto d = io::loadDesign(fixturePath());
    if (!d)
        qFatal("fixture: %s", d.error().message.c_str());
    return std::move(d).value();
}

const std::string &fixtureText()
{
    static const std::string text = [] {
        std::ifstream f(fixturePath(), std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        return ss.str();
    }();
    return text;
}

// Empty when the design's index matches a fresh reindex(); otherwise what differs.
QString indexProblem(const Design &d)
{
    Design fresh = d;
    fresh.reindex();
    if (fresh.entityCount() != d.entityCount())
        return QStringLiteral("index holds %1 ids, the design %2").arg(d.entityCount()).arg(fresh.entityCount());
    for (const auto &[id, kind] : fresh.allEntities()) {
        const EntityRef *a = d.find(id);
        const EntityRef *b = fresh.find(id);
        if (!a)
            return QStringLiteral("%1 missing from the index").arg(QString::fromStdString(id));
        if (a->kind != b->kind || a->index != b->index || a->child != b->child || a->sub != b->sub)
            return QStringLiteral("%1 indexed at the wrong place").arg(QString::fromStdString(id));
    }
    return {};
}

Json parse(const QString &text) { return Json::parse(text.toStdString()); }

QString messageOf(const Error &e) { return QString::fromStdString(e.message); }

} // namespace

class TstEdit : public QObject {
    Q_OBJECT
private slots:
    void removeThenAddRestoresBytes_data()
    {
        QTest::addColumn<QString>("id");
        Design d = fixture();
        for (const auto &[id, kind] : d.allEntities())
            QTest::newRow((std::string(kindName(kind)) + " " + id).c_str()) << QString::fromStdString(id);
    }
    void removeThenAddRestoresBytes()
    {
        QFETCH(QString, id);
        Design d = fixture();
        const Id target = id.toStdString();
        const EntityKind kind = d.find(target)->kind;
        auto removed = removeEntity(d, target);
        QVERIFY2(removed.ok(), removed.ok() ? "" : removed.error().message.c_str());
        QCOMPARE(removed->kind, kind);
        QVERIFY(!d.contains(target));
        QVERIFY(!removed->changes.empty());
        QCOMPARE(removed->changes.front().id, target);
        for (const Change &c : removed->changes) {
            QCOMPARE(c.type, Change::Type::Removed);
            QVERIFY(!d.contains(c.id));
        }
        QVERIFY2(indexProblem(d).isEmpty(), qPrintable(indexProblem(d)));
        QVERIFY(io::toJsonText(d) != fixtureText());

        auto added = addEntity(d, removed->kind, removed->json, removed->placement);
        QVERIFY2(added.ok(), added.ok() ? "" : added.error().message.c_str());
        QCOMPARE(added->size(), removed->changes.size());
        for (std::size_t i = 0; i < added->size(); ++i) {
            QCOMPARE((*added)[i].type, Change::Type::Added);
            QCOMPARE((*added)[i].id, removed->changes[i].id);
            QCOMPARE((*added)[i].kind, removed->changes[i].kind);
        }
        QCOMPARE(io::toJsonText(d), fixtureText());
        QVERIFY2(indexProblem(d).isEmpty(), qPrintable(indexProblem(d)));
    }

    void removingParentRemovesChildren()
    {
        Design d = fixture();
        auto removed = removeEntity(d, "host-a");
        QVERIFY(removed.ok());
        for (const char *child : {"host-a/nic1", "host-a/nic2", "host-a/mgmt", "host-a/backup"}) {
            QVERIFY(!d.contains(child));
            QVERIFY(std::any_of(removed->changes.begin(), removed->changes.end(),
                                [&](const Change &c) { return c.id == child; }));
        }
        // References elsewhere stay, as NV101 for the rule engine.
        QCOMPARE(d.vm("vm-red-web1")->host, std::string("host-a"));
        QCOMPARE(removed->placement.index, std::optional<std::size_t>(0));
    }

    void addEntityAppendsByDefault()
    {
        Design d = fixture();
        auto added = addEntity(d, EntityKind::HostGroup, parse(R"({"id": "hg-new", "name": "New", "x-k": 1})"));
        QVERIFY(added.ok());
        QCOMPARE(added->size(), std::size_t(1));
        QCOMPARE(added->front().id, std::string("hg-new"));
        QCOMPARE(d.hostGroups.back().id, std::string("hg-new"));
        QCOMPARE(io::entityToJson(d, "hg-new").dump(), std::string(R"({"id":"hg-new","name":"New","x-k":1})"));
        auto vnic = addEntity(d, EntityKind::HostVnic, parse(R"({"id": "host-a/v2", "ipMode": "Pool"})"),
                              Placement{"host-a", "ls-prod", 0});
        QVERIFY2(vnic.ok(), vnic.ok() ? "" : vnic.error().message.c_str());
        QCOMPARE(d.hosts[0].switches[0].hostVnics.front().id, std::string("host-a/v2"));
        QCOMPARE(d.hostOf("host-a/v2")->id, std::string("host-a"));
        QVERIFY2(indexProblem(d).isEmpty(), qPrintable(indexProblem(d)));
    }

    void addRejects_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("parent");
        QTest::addColumn<QString>("logicalSwitch");
        QTest::addColumn<int>("index"); // -1: at the end
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const int none = -1;
        QTest::newRow("invalid id") << "hostGroup" << R"({"id": "bad id", "name": "x"})" << "" << "" << none
                                    << int(ErrorCode::Invalid)
                                    << R"(hostGroup id "bad id" is not valid: expected [A-Za-z0-9._/-]{1,128})";
        QTest::newRow("id taken by another kind") << "hostGroup" << R"({"id": "host-a", "name": "x"})" << "" << ""
                                                  << none << int(ErrorCode::Conflict) << R"(id "host-a" is already taken)";
        QTest::newRow("child id taken")
            << "host" << R"({"id": "h9", "name": "H9", "hostGroup": "hg-root", "physicalNics": [{"id": "vm-red-web1/nic0"}]})"
            << "" << "" << none << int(ErrorCode::Conflict) << R"(id "vm-red-web1/nic0" is already taken)";
        QTest::newRow("duplicate child ids")
            << "vm"
            << R"({"id": "v9", "name": "V9", "host": "host-a", "provisioning": "Manual",
                  "nics": [{"id": "v9/n", "ipMode": "Static"}, {"id": "v9/n", "ipMode": "Dhcp"}]})"
            << "" << "" << none << int(ErrorCode::Conflict) << R"(id "v9/n" is already taken)";
        QTest::newRow("missing required key") << "hostGroup" << R"({"id": "x"})" << "" << "" << none
                                              << int(ErrorCode::Schema) << "hostGroup.name: missing required key";
        QTest::newRow("unknown enum") << "logicalSwitch" << R"({"id": "x", "name": "X", "uplinkMode": "Both"})" << ""
                                      << "" << none << int(ErrorCode::Schema)
                                      << R"(logicalSwitch.uplinkMode: unknown value "Both" (allowed: "Team" or "NoTeam"))";
        QTest::newRow("child without parent") << "vmNic" << R"({"id": "n", "ipMode": "Static"})" << "" << "" << none
                                              << int(ErrorCode::Invalid) << "a vmNic needs a parent vm";
        QTest::newRow("parent of the wrong kind") << "vmNic" << R"({"id": "n", "ipMode": "Static"})" << "host-a" << ""
                                                  << none << int(ErrorCode::NotFound) << R"(no vm with id "host-a")";
        QTest::newRow("switch not on host") << "hostVnic" << R"({"id": "n", "ipMode": "Static"})" << "host-a"
                                            << "ls-plain" << none << int(ErrorCode::NotFound)
                                            << R"(host "host-a" has no switch "ls-plain")";
        QTest::newRow("position past the end") << "gateway"
                                               << R"({"id": "g", "name": "G", "vmNetwork": "a", "vmSubnet": "b",
                                                     "address": "c", "host": "d", "externalPrefix": "e", "mode": "NAT"})"
                                               << "" << "" << 7 << int(ErrorCode::Invalid)
                                               << "position 7 is past the end (2 entries)";
    }
    void addRejects()
    {
        QFETCH(QString, kind);
        QFETCH(QString, json);
        QFETCH(QString, parent);
        QFETCH(QString, logicalSwitch);
        QFETCH(int, index);
        QFETCH(int, code);
        QFETCH(QString, message);
        Design d = fixture();
        Placement where;
        if (!parent.isEmpty())
            where.parent = parent.toStdString();
        if (!logicalSwitch.isEmpty())
            where.logicalSwitch = logicalSwitch.toStdString();
        if (index >= 0)
            where.index = std::size_t(index);
        auto r = addEntity(d, *kindFromName(kind.toStdString()), parse(json), where);
        QVERIFY(!r.ok());
        QCOMPARE(messageOf(r.error()), message);
        QCOMPARE(int(r.error().code), code);
        QCOMPARE(io::toJsonText(d), fixtureText());
        QVERIFY(indexProblem(d).isEmpty());
    }

    void setFieldThenRestoreIsByteIdentical_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value"); // JSON; null removes
        QTest::newRow("name") << "hg-milan" << "name" << R"("Milano")";
        QTest::newRow("remove optional parent") << "hg-milan" << "parent" << "null";
        QTest::newRow("add optional parent") << "hg-root" << "parent" << R"("hg-milan")";
        QTest::newRow("bool") << "ln-mgmt" << "networkVirtualization" << "true";
        QTest::newRow("site subnets") << "site-mgmt" << "subnets" << R"([{"prefix": "172.16.0.0/24", "vlan": 5}])";
        QTest::newRow("teaming") << "up-mgmt" << "teaming" << R"({"mode": "Static", "loadBalancing": "HyperVPort"})";
        QTest::newRow("bandwidth") << "vp-low" << "bandwidth" << R"({"maximumMbps": 100})";
        QTest::newRow("enum") << "ls-prod" << "uplinkMode" << R"("NoTeam")";
        QTest::newRow("optional enum") << "ls-prod" << "bandwidthMode" << "null";
        QTest::newRow("host emulated") << "host-c" << "emulated" << "false";
        QTest::newRow("host children") << "host-a" << "physicalNics" << R"([{"id": "host-a/nic9", "mtu": 9000}])";
        QTest::newRow("host vNICs move") << "host-a" << "switches"
                                         << R"([{"logicalSwitch": "ls-plain", "adapters": [],
                                                 "hostVnics": [{"id": "host-a/backup", "ipMode": "Dhcp"}]},
                                                {"logicalSwitch": "ls-prod", "adapters": [],
                                                 "hostVnics": [{"id": "host-a/mgmt", "ipMode": "Static"}]}])";
        QTest::newRow("provider addresses") << "host-a" << "providerAddresses" << "null";
        QTest::newRow("physical NIC mtu") << "host-a/nic2" << "mtu" << "9000";
        QTest::newRow("host vNIC ip") << "host-a/mgmt" << "ip" << R"("172.16.0.99")";
        QTest::newRow("VM subnet vsid") << "vms-red-web" << "vsid" << "6001";
        QTest::newRow("VM network subnets") << "vmn-blue" << "subnets"
                                            << R"([{"id": "vms-blue-a", "prefix": "10.9.0.0/24", "vsid": 7001}])";
        QTest::newRow("VM nics") << "vm-manual" << "nics" << R"([{"id": "vm-manual/nic0", "ipMode": "Dhcp"}])";
        QTest::newRow("VM nic ip") << "vm-red-web1/nic0" << "ip" << "null";
        QTest::newRow("gateway mode") << "gw-fwd" << "mode" << R"("NAT")";
        QTest::newRow("new unknown field") << "gw-red" << "x-new" << R"({"a": [1, 2]})";
        QTest::newRow("existing unknown field") << "vm-manual" << "x-comment" << R"("changed")";
        QTest::newRow("remove unknown field") << "vm-manual" << "x-comment" << "null";
    }
    void setFieldThenRestoreIsByteIdentical()
    {
        QFETCH(QString, id);
        QFETCH(QString, field);
        QFETCH(QString, value);
        Design d = fixture();
        const Id target = id.toStdString();
        const std::string f = field.toStdString();
        const Json v = parse(value);
        auto old = getField(d, target, f);
        QVERIFY(old.ok());
        QVERIFY(old.value() != v);

        auto set = setField(d, target, f, v);
        QVERIFY2(set.ok(), set.ok() ? "" : set.error().message.c_str());
        QVERIFY(!set->empty());
        QCOMPARE(set->front().type, Change::Type::Modified);
        QCOMPARE(set->front().id, target);
        QCOMPARE(set->front().field, f);
        QCOMPARE(getField(d, target, f).value(), v);
        QVERIFY(io::toJsonText(d) != fixtureText());
        QVERIFY2(indexProblem(d).isEmpty(), qPrintable(indexProblem(d)));

        auto back = setField(d, target, f, old.value());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(io::toJsonText(d), fixtureText());
        QVERIFY2(indexProblem(d).isEmpty(), qPrintable(indexProblem(d)));
    }

    void setFieldReportsChildChanges()
    {
        Design d = fixture();
        auto r = setField(d, "host-a", "physicalNics", parse(R"([{"id": "host-a/nic2"}, {"id": "host-a/nic9"}])"));
        QVERIFY(r.ok());
        QCOMPARE(r->size(), std::size_t(3));
        QCOMPARE((*r)[1].type, Change::Type::Removed);
        QCOMPARE((*r)[1].id, std::string("host-a/nic1"));
        QCOMPARE((*r)[2].type, Change::Type::Added);
        QCOMPARE((*r)[2].id, std::string("host-a/nic9"));
        QCOMPARE((*r)[2].kind, EntityKind::PhysicalNic);
        QCOMPARE(d.hostOf("host-a/nic9")->id, std::string("host-a"));
        QVERIFY(!d.contains("host-a/nic1"));
        QVERIFY(indexProblem(d).isEmpty());
    }

    void setFieldWithSameValueChangesNothing()
    {
        Design d = fixture();
        auto r = setField(d, "hg-milan", "name", Json("Milan"));
        QVERIFY(r.ok());
        QVERIFY(r->empty());
        QCOMPARE(io::toJsonText(d), fixtureText());
    }

    void setFieldRejects_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("id") << "hg-milan" << "id" << R"("hg-x")" << int(ErrorCode::Invalid)
                            << "an id cannot be changed with setField";
        QTest::newRow("unknown entity") << "nope" << "name" << R"("x")" << int(ErrorCode::NotFound)
                                        << R"(no entity with id "nope")";
        QTest::newRow("wrong type") << "hg-milan" << "name" << "5" << int(ErrorCode::Schema)
                                    << "hostGroups[1].name: expected a string";
        QTest::newRow("wrong type in child") << "vm-red-web1/nic0" << "vmNetwork" << "[]" << int(ErrorCode::Schema)
                                             << "vms[0].nics[0].vmNetwork: expected a string";
        QTest::newRow("wrong type in host vNIC") << "host-a/backup" << "ipMode" << R"("Auto")" << int(ErrorCode::Schema)
                                                 << R"(hosts[0].switches[0].hostVnics[1].ipMode: unknown value "Auto" (allowed: "Static", "Pool" or "Dhcp"))";
        QTest::newRow("required removed") << "vm-manual" << "host" << "null" << int(ErrorCode::Schema)
                                          << "vms[1].host: missing required key";
        QTest::newRow("child id taken") << "vm-manual" << "nics" << R"([{"id": "host-a", "ipMode": "Static"}])"
                                        << int(ErrorCode::Conflict) << R"(id "host-a" is already taken)";
        QTest::newRow("child id invalid") << "vmn-blue" << "subnets" << R"([{"id": "", "prefix": "p", "vsid": 1}])"
                                          << int(ErrorCode::Invalid)
                                          << R"(vmSubnet id "" is not valid: expected [A-Za-z0-9._/-]{1,128})";
    }
    void setFieldRejects()
    {
        QFETCH(QString, id);
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(int, code);
        QFETCH(QString, message);
        Design d = fixture();
        auto r = setField(d, id.toStdString(), field.toStdString(), parse(value));
        QVERIFY(!r.ok());
        QCOMPARE(messageOf(r.error()), message);
        QCOMPARE(int(r.error().code), code);
        QCOMPARE(io::toJsonText(d), fixtureText());
    }

    void getFieldReturnsValueOrNull()
    {
        Design d = fixture();
        QCOMPARE(getField(d, "host-a", "hostGroup").value(), Json("hg-milan"));
        QVERIFY(getField(d, "host-c", "emulated").value().is_null());
        QCOMPARE(getField(d, "vm-manual", "x-comment").value(), Json("no nics yet"));
        QCOMPARE(getField(d, "nope", "name").error().code, ErrorCode::NotFound);
    }

    void bindThenUnbindIsByteIdentical_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("to");
        QTest::newRow("list, empty") << "site-mgmt" << "hostGroups" << "hg-milan";
        QTest::newRow("list, appended") << "ls-prod" << "uplinkProfiles" << "up-mgmt-2";
        QTest::newRow("optional scalar, absent") << "hg-root" << "parent" << "hg-milan";
        QTest::newRow("vNIC to VM network") << "vm-red-web1/nic1" << "vmNetwork" << "vmn-blue";
        QTest::newRow("vNIC to switch") << "vm-red-web1/nic1" << "logicalSwitch" << "ls-plain";
        QTest::newRow("host vNIC classification") << "host-a/backup" << "classification" << "pc-high";
        QTest::newRow("pool to VM subnet") << "pool-pa" << "vmSubnet" << "vms-red-db";
    }
    void bindThenUnbindIsByteIdentical()
    {
        QFETCH(QString, from);
        QFETCH(QString, field);
        QFETCH(QString, to);
        Design d = fixture();
        const std::string f = field.toStdString();
        if (to == QLatin1String("up-mgmt-2")) {
            // a second uplink profile so that the list grows at its end
            QVERIFY(addEntity(d, EntityKind::UplinkPortProfile,
                              parse(R"({"id": "up-mgmt-2", "name": "M2", "networkVirtualization": false})"))
                        .ok());
        }
        const std::string base = io::toJsonText(d);
        auto b = bind(d, from.toStdString(), f, to.toStdString());
        QVERIFY2(b.ok(), b.ok() ? "" : b.error().message.c_str());
        QCOMPARE(b->size(), std::size_t(1));
        QCOMPARE(b->front().field, f);
        const Json now = getField(d, from.toStdString(), f).value();
        QVERIFY(now == Json(to.toStdString()) || (now.is_array() && now.back() == Json(to.toStdString())));
        // Binding again is a no-op.
        auto again = bind(d, from.toStdString(), f, to.toStdString());
        QVERIFY(again.ok() && again->empty());

        auto u = unbind(d, from.toStdString(), f, to.toStdString());
        QVERIFY2(u.ok(), u.ok() ? "" : u.error().message.c_str());
        QCOMPARE(io::toJsonText(d), base);
    }

    void unbindThenBindAtIsByteIdentical_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("to");
        QTest::newRow("first of a list") << "ls-prod" << "uplinkProfiles" << "up-prod";
        QTest::newRow("last of a list") << "ls-prod" << "uplinkProfiles" << "up-mgmt";
        QTest::newRow("only entry") << "mac-default" << "hostGroups" << "hg-root";
        QTest::newRow("optional scalar") << "vm-red-web1/nic0" << "vmSubnet" << "vms-red-web";
        QTest::newRow("host group parent") << "hg-milan" << "parent" << "hg-root";
    }
    void unbindThenBindAtIsByteIdentical()
    {
        QFETCH(QString, from);
        QFETCH(QString, field);
        QFETCH(QString, to);
        Design d = fixture();
        auto u = unbind(d, from.toStdString(), field.toStdString(), to.toStdString());
        QVERIFY2(u.ok(), u.ok() ? "" : u.error().message.c_str());
        QCOMPARE(u->size(), std::size_t(1));
        QVERIFY(io::toJsonText(d) != fixtureText());
        auto b = bindAt(d, from.toStdString(), field.toStdString(), to.toStdString(), u->front().index);
        QVERIFY2(b.ok(), b.ok() ? "" : b.error().message.c_str());
        QCOMPARE(b->front().index, u->front().index);
        QCOMPARE(io::toJsonText(d), fixtureText());
    }

    void rebindingAScalarIsUndoneByBindingTheOldTarget()
    {
        Design d = fixture();
        auto b = bind(d, "vm-red-web1", "host", "host-c");
        QVERIFY(b.ok());
        QCOMPARE(d.vm("vm-red-web1")->host, std::string("host-c"));
        QVERIFY(bind(d, "vm-red-web1", "host", "host-a").ok());
        QCOMPARE(io::toJsonText(d), fixtureText());
    }

    void bindRejects_data()
    {
        QTest::addColumn<bool>("isBind");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("to");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a reference") << true << "vm-manual" << "name" << "host-a" << int(ErrorCode::Invalid)
                                         << "vm.name is not a reference";
        QTest::newRow("wrong target kind") << true << "vm-manual" << "host" << "hg-root" << int(ErrorCode::Invalid)
                                           << R"(vm.host takes a host, not the hostGroup "hg-root")";
        QTest::newRow("unknown target") << true << "vm-manual" << "host" << "host-z" << int(ErrorCode::NotFound)
                                        << R"(no entity with id "host-z")";
        QTest::newRow("unknown source") << true << "vm-z" << "host" << "host-a" << int(ErrorCode::NotFound)
                                        << R"(no entity with id "vm-z")";
        QTest::newRow("unbind required") << false << "vm-manual" << "host" << "host-c" << int(ErrorCode::Invalid)
                                         << "vm.host is required: bind it to another host instead";
        QTest::newRow("unbind what is not bound") << false << "site-prod-milan" << "hostGroups" << "hg-root"
                                                  << int(ErrorCode::NotFound)
                                                  << R"(site-prod-milan.hostGroups does not name "hg-root")";
        QTest::newRow("unbind another scalar") << false << "hg-milan" << "parent" << "hg-milan"
                                               << int(ErrorCode::NotFound)
                                               << R"(hg-milan.parent does not name "hg-milan")";
    }
    void bindRejects()
    {
        QFETCH(bool, isBind);
        QFETCH(QString, from);
        QFETCH(QString, field);
        QFETCH(QString, to);
        QFETCH(int, code);
        QFETCH(QString, message);
        Design d = fixture();
        auto r = isBind ? bind(d, from.toStdString(), field.toStdString(), to.toStdString())
                        : unbind(d, from.toStdString(), field.toStdString(), to.toStdString());
        QVERIFY(!r.ok());
        QCOMPARE(messageOf(r.error()), message);
        QCOMPARE(int(r.error().code), code);
        QCOMPARE(io::toJsonText(d), fixtureText());
    }

    void referenceFieldsNameRealFields()
    {
        Design d = fixture();
        for (const ReferenceField &ref : referenceFields()) {
            // Every listed field decodes as the format says: a string or a list of strings.
            const auto all = d.allEntities();
            auto from = std::find_if(all.begin(), all.end(), [&](const auto &e) { return e.second == ref.from; });
            QVERIFY(from != all.end());
            auto target = std::find_if(all.begin(), all.end(), [&](const auto &e) { return e.second == ref.to; });
            QVERIFY(target != all.end());
            const Json value = ref.list ? Json::array({target->first}) : Json(target->first);
            auto r = setField(d, from->first, std::string(ref.field), value);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        }
    }

    void designNameAndLayoutPositionAreUndoable()
    {
        Design d = fixture();
        auto n = setDesignName(d, "Renamed");
        QVERIFY(n.ok() && n->size() == 1);
        QVERIFY(setDesignName(d, "All entities").ok());
        QCOMPARE(io::toJsonText(d), fixtureText());

        const Point old = *d.layout.position("host-a");
        auto p = setLayoutPosition(d, "host-a", Point{1, 2});
        QVERIFY(p.ok() && p->size() == 1);
        QCOMPARE(p->front().kind, EntityKind::Host);
        QCOMPARE(*d.layout.position("host-a"), (Point{1, 2}));
        QVERIFY(setLayoutPosition(d, "host-a", old).ok());
        QCOMPARE(io::toJsonText(d), fixtureText());
        QVERIFY(setLayoutPosition(d, "host-a", old)->empty());
    }

    void indexStaysCorrectWithDuplicateIds()
    {
        // A loaded design may repeat an id (NV102); edits then fall back to a full reindex.
        Json j = Json::parse(fixtureText());
        j["gateways"][1]["id"] = "gw-red";
        j["vms"][1]["nics"] = Json::array({Json{{"id", "vm-red-web1/nic0"}, {"ipMode", "Static"}}});
        auto loaded = io::fromJson(j, "dup.json");
        QVERIFY(loaded.ok());
        Design d = std::move(loaded).value();
        QVERIFY(removeEntity(d, "gw-red").ok());
        QVERIFY2(indexProblem(d).isEmpty(), qPrintable(indexProblem(d)));
        QCOMPARE(d.gateway("gw-red")->vmSubnet, std::string("vms-red-db"));
        QVERIFY(removeEntity(d, "vm-red-web1").ok());
        QVERIFY2(indexProblem(d).isEmpty(), qPrintable(indexProblem(d)));
        QCOMPARE(d.vmOfNic("vm-red-web1/nic0")->id, std::string("vm-manual"));
    }

    void randomEditsUndoneInReverseRestoreBytes_data()
    {
        QTest::addColumn<uint>("seed");
        for (uint seed : {20261122u, 1u, 42u, 31337u})
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
    }
    void randomEditsUndoneInReverseRestoreBytes()
    {
        QFETCH(uint, seed);
        std::mt19937 rng(seed);
        Design d = fixture();
        std::vector<std::function<std::string(Design &)>> undo;
        auto why = [](const auto &r) { return r.ok() ? std::string() : r.error().message; };
        auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
        int applied = 0;
        for (int step = 0; step < 300; ++step) {
            const auto all = d.allEntities();
            if (all.empty())
                break;
            const auto [id, kind] = all[pick(all.size())];
            const std::size_t op = pick(30); // removals are rare so that the design stays populated
            switch (op == 0 ? 0 : op < 10 ? 1 : op < 22 ? 2 : 3) {
            case 0: { // remove
                auto r = removeEntity(d, id);
                QVERIFY2(r.ok(), qPrintable(QStringLiteral("seed %1 step %2").arg(seed).arg(step)));
                RemovedEntity removed = std::move(r).value();
                undo.push_back([removed, why](Design &x) {
                    return why(addEntity(x, removed.kind, removed.json, removed.placement));
                });
                break;
            }
            case 1: { // rename (children have optional names)
                const Json old = getField(d, id, "name").value();
                // Not "n" + to_string(): GCC 12 at -O3 warns -Wrestrict on it (a false positive).
                std::string name = "n";
                name += std::to_string(step);
                if (!setField(d, id, "name", Json(name)).ok())
                    continue;
                undo.push_back([id, old, why](Design &x) { return why(setField(x, id, "name", old)); });
                break;
            }
            case 2: { // bind a reference to a random entity of the right kind
                std::vector<ReferenceField> refs;
                for (const auto &r : referenceFields())
                    if (r.from == kind)
                        refs.push_back(r);
                if (refs.empty())
                    continue;
                const ReferenceField ref = refs[pick(refs.size())];
                std::vector<Id> targets;
                for (const auto &[tid, tkind] : all)
                    if (tkind == ref.to)
                        targets.push_back(tid);
                if (targets.empty())
                    continue;
                const Id to = targets[pick(targets.size())];
                const std::string field(ref.field);
                const Json old = getField(d, id, field).value();
                auto b = bind(d, id, field, to);
                QVERIFY(b.ok());
                if (b->empty())
                    continue;
                if (ref.list || old.is_null())
                    undo.push_back([id, field, to, why](Design &x) { return why(unbind(x, id, field, to)); });
                else
                    undo.push_back([id, field, old, why](Design &x) { return why(setField(x, id, field, old)); });
                break;
            }
            default: { // unbind the first bound id of a list reference
                for (const auto &ref : referenceFields()) {
                    if (ref.from != kind || !ref.list)
                        continue;
                    const std::string field(ref.field);
                    const Json list = getField(d, id, field).value();
                    if (!list.is_array() || list.empty())
                        continue;
                    const Id to = list[pick(list.size())].get<std::string>();
                    auto u = unbind(d, id, field, to);
                    QVERIFY(u.ok());
                    const auto at = u->front().index;
                    undo.push_back([id, field, to, at, why](Design &x) { return why(bindAt(x, id, field, to, at)); });
                    break;
                }
                break;
            }
            }
            ++applied;
            QVERIFY2(indexProblem(d).isEmpty(),
                     qPrintable(QStringLiteral("seed %1 step %2: %3").arg(seed).arg(step).arg(indexProblem(d))));
        }
        qInfo("seed %u: %d edits applied, %zu entities left", seed, applied, d.entityCount());
        QVERIFY(applied > 100);
        while (!undo.empty()) {
            const std::string failure = undo.back()(d);
            QVERIFY2(failure.empty(), qPrintable(QStringLiteral("seed %1: undo %2 failed: %3")
                                                     .arg(seed)
                                                     .arg(undo.size())
                                                     .arg(QString::fromStdString(failure))));
            undo.pop_back();
            QVERIFY2(indexProblem(d).isEmpty(), qPrintable(QStringLiteral("seed %1").arg(seed)));
        }
        QCOMPARE(io::toJsonText(d), fixtureText());
    }

    void editsStayFastOnA20000VmDesign()
    {
        GeneratorOptions options;
        options.hosts = 400;
        options.vms = 20000;
        Design d = generateDesign(options);
        QVERIFY(d.vms.size() == 20000);
        const Id vm = d.vms[d.vms.size() / 2].id;
        const std::string original = d.vm(vm)->name;
        const int rounds = 1000;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < rounds; ++i)
            QVERIFY(setField(d, vm, "name", Json(i % 2 ? original : original + "-x")).ok());
        const double setFieldUs = double(t.nsecsElapsed()) / rounds / 1000.0;

        t.restart();
        for (int i = 0; i < 20; ++i) {
            auto removed = removeEntity(d, vm);
            QVERIFY(removed.ok());
            QVERIFY(addEntity(d, removed->kind, removed->json, removed->placement).ok());
        }
        const double removeAddUs = double(t.nsecsElapsed()) / 40 / 1000.0;

        t.restart();
        for (int i = 0; i < 20; ++i)
            d.reindex();
        const double reindexUs = double(t.nsecsElapsed()) / 20 / 1000.0;
        qInfo("20,000 VMs: setField %.1f us, add/remove %.1f us, reindex %.1f us", setFieldUs, removeAddUs, reindexUs);
        QVERIFY2(setFieldUs < 1000.0, qPrintable(QStringLiteral("setField took %1 us").arg(setFieldUs)));
        QVERIFY(indexProblem(d).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstEdit)
#include "tst_edit.moc"
