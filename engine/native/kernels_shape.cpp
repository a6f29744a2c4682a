// Operators that make tensors from attributes or shapes (Constant, Shape, ConstantOfShape, Range) and Pad. With
// static shapes they all run once at plan time, except Pad on activations.

#include "native/dispatch.h"
#include "native/kernel.h"
#include "native/strided_copy.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace graphs::native {

namespace {

class ShapeKernel : public Kernel
{
public:
    ShapeKernel(const NodeDesc& node, bool size)
        : m_node(node)
        , m_size(size)
    {
    }
    bool needsOnlyShapes() const override { return true; }

    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (in.empty() || !in[0])
            return invalid("expects an input");
        const Dims& s = in[0]->shape;
        if (m_size) {
            m_values = { in[0]->count() };
            out.at(0) = TensorInfo { DataType::Int64, {}, nullptr };
            return Ok {};
        }
        const auto rank = static_cast<int64_t>(s.size());
        int64_t start = m_node.attrInt("start", 0);
        int64_t end = m_node.attrInt("end", rank);
        start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
        end = std::clamp<int64_t>(end < 0 ? end + rank : end, 0, rank);
        m_values.assign(s.begin() + start, s.begin() + std::max(start, end));
        out.at(0) = TensorInfo { DataType::Int64, { static_cast<int64_t>(m_values.size()) }, nullptr };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        std::memcpy(args.out[0], m_values.data(), m_values.size() * sizeof(int64_t));
        return Ok {};
    }

private:
    NodeDesc m_node;
    bool m_size;
    std::vector<int64_t> m_values;
};

/// Constant and ConstantOfShape: the value comes from an attribute.
class ConstantKernel : public Kernel
{
public:
    ConstantKernel(const NodeDesc& node, bool ofShape)
        : m_node(node)
        , m_ofShape(ofShape)
    {
    }

    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (m_ofShape)
            return prepareOfShape(in, out);
        const auto& attrs = m_node.attributes;
        if (auto it = attrs.find("value"); it != attrs.end() && it->second.tensor) {
            const ConstTensor& t = *it->second.tensor;
            m_bytes.assign(static_cast<const uint8_t*>(t.buffer->data()),
                static_cast<const uint8_t*>(t.buffer->data()) + t.buffer->size());
            out.at(0) = TensorInfo { t.type, t.shape, nullptr };
        } else if (m_node.has("value_float")) {
            set(std::vector<float> { static_cast<float>(m_node.attrFloat("value_float", 0)) });
            out.at(0) = TensorInfo { DataType::Float32, {}, nullptr };
        } else if (m_node.has("value_int")) {
            set(std::vector<int64_t> { m_node.attrInt("value_int", 0) });
            out.at(0) = TensorInfo { DataType::Int64, {}, nullptr };
        } else if (m_node.has("value_ints")) {
            const auto v = m_node.attrInts("value_ints");
            set(v);
            out.at(0) = TensorInfo { DataType::Int64, { static_cast<int64_t>(v.size()) }, nullptr };
        } else if (m_node.has("value_floats")) {
            const auto& d = attrs.at("value_floats").floats;
            std::vector<float> v(d.begin(), d.end());
            set(v);
            out.at(0) = TensorInfo { DataType::Float32, { static_cast<int64_t>(v.size()) }, nullptr };
        } else {
            return Error { ErrorCode::Unsupported, "this form of Constant is not supported by the native runtime", {} };
        }
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        if (!m_ofShape) {
            std::memcpy(args.out[0], m_bytes.data(), m_bytes.size());
            return Ok {};
        }
        auto* o = static_cast<uint8_t*>(args.out[0]);
        for (int64_t i = 0; i < m_count; ++i)
            std::memcpy(o + i * static_cast<int64_t>(m_bytes.size()), m_bytes.data(), m_bytes.size());
        return Ok {};
    }

private:
    template <typename T> void set(const std::vector<T>& v)
    {
        const auto* p = reinterpret_cast<const uint8_t*>(v.data());
        m_bytes.assign(p, p + v.size() * sizeof(T));
    }

    Status prepareOfShape(const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out)
    {
        if (in.empty() || !in[0] || !in[0]->isConstant() || in[0]->type != DataType::Int64)
            return Error { ErrorCode::Unsupported, "ConstantOfShape needs an int64 shape known at plan time", {} };
        Dims shape(in[0]->as<int64_t>(), in[0]->as<int64_t>() + in[0]->count());
        DataType type = DataType::Float32;
        m_bytes.assign(4, 0);
        if (auto it = m_node.attributes.find("value"); it != m_node.attributes.end() && it->second.tensor) {
            const ConstTensor& t = *it->second.tensor;
            type = t.type;
            const auto* p = static_cast<const uint8_t*>(t.buffer->data());
            m_bytes.assign(p, p + bytesPerElement(type));
        }
        m_count = elementCount(shape);
        out.at(0) = TensorInfo { type, shape, nullptr };
        return Ok {};
    }

    NodeDesc m_node;
    bool m_ofShape;
    std::vector<uint8_t> m_bytes;
    int64_t m_count = 0;
};

