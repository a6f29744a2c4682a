#include "charts/roofline_plot.h"

#include "charts/log_axis_ticker.h"
#include "qt_strings.h"
#include "reporting/estimate_report.h"
#include "reporting/number_format.h"

#include <QFontMetricsF>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace graphs::ui {

namespace {

const QColor ComputeRoofColour(150, 30, 30);
const QColor MemoryRoofColour(40, 70, 140);
constexpr double MinDot = 7;
constexpr double MaxDot = 26;
/// Pixels beyond a dot's edge that still count as pointing at it.
constexpr double HitSlack = 3;

double decadeBelow(double v)
{
    return std::pow(10.0, std::floor(std::log10(v)));
}

QPen roofPen(const QColor& colour)
{
    QPen pen(colour, 1.6, Qt::DashLine);
    pen.setCosmetic(true);
    return pen;
}

QCPItemText* roofLabel(QCustomPlot* plot, const QString& text, const QColor& colour, Qt::Alignment alignment)
{
    auto* label = new QCPItemText(plot);
    label->setClipToAxisRect(true);
    label->position->setType(QCPItemPosition::ptPlotCoords);
    label->setPositionAlignment(alignment);
    label->setText(text);
    label->setColor(colour);
    label->setPadding(QMargins(3, 1, 3, 2));
    return label;
}

} // namespace

RooflinePlot::RooflinePlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("rooflinePlot"));
    setMouseTracking(true);
    setMinimumSize(480, 320);

    for (QCPAxis* axis : { xAxis, yAxis }) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->grid()->setSubGridVisible(true);
        QPen sub = axis->grid()->subGridPen();
        sub.setColor(QColor(225, 225, 225));
        axis->grid()->setSubGridPen(sub);
    }
    xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new LogAxisTicker));
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new LogAxisTicker(tr("FLOP/s"))));
    xAxis->setLabel(tr("Arithmetic intensity (FLOP/byte)"));
    yAxis->setLabel(tr("Attained performance (FLOP/s)"));

    // The legend goes right of the axes, at the top, where it hides no dot.
    axisRect()->insetLayout()->take(legend);
    auto* side = new QCPLayoutGrid;
    plotLayout()->addElement(0, 1, side);
    plotLayout()->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, legend);
    side->addElement(1, 0, new QCPLayoutElement(this));
    side->setRowStretchFactor(0, 0.001);
    side->setMargins(QMargins(0, 10, 10, 0));
    legend->setVisible(true);
    legend->setBorderPen(QPen(QColor(190, 190, 190)));
    legend->setIconSize(24, 12);

    connect(this, &QCustomPlot::afterLayout, this, &RooflinePlot::placeMemoryLabels);
    connect(this, &QCustomPlot::mouseMove, this, &RooflinePlot::onMouseMove);
    connect(this, &QCustomPlot::mousePress, this, &RooflinePlot::onMousePress);
    rebuild();
}

QColor RooflinePlot::opClassColour(OpClass opClass)
{
    switch (opClass) {
    case OpClass::Convolution:
        return QColor(31, 119, 180);
    case OpClass::Matrix:
        return QColor(255, 127, 14);
    case OpClass::Elementwise:
        return QColor(44, 160, 44);
    case OpClass::Normalization:
        return QColor(214, 39, 40);
    case OpClass::Softmax:
        return QColor(148, 103, 189);
    case OpClass::Pooling:
        return QColor(140, 86, 75);
    case OpClass::Reduction:
        return QColor(227, 119, 194);
    case OpClass::DataMovement:
        return QColor(127, 127, 127);
    case OpClass::View:
        return QColor(188, 189, 34);
    case OpClass::Metadata:
        return QColor(23, 190, 207);
    case OpClass::ControlFlow:
        return QColor(57, 59, 121);
    case OpClass::Unknown:
        return QColor(60, 60, 60);
    }
    return Qt::black;
}

void RooflinePlot::setRoofline(RooflineData data)
{
    m_data = std::move(data);
    if (!m_data.point(m_selected))
        m_selected = -1;
    rebuild();
}

