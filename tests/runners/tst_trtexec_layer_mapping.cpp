// TensorRT layer names → ONNX nodes: fused names ("A + B", PWN(...)), reformatting layers and copies TensorRT adds,
// Myelin/DLA regions ({ForeignNode[FIRST...LAST]}), the engine inspector's Metadata, and the recorded SqueezeNet
// profile matched to the estimate's subgraphs as `graphs validate --per-subgraph` does.

#include "benchmarks/tensorrt_runner.h"
#include "benchmarks/trtexec_layer_mapping.h"
#include "benchmarks/trtexec_reports.h"
#include "estimation/analysis_pipeline.h"
#include "transform/fusion_rules.h"
#include "validation/node_matching.h"

#include <QtTest>

using namespace graphs;

namespace {

QStringList qt(const std::vector<std::string>& names)
{
    QStringList list;
    for (const std::string& n : names)
        list << QString::fromStdString(n);
    return list;
}

/// A small graph: a transformer block's ends, a quantized convolution and an unnamed node.
OnnxNodeIndex sampleIndex()
{
    OnnxNodeIndex index;
    index.add("/embeddings/Add", "Add", { "/embeddings/Add_output_0" });                         // 0
    index.add("/encoder/layer.0/attention/self/query/MatMul", "MatMul", { "q" });              // 1
    index.add("/encoder/layer.0/attention/self/Softmax", "Softmax", { "p" });                  // 2
    index.add("/encoder/layer.0/output/dense/MatMul", "MatMul", { "d" });                      // 3
    index.add("/encoder/layer.0/output/LayerNorm/Add_1", "Add", { "ln" });                     // 4
    index.add("/head/Gemm", "Gemm", { "logits" });                                             // 5
    index.add("", "Relu", { "relu_out" });                                                     // 6
    index.add("QuantizeLinear_8", "QuantizeLinear", { "317" });                                // 7
    index.add("Conv_12", "Conv", { "333" });                                                   // 8
    index.add("Clip_16", "Clip", { "334" });                                                   // 9
    return index;
}

std::string recordedPath(const char* name)
{
    return std::string(GRAPHS_SOURCE_DIR "/tests/data/trtexec/") + name;
}

} // namespace

class TestTrtexecLayerMapping : public QObject
{
    Q_OBJECT

private slots:
    void splitsNames_data()
    {
        QTest::addColumn<QString>("layer");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("parts");
        QTest::addColumn<int>("firstCount");
        const int nodes = int(TensorrtLayerName::Kind::Nodes);
        const int region = int(TensorrtLayerName::Kind::Region);
        QTest::newRow("one node") << QStringLiteral("/features/features.2/MaxPool") << nodes
                                  << QStringList { QStringLiteral("/features/features.2/MaxPool") } << 0;
        QTest::newRow("fused") << QStringLiteral("/features/features.0/Conv + /features/features.1/Relu") << nodes
                               << QStringList { QStringLiteral("/features/features.0/Conv"),
                                      QStringLiteral("/features/features.1/Relu") }
                               << 0;
        QTest::newRow("quantized with PWN")
            << QStringLiteral("features.0.0.weight + QuantizeLinear_8 + Conv_12 + PWN(Clip_16)") << nodes
            << QStringList { QStringLiteral("features.0.0.weight"), QStringLiteral("QuantizeLinear_8"),
                   QStringLiteral("Conv_12"), QStringLiteral("Clip_16") }
            << 0;
        QTest::newRow("nested PWN") << QStringLiteral("PWN(PWN(/act/Sigmoid), /act/Mul)") << nodes
                                    << QStringList { QStringLiteral("/act/Sigmoid"), QStringLiteral("/act/Mul") } << 0;
        QTest::newRow("profile suffix") << QStringLiteral("Conv_0 + Relu_1 [profile 1]") << nodes
                                        << QStringList { QStringLiteral("Conv_0"), QStringLiteral("Relu_1") } << 0;
        QTest::newRow("unnamed layer") << QStringLiteral("(Unnamed Layer* 12) [Shuffle]") << nodes
                                       << QStringList { QStringLiteral("(Unnamed Layer* 12) [Shuffle]") } << 0;
        QTest::newRow("reformat") << QStringLiteral("Reformatting CopyNode for Input Tensor 0 to Conv_0 + Relu_1")
                                  << int(TensorrtLayerName::Kind::Reformat) << QStringList {} << 0;
        QTest::newRow("copy") << QStringLiteral("/update_block/decoder/Tanh_output_0 copy")
                              << int(TensorrtLayerName::Kind::Copy) << QStringList {} << 0;
        QTest::newRow("myelin region")
            << QStringLiteral("{ForeignNode[/embeddings/Add.../encoder/layer.0/output/LayerNorm/Add_1]}") << region
            << QStringList { QStringLiteral("/embeddings/Add"), QStringLiteral("/encoder/layer.0/output/LayerNorm/Add_1") }
            << 1;
        QTest::newRow("region with fused and unnamed ends")
            << QStringLiteral("{ForeignNode[(Unnamed Layer* 3274) [Shuffle]...Transpose_7808 + Reshape_7814]}") << region
            << QStringList { QStringLiteral("(Unnamed Layer* 3274) [Shuffle]"), QStringLiteral("Transpose_7808"),
                   QStringLiteral("Reshape_7814") }
            << 1;
        QTest::newRow("DLA region of one layer") << QStringLiteral("{ForeignNode[(Unnamed Layer* 0) [ElementWise]]}")
                                                 << region
                                                 << QStringList { QStringLiteral("(Unnamed Layer* 0) [ElementWise]") } << 1;
    }

