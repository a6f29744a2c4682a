#include "frontends/constant_folder.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace graphs::onnxfe {

namespace {

using TP = onnx::TensorProto;

bool isIntegerType(int32_t t)
{
    return t == TP::INT64 || t == TP::INT32 || t == TP::INT16 || t == TP::INT8 || t == TP::UINT8 || t == TP::UINT16
        || t == TP::UINT32 || t == TP::UINT64 || t == TP::BOOL;
}

bool isFoldableType(int32_t t)
{
    return isIntegerType(t) || t == TP::FLOAT || t == TP::DOUBLE;
}

std::optional<int64_t> product(const std::vector<int64_t>& dims)
{
    int64_t n = 1;
    for (int64_t d : dims) {
        if (d < 0 || __builtin_mul_overflow(n, d, &n))
            return std::nullopt;
    }
    return n;
}

template <typename T>
T readLE(const char* p)
{
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}

const onnx::AttributeProto* findAttr(const onnx::NodeProto& node, const char* name)
{
    for (const auto& a : node.attribute()) {
        if (a.name() == name)
            return &a;
    }
    return nullptr;
}

int64_t intAttr(const onnx::NodeProto& node, const char* name, int64_t fallback)
{
    const auto* a = findAttr(node, name);
    return a ? a->i() : fallback;
}

std::optional<std::vector<int64_t>> intsAttr(const onnx::NodeProto& node, const char* name)
{
    const auto* a = findAttr(node, name);
    if (!a)
        return std::nullopt;
    return std::vector<int64_t>(a->ints().begin(), a->ints().end());
}

ConstTensor makeInts(std::vector<int64_t> values, std::vector<int64_t> dims, int32_t type = TP::INT64)
{
    ConstTensor c;
    c.type = type;
    c.dims = std::move(dims);
    c.ints = std::move(values);
    return c;
}

int64_t normaliseAxis(int64_t axis, int64_t rank)
{
    return axis < 0 ? axis + rank : axis;
}

std::vector<int64_t> stridesOf(const std::vector<int64_t>& dims)
{
    std::vector<int64_t> s(dims.size(), 1);
    for (int i = static_cast<int>(dims.size()) - 2; i >= 0; --i)
        s[i] = s[i + 1] * dims[i + 1];
    return s;
}

std::optional<std::vector<int64_t>> broadcastShape(const std::vector<std::vector<int64_t>>& shapes)
{
    size_t rank = 0;
    for (const auto& s : shapes)
        rank = std::max(rank, s.size());
    std::vector<int64_t> out(rank, 1);
    for (const auto& s : shapes) {
        for (size_t i = 0; i < s.size(); ++i) {
            int64_t& o = out[rank - s.size() + i];
            if (s[i] == o || s[i] == 1)
                continue;
            if (o == 1)
                o = s[i];
            else
                return std::nullopt;
        }
    }
    return out;
}

/// Flat index into `in` (broadcast to `outDims`) for the flat output index `flat`.
int64_t broadcastIndex(int64_t flat, const std::vector<int64_t>& outDims, const std::vector<int64_t>& inDims)
{
    const auto outStrides = stridesOf(outDims);
    const auto inStrides = stridesOf(inDims);
    const size_t offset = outDims.size() - inDims.size();
    int64_t index = 0;
    for (size_t d = 0; d < outDims.size(); ++d) {
        const int64_t coord = (flat / outStrides[d]) % outDims[d];
        if (d >= offset && inDims[d - offset] != 1)
            index += coord * inStrides[d - offset];
    }
    return index;
}

std::optional<ConstTensor> elementwise(const std::string& op, const std::vector<const ConstTensor*>& in, bool fmodMode = false)
{
    std::vector<std::vector<int64_t>> shapes;
    for (const auto* t : in)
        shapes.push_back(t->dims);
    auto outDims = broadcastShape(shapes);
    if (!outDims)
        return std::nullopt;
    auto count = product(*outDims);
    if (!count || *count > kMaxFoldedElements)
        return std::nullopt;

    const bool compare = op == "Equal" || op == "Less" || op == "Greater" || op == "LessOrEqual"
        || op == "GreaterOrEqual";
    ConstTensor out;
    out.dims = *outDims;
    const ConstTensor& first = op == "Where" ? *in[1] : *in[0];
    out.type = compare ? static_cast<int32_t>(TP::BOOL) : first.type;
    const bool integer = compare || first.isInteger();
    for (int64_t i = 0; i < *count; ++i) {
        auto v = [&](size_t k) { return in[k]->at(broadcastIndex(i, *outDims, in[k]->dims)); };
        double r = 0;
        if (op == "Add")
            r = v(0) + v(1);
        else if (op == "Sub")
            r = v(0) - v(1);
        else if (op == "Mul")
            r = v(0) * v(1);
        else if (op == "Div") {
            if (integer && v(1) == 0)
                return std::nullopt;
            r = integer ? std::trunc(v(0) / v(1)) : v(0) / v(1);
        } else if (op == "Mod") {
            if (v(1) == 0)
                return std::nullopt;
            // fmod=0 (integers): the result takes the divisor's sign, as Python's %; fmod=1: C's fmod.
            r = fmodMode ? std::fmod(v(0), v(1)) : v(0) - std::floor(v(0) / v(1)) * v(1);
        } else if (op == "Min")
            r = std::min(v(0), v(1));
        else if (op == "Max")
            r = std::max(v(0), v(1));
        else if (op == "Pow")
            r = std::pow(v(0), v(1));
        else if (op == "Equal")
            r = v(0) == v(1);
        else if (op == "Less")
            r = v(0) < v(1);
        else if (op == "Greater")
            r = v(0) > v(1);
        else if (op == "LessOrEqual")
            r = v(0) <= v(1);
        else if (op == "GreaterOrEqual")
            r = v(0) >= v(1);
        else if (op == "Where")
            r = v(0) != 0 ? v(1) : v(2);
        else
            return std::nullopt;
        if (integer)
            out.ints.push_back(static_cast<int64_t>(r));
        else
            out.reals.push_back(r);
    }
    return out;
}

std::optional<ConstTensor> unary(const std::string& op, const ConstTensor& x)
{
    ConstTensor out = x;
    for (int64_t i = 0; i < x.size(); ++i) {
        double v = x.at(i);
        double r = 0;
        if (op == "Neg")
            r = -v;
        else if (op == "Abs")
            r = std::abs(v);
        else if (op == "Floor")
            r = std::floor(v);
        else if (op == "Ceil")
            r = std::ceil(v);
        else if (op == "Sqrt")
            r = std::sqrt(v);
        else if (op == "Not")
            r = v == 0;
        else if (op == "Identity")
            r = v;
        else
            return std::nullopt;
        if (x.isInteger())
            out.ints[i] = static_cast<int64_t>(r);
        else
            out.reals[i] = r;
    }
    return out;
}

std::optional<ConstTensor> gather(const ConstTensor& data, const ConstTensor& indices, int64_t axis)
{
    const int64_t rank = static_cast<int64_t>(data.dims.size());
    axis = normaliseAxis(axis, rank);
    if (rank == 0 || axis < 0 || axis >= rank || !indices.isInteger())
        return std::nullopt;
    std::vector<int64_t> outDims(data.dims.begin(), data.dims.begin() + axis);
    outDims.insert(outDims.end(), indices.dims.begin(), indices.dims.end());
    outDims.insert(outDims.end(), data.dims.begin() + axis + 1, data.dims.end());
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= data.dims[d];
    int64_t inner = 1;
    for (int64_t d = axis + 1; d < rank; ++d)
        inner *= data.dims[d];
    const int64_t axisSize = data.dims[axis];
    ConstTensor out;
    out.type = data.type;
    out.dims = outDims;
    for (int64_t o = 0; o < outer; ++o) {
        for (int64_t idx : indices.ints) {
            if (idx < 0)
                idx += axisSize;
            if (idx < 0 || idx >= axisSize)
                return std::nullopt;
            for (int64_t i = 0; i < inner; ++i) {
                const int64_t src = (o * axisSize + idx) * inner + i;
                if (data.isInteger())
                    out.ints.push_back(data.ints[src]);
                else
                    out.reals.push_back(data.reals[src]);
            }
        }
    }
    return out;
}

std::optional<ConstTensor> concat(const std::vector<const ConstTensor*>& in, int64_t axis)
{
    if (in.empty())
        return std::nullopt;
    const int64_t rank = static_cast<int64_t>(in[0]->dims.size());
    axis = normaliseAxis(axis, rank);
    if (axis < 0 || axis >= rank)
        return std::nullopt;
    ConstTensor out;
    out.type = in[0]->type;
    out.dims = in[0]->dims;
    out.dims[axis] = 0;
    for (const auto* t : in) {
        if (static_cast<int64_t>(t->dims.size()) != rank || t->isInteger() != in[0]->isInteger())
            return std::nullopt;
        out.dims[axis] += t->dims[axis];
    }
    int64_t outer = 1;
    for (int64_t d = 0; d < axis; ++d)
        outer *= out.dims[d];
    for (int64_t o = 0; o < outer; ++o) {
        for (const auto* t : in) {
            int64_t chunk = 1;
            for (int64_t d = axis; d < rank; ++d)
                chunk *= t->dims[d];
            for (int64_t i = 0; i < chunk; ++i) {
                if (t->isInteger())
                    out.ints.push_back(t->ints[o * chunk + i]);
                else
                    out.reals.push_back(t->reals[o * chunk + i]);
            }
        }
    }
    return out;
}

std::optional<ConstTensor> slice1d(const ConstTensor& data, int64_t start, int64_t end, int64_t step)
{
    if (data.dims.size() != 1 || step == 0)
        return std::nullopt;
    const int64_t n = data.dims[0];
    auto clampIndex = [&](int64_t v, bool isEnd) {
        if (v < 0)
            v += n;
        if (step > 0)
            return std::clamp<int64_t>(v, 0, n);
        return std::clamp<int64_t>(v, isEnd ? -1 : 0, n - 1);
    };
    start = clampIndex(start, false);
    end = clampIndex(end, true);
    ConstTensor out;
    out.type = data.type;
    for (int64_t i = start; step > 0 ? i < end : i > end; i += step) {
        if (data.isInteger())
            out.ints.push_back(data.ints[i]);
        else
            out.reals.push_back(data.reals[i]);
    }
    out.dims = { out.size() };
    return out;
}

std::optional<std::vector<int64_t>> reshapeTarget(const std::vector<int64_t>& inDims, const ConstTensor& shape,
    bool allowZero)
{
    auto count = product(inDims);
    if (!count || !shape.isInteger())
        return std::nullopt;
    std::vector<int64_t> out;
    int inferAt = -1;
    int64_t known = 1;
    for (size_t i = 0; i < shape.ints.size(); ++i) {
        int64_t d = shape.ints[i];
        if (d == 0 && !allowZero) {
            if (i >= inDims.size())
                return std::nullopt;
            d = inDims[i];
        }
        if (d == -1) {
            if (inferAt >= 0)
                return std::nullopt;
            inferAt = static_cast<int>(i);
            out.push_back(1);
            continue;
        }
        if (d < 0)
            return std::nullopt;
        known *= d;
        out.push_back(d);
    }
    if (inferAt >= 0) {
        if (known == 0 || *count % known != 0)
            return std::nullopt;
        out[inferAt] = *count / known;
    } else if (known != *count) {
        return std::nullopt;
    }
    return out;
}

std::optional<std::vector<int64_t>> axesFrom(const onnx::NodeProto& node, int64_t opset, int sinceOpset,
    const ConstLookup& constants)
{
    if (opset < sinceOpset)
        return intsAttr(node, "axes");
    if (node.input_size() < 2 || node.input(1).empty())
        return std::vector<int64_t> {};
    const ConstTensor* axes = constants(node.input(1));
    if (!axes || !axes->isInteger())
        return std::nullopt;
    return axes->ints;
}

std::optional<ConstTensor> castTo(const ConstTensor& x, int32_t to)
{
    if (!isFoldableType(to))
        return std::nullopt;
    ConstTensor out;
    out.type = to;
    out.dims = x.dims;
    for (int64_t i = 0; i < x.size(); ++i) {
        if (isIntegerType(to))
            out.ints.push_back(to == TP::BOOL ? (x.at(i) != 0) : static_cast<int64_t>(x.at(i)));
        else
            out.reals.push_back(x.at(i));
    }
    return out;
}

std::optional<ConstTensor> constantNode(const onnx::NodeProto& node)
{
    for (const auto& a : node.attribute()) {
        if (a.name() == "value")
            return constFromTensorProto(a.t());
        if (a.name() == "value_int")
            return makeInts({ a.i() }, {});
        if (a.name() == "value_ints")
            return makeInts({ a.ints().begin(), a.ints().end() }, { a.ints_size() });
        if (a.name() == "value_float" || a.name() == "value_floats") {
            ConstTensor c;
            c.type = TP::FLOAT;
            if (a.name() == "value_float") {
                c.reals = { a.f() };
            } else {
                c.reals.assign(a.floats().begin(), a.floats().end());
                c.dims = { a.floats_size() };
            }
            return c;
        }
    }
    return std::nullopt;
}

} // namespace

