#pragma once

#include "core/diagnostic.h"
#include "core/error.h"
#include "hardware/hardware_spec.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace graphs {

/// The hardware entries the program knows: bundled files, a user directory on top, and the generated `local` entry.
///
///     auto registry = HardwareRegistry::load({bundledDir, userDir});
///     auto h100 = registry->find("nvidia-h100-sxm5");
class HardwareRegistry
{
public:
    /// Loads every *.yaml under each directory's `hardware/` folder (or the directory itself when it is named
    /// `hardware`); directories without one are skipped. The first bad file fails the load with its
    /// error; an id defined in two files is an error naming both.
    static Result<HardwareRegistry> load(const std::vector<std::string>& directories);

    /// Loads only the entries `ids`, for a command that needs one or two (`graphs analyze -H ID` reads one file
    /// instead of the ~60 of the registry). A file's id must match its name, so only the files named `ID.yaml`
    /// can define them; the others are not read, and an error in one of them is reported by the commands that
    /// load everything (`graphs hardware list`). Ids without a file are absent from the result.
    static Result<HardwareRegistry> loadEntries(const std::vector<std::string>& directories,
        const std::vector<std::string>& ids);

    /// Adds an entry (the generated `local` one); fails when its id exists.
    Status add(HardwareSpec spec);

    std::shared_ptr<const HardwareSpec> find(const std::string& id) const;
    const std::vector<std::shared_ptr<const HardwareSpec>>& entries() const { return m_entries; }
    /// Ids closest to `id` by edit distance, for "did you mean" messages.
    std::vector<std::string> suggestions(const std::string& id, size_t count = 3) const;

private:
    static Result<HardwareRegistry> loadWhere(const std::vector<std::string>& directories,
        const std::vector<std::string>* ids);

    std::vector<std::shared_ptr<const HardwareSpec>> m_entries;
};

/// The entries a command can name: every entry under `directories` (bundled, then the user's) plus `local`, this
/// machine's generated entry (absent when /proc cannot be read). With `ids`, only those entries' files are read
/// (HardwareRegistry::loadEntries), and `local` is generated only when named. Fails when a file cannot be read, or
/// when a file defines `local` too; with `notes` (the app, which should open whatever else it can), a `local` that
/// cannot be added or a /proc that cannot be read is a warning there instead, and the rest loads.
Result<HardwareRegistry> loadHardwareCatalog(const std::vector<std::string>& directories,
    const std::optional<std::vector<std::string>>& ids = std::nullopt, Diagnostics* notes = nullptr);

} // namespace graphs
