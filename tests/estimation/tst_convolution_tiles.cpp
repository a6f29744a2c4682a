// Convolution tiles on a GPU (a runtime profile's `convolution_tiles: fixed`, what PyTorch eager gets from cuDNN's
// heuristics): the convolution runs the architecture family's largest tile without split-K, so a small convolution
// leaves SMs idle; a matrix product keeps the tile a tuner picks. The calibration features take a GPU kernel's compute
// at the datapath the mapper uses, over its utilisation. Expectations are worked out by hand below.

#include "estimator_fixtures.h"

#include "calibration/latency_features.h"
#include "calibration/roofline_fit.h"
#include "estimation/analysis_pipeline.h"
#include "transform/fusion_rules.h"

using namespace estimatortest;

namespace {

/// conv3x3() (estimator_fixtures.h): 784 × 128 × 576 as a GEMM.
constexpr double kConvFlops = 2.0 * 784 * 128 * 576;

/// The largest Ampere tile is 256 × 128 (docs/hardware/mappers.md). Rows: ⌈784 / 256⌉ = 4 tiles, padded to 1024
/// (784 / 1024 = 0.765625 useful); columns: one tile, full. K = 576 is a whole number of 16-element fp32 steps.
/// 4 blocks on 16 SMs: one wave, 4 / 16 = 0.25 full. The tile's reuse (256 · 128 / 384 = 85) feeds the tensor cores
/// fully. Utilisation 0.765625 × 0.25 = 0.19140625.
constexpr double kFixedUtilisation = 0.765625 * 0.25;

} // namespace

