// The Benchmarks page against a temporary user registry ($XDG_DATA_HOME) holding two tiny operator suites, measured
// with the native runner of the build tree: Run clicked, rows awaited as they arrive off the GUI thread, the table
// compared with the registry CSV the worker appended to, Cancel mid-run keeping what was measured, and the main
// window asked to close mid-run: each answer of its question keeps every stored row and never hangs. The results
// model runs under QAbstractItemModelTester.

#include "benchmarks/results_registry.h"
#include "close_guard.h"
#include "jobs/benchmark_job.h"
#include "main_window.h"
#include "models/benchmark_results_model.h"
#include "native/native_runner.h"
#include "pages/benchmarks_page.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace graphs;
using namespace graphs::ui;

namespace {

constexpr int RunTimeoutMs = 60000;

const char* const kTinySuite = R"(schema: 1
suite: tiny-ui
description: three small operators for the Benchmarks page test
settings:
  warmup: 1
  min_samples: 3
  target_ci: 0.5
  max_seconds: 0.05
operators:
  - group: gemm
    op: matmul
    cases:
      - {m: 16, n: 16, k: 16}
      - {m: 32, n: 32, k: 32}
  - group: elementwise
    op: elementwise
    functions: [add]
    grid: {elements: 4096}
)";

// Long enough to cancel in the middle: eight cases of a few tenths of a second each.
const char* const kLongSuite = R"(schema: 1
suite: long-ui
description: eight operators, slow enough to cancel
settings:
  warmup: 1
  min_samples: 5
  target_ci: 0.0001
  max_seconds: 0.4
operators:
  - group: gemm
    op: matmul
    cases:
      - {m: 32, n: 32, k: 32}
      - {m: 48, n: 48, k: 48}
      - {m: 64, n: 64, k: 64}
      - {m: 80, n: 80, k: 80}
      - {m: 96, n: 96, k: 96}
      - {m: 112, n: 112, k: 112}
      - {m: 128, n: 128, k: 128}
      - {m: 144, n: 144, k: 144}
)";

QStringList runnerDirs()
{
    return { QStringLiteral(GRAPHS_NATIVE_RUNNER_DIR) };
}

bool writeFile(const QString& path, const char* text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) > 0;
}

std::vector<MeasurementRecord> registryRows(const QString& csv)
{
    auto rows = loadResults(csv.toStdString());
    if (!rows) {
        qWarning("%s", rows.error().toString().c_str());
        return {};
    }
    return *rows;
}

/// The table's rows are the registry's rows: same benchmarks, in order, with the same figures.
bool sameRows(const std::vector<MeasurementRecord>& table, const std::vector<MeasurementRecord>& csv)
{
    if (table.size() != csv.size())
        return false;
    for (size_t i = 0; i < table.size(); ++i) {
        const MeasurementRecord& a = table[i];
        const MeasurementRecord& b = csv[i];
        if (a.benchmark != b.benchmark || a.kind != b.kind || a.samples != b.samples || a.shape != b.shape
            || a.runtime != b.runtime || std::abs(a.medianMs - b.medianMs) > 1e-6 * std::max(1.0, a.medianMs))
            return false;
    }
    return true;
}

bool selectSuite(BenchmarksPage& page, const QString& name)
{
    page.refreshSuites();
    const int index = page.suiteCombo()->findText(name);
    if (index < 0)
        return false;
    page.suiteCombo()->setCurrentIndex(index);
    return true;
}

} // namespace

class TestBenchmarksPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        qputenv("XDG_DATA_HOME", m_dir.path().toUtf8());
        const QString definitions = m_dir.filePath(QStringLiteral("graphs/benchmarks/definitions"));
        QVERIFY(writeFile(definitions + QStringLiteral("/tiny-ui.yaml"), kTinySuite));
        QVERIFY(writeFile(definitions + QStringLiteral("/long-ui.yaml"), kLongSuite));
        std::vector<std::string> dirs;
        for (const QString& d : runnerDirs())
            dirs.push_back(d.toStdString());
        // The runner programs are built with graphs, a dependency of this test: absent means a broken build.
        const auto runner = findNativeRunnerProgram(dirs);
        if (!runner)
            QFAIL(qPrintable(QString(QStringLiteral("no native runner program in " GRAPHS_NATIVE_RUNNER_DIR
                                                    " (building the graphs target builds them): ")
                + QString::fromStdString(runner.error().toString()))));
    }

    void modelUnderTester()
    {
        BenchmarkResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        MeasurementRecord r;
        r.benchmark = "gemm/matmul k=16,m=16,n=16";
        r.kind = MeasurementKind::Operator;
        r.medianMs = 0.5;
        r.samples = 7;
        r.flops = 2e6;
        model.append(r);
        r.flops = -1;
        r.bytes = 1e6;
        model.append(r);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(BenchmarkResultsModel::NumColumns));
        QCOMPARE(model.data(model.index(0, BenchmarkResultsModel::SamplesColumn), BenchmarkResultsModel::SortRole)
                     .toLongLong(),
            7);
        QVERIFY(model.data(model.index(0, BenchmarkResultsModel::RateColumn))
                    .toString()
                    .contains(QStringLiteral("FLOP/s")));
        QVERIFY(
            model.data(model.index(1, BenchmarkResultsModel::RateColumn)).toString().endsWith(QStringLiteral("B/s")));
        QCOMPARE(
            model.data(model.index(0, BenchmarkResultsModel::RateColumn), BenchmarkResultsModel::SortRole).toDouble(),
            4e9);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void suiteAddedLaterAppearsWhenShown()
    {
        BenchmarksPage page;
        page.show();
        QVERIFY(page.suiteCombo()->findText(QStringLiteral("tiny-ui")) >= 0);
        QCOMPARE(page.suiteCombo()->findText(QStringLiteral("later-ui")), -1);
        page.suiteCombo()->setCurrentIndex(page.suiteCombo()->findText(QStringLiteral("tiny-ui")));
        page.hide();
        const QString later = m_dir.filePath(QStringLiteral("graphs/benchmarks/definitions/later-ui.yaml"));
        QVERIFY(writeFile(later, QByteArray(kTinySuite).replace("suite: tiny-ui", "suite: later-ui").constData()));
        page.show();
        QVERIFY(page.suiteCombo()->findText(QStringLiteral("later-ui")) >= 0);
        QCOMPARE(page.suiteCombo()->currentText(), QStringLiteral("tiny-ui")); // the choice survives
        QVERIFY(QFile::remove(later));
    }

    void runFillsTableAndRegistry()
    {
        BenchmarksPage page;
        page.setRunnerSearchDirs(runnerDirs());
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(selectSuite(page, QStringLiteral("tiny-ui")));
        QCOMPARE(page.runtimeCombo()->currentData().toString(), QStringLiteral("native"));
        page.threadsSpin()->setValue(1);
        QSignalSpy finished(page.job(), &BenchmarkJob::finished);
        QSignalSpy failed(page.job(), &BenchmarkJob::failed);
        QSignalSpy progress(page.job(), &BenchmarkJob::progressChanged);
        page.show();
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QVERIFY(page.job()->isRunning());
        QVERIFY(!page.runButton()->isEnabled());
        QVERIFY(page.cancelButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() >= 1 || !failed.isEmpty(), RunTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count() + failed.count(), 1, RunTimeoutMs);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QVERIFY(!progress.isEmpty());

        const BenchmarkSummary summary = page.job()->lastSummary();
        QVERIFY2(summary.failures.isEmpty(), qPrintable(summary.failures.join(QLatin1Char('\n'))));
        QCOMPARE(summary.total, 3);
        QCOMPARE(summary.measured, 3);
        QVERIFY(!summary.cancelled);
        QVERIFY(summary.resultsPath.startsWith(m_dir.path()));
        QVERIFY(summary.resultsPath.endsWith(QStringLiteral("/native/tiny-ui.csv")));
        QCOMPARE(page.model()->rowCount(), 3);
        QVERIFY(sameRows(page.model()->records(), registryRows(summary.resultsPath)));
        for (const MeasurementRecord& r : page.model()->records()) {
            QCOMPARE(r.kind, MeasurementKind::Operator);
            QCOMPARE(r.threads, 1);
            QVERIFY(r.medianMs > 0);
        }
        QVERIFY(!BenchmarkResultsModel::rateText(page.model()->records().front()).isEmpty());
        QCOMPARE(page.progressBar()->value(), 3);
        QVERIFY2(page.currentLabel()->text().contains(QStringLiteral("3 measurement(s) stored")),
            qPrintable(page.currentLabel()->text()));
        QCOMPARE(page.progressBar()->maximum(), 3);
        QVERIFY(page.runButton()->isEnabled());
        QVERIFY(!page.cancelButton()->isEnabled());
        QVERIFY(page.messageLabel()->text().contains(QStringLiteral("tiny-ui.csv")));

        if (qEnvironmentVariableIsSet("GRAPHS_SCREENSHOT")) {
            page.resize(900, 420);
            page.grab().save(qEnvironmentVariable("GRAPHS_SCREENSHOT"));
        }
    }

    void cancelKeepsMeasuredRows()
    {
        BenchmarksPage page;
        page.setRunnerSearchDirs(runnerDirs());
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(selectSuite(page, QStringLiteral("long-ui")));
        page.threadsSpin()->setValue(1);
        QSignalSpy finished(page.job(), &BenchmarkJob::finished);
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() >= 1, RunTimeoutMs);
        QTest::mouseClick(page.cancelButton(), Qt::LeftButton);
        QVERIFY(!page.cancelButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, RunTimeoutMs);
        const BenchmarkSummary summary = page.job()->lastSummary();
        QVERIFY(summary.cancelled);
        QCOMPARE(summary.total, 8);
        QVERIFY(summary.measured >= 1);
        QVERIFY(summary.measured < 8);
        QCOMPARE(page.model()->rowCount(), summary.measured);
        QVERIFY(sameRows(page.model()->records(), registryRows(summary.resultsPath)));
        QVERIFY(page.runButton()->isEnabled());
    }

    // Closing the window mid-run asks first; each answer keeps every stored row, and none leaves the app hanging.
    void closingTheWindowAsks_data()
    {
        QTest::addColumn<int>("choice");
        QTest::addColumn<bool>("closes");
        QTest::newRow("finish the benchmark in flight") << int(CloseGuard::Choice::FinishCurrent) << true;
        QTest::newRow("finish the suite") << int(CloseGuard::Choice::FinishSuite) << true;
        QTest::newRow("stop now") << int(CloseGuard::Choice::StopNow) << true;
        QTest::newRow("keep the window open") << int(CloseGuard::Choice::KeepOpen) << false;
    }

    void closingTheWindowAsks()
    {
        QFETCH(int, choice);
        QFETCH(bool, closes);
        const auto chosen = CloseGuard::Choice(choice);
        static const char* const buttonNames[]
            = { "finishCurrent", "finishSuite", "stopNow", "keepOpen" }; // in Choice order
        auto* window = new MainWindow;
        BenchmarksPage* page = window->benchmarksPage();
        QVERIFY(page);
        auto* tabs = window->findChild<QTabWidget*>(QStringLiteral("pages"));
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(tabs->indexOf(page)), QStringLiteral("Benchmarks"));
        page->setRunnerSearchDirs(runnerDirs());
        QVERIFY(selectSuite(*page, QStringLiteral("long-ui")));
        page->threadsSpin()->setValue(1);
        window->show();
        QSignalSpy progress(page->job(), &BenchmarkJob::progressChanged);
        QTest::mouseClick(page->runButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() >= 1, RunTimeoutMs);

        QVERIFY(!window->close()); // asks instead
        QVERIFY(window->isVisible());
        QMessageBox* box = window->closeGuard()->question();
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QVERIFY(!window->close()); // a second close raises the same question
        QCOMPARE(window->closeGuard()->question(), box);
        QString inFlight; // the benchmark the page showed as being measured when the user answered
        for (const QList<QVariant>& args : progress)
            if (!args.at(2).toString().isEmpty())
                inFlight = args.at(2).toString();
        QVERIFY(!inFlight.isEmpty());
        auto* button = box->findChild<QPushButton*>(QString::fromLatin1(buttonNames[choice]));
        QVERIFY(button);
        QElapsedTimer timer;
        timer.start();
        QTest::mouseClick(button, Qt::LeftButton);

        if (closes) {
            QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), RunTimeoutMs);
            if (chosen == CloseGuard::Choice::StopNow)
                QVERIFY(timer.elapsed() < 6000);
        } else {
            QTest::qWait(200);
            QVERIFY(window->isVisible());
            QVERIFY(page->job()->isRunning());
            QVERIFY(!window->closeGuard()->question());
            page->cancel();
        }
        QTRY_VERIFY_WITH_TIMEOUT(!page->job()->isRunning(), RunTimeoutMs);
        const BenchmarkSummary summary = page->job()->lastSummary();
        QCOMPARE(summary.total, 8);
        QCOMPARE(page->model()->rowCount(), summary.measured);
        const auto csv = registryRows(summary.resultsPath);
        QVERIFY(csv.size() >= size_t(summary.measured)); // earlier runs' rows came first
        const std::vector<MeasurementRecord> tail(csv.end() - summary.measured, csv.end());
        QVERIFY(sameRows(page->model()->records(), tail));
        const bool inFlightStored = std::any_of(tail.begin(), tail.end(),
            [&](const MeasurementRecord& r) { return QString::fromStdString(r.benchmark) == inFlight; });
        switch (chosen) {
        case CloseGuard::Choice::FinishCurrent:
            QVERIFY(summary.cancelled);
            QVERIFY2(inFlightStored, qPrintable(inFlight));
            QVERIFY(summary.measured < 8);
            break;
        case CloseGuard::Choice::FinishSuite:
            QVERIFY(!summary.cancelled);
            QCOMPARE(summary.measured, 8);
            break;
        case CloseGuard::Choice::StopNow:
        case CloseGuard::Choice::KeepOpen:
            QVERIFY(summary.cancelled);
            QVERIFY(summary.measured < 8);
            break;
        }
        delete window;
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestBenchmarksPage)
#include "tst_benchmarks_page.moc"
