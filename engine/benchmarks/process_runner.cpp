#include "benchmarks/process_runner.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

namespace graphs {

namespace {

void closeQuietly(int& fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

} // namespace

Result<RunnerResponse> ProcessRunner::run(const RunnerRequest& request, double timeoutSeconds,
    const ProgressCallback& cancel) const
{
    const std::string name = m_command.empty() ? std::string("runner") : m_command.front();
    if (m_command.empty())
        return Error { ErrorCode::InvalidArgument, "no runner command", name };
    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0)
        return Error { ErrorCode::Io, std::string("pipe: ") + std::strerror(errno), name };
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
        return Error { ErrorCode::Io, std::string("pipe: ") + std::strerror(errno), name };

    std::vector<char*> argv;
    for (const std::string& a : m_command)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);

    // Pinning confines the runner process to the first `threads` CPUs this process may use, so its threads cannot
    // migrate to other cores; every runtime gets it without knowing about it.
    cpu_set_t pinned;
    CPU_ZERO(&pinned);
    bool pin = false;
    if (request.pinThreads && request.threads > 0) {
        cpu_set_t allowed;
        if (::sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
            int taken = 0;
            for (int cpu = 0; cpu < CPU_SETSIZE && taken < request.threads; ++cpu) {
                if (CPU_ISSET(cpu, &allowed)) {
                    CPU_SET(cpu, &pinned);
                    ++taken;
                }
            }
            pin = taken > 0;
        }
    }

    const pid_t pid = ::fork();
    if (pid < 0)
        return Error { ErrorCode::Io, std::string("fork: ") + std::strerror(errno), name };
    if (pid == 0) {
        ::dup2(in[0], STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        if (pin)
            (void)::sched_setaffinity(0, sizeof pinned, &pinned);
        ::execvp(argv[0], argv.data());
        const char msg[] = "cannot start the runner program\n";
        (void)!::write(STDERR_FILENO, msg, sizeof msg - 1);
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);

    // A failed write (the runner exited early) shows up below as its exit status and message.
    const std::string payload = toJson(request);
    ::signal(SIGPIPE, SIG_IGN);
    size_t written = 0;
    while (written < payload.size()) {
        const ssize_t n = ::write(in[1], payload.data() + written, payload.size() - written);
        if (n <= 0)
            break;
        written += static_cast<size_t>(n);
    }
    closeQuietly(in[1]);

    std::string stdoutText;
    std::string stderrText;
    int outFd = out[0];
    int errFd = err[0];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutSeconds);
    bool timedOut = false;
    bool cancelled = false;
    while (outFd >= 0 || errFd >= 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            timedOut = true;
            break;
        }
        if (cancel && !cancel(0.0)) {
            cancelled = true;
            break;
        }
        pollfd fds[2] = { { outFd, POLLIN, 0 }, { errFd, POLLIN, 0 } };
        if (::poll(fds, 2, 100) < 0 && errno != EINTR)
            break;
        char buffer[65536];
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0)
                (i == 0 ? stdoutText : stderrText).append(buffer, static_cast<size_t>(n));
            else
                closeQuietly(i == 0 ? outFd : errFd);
        }
    }
    closeQuietly(outFd);
    closeQuietly(errFd);
    if (timedOut || cancelled)
        ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (cancelled)
        return Error { ErrorCode::Cancelled, "cancelled; the runner was stopped", name };
    if (timedOut)
        return Error { ErrorCode::Io, "the runner did not answer within " + std::to_string(int(timeoutSeconds)) + " s",
            name };

    auto reply = parseRunnerResponse(stdoutText, name);
    if (!reply) {
        // A runner that says nothing useful on standard output usually said why on standard error.
        if (stdoutText.find_first_not_of(" \r\n\t") == std::string::npos && !stderrText.empty()) {
            while (!stderrText.empty() && (stderrText.back() == '\n' || stderrText.back() == '\r'))
                stderrText.pop_back();
            return Error { ErrorCode::Io, stderrText, name };
        }
        return reply.error();
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return Error { ErrorCode::Io, "the runner exited with status " + std::to_string(WEXITSTATUS(status)), name };
    return reply;
}

} // namespace graphs
