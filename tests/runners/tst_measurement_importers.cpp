// Importers for measurements taken elsewhere: this program's own results CSV (round trip), upstream schema-2.0
// per-subgraph JSON and v4 operator baseline CSVs (small fixtures written here, and every upstream file under
// ../shared when it is there), the hardware mapping, the energy-absent rule, re-import without duplicates, and
// every bad input as a data row checked by message fragment.

#include "benchmarks/measurement_importers.h"
#include "benchmarks/results_registry.h"

#include "optional_dependencies.h"
#include "test_files.h"
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace graphs;

namespace {

/// Two subgraphs of a made-up model on the Orin AGX; latencies in ms, achieved_flops = flops / latency.
const QByteArray kSchema2 = R"({"schema_version": "2.0", "measurement_type": "efficiency", "model": "tinynet",
 "hardware_id": "jetson_orin_agx_maxn", "device": "cuda", "precision": "FP16", "thermal_profile": "MAXN",
 "measurement_date": "2026-02-05T23:17:24.770788", "tool_version": "measure_efficiency.py v2.0", "batch_size": 1,
 "subgraphs": [
  {"subgraph_id": 0, "fusion_pattern": "Conv2d_ReLU", "operation_type": "conv2d", "flops": 2000000,
   "total_bytes": 40000, "achieved_flops": 2000000000.0, "node_names": ["conv1", "relu1"],
   "measured_latency": {"mean": 1.0, "std": 0.1, "min": 0.9, "max": 1.3, "ci_lower": 0.97, "ci_upper": 1.03,
                        "samples": 50}},
  {"subgraph_id": 1, "fusion_pattern": "Unfused", "operation_type": "unfused", "flops": 0, "total_bytes": 800,
   "achieved_flops": 0.0, "node_names": ["flatten"],
   "measured_latency": {"mean": 0.5, "std": 0.05, "min": 0.45, "max": 0.7, "ci_lower": 0.49, "ci_upper": 0.51,
                        "samples": 40}}],
 "model_summary": {"total_flops": 2000000, "total_bytes": 40800, "total_latency_ms": 1.5, "num_subgraphs": 2}}
)";

const QByteArray kV4 = "hardware,op,shape,dtype,latency_s,energy_j,trial_count,notes\n"
                       "jetson_orin_nano_8gb,matmul,2x3x4,fp16,0.000125,0.00105,11,\"INA3221: window 1.4ms below "
                       "8ms averaging period; energy noisy; rails=['VDD_IN', 'VDD_SOC']\"\n"
                       "jetson_orin_nano_8gb,linear,2x3x4,fp16,0.0002,0.0,11,\n"
                       "jetson_orin_nano_8gb,vector_add,1000,fp16,0.0001,0.0009,11,\"rails=['VDD_IN', 'VDD_SOC']\"\n";

QString errorText(const Error& e)
{
    return QString::fromStdString(e.toString());
}

bool anyWarningContains(const ImportedMeasurements& m, const char* fragment)
{
    return std::any_of(m.warnings.begin(), m.warnings.end(),
        [&](const Diagnostic& d) { return d.message.find(fragment) != std::string::npos; });
}

} // namespace

