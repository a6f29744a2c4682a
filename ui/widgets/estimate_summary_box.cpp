#include "widgets/estimate_summary_box.h"

#include "estimated_model.h"
#include "qt_strings.h"
#include "reporting/estimate_report.h"
#include "reporting/number_format.h"

#include <QFormLayout>
#include <QLabel>

namespace graphs::ui {

namespace {

/// "0.174 ms ±75% THEORETICAL", as the command-line tool prints it.
QString estimateText(const EstimationResult& e, int decimals = 3)
{
    return QString::fromStdString(formatEstimate(e, decimals));
}

} // namespace

EstimateSummaryBox::EstimateSummaryBox(QWidget* parent)
    : QGroupBox(tr("Estimate"), parent)
    , m_form(new QFormLayout(this))
    , m_hint(new QLabel)
{
    setObjectName(QStringLiteral("estimateBox"));
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_hint->setObjectName(QStringLiteral("estimateHint"));
    m_hint->setWordWrap(true);
    m_hint->setText(tr("Choose hardware in the toolbar to estimate latency, energy and memory."));
    m_form->addRow(m_hint);
    addFigure(tr("Hardware:"), QStringLiteral("estimateHardware"));
    addFigure(tr("Settings:"), QStringLiteral("estimateSettings"));
    addFigure(tr("Latency:"), QStringLiteral("estimateLatency"));
    addFigure(tr("Throughput:"), QStringLiteral("estimateThroughput"));
    addFigure(tr("Energy:"), QStringLiteral("estimateEnergy"));
    addFigure(tr("  compute:"), QStringLiteral("estimateEnergyCompute"));
    addFigure(tr("  memory:"), QStringLiteral("estimateEnergyMemory"));
    addFigure(tr("  static:"), QStringLiteral("estimateEnergyStatic"));
    addFigure(tr("Peak memory:"), QStringLiteral("estimatePeakMemory"));
    addFigure(tr("Bound by:"), QStringLiteral("estimateBottleneck"));
    setEstimate(nullptr);
}

QLabel* EstimateSummaryBox::addFigure(const QString& label, const QString& name)
{
    auto* value = new QLabel;
    value->setObjectName(name);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(label, value);
    return value;
}

void EstimateSummaryBox::setEstimate(const std::shared_ptr<const EstimatedModel>& estimate)
{
    const bool shown = estimate != nullptr;
    m_hint->setVisible(!shown);
    for (int row = 1; row < m_form->rowCount(); ++row)
        m_form->setRowVisible(row, shown);
    const auto set = [this](const char* name, const QString& text, const QString& toolTip = {}) {
        auto* label = findChild<QLabel*>(QLatin1String(name));
        label->setText(text);
        label->setToolTip(toolTip);
    };
    if (!estimate) {
        for (QLabel* label : findChildren<QLabel*>()) {
            if (label != m_hint && label->objectName().startsWith(QLatin1String("estimate")))
                label->clear();
        }
        return;
    }
    const ModelEstimate& e = estimate->estimate;
    const HardwareSpec& spec = estimate->hardware();
    const ModelSummary& s = e.summary;
    set("estimateHardware", QString::fromStdString(spec.name + " (" + spec.id + ")"),
        QString::fromStdString(spec.file));
    set("estimateSettings",
        tr("%1, batch %2, %3 runtime, %4 subgraphs")
            .arg(fromStd(precisionName(e.options.precision)))
            .arg(e.options.batch)
            .arg(QString::fromStdString(e.runtime))
            .arg(estimate->partition.subgraphs.size()),
        estimate->runtimeName);
    const QString source = QString::fromStdString(s.latency.source);
    set("estimateLatency", estimateText(s.latency), source);
    set("estimateThroughput", estimateText(s.throughput, 1), source);
    set("estimateEnergy", estimateText(s.energy), QString::fromStdString(s.energy.source));
    set("estimateEnergyCompute", estimateText(e.energy.compute), tr("Operations × energy per operation"));
    set("estimateEnergyMemory", estimateText(e.energy.memory),
        tr("Bytes × energy per byte of every memory level they pass through"));
    set("estimateEnergyStatic", estimateText(e.energy.staticPart), tr("Idle power × latency"));
    set("estimatePeakMemory",
        tr("%1 (weights %2, activations %3)")
            .arg(estimateText(s.peakMemory, 1), fromStd(humanBytes(e.memory.weightBytes)),
                fromStd(humanBytes(e.memory.peakActivationBytes))),
        QString::fromStdString(s.peakMemory.source));
    set("estimateBottleneck", fromStd(bottleneckName(s.bottleneck)),
        tr("The bound that holds the largest share of latency"));
}

} // namespace graphs::ui
