#include "charts/calibration_scatter_data.h"

#include "jobs/calibration_runner.h"

#include <QCoreApplication>

namespace graphs::ui {

namespace {

QString pointLabel(const TrainingPoint& p)
{
    const QString name = QString::fromStdString(p.name);
    if (p.group.empty() || p.name == p.group)
        return name;
    const QString group = QString::fromStdString(p.group);
    return name.startsWith(group) ? name : group + QStringLiteral(" / ") + name;
}

} // namespace

int CalibrationScatterData::pointCount() const
{
    int count = 0;
    for (const ScatterSeries& s : series)
        count += static_cast<int>(s.points.size());
    return count;
}

int CalibrationScatterData::pointCount(ScatterStyle style) const
{
    int count = 0;
    for (const ScatterSeries& s : series)
        count += s.style == style ? static_cast<int>(s.points.size()) : 0;
    return count;
}

CalibrationScatterData makeCalibrationScatter(const CalibrationRun& run)
{
    const Calibration& c = run.calibration;
    ScatterSeries operators { QCoreApplication::translate("graphs::ui::CalibrationScatterData", "Operators, fitted"),
        ScatterStyle::Operator, {} };
    ScatterSeries models { QCoreApplication::translate("graphs::ui::CalibrationScatterData", "Models, fitted"),
        ScatterStyle::ModelPoint, {} };
    ScatterSeries heldOut { QCoreApplication::translate("graphs::ui::CalibrationScatterData", "Models, held out"),
        ScatterStyle::HeldOut, {} };
    for (size_t i = 0; i < c.points.size() && i < run.fittedSeconds.size(); ++i) {
        const TrainingPoint& p = c.points[i];
        ScatterPoint point { p.measuredSeconds, run.fittedSeconds[i], pointLabel(p), std::nullopt };
        (p.group.empty() ? operators : models).points.push_back(std::move(point));
    }
    for (const HeldOutPrediction& h : c.heldOut) {
        if (h.point >= c.points.size())
            continue;
        const TrainingPoint& p = c.points[h.point];
        heldOut.points.push_back({ p.measuredSeconds, h.predictedSeconds, pointLabel(p), h.boundPct });
    }
    CalibrationScatterData data;
    data.title
        = QCoreApplication::translate("graphs::ui::CalibrationScatterData", "Measured against estimated, %1 points")
              .arg(c.points.size());
    for (ScatterSeries* s : { &operators, &models, &heldOut }) {
        if (!s->points.empty())
            data.series.push_back(std::move(*s));
    }
    return data;
}

CalibrationScatterData makeValidationScatter(const CalibrationRun& run)
{
    ScatterSeries inside { QCoreApplication::translate("graphs::ui::CalibrationScatterData", "Inside its stated bound"),
        ScatterStyle::InsideBound, {} };
    ScatterSeries outside { QCoreApplication::translate(
                                "graphs::ui::CalibrationScatterData", "Outside its stated bound"),
        ScatterStyle::OutsideBound, {} };
    for (const HeldOutGroup& g : run.groups) {
        ScatterPoint point { g.measuredSeconds, g.predictedSeconds, QString::fromStdString(g.group), std::nullopt };
        if (g.boundPct > 0)
            point.boundPct = g.boundPct;
        (g.insideBound() ? inside : outside).points.push_back(std::move(point));
    }
    CalibrationScatterData data;
    data.title = QCoreApplication::translate(
        "graphs::ui::CalibrationScatterData", "Each model estimated by a fit that did not see it");
    data.errorBars = true;
    for (ScatterSeries* s : { &inside, &outside }) {
        if (!s->points.empty())
            data.series.push_back(std::move(*s));
    }
    return data;
}

} // namespace graphs::ui
