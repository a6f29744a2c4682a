#pragma once

#include <QComboBox>
#include <memory>
#include <vector>

class QSortFilterProxyModel;

namespace graphs {
struct HardwareSpec;
}

namespace graphs::ui {

class HardwareListModel;

/// Chooses a registry entry: a drop-down list grouped by category with each entry's id, peak and confidence, and a
/// search field that completes on any part of the name, id or vendor. Clearing the field chooses no hardware.
class HardwarePicker : public QComboBox
{
    Q_OBJECT

public:
    explicit HardwarePicker(QWidget* parent = nullptr);

    void setEntries(const std::vector<std::shared_ptr<const HardwareSpec>>& entries);
    /// Chooses the entry with `id`; false when there is none.
    bool selectId(const QString& id);
    /// The chosen entry, or null.
    std::shared_ptr<const HardwareSpec> hardware() const;

    HardwareListModel* listModel() const { return m_model; }

Q_SIGNALS:
    /// The user or selectId() chose another entry (null: none).
    void hardwareChanged(std::shared_ptr<const graphs::HardwareSpec> hardware);

private:
    void onCurrentIndexChanged(int row);
    void onTextEdited(const QString& text);

    HardwareListModel* m_model;
    QSortFilterProxyModel* m_completionModel;
    std::shared_ptr<const HardwareSpec> m_current;
};

} // namespace graphs::ui
