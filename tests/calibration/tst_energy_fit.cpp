// The energy fit: recovery of known coefficients from synthetic measurements (exact and noisy), non-negativity,
// "not enough data" and bad values as errors, held-out errors that come from fits which never saw the point, and
// finite coefficients with collinear columns.

#include "calibration/energy_fit.h"

#include <QtTest>

#include <cmath>

using namespace graphs;

namespace {

struct Truth
{
    double perFlop = 2e-12; // 2 pJ/FLOP
    double perByte = 10e-12; // 10 pJ/byte
    double watts = 1.0;
};

/// Points whose FLOPs, bytes and times vary independently; energies from `truth`, scaled by 1 + noise·(a fixed
/// pseudo-random number in [−1, 1]).
std::vector<EnergyPoint> synthetic(const Truth& truth, int count = 30, double noise = 0, const std::string& family = {})
{
    std::vector<EnergyPoint> points;
    for (int i = 0; i < count; ++i) {
        EnergyPoint p;
        p.name = "p" + std::to_string(i);
        p.family = family.empty() ? (i % 3 == 0 ? "matmul" : i % 3 == 1 ? "linear" : "vector_add") : family;
        p.flops = 1e7 * (1 + (i * 7) % 11);
        p.bytes = 1e6 * (1 + (i * 5) % 7) * (1 + i % 3);
        p.seconds = 1e-4 * (1 + (i * 3) % 5);
        p.joules = truth.perFlop * p.flops + truth.perByte * p.bytes + truth.watts * p.seconds;
        p.joules *= 1 + noise * std::sin(12.9898 * (i + 1));
        points.push_back(p);
    }
    return points;
}

bool relativelyNear(double value, double expected, double tolerance)
{
    return std::abs(value - expected) <= tolerance * std::abs(expected);
}

bool finiteFit(const EnergyFit& f)
{
    return std::isfinite(f.joulesPerFlop) && std::isfinite(f.joulesPerByte) && std::isfinite(f.staticWatts)
        && f.joulesPerFlop >= 0 && f.joulesPerByte >= 0 && f.staticWatts >= 0 && std::isfinite(f.r2)
        && std::isfinite(f.residualSpreadPct);
}

} // namespace

class TestEnergyFit : public QObject
{
    Q_OBJECT

private slots:
    void recoversKnownCoefficients_data()
    {
        QTest::addColumn<double>("noise");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("exact") << 0.0 << 1e-6;
        QTest::newRow("3 % noise") << 0.03 << 0.05;
    }

    void recoversKnownCoefficients()
    {
        QFETCH(double, noise);
        QFETCH(double, tolerance);
        const Truth truth;
        auto fit = fitEnergy(synthetic(truth, 30, noise));
        QVERIFY2(fit, fit ? "" : fit.error().message.c_str());
        QVERIFY2(
            relativelyNear(fit->joulesPerFlop, truth.perFlop, tolerance), std::to_string(fit->joulesPerFlop).c_str());
        QVERIFY2(
            relativelyNear(fit->joulesPerByte, truth.perByte, tolerance), std::to_string(fit->joulesPerByte).c_str());
        QVERIFY2(relativelyNear(fit->staticWatts, truth.watts, tolerance), std::to_string(fit->staticWatts).c_str());
        QCOMPARE(fit->points, size_t(30));
        QVERIFY(fit->r2 > (noise > 0 ? 0.9 : 1 - 1e-9));
        QVERIFY(fit->residualSpreadPct <= (noise > 0 ? 100 * noise : 1e-6));
        QCOMPARE(fit->minFlops, 1e7);
        QCOMPARE(fit->maxFlops, 1.1e8);
    }

    void zeroCoefficientStaysZero_data()
    {
        QTest::addColumn<double>("perByte");
        QTest::addColumn<double>("noise");
        QTest::newRow("zero, exact") << 0.0 << 0.0;
        QTest::newRow("zero, noisy") << 0.0 << 0.05;
        // Energies that fall as bytes grow: an unconstrained fit says −3 pJ/byte, this one must say 0.
        QTest::newRow("negative in the data") << -3e-12 << 0.0;
    }

    void zeroCoefficientStaysZero()
    {
        QFETCH(double, perByte);
        QFETCH(double, noise);
        Truth truth;
        truth.perByte = perByte;
        auto fit = fitEnergy(synthetic(truth, 30, noise));
        QVERIFY(fit);
        QVERIFY(finiteFit(*fit));
        if (perByte < 0) {
            QCOMPARE(fit->joulesPerByte, 0.0);
            return;
        }
        QVERIFY2(fit->joulesPerByte < 0.1 * 10e-12, std::to_string(fit->joulesPerByte).c_str());
        QVERIFY(relativelyNear(fit->joulesPerFlop, truth.perFlop, noise > 0 ? 0.05 : 1e-6));
        QVERIFY(relativelyNear(fit->staticWatts, truth.watts, noise > 0 ? 0.05 : 1e-6));
    }

