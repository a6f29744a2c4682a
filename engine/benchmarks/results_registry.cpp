#include "benchmarks/results_registry.h"

#include <algorithm>

#include "core/atomic_file.h"
#include "core/csv_reader.h"
#include "reporting/number_format.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <unistd.h>

namespace graphs {

std::string_view measurementKindName(MeasurementKind kind)
{
    switch (kind) {
    case MeasurementKind::Workload: return "workload";
    case MeasurementKind::Roof: return "roof";
    case MeasurementKind::Operator: return "operator";
    case MeasurementKind::Subgraph: return "subgraph";
    }
    return "workload";
}

std::optional<MeasurementKind> parseMeasurementKind(std::string_view text)
{
    for (MeasurementKind k :
        { MeasurementKind::Workload, MeasurementKind::Roof, MeasurementKind::Operator, MeasurementKind::Subgraph })
        if (text == measurementKindName(k))
            return k;
    return std::nullopt;
}

namespace fs = std::filesystem;

namespace {

const char* const kColumns[] = { "date", "benchmark", "kind", "runtime", "runtime_version", "batch", "threads",
    "samples", "min_ms", "median_ms", "mean_ms", "std_ms", "p90_ms", "ci_low_ms", "ci_high_ms",
    "materialized_weights" };
/// Columns added later: written always, optional when reading.
const char* const kOptionalColumns[] = { "precision", "warmup", "pinned", "shape", "detail", "flops", "bytes",
    "energy_j", "power_sensor", "source" };

std::string header()
{
    std::string h;
    for (const char* c : kColumns)
        h += (h.empty() ? "" : ",") + std::string(c);
    for (const char* c : kOptionalColumns)
        h += "," + std::string(c);
    return h + "\n";
}

std::string number(double v);

std::string optionalNumber(double v)
{
    return v < 0 ? std::string() : number(v);
}

/// Columns that must be positive when known: 0 (unknown) is written as an empty cell.
std::string positiveOrEmpty(double v)
{
    return v > 0 ? number(v) : std::string();
}

std::string number(double v)
{
    std::ostringstream out;
    out.precision(17);
    out << v;
    return out.str();
}

} // namespace

bool isSafeResultsName(const std::string& s)
{
    if (s.empty() || s == "." || s == "..")
        return false;
    for (char c : s) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            return false;
    }
    return true;
}

Result<ResultsFile> ResultsFile::open(const std::string& registryDir, const std::string& hardwareId,
    const std::string& runtime, const std::string& suite, const EnvironmentFingerprint& environment,
    const std::map<std::string, std::string>& provenance)
{
    for (const std::string* part : { &hardwareId, &runtime, &suite }) {
        if (!isSafeResultsName(*part))
            return Error { ErrorCode::InvalidArgument, "'" + *part + "' cannot name a results file", registryDir };
    }
    const fs::path dir = fs::path(registryDir) / "benchmarks" / hardwareId / runtime;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return Error { ErrorCode::Io, "cannot create the results folder: " + ec.message(), dir.string() };
    ResultsFile file;
    file.m_path = (dir / (suite + ".csv")).string();
    if (!fs::exists(file.m_path, ec)) {
        if (auto written = writeFileAtomically(file.m_path, header()); !written)
            return written.error();
    }
    nlohmann::json sidecar = { { "hardware_id", hardwareId }, { "runtime", runtime }, { "suite", suite },
        { "environment",
            { { "cpu_model", environment.cpuModel }, { "cores", environment.cores },
                { "logical_cpus", environment.logicalCpus }, { "governor", environment.governor },
                { "max_mhz", environment.maxMhz }, { "date", environment.date },
                { "tool_version", environment.toolVersion }, { "energy_sensors", environment.energySensors } } } };
    if (!environment.runtime.empty())
        sidecar["environment"]["runtime"] = environment.runtime;
    if (!provenance.empty())
        sidecar["provenance"] = provenance;
    if (auto written = writeFileAtomically((dir / (suite + ".json")).string(), sidecar.dump(2) + "\n"); !written)
        return written.error();
    return file;
}

Status ResultsFile::append(const MeasurementRecord& r) const
{
    std::string line = csvField(r.date) + "," + csvField(r.benchmark) + "," + csvField(std::string(measurementKindName(r.kind))) + ","
        + csvField(r.runtime) + "," + csvField(r.runtimeVersion) + "," + std::to_string(r.batch) + ","
        + std::to_string(r.threads) + "," + std::to_string(r.samples) + "," + number(r.minMs) + ","
        + number(r.medianMs) + "," + number(r.meanMs) + "," + number(r.stdMs) + "," + positiveOrEmpty(r.p90Ms)
        + "," + positiveOrEmpty(r.ciLowMs) + "," + positiveOrEmpty(r.ciHighMs) + ","
        + (r.materializedWeights ? "true" : "false") + ","
        + csvField(r.precision) + "," + std::to_string(r.warmup) + "," + (r.pinned ? "true" : "false") + ","
        + csvField(r.shape) + "," + csvField(r.detail) + "," + optionalNumber(r.flops) + ","
        + optionalNumber(r.bytes) + "," + (r.energyJ ? number(*r.energyJ) : std::string()) + ","
        + csvField(r.powerSensor) + "," + csvField(r.source) + "\n";
    const int fd = ::open(m_path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0)
        return Error { ErrorCode::Io, std::string("cannot open for appending: ") + std::strerror(errno), m_path };
    // One write of the whole line, then fsync: a killed process leaves whole rows only.
    const ssize_t n = ::write(fd, line.data(), line.size());
    const bool ok = n == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok)
        return Error { ErrorCode::Io, std::string("cannot append: ") + std::strerror(err), m_path };
    return Ok {};
}

