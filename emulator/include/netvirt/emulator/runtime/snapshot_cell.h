// SnapshotCell<T>: the RCU-style publication point of an immutable value (the engine's policy
// and topology). Readers load() a shared_ptr once per burst and keep using it while a writer
// publishes a successor; the old value dies with its last reader.
// Thread-safety: load/publish/exchange from any thread. libstdc++ 12's
// atomic<shared_ptr> is used where available (its internal spin bit is enough here: the
// critical section is a reference count increment), else — and under ThreadSanitizer, which
// cannot see that spin bit — the atomic_load free functions (a lock pool TSan understands).
#pragma once

#include <atomic>
#include <memory>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define NETVIRT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define NETVIRT_TSAN 1
#endif
#endif

namespace netvirt::emulator::runtime {

template <typename T>
class SnapshotCell final {
public:
    using Ptr = std::shared_ptr<const T>;

    SnapshotCell() = default;
    explicit SnapshotCell(Ptr initial) { publish(std::move(initial)); }
    SnapshotCell(const SnapshotCell &) = delete;
    SnapshotCell &operator=(const SnapshotCell &) = delete;

#if defined(__cpp_lib_atomic_shared_ptr) && __cpp_lib_atomic_shared_ptr >= 201711L && !defined(NETVIRT_TSAN)
    Ptr load() const { return m_ptr.load(std::memory_order_acquire); }
    void publish(Ptr next) { m_ptr.store(std::move(next), std::memory_order_release); }
    Ptr exchange(Ptr next) { return m_ptr.exchange(std::move(next), std::memory_order_acq_rel); }

private:
    std::atomic<Ptr> m_ptr;
#else
    Ptr load() const { return std::atomic_load_explicit(&m_ptr, std::memory_order_acquire); }
    void publish(Ptr next) { std::atomic_store_explicit(&m_ptr, std::move(next), std::memory_order_release); }
    Ptr exchange(Ptr next) { return std::atomic_exchange_explicit(&m_ptr, std::move(next), std::memory_order_acq_rel); }

private:
    Ptr m_ptr;
#endif
};

} // namespace netvirt::emulator::runtime
