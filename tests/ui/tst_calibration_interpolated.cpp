// INTERPOLATED calibrations in the app: a temporary user registry ($XDG_DATA_HOME) holds measurements of a Jetson AGX
// Orin GPU and of an Orin Nano GPU (imported per-subgraph rows of five models following one linear law, and three
// matmul operator rows), and a saved profile of the AGX only. The hardware picker marks the AGX calibrated and the
// Nano interpolated from the AGX's profile (as the engine's CalibrationStore finds it), the Calibration page names
// the source and the stated bound (twice the AGX fit's own) and runs the transfer check in the background against
// the Nano's own measurements, and the class-coloured scatter has one dot per training point. Models run under
// QAbstractItemModelTester.

#include "calibration/calibration_profile.h"
#include "calibration/calibration_transfer.h"
#include "charts/calibration_scatter_data.h"
#include "charts/calibration_scatter_plot.h"
#include "core/data_paths.h"
#include "estimation/estimate.h"
#include "hardware/hardware_registry.h"
#include "jobs/calibration_runner.h"
#include "jobs/registry_loader.h"
#include "jobs/transfer_checker.h"
#include "linear_measurements.h"
#include "models/hardware_list_model.h"
#include "models/transfer_check_model.h"
#include "pages/calibration_page.h"
#include "transform/fusion_rules.h"
#include "widgets/hardware_picker.h"
#include "widgets/hardware_toolbar.h"
#include "widgets/transfer_panel.h"
#include "workflows/calibration_store.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <map>
#include <set>

using namespace graphs;
using namespace graphs::ui;

namespace {

const std::string kAgx = "nvidia-jetson-agx-orin-64gb-gpu";
const std::string kNano = "nvidia-jetson-orin-nano-8gb-gpu";
const std::string kI7 = "intel-core-i7-12700k";
constexpr int TimeoutMs = 60000;

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

/// The law of linear_measurements.h: FLOPs / 400 GFLOP/s + bytes / 30 GB/s + 20 µs.
double lawSeconds(double flops, double bytes)
{
    return flops / 4e11 + bytes / 3e10 + 2e-5;
}

/// Three matmul operator rows following the same law, in a results file of their own.
bool writeOperators(const std::string& registry, const std::string& hardware)
{
    auto file = ResultsFile::open(registry, hardware, "pytorch", "operators", {});
    if (!file)
        return false;
    for (int i = 0; i < 3; ++i) {
        MeasurementRecord r;
        r.date = "2026-01-01T00:00:00Z";
        r.kind = MeasurementKind::Operator;
        r.runtime = "pytorch";
        r.source = "bench.csv";
        r.samples = 11;
        r.benchmark = "matmul/" + std::to_string(i);
        r.detail = "matmul, median of 11 runs";
        r.flops = 3e8 * (i + 1);
        r.bytes = 2e6 * (3 - i);
        r.minMs = r.medianMs = r.meanMs = 1e3 * lawSeconds(r.flops, r.bytes);
        if (!file->append(r))
            return false;
    }
    return true;
}

/// What linear_measurements.h writes for model `m`, summed over its four subgraphs (the harness's whole model).
double modelSeconds(int m)
{
    double total = 0;
    for (int c = 0; c < 4; ++c) {
        const double flops = c == 3 ? 0 : 1e8 * (1 + (2 * m + c) % 5);
        const double bytes = 1e6 * (1 + (3 * m + 2 * c) % 4);
        total += lawSeconds(flops, bytes);
    }
    return total;
}

} // namespace

