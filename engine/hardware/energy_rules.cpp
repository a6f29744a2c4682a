#include "hardware/energy_rules.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace graphs::energy {

namespace {

/// One multiply-add at a precision: its multiplier and the adder it accumulates with, in pJ, at 45 nm (Horowitz,
/// ISSCC 2014) and 7 nm (Jouppi et al., "Ten Lessons From Three Generations Shaped Google's TPUv4i", ISCA 2021,
/// Table 2). Tensor datapaths accumulate fp16/bf16/tf32 products in fp32, fp8 products with an fp16 adder (Horowitz's
/// 8-bit multiplier and 16-bit float adder) and int8 products in int32.
struct MacEnergy
{
    double at45;
    double at7;
};

MacEnergy macEnergy(Precision p)
{
    constexpr double fp32Mult45 = 3.7, fp32Add45 = 0.9, fp32Mult7 = 1.31, fp32Add7 = 0.38;
    constexpr double fp16Mult45 = 1.1, fp16Add45 = 0.4, fp16Mult7 = 0.34, fp16Add7 = 0.16;
    constexpr double bf16Mult7 = 0.21;
    constexpr double int8Mult45 = 0.2, int8Mult7 = 0.07, int32Add45 = 0.1, int32Add7 = 0.03;
    switch (p) {
    case Precision::FP64: return { 4 * (fp32Mult45 + fp32Add45), 4 * (fp32Mult7 + fp32Add7) };
    case Precision::FP32: return { fp32Mult45 + fp32Add45, fp32Mult7 + fp32Add7 };
    case Precision::TF32: // a 10-bit mantissa: an fp16-width multiplier
    case Precision::FP16: return { fp16Mult45 + fp32Add45, fp16Mult7 + fp32Add7 };
    case Precision::BF16: // no 45 nm bf16 figure: the fp16 ratio between the nodes
        return { (bf16Mult7 + fp32Add7) * (fp16Mult45 + fp32Add45) / (fp16Mult7 + fp32Add7), bf16Mult7 + fp32Add7 };
    case Precision::FP8: return { int8Mult45 + fp16Add45, int8Mult7 + fp16Add7 };
    case Precision::INT8: return { int8Mult45 + int32Add45, int8Mult7 + int32Add7 };
    case Precision::INT4: return { (int8Mult45 + int32Add45) / 2, (int8Mult7 + int32Add7) / 2 };
    }
    return { fp32Mult45 + fp32Add45, fp32Mult7 + fp32Add7 };
}

/// The anchors of the operand-delivery term (docs/hardware/energy.md, rule E4). Each is the vendor's design point of
/// one datapath: at its peak rate the part draws its TDP, of which kStaticShareOfTdp is static, so
///   delivery = ((1 − s)·TDP / peak − arithmetic(p, node)) / (operand bytes(p) + accumulator bytes(p)),
/// with the anchor's node at 7 nm (so no node scaling enters the anchor):
///   GPU matrix:   NVIDIA A100 SXM4, 400 W, 312 TFLOP/s fp16 tensor (108 SMs × 2048 FLOP/clk × 1410 MHz)
///   GPU vector:   NVIDIA A100 SXM4, 400 W, 19.5 TFLOP/s fp32 CUDA cores (108 × 128 × 1410 MHz)
///   CPU vector:   Intel Xeon Platinum 8480+ (Intel 7), 350 W TDP, defined by Intel at the 2.0 GHz base clock with
///                 every core busy: 56 cores × 64 fp32 FLOP/clk (2 × AVX-512 FMA) × 2.0 GHz = 7.168 TFLOP/s
///   CPU matrix:   the same part's AMX: 56 × 1024 bf16 FLOP/clk × 2.0 GHz = 114.7 TFLOP/s
///   systolic:     Google TPU v4 (7 nm), 192 W TDP, 275 TFLOP/s bf16
/// Accelerator vector units have no published anchor: they take the GPU vector figure.
struct Anchor
{
    double tdpWatts;
    double peakOpsPerSecond;
    Precision precision;
};

/// Bytes a multiply-add moves through the datapath per operation: its input operand and its accumulator (fp32 or
/// int32 for narrow inputs), which is read and written whatever the input width.
double operandBytes(Precision p)
{
    return precisionBytes(p) + std::max(4.0, precisionBytes(p));
}

double deliveryFromAnchor(const Anchor& a)
{
    const double perOp = (1 - kStaticShareOfTdp) * a.tdpWatts / a.peakOpsPerSecond * 1e12;
    return (perOp - macEnergy(a.precision).at7 / 2) / operandBytes(a.precision);
}

/// The largest SRAM array one access reaches (Horowitz's table stops at 1 MB); larger levels are banked.
constexpr double kLargestBankKib = 1024;

constexpr Anchor kGpuMatrix { 400, 108.0 * 2048 * 1410e6, Precision::FP16 };
constexpr Anchor kGpuVector { 400, 108.0 * 128 * 1410e6, Precision::FP32 };
constexpr Anchor kCpuVector { 350, 56.0 * 64 * 2.0e9, Precision::FP32 };
constexpr Anchor kCpuMatrix { 350, 56.0 * 1024 * 2.0e9, Precision::BF16 };
constexpr Anchor kSystolicMatrix { 192, 275e12, Precision::BF16 };

bool startsWith(const std::string& text, const char* prefix)
{
    return text.rfind(prefix, 0) == 0;
}

} // namespace

