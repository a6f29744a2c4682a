#pragma once

#include "jobs/job_tracker.h"
#include "jobs/published_run.h"

#include <QSize>
#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace graphs::ui {

struct HardwareCatalog;
class PublishedScatterPlot;
class PublishedTableModel;

/// Published benchmark results (MLPerf Inference) as a validation set, as `graphs validate --published` runs them:
/// a CSV (the bundled mlperf.csv unless the user chose another, remembered) estimated row by row on the registry's
/// hardware in the background, with progress and Cancel; then a published-vs-estimated chart per scenario, a
/// sortable table with the skipped rows and their reasons, and the summary; exported as CSV, Markdown or a picture
/// of the chart. A file that cannot be read is named, with its line, in the message area.
class PublishedValidationView : public QWidget
{
    Q_OBJECT

public:
    explicit PublishedValidationView(QWidget* parent = nullptr);
    /// Cancels a run in flight and waits for its current row.
    ~PublishedValidationView() override;

    /// The hardware entries the rows name. The first run starts once the view is shown with a catalog.
    void setCatalog(std::shared_ptr<const HardwareCatalog> catalog);
    /// The published-results CSV to estimate (remembered for the next session); run() estimates it.
    void setFile(const QString& path);
    QString file() const { return m_file; }
    /// <bundled registry>/published/mlperf.csv.
    static QString bundledFile();
    /// Where the benchmarks' models are looked up (default: the bundled models).
    void setModelDirectories(const QStringList& directories) { m_modelDirs = directories; }
    QStringList modelDirectories() const { return m_modelDirs; }

    /// Starts estimating file() (a run in flight is superseded); false, with the reason shown, when the registry has
    /// not loaded yet.
    bool run();
    void cancel();
    bool isRunning() const { return m_job.isRunning(); }
    /// The validation shown; null before a run completes and after one fails.
    const std::shared_ptr<const PublishedValidation>& validation() const { return m_validation; }

    /// "" or the problem, naming the file.
    QString exportCsv(const QString& path) const;
    QString exportMarkdown(const QString& path) const;
    /// PNG, or SVG when the name ends in .svg; `size` empty: 1400 × 640.
    QString exportChart(const QString& path, QSize size = {}) const;

    /// The summary as the view shows it: rows, MAPE, median, shares within ±25 % and ±15 %, bias per scenario,
    /// MAPE per benchmark, energy rows.
    static QString summaryText(const PublishedSummary& summary);

    QLineEdit* fileEdit() const { return m_fileEdit; }
    QPushButton* chooseButton() const { return m_chooseButton; }
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* messageLabel() const { return m_message; }
    QLabel* summaryLabel() const { return m_summary; }
    PublishedTableModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    PublishedScatterPlot* scatterPlot() const { return m_scatter; }

Q_SIGNALS:
    /// A run ended: its rows are shown, its error is, or it was cancelled.
    void finished();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* createResults();
    void chooseFile();
    /// `result` null: the run was cancelled.
    void onFinished(const PublishedRunResult* result);
    void showValidation(std::shared_ptr<const PublishedValidation> validation);
    void setMessage(const QString& text, bool error);
    void updateButtons();
    void selectIndex(int index);
    QString exportName(const QString& suffix) const;
    void showCsvDialog();
    void showMarkdownDialog();
    void showChartDialog();

    JobTracker<PublishedRunResult> m_job;
    bool m_started = false; ///< a run was started: showing the view again does not start another
    std::shared_ptr<const HardwareCatalog> m_catalog;
    std::shared_ptr<const PublishedValidation> m_validation;
    QString m_file;
    QStringList m_modelDirs;

    QLineEdit* m_fileEdit;
    QPushButton* m_chooseButton;
    QPushButton* m_runButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QPushButton* m_csvButton;
    QPushButton* m_markdownButton;
    QPushButton* m_chartButton;
    QLabel* m_message;
    QLabel* m_summary;
    PublishedScatterPlot* m_scatter;
    PublishedTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
};

} // namespace graphs::ui