class TestMeasurementImporters : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        return graphs::testing::writeTestFile(m_dir, name, bytes);
    }

    static ImportedMeasurements imported(const QString& path, const MeasurementImportOptions& options = {})
    {
        auto result = importMeasurements(path.toStdString(), options);
        if (!result)
            qFatal("%s", result.error().toString().c_str());
        return *result;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void detectsTheFormatFromContent_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("format");
        QTest::newRow("schema-2.0 json") << kSchema2 << int(MeasurementFormat::Schema2Json);
        QTest::newRow("v4 csv") << kV4 << int(MeasurementFormat::V4BaselineCsv);
        QTest::newRow("v4 csv with a byte-order mark")
            << QByteArray("\xEF\xBB\xBF") + kV4 << int(MeasurementFormat::V4BaselineCsv);
    }

    void detectsTheFormatFromContent()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, format);
        // A misleading extension: the content decides.
        const QString path = writeFile(QStringLiteral("detect/measurements.txt"), content);
        QCOMPARE(int(imported(path).format), format);
    }

    void ownCsvRoundTrips()
    {
        QTemporaryDir there;
        EnvironmentFingerprint env;
        env.cpuModel = "Other CPU";
        env.cores = 8;
        env.date = "2026-01-02T03:04:05Z";
        env.toolVersion = "0.9";
        auto file = ResultsFile::open(there.path().toStdString(), "raspberry-pi-5", "fake", "workloads", env);
        QVERIFY(file.ok());
        std::vector<MeasurementRecord> rows(4); // the last: a roof, which the program measures itself
        for (size_t i = 0; i < rows.size(); ++i) {
            MeasurementRecord& r = rows[i];
            r.date = env.date;
            r.benchmark = "net \"" + std::to_string(i) + "\", with a comma";
            r.kind = i == 0 ? MeasurementKind::Workload : i == 3 ? MeasurementKind::Roof : MeasurementKind::Operator;
            r.runtime = i == 3 ? std::string(BuiltinRuntime) : "fake";
            r.runtimeVersion = "1.0";
            r.samples = 20;
            r.minMs = 1.0 + i;
            r.medianMs = 1.25 + i;
            r.meanMs = 1.3 + i;
            r.stdMs = 0.1 / 3;
            r.p90Ms = i == 2 ? 0 : 1.5 + i; // 0: unknown, an empty cell
            r.ciLowMs = 1.2 + i;
            r.ciHighMs = 1.3 + i;
            r.precision = i == 1 ? "fp16" : "fp32";
            r.shape = "M=64,N=64,K=64";
            r.flops = i == 0 ? -1 : 524288;
            if (i == 1) {
                r.energyJ = 0.015;
                r.powerSensor = "rapl";
            }
            QVERIFY(file->append(r).ok());
        }
        const ImportedMeasurements m = imported(QString::fromStdString(file->path()));
        QCOMPARE(int(m.format), int(MeasurementFormat::ResultsCsv));
        QCOMPARE(m.hardwareId, std::string("raspberry-pi-5")); // from the sidecar
        QCOMPARE(m.runtime, std::string("fake"));
        QCOMPARE(m.suite, std::string("imported-workloads"));
        QCOMPARE(m.environment.cpuModel, std::string("Other CPU"));

        QTemporaryDir here;
        auto saved = saveImportedMeasurements(m, here.path().toStdString());
        QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().toString().c_str());
        QCOMPARE(saved->appended, rows.size());
        auto loaded = loadResults(saved->path);
        QVERIFY(loaded.ok());
        for (MeasurementRecord& r : rows)
            r.source = "workloads.csv";
        QVERIFY(*loaded == rows); // the roof stays builtin, the rest are the file's runtime

        // Two runtimes besides the builtin roofs: which one would the file be?
        MeasurementRecord other = rows[1];
        other.runtime = "other";
        QVERIFY(file->append(other).ok());
        auto mixed = importMeasurements(file->path(), {});
        QVERIFY(!mixed.ok());
        QVERIFY2(mixed.error().message.find("several runtimes (fake, other)") != std::string::npos,
            mixed.error().message.c_str());
    }

    void ownCsvOfALocalMachineNeedsHardware()
    {
        QTemporaryDir there;
        EnvironmentFingerprint env;
        env.cpuModel = "Far Away CPU";
        auto file = ResultsFile::open(there.path().toStdString(), "local", "fake", "workloads", env);
        QVERIFY(file.ok());
        MeasurementRecord r;
        r.benchmark = "net";
        r.kind = MeasurementKind::Workload;
        r.runtime = "fake";
        r.samples = 5;
        r.minMs = r.medianMs = r.meanMs = 2;
        QVERIFY(file->append(r).ok());
        auto refused = importMeasurements(file->path(), {});
        QVERIFY(!refused.ok());
        QVERIFY2(errorText(refused.error()).contains(QStringLiteral("'local' entry of its own machine (Far Away CPU)")),
            refused.error().toString().c_str());
        MeasurementImportOptions options;
        options.hardwareId = "raspberry-pi-5";
        const ImportedMeasurements m = imported(QString::fromStdString(file->path()), options);
        QCOMPARE(m.hardwareId, std::string("raspberry-pi-5"));
        QCOMPARE(m.records.size(), size_t(1));
    }

    void schema2JsonGivesOneRecordPerSubgraph()
    {
        const ImportedMeasurements m = imported(writeFile(QStringLiteral("orin/fp16/tinynet_b1.json"), kSchema2));
        QCOMPARE(m.hardwareId, std::string("nvidia-jetson-agx-orin-64gb-gpu"));
        QCOMPARE(m.runtime, std::string("pytorch"));
        QCOMPARE(m.suite, std::string("imported-tinynet_b1"));
        QCOMPARE(m.provenance.device, std::string("cuda"));
        QCOMPARE(m.provenance.thermalProfile, std::string("MAXN"));
        QCOMPARE(m.records.size(), size_t(2)); // no workload record: the summary total is the sum of the subgraphs
        const MeasurementRecord& r = m.records[0];
        QCOMPARE(r.benchmark, std::string("tinynet/sg0"));
        QCOMPARE(r.kind, MeasurementKind::Subgraph);
        QCOMPARE(r.precision, std::string("fp16"));
        QCOMPARE(r.samples, int64_t(50));
        QCOMPARE(r.meanMs, 1.0);
        QCOMPARE(r.medianMs, 1.0); // no median given: the mean, with a warning
        QCOMPARE(r.minMs, 0.9);
        QCOMPARE(r.p90Ms, 0.0); // unknown, not invented
        QCOMPARE(r.ciLowMs, 0.97);
        QCOMPARE(r.flops, 2e6);
        QCOMPARE(r.bytes, 4e4);
        QVERIFY(!r.energyJ);
        QCOMPARE(r.detail, std::string("Conv2d_ReLU (conv2d): conv1, relu1"));
        QCOMPARE(r.source, std::string("tinynet_b1.json"));
        QCOMPARE(r.date, std::string("2026-02-05T23:17:24.770788"));
        QCOMPARE(m.records[1].samples, int64_t(40));
        QVERIFY(anyWarningContains(m, "no median"));
        QVERIFY(anyWarningContains(m, "no p90"));
        QVERIFY(anyWarningContains(m, "sum of the subgraph means"));
    }

    void schema2JsonWholeModelMeasurementIsAWorkload()
    {
        QByteArray json = kSchema2;
        json.replace("\"total_latency_ms\": 1.5,",
            "\"total_latency_ms\": 1.4, \"measured_latency\": {\"mean\": 1.4, \"std\": 0.1, \"min\": 1.3, "
            "\"median\": 1.38, \"samples\": 30},");
        const ImportedMeasurements m = imported(writeFile(QStringLiteral("whole/tinynet_b1.json"), json));
        QCOMPARE(m.records.size(), size_t(3));
        const MeasurementRecord& w = m.records.back();
        QCOMPARE(w.kind, MeasurementKind::Workload);
        QCOMPARE(w.benchmark, std::string("tinynet"));
        QCOMPARE(w.medianMs, 1.38);
        QCOMPARE(w.samples, int64_t(30));
        QCOMPARE(w.flops, 2e6);
    }

    void v4BaselineGivesOneRecordPerRow()
    {
        const ImportedMeasurements m = imported(writeFile(QStringLiteral("v4/nano_ops.csv"), kV4));
        QCOMPARE(m.hardwareId, std::string("nvidia-jetson-orin-nano-8gb-gpu"));
        QCOMPARE(m.provenance.device, std::string("cuda"));
        QCOMPARE(m.records.size(), size_t(3));
        const MeasurementRecord& matmul = m.records[0];
        QCOMPARE(matmul.benchmark, std::string("matmul/2x3x4"));
        QCOMPARE(matmul.kind, MeasurementKind::Operator);
        QCOMPARE(matmul.shape, std::string("M=2,K=3,N=4"));
        QCOMPARE(matmul.precision, std::string("fp16"));
        QCOMPARE(matmul.samples, int64_t(11));
        QVERIFY(std::abs(matmul.medianMs - 0.125) < 1e-12); // seconds → ms
        QCOMPARE(matmul.minMs, matmul.medianMs);
        QCOMPARE(matmul.meanMs, matmul.medianMs);
        QCOMPARE(matmul.stdMs, 0.0);
        QCOMPARE(matmul.p90Ms, 0.0);
        QCOMPARE(matmul.flops, 2.0 * 2 * 3 * 4);
        QCOMPARE(matmul.bytes, (2.0 * 3 + 3 * 4 + 2 * 4) * 2);
        QVERIFY(matmul.energyJ && *matmul.energyJ == 0.00105);
        QCOMPARE(matmul.powerSensor, std::string("ina3221"));
        QVERIFY(matmul.detail.find("INA3221: window 1.4ms") != std::string::npos);

        const MeasurementRecord& linear = m.records[1];
        QCOMPARE(linear.shape, std::string("B=2,IN=3,OUT=4"));
        QCOMPARE(linear.batch, int64_t(2));
        QCOMPARE(linear.flops, 2.0 * 2 * 3 * 4 + 2 * 4); // bias adds count
        QCOMPARE(linear.bytes, (2.0 * 3 + 4 * 3 + 4 + 2 * 4) * 2); // input, weight, bias, output
        QVERIFY(!linear.energyJ); // 0.0: not resolved → absent, never zero
        QVERIFY(linear.powerSensor.empty());

        const MeasurementRecord& add = m.records[2];
        QCOMPARE(add.shape, std::string("N=1000"));
        QCOMPARE(add.flops, 1000.0);
        QCOMPARE(add.bytes, 6000.0); // 3 fp16 vectors
        QCOMPARE(add.powerSensor, std::string("ina3221")); // the Jetson rails name the sensor

        QVERIFY(anyWarningContains(m, "energy_j is 0.0 in 1 of 3 rows"));
        QVERIFY(anyWarningContains(m, "already includes VDD_SOC"));
        QVERIFY(anyWarningContains(m, "median of trial_count runs"));
    }

    void v4Fp32VectorAddBytes()
    {
        const QByteArray csv = "hardware,op,shape,dtype,latency_s,energy_j,trial_count,notes\n"
                               "i7_12700k,vector_add,1024,fp32,2e-06,0.0,11,\n";
        const ImportedMeasurements m = imported(writeFile(QStringLiteral("v4/i7_add.csv"), csv));
        QCOMPARE(m.hardwareId, std::string("intel-core-i7-12700k"));
        QCOMPARE(m.records[0].bytes, 12.0 * 1024);
        QVERIFY(!m.records[0].energyJ);
    }

    void mapsUpstreamHardware_data()
    {
        QTest::addColumn<QByteArray>("upstream");
        QTest::addColumn<QByteArray>("device");
        QTest::addColumn<QByteArray>("expected");
        auto row = [](const char* name, const char* upstream, const char* device, const char* expected) {
            QTest::newRow(name) << QByteArray(upstream) << QByteArray(device) << QByteArray(expected);
        };
        row("agx gpu", "jetson_orin_agx_maxn", "cuda", "nvidia-jetson-agx-orin-64gb-gpu");
        row("agx cpu", "jetson_orin_agx_maxn", "cpu", "nvidia-jetson-agx-orin-64gb-cpu");
        row("i7", "i7_12700k", "cpu", "intel-core-i7-12700k");
        row("i7 long", "intel_core_i7_12700k", "cpu", "intel-core-i7-12700k");
        row("i7 dashed", "i7-12700K", "", "intel-core-i7-12700k");
        row("nano", "jetson_orin_nano_8gb", "cuda", "nvidia-jetson-orin-nano-8gb-gpu");
        row("nano default device", "jetson_orin_nano_8gb", "", "nvidia-jetson-orin-nano-8gb-gpu");
        row("i7 has no gpu", "i7_12700k", "cuda", "");
        row("unknown", "mystery_board", "cuda", "");
    }

    void mapsUpstreamHardware()
    {
        QFETCH(QByteArray, upstream);
        QFETCH(QByteArray, device);
        QFETCH(QByteArray, expected);
        const auto id = mapUpstreamHardware(upstream.toStdString(), device.toStdString());
        QCOMPARE(QByteArray::fromStdString(id.value_or("")), expected);
    }

    void overridesApply()
    {
        QByteArray json = kSchema2;
        json.replace("jetson_orin_agx_maxn", "mystery_board");
        MeasurementImportOptions options;
        options.hardwareId = "nvidia-h100-sxm5";
        options.runtime = "torch-2.3";
        options.suite = "agx-fp16";
        const ImportedMeasurements m = imported(writeFile(QStringLiteral("override/m.json"), json), options);
        QCOMPARE(m.hardwareId, std::string("nvidia-h100-sxm5"));
        QCOMPARE(m.suite, std::string("agx-fp16"));
        QCOMPARE(m.records[0].runtime, std::string("torch-2.3"));
    }

    void reimportAddsNothing()
    {
        QTemporaryDir registry;
        const ImportedMeasurements fp16 = imported(writeFile(QStringLiteral("same/fp16/tinynet_b1.json"), kSchema2));
        QByteArray fp32Json = kSchema2;
        fp32Json.replace("FP16", "FP32");
        const ImportedMeasurements fp32 = imported(writeFile(QStringLiteral("same/fp32/tinynet_b1.json"), fp32Json));
        const std::string dir = registry.path().toStdString();
        auto first = saveImportedMeasurements(fp16, dir);
        QVERIFY(first.ok() && first->appended == 2);
        auto again = saveImportedMeasurements(fp16, dir);
        QVERIFY(again.ok());
        QCOMPARE(again->appended, size_t(0));
        QCOMPARE(again->alreadyPresent, size_t(2));
        // Same file name, same suite, other precision: other rows, kept.
        auto other = saveImportedMeasurements(fp32, dir);
        QVERIFY(other.ok() && other->appended == 2 && other->path == first->path);
        auto dry = saveImportedMeasurements(fp32, dir, true);
        QVERIFY(dry.ok() && dry->appended == 0 && dry->alreadyPresent == 2);
        QCOMPARE(loadResults(first->path)->size(), size_t(4));
    }

    void dryRunWritesNothing()
    {
        QTemporaryDir registry;
        const ImportedMeasurements m = imported(writeFile(QStringLiteral("dry/nano_ops.csv"), kV4));
        auto saved = saveImportedMeasurements(m, registry.path().toStdString(), true);
        QVERIFY(saved.ok());
        QCOMPARE(saved->appended, size_t(3));
        QVERIFY(QDir(registry.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    }

    void implausibleEnergiesAreDropped()
    {
        ImportedMeasurements m = imported(writeFile(QStringLiteral("power/nano_ops.csv"), kV4));
        // 0.00105 J in 0.125 ms is 8.4 W; 0.0009 J in 0.1 ms is 9 W.
        dropImplausibleEnergies(m, 50);
        QVERIFY(m.records[0].energyJ && m.records[2].energyJ);
        dropImplausibleEnergies(m, 8.5);
        QVERIFY(m.records[0].energyJ);
        QVERIFY(!m.records[2].energyJ && m.records[2].powerSensor.empty());
        QVERIFY(anyWarningContains(m, "1 of 3 energies imply more than 8.5 W"));
    }

    void inconsistentRepeatsAreFlagged()
    {
        ImportedMeasurements a = imported(writeFile(QStringLiteral("repeat/a.csv"), kV4));
        ImportedMeasurements b = a;
        ImportedMeasurements c = a;
        // b: the same rows, one 1000× slower (a run written in another unit); c: within run-to-run variation.
        b.records[1].medianMs *= 1000;
        c.records[1].medianMs *= 1.5;
        flagInconsistentRepeats({ { "a.csv", &a }, { "b.csv", &b }, { "c.csv", &c } }, 100);
        QVERIFY2(anyWarningContains(a, "1 row(s) measure the same as rows of b.csv but differ more than 100× (the most: "
                                       "1000×, "),
            a.warnings.empty() ? "" : a.warnings.back().message.c_str());
        QVERIFY(anyWarningContains(b, "rows of a.csv"));
        QVERIFY(anyWarningContains(b, "rows of c.csv"));
        QVERIFY(!anyWarningContains(c, "rows of a.csv"));
        // Nothing is dropped: which file is right the files do not say.
        QCOMPARE(b.records.size(), a.records.size());

        // Rows at other thread counts measure something else.
        ImportedMeasurements d = a;
        d.warnings.clear();
        for (MeasurementRecord& r : d.records) {
            r.threads += 1;
            r.medianMs *= 1000;
        }
        ImportedMeasurements e = a;
        e.warnings.clear();
        flagInconsistentRepeats({ { "d.csv", &d }, { "e.csv", &e } }, 100);
        QVERIFY(d.warnings.empty() && e.warnings.empty());
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("suite");
        QTest::addColumn<QByteArray>("fragment");
        auto json = [](const char* from, const char* to) { return QByteArray(kSchema2).replace(from, to); };
        auto v4 = [](const char* from, const char* to) { return QByteArray(kV4).replace(from, to); };
        const QString j = QStringLiteral("m.json");
        const QString c = QStringLiteral("m.csv");
        const QString none;
        QTest::newRow("empty") << c << QByteArray(" \n") << none << QByteArray("the file is empty");
        QTest::newRow("unknown format") << c << QByteArray("a,b\n1,2\n") << none
                                        << QByteArray(":1: not a measurement file");
        QTest::newRow("json missing key") << j << json("\"mean\": 0.5, ", "") << none
                                          << QByteArray("$.subgraphs[1].measured_latency.mean is missing");
        QTest::newRow("json not a number")
            << j << json("\"mean\": 0.5", "\"mean\": \"fast\"") << none
            << QByteArray("$.subgraphs[1].measured_latency.mean is not a number (string)");
        QTest::newRow("json NaN") << j << json("\"mean\": 0.5", "\"mean\": NaN") << none
                                  << QByteArray("JSON has no NaN");
        QTest::newRow("json zero latency") << j << json("\"mean\": 0.5", "\"mean\": 0") << none
                                           << QByteArray("measured_latency.mean must be positive, got 0");
        QTest::newRow("json negative latency")
            << j << json("\"min\": 0.45", "\"min\": -0.45") << none
            << QByteArray("$.subgraphs[1].measured_latency.min must be positive, got -0.45");
        QTest::newRow("json min above mean")
            << j << json("\"min\": 0.45", "\"min\": 0.6") << none << QByteArray("min 0.6 exceeds mean 0.5");
        QTest::newRow("json no samples") << j << json("\"samples\": 50", "\"samples\": 0") << none
                                         << QByteArray(
                                                "$.subgraphs[0].measured_latency.samples must be a whole number");
        QTest::newRow("json seconds") << j
                                      << json("\"mean\": 1.0, \"std\": 0.1, \"min\": 0.9",
                                             "\"mean\": 0.001, \"std\": 0.0001, \"min\": 0.0009")
                                      << none << QByteArray("does not look like milliseconds");
        QTest::newRow("json repeated id") << j << json("\"subgraph_id\": 1", "\"subgraph_id\": 0") << none
                                          << QByteArray("$.subgraphs[1].subgraph_id 0 repeats $.subgraphs[0]");
        QTest::newRow("json no hardware") << j << json("\"hardware_id\": \"jetson_orin_agx_maxn\",", "") << none
                                          << QByteArray("$.hardware_id is missing");
        QTest::newRow("json unknown hardware") << j << json("jetson_orin_agx_maxn", "mystery_board") << none
                                               << QByteArray("unknown hardware id 'mystery_board' on device 'cuda'");
        QTest::newRow("json old schema") << j << json("\"2.0\"", "\"1.0\"") << none
                                         << QByteArray("'1.0' is not supported");
        QTest::newRow("json truncated") << j << kSchema2.left(200) << none << QByteArray("not valid JSON");
        QTest::newRow("v4 not a number") << c << v4(",0.0002,", ",fast,") << none
                                         << QByteArray(":3: column 'latency_s': 'fast' is not a finite number");
        QTest::newRow("v4 NaN") << c << v4(",0.0002,", ",nan,") << none << QByteArray(":3: column 'latency_s': 'nan'");
        QTest::newRow("v4 infinite latency") << c << v4(",0.0002,", ",inf,") << none
                                             << QByteArray(":3: column 'latency_s': 'inf' is not a finite number");
        QTest::newRow("json number overflow") << j << json("\"mean\": 0.5", "\"mean\": 1e999") << none
                                              << QByteArray("not valid JSON: number overflow");
        QTest::newRow("v4 zero latency") << c << v4(",0.0002,", ",0,") << none
                                         << QByteArray(":3: column 'latency_s': must be positive, got 0");
        QTest::newRow("v4 negative latency")
            << c << v4(",0.0002,", ",-0.0002,") << none << QByteArray("must be positive, got -0.0002");
        QTest::newRow("v4 negative energy")
            << c << v4(",0.0,", ",-0.1,") << none << QByteArray(":3: column 'energy_j': must not be negative");
        QTest::newRow("v4 NaN energy") << c << v4(",0.0,", ",NaN,") << none
                                       << QByteArray(":3: column 'energy_j': 'NaN'");
        QTest::newRow("v4 bad shape") << c << v4("2x3x4,fp16,0.000125", "2x3,fp16,0.000125") << none
                                      << QByteArray(":2: column 'shape': shape '2x3' of matmul must be MxKxN");
        QTest::newRow("v4 no trials") << c << v4(",11,\"rails", ",0,\"rails") << none
                                      << QByteArray(":4: column 'trial_count'");
        QTest::newRow("v4 two hardware") << c << v4("jetson_orin_nano_8gb,vector_add", "i7_12700k,vector_add") << none
                                         << QByteArray(":4: column 'hardware': 'i7_12700k' differs");
        QTest::newRow("v4 short row") << c << kV4 + "jetson_orin_nano_8gb,matmul\n"
                                      << none << QByteArray(":5: 2 fields, the header has 8");
        QTest::newRow("v4 missing column")
            << c << v4("trial_count", "trials") << none << QByteArray(":1: column 'trial_count' is missing");
        QTest::newRow("v4 unknown hardware") << c << v4("jetson_orin_nano_8gb", "mystery_board") << none
                                             << QByteArray(":2: unknown hardware id 'mystery_board'");
        QTest::newRow("v4 header only") << c << kV4.left(kV4.indexOf('\n') + 1) << none
                                        << QByteArray("holds no measurements");
        QTest::newRow("bad suite") << c << kV4 << QStringLiteral("../x")
                                   << QByteArray("suite '../x' cannot name a results file");
        const QByteArray own = "date,benchmark,kind,runtime,runtime_version,batch,threads,samples,min_ms,median_ms,"
                               "mean_ms,std_ms,p90_ms,ci_low_ms,ci_high_ms,materialized_weights\n"
                               "d,net,workload,rt,1,1,2,5,1,2,2,0.1,3,1.5,2.5,false\n";
        QTest::newRow("own csv, no hardware") << c << own << none << QByteArray("give --hardware");
        QTest::newRow("own csv, bad row") << c << QByteArray(own).replace(",2,2,0.1", ",fast,2,0.1") << none
                                          << QByteArray(":2: column 'median_ms': 'fast' is not a number");
    }

    void badFiles()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, suite);
        QFETCH(QByteArray, fragment);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        MeasurementImportOptions options;
        options.suite = suite.toStdString();
        auto result = importMeasurements(path.toStdString(), options);
        QVERIFY2(!result.ok(), qPrintable(name));
        const QString message = errorText(result.error());
        QVERIFY2(message.startsWith(path), qPrintable(message));
        QVERIFY2(message.contains(QString::fromUtf8(fragment)), qPrintable(message));
    }

    void upstreamFilesImport()
    {
        GRAPHS_REQUIRE_SHARED(QStringLiteral("reference/upstream"));
        const QString root = graphs::testing::sharedPath(QStringLiteral("reference/upstream"));
        QTemporaryDir registry;
        int files = 0;
        QDirIterator it(
            root, { QStringLiteral("*.json"), QStringLiteral("*.csv") }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            const ImportedMeasurements m = imported(path);
            ++files;
            const QString folder = QFileInfo(path).dir().path();
            const QString name = QFileInfo(path).fileName();
            QString expectedHardware;
            size_t expected = 0;
            if (path.endsWith(QLatin1String(".json"))) {
                QCOMPARE(int(m.format), int(MeasurementFormat::Schema2Json));
                const QJsonObject doc = QJsonDocument::fromJson(bytes).object();
                expected = size_t(doc.value(QLatin1String("subgraphs")).toArray().size());
                expectedHardware = folder.contains(QLatin1String("jetson_orin_agx"))
                    ? QStringLiteral("nvidia-jetson-agx-orin-64gb-gpu")
                    : QStringLiteral("intel-core-i7-12700k");
                QCOMPARE(QString::fromStdString(m.records.front().precision),
                    doc.value(QLatin1String("precision")).toString().toLower());
            } else {
                QCOMPARE(int(m.format), int(MeasurementFormat::V4BaselineCsv));
                const QList<QByteArray> lines = bytes.trimmed().split('\n');
                expected = size_t(lines.size() - 1);
                expectedHardware = name.startsWith(QLatin1String("i7_"))
                    ? QStringLiteral("intel-core-i7-12700k")
                    : QStringLiteral("nvidia-jetson-orin-nano-8gb-gpu");
                // Energy is absent exactly where the file says 0.0 (the first seven fields hold no commas).
                for (qsizetype row = 1; row < lines.size(); ++row) {
                    const double energy = lines[row].split(',').value(5).toDouble();
                    QCOMPARE(bool(m.records[size_t(row - 1)].energyJ), energy != 0.0);
                    const double latency = lines[row].split(',').value(4).toDouble();
                    QVERIFY(std::abs(m.records[size_t(row - 1)].medianMs - latency * 1e3) <= 1e-9 * latency * 1e3);
                }
            }
            QVERIFY2(m.records.size() == expected, qPrintable(path));
            QCOMPARE(QString::fromStdString(m.hardwareId), expectedHardware);
            for (const MeasurementRecord& r : m.records) {
                QVERIFY(r.medianMs > 0 && r.minMs > 0 && r.minMs <= r.meanMs && r.samples > 0);
                QVERIFY(std::isfinite(r.medianMs) && r.stdMs >= 0);
                QVERIFY(r.precision == "fp32" || r.precision == "fp16");
                QCOMPARE(r.source, name.toStdString());
                QVERIFY(!r.energyJ || *r.energyJ > 0);
            }
            auto saved = saveImportedMeasurements(m, registry.path().toStdString());
            QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().toString().c_str());
            QCOMPARE(saved->appended + saved->alreadyPresent, expected);
            QCOMPARE(saved->alreadyPresent, size_t(0));
            auto again = saveImportedMeasurements(m, registry.path().toStdString());
            QVERIFY(again.ok() && again->appended == 0 && again->alreadyPresent == expected);
        }
        QVERIFY(files > 0);
    }
};

QTEST_GUILESS_MAIN(TestMeasurementImporters)
#include "tst_measurement_importers.moc"
