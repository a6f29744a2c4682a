#pragma once

#include "core/error.h"
#include "ir/data_type.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace graphs {

/// One dimension: a concrete size, or unknown with an optional symbol ("batch", "seq").
struct Dim
{
    int64_t value = -1; ///< -1 when unknown
    std::string symbol; ///< ONNX dim_param, kept for messages even once bound

    static Dim known(int64_t v) { return Dim { v, {} }; }
    static Dim symbolic(std::string s) { return Dim { -1, std::move(s) }; }
    bool isKnown() const { return value >= 0; }
    bool operator==(const Dim&) const = default;
};

/// A tensor shape; `rankKnown` is false when not even the rank is known.
struct Shape
{
    std::vector<Dim> dims;
    bool rankKnown = false;

    static Shape of(std::initializer_list<int64_t> sizes);
    static Shape of(const std::vector<int64_t>& sizes);
    static Shape unknown() { return {}; }

    size_t rank() const { return dims.size(); }
    bool isFullyKnown() const;
    /// Concrete sizes; only valid when isFullyKnown().
    std::vector<int64_t> sizes() const;
    /// "1x3x224x224", with "?" or the symbol for unknown dimensions, "?" for an unknown rank, "scalar" for rank 0.
    std::string toString() const;
    bool operator==(const Shape&) const = default;
};

/// Small constant values known at import (Constant nodes, inline initializers, folded shape arithmetic).
/// Integer types are held in `ints`, floating types in `reals`.
struct ConstantValue
{
    std::vector<int64_t> ints;
    std::vector<double> reals;
    bool isInteger() const { return reals.empty(); }
    size_t size() const { return isInteger() ? ints.size() : reals.size(); }
    double at(size_t i) const { return isInteger() ? static_cast<double>(ints[i]) : reals[i]; }
};

/// A tensor of the graph: name, element type, shape and where it comes from.
struct TensorDescriptor
{
    std::string name;
    DataType dtype = DataType::Undefined;
    Shape shape;

    bool isGraphInput = false;  ///< fed by the user at run time
    bool isGraphOutput = false;
    bool isInitializer = false; ///< stored in the model file (weights), possibly as external data
    bool isExternalData = false;
    bool isConstant = false;    ///< value known at import (Constant node, folded shape computation)
    std::optional<ConstantValue> value; ///< only for small constants

    int producer = -1;          ///< node index, -1 for inputs and initializers
    std::vector<int> consumers; ///< node indices

    /// Number of elements; fails when a dimension is unknown or the product overflows.
    Result<int64_t> elementCount() const;
    /// elementCount() × bytes per element.
    Result<int64_t> byteSize() const;
};

} // namespace graphs
