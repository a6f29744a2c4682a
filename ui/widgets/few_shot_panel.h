#pragma once

#include "hardware/precision.h"

#include <QString>
#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace graphs::ui {

struct CalibrationRun;
struct HardwareCatalog;
class FewShotCurvePlot;
class FewShotCurveModel;
class FewShotErrorsModel;

/// The Calibration page's few-shot adaptation (`graphs calibrate --prior-from`): a row (adaptRow(), placed by the
/// page) offering the devices of the chosen hardware's family with a stored profile of the same runtime and
/// precision (siblingProfiles(), nearest first) to adapt from, and this widget, which shows an adapted run's curve:
/// MAPE and median against the number of the device's models fitted, beside the roofline prior, the steps and each
/// model's errors. The page runs the adaptation (CalibrationRunner) and saves it like a fit of its own.
class FewShotPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FewShotPanel(QWidget* parent = nullptr);
    ~FewShotPanel() override;

    /// The Adapt button and the choice of the prior, for the page's layout; hidden while there is none to adapt from.
    QWidget* adaptRow() const { return m_adaptRow; }

    /// What the page has chosen: lists the devices of its family with a profile to adapt from.
    void setChoice(std::shared_ptr<const HardwareCatalog> catalog, const QString& registryDir, const QString& hardware,
        const QString& runtime, Precision precision);
    /// Shows `run`'s few-shot curve; a run of a fit of its own (or nullptr) clears it.
    void setRun(const std::shared_ptr<const CalibrationRun>& run);
    /// Whether the adapt controls accept a click (not while the page fits).
    void setBusy(bool busy);

    /// The id of the device chosen to adapt from ("" when none).
    QString priorId() const;
    bool selectPrior(const QString& id);

    QComboBox* priorCombo() const { return m_prior; }
    QPushButton* adaptButton() const { return m_adapt; }
    QLabel* summaryLabel() const { return m_summary; }
    FewShotCurvePlot* plot() const { return m_plot; }
    FewShotCurveModel* curveModel() const { return m_curveModel; }
    FewShotErrorsModel* errorsModel() const { return m_errorsModel; }

Q_SIGNALS:
    /// The user pressed Adapt: adapt the chosen hardware from `priorId`'s profile.
    void adaptRequested(const QString& priorId);

private:
    void updateButton();

    QString m_hardware;
    bool m_busy = false;

    QWidget* m_adaptRow;
    QPushButton* m_adapt;
    QComboBox* m_prior;
    QLabel* m_summary;
    FewShotCurvePlot* m_plot;
    FewShotCurveModel* m_curveModel;
    FewShotErrorsModel* m_errorsModel;
    QTableView* m_curveView;
    QTableView* m_errorsView;
};

} // namespace graphs::ui
