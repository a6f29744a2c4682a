// Carrying a calibration to another device of its family (INTERPOLATED): the family rule, the scaling of each kind
// of term by the specifications, and recovery of a synthetic device's behaviour from its sibling's fit.

#include "calibration/calibrated_estimate.h"
#include "calibration/calibration_profile.h"
#include "calibration/calibration_transfer.h"
#include "calibration/latency_model.h"
#include "calibration/roofline_fit.h"
#include "hardware/hardware_registry.h"

#include <QtTest>

#include <cmath>

using namespace graphs;

namespace {

/// A synthetic device's true kernel time: its achieved roofs give compute and memory seconds, each kernel a fixed
/// cost proportional to the device's launch overhead (kernelsPerLaunchUs seconds per µs of launch overhead).
struct Truth
{
    double computeScale = 0.6;
    double memoryScale = 1.5;
    double kernelsPerLaunchUs = 4e-6;

    double seconds(const SubgraphFeatures& f, const HardwareSpec& spec) const
    {
        return computeScale * f.terms.at(f.opClass + ":compute") + memoryScale * f.terms.at(f.opClass + ":memory")
            + kernelsPerLaunchUs * spec.launchOverheadUs;
    }
};

/// Kernels of two classes over three decades of FLOPs and bytes, in six "models" (groups).
std::vector<TrainingPoint> points(const RooflineFit& roofs, const HardwareSpec& spec, const Truth& truth)
{
    std::vector<TrainingPoint> out;
    int n = 0;
    for (int model = 0; model < 6; ++model) {
        for (int k = 0; k < 12; ++k, ++n) {
            const std::string cls = k % 3 == 0 ? "elementwise" : "matrix";
            const double flops = std::pow(10.0, 6 + (n * 7 % 40) / 10.0);
            const double bytes = std::pow(10.0, 4.5 + (n * 11 % 45) / 10.0);
            TrainingPoint p;
            p.name = "m" + std::to_string(model) + "/k" + std::to_string(k);
            p.group = "m" + std::to_string(model);
            SubgraphFeatures f = kernelFeatures(cls, cls == "elementwise" ? flops / 100 : flops, bytes, roofs);
            p.measuredSeconds = truth.seconds(f, spec);
            p.features.subgraphs.push_back(f);
            out.push_back(std::move(p));
        }
    }
    return out;
}

} // namespace

class TestCalibrationTransfer : public QObject
{
    Q_OBJECT

    std::shared_ptr<const HardwareRegistry> m_registry;

    std::shared_ptr<const HardwareSpec> entry(const char* id)
    {
        auto spec = m_registry->find(id);
        if (!spec)
            qFatal("the bundled registry lacks %s", id);
        return spec;
    }

    /// A source calibration on `spec` whose compute roof was measured at 80% of the specification.
    Calibration sourceCalibration(const HardwareSpec& spec, const Truth& truth)
    {
        Calibration c;
        c.profile.hardware = spec.id;
        c.profile.runtime = "pytorch";
        c.profile.precision = Precision::FP16;
        c.roofs = specRoofline(spec, Precision::FP16);
        c.roofs.matrixPeak *= 0.8;
        c.roofs.measuredCompute = true;
        c.points = points(c.roofs, spec, truth);
        c.profile.fit.ridge = 1e-6; // noise-free data: recover the true coefficients rather than lean on the prior
        auto model = fitLatencyModel(c.points, c.profile.fit);
        if (!model)
            qFatal("%s", model.error().message.c_str());
        c.model = *model;
        c.groupErrors = { { "m0", 0.05 } };
        c.errorBoundPct = 12;
        c.energy = EnergyFit {};
        return c;
    }

private slots:
    void initTestCase()
    {
        auto loaded = HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
        QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
        m_registry = std::make_shared<const HardwareRegistry>(std::move(*loaded));
    }

