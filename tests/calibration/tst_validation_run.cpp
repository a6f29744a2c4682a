// The validation workflow (engine/workflows/validation_run): which stored measurement each model is paired with
// (the newest workload row of its file name at the precision, batch and thread count asked), the estimate it is
// compared with, models without a measurement, flags for what a calibration was fitted on, and cancellation.

#include "benchmarks/operator_models.h"
#include "benchmarks/results_registry.h"
#include "estimation/analysis_pipeline.h"
#include "hardware/hardware_registry.h"
#include "workflows/validation_run.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace graphs;

namespace {

const std::string kHardware = "intel-core-i7-12700k";
const std::string kRuntime = "onnxruntime";

MeasurementRecord workload(const std::string& model, double ms, const std::string& date, int threads = 2,
    int64_t batch = 1, const std::string& precision = "fp32")
{
    MeasurementRecord r;
    r.date = date;
    r.benchmark = model;
    r.kind = MeasurementKind::Workload;
    r.runtime = kRuntime;
    r.precision = precision;
    r.threads = threads;
    r.batch = batch;
    r.samples = 10;
    r.minMs = r.medianMs = r.meanMs = ms;
    r.detail = model + ".onnx";
    return r;
}

} // namespace

class TestValidationRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_registry;
    std::string m_models;
    ValidationRunRequest m_request;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_registry = m_dir.filePath(u"registry"_qs).toStdString();
        m_models = m_dir.filePath(u"models"_qs).toStdString();
        std::filesystem::create_directories(m_models);
        for (int n : { 64, 96, 128 }) {
            const OperatorCase c { "mm", "matmul", {}, { { "m", 1 }, { "n", n }, { "k", n } } };
            QVERIFY(writeOperatorModel(c, m_models + "/mv" + std::to_string(n) + ".onnx"));
        }
        auto file = ResultsFile::open(m_registry, kHardware, kRuntime, "validation", {});
        QVERIFY(file);
        // mv64: an old and a newer row (the newer counts), one at 8 threads, one at batch 4, one at fp16; mv96: one
        // row; mv128: none.
        for (const MeasurementRecord& r : { workload("mv64", 0.50, "2026-01-01T00:00:00Z"),
                 workload("mv64", 0.40, "2026-02-01T00:00:00Z"), workload("mv64", 9.0, "2026-03-01T00:00:00Z", 8),
                 workload("mv64", 7.0, "2026-03-01T00:00:00Z", 2, 4), workload("mv64", 6.0, "2026-03-01T00:00:00Z", 2, 1, "fp16"),
                 workload("mv96", 0.70, "2026-01-01T00:00:00Z") })
            QVERIFY(file->append(r));

        auto registry = HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
        QVERIFY(registry);
        auto fusion = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, kRuntime);
        QVERIFY(fusion);
        m_request.hardware = registry->find(kHardware);
        QVERIFY(m_request.hardware);
        m_request.runtime = kRuntime;
        m_request.fusion = *fusion;
        m_request.registryDir = m_registry;
        m_request.threads = 2;
        for (int n : { 64, 96, 128 })
            m_request.models.push_back(m_models + "/mv" + std::to_string(n) + ".onnx");
    }

    void pairsModelsWithTheirNewestMeasurement()
    {
        auto result = assembleValidation(m_request);
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        QCOMPARE(result->points.size(), size_t(2));
        QCOMPARE(result->unmeasured, std::vector<std::string> { "mv128.onnx" });
        QVERIFY(result->overlaps.empty());
        const ValidationPoint& mv64 = result->points[0];
        QCOMPARE(QString::fromStdString(mv64.model), u"mv64"_qs);
        // The newer of the two rows at 2 threads, batch 1, fp32 (the newest rows are at 8 threads, batch 4, fp16).
        QCOMPARE(mv64.measuredSeconds, 0.40e-3);
        QCOMPARE(result->points[1].measuredSeconds, 0.70e-3);
        QCOMPARE(QString::fromStdString(mv64.confidence), u"theoretical"_qs);

        // The estimate is the one graphs analyze makes of the same model on the same entry.
        AnalysisRequest analysis;
        analysis.modelPath = m_request.models[0];
        analysis.hardware = m_request.hardware;
        analysis.fusion = m_request.fusion;
        auto outcome = runAnalysis(analysis);
        QVERIFY(outcome);
        QCOMPARE(mv64.estimatedSeconds, outcome->estimate->summary.latency.value / 1000);
        QCOMPARE(*mv64.errorBoundPct, outcome->estimate->summary.latency.errorBoundPct);
    }

    void filtersByThreadsAndBatch()
    {
        ValidationRunRequest anyThreads = m_request;
        anyThreads.threads = 0; // the newest row at any thread count: the one at 8 threads
        auto any = assembleValidation(anyThreads);
        QVERIFY(any);
        QCOMPARE(any->points[0].measuredSeconds, 9.0e-3);

        ValidationRunRequest batch4 = m_request;
        batch4.batch = 4;
        auto b = assembleValidation(batch4);
        QVERIFY(b);
        QCOMPARE(b->points.size(), size_t(1));
        QCOMPARE(b->points[0].measuredSeconds, 7.0e-3);
    }

    void flagsWhatTheCalibrationSaw()
    {
        auto calibration = std::make_shared<Calibration>();
        calibration->groupErrors = { { "mv96", 0.1 } }; // the model mv96 was fitted on
        ValidationRunRequest request = m_request;
        request.calibration = calibration;
        auto result = assembleValidation(request);
        QVERIFY(result);
        QCOMPARE(result->overlaps, std::vector<std::string> { "mv96.onnx (this model was fitted on)" });
        QVERIFY(!result->points[0].usedInCalibration);
        QVERIFY(result->points[1].usedInCalibration);
    }

    void stopsWhenAsked()
    {
        int calls = 0;
        auto result = assembleValidation(m_request, [&](double) { return ++calls < 2; });
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
        QCOMPARE(calls, 2);
    }

    void failsOnAModelItCannotEstimate()
    {
        ValidationRunRequest request = m_request;
        // A measured model whose file is not an ONNX model: the error names it.
        std::filesystem::copy_file(m_models + "/mv64.onnx", m_dir.filePath(u"keep.onnx"_qs).toStdString());
        {
            std::FILE* f = std::fopen((m_models + "/mv64.onnx").c_str(), "wb");
            QVERIFY(f);
            std::fputs("not a model", f);
            std::fclose(f);
        }
        auto result = assembleValidation(request);
        std::filesystem::copy_file(m_dir.filePath(u"keep.onnx"_qs).toStdString(), m_models + "/mv64.onnx",
            std::filesystem::copy_options::overwrite_existing);
        QVERIFY(!result);
        QVERIFY2(result.error().toString().find("mv64.onnx") != std::string::npos, result.error().toString().c_str());
    }
};

QTEST_GUILESS_MAIN(TestValidationRun)
#include "tst_validation_run.moc"
