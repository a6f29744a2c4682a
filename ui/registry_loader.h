#pragma once

#include <QFutureWatcher>
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

/// What the hardware toolbar offers: the registry entries (bundled, the user's, and this machine's `local`
/// entry) and the runtime profiles that decide fusion.
struct HardwareCatalog
{
    std::shared_ptr<const HardwareRegistry> registry;
    std::vector<std::shared_ptr<const FusionRules>> runtimes; ///< by id
    QStringList problems; ///< files skipped and entries not generated; each names the file

    std::shared_ptr<const HardwareSpec> hardware(const QString& id) const;
    std::shared_ptr<const FusionRules> runtime(const QString& id) const;
};

/// Loads the registries on the thread pool (parsing two dozen YAML files and reading /proc is not for the GUI
/// thread). A new load() supersedes the one in flight, whose result is dropped.
class RegistryLoader : public QObject
{
    Q_OBJECT

public:
    explicit RegistryLoader(QObject* parent = nullptr);
    ~RegistryLoader() override;

    /// Starts loading `directories` (in overlay order, see graphs::registryDirs()).
    void load(const QStringList& directories);
    bool isLoading() const { return m_loading; }
    const std::shared_ptr<const HardwareCatalog>& catalog() const { return m_catalog; }

Q_SIGNALS:
    void loaded(std::shared_ptr<const graphs::ui::HardwareCatalog> catalog);
    /// `message` names the file and the problem.
    void failed(const QString& message);

private:
    struct Outcome
    {
        quint64 generation = 0;
        std::shared_ptr<const HardwareCatalog> catalog;
        QString error;
    };

    void onFinished();

    QFutureWatcher<Outcome> m_watcher;
    quint64 m_generation = 0;
    bool m_loading = false;
    std::shared_ptr<const HardwareCatalog> m_catalog;
};

} // namespace graphs::ui
