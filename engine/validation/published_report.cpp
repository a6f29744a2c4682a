#include "validation/published_report.h"

#include "reporting/number_format.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace graphs {

namespace {

std::string hardwareText(const PublishedRow& row)
{
    std::string out;
    for (const PublishedPart& p : row.hardware)
        out += (out.empty() ? "" : "+") + (p.count > 1 ? std::to_string(p.count) + "*" : std::string()) + p.hardwareId;
    return out;
}

std::string signedPct(double pct)
{
    return (pct > 0 ? "+" : "") + fixed(pct, 1) + "%";
}

std::string valueText(double v, const std::string& unit)
{
    return unit == "ms" ? fixed(v, 3) + " ms" : fixed(v, v >= 100 ? 0 : 1) + " samples/s";
}

std::string optionalNumber(const std::optional<double>& v, int decimals)
{
    return v ? fixed(*v, decimals) : std::string();
}

} // namespace

std::string publishedMarkdown(const PublishedValidation& v)
{
    const PublishedSummary& s = v.summary;
    std::ostringstream out;
    out << "## Summary\n\n";
    out << "- rows estimated: " << s.rows << " (skipped: " << s.skipped << ")\n";
    if (s.rows > 0) {
        out << "- MAPE: " << fixed(s.mapePct, 1) << "%, median " << fixed(s.medianAbsPct, 1) << "%\n";
        out << "- within ±25%: " << fixed(100 * s.within25Share, 0) << "% of rows; within ±15%: "
            << fixed(100 * s.within15Share, 0) << "%\n";
        for (const auto& [scenario, bias] : s.biasByScenario)
            out << "- bias, " << scenario << ": " << signedPct(bias) << " (mean signed error)\n";
        for (const auto& [benchmark, mape] : s.mapeByBenchmark)
            out << "- MAPE, " << benchmark << ": " << fixed(mape, 1) << "%\n";
    }
    if (s.energyRows > 0)
        out << "- energy per sample: " << s.energyRows << " rows compared, MAPE " << fixed(s.energyMapePct, 1)
            << "%, within ±25%: " << fixed(100 * s.energyWithin25Share, 0) << "%\n";
    out << "\n## Rows\n\n";
    out << "| round | system | hardware | benchmark | scenario | batch | published | estimate | error |\n";
    out << "|---|---|---|---|---|---:|---:|---:|---:|\n";
    for (const PublishedEstimate& e : v.estimates) {
        if (!e.estimated)
            continue;
        const PublishedRow& r = e.row;
        const std::string perAccelerator = r.offline() && r.accelerators > 1
            ? " (÷" + std::to_string(r.accelerators) + ")" : std::string();
        out << "| " << r.round << " | " << r.submitter << " " << r.system << " | " << hardwareText(r) << " | "
            << r.benchmark << " | " << r.scenario << " | " << e.batch << (e.batchRule == "throughput-optimal" ? "*" : "")
            << " | " << valueText(e.measured, r.unit) << perAccelerator << " | " << valueText(e.estimate, r.unit)
            << " ±" << fixed(e.boundPct, 0) << "%" << (e.powerLimited ? " ⚡" : "") << " | " << signedPct(e.errorPct)
            << " |\n";
    }
    out << "\n`*` throughput-optimal batch (none published); `⚡` the modelled power reached the entry's limit and "
           "clocks were lowered.\n";
    bool energyHeader = false;
    for (const PublishedEstimate& e : v.estimates) {
        if (!e.estimated || !e.measuredEnergyJoules)
            continue;
        if (!energyHeader) {
            out << "\n## Energy per sample (MLPerf Power)\n\n";
            out << "| round | system | benchmark | scenario | measured | estimate | error | note |\n";
            out << "|---|---|---|---|---:|---:|---:|---|\n";
            energyHeader = true;
        }
        const PublishedRow& r = e.row;
        out << "| " << r.round << " | " << r.submitter << " " << r.system << " | " << r.benchmark << " | "
            << r.scenario << " | " << fixed(*e.measuredEnergyJoules * 1e3, 2) << " mJ | "
            << (e.estimatedEnergyJoules ? fixed(*e.estimatedEnergyJoules * 1e3, 2) + " mJ" : std::string("-"))
            << " | " << (e.energyErrorPct ? signedPct(*e.energyErrorPct) : std::string("-")) << " | " << e.energyNote
            << " |\n";
    }
    bool skippedHeader = false;
    for (const PublishedEstimate& e : v.estimates) {
        if (e.estimated)
            continue;
        if (!skippedHeader) {
            out << "\n## Not estimated\n\n";
            skippedHeader = true;
        }
        out << "- " << e.row.label() << ": " << e.skipped << "\n";
    }
    return out.str();
}

