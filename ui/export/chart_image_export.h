#pragma once

#include <QList>
#include <QRect>
#include <QSize>
#include <QString>

class QChart;
class QCustomPlot;

namespace graphs::ui {

/// True when `path` names an SVG file (by its suffix): exports write SVG there, PNG elsewhere.
bool isSvgPath(const QString& path);

/// A chart and where it goes in an exported picture.
struct ChartPlacement
{
    QChart* chart;
    QRect target;
};

/// A QCustomPlot and where it goes in an exported picture.
struct PlotPlacement
{
    QCustomPlot* plot;
    QRect target;
};

/// Draws `charts` into one `size` picture, each laid out at the size of its target (whether or not it is on screen,
/// and at whatever size it is there), and writes it to `path` atomically (QSaveFile): SVG when the name ends in
/// .svg (vector: text and lines stay sharp at any scale), PNG otherwise. Returns an empty string on success, else
/// the problem, naming the file.
QString saveChartsImage(const QString& path, QSize size, const QList<ChartPlacement>& charts);

/// Renders QCustomPlots into one `size` picture, each at its target's size, and writes it like saveChartsImage().
QString savePlotsImage(const QString& path, QSize size, const QList<PlotPlacement>& plots);

/// Renders a QCustomPlot at `width` × `height` (0: its size on screen) and writes it as PNG or SVG (by the suffix) to
/// `path` atomically (QSaveFile), unlike QCustomPlot::savePng, which writes in place. Returns "" on success, else
/// the problem.
QString savePlotImage(QCustomPlot& plot, const QString& path, int width, int height);

} // namespace graphs::ui
