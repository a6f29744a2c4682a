// INTERPOLATED estimates from the command line: a calibration of intel-core-i7-12700k × onnxruntime (whole-model
// measurements of small matrix-vector products, written here) carried to another x86 CPU that has none of its own
// (`graphs analyze` on amd-epyc-9654), not to an Arm one, and checked against that CPU's own measurements with
// `graphs calibrate --transfer-from`.

#include "benchmarks/operator_models.h"
#include "benchmarks/results_registry.h"
#include "cli_process.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using graphs::testing::Run;
using graphs::testing::runCli;

namespace {

const QString kSource = QStringLiteral("intel-core-i7-12700k");
const QString kSibling = QStringLiteral("amd-epyc-9654");
const QString kArm = QStringLiteral("ampere-altra-q80-30");
const std::string kRuntime = "onnxruntime";

QString modelName(int n)
{
    return QStringLiteral("mv%1.onnx").arg(n);
}

/// What a machine "measured": the n×n fp32 weights streamed at `gbs` GB/s plus 5 µs per call.
double measuredMs(int n, double gbs)
{
    return (4.0 * n * n / (gbs * 1e9) + 5e-6) * 1e3;
}

/// The latency line of a text report ("latency     0.012 ms ±14% CALIBRATED"): value, bound and confidence.
struct Latency
{
    double ms = 0;
    double boundPct = 0;
    QString confidence;
};

Latency latencyOf(const QByteArray& report)
{
    static const QRegularExpression line(uR"(^latency\s+([0-9.]+) ms ±([0-9.]+)% (\w+)$)"_qs,
        QRegularExpression::MultilineOption);
    const auto m = line.match(QString::fromUtf8(report));
    if (!m.hasMatch())
        return {};
    return { m.captured(1).toDouble(), m.captured(2).toDouble(), m.captured(3) };
}

} // namespace

