// Operators that move data without arithmetic. Reshape-like operators are views (no copy); the rest copy rows.
// Shape-defining inputs (Reshape's shape, Slice's bounds, …) must be constants: shapes are fixed at plan time.

#include "native/broadcast.h"
#include "native/dispatch.h"
#include "native/kernel.h"
#include "native/parallel.h"
#include "native/strided_copy.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace graphs::native {

namespace {

Error runtimeShape(const std::string& what)
{
    return Error { ErrorCode::Unsupported, what + " computed at run time is not supported (shapes must be static)",
        {} };
}

/// The values of an integer input that must be known at plan time.
Result<std::vector<int64_t>> constInts(const TensorInfo* t, const std::string& what)
{
    if (!t)
        return std::vector<int64_t> {};
    if (!t->isConstant())
        return runtimeShape(what);
    std::vector<int64_t> v(static_cast<size_t>(t->count()));
    if (t->type == DataType::Int64)
        std::copy_n(t->as<int64_t>(), v.size(), v.begin());
    else if (t->type == DataType::Int32)
        std::copy_n(t->as<int32_t>(), v.size(), v.begin());
    else
        return invalid(what + " must be int64 or int32");
    return v;
}

/// Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout: output 0 is input 0 under a new shape.
class ViewKernel : public Kernel
{
public:
    explicit ViewKernel(const NodeDesc& node)
        : m_node(node)
    {
    }
    bool isView() const override { return true; }
    Status run(const RunArgs&) override { return Ok {}; }

    Status prepare(
        const PrepareContext& ctx, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (in.empty() || !in[0] || out.empty())
            return invalid("expects an input");
        if (out.size() > 1)
            return Error { ErrorCode::Unsupported, "the optional second output is not supported", {} };
        const Dims& s = in[0]->shape;
        auto shape = newShape(ctx, in, s);
        if (!shape)
            return shape.error();
        if (elementCount(*shape) != in[0]->count())
            return invalid("cannot view " + dimsToString(s) + " as " + dimsToString(*shape));
        out[0] = TensorInfo { in[0]->type, *shape, nullptr };
        return Ok {};
    }

private:
    Result<Dims> newShape(const PrepareContext& ctx, const std::vector<const TensorInfo*>& in, const Dims& s)
    {
        const std::string& op = m_node.opType;
        if (op == "Identity" || op == "Dropout")
            return s;
        if (op == "Flatten") {
            auto axis = normalizeAxis(m_node.attrInt("axis", 1), s.size() + 1);
            if (!axis)
                return axis.error();
            const auto mid = s.begin() + *axis;
            return Dims { std::accumulate(s.begin(), mid, int64_t(1), std::multiplies<>()),
                std::accumulate(mid, s.end(), int64_t(1), std::multiplies<>()) };
        }
        if (op == "Reshape") {
            std::vector<int64_t> target = m_node.attrInts("shape");
            if (in.size() > 1) {
                auto v = constInts(in[1], "Reshape's target shape");
                if (!v)
                    return v.error();
                target = *v;
            }
            const bool allowZero = m_node.attrInt("allowzero", 0) != 0;
            Dims r;
            int inferred = -1;
            int64_t known = 1;
            for (size_t i = 0; i < target.size(); ++i) {
                int64_t d = target[i];
                if (d == 0 && !allowZero) {
                    if (i >= s.size())
                        return invalid("target dimension 0 copies a dimension the input lacks");
                    d = s[i];
                }
                if (d == -1) {
                    if (inferred >= 0)
                        return invalid("target shape has more than one -1");
                    inferred = static_cast<int>(i);
                    d = 1;
                } else if (d < 0) {
                    return invalid("target shape has a negative dimension");
                }
                known *= d;
                r.push_back(d);
            }
            if (inferred >= 0) {
                const int64_t total = elementCount(s);
                if (known == 0 || total % known != 0)
                    return invalid("cannot reshape " + dimsToString(s) + " to " + dimsToString(target));
                r[inferred] = total / known;
            }
            return r;
        }
        std::vector<int64_t> axes = m_node.attrInts("axes");
        if (ctx.opset >= 13 && in.size() > 1) {
            auto v = constInts(in[1], op + "'s axes");
            if (!v)
                return v.error();
            axes = *v;
        }
        if (op == "Squeeze") {
            std::vector<bool> drop(s.size(), axes.empty());
            for (int64_t a : axes) {
                auto ax = normalizeAxis(a, s.size());
                if (!ax)
                    return ax.error();
                if (s[*ax] != 1)
                    return invalid(
                        "cannot squeeze dimension " + std::to_string(*ax) + " of size " + std::to_string(s[*ax]));
                drop[*ax] = true;
            }
            Dims r;
            for (size_t i = 0; i < s.size(); ++i) {
                if (!drop[i] || s[i] != 1)
                    r.push_back(s[i]);
            }
            return r;
        }
        if (op == "Unsqueeze") {
            const size_t rank = s.size() + axes.size();
            std::vector<bool> inserted(rank, false);
            for (int64_t a : axes) {
                auto ax = normalizeAxis(a, rank);
                if (!ax)
                    return ax.error();
                inserted[*ax] = true;
            }
            Dims r;
            size_t next = 0;
            for (size_t i = 0; i < rank; ++i)
                r.push_back(inserted[i] ? 1 : s.at(next++));
            return r;
        }
        return invalid("not a view operator");
    }

