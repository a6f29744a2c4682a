// Upstream per-subgraph efficiency measurements, schema_version "2.0" (measure_efficiency.py): one record per
// subgraph. Latencies are milliseconds — checked against achieved_flops = flops / latency where the file gives it.
// The file gives mean, std, min, max, samples and the mean's 95% interval, but no median and no p90: the median
// column holds the mean (with a warning) and p90 is left unknown rather than made up.

#include "benchmarks/measurement_import_formats.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace graphs::importing {

namespace {

using nlohmann::json;

/// Reads typed values at JSON paths; the first failure is kept and names the file and the path.
class JsonFields
{
public:
    explicit JsonFields(std::string file)
        : m_file(std::move(file))
    {
    }

    const json* member(const json& object, const std::string& path, const char* key, bool required)
    {
        const std::string at = path + "." + key;
        if (!object.is_object()) {
            fail(path, "is not an object");
            return nullptr;
        }
        const auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            if (required)
                fail(at, "is missing");
            return nullptr;
        }
        return &*it;
    }

    std::optional<double> number(const json& object, const std::string& path, const char* key, bool required)
    {
        const json* v = member(object, path, key, required);
        if (!v)
            return std::nullopt;
        if (!v->is_number()) {
            fail(path + "." + key, std::string("is not a number (") + v->type_name() + ")");
            return std::nullopt;
        }
        return v->get<double>();
    }

    /// A number that must be > 0 (or >= 0 with `zeroAllowed`).
    std::optional<double> positive(
        const json& object, const std::string& path, const char* key, bool required, bool zeroAllowed = false)
    {
        const auto v = number(object, path, key, required);
        if (v && (zeroAllowed ? *v < 0 : *v <= 0)) {
            std::ostringstream text;
            text << "must be " << (zeroAllowed ? "zero or positive" : "positive") << ", got " << *v;
            fail(path + "." + key, text.str());
            return std::nullopt;
        }
        return v;
    }

    std::optional<int64_t> count(const json& object, const std::string& path, const char* key, bool required)
    {
        const auto v = number(object, path, key, required);
        if (v && (*v < 1 || *v != std::floor(*v) || *v > 9e15)) {
            std::ostringstream text;
            text << "must be a whole number of at least 1, got " << *v;
            fail(path + "." + key, text.str());
            return std::nullopt;
        }
        return v ? std::optional<int64_t>(static_cast<int64_t>(*v)) : std::nullopt;
    }

    std::string text(const json& object, const std::string& path, const char* key, bool required)
    {
        const json* v = member(object, path, key, required);
        if (!v)
            return {};
        if (!v->is_string()) {
            fail(path + "." + key, std::string("is not a string (") + v->type_name() + ")");
            return {};
        }
        return oneLine(v->get<std::string>());
    }

    void fail(const std::string& path, const std::string& message)
    {
        if (!m_error)
            m_error = Error { ErrorCode::InvalidData, path + " " + message, m_file };
    }

    const std::optional<Error>& error() const { return m_error; }

private:
    std::string m_file;
    std::optional<Error> m_error;
};

struct LatencyFields
{
    bool hadMedian = false;
    bool hadP90 = false;
    bool intervalDropped = false;
};

/// Fills the statistics of `r` from a measured_latency object (milliseconds).
void readLatency(JsonFields& f, const json& m, const std::string& path, MeasurementRecord& r, LatencyFields& seen)
{
    const auto mean = f.positive(m, path, "mean", true);
    const auto min = f.positive(m, path, "min", true);
    const auto spread = f.positive(m, path, "std", true, true);
    const auto samples = f.count(m, path, "samples", true);
    const auto median = f.positive(m, path, "median", false);
    const auto p90 = f.positive(m, path, "p90", false);
    const auto ciLow = f.number(m, path, "ci_lower", false);
    const auto ciHigh = f.number(m, path, "ci_upper", false);
    if (f.error() || !mean || !min || !spread || !samples)
        return;
    if (*min > *mean) {
        std::ostringstream text;
        text << "min " << *min << " exceeds mean " << *mean;
        f.fail(path, text.str());
        return;
    }
    r.meanMs = *mean;
    r.minMs = *min;
    r.stdMs = *spread;
    r.samples = *samples;
    r.medianMs = median ? *median : *mean;
    r.p90Ms = p90 ? *p90 : 0;
    seen.hadMedian = seen.hadMedian || median;
    seen.hadP90 = seen.hadP90 || p90;
    if (ciLow && ciHigh) {
        if (*ciLow > *ciHigh) {
            f.fail(path, "ci_lower exceeds ci_upper");
            return;
        }
        // A 95% interval reaching zero or below says nothing a latency column can hold: left unknown.
        if (*ciLow > 0) {
            r.ciLowMs = *ciLow;
            r.ciHighMs = *ciHigh;
        } else {
            seen.intervalDropped = true;
        }
    }
}

