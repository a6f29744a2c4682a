// The calibration workflow that graphs calibrate and the Calibration page share (engine/workflows/calibration_run):
// which fusion rules a runtime is fitted with, the profile a request describes, the summary a saved profile records,
// when a profile is worth saving, and a transfer check's errors per kind. Every expected value is computed here by
// hand; the fits themselves are covered by tst_calibration_profile, tst_few_shot and the CLI tests.

#include "benchmarks/results_registry.h"
#include "hardware/hardware_registry.h"
#include "workflows/calibration_run.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace graphs;

namespace {

const std::string kRegistries = GRAPHS_SOURCE_DIR "/registries";

std::shared_ptr<const HardwareSpec> spec(const std::string& id)
{
    auto registry = HardwareRegistry::load({ kRegistries });
    return registry ? registry->find(id) : nullptr;
}

TransferItem item(const std::string& kind, double measured, double predicted, double roofline, bool inside)
{
    TransferItem i;
    i.name = kind + "-item";
    i.kind = kind;
    i.measuredSeconds = measured;
    i.predictedSeconds = predicted;
    i.errorPct = (predicted - measured) / measured * 100;
    i.rooflineSeconds = roofline;
    i.insideBound = inside;
    return i;
}

} // namespace

class TestCalibrationRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runtimeWithRulesKeepsThem()
    {
        auto rules = calibrationFusionRules({ kRegistries }, "onnxruntime");
        QVERIFY2(rules, rules ? "" : rules.error().toString().c_str());
        QCOMPARE(rules->runtimeId, std::string("onnxruntime"));
    }

    void runtimeWithoutRulesIsFittedUnfused()
    {
        // Imported measurements of a framework this program has no rules for are per kernel already.
        auto rules = calibrationFusionRules({ kRegistries }, "some-framework-without-rules");
        QVERIFY2(rules, rules ? "" : rules.error().toString().c_str());
        QCOMPARE(rules->runtimeId, std::string("unfused"));
    }

    void noMeasurementsSaysWhereAndHow()
    {
        QTemporaryDir registry;
        CalibrateRequest request;
        request.hardware = spec("intel-core-i7-12700k");
        QVERIFY(request.hardware);
        request.runtime = "pytorch";
        request.registryDir = registry.path().toStdString();
        auto profile = calibrationProfileFor(request);
        QVERIFY(!profile);
        QCOMPARE(profile.error().code, ErrorCode::NotFound);
        const std::string message = profile.error().message;
        QVERIFY2(message.find("intel-core-i7-12700k × pytorch") != std::string::npos, message.c_str());
        QVERIFY2(message.find(request.registryDir) != std::string::npos, message.c_str());
        QVERIFY2(message.find("graphs benchmark") != std::string::npos, message.c_str());
    }

    void profileDescribesTheRequest()
    {
        QTemporaryDir registry;
        const std::filesystem::path csv = std::filesystem::path(registry.path().toStdString()) / "rows.csv";
        std::ofstream(csv) << "placeholder\n"; // only the path is recorded here; nothing is read
        CalibrateRequest request;
        request.hardware = spec("intel-core-i7-12700k");
        request.runtime = "pytorch";
        request.precision = Precision::FP16;
        request.registryDir = registry.path().toStdString();
        request.measurements = { (csv.parent_path() / "." / "rows.csv").string() };
        request.modelDirs = { registry.path().toStdString() + "/models/../models" };
        request.holdOut = { "resnet50", "vit_b_16", "resnet50" };
        request.fit.ridge = 0.2;
        request.tool = "graphs test";
        auto profile = calibrationProfileFor(request);
        QVERIFY2(profile, profile ? "" : profile.error().toString().c_str());
        QCOMPARE(profile->hardware, std::string("intel-core-i7-12700k"));
        QCOMPARE(profile->runtime, std::string("pytorch"));
        QCOMPARE(profile->precision, Precision::FP16);
        QCOMPARE(profile->measurements, std::vector<std::string> { csv.string() });
        QCOMPARE(profile->modelDirs, std::vector<std::string> { registry.path().toStdString() + "/models" });
        QCOMPARE(profile->holdOut, (std::vector<std::string> { "resnet50", "vit_b_16" }));
        QCOMPARE(profile->fit.ridge, 0.2);
        QCOMPARE(profile->tool, std::string("graphs test"));
        // ISO 8601 UTC: 2026-12-07T20:00:00Z
        QCOMPARE(profile->created.size(), size_t(20));
        QCOMPARE(profile->created.back(), 'Z');
    }

    void summaryIsTheMeanAbsoluteLeaveOneModelOutError()
    {
        Calibration c;
        c.points.resize(7);
        c.groupErrors = { { "a", 0.10 }, { "b", -0.30 }, { "c", 0.05 }, { "d", -0.15 } };
        c.errorBoundPct = 32.5;
        recordFitSummary(c);
        QCOMPARE(c.profile.points, size_t(7));
        QCOMPARE(c.profile.models, size_t(4));
        QVERIFY(std::abs(c.profile.lomoMapePct - 15.0) < 1e-9); // (10 + 30 + 5 + 15) / 4
        QCOMPARE(c.profile.errorBoundPct, 32.5);
        QVERIFY(isWorthSaving(c));
    }

    void aFitWithoutModelsOrEnergyIsNotWorthSaving()
    {
        Calibration c;
        c.points.resize(40); // operator rows alone: no model left out, so no bound
        recordFitSummary(c);
        QCOMPARE(c.profile.models, size_t(0));
        QCOMPARE(c.profile.lomoMapePct, 0.0);
        QVERIFY(!isWorthSaving(c));
    }

    void transferErrorsPerKind()
    {
        TransferCheck check;
        check.items = {
            item("model", 10e-3, 11e-3, 5e-3, true), // +10 %, roofs −50 %
            item("matrix", 1e-3, 0.8e-3, 0.25e-3, false), // −20 %, roofs −75 %
            item("model", 20e-3, 14e-3, 30e-3, false), // −30 %, roofs +50 %
            item("elementwise", 2e-3, 2.1e-3, 1e-3, true), // +5 %, roofs −50 %
        };
        const auto kinds = transferErrorsByKind(check);
        QCOMPARE(kinds.size(), size_t(3));
        QCOMPARE(kinds[0].kind, std::string("elementwise"));
        QCOMPARE(kinds[1].kind, std::string("matrix"));
        QCOMPARE(kinds[2].kind, std::string("model"));
        QCOMPARE(kinds[2].count, size_t(2));
        QVERIFY(std::abs(kinds[2].mapePct - 20.0) < 1e-9); // (10 + 30) / 2
        QVERIFY(std::abs(kinds[2].rooflineMapePct - 50.0) < 1e-9); // (50 + 50) / 2
        QVERIFY(std::abs(kinds[1].mapePct - 20.0) < 1e-9);
        QVERIFY(std::abs(kinds[1].rooflineMapePct - 75.0) < 1e-9);
        QVERIFY(std::abs(kinds[0].mapePct - 5.0) < 1e-9);
        QCOMPARE(transferItemsInsideBound(check), size_t(2));
    }

    void fewShotRefusesHeldOutModels()
    {
        CalibrateRequest request;
        request.hardware = spec("intel-core-i7-12700k");
        request.runtime = "pytorch";
        request.holdOut = { "resnet50" };
        auto rules = calibrationFusionRules({ kRegistries }, "pytorch");
        QVERIFY(rules);
        auto adapted = runFewShotCalibration(request, *rules, "amd-ryzen-9-7950x", [](const std::string&) {
            return std::shared_ptr<const HardwareSpec>();
        });
        QVERIFY(!adapted);
        QCOMPARE(adapted.error().code, ErrorCode::InvalidArgument);
    }

    void fewShotNamesAnUnknownPrior()
    {
        QTemporaryDir registry;
        const std::filesystem::path csv = std::filesystem::path(registry.path().toStdString()) / "rows.csv";
        std::ofstream(csv) << "placeholder\n";
        CalibrateRequest request;
        request.hardware = spec("intel-core-i7-12700k");
        request.runtime = "pytorch";
        request.registryDir = registry.path().toStdString();
        request.measurements = { csv.string() };
        auto rules = calibrationFusionRules({ kRegistries }, "pytorch");
        QVERIFY(rules);
        auto adapted = runFewShotCalibration(request, *rules, "no-such-cpu", [](const std::string&) {
            return std::shared_ptr<const HardwareSpec>();
        });
        QVERIFY(!adapted);
        QCOMPARE(adapted.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(adapted.error().message.find("no-such-cpu") != std::string::npos, adapted.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCalibrationRun)
#include "tst_calibration_run.moc"