    NodeDesc m_node;
};

/// A kernel that reads its input through one strided copy; when the copy is one contiguous run it is a view and
/// does nothing at run time.
class StridedCopyKernel : public Kernel
{
public:
    // Reading one contiguous run (a channel slice at batch 1, a permutation of unit dimensions): no copy at all.
    bool isView() const override { return m_copy.isContiguous(); }
    size_t viewOffset() const override { return m_copy.byteOffset(); }

    Status run(const RunArgs& args) override
    {
        m_copy.run(args.in[0], args.out[0], args.threads);
        return Ok {};
    }

protected:
    StridedCopy m_copy;
};

class TransposeKernel : public StridedCopyKernel
{
public:
    explicit TransposeKernel(const NodeDesc& node)
        : m_perm(node.attrInts("perm"))
    {
    }

    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        const Dims& s = in.at(0)->shape;
        Dims perm = m_perm;
        if (perm.empty()) {
            for (size_t i = s.size(); i-- > 0;)
                perm.push_back(static_cast<int64_t>(i));
        }
        if (perm.size() != s.size())
            return invalid("perm has " + std::to_string(perm.size()) + " entries for rank " + std::to_string(s.size()));
        const Dims strides = StridedCopy::contiguousStrides(s);
        Dims shape;
        Dims srcStrides;
        for (int64_t p : perm) {
            if (p < 0 || p >= static_cast<int64_t>(s.size()))
                return invalid("perm entry " + std::to_string(p) + " is out of range");
            shape.push_back(s[p]);
            srcStrides.push_back(strides[p]);
        }
        m_copy = StridedCopy(shape, srcStrides, 0, bytesPerElement(in[0]->type));
        out.at(0) = TensorInfo { in[0]->type, shape, nullptr };
        return Ok {};
    }

private:
    Dims m_perm;
};

class SliceKernel : public StridedCopyKernel
{
public:
    explicit SliceKernel(const NodeDesc& node)
        : m_node(node)
    {
    }

