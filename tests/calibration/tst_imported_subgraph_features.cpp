// Imported per-subgraph rows described by the estimator's own kernels: the module names PyTorch's ONNX export puts in
// node names (checked by hand against the shared models' naming), the row's module list, and trainingPoints() giving a
// row the kernels of the modules it names where the model file is at hand, with the row's launches and host cost on
// its largest kernel; a row whose FLOPs disagree with those kernels, or a model without a file, keeps the description
// by its totals. The expected kernel features come from a separate latencyFeatures() call on the same model.

#include "benchmarks/results_registry.h"
#include "calibration/latency_features.h"
#include "calibration/roofline_fit.h"
#include "calibration/training_data.h"
#include "estimation/analysis_pipeline.h"
#include "hardware/hardware_registry.h"
#include "onnx_model_builder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <optional>

using namespace graphs;
using graphs::testing::Attr;
using graphs::testing::OnnxModelBuilder;

namespace {

const std::string kRegistries = GRAPHS_SOURCE_DIR "/registries";
const char* kHardware = "nvidia-jetson-agx-orin-64gb-gpu";

/// x[1,16,32,32] → block.0.conv (3×3, 32 outputs, pad 1) → block.0.relu → y, as PyTorch's exporter names them.
/// Conv FLOPs: 2 × 32 × 32 × 32 × 16 × 9 = 9,437,184.
OnnxModelBuilder tiny()
{
    OnnxModelBuilder b;
    b.input("x", { 1, 16, 32, 32 }).weight("W", { 32, 16, 3, 3 });
    b.node("Conv", { "x", "W" }, { "c" }, { Attr::ints("pads", { 1, 1, 1, 1 }) }, "/block/block.0/conv/Conv");
    b.node("Relu", { "c" }, { "y" }, {}, "/block/block.0/relu/Relu");
    b.output("y");
    return b;
}

constexpr double kConvFlops = 9437184;

/// The Orin AGX with PyTorch's rules at fp32 against its specification's roofs; `modelDirs` where model files are.
std::optional<TrainingDataOptions> orinOptions(const std::vector<std::string>& modelDirs)
{
    auto registry = HardwareRegistry::load({ kRegistries });
    auto rules = findFusionRules({ kRegistries }, "pytorch");
    if (!registry || !rules || !registry->find(kHardware))
        return std::nullopt;
    TrainingDataOptions options;
    options.hardware = registry->find(kHardware);
    options.fusion = *rules;
    options.roofs = specRoofline(*options.hardware, Precision::FP32);
    options.modelDirs = modelDirs;
    return options;
}

MeasurementRecord row(const std::string& detail, double flops)
{
    MeasurementRecord r;
    r.benchmark = "tiny/0";
    r.kind = MeasurementKind::Subgraph;
    r.runtime = "pytorch";
    r.medianMs = 0.5;
    r.detail = detail;
    r.flops = flops;
    r.bytes = 200000;
    r.source = "test";
    return r;
}

} // namespace

class TestImportedSubgraphFeatures : public QObject
{
    Q_OBJECT

private slots:
    void moduleNames_data()
    {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("module");
        QTest::newRow("top level") << u"/conv1/Conv"_qs << u"conv1"_qs;
        QTest::newRow("container child") << u"/layer1/layer1.0/conv1/Conv"_qs << u"layer1_0_conv1"_qs;
        QTest::newRow("nested containers") << u"/features/features.1/conv/conv.0/conv.0.0/Conv"_qs
                                           << u"features_1_conv_0_0"_qs;
        QTest::newRow("downsample") << u"/layer2/layer2.0/downsample/downsample.0/Conv"_qs
                                    << u"layer2_0_downsample_0"_qs;
        QTest::newRow("inside attention") << u"/encoder/layers/encoder_layer_0/self_attention/MatMul"_qs
                                          << u"encoder_layers_encoder_layer_0_self_attention"_qs;
        QTest::newRow("no module") << u"/Add"_qs << QString();
        QTest::newRow("unscoped") << u"Identity_3"_qs << QString();
    }