std::string subgraphDetail(JsonFields& f, const json& sg, const std::string& path)
{
    std::string detail = f.text(sg, path, "fusion_pattern", false);
    const std::string type = f.text(sg, path, "operation_type", false);
    if (!type.empty())
        detail += (detail.empty() ? "" : " ") + std::string("(") + type + ")";
    if (const json* names = f.member(sg, path, "node_names", false)) {
        if (!names->is_array()) {
            f.fail(path + ".node_names", "is not an array");
            return detail;
        }
        std::string joined;
        for (const json& n : *names) {
            if (n.is_string())
                joined += (joined.empty() ? "" : ", ") + oneLine(n.get<std::string>());
        }
        if (!joined.empty())
            detail += (detail.empty() ? "" : ": ") + joined;
    }
    return detail;
}

void warn(ImportedMeasurements& imported, const std::string& path, const std::string& message)
{
    imported.warnings.push_back({ Diagnostic::Severity::Warning, message, path });
}

/// Latencies in ms make achieved_flops ≈ flops / (mean · 1e-3); the median ratio over the subgraphs is ~1 (a bit
/// above: the file averages per-sample rates). A ratio near 1000 or 0.001 means seconds or microseconds.
Status checkMilliseconds(const std::vector<double>& ratios, const std::string& path)
{
    if (ratios.empty())
        return Ok {};
    std::vector<double> sorted = ratios;
    std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
    const double median = sorted[sorted.size() / 2];
    if (median > 0.5 && median < 4)
        return Ok {};
    std::ostringstream text;
    text << "$.subgraphs[*].measured_latency does not look like milliseconds: read as ms, the latencies give "
         << 1 / median << " times achieved_flops (1 expected; 1000 means seconds, 0.001 microseconds)";
    return Error { ErrorCode::InvalidData, text.str(), path };
}

std::string parseMessage(const json::exception& e)
{
    std::string what = e.what();
    if (const auto p = what.find("] "); p != std::string::npos)
        what = what.substr(p + 2);
    if (what.find("invalid literal") != std::string::npos)
        what += " (JSON has no NaN or Infinity: a measurement must be a number)";
    return "not valid JSON: " + what;
}

} // namespace

