#pragma once

#include "hardware/precision.h"
#include "workflows/calibration_source.h"

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
        /// The device whose calibration an INTERPOLATED estimate of the entry comes from (runtime × precision of
        /// setCalibrationContext()); empty unless the entry has no profile of its own and a sibling has one.
        InterpolatedFromRole,
        ConfidenceRole, ///< int(graphs::Confidence) of the entry's latency estimates
    };

    explicit HardwareListModel(QObject* parent = nullptr);
    ~HardwareListModel() override;

    /// Replaces the whole list.
    void setEntries(const std::vector<std::shared_ptr<const HardwareSpec>>& entries);
    /// Marks each entry by where its latency estimates of `runtimeId` × `precision` would come from
    /// (locateCalibration() on the user registry): CALIBRATED (its own profile), INTERPOLATED (a profile of a
    /// device of its family, named in the tooltip) or THEORETICAL. Without a context (`runtimeId` empty), an entry
    /// with any stored profile counts as calibrated.
    void setCalibrationContext(const QString& runtimeId, Precision precision);
    /// Looks at the stored profiles again (one was saved or removed) and updates the marks, without a reset.
    void refreshCalibrations();
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
        CalibrationSource source; ///< for the calibration context
    };

    QVariant entryData(const Row& row, int column, int role) const;
    void locateCalibrations();
    int confidenceOf(const Row& row) const;

    std::vector<Row> m_rows;
    QString m_runtimeId;
    Precision m_precision = Precision::FP32;
};

} // namespace graphs::ui
