#include "calibration/few_shot.h"

#include "calibration/calibration_transfer.h"
#include "core/data_paths.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>

namespace graphs {

namespace {

namespace fs = std::filesystem;

constexpr int kMaxPriorDepth = 4;

/// Σ predicted / Σ measured − 1 over the points of one model.
double modelError(const LatencyModel& model, const std::vector<TrainingPoint>& points)
{
    double predicted = 0;
    double measured = 0;
    for (const TrainingPoint& p : points) {
        predicted += model.predictSeconds(p.features);
        measured += p.measuredSeconds;
    }
    return measured > 0 ? predicted / measured - 1 : 0;
}

/// Every k-subset of `items`, in lexicographic order.
std::vector<std::vector<size_t>> subsets(size_t n, size_t k)
{
    std::vector<std::vector<size_t>> out;
    std::vector<size_t> pick(k);
    for (size_t i = 0; i < k; ++i)
        pick[i] = i;
    while (true) {
        out.push_back(pick);
        size_t i = k;
        while (i > 0 && pick[i - 1] == n - k + i - 1)
            --i;
        if (i == 0)
            return out;
        ++pick[i - 1];
        for (size_t j = i; j < k; ++j)
            pick[j] = pick[j - 1] + 1;
    }
}

size_t binomial(size_t n, size_t k)
{
    double c = 1;
    for (size_t i = 1; i <= k; ++i)
        c = c * static_cast<double>(n - k + i) / static_cast<double>(i);
    return static_cast<size_t>(std::llround(c));
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/// R for a profile at R/calibration/<hardware>/<runtime>/<precision>.yaml, else `fallback`.
std::string registryOf(const std::string& profilePath, const std::string& fallback)
{
    const fs::path calibration = fs::absolute(profilePath).lexically_normal().parent_path().parent_path().parent_path();
    return calibration.filename() == "calibration" ? calibration.parent_path().string() : fallback;
}

Result<Calibration> carried(const std::string& path, const std::shared_ptr<const HardwareSpec>& target,
    const SpecLookup& lookup, const std::string& registryDir, int depth)
{
    if (depth > kMaxPriorDepth)
        return Error { ErrorCode::InvalidData,
            "calibration priors nested more than " + std::to_string(kMaxPriorDepth) + " deep (does one name itself?)",
            path };
    auto profile = loadCalibrationProfile(path);
    if (!profile)
        return profile.error();
    const auto spec = lookup ? lookup(profile->hardware) : nullptr;
    if (!spec)
        return Error { ErrorCode::NotFound,
            "the calibration profile is of hardware '" + profile->hardware + "', which no registry has", path };
    const std::string registry = registryOf(path, registryDir);
    auto fusion = calibrationFusionRules(registryDirs(registry), profile->runtime);
    if (!fusion)
        return fusion.error();
    std::optional<Calibration> itsPrior;
    if (!profile->priorProfile.empty()) {
        auto p = carried(profile->priorProfile, spec, lookup, registryDir, depth + 1);
        if (!p)
            return p.error();
        itsPrior = std::move(*p);
    }
    auto built = buildCalibration(*profile, spec, *fusion, registry, CrossValidation::Groups, {},
        itsPrior ? &*itsPrior : nullptr);
    if (!built) {
        Error e = built.error();
        e.message = "calibration profile " + path + ": " + e.message;
        return e;
    }
    return transferCalibration(*built, *spec, target);
}

} // namespace

Result<FewShotCurve> fewShotCurve(const std::vector<TrainingPoint>& points, const FitOptions& options,
    double priorBoundPct, size_t maxModels, const ProgressCallback& progress)
{
    if (!options.prior)
        return Error { ErrorCode::InvalidArgument, "a few-shot curve needs a prior to adapt", "calibration" };
    std::map<std::string, std::vector<TrainingPoint>> byModel;
    for (const TrainingPoint& p : points)
        if (!p.group.empty())
            byModel[p.group].push_back(p);
    if (byModel.empty())
        return Error { ErrorCode::InvalidData, "no measured model to adapt the prior with", "calibration" };
    std::vector<std::string> names;
    for (const auto& [name, ps] : byModel)
        names.push_back(name);
    const size_t n = names.size();
    const size_t largest = std::min(maxModels, n - 1);

    auto fitOn = [&](const std::vector<size_t>& models) {
        std::vector<TrainingPoint> training;
        for (size_t m : models)
            training.insert(training.end(), byModel[names[m]].begin(), byModel[names[m]].end());
        return fitLatencyModel(training, options);
    };

    size_t total = 0;
    for (size_t k = 0; k <= largest; ++k)
        total += n * binomial(n - 1, k) * (k + 1);
    size_t done = 0;

    FewShotCurve curve;
    for (const std::string& name : names)
        curve.models.push_back({ name, {} });
    for (size_t k = 0; k <= largest; ++k) {
        FewShotStep step;
        step.models = k;
        std::vector<double> errors;
        double boundSum = 0;
        for (size_t left = 0; left < n; ++left) {
            std::vector<size_t> others;
            for (size_t m = 0; m < n; ++m)
                if (m != left)
                    others.push_back(m);
            double modelSum = 0;
            size_t modelCases = 0;
            for (const std::vector<size_t>& pick : subsets(others.size(), k)) {
                if (progress && !progress(static_cast<double>(done) / static_cast<double>(total)))
                    return Error { ErrorCode::Cancelled, "calibration cancelled", "calibration" };
                std::vector<size_t> training;
                for (size_t i : pick)
                    training.push_back(others[i]);
                auto model = fitOn(training);
                if (!model)
                    return model.error();
                const double error = std::abs(modelError(*model, byModel[names[left]]));
                // The bound this fit would state: its own models, each left out of it in turn.
                double bound = priorBoundPct;
                if (k > 0) {
                    std::vector<double> inner;
                    for (size_t h = 0; h < training.size(); ++h) {
                        std::vector<size_t> rest = training;
                        rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(h));
                        auto innerModel = fitOn(rest);
                        if (!innerModel)
                            return innerModel.error();
                        inner.push_back(std::abs(modelError(*innerModel, byModel[names[training[h]]])));
                    }
                    bound = conformalBoundPct(inner, options.coverage);
                }
                done += k + 1;
                errors.push_back(error * 100);
                boundSum += bound;
                step.inside += error * 100 <= bound ? 1 : 0;
                modelSum += error * 100;
                ++modelCases;
            }
            curve.models[left].errorPct.push_back(modelCases ? modelSum / static_cast<double>(modelCases) : 0);
        }
        step.cases = errors.size();
        for (double e : errors) {
            step.mapePct += e / static_cast<double>(errors.size());
            step.worstPct = std::max(step.worstPct, e);
        }
        step.medianPct = median(errors);
        step.meanBoundPct = boundSum / static_cast<double>(errors.size());
        curve.steps.push_back(step);
    }
    return curve;
}

Result<FewShotResult> adaptCalibration(const FewShotRequest& r, const ProgressCallback& progress)
{
    if (!r.hardware)
        return Error { ErrorCode::InvalidArgument, "no hardware to adapt the calibration to", {} };
    const std::string priorName = r.prior.transferredFrom.empty() ? r.prior.profile.hardware : r.prior.transferredFrom;
    if (!r.prior.hasLatency())
        return Error { ErrorCode::InvalidData,
            "the calibration of " + priorName + " has no latency fit (no whole model measured) to adapt",
            r.prior.profile.file };
    auto step = [&](double from, double to) -> ProgressCallback {
        if (!progress)
            return {};
        return [=](double f) { return progress(from + (to - from) * f); };
    };
    auto built = buildCalibration(r.profile, r.hardware, r.fusion, r.registryDir, CrossValidation::Nested,
        step(0.0, 0.5), &r.prior);
    if (!built)
        return built.error();
    const bool anyModel = std::any_of(built->points.begin(), built->points.end(),
        [](const TrainingPoint& p) { return !p.group.empty(); });
    if (!anyModel)
        return Error { ErrorCode::InvalidData,
            "no whole model of " + r.hardware->id + " × " + r.profile.runtime + " "
                + std::string(precisionName(r.profile.precision))
                + " is measured: few-shot adaptation fits the prior to 1 to 3 of them",
            r.hardware->id };
    FitOptions options = r.profile.fit;
    options.prior = built->prior;
    auto curve = fewShotCurve(built->points, options, r.prior.errorBoundPct, r.maxModels, step(0.5, 0.8));
    if (!curve)
        return curve.error();
    options.prior = std::make_shared<const LatencyModel>(); // every term at the roofline's prior
    auto roofline = fewShotCurve(built->points, options, r.prior.errorBoundPct, r.maxModels, step(0.8, 1.0));
    if (!roofline)
        return roofline.error();
    FewShotResult out;
    out.calibration = std::move(*built);
    out.curve = std::move(*curve);
    out.roofline = std::move(*roofline);
    out.priorBoundPct = r.prior.errorBoundPct;
    return out;
}

Result<Calibration> carriedPrior(const std::string& profilePath, const std::shared_ptr<const HardwareSpec>& target,
    const SpecLookup& lookup, const std::string& registryDir)
{
    return carried(profilePath, target, lookup, registryDir, 0);
}

} // namespace graphs
