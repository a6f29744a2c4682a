#include "validation/accuracy_report.h"

#include "reporting/number_format.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <sstream>

namespace graphs {

namespace {

/// A time with the unit that keeps it readable: "12.345 ms", "3.210 µs".
std::string duration(double seconds)
{
    const double a = std::fabs(seconds);
    if (a >= 1)
        return fixed(seconds, 3) + " s";
    if (a >= 1e-3)
        return fixed(seconds * 1e3, 3) + " ms";
    if (a >= 1e-6)
        return fixed(seconds * 1e6, 3) + " µs";
    return fixed(seconds * 1e9, 3) + " ns";
}

std::string signedPct(double pct)
{
    return (pct > 0 ? "+" : "") + fixed(pct, 1) + " %";
}

std::string share(double fraction)
{
    return fixed(fraction * 100, 0) + " %";
}

/// Full precision for files read by programs, short enough for people ("0.0123", "1.5e-06").
std::string number(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", v);
    return buffer;
}

/// A Markdown table cell: '|' would end the cell and a line break the row.
std::string cell(const std::string& text)
{
    std::string out;
    for (char c : text) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n' || c == '\r')
            out += ' ';
        else
            out += c;
    }
    return out;
}

std::string summaryLine(const std::string& title, const AccuracySummary& s)
{
    std::string line = "- **" + title + "** (" + std::to_string(s.count) + "): MAPE " + fixed(s.mapePct, 1)
        + " %, median " + fixed(s.medianAbsPct, 1) + " %, worst " + fixed(s.worstAbsPct, 1) + " % ("
        + cell(s.worstLabel) + "), within ±" + fixed(s.withinPct, 0) + " %: " + share(s.withinShare) + ", Spearman "
        + (s.spearman ? fixed(*s.spearman, 3) : std::string("n/a (fewer than 3 points or no spread)"))
        + ", bound coverage "
        + (s.boundCoverage
                ? share(*s.boundCoverage) + " (" + std::to_string(s.pointsWithBound) + " with a bound)"
                : std::string("n/a (no point states a bound)"));
    if (s.usedInCalibration > 0)
        line += ", **" + std::to_string(s.usedInCalibration) + " used in calibration**";
    return line + "\n";
}

nlohmann::json summaryJson(const std::optional<AccuracySummary>& s)
{
    using nlohmann::json;
    if (!s)
        return nullptr;
    return {
        { "count", s->count },
        { "mape_pct", s->mapePct },
        { "median_abs_pct", s->medianAbsPct },
        { "worst_abs_pct", s->worstAbsPct },
        { "worst_point", s->worstLabel },
        { "within_pct", s->withinPct },
        { "within_share", s->withinShare },
        { "spearman", s->spearman ? json(*s->spearman) : json(nullptr) },
        { "points_with_bound", s->pointsWithBound },
        { "bound_coverage", s->boundCoverage ? json(*s->boundCoverage) : json(nullptr) },
        { "used_in_calibration", s->usedInCalibration },
    };
}

} // namespace

std::string accuracyMarkdown(const AccuracyAnalysis& analysis)
{
    std::ostringstream out;
    out << "# Estimate accuracy\n\n";
    const AccuracySummary& all = analysis.all;
    if (all.usedInCalibration > 0) {
        out << "> **WARNING: " << all.usedInCalibration << " of " << all.count
            << " points were also used in calibration.** Their errors are in-sample and flatter the estimates; "
               "judge accuracy on the other points.\n\n";
    }
    out << "| model | item | measured | estimated | error | bound | inside | confidence | in calibration |\n"
        << "|---|---|---:|---:|---:|---:|---|---|---|\n";
    for (size_t i = 0; i < analysis.points.size() && i < analysis.accuracy.size(); ++i) {
        const ValidationPoint& p = analysis.points[i];
        const PointAccuracy& a = analysis.accuracy[i];
        out << "| " << cell(p.model) << " | " << cell(p.item) << " | " << duration(p.measuredSeconds) << " | "
            << duration(p.estimatedSeconds) << " | " << signedPct(a.errorPct) << " | "
            << (p.errorBoundPct ? "±" + fixed(*p.errorBoundPct, 1) + " %" : std::string()) << " | "
            << (a.insideBound ? (*a.insideBound ? "yes" : "**no**") : "") << " | " << cell(p.confidence) << " | "
            << (p.usedInCalibration ? "**yes**" : "") << " |\n";
    }
    out << "\n## Summary\n\n" << summaryLine("All points", all);
    if (analysis.wholeModel)
        out << summaryLine("Whole models", *analysis.wholeModel);
    if (analysis.items)
        out << summaryLine("Items (subgraphs, nodes)", *analysis.items);
    return out.str();
}

std::string accuracyCsv(const AccuracyAnalysis& analysis)
{
    std::string out = "model,item,measured_s,estimated_s,abs_error_s,error_pct,error_bound_pct,inside_bound,"
                      "confidence,used_in_calibration\n";
    for (size_t i = 0; i < analysis.points.size() && i < analysis.accuracy.size(); ++i) {
        const ValidationPoint& p = analysis.points[i];
        const PointAccuracy& a = analysis.accuracy[i];
        out += csvField(p.model) + "," + csvField(p.item) + "," + number(p.measuredSeconds) + ","
            + number(p.estimatedSeconds) + "," + number(a.absoluteErrorSeconds) + "," + number(a.errorPct) + ","
            + (p.errorBoundPct ? number(*p.errorBoundPct) : std::string()) + ","
            + (a.insideBound ? (*a.insideBound ? "true" : "false") : "") + "," + csvField(p.confidence) + ","
            + (p.usedInCalibration ? "true" : "false") + "\n";
    }
    return out;
}

std::string accuracyJson(const AccuracyAnalysis& analysis)
{
    using nlohmann::json;
    json points = json::array();
    for (size_t i = 0; i < analysis.points.size() && i < analysis.accuracy.size(); ++i) {
        const ValidationPoint& p = analysis.points[i];
        const PointAccuracy& a = analysis.accuracy[i];
        points.push_back({
            { "model", p.model },
            { "item", p.item },
            { "measured_s", p.measuredSeconds },
            { "estimated_s", p.estimatedSeconds },
            { "abs_error_s", a.absoluteErrorSeconds },
            { "error_pct", a.errorPct },
            { "error_bound_pct", p.errorBoundPct ? json(*p.errorBoundPct) : json(nullptr) },
            { "inside_bound", a.insideBound ? json(*a.insideBound) : json(nullptr) },
            { "confidence", p.confidence },
            { "used_in_calibration", p.usedInCalibration },
        });
    }
    const json doc = {
        { "used_in_calibration", analysis.all.usedInCalibration },
        { "points", points },
        { "summary",
            { { "all", summaryJson(analysis.all) }, { "whole_model", summaryJson(analysis.wholeModel) },
                { "items", summaryJson(analysis.items) } } },
    };
    // Replace invalid UTF-8 in names rather than throw: a report must not fail on a model's odd node name.
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace graphs
