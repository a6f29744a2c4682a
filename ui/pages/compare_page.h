#pragma once

#include "jobs/compare_run.h"
#include "jobs/job_tracker.h"

#include <QWidget>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace graphs::ui {

struct HardwareCatalog;
class CompareBarChart;
class CompareTableModel;
class HardwareCheckModel;
class ParetoPlot;

/// Several models on several hardware entries at several batch sizes (and precisions), as `graphs compare` does:
/// estimated in the background with progress and Cancel, then shown as grouped bars, a latency-vs-energy scatter
/// with each model × batch's Pareto front, and a table, each exportable. The model open in the window is listed
/// on its own; a model that cannot be imported is named above the table while the others' rows still show.
class ComparePage : public QWidget
{
    Q_OBJECT

public:
    enum class Chart { Bars, Pareto };

    explicit ComparePage(QWidget* parent = nullptr);
    /// Cancels a run in flight and waits for its current step.
    ~ComparePage() override;

    /// The hardware entries and runtime profiles to choose from.
    void setCatalog(std::shared_ptr<const HardwareCatalog> catalog);
    /// The model open in the window: listed first, in place of the one open before (unless that was added by hand).
    void setOpenModel(const QString& path);
    /// Adds files not listed yet.
    void addModels(const QStringList& paths);
    void removeSelectedModels();
    QStringList models() const;
    void setHardwareChecked(const QString& id, bool checked);
    /// A calibration profile was saved: the hardware list's marks are looked up again.
    void refreshCalibrations();
    /// The batch sizes typed ("1, 8, 32"), sorted and without repeats; empty when the text is not such a list.
    std::vector<int64_t> batches() const;
    std::vector<Precision> precisions() const;
    void setPrecisionChecked(Precision precision, bool checked);

    /// Starts a run of what is chosen (a run in flight is superseded); false, with the reason shown, when something
    /// is missing.
    bool run();
    void cancel();
    bool isRunning() const { return m_job.isRunning(); }
    /// The rows shown and what could not be compared; null before the first run completes.
    const std::shared_ptr<const CompareResult>& result() const { return m_result; }

    /// Writes the rows as `graphs compare --format csv` does. Returns "" on success, else the problem naming the file.
    QString exportCsv(const QString& path) const;
    /// Writes `chart` as a PNG of `size` (empty: its size on screen, or 1200×800 while it is not shown).
    QString exportImage(Chart chart, const QString& path, QSize size = {}) const;
    void showExportCsvDialog();
    void showExportImageDialog(Chart chart);

    QListWidget* modelList() const { return m_models; }
    QLineEdit* hardwareSearch() const { return m_hardwareSearch; }
    QListView* hardwareView() const { return m_hardwareView; }
    HardwareCheckModel* hardwareModel() const { return m_hardware; }
    QLineEdit* batchEdit() const { return m_batches; }
    QComboBox* runtimeCombo() const { return m_runtime; }
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* errorLabel() const { return m_errors; }
    QComboBox* barMetricCombo() const { return m_barMetric; }
    CompareBarChart* barChart() const { return m_bars; }
    ParetoPlot* paretoPlot() const { return m_pareto; }
    CompareTableModel* tableModel() const { return m_table; }
    QSortFilterProxyModel* tableProxy() const { return m_proxy; }
    QTableView* tableView() const { return m_view; }

Q_SIGNALS:
    /// A run ended: its rows are shown, or it was cancelled.
    void finished();

private:
    QWidget* createInputs();
    QWidget* createResults();
    QString missingInput() const;
    CompareInputs snapshot() const;
    void onFinished(std::shared_ptr<const CompareResult> result);
    void showResult(std::shared_ptr<const CompareResult> result);
    void updateButtons();
    /// Marks the hardware list for the chosen runtime and the first precision checked, as the toolbar's picker is
    /// marked.
    void markCalibrations();
    void saveChoices() const;
    void restoreChoices();

    JobTracker<CompareResult> m_job;
    std::shared_ptr<const HardwareCatalog> m_catalog;
    std::shared_ptr<const CompareResult> m_result;
    QString m_openModel; ///< the file open in the window, listed while not removed

    QListWidget* m_models;
    QLineEdit* m_hardwareSearch;
    HardwareCheckModel* m_hardware;
    QListView* m_hardwareView;
    QLabel* m_hardwareCount;
    QLineEdit* m_batches;
    std::vector<std::pair<Precision, QCheckBox*>> m_precisions;
    QComboBox* m_runtime;
    QPushButton* m_runButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QLabel* m_status;
    QLabel* m_errors;
    QComboBox* m_barMetric;
    CompareBarChart* m_bars;
    ParetoPlot* m_pareto;
    CompareTableModel* m_table;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QPushButton* m_exportCsvButton;
    QPushButton* m_exportImageButton;
};

} // namespace graphs::ui
