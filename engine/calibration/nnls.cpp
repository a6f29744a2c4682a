#include "calibration/nnls.h"

#include <limits>
#include <vector>

namespace graphs {

namespace {

/// Least squares on the columns in `passive`, the others held at zero.
Eigen::VectorXd solveOn(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, const std::vector<bool>& passive)
{
    std::vector<Eigen::Index> cols;
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
        if (passive[static_cast<size_t>(j)])
            cols.push_back(j);
    }
    Eigen::VectorXd z = Eigen::VectorXd::Zero(a.cols());
    if (cols.empty())
        return z;
    Eigen::MatrixXd sub(a.rows(), static_cast<Eigen::Index>(cols.size()));
    for (size_t k = 0; k < cols.size(); ++k)
        sub.col(static_cast<Eigen::Index>(k)) = a.col(cols[k]);
    const Eigen::VectorXd s = sub.colPivHouseholderQr().solve(b);
    for (size_t k = 0; k < cols.size(); ++k)
        z(cols[k]) = s(static_cast<Eigen::Index>(k));
    return z;
}

} // namespace

Eigen::VectorXd nonNegativeLeastSquares(const Eigen::MatrixXd& a, const Eigen::VectorXd& b, int maxIterations)
{
    const Eigen::Index n = a.cols();
    if (maxIterations <= 0)
        maxIterations = static_cast<int>(3 * n + 10);
    Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
    std::vector<bool> passive(static_cast<size_t>(n), false);
    const double tolerance = 1e-12 * std::max(1.0, a.norm() * b.norm());
    for (int outer = 0; outer < maxIterations; ++outer) {
        const Eigen::VectorXd w = a.transpose() * (b - a * x);
        Eigen::Index best = -1;
        double bestW = tolerance;
        for (Eigen::Index j = 0; j < n; ++j) {
            if (!passive[static_cast<size_t>(j)] && w(j) > bestW) {
                bestW = w(j);
                best = j;
            }
        }
        if (best < 0)
            break; // Karush–Kuhn–Tucker conditions hold
        passive[static_cast<size_t>(best)] = true;
        for (int inner = 0; inner < maxIterations; ++inner) {
            const Eigen::VectorXd z = solveOn(a, b, passive);
            bool feasible = true;
            for (Eigen::Index j = 0; j < n; ++j)
                feasible = feasible && (!passive[static_cast<size_t>(j)] || z(j) > 0);
            if (feasible) {
                x = z;
                break;
            }
            // Step back towards x until the first passive coefficient reaches zero, and release it.
            double alpha = std::numeric_limits<double>::infinity();
            for (Eigen::Index j = 0; j < n; ++j) {
                if (passive[static_cast<size_t>(j)] && z(j) <= 0)
                    alpha = std::min(alpha, x(j) / (x(j) - z(j)));
            }
            x += alpha * (z - x);
            for (Eigen::Index j = 0; j < n; ++j) {
                if (passive[static_cast<size_t>(j)] && x(j) <= 1e-15) {
                    passive[static_cast<size_t>(j)] = false;
                    x(j) = 0;
                }
            }
        }
    }
    return x;
}

} // namespace graphs
