#include "charts/generation_plots.h"

#include "charts/compare_chart_data.h"
#include "charts/legend_rows.h"
#include "qt_strings.h"

#include <algorithm>

namespace graphs::ui {

namespace {

constexpr double GB = 1e9;
const QColor KvColour(0x4e, 0x79, 0xa7);
const QColor TotalColour(0x59, 0x59, 0x59);

void setUpAxes(QCustomPlot& plot, const QString& y)
{
    plot.setMinimumSize(260, 220);
    plot.setAutoAddPlottableToLegend(false);
    plot.xAxis->setLabel(QCoreApplication::translate("graphs::ui::GenerationPlots", "Context length (tokens)"));
    plot.yAxis->setLabel(y);
    placeLegendAbove(plot, QSize(22, 15));
}

void relayOutLegend(QCustomPlot& plot, int& columns)
{
    if (legendColumnsFor(plot.width()) == columns)
        return;
    columns = legendColumnsFor(plot.width());
    arrangeLegendInRows(*plot.legend, columns);
}

} // namespace

std::vector<LatencySeries> makeLatencySeries(const std::vector<GenerationResult>& results)
{
    std::vector<LatencySeries> out;
    for (size_t i = 0; i < results.size(); ++i) {
        const GenerationResult& r = results[i];
        LatencySeries s;
        s.label = fromStd(r.hardwareName);
        s.colour = compareSeriesColour(static_cast<int>(i));
        for (const PassEstimate& pass : r.decode) {
            // The tokens decode step t attends to: the cache of prompt + t and its own (the context column of
            // `graphs generate`); without a cache it recomputes them all.
            s.context << static_cast<double>(pass.binding.past + pass.binding.sequence);
            s.milliseconds << pass.latency.value;
            s.bound << pass.latency.value * pass.latency.errorBoundPct / 100;
        }
        out.push_back(std::move(s));
    }
    return out;
}

MemorySeries makeMemorySeries(const std::vector<GenerationResult>& results)
{
    MemorySeries m;
    if (results.empty())
        return m;
    // Weights, cache and activations do not depend on the device (the same decoder, precision and fusion); the
    // first result stands for all, the capacities differ.
    const GenerationResult& r = results.front();
    m.contextEnd = static_cast<double>(r.promptTokens + r.generatedTokens);
    m.kvBytesPerContextToken = r.kvCacheBytesPerToken * static_cast<double>(r.batch);
    m.fixedBytes = r.memory.weightBytes + r.memory.activationBytes;
    for (size_t i = 0; i < results.size(); ++i) {
        if (results[i].memory.capacityBytes > 0)
            m.capacities.push_back({ fromStd(results[i].hardwareName), compareSeriesColour(static_cast<int>(i)),
                results[i].memory.capacityBytes });
    }
    return m;
}

GenerationLatencyPlot::GenerationLatencyPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("generationLatencyPlot"));
    setUpAxes(*this, tr("Latency per token (ms)"));
    setResults({});
}

void GenerationLatencyPlot::setResults(const std::vector<GenerationResult>& results)
{
    m_series = makeLatencySeries(results);
    clearPlottables();
    legend->setVisible(!m_series.empty());
    double xHigh = 0, yHigh = 0, xLow = 0;
    bool first = true;
    for (const LatencySeries& s : m_series) {
        QCPGraph* graph = addGraph();
        graph->setName(legendText(s.label, 28));
        graph->setPen(QPen(s.colour, 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, s.colour, s.colour, 7));
        graph->setData(s.context, s.milliseconds, true);
        graph->addToLegend();
        auto* bars = new QCPErrorBars(xAxis, yAxis);
        bars->setDataPlottable(graph);
        bars->setData(s.bound);
        bars->setPen(QPen(s.colour.lighter(130), 1));
        bars->removeFromLegend();
        for (qsizetype i = 0; i < s.context.size(); ++i) {
            xLow = first ? s.context[i] : std::min(xLow, s.context[i]);
            first = false;
            xHigh = std::max(xHigh, s.context[i]);
            yHigh = std::max(yHigh, s.milliseconds[i] + s.bound[i]);
        }
    }
    const double pad = std::max(1.0, (xHigh - xLow) * 0.04);
    xAxis->setRange(m_series.empty() ? QCPRange(0, 1) : QCPRange(xLow - pad, xHigh + pad));
    yAxis->setRange(0, yHigh > 0 ? yHigh * 1.1 : 1);
    m_legendColumns = 0;
    relayOutLegend(*this, m_legendColumns);
    replot(rpQueuedReplot);
}

