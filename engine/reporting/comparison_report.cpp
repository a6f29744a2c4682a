#include "reporting/comparison_report.h"

#include "reporting/json_builders.h"
#include "reporting/number_format.h"

#include <algorithm>
#include <sstream>

namespace graphs {

namespace {

bool sameConfidence(const std::vector<ComparisonRow>& rows)
{
    return std::all_of(rows.begin(), rows.end(), [&](const ComparisonRow& r) {
        return r.summary.latency.confidence == rows.front().summary.latency.confidence;
    });
}

/// "THEORETICAL" (after `prefix`) when every row's latency has one confidence; otherwise which hardware × precision
/// has which: "latency CALIBRATED on nvidia-jetson-agx-orin-64gb-gpu fp16, INTERPOLATED on …, THEORETICAL elsewhere".
std::string confidenceNote(const std::vector<ComparisonRow>& rows, const std::string& prefix)
{
    if (rows.empty())
        return prefix;
    if (sameConfidence(rows))
        return prefix + std::string(confidenceName(rows.front().summary.latency.confidence));
    std::vector<std::pair<Confidence, std::string>> listed; // by confidence, then as the rows come
    bool theoretical = false;
    for (const ComparisonRow& r : rows) {
        const Confidence c = r.summary.latency.confidence;
        if (c == Confidence::Theoretical) {
            theoretical = true;
            continue;
        }
        std::pair<Confidence, std::string> item { c,
            std::string(confidenceName(c)) + " on " + r.hardwareId + " " + std::string(precisionName(r.precision)) };
        if (std::find(listed.begin(), listed.end(), item) == listed.end())
            listed.push_back(std::move(item));
    }
    std::stable_sort(listed.begin(), listed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string text = "latency ";
    for (size_t i = 0; i < listed.size(); ++i)
        text += (i ? ", " : "") + listed[i].second;
    return text + (theoretical ? ", THEORETICAL elsewhere" : "");
}

std::string withBound(const EstimationResult& e, int decimals)
{
    return fixed(e.value, decimals) + " ±" + fixed(e.errorBoundPct, 0) + "%";
}

} // namespace

std::string renderComparison(const std::vector<ComparisonRow>& rows, ReportFormat format)
{
    std::ostringstream out;
    switch (format) {
    case ReportFormat::Json: {
        nlohmann::json list = nlohmann::json::array();
        for (const ComparisonRow& r : rows) {
            list.push_back({ { "model", r.model }, { "hardware", r.hardwareId }, { "hardware_name", r.hardwareName },
                { "batch", r.batch }, { "precision", std::string(precisionName(r.precision)) },
                { "latency_ms", reporting::estimationResultJson(r.summary.latency) },
                { "throughput_per_s", reporting::estimationResultJson(r.summary.throughput) },
                { "energy_mj", reporting::estimationResultJson(r.summary.energy) },
                { "peak_memory_mb", reporting::estimationResultJson(r.summary.peakMemory) },
                { "bottleneck", std::string(bottleneckName(r.summary.bottleneck)) }, { "pareto", r.pareto } });
        }
        return list.dump(2) + "\n";
    }
    case ReportFormat::Csv:
        out << "model,hardware,batch,precision,latency_ms,latency_bound_pct,throughput_per_s,energy_mj,"
               "energy_bound_pct,peak_memory_mb,bottleneck,confidence,pareto\n";
        for (const ComparisonRow& r : rows) {
            out << r.model << ',' << r.hardwareId << ',' << r.batch << ',' << precisionName(r.precision) << ','
                << fixed(r.summary.latency.value, 6) << ',' << fixed(r.summary.latency.errorBoundPct, 1) << ','
                << fixed(r.summary.throughput.value, 3) << ',' << fixed(r.summary.energy.value, 6) << ','
                << fixed(r.summary.energy.errorBoundPct, 1) << ',' << fixed(r.summary.peakMemory.value, 3) << ','
                << bottleneckName(r.summary.bottleneck) << ',' << confidenceName(r.summary.latency.confidence) << ','
                << (r.pareto ? "yes" : "no") << '\n';
        }
        return out.str();
    case ReportFormat::Markdown:
        out << "| model | hardware | batch | precision | latency (ms) | throughput (/s) | energy (mJ) | memory (MB) | "
               "bottleneck | Pareto |\n|---|---|---:|---|---:|---:|---:|---:|---|---|\n";
        for (const ComparisonRow& r : rows) {
            out << "| " << r.model << " | " << r.hardwareId << " | " << r.batch << " | " << precisionName(r.precision)
                << " | " << withBound(r.summary.latency, 3) << " | " << fixed(r.summary.throughput.value, 1) << " | "
                << withBound(r.summary.energy, 3) << " | " << fixed(r.summary.peakMemory.value, 1) << " | "
                << bottleneckName(r.summary.bottleneck) << " | " << (r.pareto ? "**yes**" : "") << " |\n";
        }
        out << "\n" << confidenceNote(rows, "All figures ")
            << "; Pareto: no other hardware is both faster and more frugal for the same model and batch.\n";
        return out.str();
    case ReportFormat::Text:
        break;
    }
    out << padRight("model", 22) << padRight("hardware", 28) << padLeft("batch", 6) << "  " << padRight("prec", 5)
        << padLeft("latency ms", 18) << padLeft("samples/s", 12) << padLeft("energy mJ", 18)
        << padLeft("mem MB", 9) << "  " << padRight("bound", 9) << "pareto\n";
    for (const ComparisonRow& r : rows) {
        out << padRight(r.model, 22) << padRight(r.hardwareId, 28) << padLeft(std::to_string(r.batch), 6) << "  "
            << padRight(std::string(precisionName(r.precision)), 5) << padLeft(withBound(r.summary.latency, 3), 18)
            << padLeft(fixed(r.summary.throughput.value, 1), 12) << padLeft(withBound(r.summary.energy, 3), 18)
            << padLeft(fixed(r.summary.peakMemory.value, 1), 9) << "  "
            << padRight(std::string(bottleneckName(r.summary.bottleneck)), 9) << (r.pareto ? "*" : "") << '\n';
    }
    if (!rows.empty())
        out << "\n" << confidenceNote(rows, "") << (sameConfidence(rows) ? " estimates" : "")
            << "; * marks the latency/energy Pareto front per model and batch.\n";
    return out.str();
}

} // namespace graphs
