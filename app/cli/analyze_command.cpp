#include "cli/analyze_command.h"

#include "cli/cli_common.h"
#include "estimation/graph_analysis.h"
#include "frontends/onnx_importer.h"
#include "reporting/analysis_report.h"

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
};

int runAnalyze(const AnalyzeSettings& s)
{
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

    auto imported = importOnnxFile(s.model, options);
    if (!imported) {
        printError(imported.error());
        return imported.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitFailure;
    }
    auto analysis = analyzeGraph(imported->graph);
    if (!analysis) {
        Error e = analysis.error();
        e.location = s.model + (e.location.empty() ? "" : ": node '" + e.location + "'");
        printError(e);
        return ExitFailure;
    }
    Diagnostics all = imported->diagnostics;
    all.insert(all.end(), analysis->diagnostics.begin(), analysis->diagnostics.end());
    analysis->diagnostics = all;
    if (!s.quiet) {
        Diagnostics located = all;
        for (Diagnostic& d : located)
            d.message = s.model + ": " + d.message;
        printDiagnostics(located);
    }
    ReportOptions report;
    report.topNodes = s.top;
    return emit(renderAnalysis(*analysis, *format, report), s.output);
}

} // namespace

std::function<int()> addAnalyzeCommand(CLI::App& app)
{
    auto settings = std::make_shared<AnalyzeSettings>();
    CLI::App* cmd = app.add_subcommand("analyze", "Count MACs, FLOPs and bytes of an ONNX model, per node and in total");
    cmd->add_option("model", settings->model, "ONNX model file")->required()->check(CLI::ExistingFile);
    cmd->add_option("-b,--batch", settings->batch, "Batch size: sets dimension 0 of every input")
        ->check(CLI::PositiveNumber);
    cmd->add_option("-i,--input-shape", settings->inputShapes,
        "Shape of a named input, NAME=DxDxD (repeatable); binds symbolic dimensions");
    cmd->add_option("-f,--format", settings->format, "Output format: text, json, csv or markdown")
        ->capture_default_str();
    cmd->add_option("-o,--output", settings->output, "Write the report to FILE instead of standard output");
    cmd->add_option("--top", settings->top, "Nodes listed in text/markdown output, heaviest first (0: all)")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    cmd->add_flag("-q,--quiet", settings->quiet, "Do not print warnings to standard error");
    return [settings] { return runAnalyze(*settings); };
}

} // namespace graphs::cli
