#include "charts/chart_png_export.h"

#include "save_text_file.h"

#include <QBuffer>
#include <QChart>
#include <QCoreApplication>
#include <QDir>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <qcustomplot.h>

namespace graphs::ui {

namespace {

/// Lays `chart` out at `size` now: a chart resized waits for the event loop to lay out its axes and series.
void layOut(QChart* chart, const QSizeF& size)
{
    chart->resize(size);
    if (QGraphicsLayout* layout = chart->layout())
        layout->activate();
}

} // namespace

QString saveChartsPng(const QString& path, QSize size, const QList<ChartPlacement>& charts)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        for (const ChartPlacement& placement : charts) {
            QChart* chart = placement.chart;
            if (!chart->scene())
                continue;
            // Drawn from the scene at the target's size rather than grabbed: a widget not on screen is laid out at
            // its window's size when grabbed, whatever size it was given.
            const QSizeF shown = chart->size();
            layOut(chart, placement.target.size());
            chart->scene()->render(&painter, QRectF(placement.target), chart->sceneBoundingRect());
            layOut(chart, shown);
        }
    }
    QByteArray png;
    QBuffer buffer(&png);
    if (!buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG"))
        return QCoreApplication::translate("graphs::ui", "Could not render the chart for %1")
            .arg(QDir::toNativeSeparators(path));
    return saveTextFile(path, png);
}

QString savePlotPng(QCustomPlot& plot, const QString& path, int width, int height)
{
    const QPixmap picture = plot.toPixmap(width, height);
    QByteArray png;
    QBuffer buffer(&png);
    if (picture.isNull() || !buffer.open(QIODevice::WriteOnly) || !picture.save(&buffer, "PNG"))
        return QCoreApplication::translate("graphs::ui", "Could not render the chart for %1")
            .arg(QDir::toNativeSeparators(path));
    return saveTextFile(path, png);
}

} // namespace graphs::ui