    void moduleNames()
    {
        QFETCH(QString, node);
        QFETCH(QString, module);
        QCOMPARE(QString::fromStdString(exportedModuleName(node.toStdString())), module);
    }

    void rowNames()
    {
        MeasurementRecord r = row("Conv2d_BatchNorm2d_ReLU: conv1, bn1 ,relu", 1);
        QCOMPARE(importedNodeNames(r), (std::vector<std::string> { "conv1", "bn1", "relu" }));
        r.detail = "Unfused";
        QVERIFY(importedNodeNames(r).empty());
    }

    void rowGetsTheEstimatorsKernels()
    {
        QTemporaryDir dir;
        const std::string model = dir.filePath(u"tiny.onnx"_qs).toStdString();
        QVERIFY(tiny().save(model));
        auto found = orinOptions({ dir.path().toStdString() });
        QVERIFY(found);
        const TrainingDataOptions& options = *found;

        // The same model's kernels, estimated independently.
        AnalysisRequest request;
        request.modelPath = model;
        request.hardware = options.hardware;
        request.fusion = options.fusion;
        auto expected = latencyFeatures(request, options.roofs);
        QVERIFY2(expected, expected ? "" : expected.error().toString().c_str());
        QCOMPARE(expected->subgraphs.size(), size_t(2)); // conv, relu: one kernel per node in eager mode
        const SubgraphFeatures& conv = expected->subgraphs[0].flops > expected->subgraphs[1].flops
            ? expected->subgraphs[0]
            : expected->subgraphs[1];
        QCOMPARE(conv.flops, kConvFlops);

        const SubgraphFeatures& relu
            = &conv == &expected->subgraphs[0] ? expected->subgraphs[1] : expected->subgraphs[0];
        QVERIFY(relu.flops > 0);       // one comparison per element in the estimator's count
        QCOMPARE(relu.macFlops, 0.0);  // but no multiply-accumulate

        const std::vector<MeasurementRecord> rows {
            row("Conv2d_BatchNorm2d_ReLU: block_0_conv, block_0_bn, block_0_relu", kConvFlops * 1.1),
            row("Conv2d_ReLU: block_0_conv, block_0_relu", kConvFlops * 3), // disagrees: described by totals
            // A profiler that counts multiply-accumulates only gives the ReLU no FLOPs: it matches its kernel.
            row("ReLU: block_0_relu", 0),
            // An add+ReLU row counts one FLOP per element of the add ('add' is no module): 32 × 32 × 32 = 32,768,
            // the ReLU kernel's own count, it matches too.
            row("add_ReLU: add, block_0_relu", 32 * 32 * 32),
        };
        Diagnostics skipped;
        auto points = trainingPoints(rows, options, skipped);
        QVERIFY2(points, points ? "" : points.error().toString().c_str());
        QCOMPARE(points->size(), size_t(4));
        QCOMPARE(relu.flops, 32.0 * 32 * 32);
        const TrainingPoint& addRow = points->at(3);
        QCOMPARE(addRow.features.subgraphs.size(), size_t(1));
        QCOMPARE(addRow.features.subgraphs[0].terms.at(relu.opClass + ":memory"), relu.terms.at(relu.opClass + ":memory"));
        const TrainingPoint& reluRow = points->at(2);
        QCOMPARE(reluRow.features.subgraphs.size(), size_t(1));
        QCOMPARE(reluRow.features.subgraphs[0].opClass, relu.opClass);
        QCOMPARE(reluRow.features.subgraphs[0].flops, relu.flops);
        const std::string e = relu.opClass;
        QCOMPARE(reluRow.features.subgraphs[0].terms.at(e + ":memory"), relu.terms.at(e + ":memory"));

        const TrainingPoint& matched = points->at(0);
        QCOMPARE(matched.group, std::string("tiny"));
        QCOMPARE(matched.features.subgraphs.size(), size_t(2));
        const SubgraphFeatures* largest = nullptr;
        for (const SubgraphFeatures& k : matched.features.subgraphs)
            if (!largest || k.flops > largest->flops)
                largest = &k;
        QCOMPARE(largest->opClass, conv.opClass);
        const std::string c = conv.opClass;
        QCOMPARE(largest->terms.at(c + ":compute"), conv.terms.at(c + ":compute"));
        QCOMPARE(largest->terms.at(c + ":memory"), conv.terms.at(c + ":memory"));
        // The row's three launches (the folded batch norm included) and its host cost, on its largest kernel only.
        QCOMPARE(largest->terms.at(c + ":kernels"), 3.0);
        QVERIFY(largest->terms.at(c + ":host") > 0);
        for (const SubgraphFeatures& k : matched.features.subgraphs) {
            QVERIFY(!k.terms.count(k.opClass + ":outputs"));
            if (&k != largest) {
                QVERIFY(!k.terms.count(k.opClass + ":kernels"));
                QVERIFY(!k.terms.count(k.opClass + ":host"));
            }
        }

        const TrainingPoint& totals = points->at(1);
        QCOMPARE(totals.features.subgraphs.size(), size_t(1));
        QCOMPARE(totals.features.subgraphs[0].flops, kConvFlops * 3);
        QCOMPARE(totals.features.subgraphs[0].terms.at(totals.features.subgraphs[0].opClass + ":kernels"), 2.0);
    }

