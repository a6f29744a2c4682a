// Accuracy regression: the calibration measurements committed in tests/data/calibration (this project's reference
// machine, both runtimes) are fitted again, on the hardware description of the machine that measured them, and every
// shared model is estimated by a fit that did not see it. The
// leave-one-model-out accuracy must stay within the accepted baseline (tests/data/calibration/baseline.yaml), so a
// change to the estimator, the features or the fit that makes estimates worse fails here. Skips when ../shared is
// absent (the workload rows name its model files).

#include "calibration/calibration_profile.h"
#include "hardware/local_hardware.h"
#include "optional_dependencies.h"
#include "reporting/calibration_report.h"
#include "transform/fusion_rules.h"
#include "validation/accuracy.h"
#include "validation/accuracy_baseline.h"

#include <QtTest>

using namespace graphs;

namespace {

const std::string kData = std::string(GRAPHS_SOURCE_DIR) + "/tests/data/calibration";

/// The machine the committed measurements were taken on, as `local` described it there: the environment recorded in
/// native.json (2 cores, "Intel(R) Xeon(R) Processor", 2600 MHz) and what ../shared/reference/this-machine.md and
/// docs/validation/calibration.md record of it (AVX-512 with VNNI, BF16, FP16 and AMX; 23.5 GiB; the VM reports
/// 48 KiB L1d and 2 MiB L2 per core and a 503 MB L3). The test must not depend on the processor of the machine
/// that runs it: the traffic model reads the cache sizes.
CpuInfo referenceMachine()
{
    CpuInfo info;
    info.model = "Intel(R) Xeon(R) Processor";
    info.architecture = "x86_64";
    info.logicalCpus = 2;
    info.physicalCores = 2;
    info.maxMhz = 2599.998;
    info.flags = { "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16",
        "avx512_fp16", "amx_tile", "amx_bf16", "amx_int8" };
    info.caches = { { 1, "Data", 48 * 1024, 1 }, { 2, "Unified", 2 * 1024 * 1024, 1 },
        { 3, "Unified", 480LL * 1024 * 1024, 2 } };
    info.memoryBytes = static_cast<int64_t>(23.5 * 1024 * 1024 * 1024);
    return info;
}

} // namespace

class TestAccuracyRegression : public QObject
{
    Q_OBJECT

private slots:
    void leaveOneModelOutStaysWithinBaseline_data()
    {
        QTest::addColumn<QString>("runtime");
        QTest::newRow("native") << u"native"_qs;
        QTest::newRow("onnxruntime") << u"onnxruntime"_qs;
    }

    void leaveOneModelOutStaysWithinBaseline()
    {
        QFETCH(QString, runtime);
        GRAPHS_REQUIRE_SHARED(QStringLiteral("models"));
        const std::string models = graphs::testing::sharedPath(QStringLiteral("models")).toStdString();
        auto spec = std::make_shared<const HardwareSpec>(localHardwareSpec(referenceMachine()));
        auto fusion = findFusionRules({ std::string(GRAPHS_SOURCE_DIR) + "/registries" }, runtime.toStdString());
        QVERIFY2(fusion, fusion ? "" : fusion.error().message.c_str());

        CalibrationProfile profile;
        profile.hardware = "local";
        profile.runtime = runtime.toStdString();
        profile.measurements = { kData + "/" + profile.runtime + ".csv" };
        profile.modelDirs = { models };
        auto calibration = buildCalibration(profile, spec, *fusion, kData, CrossValidation::Nested);
        QVERIFY2(calibration, calibration ? "" : calibration.error().message.c_str());
        for (const Diagnostic& d : calibration->diagnostics)
            qWarning("skipped %s: %s", d.location.c_str(), d.message.c_str());
        QVERIFY(calibration->diagnostics.empty()); // every committed row is rebuilt

        std::vector<ValidationPoint> points;
        for (const HeldOutGroup& g : heldOutGroups(*calibration))
            points.push_back({ g.group, "", g.measuredSeconds, g.predictedSeconds, g.boundPct, "calibrated", false });
        QCOMPARE(points.size(), size_t(11)); // 11 models; squeezenet's two files are one
        auto summary = summarizeAccuracy(points);
        QVERIFY(summary);
        qInfo("%s: MAPE %.1f%%, worst %.1f%% (%s), bound coverage %.0f%%", qPrintable(runtime), summary->mapePct,
            summary->worstAbsPct, summary->worstLabel.c_str(), summary->boundCoverage.value_or(0) * 100);

        auto baseline = loadAccuracyBaseline(kData + "/baseline.yaml");
        QVERIFY2(baseline, baseline ? "" : baseline.error().message.c_str());
        const auto entry = baseline->suites.find("local/" + profile.runtime);
        QVERIFY(entry != baseline->suites.end());
        const auto regressions = checkAgainstBaseline(*summary, entry->second, 0.5);
        for (const AccuracyRegression& r : regressions)
            qWarning("%s", r.text.c_str());
        QVERIFY(regressions.empty());
    }
};

QTEST_GUILESS_MAIN(TestAccuracyRegression)
#include "tst_accuracy_regression.moc"
