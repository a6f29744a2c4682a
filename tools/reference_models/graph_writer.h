#pragma once

// Writes ONNX graphs the way torch.onnx.export names them, with every weight declared as external data in a file that
// is never written (structure only). Shared by make_reference_models (the models written at build time) and the tests
// that build decoders of other sizes (tools/reference_models/llama_decoder.h).

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace graphs::reference {

/// A dimension of a graph input or output: a size or a symbol ("batch").
using Dim = std::variant<int64_t, std::string>;

onnx::AttributeProto intAttr(const std::string& name, int64_t v);
onnx::AttributeProto intsAttr(const std::string& name, const std::vector<int64_t>& v);
onnx::AttributeProto floatAttr(const std::string& name, float v);

/// One graph as the torch exporter names it. Weights go to one external-data file with running offsets, like
/// onnx.save_model(..., save_as_external_data=True) writes them; the file itself is never created.
class GraphWriter
{
public:
    GraphWriter(const std::string& graphName, std::string weightsFile, int64_t opset = 13);

    void input(const std::string& name, const std::vector<Dim>& dims, int32_t elemType);
    void output(const std::string& name, const std::vector<Dim>& dims);

    /// A weight (parameter or buffer) declared with dims only; returns its name.
    std::string weight(
        const std::string& name, const std::vector<int64_t>& dims, int32_t elemType = onnx::TensorProto::FLOAT);

    /// A node named "<scope>/<Op>", "<scope>/<Op>_1", … as torch names repeats within a module; returns its
    /// outputs, "<node name>_output_<i>" unless `names` gives them (the graph outputs).
    std::vector<std::string> nodes(const std::string& op, const std::string& scope,
        const std::vector<std::string>& inputs, const std::vector<onnx::AttributeProto>& attrs = {}, int outputs = 1,
        const std::vector<std::string>& names = {});

    std::string node(const std::string& op, const std::string& scope, const std::vector<std::string>& inputs,
        const std::vector<onnx::AttributeProto>& attrs = {}, const std::string& outputName = {});

    /// A Constant node holding int64 values: a 1-D tensor, or a scalar when `scalar`.
    std::string ints(const std::string& scope, const std::vector<int64_t>& values, bool scalar = false);
    /// A Constant node holding a float scalar.
    std::string scalar(const std::string& scope, float value);

    const onnx::ModelProto& model() const { return m_model; }

private:
    std::string constant(const std::string& scope, const onnx::TensorProto& t);

    onnx::ModelProto m_model;
    std::string m_weightsFile;
    int64_t m_offset = 0;
    std::map<std::string, int> m_repeats;
};

/// Writes through a temporary file and a rename, so that an interrupted build never leaves a truncated model that
/// looks up to date. Returns false on failure.
bool saveModel(const onnx::ModelProto& model, const std::string& path);

} // namespace graphs::reference
