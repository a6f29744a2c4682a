#include "core/error.h"

namespace graphs {

const char* errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Io: return "io";
    case ErrorCode::EmptyInput: return "empty-input";
    case ErrorCode::ParseFailed: return "parse-failed";
    case ErrorCode::NotAModel: return "not-a-model";
    case ErrorCode::InvalidModel: return "invalid-model";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::UnsafePath: return "unsafe-path";
    case ErrorCode::ShapeInference: return "shape-inference";
    case ErrorCode::UnboundDimension: return "unbound-dimension";
    case ErrorCode::Overflow: return "overflow";
    case ErrorCode::InvalidArgument: return "invalid-argument";
    case ErrorCode::InvalidData: return "invalid-data";
    case ErrorCode::NotFound: return "not-found";
    case ErrorCode::Cancelled: return "cancelled";
    }
    return "unknown";
}

std::string Error::toString() const
{
    if (location.empty())
        return message;
    return location + ": " + message;
}

} // namespace graphs
