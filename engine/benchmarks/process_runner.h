#pragma once

#include "benchmarks/runner.h"
#include "benchmarks/runner_protocol.h"
#include "core/diagnostic.h"
#include "core/error.h"

#include <string>
#include <vector>

namespace graphs {

/// Runs a runner program out of process: the request goes to its standard input, the reply comes from its
/// standard output (standard error is kept for messages). Any program that speaks the protocol can be a runner.
///
///     ProcessRunner ort({"node", "runners/onnxruntime/graphs-ort-runner.mjs"});
///     auto reply = ort.run(request, 120.0, {});
class ProcessRunner : public Runner
{
public:
    explicit ProcessRunner(std::vector<std::string> command) : m_command(std::move(command)) { }

    /// Fails with the runner's own error, its standard error, or a timeout; `cancel` is polled (returning false
    /// kills the runner).
    Result<RunnerResponse> run(const RunnerRequest& request, double timeoutSeconds,
        const ProgressCallback& cancel) const override;

    const std::vector<std::string>& command() const { return m_command; }

private:
    std::vector<std::string> m_command;
};

} // namespace graphs
