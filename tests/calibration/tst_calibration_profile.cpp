// Calibration around the latency model: the roofs fitted from microbenchmark rows (and the specification where
// none were measured), the profile YAML and its errors, a calibration built end to end from a results file of
// imported measurements that follow a known law, the classes of imported rows, and a calibration applied to a
// real estimate.

#include "calibration/calibrated_estimate.h"
#include "calibration/calibration_profile.h"
#include "calibration/training_data.h"
#include "estimation/analysis_pipeline.h"
#include "hardware/hardware_registry.h"
#include "test_files.h"

#include <QtTest>

#include <algorithm>
#include <array>
#include <cmath>

using namespace graphs;
using graphs::testing::writeTestFile;

namespace {

const std::string kHardware = "intel-core-i7-12700k";

/// The bundled registry's entry these tests calibrate; null with `error` set when it cannot be loaded.
std::shared_ptr<const HardwareSpec> bundledSpec(std::string& error)
{
    auto registry = HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
    if (!registry) {
        error = registry.error().toString();
        return nullptr;
    }
    auto spec = registry->find(kHardware);
    if (!spec)
        error = "the bundled registry (registries/) has no entry " + kHardware;
    return spec;
}

MeasurementRecord row(const std::string& kind, const std::string& benchmark, double ms, double flops = -1,
    double bytes = -1, int threads = 2)
{
    MeasurementRecord r;
    r.date = "2026-01-01T00:00:00Z";
    r.benchmark = benchmark;
    r.kind = parseMeasurementKind(kind).value();
    r.runtime = "pytorch";
    r.threads = threads;
    r.samples = 10;
    r.minMs = r.medianMs = r.meanMs = ms;
    r.flops = flops;
    r.bytes = bytes;
    return r;
}

MeasurementRecord triad(double workingSet, double bytes, double ms, int threads = 2)
{
    MeasurementRecord r
        = row("roof", "triad/" + std::to_string(static_cast<int64_t>(workingSet)), ms, -1, bytes, threads);
    r.shape = "working_set=" + std::to_string(static_cast<int64_t>(workingSet));
    return r;
}

/// FMA at 1 and 2 threads (only 2 counts: 2e12 FLOP/s), fp16 FMA (another precision), a GEMM at 1.6e12 FLOP/s and
/// a triad sweep of 5e11, 2e11 and 5e10 B/s at 16 KiB, 1 MiB and 256 MiB (a faster 1-thread point is ignored).
std::vector<MeasurementRecord> roofRows()
{
    return {
        row("roof", "fma/fp32/avx512", 1, 4e9, -1, 1),
        row("roof", "fma/fp32/avx512", 1, 2e9),
        row("roof", "fma/fp32/avx2", 1, 1.5e9),
        row("roof", "fma/fp16/avx512", 1, 8e9),
        row("roof", "sgemm/1024", 2, 3.2e9),
        triad(16384, 1e6, 0.002),
        triad(1048576, 1e8, 0.5),
        triad(268435456, 1e9, 20),
        triad(4194304, 1e9, 0.1, 1),
    };
}

bool near(double value, double expected, double relative)
{
    return std::abs(value - expected) <= relative * std::abs(expected);
}

/// The law the imported measurements follow, per class: scales of the compute and memory roofs and seconds per node,
/// against roofs of 1e12 FLOP/s (vector), 2e12 (matrix, for "matrix" only) and 1e11 B/s.
const std::map<std::string, std::array<double, 3>> kLaw = { { "conv-standard", { 2.0, 1.5, 5e-6 } },
    { "matrix", { 1.25, 0.75, 8e-6 } }, { "elementwise", { 1.0, 1.2, 2e-6 } }, { "pooling", { 1.0, 0.9, 4e-6 } } };

double lawSeconds(const std::string& cls, double flops, double bytes, double nodes)
{
    const auto& [compute, memory, perNode] = kLaw.at(cls);
    // GEMM-shaped classes (matrix, standard convolutions) are held to the GEMM roof, the rest to the FMA roof.
    const bool gemm = cls == "matrix" || cls == "conv-standard";
    return compute * flops / (gemm ? 2e12 : 1e12) + memory * bytes / 1e11 + perNode * nodes;
}

double coefficientFor(const std::string& key)
{
    static const std::map<std::string, double> bySuffix = { { "compute", 1.3 }, { "memory", 0.7 }, { "kernels", 4e-6 },
        { "outputs", 1e-9 }, { "inputs", 2e-10 }, { "weights", 3e-10 }, { "io", 5e-10 } };
    return bySuffix.at(key.substr(key.find(':') + 1));
}

/// Σ coefficient · term, by hand.
double handSeconds(const FeatureVector& terms)
{
    double t = 0;
    for (const auto& [key, value] : terms)
        t += coefficientFor(key) * value;
    return t;
}

} // namespace

