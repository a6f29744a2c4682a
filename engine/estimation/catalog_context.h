#pragma once

// Internal to the operator catalog: what a cost function sees of its node, with checked counting.

#include "core/checked_math.h"
#include "estimation/operator_catalog.h"
#include "ir/compute_graph.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace graphs::catalog {

/// Thrown inside cost functions and caught at the catalog boundary: keeps the per-op formulas readable.
struct CountFailure
{
    Error error;
};

class CostContext
{
public:
    CostContext(const ComputeGraph& graph, const Node& node) : m_graph(graph), m_node(node) { }

    const Node& node() const { return m_node; }
    const ComputeGraph& graph() const { return m_graph; }
    size_t inputCount() const { return m_node.inputs.size(); }
    bool hasInput(size_t i) const { return i < m_node.inputs.size() && m_node.inputs[i] >= 0; }
    const TensorDescriptor& input(size_t i) const;
    const TensorDescriptor& output(size_t i) const;

    /// Concrete dimensions of input/output i; throws CountFailure when unknown.
    std::vector<int64_t> inputDims(size_t i) const;
    std::vector<int64_t> outputDims(size_t i) const;
    int64_t inputElements(size_t i) const;
    int64_t outputElements(size_t i = 0) const;
    int64_t elements(const TensorDescriptor& t) const;
    int64_t bytes(const TensorDescriptor& t) const;

    /// Checked arithmetic that throws CountFailure naming this node on overflow.
    int64_t mul(int64_t a, int64_t b) const;
    int64_t add(int64_t a, int64_t b) const;

    /// Default memory profile: every present input read whole, every output written whole.
    void readAllInputs(NodeCost& cost) const;
    void writeAllOutputs(NodeCost& cost) const;
    void readInput(size_t i, NodeCost& cost) const;
    /// Reads `bytes` from input i's storage (activation or weight, as input i is).
    void readPartOfInput(size_t i, int64_t bytes, NodeCost& cost) const;

    [[noreturn]] void fail(ErrorCode code, const std::string& message) const;

private:
    const ComputeGraph& m_graph;
    const Node& m_node;
};

using CostFunction = NodeCost (*)(const CostContext&);
using CostTable = std::unordered_map<std::string, CostFunction>;

void registerMatrixOps(CostTable& table);
void registerElementwiseOps(CostTable& table);
void registerStructureOps(CostTable& table);
/// onnxruntime's contrib operators (domain com.microsoft), looked up by op type in that domain only.
void registerContribOps(CostTable& table);

/// Checks the window attributes of a convolution or pooling node against its data input `x` (rank 2 + spatial):
/// kernel_shape (required for pooling; for convolutions it must equal the weight's spatial dims when given),
/// strides and dilations ≥ 1 with one per spatial dimension, pads ≥ 0 with two per spatial dimension. Fails naming
/// the node and the attribute. `weightInput` names the weight whose spatial dims `weightSpatial` are.
void checkWindowAttributes(const CostContext& ctx, size_t x, const std::vector<int64_t>* weightSpatial,
    size_t weightInput, bool kernelRequired);

/// Sets flops.matrix = 2 × macs with overflow checking.
void setMacs(const CostContext& ctx, NodeCost& cost, int64_t macs);

} // namespace graphs::catalog
