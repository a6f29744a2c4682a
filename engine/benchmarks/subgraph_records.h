#pragma once

// A profiled run's per-node times as measurements of the product's subgraphs: each runtime node (an ONNX Runtime
// kernel, a TensorRT layer named after its ONNX nodes) is matched to the subgraph holding the graph node it ran
// (validation/node_matching.h), and each subgraph the profiler timed becomes one "subgraph" row of the results
// registry, with the work and bytes the product counts for it, so calibration can fit kernel by kernel.

#include "benchmarks/results_registry.h"
#include "hardware/precision.h"
#include "validation/node_matching.h"

#include <string>
#include <vector>

namespace graphs {

class ComputeGraph;
struct Partition;

struct SubgraphRecords
{
    std::vector<MeasurementRecord> rows; ///< one per subgraph with a positive profiled time, in subgraph order
    NodeTimeMatch match;                 ///< how much of the profiled time matched (reported to the user)
    /// "squeezenet1_1: 26 subgraphs timed by the profiler; 96% of the profiled time matched, 2 runtime node(s)
    /// unmatched"
    std::string summary() const;
    std::string model;
};

/// Rows for `run` (a BenchmarkResult with `nodes`), measured on a model whose graph and partition (by the runtime's
/// fusion rules) are given. `precision` sets the bytes a floating-point tensor takes. Each row: benchmark
/// "<model>/sg<index>", kind "subgraph", median and mean the summed mean time of the runtime nodes matched to it,
/// detail "<fusion> (<calibration class>) <label>: <runtime node>, …" (one name per kernel the runtime launched),
/// flops and bytes as
/// the partition counts them; date, runtime, precision, batch and threads from `run`.
SubgraphRecords subgraphRecords(const ComputeGraph& graph, const Partition& partition, const BenchmarkResult& run,
    Precision precision, const std::string& date);

} // namespace graphs
