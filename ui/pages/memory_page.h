#pragma once

#include <QSize>
#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;

namespace graphs::ui {

struct EstimatedModel;
struct MemoryChartData;
class MemorySplitChart;
class MemoryTimelineChart;

/// The memory of one inference: weights against the activations alive at the peak, and the activations alive after
/// each step of the execution order, the peak marked. Hovering the timeline names the node of each step.
class MemoryPage : public QWidget
{
    Q_OBJECT

public:
    explicit MemoryPage(QWidget* parent = nullptr);
    ~MemoryPage() override;

    /// Shows `estimate`; nullptr clears the charts.
    void setEstimate(std::shared_ptr<const EstimatedModel> estimate);
    /// What the charts draw; null without an estimate.
    const std::shared_ptr<const MemoryChartData>& data() const { return m_data; }

    /// Writes both charts as one PNG (the size on screen, or 1200×700 while they are not shown). Returns an empty
    /// string on success, else the problem, naming the file.
    QString exportImage(const QString& path, QSize size = {});
    /// Writes the timeline as CSV (see memoryCsv()); same return as exportImage().
    QString exportCsv(const QString& path) const;
    /// Ask where, then export; problems show in a message box.
    void showExportImageDialog();
    void showExportCsvDialog();

    MemorySplitChart* splitChart() const { return m_splitChart; }
    MemoryTimelineChart* timelineChart() const { return m_timelineChart; }
    QLabel* caption() const { return m_caption; }

private:
    QString exportName(const QString& suffix) const;
    QString exportDirectory() const;

    std::shared_ptr<const EstimatedModel> m_estimate;
    std::shared_ptr<const MemoryChartData> m_data;
    QLabel* m_title;
    QPushButton* m_exportImageButton;
    QPushButton* m_exportCsvButton;
    QWidget* m_charts;
    MemorySplitChart* m_splitChart;
    MemoryTimelineChart* m_timelineChart;
    QLabel* m_caption;
};

} // namespace graphs::ui
