#pragma once

#include "benchmarks/suite_definition.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace graphs {
struct MeasurementRecord;
}

namespace graphs::ui {

class BenchmarkJob;
class BenchmarkResultsModel;
struct BenchmarkSummary;

/// Runs a benchmark suite of the registries (`graphs benchmark --suite NAME`) in the background: a suite, a runtime
/// and a thread count; progress with the benchmark in flight and an ETA; the measurements in a table as they are
/// stored in the user registry. Cancel keeps what was measured. Run on a remote host measures chosen models on
/// USER@HOST over SSH with TensorRT (`graphs benchmark --host USER@HOST --runtime tensorrt --models …`), the rows
/// stored under the host's name with its fingerprint; running it again after a cut continues where it stopped.
class BenchmarksPage : public QWidget
{
    Q_OBJECT

public:
    explicit BenchmarksPage(QWidget* parent = nullptr);
    ~BenchmarksPage() override;

    /// Lists the suites of the registries again (the user's own suites included).
    void refreshSuites();
    /// More folders to find the native runner program in (tests point at the build tree).
    void setRunnerSearchDirs(const QStringList& dirs) { m_runnerDirs = dirs; }
    /// How hard a run on a host tries for each model (tests: a short policy); default kModelPolicy.
    void setModelPolicy(const MeasurementPolicy& policy) { m_modelPolicy = policy; }

    enum RunOn { ThisMachine, RemoteHost };
    RunOn runOn() const;
    void setRunOn(RunOn where);
    /// The models a run on a host measures (ONNX files).
    void setModels(const QStringList& models);
    QStringList models() const { return m_models; }

    void run();
    void cancel();
    /// Stops the suite once the benchmark in flight is measured and stored (closing the window without losing it).
    void finishCurrentThenStop();
    bool isRunning() const;
    /// Cancels a run in flight and waits for it at most `msecs` (the main window closing); true when stopped.
    bool shutdown(int msecs);

    BenchmarkJob* job() const { return m_job; }
    BenchmarkResultsModel* model() const { return m_model; }
    QComboBox* suiteCombo() const { return m_suite; }
    QComboBox* runtimeCombo() const { return m_runtime; }
    QComboBox* runOnCombo() const { return m_runOn; }
    QLineEdit* hostEdit() const { return m_host; }
    QLineEdit* remoteRunnerEdit() const { return m_remoteRunner; }
    QLineEdit* hardwareEdit() const { return m_hardware; }
    QPushButton* modelsButton() const { return m_modelsButton; }
    QLabel* modelsLabel() const { return m_modelsLabel; }
    QComboBox* precisionCombo() const { return m_precision; }
    QSpinBox* threadsSpin() const { return m_threads; }
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* currentLabel() const { return m_current; }
    QLabel* messageLabel() const { return m_message; }
    QTableView* view() const { return m_view; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onProgress(int done, int total, const QString& current, double etaSeconds);
    void onFinished(const BenchmarkSummary& summary);
    void onFailed(const QString& message);
    void updateButtons();
    void onRunOnChanged();
    void fillRuntimes();
    void chooseModels();
    void onRemoteFinished(const BenchmarkSummary& summary);

    BenchmarkJob* m_job;
    BenchmarkResultsModel* m_model;
    QComboBox* m_runOn;
    QLineEdit* m_host;
    QLineEdit* m_remoteRunner;
    QLineEdit* m_hardware;
    QPushButton* m_modelsButton;
    QLabel* m_modelsLabel;
    QComboBox* m_precision;
    QComboBox* m_suite;
    QComboBox* m_runtime;
    QSpinBox* m_threads;
    QPushButton* m_runButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QLabel* m_current;
    QLabel* m_message;
    QTableView* m_view;
    QFormLayout* m_form;
    QStringList m_runnerDirs;
    QStringList m_models;
    MeasurementPolicy m_modelPolicy;
    QString m_localRuntime; ///< the runtime chosen for this machine, back when switching from a host
    bool m_runningRemote = false;
};

} // namespace graphs::ui
