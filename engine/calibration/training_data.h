#pragma once

#include "benchmarks/results_registry.h"
#include "calibration/latency_model.h"
#include "calibration/roofline_fit.h"
#include "core/diagnostic.h"
#include "core/error.h"
#include "hardware/hardware_spec.h"
#include "transform/fusion_rules.h"

#include <memory>
#include <string>
#include <vector>

namespace graphs {

struct TrainingDataOptions
{
    std::shared_ptr<const HardwareSpec> hardware; ///< the entry the measurements were taken on
    FusionRules fusion;                           ///< the runtime's fusion rules
    Precision precision = Precision::FP32;
    std::vector<std::string> modelDirs;           ///< where workload rows' model files (the `detail` column) are found
    RooflineFit roofs;                            ///< what the features are measured against
};

/// The group a model file belongs to: its name without the folder, `.onnx` and a `.structure` marker, so a
/// structure-only file and the same model with its weights are one model and are held out together.
std::string modelGroup(const std::string& fileName);

/// The estimator's operator class of each node an imported per-subgraph measurement names, for its host cost: by the
/// fusion pattern's module types when it names one per node ("Conv2d_BatchNorm2d_ReLU: conv1, bn1, relu" →
/// convolution, normalization, elementwise), else by the node's own name; a node without FLOPs that is no
/// arithmetic (flatten, getitem) is a view.
std::vector<std::string> importedNodeClasses(const MeasurementRecord& record);

/// The calibration class of an imported per-subgraph measurement (kind "subgraph"), from its fusion pattern,
/// operation type and node names ("Conv2d_BatchNorm2d_ReLU (conv2d_batchnorm): conv1, bn1, relu" → "conv-standard": the kind of a
/// convolution is not recorded).
std::string importedSubgraphClass(const MeasurementRecord& record);

/// The nodes an imported subgraph names after its ':' ("…: conv1, bn1, relu" → 3); 1 when it names none.
size_t importedNodeCount(const MeasurementRecord& record);

/// The PyTorch module an exported ONNX node belongs to, named as torch.fx names it in a per-subgraph profile: the
/// export's scope path ("/layer1/layer1.0/conv1/Conv", each level an attribute name or, below a container, the
/// container's name with ".index") made one qualified name ("layer1.0.conv1") with '_' for '.' ("layer1_0_conv1").
/// "" for a node outside any module ("/Add", "Identity_3").
std::string exportedModuleName(const std::string& onnxNodeName);

/// The module names an imported per-subgraph row lists after its ':' ("…: conv1, bn1, relu"), trimmed.
std::vector<std::string> importedNodeNames(const MeasurementRecord& record);

/// The class of an operator measured by another tool (a row with a `source`): "matmul, median of 11 runs" → "matrix",
/// "vector_add" → "elementwise".
std::string importedOperatorClass(const MeasurementRecord& record);

/// Turns stored measurements into training points:
/// - each operator row's model is written again from its shape and estimated;
/// - each workload row's model is found by file name in `modelDirs` and estimated at the row's batch, grouped by
///   modelGroup();
/// - each imported operator row (another tool's, with a `source`) is one kernel of its class, ungrouped;
/// - each imported subgraph row (with FLOPs and bytes) is grouped by its model (the part of the benchmark name before
///   '/'). Where that model's ONNX file is in `modelDirs` (`<model>.onnx` or `<model>.structure.onnx`), the row's
///   kernels are the estimator's kernels of the nodes whose module (exportedModuleName()) the row names, or lies
///   below one it names, with their shapes, traffic per level and GEMM terms, provided their FLOPs agree with the
///   row's within a factor of 1.5; the row's own node count and host cost stay on its largest kernel. Otherwise the
///   row is one kernel of its class described by its FLOPs and bytes.
/// Roof rows are skipped; rows that cannot be rebuilt are skipped with a warning in `skipped`.
/// `progress` sees the share of records done; returning false stops with ErrorCode::Cancelled.
Result<std::vector<TrainingPoint>> trainingPoints(const std::vector<MeasurementRecord>& records,
    const TrainingDataOptions& options, Diagnostics& skipped, const ProgressCallback& progress = {});

} // namespace graphs
