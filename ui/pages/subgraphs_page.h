#pragma once

#include <QWidget>
#include <functional>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace graphs::ui {

struct EstimatedModel;
class SubgraphFilterProxyModel;
class SubgraphSelection;
class SubgraphTableModel;

/// Every subgraph (fused kernel) of the estimate with its work, bound and cost, sortable by any column and filtered
/// by operator type, bottleneck and share of latency. Selecting a row selects the subgraph everywhere.
class SubgraphsPage : public QWidget
{
    Q_OBJECT

public:
    explicit SubgraphsPage(SubgraphSelection* selection, QWidget* parent = nullptr);

    /// Shows `estimate`; nullptr empties the table.
    void setEstimate(std::shared_ptr<const EstimatedModel> estimate);

    /// Writes one row per subgraph (the columns of `graphs analyze -H … --format csv`). Returns an empty string on
    /// success, else the problem, naming the file.
    QString exportCsv(const QString& path) const;
    /// Asks where, then exports; problems show in a message box.
    void showExportDialog();

    SubgraphTableModel* model() const { return m_model; }
    SubgraphFilterProxyModel* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    QLineEdit* opTypeFilter() const { return m_opTypeFilter; }
    QComboBox* bottleneckFilter() const { return m_bottleneckFilter; }
    QDoubleSpinBox* minimumShareFilter() const { return m_minimumShare; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateCount();
    void showSelection(int subgraph);
    void onCurrentRowChanged();
    void filter(const std::function<void()>& change);

    SubgraphSelection* m_selection;
    SubgraphTableModel* m_model;
    SubgraphFilterProxyModel* m_proxy;
    QLineEdit* m_opTypeFilter;
    QComboBox* m_bottleneckFilter;
    QDoubleSpinBox* m_minimumShare;
    QLabel* m_count;
    QPushButton* m_exportButton;
    QLabel* m_empty;
    QTableView* m_view;
    bool m_filtering = false;
};

} // namespace graphs::ui
