#include "charts/calibration_scatter_data.h"

#include "jobs/calibration_runner.h"

#include <QCoreApplication>
#include <algorithm>
#include <iterator>
#include <map>

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
        ScatterStyle::Operator, {}, {} };
    ScatterSeries models { QCoreApplication::translate("graphs::ui::CalibrationScatterData", "Models, fitted"),
        ScatterStyle::ModelPoint, {}, {} };
    ScatterSeries heldOut { QCoreApplication::translate("graphs::ui::CalibrationScatterData", "Models, held out"),
        ScatterStyle::HeldOut, {}, {} };
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

QString trainingPointClass(const TrainingPoint& point)
{
    const auto& kernels = point.features.subgraphs;
    if (!point.group.empty() && point.name == point.group && kernels.size() > 1)
        return QCoreApplication::translate("graphs::ui::CalibrationScatterData", "whole model");
    // Roofline seconds per class: the compute and memory terms, in seconds at their prior of 1.
    std::map<std::string, double> seconds;
    for (const SubgraphFeatures& k : kernels) {
        double time = 0;
        for (const auto& [key, value] : k.terms) {
            if (key.ends_with(":compute") || key.ends_with(":memory"))
                time += value;
        }
        seconds[k.opClass] += time;
    }
    if (seconds.empty())
        return QCoreApplication::translate("graphs::ui::CalibrationScatterData", "no kernel");
    const auto dominant = std::max_element(
        seconds.begin(), seconds.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return QString::fromStdString(dominant->first);
}

CalibrationScatterData makeClassScatter(const CalibrationRun& run)
{
    // Colours that stay apart on white and on a dark background (Tableau 10).
    static const QColor palette[] = { QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
        QColor(214, 39, 40), QColor(148, 103, 189), QColor(140, 86, 75), QColor(227, 119, 194), QColor(127, 127, 127),
        QColor(188, 189, 34), QColor(23, 190, 207) };
    const Calibration& c = run.calibration;
    std::map<QString, ScatterSeries> byClass;
    for (size_t i = 0; i < c.points.size() && i < run.fittedSeconds.size(); ++i) {
        const TrainingPoint& p = c.points[i];
        const QString cls = trainingPointClass(p);
        ScatterSeries& series = byClass[cls];
        series.name = cls;
        series.style = ScatterStyle::ModelPoint;
        series.points.push_back({ p.measuredSeconds, run.fittedSeconds[i],
            pointLabel(p) + QStringLiteral(" (") + cls + QLatin1Char(')'), std::nullopt });
    }
    CalibrationScatterData data;
    data.title = QCoreApplication::translate(
        "graphs::ui::CalibrationScatterData", "Each training point against the fit, by class: %1 points")
                     .arg(c.points.size());
    data.bandPct = 25;
    size_t colour = 0;
    for (auto& [name, series] : byClass) {
        series.colour = palette[colour++ % std::size(palette)];
        data.series.push_back(std::move(series));
    }
    return data;
}

CalibrationScatterData makeValidationScatter(const CalibrationRun& run)
{
    ScatterSeries inside { QCoreApplication::translate("graphs::ui::CalibrationScatterData", "Inside its stated bound"),
        ScatterStyle::InsideBound, {}, {} };
    ScatterSeries outside { QCoreApplication::translate(
                                "graphs::ui::CalibrationScatterData", "Outside its stated bound"),
        ScatterStyle::OutsideBound, {}, {} };
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
