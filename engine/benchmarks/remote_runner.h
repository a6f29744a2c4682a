#pragma once

// Benchmarks on another machine over SSH (`graphs benchmark --host USER@HOST`): the system's ssh client, so keys,
// agents, known hosts, ports and jump hosts come from the user's own SSH configuration and no password is ever
// asked for or stored (BatchMode). Each request copies its model to the host once (kept by content in the host's
// cache folder), runs the runner program there with the request on its standard input, and reads the protocol reply
// line back; the caller stores each row as it arrives.

#include "benchmarks/benchmark_result.h"
#include "benchmarks/runner.h"
#include "core/error.h"

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace graphs {

/// The machine and how to reach it.
struct RemoteHost
{
    std::string target;           ///< "user@host" or "host" (an alias of ~/.ssh/config works too)
    std::vector<std::string> ssh; ///< the ssh command: $GRAPHS_SSH_COMMAND split at spaces, else {"ssh"}
    double connectTimeoutSeconds = 15;
};

/// Checks `target` (no spaces or shell characters, not an option) and takes the ssh command from `sshCommand`
/// ($GRAPHS_SSH_COMMAND; empty: "ssh").
Result<RemoteHost> parseRemoteHost(const std::string& target, const std::string& sshCommand);

/// `text` quoted for a POSIX shell: 'it'\''s'.
std::string shellQuote(const std::string& text);

/// The argument list that runs `remoteCommand` (a shell command line) on the host: never prompting (BatchMode),
/// with a connect timeout and keep-alives that notice a dead link within about 30 s.
std::vector<std::string> sshArguments(const RemoteHost& host, const std::string& remoteCommand);

/// The shell command starting `runner` on the host: `program` when given (a path or a command line there), else the
/// runner program found on the host's PATH or in /usr/libexec/graphs; when it is in neither, the command replies
/// with a protocol error saying so. `arguments` are appended, quoted.
std::string remoteRunnerCommand(const std::string& runner, const std::string& program,
    const std::vector<std::string>& arguments);

/// The fingerprint of the host (CPU, cores, governor, the runner's device description) from `runnerCommand
/// --fingerprint`, and the host's cache folder where models are copied. Errors say whether the host could not be
/// reached or the runner is missing there; `cancel` (polled) stops the connection attempt.
struct RemoteEnvironment
{
    EnvironmentFingerprint environment;
    std::string cacheDir; ///< ${XDG_CACHE_HOME:-$HOME/.cache}/graphs on the host
};
Result<RemoteEnvironment> remoteEnvironment(
    const RemoteHost& host, const std::string& runnerCommand, const ProgressCallback& cancel = {});

/// The fingerprint a runner program prints for --fingerprint, and its reading.
std::string environmentJson(const EnvironmentFingerprint& env);
Result<EnvironmentFingerprint> parseEnvironmentJson(const std::string& text);

/// ssh's own complaint turned into what happened: "cannot reach HOST: …" for a connection that never opened
/// (unknown host, refused, timed out, key refused, host key changed), "the connection to HOST was lost" for one
/// that dropped. `status` is ssh's exit status (255 for its own errors, -1 when killed).
std::string describeSshFailure(const std::string& target, int status, const std::string& stderrText);

class RemoteRunner : public Runner
{
public:
    /// `runnerCommand`: remoteRunnerCommand(); `cacheDir`: RemoteEnvironment::cacheDir.
    RemoteRunner(RemoteHost host, std::string runnerCommand, std::string cacheDir);

    /// Copies the model when the host does not hold it yet, runs the request there; the reply's errors are the
    /// remote runner's, prefixed with the host, or a connection failure (describeSshFailure). `cancel` is polled
    /// while ssh runs: false kills it (the host's runner loses its connection) and fails with ErrorCode::Cancelled.
    Result<RunnerResponse> run(const RunnerRequest& request, double timeoutSeconds,
        const ProgressCallback& cancel) const override;

private:
    Result<std::string> copyModel(
        const std::string& localPath, double timeoutSeconds, const ProgressCallback& cancel) const;

    RemoteHost m_host;
    std::string m_command;
    std::string m_cacheDir;
    mutable std::mutex m_mutex;
    mutable std::set<std::string> m_copied; ///< remote paths known to hold their model
};

} // namespace graphs
