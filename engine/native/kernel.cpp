#include "native/kernel.h"

#include <cstdlib>
#include <new>
#include <utility>

namespace graphs::native {

int64_t elementCount(const Dims& dims)
{
    int64_t n = 1;
    for (int64_t d : dims)
        n *= d;
    return n;
}

std::string dimsToString(const Dims& dims)
{
    if (dims.empty())
        return "scalar";
    std::string s;
    for (size_t i = 0; i < dims.size(); ++i) {
        if (i)
            s += 'x';
        s += std::to_string(dims[i]);
    }
    return s;
}

AlignedBuffer::AlignedBuffer(size_t bytes)
    : m_size(bytes)
{
    // aligned_alloc wants a multiple of the alignment; a zero-sized tensor still gets a valid pointer.
    const size_t rounded = (bytes + 63) / 64 * 64;
    m_data = std::aligned_alloc(64, rounded ? rounded : 64);
    if (!m_data)
        throw std::bad_alloc();
}

AlignedBuffer::~AlignedBuffer()
{
    std::free(m_data);
}

AlignedBuffer::AlignedBuffer(AlignedBuffer&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{
}

AlignedBuffer& AlignedBuffer::operator=(AlignedBuffer&& other) noexcept
{
    if (this != &other) {
        std::free(m_data);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

size_t TensorInfo::bytes() const
{
    return static_cast<size_t>(count()) * static_cast<size_t>(bytesPerElement(type));
}

int64_t NodeDesc::attrInt(const std::string& key, int64_t fallback) const
{
    auto it = attributes.find(key);
    return it == attributes.end() ? fallback : it->second.i;
}

double NodeDesc::attrFloat(const std::string& key, double fallback) const
{
    auto it = attributes.find(key);
    return it == attributes.end() ? fallback : it->second.f;
}

std::string NodeDesc::attrString(const std::string& key, const std::string& fallback) const
{
    auto it = attributes.find(key);
    return it == attributes.end() ? fallback : it->second.s;
}

std::vector<int64_t> NodeDesc::attrInts(const std::string& key) const
{
    auto it = attributes.find(key);
    return it == attributes.end() ? std::vector<int64_t> {} : it->second.ints;
}

std::string NodeDesc::label() const
{
    return "node '" + name + "' (" + opType + ")";
}

Result<int64_t> normalizeAxis(int64_t axis, size_t rank)
{
    const auto r = static_cast<int64_t>(rank);
    if (axis < -r || axis >= r)
        return invalid("axis " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
    return axis < 0 ? axis + r : axis;
}

Result<std::unique_ptr<Kernel>> makeKernel(const NodeDesc& node)
{
    if (!node.domain.empty() && node.domain != "ai.onnx")
        return Error { ErrorCode::Unsupported,
            "operator '" + node.opType + "' of domain '" + node.domain + "' is not supported by the native runtime",
            node.label() };
    for (auto factory : { makeConvKernel, makeGemmKernel, makeElementwiseKernel, makeLayoutKernel, makeShapeKernel,
             makeReduceKernel, makePoolKernel }) {
        if (auto kernel = factory(node))
            return kernel;
    }
    return Error { ErrorCode::Unsupported, "operator '" + node.opType + "' is not supported by the native runtime",
        node.label() };
}

} // namespace graphs::native
