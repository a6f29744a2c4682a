#include "benchmarks/operator_models.h"

#include "benchmarks/tensor_fill.h"
#include "core/atomic_file.h"

#include <onnx/onnx_pb.h>

#include <cmath>

namespace graphs {

namespace {

using TP = onnx::TensorProto;

/// Builds the graph one node at a time; weights are filled from one seeded generator in creation order.
class Builder
{
public:
    explicit Builder(const std::string& name) : m_rng(20261124)
    {
        m_model.set_ir_version(8);
        m_model.set_producer_name("graphs");
        m_model.set_producer_version(GRAPHS_VERSION);
        auto* opset = m_model.add_opset_import();
        opset->set_domain("");
        opset->set_version(17);
        m_model.mutable_graph()->set_name(name);
    }

    void input(const std::string& name, const std::vector<int64_t>& dims)
    {
        auto* v = m_model.mutable_graph()->add_input();
        v->set_name(name);
        auto* t = v->mutable_type()->mutable_tensor_type();
        t->set_elem_type(TP::FLOAT);
        for (int64_t d : dims)
            t->mutable_shape()->add_dim()->set_dim_value(d);
    }

    void output(const std::string& name)
    {
        auto* v = m_model.mutable_graph()->add_output();
        v->set_name(name);
        v->mutable_type()->mutable_tensor_type()->set_elem_type(TP::FLOAT);
    }

    Status weight(const std::string& name, const std::vector<int64_t>& dims)
    {
        TP* t = m_model.mutable_graph()->add_initializer();
        t->set_name(name);
        t->set_data_type(TP::FLOAT);
        for (int64_t d : dims)
            t->add_dims(d);
        return fillTensor(*t, m_rng, 0.05);
    }

    void scalar(const std::string& name, float value)
    {
        TP* t = m_model.mutable_graph()->add_initializer();
        t->set_name(name);
        t->set_data_type(TP::FLOAT);
        t->add_float_data(value);
    }

    onnx::NodeProto& node(const std::string& op, const std::vector<std::string>& inputs,
        const std::vector<std::string>& outputs)
    {
        auto* n = m_model.mutable_graph()->add_node();
        n->set_op_type(op);
        n->set_name(op + "_" + std::to_string(m_model.graph().node_size()));
        for (const auto& i : inputs)
            n->add_input(i);
        for (const auto& o : outputs)
            n->add_output(o);
        return *n;
    }

    static void ints(onnx::NodeProto& n, const std::string& name, const std::vector<int64_t>& values)
    {
        auto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (int64_t v : values)
            a->add_ints(v);
    }

    static void integer(onnx::NodeProto& n, const std::string& name, int64_t value)
    {
        auto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(value);
    }

