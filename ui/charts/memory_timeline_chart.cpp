#include "charts/memory_timeline_chart.h"

#include "charts/memory_chart_data.h"
#include "reporting/number_format.h"

#include <QAreaSeries>
#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace graphs::ui {

namespace {

const QColor LineColour(40, 90, 170);
const QColor PeakColour(200, 40, 40);

/// Painting an area costs in proportion to how far its edge runs up and down. Activations that rise and fall with
/// every block of a transformer make an edge that crosses the whole chart at nearly every step: painted antialiased
/// on a 1000×400 image on a busy 2-core machine, 500 such crossings took 0.36 s and 5,000 took 5 s, the window frozen
/// meanwhile. So a long timeline is drawn as the highest step of each run of steps: at most this many runs, one
/// every two pixels of a chart a thousand pixels wide, where the area is filled up to the highest step of a pixel
/// column anyway...
constexpr size_t MaxTimelinePoints = 500;
/// ...and halved while the edge would still cross the chart more often than this (the bound of the painting time)...
constexpr double MaxCrossings = 40;
/// ...but never below this many runs.
constexpr size_t MinTimelinePoints = 50;

QPointF stepPoint(const MemoryChartData& data, size_t step, double bytesPerUnit)
{
    return { static_cast<double>(step + 1), data.steps[step].liveBytes / bytesPerUnit };
}

/// The highest step of each of `runs` runs of steps.
QList<QPointF> runMaxima(const MemoryChartData& data, size_t runs, double bytesPerUnit)
{
    const size_t n = data.steps.size();
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(runs));
    for (size_t run = 0; run < runs; ++run) {
        const size_t begin = run * n / runs;
        const size_t end = (run + 1) * n / runs;
        size_t highest = begin;
        for (size_t i = begin + 1; i < end; ++i) {
            if (data.steps[i].liveBytes > data.steps[highest].liveBytes)
                highest = i;
        }
        points.append(stepPoint(data, highest, bytesPerUnit));
    }
    return points;
}

/// How many times the edge through `points` crosses a chart `height` tall.
double crossings(const QList<QPointF>& points, double height)
{
    double travel = 0;
    for (qsizetype i = 1; i < points.size(); ++i)
        travel += std::abs(points[i].y() - points[i - 1].y());
    return height > 0 ? travel / height : 0;
}

QList<QPointF> timelinePoints(const MemoryChartData& data, double bytesPerUnit)
{
    const double height = data.peakActivationBytes / bytesPerUnit;
    size_t runs = std::min(data.steps.size(), MaxTimelinePoints);
    QList<QPointF> points = runMaxima(data, runs, bytesPerUnit);
    while (runs / 2 >= MinTimelinePoints && crossings(points, height) > MaxCrossings) {
        runs /= 2;
        points = runMaxima(data, runs, bytesPerUnit);
    }
    return points;
}

} // namespace

