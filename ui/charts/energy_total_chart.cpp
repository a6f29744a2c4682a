#include "charts/energy_total_chart.h"

#include "charts/energy_chart_data.h"

#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QPieSeries>
#include <QPieSlice>
#include <numeric>

namespace graphs::ui {

namespace {

/// Slices thinner than this carry no label: it would not fit.
constexpr double MinLabelledShare = 0.05;

} // namespace

EnergyTotalChart::EnergyTotalChart(QWidget* parent)
    : QChartView(parent)
    , m_series(new QPieSeries)
{
    setObjectName(QStringLiteral("energyTotalChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(300, 300);
    m_series->setHoleSize(0.45);
    m_series->setPieSize(0.8);
    auto* c = chart();
    c->addSeries(m_series);
    c->legend()->setAlignment(Qt::AlignRight);
    c->legend()->setShowToolTips(true);
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);
}

void EnergyTotalChart::setData(std::shared_ptr<const EnergyChartData> data)
{
    m_data = std::move(data);
    m_series->clear();
    if (!m_data || m_data->isEmpty()) {
        chart()->setTitle(QString());
        return;
    }
    const double total = std::accumulate(m_data->parts.begin(), m_data->parts.end(), 0.0);
    chart()->setTitle(tr("Per inference: %1").arg(formatMilliJoules(m_data->total.total.value)));
    for (int i = 0; i < m_data->components.size(); ++i) {
        const double value = m_data->parts[static_cast<size_t>(i)];
        const double share = total > 0 ? value / total : 0;
        auto* slice
            = m_series->append(QString::number(share * 100, 'f', share < 0.1 ? 1 : 0) + QLatin1Char('%'), value);
        slice->setColor(energyComponentColour(*m_data, i));
        slice->setBorderColor(Qt::white);
        slice->setLabelVisible(share >= MinLabelledShare);
        slice->setLabelPosition(QPieSlice::LabelInsideNormal);
        slice->setLabelColor(i == 0 || i > 1 ? Qt::white : Qt::black);
        // The slice's own label is its share; the legend tells what it is and how much.
        const auto markers = chart()->legend()->markers(m_series);
        markers.constLast()->setLabel(tr("%1 %2 (%3%)")
                                          .arg(m_data->components[i], formatMilliJoules(value),
                                              QString::number(share * 100, 'f', share < 0.1 ? 1 : 0)));
    }
}

std::vector<double> EnergyTotalChart::values() const
{
    std::vector<double> out;
    for (const QPieSlice* slice : m_series->slices())
        out.push_back(slice->value());
    return out;
}

} // namespace graphs::ui
