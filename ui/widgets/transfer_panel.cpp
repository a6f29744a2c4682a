#include "widgets/transfer_panel.h"

#include "calibration/calibration_transfer.h"
#include "hardware/hardware_registry.h"
#include "hardware_catalog.h"
#include "jobs/transfer_checker.h"
#include "models/transfer_check_model.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace graphs::ui {

namespace {

/// Imported measurements of a runtime without fusion rules are per kernel already (as the page fits them).

QLabel* textLabel(const QString& name)
{
    auto* label = new QLabel;
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

TransferPanel::TransferPanel(QWidget* parent)
    : QWidget(parent)
    , m_sourceRow(new QWidget)
    , m_sourceLabel(textLabel(QStringLiteral("calibrationSource")))
    , m_checkButton(new QPushButton(tr("Check transfer")))
    , m_checker(new TransferChecker(this))
    , m_model(new TransferCheckModel(this))
    , m_summary(textLabel(QStringLiteral("calibrationTransferSummary")))
    , m_view(new QTableView)
{
    setObjectName(QStringLiteral("calibrationTransferPanel"));
    m_checkButton->setObjectName(QStringLiteral("calibrationCheckTransfer"));
    m_checkButton->setToolTip(tr("Estimate this device's own measurements with the calibration carried over "
                                 "from its sibling, as 'graphs calibrate --transfer-from' does"));
    m_checkButton->hide();
    auto* row = new QHBoxLayout(m_sourceRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_sourceLabel, 1);
    row->addWidget(m_checkButton);

    m_view->setObjectName(QStringLiteral("calibrationTransferView"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    connect(m_model, &QAbstractItemModel::modelReset, m_view, [this] { m_view->resizeColumnsToContents(); });
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_summary);
    column->addWidget(m_view, 1);

    connect(m_checkButton, &QPushButton::clicked, this, &TransferPanel::checkTransfer);
    connect(m_checker, &TransferChecker::boundFound, this, [this](const TransferBound& bound) { showSource(&bound); });
    connect(m_checker, &TransferChecker::checked, this, [this](std::shared_ptr<const TransferCheck> check) {
        m_checkButton->setEnabled(true);
        m_model->setCheck(check);
        m_summary->setText(tr("The calibration of %1 carried to %2, against %2's own measurements (which that "
                              "calibration never saw):")
                               .arg(QString::fromStdString(check->transferred.transferredFrom), m_hardware)
            + QLatin1Char('\n') + m_model->summary());
    });
    connect(m_checker, &TransferChecker::failed, this, [this](const QString& message) {
        m_checkButton->setEnabled(m_source.kind == CalibrationSource::Kind::Sibling);
        m_summary->setText(tr("Could not carry the calibration of %1 over to %2: %3")
                               .arg(QString::fromStdString(m_source.hardware), m_hardware, message));
        showSource(nullptr);
    });
}

TransferPanel::~TransferPanel() = default;

void TransferPanel::setChoice(std::shared_ptr<const HardwareCatalog> catalog, const QString& registryDir,
    const QString& hardware, const QString& runtime, Precision precision, const QString& modelsFolder)
{
    // A check or bound of the previous choice must not land on this one.
    m_checker->cancel();
    m_catalog = std::move(catalog);
    m_registryDir = registryDir;
    m_hardware = hardware;
    m_runtime = runtime;
    m_precision = precision;
    m_modelsFolder = modelsFolder;
    m_source = {};
    m_model->setCheck(nullptr);
    const auto spec = m_catalog ? m_catalog->hardware(m_hardware) : nullptr;
    if (spec && !m_runtime.isEmpty()) {
        const auto registry = m_catalog->registry;
        m_source = locateCalibration(m_registryDir.toStdString(), *spec, m_runtime.toStdString(), m_precision,
            [registry](const std::string& id) { return registry->find(id); });
    }
    const bool carried = m_source.kind == CalibrationSource::Kind::Sibling;
    m_checkButton->setVisible(carried);
    m_checkButton->setEnabled(carried);
    m_summary->setText(carried
            ? tr("Check transfer estimates the measurements of %1 with the calibration carried over from %2.")
                  .arg(m_hardware, QString::fromStdString(m_source.hardware))
            : tr("Choose a device without a profile of its own whose estimates are INTERPOLATED from a device of its "
                 "family, and press Check transfer."));
    if (const auto r = request())
        m_checker->findBound(*r);
    showSource(nullptr);
}

std::optional<TransferRequest> TransferPanel::request() const
{
    if (m_source.kind != CalibrationSource::Kind::Sibling || !m_catalog)
        return std::nullopt;
    TransferRequest r;
    r.target = m_catalog->hardware(m_hardware);
    r.source = m_catalog->hardware(QString::fromStdString(m_source.hardware));
    r.fusion = m_catalog->calibrationRuntime(m_runtime);
    if (!r.target || !r.source || !r.fusion)
        return std::nullopt;
    r.registry = m_catalog->registry;
    r.runtime = m_runtime;
    r.precision = m_precision;
    r.registryDir = m_registryDir;
    if (!m_modelsFolder.isEmpty())
        r.modelDirs << m_modelsFolder;
    return r;
}

QString TransferPanel::choiceName() const
{
    return tr("%1 × %2 (%3)").arg(m_hardware, m_runtime, QString::fromUtf8(precisionName(m_precision).data()));
}

void TransferPanel::showSource(const TransferBound* bound)
{
    const QString file = QDir::toNativeSeparators(QString::fromStdString(m_source.profilePath));
    switch (m_source.kind) {
    case CalibrationSource::Kind::Own:
        m_sourceLabel->setText(tr("Estimates on %1 are CALIBRATED with its own profile (%2).").arg(choiceName(), file));
        break;
    case CalibrationSource::Kind::Sibling: {
        QString text = tr("%1 has no profile of its own: its estimates are INTERPOLATED from the calibration of %2 "
                          "(%3), carried over to its specifications.")
                           .arg(choiceName(), QString::fromStdString(m_source.hardware), file);
        if (bound)
            text += QLatin1Char(' ')
                + tr("Stated bound ±%1 % (%2 × the source's cross-validated ±%3 %).")
                      .arg(QString::number(bound->boundPct, 'f', 1), QString::number(kTransferBoundFactor, 'g', 3),
                          QString::number(bound->sourceBoundPct, 'f', 1));
        else if (m_checker->isFinding())
            text += QLatin1Char(' ') + tr("Stated bound: refitting the source's profile…");
        m_sourceLabel->setText(text);
        break;
    }
    case CalibrationSource::Kind::None: {
        const auto spec = m_catalog ? m_catalog->hardware(m_hardware) : nullptr;
        m_sourceLabel->setText(spec
                ? tr("No profile of %1, nor of a device of its family (%2): its estimates are THEORETICAL.")
                      .arg(choiceName(), QString::fromStdString(hardwareFamily(*spec)))
                : QString());
        break;
    }
    }
}

void TransferPanel::checkTransfer()
{
    const auto r = request();
    if (!r)
        return;
    m_checkButton->setEnabled(false);
    m_summary->setText(tr("Carrying the calibration of %1 to %2 and estimating %2's own measurements…")
                           .arg(QString::fromStdString(m_source.hardware), m_hardware));
    Q_EMIT checkStarted();
    m_checker->check(*r);
}

} // namespace graphs::ui
