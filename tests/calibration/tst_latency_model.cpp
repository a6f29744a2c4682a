// The latency model: non-negative least squares, recovery of known coefficients from measurements made by a known
// linear model, the ridge's pull towards the prior, leave-one-group-out cross-validation that really leaves the
// group out (with nested bounds), group errors of summed times, the split-conformal bound, the covered range, and
// "not enough data" instead of NaN for degenerate input.

#include "calibration/latency_model.h"
#include "calibration/nnls.h"

#include <QtTest>
#include <cmath>
#include <set>

using namespace graphs;

namespace {

/// The law the synthetic measurements follow: every term of the model, including the run's own cost.
const std::map<std::string, double> kTruth = {
    { "matrix:compute", 1.5 },
    { "matrix:memory", 0.5 },
    { "matrix:kernels", 10e-6 },
    { "matrix:outputs", 2e-9 },
    { "elementwise:compute", 0.8 },
    { "elementwise:memory", 2.0 },
    { "elementwise:kernels", 3e-6 },
    { "run:io", 1e-10 },
};

SubgraphFeatures kernel(const std::string& cls, double compute, double memory, double outputs = 0)
{
    SubgraphFeatures k;
    k.opClass = cls;
    k.flops = compute * 1e12; // only the covered range looks at these
    k.bytes = memory * 1e11;
    k.terms[cls + ":compute"] = compute;
    k.terms[cls + ":memory"] = memory;
    k.terms[cls + ":kernels"] = 1;
    if (outputs > 0)
        k.terms[cls + ":outputs"] = outputs;
    return k;
}

/// Σ coefficient · term by hand, over every kernel and the run terms.
double seconds(const LatencyFeatures& f, const std::map<std::string, double>& law)
{
    double t = 0;
    auto add = [&](const FeatureVector& terms) {
        for (const auto& [key, value] : terms)
            t += law.at(key) * value;
    };
    for (const SubgraphFeatures& k : f.subgraphs)
        add(k.terms);
    add(f.runTerms);
    return t;
}

/// 24 points whose terms vary independently: 0–2 matrix and 0–2 elementwise kernels each, the first 12 ungrouped
/// (operators), the rest in four models of three points.
std::vector<TrainingPoint> syntheticPoints()
{
    std::vector<TrainingPoint> points;
    for (int i = 0; i < 24; ++i) {
        LatencyFeatures f;
        const int matrices = i % 3;
        const int elementwise = (2 * i + 1) % 3; // (0,1), (1,0), (2,2): never a point without kernels
        for (int j = 0; j < matrices; ++j)
            f.subgraphs.push_back(
                kernel("matrix", 1e-4 * (1 + (i + j) % 5), 2e-5 * (1 + (i * 7 + j) % 4), 1e4 * (1 + (i * 3 + j) % 7)));
        for (int j = 0; j < elementwise; ++j)
            f.subgraphs.push_back(
                kernel("elementwise", 1e-5 * (1 + (i * 5 + j) % 3), 3e-5 * (1 + (i * 3 + 2 * j) % 6)));
        f.runTerms["run:io"] = 1e5 * (1 + (i * 11) % 5);
        const std::string group = i < 12 ? std::string() : "model" + std::to_string((i - 12) / 3);
        points.push_back({ "p" + std::to_string(i), group, f, seconds(f, kTruth) });
    }
    return points;
}

bool near(double value, double expected, double relative)
{
    return std::abs(value - expected) <= relative * std::max(std::abs(expected), 1e-300);
}

std::string text(double v)
{
    return std::to_string(v);
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

    void totalSumsKernelsAndRunTerms()
    {
        LatencyFeatures f;
        f.subgraphs
            = { kernel("matrix", 1e-3, 2e-4, 100), kernel("matrix", 3e-3, 1e-4), kernel("softmax", 5e-5, 6e-5) };
        f.runTerms["run:io"] = 4096;
        const FeatureVector t = f.total();
        QCOMPARE(t.at("matrix:compute"), 4e-3);
        QCOMPARE(t.at("matrix:memory"), 3e-4);
        QCOMPARE(t.at("matrix:kernels"), 2.0);
        QCOMPARE(t.at("matrix:outputs"), 100.0);
        QCOMPARE(t.at("softmax:kernels"), 1.0);
        QCOMPARE(t.at("run:io"), 4096.0);
        QCOMPARE(t.size(), size_t(8));
    }

    void recoversKnownCoefficients_data()
    {
        QTest::addColumn<bool>("balance");
        QTest::newRow("unbalanced") << false;
        QTest::newRow("balanced") << true; // reweighting exact data changes nothing
    }

    void recoversKnownCoefficients()
    {
        QFETCH(bool, balance);
        const auto points = syntheticPoints();
        auto model = fitLatencyModel(points, { .ridge = 1e-12, .balanceModels = balance });
        QVERIFY2(model, model ? "" : model.error().message.c_str());
        QCOMPARE(model->coefficients.size(), kTruth.size());
        for (const auto& [key, expected] : kTruth)
            QVERIFY2(
                near(model->coefficient(key), expected, 1e-4), (key + " = " + text(model->coefficient(key))).c_str());
        for (const TrainingPoint& p : points)
            QVERIFY(near(model->predictSeconds(p.features), p.measuredSeconds, 1e-6));
        // The classes seen, with the FLOPs of their kernels (kernel() sets flops = compute · 1e12).
        QCOMPARE(model->covered.size(), size_t(2));
        const CoveredRange& m = model->covered.at("matrix");
        QCOMPARE(m.minFlops, 1e8);
        QCOMPARE(m.maxFlops, 5e8);
        QCOMPARE(m.kernels, size_t(24)); // 8 points each of 0, 1 and 2 matrix kernels
    }

    void ridgePullsTowardsThePrior()
    {
        const auto points = syntheticPoints();
        auto strong = fitLatencyModel(points, { .ridge = 1e6, .balanceModels = false });
        QVERIFY(strong);
        for (const auto& [key, truth] : kTruth) {
            const double prior = termPrior(key);
            QCOMPARE(prior, key.ends_with(":compute") || key.ends_with(":memory") ? 1.0 : 0.0);
            // Far closer to the prior than to the data's answer.
            QVERIFY2(std::abs(strong->coefficient(key) - prior) < 0.01 * std::abs(truth - prior),
                (key + " = " + text(strong->coefficient(key))).c_str());
        }
    }

    void unseenTermsKeepTheirPrior()
    {
        auto model = fitLatencyModel(syntheticPoints(), { .ridge = 1e-12 });
        QVERIFY(model);
        QVERIFY(!model->coefficients.count("softmax:compute"));
        QCOMPARE(model->coefficient("softmax:compute"), 1.0);
        QCOMPARE(model->coefficient("softmax:memory"), 1.0);
        QCOMPARE(model->coefficient("softmax:kernels"), 0.0);
        QCOMPARE(model->coefficient("matrix:inputs"), 0.0); // a term no point had
        LatencyFeatures f;
        f.subgraphs = { kernel("softmax", 0.01, 0.002) };
        QVERIFY(near(model->predictKernelSeconds(f.subgraphs[0]), 0.012, 1e-12));
        QVERIFY(near(model->predictSeconds(f), 0.012, 1e-12));
        QCOMPARE(model->runSeconds(f), 0.0);
    }

    /// Models only (no operator rows): four classes that all run at 2× the compute roof and 1× the memory roof,
    /// each model showing a different pair of them; a fifth class, softmax, is never seen.
    static std::vector<TrainingPoint> pooledPoints()
    {
        const std::vector<std::string> classes = { "matrix", "elementwise", "conv-standard", "pooling" };
        std::vector<TrainingPoint> points;
        for (int i = 0; i < 16; ++i) {
            LatencyFeatures f;
            for (int j = 0; j < 2; ++j)
                f.subgraphs.push_back(kernel(classes[static_cast<size_t>((i + j) % 4)], 1e-4 * (1 + (i * 3 + j) % 5),
                    2e-5 * (1 + (i * 7 + j) % 4)));
            double t = 0;
            for (const SubgraphFeatures& k : f.subgraphs)
                t += 2.0 * k.terms.at(k.opClass + ":compute") + 1.0 * k.terms.at(k.opClass + ":memory");
            points.push_back({ "p" + std::to_string(i), "model" + std::to_string(i / 2), f, t });
        }
        return points;
    }

    void poolingLendsTheSharedValueToUnseenClasses()
    {
        // A strong prior: unpooled, the classes stay between the data (2) and the prior (1); pooled, the shared
        // value carries the data's 2 and pulls towards the prior only once, so an unseen class gets nearly 2, not 1.
        const std::vector<TrainingPoint> points = pooledPoints();
        auto unpooled = fitLatencyModel(points, { .ridge = 1e-3, .pooling = 0 });
        auto pooled = fitLatencyModel(points, { .ridge = 1e-3, .pooling = 10 });
        QVERIFY(unpooled && pooled);
        QCOMPARE(unpooled->coefficient("softmax:compute"), 1.0); // the prior
        QVERIFY(!unpooled->coefficients.count("*:compute"));
        QVERIFY2(near(pooled->coefficient("*:compute"), 2.0, 0.02), text(pooled->coefficient("*:compute")).c_str());
        QVERIFY(near(pooled->coefficient("softmax:compute"), pooled->coefficient("*:compute"), 1e-12));
        QVERIFY(near(pooled->coefficient("softmax:memory"), 1.0, 0.02));
        for (const char* key : { "matrix:compute", "elementwise:compute", "conv-standard:compute", "pooling:compute" })
            QVERIFY2(near(pooled->coefficient(key), 2.0, 0.02), key);
        QCOMPARE(pooled->pooling, 10.0);
        QCOMPARE(unpooled->pooling, 0.0);
    }

    void poolingKeepsClassesThatDiffer()
    {
        // Weak pooling lets a class the data show clearly keep its own value: matrix at 3, the rest at 1.
        std::vector<TrainingPoint> points = pooledPoints();
        for (TrainingPoint& p : points) {
            p.measuredSeconds = 0;
            for (const SubgraphFeatures& k : p.features.subgraphs)
                p.measuredSeconds += (k.opClass == "matrix" ? 3.0 : 1.0) * k.terms.at(k.opClass + ":compute")
                    + k.terms.at(k.opClass + ":memory");
        }
        auto model = fitLatencyModel(points, { .ridge = 1e-9, .pooling = 1e-9 });
        QVERIFY(model);
        QVERIFY2(near(model->coefficient("matrix:compute"), 3.0, 1e-3), text(model->coefficient("matrix:compute")).c_str());
        QVERIFY2(near(model->coefficient("pooling:compute"), 1.0, 1e-3), text(model->coefficient("pooling:compute")).c_str());
    }

    void automaticPoolingOnlyWithoutOperatorRows()
    {
        // With operator rows (syntheticPoints: 12 ungrouped) the automatic choice never pools.
        auto withOperators = fitLatencyModel(syntheticPoints(), { .ridge = 1e-3 });
        QVERIFY(withOperators);
        QCOMPARE(withOperators->pooling, 0.0);
        QVERIFY(!withOperators->coefficients.count("*:compute"));
        // Models only, every class at 2× where the prior says 1: leaving a model out, the pooled fit predicts it
        // better, so the automatic choice pools (at the ridge's strength).
        auto modelsOnly = fitLatencyModel(pooledPoints(), { .ridge = 0.05 });
        QVERIFY(modelsOnly);
        QCOMPARE(modelsOnly->pooling, 0.05);
    }

    void crossValidationOfExactData()
    {
        const auto points = syntheticPoints();
        auto held = crossValidate(points, { .ridge = 1e-12, .balanceModels = false });
        QVERIFY(held);
        QCOMPARE(held->size(), size_t(12)); // only grouped points are predicted out of sample
        std::set<size_t> seen;
        for (const HeldOutPrediction& h : *held) {
            QVERIFY(!points[h.point].group.empty());
            QVERIFY(seen.insert(h.point).second);
            QVERIFY2(std::abs(h.relativeError) < 1e-6, text(h.relativeError).c_str()); // exact data
            QCOMPARE(h.boundPct, 3.0); // no inner error reaches the floor
        }
    }

    void crossValidationLeavesEachGroupOut()
    {
        // Measurements off the law by up to ±5 %, so that fits and bounds depend on what they see.
        auto points = syntheticPoints();
        for (size_t i = 0; i < points.size(); ++i)
            points[i].measuredSeconds *= 1 + 0.05 * std::sin(12.9898 * static_cast<double>(i + 1));
        const FitOptions options { .ridge = 1e-12, .balanceModels = false };
        auto before = crossValidate(points, options);
        QVERIFY(before);
        QCOMPARE(before->size(), size_t(12));

        // model0's bound, independently: fits without model0 and one other group h, judged on h's summed time.
        std::vector<double> inner;
        for (const char* h : { "model1", "model2", "model3" }) {
            std::vector<TrainingPoint> kept;
            for (const TrainingPoint& p : points)
                if (p.group != "model0" && p.group != h)
                    kept.push_back(p);
            auto fit = fitLatencyModel(kept, options);
            QVERIFY(fit);
            double predicted = 0, measured = 0;
            for (const TrainingPoint& p : points)
                if (p.group == h) {
                    predicted += fit->predictSeconds(p.features);
                    measured += p.measuredSeconds;
                }
            inner.push_back(std::abs(predicted / measured - 1));
        }
        const double model0Bound = conformalBoundPct(inner, options.coverage);
        for (const HeldOutPrediction& h : *before) {
            QVERIFY(h.boundPct >= 3.0);
            if (points[h.point].group == "model0")
                QCOMPARE(h.boundPct, model0Bound);
            QVERIFY(near(h.relativeError, h.predictedSeconds / points[h.point].measuredSeconds - 1, 1e-12));
        }

        // Point 13 (model0) measured three times slower: its own prediction, its group's and their bound must not
        // move, as no fit behind them sees it; every other group's fit does see it.
        const size_t changed = 13;
        points[changed].measuredSeconds *= 3;
        auto after = crossValidate(points, options);
        QVERIFY(after);
        QCOMPARE(after->size(), before->size());
        bool othersMoved = false;
        for (size_t i = 0; i < after->size(); ++i) {
            const HeldOutPrediction& a = (*after)[i];
            const HeldOutPrediction& b = (*before)[i];
            QCOMPARE(a.point, b.point);
            if (points[a.point].group == points[changed].group) {
                QVERIFY2(near(a.predictedSeconds, b.predictedSeconds, 1e-9), points[a.point].name.c_str());
                QCOMPARE(a.boundPct, b.boundPct);
            } else {
                othersMoved = othersMoved || !near(a.predictedSeconds, b.predictedSeconds, 1e-3);
                // Their nested fits leave model0 out in turn and miss its outlier by far.
                QVERIFY2(a.boundPct > 20.0, text(a.boundPct).c_str());
            }
        }
        QVERIFY(othersMoved);
    }

    void groupErrorsJudgeSummedTimes()
    {
        // model3's two points are the same kernel, measured 2× and 0.5× what the law says. The fit without model3
        // recovers the law exactly, so the group is predicted at 2t for 2.5t measured: −20 %. (The mean of the
        // points' own errors would be (−50 % + 100 %)/2 = +25 %.)
        auto points = syntheticPoints();
        points.resize(21);
        const TrainingPoint base = points[20];
        points[20] = { "a", "model3", base.features, 2 * base.measuredSeconds };
        points.push_back({ "b", "model3", base.features, 0.5 * base.measuredSeconds });
        auto errors = groupErrors(points, { .ridge = 1e-12, .balanceModels = false });
        QVERIFY(errors);
        QCOMPARE(errors->size(), size_t(4));
        QVERIFY2(std::abs(errors->at("model3") + 0.2) < 1e-6, text(errors->at("model3")).c_str());
        // The fits of the other groups see model3's inconsistent points, so they are no longer exact.
        QVERIFY(std::abs(errors->at("model0")) > 1e-6);
    }

    void conformalBound_data()
    {
        QTest::addColumn<QList<double>>("errors");
        QTest::addColumn<double>("coverage");
        QTest::addColumn<double>("expected");
        const QList<double> tenths { 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10 };
        QTest::newRow("n=10, 90%: rank ⌈9.9⌉ = 10") << tenths << 0.9 << 10.0;
        QTest::newRow("n=10, 50%: rank ⌈5.5⌉ = 6") << tenths << 0.5 << 6.0;
        QTest::newRow("n=10, 100%: rank 11 clamped to 10") << tenths << 1.0 << 10.0;
        QTest::newRow("unsorted, 50%: rank ⌈2.5⌉ = 3") << QList<double> { 0.05, 0.01, 0.2, 0.03 } << 0.5 << 5.0;
        QTest::newRow("coverage 0: the smallest") << QList<double> { 0.08, 0.04 } << 0.0 << 4.0;
        QTest::newRow("floor of 3%") << QList<double> { 0.001, 0.002 } << 0.9 << 3.0;
        QTest::newRow("none") << QList<double> {} << 0.9 << 0.0;
    }

    void conformalBound()
    {
        QFETCH(QList<double>, errors);
        QFETCH(double, coverage);
        QFETCH(double, expected);
        QCOMPARE(conformalBoundPct({ errors.begin(), errors.end() }, coverage), expected);
    }

    void covers_data()
    {
        QTest::addColumn<QString>("cls");
        QTest::addColumn<double>("flops");
        QTest::addColumn<double>("bytes");
        QTest::addColumn<bool>("covered");
        // Seen: matrix kernels of 1e6–1e8 FLOPs and 1e4–1e6 bytes; a factor of 4 either way still counts.
        QTest::newRow("inside") << u"matrix"_qs << 1e7 << 1e5 << true;
        QTest::newRow("a quarter of the smallest") << u"matrix"_qs << 2.5e5 << 2.5e3 << true;
        QTest::newRow("four times the largest") << u"matrix"_qs << 4e8 << 4e6 << true;
        QTest::newRow("too few FLOPs") << u"matrix"_qs << 2.4e5 << 1e5 << false;
        QTest::newRow("too many FLOPs") << u"matrix"_qs << 4.1e8 << 1e5 << false;
        QTest::newRow("too many bytes") << u"matrix"_qs << 1e7 << 4.1e6 << false;
        QTest::newRow("too few bytes") << u"matrix"_qs << 1e7 << 2.4e3 << false;
        QTest::newRow("unseen class") << u"softmax"_qs << 1e7 << 1e5 << false;
    }

    void covers()
    {
        QFETCH(QString, cls);
        QFETCH(double, flops);
        QFETCH(double, bytes);
        QFETCH(bool, covered);
        LatencyModel model;
        model.covered["matrix"] = { 1e6, 1e8, 1e4, 1e6, 10 };
        SubgraphFeatures k;
        k.opClass = cls.toStdString();
        k.flops = flops;
        k.bytes = bytes;
        QCOMPARE(model.covers(k), covered);
    }

    void degenerateData_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("measured");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("none") << 0 << 1.0 << u"not enough data: 0 measurement(s)"_qs;
        QTest::newRow("one") << 1 << 1.0 << u"not enough data: 1 measurement(s)"_qs;
        QTest::newRow("zero time") << 3 << 0.0 << u"measured time of 'p' is not positive"_qs;
        QTest::newRow("negative time") << 3 << -1e-3 << u"is not positive"_qs;
        QTest::newRow("nan time") << 3 << std::nan("") << u"is not positive"_qs;
        QTest::newRow("infinite time") << 3 << HUGE_VAL << u"is not positive"_qs;
    }

