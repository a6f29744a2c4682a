#include "charts/calibration_scatter_plot.h"

#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>

namespace graphs::ui {

namespace {

/// Pixels beyond a dot's edge that still count as pointing at it.
constexpr double HitSlack = 3;

/// Decades of seconds labelled in the unit a reader expects: 10 µs, 1 ms, 100 ms, 1 s.
class SecondsTicker : public QCPAxisTickerLog
{
public:
    SecondsTicker()
    {
        setLogBase(10);
        setSubTickCount(8);
    }

protected:
    QString getTickLabel(double tick, const QLocale&, QChar, int) override
    {
        return CalibrationScatterPlot::secondsText(tick);
    }
};

QColor seriesColour(ScatterStyle style)
{
    switch (style) {
    case ScatterStyle::Operator:
        return QColor(70, 110, 170);
    case ScatterStyle::ModelPoint:
        return QColor(230, 120, 20);
    case ScatterStyle::HeldOut:
        return QColor(150, 30, 30);
    case ScatterStyle::InsideBound:
        return QColor(44, 140, 44);
    case ScatterStyle::OutsideBound:
        return QColor(214, 39, 40);
    }
    return Qt::black;
}

double dotSize(ScatterStyle style)
{
    switch (style) {
    case ScatterStyle::Operator:
        return 5;
    case ScatterStyle::ModelPoint:
        return 8;
    case ScatterStyle::HeldOut:
        return 11;
    case ScatterStyle::InsideBound:
    case ScatterStyle::OutsideBound:
        return 9;
    }
    return 6;
}

QCPScatterStyle scatterStyle(ScatterStyle style, const QColor& own = {})
{
    const QColor colour = own.isValid() ? own : seriesColour(style);
    if (style == ScatterStyle::HeldOut)
        return QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colour, 1.4), Qt::NoBrush, dotSize(style));
    QColor fill = colour;
    fill.setAlpha(style == ScatterStyle::Operator ? 150 : 200);
    return QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(colour.darker(130), 1), fill, dotSize(style));
}

/// The lower end of an error bar: a bound of 100 % or more would reach zero, which a log axis cannot show.
double lowerEnd(const ScatterPoint& p)
{
    return p.boundPct ? std::max(p.estimatedSeconds * (1 - *p.boundPct / 100), p.estimatedSeconds / 20)
                      : p.estimatedSeconds;
}

double upperEnd(const ScatterPoint& p)
{
    return p.boundPct ? p.estimatedSeconds * (1 + *p.boundPct / 100) : p.estimatedSeconds;
}

} // namespace

CalibrationScatterPlot::CalibrationScatterPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("calibrationScatterPlot"));
    setMouseTracking(true);
    setMinimumSize(360, 300);
    for (QCPAxis* axis : { xAxis, yAxis }) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new SecondsTicker));
        axis->grid()->setSubGridVisible(true);
        QPen sub = axis->grid()->subGridPen();
        sub.setColor(QColor(228, 228, 228));
        axis->grid()->setSubGridPen(sub);
    }
    xAxis->setLabel(tr("Measured time"));
    yAxis->setLabel(tr("Estimated time"));
    legend->setBorderPen(QPen(QColor(190, 190, 190)));
    legend->setBrush(QColor(255, 255, 255, 230));
    legend->setIconSize(20, 12);
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    connect(this, &QCustomPlot::mouseMove, this, &CalibrationScatterPlot::onMouseMove);
    rebuild();
}

QString CalibrationScatterPlot::secondsText(double seconds)
{
    const double magnitude = std::fabs(seconds);
    if (magnitude >= 1 || magnitude == 0)
        return tr("%1 s").arg(QString::number(seconds, 'g', 3));
    if (magnitude >= 1e-3)
        return tr("%1 ms").arg(QString::number(seconds * 1e3, 'g', 3));
    if (magnitude >= 1e-6)
        return tr("%1 µs").arg(QString::number(seconds * 1e6, 'g', 3));
    return tr("%1 ns").arg(QString::number(seconds * 1e9, 'g', 3));
}

void CalibrationScatterPlot::setScatter(CalibrationScatterData data)
{
    m_data = std::move(data);
    rebuild();
}

int CalibrationScatterPlot::pointCount() const
{
    int count = 0;
    for (const QCPGraph* graph : m_seriesGraphs)
        count += graph->dataCount();
    return count;
}

int CalibrationScatterPlot::errorBarCount() const
{
    int count = 0;
    for (const QCPErrorBars* bars : m_errorBars)
        count += bars->dataCount();
    return count;
}

void CalibrationScatterPlot::rebuild()
{
    clearPlottables();
    clearItems();
    m_seriesGraphs.clear();
    m_errorBars.clear();

    double lower = std::numeric_limits<double>::max();
    double upper = 0;
    for (const ScatterSeries& s : m_data.series) {
        for (const ScatterPoint& p : s.points) {
            if (!(p.measuredSeconds > 0) || !(p.estimatedSeconds > 0))
                continue;
            lower = std::min({ lower, p.measuredSeconds, m_data.errorBars ? lowerEnd(p) : p.estimatedSeconds });
            upper = std::max({ upper, p.measuredSeconds, m_data.errorBars ? upperEnd(p) : p.estimatedSeconds });
        }
    }
    if (upper <= 0) {
        xAxis->setRange(1e-6, 1);
        yAxis->setRange(1e-6, 1);
        legend->setVisible(false);
        replot(rpQueuedReplot);
        return;
    }
    // The same range on both axes, so that estimate = measured is the diagonal; at least a decade wide.
    lower /= 1.6;
    upper *= 1.6;
    if (upper / lower < 10) {
        const double centre = std::sqrt(lower * upper);
        lower = centre / std::sqrt(10.0);
        upper = centre * std::sqrt(10.0);
    }
    xAxis->setRange(lower, upper);
    yAxis->setRange(lower, upper);
    addBand(lower, upper);
    for (const ScatterSeries& s : m_data.series)
        addSeries(s);
    legend->setVisible(true);
    replot(rpQueuedReplot);
}

