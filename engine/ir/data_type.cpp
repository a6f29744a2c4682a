#include "ir/data_type.h"

namespace graphs {

int64_t bytesPerElement(DataType type)
{
    switch (type) {
    case DataType::Float32:
    case DataType::Int32:
    case DataType::UInt32: return 4;
    case DataType::UInt8:
    case DataType::Int8:
    case DataType::Bool: return 1;
    case DataType::UInt16:
    case DataType::Int16:
    case DataType::Float16:
    case DataType::BFloat16: return 2;
    case DataType::Int64:
    case DataType::UInt64:
    case DataType::Float64:
    case DataType::Complex64: return 8;
    case DataType::Complex128: return 16;
    case DataType::String:
    case DataType::Undefined: return 0;
    }
    return 0;
}

std::string_view dataTypeName(DataType type)
{
    switch (type) {
    case DataType::Undefined: return "undefined";
    case DataType::Float32: return "float32";
    case DataType::UInt8: return "uint8";
    case DataType::Int8: return "int8";
    case DataType::UInt16: return "uint16";
    case DataType::Int16: return "int16";
    case DataType::Int32: return "int32";
    case DataType::Int64: return "int64";
    case DataType::String: return "string";
    case DataType::Bool: return "bool";
    case DataType::Float16: return "float16";
    case DataType::Float64: return "float64";
    case DataType::UInt32: return "uint32";
    case DataType::UInt64: return "uint64";
    case DataType::Complex64: return "complex64";
    case DataType::Complex128: return "complex128";
    case DataType::BFloat16: return "bfloat16";
    }
    return "undefined";
}

DataType dataTypeFromOnnx(int32_t onnxType)
{
    if (onnxType >= 0 && onnxType <= static_cast<int32_t>(DataType::BFloat16))
        return static_cast<DataType>(onnxType);
    return DataType::Undefined;
}

bool isFloatingPoint(DataType type)
{
    return type == DataType::Float32 || type == DataType::Float16 || type == DataType::Float64
        || type == DataType::BFloat16;
}

} // namespace graphs
