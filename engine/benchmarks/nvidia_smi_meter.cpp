// NVIDIA GPUs: the driver's total_energy_consumption counter (mJ since the driver loaded, Volta and newer), read
// through nvidia-smi so that nothing links against NVML.

#include "benchmarks/energy_sensors.h"
#include "core/find_program.h"
#include "core/subprocess.h"

#include <cmath>
#include <sstream>

namespace graphs {

namespace {

/// Runs a short command; its standard output, or an error with the first line of its standard error.
Result<std::string> commandOutput(const std::vector<std::string>& argv, double timeoutSeconds)
{
    auto run = runProgram(argv, timeoutSeconds);
    if (!run)
        return Error { ErrorCode::Io, "cannot start: " + run.error().message, argv[0] };
    if (run->timedOut)
        return Error { ErrorCode::Io, "no answer within " + std::to_string(int(timeoutSeconds)) + " s", argv[0] };
    if (run->exitStatus != 0) {
        // nvidia-smi explains itself on standard output ("NVIDIA-SMI has failed because …"), others on stderr.
        std::string why = run->err.find_first_not_of(" \r\n") != std::string::npos ? run->err : run->out;
        why = why.substr(0, why.find('\n'));
        return Error { ErrorCode::Io,
            "exited with status " + std::to_string(run->exitStatus) + (why.empty() ? std::string() : ": " + why),
            argv[0] };
    }
    return run->out;
}

/// "0, 123456.789" per GPU → the summed counter in joules, and the GPU indices.
Result<double> parseEnergy(const std::string& output, const std::string& program, std::string* gpus)
{
    std::stringstream lines(output);
    double millijoules = 0;
    int count = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.find_first_not_of(" \r\t") == std::string::npos)
            continue;
        const auto comma = line.find(',');
        const std::string index = line.substr(0, comma);
        std::string value = comma == std::string::npos ? std::string() : line.substr(comma + 1);
        value.erase(0, value.find_first_not_of(' '));
        value.erase(value.find_last_not_of(" \r") + 1);
        char* end = nullptr;
        const double mj = std::strtod(value.c_str(), &end);
        if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(mj) || mj < 0)
            return Error { ErrorCode::Unsupported,
                "nvidia-smi reports total_energy_consumption of GPU " + index + " as '" + value
                    + "' (the counter needs a Volta or newer GPU)",
                program };
        millijoules += mj;
        if (gpus)
            *gpus += (count ? "+" : "") + index;
        ++count;
    }
    if (count == 0)
        return Error { ErrorCode::NotFound, "nvidia-smi lists no GPU", program };
    return millijoules * 1e-3;
}

class NvidiaSmiMeter : public EnergyMeter
{
public:
    NvidiaSmiMeter(PowerSensorInfo info, std::vector<std::string> argv)
        : EnergyMeter(std::move(info))
        , m_argv(std::move(argv))
    {
    }

protected:
    Status begin() override
    {
        auto joules = read();
        if (!joules)
            return joules.error();
        m_startJoules = *joules;
        return Ok {};
    }

    Result<double> end() override
    {
        auto joules = read();
        if (!joules)
            return joules.error();
        return *joules - m_startJoules;
    }

private:
    Result<double> read() const
    {
        auto output = commandOutput(m_argv, 30);
        if (!output)
            return output.error();
        return parseEnergy(*output, m_argv[0], nullptr);
    }

    std::vector<std::string> m_argv;
    double m_startJoules = 0;
};

} // namespace

Result<std::unique_ptr<EnergyMeter>> probeNvidiaSmi(const std::string& command, int gpuIndex)
{
    const std::string program = findProgram(command);
    if (program.empty())
        return Error { ErrorCode::NotFound,
            command.find('/') == std::string::npos ? command + " not found on PATH" : command + " is not executable",
            command };
    std::vector<std::string> argv { program, "--query-gpu=index,total_energy_consumption",
        "--format=csv,noheader,nounits" };
    if (gpuIndex >= 0)
        argv.push_back("--id=" + std::to_string(gpuIndex));
    auto output = commandOutput(argv, 30);
    if (!output)
        return Error { output.error().code, command + " " + output.error().message, program };
    std::string gpus;
    if (auto energy = parseEnergy(*output, program, &gpus); !energy)
        return energy.error();
    // The counter moves every ~10-100 ms depending on the GPU, and each nvidia-smi call takes tens of ms.
    PowerSensorInfo info { "nvml", (gpus.find('+') == std::string::npos ? "GPU " : "GPUs ") + gpus, program, 0.1 };
    return std::unique_ptr<EnergyMeter>(new NvidiaSmiMeter(std::move(info), std::move(argv)));
}

} // namespace graphs