Result<ImportedMeasurements> importSchema2Json(
    const std::string& path, const std::string& text, const MeasurementImportOptions& options)
{
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) { // parse_error, and out_of_range for a number beyond double (1e999)
        return Error { ErrorCode::ParseFailed, parseMessage(e), path };
    }
    JsonFields f(path);
    if (!doc.is_object())
        return Error { ErrorCode::InvalidData, "$ is not a JSON object", path };
    const json* version = f.member(doc, "$", "schema_version", true);
    if (!version)
        return Error { ErrorCode::InvalidData,
            "$.schema_version is missing: only schema-2.0 measurement JSON can be imported", path };
    const std::string v = version->is_string() ? version->get<std::string>() : version->dump();
    if (v != "2.0" && v != "2")
        return Error { ErrorCode::Unsupported, "$.schema_version '" + v + "' is not supported (2.0 is)", path };

    ImportedMeasurements imported;
    imported.format = MeasurementFormat::Schema2Json;
    imported.runtime = "pytorch";
    const std::string model = f.text(doc, "$", "model", true);
    ImportProvenance& p = imported.provenance;
    p.upstreamHardware = f.text(doc, "$", "hardware_id", options.hardwareId.empty());
    p.device = lowerCase(f.text(doc, "$", "device", false));
    p.device = p.device.substr(0, p.device.find(':')); // "cuda:0" → "cuda"
    p.thermalProfile = f.text(doc, "$", "thermal_profile", false);
    p.date = f.text(doc, "$", "measurement_date", false);
    p.toolVersion = f.text(doc, "$", "tool_version", false);
    const std::string precision = lowerCase(f.text(doc, "$", "precision", true));
    const auto batch = f.count(doc, "$", "batch_size", false);
    const json* subgraphs = f.member(doc, "$", "subgraphs", true);
    if (f.error())
        return *f.error();
    if (!subgraphs->is_array())
        return Error { ErrorCode::InvalidData, "$.subgraphs is not an array", path };
    if (model.empty() || precision.empty())
        return Error { ErrorCode::InvalidData, model.empty() ? "$.model is empty" : "$.precision is empty", path };
    auto hardware = resolveHardware(options, p.upstreamHardware, p.device, path);
    if (!hardware)
        return hardware.error();
    imported.hardwareId = *hardware;
    imported.environment.date = p.date;
    imported.environment.toolVersion = p.toolVersion;

    LatencyFields seen;
    std::vector<double> unitRatios;
    std::map<int64_t, size_t> ids;
    for (size_t i = 0; i < subgraphs->size(); ++i) {
        const json& sg = (*subgraphs)[i];
        const std::string at = "$.subgraphs[" + std::to_string(i) + "]";
        const auto id = f.number(sg, at, "subgraph_id", true);
        const json* measured = f.member(sg, at, "measured_latency", true);
        if (f.error())
            return *f.error();
        if (*id < 0 || *id != std::floor(*id))
            return Error { ErrorCode::InvalidData, at + ".subgraph_id must be a whole number >= 0", path };
        const auto [previous, fresh] = ids.emplace(static_cast<int64_t>(*id), i);
        if (!fresh)
            return Error { ErrorCode::InvalidData,
                at + ".subgraph_id " + std::to_string(previous->first) + " repeats $.subgraphs["
                    + std::to_string(previous->second) + "]",
                path };
        MeasurementRecord r;
        r.date = p.date;
        r.benchmark = model + "/sg" + std::to_string(previous->first);
        r.kind = MeasurementKind::Subgraph;
        r.batch = batch.value_or(1);
        r.precision = precision;
        readLatency(f, *measured, at + ".measured_latency", r, seen);
        r.flops = f.positive(sg, at, "flops", false, true).value_or(-1);
        r.bytes = f.positive(sg, at, "total_bytes", false, true).value_or(-1);
        r.detail = subgraphDetail(f, sg, at);
        const auto achieved = f.positive(sg, at, "achieved_flops", false, true);
        if (f.error())
            return *f.error();
        if (achieved && *achieved > 0 && r.flops > 0)
            unitRatios.push_back(*achieved * r.meanMs * 1e-3 / r.flops);
        imported.records.push_back(std::move(r));
    }
    if (auto ms = checkMilliseconds(unitRatios, path); !ms)
        return ms.error();

    if (!seen.hadMedian)
        warn(imported, path,
            "measured_latency gives no median: median_ms holds the mean, and the interval columns the mean's "
            "95% interval");
    if (!seen.hadP90)
        warn(imported, path, "measured_latency gives no p90: p90_ms is left empty (unknown)");
    if (seen.intervalDropped)
        warn(imported, path, "some 95% intervals reach zero or below: left empty (unknown) for those subgraphs");
    if (!batch)
        warn(imported, path, "$.batch_size is missing: batch 1 assumed");
    if (p.device == "cpu" && (precision == "fp16" || precision == "bf16"))
        warn(imported, path,
            precision
                + " measured on a CPU: PyTorch emulates half precision where the CPU has no native support, "
                  "so these latencies can be far above fp32's and say little about the hardware");

    // A whole-model latency becomes a workload record only when the file measured one; model_summary's total is
    // the sum of the subgraph means, which is not a measurement of the whole model (launch gaps, overlap).
    if (const json* summary = f.member(doc, "$", "model_summary", false)) {
        double sum = 0;
        for (const MeasurementRecord& r : imported.records)
            sum += r.meanMs;
        const auto total = f.number(*summary, "$.model_summary", "total_latency_ms", false);
        if (const json* whole = f.member(*summary, "$.model_summary", "measured_latency", false)) {
            MeasurementRecord r;
            r.date = p.date;
            r.benchmark = model;
            r.kind = MeasurementKind::Workload;
            r.batch = batch.value_or(1);
            r.precision = precision;
            readLatency(f, *whole, "$.model_summary.measured_latency", r, seen);
            r.flops = f.positive(*summary, "$.model_summary", "total_flops", false, true).value_or(-1);
            r.bytes = f.positive(*summary, "$.model_summary", "total_bytes", false, true).value_or(-1);
            imported.records.push_back(std::move(r));
        } else if (total && std::abs(*total - sum) <= 1e-6 * std::max(1.0, sum)) {
            warn(imported, path,
                "$.model_summary.total_latency_ms is the sum of the subgraph means, not a whole-model measurement: "
                "no workload record");
        } else if (total) {
            warn(imported, path,
                "$.model_summary.total_latency_ms comes without samples, minimum or spread: no workload record");
        }
        if (f.error())
            return *f.error();
    }
    return imported;
}

} // namespace graphs::importing
