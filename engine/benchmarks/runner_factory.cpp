#include "benchmarks/runner_factory.h"

#include "benchmarks/energy_meter.h"
#include "benchmarks/energy_sensors.h"
#include "benchmarks/process_runner.h"
#include "core/data_paths.h"
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
    if (runtime == "onnxruntime")
        return std::unique_ptr<Runner>(
            new ProcessRunner({ "node", runnersDir() + "/onnxruntime/graphs-ort-runner.mjs" }));
    if (runtime == "native") {
        auto program = findNativeRunnerProgram(nativeDirs);
        if (!program)
            return program.error();
        return std::unique_ptr<Runner>(new NativeRunner(*program));
    }
    return Error { ErrorCode::InvalidArgument,
        "unknown runtime '" + runtime + "' (native, onnxruntime, or a runner program given by its command line)", runtime };
}

SuiteRunOptions localRunOptions(EnvironmentFingerprint& env, int threads)
{
    SuiteRunOptions options;
    // Recorded with every result: "the runtime's default" is not a setting anyone can reproduce.
    options.settings.threads = threads > 0 ? threads : std::max(1, env.logicalCpus);
    // Energy where this machine has a sensor (RAPL, Jetson INA3221, NVIDIA); absent otherwise, never zero.
    const EnergyMeters meters = detectEnergyMeters();
    env.energySensors = meters.describe();
    options.settings.energyMeter = meters.forDevice("cpu");
    options.settings.energyAbsentNote = noEnergySensor(meters, "cpu").note;
    options.gemmProbe = gemmProbePath();
    options.date = env.date;
    return options;
}

} // namespace graphs
