#pragma once

#include <string>

namespace graphs {

/// A private temporary folder (mkdtemp under the system's temporary directory), removed with everything in it
/// when the object goes. path() is empty when the folder could not be created.
class ScratchDir
{
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

} // namespace graphs
