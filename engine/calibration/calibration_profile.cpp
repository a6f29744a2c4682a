#include "calibration/calibration_profile.h"

#include "calibration/training_data.h"
#include "core/atomic_file.h"
#include "core/yaml_reader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace graphs {

namespace fs = std::filesystem;

std::string calibrationProfilePath(const std::string& registryDir, const std::string& hardware,
    const std::string& runtime, Precision precision)
{
    return (fs::path(registryDir) / "calibration" / hardware / runtime
        / (std::string(precisionName(precision)) + ".yaml"))
        .string();
}

std::vector<std::string> storedCalibrations(const std::string& registryDir, const std::string& hardware)
{
    std::vector<std::string> found;
    if (registryDir.empty())
        return found;
    std::error_code ec;
    const fs::path dir = fs::path(registryDir) / "calibration" / hardware;
    for (const auto& runtime : fs::directory_iterator(dir, ec)) {
        std::error_code inner;
        for (const auto& file : fs::directory_iterator(runtime.path(), inner)) {
            if (file.path().extension() == ".yaml" && parsePrecision(file.path().stem().string()))
                found.push_back(runtime.path().filename().string() + "/" + file.path().stem().string());
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

Result<CalibrationProfile> loadCalibrationProfile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error { ErrorCode::Io, "cannot read the calibration profile", path };
    std::stringstream text;
    text << in.rdbuf();
    yamlio::YamlReader reader(path);
    try {
        const YAML::Node root = YAML::Load(text.str());
        reader.checkMap(root, "",
            { "hardware", "runtime", "precision", "created", "tool", "fit", "measurements", "models", "hold_out", "prior",
                "summary" },
            { "hardware", "runtime", "precision", "measurements" });
        CalibrationProfile p;
        p.file = path;
        p.hardware = reader.string(root["hardware"], "hardware");
        p.runtime = reader.string(root["runtime"], "runtime");
        const std::string precision = reader.string(root["precision"], "precision");
        const auto parsed = parsePrecision(precision);
        if (!parsed)
            reader.fail(root["precision"], "precision", "unknown precision '" + precision + "'");
        p.precision = *parsed;
        if (root["created"])
            p.created = reader.string(root["created"], "created");
        if (root["tool"])
            p.tool = reader.string(root["tool"], "tool");
        if (const YAML::Node fit = root["fit"]) {
            reader.checkMap(fit, "fit", { "ridge", "balance_models", "coverage", "pooling" }, {});
            if (fit["ridge"])
                p.fit.ridge = reader.number(fit["ridge"], "fit.ridge");
            if (p.fit.ridge < 0 || p.fit.ridge > 100)
                reader.fail(fit["ridge"], "fit.ridge", "must be between 0 and 100");
            if (fit["pooling"]) {
                const YAML::Node pooling = fit["pooling"];
                if (pooling.IsScalar() && pooling.Scalar() == "auto")
                    p.fit.pooling = -1;
                else if ((p.fit.pooling = reader.number(pooling, "fit.pooling")) < 0 || p.fit.pooling > 100)
                    reader.fail(pooling, "fit.pooling", "must be 'auto' or a number between 0 and 100");
            }
            if (fit["balance_models"])
                p.fit.balanceModels = reader.boolean(fit["balance_models"], "fit.balance_models");
            if (fit["coverage"])
                p.fit.coverage = reader.positive(fit["coverage"], "fit.coverage", 1.0);
        }
        reader.checkSequence(root["measurements"], "measurements");
        for (size_t i = 0; i < root["measurements"].size(); ++i)
            p.measurements.push_back(
                reader.string(root["measurements"][i], "measurements[" + std::to_string(i) + "]"));
        if (const YAML::Node models = root["models"]) {
            reader.checkSequence(models, "models", false);
            for (size_t i = 0; i < models.size(); ++i)
                p.modelDirs.push_back(reader.string(models[i], "models[" + std::to_string(i) + "]"));
        }
        if (const YAML::Node held = root["hold_out"]) {
            reader.checkSequence(held, "hold_out", false);
            for (size_t i = 0; i < held.size(); ++i)
                p.holdOut.push_back(reader.string(held[i], "hold_out[" + std::to_string(i) + "]"));
        }
        if (const YAML::Node prior = root["prior"]) {
            reader.checkMap(prior, "prior", { "hardware", "profile" }, { "hardware", "profile" });
            p.priorHardware = reader.string(prior["hardware"], "prior.hardware");
            p.priorProfile = reader.string(prior["profile"], "prior.profile");
        }
        if (const YAML::Node s = root["summary"]) {
            reader.checkMap(s, "summary", { "points", "models", "lomo_mape_pct", "error_bound_pct" }, {});
            if (s["points"])
                p.points = static_cast<size_t>(reader.integer(s["points"], "summary.points", 0, 1LL << 40));
            if (s["models"])
                p.models = static_cast<size_t>(reader.integer(s["models"], "summary.models", 0, 1LL << 40));
            if (s["lomo_mape_pct"])
                p.lomoMapePct = reader.number(s["lomo_mape_pct"], "summary.lomo_mape_pct");
            if (s["error_bound_pct"])
                p.errorBoundPct = reader.number(s["error_bound_pct"], "summary.error_bound_pct");
        }
        return p;
    } catch (const yamlio::SchemaViolation& v) {
        return v.error;
    } catch (const YAML::Exception& e) {
        return Error { ErrorCode::InvalidData, e.msg, path + ":" + std::to_string(e.mark.line + 1) };
    }
}

Status saveCalibrationProfile(const CalibrationProfile& p, const std::string& path)
{
    YAML::Emitter out;
    out.SetDoublePrecision(6);
    out << YAML::Comment("Calibration profile: raw measurements and fit settings; the fit is redone at load.");
    out << YAML::BeginMap;
    out << YAML::Key << "hardware" << YAML::Value << p.hardware;
    out << YAML::Key << "runtime" << YAML::Value << p.runtime;
    out << YAML::Key << "precision" << YAML::Value << std::string(precisionName(p.precision));
    if (!p.created.empty())
        out << YAML::Key << "created" << YAML::Value << p.created;
    if (!p.tool.empty())
        out << YAML::Key << "tool" << YAML::Value << p.tool;
    out << YAML::Key << "fit" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "ridge" << YAML::Value << p.fit.ridge;
    if (p.fit.pooling < 0)
        out << YAML::Key << "pooling" << YAML::Value << "auto";
    else
        out << YAML::Key << "pooling" << YAML::Value << p.fit.pooling;
    out << YAML::Key << "balance_models" << YAML::Value << p.fit.balanceModels;
    out << YAML::Key << "coverage" << YAML::Value << p.fit.coverage << YAML::EndMap;
    out << YAML::Key << "measurements" << YAML::Value << YAML::BeginSeq;
    for (const std::string& m : p.measurements)
        out << m;
    out << YAML::EndSeq;
    out << YAML::Key << "models" << YAML::Value << YAML::BeginSeq;
    for (const std::string& m : p.modelDirs)
        out << m;
    out << YAML::EndSeq;
    if (!p.holdOut.empty()) {
        out << YAML::Key << "hold_out" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const std::string& m : p.holdOut)
            out << m;
        out << YAML::EndSeq;
    }
    if (!p.priorProfile.empty()) {
        out << YAML::Key << "prior" << YAML::Value << YAML::BeginMap;
        out << YAML::Key << "hardware" << YAML::Value << p.priorHardware;
        out << YAML::Key << "profile" << YAML::Value << p.priorProfile << YAML::EndMap;
    }
    auto round1 = [](double v) { return std::isfinite(v) ? std::round(v * 10) / 10 : 0.0; };
    out << YAML::Key << "summary" << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "points" << YAML::Value << p.points;
    out << YAML::Key << "models" << YAML::Value << p.models;
    out << YAML::Key << "lomo_mape_pct" << YAML::Value << round1(p.lomoMapePct);
    out << YAML::Key << "error_bound_pct" << YAML::Value << round1(p.errorBoundPct) << YAML::EndMap;
    out << YAML::EndMap;
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (ec)
        return Error { ErrorCode::Io, "cannot create the folder: " + ec.message(), fs::path(path).parent_path() };
    return writeFileAtomically(path, std::string(out.c_str()) + "\n");
}

std::string measurementKey(const std::string& file, const MeasurementRecord& r)
{
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(fs::absolute(file), ec);
    return (ec ? file : canonical.string()) + "#" + r.benchmark + "#" + std::to_string(r.batch) + "#" + std::to_string(r.threads);
}

Result<ProfileRecords> loadProfileRecords(const CalibrationProfile& profile, const std::string& registryDir)
{
    ProfileRecords out;
    std::vector<MeasurementRecord>& records = out.records;
    std::vector<std::string>& sources = out.sources;
    for (const std::string& m : profile.measurements) {
        const fs::path file = fs::path(m).is_absolute() ? fs::path(m) : fs::path(registryDir) / m;
        auto loaded = loadResults(file.string());
        const std::string resolved = file.string();
        if (!loaded)
            return loaded.error();
        for (MeasurementRecord& r : *loaded) {
            // Roofs are the machine's, whatever runtime's suite measured them; fitRoofline picks the precision.
            const bool roof = r.kind == MeasurementKind::Roof;
            if (!roof && (r.runtime != profile.runtime || r.precision != precisionName(profile.precision)))
                continue;
            records.push_back(std::move(r));
            sources.push_back(resolved);
        }
    }
    return out;
}

double computeFloorFor(const RooflineFit& roofs, const HardwareSpec& hardware, bool carriedPrior)
{
    // The floor holds where the roofs are a registry entry's datasheet peaks, which no kernel exceeds: not measured
    // roofs (a runtime may beat the benchmark), not the detected `local` entry's (estimated from the clock and the
    // SIMD width), not a carried-over prior's (another device's achieved share).
    return !carriedPrior && !roofs.measuredCompute && !hardware.generated ? 1.0 : 0.0;
}

Result<Calibration> buildCalibration(const CalibrationProfile& profile, std::shared_ptr<const HardwareSpec> hardware,
    const FusionRules& fusion, const std::string& registryDir, CrossValidation validation,
    const ProgressCallback& progress, const Calibration* prior)
{
    // Rebuilding the points (each measured model estimated again) takes the first half, the folds the rest.
    auto step = [&](double from, double to) -> ProgressCallback {
        if (!progress)
            return {};
        return [=](double f) { return progress(from + (to - from) * f); };
    };
    const bool nested = validation == CrossValidation::Nested;
    Calibration c;
    c.profile = profile;
    auto loadedRecords = loadProfileRecords(profile, registryDir);
    if (!loadedRecords)
        return loadedRecords.error();
    std::vector<MeasurementRecord>& records = loadedRecords->records;
    const std::vector<std::string>& sources = loadedRecords->sources;
    // The prior's coefficients are relative to its roofs: the features must be measured against the same ones.
    c.roofs = prior ? prior->roofs : fitRoofline(records, *hardware, profile.precision);
    FitOptions fitOptions = profile.fit;
    fitOptions.computeFloor = computeFloorFor(c.roofs, *hardware, prior != nullptr);
    if (prior) {
        fitOptions.prior = std::make_shared<const LatencyModel>(prior->model);
        c.prior = fitOptions.prior;
        c.priorFrom = prior->transferredFrom.empty() ? prior->profile.hardware : prior->transferredFrom;
    }
    std::vector<MeasurementRecord> measured; // energy is the runs', not the roofs'
    std::copy_if(records.begin(), records.end(), std::back_inserter(measured),
        [](const MeasurementRecord& r) { return r.kind != MeasurementKind::Roof; });
    for (const EnergyFitGroup& g : fitEnergyGroups(profile.hardware, measured)) {
        if (g.precision != precisionName(profile.precision))
            continue;
        if (!g.points.empty() || g.withoutWork > 0)
            c.energyFits.push_back(g);
        if (!g.fit || !g.heldOut)
            continue;
        std::vector<double> absolute;
        for (const auto& [i, e] : g.heldOut->kFold.relativeErrors)
            absolute.push_back(std::abs(e));
        if (absolute.empty())
            continue; // no held-out error: the fit's accuracy is unknown, the spec's energy stays
        c.energy = g.fit;
        c.energyBoundPct = conformalBoundPct(absolute, profile.fit.coverage);
    }
    TrainingDataOptions options { hardware, fusion, profile.precision, profile.modelDirs, c.roofs };
    auto points = trainingPoints(records, options, c.diagnostics, step(0.0, 0.5));
    if (!points)
        return points.error();
    c.points = std::move(*points);
    if (prior) {
        // Few-shot adaptation counts whole models: a device's operator rows would move the fit before any model
        // is measured, and the curve of error against models measured would not start at the transfer.
        const auto operators = std::count_if(c.points.begin(), c.points.end(),
            [](const TrainingPoint& p) { return p.group.empty(); });
        if (operators > 0) {
            c.diagnostics.push_back(Diagnostic { Diagnostic::Severity::Note,
                std::to_string(operators) + " operator measurement(s) of " + profile.hardware
                    + " not fitted: an adapted calibration is fitted on whole models only",
                profile.hardware });
            std::erase_if(c.points, [](const TrainingPoint& p) { return p.group.empty(); });
        }
    }
    // Models held out of every fit: set aside before anything is fitted or cross-validated.
    std::vector<TrainingPoint> heldPoints;
    for (const std::string& name : profile.holdOut) {
        const auto before = heldPoints.size();
        for (auto it = c.points.begin(); it != c.points.end();) {
            if (it->group == name) {
                heldPoints.push_back(std::move(*it));
                it = c.points.erase(it);
            } else {
                ++it;
            }
        }
        if (heldPoints.size() == before) {
            std::set<std::string> groups;
            for (const TrainingPoint& p : c.points)
                if (!p.group.empty())
                    groups.insert(p.group);
            std::string names;
            for (const std::string& g : groups)
                names += (names.empty() ? "" : ", ") + g;
            return Error { ErrorCode::InvalidArgument,
                "hold-out model '" + name + "' has no measurement among " + profile.hardware + "'s (measured models: "
                    + (names.empty() ? "none" : names) + ")",
                "hold_out" };
        }
    }
    for (const TrainingPoint& p : c.points) {
        const MeasurementRecord& r = records[p.record];
        c.measurementKeys.insert(measurementKey(sources[p.record], r));
    }
    auto model = fitLatencyModel(c.points, fitOptions);
    if (!model)
        return model.error();
    c.model = std::move(*model);
    c.quality = fitQuality(c.model, c.points);
    if (validation != CrossValidation::None) {
        auto errors = groupErrors(c.points, fitOptions, step(0.5, nested ? 0.6 : 1.0));
        if (!errors)
            return errors.error();
        c.groupErrors = std::move(*errors);
        std::vector<double> absolute;
        for (const auto& [g, e] : c.groupErrors)
            absolute.push_back(std::abs(e));
        c.errorBoundPct = conformalBoundPct(absolute, profile.fit.coverage);
    }
    if (validation == CrossValidation::Nested) {
        auto held = crossValidate(c.points, fitOptions, step(0.6, 1.0));
        if (!held)
            return held.error();
        c.heldOut = std::move(*held);
    }
    for (const std::string& name : profile.holdOut) {
        HoldOutModel h;
        h.group = name;
        h.boundPct = c.errorBoundPct;
        for (const TrainingPoint& p : heldPoints) {
            if (p.group != name)
                continue;
            ++h.points;
            h.measuredSeconds += p.measuredSeconds;
            h.predictedSeconds += c.model.predictSeconds(p.features);
            h.theoreticalSeconds += p.features.theoreticalSeconds;
        }
        c.holdOut.push_back(h);
    }
    return c;
}

} // namespace graphs