    void degenerateData()
    {
        QFETCH(int, count);
        QFETCH(double, measured);
        QFETCH(QString, fragment);
        LatencyFeatures f;
        f.subgraphs = { kernel("matrix", 1e-3, 1e-4) };
        std::vector<TrainingPoint> points;
        for (int i = 0; i < count; ++i)
            points.push_back({ "p", "", f, measured });
        auto model = fitLatencyModel(points);
        QVERIFY(!model);
        QCOMPARE(model.error().code, ErrorCode::InvalidData);
        QVERIFY2(QString::fromStdString(model.error().message).contains(fragment), model.error().message.c_str());
        // Cross-validation reports the same instead of predicting anything.
        points.push_back({ "q", "g", f, measured });
        QVERIFY(!crossValidate(points));
    }

    /// Measurements made by a kernel running at half the roof's time per FLOP (compute coefficient 0.5, 1 ms per
    /// kernel): without a floor the fit recovers 0.5; with the floor of the specification's peaks the compute
    /// coefficient is held at 1 and the per-kernel cost refitted on what is left, r_i = t_i − c_i, weighed as the fit
    /// weighs (relative residuals): k = Σ r_i / t_i² / Σ 1 / t_i² (clamped at 0 by the non-negative fit).
    /// c = 1, 2, 3, 4 ms; t = 1.5, 2, 2.5, 3 ms; r = 0.5, 0, −0.5, −1 ms:
    /// k = (0.5/2.25 − 0.5/6.25 − 1/9) / (1/2.25 + 1/4 + 1/6.25 + 1/9) ms = 0.0311 / 0.9656 ms = 32.2 µs.
    void computeFloorHoldsCoefficientsAtThePeak()
    {
        std::vector<TrainingPoint> points;
        for (double c : { 1e-3, 2e-3, 3e-3, 4e-3 }) {
            LatencyFeatures f;
            SubgraphFeatures k;
            k.opClass = "matrix";
            k.terms["matrix:compute"] = c;
            k.terms["matrix:kernels"] = 1;
            f.subgraphs.push_back(k);
            points.push_back({ "p", "", f, 0.5 * c + 1e-3 });
        }
        FitOptions free;
        free.ridge = 1e-9;
        free.pooling = 0;
        auto unbounded = fitLatencyModel(points, free);
        QVERIFY(unbounded);
        QVERIFY2(std::abs(unbounded->coefficient("matrix:compute") - 0.5) < 1e-3,
            std::to_string(unbounded->coefficient("matrix:compute")).c_str());
        FitOptions floored = free;
        floored.computeFloor = 1;
        auto bounded = fitLatencyModel(points, floored);
        QVERIFY(bounded);
        QCOMPARE(bounded->coefficient("matrix:compute"), 1.0);
        const double t[] = { 1.5, 2, 2.5, 3 };
        const double r[] = { 0.5, 0, -0.5, -1 };
        double num = 0;
        double den = 0;
        for (int i = 0; i < 4; ++i) {
            num += r[i] / (t[i] * t[i]);
            den += 1 / (t[i] * t[i]);
        }
        const double expected = num / den * 1e-3;
        QVERIFY2(std::abs(bounded->coefficient("matrix:kernels") / expected - 1) < 1e-3,
            (std::to_string(bounded->coefficient("matrix:kernels")) + " vs " + std::to_string(expected)).c_str());
        // A fit whose coefficients are above the floor is the same with or without it.
        std::vector<TrainingPoint> slow = points;
        for (TrainingPoint& p : slow)
            p.measuredSeconds = 2 * p.features.subgraphs[0].terms["matrix:compute"] + 1e-3;
        auto a = fitLatencyModel(slow, free);
        auto b = fitLatencyModel(slow, floored);
        QVERIFY(a && b);
        QCOMPARE(a->coefficient("matrix:compute"), b->coefficient("matrix:compute"));
        QCOMPARE(a->coefficient("matrix:kernels"), b->coefficient("matrix:kernels"));
    }

