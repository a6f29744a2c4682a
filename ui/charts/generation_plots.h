#pragma once

#include "workflows/generation.h"

#include <qcustomplot.h>
#include <vector>

namespace graphs::ui {

/// The points of one device on the latency chart: context length (prompt + step + 1) against the decode step's latency,
/// in milliseconds for the whole batch (each sequence gets one token per step), with its ± bound.
struct LatencySeries
{
    QString label;
    QColor colour;
    QVector<double> context;
    QVector<double> milliseconds;
    QVector<double> bound; ///< ± ms
};

/// Memory of one generation against the context: KV cache = bytes per token × batch × context, total = weights +
/// KV cache + the activation peak; each device's capacity as a level.
struct MemorySeries
{
    double contextEnd = 0; ///< prompt + generated tokens
    double kvBytesPerContextToken = 0; ///< the whole batch
    double fixedBytes = 0; ///< weights + activations
    struct Capacity
    {
        QString label;
        QColor colour;
        double bytes = 0;
    };
    std::vector<Capacity> capacities; ///< devices with a known capacity
};

/// What the two charts draw, made from results only (the charts never call the engine); series colours follow the
/// order of `results`, as the Compare page's do.
std::vector<LatencySeries> makeLatencySeries(const std::vector<GenerationResult>& results);
MemorySeries makeMemorySeries(const std::vector<GenerationResult>& results);

/// Latency per generated token against context length, one line per device, each decode step estimated marked with
/// its error bar.
class GenerationLatencyPlot : public QCustomPlot
{
    Q_OBJECT

public:
    explicit GenerationLatencyPlot(QWidget* parent = nullptr);
    void setResults(const std::vector<GenerationResult>& results);
    const std::vector<LatencySeries>& series() const { return m_series; }

private:
    void resizeEvent(QResizeEvent* event) override;
    std::vector<LatencySeries> m_series;
    int m_legendColumns = 0;
};

/// KV cache and total memory against context length, with the capacity of every device compared as a dashed level.
class GenerationMemoryPlot : public QCustomPlot
{
    Q_OBJECT

public:
    explicit GenerationMemoryPlot(QWidget* parent = nullptr);
    void setResults(const std::vector<GenerationResult>& results);
    const MemorySeries& series() const { return m_series; }
    /// The dashed level of capacity `index` (null when out of range).
    QCPItemStraightLine* capacityLine(int index) const;

private:
    void resizeEvent(QResizeEvent* event) override;
    MemorySeries m_series;
    std::vector<QCPItemStraightLine*> m_capacityLines;
    int m_legendColumns = 0;
};

} // namespace graphs::ui
