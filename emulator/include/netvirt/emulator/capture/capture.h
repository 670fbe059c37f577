// Captures: a pcap file (DLT_EN10MB, via the packet layer's libpcap writer) per vNIC or
// physical NIC port, started and stopped while traffic flows, compressed with zstd into
// `.pcap.zst` when closed; and the reader used by replay (`.pcap` or `.pcap.zst`, recognised
// by the zstd magic number).
// Thread-safety: a PortCapture is written by the workers serving the port's queues (a mutex
// orders their frames) and finished by the controller after the engine has detached it; the
// free functions are reentrant.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <netvirt/core/result.h>
#include <netvirt/emulator/packet/pcap_file.h>
#include <netvirt/emulator/runtime/engine.h>

namespace netvirt::emulator::capture {

class PortCapture final : public runtime::CaptureSink {
public:
    // Opens DIR/NAME.pcap (NAME: the port id with '/' as '_').
    static core::Result<std::shared_ptr<PortCapture>> open(const std::string &dir, const std::string &portId);

    void write(runtime::FrameDirection direction, packet::ConstBytes frame) override;
    std::uint64_t frames() const
    {
        std::lock_guard lock(m_mutex);
        return m_frames;
    }
    const std::string &pcapPath() const { return m_path; }
    // Closes the pcap and compresses it to `.pcap.zst` (the plain file is removed).
    // Returns the compressed file's path. Only after the engine has detached this sink.
    core::Result<std::string> finish();

private:
    mutable std::mutex m_mutex;        // the workers of a multi-queue port write at once
    packet::PcapWriter m_writer;       // guarded by m_mutex
    std::string m_path;
    std::uint64_t m_frames = 0;        // guarded by m_mutex
};

// A file name for a port id: characters outside [A-Za-z0-9._-] become '_'.
std::string captureFileStem(const std::string &portId);

// Streams `src` through zstd into `dst`.
core::Result<void> compressFile(const std::string &src, const std::string &dst, int level = 3);
// Every record of a `.pcap` or zstd-compressed `.pcap.zst`.
core::Result<std::vector<packet::PcapRecord>> readCapture(const std::string &path);

} // namespace netvirt::emulator::capture
