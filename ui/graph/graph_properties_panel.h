#pragma once

#include <QWidget>

class QLabel;

namespace graphs {
struct GraphAnalysis;
}

namespace graphs::ui {

struct EstimatedModel;

/// The side panel of the graph view: what the selected box is and costs. For a node its operator, name, inputs and
/// outputs with their shapes, attributes, MACs, FLOPs, bytes and arithmetic intensity, then the estimate of the
/// subgraph it runs in; for a collapsed subgraph its members and estimate (latency, share, bottleneck); for an
/// input or output its tensor.
class GraphPropertiesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit GraphPropertiesPanel(QWidget* parent = nullptr);

    void showNothing();
    /// `estimate` may be null: the subgraph section is left out.
    void showNode(const GraphAnalysis& analysis, const EstimatedModel* estimate, int node);
    void showSubgraph(const GraphAnalysis& analysis, const EstimatedModel& estimate, int subgraph);
    void showTensor(const GraphAnalysis& analysis, int tensor);

    /// The rich text shown (for tests).
    QString text() const;

private:
    QLabel* m_content;
};

} // namespace graphs::ui
