// NVIDIA GPUs: the driver's total_energy_consumption counter (mJ since the driver loaded, Volta and newer), read
// through nvidia-smi so that nothing links against NVML.

#include "benchmarks/energy_sensors.h"

#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace graphs {

namespace {

/// The program `command` names: itself when it holds a '/', else the first executable match on PATH.
std::string findProgram(const std::string& command)
{
    if (command.empty())
        return {};
    if (command.find('/') != std::string::npos)
        return ::access(command.c_str(), X_OK) == 0 ? command : std::string();
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + command;
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return {};
}

/// Runs a short command; its standard output, or an error with the first line of its standard error.
Result<std::string> commandOutput(const std::vector<std::string>& argv, double timeoutSeconds)
{
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0)
        return Error { ErrorCode::Io, std::string("pipe: ") + std::strerror(errno), argv[0] };
    if (::pipe2(err, O_CLOEXEC) != 0) {
        ::close(out[0]);
        ::close(out[1]);
        return Error { ErrorCode::Io, std::string("pipe: ") + std::strerror(errno), argv[0] };
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(err[1]);
    if (spawned != 0) {
        ::close(out[0]);
        ::close(err[0]);
        return Error { ErrorCode::Io, std::string("cannot start: ") + std::strerror(spawned), argv[0] };
    }

    std::string text[2];
    pollfd fds[2] = { { out[0], POLLIN, 0 }, { err[0], POLLIN, 0 } };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutSeconds);
    bool timedOut = false;
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        const auto left
            = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timedOut = true;
            break;
        }
        if (::poll(fds, 2, static_cast<int>(left.count())) < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buffer[4096];
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                text[i].append(buffer, static_cast<size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
            }
        }
    }
    for (pollfd& p : fds)
        if (p.fd >= 0)
            ::close(p.fd);
    if (timedOut)
        ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    if (timedOut)
        return Error { ErrorCode::Io, "no answer within " + std::to_string(int(timeoutSeconds)) + " s", argv[0] };
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        // nvidia-smi explains itself on standard output ("NVIDIA-SMI has failed because …"), others on stderr.
        std::string why = text[1].find_first_not_of(" \r\n") != std::string::npos ? text[1] : text[0];
        why = why.substr(0, why.find('\n'));
        return Error { ErrorCode::Io,
            "exited with status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1)
                + (why.empty() ? std::string() : ": " + why),
            argv[0] };
    }
    return text[0];
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
