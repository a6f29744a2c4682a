#include "cli/calibrate_command.h"

#include "benchmarks/results_registry.h"
#include "calibration/calibration_profile.h"
#include "calibration/calibration_transfer.h"
#include "calibration/energy_fit.h"
#include "calibration/few_shot.h"
#include "cli/cli_common.h"
#include "cli/hardware_lookup.h"
#include "reporting/calibration_report.h"
#include "reporting/number_format.h"
#include "workflows/calibration_run.h"

#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace graphs::cli {

namespace {

struct CalibrateSettings
{
    std::string hardware = "local";
    std::string runtime = "native";
    std::string precision = "fp32";
    std::string registry;
    std::vector<std::string> measurements;
    std::vector<std::string> models;
    std::string format = "text";
    double ridge = 0.05;
    std::string pooling = "auto";
    bool noSave = false;
    std::string transferFrom;
    std::string priorFrom;
    std::vector<std::string> holdOut;
};

/// --transfer-from: the stored calibration of another device of the family, carried to this one, against this
/// device's own measurements (which that calibration never saw).
int checkTransferFrom(const CalibrateSettings& s, const CalibrateRequest& request, const FusionRules& fusion)
{
    int code = ExitOk;
    const auto source = findHardware(s.registry, s.transferFrom, code);
    if (!source)
        return code;
    auto check = runTransferCheck(request, fusion, source);
    if (!check) {
        printError(check.error());
        return check.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitFailure;
    }
    const auto& target = request.hardware;
    std::ostringstream out;
    out << "calibration of " << source->id << " × " << s.runtime << " " << s.precision << " carried to " << target->id
        << " (family " << hardwareFamily(*target) << ")\n";
    out << "stated bound ±" << std::fixed << std::setprecision(1) << check->boundPct << "% (" << kTransferBoundFactor
        << " × the source's cross-validated ±" << check->boundPct / kTransferBoundFactor << "%)\n\n";
    out << std::left << std::setw(44) << "measured on " + target->id << std::setw(14) << "kind" << std::right
        << std::setw(12) << "measured ms" << std::setw(12) << "estimate ms" << std::setw(10) << "error"
        << "  inside\n";
    for (const TransferItem& item : check->items) {
        std::ostringstream error;
        error << std::showpos << std::fixed << std::setprecision(1) << item.errorPct << "%";
        out << std::left << std::setw(44) << item.name << std::setw(14) << item.kind << std::right << std::setw(12)
            << fixed(item.measuredSeconds * 1e3, 3) << std::setw(12) << fixed(item.predictedSeconds * 1e3, 3) << std::setw(10)
            << error.str() << "  " << (item.insideBound ? "yes" : "no") << '\n';
    }
    out << '\n';
    for (const TransferKindErrors& k : transferErrorsByKind(*check))
        out << k.kind << ": MAPE " << std::fixed << std::setprecision(1) << k.mapePct << "% over " << k.count
            << " (the roofs alone, without the carried fit: " << k.rooflineMapePct << "%)\n";
    out << "the stated bound covers " << transferItemsInsideBound(*check) << " of " << check->items.size() << '\n';
    return emit(out.str(), {});
}

std::string percentText(double pct)
{
    return fixed(pct, 1) + "%";
}

/// The few-shot curve and the per-model errors behind it, as text.
std::string fewShotText(const FewShotResult& r, const std::string& priorHardware, const std::string& priorProfile,
    const HardwareSpec& target)
{
    const Calibration& c = r.calibration;
    std::ostringstream out;
    out << "few-shot adaptation of " << target.id << " × " << c.profile.runtime << " "
        << precisionName(c.profile.precision) << ": its fit pulled towards the calibration of " << priorHardware
        << " (" << priorProfile << "), carried over (family " << hardwareFamily(target) << "; stated bound ±"
        << std::fixed << std::setprecision(1) << r.priorBoundPct << "%)\n";
    out << r.curve.models.size() << " model(s) of " << target.id
        << " measured; each left out in turn and estimated by fits on every set of k of the others (k = 0: the "
           "carried-over calibration alone); bound: what that fit states from its own models; roofline prior: the same fits pulled towards the "
           "roofline instead\n\n";
    out << std::right << std::setw(6) << "models" << std::setw(7) << "cases" << std::setw(9) << "MAPE"
        << std::setw(9) << "median" << std::setw(9) << "worst" << std::setw(11) << "bound" << "  coverage"
        << "   roofline prior: MAPE\n";
    for (size_t i = 0; i < r.curve.steps.size(); ++i) {
        const FewShotStep& k = r.curve.steps[i];
        out << std::setw(6) << k.models << std::setw(7) << k.cases << std::setw(9) << percentText(k.mapePct)
            << std::setw(9) << percentText(k.medianPct) << std::setw(9) << percentText(k.worstPct) << std::setw(11)
            << "±" + percentText(k.meanBoundPct) << "  " << std::left << std::setw(8)
            << std::to_string(k.inside) + " of " + std::to_string(k.cases) << std::right << std::setw(25)
            << (i < r.roofline.steps.size() ? percentText(r.roofline.steps[i].mapePct) : "-") << '\n';
    }
    out << "\nmean |error| of each model after k models\n" << std::left << std::setw(30) << "model" << std::right;
    for (const FewShotStep& k : r.curve.steps)
        out << std::setw(9) << ("k=" + std::to_string(k.models));
    out << '\n';
    for (const FewShotModel& m : r.curve.models) {
        out << std::left << std::setw(30) << m.model << std::right;
        for (double e : m.errorPct)
            out << std::setw(9) << percentText(e);
        out << '\n';
    }
    return out.str();
}

nlohmann::json fewShotJson(const FewShotResult& r, const std::string& priorHardware, const std::string& priorProfile)
{
    nlohmann::json steps = nlohmann::json::array();
    for (const FewShotStep& k : r.curve.steps)
        steps.push_back({ { "models", k.models }, { "cases", k.cases }, { "mape_pct", k.mapePct },
            { "median_pct", k.medianPct }, { "worst_pct", k.worstPct }, { "mean_bound_pct", k.meanBoundPct },
            { "inside_bound", k.inside } });
    nlohmann::json models = nlohmann::json::array();
    for (const FewShotModel& m : r.curve.models)
        models.push_back({ { "model", m.model }, { "error_pct", m.errorPct } });
    nlohmann::json roofline = nlohmann::json::array();
    for (const FewShotStep& k : r.roofline.steps)
        roofline.push_back({ { "models", k.models }, { "mape_pct", k.mapePct }, { "median_pct", k.medianPct } });
    return { { "prior_hardware", priorHardware }, { "prior_profile", priorProfile },
        { "prior_bound_pct", r.priorBoundPct }, { "curve", steps }, { "models", models },
        { "roofline_prior_curve", roofline } };
}

/// --prior-from: this device's few measured models fitted with the ridge pulling towards another device's calibration
/// carried over to it; the leave-one-model-out curve against the number of models; the profile saved names the prior.
int adaptFromPrior(const CalibrateSettings& s, const CalibrateRequest& request, const FusionRules& fusion)
{
    const SpecLookup lookup = [&](const std::string& id) -> std::shared_ptr<const HardwareSpec> {
        auto entries = loadHardwareEntries(s.registry, { id });
        return entries ? entries->find(id) : nullptr;
    };
    auto adapted = runFewShotCalibration(request, fusion, s.priorFrom, lookup);
    if (!adapted) {
        printError(adapted.error());
        return adapted.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitFailure;
    }
    const Calibration& calibration = adapted->calibration;
    const CalibrationProfile& profile = calibration.profile;
    const HardwareSpec& target = *request.hardware;
    printDiagnostics(calibration.diagnostics);
    std::string report;
    if (s.format == "json") {
        nlohmann::json root = nlohmann::json::parse(calibrationJson(calibration, target));
        root["few_shot"] = fewShotJson(*adapted, profile.priorHardware, profile.priorProfile);
        report = root.dump(2) + "\n";
    } else {
        report = fewShotText(*adapted, profile.priorHardware, profile.priorProfile, target) + "\n"
            + calibrationText(calibration, target);
    }
    if (!s.noSave) {
        const std::string saved = calibrationProfilePath(request.registryDir, target.id, s.runtime, profile.precision);
        if (auto ok = saveCalibrationProfile(profile, saved); !ok) {
            printError(ok.error());
            return ExitFailure;
        }
        std::cerr << "graphs: calibration profile saved to " << saved << " (adapted from " << profile.priorHardware
                  << "'s)\n";
    }
    return emit(report, {});
}

int runCalibrate(const CalibrateSettings& s)
{
    const auto precision = parsePrecision(s.precision);
    if (!precision) {
        printError("unknown --precision '" + s.precision + "'");
        return ExitUsage;
    }
    if (s.format != "text" && s.format != "json") {
        printError("unknown --format '" + s.format + "' (text or json)");
        return ExitUsage;
    }
    int code = ExitOk;
    const auto spec = findHardware(s.registry, s.hardware, code);
    if (!spec)
        return code;
    auto fusion = calibrationFusionRules(registryDirs(s.registry), s.runtime);
    if (!fusion) {
        printError(fusion.error());
        return ExitFailure;
    }
    CalibrateRequest request;
    request.hardware = spec;
    request.runtime = s.runtime;
    request.precision = *precision;
    request.registryDir = userRegistryDir(s.registry);
    request.measurements = s.measurements;
    request.modelDirs = s.models;
    request.holdOut = s.holdOut;
    request.fit.ridge = s.ridge;
    request.tool = std::string("graphs ") + GRAPHS_VERSION;
    if (s.pooling != "auto") {
        char* end = nullptr;
        const double value = std::strtod(s.pooling.c_str(), &end);
        if (s.pooling.empty() || *end != '\0' || !(value >= 0 && value <= 100)) {
            printError("--pooling must be 'auto' or a number between 0 and 100, not '" + s.pooling + "'");
            return ExitUsage;
        }
        request.fit.pooling = value;
    }
    if (!s.transferFrom.empty() && !s.priorFrom.empty()) {
        printError("--transfer-from and --prior-from exclude each other: the first checks a carried-over calibration, "
                   "the second fits this device's measurements towards one");
        return ExitUsage;
    }
    if (!s.holdOut.empty() && (!s.transferFrom.empty() || !s.priorFrom.empty())) {
        printError("--hold-out applies to a fit of this device's own measurements, not to --transfer-from or "
                   "--prior-from (whose reports leave models out already)");
        return ExitUsage;
    }
    if (!s.transferFrom.empty())
        return checkTransferFrom(s, request, *fusion);
    if (!s.priorFrom.empty())
        return adaptFromPrior(s, request, *fusion);

    auto calibration = runCalibration(request, *fusion);
    if (!calibration) {
        printError(calibration.error());
        return ExitFailure;
    }
    printDiagnostics(calibration->diagnostics);
    std::string report = s.format == "json" ? calibrationJson(*calibration, *spec) : calibrationText(*calibration, *spec);
    if (s.format == "text") {
        // Energy is fitted on its own (pJ per FLOP, pJ per byte, static watts): the latency model never sees it.
        if (!calibration->energyFits.empty())
            report += "\nenergy (fitted on its own from the rows with measured energy)\n"
                + energyFitReport(calibration->energyFits);
    }
    if (!s.noSave) {
        if (!isWorthSaving(*calibration)) {
            std::cerr << "graphs: note: no whole-model measurements (run the calibration suite with --models) and no "
                         "energy readings: the profile's error bound is not known, so it is not saved\n";
        } else {
            const std::string path = calibrationProfilePath(request.registryDir, spec->id, s.runtime, *precision);
            if (auto saved = saveCalibrationProfile(calibration->profile, path); !saved) {
                printError(saved.error());
                return ExitFailure;
            }
            std::cerr << "graphs: calibration profile saved to " << path << '\n';
        }
    }
    return emit(report, {});
}

} // namespace

