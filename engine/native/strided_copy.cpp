#include "native/strided_copy.h"

#include "native/parallel.h"

#include <cstring>

namespace graphs::native {

Dims StridedCopy::contiguousStrides(const Dims& shape)
{
    Dims strides(shape.size(), 1);
    for (size_t i = shape.size(); i-- > 1;)
        strides[i - 1] = strides[i] * shape[i];
    return strides;
}

StridedCopy::StridedCopy(const Dims& outDims, const Dims& srcStrides, int64_t srcOffset, int64_t elementSize)
    : m_offset(srcOffset)
    , m_size(elementSize)
{
    // Drop size-1 dimensions and merge neighbours that read as one run, so rows are as long as possible.
    for (size_t d = 0; d < outDims.size(); ++d) {
        if (outDims[d] == 1)
            continue;
        if (!m_dims.empty() && m_strides.back() == srcStrides[d] * outDims[d]) {
            m_dims.back() *= outDims[d];
            m_strides.back() = srcStrides[d];
        } else {
            m_dims.push_back(outDims[d]);
            m_strides.push_back(srcStrides[d]);
        }
    }
    if (m_dims.empty()) {
        m_dims.push_back(1);
        m_strides.push_back(1);
    }
    for (size_t d = 0; d + 1 < m_dims.size(); ++d)
        m_rows *= m_dims[d];
    for (int64_t d : outDims) {
        if (d == 0)
            m_rows = 0;
    }
}

namespace {

template <typename T> void copyRow(const T* src, T* dst, int64_t n, int64_t stride)
{
    if (stride == 0) {
        const T v = *src;
        for (int64_t i = 0; i < n; ++i)
            dst[i] = v;
    } else {
        for (int64_t i = 0; i < n; ++i)
            dst[i] = src[i * stride];
    }
}

} // namespace

void StridedCopy::run(const void* src, void* dst, int threads) const
{
    const int64_t len = m_dims.back();
    const int64_t inner = m_strides.back();
    const auto* s = static_cast<const uint8_t*>(src);
    auto* o = static_cast<uint8_t*>(dst);
    parallelFor(m_rows, std::max<int64_t>(1, 16384 / std::max<int64_t>(len, 1)), threads, [&](int64_t b, int64_t e) {
        for (int64_t r = b; r < e; ++r) {
            int64_t off = m_offset;
            int64_t rest = r;
            for (size_t d = m_dims.size() - 1; d-- > 0;) {
                off += (rest % m_dims[d]) * m_strides[d];
                rest /= m_dims[d];
            }
            const uint8_t* from = s + off * m_size;
            uint8_t* to = o + r * len * m_size;
            if (inner == 1) {
                std::memcpy(to, from, static_cast<size_t>(len * m_size));
                continue;
            }
            switch (m_size) {
            case 1:
                copyRow(from, to, len, inner);
                break;
            case 2:
                copyRow(reinterpret_cast<const uint16_t*>(from), reinterpret_cast<uint16_t*>(to), len, inner);
                break;
            case 4:
                copyRow(reinterpret_cast<const uint32_t*>(from), reinterpret_cast<uint32_t*>(to), len, inner);
                break;
            default:
                copyRow(reinterpret_cast<const uint64_t*>(from), reinterpret_cast<uint64_t*>(to), len, inner);
                break;
            }
        }
    });
}

} // namespace graphs::native
