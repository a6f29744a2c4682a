// The ONNX frontend: every error class as a data row (input → error code + message fragment, and no crash),
// binding of symbolic dimensions, constant folding of shape computations, nested graphs, unknown operators,
// cancellation and topological order. Models are written in memory with OnnxModelBuilder.

#include "estimation/graph_analysis.h"
#include "estimation/operator_catalog.h"
#include "frontends/onnx_importer.h"
#include "onnx_model_builder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <future>
#include <random>
#include <set>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace graphs;
using graphs::testing::Attr;
using graphs::testing::OnnxModelBuilder;
using graphs::testing::TestDim;

Q_DECLARE_METATYPE(graphs::ErrorCode)
Q_DECLARE_METATYPE(graphs::ImportOptions)

namespace {

QString codeName(ErrorCode code)
{
    return QString::fromLatin1(errorCodeName(code));
}

QString describe(const Error& e)
{
    return codeName(e.code) + QStringLiteral(" — ") + QString::fromStdString(e.toString());
}

QByteArray toBytes(const OnnxModelBuilder& b)
{
    return QByteArray::fromStdString(b.serialize());
}

std::string_view view(const QByteArray& bytes)
{
    return { bytes.constData(), static_cast<size_t>(bytes.size()) };
}

ImportOptions shapes(const std::string& input, const std::vector<int64_t>& dims)
{
    ImportOptions o;
    o.inputShapes[input] = dims;
    return o;
}

ImportOptions batchOf(int64_t batch)
{
    ImportOptions o;
    o.batch = batch;
    return o;
}

/// x → Conv 'conv1' (4 filters of 3×3×3, no padding) → y. The weight is inline, or external at `weightLocation`.
OnnxModelBuilder convModel(const std::vector<TestDim>& dims = { 1, 3, 8, 8 }, const std::string& weightLocation = {})
{
    OnnxModelBuilder b;
    b.input("x", dims);
    if (weightLocation.empty())
        b.inlineWeight("W", { 4, 3, 3, 3 });
    else
        b.weight("W", { 4, 3, 3, 3 }, weightLocation);
    b.node("Conv", { "x", "W" }, { "y" }, {}, "conv1").output("y");
    return b;
}

onnx::GraphProto branch(const std::string& name, const std::string& op, const std::string& out)
{
    onnx::GraphProto g;
    g.set_name(name);
    auto* n = g.add_node();
    n->set_op_type(op);
    n->set_name(name + "_" + op);
    n->add_input("x");
    n->add_output(out);
    *g.add_output() = graphs::testing::valueInfo(out, { 1, 3, 8, 8 });
    return g;
}

/// y = If(cond) { then } else { else }; both branches read the outer tensor x[1,3,8,8].
OnnxModelBuilder ifModel(const onnx::GraphProto& thenBranch, const onnx::GraphProto& elseBranch)
{
    OnnxModelBuilder b;
    b.input("x", { 1, 3, 8, 8 }).input("cond", {}, onnx::TensorProto::BOOL);
    b.node("If", { "cond" }, { "y" },
        { Attr::graph("then_branch", thenBranch), Attr::graph("else_branch", elseBranch) }, "if1");
    b.output("y");
    return b;
}

/// Channel shuffle as exporters write it: the Reshape targets are computed in the graph from Shape(x).
///     [N, C, H, W] → Reshape [N, 2, C/2, H, W] → Transpose(0, 2, 1, 3, 4) → Reshape [N, C, H, W]
OnnxModelBuilder channelShuffleModel(const std::vector<TestDim>& dims)
{
    OnnxModelBuilder b;
    b.input("x", dims);
    b.ints("i0", { 0 }, true).ints("i1", { 1 }, true).ints("i2", { 2 }, true).ints("i3", { 3 }, true);
    b.ints("two", { 2 }, true).ints("axes0", { 0 }).ints("groups", { 2 });
    b.node("Shape", { "x" }, { "s" }, {}, "shape");
    b.node("Gather", { "s", "i0" }, { "n" }, { Attr::i("axis", 0) }, "gather_n");
    b.node("Gather", { "s", "i1" }, { "c" }, { Attr::i("axis", 0) }, "gather_c");
    b.node("Gather", { "s", "i2" }, { "h" }, { Attr::i("axis", 0) }, "gather_h");
    b.node("Gather", { "s", "i3" }, { "w" }, { Attr::i("axis", 0) }, "gather_w");
    b.node("Div", { "c", "two" }, { "cg" }, {}, "div_c");
    b.node("Unsqueeze", { "n", "axes0" }, { "n1" }, {}, "unsq_n");
    b.node("Unsqueeze", { "cg", "axes0" }, { "cg1" }, {}, "unsq_cg");
    b.node("Unsqueeze", { "h", "axes0" }, { "h1" }, {}, "unsq_h");
    b.node("Unsqueeze", { "w", "axes0" }, { "w1" }, {}, "unsq_w");
    b.node("Unsqueeze", { "c", "axes0" }, { "c1" }, {}, "unsq_c");
    b.node("Concat", { "n1", "groups", "cg1", "h1", "w1" }, { "shape5" }, { Attr::i("axis", 0) }, "concat5");
    b.node("Reshape", { "x", "shape5" }, { "r" }, {}, "reshape5");
    b.node("Transpose", { "r" }, { "t" }, { Attr::ints("perm", { 0, 2, 1, 3, 4 }) }, "transpose");
    b.node("Concat", { "n1", "c1", "h1", "w1" }, { "shape4" }, { Attr::i("axis", 0) }, "concat4");
    b.node("Reshape", { "t", "shape4" }, { "y" }, {}, "reshape4");
    b.output("y");
    return b;
}

/// The dependency chain add → neg → relu → mul (mul also reads add) plus an independent sig, in `fileOrder`.
OnnxModelBuilder chainModel(const QStringList& fileOrder)
{
    struct Spec
    {
        const char* op;
        std::vector<std::string> inputs;
        std::string output;
    };
    const std::map<QString, Spec> specs = {
        { QStringLiteral("add"), { "Add", { "x", "x" }, "a" } },
        { QStringLiteral("neg"), { "Neg", { "a" }, "b" } },
        { QStringLiteral("relu"), { "Relu", { "b" }, "c" } },
        { QStringLiteral("mul"), { "Mul", { "a", "c" }, "d" } },
        { QStringLiteral("sig"), { "Sigmoid", { "x" }, "e" } },
    };
    OnnxModelBuilder b;
    b.input("x", { 2, 3 });
    for (const QString& name : fileOrder) {
        const Spec& s = specs.at(name);
        b.node(s.op, s.inputs, { s.output }, {}, name.toStdString());
    }
    b.output("d").output("e");
    return b;
}

int findNode(const ComputeGraph& g, const std::string& name)
{
    for (size_t i = 0; i < g.nodeCount(); ++i) {
        if (g.node(static_cast<int>(i)).name == name)
            return static_cast<int>(i);
    }
    return -1;
}

QString shapeOf(const ComputeGraph& g, const std::string& tensor)
{
    const int index = g.findTensor(tensor);
    return index < 0 ? QStringLiteral("<absent>") : QString::fromStdString(g.tensor(index).shape.toString());
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

} // namespace

class TestOnnxImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// Rows shared by the bytes and the file entry points: malformed input, broken graphs, unsafe external data
    /// and wrong options.
    static void addErrorRows()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<ImportOptions>("options");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("fragment");
        auto row = [](const char* name, const QByteArray& model, ErrorCode code, const char* fragment,
                       const ImportOptions& options = {}) {
            QTest::newRow(name) << model << options << code << QString::fromUtf8(fragment);
        };

