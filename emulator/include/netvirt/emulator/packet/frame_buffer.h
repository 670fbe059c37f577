// FrameBuffer: fixed-capacity storage for one frame with headroom in front, so outer headers
// (NVGRE encapsulation) are prepended without moving the payload, and decapsulation is a pull.
// Nothing allocates; storage is not zeroed. Thread-safety: a value, owned by one thread at a
// time (passed between workers by pointer through the rings).
#pragma once

#include <netvirt/emulator/packet/bytes.h>

#include <cstring>

namespace netvirt::emulator::packet {

class FrameBuffer final {
public:
    static constexpr std::size_t kHeadroomBytes = 128;
    static constexpr std::size_t kMaxFrameBytes = 9216;   // jumbo frames
    static constexpr std::size_t kCapacityBytes = kHeadroomBytes + kMaxFrameBytes;

    // Empty, with the default headroom. Storage stays uninitialised (user-provided on purpose,
    // so value-initialisation does not zero 9 KiB).
    FrameBuffer() noexcept {}
    FrameBuffer(const FrameBuffer &o) noexcept : m_offset(o.m_offset), m_size(o.m_size)
    {
        std::memcpy(m_storage + m_offset, o.m_storage + o.m_offset, m_size);
    }
    FrameBuffer &operator=(const FrameBuffer &o) noexcept
    {
        if (this != &o) {
            m_offset = o.m_offset;
            m_size = o.m_size;
            std::memcpy(m_storage + m_offset, o.m_storage + o.m_offset, m_size);
        }
        return *this;
    }

    // Empties the buffer and places the start `headroom` bytes in (clamped to the capacity).
    void clear(std::size_t headroom = kHeadroomBytes) noexcept
    {
        m_offset = static_cast<std::uint32_t>(headroom < kCapacityBytes ? headroom : kCapacityBytes);
        m_size = 0;
    }
    // Copies a frame in after `headroom` bytes; false (and empty) when it does not fit.
    [[nodiscard]] bool assign(ConstBytes frame, std::size_t headroom = kHeadroomBytes) noexcept
    {
        clear(headroom);
        if (frame.size() > tailroom())
            return false;
        if (!frame.empty())
            std::memcpy(m_storage + m_offset, frame.data(), frame.size());
        m_size = static_cast<std::uint32_t>(frame.size());
        return true;
    }

    MutBytes data() noexcept { return MutBytes(m_storage + m_offset, m_size); }
    ConstBytes data() const noexcept { return ConstBytes(m_storage + m_offset, m_size); }
    ConstBytes cdata() const noexcept { return data(); }
    std::size_t size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }
    std::size_t headroom() const noexcept { return m_offset; }
    std::size_t tailroom() const noexcept { return kCapacityBytes - m_offset - m_size; }

    // Grows the frame by n bytes at the front and returns them (to be written); an empty span
    // when the headroom is smaller than n (then nothing changes).
    [[nodiscard]] MutBytes push(std::size_t n) noexcept
    {
        if (n > m_offset)
            return {};
        m_offset -= static_cast<std::uint32_t>(n);
        m_size += static_cast<std::uint32_t>(n);
        return MutBytes(m_storage + m_offset, n);
    }
    // Removes n bytes from the front (a header); false when the frame is shorter.
    [[nodiscard]] bool pull(std::size_t n) noexcept
    {
        if (n > m_size)
            return false;
        m_offset += static_cast<std::uint32_t>(n);
        m_size -= static_cast<std::uint32_t>(n);
        return true;
    }
    // Grows the frame by n bytes at the tail and returns them; empty when it does not fit.
    [[nodiscard]] MutBytes put(std::size_t n) noexcept
    {
        if (n > tailroom())
            return {};
        MutBytes out(m_storage + m_offset + m_size, n);
        m_size += static_cast<std::uint32_t>(n);
        return out;
    }
    [[nodiscard]] bool append(ConstBytes bytes) noexcept
    {
        auto out = put(bytes.size());
        if (out.size() != bytes.size())
            return false;
        if (!bytes.empty())
            std::memcpy(out.data(), bytes.data(), bytes.size());
        return true;
    }
    // Shortens the frame to n bytes (removes trailing padding); false when n > size().
    [[nodiscard]] bool truncate(std::size_t n) noexcept
    {
        if (n > m_size)
            return false;
        m_size = static_cast<std::uint32_t>(n);
        return true;
    }

private:
    std::uint32_t m_offset = kHeadroomBytes;
    std::uint32_t m_size = 0;
    alignas(64) std::uint8_t m_storage[kCapacityBytes];
};

} // namespace netvirt::emulator::packet
