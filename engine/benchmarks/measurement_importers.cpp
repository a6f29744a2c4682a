// Format detection, the hardware mapping, and saving without duplicates. The parsers live in import_*.cpp.

#include "benchmarks/measurement_importers.h"

#include "benchmarks/measurement_import_formats.h"
#include "core/csv_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>
#include <tuple>

namespace graphs {

namespace fs = std::filesystem;

namespace importing {

namespace {

// Upstream ids → registry ids. The sensors are those of the upstream measurers: package RAPL on the CPU (the
// v4 CPU measurer reads nothing else), the INA3221 rails on Jetson boards.
const UpstreamHardware kUpstreamHardware[] = {
    { "jetson_orin_agx_maxn", "cuda", "nvidia-jetson-agx-orin-64gb-gpu", "nvidia-jetson-agx-orin-64gb-cpu", "ina3221" },
    { "jetson_orin_agx_64gb", "cuda", "nvidia-jetson-agx-orin-64gb-gpu", "nvidia-jetson-agx-orin-64gb-cpu", "ina3221" },
    { "i7_12700k", "cpu", nullptr, "intel-core-i7-12700k", "rapl" },
    { "intel_core_i7_12700k", "cpu", nullptr, "intel-core-i7-12700k", "rapl" },
    { "jetson_orin_nano_8gb", "cuda", "nvidia-jetson-orin-nano-8gb-gpu", nullptr, "ina3221" },
};

constexpr size_t kMaxFileBytes = size_t(256) << 20;

Result<std::string> readWholeFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error { ErrorCode::Io, "cannot open the file", path };
    in.seekg(0, std::ios::end);
    const auto size = static_cast<size_t>(std::max<std::streamoff>(0, in.tellg()));
    if (size > kMaxFileBytes)
        return Error { ErrorCode::Unsupported, "the file is larger than 256 MiB", path };
    in.seekg(0);
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (!in)
        return Error { ErrorCode::Io, "cannot read the file", path };
    return text;
}

std::string trimmed(const std::string& s)
{
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

/// The suite part of "imported-<stem>": characters a results file name cannot hold become '-'.
std::string safeStem(const std::string& path)
{
    std::string stem = fs::path(path).stem().string();
    for (char& c : stem) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
            c = '-';
    }
    return stem.empty() ? "file" : stem;
}

} // namespace

const UpstreamHardware* findUpstreamHardware(const std::string& upstreamId)
{
    std::string id = lowerCase(trimmed(upstreamId));
    std::replace(id.begin(), id.end(), '-', '_');
    for (const UpstreamHardware& h : kUpstreamHardware) {
        if (id == h.id)
            return &h;
    }
    return nullptr;
}

Result<std::string> resolveHardware(
    const MeasurementImportOptions& options, const std::string& upstreamId, const std::string& device, const std::string& location)
{
    if (!options.hardwareId.empty())
        return options.hardwareId;
    if (auto id = mapUpstreamHardware(upstreamId, device))
        return *id;
    std::string known;
    for (const UpstreamHardware& h : kUpstreamHardware)
        known += (known.empty() ? "" : ", ") + std::string(h.id);
    return Error { ErrorCode::NotFound,
        "unknown hardware id '" + upstreamId + "'" + (device.empty() ? "" : " on device '" + device + "'")
            + "; give --hardware ID (ids this program maps: " + known + ")",
        location };
}

std::optional<double> parseFinite(const std::string& text)
{
    const std::string t = trimmed(text);
    if (t.empty())
        return std::nullopt;
    char* end = nullptr;
    const double x = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size() || !std::isfinite(x))
        return std::nullopt;
    return x;
}

std::string oneLine(const std::string& text)
{
    std::string out = trimmed(text);
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    return out;
}

