#include "ir/subgraph.h"

#include "core/checked_math.h"
#include "ir/compute_graph.h"

#include <algorithm>
#include <unordered_set>

namespace graphs {

Status describeSubgraph(const ComputeGraph& graph, SubgraphDescriptor& sub)
{
    const std::unordered_set<int> members(sub.nodes.begin(), sub.nodes.end());
    std::unordered_set<int> seenInputs;
    sub.inputTensors.clear();
    sub.outputTensors.clear();
    sub.internalTensors.clear();

    for (int n : sub.nodes) {
        const Node& node = graph.node(n);
        for (int in : node.inputs) {
            if (in < 0)
                continue;
            const int producer = graph.tensor(in).producer;
            if ((producer < 0 || !members.count(producer)) && seenInputs.insert(in).second)
                sub.inputTensors.push_back(in);
        }
        for (int out : node.outputs) {
            if (out < 0)
                continue;
            const TensorDescriptor& t = graph.tensor(out);
            const bool usedOutside = t.isGraphOutput
                || std::any_of(t.consumers.begin(), t.consumers.end(), [&](int c) { return !members.count(c); });
            (usedOutside ? sub.outputTensors : sub.internalTensors).push_back(out);
        }
    }

    CheckedCount read(0);
    CheckedCount written(0);
    for (int t : sub.inputTensors) {
        auto bytes = graph.tensor(t).byteSize();
        if (!bytes)
            return bytes.error();
        read += *bytes;
    }
    for (int t : sub.outputTensors) {
        auto bytes = graph.tensor(t).byteSize();
        if (!bytes)
            return bytes.error();
        written += *bytes;
    }
    if (read.overflow() || written.overflow())
        return Error { ErrorCode::Overflow, "boundary bytes of subgraph " + std::to_string(sub.id) + " overflow",
            std::to_string(sub.id) };
    sub.boundaryBytesRead = read.value();
    sub.boundaryBytesWritten = written.value();
    return Ok {};
}

} // namespace graphs
