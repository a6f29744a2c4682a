#include "cli/benchmark_runners.h"

#include "benchmarks/process_runner.h"
#include "core/data_paths.h"
#include "native/native_runner.h"

#include <sstream>

namespace graphs::cli {

std::string gemmProbePath()
{
    // The probe is built per x86-64 level like the native runner; its name follows the runner's.
    auto runner = nativeRunnerProgramName();
    if (!runner)
        return {};
    const std::string level = runner->substr(std::string("graphs-native-runner").size());
    return helperProgramPath("graphs-gemm-probe" + level);
}

Result<std::unique_ptr<Runner>> makeRunner(const std::string& runtime, const std::string& runnerCommand)
{
    if (!runnerCommand.empty()) {
        std::vector<std::string> words;
        std::istringstream in(runnerCommand);
        for (std::string w; in >> w;)
            words.push_back(w);
        return std::unique_ptr<Runner>(new ProcessRunner(std::move(words)));
    }
    if (runtime == "onnxruntime")
        return std::unique_ptr<Runner>(
            new ProcessRunner({ "node", runnersDir() + "/onnxruntime/graphs-ort-runner.mjs" }));
    if (runtime == "native") {
        auto program = findNativeRunnerProgram();
        if (!program)
            return program.error();
        return std::unique_ptr<Runner>(new NativeRunner(*program));
    }
    return Error { ErrorCode::InvalidArgument,
        "unknown --runtime '" + runtime + "' (native, onnxruntime, or --runner COMMAND for another runner)", runtime };
}

} // namespace graphs::cli