    /// With pooling, a class held at the floor leaves the shared value's sums; every class, and the shared value a
    /// class the fit never saw would take, ends at or above the floor. Class a runs at half the roof's time per FLOP,
    /// class b at twice it, each kernel with 1 ms of fixed cost.
    void computeFloorWithPooling()
    {
        std::vector<TrainingPoint> points;
        for (const char* cls : { "a", "b" }) {
            const double truth = std::string(cls) == "a" ? 0.5 : 2.0;
            for (double c : { 1e-3, 2e-3, 3e-3, 4e-3, 5e-3 }) {
                LatencyFeatures f;
                SubgraphFeatures k;
                k.opClass = cls;
                k.terms[std::string(cls) + ":compute"] = c;
                k.terms[std::string(cls) + ":kernels"] = 1;
                f.subgraphs.push_back(k);
                points.push_back({ "p", "", f, truth * c + 1e-3 });
            }
        }
        FitOptions free;
        free.ridge = 1e-6;
        free.pooling = 0.05;
        auto unbounded = fitLatencyModel(points, free);
        QVERIFY(unbounded);
        QVERIFY2(unbounded->coefficient("a:compute") < 0.9, std::to_string(unbounded->coefficient("a:compute")).c_str());
        FitOptions floored = free;
        floored.computeFloor = 1;
        auto bounded = fitLatencyModel(points, floored);
        QVERIFY(bounded);
        QCOMPARE(bounded->coefficient("a:compute"), 1.0);
        QVERIFY2(std::abs(bounded->coefficient("b:compute") / 2 - 1) < 0.05,
            std::to_string(bounded->coefficient("b:compute")).c_str());
        QVERIFY(bounded->coefficient("*:compute") >= 1);
        // A carried-over prior's fit has factors, not coefficients: no floor.
        FitOptions withPrior = floored;
        withPrior.prior = std::make_shared<const LatencyModel>(*unbounded);
        auto adapted = fitLatencyModel(points, withPrior);
        QVERIFY(adapted);
        QVERIFY2(adapted->coefficient("a:compute") < 0.9, std::to_string(adapted->coefficient("a:compute")).c_str());
    }

