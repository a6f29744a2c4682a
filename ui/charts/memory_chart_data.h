#pragma once

#include "estimation/estimate.h"
#include "hardware/precision.h"

#include <QByteArray>
#include <QString>
#include <vector>

namespace graphs::ui {

struct EstimatedModel;

/// One step of the execution order: the node that runs, and the activation bytes alive after it.
struct MemoryStep
{
    int node = 0;
    QString name;
    QString opType;
    double liveBytes = 0;
};

/// Everything the memory charts draw, taken from an estimate's MemoryProfile; the charts never call the engine.
struct MemoryChartData
{
    QString model;
    Precision precision = Precision::FP32;
    double weightBytes = 0;
    double peakActivationBytes = 0;
    int peakStep = -1; ///< the step after which the peak is reached, or -1 (no activations)
    EstimationResult peak; ///< the engine's peak memory (MB), with its confidence and bound
    std::vector<MemoryStep> steps; ///< in execution order

    bool isEmpty() const { return model.isEmpty(); }
};

MemoryChartData makeMemoryChartData(const EstimatedModel& estimated);

/// One row per step (numbered from 1): step, node index, name, op type, live activation bytes, and 1 at the peak.
QByteArray memoryCsv(const MemoryChartData& data);

/// A decimal byte unit that suits `bytes`: its name ("MB") and size (1e6).
struct ByteUnit
{
    QString name;
    double bytes = 1;
};
ByteUnit byteUnitFor(double bytes);

/// The tooltip of step `step`: which node runs, and what is alive after it.
QString memoryStepText(const MemoryChartData& data, int step);

} // namespace graphs::ui