bool ConstTensor::isInteger() const
{
    return isIntegerType(type);
}

int64_t ConstTensor::size() const
{
    return isInteger() ? static_cast<int64_t>(ints.size()) : static_cast<int64_t>(reals.size());
}

std::optional<ConstTensor> constFromTensorProto(const onnx::TensorProto& t)
{
    if (!isFoldableType(t.data_type()) || t.data_location() == TP::EXTERNAL)
        return std::nullopt;
    std::vector<int64_t> dims(t.dims().begin(), t.dims().end());
    auto count = product(dims);
    if (!count || *count > kMaxFoldedElements)
        return std::nullopt;
    ConstTensor c;
    c.type = t.data_type();
    c.dims = dims;
    const std::string& raw = t.raw_data();
    auto push = [&](double v) {
        if (c.isInteger())
            c.ints.push_back(static_cast<int64_t>(v));
        else
            c.reals.push_back(v);
    };
    if (!raw.empty()) {
        size_t width = 0;
        switch (t.data_type()) {
        case TP::INT64:
        case TP::UINT64:
        case TP::DOUBLE: width = 8; break;
        case TP::INT32:
        case TP::UINT32:
        case TP::FLOAT: width = 4; break;
        case TP::INT16:
        case TP::UINT16: width = 2; break;
        default: width = 1; break;
        }
        if (raw.size() != static_cast<size_t>(*count) * width)
            return std::nullopt;
        for (int64_t i = 0; i < *count; ++i) {
            const char* p = raw.data() + i * width;
            switch (t.data_type()) {
            case TP::INT64: c.ints.push_back(readLE<int64_t>(p)); break;
            case TP::UINT64: c.ints.push_back(static_cast<int64_t>(readLE<uint64_t>(p))); break;
            case TP::DOUBLE: c.reals.push_back(readLE<double>(p)); break;
            case TP::INT32: c.ints.push_back(readLE<int32_t>(p)); break;
            case TP::UINT32: c.ints.push_back(readLE<uint32_t>(p)); break;
            case TP::FLOAT: c.reals.push_back(readLE<float>(p)); break;
            case TP::INT16: c.ints.push_back(readLE<int16_t>(p)); break;
            case TP::UINT16: c.ints.push_back(readLE<uint16_t>(p)); break;
            case TP::INT8: c.ints.push_back(readLE<int8_t>(p)); break;
            default: c.ints.push_back(readLE<uint8_t>(p)); break;
            }
        }
        return c;
    }
    switch (t.data_type()) {
    case TP::INT64: c.ints.assign(t.int64_data().begin(), t.int64_data().end()); break;
    case TP::UINT64:
    case TP::UINT32:
        for (auto v : t.uint64_data())
            c.ints.push_back(static_cast<int64_t>(v));
        break;
    case TP::FLOAT:
        for (float v : t.float_data())
            push(v);
        break;
    case TP::DOUBLE:
        for (double v : t.double_data())
            push(v);
        break;
    default:
        for (int32_t v : t.int32_data())
            push(v);
        break;
    }
    if (c.size() != *count)
        return std::nullopt;
    return c;
}

