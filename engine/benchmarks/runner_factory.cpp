#include "benchmarks/runner_factory.h"

#include "benchmarks/energy_meter.h"
#include "benchmarks/energy_sensors.h"
#include "benchmarks/process_runner.h"
#include "benchmarks/tensorrt_runner.h"
#include "core/data_paths.h"
#include "core/find_program.h"
#include "native/native_runner.h"

#include <algorithm>
#include <sstream>

namespace graphs {

std::string gemmProbePath()
{
    // The probe is built per x86-64 level like the native runner; its name follows the runner's.
    auto runner = nativeRunnerProgramName();
    if (!runner)
        return {};
    const std::string level = runner->substr(std::string("graphs-native-runner").size());
    return helperProgramPath("graphs-gemm-probe" + level);
}

Result<std::unique_ptr<Runner>> makeRunner(const std::string& runtime, const std::string& runnerCommand,
    const std::vector<std::string>& nativeDirs)
{
    if (!runnerCommand.empty()) {
        std::vector<std::string> words;
        std::istringstream in(runnerCommand);
        for (std::string w; in >> w;)
            words.push_back(w);
        return std::unique_ptr<Runner>(new ProcessRunner(std::move(words)));
    }
    if (runtime == "onnxruntime") {
        // Said here, before any work: a missing node would otherwise surface as "cannot start the runner program".
        if (findProgram("node").empty())
            return Error { ErrorCode::NotFound,
                "Node.js (node) is not on PATH: the onnxruntime runtime runs under it (apt-get install nodejs)", "node" };
        return std::unique_ptr<Runner>(
            new ProcessRunner({ "node", runnersDir() + "/onnxruntime/graphs-ort-runner.mjs" }));
    }
    if (runtime == "tensorrt")
        return makeTensorrtRunner();
    if (runtime == "native") {
        auto program = findNativeRunnerProgram(nativeDirs);
        if (!program)
            return program.error();
        return std::unique_ptr<Runner>(new NativeRunner(*program));
    }
    return Error { ErrorCode::InvalidArgument,
        "unknown runtime '" + runtime + "' (native, onnxruntime, tensorrt, or a runner program given by its command line)", runtime };
}

SuiteRunOptions localRunOptions(EnvironmentFingerprint& env, int threads, const std::string& device)
{
    SuiteRunOptions options;
    // Recorded with every result: "the runtime's default" is not a setting anyone can reproduce.
    options.settings.threads = threads > 0 ? threads : std::max(1, env.logicalCpus);
    // Energy where this machine has a sensor (RAPL, Jetson INA3221, NVIDIA); absent otherwise, never zero.
    const EnergyMeters meters = detectEnergyMeters();
    env.energySensors = meters.describe();
    options.settings.energyMeter = meters.forDevice(device);
    options.settings.energyAbsentNote = noEnergySensor(meters, device).note;
    options.gemmProbe = gemmProbePath();
    options.date = env.date;
    return options;
}

} // namespace graphs
