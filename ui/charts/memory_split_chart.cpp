#include "charts/memory_split_chart.h"

#include "charts/memory_chart_data.h"
#include "reporting/number_format.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QGraphicsLayout>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QValueAxis>
#include <algorithm>

namespace graphs::ui {

MemorySplitChart::MemorySplitChart(QWidget* parent)
    : QChartView(parent)
    , m_series(new QHorizontalStackedBarSeries)
    , m_weights(new QBarSet(tr("Weights")))
    , m_activations(new QBarSet(tr("Activations at the peak")))
    , m_values(new QValueAxis)
{
    setObjectName(QStringLiteral("memorySplitChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(480, 130);
    m_weights->setColor(QColor(120, 90, 160));
    m_weights->setBorderColor(m_weights->color());
    m_activations->setColor(QColor(40, 90, 170));
    m_activations->setBorderColor(m_activations->color());
    for (QBarSet* set : { m_weights, m_activations })
        set->setLabelColor(Qt::white);
    m_series->append(QList<QBarSet*> { m_weights, m_activations });
    m_series->setBarWidth(0.6);
    m_series->setLabelsVisible(true);
    m_series->setLabelsPrecision(4);

    auto* categories = new QBarCategoryAxis;
    categories->append(tr("Peak"));
    auto* c = chart();
    c->addSeries(m_series);
    c->addAxis(categories, Qt::AlignLeft);
    c->addAxis(m_values, Qt::AlignBottom);
    m_series->attachAxis(categories);
    m_series->attachAxis(m_values);
    // The bar carries its figures and the legend names them: axes would only crowd so short a chart.
    categories->setVisible(false);
    m_values->setVisible(false);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);
    setData(nullptr);
}

void MemorySplitChart::setData(std::shared_ptr<const MemoryChartData> data)
{
    m_weights->remove(0, m_weights->count());
    m_activations->remove(0, m_activations->count());
    if (!data) {
        chart()->setTitle(QString());
        m_values->setRange(0, 1);
        return;
    }
    const double total = data->weightBytes + data->peakActivationBytes;
    const ByteUnit unit = byteUnitFor(total);
    m_bytesPerUnit = unit.bytes;
    *m_weights << data->weightBytes / unit.bytes;
    *m_activations << data->peakActivationBytes / unit.bytes;
    m_series->setLabelsFormat(QStringLiteral("@value ") + unit.name);
    m_values->setRange(0, total > 0 ? total / unit.bytes : 1);
    chart()->setTitle(tr("Peak memory: %1").arg(QString::fromStdString(humanBytes(total))));
    // The legend gives each part in full, whatever the width of its bar.
    const auto markers = chart()->legend()->markers(m_series);
    if (markers.size() == 2) {
        markers[0]->setLabel(tr("Weights: %1").arg(QString::fromStdString(humanBytes(data->weightBytes))));
        markers[1]->setLabel(
            tr("Activations at the peak: %1").arg(QString::fromStdString(humanBytes(data->peakActivationBytes))));
    }
}

} // namespace graphs::ui
