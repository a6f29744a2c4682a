#include "ir/compute_graph.h"

#include <numeric>
#include <queue>

namespace graphs {

int ComputeGraph::addTensor(TensorDescriptor tensor)
{
    auto it = m_tensorIndex.find(tensor.name);
    if (it != m_tensorIndex.end())
        return it->second;
    const int index = static_cast<int>(m_tensors.size());
    m_tensorIndex.emplace(tensor.name, index);
    m_tensors.push_back(std::move(tensor));
    return index;
}

Result<int> ComputeGraph::addNode(Node node)
{
    const int index = static_cast<int>(m_nodes.size());
    for (int out : node.outputs) {
        if (out < 0)
            continue;
        TensorDescriptor& t = m_tensors[out];
        if (t.producer >= 0 || t.isInitializer || t.isGraphInput) {
            const std::string other = t.producer >= 0 ? "node " + m_nodes[t.producer].label()
                : t.isInitializer                     ? "an initializer"
                                                      : "a graph input";
            return Error { ErrorCode::InvalidModel,
                "output '" + t.name + "' of " + node.label() + " is already defined by " + other, node.name };
        }
        t.producer = index;
    }
    for (int in : node.inputs) {
        if (in >= 0)
            m_tensors[in].consumers.push_back(index);
    }
    m_nodes.push_back(std::move(node));
    return index;
}

int ComputeGraph::findTensor(const std::string& tensorName) const
{
    auto it = m_tensorIndex.find(tensorName);
    return it == m_tensorIndex.end() ? -1 : it->second;
}

std::vector<int> ComputeGraph::inputs() const
{
    std::vector<int> out;
    for (size_t i = 0; i < m_tensors.size(); ++i) {
        if (m_tensors[i].isGraphInput && !m_tensors[i].isInitializer)
            out.push_back(static_cast<int>(i));
    }
    return out;
}

std::vector<int> ComputeGraph::outputs() const
{
    std::vector<int> out;
    for (size_t i = 0; i < m_tensors.size(); ++i) {
        if (m_tensors[i].isGraphOutput)
            out.push_back(static_cast<int>(i));
    }
    return out;
}

std::vector<int> ComputeGraph::initializers() const
{
    std::vector<int> out;
    for (size_t i = 0; i < m_tensors.size(); ++i) {
        if (m_tensors[i].isInitializer)
            out.push_back(static_cast<int>(i));
    }
    return out;
}

Status ComputeGraph::sortTopologically()
{
    const size_t n = m_nodes.size();
    std::vector<int> pending(n, 0);
    for (size_t i = 0; i < n; ++i) {
        for (int in : m_nodes[i].inputs) {
            if (in >= 0 && m_tensors[in].producer >= 0)
                ++pending[i];
        }
    }
    // A min-heap on the original index keeps file order wherever dependencies allow it.
    std::priority_queue<int, std::vector<int>, std::greater<>> ready;
    for (size_t i = 0; i < n; ++i) {
        if (pending[i] == 0)
            ready.push(static_cast<int>(i));
    }
    std::vector<int> order;
    order.reserve(n);
    while (!ready.empty()) {
        const int i = ready.top();
        ready.pop();
        order.push_back(i);
        for (int out : m_nodes[i].outputs) {
            if (out < 0)
                continue;
            for (int c : m_tensors[out].consumers) {
                // A node may consume the same tensor twice; each use was counted once above.
                if (--pending[c] == 0)
                    ready.push(c);
            }
        }
    }
    if (order.size() != n) {
        for (size_t i = 0; i < n; ++i) {
            if (pending[i] > 0)
                return Error { ErrorCode::InvalidModel,
                    "the graph has a cycle through node " + m_nodes[i].label(), m_nodes[i].name };
        }
    }

    std::vector<int> newIndex(n);
    for (size_t pos = 0; pos < n; ++pos)
        newIndex[order[pos]] = static_cast<int>(pos);
    std::vector<Node> sorted;
    sorted.reserve(n);
    for (int i : order)
        sorted.push_back(std::move(m_nodes[i]));
    m_nodes = std::move(sorted);
    for (TensorDescriptor& t : m_tensors) {
        if (t.producer >= 0)
            t.producer = newIndex[t.producer];
        for (int& c : t.consumers)
            c = newIndex[c];
    }
    return Ok {};
}

std::vector<int> ComputeGraph::topologicalOrder() const
{
    std::vector<int> order(m_nodes.size());
    std::iota(order.begin(), order.end(), 0);
    return order;
}

} // namespace graphs