void GenerationLatencyPlot::resizeEvent(QResizeEvent* event)
{
    relayOutLegend(*this, m_legendColumns);
    QCustomPlot::resizeEvent(event);
}

GenerationMemoryPlot::GenerationMemoryPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setObjectName(QStringLiteral("generationMemoryPlot"));
    setUpAxes(*this, tr("Memory (GB)"));
    setResults({});
}

QCPItemStraightLine* GenerationMemoryPlot::capacityLine(int index) const
{
    return index >= 0 && index < static_cast<int>(m_capacityLines.size()) ? m_capacityLines[static_cast<size_t>(index)]
                                                                          : nullptr;
}

void GenerationMemoryPlot::setResults(const std::vector<GenerationResult>& results)
{
    m_series = makeMemorySeries(results);
    clearPlottables();
    clearItems();
    m_capacityLines.clear();
    const bool empty = m_series.contextEnd <= 0;
    legend->setVisible(!empty);
    if (empty) {
        xAxis->setRange(0, 1);
        yAxis->setRange(0, 1);
        replot(rpQueuedReplot);
        return;
    }
    // Both lines are straight in the context: their ends say everything.
    const QVector<double> context { 0, m_series.contextEnd };
    const double kvEnd = m_series.kvBytesPerContextToken * m_series.contextEnd;
    QCPGraph* total = addGraph();
    total->setName(tr("Total (weights + KV cache + activations)"));
    total->setPen(QPen(TotalColour, 2.5));
    total->setBrush(QColor(TotalColour.red(), TotalColour.green(), TotalColour.blue(), 30));
    total->setData(context, { m_series.fixedBytes / GB, (m_series.fixedBytes + kvEnd) / GB }, true);
    total->addToLegend();
    QCPGraph* kv = addGraph();
    kv->setName(tr("KV cache"));
    kv->setPen(QPen(KvColour, 2.5));
    kv->setData(context, { 0, kvEnd / GB }, true);
    kv->addToLegend();
    double yHigh = (m_series.fixedBytes + kvEnd) / GB;
    for (const MemorySeries::Capacity& c : m_series.capacities) {
        auto* line = new QCPItemStraightLine(this);
        line->point1->setCoords(0, c.bytes / GB);
        line->point2->setCoords(1, c.bytes / GB);
        line->setPen(QPen(c.colour, 1.8, Qt::DashLine));
        m_capacityLines.push_back(line);
        auto* label = new QCPItemText(this);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(m_series.contextEnd * 0.02, c.bytes / GB);
        label->setText(tr("%1: %2 GB").arg(legendText(c.label, 30)).arg(c.bytes / GB, 0, 'g', 3));
        label->setColor(c.colour); // the level is named on the chart: no legend entry
        yHigh = std::max(yHigh, c.bytes / GB);
    }
    xAxis->setRange(0, m_series.contextEnd * 1.02);
    yAxis->setRange(0, yHigh * 1.12);
    m_legendColumns = 0;
    relayOutLegend(*this, m_legendColumns);
    replot(rpQueuedReplot);
}

void GenerationMemoryPlot::resizeEvent(QResizeEvent* event)
{
    relayOutLegend(*this, m_legendColumns);
    QCustomPlot::resizeEvent(event);
}

} // namespace graphs::ui
