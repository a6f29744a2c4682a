#pragma once

#include "estimation/estimator.h"

#include <QByteArray>
#include <QColor>
#include <QString>
#include <QStringList>
#include <vector>

namespace graphs::ui {

struct EstimatedModel;

/// One subgraph's energy per inference, split like the model's.
struct SubgraphEnergy
{
    int subgraph = 0;
    QString label; ///< "#12 Conv+Relu": unique, as a bar category must be
    QString mainNode; ///< the anchor node's name
    std::vector<double> parts; ///< mJ, aligned with EnergyChartData::components
    EnergyEstimate energy; ///< the engine's figures, with their confidence and bound
    Bottleneck bottleneck = Bottleneck::None;
};

/// Everything the energy charts draw, taken from an estimate; the charts never call the engine.
/// Components are compute, then one per memory level of the hardware (closest first), then static power.
struct EnergyChartData
{
    QString model;
    QString hardware; ///< "NVIDIA L4 24GB (nvidia-l4)"
    QStringList components; ///< "Compute", "L1", "L2", "DRAM", "Static"
    std::vector<double> parts; ///< mJ per inference, aligned with components
    EnergyEstimate total; ///< the engine's figures for the whole model
    std::vector<SubgraphEnergy> ranked; ///< every subgraph, most energy first (ties in partition order)

    bool isEmpty() const { return components.isEmpty(); }
    int levelCount() const { return static_cast<int>(components.size()) - 2; }
    /// The rank of `subgraph` in `ranked`, or -1.
    int rankOf(int subgraph) const;
};

EnergyChartData makeEnergyChartData(const EstimatedModel& estimated);

/// The colour of component `component` of `data`: compute warm, memory levels in blues darkening outwards, static
/// grey; the same in every energy chart.
QColor energyComponentColour(const EnergyChartData& data, int component);

/// One row per subgraph, most energy first: rank, subgraph, label, node, one mJ column per component, total,
/// confidence and bound (±%).
QByteArray energyCsv(const EnergyChartData& data);

/// "12.3 mJ" with three significant digits (µJ below 0.1 mJ, J from 1000 mJ), "0 mJ" for nothing.
QString formatMilliJoules(double mJ);
/// An energy (mJ) with its bound and confidence: "12.3 mJ ±30% THEORETICAL".
QString formatEnergy(const EstimationResult& energy);
/// The tooltip of a subgraph's bar: what it is, its total with bound, confidence and bottleneck, and its split.
QString subgraphEnergyText(const EnergyChartData& data, const SubgraphEnergy& subgraph);

} // namespace graphs::ui
