#pragma once

// Internal to the native executor: numpy broadcasting reduced to rows. Dimensions where every input broadcasts
// alike are merged, so [1,C,H,W] + [C,1,1] runs as C rows of H·W with the second operand fixed per row.

#include "native/kernel.h"

#include <vector>

namespace graphs::native {

/// The broadcast of the shapes (numpy rules), or an error naming both.
Result<Dims> broadcastShapes(const std::vector<Dims>& shapes);

class BroadcastLoop
{
public:
    BroadcastLoop() = default;
    BroadcastLoop(const Dims& output, const std::vector<Dims>& inputs);

    int64_t rows() const { return m_rows; }
    int64_t rowLength() const { return m_dims.back(); }
    /// Element stride of input `k` along a row: 1, or 0 when it broadcasts along the row.
    int64_t rowStride(size_t k) const { return m_strides[k].back(); }
    /// Element offset where input `k` starts for row `row`.
    int64_t offset(size_t k, int64_t row) const;

private:
    Dims m_dims; ///< merged output dimensions, the row dimension last
    std::vector<Dims> m_strides; ///< per input, element stride per merged dimension
    int64_t m_rows = 1;
};

} // namespace graphs::native