class TestCalibrationInterpolated : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::string m_registry;
    std::string m_agxProfile;
    std::shared_ptr<const HardwareCatalog> m_catalog;
    std::shared_ptr<const Calibration> m_agx; ///< the AGX's own calibration, built here

    int rowOf(const HardwareListModel& model, const std::string& id) { return model.rowOf(q(id)); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
        m_registry = userRegistryDir();
        QVERIFY(m_registry.starts_with(m_home.path().toStdString()));
        for (const std::string& hardware : { kAgx, kNano }) {
            QVERIFY(graphs::testing::writeLinearSubgraphMeasurements(m_registry, hardware));
            QVERIFY(writeOperators(m_registry, hardware));
        }

        RegistryLoader loader;
        QSignalSpy loaded(&loader, &RegistryLoader::loaded);
        loader.load({ QStringLiteral(GRAPHS_SOURCE_DIR "/registries") });
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        m_catalog = loader.catalog();
        for (const std::string& id : { kAgx, kNano, kI7 })
            QVERIFY2(m_catalog->hardware(q(id)), id.c_str());
        QVERIFY(m_catalog->runtime(QStringLiteral("pytorch")));
        // The premise of the marks: the AGX and the Nano GPUs are of one family, the i7 of another.
        QCOMPARE(hardwareFamily(*m_catalog->hardware(q(kAgx))), hardwareFamily(*m_catalog->hardware(q(kNano))));
        QVERIFY(hardwareFamily(*m_catalog->hardware(q(kAgx))) != hardwareFamily(*m_catalog->hardware(q(kI7))));

        // The AGX's profile, as `graphs calibrate` saves it; none for the Nano.
        CalibrationProfile profile;
        profile.hardware = kAgx;
        profile.runtime = "pytorch";
        for (const QString& m : registryMeasurements(q(m_registry), q(kAgx), QStringLiteral("pytorch")))
            profile.measurements.push_back(m.toStdString());
        QCOMPARE(profile.measurements.size(), size_t(2));
        m_agxProfile = calibrationProfilePath(m_registry, kAgx, "pytorch", Precision::FP32);
        QVERIFY(saveCalibrationProfile(profile, m_agxProfile));
        auto built = buildCalibration(
            profile, m_catalog->hardware(q(kAgx)), *m_catalog->runtime(QStringLiteral("pytorch")), m_registry);
        QVERIFY2(built, built ? "" : built.error().toString().c_str());
        QVERIFY(built->hasLatency());
        QVERIFY(built->errorBoundPct > 0);
        m_agx = std::make_shared<const Calibration>(std::move(*built));
    }

    void pickerMarksInterpolatedEntries()
    {
        HardwareListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries(m_catalog->registry->entries());
        model.setCalibrationContext(QStringLiteral("pytorch"), Precision::FP32);
        const int agx = rowOf(model, kAgx);
        const int nano = rowOf(model, kNano);
        const int i7 = rowOf(model, kI7);
        QVERIFY(agx >= 0 && nano >= 0 && i7 >= 0);

        QCOMPARE(model.index(agx, HardwareListModel::Confidence).data().toString(), u"calibrated"_qs);
        QCOMPARE(model.index(agx, 0).data(HardwareListModel::InterpolatedFromRole).toString(), QString());
        QVERIFY(model.index(agx, 0).data(Qt::ToolTipRole).toString().contains(q(m_agxProfile)));

        QCOMPARE(model.index(nano, HardwareListModel::Confidence).data().toString(), u"interpolated"_qs);
        QCOMPARE(model.index(nano, 0).data(HardwareListModel::ConfidenceRole).toInt(),
            static_cast<int>(Confidence::Interpolated));
        QCOMPARE(model.index(nano, 0).data(HardwareListModel::InterpolatedFromRole).toString(), q(kAgx));
        const QString tip = model.index(nano, HardwareListModel::Confidence).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(
                     u"interpolated from "_qs + q(kAgx) + u" ("_qs + q(m_agxProfile) + u")"_qs, Qt::CaseInsensitive),
            qPrintable(tip));

        QCOMPARE(model.index(i7, HardwareListModel::Confidence).data().toString(), u"theoretical"_qs);

        // The engine's store, which the estimates use, carries the same profile over.
        CalibrationStore store(m_registry);
        auto carried = store.find(
            m_catalog->hardware(q(kNano)), *m_catalog->runtime(QStringLiteral("pytorch")), Precision::FP32);
        QVERIFY(carried && *carried);
        QCOMPARE((*carried)->transferredFrom, kAgx);

        // Another precision has no profile at all: nothing is calibrated or carried over.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setCalibrationContext(QStringLiteral("pytorch"), Precision::FP16);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(agx, HardwareListModel::Confidence).data().toString(), u"theoretical"_qs);
        QCOMPARE(model.index(nano, HardwareListModel::Confidence).data().toString(), u"theoretical"_qs);
    }

    void toolbarMarksTheCurrentSettings()
    {
        HardwareToolBar bar;
        bar.setCatalog(m_catalog);
        QVERIFY(bar.selectHardware(q(kNano)));
        bar.setPreferredPrecision(Precision::FP32);
        QVERIFY(bar.selectRuntime(QStringLiteral("pytorch")));
        const HardwareListModel* model = bar.picker()->listModel();
        QCOMPARE(
            model->index(model->rowOf(q(kNano)), 0).data(HardwareListModel::InterpolatedFromRole).toString(), q(kAgx));
        // The choice survives the marks changing.
        bar.setPreferredPrecision(Precision::FP16);
        QCOMPARE(bar.picker()->hardware(), m_catalog->hardware(q(kNano)));
        QCOMPARE(model->index(model->rowOf(q(kNano)), 0).data(HardwareListModel::InterpolatedFromRole).toString(),
            QString());
    }

    void pageNamesTheSourceAndChecksTheTransfer()
    {
        CalibrationRunner runner;
        CalibrationPage page(&runner);
        QAbstractItemModelTester tester(
            page.transferPanel()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setRegistryDirectory(q(m_registry));
        page.setCatalog(m_catalog);
        QVERIFY(page.selectHardware(q(kNano)));
        QVERIFY(page.selectRuntime(QStringLiteral("pytorch")));
        QVERIFY(page.selectPrecision(Precision::FP32));
        page.resize(1200, 800);
        page.show();

        QCOMPARE(page.transferPanel()->source().kind, CalibrationSource::Kind::Sibling);
        QVERIFY(page.transferPanel()->checkButton()->isVisible());
        QVERIFY(page.transferPanel()->sourceLabel()->text().contains(
            u"INTERPOLATED from the calibration of "_qs + q(kAgx)));
        QVERIFY(page.transferPanel()->sourceLabel()->text().contains(QDir::toNativeSeparators(q(m_agxProfile))));
        // The stated bound is the transfer's: kTransferBoundFactor × the AGX fit's cross-validated bound.
        const QString bound
            = u"Stated bound ±"_qs + QString::number(kTransferBoundFactor * m_agx->errorBoundPct, 'f', 1) + u" %"_qs;
        QTRY_VERIFY2_WITH_TIMEOUT(page.transferPanel()->sourceLabel()->text().contains(bound),
            qPrintable(page.transferPanel()->sourceLabel()->text()), TimeoutMs);

        QSignalSpy checked(page.transferPanel()->checker(), &TransferChecker::checked);
        QTest::mouseClick(page.transferPanel()->checkButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, TimeoutMs);
        QCOMPARE(page.findChild<QTabWidget*>(u"calibrationBottomTabs"_qs)->currentWidget(), page.transferPanel());
        // The Nano's own measurements: five models (their four subgraphs summed) and three operator rows.
        const TransferCheckModel& items = *page.transferPanel()->model();
        QCOMPARE(items.rowCount(), 8);
        std::map<std::string, int> kinds;
        for (int row = 0; row < items.rowCount(); ++row) {
            const TransferItem& item = items.check()->items[size_t(row)];
            kinds[item.kind] += 1;
            if (item.kind == "model") {
                const int m = item.name.back() - '0';
                QVERIFY2(std::abs(item.measuredSeconds / modelSeconds(m) - 1) < 1e-6, item.name.c_str());
            }
            const double error = (item.predictedSeconds / item.measuredSeconds - 1) * 100;
            QVERIFY(std::abs(item.errorPct - error) < 1e-6);
            QCOMPARE(items.index(row, TransferCheckModel::Error).data(TransferCheckModel::SortRole).toDouble(),
                item.errorPct);
            QCOMPARE(items.index(row, TransferCheckModel::Inside).data().toString(),
                std::abs(error) <= items.check()->boundPct ? u"yes"_qs : u"no"_qs);
        }
        QCOMPARE(kinds["model"], 5);
        QCOMPARE(kinds.size(), size_t(2));
        // The summary's per-kind MAPE, from the items' own figures.
        double modelErrors = 0;
        for (const TransferItem& item : items.check()->items)
            modelErrors += item.kind == "model" ? std::abs(item.errorPct) : 0;
        QVERIFY2(
            items.summary().contains(u"model: MAPE "_qs + QString::number(modelErrors / 5, 'f', 1) + u" % over 5"_qs),
            qPrintable(items.summary()));
        QCOMPARE(items.check()->boundPct, kTransferBoundFactor * m_agx->errorBoundPct);
        QVERIFY(page.transferPanel()->summaryLabel()->text().contains(u"MAPE"_qs));
        QVERIFY(page.transferPanel()->summaryLabel()->text().contains(
            u"±"_qs + QString::number(items.check()->boundPct, 'f', 1) + u" %"_qs));

        // The AGX is calibrated with its own profile; the i7 has none in its family.
        QVERIFY(page.selectHardware(q(kAgx)));
        QCOMPARE(page.transferPanel()->source().kind, CalibrationSource::Kind::Own);
        QVERIFY(page.transferPanel()->sourceLabel()->text().contains(u"CALIBRATED"_qs));
        QVERIFY(!page.transferPanel()->checkButton()->isVisible());
        QCOMPARE(page.transferPanel()->model()->rowCount(), 0);
        QVERIFY(page.selectHardware(q(kI7)));
        QCOMPARE(page.transferPanel()->source().kind, CalibrationSource::Kind::None);
        QVERIFY(page.transferPanel()->sourceLabel()->text().contains(u"THEORETICAL"_qs));
    }

    void checkWithoutMeasurementsNamesTheFolder()
    {
        // The 15 W Orin Nano is of the family too, but nothing of it was measured.
        const std::string nano15 = "nvidia-jetson-orin-nano-8gb-15w-gpu";
        QVERIFY(m_catalog->hardware(q(nano15)));
        CalibrationRunner runner;
        CalibrationPage page(&runner);
        page.setRegistryDirectory(q(m_registry));
        page.setCatalog(m_catalog);
        QVERIFY(page.selectHardware(q(nano15)));
        QVERIFY(page.selectRuntime(QStringLiteral("pytorch")));
        QVERIFY(page.selectPrecision(Precision::FP32));
        page.show();
        QCOMPARE(page.transferPanel()->source().kind, CalibrationSource::Kind::Sibling);
        QCOMPARE(page.transferPanel()->source().hardware, kAgx);
        QSignalSpy failed(page.transferPanel()->checker(), &TransferChecker::failed);
        QTest::mouseClick(page.transferPanel()->checkButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, TimeoutMs);
        const QString folder
            = QDir::toNativeSeparators(QDir(q(m_registry)).filePath(u"benchmarks/"_qs + q(nano15) + u"/pytorch"_qs));
        QVERIFY2(page.transferPanel()->summaryLabel()->text().contains(folder),
            qPrintable(page.transferPanel()->summaryLabel()->text()));
        QCOMPARE(page.transferPanel()->model()->rowCount(), 0);
        QVERIFY(page.transferPanel()->checkButton()->isEnabled());
    }

    void classScatterHasEveryTrainingPoint()
    {
        CalibrationRun run;
        run.calibration = *m_agx;
        for (const TrainingPoint& p : run.calibration.points)
            run.fittedSeconds.push_back(run.calibration.model.predictSeconds(p.features));
        // Five models × four subgraphs and three operators.
        QCOMPARE(run.calibration.points.size(), size_t(23));
        const CalibrationScatterData data = makeClassScatter(run);
        QCOMPARE(data.pointCount(), 23);
        QCOMPARE(data.bandPct, 25.0);
        // One series per kind of subgraph written; the matmul operators join the Linear subgraphs (both "matrix").
        QCOMPARE(data.series.size(), size_t(4));
        std::set<QRgb> colours;
        for (const ScatterSeries& s : data.series) {
            colours.insert(s.colour.rgb());
            std::set<QString> kinds;
            for (const ScatterPoint& p : s.points)
                kinds.insert(p.label.startsWith(u"matmul"_qs) ? u"sg1"_qs : p.label.section(u'/', 1, 1).left(3));
            QCOMPARE(kinds.size(), size_t(1));
            if (*kinds.begin() == u"sg1"_qs) {
                QCOMPARE(s.name, u"matrix"_qs);
                QCOMPARE(s.points.size(), size_t(8));
            } else {
                QCOMPARE(s.points.size(), size_t(5));
            }
        }
        QCOMPARE(colours.size(), size_t(4));
        CalibrationScatterPlot plot;
        plot.setScatter(data);
        QCOMPARE(plot.pointCount(), 23);
    }
};

QTEST_MAIN(TestCalibrationInterpolated)
#include "tst_calibration_interpolated.moc"
