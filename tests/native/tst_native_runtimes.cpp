// The native runtime as a runner program: protocol round trip with output files, agreement with ONNX Runtime on the
// shared models, and error replies (unsupported operators, bad requests, run-time failures) that never crash.
//
// ONNX Runtime agreement: max |native − onnxruntime| ≤ 1e-4 · max |onnxruntime| + 1e-7 per output. Both runtimes
// compute in float32 with different summation orders and kernels; over these networks the measured difference is
// about 1e-6 of the output range, so the bound leaves 100× headroom while any kernel bug (wrong index, missed
// broadcast, lost bias) shows up as an O(1) relative error.

#include "benchmarks/model_materializer.h"
#include "benchmarks/process_runner.h"
#include "native/native_executor.h"
#include "native/native_runner.h"
#include "onnx_model_builder.h"
#include "optional_dependencies.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

using namespace graphs;
using graphs::testing::Attr;
using graphs::testing::OnnxModelBuilder;

namespace {

std::vector<char> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

/// Writes one of the small models the error rows need into `dir`.
std::string writeModel(const QTemporaryDir& dir, const QString& kind)
{
    OnnxModelBuilder b(13);
    if (kind == QLatin1String("symbolic"))
        b.input("x", { std::string("batch"), int64_t(4) });
    else if (kind == QLatin1String("embedding"))
        b.input("ids", { int64_t(1), int64_t(5) }, onnx::TensorProto::INT64);
    else
        b.input("x", { int64_t(1), int64_t(4) });
    if (kind == QLatin1String("unsupported")) {
        b.node("NotAnOp", { "x" }, { "y" }, {}, "mystery");
    } else if (kind == QLatin1String("domain")) {
        b.opsetImport("com.example", 1);
        b.node("FusedThing", { "x" }, { "y" }, {}, "custom", "com.example");
    } else if (kind == QLatin1String("embedding")) {
        b.inlineWeight("table", { 10, 4 });
        b.node("Gather", { "table", "ids" }, { "y" }, {}, "lookup");
    } else {
        b.node("Relu", { "x" }, { "y" }, {}, "relu");
    }
    b.output("y");
    const std::string path = dir.filePath(kind + QStringLiteral(".onnx")).toStdString();
    return b.save(path) ? path : std::string();
}

std::string nativeProgram()
{
    auto program = findNativeRunnerProgram({ GRAPHS_NATIVE_RUNNER_DIR });
    return program ? *program : std::string();
}

} // namespace

