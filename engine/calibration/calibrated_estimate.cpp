#include "calibration/calibrated_estimate.h"

#include "calibration/latency_features.h"

#include <algorithm>
#include <string_view>

namespace graphs {

namespace {

constexpr double kExtrapolatedBoundFactor = 2.0;
constexpr double kExtrapolatedShare = 0.10;

std::string sourceOf(const Calibration& c, const char* what)
{
    const CalibrationProfile& p = c.profile;
    const std::string fitted = p.hardware + " × " + p.runtime + " " + std::string(precisionName(p.precision)) + ", "
        + std::to_string(c.points.size()) + " measurements"
        + (p.created.empty() ? std::string() : ", " + p.created.substr(0, 10));
    if (!c.transferredFrom.empty())
        return std::string("interpolated ") + what + ": the calibration of " + fitted
            + ", scaled to this device's specification; error bound twice that calibration's cross-validated one";
    if (!c.priorFrom.empty() && std::string_view(what) == "latency") // the energy fit has no prior
        return std::string("calibrated ") + what + ": " + fitted + ", adapted from the calibration of " + c.priorFrom
            + " carried over as the fit's prior; error bound from cross-validation";
    return std::string("calibrated ") + what + ": " + fitted + "; error bound from cross-validation";
}

void calibrateLatency(const GraphAnalysis& analysis, const Partition& partition, ModelEstimate& estimate,
    const Calibration& calibration)
{
    const LatencyFeatures features = latencyFeatures(analysis, partition, estimate, calibration.roofs);
    const std::string source = sourceOf(calibration, "latency");
    const double bound = calibration.errorBoundPct;
    // A calibration carried over from a sibling device: everything it gives is INTERPOLATED, its bound already
    // widened; shapes outside what the sibling's fit saw widen it again.
    const bool transferred = !calibration.transferredFrom.empty();
    const Confidence inside = transferred ? Confidence::Interpolated : Confidence::Calibrated;
    const Confidence outsideRange = transferred ? Confidence::Interpolated : Confidence::Extrapolated;

    double total = calibration.model.runSeconds(features);
    double outside = 0;
    std::vector<bool> kernel(estimate.subgraphs.size(), false);
    for (const SubgraphFeatures& k : features.subgraphs) {
        const auto i = static_cast<size_t>(k.subgraph);
        if (i >= estimate.subgraphs.size())
            continue;
        const double seconds = calibration.model.predictKernelSeconds(k);
        const bool covered = calibration.model.covers(k);
        EstimationResult& latency = estimate.subgraphs[i].latency;
        latency.value = seconds * 1e3;
        latency.confidence = covered ? inside : outsideRange;
        latency.errorBoundPct = covered ? bound : bound * kExtrapolatedBoundFactor;
        latency.source = source;
        total += seconds;
        outside += covered ? 0 : seconds;
        kernel[i] = true;
    }
    // Views and shape arithmetic run no kernel: their 0 ms is exact under any calibration.
    for (size_t i = 0; i < estimate.subgraphs.size(); ++i) {
        if (!kernel[i]) {
            EstimationResult& latency = estimate.subgraphs[i].latency;
            latency.value = 0;
            latency.confidence = inside;
            latency.errorBoundPct = 0;
            latency.source = source;
        }
    }
    const bool extrapolated = total > 0 && outside > kExtrapolatedShare * total;
    ModelSummary& sum = estimate.summary;
    sum.latency.value = total * 1e3;
    sum.latency.confidence = extrapolated ? outsideRange : inside;
    sum.latency.errorBoundPct = extrapolated ? bound * kExtrapolatedBoundFactor : bound;
    sum.latency.source = source;
    sum.throughput.value = total > 0 ? static_cast<double>(estimate.options.batch) / total : 0;
    sum.throughput.confidence = sum.latency.confidence;
    sum.throughput.errorBoundPct = sum.latency.errorBoundPct;
    sum.throughput.source = source;
}

void calibrateEnergy(const Partition& partition, ModelEstimate& estimate, const Calibration& calibration)
{
    const EnergyFit& fit = *calibration.energy;
    const std::string source = sourceOf(calibration, "energy");
    const double bound = calibration.energyBoundPct;
    auto result = [&](double joules) {
        return EstimationResult { joules * 1e3, "mJ", Confidence::Calibrated, source, bound };
    };
    const size_t levels = estimate.hardware ? estimate.hardware->memory.size() : 0;
    double computeJ = 0;
    double memoryJ = 0;
    double staticJ = 0;
    std::vector<double> byLevel(levels, 0.0);
    for (size_t i = 0; i < estimate.subgraphs.size() && i < partition.subgraphs.size(); ++i) {
        SubgraphEstimate& e = estimate.subgraphs[i];
        const double c = fit.joulesPerFlop * static_cast<double>(partition.subgraphs[i].flops.total());
        const double m = fit.joulesPerByte * e.mapped.bytesMoved;
        const double st = fit.staticWatts * e.latency.value / 1e3;
        e.energy.memoryByLevelJoules.assign(levels, 0.0);
        if (e.mapped.memoryLevel >= 0 && static_cast<size_t>(e.mapped.memoryLevel) < levels) {
            e.energy.memoryByLevelJoules[static_cast<size_t>(e.mapped.memoryLevel)] = m;
            byLevel[static_cast<size_t>(e.mapped.memoryLevel)] += m;
        }
        e.energy.compute = result(c);
        e.energy.memory = result(m);
        e.energy.staticPart = result(st);
        e.energy.total = result(c + m + st);
        computeJ += c;
        memoryJ += m;
        staticJ += st;
    }
    // The call's own time (outside any kernel) still draws static power.
    double kernelSeconds = 0;
    for (const SubgraphEstimate& e : estimate.subgraphs)
        kernelSeconds += e.latency.value / 1e3;
    staticJ += fit.staticWatts * std::max(0.0, estimate.summary.latency.value / 1e3 - kernelSeconds);
    estimate.energy.compute = result(computeJ);
    estimate.energy.memory = result(memoryJ);
    estimate.energy.staticPart = result(staticJ);
    estimate.energy.total = result(computeJ + memoryJ + staticJ);
    estimate.energy.memoryByLevelJoules = byLevel;
    estimate.summary.energy = estimate.energy.total;
}

} // namespace

void applyCalibration(const GraphAnalysis& analysis, const Partition& partition, ModelEstimate& estimate,
    const Calibration& calibration)
{
    if (calibration.hasLatency())
        calibrateLatency(analysis, partition, estimate, calibration);
    if (calibration.energy)
        calibrateEnergy(partition, estimate, calibration);
}

} // namespace graphs
