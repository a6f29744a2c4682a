// fp32 convolutions on TF32 matrix units (a runtime profile's `fp32_convolutions: tf32`, PyTorch's cuDNN default on
// NVIDIA Ampere and later): the estimator maps a convolution as the same subgraph at TF32, a matrix product stays at
// fp32, and hardware without a TF32 rate is unaffected. The calibration features scale a convolution's compute term by
// the ratio of the two peaks. Expectations follow from the mapper run by hand at each precision on a synthetic GPU.

#include "estimator_fixtures.h"

#include "calibration/latency_features.h"
#include "estimation/analysis_pipeline.h"
#include "transform/fusion_rules.h"

using namespace estimatortest;

namespace {

/// An Ampere-like GPU: fp32 on the vector units only (128 FLOP/clock per SM), TF32 on the tensor cores (512).
std::shared_ptr<HardwareSpec> ampereLike()
{
    auto spec = syntheticGpu(16);
    spec->clusters[0].matrixOpsPerClock = { { Precision::TF32, 512 } };
    return spec;
}

} // namespace

class TestTf32Convolutions : public QObject
{
    Q_OBJECT

private slots:
    void runtimeProfileKey_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<bool>("tf32");
        QTest::addColumn<QString>("error");
        QTest::newRow("absent") << QString() << false << QString();
        QTest::newRow("tf32") << u"fp32_convolutions: tf32\n"_qs << true << QString();
        QTest::newRow("fp32") << u"fp32_convolutions: fp32\n"_qs << false << QString();
        QTest::newRow("other") << u"fp32_convolutions: fp16\n"_qs << false << u"fp32_convolutions"_qs;
    }

    void runtimeProfileKey()
    {
        QFETCH(QString, line);
        QFETCH(bool, tf32);
        QFETCH(QString, error);
        auto rules = parseFusionRules(kEagerRules + line.toStdString(), "eager.yaml");
        if (!error.isEmpty()) {
            QVERIFY(!rules);
            const QString message = QString::fromStdString(rules.error().toString());
            QVERIFY2(message.contains(error) && message.contains(u"eager.yaml"_qs), qPrintable(message));
            return;
        }
        QVERIFY2(rules, rules ? "" : rules.error().toString().c_str());
        QCOMPARE(rules->tf32Convolutions, tf32);
        FusionRules withFlag = *rules;
        QCOMPARE(runtimeOptions(withFlag, *ampereLike()).tf32Convolutions, tf32);
    }

    /// The bundled PyTorch profile says what PyTorch does by default.
    void pytorchProfileUsesTf32ForConvolutions()
    {
        auto rules = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "pytorch");
        QVERIFY2(rules, rules ? "" : rules.error().toString().c_str());
        QVERIFY(rules->tf32Convolutions);
    }

    /// The convolution is mapped exactly as the mapper maps it at TF32: compute seconds and datapath.
    void convolutionRunsAtTf32()
    {
        QString why;
        const auto spec = ampereLike();
        EstimateOptions fp32 = options(Precision::FP32);
        EstimateOptions tf32 = fp32;
        tf32.tf32Convolutions = true;
        auto plain = estimate(bytes(conv3x3()), spec, fp32, why);
        QVERIFY2(plain, qPrintable(why));
        auto fast = estimate(bytes(conv3x3()), spec, tf32, why);
        QVERIFY2(fast, qPrintable(why));
        const Subgraph& s = fast->partition.subgraphs.at(0);
        QCOMPARE(mathPrecision(s, *spec, tf32), Precision::TF32);
        QCOMPARE(mathPrecision(s, *spec, fp32), Precision::FP32);
        const auto mapper = makeMapper(spec->mapper, tf32.priors);
        const MappedSubgraph byHandTf32 = mapper->map(s, *spec, Precision::TF32);
        const MappedSubgraph byHandFp32 = mapper->map(s, *spec, Precision::FP32);
        COMPARE_REL(fast->estimate.subgraphs.at(0).mapped.computeSeconds, byHandTf32.computeSeconds);
        COMPARE_REL(plain->estimate.subgraphs.at(0).mapped.computeSeconds, byHandFp32.computeSeconds);
        QCOMPARE(QString::fromStdString(fast->estimate.subgraphs.at(0).mapped.datapath), u"matrix"_qs);
        // 4× the FLOP rate on the tensor cores than on the vector units: the conv's compute time falls.
        QVERIFY(byHandTf32.computeSeconds < byHandFp32.computeSeconds);
        // The bytes stay fp32: TF32 operands are stored as fp32.
        COMPARE_REL(fast->estimate.subgraphs.at(0).mapped.bytesMoved, plain->estimate.subgraphs.at(0).mapped.bytesMoved);
    }

    /// A matrix product stays at fp32 (PyTorch keeps matmul.allow_tf32 off), and so does anything at fp16.
    void matrixProductAndOtherPrecisionsStay()
    {
        QString why;
        const auto spec = ampereLike();
        EstimateOptions tf32 = options(Precision::FP32);
        tf32.tf32Convolutions = true;
        auto mm = estimate(bytes(matMul(256, 512, 256, true)), spec, tf32, why);
        QVERIFY2(mm, qPrintable(why));
        QCOMPARE(mathPrecision(mm->partition.subgraphs.at(0), *spec, tf32), Precision::FP32);
        auto c = estimate(bytes(conv3x3()), spec, tf32, why);
        QVERIFY2(c, qPrintable(why));
        EstimateOptions half = tf32;
        half.precision = Precision::FP16;
        QCOMPARE(mathPrecision(c->partition.subgraphs.at(0), *spec, half), Precision::FP16);
    }

    /// Hardware without a TF32 matrix rate (a CPU, a pre-Ampere GPU) runs the convolution at fp32.
    void noTf32RateNoChange()
    {
        QString why;
        const auto spec = syntheticGpu(16);
        EstimateOptions tf32 = options(Precision::FP32);
        tf32.tf32Convolutions = true;
        auto c = estimate(bytes(conv3x3()), spec, tf32, why);
        QVERIFY2(c, qPrintable(why));
        QCOMPARE(mathPrecision(c->partition.subgraphs.at(0), *spec, tf32), Precision::FP32);
        QCOMPARE(tf32ConvolutionShare("conv-standard", *spec, Precision::FP32, true), 1.0);
    }

    /// The calibration features: a GEMM-shaped convolution's compute term at the fp32 roof is scaled by
    /// fp32 peak / TF32 peak = (16 × 128 × 1 GHz) / (16 × 512 × 1 GHz) = 0.25; nothing else is.
    void featureShare()
    {
        const auto spec = ampereLike();
        QCOMPARE(tf32ConvolutionShare("conv-standard", *spec, Precision::FP32, true), 0.25);
        QCOMPARE(tf32ConvolutionShare("conv-pointwise", *spec, Precision::FP32, true), 0.25);
        QCOMPARE(tf32ConvolutionShare("conv-depthwise", *spec, Precision::FP32, true), 1.0); // vector units
        QCOMPARE(tf32ConvolutionShare("matrix", *spec, Precision::FP32, true), 1.0);
        QCOMPARE(tf32ConvolutionShare("conv-standard", *spec, Precision::FP16, true), 1.0);
        QCOMPARE(tf32ConvolutionShare("conv-standard", *spec, Precision::FP32, false), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestTf32Convolutions)
#include "tst_tf32_convolutions.moc"
