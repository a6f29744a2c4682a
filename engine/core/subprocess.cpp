#include "core/subprocess.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace graphs {

Result<ProgramOutput> runProgram(const std::vector<std::string>& argv, double timeoutSeconds,
    const std::string& inputFile, const ProgressCallback& cancel)
{
    if (argv.empty())
        return Error { ErrorCode::InvalidArgument, "no program to run", {} };
    const std::string program = findProgram(argv[0]);
    if (program.empty())
        return Error { ErrorCode::NotFound, "not found, or not executable", argv[0] };
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0)
        return Error { ErrorCode::Io, std::string("pipe: ") + std::strerror(errno), argv[0] };
    if (::pipe2(err, O_CLOEXEC) != 0) {
        ::close(out[0]);
        ::close(out[1]);
        return Error { ErrorCode::Io, std::string("pipe: ") + std::strerror(errno), argv[0] };
    }
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        for (int fd : { out[0], out[1], err[0], err[1] })
            ::close(fd);
        return Error { ErrorCode::Io, std::string("fork: ") + std::strerror(errno), argv[0] };
    }
    if (pid == 0) {
        // Dies with the caller: a runner killed on timeout or Ctrl-C must not leave a GPU job behind.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127);
        const int input = ::open(inputFile.empty() ? "/dev/null" : inputFile.c_str(), O_RDONLY);
        if (input < 0)
            ::_exit(126);
        ::dup2(input, STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        ::execv(program.c_str(), args.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);

    ProgramOutput result;
    std::string* text[2] = { &result.out, &result.err };
    pollfd fds[2] = { { out[0], POLLIN, 0 }, { err[0], POLLIN, 0 } };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutSeconds);
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        const auto left
            = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.timedOut = true;
            break;
        }
        if (cancel && !cancel(0.0)) {
            result.cancelled = true;
            break;
        }
        // With a cancel callback, wake up to ask it: a remote run in flight stops within a tenth of a second.
        const auto wait = cancel ? std::min<long long>(left.count(), 100) : left.count();
        if (::poll(fds, 2, static_cast<int>(wait)) < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buffer[65536];
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                text[i]->append(buffer, static_cast<size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
            }
        }
    }
    for (pollfd& p : fds)
        if (p.fd >= 0)
            ::close(p.fd);
    if (result.timedOut || result.cancelled)
        ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    result.exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

} // namespace graphs
