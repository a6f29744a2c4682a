#include "native/model_loader.h"

#include "benchmarks/model_materializer_proto.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <onnx/onnx_pb.h>
#include <queue>

namespace graphs::native {

namespace fs = std::filesystem;

namespace {

using TP = onnx::TensorProto;

class ValueTable
{
public:
    explicit ValueTable(std::vector<std::string>& names)
        : m_names(names)
    {
    }
    /// Index of a tensor name; "" (an omitted optional input) is -1.
    int index(const std::string& name)
    {
        if (name.empty())
            return -1;
        auto [it, added] = m_index.try_emplace(name, static_cast<int>(m_names.size()));
        if (added)
            m_names.push_back(name);
        return it->second;
    }
    int find(const std::string& name) const
    {
        auto it = m_index.find(name);
        return it == m_index.end() ? -1 : it->second;
    }

private:
    std::vector<std::string>& m_names;
    std::unordered_map<std::string, int> m_index;
};

Result<DataType> elementType(int32_t onnxType, const std::string& what)
{
    switch (onnxType) {
    case TP::FLOAT:
        return DataType::Float32;
    case TP::DOUBLE:
        return DataType::Float64;
    case TP::INT64:
        return DataType::Int64;
    case TP::INT32:
        return DataType::Int32;
    case TP::BOOL:
        return DataType::Bool;
    case TP::UINT8:
        return DataType::UInt8;
    case TP::INT8:
        return DataType::Int8;
    default:
        return Error { ErrorCode::Unsupported,
            std::string("element type ") + std::string(dataTypeName(dataTypeFromOnnx(onnxType)))
                + " is not supported by the native runtime",
            what };
    }
}

/// Copies typed repeated fields (float_data, int64_data, …) into the buffer, narrowing where ONNX widens
/// (bool and 8-bit values are stored in int32_data).
template <typename Dst, typename Field> void copyField(const Field& field, void* dst, int64_t count)
{
    auto* out = static_cast<Dst*>(dst);
    for (int64_t i = 0; i < count && i < field.size(); ++i)
        out[i] = static_cast<Dst>(field.Get(static_cast<int>(i)));
}

Status readExternal(const TP& t, const fs::path& base, void* dst, size_t bytes, const std::string& what)
{
    std::string location;
    int64_t offset = 0;
    int64_t length = -1;
    try {
        for (const auto& kv : t.external_data()) {
            if (kv.key() == "location")
                location = kv.value();
            else if (kv.key() == "offset")
                offset = std::stoll(kv.value());
            else if (kv.key() == "length")
                length = std::stoll(kv.value());
        }
    } catch (const std::exception&) {
        return Error { ErrorCode::InvalidModel, "external data offset or length is not a number", what };
    }
    if (length >= 0 && static_cast<size_t>(length) != bytes)
        return Error { ErrorCode::InvalidModel, "external data length does not match the tensor's shape", what };
    std::ifstream in(base / location, std::ios::binary);
    if (!in)
        return Error { ErrorCode::Io, "cannot open external data file '" + location + "'", what };
    in.seekg(offset);
    in.read(static_cast<char*>(dst), static_cast<std::streamsize>(bytes));
    if (!in)
        return Error { ErrorCode::Io, "external data file '" + location + "' is shorter than the tensor", what };
    return Ok {};
}

Result<ConstTensor> toConstTensor(const TP& t, const fs::path& base, const std::string& what)
{
    auto type = elementType(t.data_type(), what);
    if (!type)
        return type.error();
    ConstTensor c;
    c.type = *type;
    for (int64_t d : t.dims()) {
        if (d < 0)
            return Error { ErrorCode::InvalidModel, "tensor has a negative dimension", what };
        c.shape.push_back(d);
    }
    const int64_t count = elementCount(c.shape);
    const size_t bytes = static_cast<size_t>(count) * static_cast<size_t>(bytesPerElement(c.type));
    c.buffer = std::make_shared<AlignedBuffer>(bytes);
    void* dst = c.buffer->data();
    std::memset(dst, 0, bytes);
    if (t.data_location() == TP::EXTERNAL) {
        if (auto s = readExternal(t, base, dst, bytes, what); !s)
            return s.error();
        return c;
    }
    if (t.has_raw_data()) {
        if (t.raw_data().size() != bytes)
            return Error { ErrorCode::InvalidModel,
                "raw data holds " + std::to_string(t.raw_data().size()) + " bytes, the shape needs "
                    + std::to_string(bytes),
                what };
        std::memcpy(dst, t.raw_data().data(), bytes);
        return c;
    }
    switch (c.type) {
    case DataType::Float32:
        copyField<float>(t.float_data(), dst, count);
        break;
    case DataType::Float64:
        copyField<double>(t.double_data(), dst, count);
        break;
    case DataType::Int64:
        copyField<int64_t>(t.int64_data(), dst, count);
        break;
    case DataType::Int32:
        copyField<int32_t>(t.int32_data(), dst, count);
        break;
    default: // bool, uint8, int8 live in int32_data
        copyField<uint8_t>(t.int32_data(), dst, count);
        break;
    }
    return c;
}

Result<Attribute> toAttribute(const onnx::AttributeProto& a, const fs::path& base, const std::string& what)
{
    Attribute r;
    r.i = a.i();
    r.f = a.f();
    r.s = a.s();
    r.ints.assign(a.ints().begin(), a.ints().end());
    r.floats.assign(a.floats().begin(), a.floats().end());
    if (a.has_t()) {
        auto t = toConstTensor(a.t(), base, what + ", attribute '" + a.name() + "'");
        if (!t)
            return t.error();
        r.tensor = std::make_shared<const ConstTensor>(std::move(*t));
    }
    r.isGraph = a.has_g() || a.graphs_size() > 0;
    return r;
}

/// Kahn's algorithm, stable with respect to file order; ONNX requires sorted nodes, but exporters slip.
Result<std::vector<NodeDesc>> sortNodes(
    std::vector<NodeDesc> nodes, const std::vector<std::string>& names, const std::vector<bool>& available)
{
    std::vector<int> producer(names.size(), -1);
    for (size_t n = 0; n < nodes.size(); ++n) {
        for (int v : nodes[n].outputs) {
            if (v >= 0)
                producer[static_cast<size_t>(v)] = static_cast<int>(n);
        }
    }
    std::vector<int> pending(nodes.size(), 0);
    std::vector<std::vector<int>> users(nodes.size());
    for (size_t n = 0; n < nodes.size(); ++n) {
        for (int v : nodes[n].inputs) {
            if (v < 0 || available[static_cast<size_t>(v)])
                continue;
            const int p = producer[static_cast<size_t>(v)];
            if (p < 0)
                return Error { ErrorCode::InvalidModel,
                    "input tensor '" + names[static_cast<size_t>(v)] + "' is produced by no node", nodes[n].label() };
            ++pending[n];
            users[static_cast<size_t>(p)].push_back(static_cast<int>(n));
        }
    }
    std::priority_queue<int, std::vector<int>, std::greater<>> ready;
    for (size_t n = 0; n < nodes.size(); ++n) {
        if (pending[n] == 0)
            ready.push(static_cast<int>(n));
    }
    std::vector<NodeDesc> sorted;
    sorted.reserve(nodes.size());
    while (!ready.empty()) {
        const int n = ready.top();
        ready.pop();
        for (int u : users[static_cast<size_t>(n)]) {
            if (--pending[static_cast<size_t>(u)] == 0)
                ready.push(u);
        }
        sorted.push_back(std::move(nodes[static_cast<size_t>(n)]));
    }
    if (sorted.size() != nodes.size()) {
        for (size_t n = 0; n < nodes.size(); ++n) {
            if (pending[n] > 0)
                return Error { ErrorCode::InvalidModel, "the graph has a cycle", nodes[n].label() };
        }
    }
    return sorted;
}

} // namespace

Result<LoadedModel> loadModel(const std::string& path, uint32_t seed, double scale)
{
    auto proto = readMaterializedModel(path, seed, scale);
    if (!proto)
        return proto.error();
    const fs::path base = fs::absolute(path).parent_path();
    const onnx::GraphProto& graph = proto->graph();

    LoadedModel model;
    for (const auto& opset : proto->opset_import()) {
        if (opset.domain().empty() || opset.domain() == "ai.onnx")
            model.opset = opset.version();
    }
    ValueTable values(model.valueNames);
    for (const TP& t : graph.initializer()) {
        auto c = toConstTensor(t, base, path + ": initializer '" + t.name() + "'");
        if (!c)
            return c.error();
        model.constants[values.index(t.name())] = std::move(*c);
    }
    for (const auto& in : graph.input()) {
        const int v = values.index(in.name());
        if (model.constants.count(v))
            continue; // IR < 4 lists initializers among the inputs
        LoadedInput li;
        li.value = v;
        const auto& tt = in.type().tensor_type();
        auto type = elementType(tt.elem_type(), path + ": input '" + in.name() + "'");
        if (!type)
            return type.error();
        li.type = *type;
        for (const auto& d : tt.shape().dim())
            li.declaredShape.push_back(d.has_dim_value() ? d.dim_value() : -1);
        model.inputs.push_back(std::move(li));
    }

    std::vector<NodeDesc> nodes;
    for (int n = 0; n < graph.node_size(); ++n) {
        const onnx::NodeProto& p = graph.node(n);
        NodeDesc node;
        node.name = p.name().empty() ? p.op_type() + "_" + std::to_string(n) : p.name();
        node.opType = p.op_type();
        node.domain = p.domain();
        for (const auto& a : p.attribute()) {
            auto attr = toAttribute(a, base, path + ": " + node.label());
            if (!attr)
                return attr.error();
            node.attributes[a.name()] = std::move(*attr);
        }
        for (const auto& i : p.input())
            node.inputs.push_back(values.index(i));
        for (const auto& o : p.output())
            node.outputs.push_back(values.index(o));
        while (!node.outputs.empty() && node.outputs.back() < 0)
            node.outputs.pop_back(); // omitted optional outputs: kernels then see exactly what is used
        nodes.push_back(std::move(node));
    }
    for (const auto& out : graph.output()) {
        const int v = values.find(out.name());
        if (v < 0)
            return Error { ErrorCode::InvalidModel, "graph output '" + out.name() + "' is produced by no node", path };
        model.outputs.push_back(v);
    }

    std::vector<bool> available(model.valueNames.size(), false);
    for (const auto& [v, c] : model.constants)
        available[static_cast<size_t>(v)] = true;
    for (const LoadedInput& in : model.inputs)
        available[static_cast<size_t>(in.value)] = true;
    auto sorted = sortNodes(std::move(nodes), model.valueNames, available);
    if (!sorted)
        return Error { sorted.error().code, sorted.error().message, path + ": " + sorted.error().location };
    model.nodes = std::move(*sorted);
    return model;
}

} // namespace graphs::native
