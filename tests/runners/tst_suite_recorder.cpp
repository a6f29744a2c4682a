// The suite recorder (engine/workflows/suite_recorder) that graphs benchmark and the Benchmarks page store rows with:
// where rows go, the warm-up written into them, roofs that wait for a runner to name its runtime, the runner's
// environment in the sidecar, and --no-save.

#include "benchmarks/results_registry.h"
#include "workflows/suite_recorder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace graphs;

namespace {

MeasurementRecord row(const std::string& kind, const std::string& name, const std::string& runtime)
{
    MeasurementRecord r;
    r.date = "2026-12-07T00:00:00Z";
    r.benchmark = name;
    r.kind = parseMeasurementKind(kind).value();
    r.runtime = runtime;
    r.threads = 1;
    r.samples = 5;
    r.minMs = r.medianMs = r.meanMs = 1.5;
    return r;
}

EnvironmentFingerprint environment()
{
    EnvironmentFingerprint env;
    env.hardwareId = "local";
    env.date = "2026-12-07T00:00:00Z";
    return env;
}

std::string readAll(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

class TestSuiteRecorder : public QObject
{
    Q_OBJECT

private slots:
    void storesRowsWithTheirWarmup()
    {
        QTemporaryDir dir;
        SuiteRecorder::Options o;
        o.registryDir = dir.path().toStdString();
        o.environment = environment();
        o.resultsName = "quick";
        o.runtime = "native";
        o.warmup = 3;
        SuiteRecorder recorder(o);
        QVERIFY(recorder.path().empty());
        QVERIFY(recorder.record(row("roof", "fma/fp32", "builtin"), nullptr));
        QVERIFY(recorder.record(row("operator", "matmul/64", "native"), nullptr));
        const std::string expected = o.registryDir + "/benchmarks/local/native/quick.csv";
        QCOMPARE(QString::fromStdString(recorder.path()), QString::fromStdString(expected));
        auto stored = loadResults(expected);
        QVERIFY2(stored, stored ? "" : stored.error().toString().c_str());
        QCOMPARE(stored->size(), size_t(2));
        QCOMPARE((*stored)[0].warmup, 0); // roofs have no warm-up of the suite's
        QCOMPARE((*stored)[1].warmup, 3);
        QCOMPARE(recorder.records().size(), size_t(2));
        QCOMPARE(recorder.records()[1].warmup, 3);
    }

    void roofsWaitForTheRuntimeName()
    {
        QTemporaryDir dir;
        SuiteRecorder::Options o;
        o.registryDir = dir.path().toStdString();
        o.environment = environment();
        o.resultsName = "mixed";
        SuiteRecorder recorder(o); // no runtime: the first row that is not a roof names it
        QVERIFY(recorder.record(row("roof", "triad/1m", "builtin"), nullptr));
        QVERIFY(recorder.path().empty());
        QVERIFY(recorder.record(row("workload", "model", "myruntime"), nullptr));
        const std::string expected = o.registryDir + "/benchmarks/local/myruntime/mixed.csv";
        QCOMPARE(QString::fromStdString(recorder.path()), QString::fromStdString(expected));
        auto stored = loadResults(expected);
        QVERIFY(stored);
        QCOMPARE(stored->size(), size_t(2));
        QCOMPARE(QString::fromStdString((*stored)[0].benchmark), u"triad/1m"_qs);

        // A suite of roofs only: flush() stores them under the runtime given then.
        SuiteRecorder roofsOnly(o);
        QVERIFY(roofsOnly.record(row("roof", "fma/fp32", "builtin"), nullptr));
        QVERIFY(roofsOnly.flush("native"));
        QVERIFY(std::filesystem::exists(o.registryDir + "/benchmarks/local/native/mixed.csv"));
    }

    void runnerEnvironmentReachesTheSidecar()
    {
        QTemporaryDir dir;
        SuiteRecorder::Options o;
        o.registryDir = dir.path().toStdString();
        o.environment = environment();
        o.resultsName = "gpu";
        o.runtime = "tensorrt";
        SuiteRecorder recorder(o);
        QVERIFY(recorder.record(row("roof", "fma/fp16", "builtin"), nullptr));
        BenchmarkResult full;
        full.model = "m";
        full.runtimeEnvironment = { { "gpu", "Orin (nvgpu)" }, { "power_mode", "MAXN" } };
        QVERIFY(recorder.record(row("workload", "m", "tensorrt"), &full));
        QCOMPARE(recorder.results().size(), size_t(1));
        QCOMPARE(QString::fromStdString(recorder.environment().runtime.at("power_mode")), u"MAXN"_qs);
        // The sidecar beside the CSV was rewritten with what the runner described.
        std::string sidecar;
        for (const auto& entry : std::filesystem::directory_iterator(o.registryDir + "/benchmarks/local/tensorrt"))
            if (entry.path().extension() != ".csv")
                sidecar += readAll(entry.path().string());
        QVERIFY2(sidecar.find("MAXN") != std::string::npos, sidecar.c_str());
    }

    void keepsRowsInMemoryWithoutSaving()
    {
        QTemporaryDir dir;
        SuiteRecorder::Options o;
        o.registryDir = dir.path().toStdString();
        o.environment = environment();
        o.resultsName = "nosave";
        o.runtime = "native";
        o.save = false;
        SuiteRecorder recorder(o);
        QVERIFY(recorder.record(row("operator", "matmul/64", "native"), nullptr));
        QCOMPARE(recorder.records().size(), size_t(1));
        QVERIFY(recorder.path().empty());
        QVERIFY(!std::filesystem::exists(o.registryDir + "/benchmarks"));
    }

    void aFileThatCannotBeWrittenStopsStoring()
    {
        QTemporaryDir dir;
        const std::string blocker = dir.filePath(u"registry"_qs).toStdString();
        std::ofstream(blocker) << "a file where the registry folder should be";
        SuiteRecorder::Options o;
        o.registryDir = blocker;
        o.environment = environment();
        o.resultsName = "blocked";
        o.runtime = "native";
        SuiteRecorder recorder(o);
        QVERIFY(!recorder.record(row("operator", "matmul/64", "native"), nullptr));
        QVERIFY(recorder.failed());
        QVERIFY(!recorder.record(row("operator", "matmul/96", "native"), nullptr));
    }
};

QTEST_GUILESS_MAIN(TestSuiteRecorder)
#include "tst_suite_recorder.moc"