std::string lowerCase(std::string text)
{
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string fileName(const std::string& path)
{
    return fs::path(path).filename().string();
}

Status finishImport(ImportedMeasurements& imported, const std::string& path, const MeasurementImportOptions& options)
{
    if (imported.records.empty())
        return Error { ErrorCode::InvalidData, "the file holds no measurements", path };
    imported.provenance.sourceFile = fileName(path);
    imported.suite = options.suite.empty() ? "imported-" + safeStem(path) : options.suite;
    if (!options.runtime.empty())
        imported.runtime = options.runtime;
    imported.environment.hardwareId = imported.hardwareId;
    for (MeasurementRecord& r : imported.records) {
        if (r.kind != MeasurementKind::Roof || r.runtime.empty())
            r.runtime = r.kind == MeasurementKind::Roof ? std::string(BuiltinRuntime) : imported.runtime;
        if (r.source.empty())
            r.source = imported.provenance.sourceFile;
    }
    const std::pair<const char*, const std::string*> names[]
        = { { "hardware id", &imported.hardwareId }, { "runtime", &imported.runtime }, { "suite", &imported.suite } };
    for (const auto& [what, value] : names) {
        if (!isSafeResultsName(*value))
            return Error { ErrorCode::InvalidArgument,
                std::string(what) + " '" + *value + "' cannot name a results file (letters, digits, '-', '_', '.')",
                path };
    }
    return Ok {};
}

} // namespace importing

const char* measurementFormatName(MeasurementFormat format)
{
    switch (format) {
    case MeasurementFormat::ResultsCsv:
        return "graphs-results-csv";
    case MeasurementFormat::Schema2Json:
        return "schema-2.0-json";
    case MeasurementFormat::V4BaselineCsv:
        return "v4-baseline-csv";
    }
    return "unknown";
}

std::map<std::string, std::string> ImportProvenance::toMap(MeasurementFormat format) const
{
    std::map<std::string, std::string> out { { "format", measurementFormatName(format) }, { "source", sourceFile } };
    const std::pair<const char*, const std::string*> optional[]
        = { { "upstream_hardware_id", &upstreamHardware }, { "device", &device },
              { "thermal_profile", &thermalProfile }, { "measurement_date", &date }, { "tool_version", &toolVersion } };
    for (const auto& [key, value] : optional) {
        if (!value->empty())
            out[key] = *value;
    }
    return out;
}

std::optional<std::string> mapUpstreamHardware(const std::string& upstreamId, const std::string& device)
{
    const importing::UpstreamHardware* h = importing::findUpstreamHardware(upstreamId);
    if (!h)
        return std::nullopt;
    const std::string d = device.empty() ? h->defaultDevice : importing::lowerCase(device);
    const char* id = d == "cuda" ? h->gpuId : d == "cpu" ? h->cpuId : nullptr;
    return id ? std::optional<std::string>(id) : std::nullopt;
}

Result<ImportedMeasurements> importMeasurements(const std::string& path, const MeasurementImportOptions& options)
{
    auto text = importing::readWholeFile(path);
    if (!text)
        return text.error();
    const std::string_view body = withoutByteOrderMark(*text);
    const auto start = body.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos)
        return Error { ErrorCode::EmptyInput, "the file is empty", path };

    Result<ImportedMeasurements> imported = Error {};
    if (body[start] == '{') {
        imported = importing::importSchema2Json(path, std::string(body.substr(start)), options);
    } else {
        const std::string firstLine(body.substr(0, body.find('\n')));
        std::vector<std::string> columns = splitCsvLine(firstLine);
        for (std::string& c : columns)
            c = importing::lowerCase(importing::trimmed(c));
        auto has = [&](const char* c) { return std::find(columns.begin(), columns.end(), c) != columns.end(); };
        if (has("hardware") && has("op") && has("latency_s"))
            imported = importing::importV4Baseline(path, std::string(body), options);
        else if (has("benchmark") && has("median_ms"))
            imported = importing::importResultsCsv(path, options);
        else
            return Error { ErrorCode::InvalidData,
                "not a measurement file this program reads: expected a schema-2.0 JSON object, a v4 baseline CSV "
                "(hardware,op,shape,dtype,latency_s,…) or a results CSV (date,benchmark,…,median_ms,…); the "
                "first line is '"
                    + importing::oneLine(firstLine.substr(0, 80)) + "'",
                path + ":1" };
    }
    if (!imported)
        return imported;
    if (auto finished = importing::finishImport(*imported, path, options); !finished)
        return finished.error();
    return imported;
}

