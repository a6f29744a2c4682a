// OpHistogramModel on a real analysis: model invariants, one row per operator type, FLOP shares summing to 1.

#include "models/op_histogram_model.h"
#include "tiny_model.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace graphs;
using graphs::ui::OpHistogramModel;

class TestOpHistogramModel : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const GraphAnalysis> m_analysis;

private Q_SLOTS:
    void initTestCase()
    {
        m_analysis = graphs::testing::analyseTinyModel();
        QVERIFY(m_analysis);
    }

    void passesModelTester()
    {
        OpHistogramModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAnalysis(m_analysis);
        QCOMPARE(model.rowCount(), int(m_analysis->opHistogram.size()));
        QCOMPARE(model.columnCount(), int(OpHistogramModel::NumColumns));
        model.setAnalysis(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void rowsMatchHistogram()
    {
        OpHistogramModel model;
        model.setAnalysis(m_analysis);
        double shares = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const std::string op = model.index(row, OpHistogramModel::OpType).data().toString().toStdString();
            QCOMPARE(model.index(row, OpHistogramModel::Nodes).data(OpHistogramModel::SortRole).toInt(),
                m_analysis->opHistogram.at(op));
            shares += model.index(row, OpHistogramModel::FlopShare).data(OpHistogramModel::SortRole).toDouble();
        }
        QVERIFY(qAbs(shares - 1.0) < 1e-9);
        const QModelIndex conv = model.match(model.index(0, 0), Qt::DisplayRole, QStringLiteral("Conv")).value(0);
        QVERIFY(conv.isValid());
        QCOMPARE(model.index(conv.row(), OpHistogramModel::Flops).data(OpHistogramModel::SortRole).toLongLong(),
            m_analysis->nodes[0].flops.total());
    }
};

QTEST_GUILESS_MAIN(TestOpHistogramModel)
#include "tst_op_histogram_model.moc"