void CalibrationScatterPlot::addBand(double lower, double upper)
{
    const double band = m_data.bandPct / 100;
    QCPGraph* below = addGraph();
    below->setPen(QPen(QColor(120, 170, 120, 120)));
    below->setData({ lower, upper }, { lower * (1 - band), upper * (1 - band) }, true);
    below->removeFromLegend();
    QCPGraph* above = addGraph();
    above->setPen(QPen(QColor(120, 170, 120, 120)));
    above->setBrush(QColor(120, 190, 120, 60));
    above->setChannelFillGraph(below);
    above->setData({ lower, upper }, { lower * (1 + band), upper * (1 + band) }, true);
    above->setName(tr("±%1% of measured").arg(m_data.bandPct, 0, 'g', 3));

    QCPGraph* diagonal = addGraph();
    QPen pen(QColor(90, 90, 90), 1.2, Qt::DashLine);
    pen.setCosmetic(true);
    diagonal->setPen(pen);
    diagonal->setData({ lower, upper }, { lower, upper }, true);
    diagonal->setName(tr("estimate = measured"));
    for (QCPGraph* g : { below, above, diagonal })
        g->setSelectable(QCP::stNone);
}

void CalibrationScatterPlot::addSeries(const ScatterSeries& series)
{
    QVector<double> measured;
    QVector<double> estimated;
    QVector<double> minus;
    QVector<double> plus;
    // QCustomPlot keeps a graph's data sorted by key, and error bars go by that index: sort first.
    std::vector<const ScatterPoint*> sorted;
    for (const ScatterPoint& p : series.points) {
        if (p.measuredSeconds > 0 && p.estimatedSeconds > 0) // else no place on log axes
            sorted.push_back(&p);
    }
    std::stable_sort(sorted.begin(), sorted.end(),
        [](const ScatterPoint* a, const ScatterPoint* b) { return a->measuredSeconds < b->measuredSeconds; });
    for (const ScatterPoint* point : sorted) {
        const ScatterPoint& p = *point;
        measured << p.measuredSeconds;
        estimated << p.estimatedSeconds;
        minus << p.estimatedSeconds - lowerEnd(p);
        plus << upperEnd(p) - p.estimatedSeconds;
    }
    QCPGraph* graph = addGraph();
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(scatterStyle(series.style, series.colour));
    graph->setData(measured, estimated, true);
    graph->setName(tr("%1 (%2)").arg(series.name).arg(measured.size()));
    graph->setSelectable(QCP::stNone);
    m_seriesGraphs.push_back(graph);
    if (!m_data.errorBars)
        return;
    auto* bars = new QCPErrorBars(xAxis, yAxis);
    bars->removeFromLegend();
    bars->setSelectable(QCP::stNone);
    bars->setErrorType(QCPErrorBars::etValueError);
    QColor colour = series.colour.isValid() ? series.colour : seriesColour(series.style);
    colour.setAlpha(170);
    bars->setPen(QPen(colour, 1.2));
    bars->setWhiskerWidth(7);
    bars->setDataPlottable(graph);
    bars->setData(minus, plus);
    m_errorBars.push_back(bars);
}

const ScatterPoint* CalibrationScatterPlot::pointAt(const QPointF& position) const
{
    const ScatterPoint* best = nullptr;
    double bestDistance = std::numeric_limits<double>::max();
    for (const ScatterSeries& s : m_data.series) {
        for (const ScatterPoint& p : s.points) {
            if (!(p.measuredSeconds > 0) || !(p.estimatedSeconds > 0))
                continue;
            const QPointF centre(xAxis->coordToPixel(p.measuredSeconds), yAxis->coordToPixel(p.estimatedSeconds));
            const double distance = std::hypot(centre.x() - position.x(), centre.y() - position.y());
            if (distance <= dotSize(s.style) / 2 + HitSlack && distance < bestDistance) {
                best = &p;
                bestDistance = distance;
            }
        }
    }
    return best;
}

void CalibrationScatterPlot::onMouseMove(QMouseEvent* event)
{
    const ScatterPoint* p = pointAt(event->position());
    if (!p) {
        QToolTip::hideText();
        return;
    }
    const double error = (p->estimatedSeconds / p->measuredSeconds - 1) * 100;
    QString text = tr("<b>%1</b><br>measured %2, estimated %3 (%4%5%)")
                       .arg(p->label.toHtmlEscaped(), secondsText(p->measuredSeconds), secondsText(p->estimatedSeconds),
                           error >= 0 ? QStringLiteral("+") : QString(), QString::number(error, 'f', 1));
    if (p->boundPct)
        text += tr("<br>stated bound ±%1%").arg(QString::number(*p->boundPct, 'f', 1));
    QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

} // namespace graphs::ui