        // Not a protobuf message at all.
        const QByteArray full = toBytes(convModel());
        row("empty bytes", QByteArray(), ErrorCode::EmptyInput, "empty");
        row("truncated model", full.left(full.size() / 2), ErrorCode::ParseFailed, "does not parse");
        {
            std::mt19937 rng(20240607);
            std::uniform_int_distribution<int> byte(0, 255);
            QByteArray random(4096, '\0');
            for (char& c : random)
                c = static_cast<char>(byte(rng));
            row("random bytes (seed 20240607)", random, ErrorCode::ParseFailed, "does not parse");
        }

        // Valid protobuf, but not a model.
        {
            onnx::TensorProto tensor;
            tensor.add_dims(2);
            tensor.add_dims(3);
            tensor.set_data_type(onnx::TensorProto::FLOAT);
            row("serialized TensorProto", QByteArray::fromStdString(tensor.SerializeAsString()), ErrorCode::NotAModel,
                "not an ONNX model");
        }
        row("serialized GraphProto", QByteArray::fromStdString(convModel().graph().SerializeAsString()),
            ErrorCode::NotAModel, "not an ONNX model");
        {
            OnnxModelBuilder b = convModel();
            b.proto().clear_graph();
            row("model without graph", toBytes(b), ErrorCode::NotAModel, "no graph");
        }
        {
            OnnxModelBuilder b = convModel();
            b.proto().set_ir_version(0);
            row("model without IR version", toBytes(b), ErrorCode::NotAModel, "no IR version");
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 1 }).output("x");
            row("graph without nodes", toBytes(b), ErrorCode::NotAModel, "no nodes");
        }

        // Opsets.
        {
            const int64_t tooNew = newestSupportedOpset() + 1;
            OnnxModelBuilder b(tooNew);
            b.input("x", { 2 }).node("Relu", { "x" }, { "y" }).output("y");
            const std::string fragment = "opset " + std::to_string(tooNew) + " is newer";
            row("opset newer than supported", toBytes(b), ErrorCode::Unsupported, fragment.c_str());
        }
        {
            OnnxModelBuilder b(0);
            b.input("x", { 2 }).node("Relu", { "x" }, { "y" }).output("y");
            row("opset 0", toBytes(b), ErrorCode::InvalidModel, "invalid opset version 0");
        }
        {
            OnnxModelBuilder b = convModel();
            b.proto().clear_opset_import();
            b.opsetImport("com.example", 1);
            row("no default-domain opset", toBytes(b), ErrorCode::InvalidModel, "imports no opset of the default");
        }

        // Broken graph structure.
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 2 });
            b.node("Add", { "x", "c" }, { "a" }, {}, "add1").node("Relu", { "a" }, { "c" }, {}, "relu1").output("a");
            row("cycle between two nodes", toBytes(b), ErrorCode::InvalidModel, "cycle");
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 2 }).node("Add", { "x", "ghost" }, { "y" }, {}, "add1").output("y");
            row("node reads an undefined tensor", toBytes(b), ErrorCode::InvalidModel, "reads tensor 'ghost'");
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 2 });
            b.node("Relu", { "x" }, { "y" }, {}, "relu1").node("Neg", { "x" }, { "y" }, {}, "neg1").output("y");
            row("two nodes write the same output", toBytes(b), ErrorCode::InvalidModel, "already defined by");
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 4 }).inlineWeight("W", { 4 }).node("Relu", { "x" }, { "W" }, {}, "relu1").output("W");
            row("node overwrites an initializer", toBytes(b), ErrorCode::InvalidModel,
                "already defined by an initializer");
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 2 }).node("Relu", { "x" }, { "y" }, {}, "relu1").output("y").output("z");
            row("graph output not produced", toBytes(b), ErrorCode::InvalidModel, "graph output 'z' is not produced");
        }

        // Shape inference that cannot succeed even without the declared intermediate shapes.
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 3 }).node("Shape", { "x" }, { "y" }, {}, "shape1").output("y", onnx::TensorProto::FLOAT);
            row("output declared with the wrong element type", toBytes(b), ErrorCode::ShapeInference,
                "ONNX shape inference failed");
        }

        // External data that leaves the model's folder is refused before anything is opened.
        row("external data /etc/passwd", toBytes(convModel({ 1, 3, 8, 8 }, "/etc/passwd")), ErrorCode::UnsafePath,
            "'/etc/passwd' is an absolute path");
        row("external data ../w.bin", toBytes(convModel({ 1, 3, 8, 8 }, "../w.bin")), ErrorCode::UnsafePath,
            "'../w.bin' leaves the model's folder");
        row("external data sub/../../w.bin", toBytes(convModel({ 1, 3, 8, 8 }, "sub/../../w.bin")),
            ErrorCode::UnsafePath, "'sub/../../w.bin' leaves the model's folder");
        {
            // The check reaches initializers of nested graphs too.
            onnx::GraphProto thenBranch;
            thenBranch.set_name("then");
            auto* t = thenBranch.add_initializer();
            t->set_name("tw");
            t->set_data_type(onnx::TensorProto::FLOAT);
            for (int64_t d : { 1, 3, 8, 8 })
                t->add_dims(d);
            t->set_data_location(onnx::TensorProto::EXTERNAL);
            auto* kv = t->add_external_data();
            kv->set_key("location");
            kv->set_value("../../nested.bin");
            auto* n = thenBranch.add_node();
            n->set_op_type("Add");
            n->add_input("x");
            n->add_input("tw");
            n->add_output("t_out");
            *thenBranch.add_output() = graphs::testing::valueInfo("t_out", { 1, 3, 8, 8 });
            row("external data in a nested graph", toBytes(ifModel(thenBranch, branch("else", "Neg", "e_out"))),
                ErrorCode::UnsafePath, "'../../nested.bin' leaves the model's folder");
        }
        {
            OnnxModelBuilder b = convModel();
            b.graph().mutable_initializer(0)->set_data_location(onnx::TensorProto::EXTERNAL);
            row("external data without location", toBytes(b), ErrorCode::InvalidModel, "without a location");
        }

        // Options that do not fit the model.
        row("unknown input name", full, ErrorCode::InvalidArgument, "no input named 'nope' (its inputs: x)",
            shapes("nope", { 1, 3, 8, 8 }));
        row("rank mismatch", full, ErrorCode::InvalidArgument, "has rank 4, but 3 dimensions were given",
            shapes("x", { 3, 8, 8 }));
        row("inputShapes with a negative dimension", full, ErrorCode::InvalidArgument, "positive",
            shapes("x", { -1, 3, 8, 8 }));
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 3 }).weight("W", { -2, 3 }).node("Add", { "x", "W" }, { "y" }, {}, "add1").output("y");
            row("initializer with a negative dimension", toBytes(b), ErrorCode::InvalidModel, "negative dimension");
        }
        {
            OnnxModelBuilder b;
            b.input("x", { -4, 3 }).node("Relu", { "x" }, { "y" }, {}, "relu1").output("y");
            row("input with a negative dimension", toBytes(b), ErrorCode::InvalidModel, "negative dimension");
        }
        row("batch 0", full, ErrorCode::InvalidArgument, "batch size must be positive, got 0", batchOf(0));
        row("negative batch", full, ErrorCode::InvalidArgument, "batch size must be positive, got -2", batchOf(-2));
        {
            OnnxModelBuilder b;
            b.input("s", {}).node("Relu", { "s" }, { "y" }).output("y");
            row("batch of a scalar input", toBytes(b), ErrorCode::InvalidArgument, "has no batch dimension",
                batchOf(2));
        }
    }

    void verifyFails(const Result<ImportedModel>& result, ErrorCode code, const QString& fragment)
    {
        QVERIFY2(!result.ok(), "the import succeeded; it should have failed");
        QCOMPARE(codeName(result.error().code), codeName(code));
        const QString text = QString::fromStdString(result.error().toString());
        QVERIFY2(text.contains(fragment), qPrintable(QStringLiteral("'%1' lacks '%2'").arg(text, fragment)));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void importBytesFails_data() { addErrorRows(); }
    void importBytesFails()
    {
        QFETCH(QByteArray, model);
        QFETCH(ImportOptions, options);
        QFETCH(ErrorCode, code);
        QFETCH(QString, fragment);
        verifyFails(importOnnxBytes(view(model), "model.onnx", m_dir.path().toStdString(), options), code, fragment);
    }

    void importFileFails_data() { addErrorRows(); }
    void importFileFails()
    {
        QFETCH(QByteArray, model);
        QFETCH(ImportOptions, options);
        QFETCH(ErrorCode, code);
        QFETCH(QString, fragment);
        const QString path = m_dir.filePath(QStringLiteral("case.onnx"));
        QVERIFY(writeFile(path, model));
        verifyFails(importOnnxFile(path.toStdString(), options), code, fragment);
    }

    void importFileIoErrors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("fragment");
        const QString dangling = m_dir.filePath(QStringLiteral("dangling.onnx"));
        QFile::remove(dangling);
        QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("nowhere.onnx")), dangling));
        QTest::newRow("missing file") << m_dir.filePath(QStringLiteral("absent.onnx"))
                                      << QStringLiteral("no such file");
        QTest::newRow("dangling symlink") << dangling << QStringLiteral("no such file");
        QTest::newRow("directory") << m_dir.path() << QStringLiteral("is a directory");
    }
    void importFileIoErrors()
    {
        QFETCH(QString, path);
        QFETCH(QString, fragment);
        auto result = importOnnxFile(path.toStdString(), {});
        verifyFails(result, ErrorCode::Io, fragment);
        QCOMPARE(QString::fromStdString(result.error().location), path);
    }

    // The external-data target is a FIFO outside the model folder: opening it for reading would block until a
    // writer comes, so an import that returns promptly proves the file was never opened.
    void externalDataOutsideIsNeverOpened_data()
    {
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("symlinked file") << QStringLiteral("w.bin") << QStringLiteral("symbolic link");
        QTest::newRow("symlinked folder") << QStringLiteral("sub/secret.fifo") << QStringLiteral("symbolic link");
        QTest::newRow("parent folder") << QStringLiteral("../secret.fifo")
                                       << QStringLiteral("leaves the model's folder");
        QTest::newRow("absolute") << QStringLiteral("@ROOT@/secret.fifo") << QStringLiteral("is an absolute path");
    }
    void externalDataOutsideIsNeverOpened()
    {
        QFETCH(QString, location);
        QFETCH(QString, fragment);
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString fifo = root.filePath(QStringLiteral("secret.fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QVERIFY(QDir(root.path()).mkdir(QStringLiteral("model")));
        const QString modelDir = root.filePath(QStringLiteral("model"));
        QVERIFY(QFile::link(fifo, modelDir + QStringLiteral("/w.bin")));
        QVERIFY(QFile::link(root.path(), modelDir + QStringLiteral("/sub")));
        location.replace(QStringLiteral("@ROOT@"), root.path());
        const QString modelPath = modelDir + QStringLiteral("/model.onnx");
        QVERIFY(convModel({ 1, 3, 8, 8 }, location.toStdString()).save(modelPath.toStdString()));

        QElapsedTimer timer;
        timer.start();
        auto pending = std::async(std::launch::async, [&] { return importOnnxFile(modelPath.toStdString(), {}); });
        if (pending.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
            // Release the blocked reader so the test can end, then report.
            const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0)
                ::close(fd);
            pending.wait();
            QFAIL("the import blocked: it opened the FIFO that the external-data location points to");
        }
        auto result = pending.get();
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));
        verifyFails(result, ErrorCode::UnsafePath, fragment);
        QVERIFY(QString::fromStdString(result.error().location).contains(QStringLiteral("initializer 'W'")));
    }

    // Weights are never read, so external data that stays inside the folder imports whether or not it exists.
    void externalDataInsideFolder_data()
    {
        QTest::addColumn<QString>("location");
        QTest::newRow("absent file") << QStringLiteral("weights.bin");
        QTest::newRow("absent file in absent folder") << QStringLiteral("data/w.bin");
        QTest::newRow("present file") << QStringLiteral("real.bin");
        QTest::newRow("symlink to a file inside") << QStringLiteral("link.bin");
    }
    void externalDataInsideFolder()
    {
        QFETCH(QString, location);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("real.bin")), QByteArray(4 * 3 * 3 * 3 * 4, '\0')));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("real.bin")), dir.filePath(QStringLiteral("link.bin"))));
        const QString path = dir.filePath(QStringLiteral("model.onnx"));
        QVERIFY(convModel({ 1, 3, 8, 8 }, location.toStdString()).save(path.toStdString()));

        auto result = importOnnxFile(path.toStdString(), {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        const ComputeGraph& g = *result->graph;
        const int w = g.findTensor("W");
        QVERIFY(w >= 0);
        QVERIFY(g.tensor(w).isInitializer);
        QVERIFY(g.tensor(w).isExternalData);
        QCOMPARE(shapeOf(g, "W"), QStringLiteral("4x3x3x3"));
        QCOMPARE(shapeOf(g, "y"), QStringLiteral("1x4x6x6"));

        auto analysis = analyzeGraph(result->graph);
        QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(describe(analysis.error())));
        QCOMPARE(analysis->totals.parameters, qint64(4 * 3 * 3 * 3));
        QCOMPARE(analysis->totals.weightBytes, qint64(4 * 3 * 3 * 3 * 4));
        QCOMPARE(analysis->totals.macs, qint64(1 * 4 * 6 * 6 * 3 * 3 * 3));
    }

    void bindsSymbolicDimensions_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<ImportOptions>("options");
        QTest::addColumn<QString>("inputShape");
        QTest::addColumn<QString>("outputShape");
        QTest::addColumn<qint64>("macs");
        const QByteArray symbolicBatch = toBytes(convModel({ "N", 3, 8, 8 }));
        QTest::newRow("batch binds N") << symbolicBatch << batchOf(4) << QStringLiteral("4x3x8x8")
                                       << QStringLiteral("4x4x6x6") << qint64(4 * 4 * 6 * 6 * 3 * 3 * 3);
        QTest::newRow("inputShapes binds N")
            << symbolicBatch << shapes("x", { 2, 3, 10, 10 }) << QStringLiteral("2x3x10x10")
            << QStringLiteral("2x4x8x8") << qint64(2 * 4 * 8 * 8 * 3 * 3 * 3);
        QTest::newRow("inputShapes binds N, H and W")
            << toBytes(convModel({ "N", 3, "H", "W" })) << shapes("x", { 1, 3, 16, 12 }) << QStringLiteral("1x3x16x12")
            << QStringLiteral("1x4x14x10") << qint64(1 * 4 * 14 * 10 * 3 * 3 * 3);
        ImportOptions both = shapes("x", { 2, 3, 8, 8 });
        both.batch = 5;
        QTest::newRow("inputShapes wins over batch") << symbolicBatch << both << QStringLiteral("2x3x8x8")
                                                     << QStringLiteral("2x4x6x6") << qint64(2 * 4 * 6 * 6 * 3 * 3 * 3);
        QTest::newRow("batch overrides a concrete dimension 0")
            << toBytes(convModel({ 1, 3, 8, 8 })) << batchOf(3) << QStringLiteral("3x3x8x8")
            << QStringLiteral("3x4x6x6") << qint64(3 * 4 * 6 * 6 * 3 * 3 * 3);
    }
    void bindsSymbolicDimensions()
    {
        QFETCH(QByteArray, model);
        QFETCH(ImportOptions, options);
        QFETCH(QString, inputShape);
        QFETCH(QString, outputShape);
        QFETCH(qint64, macs);
        auto result = importOnnxBytes(view(model), "bind.onnx", {}, options);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        QCOMPARE(shapeOf(*result->graph, "x"), inputShape);
        QCOMPARE(shapeOf(*result->graph, "y"), outputShape);
        auto analysis = analyzeGraph(result->graph);
        QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(describe(analysis.error())));
        QCOMPARE(analysis->totals.macs, macs);
    }

    // Exporters sometimes leave value_info that contradicts inference: it is dropped with a note, not fatal.
    void ignoresStaleDeclaredShapes_data()
    {
        QTest::addColumn<QByteArray>("model");
        OnnxModelBuilder intermediate;
        intermediate.input("x", { 1, 4 }).node("Relu", { "x" }, { "mid" }, {}, "relu1");
        intermediate.node("Neg", { "mid" }, { "y" }, {}, "neg1").output("y");
        *intermediate.graph().add_value_info() = graphs::testing::valueInfo("mid", { 1, 5 });
        QTest::newRow("intermediate value_info") << toBytes(intermediate);
        OnnxModelBuilder output;
        output.input("x", { 1, 4 }).node("Relu", { "x" }, { "y" }, {}, "relu1");
        *output.graph().add_output() = graphs::testing::valueInfo("y", { 1, 5 });
        QTest::newRow("output shape") << toBytes(output);
    }
    void ignoresStaleDeclaredShapes()
    {
        QFETCH(QByteArray, model);
        auto result = importOnnxBytes(view(model), "stale.onnx", {}, {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        QCOMPARE(shapeOf(*result->graph, "y"), QStringLiteral("1x4"));
        bool noted = false;
        for (const Diagnostic& d : result->diagnostics)
            noted = noted
                || (d.severity == Diagnostic::Severity::Note && d.message.find("were ignored") != std::string::npos);
        QVERIFY(noted);
    }

    void batchBindsEveryInput()
    {
        OnnxModelBuilder b;
        b.input("a", { "N", 4, 6 })
            .input("b", { "N", 6, 5 })
            .node("MatMul", { "a", "b" }, { "y" }, {}, "mm")
            .output("y");
        auto result = importOnnxBytes(b.serialize(), "matmul.onnx", {}, batchOf(2));
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        QCOMPARE(shapeOf(*result->graph, "a"), QStringLiteral("2x4x6"));
        QCOMPARE(shapeOf(*result->graph, "b"), QStringLiteral("2x6x5"));
        QCOMPARE(shapeOf(*result->graph, "y"), QStringLiteral("2x4x5"));
    }

    void unboundDimensionFailsAnalysis_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("symbol");
        QTest::addColumn<QString>("outputShape");
        QTest::newRow("Conv, batch N") << toBytes(convModel({ "N", 3, 8, 8 })) << QStringLiteral("conv1")
                                       << QStringLiteral("N") << QStringLiteral("Nx4x6x6");
        OnnxModelBuilder b;
        b.input("a", { "seq", 6 }).weight("B", { 6, 5 }).node("MatMul", { "a", "B" }, { "y" }, {}, "mm").output("y");
        QTest::newRow("MatMul, sequence length")
            << toBytes(b) << QStringLiteral("mm") << QStringLiteral("seq") << QStringLiteral("seqx5");
    }
    void unboundDimensionFailsAnalysis()
    {
        QFETCH(QByteArray, model);
        QFETCH(QString, node);
        QFETCH(QString, symbol);
        QFETCH(QString, outputShape);
        auto result = importOnnxBytes(view(model), "unbound.onnx", {}, {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        QCOMPARE(shapeOf(*result->graph, "y"), outputShape);
        auto analysis = analyzeGraph(result->graph);
        QVERIFY(!analysis.ok());
        QCOMPARE(codeName(analysis.error().code), codeName(ErrorCode::UnboundDimension));
        QCOMPARE(QString::fromStdString(analysis.error().location), node);
        const QString message = QString::fromStdString(analysis.error().message);
        QVERIFY2(message.contains(QLatin1Char('\'') + node + QLatin1Char('\'')), qPrintable(message));
        QVERIFY2(message.contains(QLatin1Char('\'') + symbol + QLatin1Char('\'')), qPrintable(message));
    }

    void foldsShapeComputations_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<ImportOptions>("options");
        QTest::newRow("C, H, W bound by inputShapes")
            << toBytes(channelShuffleModel({ 1, "C", "H", "W" })) << shapes("x", { 1, 8, 4, 4 });
        QTest::newRow("N bound by batch") << toBytes(channelShuffleModel({ "N", 8, 4, 4 })) << batchOf(1);
        QTest::newRow("concrete input") << toBytes(channelShuffleModel({ 1, 8, 4, 4 })) << ImportOptions {};
    }
    void foldsShapeComputations()
    {
        QFETCH(QByteArray, model);
        QFETCH(ImportOptions, options);
        auto result = importOnnxBytes(view(model), "shuffle.onnx", {}, options);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        const ComputeGraph& g = *result->graph;

        for (const TensorDescriptor& t : g.tensors())
            QVERIFY2(t.shape.isFullyKnown(), qPrintable(QString::fromStdString(t.name + ": " + t.shape.toString())));
        QCOMPARE(shapeOf(g, "r"), QStringLiteral("1x2x4x4x4"));
        QCOMPARE(shapeOf(g, "t"), QStringLiteral("1x4x2x4x4"));
        QCOMPARE(shapeOf(g, "y"), QStringLiteral("1x8x4x4"));
        const int shape5 = g.findTensor("shape5");
        QVERIFY(shape5 >= 0 && g.tensor(shape5).value);
        QCOMPARE(g.tensor(shape5).value->ints, (std::vector<int64_t> { 1, 2, 4, 4, 4 }));

        const std::set<std::string> computed = { "reshape5", "transpose", "reshape4" };
        for (const Node& n : g.nodes()) {
            const bool expectFolded = computed.count(n.name) == 0;
            QVERIFY2(n.foldedAtImport == expectFolded,
                qPrintable(QString::fromStdString(n.label()) + (expectFolded ? u" not folded"_qs : u" folded"_qs)));
        }

        // Folded shape arithmetic costs nothing; the two Reshapes are views; only the Transpose moves data.
        auto analysis = analyzeGraph(result->graph);
        QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(describe(analysis.error())));
        for (size_t i = 0; i < g.nodeCount(); ++i) {
            if (g.node(static_cast<int>(i)).foldedAtImport)
                QCOMPARE(QString::fromLatin1(opClassName(analysis->nodes[i].opClass)), QStringLiteral("metadata"));
        }
        QCOMPARE(analysis->totals.macs, qint64(0));
        QCOMPARE(analysis->totals.flops.total(), qint64(0));
        QCOMPARE(analysis->totals.activationBytesRead, qint64(1 * 8 * 4 * 4 * 4));
        QCOMPARE(analysis->totals.bytesWritten, qint64(1 * 8 * 4 * 4 * 4));
    }

    // Values the folder computes, checked against ONNX's operator definitions.
    void foldsConstantValues_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<QList<qint64>>("dims");
        QTest::addColumn<QList<qint64>>("values");
        auto row = [](const char* name, const OnnxModelBuilder& b, const QList<qint64>& dims,
                       const QList<qint64>& values) { QTest::newRow(name) << toBytes(b) << dims << values; };
        const std::vector<int64_t> dividends = { -4, 7, 5, 4, -7, 8 };
        const std::vector<int64_t> divisors = { 2, -3, 8, -2, 3, 5 };
        {
            OnnxModelBuilder b;
            b.ints("a", dividends)
                .ints("b", divisors)
                .node("Mod", { "a", "b" }, { "z" }, {}, "fold")
                .output("z", onnx::TensorProto::INT64);
            // ONNX: integer Mod (fmod = 0) takes the sign of the divisor, like Python (the spec's own example).
            row("Mod, integer (sign of divisor)", b, { 6 }, { 0, -2, 5, 0, 2, 3 });
        }
        {
            OnnxModelBuilder b;
            b.ints("a", dividends).ints("b", divisors);
            b.node("Mod", { "a", "b" }, { "z" }, { Attr::i("fmod", 1) }, "fold").output("z", onnx::TensorProto::INT64);
            row("Mod, fmod = 1 (sign of dividend)", b, { 6 }, { 0, 1, 5, 0, -1, 3 });
        }
        {
            OnnxModelBuilder b;
            b.ints("a", { 7, -7 })
                .ints("b", { 2, 2 })
                .node("Div", { "a", "b" }, { "z" }, {}, "fold")
                .output("z", onnx::TensorProto::INT64);
            row("Div, integer truncates", b, { 2 }, { 3, -3 });
        }
        {
            OnnxModelBuilder b;
            b.ints("data", { 0, 1, 2, 3, 4, 5 }).ints("starts", { 4 }).ints("ends", { -7 }).ints("axes", { 0 });
            b.ints("steps", { -2 });
            b.node("Slice", { "data", "starts", "ends", "axes", "steps" }, { "z" }, {}, "fold")
                .output("z", onnx::TensorProto::INT64);
            row("Slice, negative step to the start", b, { 3 }, { 4, 2, 0 });
        }
        {
            OnnxModelBuilder b;
            b.ints("data", { 0, 1, 2, 3, 4, 5 }).ints("starts", { -2 }).ints("ends", { INT64_MAX });
            b.node("Slice", { "data", "starts", "ends" }, { "z" }, {}, "fold").output("z", onnx::TensorProto::INT64);
            row("Slice, end past the end", b, { 2 }, { 4, 5 });
        }
        {
            OnnxModelBuilder b;
            b.ints("start", { 0 }, true).ints("limit", { 10 }, true).ints("delta", { 3 }, true);
            b.node("Range", { "start", "limit", "delta" }, { "z" }, {}, "fold").output("z", onnx::TensorProto::INT64);
            row("Range", b, { 4 }, { 0, 3, 6, 9 });
        }
        {
            OnnxModelBuilder b;
            b.ints("data", { 1, 8, 4, 4 }).ints("index", { -1 }, true);
            b.node("Gather", { "data", "index" }, { "z" }, { Attr::i("axis", 0) }, "fold")
                .output("z", onnx::TensorProto::INT64);
            row("Gather, negative index", b, {}, { 4 });
        }
        {
            OnnxModelBuilder b(15);
            b.input("x", { 1, 8, 4, 4 });
            b.node("Shape", { "x" }, { "z" }, { Attr::i("start", 1), Attr::i("end", -1) }, "fold")
                .output("z", onnx::TensorProto::INT64);
            row("Shape with start and end", b, { 2 }, { 8, 4 });
        }
        {
            OnnxModelBuilder b;
            b.floats("f", { 2.7f, -2.7f });
            b.node("Cast", { "f" }, { "z" }, { Attr::i("to", onnx::TensorProto::INT64) }, "fold")
                .output("z", onnx::TensorProto::INT64);
            row("Cast float to int64 truncates", b, { 2 }, { 2, -2 });
        }
        {
            onnx::TensorProto seven;
            seven.set_data_type(onnx::TensorProto::INT64);
            seven.add_dims(1);
            seven.add_int64_data(7);
            OnnxModelBuilder b;
            b.ints("shape", { 2, 3 });
            b.node("ConstantOfShape", { "shape" }, { "z" }, { Attr::tensor("value", seven) }, "fold")
                .output("z", onnx::TensorProto::INT64);
            row("ConstantOfShape", b, { 2, 3 }, { 7, 7, 7, 7, 7, 7 });
        }
        {
            OnnxModelBuilder b;
            b.ints("a", { 1, 2, 3 }).ints("b", { 1, 0, 3 }).ints("zero", { 0 });
            b.node("Equal", { "a", "b" }, { "m" }, {}, "equal")
                .node("Where", { "m", "a", "zero" }, { "z" }, {}, "fold");
            b.output("z", onnx::TensorProto::INT64);
            row("Equal then Where", b, { 3 }, { 1, 0, 3 });
        }
        {
            OnnxModelBuilder b;
            b.ints("a", { 5 }).ints("shape", { 3 }).node("Expand", { "a", "shape" }, { "z" }, {}, "fold");
            b.output("z", onnx::TensorProto::INT64);
            row("Expand", b, { 3 }, { 5, 5, 5 });
        }
        {
            OnnxModelBuilder b;
            b.ints("a", { 1, 2, 3, 4, 5, 6 }).ints("shape", { 0, -1 });
            b.node("Reshape", { "a", "shape" }, { "z" }, {}, "fold").output("z", onnx::TensorProto::INT64);
            b.graph().mutable_initializer(0)->set_dims(0, 2);
            b.graph().mutable_initializer(0)->add_dims(3);
            row("Reshape, 0 copies the dimension", b, { 2, 3 }, { 1, 2, 3, 4, 5, 6 });
        }
    }
    void foldsConstantValues()
    {
        QFETCH(QByteArray, model);
        QFETCH(QList<qint64>, dims);
        QFETCH(QList<qint64>, values);
        auto result = importOnnxBytes(view(model), "fold.onnx", {}, {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        const ComputeGraph& g = *result->graph;
        const int node = findNode(g, "fold");
        QVERIFY(node >= 0);
        QVERIFY(g.node(node).foldedAtImport);
        const TensorDescriptor& z = g.tensor(g.findTensor("z"));
        QVERIFY(z.isConstant);
        QVERIFY(z.value.has_value());
        QVERIFY(z.value->isInteger());
        QCOMPARE(QString::fromStdString(z.shape.toString()),
            dims.isEmpty()
                ? QStringLiteral("scalar")
                : QString::fromStdString(Shape::of(std::vector<int64_t>(dims.begin(), dims.end())).toString()));
        QCOMPARE(QList<qint64>(z.value->ints.begin(), z.value->ints.end()), values);
    }

    void nestedIfWarnsControlFlow_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<int>("bodyNodes");
        QTest::newRow("one node per branch")
            << toBytes(ifModel(branch("then", "Relu", "t_out"), branch("else", "Neg", "e_out"))) << 2;
        onnx::GraphProto longer = branch("then", "Relu", "t_mid");
        auto* n = longer.add_node();
        n->set_op_type("Sigmoid");
        n->set_name("then_sigmoid");
        n->add_input("t_mid");
        n->add_output("t_out");
        longer.mutable_output(0)->set_name("t_out");
        QTest::newRow("two nodes in then") << toBytes(ifModel(longer, branch("else", "Neg", "e_out"))) << 3;
    }
    void nestedIfWarnsControlFlow()
    {
        QFETCH(QByteArray, model);
        QFETCH(int, bodyNodes);
        auto result = importOnnxBytes(view(model), "if.onnx", {}, {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        const ComputeGraph& g = *result->graph;
        const int ifNode = findNode(g, "if1");
        QVERIFY(ifNode >= 0);
        size_t imported = 0;
        for (const auto& sub : g.node(ifNode).subgraphs())
            imported += sub->nodeCount();
        QCOMPARE(imported, size_t(bodyNodes));
        QCOMPARE(g.node(ifNode).subgraphs().size(), size_t(2));
        QCOMPARE(shapeOf(g, "y"), QStringLiteral("1x3x8x8"));

        auto analysis = analyzeGraph(result->graph);
        QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(describe(analysis.error())));
        QCOMPARE(QString::fromLatin1(opClassName(analysis->nodes[ifNode].opClass)), QStringLiteral("control_flow"));
        bool warned = false;
        for (const Diagnostic& d : analysis->diagnostics) {
            const QString message = QString::fromStdString(d.message);
            if (d.severity == Diagnostic::Severity::Warning && d.location == "if1"
                && message.contains(QStringLiteral("control flow"))
                && message.contains(QStringLiteral("(%1 nodes)").arg(bodyNodes)))
                warned = true;
        }
        QVERIFY(warned);
    }

    void unknownOperatorWarns_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<QString>("qualifiedOp");
        OnnxModelBuilder custom;
        custom.opsetImport("com.example", 1);
        custom.input("x", { 1, 4 }).node("Foo", { "x" }, { "y" }, {}, "foo1", "com.example").output("y");
        QTest::newRow("custom domain") << toBytes(custom) << QStringLiteral("com.example::Foo");
        OnnxModelBuilder unknown;
        unknown.input("x", { 1, 4 }).node("NoSuchOp", { "x" }, { "y" }, {}, "foo1").output("y");
        QTest::newRow("default domain") << toBytes(unknown) << QStringLiteral("'NoSuchOp'");
    }
    void unknownOperatorWarns()
    {
        QFETCH(QByteArray, model);
        QFETCH(QString, qualifiedOp);
        auto result = importOnnxBytes(view(model), "custom.onnx", {}, {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        auto analysis = analyzeGraph(result->graph);
        QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(describe(analysis.error())));
        QCOMPARE(analysis->nodes.size(), size_t(1));
        const NodeCost& cost = analysis->nodes[0];
        QVERIFY(!cost.modelled);
        QCOMPARE(QString::fromLatin1(opClassName(cost.opClass)), QStringLiteral("unknown"));
        QCOMPARE(cost.flops.total(), qint64(0));
        QCOMPARE(cost.macs, qint64(0));
        QCOMPARE(analysis->totals.unmodelledNodes, 1);
        QCOMPARE(analysis->totals.flops.total(), qint64(0));
        bool warned = false;
        for (const Diagnostic& d : analysis->diagnostics) {
            const QString message = QString::fromStdString(d.message);
            if (d.severity == Diagnostic::Severity::Warning && message.contains(qualifiedOp)
                && message.contains(QStringLiteral("foo1")))
                warned = true;
        }
        QVERIFY(warned);
    }

    void cancelsThroughProgress_data()
    {
        QTest::addColumn<bool>("viaFile");
        QTest::addColumn<double>("stopAt");
        QTest::addColumn<bool>("cancelled");
        QTest::newRow("file, at once") << true << 0.0 << true;
        QTest::newRow("file, after parsing") << true << 0.25 << true;
        QTest::newRow("bytes, at once") << false << 0.0 << true;
        QTest::newRow("bytes, between inference passes") << false << 0.31 << true;
        QTest::newRow("bytes, after shape inference") << false << 0.5 << true;
        QTest::newRow("file, never") << true << 2.0 << false;
        QTest::newRow("bytes, never") << false << 2.0 << false;
    }
    void cancelsThroughProgress()
    {
        QFETCH(bool, viaFile);
        QFETCH(double, stopAt);
        QFETCH(bool, cancelled);
        // The channel-shuffle model folds over several inference passes, so progress is reported often.
        const OnnxModelBuilder model = channelShuffleModel({ 1, 8, 4, 4 });
        std::vector<double> seen;
        ImportOptions options;
        options.progress = [&](double fraction) {
            seen.push_back(fraction);
            return fraction < stopAt;
        };
        Result<ImportedModel> result = Error {};
        if (viaFile) {
            const QString path = m_dir.filePath(QStringLiteral("progress.onnx"));
            QVERIFY(model.save(path.toStdString()));
            result = importOnnxFile(path.toStdString(), options);
        } else {
            result = importOnnxBytes(model.serialize(), "progress.onnx", {}, options);
        }
        QVERIFY(!seen.empty());
        for (size_t i = 0; i < seen.size(); ++i) {
            QVERIFY2(seen[i] >= 0.0 && seen[i] <= 1.0, qPrintable(QString::number(seen[i])));
            if (i > 0)
                QVERIFY2(seen[i] >= seen[i - 1], "progress went backwards");
        }
        if (cancelled) {
            verifyFails(result, ErrorCode::Cancelled, QStringLiteral("cancelled"));
            QVERIFY(seen.back() >= stopAt);
            QVERIFY2(seen.back() < 1.0, "cancelled only after the work was done");
        } else {
            QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
            QCOMPARE(seen.back(), 1.0);
        }
    }

    void analysisCancels()
    {
        auto result = importOnnxBytes(convModel().serialize(), "conv.onnx", {}, {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        auto analysis = analyzeGraph(result->graph, [](double) { return false; });
        QVERIFY(!analysis.ok());
        QCOMPARE(codeName(analysis.error().code), codeName(ErrorCode::Cancelled));
    }

    void sortsTopologically_data()
    {
        QTest::addColumn<QStringList>("fileOrder");
        QTest::addColumn<bool>("keepsFileOrder");
        QTest::newRow("already sorted") << QStringList { u"add"_qs, u"neg"_qs, u"relu"_qs, u"mul"_qs, u"sig"_qs }
                                        << true;
        QTest::newRow("independent node first")
            << QStringList { u"sig"_qs, u"add"_qs, u"neg"_qs, u"relu"_qs, u"mul"_qs } << true;
        QTest::newRow("reversed") << QStringList { u"sig"_qs, u"mul"_qs, u"relu"_qs, u"neg"_qs, u"add"_qs } << false;
        QTest::newRow("shuffled") << QStringList { u"relu"_qs, u"mul"_qs, u"add"_qs, u"sig"_qs, u"neg"_qs } << false;
    }
    void sortsTopologically()
    {
        QFETCH(QStringList, fileOrder);
        QFETCH(bool, keepsFileOrder);
        auto result = importOnnxBytes(chainModel(fileOrder).serialize(), "order.onnx", {}, {});
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(describe(result.error())));
        const ComputeGraph& g = *result->graph;
        QCOMPARE(g.nodeCount(), size_t(fileOrder.size()));

        QStringList order;
        for (const Node& n : g.nodes())
            order << QString::fromStdString(n.name);
        if (keepsFileOrder)
            QCOMPARE(order, fileOrder);
        // Every producer comes before its consumers, and producer/consumer indices follow the new order.
        for (size_t i = 0; i < g.nodeCount(); ++i) {
            const Node& n = g.node(static_cast<int>(i));
            for (int in : n.inputs) {
                const TensorDescriptor& t = g.tensor(in);
                QVERIFY2(t.producer < static_cast<int>(i), qPrintable(order.join(u',')));
                QVERIFY(std::count(t.consumers.begin(), t.consumers.end(), static_cast<int>(i)) > 0);
            }
            for (int out : n.outputs)
                QCOMPARE(g.tensor(out).producer, static_cast<int>(i));
        }
        QVERIFY(order.indexOf(u"add"_qs) < order.indexOf(u"neg"_qs));
        QVERIFY(order.indexOf(u"neg"_qs) < order.indexOf(u"relu"_qs));
        QVERIFY(order.indexOf(u"relu"_qs) < order.indexOf(u"mul"_qs));
    }

    void parsesInputShapeArgument_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QList<qint64>>("dims");
        QTest::newRow("x separators") << u"input=1x3x224x224"_qs << u"input"_qs << QList<qint64> { 1, 3, 224, 224 };
        QTest::newRow("colon and commas") << u"x:1,3,8,8"_qs << u"x"_qs << QList<qint64> { 1, 3, 8, 8 };
        QTest::newRow("name with a colon") << u"in:put=2x5"_qs << u"in:put"_qs << QList<qint64> { 2, 5 };
        QTest::newRow("one dimension") << u"ids=128"_qs << u"ids"_qs << QList<qint64> { 128 };
    }
    void parsesInputShapeArgument()
    {
        QFETCH(QString, text);
        QFETCH(QString, name);
        QFETCH(QList<qint64>, dims);
        auto parsed = parseInputShapeArgument(text.toStdString());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(describe(parsed.error())));
        QCOMPARE(QString::fromStdString(parsed->first), name);
        QCOMPARE(QList<qint64>(parsed->second.begin(), parsed->second.end()), dims);
    }

    void rejectsInputShapeArgument_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("no separator") << u"x"_qs << u"no '='"_qs;
        QTest::newRow("no name") << u"=1x3"_qs << u"no input name"_qs;
        QTest::newRow("no dimensions") << u"x="_qs << u"no dimensions"_qs;
        QTest::newRow("not a number") << u"x=1xax3"_qs << u"'a' is not a whole number"_qs;
        QTest::newRow("zero") << u"x=1x0"_qs << u"must be positive"_qs;
        QTest::newRow("negative") << u"x=-1x3"_qs << u"must be positive"_qs;
        QTest::newRow("trailing separator") << u"x=1x3x"_qs << u"trailing separator"_qs;
        QTest::newRow("too large") << u"x=99999999999999999999"_qs << u"not a whole number"_qs;
    }
    void rejectsInputShapeArgument()
    {
        QFETCH(QString, text);
        QFETCH(QString, fragment);
        auto parsed = parseInputShapeArgument(text.toStdString());
        QVERIFY(!parsed.ok());
        QCOMPARE(codeName(parsed.error().code), codeName(ErrorCode::InvalidArgument));
        const QString message = QString::fromStdString(parsed.error().message);
        QVERIFY2(message.contains(fragment), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestOnnxImport)
#include "tst_onnx_import.moc"