    void splitsNames()
    {
        QFETCH(QString, layer);
        QFETCH(int, kind);
        QFETCH(QStringList, parts);
        QFETCH(int, firstCount);
        const TensorrtLayerName name = splitTensorrtLayerName(layer.toStdString());
        QCOMPARE(int(name.kind), kind);
        QCOMPARE(qt(name.parts), parts);
        if (kind == int(TensorrtLayerName::Kind::Region))
            QCOMPARE(int(name.firstCount), firstCount);
    }

    void matchesLayers_data()
    {
        QTest::addColumn<QString>("layer");
        QTest::addColumn<QStringList>("metadata");
        QTest::addColumn<QList<int>>("nodes");
        QTest::addColumn<int>("representative");
        QTest::newRow("fused: the convolution, not the quantize before it")
            << QStringLiteral("features.0.0.weight + QuantizeLinear_8 + Conv_12 + PWN(Clip_16)") << QStringList {}
            << QList<int> { 7, 8, 9 } << 8;
        QTest::newRow("plain node") << QStringLiteral("/encoder/layer.0/attention/self/Softmax") << QStringList {}
                                    << QList<int> { 2 } << 2;
        QTest::newRow("region: every node between its ends")
            << QStringLiteral("{ForeignNode[/embeddings/Add.../encoder/layer.0/output/LayerNorm/Add_1]}")
            << QStringList {} << QList<int> { 0, 1, 2, 3, 4 } << 1;
        QTest::newRow("region named by a tensor") << QStringLiteral("{ForeignNode[/embeddings/Add_output_0.../head/Gemm]}")
                                                  << QStringList {} << QList<int> { 0, 1, 2, 3, 4, 5 } << 1;
        QTest::newRow("region whose first layer TensorRT made")
            << QStringLiteral("{ForeignNode[(Unnamed Layer* 3) [Shuffle].../encoder/layer.0/output/LayerNorm/Add_1]}")
            << QStringList {} << QList<int> { 4 } << 4;
        QTest::newRow("unnamed ONNX node") << QStringLiteral("node_of_relu_out") << QStringList {} << QList<int> { 6 } << 6;
        QTest::newRow("profile suffix") << QStringLiteral("/head/Gemm [profile 1]") << QStringList {} << QList<int> { 5 }
                                        << 5;
        QTest::newRow("reformat") << QStringLiteral("Reformatting CopyNode for Input Tensor 0 to Conv_12")
                                  << QStringList {} << QList<int> {} << -1;
        QTest::newRow("copy") << QStringLiteral("ln copy") << QStringList {} << QList<int> {} << -1;
        QTest::newRow("Myelin kernel without metadata") << QStringLiteral("__myl_AddMulMul_myl0_3") << QStringList {}
                                                        << QList<int> {} << -1;
        QTest::newRow("metadata names what the name does not")
            << QStringLiteral("__myl_Fc_myl0_1") << QStringList { QStringLiteral("/head/Gemm") } << QList<int> { 5 } << 5;
        QTest::newRow("metadata wins over the name")
            << QStringLiteral("/head/Gemm") << QStringList { QStringLiteral("Clip_16"), QStringLiteral("Conv_12") }
            << QList<int> { 8, 9 } << 8;
        QTest::newRow("metadata with node_of_") << QStringLiteral("x") << QStringList { QStringLiteral("node_of_relu_out") }
                                                << QList<int> { 6 } << 6;
        QTest::newRow("nothing known") << QStringLiteral("Conv_99 + Relu_100") << QStringList {} << QList<int> {} << -1;
    }

