#pragma once

#include "benchmarks/benchmark_result.h"
#include "calibration/calibration_profile.h"
#include "core/diagnostic.h"
#include "core/error.h"
#include "hardware/hardware_spec.h"
#include "hardware/precision.h"
#include "transform/fusion_rules.h"
#include "validation/accuracy.h"

#include <memory>
#include <string>
#include <vector>

namespace graphs {

/// What `graphs validate` compares: models estimated on one hardware × runtime × precision against their newest
/// stored whole-model measurements there.
struct ValidationRunRequest
{
    std::vector<std::string> models;              ///< ONNX files
    std::shared_ptr<const HardwareSpec> hardware;
    std::string runtime;                          ///< the runtime id the measurements were stored under
    FusionRules fusion;                           ///< that runtime's profile
    Precision precision = Precision::FP32;
    int64_t batch = 1;
    int threads = 0;                              ///< 0: measurements at any thread count
    std::string registryDir;                      ///< the user registry holding the measurements
    std::shared_ptr<const Calibration> calibration; ///< applied to the estimates; null: the specification's
    /// With per-node times (runs just measured with a profiler): also one point per subgraph the runtime timed.
    const std::vector<BenchmarkResult>* profiled = nullptr;
};

struct ValidationRunResult
{
    std::vector<ValidationPoint> points;   ///< per model, then its subgraphs when asked
    std::vector<std::string> unmeasured;   ///< file names of models without a stored measurement
    /// Models whose measurement (or the model itself) the calibration was fitted on: "file (why)". Their points are
    /// flagged usedInCalibration.
    std::vector<std::string> overlaps;
    Diagnostics notes;                     ///< unreadable results files, per-subgraph matching
};

/// Estimates each model that has a stored measurement (calibrated when the request has a calibration) and pairs
/// it with that measurement: the newest workload row of the model's file name at the request's precision and batch
/// (and thread count, when given). Fails on a model that cannot be estimated, naming it; returning false from
/// `progress` (the share of models done) stops with ErrorCode::Cancelled.
Result<ValidationRunResult> assembleValidation(const ValidationRunRequest& request,
    const ProgressCallback& progress = {});

} // namespace graphs
