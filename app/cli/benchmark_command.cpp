#include "cli/benchmark_command.h"
#include "cli/benchmark_import_command.h"

#include "benchmarks/benchmark_result.h"
#include "benchmarks/energy_meter.h"
#include "benchmarks/process_runner.h"
#include "benchmarks/results_registry.h"
#include "benchmarks/runner_factory.h"
#include "benchmarks/suite_definition.h"
#include "benchmarks/suite_runner.h"
#include "cli/cli_common.h"
#include "core/data_paths.h"
#include "reporting/measurement_report.h"
#include "reporting/number_format.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
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
    int threads = 0;
    bool pin = false;
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
    std::string resultsName;
    bool save = true;
    bool listSuites = false;
    bool dryRun = false;
    bool runtimeExplicit = false;
    std::vector<BenchmarkResult>* collected = nullptr; // measureModels: where the full results go
    bool report = true;                                 // measureModels: no report, the rows are what it wants
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
        suite.name = "workloads";
        suite.description = "models of the command line";
        suite.policy = { s.warmup, s.repeats, s.targetCi, s.maxSeconds };
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
    EnvironmentFingerprint env = currentEnvironment(GRAPHS_VERSION);
    SuiteRunOptions options = localRunOptions(env, s.threads);
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
    auto runner = makeRunner(s.runtime, s.runner);
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
    std::optional<ResultsFile> store;
    std::vector<MeasurementRecord> pending; // rows waiting for the runtime name (roofs come first)
    std::vector<MeasurementRecord> records;
    std::vector<BenchmarkResult> results;
    bool storeFailed = false;
    auto openStore = [&](const std::string& runtime) -> Status {
        auto opened = ResultsFile::open(registryDir, env.hardwareId, runtime, resultsName, env);
        if (!opened)
            return opened.error();
        store = std::move(*opened);
        for (const MeasurementRecord& r : pending) {
            if (auto appended = store->append(r); !appended)
                return appended;
        }
        pending.clear();
        return Ok {};
    };
    const auto record = [&](const MeasurementRecord& r, const BenchmarkResult* full) -> Status {
        MeasurementRecord row = r;
        row.warmup = row.kind == "roof" ? 0 : suite->policy.warmup;
        records.push_back(row);
        if (full)
            results.push_back(*full);
        if (!s.save)
            return Ok {};
        // Kept on disk as soon as it is measured: an interrupted suite loses only the benchmark in flight.
        if (!store) {
            const bool named = s.runner.empty() || s.runtimeExplicit;
            if (!named && row.kind == "roof") {
                pending.push_back(row);
                return Ok {};
            }
            if (auto opened = openStore(named ? s.runtime : row.runtime); !opened) {
                storeFailed = true;
                return opened;
            }
        }
        if (auto appended = store->append(row); !appended) {
            storeFailed = true;
            return appended;
        }
        return Ok {};
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
    if (!pending.empty() && s.save && !storeFailed) {
        if (auto opened = openStore(s.runtime); !opened)
            printError(opened.error());
    }
    for (const Error& e : outcome.failures)
        printError(e);
    if (store)
        std::cerr << "graphs: " << records.size() << " measurement(s) appended to " << store->path() << '\n';
    if (g_interrupted || outcome.cancelled)
        std::cerr << "graphs: interrupted; reporting the " << records.size() << " measurement(s) taken\n";
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
    s.runtimeExplicit = true;
    s.profile = request.profile;
    s.collected = request.results;
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
    auto* runtime = cmd->add_option("-r,--runtime", s->runtime, "Runtime: native (built in) or onnxruntime")
                        ->capture_default_str();
    cmd->add_option("--runner", s->runner, "Another runner program speaking graphs-runner/1 (a command line)");
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