void RooflinePlot::rebuild()
{
    clearGraphs();
    clearItems();
    m_dotCount = 0;
    m_slantedLabels.clear();
    m_highlight = nullptr;
    m_highlightAnchor = nullptr;
    m_highlightLabel = nullptr;
    m_maxShare = 0;

    if (m_data.isEmpty()) {
        xAxis->setRange(0.1, 1000);
        yAxis->setRange(1e9, 1e15);
        legend->setVisible(false);
        replot(rpQueuedReplot);
        return;
    }
    legend->setVisible(true);

    // Axes around the dots and the ridge points.
    double xMin = std::numeric_limits<double>::max();
    double xMax = 0;
    double yMin = std::numeric_limits<double>::max();
    double yMax = 0;
    for (const RooflinePoint& p : m_data.points) {
        xMin = std::min(xMin, p.intensity);
        xMax = std::max(xMax, p.intensity);
        yMin = std::min(yMin, p.flopsPerSecond);
        yMax = std::max(yMax, p.flopsPerSecond);
        m_maxShare = std::max(m_maxShare, p.share);
    }
    const double top = m_data.compute.empty() ? yMax : m_data.compute.front().value;
    for (const RooflineCeiling& roof : m_data.memory) {
        xMin = std::min(xMin, top / roof.value / 4);
        xMax = std::max(xMax, top / roof.value);
    }
    for (const RooflineCeiling& roof : m_data.compute)
        yMin = std::min(yMin, roof.value);
    yMax = std::max(yMax, top);
    if (xMax <= 0 || yMax <= 0) {
        xMin = 0.1, xMax = 1000, yMin = 1e9, yMax = 1e15;
    }
    // Decades at the lower ends keep the scale easy to read; the upper ends leave just room for the roof labels.
    const Range x { decadeBelow(xMin / 1.5), xMax * 4 };
    Range y { decadeBelow(yMin / 2), yMax * 3 };
    y.lower = std::min(y.lower, y.upper / 1e4);
    xAxis->setRange(x.lower, x.upper);
    yAxis->setRange(y.lower, y.upper);

    addCeilings(x, y);
    addDots();

    m_highlight = addGraph();
    m_highlight->setLineStyle(QCPGraph::lsNone);
    m_highlight->removeFromLegend();
    m_highlightAnchor = new QCPItemTracer(this);
    m_highlightAnchor->setStyle(QCPItemTracer::tsNone);
    m_highlightAnchor->position->setType(QCPItemPosition::ptPlotCoords);
    m_highlightLabel = new QCPItemText(this);
    m_highlightLabel->position->setParentAnchor(m_highlightAnchor->position);
    m_highlightLabel->position->setType(QCPItemPosition::ptAbsolute);
    m_highlightLabel->setBrush(QColor(255, 255, 255, 220));
    m_highlightLabel->setPen(QPen(QColor(90, 90, 90)));
    m_highlightLabel->setPadding(QMargins(4, 2, 4, 2));
    m_highlightLabel->setClipToAxisRect(true);
    updateHighlight();
}

void RooflinePlot::addCeilings(const Range& x, const Range& y)
{
    const double top = m_data.compute.empty() ? y.upper : m_data.compute.front().value;
    const double fastest = m_data.memory.empty()
        ? 0
        : std::max_element(m_data.memory.begin(), m_data.memory.end(), [](const auto& a, const auto& b) {
              return a.value < b.value;
          })->value;

    // Memory roofs: bandwidth × intensity, up to where they meet the highest compute roof.
    bool first = true;
    for (const RooflineCeiling& roof : m_data.memory) {
        const double from = std::max(x.lower, y.lower / roof.value);
        const double to = std::min(x.upper, top / roof.value);
        if (to <= from)
            continue;
        QCPGraph* line = addGraph();
        line->setPen(roofPen(MemoryRoofColour));
        line->setData({ from, to }, { roof.value * from, roof.value * to }, true);
        line->setSelectable(QCP::stNone);
        if (first)
            line->setName(tr("Memory roof (theoretical)"));
        else
            line->removeFromLegend();
        first = false;
        // Placed and turned along the line once the axes are laid out (placeMemoryLabels()).
        QCPItemText* label
            = roofLabel(this, roof.label + QLatin1Char(' ') + LogAxisTicker::siLabel(roof.value, tr("B/s")),
                MemoryRoofColour, Qt::AlignLeft | Qt::AlignBottom);
        m_slantedLabels.push_back({ label, QPointF(from, roof.value * from), QPointF(to, roof.value * to) });
    }

    // Compute roofs: flat from where the fastest memory level reaches them.
    first = true;
    for (const RooflineCeiling& roof : m_data.compute) {
        const double from = fastest > 0 ? std::max(x.lower, roof.value / fastest) : x.lower;
        QCPGraph* line = addGraph();
        line->setPen(roofPen(ComputeRoofColour));
        line->setData({ from, x.upper }, { roof.value, roof.value }, true);
        line->setSelectable(QCP::stNone);
        if (first)
            line->setName(tr("Compute roof (theoretical)"));
        else
            line->removeFromLegend();
        first = false;
        QCPItemText* label
            = roofLabel(this, roof.label + QLatin1Char(' ') + LogAxisTicker::siLabel(roof.value, tr("FLOP/s")),
                ComputeRoofColour, Qt::AlignRight | Qt::AlignBottom);
        label->position->setCoords(x.upper, roof.value);
    }
}

