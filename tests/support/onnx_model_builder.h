#pragma once

// Test support: writes small ONNX models with the ONNX protobuf API, so tests need no model files.

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace graphs::testing {

/// A dimension of a graph input: a size, or a symbol such as "batch".
using TestDim = std::variant<int64_t, std::string>;

struct Attr
{
    onnx::AttributeProto proto;
    static Attr i(const std::string& name, int64_t v);
    static Attr f(const std::string& name, float v);
    static Attr s(const std::string& name, const std::string& v);
    static Attr ints(const std::string& name, const std::vector<int64_t>& v);
    static Attr tensor(const std::string& name, const onnx::TensorProto& t);
    static Attr graph(const std::string& name, const onnx::GraphProto& g);
};

class OnnxModelBuilder
{
public:
    explicit OnnxModelBuilder(int64_t opset = 13, const std::string& graphName = "test_graph");

    OnnxModelBuilder& input(const std::string& name, const std::vector<TestDim>& dims,
        int32_t elemType = onnx::TensorProto::FLOAT);
    /// An output with element type only: its shape is left to inference.
    OnnxModelBuilder& output(const std::string& name, int32_t elemType = onnx::TensorProto::FLOAT);
    /// A weight with dims and no data (stored as external data when `externalLocation` is not empty).
    OnnxModelBuilder& weight(const std::string& name, const std::vector<int64_t>& dims,
        const std::string& externalLocation = {}, int32_t elemType = onnx::TensorProto::FLOAT);
    /// A weight with inline float data of the right size (zeros).
    OnnxModelBuilder& inlineWeight(const std::string& name, const std::vector<int64_t>& dims);
    /// An int64 initializer with inline values (shapes, axes).
    OnnxModelBuilder& ints(const std::string& name, const std::vector<int64_t>& values, bool scalar = false);
    /// A float initializer with inline values.
    OnnxModelBuilder& floats(const std::string& name, const std::vector<float>& values, bool scalar = false);
    OnnxModelBuilder& node(const std::string& op, const std::vector<std::string>& inputs,
        const std::vector<std::string>& outputs, const std::vector<Attr>& attrs = {}, const std::string& name = {},
        const std::string& domain = {});
    OnnxModelBuilder& opsetImport(const std::string& domain, int64_t version);

    onnx::ModelProto& proto() { return m_model; }
    onnx::GraphProto& graph() { return *m_model.mutable_graph(); }
    std::string serialize() const;
    /// Writes the model; returns false on failure.
    bool save(const std::string& path) const;

private:
    onnx::ModelProto m_model;
    int m_unnamed = 0;
};

/// A value_info for building nested graphs by hand.
onnx::ValueInfoProto valueInfo(const std::string& name, const std::vector<TestDim>& dims,
    int32_t elemType = onnx::TensorProto::FLOAT);

} // namespace graphs::testing
