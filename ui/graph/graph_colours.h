#pragma once

#include "estimation/estimator.h"

#include <QColor>
#include <QString>
#include <vector>

namespace graphs {
struct GraphAnalysis;
}

namespace graphs::ui {

struct Diagram;
struct EstimatedModel;

/// What the colour of a box tells.
enum class ColourMode {
    OperatorClass, ///< the kind of work (convolution, matrix, elementwise, …), as on the roofline
    Subgraph, ///< one colour per fused subgraph: boxes of one kernel share it
    Bottleneck, ///< compute, memory or overhead bound, from the estimate
    LatencyShare, ///< heat scale of the subgraph's share of the model's latency
};

struct LegendEntry
{
    QColor colour;
    QString label;
};

/// What the legend shows: swatches, or a heat scale between two labels; and a line of explanation.
struct LegendData
{
    std::vector<LegendEntry> entries;
    bool heatScale = false;
    QString low;
    QString high;
    QString note;
};

/// The fill of every box of a diagram (aligned with Diagram::items) and the legend that explains it.
struct DiagramColours
{
    std::vector<QColor> fill;
    LegendData legend;
};

/// Colours `diagram` by `mode`. Every mode but OperatorClass needs the estimate (may be null): without one the boxes
/// fall back to their operator class, and the legend's note says why.
DiagramColours colourDiagram(
    const Diagram& diagram, const GraphAnalysis& analysis, const EstimatedModel* estimate, ColourMode mode);

/// 0 → pale yellow, 1 → dark red.
QColor heatColour(double t);
QColor bottleneckColour(Bottleneck bottleneck);
/// A distinct hue per subgraph id (golden-angle steps), light enough for dark text.
QColor subgraphColour(int subgraph);
/// The colour inputs and outputs are drawn in, whatever the mode.
QColor terminalColour();

} // namespace graphs::ui
