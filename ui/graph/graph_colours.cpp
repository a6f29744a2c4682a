#include "graph/graph_colours.h"

#include "charts/roofline_plot.h"
#include "estimated_model.h"
#include "estimation/graph_analysis.h"
#include "graph/graph_diagram.h"
#include "reporting/number_format.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <set>

namespace graphs::ui {

namespace {

// The strings of this file, under one context for lupdate and the translators.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(graphs::ui::GraphColours)
};

/// The subgraph whose figures colour `item`, or -1.
int subgraphOf(const DiagramItem& item, const EstimatedModel& estimate)
{
    switch (item.kind) {
    case DiagramItem::Kind::Subgraph:
        return item.index;
    case DiagramItem::Kind::Node:
        return static_cast<size_t>(item.index) < estimate.partition.subgraphOfNode.size()
            ? estimate.partition.subgraphOfNode[item.index]
            : -1;
    default:
        return -1;
    }
}

void colourByOpClass(
    const Diagram& diagram, const GraphAnalysis& analysis, const EstimatedModel* estimate, DiagramColours& out)
{
    std::set<OpClass> present;
    for (size_t i = 0; i < diagram.items.size(); ++i) {
        const DiagramItem& item = diagram.items[i];
        OpClass c = OpClass::Unknown;
        if (item.kind == DiagramItem::Kind::Node && static_cast<size_t>(item.index) < analysis.nodes.size())
            c = analysis.nodes[item.index].opClass;
        else if (item.kind == DiagramItem::Kind::Subgraph && estimate
            && static_cast<size_t>(item.index) < estimate->partition.subgraphs.size())
            c = estimate->partition.subgraphs[item.index].opClass;
        else
            continue;
        out.fill[i] = RooflinePlot::opClassColour(c);
        present.insert(c);
    }
    for (OpClass c : present) {
        const auto name = opClassName(c);
        out.legend.entries.push_back(
            { RooflinePlot::opClassColour(c), QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())) });
    }
}

} // namespace

QColor heatColour(double t)
{
    // Three stops of a yellow-orange-red ramp, readable with dark text at the low end.
    static const QColor stops[] = { QColor(255, 247, 188), QColor(254, 153, 41), QColor(189, 0, 38) };
    t = std::clamp(t, 0.0, 1.0) * 2;
    const int i = std::min(1, static_cast<int>(t));
    const double f = t - i;
    auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * f)); };
    const QColor& a = stops[i];
    const QColor& b = stops[i + 1];
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

QColor bottleneckColour(Bottleneck bottleneck)
{
    switch (bottleneck) {
    case Bottleneck::Compute:
        return QColor(214, 69, 65);
    case Bottleneck::Memory:
        return QColor(52, 120, 198);
    case Bottleneck::Overhead:
        return QColor(240, 173, 40);
    case Bottleneck::None:
        break;
    }
    return QColor(205, 205, 205);
}

QColor subgraphColour(int subgraph)
{
    const double hue = std::fmod(subgraph * 0.618033988749895, 1.0);
    return QColor::fromHsvF(static_cast<float>(hue), 0.42f, 0.93f);
}

QColor terminalColour()
{
    return QColor(225, 228, 232);
}

DiagramColours colourDiagram(
    const Diagram& diagram, const GraphAnalysis& analysis, const EstimatedModel* estimate, ColourMode mode)
{
    DiagramColours out;
    out.fill.assign(diagram.items.size(), terminalColour());
    if (mode == ColourMode::OperatorClass || !estimate) {
        colourByOpClass(diagram, analysis, estimate, out);
        if (mode != ColourMode::OperatorClass)
            out.legend.note = Tr::tr("Coloured by operator class: choose hardware in the toolbar for an estimate.");
        return out;
    }

    const auto& subgraphs = estimate->estimate.subgraphs;
    const double total = estimate->estimate.summary.latency.value;
    double maxShare = 0;
    for (const SubgraphEstimate& e : subgraphs)
        maxShare = std::max(maxShare, total > 0 ? e.latency.value / total : 0.0);
    std::set<Bottleneck> present;
    for (size_t i = 0; i < diagram.items.size(); ++i) {
        const int s = subgraphOf(diagram.items[i], *estimate);
        if (s < 0 || static_cast<size_t>(s) >= subgraphs.size())
            continue;
        const SubgraphEstimate& e = subgraphs[s];
        switch (mode) {
        case ColourMode::Subgraph:
            out.fill[i] = subgraphColour(s);
            break;
        case ColourMode::Bottleneck:
            out.fill[i] = bottleneckColour(e.bottleneck);
            present.insert(e.bottleneck);
            break;
        case ColourMode::LatencyShare: {
            const double share = total > 0 ? e.latency.value / total : 0.0;
            out.fill[i] = heatColour(maxShare > 0 ? share / maxShare : 0.0);
            break;
        }
        case ColourMode::OperatorClass:
            break;
        }
    }

    switch (mode) {
    case ColourMode::Subgraph:
        out.legend.note = Tr::tr("One colour per fused subgraph (%1 in all): boxes of one colour run as one kernel.")
                              .arg(subgraphs.size());
        break;
    case ColourMode::Bottleneck:
        for (Bottleneck b : present) {
            const auto name = bottleneckName(b);
            const QString label = b == Bottleneck::None
                ? Tr::tr("no kernel")
                : Tr::tr("%1 bound").arg(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())));
            out.legend.entries.push_back({ bottleneckColour(b), label });
        }
        out.legend.note
            = Tr::tr("What limits each subgraph on %1.").arg(QString::fromStdString(estimate->hardware().name));
        break;
    case ColourMode::LatencyShare:
        out.legend.heatScale = true;
        out.legend.low = QStringLiteral("0 %");
        out.legend.high = QString::fromStdString(fixed(100 * maxShare, 1)) + QStringLiteral(" %");
        out.legend.note = Tr::tr("Each subgraph's share of the model's latency.");
        break;
    case ColourMode::OperatorClass:
        break;
    }
    return out;
}

} // namespace graphs::ui
