#pragma once

// Energy coefficients of a hardware × precision, fitted to measured energies:
//
//     E = e_flop · FLOPs + e_byte · bytes + P_static · t        (t: median latency of one run)
//
// e_flop, e_byte, P_static ≥ 0 are fitted by non-negative least squares on relative residuals (each row divided
// by its measured energy, so a 1 µJ operator counts as much as a 1 J model), and judged out of sample by k-fold
// cross-validation and by leaving each operator family out in turn.

#include "benchmarks/results_registry.h"
#include "core/error.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace graphs {

/// One measurement with energy: the work of one run, its median latency and its measured energy.
struct EnergyPoint
{
    std::string name;   ///< benchmark name, for messages
    std::string family; ///< operator family ("matmul", "linear", …); held out together; "" : never held out
    double flops = 0;
    double bytes = 0;
    double seconds = 0;
    double joules = 0;
};

/// Fitted coefficients, in SI units (joules per FLOP, joules per byte, watts); reports print pJ/FLOP, pJ/byte, W.
struct EnergyFit
{
    double joulesPerFlop = 0;
    double joulesPerByte = 0;
    double staticWatts = 0;
    size_t points = 0;
    double r2 = 0;                ///< 1 − SS_res / SS_tot of the energies in joules (negative when worse than
                                  ///< their mean; 1 when all energies are equal and matched, else 0 in that case)
    double residualSpreadPct = 0; ///< RMS of the relative residuals, in percent
    double minFlops = 0, maxFlops = 0; ///< the range the fit has seen: outside it, the coefficients extrapolate
    double minBytes = 0, maxBytes = 0;

    double predictJoules(double flops, double bytes, double seconds) const
    {
        return joulesPerFlop * flops + joulesPerByte * bytes + staticWatts * seconds;
    }
};

/// Fits the coefficients. Fails with InvalidData naming the point when an energy or a time is not positive and
/// finite or a work count is negative or not finite, and with "not enough data" when there are fewer than 4
/// points (3 coefficients + 1). Collinear columns (bytes proportional to FLOPs) give finite coefficients.
Result<EnergyFit> fitEnergy(const std::vector<EnergyPoint>& points);

/// Out-of-sample relative errors of one hold-out scheme.
struct HeldOutErrors
{
    std::map<size_t, double> relativeErrors; ///< (predicted − measured) / measured, by point index
    std::optional<double> mapePct;           ///< mean |error| in percent; absent when no point was predicted
    std::optional<double> medianAbsPct;
    std::vector<std::string> notes;          ///< folds or families that could not be evaluated, and why
};

struct EnergyHeldOut
{
    HeldOutErrors kFold;                       ///< point i is in fold i mod k
    HeldOutErrors byFamily;                    ///< each family predicted by a fit on the others
    std::map<std::string, double> familyMapePct; ///< held-out MAPE of each family that could be predicted
};

struct EnergyFitOptions
{
    size_t folds = 5; ///< k of k-fold cross-validation (at most the number of points, at least 2)
};

/// Held-out errors: every point is predicted by fits that did not see it. Fails only on invalid points (as
/// fitEnergy); folds and families whose training set is too small are skipped and named in `notes`.
Result<EnergyHeldOut> heldOutEnergyErrors(const std::vector<EnergyPoint>& points, const EnergyFitOptions& options = {});

/// The operator family of a measurement: the benchmark name up to its first '/' ("matmul/64x64x64" → "matmul"),
/// else the detail up to its first ',', ';' or space.
std::string operatorFamily(const MeasurementRecord& record);

/// The fit of one hardware × precision.
struct EnergyFitGroup
{
    std::string hardware;
    std::string precision;
    std::vector<EnergyPoint> points;
    size_t withoutEnergy = 0;          ///< records of this precision with no energy reading
    size_t withoutWork = 0;            ///< records with energy but unknown FLOPs or bytes
    std::optional<EnergyFit> fit;      ///< absent when the fit failed …
    std::optional<EnergyHeldOut> heldOut;
    std::string problem;               ///< … and why
};

/// Groups the records of one hardware by precision, keeps those with an energy reading and known work, and fits
/// each group. Records whose energy is absent are counted, never read as zero.
std::vector<EnergyFitGroup> fitEnergyGroups(const std::string& hardware, const std::vector<MeasurementRecord>& records,
    const EnergyFitOptions& options = {});

/// A text report: per hardware × precision the coefficients (pJ/FLOP, pJ/byte, W), points, R², residual spread,
/// held-out MAPE (k-fold and by family), the range of work seen, and the records left out.
std::string energyFitReport(const std::vector<EnergyFitGroup>& groups);

} // namespace graphs
