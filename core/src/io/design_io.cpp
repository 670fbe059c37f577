// Design files: JSON text or zstd-compressed JSON, bounded decompression and nesting depth,
// atomic writes (temporary file beside the target, fsync, rename, fsync of the directory).
#include <netvirt/core/io/design_io.h>

#include "io/json_codec.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zstd.h>

namespace netvirt::core::io {

namespace {

constexpr unsigned char kZstdMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};
constexpr int kZstdLevel = 3;

std::atomic<detail::WriteFault> g_writeFault{detail::WriteFault::None};

std::string prefixed(std::string_view source, std::string_view message)
{
    if (source.empty())
        return std::string(message);
    std::string out(source);
    out += ": ";
    out += message;
    return out;
}

std::string quotedPath(const std::string &path) { return "\"" + path + "\""; }

Error ioError(std::string_view action, const std::string &path, int err)
{
    return makeError(ErrorCode::Io, std::string(action) + " " + quotedPath(path) + ": " + std::strerror(err));
}

bool hasZstdMagic(std::string_view bytes)
{
    return bytes.size() >= 4 && std::memcmp(bytes.data(), kZstdMagic, 4) == 0;
}

Result<std::string> decompress(std::string_view bytes, std::string_view source, std::size_t maxBytes)
{
    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx(ZSTD_createDCtx(), &ZSTD_freeDCtx);
    if (!dctx)
        return makeError(ErrorCode::Parse, prefixed(source, "cannot create a zstd decoder"));
    // Refuse frames that would need a window larger than the limit (memory bound too).
    ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
    std::string out;
    std::size_t produced = 0;
    const std::size_t chunk = ZSTD_DStreamOutSize();
    const std::size_t cap = maxBytes == SIZE_MAX ? maxBytes : maxBytes + 1;
    auto tooLarge = [&] {
        return makeError(ErrorCode::Limit,
                         prefixed(source, "decompressed size exceeds the limit of " + std::to_string(maxBytes)
                                              + " bytes; refusing to load"));
    };
    for (;;) {
        if (produced == out.size()) {
            if (out.size() >= cap)
                return tooLarge();
            std::size_t next = std::max(out.size() * 2, chunk);
            out.resize(std::min(next, cap));
        }
        ZSTD_outBuffer o{out.data() + produced, out.size() - produced, 0};
        const std::size_t ret = ZSTD_decompressStream(dctx.get(), &o, &in);
        if (ZSTD_isError(ret))
            return makeError(ErrorCode::Parse,
                             prefixed(source, std::string("corrupt zstd data: ") + ZSTD_getErrorName(ret)));
        produced += o.pos;
        if (produced > maxBytes)
            return tooLarge();
        if (in.pos == in.size && o.pos < o.size) {
            if (ret != 0)
                return makeError(ErrorCode::Parse, prefixed(source, "truncated zstd data (the file is incomplete)"));
            break;
        }
    }
    out.resize(produced);
    return out;
}

// nlohmann's DOM builder behind a depth guard: the SAX parser is iterative, and refusing an
// object or array that is too deep stops it before any deep tree exists (a parser callback
// would do the same, at four times the cost per value).
class DepthLimitedDom {
public:
    using number_integer_t = Json::number_integer_t;
    using number_unsigned_t = Json::number_unsigned_t;
    using number_float_t = Json::number_float_t;
    using string_t = Json::string_t;
    using binary_t = Json::binary_t;

    DepthLimitedDom(Json &result, int maxDepth) : m_dom(result, true), m_maxDepth(maxDepth) {}

    bool null() { return m_dom.null(); }
    bool boolean(bool v) { return m_dom.boolean(v); }
    bool number_integer(number_integer_t v) { return m_dom.number_integer(v); }
    bool number_unsigned(number_unsigned_t v) { return m_dom.number_unsigned(v); }
    bool number_float(number_float_t v, const string_t &s) { return m_dom.number_float(v, s); }
    bool string(string_t &v) { return m_dom.string(v); }
    bool binary(binary_t &v) { return m_dom.binary(v); }
    bool key(string_t &v) { return m_dom.key(v); }
    bool start_object(std::size_t n) { return enter() && m_dom.start_object(n); }
    bool end_object()
    {
        --m_depth;
        return m_dom.end_object();
    }
    bool start_array(std::size_t n) { return enter() && m_dom.start_array(n); }
    bool end_array()
    {
        --m_depth;
        return m_dom.end_array();
    }
    template <typename Exception>
    bool parse_error(std::size_t position, const std::string &token, const Exception &ex)
    {
        return m_dom.parse_error(position, token, ex); // throws ex (allow_exceptions)
    }

    bool tooDeep() const { return m_tooDeep; }

private:
    bool enter()
    {
        if (++m_depth > m_maxDepth) {
            m_tooDeep = true;
            return false;
        }
        return true;
    }

