#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace graphs::ui {

struct CalibrationRun;

/// The latency model's coefficients, one row per operator class (and a last "run" row for the costs of the call
/// itself), one column per term in the unit a reader expects: the roofline scales as ×, the fixed cost per kernel
/// in µs, per-element costs in ns, the graph's input/output copy as a bandwidth. Then how many kernels of the class
/// the fit saw, and over which FLOPs.
class CalibrationCoefficientModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns {
        Class,
        Compute,
        Memory,
        Host,
        PerKernel,
        PerOutput,
        PerInput,
        PerWeight,
        GraphIo,
        Kernels,
        FlopsRange,
        NumColumns
    };
    enum Roles {
        SortRole = Qt::UserRole, ///< the coefficient in SI units (seconds per …, or the scale); the text otherwise
        KeyRole, ///< the term's key, "conv-standard:compute"; empty where the class has no such term
    };

    explicit CalibrationCoefficientModel(QObject* parent = nullptr);
    ~CalibrationCoefficientModel() override;

    /// Replaces the whole table; nullptr empties it.
    void setRun(std::shared_ptr<const CalibrationRun> run);
    /// The class of a row ("run" for the call's own costs).
    QString classAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString cls;
        std::map<int, std::pair<QString, double>> terms; ///< column → (key, coefficient)
        std::optional<size_t> kernels;
        double minFlops = 0;
        double maxFlops = 0;
    };

    QVariant displayData(const Row& row, int column) const;

    std::vector<Row> m_rows;
};

} // namespace graphs::ui
