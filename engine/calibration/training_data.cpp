#include "calibration/training_data.h"

#include "benchmarks/operator_models.h"
#include "benchmarks/suite_definition.h"
#include "core/scratch_dir.h"
#include "estimation/analysis_pipeline.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

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

std::string lower(std::string text)
{
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

bool contains(const std::string& text, const char* part)
{
    return text.find(part) != std::string::npos;
}

/// The host cost of an imported measurement timed by an eager harness: each of its operators (by class) called
/// through the framework, then one synchronisation with the device. Needs options.fusion.host and options.hardware.
double harnessHostSeconds(const std::vector<std::string>& operatorClasses, const TrainingDataOptions& options)
{
    double seconds = 0;
    for (const std::string& c : operatorClasses)
        seconds += hostOperatorSeconds(*options.fusion.host, c, *options.hardware);
    EstimateOptions withHost;
    withHost.hostCosts = options.fusion.host;
    return seconds + hostSyncSeconds(withHost, *options.hardware);
}

} // namespace

std::string modelGroup(const std::string& fileName)
{
    std::string name = fs::path(fileName).filename().string();
    for (const char* suffix : { ".onnx", ".structure" }) {
        const std::string s(suffix);
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0)
            name.resize(name.size() - s.size());
    }
    return name;
}

std::string importedSubgraphClass(const MeasurementRecord& record)
{
    const std::string detail = lower(record.detail);
    const auto open = detail.find('(');
    const auto close = detail.find(')', open == std::string::npos ? 0 : open);
    const std::string opType = open != std::string::npos && close != std::string::npos
        ? detail.substr(open + 1, close - open - 1)
        : std::string();
    const std::string nodes = detail.substr(std::min(detail.size(), detail.find(':') == std::string::npos
                                                                        ? detail.size()
                                                                        : detail.find(':') + 1));
    // Rows this program stored itself (graphs benchmark --profile) name the subgraph's own calibration class.
    for (const char* own : { "matrix", "elementwise", "normalization", "softmax", "pooling", "reduction",
             "data_movement" })
        if (opType == own)
            return opType;
    if (opType.rfind("conv-", 0) == 0)
        return opType;
    // The record does not say which kind of convolution it is: it is held to the standard convolution's class, so
    // that estimates of standard convolutions use it and other kinds stay EXTRAPOLATED.
    if (contains(opType, "conv"))
        return "conv-standard";
    if (contains(opType, "matmul") || contains(opType, "linear"))
        return "matrix";
    if (contains(opType, "activation") || contains(opType, "elementwise"))
        return "elementwise";
    // Unfused nodes: told apart by what they are named after.
    if (contains(nodes, "pool"))
        return "pooling";
    if (contains(nodes, "norm"))
        return "normalization";
    if (contains(nodes, "add") || contains(nodes, "mul") || contains(nodes, "relu") || contains(nodes, "gelu"))
        return "elementwise";
    if (record.flops <= 0)
        return "data_movement";
    return "matrix";
}

size_t importedNodeCount(const MeasurementRecord& record)
{
    const auto colon = record.detail.find(':');
    if (colon == std::string::npos)
        return 1;
    const std::string nodes = record.detail.substr(colon + 1);
    return std::max<size_t>(1, static_cast<size_t>(std::count(nodes.begin(), nodes.end(), ',')) + 1);
}

std::vector<std::string> importedNodeClasses(const MeasurementRecord& record)
{
    const std::string detail = lower(record.detail);
    const auto colon = detail.find(':');
    const std::string pattern = detail.substr(0, std::min(detail.find(' '), colon));
    std::vector<std::string> names;
    if (colon != std::string::npos) {
        std::stringstream ss(detail.substr(colon + 1));
        std::string name;
        while (std::getline(ss, name, ','))
            names.push_back(name);
    }
    if (names.empty())
        names.push_back(pattern);
    // A fused pattern names its modules in order ("conv2d_batchnorm2d_relu" for "conv1, bn1, relu"); an unfused
    // node is known by its own name.
    std::vector<std::string> types;
    std::stringstream ps(pattern);
    for (std::string t; std::getline(ps, t, '_');)
        types.push_back(t);
    const bool byPattern = pattern != "unfused" && types.size() == names.size();
    std::vector<std::string> classes;
    for (size_t i = 0; i < names.size(); ++i) {
        const std::string& what = byPattern ? types[i] : names[i];
        if (contains(what, "conv"))
            classes.push_back("convolution");
        else if (contains(what, "norm") || contains(what, "bn"))
            classes.push_back("normalization");
        else if (contains(what, "linear") || contains(what, "matmul") || contains(what, "fc")
            || contains(what, "head") || contains(what, "classifier"))
            classes.push_back(record.flops > 0 ? "matrix" : "view");
        else if (contains(what, "pool"))
            classes.push_back("pooling");
        else if (contains(what, "softmax"))
            classes.push_back("softmax");
        else if (contains(what, "cat") || contains(what, "transpose") || contains(what, "permute"))
            classes.push_back("data_movement");
        else if (record.flops <= 0 && !contains(what, "add") && !contains(what, "relu"))
            classes.push_back("view"); // flatten, getitem, getattr, size arithmetic: a call without a kernel
        else
            classes.push_back("elementwise");
    }
    return classes;
}

