#pragma once

#include "benchmarks/benchmark_result.h"
#include "core/error.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace graphs {

/// The runtime of the rows the program measures itself (the roofs: FMA, triad, STREAM, SGEMM), which are stored in
/// the results file of whichever runtime the suite ran with.
inline constexpr std::string_view BuiltinRuntime = "builtin";

/// What a stored measurement times.
enum class MeasurementKind
{
    Workload, ///< a whole model ("workload" in the CSV)
    Roof,     ///< a machine roof: FMA, triad, STREAM, SGEMM
    Operator, ///< one operator case
    Subgraph, ///< one subgraph of a model (a profiled or imported per-subgraph time)
};

/// "workload", "roof", "operator", "subgraph": the `kind` column of a results CSV.
std::string_view measurementKindName(MeasurementKind kind);
/// The kind a `kind` cell names; nullopt for anything else.
std::optional<MeasurementKind> parseMeasurementKind(std::string_view text);

/// One stored measurement: a row of a results CSV.
struct MeasurementRecord
{
    std::string date;          ///< ISO 8601 UTC
    std::string benchmark;     ///< model name, or roof/operator benchmark name
    MeasurementKind kind = MeasurementKind::Workload;
    std::string runtime;
    std::string runtimeVersion;
    int64_t batch = 1;
    int threads = 0;
    int64_t samples = 0;
    double minMs = 0;
    double medianMs = 0;
    double meanMs = 0;
    double stdMs = 0;
    double p90Ms = 0;          ///< 0: unknown (an imported file that gives no p90); written as an empty cell
    double ciLowMs = 0;        ///< 95% interval of the median; 0: unknown, as p90Ms
    double ciHighMs = 0;
    bool materializedWeights = false;
    // Optional columns (empty in the CSV when unknown). Files written before they existed still load.
    std::string precision = "fp32";
    int warmup = 0;
    bool pinned = false;
    std::string shape;         ///< benchmark parameters, e.g. "1x3x224x224" or "M=64,N=64,K=64"
    std::string detail;        ///< operator type, fusion pattern or node names
    double flops = -1;         ///< work of one run; < 0: unknown
    double bytes = -1;         ///< bytes moved by one run; < 0: unknown
    std::optional<double> energyJ; ///< energy of one run; absent when no sensor read it (never zero for "absent")
    std::string powerSensor;   ///< "rapl", "nvml", "ina3221", … ; "" when none
    std::string source;        ///< where an imported measurement came from; "" for measurements taken here

    bool operator==(const MeasurementRecord&) const = default;
};

/// Raw measurements under <registry>/benchmarks/<hardware>/<runtime>/<suite>.csv, with a JSON sidecar holding the
/// environment fingerprint. Each measurement is appended and flushed to disk as soon as it is taken, so a cancelled
/// or killed run keeps everything measured before it.
class ResultsFile
{
public:
    /// Opens (creating folders, header and sidecar as needed) the results file for this combination. The sidecar
    /// holds `environment` and, for imported measurements, `provenance` (source file, device, power mode, …).
    static Result<ResultsFile> open(const std::string& registryDir, const std::string& hardwareId,
        const std::string& runtime, const std::string& suite, const EnvironmentFingerprint& environment,
        const std::map<std::string, std::string>& provenance = {});

    /// Appends one row and flushes it to disk (fsync) before returning.
    Status append(const MeasurementRecord& record) const;
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

/// Whether `name` can be a hardware, runtime or suite part of a results path: letters, digits, '-', '_' and '.',
/// and not "." or "..".
bool isSafeResultsName(const std::string& name);

MeasurementRecord recordFromResult(const BenchmarkResult& result, const std::string& date);

/// The results CSVs stored for a hardware × runtime, as paths relative to `registryDir`
/// ("benchmarks/<hardware>/<runtime>/<suite>.csv"), sorted; empty when there are none.
std::vector<std::string> storedResultsFiles(const std::string& registryDir, const std::string& hardwareId,
    const std::string& runtime);

/// Reads a results CSV back. Every bad row is an error naming file:line and column: missing columns, values that
/// are not numbers, NaN or infinite values, zero or negative latencies. Empty p90 and interval cells read as 0
/// (unknown).
Result<std::vector<MeasurementRecord>> loadResults(const std::string& csvPath);

} // namespace graphs