    void badInput_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("field"); // which value of point 1 to spoil ("" : none)
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("none") << 0 << QString() << 0.0 << u"not enough data: 0 point(s) with energy"_qs;
        QTest::newRow("three")
            << 3 << QString() << 0.0
            << u"not enough data: 3 point(s) with energy, a fit of 3 coefficients needs at least 4"_qs;
        QTest::newRow("zero energy") << 6 << u"joules"_qs << 0.0 << u"'p1': energy is not positive and finite"_qs;
        QTest::newRow("nan time") << 6 << u"seconds"_qs << std::nan("") << u"'p1': time is not positive and finite"_qs;
        QTest::newRow("negative flops") << 6 << u"flops"_qs << -1.0 << u"'p1': FLOP count is negative"_qs;
        QTest::newRow("infinite bytes") << 6 << u"bytes"_qs << HUGE_VAL
                                        << u"'p1': byte count is negative or not finite"_qs;
    }

    void badInput()
    {
        QFETCH(int, count);
        QFETCH(QString, field);
        QFETCH(double, value);
        QFETCH(QString, fragment);
        std::vector<EnergyPoint> points = synthetic(Truth {}, count);
        if (field == u"joules")
            points[1].joules = value;
        else if (field == u"seconds")
            points[1].seconds = value;
        else if (field == u"flops")
            points[1].flops = value;
        else if (field == u"bytes")
            points[1].bytes = value;
        auto fit = fitEnergy(points);
        QVERIFY(!fit);
        QCOMPARE(fit.error().code, ErrorCode::InvalidData);
        QVERIFY2(QString::fromStdString(fit.error().message).contains(fragment), fit.error().message.c_str());
        if (!field.isEmpty()) {
            auto heldOut = heldOutEnergyErrors(points);
            QVERIFY(!heldOut);
            QVERIFY(QString::fromStdString(heldOut.error().message).contains(fragment));
        }
    }

    void kFoldPredictsEveryPointOnce()
    {
        const auto points = synthetic(Truth {}, 23);
        auto h = heldOutEnergyErrors(points, { 5 });
        QVERIFY(h);
        QCOMPARE(h->kFold.relativeErrors.size(), points.size());
        QVERIFY(h->kFold.notes.empty());
        QVERIFY(h->kFold.mapePct && *h->kFold.mapePct < 1e-6); // exact data: every held-out fit is exact too
        QCOMPARE(h->byFamily.relativeErrors.size(), points.size());
        QCOMPARE(h->familyMapePct.size(), size_t(3));
    }

    void outlierFamilyIsHeldOut()
    {
        // Three clean families and one whose energies are three times the truth. Held out, the outlier is predicted
        // by a fit on clean data alone: exactly a third of its measurement, −66.7 %. That proves its points were
        // not in the fit that predicted them.
        std::vector<EnergyPoint> points = synthetic(Truth {}, 30);
        for (EnergyPoint p : synthetic(Truth {}, 4, 0, "weird")) {
            p.name = "weird " + p.name;
            p.joules *= 3;
            points.push_back(p);
        }
        auto h = heldOutEnergyErrors(points);
        QVERIFY(h);
        for (size_t i = 30; i < points.size(); ++i) {
            QVERIFY(h->byFamily.relativeErrors.count(i));
            QVERIFY2(std::abs(h->byFamily.relativeErrors.at(i) + 2.0 / 3) < 1e-6,
                std::to_string(h->byFamily.relativeErrors.at(i)).c_str());
        }
        const double weird = h->familyMapePct.at("weird");
        QVERIFY(std::abs(weird - 200.0 / 3) < 1e-4);
        for (const char* clean : { "matmul", "linear", "vector_add" })
            QVERIFY2(h->familyMapePct.at(clean) < weird / 3, std::to_string(h->familyMapePct.at(clean)).c_str());
    }

    void oneFamilyCannotBeHeldOut()
    {
        auto h = heldOutEnergyErrors(synthetic(Truth {}, 8, 0, "matmul"));
        QVERIFY(h);
        QVERIFY(h->byFamily.relativeErrors.empty());
        QVERIFY(!h->byFamily.mapePct);
        QCOMPARE(h->byFamily.notes.size(), size_t(1));
        QVERIFY(QString::fromStdString(h->byFamily.notes[0]).contains(u"one operator family only"_qs));
    }

    void smallFoldsAreNotedNotFatal()
    {
        // 5 points, 5 folds: each training set has 4 points, enough. 4 points, 4 folds: 3 each, not enough.
        auto five = heldOutEnergyErrors(synthetic(Truth {}, 5));
        QVERIFY(five);
        QCOMPARE(five->kFold.relativeErrors.size(), size_t(5));
        auto four = heldOutEnergyErrors(synthetic(Truth {}, 4));
        QVERIFY(four);
        QVERIFY(four->kFold.relativeErrors.empty());
        QVERIFY(!four->kFold.mapePct);
        QCOMPARE(four->kFold.notes.size(), size_t(4));
        QVERIFY(QString::fromStdString(four->kFold.notes[0]).contains(u"not enough data"_qs));
    }

    void collinearColumnsStayFinite_data()
    {
        QTest::addColumn<bool>("identical");
        QTest::newRow("proportional columns") << false;
        QTest::newRow("identical points") << true;
    }

    void collinearColumnsStayFinite()
    {
        QFETCH(bool, identical);
        std::vector<EnergyPoint> points;
        for (int i = 0; i < 10; ++i) {
            const double flops = identical ? 1e8 : 1e7 * (i + 1);
            // Bytes and time proportional to FLOPs: the three columns are one direction.
            points.push_back({ "p" + std::to_string(i), i % 2 ? "a" : "b", flops, 4 * flops, flops * 1e-12,
                flops * 5e-12 });
        }
        auto fit = fitEnergy(points);
        QVERIFY(fit);
        QVERIFY(finiteFit(*fit));
        for (const EnergyPoint& p : points)
            QVERIFY(relativelyNear(fit->predictJoules(p.flops, p.bytes, p.seconds), p.joules, 1e-6));
        auto h = heldOutEnergyErrors(points);
        QVERIFY(h);
        for (const auto& [i, e] : h->kFold.relativeErrors)
            QVERIFY(std::isfinite(e) && std::abs(e) < 1e-6);
    }

    void groupsFromRecords()
    {
        std::vector<MeasurementRecord> records;
        const auto points = synthetic(Truth {}, 12);
        for (size_t i = 0; i < points.size(); ++i) {
            MeasurementRecord r;
            r.benchmark = points[i].family + "/" + std::to_string(i);
            r.precision = "fp32";
            r.flops = points[i].flops;
            r.bytes = points[i].bytes;
            r.medianMs = points[i].seconds * 1000;
            r.energyJ = points[i].joules;
            records.push_back(r);
        }
        records[0].energyJ.reset(); // no reading: counted, never zero energy
        records[1].flops = -1;      // unknown work
        MeasurementRecord half = records[2];
        half.precision = "FP16";
        records.push_back(half);

        const auto groups = fitEnergyGroups("board", records);
        QCOMPARE(groups.size(), size_t(2));
        const EnergyFitGroup& fp16 = groups[0];
        const EnergyFitGroup& fp32 = groups[1];
        QCOMPARE(fp16.precision, std::string("fp16"));
        QVERIFY(!fp16.fit);
        QVERIFY(fp16.problem.find("not enough data: 1 point(s)") != std::string::npos);
        QCOMPARE(fp32.hardware, std::string("board"));
        QCOMPARE(fp32.points.size(), size_t(10));
        QCOMPARE(fp32.withoutEnergy, size_t(1));
        QCOMPARE(fp32.withoutWork, size_t(1));
        QCOMPARE(fp32.points[0].family, std::string("vector_add")); // record 2
        QVERIFY(fp32.fit && fp32.heldOut);
        QVERIFY(relativelyNear(fp32.fit->joulesPerByte, 10e-12, 1e-6));

        const std::string report = energyFitReport(groups);
        QVERIFY2(report.find("board, fp32: 10 points with energy, 1 records without an energy reading, 1 with "
                             "unknown FLOPs or bytes")
                != std::string::npos,
            report.c_str());
        QVERIFY(report.find("board, fp16: 1 points with energy") != std::string::npos);
        QVERIFY(report.find("no fit: not enough data") != std::string::npos);
        QVERIFY(report.find("pJ/FLOP") != std::string::npos);
        QVERIFY(report.find("held out by family: linear") != std::string::npos);
        QVERIFY(report.find("nan") == std::string::npos);
    }

    void familyOfRecord_data()
    {
        QTest::addColumn<QString>("benchmark");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("family");
        QTest::newRow("benchmark prefix") << u"matmul/64x64x64"_qs << u"matmul, median of 11 runs"_qs << u"matmul"_qs;
        QTest::newRow("detail") << u"resnet50"_qs << u"Conv; fused"_qs << u"Conv"_qs;
        QTest::newRow("neither") << u"resnet50"_qs << QString() << u"resnet50"_qs;
    }

    void familyOfRecord()
    {
        QFETCH(QString, benchmark);
        QFETCH(QString, detail);
        QFETCH(QString, family);
        MeasurementRecord r;
        r.benchmark = benchmark.toStdString();
        r.detail = detail.toStdString();
        QCOMPARE(QString::fromStdString(operatorFamily(r)), family);
    }
};

QTEST_GUILESS_MAIN(TestEnergyFit)
#include "tst_energy_fit.moc"
