// The structure-only models that tools/reference_models writes at build time (ResNet-50 v1.5, BERT-Large for SQuAD),
// through the engine's import and analysis. The expected figures are derived by hand from the published
// architectures, never from the generator's code: a wrong layer size in the generator shows up here.

#include "estimation/graph_analysis.h"
#include "frontends/onnx_importer.h"
#include "optional_dependencies.h"

#include <QFile>
#include <QTest>
#include <cmath>

using namespace graphs;

namespace {

const char* const ResNet = "resnet50_v1.5.structure.onnx";
const char* const Bert = "bert_large.structure.onnx";
const char* const BertInputs[] = { "input_ids", "attention_mask", "token_type_ids" };

std::string generatedModel(const QString& file)
{
    return (QStringLiteral(GRAPHS_GENERATED_MODELS_DIR "/") + file).toStdString();
}

/// torchvision's published ResNet-50 figure: 4.09 GFLOPS in its table, 4.089 G MACs at batch 1 (Conv and Gemm).
constexpr double ResNet50Macs = 4.089e9;

/// torchvision's ResNet-50 has 25,557,032 parameters; folding BatchNorm into the convolutions replaces each BN's
/// weight and bias (2 per channel) by one conv bias (1 per channel). The BN channels: stem 64; per stage, blocks ×
/// (w + w + 4w) plus the downsample's 4w: 3·384+256, 4·768+512, 6·1536+1024, 3·3072+2048 → 26,560 in all.
constexpr int64_t ResNet50FoldedParameters = 25'557'032 - 26'560;

/// BERT-Large encoder MACs by hand (d = 1024, 24 layers, FFN 4d = 4096, 16 heads of 64, s tokens, batch 1):
///   per layer   Q, K, V and output projections    4·s·d²
///               FFN up and down                   2·s·d·4d = 8·s·d²
///               scores Q·Kᵀ and weighted V, over all heads   2·s²·d
///   head        qa_outputs Linear(1024 → 2)        2·s·d
///   embeddings are lookups (Gather): no MACs.
/// At s = 384: 4·384·1024² = 1,610,612,736; 8·384·1024² = 3,221,225,472; 2·384²·1024 = 301,989,888;
/// per layer 5,133,828,096, × 24 = 123,211,874,304; head 786,432; total 123,212,660,736 ≈ 123.2 G MACs.
constexpr double bertLargeMacs(double s)
{
    const double d = 1024;
    return 24 * (4 * s * d * d + 8 * s * d * d + 2 * s * s * d) + 2 * s * d;
}
static_assert(bertLargeMacs(384) == 123'212'660'736.0);

/// bert-large-uncased has 335,141,888 parameters with its pooler (1024² + 1024); BertForQuestionAnswering drops the
/// pooler and adds qa_outputs (1024·2 + 2). Embeddings (30522 + 512 + 2)·1024 + LayerNorm 2048 = 31,782,912;
/// per layer 4·(1024² + 1024) + (1024·4096 + 4096) + (4096·1024 + 1024) + 2·2048 = 12,596,224.
constexpr int64_t BertLargeQaParameters = 31'782'912 + 24 * 12'596'224 + 2'050;
static_assert(BertLargeQaParameters == 335'141'888 - 1'049'600 + 2'050);

ImportOptions bertShape(int64_t batch, int64_t sequence)
{
    ImportOptions options;
    for (const char* name : BertInputs)
        options.inputShapes[name] = { batch, sequence };
    return options;
}

std::string describe(const Shape& shape)
{
    std::string out;
    for (const Dim& d : shape.dims)
        out += (out.empty() ? "" : ",") + (d.isKnown() ? std::to_string(d.value) : d.symbol);
    return out;
}

} // namespace

Q_DECLARE_METATYPE(graphs::ImportOptions)

class TestReferenceModelsGenerated : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        for (const char* file : { ResNet, Bert })
            QVERIFY2(QFile::exists(QString::fromStdString(generatedModel(QString::fromLatin1(file)))),
                "the reference_models target writes it; build it first");
    }

    void macsMatchHandDerived_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<ImportOptions>("options");
        QTest::addColumn<double>("expectedMacs");
        QTest::addColumn<int64_t>("expectedParameters");

