#include "cli/calibrate_command.h"

#include "benchmarks/results_registry.h"
#include "calibration/latency_model.h"
#include "calibration/training_data.h"
#include "cli/cli_common.h"
#include "cli/registry_paths.h"
#include "reporting/number_format.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <set>
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
    double ridge = 0.05;
};

/// The results CSVs of a hardware × runtime in the user registry.
std::vector<std::string> registryMeasurements(const std::string& registryDir, const CalibrateSettings& s)
{
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fs::path(registryDir) / "benchmarks" / s.hardware / s.runtime, ec)) {
        if (e.path().extension() == ".csv")
            files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string percent(double fraction)
{
    return (fraction >= 0 ? "+" : "") + fixed(fraction * 100, 1) + "%";
}

int runCalibrate(const CalibrateSettings& s)
{
    const auto precision = parsePrecision(s.precision);
    if (!precision) {
        printError("unknown --precision '" + s.precision + "'");
        return ExitUsage;
    }
    auto registry = loadHardwareRegistry(s.registry);
    if (!registry) {
        printError(registry.error());
        return ExitFailure;
    }
    auto spec = registry->find(s.hardware);
    if (!spec) {
        printUnknownHardware(*registry, s.hardware);
        return ExitUsage;
    }
    auto fusion = findFusionRules(registryDirs(s.registry), s.runtime);
    if (!fusion) {
        printError(fusion.error());
        return ExitUsage;
    }
    std::vector<std::string> files = s.measurements;
    if (files.empty())
        files = registryMeasurements(userRegistryDir(s.registry), s);
    if (files.empty()) {
        printError("no measurements for " + s.hardware + " × " + s.runtime
            + ": run 'graphs benchmark --suite calibration --runtime " + s.runtime + "' or give --measurements");
        return ExitFailure;
    }
    std::vector<MeasurementRecord> records;
    for (const std::string& f : files) {
        auto loaded = loadResults(f);
        if (!loaded) {
            printError(loaded.error());
            return ExitFailure;
        }
        for (MeasurementRecord& r : *loaded) {
            if (r.precision == s.precision && r.runtime == s.runtime)
                records.push_back(std::move(r));
        }
    }

    TrainingDataOptions options { spec, *fusion, *precision, s.models };
    Diagnostics skipped;
    auto points = trainingPoints(records, options, skipped);
    if (!points) {
        printError(points.error());
        return ExitFailure;
    }
    printDiagnostics(skipped);
    auto model = fitLatencyModel(*points, { s.ridge });
    if (!model) {
        printError(model.error());
        return ExitFailure;
    }
    auto cv = crossValidatedErrors(*points, { s.ridge });
    if (!cv) {
        printError(cv.error());
        return ExitFailure;
    }

    std::ostringstream out;
    size_t operators = 0;
    for (const TrainingPoint& p : *points)
        operators += p.group.empty() ? 1 : 0;
    out << "calibration of " << s.hardware << " × " << s.runtime << " (" << s.precision << ") from "
        << points->size() << " measurements (" << operators << " operators, " << points->size() - operators
        << " model runs)\n\n";
    out << padRight("class", 18) << padRight("compute scale", 15) << "memory scale\n";
    std::set<std::string> classes;
    for (const auto& [k, v] : model->computeScale)
        classes.insert(k);
    for (const auto& [k, v] : model->memoryScale)
        classes.insert(k);
    for (const std::string& k : classes) {
        auto value = [](const std::map<std::string, double>& m, const std::string& key) {
            return m.count(key) ? fixed(m.at(key), 3) : std::string("-");
        };
        out << padRight(k, 18) << padRight(value(model->computeScale, k), 15) << value(model->memoryScale, k) << '\n';
    }
    out << padRight("per kernel", 18) << fixed(model->secondsPerKernel * 1e6, 2) << " µs\n";
    out << padRight("per inference", 18) << fixed(model->secondsPerRun * 1e6, 2) << " µs\n";

    if (!cv->empty()) {
        out << "\nleave-one-model-out (each model estimated by a fit without it)\n";
        out << padRight("model", 36) << padLeft("measured ms", 12) << padLeft("theory ms", 12) << padLeft("fit ms", 12)
            << padLeft("error", 10) << '\n';
        std::vector<double> errors;
        for (const auto& [i, e] : *cv) {
            const TrainingPoint& p = (*points)[i];
            out << padRight(p.name, 36) << padLeft(fixed(p.measuredSeconds * 1000, 3), 12)
                << padLeft(fixed(p.features.theoreticalSeconds * 1000, 3), 12)
                << padLeft(fixed(p.measuredSeconds * (1 + e) * 1000, 3), 12) << padLeft(percent(e), 10) << '\n';
            errors.push_back(std::abs(e));
        }
        std::sort(errors.begin(), errors.end());
        double sum = 0;
        for (double e : errors)
            sum += e;
        out << "\nMAPE " << fixed(sum / static_cast<double>(errors.size()) * 100, 1) << "%, median "
            << fixed(errors[errors.size() / 2] * 100, 1) << "%, worst " << fixed(errors.back() * 100, 1) << "%, "
            << std::count_if(errors.begin(), errors.end(), [](double e) { return e <= 0.10; }) << " of "
            << errors.size() << " within ±10%\n";
    }
    return emit(out.str(), {});
}

} // namespace

std::function<int()> addCalibrateCommand(CLI::App& app)
{
    auto s = std::make_shared<CalibrateSettings>();
    CLI::App* cmd = app.add_subcommand("calibrate",
        "Fit a latency model of a hardware × runtime from its measurements, with leave-one-model-out errors");
    cmd->add_option("-H,--hardware", s->hardware, "Hardware id the measurements were taken on")->capture_default_str();
    cmd->add_option("-r,--runtime", s->runtime, "Runtime measured: native, onnxruntime, …")->capture_default_str();
    cmd->add_option("-p,--precision", s->precision, "Precision of the measurements")->capture_default_str();
    cmd->add_option("--registry", s->registry, "User registry holding the measurements (default: $XDG_DATA_HOME/graphs)");
    cmd->add_option("--measurements", s->measurements, "Results CSV files to use instead of the registry's")
        ->check(CLI::ExistingFile);
    cmd->add_option("-m,--models", s->models, "Folders holding the measured models (workload rows name files)")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--ridge", s->ridge, "Pull of the fit towards the specification's figures")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 100.0));
    return [s] { return runCalibrate(*s); };
}

} // namespace graphs::cli
