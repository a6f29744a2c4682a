// Import + ONNX shape inference + constant folding + operator counts, per shared model and for generated 10,000- and
// 200,000-node transformers (synthetic_models.h).
// Run: build/tests/benchmarks/bench_import [--benchmark_filter=vit]
// Each benchmark also reports the process's peak resident memory (max_rss_mib) after its runs: the peak so far, so
// filter to one benchmark for that benchmark's own figure (or use bench_peak_memory).

#include "bench_support.h"
#include "estimation/graph_analysis.h"
#include "frontends/onnx_importer.h"
#include "synthetic_models.h"

#include <benchmark/benchmark.h>
#include <filesystem>
#include <functional>
#include <string>

namespace {

void importAndCount(benchmark::State& state, const std::function<std::string()>& model)
{
    const std::string path = model();
    if (!std::filesystem::exists(path)) {
        state.SkipWithError(("missing " + path + " (shared models absent?)").c_str());
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
    state.counters["max_rss_mib"] = graphs::bench::peakRssMib();
}

std::function<std::string()> shared(const char* file)
{
    return [file] { return graphs::bench::sharedModel(file); };
}

} // namespace

BENCHMARK_CAPTURE(importAndCount, vit_b_16, shared("vit_b_16.structure.onnx"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importAndCount, resnet50, shared("resnet50.structure.onnx"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importAndCount, bert_small, shared("bert_small.structure.onnx"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importAndCount, shufflenet_v2, shared("shufflenet_v2_x1_0.structure.onnx"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importAndCount, squeezenet_full_weights, shared("squeezenet1_1.onnx"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importAndCount, transformer10k, std::function<std::string()>(graphs::bench::transformer10kPath))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(importAndCount, transformer200k, std::function<std::string()>(graphs::bench::transformer200kPath))
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
