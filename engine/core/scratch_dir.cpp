#include "core/scratch_dir.h"

#include <cstdlib>
#include <filesystem>

namespace graphs {

namespace fs = std::filesystem;

ScratchDir::ScratchDir()
{
    std::error_code ec;
    std::string pattern = (fs::temp_directory_path(ec) / "graphs-XXXXXX").string();
    if (::mkdtemp(pattern.data()))
        m_path = pattern;
}

ScratchDir::~ScratchDir()
{
    std::error_code ec;
    if (!m_path.empty())
        fs::remove_all(m_path, ec);
}

} // namespace graphs
