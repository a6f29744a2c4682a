#include "estimation/operator_catalog.h"

#include "estimation/catalog_context.h"

namespace graphs {

using namespace catalog;

std::string_view opClassName(OpClass c)
{
    switch (c) {
    case OpClass::Matrix: return "matrix";
    case OpClass::Convolution: return "convolution";
    case OpClass::Elementwise: return "elementwise";
    case OpClass::Normalization: return "normalization";
    case OpClass::Softmax: return "softmax";
    case OpClass::Pooling: return "pooling";
    case OpClass::Reduction: return "reduction";
    case OpClass::DataMovement: return "data_movement";
    case OpClass::View: return "view";
    case OpClass::Metadata: return "metadata";
    case OpClass::ControlFlow: return "control_flow";
    case OpClass::Unknown: return "unknown";
    }
    return "unknown";
}

FlopCounts& FlopCounts::operator+=(const FlopCounts& o)
{
    matrix += o.matrix;
    vector += o.vector;
    transcendental += o.transcendental;
    return *this;
}

std::optional<double> NodeCost::arithmeticIntensity() const
{
    const int64_t bytes = bytesRead() + bytesWritten;
    if (bytes <= 0)
        return std::nullopt;
    return static_cast<double>(flops.total()) / static_cast<double>(bytes);
}

namespace catalog {

const TensorDescriptor& CostContext::input(size_t i) const
{
    if (!hasInput(i))
        fail(ErrorCode::InvalidModel, "input " + std::to_string(i) + " is missing");
    return m_graph.tensor(m_node.inputs[i]);
}

const TensorDescriptor& CostContext::output(size_t i) const
{
    if (i >= m_node.outputs.size() || m_node.outputs[i] < 0)
        fail(ErrorCode::InvalidModel, "output " + std::to_string(i) + " is missing");
    return m_graph.tensor(m_node.outputs[i]);
}

std::vector<int64_t> CostContext::inputDims(size_t i) const
{
    const TensorDescriptor& t = input(i);
    if (!t.shape.isFullyKnown())
        elements(t); // throws with the explanation
    return t.shape.sizes();
}

std::vector<int64_t> CostContext::outputDims(size_t i) const
{
    const TensorDescriptor& t = output(i);
    if (!t.shape.isFullyKnown())
        elements(t);
    return t.shape.sizes();
}

int64_t CostContext::inputElements(size_t i) const
{
    return elements(input(i));
}

int64_t CostContext::outputElements(size_t i) const
{
    return elements(output(i));
}

int64_t CostContext::elements(const TensorDescriptor& t) const
{
    auto n = t.elementCount();
    if (!n) {
        std::string why = n.error().message;
        if (t.producer >= 0 && !m_graph.node(t.producer).isDefaultDomain())
            why += " (it comes from " + m_graph.node(t.producer).label() + ", an operator ONNX cannot infer)";
        fail(n.error().code, why);
    }
    return *n;
}

int64_t CostContext::bytes(const TensorDescriptor& t) const
{
    return mul(elements(t), bytesPerElement(t.dtype));
}

int64_t CostContext::mul(int64_t a, int64_t b) const
{
    auto r = checkedMul(a, b);
    if (!r)
        fail(ErrorCode::Overflow, "a count overflows 64 bits");
    return *r;
}

int64_t CostContext::add(int64_t a, int64_t b) const
{
    auto r = checkedAdd(a, b);
    if (!r)
        fail(ErrorCode::Overflow, "a count overflows 64 bits");
    return *r;
}

void CostContext::readInput(size_t i, NodeCost& cost) const
{
    if (!hasInput(i))
        return;
    readPartOfInput(i, bytes(input(i)), cost);
}

void CostContext::readPartOfInput(size_t i, int64_t byteCount, NodeCost& cost) const
{
    const TensorDescriptor& t = input(i);
    if (cost.inputBytesRead.size() < m_node.inputs.size())
        cost.inputBytesRead.resize(m_node.inputs.size(), 0);
    cost.inputBytesRead[i] = add(cost.inputBytesRead[i], byteCount);
    if (t.isInitializer || t.isConstant)
        cost.weightBytesRead = add(cost.weightBytesRead, byteCount);
    else
        cost.activationBytesRead = add(cost.activationBytesRead, byteCount);
}

void CostContext::readAllInputs(NodeCost& cost) const
{
    for (size_t i = 0; i < m_node.inputs.size(); ++i)
        readInput(i, cost);
}

void CostContext::writeAllOutputs(NodeCost& cost) const
{
    for (int out : m_node.outputs) {
        if (out >= 0)
            cost.bytesWritten = add(cost.bytesWritten, bytes(m_graph.tensor(out)));
    }
}

void CostContext::fail(ErrorCode code, const std::string& message) const
{
    throw CountFailure { Error { code, m_node.label() + ": " + message, m_node.name } };
}

void checkWindowAttributes(const CostContext& ctx, size_t x, const std::vector<int64_t>* weightSpatial,
    size_t weightInput, bool kernelRequired)
{
    const Node& node = ctx.node();
    const auto dims = ctx.inputDims(x);
    if (dims.size() < 3)
        ctx.fail(ErrorCode::InvalidModel, "input '" + ctx.input(x).name + "' has rank " + std::to_string(dims.size())
                + "; a window operator needs batch, channels and at least one spatial dimension");
    const size_t spatial = dims.size() - 2;
    auto listText = [](const std::vector<int64_t>& v) {
        std::string out;
        for (int64_t e : v)
            out += (out.empty() ? "" : ", ") + std::to_string(e);
        return "[" + out + "]";
    };
    auto check = [&](const char* name, size_t count, int64_t minimum, const char* what) {
        if (!node.hasAttribute(name))
            return;
        const auto values = node.intsAttribute(name);
        if (values.size() != count)
            ctx.fail(ErrorCode::InvalidModel, std::string("attribute '") + name + "' is " + listText(values) + ": "
                    + std::to_string(values.size()) + " values for " + std::to_string(spatial)
                    + " spatial dimensions (" + std::to_string(count) + " expected)");
        for (int64_t v : values) {
            if (v < minimum)
                ctx.fail(ErrorCode::InvalidModel, std::string("attribute '") + name + "' is " + listText(values)
                        + ": " + what);
        }
    };
    if (kernelRequired && !node.hasAttribute("kernel_shape"))
        ctx.fail(ErrorCode::InvalidModel, "attribute 'kernel_shape' is missing");
    check("kernel_shape", spatial, 1, "every size must be at least 1");
    if (weightSpatial && node.hasAttribute("kernel_shape") && node.intsAttribute("kernel_shape") != *weightSpatial)
        ctx.fail(ErrorCode::InvalidModel, "attribute 'kernel_shape' is " + listText(node.intsAttribute("kernel_shape"))
                + ", but weight '" + ctx.input(weightInput).name + "' has a " + listText(*weightSpatial) + " kernel");
    check("strides", spatial, 1, "every stride must be at least 1");
    check("dilations", spatial, 1, "every dilation must be at least 1");
    check("pads", 2 * spatial, 0, "pads cannot be negative");
}

void setMacs(const CostContext& ctx, NodeCost& cost, int64_t macs)
{
    cost.macs = macs;
    cost.flops.matrix = ctx.mul(macs, 2);
}

} // namespace catalog

namespace {

const CostTable& table()
{
    static const CostTable t = [] {
        CostTable built;
        registerMatrixOps(built);
        registerElementwiseOps(built);
        registerStructureOps(built);
        return built;
    }();
    return t;
}

const CostTable& contribTable()
{
    static const CostTable t = [] {
        CostTable built;
        registerContribOps(built);
        return built;
    }();
    return t;
}

} // namespace

bool hasCostModel(std::string_view opType)
{
    return table().count(std::string(opType)) > 0;
}

Result<NodeCost> nodeCost(const ComputeGraph& graph, int index, Diagnostics& diagnostics)
{
    const Node& node = graph.node(index);
    NodeCost cost;
    if (node.foldedAtImport) {
        cost.opClass = OpClass::Metadata; // computed once at load time by any runtime's constant folding
        return cost;
    }
    CostContext ctx(graph, node);
    try {
        if (node.isDefaultDomain()) {
            auto it = table().find(node.opType);
            if (it != table().end())
                return it->second(ctx);
            if (node.opType == "If" || node.opType == "Loop" || node.opType == "Scan") {
                size_t bodyNodes = 0;
                for (const auto& g : node.subgraphs())
                    bodyNodes += g->nodeCount();
                diagnostics.push_back({ Diagnostic::Severity::Warning,
                    node.label() + ": control flow; its body (" + std::to_string(bodyNodes)
                        + " nodes) is imported but not counted",
                    node.name });
                cost.opClass = OpClass::ControlFlow;
                return cost;
            }
        }
        if (node.domain == "com.microsoft") {
            auto it = contribTable().find(node.opType);
            if (it != contribTable().end())
                return it->second(ctx);
        }
        std::string qualified = node.opType;
        if (!node.isDefaultDomain())
            qualified = node.domain + "::" + node.opType;
        diagnostics.push_back({ Diagnostic::Severity::Warning,
            "unknown operator '" + qualified + "' at node '" + node.name + "': no cost model, counted as 0 FLOPs",
            node.name });
        cost.opClass = OpClass::Unknown;
        cost.modelled = false;
        // The data still moves: count what is known of it.
        for (size_t i = 0; i < node.inputs.size(); ++i) {
            if (ctx.hasInput(i) && ctx.input(i).shape.isFullyKnown())
                ctx.readInput(i, cost);
        }
        for (int out : node.outputs) {
            if (out >= 0 && graph.tensor(out).shape.isFullyKnown())
                cost.bytesWritten = ctx.add(cost.bytesWritten, ctx.bytes(graph.tensor(out)));
        }
        return cost;
    } catch (const CountFailure& failure) {
        return failure.error;
    }
}

} // namespace graphs
