// Rule engine on a generated 1000-host, 20,000-VM design (`netvirt generate --hosts 1000
// --vms 20000`): the baseline is the load time of the same design (design_io JSON parse from a
// string), measured in the same run; beside it the full validation (RuleEngine::validate) and
// the incremental re-validation (IncrementalValidator::update) per edit, for each edit family.
// Every incremental iteration applies an edit and its inverse (the design stays the same), and
// only the update() calls are timed. Times are CPU time of the benchmark thread (manual time):
// the machine is shared. Counters: us_per_edit, worst_step_us (the mean of the slowest step of
// the sequence, e.g. the unbind of an unbind/bind pair: every edit must stay under 1 ms),
// x_load (time / load time, the baseline) and exact (1 when the incremental result equals a
// full validation after the run).
// The set-up adds to the generated design, through edit.h, what the fabric edits need: a
// second site of rack 001 on the uplink port profile (so that unbinding one leaves the rack
// reachable), and a second logical network with a site on the uplink (the target of the
// VM network edit). The design still validates clean.
#include <netvirt/core/io/design_io.h>
#include <netvirt/core/model/edit.h>
#include <netvirt/core/model/generator.h>
#include <netvirt/core/rules/rule_engine.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace netvirt::core;
using namespace netvirt::core::rules;

namespace {

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

template <typename T>
T must(Result<T> r, const char *what)
{
    if (!r) {
        std::fprintf(stderr, "bench_rules: %s failed: %s\n", what, r.error().message.c_str());
        std::abort();
    }
    return std::move(r).value();
}

struct Fixture {
    Design design;
    std::string json;
    IncrementalValidator inc;

