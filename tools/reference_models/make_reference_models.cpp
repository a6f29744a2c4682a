// Writes structure-only ONNX models of published benchmark networks, so that graphs can analyse them without their
// weights: every weight is declared with its dims and stored as external data in a file that is never written (the
// importer never opens it). The graphs mirror what torch.onnx.export (PyTorch 1.13, opset 13, constant folding on)
// writes for the PyTorch models: node names from the module path ("/layer1/layer1.0/conv1/Conv"), Constant nodes
// for scalars and shapes, and shape arithmetic (Shape/Gather/Unsqueeze/Concat) where a dimension is symbolic.
//
// The Llama-2-7B and Llama-3-8B decoders (tools/reference_models/llama_decoder.h) follow transformers'
// LlamaForCausalLM exported with its KV cache; the tests build smaller decoders with the same writer.
//
// Usage: make_reference_models OUTPUT_DIR
//   writes OUTPUT_DIR/resnet50_v1.5.structure.onnx, OUTPUT_DIR/bert_large.structure.onnx,
//   OUTPUT_DIR/llama2_7b.structure.onnx and OUTPUT_DIR/llama3_8b.structure.onnx

#include "graph_writer.h"
#include "llama_decoder.h"

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace graphs::reference;

/// torchvision.models.resnet50 (ResNet-50 v1.5: the stride sits in the bottleneck's 3x3 conv2, not in conv1) as
/// torch.onnx.export writes it with constant folding: each BatchNorm folded into its Conv's bias, the weights
/// named "onnx::Conv_<n>" (n stepping by 3 as in the export), fc as Gemm(transB=1).
onnx::ModelProto resnet50()
{
    GraphWriter g("torch_jit", "resnet50_v1.5.weights.bin");
    g.input(
        "input", { std::string("batch"), int64_t { 3 }, int64_t { 224 }, int64_t { 224 } }, onnx::TensorProto::FLOAT);

    int weightId = 497;
    auto conv
        = [&](const std::string& scope, const std::string& x, int64_t cin, int64_t cout, int64_t k, int64_t stride) {
              const std::string w = g.weight("onnx::Conv_" + std::to_string(weightId), { cout, cin, k, k });
              const std::string b = g.weight("onnx::Conv_" + std::to_string(weightId + 1), { cout });
              weightId += 3;
              const int64_t pad = k / 2;
              return g.node("Conv", scope, { x, w, b },
                  { intsAttr("dilations", { 1, 1 }), intAttr("group", 1), intsAttr("kernel_shape", { k, k }),
                      intsAttr("pads", { pad, pad, pad, pad }), intsAttr("strides", { stride, stride }) });
          };

    std::string x = conv("/conv1", "input", 3, 64, 7, 2);
    x = g.node("Relu", "/relu", { x });
    x = g.node("MaxPool", "/maxpool", { x },
        { intAttr("ceil_mode", 0), intsAttr("kernel_shape", { 3, 3 }), intsAttr("pads", { 1, 1, 1, 1 }),
            intsAttr("strides", { 2, 2 }) });

    struct Stage
    {
        int64_t width;
        int blocks;
        int64_t stride;
    };
    int64_t channels = 64;
    int layer = 1;
    for (const Stage& stage : { Stage { 64, 3, 1 }, Stage { 128, 4, 2 }, Stage { 256, 6, 2 }, Stage { 512, 3, 2 } }) {
        for (int block = 0; block < stage.blocks; ++block) {
            const std::string scope
                = "/layer" + std::to_string(layer) + "/layer" + std::to_string(layer) + "." + std::to_string(block);
            const int64_t stride = block == 0 ? stage.stride : 1;
            const int64_t out = stage.width * 4;
            std::string y = conv(scope + "/conv1", x, channels, stage.width, 1, 1);
            y = g.node("Relu", scope + "/relu", { y });
            y = conv(scope + "/conv2", y, stage.width, stage.width, 3, stride);
            y = g.node("Relu", scope + "/relu_1", { y });
            y = conv(scope + "/conv3", y, stage.width, out, 1, 1);
            const std::string identity
                = block == 0 ? conv(scope + "/downsample/downsample.0", x, channels, out, 1, stride) : x;
            y = g.node("Add", scope, { y, identity });
            x = g.node("Relu", scope + "/relu_2", { y });
            channels = out;
        }
        ++layer;
    }

    x = g.node("GlobalAveragePool", "/avgpool", { x });
    x = g.node("Flatten", "", { x }, { intAttr("axis", 1) });
    g.node("Gemm", "/fc", { x, g.weight("fc.weight", { 1000, 2048 }), g.weight("fc.bias", { 1000 }) },
        { floatAttr("alpha", 1.0f), floatAttr("beta", 1.0f), intAttr("transB", 1) }, "output");
    g.output("output", { std::string("batch"), int64_t { 1000 } });
    return g.model();
}

