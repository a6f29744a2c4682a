// runComparison, the loop `graphs compare` and the Compare page share: its rows are those of importing each model
// at each batch and estimating it on each hardware × precision (estimateOn), Pareto-marked by markParetoFront;
// precisions an entry lacks are left out; a model that cannot be imported stops the run or, with keepGoing, is
// recorded while the others still run; the callback sees monotonic progress and can cancel; refine sees every
// estimate before it becomes a row.

#include "estimation/comparison_run.h"
#include "estimation/analysis_pipeline.h"
#include "hardware/hardware_registry.h"
#include "onnx_model_builder.h"
#include "reporting/analysis_report.h"
#include "small_models.h"
#include "test_files.h"

#include <QTemporaryDir>
#include <QTest>

using namespace graphs;
using graphs::testing::Attr;
using graphs::testing::OnnxModelBuilder;

namespace {

const std::string kRegistry = GRAPHS_SOURCE_DIR "/registries";

/// x: batch×64 · 64×256 → relu → · 256×10.
OnnxModelBuilder mlp()
{
    OnnxModelBuilder b;
    b.input("x", { std::string("batch"), int64_t(64) })
        .weight("w1", { 64, 256 })
        .weight("w2", { 256, 10 })
        .node("MatMul", { "x", "w1" }, { "h" }, {}, "fc1")
        .node("Relu", { "h" }, { "r" }, {}, "relu")
        .node("MatMul", { "r", "w2" }, { "out" }, {}, "fc2")
        .output("out");
    return b;
}

/// What `graphs compare` computed before the loop moved into the engine.
std::vector<ComparisonRow> handMadeRows(const ComparisonRequest& request)
{
    std::vector<ComparisonRow> rows;
    for (const std::string& model : request.models) {
        for (int64_t batch : request.batches) {
            AnalysisRequest analysisRequest;
            analysisRequest.modelPath = model;
            analysisRequest.import.batch = batch;
            auto outcome = runAnalysis(analysisRequest);
            if (!outcome)
                continue;
            for (const auto& spec : request.hardware) {
                for (Precision p : request.precisions) {
                    if (spec->peakOpsPerSecond(p) <= 0)
                        continue;
                    auto estimated = estimateOn(*outcome->analysis, spec, p, request.fusion, batch);
                    if (!estimated)
                        continue;
                    ComparisonRow row;
                    row.model = modelDisplayName(*outcome->analysis->graph);
                    row.hardwareId = spec->id;
                    row.hardwareName = spec->name;
                    row.batch = batch;
                    row.precision = p;
                    row.summary = estimated->second.summary;
                    rows.push_back(std::move(row));
                }
            }
        }
    }
    markParetoFront(rows);
    return rows;
}

QByteArray describe(const ComparisonRow& r)
{
    return QByteArray::fromStdString(r.model + " / " + r.hardwareId + " / b" + std::to_string(r.batch) + " / "
        + std::string(precisionName(r.precision)));
}

} // namespace

class TestComparisonRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<HardwareRegistry> m_registry;
    FusionRules m_fusion;
    QString m_conv;
    QString m_mlp;
    QString m_broken;

    ComparisonRequest request(const QStringList& models, const QStringList& hardware,
        std::vector<int64_t> batches = { 1 }, std::vector<Precision> precisions = { Precision::FP32 })
    {
        ComparisonRequest r;
        for (const QString& m : models)
            r.models.push_back(m.toStdString());
        for (const QString& id : hardware)
            r.hardware.push_back(m_registry->find(id.toStdString()));
        r.batches = std::move(batches);
        r.precisions = std::move(precisions);
        r.fusion = m_fusion;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto registry = HardwareRegistry::load({ kRegistry });
        QVERIFY(registry);
        m_registry = std::move(*registry);
        auto fusion = findFusionRules({ kRegistry }, "onnxruntime");
        QVERIFY(fusion);
        m_fusion = *fusion;
        m_conv = graphs::testing::writeTestFile(m_dir, QStringLiteral("convnet.onnx"),
            QByteArray::fromStdString(graphs::testing::smallConvNet().serialize()));
        m_mlp = graphs::testing::writeTestFile(
            m_dir, QStringLiteral("mlp.onnx"), QByteArray::fromStdString(mlp().serialize()));
        m_broken = graphs::testing::writeTestFile(m_dir, QStringLiteral("broken.onnx"), QByteArray("not a model"));
        QVERIFY(!m_conv.isEmpty() && !m_mlp.isEmpty() && !m_broken.isEmpty());
    }

    void matchesTheLoopItReplaces_data()
    {
        QTest::addColumn<QStringList>("hardware");
        QTest::addColumn<QList<qint64>>("batches");
        QTest::addColumn<QList<int>>("precisions");
        QTest::addColumn<int>("expectedRows");
        QTest::addColumn<bool>("someLacking");
        QTest::newRow("two gpus, two batches")
            << QStringList { QStringLiteral("nvidia-h100-sxm5"), QStringLiteral("nvidia-l4") } << QList<qint64> { 1, 8 }
            << QList<int> { int(Precision::FP32) } << 2 * 2 * 2 << false;
        QTest::newRow("cpu, gpu, accelerator without fp32")
            << QStringList { QStringLiteral("intel-core-i7-12700k"), QStringLiteral("nvidia-jetson-orin-nano-8gb-gpu"),
                   QStringLiteral("google-tpu-v4") }
            << QList<qint64> { 4 } << QList<int> { int(Precision::FP32) } << 2 * 2 << true; // the TPU has no fp32
        QTest::newRow("precisions, some lacking")
            << QStringList { QStringLiteral("raspberry-pi-5"), QStringLiteral("nvidia-h100-sxm5") }
            << QList<qint64> { 1, 2 } << QList<int> { int(Precision::FP32), int(Precision::FP16), int(Precision::INT4) }
            << -1 << true;
    }

    void matchesTheLoopItReplaces()
    {
        QFETCH(QStringList, hardware);
        QFETCH(QList<qint64>, batches);
        QFETCH(QList<int>, precisions);
        QFETCH(int, expectedRows);
        QFETCH(bool, someLacking);
        std::vector<Precision> chosen;
        for (int p : precisions)
            chosen.push_back(static_cast<Precision>(p));
        ComparisonRequest r = request({ m_conv, m_mlp }, hardware, { batches.begin(), batches.end() }, chosen);
        for (const auto& spec : r.hardware)
            QVERIFY(spec);

        auto outcome = runComparison(r);
        QVERIFY(outcome);
        QVERIFY(outcome->failures.empty());
        const std::vector<ComparisonRow> expected = handMadeRows(r);
        if (expectedRows >= 0)
            QCOMPARE(int(expected.size()), expectedRows);
        // A precision an entry lacks is left out: fewer rows than the full product when one is.
        size_t supported = 0;
        for (const auto& spec : r.hardware)
            for (Precision p : chosen)
                supported += spec->peakOpsPerSecond(p) > 0;
        QCOMPARE(supported < r.hardware.size() * chosen.size(), someLacking);
        QCOMPARE(outcome->rows.size(), 2 * r.batches.size() * supported);
        QCOMPARE(outcome->rows.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            const ComparisonRow& a = outcome->rows[i];
            const ComparisonRow& e = expected[i];
            QVERIFY2(a.model == e.model && a.hardwareId == e.hardwareId && a.batch == e.batch
                    && a.precision == e.precision && a.hardwareName == e.hardwareName,
                describe(a) + " vs " + describe(e));
            // The same computation in the same order: equal to the last bit.
            QCOMPARE(a.summary.latency.value, e.summary.latency.value);
            QCOMPARE(a.summary.energy.value, e.summary.energy.value);
            QCOMPARE(a.summary.throughput.value, e.summary.throughput.value);
            QCOMPARE(a.summary.peakMemory.value, e.summary.peakMemory.value);
            QCOMPARE(a.summary.latency.confidence, e.summary.latency.confidence);
            QCOMPARE(a.pareto, e.pareto);
        }
    }

    void failures_data()
    {
        QTest::addColumn<bool>("keepGoing");
        QTest::addColumn<int>("failures");
        QTest::addColumn<int>("rows");
        // Models: conv, broken, mlp at batches 1 and 2 on two entries.
        QTest::newRow("stop at the first") << false << 1 << 2 * 2; // the conv rows made before the broken model
        QTest::newRow("keep going") << true << 2 << 2 * 2 * 2; // broken at both batches; conv and mlp all rows
    }

    void failures()
    {
        QFETCH(bool, keepGoing);
        QFETCH(int, failures);
        QFETCH(int, rows);
        ComparisonRequest r = request(
            { m_conv, m_broken, m_mlp }, { QStringLiteral("nvidia-h100-sxm5"), QStringLiteral("nvidia-l4") }, { 1, 2 });
        r.keepGoing = keepGoing;
        auto outcome = runComparison(r);
        QVERIFY(outcome);
        QCOMPARE(int(outcome->failures.size()), failures);
        QCOMPARE(int(outcome->rows.size()), rows);
        for (const ComparisonFailure& f : outcome->failures) {
            QCOMPARE(QString::fromStdString(f.model), m_broken);
            QVERIFY(f.hardwareId.empty());
            QVERIFY2(QString::fromStdString(f.error.toString()).contains(QStringLiteral("broken.onnx")),
                f.error.toString().c_str());
        }
        QCOMPARE(outcome->failures.front().batch, int64_t(1));
        for (const ComparisonRow& row : outcome->rows)
            QVERIFY(row.model == "convnet" || row.model == "mlp");
    }

    void progressRisesToOne()
    {
        ComparisonRequest r = request({ m_conv, m_mlp }, { QStringLiteral("nvidia-l4"), QStringLiteral("hailo-8") },
            { 1, 4 }, { Precision::FP32, Precision::INT8 });
        std::vector<double> seen;
        auto outcome = runComparison(r, [&](double f) {
            seen.push_back(f);
            return true;
        });
        QVERIFY(outcome);
        QVERIFY(seen.size() >= 8);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QVERIFY(seen.front() >= 0);
        QCOMPARE(seen.back(), 1.0);
    }

    void cancels_data()
    {
        QTest::addColumn<double>("stopAt");
        QTest::newRow("at once") << 0.0;
        QTest::newRow("half way") << 0.5;
    }

    void cancels()
    {
        QFETCH(double, stopAt);
        ComparisonRequest r = request(
            { m_conv, m_mlp }, { QStringLiteral("nvidia-l4"), QStringLiteral("nvidia-h100-sxm5") }, { 1, 2, 4 });
        double last = -1;
        auto outcome = runComparison(r, [&](double f) {
            last = f;
            return f < stopAt;
        });
        QVERIFY(!outcome);
        QCOMPARE(outcome.error().code, ErrorCode::Cancelled);
        QVERIFY(last >= stopAt && last < 1.0);
    }

    void refineSeesEveryEstimate()
    {
        ComparisonRequest r
            = request({ m_conv }, { QStringLiteral("nvidia-l4"), QStringLiteral("nvidia-h100-sxm5") }, { 1, 2 });
        int calls = 0;
        r.refine = [&](const GraphAnalysis& analysis, const Partition&, ModelEstimate& estimate) {
            ++calls;
            QVERIFY(analysis.graph);
            // Pretend a calibration halved the latency: the row must carry the refined figure.
            estimate.summary.latency.value /= 2;
            estimate.summary.latency.confidence = Confidence::Calibrated;
        };
        auto refined = runComparison(r);
        QVERIFY(refined);
        QCOMPARE(calls, 4);
        r.refine = {};
        auto plain = runComparison(r);
        QVERIFY(plain);
        QCOMPARE(refined->rows.size(), plain->rows.size());
        for (size_t i = 0; i < plain->rows.size(); ++i) {
            QCOMPARE(refined->rows[i].summary.latency.confidence, Confidence::Calibrated);
            QCOMPARE(refined->rows[i].summary.latency.value, plain->rows[i].summary.latency.value / 2);
        }
    }
};

QTEST_GUILESS_MAIN(TestComparisonRun)
#include "tst_comparison_run.moc"
