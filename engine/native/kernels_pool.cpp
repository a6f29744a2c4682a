// Pooling: MaxPool and AveragePool lay each input plane out as stride phases (window.h), so every kernel tap is a
// unit-stride run, and reduce the taps in registers over blocks of output rows; global pools reduce whole planes.

#include "native/kernel.h"
#include "native/parallel.h"
#include "native/simd.h"
#include "native/window.h"

#include <Eigen/Core>
#include <limits>

namespace graphs::native {

namespace {

class PoolKernel : public Kernel
{
public:
    PoolKernel(const NodeDesc& node, bool max)
        : m_node(node)
        , m_max(max)
    {
    }

    Status prepare(
        const PrepareContext& ctx, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (out.size() > 1)
            return Error { ErrorCode::Unsupported, "the Indices output of MaxPool is not supported", {} };
        if (in.at(0)->type != DataType::Float32)
            return Error { ErrorCode::Unsupported, "only float32 is supported", {} };
        if (!m_node.has("kernel_shape"))
            return invalid("kernel_shape is missing");
        auto w = makeWindow(m_node, in[0]->shape, {}, true);
        if (!w)
            return w.error();
        m_w = *w;
        m_includePad = m_node.attrInt("count_include_pad", 0) != 0;
        m_phases = phaseLayout(m_w);
        m_threads = std::max(1, ctx.threads);
        out.at(0) = TensorInfo { DataType::Float32, m_w.outputShape(m_w.channels), nullptr };
        // Averages divide by the taps inside the input, or inside the padded input with count_include_pad.
        m_colCount.assign(static_cast<size_t>(m_w.ow), 0);
        m_rowCount.assign(static_cast<size_t>(m_w.oh), 0);
        for (int64_t x = 0; x < m_w.ow; ++x)
            m_colCount[x] = taps(x * m_w.sw - m_w.padLeft, m_w.kw, m_w.dw, m_w.w, m_w.padRight);
        for (int64_t y = 0; y < m_w.oh; ++y)
            m_rowCount[y] = taps(y * m_w.sh - m_w.padTop, m_w.kh, m_w.dh, m_w.h, m_w.padBottom);
        m_offsets.clear();
        for (int64_t ky = 0; ky < m_w.kh; ++ky) {
            for (int64_t kx = 0; kx < m_w.kw; ++kx)
                m_offsets.push_back(m_phases.tapOffset(m_w, ky, kx));
        }
        return Ok {};
    }

    size_t scratchBytes() const override
    {
        return static_cast<size_t>(m_threads * (m_phases.floats() + blockRows() * m_phases.wq + 64)) * sizeof(float);
    }

    Status run(const RunArgs& args) override
    {
        const auto* x = static_cast<const float*>(args.in[0]);
        auto* y = static_cast<float*>(args.out[0]);
        const Window2d& w = m_w;
        const int64_t own = m_phases.floats() + blockRows() * m_phases.wq + 64;
        parallelChunks(w.batch * w.channels, 1, args.threads, [&](int chunk, int64_t b, int64_t e) {
            float* scratch = static_cast<float*>(args.scratch) + chunk * own;
            for (int64_t p = b; p < e; ++p)
                plane(x + p * w.h * w.w, y + p * w.oh * w.ow, scratch);
        });
        return Ok {};
    }

private:
    int64_t blockRows() const { return std::min<int64_t>(m_w.oh, std::max<int64_t>(1, 1024 / m_phases.wq)); }

    int64_t taps(int64_t start, int64_t k, int64_t d, int64_t size, int64_t padEnd) const
    {
        int64_t n = 0;
        for (int64_t i = 0; i < k; ++i) {
            const int64_t at = start + i * d;
            n += m_includePad ? (at < size + padEnd) : (at >= 0 && at < size);
        }
        return n;
    }

