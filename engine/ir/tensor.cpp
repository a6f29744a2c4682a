#include "ir/tensor.h"

#include "core/checked_math.h"

namespace graphs {

Shape Shape::of(std::initializer_list<int64_t> sizes)
{
    return of(std::vector<int64_t>(sizes));
}

Shape Shape::of(const std::vector<int64_t>& sizes)
{
    Shape s;
    s.rankKnown = true;
    s.dims.reserve(sizes.size());
    for (int64_t v : sizes)
        s.dims.push_back(Dim::known(v));
    return s;
}

bool Shape::isFullyKnown() const
{
    if (!rankKnown)
        return false;
    for (const Dim& d : dims) {
        if (!d.isKnown())
            return false;
    }
    return true;
}

std::vector<int64_t> Shape::sizes() const
{
    std::vector<int64_t> out;
    out.reserve(dims.size());
    for (const Dim& d : dims)
        out.push_back(d.value);
    return out;
}

std::string Shape::toString() const
{
    if (!rankKnown)
        return "?";
    if (dims.empty())
        return "scalar";
    std::string out;
    for (size_t i = 0; i < dims.size(); ++i) {
        if (i > 0)
            out += 'x';
        const Dim& d = dims[i];
        if (d.isKnown())
            out += std::to_string(d.value);
        else if (!d.symbol.empty())
            out += d.symbol;
        else
            out += '?';
    }
    return out;
}

Result<int64_t> TensorDescriptor::elementCount() const
{
    if (!shape.isFullyKnown()) {
        std::string hint;
        for (const Dim& d : shape.dims) {
            if (!d.isKnown() && !d.symbol.empty()) {
                hint = "; bind symbolic dimension '" + d.symbol + "' with --input-shape or --batch";
                break;
            }
        }
        return Error { ErrorCode::UnboundDimension,
            "tensor '" + name + "' has unknown shape " + shape.toString() + hint, name };
    }
    CheckedCount count(1);
    for (const Dim& d : shape.dims)
        count *= d.value;
    if (count.overflow())
        return Error { ErrorCode::Overflow,
            "tensor '" + name + "' of shape " + shape.toString() + " has more than 2^63 elements", name };
    return count.value();
}

Result<int64_t> TensorDescriptor::byteSize() const
{
    auto n = elementCount();
    if (!n)
        return n.error();
    auto bytes = checkedMul(*n, bytesPerElement(dtype));
    if (!bytes)
        return Error { ErrorCode::Overflow, "tensor '" + name + "' is larger than 2^63 bytes", name };
    return *bytes;
}

} // namespace graphs
