// The native executor against naive references (tests/native/reference_ops): one small generated model per
// operator variant, run through the whole executor (loading, planning, folding, fusion, memory reuse).
//
// Tolerance: max |native − reference| ≤ 1e-4 · max(1, max |reference|). The reference accumulates in double, the
// executor in float32 with another summation order; on these sizes (sums of at most a few hundred terms of
// magnitude ≤ 1) float32 rounding stays below 1e-5, while an indexing or broadcasting bug is off by O(1).

#include "kernel_cases.h"
#include "native/native_executor.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <cstring>

using namespace graphs;
using namespace graphs::testing;

class TestNativeKernels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesReference_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("threads");
        const auto& cases = kernelCases();
        for (int t : { 1, 2 }) {
            for (size_t i = 0; i < cases.size(); ++i) {
                const std::string tag = cases[i].name + ", " + std::to_string(t) + " thread" + (t > 1 ? "s" : "");
                QTest::newRow(tag.c_str()) << int(i) << t;
            }
        }
    }

    void matchesReference()
    {
        QFETCH(int, index);
        QFETCH(int, threads);
        const KernelCase& c = kernelCases()[static_cast<size_t>(index)];
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("case.onnx")).toStdString();
        QVERIFY(buildCaseModel(c).save(path));

        native::ExecutorOptions options;
        options.threads = threads;
        auto exec = native::Executor::load(path, options);
        QVERIFY2(exec.ok(), exec.ok() ? "" : exec.error().toString().c_str());
        auto& e = **exec;
        QCOMPARE(e.inputs().size(), c.inputs.size());
        for (size_t i = 0; i < c.inputs.size(); ++i) {
            const RefTensor& v = c.inputs[i].value;
            QCOMPARE(e.inputs()[i].shape, v.shape);
            for (size_t k = 0; k < v.data.size(); ++k) {
                if (c.inputs[i].int64)
                    static_cast<int64_t*>(e.inputData(i))[k] = static_cast<int64_t>(v.data[k]);
                else
                    static_cast<float*>(e.inputData(i))[k] = static_cast<float>(v.data[k]);
            }
        }
        // Twice: the second run must see the same buffers in the same state (no stale accumulation).
        for (int run = 0; run < 2; ++run) {
            auto status = e.run();
            QVERIFY2(status.ok(), status.ok() ? "" : status.error().toString().c_str());
        }
        QCOMPARE(e.outputs().size(), size_t(1));
        QCOMPARE(e.outputs()[0].shape, c.expected.shape);
        const auto* y = static_cast<const float*>(e.outputData(0));
        double maxRef = 1.0, maxDiff = 0.0;
        size_t worst = 0;
        for (size_t k = 0; k < c.expected.data.size(); ++k) {
            maxRef = std::max(maxRef, std::fabs(c.expected.data[k]));
            const double d = std::fabs(y[k] - c.expected.data[k]);
            if (!(d <= maxDiff)) { // NaN counts as a failure too
                maxDiff = std::isnan(d) ? INFINITY : d;
                worst = k;
            }
        }
        const std::string detail = "element " + std::to_string(worst) + ": native " + std::to_string(y[worst])
            + ", reference " + std::to_string(c.expected.data[worst]);
        QVERIFY2(maxDiff <= 1e-4 * maxRef, detail.c_str());
    }

    void planFoldsFusesAndElides_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("steps");
        QTest::newRow("batchnorm folded, relu fused") << QStringLiteral("conv + batchnorm + relu (folded)") << 1;
        QTest::newRow("residual add and relu fused") << QStringLiteral("conv + residual add + relu (fused)") << 1;
        QTest::newRow("clip fused") << QStringLiteral("conv + clip 0..6 (fused)") << 1;
        QTest::newRow("gemm relu fused") << QStringLiteral("gemm + relu, parallel columns") << 1;
        QTest::newRow("matmul bias and relu fused") << QStringLiteral("matmul + bias add + relu (fused)") << 1;
        QTest::newRow("concat written in place") << QStringLiteral("concat of conv outputs (written in place)") << 2;
        QTest::newRow("concat copied") << QStringLiteral("concat of a tensor read twice (copied)") << 3;
        QTest::newRow("slice view") << QStringLiteral("channel slice as a view") << 2;
        QTest::newRow("shape arithmetic folded")
            << QStringLiteral("shape subgraph folded (Shape, Gather, Unsqueeze, Concat, Reshape)") << 1;
    }

    void planFoldsFusesAndElides()
    {
        QFETCH(QString, name);
        QFETCH(int, steps);
        const auto& cases = kernelCases();
        auto it = std::find_if(
            cases.begin(), cases.end(), [&](const KernelCase& c) { return c.name == name.toStdString(); });
        QVERIFY(it != cases.end());
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("case.onnx")).toStdString();
        QVERIFY(buildCaseModel(*it).save(path));
        auto exec = native::Executor::load(path, {});
        QVERIFY(exec.ok());
        QCOMPARE(int((*exec)->stepCount()), steps);
    }

    void profileNamesSteps()
    {
        // A conv with a fused Relu is one step; the profile names the node and counts the runs.
        const KernelCase& c = kernelCases()[0];
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("case.onnx")).toStdString();
        QVERIFY(buildCaseModel(c).save(path));
        auto exec = native::Executor::load(path, {});
        QVERIFY(exec.ok());
        QVERIFY((*exec)->run(true).ok());
        QVERIFY((*exec)->run(true).ok());
        const auto profile = (*exec)->profile();
        QCOMPARE(profile.size(), size_t(1));
        QCOMPARE(profile[0].name, std::string("conv_node"));
        QCOMPARE(profile[0].opType, std::string("Conv"));
        QCOMPARE(profile[0].runs, 2);
        QVERIFY(profile[0].totalMs > 0);
    }
};

QTEST_GUILESS_MAIN(TestNativeKernels)
#include "tst_native_kernels.moc"
