#pragma once

#include <qcustomplot.h>

namespace graphs {
struct FewShotCurve;
}

namespace graphs::ui {

/// The few-shot curve (`graphs calibrate --prior-from`): the leave-one-model-out MAPE and median error against the
/// number of the device's models fitted, with the prior carried over from a device of the family, beside the same
/// fits pulled towards the roofline. Draws from the curves only.
class FewShotCurvePlot : public QCustomPlot
{
    Q_OBJECT

public:
    explicit FewShotCurvePlot(QWidget* parent = nullptr);

    /// Redraws; `prior` (the curve with the carried-over calibration as the prior) null clears the chart.
    void setCurves(const FewShotCurve* prior, const FewShotCurve* roofline);
    /// The lines drawn: prior MAPE, prior median, roofline MAPE, roofline median (those with points).
    int lineCount() const { return graphCount(); }

private:
    void resizeEvent(QResizeEvent* event) override;
    int m_legendColumns = 0;
};

} // namespace graphs::ui
