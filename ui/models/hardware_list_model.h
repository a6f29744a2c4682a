#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <QString>
#include <memory>
#include <vector>

namespace graphs {
struct HardwareSpec;
}

namespace graphs::ui {

/// The registry entries for the hardware picker: a heading row per category (CPU, GPU, Accelerator), each followed
/// by its entries sorted by name. Headings are neither enabled nor selectable and carry no id.
class HardwareListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns { Name, Id, Peak, Confidence, NumColumns };
    enum Roles {
        IdRole = Qt::UserRole, ///< the entry's id; empty on headings
        SearchRole, ///< name, id, vendor and category in one string, for the completer
        CategoryRole, ///< int(HardwareCategory)
    };

    explicit HardwareListModel(QObject* parent = nullptr);
    ~HardwareListModel() override;

    /// Replaces the whole list.
    void setEntries(const std::vector<std::shared_ptr<const HardwareSpec>>& entries);
    /// The entry on `row`, or null for headings and rows out of range.
    std::shared_ptr<const HardwareSpec> entry(int row) const;
    /// The row of the entry with `id`, or -1.
    int rowOf(const QString& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Row
    {
        std::shared_ptr<const HardwareSpec> spec; ///< null on headings
        QString heading;
        QString id;
        QString search;
        QStringList calibrations; ///< stored calibration profiles, "runtime/precision"
    };

    QVariant entryData(const Row& row, int column, int role) const;

    std::vector<Row> m_rows;
};

} // namespace graphs::ui
