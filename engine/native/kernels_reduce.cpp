// Reductions and normalisations: ReduceMean/Sum/Max/Min, Softmax/LogSoftmax, LayerNormalization and a standalone
// BatchNormalization (the planner folds it into a preceding Conv when it can). Contiguous reductions run as
// [outer, reduced, inner] with the inner loop vectorised.

#include "native/dispatch.h"
#include "native/kernel.h"
#include "native/parallel.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace graphs::native {

namespace {

int64_t product(const Dims& s, size_t begin, size_t end)
{
    return std::accumulate(s.begin() + static_cast<std::ptrdiff_t>(begin), s.begin() + static_cast<std::ptrdiff_t>(end),
        int64_t(1), std::multiplies<>());
}

enum class Reduce { Mean, Sum, Max, Min };

class ReduceKernel : public Kernel
{
public:
    ReduceKernel(Reduce op, const NodeDesc& node)
        : m_op(op)
        , m_node(node)
    {
    }

    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        const Dims& s = in.at(0)->shape;
        m_type = in[0]->type;
        if (!dispatchNumeric(m_type, [](auto) {}))
            return Error { ErrorCode::Unsupported,
                "element type " + std::string(dataTypeName(m_type)) + " is not supported by the native runtime", {} };
        std::vector<int64_t> axes = m_node.attrInts("axes");
        if (in.size() > 1 && in[1]) {
            if (!in[1]->isConstant() || in[1]->type != DataType::Int64)
                return Error { ErrorCode::Unsupported, "reduction axes computed at run time are not supported", {} };
            axes.assign(in[1]->as<int64_t>(), in[1]->as<int64_t>() + in[1]->count());
        }
        std::vector<bool> reduced(s.size(), false);
        if (axes.empty() && m_node.attrInt("noop_with_empty_axes", 0) == 0)
            reduced.assign(s.size(), true);
        for (int64_t a : axes) {
            auto ax = normalizeAxis(a, s.size());
            if (!ax)
                return ax.error();
            reduced[*ax] = true;
        }
        const bool keep = m_node.attrInt("keepdims", 1) != 0;
        Dims shape;
        m_inShape = s;
        m_reduced = reduced;
        for (size_t d = 0; d < s.size(); ++d) {
            if (!reduced[d])
                shape.push_back(s[d]);
            else if (keep)
                shape.push_back(1);
        }
        // The fast path needs the reduced axes to be one contiguous run (after dropping size-1 dimensions).
        size_t first = s.size(), last = 0;
        for (size_t d = 0; d < s.size(); ++d) {
            if (reduced[d] && s[d] != 1) {
                first = std::min(first, d);
                last = d;
            }
        }
        m_contiguous = true;
        for (size_t d = first; d <= last && first < s.size(); ++d)
            m_contiguous = m_contiguous && (reduced[d] || s[d] == 1);
        if (first == s.size()) {
            first = 0;
            last = 0;
            m_outer = 1;
            m_r = 1;
            m_inner = elementCount(s);
        } else {
            m_outer = product(s, 0, first);
            m_r = product(s, first, last + 1);
            m_inner = product(s, last + 1, s.size());
        }
        out.at(0) = TensorInfo { m_type, shape, nullptr };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        if (m_type == DataType::Float32 && m_contiguous) {
            runFloat(static_cast<const float*>(args.in[0]), static_cast<float*>(args.out[0]), args.threads);
            return Ok {};
        }
        dispatchNumeric(m_type, [&](auto tag) {
            runGeneric(static_cast<const decltype(tag)*>(args.in[0]), static_cast<decltype(tag)*>(args.out[0]));
        });
        return Ok {};
    }

private:
    void runFloat(const float* x, float* y, int threads) const
    {
        const float scale = m_op == Reduce::Mean ? 1.0f / static_cast<float>(m_r) : 1.0f;
        parallelFor(m_outer, std::max<int64_t>(1, 16384 / std::max<int64_t>(m_r * m_inner, 1)), threads,
            [&](int64_t b, int64_t e) {
                for (int64_t o = b; o < e; ++o) {
                    const float* xo = x + o * m_r * m_inner;
                    Eigen::Map<Eigen::ArrayXf> acc(y + o * m_inner, m_inner);
                    if (m_inner == 1) {
                        Eigen::Map<const Eigen::ArrayXf> row(xo, m_r);
                        acc(0) = m_op == Reduce::Max ? row.maxCoeff()
                            : m_op == Reduce::Min    ? row.minCoeff()
                                                     : row.sum() * scale;
                        continue;
                    }
                    acc = Eigen::Map<const Eigen::ArrayXf>(xo, m_inner);
                    for (int64_t r = 1; r < m_r; ++r) {
                        Eigen::Map<const Eigen::ArrayXf> row(xo + r * m_inner, m_inner);
                        if (m_op == Reduce::Max)
                            acc = acc.max(row);
                        else if (m_op == Reduce::Min)
                            acc = acc.min(row);
                        else
                            acc += row;
                    }
                    if (m_op == Reduce::Mean)
                        acc *= scale;
                }
            });
    }

