#include "synthetic_models.h"

#include "onnx_model_builder.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <vector>

namespace graphs::bench {

namespace {

using graphs::testing::Attr;
using graphs::testing::OnnxModelBuilder;

constexpr const char* kWeightsFile = "transformer.weights.bin"; // declared, never written nor read

class TransformerWriter
{
public:
    explicit TransformerWriter(const TransformerShape& shape)
        : m_shape(shape)
    {
    }

    OnnxModelBuilder& build()
    {
        const int64_t s = m_shape.sequence;
        const int64_t d = m_shape.hidden;
        const int64_t h = m_shape.heads;
        m_b.input("x", { int64_t { 1 }, s, d });
        m_b.floats("eps", { 1e-6F }, true);
        m_b.floats("two", { 2.0F }, true);
        m_b.floats("one", { 1.0F }, true);
        m_b.floats("half", { 0.5F }, true);
        m_b.floats("sqrt2", { std::sqrt(2.0F) }, true);
        m_b.floats("scale", { 1.0F / std::sqrt(static_cast<float>(d / h)) }, true);
        m_b.ints("heads_shape", { 1, s, h, d / h });
        m_b.ints("merged_shape", { 1, s, d });
        std::string x = "x";
        for (int i = 0; i < m_shape.blocks; ++i)
            x = block(x, "blocks." + std::to_string(i) + ".");
        m_b.node("Identity", { x }, { "y" }, {}, "output");
        m_b.output("y");
        return m_b;
    }

private:
    void weight(const std::string& name, const std::vector<int64_t>& dims)
    {
        if (!m_shape.inlineWeights) {
            m_b.weight(name, dims, kWeightsFile);
            return;
        }
        m_b.inlineWeight(name, dims);
        // Values that do not compress or share pages: xorshift noise of a trained layer's magnitude.
        std::string& raw = *m_b.graph().mutable_initializer(m_b.graph().initializer_size() - 1)->mutable_raw_data();
        for (size_t i = 0; i + sizeof(float) <= raw.size(); i += sizeof(float)) {
            m_state ^= m_state << 13;
            m_state ^= m_state >> 17;
            m_state ^= m_state << 5;
            const float v = (static_cast<float>(m_state % 20001) - 10000.0F) * 5e-6F;
            std::memcpy(raw.data() + i, &v, sizeof v);
        }
    }

    /// `op` named `prefix + name`, with one output of the same name.
    std::string node(const std::string& op, const std::vector<std::string>& inputs, const std::string& name,
        const std::vector<Attr>& attrs = {})
    {
        const std::string out = m_prefix + name;
        m_b.node(op, inputs, { out }, attrs, out);
        return out;
    }

    std::string linear(const std::string& x, const std::string& name, int64_t in, int64_t out)
    {
        weight(m_prefix + name + ".weight", { in, out });
        weight(m_prefix + name + ".bias", { out });
        const std::string mm = node("MatMul", { x, m_prefix + name + ".weight" }, name + ".matmul");
        return node("Add", { mm, m_prefix + name + ".bias" }, name + ".add");
    }

    std::string layerNorm(const std::string& x, const std::string& name)
    {
        const int64_t d = m_shape.hidden;
        weight(m_prefix + name + ".weight", { d });
        weight(m_prefix + name + ".bias", { d });
        const Attr lastAxis = Attr::ints("axes", { -1 });
        const std::string mean = node("ReduceMean", { x }, name + ".mean", { lastAxis });
        const std::string centred = node("Sub", { x, mean }, name + ".sub");
        const std::string squared = node("Pow", { centred, "two" }, name + ".pow");
        const std::string var = node("ReduceMean", { squared }, name + ".var", { lastAxis });
        const std::string shifted = node("Add", { var, "eps" }, name + ".add_eps");
        const std::string sd = node("Sqrt", { shifted }, name + ".sqrt");
        const std::string normed = node("Div", { centred, sd }, name + ".div");
        const std::string scaled = node("Mul", { normed, m_prefix + name + ".weight" }, name + ".mul");
        return node("Add", { scaled, m_prefix + name + ".bias" }, name + ".add");
    }

