#pragma once

#include "estimation/estimator.h"
#include "estimation/operator_catalog.h"
#include "hardware/precision.h"

#include <QString>
#include <vector>

namespace graphs::ui {

struct EstimatedModel;

/// A roof of the chart, from the hardware specification: a compute peak (FLOP/s) or a memory level's bandwidth
/// (bytes/s, a diagonal bandwidth × intensity).
struct RooflineCeiling
{
    QString label; ///< "fp16 matrix", "L2"
    double value = 0;
};

/// One subgraph on the chart: where it sits (intensity, attained FLOP/s) and what the tooltip tells.
struct RooflinePoint
{
    int subgraph = 0;
    QString label;
    OpClass opClass = OpClass::Unknown;
    double intensity = 0; ///< FLOP per byte at its boundary
    double flopsPerSecond = 0; ///< FLOPs / estimated latency
    double share = 0; ///< of the model's latency, 0..1
    EstimationResult latency; ///< ms
    Bottleneck bottleneck = Bottleneck::None;
    QString memoryLevel;
};

/// Everything the roofline chart draws, taken from an estimate; the chart never calls the engine.
struct RooflineData
{
    QString hardware; ///< "NVIDIA L4 24GB (nvidia-l4)"
    Precision precision = Precision::FP32;
    std::vector<RooflineCeiling> compute; ///< highest first
    std::vector<RooflineCeiling> memory; ///< closest level first; levels without a bandwidth are left out
    std::vector<RooflinePoint> points; ///< subgraphs with FLOPs, bytes and a latency, in partition order
    int withoutFlops = 0; ///< kernels that only move data: no place on a log FLOP/s axis
    int zeroCost = 0; ///< views and shape arithmetic: no kernel runs

    bool isEmpty() const { return compute.empty() && points.empty(); }
    /// The point of `subgraph`, or null.
    const RooflinePoint* point(int subgraph) const;
};

/// The roofs of the chosen precision (the matrix and the vector datapath where both exist; the rate the mapper
/// assumes for elementwise work where the precision has no vector path) and of every memory level, and one point
/// per subgraph that runs a kernel with FLOPs.
RooflineData makeRooflineData(const EstimatedModel& estimated);

} // namespace graphs::ui
