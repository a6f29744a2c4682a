#include "pages/subgraphs_page.h"

#include "delegates/share_bar_delegate.h"
#include "dialogs.h"
#include "estimated_model.h"
#include "estimation/graph_analysis.h"
#include "export/save_text_file.h"
#include "models/subgraph_filter_proxy_model.h"
#include "models/subgraph_table_model.h"
#include "reporting/analysis_report.h"
#include "reporting/estimate_report.h"
#include "subgraph_selection.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedLayout>
#include <QTableView>
#include <QVBoxLayout>
#include <functional>

namespace graphs::ui {

namespace {

/// How many rows fitting the columns to their contents looks at (Qt's default is 1,000).
constexpr int ResizeSampleRows = 100;

} // namespace

SubgraphsPage::SubgraphsPage(SubgraphSelection* selection, QWidget* parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_model(new SubgraphTableModel(this))
    , m_proxy(new SubgraphFilterProxyModel(this))
    , m_opTypeFilter(new QLineEdit)
    , m_bottleneckFilter(new QComboBox)
    , m_minimumShare(new QDoubleSpinBox)
    , m_count(new QLabel)
    , m_exportButton(new QPushButton(tr("Export CSV…")))
    , m_empty(new QLabel)
    , m_view(new QTableView)
{
    m_proxy->setSourceModel(m_model);

    m_opTypeFilter->setObjectName(QStringLiteral("subgraphOpTypeFilter"));
    m_opTypeFilter->setPlaceholderText(tr("Filter by operator type"));
    m_opTypeFilter->setClearButtonEnabled(true);
    m_opTypeFilter->setAcceptDrops(false);

    m_bottleneckFilter->setObjectName(QStringLiteral("subgraphBottleneckFilter"));
    m_bottleneckFilter->addItem(tr("Any bound"), QString());
    for (const char* bound : { "compute", "memory", "overhead", "none" })
        m_bottleneckFilter->addItem(tr("%1 bound").arg(QLatin1String(bound)), QLatin1String(bound));

    m_minimumShare->setObjectName(QStringLiteral("subgraphMinimumShare"));
    m_minimumShare->setRange(0, 100);
    m_minimumShare->setDecimals(1);
    m_minimumShare->setSingleStep(0.5);
    m_minimumShare->setSuffix(tr(" %"));
    m_minimumShare->setPrefix(tr("share ≥ "));
    m_minimumShare->setToolTip(tr("Only subgraphs that take at least this share of the model's latency"));

    m_count->setObjectName(QStringLiteral("subgraphCount"));
    m_exportButton->setObjectName(QStringLiteral("exportSubgraphsCsvButton"));
    m_exportButton->setEnabled(false);

    m_view->setObjectName(QStringLiteral("subgraphTable"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(
        SubgraphTableModel::LatencyShare, new ShareBarDelegate(SubgraphTableModel::RelativeShareRole, this));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(false);
    // Columns are fitted to the first rows only: measuring every cell of thousands of rows blocks the window for a
    // noticeable time; a wider cell further down is elided.
    m_view->horizontalHeader()->setResizeContentsPrecision(ResizeSampleRows);
    // Unsorted shows execution order; a third click on a header returns to it.
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->horizontalHeader()->setSortIndicatorClearable(true);
    m_view->setSortingEnabled(true);

    m_empty->setObjectName(QStringLiteral("subgraphsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setText(tr("<p>No estimate yet.</p><p>Choose hardware in the toolbar: the model is partitioned into the "
                        "kernels the runtime would run, and each is estimated on it.</p>"));

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_opTypeFilter, 1);
    filterRow->addWidget(m_bottleneckFilter);
    filterRow->addWidget(m_minimumShare);
    filterRow->addWidget(m_count);
    filterRow->addWidget(m_exportButton);

    auto* stack = new QStackedLayout;
    stack->addWidget(m_empty);
    stack->addWidget(m_view);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filterRow);
    layout->addLayout(stack, 1);

    connect(m_opTypeFilter, &QLineEdit::textChanged, this,
        [this](const QString& text) { filter([&] { m_proxy->setOpTypeFilter(text); }); });
    connect(m_bottleneckFilter, &QComboBox::currentIndexChanged, this,
        [this] { filter([&] { m_proxy->setBottleneckFilter(m_bottleneckFilter->currentData().toString()); }); });
    connect(m_minimumShare, &QDoubleSpinBox::valueChanged, this,
        [this](double percent) { filter([&] { m_proxy->setMinimumShare(percent / 100.0); }); });
    connect(m_exportButton, &QPushButton::clicked, this, &SubgraphsPage::showExportDialog);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &SubgraphsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &SubgraphsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &SubgraphsPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &SubgraphsPage::updateCount);
    connect(
        m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SubgraphsPage::onCurrentRowChanged);
    connect(m_selection, &SubgraphSelection::changed, this, &SubgraphsPage::showSelection);
    connect(m_model, &QAbstractItemModel::modelReset, this,
        [this, stack] { stack->setCurrentWidget(m_model->estimate() ? static_cast<QWidget*>(m_view) : m_empty); });
    updateCount();
}

void SubgraphsPage::setEstimate(std::shared_ptr<const EstimatedModel> estimate)
{
    m_model->setEstimate(std::move(estimate));
    m_exportButton->setEnabled(m_model->estimate() != nullptr);
    m_view->resizeColumnsToContents();
    const int maxLabelWidth = fontMetrics().averageCharWidth() * 40;
    if (m_view->columnWidth(SubgraphTableModel::Label) > maxLabelWidth)
        m_view->setColumnWidth(SubgraphTableModel::Label, maxLabelWidth);
    m_view->setColumnWidth(SubgraphTableModel::LatencyShare,
        std::max(m_view->columnWidth(SubgraphTableModel::LatencyShare), fontMetrics().averageCharWidth() * 14));
    showSelection(m_selection->current());
}

QString SubgraphsPage::exportCsv(const QString& path) const
{
    const auto& e = m_model->estimate();
    if (!e)
        return tr("There is no estimate to export: choose hardware first.");
    return saveTextFile(path, QByteArray::fromStdString(estimateToCsv(*e->analysis, e->partition, e->estimate)));
}

void SubgraphsPage::showExportDialog()
{
    const auto& e = m_model->estimate();
    if (!e)
        return;
    const QString name = QString::fromStdString(modelDisplayName(*e->analysis->graph) + '-' + e->hardware().id)
        + QStringLiteral("-subgraphs.csv");
    const QString path
        = askExportPath(this, tr("Export Subgraphs as CSV"), name, tr("CSV files (*.csv);;All files (*)"),
            QFileInfo(QString::fromStdString(e->analysis->graph->sourcePath)).absolutePath());
    if (path.isEmpty())
        return;
    if (const QString error = exportCsv(path); !error.isEmpty())
        showErrorBox(this, tr("Export failed"), tr("Could not export the subgraphs."), error);
}

void SubgraphsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // A subgraph selected elsewhere (the roofline) while this page was hidden could not be scrolled to then.
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        m_view->scrollTo(rows.constFirst(), QAbstractItemView::PositionAtCenter);
}

void SubgraphsPage::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    if (shown != total)
        m_count->setText(tr("%1 of %2 subgraphs").arg(shown).arg(total));
    else
        m_count->setText(tr("%n subgraph(s)", nullptr, total));
}

void SubgraphsPage::showSelection(int subgraph)
{
    const int row = m_model->rowOf(subgraph);
    const QModelIndex index = row >= 0 ? m_proxy->mapFromSource(m_model->index(row, 0)) : QModelIndex();
    QItemSelectionModel* selection = m_view->selectionModel();
    const QSignalBlocker blocker(selection);
    if (!index.isValid()) {
        selection->clearSelection();
        selection->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
    } else {
        selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(index);
    }
    m_view->viewport()->update();
}

void SubgraphsPage::filter(const std::function<void()>& change)
{
    // Hiding the selected row is not the user choosing none: the shared selection stays, and shows again with the
    // row.
    m_filtering = true;
    change();
    m_filtering = false;
    showSelection(m_selection->current());
}

void SubgraphsPage::onCurrentRowChanged()
{
    if (m_filtering)
        return;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_selection->clear();
        return;
    }
    m_selection->select(rows.constFirst().data(SubgraphTableModel::SubgraphIdRole).toInt());
}

} // namespace graphs::ui