    /// Any axes, any numeric type: one pass over the input mapping each element to its output (shape arithmetic
    /// and rare layouts only).
    template <typename T> void runGeneric(const T* x, T* y) const
    {
        const int64_t outCount = [&] {
            int64_t n = 1;
            for (size_t d = 0; d < m_inShape.size(); ++d)
                n *= m_reduced[d] ? 1 : m_inShape[d];
            return n;
        }();
        std::vector<double> acc(static_cast<size_t>(outCount),
            m_op == Reduce::Max       ? -std::numeric_limits<double>::infinity()
                : m_op == Reduce::Min ? std::numeric_limits<double>::infinity()
                                      : 0.0);
        const int64_t total = elementCount(m_inShape);
        int64_t count = 1;
        for (size_t d = 0; d < m_inShape.size(); ++d)
            count *= m_reduced[d] ? m_inShape[d] : 1;
        for (int64_t i = 0; i < total; ++i) {
            int64_t rest = i, outIndex = 0, stride = 1;
            for (size_t d = m_inShape.size(); d-- > 0;) {
                const int64_t idx = rest % m_inShape[d];
                rest /= m_inShape[d];
                if (!m_reduced[d]) {
                    outIndex += idx * stride;
                    stride *= m_inShape[d];
                }
            }
            double& a = acc[static_cast<size_t>(outIndex)];
            const auto v = static_cast<double>(x[i]);
            a = m_op == Reduce::Max ? std::max(a, v) : m_op == Reduce::Min ? std::min(a, v) : a + v;
        }
        for (int64_t o = 0; o < outCount; ++o)
            y[o] = static_cast<T>(m_op == Reduce::Mean ? acc[static_cast<size_t>(o)] / static_cast<double>(count)
                                                       : acc[static_cast<size_t>(o)]);
    }

    Reduce m_op;
    NodeDesc m_node;
    DataType m_type = DataType::Float32;
    Dims m_inShape;
    std::vector<bool> m_reduced;
    bool m_contiguous = true;
    int64_t m_outer = 1, m_r = 1, m_inner = 1;
};

class SoftmaxKernel : public Kernel
{
public:
    SoftmaxKernel(const NodeDesc& node, bool log)
        : m_node(node)
        , m_log(log)
    {
    }

    Status prepare(
        const PrepareContext& ctx, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        const Dims& s = in.at(0)->shape;
        if (in[0]->type != DataType::Float32)
            return Error { ErrorCode::Unsupported, "only float32 is supported", {} };
        auto axis = normalizeAxis(m_node.attrInt("axis", ctx.opset >= 13 ? -1 : 1), s.size());
        if (!axis)
            return axis.error();
        m_outer = product(s, 0, static_cast<size_t>(*axis));
        if (ctx.opset >= 13) {
            m_d = s[*axis];
            m_inner = product(s, static_cast<size_t>(*axis) + 1, s.size());
        } else { // older opsets flatten to 2-D at the axis
            m_d = product(s, static_cast<size_t>(*axis), s.size());
            m_inner = 1;
        }
        out.at(0) = TensorInfo { DataType::Float32, s, nullptr };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        const auto* x = static_cast<const float*>(args.in[0]);
        auto* y = static_cast<float*>(args.out[0]);
        const int64_t rows = m_outer * m_inner;
        parallelFor(
            rows, std::max<int64_t>(1, 8192 / std::max<int64_t>(m_d, 1)), args.threads, [&](int64_t b, int64_t e) {
                for (int64_t r = b; r < e; ++r) {
                    const int64_t o = r / m_inner, i = r % m_inner;
                    if (m_inner == 1)
                        contiguousRow(x + o * m_d, y + o * m_d);
                    else
                        stridedRow(x + o * m_d * m_inner + i, y + o * m_d * m_inner + i);
                }
            });
        return Ok {};
    }

private:
    void contiguousRow(const float* xp, float* yp) const
    {
        Eigen::Map<const Eigen::ArrayXf> x(xp, m_d);
        Eigen::Map<Eigen::ArrayXf> y(yp, m_d);
        const float max = x.maxCoeff();
        y = (x - max).exp();
        const float sum = y.sum();
        if (m_log)
            y = (x - max) - std::log(sum);
        else
            y *= 1.0f / sum;
    }

    void stridedRow(const float* x, float* y) const
    {
        float max = -std::numeric_limits<float>::infinity();
        for (int64_t k = 0; k < m_d; ++k)
            max = std::max(max, x[k * m_inner]);
        float sum = 0;
        for (int64_t k = 0; k < m_d; ++k)
            sum += (y[k * m_inner] = std::exp(x[k * m_inner] - max));
        for (int64_t k = 0; k < m_d; ++k)
            y[k * m_inner] = m_log ? x[k * m_inner] - max - std::log(sum) : y[k * m_inner] / sum;
    }

