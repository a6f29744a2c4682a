#include "charts/compare_bar_chart.h"

#include "charts/legend_rows.h"
#include "charts/log_axis_ticker.h"

#include <QFontMetricsF>
#include <QToolTip>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace graphs::ui {

namespace {

/// A value axis spanning more than this ratio is drawn logarithmic: on a linear one the small bars vanish.
constexpr double LogRatio = 100;
/// The share of a cluster's slot that its bars fill; the rest separates clusters.
constexpr double ClusterWidth = 0.8;

} // namespace

CompareBarChart::CompareBarChart(QWidget* parent)
    : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("compareBarChart"));
    setMouseTracking(true);
    setMinimumSize(260, 220);

    placeLegendAbove(*this, QSize(14, 14));

    xAxis->grid()->setVisible(false);
    xAxis->setTickLength(0, 4);
    xAxis->setSubTicks(false);
    yAxis->grid()->setSubGridVisible(true);
    QPen sub = yAxis->grid()->subGridPen();
    sub.setColor(QColor(230, 230, 230));
    yAxis->grid()->setSubGridPen(sub);

    connect(this, &QCustomPlot::mouseMove, this, &CompareBarChart::onMouseMove);
    connect(this, &QCustomPlot::afterLayout, this, &CompareBarChart::fitTickLabels);
    rebuild();
}

void CompareBarChart::setData(CompareChartData data)
{
    m_data = std::move(data);
    rebuild();
}

void CompareBarChart::setMetric(Metric metric)
{
    if (metric == m_metric)
        return;
    m_metric = metric;
    rebuild();
}

QCPBars* CompareBarChart::bars(int series) const
{
    return series >= 0 && series < static_cast<int>(m_bars.size()) ? m_bars[static_cast<size_t>(series)] : nullptr;
}

bool CompareBarChart::isLogarithmic() const
{
    return yAxis->scaleType() == QCPAxis::stLogarithmic;
}

double CompareBarChart::valueOf(const ComparePoint& point) const
{
    return m_metric == Metric::Latency ? point.latencyMs : point.energyMj;
}

namespace {

/// Compute, memory traffic and static energy of a row, bottom to top of its stack.
std::array<double, 3> energyParts(const ComparisonRow& row)
{
    return { row.energy.compute.value, row.energy.memory.value, row.energy.staticPart.value };
}

} // namespace

void CompareBarChart::rebuild()
{
    clearPlottables();
    m_bars.clear();
    const bool split = m_metric == Metric::EnergySplit;
    yAxis->setLabel(m_metric == Metric::Latency ? tr("Latency per inference (ms)")
            : split ? tr("Energy per inference (mJ): compute, memory, static (dark to light)")
                    : tr("Energy per inference (mJ)"));
    if (m_data.isEmpty()) {
        layOutLegend();
        legend->setVisible(false);
        xAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
        xAxis->setRange(0, 1);
        yAxis->setScaleType(QCPAxis::stLinear);
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        yAxis->setRange(0, 1);
        replot(rpQueuedReplot);
        return;
    }
    legend->setVisible(true);

    double lowest = std::numeric_limits<double>::max();
    double highest = 0;
    for (const ComparePoint& p : m_data.points) {
        if (valueOf(p) > 0)
            lowest = std::min(lowest, valueOf(p));
        highest = std::max(highest, valueOf(p));
    }
    // Stacked parts are only read right on a linear axis.
    const bool logarithmic = !split && highest > 0 && highest / lowest > LogRatio;
    if (logarithmic) {
        yAxis->setScaleType(QCPAxis::stLogarithmic);
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new LogAxisTicker));
        yAxis->setRange(std::pow(10.0, std::floor(std::log10(lowest / 1.5))), highest * 2.5);
    } else {
        yAxis->setScaleType(QCPAxis::stLinear);
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        yAxis->setRange(0, highest > 0 ? highest * 1.12 : 1);
    }

    // Bars side by side within each cluster, at key = group index; a series lacking a group leaves a gap.
    const auto count = static_cast<double>(m_data.series.size());
    const double width = ClusterWidth / count;
    for (size_t s = 0; s < m_data.series.size(); ++s) {
        const CompareSeries& series = m_data.series[s];
        auto* bars = new QCPBars(xAxis, yAxis);
        bars->setName(legendText(series.label, 28));
        bars->setPen(QPen(series.colour.darker(130), 1));
        bars->setBrush(series.colour);
        bars->setWidth(width * 0.92);
        bars->setSelectable(QCP::stNone);
        // Log axes have no zero: the bars rise from below the visible range.
        bars->setBaseValue(logarithmic ? yAxis->range().lower / 10 : 0);
        const double offset = (static_cast<double>(s) - (count - 1) / 2) * width;
        for (size_t g = 0; g < m_data.groups.size(); ++g) {
            if (const ComparePoint* p = m_data.point(static_cast<int>(s), static_cast<int>(g)))
                bars->addData(static_cast<double>(g) + offset, valueOf(*p));
        }
        m_bars.push_back(bars);
        if (!split)
            continue;
        // The bar above becomes the compute part; memory and static stack on it, lighter, at the same keys.
        bars->data()->clear();
        QCPBars* below = bars;
        std::array<QCPBars*, 3> parts { bars, nullptr, nullptr };
        for (size_t part = 1; part < 3; ++part) {
            auto* stacked = new QCPBars(xAxis, yAxis);
            stacked->removeFromLegend();
            const QColor shade = series.colour.lighter(part == 1 ? 135 : 175);
            stacked->setPen(QPen(series.colour.darker(130), 1));
            stacked->setBrush(shade);
            stacked->setWidth(width * 0.92);
            stacked->setSelectable(QCP::stNone);
            stacked->moveAbove(below);
            below = stacked;
            parts[part] = stacked;
        }
        bars->setBrush(series.colour.darker(125));
        for (size_t g = 0; g < m_data.groups.size(); ++g) {
            const ComparePoint* p = m_data.point(static_cast<int>(s), static_cast<int>(g));
            if (!p)
                continue;
            const auto values = energyParts(m_data.rows[static_cast<size_t>(p->row)]);
            for (size_t part = 0; part < 3; ++part)
                parts[part]->addData(static_cast<double>(g) + offset, values[part]);
        }
    }

    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (size_t g = 0; g < m_data.groups.size(); ++g) {
        const CompareGroup& group = m_data.groups[g];
        ticker->addTick(static_cast<double>(g), tr("%1\nbatch %2").arg(group.model).arg(group.batch));
    }
    xAxis->setTicker(ticker);
    xAxis->setRange(-0.5, static_cast<double>(m_data.groups.size()) - 0.5);
    layOutLegend();
    replot(rpQueuedReplot);
}

