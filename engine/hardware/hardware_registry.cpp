#include "hardware/hardware_registry.h"

#include "hardware/hardware_loader.h"
#include "hardware/local_hardware.h"

#include <algorithm>
#include <filesystem>

namespace graphs {

namespace fs = std::filesystem;

namespace {

size_t editDistance(const std::string& a, const std::string& b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({ row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1) });
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

Result<HardwareRegistry> HardwareRegistry::load(const std::vector<std::string>& directories)
{
    return loadWhere(directories, nullptr);
}

Result<HardwareRegistry> HardwareRegistry::loadEntries(const std::vector<std::string>& directories,
    const std::vector<std::string>& ids)
{
    return loadWhere(directories, &ids);
}

Result<HardwareRegistry> HardwareRegistry::loadWhere(const std::vector<std::string>& directories,
    const std::vector<std::string>* ids)
{
    HardwareRegistry registry;
    for (const std::string& dir : directories) {
        std::error_code ec;
        fs::path root(dir);
        // A registry directory holds hardware/, runtimes/, calibration/…: only hardware/ is read here.
        if (root.filename() != "hardware")
            root /= "hardware";
        if (!fs::is_directory(root, ec))
            continue;
        std::vector<fs::path> files;
        for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec)) {
            const auto ext = it->path().extension();
            if (!it->is_regular_file(ec) || (ext != ".yaml" && ext != ".yml"))
                continue;
            // loadHardwareFile refuses a file whose id differs from its name: no other file can hold a wanted id.
            if (ids && std::find(ids->begin(), ids->end(), it->path().stem().string()) == ids->end())
                continue;
            files.push_back(it->path());
        }
        if (ec)
            return Error { ErrorCode::Io, "cannot list the registry: " + ec.message(), root.string() };
        std::sort(files.begin(), files.end());
        for (const fs::path& file : files) {
            auto spec = loadHardwareFile(file.string());
            if (!spec)
                return spec.error();
            if (auto added = registry.add(std::move(*spec)); !added)
                return added.error();
        }
    }
    return registry;
}

Status HardwareRegistry::add(HardwareSpec spec)
{
    if (auto existing = find(spec.id)) {
        const std::string first = existing->file.empty() ? "the generated entry" : existing->file;
        return Error { ErrorCode::InvalidData,
            "key 'id': hardware id '" + spec.id + "' is already defined in " + first, spec.file };
    }
    m_entries.push_back(std::make_shared<const HardwareSpec>(std::move(spec)));
    return Ok {};
}

std::shared_ptr<const HardwareSpec> HardwareRegistry::find(const std::string& id) const
{
    for (const auto& e : m_entries) {
        if (e->id == id)
            return e;
    }
    return nullptr;
}

std::vector<std::string> HardwareRegistry::suggestions(const std::string& id, size_t count) const
{
    std::vector<std::pair<size_t, std::string>> scored;
    for (const auto& e : m_entries) {
        const bool contains = e->id.find(id) != std::string::npos;
        scored.emplace_back(contains ? 0 : editDistance(id, e->id), e->id);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (size_t i = 0; i < scored.size() && i < count; ++i)
        out.push_back(scored[i].second);
    return out;
}

Result<HardwareRegistry> loadHardwareCatalog(const std::vector<std::string>& directories,
    const std::optional<std::vector<std::string>>& ids, Diagnostics* notes)
{
    auto registry = ids ? HardwareRegistry::loadEntries(directories, *ids) : HardwareRegistry::load(directories);
    if (!registry)
        return registry;
    if (ids && std::find(ids->begin(), ids->end(), "local") == ids->end())
        return registry;
    auto cpu = readCpuInfo();
    if (!cpu) {
        if (notes)
            notes->push_back({ Diagnostic::Severity::Warning, cpu.error().toString(), "local" });
        return registry;
    }
    if (auto added = registry->add(localHardwareSpec(*cpu)); !added) {
        if (!notes)
            return added.error();
        notes->push_back({ Diagnostic::Severity::Warning, added.error().toString(), "local" });
    }
    return registry;
}

} // namespace graphs
