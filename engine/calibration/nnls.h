#pragma once

// Internal (Eigen in the interface): non-negative least squares, for calibration fits whose coefficients are
// physical rates and cannot be negative.

#include <Eigen/Dense>

namespace graphs {

/// argmin ‖A·x − b‖₂ subject to x ≥ 0 (Lawson–Hanson active set). Columns of A should be scaled to comparable
/// norms by the caller. Returns x; a problem with no positive solution gives zeros.
Eigen::VectorXd nonNegativeLeastSquares(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, int maxIterations = 0);

} // namespace graphs
