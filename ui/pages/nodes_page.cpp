#include "pages/nodes_page.h"

#include "estimation/graph_analysis.h"
#include "export/save_text_file.h"
#include "models/node_filter_proxy_model.h"
#include "models/node_table_model.h"
#include "reporting/analysis_report.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace graphs::ui {

namespace {

/// How many rows fitting the columns to their contents looks at (Qt's default is 1,000).
constexpr int ResizeSampleRows = 100;

} // namespace

NodesPage::NodesPage(QWidget* parent)
    : QWidget(parent)
    , m_model(new NodeTableModel(this))
    , m_proxy(new NodeFilterProxyModel(this))
    , m_filter(new QLineEdit)
    , m_count(new QLabel)
    , m_view(new QTableView)
{
    m_proxy->setSourceModel(m_model);

    m_filter->setObjectName(QStringLiteral("nodeFilter"));
    m_filter->setPlaceholderText(tr("Filter by name or operator type"));
    m_filter->setClearButtonEnabled(true);
    // Files dropped here open a model (the main window takes the drop) rather than landing as text.
    m_filter->setAcceptDrops(false);
    m_count->setObjectName(QStringLiteral("nodeCount"));

    m_view->setObjectName(QStringLiteral("nodeTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Columns are fitted to the first rows only: measuring every cell of thousands of rows blocks the window for a
    // noticeable time; a wider cell further down is elided.
    m_view->horizontalHeader()->setResizeContentsPrecision(ResizeSampleRows);
    // Unsorted shows execution order; a third click on a header returns to it.
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->horizontalHeader()->setSortIndicatorClearable(true);
    m_view->setSortingEnabled(true);

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_count);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filterRow);
    layout->addWidget(m_view);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &NodesPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &NodesPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &NodesPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &NodesPage::updateCount);
    updateCount();
}

void NodesPage::setAnalysis(const std::shared_ptr<const GraphAnalysis>& analysis)
{
    m_model->setAnalysis(analysis);
    m_view->resizeColumnsToContents();
    // Exported graphs name nodes by their module path; past this width the tooltip shows the rest.
    const int maxNameWidth = fontMetrics().averageCharWidth() * 48;
    if (m_view->columnWidth(NodeTableModel::Name) > maxNameWidth)
        m_view->setColumnWidth(NodeTableModel::Name, maxNameWidth);
}

QString NodesPage::exportCsv(const QString& path) const
{
    const auto& analysis = m_model->analysis();
    if (!analysis)
        return tr("No model is open.");
    return saveTextFile(path, QByteArray::fromStdString(analysisToCsv(*analysis)));
}

void NodesPage::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    if (shown != total)
        m_count->setText(tr("%1 of %2 nodes").arg(shown).arg(total));
    else
        m_count->setText(tr("%n node(s)", nullptr, total));
}

} // namespace graphs::ui
