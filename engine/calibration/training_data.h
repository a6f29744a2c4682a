#pragma once

#include "benchmarks/results_registry.h"
#include "calibration/latency_model.h"
#include "core/diagnostic.h"
#include "core/error.h"
#include "hardware/hardware_spec.h"
#include "transform/fusion_rules.h"

#include <memory>
#include <string>
#include <vector>

namespace graphs {

struct TrainingDataOptions
{
    std::shared_ptr<const HardwareSpec> hardware; ///< the entry the measurements were taken on
    FusionRules fusion;                           ///< the runtime's fusion rules
    Precision precision = Precision::FP32;
    std::vector<std::string> modelDirs;           ///< where workload rows' model files (the `detail` column) are found
};

/// Turns stored measurements into training points: each operator row's model is written again from its shape and
/// estimated; each workload row's model is found by file name in `modelDirs` and estimated at the row's batch
/// (its group is the model file's name, so cross-validation leaves a model out with all its batches). Roof rows
/// and rows that cannot be rebuilt are skipped with a warning in `skipped`.
Result<std::vector<TrainingPoint>> trainingPoints(const std::vector<MeasurementRecord>& records,
    const TrainingDataOptions& options, Diagnostics& skipped);

} // namespace graphs
