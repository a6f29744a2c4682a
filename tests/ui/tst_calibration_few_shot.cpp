// Few-shot adaptation on the Calibration page: a temporary user registry ($XDG_DATA_HOME) holds measurements of a
// Jetson AGX Orin GPU and of an Orin Nano GPU (imported per-subgraph rows of five models following one linear law),
// and a saved profile of the AGX only. Adapt from on the Nano runs runFewShotCalibration() in the background; the
// curve's table, per-model errors and chart hold what the engine gives for the same request (called here on its
// own), the number of cases follows from the five models alone, and Save writes a profile that names its prior.
// In the main window, that save makes the toolbar's picker mark the Nano calibrated without a restart.

#include "calibration/calibration_profile.h"
#include "calibration/few_shot.h"
#include "charts/few_shot_curve_plot.h"
#include "core/data_paths.h"
#include "hardware/hardware_registry.h"
#include "hardware_catalog.h"
#include "jobs/calibration_runner.h"
#include "jobs/registry_loader.h"
#include "linear_measurements.h"
#include "main_window.h"
#include "models/few_shot_curve_model.h"
#include "models/few_shot_errors_model.h"
#include "models/hardware_check_model.h"
#include "models/hardware_list_model.h"
#include "pages/calibration_page.h"
#include "pages/compare_page.h"
#include "pages/generation_page.h"
#include "widgets/few_shot_panel.h"
#include "widgets/hardware_picker.h"
#include "widgets/hardware_toolbar.h"
#include "workflows/calibration_run.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace graphs;
using namespace graphs::ui;

namespace {

const std::string kAgx = "nvidia-jetson-agx-orin-64gb-gpu";
const std::string kNano = "nvidia-jetson-orin-nano-8gb-gpu";
constexpr int TimeoutMs = 90000;

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

/// The name shown for entry `id` of a check list, and its tooltip.
std::pair<QString, QString> listed(const QAbstractItemModel& list, const std::string& id)
{
    for (int row = 0; row < list.rowCount(); ++row) {
        const QModelIndex index = list.index(row, 0);
        if (index.data(HardwareListModel::IdRole).toString() == QString::fromStdString(id))
            return { index.data().toString(), index.data(Qt::ToolTipRole).toString() };
    }
    return {};
}

/// The figures come from two runs of the same deterministic fits (one on the pool, one here).
bool same(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

size_t binomial(size_t n, size_t k)
{
    size_t r = 1;
    for (size_t i = 1; i <= k; ++i)
        r = r * (n - k + i) / i;
    return r;
}

} // namespace

class TestCalibrationFewShot : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::string m_registry;
    std::string m_agxProfile;
    std::string m_nanoProfile;
    std::shared_ptr<const HardwareCatalog> m_catalog;

    /// The page's choice: the Nano × pytorch × fp32, which has no profile of its own.
    void choose(CalibrationPage& page)
    {
        QVERIFY(page.selectHardware(q(kNano)));
        QVERIFY(page.selectRuntime(QStringLiteral("pytorch")));
        QVERIFY(page.selectPrecision(Precision::FP32));
    }

    /// Presses Adapt from with the AGX chosen and waits for the adapted run.
    std::shared_ptr<const CalibrationRun> adapt(CalibrationPage& page, CalibrationRunner& runner)
    {
        FewShotPanel& panel = *page.fewShotPanel();
        if (panel.adaptRow()->isHidden() || !panel.selectPrior(q(kAgx)) || !panel.adaptButton()->isEnabled())
            return nullptr;
        QSignalSpy finished(&runner, &CalibrationRunner::finished);
        QTest::mouseClick(panel.adaptButton(), Qt::LeftButton);
        if (!finished.wait(TimeoutMs))
            return nullptr;
        return runner.current();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_home.isValid());
        qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
        m_registry = userRegistryDir();
        QVERIFY(m_registry.starts_with(m_home.path().toStdString()));
        for (const std::string& hardware : { kAgx, kNano })
            QVERIFY(graphs::testing::writeLinearSubgraphMeasurements(m_registry, hardware));