    nlohmann::detail::json_sax_dom_parser<Json> m_dom;
    int m_maxDepth;
    int m_depth = 0;
    bool m_tooDeep = false;
};

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." → "syntax error ..."
std::string parseErrorDetail(const std::string &what)
{
    std::string_view w(what);
    if (auto col = w.find("column "); col != std::string_view::npos) {
        if (auto colon = w.find(": ", col); colon != std::string_view::npos)
            return std::string(w.substr(colon + 2));
    }
    if (auto bracket = w.find("] "); bracket != std::string_view::npos)
        return std::string(w.substr(bracket + 2));
    return what;
}

Result<Json> parseJsonText(std::string_view text, std::string_view source, int maxDepth)
{
    if (std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }))
        return makeError(ErrorCode::Parse, prefixed(source, "empty file"));
    try {
        Json result;
        DepthLimitedDom sax(result, maxDepth);
        const bool ok = Json::sax_parse(text.begin(), text.end(), &sax);
        if (sax.tooDeep())
            return makeError(ErrorCode::Limit, prefixed(source, "JSON nesting deeper than the limit of "
                                                                    + std::to_string(maxDepth) + " levels"));
        if (!ok)
            return makeError(ErrorCode::Parse, prefixed(source, "invalid JSON"));
        return result;
    } catch (const Json::parse_error &e) {
        // e.byte is the 1-based position of the last character read.
        const std::size_t offset = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        std::size_t line = 1;
        std::size_t lineStart = 0;
        for (std::size_t i = 0; i < offset; ++i) {
            if (text[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        }
        const std::size_t column = offset - lineStart + 1;
        return makeError(ErrorCode::Parse,
                         prefixed(source, "invalid JSON at line " + std::to_string(line) + ", column "
                                              + std::to_string(column) + ": " + parseErrorDetail(e.what())));
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Parse, prefixed(source, std::string("invalid JSON: ") + e.what()));
    }
}

mode_t defaultFileMode()
{
    // The process umask without changing it (umask() is process-wide and racy).
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("Umask:", 0) == 0) {
            try {
                return static_cast<mode_t>(0666 & ~std::stoul(line.substr(6), nullptr, 8));
            } catch (...) {
                break;
            }
        }
    }
    return 0644;
}

bool writeAll(int fd, std::string_view bytes)
{
    const char *p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

bool injected(detail::WriteFault stage)
{
    if (g_writeFault.load() != stage)
        return false;
    errno = EIO;
    return true;
}

} // namespace

namespace detail {
void injectWriteFault(WriteFault fault) { g_writeFault.store(fault); }
} // namespace detail

Result<Design> fromJson(const Json &json, std::string_view source)
{
    Design design;
    try {
        detail::PathNode root;
        detail::decode(json, root, design);
    } catch (const detail::SchemaFailure &f) {
        return makeError(f.code, prefixed(source, f.message));
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Schema, prefixed(source, e.what()));
    }
    design.reindex();
    return design;
}

Result<Design> parseDesign(std::string_view bytes, std::string_view source, const LoadLimits &limits)
{
    std::string decompressed;
    std::string_view text = bytes;
    if (hasZstdMagic(bytes)) {
        auto r = decompress(bytes, source, limits.maxDecompressedBytes);
        if (!r)
            return r.error();
        decompressed = std::move(r).value();
        text = decompressed;
    } else if (bytes.size() > limits.maxDecompressedBytes) {
        return makeError(ErrorCode::Limit, prefixed(source, "file larger than the limit of "
                                                                + std::to_string(limits.maxDecompressedBytes) + " bytes"));
    }
    auto json = parseJsonText(text, source, limits.maxDepth);
    if (!json)
        return json.error();
    return fromJson(json.value(), source);
}

Result<Design> loadDesign(const std::string &path, const LoadLimits &limits)
{
    auto bytes = readFile(path, limits.maxFileBytes);
    if (!bytes)
        return bytes.error();
    return parseDesign(bytes.value(), path, limits);
}

Json toJson(const Design &design)
{
    return detail::encode(design);
}

std::string toJsonText(const Design &design)
{
    std::string text = toJson(design).dump(2, ' ', false, Json::error_handler_t::replace);
    text += '\n';
    return text;
}