std::string publishedCsv(const PublishedValidation& v)
{
    std::ostringstream out;
    out << "round,submitter,system,accelerator,accelerators,benchmark,scenario,hardware_id,runtime,precision,batch,"
           "batch_rule,published,estimate,unit,error_pct,error_bound_pct,power_limited,estimated_w,measured_energy_j,"
           "estimated_energy_j,energy_error_pct,skipped,source\n";
    for (const PublishedEstimate& e : v.estimates) {
        const PublishedRow& r = e.row;
        out << csvField(r.round) << ',' << csvField(r.submitter) << ',' << csvField(r.system) << ','
            << csvField(r.accelerator) << ',' << r.accelerators << ',' << csvField(r.benchmark) << ','
            << csvField(r.scenario) << ',' << csvField(hardwareText(r)) << ',';
        if (e.estimated) {
            out << e.runtime << ',' << precisionName(e.precision) << ',' << e.batch << ',' << e.batchRule << ','
                << fixed(e.measured, 6) << ',' << fixed(e.estimate, 6) << ',' << r.unit << ',' << fixed(e.errorPct, 2)
                << ',' << fixed(e.boundPct, 1) << ',' << (e.powerLimited ? "true" : "false") << ','
                << fixed(e.estimatedWatts, 2) << ',' << optionalNumber(e.measuredEnergyJoules, 6) << ','
                << optionalNumber(e.estimatedEnergyJoules, 6) << ',' << optionalNumber(e.energyErrorPct, 2) << ",,";
        } else {
            out << ",,,," << fixed(e.measured, 6) << ",," << r.unit << ",,,,,,,," << csvField(e.skipped) << ',';
        }
        out << csvField(r.source) << '\n';
    }
    return out.str();
}

std::string publishedJson(const PublishedValidation& v)
{
    using nlohmann::json;
    const PublishedSummary& s = v.summary;
    json bias = json::object();
    for (const auto& [scenario, b] : s.biasByScenario)
        bias[scenario] = b;
    json byBenchmark = json::object();
    for (const auto& [benchmark, m] : s.mapeByBenchmark)
        byBenchmark[benchmark] = m;
    json summary = { { "rows", s.rows }, { "skipped", s.skipped }, { "mape_pct", s.mapePct },
        { "median_abs_pct", s.medianAbsPct }, { "within_25_share", s.within25Share },
        { "within_15_share", s.within15Share }, { "bias_by_scenario_pct", bias }, { "mape_by_benchmark_pct", byBenchmark },
        { "energy_rows", s.energyRows }, { "energy_mape_pct", s.energyRows ? json(s.energyMapePct) : json() },
        { "energy_within_25_share", s.energyRows ? json(s.energyWithin25Share) : json() } };
    json rows = json::array();
    auto opt = [](const std::optional<double>& x) { return x ? json(*x) : json(); };
    for (const PublishedEstimate& e : v.estimates) {
        const PublishedRow& r = e.row;
        json row = { { "round", r.round }, { "submitter", r.submitter }, { "system", r.system },
            { "accelerator", r.accelerator }, { "accelerators", r.accelerators }, { "benchmark", r.benchmark },
            { "scenario", r.scenario }, { "hardware_id", hardwareText(r) }, { "unit", r.unit },
            { "published", e.measured }, { "source", r.source }, { "line", r.line } };
        if (e.estimated) {
            row.update({ { "runtime", e.runtime }, { "precision", std::string(precisionName(e.precision)) },
                { "batch", e.batch }, { "batch_rule", e.batchRule }, { "estimate", e.estimate },
                { "error_pct", e.errorPct }, { "error_bound_pct", e.boundPct }, { "power_limited", e.powerLimited },
                { "estimated_w", e.estimatedWatts }, { "measured_energy_j", opt(e.measuredEnergyJoules) },
                { "estimated_energy_j", opt(e.estimatedEnergyJoules) }, { "energy_error_pct", opt(e.energyErrorPct) },
                { "energy_note", e.energyNote }, { "skipped", nullptr } });
        } else {
            row["skipped"] = e.skipped;
        }
        rows.push_back(row);
    }
    return json { { "summary", summary }, { "rows", rows } }.dump(2) + "\n";
}

} // namespace graphs
