// `graphs benchmark --suite`: suites found by name or file, dry runs, measurements appended to the registry as
// taken, and errors with the right exit codes. The fake runner stands in for a runtime.

#include "cli_process.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using graphs::testing::Run;
using graphs::testing::runCli;

class TestCliSuites : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeSuite(const QByteArray& body)
    {
        const QString path = m_dir.filePath(QStringLiteral("mine.yaml"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write("schema: 1\nsuite: mine\ndescription: a test suite\n" + body);
        return path;
    }

private slots:
    void listsBundledSuites()
    {
        const Run r = runCli({ QStringLiteral("benchmark"), QStringLiteral("--list-suites") });
        QCOMPARE(r.exitCode, 0);
        for (const char* name : { "quick", "calibration", "roofs" })
            QVERIFY2(r.out.contains(QByteArray("\n") + name) || r.out.startsWith(name), r.out.constData());
    }

    void dryRunListsEveryCase()
    {
        const Run r = runCli({ QStringLiteral("benchmark"), QStringLiteral("--suite"), QStringLiteral("calibration"),
            QStringLiteral("--dry-run") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("suite calibration: "));
        QVERIFY(r.out.count("conv-depthwise/conv2d") >= 10);
        QVERIFY(r.out.contains("attention/attention"));
    }

    void suiteFileMeasuresAndSaves()
    {
        const QString suite = writeSuite("settings: {min_samples: 3, max_seconds: 0}\n"
                                         "operators:\n"
                                         "  - {group: mm, op: matmul, grid: {m: [8, 16], n: 8, k: 8}}\n"
                                         "  - {group: sm, op: softmax, grid: {rows: 4, cols: 8}}\n");
        const QString registry = m_dir.filePath(QStringLiteral("registry"));
        const Run r = runCli({ QStringLiteral("benchmark"), QStringLiteral("--suite"), suite, QStringLiteral("--runner"),
            QStringLiteral(GRAPHS_FAKE_RUNNER), QStringLiteral("--threads"), QStringLiteral("2"),
            QStringLiteral("--registry"), registry, QStringLiteral("-f"), QStringLiteral("json") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc[QLatin1String("suite")].toString(), QStringLiteral("mine"));
        // Every sensor kind is listed, present or absent with the reason.
        const QJsonArray sensors = doc[QLatin1String("environment")].toObject()[QLatin1String("energy_sensors")].toArray();
        QCOMPARE(sensors.size(), 3);
        QVERIFY(sensors.at(0).toString().startsWith(QLatin1String("rapl: ")));
        const QJsonArray rows = doc[QLatin1String("measurements")].toArray();
        QCOMPARE(rows.size(), 3);
        const QJsonObject first = rows.at(0).toObject();
        QCOMPARE(first[QLatin1String("kind")].toString(), QStringLiteral("operator"));
        QCOMPARE(first[QLatin1String("flops")].toDouble(), 2.0 * 8 * 8 * 8);
        QCOMPARE(first[QLatin1String("threads")].toInt(), 2); // recorded as asked, never "default"
        QCOMPARE(first[QLatin1String("samples")].toInt(), 3);
        QVERIFY(first[QLatin1String("energy_j")].isNull()); // no sensor: absent, not zero
        // One CSV row per measurement, under the runtime the runner named.
        QFile csv(registry + QStringLiteral("/benchmarks/local/fake/mine.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), 4);
        QVERIFY(QFile::exists(registry + QStringLiteral("/benchmarks/local/fake/mine.json")));
    }

    /// The quick suite end to end with the built-in runtime: what `graphs benchmark --suite quick` does for a user.
    void quickSuiteWithNativeRuntime()
    {
        const QString registry = m_dir.filePath(QStringLiteral("quick-registry"));
        const Run r = runCli({ QStringLiteral("benchmark"), QStringLiteral("--suite"), QStringLiteral("quick"),
            QStringLiteral("--registry"), registry, QStringLiteral("-f"), QStringLiteral("json") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(r.out).object()[QLatin1String("measurements")].toArray();
        QSet<QString> kinds, ops;
        int operators = 0;
        for (const QJsonValue& v : rows) {
            const QJsonObject row = v.toObject();
            kinds << row[QLatin1String("kind")].toString();
            QVERIFY(row[QLatin1String("median_ms")].toDouble() > 0);
            if (row[QLatin1String("kind")].toString() == QLatin1String("operator")) {
                ++operators;
                QCOMPARE(row[QLatin1String("runtime")].toString(), QStringLiteral("native"));
                QVERIFY(row[QLatin1String("flops")].toDouble() > 0);
                ops << row[QLatin1String("detail")].toString().section(QLatin1Char('/'), 0, 0);
            }
        }
        QCOMPARE(kinds, (QSet<QString> { QStringLiteral("roof"), QStringLiteral("operator") }));
        QCOMPARE(ops.size(), 8); // every operator family of the schema
        QFile csv(registry + QStringLiteral("/benchmarks/local/native/quick.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), rows.size() + 1);
        QVERIFY(operators >= 8);

        // The measurements just taken calibrate the native runtime of this machine.
        const Run fit = runCli({ QStringLiteral("calibrate"), QStringLiteral("--runtime"), QStringLiteral("native"),
            QStringLiteral("--registry"), registry });
        QVERIFY2(fit.exitCode == 0, fit.err.constData());
        QVERIFY(fit.out.startsWith("calibration of local × native (fp32) from " + QByteArray::number(operators)));
        QVERIFY(fit.out.contains("matrix"));
        QVERIFY(!fit.out.contains("nan"));
        const Run none = runCli({ QStringLiteral("calibrate"), QStringLiteral("--runtime"), QStringLiteral("onnxruntime"),
            QStringLiteral("--registry"), registry });
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains("no measurements for local × onnxruntime"), none.err.constData());
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("nothing to do") << QStringList { QStringLiteral("benchmark") } << 2 << u"give --suite"_qs;
        QTest::newRow("unknown suite") << QStringList { QStringLiteral("benchmark"), QStringLiteral("-s"), QStringLiteral("nonesuch") }
                                       << 2 << u"unknown suite 'nonesuch' (known: calibration"_qs;
        QTest::newRow("missing file") << QStringList { QStringLiteral("benchmark"), QStringLiteral("-s"), QStringLiteral("/no/such.yaml") }
                                      << 2 << u"/no/such.yaml: no such suite file"_qs;
        QTest::newRow("bad format") << QStringList { QStringLiteral("benchmark"), QStringLiteral("-s"), QStringLiteral("quick"),
            QStringLiteral("-f"), QStringLiteral("xml") } << 2 << u"unknown --format 'xml'"_qs;
        QTest::newRow("bad target") << QStringList { QStringLiteral("benchmark"), QStringLiteral("-s"), QStringLiteral("quick"),
            QStringLiteral("--target-ci"), QStringLiteral("2") } << 2 << u"--target-ci"_qs;
        // Contradictory options are refused, never resolved by silently ignoring one.
        QTest::newRow("list and dry run") << QStringList { QStringLiteral("benchmark"), QStringLiteral("--list-suites"),
            QStringLiteral("--dry-run") } << 2 << u"--list-suites excludes --dry-run"_qs;
        QTest::newRow("list and suite") << QStringList { QStringLiteral("benchmark"), QStringLiteral("--list-suites"),
            QStringLiteral("-s"), QStringLiteral("quick") } << 2 << u"--suite excludes --list-suites"_qs;
        QTest::newRow("name and no save") << QStringList { QStringLiteral("benchmark"), QStringLiteral("-s"),
            QStringLiteral("quick"), QStringLiteral("--results-name"), QStringLiteral("x"), QStringLiteral("--no-save") }
                                          << 2 << u"--results-name excludes --no-save"_qs;
        QTest::newRow("uncalibrated without hardware") << QStringList { QStringLiteral("analyze"),
            QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx"), QStringLiteral("--uncalibrated") }
                                                       << 2 << u"--uncalibrated requires --hardware"_qs;
    }

    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        const Run r = runCli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.err).contains(fragment), r.err.constData());
    }

    void badSuiteFileNamesItsLine()
    {
        const QString suite = writeSuite("operators:\n  - {group: g, op: matmul, grid: {m: 1, n: 1, z: 1}}\n");
        const Run r = runCli({ QStringLiteral("benchmark"), QStringLiteral("--suite"), suite, QStringLiteral("--no-save") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("mine.yaml:5: key 'operators[0].grid.z'"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliSuites)
#include "tst_cli_suites.moc"
