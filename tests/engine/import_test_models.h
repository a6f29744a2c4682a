#pragma once

// Models and helpers shared by the ONNX frontend suites (tst_onnx_import, tst_import_semantics).

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

namespace importtest {

inline QString codeName(ErrorCode code)
{
    return QString::fromLatin1(errorCodeName(code));
}

inline QString describe(const Error& e)
{
    return codeName(e.code) + QStringLiteral(" — ") + QString::fromStdString(e.toString());
}

inline QByteArray toBytes(const OnnxModelBuilder& b)
{
    return QByteArray::fromStdString(b.serialize());
}

inline std::string_view view(const QByteArray& bytes)
{
    return { bytes.constData(), static_cast<size_t>(bytes.size()) };
}

inline ImportOptions shapes(const std::string& input, const std::vector<int64_t>& dims)
{
    ImportOptions o;
    o.inputShapes[input] = dims;
    return o;
}

inline ImportOptions batchOf(int64_t batch)
{
    ImportOptions o;
    o.batch = batch;
    return o;
}

/// x → Conv 'conv1' (4 filters of 3×3×3, no padding) → y. The weight is inline, or external at `weightLocation`.
inline OnnxModelBuilder convModel(const std::vector<TestDim>& dims = { 1, 3, 8, 8 }, const std::string& weightLocation = {})
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

inline onnx::GraphProto branch(const std::string& name, const std::string& op, const std::string& out)
{
    onnx::GraphProto g;
    g.set_name(name);
    auto* n = g.add_node();
    n->set_op_type(op);
    n->set_name(name + "_" + op);
    n->add_input(std::string("x"));
    n->add_output(out);
    *g.add_output() = graphs::testing::valueInfo(out, { 1, 3, 8, 8 });
    return g;
}

/// y = If(cond) { then } else { else }; both branches read the outer tensor x[1,3,8,8].
inline OnnxModelBuilder ifModel(const onnx::GraphProto& thenBranch, const onnx::GraphProto& elseBranch)
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
inline OnnxModelBuilder channelShuffleModel(const std::vector<TestDim>& dims)
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
inline OnnxModelBuilder chainModel(const QStringList& fileOrder)
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

inline int findNode(const ComputeGraph& g, const std::string& name)
{
    for (size_t i = 0; i < g.nodeCount(); ++i) {
        if (g.node(static_cast<int>(i)).name == name)
            return static_cast<int>(i);
    }
    return -1;
}

inline QString shapeOf(const ComputeGraph& g, const std::string& tensor)
{
    const int index = g.findTensor(tensor);
    return index < 0 ? QStringLiteral("<absent>") : QString::fromStdString(g.tensor(index).shape.toString());
}

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

} // namespace importtest

using namespace importtest;
