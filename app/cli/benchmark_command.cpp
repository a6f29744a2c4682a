#include "cli/benchmark_command.h"
#include "cli/benchmark_import_command.h"

#include "benchmarks/benchmark_result.h"
#include "benchmarks/energy_meter.h"
#include "benchmarks/process_runner.h"
#include "benchmarks/remote_runner.h"
#include "benchmarks/results_registry.h"
#include "benchmarks/runner_factory.h"
#include "benchmarks/suite_definition.h"
#include "benchmarks/suite_runner.h"
#include "benchmarks/tensorrt_runner.h"
#include "cli/cli_common.h"
#include "cli/hardware_lookup.h"
#include "core/data_paths.h"
#include "estimation/analysis_pipeline.h"
#include "reporting/measurement_report.h"
#include "reporting/number_format.h"
#include "workflows/remote_benchmark.h"
#include "workflows/suite_recorder.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <unistd.h>

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
    std::string runtime = "native";
    std::string runner;
    std::string precision = "fp32";
    std::string trtexec; // --trtexec: the tensorrt runner's trtexec
    std::string hardware;     // --hardware: the registry entry the rows are stored under (default: local / the host)
    std::string host;         // --host USER@HOST: measure there over SSH
    std::string remoteRunner; // --remote-runner: the runner program on the host
    int threads = 0;
    bool pin = false;
    int warmup = kModelPolicy.warmup;
    int repeats = kModelPolicy.minSamples;
    double maxSeconds = kModelPolicy.maxSeconds;
    double targetCi = kModelPolicy.targetCi;
    std::optional<int64_t> batch;
    bool profile = false;
    std::string format = "text";
    std::string output;
    std::string suite;
    std::string registry;
    std::string resultsName;
    bool save = true;
    bool listSuites = false;
    bool dryRun = false;
    bool runtimeExplicit = false;
    std::vector<BenchmarkResult>* collected = nullptr; // measureModels: where the full results go
    bool report = true;                                 // measureModels: no report, the rows are what it wants
    bool subgraphRows = true; // --profile stores per-subgraph rows (validate --per-subgraph matches them itself)
    // Which policy options the user gave: those override the suite's own settings.
    const CLI::Option* warmupOption = nullptr;
    const CLI::Option* repeatsOption = nullptr;
    const CLI::Option* maxSecondsOption = nullptr;
    const CLI::Option* targetCiOption = nullptr;
};

} // namespace