    void collinearDataGivesFiniteCoefficients()
    {
        // Every point the same: the columns cannot be told apart; the ridge keeps the system well posed.
        LatencyFeatures f;
        f.subgraphs = { kernel("matrix", 1e-3, 1e-4), kernel("matrix", 1e-3, 1e-4) };
        f.runTerms["run:io"] = 1e4;
        std::vector<TrainingPoint> points(5, { "p", "", f, 4e-3 });
        auto model = fitLatencyModel(points);
        QVERIFY(model);
        QCOMPARE(model->coefficients.size(), size_t(4));
        for (const auto& [k, v] : model->coefficients)
            QVERIFY2(std::isfinite(v) && v >= 0, k.c_str());
        QVERIFY2(near(model->predictSeconds(f), 4e-3, 0.1), text(model->predictSeconds(f)).c_str());
    }

    void fitQualityOfExactAndScaledModels()
    {
        const auto points = syntheticPoints();
        auto model = fitLatencyModel(points, { .ridge = 1e-12, .balanceModels = false });
        QVERIFY(model);
        const FitQuality exact = fitQuality(*model, points);
        QCOMPARE(exact.points, points.size());
        QVERIFY2(std::abs(exact.r2Log - 1) < 1e-9, text(exact.r2Log).c_str());
        QVERIFY(exact.rmsRelativeResidual < 1e-6);
        QVERIFY(exact.worstRelativeResidual < 1e-6);

        // Every coefficient doubled: every prediction is 2× its measurement, a relative residual of exactly 1, and
        // R² = 1 − n·ln²2 / Σ(ln t − mean)².
        LatencyModel doubled;
        for (const auto& [key, value] : kTruth)
            doubled.coefficients[key] = 2 * value;
        const FitQuality q = fitQuality(doubled, points);
        QVERIFY(near(q.rmsRelativeResidual, 1.0, 1e-9));
        QVERIFY(near(q.worstRelativeResidual, 1.0, 1e-9));
        double mean = 0;
        for (const TrainingPoint& p : points)
            mean += std::log(p.measuredSeconds) / static_cast<double>(points.size());
        double total = 0;
        for (const TrainingPoint& p : points)
            total += std::pow(std::log(p.measuredSeconds) - mean, 2);
        const double expected = 1 - static_cast<double>(points.size()) * std::pow(std::log(2.0), 2) / total;
        QVERIFY2(near(q.r2Log, expected, 1e-9), text(q.r2Log).c_str());
        QCOMPARE(fitQuality(doubled, {}).points, size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestLatencyModel)
#include "tst_latency_model.moc"
