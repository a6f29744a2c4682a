// The real MainWindow and ModelLoader, offscreen: opening the bundled squeezenet (by call and by drop), errors
// shown in a message box naming the file while the window stays usable, superseded and cancelled loads, CSV
// export, and settings (recent files, geometry).

#include "estimation/graph_analysis.h"
#include "frontends/onnx_importer.h"
#include "main_window.h"
#include "model_loader.h"
#include "pages/model_summary_page.h"
#include "pages/nodes_page.h"
#include "reporting/analysis_report.h"

#include <QAction>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace graphs;
using graphs::ui::MainWindow;
using graphs::ui::ModelLoader;

namespace {

constexpr int LoadTimeoutMs = 20000;

QString squeezenetPath()
{
    return QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx");
}

QMessageBox* errorBox(const MainWindow& window)
{
    return window.findChild<QMessageBox*>(QStringLiteral("errorBox"));
}

/// Opens `path` and waits for the loader to report success.
bool openAndWait(MainWindow& window, const QString& path)
{
    QSignalSpy loaded(window.loader(), &ModelLoader::loaded);
    window.openModel(path);
    return loaded.wait(LoadTimeoutMs) || loaded.count() == 1;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Keep the user's settings out of it: QSettings goes under ~/.qttest.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("graphs-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_main_window"));
        QVERIFY(m_dir.isValid());
        QVERIFY(QFile::exists(squeezenetPath()));
    }

    void init() { QSettings().clear(); }

    void opensBundledModel()
    {
        MainWindow window;
        window.show();
        auto* stack = window.findChild<QStackedWidget*>();
        QVERIFY(stack);
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("welcome"));

