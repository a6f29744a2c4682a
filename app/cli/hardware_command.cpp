#include "cli/hardware_command.h"

#include "calibration/calibration_profile.h"
#include "cli/cli_common.h"
#include "cli/hardware_lookup.h"
#include "reporting/hardware_report.h"

#include <memory>

namespace graphs::cli {

namespace {

struct HardwareSettings
{
    std::string registry;
    std::string format = "text";
    std::string id;
    CLI::App* list = nullptr;
    CLI::App* show = nullptr;
};

int runHardware(const HardwareSettings& s)
{
    if (s.format != "text" && s.format != "json") {
        printError("unknown --format '" + s.format + "' (text or json)");
        return ExitUsage;
    }
    // `show ID` reads only that entry's file; `list` reads them all.
    auto registry = s.list->parsed() ? loadHardwareRegistry(s.registry) : loadHardwareEntries(s.registry, { s.id });
    if (!registry) {
        printError(registry.error());
        return ExitFailure;
    }
    const bool json = s.format == "json";
    const std::string userDir = userRegistryDir(s.registry);
    if (s.list->parsed()) {
        CalibrationIndex calibrations;
        for (const auto& e : registry->entries())
            if (auto stored = storedCalibrations(userDir, e->id); !stored.empty())
                calibrations[e->id] = std::move(stored);
        return emit(json ? hardwareListJson(registry->entries(), calibrations)
                         : hardwareListText(registry->entries(), calibrations),
            {});
    }

    auto spec = registry->find(s.id);
    if (!spec) {
        printUnknownHardware(s.registry, s.id);
        return ExitUsage;
    }
    const auto stored = storedCalibrations(userDir, spec->id);
    return emit(json ? hardwareDetailJson(*spec, stored) : hardwareDetailText(*spec, stored), {});
}

} // namespace

std::function<int()> addHardwareCommand(CLI::App& app)
{
    auto s = std::make_shared<HardwareSettings>();
    CLI::App* cmd = app.add_subcommand("hardware", "List the hardware registry or show one entry");
    cmd->require_subcommand(1);
    cmd->add_option("--registry", s->registry, "User registry directory (default: $XDG_DATA_HOME/graphs)");
    cmd->add_option("-f,--format", s->format, "Output format: text or json")->capture_default_str();
    s->list = cmd->add_subcommand("list", "List every entry, grouped by category");
    s->show = cmd->add_subcommand("show", "Show one entry with its derived peaks and sources");
    s->show->add_option("id", s->id, "Hardware id (see 'graphs hardware list')")->required();
    for (CLI::App* sub : { s->list, s->show }) {
        sub->add_option("--registry", s->registry, "User registry directory (default: $XDG_DATA_HOME/graphs)");
        sub->add_option("-f,--format", s->format, "Output format: text or json")->capture_default_str();
    }
    return [s] { return runHardware(*s); };
}

} // namespace graphs::cli
