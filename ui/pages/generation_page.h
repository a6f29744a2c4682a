#pragma once

#include "jobs/generation_run.h"
#include "jobs/job_tracker.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace graphs::ui {

struct HardwareCatalog;
class GenerationLatencyPlot;
class GenerationMemoryPlot;
class GenerationTableModel;
class HardwareCheckModel;

/// Text generation with a decoder, as `graphs generate` estimates it, on every hardware entry checked: time to the
/// first token (the prefill), decode time per token, tokens per second and energy per token with their confidence,
/// and memory (weights, KV cache, activations) against each device's. Estimated in the background with progress and
/// Cancel; latency per token and memory are drawn against the context length, the devices side by side; the table
/// exports as CSV, the charts as PNG or SVG.
class GenerationPage : public QWidget
{
    Q_OBJECT

public:
    enum class Chart { Latency, Memory };

    explicit GenerationPage(QWidget* parent = nullptr);
    /// Cancels a run in flight and waits for it to stop.
    ~GenerationPage() override;

    /// The hardware entries and runtime profiles to choose from.
    void setCatalog(std::shared_ptr<const HardwareCatalog> catalog);
    void setModel(const QString& path);
    QString model() const;
    void setHardwareChecked(const QString& id, bool checked);
    /// A calibration profile was saved: the hardware list's marks are looked up again.
    void refreshCalibrations();

    /// Starts a run of what is chosen (a run in flight is superseded); false, with the reason shown, when something
    /// is missing.
    bool run();
    void cancel();
    bool isRunning() const { return m_job.isRunning(); }
    /// The devices estimated and what failed; null before the first run completes.
    const std::shared_ptr<const GenerationRun>& result() const { return m_result; }

    /// Writes one summary row per device, as `graphs generate --format csv` does. "" on success, else the problem.
    QString exportCsv(const QString& path) const;
    /// Writes `chart` as PNG, or SVG when `path` ends in .svg, at `size` (empty: its size on screen, or 1200×800
    /// while it is not shown). "" on success, else the problem naming the file.
    QString exportChart(Chart chart, const QString& path, QSize size = {}) const;

    QLineEdit* modelEdit() const { return m_model; }
    QListView* hardwareView() const { return m_hardwareView; }
    HardwareCheckModel* hardwareModel() const { return m_hardware; }
    QComboBox* runtimeCombo() const { return m_runtime; }
    QSpinBox* promptSpin() const { return m_prompt; }
    QSpinBox* tokensSpin() const { return m_tokens; }
    QSpinBox* batchSpin() const { return m_batch; }
    QComboBox* precisionCombo() const { return m_precision; }
    QComboBox* weightsCombo() const { return m_weights; }
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* errorLabel() const { return m_errors; }
    GenerationLatencyPlot* latencyPlot() const { return m_latencyPlot; }
    GenerationMemoryPlot* memoryPlot() const { return m_memoryPlot; }
    GenerationTableModel* tableModel() const { return m_table; }
    QTableView* tableView() const { return m_view; }

Q_SIGNALS:
    /// A run ended: its results are shown, or it was cancelled.
    void finished();

private:
    QWidget* createInputs();
    QWidget* createResults();
    QString missingInput() const;
    GenerationInputs snapshot() const;
    void onFinished(std::shared_ptr<const GenerationRun> run);
    void showResult(std::shared_ptr<const GenerationRun> run);
    void updateButtons();
    /// Marks the hardware list for the chosen runtime and precision, as the toolbar's picker is marked.
    void markCalibrations();
    void showExportCsvDialog();
    void showExportChartDialog(Chart chart);
    void saveChoices() const;
    void restoreChoices();

    JobTracker<GenerationRun> m_job;
    std::shared_ptr<const HardwareCatalog> m_catalog;
    std::shared_ptr<const GenerationRun> m_result;

    QLineEdit* m_model;
    QLineEdit* m_hardwareSearch;
    HardwareCheckModel* m_hardware;
    QListView* m_hardwareView;
    QLabel* m_hardwareCount;
    QComboBox* m_runtime;
    QSpinBox* m_prompt;
    QSpinBox* m_tokens;
    QSpinBox* m_batch;
    QComboBox* m_precision;
    QComboBox* m_weights;
    QPushButton* m_runButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QLabel* m_status;
    QLabel* m_errors;
    GenerationLatencyPlot* m_latencyPlot;
    GenerationMemoryPlot* m_memoryPlot;
    GenerationTableModel* m_table;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QPushButton* m_exportCsvButton;
    QPushButton* m_exportChartButton;
};

} // namespace graphs::ui
