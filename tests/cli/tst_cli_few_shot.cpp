// Few-shot adaptation from the command line (graphs calibrate --prior-from): a calibration of intel-core-i7-12700k ×
// onnxruntime (whole-model runs of small matrix-vector products, written here) carried to amd-epyc-9654, whose three
// measured models are fitted with the ridge pulling towards it; the curve of leave-one-model-out errors after 0, 1
// and 2 of them; the saved profile names its prior and estimates with it are CALIBRATED; the refusals.

#include "benchmarks/operator_models.h"
#include "benchmarks/results_registry.h"
#include "cli_process.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using graphs::testing::Run;
using graphs::testing::runCli;

namespace {

const QString kSource = QStringLiteral("intel-core-i7-12700k");
const QString kTarget = QStringLiteral("amd-epyc-9654");
const QString kArm = QStringLiteral("ampere-altra-q80-30");
const QString kUnmeasured = QStringLiteral("amd-ryzen-9-7950x"); // x86, only a row whose model is missing
const std::string kRuntime = "onnxruntime";

QString modelName(int n)
{
    return QStringLiteral("mv%1.onnx").arg(n);
}

/// What a machine "measured": the n×n fp32 weights streamed at `gbs` GB/s plus `fixedUs` per call.
double measuredMs(int n, double gbs, double fixedUs)
{
    return (4.0 * n * n / (gbs * 1e9) + fixedUs * 1e-6) * 1e3;
}

} // namespace

