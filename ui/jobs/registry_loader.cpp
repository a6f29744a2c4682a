#include "jobs/registry_loader.h"

#include "hardware/hardware_registry.h"
#include "transform/fusion_rules.h"

#include <QCoreApplication>

namespace graphs::ui {

namespace {

template <typename T> T loadCatalog(const QStringList& directories)
{
    T outcome;
    std::vector<std::string> dirs;
    for (const QString& d : directories)
        dirs.push_back(d.toStdString());
    // The `local` entry is a convenience: a machine whose /proc cannot be read still gets the registry.
    Diagnostics notes;
    auto registry = loadHardwareCatalog(dirs, std::nullopt, &notes);
    if (!registry) {
        outcome.error = QString::fromStdString(registry.error().toString());
        return outcome;
    }
    auto catalog = std::make_shared<HardwareCatalog>();
    catalog->registry = std::make_shared<const HardwareRegistry>(std::move(*registry));
    for (FusionRules& rules : loadAllFusionRules(dirs, notes))
        catalog->runtimes.push_back(std::make_shared<const FusionRules>(std::move(rules)));
    for (const Diagnostic& d : notes)
        catalog->problems << QString::fromStdString(d.message);
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
