// Import + ONNX shape inference + constant folding + operator counts, per shared model.
// Run: build/tests/benchmarks/bench_import [--benchmark_filter=vit]
// Each benchmark also reports the process's peak resident memory (max_rss_mb) after its runs.

#include "estimation/graph_analysis.h"
#include "frontends/onnx_importer.h"

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <filesystem>
#include <string>

namespace {

double peakRssMb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void importAndCount(benchmark::State& state, const std::string& file)
{
    const std::string path = std::string(GRAPHS_SHARED_DIR) + "/models/" + file;
    if (!std::filesystem::exists(path)) {
        state.SkipWithError(("missing " + path).c_str());
        return;
    }
    int64_t nodes = 0;
    for (auto _ : state) {
        auto imported = graphs::importOnnxFile(path, {});
        if (!imported) {
            state.SkipWithError(imported.error().toString().c_str());
            return;
        }
        auto analysis = graphs::analyzeGraph(imported->graph);
        if (!analysis) {
            state.SkipWithError(analysis.error().toString().c_str());
            return;
        }
        nodes = static_cast<int64_t>(imported->graph->nodeCount());
        benchmark::DoNotOptimize(analysis->totals.macs);
    }
    state.counters["nodes"] = static_cast<double>(nodes);
    state.counters["max_rss_mb"] = peakRssMb();
}

} // namespace

BENCHMARK_CAPTURE(importAndCount, vit_b_16, std::string("vit_b_16.structure.onnx"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importAndCount, resnet50, std::string("resnet50.structure.onnx"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importAndCount, bert_small, std::string("bert_small.structure.onnx"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importAndCount, shufflenet_v2, std::string("shufflenet_v2_x1_0.structure.onnx"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importAndCount, squeezenet_full_weights, std::string("squeezenet1_1.onnx"))
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