/// BERT-Large sizes (bert-large-uncased, the architecture of the MLPerf BERT-99 SQuAD v1.1 model).
constexpr int64_t Layers = 24, Hidden = 1024, Heads = 16, HeadSize = Hidden / Heads, Ffn = 4096;
constexpr int64_t Vocab = 30522, MaxPositions = 512, TypeVocab = 2;

/// nn.Linear as the exporter writes it on a 3-D input: MatMul with the transposed weight (folded into a new
/// initializer "onnx::MatMul_<n>"), then Add(bias, product).
std::string linear(GraphWriter& g, int& matmulId, const std::string& scope, const std::string& param,
    const std::string& x, int64_t in, int64_t out)
{
    const std::string w = g.weight("onnx::MatMul_" + std::to_string(matmulId++), { in, out });
    const std::string y = g.node("MatMul", scope, { x, w });
    return g.node("Add", scope, { g.weight(param + ".bias", { out }), y });
}

/// nn.LayerNorm at opset 13 (no LayerNormalization op before opset 17): the exporter decomposes it into
/// ReduceMean/Sub/Pow/ReduceMean/Add(eps)/Sqrt/Div/Mul/Add, as bert_small.structure.onnx shows.
std::string layerNorm(GraphWriter& g, const std::string& scope, const std::string& param, const std::string& x)
{
    const std::string mean = g.node("ReduceMean", scope, { x }, { intsAttr("axes", { -1 }) });
    const std::string centred = g.node("Sub", scope, { x, mean });
    const std::string squared = g.node("Pow", scope, { centred, g.scalar(scope, 2.0f) });
    const std::string variance = g.node("ReduceMean", scope, { squared }, { intsAttr("axes", { -1 }) });
    const std::string shifted = g.node("Add", scope, { variance, g.scalar(scope, 1e-12f) });
    const std::string normed = g.node("Div", scope, { centred, g.node("Sqrt", scope, { shifted }) });
    const std::string scaled = g.node("Mul", scope, { normed, g.weight(param + ".weight", { Hidden }) });
    return g.node("Add", scope, { scaled, g.weight(param + ".bias", { Hidden }) });
}

/// `x.view(x.size()[:2] + tail)` with symbolic batch and sequence: Shape/Gather/Unsqueeze per kept dimension,
/// Concat with the constant tail, Reshape — what the exporter writes for HF's transpose_for_scores and for the
/// merge of the heads.
std::string viewKeepingTwoDims(
    GraphWriter& g, const std::string& scope, const std::string& x, const std::vector<int64_t>& tail)
{
    std::vector<std::string> parts;
    for (int64_t axis : { 0, 1 }) {
        const std::string shape = g.node("Shape", scope, { x });
        const std::string dim
            = g.node("Gather", scope, { shape, g.ints(scope, { axis }, true) }, { intAttr("axis", 0) });
        parts.push_back(dim);
    }
    for (std::string& part : parts)
        part = g.node("Unsqueeze", scope, { part, g.ints(scope, { 0 }) });
    for (int64_t t : tail)
        parts.push_back(g.ints(scope, { t }));
    return g.node("Reshape", scope, { x, g.node("Concat", scope, parts, { intAttr("axis", 0) }) });
}

