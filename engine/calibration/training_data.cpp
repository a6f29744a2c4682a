#include "calibration/training_data.h"

#include "benchmarks/operator_models.h"
#include "benchmarks/suite_definition.h"
#include "core/scratch_dir.h"
#include "estimation/unified_analyzer.h"

#include <filesystem>

namespace graphs {

namespace fs = std::filesystem;

namespace {

std::string findModel(const std::string& fileName, const std::vector<std::string>& dirs)
{
    std::error_code ec;
    for (const std::string& dir : dirs) {
        const fs::path candidate = fs::path(dir) / fileName;
        if (fs::is_regular_file(candidate, ec))
            return candidate.string();
    }
    return {};
}

} // namespace

Result<std::vector<TrainingPoint>> trainingPoints(const std::vector<MeasurementRecord>& records,
    const TrainingDataOptions& options, Diagnostics& skipped)
{
    const ScratchDir scratchDir;
    const std::string& scratch = scratchDir.path();
    if (scratch.empty())
        return Error { ErrorCode::Io, "cannot create a temporary folder", "calibration" };

    std::vector<TrainingPoint> points;
    for (const MeasurementRecord& r : records) {
        AnalysisRequest request;
        request.hardware = options.hardware;
        request.fusion = options.fusion;
        request.precision = options.precision;
        TrainingPoint point;
        point.name = r.benchmark;
        point.measuredSeconds = r.medianMs / 1000;
        if (r.kind == "operator") {
            const std::string op = r.detail.substr(0, r.detail.find('/'));
            auto c = operatorCaseFromText(op, r.shape);
            if (!c) {
                skipped.push_back({ Diagnostic::Severity::Warning, c.error().message, r.benchmark });
                continue;
            }
            request.modelPath = (fs::path(scratch) / "operator.onnx").string();
            if (auto written = writeOperatorModel(*c, request.modelPath); !written)
                return written.error();
        } else if (r.kind == "workload") {
            request.modelPath = findModel(r.detail, options.modelDirs);
            if (request.modelPath.empty()) {
                skipped.push_back({ Diagnostic::Severity::Warning,
                    "model file '" + r.detail + "' not found in the model folders", r.benchmark });
                continue;
            }
            request.import.batch = r.batch;
            point.group = r.detail;
        } else {
            continue;
        }
        auto features = latencyFeatures(request);
        if (!features) {
            skipped.push_back({ Diagnostic::Severity::Warning, features.error().message, r.benchmark });
            continue;
        }
        point.features = std::move(*features);
        points.push_back(std::move(point));
    }
    return points;
}

} // namespace graphs
