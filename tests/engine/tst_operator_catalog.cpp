// Operator costs against hand-computed figures. Each row is a one-node model written with OnnxModelBuilder,
// imported and analysed; the expected numbers are worked out in the row from the conventions of the catalog
// (estimation/catalog_*.cpp): matrix FLOPs = 2 × MACs, bias adds are vector FLOPs, views move nothing,
// Slice/Gather read only what they select. float32 = 4 bytes, int64 = 8 bytes.

#include "estimation/graph_analysis.h"
#include "estimation/operator_catalog.h"
#include "frontends/onnx_importer.h"
#include "onnx_model_builder.h"

#include <QTest>
#include <cmath>

using namespace graphs;
using graphs::testing::Attr;
using graphs::testing::OnnxModelBuilder;

/// The expected cost of one node, by hand.
struct ExpectedCost
{
    qint64 macs = 0;
    qint64 matrix = 0;
    qint64 vector = 0;
    qint64 transcendental = 0;
    qint64 activationRead = 0;
    qint64 weightRead = 0;
    qint64 written = 0;
};

Q_DECLARE_METATYPE(ExpectedCost)
Q_DECLARE_METATYPE(graphs::ErrorCode)

namespace {

constexpr qint64 F32 = 4; // bytes per float32 element
constexpr qint64 I64 = 8; // bytes per int64 element

QString describe(const Error& e)
{
    return QString::fromLatin1(errorCodeName(e.code)) + QStringLiteral(" — ") + QString::fromStdString(e.toString());
}

int findNode(const ComputeGraph& g, const std::string& name)
{
    for (size_t i = 0; i < g.nodeCount(); ++i) {
        if (g.node(static_cast<int>(i)).name == name)
            return static_cast<int>(i);
    }
    return -1;
}

void addRow(const char* name, const OnnxModelBuilder& b, OpClass opClass, const QString& outputShape,
    const ExpectedCost& expected)
{
    QTest::newRow(name) << QByteArray::fromStdString(b.serialize()) << QString::fromLatin1(opClassName(opClass))
                        << outputShape << expected;
}

/// x[1, cIn, h, w] → Conv 'op' with weight W[wDims] (and bias B[wDims[0]]) → y.
OnnxModelBuilder convModel(std::vector<int64_t> x, std::vector<int64_t> w, bool bias, const std::vector<Attr>& attrs)
{
    OnnxModelBuilder b;
    b.input("x", std::vector<graphs::testing::TestDim>(x.begin(), x.end())).weight("W", w);
    std::vector<std::string> inputs = { "x", "W" };
    if (bias) {
        b.weight("B", { w[0] });
        inputs.push_back("B");
    }
    b.node("Conv", inputs, { "y" }, attrs, "op").output("y");
    return b;
}

/// Gives graph output 0 a declared shape (the builder leaves output shapes to inference).
void declareOutputShape(OnnxModelBuilder& b, const std::vector<int64_t>& dims)
{
    auto* shape = b.graph().mutable_output(0)->mutable_type()->mutable_tensor_type()->mutable_shape();
    for (int64_t d : dims)
        shape->add_dim()->set_dim_value(d);
}

} // namespace

class TestOperatorCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nodeCosts_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<QString>("opClass");
        QTest::addColumn<QString>("outputShape");
        QTest::addColumn<ExpectedCost>("expected");

        // --- Convolutions: MACs = output elements × prod(W.shape[1:]) ---
        {
            constexpr qint64 macs = 1 * 8 * 30 * 30 * 3 * 3 * 3;
            addRow("Conv 3→8 3×3, no bias", convModel({ 1, 3, 32, 32 }, { 8, 3, 3, 3 }, false, {}),
                OpClass::Convolution, QStringLiteral("1x8x30x30"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .activationRead = 1 * 3 * 32 * 32 * F32,
                    .weightRead = 8 * 3 * 3 * 3 * F32,
                    .written = 1 * 8 * 30 * 30 * F32 });
            addRow("Conv 3→8 3×3, bias", convModel({ 1, 3, 32, 32 }, { 8, 3, 3, 3 }, true, {}), OpClass::Convolution,
                QStringLiteral("1x8x30x30"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .vector = 1 * 8 * 30 * 30,
                    .activationRead = 1 * 3 * 32 * 32 * F32,
                    .weightRead = (8 * 3 * 3 * 3 + 8) * F32,
                    .written = 1 * 8 * 30 * 30 * F32 });
        }
        {
            // (32 + 1 + 1 − 3) / 2 + 1 = 16
            constexpr qint64 macs = 1 * 16 * 16 * 16 * 3 * 3 * 3;
            addRow("Conv stride 2, pad 1",
                convModel({ 1, 3, 32, 32 }, { 16, 3, 3, 3 }, false,
                    { Attr::ints("strides", { 2, 2 }), Attr::ints("pads", { 1, 1, 1, 1 }) }),
                OpClass::Convolution, QStringLiteral("1x16x16x16"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .activationRead = 1 * 3 * 32 * 32 * F32,
                    .weightRead = 16 * 3 * 3 * 3 * F32,
                    .written = 1 * 16 * 16 * 16 * F32 });
        }
        {
            // group 2: each output channel sees 8 / 2 = 4 input channels
            constexpr qint64 macs = 1 * 16 * 8 * 8 * 4 * 3 * 3;
            addRow("Conv grouped (2 groups)",
                convModel({ 1, 8, 10, 10 }, { 16, 4, 3, 3 }, false, { Attr::i("group", 2) }), OpClass::Convolution,
                QStringLiteral("1x16x8x8"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .activationRead = 1 * 8 * 10 * 10 * F32,
                    .weightRead = 16 * 4 * 3 * 3 * F32,
                    .written = 1 * 16 * 8 * 8 * F32 });
        }
        {
            constexpr qint64 macs = 1 * 8 * 10 * 10 * 1 * 3 * 3;
            addRow("Conv depthwise 3×3, pad 1, bias",
                convModel({ 1, 8, 10, 10 }, { 8, 1, 3, 3 }, true,
                    { Attr::i("group", 8), Attr::ints("pads", { 1, 1, 1, 1 }) }),
                OpClass::Convolution, QStringLiteral("1x8x10x10"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .vector = 1 * 8 * 10 * 10,
                    .activationRead = 1 * 8 * 10 * 10 * F32,
                    .weightRead = (8 * 1 * 3 * 3 + 8) * F32,
                    .written = 1 * 8 * 10 * 10 * F32 });
        }
        {
            // Output (5 − 1) × 2 + 3 = 11; every input element scatters over W.shape[1:] = 2 × 3 × 3.
            constexpr qint64 macs = 1 * 4 * 5 * 5 * 2 * 3 * 3;
            OnnxModelBuilder b;
            b.input("x", { 1, 4, 5, 5 }).weight("W", { 4, 2, 3, 3 }).weight("B", { 2 });
            b.node("ConvTranspose", { "x", "W", "B" }, { "y" }, { Attr::ints("strides", { 2, 2 }) }, "op").output("y");
            addRow("ConvTranspose stride 2, bias", b, OpClass::Convolution, QStringLiteral("1x2x11x11"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .vector = 1 * 2 * 11 * 11,
                    .activationRead = 1 * 4 * 5 * 5 * F32,
                    .weightRead = (4 * 2 * 3 * 3 + 2) * F32,
                    .written = 1 * 2 * 11 * 11 * F32 });
        }

        // --- Matrix products: MACs = output elements × contraction length ---
        {
            constexpr qint64 macs = 4 * 5 * 6;
            OnnxModelBuilder b;
            b.input("a", { 4, 6 }).weight("B", { 6, 5 }).weight("C", { 5 });
            b.node("Gemm", { "a", "B", "C" }, { "y" }, {}, "op").output("y");
            addRow("Gemm with C", b, OpClass::Matrix, QStringLiteral("4x5"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .vector = 4 * 5,
                    .activationRead = 4 * 6 * F32,
                    .weightRead = (6 * 5 + 5) * F32,
                    .written = 4 * 5 * F32 });
        }
        {
            constexpr qint64 macs = 4 * 5 * 6;
            OnnxModelBuilder b;
            b.input("a", { 6, 4 }).weight("B", { 5, 6 });
            b.node("Gemm", { "a", "B" }, { "y" }, { Attr::i("transA", 1), Attr::i("transB", 1) }, "op").output("y");
            addRow("Gemm transA transB, no C", b, OpClass::Matrix, QStringLiteral("4x5"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .activationRead = 6 * 4 * F32,
                    .weightRead = 5 * 6 * F32,
                    .written = 4 * 5 * F32 });
        }
        {
            constexpr qint64 macs = 4 * 5 * 6;
            OnnxModelBuilder b;
            b.input("a", { 4, 6 }).input("b", { 6, 5 }).node("MatMul", { "a", "b" }, { "y" }, {}, "op").output("y");
            addRow("MatMul 2-D", b, OpClass::Matrix, QStringLiteral("4x5"),
                { .macs = macs, .matrix = 2 * macs, .activationRead = (4 * 6 + 6 * 5) * F32, .written = 4 * 5 * F32 });
        }
        {
            constexpr qint64 macs = 2 * 4 * 5 * 6;
            OnnxModelBuilder b;
            b.input("a", { 2, 4, 6 }).input("b", { 2, 6, 5 });
            b.node("MatMul", { "a", "b" }, { "y" }, {}, "op").output("y");
            addRow("MatMul batched 3-D", b, OpClass::Matrix, QStringLiteral("2x4x5"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .activationRead = (2 * 4 * 6 + 2 * 6 * 5) * F32,
                    .written = 2 * 4 * 5 * F32 });
        }
        {
            constexpr qint64 macs = 3 * 4 * 5 * 6;
            OnnxModelBuilder b;
            b.input("a", { 3, 4, 6 }).weight("B", { 6, 5 }).node("MatMul", { "a", "B" }, { "y" }, {}, "op").output("y");
            addRow("MatMul broadcast weight", b, OpClass::Matrix, QStringLiteral("3x4x5"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .activationRead = 3 * 4 * 6 * F32,
                    .weightRead = 6 * 5 * F32,
                    .written = 3 * 4 * 5 * F32 });
        }
        {
            constexpr qint64 macs = 5 * 6;
            OnnxModelBuilder b;
            b.input("v", { 6 }).input("m", { 6, 5 }).node("MatMul", { "v", "m" }, { "y" }, {}, "op").output("y");
            addRow("MatMul 1-D vector × matrix", b, OpClass::Matrix, QStringLiteral("5"),
                { .macs = macs, .matrix = 2 * macs, .activationRead = (6 + 6 * 5) * F32, .written = 5 * F32 });
        }
        {
            constexpr qint64 macs = 4 * 6;
            OnnxModelBuilder b;
            b.input("m", { 4, 6 }).input("v", { 6 }).node("MatMul", { "m", "v" }, { "y" }, {}, "op").output("y");
            addRow("MatMul matrix × 1-D vector", b, OpClass::Matrix, QStringLiteral("4"),
                { .macs = macs, .matrix = 2 * macs, .activationRead = (4 * 6 + 6) * F32, .written = 4 * F32 });
        }
        {
            // One MAC per point of the joint index space b × i × j × k.
            constexpr qint64 macs = 2 * 3 * 4 * 5;
            OnnxModelBuilder b;
            b.input("a", { 2, 3, 4 }).input("b", { 2, 4, 5 });
            b.node("Einsum", { "a", "b" }, { "y" }, { Attr::s("equation", "bij,bjk->bik") }, "op").output("y");
            addRow("Einsum bij,bjk->bik", b, OpClass::Matrix, QStringLiteral("2x3x5"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .activationRead = (2 * 3 * 4 + 2 * 4 * 5) * F32,
                    .written = 2 * 3 * 5 * F32 });
        }

        {
            // The same with the output shape declared in the model, so the count does not depend on inference.
            constexpr qint64 macs = 2 * 3 * 4 * 5;
            OnnxModelBuilder b;
            b.input("a", { 2, 3, 4 }).input("b", { 2, 4, 5 });
            b.node("Einsum", { "a", "b" }, { "y" }, { Attr::s("equation", "bij,bjk->bik") }, "op").output("y");
            declareOutputShape(b, { 2, 3, 5 });
            addRow("Einsum bij,bjk->bik, declared output", b, OpClass::Matrix, QStringLiteral("2x3x5"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .activationRead = (2 * 3 * 4 + 2 * 4 * 5) * F32,
                    .written = 2 * 3 * 5 * F32 });
        }
        {
            // The ellipsis stands for the batch axis of size 2 (broadcast against B, which has none).
            constexpr qint64 macs = 2 * 3 * 4 * 5;
            OnnxModelBuilder b;
            b.input("a", { 2, 3, 4 }).weight("B", { 4, 5 });
            b.node("Einsum", { "a", "B" }, { "y" }, { Attr::s("equation", "...ij,...jk->...ik") }, "op").output("y");
            declareOutputShape(b, { 2, 3, 5 });
            addRow("Einsum with ellipsis, declared output", b, OpClass::Matrix, QStringLiteral("2x3x5"),
                { .macs = macs,
                    .matrix = 2 * macs,
                    .activationRead = 2 * 3 * 4 * F32,
                    .weightRead = 4 * 5 * F32,
                    .written = 2 * 3 * 5 * F32 });
        }
        {
            // One operand: a sum over j, one addition per point of i × j.
            OnnxModelBuilder b;
            b.input("a", { 3, 4 });
            b.node("Einsum", { "a" }, { "y" }, { Attr::s("equation", "ij->i") }, "op").output("y");
            declareOutputShape(b, { 3 });
            addRow("Einsum ij->i (reduction), declared output", b, OpClass::Reduction, QStringLiteral("3"),
                { .vector = 3 * 4, .activationRead = 3 * 4 * F32, .written = 3 * F32 });
        }

        // --- Normalisation, elementwise, softmax ---
        {
            OnnxModelBuilder b;
            b.input("x", { 1, 4, 5, 5 }).weight("scale", { 4 }).weight("bias", { 4 }).weight("mean", { 4 });
            b.weight("var", { 4 });
            b.node("BatchNormalization", { "x", "scale", "bias", "mean", "var" }, { "y" }, {}, "op").output("y");
            addRow("BatchNormalization (inference)", b, OpClass::Normalization, QStringLiteral("1x4x5x5"),
                { .vector = 1 * 4 * 5 * 5 * 2,
                    .activationRead = 1 * 4 * 5 * 5 * F32,
                    .weightRead = 4 * 4 * F32,
                    .written = 1 * 4 * 5 * 5 * F32 });
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 3, 4 }).node("Relu", { "x" }, { "y" }, {}, "op").output("y");
            addRow("Relu", b, OpClass::Elementwise, QStringLiteral("2x3x4"),
                { .vector = 2 * 3 * 4, .activationRead = 2 * 3 * 4 * F32, .written = 2 * 3 * 4 * F32 });
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 3, 4 }).node("Sigmoid", { "x" }, { "y" }, {}, "op").output("y");
            addRow("Sigmoid", b, OpClass::Elementwise, QStringLiteral("2x3x4"),
                { .vector = 2 * 3 * 4 * 2,
                    .transcendental = 2 * 3 * 4,
                    .activationRead = 2 * 3 * 4 * F32,
                    .written = 2 * 3 * 4 * F32 });
        }
        {
            // [2, 1, 4] + [3, 1] broadcasts to [2, 3, 4]; each input is read once, whole.
            OnnxModelBuilder b;
            b.input("a", { 2, 1, 4 }).input("b", { 3, 1 }).node("Add", { "a", "b" }, { "y" }, {}, "op").output("y");
            addRow("Add with broadcasting", b, OpClass::Elementwise, QStringLiteral("2x3x4"),
                { .vector = 2 * 3 * 4, .activationRead = (2 * 1 * 4 + 3 * 1) * F32, .written = 2 * 3 * 4 * F32 });
        }
        {
            // x² is one multiplication per element, not a pow() call.
            OnnxModelBuilder b;
            b.input("x", { 2, 3, 4 }).floats("e", { 2.0f }, true).node("Pow", { "x", "e" }, { "y" }, {}, "op");
            b.output("y");
            addRow("Pow, constant exponent 2", b, OpClass::Elementwise, QStringLiteral("2x3x4"),
                { .vector = 2 * 3 * 4 * (2 - 1),
                    .activationRead = 2 * 3 * 4 * F32,
                    .weightRead = 1 * F32,
                    .written = 2 * 3 * 4 * F32 });
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 3, 4 }).floats("e", { 3.0f }, true).node("Pow", { "x", "e" }, { "y" }, {}, "op");
            b.output("y");
            addRow("Pow, constant exponent 3", b, OpClass::Elementwise, QStringLiteral("2x3x4"),
                { .vector = 2 * 3 * 4 * (3 - 1),
                    .activationRead = 2 * 3 * 4 * F32,
                    .weightRead = 1 * F32,
                    .written = 2 * 3 * 4 * F32 });
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 3, 4 }).floats("e", { 0.5f }, true).node("Pow", { "x", "e" }, { "y" }, {}, "op");
            b.output("y");
            addRow("Pow, constant exponent 0.5", b, OpClass::Elementwise, QStringLiteral("2x3x4"),
                { .transcendental = 2 * 3 * 4,
                    .activationRead = 2 * 3 * 4 * F32,
                    .weightRead = 1 * F32,
                    .written = 2 * 3 * 4 * F32 });
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 3, 4 }).input("e", { 1 }).node("Pow", { "x", "e" }, { "y" }, {}, "op").output("y");
            addRow("Pow, exponent from an input", b, OpClass::Elementwise, QStringLiteral("2x3x4"),
                { .transcendental = 2 * 3 * 4, .activationRead = (2 * 3 * 4 + 1) * F32, .written = 2 * 3 * 4 * F32 });
        }
        {
            // max, subtract, sum, divide per element (vector) and one exp per element.
            OnnxModelBuilder b;
            b.input("x", { 2, 10 }).node("Softmax", { "x" }, { "y" }, { Attr::i("axis", -1) }, "op").output("y");
            addRow("Softmax", b, OpClass::Softmax, QStringLiteral("2x10"),
                { .vector = 2 * 10 * 4,
                    .transcendental = 2 * 10,
                    .activationRead = 2 * 10 * F32,
                    .written = 2 * 10 * F32 });
        }
        {
            // 7 vector operations per element, one reciprocal square root per normalised row of 8.
            OnnxModelBuilder b(17);
            b.input("x", { 2, 3, 8 }).weight("scale", { 8 }).weight("bias", { 8 });
            b.node("LayerNormalization", { "x", "scale", "bias" }, { "y" }, { Attr::i("axis", -1) }, "op").output("y");
            addRow("LayerNormalization over the last axis", b, OpClass::Normalization, QStringLiteral("2x3x8"),
                { .vector = 2 * 3 * 8 * 7,
                    .transcendental = 2 * 3,
                    .activationRead = 2 * 3 * 8 * F32,
                    .weightRead = (8 + 8) * F32,
                    .written = 2 * 3 * 8 * F32 });
        }
        {
            // Sum every input element, divide every output element.
            OnnxModelBuilder b;
            b.input("x", { 2, 3, 4 }).node("ReduceMean", { "x" }, { "y" }, { Attr::ints("axes", { 2 }) }, "op");
            b.output("y");
            addRow("ReduceMean over the last axis", b, OpClass::Reduction, QStringLiteral("2x3x1"),
                { .vector = 2 * 3 * 4 + 2 * 3 * 1, .activationRead = 2 * 3 * 4 * F32, .written = 2 * 3 * 1 * F32 });
        }

        // --- Pooling ---
        {
            OnnxModelBuilder b;
            b.input("x", { 1, 2, 8, 8 });
            b.node("MaxPool", { "x" }, { "y" },
                { Attr::ints("kernel_shape", { 2, 2 }), Attr::ints("strides", { 2, 2 }) }, "op");
            b.output("y");
            addRow("MaxPool 2×2 stride 2", b, OpClass::Pooling, QStringLiteral("1x2x4x4"),
                { .vector = 1 * 2 * 4 * 4 * 2 * 2,
                    .activationRead = 1 * 2 * 8 * 8 * F32,
                    .written = 1 * 2 * 4 * 4 * F32 });
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 1, 2, 8, 8 })
                .node("AveragePool", { "x" }, { "y" }, { Attr::ints("kernel_shape", { 3, 3 }) }, "op");
            b.output("y");
            addRow("AveragePool 3×3", b, OpClass::Pooling, QStringLiteral("1x2x6x6"),
                { .vector = 1 * 2 * 6 * 6 * 3 * 3 + 1 * 2 * 6 * 6,
                    .activationRead = 1 * 2 * 8 * 8 * F32,
                    .written = 1 * 2 * 6 * 6 * F32 });
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 1, 4, 5, 5 }).node("GlobalAveragePool", { "x" }, { "y" }, {}, "op").output("y");
            addRow("GlobalAveragePool", b, OpClass::Pooling, QStringLiteral("1x4x1x1"),
                { .vector = 1 * 4 * 5 * 5 + 1 * 4, .activationRead = 1 * 4 * 5 * 5 * F32, .written = 1 * 4 * F32 });
        }

        // --- Data movement and views ---
        {
            OnnxModelBuilder b;
            b.input("a", { 2, 3 }).input("b", { 2, 5 });
            b.node("Concat", { "a", "b" }, { "y" }, { Attr::i("axis", 1) }, "op").output("y");
            addRow("Concat", b, OpClass::DataMovement, QStringLiteral("2x8"),
                { .activationRead = (2 * 3 + 2 * 5) * F32, .written = 2 * 8 * F32 });
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 3, 4 }).node("Transpose", { "x" }, { "y" }, { Attr::ints("perm", { 2, 0, 1 }) }, "op");
            b.output("y");
            addRow("Transpose", b, OpClass::DataMovement, QStringLiteral("4x2x3"),
                { .activationRead = 2 * 3 * 4 * F32, .written = 4 * 2 * 3 * F32 });
        }
        {
            // Rows 2..6 of a 10 × 8 tensor: 5 × 8 elements read, plus the three int64 index tensors.
            OnnxModelBuilder b;
            b.input("x", { 10, 8 }).ints("starts", { 2 }).ints("ends", { 7 }).ints("axes", { 0 });
            b.node("Slice", { "x", "starts", "ends", "axes" }, { "y" }, {}, "op").output("y");
            addRow("Slice reads only the slice", b, OpClass::DataMovement, QStringLiteral("5x8"),
                { .activationRead = 5 * 8 * F32, .weightRead = 3 * 1 * I64, .written = 5 * 8 * F32 });
        }
        {
            // An embedding lookup: 2 × 3 rows of 16 floats out of a 100-row table.
            OnnxModelBuilder b;
            b.weight("table", { 100, 16 }).input("ids", { 2, 3 }, onnx::TensorProto::INT64);
            b.node("Gather", { "table", "ids" }, { "y" }, { Attr::i("axis", 0) }, "op").output("y");
            addRow("Gather rows of a weight table", b, OpClass::DataMovement, QStringLiteral("2x3x16"),
                { .activationRead = 2 * 3 * I64, .weightRead = 2 * 3 * 16 * F32, .written = 2 * 3 * 16 * F32 });
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 3, 4 }).ints("shape", { 4, 6 }).node("Reshape", { "x", "shape" }, { "y" }, {}, "op");
            b.output("y");
            addRow("Reshape is a view", b, OpClass::View, QStringLiteral("4x6"), {});
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 2, 3, 4 }).node("Flatten", { "x" }, { "y" }, { Attr::i("axis", 1) }, "op").output("y");
            addRow("Flatten is a view", b, OpClass::View, QStringLiteral("2x12"), {});
        }
        {
            // Two resized axes: 2² − 1 = 3 lerps of 3 operations per output element.
            OnnxModelBuilder b;
            b.input("x", { 1, 2, 4, 4 }).floats("scales", { 1.0f, 1.0f, 2.0f, 2.0f });
            b.node("Resize", { "x", "", "scales" }, { "y" }, { Attr::s("mode", "linear") }, "op").output("y");
            addRow("Resize linear ×2", b, OpClass::DataMovement, QStringLiteral("1x2x8x8"),
                { .vector = 1 * 2 * 8 * 8 * 3 * 3,
                    .activationRead = 1 * 2 * 4 * 4 * F32,
                    .weightRead = 4 * F32,
                    .written = 1 * 2 * 8 * 8 * F32 });
        }
    }

    void nodeCosts()
    {
        QFETCH(QByteArray, model);
        QFETCH(QString, opClass);
        QFETCH(QString, outputShape);
        QFETCH(ExpectedCost, expected);
        auto imported = importOnnxBytes({ model.constData(), static_cast<size_t>(model.size()) }, "op.onnx", {}, {});
        QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(describe(imported.error())));
        const ComputeGraph& g = *imported->graph;
        QCOMPARE(QString::fromStdString(g.tensor(g.findTensor("y")).shape.toString()), outputShape);
        const int index = findNode(g, "op");
        QVERIFY(index >= 0);
        QVERIFY(!g.node(index).foldedAtImport);

        Diagnostics diagnostics;
        auto cost = nodeCost(g, index, diagnostics);
        QVERIFY2(cost.ok(), cost.ok() ? "" : qPrintable(describe(cost.error())));
        QVERIFY(diagnostics.empty());
        QVERIFY(cost->modelled);
        QCOMPARE(QString::fromLatin1(opClassName(cost->opClass)), opClass);
        QCOMPARE(cost->macs, expected.macs);
        QCOMPARE(cost->flops.matrix, expected.matrix);
        QCOMPARE(cost->flops.vector, expected.vector);
        QCOMPARE(cost->flops.transcendental, expected.transcendental);
        QCOMPARE(cost->activationBytesRead, expected.activationRead);
        QCOMPARE(cost->weightBytesRead, expected.weightRead);
        QCOMPARE(cost->bytesWritten, expected.written);

        const qint64 bytes = expected.activationRead + expected.weightRead + expected.written;
        const auto intensity = cost->arithmeticIntensity();
        if (bytes == 0) {
            QVERIFY(!intensity.has_value());
        } else {
            QVERIFY(intensity.has_value());
            const double flops = static_cast<double>(expected.matrix + expected.vector + expected.transcendental);
            QVERIFY2(std::abs(*intensity - flops / static_cast<double>(bytes)) <= 1e-12 * std::max(1.0, *intensity),
                qPrintable(QString::number(*intensity)));
        }

        // For a one-node graph the totals are that node's cost.
        auto analysis = analyzeGraph(imported->graph);
        QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(describe(analysis.error())));
        QCOMPARE(analysis->totals.macs, expected.macs);
        QCOMPARE(analysis->totals.flops.total(), expected.matrix + expected.vector + expected.transcendental);
        QCOMPARE(analysis->totals.activationBytesRead, expected.activationRead);
        QCOMPARE(analysis->totals.weightBytesRead, expected.weightRead);
        QCOMPARE(analysis->totals.bytesWritten, expected.written);
        QCOMPARE(analysis->totals.unmodelledNodes, 0);
    }

    // Counts that cannot be made: a wrapped number would be worse than an error.
    void costFails_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("fragment");
        constexpr int64_t p21 = int64_t { 1 } << 21;
        constexpr int64_t p20 = int64_t { 1 } << 20;
        constexpr int64_t p31 = int64_t { 1 } << 31;
        constexpr int64_t p32 = int64_t { 1 } << 32;
        {
            // 2^32 × 2^32 = 2^64 elements.
            OnnxModelBuilder b;
            b.input("x", { p32, p32 }).node("Relu", { "x" }, { "y" }, {}, "op").output("y");
            QTest::newRow("element count overflows") << QByteArray::fromStdString(b.serialize()) << ErrorCode::Overflow
                                                     << QStringLiteral("more than 2^63 elements");
        }
        {
            // 2^31 × 2^31 = 2^62 elements fit; × 4 bytes = 2^64 does not.
            OnnxModelBuilder b;
            b.input("x", { p31, p31 }).node("Relu", { "x" }, { "y" }, {}, "op").output("y");
            QTest::newRow("byte count overflows") << QByteArray::fromStdString(b.serialize()) << ErrorCode::Overflow
                                                  << QStringLiteral("overflows 64 bits");
        }
        {
            // Output 2^21 × 2^21 = 2^42 elements, × K = 2^21 → 2^63 MACs.
            OnnxModelBuilder b;
            b.input("a", { p21, p21 }).input("b", { p21, p21 }).node("MatMul", { "a", "b" }, { "y" }, {}, "op");
            b.output("y");
            QTest::newRow("MACs overflow") << QByteArray::fromStdString(b.serialize()) << ErrorCode::Overflow
                                           << QStringLiteral("overflows 64 bits");
        }
        {
            // 2^42 outputs × K = 2^20 → 2^62 MACs fit; matrix FLOPs = 2 × 2^62 = 2^63 do not.
            OnnxModelBuilder b;
            b.input("a", { p21, p20 }).input("b", { p20, p21 }).node("MatMul", { "a", "b" }, { "y" }, {}, "op");
            b.output("y");
            QTest::newRow("matrix FLOPs overflow") << QByteArray::fromStdString(b.serialize()) << ErrorCode::Overflow
                                                   << QStringLiteral("overflows 64 bits");
        }
        {
            OnnxModelBuilder b;
            b.input("x", { "N", 4 }).node("Relu", { "x" }, { "y" }, {}, "op").output("y");
            QTest::newRow("unbound dimension")
                << QByteArray::fromStdString(b.serialize()) << ErrorCode::UnboundDimension << QStringLiteral("'N'");
        }
        // Attributes that contradict the tensors: the count would describe a different operator.
        const auto invalid = [](const char* name, const OnnxModelBuilder& b, const char* fragment) {
            QTest::newRow(name) << QByteArray::fromStdString(b.serialize()) << ErrorCode::InvalidModel
                                << QString::fromUtf8(fragment);
        };
        invalid("Conv group 0", convModel({ 1, 4, 8, 8 }, { 4, 4, 3, 3 }, false, { Attr::i("group", 0) }),
            "attribute 'group' is 0");
        // 6 input channels, W expects 2 per group: group 2 would need 4.
        invalid("Conv group against channels", convModel({ 1, 6, 8, 8 }, { 4, 2, 3, 3 }, false, { Attr::i("group", 2) }),
            "expects 2 per group × 2 groups = 4");
        // 6 channels = 2 per group × 3 groups, but 4 output channels do not split into 3 groups.
        invalid("Conv output channels not divisible by group",
            convModel({ 1, 6, 8, 8 }, { 4, 2, 3, 3 }, false, { Attr::i("group", 3) }),
            "4 output channels, not divisible");
        invalid("Conv kernel_shape against weight",
            convModel({ 1, 3, 8, 8 }, { 4, 3, 3, 3 }, false, { Attr::ints("kernel_shape", { 5, 5 }) }),
            "attribute 'kernel_shape' is [5, 5], but weight 'W' has a [3, 3] kernel");
        invalid("Conv negative pad",
            convModel({ 1, 3, 8, 8 }, { 4, 3, 3, 3 }, false, { Attr::ints("pads", { 0, -1, 0, 0 }) }),
            "attribute 'pads' is [0, -1, 0, 0]: pads cannot be negative");
        invalid("Conv strides for the wrong rank",
            convModel({ 1, 3, 8, 8 }, { 4, 3, 3, 3 }, false, { Attr::ints("strides", { 1, 1, 1 }) }),
            "attribute 'strides' is [1, 1, 1]: 3 values for 2 spatial dimensions");
        invalid("Conv pads for the wrong rank",
            convModel({ 1, 3, 8, 8 }, { 4, 3, 3, 3 }, false, { Attr::ints("pads", { 1, 1 }) }),
            "attribute 'pads' is [1, 1]: 2 values for 2 spatial dimensions (4 expected)");
        {
            // A is 4×8, so K = 8; with transB = 1 B (8×16) offers K = 16.
            OnnxModelBuilder b;
            b.input("a", { 4, 8 }).weight("B", { 8, 16 });
            b.node("Gemm", { "a", "B" }, { "y" }, { Attr::i("transB", 1) }, "op").output("y");
            invalid("Gemm transB against K", b, "'transB' = 1: A (4x8) contributes K = 8, B (8x16) K = 16");
        }
        {
            OnnxModelBuilder b;
            b.input("a", { 2, 4, 8 }).input("b", { 2, 6, 5 }).node("MatMul", { "a", "b" }, { "y" }, {}, "op");
            b.output("y");
            invalid("MatMul inner dimension", b, "do not share the inner dimension: 8 vs 6");
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 1, 3, 8, 8 }).node("MaxPool", { "x" }, { "y" }, {}, "op").output("y");
            invalid("MaxPool without kernel_shape", b, "attribute 'kernel_shape' is missing");
        }
        {
            OnnxModelBuilder b;
            b.input("x", { 1, 3, 8, 8 });
            b.node("AveragePool", { "x" }, { "y" }, { Attr::ints("kernel_shape", { 2, 2, 2 }) }, "op").output("y");
            invalid("AveragePool kernel_shape for the wrong rank", b, "3 values for 2 spatial dimensions");
        }
    }
    void costFails()
    {
        QFETCH(QByteArray, model);
        QFETCH(ErrorCode, code);
        QFETCH(QString, fragment);
        auto imported = importOnnxBytes({ model.constData(), static_cast<size_t>(model.size()) }, "op.onnx", {}, {});
        QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(describe(imported.error())));
        const int index = findNode(*imported->graph, "op");
        QVERIFY(index >= 0);

        Diagnostics diagnostics;
        auto cost = nodeCost(*imported->graph, index, diagnostics);
        QVERIFY2(!cost.ok(), cost.ok() ? qPrintable(QStringLiteral("counted %1 MACs").arg(cost->macs)) : "");
        QCOMPARE(QString::fromLatin1(errorCodeName(cost.error().code)), QString::fromLatin1(errorCodeName(code)));
        QCOMPARE(QString::fromStdString(cost.error().location), QStringLiteral("op"));
        const QString message = QString::fromStdString(cost.error().message);
        QVERIFY2(message.contains(fragment), qPrintable(message));

        auto analysis = analyzeGraph(imported->graph);
        QVERIFY(!analysis.ok());
        QCOMPARE(QString::fromLatin1(errorCodeName(analysis.error().code)), QString::fromLatin1(errorCodeName(code)));
    }

    void zeroByteNodeHasNoIntensity_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<QString>("opClass");
        OnnxModelBuilder reshape;
        reshape.input("x", { 2, 3, 4 }).ints("shape", { 24 }).node("Reshape", { "x", "shape" }, { "y" }, {}, "op");
        reshape.output("y");
        QTest::newRow("Reshape (view)") << QByteArray::fromStdString(reshape.serialize()) << QStringLiteral("view");
        OnnxModelBuilder shape;
        shape.input("x", { 2, 3, 4 }).node("Shape", { "x" }, { "y" }, {}, "op").output("y", onnx::TensorProto::INT64);
        QTest::newRow("Shape (folded at import)")
            << QByteArray::fromStdString(shape.serialize()) << QStringLiteral("metadata");
    }
    void zeroByteNodeHasNoIntensity()
    {
        QFETCH(QByteArray, model);
        QFETCH(QString, opClass);
        auto imported = importOnnxBytes({ model.constData(), static_cast<size_t>(model.size()) }, "op.onnx", {}, {});
        QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(describe(imported.error())));
        Diagnostics diagnostics;
        auto cost = nodeCost(*imported->graph, findNode(*imported->graph, "op"), diagnostics);
        QVERIFY2(cost.ok(), cost.ok() ? "" : qPrintable(describe(cost.error())));
        QCOMPARE(QString::fromLatin1(opClassName(cost->opClass)), opClass);
        QCOMPARE(cost->bytesRead() + cost->bytesWritten, qint64(0));
        QCOMPARE(cost->flops.total(), qint64(0));
        QVERIFY(!cost->arithmeticIntensity().has_value());
        QVERIFY(!NodeCost {}.arithmeticIntensity().has_value());
    }

    // What the model stores: floating-point initializers are parameters; every initializer counts in weight bytes.
    void storedWeights_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<qint64>("parameters");
        QTest::addColumn<qint64>("weightBytes");
        QTest::newRow("Conv with bias") << QByteArray::fromStdString(
            convModel({ 1, 3, 32, 32 }, { 8, 3, 3, 3 }, true, {}).serialize())
                                        << qint64(8 * 3 * 3 * 3 + 8) << qint64((8 * 3 * 3 * 3 + 8) * F32);
        OnnxModelBuilder slice;
        slice.input("x", { 10, 8 }).ints("starts", { 2 }).ints("ends", { 7 }).ints("axes", { 0 });
        slice.node("Slice", { "x", "starts", "ends", "axes" }, { "y" }, {}, "op").output("y");
        QTest::newRow("int64 indices only")
            << QByteArray::fromStdString(slice.serialize()) << qint64(0) << qint64(3 * I64);
    }
    void storedWeights()
    {
        QFETCH(QByteArray, model);
        QFETCH(qint64, parameters);
        QFETCH(qint64, weightBytes);
        auto imported = importOnnxBytes({ model.constData(), static_cast<size_t>(model.size()) }, "op.onnx", {}, {});
        QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(describe(imported.error())));
        auto analysis = analyzeGraph(imported->graph);
        QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(describe(analysis.error())));
        QCOMPARE(analysis->totals.parameters, parameters);
        QCOMPARE(analysis->totals.weightBytes, weightBytes);
    }
};

QTEST_APPLESS_MAIN(TestOperatorCatalog)
#include "tst_operator_catalog.moc"
