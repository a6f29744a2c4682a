// Inputs that once crashed a fuzz target (tests/fuzz), replayed through the same pipelines. Every file in
// tests/data/regressions/<target>/ is a row; it must come back as a success or an Error, never a crash. A file
// `<input>.expect` beside it pins the outcome: "ok", or a fragment of the error message.

#include "fuzz_entry_points.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

class TestRegressions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const graphs::HardwareSpec> m_hardware;

    std::string run(const QString& target, const QByteArray& bytes) const
    {
        namespace fz = graphs::fuzzing;
        const std::string_view view(bytes.constData(), size_t(bytes.size()));
        if (target == QStringLiteral("onnx_import"))
            return fz::runOnnxPipeline(view, m_hardware);
        if (target == QStringLiteral("hardware_yaml"))
            return fz::runHardwareYaml(bytes.toStdString());
        if (target == QStringLiteral("suite_definition"))
            return fz::runSuiteDefinition(bytes.toStdString());
        if (target == QStringLiteral("measurement_import"))
            return fz::runMeasurementImport(view, m_dir.filePath(QStringLiteral("input.csv")).toStdString());
        return "unknown fuzz target folder '" + target.toStdString() + "'";
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_hardware = graphs::fuzzing::fuzzHardware(GRAPHS_SOURCE_DIR);
        QVERIFY(m_hardware);
    }

    void replaysCrashingInputs_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        const QDir root(QStringLiteral(GRAPHS_SOURCE_DIR "/tests/data/regressions"));
        int rows = 0;
        for (const QString& target : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            const QDir dir(root.filePath(target));
            for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
                if (name.endsWith(QStringLiteral(".expect")))
                    continue;
                QTest::newRow(qPrintable(target + QLatin1Char('/') + name)) << target << dir.filePath(name);
                ++rows;
            }
        }
        if (rows == 0)
            QTest::newRow("no regressions") << QString() << QString();
    }

    void replaysCrashingInputs()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        // The inputs are part of the source tree: none means they were lost, not that there is nothing to replay.
        QVERIFY2(!path.isEmpty(), "tests/data/regressions/<target>/ holds no inputs");
        QFile in(path);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(path));
        const std::string outcome = run(target, in.readAll());

        QFile expectFile(path + QStringLiteral(".expect"));
        if (!expectFile.open(QIODevice::ReadOnly))
            return; // no pinned outcome: reaching this line without a crash is the test
        const QByteArray expected = expectFile.readAll().trimmed();
        if (expected == "ok")
            QVERIFY2(outcome.empty(), outcome.c_str());
        else
            QVERIFY2(QByteArray::fromStdString(outcome).contains(expected),
                qPrintable(QStringLiteral("'%1' lacks '%2'")
                        .arg(QString::fromStdString(outcome), QString::fromUtf8(expected))));
    }
};

QTEST_GUILESS_MAIN(TestRegressions)
#include "tst_regressions.moc"
