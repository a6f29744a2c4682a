#include "pages/model_summary_page.h"

#include "estimation/graph_analysis.h"
#include "models/op_histogram_model.h"
#include "qt_strings.h"
#include "reporting/analysis_report.h"
#include "reporting/number_format.h"
#include "widgets/estimate_summary_box.h"

#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace graphs::ui {

namespace {

/// Graphs with thousands of outputs exist (detection heads, unrolled RNNs); the rest is summarised.
constexpr int MaxTensorsShown = 12;

/// "349 M (349,151,936)": the figure at a glance and exactly.
QString countWithExact(int64_t value)
{
    const QString human = fromStd(humanCount(double(value)));
    if (value < 1000)
        return human;
    return human + QStringLiteral(" (") + QLocale().toString(static_cast<qlonglong>(value)) + QLatin1Char(')');
}

QString bytes(int64_t value)
{
    return fromStd(humanBytes(double(value)));
}

QString tensorText(const TensorDescriptor& tensor)
{
    return fromStd(std::string(dataTypeName(tensor.dtype))) + QLatin1Char(' ') + fromStd(tensor.shape.toString());
}

QGroupBox* groupWithForm(const QString& title, QFormLayout** form)
{
    auto* box = new QGroupBox(title);
    *form = new QFormLayout(box);
    (*form)->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return box;
}

void clearForm(QFormLayout* form)
{
    while (form->rowCount() > 0)
        form->removeRow(0);
}

} // namespace

ModelSummaryPage::ModelSummaryPage(QWidget* parent)
    : QWidget(parent)
{
    auto* figures = new QWidget;
    auto* figuresLayout = new QVBoxLayout(figures);
    figuresLayout->setContentsMargins(0, 0, 0, 0);

    QFormLayout* form = nullptr;
    figuresLayout->addWidget(groupWithForm(tr("Model"), &form));
    addFigure(form, tr("Name:"), QStringLiteral("name"));
    // A long path must not widen the page: it is cut, and shown whole in the tooltip.
    addFigure(form, tr("File:"), QStringLiteral("file"))->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    addFigure(form, tr("Format:"), QStringLiteral("format"));
    addFigure(form, tr("Producer:"), QStringLiteral("producer"));
    addFigure(form, tr("Nodes:"), QStringLiteral("nodes"));
    addFigure(form, tr("Parameters:"), QStringLiteral("parameters"));
    addFigure(form, tr("Weights:"), QStringLiteral("weights"));

    figuresLayout->addWidget(groupWithForm(tr("Inputs and outputs"), &m_tensorsForm));

    figuresLayout->addWidget(groupWithForm(tr("Compute"), &form));
    addFigure(form, tr("MACs:"), QStringLiteral("macs"));
    addFigure(form, tr("FLOPs:"), QStringLiteral("flops"));
    addFigure(form, tr("  matrix:"), QStringLiteral("matrixFlops"));
    addFigure(form, tr("  vector:"), QStringLiteral("vectorFlops"));
    addFigure(form, tr("  transcendental:"), QStringLiteral("transcendentalFlops"));
    addFigure(form, tr("Unmodelled nodes:"), QStringLiteral("unmodelled"));

    figuresLayout->addWidget(groupWithForm(tr("Memory traffic"), &form));
    addFigure(form, tr("Activations read:"), QStringLiteral("activationBytesRead"));
    addFigure(form, tr("Weights read:"), QStringLiteral("weightBytesRead"));
    addFigure(form, tr("Written:"), QStringLiteral("bytesWritten"));
    figuresLayout->addStretch(1);

    auto* figuresScroll = new QScrollArea;
    figuresScroll->setWidget(figures);
    figuresScroll->setWidgetResizable(true);
    figuresScroll->setFrameShape(QFrame::NoFrame);

    m_histogram = new OpHistogramModel(this);
    auto* histogramProxy = new QSortFilterProxyModel(this);
    histogramProxy->setSourceModel(m_histogram);
    histogramProxy->setSortRole(OpHistogramModel::SortRole);
    m_histogramView = new QTableView;
    m_histogramView->setObjectName(QStringLiteral("opHistogram"));
    m_histogramView->setModel(histogramProxy);
    m_histogramView->setSortingEnabled(true);
    m_histogramView->sortByColumn(OpHistogramModel::Nodes, Qt::DescendingOrder);
    m_histogramView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_histogramView->setAlternatingRowColors(true);
    m_histogramView->verticalHeader()->hide();
    m_histogramView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_histogramView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_histogramView->horizontalHeader()->setSectionResizeMode(OpHistogramModel::OpType, QHeaderView::Stretch);
    auto* operatorsBox = new QGroupBox(tr("Operators"));
    auto* operatorsLayout = new QVBoxLayout(operatorsBox);
    operatorsLayout->addWidget(m_histogramView);

    m_warnings = new QPlainTextEdit;
    m_warnings->setObjectName(QStringLiteral("warnings"));
    m_warnings->setReadOnly(true);
    m_warnings->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_warningsBox = new QGroupBox(tr("Warnings"));
    auto* warningsLayout = new QVBoxLayout(m_warningsBox);
    warningsLayout->addWidget(m_warnings);

    m_estimateBox = new EstimateSummaryBox;

    auto* right = new QVBoxLayout;
    right->addWidget(m_estimateBox);
    right->addWidget(operatorsBox, 3);
    right->addWidget(m_warningsBox, 1);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(figuresScroll, 1);
    layout->addLayout(right, 1);

    setAnalysis(nullptr);
}

