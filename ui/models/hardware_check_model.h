#pragma once

#include "hardware/precision.h"

#include <QSet>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <memory>
#include <vector>

namespace graphs {
struct HardwareSpec;
}

namespace graphs::ui {

class HardwareListModel;

/// The registry entries with a check box each, grouped under their category headings (HardwareListModel), and
/// filtered by a search text that matches any part of an entry's name, id, vendor or category; a heading stays
/// while one of its entries does. Checks are kept by id, so they survive filtering and a reloaded registry. Each
/// entry's name carries where its latency estimates come from (calibrated, interpolated, theoretical).
class HardwareCheckModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit HardwareCheckModel(QObject* parent = nullptr);
    ~HardwareCheckModel() override;

    void setEntries(const std::vector<std::shared_ptr<const HardwareSpec>>& entries);
    void setSearchText(const QString& text);
    /// Marks each entry calibrated, interpolated (naming the source in its tooltip) or theoretical for
    /// `runtimeId` × `precision`, as the toolbar's picker does (HardwareListModel::setCalibrationContext()): the
    /// entry's name is followed by the mark.
    void setCalibrationContext(const QString& runtimeId, Precision precision);
    /// Looks at the stored calibration profiles again (one was saved).
    void refreshCalibrations();

    void setChecked(const QString& id, bool checked);
    /// The checked ids that are in the registry, in list order (by category, then name).
    QStringList checkedIds() const;
    /// The checked entries, in list order.
    std::vector<std::shared_ptr<const HardwareSpec>> checkedEntries() const;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

Q_SIGNALS:
    void checkedChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool entryMatches(int sourceRow) const;

    HardwareListModel* m_list;
    QSet<QString> m_checked;
    QString m_search;
};

} // namespace graphs::ui