/// One HF BertLayer (transformers 4.x BertSelfAttention/BertSelfOutput/BertIntermediate/BertOutput) as exported:
/// separate query/key/value Linear, heads split by Reshape and Transpose (the key's two transposes fused into
/// perm 0,2,3,1), MatMul/Div(√64)/Add(mask)/Softmax/MatMul, heads merged, post-LayerNorm residuals, and GELU as
/// x·0.5·(1+erf(x/√2)).
std::string bertLayer(GraphWriter& g, int& matmulId, int index, const std::string& x, const std::string& mask)
{
    const std::string scope = "/bert/encoder/layer." + std::to_string(index);
    const std::string param = "bert.encoder.layer." + std::to_string(index);
    const std::string self = scope + "/attention/self";
    const std::vector<int64_t> heads { Heads, HeadSize };

    const std::string query = linear(g, matmulId, self + "/query", param + ".attention.self.query", x, Hidden, Hidden);
    const std::string key = linear(g, matmulId, self + "/key", param + ".attention.self.key", x, Hidden, Hidden);
    const std::string keyT
        = g.node("Transpose", self, { viewKeepingTwoDims(g, self, key, heads) }, { intsAttr("perm", { 0, 2, 3, 1 }) });
    const std::string value = linear(g, matmulId, self + "/value", param + ".attention.self.value", x, Hidden, Hidden);
    const std::string valueH = g.node(
        "Transpose", self, { viewKeepingTwoDims(g, self, value, heads) }, { intsAttr("perm", { 0, 2, 1, 3 }) });
    const std::string queryH = g.node(
        "Transpose", self, { viewKeepingTwoDims(g, self, query, heads) }, { intsAttr("perm", { 0, 2, 1, 3 }) });

    std::string scores = g.node("MatMul", self, { queryH, keyT });
    scores = g.node("Div", self, { scores, g.scalar(self, 8.0f) }); // sqrt(head size 64)
    scores = g.node("Add", self, { scores, mask });
    const std::string probs = g.node("Softmax", self, { scores }, { intAttr("axis", -1) });
    std::string context = g.node("MatMul", self, { probs, valueH });
    context = g.node("Transpose", self, { context }, { intsAttr("perm", { 0, 2, 1, 3 }) });
    context = viewKeepingTwoDims(g, self, context, { Hidden });

    const std::string attnOut = scope + "/attention/output";
    std::string h = linear(g, matmulId, attnOut + "/dense", param + ".attention.output.dense", context, Hidden, Hidden);
    h = g.node("Add", attnOut, { h, x });
    const std::string attention = layerNorm(g, attnOut + "/LayerNorm", param + ".attention.output.LayerNorm", h);

    const std::string act = scope + "/intermediate/intermediate_act_fn";
    std::string f
        = linear(g, matmulId, scope + "/intermediate/dense", param + ".intermediate.dense", attention, Hidden, Ffn);
    const std::string erf = g.node("Erf", act, { g.node("Div", act, { f, g.scalar(act, 1.4142135f) }) });
    const std::string onePlus = g.node("Add", act, { erf, g.scalar(act, 1.0f) });
    f = g.node("Mul", act, { g.node("Mul", act, { f, onePlus }), g.scalar(act, 0.5f) });

    std::string out = linear(g, matmulId, scope + "/output/dense", param + ".output.dense", f, Ffn, Hidden);
    out = g.node("Add", scope + "/output", { out, attention });
    return layerNorm(g, scope + "/output/LayerNorm", param + ".output.LayerNorm", out);
}

