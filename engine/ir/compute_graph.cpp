#include "ir/compute_graph.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <queue>
#include <string_view>

namespace graphs {

namespace {

size_t nameHash(std::string_view name)
{
    return std::hash<std::string_view> {}(name);
}

} // namespace

void ComputeGraph::reserve(size_t tensors, size_t nodes)
{
    m_tensors.reserve(tensors);
    m_nodes.reserve(nodes);
    size_t slots = 16;
    while (slots < 2 * tensors)
        slots *= 2;
    if (slots > m_tensorSlots.size())
        rehashTensors(slots);
}

void ComputeGraph::rehashTensors(size_t slots)
{
    m_tensorSlots.assign(slots, 0);
    for (size_t i = 0; i < m_tensors.size(); ++i)
        indexTensor(static_cast<int>(i), nameHash(m_tensors[i].name));
}

// A slot holds the tensor index + 1 in its low half and the top half of the name's hash in its high half, so that a
// probe compares names only when the hashes agree.
void ComputeGraph::indexTensor(int index, size_t hash)
{
    const size_t mask = m_tensorSlots.size() - 1;
    size_t slot = hash & mask;
    while (m_tensorSlots[slot] != 0)
        slot = (slot + 1) & mask;
    m_tensorSlots[slot] = ((static_cast<uint64_t>(hash) >> 32) << 32) | static_cast<uint32_t>(index + 1);
}

int ComputeGraph::addTensor(TensorDescriptor tensor)
{
    const size_t hash = nameHash(tensor.name);
    const int existing = findTensor(tensor.name, hash);
    if (existing >= 0)
        return existing;
    const int index = static_cast<int>(m_tensors.size());
    m_tensors.push_back(std::move(tensor));
    if (2 * m_tensors.size() > m_tensorSlots.size())
        rehashTensors(std::max<size_t>(16, 2 * m_tensorSlots.size()));
    else
        indexTensor(index, hash);
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
    return findTensor(tensorName, nameHash(tensorName));
}

int ComputeGraph::findTensor(std::string_view tensorName, size_t hash) const
{
    if (m_tensorSlots.empty())
        return -1;
    const size_t mask = m_tensorSlots.size() - 1;
    const uint64_t tag = (static_cast<uint64_t>(hash) >> 32) << 32;
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        const uint64_t entry = m_tensorSlots[slot];
        if (entry == 0)
            return -1;
        const int index = static_cast<int>(static_cast<uint32_t>(entry)) - 1;
        if ((entry & 0xffffffff00000000ULL) == tag && m_tensors[static_cast<size_t>(index)].name == tensorName)
            return index;
    }
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
    bool inOrder = true;
    for (size_t i = 0; i < n; ++i) {
        for (int in : m_nodes[i].inputs) {
            if (in >= 0 && m_tensors[in].producer >= 0) {
                ++pending[i];
                inOrder = inOrder && m_tensors[in].producer < static_cast<int>(i);
            }
        }
    }
    // Every node reads only what nodes before it write (exporters write files so): the stable order below is the
    // file order, and there is no cycle.
    if (inOrder)
        return Ok {};
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
    // Permuted in place, cycle by cycle: a sorted copy would hold every node twice for a moment.
    std::vector<int> target = newIndex;
    for (size_t i = 0; i < n; ++i) {
        while (target[i] != static_cast<int>(i)) {
            const int j = target[i];
            std::swap(m_nodes[i], m_nodes[static_cast<size_t>(j)]);
            std::swap(target[i], target[static_cast<size_t>(j)]);
        }
    }
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