class TestCliTransfer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_registry;
    QString m_models;

    QString model(int n) const { return m_models + u'/' + modelName(n); }

    bool writeResults(const QString& hardware, std::initializer_list<int> sizes, double gbs)
    {
        auto file = graphs::ResultsFile::open(m_registry.toStdString(), hardware.toStdString(), kRuntime,
            "calibration", {});
        if (!file)
            return false;
        for (int n : sizes) {
            graphs::MeasurementRecord r;
            r.date = "2026-01-01T00:00:00Z";
            r.benchmark = "mv" + std::to_string(n);
            r.kind = graphs::MeasurementKind::Workload;
            r.runtime = kRuntime;
            r.threads = 8;
            r.samples = 20;
            r.minMs = r.medianMs = r.meanMs = measuredMs(n, gbs);
            r.detail = modelName(n).toStdString();
            if (!file->append(r))
                return false;
        }
        return true;
    }

    Run analyze(const QString& hardware, int n, const QStringList& extra = {}) const
    {
        return runCli(QStringList { u"analyze"_qs, model(n), u"-H"_qs, hardware, u"-r"_qs,
                          QString::fromStdString(kRuntime), u"--registry"_qs, m_registry }
            + extra);
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
        QVERIFY(writeResults(kSource, { 64, 96, 128, 192, 256 }, 20));
        QVERIFY(writeResults(kSibling, { 96, 160, 256 }, 40));
        QVERIFY(writeResults(kArm, { 96, 160 }, 30));
        const Run calibrate = runCli({ u"calibrate"_qs, u"-H"_qs, kSource, u"-r"_qs, QString::fromStdString(kRuntime),
            u"--registry"_qs, m_registry, u"--models"_qs, m_models });
        QVERIFY2(calibrate.exitCode == 0, calibrate.err.constData());
    }

    void siblingIsInterpolated()
    {
        const Run own = analyze(kSource, 160);
        QVERIFY2(own.exitCode == 0, own.err.constData());
        const Latency calibrated = latencyOf(own.out);
        QCOMPARE(calibrated.confidence, u"CALIBRATED"_qs);

        const Run sibling = analyze(kSibling, 160);
        QVERIFY2(sibling.exitCode == 0, sibling.err.constData());
        const Latency interpolated = latencyOf(sibling.out);
        QCOMPARE(interpolated.confidence, u"INTERPOLATED"_qs);
        QVERIFY2(sibling.err.contains("latency interpolated from the calibration of intel-core-i7-12700k"),
            sibling.err.constData());
        // The bound is twice the source's cross-validated one (both printed rounded to whole percent).
        QVERIFY2(std::abs(interpolated.boundPct - 2 * calibrated.boundPct) <= 1.0,
            qPrintable(u"%1 vs 2 × %2"_qs.arg(interpolated.boundPct).arg(calibrated.boundPct)));
        QVERIFY(interpolated.ms > 0);

        // The spec-only figure of the same entry differs: the transfer did something.
        const Latency theoretical = latencyOf(analyze(kSibling, 160, { u"--uncalibrated"_qs }).out);
        QCOMPARE(theoretical.confidence, u"THEORETICAL"_qs);
        QVERIFY(std::abs(theoretical.ms - interpolated.ms) > 1e-3 * theoretical.ms);
    }

    void otherFamilyStaysTheoretical()
    {
        const Run arm = analyze(kArm, 160);
        QVERIFY2(arm.exitCode == 0, arm.err.constData());
        QCOMPARE(latencyOf(arm.out).confidence, u"THEORETICAL"_qs);
        QVERIFY(!arm.err.contains("interpolated"));
    }

    void compareSaysWhichRowIsWhat()
    {
        const Run r = runCli({ u"compare"_qs, model(160), u"-H"_qs, kSource + u',' + kSibling + u',' + kArm, u"-r"_qs,
            QString::fromStdString(kRuntime), u"--registry"_qs, m_registry });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("amd-epyc-9654 (fp32) interpolated from the calibration of intel-core-i7-12700k"),
            r.err.constData());
        QVERIFY2(r.err.contains("intel-core-i7-12700k (fp32) calibrated with"), r.err.constData());
        // The table has one confidence per row; the footer says which row has which.
        QVERIFY2(r.out.contains("\nlatency CALIBRATED on intel-core-i7-12700k fp32, INTERPOLATED on amd-epyc-9654 fp32, "
                                "THEORETICAL elsewhere; * marks"),
            r.out.constData());
    }

    void transferCheckAgainstOwnMeasurements()
    {
        const Run r = runCli({ u"calibrate"_qs, u"-H"_qs, kSibling, u"-r"_qs, QString::fromStdString(kRuntime),
            u"--registry"_qs, m_registry, u"--models"_qs, m_models, u"--transfer-from"_qs, kSource });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("calibration of intel-core-i7-12700k × onnxruntime fp32 carried to amd-epyc-9654"),
            r.out.constData());
        for (int n : { 96, 160, 256 })
            QVERIFY2(QRegularExpression(u"\\nmv%1\\s+model\\s+[0-9.]+\\s+[0-9.]+\\s+[+-][0-9.]+%\\s+(yes|no)\\n"_qs.arg(n))
                         .match(QString::fromUtf8(r.out))
                         .hasMatch(),
                r.out.constData());
        QVERIFY(r.out.contains("\nmodel: MAPE "));
        QVERIFY(r.out.contains("the stated bound covers "));
        // Nothing is saved: the sibling still has no profile of its own.
        QVERIFY(!QDir(m_registry + u"/calibration/amd-epyc-9654"_qs).exists());
    }

    void transferRefusals_data()
    {
        QTest::addColumn<QString>("hardware");
        QTest::addColumn<QString>("from");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("another family") << kArm << kSource << 2 << u"are not of one family"_qs;
        QTest::newRow("no stored source profile") << kSource << kSibling << 1 << u"no calibration of amd-epyc-9654"_qs;
        QTest::newRow("unknown source") << kSibling << u"no-such-cpu"_qs << 2 << u"no-such-cpu"_qs;
    }

    void transferRefusals()
    {
        QFETCH(QString, hardware);
        QFETCH(QString, from);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run r = runCli({ u"calibrate"_qs, u"-H"_qs, hardware, u"-r"_qs, QString::fromStdString(kRuntime),
            u"--registry"_qs, m_registry, u"--models"_qs, m_models, u"--transfer-from"_qs, from });
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliTransfer)
#include "tst_cli_transfer.moc"
