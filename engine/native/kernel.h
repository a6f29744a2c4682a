#pragma once

// Internal to the native executor: what a kernel sees. Shapes are static once the model is imported, so every
// kernel is prepared once (types, shapes, constant inputs, scratch size) and then only runs on fixed buffers.

#include "core/error.h"
#include "ir/data_type.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace graphs::native {

using Dims = std::vector<int64_t>;

/// Product of the dimensions (1 for a scalar).
int64_t elementCount(const Dims& dims);
/// "1x3x224x224", "scalar" for rank 0.
std::string dimsToString(const Dims& dims);

/// 64-byte aligned memory, so vector loads never straddle cache lines.
class AlignedBuffer
{
public:
    AlignedBuffer() = default;
    explicit AlignedBuffer(size_t bytes);
    ~AlignedBuffer();
    AlignedBuffer(AlignedBuffer&& other) noexcept;
    AlignedBuffer& operator=(AlignedBuffer&& other) noexcept;
    AlignedBuffer(const AlignedBuffer&) = delete;
    AlignedBuffer& operator=(const AlignedBuffer&) = delete;

    void* data() const { return m_data; }
    size_t size() const { return m_size; }

private:
    void* m_data = nullptr;
    size_t m_size = 0;
};

/// A tensor at plan time: element type, shape, and its values when they are known (constants).
struct TensorInfo
{
    DataType type = DataType::Float32;
    Dims shape;
    const void* data = nullptr; ///< constant values, or null when computed at run time

    int64_t count() const { return elementCount(shape); }
    size_t bytes() const;
    bool isConstant() const { return data != nullptr; }
    template <typename T> const T* as() const { return static_cast<const T*>(data); }
};

/// A constant tensor owned by the executor (initializers, Constant nodes, folded subgraphs).
struct ConstTensor
{
    DataType type = DataType::Float32;
    Dims shape;
    std::shared_ptr<AlignedBuffer> buffer;
};

/// An ONNX attribute, reduced to the kinds the kernels read.
struct Attribute
{
    int64_t i = 0;
    double f = 0;
    std::string s;
    std::vector<int64_t> ints;
    std::vector<double> floats;
    std::shared_ptr<const ConstTensor> tensor;
    bool isGraph = false; ///< a subgraph (If/Loop bodies): never executed here
};

/// One node of the model, with tensor indices into the executor's value table (-1: an omitted optional input).
struct NodeDesc
{
    std::string name;
    std::string opType;
    std::string domain;
    std::map<std::string, Attribute> attributes;
    std::vector<int> inputs;
    std::vector<int> outputs;

    bool has(const std::string& key) const { return attributes.count(key) > 0; }
    int64_t attrInt(const std::string& key, int64_t fallback) const;
    double attrFloat(const std::string& key, double fallback) const;
    std::string attrString(const std::string& key, const std::string& fallback = {}) const;
    std::vector<int64_t> attrInts(const std::string& key) const;
    /// "node 'name' (Conv)", used as the location of every error about the node.
    std::string label() const;
};

/// What prepare() knows about the run: the opset decides between attribute and input forms of some operators.
struct PrepareContext
{
    int64_t opset = 13;
    int threads = 1;
};

/// Buffers of one step, fixed after planning.
struct RunArgs
{
    std::vector<const void*> in; ///< null for omitted optional inputs
    std::vector<void*> out;
    void* scratch = nullptr;
    int threads = 1;
};

/// An activation applied in the producing kernel's output pass instead of a separate sweep over memory.
struct Activation
{
    enum class Kind { None, Relu, Clip };
    Kind kind = Kind::None;
    float low = 0;
    float high = 0;
};

class Kernel
{
public:
    virtual ~Kernel() = default;
    /// Validates the inputs and sets each output's type and shape. Constant inputs carry data (Reshape's target,
    /// Slice's bounds). Errors carry no location; the planner names the node.
    virtual Status prepare(
        const PrepareContext& ctx, const std::vector<const TensorInfo*>& inputs, std::vector<TensorInfo>& outputs)
        = 0;
    /// Computes the outputs; only data-dependent failures remain possible here (Gather indices out of range).
    virtual Status run(const RunArgs& args) = 0;
    /// Scratch memory run() needs, known after prepare(); one buffer is shared by all steps.
    virtual size_t scratchBytes() const { return 0; }
    /// Output 0 is input 0's data under another shape (Reshape, Identity…): nothing runs, nothing is copied.
    virtual bool isView() const { return false; }
    /// For a view: where output 0 starts inside input 0, in bytes (a contiguous Slice).
    virtual size_t viewOffset() const { return 0; }
    /// Output 0 depends only on input shapes (Shape, Size): always computed at plan time.
    virtual bool needsOnlyShapes() const { return false; }
    /// Fusion hooks, called after prepare() by the planner; a kernel that returns true took the work over.
    virtual bool fuseActivation(const Activation&) { return false; }
    /// Adds one input, of output 0's shape, to output 0 before the activation (a residual Add).
    virtual bool fuseSum() { return false; }
    /// Adds a constant per-column bias (length = output 0's last dimension) before the activation (MatMul + Add).
    virtual bool fuseColumnBias(const float* /*bias*/, int64_t /*n*/) { return false; }
    /// Folds an inference-mode BatchNormalization of output 0 into the weights.
    virtual bool fuseBatchNorm(
        const float* /*scale*/, const float* /*bias*/, const float* /*mean*/, const float* /*var*/, float /*epsilon*/)
    {
        return false;
    }
};

/// The kernel for a node, or an Unsupported error naming the node and its operator.
Result<std::unique_ptr<Kernel>> makeKernel(const NodeDesc& node);

// Factories, one per kernel family (kernels_*.cpp); null when the family does not know the operator.
std::unique_ptr<Kernel> makeConvKernel(const NodeDesc& node);
std::unique_ptr<Kernel> makeGemmKernel(const NodeDesc& node);
std::unique_ptr<Kernel> makeElementwiseKernel(const NodeDesc& node);
std::unique_ptr<Kernel> makeLayoutKernel(const NodeDesc& node);
std::unique_ptr<Kernel> makeShapeKernel(const NodeDesc& node);
std::unique_ptr<Kernel> makeReduceKernel(const NodeDesc& node);
std::unique_ptr<Kernel> makePoolKernel(const NodeDesc& node);

/// Normalises a possibly negative axis against `rank`; fails when out of range.
Result<int64_t> normalizeAxis(int64_t axis, size_t rank);

/// An error for prepare(): a message without location.
inline Error invalid(std::string message)
{
    return Error { ErrorCode::InvalidModel, std::move(message), {} };
}

} // namespace graphs::native
