#include "charts/energy_subgraph_chart.h"

#include "charts/energy_chart_data.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QFontMetrics>
#include <QGraphicsLayout>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>

namespace graphs::ui {

namespace {

/// Category labels longer than this are elided: the "#id" prefix keeps them unique.
constexpr int MaxLabelChars = 32;

QColor faded(const QColor& colour)
{
    // Towards white: the bar is still there, but the highlighted one stands out.
    constexpr float Keep = 0.45F;
    return QColor::fromRgbF(
        Keep * colour.redF() + (1 - Keep), Keep * colour.greenF() + (1 - Keep), Keep * colour.blueF() + (1 - Keep));
}

QString elided(const QString& label)
{
    return label.size() <= MaxLabelChars ? label : label.left(MaxLabelChars - 1) + QChar(0x2026);
}

} // namespace

EnergySubgraphChart::EnergySubgraphChart(QWidget* parent)
    : QChartView(parent)
    , m_series(new QHorizontalStackedBarSeries)
    , m_categories(new QBarCategoryAxis)
    , m_values(new QValueAxis)
{
    setObjectName(QStringLiteral("energySubgraphChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(420, 300);
    auto* c = chart();
    c->addSeries(m_series);
    c->addAxis(m_categories, Qt::AlignLeft);
    c->addAxis(m_values, Qt::AlignBottom);
    m_series->attachAxis(m_categories);
    m_series->attachAxis(m_values);
    m_series->setBarWidth(0.7);
    m_values->setTitleText(tr("Energy per inference (mJ)"));
    m_values->setLabelFormat(QStringLiteral("%.3g"));
    c->legend()->setAlignment(Qt::AlignBottom);
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);

    connect(m_series, &QAbstractBarSeries::clicked, this, [this](int index, QBarSet*) {
        const int rank = rankOf(index);
        if (rank >= 0 && rank < static_cast<int>(m_shown.size()))
            Q_EMIT subgraphClicked(m_shown[static_cast<size_t>(rank)]);
    });
    connect(m_series, &QAbstractBarSeries::hovered, this,
        [this](bool entered, int index, QBarSet*) { showToolTip(entered, rankOf(index)); });
}

void EnergySubgraphChart::setData(std::shared_ptr<const EnergyChartData> data)
{
    m_data = std::move(data);
    rebuild();
}

void EnergySubgraphChart::setTopCount(int count)
{
    count = std::max(1, count);
    if (count == m_topCount)
        return;
    m_topCount = count;
    rebuild();
}

void EnergySubgraphChart::rebuild()
{
    m_series->clear();
    m_sets.clear();
    m_shown.clear();
    m_categories->clear();
    if (!m_data || m_data->isEmpty()) {
        chart()->setTitle(QString());
        m_values->setRange(0, 1);
        return;
    }
    const int shown = std::min(m_topCount, static_cast<int>(m_data->ranked.size()));
    chart()->setTitle(tr("Top %1 of %2 subgraphs by energy").arg(shown).arg(m_data->ranked.size()));
    QStringList categories;
    double largest = 0;
    for (int rank = 0; rank < shown; ++rank) {
        const SubgraphEnergy& s = m_data->ranked[static_cast<size_t>(rank)];
        m_shown.push_back(s.subgraph);
        // Horizontal bars stack upwards from index 0: the largest goes last, to the top, where a reader starts.
        categories.prepend(elided(s.label));
        largest = std::max(largest, s.energy.total.value);
    }
    QList<QBarSet*> sets;
    for (int i = 0; i < m_data->components.size(); ++i) {
        auto* set = new QBarSet(m_data->components[i]);
        const QColor colour = energyComponentColour(*m_data, i);
        set->setColor(colour);
        set->setBorderColor(colour);
        set->setSelectedColor(faded(colour));
        for (int rank = shown - 1; rank >= 0; --rank)
            *set << m_data->ranked[static_cast<size_t>(rank)].parts[static_cast<size_t>(i)];
        m_sets.push_back(set);
        sets << set;
    }
    m_series->append(sets);
    m_categories->append(categories);
    m_values->setRange(0, largest > 0 ? largest * 1.05 : 1);
    m_values->applyNiceNumbers();
    applyHighlight();
}

void EnergySubgraphChart::setSelectedSubgraph(int subgraph)
{
    m_selected = subgraph;
    applyHighlight();
}

int EnergySubgraphChart::highlightedSubgraph() const
{
    const auto it = std::find(m_shown.begin(), m_shown.end(), m_selected);
    return it == m_shown.end() ? -1 : m_selected;
}

void EnergySubgraphChart::applyHighlight()
{
    // QBarSet draws "selected" bars in their selected colour: every bar but the highlighted one is "selected", so
    // that they fade and it keeps its colours.
    const int highlighted = highlightedSubgraph();
    QList<int> others;
    for (size_t rank = 0; rank < m_shown.size(); ++rank) {
        if (highlighted >= 0 && m_shown[rank] != highlighted)
            others << indexOf(static_cast<int>(rank));
    }
    for (QBarSet* set : m_sets) {
        set->deselectAllBars();
        set->selectBars(others);
    }
}

std::optional<QPoint> EnergySubgraphChart::barPosition(int subgraph) const
{
    const auto it = std::find(m_shown.begin(), m_shown.end(), subgraph);
    if (it == m_shown.end() || !m_data)
        return std::nullopt;
    const auto rank = static_cast<size_t>(it - m_shown.begin());
    const QPointF inChart = chart()->mapToPosition(
        QPointF(m_data->ranked[rank].energy.total.value / 2, indexOf(static_cast<int>(rank))), m_series);
    return mapFromScene(chart()->mapToScene(inChart));
}

std::vector<double> EnergySubgraphChart::barValues(int rank) const
{
    std::vector<double> out;
    for (const QBarSet* set : m_sets)
        out.push_back(set->at(indexOf(rank)));
    return out;
}

bool EnergySubgraphChart::isFaded(int rank) const
{
    return !m_sets.empty() && m_sets.front()->isBarSelected(indexOf(rank));
}

int EnergySubgraphChart::indexOf(int rank) const
{
    return static_cast<int>(m_shown.size()) - 1 - rank;
}

int EnergySubgraphChart::rankOf(int index) const
{
    return static_cast<int>(m_shown.size()) - 1 - index;
}

void EnergySubgraphChart::showToolTip(bool entered, int rank)
{
    if (!entered || !m_data || rank < 0 || rank >= static_cast<int>(m_shown.size())) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(QCursor::pos(), subgraphEnergyText(*m_data, m_data->ranked[static_cast<size_t>(rank)]), this);
}

} // namespace graphs::ui
