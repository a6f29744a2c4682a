#include "estimation/memory_estimator.h"

#include <algorithm>

namespace graphs {

namespace {

double tensorBytes(const TensorDescriptor& t, Precision precision)
{
    auto n = t.elementCount();
    if (!n)
        return 0; // shapes were checked by the analysis; an unknown here is a tensor no counted node reads
    return static_cast<double>(*n) * (isFloatingPoint(t.dtype) ? precisionBytes(precision)
                                                               : static_cast<double>(bytesPerElement(t.dtype)));
}

} // namespace

MemoryProfile estimateMemory(const GraphAnalysis& analysis, Precision precision)
{
    return estimateMemory(analysis, Partition {}, precision);
}

MemoryProfile estimateMemory(const GraphAnalysis& analysis, const Partition& partition, Precision precision,
    double workspaceBytes)
{
    const ComputeGraph& g = *analysis.graph;
    std::vector<bool> internal(g.tensors().size(), false);
    for (const Subgraph& s : partition.subgraphs) {
        for (int t : s.descriptor.internalTensors) {
            if (t >= 0 && static_cast<size_t>(t) < internal.size())
                internal[static_cast<size_t>(t)] = true;
        }
    }
    MemoryProfile profile;
    const auto order = g.topologicalOrder();
    const int nodes = static_cast<int>(order.size());

    // Each activation tensor belongs to a buffer: its own, or (through views) its root's.
    const size_t tensorCount = g.tensors().size();
    std::vector<int> root(tensorCount);
    for (size_t t = 0; t < tensorCount; ++t)
        root[t] = static_cast<int>(t);
    // A view of a weight is the weight, not a new activation.
    std::vector<bool> weightAlias(tensorCount, false);
    auto isActivation = [&](const TensorDescriptor& t) { return !t.isInitializer && !t.isConstant; };
    for (int n : order) {
        const Node& node = g.node(n);
        if (analysis.nodes[n].opClass != OpClass::View || node.inputs.empty() || node.inputs[0] < 0)
            continue;
        const int in = node.inputs[0];
        const bool ofWeight = !isActivation(g.tensor(in)) || weightAlias[in];
        for (int out : node.outputs) {
            if (out < 0)
                continue;
            root[out] = root[in];
            weightAlias[out] = ofWeight;
        }
    }

    // Lifetime of each root buffer, in positions of the execution order: [first, last].
    std::vector<int> first(tensorCount, nodes);
    std::vector<int> last(tensorCount, -1);
    for (size_t t = 0; t < tensorCount; ++t) {
        const TensorDescriptor& td = g.tensor(static_cast<int>(t));
        if (!isActivation(td) || weightAlias[t] || internal[t])
            continue;
        const int r = root[t];
        const int born = td.producer >= 0 ? td.producer : 0;
        first[r] = std::min(first[r], born);
        int end = born;
        for (int c : td.consumers)
            end = std::max(end, c);
        if (td.isGraphOutput)
            end = nodes - 1;
        last[r] = std::max(last[r], end);
    }

    std::vector<double> delta(nodes + 1, 0.0);
    for (size_t t = 0; t < tensorCount; ++t) {
        if (root[t] != static_cast<int>(t) || last[t] < 0 || first[t] >= nodes)
            continue;
        const double bytes = tensorBytes(g.tensor(static_cast<int>(t)), precision);
        delta[first[t]] += bytes;
        delta[last[t] + 1] -= bytes;
    }
    double live = workspaceBytes;
    profile.peakActivationBytes = workspaceBytes;
    profile.liveBytesAfterNode.reserve(nodes);
    for (int i = 0; i < nodes; ++i) {
        live += delta[i];
        profile.liveBytesAfterNode.push_back(live);
        if (live > profile.peakActivationBytes) {
            profile.peakActivationBytes = live;
            profile.peakAtNode = i;
        }
    }

    for (const TensorDescriptor& t : g.tensors()) {
        if (t.isInitializer || (t.producer >= 0 && g.node(t.producer).opType == "Constant"))
            profile.weightBytes += tensorBytes(t, precision);
    }
    return profile;
}

} // namespace graphs
