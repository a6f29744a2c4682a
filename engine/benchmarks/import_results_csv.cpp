// This program's own results CSV, taken on another machine: the rows are read (and validated) by loadResults;
// the hardware comes from --hardware or from the sidecar <stem>.json written beside every results file.

#include "benchmarks/measurement_import_formats.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace graphs::importing {

namespace {

namespace fs = std::filesystem;

/// The sidecar's hardware id and environment, when the sidecar is there and readable.
struct Sidecar
{
    std::string hardwareId;
    EnvironmentFingerprint environment;
};

std::optional<Sidecar> readSidecar(const std::string& csvPath, Diagnostics& warnings)
{
    const fs::path sidecarPath = fs::path(csvPath).replace_extension(".json");
    std::ifstream in(sidecarPath);
    if (!in)
        return std::nullopt;
    try {
        const nlohmann::json doc = nlohmann::json::parse(in);
        Sidecar s;
        s.hardwareId = doc.value("hardware_id", std::string());
        const nlohmann::json env = doc.value("environment", nlohmann::json::object());
        s.environment.cpuModel = env.value("cpu_model", std::string());
        s.environment.cores = env.value("cores", 0);
        s.environment.logicalCpus = env.value("logical_cpus", 0);
        s.environment.governor = env.value("governor", std::string());
        s.environment.maxMhz = env.value("max_mhz", 0.0);
        s.environment.date = env.value("date", std::string());
        s.environment.toolVersion = env.value("tool_version", std::string());
        return s;
    } catch (const nlohmann::json::exception& e) {
        warnings.push_back({ Diagnostic::Severity::Warning,
            std::string("the sidecar is not readable and was ignored: ") + e.what(), sidecarPath.string() });
        return std::nullopt;
    }
}

} // namespace

Result<ImportedMeasurements> importResultsCsv(const std::string& path, const MeasurementImportOptions& options)
{
    auto rows = loadResults(path);
    if (!rows)
        return rows.error();
    ImportedMeasurements imported;
    imported.format = MeasurementFormat::ResultsCsv;
    const std::optional<Sidecar> sidecar = readSidecar(path, imported.warnings);
    if (sidecar) {
        imported.environment = sidecar->environment;
        imported.provenance.upstreamHardware = sidecar->hardwareId;
        imported.provenance.date = sidecar->environment.date;
        imported.provenance.toolVersion = sidecar->environment.toolVersion;
    }
    imported.hardwareId = !options.hardwareId.empty() ? options.hardwareId : sidecar ? sidecar->hardwareId : "";
    // "local" is whichever machine measured the file, not the one importing it.
    if (options.hardwareId.empty() && sidecar && imported.hardwareId == "local")
        return Error { ErrorCode::InvalidArgument,
            "measured on the 'local' entry of its own machine"
                + (sidecar->environment.cpuModel.empty() ? std::string() : " (" + sidecar->environment.cpuModel + ")")
                + "; give --hardware ID to say which registry entry that machine is",
            path };
    if (imported.hardwareId.empty())
        return Error { ErrorCode::InvalidArgument,
            "a results CSV does not name its hardware (no sidecar " + fs::path(path).stem().string()
                + ".json beside it); give --hardware ID",
            path };

    // A suite's roofs run in the program itself ("builtin") and share the file of the runtime the suite measured.
    std::set<std::string> runtimes;
    for (const MeasurementRecord& r : *rows)
        runtimes.insert(r.runtime);
    if (runtimes.size() > 1)
        runtimes.erase(std::string(BuiltinRuntime));
    if (runtimes.size() > 1) {
        std::string names;
        for (const std::string& r : runtimes)
            names += (names.empty() ? "" : ", ") + r;
        return Error { ErrorCode::InvalidData,
            "the rows name several runtimes (" + names + ") and a results file holds one: split the file by runtime",
            path };
    }
    imported.runtime = runtimes.empty() ? std::string() : *runtimes.begin();
    const size_t alreadySourced
        = std::count_if(rows->begin(), rows->end(), [](const MeasurementRecord& r) { return !r.source.empty(); });
    if (alreadySourced > 0)
        imported.warnings.push_back({ Diagnostic::Severity::Note,
            std::to_string(alreadySourced) + " rows were imported before and keep their original source", path });
    imported.records = std::move(*rows);
    return imported;
}

} // namespace graphs::importing