void RooflinePlot::addDots()
{
    // One legend entry per operator class present, in the catalog's order.
    std::set<OpClass> classes;
    for (const RooflinePoint& p : m_data.points)
        classes.insert(p.opClass);
    for (OpClass c : classes) {
        QCPGraph* key = addGraph();
        key->setLineStyle(QCPGraph::lsNone);
        const QColor colour = opClassColour(c);
        key->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour.darker(130), colour, 9));
        key->setName(fromStd(opClassName(c)));
    }
    // QCustomPlot sizes scatter points per graph, and the dots are sized by latency share: a graph per class and
    // size, the size rounded to half a pixel. A graph per dot would make thousands of graphs for a large model,
    // slow to build and to draw. The largest dots are drawn first, so that none hides a smaller one.
    struct Dots
    {
        QVector<double> intensity;
        QVector<double> flopsPerSecond;
    };
    std::map<std::pair<int, OpClass>, Dots> groups; // (minus the size in half pixels, class)
    for (const RooflinePoint& p : m_data.points) {
        Dots& dots = groups[{ -static_cast<int>(std::lround(2 * dotDiameter(p))), p.opClass }];
        dots.intensity.push_back(p.intensity);
        dots.flopsPerSecond.push_back(p.flopsPerSecond);
    }
    for (const auto& [key, dots] : groups) {
        QCPGraph* graph = addGraph();
        graph->setLineStyle(QCPGraph::lsNone);
        QColor fill = opClassColour(key.second);
        fill.setAlpha(190);
        graph->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssDisc, opClassColour(key.second).darker(140), fill, -key.first / 2.0));
        graph->setData(dots.intensity, dots.flopsPerSecond);
        graph->removeFromLegend();
        graph->setSelectable(QCP::stNone);
    }
    m_dotCount = static_cast<int>(m_data.points.size());
}

double RooflinePlot::dotDiameter(const RooflinePoint& point) const
{
    // Area, not diameter, in proportion to the share: a dot twice as slow covers twice the ink.
    const double relative = m_maxShare > 0 ? std::sqrt(point.share / m_maxShare) : 0.0;
    return MinDot + (MaxDot - MinDot) * relative;
}

void RooflinePlot::setSelectedSubgraph(int subgraph)
{
    const int selected = m_data.point(subgraph) ? subgraph : -1;
    if (selected == m_selected)
        return;
    m_selected = selected;
    updateHighlight();
}

int RooflinePlot::selectedSubgraph() const
{
    return m_selected;
}

void RooflinePlot::updateHighlight()
{
    if (!m_highlight)
        return;
    const RooflinePoint* point = m_data.point(m_selected);
    if (!point) {
        m_highlight->data()->clear();
        m_highlightLabel->setVisible(false);
        replot(rpQueuedReplot);
        return;
    }
    const double size = dotDiameter(*point) + 8;
    m_highlight->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2.5), Qt::NoBrush, size));
    m_highlight->setData({ point->intensity }, { point->flopsPerSecond }, true);

    // Named beside the ring, not on it: up and to the right, or to the left near the right edge.
    m_highlightAnchor->position->setCoords(point->intensity, point->flopsPerSecond);
    const QCPRange range = xAxis->range();
    const bool nearRight = std::log10(point->intensity / range.lower) > 0.7 * std::log10(range.upper / range.lower);
    const double offset = size / 2;
    m_highlightLabel->setPositionAlignment((nearRight ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignBottom);
    m_highlightLabel->position->setCoords(nearRight ? -offset : offset, -offset);
    m_highlightLabel->setText(tr("#%1 %2").arg(point->subgraph).arg(point->label));
    m_highlightLabel->setVisible(true);
    replot(rpQueuedReplot);
}

