// Published results as a validation set: the CSV format and its errors, the rules that turn a submission into an
// estimate (per accelerator, published or throughput-optimal batch, SingleStream at batch 1, configured limits, a
// module's parts under one power envelope), the summary, and `graphs validate --published` as a user runs it. The
// expected estimates are made here with the engine's own calls, so the test checks the workflow's bookkeeping
// against an independent assembly of the same steps; the physics has its own tests.

#include "../cli/cli_process.h"

#include "estimation/analysis_pipeline.h"
#include "hardware/hardware_registry.h"
#include "transform/fusion_rules.h"
#include "validation/published_report.h"
#include "validation/published_results.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace graphs;

namespace {

const std::string kRegistry = std::string(GRAPHS_SOURCE_DIR) + "/registries";
const std::string kModels = GRAPHS_GENERATED_MODELS_DIR;
const char* const kHeader = "round,submitter,system,accelerator,accelerators,host_cpu,benchmark,scenario,precision,"
                            "batch,value,unit,power_w,energy_per_sample_j,hardware_id,source,power_limit_w,settings";

std::string csv(const std::vector<std::string>& rows)
{
    std::string out = std::string(kHeader) + "\n";
    for (const std::string& r : rows)
        out += r + "\n";
    return out;
}

bool near(double a, double b, double rel = 1e-9)
{
    return std::abs(a - b) <= rel * std::abs(b);
}

/// Throughput or latency of `model` on `id` at `batch`, through the same public engine calls a user's analyze makes.
struct Direct
{
    double samplesPerSecond = 0;
    double latencyMs = 0;
    double watts = 0;
    double staticWatts = 0;
};

Direct direct(const HardwareRegistry& registry, const std::string& id, const std::string& runtime, Precision p,
    int64_t batch, std::optional<double> limit = {}, bool powerLimit = true)
{
    ImportOptions import;
    import.batch = batch;
    auto imported = importOnnxFile(kModels + "/resnet50_v1.5.structure.onnx", import);
    auto analysis = analyzeGraph(imported->graph);
    auto fusion = findFusionRules({ kRegistry }, runtime);
    auto partition = partitionGraph(*analysis, *fusion);
    const auto spec = registry.find(id);
    EstimateOptions o = runtimeOptions(*fusion, *spec);
    o.precision = p;
    o.batch = batch;
    o.powerLimitWatts = limit;
    o.powerLimit = powerLimit;
    auto e = estimateModel(*analysis, *partition, spec, o, runtime);
    return { e->summary.throughput.value, e->summary.latency.value, e->power.averageWatts, e->power.staticWatts };
}

} // namespace