std::vector<std::string> expandModelPaths(const std::vector<std::string>& paths)
{
    std::vector<std::string> out;
    for (const std::string& p : paths) {
        std::error_code ec;
        if (!fs::is_directory(p, ec)) {
            out.push_back(p);
            continue;
        }
        std::vector<std::string> found;
        for (const auto& entry : fs::directory_iterator(p, ec)) {
            if (entry.path().extension() == ".onnx")
                found.push_back(entry.path().string());
        }
        std::sort(found.begin(), found.end());
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

namespace {

std::string formatDuration(double seconds)
{
    const long s = std::lround(std::max(0.0, seconds));
    return s >= 60 ? std::to_string(s / 60) + "m" + (s % 60 < 10 ? "0" : "") + std::to_string(s % 60) + "s"
                   : std::to_string(s) + "s";
}

/// The suite to run: a named or file suite, or the models of the command line as an ad-hoc one.
Result<SuiteDefinition> chooseSuite(const BenchmarkSettings& s)
{
    SuiteDefinition suite;
    if (!s.suite.empty()) {
        auto found = findSuite(s.suite, registryDirs(s.registry));
        if (!found)
            return found.error();
        suite = std::move(*found);
    } else {
        suite = workloadSuite({ s.warmup, s.repeats, s.targetCi, s.maxSeconds });
    }
    if (s.warmupOption && s.warmupOption->count())
        suite.policy.warmup = s.warmup;
    if (s.repeatsOption && s.repeatsOption->count())
        suite.policy.minSamples = s.repeats;
    if (s.maxSecondsOption && s.maxSecondsOption->count())
        suite.policy.maxSeconds = s.maxSeconds;
    if (s.targetCiOption && s.targetCiOption->count())
        suite.policy.targetCi = s.targetCi;
    if (s.batch)
        suite.workloadBatches = { *s.batch };
    return suite;
}

int listSuitesCommand(const BenchmarkSettings& s)
{
    for (const std::string& name : listSuites(registryDirs(s.registry))) {
        auto suite = findSuite(name, registryDirs(s.registry));
        if (!suite) {
            printError(suite.error());
            continue;
        }
        SuiteRunOptions none;
        std::cout << padRight(name, 14) << "  " << suite->description << " (" << suiteSize(*suite, none) << " benchmarks)\n";
    }
    return ExitOk;
}

int runBenchmark(const BenchmarkSettings& s)
{
    if (s.listSuites)
        return listSuitesCommand(s);
    if (s.format != "text" && s.format != "json") {
        printError("unknown --format '" + s.format + "' (text or json)");
        return ExitUsage;
    }
    if (s.suite.empty() && s.models.empty()) {
        printError("give --suite NAME (see --list-suites) or --models FILE_OR_DIR...");
        return ExitUsage;
    }
    auto suite = chooseSuite(s);
    if (!suite) {
        printError(suite.error());
        return suite.error().code == ErrorCode::NotFound ? ExitUsage : ExitFailure;
    }
    const bool remote = !s.host.empty();
    if (remote && (!s.suite.empty() || !s.runner.empty() || s.pin)) {
        printError(std::string("--host measures the --models on that machine; ")
            + (!s.suite.empty() ? "--suite runs roofs and operators here"
                                : !s.runner.empty() ? "--runner starts a program here (use --remote-runner)"
                                                    : "--pin pins threads here")
            + ", so it does not go with --host");
        return ExitUsage;
    }
    if (!remote && !s.remoteRunner.empty()) {
        printError("--remote-runner goes with --host");
        return ExitUsage;
    }
    if (!s.hardware.empty() && !isSafeResultsName(s.hardware)) {
        printError("--hardware '" + s.hardware + "' is not a registry id (letters, digits, '-', '_', '.')");
        return ExitUsage;
    }
    EnvironmentFingerprint env = currentEnvironment(GRAPHS_VERSION);
    SuiteRunOptions options;
    std::optional<RemoteBenchmark> there;
    if (remote) {
        RemoteBenchmarkRequest request;
        request.host = s.host;
        const char* sshCommand = std::getenv("GRAPHS_SSH_COMMAND");
        request.sshCommand = sshCommand ? sshCommand : "";
        request.runtime = s.runtime;
        request.remoteRunner = s.remoteRunner;
        request.trtexec = s.trtexec;
        request.hardware = s.hardware;
        request.threads = s.threads;
        request.date = env.date;
        if (auto checked = checkRemoteRequest(request); !checked) {
            printError(checked.error().message);
            return ExitUsage;
        }
        if (auto parsed = parseRemoteHost(s.host, request.sshCommand); !parsed) {
            printError(parsed.error());
            return ExitUsage;
        }
        std::cerr << "graphs: connecting to " << s.host << "\n";
        auto connected = connectRemoteBenchmark(request);
        if (!connected) {
            printError(connected.error());
            return ExitFailure;
        }
        there = std::move(*connected);
        env = there->environment;
        options = there->options;
    } else {
        // A runtime on the GPU is metered by the GPU's sensor (NVML, or a Jetson's input rail).
        options = localRunOptions(env, s.threads, s.runtime == "tensorrt" ? "gpu" : "cpu");
        if (!s.hardware.empty())
            env.hardwareId = s.hardware;
    }
    options.settings.precision = s.precision;
    options.settings.pinThreads = s.pin;
    options.settings.profile = s.profile;
    options.models = expandModelPaths(s.models);
    const size_t total = suiteSize(*suite, options);
    if (s.dryRun) {
        std::cout << "suite " << suite->name << ": " << total << " benchmarks (" << suite->operators.size()
                  << " operators, " << total - suite->operators.size() << " roofs and models)\n";
        for (const OperatorCase& c : suite->operators)
            std::cout << "  " << c.name() << '\n';
        for (const std::string& m : options.models)
            std::cout << "  " << m << '\n';
        return ExitOk;
    }
    if (total == 0) {
        printError("suite '" + suite->name + "' has nothing to measure; give --models FILE_OR_DIR...");
        return ExitUsage;
    }
    if (!s.trtexec.empty() && (s.runtime != "tensorrt" || !s.runner.empty())) {
        printError("--trtexec is for --runtime tensorrt (without --runner)");
        return ExitUsage;
    }
    const auto runner = [&]() -> Result<std::shared_ptr<const Runner>> {
        if (remote)
            return there->runner;
        auto made = s.trtexec.empty() ? makeRunner(s.runtime, s.runner) : makeTensorrtRunner(s.trtexec);
        if (!made)
            return made.error();
        return std::shared_ptr<const Runner>(std::move(*made));
    }();
    if (!runner) {
        printError(runner.error());
        return runner.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitFailure;
    }

    const std::string registryDir = userRegistryDir(s.registry);
    if (s.save && registryDir.empty()) {
        printError("no user registry: give --registry DIR or set HOME (or use --no-save)");
        return ExitUsage;
    }
    // With --runner the runtime is named by the runner's first reply unless --runtime names it.
    const std::string resultsName = s.resultsName.empty() ? suite->name : s.resultsName;
    // A remote run cut short (a dropped connection) is continued by running the same command again.
    std::optional<RemoteRunResume> resume;
    if (remote && s.save) {
        there->options.models = options.models;
        resume = resumeRemoteRun(registryDir, resultsName, s.precision, suite->workloadBatches, *there);
        if (!resume->skipped.empty())
            std::cerr << "graphs: continuing the run of " << resume->interruptedDate << " on " << there->host.target
                      << ": " << resume->skipped.size() << " model(s) it stored are skipped\n";
        if (there->options.models.empty()) {
            std::cerr << "graphs: every model is already stored in " << resume->resultsPath << "\n";
            return ExitOk;
        }
        options.models = there->options.models;
        env.date = options.date = there->options.date;
    }
    // Per-node times (--profile) become rows of the product's subgraphs: the model is partitioned by the runtime's
    // fusion rules, and each runtime node goes to the subgraph holding the graph node it ran.
    SuiteRecorder::Options recording;
    recording.registryDir = registryDir;
    recording.environment = env;
    recording.resultsName = resultsName;
    // With --runner the runtime is named by the runner's first reply unless --runtime names it.
    recording.runtime = s.runner.empty() || s.runtimeExplicit ? s.runtime : std::string();
    recording.warmup = suite->policy.warmup;
    recording.save = s.save;
    if (s.profile && s.subgraphRows) {
        if (auto fusion = findFusionRules(registryDirs(s.registry), s.runtime))
            recording.subgraphFusion = std::move(*fusion);
        else
            std::cerr << "graphs: warning: per-node times are not mapped to subgraphs: " << fusion.error().message << "\n";
    }
    SuiteRecorder recorder(std::move(recording));
    const auto record = [&](const MeasurementRecord& r, const BenchmarkResult* full) -> Status {
        const Status stored = recorder.record(r, full);
        for (const Diagnostic& d : recorder.takeNotes())
            std::cerr << "graphs: " << (d.severity == Diagnostic::Severity::Warning ? "warning: " : "") << d.message
                      << "\n";
        return stored;
    };
    const bool tty = isatty(STDERR_FILENO);
    auto lastDraw = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    const auto progress = [&](const SuiteProgress& p) {
        const auto now = std::chrono::steady_clock::now();
        if (tty && (now - lastDraw > std::chrono::milliseconds(200) || p.current.empty())) {
            lastDraw = now;
            std::string line = "[" + std::to_string(p.done) + "/" + std::to_string(p.total) + "] " + p.current;
            if (p.etaSeconds >= 0 && !p.current.empty())
                line += "  ETA " + formatDuration(p.etaSeconds);
            std::cerr << "\r\033[K" << line.substr(0, 160) << std::flush;
        }
        return !g_interrupted.load();
    };

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const SuiteOutcome outcome = runSuite(*suite, **runner, options, record, progress);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (tty)
        std::cerr << "\r\033[K" << std::flush;
    if (auto flushed = recorder.flush(s.runtime); !flushed)
        printError(flushed.error());
    const std::vector<MeasurementRecord>& records = recorder.records();
    const std::vector<BenchmarkResult>& results = recorder.results();
    const bool storeFailed = recorder.failed();
    env = recorder.environment();
    for (const Error& e : outcome.failures)
        printError(e);
    if (!recorder.path().empty())
        std::cerr << "graphs: " << records.size() << " measurement(s)"
                  << (recorder.subgraphRowsStored()
                             ? " and " + std::to_string(recorder.subgraphRowsStored()) + " subgraph row(s)"
                             : std::string())
                  << " appended to " << recorder.path() << '\n';
    if (g_interrupted || outcome.cancelled)
        std::cerr << "graphs: interrupted; reporting the " << records.size() << " measurement(s) taken\n";
    if (resume) {
        const bool complete = outcome.failures.empty() && !outcome.cancelled && !g_interrupted && !storeFailed;
        finishRemoteRun(*resume, complete);
        if (!complete)
            std::cerr << "graphs: the run on " << there->host.target << " is incomplete; run the same command again "
                      << "to measure what is missing (the " << records.size() << " stored row(s) are kept)\n";
    }
    if (s.collected)
        *s.collected = results;
    if (records.empty())
        return ExitFailure;
    const int emitted = !s.report ? ExitOk
                                  : emit(s.format == "json" ? measurementsJson(records, results, env, suite->name)
                                                            : measurementsText(records),
                                      s.output);
    if (emitted != ExitOk)
        return emitted;
    if (g_interrupted || outcome.cancelled)
        return 130;
    return outcome.failures.empty() ? ExitOk : ExitFailure;
}

} // namespace

int measureModels(const ModelMeasurement& request)
{
    BenchmarkSettings s;
    s.models = request.models;
    s.runtime = request.runtime;
    s.threads = request.threads;
    s.batch = request.batch;
    s.maxSeconds = request.maxSeconds;
    s.registry = request.registry;
    s.resultsName = request.resultsName;
    s.report = false;
    s.subgraphRows = false;
    s.runtimeExplicit = true;
    s.profile = request.profile;
    s.collected = request.results;
    s.precision = request.precision;
    return runBenchmark(s);
}

std::function<int()> addBenchmarkCommand(CLI::App& app)
{
    auto s = std::make_shared<BenchmarkSettings>();
    CLI::App* cmd = app.add_subcommand("benchmark",
        "Measure hardware roofs, operators and whole models with a runtime; results go to the user registry");
    cmd->add_option("-s,--suite", s->suite,
        "A suite: quick, calibration, roofs, another name from --list-suites, or a suite FILE.yaml");
    cmd->add_option("-m,--models", s->models, "ONNX model files or folders of them (measured as workloads)")
        ->check(CLI::ExistingPath);
    auto* runtime = cmd->add_option("-r,--runtime", s->runtime, "Runtime: native (built in), onnxruntime or tensorrt (NVIDIA GPUs, through trtexec)")
                        ->capture_default_str();
    cmd->add_option("--runner", s->runner, "Another runner program speaking graphs-runner/1 (a command line)");
    cmd->add_option("-p,--precision", s->precision,
           "Precision the runtime computes in: fp32, or with tensorrt tf32, fp16, bf16, int8, fp8 or best")
        ->capture_default_str()
        ->check(CLI::IsMember({ "fp32", "tf32", "fp16", "bf16", "int8", "fp8", "best" }));
    cmd->add_option("--trtexec", s->trtexec, "With --runtime tensorrt: the trtexec program (default: $GRAPHS_TRTEXEC, "
                                             "PATH, /usr/src/tensorrt/bin); with --host, a path on that machine");
    cmd->add_option("--hardware", s->hardware,
        "Registry id the rows are stored under (default: local, or the --host name)");
    cmd->add_option("--host", s->host,
        "Measure on USER@HOST over SSH (the system ssh, $GRAPHS_SSH_COMMAND; keys as your SSH has them)");
    cmd->add_option("--remote-runner", s->remoteRunner,
        "With --host: the runner program on that machine (default: graphs-tensorrt-runner on its PATH or in "
        "/usr/libexec/graphs)");
    cmd->add_option("-t,--threads", s->threads, "Intra-op threads (0: one per logical CPU)")
        ->capture_default_str()
        ->check(nonNegativeNumber());
    cmd->add_flag("--pin", s->pin, "Ask the runtime to pin its threads to cores");
    s->warmupOption = cmd->add_option("--warmup", s->warmup, "Untimed runs before timing")
                          ->capture_default_str()
                          ->check(nonNegativeNumber());
    s->repeatsOption = cmd->add_option("--repeats", s->repeats, "Timed runs in the first round (the minimum)")
                           ->capture_default_str()
                           ->check(positiveNumber());
    s->maxSecondsOption = cmd->add_option("--max-seconds", s->maxSeconds,
                                 "Time budget per benchmark for further rounds")
                              ->capture_default_str()
                              ->check(nonNegativeNumber());
    s->targetCiOption = cmd->add_option("--target-ci", s->targetCi,
                               "Stop when the median's 95% interval is within this relative half-width")
                            ->capture_default_str()
                            ->check(CLI::Range(0.0001, 0.5));
    cmd->add_option("-b,--batch", s->batch, "Batch size of the --models (dimension 0 of every input)")
        ->check(positiveNumber());
    cmd->add_flag("--profile", s->profile, "Also collect per-node times from the runtime's profiler");
    cmd->add_option("-f,--format", s->format, "Output format: text or json")->capture_default_str();
    cmd->add_option("-o,--output", s->output, "Write the results to FILE instead of standard output");
    cmd->add_option("--registry", s->registry,
        "User registry receiving the raw results (default: $XDG_DATA_HOME/graphs)");
    cmd->add_option("--results-name", s->resultsName,
        "Name of the results file: <registry>/benchmarks/local/<runtime>/<name>.csv (default: the suite's name)");
    auto* noSave = cmd->add_flag("!--no-save", s->save, "Do not append the results to the registry");
    auto* list = cmd->add_flag("--list-suites", s->listSuites, "List the suites found in the registries and exit");
    auto* dryRun = cmd->add_flag("--dry-run", s->dryRun, "List what the suite would measure, and measure nothing");
    // Options that contradict each other are refused rather than one of them silently ignored.
    list->excludes(dryRun)->excludes(noSave);
    for (const char* name : { "--suite", "--models", "--runner", "--profile", "--results-name", "--output" })
        list->excludes(cmd->get_option(name));
    cmd->get_option("--results-name")->excludes(noSave);
    const auto import = addBenchmarkImportCommand(*cmd);
    return [s, cmd, import, runtime] {
        s->runtimeExplicit = runtime->count() > 0;
        return cmd->got_subcommand("import") ? import() : runBenchmark(*s);
    };
}

} // namespace graphs::cli
