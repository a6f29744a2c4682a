#include "reporting/calibration_report.h"

#include "hardware/mapper.h"
#include "reporting/number_format.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace graphs {

namespace {

std::string percent(double fraction)
{
    return (fraction >= 0 ? "+" : "") + fixed(fraction * 100, 1) + "%";
}

std::string rateText(double flops)
{
    return fixed(flops / 1e9, 0) + " GFLOP/s";
}

std::string bandwidthText(double bytesPerSecond)
{
    return fixed(bytesPerSecond / 1e9, 1) + " GB/s";
}

/// A coefficient in the unit a reader expects: scales as ×, fixed costs in µs, per-element costs in ns.
std::string coefficientText(const std::string& key, double value)
{
    const std::string unit = termUnit(key);
    if (value == 0)
        return "0";
    if (unit == "×")
        return fixed(value, 3);
    if (unit == "s/kernel")
        return fixed(value * 1e6, 2) + " µs";
    if (unit == "s/byte")
        return value > 0 ? fixed(1 / value / 1e9, 2) + " GB/s" : "-";
    return fixed(value * 1e9, 4) + " ns";
}

struct Summary
{
    double mape = 0;
    double median = 0;
    double worst = 0;
    std::string worstName;
    size_t within10 = 0;
    size_t inside = 0;
    size_t count = 0;
};

Summary summarize(const std::vector<HeldOutGroup>& groups)
{
    Summary s;
    std::vector<double> errors;
    for (const HeldOutGroup& g : groups) {
        const double e = std::abs(g.error());
        errors.push_back(e);
        s.mape += e;
        if (e > s.worst) {
            s.worst = e;
            s.worstName = g.group;
        }
        s.within10 += e <= 0.10 ? 1 : 0;
        s.inside += g.insideBound() ? 1 : 0;
    }
    s.count = errors.size();
    if (s.count == 0)
        return s;
    s.mape /= static_cast<double>(s.count);
    std::sort(errors.begin(), errors.end());
    const size_t n = errors.size();
    s.median = n % 2 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
    return s;
}

std::set<std::string> classesOf(const LatencyModel& model)
{
    std::set<std::string> classes;
    for (const auto& [key, value] : model.coefficients) {
        const auto colon = key.find(':');
        if (colon != std::string::npos && key.substr(0, colon) != "run")
            classes.insert(key.substr(0, colon));
    }
    return classes;
}

} // namespace

bool HeldOutGroup::insideBound() const
{
    return std::abs(error()) * 100 <= boundPct;
}

std::vector<HeldOutGroup> heldOutGroups(const Calibration& c)
{
    std::map<std::string, HeldOutGroup> byGroup;
    for (const HeldOutPrediction& h : c.heldOut) {
        const TrainingPoint& p = c.points[h.point];
        HeldOutGroup& g = byGroup[p.group];
        g.group = p.group;
        g.measuredSeconds += p.measuredSeconds;
        g.theoreticalSeconds += p.features.theoreticalSeconds;
        g.predictedSeconds += h.predictedSeconds;
        g.boundPct = h.boundPct;
        ++g.points;
    }
    std::vector<HeldOutGroup> groups;
    for (auto& [name, g] : byGroup)
        groups.push_back(std::move(g));
    return groups;
}