        QSignalSpy progress(window.loader(), &ModelLoader::progressChanged);
        QSignalSpy loaded(window.loader(), &ModelLoader::loaded);
        QSignalSpy failed(window.loader(), &ModelLoader::failed);
        window.openModel(squeezenetPath());
        QVERIFY(window.findChild<QPushButton*>(QStringLiteral("cancelImport"))->isVisibleTo(&window));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, LoadTimeoutMs);
        QCOMPARE(failed.count(), 0);
        QVERIFY(progress.count() >= 1);
        QVERIFY(!window.findChild<QPushButton*>(QStringLiteral("cancelImport"))->isVisibleTo(&window));

        const auto analysis = loaded.first().first().value<std::shared_ptr<const GraphAnalysis>>();
        QVERIFY(analysis);
        QCOMPARE(window.analysis(), analysis);

        // The table shows one row per node, as many as the engine counts on its own.
        auto imported = importOnnxFile(squeezenetPath().toStdString(), {});
        QVERIFY(imported);
        const int engineNodes = int(imported->graph->nodeCount());
        QCOMPARE(engineNodes, 83);
        auto* table = window.findChild<QTableView*>(QStringLiteral("nodeTable"));
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), engineNodes);

        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("pages"));
        QCOMPARE(window.summaryPage()->figure(QStringLiteral("nodes"))->text(), QStringLiteral("83"));
        QCOMPARE(window.summaryPage()->figure(QStringLiteral("name"))->text(), QStringLiteral("squeezenet1_1"));
        QVERIFY(window.windowTitle().contains(QStringLiteral("squeezenet1_1")));
        QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList(), QStringList { squeezenetPath() });
    }

    void filterNarrowsTable()
    {
        MainWindow window;
        QVERIFY(openAndWait(window, squeezenetPath()));
        auto* table = window.nodesPage()->view();
        QTest::keyClicks(window.nodesPage()->filterEdit(), QStringLiteral("concat"));
        QCOMPARE(table->model()->rowCount(), 8);
        window.nodesPage()->filterEdit()->clear();
        QCOMPARE(table->model()->rowCount(), 83);
    }

    void invalidFileShowsError_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("not protobuf") << "garbage.onnx" << QByteArray("this is not a model\n") << "not a valid ONNX";
        QTest::newRow("empty") << "empty.onnx" << QByteArray() << "empty";
        QTest::newRow("missing") << "missing.onnx" << QByteArray("-") << "missing.onnx";
    }

    void invalidFileShowsError()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, contents);
        QFETCH(QString, fragment);
        QString path = writeFile(fileName, contents);
        QVERIFY(!path.isEmpty());
        if (QTest::currentDataTag() == QByteArrayLiteral("missing"))
            QVERIFY(QFile::remove(path));

        MainWindow window;
        window.show();
        QVERIFY(openAndWait(window, squeezenetPath()));
        const auto before = window.analysis();

        QSignalSpy failed(window.loader(), &ModelLoader::failed);
        window.openModel(path);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, LoadTimeoutMs);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(fileName), qPrintable(message));
        QVERIFY2(message.contains(fragment, Qt::CaseInsensitive), qPrintable(message));

        QTRY_VERIFY(errorBox(window));
        QMessageBox* box = errorBox(window);
        QVERIFY(box->isVisible());
        QVERIFY(box->text().contains(fileName));
        QCOMPARE(box->informativeText(), message);

        // Nothing else changed, and the window goes on working.
        QCOMPARE(window.analysis(), before);
        QCOMPARE(window.nodesPage()->view()->model()->rowCount(), 83);
        box->button(QMessageBox::Ok)->click();
        QTRY_VERIFY(!errorBox(window));
        QVERIFY(openAndWait(window, squeezenetPath()));
        QVERIFY(window.analysis() != before);
    }

    void supersededLoadIsDropped()
    {
        MainWindow window;
        QSignalSpy loaded(window.loader(), &ModelLoader::loaded);
        QSignalSpy failed(window.loader(), &ModelLoader::failed);
        window.openModel(writeFile(QStringLiteral("superseded.onnx"), QByteArray("garbage")));
        window.openModel(squeezenetPath());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, LoadTimeoutMs);
        QTest::qWait(50);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!errorBox(window));
    }

    void cancelLeavesWindowAsItWas()
    {
        MainWindow window;
        QSignalSpy loaded(window.loader(), &ModelLoader::loaded);
        QSignalSpy cancelled(window.loader(), &ModelLoader::cancelled);
        window.openModel(squeezenetPath());
        window.findChild<QPushButton*>(QStringLiteral("cancelImport"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window.loader()->isLoading(), LoadTimeoutMs);
        QCOMPARE(loaded.count() + cancelled.count(), 1);
        if (cancelled.count() == 1) {
            QVERIFY(!window.analysis());
            QCOMPARE(window.findChild<QStackedWidget*>()->currentWidget()->objectName(), QStringLiteral("welcome"));
        }
        QVERIFY(!window.findChild<QPushButton*>(QStringLiteral("cancelImport"))->isVisibleTo(&window));
    }

    void dropOpensModel_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("onnx") << squeezenetPath() << true;
        QTest::newRow("not onnx") << QStringLiteral(GRAPHS_SOURCE_DIR "/CMakeLists.txt") << false;
    }

    void dropOpensModel()
    {
        QFETCH(QString, path);
        QFETCH(bool, accepted);
        MainWindow window;
        window.show();
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(path) });
        const QPoint centre = window.rect().center();
        QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QCOMPARE(enter.isAccepted(), accepted);
        if (!accepted)
            return;
        QSignalSpy loaded(window.loader(), &ModelLoader::loaded);
        QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, LoadTimeoutMs);
        QCOMPARE(window.nodesPage()->view()->model()->rowCount(), 83);
    }

    void exportsCsv()
    {
        MainWindow window;
        auto* exportAction = window.findChild<QAction*>(QStringLiteral("exportNodesCsv"));
        QVERIFY(exportAction);
        QVERIFY(!exportAction->isEnabled());
        QVERIFY(openAndWait(window, squeezenetPath()));
        QVERIFY(exportAction->isEnabled());
        const QString path = m_dir.filePath(QStringLiteral("nodes.csv"));
        QVERIFY(window.exportNodesCsv(path));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray csv = file.readAll();
        const QList<QByteArray> lines = csv.trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 83);
        QVERIFY(lines.first().startsWith("name,op_type,op_class,macs,flops"));
        QVERIFY(csv.contains(",Conv,convolution,"));
        QCOMPARE(csv, QByteArray::fromStdString(analysisToCsv(*window.analysis())));
        QVERIFY(!errorBox(window));
    }

    void exportFailureIsReported()
    {
        MainWindow window;
        window.show();
        QVERIFY(openAndWait(window, squeezenetPath()));
        const QString path = m_dir.filePath(QStringLiteral("no-such-folder/nodes.csv"));
        QVERIFY(!window.exportNodesCsv(path));
        QTRY_VERIFY(errorBox(window));
        QVERIFY(errorBox(window)->informativeText().contains(QStringLiteral("no-such-folder")));
        errorBox(window)->button(QMessageBox::Ok)->click();
    }

    void geometryIsRestored()
    {
        {
            MainWindow window;
            window.show();
            window.resize(900, 640);
            window.close();
        }
        MainWindow window;
        QCOMPARE(window.size(), QSize(900, 640));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
