// Few-shot adaptation (graphs calibrate --prior-from): a fit pulled towards a carried-over calibration instead of the
// roofline. A synthetic device whose true coefficients are the prior's scaled by known factors: with no model the fit
// is the prior, with three it recovers the device's coefficients, and the leave-one-model-out curve falls with each
// model; terms the device's models do not show keep the prior's values; the profile names its prior; errors.

#include "calibration/calibration_profile.h"
#include "calibration/few_shot.h"
#include "calibration/latency_model.h"
#include "calibration/roofline_fit.h"
#include "hardware/hardware_registry.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace graphs;

namespace {

/// What the carried-over calibration says of the device: per-class roofline efficiencies and fixed costs.
const std::map<std::string, double> kPrior = {
    { "matrix:compute", 0.8 }, { "matrix:memory", 1.2 }, { "matrix:kernels", 5e-6 },
    { "elementwise:compute", 1.0 }, { "elementwise:memory", 1.4 }, { "elementwise:kernels", 3e-6 },
    { "conv-standard:compute", 0.9 }, { "conv-standard:memory", 1.1 }, { "conv-standard:kernels", 8e-6 },
};

/// The device's truth: the prior's coefficients, each term scaled by a known factor (compute 1.5, memory 1.3, fixed
/// cost 2). Every term is slower than the prior says, so the prior alone underestimates every kernel by 23–50%. No
/// convolution is ever measured on it.
double truthOf(const std::string& key)
{
    const double factor = key.ends_with(":compute") ? 1.5 : key.ends_with(":memory") ? 1.3 : 2.0;
    return kPrior.at(key) * factor;
}

/// Five "models", each with kernels of two classes in four regimes (compute-bound, memory-bound, fixed-cost-bound and
/// mixed) at three sizes that differ from model to model, so that any model shows every term. `noise` multiplies each
/// kernel's time by 1 ± noise in a fixed pattern.
std::vector<TrainingPoint> devicePoints(const RooflineFit& roofs, double noise = 0)
{
    // FLOPs and bytes of each regime at size 1.
    const std::pair<double, double> regimes[] = { { 1e9, 1e5 }, { 1e5, 1e8 }, { 1e3, 1e3 }, { 1e8, 1e7 } };
    std::vector<TrainingPoint> out;
    int n = 0;
    for (int model = 0; model < 5; ++model) {
        for (int k = 0; k < 24; ++k, ++n) {
            const std::string cls = k % 2 == 0 ? "elementwise" : "matrix";
            const auto [baseFlops, baseBytes] = regimes[(k / 2) % 4];
            const double size = std::pow(10.0, 0.5 * (k / 8) + 0.1 * model);
            TrainingPoint p;
            p.name = "m" + std::to_string(model) + "/k" + std::to_string(k);
            p.group = "m" + std::to_string(model);
            const SubgraphFeatures f = kernelFeatures(cls, baseFlops * size, baseBytes * size, roofs);
            double seconds = 0;
            for (const auto& [key, value] : f.terms)
                seconds += truthOf(key) * value;
            p.measuredSeconds = seconds * (1 + noise * ((n * 37 % 11) / 5.0 - 1)); // within ±noise
            p.features.subgraphs.push_back(f);
            out.push_back(std::move(p));
        }
    }
    return out;
}

std::shared_ptr<const LatencyModel> priorModel()
{
    auto prior = std::make_shared<LatencyModel>();
    prior->coefficients = kPrior;
    return prior;
}

std::vector<TrainingPoint> modelsOnly(const std::vector<TrainingPoint>& points, std::initializer_list<const char*> keep)
{
    std::vector<TrainingPoint> out;
    for (const TrainingPoint& p : points)
        for (const char* g : keep)
            if (p.group == g)
                out.push_back(p);
    return out;
}

double relative(double value, double truth)
{
    return std::abs(value / truth - 1);
}

} // namespace

class TestFewShot : public QObject
{
    Q_OBJECT

    RooflineFit m_roofs;

private slots:
    void initTestCase()
    {
        auto loaded = HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
        QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
        const auto spec = loaded->find("intel-core-i7-12700k");
        QVERIFY(spec);
        m_roofs = specRoofline(*spec, Precision::FP32);
    }

    void noDataIsThePrior()
    {
        FitOptions options;
        options.prior = priorModel();
        auto model = fitLatencyModel({}, options);
        QVERIFY2(model, model ? "" : model.error().message.c_str());
        for (const auto& [key, value] : kPrior)
            QCOMPARE(model->coefficient(key), value);
        // Without a prior, no data is an error as before.
        QVERIFY(!fitLatencyModel({}, FitOptions {}));
    }

