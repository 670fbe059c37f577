#include <netvirt/emulator/capture/capture.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <unistd.h>
#include <vector>

#include <zstd.h>

namespace netvirt::emulator::capture {

using core::ErrorCode;
using core::makeError;
using core::Result;

std::string captureFileStem(const std::string &portId)
{
    std::string s = portId;
    for (char &c : s) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
            || c == '-';
        if (!ok)
            c = '_';
    }
    return s;
}

Result<std::shared_ptr<PortCapture>> PortCapture::open(const std::string &dir, const std::string &portId)
{
    auto cap = std::make_shared<PortCapture>();
    cap->m_path = dir + "/" + captureFileStem(portId) + ".pcap";
    auto w = packet::PcapWriter::open(cap->m_path);
    if (!w)
        return w.error();
    cap->m_writer = std::move(w.value());
    return cap;
}

void PortCapture::write(runtime::FrameDirection, packet::ConstBytes frame)
{
    std::lock_guard lock(m_mutex);
    m_writer.write(frame);
    ++m_frames;
}

Result<std::string> PortCapture::finish()
{
    {
        std::lock_guard lock(m_mutex);
        m_writer.close();
    }
    const std::string out = m_path + ".zst";
    if (auto r = compressFile(m_path, out); !r)
        return r.error();
    ::unlink(m_path.c_str());
    return out;
}

Result<void> compressFile(const std::string &src, const std::string &dst, int level)
{
    std::FILE *in = std::fopen(src.c_str(), "rb");
    if (!in)
        return makeError(ErrorCode::Io, src + ": " + std::strerror(errno));
    std::FILE *out = std::fopen(dst.c_str(), "wb");
    if (!out) {
        std::fclose(in);
        return makeError(ErrorCode::Io, dst + ": " + std::strerror(errno));
    }
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
    std::vector<char> ibuf(ZSTD_CStreamInSize()), obuf(ZSTD_CStreamOutSize());
    bool ok = true;
    std::string error;
    for (;;) {
        const std::size_t n = std::fread(ibuf.data(), 1, ibuf.size(), in);
        const bool last = n < ibuf.size();
        ZSTD_inBuffer input{ibuf.data(), n, 0};
        bool done = false;
        while (!done) {
            ZSTD_outBuffer output{obuf.data(), obuf.size(), 0};
            const std::size_t rem = ZSTD_compressStream2(cctx, &output, &input, last ? ZSTD_e_end : ZSTD_e_continue);
            if (ZSTD_isError(rem)) {
                ok = false;
                error = ZSTD_getErrorName(rem);
                break;
            }
            if (std::fwrite(obuf.data(), 1, output.pos, out) != output.pos) {
                ok = false;
                error = std::strerror(errno);
                break;
            }
            done = last ? rem == 0 : input.pos == input.size;
        }
        if (!ok || last)
            break;
    }
    ZSTD_freeCCtx(cctx);
    std::fclose(in);
    if (std::fclose(out) != 0 && ok) {
        ok = false;
        error = std::strerror(errno);
    }
    if (!ok) {
        ::unlink(dst.c_str());
        return makeError(ErrorCode::Io, dst + ": " + error);
    }
    return {};
}

namespace {

Result<std::string> decompressToTemp(const std::string &path)
{
    std::FILE *in = std::fopen(path.c_str(), "rb");
    if (!in)
        return makeError(ErrorCode::Io, path + ": " + std::strerror(errno));
    char tmpl[] = "/tmp/netvirt-replay-XXXXXX";
    int fd = ::mkstemp(tmpl);
    if (fd < 0) {
        std::fclose(in);
        return makeError(ErrorCode::Io, std::string("temporary file: ") + std::strerror(errno));
    }
    std::FILE *out = ::fdopen(fd, "wb");
    ZSTD_DCtx *dctx = ZSTD_createDCtx();
    std::vector<char> ibuf(ZSTD_DStreamInSize()), obuf(ZSTD_DStreamOutSize());
    std::string error;
    std::size_t n;
    while (error.empty() && (n = std::fread(ibuf.data(), 1, ibuf.size(), in)) > 0) {
        ZSTD_inBuffer input{ibuf.data(), n, 0};
        while (input.pos < input.size) {
            ZSTD_outBuffer output{obuf.data(), obuf.size(), 0};
            const std::size_t r = ZSTD_decompressStream(dctx, &output, &input);
            if (ZSTD_isError(r)) {
                error = ZSTD_getErrorName(r);
                break;
            }
            std::fwrite(obuf.data(), 1, output.pos, out);
        }
    }
    ZSTD_freeDCtx(dctx);
    std::fclose(in);
    std::fclose(out);
    if (!error.empty()) {
        ::unlink(tmpl);
        return makeError(ErrorCode::Parse, path + ": " + error);
    }
    return std::string(tmpl);
}

bool isZstd(const std::string &path)
{
    std::ifstream f(path, std::ios::binary);
    unsigned char m[4] = {};
    f.read(reinterpret_cast<char *>(m), 4);
    return f.gcount() == 4 && m[0] == 0x28 && m[1] == 0xB5 && m[2] == 0x2F && m[3] == 0xFD;
}

} // namespace

Result<std::vector<packet::PcapRecord>> readCapture(const std::string &path)
{
    if (!isZstd(path))
        return packet::PcapReader::readAll(path);
    auto tmp = decompressToTemp(path);
    if (!tmp)
        return tmp.error();
    auto records = packet::PcapReader::readAll(*tmp);
    ::unlink(tmp->c_str());
    if (!records)
        return makeError(records.error().code, path + ": " + records.error().message);
    return records;
}

} // namespace netvirt::emulator::capture
