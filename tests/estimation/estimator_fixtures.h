#pragma once

// Synthetic hardware with round numbers and small models shared by tst_estimator and tst_memory_and_mapping.
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

namespace estimatortest {

constexpr double kRelTolerance = 1e-9;

inline bool close(double actual, double expected)
{
    if (expected == 0)
        return std::abs(actual) <= 1e-300;
    return std::abs(actual - expected) <= kRelTolerance * std::abs(expected);
}

inline QByteArray mismatch(const char* what, double actual, double expected)
{
    return QByteArray(what) + " = " + QByteArray::number(actual, 'g', 17) + ", expected "
        + QByteArray::number(expected, 'g', 17);
}

#define COMPARE_REL(actual, expected)                                                                                  \
    QVERIFY2(close((actual), (expected)), mismatch(#actual, (actual), (expected)).constData())

inline QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

inline QString describe(const Error& e)
{
    return QString::fromLatin1(errorCodeName(e.code)) + QStringLiteral(": ") + text(e.toString());
}

inline QByteArray bytes(const OnnxModelBuilder& b)
{
    return QByteArray::fromStdString(b.serialize());
}

inline EfficiencyPriors unitPriors()
{
    EfficiencyPriors p;
    p.matrix = p.grouped = p.depthwise = p.vector = p.offChip = 1.0;
    return p;
}

inline EstimateOptions options(Precision precision = Precision::FP32, int64_t batch = 1)
{
    EstimateOptions o;
    o.precision = precision;
    o.batch = batch;
    o.priors = unitPriors();
    return o;
}

/// One memory level with one instance (a shared level: the whole bandwidth serves any kernel).
inline MemoryLevel level(const char* name, double capacityBytes, double bandwidth, double pjPerByte)
{
    MemoryLevel m;
    m.name = name;
    m.capacityBytes = capacityBytes;
    m.bandwidthBytesPerSecond = bandwidth;
    m.energyPjPerByte = pjPerByte;
    return m;
}

inline std::shared_ptr<HardwareSpec> syntheticCpu(double launchUs = 0, double fp16MatrixOpsPerClock = 4000)
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
inline std::shared_ptr<HardwareSpec> syntheticGpu(int64_t sms)
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
inline std::shared_ptr<HardwareSpec> syntheticSystolic()
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
inline std::optional<Estimated> estimate(const QByteArray& model, std::shared_ptr<const HardwareSpec> spec,
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

/// x[1,64,28,28] → conv (W[128,64,3,3], pad 1) → y[1,128,28,28]. As a GEMM: rows = 28 × 28 = 784 output positions,
/// columns = 128 output channels, K = 64 × 9 = 576; 2 × 784 × 128 × 576 = 115,605,504 FLOP.
inline OnnxModelBuilder conv3x3()
{
    OnnxModelBuilder b;
    b.input("x", { 1, 64, 28, 28 }).weight("W", { 128, 64, 3, 3 });
    b.node("Conv", { "x", "W" }, { "y" }, { Attr::ints("pads", { 1, 1, 1, 1 }) }, "conv");
    b.output("y");
    return b;
}

/// A runtime profile that fuses nothing, to which a test appends the keys it checks.
inline const std::string kEagerRules = "schema: 1\nid: eager\nname: eager\nfusion:\n  anchors: []\n  epilogue: []\n"
                                       "  max_epilogue: 0\n  elementwise: []\n  max_chain: 1\n  patterns: []\n";

/// a[m,k] × b[k,n] → y, both operands graph inputs (or b a weight).
inline OnnxModelBuilder matMul(int64_t m, int64_t k, int64_t n, bool weightB = false)
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
inline OnnxModelBuilder add(int64_t rows, int64_t cols)
{
    OnnxModelBuilder b;
    b.input("a", { rows, cols }).input("b", { rows, cols });
    b.node("Add", { "a", "b" }, { "y" }, {}, "add").output("y");
    return b;
}

inline OnnxModelBuilder relu(int64_t rows, int64_t cols)
{
    OnnxModelBuilder b;
    b.input("x", { rows, cols }).node("Relu", { "x" }, { "y" }, {}, "relu").output("y");
    return b;
}

/// a[256,256] × b[256,256] → m → Relu → y: two kernels without fusion.
inline OnnxModelBuilder matMulRelu()
{
    OnnxModelBuilder b;
    b.input("a", { 256, 256 }).input("b", { 256, 256 });
    b.node("MatMul", { "a", "b" }, { "m" }, {}, "matmul");
    b.node("Relu", { "m" }, { "y" }, {}, "relu").output("y");
    return b;
}

/// data[100,16] gathered at 10 int64 indices → y[10,16].
inline OnnxModelBuilder gather()
{
    OnnxModelBuilder b;
    b.input("data", { 100, 16 }).input("idx", { 10 }, onnx::TensorProto::INT64);
    b.node("Gather", { "data", "idx" }, { "y" }, { Attr::i("axis", 0) }, "gather").output("y");
    return b;
}

/// x[1,256] → a = Relu(x) → b = Concat(a, a) [1,512] → r = Reshape(b) [2,256] (a view of b);
/// c = Relu(a) (a second branch that keeps a alive); y = Add(r, c) [2,256].
inline OnnxModelBuilder branchesAndView()
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
inline OnnxModelBuilder reluChain()
{
    OnnxModelBuilder b;
    b.input("x", { 1, 256 });
    b.node("Relu", { "x" }, { "a" }, {}, "r0");
    b.node("Relu", { "a" }, { "b" }, {}, "r1");
    b.node("Relu", { "b" }, { "y" }, {}, "r2").output("y");
    return b;
}

/// x[1,256] → a → b → c, then d = Add(a, c) → y: the skip connection keeps a alive across b and c.
inline OnnxModelBuilder skipConnection()
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
inline OnnxModelBuilder viewAlias()
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
inline OnnxModelBuilder viewOfWeight()
{
    OnnxModelBuilder b;
    b.input("x", { 1, 1024 }).weight("W", { 4, 256 }).ints("shape", { 1, 1024 });
    b.node("Reshape", { "W", "shape" }, { "wr" }, {}, "reshape");
    b.node("Add", { "x", "wr" }, { "y" }, {}, "add").output("y");
    return b;
}

/// x[2,8] → Reshape → y: nothing runs a kernel.
inline OnnxModelBuilder onlyAView()
{
    OnnxModelBuilder b;
    b.input("x", { 2, 8 }).ints("shape", { 16 });
    b.node("Reshape", { "x", "shape" }, { "y" }, {}, "reshape").output("y");
    return b;
}

/// A small transformer-ish block exercising matrix, softmax, reduction, view and elementwise kernels.
inline OnnxModelBuilder mixedBlock()
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
inline QString checkResults(const ModelEstimate& e)
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

} // namespace estimatortest

using namespace estimatortest;
