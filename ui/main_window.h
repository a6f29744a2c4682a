#pragma once

#include "hardware/precision.h"

#include <QMainWindow>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace graphs {
struct GraphAnalysis;
}

namespace graphs::ui {

struct EstimatedModel;
struct HardwareCatalog;
class BenchmarksPage;
class CalibrationPage;
class CalibrationRunner;
class CloseGuard;
class ComparePage;
class EnergyPage;
class EstimateRunner;
class GraphViewPage;
class HardwareToolBar;
class ModelLoader;
class MemoryPage;
class ModelSummaryPage;
class NodesPage;
class RecentFiles;
class RegistryLoader;
class RooflinePage;
class SubgraphSelection;
class SubgraphsPage;
class ValidationPage;

/// The shell of graphs-studio: menus, the hardware toolbar, the status bar, and a stack of a welcome screen and the
/// tabbed pages. The pages render the analysis and the estimate; loading runs in ModelLoader, the registry in
/// RegistryLoader, estimating in EstimateRunner.
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
    ModelSummaryPage* summaryPage() const { return m_summaryPage; }
    NodesPage* nodesPage() const { return m_nodesPage; }
    GraphViewPage* graphPage() const { return m_graphPage; }
    SubgraphsPage* subgraphsPage() const { return m_subgraphsPage; }
    RooflinePage* rooflinePage() const { return m_rooflinePage; }
    EnergyPage* energyPage() const { return m_energyPage; }
    MemoryPage* memoryPage() const { return m_memoryPage; }
    ComparePage* comparePage() const { return m_comparePage; }
    CalibrationRunner* calibrationRunner() const { return m_calibrationRunner; }
    CalibrationPage* calibrationPage() const { return m_calibrationPage; }
    ValidationPage* validationPage() const { return m_validationPage; }
    BenchmarksPage* benchmarksPage() const { return m_benchmarksPage; }
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
    void createStatusBar();
    void connectEstimation();
    void restoreSettings();

    void showOpenDialog();
    void showExportDialog();
    void showAbout();
    void showReportDialog();
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
    RecentFiles* m_recentFiles = nullptr;

    HardwareToolBar* m_hardwareBar;
    QStackedWidget* m_stack;
    QLabel* m_welcome;
    QTabWidget* m_pages;
    ModelSummaryPage* m_summaryPage;
    NodesPage* m_nodesPage;
    GraphViewPage* m_graphPage;
    SubgraphsPage* m_subgraphsPage;
    RooflinePage* m_rooflinePage;
    EnergyPage* m_energyPage = nullptr;
    MemoryPage* m_memoryPage = nullptr;
    ComparePage* m_comparePage = nullptr;
    CalibrationRunner* m_calibrationRunner = nullptr; ///< shared by the Calibration and Validation pages
    CalibrationPage* m_calibrationPage = nullptr;
    ValidationPage* m_validationPage = nullptr;
    BenchmarksPage* m_benchmarksPage = nullptr;
    CloseGuard* m_closeGuard = nullptr;

    QAction* m_exportCsvAction = nullptr;
    QAction* m_exportSubgraphsAction = nullptr;
    QAction* m_exportRooflineAction = nullptr;
    QAction* m_exportReportAction = nullptr;
    QList<QAction*> m_modelActions; ///< enabled once a model is open
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace graphs::ui
