#include "charts/few_shot_curve_plot.h"

#include "calibration/few_shot.h"
#include "charts/legend_rows.h"

#include <algorithm>

namespace graphs::ui {

namespace {

const QColor PriorColour(0x4e, 0x79, 0xa7);
const QColor RooflineColour(0xe1, 0x57, 0x59);

void relayOutLegend(QCustomPlot& plot, int& columns)
{
    const int wanted = std::min(2, legendColumnsFor(plot.width()));
    if (wanted == columns)
        return;
    columns = wanted;
    arrangeLegendInRows(*plot.legend, columns);
}

} // namespace

FewShotCurvePlot::FewShotCurvePlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("fewShotCurvePlot"));
    setMinimumSize(240, 100); // the Calibration page, with this in a tab below, fits a 640-pixel-high window
    setAutoAddPlottableToLegend(false);
    xAxis->setLabel(tr("Models of the device fitted"));
    yAxis->setLabel(tr("Leave-one-model-out error (%)"));
    // Whole models only: one tick per training-set size.
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    xAxis->setTicker(ticker);
    placeLegendAbove(*this, QSize(22, 15));
    setCurves(nullptr, nullptr);
}

void FewShotCurvePlot::setCurves(const FewShotCurve* prior, const FewShotCurve* roofline)
{
    clearGraphs();
    double xHigh = 1, yHigh = 0;
    const auto add = [&](const FewShotCurve* curve, bool median, const QColor& colour, const QString& name) {
        if (!curve || curve->steps.empty())
            return;
        QVector<double> x, y;
        for (const FewShotStep& k : curve->steps) {
            x << static_cast<double>(k.models);
            y << (median ? k.medianPct : k.mapePct);
            xHigh = std::max(xHigh, x.back());
            yHigh = std::max(yHigh, y.back());
        }
        QCPGraph* graph = addGraph();
        graph->setName(name);
        graph->setPen(QPen(colour, median ? 1.6 : 2.4, median ? Qt::DashLine : Qt::SolidLine));
        graph->setScatterStyle(QCPScatterStyle(
            median ? QCPScatterStyle::ssSquare : QCPScatterStyle::ssDisc, colour, median ? Qt::white : colour, 7));
        graph->setData(x, y, true);
        graph->addToLegend();
    };
    // The prior's device is named above the chart: the legend stays short enough for two columns.
    add(prior, false, PriorColour, tr("MAPE, carried-over prior"));
    add(prior, true, PriorColour, tr("median, carried-over prior"));
    add(roofline, false, RooflineColour, tr("MAPE, roofline prior"));
    add(roofline, true, RooflineColour, tr("median, roofline prior"));
    legend->setVisible(graphCount() > 0);
    xAxis->setRange(-0.25, xHigh + 0.25);
    yAxis->setRange(0, yHigh > 0 ? yHigh * 1.12 : 1);
    m_legendColumns = 0;
    relayOutLegend(*this, m_legendColumns);
    replot(rpQueuedReplot);
}

void FewShotCurvePlot::resizeEvent(QResizeEvent* event)
{
    relayOutLegend(*this, m_legendColumns);
    QCustomPlot::resizeEvent(event);
}

} // namespace graphs::ui
