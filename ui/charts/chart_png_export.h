#pragma once

#include <QList>
#include <QRect>
#include <QSize>
#include <QString>

class QChart;
class QCustomPlot;

namespace graphs::ui {

/// A chart and where it goes in an exported picture.
struct ChartPlacement
{
    QChart* chart;
    QRect target;
};

/// Draws `charts` into one `size` picture, each laid out at the size of its target (whether or not it is on screen,
/// and at whatever size it is there), and writes it as a PNG to `path` atomically (QSaveFile). Returns an empty
/// string on success, else the problem, naming the file.
QString saveChartsPng(const QString& path, QSize size, const QList<ChartPlacement>& charts);

/// Renders a QCustomPlot at `width` × `height` (0: its size on screen) and writes it as a PNG to `path` atomically
/// (QSaveFile), unlike QCustomPlot::savePng, which writes in place. Returns "" on success, else the problem.
QString savePlotPng(QCustomPlot& plot, const QString& path, int width, int height);

} // namespace graphs::ui