        ImportOptions one;
        one.batch = 1;
        ImportOptions eight;
        eight.batch = 8;
        const auto resnet = QString::fromLatin1(ResNet);
        const auto bert = QString::fromLatin1(Bert);
        QTest::newRow("resnet50_v1.5 batch 1") << resnet << one << ResNet50Macs << ResNet50FoldedParameters;
        QTest::newRow("resnet50_v1.5 batch 8") << resnet << eight << 8 * ResNet50Macs << ResNet50FoldedParameters;
        QTest::newRow("bert_large sequence 384")
            << bert << bertShape(1, 384) << bertLargeMacs(384) << BertLargeQaParameters;
        QTest::newRow("bert_large batch 2 sequence 128")
            << bert << bertShape(2, 128) << 2 * bertLargeMacs(128) << BertLargeQaParameters;
    }

    /// MACs within 1% of the hand-derived figure; parameters within 0.001% (the analysis also counts the handful of
    /// float scalars in Constant nodes: LayerNorm's eps and 2, GELU's 1/√2, ½ and 1, the attention scale).
    void macsMatchHandDerived()
    {
        QFETCH(QString, file);
        QFETCH(ImportOptions, options);
        QFETCH(double, expectedMacs);
        QFETCH(int64_t, expectedParameters);

        auto imported = importOnnxFile(generatedModel(file), options);
        QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().toString().c_str());
        auto analysis = analyzeGraph(imported->graph);
        // A failure here names the first node left without a shape; the pass count tells whether the import's
        // shape propagation stopped at its limit (each layer of a transformer exported with symbolic dimensions
        // needs about two rounds of ONNX inference and constant folding).
        QVERIFY2(analysis.ok(),
            analysis.ok()
                ? ""
                : qPrintable(QString::fromStdString(analysis.error().toString())
                    + QStringLiteral(" (after %1 shape inference passes)").arg(imported->shapeInferencePasses)));

        const double macs = static_cast<double>(analysis->totals.macs);
        const double macsError = std::abs(macs - expectedMacs) / expectedMacs;
        QVERIFY2(macsError <= 0.01,
            qPrintable(QStringLiteral("%1 MACs, hand-derived %2 (%3% off)")
                           .arg(macs, 0, 'f', 0)
                           .arg(expectedMacs, 0, 'f', 0)
                           .arg(macsError * 100)));
        qInfo("%.0f MACs (hand-derived %.0f), %lld parameters (hand-derived %lld), %zu nodes", macs, expectedMacs,
            static_cast<long long>(analysis->totals.parameters), static_cast<long long>(expectedParameters),
            analysis->graph->nodes().size());
        const double parameters = static_cast<double>(analysis->totals.parameters);
        QVERIFY2(std::abs(parameters - expectedParameters) <= 1e-5 * expectedParameters,
            qPrintable(QStringLiteral("%1 parameters, hand-derived %2").arg(parameters).arg(expectedParameters)));
        QCOMPARE(analysis->totals.unmodelledNodes, 0);
        for (const TensorDescriptor& t : analysis->graph->tensors())
            QVERIFY2(t.shape.isFullyKnown(), qPrintable(QString::fromStdString(t.name + " " + t.shape.toString())));
    }

    void inputsAreSymbolic_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("dims");
        QTest::newRow("resnet input") << QString::fromLatin1(ResNet) << QStringLiteral("input")
                                      << QStringLiteral("batch,3,224,224");
        for (const char* name : BertInputs)
            QTest::newRow(name) << QString::fromLatin1(Bert) << QString::fromLatin1(name)
                                << QStringLiteral("batch,sequence");
    }

    /// Imported without binding, the inputs keep their symbols (the analysis then asks for them to be bound).
    void inputsAreSymbolic()
    {
        QFETCH(QString, file);
        QFETCH(QString, input);
        QFETCH(QString, dims);
        auto imported = importOnnxFile(generatedModel(file), {});
        QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().toString().c_str());
        const ComputeGraph& graph = *imported->graph;
        bool found = false;
        for (int index : graph.inputs()) {
            const TensorDescriptor& t = graph.tensors()[index];
            if (t.name != input.toStdString())
                continue;
            found = true;
            QCOMPARE(QString::fromStdString(describe(t.shape)), dims);
            QVERIFY(!t.shape.isFullyKnown());
        }
        QVERIFY2(found, qPrintable(input));
        QVERIFY(!analyzeGraph(imported->graph).ok());
    }

    /// Binding the sequence length makes every shape concrete, down to the start and end logits.
    void bindingSequence()
    {
        auto imported = importOnnxFile(generatedModel(QString::fromLatin1(Bert)), bertShape(1, 384));
        QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().toString().c_str());
        const ComputeGraph& graph = *imported->graph;
        QCOMPARE(graph.inputs().size(), size_t(3));
        for (int index : graph.inputs())
            QCOMPARE(graph.tensors()[index].shape, Shape::of({ 1, 384 }));
        QStringList outputs;
        for (int index : graph.outputs()) {
            const TensorDescriptor& t = graph.tensors()[index];
            outputs << QString::fromStdString(t.name);
            QCOMPARE(t.shape, Shape::of({ 1, 384 }));
        }
        QCOMPARE(outputs, QStringList({ QStringLiteral("start_logits"), QStringLiteral("end_logits") }));
    }

    /// The same layers as torch.onnx.export's ResNet-50 in ../shared/models: every op count and the MACs. The
    /// shared export also holds Identity nodes, which its exporter adds when it merges identical initializers (the
    /// zero biases of an untrained model); they compute nothing and are left out of the comparison.
    void resnetMatchesSharedExport()
    {
        GRAPHS_REQUIRE_SHARED(QStringLiteral("models/resnet50.structure.onnx"));
        const std::string shared
            = graphs::testing::sharedPath(QStringLiteral("models/resnet50.structure.onnx")).toStdString();
        ImportOptions one;
        one.batch = 1;
        auto oursImported = importOnnxFile(generatedModel(QString::fromLatin1(ResNet)), one);
        QVERIFY2(oursImported, oursImported ? "" : oursImported.error().toString().c_str());
        auto theirsImported = importOnnxFile(shared, one);
        QVERIFY2(theirsImported, theirsImported ? "" : theirsImported.error().toString().c_str());
        auto ours = analyzeGraph(oursImported->graph);
        auto theirs = analyzeGraph(theirsImported->graph);
        QVERIFY2(ours.ok(), ours.ok() ? "" : ours.error().toString().c_str());
        QVERIFY2(theirs.ok(), theirs.ok() ? "" : theirs.error().toString().c_str());
        auto histogram = theirs->opHistogram;
        histogram.erase("Identity");
        QCOMPARE(ours->opHistogram, histogram);
        QCOMPARE(ours->totals.macs, theirs->totals.macs);
        QCOMPARE(ours->totals.flops.vector, theirs->totals.flops.vector);
    }
};

QTEST_GUILESS_MAIN(TestReferenceModelsGenerated)
#include "tst_reference_models_generated.moc"
