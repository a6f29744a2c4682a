#include "cli/compare_command.h"

#include "cli/cli_common.h"
#include "cli/hardware_lookup.h"
#include "core/data_paths.h"
#include "estimation/comparison_run.h"
#include "reporting/analysis_report.h"
#include "reporting/comparison_report.h"
#include "workflows/calibration_store.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <set>

namespace graphs::cli {

namespace {

struct CompareSettings
{
    std::vector<std::string> models;
    std::vector<std::string> hardware;
    std::vector<int64_t> batches { 1 };
    std::vector<std::string> precisions { "fp32" };
    std::string runtime = "onnxruntime";
    std::string registry;
    std::string format = "text";
    std::string output;
    bool uncalibrated = false;
    bool quiet = false;
};

int runCompare(const CompareSettings& s)
{
    auto format = parseReportFormat(s.format);
    if (!format) {
        printError("unknown --format '" + s.format + "' (text, json, csv or markdown)");
        return ExitUsage;
    }
    std::vector<Precision> precisions;
    for (const std::string& name : s.precisions) {
        auto p = parsePrecision(name);
        if (!p) {
            printError("unknown precision '" + name + "' (fp64, fp32, tf32, fp16, bf16, fp8, int8, int4)");
            return ExitUsage;
        }
        precisions.push_back(*p);
    }
    // Only the named entries' files are read, unless 'all' asks for every one.
    const bool all = std::find(s.hardware.begin(), s.hardware.end(), "all") != s.hardware.end();
    auto registry = all ? loadHardwareRegistry(s.registry) : loadHardwareEntries(s.registry, s.hardware);
    if (!registry) {
        printError(registry.error());
        return ExitFailure;
    }
    std::vector<std::shared_ptr<const HardwareSpec>> hardware;
    for (const std::string& id : s.hardware) {
        if (id == "all") {
            hardware = registry->entries();
            break;
        }
        auto spec = registry->find(id);
        if (!spec) {
            printUnknownHardware(s.registry, id);
            return ExitUsage;
        }
        hardware.push_back(spec);
    }
    auto rules = findFusionRules(registryDirs(s.registry), s.runtime);
    if (!rules) {
        printError(rules.error());
        return rules.error().code == ErrorCode::NotFound ? ExitUsage : ExitFailure;
    }

    ComparisonRequest request;
    request.models = s.models;
    request.hardware = std::move(hardware);
    request.batches = s.batches;
    request.precisions = std::move(precisions);
    request.fusion = std::move(*rules);
    // Each hardware × precision with a stored calibration profile is estimated as `graphs analyze` would: the same
    // store, the same refit, the same figure. A profile that cannot be used leaves that entry's estimates as
    // specified (THEORETICAL in the table) and says why, once.
    CalibrationStore store(userRegistryDir(s.registry));
    std::set<std::string> told;
    if (!s.uncalibrated) {
        request.refine = [&](const GraphAnalysis& analysis, const Partition& partition, ModelEstimate& estimate) {
            auto calibration = store.apply(analysis, partition, estimate, request.fusion);
            const std::string key = estimate.hardware->id + " " + std::string(precisionName(estimate.options.precision));
            if (!told.insert(key).second || s.quiet)
                return;
            if (!calibration)
                std::cerr << "graphs: warning: not calibrated: " << calibration.error().toString() << '\n';
            else if (*calibration && (*calibration)->transferredFrom.empty())
                std::cerr << "graphs: " << estimate.hardware->id << " (" << precisionName(estimate.options.precision)
                          << ") calibrated with " << (*calibration)->profile.file << '\n';
            else if (*calibration)
                std::cerr << "graphs: " << estimate.hardware->id << " (" << precisionName(estimate.options.precision)
                          << ") interpolated from the calibration of " << (*calibration)->transferredFrom << " ("
                          << (*calibration)->profile.file << ")\n";
        };
    }
    auto outcome = runComparison(request);
    if (!outcome) {
        printError(outcome.error());
        return ExitFailure;
    }
    if (!outcome->failures.empty()) {
        const ComparisonFailure& failure = outcome->failures.front();
        printError(failure.error);
        // A model that cannot be imported as asked is a usage error; an estimate that fails is the program's.
        const bool usage = failure.hardwareId.empty() && failure.error.code == ErrorCode::InvalidArgument;
        return usage ? ExitUsage : ExitFailure;
    }
    const std::vector<ComparisonRow>& rows = outcome->rows;
    if (rows.empty()) {
        printError("no combination of the given hardware and precisions can run (check --precision)");
        return ExitUsage;
    }
    return emit(renderComparison(rows, *format), s.output);
}

} // namespace

std::function<int()> addCompareCommand(CLI::App& app)
{
    auto s = std::make_shared<CompareSettings>();
    CLI::App* cmd = app.add_subcommand("compare",
        "Estimate models on several hardware entries and batch sizes; mark the latency/energy Pareto front");
    cmd->add_option("models", s->models, "ONNX model files")->required()->check(CLI::ExistingFile);
    cmd->add_option("-H,--hardware", s->hardware, "Hardware ids, comma-separated, or 'all'")
        ->required()
        ->delimiter(',');
    cmd->add_option("-b,--batch", s->batches, "Batch sizes, comma-separated")
        ->delimiter(',')
        ->check(positiveNumber())
        ->capture_default_str();
    cmd->add_option("-p,--precision", s->precisions, "Precisions, comma-separated")
        ->delimiter(',')
        ->capture_default_str();
    cmd->add_option("-r,--runtime", s->runtime, "Runtime profile that decides fusion")->capture_default_str();
    cmd->add_option("--registry", s->registry, "User registry directory (default: $XDG_DATA_HOME/graphs)");
    cmd->add_option("-f,--format", s->format, "Output format: text, json, csv or markdown")->capture_default_str();
    cmd->add_option("-o,--output", s->output, "Write the table to FILE instead of standard output");
    cmd->add_flag("--uncalibrated", s->uncalibrated,
        "Estimate from the specifications alone, even where a calibration profile is stored");
    cmd->add_flag("-q,--quiet", s->quiet, "Do not print notes and warnings to standard error");
    return [s] { return runCompare(*s); };
}

} // namespace graphs::cli
