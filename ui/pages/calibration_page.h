#pragma once

#include "hardware/precision.h"

#include <QSize>
#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTabWidget;

namespace graphs::ui {

struct CalibrationRun;
struct HardwareCatalog;
class CalibrationCoefficientModel;
class CalibrationRoofsModel;
class CalibrationRunner;
class CalibrationScatterPlot;
class FewShotPanel;
class TransferPanel;

/// Fits a calibration of a hardware × runtime × precision from the measurements in the user registry
/// (benchmarks/<hardware>/<runtime>/*.csv), on the thread pool through the shared CalibrationRunner, and shows it:
/// the calibrated roofs beside the specification's, the latency model's coefficients, how well it fits, and the
/// training points measured against estimated (as fitted and held out, or one dot per point coloured by class).
/// "Save profile" stores it where `graphs analyze` finds it. For a choice without a profile of its own whose
/// estimates are carried over from a device of its family (INTERPOLATED), it names that device's profile and the
/// stated bound, and "Check transfer" estimates the chosen device's own measurements with the carried calibration.
/// Where a device of its family has a stored profile, "Adapt from" fits the chosen device's few models towards that
/// calibration (few-shot adaptation) and shows the error curve against the number of models; Save stores it.
class CalibrationPage : public QWidget
{
    Q_OBJECT

public:
    explicit CalibrationPage(CalibrationRunner* runner, QWidget* parent = nullptr);
    ~CalibrationPage() override;

    /// The hardware entries and runtime profiles to choose from; the choices made so far stay where they exist.
    void setCatalog(std::shared_ptr<const graphs::ui::HardwareCatalog> catalog);
    /// The user registry that holds the measurements and receives the profile (default: graphs::userRegistryDir()).
    void setRegistryDirectory(const QString& directory);
    QString registryDirectory() const { return m_registryDir; }
    /// Where the model files of workload rows are looked for (remembered in the settings); "" for none.
    void setModelsFolder(const QString& folder);
    QString modelsFolder() const { return m_modelsFolder; }

    bool selectHardware(const QString& id);
    bool selectRuntime(const QString& id);
    bool selectPrecision(Precision precision);
    QString hardwareId() const;
    QString runtimeId() const;
    Precision precision() const;
    /// Whether the registry holds results CSVs of the chosen hardware × runtime.
    bool hasMeasurements() const;

    /// Starts fitting the chosen hardware × runtime × precision (what the Fit button does).
    void fit();
    /// Starts adapting the chosen hardware × runtime × precision from the stored profile of `prior`, a device of its
    /// family (what Adapt from does).
    void adapt(const QString& prior);
    /// Writes the chart as a PNG (the size on screen, or 900×700 while it is not shown); "" or the problem.
    QString exportImage(const QString& path, QSize size = {}) const;

    const std::shared_ptr<const CalibrationRun>& run() const { return m_run; }
    CalibrationRoofsModel* roofsModel() const { return m_roofsModel; }
    CalibrationCoefficientModel* coefficientModel() const { return m_coefficientModel; }
    CalibrationScatterPlot* plot() const { return m_plot; }
    QComboBox* hardwareCombo() const { return m_hardware; }
    QComboBox* runtimeCombo() const { return m_runtime; }
    QComboBox* precisionCombo() const { return m_precision; }
    QPushButton* fitButton() const { return m_fitButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    QPushButton* saveButton() const { return m_saveButton; }
    QLabel* messageLabel() const { return m_message; }
    QLabel* qualityLabel() const { return m_quality; }
    /// Where estimates of the chosen hardware × runtime × precision come from, and the transfer check.
    TransferPanel* transferPanel() const { return m_transfer; }
    /// The few-shot adaptation: the devices to adapt from, and an adapted run's curve.
    FewShotPanel* fewShotPanel() const { return m_fewShot; }
    /// The chart's points: as fitted and held out (0), or each training point by class (1).
    QComboBox* scatterModeCombo() const { return m_scatterMode; }

private:
    QWidget* createControls();
    QWidget* createResults();
    void fillHardware();
    void fillRuntimes();
    void start(const QString& prior);
    void onSelectionChanged();
    void chooseModelsFolder();
    void showExportDialog();
    void setRun(std::shared_ptr<const CalibrationRun> run);
    void setBusy(bool busy);
    void showMessage(const QString& text, bool error = false);
    QString qualityText(const CalibrationRun& run) const;
    QString selectionName() const;
    void updateSource();
    void showScatter();

    CalibrationRunner* m_runner;
    std::shared_ptr<const HardwareCatalog> m_catalog;
    std::shared_ptr<const CalibrationRun> m_run;
    QString m_registryDir;
    QString m_modelsFolder;
    bool m_filling = false;

    QComboBox* m_hardware;
    QComboBox* m_runtime;
    QComboBox* m_precision;
    QPushButton* m_modelsButton;
    QLabel* m_modelsLabel;
    QPushButton* m_fitButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QPushButton* m_saveButton;
    QPushButton* m_exportButton;
    QLabel* m_message;
    QLabel* m_quality;
    CalibrationRoofsModel* m_roofsModel;
    CalibrationCoefficientModel* m_coefficientModel;
    QTableView* m_roofsView;
    QTableView* m_coefficientView;
    CalibrationScatterPlot* m_plot;
    QComboBox* m_scatterMode;
    TransferPanel* m_transfer;
    FewShotPanel* m_fewShot;
    QTabWidget* m_bottomTabs;
};

} // namespace graphs::ui
