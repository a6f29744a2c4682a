#include "benchmarks/remote_runner.h"

#include "core/scratch_dir.h"
#include "core/subprocess.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace graphs {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const char* fragment)
{
    return text.find(fragment) != std::string::npos;
}

/// FNV-1a over the file's bytes: the name of its copy on the host, so a model is sent once however often it is run.
Result<std::string> contentKey(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error { ErrorCode::Io, "cannot read the model", path };
    uint64_t hash = 0xcbf29ce484222325ULL;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        for (std::streamsize i = 0; i < in.gcount(); ++i) {
            hash ^= static_cast<unsigned char>(buffer[i]);
            hash *= 0x100000001b3ULL;
        }
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return std::string(hex);
}

std::string firstLines(std::string text, size_t lines = 2)
{
    std::istringstream in(text);
    std::string out;
    for (std::string line; lines > 0 && std::getline(in, line);) {
        if (line.find_first_not_of(" \r\t") == std::string::npos)
            continue;
        while (!line.empty() && line.back() == '\r')
            line.pop_back();
        out += (out.empty() ? "" : " / ") + line;
        --lines;
    }
    return out;
}

const char* const kNoPassword = " (graphs runs ssh in batch mode and never asks for a password: check that "
                                "'ssh HOST true' works with a key or an agent, and that the host key is known)";

} // namespace

Result<RemoteHost> parseRemoteHost(const std::string& target, const std::string& sshCommand)
{
    const bool bad = target.empty() || target.front() == '-'
        || target.find_first_of(" \t\n'\"`$;&|<>()\\*?!{}[]") != std::string::npos
        || target.find('@') != target.rfind('@') || target.back() == '@' || target.front() == '@';
    if (bad)
        return Error { ErrorCode::InvalidArgument,
            "--host takes USER@HOST or HOST (a name ssh knows, an address, or an alias of ~/.ssh/config)", target };
    RemoteHost host;
    host.target = target;
    std::istringstream words(sshCommand);
    for (std::string w; words >> w;)
        host.ssh.push_back(w);
    if (host.ssh.empty())
        host.ssh = { "ssh" };
    return host;
}

