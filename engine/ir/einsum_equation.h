#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace graphs {

/// An Einsum equation resolved against concrete operand shapes.
struct EinsumShapes
{
    std::map<char, int64_t> labelSizes;   ///< every explicit label, broadcast over the operands
    std::vector<int64_t> ellipsisDims;    ///< the broadcast dimensions "..." stands for (empty without one)
    std::vector<int64_t> outputDims;      ///< explicit "->" output, or the implicit one (repeated labels summed)
    size_t operands = 0;

    /// Points of the joint index space: every label and the ellipsis dimensions.
    int64_t jointSpace() const;
};

/// Resolves "bij,bjk->bik" (with "..." and implicit outputs) against operand dims; nullopt when the equation does
/// not fit them (operand count, ranks, conflicting sizes, unknown output labels).
std::optional<EinsumShapes> resolveEinsum(const std::string& equation, const std::vector<std::vector<int64_t>>& operands);

} // namespace graphs
