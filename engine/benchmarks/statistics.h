#pragma once

#include <cstddef>
#include <vector>

namespace graphs {

/// Summary of repeated latency samples (milliseconds).
struct LatencyStats
{
    size_t samples = 0;
    double min = 0;
    double median = 0;
    double mean = 0;
    double stddev = 0; ///< sample standard deviation (n − 1)
    double p90 = 0;
    double medianCiLow = 0;  ///< 95% confidence interval of the median (distribution-free, order statistics)
    double medianCiHigh = 0;

    /// Half-width of the median's confidence interval relative to the median.
    double relativeCiHalfWidth() const;
};

/// Computes the summary; an empty input gives samples == 0 and zeros.
LatencyStats summarize(std::vector<double> samplesMs);

/// Whether to stop repeating: at least `minSamples`, and the median's 95% interval within ±`targetRelative`.
bool precisionReached(const LatencyStats& stats, size_t minSamples, double targetRelative);

} // namespace graphs
