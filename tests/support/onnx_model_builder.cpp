#include "onnx_model_builder.h"

#include <fstream>

namespace graphs::testing {

namespace {

void setShape(onnx::TypeProto* type, const std::vector<TestDim>& dims, int32_t elemType)
{
    auto* tt = type->mutable_tensor_type();
    tt->set_elem_type(elemType);
    auto* shape = tt->mutable_shape();
    for (const TestDim& d : dims) {
        auto* dim = shape->add_dim();
        if (const auto* v = std::get_if<int64_t>(&d))
            dim->set_dim_value(*v);
        else
            dim->set_dim_param(std::get<std::string>(d));
    }
}

} // namespace

Attr Attr::i(const std::string& name, int64_t v)
{
    Attr a;
    a.proto.set_name(name);
    a.proto.set_type(onnx::AttributeProto::INT);
    a.proto.set_i(v);
    return a;
}

Attr Attr::f(const std::string& name, float v)
{
    Attr a;
    a.proto.set_name(name);
    a.proto.set_type(onnx::AttributeProto::FLOAT);
    a.proto.set_f(v);
    return a;
}

Attr Attr::s(const std::string& name, const std::string& v)
{
    Attr a;
    a.proto.set_name(name);
    a.proto.set_type(onnx::AttributeProto::STRING);
    a.proto.set_s(v);
    return a;
}

Attr Attr::ints(const std::string& name, const std::vector<int64_t>& v)
{
    Attr a;
    a.proto.set_name(name);
    a.proto.set_type(onnx::AttributeProto::INTS);
    for (int64_t x : v)
        a.proto.add_ints(x);
    return a;
}

Attr Attr::tensor(const std::string& name, const onnx::TensorProto& t)
{
    Attr a;
    a.proto.set_name(name);
    a.proto.set_type(onnx::AttributeProto::TENSOR);
    *a.proto.mutable_t() = t;
    return a;
}

Attr Attr::graph(const std::string& name, const onnx::GraphProto& g)
{
    Attr a;
    a.proto.set_name(name);
    a.proto.set_type(onnx::AttributeProto::GRAPH);
    *a.proto.mutable_g() = g;
    return a;
}

OnnxModelBuilder::OnnxModelBuilder(int64_t opset, const std::string& graphName)
{
    m_model.set_ir_version(7);
    m_model.set_producer_name("graphs-tests");
    auto* op = m_model.add_opset_import();
    op->set_domain("");
    op->set_version(opset);
    m_model.mutable_graph()->set_name(graphName);
}

OnnxModelBuilder& OnnxModelBuilder::input(const std::string& name, const std::vector<TestDim>& dims, int32_t elemType)
{
    auto* vi = graph().add_input();
    vi->set_name(name);
    setShape(vi->mutable_type(), dims, elemType);
    return *this;
}

OnnxModelBuilder& OnnxModelBuilder::output(const std::string& name, int32_t elemType)
{
    auto* vi = graph().add_output();
    vi->set_name(name);
    vi->mutable_type()->mutable_tensor_type()->set_elem_type(elemType);
    return *this;
}

OnnxModelBuilder& OnnxModelBuilder::weight(const std::string& name, const std::vector<int64_t>& dims,
    const std::string& externalLocation, int32_t elemType)
{
    auto* t = graph().add_initializer();
    t->set_name(name);
    t->set_data_type(elemType);
    for (int64_t d : dims)
        t->add_dims(d);
    if (!externalLocation.empty()) {
        t->set_data_location(onnx::TensorProto::EXTERNAL);
        auto* kv = t->add_external_data();
        kv->set_key("location");
        kv->set_value(externalLocation);
    }
    return *this;
}

OnnxModelBuilder& OnnxModelBuilder::inlineWeight(const std::string& name, const std::vector<int64_t>& dims)
{
    auto* t = graph().add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    int64_t n = 1;
    for (int64_t d : dims) {
        t->add_dims(d);
        n *= d;
    }
    t->set_raw_data(std::string(static_cast<size_t>(n) * sizeof(float), '\0'));
    return *this;
}

OnnxModelBuilder& OnnxModelBuilder::ints(const std::string& name, const std::vector<int64_t>& values, bool scalar)
{
    auto* t = graph().add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::INT64);
    if (!scalar)
        t->add_dims(static_cast<int64_t>(values.size()));
    for (int64_t v : values)
        t->add_int64_data(v);
    return *this;
}

OnnxModelBuilder& OnnxModelBuilder::floats(const std::string& name, const std::vector<float>& values, bool scalar)
{
    auto* t = graph().add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    if (!scalar)
        t->add_dims(static_cast<int64_t>(values.size()));
    for (float v : values)
        t->add_float_data(v);
    return *this;
}

OnnxModelBuilder& OnnxModelBuilder::node(const std::string& op, const std::vector<std::string>& inputs,
    const std::vector<std::string>& outputs, const std::vector<Attr>& attrs, const std::string& name,
    const std::string& domain)
{
    auto* n = graph().add_node();
    n->set_op_type(op);
    n->set_name(name.empty() ? op + "_" + std::to_string(m_unnamed++) : name);
    if (!domain.empty())
        n->set_domain(domain);
    for (const auto& in : inputs)
        n->add_input(in);
    for (const auto& out : outputs)
        n->add_output(out);
    for (const Attr& a : attrs)
        *n->add_attribute() = a.proto;
    return *this;
}

OnnxModelBuilder& OnnxModelBuilder::opsetImport(const std::string& domain, int64_t version)
{
    for (auto& op : *m_model.mutable_opset_import()) {
        if (op.domain() == domain) {
            op.set_version(version);
            return *this;
        }
    }
    auto* op = m_model.add_opset_import();
    op->set_domain(domain);
    op->set_version(version);
    return *this;
}

std::string OnnxModelBuilder::serialize() const
{
    return m_model.SerializeAsString();
}

bool OnnxModelBuilder::save(const std::string& path) const
{
    std::ofstream out(path, std::ios::binary);
    out << serialize();
    return static_cast<bool>(out);
}

onnx::ValueInfoProto valueInfo(const std::string& name, const std::vector<TestDim>& dims, int32_t elemType)
{
    onnx::ValueInfoProto vi;
    vi.set_name(name);
    setShape(vi.mutable_type(), dims, elemType);
    return vi;
}

} // namespace graphs::testing
