#pragma once

// Internal to the native executor: calls a generic lambda with a value of the C++ type that holds elements of a
// DataType, so one template serves every element type a kernel accepts.

#include "ir/data_type.h"

#include <cstdint>

namespace graphs::native {

/// int64, int32.
template <typename F> bool dispatchSigned(DataType type, F&& f)
{
    switch (type) {
    case DataType::Int64:
        f(int64_t {});
        return true;
    case DataType::Int32:
        f(int32_t {});
        return true;
    default:
        return false;
    }
}

/// float, double, int64, int32.
template <typename F> bool dispatchNumeric(DataType type, F&& f)
{
    switch (type) {
    case DataType::Float32:
        f(float {});
        return true;
    case DataType::Float64:
        f(double {});
        return true;
    default:
        return dispatchSigned(type, f);
    }
}

/// The numeric types plus bool, uint8 and int8 (bool is one byte, 0 or 1).
template <typename F> bool dispatchAll(DataType type, F&& f)
{
    switch (type) {
    case DataType::Bool:
    case DataType::UInt8:
        f(uint8_t {});
        return true;
    case DataType::Int8:
        f(int8_t {});
        return true;
    default:
        return dispatchNumeric(type, f);
    }
}

} // namespace graphs::native
