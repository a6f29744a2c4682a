#include "hardware/precision.h"

namespace graphs {

std::string_view precisionName(Precision p)
{
    switch (p) {
    case Precision::FP64: return "fp64";
    case Precision::FP32: return "fp32";
    case Precision::TF32: return "tf32";
    case Precision::FP16: return "fp16";
    case Precision::BF16: return "bf16";
    case Precision::FP8: return "fp8";
    case Precision::INT8: return "int8";
    case Precision::INT4: return "int4";
    }
    return "fp32";
}

std::optional<Precision> parsePrecision(std::string_view name)
{
    for (Precision p : kAllPrecisions) {
        if (precisionName(p) == name)
            return p;
    }
    return std::nullopt;
}

double precisionBytes(Precision p)
{
    switch (p) {
    case Precision::FP64: return 8;
    case Precision::FP32:
    case Precision::TF32: return 4;
    case Precision::FP16:
    case Precision::BF16: return 2;
    case Precision::FP8:
    case Precision::INT8: return 1;
    case Precision::INT4: return 0.5;
    }
    return 4;
}

} // namespace graphs
