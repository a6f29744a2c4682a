#include "charts/published_scatter_plot.h"

#include "charts/legend_rows.h"
#include "charts/log_axis_ticker.h"
#include "models/published_table_model.h"

#include <QToolTip>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace graphs::ui {

namespace {

constexpr double DotSize = 8;
constexpr double RingSize = 17;
/// Pixels from a dot's centre that still count as pointing at it.
constexpr double HitRadius = 7;
const QColor OfflineColour(31, 119, 180);
const QColor SingleStreamColour(230, 120, 20);
const QColor BandColour(120, 170, 120);

QColor panelColour(PublishedScatterPlot::Panel panel)
{
    return panel == PublishedScatterPlot::OfflinePanel ? OfflineColour : SingleStreamColour;
}

QCPScatterStyle::ScatterShape benchmarkShape(qsizetype benchmark)
{
    static const std::array<QCPScatterStyle::ScatterShape, 5> shapes { QCPScatterStyle::ssDisc,
        QCPScatterStyle::ssSquare, QCPScatterStyle::ssTriangle, QCPScatterStyle::ssDiamond,
        QCPScatterStyle::ssTriangleInverted };
    return shapes[static_cast<size_t>(benchmark) % shapes.size()];
}

QCPScatterStyle dotStyle(QCPScatterStyle::ScatterShape shape, const QColor& colour)
{
    QColor fill = colour;
    fill.setAlpha(190);
    return QCPScatterStyle(shape, QPen(colour.darker(140), 1), fill, DotSize);
}

} // namespace

PublishedScatterPlot::PublishedScatterPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("publishedScatterPlot"));
    setMouseTracking(true);
    setMinimumSize(420, 280);
    setAutoAddPlottableToLegend(false); // only the keys are named

    // Two panels side by side under one legend: the default axis rect (Offline) and a second one (SingleStream).
    QCPAxisRect* offline = axisRect();
    plotLayout()->take(offline);
    plotLayout()->simplify();
    auto* panels = new QCPLayoutGrid;
    plotLayout()->addElement(0, 0, panels);
    panels->addElement(0, 0, offline);
    auto* singleStream = new QCPAxisRect(this);
    panels->addElement(0, 1, singleStream);
    panels->setColumnSpacing(12);
    m_rects[OfflinePanel] = offline;
    m_rects[SingleStreamPanel] = singleStream;
    for (QCPAxisRect* rect : m_rects) {
        for (QCPAxis* axis : { rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft) }) {
            axis->setScaleType(QCPAxis::stLogarithmic);
            axis->setTicker(QSharedPointer<QCPAxisTicker>(new LogAxisTicker));
            axis->grid()->setSubGridVisible(true);
        }
    }
    offline->axis(QCPAxis::atBottom)->setLabel(tr("Offline: published samples/s per accelerator"));
    offline->axis(QCPAxis::atLeft)->setLabel(tr("Estimated samples/s"));
    singleStream->axis(QCPAxis::atBottom)->setLabel(tr("SingleStream: published latency (ms, 90th percentile)"));
    singleStream->axis(QCPAxis::atLeft)->setLabel(tr("Estimated latency (ms)"));

    placeLegendAbove(*this, QSize(18, 13));
    connect(this, &QCustomPlot::mouseMove, this, &PublishedScatterPlot::onMouseMove);
    connect(this, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (const int index = indexAt(event->position()); index >= 0 && event->button() == Qt::LeftButton)
            Q_EMIT pointClicked(index);
    });
    rebuild();
}

void PublishedScatterPlot::setValidation(std::shared_ptr<const PublishedValidation> validation)
{
    m_validation = std::move(validation);
    m_selected = -1;
    rebuild();
}

int PublishedScatterPlot::pointCount(Panel panel) const
{
    return static_cast<int>(
        std::count_if(m_dots.begin(), m_dots.end(), [&](const Dot& d) { return d.panel == panel; }));
}

