#include "frontends/shape_resolver.h"

#include "ir/einsum_equation.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <map>
#include <unordered_set>

namespace graphs::onnxfe {

namespace {

constexpr int kMaxPasses = 32;

void collectTypes(const onnx::GraphProto& g, TypeTable& types)
{
    auto put = [&](const onnx::ValueInfoProto& vi) {
        if (vi.has_type())
            types.put(vi.name(), vi.type());
    };
    for (const auto& t : g.initializer())
        types.putTensor(t.name(), t.data_type(), t.dims());
    for (const auto& vi : g.input())
        put(vi);
    for (const auto& vi : g.value_info())
        put(vi);
    for (const auto& vi : g.output()) {
        // A declared output without a shape must not hide what inference found for the same name.
        if (!types.find(vi.name()) || (vi.type().has_tensor_type() && vi.type().tensor_type().has_shape()))
            put(vi);
    }
    for (const auto& node : g.node()) {
        for (const auto& attr : node.attribute()) {
            if (attr.has_g())
                collectTypes(attr.g(), types);
            for (const auto& sub : attr.graphs())
                collectTypes(sub, types);
        }
    }
}

int64_t defaultOpset(const onnx::ModelProto& model)
{
    for (const auto& opset : model.opset_import()) {
        if (opset.domain().empty() || opset.domain() == "ai.onnx")
            return opset.version();
    }
    return 1;
}

void discardShapes(onnx::GraphProto& g)
{
    g.clear_value_info();
    for (auto& out : *g.mutable_output()) {
        if (out.has_type() && out.type().has_tensor_type())
            out.mutable_type()->mutable_tensor_type()->clear_shape();
    }
}

/// Fills output shapes that ONNX's inference in the linked version leaves incomplete; true when any was added.
bool supplementShapes(onnx::GraphProto& graph, const TypeTable& types)
{
    bool added = false;
    for (const auto& node : graph.node()) {
        if (node.op_type() != "Einsum" || !(node.domain().empty() || node.domain() == "ai.onnx")
            || node.output_size() != 1)
            continue;
        const TypeTable::Entry* out = types.find(node.output(0));
        if (out && types.knownDims(*out))
            continue;
        std::vector<std::vector<int64_t>> inputs;
        for (const auto& in : node.input()) {
            const TypeTable::Entry* type = types.find(in);
            auto dims = type ? types.knownDims(*type) : std::nullopt;
            if (!dims)
                break;
            inputs.push_back(*dims);
        }
        std::string equation;
        for (const auto& a : node.attribute()) {
            if (a.name() == "equation")
                equation = a.s();
        }
        if (inputs.size() != static_cast<size_t>(node.input_size()))
            continue;
        auto resolved = resolveEinsum(equation, inputs);
        if (!resolved)
            continue;
        const std::vector<int64_t>* dims = &resolved->outputDims;
        onnx::ValueInfoProto* vi = nullptr;
        for (auto& existing : *graph.mutable_output()) {
            if (existing.name() == node.output(0))
                vi = &existing;
        }
        for (auto& existing : *graph.mutable_value_info()) {
            if (!vi && existing.name() == node.output(0))
                vi = &existing;
        }
        if (!vi) {
            vi = graph.add_value_info();
            vi->set_name(node.output(0));
        }
        auto* tt = vi->mutable_type()->mutable_tensor_type();
        if (out && out->isTensor)
            tt->set_elem_type(out->elemType);
        else if (const TypeTable::Entry* first = types.find(node.input(0)); first && first->isTensor)
            tt->set_elem_type(first->elemType);
        tt->clear_shape();
        for (int64_t d : *dims)
            tt->mutable_shape()->add_dim()->set_dim_value(d);
        added = true;
    }
    return added;
}

} // namespace

namespace {

/// ONNX 1.12's Conv/ConvTranspose inference takes the kernel rank from the weight when kernel_shape is absent and
/// then indexes the dilations (sized by the data rank) with it: a 4-d weight on 2-d data reads out of bounds and
/// crashes (found by tests/fuzz/fuzz_onnx_import). Spelling kernel_shape out from a weight of known shape turns that
/// into ONNX's own "kernel_shape does not match" error. The model the graph is built from is not touched.
int convWeightIndex(const onnx::NodeProto& node)
{
    const std::string& op = node.op_type();
    return op == "QLinearConv" ? 3 : (op == "Conv" || op == "ConvInteger" || op == "ConvTranspose") ? 1 : -1;
}

/// Whether pinKernelShapes() could add anything: a convolution without kernel_shape, here or in a nested graph.
bool lacksKernelShape(const onnx::GraphProto& graph)
{
    for (const auto& node : graph.node()) {
        const bool defaultDomain = node.domain().empty() || node.domain() == "ai.onnx";
        const int weightIndex = convWeightIndex(node);
        if (defaultDomain && weightIndex >= 0 && node.input_size() > weightIndex) {
            bool hasKernelShape = false;
            for (const auto& attr : node.attribute())
                hasKernelShape = hasKernelShape || attr.name() == "kernel_shape";
            if (!hasKernelShape)
                return true;
        }
        for (const auto& attr : node.attribute()) {
            if (attr.has_g() && lacksKernelShape(attr.g()))
                return true;
            for (const auto& g : attr.graphs()) {
                if (lacksKernelShape(g))
                    return true;
            }
        }
    }
    return false;
}

void pinKernelShapes(onnx::GraphProto& graph, std::map<std::string, std::vector<int64_t>> known)
{
    for (const auto& t : graph.initializer())
        known[t.name()] = { t.dims().begin(), t.dims().end() };
    for (const auto& in : graph.input()) {
        if (known.count(in.name()) || !in.type().has_tensor_type() || !in.type().tensor_type().has_shape())
            continue;
        std::vector<int64_t> dims;
        bool complete = true;
        for (const auto& d : in.type().tensor_type().shape().dim()) {
            complete = complete && d.has_dim_value();
            dims.push_back(d.dim_value());
        }
        if (complete)
            known[in.name()] = dims;
    }
    for (auto& node : *graph.mutable_node()) {
        const bool defaultDomain = node.domain().empty() || node.domain() == "ai.onnx";
        if (defaultDomain && node.op_type() == "Constant" && node.output_size() == 1) {
            for (const auto& attr : node.attribute()) {
                if (attr.name() == "value" && attr.has_t())
                    known[node.output(0)] = { attr.t().dims().begin(), attr.t().dims().end() };
            }
        }
        const int weightIndex = convWeightIndex(node);
        if (defaultDomain && weightIndex >= 0 && node.input_size() > weightIndex) {
            bool hasKernelShape = false;
            for (const auto& attr : node.attribute())
                hasKernelShape = hasKernelShape || attr.name() == "kernel_shape";
            const auto weight = known.find(node.input(weightIndex));
            if (!hasKernelShape && weight != known.end() && weight->second.size() >= 2) {
                auto* attr = node.add_attribute();
                attr->set_name("kernel_shape");
                attr->set_type(onnx::AttributeProto::INTS);
                for (size_t i = 2; i < weight->second.size(); ++i)
                    attr->add_ints(weight->second[i]);
            }
        }
        for (auto& attr : *node.mutable_attribute()) {
            if (attr.has_g())
                pinKernelShapes(*attr.mutable_g(), known);
            for (auto& g : *attr.mutable_graphs())
                pinKernelShapes(g, known);
        }
    }
}

} // namespace

Result<ResolvedShapes> resolveShapes(onnx::ModelProto& model, bool discardDeclaredShapes,
    const std::string& displayName, const ProgressCallback& progress, Diagnostics& diagnostics)
{
    ResolvedShapes out;
    onnx::ModelProto& working = model;
    if (discardDeclaredShapes)
        discardShapes(*working.mutable_graph());
    // The map of known shapes it builds costs more than the rest of it: skipped when no node needs it.
    if (lacksKernelShape(working.graph()))
        pinKernelShapes(*working.mutable_graph(), {});

    const int64_t opset = defaultOpset(working);
    const int nodeCount = working.graph().node_size();
    out.folded.assign(nodeCount, false);
    std::vector<int> originalIndex(nodeCount);
    for (int i = 0; i < nodeCount; ++i)
        originalIndex[i] = i;

    for (const auto& t : working.graph().initializer()) {
        if (auto c = constFromTensorProto(t))
            out.constants.emplace(t.name(), std::move(*c));
    }

    const onnx::ShapeInferenceOptions options(/*check_type=*/false, /*error_mode=*/0, /*data_prop=*/true);
    bool retriedWithoutDeclared = discardDeclaredShapes;
    // Every productive pass folds at least one node, so a graph never needs more passes than it has nodes; deep
    // transformers with symbolic dimensions need about two per layer, more than a fixed small limit allows.
    const int maxPasses = std::max(kMaxPasses, nodeCount + 1);
    for (int pass = 0; pass < maxPasses; ++pass) {
        if (progress && !progress(0.3 + 0.5 * pass / maxPasses))
            return Error { ErrorCode::Cancelled, "import cancelled", displayName };
        try {
            onnx::shape_inference::InferShapes(working, onnx::OpSchemaRegistry::Instance(), options);
        } catch (const std::exception& e) {
            if (!retriedWithoutDeclared) {
                // Declared value_info that contradicts inference (stale exporter annotations): infer from scratch.
                diagnostics.push_back({ Diagnostic::Severity::Note,
                    std::string("declared intermediate shapes disagree with ONNX shape inference and were ignored: ")
                        + e.what(),
                    displayName });
                discardShapes(*working.mutable_graph());
                retriedWithoutDeclared = true;
                --pass;
                continue;
            }
            return Error { ErrorCode::ShapeInference, std::string("ONNX shape inference failed: ") + e.what(),
                displayName };
        }
        out.passes = pass + 1;
        out.types.clear();
        const onnx::GraphProto& g = working.graph();
        out.types.reserve(static_cast<size_t>(g.initializer_size() + g.input_size() + g.value_info_size()
            + g.output_size()));
        collectTypes(g, out.types);

        const ConstLookup constants = [&](const std::string& name) -> const ConstTensor* {
            auto it = out.constants.find(name);
            return it == out.constants.end() ? nullptr : &it->second;
        };
        const ShapeLookup shapes = [&](const std::string& name) -> std::optional<std::vector<int64_t>> {
            const TypeTable::Entry* type = out.types.find(name);
            if (!type)
                return std::nullopt;
            return out.types.knownDims(*type);
        };

        auto* nodes = working.mutable_graph()->mutable_node();
        std::vector<bool> foldedNow(nodes->size(), false);
        bool any = false;
        for (int i = 0; i < nodes->size(); ++i) {
            const onnx::NodeProto& node = nodes->Get(i);
            auto values = foldNode(node, opset, constants, shapes);
            if (!values || static_cast<int>(values->size()) < node.output_size())
                continue;
            for (int o = 0; o < node.output_size(); ++o) {
                if (!node.output(o).empty())
                    out.constants[node.output(o)] = (*values)[o];
            }
            foldedNow[i] = true;
            out.folded[originalIndex[i]] = true;
            any = true;
        }
        if (!any) {
            if (supplementShapes(*working.mutable_graph(), out.types))
                continue;
            break;
        }

        // Replace the folded nodes by initializers so that ONNX's inference can read their values.
        std::unordered_set<std::string> initializerNames;
        for (const auto& t : working.graph().initializer())
            initializerNames.insert(t.name());
        // On the model's arena, if it has one: the moves below are then swaps.
        google::protobuf::RepeatedPtrField<onnx::NodeProto> kept(working.GetArena());
        std::vector<int> keptIndex;
        for (int i = 0; i < nodes->size(); ++i) {
            if (!foldedNow[i]) {
                *kept.Add() = std::move(*nodes->Mutable(i));
                keptIndex.push_back(originalIndex[i]);
                continue;
            }
            for (const auto& name : nodes->Get(i).output()) {
                if (!name.empty() && initializerNames.insert(name).second)
                    *working.mutable_graph()->add_initializer() = tensorProtoFromConst(out.constants.at(name), name);
            }
        }
        nodes->Swap(&kept);
        originalIndex = std::move(keptIndex);
    }
    return out;
}

} // namespace graphs::onnxfe
