#include "native/native_executor.h"

#include "benchmarks/tensor_fill.h"
#include "native/planner.h"

#include <Eigen/Core>
#include <chrono>
#include <cstring>
#include <thread>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace graphs::native {

int64_t TensorSpec::elementCount() const
{
    return native::elementCount(shape);
}

size_t TensorSpec::byteSize() const
{
    return static_cast<size_t>(elementCount()) * static_cast<size_t>(bytesPerElement(type));
}

struct Executor::Impl
{
    Plan plan;
    std::vector<TensorSpec> inputs;
    std::vector<TensorSpec> outputs;
    std::vector<double> stepMs;
    int profiledRuns = 0;
    int threads = 1;
};

Executor::Executor()
    : m_impl(std::make_unique<Impl>())
{
}

Executor::~Executor() = default;

namespace {

/// Eigen and OpenMP keep their thread counts per process; the executor sets them before each run so two
/// executors with different counts can share a process.
void applyThreads(int threads)
{
#ifdef _OPENMP
    omp_set_num_threads(threads);
#endif
    Eigen::setNbThreads(threads);
}

int defaultThreads()
{
#ifdef _OPENMP
    return omp_get_num_procs();
#else
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
#endif
}

} // namespace

Result<std::unique_ptr<Executor>> Executor::load(const std::string& modelPath, const ExecutorOptions& options)
{
    try {
        std::unique_ptr<Executor> exec(new Executor);
        Impl& d = *exec->m_impl;
        d.threads = options.threads > 0 ? options.threads : defaultThreads();
        applyThreads(d.threads); // constant folding already runs kernels
        auto model = loadModel(modelPath, options.weightSeed, options.weightScale);
        if (!model)
            return model.error();
        std::vector<std::string> names = model->valueNames;
        auto plan = buildPlan(std::move(*model), options.inputShapes, d.threads);
        if (!plan)
            return plan.error();
        d.plan = std::move(*plan);
        assignMemory(d.plan);
        for (int v : d.plan.inputs) {
            const TensorInfo& info = d.plan.slots[v].info;
            d.inputs.push_back({ names[v], info.type, info.shape });
            std::memset(d.plan.slots[v].data, 0, info.bytes());
        }
        for (int v : d.plan.outputs) {
            const TensorInfo& info = d.plan.slots[v].info;
            d.outputs.push_back({ names[v], info.type, info.shape });
        }
        d.stepMs.assign(d.plan.steps.size(), 0.0);
        return exec;
    } catch (const std::bad_alloc&) {
        return Error { ErrorCode::Unsupported, "not enough memory to plan the model", modelPath };
    } catch (const std::exception& e) {
        return Error { ErrorCode::InvalidModel, std::string("cannot plan the model: ") + e.what(), modelPath };
    }
}

const std::vector<TensorSpec>& Executor::inputs() const
{
    return m_impl->inputs;
}

const std::vector<TensorSpec>& Executor::outputs() const
{
    return m_impl->outputs;
}

void* Executor::inputData(size_t index)
{
    return m_impl->plan.slots[m_impl->plan.inputs.at(index)].data;
}

const void* Executor::outputData(size_t index) const
{
    return m_impl->plan.slots[m_impl->plan.outputs.at(index)].data;
}

Status Executor::run(bool profile)
{
    Impl& d = *m_impl;
    applyThreads(d.threads);
    using Clock = std::chrono::steady_clock;
    for (size_t i = 0; i < d.plan.steps.size(); ++i) {
        Step& step = d.plan.steps[i];
        const auto start = profile ? Clock::now() : Clock::time_point {};
        if (auto s = step.kernel->run(step.args); !s)
            return Error { s.error().code, s.error().message, "node '" + step.name + "' (" + step.opType + ")" };
        if (profile)
            d.stepMs[i] += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    }
    if (profile)
        ++d.profiledRuns;
    return Ok {};
}

std::vector<StepProfile> Executor::profile() const
{
    std::vector<StepProfile> out;
    for (size_t i = 0; i < m_impl->plan.steps.size(); ++i) {
        const Step& s = m_impl->plan.steps[i];
        out.push_back({ s.name, s.opType, m_impl->stepMs[i], m_impl->profiledRuns });
    }
    return out;
}

int Executor::threads() const
{
    return m_impl->threads;
}

size_t Executor::stepCount() const
{
    return m_impl->plan.steps.size();
}

Status fillRunnerInput(const TensorSpec& spec, void* data, uint32_t seed)
{
    Xorshift rng(seed);
    const int64_t n = spec.elementCount();
    switch (spec.type) {
    case DataType::Float32: {
        auto* p = static_cast<float*>(data);
        for (int64_t i = 0; i < n; ++i)
            p[i] = static_cast<float>(rng.next() / 4294967296.0 - 0.5);
        return Ok {};
    }
    case DataType::Int64: {
        auto* p = static_cast<int64_t*>(data);
        for (int64_t i = 0; i < n; ++i)
            p[i] = rng.next() % 1000;
        return Ok {};
    }
    case DataType::Int32: {
        auto* p = static_cast<int32_t*>(data);
        for (int64_t i = 0; i < n; ++i)
            p[i] = static_cast<int32_t>(rng.next() % 1000);
        return Ok {};
    }
    case DataType::Bool: {
        auto* p = static_cast<uint8_t*>(data);
        for (int64_t i = 0; i < n; ++i)
            p[i] = rng.next() & 1;
        return Ok {};
    }
    default:
        return Error { ErrorCode::Unsupported,
            "input type " + std::string(dataTypeName(spec.type)) + " is not supported by this runner", spec.name };
    }
}

} // namespace graphs::native
