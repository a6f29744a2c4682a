#include "jobs/registry_loader.h"

#include "hardware/hardware_registry.h"
#include "hardware/local_hardware.h"
#include "transform/fusion_rules.h"

#include <QCoreApplication>
#include <QDir>
#include <algorithm>

namespace graphs::ui {

namespace {

/// Every runtimes/*.yaml of the directories; an id found twice keeps the first, as findFusionRules() does.
std::vector<std::shared_ptr<const FusionRules>> loadRuntimes(const QStringList& directories, QStringList& problems)
{
    std::vector<std::shared_ptr<const FusionRules>> runtimes;
    for (const QString& directory : directories) {
        const QDir dir(QDir(directory).filePath(QStringLiteral("runtimes")));
        const QStringList files = dir.entryList({ QStringLiteral("*.yaml") }, QDir::Files, QDir::Name);
        for (const QString& file : files) {
            auto rules = loadFusionRules(dir.filePath(file).toStdString());
            if (!rules) {
                problems << QString::fromStdString(rules.error().toString());
                continue;
            }
            const bool known = std::any_of(
                runtimes.begin(), runtimes.end(), [&](const auto& r) { return r->runtimeId == rules->runtimeId; });
            if (!known)
                runtimes.push_back(std::make_shared<const FusionRules>(std::move(*rules)));
        }
    }
    return runtimes;
}

template <typename T> T loadCatalog(const QStringList& directories)
{
    T outcome;
    std::vector<std::string> dirs;
    for (const QString& d : directories)
        dirs.push_back(d.toStdString());
    auto registry = HardwareRegistry::load(dirs);
    if (!registry) {
        outcome.error = QString::fromStdString(registry.error().toString());
        return outcome;
    }
    auto catalog = std::make_shared<HardwareCatalog>();
    // The `local` entry is a convenience: a machine whose /proc cannot be read still gets the registry.
    if (auto cpu = readCpuInfo(); cpu) {
        if (auto added = registry->add(localHardwareSpec(*cpu)); !added)
            catalog->problems << QString::fromStdString(added.error().toString());
    } else {
        catalog->problems << QString::fromStdString(cpu.error().toString());
    }
    catalog->registry = std::make_shared<const HardwareRegistry>(std::move(*registry));
    catalog->runtimes = loadRuntimes(directories, catalog->problems);
    if (catalog->runtimes.empty()) {
        outcome.error = QCoreApplication::translate("graphs::ui::RegistryLoader", "No runtime profiles in %1")
                            .arg(directories.join(QStringLiteral(", ")));
        return outcome;
    }
    outcome.catalog = std::move(catalog);
    return outcome;
}

} // namespace

RegistryLoader::RegistryLoader(QObject* parent)
    : QObject(parent)
{
    m_job.onFinished([this](const Outcome& outcome) { onFinished(outcome); });
    m_job.onFailed([this](const QString& message) { Q_EMIT failed(message); });
}

void RegistryLoader::load(const QStringList& directories)
{
    m_job.start([directories](const JobControl&) { return loadCatalog<Outcome>(directories); });
}

void RegistryLoader::onFinished(const Outcome& outcome)
{
    if (!outcome.catalog) {
        Q_EMIT failed(outcome.error);
        return;
    }
    m_catalog = outcome.catalog;
    Q_EMIT loaded(m_catalog);
}

} // namespace graphs::ui
