// Result<T>: a value or an Error, returned by every fallible core and emulator API instead of
// throwing (STYLE.md). Error carries a stable code and an English message; the designer turns
// codes into tr() strings where it needs to. Thread-safety: plain value types.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace netvirt::core {

enum class ErrorCode {
    Io = 1,            // the file could not be read or written
    Parse,             // not JSON, or not decompressible
    Schema,            // JSON of the wrong structure (type, missing key, unknown enum)
    Version,           // unknown format or a newer version
    Limit,             // size or nesting limit exceeded
    NotFound,          // an id or name that does not exist
    Conflict,          // an id or name already taken
    Invalid,           // a value the operation cannot accept
    Exhausted,         // a pool has no free address
    Permission,        // a privileged action was not permitted
    Unsupported,
};

struct Error {
    ErrorCode code = ErrorCode::Invalid;
    std::string message;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}
    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

inline Error makeError(ErrorCode code, std::string message)
{
    return Error{code, std::move(message)};
}

} // namespace netvirt::core
