// Accuracy regression: the calibration measurements committed in tests/data/calibration (this project's reference
// machine, both runtimes) are fitted again and every shared model is estimated by a fit that did not see it. The
// leave-one-model-out accuracy must stay within the accepted baseline (tests/data/calibration/baseline.yaml), so a
// change to the estimator, the features or the fit that makes estimates worse fails here. Skips without ../shared
// (the workload rows name its model files).

#include "calibration/calibration_profile.h"
#include "hardware/local_hardware.h"
#include "reporting/calibration_report.h"
#include "transform/fusion_rules.h"
#include "validation/accuracy.h"
#include "validation/accuracy_baseline.h"

#include <QtTest>

#include <filesystem>

using namespace graphs;

namespace {

const std::string kData = std::string(GRAPHS_SOURCE_DIR) + "/tests/data/calibration";

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
        const std::string models = std::string(GRAPHS_SHARED_DIR) + "/models";
        if (!std::filesystem::is_directory(models))
            QSKIP("the shared models (../shared/models) are absent");
        auto cpu = readCpuInfo();
        QVERIFY(cpu);
        auto spec = std::make_shared<const HardwareSpec>(localHardwareSpec(*cpu));
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