Result<std::string> encode(const Design &design, FileFormat format)
{
    std::string text = toJsonText(design);
    if (format == FileFormat::Json)
        return text;
    std::string out(ZSTD_compressBound(text.size()), '\0');
    const std::size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), kZstdLevel);
    if (ZSTD_isError(n))
        return makeError(ErrorCode::Io, std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

FileFormat formatForPath(std::string_view path)
{
    constexpr std::string_view ext = ".json";
    if (path.size() >= ext.size()) {
        std::string_view tail = path.substr(path.size() - ext.size());
        if (std::equal(tail.begin(), tail.end(), ext.begin(),
                       [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; }))
            return FileFormat::Json;
    }
    return FileFormat::Zstd;
}

Result<void> saveDesign(const Design &design, const std::string &path)
{
    return saveDesign(design, path, formatForPath(path));
}

Result<void> saveDesign(const Design &design, const std::string &path, FileFormat format)
{
    auto bytes = encode(design, format);
    if (!bytes)
        return bytes.error();
    return writeFileAtomically(path, bytes.value());
}

Result<void> writeFileAtomically(const std::string &path, std::string_view bytes)
{
    if (path.empty())
        return makeError(ErrorCode::Io, "cannot write a file with an empty path");
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string(".") : (slash == 0 ? std::string("/") : path.substr(0, slash));
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    if (base.empty())
        return makeError(ErrorCode::Io, "cannot write " + quotedPath(path) + ": not a file name");

    mode_t mode = 0;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return ioError("cannot write", path, EISDIR);
        mode = st.st_mode & 07777;
    } else {
        mode = defaultFileMode();
    }

    std::string tmp = (dir == "/" ? std::string("/") : dir + "/") + "." + base + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0)
        return ioError("cannot create a temporary file for", path, errno);

    auto abandon = [&](std::string_view action) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        return ioError(action, path, err);
    };
    auto abandonClosed = [&](std::string_view action) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return ioError(action, path, err);
    };

    if (injected(detail::WriteFault::Write) || !writeAll(fd, bytes))
        return abandon("cannot write");
    if (::fchmod(fd, mode) != 0)
        return abandon("cannot set the permissions of");
    if (injected(detail::WriteFault::Fsync) || ::fsync(fd) != 0)
        return abandon("cannot flush");
    if (::close(fd) != 0)
        return abandonClosed("cannot close");
    if (injected(detail::WriteFault::Rename) || ::rename(tmp.c_str(), path.c_str()) != 0)
        return abandonClosed("cannot replace");

    // Make the rename durable; a failure here leaves the new file in place, so report it
    // only if the directory cannot even be opened for syncing on a filesystem that supports it.
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        if (::fsync(dfd) != 0 && errno != EINVAL && errno != EROFS) {
            const int err = errno;
            ::close(dfd);
            return ioError("cannot flush the directory of", path, err);
        }
        ::close(dfd);
    }
    return {};
}

Result<std::string> readFile(const std::string &path, std::size_t maxBytes)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ioError("cannot open", path, errno);
    std::unique_ptr<int, void (*)(int *)> guard(new int(fd), [](int *p) {
        ::close(*p);
        delete p;
    });
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return ioError("cannot read", path, errno);
    if (S_ISDIR(st.st_mode))
        return ioError("cannot read", path, EISDIR);
    if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > maxBytes)
        return makeError(ErrorCode::Limit, quotedPath(path) + ": file of " + std::to_string(st.st_size)
                                               + " bytes exceeds the limit of " + std::to_string(maxBytes) + " bytes");
    std::string out;
    if (S_ISREG(st.st_mode))
        out.reserve(static_cast<std::size_t>(st.st_size));
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError("cannot read", path, errno);
        }
        if (n == 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > maxBytes)
            return makeError(ErrorCode::Limit, quotedPath(path) + ": file exceeds the limit of "
                                                   + std::to_string(maxBytes) + " bytes");
    }
    return out;
}

Json entityToJson(const Design &design, std::string_view id)
{
    const EntityRef *r = design.find(id);
    if (!r)
        return Json();
    switch (r->kind) {
    case EntityKind::HostGroup: return detail::encode(design.hostGroups[r->index]);
    case EntityKind::LogicalNetwork: return detail::encode(design.logicalNetworks[r->index]);
    case EntityKind::Site: return detail::encode(design.sites[r->index]);
    case EntityKind::IpPool: return detail::encode(design.ipPools[r->index]);
    case EntityKind::MacPool: return detail::encode(design.macPools[r->index]);
    case EntityKind::UplinkPortProfile: return detail::encode(design.uplinkPortProfiles[r->index]);
    case EntityKind::VnicPortProfile: return detail::encode(design.vnicPortProfiles[r->index]);
    case EntityKind::PortClassification: return detail::encode(design.portClassifications[r->index]);
    case EntityKind::LogicalSwitch: return detail::encode(design.logicalSwitches[r->index]);
    case EntityKind::Host: return detail::encode(design.hosts[r->index]);
    case EntityKind::PhysicalNic: return detail::encode(design.hosts[r->index].physicalNics[r->child]);
    case EntityKind::HostVnic: return detail::encode(design.hosts[r->index].switches[r->child].hostVnics[r->sub]);
    case EntityKind::VmNetwork: return detail::encode(design.vmNetworks[r->index]);
    case EntityKind::VmSubnet: return detail::encode(design.vmNetworks[r->index].subnets[r->child]);
    case EntityKind::Vm: return detail::encode(design.vms[r->index]);
    case EntityKind::VmNic: return detail::encode(design.vms[r->index].nics[r->child]);
    case EntityKind::Gateway: return detail::encode(design.gateways[r->index]);
    }
    return Json();
}

} // namespace netvirt::core::io
