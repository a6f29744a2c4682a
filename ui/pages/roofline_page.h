#pragma once

#include <QSize>
#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;

namespace graphs::ui {

struct EstimatedModel;
class RooflinePlot;
class SubgraphSelection;

/// The estimate on a roofline: the hardware's roofs and one dot per subgraph. Clicking a dot selects the subgraph
/// everywhere; the subgraph selected elsewhere is ringed.
class RooflinePage : public QWidget
{
    Q_OBJECT

public:
    explicit RooflinePage(SubgraphSelection* selection, QWidget* parent = nullptr);

    /// Shows `estimate`; nullptr clears the chart.
    void setEstimate(std::shared_ptr<const EstimatedModel> estimate);

    /// Writes the chart as a PNG (the size on screen, or 1200×800 while it is not shown). Returns an empty string on
    /// success, else the problem, naming the file.
    QString exportImage(const QString& path, QSize size = {}) const;
    /// Asks where, then exports; problems show in a message box.
    void showExportDialog();

    RooflinePlot* plot() const { return m_plot; }

private:
    SubgraphSelection* m_selection;
    std::shared_ptr<const EstimatedModel> m_estimate;
    QLabel* m_title;
    QLabel* m_note;
    QPushButton* m_exportButton;
    RooflinePlot* m_plot;
};

} // namespace graphs::ui
