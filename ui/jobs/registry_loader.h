#pragma once

#include "hardware_catalog.h"
#include "jobs/job_tracker.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace graphs {
class HardwareRegistry;
struct HardwareSpec;
struct FusionRules;
} // namespace graphs

namespace graphs::ui {

/// Loads the registries on the thread pool (parsing two dozen YAML files and reading /proc is not for the GUI
/// thread). A new load() supersedes the one in flight, whose result is dropped.
class RegistryLoader : public QObject
{
    Q_OBJECT

public:
    explicit RegistryLoader(QObject* parent = nullptr);

    /// Starts loading `directories` (in overlay order, see graphs::registryDirs()).
    void load(const QStringList& directories);
    bool isLoading() const { return m_job.isRunning(); }
    const std::shared_ptr<const HardwareCatalog>& catalog() const { return m_catalog; }

Q_SIGNALS:
    void loaded(std::shared_ptr<const graphs::ui::HardwareCatalog> catalog);
    /// `message` names the file and the problem.
    void failed(const QString& message);

private:
    struct Outcome
    {
        std::shared_ptr<const HardwareCatalog> catalog;
        QString error;
    };

    void onFinished(const Outcome& outcome);

    JobTracker<Outcome> m_job;
    std::shared_ptr<const HardwareCatalog> m_catalog;
};

} // namespace graphs::ui