        RegistryLoader loader;
        QSignalSpy loaded(&loader, &RegistryLoader::loaded);
        loader.load({ QStringLiteral(GRAPHS_SOURCE_DIR "/registries") });
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        m_catalog = loader.catalog();
        QVERIFY(m_catalog->hardware(q(kAgx)) && m_catalog->hardware(q(kNano)));
        QCOMPARE(hardwareFamily(*m_catalog->hardware(q(kAgx))), hardwareFamily(*m_catalog->hardware(q(kNano))));

        // The AGX's profile, as `graphs calibrate` saves it; none for the Nano.
        CalibrationProfile profile;
        profile.hardware = kAgx;
        profile.runtime = "pytorch";
        for (const QString& m : registryMeasurements(q(m_registry), q(kAgx), QStringLiteral("pytorch")))
            profile.measurements.push_back(m.toStdString());
        QCOMPARE(profile.measurements.size(), size_t(1));
        m_agxProfile = calibrationProfilePath(m_registry, kAgx, "pytorch", Precision::FP32);
        QVERIFY(saveCalibrationProfile(profile, m_agxProfile));
        m_nanoProfile = calibrationProfilePath(m_registry, kNano, "pytorch", Precision::FP32);
        QVERIFY(!QFile::exists(q(m_nanoProfile)));
    }

    void adaptShowsTheEnginesCurve()
    {
        CalibrationRunner runner;
        CalibrationPage page(&runner);
        QAbstractItemModelTester curveTester(
            page.fewShotPanel()->curveModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester errorsTester(
            page.fewShotPanel()->errorsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setRegistryDirectory(q(m_registry));
        page.setCatalog(m_catalog);
        choose(page);
        page.resize(1300, 860);
        page.show();

        // The AGX is the one device of the family with a profile to adapt from.
        const QComboBox* priors = page.fewShotPanel()->priorCombo();
        QCOMPARE(priors->count(), 1);
        QCOMPARE(priors->itemData(0).toString(), q(kAgx));
        QVERIFY(page.fewShotPanel()->adaptRow()->isVisible());
        QCOMPARE(page.fewShotPanel()->curveModel()->rowCount(), 0);

        // Cancel drops the adaptation in flight: it reports nothing, and the page can adapt again.
        QSignalSpy cancelled(&runner, &CalibrationRunner::cancelled);
        QSignalSpy dropped(&runner, &CalibrationRunner::finished);
        QTest::mouseClick(page.fewShotPanel()->adaptButton(), Qt::LeftButton);
        QVERIFY(page.cancelButton()->isVisible());
        QVERIFY(!page.fewShotPanel()->adaptButton()->isEnabled());
        QTest::mouseClick(page.cancelButton(), Qt::LeftButton);
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!dropped.wait(1500));
        QCOMPARE(page.fewShotPanel()->curveModel()->rowCount(), 0);

        auto run = adapt(page, runner);
        QVERIFY(run);
        QVERIFY(run->fewShot);
        QCOMPARE(run->calibration.profile.priorHardware, kAgx);
        QCOMPARE(page.findChild<QTabWidget*>(u"calibrationBottomTabs"_qs)->currentWidget(), page.fewShotPanel());

        // The engine's own answer to the same request.
        const CalibrateRequest request = calibrateRequest(
            m_catalog->hardware(q(kNano)), QStringLiteral("pytorch"), Precision::FP32, q(m_registry), {});
        const SpecLookup lookup = [this](const std::string& id) { return m_catalog->registry->find(id); };
        auto expected = runFewShotCalibration(request, *m_catalog->runtime(QStringLiteral("pytorch")), kAgx, lookup);
        QVERIFY2(expected, expected ? "" : expected.error().toString().c_str());
        QCOMPARE(expected->calibration.profile.priorProfile, m_agxProfile);

        // Five models of the Nano, each left out in turn: with k of the other four fitted, C(4, k) training sets.
        const FewShotCurve& curve = expected->curve;
        QCOMPARE(curve.models.size(), size_t(5));
        QCOMPARE(curve.steps.size(), size_t(4));
        const FewShotCurveModel& table = *page.fewShotPanel()->curveModel();
        QCOMPARE(table.rowCount(), 4);
        const auto cell
            = [&](int row, int column) { return table.index(row, column).data(FewShotCurveModel::ValueRole); };
        for (int row = 0; row < 4; ++row) {
            const FewShotStep& k = curve.steps[size_t(row)];
            const FewShotStep& r = expected->roofline.steps[size_t(row)];
            QCOMPARE(k.models, size_t(row));
            QCOMPARE(k.cases, 5 * binomial(4, size_t(row)));
            QCOMPARE(cell(row, FewShotCurveModel::Models).toULongLong(), qulonglong(k.models));
            QCOMPARE(cell(row, FewShotCurveModel::Cases).toULongLong(), qulonglong(k.cases));
            QVERIFY(same(cell(row, FewShotCurveModel::Mape).toDouble(), k.mapePct));
            QVERIFY(same(cell(row, FewShotCurveModel::Median).toDouble(), k.medianPct));
            QVERIFY(same(cell(row, FewShotCurveModel::Worst).toDouble(), k.worstPct));
            QVERIFY(same(cell(row, FewShotCurveModel::Bound).toDouble(), k.meanBoundPct));
            QCOMPARE(cell(row, FewShotCurveModel::Coverage).toULongLong(), qulonglong(k.inside));
            QVERIFY(same(cell(row, FewShotCurveModel::RooflineMape).toDouble(), r.mapePct));
            QVERIFY(same(cell(row, FewShotCurveModel::RooflineMedian).toDouble(), r.medianPct));
            QCOMPARE(table.index(row, FewShotCurveModel::Coverage).data().toString(),
                QString::number(k.inside) + u" of "_qs + QString::number(k.cases));
            QCOMPARE(table.index(row, FewShotCurveModel::Mape).data().toString(),
                QString::number(k.mapePct, 'f', 1) + u" %"_qs);
            QVERIFY(k.medianPct <= k.worstPct && k.mapePct <= k.worstPct);
        }

        // Each model's errors; every model is left out in as many cases at each k, so their mean is the MAPE.
        const FewShotErrorsModel& errors = *page.fewShotPanel()->errorsModel();
        QCOMPARE(errors.rowCount(), 5);
        QCOMPARE(errors.columnCount(), 1 + 4);
        for (int k = 0; k < 4; ++k) {
            double sum = 0;
            for (int row = 0; row < 5; ++row) {
                const FewShotModel& m = curve.models[size_t(row)];
                QCOMPARE(errors.index(row, FewShotErrorsModel::Model).data().toString(), q(m.model));
                const double shown = errors.index(row, FewShotErrorsModel::FirstStep + k)
                                         .data(FewShotErrorsModel::ValueRole)
                                         .toDouble();
                QVERIFY(same(shown, m.errorPct[size_t(k)]));
                sum += shown;
            }
            QVERIFY2(std::abs(sum / 5 - curve.steps[size_t(k)].mapePct) < 1e-6 * std::max(1.0, sum),
                qPrintable(QString::number(sum / 5) + u" vs "_qs + QString::number(curve.steps[size_t(k)].mapePct)));
        }

        // The chart: MAPE and median with the AGX as the prior and with the roofline, one point per step.
        const FewShotCurvePlot& plot = *page.fewShotPanel()->plot();
        QCOMPARE(plot.lineCount(), 4);
        for (int line = 0; line < 4; ++line)
            QCOMPARE(plot.graph(line)->dataCount(), 4);
        QVERIFY(same(plot.graph(0)->data()->at(3)->value, curve.steps[3].mapePct));
        QVERIFY(same(plot.graph(3)->data()->at(2)->value, expected->roofline.steps[2].medianPct));
        const QString summary = page.fewShotPanel()->summaryLabel()->text();
        QVERIFY2(summary.contains(q(kAgx)) && summary.contains(QDir::toNativeSeparators(q(m_agxProfile))),
            qPrintable(summary));

        // The screenshot of the desktop guide (docs/images/calibration-few-shot.png), the curve's tab given room.
        if (qEnvironmentVariableIsSet("GRAPHS_SCREENSHOT")) {
            page.findChild<QSplitter*>(u"calibrationSplitter"_qs)->setSizes({ 400, 380 });
            QTest::qWait(300);
            QVERIFY(page.grab().save(qEnvironmentVariable("GRAPHS_SCREENSHOT")));
        }

        // Saved like a fit of its own, at the Nano's profile path, naming its prior.
        QVERIFY(page.saveButton()->isEnabled());
        QSignalSpy saved(&runner, &CalibrationRunner::saved);
        QTest::mouseClick(page.saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait(TimeoutMs));
        QCOMPARE(saved.constFirst().constFirst().toString(), q(m_nanoProfile));
        auto stored = loadCalibrationProfile(m_nanoProfile);
        QVERIFY2(stored, stored ? "" : stored.error().toString().c_str());
        QCOMPARE(stored->hardware, kNano);
        QCOMPARE(stored->priorHardware, kAgx);
        QCOMPARE(stored->priorProfile, m_agxProfile);
        QVERIFY(page.messageLabel()->text().contains(q(kAgx)));

        // A fit of its own clears the curve.
        QSignalSpy fitted(&runner, &CalibrationRunner::finished);
        QTest::mouseClick(page.fitButton(), Qt::LeftButton);
        QVERIFY(fitted.wait(TimeoutMs));
        QCOMPARE(page.fewShotPanel()->curveModel()->rowCount(), 0);
        QCOMPARE(plot.lineCount(), 0);
        QVERIFY(QFile::remove(q(m_nanoProfile)));
    }

    void adaptWithoutModelsSaysWhy()
    {
        // The 15 W Orin Nano is of the family too, but nothing of it was measured.
        const std::string nano15 = "nvidia-jetson-orin-nano-8gb-15w-gpu";
        CalibrationRunner runner;
        CalibrationPage page(&runner);
        page.setRegistryDirectory(q(m_registry));
        page.setCatalog(m_catalog);
        QVERIFY(page.selectHardware(q(nano15)));
        QVERIFY(page.selectRuntime(QStringLiteral("pytorch")));
        QVERIFY(page.selectPrecision(Precision::FP32));
        page.show();
        QVERIFY(page.fewShotPanel()->adaptRow()->isVisible());
        QSignalSpy failed(&runner, &CalibrationRunner::failed);
        QTest::mouseClick(page.fewShotPanel()->adaptButton(), Qt::LeftButton);
        QVERIFY(failed.wait(TimeoutMs));
        const QString folder
            = QDir::toNativeSeparators(QDir(q(m_registry)).filePath(u"benchmarks/"_qs + q(nano15) + u"/pytorch"_qs));
        QVERIFY2(page.messageLabel()->text().contains(folder), qPrintable(page.messageLabel()->text()));

        // No device of the i7's family has a profile: nothing to adapt from.
        QVERIFY(page.selectHardware(u"intel-core-i7-12700k"_qs));
        QCOMPARE(page.fewShotPanel()->priorCombo()->count(), 0);
        QVERIFY(!page.fewShotPanel()->adaptRow()->isVisible());
    }

    void compareAndGenerationListsAreMarked()
    {
        // The AGX has its own fp32 profile, the Nano borrows it, the i7 is of another family: as the toolbar marks
        // them.
        const std::string i7 = "intel-core-i7-12700k";
        const auto check = [&](const QAbstractItemModel& list) {
            const auto [agx, agxTip] = listed(list, kAgx);
            QVERIFY2(agx.endsWith(u" — calibrated"_qs), qPrintable(agx));
            QVERIFY(agx.startsWith(q(m_catalog->hardware(q(kAgx))->name)));
            QVERIFY(agxTip.contains(q(m_agxProfile)));
            const auto [nano, nanoTip] = listed(list, kNano);
            QVERIFY2(nano.endsWith(u" — interpolated"_qs), qPrintable(nano));
            QVERIFY2(nanoTip.contains(u"INTERPOLATED from "_qs + q(kAgx)), qPrintable(nanoTip));
            QVERIFY(listed(list, i7).first.endsWith(u" — theoretical"_qs));
        };
        ComparePage compare;
        compare.setCatalog(m_catalog);
        compare.runtimeCombo()->setCurrentIndex(compare.runtimeCombo()->findData(u"pytorch"_qs));
        for (Precision p : kAllPrecisions)
            compare.setPrecisionChecked(p, false);
        compare.setPrecisionChecked(Precision::FP32, true);
        check(*compare.hardwareView()->model());
        // At fp16 (the first precision checked) nothing is stored: every entry is theoretical.
        compare.setPrecisionChecked(Precision::FP16, true);
        compare.setPrecisionChecked(Precision::FP32, false);
        QVERIFY(listed(*compare.hardwareView()->model(), kAgx).first.endsWith(u" — theoretical"_qs));
        QVERIFY(listed(*compare.hardwareView()->model(), kNano).first.endsWith(u" — theoretical"_qs));

        GenerationPage generation;
        generation.setCatalog(m_catalog);
        generation.runtimeCombo()->setCurrentIndex(generation.runtimeCombo()->findData(u"pytorch"_qs));
        generation.precisionCombo()->setCurrentIndex(generation.precisionCombo()->findData(u"fp32"_qs));
        check(*generation.hardwareView()->model());
        // Another runtime has no profile.
        generation.runtimeCombo()->setCurrentIndex(generation.runtimeCombo()->findData(u"onnxruntime"_qs));
        QVERIFY(listed(*generation.hardwareView()->model(), kAgx).first.endsWith(u" — theoretical"_qs));
    }

    void savingMarksTheToolbarEntryCalibrated()
    {
        MainWindow window;
        window.resize(1300, 860);
        window.show();
        HardwareToolBar& bar = *window.hardwareToolBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar.hasCatalog(), 20000);
        QVERIFY(bar.selectHardware(q(kNano)));
        bar.setPreferredPrecision(Precision::FP32);
        QVERIFY(bar.selectRuntime(QStringLiteral("pytorch")));
        const HardwareListModel& marks = *bar.picker()->listModel();
        const int nano = marks.rowOf(q(kNano));
        QCOMPARE(marks.index(nano, HardwareListModel::Confidence).data().toString(), u"interpolated"_qs);

        // The Compare and Generation pages' lists at pytorch × fp32 too.
        ComparePage& compare = *window.comparePage();
        QTRY_VERIFY_WITH_TIMEOUT(compare.runtimeCombo()->findData(u"pytorch"_qs) >= 0, 20000);
        compare.runtimeCombo()->setCurrentIndex(compare.runtimeCombo()->findData(u"pytorch"_qs));
        for (Precision p : kAllPrecisions)
            compare.setPrecisionChecked(p, p == Precision::FP32);
        GenerationPage& generation = *window.findChild<GenerationPage*>();
        QTRY_VERIFY_WITH_TIMEOUT(generation.runtimeCombo()->findData(u"pytorch"_qs) >= 0, 20000);
        generation.runtimeCombo()->setCurrentIndex(generation.runtimeCombo()->findData(u"pytorch"_qs));
        generation.precisionCombo()->setCurrentIndex(generation.precisionCombo()->findData(u"fp32"_qs));
        QVERIFY(listed(*compare.hardwareModel(), kNano).first.endsWith(u" — interpolated"_qs));
        QVERIFY(listed(*generation.hardwareModel(), kNano).first.endsWith(u" — interpolated"_qs));

        CalibrationPage& page = *window.calibrationPage();
        QTRY_VERIFY_WITH_TIMEOUT(page.hardwareCombo()->findData(q(kNano)) >= 0, 20000);
        choose(page);
        auto run = adapt(page, *window.calibrationRunner());
        QVERIFY(run && run->fewShot);
        QSignalSpy settings(&bar, &HardwareToolBar::settingsChanged);
        QSignalSpy saved(window.calibrationRunner(), &CalibrationRunner::saved);
        QTest::mouseClick(page.saveButton(), Qt::LeftButton);
        QVERIFY(saved.wait(TimeoutMs));
        // Without a restart: the Nano has a profile of its own now, and the estimate is asked for again.
        QCOMPARE(marks.index(nano, HardwareListModel::Confidence).data().toString(), u"calibrated"_qs);
        QVERIFY(marks.index(nano, 0).data(Qt::ToolTipRole).toString().contains(q(m_nanoProfile)));
        QVERIFY(settings.count() >= 1);
        QVERIFY(bar.picker()->hardware());
        QCOMPARE(bar.picker()->hardware()->id, kNano);
        QVERIFY(listed(*compare.hardwareModel(), kNano).first.endsWith(u" — calibrated"_qs));
        QVERIFY(listed(*generation.hardwareModel(), kNano).first.endsWith(u" — calibrated"_qs));
        QVERIFY(QFile::remove(q(m_nanoProfile)));
    }
};

QTEST_MAIN(TestCalibrationFewShot)
#include "tst_calibration_few_shot.moc"
