// The roofline estimator against hand-computed figures on synthetic hardware with round numbers.
//
// synthetic-cpu (CPU mapper): one core at 1000 MHz; vector datapath 100 FLOP/clock at fp32, 200 at fp16 →
// 1e11 / 2e11 FLOP/s; matrix datapath 1000 / 4000 FLOP/clock → 1e12 / 4e12 FLOP/s. L1: 4096 B, 1e12 B/s,
// 1 pJ/B; DRAM: 1e11 B/s, 10 pJ/B. Idle 10 W; 1 pJ/op at fp32, 0.25 pJ/op at fp16. Ridge point against DRAM:
// 1e12 / 1e11 = 10 FLOP/B. With one core the CPU mapper's utilisation is always 1.
//
// Unless a row says otherwise the efficiency priors are 1.0 (matrix, grouped, depthwise, vector), so attainable
// peak = datapath peak × utilisation, and the graph is partitioned without fusion (one subgraph per node).
// float32 = 4 bytes, int64 = 8 bytes. Seconds and joules are compared with a relative tolerance of 1e-9: every
// expectation is a product or quotient of exact round numbers, so only double rounding separates them.

#include "estimation/estimator.h"
#include "estimation/graph_analysis.h"
#include "estimation/memory_estimator.h"
#include "frontends/onnx_importer.h"
#include "onnx_model_builder.h"
#include "transform/partition.h"

#include <QTest>
#include <cmath>
#include <optional>

using namespace graphs;
using graphs::testing::Attr;
using graphs::testing::OnnxModelBuilder;

Q_DECLARE_METATYPE(graphs::Precision)

