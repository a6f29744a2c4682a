#include "export/chart_image_export.h"

#include "export/save_text_file.h"

#include <QBuffer>
#include <QChart>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>
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

bool isSvgPath(const QString& path)
{
    return path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive);
}

namespace {

/// Paints with `paint` on a white `size` canvas and encodes it as SVG or PNG (by `path`), then writes it atomically.
template <typename Paint> QString writePicture(const QString& path, QSize size, Paint paint)
{
    const QString failed = QCoreApplication::translate("graphs::ui", "Could not render the chart for %1")
                               .arg(QDir::toNativeSeparators(path));
    if (size.isEmpty())
        return failed;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    if (!buffer.open(QIODevice::WriteOnly))
        return failed;
    if (isSvgPath(path)) {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(QFileInfo(path).completeBaseName());
        QCPPainter painter;
        if (!painter.begin(&svg))
            return failed;
        painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
        paint(painter);
        painter.end();
    } else {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        paint(painter);
        painter.end();
        if (!image.save(&buffer, "PNG"))
            return failed;
    }
    return saveTextFile(path, bytes);
}

} // namespace

QString saveChartsImage(const QString& path, QSize size, const QList<ChartPlacement>& charts)
{
    return writePicture(path, size, [&](QPainter& painter) {
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
    });
}

QString savePlotsImage(const QString& path, QSize size, const QList<PlotPlacement>& plots)
{
    return writePicture(path, size, [&](QCPPainter& painter) {
        for (const PlotPlacement& placement : plots) {
            painter.save();
            painter.translate(placement.target.topLeft());
            placement.plot->toPainter(&painter, placement.target.width(), placement.target.height());
            painter.restore();
        }
    });
}

QString savePlotImage(QCustomPlot& plot, const QString& path, int width, int height)
{
    const QSize size = width > 0 && height > 0 ? QSize(width, height) : plot.size();
    return savePlotsImage(path, size, { { &plot, QRect(QPoint(0, 0), size) } });
}

} // namespace graphs::ui