std::string calibrationText(const Calibration& c, const HardwareSpec& spec)
{
    const CalibrationProfile& p = c.profile;
    std::ostringstream out;
    std::set<std::string> groups;
    size_t ungrouped = 0;
    for (const TrainingPoint& point : c.points) {
        if (point.group.empty())
            ++ungrouped;
        else
            groups.insert(point.group);
    }
    out << "calibration of " << p.hardware << " × " << p.runtime << " (" << precisionName(p.precision) << ") from "
        << c.points.size() << " measurements: " << ungrouped << " operators, " << c.points.size() - ungrouped
        << " points of " << groups.size() << " models\n\n";

    out << "roofs (" << c.roofs.source << ")\n";
    out << "  " << column("vector peak", 14) << column(rateText(c.roofs.vectorPeak), 16) << "specification "
        << rateText(mapping::vectorPeak(spec, p.precision)) << '\n';
    out << "  " << column("matrix peak", 14) << column(rateText(c.roofs.matrixPeak), 16) << "specification "
        << rateText(mapping::matrixPeak(spec, p.precision)) << '\n';
    if (!c.roofs.bandwidth.empty()) {
        out << "  " << column("bandwidth", 14);
        for (size_t i = 0; i < c.roofs.bandwidth.size(); ++i)
            out << (i ? ", " : "") << bandwidthText(c.roofs.bandwidth[i].bytesPerSecond) << " at "
                << humanBytes(c.roofs.bandwidth[i].workingSetBytes);
        out << '\n';
    }

    if (c.prior)
        out << "\ncoefficients (compute and memory scale the roofs above; pulled towards the calibration of "
            << c.priorFrom << " carried over)\n";
    else
        out << "\ncoefficients (compute and memory scale the roofs above, host the modelled host cost; prior 1, "
               "other terms prior 0)\n";
    out << column("class", 16) << column("compute", 9) << column("memory", 9) << column("host", 8)
        << column("per kernel", 12) << column("per output", 12) << column("per input", 12) << column("per weight", 12) << column("kernels", 8)
        << "FLOPs per kernel\n";
    for (const std::string& cls : classesOf(c.model)) {
        auto cell = [&](const char* term) {
            const std::string key = cls + ":" + term;
            return c.model.coefficients.count(key) ? coefficientText(key, c.model.coefficients.at(key)) : "-";
        };
        const auto range = c.model.covered.find(cls);
        out << column(cls, 16) << column(cell("compute"), 9) << column(cell("memory"), 9) << column(cell("host"), 8)
            << column(cell("kernels"), 12) << column(cell("outputs"), 12) << column(cell("inputs"), 12)
            << column(cell("weights"), 12)
            << column(range == c.model.covered.end() ? "0" : std::to_string(range->second.kernels), 8)
            << (range == c.model.covered.end()
                       ? std::string("-")
                       : humanCount(range->second.minFlops) + "–" + humanCount(range->second.maxFlops))
            << '\n';
    }
    for (const auto& [key, value] : c.model.coefficients)
        if (key.rfind("run:", 0) == 0)
            out << column(key, 16) << coefficientText(key, value)
                << (key == "run:host" ? " (the caller's synchronisation with the device, per call)\n"
                                      : " (graph inputs and outputs copied per call)\n");

    out << "\nfit: R² of log time " << fixed(c.quality.r2Log, 3) << ", rms relative residual "
        << fixed(c.quality.rmsRelativeResidual * 100, 1) << "%, worst " << fixed(c.quality.worstRelativeResidual * 100, 1)
        << "%, " << c.quality.points << " points\n";

    const std::vector<HeldOutGroup> held = heldOutGroups(c);
    if (!held.empty()) {
        out << "\nleave-one-model-out (each model estimated by a fit without it; bound: what that fit would state)\n";
        out << column("model", 30) << padLeft("measured ms", 12) << padLeft("theory ms", 12)
            << padLeft("estimate ms", 12) << padLeft("error", 9) << padLeft("bound", 8) << "  inside\n";
        for (const HeldOutGroup& g : held) {
            const bool workloads = g.theoreticalSeconds > 0;
            const std::string name = workloads && g.points > 1
                ? g.group + " (" + std::to_string(g.points) + " runs)"
                : g.group;
            out << column(name, 30) << padLeft(fixed(g.measuredSeconds * 1e3, 3), 12)
                << padLeft(g.theoreticalSeconds > 0 ? fixed(g.theoreticalSeconds * 1e3, 3) : "-", 12)
                << padLeft(fixed(g.predictedSeconds * 1e3, 3), 12) << padLeft(percent(g.error()), 9)
                << padLeft("±" + fixed(g.boundPct, 0) + "%", 8) << "  " << (g.insideBound() ? "yes" : "no") << '\n';
        }
        const Summary s = summarize(held);
        out << "\nMAPE " << fixed(s.mape * 100, 1) << "%, median " << fixed(s.median * 100, 1) << "%, worst "
            << fixed(s.worst * 100, 1) << "% (" << s.worstName << "), " << s.within10 << " of " << s.count
            << " within ±10%, bounds cover " << s.inside << " of " << s.count << '\n';
    }
    if (c.errorBoundPct > 0)
        out << "error bound stated for models outside the fit: ±" << fixed(c.errorBoundPct, 1) << "% (covers "
            << fixed(p.fit.coverage * 100, 0) << "% of leave-one-model-out errors, split-conformal)\n";
    if (!c.holdOut.empty()) {
        out << "\nheld out of every fit (--hold-out: not fitted, not cross-validated; estimated by the final fit)\n";
        out << column("model", 30) << padLeft("measured ms", 12) << padLeft("estimate ms", 12) << padLeft("error", 9)
            << padLeft("bound", 8) << "  inside\n";
        double sum = 0;
        size_t inside = 0;
        for (const HoldOutModel& h : c.holdOut) {
            out << column(h.group + " (" + std::to_string(h.points) + ")", 30)
                << padLeft(fixed(h.measuredSeconds * 1e3, 3), 12) << padLeft(fixed(h.predictedSeconds * 1e3, 3), 12)
                << padLeft(percent(h.errorPct() / 100), 9) << padLeft("±" + fixed(h.boundPct, 0) + "%", 8) << "  "
                << (h.insideBound() ? "yes" : "no") << '\n';
            sum += std::abs(h.errorPct());
            inside += h.insideBound() ? 1 : 0;
        }
        out << "\nheld-out MAPE " << fixed(sum / static_cast<double>(c.holdOut.size()), 1) << "%, the stated bound covers "
            << inside << " of " << c.holdOut.size() << '\n';
    }
    return out.str();
}

