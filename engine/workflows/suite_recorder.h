#pragma once

#include "benchmarks/benchmark_result.h"
#include "benchmarks/results_registry.h"
#include "core/diagnostic.h"
#include "core/error.h"
#include "transform/fusion_rules.h"

#include <optional>
#include <string>
#include <vector>

namespace graphs {

/// Keeps the rows of a benchmark suite as they are measured: each is appended (and flushed) to the results file
/// `<registry>/benchmarks/<hardware>/<runtime>/<name>.csv` before the next benchmark starts, so an interrupted suite
/// loses only the benchmark in flight. Used by `graphs benchmark` and the app's Benchmarks page: pass record() as
/// runSuite's callback.
///
///     SuiteRecorder::Options options;   // registryDir, environment, resultsName, runtime, warmup, …
///     SuiteRecorder recorder(options);
///     runSuite(suite, runner, options,
///         [&](const MeasurementRecord& r, const BenchmarkResult* full) { return recorder.record(r, full); }, progress);
class SuiteRecorder
{
public:
    struct Options
    {
        std::string registryDir;
        EnvironmentFingerprint environment; ///< the sidecar's fingerprint; runners may add to its `runtime` part
        std::string resultsName;            ///< the file's name (the suite's, unless asked otherwise)
        /// The runtime the file is stored under. Empty: the runtime the first row that is not a roof names (a
        /// runner given by command line announces it); roofs measured before that wait in memory.
        std::string runtime;
        int warmup = 0;                     ///< written into every row but roofs (the suite's warm-up)
        bool save = true;                   ///< false: rows are kept in memory only
        /// With per-node times (a profiler run): each run's nodes become one row per subgraph of the model as the
        /// runtime's fusion rules partition it, stored after the run's own row.
        std::optional<FusionRules> subgraphFusion;
    };

    explicit SuiteRecorder(Options options);

    /// Stores one measured row (and its subgraph rows). Fails when the results file cannot be opened or written;
    /// after that failed() is true and nothing more is stored.
    Status record(const MeasurementRecord& row, const BenchmarkResult* full);
    /// Stores the roofs still waiting for a runtime name (a suite of roofs only) under `runtime`, or
    /// Options::runtime when that is empty.
    Status flush(const std::string& runtime = {});

    /// Every row recorded, as stored (warm-up set), in order; subgraph rows apart.
    const std::vector<MeasurementRecord>& records() const { return m_records; }
    /// The full results of the runs that had one (per-node times, outputs, the runner's environment).
    const std::vector<BenchmarkResult>& results() const { return m_results; }
    size_t subgraphRowsStored() const { return m_subgraphRowsStored; }
    bool failed() const { return m_failed; }
    /// The results file, once opened; "" before.
    std::string path() const { return m_store ? m_store->path() : std::string(); }
    const EnvironmentFingerprint& environment() const { return m_options.environment; }
    /// What mapping per-node times to subgraphs found (a summary per run, or why it could not), since the last call.
    Diagnostics takeNotes();

private:
    Status open(const std::string& runtime);
    std::vector<MeasurementRecord> subgraphRows(const BenchmarkResult& full, const std::string& date);

    Options m_options;
    std::optional<ResultsFile> m_store;
    std::string m_storeRuntime;
    std::vector<MeasurementRecord> m_pending;
    std::vector<MeasurementRecord> m_records;
    std::vector<BenchmarkResult> m_results;
    size_t m_subgraphRowsStored = 0;
    bool m_failed = false;
    Diagnostics m_notes;
};

} // namespace graphs
