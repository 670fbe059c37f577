// Plain libpcap files (DLT_EN10MB, snaplen 65535): a writer (pcap_dump) and a reader
// (pcap_open_offline). Not on the packet path: opening reports errors as Result, frames are
// copied by libpcap. libpcap stays out of this header.
// Thread-safety: one object per thread; distinct objects are independent.
#pragma once

#include <netvirt/emulator/packet/bytes.h>

#include <netvirt/core/result.h>

#include <cstdint>
#include <string>
#include <vector>

struct pcap;
struct pcap_dumper;

namespace netvirt::emulator::packet {

class PcapWriter final {
public:
    static constexpr int kSnapLenBytes = 65535;

    PcapWriter() = default;
    PcapWriter(PcapWriter &&o) noexcept;
    PcapWriter &operator=(PcapWriter &&o) noexcept;
    PcapWriter(const PcapWriter &) = delete;
    PcapWriter &operator=(const PcapWriter &) = delete;
    ~PcapWriter();

    // Creates (truncates) `path`.
    static core::Result<PcapWriter> open(const std::string &path);
    bool isOpen() const { return m_dumper != nullptr; }
    // timestampUs: microseconds since the Unix epoch; 0 takes the current time. Frames
    // longer than the snap length are recorded truncated, with their original length.
    void write(ConstBytes frame, std::uint64_t timestampUs = 0) noexcept;
    // Flushes to disk (the file stays open).
    core::Result<void> flush();
    // Flushes and closes; later writes are ignored.
    void close() noexcept;

private:
    pcap *m_pcap = nullptr;
    pcap_dumper *m_dumper = nullptr;
};

struct PcapRecord {
    std::uint64_t timestampUs = 0;
    std::uint32_t originalBytes = 0;  // on the wire; bytes.size() is what was captured
    std::vector<std::uint8_t> bytes;
};

class PcapReader final {
public:
    PcapReader() = default;
    PcapReader(PcapReader &&o) noexcept;
    PcapReader &operator=(PcapReader &&o) noexcept;
    PcapReader(const PcapReader &) = delete;
    PcapReader &operator=(const PcapReader &) = delete;
    ~PcapReader();

    // Fails for a missing file, a file that is not pcap, or a link type other than Ethernet.
    static core::Result<PcapReader> open(const std::string &path);
    // The next record into `out` (its vector's capacity is reused); false at the end of file
    // or on a read error (error() then says which).
    bool next(PcapRecord &out);
    const std::string &error() const { return m_error; }
    void close() noexcept;

    // All records of a file.
    static core::Result<std::vector<PcapRecord>> readAll(const std::string &path);

private:
    pcap *m_pcap = nullptr;
    std::string m_error;
};

} // namespace netvirt::emulator::packet
