#include "reporting/measurement_report.h"

#include "reporting/number_format.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace graphs {

namespace {

const auto pad = column;

/// Work per second of a row, as text: FLOP/s when its FLOPs are known, else bytes/s; "" when neither is.
std::string rate(const MeasurementRecord& r)
{
    if (r.medianMs <= 0)
        return {};
    const double seconds = r.medianMs / 1000;
    std::string text;
    if (r.flops > 0)
        text = humanCount(r.flops / seconds) + "FLOP/s";
    if (r.bytes > 0)
        text += (text.empty() ? "" : ", ") + humanBytes(r.bytes / seconds) + "/s";
    return text;
}

void table(std::ostringstream& out, const std::vector<const MeasurementRecord*>& rows, bool roofs)
{
    size_t nameWidth = 10;
    for (const MeasurementRecord* r : rows)
        nameWidth = std::max(nameWidth, r->benchmark.size() + (r->materializedWeights ? 3 : 2));
    if (roofs) {
        out << pad("benchmark", nameWidth) << pad("threads", 8) << "rate\n";
        for (const MeasurementRecord* r : rows)
            out << pad(r->benchmark, nameWidth) << pad(std::to_string(r->threads), 8) << rate(*r) << '\n';
        return;
    }
    out << pad("benchmark", nameWidth) << pad("runtime", 19) << pad("threads", 8) << pad("batch", 6)
        << pad("samples", 8) << pad("median ms", 11) << pad("95% CI of median", 22) << "rate\n";
    for (const MeasurementRecord* r : rows) {
        out << pad(r->benchmark + (r->materializedWeights ? "*" : ""), nameWidth)
            << pad(r->runtime + " " + r->runtimeVersion, 19) << pad(std::to_string(r->threads), 8)
            << pad(std::to_string(r->batch), 6) << pad(std::to_string(r->samples), 8) << pad(fixed(r->medianMs, 4), 11)
            << pad("[" + fixed(r->ciLowMs, 4) + ", " + fixed(r->ciHighMs, 4) + "]", 22) << rate(*r) << '\n';
    }
}

} // namespace

std::string measurementsText(const std::vector<MeasurementRecord>& records)
{
    std::ostringstream out;
    bool materialized = false;
    for (MeasurementKind kind : { MeasurementKind::Roof, MeasurementKind::Operator, MeasurementKind::Workload }) {
        std::vector<const MeasurementRecord*> rows;
        for (const MeasurementRecord& r : records) {
            if (r.kind == kind)
                rows.push_back(&r);
            materialized = materialized || r.materializedWeights;
        }
        if (rows.empty())
            continue;
        if (out.tellp() > 0)
            out << '\n';
        out << (kind == MeasurementKind::Roof ? "hardware roofs" : kind == MeasurementKind::Operator ? "operators" : "models")
            << '\n';
        table(out, rows, kind == MeasurementKind::Roof);
    }
    if (materialized)
        out << "* weights absent from the model file: measured with deterministic random weights\n";
    return out.str();
}

std::string measurementsJson(const std::vector<MeasurementRecord>& records, const std::vector<BenchmarkResult>& results,
    const EnvironmentFingerprint& env, const std::string& suite)
{
    using nlohmann::json;
    json rows = json::array();
    for (const MeasurementRecord& r : records) {
        json row = { { "benchmark", r.benchmark }, { "kind", std::string(measurementKindName(r.kind)) }, { "runtime", r.runtime },
            { "runtime_version", r.runtimeVersion }, { "precision", r.precision }, { "batch", r.batch },
            { "threads", r.threads }, { "warmup", r.warmup }, { "pinned", r.pinned }, { "samples", r.samples },
            { "min_ms", r.minMs }, { "median_ms", r.medianMs }, { "mean_ms", r.meanMs }, { "std_ms", r.stdMs },
            { "p90_ms", r.p90Ms }, { "median_ci95_ms", { r.ciLowMs, r.ciHighMs } }, { "shape", r.shape },
            { "detail", r.detail }, { "materialized_weights", r.materializedWeights },
            { "flops", r.flops >= 0 ? json(r.flops) : json(nullptr) },
            { "bytes", r.bytes >= 0 ? json(r.bytes) : json(nullptr) },
            { "energy_j", r.energyJ ? json(*r.energyJ) : json(nullptr) },
            { "power_sensor", r.powerSensor.empty() ? json(nullptr) : json(r.powerSensor) } };
        rows.push_back(std::move(row));
    }
    json doc = json::parse(benchmarkResultsJson(results, env));
    doc["suite"] = suite;
    doc["measurements"] = std::move(rows);
    return doc.dump(2) + "\n";
}

} // namespace graphs