    Status prepare(
        const PrepareContext& ctx, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        const Dims& s = in.at(0)->shape;
        std::vector<int64_t> starts = m_node.attrInts("starts"), ends = m_node.attrInts("ends");
        std::vector<int64_t> axes = m_node.attrInts("axes"), steps;
        if (ctx.opset >= 10) {
            for (auto [index, target] :
                { std::pair { 1, &starts }, std::pair { 2, &ends }, std::pair { 3, &axes }, std::pair { 4, &steps } }) {
                auto v = constInts(index < int(in.size()) ? in[index] : nullptr, "Slice's bounds");
                if (!v)
                    return v.error();
                *target = *v;
            }
        }
        if (axes.empty()) {
            for (size_t i = 0; i < starts.size(); ++i)
                axes.push_back(static_cast<int64_t>(i));
        }
        if (steps.empty())
            steps.assign(starts.size(), 1);
        if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
            return invalid("starts, ends, axes and steps differ in length");
        Dims shape = s;
        const Dims strides = StridedCopy::contiguousStrides(s);
        Dims srcStrides = strides;
        int64_t offset = 0;
        for (size_t i = 0; i < starts.size(); ++i) {
            auto ax = normalizeAxis(axes[i], s.size());
            if (!ax)
                return ax.error();
            const int64_t dim = s[*ax];
            const int64_t step = steps[i];
            if (step == 0)
                return invalid("a step is 0");
            int64_t b = starts[i] < 0 ? starts[i] + dim : starts[i];
            int64_t e = ends[i] < 0 ? ends[i] + dim : ends[i];
            int64_t count = 0;
            if (step > 0) {
                b = std::clamp<int64_t>(b, 0, dim);
                e = std::clamp<int64_t>(e, 0, dim);
                count = e > b ? (e - b + step - 1) / step : 0;
            } else {
                b = std::clamp<int64_t>(b, 0, dim - 1);
                e = std::clamp<int64_t>(e, -1, dim - 1);
                count = b > e ? (b - e - step - 1) / -step : 0;
            }
            shape[*ax] = count;
            offset += b * strides[*ax];
            srcStrides[*ax] = strides[*ax] * step;
        }
        m_copy = StridedCopy(shape, srcStrides, elementCount(shape) ? offset : 0, bytesPerElement(in[0]->type));
        out.at(0) = TensorInfo { in[0]->type, shape, nullptr };
        return Ok {};
    }

private:
    NodeDesc m_node;
};

class ExpandKernel : public StridedCopyKernel
{
public:
    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        auto target = constInts(in.size() > 1 ? in[1] : nullptr, "Expand's shape");
        if (!target)
            return target.error();
        auto shape = broadcastShapes({ in[0]->shape, *target });
        if (!shape)
            return shape.error();
        const Dims& s = in[0]->shape;
        const Dims strides = StridedCopy::contiguousStrides(s);
        Dims srcStrides(shape->size(), 0);
        const size_t pad = shape->size() - s.size();
        for (size_t i = 0; i < s.size(); ++i)
            srcStrides[pad + i] = s[i] == 1 ? 0 : strides[i];
        m_copy = StridedCopy(*shape, srcStrides, 0, bytesPerElement(in[0]->type));
        out.at(0) = TensorInfo { in[0]->type, *shape, nullptr };
        return Ok {};
    }

private:
};

class GatherKernel : public Kernel
{
public:
    explicit GatherKernel(const NodeDesc& node)
        : m_axisAttr(node.attrInt("axis", 0))
    {
    }

    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (in.size() != 2 || !in[0] || !in[1])
            return invalid("expects data and indices");
        if (in[1]->type != DataType::Int64 && in[1]->type != DataType::Int32)
            return invalid("indices must be int64 or int32");
        const Dims& s = in[0]->shape;
        auto axis = normalizeAxis(m_axisAttr, s.size());
        if (!axis)
            return axis.error();
        m_indexType = in[1]->type;
        m_outer = std::accumulate(s.begin(), s.begin() + *axis, int64_t(1), std::multiplies<>());
        m_inner = std::accumulate(s.begin() + *axis + 1, s.end(), int64_t(1), std::multiplies<>())
            * bytesPerElement(in[0]->type);
        m_axisDim = s[*axis];
        m_indices = in[1]->count();
        Dims shape(s.begin(), s.begin() + *axis);
        shape.insert(shape.end(), in[1]->shape.begin(), in[1]->shape.end());
        shape.insert(shape.end(), s.begin() + *axis + 1, s.end());
        out.at(0) = TensorInfo { in[0]->type, shape, nullptr };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        std::vector<int64_t> idx(static_cast<size_t>(m_indices));
        for (int64_t j = 0; j < m_indices; ++j) {
            int64_t v = m_indexType == DataType::Int64 ? static_cast<const int64_t*>(args.in[1])[j]
                                                       : static_cast<const int32_t*>(args.in[1])[j];
            if (v < 0)
                v += m_axisDim;
            if (v < 0 || v >= m_axisDim)
                return Error { ErrorCode::InvalidArgument,
                    "index " + std::to_string(v) + " is out of range [0, " + std::to_string(m_axisDim) + ")", {} };
            idx[static_cast<size_t>(j)] = v;
        }
        const auto* src = static_cast<const uint8_t*>(args.in[0]);
        auto* dst = static_cast<uint8_t*>(args.out[0]);
        const int64_t total = m_outer * m_indices;
        parallelFor(total, std::max<int64_t>(1, 65536 / std::max<int64_t>(m_inner, 1)), args.threads,
            [&](int64_t b, int64_t e) {
                for (int64_t k = b; k < e; ++k) {
                    const int64_t o = k / m_indices;
                    const int64_t j = k % m_indices;
                    std::memcpy(dst + k * m_inner, src + (o * m_axisDim + idx[static_cast<size_t>(j)]) * m_inner,
                        static_cast<size_t>(m_inner));
                }
            });
        return Ok {};
    }

