// Runs the real `graphs calibrate`, `graphs analyze` and `graphs validate` against a temporary registry whose
// results file holds whole-model measurements of small matrix-vector products (written here) on intel-core-i7-12700k ×
// onnxruntime, so no runtime is needed: the profile saved where analyze finds it, CALIBRATED estimates, validation
// that refuses models the calibration was fitted on, stored-measurement warnings, report formats, baselines and
// usage errors.

#include "benchmarks/operator_models.h"
#include "benchmarks/results_registry.h"
#include "calibration/calibration_profile.h"
#include "cli_process.h"
#include "test_files.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using graphs::testing::Run;
using graphs::testing::runCli;

namespace {

const QString kHardware = QStringLiteral("intel-core-i7-12700k");
const QString kRuntime = QStringLiteral("onnxruntime");

/// The models the calibration is fitted on (1×N by N×N: a batch of one), and the one validated against it.
const int kFitted[] = { 64, 96, 128, 192, 256 };
constexpr int kValidated = 160;

/// What the machine "measured": the weights streamed at 20 GB/s plus 5 µs per call; the validated model 30 % slower.
double measuredMs(int n)
{
    return (4.0 * n * n / 20e9 + 5e-6) * 1e3 * (n == kValidated ? 1.3 : 1.0);
}

QString modelName(int n)
{
    return QStringLiteral("mv%1.onnx").arg(n);
}

QStringList args(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* a : list)
        out << QString::fromUtf8(a);
    return out;
}

} // namespace