class TestPublishedResults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        auto registry = HardwareRegistry::load({ kRegistry });
        QVERIFY2(registry, registry ? "" : registry.error().message.c_str());
        m_registry = std::move(*registry);
        QVERIFY2(std::filesystem::exists(kModels + "/resnet50_v1.5.structure.onnx"), kModels.c_str());
    }

    void parsesRows()
    {
        const auto rows = parsePublishedResults(
            csv({ "v3.1,NVIDIA,L4x1,NVIDIA L4,1,Xeon,resnet50,Offline,int8,32,12882.5,samples/s,,,nvidia-l4,src,,",
                "v3.0,NVIDIA,Orin,Orin,1,A78AE,resnet50,Offline,int8,,6000,samples/s,22.5,0.0037,"
                "nvidia-jetson-agx-orin-64gb-gpu+2*nvidia-jetson-agx-orin-64gb-dla,src,,gpu_mhz=624.75 memory_share=0.5",
                "v3.0,X,Y,Z,4,H,bert-99,SingleStream,\"mixed int8/fp16\",1,7.9,ms,105.5,0.8355,qualcomm-cloud-ai-100-pro,"
                "\"a, b\",75," }),
            "t.csv");
        QVERIFY2(rows, rows ? "" : rows.error().toString().c_str());
        QCOMPARE(rows->size(), size_t(3));
        const PublishedRow& l4 = (*rows)[0];
        QCOMPARE(l4.line, 2);
        QCOMPARE(l4.batch.value_or(0), int64_t(32));
        QCOMPARE(l4.value, 12882.5);
        QVERIFY(l4.offline());
        QVERIFY(!l4.powerWatts);
        const PublishedRow& orin = (*rows)[1];
        QVERIFY(!orin.batch);
        QCOMPARE(orin.hardware.size(), size_t(2));
        QCOMPARE(orin.hardware[1].hardwareId, std::string("nvidia-jetson-agx-orin-64gb-dla"));
        QCOMPARE(orin.hardware[1].count, 2);
        QCOMPARE(orin.settings.at("gpu_mhz"), 624.75);
        QCOMPARE(orin.settings.at("memory_share"), 0.5);
        QCOMPARE(orin.energyPerSampleJoules.value_or(0), 0.0037);
        const PublishedRow& qaic = (*rows)[2];
        QCOMPARE(qaic.accelerators, 4);
        QCOMPARE(qaic.precision, std::string("mixed int8/fp16"));
        QCOMPARE(qaic.source, std::string("a, b"));
        QCOMPARE(qaic.powerLimitWatts.value_or(0), 75.0);
    }

    void refusesBadFiles_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        const QString good = u"v1,S,Sys,A,1,H,resnet50,Offline,int8,8,100,samples/s,,,nvidia-l4,src,,"_qs;
        auto row = [&](int column, const QString& value) {
            QStringList f = good.split(QLatin1Char(','));
            f[column] = value;
            return QString::fromLatin1(kHeader) + u"\n"_qs + f.join(QLatin1Char(',')) + u"\n"_qs;
        };
        QTest::newRow("header") << u"round,system\n"_qs << u"t.csv:1: the header must be"_qs;
        QTest::newRow("no header") << QString() << u"t.csv: no header line"_qs;
        QTest::newRow("scenario") << row(7, u"Server"_qs)
                                  << u"t.csv:2: column 'scenario': 'Server' is not a scenario this program estimates"_qs;
        QTest::newRow("unit") << row(11, u"ms"_qs)
                              << u"t.csv:2: column 'unit': 'ms': a Offline result is in samples/s"_qs;
        QTest::newRow("value") << row(10, u"fast"_qs) << u"t.csv:2: column 'value': 'fast' is not a number"_qs;
        QTest::newRow("zero value") << row(10, u"0"_qs) << u"t.csv:2: column 'value': '0' is out of range"_qs;
        QTest::newRow("accelerators") << row(4, u"1.5"_qs)
                                      << u"t.csv:2: column 'accelerators': '1.5' is not a whole number"_qs;
        QTest::newRow("hardware id") << row(14, u"NVIDIA L4"_qs)
                                     << u"t.csv:2: column 'hardware_id': 'NVIDIA L4' is not a registry id"_qs;
        QTest::newRow("hardware count") << row(14, u"x*nvidia-l4"_qs)
                                        << u"column 'hardware_id': 'x*nvidia-l4': the count before '*'"_qs;
        QTest::newRow("settings key") << row(17, u"cpu_mhz=100"_qs)
                                      << u"t.csv:2: column 'settings': 'cpu_mhz=100' is not gpu_mhz="_qs;
        QTest::newRow("settings share") << row(17, u"memory_share=1.5"_qs)
                                        << u"column 'settings': 'memory_share=1.5': the value must be"_qs;
        QTest::newRow("fields") << QString::fromLatin1(kHeader) + u"\nv1,S\n"_qs
                                << u"t.csv:2: 2 fields, the header has 18"_qs;
    }

    void refusesBadFiles()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const auto rows = parsePublishedResults(text.toStdString(), "t.csv");
        QVERIFY(!rows);
        QVERIFY2(QString::fromStdString(rows.error().toString()).contains(message),
            rows.error().toString().c_str());
    }

    /// The rules, row by row, against the engine's own estimates of the same requests.
    void estimatesFollowTheRules()
    {
        auto rows = parsePublishedResults(
            csv({
                // 0: published batch 32, two accelerators: the value is per system, the estimate per accelerator.
                "v,S,L4x2,L4,2,H,resnet50,Offline,int8,32,20000,samples/s,,,nvidia-l4,s,,",
                // 1: no batch: the throughput-optimal one of the candidates.
                "v,S,L4x1,L4,1,H,resnet50,Offline,int8,,10000,samples/s,,,nvidia-l4,s,,",
                // 2: SingleStream: batch-1 latency.
                "v,S,L4x1,L4,1,H,resnet50,SingleStream,int8,1,0.35,ms,,,nvidia-l4,s,,",
                // 3: a configured power limit below the TDP.
                "v,S,A2x1,A2,1,H,resnet50,Offline,int8,64,2800,samples/s,,,nvidia-a2,s,45,",
                // 4: an entry the registry lacks, and 5: a benchmark without a model: kept, not estimated.
                "v,S,X,X,1,H,resnet50,Offline,int8,8,100,samples/s,,,nvidia-x9000,s,,",
                "v,S,L4x1,L4,1,H,gpt-j,Offline,int8,8,100,samples/s,,,nvidia-l4,s,,",
            }),
            "rules.csv");
        QVERIFY2(rows, rows ? "" : rows.error().toString().c_str());
        PublishedRequest request;
        request.rows = *rows;
        request.registry = &m_registry;
        request.registryDirs = { kRegistry };
        request.benchmarks = findPublishedBenchmarks({ kModels });
        request.offlineBatches = { 8, 32, 128 };
        QCOMPARE(request.benchmarks.size(), size_t(2)); // resnet50 and bert-99
        auto v = validatePublished(request);
        QVERIFY2(v, v ? "" : v.error().toString().c_str());
        const auto& e = v->estimates;
        QCOMPARE(e.size(), size_t(6));

        const Direct b32 = direct(m_registry, "nvidia-l4", "tensorrt", Precision::INT8, 32);
        QVERIFY(e[0].estimated);
        QCOMPARE(e[0].runtime, std::string("tensorrt"));
        QCOMPARE(e[0].measured, 10000.0);
        QVERIFY(near(e[0].estimate, b32.samplesPerSecond));
        QVERIFY(near(e[0].errorPct, (b32.samplesPerSecond / 10000.0 - 1) * 100));
        QCOMPARE(e[0].batchRule, std::string("published"));

        double best = 0;
        int64_t bestBatch = 0;
        for (int64_t b : { 8, 32, 128 }) {
            const double t = direct(m_registry, "nvidia-l4", "tensorrt", Precision::INT8, b).samplesPerSecond;
            if (t > best) {
                best = t;
                bestBatch = b;
            }
        }
        QCOMPARE(e[1].batchRule, std::string("throughput-optimal"));
        QCOMPARE(e[1].batch, bestBatch);
        QVERIFY(near(e[1].estimate, best));

        const Direct b1 = direct(m_registry, "nvidia-l4", "tensorrt", Precision::INT8, 1);
        QCOMPARE(e[2].batch, int64_t(1));
        QVERIFY(near(e[2].estimate, b1.latencyMs));
        QVERIFY(near(e[2].errorPct, (b1.latencyMs / 0.35 - 1) * 100));

        const Direct limited = direct(m_registry, "nvidia-a2", "tensorrt", Precision::INT8, 64, 45.0);
        QVERIFY(near(e[3].estimate, limited.samplesPerSecond));
        QVERIFY(e[3].estimatedWatts <= 45 + 1e-6);

        QVERIFY(!e[4].estimated);
        QCOMPARE(e[4].skipped, std::string("no registry entry 'nvidia-x9000'"));
        QVERIFY(!e[5].estimated);
        QCOMPARE(e[5].skipped, std::string("no model for benchmark 'gpt-j'"));

        // The summary over the four estimated rows, by hand.
        const PublishedSummary& s = v->summary;
        QCOMPARE(s.rows, size_t(4));
        QCOMPARE(s.skipped, size_t(2));
        double sum = 0;
        int within = 0;
        for (int i = 0; i < 4; ++i) {
            sum += std::abs(e[i].errorPct);
            within += std::abs(e[i].errorPct) <= 25 ? 1 : 0;
        }
        QVERIFY(near(s.mapePct, sum / 4));
        QVERIFY(near(s.within25Share, within / 4.0));
        QCOMPARE(s.biasByScenario.size(), size_t(2));
        QCOMPARE(s.biasByScenario[1].first, std::string("SingleStream"));
        QVERIFY(near(s.biasByScenario[1].second, e[2].errorPct));
    }

    /// A Jetson's GPU and its two DLAs share the module's 60 W: each is estimated at full clock, and if their summed
    /// power exceeds the module's TDP, the clock of all drops by f = ∛((TDP − static) / dynamic) (static counted once).
    void moduleShareOnePowerEnvelope()
    {
        auto rows = parsePublishedResults(
            csv({ "v,N,Orin,Orin,1,A78AE,resnet50,Offline,int8,256,6000,samples/s,,,"
                  "nvidia-jetson-agx-orin-64gb-gpu+2*nvidia-jetson-agx-orin-64gb-dla,s,," }),
            "module.csv");
        QVERIFY(rows);
        PublishedRequest request;
        request.rows = *rows;
        request.registry = &m_registry;
        request.registryDirs = { kRegistry };
        request.benchmarks = findPublishedBenchmarks({ kModels });
        request.offlineBatches = { 8, 32 };
        auto v = validatePublished(request);
        QVERIFY2(v, v ? "" : v.error().toString().c_str());
        const PublishedEstimate& e = v->estimates.front();
        QVERIFY(e.estimated);

        const Direct gpu = direct(m_registry, "nvidia-jetson-agx-orin-64gb-gpu", "tensorrt", Precision::INT8, 256, {}, false);
        Direct dla;
        for (int64_t b : { 8, 32 }) {
            const Direct d = direct(m_registry, "nvidia-jetson-agx-orin-64gb-dla", "onnxruntime", Precision::INT8, b, {}, false);
            if (d.samplesPerSecond > dla.samplesPerSecond)
                dla = d;
        }
        const double staticWatts = gpu.staticWatts;
        const double dynamic = (gpu.watts - gpu.staticWatts) + 2 * (dla.watts - dla.staticWatts);
        double samples = gpu.samplesPerSecond + 2 * dla.samplesPerSecond;
        double watts = staticWatts + dynamic;
        if (watts > 60) {
            const double f = std::clamp(std::cbrt((60 - staticWatts) / dynamic), 0.3, 1.0);
            samples *= f;
            watts = staticWatts + dynamic * f * f * f;
            QVERIFY(e.powerLimited);
        }
        QVERIFY2(near(e.estimate, samples, 1e-9), qPrintable(QString::number(e.estimate) + u" vs "_qs + QString::number(samples)));
        QVERIFY(near(e.estimatedWatts, watts, 1e-9));
        QVERIFY(e.estimatedWatts <= 60 + 1e-6);
    }

    /// As a user runs it: a report on standard output, and a malformed file named with its line.
    void commandLine()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"rows.csv"_qs);
        {
            std::ofstream out(file.toStdString());
            out << csv({ "v3.1,NVIDIA,L4x1,NVIDIA L4,1,Xeon,resnet50,Offline,int8,32,12882.5,samples/s,,,nvidia-l4,src,," });
        }
        const auto run = graphs::testing::runCli({ u"validate"_qs, u"--published"_qs, file, u"--models"_qs,
            QString::fromStdString(kModels), u"--format"_qs, u"csv"_qs });
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith("round,submitter,system,accelerator"));
        QVERIFY(lines[1].contains(",nvidia-l4,tensorrt,int8,32,published,12882.500000,"));

        const auto md = graphs::testing::runCli({ u"validate"_qs, u"--published"_qs, file, u"--models"_qs,
            QString::fromStdString(kModels) });
        QCOMPARE(md.exitCode, 0);
        QVERIFY(md.out.contains("- rows estimated: 1 (skipped: 0)"));
        QVERIFY(md.out.contains("| v3.1 | NVIDIA L4x1 | nvidia-l4 | resnet50 | Offline | 32 | 12882 samples/s |"));

        {
            std::ofstream out(file.toStdString());
            out << csv({ "v3.1,NVIDIA,L4x1,NVIDIA L4,1,Xeon,resnet50,Server,int8,32,1,samples/s,,,nvidia-l4,src,," });
        }
        const auto bad = graphs::testing::runCli({ u"validate"_qs, u"--published"_qs, file });
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("rows.csv:2: column 'scenario'"), bad.err.constData());

        const auto clash = graphs::testing::runCli({ u"validate"_qs, u"--published"_qs, file, u"--hardware"_qs,
            u"local"_qs });
        QCOMPARE(clash.exitCode, 2);
    }

private:
    HardwareRegistry m_registry;
};

QTEST_GUILESS_MAIN(TestPublishedResults)
#include "tst_published_results.moc"