MeasurementRecord recordFromResult(const BenchmarkResult& result, const std::string& date)
{
    MeasurementRecord r;
    r.date = date;
    r.benchmark = result.model;
    r.kind = MeasurementKind::Workload;
    r.runtime = result.runtime;
    r.runtimeVersion = result.runtimeVersion;
    r.batch = result.batch;
    r.threads = result.threads;
    r.samples = static_cast<int64_t>(result.stats.samples);
    r.minMs = result.stats.min;
    r.medianMs = result.stats.median;
    r.meanMs = result.stats.mean;
    r.stdMs = result.stats.stddev;
    r.p90Ms = result.stats.p90;
    r.ciLowMs = result.stats.medianCiLow;
    r.ciHighMs = result.stats.medianCiHigh;
    r.materializedWeights = result.materializedWeights;
    r.precision = result.precision;
    r.warmup = result.warmup;
    r.pinned = result.pinned;
    r.energyJ = result.energyJ;
    r.powerSensor = result.powerSensor;
    return r;
}

std::vector<std::string> storedResultsFiles(const std::string& registryDir, const std::string& hardwareId,
    const std::string& runtime)
{
    std::vector<std::string> files;
    std::error_code ec;
    const fs::path dir = fs::path("benchmarks") / hardwareId / runtime;
    for (const auto& e : fs::directory_iterator(fs::path(registryDir) / dir, ec)) {
        if (e.path().extension() == ".csv")
            files.push_back((dir / e.path().filename()).string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

Result<std::vector<MeasurementRecord>> loadResults(const std::string& csvPath)
{
    std::ifstream in(csvPath);
    if (!in)
        return Error { ErrorCode::Io, "cannot open the file", csvPath };
    std::string line;
    if (!std::getline(in, line))
        return Error { ErrorCode::InvalidData, "the file is empty", csvPath };
    const auto names = splitCsvLine(std::string(withoutByteOrderMark(line)));
    std::map<std::string, size_t> column;
    for (size_t i = 0; i < names.size(); ++i)
        column[names[i]] = i;
    for (const char* c : kColumns) {
        if (!column.count(c))
            return Error { ErrorCode::InvalidData, "column '" + std::string(c) + "' is missing", csvPath + ":1" };
    }
    std::vector<MeasurementRecord> records;
    int lineNo = 1;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty())
            continue;
        const auto fields = splitCsvLine(line);
        const std::string where = csvPath + ":" + std::to_string(lineNo);
        if (fields.size() != names.size())
            return Error { ErrorCode::InvalidData,
                std::to_string(fields.size()) + " fields, the header has " + std::to_string(names.size()), where };
        auto text = [&](const char* c) { return fields[column[c]]; };
        std::optional<Error> bad;
        auto real = [&](const char* c, bool positive) {
            const std::string& v = fields[column[c]];
            char* end = nullptr;
            const double x = std::strtod(v.c_str(), &end);
            if (!bad && (v.empty() || end != v.c_str() + v.size()))
                bad = Error { ErrorCode::InvalidData, "column '" + std::string(c) + "': '" + v + "' is not a number",
                    where };
            else if (!bad && !std::isfinite(x))
                bad = Error { ErrorCode::InvalidData, "column '" + std::string(c) + "' is not finite", where };
            else if (!bad && positive && x <= 0)
                bad = Error { ErrorCode::InvalidData,
                    "column '" + std::string(c) + "' must be positive, got " + v, where };
            return x;
        };
        MeasurementRecord r;
        r.date = text("date");
        r.benchmark = text("benchmark");
        if (auto kind = parseMeasurementKind(text("kind")))
            r.kind = *kind;
        else
            return Error { ErrorCode::InvalidData,
                "column 'kind': '" + text("kind") + "' is none of workload, roof, operator, subgraph", where };
        r.runtime = text("runtime");
        r.runtimeVersion = text("runtime_version");
        r.batch = static_cast<int64_t>(real("batch", true));
        r.threads = static_cast<int>(real("threads", false));
        r.samples = static_cast<int64_t>(real("samples", true));
        r.minMs = real("min_ms", true);
        r.medianMs = real("median_ms", true);
        r.meanMs = real("mean_ms", true);
        r.stdMs = real("std_ms", false);
        // Imported measurements may not know these: an empty cell reads as 0 (unknown).
        auto positiveOrUnknown = [&](const char* c) { return text(c).empty() ? 0.0 : real(c, true); };
        r.p90Ms = positiveOrUnknown("p90_ms");
        r.ciLowMs = positiveOrUnknown("ci_low_ms");
        r.ciHighMs = positiveOrUnknown("ci_high_ms");
        r.materializedWeights = text("materialized_weights") == "true";
        auto optionalText = [&](const char* c) { return column.count(c) ? fields[column[c]] : std::string(); };
        auto optionalReal = [&](const char* c, double fallback) -> double {
            if (optionalText(c).empty())
                return fallback;
            return real(c, false);
        };
        if (!optionalText("precision").empty())
            r.precision = optionalText("precision");
        r.warmup = static_cast<int>(optionalReal("warmup", 0));
        r.pinned = optionalText("pinned") == "true";
        r.shape = optionalText("shape");
        r.detail = optionalText("detail");
        r.flops = optionalReal("flops", -1);
        r.bytes = optionalReal("bytes", -1);
        if (!optionalText("energy_j").empty()) {
            r.energyJ = real("energy_j", true);
        }
        r.powerSensor = optionalText("power_sensor");
        r.source = optionalText("source");
        if (bad)
            return *bad;
        if (r.benchmark.empty())
            return Error { ErrorCode::InvalidData, "column 'benchmark' is empty", where };
        records.push_back(std::move(r));
    }
    return records;
}

} // namespace graphs
