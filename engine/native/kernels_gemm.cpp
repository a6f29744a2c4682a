// Gemm and MatMul on Eigen. A MatMul whose second operand has no batch (a Linear layer) folds the batch into the
// rows and runs as one GEMM; batched products (attention) run one GEMM per batch, in parallel across batches.

#include "native/broadcast.h"
#include "native/gemm.h"
#include "native/kernel.h"
#include "native/parallel.h"

#include <algorithm>
#include <cstring>

namespace graphs::native {

namespace {

class GemmKernel : public Kernel
{
public:
    explicit GemmKernel(const NodeDesc& node)
        : m_transA(node.attrInt("transA", 0) != 0)
        , m_transB(node.attrInt("transB", 0) != 0)
        , m_alpha(static_cast<float>(node.attrFloat("alpha", 1.0)))
        , m_beta(static_cast<float>(node.attrFloat("beta", 1.0)))
    {
    }

    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (in.size() < 2 || !in[0] || !in[1])
            return invalid("expects A and B");
        for (const TensorInfo* t : in) {
            if (t && t->type != DataType::Float32)
                return Error { ErrorCode::Unsupported, "only float32 is supported", {} };
        }
        const Dims& a = in[0]->shape;
        const Dims& b = in[1]->shape;
        if (a.size() != 2 || b.size() != 2)
            return invalid("A and B must be matrices");
        m_m = m_transA ? a[1] : a[0];
        m_k = m_transA ? a[0] : a[1];
        m_n = m_transB ? b[0] : b[1];
        if ((m_transB ? b[1] : b[0]) != m_k)
            return invalid("A " + dimsToString(a) + " and B " + dimsToString(b) + " do not multiply");
        m_cKind = CKind::None;
        if (in.size() > 2 && in[2] && m_beta != 0.0f) {
            const Dims& c = in[2]->shape;
            auto shape = broadcastShapes({ c, { m_m, m_n } });
            if (!shape || *shape != Dims { m_m, m_n })
                return invalid("C " + dimsToString(c) + " does not broadcast to " + dimsToString({ m_m, m_n }));
            const int64_t count = in[2]->count();
            if (count == m_n && (c.size() < 2 || c[0] == 1))
                m_cKind = CKind::Row;
            else
                m_cKind = CKind::Full;
            m_c = BroadcastLoop({ m_m, m_n }, { c });
        }
        out.at(0) = TensorInfo { DataType::Float32, { m_m, m_n }, nullptr };
        return Ok {};
    }

    bool fuseActivation(const Activation& act) override
    {
        if (m_act.kind != Activation::Kind::None)
            return false;
        m_act = act;
        return true;
    }

    Status run(const RunArgs& args) override
    {
        const auto* a = static_cast<const float*>(args.in[0]);
        const auto* b = static_cast<const float*>(args.in[1]);
        auto* y = static_cast<float*>(args.out[0]);
        const int64_t lda = m_transA ? m_m : m_k;
        const int64_t ldb = m_transB ? m_k : m_n;
        const float* bias = nullptr;
        if (m_cKind == CKind::Row) {
            bias = static_cast<const float*>(args.in[2]);
            if (m_beta != 1.0f) {
                m_scaledBias.assign(bias, bias + m_n);
                for (float& v : m_scaledBias)
                    v *= m_beta;
                bias = m_scaledBias.data();
            }
        } else if (m_cKind == CKind::Full) {
            const auto* c = static_cast<const float*>(args.in[2]);
            const int64_t len = m_c.rowLength();
            for (int64_t r = 0; r < m_c.rows(); ++r) {
                const float* src = c + m_c.offset(0, r);
                for (int64_t i = 0; i < len; ++i)
                    y[r * len + i] = m_beta * src[i * m_c.rowStride(0)];
            }
        }
        parallelGemm(a, lda, m_transA, b, ldb, m_transB, y, m_n, m_m, m_n, m_k, m_cKind == CKind::Full, m_alpha, bias,
            m_act, args.threads);
        return Ok {};
    }

private:
    enum class CKind { None, Row, Full };
    bool m_transA, m_transB;
    float m_alpha, m_beta;
    int64_t m_m = 0, m_n = 0, m_k = 0;
    CKind m_cKind = CKind::None;
    BroadcastLoop m_c;
    std::vector<float> m_scaledBias;
    Activation m_act;
};

class MatMulKernel : public Kernel
{
public:
    bool fuseColumnBias(const float* bias, int64_t n) override
    {
        if (!m_bias.empty() || m_act.kind != Activation::Kind::None || n != m_n)
            return false;
        m_bias.assign(bias, bias + n);
        return true;
    }

