#include "models/calibration_coefficient_model.h"

#include "jobs/calibration_runner.h"
#include "qt_strings.h"
#include "reporting/number_format.h"

#include <QStringList>

namespace graphs::ui {

namespace {

const QString RunClass = QStringLiteral("run");

/// The column of a term, or -1 for a term this table has no column for.
int columnOf(const QString& term, bool run)
{
    if (run)
        return term == QLatin1String("io") ? CalibrationCoefficientModel::GraphIo
            : term == QLatin1String("host")  ? CalibrationCoefficientModel::Host
                                             : -1;
    static const std::map<QString, int> columns = { { QStringLiteral("compute"), CalibrationCoefficientModel::Compute },
        { QStringLiteral("memory"), CalibrationCoefficientModel::Memory },
        { QStringLiteral("host"), CalibrationCoefficientModel::Host },
        { QStringLiteral("kernels"), CalibrationCoefficientModel::PerKernel },
        { QStringLiteral("outputs"), CalibrationCoefficientModel::PerOutput },
        { QStringLiteral("inputs"), CalibrationCoefficientModel::PerInput },
        { QStringLiteral("weights"), CalibrationCoefficientModel::PerWeight } };
    const auto it = columns.find(term);
    return it == columns.end() ? -1 : it->second;
}

} // namespace

CalibrationCoefficientModel::CalibrationCoefficientModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

CalibrationCoefficientModel::~CalibrationCoefficientModel() = default;

void CalibrationCoefficientModel::setRun(std::shared_ptr<const CalibrationRun> run)
{
    beginResetModel();
    m_rows.clear();
    if (run) {
        const LatencyModel& model = run->calibration.model;
        std::map<QString, Row> byClass; // sorted by class; "run" moved last below
        for (const auto& [key, value] : model.coefficients) {
            const QString k = fromStd(key);
            const qsizetype colon = k.indexOf(QLatin1Char(':'));
            if (colon <= 0)
                continue;
            const QString cls = k.left(colon);
            Row& row = byClass[cls];
            row.cls = cls;
            const int column = columnOf(k.mid(colon + 1), cls == RunClass);
            if (column >= 0)
                row.terms[column] = { k, value };
        }
        for (auto& [cls, row] : byClass) {
            const auto range = model.covered.find(cls.toStdString());
            if (range != model.covered.end()) {
                row.kernels = range->second.kernels;
                row.minFlops = range->second.minFlops;
                row.maxFlops = range->second.maxFlops;
            }
            if (cls != RunClass)
                m_rows.push_back(std::move(row));
        }
        if (const auto calls = byClass.find(RunClass); calls != byClass.end())
            m_rows.push_back(std::move(calls->second));
    }
    endResetModel();
}

QString CalibrationCoefficientModel::classAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[static_cast<size_t>(row)].cls : QString();
}

int CalibrationCoefficientModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CalibrationCoefficientModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QVariant CalibrationCoefficientModel::displayData(const Row& row, int column) const
{
    if (column == Class)
        return row.cls == RunClass ? tr("run (per call)") : row.cls;
    if (column == Kernels)
        return row.kernels ? QString::number(*row.kernels) : tr("–");
    if (column == FlopsRange) {
        if (!row.kernels || *row.kernels == 0)
            return tr("–");
        if (row.maxFlops <= 0)
            return QStringLiteral("0"); // data movement: bytes only
        return tr("%1 – %2").arg(fromStd(humanCount(row.minFlops)), fromStd(humanCount(row.maxFlops)));
    }
    const auto term = row.terms.find(column);
    if (term == row.terms.end())
        return tr("–");
    const double value = term->second.second;
    if (value == 0 && column != Compute && column != Memory && column != Host && column != GraphIo)
        return QStringLiteral("0"); // a cost the fit found none of, as `graphs calibrate` prints it
    switch (column) {
    case Compute:
    case Memory:
    case Host:
        return QString::number(value, 'f', 3);
    case PerKernel:
        return QString::number(value * 1e6, 'f', 2);
    case GraphIo:
        return value > 0 ? QString::number(1 / value / 1e9, 'f', 2) : tr("no cost");
    default:
        return QString::number(value * 1e9, 'f', 4);
    }
}

QVariant CalibrationCoefficientModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<size_t>(index.row())];
    const auto term = row.terms.find(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case SortRole:
        if (term != row.terms.end())
            return term->second.second;
        if (index.column() == Kernels)
            return static_cast<qulonglong>(row.kernels.value_or(0));
        if (index.column() == FlopsRange)
            return row.maxFlops;
        return displayData(row, index.column());
    case KeyRole:
        return term != row.terms.end() ? term->second.first : QString();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(
            index.column() == Class ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ToolTipRole:
        if (term == row.terms.end())
            return index.column() >= Compute && index.column() <= GraphIo
                ? tr("Not fitted: the term keeps its prior (1 for compute and memory, 0 otherwise)")
                : QVariant();
        return tr("%1 = %2").arg(term->second.first, QString::number(term->second.second, 'g', 6));
    default:
        return {};
    }
}

QVariant CalibrationCoefficientModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Compute:
            return tr("Scale of the seconds the kernel's FLOPs take at the calibrated peak (prior 1)");
        case Memory:
            return tr("Scale of the seconds its bytes take at the calibrated bandwidth for its working set (prior 1)");
        case Host:
            return tr("Scale of the framework's modelled host cost per operator and per synchronisation (eager "
                      "runtimes; prior 1)");
        case PerKernel:
            return tr("Fixed cost of each kernel launched, in microseconds");
        case PerOutput:
            return tr("Nanoseconds per element a GEMM-shaped kernel writes (epilogue and store)");
        case PerInput:
            return tr("Nanoseconds per element of its activation panel (packing)");
        case PerWeight:
            return tr("Nanoseconds per element of its other operand (packing)");
        case GraphIo:
            return tr("The bandwidth at which the graph's inputs and outputs are copied on every call");
        case Kernels:
            return tr("Kernels of this class the fit has seen");
        case FlopsRange:
            return tr("FLOPs per kernel of this class the fit has seen: outside this range it extrapolates");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Class:
        return tr("Class");
    case Compute:
        return tr("Compute (×)");
    case Memory:
        return tr("Memory (×)");
    case Host:
        return tr("Host (×)");
    case PerKernel:
        return tr("Per kernel (µs)");
    case PerOutput:
        return tr("Per output (ns)");
    case PerInput:
        return tr("Per input (ns)");
    case PerWeight:
        return tr("Per weight (ns)");
    case GraphIo:
        return tr("Graph I/O (GB/s)");
    case Kernels:
        return tr("Kernels");
    case FlopsRange:
        return tr("FLOPs per kernel");
    }
    return {};
}

} // namespace graphs::ui
