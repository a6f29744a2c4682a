// Estimation speed: a model analysed end to end on one registry entry (import + counts + partition + estimate, as
// `graphs analyze` runs it), and resnet50 estimated on every registry entry (the compare table: one import and
// count, then partition + estimate per entry). The 10,000- and 200,000-node transformers are generated
// (synthetic_models.h).
// Run: build/tests/benchmarks/bench_estimate [--benchmark_filter=vit]
// max_rss_mib is the process's peak so far: filter to one benchmark for that benchmark's own figure.

#include "bench_support.h"
#include "estimation/analysis_pipeline.h"
#include "synthetic_models.h"

#include <benchmark/benchmark.h>
#include <filesystem>
#include <functional>
#include <string>

namespace {

using ModelPath = std::function<std::string()>;

void everyEntry(benchmark::State& state, const ModelPath& model)
{
    const std::string path = model();
    if (!std::filesystem::exists(path)) {
        state.SkipWithError(("missing " + path + " (shared models absent?)").c_str());
        return;
    }
    const auto hw = graphs::bench::bundledRegistry();
    const auto fusion = graphs::bench::onnxruntimeRules();
    for (auto _ : state) {
        graphs::AnalysisRequest request;
        request.modelPath = path;
        auto outcome = graphs::runAnalysis(request);
        if (!outcome) {
            state.SkipWithError(outcome.error().toString().c_str());
            return;
        }
        for (const auto& spec : hw.entries()) {
            auto e = graphs::estimateOn(*outcome->analysis, spec, graphs::Precision::FP32, fusion, outcome->batch);
            benchmark::DoNotOptimize(e);
        }
    }
    state.counters["entries"] = static_cast<double>(hw.entries().size());
    state.counters["max_rss_mib"] = graphs::bench::peakRssMib();
}

void oneEntry(benchmark::State& state, const ModelPath& model)
{
    const std::string path = model();
    if (!std::filesystem::exists(path)) {
        state.SkipWithError(("missing " + path + " (shared models absent?)").c_str());
        return;
    }
    const auto hw = graphs::bench::bundledRegistry();
    auto spec = hw.find("nvidia-h100-sxm5");
    if (!spec)
        spec = hw.find("local");
    graphs::AnalysisRequest request;
    request.modelPath = path;
    request.hardware = spec;
    request.fusion = graphs::bench::onnxruntimeRules();
    for (auto _ : state) {
        auto outcome = graphs::runAnalysis(request);
        if (!outcome) {
            state.SkipWithError(outcome.error().toString().c_str());
            return;
        }
        benchmark::DoNotOptimize(outcome->estimate->summary.latency.value);
    }
    state.counters["max_rss_mib"] = graphs::bench::peakRssMib();
}

const ModelPath resnet50 = [] { return graphs::bench::sharedModel("resnet50.structure.onnx"); };
const ModelPath vitB16 = [] { return graphs::bench::sharedModel("vit_b_16.structure.onnx"); };
const ModelPath transformer10k = [] { return graphs::bench::transformer10kPath(); };
const ModelPath transformer200k = [] { return graphs::bench::transformer200kPath(); };

} // namespace

BENCHMARK_CAPTURE(oneEntry, resnet50, resnet50)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(everyEntry, resnet50, resnet50)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(oneEntry, vit_b_16, vitB16)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(oneEntry, transformer10k, transformer10k)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(oneEntry, transformer200k, transformer200k)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
