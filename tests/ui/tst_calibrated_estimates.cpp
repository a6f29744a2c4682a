// The desktop app uses calibration profiles as `graphs analyze` does: with a profile stored in the user registry
// for the chosen hardware × runtime × precision, the estimate runner's latencies are CALIBRATED and the hardware
// picker lists the entry as calibrated; without one they stay THEORETICAL.

#include "benchmarks/results_registry.h"
#include "calibration/calibration_profile.h"
#include "core/data_paths.h"
#include "estimation/analysis_pipeline.h"
#include "hardware/hardware_registry.h"
#include "jobs/estimate_runner.h"
#include "linear_measurements.h"
#include "models/hardware_list_model.h"
#include "transform/fusion_rules.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace graphs;
using namespace graphs::ui;

namespace {

const char* kHardware = "intel-core-i7-12700k";

} // namespace

class TestCalibratedEstimates : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    std::shared_ptr<const HardwareSpec> m_spec;
    std::shared_ptr<const GraphAnalysis> m_analysis;
    std::shared_ptr<const FusionRules> m_pytorch;

    std::shared_ptr<const EstimatedModel> estimate()
    {
        EstimateRunner runner;
        QSignalSpy done(&runner, &EstimateRunner::estimated);
        runner.setAnalysis(m_analysis);
        runner.setSettings({ m_spec, Precision::FP32, m_pytorch });
        if (!done.wait(20000) || !runner.current())
            return nullptr;
        return runner.current();
    }

private slots:
    void initTestCase()
    {
        qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
        auto registry = HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
        QVERIFY(registry);
        m_spec = registry->find(kHardware);
        QVERIFY(m_spec);
        auto rules = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "pytorch");
        QVERIFY(rules);
        m_pytorch = std::make_shared<const FusionRules>(*rules);
        AnalysisRequest request;
        request.modelPath = GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx";
        auto outcome = runAnalysis(request);
        QVERIFY(outcome);
        m_analysis = outcome->analysis;
    }

    void theoreticalWithoutProfile()
    {
        auto e = estimate();
        QVERIFY(e);
        QCOMPARE(e->estimate.summary.latency.confidence, Confidence::Theoretical);
        QVERIFY(e->calibration.isEmpty());
        HardwareListModel list;
        list.setEntries({ m_spec });
        const int row = list.rowOf(QString::fromLatin1(kHardware));
        QCOMPARE(list.index(row, HardwareListModel::Confidence).data().toString(), u"theoretical"_qs);
    }

    void calibratedWithProfile()
    {
        const std::string registry = userRegistryDir();
        QVERIFY(registry.starts_with(m_home.path().toStdString()));
        QVERIFY(graphs::testing::writeLinearSubgraphMeasurements(registry, kHardware));
        CalibrationProfile profile;
        profile.hardware = kHardware;
        profile.runtime = "pytorch";
        profile.measurements = { "benchmarks/" + std::string(kHardware) + "/pytorch/imported.csv" };
        const std::string path = calibrationProfilePath(registry, kHardware, "pytorch", Precision::FP32);
        QVERIFY(saveCalibrationProfile(profile, path));

        auto e = estimate();
        QVERIFY(e);
        QVERIFY2(e->estimate.summary.latency.confidence != Confidence::Theoretical, qPrintable(e->calibration));
        QCOMPARE(e->calibration, QString::fromStdString(path));
        // The latency is the profile's model, not the specification's.
        auto calibration = buildCalibration(profile, m_spec, *m_pytorch, registry);
        QVERIFY(calibration);
        QVERIFY(calibration->hasLatency());
        QVERIFY(e->estimate.summary.latency.errorBoundPct == calibration->errorBoundPct
            || e->estimate.summary.latency.errorBoundPct == 2 * calibration->errorBoundPct);

        HardwareListModel list;
        list.setEntries({ m_spec });
        const int row = list.rowOf(QString::fromLatin1(kHardware));
        QCOMPARE(list.index(row, HardwareListModel::Confidence).data().toString(), u"calibrated"_qs);
        QVERIFY(list.index(row, 0).data(Qt::ToolTipRole).toString().contains(u"pytorch/fp32"_qs));
    }

    void brokenProfileKeepsTheSpecification()
    {
        const std::string path = calibrationProfilePath(userRegistryDir(), kHardware, "pytorch", Precision::FP32);
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("hardware: [\n");
        file.close();
        auto e = estimate();
        QVERIFY(e);
        QCOMPARE(e->estimate.summary.latency.confidence, Confidence::Theoretical);
        QVERIFY2(e->calibration.startsWith(u"not calibrated: "_qs), qPrintable(e->calibration));
        QVERIFY(e->calibration.contains(QString::fromStdString(path)));
    }
};

QTEST_MAIN(TestCalibratedEstimates)
#include "tst_calibrated_estimates.moc"
