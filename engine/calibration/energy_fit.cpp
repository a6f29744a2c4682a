#include "calibration/energy_fit.h"

#include "calibration/nnls.h"
#include "reporting/number_format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

namespace graphs {

namespace {

constexpr size_t kCoefficients = 3;

std::string shortNumber(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4g", v);
    return buffer;
}

Error notEnoughData(size_t n)
{
    return Error { ErrorCode::InvalidData,
        "not enough data: " + std::to_string(n) + " point(s) with energy, a fit of " + std::to_string(kCoefficients)
            + " coefficients needs at least " + std::to_string(kCoefficients + 1),
        "energy fit" };
}

Status checkPoints(const std::vector<EnergyPoint>& points)
{
    for (const EnergyPoint& p : points) {
        auto bad = [&](const std::string& what, double v) {
            return Error { ErrorCode::InvalidData,
                "energy point '" + p.name + "': " + what + " (" + shortNumber(v) + ")", p.name };
        };
        if (!std::isfinite(p.joules) || p.joules <= 0)
            return bad("energy is not positive and finite", p.joules);
        if (!std::isfinite(p.seconds) || p.seconds <= 0)
            return bad("time is not positive and finite", p.seconds);
        if (!std::isfinite(p.flops) || p.flops < 0)
            return bad("FLOP count is negative or not finite", p.flops);
        if (!std::isfinite(p.bytes) || p.bytes < 0)
            return bad("byte count is negative or not finite", p.bytes);
    }
    return Ok {};
}

/// The fit on a subset of already checked points.
Result<EnergyFit> fitOn(const std::vector<const EnergyPoint*>& points)
{
    if (points.size() < kCoefficients + 1)
        return notEnoughData(points.size());
    const auto n = static_cast<Eigen::Index>(points.size());
    const auto m = static_cast<Eigen::Index>(kCoefficients);
    Eigen::MatrixXd a(n, m);
    const Eigen::VectorXd b = Eigen::VectorXd::Ones(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const EnergyPoint& p = *points[static_cast<size_t>(i)];
        a.row(i) << p.flops / p.joules, p.bytes / p.joules, p.seconds / p.joules;
    }
    // Unit-RMS columns: FLOPs (~1e9) and seconds (~1e-3) would otherwise differ by twelve orders of magnitude.
    Eigen::VectorXd scale(m);
    for (Eigen::Index j = 0; j < m; ++j) {
        const double rms = std::sqrt(a.col(j).squaredNorm() / static_cast<double>(n));
        scale(j) = rms > 0 && std::isfinite(rms) ? rms : 1.0;
        a.col(j) /= scale(j);
    }
    const Eigen::VectorXd x = nonNegativeLeastSquares(a, b);
    EnergyFit fit;
    fit.joulesPerFlop = x(0) / scale(0);
    fit.joulesPerByte = x(1) / scale(1);
    fit.staticWatts = x(2) / scale(2);
    for (double c : { fit.joulesPerFlop, fit.joulesPerByte, fit.staticWatts }) {
        if (!std::isfinite(c) || c < 0)
            return Error { ErrorCode::InvalidData, "the energy fit did not converge on these points", "energy fit" };
    }
    fit.points = points.size();
    double mean = 0;
    for (const EnergyPoint* p : points)
        mean += p->joules / static_cast<double>(n);
    double ssRes = 0, ssTot = 0, relSq = 0;
    fit.minFlops = fit.maxFlops = points.front()->flops;
    fit.minBytes = fit.maxBytes = points.front()->bytes;
    for (const EnergyPoint* p : points) {
        const double predicted = fit.predictJoules(p->flops, p->bytes, p->seconds);
        ssRes += (predicted - p->joules) * (predicted - p->joules);
        ssTot += (p->joules - mean) * (p->joules - mean);
        relSq += (predicted / p->joules - 1) * (predicted / p->joules - 1);
        fit.minFlops = std::min(fit.minFlops, p->flops);
        fit.maxFlops = std::max(fit.maxFlops, p->flops);
        fit.minBytes = std::min(fit.minBytes, p->bytes);
        fit.maxBytes = std::max(fit.maxBytes, p->bytes);
    }
    // Equal energies leave R² undefined: call a perfect match 1 and anything else 0 rather than print NaN.
    const double tiny = 1e-30 * std::max(1.0, mean * mean);
    fit.r2 = ssTot > tiny ? 1 - ssRes / ssTot : (ssRes <= tiny ? 1.0 : 0.0);
    fit.residualSpreadPct = std::sqrt(relSq / static_cast<double>(n)) * 100;
    return fit;
}

void summarise(HeldOutErrors& h)
{
    if (h.relativeErrors.empty())
        return;
    std::vector<double> abs;
    for (const auto& [i, e] : h.relativeErrors)
        abs.push_back(std::fabs(e) * 100);
    std::sort(abs.begin(), abs.end());
    double sum = 0;
    for (double e : abs)
        sum += e;
    h.mapePct = sum / static_cast<double>(abs.size());
    const size_t k = abs.size();
    h.medianAbsPct = k % 2 ? abs[k / 2] : (abs[k / 2 - 1] + abs[k / 2]) / 2;
}

/// Fits on the points `train` selects and predicts the others that `test` selects; a failed fit becomes a note.
template <typename Train, typename Test>
void holdOut(const std::vector<EnergyPoint>& points, const std::string& what, Train train, Test test,
    HeldOutErrors& out)
{
    std::vector<const EnergyPoint*> training;
    for (size_t i = 0; i < points.size(); ++i) {
        if (train(i))
            training.push_back(&points[i]);
    }
    auto fit = fitOn(training);
    if (!fit) {
        out.notes.push_back(what + " not evaluated: " + fit.error().message);
        return;
    }
    for (size_t i = 0; i < points.size(); ++i) {
        if (test(i)) {
            const EnergyPoint& p = points[i];
            out.relativeErrors[i] = fit->predictJoules(p.flops, p.bytes, p.seconds) / p.joules - 1;
        }
    }
}

std::string lowerCase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

Result<EnergyFit> fitEnergy(const std::vector<EnergyPoint>& points)
{
    if (auto ok = checkPoints(points); !ok)
        return ok.error();
    std::vector<const EnergyPoint*> all;
    for (const EnergyPoint& p : points)
        all.push_back(&p);
    return fitOn(all);
}

Result<EnergyHeldOut> heldOutEnergyErrors(const std::vector<EnergyPoint>& points, const EnergyFitOptions& options)
{
    if (auto ok = checkPoints(points); !ok)
        return ok.error();
    EnergyHeldOut h;
    const size_t k = std::max<size_t>(2, std::min(options.folds, points.size()));
    for (size_t fold = 0; fold < k && fold < points.size(); ++fold) {
        holdOut(
            points, "fold " + std::to_string(fold + 1) + " of " + std::to_string(k),
            [&](size_t i) { return i % k != fold; }, [&](size_t i) { return i % k == fold; }, h.kFold);
    }
    std::set<std::string> families;
    for (const EnergyPoint& p : points) {
        if (!p.family.empty())
            families.insert(p.family);
    }
    if (families.size() == 1) {
        h.byFamily.notes.push_back(
            "one operator family only ('" + *families.begin() + "'): nothing to hold it out against");
    } else {
        for (const std::string& f : families) {
            holdOut(
                points, "family '" + f + "'", [&](size_t i) { return points[i].family != f; },
                [&](size_t i) { return points[i].family == f; }, h.byFamily);
            HeldOutErrors family;
            for (const auto& [i, e] : h.byFamily.relativeErrors) {
                if (points[i].family == f)
                    family.relativeErrors[i] = e;
            }
            summarise(family);
            if (family.mapePct)
                h.familyMapePct[f] = *family.mapePct;
        }
    }
    summarise(h.kFold);
    summarise(h.byFamily);
    return h;
}

std::string operatorFamily(const MeasurementRecord& record)
{
    const size_t slash = record.benchmark.find('/');
    if (slash != std::string::npos && slash > 0)
        return record.benchmark.substr(0, slash);
    const std::string family = record.detail.substr(0, record.detail.find_first_of(",; "));
    return family.empty() ? record.benchmark : family;
}

std::vector<EnergyFitGroup> fitEnergyGroups(const std::string& hardware, const std::vector<MeasurementRecord>& records,
    const EnergyFitOptions& options)
{
    std::map<std::string, EnergyFitGroup> groups;
    for (const MeasurementRecord& r : records) {
        const std::string precision = lowerCase(r.precision);
        EnergyFitGroup& g = groups[precision];
        g.hardware = hardware;
        g.precision = precision;
        if (!r.energyJ || !(*r.energyJ > 0)) {
            ++g.withoutEnergy;
            continue;
        }
        if (r.flops < 0 || r.bytes < 0) {
            ++g.withoutWork;
            continue;
        }
        g.points.push_back({ r.benchmark, operatorFamily(r), r.flops, r.bytes, r.medianMs / 1000, *r.energyJ });
    }
    std::vector<EnergyFitGroup> out;
    for (auto& [precision, g] : groups) {
        auto fit = fitEnergy(g.points);
        if (fit) {
            g.fit = *fit;
            auto heldOut = heldOutEnergyErrors(g.points, options);
            if (heldOut)
                g.heldOut = *heldOut;
        } else {
            g.problem = fit.error().message;
        }
        out.push_back(std::move(g));
    }
    return out;
}

std::string energyFitReport(const std::vector<EnergyFitGroup>& groups)
{
    std::ostringstream out;
    out << "Energy coefficients: E = e_flop * FLOPs + e_byte * bytes + P_static * t, fitted on relative error\n";
    auto pct = [](const std::optional<double>& v) { return v ? fixed(*v, 1) + " %" : std::string("n/a"); };
    for (const EnergyFitGroup& g : groups) {
        out << '\n' << g.hardware << ", " << g.precision << ": " << g.points.size() << " points with energy";
        if (g.withoutEnergy > 0)
            out << ", " << g.withoutEnergy << " records without an energy reading";
        if (g.withoutWork > 0)
            out << ", " << g.withoutWork << " with unknown FLOPs or bytes";
        out << '\n';
        if (!g.fit) {
            out << "  no fit: " << g.problem << '\n';
            continue;
        }
        const EnergyFit& f = *g.fit;
        out << "  " << column("pJ/FLOP", 12) << column("pJ/byte", 12) << column("static W", 12) << column("R2", 9)
            << column("spread", 10) << column("k-fold MAPE", 13) << "family MAPE\n";
        out << "  " << column(shortNumber(f.joulesPerFlop * 1e12), 12)
            << column(shortNumber(f.joulesPerByte * 1e12), 12) << column(shortNumber(f.staticWatts), 12)
            << column(fixed(f.r2, 3), 9) << column(fixed(f.residualSpreadPct, 1) + " %", 10)
            << column(pct(g.heldOut ? g.heldOut->kFold.mapePct : std::nullopt), 13)
            << pct(g.heldOut ? g.heldOut->byFamily.mapePct : std::nullopt) << '\n';
        out << "  seen: " << humanCount(f.minFlops) << " to " << humanCount(f.maxFlops) << " FLOPs, "
            << humanBytes(f.minBytes) << " to " << humanBytes(f.maxBytes) << " moved\n";
        if (!g.heldOut)
            continue;
        if (!g.heldOut->familyMapePct.empty()) {
            out << "  held out by family:";
            const char* separator = " ";
            for (const auto& [family, mape] : g.heldOut->familyMapePct) {
                out << separator << family << ' ' << fixed(mape, 1) << " %";
                separator = "; ";
            }
            out << '\n';
        }
        for (const std::string& note : g.heldOut->kFold.notes)
            out << "  note: " << note << '\n';
        for (const std::string& note : g.heldOut->byFamily.notes)
            out << "  note: " << note << '\n';
    }
    return out.str();
}

} // namespace graphs
