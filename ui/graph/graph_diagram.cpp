#include "graph/graph_diagram.h"

#include "ir/compute_graph.h"
#include "qt_strings.h"
#include "transform/partition.h"

#include <QCoreApplication>
#include <QStringList>
#include <algorithm>
#include <set>
#include <utility>

namespace graphs::ui {

namespace {

bool matches(const Node& node, const QString& text)
{
    return fromStd(node.name).contains(text, Qt::CaseInsensitive)
        || fromStd(node.opType).contains(text, Qt::CaseInsensitive);
}

} // namespace

QString shapeText(const Shape& shape)
{
    if (!shape.rankKnown && shape.dims.empty())
        return QStringLiteral("?");
    if (shape.dims.empty())
        return QCoreApplication::translate("graphs::ui::Diagram", "scalar");
    QStringList dims;
    for (const Dim& d : shape.dims) {
        if (d.isKnown())
            dims << QString::number(d.value);
        else
            dims << (d.symbol.empty() ? QStringLiteral("?") : fromStd(d.symbol));
    }
    return dims.join(QChar(0x00d7));
}

Diagram buildDiagram(const ComputeGraph& graph, const Partition* partition, const std::vector<char>& collapsed)
{
    Diagram d;
    const size_t nodeCount = graph.nodeCount();
    d.itemOfNode.assign(nodeCount, -1);

    auto addItem = [&d](DiagramItem item) {
        d.items.push_back(std::move(item));
        return static_cast<int>(d.items.size() - 1);
    };
    std::vector<int> inputItem(graph.tensors().size(), -1);
    for (int t : graph.inputs()) {
        const TensorDescriptor& tensor = graph.tensor(t);
        inputItem[t] = addItem({ DiagramItem::Kind::Input, t, fromStd(tensor.name), shapeText(tensor.shape) });
    }

    const bool partitioned = partition && partition->subgraphOfNode.size() == nodeCount;
    if (partitioned)
        d.itemOfSubgraph.assign(partition->subgraphs.size(), -1);
    // Boxes in execution order: a collapsed subgraph where its first node would be.
    for (int n : graph.topologicalOrder()) {
        const int s = partitioned ? partition->subgraphOfNode[n] : -1;
        if (s >= 0 && static_cast<size_t>(s) < collapsed.size() && collapsed[s]) {
            const Subgraph& sub = partition->subgraphs[s];
            if (isCollapsible(sub.descriptor.nodes.size())) {
                if (d.itemOfSubgraph[s] < 0) {
                    const int members = static_cast<int>(sub.descriptor.nodes.size()); // lupdate reads plain names
                    d.itemOfSubgraph[s] = addItem({ DiagramItem::Kind::Subgraph, s, fromStd(sub.label),
                        QCoreApplication::translate("graphs::ui::Diagram", "%n nodes", nullptr, members) });
                    ++d.subgraphItems;
                }
                d.itemOfNode[n] = d.itemOfSubgraph[s];
                continue;
            }
        }
        const Node& node = graph.node(n);
        QString subtitle;
        if (!node.outputs.empty() && node.outputs.front() >= 0)
            subtitle = shapeText(graph.tensor(node.outputs.front()).shape);
        d.itemOfNode[n] = addItem({ DiagramItem::Kind::Node, n, fromStd(node.opType), subtitle });
        ++d.nodeItems;
    }

    std::set<std::pair<int, int>> linked;
    auto link = [&](int from, int to, int tensor) {
        if (from >= 0 && to >= 0 && from != to && linked.emplace(from, to).second)
            d.edges.push_back({ from, to, tensor });
    };
    const auto& tensors = graph.tensors();
    for (size_t t = 0; t < tensors.size(); ++t) {
        const TensorDescriptor& tensor = tensors[t];
        const int from = tensor.producer >= 0 ? d.itemOfNode[tensor.producer] : inputItem[t];
        if (from < 0)
            continue; // initializers and constants: drawn as nothing, listed in the properties
        for (int consumer : tensor.consumers)
            link(from, d.itemOfNode[consumer], static_cast<int>(t));
    }
    for (int t : graph.outputs()) {
        const TensorDescriptor& tensor = graph.tensor(t);
        const int item = addItem({ DiagramItem::Kind::Output, t, fromStd(tensor.name), shapeText(tensor.shape) });
        link(tensor.producer >= 0 ? d.itemOfNode[tensor.producer] : inputItem[t], item, t);
    }
    return d;
}

LayoutGraph layoutGraphOf(const Diagram& diagram, const std::function<QSizeF(const DiagramItem&)>& size)
{
    LayoutGraph g;
    g.nodes.reserve(diagram.items.size());
    for (const DiagramItem& item : diagram.items)
        g.nodes.push_back(size(item));
    g.edges.reserve(diagram.edges.size());
    for (const DiagramEdge& e : diagram.edges)
        g.edges.push_back({ e.from, e.to });
    return g;
}

int findNextNode(const ComputeGraph& graph, const QString& text, int after)
{
    const QString needle = text.trimmed();
    const int n = static_cast<int>(graph.nodeCount());
    if (needle.isEmpty() || n == 0)
        return -1;
    const int start = after < 0 || after >= n ? 0 : after + 1;
    for (int i = 0; i < n; ++i) {
        const int candidate = (start + i) % n;
        if (matches(graph.node(candidate), needle))
            return candidate;
    }
    return -1;
}

int countMatches(const ComputeGraph& graph, const QString& text, int below)
{
    const QString needle = text.trimmed();
    const int n = static_cast<int>(graph.nodeCount());
    const int end = below < 0 ? n : std::min(below, n);
    int count = 0;
    for (int i = 0; i < end && !needle.isEmpty(); ++i)
        count += matches(graph.node(i), needle) ? 1 : 0;
    return count;
}

} // namespace graphs::ui