    Result<std::string> bytes() const
    {
        std::string out;
        if (!m_model.SerializeToString(&out))
            return Error { ErrorCode::Unsupported, "the operator model does not fit one protobuf message",
                m_model.graph().name() };
        return out;
    }

private:
    onnx::ModelProto m_model;
    Xorshift m_rng;
};

Status buildConv(Builder& b, const OperatorCase& c)
{
    const int64_t batch = c.param("batch", 1), channels = c.param("channels", 1), size = c.param("size", 1);
    const int64_t kernel = c.param("kernel", 1), groups = c.param("groups", 1);
    const int64_t out = c.param("out_channels", channels), pad = kernel / 2;
    b.input("x", { batch, channels, size, size });
    if (auto s = b.weight("w", { out, channels / groups, kernel, kernel }); !s)
        return s;
    if (auto s = b.weight("bias", { out }); !s)
        return s;
    auto& n = b.node("Conv", { "x", "w", "bias" }, { "y" });
    Builder::ints(n, "kernel_shape", { kernel, kernel });
    Builder::ints(n, "strides", { c.param("stride", 1), c.param("stride", 1) });
    Builder::ints(n, "pads", { pad, pad, pad, pad });
    Builder::integer(n, "group", groups);
    return Ok {};
}

void buildElementwise(Builder& b, const OperatorCase& c)
{
    const int64_t n = c.param("elements", 1);
    b.input("a", { n });
    if (c.function == "add" || c.function == "mul") {
        b.input("b", { n });
        b.node(c.function == "add" ? "Add" : "Mul", { "a", "b" }, { "y" });
    } else if (c.function == "relu" || c.function == "sigmoid") {
        b.node(c.function == "relu" ? "Relu" : "Sigmoid", { "a" }, { "y" });
    } else { // gelu, as exporters write it: 0.5·x·(1 + erf(x/√2))
        b.scalar("sqrt2", static_cast<float>(std::sqrt(2.0)));
        b.scalar("one", 1.0f);
        b.scalar("half", 0.5f);
        b.node("Div", { "a", "sqrt2" }, { "t0" });
        b.node("Erf", { "t0" }, { "t1" });
        b.node("Add", { "t1", "one" }, { "t2" });
        b.node("Mul", { "a", "t2" }, { "t3" });
        b.node("Mul", { "t3", "half" }, { "y" });
    }
}

Status buildPool(Builder& b, const OperatorCase& c)
{
    b.input("x", { c.param("batch", 1), c.param("channels", 1), c.param("size", 1), c.param("size", 1) });
    if (c.function == "global") {
        b.node("GlobalAveragePool", { "x" }, { "y" });
        return Ok {};
    }
    const int64_t kernel = c.param("kernel", 3), stride = c.param("stride", 2), pad = kernel / 2;
    auto& n = b.node(c.function == "max" ? "MaxPool" : "AveragePool", { "x" }, { "y" });
    Builder::ints(n, "kernel_shape", { kernel, kernel });
    Builder::ints(n, "strides", { stride, stride });
    Builder::ints(n, "pads", { pad, pad, pad, pad });
    return Ok {};
}

void buildAttention(Builder& b, const OperatorCase& c)
{
    const std::vector<int64_t> dims
        = { c.param("batch", 1), c.param("heads", 1), c.param("seq", 1), c.param("head_dim", 1) };
    for (const char* name : { "q", "k", "v" })
        b.input(name, dims);
    b.scalar("scale", static_cast<float>(1.0 / std::sqrt(static_cast<double>(c.param("head_dim", 1)))));
    Builder::ints(b.node("Transpose", { "k" }, { "kt" }), "perm", { 0, 1, 3, 2 });
    b.node("MatMul", { "q", "kt" }, { "scores" });
    b.node("Mul", { "scores", "scale" }, { "scaled" });
    Builder::integer(b.node("Softmax", { "scaled" }, { "probs" }), "axis", -1);
    b.node("MatMul", { "probs", "v" }, { "y" });
}

} // namespace

Result<std::string> operatorModelBytes(const OperatorCase& c)
{
    Builder b(c.name());
    Status built = Ok {};
    if (c.op == "matmul") {
        const int64_t batch = c.param("batch", 1);
        if (batch > 1)
            b.input("a", { batch, c.param("m", 1), c.param("k", 1) });
        else
            b.input("a", { c.param("m", 1), c.param("k", 1) });
        built = b.weight("b", { c.param("k", 1), c.param("n", 1) });
        b.node("MatMul", { "a", "b" }, { "y" });
    } else if (c.op == "gemm") {
        b.input("a", { c.param("m", 1), c.param("k", 1) });
        built = b.weight("w", { c.param("n", 1), c.param("k", 1) });
        if (built)
            built = b.weight("bias", { c.param("n", 1) });
        Builder::integer(b.node("Gemm", { "a", "w", "bias" }, { "y" }), "transB", 1);
    } else if (c.op == "conv2d") {
        built = buildConv(b, c);
    } else if (c.op == "elementwise") {
        buildElementwise(b, c);
    } else if (c.op == "softmax") {
        b.input("x", { c.param("rows", 1), c.param("cols", 1) });
        Builder::integer(b.node("Softmax", { "x" }, { "y" }), "axis", -1);
    } else if (c.op == "layernorm") {
        b.input("x", { c.param("rows", 1), c.param("cols", 1) });
        built = b.weight("gamma", { c.param("cols", 1) });
        if (built)
            built = b.weight("beta", { c.param("cols", 1) });
        Builder::integer(b.node("LayerNormalization", { "x", "gamma", "beta" }, { "y" }), "axis", -1);
    } else if (c.op == "pool") {
        built = buildPool(b, c);
    } else if (c.op == "attention") {
        buildAttention(b, c);
    } else {
        return Error { ErrorCode::Unsupported, "no model generator for operator '" + c.op + "'", c.name() };
    }
    if (!built)
        return Error { built.error().code, built.error().message, c.name() };
    b.output("y");
    return b.bytes();
}

Status writeOperatorModel(const OperatorCase& c, const std::string& path)
{
    auto bytes = operatorModelBytes(c);
    if (!bytes)
        return bytes.error();
    return writeFileAtomically(path, *bytes);
}

} // namespace graphs
