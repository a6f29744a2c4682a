#include "cli/generate_command.h"

#include "cli/cli_common.h"
#include "cli/hardware_lookup.h"
#include "core/data_paths.h"
#include "reporting/generation_report.h"
#include "workflows/calibration_store.h"
#include "workflows/generation.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

namespace graphs::cli {

namespace {

struct GenerateSettings
{
    std::string model;
    std::string hardware;
    int64_t prompt = 512;
    int64_t tokens = 128;
    int64_t batch = 1;
    std::string precision = "fp16";
    std::string weights;
    int samples = 5;
    std::string runtime = "onnxruntime";
    std::string registry;
    std::string format = "text";
    std::string output;
    bool uncalibrated = false;
    bool quiet = false;
};

/// A path as given, else a bare file name found among the bundled models (the generated llama2_7b.structure.onnx).
std::string resolveModel(const std::string& given)
{
    std::error_code ec;
    if (std::filesystem::exists(given, ec) || given.find('/') != std::string::npos)
        return given;
    const std::filesystem::path bundled = std::filesystem::path(bundledModelsDir()) / given;
    return std::filesystem::exists(bundled, ec) ? bundled.string() : given;
}

int runGenerate(const GenerateSettings& s)
{
    auto format = parseReportFormat(s.format);
    if (!format) {
        printError("unknown --format '" + s.format + "' (text, json, csv or markdown)");
        return ExitUsage;
    }
    auto precision = parsePrecision(s.precision);
    if (!precision) {
        printError("unknown precision '" + s.precision + "' (fp16, bf16, fp8, int8, fp32)");
        return ExitUsage;
    }
    auto weights = parseWeightFormat(s.weights);
    if (!weights) {
        printError("unknown --weights '" + s.weights + "' (int4 or int8)");
        return ExitUsage;
    }
    const std::string model = resolveModel(s.model);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(model, ec)) {
        printError("no such model file '" + s.model + "' (nor among the bundled models in " + bundledModelsDir() + ")");
        return ExitUsage;
    }
    int exitCode = ExitOk;
    auto spec = findHardware(s.registry, s.hardware, exitCode);
    if (!spec)
        return exitCode;
    auto rules = findFusionRules(registryDirs(s.registry), s.runtime);
    if (!rules) {
        printError(rules.error());
        return rules.error().code == ErrorCode::NotFound ? ExitUsage : ExitFailure;
    }

    GenerationRequest request;
    request.modelPath = model;
    request.hardware = spec;
    request.fusion = std::move(*rules);
    request.precision = *precision;
    request.weights.format = *weights;
    request.promptTokens = s.prompt;
    request.generatedTokens = s.tokens;
    request.batch = s.batch;
    request.decodeSamples = s.samples;
    // The same calibration store and refit as `graphs analyze`: a stored profile for this hardware × runtime ×
    // precision calibrates every pass; one that cannot be used is reported once.
    CalibrationStore store(userRegistryDir(s.registry));
    bool told = false;
    if (!s.uncalibrated) {
        request.refine = [&](const GraphAnalysis& analysis, const Partition& partition, ModelEstimate& estimate) {
            auto calibration = store.apply(analysis, partition, estimate, request.fusion);
            if (told || s.quiet)
                return;
            told = true;
            if (!calibration)
                std::cerr << "graphs: warning: not calibrated: " << calibration.error().toString() << '\n';
            else if (*calibration)
                std::cerr << "graphs: calibrated with " << (*calibration)->profile.file << '\n';
        };
    }
    auto result = runGeneration(request);
    if (!result) {
        printError(result.error());
        return result.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitFailure;
    }
    if (!s.quiet) {
        printDiagnostics(result->diagnostics);
        if (!result->memory.fits)
            std::cerr << "graphs: warning: " << result->model << " does not fit on " << result->hardwareId << ": "
                      << result->memory.message << '\n';
    }
    return emit(renderGeneration(*result, *format), s.output);
}

} // namespace

std::function<int()> addGenerateCommand(CLI::App& app)
{
    auto s = std::make_shared<GenerateSettings>();
    CLI::App* cmd = app.add_subcommand("generate",
        "Estimate text generation with a decoder: time to first token (prefill), decode time per token and tokens "
        "per second against the growing KV cache, energy per token and memory");
    cmd->add_option("model", s->model,
           "ONNX decoder (input_ids, attention_mask, position_ids, past_key_values.N.key/value), or the file name "
           "of a bundled model such as llama2_7b.structure.onnx")
        ->required();
    cmd->add_option("-H,--hardware", s->hardware, "Hardware id (see 'graphs hardware list')")->required();
    cmd->add_option("--prompt", s->prompt, "Prompt length in tokens (the prefill)")
        ->check(positiveNumber())
        ->capture_default_str();
    cmd->add_option("--tokens", s->tokens, "Tokens generated after the prompt (the decode steps)")
        ->check(positiveNumber())
        ->capture_default_str();
    cmd->add_option("-b,--batch", s->batch, "Sequences generated together")
        ->check(positiveNumber())
        ->capture_default_str();
    cmd->add_option("-p,--precision", s->precision,
           "Compute, activation and KV-cache precision: fp16, bf16, fp8, int8 (or fp32)")
        ->capture_default_str();
    cmd->add_option("--weights", s->weights,
        "Weight-only quantisation of the MatMul weights: int4 or int8 (groups of 128 with one scale each); "
        "compute stays at --precision. Default: weights at --precision");
    cmd->add_option("--decode-samples", s->samples,
           "Decode steps estimated exactly (the first, the last and evenly between; the rest are interpolated)")
        ->check(CLI::Range(2, 1000))
        ->capture_default_str();
    cmd->add_option("-r,--runtime", s->runtime, "Runtime profile that decides fusion (e.g. tensorrt on NVIDIA GPUs)")
        ->capture_default_str();
    cmd->add_option("--registry", s->registry, "User registry directory (default: $XDG_DATA_HOME/graphs)");
    cmd->add_option("-f,--format", s->format, "Output format: text, json, csv or markdown")->capture_default_str();
    cmd->add_option("-o,--output", s->output, "Write the report to FILE instead of standard output");
    cmd->add_flag("--uncalibrated", s->uncalibrated,
        "Estimate from the specifications alone, even where a calibration profile is stored");
    cmd->add_flag("-q,--quiet", s->quiet, "Do not print notes and warnings to standard error");
    return [s] { return runGenerate(*s); };
}

} // namespace graphs::cli
