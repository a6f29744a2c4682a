// Estimation speed: resnet50 estimated on every registry entry (the compare table), and vit_b_16 end to end
// (import + counts + partition + estimate) on one entry.
// Run: build/tests/benchmarks/bench_estimate

#include "estimation/unified_analyzer.h"
#include "hardware/hardware_registry.h"
#include "hardware/local_hardware.h"

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

std::string modelPath(const char* file)
{
    return std::string(GRAPHS_SHARED_DIR) + "/models/" + file;
}

graphs::HardwareRegistry registry()
{
    auto r = graphs::HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
    graphs::HardwareRegistry out = r ? *r : graphs::HardwareRegistry {};
    if (auto cpu = graphs::readCpuInfo())
        (void)out.add(graphs::localHardwareSpec(*cpu));
    return out;
}

graphs::FusionRules rules()
{
    auto r = graphs::findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "onnxruntime");
    return r ? *r : graphs::FusionRules {};
}

void resnet50OnEveryEntry(benchmark::State& state)
{
    const std::string path = modelPath("resnet50.structure.onnx");
    if (!std::filesystem::exists(path)) {
        state.SkipWithError("shared models absent");
        return;
    }
    const auto hw = registry();
    const auto fusion = rules();
    for (auto _ : state) {
        graphs::AnalysisRequest request;
        request.modelPath = path;
        auto outcome = graphs::runAnalysis(request);
        if (!outcome) {
            state.SkipWithError(outcome.error().toString().c_str());
            return;
        }
        for (const auto& spec : hw.entries()) {
            auto e = graphs::estimateOn(*outcome->analysis, spec, graphs::Precision::FP32, fusion, 1);
            benchmark::DoNotOptimize(e);
        }
    }
    state.counters["entries"] = static_cast<double>(hw.entries().size());
    state.counters["max_rss_mb"] = peakRssMb();
}

void vitOnOneEntry(benchmark::State& state)
{
    const std::string path = modelPath("vit_b_16.structure.onnx");
    if (!std::filesystem::exists(path)) {
        state.SkipWithError("shared models absent");
        return;
    }
    const auto hw = registry();
    auto spec = hw.find("nvidia-h100-sxm5");
    if (!spec)
        spec = hw.find("local");
    graphs::AnalysisRequest request;
    request.modelPath = path;
    request.hardware = spec;
    request.fusion = rules();
    for (auto _ : state) {
        auto outcome = graphs::runAnalysis(request);
        if (!outcome) {
            state.SkipWithError(outcome.error().toString().c_str());
            return;
        }
        benchmark::DoNotOptimize(outcome->estimate->summary.latency.value);
    }
    state.counters["max_rss_mb"] = peakRssMb();
}

} // namespace

BENCHMARK(resnet50OnEveryEntry)->Unit(benchmark::kMillisecond);
BENCHMARK(vitOnOneEntry)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
