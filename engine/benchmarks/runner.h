#pragma once

#include "benchmarks/runner_protocol.h"
#include "core/diagnostic.h"
#include "core/error.h"

namespace graphs {

/// One interface for every runtime: run a model N times after warm-up, return per-run wall times and, where the
/// runtime offers it, per-node times. `ProcessRunner` reaches runner programs out of process (ONNX Runtime, or any
/// program speaking graphs-runner/1); `NativeRunner` (native/native_runner.h) runs the built-in executor, out of
/// process too, through the runner program built for this processor.
class Runner
{
public:
    virtual ~Runner() = default;
    /// Fails with the runtime's own error or a timeout; `cancel` is polled, and returning false from it stops the
    /// run with ErrorCode::Cancelled.
    virtual Result<RunnerResponse> run(const RunnerRequest& request, double timeoutSeconds,
        const ProgressCallback& cancel) const = 0;
};

} // namespace graphs
