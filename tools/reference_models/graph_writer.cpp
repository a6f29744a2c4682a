#include "graph_writer.h"

#include <filesystem>
#include <fstream>

namespace graphs::reference {

namespace {

void setType(onnx::ValueInfoProto* vi, const std::string& name, const std::vector<Dim>& dims, int32_t type)
{
    vi->set_name(name);
    auto* tt = vi->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(type);
    auto* shape = tt->mutable_shape();
    for (const Dim& d : dims) {
        if (const auto* v = std::get_if<int64_t>(&d))
            shape->add_dim()->set_dim_value(*v);
        else
            shape->add_dim()->set_dim_param(std::get<std::string>(d));
    }
}

} // namespace

onnx::AttributeProto intAttr(const std::string& name, int64_t v)
{
    onnx::AttributeProto a;
    a.set_name(name);
    a.set_type(onnx::AttributeProto::INT);
    a.set_i(v);
    return a;
}

onnx::AttributeProto intsAttr(const std::string& name, const std::vector<int64_t>& v)
{
    onnx::AttributeProto a;
    a.set_name(name);
    a.set_type(onnx::AttributeProto::INTS);
    for (int64_t x : v)
        a.add_ints(x);
    return a;
}

onnx::AttributeProto floatAttr(const std::string& name, float v)
{
    onnx::AttributeProto a;
    a.set_name(name);
    a.set_type(onnx::AttributeProto::FLOAT);
    a.set_f(v);
    return a;
}

GraphWriter::GraphWriter(const std::string& graphName, std::string weightsFile, int64_t opset)
    : m_weightsFile(std::move(weightsFile))
{
    m_model.set_ir_version(7); // what PyTorch 1.13 writes for opset 13
    m_model.set_producer_name("graphs make_reference_models");
    m_model.set_doc_string("Structure only: weights are external data in a file that does not exist.");
    auto* op = m_model.add_opset_import();
    op->set_domain("");
    op->set_version(opset);
    m_model.mutable_graph()->set_name(graphName);
}

void GraphWriter::input(const std::string& name, const std::vector<Dim>& dims, int32_t elemType)
{
    setType(m_model.mutable_graph()->add_input(), name, dims, elemType);
}

void GraphWriter::output(const std::string& name, const std::vector<Dim>& dims)
{
    setType(m_model.mutable_graph()->add_output(), name, dims, onnx::TensorProto::FLOAT);
}

std::string GraphWriter::weight(const std::string& name, const std::vector<int64_t>& dims, int32_t elemType)
{
    auto* t = m_model.mutable_graph()->add_initializer();
    t->set_name(name);
    t->set_data_type(elemType);
    int64_t bytes = elemType == onnx::TensorProto::INT64 ? 8 : 4;
    for (int64_t d : dims) {
        t->add_dims(d);
        bytes *= d;
    }
    t->set_data_location(onnx::TensorProto::EXTERNAL);
    for (const auto& [key, value] : { std::pair<std::string, std::string> { "location", m_weightsFile },
             { "offset", std::to_string(m_offset) }, { "length", std::to_string(bytes) } }) {
        auto* kv = t->add_external_data();
        kv->set_key(key);
        kv->set_value(value);
    }
    m_offset += bytes;
    return name;
}

std::vector<std::string> GraphWriter::nodes(const std::string& op, const std::string& scope,
    const std::vector<std::string>& inputs, const std::vector<onnx::AttributeProto>& attrs, int outputs,
    const std::vector<std::string>& names)
{
    const int repeat = m_repeats[scope + "/" + op]++;
    auto* n = m_model.mutable_graph()->add_node();
    n->set_op_type(op);
    n->set_name(scope + "/" + op + (repeat ? "_" + std::to_string(repeat) : ""));
    for (const auto& in : inputs)
        n->add_input(in);
    std::vector<std::string> outs;
    for (int i = 0; i < outputs; ++i) {
        outs.push_back(i < static_cast<int>(names.size()) ? names[i] : n->name() + "_output_" + std::to_string(i));
        n->add_output(outs.back());
    }
    for (const auto& a : attrs)
        *n->add_attribute() = a;
    return outs;
}

std::string GraphWriter::node(const std::string& op, const std::string& scope, const std::vector<std::string>& inputs,
    const std::vector<onnx::AttributeProto>& attrs, const std::string& outputName)
{
    return nodes(op, scope, inputs, attrs, 1,
        outputName.empty() ? std::vector<std::string> {} : std::vector<std::string> { outputName })[0];
}

std::string GraphWriter::ints(const std::string& scope, const std::vector<int64_t>& values, bool scalar)
{
    onnx::TensorProto t;
    t.set_data_type(onnx::TensorProto::INT64);
    if (!scalar)
        t.add_dims(static_cast<int64_t>(values.size()));
    for (int64_t v : values)
        t.add_int64_data(v);
    return constant(scope, t);
}

std::string GraphWriter::scalar(const std::string& scope, float value)
{
    onnx::TensorProto t;
    t.set_data_type(onnx::TensorProto::FLOAT);
    t.add_float_data(value);
    return constant(scope, t);
}

std::string GraphWriter::constant(const std::string& scope, const onnx::TensorProto& t)
{
    onnx::AttributeProto a;
    a.set_name("value");
    a.set_type(onnx::AttributeProto::TENSOR);
    *a.mutable_t() = t;
    return node("Constant", scope, {}, { a });
}

bool saveModel(const onnx::ModelProto& model, const std::string& path)
{
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out || !model.SerializeToOstream(&out))
            return false;
    }
    std::error_code ec;
    std::filesystem::rename(partial, path, ec);
    return !ec;
}

} // namespace graphs::reference
