// SubgraphTableModel and its filter proxy on a real estimate (a four-node model on nvidia-l4): model invariants
// (QAbstractItemModelTester), rows aligned with the partition, figures equal to the engine's, sorting by raw values
// and the three filters.

#include "models/subgraph_filter_proxy_model.h"
#include "models/subgraph_table_model.h"
#include "reporting/number_format.h"
#include "tiny_estimate.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace graphs;
using graphs::ui::EstimatedModel;
using graphs::ui::SubgraphFilterProxyModel;
using graphs::ui::SubgraphTableModel;

class TestSubgraphTableModel : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const EstimatedModel> m_estimate;

    static QStringList labels(const QAbstractItemModel& model)
    {
        QStringList out;
        for (int row = 0; row < model.rowCount(); ++row)
            out << model.index(row, SubgraphTableModel::Label).data().toString();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_estimate = graphs::testing::estimate(graphs::testing::analyseTinyPipeline(), "nvidia-l4", Precision::FP16);
        QVERIFY(m_estimate);
        // Conv+Relu fuse; MaxPool and Concat run alone.
        QCOMPARE(m_estimate->partition.subgraphs.size(), size_t(3));
    }

    void passesModelTester()
    {
        SubgraphTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setEstimate(m_estimate);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(SubgraphTableModel::NumColumns));
        model.setEstimate(nullptr);
        QCOMPARE(model.rowCount(), 0);
        model.setEstimate(m_estimate);

        SubgraphFilterProxyModel proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.sort(SubgraphTableModel::Latency, Qt::DescendingOrder);
        proxy.setOpTypeFilter(QStringLiteral("relu"));
        proxy.setBottleneckFilter(QStringLiteral("overhead"));
        proxy.setMinimumShare(0.2);
        model.setEstimate(nullptr);
        model.setEstimate(m_estimate);
    }

    void rowsMatchEngine()
    {
        SubgraphTableModel model;
        model.setEstimate(m_estimate);
        const ModelEstimate& e = m_estimate->estimate;
        double shares = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const int id = model.index(row, 0).data(SubgraphTableModel::SubgraphIdRole).toInt();
            QCOMPARE(id, row);
            QCOMPARE(model.rowOf(id), row);
            const Subgraph& s = m_estimate->partition.subgraphs[id];
            const SubgraphEstimate& se = e.subgraphs[id];
            QCOMPARE(model.index(row, SubgraphTableModel::Label).data().toString(), QString::fromStdString(s.label));
            QCOMPARE(model.index(row, SubgraphTableModel::Flops).data(SubgraphTableModel::SortRole).toLongLong(),
                s.flops.total());
            QCOMPARE(
                model.index(row, SubgraphTableModel::Bytes).data(SubgraphTableModel::SortRole).toLongLong(), s.bytes());
            QCOMPARE(model.index(row, SubgraphTableModel::Latency).data(SubgraphTableModel::SortRole).toDouble(),
                se.latency.value);
            QCOMPARE(model.index(row, SubgraphTableModel::Energy).data(SubgraphTableModel::SortRole).toDouble(),
                se.energy.total.value);
            QCOMPARE(model.index(row, 0).data(SubgraphTableModel::BottleneckRole).toString(),
                QString::fromUtf8(bottleneckName(se.bottleneck).data()));
            QCOMPARE(model.index(row, SubgraphTableModel::MemoryLevel).data().toString(),
                QString::fromStdString(m_estimate->hardware().memory[se.mapped.memoryLevel].name));
            // "0.0046 ±75%": the value and its bound.
            const QString latency = model.index(row, SubgraphTableModel::Latency).data().toString();
            QVERIFY2(latency.startsWith(QString::fromStdString(fixed(se.latency.value, 4))), qPrintable(latency));
            QVERIFY2(latency.endsWith(QStringLiteral("±%1%").arg(se.latency.errorBoundPct)), qPrintable(latency));
            const double share = model.index(row, 0).data(SubgraphTableModel::ShareRole).toDouble();
            QCOMPARE(model.index(row, SubgraphTableModel::LatencyShare).data(SubgraphTableModel::SortRole).toDouble(),
                share);
            shares += share;
        }
        QVERIFY(qAbs(shares - 1.0) < 1e-9);
    }

    void cells_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("display");
        QTest::addColumn<QVariant>("sortValue");
        // 4 output channels × 8×8 positions × 3×3×3 taps.
        QTest::newRow("conv label") << 0 << int(SubgraphTableModel::Label) << "Conv+Relu"
                                    << QVariant(QStringLiteral("Conv+Relu"));
        QTest::newRow("conv class") << 0 << int(SubgraphTableModel::OpClass) << "convolution"
                                    << QVariant(QStringLiteral("convolution"));
        QTest::newRow("conv MACs") << 0 << int(SubgraphTableModel::Macs) << "6.91 k" << QVariant(qint64(6912));
        QTest::newRow("pool label") << 1 << int(SubgraphTableModel::Label) << "MaxPool"
                                    << QVariant(QStringLiteral("MaxPool"));
        QTest::newRow("concat class") << 2 << int(SubgraphTableModel::OpClass) << "data_movement"
                                      << QVariant(QStringLiteral("data_movement"));
        QTest::newRow("concat FLOPs") << 2 << int(SubgraphTableModel::Flops) << "0" << QVariant(qint64(0));
        QTest::newRow("id") << 2 << int(SubgraphTableModel::Id) << "2" << QVariant(2);
    }

    void cells()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QString, display);
        QFETCH(QVariant, sortValue);
        SubgraphTableModel model;
        model.setEstimate(m_estimate);
        QCOMPARE(model.index(row, column).data().toString(), display);
        QCOMPARE(model.index(row, column).data(SubgraphTableModel::SortRole), sortValue);
    }

    void headersAndTooltips()
    {
        SubgraphTableModel model;
        model.setEstimate(m_estimate);
        for (int column = 0; column < SubgraphTableModel::NumColumns; ++column) {
            QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
            QVERIFY(!model.index(0, column).data(Qt::ToolTipRole).toString().isEmpty());
        }
        QVERIFY(model.index(0, SubgraphTableModel::Latency)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("THEORETICAL")));
    }

    void sortsByRawNumbers()
    {
        SubgraphTableModel model;
        model.setEstimate(m_estimate);
        SubgraphFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.sort(SubgraphTableModel::Macs, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, SubgraphTableModel::Label).data().toString(), QStringLiteral("Conv+Relu"));
        proxy.sort(SubgraphTableModel::Latency, Qt::DescendingOrder);
        double previous = std::numeric_limits<double>::max();
        for (int row = 0; row < proxy.rowCount(); ++row) {
            const double latency
                = proxy.index(row, SubgraphTableModel::Latency).data(SubgraphTableModel::SortRole).toDouble();
            QVERIFY(latency <= previous);
            previous = latency;
        }
    }

    void filters_data()
    {
        QTest::addColumn<QString>("opType");
        QTest::addColumn<QString>("bottleneck");
        QTest::addColumn<double>("minimumShare");
        QTest::addColumn<QStringList>("labels");
        const QStringList all { QStringLiteral("Conv+Relu"), QStringLiteral("MaxPool"), QStringLiteral("Concat") };
        QTest::newRow("none") << QString() << QString() << 0.0 << all;
        QTest::newRow("fused member op type")
            << "relu" << QString() << 0.0 << QStringList { QStringLiteral("Conv+Relu") };
        QTest::newRow("any case") << "MAXPOOL" << QString() << 0.0 << QStringList { QStringLiteral("MaxPool") };
        // Three tiny kernels on a GPU: launch overhead bounds each.
        QTest::newRow("bottleneck") << QString() << "overhead" << 0.0 << all;
        QTest::newRow("other bottleneck") << QString() << "compute" << 0.0 << QStringList {};
        QTest::newRow("share above all") << QString() << QString() << 0.99 << QStringList {};
        QTest::newRow("filters combine") << "c"
                                         << "overhead" << 0.0
                                         << QStringList { QStringLiteral("Conv+Relu"), QStringLiteral("Concat") };
    }

    void filters()
    {
        QFETCH(QString, opType);
        QFETCH(QString, bottleneck);
        QFETCH(double, minimumShare);
        QFETCH(QStringList, labels);
        SubgraphTableModel model;
        model.setEstimate(m_estimate);
        for (const SubgraphEstimate& e : m_estimate->estimate.subgraphs)
            QCOMPARE(e.bottleneck, Bottleneck::Overhead);
        SubgraphFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setOpTypeFilter(opType);
        proxy.setBottleneckFilter(bottleneck);
        proxy.setMinimumShare(minimumShare);
        QCOMPARE(this->labels(proxy), labels);
    }

    void minimumShareKeepsTheHeaviest()
    {
        SubgraphTableModel model;
        model.setEstimate(m_estimate);
        SubgraphFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        double heaviest = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            heaviest = std::max(heaviest, model.index(row, 0).data(SubgraphTableModel::ShareRole).toDouble());
        proxy.setMinimumShare(heaviest);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(SubgraphTableModel::ShareRole).toDouble(), heaviest);
    }
};

QTEST_GUILESS_MAIN(TestSubgraphTableModel)
#include "tst_subgraph_table_model.moc"
