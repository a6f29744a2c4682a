// Whole-process time of the graphs CLI: start, load what the command needs, work, print, exit, as a user waits for
// it. Each iteration spawns build/app/graphs with its standard output on /dev/null and waits for it; a non-zero
// exit status stops the benchmark. `--version` is the floor: starting the process and loading its libraries.
// Run: build/tests/benchmarks/bench_cli_process [--benchmark_filter=analyze|generate]
// GRAPHS_CLI=/path/to/graphs times another build of the program (an installed one, a copy taken before a change).
// The bundled registry is the one graphs finds itself (GRAPHS_DATA_DIR overrides it, as for graphs); the user
// registry is an empty folder, so that no stored calibration applies.

#include "bench_support.h"

#include <benchmark/benchmark.h>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace {

/// An empty user registry for the whole run, removed at exit.
const std::string& emptyRegistry()
{
    struct TempDir
    {
        std::string path = (std::filesystem::temp_directory_path() / "graphs-bench-cli-XXXXXX").string();
        TempDir()
        {
            if (!::mkdtemp(path.data()))
                path.clear();
        }
        ~TempDir()
        {
            std::error_code ec;
            if (!path.empty())
                std::filesystem::remove_all(path, ec);
        }
    };
    static const TempDir dir;
    return dir.path;
}

/// Runs graphs with `args`; its exit status, -1 when it could not be started, 128 + N when signal N ended it.
int runGraphs(std::vector<std::string> args)
{
    const char* other = std::getenv("GRAPHS_CLI");
    args.insert(args.begin(), other && *other ? other : GRAPHS_CLI_PATH);
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return -1;
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void cliProcess(benchmark::State& state, std::vector<std::string> args)
{
    for (std::string& a : args) {
        if (a == "@registry")
            a = emptyRegistry();
    }
    if (emptyRegistry().empty()) {
        state.SkipWithError("cannot make a temporary folder");
        return;
    }
    if (args.size() > 1 && args[0] == "analyze" && !std::filesystem::exists(args[1])) {
        state.SkipWithError(("missing " + args[1] + " (shared models absent?)").c_str());
        return;
    }
    for (auto _ : state) {
        const int status = runGraphs(args);
        if (status != 0) {
            state.SkipWithError(("graphs exited with status " + std::to_string(status)).c_str());
            return;
        }
    }
}

const std::string resnet50 = graphs::bench::sharedModel("resnet50.structure.onnx");

} // namespace

// UseRealTime: this process's own CPU time is near zero (the work is the child's), so the iteration count must follow
// wall time, or Google Benchmark would run thousands of iterations to reach its minimum time.
BENCHMARK_CAPTURE(cliProcess, version, std::vector<std::string> { "--version" })
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(cliProcess, hardware_list, std::vector<std::string> { "hardware", "list", "--registry", "@registry" })
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(cliProcess, analyze_resnet50,
    std::vector<std::string> { "analyze", resnet50, "--format", "json", "--registry", "@registry" })
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(cliProcess, analyze_resnet50_h100,
    std::vector<std::string> {
        "analyze", resnet50, "-H", "nvidia-h100-sxm5", "--format", "json", "--registry", "@registry" })
    ->Unit(benchmark::kMillisecond)->UseRealTime();
// graphs generate on the 32-layer Llama-2-7B-shaped graph the build writes (found by its file name among the bundled
// models): a prefill and 5 decode passes, each an import, partition and estimate of the whole decoder (target: < 1 s).
BENCHMARK_CAPTURE(cliProcess, generate_llama2_7b_h100,
    std::vector<std::string> { "generate", "llama2_7b.structure.onnx", "-H", "nvidia-h100-sxm5", "-r", "tensorrt",
        "--prompt", "512", "--tokens", "128", "--registry", "@registry" })
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(cliProcess, generate_llama2_7b_orin_int4,
    std::vector<std::string> { "generate", "llama2_7b.structure.onnx", "-H", "nvidia-jetson-agx-orin-64gb-gpu", "-r",
        "tensorrt", "--prompt", "1024", "--tokens", "512", "--weights", "int4", "--registry", "@registry" })
    ->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
