#include "llama_decoder.h"

#include "graph_writer.h"

#include <cmath>
#include <limits>
#include <vector>

namespace graphs::reference {

namespace {

const std::string Batch = "batch_size";
const std::string Sequence = "sequence_length";
const std::string Past = "past_sequence_length";
const std::string Total = "past_sequence_length + sequence_length";

class LlamaWriter
{
public:
    explicit LlamaWriter(const LlamaConfig& c)
        : m_c(c)
        , m_g(c.name, c.weightsFile, 14)
        , m_headDim(c.hidden / c.heads)
    {
    }

    onnx::ModelProto write()
    {
        const std::vector<Dim> tokens { Batch, Sequence };
        m_g.input("input_ids", tokens, onnx::TensorProto::INT64);
        m_g.input("attention_mask", { Batch, m_c.kvCache ? Total : Sequence }, onnx::TensorProto::INT64);
        m_g.input("position_ids", tokens, onnx::TensorProto::INT64);
        const std::vector<Dim> cache { Batch, m_c.kvHeads, m_c.kvCache ? Past : Sequence, m_headDim };
        for (int64_t i = 0; m_c.kvCache && i < m_c.layers; ++i) {
            for (const char* kind : { "key", "value" })
                m_g.input("past_key_values." + std::to_string(i) + "." + kind, cache, onnx::TensorProto::FLOAT);
        }

        std::string x = m_g.node("Gather", "/model/embed_tokens",
            { m_g.weight("model.embed_tokens.weight", { m_c.vocab, m_c.hidden }), "input_ids" });
        const std::string mask = causalMask();
        rotary();
        for (int64_t i = 0; i < m_c.layers; ++i)
            x = layer(i, x, mask);
        x = rmsNorm("/model/norm", "model.norm", x);
        m_g.node("MatMul", "/lm_head", { x, m_g.weight("lm_head.weight", { m_c.hidden, m_c.vocab }) }, {}, "logits");

        m_g.output("logits", { Batch, Sequence, m_c.vocab });
        for (int64_t i = 0; m_c.kvCache && i < m_c.layers; ++i) {
            for (const char* kind : { "key", "value" })
                m_g.output("present." + std::to_string(i) + "." + kind, { Batch, m_c.kvHeads, Total, m_headDim });
        }
        return m_g.model();
    }

private:
    /// Additive mask [batch, 1, sequence, total]: a key is hidden when it lies after the query's position or is
    /// padding. Key positions are the running count of attention_mask (HF's position_ids for left padding).
    std::string causalMask()
    {
        const std::string s = "/model";
        const std::string keyPos = m_g.node("Sub", s,
            { m_g.node("CumSum", s, { "attention_mask", m_g.ints(s, { 1 }, true) }), m_g.ints(s, { 1 }, true) });
        const std::string keys = m_g.node("Unsqueeze", s, { keyPos, m_g.ints(s, { 1, 2 }) });
        const std::string queries = m_g.node("Unsqueeze", s, { "position_ids", m_g.ints(s, { 1, 3 }) });
        const std::string future = m_g.node("Greater", s, { keys, queries });
        const std::string padding = m_g.node("Equal", s,
            { m_g.node("Unsqueeze", s, { "attention_mask", m_g.ints(s, { 1, 2 }) }), m_g.ints(s, { 0 }, true) });
        const std::string hidden = m_g.node("Or", s, { future, padding });
        return m_g.node("Where", s,
            { hidden, m_g.scalar(s, std::numeric_limits<float>::lowest()), m_g.scalar(s, 0.0f) });
    }

    /// cos and sin of position × inv_freq, [batch, 1, sequence, head_dim] (LlamaRotaryEmbedding, computed once).
    void rotary()
    {
        const std::string s = "/model/rotary_emb";
        const std::string positions = m_g.node("Unsqueeze", s,
            { m_g.node("Cast", s, { "position_ids" }, { intAttr("to", onnx::TensorProto::FLOAT) }),
                m_g.ints(s, { 2 }) });
        const std::string freqs
            = m_g.node("Mul", s, { positions, m_g.weight("model.rotary_emb.inv_freq", { m_headDim / 2 }) });
        const std::string emb = m_g.node("Concat", s, { freqs, freqs }, { intAttr("axis", -1) });
        m_cos = m_g.node("Unsqueeze", s, { m_g.node("Cos", s, { emb }), m_g.ints(s, { 1 }) });
        m_sin = m_g.node("Unsqueeze", s, { m_g.node("Sin", s, { emb }), m_g.ints(s, { 1 }) });
    }