onnx::TensorProto tensorProtoFromConst(const ConstTensor& c, const std::string& name)
{
    TP t;
    t.set_name(name);
    t.set_data_type(c.type);
    for (int64_t d : c.dims)
        t.add_dims(d);
    switch (c.type) {
    case TP::INT64:
        for (int64_t v : c.ints)
            t.add_int64_data(v);
        break;
    case TP::UINT64:
    case TP::UINT32:
        for (int64_t v : c.ints)
            t.add_uint64_data(static_cast<uint64_t>(v));
        break;
    case TP::FLOAT:
        for (double v : c.reals)
            t.add_float_data(static_cast<float>(v));
        break;
    case TP::DOUBLE:
        for (double v : c.reals)
            t.add_double_data(v);
        break;
    default:
        for (int64_t v : c.ints)
            t.add_int32_data(static_cast<int32_t>(v));
        break;
    }
    return t;
}

std::optional<std::vector<ConstTensor>> foldNode(const onnx::NodeProto& node, int64_t opset,
    const ConstLookup& constants, const ShapeLookup& shapes)
{
    if (!node.domain().empty() && node.domain() != "ai.onnx")
        return std::nullopt;
    const std::string& op = node.op_type();
    auto single = [](std::optional<ConstTensor> c) -> std::optional<std::vector<ConstTensor>> {
        if (!c || c->size() > kMaxFoldedElements)
            return std::nullopt;
        return std::vector<ConstTensor> { std::move(*c) };
    };

    if (op == "Constant")
        return single(constantNode(node));
    if (op == "Shape" || op == "Size") {
        if (node.input_size() < 1)
            return std::nullopt;
        auto dims = shapes(node.input(0));
        if (!dims)
            return std::nullopt;
        if (op == "Size") {
            auto n = product(*dims);
            return n ? single(makeInts({ *n }, {})) : std::nullopt;
        }
        const int64_t rank = static_cast<int64_t>(dims->size());
        int64_t start = std::clamp<int64_t>(normaliseAxis(intAttr(node, "start", 0), rank), 0, rank);
        int64_t end = std::clamp<int64_t>(normaliseAxis(intAttr(node, "end", rank), rank), 0, rank);
        std::vector<int64_t> values;
        for (int64_t i = start; i < end; ++i)
            values.push_back((*dims)[i]);
        const int64_t n = static_cast<int64_t>(values.size());
        return single(makeInts(std::move(values), { n }));
    }

    // Every other foldable op needs all of its (present) inputs to be constants.
    std::vector<const ConstTensor*> in;
    for (int i = 0; i < node.input_size(); ++i) {
        if (node.input(i).empty()) {
            in.push_back(nullptr);
            continue;
        }
        const ConstTensor* c = constants(node.input(i));
        if (!c)
            return std::nullopt;
        in.push_back(c);
    }
    if (in.empty() || !in[0])
        return std::nullopt;

    static const char* const binaryOps[] = { "Add", "Sub", "Mul", "Div", "Mod", "Pow", "Equal", "Less", "Greater",
        "LessOrEqual", "GreaterOrEqual", "Where" };
    if (std::find(std::begin(binaryOps), std::end(binaryOps), op) != std::end(binaryOps)) {
        for (const auto* t : in) {
            if (!t)
                return std::nullopt;
        }
        return single(elementwise(op, in, intAttr(node, "fmod", 0) != 0));
    }
    if ((op == "Min" || op == "Max") && in.size() == 2 && in[1])
        return single(elementwise(op, in));
    if (op == "Neg" || op == "Abs" || op == "Floor" || op == "Ceil" || op == "Sqrt" || op == "Not"
        || op == "Identity")
        return single(unary(op, *in[0]));
    if (op == "Cast")
        return single(castTo(*in[0], static_cast<int32_t>(intAttr(node, "to", TP::INT64))));
    if (op == "Gather" && in.size() >= 2 && in[1])
        return single(gather(*in[0], *in[1], intAttr(node, "axis", 0)));
    if (op == "Concat")
        return single(concat(in, intAttr(node, "axis", 0)));
    if (op == "Unsqueeze" || op == "Squeeze") {
        auto axes = axesFrom(node, opset, 13, constants);
        if (!axes)
            return std::nullopt;
        ConstTensor out = *in[0];
        if (op == "Unsqueeze") {
            const int64_t outRank = static_cast<int64_t>(out.dims.size() + axes->size());
            std::vector<int64_t> sorted;
            for (int64_t a : *axes)
                sorted.push_back(normaliseAxis(a, outRank));
            std::sort(sorted.begin(), sorted.end());
            for (int64_t a : sorted) {
                if (a < 0 || a > static_cast<int64_t>(out.dims.size()))
                    return std::nullopt;
                out.dims.insert(out.dims.begin() + a, 1);
            }
        } else {
            const int64_t rank = static_cast<int64_t>(out.dims.size());
            std::vector<int64_t> keep;
            for (int64_t d = 0; d < rank; ++d) {
                bool squeeze = axes->empty() ? out.dims[d] == 1 : false;
                for (int64_t a : *axes) {
                    if (normaliseAxis(a, rank) == d)
                        squeeze = true;
                }
                if (!squeeze)
                    keep.push_back(out.dims[d]);
            }
            out.dims = keep;
        }
        return single(out);
    }
    if (op == "Slice") {
        int64_t start = 0;
        int64_t end = 0;
        int64_t step = 1;
        if (opset < 10) {
            auto starts = intsAttr(node, "starts");
            auto ends = intsAttr(node, "ends");
            if (!starts || !ends || starts->size() != 1 || ends->size() != 1)
                return std::nullopt;
            start = (*starts)[0];
            end = (*ends)[0];
        } else {
            if (in.size() < 3 || !in[1] || !in[2] || in[1]->size() != 1 || in[2]->size() != 1)
                return std::nullopt;
            if (in.size() > 3 && in[3] && (in[3]->size() != 1 || in[3]->at(0) != 0))
                return std::nullopt;
            start = in[1]->ints.empty() ? 0 : in[1]->ints[0];
            end = in[2]->ints.empty() ? 0 : in[2]->ints[0];
            if (in.size() > 4 && in[4])
                step = in[4]->ints.empty() ? 1 : in[4]->ints[0];
        }
        return single(slice1d(*in[0], start, end, step));
    }
    if (op == "Reshape" && in.size() >= 2 && in[1]) {
        auto dims = reshapeTarget(in[0]->dims, *in[1], intAttr(node, "allowzero", 0) != 0);
        if (!dims)
            return std::nullopt;
        ConstTensor out = *in[0];
        out.dims = *dims;
        return single(out);
    }
    if (op == "ConstantOfShape") {
        if (!in[0]->isInteger())
            return std::nullopt;
        auto n = product(in[0]->ints);
        if (!n || *n > kMaxFoldedElements)
            return std::nullopt;
        ConstTensor fill = makeInts({ 0 }, {}, TP::FLOAT);
        fill.ints.clear();
        fill.reals = { 0.0 };
        if (const auto* value = findAttr(node, "value")) {
            auto v = constFromTensorProto(value->t());
            if (!v || v->size() != 1)
                return std::nullopt;
            fill = *v;
        }
        ConstTensor out;
        out.type = fill.type;
        out.dims = in[0]->ints;
        if (fill.isInteger())
            out.ints.assign(*n, fill.ints[0]);
        else
            out.reals.assign(*n, fill.reals[0]);
        return single(out);
    }
    if (op == "Range" && in.size() == 3 && in[1] && in[2]) {
        const double start = in[0]->at(0);
        const double limit = in[1]->at(0);
        const double delta = in[2]->at(0);
        if (delta == 0)
            return std::nullopt;
        const double steps = std::ceil((limit - start) / delta);
        if (steps > kMaxFoldedElements)
            return std::nullopt;
        ConstTensor out;
        out.type = in[0]->type;
        for (int64_t i = 0; i < static_cast<int64_t>(std::max(0.0, steps)); ++i) {
            if (out.isInteger())
                out.ints.push_back(static_cast<int64_t>(start + i * delta));
            else
                out.reals.push_back(start + i * delta);
        }
        out.dims = { out.size() };
        return single(out);
    }
    if (op == "Expand" && in.size() >= 2 && in[1]) {
        auto outDims = broadcastShape({ in[0]->dims, in[1]->ints });
        if (!outDims)
            return std::nullopt;
        auto n = product(*outDims);
        if (!n || *n > kMaxFoldedElements)
            return std::nullopt;
        ConstTensor out;
        out.type = in[0]->type;
        out.dims = *outDims;
        for (int64_t i = 0; i < *n; ++i) {
            const int64_t src = broadcastIndex(i, *outDims, in[0]->dims);
            if (out.isInteger())
                out.ints.push_back(in[0]->ints[src]);
            else
                out.reals.push_back(in[0]->reals[src]);
        }
        return single(out);
    }
    return std::nullopt;
}

} // namespace graphs::onnxfe