    NodeDesc m_node;
    bool m_log;
    int64_t m_outer = 1, m_d = 1, m_inner = 1;
};

/// LayerNormalization over the trailing axes, and BatchNormalization (per channel, inference mode).
class NormalizationKernel : public Kernel
{
public:
    NormalizationKernel(const NodeDesc& node, bool batch)
        : m_node(node)
        , m_batch(batch)
    {
    }

    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (out.size() > 1)
            return Error { ErrorCode::Unsupported, "the optional statistics outputs are not supported", {} };
        const Dims& s = in.at(0)->shape;
        for (const TensorInfo* t : in) {
            if (t && t->type != DataType::Float32)
                return Error { ErrorCode::Unsupported, "only float32 is supported", {} };
        }
        m_epsilon = static_cast<float>(m_node.attrFloat("epsilon", 1e-5));
        if (m_batch) {
            if (in.size() != 5 || s.size() < 2)
                return invalid("expects X, scale, B, mean and var, X of rank 2 or more");
            m_outer = s[0];
            m_d = s[1];
            m_inner = product(s, 2, s.size());
            for (size_t k = 1; k < 5; ++k) {
                if (!in[k] || in[k]->count() != m_d)
                    return invalid("scale, B, mean and var must have one value per channel");
            }
        } else {
            auto axis = normalizeAxis(m_node.attrInt("axis", -1), s.size());
            if (!axis)
                return axis.error();
            m_outer = product(s, 0, static_cast<size_t>(*axis));
            m_d = product(s, static_cast<size_t>(*axis), s.size());
            if (in.size() < 2 || !in[1] || in[1]->count() != m_d || (in.size() > 2 && in[2] && in[2]->count() != m_d))
                return invalid("scale and bias must match the normalised shape");
        }
        out.at(0) = TensorInfo { DataType::Float32, s, nullptr };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        const auto* x = static_cast<const float*>(args.in[0]);
        auto* y = static_cast<float*>(args.out[0]);
        const auto* scale = static_cast<const float*>(args.in[1]);
        const auto* bias = args.in.size() > 2 ? static_cast<const float*>(args.in[2]) : nullptr;
        if (m_batch) {
            const auto* mean = static_cast<const float*>(args.in[3]);
            const auto* var = static_cast<const float*>(args.in[4]);
            parallelFor(m_outer * m_d, std::max<int64_t>(1, 16384 / std::max<int64_t>(m_inner, 1)), args.threads,
                [&](int64_t b, int64_t e) {
                    for (int64_t r = b; r < e; ++r) {
                        const int64_t c = r % m_d;
                        const float k = scale[c] / std::sqrt(var[c] + m_epsilon);
                        const float t = bias[c] - mean[c] * k;
                        Eigen::Map<Eigen::ArrayXf>(y + r * m_inner, m_inner)
                            = Eigen::Map<const Eigen::ArrayXf>(x + r * m_inner, m_inner) * k + t;
                    }
                });
            return Ok {};
        }
        parallelFor(
            m_outer, std::max<int64_t>(1, 8192 / std::max<int64_t>(m_d, 1)), args.threads, [&](int64_t b, int64_t e) {
                Eigen::Map<const Eigen::ArrayXf> g(scale, m_d);
                for (int64_t r = b; r < e; ++r) {
                    Eigen::Map<const Eigen::ArrayXf> row(x + r * m_d, m_d);
                    Eigen::Map<Eigen::ArrayXf> o(y + r * m_d, m_d);
                    const float mean = row.mean();
                    o = row - mean;
                    const float inv = 1.0f / std::sqrt(o.square().mean() + m_epsilon);
                    if (bias)
                        o = o * inv * g + Eigen::Map<const Eigen::ArrayXf>(bias, m_d);
                    else
                        o = o * inv * g;
                }
            });
        return Ok {};
    }

private:
    NodeDesc m_node;
    bool m_batch;
    float m_epsilon = 1e-5f;
    int64_t m_outer = 1, m_d = 1, m_inner = 1;
};

} // namespace

std::unique_ptr<Kernel> makeReduceKernel(const NodeDesc& node)
{
    const std::string& op = node.opType;
    if (op == "ReduceMean")
        return std::make_unique<ReduceKernel>(Reduce::Mean, node);
    if (op == "ReduceSum")
        return std::make_unique<ReduceKernel>(Reduce::Sum, node);
    if (op == "ReduceMax")
        return std::make_unique<ReduceKernel>(Reduce::Max, node);
    if (op == "ReduceMin")
        return std::make_unique<ReduceKernel>(Reduce::Min, node);
    if (op == "Softmax" || op == "LogSoftmax")
        return std::make_unique<SoftmaxKernel>(node, op == "LogSoftmax");
    if (op == "LayerNormalization" || op == "BatchNormalization")
        return std::make_unique<NormalizationKernel>(node, op == "BatchNormalization");
    return nullptr;
}

} // namespace graphs::native
