// SpscRing<T, N>: a bounded lock-free queue between exactly one producer thread and one
// consumer thread (worker → worker frame hand-off). Slots are written in place (claim, fill,
// publish), so a frame is copied once, and read in place (peek, process, release), so the
// consumer can hold a burst of slots while it works on them. Thread-safety: one producer and
// one consumer at a time; head and tail are published with release and read with acquire.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <new>
#include <utility>

namespace netvirt::emulator::runtime {

inline constexpr std::size_t kCacheLineBytes = 64;

template <typename T, std::size_t N>
class SpscRing final {
    static_assert(N >= 2 && (N & (N - 1)) == 0, "SpscRing capacity must be a power of two");

public:
    static constexpr std::size_t capacity() { return N; }

    // Producer: a slot to fill, or nullptr when the ring is full. publish() makes it visible.
    T *claim()
    {
        const std::size_t tail = m_tail.load(std::memory_order_relaxed);
        if (tail - m_headCache == N) {
            m_headCache = m_head.load(std::memory_order_acquire);
            if (tail - m_headCache == N)
                return nullptr;
        }
        return &m_slots[tail & (N - 1)];
    }
    void publish() { m_tail.store(m_tail.load(std::memory_order_relaxed) + 1, std::memory_order_release); }

    bool tryPush(T value)
    {
        T *slot = claim();
        if (!slot)
            return false;
        *slot = std::move(value);
        publish();
        return true;
    }

    // Consumer: the oldest slot, or nullptr when empty. release() gives it back.
    T *front() { return peek(0); }
    // Consumer: the i-th oldest slot (0: the oldest), or nullptr when fewer than i + 1 are
    // published. Peeked slots stay the consumer's, untouched by the producer, until released.
    T *peek(std::size_t i)
    {
        const std::size_t head = m_head.load(std::memory_order_relaxed);
        if (m_tailCache - head <= i) {
            m_tailCache = m_tail.load(std::memory_order_acquire);
            if (m_tailCache - head <= i)
                return nullptr;
        }
        return &m_slots[(head + i) & (N - 1)];
    }
    // Consumer: gives back the n oldest slots (all of them peeked before).
    void release(std::size_t n = 1)
    {
        m_head.store(m_head.load(std::memory_order_relaxed) + n, std::memory_order_release);
    }

    bool tryPop(T &out)
    {
        T *slot = front();
        if (!slot)
            return false;
        out = std::move(*slot);
        release();
        return true;
    }

    // Approximate from any thread; exact from the consumer (lower bound) or producer (upper).
    std::size_t size() const
    {
        return m_tail.load(std::memory_order_acquire) - m_head.load(std::memory_order_acquire);
    }
    bool empty() const { return size() == 0; }

private:
    alignas(kCacheLineBytes) std::atomic<std::size_t> m_head{0}; // written by the consumer
    std::size_t m_tailCache = 0;                                  // consumer's view of m_tail
    alignas(kCacheLineBytes) std::atomic<std::size_t> m_tail{0}; // written by the producer
    std::size_t m_headCache = 0;                                  // producer's view of m_head
    alignas(kCacheLineBytes) std::array<T, N> m_slots{};
};

} // namespace netvirt::emulator::runtime
