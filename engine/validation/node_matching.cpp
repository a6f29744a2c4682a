#include "validation/node_matching.h"

#include <unordered_map>

namespace graphs {

namespace {

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// "/a/MatMul/MatMulAddFusion" → "/a/MatMul"; "/a/MatMul_1/XFusion//YFusion/" → "/a/MatMul_1"; "" when the name
/// carries no fusion suffix.
std::string withoutFusionSuffix(const std::string& name)
{
    std::string rest = name;
    bool cut = false;
    while (!rest.empty()) {
        const auto slash = rest.rfind('/');
        if (slash == std::string::npos)
            break;
        const std::string segment = rest.substr(slash + 1);
        if (!segment.empty() && segment.find("Fusion") == std::string::npos)
            break;
        rest.resize(slash);
        cut = cut || !segment.empty();
    }
    return cut ? rest : std::string();
}

} // namespace

NodeTimeMatch matchNodeTimes(const ComputeGraph& graph, const Partition& partition,
    const std::vector<NodeTiming>& nodes)
{
    std::unordered_map<std::string, int> nodeByName;
    for (size_t i = 0; i < graph.nodes().size(); ++i)
        if (!graph.nodes()[i].name.empty())
            nodeByName.emplace(graph.nodes()[i].name, static_cast<int>(i));
    auto subgraphOf = [&](int node) {
        return node >= 0 && static_cast<size_t>(node) < partition.subgraphOfNode.size()
            ? partition.subgraphOfNode[static_cast<size_t>(node)]
            : -1;
    };
    auto byNodeName = [&](const std::string& name) {
        const auto it = nodeByName.find(name);
        return it == nodeByName.end() ? -1 : subgraphOf(it->second);
    };
    auto byTensorName = [&](const std::string& name) {
        const int tensor = graph.findTensor(name);
        return tensor < 0 ? -1 : subgraphOf(graph.tensor(tensor).producer);
    };

    NodeTimeMatch match;
    for (const NodeTiming& t : nodes) {
        const double seconds = t.meanMs / 1000;
        int subgraph = byNodeName(t.name);
        if (subgraph < 0)
            subgraph = byTensorName(t.name);
        if (subgraph < 0 && endsWith(t.name, "_nchwc"))
            subgraph = byTensorName(t.name.substr(0, t.name.size() - 6));
        if (subgraph < 0) {
            const std::string fused = withoutFusionSuffix(t.name);
            if (!fused.empty())
                subgraph = byNodeName(fused);
        }
        if (subgraph < 0) {
            match.unmatchedSeconds += seconds;
            match.unmatched.push_back(t.name);
            continue;
        }
        match.secondsBySubgraph[subgraph] += seconds;
        match.matchedSeconds += seconds;
    }
    return match;
}

} // namespace graphs
