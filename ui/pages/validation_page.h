#pragma once

#include <QSize>
#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace graphs::ui {

struct CalibrationRun;
struct HardwareCatalog;
class CalibrationRunner;
class CalibrationScatterPlot;
class PublishedValidationView;
class ValidationHistogramPlot;
class ValidationTableModel;

/// How well the estimates hold, in two tabs. Calibration: how well a calibration estimates models it has not seen,
/// each measured model estimated by a fit that left it out (the calibration of the shared CalibrationRunner), as a
/// measured-vs-estimated chart with each stated bound as an error bar, a histogram of the errors, a sortable table
/// per model and the summary statistics. Published results: MLPerf results estimated on the registry's hardware
/// (PublishedValidationView).
class ValidationPage : public QWidget
{
    Q_OBJECT

public:
    explicit ValidationPage(CalibrationRunner* runner, QWidget* parent = nullptr);
    ~ValidationPage() override;

    enum Tab { CalibrationTab, PublishedTab };
    /// The hardware entries the published results name.
    void setCatalog(std::shared_ptr<const HardwareCatalog> catalog);
    void showTab(Tab tab);
    QTabWidget* tabs() const { return m_tabs; }
    PublishedValidationView* publishedView() const { return m_published; }

    /// Shows the validation of `run` (nullptr: nothing); the runner's results arrive here by themselves.
    void setRun(std::shared_ptr<const CalibrationRun> run);
    const std::shared_ptr<const CalibrationRun>& run() const { return m_run; }

    /// Writes the two charts side by side as one PNG; "" or the problem, naming the file.
    QString exportImage(const QString& path, QSize size = {}) const;
    /// Writes the table as CSV (QSaveFile); "" or the problem, naming the file.
    QString exportCsv(const QString& path) const;

    ValidationTableModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    CalibrationScatterPlot* scatterPlot() const { return m_scatter; }
    ValidationHistogramPlot* histogramPlot() const { return m_histogram; }
    QLabel* summaryLabel() const { return m_summary; }
    QLabel* messageLabel() const { return m_message; }

private:
    void showImageDialog();
    void showCsvDialog();
    QString exportName(const QString& suffix) const;
    QString summaryText() const;
    void setMessage(const QString& text);

    std::shared_ptr<const CalibrationRun> m_run;
    QLabel* m_title;
    QLabel* m_message;
    QLabel* m_summary;
    QPushButton* m_imageButton;
    QPushButton* m_csvButton;
    CalibrationScatterPlot* m_scatter;
    ValidationHistogramPlot* m_histogram;
    ValidationTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    PublishedValidationView* m_published;
    QTabWidget* m_tabs;
};

} // namespace graphs::ui
