#include "charts/validation_histogram_plot.h"

#include <algorithm>
#include <cmath>

namespace graphs::ui {

ValidationHistogram ValidationHistogram::of(const std::vector<double>& errorsPct, double binWidthPct)
{
    ValidationHistogram h;
    h.binWidthPct = binWidthPct > 0 ? binWidthPct : 5;
    std::vector<long long> bins;
    for (double e : errorsPct) {
        if (std::isfinite(e))
            bins.push_back(static_cast<long long>(std::floor(e / h.binWidthPct)));
    }
    if (bins.empty())
        return h;
    const auto [low, high] = std::minmax_element(bins.begin(), bins.end());
    h.firstBinPct = static_cast<double>(*low) * h.binWidthPct;
    h.counts.assign(static_cast<size_t>(*high - *low + 1), 0);
    const long long first = *low;
    for (long long b : bins)
        ++h.counts[static_cast<size_t>(b - first)];
    return h;
}

int ValidationHistogram::total() const
{
    int sum = 0;
    for (int c : counts)
        sum += c;
    return sum;
}

ValidationHistogramPlot::ValidationHistogramPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("validationHistogramPlot"));
    setMinimumSize(300, 220);
    xAxis->setLabel(tr("Error of the held-out estimate (%)"));
    yAxis->setLabel(tr("Models"));
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    yAxis->setTicker(ticker);
    rebuild();
}

void ValidationHistogramPlot::setHistogram(ValidationHistogram histogram, double bandPct)
{
    m_histogram = std::move(histogram);
    m_bandPct = bandPct;
    rebuild();
}

int ValidationHistogramPlot::barCount() const
{
    return m_bars ? m_bars->dataCount() : 0;
}

void ValidationHistogramPlot::rebuild()
{
    clearPlottables();
    clearItems();
    m_bars = nullptr;
    const double width = m_histogram.binWidthPct;
    const double first = m_histogram.firstBinPct;
    const double last = first + width * static_cast<double>(m_histogram.counts.size());
    // Always show the band and zero, with a bin's room on either side.
    const double left = std::min(first, -m_bandPct) - width;
    const double right = std::max(last, m_bandPct) + width;
    xAxis->setRange(left, right);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(right - left > 120 ? 20 : right - left > 60 ? 10 : width);
    xAxis->setTicker(ticker);

    auto* band = new QCPItemRect(this);
    band->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
    band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    band->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
    band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    band->topLeft->setCoords(-m_bandPct, 0);
    band->bottomRight->setCoords(m_bandPct, 1);
    band->setPen(Qt::NoPen);
    band->setBrush(QColor(120, 190, 120, 50));
    band->setLayer(QStringLiteral("background"));

    auto* zero = new QCPItemStraightLine(this);
    zero->point1->setCoords(0, 0);
    zero->point2->setCoords(0, 1);
    QPen pen(QColor(90, 90, 90), 1.2, Qt::DashLine);
    pen.setCosmetic(true);
    zero->setPen(pen);

    int highest = 1;
    if (!m_histogram.isEmpty()) {
        m_bars = new QCPBars(xAxis, yAxis);
        m_bars->setWidthType(QCPBars::wtPlotCoords);
        m_bars->setWidth(width * 0.92);
        m_bars->setPen(QPen(QColor(40, 80, 140)));
        m_bars->setBrush(QColor(70, 110, 170, 200));
        m_bars->setSelectable(QCP::stNone);
        QVector<double> centres;
        QVector<double> counts;
        for (size_t i = 0; i < m_histogram.counts.size(); ++i) {
            if (m_histogram.counts[i] == 0)
                continue;
            centres << first + width * (static_cast<double>(i) + 0.5);
            counts << m_histogram.counts[i];
            highest = std::max(highest, m_histogram.counts[i]);
        }
        m_bars->setData(centres, counts, true);
    }
    yAxis->setRange(0, highest + 0.5);
    replot(rpQueuedReplot);
}

} // namespace graphs::ui
