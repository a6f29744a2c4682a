#include "cli/validate_command.h"

#include "cli/benchmark_command.h"
#include "cli/cli_common.h"
#include "cli/hardware_lookup.h"
#include "core/data_paths.h"
#include "estimation/analysis_pipeline.h"
#include "validation/accuracy.h"
#include "validation/accuracy_baseline.h"
#include "validation/accuracy_report.h"
#include "validation/published_generation.h"
#include "validation/published_report.h"
#include "validation/published_results.h"
#include "workflows/calibration_store.h"
#include "workflows/validation_run.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace graphs::cli {

namespace {

namespace fs = std::filesystem;

struct ValidateSettings
{
    std::string hardware = "local";
    std::string runtime = "native";
    std::string precision = "fp32";
    std::string registry;
    std::vector<std::string> models;
    bool measure = false;
    bool perSubgraph = false;
    int threads = 0;
    int64_t batch = 1;
    double maxSeconds = 10;
    std::string format = "text";
    std::string output;
    bool allowOverlap = false;
    bool uncalibrated = false;
    std::string baseline;
    std::string baselineKey;
    double tolerance = 1.0;
    std::string published;
    int64_t sequenceLength = kBertSquadAverageTokens;
};

/// `graphs validate --published FILE` for a file of text-generation figures (registries/published/generation.csv):
/// every row estimated with the generation workflow.
int runValidatePublishedGeneration(const ValidateSettings& s)
{
    auto rows = loadPublishedGeneration(s.published);
    if (!rows) {
        printError(rows.error());
        return ExitFailure;
    }
    auto registry = HardwareRegistry::load(registryDirs(s.registry));
    if (!registry) {
        printError(registry.error());
        return ExitFailure;
    }
    PublishedGenerationRequest request;
    request.rows = std::move(*rows);
    request.registry = &*registry;
    request.registryDirs = registryDirs(s.registry);
    request.modelDirs = s.models.empty() ? std::vector<std::string> { bundledModelsDir() } : s.models;
    auto validation = validatePublishedGeneration(request);
    if (!validation) {
        printError(validation.error());
        return ExitFailure;
    }
    const std::string report = s.format == "csv" ? publishedGenerationCsv(*validation)
        : s.format == "json"                     ? publishedGenerationJson(*validation)
                                                 : publishedGenerationMarkdown(*validation);
    return emit(report, s.output);
}

/// `graphs validate --published FILE`: every published result estimated on its registry entry.
int runValidatePublished(const ValidateSettings& s)
{
    if (s.format != "text" && s.format != "markdown" && s.format != "csv" && s.format != "json") {
        printError("unknown --format '" + s.format + "' (text, markdown, csv or json)");
        return ExitUsage;
    }
    if (isPublishedGenerationFile(s.published))
        return runValidatePublishedGeneration(s);
    auto rows = loadPublishedResults(s.published);
    if (!rows) {
        printError(rows.error());
        return ExitFailure;
    }
    auto registry = HardwareRegistry::load(registryDirs(s.registry));
    if (!registry) {
        printError(registry.error());
        return ExitFailure;
    }
    PublishedRequest request;
    request.rows = std::move(*rows);
    request.registry = &*registry;
    request.registryDirs = registryDirs(s.registry);
    request.benchmarks = findPublishedBenchmarks(s.models.empty() ? std::vector<std::string> { bundledModelsDir() }
                                                                  : s.models,
        s.sequenceLength);
    for (const char* benchmark : { "resnet50", "bert-99" }) {
        const bool found = std::any_of(request.benchmarks.begin(), request.benchmarks.end(),
            [&](const PublishedBenchmark& b) { return b.benchmark == benchmark; });
        if (!found)
            std::cerr << "graphs: warning: no model for " << benchmark << " in "
                      << (s.models.empty() ? bundledModelsDir() : std::string("--models"))
                      << " (resnet50_v1.5*.onnx / bert_large*.onnx): its rows are skipped\n";
    }
    auto validation = validatePublished(request);
    if (!validation) {
        printError(validation.error());
        return ExitFailure;
    }
    std::string report;
    if (s.format == "csv")
        report = publishedCsv(*validation);
    else if (s.format == "json")
        report = publishedJson(*validation);
    else
        report = publishedMarkdown(*validation);
    return emit(report, s.output);
}

int runValidate(const ValidateSettings& s)
{
    if (!s.published.empty())
        return runValidatePublished(s);
    if (s.models.empty()) {
        printError("--models is required (or --published FILE)");
        return ExitUsage;
    }
    const auto precision = parsePrecision(s.precision);
    if (!precision) {
        printError("unknown --precision '" + s.precision + "'");
        return ExitUsage;
    }
    if (s.format != "text" && s.format != "markdown" && s.format != "csv" && s.format != "json") {
        printError("unknown --format '" + s.format + "' (text, markdown, csv or json)");
        return ExitUsage;
    }
    int code = ExitOk;
    const auto spec = findHardware(s.registry, s.hardware, code);
    if (!spec)
        return code;
    auto fusion = findFusionRules(registryDirs(s.registry), s.runtime);
    if (!fusion) {
        printError(fusion.error());
        return fusion.error().code == ErrorCode::NotFound ? ExitUsage : ExitFailure;
    }
    const std::vector<std::string> models = expandModelPaths(s.models);
    if (models.empty()) {
        printError("no .onnx files in --models");
        return ExitUsage;
    }
    const std::string registryDir = userRegistryDir(s.registry);
    std::vector<BenchmarkResult> profiled; // with --per-subgraph: the runs just measured, with per-node times
    if (s.measure) {
        if (s.hardware != "local") {
            printError("--measure measures this machine: use --hardware local, or validate " + s.hardware
                + " against stored measurements");
            return ExitUsage;
        }
        const int measured = measureModels({ models, s.runtime, s.threads, s.batch, s.maxSeconds, s.registry,
            "validation", s.perSubgraph, &profiled, s.precision });
        if (measured != ExitOk)
            return measured;
    }

    std::shared_ptr<const Calibration> calibration;
    if (!s.uncalibrated) {
        CalibrationStore store(userRegistryDir(s.registry));
        auto found = store.find(spec, *fusion, *precision);
        if (!found) {
            printError(found.error());
            return ExitFailure;
        }
        calibration = std::move(*found);
    }
    if (s.uncalibrated)
        std::cerr << "graphs: note: --uncalibrated: validating the specification's estimates\n";
    else if (!calibration)
        std::cerr << "graphs: note: no calibration profile for " << s.hardware << " × " << s.runtime << " ("
                  << s.precision << "): validating the specification's estimates\n";
    else if (!calibration->transferredFrom.empty())
        std::cerr << "graphs: note: no calibration profile for " << s.hardware << ": validating the calibration of "
                  << calibration->transferredFrom << " carried over to it (INTERPOLATED, " << calibration->profile.file
                  << ")\n";

    ValidationRunRequest request;
    request.models = models;
    request.hardware = spec;
    request.runtime = s.runtime;
    request.fusion = *fusion;
    request.precision = *precision;
    request.batch = s.batch;
    request.threads = s.threads;
    request.registryDir = registryDir;
    request.calibration = calibration;
    request.profiled = s.perSubgraph ? &profiled : nullptr;
    auto assembled = assembleValidation(request);
    if (!assembled) {
        printError(assembled.error());
        return ExitFailure;
    }
    // Notes as the steps printed them: warnings marked, the per-subgraph matching summaries plain.
    for (const Diagnostic& d : assembled->notes)
        std::cerr << "graphs: " << (d.severity == Diagnostic::Severity::Warning ? "warning: " : "") << d.message << '\n';
    const std::vector<ValidationPoint>& points = assembled->points;
    const std::vector<std::string>& overlaps = assembled->overlaps;
    const std::vector<std::string>& unmeasured = assembled->unmeasured;
    for (const std::string& u : unmeasured)
        std::cerr << "graphs: warning: no stored measurement of " << u << " on " << s.hardware << " × " << s.runtime
                  << " at batch " << s.batch << " (use --measure)\n";
    if (points.empty()) {
        printError("nothing to validate: none of the models has a stored measurement (use --measure)");
        return ExitFailure;
    }
    if (!overlaps.empty()) {
        std::cerr << "graphs: " << (s.allowOverlap ? "WARNING" : "error")
                  << ": measurements also used by the calibration being validated (" << calibration->profile.file
                  << "):\n";
        for (const std::string& o : overlaps)
            std::cerr << "  " << o << '\n';
        if (!s.allowOverlap) {
            std::cerr << "graphs: their errors would be in-sample; validate other models, recalibrate without them, "
                         "read the leave-one-model-out errors of 'graphs calibrate', or pass --allow-overlap to "
                         "report them flagged\n";
            return ExitFailure;
        }
    }
    auto analysis = analyzeAccuracy(points);
    if (!analysis) {
        printError(analysis.error());
        return ExitFailure;
    }
    std::string report;
    if (s.format == "csv")
        report = accuracyCsv(*analysis);
    else if (s.format == "json")
        report = accuracyJson(*analysis);
    else
        report = accuracyMarkdown(*analysis);
    const int emitted = emit(report, s.output);
    if (emitted != ExitOk || s.baseline.empty())
        return emitted;

    std::ifstream in(s.baseline);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
        printError(Error { ErrorCode::Io, "cannot read the baseline", s.baseline });
        return ExitFailure;
    }
    auto baseline = parseAccuracyBaseline(text.str(), s.baseline);
    if (!baseline) {
        printError(baseline.error());
        return ExitFailure;
    }
    const std::string key = s.baselineKey.empty() ? s.hardware + "/" + s.runtime : s.baselineKey;
    const auto entry = baseline->suites.find(key);
    if (entry == baseline->suites.end()) {
        printError(Error { ErrorCode::NotFound, "no entry '" + key + "' in the baseline", s.baseline });
        return ExitFailure;
    }
    const auto regressions = checkAgainstBaseline(analysis->all, entry->second, s.tolerance);
    for (const AccuracyRegression& r : regressions)
        std::cerr << "graphs: regression: " << r.text << '\n';
    return regressions.empty() ? ExitOk : ExitFailure;
}

} // namespace

