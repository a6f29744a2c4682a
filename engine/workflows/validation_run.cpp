#include "workflows/validation_run.h"

#include "benchmarks/results_registry.h"
#include "calibration/calibrated_estimate.h"
#include "calibration/training_data.h"
#include "estimation/analysis_pipeline.h"
#include "validation/node_matching.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>

namespace graphs {

namespace {

namespace fs = std::filesystem;

/// The newest stored whole-model measurement of one model file.
struct Measured
{
    MeasurementRecord row;
    std::string file; ///< results file
};

std::map<std::string, Measured> storedMeasurements(const ValidationRunRequest& request, Diagnostics& notes)
{
    std::map<std::string, Measured> newest;
    const std::string precision(precisionName(request.precision));
    for (const std::string& relative : storedResultsFiles(request.registryDir, request.hardware->id, request.runtime)) {
        const fs::path f = fs::path(request.registryDir) / relative;
        auto rows = loadResults(f.string());
        if (!rows) {
            notes.push_back({ Diagnostic::Severity::Warning, rows.error().message, f.string() });
            continue;
        }
        for (MeasurementRecord& r : *rows) {
            if (r.kind != MeasurementKind::Workload || r.precision != precision || r.batch != request.batch
                || (request.threads > 0 && r.threads != request.threads))
                continue;
            auto it = newest.find(r.detail);
            if (it == newest.end() || it->second.row.date <= r.date)
                newest[r.detail] = { r, f.string() };
        }
    }
    return newest;
}

std::string confidenceText(Confidence c)
{
    std::string text(confidenceName(c));
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return text;
}

/// One point per subgraph that the runtime's profiler timed, for the model just estimated: the profiled nodes are
/// matched to subgraphs by name, and a note says how much of the profiled time could not be matched.
void addSubgraphPoints(const std::string& modelPath, const AnalysisOutcome& outcome, const ValidationPoint& whole,
    const std::vector<BenchmarkResult>& profiled, ValidationRunResult& result)
{
    const BenchmarkResult* run = nullptr;
    for (const BenchmarkResult& r : profiled)
        if (fs::path(r.modelPath).filename() == fs::path(modelPath).filename())
            run = &r;
    if (!run || run->nodes.empty()) {
        result.notes.push_back({ Diagnostic::Severity::Warning,
            "the runtime gave no per-node times for " + whole.model
                + " (the native runtime has no profiler; use --runtime onnxruntime)",
            modelPath });
        return;
    }
    const NodeTimeMatch match = matchNodeTimes(*outcome.analysis->graph, *outcome.partition, run->nodes);
    const double profiledSeconds = match.matchedSeconds + match.unmatchedSeconds;
    result.notes.push_back({ Diagnostic::Severity::Note,
        whole.model + ": " + std::to_string(match.secondsBySubgraph.size()) + " subgraphs timed by the profiler; "
            + std::to_string(static_cast<int>(std::lround(100 * match.matchedSeconds / std::max(profiledSeconds, 1e-12))))
            + "% of the profiled time matched, " + std::to_string(match.unmatched.size())
            + " runtime node(s) unmatched",
        {} });
    for (const auto& [index, seconds] : match.secondsBySubgraph) {
        const SubgraphEstimate& e = outcome.estimate->subgraphs[static_cast<size_t>(index)];
        if (!(seconds > 0) || !(e.latency.value > 0))
            continue; // a view the runtime still timed, or a node it reports at 0: nothing to compare
        ValidationPoint p = whole;
        p.item = "#" + std::to_string(index) + " " + outcome.partition->subgraphs[static_cast<size_t>(index)].label;
        p.measuredSeconds = seconds;
        p.estimatedSeconds = e.latency.value / 1000;
        p.errorBoundPct = e.latency.errorBoundPct;
        p.confidence = confidenceText(e.latency.confidence);
        result.points.push_back(std::move(p));
    }
}

} // namespace

Result<ValidationRunResult> assembleValidation(const ValidationRunRequest& request, const ProgressCallback& progress)
{
    if (!request.hardware)
        return Error { ErrorCode::InvalidArgument, "no hardware to validate on", {} };
    ValidationRunResult result;
    const auto measured = storedMeasurements(request, result.notes);
    const Calibration* calibration = request.calibration.get();
    for (size_t i = 0; i < request.models.size(); ++i) {
        if (progress && !progress(static_cast<double>(i) / static_cast<double>(request.models.size())))
            return Error { ErrorCode::Cancelled, "validation cancelled", {} };
        const std::string& model = request.models[i];
        const std::string fileName = fs::path(model).filename().string();
        const auto m = measured.find(fileName);
        if (m == measured.end()) {
            result.unmeasured.push_back(fileName);
            continue;
        }
        AnalysisRequest analysis;
        analysis.modelPath = model;
        analysis.import.batch = request.batch;
        analysis.hardware = request.hardware;
        analysis.precision = request.precision;
        analysis.fusion = request.fusion;
        auto outcome = runAnalysis(analysis);
        if (!outcome)
            return outcome.error();
        if (calibration)
            applyCalibration(*outcome->analysis, *outcome->partition, *outcome->estimate, *calibration);
        const EstimationResult& latency = outcome->estimate->summary.latency;
        ValidationPoint p;
        p.model = modelGroup(fileName) == fileName ? fileName : fs::path(fileName).stem().string();
        p.measuredSeconds = m->second.row.medianMs / 1000;
        p.estimatedSeconds = latency.value / 1000;
        p.errorBoundPct = latency.errorBoundPct;
        p.confidence = confidenceText(latency.confidence);
        if (calibration) {
            const MeasurementRecord& r = m->second.row;
            const bool sameRow = calibration->measurementKeys.count(measurementKey(m->second.file, r)) > 0;
            const bool sameModel = calibration->groupErrors.count(modelGroup(fileName)) > 0;
            p.usedInCalibration = sameRow || sameModel;
            if (p.usedInCalibration)
                result.overlaps.push_back(
                    fileName + (sameRow ? " (this measurement was fitted on)" : " (this model was fitted on)"));
        }
        const ValidationPoint whole = p;
        result.points.push_back(std::move(p));
        if (request.profiled)
            addSubgraphPoints(model, *outcome, whole, *request.profiled, result);
    }
    return result;
}

} // namespace graphs
