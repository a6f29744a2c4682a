#include "charts/pareto_plot.h"

#include "charts/legend_rows.h"
#include "charts/log_axis_ticker.h"

#include <QToolTip>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace graphs::ui {

namespace {

constexpr double PointSize = 9;
constexpr double RingSize = 16;
/// Pixels from a point's centre that still count as pointing at it.
constexpr double HitRadius = 8;
const QColor FrontColour(70, 70, 70);

/// Whole decades around [lowest, highest], at least one: log axes read best between powers of ten.
QCPRange logRange(double lowest, double highest)
{
    if (!(lowest > 0) || !(highest > 0))
        return QCPRange(0.1, 10);
    const double lower = std::pow(10.0, std::floor(std::log10(lowest / 1.6)));
    return QCPRange(lower, std::max(highest * 1.6, lower * 10));
}

} // namespace

ParetoPlot::ParetoPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("paretoPlot"));
    setMouseTracking(true);
    setMinimumSize(260, 220);
    setAutoAddPlottableToLegend(false); // only the colour keys and the fronts are named

    for (QCPAxis* axis : { xAxis, yAxis }) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new LogAxisTicker));
        axis->grid()->setSubGridVisible(true);
        QPen sub = axis->grid()->subGridPen();
        sub.setColor(QColor(230, 230, 230));
        axis->grid()->setSubGridPen(sub);
    }
    xAxis->setLabel(tr("Latency per inference (ms)"));
    yAxis->setLabel(tr("Energy per inference (mJ)"));

    placeLegendAbove(*this, QSize(22, 15));

    connect(this, &QCustomPlot::mouseMove, this, &ParetoPlot::onMouseMove);
    rebuild();
}

QCPScatterStyle::ScatterShape ParetoPlot::groupShape(int group)
{
    static const std::array<QCPScatterStyle::ScatterShape, 6> shapes { QCPScatterStyle::ssCircle,
        QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle, QCPScatterStyle::ssDiamond,
        QCPScatterStyle::ssTriangleInverted, QCPScatterStyle::ssStar };
    return shapes[static_cast<size_t>(group) % shapes.size()];
}

void ParetoPlot::setData(CompareChartData data)
{
    m_data = std::move(data);
    rebuild();
}

QCPGraph* ParetoPlot::front(int group) const
{
    return group >= 0 && group < static_cast<int>(m_fronts.size()) ? m_fronts[static_cast<size_t>(group)] : nullptr;
}

void ParetoPlot::rebuild()
{
    clearGraphs();
    m_fronts.clear();
    if (m_data.isEmpty()) {
        layOutLegend();
        legend->setVisible(false);
        xAxis->setRange(0.1, 10);
        yAxis->setRange(0.1, 10);
        replot(rpQueuedReplot);
        return;
    }
    legend->setVisible(true);

    double xLow = std::numeric_limits<double>::max(), xHigh = 0;
    double yLow = std::numeric_limits<double>::max(), yHigh = 0;
    for (const ComparePoint& p : m_data.points) {
        if (p.latencyMs > 0)
            xLow = std::min(xLow, p.latencyMs), xHigh = std::max(xHigh, p.latencyMs);
        if (p.energyMj > 0)
            yLow = std::min(yLow, p.energyMj), yHigh = std::max(yHigh, p.energyMj);
    }
    xAxis->setRange(logRange(xLow, xHigh));
    yAxis->setRange(logRange(yLow, yHigh));

    // Legend keys for the colours (hardware) come first; the points themselves stay out of the legend.
    for (const CompareSeries& s : m_data.series) {
        QCPGraph* key = addGraph();
        // A swatch of colour, no shape: shapes tell the model × batch apart.
        key->setPen(QPen(s.colour, 7));
        key->setName(legendText(s.label, 28));
        key->setSelectable(QCP::stNone);
        key->addToLegend();
    }
    // Fronts under the points: the staircase of the rows no other row of the model × batch beats on both axes.
    // Sorted by latency, the front's energy falls; the step keeps each point's energy until the next is reached.
    for (size_t g = 0; g < m_data.groups.size(); ++g) {
        std::vector<const ComparePoint*> front;
        for (const ComparePoint& p : m_data.points) {
            if (p.group == static_cast<int>(g) && p.pareto && p.latencyMs > 0 && p.energyMj > 0)
                front.push_back(&p);
        }
        std::sort(front.begin(), front.end(),
            [](const ComparePoint* a, const ComparePoint* b) { return a->latencyMs < b->latencyMs; });
        QCPGraph* line = addGraph();
        QPen pen(FrontColour, 1.5);
        line->setPen(pen);
        line->setLineStyle(QCPGraph::lsStepLeft);
        line->setScatterStyle(
            QCPScatterStyle(groupShape(static_cast<int>(g)), QPen(Qt::black, 1.4), Qt::NoBrush, RingSize));
        QVector<double> keys, values;
        for (const ComparePoint* p : front)
            keys << p->latencyMs, values << p->energyMj;
        line->setData(keys, values, true);
        line->setName(tr("%1 front").arg(legendText(m_data.groups[g].label, 22)));
        line->setSelectable(QCP::stNone);
        line->addToLegend();
        m_fronts.push_back(line);
    }
    for (const ComparePoint& p : m_data.points) {
        const CompareSeries& s = m_data.series[static_cast<size_t>(p.series)];
        QCPGraph* dot = addGraph();
        dot->setLineStyle(QCPGraph::lsNone);
        QColor fill = s.colour;
        fill.setAlpha(220);
        dot->setScatterStyle(QCPScatterStyle(groupShape(p.group), s.colour.darker(140), fill, PointSize));
        dot->setData({ p.latencyMs }, { p.energyMj }, true);
        dot->setSelectable(QCP::stNone);
    }
    layOutLegend();
    replot(rpQueuedReplot);
}

void ParetoPlot::layOutLegend()
{
    // The colour keys in the first rows, the fronts from a row of their own.
    m_legendColumns = legendColumnsFor(width());
    arrangeLegendInRows(*legend, m_legendColumns, static_cast<int>(m_data.series.size()));
}

void ParetoPlot::resizeEvent(QResizeEvent* event)
{
    if (legendColumnsFor(width()) != m_legendColumns)
        layOutLegend();
    QCustomPlot::resizeEvent(event);
}

std::optional<QPointF> ParetoPlot::pointPosition(int row) const
{
    for (const ComparePoint& p : m_data.points) {
        if (p.row == row)
            return QPointF(xAxis->coordToPixel(p.latencyMs), yAxis->coordToPixel(p.energyMj));
    }
    return std::nullopt;
}

int ParetoPlot::rowAt(const QPointF& position) const
{
    int best = -1;
    double bestDistance = HitRadius;
    for (const ComparePoint& p : m_data.points) {
        const QPointF centre(xAxis->coordToPixel(p.latencyMs), yAxis->coordToPixel(p.energyMj));
        const double distance = std::hypot(centre.x() - position.x(), centre.y() - position.y());
        if (distance <= bestDistance) {
            best = p.row;
            bestDistance = distance;
        }
    }
    return best;
}

QString ParetoPlot::toolTipText(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_data.rows.size()))
        return {};
    return compareToolTip(m_data.rows[static_cast<size_t>(row)]);
}

void ParetoPlot::onMouseMove(QMouseEvent* event)
{
    const int row = rowAt(event->position());
    if (row < 0) {
        unsetCursor();
        QToolTip::hideText();
        return;
    }
    setCursor(Qt::PointingHandCursor);
    QToolTip::showText(event->globalPosition().toPoint(), toolTipText(row), this);
}

} // namespace graphs::ui
