// The MAC counts of the shared reference models must match the published figures of REFERENCE.md within 2%.
// The expected values are read from REFERENCE.md itself, so nothing here is tuned to the models.

#include "estimation/graph_analysis.h"
#include "frontends/onnx_importer.h"
#include "optional_dependencies.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace graphs;

class TestReferenceModels : public QObject
{
    Q_OBJECT

private:
    static QString sharedModels() { return graphs::testing::sharedPath(QStringLiteral("models")); }

    /// model name → MACs, from the table rows "| resnet18 | 1.814 G | ..." of REFERENCE.md; empty when it is absent.
    static QMap<QString, double> referenceMacs()
    {
        QMap<QString, double> out;
        QFile file(sharedModels() + QStringLiteral("/REFERENCE.md"));
        if (!file.open(QIODevice::ReadOnly))
            return out;
        static const QRegularExpression row(QStringLiteral(R"(^\|\s*([a-z0-9_]+)[^|]*\|\s*([0-9.]+)\s*([GM])\s*\|)"));
        for (const QString& line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
            const auto m = row.match(line);
            if (!m.hasMatch())
                continue;
            const double scale = m.captured(3) == QLatin1String("G") ? 1e9 : 1e6;
            out.insert(m.captured(1), m.captured(2).toDouble() * scale);
        }
        return out;
    }

private Q_SLOTS:
    void macsMatchReference_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("expectedMacs");
        const auto reference = referenceMacs();
        for (auto it = reference.begin(); it != reference.end(); ++it) {
            const QString structure = it.key() + QStringLiteral(".structure.onnx");
            QTest::newRow(qPrintable(structure)) << structure << it.value();
            if (QFile::exists(sharedModels() + QLatin1Char('/') + it.key() + QStringLiteral(".onnx")))
                QTest::newRow(qPrintable(it.key() + QStringLiteral(".onnx")))
                    << it.key() + QStringLiteral(".onnx") << it.value();
        }
    }

    void macsMatchReference()
    {
        // Without rows the function runs once with no data: check before QFETCH.
        GRAPHS_REQUIRE_SHARED(QStringLiteral("models/REFERENCE.md"));
        QVERIFY2(!referenceMacs().isEmpty(),
            "REFERENCE.md in the shared models has no row like \"| resnet18 | 1.814 G |\": has its table changed?");
        QFETCH(QString, file);
        QFETCH(double, expectedMacs);
        const QString path = sharedModels() + QLatin1Char('/') + file;
        QVERIFY2(QFile::exists(path), qPrintable(path));

        auto imported = importOnnxFile(path.toStdString(), {});
        QVERIFY2(imported.ok(), imported.ok() ? "" : imported.error().toString().c_str());
        auto analysis = analyzeGraph(imported->graph);
        QVERIFY2(analysis.ok(), analysis.ok() ? "" : analysis.error().toString().c_str());

        const double macs = static_cast<double>(analysis->totals.macs);
        const double relativeError = std::abs(macs - expectedMacs) / expectedMacs;
        QVERIFY2(relativeError <= 0.02,
            qPrintable(QStringLiteral("%1: %2 MACs, reference %3 (%4% off)")
                           .arg(file)
                           .arg(macs)
                           .arg(expectedMacs)
                           .arg(relativeError * 100)));
        QCOMPARE(analysis->totals.flops.matrix, 2 * analysis->totals.macs);
        // Every tensor ends with a concrete shape: nothing in these models is left to guess.
        for (const TensorDescriptor& t : analysis->graph->tensors())
            QVERIFY2(t.shape.isFullyKnown(), qPrintable(QString::fromStdString(t.name + " " + t.shape.toString())));
    }

    void batchScalesMacs()
    {
        GRAPHS_REQUIRE_SHARED(QStringLiteral("models/resnet18.structure.onnx"));
        const std::string path = (sharedModels() + QStringLiteral("/resnet18.structure.onnx")).toStdString();
        ImportOptions one;
        ImportOptions eight;
        eight.batch = 8;
        auto importedOne = importOnnxFile(path, one);
        auto importedEight = importOnnxFile(path, eight);
        QVERIFY2(importedOne, importedOne ? "" : importedOne.error().toString().c_str());
        QVERIFY2(importedEight, importedEight ? "" : importedEight.error().toString().c_str());
        auto a = analyzeGraph(importedOne->graph);
        auto b = analyzeGraph(importedEight->graph);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(b->totals.macs, 8 * a->totals.macs);
        QCOMPARE(b->totals.parameters, a->totals.parameters);
    }
};

QTEST_GUILESS_MAIN(TestReferenceModels)
#include "tst_reference_models.moc"