std::string importedOperatorClass(const MeasurementRecord& record)
{
    const std::string detail = lower(record.detail.empty() ? record.benchmark : record.detail);
    const std::string op = detail.substr(0, detail.find_first_of(",/ "));
    if (contains(op, "matmul") || contains(op, "linear") || contains(op, "gemm"))
        return "matrix";
    if (contains(op, "conv"))
        return "conv-standard";
    if (contains(op, "softmax"))
        return "softmax";
    if (contains(op, "norm"))
        return "normalization";
    if (contains(op, "pool"))
        return "pooling";
    return "elementwise";
}

Result<std::vector<TrainingPoint>> trainingPoints(const std::vector<MeasurementRecord>& records,
    const TrainingDataOptions& options, Diagnostics& skipped, const ProgressCallback& progress)
{
    const ScratchDir scratchDir;
    const std::string& scratch = scratchDir.path();
    if (scratch.empty())
        return Error { ErrorCode::Io, "cannot create a temporary folder", "calibration" };

    std::vector<TrainingPoint> points;
    for (size_t index = 0; index < records.size(); ++index) {
        if (progress && !progress(static_cast<double>(index) / static_cast<double>(records.size())))
            return Error { ErrorCode::Cancelled, "calibration cancelled", "calibration" };
        const MeasurementRecord& r = records[index];
        TrainingPoint point;
        point.record = index;
        point.name = r.benchmark;
        point.measuredSeconds = r.medianMs / 1000;
        if (r.kind == MeasurementKind::Operator && !r.source.empty()) {
            // An operator measured by another tool: its totals are all there is, one kernel of its class.
            if (r.flops < 0 || r.bytes < 0) {
                skipped.push_back({ Diagnostic::Severity::Warning, "no FLOPs or bytes recorded", r.benchmark });
                continue;
            }
            SubgraphFeatures k = kernelFeatures(importedOperatorClass(r), r.flops, r.bytes, options.roofs);
            if (options.hardware)
                k.terms[k.opClass + ":compute"] *= tf32ConvolutionShare(
                    k.opClass, *options.hardware, options.precision, options.fusion.tf32Convolutions);
            // One operator called through the framework and synchronised after, as a single-operator harness does.
            if (options.fusion.host && options.hardware)
                k.terms[k.opClass + ":host"] = harnessHostSeconds(
                    { k.opClass.starts_with("conv-") ? "convolution" : k.opClass }, options);
            point.features.subgraphs.push_back(std::move(k));
            points.push_back(std::move(point));
            continue;
        }
        if (r.kind == MeasurementKind::Subgraph) {
            if (r.flops < 0 || r.bytes < 0) {
                skipped.push_back({ Diagnostic::Severity::Warning, "no FLOPs or bytes recorded", r.benchmark });
                continue;
            }
            point.group = r.benchmark.substr(0, r.benchmark.find('/'));
            SubgraphFeatures k = kernelFeatures(importedSubgraphClass(r), r.flops, r.bytes, options.roofs);
            if (options.hardware)
                k.terms[k.opClass + ":compute"] *= tf32ConvolutionShare(
                    k.opClass, *options.hardware, options.precision, options.fusion.tf32Convolutions);
            // A fused pattern measured in an eager framework still launches one kernel per node it names.
            k.terms[k.opClass + ":kernels"] = static_cast<double>(importedNodeCount(r));
            // Each node's host cost, and the harness's synchronisation after the subgraph (schema 2.0).
            if (options.fusion.host && options.hardware)
                k.terms[k.opClass + ":host"] = harnessHostSeconds(importedNodeClasses(r), options);
            point.features.subgraphs.push_back(std::move(k));
            points.push_back(std::move(point));
            continue;
        }
        AnalysisRequest request;
        request.hardware = options.hardware;
        request.fusion = options.fusion;
        request.precision = options.precision;
        if (r.kind == MeasurementKind::Operator) {
            const std::string op = r.detail.substr(0, r.detail.find('/'));
            auto c = operatorCaseFromText(op, r.shape);
            if (!c) {
                skipped.push_back({ Diagnostic::Severity::Warning, c.error().message, r.benchmark });
                continue;
            }
            request.modelPath = (fs::path(scratch) / "operator.onnx").string();
            if (auto written = writeOperatorModel(*c, request.modelPath); !written)
                return written.error();
        } else if (r.kind == MeasurementKind::Workload) {
            request.modelPath = findModel(r.detail, options.modelDirs);
            if (request.modelPath.empty()) {
                skipped.push_back({ Diagnostic::Severity::Warning,
                    "model file '" + r.detail + "' not found in the model folders", r.benchmark });
                continue;
            }
            request.import.batch = r.batch;
            point.group = modelGroup(r.detail);
        } else {
            continue;
        }
        auto features = latencyFeatures(request, options.roofs);
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
