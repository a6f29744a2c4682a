// The Validation page's published-results view, offscreen, on small CSVs written here and the structure-only
// reference models of the build tree: a run in the background fills the table (skipped rows with their reason),
// the summary and the chart with what graphs::validatePublished gives for the same file; a click on a dot selects
// its row and a row chosen in the table rings its dot; the exports are the engine's reports; a malformed or missing
// file is named (file:line) in the message area and leaves the table empty; Cancel and a superseding run; the
// remembered file; the main window's Validation page hands the view the registry.

#include "charts/published_scatter_plot.h"
#include "core/data_paths.h"
#include "jobs/registry_loader.h"
#include "main_window.h"
#include "models/published_table_model.h"
#include "pages/published_validation_view.h"
#include "pages/validation_page.h"
#include "translations.h"
#include "validation/published_report.h"

#include <QAction>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace graphs;
using namespace graphs::ui;

namespace {

constexpr int RunTimeoutMs = 60000;
const QString kModels = QStringLiteral(GRAPHS_GENERATED_MODELS_DIR);
const char* const kHeader = "round,submitter,system,accelerator,accelerators,host_cpu,benchmark,scenario,precision,"
                            "batch,value,unit,power_w,energy_per_sample_j,hardware_id,source,power_limit_w,settings";
/// An L4 Offline row at the published batch, its SingleStream row, and a benchmark without a model (skipped).
const QStringList kRows {
    u"v3.1,NVIDIA,L4x1_TRT,NVIDIA L4,1,Xeon,resnet50,Offline,int8,32,12882.5,samples/s,,,nvidia-l4,src,,"_qs,
    u"v3.1,NVIDIA,L4x1_TRT,NVIDIA L4,1,Xeon,resnet50,SingleStream,int8,1,0.349,ms,,,nvidia-l4,src,,"_qs,
    u"v3.1,NVIDIA,L4x1_TRT,NVIDIA L4,1,Xeon,gpt-j,Offline,int8,8,10,samples/s,,,nvidia-l4,src,,"_qs
};

QString percent(double value)
{
    return QString::number(value, 'f', 1) + QStringLiteral(" %");
}

} // namespace

class TestPublishedValidationPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QTemporaryDir m_home;
    std::shared_ptr<const HardwareCatalog> m_catalog;

    QString writeCsv(const QString& name, const QStringList& rows)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(QByteArray(kHeader) + '\n' + rows.join(QLatin1Char('\n')).toUtf8() + '\n');
        return file.fileName();
    }

    /// The view with the catalog and the build tree's models, on `file`, shown (which starts its first run).
    void setUp(PublishedValidationView& view, const QString& file)
    {
        view.setModelDirectories({ kModels });
        view.setFile(file);
        view.setCatalog(m_catalog);
        view.resize(1400, 900);
        view.show();
    }

    /// What the engine gives for `file`, as `graphs validate --published` makes it.
    PublishedValidation engineValidation(const QString& file)
    {
        auto rows = loadPublishedResults(file.toStdString());
        if (!rows)
            return {};
        PublishedRequest request;
        request.rows = *rows;
        request.registry = m_catalog->registry.get();
        request.registryDirs = registryDirs();
        request.benchmarks = findPublishedBenchmarks({ kModels.toStdString() });
        auto v = validatePublished(request);
        return v ? *v : PublishedValidation {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("graphs-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_published_validation_page"));
        QVERIFY(m_home.isValid() && m_dir.isValid());
        qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
        installTranslators(*QCoreApplication::instance(), QLocale(QLocale::English));
        RegistryLoader loader;
        QSignalSpy loaded(&loader, &RegistryLoader::loaded);
        loader.load({ QStringLiteral(GRAPHS_SOURCE_DIR "/registries") });
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        m_catalog = loader.catalog();
        QVERIFY(m_catalog && m_catalog->hardware(QStringLiteral("nvidia-l4")));
        QVERIFY(QFile::exists(kModels + u"/resnet50_v1.5.structure.onnx"_qs));
    }

    void init() { QSettings().clear(); }

    void showsTheEngineResults()
    {
        const QString file = writeCsv(QStringLiteral("small.csv"), kRows);
        PublishedValidationView view;
        QSignalSpy finished(&view, &PublishedValidationView::finished);
        setUp(view, file);
        QVERIFY(view.isRunning()); // shown with a catalog: the first run starts by itself
        QVERIFY(view.progressBar()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, RunTimeoutMs);
        QVERIFY(!view.isRunning());
        QVERIFY(view.validation());

        const PublishedValidation expected = engineValidation(file);
        QCOMPARE(expected.estimates.size(), size_t(3));
        PublishedTableModel* model = view.model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(view.proxy()->rowCount(), 3);
        for (int r = 0; r < 2; ++r) {
            const PublishedEstimate& e = expected.estimates[size_t(r)];
            QVERIFY(e.estimated);
            QCOMPARE(
                model->index(r, PublishedTableModel::Error).data(PublishedTableModel::SortRole).toDouble(), e.errorPct);
            QCOMPARE(model->index(r, PublishedTableModel::Estimate).data().toString(),
                PublishedTableModel::valueText(e.estimate, e.row.unit));
        }
        QVERIFY(model->index(2, 0).data(PublishedTableModel::SkippedRole).toBool());
        QCOMPARE(model->index(2, PublishedTableModel::Note).data().toString(),
            u"Skipped: no model for benchmark 'gpt-j'"_qs);

        const QString summary = view.summaryLabel()->text();
        QVERIFY2(summary.contains(u"2 rows estimated, 1 skipped"_qs), qPrintable(summary));
        QVERIFY2(summary.contains(u"MAPE "_qs + percent(expected.summary.mapePct)), qPrintable(summary));
        QVERIFY2(summary.contains(u"SingleStream: "_qs), qPrintable(summary));
        QCOMPARE(summary, PublishedValidationView::summaryText(expected.summary));

        QCOMPARE(view.scatterPlot()->pointCount(), 2);
        QCOMPARE(view.scatterPlot()->pointCount(PublishedScatterPlot::OfflinePanel), 1);
        QCOMPARE(view.scatterPlot()->pointCount(PublishedScatterPlot::SingleStreamPanel), 1);
        QVERIFY(view.messageLabel()->isHidden());

        // A click on a dot selects its row; a row chosen in the table rings its dot.
        view.scatterPlot()->replot();
        QTest::mouseClick(view.scatterPlot(), Qt::LeftButton, {}, view.scatterPlot()->pointPosition(1)->toPoint());
        QCOMPARE(view.view()->currentIndex().data(PublishedTableModel::IndexRole).toInt(), 1);
        QCOMPARE(view.scatterPlot()->selectedIndex(), 1);
        view.view()->sortByColumn(PublishedTableModel::Error, Qt::DescendingOrder);
        const QModelIndex first = view.proxy()->index(0, 0); // the skipped row sorts first
        view.view()->setCurrentIndex(view.proxy()->index(1, 0));
        QCOMPARE(first.data(PublishedTableModel::IndexRole).toInt(), 2);
        QCOMPARE(view.scatterPlot()->selectedIndex(),
            view.proxy()->index(1, 0).data(PublishedTableModel::IndexRole).toInt());

        // Exports: the engine's reports and the chart.
        const QString csv = m_dir.filePath(QStringLiteral("out.csv"));
        QCOMPARE(view.exportCsv(csv), QString());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        QCOMPARE(csvFile.readAll(), QByteArray::fromStdString(publishedCsv(expected)));
        const QString md = m_dir.filePath(QStringLiteral("out.md"));
        QCOMPARE(view.exportMarkdown(md), QString());
        QFile mdFile(md);
        QVERIFY(mdFile.open(QIODevice::ReadOnly));
        QCOMPARE(mdFile.readAll(), QByteArray::fromStdString(publishedMarkdown(expected)));
        const QString png = m_dir.filePath(QStringLiteral("out.png"));
        QCOMPARE(view.exportChart(png, QSize(900, 500)), QString());
        QCOMPARE(QImage(png).size(), QSize(900, 500));
        const QString svg = m_dir.filePath(QStringLiteral("out.svg"));
        QCOMPARE(view.exportChart(svg), QString());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly) && svgFile.readAll().contains("<svg"));
        const QString bad = m_dir.filePath(QStringLiteral("missing/out.csv"));
        QVERIFY(view.exportCsv(bad).contains(QDir::toNativeSeparators(bad)));
    }

    void badFilesAreNamed_data()
    {
        QTest::addColumn<QStringList>("rows"); ///< empty: no file at all
        QTest::addColumn<QString>("fragment");
        QTest::newRow("scenario") << QStringList { kRows[0],
            u"v3.1,NVIDIA,L4x1_TRT,NVIDIA L4,1,Xeon,resnet50,Server,int8,32,1,samples/s,,,nvidia-l4,src,,"_qs }
                                  << u"bad.csv:3: column 'scenario'"_qs;
        QTest::newRow("fields") << QStringList { u"v1,S"_qs } << u"bad.csv:2: 2 fields, the header has 18"_qs;
        QTest::newRow("missing file") << QStringList {} << u"missing.csv"_qs;
    }

    void badFilesAreNamed()
    {
        QFETCH(QStringList, rows);
        QFETCH(QString, fragment);
        const QString file = rows.isEmpty() ? m_dir.filePath(QStringLiteral("missing.csv"))
                                            : writeCsv(QStringLiteral("bad.csv"), rows);
        PublishedValidationView view;
        QSignalSpy finished(&view, &PublishedValidationView::finished);
        setUp(view, file);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, RunTimeoutMs);
        QVERIFY(view.messageLabel()->isVisible());
        QVERIFY2(view.messageLabel()->text().contains(fragment), qPrintable(view.messageLabel()->text()));
        QVERIFY(!view.validation());
        QCOMPARE(view.model()->rowCount(), 0);
        QCOMPARE(view.scatterPlot()->pointCount(), 0);
        QVERIFY(view.summaryLabel()->text().isEmpty());
        QVERIFY(!view.exportCsv(m_dir.filePath(QStringLiteral("nothing.csv"))).isEmpty());

        // The next run of a good file clears the message.
        view.setFile(writeCsv(QStringLiteral("good.csv"), { kRows[0] }));
        QVERIFY(view.run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, RunTimeoutMs);
        QCOMPARE(view.model()->rowCount(), 1);
        QVERIFY(view.messageLabel()->isHidden());
    }

    void cancelAndSupersede()
    {
        const QString file = writeCsv(QStringLiteral("small.csv"), kRows);
        PublishedValidationView view;
        view.setModelDirectories({ kModels });
        view.setFile(file);
        QVERIFY(!view.run()); // no registry yet
        QVERIFY(view.messageLabel()->text().contains(u"still loading"_qs));
        view.setCatalog(m_catalog); // not shown: no run starts
        QVERIFY(!view.isRunning());

        QSignalSpy finished(&view, &PublishedValidationView::finished);
        QVERIFY(view.run());
        view.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, RunTimeoutMs);
        QVERIFY(view.messageLabel()->text().startsWith(u"Cancelled"_qs));
        QVERIFY(!view.validation());

        // A run started while another is in flight replaces it: one report, of the second file.
        QVERIFY(view.run());
        view.setFile(writeCsv(QStringLiteral("one.csv"), { kRows[1] }));
        QVERIFY(view.run());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, RunTimeoutMs);
        QTest::qWait(200);
        QCOMPARE(finished.count(), 2);
        QCOMPARE(view.model()->rowCount(), 1);
    }

    void remembersTheFile()
    {
        QCOMPARE(PublishedValidationView().file(), PublishedValidationView::bundledFile());
        QVERIFY(QFile::exists(PublishedValidationView::bundledFile()));
        const QString file = writeCsv(QStringLiteral("remembered.csv"), { kRows[0] });
        PublishedValidationView().setFile(file);
        PublishedValidationView again;
        QCOMPARE(again.file(), file);
        QCOMPARE(again.fileEdit()->text(), QDir::toNativeSeparators(file));
        QVERIFY(QFile::remove(file)); // gone: the bundled file again
        QCOMPARE(PublishedValidationView().file(), PublishedValidationView::bundledFile());
    }

    void mainWindowHandsTheRegistry()
    {
        // The Validation page's second tab runs the bundled file once the window's registry has loaded (the bundled
        // models of this build tree lack the benchmarks' models, so the rows are skipped and say why).
        MainWindow window;
        window.show();
        window.findChild<QAction*>(QStringLiteral("showValidation"))->trigger();
        ValidationPage* page = window.validationPage();
        QCOMPARE(page->tabs()->count(), 2);
        QSignalSpy finished(page->publishedView(), &PublishedValidationView::finished);
        page->showTab(ValidationPage::PublishedTab);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, RunTimeoutMs);
        const auto rows = loadPublishedResults(PublishedValidationView::bundledFile().toStdString());
        QVERIFY(rows);
        QCOMPARE(page->publishedView()->model()->rowCount(), int(rows->size()));
        QCOMPARE(QSettings().value(QStringLiteral("validation/tab")).toInt(), int(ValidationPage::PublishedTab));
    }
};

QTEST_MAIN(TestPublishedValidationPage)
#include "tst_published_validation_page.moc"