void PublishedScatterPlot::rebuild()
{
    clearGraphs();
    m_dots.clear();
    m_benchmarks.clear();
    m_rings[OfflinePanel] = m_rings[SingleStreamPanel] = nullptr;
    if (m_validation) {
        const auto& estimates = m_validation->estimates;
        for (size_t i = 0; i < estimates.size(); ++i) {
            const PublishedEstimate& e = estimates[i];
            if (!e.estimated || !(e.measured > 0) || !(e.estimate > 0)) // else no place on log axes
                continue;
            m_dots.push_back(
                { static_cast<int>(i), e.row.offline() ? OfflinePanel : SingleStreamPanel, e.measured, e.estimate });
            const QString benchmark = QString::fromStdString(e.row.benchmark);
            if (!m_benchmarks.contains(benchmark))
                m_benchmarks << benchmark;
        }
    }
    addKeys();
    for (int p = 0; p < NumPanels; ++p) {
        const auto panel = static_cast<Panel>(p);
        QCPAxisRect* rect = m_rects[p];
        double lower = std::numeric_limits<double>::max();
        double upper = 0;
        for (const Dot& d : m_dots) {
            if (d.panel == panel) {
                lower = std::min({ lower, d.published, d.estimate });
                upper = std::max({ upper, d.published, d.estimate });
            }
        }
        if (upper <= 0) {
            lower = panel == OfflinePanel ? 10 : 0.1;
            upper = lower * 1000;
        }
        // The same range on both axes, so that estimate = published is the diagonal; at least a decade wide.
        lower /= 1.6;
        upper *= 1.6;
        if (upper / lower < 10) {
            const double centre = std::sqrt(lower * upper);
            lower = centre / std::sqrt(10.0);
            upper = centre * std::sqrt(10.0);
        }
        rect->axis(QCPAxis::atBottom)->setRange(lower, upper);
        rect->axis(QCPAxis::atLeft)->setRange(lower, upper);
        addBand(rect, lower, upper);
        // One graph per benchmark, sorted by key as QCPGraph keeps its data.
        for (qsizetype b = 0; b < m_benchmarks.size(); ++b) {
            std::vector<const Dot*> dots;
            for (const Dot& d : m_dots) {
                if (d.panel == panel
                    && QString::fromStdString(m_validation->estimates[static_cast<size_t>(d.index)].row.benchmark)
                        == m_benchmarks[b])
                    dots.push_back(&d);
            }
            if (dots.empty())
                continue;
            QVector<double> keys, values;
            for (const Dot* d : dots)
                keys << d->published, values << d->estimate;
            QCPGraph* graph = addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            graph->setLineStyle(QCPGraph::lsNone);
            graph->setScatterStyle(dotStyle(benchmarkShape(b), panelColour(panel)));
            graph->setData(keys, values);
            graph->setSelectable(QCP::stNone);
        }
        QCPGraph* ring = addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        ring->setLineStyle(QCPGraph::lsNone);
        ring->setSelectable(QCP::stNone);
        m_rings[p] = ring;
    }
    legend->setVisible(!m_dots.empty());
    layOutLegend();
    updateRing();
}

void PublishedScatterPlot::addKeys()
{
    // Colour keys for the scenarios, grey shape keys for the benchmarks, then the band and the diagonal.
    for (int p = 0; p < NumPanels; ++p) {
        const auto panel = static_cast<Panel>(p);
        QCPGraph* key = addGraph();
        key->setLineStyle(QCPGraph::lsNone);
        key->setScatterStyle(dotStyle(QCPScatterStyle::ssDisc, panelColour(panel)));
        key->setName(tr("%1 (%2)")
                         .arg(panel == OfflinePanel ? QStringLiteral("Offline") : QStringLiteral("SingleStream"))
                         .arg(pointCount(panel)));
        key->setSelectable(QCP::stNone);
        key->addToLegend();
    }
    for (qsizetype b = 0; b < m_benchmarks.size(); ++b) {
        QCPGraph* key = addGraph();
        key->setLineStyle(QCPGraph::lsNone);
        key->setScatterStyle(dotStyle(benchmarkShape(b), QColor(130, 130, 130)));
        key->setName(m_benchmarks[b]);
        key->setSelectable(QCP::stNone);
        key->addToLegend();
    }
    QCPGraph* band = addGraph();
    band->setPen(QPen(BandColour, 1));
    band->setBrush(QColor(120, 190, 120, 60));
    band->setName(tr("±%1 % of published").arg(BandPct, 0, 'g', 3));
    band->setSelectable(QCP::stNone);
    band->addToLegend();
    QCPGraph* diagonal = addGraph();
    diagonal->setPen(QPen(QColor(90, 90, 90), 1.2, Qt::DashLine));
    diagonal->setName(tr("estimate = published"));
    diagonal->setSelectable(QCP::stNone);
    diagonal->addToLegend();
}

