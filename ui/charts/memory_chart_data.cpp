#include "charts/memory_chart_data.h"

#include "estimated_model.h"
#include "estimation/graph_analysis.h"
#include "reporting/analysis_report.h"
#include "reporting/number_format.h"

#include <QCoreApplication>
#include <QStringList>

namespace graphs::ui {

namespace {

// The strings of this file, under one context for lupdate and the translators.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(graphs::ui::MemoryChartData)
};

} // namespace

MemoryChartData makeMemoryChartData(const EstimatedModel& estimated)
{
    MemoryChartData data;
    const ComputeGraph& graph = *estimated.analysis->graph;
    const MemoryProfile& profile = estimated.estimate.memory;
    data.model = QString::fromStdString(modelDisplayName(graph));
    data.precision = estimated.estimate.options.precision;
    data.weightBytes = profile.weightBytes;
    data.peakActivationBytes = profile.peakActivationBytes;
    data.peakStep = profile.peakAtNode;
    data.peak = estimated.estimate.summary.peakMemory;
    // The profile follows the execution order: its i-th figure is after the i-th node of that order.
    const std::vector<int> order = graph.topologicalOrder();
    data.steps.reserve(profile.liveBytesAfterNode.size());
    for (size_t i = 0; i < profile.liveBytesAfterNode.size(); ++i) {
        MemoryStep step;
        step.node = i < order.size() ? order[i] : static_cast<int>(i);
        if (step.node < static_cast<int>(graph.nodeCount())) {
            const Node& node = graph.node(step.node);
            step.name = QString::fromStdString(node.name);
            step.opType = QString::fromStdString(node.opType);
        }
        step.liveBytes = profile.liveBytesAfterNode[i];
        data.steps.push_back(std::move(step));
    }
    return data;
}

QByteArray memoryCsv(const MemoryChartData& data)
{
    QString out = QStringLiteral("step,node,name,op_type,live_activation_bytes,peak\n");
    for (size_t i = 0; i < data.steps.size(); ++i) {
        const MemoryStep& s = data.steps[i];
        out += QStringList { QString::number(i + 1), QString::number(s.node),
            QString::fromStdString(csvField(s.name.toStdString())),
            QString::fromStdString(csvField(s.opType.toStdString())), QString::number(s.liveBytes, 'g', 15),
            static_cast<int>(i) == data.peakStep ? QStringLiteral("1") : QStringLiteral("0") }
                   .join(QLatin1Char(','))
            + QLatin1Char('\n');
    }
    return out.toUtf8();
}

ByteUnit byteUnitFor(double bytes)
{
    if (bytes >= 1e9)
        return { QStringLiteral("GB"), 1e9 };
    if (bytes >= 1e6)
        return { QStringLiteral("MB"), 1e6 };
    if (bytes >= 1e3)
        return { QStringLiteral("kB"), 1e3 };
    return { QStringLiteral("B"), 1 };
}

QString memoryStepText(const MemoryChartData& data, int step)
{
    if (step < 0 || step >= static_cast<int>(data.steps.size()))
        return {};
    const MemoryStep& s = data.steps[static_cast<size_t>(step)];
    const QString name = s.name.isEmpty() ? Tr::tr("node #%1").arg(s.node) : QStringLiteral("'%1'").arg(s.name);
    QString text = Tr::tr("Step %1 of %2: %3 %4\nActivations alive after it: %5")
                       .arg(step + 1)
                       .arg(data.steps.size())
                       .arg(s.opType, name, QString::fromStdString(humanBytes(s.liveBytes)));
    if (step == data.peakStep)
        text += Tr::tr(" (the peak)");
    return text;
}

} // namespace graphs::ui
