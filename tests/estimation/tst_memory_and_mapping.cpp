// Tensor liveness (peak activation memory) and the mappers' spatial utilisation (GPU wave quantisation, systolic
// array padding), against hand-computed figures on the synthetic hardware of estimator_fixtures.h.

#include "estimator_fixtures.h"

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

    /// Energy of a single-kernel model: compute = FLOP × pJ/op; memory = bytes × pJ/B of every level from L1
    /// down to the serving one; static = idle W × latency. All in mJ.
    void gpuWaveQuantisation_data()
    {
        QTest::addColumn<int>("sms");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<double>("utilisation");

        // 128 tiles: 5 = SMs + 1 → 2 waves → 5 / 8 = (SMs + 1) / (2 × SMs) = 0.625;
        // 64 tiles: 10 × 2 = 20 → 5 full waves → 1.0 × 0.85; 32 tiles: 80 → 20 waves → 0.6. Best 0.85.
        QTest::newRow("4 SMs, 5 = SMs+1 tiles of 128") << 4 << 640 << 128 << 64 << 0.85;
        // 128: 9 = SMs + 1 → 9 / 16 = 0.5625; 64: 36 → 5 waves → 36 / 40 × 0.85 = 0.765; 32: 144 → 18 waves → 0.6.
        QTest::newRow("8 SMs, 9 = SMs+1 tiles of 128") << 8 << 1152 << 128 << 64 << 0.765;
        // 128: 4 tiles, one full wave → 1.0.
        QTest::newRow("4 SMs, 4 tiles: one full wave") << 4 << 512 << 128 << 64 << 1.0;
        // 128: 9 = 2 × SMs + 1 → 3 waves → 9 / 12 = 0.75; 64: 36 → 9 full waves → 0.85; 32: 0.6. Best 0.85.
        QTest::newRow("4 SMs, 9 = 2×SMs+1 tiles of 128") << 4 << 1152 << 128 << 64 << 0.85;
        // 128: 1 tile → 1 / 8; 64: 4 → 4 / 8 × 0.85 = 0.425; 32: 16 → 2 full waves → 0.6. Best 0.6.
        QTest::newRow("8 SMs, one 128×128 tile") << 8 << 128 << 128 << 64 << 0.6;
        // K = 4096: the one 128 tile splits K 8 ways (floor(4096 / 512) = 8 ≤ ceil(8 / 1)) → 8 blocks, one full wave.
        QTest::newRow("8 SMs, one tile, split-K 8") << 8 << 128 << 128 << 4096 << 1.0;
        // 100×100: 128: 1 tile → 0.25; 64: 2 × 2 = 4 → 1.0 × 0.85; 32: 16 → 4 waves → 0.6. Best 0.85.
        QTest::newRow("4 SMs, 100×100") << 4 << 100 << 100 << 64 << 0.85;
    }

    void gpuWaveQuantisation()
    {
        QFETCH(int, sms);
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(double, utilisation);

        QString why;
        const auto r = estimate(bytes(matMul(m, k, n, true)), syntheticGpu(sms), options(), why);
        QVERIFY2(r, qPrintable(why));
        const MappedSubgraph& mapped = r->estimate.subgraphs.front().mapped;
        COMPARE_REL(mapped.utilisation, utilisation);
        QCOMPARE(text(mapped.datapath), u"matrix"_qs);
        COMPARE_REL(mapped.attainablePeak, sms * 1.024e12 * utilisation);
        COMPARE_REL(mapped.computeSeconds, 2.0 * m * n * k / (sms * 1.024e12 * utilisation));
    }

    /// Systolic 128×128 array, weight-stationary: K in ceil(K/128) row tiles, N in ceil(N/128) column tiles; the
    /// padding is wasted. utilisation = K / (128·ceil(K/128)) × N / (128·ceil(N/128)); M = 64 throughout;
    /// compute = 2·64·K·N / (3.2768e13 × utilisation).
    void systolicPadding_data()
    {
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("utilisation");
        QTest::addColumn<double>("computeSeconds");

        QTest::newRow("K=128, N=128: exact fit") << 128 << 128 << 1.0 << 6.4e-8;
        // Two row tiles for 130 rows: 130 / 256 = 0.5078125; 2129920 / 1.664e13.
        QTest::newRow("K=130 on 128 rows") << 130 << 128 << 0.5078125 << 1.28e-7;
        QTest::newRow("N=130 on 128 columns") << 128 << 130 << 0.5078125 << 1.28e-7;
        // Both padded: (130 / 256)² = 0.25787353515625; 2163200 / 8.45e12.
        QTest::newRow("K=130, N=130") << 130 << 130 << 0.25787353515625 << 2.56e-7;
        // Half the rows idle: 64 / 128.
        QTest::newRow("K=64") << 64 << 128 << 0.5 << 6.4e-8;
        QTest::newRow("K=256, N=256: two full tiles each") << 256 << 256 << 1.0 << 2.56e-7;
    }

    void systolicPadding()
    {
        QFETCH(int, k);
        QFETCH(int, n);
        QFETCH(double, utilisation);
        QFETCH(double, computeSeconds);

        QString why;
        const auto r = estimate(bytes(matMul(64, k, n, true)), syntheticSystolic(), options(), why);
        QVERIFY2(r, qPrintable(why));
        const MappedSubgraph& mapped = r->estimate.subgraphs.front().mapped;
        COMPARE_REL(mapped.utilisation, utilisation);
        COMPARE_REL(mapped.attainablePeak, 3.2768e13 * utilisation);
        COMPARE_REL(mapped.computeSeconds, computeSeconds);
        // The working set fits the 16 MiB SRAM: it is served from level 0.
        QCOMPARE(mapped.memoryLevel, 0);
    }
};

QTEST_GUILESS_MAIN(TestMemoryAndMapping)
#include "tst_memory_and_mapping.moc"
