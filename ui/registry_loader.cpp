#include "registry_loader.h"

#include "hardware/hardware_registry.h"
#include "hardware/local_hardware.h"
#include "transform/fusion_rules.h"

#include <QCoreApplication>
#include <QDir>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <exception>

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

template <typename T> T loadCatalog(quint64 generation, const QStringList& directories)
{
    T outcome;
    outcome.generation = generation;
    try {
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
    } catch (const std::exception& e) {
        outcome.error = QString::fromUtf8(e.what());
    }
    return outcome;
}

} // namespace

std::shared_ptr<const HardwareSpec> HardwareCatalog::hardware(const QString& id) const
{
    return registry ? registry->find(id.toStdString()) : nullptr;
}

std::shared_ptr<const FusionRules> HardwareCatalog::runtime(const QString& id) const
{
    const std::string wanted = id.toStdString();
    for (const auto& r : runtimes) {
        if (r->runtimeId == wanted)
            return r;
    }
    return nullptr;
}

RegistryLoader::RegistryLoader(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &RegistryLoader::onFinished);
}

RegistryLoader::~RegistryLoader()
{
    m_watcher.cancel();
}

void RegistryLoader::load(const QStringList& directories)
{
    m_watcher.cancel();
    m_loading = true;
    const quint64 generation = ++m_generation;
    m_watcher.setFuture(QtConcurrent::run(&loadCatalog<Outcome>, generation, directories));
}

void RegistryLoader::onFinished()
{
    const QFuture<Outcome> future = m_watcher.future();
    if (future.resultCount() == 0 || future.resultAt(0).generation != m_generation)
        return;
    m_loading = false;
    const Outcome outcome = future.resultAt(0);
    if (!outcome.catalog) {
        Q_EMIT failed(outcome.error);
        return;
    }
    m_catalog = outcome.catalog;
    Q_EMIT loaded(m_catalog);
}

} // namespace graphs::ui
