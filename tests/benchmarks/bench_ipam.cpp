// IPAM on a generated 1000-host, 20,000-VM design: the check the rule engine runs on every
// validation (everything already given), and a full allocation of every PA and MAC.
#include <netvirt/core/ipam/ipam.h>
#include <netvirt/core/model/generator.h>

#include <benchmark/benchmark.h>

using namespace netvirt::core;

namespace {

Design generated(bool stripped)
{
    GeneratorOptions o;
    o.hosts = 1000;
    o.vms = 20000;
    Design d = generateDesign(o);
    if (stripped) {
        for (Host &h : d.hosts)
            h.providerAddresses.reset();
        for (Vm &vm : d.vms)
            for (VmNic &nic : vm.nics)
                nic.mac.reset();
        d.reindex();
    }
    return d;
}

void BM_AllocateGiven(benchmark::State &state)
{
    static const Design d = generated(false);
    for (auto _ : state) {
        auto a = ipam::allocate(d);
        benchmark::DoNotOptimize(a);
    }
    state.counters["vms"] = static_cast<double>(d.vms.size());
}

void BM_AllocateEverything(benchmark::State &state)
{
    static const Design d = generated(true);
    for (auto _ : state) {
        auto a = ipam::allocate(d);
        benchmark::DoNotOptimize(a);
    }
    state.counters["vms"] = static_cast<double>(d.vms.size());
}

} // namespace

BENCHMARK(BM_AllocateGiven)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AllocateEverything)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
