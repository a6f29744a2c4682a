#pragma once

#include "validation/published_results.h"

#include <QAbstractTableModel>
#include <memory>

namespace graphs::ui {

/// One row per published result of a PublishedValidation, in the file's order: where it ran, the batch (the
/// throughput-optimal one marked), the published figure and the estimate per accelerator, the error, whether the
/// modelled power hit the entry's limit, and energy per sample where the submission measured it. Rows that were not
/// estimated stay, greyed, with the reason. Figures show rounded and sort by raw value (SortRole); a figure a row
/// lacks sorts last.
class PublishedTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns {
        Round,
        System,
        Hardware,
        Benchmark,
        Scenario,
        Batch,
        Published,
        Estimate,
        Error,
        PowerLimited,
        EnergyMeasured,
        EnergyEstimated,
        EnergyError,
        Note,
        NumColumns
    };
    enum Roles {
        SortRole = Qt::UserRole, ///< the number behind a cell (text columns: the text); invalid when the row lacks it
        IndexRole, ///< int: the row's index in PublishedValidation::estimates, on every column
        ErrorShareRole, ///< |error| / 100, at most 1: the length of the Error column's bar
        SkippedRole, ///< bool: the row was not estimated
    };

    explicit PublishedTableModel(QObject* parent = nullptr);
    ~PublishedTableModel() override;

    /// Replaces every row; nullptr empties the table.
    void setValidation(std::shared_ptr<const PublishedValidation> validation);
    const std::shared_ptr<const PublishedValidation>& validation() const { return m_validation; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "88526 samples/s", "0.349 ms".
    static QString valueText(double value, const std::string& unit);

private:
    QVariant display(const PublishedEstimate& e, int column) const;
    QVariant sortKey(const PublishedEstimate& e, int column) const;
    QVariant toolTip(const PublishedEstimate& e, int column) const;
    QVariant foreground(const PublishedEstimate& e, int column) const;

    std::shared_ptr<const PublishedValidation> m_validation;
};

} // namespace graphs::ui
