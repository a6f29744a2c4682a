#include "ir/subgraph.h"

#include "core/checked_math.h"
#include "ir/compute_graph.h"

#include <algorithm>
#include <unordered_set>
#include <vector>

namespace graphs {

Status describeSubgraph(const ComputeGraph& graph, SubgraphDescriptor& sub)
{
    // Most subgraphs are a few nodes, and a partition describes tens of thousands of them: a sorted vector and a
    // linear search beat hash sets there.
    std::vector<int> members(sub.nodes.begin(), sub.nodes.end());
    std::sort(members.begin(), members.end());
    auto member = [&](int n) { return std::binary_search(members.begin(), members.end(), n); };
    sub.inputTensors.clear();
    sub.outputTensors.clear();
    sub.internalTensors.clear();
    std::unordered_set<int> seenInputs; // once there are many inputs
    auto addInput = [&](int in) {
        if (seenInputs.empty() && sub.inputTensors.size() < 32) {
            if (std::find(sub.inputTensors.begin(), sub.inputTensors.end(), in) == sub.inputTensors.end())
                sub.inputTensors.push_back(in);
            return;
        }
        if (seenInputs.empty())
            seenInputs.insert(sub.inputTensors.begin(), sub.inputTensors.end());
        if (seenInputs.insert(in).second)
            sub.inputTensors.push_back(in);
    };

    for (int n : sub.nodes) {
        const Node& node = graph.node(n);
        for (int in : node.inputs) {
            if (in < 0)
                continue;
            const int producer = graph.tensor(in).producer;
            if (producer < 0 || !member(producer))
                addInput(in);
        }
        for (int out : node.outputs) {
            if (out < 0)
                continue;
            const TensorDescriptor& t = graph.tensor(out);
            const bool usedOutside
                = t.isGraphOutput || std::any_of(t.consumers.begin(), t.consumers.end(), [&](int c) { return !member(c); });
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
