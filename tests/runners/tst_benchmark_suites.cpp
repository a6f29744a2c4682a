// Suite definitions (YAML schema, grid expansion, errors naming file:line), the operator models the engine writes
// for them, and the suite runner's contract: every measurement handed over as taken, cancellation keeps them.

#include "benchmarks/operator_models.h"
#include "benchmarks/suite_definition.h"
#include "benchmarks/suite_runner.h"
#include "core/data_paths.h"
#include "estimation/graph_analysis.h"
#include "frontends/onnx_importer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace graphs;

namespace {

/// An in-process runner: answers every request with `repeats` times of `ms`, and remembers the requests.
class RecordingRunner : public Runner
{
public:
    explicit RecordingRunner(double ms) : m_ms(ms) { }
    Result<RunnerResponse> run(const RunnerRequest& request, double, const ProgressCallback& cancel) const override
    {
        if (cancel && !cancel(0.5))
            return Error { ErrorCode::Cancelled, "cancelled", "recording" };
        // The model handed over must be a real ONNX file with every input bound.
        auto imported = importOnnxFile(request.model, {});
        if (!imported)
            return imported.error();
        requests.push_back(request);
        RunnerResponse reply;
        reply.runtime = "recording";
        reply.runtimeVersion = "1";
        reply.threads = request.threads;
        reply.runMs.assign(static_cast<size_t>(request.repeats), m_ms);
        return reply;
    }
    mutable std::vector<RunnerRequest> requests;

private:
    double m_ms;
};

const char* const kHeader = "schema: 1\nsuite: t\ndescription: test\n";

} // namespace