QLabel* ModelSummaryPage::addFigure(QFormLayout* form, const QString& label, const QString& name)
{
    auto* value = new QLabel;
    value->setObjectName(name);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label, value);
    return value;
}

QLabel* ModelSummaryPage::figure(const QString& name) const
{
    return findChild<QLabel*>(name);
}

void ModelSummaryPage::setAnalysis(const std::shared_ptr<const GraphAnalysis>& analysis)
{
    m_histogram->setAnalysis(analysis);
    showTensors(analysis);
    showWarnings(analysis);

    const auto set = [this](const char* name, const QString& text, const QString& toolTip = {}) {
        QLabel* label = figure(QLatin1String(name));
        label->setText(text);
        label->setToolTip(toolTip);
    };
    if (!analysis || !analysis->graph) {
        for (QLabel* label : findChildren<QLabel*>()) {
            if (!label->objectName().isEmpty() && !m_estimateBox->isAncestorOf(label))
                label->clear();
        }
        return;
    }

    const ComputeGraph& graph = *analysis->graph;
    const GraphTotals& totals = analysis->totals;
    const QString path = QDir::toNativeSeparators(fromStd(graph.sourcePath));
    const QFileInfo file(path);
    set("name", fromStd(modelDisplayName(graph)));
    set("file", file.exists() ? tr("%1 (%2)").arg(path, bytes(file.size())) : path, path);
    set("format", tr("ONNX IR %1, opset %2").arg(graph.irVersion).arg(graph.opsetVersion));
    set("producer", graph.producer.empty() ? tr("unknown") : fromStd(graph.producer));
    set("nodes", QLocale().toString(static_cast<qulonglong>(graph.nodeCount())));
    set("parameters", countWithExact(totals.parameters));
    set("weights", bytes(totals.weightBytes));
    set("macs", countWithExact(totals.macs));
    set("flops", countWithExact(totals.flops.total()));
    set("matrixFlops", countWithExact(totals.flops.matrix));
    set("vectorFlops", countWithExact(totals.flops.vector));
    set("transcendentalFlops", countWithExact(totals.flops.transcendental));
    set("unmodelled", QString::number(totals.unmodelledNodes),
        tr("Nodes whose operator has no cost model count as zero FLOPs"));
    set("activationBytesRead", bytes(totals.activationBytesRead));
    set("weightBytesRead", bytes(totals.weightBytesRead));
    set("bytesWritten", bytes(totals.bytesWritten));
}

void ModelSummaryPage::setEstimate(const std::shared_ptr<const EstimatedModel>& estimate)
{
    m_estimateBox->setEstimate(estimate);
}

void ModelSummaryPage::showTensors(const std::shared_ptr<const GraphAnalysis>& analysis)
{
    clearForm(m_tensorsForm);
    if (!analysis || !analysis->graph)
        return;
    const ComputeGraph& graph = *analysis->graph;
    const auto addSection = [&](const QString& heading, const std::vector<int>& tensors) {
        auto* title = new QLabel(heading);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        m_tensorsForm->addRow(title);
        const int shown = std::min(static_cast<int>(tensors.size()), MaxTensorsShown);
        for (int i = 0; i < shown; ++i) {
            const TensorDescriptor& tensor = graph.tensor(tensors[i]);
            // Tensor names are data: no rich text, no mnemonics.
            auto* name = new QLabel(fromStd(tensor.name) + QLatin1Char(':'));
            name->setTextFormat(Qt::PlainText);
            auto* value = new QLabel(tensorText(tensor));
            value->setTextFormat(Qt::PlainText);
            value->setTextInteractionFlags(Qt::TextSelectableByMouse);
            m_tensorsForm->addRow(name, value);
        }
        if (tensors.empty())
            m_tensorsForm->addRow(new QLabel(tr("none")));
        else if (static_cast<int>(tensors.size()) > shown)
            m_tensorsForm->addRow(new QLabel(tr("… and %1 more").arg(tensors.size() - shown)));
    };
    addSection(tr("Inputs"), graph.inputs());
    addSection(tr("Outputs"), graph.outputs());
}

void ModelSummaryPage::showWarnings(const std::shared_ptr<const GraphAnalysis>& analysis)
{
    QStringList lines;
    if (analysis) {
        for (const Diagnostic& d : analysis->diagnostics) {
            const QString text = fromStd(d.message);
            lines << (d.location.empty() ? text : fromStd(d.location) + QStringLiteral(": ") + text);
        }
    }
    m_warningsBox->setTitle(lines.isEmpty() ? tr("Warnings") : tr("Warnings (%1)").arg(lines.size()));
    m_warnings->setPlainText(lines.isEmpty() && analysis ? tr("None.") : lines.join(QLatin1Char('\n')));
}

} // namespace graphs::ui
