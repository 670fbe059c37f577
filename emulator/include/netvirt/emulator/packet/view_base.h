// The common base of the zero-copy header views: a span over one header and what follows.
// A view is created by its `from()` (which checks every length it will ever read, so the
// accessors need no checks) or by parseFrame(). Byte = const std::uint8_t gives a read-only
// view (`XxxView`), std::uint8_t a writable one (`XxxMut`) whose setters exist only then.
// Thread-safety: views are values; the frame they point into must outlive them.
#pragma once

#include <netvirt/emulator/packet/bytes.h>

#include <optional>
#include <type_traits>

namespace netvirt::emulator::packet {

template <typename Byte>
concept PacketByte = std::is_same_v<std::remove_const_t<Byte>, std::uint8_t>;

template <typename Byte>
inline constexpr bool kWritable = !std::is_const_v<Byte>;

namespace detail {

template <PacketByte Byte>
class ViewBase {
public:
    using Span = std::span<Byte>;

    // The bytes of this header and everything after it that belongs to it (an IPv4 view is
    // trimmed to the total length, a UDP view to the UDP length).
    Span bytes() const { return m_b; }
    std::size_t size() const { return m_b.size(); }
    Byte *data() const { return m_b.data(); }

protected:
    ViewBase() = default;
    explicit ViewBase(Span b) : m_b(b) {}
    std::uint8_t u8(std::size_t off) const { return m_b[off]; }
    std::uint16_t u16(std::size_t off) const { return load16(m_b.data() + off); }
    std::uint32_t u32(std::size_t off) const { return load32(m_b.data() + off); }

    Span m_b;
};

} // namespace detail
} // namespace netvirt::emulator::packet
