#pragma once

#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QTableView;

namespace graphs {
struct GraphAnalysis;
}

namespace graphs::ui {

class NodeFilterProxyModel;
class NodeTableModel;

/// Every node with its counts, sortable by any column and filtered by name or operator type.
class NodesPage : public QWidget
{
    Q_OBJECT

public:
    explicit NodesPage(QWidget* parent = nullptr);

    /// Shows `analysis`; nullptr empties the table.
    void setAnalysis(const std::shared_ptr<const GraphAnalysis>& analysis);

    /// Writes the per-node CSV of the analysis shown (all nodes, raw numbers, the columns of
    /// `graphs analyze --format csv`). Returns an empty string on success, else the problem, naming the file.
    QString exportCsv(const QString& path) const;

    NodeTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }

private:
    void updateCount();

    NodeTableModel* m_model;
    NodeFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QLabel* m_count;
    QTableView* m_view;
};

} // namespace graphs::ui
