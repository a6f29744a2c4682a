#pragma once

#include "benchmarks/benchmark_result.h"
#include "benchmarks/results_registry.h"
#include "core/diagnostic.h"
#include "core/error.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace graphs {

/// The measurement files `graphs benchmark import` reads, told apart by their content (not their extension).
enum class MeasurementFormat {
    ResultsCsv, ///< this program's own results CSV (the header of results_registry.h)
    Schema2Json, ///< upstream per-subgraph efficiency JSON, schema_version "2.0"
    V4BaselineCsv, ///< upstream operator baselines: hardware,op,shape,dtype,latency_s,energy_j,trial_count,notes
};

/// "graphs-results-csv", "schema-2.0-json", "v4-baseline-csv".
const char* measurementFormatName(MeasurementFormat format);

struct MeasurementImportOptions
{
    std::string hardwareId; ///< the registry id to file the measurements under; "" maps the file's own id
    std::string runtime; ///< overrides the runtime (upstream files: "pytorch"; own CSVs: the rows' runtime)
    std::string suite; ///< results file name; "" gives "imported-<file stem>"
};

/// Where and how imported measurements were taken, as the file says.
struct ImportProvenance
{
    std::string sourceFile; ///< file name without folders
    std::string upstreamHardware; ///< the hardware id as the file spells it ("" when it names none)
    std::string device; ///< "cuda", "cpu"; "" when unknown
    std::string thermalProfile; ///< power mode ("MAXN"); "" when not given
    std::string date; ///< when measured, as the file gives it (upstream dates carry no time zone)
    std::string toolVersion; ///< the tool that measured

    /// The key/value pairs written to the results sidecar.
    std::map<std::string, std::string> toMap(MeasurementFormat format) const;
};

/// One file's measurements, validated and ready to save. Nothing is written while importing.
struct ImportedMeasurements
{
    MeasurementFormat format = MeasurementFormat::ResultsCsv;
    std::string hardwareId;
    std::string runtime;
    std::string suite;
    ImportProvenance provenance;
    EnvironmentFingerprint environment; ///< for the sidecar: the measuring machine as far as the file tells
    std::vector<MeasurementRecord> records;
    Diagnostics warnings; ///< honest caveats: statistics the file lacks, energies it could not resolve, …
};

/// Detects the format of `path` from its first bytes and parses and validates the whole file. Every bad input is
/// an error naming file:line (CSV) or the file and a JSON path (`$.subgraphs[3].measured_latency.mean`): missing
/// keys or columns, values that are not numbers, NaN, zero or negative latencies, an upstream hardware id this
/// program cannot map (give MeasurementImportOptions::hardwareId).
///
///     auto imported = importMeasurements("resnet18_b1.json", {});
///     if (imported) saveImportedMeasurements(*imported, registryDir);
Result<ImportedMeasurements> importMeasurements(const std::string& path, const MeasurementImportOptions& options);

/// The registry id for an upstream hardware id measured on `device` ("cuda" or "cpu"), or nullopt.
///
///     mapUpstreamHardware("jetson_orin_agx_maxn", "cuda") == "nvidia-jetson-agx-orin-64gb-gpu"
std::optional<std::string> mapUpstreamHardware(const std::string& upstreamId, const std::string& device);

/// Drops (makes absent) every energy that implies more average power than `maxPowerW` over its run (energy /
/// median latency): such a figure cannot be one run's energy — typically a coarse counter (RAPL) that ticked once
/// inside a window of microseconds. Adds one warning saying how many and the highest power implied. Callers pass a
/// multiple of the hardware's TDP.
void dropImplausibleEnergies(ImportedMeasurements& imported, double maxPowerW);

/// One imported file, by the name the user gave.
struct ImportedFile
{
    std::string path;
    ImportedMeasurements* measurements = nullptr;
};

/// Rows that measure the same thing (hardware, runtime, precision, kind, benchmark, batch and threads) in two of
/// `files` but whose medians differ more than `maxRatio` times: one of the two was probably written in another unit
/// or comes from a broken run. Neither is dropped — which one is wrong the files do not say — but each file gets one
/// warning naming the other file, how many rows disagree and the largest ratio with its benchmark.
void flagInconsistentRepeats(const std::vector<ImportedFile>& files, double maxRatio);

struct SavedImport
{
    std::string path; ///< the results CSV the records went to
    size_t appended = 0;
    size_t alreadyPresent = 0; ///< rows equal to one already in the file (a re-import) are not written twice
};

/// Appends the records to <registry>/benchmarks/<hardware>/<runtime>/<suite>.csv, skipping every record equal to
/// a row already there, so importing a file twice adds nothing the second time (and an import cut short can be
/// repeated to finish it). With `dryRun` nothing is written; the counts say what would be.
Result<SavedImport> saveImportedMeasurements(
    const ImportedMeasurements& imported, const std::string& registryDir, bool dryRun = false);

} // namespace graphs
