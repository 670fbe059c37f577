// Load and save time of a generated 1000-host, 20,000-VM design as JSON and as .netvirt (zstd),
// each beside a baseline measured in the same run: plain nlohmann::json parse/dump of the same
// text (no model), and raw ZSTD_compress/ZSTD_decompress of the same bytes at the io module's
// level (3). Counters: jsonBytes, compressedBytes and the compression ratio.
#include <netvirt/core/io/design_io.h>
#include <netvirt/core/model/generator.h>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <zstd.h>

#include <cstdio>
#include <filesystem>
#include <string>

using namespace netvirt::core;

namespace {

constexpr int kZstdLevel = 3; // the level io::encode uses

struct Fixture {
    Design design;
    std::string json;
    std::string zstd;
    std::string dir;

    Fixture()
    {
        GeneratorOptions o;
        o.hosts = 1000;
        o.vms = 20000;
        design = generateDesign(o);
        json = io::toJsonText(design);
        auto z = io::encode(design, io::FileFormat::Zstd);
        if (!z) {
            std::fprintf(stderr, "encode failed: %s\n", z.error().message.c_str());
            std::abort();
        }
        zstd = std::move(*z);
        dir = (std::filesystem::temp_directory_path() / "netvirt-bench-design-io").string();
        std::filesystem::create_directories(dir);
    }
    ~Fixture() { std::filesystem::remove_all(dir); }
};

Fixture &fixture()
{
    static Fixture f;
    return f;
}

void sizeCounters(benchmark::State &state)
{
    const Fixture &f = fixture();
    state.counters["jsonBytes"] = static_cast<double>(f.json.size());
    state.counters["compressedBytes"] = static_cast<double>(f.zstd.size());
    state.counters["ratio"] = static_cast<double>(f.json.size()) / static_cast<double>(f.zstd.size());
    state.counters["vms"] = static_cast<double>(f.design.vms.size());
}

// ---- JSON -----------------------------------------------------------------------------------

void BM_SaveJson(benchmark::State &state)
{
    const Fixture &f = fixture();
    for (auto _ : state) {
        std::string text = io::toJsonText(f.design);
        benchmark::DoNotOptimize(text.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.json.size()));
    sizeCounters(state);
}

void BM_SaveJson_BaselineNlohmannDump(benchmark::State &state)
{
    const Fixture &f = fixture();
    const nlohmann::ordered_json value = nlohmann::ordered_json::parse(f.json);
    for (auto _ : state) {
        std::string text = value.dump(2);
        benchmark::DoNotOptimize(text.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.json.size()));
    sizeCounters(state);
}

void BM_LoadJson(benchmark::State &state)
{
    const Fixture &f = fixture();
    for (auto _ : state) {
        auto d = io::parseDesign(f.json, "bench.json");
        if (!d)
            state.SkipWithError(d.error().message.c_str());
        benchmark::DoNotOptimize(d);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.json.size()));
    sizeCounters(state);
}

void BM_LoadJson_BaselineNlohmannParse(benchmark::State &state)
{
    const Fixture &f = fixture();
    for (auto _ : state) {
        auto value = nlohmann::json::parse(f.json);
        benchmark::DoNotOptimize(value);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.json.size()));
    sizeCounters(state);
}

// ---- .netvirt (zstd) ------------------------------------------------------------------------

void BM_SaveNetvirt(benchmark::State &state)
{
    const Fixture &f = fixture();
    for (auto _ : state) {
        auto bytes = io::encode(f.design, io::FileFormat::Zstd);
        benchmark::DoNotOptimize(bytes);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.json.size()));
    sizeCounters(state);
}

void BM_SaveNetvirt_BaselineRawZstd(benchmark::State &state)
{
    const Fixture &f = fixture();
    std::string out(ZSTD_compressBound(f.json.size()), '\0');
    std::size_t n = 0;
    for (auto _ : state) {
        n = ZSTD_compress(out.data(), out.size(), f.json.data(), f.json.size(), kZstdLevel);
        benchmark::DoNotOptimize(n);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.json.size()));
    sizeCounters(state);
    state.counters["compressedBytes"] = static_cast<double>(n); // the raw compressor's size
}

void BM_LoadNetvirt(benchmark::State &state)
{
    const Fixture &f = fixture();
    for (auto _ : state) {
        auto d = io::parseDesign(f.zstd, "bench.netvirt");
        if (!d)
            state.SkipWithError(d.error().message.c_str());
        benchmark::DoNotOptimize(d);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.json.size()));
    sizeCounters(state);
}

void BM_LoadNetvirt_BaselineRawZstdThenParse(benchmark::State &state)
{
    const Fixture &f = fixture();
    std::string out(f.json.size(), '\0');
    for (auto _ : state) {
        const std::size_t n = ZSTD_decompress(out.data(), out.size(), f.zstd.data(), f.zstd.size());
        auto value = nlohmann::json::parse(std::string_view(out.data(), n));
        benchmark::DoNotOptimize(value);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.json.size()));
    sizeCounters(state);
}

void BM_Decompress_BaselineRawZstd(benchmark::State &state)
{
    const Fixture &f = fixture();
    std::string out(f.json.size(), '\0');
    for (auto _ : state) {
        const std::size_t n = ZSTD_decompress(out.data(), out.size(), f.zstd.data(), f.zstd.size());
        benchmark::DoNotOptimize(n);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.json.size()));
    sizeCounters(state);
}

// ---- files: what the user waits for (atomic write with fsync, read) -----------------------------

void BM_SaveFile(benchmark::State &state)
{
    const Fixture &f = fixture();
    const bool json = state.range(0) == 0;
    const std::string path = f.dir + (json ? "/design.json" : "/design.netvirt");
    for (auto _ : state) {
        auto r = io::saveDesign(f.design, path);
        if (!r)
            state.SkipWithError(r.error().message.c_str());
    }
    state.SetLabel(json ? "json" : "netvirt");
    sizeCounters(state);
}

void BM_LoadFile(benchmark::State &state)
{
    const Fixture &f = fixture();
    const bool json = state.range(0) == 0;
    const std::string path = f.dir + (json ? "/load.json" : "/load.netvirt");
    if (auto r = io::saveDesign(f.design, path); !r) {
        state.SkipWithError(r.error().message.c_str());
        return;
    }
    for (auto _ : state) {
        auto d = io::loadDesign(path);
        if (!d)
            state.SkipWithError(d.error().message.c_str());
        benchmark::DoNotOptimize(d);
    }
    state.SetLabel(json ? "json" : "netvirt");
    sizeCounters(state);
}

void BM_Generate(benchmark::State &state)
{
    GeneratorOptions o;
    o.hosts = 1000;
    o.vms = 20000;
    for (auto _ : state) {
        Design d = generateDesign(o);
        benchmark::DoNotOptimize(d);
    }
}

} // namespace

BENCHMARK(BM_SaveJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SaveJson_BaselineNlohmannDump)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadJson_BaselineNlohmannParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SaveNetvirt)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SaveNetvirt_BaselineRawZstd)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadNetvirt)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadNetvirt_BaselineRawZstdThenParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Decompress_BaselineRawZstd)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SaveFile)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadFile)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Generate)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
