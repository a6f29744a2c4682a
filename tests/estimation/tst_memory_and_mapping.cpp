// Tensor liveness (peak activation memory) and the mappers' spatial utilisation (GPU wave quantisation, systolic
// array padding), against hand-computed figures on the synthetic hardware of estimator_fixtures.h.

#include "estimator_fixtures.h"

#include <cmath>

class TestMemoryAndMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void liveness_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<Precision>("precision");
        QTest::addColumn<QList<double>>("liveAfterNode");
        QTest::addColumn<double>("peak");
        QTest::addColumn<int>("peakAtNode");
        QTest::addColumn<double>("weightBytes");
        QTest::addColumn<QString>("knownBug");

        // fp32: x, a, c 1024 B; b (with its view r) 2048 B; y 2048 B.
        // after relu_a: x + a; concat: a + b (x freed); reshape: a + b (r aliases b, no allocation);
        // relu_c: a + b + c; add: b + c + y (a freed; b kept alive by r). The shape initializer (2 × int64) is a
        // weight, 16 B at any precision.
        QTest::newRow("branches and a view, fp32")
            << bytes(branchesAndView()) << Precision::FP32 << QList<double> { 2048, 3072, 3072, 4096, 5120 } << 5120.0
            << 4 << 16.0 << QString();
        QTest::newRow("branches and a view, fp16 halves activations")
            << bytes(branchesAndView()) << Precision::FP16 << QList<double> { 1024, 1536, 1536, 2048, 2560 } << 2560.0
            << 4 << 16.0 << QString();
        // Each 1024 B: x+a, a+b, b+y: the peak is first reached after node 0.
        QTest::newRow("chain: two tensors at a time")
            << bytes(reluChain()) << Precision::FP32 << QList<double> { 2048, 2048, 2048 } << 2048.0 << 0 << 0.0
            << QString();
        // x+a; a+b; a+b+c; a+c+d; d+y — the skip keeps a alive until add.
        QTest::newRow("skip connection keeps a tensor alive")
            << bytes(skipConnection()) << Precision::FP32 << QList<double> { 2048, 2048, 3072, 3072, 2048 } << 3072.0
            << 2 << 0.0 << QString();
        // x+a; a alone (r is a; x freed); a+y. The 8 B shape is a weight.
        QTest::newRow("a view aliases its input")
            << bytes(viewAlias()) << Precision::FP32 << QList<double> { 2048, 1024, 2048 } << 2048.0 << 0 << 8.0
            << QString();
        // x (4096 B) alive from the start to add; y (4096 B) from add to the end; W (4096 B) and its view are weights:
        // [4096, 8192]. Weights: W 4096 B + shape 2 × int64 16 B.
        QTest::newRow("a view of a weight is not an activation")
            << bytes(viewOfWeight()) << Precision::FP32 << QList<double> { 4096, 8192 } << 8192.0 << 1 << 4112.0
            << QString();
    }

    void liveness()
    {
        QFETCH(QByteArray, model);
        QFETCH(Precision, precision);
        QFETCH(QList<double>, liveAfterNode);
        QFETCH(double, peak);
        QFETCH(int, peakAtNode);
        QFETCH(double, weightBytes);
        QFETCH(QString, knownBug);
        const QByteArray reason = knownBug.toUtf8();

        QString why;
        const auto r = estimate(model, syntheticCpu(), options(precision), why);
        QVERIFY2(r, qPrintable(why));
        const MemoryProfile direct = estimateMemory(r->analysis, precision);
        if (!knownBug.isEmpty())
            QEXPECT_FAIL("", reason.constData(), Continue);
        QCOMPARE(QList<double>(direct.liveBytesAfterNode.begin(), direct.liveBytesAfterNode.end()), liveAfterNode);
        if (!knownBug.isEmpty())
            QEXPECT_FAIL("", reason.constData(), Continue);
        QCOMPARE(direct.peakActivationBytes, peak);
        QCOMPARE(direct.peakAtNode, peakAtNode);
        QCOMPARE(direct.weightBytes, weightBytes);

        // The estimate carries the same profile; its summary is weights + peak, in MB.
        if (!knownBug.isEmpty())
            QEXPECT_FAIL("", reason.constData(), Continue);
        QCOMPARE(r->estimate.memory.peakActivationBytes, peak);
        if (!knownBug.isEmpty())
            QEXPECT_FAIL("", reason.constData(), Continue);
        COMPARE_REL(r->estimate.summary.peakMemory.value, (weightBytes + peak) / 1e6);
        QCOMPARE(text(r->estimate.summary.peakMemory.unit), u"MB"_qs);
    }

    /// Liveness over what a fusing runtime stores: the three Relus of reluChain (x → a → b → y, 1024 B each) run as
    /// one elementwise kernel, so a and b are never stored. x lives until node 0 reads it, y from node 2 on:
    /// [1024, 0, 1024] after nodes 0..2, peak 1024 B after node 0 (unfused: 2048 B, two tensors at a time). A runtime
    /// workspace of 500 B is live throughout.
    void fusedLiveness()
    {
        QString why;
        const QByteArray model = bytes(reluChain());
        auto imported = importOnnxBytes(std::string_view(model.constData(), static_cast<size_t>(model.size())),
            "m.onnx", {}, {});
        QVERIFY(imported);
        auto analysis = analyzeGraph(imported->graph);
        QVERIFY(analysis);
        FusionRules rules;
        rules.elementwise = { "Relu" };
        rules.maxChain = 8;
        auto partition = partitionGraph(*analysis, rules);
        QVERIFY(partition);
        QCOMPARE(partition->subgraphs.size(), size_t(1));
        const MemoryProfile fused = estimateMemory(*analysis, *partition, Precision::FP32);
        QCOMPARE(QList<double>(fused.liveBytesAfterNode.begin(), fused.liveBytesAfterNode.end()),
            (QList<double> { 1024, 0, 1024 }));
        QCOMPARE(fused.peakActivationBytes, 1024.0);
        QCOMPARE(estimateMemory(*analysis, Precision::FP32).peakActivationBytes, 2048.0);
        const MemoryProfile withWorkspace = estimateMemory(*analysis, *partition, Precision::FP32, 500);
        QCOMPARE(QList<double>(withWorkspace.liveBytesAfterNode.begin(), withWorkspace.liveBytesAfterNode.end()),
            (QList<double> { 1524, 500, 1524 }));
        QCOMPARE(withWorkspace.peakActivationBytes, 1524.0);
    }

    /// Energy of a single-kernel model: compute = FLOP × pJ/op; memory = bytes × pJ/B of every level from L1
    /// down to the serving one; static = idle W × latency. All in mJ.
    /// The synthetic GPU has no architecture name, so the mapper uses the Ampere/Ada tile set (docs/hardware/
    /// mappers.md): 256×128, 128×256, 128×128, 256×64, 64×256, 128×64, 64×128, 64×64, a K step of 64 bytes (16
    /// fp32 elements), and a tile efficiency √min(1, reuse / 64) with reuse = m·n / (m + n): 128×128 and larger
    /// 1, 256×64 and 64×256 √0.8 = 0.8944, 128×64 and 64×128 √(2/3) = 0.8165, 64×64 √0.5 = 0.7071.
    /// utilisation = padding × wave fill × tile efficiency of the best tile; wave fill = blocks / (waves × SMs).
    void gpuWaveQuantisation_data()
    {
        QTest::addColumn<int>("sms");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<double>("utilisation");
        QTest::addColumn<double>("padding");

        // 640×128: 128×128 → 5 = SMs + 1 tiles → 2 waves → 5/8 = 0.625; 128×64 → 10 tiles, 3 waves → 10/12 × 0.8165
        // = 0.6804; 64×64 → 20 tiles, 5 full waves → 0.7071. Best 64×64.
        QTest::newRow("4 SMs, 5 = SMs+1 tiles of 128") << 4 << 640 << 128 << 64 << std::sqrt(0.5) << 1.0;
        // 1152×128 on 8 SMs: 128×128 → 9 tiles / 16 = 0.5625; 128×64 → 18 / 24 × 0.8165 = 0.6124; 64×64 → 36 / 40
        // × 0.7071 = 0.6364.
        QTest::newRow("8 SMs, 9 = SMs+1 tiles of 128") << 8 << 1152 << 128 << 64 << 0.9 * std::sqrt(0.5) << 1.0;
        // 512×128: 128×128 → 4 tiles, one full wave → 1.0.
        QTest::newRow("4 SMs, 4 tiles: one full wave") << 4 << 512 << 128 << 64 << 1.0 << 1.0;
        // 1152×128 on 4 SMs: 128×128 → 9 tiles, 3 waves → 0.75; 128×64 → 18 / 20 × 0.8165 = 0.7348.
        QTest::newRow("4 SMs, 9 = 2×SMs+1 tiles of 128") << 4 << 1152 << 128 << 64 << 0.75 << 1.0;
        // 128×128 on 8 SMs, K = 64 (no split: floor(64 / 512) = 0): 64×64 → 4 tiles / 8 × 0.7071 = 0.3536 beats one
        // 128×128 tile (1/8).
        QTest::newRow("8 SMs, one 128×128 tile") << 8 << 128 << 128 << 64 << 0.5 * std::sqrt(0.5) << 1.0;
        // K = 4096: the one 128×128 tile splits K 8 ways (floor(4096 / 512) = 8 ≤ ceil(8 / 1)) → 8 blocks, one wave.
        QTest::newRow("8 SMs, one tile, split-K 8") << 8 << 128 << 128 << 4096 << 1.0 << 1.0;
        // 100×100 pads to 128×128 in 64×64 tiles: padding (100/128)² = 0.6104; 4 tiles, one full wave → × 0.7071.
        QTest::newRow("4 SMs, 100×100: padding inside the tiles")
            << 4 << 100 << 100 << 64 << (100.0 / 128) * (100.0 / 128) * std::sqrt(0.5) << (100.0 / 128) * (100.0 / 128);
        // K = 40 is not a multiple of the 16-element K step: padded to 48, padding 40/48; 512×128 in 128×128 tiles.
        QTest::newRow("4 SMs, K padded to the K step") << 4 << 512 << 128 << 40 << 40.0 / 48 << 40.0 / 48;
    }

    void gpuWaveQuantisation()
    {
        QFETCH(int, sms);
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(double, utilisation);
        QFETCH(double, padding);

        QString why;
        const auto r = estimate(bytes(matMul(m, k, n, true)), syntheticGpu(sms), options(), why);
        QVERIFY2(r, qPrintable(why));
        const MappedSubgraph& mapped = r->estimate.subgraphs.front().mapped;
        COMPARE_REL(mapped.utilisation, utilisation);
        QCOMPARE(text(mapped.datapath), u"matrix"_qs);
        COMPARE_REL(mapped.attainablePeak, sms * 1.024e12 * utilisation);
        COMPARE_REL(mapped.computeSeconds, 2.0 * m * n * k / (sms * 1.024e12 * utilisation));
        // The datapath switches on the padded work too: the energy follows the executed FLOPs.
        COMPARE_REL(mapped.executedMatrixFlops, 2.0 * m * n * k / padding);
    }

    /// A skinny GEMM (M or N ≤ 16) may run as a GEMV on the CUDA cores: no padding, fill = min(1, M·N / (SMs ×
    /// 128 outputs)), peak 128 FP32 FLOP/clock/SM × 1 GHz = 1.28e11 per SM; the faster of that and the tiles wins.
    void gpuSkinnyGemm_data()
    {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<QString>("datapath");
        QTest::addColumn<double>("utilisation");

        // 1×1024×1024 on 4 SMs. Tiles: 1 of 64 rows of a 64×256 tile, 4 tiles, one wave → 0.8944 / 64 = 0.01398 of
        // 4.096e12 → 36.6 µs. GEMV: 1024 outputs fill 4 × 128 → 1 × 5.12e11 → 4.10 µs. GEMV.
        QTest::newRow("batch-1 linear layer: GEMV") << 1 << 1024 << 1024 << u"vector"_qs << 1.0;
        // 1×64×1024: GEMV fill 64 / 512 = 0.125 → 6.4e10 → 2.05 µs. Tiles: one 64×64 tile, split-K 2 → 2 blocks on 4
        // SMs: 1/64 × 0.5 × 0.7071 = 0.005524 → 5.79 µs. GEMV, partly filled.
        QTest::newRow("64 outputs: GEMV at 1/8 fill") << 1 << 64 << 1024 << u"vector"_qs << 0.125;
        // 16×1024×1024: GEMV 2·16·1024² / 5.12e11 = 65.5 µs. Tiles: 16 of 64 rows of 64×256, 4 tiles, one wave →
        // 0.25 × 0.8944 = 0.2236 → 36.6 µs. Tiles.
        QTest::newRow("16 rows: the tiles are faster") << 16 << 1024 << 1024 << u"matrix"_qs << 0.25 * std::sqrt(0.8);
    }

    void gpuSkinnyGemm()
    {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(QString, datapath);
        QFETCH(double, utilisation);

        QString why;
        const auto r = estimate(bytes(matMul(m, k, n, true)), syntheticGpu(4), options(), why);
        QVERIFY2(r, qPrintable(why));
        const MappedSubgraph& mapped = r->estimate.subgraphs.front().mapped;
        QCOMPARE(text(mapped.datapath), datapath);
        COMPARE_REL(mapped.utilisation, utilisation);
        const double peak = (datapath == u"vector"_qs ? 4 * 1.28e11 : 4 * 1.024e12) * utilisation;
        COMPARE_REL(mapped.computeSeconds, 2.0 * m * n * k / peak);
        if (datapath == u"vector"_qs) {
            // No padding and no tile re-reads: each weight is read once.
            COMPARE_REL(mapped.executedMatrixFlops, 2.0 * m * n * k);
            QCOMPARE(mapped.tileRereadBytes, 0.0);
        }
    }

    /// Systolic 128×128 array, weight-stationary: K in ceil(K/128) row tiles and N in ceil(N/128) column tiles, one
    /// weight tile per pass; the padding is wasted. A pass streams the M activation rows: max(M, 128) cycles (the
    /// next weight tile loads in 128 cycles behind it), and the pipeline fills and drains once, 128 + 128 cycles.
    /// One array: passes = ceil(K/128)·ceil(N/128); streaming share = passes·M / (passes·max(M, 128) + 256);
    /// utilisation = padding × streaming; compute = 2·M·K·N / (3.2768e13 × utilisation).
    void systolicPadding_data()
    {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("utilisation");

        // M = 1024, one pass: 1024 / (1024 + 256) = 0.8.
        QTest::newRow("K=128, N=128, M=1024: fill and drain") << 1024 << 128 << 128 << 0.8;
        // Two row tiles for 130 rows: padding 130/256; 2 passes: 2048 / (2048 + 256) = 8/9.
        QTest::newRow("K=130 on 128 rows") << 1024 << 130 << 128 << (130.0 / 256) * (2048.0 / 2304);
        QTest::newRow("N=130 on 128 columns") << 1024 << 128 << 130 << (130.0 / 256) * (2048.0 / 2304);
        // Both padded: (130 / 256)²; 4 passes: 4096 / (4096 + 256).
        QTest::newRow("K=130, N=130") << 1024 << 130 << 130 << (130.0 / 256) * (130.0 / 256) * (4096.0 / 4352);
        // Half the rows idle: 64 / 128; one pass of 1024 rows.
        QTest::newRow("K=64") << 1024 << 64 << 128 << 0.5 * 0.8;
        // M = 64 < 128: a pass still takes 128 cycles (the next weight tile loads): 4 passes × 64 / (4 × 128 + 256).
        QTest::newRow("K=256, N=256, M=64: weight loading binds") << 64 << 256 << 256 << 256.0 / 768;
        // M = 1 (batch-1 GEMV): 1 / (128 + 256) of the array.
        QTest::newRow("M=1: fill, drain and weight load") << 1 << 128 << 128 << 1.0 / 384;
    }

    void systolicPadding()
    {
        QFETCH(int, m);
        QFETCH(int, k);
        QFETCH(int, n);
        QFETCH(double, utilisation);

        QString why;
        const auto r = estimate(bytes(matMul(m, k, n, true)), syntheticSystolic(), options(), why);
        QVERIFY2(r, qPrintable(why));
        const MappedSubgraph& mapped = r->estimate.subgraphs.front().mapped;
        COMPARE_REL(mapped.utilisation, utilisation);
        COMPARE_REL(mapped.attainablePeak, 3.2768e13 * utilisation);
        COMPARE_REL(mapped.computeSeconds, 2.0 * m * k * n / (3.2768e13 * utilisation));
    }
};

QTEST_GUILESS_MAIN(TestMemoryAndMapping)
#include "tst_memory_and_mapping.moc"