    /// A row naming container block.1 takes the kernels below it, not those of its sibling block.10, whose name sorts
    /// between "block_1" and "block_1_conv".
    void siblingWithALongerIndexIsNotMatched()
    {
        QTemporaryDir dir;
        OnnxModelBuilder b;
        b.input("x", { 1, 16, 32, 32 }).weight("W1", { 32, 16, 3, 3 }).weight("W10", { 32, 32, 1, 1 });
        b.node("Conv", { "x", "W1" }, { "c" }, { Attr::ints("pads", { 1, 1, 1, 1 }) }, "/block/block.1/conv/Conv");
        b.node("Conv", { "c", "W10" }, { "y" }, {}, "/block/block.10/Conv");
        b.output("y");
        QVERIFY(b.save(dir.filePath(u"tiny.onnx"_qs).toStdString()));
        auto options = orinOptions({ dir.path().toStdString() });
        QVERIFY(options);
        Diagnostics skipped;
        auto points = trainingPoints({ row("Conv2d: block_1", kConvFlops) }, *options, skipped);
        QVERIFY(points);
        QCOMPARE(points->size(), size_t(1));
        // Only block.1's 3×3 convolution (9,437,184 FLOPs); block.10's 1×1 one (2 × 32 × 32 × 32 × 32 = 2,097,152)
        // would have made 11,534,336.
        QCOMPARE(points->at(0).features.subgraphs.size(), size_t(1));
        QCOMPARE(points->at(0).features.subgraphs[0].flops, kConvFlops);
        // The estimator's kernel, not the row's totals (200,000 bytes).
        QVERIFY(points->at(0).features.subgraphs[0].bytes != 200000.0);
    }

    void withoutTheModelFileRowsKeepTheirTotals()
    {
        auto options = orinOptions({});
        QVERIFY(options);
        Diagnostics skipped;
        auto points = trainingPoints({ row("Conv2d_ReLU: block_0_conv, block_0_relu", kConvFlops) }, *options, skipped);
        QVERIFY(points);
        QCOMPARE(points->size(), size_t(1));
        QCOMPARE(points->at(0).features.subgraphs.size(), size_t(1));
        QCOMPARE(points->at(0).features.subgraphs[0].bytes, 200000.0);
    }
};

QTEST_GUILESS_MAIN(TestImportedSubgraphFeatures)
#include "tst_imported_subgraph_features.moc"
