#pragma once

#include "hardware/precision.h"
#include "workflows/calibration_source.h"

#include <QString>
#include <QWidget>
#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QTableView;

namespace graphs::ui {

struct HardwareCatalog;
struct TransferBound;
struct TransferRequest;
class TransferChecker;
class TransferCheckModel;

/// The Calibration page's view of where estimates of its choice come from: a row (sourceRow(), placed by the page)
/// that names the device's own profile, or the sibling's whose calibration INTERPOLATED estimates carry over with the
/// bound they state, or none; and this widget, the transfer check: "Check transfer" estimates the device's own
/// measurements with the carried calibration in the background (TransferChecker) and lists each item's error.
class TransferPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TransferPanel(QWidget* parent = nullptr);
    ~TransferPanel() override;

    /// The source text and the Check transfer button, for the page's layout.
    QWidget* sourceRow() const { return m_sourceRow; }

    /// What the page has chosen; finds where its estimates come from (locateCalibration()) and, for a carried-over
    /// calibration, starts working out its bound. Drops the check of a previous choice.
    void setChoice(std::shared_ptr<const HardwareCatalog> catalog, const QString& registryDir, const QString& hardware,
        const QString& runtime, Precision precision, const QString& modelsFolder);
    /// Starts the transfer check of the current choice (what the button does); nothing without a sibling's profile.
    void checkTransfer();

    const CalibrationSource& source() const { return m_source; }
    QLabel* sourceLabel() const { return m_sourceLabel; }
    QPushButton* checkButton() const { return m_checkButton; }
    TransferCheckModel* model() const { return m_model; }
    QLabel* summaryLabel() const { return m_summary; }
    TransferChecker* checker() const { return m_checker; }

Q_SIGNALS:
    /// A check started: the page shows this panel.
    void checkStarted();

private:
    std::optional<TransferRequest> request() const;
    void showSource(const TransferBound* bound);
    QString choiceName() const;

    std::shared_ptr<const HardwareCatalog> m_catalog;
    QString m_registryDir;
    QString m_hardware;
    QString m_runtime;
    Precision m_precision = Precision::FP32;
    QString m_modelsFolder;
    CalibrationSource m_source;

    QWidget* m_sourceRow;
    QLabel* m_sourceLabel;
    QPushButton* m_checkButton;
    TransferChecker* m_checker;
    TransferCheckModel* m_model;
    QLabel* m_summary;
    QTableView* m_view;
};

} // namespace graphs::ui
