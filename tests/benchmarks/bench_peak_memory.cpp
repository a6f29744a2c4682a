// Peak memory of one job, in a process of its own: getrusage's ru_maxrss only ever grows, so a process that runs
// several jobs (a Google Benchmark executable) reports the largest of them. Run one job per invocation:
//
//   bench_peak_memory import  MODEL        import + ONNX shape inference + folding + operator counts
//   bench_peak_memory analyze MODEL [ID]   the same + partition + estimate on one entry (nvidia-h100-sxm5)
//   bench_peak_memory compare MODEL        counts once, then an estimate on every registry entry
//   bench_peak_memory write-transformer PATH NODES      structure-only encoder stack with >= NODES nodes
//   bench_peak_memory write-full-weights PATH [BLOCKS]  ViT-B/16-sized stack (12 blocks) with inline float weights
//
// Prints one line: the job's wall time, the peak RSS before it started (libraries, registry), the peak during it,
// the RSS left once it returned with its result still alive, and the peak over the model's file size.

#include "bench_support.h"
#include "estimation/graph_analysis.h"
#include "estimation/analysis_pipeline.h"
#include "frontends/onnx_importer.h"
#include "synthetic_models.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

using graphs::bench::currentRssMib;
using graphs::bench::peakRssMib;

constexpr double kMib = 1024.0 * 1024.0;

int usage()
{
    std::fprintf(stderr,
        "usage: bench_peak_memory import|analyze|compare MODEL [HARDWARE_ID]\n"
        "       bench_peak_memory write-transformer PATH NODES\n"
        "       bench_peak_memory write-full-weights PATH [BLOCKS]\n");
    return 2;
}

/// Runs `job` and prints its figures; `job` returns a short description of its result, or an empty string on failure.
int measure(const std::string& name, const std::string& file, const std::function<std::string()>& job)
{
    std::error_code ec;
    const double fileMib = static_cast<double>(std::filesystem::file_size(file, ec)) / kMib;
    if (ec) {
        std::fprintf(stderr, "%s: %s\n", file.c_str(), ec.message().c_str());
        return 1;
    }
    const double before = peakRssMib();
    const auto start = std::chrono::steady_clock::now();
    const std::string result = job();
    const std::chrono::duration<double, std::milli> wall = std::chrono::steady_clock::now() - start;
    if (result.empty())
        return 1;
    const double peak = peakRssMib();
    std::printf("job=%s model=%s file_mib=%.1f %s wall_ms=%.1f rss_before_mib=%.1f peak_rss_mib=%.1f "
                "rss_after_mib=%.1f peak_over_file=%.2f\n",
        name.c_str(), std::filesystem::path(file).filename().c_str(), fileMib, result.c_str(), wall.count(), before,
        peak, currentRssMib(), peak / fileMib);
    return 0;
}

std::string importJob(const std::string& model)
{
    auto imported = graphs::importOnnxFile(model, {});
    if (!imported) {
        std::fprintf(stderr, "%s\n", imported.error().toString().c_str());
        return {};
    }
    auto analysis = graphs::analyzeGraph(imported->graph);
    if (!analysis) {
        std::fprintf(stderr, "%s\n", analysis.error().toString().c_str());
        return {};
    }
    return "nodes=" + std::to_string(imported->graph->nodeCount())
        + " gmacs=" + std::to_string(static_cast<double>(analysis->totals.macs) / 1e9);
}

std::string analyzeJob(const std::string& model, const graphs::HardwareRegistry& registry, const std::string& id)
{
    graphs::AnalysisRequest request;
    request.modelPath = model;
    request.hardware = registry.find(id);
    request.fusion = graphs::bench::onnxruntimeRules();
    if (!request.hardware) {
        std::fprintf(stderr, "no registry entry '%s'\n", id.c_str());
        return {};
    }
    auto outcome = graphs::runAnalysis(request);
    if (!outcome) {
        std::fprintf(stderr, "%s\n", outcome.error().toString().c_str());
        return {};
    }
    return "hardware=" + id + " latency_ms=" + std::to_string(outcome->estimate->summary.latency.value);
}

std::string compareJob(const std::string& model, const graphs::HardwareRegistry& registry)
{
    graphs::AnalysisRequest request;
    request.modelPath = model;
    auto outcome = graphs::runAnalysis(request);
    if (!outcome) {
        std::fprintf(stderr, "%s\n", outcome.error().toString().c_str());
        return {};
    }
    const auto rules = graphs::bench::onnxruntimeRules();
    size_t estimated = 0;
    for (const auto& spec : registry.entries()) {
        if (graphs::estimateOn(*outcome->analysis, spec, graphs::Precision::FP32, rules, outcome->batch))
            ++estimated;
    }
    return "entries=" + std::to_string(registry.entries().size()) + " estimated=" + std::to_string(estimated);
}

int writeModel(const graphs::bench::TransformerShape& shape, const std::string& path)
{
    if (!graphs::bench::writeTransformerModel(shape, path)) {
        std::fprintf(stderr, "%s: cannot write\n", path.c_str());
        return 1;
    }
    std::error_code ec;
    std::printf("wrote %s: %d blocks, %d nodes, %lld parameters, %.1f MiB\n", path.c_str(), shape.blocks,
        shape.blocks * graphs::bench::kNodesPerBlock + 1,
        static_cast<long long>(graphs::bench::transformerParameters(shape)),
        static_cast<double>(std::filesystem::file_size(path, ec)) / kMib);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() < 2)
        return usage();
    const std::string& job = args[0];
    const std::string& path = args[1];
    if (job == "write-transformer" && args.size() == 3)
        return writeModel(graphs::bench::transformerWithNodes(std::stoi(args[2])), path);
    if (job == "write-full-weights") {
        graphs::bench::TransformerShape shape;
        shape.inlineWeights = true;
        if (args.size() == 3)
            shape.blocks = std::stoi(args[2]);
        return writeModel(shape, path);
    }
    if (job == "import" && args.size() == 2)
        return measure(job, path, [&] { return importJob(path); });
    // Loaded before the baseline: the registry is not part of the job's cost.
    const auto registry = graphs::bench::bundledRegistry();
    if (job == "analyze" && args.size() <= 3) {
        const std::string id = args.size() == 3 ? args[2] : "nvidia-h100-sxm5";
        return measure(job, path, [&] { return analyzeJob(path, registry, id); });
    }
    if (job == "compare" && args.size() == 2)
        return measure(job, path, [&] { return compareJob(path, registry); });
    return usage();
}
