#pragma once

#include <QSortFilterProxyModel>

namespace graphs::ui {

/// Sorts a SubgraphTableModel by its raw numbers and keeps the subgraphs that match every filter: an operator type
/// (or label) fragment, a bottleneck, and a minimum share of the model's latency.
class SubgraphFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit SubgraphFilterProxyModel(QObject* parent = nullptr);

    /// Case-insensitive fragment of the label or an operator type; empty keeps all.
    void setOpTypeFilter(const QString& text);
    /// "compute", "memory", "overhead", "none"; empty keeps all.
    void setBottleneckFilter(const QString& bottleneck);
    /// Keeps subgraphs whose latency share (0..1) is at least `share`.
    void setMinimumShare(double share);

    QString opTypeFilter() const { return m_opType; }
    QString bottleneckFilter() const { return m_bottleneck; }
    double minimumShare() const { return m_minimumShare; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_opType;
    QString m_bottleneck;
    double m_minimumShare = 0;
};

} // namespace graphs::ui
