#include "cli/calibrate_command.h"

#include "benchmarks/results_registry.h"
#include "calibration/calibration_profile.h"
#include "calibration/energy_fit.h"
#include "cli/cli_common.h"
#include "cli/registry_paths.h"
#include "reporting/calibration_report.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <iostream>

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
    bool noSave = false;
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
    cmd->add_flag("--no-save", s->noSave, "Report the fit without storing the profile");
    return [s] { return runCalibrate(*s); };
}

} // namespace graphs::cli
