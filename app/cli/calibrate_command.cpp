#include "cli/calibrate_command.h"

#include "benchmarks/results_registry.h"
#include "calibration/calibration_profile.h"
#include "calibration/calibration_transfer.h"
#include "calibration/energy_fit.h"
#include "cli/cli_common.h"
#include "cli/registry_paths.h"
#include "reporting/calibration_report.h"
#include "reporting/number_format.h"
#include "workflows/calibration_store.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <map>
#include <iostream>
#include <sstream>

namespace graphs::cli {

namespace {

namespace fs = std::filesystem;

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
};

std::string utcNow()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm {};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

/// --transfer-from: the stored calibration of another device of the family, carried to this one, against this
/// device's own measurements (which that calibration never saw).
int checkTransferFrom(const CalibrateSettings& s, const std::shared_ptr<const HardwareSpec>& target,
    const FusionRules& fusion, const CalibrationProfile& targetProfile, const std::string& registryDir)
{
    int code = ExitOk;
    const auto source = findHardware(s.registry, s.transferFrom, code);
    if (!source)
        return code;
    const std::string path = calibrationProfilePath(registryDir, source->id, s.runtime, targetProfile.precision);
    if (!fs::exists(path)) {
        printError("no calibration of " + source->id + " × " + s.runtime + " " + s.precision + " is stored (" + path
            + "): run 'graphs calibrate -H " + source->id + " -r " + s.runtime + " -p " + s.precision + "' first");
        return ExitFailure;
    }
    CalibrationStore store(registryDir);
    auto calibration = store.find(source, fusion, targetProfile.precision);
    if (!calibration) {
        printError(calibration.error());
        return ExitFailure;
    }
    auto check = checkTransfer(**calibration, *source, target, targetProfile, fusion, registryDir);
    if (!check) {
        printError(check.error());
        return check.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitFailure;
    }
    std::ostringstream out;
    out << "calibration of " << source->id << " × " << s.runtime << " " << s.precision << " carried to " << target->id
        << " (family " << hardwareFamily(*target) << ")\n";
    out << "stated bound ±" << std::fixed << std::setprecision(1) << check->boundPct << "% (" << kTransferBoundFactor
        << " × the source's cross-validated ±" << check->boundPct / kTransferBoundFactor << "%)\n\n";
    out << std::left << std::setw(44) << "measured on " + target->id << std::setw(14) << "kind" << std::right
        << std::setw(12) << "measured ms" << std::setw(12) << "estimate ms" << std::setw(10) << "error"
        << "  inside\n";
    struct KindErrors
    {
        double transferred = 0; // Σ|error|
        double roofline = 0;
        size_t count = 0;
    };
    std::map<std::string, KindErrors> byKind;
    size_t inside = 0;
    for (const TransferItem& item : check->items) {
        std::ostringstream error;
        error << std::showpos << std::fixed << std::setprecision(1) << item.errorPct << "%";
        out << std::left << std::setw(44) << item.name << std::setw(14) << item.kind << std::right << std::setw(12)
            << fixed(item.measuredSeconds * 1e3, 3) << std::setw(12) << fixed(item.predictedSeconds * 1e3, 3) << std::setw(10)
            << error.str() << "  " << (item.insideBound ? "yes" : "no") << '\n';
        KindErrors& k = byKind[item.kind];
        k.transferred += std::abs(item.errorPct);
        k.roofline += std::abs(item.rooflineSeconds / item.measuredSeconds - 1) * 100;
        k.count += 1;
        inside += item.insideBound ? 1 : 0;
    }
    out << '\n';
    for (const auto& [kind, k] : byKind)
        out << kind << ": MAPE " << std::fixed << std::setprecision(1) << k.transferred / static_cast<double>(k.count)
            << "% over " << k.count << " (the roofs alone, without the carried fit: "
            << k.roofline / static_cast<double>(k.count) << "%)\n";
    out << "the stated bound covers " << inside << " of " << check->items.size() << '\n';
    return emit(out.str(), {});
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
    auto fusion = findFusionRules(registryDirs(s.registry), s.runtime);
    if (!fusion) {
        // Imported measurements of a runtime this program has no fusion rules for are per-kernel already: they are
        // fitted without partitioning anything.
        if (fusion.error().code != ErrorCode::NotFound) {
            printError(fusion.error());
            return ExitFailure;
        }
        fusion = findFusionRules(registryDirs(s.registry), "unfused");
        if (!fusion) {
            printError(fusion.error());
            return ExitFailure;
        }
    }
    const std::string registryDir = userRegistryDir(s.registry);
    CalibrationProfile profile;
    profile.hardware = s.hardware;
    profile.runtime = s.runtime;
    profile.precision = *precision;
    profile.created = utcNow();
    profile.tool = std::string("graphs ") + GRAPHS_VERSION;
    profile.fit.ridge = s.ridge;
    if (s.pooling != "auto") {
        char* end = nullptr;
        const double value = std::strtod(s.pooling.c_str(), &end);
        if (s.pooling.empty() || *end != '\0' || !(value >= 0 && value <= 100)) {
            printError("--pooling must be 'auto' or a number between 0 and 100, not '" + s.pooling + "'");
            return ExitUsage;
        }
        profile.fit.pooling = value;
    }
    for (const std::string& m : s.measurements)
        profile.measurements.push_back(fs::absolute(m).lexically_normal().string());
    if (profile.measurements.empty())
        profile.measurements = storedResultsFiles(registryDir, s.hardware, s.runtime);
    if (profile.measurements.empty()) {
        printError("no measurements for " + s.hardware + " × " + s.runtime + " in " + registryDir
            + ": run 'graphs benchmark --suite calibration --runtime " + s.runtime + "' or give --measurements");
        return ExitFailure;
    }
    for (const std::string& m : s.models)
        profile.modelDirs.push_back(fs::absolute(m).lexically_normal().string());

    if (!s.transferFrom.empty())
        return checkTransferFrom(s, spec, *fusion, profile, registryDir);

    auto calibration = buildCalibration(profile, spec, *fusion, registryDir, CrossValidation::Nested);
    if (!calibration) {
        printError(calibration.error());
        return ExitFailure;
    }
    printDiagnostics(calibration->diagnostics);
    profile.points = calibration->points.size();
    profile.models = calibration->groupErrors.size();
    double mape = 0;
    for (const auto& [g, e] : calibration->groupErrors)
        mape += std::abs(e);
    profile.lomoMapePct = profile.models ? mape / static_cast<double>(profile.models) * 100 : 0;
    profile.errorBoundPct = calibration->errorBoundPct;
    calibration->profile = profile;

    std::string report = s.format == "json" ? calibrationJson(*calibration, *spec) : calibrationText(*calibration, *spec);
    if (s.format == "text") {
        // Energy is fitted on its own (pJ per FLOP, pJ per byte, static watts): the latency model never sees it.
        if (!calibration->energyFits.empty())
            report += "\nenergy (fitted on its own from the rows with measured energy)\n"
                + energyFitReport(calibration->energyFits);
    }
    if (!s.noSave) {
        if (profile.models == 0 && !calibration->energy) {
            std::cerr << "graphs: note: no whole-model measurements (run the calibration suite with --models) and no "
                         "energy readings: the profile's error bound is not known, so it is not saved\n";
        } else {
            const std::string path = calibrationProfilePath(registryDir, s.hardware, s.runtime, *precision);
            if (auto saved = saveCalibrationProfile(profile, path); !saved) {
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
    cmd->add_option("-m,--models", s->models, "Folders holding the measured models (workload rows name files)")
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
    return [s] { return runCalibrate(*s); };
}

} // namespace graphs::cli