    void threeModelsRecoverTheDevice()
    {
        const std::vector<TrainingPoint> all = devicePoints(m_roofs);
        const std::vector<TrainingPoint> three = modelsOnly(all, { "m0", "m1", "m2" });
        FitOptions options;
        options.prior = priorModel();
        auto model = fitLatencyModel(three, options);
        QVERIFY2(model, model ? "" : model.error().message.c_str());

        // Every measured term within 5% of the device's truth (the ridge, 0.05 of the data's weight, still pulls a
        // little towards the prior); the prior itself is 23–50% off on each.
        for (const char* key : { "matrix:compute", "matrix:memory", "matrix:kernels", "elementwise:compute",
                 "elementwise:memory", "elementwise:kernels" }) {
            const double fitted = model->coefficient(key);
            QVERIFY2(relative(fitted, truthOf(key)) < 0.05,
                qPrintable(u"%1: %2 against a truth of %3"_qs.arg(QString::fromUtf8(key)).arg(fitted).arg(truthOf(key))));
            QVERIFY(relative(kPrior.at(key), truthOf(key)) >= 0.23);
        }
        // Convolutions were never measured: they keep the carried-over values times what the measured classes say of
        // each term on this device (the prior's proportions between classes carry over), not the roofline's 1 and 0.
        for (const char* key : { "conv-standard:compute", "conv-standard:memory", "conv-standard:kernels" }) {
            const double fitted = model->coefficient(key);
            QVERIFY2(relative(fitted, truthOf(key)) < 0.05,
                qPrintable(u"%1: %2 against a truth of %3"_qs.arg(QString::fromUtf8(key)).arg(fitted).arg(truthOf(key))));
        }

        // The models it did not see: within 3%, where the transfer alone misses every one by more than 20%.
        for (const char* left : { "m3", "m4" }) {
            double predicted = 0, transferred = 0, measured = 0;
            for (const TrainingPoint& p : modelsOnly(all, { left })) {
                predicted += model->predictSeconds(p.features);
                transferred += options.prior->predictSeconds(p.features);
                measured += p.measuredSeconds;
            }
            QVERIFY2(relative(predicted, measured) < 0.03, qPrintable(u"%1: %2"_qs.arg(QString::fromUtf8(left))
                                                                 .arg(relative(predicted, measured))));
            QVERIFY(relative(transferred, measured) > 0.2);
        }
    }

    void wholeModelsScaleThePrior()
    {
        // Each model measured as one time (its kernels summed), as a runner measures a whole model: three models
        // cannot pin six coefficients, but they pin one factor per term. The fit keeps the prior's proportions
        // between classes and estimates the other two models within 5% (three points for three factors: the ridge
        // still pulls each a little towards 1), where the prior alone misses them by more than 20%.
        std::vector<TrainingPoint> whole;
        for (const TrainingPoint& p : devicePoints(m_roofs)) {
            if (whole.empty() || whole.back().group != p.group) {
                TrainingPoint model;
                model.name = model.group = p.group;
                whole.push_back(model);
            }
            whole.back().features.subgraphs.push_back(p.features.subgraphs.front());
            whole.back().measuredSeconds += p.measuredSeconds;
        }
        QCOMPARE(whole.size(), size_t(5));
        FitOptions options;
        options.prior = priorModel();
        auto model = fitLatencyModel(modelsOnly(whole, { "m0", "m1", "m2" }), options);
        QVERIFY2(model, model ? "" : model.error().message.c_str());
        for (const char* term : { ":compute", ":memory", ":kernels" }) {
            const std::string m = std::string("matrix") + term;
            const std::string e = std::string("elementwise") + term;
            QVERIFY(relative(model->coefficient(m) / model->coefficient(e), kPrior.at(m) / kPrior.at(e)) < 1e-9);
        }
        for (const char* left : { "m3", "m4" }) {
            const TrainingPoint p = modelsOnly(whole, { left }).front();
            const double error = relative(model->predictSeconds(p.features), p.measuredSeconds);
            QVERIFY2(error < 0.05, qPrintable(u"%1: %2"_qs.arg(QString::fromUtf8(left)).arg(error)));
            QVERIFY(relative(options.prior->predictSeconds(p.features), p.measuredSeconds) > 0.2);
        }
    }

    void curveFallsWithEachModel_data()
    {
        QTest::addColumn<double>("noise");
        QTest::newRow("exact") << 0.0;
        QTest::newRow("±5% per kernel") << 0.05;
    }

