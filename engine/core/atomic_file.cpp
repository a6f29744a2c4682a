#include "core/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <filesystem>
#include <unistd.h>

namespace graphs {

Status writeFileAtomically(const std::string& path, std::string_view contents)
{
    namespace fs = std::filesystem;
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
    size_t written = 0;
    while (written < contents.size()) {
        const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail("cannot write");
        }
        written += static_cast<size_t>(n);
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