std::function<int()> addValidateCommand(CLI::App& app)
{
    auto s = std::make_shared<ValidateSettings>();
    CLI::App* cmd = app.add_subcommand("validate",
        "Compare latency estimates with measured whole-model latencies and report their accuracy");
    cmd->add_option("-H,--hardware", s->hardware, "Hardware id the measurements were taken on")->capture_default_str();
    cmd->add_option("-r,--runtime", s->runtime, "Runtime measured: native, onnxruntime, …")->capture_default_str();
    cmd->add_option("-p,--precision", s->precision, "Precision")->capture_default_str();
    cmd->add_option("-m,--models", s->models, "ONNX model files or folders of them (with --published: where the "
                                              "benchmarks' models are; default: the bundled reference models)")
        ->check(CLI::ExistingPath);
    auto* published = cmd->add_option("--published", s->published,
        "Estimate every row of a published-results CSV (registries/published/mlperf.csv, or generation.csv: text "
        "generation figures, estimated as graphs generate does) on its registry entry and report the errors")
                          ->check(CLI::ExistingFile);
    cmd->add_option("--sequence-length", s->sequenceLength,
           "With --published: real tokens per BERT sample (SQuAD v1.1 at 384, padding removed)")
        ->capture_default_str()
        ->check(positiveNumber())
        ->needs(published);
    cmd->add_flag("--measure", s->measure,
        "Measure the models now (this machine, results file 'validation') instead of reading stored measurements");
    cmd->add_flag("--per-subgraph", s->perSubgraph,
           "With --measure: also compare each subgraph with the runtime's per-node profile (onnxruntime, tensorrt)")
        ->needs(cmd->get_option("--measure"));
    cmd->add_option("-t,--threads", s->threads, "Threads of the measurements (0: any stored; with --measure, one per "
                                                "logical CPU)")
        ->capture_default_str()
        ->check(nonNegativeNumber());
    cmd->add_option("-b,--batch", s->batch, "Batch size")->capture_default_str()->check(positiveNumber());
    cmd->add_option("--max-seconds", s->maxSeconds, "With --measure: time budget per model")
        ->capture_default_str()
        ->check(nonNegativeNumber())
        ->needs(cmd->get_option("--measure"));
    cmd->add_option("--registry", s->registry, "User registry (default: $XDG_DATA_HOME/graphs)");
    cmd->add_option("-f,--format", s->format, "Report format: text, markdown, csv or json")->capture_default_str();
    cmd->add_option("-o,--output", s->output, "Write the report to FILE instead of standard output");
    cmd->add_flag("--allow-overlap", s->allowOverlap,
        "Report models the calibration was fitted on (flagged) instead of refusing them");
    cmd->add_flag("--uncalibrated", s->uncalibrated, "Validate the specification's estimates, ignoring calibration");
    cmd->add_option("--baseline", s->baseline, "Accuracy baseline YAML: exit 1 when the accuracy is worse")
        ->check(CLI::ExistingFile);
    auto* baseline = cmd->get_option("--baseline");
    cmd->add_option("--baseline-key", s->baselineKey, "Entry of the baseline to compare with (default: HARDWARE/RUNTIME)")
        ->needs(baseline);
    cmd->add_option("--tolerance", s->tolerance, "Percentage points the accuracy may worsen before it counts")
        ->capture_default_str()
        ->check(nonNegativeNumber())
        ->needs(baseline);
    cmd->get_option("--uncalibrated")->excludes(cmd->get_option("--allow-overlap"));
    for (const char* option : { "--measure", "--baseline", "--allow-overlap", "--uncalibrated", "--hardware",
             "--runtime", "--precision", "--batch", "--threads" })
        published->excludes(cmd->get_option(option));
    return [s] { return runValidate(*s); };
}

} // namespace graphs::cli
