// Runs the real `graphs benchmark import`: what it saves where, re-imports without duplicates, --dry-run, the
// summary formats, one bad file leaving the registry untouched, and exit codes (1: a bad file, 2: usage).

#include "cli_process.h"

#include "optional_dependencies.h"
#include "test_files.h"
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using graphs::testing::Run;
using graphs::testing::runCli;

namespace {

const QByteArray kSchema2 = R"({"schema_version": "2.0", "model": "tinynet", "hardware_id": "jetson_orin_agx_maxn",
 "device": "cuda", "precision": "FP32", "thermal_profile": "MAXN", "measurement_date": "2026-02-05T23:17:24",
 "tool_version": "measure_efficiency.py v2.0", "batch_size": 1, "subgraphs": [
  {"subgraph_id": 0, "fusion_pattern": "Conv2d_ReLU", "flops": 2000000, "total_bytes": 40000,
   "achieved_flops": 2000000000.0, "node_names": ["conv1", "relu1"],
   "measured_latency": {"mean": 1.0, "std": 0.1, "min": 0.9, "max": 1.3, "ci_lower": 0.97, "ci_upper": 1.03,
                        "samples": 50}},
  {"subgraph_id": 1, "fusion_pattern": "Unfused", "flops": 0, "total_bytes": 800, "node_names": ["flatten"],
   "measured_latency": {"mean": 0.5, "std": 0.05, "min": 0.45, "max": 0.7, "samples": 40}}]}
)";

// The 256-element add: 0.0030 J in 1.8 us would be 1.6 kW, far above twice the i7's 125 W TDP.
const QByteArray kV4 = "hardware,op,shape,dtype,latency_s,energy_j,trial_count,notes\n"
                       "i7_12700k,matmul,64x64x64,fp32,5.778e-06,0.0,11,\n"
                       "i7_12700k,vector_add,256,fp32,1.838e-06,0.0030,11,\n"
                       "i7_12700k,vector_add,1048576,fp32,7.7259e-05,0.0057,11,\n";

} // namespace

class TestCliImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        return graphs::testing::writeTestFile(m_dir, name, bytes);
    }

    static QJsonArray files(const Run& r)
    {
        return QJsonDocument::fromJson(r.out).object().value(QLatin1String("files")).toArray();
    }

    static bool registryIsEmpty(const QString& registry)
    {
        return !QDir(registry + QStringLiteral("/benchmarks")).exists();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void importsOnceAndOnlyOnce()
    {
        QTemporaryDir registry;
        const QStringList args = { QStringLiteral("benchmark"), QStringLiteral("import"),
            writeFile(QStringLiteral("once/tinynet_b1.json"), kSchema2), writeFile(QStringLiteral("once/i7.csv"), kV4),
            QStringLiteral("--registry"), registry.path(), QStringLiteral("--format"), QStringLiteral("json") };
        const Run first = runCli(args);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const QJsonArray imported = files(first);
        QCOMPARE(imported.size(), 2);
        const QJsonObject json = imported[0].toObject();
        QCOMPARE(json.value(QLatin1String("format")).toString(), QStringLiteral("schema-2.0-json"));
        QCOMPARE(
            json.value(QLatin1String("hardware_id")).toString(), QStringLiteral("nvidia-jetson-agx-orin-64gb-gpu"));
        QCOMPARE(json.value(QLatin1String("records")).toInt(), 2);
        QCOMPARE(json.value(QLatin1String("appended")).toInt(), 2);
        const QString csv = registry.path()
            + QStringLiteral("/benchmarks/nvidia-jetson-agx-orin-64gb-gpu/pytorch/imported-tinynet_b1.csv");
        QCOMPARE(json.value(QLatin1String("results_file")).toString(), csv);
        QVERIFY(QFile::exists(csv));
        QVERIFY(QFile::exists(registry.path()
            + QStringLiteral("/benchmarks/nvidia-jetson-agx-orin-64gb-gpu/pytorch/imported-tinynet_b1.json")));

        const QJsonObject v4 = imported[1].toObject();
        QCOMPARE(v4.value(QLatin1String("hardware_id")).toString(), QStringLiteral("intel-core-i7-12700k"));
        QCOMPARE(v4.value(QLatin1String("appended")).toInt(), 3);
        const QByteArray warnings = QJsonDocument(v4.value(QLatin1String("warnings")).toArray()).toJson();
        QVERIFY2(warnings.contains("imply more than 250 W"), warnings.constData());
        QVERIFY(warnings.contains("energy_j is 0.0 in 1 of 3 rows"));

        const Run second = runCli(args);
        QCOMPARE(second.exitCode, 0);
        for (const QJsonValue& file : files(second)) {
            QCOMPARE(file.toObject().value(QLatin1String("appended")).toInt(), 0);
            QVERIFY(file.toObject().value(QLatin1String("already_present")).toInt() > 0);
        }
        QFile saved(csv);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll().trimmed().count('\n'), 2); // header + 2 rows, not 4
    }

    void dryRunWritesNothing()
    {
        QTemporaryDir registry;
        const Run r = runCli(
            { QStringLiteral("benchmark"), QStringLiteral("import"), writeFile(QStringLiteral("dry/i7.csv"), kV4),
                QStringLiteral("--registry"), registry.path(), QStringLiteral("--dry-run") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("v4-baseline-csv, hardware intel-core-i7-12700k, runtime pytorch"), r.out.constData());
        QVERIFY(r.out.contains("3 records (3 operator): 3 to append, 0 already present"));
        QVERIFY(r.out.contains("would save to "));
        QVERIFY(r.out.contains("dry run: nothing was written"));
        QVERIFY(registryIsEmpty(registry.path()));
    }

    void overridesNameTheResultsFile()
    {
        QTemporaryDir registry;
        QByteArray unknown = kV4;
        unknown.replace("i7_12700k", "bench_box_7");
        const Run r = runCli({ QStringLiteral("benchmark"), QStringLiteral("import"),
            writeFile(QStringLiteral("override/box.csv"), unknown), QStringLiteral("--registry"), registry.path(),
            QStringLiteral("--hardware"), QStringLiteral("intel-core-i7-12700k"), QStringLiteral("--runtime"),
            QStringLiteral("torch-2.3"), QStringLiteral("--suite"), QStringLiteral("box-ops") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(
            QFile::exists(registry.path() + QStringLiteral("/benchmarks/intel-core-i7-12700k/torch-2.3/box-ops.csv")));
    }

    void badFileWritesNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("fragment");
        QTest::newRow("NaN latency") << QByteArray(kV4).replace("7.7259e-05", "nan")
                                     << QByteArray(":4: column 'latency_s'");
        QTest::newRow("unknown hardware")
            << QByteArray(kV4).replace("i7_12700k", "bench_box_7") << QByteArray("unknown hardware id 'bench_box_7'");
        QTest::newRow("negative energy") << QByteArray(kV4).replace("0.0057", "-0.0057")
                                         << QByteArray(":4: column 'energy_j': must not be negative");
    }

    void badFileWritesNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, fragment);
        QTemporaryDir registry;
        const QString bad = writeFile(
            QStringLiteral("bad/%1.csv")
                .arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_'))),
            content);
        const Run r = runCli({ QStringLiteral("benchmark"), QStringLiteral("import"),
            writeFile(QStringLiteral("bad/good.json"), kSchema2), bad, QStringLiteral("--registry"), registry.path() });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(bad.toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains(fragment), r.err.constData());
        QVERIFY(r.err.contains("nothing imported"));
        QVERIFY(registryIsEmpty(registry.path())); // the good file given with it was not written either
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QByteArray>("fragment");
        QTest::newRow("unknown hardware")
            << QStringList { QStringLiteral("--hardware"), QStringLiteral("intel-core-i7-1270k") }
            << QByteArray("did you mean: intel-core-i7-12700k");
        QTest::newRow("bad format") << QStringList { QStringLiteral("--format"), QStringLiteral("yaml") }
                                    << QByteArray("unknown --format 'yaml'");
        QTest::newRow("missing file") << QStringList { QStringLiteral("/nonexistent/m.csv") }
                                      << QByteArray("/nonexistent/m.csv");
        QTest::newRow("bad suite") << QStringList { QStringLiteral("--suite"), QStringLiteral("a/b") }
                                   << QByteArray("suite 'a/b' cannot name a results file");
    }

    void usageErrors()
    {
        QFETCH(QStringList, extra);
        QFETCH(QByteArray, fragment);
        QTemporaryDir registry;
        const Run r
            = runCli(QStringList { QStringLiteral("benchmark"), QStringLiteral("import"),
                         writeFile(QStringLiteral("usage/i7.csv"), kV4), QStringLiteral("--registry"), registry.path() }
                + extra);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(fragment), r.err.constData());
        QVERIFY(registryIsEmpty(registry.path()));
    }

    void importsEveryUpstreamFile()
    {
        GRAPHS_REQUIRE_SHARED(QStringLiteral("reference/upstream"));
        const QString root = graphs::testing::sharedPath(QStringLiteral("reference/upstream"));
        QStringList args = { QStringLiteral("benchmark"), QStringLiteral("import") };
        QDirIterator it(
            root, { QStringLiteral("*.json"), QStringLiteral("*.csv") }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            args << it.next();
        const qsizetype count = args.size() - 2;
        QVERIFY2(count > 0, qPrintable(root + QStringLiteral(" holds no .json or .csv files")));
        QTemporaryDir registry;
        const Run r = runCli(args
            + QStringList {
                QStringLiteral("--registry"), registry.path(), QStringLiteral("--format"), QStringLiteral("json") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(files(r).size(), count);
        for (const QJsonValue& file : files(r)) {
            const QJsonObject o = file.toObject();
            QVERIFY(o.value(QLatin1String("records")).toInt() > 0);
            QCOMPARE(o.value(QLatin1String("records")).toInt(), o.value(QLatin1String("appended")).toInt());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cli_import.moc"