    /// LlamaRMSNorm: x / √(mean(x²) + ε) · weight.
    std::string rmsNorm(const std::string& scope, const std::string& param, const std::string& x)
    {
        const std::string squared = m_g.node("Pow", scope, { x, m_g.scalar(scope, 2.0f) });
        const std::string mean = m_g.node("ReduceMean", scope, { squared }, { intsAttr("axes", { -1 }) });
        const std::string root
            = m_g.node("Sqrt", scope, { m_g.node("Add", scope, { mean, m_g.scalar(scope, 1e-5f) }) });
        const std::string normed = m_g.node("Div", scope, { x, root });
        return m_g.node("Mul", scope, { m_g.weight(param + ".weight", { m_c.hidden }), normed });
    }

    /// `x.view(*x.shape[:keep], *tail)`: a constant shape with 0 for the kept dimensions, or with shapeOps the
    /// Shape/Gather/Unsqueeze/Concat chain the exporter writes for symbolic dimensions.
    std::string view(const std::string& scope, const std::string& x, int keep, const std::vector<int64_t>& tail)
    {
        if (!m_c.shapeOps) {
            std::vector<int64_t> shape(static_cast<size_t>(keep), 0);
            shape.insert(shape.end(), tail.begin(), tail.end());
            return m_g.node("Reshape", scope, { x, m_g.ints(scope, shape) });
        }
        std::vector<std::string> parts;
        for (int axis = 0; axis < keep; ++axis) {
            const std::string dim = m_g.node("Gather", scope,
                { m_g.node("Shape", scope, { x }), m_g.ints(scope, { axis }, true) }, { intAttr("axis", 0) });
            parts.push_back(m_g.node("Unsqueeze", scope, { dim, m_g.ints(scope, { 0 }) }));
        }
        for (int64_t t : tail)
            parts.push_back(m_g.ints(scope, { t }));
        return m_g.node("Reshape", scope, { x, m_g.node("Concat", scope, parts, { intAttr("axis", 0) }) });
    }

    /// [batch, sequence, heads·head_dim] → [batch, heads, sequence, head_dim].
    std::string splitHeads(const std::string& scope, const std::string& x, int64_t heads)
    {
        return m_g.node(
            "Transpose", scope, { view(scope, x, 2, { heads, m_headDim }) }, { intsAttr("perm", { 0, 2, 1, 3 }) });
    }

    /// x·cos + rotate_half(x)·sin, rotate_half(x) = concat(−x₂, x₁) over the halves of head_dim.
    std::string rope(const std::string& scope, const std::string& x)
    {
        const int64_t half = m_headDim / 2;
        const std::string first = m_g.node("Slice", scope,
            { x, m_g.ints(scope, { 0 }), m_g.ints(scope, { half }), m_g.ints(scope, { 3 }), m_g.ints(scope, { 1 }) });
        const std::string second = m_g.node("Slice", scope,
            { x, m_g.ints(scope, { half }), m_g.ints(scope, { std::numeric_limits<int64_t>::max() }),
                m_g.ints(scope, { 3 }), m_g.ints(scope, { 1 }) });
        const std::string rotated
            = m_g.node("Concat", scope, { m_g.node("Neg", scope, { second }), first }, { intAttr("axis", -1) });
        return m_g.node("Add", scope,
            { m_g.node("Mul", scope, { x, m_cos }), m_g.node("Mul", scope, { rotated, m_sin }) });
    }

    /// repeat_kv: [batch, kv_heads, total, head_dim] → [batch, heads, total, head_dim] by broadcasting.
    std::string repeatKv(const std::string& scope, const std::string& x)
    {
        const int64_t rep = m_c.heads / m_c.kvHeads;
        if (rep == 1)
            return x;
        const std::string expanded = m_g.node("Expand", scope,
            { m_g.node("Unsqueeze", scope, { x, m_g.ints(scope, { 2 }) }), m_g.ints(scope, { 1, 1, rep, 1, 1 }) });
        return m_g.node("Reshape", scope, { expanded, m_g.ints(scope, { 0, m_c.heads, -1, m_headDim }) });
    }

