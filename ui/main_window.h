#pragma once

#include <QMainWindow>
#include <memory>

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

class ModelLoader;
class ModelSummaryPage;
class NodesPage;
class RecentFiles;

/// The shell of graphs-studio: menus, the status bar, and a stack of a welcome screen and the tabbed pages.
/// The pages render the analysis; loading runs in ModelLoader.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Starts loading `path` in the background; the pages switch to it once it is analysed.
    void openModel(const QString& path);
    /// Writes the nodes CSV of the open model; on failure shows the problem and returns false.
    bool exportNodesCsv(const QString& path);

    const std::shared_ptr<const GraphAnalysis>& analysis() const { return m_analysis; }
    ModelLoader* loader() const { return m_loader; }
    ModelSummaryPage* summaryPage() const { return m_summaryPage; }
    NodesPage* nodesPage() const { return m_nodesPage; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void createStatusBar();
    void restoreSettings();

    void showOpenDialog();
    void showExportDialog();
    void showAbout();
    void showError(const QString& title, const QString& text, const QString& details);

    void onLoaded(std::shared_ptr<const GraphAnalysis> analysis);
    void onFailed(const QString& message);
    void onCancelled();
    void setLoading(bool loading);

    std::shared_ptr<const GraphAnalysis> m_analysis;
    ModelLoader* m_loader;
    RecentFiles* m_recentFiles = nullptr;

    QStackedWidget* m_stack;
    QLabel* m_welcome;
    QTabWidget* m_pages;
    ModelSummaryPage* m_summaryPage;
    NodesPage* m_nodesPage;

    QAction* m_exportCsvAction = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace graphs::ui
