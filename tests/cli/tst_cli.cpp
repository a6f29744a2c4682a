// Runs the real `graphs` executable: output formats, the JSON document's names, exit codes and error lines.

#include "cli_process.h"
#include "onnx_model_builder.h"
#include "optional_dependencies.h"
#include "test_files.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using graphs::testing::Attr;
using graphs::testing::OnnxModelBuilder;
using graphs::testing::Run;
using graphs::testing::bundledModel;
using graphs::testing::runCli;

namespace {

QStringList nonEmptyLines(const QByteArray& text)
{
    QStringList lines;
    for (const QByteArray& line : text.split('\n')) {
        if (!line.trimmed().isEmpty())
            lines << QString::fromUtf8(line);
    }
    return lines;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        return graphs::testing::writeTestFile(m_dir, name, bytes);
    }

    /// Starts `graphs benchmark` on two models with the fake runner, which answers at once for 'first' and never for
    /// 'sleep'. Returns the results CSV it appends to ("" when it could not start).
    QString startHangingBenchmark(const QTemporaryDir& dir, QProcess& p)
    {
        for (const char* name : { "first.onnx", "sleep.onnx" }) {
            if (!QFile::copy(bundledModel(), dir.filePath(QString::fromLatin1(name))))
                return {};
        }
        const QString registry = dir.filePath(QStringLiteral("registry"));
        p.start(QStringLiteral(GRAPHS_CLI_PATH), { QStringLiteral("benchmark"), QStringLiteral("--runner"),
            QStringLiteral(GRAPHS_FAKE_RUNNER), QStringLiteral("--repeats"), QStringLiteral("5"),
            QStringLiteral("--max-seconds"), QStringLiteral("0"), QStringLiteral("--registry"), registry,
            QStringLiteral("-m"), dir.filePath(QStringLiteral("first.onnx")), dir.filePath(QStringLiteral("sleep.onnx")) });
        if (!p.waitForStarted())
            return {};
        return registry + QStringLiteral("/benchmarks/local/fake/workloads.csv");
    }

    static int lineCount(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? static_cast<int>(f.readAll().count('\n')) : 0;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void jsonDocumentHasStableNames()
    {
        const Run r = runCli({ QStringLiteral("analyze"), bundledModel(), QStringLiteral("--format"),
            QStringLiteral("json") });
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject model = doc[QLatin1String("model")].toObject();
        for (const char* key : { "name", "path", "opset", "nodes", "parameters", "weight_bytes", "macs", "flops",
                 "inputs", "op_histogram" })
            QVERIFY2(model.contains(QLatin1String(key)), key);
        QCOMPARE(model[QLatin1String("name")].toString(), QStringLiteral("squeezenet1_1"));
        QCOMPARE(model[QLatin1String("opset")].toInt(), 13);
        const QJsonObject input = model[QLatin1String("inputs")].toArray().at(0).toObject();
        QCOMPARE(input[QLatin1String("name")].toString(), QStringLiteral("input"));
        QCOMPARE(input[QLatin1String("dtype")].toString(), QStringLiteral("float32"));
        QCOMPARE(input[QLatin1String("shape")].toArray(), QJsonArray({ 1, 3, 224, 224 }));

        const QJsonArray nodes = doc[QLatin1String("nodes")].toArray();
        QCOMPARE(nodes.size(), model[QLatin1String("nodes")].toInt());
        double macs = 0;
        double flops = 0;
        for (const QJsonValue& v : nodes) {
            const QJsonObject n = v.toObject();
            for (const char* key : { "name", "op_type", "macs", "flops", "bytes_read", "bytes_written",
                     "arithmetic_intensity", "output_shapes" })
                QVERIFY2(n.contains(QLatin1String(key)), key);
            macs += n[QLatin1String("macs")].toDouble();
            flops += n[QLatin1String("flops")].toDouble();
        }
        QCOMPARE(macs, model[QLatin1String("macs")].toDouble());
        QCOMPARE(flops, model[QLatin1String("flops")].toDouble());
        int histogramTotal = 0;
        const QJsonObject histogram = model[QLatin1String("op_histogram")].toObject();
        for (const QJsonValue& v : histogram)
            histogramTotal += v.toInt();
        QCOMPARE(histogramTotal, nodes.size());
        QCOMPARE(histogram[QLatin1String("Conv")].toInt(), 26);
    }

    void formats_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("firstLinePrefix");
        QTest::newRow("text") << QStringLiteral("text") << QStringLiteral("model");
        QTest::newRow("csv") << QStringLiteral("csv") << QStringLiteral("name,op_type,op_class,macs,flops");
        QTest::newRow("markdown") << QStringLiteral("markdown") << QStringLiteral("# squeezenet1_1");
        QTest::newRow("md") << QStringLiteral("md") << QStringLiteral("# squeezenet1_1");
        QTest::newRow("json") << QStringLiteral("json") << QStringLiteral("{");
    }

