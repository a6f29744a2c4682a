#pragma once

#include "hardware/precision.h"
#include "shell/page_table.h"

#include <QMainWindow>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QStackedWidget;
class QTabWidget;

namespace graphs {
struct GraphAnalysis;
}

namespace graphs::ui {

class CloseGuard;
class EstimateRunner;
class ExportActions;
class HardwareToolBar;
class ImportProgress;
class ModelLoader;
class RecentFiles;
class RegistryLoader;

/// The shell of graphs-studio: menus, the hardware toolbar, the status bar, and a stack of a welcome screen and the
/// tabbed pages (listed in pageTable()). The pages render the analysis and the estimate; loading runs in
/// ModelLoader, the registry in RegistryLoader, estimating in EstimateRunner, the exports in ExportActions.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Starts loading `path` in the background (at the batch chosen in the toolbar, if one was); the pages switch to
    /// it once it is analysed.
    void openModel(const QString& path);
    /// Chooses the hardware with `id` once the registry is loaded (now, if it is); an unknown id shows an error
    /// with the closest ids.
    void selectHardware(const QString& id);
    /// The precision to estimate at whenever the hardware supports it.
    void setPreferredPrecision(Precision precision);
    /// Writes the nodes CSV of the open model; on failure shows the problem and returns false.
    bool exportNodesCsv(const QString& path);
    /// Writes the design-review report (Markdown, or HTML by the suffix) with the charts beside it; returns "" on
    /// success, else the problem naming the file.
    QString exportReport(const QString& path);

    const std::shared_ptr<const GraphAnalysis>& analysis() const { return m_analysis; }
    const std::shared_ptr<const EstimatedModel>& estimate() const { return m_estimate; }
    ModelLoader* loader() const { return m_loader; }
    RegistryLoader* registryLoader() const { return m_registryLoader; }
    EstimateRunner* estimator() const { return m_estimator; }
    SubgraphSelection* subgraphSelection() const { return m_selection; }
    HardwareToolBar* hardwareToolBar() const { return m_hardwareBar; }
    QTabWidget* pages() const { return m_pages; }
    ModelSummaryPage* summaryPage() const { return m_page.summary; }
    NodesPage* nodesPage() const { return m_page.nodes; }
    GraphViewPage* graphPage() const { return m_page.graph; }
    SubgraphsPage* subgraphsPage() const { return m_page.subgraphs; }
    RooflinePage* rooflinePage() const { return m_page.roofline; }
    EnergyPage* energyPage() const { return m_page.energy; }
    MemoryPage* memoryPage() const { return m_page.memory; }
    ComparePage* comparePage() const { return m_page.compare; }
    CalibrationRunner* calibrationRunner() const { return m_calibrationRunner; }
    CalibrationPage* calibrationPage() const { return m_page.calibration; }
    ValidationPage* validationPage() const { return m_page.validation; }
    BenchmarksPage* benchmarksPage() const { return m_page.benchmarks; }
    CloseGuard* closeGuard() const { return m_closeGuard; }

Q_SIGNALS:
    /// An error box opened (a model that failed to load, unknown hardware, a failed estimate or export): what it says.
    void errorShown(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void connectEstimation();
    void restoreSettings();

    void showOpenDialog();
    void showError(const QString& title, const QString& text, const QString& details);

    void onLoaded(std::shared_ptr<const GraphAnalysis> analysis);
    void onFailed(const QString& message);
    void onCancelled();
    void setLoading(bool loading);
    void onCatalogLoaded(const std::shared_ptr<const HardwareCatalog>& catalog);
    void onBatchChanged(int batch);
    void onEstimated(std::shared_ptr<const EstimatedModel> estimate);
    void onEstimateFailed(const QString& message);

    std::shared_ptr<const GraphAnalysis> m_analysis;
    std::shared_ptr<const EstimatedModel> m_estimate;
    QString m_modelPath; ///< the file of the analysis shown
    std::optional<int> m_batch; ///< the batch the user chose; models open at their own otherwise
    QString m_pendingHardware; ///< chosen before the registry was loaded
    ModelLoader* m_loader;
    RegistryLoader* m_registryLoader;
    EstimateRunner* m_estimator;
    SubgraphSelection* m_selection;
    CalibrationRunner* m_calibrationRunner; ///< shared by the Calibration and Validation pages
    PageFeed* m_feed;
    RecentFiles* m_recentFiles = nullptr;

    HardwareToolBar* m_hardwareBar;
    QStackedWidget* m_stack;
    QLabel* m_welcome;
    QTabWidget* m_pages;
    StudioPages m_page;
    CloseGuard* m_closeGuard = nullptr;
    ExportActions* m_exports = nullptr;
    QList<QAction*> m_modelActions; ///< enabled once a model is open
    ImportProgress* m_importProgress = nullptr;
};

} // namespace graphs::ui