private:
    int64_t m_axisAttr = 0;
    DataType m_indexType = DataType::Int64;
    int64_t m_outer = 1, m_inner = 1, m_axisDim = 1, m_indices = 0;
};

/// Concat and Split share the block arithmetic: along `axis`, each row of the outer dimensions is a sequence of
/// blocks, one per part.
class ConcatKernel : public Kernel
{
public:
    ConcatKernel(const NodeDesc& node, bool split)
        : m_node(node)
        , m_split(split)
    {
    }

    Status prepare(
        const PrepareContext& ctx, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (in.empty() || !in[0])
            return invalid("expects inputs");
        const Dims& s = in[0]->shape;
        auto axis = normalizeAxis(m_node.attrInt("axis", 0), s.size());
        if (!axis)
            return axis.error();
        const int64_t elem = bytesPerElement(in[0]->type);
        m_outer = std::accumulate(s.begin(), s.begin() + *axis, int64_t(1), std::multiplies<>());
        const int64_t inner = std::accumulate(s.begin() + *axis + 1, s.end(), int64_t(1), std::multiplies<>());
        m_blocks.clear();
        if (m_split)
            return prepareSplit(ctx, in, out, *axis, inner * elem);
        Dims shape = s;
        shape[*axis] = 0;
        for (const TensorInfo* t : in) {
            if (!t || t->type != in[0]->type || t->shape.size() != s.size())
                return invalid("inputs differ in element type or rank");
            for (size_t d = 0; d < s.size(); ++d) {
                if (d != size_t(*axis) && t->shape[d] != s[d])
                    return invalid("input shapes " + dimsToString(s) + " and " + dimsToString(t->shape) + " differ");
            }
            shape[*axis] += t->shape[*axis];
            m_blocks.push_back(t->shape[*axis] * inner * elem);
        }
        out.at(0) = TensorInfo { in[0]->type, shape, nullptr };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        const int64_t row = std::accumulate(m_blocks.begin(), m_blocks.end(), int64_t(0));
        parallelFor(
            m_outer, std::max<int64_t>(1, 65536 / std::max<int64_t>(row, 1)), args.threads, [&](int64_t b, int64_t e) {
                for (int64_t o = b; o < e; ++o) {
                    int64_t at = 0;
                    for (size_t k = 0; k < m_blocks.size(); ++k) {
                        const auto n = static_cast<size_t>(m_blocks[k]);
                        if (m_split)
                            std::memcpy(static_cast<uint8_t*>(args.out[k]) + o * m_blocks[k],
                                static_cast<const uint8_t*>(args.in[0]) + o * row + at, n);
                        else
                            std::memcpy(static_cast<uint8_t*>(args.out[0]) + o * row + at,
                                static_cast<const uint8_t*>(args.in[k]) + o * m_blocks[k], n);
                        at += m_blocks[k];
                    }
                }
            });
        return Ok {};
    }

private:
    Status prepareSplit(const PrepareContext& ctx, const std::vector<const TensorInfo*>& in,
        std::vector<TensorInfo>& out, int64_t axis, int64_t innerBytes)
    {
        const Dims& s = in[0]->shape;
        std::vector<int64_t> sizes = m_node.attrInts("split");
        if (ctx.opset >= 13 && in.size() > 1 && in[1]) {
            auto v = constInts(in[1], "Split's sizes");
            if (!v)
                return v.error();
            sizes = *v;
        }
        const auto parts = static_cast<int64_t>(out.size());
        if (sizes.empty()) {
            const int64_t each = (s[axis] + parts - 1) / parts; // the last part is smaller when uneven (opset 18)
            for (int64_t k = 0; k < parts; ++k)
                sizes.push_back(std::min(each, s[axis] - k * each));
        }
        if (static_cast<int64_t>(sizes.size()) != parts
            || std::accumulate(sizes.begin(), sizes.end(), int64_t(0)) != s[axis])
            return invalid("split sizes do not add up to dimension " + std::to_string(s[axis]));
        for (size_t k = 0; k < sizes.size(); ++k) {
            Dims shape = s;
            shape[axis] = sizes[k];
            out[k] = TensorInfo { in[0]->type, shape, nullptr };
            m_blocks.push_back(sizes[k] * innerBytes);
        }
        return Ok {};
    }

