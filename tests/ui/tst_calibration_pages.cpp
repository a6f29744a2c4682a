// The Calibration and Validation pages on a temporary registry of imported per-subgraph measurements of five models
// that follow a known law (as tests/calibration's buildCalibrationRecoversTheLaw writes them): Fit clicked, the
// fit awaited off the GUI thread, the tables and charts compared with the engine's own calibration and accuracy
// analysis, the profile saved and read back, CSV and PNG exports, cancellation, and errors that name what is
// missing while the page stays usable. The item models run under QAbstractItemModelTester.

#include "calibration/calibration_profile.h"
#include "charts/calibration_scatter_plot.h"
#include "charts/validation_histogram_plot.h"
#include "hardware/hardware_registry.h"
#include "jobs/calibration_runner.h"
#include "jobs/registry_loader.h"
#include "main_window.h"
#include "models/calibration_coefficient_model.h"
#include "models/calibration_roofs_model.h"
#include "models/validation_table_model.h"
#include "pages/calibration_page.h"
#include "pages/validation_page.h"
#include "reporting/calibration_report.h"
#include "test_files.h"
#include "transform/fusion_rules.h"
#include "validation/accuracy.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <array>
#include <map>
#include <set>

using namespace graphs;
using namespace graphs::ui;

namespace {

const std::string kHardware = "intel-core-i7-12700k";
const QString kHardwareId = QString::fromStdString(kHardware);
const QString kRuntime = QStringLiteral("pytorch");
constexpr int FitTimeoutMs = 60000;

MeasurementRecord row(
    const std::string& kind, const std::string& benchmark, double ms, double flops = -1, double bytes = -1)
{
    MeasurementRecord r;
    r.date = "2026-01-01T00:00:00Z";
    r.benchmark = benchmark;
    r.kind = parseMeasurementKind(kind).value();
    r.runtime = "pytorch";
    r.threads = 2;
    r.samples = 10;
    r.minMs = r.medianMs = r.meanMs = ms;
    r.flops = flops;
    r.bytes = bytes;
    return r;
}

MeasurementRecord triad(double workingSet, double bytes, double ms)
{
    MeasurementRecord r = row("roof", "triad/" + std::to_string(static_cast<int64_t>(workingSet)), ms, -1, bytes);
    r.shape = "working_set=" + std::to_string(static_cast<int64_t>(workingSet));
    r.runtime = "native";
    return r;
}

/// Per class: scales of the compute and memory roofs and seconds per node, against roofs of 1e12 FLOP/s (vector),
/// 2e12 (GEMM-shaped classes) and 1e11 B/s.
const std::map<std::string, std::array<double, 3>> kLaw = { { "conv-standard", { 2.0, 1.5, 5e-6 } },
    { "matrix", { 1.25, 0.75, 8e-6 } }, { "elementwise", { 1.0, 1.2, 2e-6 } }, { "pooling", { 1.0, 0.9, 4e-6 } } };

double lawSeconds(const std::string& cls, double flops, double bytes, double nodes)
{
    const auto& [compute, memory, perNode] = kLaw.at(cls);
    const bool gemm = cls == "matrix" || cls == "conv-standard";
    return compute * flops / (gemm ? 2e12 : 1e12) + memory * bytes / 1e11 + perNode * nodes;
}

/// Roofs, five models of four imported subgraphs each (Anet … Enet) and three imported operators.
std::vector<MeasurementRecord> lawRows()
{
    std::vector<MeasurementRecord> rows = { row("roof", "fma/fp32/avx2", 1, 1e9), row("roof", "sgemm/512", 1, 2e9),
        triad(16384, 1e8, 1), triad(268435456, 1e8, 1) };
    rows[0].runtime = rows[1].runtime = "native";
    const char* details[] = { "Conv2d_BatchNorm2d_ReLU (conv2d_batchnorm): conv1, bn1, relu", "Linear (linear): fc",
        "Add (elementwise): add1, add2", "MaxPool2d: features.pool" };
    const char* classes[] = { "conv-standard", "matrix", "elementwise", "pooling" };
    const double nodes[] = { 3, 1, 2, 1 };
    for (int m = 0; m < 5; ++m) {
        for (int c = 0; c < 4; ++c) {
            const double flops = 1e7 * (1 + (2 * m + c) % 5);
            const double bytes = 1e6 * (1 + (3 * m + 2 * c) % 4);
            // A model-dependent slowdown, so that held-out errors differ from model to model.
            const double noise = 1 + 0.04 * ((m * 7 + c * 3) % 5 - 2);
            MeasurementRecord r = row("subgraph", std::string(1, char('A' + m)) + "net/sg" + std::to_string(c),
                lawSeconds(classes[c], flops, bytes, nodes[c]) * 1e3 * noise, flops, bytes);
            r.detail = details[c];
            r.source = "profile.json";
            rows.push_back(r);
        }
    }
    for (int i = 0; i < 3; ++i) {
        const double flops = 3e7 * (i + 1);
        const double bytes = 2e6 * (3 - i);
        MeasurementRecord op
            = row("operator", "matmul/" + std::to_string(i), lawSeconds("matrix", flops, bytes, 1) * 1e3, flops, bytes);
        op.detail = "matmul, median of 11 runs";
        op.source = "bench.csv";
        rows.push_back(op);
    }
    return rows;
}

bool writeRows(const QString& registry, const std::vector<MeasurementRecord>& rows)
{
    auto file = ResultsFile::open(registry.toStdString(), kHardware, "pytorch", "imported", {});
    if (!file)
        return false;
    for (const MeasurementRecord& r : rows) {
        if (!file->append(r))
            return false;
    }
    return true;
}

std::set<std::string> classesOf(const LatencyModel& model)
{
    std::set<std::string> classes;
    for (const auto& [key, value] : model.coefficients)
        classes.insert(key.substr(0, key.find(':')));
    return classes;
}

} // namespace

