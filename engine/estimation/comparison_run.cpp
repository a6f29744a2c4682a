#include "estimation/comparison_run.h"

#include "estimation/analysis_pipeline.h"
#include "reporting/analysis_report.h"

#include <algorithm>

namespace graphs {

namespace {

Error cancelled(const std::string& model)
{
    return Error { ErrorCode::Cancelled, "comparison cancelled", model };
}

} // namespace

Result<ComparisonOutcome> runComparison(const ComparisonRequest& request, const ProgressCallback& progress)
{
    // One unit per import and one per estimate: an import of a large model outweighs an estimate, but both grow
    // with the model, so the bar moves evenly enough without timing either.
    const double perImport = 1.0 + static_cast<double>(request.hardware.size() * request.precisions.size());
    const double total = static_cast<double>(request.models.size() * request.batches.size()) * perImport;
    double done = 0;
    const auto report = [&](double units) { return !progress || total <= 0 || progress(std::min(1.0, units / total)); };

    ComparisonOutcome outcome;
    for (const std::string& model : request.models) {
        for (int64_t batch : request.batches) {
            AnalysisRequest analysisRequest;
            analysisRequest.modelPath = model;
            analysisRequest.import.batch = batch;
            ProgressCallback importProgress;
            if (progress)
                importProgress = [&](double f) { return report(done + f); };
            auto analysed = runAnalysis(analysisRequest, importProgress);
            if (!analysed) {
                if (analysed.error().code == ErrorCode::Cancelled)
                    return analysed.error();
                outcome.failures.push_back({ model, batch, {}, analysed.error() });
                if (!request.keepGoing)
                    return outcome;
                done += perImport;
                if (!report(done))
                    return cancelled(model);
                continue;
            }
            done += 1;
            const GraphAnalysis& analysis = *analysed->analysis;
            for (const auto& spec : request.hardware) {
                for (Precision p : request.precisions) {
                    if (!report(done))
                        return cancelled(model);
                    done += 1;
                    if (spec->peakOpsPerSecond(p) <= 0)
                        continue; // a precision the entry lacks is left out of the table, not an error
                    auto estimated = estimateOn(analysis, spec, p, request.fusion, batch);
                    if (!estimated) {
                        outcome.failures.push_back({ model, batch, spec->id, estimated.error() });
                        if (!request.keepGoing)
                            return outcome;
                        continue;
                    }
                    if (request.refine)
                        request.refine(analysis, estimated->first, estimated->second);
                    ComparisonRow row;
                    row.model = modelDisplayName(*analysis.graph);
                    row.hardwareId = spec->id;
                    row.hardwareName = spec->name;
                    row.batch = batch;
                    row.precision = p;
                    row.summary = estimated->second.summary;
                    row.energy = estimated->second.energy;
                    outcome.rows.push_back(std::move(row));
                }
            }
        }
    }
    markParetoFront(outcome.rows);
    report(total);
    return outcome;
}

} // namespace graphs
