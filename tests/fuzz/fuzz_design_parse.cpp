// libFuzzer target: arbitrary bytes as a design file (JSON or zstd). The loader must refuse
// bad input with an Error, never crash, hang or read out of bounds; whatever loads must save
// and load again to the same bytes, and validate without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <netvirt/core/io/design_io.h>
#include <netvirt/core/rules/rule_engine.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace netvirt::core;
    io::LoadLimits limits;
    limits.maxDecompressedBytes = std::size_t{4} << 20; // keep bombs cheap under the fuzzer
    auto design = io::parseDesign(std::string_view(reinterpret_cast<const char *>(data), size), "fuzz.json", limits);
    if (!design.ok())
        return 0;
    const std::string text = io::toJsonText(*design);
    auto again = io::parseDesign(text, "fuzz-again.json", limits);
    if (!again.ok() || io::toJsonText(*again) != text)
        std::abort(); // what we write, we must read back identically
    rules::RuleEngine engine;
    (void)engine.validate(*again);
    return 0;
}
