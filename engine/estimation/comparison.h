#pragma once

#include "estimation/estimator.h"

#include <string>
#include <vector>

namespace graphs {

/// One model × hardware × batch × precision combination of a comparison.
struct ComparisonRow
{
    std::string model;
    std::string hardwareId;
    std::string hardwareName;
    int64_t batch = 1;
    Precision precision = Precision::FP32;
    ModelSummary summary;
    EnergyEstimate energy; ///< summary.energy split into compute, memory and static (mJ per inference)
    bool pareto = false; ///< on the latency-vs-energy Pareto front among rows of the same model and batch
};

/// Marks the rows that no other row of the same model and batch beats on both latency and energy per inference,
/// then sorts by model, batch and latency.
void markParetoFront(std::vector<ComparisonRow>& rows);

} // namespace graphs
