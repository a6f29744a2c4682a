#include "workflows/calibration_run.h"

#include "benchmarks/results_registry.h"
#include "workflows/calibration_store.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <optional>

namespace graphs {

namespace {

namespace fs = std::filesystem;

std::string utcNow()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm {};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string absolutePath(const std::string& path)
{
    return fs::absolute(path).lexically_normal().string();
}

std::string calibrationName(const std::string& hardware, const CalibrationProfile& profile)
{
    return hardware + " × " + profile.runtime + " " + std::string(precisionName(profile.precision));
}

/// The profile file `prior` names: the file itself, or the stored profile of the device it names.
Result<std::string> priorProfilePath(
    const std::string& prior, const CalibrationProfile& profile, const std::string& registryDir, const SpecLookup& lookup)
{
    std::error_code ec;
    if (fs::is_regular_file(prior, ec) || prior.ends_with(".yaml")) {
        const std::string path = absolutePath(prior);
        if (!fs::is_regular_file(path, ec))
            return Error { ErrorCode::Io, "cannot read the calibration profile", path };
        return path;
    }
    const auto source = lookup(prior);
    if (!source)
        return Error { ErrorCode::InvalidArgument,
            "no hardware entry '" + prior + "': the prior is a profile file or the id of a device of the family" };
    const std::string path = calibrationProfilePath(registryDir, source->id, profile.runtime, profile.precision);
    if (!fs::exists(path, ec))
        return Error { ErrorCode::NotFound,
            "no calibration of " + calibrationName(source->id, profile) + " is stored (" + path
                + "): run 'graphs calibrate -H " + source->id + " -r " + profile.runtime + " -p "
                + std::string(precisionName(profile.precision))
                + "' first, or give --prior-from a profile file" };
    return path;
}

} // namespace

Result<CalibrationProfile> calibrationProfileFor(const CalibrateRequest& request)
{
    if (!request.hardware)
        return Error { ErrorCode::InvalidArgument, "a calibration needs a hardware entry" };
    CalibrationProfile profile;
    profile.hardware = request.hardware->id;
    profile.runtime = request.runtime;
    profile.precision = request.precision;
    profile.created = utcNow();
    profile.tool = request.tool;
    profile.fit = request.fit;
    for (const std::string& m : request.measurements)
        profile.measurements.push_back(absolutePath(m));
    if (profile.measurements.empty())
        profile.measurements = storedResultsFiles(request.registryDir, profile.hardware, profile.runtime);
    if (profile.measurements.empty())
        return Error { ErrorCode::NotFound,
            "no measurements for " + profile.hardware + " × " + profile.runtime + " in " + request.registryDir
                + ": run 'graphs benchmark --suite calibration --runtime " + profile.runtime
                + "', import measurements with 'graphs benchmark import', or give --measurements" };
    for (const std::string& d : request.modelDirs)
        profile.modelDirs.push_back(absolutePath(d));
    for (const std::string& m : request.holdOut) {
        if (std::find(profile.holdOut.begin(), profile.holdOut.end(), m) == profile.holdOut.end())
            profile.holdOut.push_back(m);
    }
    return profile;
}

void recordFitSummary(Calibration& calibration)
{
    CalibrationProfile& profile = calibration.profile;
    profile.points = calibration.points.size();
    profile.models = calibration.groupErrors.size();
    double sum = 0;
    for (const auto& [group, error] : calibration.groupErrors)
        sum += std::abs(error);
    profile.lomoMapePct = profile.models ? sum / static_cast<double>(profile.models) * 100 : 0;
    profile.errorBoundPct = calibration.errorBoundPct;
}

bool isWorthSaving(const Calibration& calibration)
{
    return calibration.profile.models > 0 || calibration.energy.has_value();
}

Result<Calibration> runCalibration(
    const CalibrateRequest& request, const FusionRules& fusion, const ProgressCallback& progress)
{
    auto profile = calibrationProfileFor(request);
    if (!profile)
        return profile.error();
    auto calibration
        = buildCalibration(*profile, request.hardware, fusion, request.registryDir, CrossValidation::Nested, progress);
    if (!calibration)
        return calibration.error();
    calibration->profile = std::move(*profile);
    recordFitSummary(*calibration);
    return calibration;
}

Result<FewShotResult> runFewShotCalibration(const CalibrateRequest& request, const FusionRules& fusion,
    const std::string& prior, const SpecLookup& lookup, const ProgressCallback& progress)
{
    if (!request.holdOut.empty())
        return Error { ErrorCode::InvalidArgument,
            "models held out apply to a fit of the device's own measurements, not to a few-shot adaptation (whose "
            "curve leaves models out already)" };
    auto profile = calibrationProfileFor(request);
    if (!profile)
        return profile.error();
    auto path = priorProfilePath(prior, *profile, request.registryDir, lookup);
    if (!path)
        return path.error();
    auto priorProfile = loadCalibrationProfile(*path);
    if (!priorProfile)
        return priorProfile.error();
    if (priorProfile->precision != profile->precision)
        return Error { ErrorCode::InvalidArgument,
            "the prior is " + std::string(precisionName(priorProfile->precision)) + ", not "
                + std::string(precisionName(profile->precision))
                + ": a prior carries a calibration across devices of one family, not across precisions",
            *path };
    if (priorProfile->hardware == profile->hardware)
        return Error { ErrorCode::InvalidArgument,
            "the prior is a calibration of " + profile->hardware
                + " itself: a prior comes from another device of its family",
            *path };
    auto carried = carriedPrior(*path, request.hardware, lookup, request.registryDir);
    if (!carried)
        return carried.error();
    profile->priorHardware = priorProfile->hardware;
    profile->priorProfile = *path;
    FewShotRequest fewShot { *profile, request.hardware, fusion, request.registryDir, std::move(*carried) };
    auto adapted = adaptCalibration(fewShot, progress);
    if (!adapted)
        return adapted.error();
    adapted->calibration.profile = std::move(*profile);
    recordFitSummary(adapted->calibration);
    return adapted;
}

Result<TransferCheck> runTransferCheck(const CalibrateRequest& request, const FusionRules& fusion,
    const std::shared_ptr<const HardwareSpec>& source, CalibrationStore* store)
{
    auto profile = calibrationProfileFor(request);
    if (!profile)
        return profile.error();
    const std::string path = calibrationProfilePath(request.registryDir, source->id, profile->runtime, profile->precision);
    std::error_code ec;
    if (!fs::exists(path, ec))
        return Error { ErrorCode::NotFound,
            "no calibration of " + calibrationName(source->id, *profile) + " is stored (" + path
                + "): run 'graphs calibrate -H " + source->id + " -r " + profile->runtime + " -p "
                + std::string(precisionName(profile->precision)) + "' first" };
    std::optional<CalibrationStore> own;
    if (!store)
        store = &own.emplace(request.registryDir);
    auto calibration = store->find(source, fusion, profile->precision);
    if (!calibration)
        return calibration.error();
    if (!*calibration || !(*calibration)->transferredFrom.empty())
        return Error { ErrorCode::NotFound,
            "the calibration of " + calibrationName(source->id, *profile) + " could not be refitted", path };
    return checkTransfer(**calibration, *source, request.hardware, *profile, fusion, request.registryDir);
}

} // namespace graphs
