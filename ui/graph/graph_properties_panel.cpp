#include "graph/graph_properties_panel.h"

#include "estimated_model.h"
#include "estimation/graph_analysis.h"
#include "graph/graph_diagram.h"
#include "qt_strings.h"
#include "reporting/number_format.h"

#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStringList>
#include <QVBoxLayout>
#include <type_traits>

namespace graphs::ui {

namespace {

/// Lists longer than this (attribute values, members, boundary tensors) are cut short.
constexpr size_t ListLimit = 12;

QString count(int64_t value)
{
    if (value < 1000)
        return QString::number(value);
    return QStringLiteral("%1 (%2)").arg(fromStd(humanCount(double(value))), QLocale().toString(qlonglong(value)));
}

QString bytes(int64_t value)
{
    return fromStd(humanBytes(double(value)));
}

QString intensity(const std::optional<double>& value)
{
    return value ? GraphPropertiesPanel::tr("%1 FLOP/B").arg(fromStd(fixed(*value, 2))) : QStringLiteral("–");
}

template <typename T> QString joined(const std::vector<T>& values)
{
    QStringList parts;
    for (size_t i = 0; i < values.size() && i < ListLimit; ++i) {
        if constexpr (std::is_same_v<T, std::string>)
            parts << fromStd(values[i]);
        else
            parts << QString::number(values[i]);
    }
    if (values.size() > ListLimit)
        parts << QStringLiteral("…");
    return QStringLiteral("[") + parts.join(QStringLiteral(", ")) + QStringLiteral("]");
}

template <typename T> constexpr bool isList = false;
template <typename T> constexpr bool isList<std::vector<T>> = true;
using Graphs = std::vector<std::shared_ptr<const ComputeGraph>>;

QString attributeText(const AttributeValue& value)
{
    return std::visit(
        [](const auto& v) -> QString {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, int64_t>)
                return QString::number(v);
            else if constexpr (std::is_same_v<T, double>)
                return QString::number(v, 'g', 6);
            else if constexpr (std::is_same_v<T, std::string>)
                return fromStd(v);
            else if constexpr (std::is_same_v<T, TensorAttribute>)
                return GraphPropertiesPanel::tr("tensor %1").arg(joined(v.dims));
            else if constexpr (isList<T> && !std::is_same_v<T, Graphs>)
                return joined(v);
            else
                return GraphPropertiesPanel::tr("graph");
        },
        value);
}

/// Rich text made of titled sections of key–value rows.
class Sheet
{
public:
    explicit Sheet(const QString& title, const QString& subtitle = {})
    {
        m_html = QStringLiteral("<h3 style='margin-bottom:2px'>%1</h3>").arg(title.toHtmlEscaped());
        if (!subtitle.isEmpty())
            m_html += QStringLiteral("<div style='color:#666'>%1</div>").arg(subtitle.toHtmlEscaped());
        m_html += QStringLiteral("<table cellspacing='0' cellpadding='2' width='100%'>");
    }
    void section(const QString& title)
    {
        m_html += QStringLiteral("<tr><td colspan='2' style='padding-top:10px'><b>%1</b></td></tr>")
                      .arg(title.toHtmlEscaped());
    }
    void row(const QString& key, const QString& value)
    {
        m_html += QStringLiteral("<tr><td style='color:#555;padding-right:8px' valign='top'>%1</td><td>%2</td></tr>")
                      .arg(key.toHtmlEscaped(), value.toHtmlEscaped());
    }
    QString html() const { return m_html + QStringLiteral("</table>"); }

private:
    QString m_html;
};

QString tensorValue(const ComputeGraph& graph, int t)
{
    const TensorDescriptor& tensor = graph.tensor(t);
    QString text = shapeText(tensor.shape) + QLatin1Char(' ') + fromStd(dataTypeName(tensor.dtype));
    if (tensor.isInitializer)
        text += GraphPropertiesPanel::tr(", weight");
    else if (tensor.isConstant)
        text += GraphPropertiesPanel::tr(", constant");
    return text;
}

void tensorRows(Sheet& sheet, const ComputeGraph& graph, const std::vector<int>& tensors)
{
    size_t shown = 0;
    for (int t : tensors) {
        if (t < 0)
            continue;
        if (shown++ == ListLimit) {
            sheet.row(QStringLiteral("…"), GraphPropertiesPanel::tr("%1 in all").arg(tensors.size()));
            break;
        }
        sheet.row(fromStd(graph.tensor(t).name), tensorValue(graph, t));
    }
}

void estimateRows(Sheet& sheet, const EstimatedModel& estimate, int subgraph)
{
    const SubgraphEstimate& e = estimate.estimate.subgraphs[subgraph];
    const double total = estimate.estimate.summary.latency.value;
    sheet.row(GraphPropertiesPanel::tr("Latency"),
        GraphPropertiesPanel::tr("%1 ms ±%2 %")
            .arg(fromStd(fixed(e.latency.value, e.latency.value >= 10 ? 2 : 4)),
                fromStd(fixed(e.latency.errorBoundPct, 0))));
    sheet.row(GraphPropertiesPanel::tr("Share of latency"),
        fromStd(fixed(total > 0 ? 100 * e.latency.value / total : 0.0, 1)) + QStringLiteral(" %"));
    sheet.row(GraphPropertiesPanel::tr("Bottleneck"), fromStd(bottleneckName(e.bottleneck)));
    const MappedSubgraph& m = e.mapped;
    sheet.row(GraphPropertiesPanel::tr("Compute / memory / overhead"),
        GraphPropertiesPanel::tr("%1 / %2 / %3 ms")
            .arg(fromStd(fixed(m.computeSeconds * 1e3, 4)), fromStd(fixed(m.memorySeconds * 1e3, 4)),
                fromStd(fixed(m.overheadSeconds * 1e3, 4))));
    const auto& levels = estimate.hardware().memory;
    if (m.memoryLevel >= 0 && static_cast<size_t>(m.memoryLevel) < levels.size())
        sheet.row(GraphPropertiesPanel::tr("Slowest memory level"), fromStd(levels[m.memoryLevel].name));
    sheet.row(GraphPropertiesPanel::tr("Energy"),
        GraphPropertiesPanel::tr("%1 mJ").arg(fromStd(fixed(e.energy.total.value, 4))));
    sheet.row(GraphPropertiesPanel::tr("Confidence"), fromStd(confidenceName(e.latency.confidence)));
}

void subgraphRows(Sheet& sheet, const GraphAnalysis& analysis, const EstimatedModel& estimate, int subgraph)
{
    const Subgraph& s = estimate.partition.subgraphs[subgraph];
    sheet.row(GraphPropertiesPanel::tr("Subgraph"), QStringLiteral("#%1 %2").arg(subgraph).arg(fromStd(s.label)));
    sheet.row(GraphPropertiesPanel::tr("Fusion"), fromStd(s.fusion));
    QStringList members;
    for (size_t i = 0; i < s.descriptor.nodes.size() && i < ListLimit; ++i) {
        const Node& node = analysis.graph->node(s.descriptor.nodes[i]);
        members << (node.name.empty() ? fromStd(node.opType) : fromStd(node.name));
    }
    if (s.descriptor.nodes.size() > ListLimit)
        members << QStringLiteral("…");
    sheet.row(
        GraphPropertiesPanel::tr("Nodes (%1)").arg(s.descriptor.nodes.size()), members.join(QStringLiteral(", ")));
    sheet.row(GraphPropertiesPanel::tr("MACs"), count(s.macs));
    sheet.row(GraphPropertiesPanel::tr("FLOPs"), count(s.flops.total()));
    sheet.row(GraphPropertiesPanel::tr("Bytes read"),
        GraphPropertiesPanel::tr("%1 (weights %2)").arg(bytes(s.bytesRead), bytes(s.weightBytesRead)));
    sheet.row(GraphPropertiesPanel::tr("Bytes written"), bytes(s.bytesWritten));
    sheet.row(GraphPropertiesPanel::tr("Arithmetic intensity"), intensity(s.arithmeticIntensity()));
    estimateRows(sheet, estimate, subgraph);
}

} // namespace

