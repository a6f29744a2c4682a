#pragma once

// Internal to the native executor: one copy routine for Transpose, Slice and Expand. The output is written in
// order; each output dimension reads the source with its own stride (negative for reversed slices, 0 for
// broadcast), and rows that read contiguously become memcpy.

#include "native/kernel.h"

namespace graphs::native {

class StridedCopy
{
public:
    StridedCopy() = default;
    /// `srcStrides[d]`: source element step per unit of output dimension d; `srcOffset`: where element 0 reads.
    StridedCopy(const Dims& outDims, const Dims& srcStrides, int64_t srcOffset, int64_t elementSize);

    void run(const void* src, void* dst, int threads) const;

    /// The output is one contiguous run of the source: the copy can be a view at byteOffset().
    bool isContiguous() const { return m_rows <= 1 && (m_strides.back() == 1 || m_dims.back() <= 1); }
    size_t byteOffset() const { return static_cast<size_t>(m_offset * m_size); }

    /// Contiguous (row-major) strides of a shape.
    static Dims contiguousStrides(const Dims& shape);

private:
    Dims m_dims;
    Dims m_strides;
    int64_t m_offset = 0;
    int64_t m_size = 4;
    int64_t m_rows = 1;
};

} // namespace graphs::native