MemoryTimelineChart::MemoryTimelineChart(QWidget* parent)
    : QChartView(parent)
    , m_line(new QLineSeries(this)) // QAreaSeries does not own the series that bounds it
    , m_area(new QAreaSeries(m_line))
    , m_peak(new QScatterSeries)
    , m_hover(new QScatterSeries)
    , m_steps(new QValueAxis)
    , m_bytes(new QValueAxis)
{
    setObjectName(QStringLiteral("memoryTimelineChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(480, 240);
    setMouseTracking(true);

    QPen pen(LineColour, 1.5);
    m_area->setPen(pen);
    QColor fill = LineColour;
    fill.setAlpha(70);
    m_area->setBrush(fill);
    m_area->setName(tr("Activations alive"));
    m_peak->setName(tr("Peak"));
    m_peak->setColor(PeakColour);
    m_peak->setBorderColor(Qt::white);
    m_peak->setMarkerSize(11);
    m_peak->setPointLabelsVisible(true);
    m_peak->setPointLabelsClipping(false);
    m_peak->setPointLabelsColor(PeakColour);
    m_hover->setColor(QColor(30, 30, 30));
    m_hover->setBorderColor(Qt::white);
    m_hover->setMarkerSize(8);

    auto* c = chart();
    for (QAbstractSeries* series : { static_cast<QAbstractSeries*>(m_area), static_cast<QAbstractSeries*>(m_peak),
             static_cast<QAbstractSeries*>(m_hover) })
        c->addSeries(series);
    c->addAxis(m_steps, Qt::AlignBottom);
    c->addAxis(m_bytes, Qt::AlignLeft);
    for (QAbstractSeries* series : c->series()) {
        series->attachAxis(m_steps);
        series->attachAxis(m_bytes);
    }
    m_steps->setTitleText(tr("Step in execution order"));
    m_steps->setLabelFormat(QStringLiteral("%d"));
    c->legend()->hide();
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);
    setData(nullptr);
}

void MemoryTimelineChart::setData(std::shared_ptr<const MemoryChartData> data)
{
    m_data = std::move(data);
    m_hovered = -1;
    m_hover->clear();
    m_peak->clear();
    // Every change of an axis lays out and strokes the whole line again: the axes are set while it is empty, and
    // the points come last, in one pass (thousands of steps in a large model).
    m_line->clear();
    if (!m_data || m_data->steps.empty()) {
        chart()->setTitle(QString());
        m_steps->setRange(1, 2);
        m_bytes->setRange(0, 1);
        m_bytes->setTitleText(QString());
        return;
    }
    const ByteUnit unit = byteUnitFor(m_data->peakActivationBytes);
    m_bytesPerUnit = unit.bytes;
    const QList<QPointF> points = timelinePoints(*m_data, unit.bytes);
    chart()->setTitle(tr("Activation memory over the execution order"));
    const double last = std::max<double>(2, static_cast<double>(m_data->steps.size()));
    m_steps->setRange(1, last);
    // Ticks on round step numbers, about eight of them.
    const double rough = last / 8;
    const double decade = std::pow(10.0, std::floor(std::log10(std::max(1.0, rough))));
    double interval = decade;
    for (double factor : { 1.0, 2.0, 5.0, 10.0 }) {
        if (decade * factor >= rough) {
            interval = decade * factor;
            break;
        }
    }
    m_steps->setTickType(QValueAxis::TicksDynamic);
    m_steps->setTickAnchor(0);
    m_steps->setTickInterval(std::max(1.0, interval));
    m_bytes->setTitleText(tr("Activations alive (%1)").arg(unit.name));
    m_bytes->setRange(0, m_data->peakActivationBytes > 0 ? m_data->peakActivationBytes / unit.bytes * 1.15 : 1);
    m_bytes->applyNiceNumbers();
    m_bytes->setLabelFormat(QStringLiteral("%.3g"));
    m_line->replace(points);
    if (m_data->peakStep >= 0 && m_data->peakStep < static_cast<int>(m_data->steps.size())) {
        const auto peak = static_cast<size_t>(m_data->peakStep);
        m_peak->append(stepPoint(*m_data, peak, unit.bytes));
        // No format tags: the label is this text as it stands.
        m_peak->setPointLabelsFormat(tr("peak %1 after step %2")
                                         .arg(QString::fromStdString(humanBytes(m_data->peakActivationBytes)))
                                         .arg(peak + 1));
    }
}

int MemoryTimelineChart::stepAt(const QPoint& position) const
{
    if (!m_data || m_data->steps.empty())
        return -1;
    const QPointF inChart = chart()->mapFromScene(mapToScene(position));
    if (!chart()->plotArea().contains(inChart))
        return -1;
    const double x = chart()->mapToValue(inChart, m_area).x();
    const auto step = static_cast<long long>(std::llround(x)) - 1;
    return static_cast<int>(std::clamp<long long>(step, 0, static_cast<long long>(m_data->steps.size()) - 1));
}

std::optional<QPoint> MemoryTimelineChart::stepPosition(int step) const
{
    if (!m_data || step < 0 || step >= static_cast<int>(m_data->steps.size()))
        return std::nullopt;
    const QPointF value(step + 1, m_data->steps[static_cast<size_t>(step)].liveBytes / m_bytesPerUnit);
    return mapFromScene(chart()->mapToScene(chart()->mapToPosition(value, m_area)));
}

void MemoryTimelineChart::mouseMoveEvent(QMouseEvent* event)
{
    setHovered(stepAt(event->position().toPoint()), event->globalPosition().toPoint());
    QChartView::mouseMoveEvent(event);
}

void MemoryTimelineChart::leaveEvent(QEvent* event)
{
    setHovered(-1, {});
    QChartView::leaveEvent(event);
}

void MemoryTimelineChart::setHovered(int step, const QPoint& globalPosition)
{
    if (step == m_hovered)
        return;
    m_hovered = step;
    m_hover->clear();
    if (step < 0) {
        QToolTip::hideText();
    } else {
        m_hover->append(step + 1, m_data->steps[static_cast<size_t>(step)].liveBytes / m_bytesPerUnit);
        QToolTip::showText(globalPosition, memoryStepText(*m_data, step), this);
    }
    Q_EMIT stepHovered(step);
}

} // namespace graphs::ui
