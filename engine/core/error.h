#pragma once

#include <string>
#include <utility>
#include <variant>

namespace graphs {

/// The class of a failure, stable across versions so front ends can map it (CLI exit codes, GUI icons).
enum class ErrorCode {
    Io,               ///< the file could not be read or written
    EmptyInput,       ///< the file is empty
    ParseFailed,      ///< not a valid serialised message (truncated, random bytes)
    NotAModel,        ///< parsed, but is not an ONNX model (no graph, no IR version, …)
    InvalidModel,     ///< an ONNX model whose structure is broken (cycles, dangling names, …)
    Unsupported,      ///< valid, but beyond what this build handles (opset too new, >2 GiB, …)
    UnsafePath,       ///< an external-data location that escapes the model folder
    ShapeInference,   ///< shapes could not be inferred
    UnboundDimension, ///< a symbolic dimension was not bound where a count needs it
    Overflow,         ///< a count does not fit in 64 bits
    InvalidArgument,  ///< a caller-supplied option is wrong (unknown input name, bad shape string)
    InvalidData,      ///< a registry or measurement file whose content is wrong (syntax, types, keys, values)
    NotFound,         ///< a named thing (hardware id, suite) does not exist
    Cancelled,        ///< the progress callback asked to stop
};

const char* errorCodeName(ErrorCode code);

/// A structured error: what went wrong, and where (file, file:line, or node name).
struct Error
{
    ErrorCode code = ErrorCode::InvalidArgument;
    std::string message;
    std::string location;

    /// "location: message", or just the message when no location is known.
    std::string toString() const;
};

/// A value or an error; the engine's way of returning from anything that can fail on user input.
template <typename T>
class Result
{
public:
    Result(T value) : m_data(std::move(value)) { }
    Result(Error error) : m_data(std::move(error)) { }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<T>(m_data); }
    T& value() & { return std::get<T>(m_data); }
    T&& value() && { return std::get<T>(std::move(m_data)); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

    const Error& error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

/// Result of an operation that yields nothing but can fail.
struct Ok
{
};
using Status = Result<Ok>;

} // namespace graphs
