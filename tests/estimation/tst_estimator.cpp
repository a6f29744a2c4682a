// The roofline estimator against hand-computed figures on synthetic hardware with round numbers (described in
// estimator_fixtures.h): roofline and ridge crossing, energy, precision, batch and the theoretical result fields.

#include "estimator_fixtures.h"

class TestEstimator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roofline_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<double>("launchUs");
        QTest::addColumn<double>("computeSeconds");
        QTest::addColumn<double>("memorySeconds");
        QTest::addColumn<int>("memoryLevel");
        QTest::addColumn<QString>("bottleneck");

        // 2 × 256³ = 33554432 FLOP at 1e12; a, b, y 256² × 4 B each = 786432 B > 4096 B of L1 → DRAM at 1e11.
        QTest::newRow("GEMM 256³: compute-bound")
            << bytes(matMul(256, 256, 256)) << 0.0 << 3.3554432e-5 << 7.86432e-6 << 1 << u"compute"_qs;
        // 1024² = 1048576 adds at the vector peak 1e11; a, b, y 4 MiB each = 12582912 B from DRAM.
        QTest::newRow("Add 1024²: memory-bound")
            << bytes(add(1024, 1024)) << 0.0 << 1.048576e-5 << 1.2582912e-4 << 1 << u"memory"_qs;
        // 4 adds, 48 B: graph inputs and outputs live in DRAM even when they would fit L1 (4e-11 s, 4.8e-10 s): the
        // 5 µs launch dwarfs both.
        QTest::newRow("Add of 4 elements: launch overhead")
            << bytes(add(1, 4)) << 5.0 << 4e-11 << 4.8e-10 << 1 << u"overhead"_qs;
        // The same GEMM with a 5 µs launch: still compute-bound (33.55 µs > 5 µs), latency grows by 5 µs.
        QTest::newRow("GEMM 256³ with launch overhead")
            << bytes(matMul(256, 256, 256)) << 5.0 << 3.3554432e-5 << 7.86432e-6 << 1 << u"compute"_qs;
    }

    void roofline()
    {
        QFETCH(QByteArray, model);
        QFETCH(double, launchUs);
        QFETCH(double, computeSeconds);
        QFETCH(double, memorySeconds);
        QFETCH(int, memoryLevel);
        QFETCH(QString, bottleneck);

        QString why;
        const auto r = estimate(model, syntheticCpu(launchUs), options(), why);
        QVERIFY2(r, qPrintable(why));
        QCOMPARE(r->estimate.subgraphs.size(), size_t(1));
        const SubgraphEstimate& s = r->estimate.subgraphs.front();
        COMPARE_REL(s.mapped.computeSeconds, computeSeconds);
        COMPARE_REL(s.mapped.memorySeconds, memorySeconds);
        COMPARE_REL(s.mapped.overheadSeconds, launchUs * 1e-6);
        QCOMPARE(s.mapped.memoryLevel, memoryLevel);
        QCOMPARE(QString::fromLatin1(bottleneckName(s.bottleneck)), bottleneck);
        const double ms = (std::max(computeSeconds, memorySeconds) + launchUs * 1e-6) * 1e3;
        COMPARE_REL(s.latency.value, ms);
        QCOMPARE(text(s.latency.unit), u"ms"_qs);
        COMPARE_REL(r->estimate.summary.latency.value, ms);
        COMPARE_REL(r->estimate.summary.throughput.value, 1.0 / (ms * 1e-3));
        QCOMPARE(QString::fromLatin1(bottleneckName(r->estimate.summary.bottleneck)), bottleneck);
        // The band follows the bottleneck (estimator.cpp theoreticalErrorBoundPct).
        QCOMPARE(s.latency.errorBoundPct, theoreticalErrorBoundPct(s.bottleneck));
    }

    /// An n×n×n fp32 GEMM does 2n³ FLOP on 12n² B: intensity n/6 FLOP/B. Against DRAM the ridge is
    /// 1e12 / 1e11 = 10 FLOP/B, crossed at n = 60: below it the GEMM waits on memory, above it on compute.
    void ridgeCrossing_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("computeSeconds");
        QTest::addColumn<double>("memorySeconds");
        QTest::addColumn<QString>("bottleneck");

        QTest::newRow("n=30, intensity 5") << 30 << 5.4e-8 << 1.08e-7 << u"memory"_qs;
        QTest::newRow("n=54, intensity 9") << 54 << 3.14928e-7 << 3.4992e-7 << u"memory"_qs;
        QTest::newRow("n=66, intensity 11") << 66 << 5.74992e-7 << 5.2272e-7 << u"compute"_qs;
        QTest::newRow("n=120, intensity 20") << 120 << 3.456e-6 << 1.728e-6 << u"compute"_qs;
    }

    void ridgeCrossing()
    {
        QFETCH(int, n);
        QFETCH(double, computeSeconds);
        QFETCH(double, memorySeconds);
        QFETCH(QString, bottleneck);

        const auto spec = syntheticCpu();
        QString why;
        const auto r = estimate(bytes(matMul(n, n, n)), spec, options(), why);
        QVERIFY2(r, qPrintable(why));
        const Subgraph& sub = r->partition.subgraphs.front();
        const SubgraphEstimate& s = r->estimate.subgraphs.front();
        QCOMPARE(sub.flops.total(), 2 * qint64(n) * n * n);
        QCOMPARE(sub.bytes(), 12 * qint64(n) * n);
        COMPARE_REL(s.mapped.computeSeconds, computeSeconds);
        COMPARE_REL(s.mapped.memorySeconds, memorySeconds);
        QCOMPARE(s.mapped.memoryLevel, 1);
        QCOMPARE(QString::fromLatin1(bottleneckName(s.bottleneck)), bottleneck);

        // The flip is exactly where the arithmetic intensity passes the spec's ridge point.
        const double ridge = spec->ridgePoint(Precision::FP32, spec->memory[1]);
        COMPARE_REL(ridge, 10.0);
        const double intensity = *sub.arithmeticIntensity();
        COMPARE_REL(intensity, n / 6.0);
        QCOMPARE(s.bottleneck == Bottleneck::Compute, intensity > ridge);
    }

    /// Liveness: a tensor lives from its producer to its last consumer; a view shares (and extends) its input's
    /// buffer; graph inputs live from the start, outputs to the end. Activations in bytes at `precision`.
    void energy_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<double>("computeMj");
        QTest::addColumn<double>("memoryMj");
        QTest::addColumn<double>("staticMj");
        QTest::addColumn<QList<double>>("byLevelMj");

        // 33554432 FLOP × 1 pJ; 786432 B × (1 + 10) pJ from DRAM; 10 W × 33.554432 µs (compute-bound).
        QTest::newRow("GEMM 256³ from DRAM") << bytes(matMul(256, 256, 256)) << 0.033554432 << 0.008650752 << 0.33554432
                                             << QList<double> { 7.86432e-4, 7.86432e-3 };
        // 65536 FLOP × 1 pJ; 524288 B × 11 pJ; 10 W × 5.24288 µs (memory-bound: 524288 / 1e11).
        QTest::newRow("Relu 256² from DRAM") << bytes(relu(256, 256)) << 6.5536e-5 << 5.767168e-3 << 5.24288e-2
                                             << QList<double> { 5.24288e-4, 5.24288e-3 };
        // 256 FLOP × 1 pJ; 2048 B would fit L1, but a graph input is read from DRAM and an output written there:
        // × (1 + 10) pJ; 10 W × 20.48 ns (2048 / 1e11 > 256 / 1e11).
        QTest::newRow("Relu 256: graph input and output in DRAM")
            << bytes(relu(1, 256)) << 2.56e-7 << 2.2528e-5 << 2.048e-4 << QList<double> { 2.048e-6, 2.048e-5 };
    }

    void energy()
    {
        QFETCH(QByteArray, model);
        QFETCH(double, computeMj);
        QFETCH(double, memoryMj);
        QFETCH(double, staticMj);
        QFETCH(QList<double>, byLevelMj);

        QString why;
        const auto r = estimate(model, syntheticCpu(), options(), why);
        QVERIFY2(r, qPrintable(why));
        const EnergyEstimate& e = r->estimate.subgraphs.front().energy;
        COMPARE_REL(e.compute.value, computeMj);
        COMPARE_REL(e.memory.value, memoryMj);
        COMPARE_REL(e.staticPart.value, staticMj);
        COMPARE_REL(e.total.value, computeMj + memoryMj + staticMj);
        QCOMPARE(e.memoryByLevelJoules.size(), size_t(byLevelMj.size()));
        for (qsizetype i = 0; i < byLevelMj.size(); ++i)
            COMPARE_REL(e.memoryByLevelJoules[i] * 1e3, byLevelMj[i]);
        COMPARE_REL(r->estimate.energy.total.value, computeMj + memoryMj + staticMj);
        QCOMPARE(text(e.total.unit), u"mJ"_qs);
    }

    /// Two kernels: components add up per subgraph, and the model's components are the subgraphs' sums.
    void energySums()
    {
        QString why;
        const auto r = estimate(bytes(matMulRelu()), syntheticCpu(), options(), why);
        QVERIFY2(r, qPrintable(why));
        const ModelEstimate& m = r->estimate;
        QCOMPARE(m.subgraphs.size(), size_t(2));
        double compute = 0, memory = 0, st = 0, total = 0;
        std::vector<double> levels(2, 0.0);
        for (const SubgraphEstimate& s : m.subgraphs) {
            COMPARE_REL(
                s.energy.compute.value + s.energy.memory.value + s.energy.staticPart.value, s.energy.total.value);
            COMPARE_REL(
                (s.energy.memoryByLevelJoules[0] + s.energy.memoryByLevelJoules[1]) * 1e3, s.energy.memory.value);
            compute += s.energy.compute.value;
            memory += s.energy.memory.value;
            st += s.energy.staticPart.value;
            total += s.energy.total.value;
            levels[0] += s.energy.memoryByLevelJoules[0];
            levels[1] += s.energy.memoryByLevelJoules[1];
        }
        COMPARE_REL(m.energy.compute.value, compute);
        COMPARE_REL(m.energy.memory.value, memory);
        COMPARE_REL(m.energy.staticPart.value, st);
        COMPARE_REL(m.energy.total.value, total);
        COMPARE_REL(m.energy.total.value, m.energy.compute.value + m.energy.memory.value + m.energy.staticPart.value);
        COMPARE_REL(m.summary.energy.value, m.energy.total.value);
        COMPARE_REL(m.energy.memoryByLevelJoules[0], levels[0]);
        COMPARE_REL(m.energy.memoryByLevelJoules[1], levels[1]);
        // By hand (traffic rules of estimation/traffic_model.h, usable L1 = 0.75 × 4096 = 3072 B):
        //  GEMM: reads a, b (graph inputs, 262144 B each) from DRAM; writes y (262144 B), of which 3072 B stay in
        //  L1 and 259072 B spill to DRAM. Through L1 786432 B, through DRAM 783360 B. Compute-bound: 33.554432 µs.
        //  Energy 33554432 pJ + (786432 × 1 + 783360 × 10) pJ + 10 W × 33.554432 µs = 0.377718784 mJ.
        //  Relu: reads y right after it was written (distance 0): 3072 B from L1, 259072 B from DRAM, no write-back
        //  beyond the spill; writes z (graph output, 262144 B) to DRAM. Through L1 524288 B, DRAM 521216 B:
        //  memory-bound at 521216 / 1e11 = 5.21216 µs. Energy 65536 pJ + (524288 + 5212160) pJ + 10 W × 5.21216 µs
        //  = 0.057923584 mJ.
        COMPARE_REL(m.energy.total.value, 0.377718784 + 0.057923584);
        COMPARE_REL(m.summary.latency.value, (3.3554432e-5 + 5.21216e-6) * 1e3);
    }

    /// Precision: floating-point tensors move at its width (integers keep theirs), the peak comes from the spec's
    /// per-precision datapath table, and energy per op from the spec's per-precision figure.
    void precision_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<Precision>("precision");
        QTest::addColumn<double>("fp16MatrixOpsPerClock");
        QTest::addColumn<double>("bytesMoved");
        QTest::addColumn<double>("attainablePeak");
        QTest::addColumn<double>("computeSeconds");
        QTest::addColumn<double>("memorySeconds");
        QTest::addColumn<double>("computeMj");

        const QByteArray gemm = bytes(matMul(256, 256, 256));
        // 786432 B; matrix 1e12; 33554432 FLOP × 1 pJ.
        QTest::newRow("GEMM fp32") << gemm << Precision::FP32 << 4000.0 << 786432.0 << 1e12 << 3.3554432e-5
                                   << 7.86432e-6 << 0.033554432;
        // Half the bytes; matrix fp16 4000 FLOP/clock → 4e12 (four times fp32: the table, not a 2× factor);
        // 33554432 × 0.25 pJ.
        QTest::newRow("GEMM fp16, table 4000/clock")
            << gemm << Precision::FP16 << 4000.0 << 393216.0 << 4e12 << 8.388608e-6 << 3.93216e-6 << 0.008388608;
        // The same with the table saying 3000 FLOP/clock: 3e12, 33554432 / 3e12 s.
        QTest::newRow("GEMM fp16, table 3000/clock")
            << gemm << Precision::FP16 << 3000.0 << 393216.0 << 3e12 << 33554432.0 / 3e12 << 3.93216e-6 << 0.008388608;
        // Vector fp16 200 FLOP/clock → 2e11: 1048576 / 2e11 s; 6291456 B from DRAM; 1048576 × 0.25 pJ.
        QTest::newRow("Add 1024² fp16") << bytes(add(1024, 1024)) << Precision::FP16 << 4000.0 << 6291456.0 << 2e11
                                        << 5.24288e-6 << 6.291456e-5 << 2.62144e-4;
        // Gather reads 10 rows of 16 floats (640 B) of the table, the 10 int64 indices (80 B), writes 640 B: 1360 B,
        // all from DRAM (a weight's first touch, a graph input, a graph output).
        QTest::newRow("Gather fp32") << bytes(gather()) << Precision::FP32 << 4000.0 << 1360.0 << 1e11 << 0.0 << 1.36e-8
                                     << 0.0;
        // At fp16 the floats halve (320 + 320) but the int64 indices stay 80 B: 720 B.
        QTest::newRow("Gather fp16: int64 indices keep 8 bytes")
            << bytes(gather()) << Precision::FP16 << 4000.0 << 720.0 << 2e11 << 0.0 << 7.2e-9 << 0.0;
    }

    void precision()
    {
        QFETCH(QByteArray, model);
        QFETCH(Precision, precision);
        QFETCH(double, fp16MatrixOpsPerClock);
        QFETCH(double, bytesMoved);
        QFETCH(double, attainablePeak);
        QFETCH(double, computeSeconds);
        QFETCH(double, memorySeconds);
        QFETCH(double, computeMj);

        QString why;
        const auto r = estimate(model, syntheticCpu(0, fp16MatrixOpsPerClock), options(precision), why);
        QVERIFY2(r, qPrintable(why));
        const SubgraphEstimate& s = r->estimate.subgraphs.front();
        COMPARE_REL(s.mapped.bytesMoved, bytesMoved);
        COMPARE_REL(s.mapped.attainablePeak, attainablePeak);
        COMPARE_REL(s.mapped.computeSeconds, computeSeconds);
        COMPARE_REL(s.mapped.memorySeconds, memorySeconds);
        COMPARE_REL(s.energy.compute.value, computeMj);
        QCOMPARE(r->estimate.options.precision, precision);
    }

    /// x[N,64] × W[64,32] with N bound at import: MACs = N × 64 × 32, so batch 8 does 8 × the MACs of batch 1.
    void batch_data()
    {
        QTest::addColumn<int>("batch");
        QTest::addColumn<qint64>("macs");
        QTest::addColumn<double>("computeSeconds");
        QTest::addColumn<double>("memorySeconds");

        // 2048 MACs = 4096 FLOP / 1e12; x 256 B + W 8192 B + y 128 B = 8576 B from DRAM.
        QTest::newRow("batch 1") << 1 << qint64(2048) << 4.096e-9 << 8.576e-8;
        // 8 × 2048 MACs; x 2048 B + W 8192 B + y 1024 B = 11264 B (the weight is read once for the batch).
        QTest::newRow("batch 8") << 8 << qint64(8 * 2048) << 3.2768e-8 << 1.1264e-7;
    }

    void batch()
    {
        QFETCH(int, batch);
        QFETCH(qint64, macs);
        QFETCH(double, computeSeconds);
        QFETCH(double, memorySeconds);

        OnnxModelBuilder b;
        b.input("x", { std::string("N"), int64_t(64) }).weight("W", { 64, 32 });
        b.node("MatMul", { "x", "W" }, { "y" }, {}, "matmul").output("y");
        QString why;
        const auto r = estimate(bytes(b), syntheticCpu(), options(Precision::FP32, batch), why, batch);
        QVERIFY2(r, qPrintable(why));
        QCOMPARE(r->analysis.totals.macs, macs);
        QCOMPARE(r->partition.subgraphs.front().macs, macs);
        const SubgraphEstimate& s = r->estimate.subgraphs.front();
        COMPARE_REL(s.mapped.computeSeconds, computeSeconds);
        COMPARE_REL(s.mapped.memorySeconds, memorySeconds);
        // Throughput = samples per inference / latency.
        COMPARE_REL(r->estimate.summary.throughput.value, batch / std::max(computeSeconds, memorySeconds));
    }

    void unsupportedPrecision_data()
    {
        QTest::addColumn<Precision>("precision");
        QTest::addColumn<QString>("fragment");

        QTest::newRow("int8") << Precision::INT8 << u"synthetic-cpu has no int8 throughput"_qs;
        QTest::newRow("bf16") << Precision::BF16 << u"synthetic-cpu has no bf16 throughput"_qs;
        QTest::newRow("fp64") << Precision::FP64 << u"synthetic-cpu has no fp64 throughput"_qs;
        QTest::newRow("tf32") << Precision::TF32 << u"synthetic-cpu has no tf32 throughput"_qs;
    }

    void unsupportedPrecision()
    {
        QFETCH(Precision, precision);
        QFETCH(QString, fragment);

        QString why;
        const auto model = bytes(matMul(4, 4, 4));
        auto imported = importOnnxBytes(std::string_view(model.constData(), size_t(model.size())), "m.onnx", {}, {});
        QVERIFY2(imported, imported ? "" : qPrintable(describe(imported.error())));
        auto analysis = analyzeGraph(imported->graph);
        QVERIFY(analysis);
        auto partition = partitionGraph(*analysis, FusionRules {});
        QVERIFY(partition);
        const auto e = estimateModel(*analysis, *partition, syntheticCpu(), options(precision));
        QVERIFY2(!e, "an estimate at a precision the hardware lacks");
        QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(text(e.error().message).contains(fragment), qPrintable(describe(e.error())));
        // It names what the hardware does support, in the canonical order.
        QVERIFY2(text(e.error().message).contains(u"(it supports: fp32, fp16)"_qs), qPrintable(describe(e.error())));
        QCOMPARE(text(e.error().location), u"synthetic-cpu"_qs);
    }

    /// Every figure an uncalibrated estimate reports is THEORETICAL, has a positive band and is finite.
    void theoreticalResults_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<QString>("hardware");
        QTest::addColumn<QString>("knownBug");

        const QList<QPair<const char*, QByteArray>> models = {
            { "GEMM", bytes(matMul(256, 256, 256, true)) },
            { "Add", bytes(add(1024, 1024)) },
            { "MatMul+Relu", bytes(matMulRelu()) },
            { "branches and a view", bytes(branchesAndView()) },
            { "mixed block", bytes(mixedBlock()) },
            { "Gather", bytes(gather()) },
        };
        for (const auto& [name, model] : models) {
            for (const char* hw : { "cpu", "gpu", "systolic" })
                QTest::addRow("%s on %s", name, hw) << model << QString::fromLatin1(hw) << QString();
        }
        // A model whose only node is a view has one zero-cost subgraph and takes no time.
        QTest::newRow("only a view on cpu")
            << bytes(onlyAView()) << u"cpu"_qs
            << QString();
    }

    void theoreticalResults()
    {
        QFETCH(QByteArray, model);
        QFETCH(QString, hardware);
        QFETCH(QString, knownBug);

        const auto spec = hardware == QLatin1String("gpu") ? std::shared_ptr<const HardwareSpec>(syntheticGpu(8))
            : hardware == QLatin1String("systolic")        ? std::shared_ptr<const HardwareSpec>(syntheticSystolic())
                                                           : std::shared_ptr<const HardwareSpec>(syntheticCpu(2));
        for (const EfficiencyPriors& priors : { EfficiencyPriors {}, unitPriors() }) {
            EstimateOptions o = options();
            o.priors = priors;
            QString why;
            const auto r = estimate(model, spec, o, why);
            QVERIFY2(r, qPrintable(why));
            QVERIFY(!r->estimate.subgraphs.empty());
            const QString problems = checkResults(r->estimate);
            if (!knownBug.isEmpty())
                QEXPECT_FAIL("", knownBug.toUtf8().constData(), Abort);
            QVERIFY2(problems.isEmpty(), qPrintable(problems));
        }
    }

    /// GPU: a GEMM is cut into output tiles spread over the SMs in waves; the last, partial wave leaves SMs idle.
    /// Like a GEMM library, the mapper tries 128, 64 and 32 tiles (sustaining 1.0, 0.85, 0.6 of peak) and splits K
    /// (slices of at least 512) to fill the SMs, and keeps the best: per tiling, score = blocks / (waves × SMs) ×
    /// tile efficiency with blocks = tiles × split, waves = ceil(blocks / SMs). compute = 2·M·N·K /
    /// (SMs × 1.024e12 × utilisation). K = 64 (no split) unless the row says otherwise.
};

QTEST_GUILESS_MAIN(TestEstimator)
#include "tst_estimator.moc"
