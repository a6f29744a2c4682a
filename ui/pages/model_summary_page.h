#pragma once

#include <QWidget>
#include <memory>

class QFormLayout;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QTableView;

namespace graphs {
struct GraphAnalysis;
}

namespace graphs::ui {

class EstimateSummaryBox;
struct EstimatedModel;
class OpHistogramModel;

/// The figures of one model: what it is, its inputs and outputs, its compute and memory totals, which
/// operators it uses, the warnings of the import and analysis, and the estimate on the chosen hardware.
class ModelSummaryPage : public QWidget
{
    Q_OBJECT

public:
    explicit ModelSummaryPage(QWidget* parent = nullptr);

    /// Shows `analysis`; nullptr clears the page.
    void setAnalysis(const std::shared_ptr<const GraphAnalysis>& analysis);

    /// Shows the estimate's headline figures; nullptr shows how to get one.
    void setEstimate(const std::shared_ptr<const EstimatedModel>& estimate);

    /// The value label of a figure, by its object name ("macs", "nodes", …); for tests.
    QLabel* figure(const QString& name) const;

private:
    QLabel* addFigure(QFormLayout* form, const QString& label, const QString& name);
    void showTensors(const std::shared_ptr<const GraphAnalysis>& analysis);
    void showWarnings(const std::shared_ptr<const GraphAnalysis>& analysis);

    QFormLayout* m_tensorsForm = nullptr;
    QGroupBox* m_warningsBox = nullptr;
    QPlainTextEdit* m_warnings = nullptr;
    OpHistogramModel* m_histogram = nullptr;
    QTableView* m_histogramView = nullptr;
    EstimateSummaryBox* m_estimateBox = nullptr;
};

} // namespace graphs::ui