void CompareBarChart::layOutLegend()
{
    m_legendColumns = legendColumnsFor(width());
    arrangeLegendInRows(*legend, std::min(m_legendColumns, std::max(1, static_cast<int>(m_data.series.size()))));
}

void CompareBarChart::resizeEvent(QResizeEvent* event)
{
    if (legendColumnsFor(width()) != m_legendColumns)
        layOutLegend();
    QCustomPlot::resizeEvent(event);
}

void CompareBarChart::fitTickLabels()
{
    // The cluster names are known to fit only once the axes are laid out; turned, they take less width each.
    if (m_data.groups.empty())
        return;
    const double slot = axisRect()->width() / static_cast<double>(m_data.groups.size());
    const QFontMetricsF metrics(xAxis->tickLabelFont());
    double widest = 0;
    for (const CompareGroup& group : m_data.groups)
        widest = std::max({ widest, metrics.horizontalAdvance(group.model),
            metrics.horizontalAdvance(tr("batch %1").arg(group.batch)) });
    const double rotation = widest > 0.92 * slot ? -30 : 0;
    if (xAxis->tickLabelRotation() != rotation) {
        xAxis->setTickLabelRotation(rotation);
        replot(rpQueuedReplot); // the margins follow the turned labels on the next layout
    }
}

int CompareBarChart::rowAt(const QPointF& position) const
{
    for (size_t s = 0; s < m_bars.size(); ++s) {
        // Every part of a stacked bar tells of its row.
        for (QCPBars* bars = m_bars[s]; bars; bars = bars->barAbove()) {
            QVariant details;
            if (bars->selectTest(position, false, &details) < 0)
                continue;
            const QCPDataSelection hit = details.value<QCPDataSelection>();
            if (hit.isEmpty())
                continue;
            // A bar's key is its cluster's index plus its offset within the cluster (under half a slot).
            const double key = bars->data()->at(hit.dataRange().begin())->key;
            const ComparePoint* p = m_data.point(static_cast<int>(s), static_cast<int>(std::lround(key)));
            if (p)
                return p->row;
        }
    }
    return -1;
}

void CompareBarChart::onMouseMove(QMouseEvent* event)
{
    const int row = rowAt(event->position());
    if (row < 0) {
        QToolTip::hideText();
        return;
    }
    const QString text = compareToolTip(m_data.rows[static_cast<size_t>(row)]);
    QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

} // namespace graphs::ui
