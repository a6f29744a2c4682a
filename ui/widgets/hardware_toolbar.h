#pragma once

#include "hardware/precision.h"
#include "jobs/estimate_runner.h"

#include <QToolBar>
#include <memory>

class QComboBox;
class QLabel;
class QSpinBox;

namespace graphs::ui {

struct HardwareCatalog;
class HardwarePicker;

/// What to estimate on: the hardware, the execution precision (only those the entry supports), the batch and the
/// runtime whose fusion rules partition the graph.
class HardwareToolBar : public QToolBar
{
    Q_OBJECT

public:
    explicit HardwareToolBar(QWidget* parent = nullptr);
    ~HardwareToolBar() override;

    /// Fills the pickers from a loaded registry; the choices made so far stay where they still exist.
    void setCatalog(std::shared_ptr<const HardwareCatalog> catalog);
    /// Shows that the registry could not be loaded: the pickers stay disabled, `message` in their tooltip.
    void setCatalogError(const QString& message);
    bool hasCatalog() const { return m_catalog != nullptr; }

    /// Chooses the entry with `id`; false when the registry has none (or is not loaded yet).
    bool selectHardware(const QString& id);
    /// The precision to choose whenever the hardware supports it (the user's last choice otherwise).
    void setPreferredPrecision(Precision precision);
    bool selectRuntime(const QString& id);
    /// Shows the batch of the model opened, without batchChanged().
    void setBatch(int64_t batch);

    /// A calibration profile was saved or removed: the picker's marks are looked up again, and settingsChanged() makes
    /// the estimate follow (a profile of its own now makes it CALIBRATED).
    void refreshCalibrations();

    EstimateSettings settings() const;
    int batch() const;

    HardwarePicker* picker() const { return m_picker; }
    QComboBox* precisionCombo() const { return m_precision; }
    QSpinBox* batchSpinBox() const { return m_batch; }
    QComboBox* runtimeCombo() const { return m_runtime; }

Q_SIGNALS:
    /// The hardware, precision or runtime changed.
    void settingsChanged();
    /// The user asked for another batch size: the model must be imported again.
    void batchChanged(int batch);

private:
    void fillPrecisions();
    void markCalibrations();
    void onPrecisionChanged(int index);

    std::shared_ptr<const HardwareCatalog> m_catalog;
    HardwarePicker* m_picker;
    QComboBox* m_precision;
    QSpinBox* m_batch;
    QComboBox* m_runtime;
    Precision m_preferredPrecision = Precision::FP32;
};

} // namespace graphs::ui