double nodeScale(Precision p, double processNm)
{
    const MacEnergy e = macEnergy(p);
    const double exponent = std::log(e.at45 / e.at7) / std::log(45.0 / 7.0);
    return std::pow(std::max(processNm, 1.0) / 7.0, exponent);
}

double arithmeticPjPerOp(Precision p, double processNm)
{
    return macEnergy(p).at7 / 2 * nodeScale(p, processNm);
}

double deliveryPjPerByteAt7nm(MapperKind mapper, Datapath datapath)
{
    switch (mapper) {
    case MapperKind::Cpu: return deliveryFromAnchor(datapath == Datapath::Matrix ? kCpuMatrix : kCpuVector);
    case MapperKind::Gpu: return deliveryFromAnchor(datapath == Datapath::Matrix ? kGpuMatrix : kGpuVector);
    case MapperKind::Systolic:
        return deliveryFromAnchor(datapath == Datapath::Matrix ? kSystolicMatrix : kGpuVector);
    }
    return deliveryFromAnchor(kGpuVector);
}

double pjPerOp(MapperKind mapper, Datapath datapath, Precision p, double processNm)
{
    const double at7 = macEnergy(p).at7 / 2 + operandBytes(p) * deliveryPjPerByteAt7nm(mapper, datapath);
    return at7 * nodeScale(p, processNm);
}

double onChipPjPerByte(double instanceBytes, double processNm)
{
    // Horowitz: an 8 KiB array costs 10 pJ per 64-bit access at 45 nm, 32 KiB 20 pJ: 2.5 pJ/B × √(C / 32 KiB). A
    // larger level is built of banks: beyond 1 MiB an access still reaches one bank, not a longer wire.
    const double kib = std::clamp(instanceBytes / 1024.0, 8.0, kLargestBankKib);
    const double at45 = 2.5 * std::sqrt(kib / 32.0);
    return at45 * nodeScale(Precision::FP16, processNm) / nodeScale(Precision::FP16, 45);
}

double offChipPjPerByte(const std::string& technology)
{
    std::string t;
    for (char c : technology)
        t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (startsWith(t, "HBM"))
        return 31.2; // 3.9 pJ/bit (O'Connor et al., MICRO 2017)
    if (startsWith(t, "GDDR6X"))
        return 58.0;
    if (startsWith(t, "GDDR"))
        return 60.0; // 7.5 pJ/bit (Micron)
    // DDR and LPDDR of every generation, and host memory reached over PCIe: Horowitz's 1.3 nJ per 64-bit access.
    if (startsWith(t, "DDR") || startsWith(t, "LPDDR") || t.find("PCIE") != std::string::npos
        || t.find("HOST") != std::string::npos)
        return 162.5;
    return 0;
}

double staticWattsUnderLoad(double tdpWatts)
{
    return kStaticShareOfTdp * tdpWatts;
}

void deriveEnergy(HardwareSpec& spec)
{
    spec.energyPerOpDerived = spec.energyPjPerOp.empty();
    for (Precision p : kAllPrecisions) {
        const bool matrix = spec.peakOpsPerSecond(p, Datapath::Matrix) > 0;
        const bool vector = spec.peakOpsPerSecond(p, Datapath::Vector) > 0;
        if (!spec.energyPjPerOp.count(p) && (matrix || vector))
            spec.energyPjPerOp[p] = pjPerOp(spec.mapper, matrix ? Datapath::Matrix : Datapath::Vector, p,
                spec.processNm);
        if (!spec.vectorEnergyPjPerOp.count(p))
            spec.vectorEnergyPjPerOp[p] = pjPerOp(spec.mapper, Datapath::Vector, p, spec.processNm);
    }
    for (size_t i = 0; i < spec.memory.size(); ++i) {
        MemoryLevel& level = spec.memory[i];
        if (level.energyPjPerByte > 0)
            continue;
        const bool offChip = i + 1 == spec.memory.size();
        level.energyPjPerByte = offChip ? offChipPjPerByte(level.technology)
                                        : onChipPjPerByte(level.capacityBytes, spec.processNm);
        level.energyDerived = true;
    }
    if (spec.staticWatts <= 0)
        spec.staticWatts = std::max(spec.idleWatts, staticWattsUnderLoad(spec.tdpWatts));
}

} // namespace graphs::energy