void RooflinePlot::placeMemoryLabels()
{
    // Pixel positions are known only now. Each label runs along its line, above or below it, where it covers the
    // fewest dots (the first such place from the left).
    std::vector<std::pair<QPointF, double>> dots; // centre, radius
    for (const RooflinePoint& p : m_data.points)
        dots.emplace_back(
            QPointF(xAxis->coordToPixel(p.intensity), yAxis->coordToPixel(p.flopsPerSecond)), dotDiameter(p) / 2);
    const QRectF area = axisRect()->rect();
    for (const SlantedLabel& label : m_slantedLabels) {
        const QPointF from(xAxis->coordToPixel(label.from.x()), yAxis->coordToPixel(label.from.y()));
        const QPointF to(xAxis->coordToPixel(label.to.x()), yAxis->coordToPixel(label.to.y()));
        const double length = std::hypot(to.x() - from.x(), to.y() - from.y());
        if (length <= 0)
            continue;
        const QPointF along((to.x() - from.x()) / length, (to.y() - from.y()) / length);
        const QPointF up(along.y(), -along.x()); // the normal pointing up the screen
        const QFontMetricsF metrics(label.item->font());
        const double textLength = metrics.horizontalAdvance(label.item->text()) + 8;
        const double textHeight = metrics.height() + 4;

        double bestT = 0.02;
        bool bestAbove = true;
        int bestCovered = std::numeric_limits<int>::max();
        for (double t : { 0.02, 0.12, 0.22, 0.32, 0.42, 0.52, 0.62 }) {
            if (t * length + textLength > length)
                break;
            const QPointF anchor = from + (to - from) * t;
            for (bool above : { true, false }) {
                const QPointF farCorner = anchor + along * textLength + up * (above ? textHeight : -textHeight);
                if (!area.contains(farCorner))
                    continue;
                int covered = 0;
                for (const auto& [centre, radius] : dots) {
                    const QPointF d = centre - anchor;
                    const double a = d.x() * along.x() + d.y() * along.y();
                    const double b = d.x() * up.x() + d.y() * up.y();
                    const double bLow = above ? 0 : -textHeight;
                    const double bHigh = above ? textHeight : 0;
                    covered += a >= -radius && a <= textLength + radius && b >= bLow - radius && b <= bHigh + radius;
                }
                if (covered < bestCovered) {
                    bestCovered = covered;
                    bestT = t;
                    bestAbove = above;
                }
            }
            if (bestCovered == 0)
                break;
        }
        const QPointF anchor = from + (to - from) * bestT;
        label.item->position->setCoords(xAxis->pixelToCoord(anchor.x()), yAxis->pixelToCoord(anchor.y()));
        label.item->setPositionAlignment(Qt::AlignLeft | (bestAbove ? Qt::AlignBottom : Qt::AlignTop));
        label.item->setRotation(qRadiansToDegrees(std::atan2(along.y(), along.x())));
    }
}

std::optional<QPointF> RooflinePlot::dotPosition(int subgraph) const
{
    const RooflinePoint* point = m_data.point(subgraph);
    if (!point)
        return std::nullopt;
    return QPointF(xAxis->coordToPixel(point->intensity), yAxis->coordToPixel(point->flopsPerSecond));
}

int RooflinePlot::subgraphAt(const QPointF& position) const
{
    int best = -1;
    double bestDistance = std::numeric_limits<double>::max();
    for (const RooflinePoint& point : m_data.points) {
        const QPointF centre(xAxis->coordToPixel(point.intensity), yAxis->coordToPixel(point.flopsPerSecond));
        const double distance = std::hypot(centre.x() - position.x(), centre.y() - position.y());
        if (distance <= dotDiameter(point) / 2 + HitSlack && distance < bestDistance) {
            best = point.subgraph;
            bestDistance = distance;
        }
    }
    return best;
}

QString RooflinePlot::toolTipText(const RooflinePoint& point) const
{
    return tr("<b>#%1 %2</b><br>latency %3 (%4% of the model)<br>bound by %5%6<br>%7 FLOP/B, %8")
        .arg(QString::number(point.subgraph), point.label.toHtmlEscaped(),
            QString::fromStdString(formatEstimate(point.latency, 4)), QString::number(100 * point.share, 'f', 1),
            fromStd(bottleneckName(point.bottleneck)),
            point.memoryLevel.isEmpty() ? QString() : tr(", memory time set by %1").arg(point.memoryLevel),
            QString::number(point.intensity, 'g', 3), LogAxisTicker::siLabel(point.flopsPerSecond, tr("FLOP/s")));
}

void RooflinePlot::onMouseMove(QMouseEvent* event)
{
    const int subgraph = subgraphAt(event->position());
    const RooflinePoint* point = m_data.point(subgraph);
    if (point) {
        setCursor(Qt::PointingHandCursor);
        QToolTip::showText(event->globalPosition().toPoint(), toolTipText(*point), this);
    } else {
        unsetCursor();
        QToolTip::hideText();
    }
}

void RooflinePlot::onMousePress(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT subgraphClicked(subgraphAt(event->position()));
}

} // namespace graphs::ui
