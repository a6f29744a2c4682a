#include "cli/benchmark_command.h"
#include "cli/benchmark_import_command.h"

#include "benchmarks/benchmark_result.h"
#include "benchmarks/model_materializer.h"
#include "benchmarks/process_runner.h"
#include "benchmarks/results_registry.h"
#include "benchmarks/statistics.h"
#include "cli/cli_common.h"
#include "cli/registry_paths.h"
#include "cli/roofs_suite.h"
#include "frontends/onnx_importer.h"
#include "reporting/analysis_report.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace graphs::cli {

namespace {

namespace fs = std::filesystem;

std::atomic<bool> g_interrupted { false };

extern "C" void onInterrupt(int)
{
    g_interrupted = true;
}

struct BenchmarkSettings
{
    std::vector<std::string> models;
    std::string runtime = "onnxruntime";
    std::string runner;
    int threads = 0;
    int warmup = 5;
    int repeats = 20;
    double maxSeconds = 30;
    double targetCi = 0.02;
    std::optional<int64_t> batch;
    bool profile = false;
    std::string format = "text";
    std::string output;
    std::string suite;
    std::string registry;
    std::string resultsName = "workloads";
    bool save = true;
};


std::vector<std::string> runnerCommand(const BenchmarkSettings& s)
{
    if (!s.runner.empty()) {
        std::vector<std::string> words;
        std::istringstream in(s.runner);
        for (std::string w; in >> w;)
            words.push_back(w);
        return words;
    }
    return { "node", runnersDir() + "/onnxruntime/graphs-ort-runner.mjs" };
}

/// Runs one model until the median's confidence interval is tight or the time budget is spent.
Result<BenchmarkResult> measure(const BenchmarkSettings& s, const ProcessRunner& runner, const std::string& path)
{
    ImportOptions options;
    options.batch = s.batch;
    auto imported = importOnnxFile(path, options);
    if (!imported)
        return imported.error();
    RunnerRequest request;
    for (int i : imported->graph->inputs()) {
        const TensorDescriptor& t = imported->graph->tensor(i);
        if (!t.shape.isFullyKnown())
            return Error { ErrorCode::UnboundDimension,
                "input '" + t.name + "' has shape " + t.shape.toString() + "; bind it with --batch", path };
        request.inputShapes[t.name] = t.shape.sizes();
        request.inputTypes[t.name] = std::string(dataTypeName(t.dtype));
    }
    BenchmarkResult m;
    m.model = modelDisplayName(*imported->graph);
    m.modelPath = path;
    if (!request.inputShapes.empty() && !request.inputShapes.begin()->second.empty())
        m.batch = request.inputShapes.begin()->second.front();
    m.threads = s.threads;
    m.warmup = s.warmup;
    std::string runPath = path;
    std::unique_ptr<fs::path, void (*)(fs::path*)> scratch(nullptr, [](fs::path* p) {
        std::error_code ec;
        fs::remove_all(*p, ec);
        delete p;
    });
    auto absent = hasAbsentWeights(path);
    if (!absent)
        return absent.error();
    if (*absent) {
        // Structure-only models: every runtime gets the same deterministic random weights.
        char dir[] = "/tmp/graphs-bench-XXXXXX";
        if (!::mkdtemp(dir))
            return Error { ErrorCode::Io, "cannot create a temporary folder", path };
        scratch.reset(new fs::path(dir));
        runPath = (*scratch / fs::path(path).filename()).string();
        if (auto s2 = materializeWeights(path, runPath); !s2)
            return s2.error();
        m.materializedWeights = true;
    }
    request.model = runPath;
    request.threads = s.threads;
    request.profile = s.profile;
    request.warmup = s.warmup;
    request.repeats = s.repeats;

    std::vector<double> samples;
    const auto start = std::chrono::steady_clock::now();
    const ProgressCallback keepGoing = [](double) { return !g_interrupted.load(); };
    while (true) {
        auto reply = runner.run(request, std::max(60.0, s.maxSeconds * 4), keepGoing);
        if (!reply)
            return Error { reply.error().code, reply.error().message, path };
        samples.insert(samples.end(), reply->runMs.begin(), reply->runMs.end());
        if (m.runtime.empty()) {
            m.runtime = reply->runtime;
            m.runtimeVersion = reply->runtimeVersion;
            m.nodes = reply->nodes;
            if (reply->threads > 0)
                m.threads = reply->threads;
        }
        m.stats = summarize(samples);
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (precisionReached(m.stats, static_cast<size_t>(s.repeats), s.targetCi) || elapsed >= s.maxSeconds
            || g_interrupted)
            break;
        request.warmup = 1; // later rounds only re-warm the process
        request.profile = false;
    }
    m.samplesMs = samples;
    return m;
}

int runBenchmark(const BenchmarkSettings& s)
{
    if (!s.suite.empty()) {
        if (s.suite != "roofs") {
            printError("unknown --suite '" + s.suite + "' (roofs)");
            return ExitUsage;
        }
        if (!s.models.empty()) {
            printError("--suite and --models do not go together");
            return ExitUsage;
        }
        return runRoofsSuite(s.threads, s.format, s.output);
    }
    if (s.models.empty()) {
        printError("give --models FILE... or --suite roofs");
        return ExitUsage;
    }
    if (s.format != "text" && s.format != "json") {
        printError("unknown --format '" + s.format + "' (text or json)");
        return ExitUsage;
    }
    if (s.runner.empty() && s.runtime != "onnxruntime") {
        printError("unknown --runtime '" + s.runtime + "' (onnxruntime, or --runner COMMAND for another runner)");
        return ExitUsage;
    }
    const ProcessRunner runner(runnerCommand(s));
    std::signal(SIGINT, onInterrupt);
    const EnvironmentFingerprint env = currentEnvironment(GRAPHS_VERSION);
    std::vector<BenchmarkResult> results;
    std::optional<ResultsFile> store;
    const std::string registryDir = userRegistryDir(s.registry);
    if (s.save && registryDir.empty()) {
        printError("no user registry: give --registry DIR or set HOME (or use --no-save)");
        return ExitUsage;
    }
    int status = ExitOk;
    for (size_t i = 0; i < s.models.size() && !g_interrupted; ++i) {
        if (isatty(STDERR_FILENO))
            std::cerr << "\r[" << i + 1 << "/" << s.models.size() << "] " << s.models[i] << std::flush;
        auto measured = measure(s, runner, s.models[i]);
        if (isatty(STDERR_FILENO))
            std::cerr << "\r\033[K" << std::flush;
        if (!measured) {
            if (measured.error().code == ErrorCode::Cancelled)
                break;
            printError(measured.error());
            status = ExitFailure;
            continue;
        }
        if (s.save) {
            // Kept on disk as soon as it is measured: an interrupted suite loses only the model in flight.
            if (!store) {
                auto opened = ResultsFile::open(registryDir, env.hardwareId, measured->runtime, s.resultsName, env);
                if (!opened) {
                    printError(opened.error());
                    return ExitFailure;
                }
                store = std::move(*opened);
            }
            if (auto appended = store->append(recordFromResult(*measured, env.date)); !appended) {
                printError(appended.error());
                return ExitFailure;
            }
        }
        results.push_back(std::move(*measured));
    }
    if (store)
        std::cerr << "graphs: results appended to " << store->path() << '\n';
    std::signal(SIGINT, SIG_DFL);
    if (g_interrupted)
        std::cerr << "graphs: interrupted; reporting the " << results.size() << " model(s) measured\n";
    if (results.empty())
        return status == ExitOk ? ExitFailure : status;
    const int emitted
        = emit(s.format == "json" ? benchmarkResultsJson(results, env) : benchmarkResultsText(results), s.output);
    return emitted != ExitOk ? emitted : (g_interrupted ? 130 : status);
}

} // namespace