    /// acc[i] = max (or sum) over taps of base[offsets[t] + i], 64 values at a time held in registers.
    template <bool Max>
    static void reduceTaps(float* acc, const float* base, const std::vector<int64_t>& offsets, int64_t n)
    {
        for (int64_t i = 0; i < n; i += 64) {
            Vec16 a[4], v;
            for (int j = 0; j < 4; ++j)
                loadVec(a[j], base + offsets[0] + i + 16 * j);
            for (size_t t = 1; t < offsets.size(); ++t) {
                for (int j = 0; j < 4; ++j) {
                    loadVec(v, base + offsets[t] + i + 16 * j);
                    if constexpr (Max)
                        a[j] = a[j] > v ? a[j] : v;
                    else
                        a[j] += v;
                }
            }
            for (int j = 0; j < 4; ++j)
                storeVec(acc + i + 16 * j, a[j]);
        }
    }

    void plane(const float* in, float* out, float* scratch) const
    {
        const Window2d& w = m_w;
        const int64_t wq = m_phases.wq;
        // Padding never wins a max and adds nothing to a sum; averages divide by their own tap counts.
        fillPhases(w, m_phases, in, m_max ? -std::numeric_limits<float>::infinity() : 0.0f, scratch);
        float* acc = scratch + m_phases.floats();
        const int64_t rowsPerBlock = blockRows();
        for (int64_t oy0 = 0; oy0 < w.oh; oy0 += rowsPerBlock) {
            const int64_t rows = std::min(rowsPerBlock, w.oh - oy0);
            const int64_t n = (rows * wq + 63) / 64 * 64;
            if (m_max)
                reduceTaps<true>(acc, scratch + oy0 * wq, m_offsets, n);
            else
                reduceTaps<false>(acc, scratch + oy0 * wq, m_offsets, n);
            for (int64_t r = 0; r < rows; ++r) {
                float* orow = out + (oy0 + r) * w.ow;
                const float* arow = acc + r * wq;
                if (m_max) {
                    std::copy_n(arow, w.ow, orow);
                    continue;
                }
                const auto count = static_cast<float>(m_rowCount[oy0 + r]);
                for (int64_t ox = 0; ox < w.ow; ++ox) {
                    const float c = count * static_cast<float>(m_colCount[ox]);
                    orow[ox] = c > 0 ? arow[ox] / c : 0.0f;
                }
            }
        }
    }

    NodeDesc m_node;
    bool m_max;
    bool m_includePad = false;
    Window2d m_w;
    PhaseLayout m_phases;
    std::vector<int64_t> m_offsets; ///< of each tap into the phases
    int m_threads = 1;
    std::vector<int64_t> m_colCount, m_rowCount;
};

class GlobalPoolKernel : public Kernel
{
public:
    explicit GlobalPoolKernel(bool max)
        : m_max(max)
    {
    }

    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        const Dims& s = in.at(0)->shape;
        if (s.size() < 3 || in[0]->type != DataType::Float32)
            return invalid("expects a float32 input of rank 3 or more");
        m_planes = s[0] * s[1];
        m_size = elementCount(s) / std::max<int64_t>(m_planes, 1);
        Dims shape(s.size(), 1);
        shape[0] = s[0];
        shape[1] = s[1];
        out.at(0) = TensorInfo { DataType::Float32, shape, nullptr };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        const auto* x = static_cast<const float*>(args.in[0]);
        auto* y = static_cast<float*>(args.out[0]);
        parallelFor(m_planes, std::max<int64_t>(1, 16384 / std::max<int64_t>(m_size, 1)), args.threads,
            [&](int64_t b, int64_t e) {
                for (int64_t p = b; p < e; ++p) {
                    Eigen::Map<const Eigen::ArrayXf> plane(x + p * m_size, m_size);
                    y[p] = m_max ? plane.maxCoeff() : plane.mean();
                }
            });
        return Ok {};
    }

private:
    bool m_max;
    int64_t m_planes = 1, m_size = 1;
};

} // namespace

std::unique_ptr<Kernel> makePoolKernel(const NodeDesc& node)
{
    const std::string& op = node.opType;
    if (op == "MaxPool" || op == "AveragePool")
        return std::make_unique<PoolKernel>(node, op == "MaxPool");
    if (op == "GlobalAveragePool" || op == "GlobalMaxPool")
        return std::make_unique<GlobalPoolKernel>(op == "GlobalMaxPool");
    return nullptr;
}

} // namespace graphs::native