GraphPropertiesPanel::GraphPropertiesPanel(QWidget* parent)
    : QWidget(parent)
    , m_content(new QLabel)
{
    m_content->setObjectName(QStringLiteral("graphProperties"));
    m_content->setTextFormat(Qt::RichText);
    m_content->setWordWrap(true);
    m_content->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_content->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_content->setMargin(8);

    auto* scroll = new QScrollArea;
    scroll->setWidget(m_content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    showNothing();
}

QString GraphPropertiesPanel::text() const
{
    return m_content->text();
}

void GraphPropertiesPanel::showNothing()
{
    m_content->setText(tr("<p style='color:#666'>Click a box to see what it is and costs. Double-click a fused "
                          "subgraph to expand it, or a node to fold its subgraph.</p>"));
}

void GraphPropertiesPanel::showNode(const GraphAnalysis& analysis, const EstimatedModel* estimate, int node)
{
    const ComputeGraph& graph = *analysis.graph;
    const Node& n = graph.node(node);
    const NodeCost& cost = analysis.nodes[node];
    Sheet sheet(fromStd(n.opType), fromStd(n.name));
    sheet.section(tr("Node"));
    sheet.row(tr("Operator"), n.isDefaultDomain() ? fromStd(n.opType) : fromStd(n.domain + "::" + n.opType));
    sheet.row(tr("Name"), n.name.empty() ? tr("(none) #%1").arg(node) : fromStd(n.name));
    sheet.row(tr("Class"), fromStd(opClassName(cost.opClass)));
    if (n.foldedAtImport)
        sheet.row(tr("Folded"), tr("computed at import: runtimes fold it away"));
    sheet.section(tr("Inputs"));
    tensorRows(sheet, graph, n.inputs);
    sheet.section(tr("Outputs"));
    tensorRows(sheet, graph, n.outputs);
    if (!n.attributes.empty()) {
        sheet.section(tr("Attributes"));
        for (const auto& [key, value] : n.attributes)
            sheet.row(fromStd(key), attributeText(value));
    }
    sheet.section(tr("Work"));
    sheet.row(tr("MACs"), count(cost.macs));
    sheet.row(tr("FLOPs"), count(cost.flops.total()));
    sheet.row(tr("Bytes read"), tr("%1 (weights %2)").arg(bytes(cost.bytesRead()), bytes(cost.weightBytesRead)));
    sheet.row(tr("Bytes written"), bytes(cost.bytesWritten));
    sheet.row(tr("Arithmetic intensity"), intensity(cost.arithmeticIntensity()));
    if (!cost.modelled)
        sheet.row(tr("Cost model"), tr("none: counted as zero"));
    if (estimate && static_cast<size_t>(node) < estimate->partition.subgraphOfNode.size()) {
        const int s = estimate->partition.subgraphOfNode[node];
        if (s >= 0 && static_cast<size_t>(s) < estimate->estimate.subgraphs.size()) {
            sheet.section(tr("Estimate (the subgraph it runs in)"));
            subgraphRows(sheet, analysis, *estimate, s);
        }
    }
    m_content->setText(sheet.html());
}

void GraphPropertiesPanel::showSubgraph(const GraphAnalysis& analysis, const EstimatedModel& estimate, int subgraph)
{
    if (subgraph < 0 || static_cast<size_t>(subgraph) >= estimate.partition.subgraphs.size()) {
        showNothing();
        return;
    }
    const Subgraph& s = estimate.partition.subgraphs[subgraph];
    Sheet sheet(
        fromStd(s.label), tr("Fused subgraph #%1 of %2").arg(subgraph).arg(estimate.partition.subgraphs.size()));
    sheet.section(tr("Subgraph"));
    subgraphRows(sheet, analysis, estimate, subgraph);
    sheet.section(tr("Boundary inputs"));
    tensorRows(sheet, *analysis.graph, s.descriptor.inputTensors);
    sheet.section(tr("Boundary outputs"));
    tensorRows(sheet, *analysis.graph, s.descriptor.outputTensors);
    m_content->setText(sheet.html());
}

void GraphPropertiesPanel::showTensor(const GraphAnalysis& analysis, int tensor)
{
    const ComputeGraph& graph = *analysis.graph;
    const TensorDescriptor& t = graph.tensor(tensor);
    Sheet sheet(fromStd(t.name), t.isGraphInput ? tr("Graph input") : tr("Graph output"));
    sheet.section(tr("Tensor"));
    sheet.row(tr("Shape"), shapeText(t.shape));
    sheet.row(tr("Type"), fromStd(dataTypeName(t.dtype)));
    if (const auto size = t.byteSize())
        sheet.row(tr("Size"), bytes(*size));
    if (t.producer >= 0)
        sheet.row(tr("Produced by"), fromStd(graph.node(t.producer).label()));
    sheet.row(tr("Consumers"), QString::number(t.consumers.size()));
    m_content->setText(sheet.html());
}

} // namespace graphs::ui
