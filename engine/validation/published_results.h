#pragma once

// Published benchmark results (MLPerf Inference) as a validation set: the file format, and the estimate of every
// row on the registry's hardware with the rules that turn a submission into an estimate request.

#include "core/diagnostic.h"
#include "core/error.h"
#include "estimation/estimate.h"
#include "hardware/hardware_registry.h"
#include "hardware/precision.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace graphs {

/// One part of the hardware a row ran on: `count` × the registry entry `hardwareId`.
struct PublishedPart
{
    std::string hardwareId;
    int count = 1;
};

/// One published result, as registries/published/README.md describes the columns.
struct PublishedRow
{
    int line = 0;                ///< in the file, for messages
    std::string round;
    std::string submitter;
    std::string system;
    std::string accelerator;
    int accelerators = 1;        ///< accelerators (or CPU sockets) in the system: Offline throughput is divided
    std::string hostCpu;
    std::string benchmark;       ///< "resnet50", "bert-99"
    std::string scenario;        ///< "Offline", "SingleStream"
    std::string precision;       ///< as the submission states it ("int8", "mixed int8/fp16", "" when not stated)
    std::optional<int64_t> batch;
    double value = 0;
    std::string unit;            ///< "samples/s" (Offline) or "ms" (SingleStream, 90th percentile)
    std::optional<double> powerWatts;
    std::optional<double> energyPerSampleJoules;
    /// Registry entries the submission ran on, per accelerator: "nvidia-l4", or a sum such as
    /// "nvidia-jetson-agx-orin-64gb-gpu+2*nvidia-jetson-agx-orin-64gb-dla" (Offline throughput adds up).
    std::vector<PublishedPart> hardware;
    std::string source;
    /// The system's configured power limit for each accelerator (nvidia-smi -pl, a card's TDP setting), when it is
    /// below the entry's TDP; an input of the submission, like its batch.
    std::optional<double> powerLimitWatts;
    /// Configured clock caps: "gpu_mhz" (GPU entries), "dla_mhz" (accelerator entries of a module), "memory_share"
    /// (configured memory clock / the module's highest), as a Jetson power mode sets them.
    std::map<std::string, double> settings;

    bool offline() const { return scenario == "Offline"; }
    /// "v3.1 NVIDIA L4x1_TRT resnet50 Offline".
    std::string label() const;
};

/// Reads a published-results CSV. Every bad field is an error naming the file, line and column; unknown columns
/// are refused, and so are scenarios, units and counts that cannot be.
Result<std::vector<PublishedRow>> loadPublishedResults(const std::string& path);
Result<std::vector<PublishedRow>> parsePublishedResults(const std::string& text, const std::string& displayName);

/// Where each benchmark's model is, and what its inputs are bound to.
struct PublishedBenchmark
{
    std::string benchmark;       ///< "resnet50", "bert-99"
    std::string modelPath;
    /// Sequence length a sample of the benchmark carries on average (bert-99: the real tokens of SQuAD v1.1
    /// samples, padding removed, as the submissions' harnesses run them); 0 for fixed-shape models.
    int64_t sequenceLength = 0;
};

/// SQuAD v1.1 samples at a maximum of 384 tokens (doc stride 128) as MLPerf BERT-99 runs them, padding removed:
/// the real tokens per sample on average (docs/validation/published-figures.md gives the source).
constexpr int64_t kBertSquadAverageTokens = 172;

/// The models of the benchmarks a published-results file names, looked up in `modelDirs` (first match wins):
/// resnet50 → resnet50_v1.5*.onnx, else resnet50*.onnx; bert-99 → bert_large*.onnx, bound to
/// `bertSequence` tokens. Benchmarks without a model are left out (their rows are reported as skipped).
std::vector<PublishedBenchmark> findPublishedBenchmarks(const std::vector<std::string>& modelDirs,
    int64_t bertSequence = kBertSquadAverageTokens);

struct PublishedRequest
{
    std::vector<PublishedRow> rows;
    std::vector<PublishedBenchmark> benchmarks;
    std::vector<std::string> registryDirs; ///< for runtime profiles
    const HardwareRegistry* registry = nullptr;
    /// Offline rows without a published batch: the batch sizes tried (the one with the highest estimated
    /// throughput that fits the device's memory is taken, as a submitter tuning for throughput would).
    std::vector<int64_t> offlineBatches { 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048 };
};

/// The estimate of one row and how it was made.
struct PublishedEstimate
{
    PublishedRow row;
    bool estimated = false;
    std::string skipped;         ///< why a row was not estimated (no model, no hardware entry, precision)
    std::string runtime;         ///< the runtime profile used
    Precision precision = Precision::INT8;
    int64_t batch = 1;
    std::string batchRule;       ///< "published", "throughput-optimal", "single stream"
    double measured = 0;         ///< per accelerator: samples/s (Offline) or ms (SingleStream)
    double estimate = 0;         ///< the same quantity
    double errorPct = 0;         ///< (estimate / measured − 1) · 100
    double boundPct = 0;
    Confidence confidence = Confidence::Theoretical;
    bool powerLimited = false;   ///< the modelled power reached the entry's limit
    double estimatedWatts = 0;   ///< average power of one accelerator (all parts)
    std::optional<double> measuredEnergyJoules;  ///< per sample, from the system's power
    std::optional<double> estimatedEnergyJoules; ///< per sample, accelerators only
    std::optional<double> energyErrorPct;
    std::string energyNote;      ///< why an energy row is or is not compared
};

/// Summary of the estimated rows.
struct PublishedSummary
{
    size_t rows = 0;             ///< estimated
    size_t skipped = 0;
    double mapePct = 0;
    double medianAbsPct = 0;
    double within25Share = 0;    ///< |error| ≤ 25 %
    double within15Share = 0;
    /// Mean signed error per scenario ("Offline", "SingleStream"): positive when estimates are high.
    std::vector<std::pair<std::string, double>> biasByScenario;
    std::vector<std::pair<std::string, double>> mapeByBenchmark;
    size_t energyRows = 0;
    double energyMapePct = 0;
    double energyWithin25Share = 0;
};

struct PublishedValidation
{
    std::vector<PublishedEstimate> estimates; ///< in the rows' order
    PublishedSummary summary;
};

/// Estimates every row (docs/validation/published-figures.md states the rules): per accelerator; Offline at the
/// published batch or the throughput-optimal one; SingleStream as batch-1 latency against the 90th percentile;
/// NVIDIA GPUs with the `tensorrt` runtime profile and everything else with `onnxruntime`'s fusion; the row's
/// precision (int8 where it states none or a mix). Rows whose hardware, model or precision is missing are kept
/// as skipped with the reason. The callback sees the fraction of rows done; false cancels.
Result<PublishedValidation> validatePublished(const PublishedRequest& request, const ProgressCallback& progress = {});

} // namespace graphs
