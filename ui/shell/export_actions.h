#pragma once

#include "shell/page_table.h"

#include <QObject>
#include <QString>
#include <memory>

class QAction;
class QMenu;
class QWidget;

namespace graphs::ui {

/// The File menu's exports: the nodes as CSV, the subgraphs as CSV, the roofline as PNG and the design-review report,
/// each enabled once the open model (or its estimate) allows it. What was written is announced by exported(), what
/// went wrong by failed(); the window shows them.
class ExportActions : public QObject
{
    Q_OBJECT

public:
    /// `window` parents the dialogs; the actions follow what `feed` carries.
    ExportActions(QWidget* window, const StudioPages& pages, PageFeed* feed);

    void addTo(QMenu* menu);

    /// Writes the nodes CSV of the open model; false (after failed()) when it cannot.
    bool exportNodesCsv(const QString& path);
    /// Writes the report (Markdown, or HTML by the suffix) with the charts beside it; "" on success, else the problem
    /// naming the file.
    QString exportReport(const QString& path);

Q_SIGNALS:
    void exported(const QString& path);
    void failed(const QString& title, const QString& text, const QString& details);

private:
    void showNodesCsvDialog();
    void showReportDialog();
    void setEstimate(std::shared_ptr<const graphs::ui::EstimatedModel> estimate);

    QWidget* m_window;
    StudioPages m_pages;
    std::shared_ptr<const GraphAnalysis> m_analysis;
    std::shared_ptr<const EstimatedModel> m_estimate;
    QString m_modelPath;
    QAction* m_nodesCsv;
    QAction* m_subgraphsCsv;
    QAction* m_rooflineImage;
    QAction* m_report;
};

} // namespace graphs::ui