    Fixture()
    {
        GeneratorOptions o;
        o.hosts = 1000;
        o.vms = 20000;
        design = generateDesign(o);
        Design &d = design;
        // Rack 001 gets a second site on the uplink port profile.
        must(addEntity(d, EntityKind::Site,
                       Json{{"id", "site-bench"},
                            {"name", "Rack 001 second provider"},
                            {"logicalNetwork", "ln-prod"},
                            {"hostGroups", Json::array({"hg-rack-001"})},
                            {"subnets", Json::array({Json{{"prefix", "172.30.0.0/24"}, {"vlan", 100}}})}}),
             "add site-bench");
        must(bind(d, "up-prod", "sites", "site-bench"), "bind site-bench");
        // A second logical network, reachable from every host.
        must(addEntity(d, EntityKind::LogicalNetwork,
                       Json{{"id", "ln-bench"}, {"name", "Second network"}, {"networkVirtualization", true}}),
             "add ln-bench");
        must(addEntity(d, EntityKind::Site,
                       Json{{"id", "site-ln-bench"},
                            {"name", "Second network site"},
                            {"logicalNetwork", "ln-bench"},
                            {"hostGroups", Json::array({"hg-root"})},
                            {"subnets", Json::array({Json{{"prefix", "172.31.0.0/24"}, {"vlan", 200}}})}}),
             "add site-ln-bench");
        must(bind(d, "up-prod", "sites", "site-ln-bench"), "bind site-ln-bench");
        json = io::toJsonText(d);
        const auto v = RuleEngine().validate(d);
        if (!isClean(v)) {
            std::fprintf(stderr, "bench_rules: the design does not validate clean:\n%s", formatText(v).c_str());
            std::abort();
        }
    }
};

Fixture &fixture()
{
    static Fixture f;
    return f;
}

// The baseline, per run: set by BM_LoadDesign, or measured here when it was filtered out.
double g_loadSeconds = 0;
std::map<std::string, double> g_results; // benchmark → seconds per validation / per edit

double loadSeconds()
{
    if (g_loadSeconds == 0) {
        const Fixture &f = fixture();
        const int n = 3;
        const double t0 = cpuSeconds();
        for (int i = 0; i < n; ++i)
            benchmark::DoNotOptimize(io::parseDesign(f.json, "bench.json"));
        g_loadSeconds = (cpuSeconds() - t0) / n;
    }
    return g_loadSeconds;
}

void BM_LoadDesign(benchmark::State &state)
{
    const Fixture &f = fixture();
    double total = 0;
    for (auto _ : state) {
        const double t0 = cpuSeconds();
        auto d = io::parseDesign(f.json, "bench.json");
        const double t = cpuSeconds() - t0;
        if (!d)
            state.SkipWithError(d.error().message.c_str());
        benchmark::DoNotOptimize(d);
        state.SetIterationTime(t);
        total += t;
    }
    g_loadSeconds = total / double(state.iterations());
    g_results["load (baseline)"] = g_loadSeconds;
    state.counters["ms"] = g_loadSeconds * 1e3;
    state.counters["jsonBytes"] = double(f.json.size());
    state.counters["vms"] = double(f.design.vms.size());
}

void BM_FullValidation(benchmark::State &state)
{
    const Fixture &f = fixture();
    RuleEngine engine;
    double total = 0;
    std::size_t found = 0;
    for (auto _ : state) {
        const double t0 = cpuSeconds();
        auto v = engine.validate(f.design);
        const double t = cpuSeconds() - t0;
        found = v.size();
        benchmark::DoNotOptimize(v);
        state.SetIterationTime(t);
        total += t;
    }
    const double per = total / double(state.iterations());
    g_results["full validation"] = per;
    state.counters["ms"] = per * 1e3;
    state.counters["x_load"] = per / loadSeconds();
    state.counters["violations"] = double(found);
}

void BM_IncrementalReset(benchmark::State &state)
{
    Fixture &f = fixture();
    double total = 0;
    for (auto _ : state) {
        const double t0 = cpuSeconds();
        f.inc.reset(f.design);
        const double t = cpuSeconds() - t0;
        state.SetIterationTime(t);
        total += t;
    }
    const double per = total / double(state.iterations());
    g_results["incremental reset"] = per;
    state.counters["ms"] = per * 1e3;
    state.counters["x_load"] = per / loadSeconds();
}

// One iteration: `edits` returns the ChangeSets of an edit and its inverse, applying each to
// the design only when called (so that only update() is timed).
using Step = std::function<ChangeSet(Design &)>;
using Edit = std::function<std::vector<Step>(const Design &, std::size_t iteration)>;

void runEdits(benchmark::State &state, const std::string &name, const Edit &edit)
{
    Fixture &f = fixture();
    f.inc.reset(f.design);
    double total = 0;
    std::size_t edits = 0, full = 0, violations = 0;
    std::size_t i = 0;
    std::vector<double> stepTotal;
    std::vector<std::size_t> stepCount;
    for (auto _ : state) {
        double t = 0;
        std::size_t k = 0;
        for (const Step &step : edit(f.design, i++)) {
            ChangeSet cs = step(f.design);
            const double t0 = cpuSeconds();
            f.inc.update(f.design, cs);
            const double dt = cpuSeconds() - t0;
            t += dt;
            if (stepTotal.size() <= k) {
                stepTotal.resize(k + 1, 0);
                stepCount.resize(k + 1, 0);
            }
            stepTotal[k] += dt;
            ++stepCount[k++];
            ++edits;
            full += f.inc.lastUpdateWasFull() ? 1 : 0;
            violations = std::max(violations, f.inc.violations().size());
        }
        state.SetIterationTime(t);
        total += t;
    }
    const bool exact = f.inc.violations() == RuleEngine().validate(f.design);
    if (!f.inc.violations().empty())
        state.SkipWithError("the edit and its inverse left violations");
    const double per = total / double(edits);
    g_results["incremental: " + name] = per;
    state.counters["us_per_edit"] = per * 1e6;
    double worst = 0;
    for (std::size_t k = 0; k < stepTotal.size(); ++k)
        worst = std::max(worst, stepTotal[k] / double(stepCount[k]));
    state.counters["worst_step_us"] = worst * 1e6;
    state.counters["x_load"] = per / loadSeconds();
    state.counters["full_updates"] = double(full);
    state.counters["max_violations"] = double(violations);
    state.counters["exact"] = exact ? 1 : 0;
    if (!exact)
        state.SkipWithError("incremental result differs from a full validation");
}

// Targets spread over the design so that no cache sees the same entity every time.
const Vm &vmAt(const Design &d, std::size_t i) { return d.vms[(i * 7919) % d.vms.size()]; }
const Host &hostAt(const Design &d, std::size_t i) { return d.hosts[(i * 131) % d.hosts.size()]; }

Step setFieldStep(Id id, std::string field, Json value)
{
    return [id = std::move(id), field = std::move(field), value = std::move(value)](Design &d) {
        return must(setField(d, id, field, value), "setField");
    };
}
Step bindStep(Id from, std::string field, Id to)
{
    return [from = std::move(from), field = std::move(field), to = std::move(to)](Design &d) {
        return must(bind(d, from, field, to), "bind");
    };
}

// ---- VM and vNIC fields ----------------------------------------------------------------------

void BM_Inc_VnicAddress(benchmark::State &state)
{
    runEdits(state, "vNIC address", [](const Design &d, std::size_t i) {
        const VmNic &n = vmAt(d, i).nics.front();
        const std::string ip = *n.ip;
        const std::string other = ip.substr(0, ip.rfind('.') + 1) + "200";
        return std::vector<Step>{setFieldStep(n.id, "ip", other), setFieldStep(n.id, "ip", ip)};
    });
}

void BM_Inc_VmName(benchmark::State &state)
{
    runEdits(state, "VM name", [](const Design &d, std::size_t i) {
        const Vm &vm = vmAt(d, i);
        return std::vector<Step>{setFieldStep(vm.id, "name", "RENAMED"), setFieldStep(vm.id, "name", vm.name)};
    });
}

// ---- vNIC rebinding --------------------------------------------------------------------------

void BM_Inc_VnicVmNetwork(benchmark::State &state)
{
    // To the next tenant's VM network and its subnet of the same prefix (the address may
    // collide there: NV125 while rebound), and back.
    runEdits(state, "vNIC VM network + subnet", [](const Design &d, std::size_t i) {
        const VmNic &n = vmAt(d, i).nics.front();
        const VmNetwork *own = d.vmNetwork(*n.vmNetwork);
        const std::size_t k = static_cast<std::size_t>(own - d.vmNetworks.data());
        const VmNetwork &other = d.vmNetworks[(k + 1) % d.vmNetworks.size()];
        const std::string sub = *n.vmSubnet;
        const std::string otherSub = other.id + sub.substr(sub.rfind('/'));
        return std::vector<Step>{bindStep(n.id, "vmNetwork", other.id), bindStep(n.id, "vmSubnet", otherSub),
                                 bindStep(n.id, "vmSubnet", sub), bindStep(n.id, "vmNetwork", own->id)};
    });
}

void BM_Inc_VnicSwitch(benchmark::State &state)
{
    runEdits(state, "vNIC logical switch", [](const Design &d, std::size_t i) {
        const VmNic &n = vmAt(d, i).nics.front();
        return std::vector<Step>{
            [id = n.id](Design &dd) { return must(unbind(dd, id, "logicalSwitch", "ls-prod"), "unbind"); },
            bindStep(n.id, "logicalSwitch", "ls-prod")};
    });
}

// ---- fabric structure ------------------------------------------------------------------------

void BM_Inc_UplinkSiteUnbind(benchmark::State &state)
{
    // Rack 001 keeps its own site: the walks of its 40 hosts change, no vNIC loses its network.
    runEdits(state, "uplink site unbind/bind", [](const Design &, std::size_t) {
        auto index = std::make_shared<std::optional<std::size_t>>();
        return std::vector<Step>{[index](Design &d) {
                                     auto cs = must(unbind(d, "up-prod", "sites", "site-bench"), "unbind");
                                     *index = cs.front().index;
                                     return cs;
                                 },
                                 [index](Design &d) { return must(bindAt(d, "up-prod", "sites", "site-bench", *index), "bindAt"); }};
    });
}

void BM_Inc_UplinkSiteUnbindRack(benchmark::State &state)
{
    // The worst case: rack 002 loses its only site, every vNIC on its 40 hosts (about 800)
    // gets an NV200 finding, and loses it again.
    runEdits(state, "uplink rack site unbind/bind (800 findings)", [](const Design &, std::size_t) {
        auto index = std::make_shared<std::optional<std::size_t>>();
        return std::vector<Step>{[index](Design &d) {
                                     auto cs = must(unbind(d, "up-prod", "sites", "site-rack-002"), "unbind");
                                     *index = cs.front().index;
                                     return cs;
                                 },
                                 [index](Design &d) {
                                     return must(bindAt(d, "up-prod", "sites", "site-rack-002", *index), "bindAt");
                                 }};
    });
}

void BM_Inc_HostUndeploySwitch(benchmark::State &state)
{
    // Remove the host's switch entry (its physical NIC bindings) and put it back: its VMs'
    // vNICs name a switch not deployed there (NV155) in between.
    runEdits(state, "undeploy/deploy logical switch on host", [](const Design &d, std::size_t i) {
        const Host &h = hostAt(d, i);
        const Json switches = must(getField(d, h.id, "switches"), "getField");
        return std::vector<Step>{setFieldStep(h.id, "switches", Json::array()), setFieldStep(h.id, "switches", switches)};
    });
}

void BM_Inc_HostGroupChange(benchmark::State &state)
{
    runEdits(state, "host group change", [](const Design &d, std::size_t i) {
        const Host &h = hostAt(d, i);
        const std::string other = h.hostGroup == "hg-rack-002" ? "hg-rack-003" : "hg-rack-002";
        return std::vector<Step>{bindStep(h.id, "hostGroup", other), bindStep(h.id, "hostGroup", h.hostGroup)};
    });
}

// ---- VM networks -----------------------------------------------------------------------------

void BM_Inc_VmNetworkLogicalNetwork(benchmark::State &state)
{
    runEdits(state, "VM network logical network", [](const Design &d, std::size_t i) {
        const VmNetwork &n = d.vmNetworks[(i * 13) % d.vmNetworks.size()];
        return std::vector<Step>{bindStep(n.id, "logicalNetwork", "ln-bench"), bindStep(n.id, "logicalNetwork", n.logicalNetwork)};
    });
}

void BM_Inc_VmSubnetAddRemove(benchmark::State &state)
{
    runEdits(state, "VM subnet add/remove", [](const Design &d, std::size_t i) {
        const VmNetwork &n = d.vmNetworks[(i * 13) % d.vmNetworks.size()];
        const Id vmn = n.id;
        const Id sub = vmn + "/bench";
        return std::vector<Step>{
            [vmn, sub](Design &dd) {
                Placement where;
                where.parent = vmn;
                return must(addEntity(dd, EntityKind::VmSubnet,
                                      Json{{"id", sub}, {"name", "Bench"}, {"prefix", "10.0.99.0/24"}, {"vsid", 16000000}}, where),
                            "add VM subnet");
            },
            [sub](Design &dd) { return must(removeEntity(dd, sub), "remove VM subnet").changes; }};
    });
}

// ---- pools -----------------------------------------------------------------------------------

void BM_Inc_IpPoolRange(benchmark::State &state)
{
    runEdits(state, "IP pool range", [](const Design &d, std::size_t i) {
        const IpPool &p = d.ipPools[i % d.ipPools.size()];
        const std::string end = p.end;
        const std::string shorter = end.substr(0, end.rfind('.') + 1) + "240";
        return std::vector<Step>{setFieldStep(p.id, "end", shorter), setFieldStep(p.id, "end", end)};
    });
}

} // namespace

BENCHMARK(BM_LoadDesign)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FullValidation)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IncrementalReset)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Inc_VnicAddress)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Inc_VmName)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Inc_VnicVmNetwork)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Inc_VnicSwitch)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Inc_UplinkSiteUnbind)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Inc_UplinkSiteUnbindRack)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Inc_HostUndeploySwitch)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Inc_HostGroupChange)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Inc_VmNetworkLogicalNetwork)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Inc_VmSubnetAddRemove)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Inc_IpPoolRange)->UseManualTime()->Unit(benchmark::kMicrosecond);

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (!g_results.empty()) {
        const double load = loadSeconds();
        std::printf("\nRatio to the load baseline (%.2f ms CPU to parse the design), same run:\n", load * 1e3);
        for (const auto &[name, s] : g_results)
            std::printf("  %-55s %10.1f us  %8.4f x load\n", name.c_str(), s * 1e6, s / load);
    }
    return 0;
}
