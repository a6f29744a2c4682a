#include "cli/validate_command.h"

#include "benchmarks/results_registry.h"
#include "calibration/calibrated_estimate.h"
#include "calibration/training_data.h"
#include "cli/benchmark_command.h"
#include "cli/cli_common.h"
#include "cli/registry_paths.h"
#include "core/data_paths.h"
#include "estimation/unified_analyzer.h"
#include "validation/accuracy.h"
#include "validation/accuracy_baseline.h"
#include "validation/accuracy_report.h"
#include "validation/node_matching.h"
#include "validation/published_generation.h"
#include "validation/published_report.h"
#include "validation/published_results.h"
#include "workflows/calibration_store.h"

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

/// The newest stored whole-model measurement of one model file.
struct Measured
{
    MeasurementRecord row;
    std::string file; ///< results file
};

std::map<std::string, Measured> storedMeasurements(const std::string& registryDir, const ValidateSettings& s,
    Diagnostics& notes)
{
    std::map<std::string, Measured> newest;
    for (const std::string& relative : storedResultsFiles(registryDir, s.hardware, s.runtime)) {
        const fs::path f = fs::path(registryDir) / relative;
        auto rows = loadResults(f.string());
        if (!rows) {
            notes.push_back({ Diagnostic::Severity::Warning, rows.error().message, f.string() });
            continue;
        }
        for (MeasurementRecord& r : *rows) {
            if (r.kind != "workload" || r.precision != s.precision || r.batch != s.batch
                || (s.threads > 0 && r.threads != s.threads))
                continue;
            auto it = newest.find(r.detail);
            if (it == newest.end() || it->second.row.date <= r.date)
                newest[r.detail] = { r, f.string() };
        }
    }
    return newest;
}

std::string confidenceText(Confidence c)
{
    std::string text(confidenceName(c));
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return text;
}

/// One point per subgraph that the runtime's profiler timed, for the model just estimated: the profiled nodes are
/// matched to subgraphs by name. Says on standard error how much of the profiled time could not be matched.
void addSubgraphPoints(const std::string& modelPath, const AnalysisOutcome& outcome, const ValidationPoint& whole,
    const std::vector<BenchmarkResult>& profiled, std::vector<ValidationPoint>& points)
{
    const BenchmarkResult* run = nullptr;
    for (const BenchmarkResult& r : profiled)
        if (fs::path(r.modelPath).filename() == fs::path(modelPath).filename())
            run = &r;
    if (!run || run->nodes.empty()) {
        std::cerr << "graphs: warning: the runtime gave no per-node times for " << whole.model
                  << " (the native runtime has no profiler; use --runtime onnxruntime)\n";
        return;
    }
    const NodeTimeMatch match = matchNodeTimes(*outcome.analysis->graph, *outcome.partition, run->nodes);
    const double profiledSeconds = match.matchedSeconds + match.unmatchedSeconds;
    std::cerr << "graphs: " << whole.model << ": " << match.secondsBySubgraph.size() << " subgraphs timed by the "
              << "profiler; " << static_cast<int>(std::lround(100 * match.matchedSeconds / std::max(profiledSeconds, 1e-12)))
              << "% of the profiled time matched, " << match.unmatched.size() << " runtime node(s) unmatched\n";
    for (const auto& [index, seconds] : match.secondsBySubgraph) {
        const SubgraphEstimate& e = outcome.estimate->subgraphs[static_cast<size_t>(index)];
        if (!(seconds > 0) || !(e.latency.value > 0))
            continue; // a view the runtime still timed, or a node it reports at 0: nothing to compare
        ValidationPoint p = whole;
        p.item = "#" + std::to_string(index) + " " + outcome.partition->subgraphs[static_cast<size_t>(index)].label;
        p.measuredSeconds = seconds;
        p.estimatedSeconds = e.latency.value / 1000;
        p.errorBoundPct = e.latency.errorBoundPct;
        p.confidence = confidenceText(e.latency.confidence);
        points.push_back(std::move(p));
    }
}

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

    Diagnostics notes;
    const auto measured = storedMeasurements(registryDir, s, notes);
    printDiagnostics(notes);
    std::vector<ValidationPoint> points;
    std::vector<std::string> overlaps;
    std::vector<std::string> unmeasured;
    for (const std::string& model : models) {
        const std::string fileName = fs::path(model).filename().string();
        const auto m = measured.find(fileName);
        if (m == measured.end()) {
            unmeasured.push_back(fileName);
            continue;
        }
        AnalysisRequest request;
        request.modelPath = model;
        request.import.batch = s.batch;
        request.hardware = spec;
        request.precision = *precision;
        request.fusion = *fusion;
        auto outcome = runAnalysis(request);
        if (!outcome) {
            printError(outcome.error());
            return ExitFailure;
        }
        if (calibration)
            applyCalibration(*outcome->analysis, *outcome->partition, *outcome->estimate, *calibration);
        const EstimationResult& latency = outcome->estimate->summary.latency;
        ValidationPoint p;
        p.model = modelGroup(fileName) == fileName ? fileName : fs::path(fileName).stem().string();
        p.measuredSeconds = m->second.row.medianMs / 1000;
        p.estimatedSeconds = latency.value / 1000;
        p.errorBoundPct = latency.errorBoundPct;
        p.confidence = confidenceText(latency.confidence);
        if (calibration) {
            const MeasurementRecord& r = m->second.row;
            const bool sameRow = calibration->measurementKeys.count(measurementKey(m->second.file, r)) > 0;
            const bool sameModel = calibration->groupErrors.count(modelGroup(fileName)) > 0;
            p.usedInCalibration = sameRow || sameModel;
            if (p.usedInCalibration)
                overlaps.push_back(fileName + (sameRow ? " (this measurement was fitted on)" : " (this model was fitted on)"));
        }
        const ValidationPoint whole = p;
        points.push_back(std::move(p));
        if (s.perSubgraph)
            addSubgraphPoints(model, *outcome, whole, profiled, points);
    }
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
