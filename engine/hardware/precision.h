#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace graphs {

/// Numeric precisions a datapath executes; figures in the registry are dense (no structured sparsity).
enum class Precision { FP64, FP32, TF32, FP16, BF16, FP8, INT8, INT4 };

inline constexpr std::array<Precision, 8> kAllPrecisions = { Precision::FP64, Precision::FP32, Precision::TF32,
    Precision::FP16, Precision::BF16, Precision::FP8, Precision::INT8, Precision::INT4 };

/// "fp64", "fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4".
std::string_view precisionName(Precision p);
std::optional<Precision> parsePrecision(std::string_view name);
/// Bytes one element occupies in memory (tf32 is stored as fp32; int4 packs two per byte → 0.5).
double precisionBytes(Precision p);

} // namespace graphs