std::function<int()> addCalibrateCommand(CLI::App& app)
{
    auto s = std::make_shared<CalibrateSettings>();
    CLI::App* cmd = app.add_subcommand("calibrate",
        "Fit a latency model of a hardware × runtime from its measurements, report leave-one-model-out errors and "
        "store the profile that 'graphs analyze' uses");
    cmd->add_option("-H,--hardware", s->hardware, "Hardware id the measurements were taken on")->capture_default_str();
    cmd->add_option("-r,--runtime", s->runtime, "Runtime measured: native, onnxruntime, …")->capture_default_str();
    cmd->add_option("-p,--precision", s->precision, "Precision of the measurements")->capture_default_str();
    cmd->add_option("--registry", s->registry, "User registry holding the measurements (default: $XDG_DATA_HOME/graphs)");
    cmd->add_option("--measurements", s->measurements, "Results CSV files to use instead of the registry's")
        ->check(CLI::ExistingFile);
    cmd->add_option("-m,--models", s->models,
           "Folders holding the measured models (workload rows name files; imported per-subgraph rows are "
           "described by their model's kernels where its file is there)")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("-f,--format", s->format, "Output format: text or json")->capture_default_str();
    cmd->add_option("--ridge", s->ridge, "Pull of the fit towards the roofline's figures")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 100.0));
    cmd->add_option("--pooling", s->pooling,
           "Pull of each operator class's coefficients towards those shared by all classes: a number (0: classes on "
           "their own), or auto (chosen by leave-one-model-out on the measurements)")
        ->capture_default_str();
    cmd->add_flag("--no-save", s->noSave, "Report the fit without storing the profile");
    cmd->add_option("--transfer-from", s->transferFrom,
        "Instead of fitting: carry the stored calibration of this other device of the family (same runtime and "
        "precision) to --hardware and report its errors on --hardware's measurements");
    cmd->add_option("--hold-out", s->holdOut,
           "Models (names as the leave-one-model-out table gives them) held out of every fit and of the bound, then "
           "estimated by the final fit: an honest check on models it never saw; the saved profile keeps them out")
        ->delimiter(',');
    cmd->add_option("--prior-from", s->priorFrom,
        "Few-shot adaptation: fit --hardware's measured models with the ridge pulling towards the calibration of "
        "another device of the family carried over (a profile file, or a device id whose profile of this runtime and "
        "precision is stored); reports the leave-one-model-out error after 0 to 3 models and saves the adapted "
        "profile");
    return [s] { return runCalibrate(*s); };
}

} // namespace graphs::cli