    NodeDesc m_node;
    bool m_split;
    int64_t m_outer = 1;
    std::vector<int64_t> m_blocks; ///< bytes per outer row of each part
};

class CastKernel : public Kernel
{
public:
    explicit CastKernel(const NodeDesc& node)
        : m_to(dataTypeFromOnnx(static_cast<int32_t>(node.attrInt("to", 1))))
    {
    }

    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        bool ok = false;
        dispatchAll(m_to, [&](auto) { ok = true; });
        if (!ok || !dispatchAll(in.at(0)->type, [](auto) {}))
            return Error { ErrorCode::Unsupported,
                "casting " + std::string(dataTypeName(in[0]->type)) + " to " + std::string(dataTypeName(m_to))
                    + " is not supported by the native runtime",
                {} };
        m_from = in[0]->type;
        m_count = in[0]->count();
        out.at(0) = TensorInfo { m_to, in[0]->shape, nullptr };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        dispatchAll(m_from, [&](auto from) {
            dispatchAll(m_to, [&](auto to) {
                using S = decltype(from);
                using D = decltype(to);
                const auto* s = static_cast<const S*>(args.in[0]);
                auto* d = static_cast<D*>(args.out[0]);
                const bool toBool = m_to == DataType::Bool;
                for (int64_t i = 0; i < m_count; ++i)
                    d[i] = toBool ? D(s[i] != S(0)) : static_cast<D>(s[i]);
            });
        });
        return Ok {};
    }

private:
    DataType m_to;
    DataType m_from = DataType::Float32;
    int64_t m_count = 0;
};

} // namespace

std::unique_ptr<Kernel> makeLayoutKernel(const NodeDesc& node)
{
    const std::string& op = node.opType;
    if (op == "Reshape" || op == "Flatten" || op == "Squeeze" || op == "Unsqueeze" || op == "Identity"
        || op == "Dropout")
        return std::make_unique<ViewKernel>(node);
    if (op == "Transpose")
        return std::make_unique<TransposeKernel>(node);
    if (op == "Slice")
        return std::make_unique<SliceKernel>(node);
    if (op == "Expand")
        return std::make_unique<ExpandKernel>();
    if (op == "Gather")
        return std::make_unique<GatherKernel>(node);
    if (op == "Concat" || op == "Split")
        return std::make_unique<ConcatKernel>(node, op == "Split");
    if (op == "Cast")
        return std::make_unique<CastKernel>(node);
    return nullptr;
}

} // namespace graphs::native