class TestCliCalibration : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_registry;
    QString m_models;
    QString m_calibrationCsv;
    Run m_calibrate;

    QString model(int n) const { return m_models + u'/' + modelName(n); }

    /// The common options of every command: hardware, runtime and the temporary registry.
    QStringList target(const QString& command) const
    {
        return { command, QStringLiteral("-H"), kHardware, QStringLiteral("-r"), kRuntime, QStringLiteral("--registry"),
            m_registry };
    }

    QString profilePath() const
    {
        return m_registry + QStringLiteral("/calibration/intel-core-i7-12700k/onnxruntime/fp32.yaml");
    }

    bool writeResults(const std::string& registry, const std::string& suite, std::initializer_list<int> sizes)
    {
        auto file = graphs::ResultsFile::open(registry, kHardware.toStdString(), kRuntime.toStdString(), suite, {});
        if (!file)
            return false;
        for (int n : sizes) {
            graphs::MeasurementRecord r;
            r.date = "2026-01-01T00:00:00Z";
            r.benchmark = "mv" + std::to_string(n);
            r.kind = graphs::MeasurementKind::Workload;
            r.runtime = kRuntime.toStdString();
            r.threads = 8;
            r.samples = 20;
            r.minMs = r.medianMs = r.meanMs = measuredMs(n);
            r.detail = modelName(n).toStdString();
            if (!file->append(r))
                return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_registry = m_dir.filePath(QStringLiteral("registry"));
        m_models = m_dir.filePath(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(m_models));
        for (int n : { 64, 80, 96, 128, 160, 192, 256, 1024 }) {
            const graphs::OperatorCase c { "mm", "matmul", {}, { { "m", 1 }, { "n", n }, { "k", n } } };
            QVERIFY(graphs::writeOperatorModel(c, model(n).toStdString()));
        }
        // The fitted models in one file, the validated one in another (mv80 is never measured).
        QVERIFY(writeResults(m_registry.toStdString(), "calibration", { 64, 96, 128, 192, 256 }));
        QVERIFY(writeResults(m_registry.toStdString(), "validation", { kValidated }));
        m_calibrationCsv = m_registry + QStringLiteral("/benchmarks/intel-core-i7-12700k/onnxruntime/calibration.csv");
        QVERIFY(QFile::exists(m_calibrationCsv));

        m_calibrate = runCli(target(QStringLiteral("calibrate"))
            << QStringLiteral("--measurements") << m_calibrationCsv << QStringLiteral("--models") << m_models);
        // The bundled registry (registries/) holds the entry these tests calibrate; without it nothing here can pass.
        QVERIFY2(!m_calibrate.err.contains("unknown hardware"), m_calibrate.err.constData());
    }

    void calibrateReportsAndSaves()
    {
        QVERIFY2(m_calibrate.exitCode == 0, m_calibrate.err.constData());
        const QByteArray& out = m_calibrate.out;
        QVERIFY2(out.startsWith("calibration of intel-core-i7-12700k × onnxruntime (fp32) from 5 measurements: "
                                "0 operators, 5 points of 5 models"),
            out.constData());
        QVERIFY(out.contains("\nleave-one-model-out ("));
        for (int n : kFitted)
            QVERIFY2(out.contains("\nmv" + QByteArray::number(n) + ' '), out.constData());
        QVERIFY(out.contains("error bound stated for models outside the fit: ±"));
        QVERIFY(!out.contains("nan"));
        QVERIFY2(m_calibrate.err.contains("calibration profile saved to " + profilePath().toUtf8()),
            m_calibrate.err.constData());

        // The profile names the measurements and model folder it was fitted from, not fitted numbers.
        auto profile = graphs::loadCalibrationProfile(profilePath().toStdString());
        QVERIFY2(profile, profile ? "" : profile.error().toString().c_str());
        QCOMPARE(profile->hardware, kHardware.toStdString());
        QCOMPARE(profile->runtime, kRuntime.toStdString());
        QCOMPARE(profile->measurements, std::vector<std::string> { m_calibrationCsv.toStdString() });
        QCOMPARE(profile->modelDirs, std::vector<std::string> { m_models.toStdString() });
        QCOMPARE(profile->points, size_t(5));
        QCOMPARE(profile->models, size_t(5));

        // The entry now lists as calibrated, with its profile named; others stay theoretical.
        const Run list = runCli({ QStringLiteral("hardware"), QStringLiteral("list"), QStringLiteral("--registry"),
            m_registry });
        QVERIFY2(list.exitCode == 0, list.err.constData());
        for (const QByteArray& line : list.out.split('\n')) {
            if (line.trimmed().startsWith(kHardware.toUtf8() + ' '))
                QVERIFY2(line.trimmed().endsWith("calibrated") && !line.contains("theoretical"), line.constData());
            else if (line.trimmed().startsWith("nvidia-h100"))
                QVERIFY2(line.trimmed().endsWith("theoretical"), line.constData());
        }
        const Run show = runCli({ QStringLiteral("hardware"), QStringLiteral("show"), kHardware,
            QStringLiteral("--registry"), m_registry });
        QVERIFY2(show.out.contains("calibrated (profiles: onnxruntime/fp32)"), show.out.constData());
    }

    void calibrateJsonWithoutSaving()
    {
        // A registry of its own holding only the fitted models' file: found without --measurements.
        QTemporaryDir other;
        QVERIFY(writeResults(other.path().toStdString(), "calibration", { 64, 96, 128, 192, 256 }));
        const Run r = runCli({ QStringLiteral("calibrate"), QStringLiteral("-H"), kHardware, QStringLiteral("-r"),
            kRuntime, QStringLiteral("--registry"), other.path(), QStringLiteral("--models"), m_models,
            QStringLiteral("--no-save"), QStringLiteral("--format"), QStringLiteral("json") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonParseError error;
        const QJsonObject doc = QJsonDocument::fromJson(r.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        for (const char* key : { "hardware", "runtime", "precision", "points", "roofs", "coefficients", "fit",
                 "leave_one_model_out", "error_bound_pct" })
            QVERIFY2(doc.contains(QLatin1String(key)), key);
        QCOMPARE(doc[QLatin1String("points")].toInt(), 5);
        QVERIFY(doc[QLatin1String("coefficients")].toObject().contains(QLatin1String("matrix:compute")));
        const QJsonArray held = doc[QLatin1String("leave_one_model_out")].toArray();
        QCOMPARE(held.size(), 5);
        for (const QJsonValue& v : held) {
            const QJsonObject g = v.toObject();
            const int n = g[QLatin1String("model")].toString().mid(2).toInt();
            QVERIFY(std::abs(g[QLatin1String("measured_ms")].toDouble() / measuredMs(n) - 1) < 1e-12);
            QVERIFY(g[QLatin1String("bound_pct")].toDouble() >= 3.0);
        }
        QVERIFY(doc[QLatin1String("error_bound_pct")].toDouble() >= 3.0);
        QVERIFY(!QDir(other.filePath(QStringLiteral("calibration"))).exists());
        QVERIFY(!r.err.contains("saved"));
    }

    /// --hold-out: the named models are neither fitted nor cross-validated; the report estimates them afterwards
    /// (text and JSON), and the saved profile keeps them out. A name that is not a measured model, or a hold-out
    /// combined with --transfer-from, is refused.
    void calibrateHoldsModelsOut()
    {
        // Six models, so that the four left after holding two out can still be cross-validated (nested).
        QTemporaryDir other;
        QVERIFY(writeResults(other.path().toStdString(), "calibration", { 64, 96, 128, 160, 192, 256 }));
        const QStringList base { QStringLiteral("calibrate"), QStringLiteral("-H"), kHardware, QStringLiteral("-r"),
            kRuntime, QStringLiteral("--registry"), other.path(), QStringLiteral("--models"), m_models };
        const Run text = runCli(QStringList(base) << QStringLiteral("--hold-out") << QStringLiteral("mv64,mv256"));
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY2(text.out.contains("from 4 measurements"), text.out.constData());
        QVERIFY2(text.out.contains("\nheld out of every fit ("), text.out.constData());
        QVERIFY2(text.out.contains("\nmv64 (1) ") && text.out.contains("\nmv256 (1) "), text.out.constData());
        QVERIFY2(text.out.contains("held-out MAPE "), text.out.constData());
        auto profile = graphs::loadCalibrationProfile(
            (other.path() + QStringLiteral("/calibration/") + kHardware + QStringLiteral("/onnxruntime/fp32.yaml"))
                .toStdString());
        QVERIFY2(profile, profile ? "" : profile.error().toString().c_str());
        QCOMPARE(profile->holdOut, (std::vector<std::string> { "mv64", "mv256" }));
        QCOMPARE(profile->models, size_t(4));

        const Run json = runCli(QStringList(base) << QStringLiteral("--hold-out") << QStringLiteral("mv128")
                                                  << QStringLiteral("--no-save") << QStringLiteral("-f")
                                                  << QStringLiteral("json"));
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonArray held = QJsonDocument::fromJson(json.out).object()[QLatin1String("held_out_of_every_fit")].toArray();
        QCOMPARE(held.size(), 1);
        const QJsonObject h = held[0].toObject();
        QCOMPARE(h[QLatin1String("model")].toString(), u"mv128"_qs);
        QVERIFY(std::abs(h[QLatin1String("measured_ms")].toDouble() / measuredMs(128) - 1) < 1e-12);
        QVERIFY(h.contains(QLatin1String("estimate_ms")) && h.contains(QLatin1String("bound_pct")));

        const Run unknown = runCli(QStringList(base) << QStringLiteral("--hold-out") << QStringLiteral("mv999")
                                                     << QStringLiteral("--no-save"));
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("hold-out model 'mv999' has no measurement"), unknown.err.constData());
        const Run combined = runCli(QStringList(base) << QStringLiteral("--hold-out") << QStringLiteral("mv64")
                                                      << QStringLiteral("--transfer-from") << QStringLiteral("local"));
        QCOMPARE(combined.exitCode, 2);
        QVERIFY2(combined.err.contains("--hold-out applies to a fit"), combined.err.constData());
    }

    void analyzeUsesTheCalibration_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("confidence");
        QTest::newRow("inside the fitted range") << kValidated << QStringList {} << u"CALIBRATED"_qs;
        QTest::newRow("far larger than fitted") << 1024 << QStringList {} << u"EXTRAPOLATED"_qs;
        QTest::newRow("--uncalibrated") << kValidated << QStringList { u"--uncalibrated"_qs } << u"THEORETICAL"_qs;
    }

    void analyzeUsesTheCalibration()
    {
        QFETCH(int, size);
        QFETCH(QStringList, extra);
        QFETCH(QString, confidence);
        QStringList a = target(QStringLiteral("analyze"));
        a.insert(1, model(size));
        const Run r = runCli(a + extra);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // The latency line; energy and memory stay theoretical either way.
        QString latency;
        for (const QString& line : QString::fromUtf8(r.out).split(u'\n'))
            if (line.startsWith(u"latency "_qs))
                latency = line;
        QVERIFY2(latency.endsWith(u' ' + confidence), r.out.constData());
        QVERIFY2(r.out.contains("settings    fp32, batch 1,"), r.out.constData());
        QCOMPARE(r.err.contains("latency calibrated with " + profilePath().toUtf8()), extra.isEmpty());
    }

    void validateRefusesFittedModels()
    {
        const Run r = runCli(target(QStringLiteral("validate")) << QStringLiteral("-m") << model(128));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("measurements also used by the calibration being validated"), r.err.constData());
        QVERIFY2(r.err.contains("mv128.onnx (this measurement was fitted on)"), r.err.constData());
        QVERIFY(r.err.contains("--allow-overlap"));
        QVERIFY(r.out.isEmpty());
    }

    void validateAllowOverlapFlagsThem()
    {
        const Run r = runCli(target(QStringLiteral("validate"))
            << QStringLiteral("-m") << model(128) << model(kValidated) << QStringLiteral("--allow-overlap"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("graphs: WARNING: measurements also used by the calibration"), r.err.constData());
        QVERIFY(r.out.contains("**WARNING: 1 of 2 points were also used in calibration.**"));
        const QList<QByteArray> lines = r.out.split('\n');
        auto rowOf = [&](const QByteArray& name) {
            for (const QByteArray& l : lines)
                if (l.startsWith("| " + name + " |"))
                    return l;
            return QByteArray();
        };
        QVERIFY2(rowOf("mv128").endsWith("| **yes** |"), r.out.constData());
        QVERIFY2(rowOf("mv160").endsWith("| calibrated |  |"), r.out.constData());
    }

    void validateWarnsAboutUnmeasuredModels()
    {
        const Run r
            = runCli(target(QStringLiteral("validate")) << QStringLiteral("-m") << model(kValidated) << model(80));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("warning: no stored measurement of mv80.onnx on intel-core-i7-12700k × onnxruntime"),
            r.err.constData());
        QVERIFY(!r.err.contains("also used by the calibration"));
        QVERIFY(r.out.contains("| mv160 |"));
        QVERIFY(!r.out.contains("mv80"));

        const Run none = runCli(target(QStringLiteral("validate")) << QStringLiteral("-m") << model(80));
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains("nothing to validate"), none.err.constData());
    }

    void validateFormats()
    {
        const QStringList base = target(QStringLiteral("validate")) << QStringLiteral("-m") << model(kValidated);
        const Run csv = runCli(QStringList(base) << QStringLiteral("-f") << QStringLiteral("csv"));
        QVERIFY2(csv.exitCode == 0, csv.err.constData());
        const QList<QByteArray> lines = csv.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith("model,item,measured_s,estimated_s,"));
        QVERIFY2(lines[1].startsWith("mv160,,"), lines[1].constData());
        // %.9g in the CSV
        QVERIFY(std::abs(lines[1].split(',').value(2).toDouble() * 1e3 / measuredMs(kValidated) - 1) < 1e-8);
        QVERIFY(lines[1].endsWith(",calibrated,false"));

        const Run json = runCli(QStringList(base) << QStringLiteral("-f") << QStringLiteral("json"));
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(doc[QLatin1String("used_in_calibration")].toInt(), 0);
        const QJsonArray points = doc[QLatin1String("points")].toArray();
        QCOMPARE(points.size(), 1);
        const QJsonObject p = points.at(0).toObject();
        QCOMPARE(p[QLatin1String("model")].toString(), u"mv160"_qs);
        QCOMPARE(p[QLatin1String("confidence")].toString(), u"calibrated"_qs);
        QCOMPARE(p[QLatin1String("measured_s")].toDouble() * 1e3, measuredMs(kValidated));
        QVERIFY(p[QLatin1String("error_bound_pct")].toDouble() >= 3.0);
        QVERIFY(doc[QLatin1String("summary")].toObject().contains(QLatin1String("all")));
    }

    void validateAgainstBaseline_data()
    {
        QTest::addColumn<QByteArray>("baseline");
        QTest::addColumn<int>("exitCode");
        // mv160 was measured 30 % off the law the calibration learnt: no fit reaches a MAPE of 0.
        QTest::newRow("impossible") << QByteArray(
            "suites:\n  intel-core-i7-12700k/onnxruntime: {mape_pct: 0.0, worst_pct: 0.0}\n")
                                    << 1;
        QTest::newRow("generous") << QByteArray(
            "suites:\n  intel-core-i7-12700k/onnxruntime: {mape_pct: 500, worst_pct: 500}\n")
                                  << 0;
    }

    void validateAgainstBaseline()
    {
        QFETCH(QByteArray, baseline);
        QFETCH(int, exitCode);
        const QString file = graphs::testing::writeTestFile(m_dir,
            QStringLiteral("baseline-%1.yaml").arg(QLatin1StringView(QTest::currentDataTag())),
            "version: 1\n" + baseline);
        QVERIFY(!file.isEmpty());
        const Run r = runCli(target(QStringLiteral("validate"))
            << QStringLiteral("-m") << model(kValidated) << QStringLiteral("--baseline") << file);
        QCOMPARE(r.exitCode, exitCode);
        QCOMPARE(r.err.contains("graphs: regression: MAPE"), exitCode != 0);
        QVERIFY(r.out.contains("| mv160 |")); // the report comes first either way
    }

    void validateUsageErrors_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("bad format") << args({ "-f", "xml" }) << u"unknown --format 'xml'"_qs;
        QTest::newRow("key without baseline") << args({ "--baseline-key", "x/y" })
                                              << u"--baseline-key requires --baseline"_qs;
        QTest::newRow("per subgraph without measuring") << args({ "--per-subgraph" })
                                                        << u"--per-subgraph requires --measure"_qs;
        QTest::newRow("budget without measuring") << args({ "--max-seconds", "2" }) << u"--max-seconds requires --measure"_qs;
        QTest::newRow("measure elsewhere") << args({ "--measure" }) << u"--measure measures this machine"_qs;
    }

    void validateUsageErrors()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, fragment);
        const Run r = runCli(target(QStringLiteral("validate")) << QStringLiteral("-m") << model(kValidated) << extra);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(fragment), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliCalibration)
#include "tst_cli_calibration.moc"
