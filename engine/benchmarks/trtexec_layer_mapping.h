#pragma once

// TensorRT layer names → the ONNX nodes they run. TensorRT names a layer after the ONNX nodes fused into it
// ("/features/features.0/Conv + /features/features.1/Relu", "Conv_12 + PWN(Clip_16)"), names Myelin and DLA regions
// by their first and last layers ("{ForeignNode[/embeddings/Add.../encoder/layer.0/output/LayerNorm/Add_1]}"), and
// adds layers of its own ("Reformatting CopyNode for Input Tensor 0 to …", "(Unnamed Layer* 12) [Shuffle]",
// "/concat_input copy"). From TensorRT 8.6 the engine inspector also lists each layer's ONNX nodes in its
// "Metadata", which is preferred when present.

#include <string>
#include <unordered_map>
#include <vector>

namespace graphs {

class ComputeGraph;

/// The nodes of an ONNX graph in file (topological) order, looked up as TensorRT refers to them: by node name, or
/// for unnamed nodes "node_of_<first output>" (onnx-tensorrt's getNodeName).
class OnnxNodeIndex
{
public:
    static OnnxNodeIndex fromGraph(const ComputeGraph& graph);

    void add(const std::string& name, const std::string& opType, const std::vector<std::string>& outputs);
    /// The node `reference` names (a node name, "node_of_TENSOR", or a tensor its node writes); -1 when none.
    int find(const std::string& reference) const;
    size_t size() const { return m_names.size(); }
    const std::string& name(int node) const { return m_names[static_cast<size_t>(node)]; }
    const std::string& opType(int node) const { return m_opTypes[static_cast<size_t>(node)]; }

private:
    std::vector<std::string> m_names;
    std::vector<std::string> m_opTypes;
    std::unordered_map<std::string, int> m_byName;
    std::unordered_map<std::string, int> m_byTensor;
};

/// What a TensorRT layer name says, before looking anything up.
struct TensorrtLayerName
{
    enum class Kind {
        Nodes,    ///< ONNX node names joined by " + ", pointwise groups as PWN(a, b)
        Region,   ///< {ForeignNode[FIRST...LAST]}: a Myelin (or DLA) region
        Reformat, ///< "Reformatting CopyNode for …": a layout or precision conversion TensorRT added
        Copy,     ///< "TENSOR copy": a copy TensorRT added (concatenation inputs)
    };
    Kind kind = Kind::Nodes;
    std::vector<std::string> parts; ///< Nodes: the names in order; Region: FIRST's names, then LAST's
    size_t firstCount = 0;          ///< Region: how many of `parts` come from FIRST
};

/// "A + PWN(B, PWN(C))" → {A, B, C}; "{ForeignNode[A + B...C]}" → Region {A, B | C}. Names TensorRT invents
/// ("(Unnamed Layer* 7) [Shuffle]") are kept as parts; they simply match no ONNX node. A " [profile N]" suffix
/// (engines with several optimisation profiles) is dropped.
TensorrtLayerName splitTensorrtLayerName(const std::string& layerName);

/// The ONNX nodes a layer runs, in graph order, and the one its time is reported under.
struct TensorrtLayerMatch
{
    std::vector<int> nodes;
    int representative = -1; ///< the first convolution/GEMM among `nodes` (the kernel the others fuse into), else
                             ///< the first node; -1 when the layer matches no ONNX node
};

/// Matches a layer to ONNX nodes: by `metadataNodes` (TrtexecLayer::onnxNodes) when given, else by its name. A
/// region covers every node from its first to its last in graph order; reformatting layers and copies TensorRT
/// added match nothing, and so count as time the runtime added, like ONNX Runtime's layout reorders.
TensorrtLayerMatch matchTensorrtLayer(const std::string& layerName, const std::vector<std::string>& metadataNodes,
    const OnnxNodeIndex& index);

} // namespace graphs