class TestBenchmarkSuites : public QObject
{
    Q_OBJECT

private slots:
    void bundledSuitesLoad_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("minOperators");
        QTest::newRow("quick") << QStringLiteral("quick") << 8;
        QTest::newRow("calibration") << QStringLiteral("calibration") << 80;
        QTest::newRow("roofs") << QStringLiteral("roofs") << 0;
    }

    void bundledSuitesLoad()
    {
        QFETCH(QString, name);
        QFETCH(int, minOperators);
        const std::vector<std::string> dirs { std::string(GRAPHS_SOURCE_DIR "/registries") };
        auto suite = findSuite(name.toStdString(), dirs);
        QVERIFY2(suite, suite ? "" : suite.error().toString().c_str());
        QCOMPARE(suite->name, name.toStdString());
        QVERIFY(static_cast<int>(suite->operators.size()) >= minOperators);
        if (minOperators > 0) {
            // Every operator family of the schema appears, so a fit has a point for each class.
            std::set<std::string> ops;
            for (const OperatorCase& c : suite->operators)
                ops.insert(c.op);
            for (const auto& [op, params] : operatorParameters())
                QVERIFY2(ops.count(op), op.c_str());
        }
        QVERIFY(suite->roofs.enabled);
    }

    void gridExpansion()
    {
        const std::string yaml = std::string(kHeader)
            + "operators:\n"
              "  - group: g\n    op: matmul\n    grid: {m: [1, 2, 3], n: [4, 5], k: 6}\n"
              "  - group: dw\n    op: conv2d\n    grid: {channels: [8, 16], size: 8, kernel: 3, groups: depthwise}\n"
              "  - group: e\n    op: elementwise\n    functions: [add, relu]\n    cases: [{elements: 10}, {elements: 20}]\n";
        auto suite = parseSuiteDefinition(yaml, "t.yaml");
        QVERIFY2(suite, suite ? "" : suite.error().toString().c_str());
        QCOMPARE(suite->operators.size(), size_t(3 * 2 + 2 + 2 * 2));
        const OperatorCase& dw = suite->operators[6];
        QCOMPARE(dw.param("groups", 0), dw.param("channels", -1));
        QCOMPARE(dw.param("out_channels", 0), dw.param("channels", -1));
        QCOMPARE(dw.param("stride", 0), int64_t(1)); // the default is filled in
        QCOMPARE(suite->operators[8].function, std::string("add"));
        QCOMPARE(suite->operators[0].shapeText(), std::string("batch=1,k=6,m=1,n=4"));
    }

    void badSuites_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("fragment");
        const QString h = QString::fromLatin1(kHeader);
        QTest::newRow("empty") << QString() << u"the file is empty"_qs;
        QTest::newRow("schema") << u"schema: 2\nsuite: t\ndescription: d\n"_qs << u"t.yaml:1: key 'schema'"_qs;
        QTest::newRow("no description") << u"schema: 1\nsuite: t\n"_qs << u"'description': is required"_qs;
        QTest::newRow("unknown key") << h + u"extra: 1\n"_qs << u"t.yaml:4: key 'extra': unknown key"_qs;
        QTest::newRow("unknown op") << h + u"operators:\n  - {group: g, op: fft, grid: {n: 1}}\n"_qs
                                    << u"unknown operator 'fft'"_qs;
        QTest::newRow("unknown param") << h + u"operators:\n  - {group: g, op: matmul, grid: {m: 1, n: 1, k: 1, q: 2}}\n"_qs
                                       << u"t.yaml:5: key 'operators[0].grid.q': 'matmul' takes no parameter 'q'"_qs;
        QTest::newRow("missing param") << h + u"operators:\n  - {group: g, op: matmul, grid: {m: 1, n: 1}}\n"_qs
                                       << u"'operators[0].grid.k': is required for matmul"_qs;
        QTest::newRow("zero") << h + u"operators:\n  - {group: g, op: matmul, grid: {m: 0, n: 1, k: 1}}\n"_qs
                              << u"'operators[0].grid.m'"_qs;
        QTest::newRow("not a number") << h + u"operators:\n  - {group: g, op: matmul, grid: {m: big, n: 1, k: 1}}\n"_qs
                                      << u"'operators[0].grid.m'"_qs;
        QTest::newRow("groups") << h + u"operators:\n  - {group: g, op: conv2d, grid: {channels: 6, size: 8, kernel: 3, groups: 4}}\n"_qs
                                << u"groups (4) must divide channels (6)"_qs;
        QTest::newRow("kernel") << h + u"operators:\n  - {group: g, op: conv2d, grid: {channels: 6, size: 2, kernel: 3}}\n"_qs
                                << u"kernel is larger than size"_qs;
        QTest::newRow("no functions") << h + u"operators:\n  - {group: g, op: elementwise, grid: {elements: 4}}\n"_qs
                                      << u"'operators[0].functions': is required for elementwise"_qs;
        QTest::newRow("bad function") << h + u"operators:\n  - {group: g, op: pool, functions: [min], grid: {channels: 1, size: 4}}\n"_qs
                                      << u"unknown function 'min' for pool"_qs;
        QTest::newRow("no grid") << h + u"operators:\n  - {group: g, op: softmax}\n"_qs << u"give a grid or a list of cases"_qs;
        QTest::newRow("too many") << h + u"operators:\n  - {group: g, op: matmul, grid: {m: [1,2,3,4,5,6,7,8,9,10], n: [1,2,3,4,5,6,7,8,9,10], k: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21]}}\n"_qs
                                  << u"more than 2000 cases"_qs;
        QTest::newRow("duplicate") << h + u"operators:\n  - {group: g, op: softmax, cases: [{rows: 1, cols: 2}, {rows: 1, cols: 2}]}\n"_qs
                                   << u"appears twice"_qs;
        QTest::newRow("bytes unit") << h + u"roofs: {bandwidth_up_to: 3 parsecs}\n"_qs << u"unknown unit 'parsecs'"_qs;
        QTest::newRow("bytes small") << h + u"roofs: {bandwidth_up_to: 1KiB}\n"_qs << u"must be between 64KiB and 64GiB"_qs;
        QTest::newRow("fma precision") << h + u"roofs: {fma: [int4]}\n"_qs << u"'int4' is not measured"_qs;
        QTest::newRow("syntax") << h + u"operators: [\n"_qs << u"YAML syntax error"_qs;
        QTest::newRow("workload") << h + u"workloads:\n  models:\n    - {batch: 1}\n"_qs
                                  << u"'workloads.models[0].model': is required"_qs;
    }

    void badSuites()
    {
        QFETCH(QString, yaml);
        QFETCH(QString, fragment);
        auto suite = parseSuiteDefinition(yaml.toStdString(), "t.yaml");
        QVERIFY(!suite);
        QVERIFY2(QString::fromStdString(suite.error().toString()).contains(fragment), suite.error().toString().c_str());
    }

    void unknownSuiteNamesTheKnownOnes()
    {
        auto suite = findSuite("nonesuch", { std::string(GRAPHS_SOURCE_DIR "/registries") });
        QVERIFY(!suite);
        QCOMPARE(suite.error().code, ErrorCode::NotFound);
        QVERIFY(suite.error().message.find("calibration") != std::string::npos);
    }

    void userSuiteOverridesBundled()
    {
        QTemporaryDir user;
        QVERIFY(QDir().mkpath(user.filePath(QStringLiteral("benchmarks/definitions"))));
        QFile f(user.filePath(QStringLiteral("benchmarks/definitions/quick.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("schema: 1\nsuite: quick\ndescription: mine\nworkloads:\n  models:\n    - {model: m.onnx, batch: [1, 4]}\n");
        f.close();
        auto suite = findSuite("quick", { std::string(GRAPHS_SOURCE_DIR "/registries"), user.path().toStdString() });
        QVERIFY(suite);
        QCOMPARE(suite->description, std::string("mine"));
        // Relative model paths are resolved against the suite file.
        QCOMPARE(suite->workloads.at(0).model, user.filePath(QStringLiteral("benchmarks/definitions/m.onnx")).toStdString());
        QCOMPARE(suite->workloads.at(0).batches, (std::vector<int64_t> { 1, 4 }));
    }

    /// Each generated model imports with every shape known, and its FLOPs match the closed form.
    void operatorModels_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<double>("expectedFlops");
        const QString h = QString::fromLatin1(kHeader) + u"operators:\n  - "_qs;
        QTest::newRow("matmul") << h + u"{group: g, op: matmul, grid: {m: 3, n: 5, k: 7}}\n"_qs << 2.0 * 3 * 5 * 7;
        QTest::newRow("batched matmul") << h + u"{group: g, op: matmul, grid: {batch: 2, m: 3, n: 5, k: 7}}\n"_qs << 2.0 * 2 * 3 * 5 * 7;
        QTest::newRow("conv") << h + u"{group: g, op: conv2d, grid: {channels: 4, out_channels: 8, size: 10, kernel: 3, stride: 2}}\n"_qs
                              << 2.0 * 8 * 5 * 5 * 4 * 9 + 8 * 5 * 5; // MACs ×2 plus the bias add
        QTest::newRow("depthwise") << h + u"{group: g, op: conv2d, grid: {channels: 4, size: 8, kernel: 3, groups: depthwise}}\n"_qs
                                   << 2.0 * 4 * 8 * 8 * 9 + 4 * 8 * 8;
        QTest::newRow("gemm") << h + u"{group: g, op: gemm, grid: {m: 2, n: 3, k: 4}}\n"_qs << 2.0 * 2 * 3 * 4 + 2 * 3;
        QTest::newRow("add") << h + u"{group: g, op: elementwise, functions: add, grid: {elements: 100}}\n"_qs << 100.0;
        QTest::newRow("softmax") << h + u"{group: g, op: softmax, grid: {rows: 2, cols: 8}}\n"_qs << -1.0;
        QTest::newRow("layernorm") << h + u"{group: g, op: layernorm, grid: {rows: 2, cols: 8}}\n"_qs << -1.0;
        QTest::newRow("gelu") << h + u"{group: g, op: elementwise, functions: gelu, grid: {elements: 64}}\n"_qs << -1.0;
        QTest::newRow("maxpool") << h + u"{group: g, op: pool, functions: max, grid: {channels: 2, size: 8}}\n"_qs << -1.0;
        QTest::newRow("global pool") << h + u"{group: g, op: pool, functions: global, grid: {channels: 2, size: 8}}\n"_qs << -1.0;
        QTest::newRow("attention") << h + u"{group: g, op: attention, grid: {heads: 2, seq: 16, head_dim: 8}}\n"_qs
                                   << -2.0 * 2 * 16 * 16 * 8 * 2; // negative: at least the two matmuls
    }

    void operatorModels()
    {
        QFETCH(QString, yaml);
        QFETCH(double, expectedFlops);
        auto suite = parseSuiteDefinition(yaml.toStdString(), "t.yaml");
        QVERIFY2(suite, suite ? "" : suite.error().toString().c_str());
        const OperatorCase& c = suite->operators.at(0);
        auto bytes = operatorModelBytes(c);
        QVERIFY(bytes);
        auto imported = importOnnxBytes(*bytes, c.name(), "/nonexistent", {});
        QVERIFY2(imported, imported ? "" : imported.error().toString().c_str());
        for (const TensorDescriptor& t : imported->graph->tensors())
            QVERIFY2(t.shape.isFullyKnown(), t.name.c_str());
        auto analysis = analyzeGraph(imported->graph);
        QVERIFY(analysis);
        const double flops = static_cast<double>(analysis->totals.flops.total());
        QVERIFY(flops > 0);
        if (expectedFlops > 0)
            QCOMPARE(flops, expectedFlops);
        else if (expectedFlops < -1)
            QVERIFY(flops >= -expectedFlops);
        // The same case gives the same bytes: every runner measures one definition.
        QCOMPARE(*operatorModelBytes(c), *bytes);
    }

    void runSuiteHandsOverEveryMeasurement()
    {
        auto suite = parseSuiteDefinition(std::string(kHeader)
                + "settings: {min_samples: 4, max_seconds: 0}\n"
                  "operators:\n  - {group: g, op: matmul, grid: {m: [2, 4], n: 3, k: 5}}\n"
                  "  - {group: s, op: softmax, grid: {rows: 2, cols: 3}}\n",
            "t.yaml");
        QVERIFY(suite);
        RecordingRunner runner(0.5);
        SuiteRunOptions options;
        options.settings.threads = 2;
        options.date = "2026-01-01T00:00:00Z";
        std::vector<MeasurementRecord> rows;
        std::vector<size_t> progressDone;
        const auto outcome = runSuite(*suite, runner, options,
            [&](const MeasurementRecord& r, const BenchmarkResult* full) {
                rows.push_back(r);
                return full ? Status(Ok {}) : Status(Error { ErrorCode::InvalidData, "no result", "" });
            },
            [&](const SuiteProgress& p) {
                progressDone.push_back(p.done);
                return true;
            });
        QVERIFY(outcome.failures.empty());
        QVERIFY(!outcome.cancelled);
        QCOMPARE(outcome.measured, size_t(3));
        QCOMPARE(rows.size(), size_t(3));
        QCOMPARE(rows[0].kind, MeasurementKind::Operator);
        QCOMPARE(rows[0].shape, std::string("batch=1,k=5,m=2,n=3"));
        QCOMPARE(rows[0].flops, 2.0 * 2 * 3 * 5);
        QCOMPARE(rows[0].samples, int64_t(4));
        QCOMPARE(rows[0].medianMs, 0.5);
        QCOMPARE(rows[0].threads, 2);
        QCOMPARE(rows[0].date, std::string("2026-01-01T00:00:00Z"));
        QCOMPARE(runner.requests.size(), size_t(3));
        QCOMPARE(runner.requests[0].threads, 2);
        QCOMPARE(runner.requests[0].warmup, suite->policy.warmup);
        QCOMPARE(progressDone.back(), size_t(3));
        QCOMPARE(suiteSize(*suite, options), size_t(3));
    }

    void cancellationKeepsWhatWasMeasured()
    {
        auto suite = parseSuiteDefinition(std::string(kHeader)
                + "settings: {min_samples: 3, max_seconds: 0}\n"
                  "operators:\n  - {group: g, op: matmul, grid: {m: [1, 2, 3, 4, 5, 6], n: 3, k: 5}}\n",
            "t.yaml");
        QVERIFY(suite);
        RecordingRunner runner(1.0);
        std::vector<MeasurementRecord> rows;
        const auto outcome = runSuite(*suite, runner, {},
            [&](const MeasurementRecord& r, const BenchmarkResult*) {
                rows.push_back(r);
                return Status(Ok {});
            },
            [&](const SuiteProgress&) { return rows.size() < 2; }); // "Ctrl-C" once two are in
        QVERIFY(outcome.cancelled);
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(outcome.measured, size_t(2));
        QCOMPARE(runner.requests.size(), size_t(2)); // nothing started after the stop
    }

    void failingBenchmarkDoesNotStopTheSuite()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.onnx"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a model");
        f.close();
        auto suite = parseSuiteDefinition(std::string(kHeader)
                + "settings: {min_samples: 3, max_seconds: 0}\n"
                  "operators:\n  - {group: s, op: softmax, grid: {rows: 2, cols: 3}}\n",
            "t.yaml");
        QVERIFY(suite);
        RecordingRunner runner(1.0);
        SuiteRunOptions options;
        options.models = { bad.toStdString() };
        int rows = 0;
        const auto outcome = runSuite(*suite, runner, options,
            [&](const MeasurementRecord&, const BenchmarkResult*) {
                ++rows;
                return Status(Ok {});
            },
            {});
        QCOMPARE(rows, 1);
        QCOMPARE(outcome.failures.size(), size_t(1));
        QVERIFY(outcome.failures[0].location.find("bad.onnx") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestBenchmarkSuites)
#include "tst_benchmark_suites.moc"
