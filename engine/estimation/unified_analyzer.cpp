#include "estimation/unified_analyzer.h"

namespace graphs {

namespace {

int64_t boundBatch(const ComputeGraph& graph)
{
    const auto inputs = graph.inputs();
    if (inputs.empty())
        return 1;
    const Shape& s = graph.tensor(inputs.front()).shape;
    return s.rank() > 0 && s.dims[0].isKnown() && s.dims[0].value > 0 ? s.dims[0].value : 1;
}

} // namespace

EstimateOptions runtimeOptions(const FusionRules& fusion, const HardwareSpec& hardware)
{
    EstimateOptions options;
    auto it = fusion.kernelOverheadUs.find(std::string(categoryName(hardware.category)));
    if (it != fusion.kernelOverheadUs.end())
        options.kernelOverheadUs = it->second;
    options.workspaceBytes = fusion.workspaceBytes;
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
    ImportOptions import = request.import;
    import.progress = scaled(0.0, 0.8);
    auto imported = importOnnxFile(request.modelPath, import);
    if (!imported)
        return imported.error();

    auto analysis = analyzeGraph(imported->graph, scaled(0.8, 0.9));
    if (!analysis) {
        Error e = analysis.error();
        if (e.code != ErrorCode::Cancelled)
            e.location = request.modelPath + (e.location.empty() ? "" : ": node '" + e.location + "'");
        return e;
    }
    AnalysisOutcome outcome;
    outcome.diagnostics = imported->diagnostics;
    outcome.diagnostics.insert(outcome.diagnostics.end(), analysis->diagnostics.begin(), analysis->diagnostics.end());
    analysis->diagnostics = outcome.diagnostics;
    outcome.batch = boundBatch(*imported->graph);
    outcome.analysis = std::make_shared<const GraphAnalysis>(std::move(*analysis));

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