std::function<int()> addBenchmarkCommand(CLI::App& app)
{
    auto s = std::make_shared<BenchmarkSettings>();
    CLI::App* cmd = app.add_subcommand("benchmark", "Measure whole-model latency with a runtime (runner protocol)");
    cmd->add_option("-m,--models", s->models, "ONNX model files")->check(CLI::ExistingFile);
    cmd->add_option("-s,--suite", s->suite, "A built-in suite: roofs (FMA peaks, memory bandwidth, GEMM rate)");
    cmd->add_option("-r,--runtime", s->runtime, "Runtime: onnxruntime")->capture_default_str();
    cmd->add_option("--runner", s->runner, "Another runner program speaking graphs-runner/1 (a command line)");
    cmd->add_option("-t,--threads", s->threads, "Intra-op threads (0: the runtime's default)")->capture_default_str();
    cmd->add_option("--warmup", s->warmup, "Untimed runs before timing")->capture_default_str()->check(
        CLI::NonNegativeNumber);
    cmd->add_option("--repeats", s->repeats, "Timed runs per round (at least this many samples)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd->add_option("--max-seconds", s->maxSeconds, "Time budget per model for extra rounds")->capture_default_str();
    cmd->add_option("--target-ci", s->targetCi,
           "Stop when the median's 95% interval is within this relative half-width")
        ->capture_default_str();
    cmd->add_option("-b,--batch", s->batch, "Batch size (dimension 0 of every input)")->check(CLI::PositiveNumber);
    cmd->add_flag("--profile", s->profile, "Also collect per-node times from the runtime's profiler");
    cmd->add_option("-f,--format", s->format, "Output format: text or json")->capture_default_str();
    cmd->add_option("-o,--output", s->output, "Write the results to FILE instead of standard output");
    cmd->add_option("--registry", s->registry,
        "User registry receiving the raw results (default: $XDG_DATA_HOME/graphs)");
    cmd->add_option("--results-name", s->resultsName,
        "Name of the results file: <registry>/benchmarks/local/<runtime>/<name>.csv")
        ->capture_default_str();
    cmd->add_flag("!--no-save", s->save, "Do not append the results to the registry");
    const auto import = addBenchmarkImportCommand(*cmd);
    return [s, cmd, import] { return cmd->got_subcommand("import") ? import() : runBenchmark(*s); };
}

} // namespace graphs::cli
