#pragma once

#include <QSize>
#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;
class QSpinBox;

namespace graphs::ui {

struct EnergyChartData;
struct EstimatedModel;
class EnergySubgraphChart;
class EnergyTotalChart;
class SubgraphSelection;

/// Where the energy of an inference goes: a donut of compute, each memory level and static power, and the subgraphs
/// that take the most, split the same way. Clicking a bar selects the subgraph everywhere; while a subgraph is
/// selected elsewhere its bar stands out. The caption gives each figure's confidence and bound.
class EnergyPage : public QWidget
{
    Q_OBJECT

public:
    explicit EnergyPage(SubgraphSelection* selection, QWidget* parent = nullptr);
    ~EnergyPage() override;

    /// Shows `estimate`; nullptr clears the charts.
    void setEstimate(std::shared_ptr<const EstimatedModel> estimate);
    /// What the charts draw; null without an estimate.
    const std::shared_ptr<const EnergyChartData>& data() const { return m_data; }

    /// Writes both charts as one PNG (the size on screen, or 1200×600 while they are not shown). Returns an empty
    /// string on success, else the problem, naming the file.
    QString exportImage(const QString& path, QSize size = {});
    /// Writes the per-subgraph split as CSV (see energyCsv()); same return as exportImage().
    QString exportCsv(const QString& path) const;
    /// Ask where, then export; problems show in a message box.
    void showExportImageDialog();
    void showExportCsvDialog();

    EnergyTotalChart* totalChart() const { return m_totalChart; }
    EnergySubgraphChart* subgraphChart() const { return m_subgraphChart; }
    QSpinBox* topCountBox() const { return m_topCount; }
    QLabel* caption() const { return m_caption; }
    QLabel* selectionNote() const { return m_selectionNote; }

private:
    void showSelection(int subgraph);
    QString totalCaption() const;
    QString exportName(const QString& suffix) const;

    SubgraphSelection* m_selection;
    std::shared_ptr<const EstimatedModel> m_estimate;
    std::shared_ptr<const EnergyChartData> m_data;
    QLabel* m_title;
    QSpinBox* m_topCount;
    QPushButton* m_exportImageButton;
    QPushButton* m_exportCsvButton;
    QWidget* m_charts;
    EnergyTotalChart* m_totalChart;
    EnergySubgraphChart* m_subgraphChart;
    QLabel* m_caption;
    QLabel* m_selectionNote;
};

} // namespace graphs::ui
