#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <memory>

namespace graphs {
struct TransferCheck;
}

namespace graphs::ui {

/// The items of a transfer check (checkTransfer()): each of the target's own measurements estimated with the
/// calibration carried over from its sibling, with its error and whether the stated bound covers it, and the same
/// item from the roofs alone; the figures `graphs calibrate --transfer-from` prints.
class TransferCheckModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns { Item, Kind, Measured, Estimated, Error, Inside, Roofline, NumColumns };
    enum Roles {
        SortRole = Qt::UserRole, ///< raw numbers (seconds, percent), the text otherwise
    };

    explicit TransferCheckModel(QObject* parent = nullptr);
    ~TransferCheckModel() override;

    /// Replaces the whole table; nullptr empties it.
    void setCheck(std::shared_ptr<const TransferCheck> check);
    const std::shared_ptr<const TransferCheck>& check() const { return m_check; }

    /// Per kind: "matrix: MAPE 61.9 % over 24 (roofs alone 80.1 %)", one line each, then how many the bound covers.
    QString summary() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const TransferCheck> m_check;
};

} // namespace graphs::ui
