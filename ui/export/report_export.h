#pragma once

#include <QList>
#include <QString>
#include <functional>

class QGraphicsScene;

namespace graphs::ui {

struct EstimatedModel;

/// One picture of a report: its caption, its file name in the report's folder, and how to write it (returns "" on
/// success, else the problem naming the file). The pages' own PNG exports fit here.
struct ReportFigure
{
    QString title;
    QString fileName;
    std::function<QString(const QString& path)> write;
};

/// The document of a design-review report: settings (model, hardware, batch, precision, runtime, calibration), the
/// estimate as `graphs analyze --format markdown` writes it, then the figures, linked from `figureFolder`.
QString reportMarkdown(const EstimatedModel& estimate, const QList<ReportFigure>& figures, const QString& figureFolder);

/// Writes a report to `path`: Markdown, or HTML when the name ends in .html/.htm (the same document converted by
/// QTextDocument). The figures go to the folder `<name>_files` beside it. Every file is written through QSaveFile,
/// the figures first: when one fails, the report file is not touched. Returns "" on success, else the problem.
QString exportReport(const QString& path, const EstimatedModel& estimate, const QList<ReportFigure>& figures);

/// Renders a whole scene (the graph view's diagram) to a PNG whose longer side is at most `maxSide` pixels, written
/// atomically.
QString saveScenePng(QGraphicsScene& scene, const QString& path, int maxSide = 4000);

} // namespace graphs::ui