std::string calibrationJson(const Calibration& c, const HardwareSpec& spec)
{
    using nlohmann::json;
    const CalibrationProfile& p = c.profile;
    json coefficients = json::object();
    for (const auto& [key, value] : c.model.coefficients)
        coefficients[key] = { { "value", value }, { "unit", termUnit(key) }, { "prior", c.prior ? c.prior->coefficient(key) : termPrior(key) } };
    json bandwidth = json::array();
    for (const BandwidthPoint& b : c.roofs.bandwidth)
        bandwidth.push_back({ { "working_set_bytes", b.workingSetBytes }, { "bytes_per_second", b.bytesPerSecond } });
    json held = json::array();
    for (const HeldOutGroup& g : heldOutGroups(c))
        held.push_back({ { "model", g.group }, { "measured_ms", g.measuredSeconds * 1e3 },
            { "estimate_ms", g.predictedSeconds * 1e3 }, { "error_pct", g.error() * 100 },
            { "bound_pct", g.boundPct }, { "inside_bound", g.insideBound() } });
    json root = {
        { "hardware", p.hardware },
        { "runtime", p.runtime },
        { "precision", std::string(precisionName(p.precision)) },
        { "points", c.points.size() },
        { "roofs",
            { { "source", c.roofs.source }, { "vector_peak_flops", c.roofs.vectorPeak },
                { "matrix_peak_flops", c.roofs.matrixPeak },
                { "spec_vector_peak_flops", mapping::vectorPeak(spec, p.precision) },
                { "spec_matrix_peak_flops", mapping::matrixPeak(spec, p.precision) }, { "bandwidth", bandwidth } } },
        { "coefficients", coefficients },
        { "fit",
            { { "r2_log", c.quality.r2Log }, { "rms_relative_residual", c.quality.rmsRelativeResidual },
                { "worst_relative_residual", c.quality.worstRelativeResidual } } },
        { "leave_one_model_out", held },
        { "error_bound_pct", c.errorBoundPct },
    };
    if (!c.priorFrom.empty())
        root["prior_from"] = c.priorFrom;
    if (!c.holdOut.empty()) {
        json holdOut = json::array();
        for (const HoldOutModel& h : c.holdOut)
            holdOut.push_back({ { "model", h.group }, { "points", h.points }, { "measured_ms", h.measuredSeconds * 1e3 },
                { "estimate_ms", h.predictedSeconds * 1e3 }, { "error_pct", h.errorPct() },
                { "bound_pct", h.boundPct }, { "inside_bound", h.insideBound() } });
        root["held_out_of_every_fit"] = holdOut;
    }
    return root.dump(2) + "\n";
}

} // namespace graphs