    void formats()
    {
        QFETCH(QString, format);
        QFETCH(QString, firstLinePrefix);
        const Run r = runCli({ QStringLiteral("analyze"), bundledModel(), QStringLiteral("-f"), format });
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = nonEmptyLines(r.out);
        QVERIFY(!lines.isEmpty());
        QVERIFY2(lines.first().startsWith(firstLinePrefix), qPrintable(lines.first()));
        if (format == QLatin1String("csv"))
            QCOMPARE(lines.size(), 1 + 83); // header + one row per node
    }

    void outputFileInsteadOfStdout()
    {
        const QString path = m_dir.filePath(QStringLiteral("report.csv"));
        const Run r = runCli({ QStringLiteral("analyze"), bundledModel(), QStringLiteral("--format"),
            QStringLiteral("csv"), QStringLiteral("--output"), path });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readLine().startsWith("name,op_type"));
    }

    void batchAndInputShapeBindings()
    {
        auto macsOf = [](const QStringList& extra) {
            const Run r = runCli(QStringList { QStringLiteral("analyze"), bundledModel(), QStringLiteral("-f"),
                                     QStringLiteral("json") }
                + extra);
            const QJsonObject model = QJsonDocument::fromJson(r.out)[QLatin1String("model")].toObject();
            return std::make_pair(model[QLatin1String("macs")].toDouble(),
                model[QLatin1String("inputs")].toArray().at(0).toObject()[QLatin1String("shape")].toArray());
        };
        const auto one = macsOf({});
        const auto four = macsOf({ QStringLiteral("--batch"), QStringLiteral("4") });
        const auto two = macsOf({ QStringLiteral("--input-shape"), QStringLiteral("input=2x3x224x224") });
        QVERIFY(one.first > 0);
        QCOMPARE(four.first, 4 * one.first);
        QCOMPARE(four.second, QJsonArray({ 4, 3, 224, 224 }));
        QCOMPARE(two.first, 2 * one.first);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");

        QFile real(bundledModel());
        QVERIFY(real.open(QIODevice::ReadOnly));
        const QByteArray bytes = real.readAll();
        const QString empty = writeFile(QStringLiteral("empty.onnx"), {});
        const QString truncated = writeFile(QStringLiteral("truncated.onnx"), bytes.left(bytes.size() / 3));
        const QString text = writeFile(QStringLiteral("notes.onnx"), "these are not the weights you are looking for\n");
        const QString missing = m_dir.filePath(QStringLiteral("missing.onnx"));
        const QString model = bundledModel();
        const QString analyze = QStringLiteral("analyze");

        QTest::newRow("empty file") << QStringList { analyze, empty } << 1 << empty + QStringLiteral(": the file is empty");
        QTest::newRow("truncated file") << QStringList { analyze, truncated } << 1 << truncated;
        QTest::newRow("not ONNX") << QStringList { analyze, text } << 1 << text;
        QTest::newRow("missing file") << QStringList { analyze, missing } << 2 << missing;
        QTest::newRow("unknown flag") << QStringList { analyze, model, QStringLiteral("--frobnicate") } << 2
                                      << QStringLiteral("--frobnicate");
        QTest::newRow("no command") << QStringList {} << 2 << QStringLiteral("error");
        QTest::newRow("unknown command") << QStringList { QStringLiteral("analyse-this") } << 2
                                         << QStringLiteral("analyse-this");
        QTest::newRow("bad format") << QStringList { analyze, model, QStringLiteral("-f"), QStringLiteral("xml") } << 2
                                    << QStringLiteral("xml");
        QTest::newRow("bad batch") << QStringList { analyze, model, QStringLiteral("--batch"), QStringLiteral("0") }
                                   << 2 << QStringLiteral("--batch: must be positive, got 0");
        QTest::newRow("unknown input") << QStringList { analyze, model, QStringLiteral("-i"), QStringLiteral("pixels=1x3x8x8") }
                                       << 2 << QStringLiteral("no input named 'pixels'");
        QTest::newRow("bad input shape") << QStringList { analyze, model, QStringLiteral("-i"), QStringLiteral("input=1xAx8") }
                                         << 2 << QStringLiteral("not a whole number");
    }

    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        const Run r = runCli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY(r.out.isEmpty());
        const QStringList lines = nonEmptyLines(r.err);
        QVERIFY(!lines.isEmpty());
        QVERIFY2(lines.first().startsWith(QLatin1String("graphs: error: ")), qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(fragment), qPrintable(lines.first()));
    }

    void unknownOperatorWarnsAndCountsTheRest()
    {
        OnnxModelBuilder b;
        b.input(QStringLiteral("x").toStdString(), { int64_t { 1 }, int64_t { 16 } })
            .weight("w", { 16, 8 })
            .node("MatMul", { "x", "w" }, { "y" }, {}, "proj")
            .node("Frobnicate", { "y" }, { "z" }, {}, "mystery", "com.example")
            .output("z")
            .opsetImport("com.example", 1);
        const QString path = m_dir.filePath(QStringLiteral("custom.onnx"));
        QVERIFY(b.save(path.toStdString()));
        const Run r = runCli({ QStringLiteral("analyze"), path, QStringLiteral("-f"), QStringLiteral("json") });
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = nonEmptyLines(r.err);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().startsWith(QLatin1String("graphs: warning: ")), qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(QLatin1String("com.example::Frobnicate")), qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(QLatin1String("mystery")), qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(path), qPrintable(lines.first()));
        const QJsonObject model = QJsonDocument::fromJson(r.out)[QLatin1String("model")].toObject();
        QCOMPARE(model[QLatin1String("macs")].toDouble(), 16.0 * 8.0);
        QCOMPARE(model[QLatin1String("unmodelled_nodes")].toInt(), 1);
    }

    void hardwareListAndShow()
    {
        const Run list = runCli({ QStringLiteral("hardware"), QStringLiteral("list"), QStringLiteral("--format"),
            QStringLiteral("json") });
        QCOMPARE(list.exitCode, 0);
        const QJsonArray entries = QJsonDocument::fromJson(list.out).array();
        QVERIFY(entries.size() >= 25); // 24 bundled entries and `local`
        QSet<QString> ids;
        QSet<QString> categories;
        for (const QJsonValue& v : entries) {
            const QJsonObject e = v.toObject();
            QVERIFY2(!ids.contains(e[QLatin1String("id")].toString()), qPrintable(e[QLatin1String("id")].toString()));
            ids.insert(e[QLatin1String("id")].toString());
            categories.insert(e[QLatin1String("category")].toString());
            QCOMPARE(e[QLatin1String("confidence")].toString(), QStringLiteral("theoretical"));
            QVERIFY(!e[QLatin1String("peak_ops_per_s")].toObject().isEmpty());
        }
        QVERIFY(ids.contains(QStringLiteral("local")));
        QVERIFY(ids.contains(QStringLiteral("nvidia-h100-sxm5")));
        QCOMPARE(categories, (QSet<QString> { QStringLiteral("cpu"), QStringLiteral("gpu"), QStringLiteral("accelerator") }));

        const Run show = runCli({ QStringLiteral("hardware"), QStringLiteral("show"), QStringLiteral("nvidia-h100-sxm5"),
            QStringLiteral("-f"), QStringLiteral("json") });
        QCOMPARE(show.exitCode, 0);
        const QJsonObject h100 = QJsonDocument::fromJson(show.out).object();
        // 132 SMs × 4096 dense fp16 tensor FLOP per clock... is the registry's business; the derived peak must match
        // the vendor's 989.4 TFLOP/s within rounding.
        QVERIFY(qAbs(h100[QLatin1String("peak_ops_per_s")].toObject()[QLatin1String("fp16")].toDouble() / 989.4e12 - 1) < 0.01);
        QVERIFY(!h100[QLatin1String("sources")].toArray().isEmpty());

        const Run unknown = runCli({ QStringLiteral("hardware"), QStringLiteral("show"), QStringLiteral("nvidia-h100") });
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("did you mean") && unknown.err.contains("nvidia-h100-sxm5"), unknown.err.constData());
    }

    void analyzeWithHardware()
    {
        const Run r = runCli({ QStringLiteral("analyze"), bundledModel(), QStringLiteral("--hardware"),
            QStringLiteral("nvidia-l4"), QStringLiteral("--precision"), QStringLiteral("fp16"), QStringLiteral("-f"),
            QStringLiteral("json") });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc[QLatin1String("hardware")].toObject()[QLatin1String("id")].toString(), QStringLiteral("nvidia-l4"));
        const QJsonObject summary = doc[QLatin1String("summary")].toObject();
        for (const char* key : { "latency_ms", "throughput_per_s", "energy_mj", "peak_memory_mb" }) {
            const QJsonObject e = summary[QLatin1String(key)].toObject();
            for (const char* field : { "value", "unit", "confidence", "source", "error_bound_pct" })
                QVERIFY2(e.contains(QLatin1String(field)), key);
            QVERIFY2(e[QLatin1String("value")].toDouble() > 0, key);
            QCOMPARE(e[QLatin1String("confidence")].toString(), QStringLiteral("THEORETICAL"));
        }
        const QJsonArray subgraphs = doc[QLatin1String("subgraphs")].toArray();
        QCOMPARE(subgraphs.size(), summary[QLatin1String("subgraphs")].toInt());
        double latency = 0;
        QSet<QString> covered;
        for (const QJsonValue& v : subgraphs) {
            const QJsonObject s = v.toObject();
            latency += s[QLatin1String("latency_ms")].toObject()[QLatin1String("value")].toDouble();
            const QJsonObject byClass = s[QLatin1String("flops_by_class")].toObject();
            QCOMPARE(byClass[QLatin1String("matrix")].toDouble() + byClass[QLatin1String("vector")].toDouble()
                    + byClass[QLatin1String("transcendental")].toDouble(),
                s[QLatin1String("flops")].toDouble());
            QCOMPARE(byClass[QLatin1String("matrix")].toDouble(), 2 * s[QLatin1String("macs")].toDouble());
            QCOMPARE(s[QLatin1String("bytes_read")].toDouble() + s[QLatin1String("bytes_written")].toDouble(),
                s[QLatin1String("bytes")].toDouble());
            const QJsonObject energy = s[QLatin1String("energy_mj")].toObject();
            const double parts = energy[QLatin1String("compute")].toObject()[QLatin1String("value")].toDouble()
                + energy[QLatin1String("memory")].toObject()[QLatin1String("value")].toDouble()
                + energy[QLatin1String("static")].toObject()[QLatin1String("value")].toDouble();
            QVERIFY(qAbs(parts - energy[QLatin1String("total")].toObject()[QLatin1String("value")].toDouble()) <= 1e-9 + 1e-9 * parts);
            for (const QJsonValue& n : s[QLatin1String("nodes")].toArray()) {
                QVERIFY2(!covered.contains(n.toString()), qPrintable(n.toString()));
                covered.insert(n.toString());
            }
        }
        // Every node belongs to exactly one subgraph, and the model's latency is the sum of the subgraphs'.
        QCOMPARE(covered.size(), doc[QLatin1String("nodes")].toArray().size());
        QVERIFY(qAbs(latency / summary[QLatin1String("latency_ms")].toObject()[QLatin1String("value")].toDouble() - 1) < 1e-9);
    }

    void compareMarksParetoFront()
    {
        const Run r = runCli({ QStringLiteral("compare"), bundledModel(), QStringLiteral("--hardware"),
            QStringLiteral("nvidia-l4,nvidia-h100-sxm5,nvidia-jetson-agx-orin-64gb-gpu"), QStringLiteral("--batch"),
            QStringLiteral("1,4"), QStringLiteral("-f"), QStringLiteral("json") });
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(rows.size(), 3 * 2);
        for (int batch : { 1, 4 }) {
            QList<QJsonObject> group;
            for (const QJsonValue& v : rows) {
                if (v.toObject()[QLatin1String("batch")].toInt() == batch)
                    group << v.toObject();
            }
            QCOMPARE(group.size(), 3);
            auto value = [](const QJsonObject& o, const char* key) {
                return o[QLatin1String(key)].toObject()[QLatin1String("value")].toDouble();
            };
            for (const QJsonObject& a : group) {
                bool dominated = false;
                for (const QJsonObject& b : group) {
                    dominated = dominated
                        || (value(b, "latency_ms") <= value(a, "latency_ms") && value(b, "energy_mj") <= value(a, "energy_mj")
                            && (value(b, "latency_ms") < value(a, "latency_ms") || value(b, "energy_mj") < value(a, "energy_mj")));
                }
                QCOMPARE(a[QLatin1String("pareto")].toBool(), !dominated);
            }
            for (int i = 1; i < group.size(); ++i) // sorted by latency within the group
                QVERIFY(value(group[i - 1], "latency_ms") <= value(group[i], "latency_ms"));
        }
    }

    void estimateErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        const QString model = bundledModel();
        const QString analyze = QStringLiteral("analyze");
        QTest::newRow("unknown hardware") << QStringList { analyze, model, QStringLiteral("-H"), QStringLiteral("toaster-9000") }
                                          << 2 << QStringLiteral("no hardware with id 'toaster-9000'");
        QTest::newRow("unknown precision") << QStringList { analyze, model, QStringLiteral("-H"), QStringLiteral("nvidia-l4"), QStringLiteral("-p"), QStringLiteral("fp7") }
                                           << 2 << QStringLiteral("unknown --precision 'fp7'");
        QTest::newRow("unsupported precision") << QStringList { analyze, model, QStringLiteral("-H"), QStringLiteral("google-tpu-v4"), QStringLiteral("-p"), QStringLiteral("fp64") }
                                               << 2 << QStringLiteral("google-tpu-v4 has no fp64 throughput (it supports: bf16, int8)");
        QTest::newRow("unknown runtime") << QStringList { analyze, model, QStringLiteral("-H"), QStringLiteral("nvidia-l4"), QStringLiteral("-r"), QStringLiteral("tensorflow-lite") }
                                         << 2 << QStringLiteral("no runtime profile 'tensorflow-lite'");
        QTest::newRow("compare needs hardware") << QStringList { QStringLiteral("compare"), model } << 2 << QStringLiteral("--hardware");
        QTest::newRow("hardware needs a verb") << QStringList { QStringLiteral("hardware") } << 2 << QStringLiteral("error");
    }

    void estimateErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        const Run r = runCli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(QString::fromUtf8(r.err).contains(fragment), r.err.constData());
    }

    void benchmarkWithOnnxRuntime()
    {
        GRAPHS_REQUIRE_ONNXRUNTIME();
        const Run r = runCli({ QStringLiteral("benchmark"), QStringLiteral("-m"), bundledModel(), QStringLiteral("--runtime"),
            QStringLiteral("onnxruntime"), QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--warmup"), QStringLiteral("1"), QStringLiteral("--repeats"),
            QStringLiteral("3"), QStringLiteral("--max-seconds"), QStringLiteral("0"), QStringLiteral("-f"),
            QStringLiteral("json"), QStringLiteral("--registry"), m_dir.filePath(QStringLiteral("registry")) });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QVERIFY(!doc[QLatin1String("environment")].toObject()[QLatin1String("cpu_model")].toString().isEmpty());
        const QJsonObject result = doc[QLatin1String("results")].toArray().at(0).toObject();
        QCOMPARE(result[QLatin1String("runtime")].toString(), QStringLiteral("onnxruntime"));
        QCOMPARE(result[QLatin1String("threads")].toInt(), 1);
        // The bundled model has no weight file: the runner gets a copy with deterministic random weights.
        QVERIFY(result[QLatin1String("materialized_weights")].toBool());
        const QJsonObject stats = result[QLatin1String("stats")].toObject();
        QCOMPARE(stats[QLatin1String("samples")].toInt(), 3);
        QVERIFY(stats[QLatin1String("median_ms")].toDouble() > 0);
        QVERIFY(stats[QLatin1String("min_ms")].toDouble() <= stats[QLatin1String("median_ms")].toDouble());
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("registry/benchmarks/local/onnxruntime/workloads.csv"))));
    }

    void killedBenchmarkKeepsWhatItMeasured()
    {
        // kill -9 graphs while the runner works on 'sleep'.
        QTemporaryDir dir;
        QProcess p;
        const QString csv = startHangingBenchmark(dir, p);
        QVERIFY(!csv.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(csv), 2, 20000); // header + the first model
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        QVERIFY(content.endsWith('\n')); // whole rows only
        QVERIFY(content.contains("\n") && content.split('\n').at(1).contains("first"));
    }

    void interruptedBenchmarkReportsWhatItMeasured()
    {
        // Ctrl-C while the runner works on 'sleep': the runner is stopped, 'first' is reported and kept, exit 130.
        QTemporaryDir dir;
        QProcess p;
        const QString csv = startHangingBenchmark(dir, p);
        QVERIFY(!csv.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(lineCount(csv), 2, 20000);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000)); // well before the fake runner's 30 s sleep ends
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        const QByteArray out = p.readAllStandardOutput();
        QVERIFY2(out.contains("first") && !out.contains("sleep"), out.constData());
        QVERIFY(p.readAllStandardError().contains("interrupted"));
        QCOMPARE(lineCount(csv), 2);
    }

    void benchmarkErrors()
    {
        const Run unknownRuntime = runCli({ QStringLiteral("benchmark"), QStringLiteral("-m"), bundledModel(),
            QStringLiteral("--runtime"), QStringLiteral("tvm") });
        QCOMPARE(unknownRuntime.exitCode, 2);
        QVERIFY(unknownRuntime.err.contains("unknown runtime 'tvm' (native, onnxruntime"));
        const Run missingRunner = runCli({ QStringLiteral("benchmark"), QStringLiteral("-m"), bundledModel(),
            QStringLiteral("--runner"), QStringLiteral("/nonexistent/runner") });
        QCOMPARE(missingRunner.exitCode, 1);
        QVERIFY2(missingRunner.err.contains("cannot start the runner program"), missingRunner.err.constData());
    }

    void helpAndVersion()
    {
        const Run help = runCli({ QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("analyze"));
        const Run analyzeHelp = runCli({ QStringLiteral("analyze"), QStringLiteral("--help") });
        QCOMPARE(analyzeHelp.exitCode, 0);
        QVERIFY(analyzeHelp.out.contains("--input-shape"));
        const Run version = runCli({ QStringLiteral("--version") });
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("graphs "));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
