// libpcap file writer and reader (DLT_EN10MB). Only this file includes pcap.h.
// Thread-safety: one object per thread.
#include <netvirt/emulator/packet/pcap_file.h>

#include <pcap/pcap.h>

#include <algorithm>
#include <chrono>
#include <utility>

namespace netvirt::emulator::packet {

PcapWriter::PcapWriter(PcapWriter &&o) noexcept
    : m_pcap(std::exchange(o.m_pcap, nullptr)), m_dumper(std::exchange(o.m_dumper, nullptr))
{
}

PcapWriter &PcapWriter::operator=(PcapWriter &&o) noexcept
{
    if (this != &o) {
        close();
        m_pcap = std::exchange(o.m_pcap, nullptr);
        m_dumper = std::exchange(o.m_dumper, nullptr);
    }
    return *this;
}

PcapWriter::~PcapWriter() { close(); }

core::Result<PcapWriter> PcapWriter::open(const std::string &path)
{
    PcapWriter w;
    w.m_pcap = pcap_open_dead(DLT_EN10MB, kSnapLenBytes);
    if (!w.m_pcap)
        return core::makeError(core::ErrorCode::Io, "pcap_open_dead failed");
    w.m_dumper = pcap_dump_open(w.m_pcap, path.c_str());
    if (!w.m_dumper)
        return core::makeError(core::ErrorCode::Io,
                               "cannot create capture file " + path + ": " + pcap_geterr(w.m_pcap));
    return w;
}

void PcapWriter::write(ConstBytes frame, std::uint64_t timestampUs) noexcept
{
    if (!m_dumper)
        return;
    if (timestampUs == 0) {
        const auto now = std::chrono::system_clock::now().time_since_epoch();
        timestampUs = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(now).count());
    }
    pcap_pkthdr hdr{};
    hdr.ts.tv_sec = static_cast<decltype(hdr.ts.tv_sec)>(timestampUs / 1000000);
    hdr.ts.tv_usec = static_cast<decltype(hdr.ts.tv_usec)>(timestampUs % 1000000);
    hdr.caplen = static_cast<bpf_u_int32>(std::min<std::size_t>(frame.size(), kSnapLenBytes));
    hdr.len = static_cast<bpf_u_int32>(frame.size());
    pcap_dump(reinterpret_cast<u_char *>(m_dumper), &hdr, frame.data());
}

core::Result<void> PcapWriter::flush()
{
    if (!m_dumper)
        return core::makeError(core::ErrorCode::Io, "capture file is not open");
    if (pcap_dump_flush(m_dumper) != 0)
        return core::makeError(core::ErrorCode::Io, "cannot write capture file");
    return {};
}

void PcapWriter::close() noexcept
{
    if (m_dumper)
        pcap_dump_close(m_dumper);
    if (m_pcap)
        pcap_close(m_pcap);
    m_dumper = nullptr;
    m_pcap = nullptr;
}

PcapReader::PcapReader(PcapReader &&o) noexcept
    : m_pcap(std::exchange(o.m_pcap, nullptr)), m_error(std::move(o.m_error))
{
}

PcapReader &PcapReader::operator=(PcapReader &&o) noexcept
{
    if (this != &o) {
        close();
        m_pcap = std::exchange(o.m_pcap, nullptr);
        m_error = std::move(o.m_error);
    }
    return *this;
}

PcapReader::~PcapReader() { close(); }

core::Result<PcapReader> PcapReader::open(const std::string &path)
{
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    PcapReader r;
    r.m_pcap = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (!r.m_pcap)
        return core::makeError(core::ErrorCode::Io, "cannot read capture file " + path + ": " + errbuf);
    if (pcap_datalink(r.m_pcap) != DLT_EN10MB)
        return core::makeError(core::ErrorCode::Unsupported,
                               "capture file " + path + " is not Ethernet (link type "
                                   + std::to_string(pcap_datalink(r.m_pcap)) + ")");
    return r;
}

bool PcapReader::next(PcapRecord &out)
{
    if (!m_pcap)
        return false;
    pcap_pkthdr *hdr = nullptr;
    const u_char *data = nullptr;
    const int rc = pcap_next_ex(m_pcap, &hdr, &data);
    if (rc == 1) {
        out.timestampUs = static_cast<std::uint64_t>(hdr->ts.tv_sec) * 1000000u
            + static_cast<std::uint64_t>(hdr->ts.tv_usec);
        out.originalBytes = hdr->len;
        out.bytes.assign(data, data + hdr->caplen);
        return true;
    }
    if (rc == PCAP_ERROR)
        m_error = pcap_geterr(m_pcap);
    return false;
}

void PcapReader::close() noexcept
{
    if (m_pcap)
        pcap_close(m_pcap);
    m_pcap = nullptr;
}

core::Result<std::vector<PcapRecord>> PcapReader::readAll(const std::string &path)
{
    auto reader = open(path);
    if (!reader)
        return reader.error();
    std::vector<PcapRecord> records;
    PcapRecord rec;
    while (reader->next(rec))
        records.push_back(rec);
    if (!reader->error().empty())
        return core::makeError(core::ErrorCode::Io, "error reading " + path + ": " + reader->error());
    return records;
}

} // namespace netvirt::emulator::packet
