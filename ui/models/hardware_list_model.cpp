#include "models/hardware_list_model.h"

#include "calibration/calibration_profile.h"
#include "core/data_paths.h"
#include "estimation/estimate.h"
#include "hardware/hardware_spec.h"
#include "qt_strings.h"
#include "reporting/number_format.h"

#include <QColor>
#include <QFont>
#include <algorithm>

namespace graphs::ui {

namespace {

QString categoryHeading(HardwareCategory c)
{
    switch (c) {
    case HardwareCategory::Cpu:
        return HardwareListModel::tr("CPU");
    case HardwareCategory::Gpu:
        return HardwareListModel::tr("GPU");
    case HardwareCategory::Accelerator:
        return HardwareListModel::tr("Accelerator");
    }
    return {};
}

/// The headline figure of an entry, the fp16 peak where it has one (what inference usually runs at), as
/// `graphs hardware list` shows among its columns: "121 TFLOP/s fp16".
QString headlinePeak(const HardwareSpec& spec)
{
    const auto supported = spec.supportedPrecisions();
    for (Precision p : { Precision::FP16, Precision::BF16, Precision::FP32, Precision::INT8, Precision::FP8 }) {
        if (std::find(supported.begin(), supported.end(), p) == supported.end())
            continue;
        const bool integer = p == Precision::INT8;
        return fromStd(humanCount(spec.peakOpsPerSecond(p)))
            + (integer ? QStringLiteral("OP/s ") : QStringLiteral("FLOP/s ")) + fromStd(precisionName(p));
    }
    return {};
}

} // namespace

HardwareListModel::HardwareListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

HardwareListModel::~HardwareListModel() = default;

void HardwareListModel::setEntries(const std::vector<std::shared_ptr<const HardwareSpec>>& entries)
{
    beginResetModel();
    m_rows.clear();
    const std::string userRegistry = userRegistryDir();
    for (HardwareCategory category : { HardwareCategory::Cpu, HardwareCategory::Gpu, HardwareCategory::Accelerator }) {
        std::vector<std::shared_ptr<const HardwareSpec>> inCategory;
        std::copy_if(entries.begin(), entries.end(), std::back_inserter(inCategory),
            [&](const auto& e) { return e && e->category == category; });
        if (inCategory.empty())
            continue;
        // This machine first, the rest by name.
        std::stable_sort(inCategory.begin(), inCategory.end(), [](const auto& a, const auto& b) {
            if (a->generated != b->generated)
                return a->generated;
            return QString::fromStdString(a->name).compare(QString::fromStdString(b->name), Qt::CaseInsensitive) < 0;
        });
        m_rows.push_back({ nullptr, categoryHeading(category), {}, {}, {}, {} });
        for (const auto& spec : inCategory) {
            Row row;
            row.spec = spec;
            row.id = QString::fromStdString(spec->id);
            row.search = QString::fromStdString(spec->name + ' ' + spec->id + ' ' + spec->vendor + ' '
                + spec->architecture + ' ' + std::string(categoryName(category)));
            for (const std::string& c : storedCalibrations(userRegistry, spec->id))
                row.calibrations << QString::fromStdString(c);
            m_rows.push_back(std::move(row));
        }
    }
    locateCalibrations();
    endResetModel();
}

void HardwareListModel::setCalibrationContext(const QString& runtimeId, Precision precision)
{
    if (runtimeId == m_runtimeId && precision == m_precision)
        return;
    m_runtimeId = runtimeId;
    m_precision = precision;
    locateCalibrations();
    // Only marks change: a reset would make a combo box showing this model lose its current entry.
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, NumColumns - 1));
}

void HardwareListModel::refreshCalibrations()
{
    const std::string userRegistry = userRegistryDir();
    for (Row& row : m_rows) {
        row.calibrations.clear();
        if (row.spec) {
            for (const std::string& c : storedCalibrations(userRegistry, row.spec->id))
                row.calibrations << QString::fromStdString(c);
        }
    }
    locateCalibrations();
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, NumColumns - 1));
}

void HardwareListModel::locateCalibrations()
{
    const std::string registry = userRegistryDir();
    const HardwareFinder find = [this](const std::string& id) -> std::shared_ptr<const HardwareSpec> {
        const int row = rowOf(QString::fromStdString(id));
        return row >= 0 ? m_rows[row].spec : nullptr;
    };
    for (Row& row : m_rows) {
        row.source = row.spec && !m_runtimeId.isEmpty()
            ? locateCalibration(registry, *row.spec, m_runtimeId.toStdString(), m_precision, find)
            : CalibrationSource {};
    }
}

