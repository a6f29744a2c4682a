#pragma once

#include <qcustomplot.h>
#include <vector>

namespace graphs::ui {

/// Errors counted in bins of equal width: bin i holds the errors in [firstBinPct + i·width, … + width).
struct ValidationHistogram
{
    double binWidthPct = 5;
    double firstBinPct = 0; ///< lower edge of the first bin, a multiple of the width
    std::vector<int> counts;

    /// Bins `errorsPct` (percent, signed); values that are not finite are left out.
    static ValidationHistogram of(const std::vector<double>& errorsPct, double binWidthPct = 5);
    int total() const;
    bool isEmpty() const { return counts.empty(); }
};

/// The errors of the held-out estimates as a histogram: a bar per bin, the ±band shaded, zero marked.
class ValidationHistogramPlot : public QCustomPlot
{
    Q_OBJECT

public:
    explicit ValidationHistogramPlot(QWidget* parent = nullptr);

    /// Redraws from `histogram`; an empty one clears the chart.
    void setHistogram(ValidationHistogram histogram, double bandPct = 10);
    const ValidationHistogram& histogram() const { return m_histogram; }
    int barCount() const;

private:
    void rebuild();

    ValidationHistogram m_histogram;
    double m_bandPct = 10;
    QCPBars* m_bars = nullptr;
};

} // namespace graphs::ui
