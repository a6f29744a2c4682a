#include "estimation/analysis_pipeline.h"

namespace graphs {

int64_t boundBatch(const GraphAnalysis& analysis)
{
    if (!analysis.graph || analysis.graph->inputs().empty())
        return 1;
    const Shape& s = analysis.graph->tensor(analysis.graph->inputs().front()).shape;
    return s.rank() > 0 && s.dims[0].isKnown() && s.dims[0].value > 0 ? s.dims[0].value : 1;
}

Result<std::shared_ptr<const GraphAnalysis>> loadAnalysis(const std::string& modelPath, ImportOptions import,
    const ProgressCallback& progress)
{
    // Import (parsing, shape inference) dominates: it gets 90% of the bar, the counts the rest.
    auto scaled = [&](double from, double to) -> ProgressCallback {
        if (!progress)
            return {};
        return [=](double f) { return progress(from + (to - from) * f); };
    };
    import.progress = scaled(0.0, 0.9);
    auto imported = importOnnxFile(modelPath, import);
    if (!imported)
        return imported.error();
    auto analysis = analyzeGraph(imported->graph, scaled(0.9, 1.0));
    if (!analysis) {
        Error e = analysis.error();
        if (e.code != ErrorCode::Cancelled)
            e.location = modelPath + (e.location.empty() ? "" : ": node '" + e.location + "'");
        return e;
    }
    Diagnostics all = imported->diagnostics;
    all.insert(all.end(), analysis->diagnostics.begin(), analysis->diagnostics.end());
    analysis->diagnostics = std::move(all);
    return std::make_shared<const GraphAnalysis>(std::move(*analysis));
}


EstimateOptions runtimeOptions(const FusionRules& fusion, const HardwareSpec& hardware)
{
    EstimateOptions options;
    auto it = fusion.kernelOverheadUs.find(std::string(categoryName(hardware.category)));
    if (it != fusion.kernelOverheadUs.end())
        options.kernelOverheadUs = it->second;
    options.hostCosts = fusion.host;
    // On a CPU the framework's dispatch is the kernel's fixed cost: the entry's launch overhead is not paid again.
    if (fusion.host && hardware.mapper == MapperKind::Cpu && !options.kernelOverheadUs)
        options.kernelOverheadUs = 0.0;
    options.workspaceBytes = fusion.workspaceBytes;
    options.tf32Convolutions = fusion.tf32Convolutions;
    options.priors.fixedConvolutionTiles = fusion.fixedConvolutionTiles;
    return options;
}

Result<std::pair<Partition, ModelEstimate>> estimateOn(const GraphAnalysis& analysis,
    std::shared_ptr<const HardwareSpec> hardware, Precision precision, const FusionRules& fusion, int64_t batch)
{
    auto partition = partitionGraph(analysis, fusion);
    if (!partition)
        return partition.error();
    EstimateOptions options = runtimeOptions(fusion, *hardware);
    options.precision = precision;
    options.batch = batch;
    auto estimate = estimateModel(analysis, *partition, std::move(hardware), options, fusion.runtimeId);
    if (!estimate)
        return estimate.error();
    return std::make_pair(std::move(*partition), std::move(*estimate));
}

Result<AnalysisOutcome> runAnalysis(const AnalysisRequest& request, const ProgressCallback& progress)
{
    auto scaled = [&](double from, double to) -> ProgressCallback {
        if (!progress)
            return {};
        return [=](double f) { return progress(from + (to - from) * f); };
    };
    auto analysis = loadAnalysis(request.modelPath, request.import, scaled(0.0, 0.9));
    if (!analysis)
        return analysis.error();
    AnalysisOutcome outcome;
    outcome.analysis = std::move(*analysis);
    outcome.diagnostics = outcome.analysis->diagnostics;
    outcome.batch = boundBatch(*outcome.analysis);

    if (request.hardware) {
        if (progress && !progress(0.9))
            return Error { ErrorCode::Cancelled, "analysis cancelled", request.modelPath };
        auto estimated = estimateOn(*outcome.analysis, request.hardware, request.precision, request.fusion,
            outcome.batch);
        if (!estimated)
            return estimated.error();
        outcome.partition = std::move(estimated->first);
        outcome.estimate = std::move(estimated->second);
    }
    if (progress)
        progress(1.0);
    return outcome;
}

} // namespace graphs
