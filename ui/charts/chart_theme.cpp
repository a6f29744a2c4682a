#include "chart_theme.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegend>
#include <qcustomplot.h>

namespace graphs::ui {

namespace {

// Grid lines: the text colour, faint, so they read on either background.
QColor gridColour(const QPalette& palette)
{
    QColor c = palette.color(QPalette::Text);
    c.setAlpha(isDarkPalette(palette) ? 60 : 40);
    return c;
}

void applyToAxis(QCPAxis& axis, const QPalette& palette)
{
    const QColor text = palette.color(QPalette::Text);
    axis.setBasePen(QPen(text, 1));
    axis.setTickPen(QPen(text, 1));
    axis.setSubTickPen(QPen(text, 1));
    axis.setLabelColor(text);
    axis.setTickLabelColor(text);
    axis.grid()->setPen(QPen(gridColour(palette), 1, Qt::DotLine));
    QColor sub = gridColour(palette);
    sub.setAlpha(sub.alpha() / 2);
    axis.grid()->setSubGridPen(QPen(sub, 1, Qt::DotLine));
}

// A data colour (a roof's dark red or blue) as drawn on `palette`: lifted on a dark background so that it reads.
QColor onBackground(const QColor& colour, const QPalette& palette)
{
    return isDarkPalette(palette) && colour.lightness() < 110 ? colour.lighter(180) : colour;
}

// Text items and lines the charts drew: plain text (black or white, on no box of its own) takes the palette's text
// colour, data-coloured text and lines are lifted on a dark background. Each remembers its own colour the first
// time, so that switching back restores it.
void recolourItems(QCustomPlot& plot, const QPalette& palette)
{
    static const char* const Plain = "graphsPlainText";
    static const char* const Own = "graphsOwnColour";
    for (int i = 0; i < plot.itemCount(); ++i) {
        auto* text = qobject_cast<QCPItemText*>(plot.item(i));
        if (!text)
            continue;
        if (!text->property(Own).isValid()) {
            text->setProperty(Own, text->color());
            text->setProperty(Plain,
                (text->color() == Qt::black || text->color() == Qt::white) && text->brush().style() == Qt::NoBrush);
        }
        const QColor own = text->property(Own).value<QColor>();
        if (text->property(Plain).toBool())
            text->setColor(palette.color(QPalette::Text));
        else if (text->brush().style() == Qt::NoBrush)
            text->setColor(onBackground(own, palette));
    }
    for (int i = 0; i < plot.graphCount(); ++i) {
        QCPGraph* graph = plot.graph(i);
        if (!graph->property(Own).isValid())
            graph->setProperty(Own, graph->pen().color());
        QPen pen = graph->pen();
        pen.setColor(onBackground(graph->property(Own).value<QColor>(), palette));
        graph->setPen(pen);
    }
    if (plot.legend)
        for (int i = 0; i < plot.legend->itemCount(); ++i)
            if (QCPAbstractLegendItem* item = plot.legend->item(i)) // a wrapped legend leaves empty cells
                item->setTextColor(palette.color(QPalette::Text));
}

} // namespace

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

void applyPalette(QCustomPlot& plot, const QPalette& palette)
{
    plot.setBackground(palette.brush(QPalette::Base));
    for (QCPAxisRect* rect : plot.axisRects())
        for (QCPAxis* axis : rect->axes())
            applyToAxis(*axis, palette);
    if (QCPLegend* legend = plot.legend) {
        legend->setBrush(palette.brush(QPalette::Base));
        legend->setTextColor(palette.color(QPalette::Text));
        legend->setBorderPen(QPen(palette.color(QPalette::Mid)));
    }
    recolourItems(plot, palette);
    plot.replot(QCustomPlot::rpQueuedReplot);
}

void applyPalette(QChart& chart, const QPalette& palette)
{
    const QColor text = palette.color(QPalette::Text);
    chart.setBackgroundBrush(palette.brush(QPalette::Base));
    chart.setBackgroundPen(Qt::NoPen);
    chart.setTitleBrush(text);
    chart.legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart.axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(palette.color(QPalette::Mid));
        axis->setGridLineColor(gridColour(palette));
    }
}

ChartPaletteFollower::ChartPaletteFollower(QWidget* root)
    : QObject(root)
    , m_root(root)
{
    qApp->installEventFilter(this);
    refresh();
}

void ChartPaletteFollower::refresh()
{
    const QPalette palette = QApplication::palette();
    for (QCustomPlot* plot : m_root->findChildren<QCustomPlot*>()) {
        applyPalette(*plot, palette);
        // Charts add labels as their data changes: colour those before they are drawn.
        if (!plot->property("graphsFollowsPalette").toBool()) {
            plot->setProperty("graphsFollowsPalette", true);
            connect(plot, &QCustomPlot::beforeReplot, this, [plot] { recolourItems(*plot, QApplication::palette()); });
        }
    }
    for (QChartView* view : m_root->findChildren<QChartView*>()) {
        applyPalette(*view->chart(), palette);
        view->setBackgroundBrush(palette.brush(QPalette::Base));
    }
}

bool ChartPaletteFollower::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange)
        refresh();
    return QObject::eventFilter(watched, event);
}

} // namespace graphs::ui