void PublishedScatterPlot::addBand(QCPAxisRect* rect, double lower, double upper)
{
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const double band = BandPct / 100;
    QCPGraph* below = addGraph(x, y);
    below->setPen(QPen(BandColour, 1));
    below->setData({ lower, upper }, { lower * (1 - band), upper * (1 - band) }, true);
    QCPGraph* above = addGraph(x, y);
    above->setPen(QPen(BandColour, 1));
    above->setBrush(QColor(120, 190, 120, 60));
    above->setChannelFillGraph(below);
    above->setData({ lower, upper }, { lower * (1 + band), upper * (1 + band) }, true);
    QCPGraph* diagonal = addGraph(x, y);
    QPen pen(QColor(90, 90, 90), 1.2, Qt::DashLine);
    pen.setCosmetic(true);
    diagonal->setPen(pen);
    diagonal->setData({ lower, upper }, { lower, upper }, true);
    for (QCPGraph* g : { below, above, diagonal })
        g->setSelectable(QCP::stNone);
}

void PublishedScatterPlot::setSelectedIndex(int index)
{
    if (index == m_selected)
        return;
    m_selected = index;
    updateRing();
}

void PublishedScatterPlot::updateRing()
{
    const QColor colour = palette().color(QPalette::WindowText);
    for (int p = 0; p < NumPanels; ++p) {
        if (!m_rings[p])
            continue;
        m_rings[p]->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colour, 2), Qt::NoBrush, RingSize));
        m_rings[p]->data()->clear();
    }
    for (const Dot& d : m_dots) {
        if (d.index == m_selected && m_rings[d.panel])
            m_rings[d.panel]->addData(d.published, d.estimate);
    }
    replot(rpQueuedReplot);
}

int PublishedScatterPlot::legendColumns() const
{
    return std::clamp(width() / 150, 2, 6); // six short keys: one row where the width allows
}

void PublishedScatterPlot::layOutLegend()
{
    m_legendColumns = legendColumns();
    arrangeLegendInRows(*legend, m_legendColumns);
}

void PublishedScatterPlot::resizeEvent(QResizeEvent* event)
{
    if (legendColumns() != m_legendColumns)
        layOutLegend();
    QCustomPlot::resizeEvent(event);
}

std::optional<QPointF> PublishedScatterPlot::pointPosition(int index) const
{
    for (const Dot& d : m_dots) {
        if (d.index == index) {
            const QCPAxisRect* rect = m_rects[d.panel];
            return QPointF(rect->axis(QCPAxis::atBottom)->coordToPixel(d.published),
                rect->axis(QCPAxis::atLeft)->coordToPixel(d.estimate));
        }
    }
    return std::nullopt;
}

int PublishedScatterPlot::indexAt(const QPointF& position) const
{
    int best = -1;
    double bestDistance = HitRadius;
    for (const Dot& d : m_dots) {
        const QCPAxisRect* rect = m_rects[d.panel];
        if (!rect->rect().contains(position.toPoint()))
            continue;
        const QPointF centre(rect->axis(QCPAxis::atBottom)->coordToPixel(d.published),
            rect->axis(QCPAxis::atLeft)->coordToPixel(d.estimate));
        const double distance = std::hypot(centre.x() - position.x(), centre.y() - position.y());
        if (distance <= bestDistance) {
            best = d.index;
            bestDistance = distance;
        }
    }
    return best;
}

QString PublishedScatterPlot::toolTipText(int index) const
{
    if (!m_validation || index < 0 || index >= static_cast<int>(m_validation->estimates.size()))
        return {};
    const PublishedEstimate& e = m_validation->estimates[static_cast<size_t>(index)];
    const QString published = PublishedTableModel::valueText(e.measured, e.row.unit);
    const QString estimate = PublishedTableModel::valueText(e.estimate, e.row.unit);
    QString text = tr("<b>%1</b><br>published %2, estimated %3 (%4%5 %)")
                       .arg(QString::fromStdString(e.row.label()).toHtmlEscaped(), published, estimate,
                           e.errorPct >= 0 ? QStringLiteral("+") : QString(), QString::number(e.errorPct, 'f', 1));
    text += tr("<br>batch %1 (%2), %3 profile")
                .arg(e.batch)
                .arg(QString::fromStdString(e.batchRule), QString::fromStdString(e.runtime));
    if (e.powerLimited)
        text += tr("<br>power-limited: clocks lowered to the entry's limit");
    // Lines as written: a tool tip would otherwise wrap "(+12.3 %)" after the number.
    return QStringLiteral("<p style='white-space:pre'>") + text + QStringLiteral("</p>");
}

void PublishedScatterPlot::onMouseMove(QMouseEvent* event)
{
    const int index = indexAt(event->position());
    if (index < 0) {
        unsetCursor();
        QToolTip::hideText();
        return;
    }
    setCursor(Qt::PointingHandCursor);
    QToolTip::showText(event->globalPosition().toPoint(), toolTipText(index), this);
}

} // namespace graphs::ui