class TestCalibrationProfile : public QObject
{
    Q_OBJECT

    std::shared_ptr<const HardwareSpec> m_spec;
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        std::string error;
        m_spec = bundledSpec(error);
        QVERIFY2(m_spec, error.c_str());
    }

    void rooflineFromMeasuredRows()
    {
        const RooflineFit fit = fitRoofline(roofRows(), *m_spec, Precision::FP32);
        QVERIFY(fit.measuredCompute && fit.measuredBandwidth);
        QCOMPARE(fit.vectorPeak, 2e12); // 2e9 FLOPs in 1 ms at 2 threads; not the 1-thread 4e12, not fp16
        QCOMPARE(fit.matrixPeak, 1.6e12); // 3.2e9 in 2 ms
        QCOMPARE(fit.bandwidth.size(), size_t(3));
        QCOMPARE(fit.bandwidth[0].workingSetBytes, 16384.0);
        QCOMPARE(fit.bandwidth[0].bytesPerSecond, 5e11);
        QCOMPARE(fit.bandwidth[1].bytesPerSecond, 2e11);
        QCOMPARE(fit.bandwidth[2].workingSetBytes, 268435456.0);
        QCOMPARE(fit.bandwidth[2].bytesPerSecond, 5e10);
        QVERIFY2(
            QString::fromStdString(fit.source).startsWith(u"measured: fma/fp32/* at 2 threads"_qs), fit.source.c_str());
    }

    void bandwidthInterpolation_data()
    {
        QTest::addColumn<double>("workingSet");
        QTest::addColumn<double>("expected");
        QTest::newRow("below the curve: clamped") << 1024.0 << 5e11;
        QTest::newRow("first point") << 16384.0 << 5e11;
        // 128 KiB lies half-way from 16 KiB to 1 MiB in log size (×8 of ×64): half-way in bandwidth.
        QTest::newRow("log mid-point 16 KiB–1 MiB") << 131072.0 << 3.5e11;
        QTest::newRow("log mid-point 1–256 MiB") << 16777216.0 << 1.25e11;
        // 2 MiB: ln 2 / ln 256 = 1/8 of the way from 1 MiB to 256 MiB: 2e11 − 1.5e11 / 8.
        QTest::newRow("an eighth of the way") << 2097152.0 << 1.8125e11;
        QTest::newRow("last point") << 268435456.0 << 5e10;
        QTest::newRow("above the curve: clamped") << 1e12 << 5e10;
    }

    void bandwidthInterpolation()
    {
        QFETCH(double, workingSet);
        QFETCH(double, expected);
        const RooflineFit fit = fitRoofline(roofRows(), *m_spec, Precision::FP32);
        QVERIFY2(
            near(fit.bandwidthAt(workingSet), expected, 1e-12), std::to_string(fit.bandwidthAt(workingSet)).c_str());
    }

    void rooflineFallsBackToTheSpecification()
    {
        // The YAML's figures: 1.4976 TFLOP/s vector fp32 (no matrix datapath), L1 of 12 × 42.667 KiB at
        // 4249.6 GB/s up to 128 GiB of DRAM at 76.8 GB/s.
        const RooflineFit spec = specRoofline(*m_spec, Precision::FP32);
        QVERIFY(!spec.measuredCompute && !spec.measuredBandwidth);
        QVERIFY2(near(spec.vectorPeak, 1.4976e12, 1e-9), std::to_string(spec.vectorPeak).c_str());
        QCOMPARE(spec.matrixPeak, spec.vectorPeak);
        // Four levels, each at its capacity. A working set one level cannot hold streams at the next level's
        // bandwidth: a step, not a slope between capacities.
        QCOMPARE(spec.bandwidth.size(), size_t(4));
        QCOMPARE(m_spec->memory.size(), size_t(4));
        for (size_t l = 1; l < m_spec->memory.size(); ++l) {
            const MemoryLevel& below = m_spec->memory[l - 1];
            const MemoryLevel& level = m_spec->memory[l];
            QVERIFY2(near(spec.bandwidthAt(1.01 * below.totalCapacityBytes()), level.bandwidthBytesPerSecond, 1e-12),
                level.name.c_str());
            QVERIFY2(near(spec.bandwidthAt(0.99 * level.totalCapacityBytes()), level.bandwidthBytesPerSecond, 1e-12),
                level.name.c_str());
        }
        QVERIFY(near(spec.bandwidth.front().workingSetBytes, 12 * 42.667 * 1024, 1e-9));
        QVERIFY(near(spec.bandwidth.front().bytesPerSecond, 4249.6e9, 1e-9));
        QVERIFY(near(spec.bandwidth.back().workingSetBytes, 128.0 * 1024 * 1024 * 1024, 1e-9));
        QVERIFY(near(spec.bandwidth.back().bytesPerSecond, 76.8e9, 1e-9));
        QCOMPARE(spec.source, kHardware + " specification");

        // fp16 on a chip without fp16 arithmetic: its matrix work is converted and computed at the fp32 vector
        // rate, the same roof the vector work falls back to (not 0, which would leave matrix work without a roof).
        QVERIFY(m_spec->peakOpsPerSecond(Precision::FP16) <= 0);
        const RooflineFit half = specRoofline(*m_spec, Precision::FP16);
        QVERIFY2(near(half.matrixPeak, 1.4976e12, 1e-9), std::to_string(half.matrixPeak).c_str());
        QCOMPARE(half.vectorPeak, half.matrixPeak);

        // The floor under compute coefficients: on a registry entry's specification peaks only.
        QCOMPARE(computeFloorFor(spec, *m_spec, false), 1.0);
        QCOMPARE(computeFloorFor(spec, *m_spec, true), 0.0);
        const RooflineFit measuredPeak = fitRoofline({ row("roof", "fma/fp32/avx2", 1, 1e9) }, *m_spec, Precision::FP32);
        QVERIFY(measuredPeak.measuredCompute);
        QCOMPARE(computeFloorFor(measuredPeak, *m_spec, false), 0.0);
        HardwareSpec detected = *m_spec;
        detected.generated = true;
        QCOMPARE(computeFloorFor(spec, detected, false), 0.0);

        const RooflineFit none = fitRoofline({}, *m_spec, Precision::FP32);
        QCOMPARE(none.vectorPeak, spec.vectorPeak);
        QCOMPARE(none.bandwidth.size(), spec.bandwidth.size());
        QCOMPARE(none.source, spec.source);

        // FMA alone: the matrix roof follows the measured vector roof on a chip without a matrix datapath.
        const RooflineFit fma = fitRoofline({ row("roof", "fma/fp32/avx2", 1, 1e9) }, *m_spec, Precision::FP32);
        QCOMPARE(fma.vectorPeak, 1e12);
        QCOMPARE(fma.matrixPeak, 1e12);
        QVERIFY(!fma.measuredBandwidth);
        QCOMPARE(fma.bandwidth.back().bytesPerSecond, spec.bandwidth.back().bytesPerSecond);
        QVERIFY(QString::fromStdString(fma.source).endsWith(u"; bandwidth from the specification"_qs));

        // One triad point is no curve; rows of another kind or without bytes count for nothing.
        const RooflineFit one
            = fitRoofline({ triad(16384, 1e6, 0.002), row("operator", "sgemm/64", 1, 1e9), row("roof", "triad/x", 1) },
                *m_spec, Precision::FP32);
        QVERIFY(!one.measuredBandwidth && !one.measuredCompute);
        QCOMPARE(one.bandwidth.size(), spec.bandwidth.size());
        QCOMPARE(one.matrixPeak, spec.matrixPeak);
    }

    void profileRoundTrip_data()
    {
        QTest::addColumn<QStringList>("modelDirs");
        QTest::newRow("with model folders") << QStringList { u"/data/models"_qs, u"/other"_qs };
        QTest::newRow("without") << QStringList {};
    }

    void profileRoundTrip()
    {
        QFETCH(QStringList, modelDirs);
        CalibrationProfile p;
        p.hardware = kHardware;
        p.runtime = "pytorch";
        p.precision = Precision::FP16;
        p.created = "2026-11-24T10:00:00Z";
        p.tool = "graphs 0.4.0";
        p.fit = { .ridge = 0.25, .balanceModels = false, .coverage = 0.8 };
        p.measurements = { "benchmarks/x/pytorch/a.csv", "/abs/b.csv" };
        for (const QString& d : modelDirs)
            p.modelDirs.push_back(d.toStdString());
        if (!modelDirs.isEmpty())
            p.holdOut = { "resnet50", "vit_b_16" };
        p.points = 140;
        p.models = 11;
        p.lomoMapePct = 6.1;
        p.errorBoundPct = 14.5;
        const std::string path
            = calibrationProfilePath(m_dir.filePath(u"reg"_qs).toStdString(), p.hardware, p.runtime, p.precision);
        QVERIFY(QString::fromStdString(path).endsWith(u"/reg/calibration/intel-core-i7-12700k/pytorch/fp16.yaml"_qs));
        QVERIFY(saveCalibrationProfile(p, path));
        auto back = loadCalibrationProfile(path);
        QVERIFY2(back, back ? "" : back.error().toString().c_str());
        QCOMPARE(back->hardware, p.hardware);
        QCOMPARE(back->runtime, p.runtime);
        QCOMPARE(back->precision, p.precision);
        QCOMPARE(back->created, p.created);
        QCOMPARE(back->tool, p.tool);
        QCOMPARE(back->fit.ridge, 0.25);
        QCOMPARE(back->fit.balanceModels, false);
        QCOMPARE(back->fit.coverage, 0.8);
        QCOMPARE(back->measurements, p.measurements);
        QCOMPARE(back->modelDirs, p.modelDirs);
        QCOMPARE(back->holdOut, p.holdOut);
        QCOMPARE(back->points, size_t(140));
        QCOMPARE(back->models, size_t(11));
        QCOMPARE(back->lomoMapePct, 6.1);
        QCOMPARE(back->errorBoundPct, 14.5);
        QCOMPARE(back->file, path);
    }

    void badProfiles_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("fragment");
        QTest::addColumn<int>("line");
        const QByteArray head = "hardware: local\nruntime: native\n";
        QTest::newRow("missing key") << head + "precision: fp32\n"
                                     << u"key 'measurements': is required but missing"_qs << 1;
        QTest::newRow("unknown key") << head + "precision: fp32\nmeasurements: [a.csv]\ncolour: red\n"
                                     << u"key 'colour': unknown key"_qs << 5;
        QTest::newRow("bad precision") << head + "precision: fp33\nmeasurements: [a.csv]\n"
                                       << u"unknown precision 'fp33'"_qs << 3;
        QTest::newRow("ridge too large") << head + "precision: fp32\nfit: {ridge: 500}\nmeasurements: [a.csv]\n"
                                         << u"key 'fit.ridge': must be between 0 and 100"_qs << 4;
        QTest::newRow("negative ridge") << head + "precision: fp32\nmeasurements: [a.csv]\nfit:\n  ridge: -1\n"
                                        << u"key 'fit.ridge': must be between 0 and 100"_qs << 6;
        QTest::newRow("coverage above 1") << head + "precision: fp32\nfit: {coverage: 2}\nmeasurements: [a.csv]\n"
                                          << u"key 'fit.coverage'"_qs << 4;
        QTest::newRow("measurements not a list") << head + "precision: fp32\nmeasurements: a.csv\n"
                                                 << u"key 'measurements': expected a list"_qs << 4;
        QTest::newRow("no measurements") << head + "precision: fp32\nmeasurements: []\n"
                                         << u"key 'measurements': must not be empty"_qs << 4;
        QTest::newRow("models not a list") << head + "precision: fp32\nmeasurements: [a.csv]\nmodels: {a: 1}\n"
                                           << u"key 'models': expected a list"_qs << 5;
        QTest::newRow("bad summary") << head + "precision: fp32\nmeasurements: [a.csv]\nsummary: {points: 1.5}\n"
                                     << u"key 'summary.points': expected a whole number"_qs << 5;
        QTest::newRow("not YAML") << head + "precision: [fp32\n" << u""_qs << 4;
    }

    void badProfiles()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, fragment);
        QFETCH(int, line);
        const QString path
            = writeTestFile(m_dir, QStringLiteral("bad/%1.yaml").arg(QLatin1StringView(QTest::currentDataTag())), yaml);
        QVERIFY(!path.isEmpty());
        auto profile = loadCalibrationProfile(path.toStdString());
        QVERIFY(!profile);
        QCOMPARE(profile.error().code, ErrorCode::InvalidData);
        QVERIFY2(QString::fromStdString(profile.error().message).contains(fragment), profile.error().message.c_str());
        QCOMPARE(QString::fromStdString(profile.error().location), path + u':' + QString::number(line));
    }

    void missingProfileIsAnIoError()
    {
        const std::string path = m_dir.filePath(u"none.yaml"_qs).toStdString();
        auto profile = loadCalibrationProfile(path);
        QVERIFY(!profile);
        QCOMPARE(profile.error().code, ErrorCode::Io);
        QCOMPARE(profile.error().location, path);
    }

    void buildCalibrationRecoversTheLaw()
    {
        const std::string registry = m_dir.filePath(u"registry"_qs).toStdString();
        auto file = ResultsFile::open(registry, kHardware, "pytorch", "imported", {});
        QVERIFY(file);
        // Roofs of 1e12 FLOP/s (FMA), 2e12 (GEMM) and a flat 1e11 B/s; measured under another runtime, which
        // does not matter for the machine's roofs.
        std::vector<MeasurementRecord> rows = { row("roof", "fma/fp32/avx2", 1, 1e9), row("roof", "sgemm/512", 1, 2e9),
            triad(16384, 1e8, 1), triad(268435456, 1e8, 1) };
        for (MeasurementRecord& r : rows)
            r.runtime = "native";
        const char* details[] = { "Conv2d_BatchNorm2d_ReLU (conv2d_batchnorm): conv1, bn1, relu", "Linear (linear): fc",
            "Add (elementwise): add1, add2", "MaxPool2d: features.pool" };
        const char* classes[] = { "conv-standard", "matrix", "elementwise", "pooling" };
        const double nodes[] = { 3, 1, 2, 1 };
        size_t used = 0;
        for (int m = 0; m < 5; ++m) {
            for (int c = 0; c < 4; ++c) {
                const double flops = 1e7 * (1 + (2 * m + c) % 5);
                const double bytes = 1e6 * (1 + (3 * m + 2 * c) % 4);
                MeasurementRecord r = row("subgraph", std::string(1, char('A' + m)) + "net/sg" + std::to_string(c),
                    lawSeconds(classes[c], flops, bytes, nodes[c]) * 1e3, flops, bytes);
                r.detail = details[c];
                r.source = "profile.json";
                rows.push_back(r);
                ++used;
                // The same kernels measured with another runtime and precision, 100× slower: never fitted.
                MeasurementRecord other = r;
                other.benchmark = "ort" + r.benchmark;
                other.runtime = "onnxruntime";
                other.medianMs *= 100;
                rows.push_back(other);
                other.benchmark = "half" + r.benchmark;
                other.runtime = "pytorch";
                other.precision = "fp16";
                rows.push_back(other);
            }
        }
        for (int i = 0; i < 3; ++i) {
            const double flops = 3e7 * (i + 1);
            const double bytes = 2e6 * (3 - i);
            MeasurementRecord op = row(
                "operator", "matmul/" + std::to_string(i), lawSeconds("matrix", flops, bytes, 1) * 1e3, flops, bytes);
            op.detail = "matmul, median of 11 runs";
            op.source = "bench.csv";
            rows.push_back(op);
            ++used;
        }
        MeasurementRecord blind = row("subgraph", "Anet/sg9", 1); // no FLOPs: skipped with a warning
        blind.detail = "Linear (linear): fc2";
        rows.push_back(blind);
        for (const MeasurementRecord& r : rows)
            QVERIFY(file->append(r));

        auto fusion = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "unfused");
        QVERIFY(fusion);
        CalibrationProfile profile;
        profile.hardware = kHardware;
        profile.runtime = "pytorch";
        profile.fit = { .ridge = 1e-12, .balanceModels = false };
        const std::string relative = "benchmarks/" + kHardware + "/pytorch/imported.csv";
        profile.measurements = { relative };
        auto c = buildCalibration(profile, m_spec, *fusion, registry, CrossValidation::Nested);
        QVERIFY2(c, c ? "" : c.error().toString().c_str());
        QCOMPARE(c->roofs.vectorPeak, 1e12);
        QCOMPARE(c->roofs.matrixPeak, 2e12);
        QCOMPARE(c->roofs.bandwidthAt(3e6), 1e11);
        QCOMPARE(c->points.size(), used);
        for (const auto& [cls, law] : kLaw) {
            const char* terms[] = { ":compute", ":memory", ":kernels" };
            for (size_t t = 0; t < 3; ++t) {
                const double got = c->model.coefficient(cls + terms[t]);
                QVERIFY2(near(got, law[t], 1e-6), (cls + terms[t] + " = " + std::to_string(got)).c_str());
            }
        }
        QCOMPARE(c->groupErrors.size(), size_t(5));
        for (const auto& [group, error] : c->groupErrors) {
            QVERIFY2(group.size() == 4 && group.ends_with("net"), group.c_str());
            QVERIFY2(std::abs(error) < 1e-6, (group + " " + std::to_string(error)).c_str());
        }
        QCOMPARE(c->errorBoundPct, 3.0);
        QCOMPARE(c->heldOut.size(), size_t(20));
        QVERIFY(std::abs(c->quality.r2Log - 1) < 1e-9);
        QCOMPARE(c->measurementKeys.size(), used);
        // Keys name the file however the profile named it: the same row through another path is the same key.
        const std::string absolute = registry + "/" + relative;
        QCOMPARE(measurementKey(absolute, rows[4]), measurementKey(registry + "/./" + relative, rows[4]));
        auto key = [&](const std::string& benchmark) {
            MeasurementRecord r;
            r.benchmark = benchmark;
            r.batch = 1;
            r.threads = 2;
            return measurementKey(absolute, r);
        };
        QVERIFY(c->measurementKeys.count(key("Cnet/sg2")));
        QVERIFY(c->measurementKeys.count(key("matmul/1")));
        QVERIFY(!c->measurementKeys.count(key("ortAnet/sg0")));
        QVERIFY(!c->measurementKeys.count(key("fma/fp32/avx2")));
        QCOMPARE(c->diagnostics.size(), size_t(1));
        QCOMPARE(c->diagnostics[0].location, std::string("Anet/sg9"));

        // Progress runs from 0 towards 1 without going back, and a callback that says stop ends the build with
        // Cancelled, at whatever point it says so (here: the first report of the cross-validation's folds).
        std::vector<double> seen;
        auto watched = buildCalibration(profile, m_spec, *fusion, registry, CrossValidation::Nested, [&](double f) {
            seen.push_back(f);
            return true;
        });
        QVERIFY(watched);
        QVERIFY(seen.size() >= used + 5); // one per record rebuilt, one per fold at least
        QCOMPARE(seen.front(), 0.0);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QVERIFY(seen.back() < 1.0);
        auto stopped = buildCalibration(
            profile, m_spec, *fusion, registry, CrossValidation::Nested, [](double f) { return f < 0.5; });
        QVERIFY(!stopped);
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);

        // Models held out of every fit: not fitted, not cross-validated, then estimated by the final fit. The law is
        // exact, so the fit on the other three models still recovers it and estimates the two within rounding.
        CalibrationProfile holding = profile;
        holding.holdOut = { "Dnet", "Anet" };
        auto held = buildCalibration(holding, m_spec, *fusion, registry, CrossValidation::Groups);
        QVERIFY2(held, held ? "" : held.error().toString().c_str());
        QCOMPARE(held->points.size(), used - 8);
        QCOMPARE(held->groupErrors.size(), size_t(3));
        QVERIFY(!held->groupErrors.count("Anet") && !held->groupErrors.count("Dnet"));
        QVERIFY(!held->measurementKeys.count(key("Dnet/sg1")));
        QCOMPARE(held->holdOut.size(), size_t(2));
        QCOMPARE(held->holdOut[0].group, std::string("Dnet"));
        QCOMPARE(held->holdOut[1].group, std::string("Anet"));
        for (const HoldOutModel& h : held->holdOut) {
            QCOMPARE(h.points, size_t(4));
            QVERIFY(h.measuredSeconds > 0);
            QVERIFY2(std::abs(h.errorPct()) < 1e-4, (h.group + " " + std::to_string(h.errorPct())).c_str());
            QCOMPARE(h.boundPct, held->errorBoundPct);
            QVERIFY(h.insideBound());
        }
        // Their measured time is the sum of their subgraphs, as the harness defines a whole model.
        double dnet = 0;
        for (const MeasurementRecord& r : rows)
            if (r.benchmark.starts_with("Dnet/") && r.runtime == "pytorch" && r.precision == "fp32" && r.flops >= 0)
                dnet += r.medianMs / 1e3;
        QVERIFY(std::abs(held->holdOut[0].measuredSeconds - dnet) < 1e-12);
        // A name that is not a measured model is refused, naming the ones that are.
        holding.holdOut = { "Znet" };
        auto unknown = buildCalibration(holding, m_spec, *fusion, registry);
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().message.find("hold-out model 'Znet'") != std::string::npos
                && unknown.error().message.find("Anet, Bnet, Cnet, Dnet, Enet") != std::string::npos,
            unknown.error().message.c_str());

        // A measurement file that is not there fails the build, naming it.
        profile.measurements.push_back("benchmarks/nowhere.csv");
        auto missing = buildCalibration(profile, m_spec, *fusion, registry);
        QVERIFY(!missing);
        QVERIFY2(missing.error().location.ends_with("benchmarks/nowhere.csv"), missing.error().toString().c_str());

        // Another runtime's profile finds nothing to fit in the same file.
        profile.measurements = { relative };
        profile.runtime = "tensorrt";
        auto nothing = buildCalibration(profile, m_spec, *fusion, registry);
        QVERIFY(!nothing);
        QVERIFY2(
            nothing.error().message.starts_with("not enough data: 0 measurement(s)"), nothing.error().message.c_str());
    }

    void importedClasses_data()
    {
        QTest::addColumn<QString>("function");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<double>("flops");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fused conv") << u"subgraph"_qs
                                    << u"Conv2d_BatchNorm2d_ReLU (conv2d_batchnorm): conv1, bn1, relu"_qs << 1.0
                                    << u"conv-standard"_qs;
        QTest::newRow("linear") << u"subgraph"_qs << u"Linear (linear): fc"_qs << 1.0 << u"matrix"_qs;
        QTest::newRow("matmul") << u"subgraph"_qs << u"MatMul (matmul): attn.qk"_qs << 1.0 << u"matrix"_qs;
        QTest::newRow("activation") << u"subgraph"_qs << u"GELU (activation): act"_qs << 1.0 << u"elementwise"_qs;
        QTest::newRow("pool by name") << u"subgraph"_qs << u"MaxPool2d: features.pool1"_qs << 1.0 << u"pooling"_qs;
        QTest::newRow("norm by name") << u"subgraph"_qs << u"LayerNorm: encoder.norm1"_qs << 1.0 << u"normalization"_qs;
        QTest::newRow("add by name") << u"subgraph"_qs << u"Residual: layer1.add"_qs << 1.0 << u"elementwise"_qs;
        QTest::newRow("no work") << u"subgraph"_qs << u"Reshape: view1"_qs << 0.0 << u"data_movement"_qs;
        QTest::newRow("unknown work") << u"subgraph"_qs << u"Custom: block1"_qs << 5.0 << u"matrix"_qs;
        QTest::newRow("op matmul") << u"operator"_qs << u"matmul, median of 11 runs"_qs << 1.0 << u"matrix"_qs;
        QTest::newRow("op gemm") << u"operator"_qs << u"gemm/m=64"_qs << 1.0 << u"matrix"_qs;
        QTest::newRow("op conv") << u"operator"_qs << u"conv2d 3x3"_qs << 1.0 << u"conv-standard"_qs;
        QTest::newRow("op softmax") << u"operator"_qs << u"softmax"_qs << 1.0 << u"softmax"_qs;
        QTest::newRow("op layernorm") << u"operator"_qs << u"LayerNorm"_qs << 1.0 << u"normalization"_qs;
        QTest::newRow("op pool") << u"operator"_qs << u"maxpool"_qs << 1.0 << u"pooling"_qs;
        QTest::newRow("op vector add") << u"operator"_qs << u"vector_add"_qs << 1.0 << u"elementwise"_qs;
        QTest::newRow("op first word only") << u"operator"_qs << u"relu, then matmul"_qs << 1.0 << u"elementwise"_qs;
        QTest::newRow("op from benchmark") << u"operator"_qs << u""_qs << 1.0 << u"softmax"_qs;
        QTest::newRow("nodes: three") << u"nodes"_qs << u"X (y): conv1, bn1, relu"_qs << 0.0 << u"3"_qs;
        QTest::newRow("nodes: one") << u"nodes"_qs << u"Linear (linear): fc"_qs << 0.0 << u"1"_qs;
        QTest::newRow("nodes: none named") << u"nodes"_qs << u"Linear"_qs << 0.0 << u"1"_qs;
        QTest::newRow("nodes: empty list") << u"nodes"_qs << u"Linear:"_qs << 0.0 << u"1"_qs;
        QTest::newRow("group: onnx") << u"group"_qs << u"resnet50.onnx"_qs << 0.0 << u"resnet50"_qs;
        QTest::newRow("group: structure")
            << u"group"_qs << u"/models/resnet50.structure.onnx"_qs << 0.0 << u"resnet50"_qs;
        QTest::newRow("group: bare") << u"group"_qs << u"bert"_qs << 0.0 << u"bert"_qs;
        QTest::newRow("group: dots kept") << u"group"_qs << u"a.b.onnx"_qs << 0.0 << u"a.b"_qs;
        QTest::newRow("group: only a suffix") << u"group"_qs << u".onnx"_qs << 0.0 << u".onnx"_qs;
    }

    void importedClasses()
    {
        QFETCH(QString, function);
        QFETCH(QString, detail);
        QFETCH(double, flops);
        QFETCH(QString, expected);
        MeasurementRecord r = row("subgraph", "softmax/rows=4", 1, flops, 1);
        r.detail = detail.toStdString();
        std::string got;
        if (function == u"subgraph"_qs)
            got = importedSubgraphClass(r);
        else if (function == u"operator"_qs)
            got = importedOperatorClass(r);
        else if (function == u"nodes"_qs)
            got = std::to_string(importedNodeCount(r));
        else
            got = modelGroup(r.detail);
        QCOMPARE(QString::fromStdString(got), expected);
    }

    void applyCalibration_data()
    {
        QTest::addColumn<QString>("uncovered"); // "": every class covered; "*": none
        QTest::newRow("covered") << u""_qs;
        QTest::newRow("nothing covered") << u"*"_qs;
        QTest::newRow("smallest class uncovered") << u"smallest"_qs;
        QTest::newRow("largest class uncovered") << u"largest"_qs;
    }

    void applyCalibration()
    {
        QFETCH(QString, uncovered);
        auto fusion = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "onnxruntime");
        QVERIFY(fusion);
        AnalysisRequest request;
        request.modelPath = GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx";
        request.import.batch = 2;
        request.hardware = m_spec;
        request.fusion = *fusion;
        auto outcome = runAnalysis(request);
        QVERIFY2(outcome, outcome ? "" : outcome.error().toString().c_str());
        ModelEstimate& estimate = *outcome->estimate;
        const double energy = estimate.summary.energy.value;

        Calibration c;
        c.profile.hardware = kHardware;
        c.profile.runtime = "onnxruntime";
        c.roofs = fitRoofline(roofRows(), *m_spec, Precision::FP32);
        c.errorBoundPct = 12.5;
        c.groupErrors["a measured model"] = 0.05; // a cross-validated bound exists: latencies are applied
        const LatencyFeatures f = latencyFeatures(*outcome->analysis, *outcome->partition, estimate, c.roofs);
        QVERIFY(f.subgraphs.size() > 10);
        std::map<std::string, double> classSeconds;
        for (const auto& [key, value] : f.total())
            c.model.coefficients[key] = coefficientFor(key);
        for (const SubgraphFeatures& k : f.subgraphs) {
            classSeconds[k.opClass] += handSeconds(k.terms);
            CoveredRange& r = c.model.covered[k.opClass];
            r = { r.kernels ? std::min(r.minFlops, k.flops) : k.flops, std::max(r.maxFlops, k.flops),
                r.kernels ? std::min(r.minBytes, k.bytes) : k.bytes, std::max(r.maxBytes, k.bytes), r.kernels + 1 };
        }
        const double total = handSeconds(f.total());
        auto byShare = [&](bool smallest) {
            auto it = std::min_element(classSeconds.begin(), classSeconds.end(),
                [&](const auto& a, const auto& b) { return smallest ? a.second < b.second : a.second > b.second; });
            return it->first;
        };
        std::string out; // the class left uncovered, "*" for all
        if (uncovered == u"*"_qs) {
            out = "*";
            c.model.covered.clear();
        } else if (!uncovered.isEmpty()) {
            out = byShare(uncovered == u"smallest"_qs);
            c.model.covered.erase(out);
        }
        const double outsideShare = out == "*" ? 1.0 : out.empty() ? 0.0 : classSeconds[out] / total;
        if (uncovered == u"smallest"_qs)
            QVERIFY(outsideShare < 0.1);
        if (uncovered == u"largest"_qs)
            QVERIFY(outsideShare > 0.1);

        graphs::applyCalibration(*outcome->analysis, *outcome->partition, estimate, c);
        const EstimationResult& latency = estimate.summary.latency;
        QVERIFY2(near(latency.value, total * 1e3, 1e-9), std::to_string(latency.value).c_str());
        const bool extrapolated = outsideShare > 0.1;
        QCOMPARE(latency.confidence, extrapolated ? Confidence::Extrapolated : Confidence::Calibrated);
        QCOMPARE(latency.errorBoundPct, extrapolated ? 25.0 : 12.5);
        QVERIFY(QString::fromStdString(latency.source)
                    .startsWith(u"calibrated latency: intel-core-i7-12700k × onnxruntime fp32"_qs));
        QCOMPARE(estimate.options.batch, int64_t(2));
        QVERIFY(near(estimate.summary.throughput.value, 2 / total, 1e-9));
        QCOMPARE(estimate.summary.throughput.confidence, latency.confidence);
        QCOMPARE(estimate.summary.energy.value, energy);
        for (const SubgraphFeatures& k : f.subgraphs) {
            const EstimationResult& s = estimate.subgraphs[static_cast<size_t>(k.subgraph)].latency;
            const bool inside = out != "*" && out != k.opClass;
            QVERIFY(near(s.value, handSeconds(k.terms) * 1e3, 1e-9));
            QCOMPARE(s.confidence, inside ? Confidence::Calibrated : Confidence::Extrapolated);
            QCOMPARE(s.errorBoundPct, inside ? 12.5 : 25.0);
        }
        // Subgraphs that run no kernel take no time; every subgraph is one or the other.
        size_t zeroCost = 0;
        for (size_t i = 0; i < estimate.subgraphs.size(); ++i) {
            if (outcome->partition->subgraphs[i].zeroCost) {
                ++zeroCost;
                QCOMPARE(estimate.subgraphs[i].latency.value, 0.0);
            }
        }
        QCOMPARE(f.subgraphs.size() + zeroCost, estimate.subgraphs.size());
    }
};

QTEST_GUILESS_MAIN(TestCalibrationProfile)
#include "tst_calibration_profile.moc"
