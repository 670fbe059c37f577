// Reading and writing design files (FORMAT.md): plain JSON (.json) or zstd-compressed JSON
// (.netvirt), recognised by the zstd magic number, not the file name. Load errors name the
// file and the JSON path; writes are atomic (temporary file, flush, fsync, rename).
// Thread-safety: free functions over values; safe to call from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <netvirt/core/model/design.h>
#include <netvirt/core/result.h>

namespace netvirt::core::io {

inline constexpr int kFormatVersion = 1;
inline constexpr std::string_view kFormatName = "netvirt-design";

enum class FileFormat { Json = 1, Zstd };

struct LoadLimits {
    std::size_t maxFileBytes = std::size_t{512} << 20;          // on disk
    std::size_t maxDecompressedBytes = std::size_t{1} << 30;    // a zstd bomb is refused
    int maxDepth = 64;                                          // JSON nesting
};

// Parses a design from bytes (JSON or zstd). `source` names the input in messages.
Result<Design> parseDesign(std::string_view bytes, std::string_view source, const LoadLimits &limits = {});
Result<Design> loadDesign(const std::string &path, const LoadLimits &limits = {});

// The stable JSON text of a design: keys in a fixed order, arrays in model order, unknown
// keys after the known ones as they were read. Same design, same bytes.
std::string toJsonText(const Design &design);
Json toJson(const Design &design);
Result<Design> fromJson(const Json &json, std::string_view source);

Result<std::string> encode(const Design &design, FileFormat format);
// The format a path implies: .json → Json, anything else → Zstd.
FileFormat formatForPath(std::string_view path);
Result<void> saveDesign(const Design &design, const std::string &path);
Result<void> saveDesign(const Design &design, const std::string &path, FileFormat format);
// Atomic write of raw bytes (temporary file beside the target, fsync, rename).
Result<void> writeFileAtomically(const std::string &path, std::string_view bytes);
Result<std::string> readFile(const std::string &path, std::size_t maxBytes);

// One entity as JSON (as it stands in the file), or a null Json when the id is unknown.
Json entityToJson(const Design &design, std::string_view id);

namespace detail {
// Test hook: makes writeFileAtomically fail at one stage, as a full disk or a crash would.
enum class WriteFault { None = 0, Write, Fsync, Rename };
void injectWriteFault(WriteFault fault);
} // namespace detail

} // namespace netvirt::core::io
