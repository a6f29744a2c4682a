#include "benchmarks/trtexec_layer_mapping.h"

#include "ir/compute_graph.h"

#include <algorithm>
#include <array>

namespace graphs {

namespace {

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Splits `text` at `separator` where no (), [] or {} is open.
std::vector<std::string> splitOutsideBrackets(const std::string& text, const std::string& separator)
{
    std::vector<std::string> pieces;
    int depth = 0;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '(' || c == '[' || c == '{')
            ++depth;
        else if ((c == ')' || c == ']' || c == '}') && depth > 0)
            --depth;
        else if (depth == 0 && text.compare(i, separator.size(), separator) == 0) {
            pieces.push_back(text.substr(start, i - start));
            start = i + separator.size();
            i = start - 1;
        }
    }
    pieces.push_back(text.substr(start));
    return pieces;
}

/// "A + PWN(B, PWN(C))" → A, B, C (appended to `parts`).
void appendNodeNames(const std::string& text, std::vector<std::string>& parts)
{
    for (const std::string& piece : splitOutsideBrackets(text, " + ")) {
        if (startsWith(piece, "PWN(") && endsWith(piece, ")")) {
            for (const std::string& inner : splitOutsideBrackets(piece.substr(4, piece.size() - 5), ", "))
                appendNodeNames(inner, parts);
        } else if (!piece.empty()) {
            parts.push_back(piece);
        }
    }
}

/// Convolutions and GEMMs: the kernels TensorRT fuses bias, activations and residual sums into.
bool isAnchor(const std::string& opType)
{
    static const std::array<const char*, 13> anchors { "Conv", "ConvTranspose", "Gemm", "MatMul", "QLinearConv",
        "QLinearMatMul", "MatMulInteger", "ConvInteger", "Einsum", "Attention", "LSTM", "GRU", "RNN" };
    return std::any_of(anchors.begin(), anchors.end(), [&](const char* a) { return opType == a; });
}

} // namespace

OnnxNodeIndex OnnxNodeIndex::fromGraph(const ComputeGraph& graph)
{
    OnnxNodeIndex index;
    for (int n : graph.topologicalOrder()) {
        const Node& node = graph.node(n);
        std::vector<std::string> outputs;
        for (int t : node.outputs)
            outputs.push_back(graph.tensor(t).name);
        index.add(node.name, node.opType, outputs);
    }
    return index;
}

void OnnxNodeIndex::add(const std::string& name, const std::string& opType, const std::vector<std::string>& outputs)
{
    const int id = static_cast<int>(m_names.size());
    m_names.push_back(name);
    m_opTypes.push_back(opType);
    if (!name.empty())
        m_byName.emplace(name, id);
    for (const std::string& tensor : outputs)
        if (!tensor.empty())
            m_byTensor.emplace(tensor, id);
}

int OnnxNodeIndex::find(const std::string& reference) const
{
    if (const auto it = m_byName.find(reference); it != m_byName.end())
        return it->second;
    const std::string tensor = startsWith(reference, "node_of_") ? reference.substr(8) : reference;
    if (const auto it = m_byTensor.find(tensor); it != m_byTensor.end())
        return it->second;
    return -1;
}

TensorrtLayerName splitTensorrtLayerName(const std::string& layerName)
{
    std::string name = layerName;
    if (const auto profile = name.rfind(" [profile "); profile != std::string::npos && endsWith(name, "]"))
        name.resize(profile);
    TensorrtLayerName result;
    if (startsWith(name, "Reformatting CopyNode for ")) {
        result.kind = TensorrtLayerName::Kind::Reformat;
        return result;
    }
    if (endsWith(name, " copy")) {
        result.kind = TensorrtLayerName::Kind::Copy;
        return result;
    }
    static const std::string regionOpen = "{ForeignNode[";
    if (startsWith(name, regionOpen) && endsWith(name, "]}")) {
        const std::string inside = name.substr(regionOpen.size(), name.size() - regionOpen.size() - 2);
        const auto dots = inside.find("...");
        result.kind = TensorrtLayerName::Kind::Region;
        appendNodeNames(inside.substr(0, dots), result.parts);
        result.firstCount = result.parts.size();
        if (dots != std::string::npos)
            appendNodeNames(inside.substr(dots + 3), result.parts);
        return result;
    }
    appendNodeNames(name, result.parts);
    return result;
}

TensorrtLayerMatch matchTensorrtLayer(const std::string& layerName, const std::vector<std::string>& metadataNodes,
    const OnnxNodeIndex& index)
{
    std::vector<int> nodes;
    auto add = [&](const std::string& reference) {
        if (const int n = index.find(reference); n >= 0)
            nodes.push_back(n);
    };
    if (!metadataNodes.empty()) {
        for (const std::string& name : metadataNodes)
            add(name);
    } else {
        const TensorrtLayerName parsed = splitTensorrtLayerName(layerName);
        if (parsed.kind == TensorrtLayerName::Kind::Nodes) {
            for (const std::string& part : parsed.parts)
                add(part);
        } else if (parsed.kind == TensorrtLayerName::Kind::Region) {
            // The region's ends as named; everything between them in graph order when both are ONNX nodes.
            int first = -1, last = -1;
            for (size_t i = 0; i < parsed.parts.size(); ++i) {
                const int n = index.find(parsed.parts[i]);
                if (n < 0)
                    continue;
                if (i < parsed.firstCount && first < 0)
                    first = n;
                if (i >= parsed.firstCount || parsed.firstCount == parsed.parts.size())
                    last = n;
            }
            if (first >= 0 && last >= first) {
                for (int n = first; n <= last; ++n)
                    nodes.push_back(n);
            } else {
                for (int n : { first, last })
                    if (n >= 0)
                        nodes.push_back(n);
            }
        }
    }
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    TensorrtLayerMatch match;
    match.nodes = nodes;
    if (!nodes.empty()) {
        const auto anchor = std::find_if(nodes.begin(), nodes.end(), [&](int n) { return isAnchor(index.opType(n)); });
        match.representative = anchor != nodes.end() ? *anchor : nodes.front();
    }
    return match;
}

} // namespace graphs
