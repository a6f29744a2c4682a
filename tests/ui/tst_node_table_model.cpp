// NodeTableModel and its filter proxy on a real analysis: model invariants (QAbstractItemModelTester), the
// displayed and raw values of chosen cells, sorting by raw numbers, and filtering by name or operator type.

#include "models/node_filter_proxy_model.h"
#include "models/node_table_model.h"
#include "reporting/number_format.h"
#include "tiny_model.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace graphs;
using graphs::ui::NodeFilterProxyModel;
using graphs::ui::NodeTableModel;

class TestNodeTableModel : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const GraphAnalysis> m_analysis;

    static QString cell(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole)
    {
        return model.index(row, column).data(role).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_analysis = graphs::testing::analyseTinyModel();
        QVERIFY(m_analysis);
        QCOMPARE(m_analysis->graph->nodeCount(), size_t(3));
    }

    void passesModelTester()
    {
        NodeTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setAnalysis(m_analysis);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(NodeTableModel::NumColumns));
        model.setAnalysis(nullptr);
        QCOMPARE(model.rowCount(), 0);
        model.setAnalysis(m_analysis);

        NodeFilterProxyModel proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setFilterFixedString(QStringLiteral("re"));
        proxy.sort(NodeTableModel::Flops, Qt::DescendingOrder);
        model.setAnalysis(nullptr);
        model.setAnalysis(m_analysis);
    }

    void cells_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("display");
        QTest::addColumn<QVariant>("sortValue");

        // 4 output channels × 8×8 positions × 3×3×3 taps.
        QTest::newRow("conv name") << 0 << int(NodeTableModel::Name) << "conv" << QVariant(QStringLiteral("conv"));
        QTest::newRow("conv op") << 0 << int(NodeTableModel::OpType) << "Conv" << QVariant(QStringLiteral("Conv"));
        QTest::newRow("conv class") << 0 << int(NodeTableModel::OpClass) << "convolution"
                                    << QVariant(QStringLiteral("convolution"));
        QTest::newRow("conv MACs") << 0 << int(NodeTableModel::Macs) << "6.91 k" << QVariant(qint64(6912));
        QTest::newRow("conv output") << 0 << int(NodeTableModel::OutputShape) << "1x4x8x8"
                                     << QVariant(QStringLiteral("1x4x8x8"));
        QTest::newRow("relu MACs") << 1 << int(NodeTableModel::Macs) << "0" << QVariant(qint64(0));
        QTest::newRow("relu class") << 1 << int(NodeTableModel::OpClass) << "elementwise"
                                    << QVariant(QStringLiteral("elementwise"));
        // 256 float32 elements out.
        QTest::newRow("relu written") << 1 << int(NodeTableModel::BytesWritten) << "1.02 kB" << QVariant(qint64(1024));
        QTest::newRow("pool output") << 2 << int(NodeTableModel::OutputShape) << "1x4x4x4"
                                     << QVariant(QStringLiteral("1x4x4x4"));
        QTest::newRow("pool written") << 2 << int(NodeTableModel::BytesWritten) << "256 B" << QVariant(qint64(256));
    }

    void cells()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QString, display);
        QFETCH(QVariant, sortValue);
        NodeTableModel model;
        model.setAnalysis(m_analysis);
        QCOMPARE(cell(model, row, column), display);
        QCOMPARE(model.index(row, column).data(NodeTableModel::SortRole), sortValue);
    }

    void numbersMatchEngine()
    {
        NodeTableModel model;
        model.setAnalysis(m_analysis);
        for (int row = 0; row < model.rowCount(); ++row) {
            const int node = model.index(row, 0).data(NodeTableModel::NodeIndexRole).toInt();
            const NodeCost& cost = m_analysis->nodes[node];
            QCOMPARE(model.index(row, NodeTableModel::Flops).data(NodeTableModel::SortRole).toLongLong(),
                cost.flops.total());
            QCOMPARE(model.index(row, NodeTableModel::BytesRead).data(NodeTableModel::SortRole).toLongLong(),
                cost.bytesRead());
            QCOMPARE(cell(model, row, NodeTableModel::Flops),
                QString::fromStdString(humanCount(double(cost.flops.total()))));
            const auto intensity = cost.arithmeticIntensity();
            QVERIFY(intensity);
            QCOMPARE(model.index(row, NodeTableModel::Intensity).data(NodeTableModel::SortRole).toDouble(), *intensity);
        }
    }

    void headers()
    {
        NodeTableModel model;
        for (int column = 0; column < NodeTableModel::NumColumns; ++column)
            QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
    }

    void sortsByRawNumbers()
    {
        NodeTableModel model;
        model.setAnalysis(m_analysis);
        NodeFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        // As text "6.91 k" < "0" would not hold; by raw value the conv is the heaviest.
        proxy.sort(NodeTableModel::Macs, Qt::DescendingOrder);
        QCOMPARE(cell(proxy, 0, NodeTableModel::Name), QStringLiteral("conv"));
        proxy.sort(NodeTableModel::BytesWritten, Qt::AscendingOrder);
        QCOMPARE(cell(proxy, 0, NodeTableModel::Name), QStringLiteral("pool"));
    }

    void filters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("empty") << QString()
                               << QStringList { QStringLiteral("conv"), QStringLiteral("relu"),
                                      QStringLiteral("pool") };
        QTest::newRow("by name") << "rel" << QStringList { QStringLiteral("relu") };
        QTest::newRow("by op type, any case") << "MAXPOOL" << QStringList { QStringLiteral("pool") };
        QTest::newRow("name or op type") << "o" << QStringList { QStringLiteral("conv"), QStringLiteral("pool") };
        QTest::newRow("shape is not searched") << "1x4" << QStringList {};
    }

    void filters()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, names);
        NodeTableModel model;
        model.setAnalysis(m_analysis);
        NodeFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterFixedString(filter);
        QStringList shown;
        for (int row = 0; row < proxy.rowCount(); ++row)
            shown << cell(proxy, row, NodeTableModel::Name);
        QCOMPARE(shown, names);
    }
};

QTEST_GUILESS_MAIN(TestNodeTableModel)
#include "tst_node_table_model.moc"
