#pragma once

#include "benchmarks/process_runner.h"
#include "benchmarks/runner.h"
#include "core/error.h"

#include <string>
#include <vector>

namespace graphs {

/// The native runtime (engine/native) as a Runner. The executor runs in its own process, the runner program built
/// for this processor's x86-64 level (Eigen picks its kernels at compile time), so a crash, a runaway model or
/// Ctrl-C never takes the caller down.
///
///     auto program = findNativeRunnerProgram();
///     if (!program) return program.error();
///     NativeRunner runner(*program);
///     auto reply = runner.run(request, 120.0, {});
class NativeRunner : public Runner
{
public:
    explicit NativeRunner(std::string program)
        : m_process({ std::move(program) })
    {
    }

    Result<RunnerResponse> run(
        const RunnerRequest& request, double timeoutSeconds, const ProgressCallback& cancel) const override
    {
        return m_process.run(request, timeoutSeconds, cancel);
    }

    const std::string& program() const { return m_process.command().front(); }

private:
    ProcessRunner m_process;
};

/// The runner program for this processor: graphs-native-runner-v4 (AVX-512), graphs-native-runner-v3 (AVX2 + FMA),
/// or graphs-native-runner off x86-64; Unsupported on an x86-64 processor older than x86-64-v3.
Result<std::string> nativeRunnerProgramName();

/// Finds that program next to the running executable, then in <executable>/../libexec/graphs, then in
/// `extraDirs` (tests point at the build tree); NotFound names what was looked for.
Result<std::string> findNativeRunnerProgram(const std::vector<std::string>& extraDirs = {});

} // namespace graphs
