#include "frontends/onnx_graph_builder.h"

namespace graphs::onnxfe {

namespace {

Shape shapeFromProto(const onnx::TypeProto& type)
{
    Shape s;
    if (!type.has_tensor_type() || !type.tensor_type().has_shape())
        return s;
    s.rankKnown = true;
    for (const auto& d : type.tensor_type().shape().dim()) {
        if (d.has_dim_value())
            s.dims.push_back(Dim::known(d.dim_value()));
        else
            s.dims.push_back(Dim::symbolic(d.dim_param()));
    }
    return s;
}

ConstantValue toConstantValue(const ConstTensor& c)
{
    ConstantValue v;
    if (c.isInteger())
        v.ints = c.ints;
    else
        v.reals = c.reals;
    return v;
}

/// Type and shape of a tensor as resolved, falling back to what the model declared.
void applyType(TensorDescriptor& t, const BuildContext& ctx, const onnx::TypeProto* declared)
{
    if (const TypeTable::Entry* resolved = ctx.resolved.types.find(t.name)) {
        if (resolved->isTensor) {
            t.dtype = dataTypeFromOnnx(resolved->elemType);
            t.shape = ctx.resolved.types.shape(*resolved);
        }
    } else if (declared && declared->has_tensor_type()) {
        t.dtype = dataTypeFromOnnx(declared->tensor_type().elem_type());
        t.shape = shapeFromProto(*declared);
    }
    auto c = ctx.resolved.constants.find(t.name);
    if (c != ctx.resolved.constants.end()) {
        t.isConstant = true;
        t.value = toConstantValue(c->second);
        if (!t.shape.isFullyKnown())
            t.shape = Shape::of(c->second.dims);
        if (t.dtype == DataType::Undefined)
            t.dtype = dataTypeFromOnnx(c->second.type);
    }
}

Result<AttributeValue> convertAttribute(const onnx::AttributeProto& a, const BuildContext& ctx,
    const Scope& scope, const std::string& nodeName)
{
    using AP = onnx::AttributeProto;
    switch (a.type()) {
    case AP::FLOAT: return AttributeValue(static_cast<double>(a.f()));
    case AP::INT: return AttributeValue(a.i());
    case AP::STRING: return AttributeValue(a.s());
    case AP::FLOATS: return AttributeValue(std::vector<double>(a.floats().begin(), a.floats().end()));
    case AP::INTS: return AttributeValue(std::vector<int64_t>(a.ints().begin(), a.ints().end()));
    case AP::STRINGS: return AttributeValue(std::vector<std::string>(a.strings().begin(), a.strings().end()));
    case AP::TENSOR: {
        TensorAttribute t;
        t.dims.assign(a.t().dims().begin(), a.t().dims().end());
        t.dataType = a.t().data_type();
        if (auto c = constFromTensorProto(a.t())) {
            for (int64_t i = 0; i < c->size(); ++i)
                t.values.push_back(c->at(i));
        }
        return AttributeValue(std::move(t));
    }
    case AP::GRAPH: {
        auto g = buildGraph(a.g(), ctx, &scope, nullptr);
        if (!g)
            return g.error();
        return AttributeValue(std::shared_ptr<const ComputeGraph>(*g));
    }
    case AP::GRAPHS: {
        std::vector<std::shared_ptr<const ComputeGraph>> graphs;
        for (const auto& sub : a.graphs()) {
            auto g = buildGraph(sub, ctx, &scope, nullptr);
            if (!g)
                return g.error();
            graphs.push_back(*g);
        }
        return AttributeValue(std::move(graphs));
    }
    default:
        // Sparse tensors and type protos carry nothing analysis uses; keep the attribute visible by name.
        (void)nodeName;
        return AttributeValue(std::string("<") + AP::AttributeType_Name(a.type()) + ">");
    }
}

} // namespace

bool Scope::contains(std::string_view name) const
{
    for (const Scope* s = this; s; s = s->outer) {
        if (!s->names) {
            // Built on the first name the graph itself does not hold yet: an input read before the node that writes
            // it (a file out of order), a name from an enclosing graph, or an error.
            s->names.emplace();
            s->names->reserve(static_cast<size_t>(s->proto.initializer_size() + s->proto.input_size()));
            for (const auto& init : s->proto.initializer())
                s->names->insert(init.name());
            for (const auto& vi : s->proto.input())
                s->names->insert(vi.name());
            for (const auto& node : s->proto.node()) {
                for (const auto& out : node.output()) {
                    if (!out.empty())
                        s->names->insert(out);
                }
            }
        }
        if (s->names->count(name))
            return true;
    }
    return false;
}

Result<std::shared_ptr<ComputeGraph>> buildGraph(const onnx::GraphProto& proto, const BuildContext& ctx,
    const Scope* outerScope, const std::vector<bool>* folded)
{
    auto graph = std::make_shared<ComputeGraph>();
    graph->name = proto.name();
    const std::string& where = ctx.displayName;

    size_t tensors = static_cast<size_t>(proto.initializer_size()) + static_cast<size_t>(proto.input_size());
    for (const auto& node : proto.node())
        tensors += static_cast<size_t>(node.output_size());
    graph->reserve(tensors, static_cast<size_t>(proto.node_size()));

    const Scope scope { proto, outerScope, std::nullopt };
    for (const auto& init : proto.initializer()) {
        TensorDescriptor t;
        t.name = init.name();
        t.isInitializer = true;
        t.isExternalData = init.data_location() == onnx::TensorProto::EXTERNAL;
        t.dtype = dataTypeFromOnnx(init.data_type());
        std::vector<int64_t> dims(init.dims().begin(), init.dims().end());
        for (int64_t d : dims) {
            if (d < 0)
                return Error { ErrorCode::InvalidModel,
                    "initializer '" + init.name() + "' has a negative dimension " + std::to_string(d), where };
        }
        t.shape = Shape::of(dims);
        if (auto c = constFromTensorProto(init)) {
            t.isConstant = true;
            t.value = toConstantValue(*c);
        }
        if (graph->findTensor(t.name) >= 0)
            return Error { ErrorCode::InvalidModel, "initializer '" + t.name + "' is defined twice", where };
        graph->addTensor(std::move(t));
    }
    for (const auto& vi : proto.input()) {
        const int existing = graph->findTensor(vi.name());
        if (existing >= 0) {
            // Before IR 4, initializers were listed as inputs too; they stay weights, not user inputs.
            continue;
        }
        TensorDescriptor t;
        t.name = vi.name();
        t.isGraphInput = true;
        applyType(t, ctx, &vi.type());
        for (const Dim& d : t.shape.dims) {
            if (d.value < -1)
                return Error { ErrorCode::InvalidModel,
                    "graph input '" + t.name + "' has a negative dimension (" + std::to_string(d.value) + ")", where };
        }
        graph->addTensor(std::move(t)); // a second declaration of the same input was skipped above
    }

    for (int i = 0; i < proto.node_size(); ++i) {
        const onnx::NodeProto& np = proto.node(i);
        Node node;
        node.name = np.name().empty() ? np.op_type() + "_" + std::to_string(i) : np.name();
        node.opType = np.op_type();
        node.domain = np.domain();
        node.foldedAtImport = folded && (*folded)[i];
        for (const auto& a : np.attribute()) {
            auto value = convertAttribute(a, ctx, scope, node.name);
            if (!value)
                return value.error();
            node.attributes.emplace(a.name(), std::move(*value));
        }
        for (const auto& in : np.input()) {
            if (in.empty()) {
                node.inputs.push_back(-1);
                continue;
            }
            // Every tensor already in the graph is defined in scope: initializers, inputs, outputs, reads checked.
            const int index = graph->findTensor(in);
            if (index >= 0) {
                node.inputs.push_back(index);
                continue;
            }
            if (!scope.contains(in))
                return Error { ErrorCode::InvalidModel,
                    node.label() + " reads tensor '" + in + "', which no node, initializer or graph input defines",
                    node.name };
            TensorDescriptor t;
            t.name = in;
            applyType(t, ctx, nullptr);
            node.inputs.push_back(graph->addTensor(std::move(t)));
        }
        for (const auto& out : np.output()) {
            if (out.empty()) {
                node.outputs.push_back(-1);
                continue;
            }
            int index = graph->findTensor(out);
            if (index < 0) {
                TensorDescriptor t;
                t.name = out;
                applyType(t, ctx, nullptr);
                index = graph->addTensor(std::move(t));
            }
            node.outputs.push_back(index);
        }
        auto added = graph->addNode(std::move(node));
        if (!added)
            return added.error();
    }

    for (const auto& vi : proto.output()) {
        const int index = graph->findTensor(vi.name());
        if (index < 0)
            return Error { ErrorCode::InvalidModel,
                "graph output '" + vi.name() + "' is not produced by any node, initializer or input", where };
        TensorDescriptor& t = graph->tensor(index);
        t.isGraphOutput = true;
        if (!t.shape.rankKnown || t.dtype == DataType::Undefined)
            applyType(t, ctx, &vi.type());
    }

    auto sorted = graph->sortTopologically();
    if (!sorted)
        return sorted.error();
    return graph;
}

} // namespace graphs::onnxfe
