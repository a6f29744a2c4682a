#include "benchmarks/statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace graphs {

namespace {

/// Linear interpolation between order statistics (the "type 7" quantile of R and NumPy).
double quantile(const std::vector<double>& sorted, double q)
{
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

} // namespace

double LatencyStats::relativeCiHalfWidth() const
{
    if (median <= 0)
        return 0;
    return (medianCiHigh - medianCiLow) / 2.0 / median;
}

LatencyStats summarize(std::vector<double> samples)
{
    LatencyStats s;
    s.samples = samples.size();
    if (samples.empty())
        return s;
    std::sort(samples.begin(), samples.end());
    const double n = static_cast<double>(samples.size());
    s.min = samples.front();
    s.median = quantile(samples, 0.5);
    s.p90 = quantile(samples, 0.9);
    s.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / n;
    double squares = 0;
    for (double v : samples)
        squares += (v - s.mean) * (v - s.mean);
    s.stddev = samples.size() > 1 ? std::sqrt(squares / (n - 1)) : 0;
    // The ranks n/2 ± 1.96·√n/2 bound the median with 95% confidence for any continuous distribution.
    const double half = 1.96 * std::sqrt(n) / 2.0;
    const auto lowRank = static_cast<long>(std::floor(n / 2.0 - half));
    const auto highRank = static_cast<long>(std::ceil(n / 2.0 + half));
    s.medianCiLow = samples[static_cast<size_t>(std::clamp<long>(lowRank, 0, static_cast<long>(n) - 1))];
    s.medianCiHigh = samples[static_cast<size_t>(std::clamp<long>(highRank, 0, static_cast<long>(n) - 1))];
    return s;
}

bool precisionReached(const LatencyStats& stats, size_t minSamples, double targetRelative)
{
    return stats.samples >= minSamples && stats.relativeCiHalfWidth() <= targetRelative;
}

} // namespace graphs
