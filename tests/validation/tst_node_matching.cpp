// Per-node profiler times matched to the estimate's subgraphs: by node name, by the tensor a node writes (ONNX
// Runtime's "<output>_nchwc" convolutions), and by a fused node's first member ("<node>/<Name>Fusion"); nodes the
// runtime added itself are counted apart, never dropped.

#include "estimation/analysis_pipeline.h"
#include "transform/fusion_rules.h"
#include "validation/node_matching.h"

#include <QtTest>

using namespace graphs;

class TestNodeMatching : public QObject
{
    Q_OBJECT

    std::shared_ptr<const GraphAnalysis> m_analysis;
    std::optional<Partition> m_partition;

private slots:
    /// The bundled squeezenet, partitioned as ONNX Runtime fuses it.
    void initTestCase()
    {
        auto fusion = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "onnxruntime");
        QVERIFY(fusion);
        AnalysisRequest request;
        request.modelPath = GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx";
        auto outcome = runAnalysis(request);
        QVERIFY(outcome);
        auto partition = partitionGraph(*outcome->analysis, *fusion);
        QVERIFY(partition);
        m_analysis = outcome->analysis;
        m_partition = std::move(*partition);
    }

    void matchesEveryNamingForm()
    {
        const ComputeGraph& graph = *m_analysis->graph;
        const std::optional<Partition>& partition = m_partition;

        // Three nodes of three different subgraphs, each named the way a profiler might.
        std::vector<int> picked;
        for (size_t i = 0; i < graph.nodes().size() && picked.size() < 3; ++i) {
            const Node& n = graph.nodes()[i];
            const int sg = partition->subgraphOfNode[i];
            if (n.name.empty() || n.outputs.empty() || n.opType != "Conv")
                continue;
            bool fresh = true;
            for (int p : picked)
                fresh = fresh && partition->subgraphOfNode[static_cast<size_t>(p)] != sg;
            if (fresh)
                picked.push_back(static_cast<int>(i));
        }
        QCOMPARE(picked.size(), size_t(3));
        const Node& byName = graph.node(picked[0]);
        const Node& byTensor = graph.node(picked[1]);
        const Node& byFusion = graph.node(picked[2]);
        const std::vector<NodeTiming> timings = {
            { byName.name, "Conv", 1.0 },
            { graph.tensor(byTensor.outputs[0]).name + "_nchwc", "Conv", 2.0 },
            { byFusion.name + "/FusedConvFusion//ActivationFusion/", "FusedConv", 4.0 },
            { byName.name, "Conv", 0.5 },                 // the same node twice: times add up
            { "gemm_input_reshape", "Reshape", 0.25 },    // added by the runtime
            { "ReorderOutput", "ReorderOutput", 0.125 },
        };
        const NodeTimeMatch m = matchNodeTimes(graph, *partition, timings);
        auto subgraphOf = [&](int node) { return partition->subgraphOfNode[static_cast<size_t>(node)]; };
        QCOMPARE(m.secondsBySubgraph.size(), size_t(3));
        QCOMPARE(m.secondsBySubgraph.at(subgraphOf(picked[0])), 1.5e-3);
        QCOMPARE(m.secondsBySubgraph.at(subgraphOf(picked[1])), 2e-3);
        QCOMPARE(m.secondsBySubgraph.at(subgraphOf(picked[2])), 4e-3);
        QCOMPARE(m.matchedSeconds, 7.5e-3);
        QCOMPARE(m.unmatchedSeconds, 0.375e-3);
        QCOMPARE(m.unmatched, (std::vector<std::string> { "gemm_input_reshape", "ReorderOutput" }));
    }

    void prefixesThatAreNotFusionsDoNotMatch()
    {
        const ComputeGraph& graph = *m_analysis->graph;
        const std::optional<Partition>& partition = m_partition;
        std::string name;
        for (const Node& n : graph.nodes())
            if (!n.name.empty())
                name = n.name;
        // A made-up child of a real node is not that node: only "…Fusion" segments are cut.
        const NodeTimeMatch m = matchNodeTimes(graph, *partition, { { name + "/Unrelated", "X", 1.0 } });
        QVERIFY(m.secondsBySubgraph.empty());
        QCOMPARE(m.unmatched.size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestNodeMatching)
#include "tst_node_matching.moc"
