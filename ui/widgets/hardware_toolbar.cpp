#include "widgets/hardware_toolbar.h"

#include "hardware/hardware_registry.h"
#include "hardware_catalog.h"
#include "models/hardware_list_model.h"
#include "transform/fusion_rules.h"
#include "widgets/hardware_picker.h"

#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <algorithm>

namespace graphs::ui {

namespace {

const QString DefaultRuntime = QStringLiteral("onnxruntime");
constexpr int MaxBatch = 4096;

QLabel* buddyLabel(const QString& text, QWidget* buddy)
{
    auto* label = new QLabel(text);
    label->setBuddy(buddy);
    label->setContentsMargins(8, 0, 4, 0);
    return label;
}

} // namespace

HardwareToolBar::HardwareToolBar(QWidget* parent)
    : QToolBar(tr("Hardware"), parent)
    , m_picker(new HardwarePicker)
    , m_precision(new QComboBox)
    , m_batch(new QSpinBox)
    , m_runtime(new QComboBox)
{
    setObjectName(QStringLiteral("hardwareToolBar"));

    m_precision->setObjectName(QStringLiteral("precisionCombo"));
    m_precision->setToolTip(tr("Execution precision: the ones the chosen hardware has a peak for"));
    m_precision->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_batch->setObjectName(QStringLiteral("batchSpinBox"));
    m_batch->setRange(1, MaxBatch);
    m_batch->setToolTip(tr("Batch size: sets dimension 0 of every model input; a change imports the model again"));
    // One change per Enter, arrow click or focus change: each imports the model again.
    m_batch->setKeyboardTracking(false);

    m_runtime->setObjectName(QStringLiteral("runtimeCombo"));
    m_runtime->setToolTip(tr("Runtime profile: decides which nodes fuse into one kernel"));
    m_runtime->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    addWidget(buddyLabel(tr("Hard&ware:"), m_picker));
    addWidget(m_picker);
    addWidget(buddyLabel(tr("&Precision:"), m_precision));
    addWidget(m_precision);
    addWidget(buddyLabel(tr("&Batch:"), m_batch));
    addWidget(m_batch);
    addWidget(buddyLabel(tr("&Runtime:"), m_runtime));
    addWidget(m_runtime);

    // Nothing to choose from until the registry is loaded.
    for (QWidget* w :
        { static_cast<QWidget*>(m_picker), static_cast<QWidget*>(m_precision), static_cast<QWidget*>(m_runtime) })
        w->setEnabled(false);

    connect(m_picker, &HardwarePicker::hardwareChanged, this, [this] {
        fillPrecisions();
        Q_EMIT settingsChanged();
    });
    connect(m_precision, &QComboBox::currentIndexChanged, this, &HardwareToolBar::onPrecisionChanged);
    connect(m_runtime, &QComboBox::currentIndexChanged, this, &HardwareToolBar::settingsChanged);
    // The picker marks entries by where their estimates at these settings would come from.
    connect(this, &HardwareToolBar::settingsChanged, this, &HardwareToolBar::markCalibrations);
    connect(m_batch, &QSpinBox::valueChanged, this, &HardwareToolBar::batchChanged);
}

HardwareToolBar::~HardwareToolBar() = default;

void HardwareToolBar::setCatalog(std::shared_ptr<const HardwareCatalog> catalog)
{
    m_catalog = std::move(catalog);
    const QString runtime = m_runtime->currentData().toString();
    {
        const QSignalBlocker pickerBlocker(m_picker);
        const QSignalBlocker runtimeBlocker(m_runtime);
        m_picker->setEntries(
            m_catalog ? m_catalog->registry->entries() : std::vector<std::shared_ptr<const HardwareSpec>> {});
        m_runtime->clear();
        if (m_catalog) {
            for (const auto& rules : m_catalog->runtimes) {
                const QString id = QString::fromStdString(rules->runtimeId);
                m_runtime->addItem(id, id);
                m_runtime->setItemData(
                    m_runtime->count() - 1, QString::fromStdString(rules->runtimeName), Qt::ToolTipRole);
            }
        }
        const int previous = m_runtime->findData(runtime.isEmpty() ? DefaultRuntime : runtime);
        m_runtime->setCurrentIndex(std::max(previous, 0));
    }
    m_picker->setEnabled(m_catalog != nullptr);
    m_runtime->setEnabled(m_catalog != nullptr);
    fillPrecisions();
    Q_EMIT settingsChanged();
}

void HardwareToolBar::setCatalogError(const QString& message)
{
    m_picker->setEnabled(false);
    m_picker->setToolTip(tr("The hardware registry could not be loaded: %1").arg(message));
}

bool HardwareToolBar::selectHardware(const QString& id)
{
    return m_picker->selectId(id);
}

void HardwareToolBar::setPreferredPrecision(Precision precision)
{
    m_preferredPrecision = precision;
    const int index = m_precision->findData(static_cast<int>(precision));
    if (index >= 0)
        m_precision->setCurrentIndex(index);
}

bool HardwareToolBar::selectRuntime(const QString& id)
{
    const int index = m_runtime->findData(id);
    if (index >= 0)
        m_runtime->setCurrentIndex(index);
    return index >= 0;
}

void HardwareToolBar::setBatch(int64_t batch)
{
    const QSignalBlocker blocker(m_batch);
    m_batch->setValue(static_cast<int>(std::clamp<int64_t>(batch, 1, MaxBatch)));
}

int HardwareToolBar::batch() const
{
    return m_batch->value();
}

void HardwareToolBar::markCalibrations()
{
    const EstimateSettings chosen = settings();
    m_picker->listModel()->setCalibrationContext(
        chosen.runtime ? QString::fromStdString(chosen.runtime->runtimeId) : QString(), chosen.precision);
}

void HardwareToolBar::refreshCalibrations()
{
    m_picker->listModel()->refreshCalibrations();
    Q_EMIT settingsChanged();
}

EstimateSettings HardwareToolBar::settings() const
{
    EstimateSettings settings;
    settings.hardware = m_picker->hardware();
    if (m_precision->currentIndex() >= 0)
        settings.precision = static_cast<Precision>(m_precision->currentData().toInt());
    if (m_catalog)
        settings.runtime = m_catalog->runtime(m_runtime->currentData().toString());
    return settings;
}

void HardwareToolBar::fillPrecisions()
{
    const QSignalBlocker blocker(m_precision);
    m_precision->clear();
    const auto hardware = m_picker->hardware();
    if (!hardware) {
        m_precision->setEnabled(false);
        return;
    }
    const std::vector<Precision> supported = hardware->supportedPrecisions();
    for (Precision p : supported)
        m_precision->addItem(QString::fromUtf8(precisionName(p).data()), static_cast<int>(p));
    // The user's choice where the hardware has it, else fp32, else its first (int8-only accelerators).
    int index = m_precision->findData(static_cast<int>(m_preferredPrecision));
    if (index < 0)
        index = m_precision->findData(static_cast<int>(Precision::FP32));
    m_precision->setCurrentIndex(std::max(index, 0));
    m_precision->setEnabled(!supported.empty());
}

void HardwareToolBar::onPrecisionChanged(int index)
{
    if (index < 0)
        return;
    m_preferredPrecision = static_cast<Precision>(m_precision->itemData(index).toInt());
    Q_EMIT settingsChanged();
}

} // namespace graphs::ui