    std::string attention(const std::string& x)
    {
        const int64_t d = m_shape.hidden;
        auto heads = [&](const std::string& name, std::vector<int64_t> perm) {
            const std::string proj = linear(x, "attn." + name, d, d);
            const std::string split = node("Reshape", { proj, "heads_shape" }, "attn." + name + ".reshape");
            return node("Transpose", { split }, "attn." + name + ".transpose", { Attr::ints("perm", perm) });
        };
        const std::string q = heads("q", { 0, 2, 1, 3 });
        const std::string k = heads("k", { 0, 2, 3, 1 });
        const std::string v = heads("v", { 0, 2, 1, 3 });
        const std::string scores = node("MatMul", { q, k }, "attn.scores");
        const std::string scaled = node("Mul", { scores, "scale" }, "attn.scale");
        const std::string probs = node("Softmax", { scaled }, "attn.softmax", { Attr::i("axis", -1) });
        const std::string context = node("MatMul", { probs, v }, "attn.context");
        const std::string back
            = node("Transpose", { context }, "attn.merge.transpose", { Attr::ints("perm", { 0, 2, 1, 3 }) });
        const std::string merged = node("Reshape", { back, "merged_shape" }, "attn.merge.reshape");
        return linear(merged, "attn.out", d, d);
    }

    std::string mlp(const std::string& x)
    {
        const std::string up = linear(x, "mlp.fc1", m_shape.hidden, m_shape.ffn);
        const std::string scaled = node("Div", { up, "sqrt2" }, "mlp.gelu.div");
        const std::string erf = node("Erf", { scaled }, "mlp.gelu.erf");
        const std::string shifted = node("Add", { erf, "one" }, "mlp.gelu.add");
        const std::string gated = node("Mul", { up, shifted }, "mlp.gelu.mul");
        const std::string gelu = node("Mul", { gated, "half" }, "mlp.gelu.half");
        return linear(gelu, "mlp.fc2", m_shape.ffn, m_shape.hidden);
    }

    std::string block(const std::string& x, const std::string& prefix)
    {
        m_prefix = prefix;
        const std::string attended = attention(layerNorm(x, "ln_1"));
        const std::string residual = node("Add", { x, attended }, "residual_1");
        const std::string mixed = mlp(layerNorm(residual, "ln_2"));
        return node("Add", { residual, mixed }, "residual_2");
    }

    TransformerShape m_shape;
    OnnxModelBuilder m_b { 13, "synthetic_transformer" };
    std::string m_prefix;
    uint32_t m_state = 2463534242U;
};

} // namespace

TransformerShape transformerWithNodes(int nodes)
{
    TransformerShape shape;
    shape.blocks = (nodes + kNodesPerBlock - 1) / kNodesPerBlock;
    return shape;
}

int64_t transformerParameters(const TransformerShape& shape)
{
    const int64_t d = shape.hidden;
    const int64_t perBlock = 4 * (d * d + d) + (d * shape.ffn + shape.ffn) + (shape.ffn * d + d) + 4 * d;
    return perBlock * shape.blocks;
}

bool writeTransformerModel(const TransformerShape& shape, const std::string& path)
{
    TransformerWriter writer(shape);
    OnnxModelBuilder& builder = writer.build();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    // Straight to the stream: serialising to a string first would hold a full-weight model twice.
    return out && builder.proto().SerializeToOstream(&out) && out.flush();
}

ScratchModel::ScratchModel(const TransformerShape& shape, const std::string& name)
{
    const auto path = std::filesystem::temp_directory_path()
        / ("graphs-bench-" + name + "-" + std::to_string(::getpid()) + ".onnx");
    if (writeTransformerModel(shape, path.string()))
        m_path = path.string();
}

ScratchModel::~ScratchModel()
{
    if (!m_path.empty()) {
        std::error_code ec;
        std::filesystem::remove(m_path, ec);
    }
}

const std::string& transformer10kPath()
{
    static const ScratchModel model(transformerWithNodes(10000), "transformer10k");
    return model.path();
}

const std::string& transformer200kPath()
{
    static const ScratchModel model(transformerWithNodes(200000), "transformer200k");
    return model.path();
}

} // namespace graphs::bench
