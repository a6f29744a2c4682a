#pragma once

#include <cstdint>
#include <string_view>

namespace graphs {

/// Element types, numbered as ONNX's TensorProto.DataType so the frontend maps them one to one.
enum class DataType : int32_t {
    Undefined = 0,
    Float32 = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Float64 = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
};

/// Bytes per element; 0 for Undefined and String (whose size is not fixed).
int64_t bytesPerElement(DataType type);

/// Short lowercase name: "float32", "int64", "bfloat16", …
std::string_view dataTypeName(DataType type);

/// Maps an ONNX TensorProto.DataType number; unknown numbers give Undefined.
DataType dataTypeFromOnnx(int32_t onnxType);

bool isFloatingPoint(DataType type);

} // namespace graphs
