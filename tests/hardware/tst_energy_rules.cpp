// The registry's energy and power rules (docs/hardware/energy.md) against figures derived by hand from their
// published anchors, the board-power check every GPU entry must pass at its peak tensor rate, and the power limit:
// a part that would exceed its TDP lowers its clock until it does not.

#include "estimation/estimator.h"
#include "estimation/graph_analysis.h"
#include "frontends/onnx_importer.h"
#include "hardware/energy_rules.h"
#include "hardware/hardware_registry.h"
#include "onnx_model_builder.h"
#include "transform/fusion_rules.h"
#include "transform/partition.h"

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <map>

using namespace graphs;
using graphs::testing::OnnxModelBuilder;

namespace {

bool near(double actual, double expected, double relative = 1e-9)
{
    return std::abs(actual - expected) <= relative * std::abs(expected);
}

QByteArray mismatch(const char* what, double actual, double expected)
{
    return QByteArray(what) + " = " + QByteArray::number(actual, 'g', 12) + ", expected "
        + QByteArray::number(expected, 'g', 12);
}

#define COMPARE_NEAR(actual, expected, rel)                                                                            \
    QVERIFY2(near((actual), (expected), (rel)), mismatch(#actual, (actual), (expected)).constData())

/// An n×n×n GEMM whose second operand is a weight: large enough to run every SM in full waves.
std::string gemmModel(int64_t n)
{
    OnnxModelBuilder b;
    b.input("a", { n, n });
    b.weight("w", { n, n });
    b.node("MatMul", { "a", "w" }, { "y" }, {}, "gemm").output("y");
    return b.serialize();
}

struct Estimated
{
    GraphAnalysis analysis;
    Partition partition;
    ModelEstimate estimate;
};

std::optional<Estimated> estimateBytes(const std::string& model, std::shared_ptr<const HardwareSpec> spec,
    EstimateOptions options, QString& why)
{
    auto imported = importOnnxBytes(model, "gemm.onnx", {}, {});
    if (!imported) {
        why = QString::fromStdString(imported.error().toString());
        return std::nullopt;
    }
    auto analysis = analyzeGraph(imported->graph);
    if (!analysis) {
        why = QString::fromStdString(analysis.error().toString());
        return std::nullopt;
    }
    auto partition = partitionGraph(*analysis, FusionRules {});
    if (!partition) {
        why = QString::fromStdString(partition.error().toString());
        return std::nullopt;
    }
    auto e = estimateModel(*analysis, *partition, std::move(spec), options, "unfused");
    if (!e) {
        why = QString::fromStdString(e.error().toString());
        return std::nullopt;
    }
    return Estimated { std::move(*analysis), std::move(*partition), std::move(*e) };
}

/// The precision with the highest matrix (tensor-core) rate an entry has.
std::optional<Precision> topTensorPrecision(const HardwareSpec& spec)
{
    std::optional<Precision> best;
    double rate = 0;
    for (Precision p : kAllPrecisions) {
        const double r = spec.peakOpsPerSecond(p, Datapath::Matrix);
        if (r > rate) {
            rate = r;
            best = p;
        }
    }
    return best;
}

} // namespace

class TestEnergyRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    /// Rule E4's arithmetic term is half a multiply-add: at 45 nm Horowitz's table, at 7 nm Jouppi et al.'s.
    void arithmeticAtTheTwoAnchors_data()
    {
        QTest::addColumn<int>("precision");
        QTest::addColumn<double>("at45");
        QTest::addColumn<double>("at7");
        // fp32: (3.7 mult + 0.9 add) / 2 = 2.3 at 45 nm; (1.31 + 0.38) / 2 = 0.845 at 7 nm.
        QTest::newRow("fp32") << int(Precision::FP32) << 2.3 << 0.845;
        // fp16 products accumulate in fp32: (1.1 + 0.9) / 2 = 1.0; (0.34 + 0.38) / 2 = 0.36.
        QTest::newRow("fp16") << int(Precision::FP16) << 1.0 << 0.36;
        // int8 products accumulate in int32: (0.2 + 0.1) / 2 = 0.15; (0.07 + 0.03) / 2 = 0.05.
        QTest::newRow("int8") << int(Precision::INT8) << 0.15 << 0.05;
    }

    void arithmeticAtTheTwoAnchors()
    {
        QFETCH(int, precision);
        QFETCH(double, at45);
        QFETCH(double, at7);
        const auto p = static_cast<Precision>(precision);
        COMPARE_NEAR(energy::arithmeticPjPerOp(p, 45), at45, 1e-9);
        COMPARE_NEAR(energy::arithmeticPjPerOp(p, 7), at7, 1e-9);
        // Between and beyond the anchors the power law through them: at 4 nm, at7 × (4/7)^(ln(at45/at7) / ln(45/7)).
        const double exponent = std::log(at45 / at7) / std::log(45.0 / 7.0);
        COMPARE_NEAR(energy::arithmeticPjPerOp(p, 4), at7 * std::pow(4.0 / 7.0, exponent), 1e-9);
    }

    /// The anchors are design points: the A100 SXM4 at its 312 TFLOP/s fp16 tensor peak (108 SMs × 2048 FLOP/clk ×
    /// 1410 MHz) draws its 400 W, 100 W of it static (rule P2, 25%), so an fp16 tensor operation at 7 nm costs
    /// 300 W / 311.87e12 /s = 0.96195 pJ. The Xeon 8480+ at its 2.0 GHz base with every core on AVX-512 FMA (56 ×
    /// 64 FLOP/clk) draws its 350 W: 262.5 W / 7.168e12 /s = 36.621 pJ per fp32 operation.
    void anchorsReproduceTheirDesignPoint()
    {
        COMPARE_NEAR(energy::pjPerOp(MapperKind::Gpu, Datapath::Matrix, Precision::FP16, 7),
            300.0 / (108.0 * 2048 * 1410e6) * 1e12, 1e-9);
        COMPARE_NEAR(energy::pjPerOp(MapperKind::Cpu, Datapath::Vector, Precision::FP32, 7),
            262.5 / (56.0 * 64 * 2.0e9) * 1e12, 1e-9);
        // TPU v4: 144 W dynamic / 275e12 bf16 FLOP/s.
        COMPARE_NEAR(energy::pjPerOp(MapperKind::Systolic, Datapath::Matrix, Precision::BF16, 7),
            144.0 / 275e12 * 1e12, 1e-9);
        // An int8 operation moves its 1-byte operand and its 4-byte accumulator where fp16 moves 2 + 4: the delivery
        // term scales by 5/6. delivery(fp16) = 0.96195 − 0.36 = 0.60195 pJ → int8: 0.05 + 0.60195 × 5/6.
        const double fp16Delivery = 300.0 / (108.0 * 2048 * 1410e6) * 1e12 - 0.36;
        COMPARE_NEAR(energy::pjPerOp(MapperKind::Gpu, Datapath::Matrix, Precision::INT8, 7),
            0.05 + fp16Delivery * 5.0 / 6.0, 1e-9);
    }

    /// Rules E3 and E5 for memory, P2 for static power.
    void memoryAndStaticRules()
    {
        QCOMPARE(energy::offChipPjPerByte("HBM3"), 31.2);
        QCOMPARE(energy::offChipPjPerByte("GDDR6"), 60.0);
        QCOMPARE(energy::offChipPjPerByte("GDDR6X"), 58.0);
        QCOMPARE(energy::offChipPjPerByte("LPDDR5"), 162.5);
        QCOMPARE(energy::offChipPjPerByte("DDR5-4800"), 162.5);
        QCOMPARE(energy::offChipPjPerByte("MRAM"), 0.0); // no rule: the loader asks for a sourced figure
        // 32 KiB at 45 nm: Horowitz's 20 pJ per 64-bit access = 2.5 pJ/B; 128 KiB: √4 × 2.5 = 5 pJ/B.
        COMPARE_NEAR(energy::onChipPjPerByte(32 * 1024, 45), 2.5, 1e-12);
        COMPARE_NEAR(energy::onChipPjPerByte(128 * 1024, 45), 5.0, 1e-12);
        QCOMPARE(energy::staticWattsUnderLoad(700), 175.0);
    }

    /// Every GPU entry, running a large GEMM at its fastest tensor precision, draws within ±25% of its TDP: below it
    /// by at most a quarter when the GEMM does not reach the limit, at the limit when clocks drop. The rules are the
    /// same for every entry; only the A100 anchors them. A module's GPU (a Jetson's) shares the module's TDP with its
    /// CPUs, DLAs and memory: it may not exceed it, and is not expected to reach it alone.
    ///
    /// Known exception, kept in the list so that it is checked to still be one (a fix removes it):
    ///   nvidia-a2: GA107 on Samsung 8N. Rule E4 scales energy with the nominal node (8 nm), which understates a
    ///   node that is a 10 nm-class process; the model reaches 74.7% of the 60 W TDP at int4.
    void gpuPowerAtPeakNearTdp()
    {
        const std::map<std::string, const char*> exceptions { { "nvidia-a2", "nominal 8 nm node (Samsung 8N)" } };
        auto registry = HardwareRegistry::load({ std::string(GRAPHS_SOURCE_DIR) + "/registries" });
        QVERIFY2(registry, registry ? "" : registry.error().message.c_str());
        const std::string model = gemmModel(8192);
        int checked = 0;
        QStringList outside;
        for (const auto& spec : registry->entries()) {
            if (spec->category != HardwareCategory::Gpu)
                continue;
            const auto p = topTensorPrecision(*spec);
            if (!p)
                continue;
            EstimateOptions options;
            options.precision = *p;
            QString why;
            const auto r = estimateBytes(model, spec, options, why);
            QVERIFY2(r, qPrintable(why));
            const PowerEstimate& power = r->estimate.power;
            const double share = power.averageWatts / spec->tdpWatts;
            qInfo("%-40s %-5s %7.1f W of %5.0f W (%3.0f%%)%s", spec->id.c_str(), precisionName(*p).data(),
                power.averageWatts, spec->tdpWatts, share * 100, power.capped ? ", power-limited" : "");
            const bool module = !spec->module.empty();
            const bool inside = share <= 1.25 + 1e-9 && (module || share >= 0.75);
            if (exceptions.count(spec->id)) {
                if (inside)
                    outside << QString::fromStdString(spec->id) + QStringLiteral(" is listed as an exception but passes");
            } else if (!inside) {
                outside << QString::fromStdString(spec->id) + QStringLiteral(" (") + QString::number(share * 100, 'f', 1)
                        + QStringLiteral("% of TDP)");
            }
            ++checked;
        }
        QVERIFY(checked >= 20);
        QVERIFY2(outside.isEmpty(), qPrintable(outside.join(QStringLiteral(", "))));
    }

    /// A part whose modelled power exceeds its limit runs slower. A compute-bound GEMM on a synthetic part with no
    /// static power and no memory energy draws P(f) = (E/t)·f³ at clock share f (energy per operation ∝ f², time
    /// ∝ 1/f), so the limit L gives f = (L / P(1))^(1/3) and a latency t / f.
    void powerLimitSlowsTheClock()
    {
        auto spec = std::make_shared<HardwareSpec>();
        spec->id = "synthetic-hot-gpu";
        spec->category = HardwareCategory::Gpu;
        spec->mapper = MapperKind::Gpu;
        ComputeCluster sm;
        sm.name = "SM";
        sm.units = 1;
        sm.boostClockMhz = 1000;
        sm.matrixOpsPerClock = { { Precision::FP32, 1e6 } }; // 1e15 FLOP/s
        spec->clusters = { sm };
        MemoryLevel dram;
        dram.name = "DRAM";
        dram.capacityBytes = 1e12;
        dram.bandwidthBytesPerSecond = 1e15;
        dram.energyPjPerByte = 0;
        spec->memory = { dram };
        spec->energyPjPerOp = { { Precision::FP32, 1.0 } }; // 1 pJ/FLOP at 1e15 FLOP/s: 1000 W uncapped
        spec->tdpWatts = 125;
        spec->idleWatts = 0;
        spec->staticWatts = 0;
        spec->launchOverheadUs = 0;

        EstimateOptions options;
        options.priors.matrix = 1.0;
        options.priors.offChip = 1.0;
        QString why;
        options.powerLimit = false;
        const auto free = estimateBytes(gemmModel(4096), spec, options, why);
        QVERIFY2(free, qPrintable(why));
        options.powerLimit = true;
        const auto limited = estimateBytes(gemmModel(4096), spec, options, why);
        QVERIFY2(limited, qPrintable(why));

        // One SM, one tile after another: utilisation 1; 2·4096³ FLOP at 1e15/s; minus the two 600 ns memory round
        // trips every GPU kernel pays, the kernel is compute-bound and uncapped it draws 1 pJ × 1e15 /s = 1000 W.
        const double uncapped = free->estimate.power.averageWatts;
        QVERIFY2(uncapped > 900 && uncapped <= 1000.0 + 1e-6, qPrintable(QString::number(uncapped)));
        QVERIFY(!free->estimate.power.capped);
        const PowerEstimate& p = limited->estimate.power;
        QVERIFY(p.capped);
        COMPARE_NEAR(p.averageWatts, 125.0, 1e-6);
        // f³ = 125 / P(1) (the round-trip overhead draws nothing and does not scale, so P(1) is the uncapped average).
        const double computeSeconds = 2.0 * 4096 * 4096 * 4096 / 1e15;
        const double overhead = free->estimate.summary.latency.value / 1e3 - computeSeconds;
        // Solve (1000 · computeSeconds · f²) / (computeSeconds / f + overhead) = 125 for f, as the estimator does.
        double lo = 0.3, hi = 1.0;
        for (int i = 0; i < 100; ++i) {
            const double f = 0.5 * (lo + hi);
            const double watts = 1000.0 * computeSeconds * f * f / (computeSeconds / f + overhead);
            (watts > 125 ? hi : lo) = f;
        }
        COMPARE_NEAR(p.clockShare, lo, 1e-6);
        COMPARE_NEAR(limited->estimate.summary.latency.value / 1e3, computeSeconds / lo + overhead, 1e-6);
        QVERIFY(limited->estimate.summary.latency.value > 1.9 * free->estimate.summary.latency.value);
        QVERIFY(limited->estimate.summary.latency.source.find("power-limited to 125 W") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestEnergyRules)
#include "tst_energy_rules.moc"