class TestConvolutionTiles : public QObject
{
    Q_OBJECT

private slots:
    void runtimeProfileKey_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("fixed");
        QTest::addColumn<QString>("error");
        QTest::newRow("absent") << QString() << false << QString();
        QTest::newRow("fixed") << u"convolution_tiles: fixed\n"_qs << true << QString();
        QTest::newRow("tuned") << u"convolution_tiles: tuned\n"_qs << false << QString();
        QTest::newRow("other") << u"convolution_tiles: largest\n"_qs << false << u"convolution_tiles"_qs;
    }

    void runtimeProfileKey()
    {
        QFETCH(QString, line);
        QFETCH(bool, fixed);
        QFETCH(QString, error);
        auto rules = parseFusionRules(kEagerRules + line.toStdString(), "eager.yaml");
        if (!error.isEmpty()) {
            QVERIFY(!rules);
            const QString message = QString::fromStdString(rules.error().toString());
            QVERIFY2(message.contains(error) && message.contains(u"eager.yaml"_qs) && message.contains(u"largest"_qs),
                qPrintable(message));
            return;
        }
        QVERIFY2(rules, rules ? "" : rules.error().toString().c_str());
        QCOMPARE(rules->fixedConvolutionTiles, fixed);
        QCOMPARE(runtimeOptions(*rules, *syntheticGpu(16)).priors.fixedConvolutionTiles, fixed);
    }

    /// The bundled PyTorch profile says its convolutions run fixed tiles; ONNX Runtime's and TensorRT's do not.
    void bundledProfiles()
    {
        for (const char* id : { "pytorch", "onnxruntime", "tensorrt" }) {
            auto rules = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, id);
            QVERIFY2(rules, rules ? "" : rules.error().toString().c_str());
            QCOMPARE(rules->fixedConvolutionTiles, std::string(id) == "pytorch");
        }
    }

    /// The mapper with fixed tiles: utilisation, active SMs and compute time as worked out above; a tuner's tile
    /// (the default) does better on the same convolution.
    void fixedTileOnASmallConvolution()
    {
        QString why;
        const auto spec = syntheticGpu(16);
        auto e = estimate(bytes(conv3x3()), spec, options(), why);
        QVERIFY2(e, qPrintable(why));
        const Subgraph& s = e->partition.subgraphs.at(0);
        EfficiencyPriors fixedPriors = unitPriors();
        fixedPriors.fixedConvolutionTiles = true;
        const MappedSubgraph fixed = makeMapper(MapperKind::Gpu, fixedPriors)->map(s, *spec, Precision::FP32);
        const MappedSubgraph tuned = makeMapper(MapperKind::Gpu, unitPriors())->map(s, *spec, Precision::FP32);
        COMPARE_REL(fixed.utilisation, kFixedUtilisation);
        COMPARE_REL(fixed.activeShare, 0.25);
        // Matrix peak 16 SMs × 1024 FLOP/clock × 1 GHz = 1.6384e13 FLOP/s.
        COMPARE_REL(fixed.computeSeconds, kConvFlops / (1.6384e13 * kFixedUtilisation));
        COMPARE_REL(fixed.executedMatrixFlops, kConvFlops / 0.765625);
        // The tuner's best: 128×64 or 64×128 (equal here), e.g. 64×128: ⌈784 / 64⌉ = 13 row tiles (784 / 832 useful),
        // 13 blocks on 16 SMs (0.8125 full), tile efficiency √((64 · 128 / 192) / 64) = 0.8165: 0.625. No split-K:
        // ⌊576 / 512⌋ = 1 slice.
        COMPARE_REL(tuned.utilisation, (784.0 / 832) * (13.0 / 16) * std::sqrt((64.0 * 128 / 192) / 64));
        // The estimator passes the runtime's choice to the mapper.
        EstimateOptions o = options();
        o.priors.fixedConvolutionTiles = true;
        auto viaEstimator = estimate(bytes(conv3x3()), spec, o, why);
        QVERIFY2(viaEstimator, qPrintable(why));
        COMPARE_REL(viaEstimator->estimate.subgraphs.at(0).mapped.utilisation, kFixedUtilisation);
    }

    /// A matrix product is not a convolution: it keeps the tuner's tile under the same setting.
    void matrixProductKeepsTheTunedTile()
    {
        QString why;
        const auto spec = syntheticGpu(16);
        auto e = estimate(bytes(matMul(784, 576, 128, true)), spec, options(), why);
        QVERIFY2(e, qPrintable(why));
        const Subgraph& s = e->partition.subgraphs.at(0);
        EfficiencyPriors fixedPriors = unitPriors();
        fixedPriors.fixedConvolutionTiles = true;
        const MappedSubgraph a = makeMapper(MapperKind::Gpu, fixedPriors)->map(s, *spec, Precision::FP32);
        const MappedSubgraph b = makeMapper(MapperKind::Gpu, unitPriors())->map(s, *spec, Precision::FP32);
        QCOMPARE(a.utilisation, b.utilisation);
        QCOMPARE(a.computeSeconds, b.computeSeconds);
    }

    /// The calibration features on a GPU: a GEMM-shaped kernel's compute term is its FLOPs at the roof of the datapath
    /// the mapper runs it on, over the mapper's utilisation (the convolution: 1.6384e13 FLOP/s × 0.19140625); on a CPU
    /// the term stays FLOPs over the peak.
    void featureStretchedByUtilisation()
    {
        QString why;
        const auto spec = syntheticGpu(16);
        EstimateOptions o = options();
        o.priors.fixedConvolutionTiles = true;
        auto e = estimate(bytes(conv3x3()), spec, o, why);
        QVERIFY2(e, qPrintable(why));
        const RooflineFit roofs = specRoofline(*spec, Precision::FP32);
        const LatencyFeatures f = latencyFeatures(e->analysis, e->partition, e->estimate, roofs);
        QCOMPARE(f.subgraphs.size(), size_t(1));
        COMPARE_REL(f.subgraphs[0].terms.at("conv-standard:compute"), kConvFlops / (1.6384e13 * kFixedUtilisation));

        // A tiled matrix product (the tuner's tile, as in fixedTileOnASmallConvolution: 0.625) and a batch-1 linear
        // layer, which the mapper runs as a GEMV on the vector units (16 SMs × 128 FLOP/clock × 1 GHz = 2.048e12
        // FLOP/s) filling 1 × 1024 outputs / (16 SMs × 128) = 0.5 of them.
        auto tiled = estimate(bytes(matMul(784, 576, 128, true)), spec, o, why);
        QVERIFY2(tiled, qPrintable(why));
        const LatencyFeatures t = latencyFeatures(tiled->analysis, tiled->partition, tiled->estimate, roofs);
        COMPARE_REL(tiled->estimate.subgraphs.at(0).mapped.utilisation,
            (784.0 / 832) * (13.0 / 16) * std::sqrt((64.0 * 128 / 192) / 64));
        COMPARE_REL(t.subgraphs.at(0).terms.at("matrix:compute"),
            kConvFlops / (1.6384e13 * tiled->estimate.subgraphs.at(0).mapped.utilisation));
        auto linear = estimate(bytes(matMul(1, 512, 1024, true)), spec, o, why);
        QVERIFY2(linear, qPrintable(why));
        QCOMPARE(QString::fromStdString(linear->estimate.subgraphs.at(0).mapped.datapath), u"vector"_qs);
        const LatencyFeatures l = latencyFeatures(linear->analysis, linear->partition, linear->estimate, roofs);
        COMPARE_REL(l.subgraphs.at(0).terms.at("matrix:compute"), 2.0 * 512 * 1024 / (2.048e12 * 0.5));

        // A convolution with 16 output channels is skinny too: 784 × 16 × 64 on the fixed 256×128 tile would use
        // 784/1024 × 16/128 of 4 tiles on 16 SMs (0.024), as a GEMV it fills min(1, 784 × 16 / (16 × 128)) = 1 of
        // the CUDA cores: the term is its FLOPs (2 × 784 × 16 × 64) at the vector roof, not at the tensor cores'.
        OnnxModelBuilder narrow;
        narrow.input("x", { 1, 64, 28, 28 }).weight("W", { 16, 64, 1, 1 });
        narrow.node("Conv", { "x", "W" }, { "y" }, {}, "conv");
        narrow.output("y");
        auto n = estimate(bytes(narrow), spec, o, why);
        QVERIFY2(n, qPrintable(why));
        QCOMPARE(QString::fromStdString(n->estimate.subgraphs.at(0).mapped.datapath), u"vector"_qs);
        const LatencyFeatures nf = latencyFeatures(n->analysis, n->partition, n->estimate, roofs);
        COMPARE_REL(nf.subgraphs.at(0).terms.at("conv-pointwise:compute"), 2.0 * 784 * 16 * 64 / 2.048e12);

        // A CPU whose mapper leaves cores idle (1024 cores for 28 × 28 outputs): the term stays FLOPs over the peak.
        auto cpu = syntheticCpu();
        cpu->clusters[0].units = 1024;
        auto c = estimate(bytes(conv3x3()), cpu, options(), why);
        QVERIFY2(c, qPrintable(why));
        QVERIFY2(c->estimate.subgraphs.at(0).mapped.utilisation < 1,
            qPrintable(QString::number(c->estimate.subgraphs.at(0).mapped.utilisation)));
        const RooflineFit cpuRoofs = specRoofline(*cpu, Precision::FP32);
        const LatencyFeatures g = latencyFeatures(c->analysis, c->partition, c->estimate, cpuRoofs);
        COMPARE_REL(g.subgraphs.at(0).terms.at("conv-standard:compute"), kConvFlops / cpuRoofs.matrixPeak);
    }
};

QTEST_GUILESS_MAIN(TestConvolutionTiles)
#include "tst_convolution_tiles.moc"
