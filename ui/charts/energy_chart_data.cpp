#include "charts/energy_chart_data.h"

#include "estimated_model.h"
#include "estimation/graph_analysis.h"
#include "qt_strings.h"
#include "reporting/analysis_report.h"
#include "reporting/number_format.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace graphs::ui {

namespace {

// The strings of this file, under one context for lupdate and the translators.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(graphs::ui::EnergyChartData)
};

/// compute, the levels (J → mJ), static: the order of EnergyChartData::components.
std::vector<double> split(const EnergyEstimate& e, size_t levels)
{
    std::vector<double> parts;
    parts.reserve(levels + 2);
    parts.push_back(e.compute.value);
    for (size_t i = 0; i < levels; ++i)
        parts.push_back(i < e.memoryByLevelJoules.size() ? e.memoryByLevelJoules[i] * 1e3 : 0.0);
    parts.push_back(e.staticPart.value);
    return parts;
}

QString number(double v)
{
    return QString::number(v, 'g', 12);
}

} // namespace

int EnergyChartData::rankOf(int subgraph) const
{
    for (size_t i = 0; i < ranked.size(); ++i) {
        if (ranked[i].subgraph == subgraph)
            return static_cast<int>(i);
    }
    return -1;
}

EnergyChartData makeEnergyChartData(const EstimatedModel& estimated)
{
    EnergyChartData data;
    const HardwareSpec& spec = estimated.hardware();
    const ModelEstimate& e = estimated.estimate;
    const ComputeGraph& graph = *estimated.analysis->graph;
    data.model = QString::fromStdString(modelDisplayName(graph));
    data.hardware = QString::fromStdString(spec.name + " (" + spec.id + ")");
    data.components << Tr::tr("Compute");
    for (const MemoryLevel& level : spec.memory)
        data.components << QString::fromStdString(level.name);
    data.components << Tr::tr("Static");
    data.total = e.energy;
    data.parts = split(e.energy, spec.memory.size());

    const auto& subgraphs = estimated.partition.subgraphs;
    for (size_t i = 0; i < subgraphs.size() && i < e.subgraphs.size(); ++i) {
        const Subgraph& s = subgraphs[i];
        SubgraphEnergy row;
        row.subgraph = static_cast<int>(i);
        row.label = QStringLiteral("#%1 %2").arg(i).arg(QString::fromStdString(s.label));
        if (s.mainNode >= 0 && s.mainNode < static_cast<int>(graph.nodeCount()))
            row.mainNode = QString::fromStdString(graph.node(s.mainNode).name);
        row.energy = e.subgraphs[i].energy;
        row.parts = split(row.energy, spec.memory.size());
        row.bottleneck = e.subgraphs[i].bottleneck;
        data.ranked.push_back(std::move(row));
    }
    std::stable_sort(data.ranked.begin(), data.ranked.end(),
        [](const SubgraphEnergy& a, const SubgraphEnergy& b) { return a.energy.total.value > b.energy.total.value; });
    return data;
}

QColor energyComponentColour(const EnergyChartData& data, int component)
{
    const int last = static_cast<int>(data.components.size()) - 1;
    if (component == 0)
        return QColor(221, 110, 40);
    if (component >= last)
        return QColor(150, 150, 150);
    // Levels from a light to a deep blue, the off-chip level darkest.
    const int levels = std::max(1, data.levelCount());
    const double t = levels == 1 ? 1.0 : static_cast<double>(component - 1) / (levels - 1);
    return QColor::fromRgbF(
        static_cast<float>(0.62 - 0.5 * t), static_cast<float>(0.78 - 0.45 * t), static_cast<float>(0.95 - 0.25 * t));
}

QByteArray energyCsv(const EnergyChartData& data)
{
    QStringList header { QStringLiteral("rank"), QStringLiteral("subgraph"), QStringLiteral("label"),
        QStringLiteral("node") };
    for (const QString& c : data.components)
        header << c.toLower() + QStringLiteral("_mj");
    header << QStringLiteral("total_mj") << QStringLiteral("confidence") << QStringLiteral("error_bound_pct")
           << QStringLiteral("bottleneck");
    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (size_t rank = 0; rank < data.ranked.size(); ++rank) {
        const SubgraphEnergy& s = data.ranked[rank];
        QStringList row { QString::number(rank + 1), QString::number(s.subgraph),
            QString::fromStdString(csvField(s.label.toStdString())),
            QString::fromStdString(csvField(s.mainNode.toStdString())) };
        for (double part : s.parts)
            row << number(part);
        row << number(s.energy.total.value) << fromStd(confidenceName(s.energy.total.confidence))
            << number(s.energy.total.errorBoundPct) << fromStd(bottleneckName(s.bottleneck));
        out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out.toUtf8();
}

QString formatMilliJoules(double mJ)
{
    const double a = std::abs(mJ);
    if (a == 0)
        return Tr::tr("0 mJ");
    if (a >= 1000)
        return Tr::tr("%1 J").arg(QString::number(mJ / 1000, 'g', 3));
    if (a < 0.1)
        return Tr::tr("%1 µJ").arg(QString::number(mJ * 1000, 'g', 3));
    return Tr::tr("%1 mJ").arg(QString::number(mJ, 'g', 3));
}

QString formatEnergy(const EstimationResult& energy)
{
    return Tr::tr("%1 ±%2% %3")
        .arg(formatMilliJoules(energy.value), QString::number(energy.errorBoundPct, 'g', 3),
            fromStd(confidenceName(energy.confidence)));
}

QString subgraphEnergyText(const EnergyChartData& data, const SubgraphEnergy& subgraph)
{
    QStringList split;
    for (int i = 0; i < data.components.size() && i < static_cast<int>(subgraph.parts.size()); ++i)
        split << Tr::tr("%1 %2").arg(data.components[i], formatMilliJoules(subgraph.parts[static_cast<size_t>(i)]));
    const QString name
        = subgraph.mainNode.isEmpty() ? subgraph.label : Tr::tr("%1 ('%2')").arg(subgraph.label, subgraph.mainNode);
    const QString bound = subgraph.bottleneck == Bottleneck::None
        ? Tr::tr("no kernel")
        : Tr::tr("%1-bound").arg(fromStd(bottleneckName(subgraph.bottleneck)));
    return Tr::tr("%1\n%2, %3\n%4")
        .arg(name, formatEnergy(subgraph.energy.total), bound, split.join(QStringLiteral(" · ")));
}

} // namespace graphs::ui