class TestCalibrationPages : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_registry;
    std::shared_ptr<const HardwareCatalog> m_catalog;
    std::shared_ptr<const CalibrationRun> m_reference; ///< the engine's calibration, built here

    /// A page pair on `registry` with the law's hardware, runtime and fp32 chosen.
    struct Pages
    {
        CalibrationRunner runner;
        CalibrationPage calibration { &runner };
        ValidationPage validation { &runner };
    };

    void prepare(Pages& pages, const QString& registry)
    {
        pages.calibration.setRegistryDirectory(registry);
        pages.calibration.setCatalog(m_catalog);
        pages.calibration.setModelsFolder({});
        QVERIFY(pages.calibration.selectHardware(kHardwareId));
        QVERIFY(pages.calibration.selectRuntime(kRuntime));
        QVERIFY(pages.calibration.selectPrecision(Precision::FP32));
        pages.calibration.resize(1200, 800);
        pages.calibration.show();
    }

    void fitAndWait(Pages& pages)
    {
        QSignalSpy finished(&pages.runner, &CalibrationRunner::finished);
        QVERIFY(pages.calibration.fitButton()->isEnabled());
        QTest::mouseClick(pages.calibration.fitButton(), Qt::LeftButton);
        QVERIFY(pages.runner.isRunning());
        QVERIFY(pages.calibration.cancelButton()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, FitTimeoutMs);
        QVERIFY(pages.calibration.run());
        QVERIFY(!pages.calibration.cancelButton()->isVisible());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_registry = m_dir.filePath(QStringLiteral("registry"));
        QVERIFY(writeRows(m_registry, lawRows()));

        RegistryLoader loader;
        QSignalSpy loaded(&loader, &RegistryLoader::loaded);
        loader.load({ QStringLiteral(GRAPHS_SOURCE_DIR "/registries") });
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        m_catalog = loader.catalog();
        QVERIFY(m_catalog->hardware(kHardwareId));
        QVERIFY(m_catalog->runtime(kRuntime));

        // The engine's calibration of the same inputs, as `graphs calibrate` builds it.
        CalibrationProfile profile;
        profile.hardware = kHardware;
        profile.runtime = "pytorch";
        for (const QString& m : registryMeasurements(m_registry, kHardwareId, kRuntime))
            profile.measurements.push_back(m.toStdString());
        QCOMPARE(profile.measurements.size(), size_t(1));
        auto c = buildCalibration(profile, m_catalog->hardware(kHardwareId), *m_catalog->runtime(kRuntime),
            m_registry.toStdString(), CrossValidation::Nested);
        QVERIFY2(c, c ? "" : c.error().toString().c_str());
        auto run = std::make_shared<CalibrationRun>();
        run->calibration = std::move(*c);
        run->specRoofs = specRoofline(*m_catalog->hardware(kHardwareId), Precision::FP32);
        for (const TrainingPoint& p : run->calibration.points)
            run->fittedSeconds.push_back(run->calibration.model.predictSeconds(p.features));
        run->groups = heldOutGroups(run->calibration);
        std::vector<ValidationPoint> points;
        for (const HeldOutGroup& g : run->groups)
            points.push_back({ g.group, "", g.measuredSeconds, g.predictedSeconds, g.boundPct, "calibrated", false });
        auto accuracy = analyzeAccuracy(points);
        QVERIFY(accuracy);
        run->accuracy = std::move(*accuracy);
        m_reference = run;
        QCOMPARE(m_reference->calibration.points.size(), size_t(23));
        QCOMPARE(m_reference->groups.size(), size_t(5));
    }

    void modelsPassTester()
    {
        CalibrationCoefficientModel coefficients;
        CalibrationRoofsModel roofs;
        ValidationTableModel validation;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&validation);
        proxy.setSortRole(ValidationTableModel::SortRole);
        const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
        QAbstractItemModelTester t1(&coefficients, mode);
        QAbstractItemModelTester t2(&roofs, mode);
        QAbstractItemModelTester t3(&validation, mode);
        QAbstractItemModelTester t4(&proxy, mode);
        proxy.sort(ValidationTableModel::Error, Qt::DescendingOrder);
        for (int i = 0; i < 2; ++i) {
            coefficients.setRun(m_reference);
            roofs.setRun(m_reference);
            validation.setRun(m_reference);
            QCOMPARE(coefficients.rowCount(), int(classesOf(m_reference->calibration.model).size()));
            QCOMPARE(coefficients.columnCount(), int(CalibrationCoefficientModel::NumColumns));
            QCOMPARE(roofs.rowCount(), 2 + int(m_reference->calibration.roofs.bandwidth.size()));
            QCOMPARE(validation.rowCount(), 5);
            for (int r = 1; r < proxy.rowCount(); ++r)
                QVERIFY(proxy.index(r - 1, ValidationTableModel::Error).data(ValidationTableModel::SortRole).toDouble()
                    >= proxy.index(r, ValidationTableModel::Error).data(ValidationTableModel::SortRole).toDouble());
            coefficients.setRun(nullptr);
            roofs.setRun(nullptr);
            validation.setRun(nullptr);
            QCOMPARE(coefficients.rowCount(), 0);
            QCOMPARE(roofs.rowCount(), 0);
            QCOMPARE(validation.rowCount(), 0);
        }
    }

    void coefficientsInUnits()
    {
        CalibrationCoefficientModel model;
        model.setRun(m_reference);
        const std::set<std::string> classes = classesOf(m_reference->calibration.model);
        for (int r = 0; r < model.rowCount(); ++r) {
            QVERIFY(classes.count(model.classAt(r).toStdString()));
            const QModelIndex kernel = model.index(r, CalibrationCoefficientModel::PerKernel);
            const QString key = kernel.data(CalibrationCoefficientModel::KeyRole).toString();
            if (key.isEmpty())
                continue;
            const double seconds = m_reference->calibration.model.coefficients.at(key.toStdString());
            QCOMPARE(kernel.data(CalibrationCoefficientModel::SortRole).toDouble(), seconds);
            // µs; a cost the fit found none of reads "0", as `graphs calibrate` prints it
            QCOMPARE(kernel.data().toString(), seconds == 0 ? u"0"_qs : QString::number(seconds * 1e6, 'f', 2));
        }
        QVERIFY(model.headerData(CalibrationCoefficientModel::PerKernel, Qt::Horizontal).toString().contains(u"µs"));
    }

    void histogramBins_data()
    {
        QTest::addColumn<QList<double>>("errors");
        QTest::addColumn<double>("first");
        QTest::addColumn<QList<int>>("counts");
        QTest::newRow("empty") << QList<double> {} << 0.0 << QList<int> {};
        QTest::newRow("one") << QList<double> { 3 } << 0.0 << QList<int> { 1 };
        QTest::newRow("edges") << QList<double> { -5, -0.1, 0, 4.99, 5 } << -5.0 << QList<int> { 2, 2, 1 };
        QTest::newRow("gap") << QList<double> { -12, 11 } << -15.0 << QList<int> { 1, 0, 0, 0, 0, 1 };
        QTest::newRow("not finite") << QList<double> { 1, qQNaN(), qInf() } << 0.0 << QList<int> { 1 };
    }

    void histogramBins()
    {
        QFETCH(QList<double>, errors);
        QFETCH(double, first);
        QFETCH(QList<int>, counts);
        const ValidationHistogram h = ValidationHistogram::of(std::vector<double>(errors.begin(), errors.end()));
        QCOMPARE(h.binWidthPct, 5.0);
        QCOMPARE(QList<int>(h.counts.begin(), h.counts.end()), counts);
        if (!counts.isEmpty())
            QCOMPARE(h.firstBinPct, first);
    }

    void fitShowsTheEnginesCalibration()
    {
        Pages pages;
        prepare(pages, m_registry);
        QVERIFY(pages.calibration.hasMeasurements());
        QVERIFY(pages.calibration.messageLabel()->text().contains(u"1 results file"));
        fitAndWait(pages);
        const Calibration& got = pages.calibration.run()->calibration;
        const Calibration& want = m_reference->calibration;
        QCOMPARE(got.points.size(), want.points.size());
        QCOMPARE(got.model.coefficients, want.model.coefficients);

        QCOMPARE(pages.calibration.coefficientModel()->rowCount(), int(classesOf(want.model).size()));
        QCOMPARE(pages.calibration.roofsModel()->rowCount(), 2 + int(want.roofs.bandwidth.size()));
        // Every training point once (operators small, model points larger), and the model points held out again.
        const CalibrationScatterPlot* plot = pages.calibration.plot();
        const CalibrationScatterData& scatter = plot->scatter();
        QCOMPARE(scatter.pointCount(ScatterStyle::Operator) + scatter.pointCount(ScatterStyle::ModelPoint),
            int(want.points.size()));
        QCOMPARE(scatter.pointCount(ScatterStyle::Operator), 3);
        QCOMPARE(scatter.pointCount(ScatterStyle::HeldOut), int(want.heldOut.size()));
        QCOMPARE(plot->pointCount(), int(want.points.size() + want.heldOut.size()));
        QVERIFY(pages.calibration.qualityLabel()->text().contains(QString::number(want.quality.r2Log, 'f', 3)));
        QVERIFY(pages.calibration.saveButton()->isEnabled());

        // The validation page follows the same run.
        QCOMPARE(pages.validation.run(), pages.calibration.run());
        QCOMPARE(pages.validation.model()->rowCount(), int(want.groupErrors.size()));
        QCOMPARE(pages.validation.proxy()->rowCount(), 5);
        const AccuracySummary& expected = m_reference->accuracy->all;
        const AccuracySummary& shown = pages.validation.run()->accuracy->all;
        QCOMPARE(shown.mapePct, expected.mapePct);
        QCOMPARE(shown.count, size_t(5));
        const QString summary = pages.validation.summaryLabel()->text();
        QVERIFY2(summary.contains(QStringLiteral("MAPE %1 %").arg(QString::number(expected.mapePct, 'f', 1))),
            qPrintable(summary));
        QVERIFY2(summary.contains(u"Spearman"), qPrintable(summary));
        QCOMPARE(pages.validation.scatterPlot()->pointCount(), 5);
        QCOMPARE(pages.validation.scatterPlot()->errorBarCount(), 5);
        QCOMPARE(pages.validation.histogramPlot()->histogram().total(), 5);
    }

    void saveWritesTheProfile()
    {
        Pages pages;
        prepare(pages, m_registry);
        fitAndWait(pages);
        const QString path = QString::fromStdString(
            calibrationProfilePath(m_registry.toStdString(), kHardware, "pytorch", Precision::FP32));
        QFile::remove(path);
        QSignalSpy saved(&pages.runner, &CalibrationRunner::saved);
        QTest::mouseClick(pages.calibration.saveButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
        QCOMPARE(saved.first().first().toString(), path);
        QVERIFY(pages.calibration.messageLabel()->text().contains(u"Saved the profile"));
        auto profile = loadCalibrationProfile(path.toStdString());
        QVERIFY2(profile, profile ? "" : profile.error().toString().c_str());
        QCOMPARE(profile->hardware, kHardware);
        QCOMPARE(profile->runtime, std::string("pytorch"));
        QCOMPARE(profile->precision, Precision::FP32);
        QCOMPARE(profile->points, size_t(23));
        QCOMPARE(profile->models, size_t(5));
        QCOMPARE(
            profile->measurements, std::vector<std::string> { "benchmarks/" + kHardware + "/pytorch/imported.csv" });
        QVERIFY(profile->tool.find(QCoreApplication::applicationName().toStdString()) != std::string::npos);
    }

    void exportsWriteFiles()
    {
        Pages pages;
        prepare(pages, m_registry);
        pages.validation.resize(1200, 800);
        pages.validation.show();
        fitAndWait(pages);
        const QString csv = m_dir.filePath(QStringLiteral("validation.csv"));
        QCOMPARE(pages.validation.exportCsv(csv), QString());
        const QStringList lines = graphs::testing::readTestFileLines(csv);
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines.first(), QStringLiteral("model,measured_ms,estimated_ms,error_pct,bound_pct,inside"));
        QVERIFY(lines.at(1).startsWith(u"Anet,"));
        const QString png = m_dir.filePath(QStringLiteral("validation.png"));
        QCOMPARE(pages.validation.exportImage(png), QString());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > image.height());
        const QString chart = m_dir.filePath(QStringLiteral("calibration.png"));
        QCOMPARE(pages.calibration.exportImage(chart), QString());
        QVERIFY(!QImage(chart).isNull());
        // Into a folder that does not exist: the problem names the file.
        const QString bad = m_dir.filePath(QStringLiteral("missing/validation.csv"));
        QVERIFY(pages.validation.exportCsv(bad).contains(QDir::toNativeSeparators(bad)));
    }

    void cancelDropsTheResult()
    {
        Pages pages;
        prepare(pages, m_registry);
        QSignalSpy finished(&pages.runner, &CalibrationRunner::finished);
        QSignalSpy cancelled(&pages.runner, &CalibrationRunner::cancelled);
        QTest::mouseClick(pages.calibration.fitButton(), Qt::LeftButton);
        QVERIFY(pages.calibration.cancelButton()->isVisible());
        QTest::mouseClick(pages.calibration.cancelButton(), Qt::LeftButton);
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!pages.runner.isRunning());
        QVERIFY(pages.calibration.fitButton()->isEnabled());
        QVERIFY(pages.calibration.messageLabel()->text().contains(u"cancelled"));
        // The worker finishes on its own; what it reports goes nowhere.
        QTRY_COMPARE_WITH_TIMEOUT(QThreadPool::globalInstance()->activeThreadCount(), 0, FitTimeoutMs);
        QTest::qWait(50);
        QCOMPARE(finished.count(), 0);
        QVERIFY(!pages.calibration.run());
        QVERIFY(!pages.validation.run());
    }

    void mainWindowOffersThePages()
    {
        // No model open: View › Calibration leaves the welcome screen for the page, whose hardware list follows the
        // registry the window loads.
        MainWindow window;
        window.show();
        QAction* show = window.findChild<QAction*>(QStringLiteral("showCalibration"));
        QVERIFY(show);
        show->trigger();
        QCOMPARE(window.pages()->currentWidget(), window.calibrationPage());
        QVERIFY(window.pages()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(window.calibrationPage()->hardwareCombo()->count() > 0, 20000);
        QVERIFY(window.calibrationPage()->selectHardware(kHardwareId));
        window.findChild<QAction*>(QStringLiteral("showValidation"))->trigger();
        QCOMPARE(window.pages()->currentWidget(), window.validationPage());
        QVERIFY(window.validationPage()->summaryLabel()->text().isEmpty());
    }

    void errorsNameWhatIsMissing_data()
    {
        QTest::addColumn<QString>("hardware");
        QTest::addColumn<int>("rows"); ///< of the law's subgraph rows written; -1: no results file at all
        QTest::addColumn<QString>("fragment");
        QTest::newRow("no measurements") << kHardwareId << -1
                                         << QString(QStringLiteral("No measurements of ") + kHardwareId);
        QTest::newRow("one measurement") << kHardwareId << 1 << QStringLiteral("not enough data");
    }

    void errorsNameWhatIsMissing()
    {
        QFETCH(QString, hardware);
        QFETCH(int, rows);
        QFETCH(QString, fragment);
        QTemporaryDir registry;
        if (rows >= 0) {
            std::vector<MeasurementRecord> law = lawRows();
            std::vector<MeasurementRecord> some(law.begin() + 4, law.begin() + 4 + rows);
            QVERIFY(writeRows(registry.path(), some));
        }
        Pages pages;
        prepare(pages, registry.path());
        QCOMPARE(pages.calibration.hasMeasurements(), rows >= 0);
        QSignalSpy failed(&pages.runner, &CalibrationRunner::failed);
        QTest::mouseClick(pages.calibration.fitButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, FitTimeoutMs);
        const QString message = pages.calibration.messageLabel()->text();
        QVERIFY2(message.contains(fragment), qPrintable(message));
        if (rows < 0)
            QVERIFY2(message.contains(QDir::toNativeSeparators(registry.path())), qPrintable(message));
        else
            QVERIFY2(message.contains(u"imported.csv") || message.contains(u"measurement"), qPrintable(message));
        QVERIFY(pages.validation.messageLabel()->text().contains(fragment));
        // Still usable: nothing shown, Fit available again, Save not.
        QVERIFY(!pages.calibration.run());
        QCOMPARE(pages.calibration.coefficientModel()->rowCount(), 0);
        QCOMPARE(pages.validation.model()->rowCount(), 0);
        QVERIFY(pages.calibration.fitButton()->isEnabled());
        QVERIFY(!pages.calibration.saveButton()->isEnabled());
    }
};

QTEST_MAIN(TestCalibrationPages)
#include "tst_calibration_pages.moc"