namespace {

constexpr double kRelTolerance = 1e-9;

bool close(double actual, double expected)
{
    if (expected == 0)
        return std::abs(actual) <= 1e-300;
    return std::abs(actual - expected) <= kRelTolerance * std::abs(expected);
}

QByteArray mismatch(const char* what, double actual, double expected)
{
    return QByteArray(what) + " = " + QByteArray::number(actual, 'g', 17) + ", expected "
        + QByteArray::number(expected, 'g', 17);
}

#define COMPARE_REL(actual, expected)                                                                                  \
    QVERIFY2(close((actual), (expected)), mismatch(#actual, (actual), (expected)).constData())

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

QString describe(const Error& e)
{
    return QString::fromLatin1(errorCodeName(e.code)) + QStringLiteral(": ") + text(e.toString());
}

QByteArray bytes(const OnnxModelBuilder& b)
{
    return QByteArray::fromStdString(b.serialize());
}

EfficiencyPriors unitPriors()
{
    EfficiencyPriors p;
    p.matrix = p.grouped = p.depthwise = p.vector = 1.0;
    return p;
}

EstimateOptions options(Precision precision = Precision::FP32, int64_t batch = 1)
{
    EstimateOptions o;
    o.precision = precision;
    o.batch = batch;
    o.priors = unitPriors();
    return o;
}

/// One memory level with one instance (a shared level: the whole bandwidth serves any kernel).
MemoryLevel level(const char* name, double capacityBytes, double bandwidth, double pjPerByte)
{
    MemoryLevel m;
    m.name = name;
    m.capacityBytes = capacityBytes;
    m.bandwidthBytesPerSecond = bandwidth;
    m.energyPjPerByte = pjPerByte;
    return m;
}

std::shared_ptr<HardwareSpec> syntheticCpu(double launchUs = 0, double fp16MatrixOpsPerClock = 4000)
{
    auto spec = std::make_shared<HardwareSpec>();
    spec->id = "synthetic-cpu";
    spec->name = "synthetic CPU";
    spec->category = HardwareCategory::Cpu;
    spec->mapper = MapperKind::Cpu;
    ComputeCluster core;
    core.name = "core";
    core.units = 1;
    core.boostClockMhz = 1000;
    core.vectorOpsPerClock = { { Precision::FP32, 100 }, { Precision::FP16, 200 } };
    core.matrixOpsPerClock = { { Precision::FP32, 1000 }, { Precision::FP16, fp16MatrixOpsPerClock } };
    spec->clusters = { core };
    spec->memory = {
        level("L1", 4096, 1e12, 1),
        level("DRAM", 1e12, 1e11, 10),
    };
    spec->tdpWatts = 100;
    spec->idleWatts = 10;
    spec->energyPjPerOp = { { Precision::FP32, 1.0 }, { Precision::FP16, 0.25 } };
    spec->launchOverheadUs = launchUs;
    return spec;
}

/// `sms` SMs at 1000 MHz with 1024 fp32 tensor FLOP/clock each (peak sms × 1.024e12 FLOP/s); L2 then DRAM.
std::shared_ptr<HardwareSpec> syntheticGpu(int64_t sms)
{
    auto spec = std::make_shared<HardwareSpec>();
    spec->id = "synthetic-gpu";
    spec->name = "synthetic GPU";
    spec->category = HardwareCategory::Gpu;
    spec->mapper = MapperKind::Gpu;
    ComputeCluster sm;
    sm.name = "SM";
    sm.units = sms;
    sm.boostClockMhz = 1000;
    sm.vectorOpsPerClock = { { Precision::FP32, 128 } };
    sm.matrixOpsPerClock = { { Precision::FP32, 1024 } };
    spec->clusters = { sm };
    spec->memory = {
        level("L1", 65536, 1e13, 1),
        level("L2", 4194304, 2e12, 2),
        level("DRAM", 1e11, 1e12, 20),
    };
    spec->tdpWatts = 300;
    spec->idleWatts = 50;
    spec->energyPjPerOp = { { Precision::FP32, 0.5 } };
    return spec;
}

/// One 128×128 weight-stationary array at 1000 MHz, 2 × 128 × 128 = 32768 fp32 FLOP/clock (3.2768e13 FLOP/s).
std::shared_ptr<HardwareSpec> syntheticSystolic()
{
    auto spec = std::make_shared<HardwareSpec>();
    spec->id = "synthetic-npu";
    spec->name = "synthetic NPU";
    spec->category = HardwareCategory::Accelerator;
    spec->mapper = MapperKind::Systolic;
    ComputeCluster mxu;
    mxu.name = "MXU";
    mxu.units = 1;
    mxu.boostClockMhz = 1000;
    mxu.arrayRows = 128;
    mxu.arrayCols = 128;
    mxu.arraysPerUnit = 1;
    mxu.matrixOpsPerClock = { { Precision::FP32, 32768 } };
    spec->clusters = { mxu };
    spec->memory = {
        level("SRAM", 16777216, 1e12, 1),
        level("DRAM", 1e10, 1e11, 10),
    };
    spec->tdpWatts = 10;
    spec->idleWatts = 1;
    spec->energyPjPerOp = { { Precision::FP32, 0.5 } };
    return spec;
}

struct Estimated
{
    GraphAnalysis analysis;
    Partition partition;
    ModelEstimate estimate;
};

/// Import (binding dimension 0 to `batch` when given) → counts → partition without fusion → estimate.
std::optional<Estimated> estimate(const QByteArray& model, std::shared_ptr<const HardwareSpec> spec,
    const EstimateOptions& opts, QString& why, std::optional<int64_t> batch = {})
{
    ImportOptions import;
    import.batch = batch;
    auto imported
        = importOnnxBytes(std::string_view(model.constData(), static_cast<size_t>(model.size())), "m.onnx", {}, import);
    if (!imported) {
        why = describe(imported.error());
        return std::nullopt;
    }
    auto analysis = analyzeGraph(imported->graph);
    if (!analysis) {
        why = describe(analysis.error());
        return std::nullopt;
    }
    auto partition = partitionGraph(*analysis, FusionRules {});
    if (!partition) {
        why = describe(partition.error());
        return std::nullopt;
    }
    auto e = estimateModel(*analysis, *partition, std::move(spec), opts, "unfused");
    if (!e) {
        why = describe(e.error());
        return std::nullopt;
    }
    return Estimated { std::move(*analysis), std::move(*partition), std::move(*e) };
}

// --- Models ---

/// a[m,k] × b[k,n] → y, both operands graph inputs (or b a weight).
OnnxModelBuilder matMul(int64_t m, int64_t k, int64_t n, bool weightB = false)
{
    OnnxModelBuilder b;
    b.input("a", { m, k });
    if (weightB)
        b.weight("b", { k, n });
    else
        b.input("b", { k, n });
    b.node("MatMul", { "a", "b" }, { "y" }, {}, "matmul").output("y");
    return b;
}

/// a + b → y, both [rows, cols].
OnnxModelBuilder add(int64_t rows, int64_t cols)
{
    OnnxModelBuilder b;
    b.input("a", { rows, cols }).input("b", { rows, cols });
    b.node("Add", { "a", "b" }, { "y" }, {}, "add").output("y");
    return b;
}

OnnxModelBuilder relu(int64_t rows, int64_t cols)
{
    OnnxModelBuilder b;
    b.input("x", { rows, cols }).node("Relu", { "x" }, { "y" }, {}, "relu").output("y");
    return b;
}

/// a[256,256] × b[256,256] → m → Relu → y: two kernels without fusion.
OnnxModelBuilder matMulRelu()
{
    OnnxModelBuilder b;
    b.input("a", { 256, 256 }).input("b", { 256, 256 });
    b.node("MatMul", { "a", "b" }, { "m" }, {}, "matmul");
    b.node("Relu", { "m" }, { "y" }, {}, "relu").output("y");
    return b;
}

/// data[100,16] gathered at 10 int64 indices → y[10,16].
OnnxModelBuilder gather()
{
    OnnxModelBuilder b;
    b.input("data", { 100, 16 }).input("idx", { 10 }, onnx::TensorProto::INT64);
    b.node("Gather", { "data", "idx" }, { "y" }, { Attr::i("axis", 0) }, "gather").output("y");
    return b;
}

/// x[1,256] → a = Relu(x) → b = Concat(a, a) [1,512] → r = Reshape(b) [2,256] (a view of b);
/// c = Relu(a) (a second branch that keeps a alive); y = Add(r, c) [2,256].
OnnxModelBuilder branchesAndView()
{
    OnnxModelBuilder b;
    b.input("x", { 1, 256 }).ints("shape", { 2, 256 });
    b.node("Relu", { "x" }, { "a" }, {}, "relu_a");
    b.node("Concat", { "a", "a" }, { "b" }, { Attr::i("axis", 1) }, "concat");
    b.node("Reshape", { "b", "shape" }, { "r" }, {}, "reshape");
    b.node("Relu", { "a" }, { "c" }, {}, "relu_c");
    b.node("Add", { "r", "c" }, { "y" }, {}, "add").output("y");
    return b;
}

/// x[1,256] → a → b → c → y, Relu each: every tensor dies as soon as the next one exists.
OnnxModelBuilder reluChain()
{
    OnnxModelBuilder b;
    b.input("x", { 1, 256 });
    b.node("Relu", { "x" }, { "a" }, {}, "r0");
    b.node("Relu", { "a" }, { "b" }, {}, "r1");
    b.node("Relu", { "b" }, { "y" }, {}, "r2").output("y");
    return b;
}

/// x[1,256] → a → b → c, then d = Add(a, c) → y: the skip connection keeps a alive across b and c.
OnnxModelBuilder skipConnection()
{
    OnnxModelBuilder b;
    b.input("x", { 1, 256 });
    b.node("Relu", { "x" }, { "a" }, {}, "r0");
    b.node("Relu", { "a" }, { "b" }, {}, "r1");
    b.node("Relu", { "b" }, { "c" }, {}, "r2");
    b.node("Add", { "a", "c" }, { "d" }, {}, "add");
    b.node("Relu", { "d" }, { "y" }, {}, "r3").output("y");
    return b;
}

/// x[1,256] → a = Relu(x) → r = Reshape(a, [256]) → y = Relu(r): r aliases a's buffer.
OnnxModelBuilder viewAlias()
{
    OnnxModelBuilder b;
    b.input("x", { 1, 256 }).ints("shape", { 256 });
    b.node("Relu", { "x" }, { "a" }, {}, "r0");
    b.node("Reshape", { "a", "shape" }, { "r" }, {}, "reshape");
    b.node("Relu", { "r" }, { "y" }, {}, "r1").output("y");
    return b;
}

/// x[1,1024] + Reshape(W[4,256] → [1,1024]): the view's input is a weight (no data in the file, so the import
/// cannot fold the Reshape), not an activation.
OnnxModelBuilder viewOfWeight()
{
    OnnxModelBuilder b;
    b.input("x", { 1, 1024 }).weight("W", { 4, 256 }).ints("shape", { 1, 1024 });
    b.node("Reshape", { "W", "shape" }, { "wr" }, {}, "reshape");
    b.node("Add", { "x", "wr" }, { "y" }, {}, "add").output("y");
    return b;
}

/// x[2,8] → Reshape → y: nothing runs a kernel.
OnnxModelBuilder onlyAView()
{
    OnnxModelBuilder b;
    b.input("x", { 2, 8 }).ints("shape", { 16 });
    b.node("Reshape", { "x", "shape" }, { "y" }, {}, "reshape").output("y");
    return b;
}

/// A small transformer-ish block exercising matrix, softmax, reduction, view and elementwise kernels.
OnnxModelBuilder mixedBlock()
{
    OnnxModelBuilder b;
    b.input("x", { 4, 64 }).weight("W", { 64, 64 }).ints("shape", { 1, 4, 64 });
    b.node("MatMul", { "x", "W" }, { "h" }, {}, "proj");
    b.node("Softmax", { "h" }, { "p" }, { Attr::i("axis", -1) }, "softmax");
    b.node("Reshape", { "p", "shape" }, { "r" }, {}, "reshape");
    b.node("ReduceMean", { "r" }, { "m" }, { Attr::ints("axes", { -1 }) }, "mean");
    b.node("Sigmoid", { "m" }, { "y" }, {}, "sigmoid").output("y");
    return b;
}

/// Every EstimationResult of an estimate: theoretical, with a positive band, a unit, a source and a finite value.
QString checkResults(const ModelEstimate& e)
{
    QString problems;
    auto check = [&](const EstimationResult& r, const QString& what) {
        if (r.confidence != Confidence::Theoretical)
            problems += what + QStringLiteral(": confidence ") + text(std::string(confidenceName(r.confidence)))
                + QLatin1Char('\n');
        if (!(r.errorBoundPct > 0) || !std::isfinite(r.errorBoundPct))
            problems += what + QStringLiteral(": error bound ") + QString::number(r.errorBoundPct) + QLatin1Char('\n');
        if (!std::isfinite(r.value) || r.value < 0)
            problems += what + QStringLiteral(": value ") + QString::number(r.value) + QLatin1Char('\n');
        if (r.unit.empty() || r.source.empty())
            problems += what + QStringLiteral(": no unit or source\n");
    };
    auto checkEnergy = [&](const EnergyEstimate& en, const QString& what) {
        check(en.compute, what + QStringLiteral(" energy.compute"));
        check(en.memory, what + QStringLiteral(" energy.memory"));
        check(en.staticPart, what + QStringLiteral(" energy.static"));
        check(en.total, what + QStringLiteral(" energy.total"));
    };
    for (const SubgraphEstimate& s : e.subgraphs) {
        const QString what = QStringLiteral("subgraph %1").arg(s.subgraph);
        check(s.latency, what + QStringLiteral(" latency"));
        checkEnergy(s.energy, what);
        for (double v : { s.mapped.computeSeconds, s.mapped.memorySeconds, s.mapped.overheadSeconds,
                 s.mapped.bytesMoved, s.mapped.utilisation, s.mapped.attainablePeak }) {
            if (!std::isfinite(v) || v < 0)
                problems += what + QStringLiteral(": mapped figure ") + QString::number(v) + QLatin1Char('\n');
        }
    }
    check(e.summary.latency, QStringLiteral("summary latency"));
    check(e.summary.throughput, QStringLiteral("summary throughput"));
    check(e.summary.energy, QStringLiteral("summary energy"));
    check(e.summary.peakMemory, QStringLiteral("summary peak memory"));
    checkEnergy(e.energy, QStringLiteral("model"));
    return problems;
}

} // namespace

class TestEstimator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    /// time = max(flops / attainable peak, bytes / bandwidth of the serving level) + launch overhead.
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
        // 4 adds, 48 B from L1 (4e-11 s, 4.8e-11 s): the 5 µs launch dwarfs both.
        QTest::newRow("Add of 4 elements: launch overhead")
            << bytes(add(1, 4)) << 5.0 << 4e-11 << 4.8e-11 << 0 << u"overhead"_qs;
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
        // 256 FLOP × 1 pJ; 2048 B fit L1: × 1 pJ only; 10 W × 2.56 ns (256 / 1e11 > 2048 / 1e12).
        QTest::newRow("Relu 256 from L1")
            << bytes(relu(1, 256)) << 2.56e-7 << 2.048e-6 << 2.56e-5 << QList<double> { 2.048e-6, 0.0 };
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
        // By hand: the GEMM row (0.377749504 mJ) plus the Relu 256² row (0.058261504 mJ); the Relu reads the
        // GEMM's output from DRAM exactly as the stand-alone Relu reads its input.
        COMPARE_REL(m.energy.total.value, 0.377749504 + 0.058261504);
        // Latency is the sum over kernels: 33.554432 µs + 5.24288 µs.
        COMPARE_REL(m.summary.latency.value, (3.3554432e-5 + 5.24288e-6) * 1e3);
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
        // Gather reads 10 rows of 16 floats (640 B), the 10 int64 indices (80 B), writes 640 B: 1360 B from L1.
        QTest::newRow("Gather fp32") << bytes(gather()) << Precision::FP32 << 4000.0 << 1360.0 << 1e11 << 0.0 << 1.36e-9
                                     << 0.0;
        // At fp16 the floats halve (320 + 320) but the int64 indices stay 80 B: 720 B.
        QTest::newRow("Gather fp16: int64 indices keep 8 bytes")
            << bytes(gather()) << Precision::FP16 << 4000.0 << 720.0 << 2e11 << 0.0 << 7.2e-10 << 0.0;
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

QTEST_GUILESS_MAIN(TestEstimator)
#include "tst_estimator.moc"