    void curveFallsWithEachModel()
    {
        QFETCH(double, noise);
        FitOptions options;
        options.prior = priorModel();
        auto curve = fewShotCurve(devicePoints(m_roofs, noise), options, 40);
        QVERIFY2(curve, curve ? "" : curve.error().message.c_str());
        QCOMPARE(curve->steps.size(), size_t(4)); // k = 0, 1, 2, 3 of five models
        QCOMPARE(curve->models.size(), size_t(5));
        // Cases: each of 5 models left out, with every k-set of the other 4: 5·C(4,k).
        const size_t cases[] = { 5, 20, 30, 20 };
        for (size_t k = 0; k < 4; ++k) {
            QCOMPARE(curve->steps[k].models, k);
            QCOMPARE(curve->steps[k].cases, cases[k]);
        }
        // k = 0 is the prior: the stated bound is the one given, and the error that of the transfer (> 20%).
        QCOMPARE(curve->steps[0].meanBoundPct, 40.0);
        QVERIFY(curve->steps[0].mapePct > 20);
        // Non-increasing (within 0.01 percentage points: once one model pins every term, what remains is the ridge's
        // pull, which each further model weakens), and the bounds the fits state cover at least 80% of the cases.
        for (size_t k = 1; k < 4; ++k) {
            QVERIFY2(static_cast<double>(curve->steps[k].inside) >= 0.8 * static_cast<double>(curve->steps[k].cases),
                qPrintable(u"k=%1: %2 of %3"_qs.arg(k).arg(curve->steps[k].inside).arg(curve->steps[k].cases)));
            QVERIFY2(curve->steps[k].mapePct <= curve->steps[k - 1].mapePct + 0.01,
                qPrintable(u"k=%1: %2% after %3%"_qs.arg(k).arg(curve->steps[k].mapePct)
                               .arg(curve->steps[k - 1].mapePct)));
        }
        // Three models get within the noise (the per-model sums average the ±noise kernels).
        QVERIFY2(curve->steps[3].mapePct < 100 * noise + 2, qPrintable(QString::number(curve->steps[3].mapePct)));
        for (const FewShotModel& m : curve->models)
            QCOMPARE(m.errorPct.size(), size_t(4));
    }

    void curveStopsOneShortOfTheModels()
    {
        FitOptions options;
        options.prior = priorModel();
        const std::vector<TrainingPoint> two = modelsOnly(devicePoints(m_roofs), { "m0", "m1" });
        auto curve = fewShotCurve(two, options, 40);
        QVERIFY(curve);
        QCOMPARE(curve->steps.size(), size_t(2)); // k = 0 and 1: the other model is all there is
    }

    void curveErrors_data()
    {
        QTest::addColumn<bool>("withPrior");
        QTest::addColumn<bool>("grouped");
        QTest::addColumn<QString>("message");
        QTest::newRow("no prior") << false << true << u"needs a prior"_qs;
        QTest::newRow("no model") << true << false << u"no measured model"_qs;
    }

    void curveErrors()
    {
        QFETCH(bool, withPrior);
        QFETCH(bool, grouped);
        QFETCH(QString, message);
        std::vector<TrainingPoint> points = devicePoints(m_roofs);
        if (!grouped)
            for (TrainingPoint& p : points)
                p.group.clear();
        FitOptions options;
        if (withPrior)
            options.prior = priorModel();
        auto curve = fewShotCurve(points, options, 40);
        QVERIFY(!curve);
        QVERIFY2(QString::fromStdString(curve.error().message).contains(message), curve.error().message.c_str());
    }

    void adaptRefusesAPriorWithoutLatency()
    {
        FewShotRequest request;
        auto loaded = HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
        QVERIFY(loaded);
        request.hardware = loaded->find("intel-core-i7-12700k");
        request.prior.profile.hardware = "amd-epyc-9654"; // no groupErrors: no latency fit
        auto adapted = adaptCalibration(request);
        QVERIFY(!adapted);
        QVERIFY2(QString::fromStdString(adapted.error().message).contains(u"amd-epyc-9654 has no latency fit"_qs),
            adapted.error().message.c_str());
    }

    void carriedPriorNamesAnUnreadableFile()
    {
        auto loaded = HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
        QVERIFY(loaded);
        auto prior = carriedPrior("/nonexistent/fp32.yaml", loaded->find("intel-core-i7-12700k"), {}, {});
        QVERIFY(!prior);
        QCOMPARE(QString::fromStdString(prior.error().location), u"/nonexistent/fp32.yaml"_qs);
    }

    void profileNamesItsPrior()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CalibrationProfile p;
        p.hardware = "intel-core-i7-12700k";
        p.runtime = "pytorch";
        p.measurements = { "benchmarks/intel-core-i7-12700k/pytorch/imported.csv" };
        p.priorHardware = "local";
        p.priorProfile = "/reg/calibration/local/native/fp32.yaml";
        const std::string path = dir.filePath(u"fp32.yaml"_qs).toStdString();
        QVERIFY(saveCalibrationProfile(p, path));
        auto back = loadCalibrationProfile(path);
        QVERIFY2(back, back ? "" : back.error().message.c_str());
        QCOMPARE(QString::fromStdString(back->priorHardware), u"local"_qs);
        QCOMPARE(QString::fromStdString(back->priorProfile), u"/reg/calibration/local/native/fp32.yaml"_qs);

        // A profile without one loads without one.
        p.priorHardware.clear();
        p.priorProfile.clear();
        QVERIFY(saveCalibrationProfile(p, path));
        back = loadCalibrationProfile(path);
        QVERIFY(back);
        QVERIFY(back->priorProfile.empty());
    }
};

QTEST_GUILESS_MAIN(TestFewShot)
#include "tst_few_shot.moc"
