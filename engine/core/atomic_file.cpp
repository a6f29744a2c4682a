#include "core/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <filesystem>
#include <unistd.h>

namespace graphs {

namespace {

Status writeAll(int fd, std::string_view contents, const std::string& path)
{
    size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Error { ErrorCode::Io, std::string("cannot write: ") + std::strerror(errno), path };
        }
        written += static_cast<size_t>(n);
    }
    return Ok {};
}

} // namespace

Status writeFileAtomically(const std::string& path, std::string_view contents)
{
    namespace fs = std::filesystem;
    // A device, a pipe or a socket (/dev/null, /dev/stdout, a FIFO) is written to, never replaced: renaming over it
    // would swap the device for a plain file.
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
        if (S_ISDIR(existing.st_mode))
            return Error { ErrorCode::Io, "is a folder, not a file", path };
        const int out = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (out < 0)
            return Error { ErrorCode::Io, std::string("cannot open: ") + std::strerror(errno), path };
        auto status = writeAll(out, contents, path);
        ::close(out);
        return status;
    }
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return Error { ErrorCode::Io, std::string("cannot create a temporary file: ") + std::strerror(errno), path };
    auto fail = [&](const char* what) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        return Error { ErrorCode::Io, std::string(what) + ": " + std::strerror(err), path };
    };
    if (auto status = writeAll(fd, contents, path); !status) {
        ::close(fd);
        ::unlink(tmpl.c_str());
        return status;
    }
    if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0)
        return fail("cannot flush");
    if (::close(fd) != 0) {
        ::unlink(tmpl.c_str());
        return Error { ErrorCode::Io, std::string("cannot close: ") + std::strerror(errno), path };
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        return Error { ErrorCode::Io, std::string("cannot replace the file: ") + std::strerror(err), path };
    }
    return Ok {};
}

} // namespace graphs