    std::string linear(const std::string& scope, const std::string& param, const std::string& x, int64_t in,
        int64_t out)
    {
        return m_g.node("MatMul", scope, { x, m_g.weight(param + ".weight", { in, out }) });
    }

    std::string layer(int64_t index, const std::string& x, const std::string& mask)
    {
        const std::string scope = "/model/layers." + std::to_string(index);
        const std::string param = "model.layers." + std::to_string(index);
        const std::string attn = scope + "/self_attn";
        const int64_t kvWidth = m_c.kvHeads * m_headDim;

        std::string h = rmsNorm(scope + "/input_layernorm", param + ".input_layernorm", x);
        const std::string q = splitHeads(attn, linear(attn + "/q_proj", param + ".self_attn.q_proj", h, m_c.hidden,
                                                   m_c.hidden), m_c.heads);
        const std::string k = splitHeads(
            attn, linear(attn + "/k_proj", param + ".self_attn.k_proj", h, m_c.hidden, kvWidth), m_c.kvHeads);
        std::string v = splitHeads(
            attn, linear(attn + "/v_proj", param + ".self_attn.v_proj", h, m_c.hidden, kvWidth), m_c.kvHeads);
        const std::string queries = rope(attn, q);
        std::string keys = rope(attn, k);
        if (m_c.kvCache) {
            const std::string layer = std::to_string(index);
            keys = m_g.node("Concat", attn, { "past_key_values." + layer + ".key", keys }, { intAttr("axis", 2) },
                "present." + layer + ".key");
            v = m_g.node("Concat", attn, { "past_key_values." + layer + ".value", v }, { intAttr("axis", 2) },
                "present." + layer + ".value");
        }
        keys = m_g.node("Transpose", attn, { repeatKv(attn, keys) }, { intsAttr("perm", { 0, 1, 3, 2 }) });
        std::string scores = m_g.node("MatMul", attn, { queries, keys });
        scores = m_g.node("Div", attn, { scores, m_g.scalar(attn, std::sqrt(static_cast<float>(m_headDim))) });
        scores = m_g.node("Add", attn, { scores, mask });
        const std::string probs = m_g.node("Softmax", attn, { scores }, { intAttr("axis", -1) });
        std::string context = m_g.node("MatMul", attn, { probs, repeatKv(attn, v) });
        context = m_g.node("Transpose", attn, { context }, { intsAttr("perm", { 0, 2, 1, 3 }) });
        context = view(attn, context, 2, { m_c.hidden });
        std::string out = m_g.node("Add", scope,
            { x, linear(attn + "/o_proj", param + ".self_attn.o_proj", context, m_c.hidden, m_c.hidden) });

        const std::string mlp = scope + "/mlp";
        h = rmsNorm(scope + "/post_attention_layernorm", param + ".post_attention_layernorm", out);
        const std::string gate = linear(mlp + "/gate_proj", param + ".mlp.gate_proj", h, m_c.hidden, m_c.intermediate);
        const std::string up = linear(mlp + "/up_proj", param + ".mlp.up_proj", h, m_c.hidden, m_c.intermediate);
        const std::string silu = m_g.node("Mul", mlp + "/act_fn", { gate, m_g.node("Sigmoid", mlp + "/act_fn", { gate }) });
        const std::string down = linear(mlp + "/down_proj", param + ".mlp.down_proj",
            m_g.node("Mul", mlp, { silu, up }), m_c.intermediate, m_c.hidden);
        return m_g.node("Add", scope, { out, down });
    }

    const LlamaConfig& m_c;
    GraphWriter m_g;
    int64_t m_headDim;
    std::string m_cos;
    std::string m_sin;
};

} // namespace

LlamaConfig llama2_7b()
{
    LlamaConfig c;
    c.name = "llama2_7b";
    c.weightsFile = "llama2_7b.weights.bin";
    return c;
}

LlamaConfig llama3_8b()
{
    LlamaConfig c;
    c.name = "llama3_8b";
    c.kvHeads = 8;
    c.intermediate = 14336;
    c.vocab = 128256;
    c.weightsFile = "llama3_8b.weights.bin";
    return c;
}

onnx::ModelProto llamaDecoder(const LlamaConfig& config)
{
    return LlamaWriter(config).write();
}

} // namespace graphs::reference
