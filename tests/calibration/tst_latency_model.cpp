// The calibration fit: non-negative least squares, recovery of known coefficients from synthetic measurements,
// cross-validation that holds groups out, and "not enough data" instead of NaN for degenerate input.

#include "calibration/latency_model.h"
#include "calibration/nnls.h"

#include <QtTest>

#include <cmath>

using namespace graphs;

namespace {

LatencyFeatures features(double matrixCompute, double matrixMemory, double elementwiseMemory, int kernels)
{
    LatencyFeatures f;
    f.computeSeconds["matrix"] = matrixCompute;
    f.memorySeconds["matrix"] = matrixMemory;
    f.memorySeconds["elementwise"] = elementwiseMemory;
    f.kernels = kernels;
    return f;
}

/// Measurements made by a known model: matrix compute ×1.5, matrix memory ×0.5, elementwise memory ×2, 10 µs per
/// kernel.
double truth(const LatencyFeatures& f)
{
    return 1.5 * f.computeSeconds.at("matrix") + 0.5 * f.memorySeconds.at("matrix")
        + 2.0 * f.memorySeconds.at("elementwise") + 10e-6 * f.kernels;
}

std::vector<TrainingPoint> syntheticPoints()
{
    std::vector<TrainingPoint> points;
    for (int i = 0; i < 24; ++i) {
        const LatencyFeatures f = features(1e-4 * (1 + i % 5), 2e-5 * (1 + (i * 7) % 4), 3e-5 * (1 + (i * 3) % 6),
            1 + (i * 5) % 9);
        points.push_back({ "p" + std::to_string(i), i < 12 ? std::string() : "model" + std::to_string(i / 3), f, truth(f) });
    }
    return points;
}

} // namespace

class TestLatencyModel : public QObject
{
    Q_OBJECT

private slots:
    void nnlsMatchesUnconstrainedWhenPositive()
    {
        Eigen::MatrixXd a(4, 2);
        a << 1, 0, 0, 1, 1, 1, 2, 1;
        const Eigen::VectorXd x0 = (Eigen::VectorXd(2) << 2, 3).finished();
        const Eigen::VectorXd x = nonNegativeLeastSquares(a, a * x0);
        QVERIFY((x - x0).norm() < 1e-9);
    }

    void nnlsClampsNegativeCoefficients()
    {
        // The unconstrained solution has x1 < 0; the constrained one puts it at 0 and refits x0 alone.
        Eigen::MatrixXd a(3, 2);
        a << 1, 1, 1, 2, 1, 3;
        const Eigen::VectorXd b = (Eigen::VectorXd(3) << 3, 2, 1).finished();
        const Eigen::VectorXd x = nonNegativeLeastSquares(a, b);
        QCOMPARE(x(1), 0.0);
        QVERIFY(std::abs(x(0) - 2.0) < 1e-9); // mean of b
    }

    void recoversKnownCoefficients()
    {
        const auto points = syntheticPoints();
        auto model = fitLatencyModel(points, { 1e-6 });
        QVERIFY(model);
        QVERIFY(std::abs(model->computeScale.at("matrix") - 1.5) < 1e-3);
        QVERIFY(std::abs(model->memoryScale.at("matrix") - 0.5) < 1e-3);
        QVERIFY(std::abs(model->memoryScale.at("elementwise") - 2.0) < 1e-3);
        QVERIFY(std::abs(model->secondsPerKernel - 10e-6) < 1e-8);
        // A class the model never saw keeps the specification's scale of 1.
        LatencyFeatures unseen;
        unseen.computeSeconds["softmax"] = 0.01;
        QVERIFY(std::abs(model->secondsPerRun) < 1e-8); // the synthetic truth has no per-inference cost
        QVERIFY(std::abs(model->predictSeconds(unseen) - 0.01) < 1e-8);
    }

    void ridgePullsTowardsTheSpecification()
    {
        const auto points = syntheticPoints();
        auto loose = fitLatencyModel(points, { 1e-6 });
        auto strong = fitLatencyModel(points, { 1e4 });
        QVERIFY(loose && strong);
        QVERIFY(std::abs(strong->computeScale.at("matrix") - 1.0) < std::abs(loose->computeScale.at("matrix") - 1.0));
        QVERIFY(std::abs(strong->memoryScale.at("elementwise") - 1.0) < 0.05);
    }

    void crossValidationHoldsGroupsOut()
    {
        const auto points = syntheticPoints();
        auto errors = crossValidatedErrors(points, { 1e-6 });
        QVERIFY(errors);
        QCOMPARE(errors->size(), size_t(12)); // only grouped points are predicted out of sample
        for (const auto& [i, e] : *errors) {
            QVERIFY(!points[i].group.empty());
            QVERIFY2(std::abs(e) < 1e-3, std::to_string(e).c_str()); // exact data: the held-out fit is exact too
        }
    }

    void degenerateData_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("measured");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("none") << 0 << 1.0 << u"not enough data: 0 measurement(s)"_qs;
        QTest::newRow("one") << 1 << 1.0 << u"not enough data: 1 measurement(s)"_qs;
        QTest::newRow("zero time") << 3 << 0.0 << u"is not positive"_qs;
        QTest::newRow("nan time") << 3 << std::nan("") << u"is not positive"_qs;
    }

    void degenerateData()
    {
        QFETCH(int, count);
        QFETCH(double, measured);
        QFETCH(QString, fragment);
        std::vector<TrainingPoint> points;
        for (int i = 0; i < count; ++i)
            points.push_back({ "p", "", features(1e-3, 1e-4, 1e-4, 1), measured });
        auto model = fitLatencyModel(points);
        QVERIFY(!model);
        QCOMPARE(model.error().code, ErrorCode::InvalidData);
        QVERIFY2(QString::fromStdString(model.error().message).contains(fragment), model.error().message.c_str());
    }

    void identicalPointsGiveFiniteCoefficients()
    {
        // Collinear features (every point the same): the ridge keeps the system well posed, nothing is NaN.
        std::vector<TrainingPoint> points(5, { "p", "", features(1e-3, 1e-4, 1e-4, 2), 2e-3 });
        auto model = fitLatencyModel(points);
        QVERIFY(model);
        for (const auto& [k, v] : model->computeScale)
            QVERIFY(std::isfinite(v) && v >= 0);
        for (const auto& [k, v] : model->memoryScale)
            QVERIFY(std::isfinite(v) && v >= 0);
        QVERIFY(std::isfinite(model->secondsPerKernel));
        QVERIFY(std::abs(model->predictSeconds(points[0].features) / 2e-3 - 1) < 0.1);
    }
};

QTEST_GUILESS_MAIN(TestLatencyModel)
#include "tst_latency_model.moc"