/// transformers' BertForQuestionAnswering (bert-large, the MLPerf BERT-99 SQuAD v1.1 model) exported with dynamic
/// axes {batch, sequence}: the extended attention mask (1 - mask[:, None, None, :]) · -10000, embeddings (word +
/// token type + position, sliced from the position_ids buffer to the sequence length, then LayerNorm), 24 layers,
/// and qa_outputs Linear(1024→2) split into start and end logits.
onnx::ModelProto bertLarge()
{
    GraphWriter g("torch_jit", "bert_large.weights.bin");
    const std::vector<Dim> tokens { std::string("batch"), std::string("sequence") };
    for (const char* name : { "input_ids", "attention_mask", "token_type_ids" })
        g.input(name, tokens, onnx::TensorProto::INT64);

    std::string mask = g.node("Unsqueeze", "/bert", { "attention_mask", g.ints("/bert", { 1 }) });
    mask = g.node("Unsqueeze", "/bert", { mask, g.ints("/bert", { 2 }) });
    mask = g.node("Cast", "/bert", { mask }, { intAttr("to", onnx::TensorProto::FLOAT) });
    mask = g.node("Sub", "/bert", { g.scalar("/bert", 1.0f), mask });
    mask = g.node("Mul", "/bert", { mask, g.scalar("/bert", -10000.0f) });

    const std::string emb = "/bert/embeddings";
    const std::string shape = g.node("Shape", emb, { "input_ids" });
    const std::string sequence = g.node("Gather", emb, { shape, g.ints(emb, { 1 }, true) }, { intAttr("axis", 0) });
    const std::string positionIds = g.node("Slice", emb,
        { g.weight("bert.embeddings.position_ids", { 1, MaxPositions }, onnx::TensorProto::INT64), g.ints(emb, { 0 }),
            g.node("Unsqueeze", emb, { sequence, g.ints(emb, { 0 }) }), g.ints(emb, { 1 }), g.ints(emb, { 1 }) });
    const std::string words = g.node("Gather", emb + "/word_embeddings",
        { g.weight("bert.embeddings.word_embeddings.weight", { Vocab, Hidden }), "input_ids" });
    const std::string types = g.node("Gather", emb + "/token_type_embeddings",
        { g.weight("bert.embeddings.token_type_embeddings.weight", { TypeVocab, Hidden }), "token_type_ids" });
    std::string x = g.node("Add", emb, { words, types });
    const std::string positions = g.node("Gather", emb + "/position_embeddings",
        { g.weight("bert.embeddings.position_embeddings.weight", { MaxPositions, Hidden }), positionIds });
    x = g.node("Add", emb, { x, positions });
    x = layerNorm(g, emb + "/LayerNorm", "bert.embeddings.LayerNorm", x);

    int matmulId = 1000;
    for (int layer = 0; layer < Layers; ++layer)
        x = bertLayer(g, matmulId, layer, x, mask);

    const std::string logits = linear(g, matmulId, "/qa_outputs", "qa_outputs", x, Hidden, 2);
    const auto halves = g.nodes("Split", "", { logits, g.ints("", { 1, 1 }) }, { intAttr("axis", -1) }, 2);
    g.node("Squeeze", "", { halves[0], g.ints("", { -1 }) }, {}, "start_logits");
    g.node("Squeeze", "", { halves[1], g.ints("", { -1 }) }, {}, "end_logits");
    g.output("start_logits", tokens);
    g.output("end_logits", tokens);
    return g.model();
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " OUTPUT_DIR\n";
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        std::cerr << "make_reference_models: cannot create " << dir.string() << ": " << ec.message() << '\n';
        return 1;
    }
    for (const auto& [file, model] : { std::pair { "resnet50_v1.5.structure.onnx", resnet50() },
             std::pair { "bert_large.structure.onnx", bertLarge() },
             std::pair { "llama2_7b.structure.onnx", llamaDecoder(llama2_7b()) },
             std::pair { "llama3_8b.structure.onnx", llamaDecoder(llama3_8b()) } }) {
        if (!saveModel(model, (dir / file).string())) {
            std::cerr << "make_reference_models: cannot write " << (dir / file).string() << '\n';
            return 1;
        }
    }
    return 0;
}
