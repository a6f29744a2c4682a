#pragma once

#include "core/error.h"
#include "ir/data_type.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace graphs::native {

/// A graph input or output of a loaded model: name, element type and the concrete shape it runs with.
struct TensorSpec
{
    std::string name;
    DataType type = DataType::Float32;
    std::vector<int64_t> shape;

    int64_t elementCount() const;
    size_t byteSize() const;
};

struct ExecutorOptions
{
    /// Whole shapes of graph inputs; inputs not named keep the model's shape, which must then be concrete.
    std::map<std::string, std::vector<int64_t>> inputShapes;
    int threads = 0; ///< 0: all hardware threads
    /// Weights whose external data is absent get the materializer's values (benchmarks/model_materializer.h).
    uint32_t weightSeed = 1;
    double weightScale = 0.05;
};

/// Time spent in one step of the plan (a node, or a node with the nodes fused into it).
struct StepProfile
{
    std::string name;
    std::string opType;
    double totalMs = 0;
    int runs = 0;
};

/// The built-in ONNX executor: loads a model, plans it once for fixed input shapes (constant folding of shape
/// computations, BatchNormalization folded into Conv, activations fused into their producer, buffers reused
/// by lifetime), then runs it on the CPU with Eigen GEMMs and OpenMP threads.
///
///     auto exec = Executor::load("resnet18.onnx", {});
///     if (!exec) return exec.error();
///     fillRunnerInput((*exec)->inputs()[0], (*exec)->inputData(0), 12345);
///     if (auto s = (*exec)->run(); !s) return s.error();
///     const float* logits = static_cast<const float*>((*exec)->outputData(0));
///
/// An operator it does not implement fails load() with ErrorCode::Unsupported naming the node and the operator.
class Executor
{
public:
    static Result<std::unique_ptr<Executor>> load(const std::string& modelPath, const ExecutorOptions& options);
    ~Executor();
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    const std::vector<TensorSpec>& inputs() const;
    const std::vector<TensorSpec>& outputs() const;
    /// Where to write input `index` (inputs()[index].byteSize() bytes); the buffer lives as long as the executor.
    void* inputData(size_t index);
    /// Output `index` of the last run.
    const void* outputData(size_t index) const;
    /// Runs the model once on the current inputs; with `profile`, adds each step's time to profile().
    Status run(bool profile = false);
    std::vector<StepProfile> profile() const;
    int threads() const;
    /// Steps executed per run, after folding and fusion.
    size_t stepCount() const;

private:
    Executor();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Fills an input the way every graphs runner does (runners/onnxruntime/graphs-ort-runner.mjs), so runtimes see
/// identical data: xorshift32 from `seed` (12345 + input index by convention); float32 uniform in [-0.5, 0.5),
/// integers in [0, 1000), bools 0/1.
Status fillRunnerInput(const TensorSpec& spec, void* data, uint32_t seed);

} // namespace graphs::native