std::string shellQuote(const std::string& text)
{
    std::string quoted = "'";
    for (const char c : text)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::vector<std::string> sshArguments(const RemoteHost& host, const std::string& remoteCommand)
{
    std::vector<std::string> args = host.ssh;
    for (const std::string& option : { std::string("BatchMode=yes"),
             "ConnectTimeout=" + std::to_string(static_cast<int>(host.connectTimeoutSeconds)),
             std::string("ServerAliveInterval=10"), std::string("ServerAliveCountMax=3") }) {
        args.push_back("-o");
        args.push_back(option);
    }
    args.push_back("-T"); // no terminal: the protocol's bytes pass unchanged
    args.push_back("--");
    args.push_back(host.target);
    args.push_back(remoteCommand);
    return args;
}

std::string remoteRunnerCommand(const std::string& runner, const std::string& program,
    const std::vector<std::string>& arguments)
{
    std::string args;
    for (const std::string& a : arguments)
        args += " " + shellQuote(a);
    const auto missing = [](const std::string& message) {
        return "{ printf '%s\\n' " + shellQuote(json { { "protocol", "graphs-runner/1" }, { "error", message } }.dump())
            + "; exit 2; }";
    };
    if (!program.empty()) {
        const std::string first = program.substr(0, program.find(' '));
        return "command -v " + shellQuote(first) + " >/dev/null 2>&1 || "
            + missing("the runner program '" + first + "' is not on this machine (--remote-runner)") + "; exec "
            + program + args;
    }
    const std::string installed = "/usr/libexec/graphs/" + runner;
    return "p=$(command -v " + shellQuote(runner) + " 2>/dev/null); [ -n \"$p\" ] || p=" + shellQuote(installed)
        + "; [ -x \"$p\" ] || "
        + missing(runner + " is not installed on this machine (looked on PATH and in /usr/libexec/graphs): install "
                           "the graphs package there, or name the runner with --remote-runner PATH")
        + "; exec \"$p\"" + args;
}

std::string environmentJson(const EnvironmentFingerprint& env)
{
    json doc = { { "hardware_id", env.hardwareId }, { "cpu_model", env.cpuModel }, { "cores", env.cores },
        { "logical_cpus", env.logicalCpus }, { "governor", env.governor }, { "max_mhz", env.maxMhz },
        { "date", env.date }, { "tool_version", env.toolVersion }, { "energy_sensors", env.energySensors },
        { "runtime", env.runtime } };
    return doc.dump() + "\n";
}

Result<EnvironmentFingerprint> parseEnvironmentJson(const std::string& text)
{
    try {
        const json doc = json::parse(text);
        if (doc.contains("error"))
            return Error { ErrorCode::NotFound, doc["error"].get<std::string>(), {} };
        EnvironmentFingerprint env;
        env.hardwareId = doc.value("hardware_id", env.hardwareId);
        env.cpuModel = doc.value("cpu_model", std::string());
        env.cores = doc.value("cores", 0);
        env.logicalCpus = doc.value("logical_cpus", 0);
        env.governor = doc.value("governor", std::string());
        env.maxMhz = doc.value("max_mhz", 0.0);
        env.date = doc.value("date", std::string());
        env.toolVersion = doc.value("tool_version", std::string());
        env.energySensors = doc.value("energy_sensors", std::vector<std::string> {});
        const json runtime = doc.value("runtime", json::object());
        for (const auto& [key, value] : runtime.items())
            env.runtime[key] = value.is_string() ? value.get<std::string>() : value.dump();
        return env;
    } catch (const std::exception& e) {
        return Error { ErrorCode::InvalidData, std::string("malformed fingerprint: ") + e.what(), {} };
    }
}

std::string describeSshFailure(const std::string& target, int status, const std::string& stderrText)
{
    const std::string said = firstLines(stderrText);
    if (status < 0)
        return "the connection to " + target + " was lost (ssh was stopped before the runner answered)";
    static const std::array<const char*, 9> unreachable { "Could not resolve hostname", "Connection refused",
        "Connection timed out", "No route to host", "Network is unreachable", "Permission denied",
        "Host key verification failed", "REMOTE HOST IDENTIFICATION HAS CHANGED", "Too many authentication failures" };
    for (const char* u : unreachable)
        if (contains(said, u))
            return "cannot reach " + target + ": " + said + kNoPassword;
    return "the connection to " + target + " was lost" + (said.empty() ? std::string() : ": " + said);
}

Result<RemoteEnvironment> remoteEnvironment(
    const RemoteHost& host, const std::string& runnerCommand, const ProgressCallback& cancel)
{
    const std::string command = "printf '%s\\n' \"${XDG_CACHE_HOME:-$HOME/.cache}/graphs\"; " + runnerCommand
        + " --fingerprint";
    auto run = runProgram(sshArguments(host, command), host.connectTimeoutSeconds + 60, {}, cancel);
    if (!run)
        return Error { ErrorCode::NotFound, "cannot start ssh: " + run.error().message + " (apt-get install openssh-client)",
            host.ssh.front() };
    if (run->cancelled)
        return Error { ErrorCode::Cancelled, "cancelled while connecting", host.target };
    if (run->timedOut)
        return Error { ErrorCode::Io, "cannot reach " + host.target + ": no answer within "
                + std::to_string(static_cast<int>(host.connectTimeoutSeconds + 60)) + " s", host.target };
    const auto newline = run->out.find('\n');
    if (run->exitStatus == 255 || run->exitStatus < 0 || newline == std::string::npos)
        return Error { ErrorCode::Io, describeSshFailure(host.target, run->exitStatus, run->err), host.target };
    RemoteEnvironment remote;
    remote.cacheDir = run->out.substr(0, newline);
    auto env = parseEnvironmentJson(run->out.substr(newline + 1));
    if (!env)
        return Error { env.error().code, env.error().message, host.target };
    remote.environment = std::move(*env);
    return remote;
}

RemoteRunner::RemoteRunner(RemoteHost host, std::string runnerCommand, std::string cacheDir)
    : m_host(std::move(host)), m_command(std::move(runnerCommand)), m_cacheDir(std::move(cacheDir))
{
}

Result<std::string> RemoteRunner::copyModel(
    const std::string& localPath, double timeoutSeconds, const ProgressCallback& cancel) const
{
    const auto cancelled = [&] {
        return Error { ErrorCode::Cancelled, "cancelled while copying the model", localPath };
    };
    auto key = contentKey(localPath);
    if (!key)
        return key.error();
    const std::string dir = m_cacheDir + "/models/" + *key;
    const std::string remote = dir + "/" + fs::path(localPath).filename().string();
    {
        std::lock_guard lock(m_mutex);
        if (m_copied.count(remote))
            return remote;
    }
    // Already there from an earlier run (a rerun after a dropped connection sends nothing again)?
    auto present = runProgram(sshArguments(m_host, "test -f " + shellQuote(remote)), timeoutSeconds, {}, cancel);
    if (!present)
        return Error { ErrorCode::NotFound, "cannot start ssh: " + present.error().message, m_host.ssh.front() };
    if (present->cancelled)
        return cancelled();
    if (present->exitStatus == 255 || present->exitStatus < 0 || present->timedOut)
        return Error { ErrorCode::Io, describeSshFailure(m_host.target, present->exitStatus, present->err), m_host.target };
    if (present->exitStatus != 0) {
        // Written under another name and renamed: a copy cut off half-way is never taken for the model.
        const std::string command = "mkdir -p " + shellQuote(dir) + " && cat > " + shellQuote(remote + ".part")
            + " && mv " + shellQuote(remote + ".part") + " " + shellQuote(remote);
        auto copied = runProgram(sshArguments(m_host, command), timeoutSeconds, localPath, cancel);
        if (!copied)
            return Error { ErrorCode::NotFound, "cannot start ssh: " + copied.error().message, m_host.ssh.front() };
        if (copied->cancelled)
            return cancelled();
        if (copied->exitStatus == 255 || copied->exitStatus < 0 || copied->timedOut)
            return Error { ErrorCode::Io, describeSshFailure(m_host.target, copied->exitStatus, copied->err),
                m_host.target };
        if (copied->exitStatus != 0)
            return Error { ErrorCode::Io,
                "cannot copy the model to " + m_host.target + ":" + remote + ": " + firstLines(copied->err), localPath };
    }
    std::lock_guard lock(m_mutex);
    m_copied.insert(remote);
    return remote;
}

Result<RunnerResponse> RemoteRunner::run(const RunnerRequest& request, double timeoutSeconds,
    const ProgressCallback& cancel) const
{
    if (cancel && !cancel(0.0))
        return Error { ErrorCode::Cancelled, "cancelled", m_host.target };
    auto remoteModel = copyModel(request.model, timeoutSeconds, cancel);
    if (!remoteModel)
        return remoteModel.error();
    RunnerRequest remote = request;
    remote.model = *remoteModel;
    ScratchDir scratch;
    if (scratch.path().empty())
        return Error { ErrorCode::Io, "cannot create a temporary folder", "TMPDIR" };
    const std::string requestFile = scratch.path() + "/request.json";
    {
        std::ofstream out(requestFile, std::ios::binary);
        out << toJson(remote);
        if (!out)
            return Error { ErrorCode::Io, "cannot write the request", requestFile };
    }
    auto ran = runProgram(sshArguments(m_host, m_command), timeoutSeconds, requestFile, cancel);
    if (!ran)
        return Error { ErrorCode::NotFound, "cannot start ssh: " + ran.error().message, m_host.ssh.front() };
    if (ran->cancelled)
        return Error { ErrorCode::Cancelled, "cancelled; the run on " + m_host.target + " was stopped",
            fs::path(request.model).filename().string() };
    if (ran->timedOut)
        return Error { ErrorCode::Io,
            "the runner on " + m_host.target + " did not answer within " + std::to_string(int(timeoutSeconds)) + " s",
            m_host.target };
    const bool replied = ran->out.find('{') != std::string::npos;
    if (!replied && (ran->exitStatus == 255 || ran->exitStatus < 0))
        return Error { ErrorCode::Io, describeSshFailure(m_host.target, ran->exitStatus, ran->err), m_host.target };
    if (!replied)
        return Error { ErrorCode::Io,
            "the runner on " + m_host.target + " exited with status " + std::to_string(ran->exitStatus)
                + " without a reply" + (ran->err.empty() ? std::string() : ": " + firstLines(ran->err)),
            m_host.target };
    auto reply = parseRunnerResponse(ran->out, m_host.target);
    if (!reply)
        return Error { reply.error().code, "on " + m_host.target + ": " + reply.error().message,
            fs::path(request.model).filename().string() };
    return reply;
}

} // namespace graphs
