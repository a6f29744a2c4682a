#include "calibration/training_data.h"

#include "benchmarks/operator_models.h"
#include "benchmarks/suite_definition.h"
#include "calibration/latency_features.h"
#include "core/scratch_dir.h"
#include "estimation/analysis_pipeline.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace graphs {

namespace fs = std::filesystem;

namespace {

/// The kernels of one model on the calibration's hardware, by the module name of their nodes.
using ModuleKernels = std::map<std::string, std::vector<SubgraphFeatures>>;

Result<ModuleKernels> moduleKernels(const std::string& modelPath, int64_t batch, const TrainingDataOptions& options)
{
    AnalysisRequest request;
    request.modelPath = modelPath;
    request.import.batch = batch;
    request.hardware = options.hardware;
    request.fusion = options.fusion;
    request.precision = options.precision;
    auto outcome = runAnalysis(request);
    if (!outcome)
        return outcome.error();
    if (!outcome->partition || !outcome->estimate)
        return Error { ErrorCode::InvalidArgument, "no hardware to estimate on", modelPath };
    const LatencyFeatures features
        = latencyFeatures(*outcome->analysis, *outcome->partition, *outcome->estimate, options.roofs);
    ModuleKernels byModule;
    for (const SubgraphFeatures& k : features.subgraphs) {
        std::set<std::string> modules;
        for (int n : outcome->partition->subgraphs.at(static_cast<size_t>(k.subgraph)).descriptor.nodes) {
            const std::string name = exportedModuleName(outcome->analysis->graph->node(n).name);
            if (!name.empty())
                modules.insert(name);
        }
        for (const std::string& m : modules)
            byModule[m].push_back(k);
    }
    return byModule;
}

/// The kernels of `kernels` that a row's module names cover: a kernel of a named module or of one below it (a
/// multi-head attention's projections); each kernel once.
std::vector<SubgraphFeatures> rowKernels(const ModuleKernels& kernels, const std::vector<std::string>& names)
{
    std::vector<SubgraphFeatures> out;
    std::set<int> seen;
    for (const std::string& name : names) {
        // Keys that start with the name in sorted order: the module, its children ("<name>_…") and its siblings with
        // longer indices ("features_10" between "features_1" and "features_1_conv"), which are skipped.
        for (auto it = kernels.lower_bound(name); it != kernels.end() && it->first.starts_with(name); ++it) {
            if (it->first != name && !it->first.starts_with(name + "_"))
                continue;
            for (const SubgraphFeatures& k : it->second) {
                if (seen.insert(k.subgraph).second)
                    out.push_back(k);
            }
        }
    }
    return out;
}

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

std::string exportedModuleName(const std::string& onnxNodeName)
{
    if (onnxNodeName.empty() || onnxNodeName.front() != '/')
        return {};
    std::vector<std::string> scopes;
    std::stringstream ss(onnxNodeName.substr(1));
    for (std::string part; std::getline(ss, part, '/');)
        scopes.push_back(part);
    if (scopes.size() < 2)
        return {};
    scopes.pop_back(); // the node's own name ("Conv", "Relu_1")
    std::vector<std::string> qualified;
    for (const std::string& s : scopes) {
        if (!qualified.empty() && s.starts_with(qualified.back() + "."))
            qualified.back() = s; // "layer1" then "layer1.0": a child of a container, named with its index
        else
            qualified.push_back(s);
    }
    std::string name;
    for (const std::string& q : qualified)
        name += (name.empty() ? "" : "_") + q;
    std::replace(name.begin(), name.end(), '.', '_');
    return name;
}

std::vector<std::string> importedNodeNames(const MeasurementRecord& record)
{
    std::vector<std::string> names;
    const auto colon = record.detail.find(':');
    if (colon == std::string::npos)
        return names;
    std::stringstream ss(record.detail.substr(colon + 1));
    for (std::string name; std::getline(ss, name, ',');) {
        const auto first = name.find_first_not_of(' ');
        const auto last = name.find_last_not_of(' ');
        if (first != std::string::npos)
            names.push_back(name.substr(first, last - first + 1));
    }
    return names;
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
    std::map<std::string, std::optional<ModuleKernels>> modelKernels; // by model and batch; empty: no file
    const auto kernelsOf = [&](const std::string& model, int64_t batch) -> const ModuleKernels* {
        const std::string key = model + "@" + std::to_string(batch);
        auto it = modelKernels.find(key);
        if (it == modelKernels.end()) {
            std::optional<ModuleKernels> found;
            std::string path = findModel(model + ".onnx", options.modelDirs);
            if (path.empty())
                path = findModel(model + ".structure.onnx", options.modelDirs);
            if (!path.empty() && options.hardware) {
                auto kernels = moduleKernels(path, batch, options);
                if (kernels)
                    found = std::move(*kernels);
                else
                    skipped.push_back({ Diagnostic::Severity::Warning,
                        "per-subgraph rows described by their totals: " + kernels.error().message, path });
            }
            it = modelKernels.emplace(key, std::move(found)).first;
        }
        return it->second ? &*it->second : nullptr;
    };
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
            // The estimator's kernels of the modules the row names, where the model's file is at hand.
            std::vector<SubgraphFeatures> kernels;
            if (const ModuleKernels* byModule = kernelsOf(point.group, r.batch)) {
                kernels = rowKernels(*byModule, importedNodeNames(r));
                // The profiles count a convolution's or a product's multiply-accumulates but not the element-wise
                // work fused after it (a conv+ReLU row has its convolution's FLOPs, a max-pool row none), while an
                // add row counts one per element: the row agrees with its kernels' MAC FLOPs or with their total.
                double macs = 0;
                double total = 0;
                for (const SubgraphFeatures& k : kernels) {
                    macs += k.macFlops;
                    total += k.flops;
                }
                const auto near = [&](double flops) {
                    return r.flops > 0 ? flops > 0 && std::max(flops, r.flops) <= 1.5 * std::min(flops, r.flops)
                                       : flops == 0;
                };
                const bool agree = near(macs) || near(total);
                if (!agree)
                    kernels.clear();
            }
            if (kernels.empty()) {
                kernels.push_back(kernelFeatures(importedSubgraphClass(r), r.flops, r.bytes, options.roofs));
                if (options.hardware)
                    kernels.back().terms[kernels.back().opClass + ":compute"] *= tf32ConvolutionShare(
                        kernels.back().opClass, *options.hardware, options.precision, options.fusion.tf32Convolutions);
            }
            // The launches and host cost are the row's: an eager framework launches one kernel per node it names
            // (a batch norm the export folded into its convolution included), then the harness synchronises once
            // (schema 2.0). They stay on the row's largest kernel.
            for (SubgraphFeatures& k : kernels) {
                k.terms.erase(k.opClass + ":kernels");
                k.terms.erase(k.opClass + ":host");
                k.terms.erase(k.opClass + ":outputs");
                k.terms.erase(k.opClass + ":inputs");
                k.terms.erase(k.opClass + ":weights");
            }
            SubgraphFeatures& largest = *std::max_element(kernels.begin(), kernels.end(),
                [](const SubgraphFeatures& a, const SubgraphFeatures& b) { return a.flops < b.flops; });
            largest.terms[largest.opClass + ":kernels"] = static_cast<double>(importedNodeCount(r));
            if (options.fusion.host && options.hardware)
                largest.terms[largest.opClass + ":host"] = harnessHostSeconds(importedNodeClasses(r), options);
            point.features.subgraphs = std::move(kernels);
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
