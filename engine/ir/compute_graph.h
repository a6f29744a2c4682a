#pragma once

#include "core/error.h"
#include "ir/node.h"
#include "ir/tensor.h"

#include <map>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace graphs {

/// A dataflow graph of operators and tensors, nodes kept in a topological order.
///
/// Built by a frontend (see frontends/onnx_importer.h) and then read-only: share it as
/// std::shared_ptr<const ComputeGraph>.
///
///     auto graph = importOnnx("resnet50.onnx", {});
///     for (int n : graph->topologicalOrder()) { const Node& node = graph->node(n); … }
class ComputeGraph
{
public:
    std::string name;
    std::string sourcePath;      ///< the file it was imported from, if any
    std::string producer;        ///< "pytorch 1.13.0"
    int64_t irVersion = 0;
    int64_t opsetVersion = 0;    ///< of the default ONNX domain
    std::map<std::string, int64_t> opsetImports;

    /// Makes room for this many tensors and nodes in all (a frontend that knows the counts saves the reallocations).
    void reserve(size_t tensors, size_t nodes);
    /// Adds a tensor, or returns the index of the one already named so.
    int addTensor(TensorDescriptor tensor);
    /// Adds a node whose inputs/outputs are tensor indices already added; wires producer/consumers.
    /// Fails when an output already has a producer (duplicate definition).
    Result<int> addNode(Node node);

    int findTensor(const std::string& tensorName) const; ///< -1 when absent
    const TensorDescriptor& tensor(int index) const { return m_tensors[index]; }
    TensorDescriptor& tensor(int index) { return m_tensors[index]; }
    const std::vector<TensorDescriptor>& tensors() const { return m_tensors; }
    const Node& node(int index) const { return m_nodes[index]; }
    Node& node(int index) { return m_nodes[index]; }
    const std::vector<Node>& nodes() const { return m_nodes; }
    size_t nodeCount() const { return m_nodes.size(); }

    std::vector<int> inputs() const;       ///< graph inputs that are not initializers
    std::vector<int> outputs() const;
    std::vector<int> initializers() const;

    /// Sorts the nodes topologically (Kahn; stable with respect to file order). Fails on a cycle, naming a node in it.
    Status sortTopologically();
    /// Node indices in execution order (after sortTopologically(), simply 0..n-1).
    std::vector<int> topologicalOrder() const;

private:
    int findTensor(std::string_view tensorName, size_t hash) const;
    void indexTensor(int index, size_t hash);
    void rehashTensors(size_t slots);

    std::vector<TensorDescriptor> m_tensors;
    /// Tensors by name, open addressing: the tensor index + 1 and part of the name's hash, 0 for a free slot; a power
    /// of two, at most half full. It holds no copy of the names (a map of names held a quarter of a million strings
    /// for a 200,000-node model).
    std::vector<uint64_t> m_tensorSlots;
    std::vector<Node> m_nodes;
};

} // namespace graphs