class TestNativeRuntimes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void protocolCarriesOutputs()
    {
        RunnerRequest request;
        request.model = "/m/net.onnx";
        request.outputsDir = "/tmp/outs";
        auto parsed = parseRunnerRequest(toJson(request));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->outputsDir, request.outputsDir);
        QVERIFY(parseRunnerRequest(toJson(RunnerRequest {})).ok()); // no outputs_dir: stays empty

        RunnerResponse reply;
        reply.runtime = "native";
        reply.runMs = { 1.5 };
        reply.outputs.push_back({ "logits", "float32", { 1, 1000 }, "/tmp/outs/output_0.bin" });
        auto back = parseRunnerResponse(toJson(reply), "r");
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().toString().c_str());
        QCOMPARE(back->outputs.size(), size_t(1));
        QCOMPARE(back->outputs[0].name, std::string("logits"));
        QCOMPARE(back->outputs[0].shape, (std::vector<int64_t> { 1, 1000 }));
        QCOMPARE(back->outputs[0].file, std::string("/tmp/outs/output_0.bin"));

        // A reply from a runner that predates outputs_dir.
        auto old = parseRunnerResponse(
            R"({"protocol": "graphs-runner/1", "runtime": "onnxruntime", "run_ms": [2.5], "nodes": []})", "r");
        QVERIFY(old.ok());
        QVERIFY(old->outputs.empty());
    }

    void runnerProgramRunsAndWritesOutputs()
    {
        const std::string program = nativeProgram();
        QVERIFY2(!program.empty(), "graphs-native-runner for this processor was not built");
        QTemporaryDir dir;
        RunnerRequest request;
        request.model = writeModel(dir, QStringLiteral("relu"));
        request.inputShapes["x"] = { 1, 4 };
        request.warmup = 1;
        request.repeats = 3;
        request.threads = 2;
        request.profile = true;
        request.outputsDir = dir.filePath(QStringLiteral("out")).toStdString();
        auto reply = NativeRunner(program).run(request, 60, {});
        QVERIFY2(reply.ok(), reply.ok() ? "" : reply.error().toString().c_str());
        QCOMPARE(reply->runtime, std::string("native"));
        QVERIFY(!reply->runtimeVersion.empty());
        QCOMPARE(reply->threads, 2);
        QCOMPARE(reply->runMs.size(), size_t(3));
        QCOMPARE(reply->nodes.size(), size_t(1));
        QCOMPARE(reply->nodes[0].name, std::string("relu"));
        QCOMPARE(reply->nodes[0].opType, std::string("Relu"));
        QCOMPARE(reply->outputs.size(), size_t(1));
        QCOMPARE(reply->outputs[0].name, std::string("y"));
        QCOMPARE(reply->outputs[0].dtype, std::string("float32"));
        QCOMPARE(reply->outputs[0].shape, (std::vector<int64_t> { 1, 4 }));

        // The runner filled x like every runner (xorshift32, seed 12345 + index): the file holds relu of that.
        float x[4];
        QVERIFY(native::fillRunnerInput({ "x", DataType::Float32, { 1, 4 } }, x, 12345).ok());
        const std::vector<char> bytes = readBytes(reply->outputs[0].file);
        QCOMPARE(bytes.size(), sizeof x);
        for (int i = 0; i < 4; ++i) {
            float y;
            std::memcpy(&y, bytes.data() + 4 * i, 4);
            QCOMPARE(y, std::max(x[i], 0.0f));
        }
    }

    void errorReplies_data()
    {
        QTest::addColumn<QString>("model"); // a kind for writeModel, or "" for a missing file
        QTest::addColumn<QString>("request"); // %MODEL% stands for the model's path
        QTest::addColumn<QStringList>("fragments");
        const QString plain = QStringLiteral(R"({"protocol": "graphs-runner/1", "model": "%MODEL%"})");
        QTest::newRow("not JSON") << QStringLiteral("relu") << QStringLiteral("this is not JSON")
                                  << QStringList { QStringLiteral("malformed runner request") };
        QTest::newRow("wrong protocol") << QStringLiteral("relu")
                                        << QStringLiteral(R"({"protocol": "other/9", "model": "%MODEL%"})")
                                        << QStringList { QStringLiteral("not protocol graphs-runner/1") };
        QTest::newRow("missing model") << QString() << plain << QStringList { QStringLiteral("model not found") };
        QTest::newRow("unsupported operator")
            << QStringLiteral("unsupported") << plain
            << QStringList { QStringLiteral("node 'mystery' (NotAnOp)"), QStringLiteral("not supported") };
        QTest::newRow("operator of another domain")
            << QStringLiteral("domain") << plain
            << QStringList { QStringLiteral("node 'custom' (FusedThing)"), QStringLiteral("com.example") };
        QTest::newRow("unknown input")
            << QStringLiteral("relu")
            << QStringLiteral(
                   R"({"protocol": "graphs-runner/1", "model": "%MODEL%", "inputs": {"nope": {"shape": [1]}}})")
            << QStringList { QStringLiteral("no input 'nope'") };
        QTest::newRow("wrong input type")
            << QStringLiteral("relu")
            << QStringLiteral(R"({"protocol": "graphs-runner/1", "model": "%MODEL%",)"
                              R"( "inputs": {"x": {"shape": [1, 4], "dtype": "int64"}}})")
            << QStringList { QStringLiteral("'x' is float32 in the model, the request says int64") };
        QTest::newRow("unbound dimension") << QStringLiteral(
            "symbolic") << plain << QStringList { QStringLiteral("'x'"), QStringLiteral("unknown dimension") };
        QTest::newRow("index out of range at run time")
            << QStringLiteral("embedding") << plain
            << QStringList { QStringLiteral("node 'lookup' (Gather)"), QStringLiteral("out of range") };
    }

    void errorReplies()
    {
        QFETCH(QString, model);
        QFETCH(QString, request);
        QFETCH(QStringList, fragments);
        const std::string program = nativeProgram();
        QVERIFY(!program.empty());
        QTemporaryDir dir;
        const QString path = model.isEmpty() ? dir.filePath(QStringLiteral("absent.onnx"))
                                             : QString::fromStdString(writeModel(dir, model));
        QProcess process;
        process.start(QString::fromStdString(program), {});
        QVERIFY(process.waitForStarted());
        process.write(QString(request).replace(QStringLiteral("%MODEL%"), path).toUtf8());
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit); // never a crash
        QCOMPARE(process.exitCode(), 2);
        const std::string out = process.readAllStandardOutput().toStdString();
        auto reply = parseRunnerResponse(out, program);
        QVERIFY2(!reply.ok(), out.c_str());
        for (const QString& f : fragments)
            QVERIFY2(QString::fromStdString(reply.error().message).contains(f), reply.error().message.c_str());
    }

    void executorNamesUnsupportedNode()
    {
        QTemporaryDir dir;
        auto exec = native::Executor::load(writeModel(dir, QStringLiteral("unsupported")), {});
        QVERIFY(!exec.ok());
        QCOMPARE(exec.error().code, ErrorCode::Unsupported);
        QCOMPARE(exec.error().location, std::string("node 'mystery' (NotAnOp)"));
        QVERIFY(exec.error().message.find("'NotAnOp'") != std::string::npos);
    }

    void agreesWithOnnxRuntime_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("input");
        const QString image = QStringLiteral("1x3x224x224");
        for (const char* m : { "resnet18.structure", "mobilenet_v2.structure", "efficientnet_b0.structure",
                 "shufflenet_v2_x1_0.structure", "squeezenet1_1", "vit_b_16.structure" })
            QTest::newRow(m) << QString::fromLatin1(m) << image;
        QTest::newRow("bert_mini.structure") << QStringLiteral("bert_mini.structure") << QStringLiteral("1x128");
    }

    void agreesWithOnnxRuntime()
    {
        QFETCH(QString, model);
        QFETCH(QString, input);
        GRAPHS_REQUIRE_SHARED(QStringLiteral("models/") + model + QStringLiteral(".onnx"));
        GRAPHS_REQUIRE_ONNXRUNTIME();
        const QString shared = graphs::testing::sharedPath(QStringLiteral("models/") + model + QStringLiteral(".onnx"));
        const std::string program = nativeProgram();
        QVERIFY(!program.empty());

        // One materialized copy for both runtimes, so both see the same weights.
        QTemporaryDir dir;
        const std::string copy = dir.filePath(QStringLiteral("model.onnx")).toStdString();
        auto materialized = materializeWeights(shared.toStdString(), copy);
        QVERIFY2(materialized.ok(), materialized.ok() ? "" : materialized.error().toString().c_str());
        RunnerRequest request;
        request.model = copy;
        std::vector<int64_t> shape;
        for (const QString& d : input.split(QLatin1Char('x')))
            shape.push_back(d.toLongLong());
        request.inputShapes["input"] = shape;
        request.inputTypes["input"] = shape.size() == 2 ? "int64" : "float32";
        request.warmup = 0;
        request.repeats = 1;
        request.threads = 2;

        request.outputsDir = dir.filePath(QStringLiteral("native")).toStdString();
        auto ours = NativeRunner(program).run(request, 120, {});
        QVERIFY2(ours.ok(), ours.ok() ? "" : ours.error().toString().c_str());
        request.outputsDir = dir.filePath(QStringLiteral("ort")).toStdString();
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        ProcessRunner ort({ node.toStdString(), GRAPHS_SOURCE_DIR "/runners/onnxruntime/graphs-ort-runner.mjs" });
        auto theirs = ort.run(request, 120, {});
        QVERIFY2(theirs.ok(), theirs.ok() ? "" : theirs.error().toString().c_str());

        QCOMPARE(ours->outputs.size(), theirs->outputs.size());
        QVERIFY(!ours->outputs.empty());
        for (size_t i = 0; i < ours->outputs.size(); ++i) {
            const OutputFile& a = ours->outputs[i];
            const OutputFile& b = theirs->outputs[i];
            QCOMPARE(a.name, b.name);
            QCOMPARE(a.dtype, b.dtype);
            QCOMPARE(a.shape, b.shape);
            QCOMPARE(a.dtype, std::string("float32"));
            const std::vector<char> x = readBytes(a.file), y = readBytes(b.file);
            QCOMPARE(x.size(), y.size());
            double maxRef = 0, maxDiff = 0;
            for (size_t k = 0; k < x.size() / 4; ++k) {
                float p, q;
                std::memcpy(&p, x.data() + 4 * k, 4);
                std::memcpy(&q, y.data() + 4 * k, 4);
                maxRef = std::max(maxRef, double(std::fabs(q)));
                const double d = std::fabs(double(p) - double(q));
                maxDiff = std::isnan(d) ? INFINITY : std::max(maxDiff, d);
            }
            const std::string detail = a.name + ": max |difference| " + std::to_string(maxDiff) + ", max |reference| "
                + std::to_string(maxRef);
            QVERIFY2(maxRef > 0, detail.c_str());
            QVERIFY2(maxDiff <= 1e-4 * maxRef + 1e-7, detail.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestNativeRuntimes)
#include "tst_native_runtimes.moc"
