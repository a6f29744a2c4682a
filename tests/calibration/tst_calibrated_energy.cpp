// Energy calibration: measurements with energy readings give a fitted E = e_flop·FLOPs + e_byte·bytes + P·t that
// buildCalibration keeps with a held-out bound, and applyCalibration turns a model's energy into CALIBRATED figures
// computed from it — while its latency stays as estimated when no whole model was measured.

#include "benchmarks/results_registry.h"
#include "calibration/calibrated_estimate.h"
#include "calibration/calibration_profile.h"
#include "estimation/analysis_pipeline.h"
#include "hardware/hardware_registry.h"

#include <QtTest>

#include <cmath>

using namespace graphs;

namespace {

const char* kHardware = "intel-core-i7-12700k";
constexpr double kPerFlop = 5e-12;  // 5 pJ/FLOP
constexpr double kPerByte = 40e-12; // 40 pJ/byte
constexpr double kWatts = 12;

bool near(double a, double b, double relative)
{
    return std::abs(a - b) <= relative * std::max(std::abs(a), std::abs(b));
}

} // namespace

class TestCalibratedEnergy : public QObject
{
    Q_OBJECT

    std::shared_ptr<const HardwareSpec> m_spec;
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        auto registry = HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
        QVERIFY(registry);
        m_spec = registry->find(kHardware);
        QVERIFY(m_spec);
    }

    void buildCalibrationFitsEnergyRows()
    {
        const std::string registry = m_dir.filePath(u"registry"_qs).toStdString();
        auto file = ResultsFile::open(registry, kHardware, "pytorch", "energy", {});
        QVERIFY(file);
        // Imported operators of two families whose energy follows the law exactly; a third without a reading.
        for (int i = 0; i < 12; ++i) {
            MeasurementRecord r;
            r.date = "2026-01-01T00:00:00Z";
            r.kind = MeasurementKind::Operator;
            r.runtime = "pytorch";
            r.source = "bench.csv";
            r.samples = 11;
            r.benchmark = (i % 2 ? "matmul/" : "vector_add/") + std::to_string(i);
            r.detail = i % 2 ? "matmul" : "vector_add";
            r.flops = 1e6 * (1 + i * 7 % 11);
            r.bytes = 1e5 * (1 + i * 5 % 9);
            r.minMs = r.medianMs = r.meanMs = 0.01 * (1 + i % 4);
            r.energyJ = kPerFlop * r.flops + kPerByte * r.bytes + kWatts * r.medianMs / 1e3;
            QVERIFY(file->append(r));
        }
        CalibrationProfile profile;
        profile.hardware = kHardware;
        profile.runtime = "pytorch";
        profile.measurements = { "benchmarks/" + std::string(kHardware) + "/pytorch/energy.csv" };
        auto fusion = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "pytorch");
        QVERIFY(fusion);
        auto c = buildCalibration(profile, m_spec, *fusion, registry);
        QVERIFY2(c, c ? "" : c.error().message.c_str());
        QVERIFY(c->energy);
        QVERIFY2(near(c->energy->joulesPerFlop, kPerFlop, 1e-6), std::to_string(c->energy->joulesPerFlop).c_str());
        QVERIFY(near(c->energy->joulesPerByte, kPerByte, 1e-6));
        QVERIFY(near(c->energy->staticWatts, kWatts, 1e-6));
        QCOMPARE(c->energyBoundPct, 3.0); // exact data: the held-out errors vanish, the bound keeps its floor
        QVERIFY(!c->hasLatency());        // operators only: no model was measured, no latency bound
    }

    void applyCalibrationReplacesEnergyOnly_data()
    {
        QTest::addColumn<bool>("latency");
        QTest::newRow("energy only") << false;
        QTest::newRow("latency and energy") << true;
    }

    void applyCalibrationReplacesEnergyOnly()
    {
        QFETCH(bool, latency);
        auto fusion = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "pytorch");
        QVERIFY(fusion);
        AnalysisRequest request;
        request.modelPath = GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx";
        request.hardware = m_spec;
        request.fusion = *fusion;
        auto outcome = runAnalysis(request);
        QVERIFY(outcome);
        ModelEstimate& estimate = *outcome->estimate;
        const EstimationResult before = estimate.summary.latency;

        Calibration c;
        c.profile.hardware = kHardware;
        c.profile.runtime = "pytorch";
        c.roofs = specRoofline(*m_spec, Precision::FP32);
        EnergyFit fit;
        fit.joulesPerFlop = kPerFlop;
        fit.joulesPerByte = kPerByte;
        fit.staticWatts = kWatts;
        c.energy = fit;
        c.energyBoundPct = 9;
        if (latency) {
            c.groupErrors["a measured model"] = 0.1;
            c.errorBoundPct = 20;
            c.model.coefficients["run:io"] = 1e-9; // 1 ns per byte of inputs and outputs on top of the kernels
        }
        graphs::applyCalibration(*outcome->analysis, *outcome->partition, estimate, c);

        const EstimationResult& l = estimate.summary.latency;
        if (latency) {
            QVERIFY(l.confidence != Confidence::Theoretical);
            QVERIFY(l.value > before.value); // the call's own copy time is added
        } else {
            QCOMPARE(l.confidence, Confidence::Theoretical);
            QCOMPARE(l.value, before.value);
        }
        // Expected energy from the work the partition counts and the latencies now in the estimate.
        double flops = 0, bytes = 0, kernelSeconds = 0;
        for (size_t i = 0; i < estimate.subgraphs.size(); ++i) {
            flops += static_cast<double>(outcome->partition->subgraphs[i].flops.total());
            bytes += estimate.subgraphs[i].mapped.bytesMoved;
            kernelSeconds += estimate.subgraphs[i].latency.value / 1e3;
        }
        const double seconds = std::max(kernelSeconds, l.value / 1e3);
        const EnergyEstimate& e = estimate.energy;
        QVERIFY(near(e.compute.value, kPerFlop * flops * 1e3, 1e-9));
        QVERIFY(near(e.memory.value, kPerByte * bytes * 1e3, 1e-9));
        QVERIFY(near(e.staticPart.value, kWatts * seconds * 1e3, 1e-9));
        QVERIFY(near(e.total.value, e.compute.value + e.memory.value + e.staticPart.value, 1e-12));
        QCOMPARE(estimate.summary.energy.value, e.total.value);
        for (const EstimationResult* r : { &e.compute, &e.memory, &e.staticPart, &e.total }) {
            QCOMPARE(r->confidence, Confidence::Calibrated);
            QCOMPARE(r->errorBoundPct, 9.0);
        }
        double levels = 0;
        for (double j : e.memoryByLevelJoules)
            levels += j;
        QVERIFY(near(levels * 1e3, e.memory.value, 1e-9));
    }
};

QTEST_GUILESS_MAIN(TestCalibratedEnergy)
#include "tst_calibrated_energy.moc"
