// Traffic per memory level (estimation/traffic_model.h) against hand-computed cases on the synthetic hardware of
// estimator_fixtures.h, and the rules on the published models that motivated it: weights larger than a cache stream
// from off-chip memory on every inference, activations stay in the last-level cache when they fit, private caches
// hold only what the busy cores hold, an SRAM that holds the weights keeps them.
//
// Usable capacity is 0.75 of a level (traffic::kUsableCapacityShare): synthetic GPU L2 4 MiB → 3145728 B. GPU kernels
// share data from L2 on (L1 belongs to one kernel). Inferences repeat and the second one is reported, so a weight's
// reuse distance is everything one inference touches. All tensors fp32 (4 B).

#include "estimator_fixtures.h"

#include "estimation/analysis_pipeline.h"
#include "hardware/hardware_registry.h"

#include <filesystem>

namespace {

std::vector<SubgraphTraffic> trafficOf(const Estimated& r)
{
    std::vector<SubgraphTraffic> out;
    for (const SubgraphEstimate& s : r.estimate.subgraphs)
        out.push_back(s.traffic);
    return out;
}

/// x[rows, cols] → t = Relu(x) → y = Relu(t): two kernels passing t.
OnnxModelBuilder twoRelus(int64_t rows, int64_t cols)
{
    OnnxModelBuilder b;
    b.input("x", { rows, cols });
    b.node("Relu", { "x" }, { "t" }, {}, "r0");
    b.node("Relu", { "t" }, { "y" }, {}, "r1").output("y");
    return b;
}

/// 8 cores with a private 256 KiB L2 each (8e11 B/s in all), a shared 1 MiB L3 (4e11 B/s), DRAM (1e11 B/s).
std::shared_ptr<HardwareSpec> eightCoreCpu()
{
    auto spec = syntheticCpu();
    spec->clusters.front().units = 8;
    MemoryLevel l2 = level("L2", 262144, 8e11, 1);
    l2.instances = 8;
    spec->memory = { l2, level("L3", 1048576, 4e11, 2), level("DRAM", 1e12, 1e11, 10) };
    return spec;
}

const std::string kModels = GRAPHS_GENERATED_MODELS_DIR;

std::shared_ptr<const HardwareSpec> registryEntry(const std::string& id)
{
    static const auto registry = HardwareRegistry::load({ std::string(GRAPHS_SOURCE_DIR) + "/registries" });
    return registry ? registry->find(id) : nullptr;
}

std::optional<AnalysisOutcome> analyse(const std::string& model, const std::string& hardware, Precision precision,
    const std::string& runtime, const ImportOptions& import, QString& why)
{
    AnalysisRequest request;
    request.modelPath = kModels + "/" + model;
    request.import = import;
    request.hardware = registryEntry(hardware);
    if (!request.hardware) {
        why = u"no registry entry "_qs + text(hardware);
        return std::nullopt;
    }
    request.precision = precision;
    auto fusion = findFusionRules({ std::string(GRAPHS_SOURCE_DIR) + "/registries" }, runtime);
    if (!fusion) {
        why = describe(fusion.error());
        return std::nullopt;
    }
    request.fusion = *fusion;
    auto outcome = runAnalysis(request);
    if (!outcome) {
        why = describe(outcome.error());
        return std::nullopt;
    }
    return std::move(*outcome);
}

} // namespace

class TestTrafficModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Written by tools/reference_models at build time: their absence is a broken build, not an optional part.
        QVERIFY2(std::filesystem::exists(kModels + "/resnet50_v1.5.structure.onnx"), kModels.c_str());
        QVERIFY2(std::filesystem::exists(kModels + "/bert_large.structure.onnx"), kModels.c_str());
    }

    /// a[64, 2048] × w[2048, 1024] → y: a 524288 B graph input, an 8388608 B weight, a 262144 B output. One
    /// inference touches 9175040 B, more than the 3145728 B of usable L2: the weight comes back from DRAM each time.
    void weightsLargerThanL2StreamFromDram()
    {
        QString why;
        const auto r = estimate(bytes(matMul(64, 2048, 1024, true)), syntheticGpu(4), options(), why);
        QVERIFY2(r, qPrintable(why));
        const SubgraphTraffic& t = r->estimate.subgraphs.front().traffic;
        QCOMPARE(t.servedBytes, (std::vector<double> { 0.0, 0.0, 9175040.0 }));
        QCOMPARE(t.weightBytes, 8388608.0);
        QCOMPARE(t.offChipWeightBytes, 8388608.0);
        QCOMPARE(t.graphIoBytes, 524288.0 + 262144.0);
        // DRAM energy covers at least the weights at the DRAM's 20 pJ/B.
        QVERIFY(r->estimate.energy.memoryByLevelJoules[2] >= 8388608.0 * 20e-12);
        COMPARE_REL(r->estimate.energy.memoryByLevelJoules[2], 9175040.0 * 20e-12);
    }

    /// a[64, 256] × w[256, 256] → y: 65536 + 262144 + 65536 B = 393216 B per inference, well inside the usable L2:
    /// the weight is still in L2 from the previous inference (reuse distance 393216 B, fit 1). Inputs arrive fresh in
    /// DRAM and outputs go there.
    void smallModelKeepsItsWeightsInL2()
    {
        QString why;
        const auto r = estimate(bytes(matMul(64, 256, 256, true)), syntheticGpu(4), options(), why);
        QVERIFY2(r, qPrintable(why));
        const SubgraphTraffic& t = r->estimate.subgraphs.front().traffic;
        QCOMPARE(t.servedBytes, (std::vector<double> { 0.0, 262144.0, 131072.0 }));
        QCOMPARE(t.offChipWeightBytes, 0.0);
    }

    /// x[256, 256] → t → y, 262144 B each: t is written into L2 and read back from it by the next kernel (reuse
    /// distance 0); it never reaches DRAM. x comes from DRAM, y goes there.
    void activationsStayInTheLastLevelCache()
    {
        QString why;
        const auto r = estimate(bytes(twoRelus(256, 256)), syntheticGpu(4), options(), why);
        QVERIFY2(r, qPrintable(why));
        const auto t = trafficOf(*r);
        QCOMPARE(t.size(), size_t(2));
        QCOMPARE(t[0].servedBytes, (std::vector<double> { 0.0, 262144.0, 262144.0 }));
        QCOMPARE(t[0].offChipWriteBytes, 0.0);
        QCOMPARE(t[1].servedBytes, (std::vector<double> { 0.0, 262144.0, 262144.0 }));
        QCOMPARE(t[1].offChipWriteBytes, 262144.0);
        // Every byte passes through L1 on its way: the through-bytes of level 0 are all of them.
        COMPARE_REL(r->estimate.subgraphs[1].mapped.levelBytes[0], 524288.0);
    }

    /// x[1024, 1024] → t → y, 4194304 B each: t fits the usable L2 only to 3145728 / 4194304 = 0.75. The other
    /// quarter (1048576 B) is written to DRAM and read back from it; no write-back beyond that spill.
    void largeActivationsSpillToDram()
    {
        QString why;
        const auto r = estimate(bytes(twoRelus(1024, 1024)), syntheticGpu(4), options(), why);
        QVERIFY2(r, qPrintable(why));
        const auto t = trafficOf(*r);
        QCOMPARE(t[0].servedBytes, (std::vector<double> { 0.0, 3145728.0, 4194304.0 + 1048576.0 }));
        QCOMPARE(t[0].offChipWriteBytes, 1048576.0);
        QCOMPARE(t[1].servedBytes, (std::vector<double> { 0.0, 3145728.0, 1048576.0 + 4194304.0 }));
        QCOMPARE(t[1].offChipWriteBytes, 4194304.0);
    }

    /// Private caches hold what the busy cores hold. x[128, 1024] → t → y, 524288 B each, on 8 cores with a private
    /// L2 of 256 KiB (usable 196608 B each) and a shared 1 MiB L3 (usable 786432 B):
    ///  - one core busy: its L2 holds 196608 / 524288 = 0.375 of t, the L3 the rest (327680 B);
    ///  - all eight busy: 8 × 196608 = 1572864 B of L2 hold all of t.
    void privateCachesFollowTheBusyCores_data()
    {
        QTest::addColumn<double>("share");
        QTest::addColumn<std::vector<double>>("servedByRead");
        QTest::newRow("one core of 8") << 0.125 << std::vector<double> { 196608.0, 327680.0, 524288.0 };
        QTest::newRow("all 8 cores") << 1.0 << std::vector<double> { 524288.0, 0.0, 524288.0 };
    }

    void privateCachesFollowTheBusyCores()
    {
        QFETCH(double, share);
        QFETCH(std::vector<double>, servedByRead);
        QString why;
        const auto r = estimate(bytes(twoRelus(128, 1024)), eightCoreCpu(), options(), why);
        QVERIFY2(r, qPrintable(why));
        TrafficOptions o;
        o.precision = Precision::FP32;
        o.activeShare = { share, share };
        const auto t = modelTraffic(r->analysis, r->partition, *eightCoreCpu(), o);
        // The second kernel reads t (as the first wrote it) and writes y, a graph output, to DRAM.
        QCOMPARE(t[1].servedBytes, servedByRead);
    }

    /// The bandwidth a kernel sees: a private level only in its busy cores, a shared level up to 4× their equal share,
    /// off-chip memory at the offChip efficiency (1 here). One core of 8: L2 8e11 / 8 = 1e11; L3 4e11 × min(1,
    /// 4 × 1/8) = 2e11; DRAM 1e11 × 0.5 = 5e10. Four cores: L2 4e11, L3 4e11, DRAM 1e11.
    void bandwidthFollowsTheBusyCores()
    {
        const auto spec = eightCoreCpu();
        const EfficiencyPriors priors = unitPriors();
        COMPARE_REL(mapping::availableBandwidth(*spec, 0, 0.125, priors), 1e11);
        COMPARE_REL(mapping::availableBandwidth(*spec, 1, 0.125, priors), 2e11);
        COMPARE_REL(mapping::availableBandwidth(*spec, 2, 0.125, priors), 5e10);
        COMPARE_REL(mapping::availableBandwidth(*spec, 0, 0.5, priors), 4e11);
        COMPARE_REL(mapping::availableBandwidth(*spec, 1, 0.5, priors), 4e11);
        COMPARE_REL(mapping::availableBandwidth(*spec, 2, 0.5, priors), 1e11);
    }

    /// a[4096, 1024] × w[1024, 256] → y on the synthetic NPU (16 MiB SRAM, usable 12582912 B): one inference touches
    /// 16 + 1 + 4 MiB, so a plain SRAM loses the 1 MiB weight between inferences; one that holds the weights (the
    /// spec says so, and they fit) serves them every time.
    void sramThatHoldsTheWeightsKeepsThem()
    {
        QString why;
        auto plain = syntheticSystolic();
        const auto cold = estimate(bytes(matMul(4096, 1024, 256, true)), plain, options(), why);
        QVERIFY2(cold, qPrintable(why));
        QCOMPARE(cold->estimate.subgraphs.front().traffic.offChipWeightBytes, 1048576.0);

        auto holding = syntheticSystolic();
        holding->memory.front().holdsWeights = true;
        const auto warm = estimate(bytes(matMul(4096, 1024, 256, true)), holding, options(), why);
        QVERIFY2(warm, qPrintable(why));
        const SubgraphTraffic& t = warm->estimate.subgraphs.front().traffic;
        QCOMPARE(t.offChipWeightBytes, 0.0);
        QCOMPARE(t.servedBytes[0], 1048576.0);
        QCOMPARE(t.servedBytes[1], 16777216.0 + 4194304.0);
    }

    /// ResNet-50 v1.5 at fp16, batch 1, on an NVIDIA L4: its 51 MB of weights exceed the 48 MB L2, so every
    /// inference reads them from GDDR6 and the DRAM energy is at least the weights at 60 pJ/B.
    void resnet50OnL4ReadsItsWeightsFromDram()
    {
        QString why;
        ImportOptions import;
        import.batch = 1;
        const auto r = analyse("resnet50_v1.5.structure.onnx", "nvidia-l4", Precision::FP16, "onnxruntime", import, why);
        QVERIFY2(r, qPrintable(why));
        const double weightBytes = r->estimate->memory.weightBytes;
        QVERIFY(weightBytes > 50e6);
        double offChipWeights = 0;
        for (const SubgraphEstimate& s : r->estimate->subgraphs)
            offChipWeights += s.traffic.offChipWeightBytes;
        QVERIFY2(offChipWeights >= 0.99 * weightBytes, qPrintable(QString::number(offChipWeights)));
        const double dramJoules = r->estimate->energy.memoryByLevelJoules.back();
        QVERIFY2(dramJoules >= weightBytes * 60e-12, qPrintable(QString::number(dramJoules)));
    }

    /// BERT-Large at batch 1 in fp16 on H100 SXM with TensorRT's fusion: its 670 MB of weights stream from HBM on
    /// every inference, none from L2 (50 MB). At sequence 128 the FFN GEMMs (8.4 MB of weights each, 2·128 FLOP per
    /// weight, below H100's ridge) wait on the HBM, not on the L2.
    void bertLargeOnH100ReadsItsWeightsFromHbm_data()
    {
        QTest::addColumn<int>("sequence");
        QTest::newRow("sequence 384") << 384;
        QTest::newRow("sequence 128") << 128;
    }

    void bertLargeOnH100ReadsItsWeightsFromHbm()
    {
        QFETCH(int, sequence);
        QString why;
        ImportOptions import;
        for (const char* input : { "input_ids", "attention_mask", "token_type_ids" })
            import.inputShapes[input] = { 1, sequence };
        const auto r = analyse("bert_large.structure.onnx", "nvidia-h100-sxm5", Precision::FP16, "tensorrt", import, why);
        QVERIFY2(r, qPrintable(why));
        const auto& spec = *r->estimate->hardware;
        const size_t hbm = spec.memory.size() - 1;
        int gemms = 0;
        double hbmWeights = 0;
        for (size_t i = 0; i < r->estimate->subgraphs.size(); ++i) {
            const SubgraphEstimate& s = r->estimate->subgraphs[i];
            const Subgraph& sub = r->partition->subgraphs[i];
            hbmWeights += s.traffic.offChipWeightBytes;
            if (sub.weightBytesRead < 1'000'000)
                continue;
            ++gemms;
            // fp32 weights in the file, fp16 in the estimate: half the bytes, every one from HBM.
            COMPARE_REL(s.traffic.offChipWeightBytes, sub.weightBytesRead / 2.0);
            QVERIFY(s.mapped.levelSeconds[hbm] * spec.offChipMemory().bandwidthBytesPerSecond
                >= s.traffic.offChipWeightBytes);
            if (sequence == 128 && sub.weightBytesRead > 16'000'000)
                QCOMPARE(s.mapped.memoryLevel, int(hbm));
        }
        QVERIFY(gemms >= 6 * 24); // four projections and two FFN GEMMs per layer
        QVERIFY(hbmWeights >= 0.99 * r->estimate->memory.weightBytes - 70e6); // all but the embeddings' unread rows
    }

    /// The L4 at ResNet-50 int8, batch 32 sits at its 72 W cap, as the card does under load (54–72 W), with either
    /// runtime's fusion.
    void l4AtResnet50Int8DrawsItsCap_data()
    {
        QTest::addColumn<QString>("runtime");
        QTest::newRow("onnxruntime") << u"onnxruntime"_qs;
        QTest::newRow("tensorrt") << u"tensorrt"_qs;
    }

    void l4AtResnet50Int8DrawsItsCap()
    {
        QFETCH(QString, runtime);
        QString why;
        ImportOptions import;
        import.batch = 32;
        const auto r = analyse("resnet50_v1.5.structure.onnx", "nvidia-l4", Precision::INT8, runtime.toStdString(),
            import, why);
        QVERIFY2(r, qPrintable(why));
        const double watts = r->estimate->power.averageWatts;
        QVERIFY2(watts >= 54 && watts <= 72 + 1e-6, qPrintable(QString::number(watts)));
    }
};

QTEST_GUILESS_MAIN(TestTrafficModel)
#include "tst_traffic_model.moc"