void dropImplausibleEnergies(ImportedMeasurements& imported, double maxPowerW)
{
    size_t dropped = 0;
    double highest = 0;
    for (MeasurementRecord& r : imported.records) {
        if (!r.energyJ || r.medianMs <= 0)
            continue;
        const double watts = *r.energyJ / (r.medianMs * 1e-3);
        if (watts > maxPowerW) {
            ++dropped;
            highest = std::max(highest, watts);
            r.energyJ.reset();
            r.powerSensor.clear();
        }
    }
    if (dropped == 0)
        return;
    std::ostringstream message;
    message.precision(3);
    message << dropped << " of " << imported.records.size() << " energies imply more than " << maxPowerW
            << " W over their run (up to " << highest << " W): not one run's energy (a coarse counter ticking "
            << "inside a short window); left absent";
    imported.warnings.push_back({ Diagnostic::Severity::Warning, message.str(), imported.provenance.sourceFile });
}

Result<SavedImport> saveImportedMeasurements(
    const ImportedMeasurements& imported, const std::string& registryDir, bool dryRun)
{
    SavedImport saved;
    std::optional<ResultsFile> file;
    if (dryRun) {
        saved.path = (fs::path(registryDir) / "benchmarks" / imported.hardwareId / imported.runtime
            / (imported.suite + ".csv"))
                         .string();
    } else {
        auto opened = ResultsFile::open(registryDir, imported.hardwareId, imported.runtime, imported.suite,
            imported.environment, imported.provenance.toMap(imported.format));
        if (!opened)
            return opened.error();
        file = std::move(*opened);
        saved.path = file->path();
    }
    std::vector<MeasurementRecord> existing;
    std::error_code ec;
    if (fs::exists(saved.path, ec)) {
        auto loaded = loadResults(saved.path);
        if (!loaded)
            return loaded.error();
        existing = std::move(*loaded);
    }
    for (const MeasurementRecord& r : imported.records) {
        if (std::find(existing.begin(), existing.end(), r) != existing.end()) {
            ++saved.alreadyPresent;
            continue;
        }
        if (file) {
            if (auto appended = file->append(r); !appended)
                return appended.error();
        }
        ++saved.appended;
    }
    return saved;
}

void flagInconsistentRepeats(const std::vector<ImportedFile>& files, double maxRatio)
{
    // Three significant digits, without an exponent: "64084", "2.29", "0.126".
    auto formatNumber = [](double v) {
        std::ostringstream out;
        if (v >= 100)
            out << std::fixed << std::setprecision(0) << v;
        else
            out << std::setprecision(3) << v;
        return out.str();
    };
    using Key = std::tuple<std::string, std::string, std::string, MeasurementKind, std::string, int64_t, int>;
    auto keyOf = [](const ImportedMeasurements& m, const MeasurementRecord& r) {
        return Key { m.hardwareId, r.runtime, r.precision, r.kind, r.benchmark, r.batch, r.threads };
    };
    for (size_t a = 0; a < files.size(); ++a) {
        for (size_t b = a + 1; b < files.size(); ++b) {
            if (!files[a].measurements || !files[b].measurements)
                continue;
            std::map<Key, double> first;
            for (const MeasurementRecord& r : files[a].measurements->records)
                if (r.kind != MeasurementKind::Roof && r.medianMs > 0)
                    first.emplace(keyOf(*files[a].measurements, r), r.medianMs);
            size_t disagreeing = 0;
            double worst = 0;
            std::string worstName;
            for (const MeasurementRecord& r : files[b].measurements->records) {
                const auto it = first.find(keyOf(*files[b].measurements, r));
                if (it == first.end() || !(r.medianMs > 0))
                    continue;
                const double ratio = std::max(r.medianMs / it->second, it->second / r.medianMs);
                if (ratio <= maxRatio)
                    continue;
                ++disagreeing;
                if (ratio > worst) {
                    worst = ratio;
                    worstName = r.benchmark + " (" + formatNumber(it->second) + " ms against " + formatNumber(r.medianMs)
                        + " ms)";
                }
            }
            if (disagreeing == 0)
                continue;
            auto warn = [&](ImportedMeasurements& m, const std::string& other) {
                m.warnings.push_back({ Diagnostic::Severity::Warning,
                    std::to_string(disagreeing) + " row(s) measure the same as rows of " + other + " but differ more "
                        + "than " + formatNumber(maxRatio) + "× (the most: " + formatNumber(worst) + "×, " + worstName
                        + "): one of the two files is in another unit or from a broken run; import only the one you "
                        + "trust",
                    {} });
            };
            warn(*files[a].measurements, files[b].path);
            warn(*files[b].measurements, files[a].path);
        }
    }
}

} // namespace graphs