    void families_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("Orin AGX and Orin Nano (GA10B)") << u"nvidia-jetson-agx-orin-64gb-gpu"_qs
                                                        << u"nvidia-jetson-orin-nano-8gb-gpu"_qs << true;
        QTest::newRow("Orin NX and Orin Nano") << u"nvidia-jetson-orin-nx-16gb-gpu"_qs
                                               << u"nvidia-jetson-orin-nano-4gb-gpu"_qs << true;
        QTest::newRow("Orin (Ampere module) and A100 (Ampere board)") << u"nvidia-jetson-agx-orin-64gb-gpu"_qs
                                                                      << u"nvidia-a100-sxm4-80gb"_qs << false;
        QTest::newRow("Orin and Xavier (Volta)") << u"nvidia-jetson-agx-orin-64gb-gpu"_qs
                                                 << u"nvidia-jetson-agx-xavier-gpu"_qs << false;
        QTest::newRow("two x86 CPUs of two vendors") << u"intel-core-i7-12700k"_qs << u"amd-epyc-9654"_qs << true;
        QTest::newRow("x86 and Arm CPUs") << u"intel-core-i7-12700k"_qs << u"ampere-altra-q80-30"_qs << false;
        QTest::newRow("Orin's CPU and its GPU") << u"nvidia-jetson-agx-orin-64gb-cpu"_qs
                                                << u"nvidia-jetson-agx-orin-64gb-gpu"_qs << false;
    }

    void families()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QCOMPARE(hardwareFamily(*entry(a.toUtf8().constData())) == hardwareFamily(*entry(b.toUtf8().constData())),
            same);
    }

    void localFamilyFollowsTheInstructionSet()
    {
        HardwareSpec x86 = *entry("intel-core-i7-12700k");
        x86.id = "local";
        x86.architecture = "x86_64"; // as local_hardware writes it
        QCOMPARE(hardwareFamily(x86), hardwareFamily(*entry("amd-epyc-9654")));
        x86.architecture = "aarch64";
        QCOMPARE(hardwareFamily(x86), hardwareFamily(*entry("ampere-altra-q80-30")));
    }

    void termsScaleBySpecifications()
    {
        const auto source = entry("nvidia-jetson-agx-orin-64gb-gpu");
        auto targetSpec = std::make_shared<HardwareSpec>(*entry("nvidia-jetson-orin-nano-8gb-gpu"));
        targetSpec->launchOverheadUs = 2 * source->launchOverheadUs;
        const std::shared_ptr<const HardwareSpec> target = targetSpec;

        Calibration c = sourceCalibration(*source, Truth {});
        c.model.coefficients = { { "matrix:compute", 0.7 }, { "matrix:memory", 1.3 }, { "matrix:kernels", 1e-5 },
            { "matrix:outputs", 2e-9 }, { "run:io", 3e-10 } };
        auto carried = transferCalibration(c, *source, target);
        QVERIFY2(carried, carried ? "" : carried.error().message.c_str());

        // Roofs: the target's specification × what the source achieved against its own.
        const RooflineFit specS = specRoofline(*source, Precision::FP16);
        const RooflineFit specT = specRoofline(*target, Precision::FP16);
        QVERIFY(std::abs(carried->roofs.matrixPeak / (0.8 * specT.matrixPeak) - 1) < 1e-12);
        QVERIFY(std::abs(carried->roofs.vectorPeak / specT.vectorPeak - 1) < 1e-12);
        QCOMPARE(carried->roofs.bandwidth.size(), specT.bandwidth.size());
        for (size_t i = 0; i < specT.bandwidth.size(); ++i)
            QVERIFY(std::abs(carried->roofs.bandwidth[i].bytesPerSecond / specT.bandwidth[i].bytesPerSecond - 1)
                < 1e-9);

        // The carried curve is the target's levels: a working set just over one level's capacity streams at the next
        // level's carried bandwidth (a step), even from a source whose own curve was a measured sweep.
        Calibration measured = c;
        measured.roofs.measuredBandwidth = true;
        measured.roofs.bandwidthByLevel = false;
        auto fromSweep = transferCalibration(measured, *source, target);
        QVERIFY2(fromSweep, fromSweep ? "" : fromSweep.error().message.c_str());
        QVERIFY(fromSweep->roofs.bandwidthByLevel);
        const auto& curve = fromSweep->roofs.bandwidth;
        QVERIFY(curve.size() >= 2);
        for (size_t i = 1; i < curve.size(); ++i)
            QVERIFY(std::abs(fromSweep->roofs.bandwidthAt(1.01 * curve[i - 1].workingSetBytes)
                        / curve[i].bytesPerSecond - 1) < 1e-12);

        // Relative terms unchanged; absolute ones scaled.
        QCOMPARE(carried->model.coefficients.at("matrix:compute"), 0.7);
        QCOMPARE(carried->model.coefficients.at("matrix:memory"), 1.3);
        QVERIFY(std::abs(carried->model.coefficients.at("matrix:kernels") / 2e-5 - 1) < 1e-12);
        const double vectorRatio = specS.vectorPeak / specT.vectorPeak;
        QVERIFY(std::abs(carried->model.coefficients.at("matrix:outputs") / (2e-9 * vectorRatio) - 1) < 1e-12);
        const double ioRatio = source->offChipMemory().bandwidthBytesPerSecond
            / target->offChipMemory().bandwidthBytesPerSecond;
        QVERIFY(std::abs(carried->model.coefficients.at("run:io") / (3e-10 * ioRatio) - 1) < 1e-12);

        // Bound widened, energy not carried, the source named.
        QCOMPARE(carried->errorBoundPct, 12 * kTransferBoundFactor);
        QVERIFY(!carried->energy);
        QCOMPARE(QString::fromStdString(carried->transferredFrom), u"nvidia-jetson-agx-orin-64gb-gpu"_qs);
    }

    void recoversASiblingsBehaviour()
    {
        // Both devices follow the same efficiencies against their own roofs; the fit on one predicts the other's
        // kernels (which it never saw) from the specifications alone.
        const Truth truth;
        const auto source = entry("nvidia-jetson-agx-orin-64gb-gpu");
        auto targetSpec = std::make_shared<HardwareSpec>(*entry("nvidia-jetson-orin-nano-8gb-gpu"));
        targetSpec->launchOverheadUs = 3 * source->launchOverheadUs;
        const std::shared_ptr<const HardwareSpec> target = targetSpec;

        const Calibration c = sourceCalibration(*source, truth);
        auto carried = transferCalibration(c, *source, target);
        QVERIFY(carried);

        RooflineFit targetRoofs = specRoofline(*target, Precision::FP16);
        targetRoofs.matrixPeak *= 0.8; // the same 80% the source achieved
        const std::vector<TrainingPoint> unseen = points(targetRoofs, *target, truth);
        double worst = 0;
        for (const TrainingPoint& p : unseen) {
            // Features as an estimate on the target computes them: against the carried roofs.
            LatencyFeatures f;
            const SubgraphFeatures& k = p.features.subgraphs.front();
            f.subgraphs.push_back(kernelFeatures(k.opClass, k.flops, k.bytes, carried->roofs));
            worst = std::max(worst, std::abs(carried->model.predictSeconds(f) / p.measuredSeconds - 1));
        }
        QVERIFY2(worst < 0.03, qPrintable(u"worst relative error %1"_qs.arg(worst)));

        // Without the scaling of the per-kernel cost, the small kernels (fixed-cost dominated) would miss.
        Calibration unscaled = *carried;
        unscaled.model.coefficients["matrix:kernels"] = c.model.coefficient("matrix:kernels");
        unscaled.model.coefficients["elementwise:kernels"] = c.model.coefficient("elementwise:kernels");
        double worstUnscaled = 0;
        for (const TrainingPoint& p : unseen) {
            LatencyFeatures f;
            const SubgraphFeatures& k = p.features.subgraphs.front();
            f.subgraphs.push_back(kernelFeatures(k.opClass, k.flops, k.bytes, carried->roofs));
            worstUnscaled = std::max(worstUnscaled, std::abs(unscaled.model.predictSeconds(f) / p.measuredSeconds - 1));
        }
        QVERIFY(worstUnscaled > 0.3);
    }

    void refusesOtherFamiliesAndFitsWithoutModels()
    {
        const auto source = entry("nvidia-jetson-agx-orin-64gb-gpu");
        Calibration c = sourceCalibration(*source, Truth {});
        auto a100 = transferCalibration(c, *source, entry("nvidia-a100-sxm4-80gb"));
        QVERIFY(!a100);
        QVERIFY(QString::fromStdString(a100.error().message).contains(u"not of one family"_qs));

        c.groupErrors.clear(); // operators only: no whole-model bound
        auto noBound = transferCalibration(c, *source, entry("nvidia-jetson-orin-nano-8gb-gpu"));
        QVERIFY(!noBound);
        QVERIFY(QString::fromStdString(noBound.error().message).contains(u"no latency fit"_qs));
    }
};

QTEST_GUILESS_MAIN(TestCalibrationTransfer)
#include "tst_calibration_transfer.moc"