    bool fuseActivation(const Activation& act) override
    {
        if (m_act.kind != Activation::Kind::None)
            return false;
        m_act = act;
        return true;
    }

    Status prepare(
        const PrepareContext&, const std::vector<const TensorInfo*>& in, std::vector<TensorInfo>& out) override
    {
        if (in.size() != 2 || !in[0] || !in[1])
            return invalid("expects A and B");
        if (in[0]->type != DataType::Float32 || in[1]->type != DataType::Float32)
            return Error { ErrorCode::Unsupported, "only float32 is supported", {} };
        Dims a = in[0]->shape, b = in[1]->shape;
        if (a.empty() || b.empty())
            return invalid("MatMul of a scalar");
        const bool vecA = a.size() == 1, vecB = b.size() == 1;
        if (vecA)
            a.insert(a.begin(), 1);
        if (vecB)
            b.push_back(1);
        m_m = a[a.size() - 2];
        m_k = a.back();
        m_n = b.back();
        if (b[b.size() - 2] != m_k)
            return invalid(
                "A " + dimsToString(in[0]->shape) + " and B " + dimsToString(in[1]->shape) + " do not multiply");
        const Dims batchA(a.begin(), a.end() - 2), batchB(b.begin(), b.end() - 2);
        auto batch = broadcastShapes({ batchA, batchB });
        if (!batch)
            return batch.error();
        m_batches = elementCount(*batch);
        // B without a batch of its own: A's batch folds into the rows of one GEMM.
        m_fold = elementCount(batchB) == 1;
        m_batch = BroadcastLoop(*batch, { batchA, batchB });
        Dims shape = *batch;
        if (!vecA)
            shape.push_back(m_m);
        if (!vecB)
            shape.push_back(m_n);
        out.at(0) = TensorInfo { DataType::Float32, shape, nullptr };
        return Ok {};
    }

    Status run(const RunArgs& args) override
    {
        const auto* a = static_cast<const float*>(args.in[0]);
        const auto* b = static_cast<const float*>(args.in[1]);
        auto* y = static_cast<float*>(args.out[0]);
        if (m_fold) {
            // B has a single matrix, so the output's batches are exactly A's, in A's order: one tall GEMM.
            parallelGemm(a, m_k, false, b, m_n, false, y, m_n, m_batches * m_m, m_n, m_k, false, 1.0f, bias(), m_act,
                args.threads);
            return Ok {};
        }
        const int64_t sa = m_m * m_k, sb = m_k * m_n, sy = m_m * m_n;
        auto one = [&](int64_t i) {
            const int64_t r = i / m_batch.rowLength(), c = i % m_batch.rowLength();
            const float* ai = a + (m_batch.offset(0, r) + c * m_batch.rowStride(0)) * sa;
            const float* bi = b + (m_batch.offset(1, r) + c * m_batch.rowStride(1)) * sb;
            gemm(ai, m_k, false, bi, m_n, false, y + i * sy, m_n, m_m, m_n, m_k, false);
            epilogue(y + i * sy, m_n, m_m, m_n, bias(), nullptr, 0, m_act, true);
        };
        if (m_batches >= args.threads) {
            parallelFor(m_batches, 1, args.threads, [&](int64_t first, int64_t last) {
                for (int64_t i = first; i < last; ++i)
                    one(i);
            });
        } else {
            for (int64_t i = 0; i < m_batches; ++i)
                one(i);
        }
        return Ok {};
    }

private:
    const float* bias() const { return m_bias.empty() ? nullptr : m_bias.data(); }

    int64_t m_m = 0, m_n = 0, m_k = 0, m_batches = 1;
    bool m_fold = false;
    std::vector<float> m_bias;
    Activation m_act;
    BroadcastLoop m_batch;
};

} // namespace

std::unique_ptr<Kernel> makeGemmKernel(const NodeDesc& node)
{
    if (node.opType == "Gemm")
        return std::make_unique<GemmKernel>(node);
    if (node.opType == "MatMul")
        return std::make_unique<MatMulKernel>();
    return nullptr;
}

} // namespace graphs::native
