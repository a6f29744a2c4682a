#pragma once

#include "hardware/precision.h"
#include "transform/weight_quantization.h"
#include "workflows/generation.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace graphs {
struct FusionRules;
struct HardwareSpec;
} // namespace graphs

namespace graphs::ui {

/// What the Generation page asked for, snapshot on the GUI thread: the worker sees nothing else.
struct GenerationInputs
{
    QString model; ///< an ONNX decoder
    std::vector<std::shared_ptr<const HardwareSpec>> hardware; ///< each estimated in turn, in this order
    std::shared_ptr<const FusionRules> runtime;
    Precision precision = Precision::FP16;
    WeightFormat weights = WeightFormat::AsCompute;
    int64_t promptTokens = 512;
    int64_t generatedTokens = 128;
    int64_t batch = 1;
    /// Decode steps estimated exactly: the points of the latency-against-context chart (the engine interpolates the
    /// steps between for the totals).
    int decodeSamples = 9;
    /// Apply the calibration profiles of the user registry, as `graphs generate` does unless --uncalibrated.
    bool calibrate = true;
};

/// One run: a GenerationResult per hardware entry that could be estimated, and what could not.
struct GenerationRun
{
    std::vector<GenerationResult> results; ///< in the order of GenerationInputs::hardware, failures left out
    QStringList errors; ///< "<hardware id>: <the engine's message>"
    QStringList notes; ///< the calibration profiles applied, and the ones that could not be used
};

class JobControl;

/// Runs graphs::runGeneration for every entry of `inputs.hardware` on the calling (pool) thread, the progress of
/// `control` split evenly between them; a cancelled run stops inside the engine and its result is dropped by the
/// JobTracker.
GenerationRun runGenerationJob(const JobControl& control, const GenerationInputs& inputs);

} // namespace graphs::ui
