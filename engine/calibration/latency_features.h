#pragma once

#include "calibration/roofline_fit.h"
#include "core/error.h"
#include "estimation/analysis_pipeline.h"

#include <map>
#include <string>
#include <vector>

namespace graphs {

/// Named terms of a latency model. Keys are "<class>:<term>" for work done by kernels of one operator class, and
/// "run:<term>" for costs of the call itself. Class names are the estimator's op classes in lower case with
/// convolutions split by kind ("conv-standard", "conv-depthwise", "conv-pointwise", "conv-grouped", "matrix",
/// "elementwise", "normalization", "softmax", "reduction", "pooling", "data_movement", …). Terms:
///
///   compute  seconds of the kernel's FLOPs at the achieved peak (matrix peak for GEMM-shaped classes)
///   memory   seconds of its boundary bytes at the achieved bandwidth for that working set
///   kernels  1 per kernel launched (its coefficient is a fixed cost per kernel, in seconds)
///   outputs  elements written by a GEMM-shaped kernel (B·M·N) — epilogue and store cost
///   inputs   elements of its activation panel (B·N·K; the im2col matrix of a convolution) — packing cost
///   weights  elements of its other operand (B·M·K) — packing cost
///   host     seconds of an eager framework's host cost for the kernel's operators (dispatch and launch on the
///            hardware's host core, HostCosts); only for runtimes that have host costs
///   run:io   bytes of the graph's inputs and outputs, copied on every call
///   run:host seconds of the caller's synchronisation with a GPU or an accelerator (eager runtimes)
///
/// compute, memory and host have a prior coefficient of 1 (the roofline and the host cost as modelled), every other
/// term 0.
using FeatureVector = std::map<std::string, double>;

/// The prior coefficient of a term: 1 for ":compute" and ":memory", 0 for the rest.
double termPrior(const std::string& key);

/// A term's unit, for reports: "×" (a scale), "s/kernel", "s/element", "s/byte".
std::string termUnit(const std::string& key);

struct SubgraphFeatures
{
    int subgraph = 0;     ///< index into the partition
    std::string opClass;  ///< calibration class
    double flops = 0;
    double macFlops = 0;  ///< 2 × its multiply-accumulates: the FLOPs a profiler that counts only MACs reports
    double bytes = 0;
    FeatureVector terms;
};

/// The features of one model (or operator) estimate: per kernel, and for the call.
struct LatencyFeatures
{
    std::vector<SubgraphFeatures> subgraphs; ///< kernels only; views and shape arithmetic run none
    FeatureVector runTerms;
    double theoreticalSeconds = 0;           ///< the uncalibrated estimate, for comparison

    /// Every term summed over the kernels, plus the run terms.
    FeatureVector total() const;
};

/// The class key of one subgraph, as used in the terms.
std::string calibrationClass(const Subgraph& subgraph);

/// The share of a GEMM-shaped convolution's compute seconds at the fp32 roof that it takes on TF32 matrix units
/// (mathPrecision(); FusionRules::tf32Convolutions): `spec`'s fp32 matrix peak over its TF32 one; 1 for other
/// classes, other precisions, a runtime that keeps convolutions in fp32, or hardware without TF32. The roofs are taken
/// at the model's precision; this carries a convolution's compute term to the rate it runs at.
double tf32ConvolutionShare(
    const std::string& opClass, const HardwareSpec& spec, Precision precision, bool tf32Convolutions);

/// Features of an estimate already made, against `roofs`.
LatencyFeatures latencyFeatures(const GraphAnalysis& analysis, const Partition& partition,
    const ModelEstimate& estimate, const RooflineFit& roofs);

/// Bytes one memory level serves to a kernel, and how much that level can hold (its usable capacity; unbounded for
/// off-chip memory).
struct LevelBytes
{
    double bytes = 0;
    double capacityBytes = 0;
};

/// Features of one kernel described by its totals: FLOPs and bytes of a class, no GEMM shape. `levels` (the traffic
/// model's split of the bytes over the memory levels) streams each level's bytes at the bandwidth the curve gives for
/// a working set that level holds; without it (imported per-subgraph measurements) all bytes stream at the bandwidth
/// measured for `bytes`.
SubgraphFeatures kernelFeatures(const std::string& opClass, double flops, double bytes, const RooflineFit& roofs,
    const std::vector<LevelBytes>& levels = {});

/// Imports, partitions with the runtime's fusion rules and estimates `request`, then returns its features.
Result<LatencyFeatures> latencyFeatures(const AnalysisRequest& request, const RooflineFit& roofs);

} // namespace graphs