    void matchesLayers()
    {
        QFETCH(QString, layer);
        QFETCH(QStringList, metadata);
        QFETCH(QList<int>, nodes);
        QFETCH(int, representative);
        std::vector<std::string> meta;
        for (const QString& m : metadata)
            meta.push_back(m.toStdString());
        const TensorrtLayerMatch match = matchTensorrtLayer(layer.toStdString(), meta, sampleIndex());
        QCOMPARE(QList<int>(match.nodes.begin(), match.nodes.end()), nodes);
        QCOMPARE(match.representative, representative);
    }

    /// The recorded SqueezeNet run through the reply and the per-subgraph matching of `graphs validate`: every
    /// layer but TensorRT's two reformatting copies lands in a subgraph of the tensorrt runtime profile.
    void recordedProfileMatchesSubgraphs()
    {
        auto fusion = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "tensorrt");
        QVERIFY(fusion);
        AnalysisRequest request;
        request.modelPath = GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx";
        auto outcome = runAnalysis(request);
        QVERIFY(outcome);
        auto partition = partitionGraph(*outcome->analysis, *fusion);
        QVERIFY(partition);
        const OnnxNodeIndex index = OnnxNodeIndex::fromGraph(*outcome->analysis->graph);

        auto read = [](const char* name) { return *readTrtexecFile(recordedPath(name)); };
        auto times = parseTrtexecTimes(read("squeezenet1_1.times.json"), "times");
        auto profile = parseTrtexecProfile(read("squeezenet1_1.profile.json"), "profile");
        auto layers = parseTrtexecLayerInfo(read("squeezenet1_1.layers.json"), "layers");
        QVERIFY(times && profile && layers);

        auto reply = tensorrtReply(*times, 5, &*profile, *layers, &index);
        QVERIFY(reply);
        QCOMPARE(reply->runtime, std::string("tensorrt"));
        QCOMPARE(reply->runMs.size(), size_t(20)); // 25 timed iterations, the first 5 warm-up
        QCOMPARE(reply->runMs.front(), times->at(5).computeMs);
        QCOMPARE(reply->nodes.size(), profile->layers.size());
        const NodeTiming& conv = reply->nodes[1];
        QCOMPARE(conv.name, std::string("/features/features.0/Conv"));
        QCOMPARE(conv.opType, std::string("Conv"));
        QCOMPARE(conv.layer, std::string("/features/features.0/Conv + /features/features.1/Relu"));
        QCOMPARE(conv.meanMs, 0.0386);
        QCOMPARE(reply->nodes[0].opType, std::string("Reformat")); // kept under TensorRT's name
        QVERIFY(reply->nodes[0].layer.empty());

        // Without the layer information (metadata), the names alone give the same nodes.
        auto byName = tensorrtReply(*times, 5, &*profile, {}, &index);
        QVERIFY(byName);
        for (size_t i = 0; i < reply->nodes.size(); ++i)
            QCOMPARE(byName->nodes[i].name, reply->nodes[i].name);

        const NodeTimeMatch match = matchNodeTimes(*outcome->analysis->graph, *partition, reply->nodes);
        QCOMPARE(match.unmatched.size(), size_t(2));
        for (const std::string& u : match.unmatched)
            QVERIFY2(u.rfind("Reformatting CopyNode for ", 0) == 0, u.c_str());
        QVERIFY(std::abs(match.unmatchedSeconds - (0.0117 + 0.0031) / 1000) < 1e-12);
        double profiled = 0;
        for (const TrtexecLayerTime& l : profile->layers)
            profiled += l.averageMs / 1000;
        QVERIFY(std::abs(match.matchedSeconds + match.unmatchedSeconds - profiled) < 1e-12);
        // 26 convolutions and 4 poolings, each in a subgraph of its own (the Relus fuse into the convolutions).
        QCOMPARE(match.secondsBySubgraph.size(), size_t(30));
    }

    void replyNeedsTimedRunsAfterWarmUp()
    {
        const std::vector<TrtexecIteration> two(2, TrtexecIteration { 0, 0, 1.0, 0, 1.0 });
        auto reply = tensorrtReply(two, 2, nullptr, {}, nullptr);
        QVERIFY(!reply);
        QVERIFY(reply.error().message.find("none after the 2 warm-up run(s)") != std::string::npos);
        auto plain = tensorrtReply(two, 0, nullptr, {}, nullptr);
        QVERIFY(plain);
        QCOMPARE(plain->runMs.size(), size_t(2));
        QVERIFY(plain->nodes.empty());
    }
};

QTEST_GUILESS_MAIN(TestTrtexecLayerMapping)
#include "tst_trtexec_layer_mapping.moc"