int HardwareListModel::confidenceOf(const Row& row) const
{
    // Estimates on an entry are THEORETICAL until a calibration profile for it (or, in a context, for a device of
    // its family) is stored in the user registry.
    if (m_runtimeId.isEmpty())
        return static_cast<int>(
            row.calibrations.isEmpty() ? graphs::Confidence::Theoretical : graphs::Confidence::Calibrated);
    switch (row.source.kind) {
    case CalibrationSource::Kind::Own:
        return static_cast<int>(graphs::Confidence::Calibrated);
    case CalibrationSource::Kind::Sibling:
        return static_cast<int>(graphs::Confidence::Interpolated);
    case CalibrationSource::Kind::None:
        break;
    }
    return static_cast<int>(graphs::Confidence::Theoretical);
}

std::shared_ptr<const HardwareSpec> HardwareListModel::entry(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[row].spec : nullptr;
}

int HardwareListModel::rowOf(const QString& id) const
{
    if (id.isEmpty())
        return -1;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

int HardwareListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int HardwareListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

Qt::ItemFlags HardwareListModel::flags(const QModelIndex& index) const
{
    // Views ask about the invalid index (the root) too.
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return m_rows[index.row()].spec ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                                    : Qt::ItemNeverHasChildren;
}

QVariant HardwareListModel::data(const QModelIndex& index, int role) const
{
    // A combo box with no current entry asks about the invalid index.
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[index.row()];
    if (!row.spec) {
        switch (role) {
        case Qt::DisplayRole:
            return index.column() == Name ? row.heading : QVariant();
        case Qt::FontRole: {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        case IdRole:
        case SearchRole:
            return QString();
        default:
            return {};
        }
    }
    return entryData(row, index.column(), role);
}

QVariant HardwareListModel::entryData(const Row& row, int column, int role) const
{
    const HardwareSpec& spec = *row.spec;
    const auto confidence = static_cast<graphs::Confidence>(confidenceOf(row));
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (column) {
        case Name:
            return QString::fromStdString(spec.name);
        case Id:
            return row.id;
        case Peak:
            return headlinePeak(spec);
        case Confidence:
            // Lower case, as `graphs hardware list` prints it.
            return fromStd(confidenceName(confidence)).toLower();
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        const QString what = tr("%1 (%2): %3, %4 mapper")
                                 .arg(QString::fromStdString(spec.name), row.id, fromStd(categoryName(spec.category)),
                                     fromStd(mapperName(spec.mapper)));
        const QString context = m_runtimeId + QLatin1Char(' ') + fromStd(precisionName(m_precision));
        if (row.source.kind == CalibrationSource::Kind::Sibling)
            return tr("%1; %2 latency estimates are INTERPOLATED from %3 (%4): no profile of its own, the calibration "
                      "of a device of its family carried over")
                .arg(what, context, fromStd(row.source.hardware), fromStd(row.source.profilePath));
        if (row.source.kind == CalibrationSource::Kind::Own)
            return tr("%1; %2 latency estimates are CALIBRATED (%3)")
                .arg(what, context, fromStd(row.source.profilePath));
        if (!row.calibrations.isEmpty())
            return tr("%1; calibrated for %2 (latency estimates of these runtimes and precisions come from "
                      "measurements)")
                .arg(what, row.calibrations.join(QStringLiteral(", ")));
        return tr("%1; estimates on it are %2 (vendor specifications, not calibrated)")
            .arg(what, fromStd(confidenceName(confidence)));
    }
    case Qt::ForegroundRole:
        if (column != Confidence)
            return {};
        if (confidence == graphs::Confidence::Calibrated)
            return QColor(30, 120, 50);
        if (confidence == graphs::Confidence::Interpolated)
            return QColor(170, 100, 0);
        return {};
    case IdRole:
        return row.id;
    case SearchRole:
        return row.search;
    case CategoryRole:
        return static_cast<int>(spec.category);
    case InterpolatedFromRole:
        return row.source.kind == CalibrationSource::Kind::Sibling ? fromStd(row.source.hardware) : QString();
    case ConfidenceRole:
        return static_cast<int>(confidence);
    case Qt::TextAlignmentRole:
        return column == Peak ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant HardwareListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Hardware");
    case Id:
        return tr("Id");
    case Peak:
        return tr("Peak");
    case Confidence:
        return tr("Confidence");
    default:
        return {};
    }
}

} // namespace graphs::ui