class RangeKernel : public Kernel
{
public:
    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (in.size() != 3 || !in[0] || !in[1] || !in[2] || !in[0]->isConstant() || !in[1]->isConstant()
            || !in[2]->isConstant())
            return Error { ErrorCode::Unsupported, "Range needs bounds known at plan time", {} };
        m_type = in[0]->type;
        double v[3] = {};
        for (int k = 0; k < 3; ++k) {
            if (!dispatchNumeric(in[k]->type, [&](auto tag) { v[k] = double(*in[k]->as<decltype(tag)>()); }))
                return invalid("Range needs numeric bounds");
        }
        if (v[2] == 0)
            return invalid("Range's delta is 0");
        m_start = v[0];
        m_delta = v[2];
        m_count = std::max<int64_t>(0, static_cast<int64_t>(std::ceil((v[1] - v[0]) / v[2])));
        out.at(0) = TensorInfo { m_type, { m_count }, nullptr };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        dispatchNumeric(m_type, [&](auto tag) {
            using T = decltype(tag);
            auto* o = static_cast<T*>(args.out[0]);
            for (int64_t i = 0; i < m_count; ++i)
                o[i] = static_cast<T>(m_start + static_cast<double>(i) * m_delta);
        });
        return Ok {};
    }

private:
    DataType m_type = DataType::Int64;
    double m_start = 0, m_delta = 1;
    int64_t m_count = 0;
};

/// Pad, constant mode: fill, then copy the input rows into the interior.
class PadKernel : public Kernel
{
public:
    explicit PadKernel(const NodeDesc& node)
        : m_node(node)
    {
    }

    Status prepare(
        const PrepareContext& ctx, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (m_node.attrString("mode", "constant") != "constant")
            return Error { ErrorCode::Unsupported, "Pad mode '" + m_node.attrString("mode") + "' is not supported",
                {} };
        const Dims& s = in.at(0)->shape;
        std::vector<int64_t> pads = m_node.attrInts("pads");
        if (ctx.opset >= 11) {
            if (in.size() < 2 || !in[1] || !in[1]->isConstant() || in[1]->type != DataType::Int64)
                return Error { ErrorCode::Unsupported, "Pad needs int64 pads known at plan time", {} };
            pads.assign(in[1]->as<int64_t>(), in[1]->as<int64_t>() + in[1]->count());
            if (in.size() > 3 && in[3])
                return Error { ErrorCode::Unsupported, "Pad with axes is not supported", {} };
        }
        if (pads.size() != 2 * s.size())
            return invalid("pads has " + std::to_string(pads.size()) + " entries for rank " + std::to_string(s.size()));
        m_type = in[0]->type;
        m_value.assign(static_cast<size_t>(bytesPerElement(m_type)), 0);
        if (ctx.opset >= 11 && in.size() > 2 && in[2]) {
            if (!in[2]->isConstant() || in[2]->type != m_type)
                return Error { ErrorCode::Unsupported, "Pad needs a constant value of the input's type", {} };
            std::memcpy(m_value.data(), in[2]->data, m_value.size());
        } else if (ctx.opset < 11 && m_type == DataType::Float32) {
            const auto v = static_cast<float>(m_node.attrFloat("value", 0));
            std::memcpy(m_value.data(), &v, 4);
        }
        Dims shape = s;
        for (size_t d = 0; d < s.size(); ++d) {
            if (pads[d] < 0 || pads[d + s.size()] < 0)
                return Error { ErrorCode::Unsupported, "negative pads are not supported", {} };
            shape[d] += pads[d] + pads[d + s.size()];
        }
        // Copy the input into the output: destination strides of the padded shape, offset by the leading pads.
        m_in = s;
        m_outStrides = StridedCopy::contiguousStrides(shape);
        m_offset = 0;
        for (size_t d = 0; d < s.size(); ++d)
            m_offset += pads[d] * m_outStrides[d];
        m_outCount = elementCount(shape);
        out.at(0) = TensorInfo { m_type, shape, nullptr };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        const int64_t elem = bytesPerElement(m_type);
        auto* o = static_cast<uint8_t*>(args.out[0]);
        for (int64_t i = 0; i < m_outCount; ++i)
            std::memcpy(o + i * elem, m_value.data(), static_cast<size_t>(elem));
        if (elementCount(m_in) == 0)
            return Ok {};
        if (m_in.empty()) {
            std::memcpy(o, args.in[0], static_cast<size_t>(elem));
            return Ok {};
        }
        const int64_t len = m_in.empty() ? 1 : m_in.back();
        const int64_t rows = elementCount(m_in) / len;
        const auto* src = static_cast<const uint8_t*>(args.in[0]);
        for (int64_t r = 0; r < rows; ++r) {
            int64_t off = m_offset;
            int64_t rest = r;
            for (size_t d = m_in.size() - 1; d-- > 0;) {
                off += (rest % m_in[d]) * m_outStrides[d];
                rest /= m_in[d];
            }
            std::memcpy(o + off * elem, src + r * len * elem, static_cast<size_t>(len * elem));
        }
        return Ok {};
    }

private:
    NodeDesc m_node;
    DataType m_type = DataType::Float32;
    std::vector<uint8_t> m_value;
    Dims m_in, m_outStrides;
    int64_t m_offset = 0, m_outCount = 0;
};

} // namespace

std::unique_ptr<Kernel> makeShapeKernel(const NodeDesc& node)
{
    const std::string& op = node.opType;
    if (op == "Shape" || op == "Size")
        return std::make_unique<ShapeKernel>(node, op == "Size");
    if (op == "Constant" || op == "ConstantOfShape")
        return std::make_unique<ConstantKernel>(node, op == "ConstantOfShape");
    if (op == "Range")
        return std::make_unique<RangeKernel>();
    if (op == "Pad")
        return std::make_unique<PadKernel>(node);
    return nullptr;
}

} // namespace graphs::native