class TestCliFewShot : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_registry;
    QString m_models;

    QString model(int n) const { return m_models + u'/' + modelName(n); }

    bool writeResults(const QString& hardware, std::initializer_list<int> sizes, double gbs, double fixedUs,
        const std::string& missingModel = {})
    {
        auto file = graphs::ResultsFile::open(m_registry.toStdString(), hardware.toStdString(), kRuntime,
            "calibration", {});
        if (!file)
            return false;
        auto row = [&](const std::string& name, const std::string& detail, double ms) {
            graphs::MeasurementRecord r;
            r.date = "2026-01-01T00:00:00Z";
            r.benchmark = name;
            r.kind = graphs::MeasurementKind::Workload;
            r.runtime = kRuntime;
            r.threads = 8;
            r.samples = 20;
            r.minMs = r.medianMs = r.meanMs = ms;
            r.detail = detail;
            return file->append(r);
        };
        for (int n : sizes)
            if (!row("mv" + std::to_string(n), modelName(n).toStdString(), measuredMs(n, gbs, fixedUs)))
                return false;
        if (!missingModel.empty() && !row("missing", missingModel, 1.0))
            return false;
        return true;
    }

    Run calibrate(const QString& hardware, const QStringList& extra) const
    {
        return runCli(QStringList { u"calibrate"_qs, u"-H"_qs, hardware, u"-r"_qs, QString::fromStdString(kRuntime),
                          u"--registry"_qs, m_registry, u"--models"_qs, m_models }
            + extra);
    }

    QString profilePath(const QString& hardware) const
    {
        return m_registry + u"/calibration/"_qs + hardware + u"/onnxruntime/fp32.yaml"_qs;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_registry = m_dir.filePath(u"registry"_qs);
        m_models = m_dir.filePath(u"models"_qs);
        QVERIFY(QDir().mkpath(m_models));
        for (int n : { 64, 96, 128, 160, 192, 256 }) {
            const graphs::OperatorCase c { "mm", "matmul", {}, { { "m", 1 }, { "n", n }, { "k", n } } };
            QVERIFY(graphs::writeOperatorModel(c, model(n).toStdString()));
        }
        QVERIFY(writeResults(kSource, { 64, 96, 128, 192, 256 }, 20, 5));
        QVERIFY(writeResults(kTarget, { 96, 160, 256 }, 40, 20));
        QVERIFY(writeResults(kArm, { 96, 160 }, 30, 5));
        QVERIFY(writeResults(kUnmeasured, {}, 30, 5, "no-such-model.onnx"));
        const Run source = calibrate(kSource, {});
        QVERIFY2(source.exitCode == 0, source.err.constData());
    }

    void adaptsWithTheCurve()
    {
        const Run r = calibrate(kTarget, { u"--prior-from"_qs, kSource });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.startsWith(u"few-shot adaptation of amd-epyc-9654 × onnxruntime fp32: its fit pulled towards "
                                "the calibration of intel-core-i7-12700k"_qs),
            r.out.constData());
        // Three measured models: k = 0, 1, 2, each left out with every k-set of the other two (3·C(2,k) cases).
        const int cases[] = { 3, 6, 3 };
        for (int k = 0; k < 3; ++k)
            QVERIFY2(QRegularExpression(u"\\n\\s+%1\\s+%2\\s+[0-9.]+%\\s+[0-9.]+%\\s+[0-9.]+%\\s+±[0-9.]+%\\s+[0-9] of %2\\s+[0-9.]+%\\n"_qs
                                            .arg(k)
                                            .arg(cases[k]))
                         .match(out)
                         .hasMatch(),
                r.out.constData());
        QVERIFY(!QRegularExpression(u"\\n\\s+3\\s+[0-9]+\\s+[0-9.]+%"_qs).match(out).hasMatch());
        QVERIFY2(out.contains(u"pulled towards the calibration of intel-core-i7-12700k carried over"_qs),
            r.out.constData());

        // The saved profile names its prior; estimates with it are the device's own: CALIBRATED, naming the prior.
        QFile profile(profilePath(kTarget));
        QVERIFY(profile.open(QIODevice::ReadOnly));
        const QByteArray yaml = profile.readAll();
        QVERIFY2(yaml.contains("hardware: intel-core-i7-12700k"), yaml.constData());
        QVERIFY2(yaml.contains(profilePath(kSource).toUtf8()), yaml.constData());
        const Run analyze = runCli({ u"analyze"_qs, model(160), u"-H"_qs, kTarget, u"-r"_qs,
            QString::fromStdString(kRuntime), u"--registry"_qs, m_registry });
        QVERIFY2(analyze.exitCode == 0, analyze.err.constData());
        QVERIFY2(QRegularExpression(u"\\nlatency\\s+[0-9.]+ ms ±[0-9.]+% CALIBRATED\\n"_qs)
                     .match(QString::fromUtf8(analyze.out))
                     .hasMatch(),
            analyze.out.constData());
        QVERIFY2(analyze.err.contains("(adapted from the calibration of intel-core-i7-12700k)"), analyze.err.constData());
    }

    void profileFileAndJson()
    {
        const Run r = calibrate(kTarget, { u"--prior-from"_qs, profilePath(kSource), u"--format"_qs, u"json"_qs,
                                             u"--no-save"_qs });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject root = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(root[u"prior_from"_qs].toString(), kSource);
        const QJsonObject fewShot = root[u"few_shot"_qs].toObject();
        QCOMPARE(fewShot[u"prior_hardware"_qs].toString(), kSource);
        const QJsonArray curve = fewShot[u"curve"_qs].toArray();
        QCOMPARE(curve.size(), 3);
        for (int k = 0; k < 3; ++k) {
            QCOMPARE(curve[k].toObject()[u"models"_qs].toInt(), k);
            QVERIFY(curve[k].toObject()[u"mape_pct"_qs].toDouble() >= 0);
        }
        QCOMPARE(fewShot[u"models"_qs].toArray().size(), 3);
        // The transfer alone is what --transfer-from reports for the same models: its MAPE is the curve's k = 0.
        const Run transfer = calibrate(kTarget, { u"--transfer-from"_qs, kSource });
        QVERIFY2(transfer.exitCode == 0, transfer.err.constData());
        const auto m = QRegularExpression(u"\\nmodel: MAPE ([0-9.]+)%"_qs).match(QString::fromUtf8(transfer.out));
        QVERIFY2(m.hasMatch(), transfer.out.constData());
        QVERIFY2(std::abs(m.captured(1).toDouble() - curve[0].toObject()[u"mape_pct"_qs].toDouble()) < 0.051,
            qPrintable(m.captured(1) + u" vs "_qs + QString::number(curve[0].toObject()[u"mape_pct"_qs].toDouble())));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("hardware");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("another family") << kArm << QStringList { u"--prior-from"_qs, kSource } << 2
                                        << u"are not of one family"_qs;
        QTest::newRow("no stored prior") << kSource << QStringList { u"--prior-from"_qs, kArm } << 1
                                         << u"no calibration of ampere-altra-q80-30"_qs;
        QTest::newRow("unknown device") << kTarget << QStringList { u"--prior-from"_qs, u"no-such-cpu"_qs } << 2
                                        << u"no-such-cpu"_qs;
        QTest::newRow("missing profile file") << kTarget << QStringList { u"--prior-from"_qs, u"/nonexistent/fp32.yaml"_qs }
                                              << 1 << u"cannot read the calibration profile"_qs;
        QTest::newRow("itself") << kSource << QStringList { u"--prior-from"_qs, kSource } << 2
                                << u"intel-core-i7-12700k itself"_qs;
        QTest::newRow("no model measured") << kUnmeasured << QStringList { u"--prior-from"_qs, kSource } << 1
                                           << u"no whole model of amd-ryzen-9-7950x"_qs;
        QTest::newRow("another precision") << kTarget
                                           << QStringList { u"--prior-from"_qs, profilePath(kSource), u"-p"_qs,
                                                  u"fp16"_qs }
                                           << 2 << u"is fp32, not fp16"_qs;
        QTest::newRow("with --transfer-from") << kTarget
                                              << QStringList { u"--prior-from"_qs, kSource, u"--transfer-from"_qs,
                                                     kSource }
                                              << 2 << u"exclude each other"_qs;
    }

    void refusals()
    {
        QFETCH(QString, hardware);
        QFETCH(QStringList, options);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run r = calibrate(hardware, options + QStringList { u"--no-save"_qs });
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliFewShot)
#include "tst_cli_few_shot.moc"
