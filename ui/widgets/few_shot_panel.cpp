#include "widgets/few_shot_panel.h"

#include "charts/few_shot_curve_plot.h"
#include "hardware/hardware_registry.h"
#include "hardware_catalog.h"
#include "jobs/calibration_runner.h"
#include "models/few_shot_curve_model.h"
#include "models/few_shot_errors_model.h"
#include "widgets/result_table.h"
#include "workflows/calibration_source.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace graphs::ui {

FewShotPanel::FewShotPanel(QWidget* parent)
    : QWidget(parent)
    , m_adaptRow(new QWidget)
    , m_adapt(new QPushButton(tr("Adapt from")))
    , m_prior(new QComboBox)
    , m_summary(new QLabel)
    , m_plot(new FewShotCurvePlot)
    , m_curveModel(new FewShotCurveModel(this))
    , m_errorsModel(new FewShotErrorsModel(this))
    , m_curveView(makeResultTable(m_curveModel, QStringLiteral("calibrationFewShotCurveView")))
    , m_errorsView(makeResultTable(m_errorsModel, QStringLiteral("calibrationFewShotErrorsView")))
{
    setObjectName(QStringLiteral("calibrationFewShotPanel"));
    m_adapt->setObjectName(QStringLiteral("calibrationAdapt"));
    m_adapt->setToolTip(tr("Fit this device's few measured models towards the calibration of the device chosen "
                           "beside, carried over, and show the error after 0, 1, 2 and 3 models, as "
                           "'graphs calibrate --prior-from' does"));
    m_prior->setObjectName(QStringLiteral("calibrationPrior"));
    m_prior->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_prior->setToolTip(tr("Devices of this hardware's family with a stored profile of the same runtime and "
                           "precision, the nearest matrix peak first"));
    auto* row = new QHBoxLayout(m_adaptRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_adapt);
    row->addWidget(m_prior);
    m_adaptRow->hide();

    m_summary->setObjectName(QStringLiteral("calibrationFewShotSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Small minimums: the Calibration page, with this panel in a tab below, fits a 640-pixel-high window.
    m_curveView->setMinimumHeight(50);
    m_errorsView->setMinimumHeight(50);
    auto* tables = new QSplitter(Qt::Vertical);
    tables->addWidget(m_curveView);
    tables->addWidget(m_errorsView);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_plot);
    split->addWidget(tables);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setCollapsible(0, false);
    split->setSizes({ 400, 600 }); // the steps' nine columns need the room more than the chart
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_summary);
    column->addWidget(split, 1);

    connect(m_adapt, &QPushButton::clicked, this, [this] {
        if (!priorId().isEmpty())
            Q_EMIT adaptRequested(priorId());
    });
    setRun(nullptr);
}

FewShotPanel::~FewShotPanel() = default;

void FewShotPanel::setChoice(std::shared_ptr<const HardwareCatalog> catalog, const QString& registryDir,
    const QString& hardware, const QString& runtime, Precision precision)
{
    const QString previous = priorId();
    m_hardware = hardware;
    m_prior->clear();
    const auto spec = catalog ? catalog->hardware(hardware) : nullptr;
    if (spec && !runtime.isEmpty()) {
        const auto registry = catalog->registry;
        const auto siblings = siblingProfiles(registryDir.toStdString(), *spec, runtime.toStdString(), precision,
            [registry](const std::string& id) { return registry->find(id); });
        for (const auto& sibling : siblings) {
            const QString id = QString::fromStdString(sibling->id);
            m_prior->addItem(id, id);
            m_prior->setItemData(m_prior->count() - 1,
                tr("%1: %2").arg(QString::fromStdString(sibling->name),
                    QDir::toNativeSeparators(QString::fromStdString(calibrationProfilePath(
                        registryDir.toStdString(), sibling->id, runtime.toStdString(), precision)))),
                Qt::ToolTipRole);
        }
    }
    const int index = m_prior->findData(previous);
    m_prior->setCurrentIndex(index >= 0 ? index : (m_prior->count() ? 0 : -1));
    m_adaptRow->setVisible(m_prior->count() > 0);
    updateButton();
}

void FewShotPanel::setRun(const std::shared_ptr<const CalibrationRun>& run)
{
    const bool adapted = run && run->fewShot;
    m_curveModel->setRun(adapted ? run : nullptr);
    m_errorsModel->setRun(adapted ? run : nullptr);
    if (!adapted) {
        m_plot->setCurves(nullptr, nullptr);
        m_summary->setText(tr("For a device with a few measured models and a device of its family with a stored "
                              "profile, Adapt from fits its models towards that calibration carried over and shows "
                              "here how the error falls with each model measured."));
        return;
    }
    const CalibrationProfile& p = run->calibration.profile;
    const QString prior = QString::fromStdString(p.priorHardware);
    m_plot->setCurves(&run->fewShot->curve, &run->fewShot->roofline);
    m_summary->setText(
        tr("%1 × %2 (%3) fitted towards the calibration of %4 (%5), carried over (stated bound ±%6 %). %n model(s) "
           "of %1 measured: each left out in turn and estimated by fits on every set of k of the others (k = 0: the "
           "carried-over calibration alone), beside the same fits pulled towards the roofline. Save profile stores "
           "the adapted fit, which names its prior.",
            nullptr, int(run->fewShot->curve.models.size()))
            .arg(QString::fromStdString(p.hardware), QString::fromStdString(p.runtime),
                QString::fromUtf8(precisionName(p.precision).data()), prior,
                QDir::toNativeSeparators(QString::fromStdString(p.priorProfile)),
                QString::number(run->fewShot->priorBoundPct, 'f', 1)));
}

void FewShotPanel::setBusy(bool busy)
{
    m_busy = busy;
    updateButton();
}

void FewShotPanel::updateButton()
{
    m_adapt->setEnabled(!m_busy && m_prior->count() > 0);
    m_prior->setEnabled(!m_busy && m_prior->count() > 0);
}

QString FewShotPanel::priorId() const
{
    return m_prior->currentData().toString();
}

bool FewShotPanel::selectPrior(const QString& id)
{
    const int index = m_prior->findData(id);
    if (index >= 0)
        m_prior->setCurrentIndex(index);
    return index >= 0;
}

} // namespace graphs::ui
