#include "cli/analyze_command.h"

#include "calibration/calibrated_estimate.h"
#include "cli/cli_common.h"
#include "cli/hardware_lookup.h"
#include "core/data_paths.h"
#include "estimation/analysis_pipeline.h"
#include "frontends/onnx_importer.h"
#include "reporting/analysis_report.h"
#include "reporting/estimate_report.h"
#include "workflows/calibration_store.h"

#include <future>
#include <iostream>
#include <memory>

namespace graphs::cli {

namespace {

struct AnalyzeSettings
{
    std::string model;
    std::optional<int64_t> batch;
    std::vector<std::string> inputShapes;
    std::string format = "text";
    std::string output;
    int top = 15;
    bool quiet = false;
    std::string hardware;
    std::string precision = "fp32";
    std::string runtime = "onnxruntime";
    std::string registry;
    bool uncalibrated = false;
};

int runAnalyze(const AnalyzeSettings& s)
{
    // The ONNX operator schemas are built while the registry and the runtime profile are read (whole-process time).
    const std::future<void> schemas = std::async(std::launch::async, prepareOnnxImport);
    auto format = parseReportFormat(s.format);
    if (!format) {
        printError("unknown --format '" + s.format + "' (text, json, csv or markdown)");
        return ExitUsage;
    }
    ImportOptions options;
    options.batch = s.batch;
    for (const std::string& arg : s.inputShapes) {
        auto parsed = parseInputShapeArgument(arg);
        if (!parsed) {
            printError(parsed.error());
            return ExitUsage;
        }
        if (options.inputShapes.count(parsed->first)) {
            printError("--input-shape names input '" + parsed->first + "' twice");
            return ExitUsage;
        }
        options.inputShapes.insert(*parsed);
    }

    AnalysisRequest request;
    request.modelPath = s.model;
    request.import = options;
    if (!s.hardware.empty()) {
        auto precision = parsePrecision(s.precision);
        if (!precision) {
            printError("unknown --precision '" + s.precision + "' (fp64, fp32, tf32, fp16, bf16, fp8, int8, int4)");
            return ExitUsage;
        }
        request.precision = *precision;
        int exitCode = ExitOk;
        request.hardware = findHardware(s.registry, s.hardware, exitCode);
        if (!request.hardware)
            return exitCode;
        auto rules = findFusionRules(registryDirs(s.registry), s.runtime);
        if (!rules) {
            printError(rules.error());
            return rules.error().code == ErrorCode::NotFound ? ExitUsage : ExitFailure;
        }
        request.fusion = *rules;
    }

    auto outcome = runAnalysis(request);
    if (!outcome) {
        printError(outcome.error());
        const ErrorCode code = outcome.error().code;
        return code == ErrorCode::InvalidArgument ? ExitUsage : ExitFailure;
    }
    if (!s.quiet) {
        Diagnostics located = outcome->diagnostics;
        for (Diagnostic& d : located)
            d.message = s.model + ": " + d.message;
        printDiagnostics(located);
    }
    if (outcome->estimate && !s.uncalibrated) {
        CalibrationStore store(userRegistryDir(s.registry));
        auto calibration = store.apply(*outcome->analysis, *outcome->partition, *outcome->estimate, request.fusion);
        if (!calibration) {
            printError(calibration.error());
            return ExitFailure;
        }
        if (*calibration) {
            if (!s.quiet) {
                const Calibration& c = **calibration;
                const std::string what = c.hasLatency() && c.energy ? "latency and energy"
                    : c.hasLatency()                               ? "latency"
                    : c.energy                                      ? "energy"
                                                                    : "nothing";
                if (c.transferredFrom.empty())
                    std::cerr << "graphs: " << what << " calibrated with " << c.profile.file
                              << (c.priorFrom.empty() ? std::string()
                                                      : " (adapted from the calibration of " + c.priorFrom + ")")
                              << '\n';
                else
                    std::cerr << "graphs: latency interpolated from the calibration of " << c.transferredFrom << " ("
                              << c.profile.file << "), scaled to " << outcome->estimate->hardware->id
                              << "'s specification\n";
            }
        }
    }
    ReportOptions report;
    report.topNodes = s.top;
    const GraphAnalysis& analysis = *outcome->analysis;
    if (outcome->estimate)
        return emit(renderEstimate(analysis, *outcome->partition, *outcome->estimate, *format, report), s.output);
    return emit(renderAnalysis(analysis, *format, report), s.output);
}

} // namespace

std::function<int()> addAnalyzeCommand(CLI::App& app)
{
    auto settings = std::make_shared<AnalyzeSettings>();
    CLI::App* cmd = app.add_subcommand("analyze", "Count MACs, FLOPs and bytes of an ONNX model, per node and in total");
    cmd->add_option("model", settings->model, "ONNX model file")->required()->check(CLI::ExistingFile);
    cmd->add_option("-b,--batch", settings->batch, "Batch size: sets dimension 0 of every input")
        ->check(positiveNumber());
    cmd->add_option("-i,--input-shape", settings->inputShapes,
        "Shape of a named input, NAME=DxDxD (repeatable); binds symbolic dimensions");
    cmd->add_option("-f,--format", settings->format, "Output format: text, json, csv or markdown")
        ->capture_default_str();
    cmd->add_option("-o,--output", settings->output, "Write the report to FILE instead of standard output");
    cmd->add_option("--top", settings->top, "Nodes listed in text/markdown output, heaviest first (0: all)")
        ->capture_default_str()
        ->check(nonNegativeNumber());
    cmd->add_flag("-q,--quiet", settings->quiet, "Do not print warnings to standard error");
    cmd->add_option("-H,--hardware", settings->hardware,
        "Estimate latency, energy and memory on this registry entry (see 'graphs hardware list')");
    cmd->add_option("-p,--precision", settings->precision, "Execution precision: fp32, fp16, bf16, int8, ...")
        ->capture_default_str();
    cmd->add_option("-r,--runtime", settings->runtime, "Runtime profile that decides fusion (registries/runtimes)")
        ->capture_default_str();
    cmd->add_option("--registry", settings->registry, "User registry directory (default: $XDG_DATA_HOME/graphs)");
    cmd->add_flag("--uncalibrated", settings->uncalibrated,
           "Estimate from the specification alone, even where a calibration profile is stored")
        ->needs(cmd->get_option("--hardware"));
    return [settings] { return runAnalyze(*settings); };
}

} // namespace graphs::cli
