#pragma once

#include <QColor>
#include <QString>
#include <optional>
#include <vector>

namespace graphs {
struct TrainingPoint;
}

namespace graphs::ui {

struct CalibrationRun;

/// How a series of the measured-vs-estimated chart is drawn.
enum class ScatterStyle {
    Operator, ///< small dots: operator microbenchmarks, estimated by the fit
    ModelPoint, ///< larger dots: models (or their measured subgraphs), estimated by the fit
    HeldOut, ///< rings: the same model points estimated by a fit that did not see their model
    InsideBound, ///< a model held out whose error is within the bound its fit stated
    OutsideBound, ///< … and one whose error is not
};

struct ScatterPoint
{
    double measuredSeconds = 0;
    double estimatedSeconds = 0;
    QString label;
    std::optional<double> boundPct; ///< the stated ± bound: drawn as an error bar when the chart shows them
};

struct ScatterSeries
{
    QString name;
    ScatterStyle style = ScatterStyle::Operator;
    std::vector<ScatterPoint> points;
    QColor colour; ///< invalid: the style's colour
};

/// Everything the measured-vs-estimated chart draws; taken from a CalibrationRun, the chart never calls the engine.
struct CalibrationScatterData
{
    QString title;
    std::vector<ScatterSeries> series; ///< drawn in this order, the last on top
    double bandPct = 10; ///< the shaded band around estimate = measured
    bool errorBars = false; ///< draw each point's stated bound

    bool isEmpty() const { return pointCount() == 0; }
    int pointCount() const;
    int pointCount(ScatterStyle style) const;
};

/// The training points of a calibration against the fit's own estimates (operators small, model points larger),
/// and the model points again as estimated by the leave-one-model-out fits.
CalibrationScatterData makeCalibrationScatter(const CalibrationRun& run);

/// The class a training point is drawn in by makeClassScatter(): the calibration class of its kernels when they are
/// of one class (an operator row, most imported subgraphs), else that of the kernels with the most roofline time;
/// "whole model" for a measurement of a whole model (its name is its group's).
QString trainingPointClass(const TrainingPoint& point);

/// One dot per training point of the fitted calibration against the fit's own estimate, one series per class
/// (trainingPointClass()), each in its own colour, operator rows and imported subgraph rows alike; a ±25 % band.
CalibrationScatterData makeClassScatter(const CalibrationRun& run);

/// One point per model, estimated by a fit that did not see it, with the bound that fit stated, split by whether
/// the error falls inside it.
CalibrationScatterData makeValidationScatter(const CalibrationRun& run);

} // namespace graphs::ui
