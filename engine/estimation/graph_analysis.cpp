#include "estimation/graph_analysis.h"

#include "core/checked_math.h"

namespace graphs {

namespace {

bool isStoredConstant(const ComputeGraph& graph, const TensorDescriptor& t)
{
    if (t.isInitializer)
        return true;
    // Constant nodes hold weights in some exports; folded shape arithmetic does not count as stored data.
    return t.producer >= 0 && graph.node(t.producer).opType == "Constant";
}

} // namespace

Result<GraphAnalysis> analyzeGraph(std::shared_ptr<const ComputeGraph> graph, const ProgressCallback& progress)
{
    GraphAnalysis analysis;
    analysis.graph = graph;
    const ComputeGraph& g = *graph;
    analysis.nodes.reserve(g.nodeCount());

    CheckedCount macs, matrix, vector, transcendental, activations, weights, written;
    for (int i : g.topologicalOrder()) {
        if (progress && (i % 256) == 0 && !progress(static_cast<double>(i) / std::max<size_t>(1, g.nodeCount())))
            return Error { ErrorCode::Cancelled, "analysis cancelled", g.sourcePath };
        auto cost = nodeCost(g, i, analysis.diagnostics);
        if (!cost)
            return cost.error();
        macs += cost->macs;
        matrix += cost->flops.matrix;
        vector += cost->flops.vector;
        transcendental += cost->flops.transcendental;
        activations += cost->activationBytesRead;
        weights += cost->weightBytesRead;
        written += cost->bytesWritten;
        if (!cost->modelled)
            ++analysis.totals.unmodelledNodes;
        ++analysis.opHistogram[g.node(i).opType];
        analysis.nodes.push_back(*cost);
    }

    CheckedCount parameters, weightBytes;
    for (const TensorDescriptor& t : g.tensors()) {
        if (!isStoredConstant(g, t))
            continue;
        auto n = t.elementCount();
        auto b = t.byteSize();
        if (!n || !b)
            return n ? b.error() : n.error();
        if (isFloatingPoint(t.dtype))
            parameters += *n;
        weightBytes += *b;
    }
    for (const CheckedCount* c :
        { &macs, &matrix, &vector, &transcendental, &activations, &weights, &written, &parameters, &weightBytes }) {
        if (c->overflow())
            return Error { ErrorCode::Overflow, "a graph total overflows 64 bits", g.sourcePath };
    }
    GraphTotals& t = analysis.totals;
    t.macs = macs.value();
    t.flops = { matrix.value(), vector.value(), transcendental.value() };
    t.activationBytesRead = activations.value();
    t.weightBytesRead = weights.value();
    t.bytesWritten = written.value();
    t.parameters = parameters.value();
    t.weightBytes = weightBytes.value();
    if (progress)
        progress(1.0);
    return analysis;
}

} // namespace graphs
