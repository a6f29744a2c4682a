// The text, CSV and Markdown reports of the real `graphs analyze` and `graphs compare`, read back and checked against
// the engine's own figures for the same model, computed here through the engine API: the node rows and totals of an
// analysis, the estimate on a registry entry, the comparison rows and their Pareto marks. The tables are parsed (CSV
// with quoting, Markdown with its delimiter row) and must be well formed: one field count per CSV document, one cell
// count per Markdown table. Printed numbers must equal the engine's within half a unit of their last printed digit.

#include "cli_process.h"
#include "estimation/analysis_pipeline.h"
#include "hardware/hardware_registry.h"
#include "report_tables.h"
#include "transform/fusion_rules.h"

#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace graphs;
using graphs::testing::bundledModel;
using graphs::testing::csvRows;
using graphs::testing::linesAfter;
using graphs::testing::MarkdownTable;
using graphs::testing::markdownTables;
using graphs::testing::printedAs;
using graphs::testing::Run;
using graphs::testing::runCli;
using graphs::testing::textSummary;

namespace {

QByteArray describe(const QString& what, const QString& printed, double exact)
{
    return QStringLiteral("%1: printed %2, the engine's figure is %3")
        .arg(what, printed)
        .arg(exact, 0, 'g', 17)
        .toUtf8();
}

std::shared_ptr<const HardwareSpec> bundledHardware(const std::string& id)
{
    auto registry = HardwareRegistry::load({ GRAPHS_SOURCE_DIR "/registries" });
    return registry ? registry->find(id) : nullptr;
}

/// The model's name in reports: its file name without ".onnx".
QString modelName()
{
    return QFileInfo(bundledModel()).completeBaseName();
}

} // namespace

class TestCliReports : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_registry; ///< an empty user registry: no stored calibration, no extra entries
    std::shared_ptr<const GraphAnalysis> m_analysis;
    FusionRules m_fusion;

    /// The engine's estimate of the bundled model, as `graphs analyze --hardware` makes it by default.
    Result<AnalysisOutcome> engineEstimate(const std::string& hardware, Precision precision, int64_t batch) const
    {
        AnalysisRequest request;
        request.modelPath = bundledModel().toStdString();
        request.import.batch = batch;
        request.hardware = bundledHardware(hardware);
        request.precision = precision;
        request.fusion = m_fusion;
        return runAnalysis(request);
    }

    /// The engine's node index of each node name.
    QHash<QString, int> nodeIndex() const
    {
        QHash<QString, int> out;
        for (size_t i = 0; i < m_analysis->graph->nodeCount(); ++i)
            out.insert(QString::fromStdString(m_analysis->graph->node(int(i)).name), int(i));
        return out;
    }

    /// Checks that `listed` (node indices, as a report lists them) are the heaviest nodes by FLOPs, heaviest first.
    void checkHeaviestFirst(const QList<int>& listed, int expectedCount)
    {
        QCOMPARE(listed.size(), expectedCount);
        const auto flops = [&](int i) { return m_analysis->nodes[size_t(i)].flops.total(); };
        for (qsizetype k = 1; k < listed.size(); ++k)
            QVERIFY2(flops(listed[k - 1]) >= flops(listed[k]), qPrintable(QString::number(k)));
        int64_t heaviestLeftOut = -1;
        for (size_t i = 0; i < m_analysis->nodes.size(); ++i) {
            if (!listed.contains(int(i)))
                heaviestLeftOut = std::max(heaviestLeftOut, flops(int(i)));
        }
        QVERIFY(listed.isEmpty() || heaviestLeftOut <= flops(listed.back()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_registry.isValid());
        auto fusion = findFusionRules({ GRAPHS_SOURCE_DIR "/registries" }, "onnxruntime");
        QVERIFY2(fusion, fusion ? "" : fusion.error().toString().c_str());
        m_fusion = *fusion;
        AnalysisRequest request;
        request.modelPath = bundledModel().toStdString();
        auto outcome = runAnalysis(request);
        QVERIFY2(outcome, outcome ? "" : outcome.error().toString().c_str());
        m_analysis = outcome->analysis;
        QVERIFY(m_analysis->graph->nodeCount() > 15); // more nodes than a report lists by default
    }

    /// One row per node, in any order, each with the engine's counts for that node.
    void analyzeCsv()
    {
        const Run r
            = runCli({ QStringLiteral("analyze"), bundledModel(), QStringLiteral("-f"), QStringLiteral("csv") });
        QCOMPARE(r.exitCode, 0);
        QString problem;
        const QList<QStringList> rows = csvRows(r.out, problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QStringList header = rows.value(0);
        const int name = int(header.indexOf(QStringLiteral("name")));
        const int op = int(header.indexOf(QStringLiteral("op_type")));
        const int macs = int(header.indexOf(QStringLiteral("macs")));
        const int flops = int(header.indexOf(QStringLiteral("flops")));
        const int written = int(header.indexOf(QStringLiteral("bytes_written")));
        QVERIFY2(name >= 0 && op >= 0 && macs >= 0 && flops >= 0 && written >= 0, qPrintable(header.join(u',')));
        QCOMPARE(rows.size() - 1, qsizetype(m_analysis->graph->nodeCount()));

        const QHash<QString, int> index = nodeIndex();
        QSet<QString> seen;
        int64_t totalMacs = 0;
        for (qsizetype k = 1; k < rows.size(); ++k) {
            const QStringList& row = rows[k];
            QVERIFY2(index.contains(row[name]), qPrintable(row[name]));
            QVERIFY2(!seen.contains(row[name]), qPrintable(row[name]));
            seen.insert(row[name]);
            const int i = index.value(row[name]);
            const NodeCost& cost = m_analysis->nodes[size_t(i)];
            QCOMPARE(row[op], QString::fromStdString(m_analysis->graph->node(i).opType));
            QCOMPARE(row[macs].toLongLong(), cost.macs);
            QCOMPARE(row[flops].toLongLong(), cost.flops.total());
            QCOMPARE(row[written].toLongLong(), cost.bytesWritten);
            totalMacs += row[macs].toLongLong();
        }
        QCOMPARE(totalMacs, m_analysis->totals.macs);
    }

    /// The summary's counts and operators, and the node table: the heaviest nodes by FLOPs, heaviest first.
    void analyzeText()
    {
        const Run r = runCli({ QStringLiteral("analyze"), bundledModel() });
        QCOMPARE(r.exitCode, 0);
        const QHash<QString, QString> summary = textSummary(r.out);
        QCOMPARE(summary.value(QStringLiteral("model")), modelName());
        QCOMPARE(summary.value(QStringLiteral("nodes")), QString::number(m_analysis->graph->nodeCount()));
        // "349 M (349151936)": the exact count in brackets.
        const QString macs = summary.value(QStringLiteral("MACs"));
        QVERIFY2(macs.endsWith(QStringLiteral("(%1)").arg(m_analysis->totals.macs)), qPrintable(macs));
        const QStringList operators = summary.value(QStringLiteral("operators")).split(QStringLiteral(", "));
        QCOMPARE(operators.size(), qsizetype(m_analysis->opHistogram.size()));
        for (const auto& [op, count] : m_analysis->opHistogram)
            QVERIFY2(operators.contains(QStringLiteral("%1 %2").arg(QString::fromStdString(op)).arg(count)),
                qPrintable(QString::fromStdString(op)));

        // Node names longer than the column end in '~'; the op type column tells same-prefix nodes apart.
        const QStringList table = linesAfter(r.out, QStringLiteral("heaviest 15 nodes by FLOPs"));
        QVERIFY2(table.size() == 1 + 15, r.out.constData());
        QList<int> listed;
        for (const QString& line : table.mid(1)) {
            const QStringList cells = line.split(u' ', Qt::SkipEmptyParts);
            QVERIFY2(cells.size() >= 2, qPrintable(line));
            QString prefix = cells[0];
            const bool truncated = prefix.endsWith(u'~');
            if (truncated)
                prefix.chop(1);
            int found = -1;
            for (size_t i = 0; i < m_analysis->graph->nodeCount(); ++i) {
                const Node& n = m_analysis->graph->node(int(i));
                const QString nodeName = QString::fromStdString(n.name);
                if ((truncated ? nodeName.startsWith(prefix) : nodeName == prefix)
                    && QString::fromStdString(n.opType) == cells[1] && !listed.contains(int(i))
                    && (found < 0
                        || m_analysis->nodes[i].flops.total() > m_analysis->nodes[size_t(found)].flops.total()))
                    found = int(i);
            }
            QVERIFY2(found >= 0, qPrintable(line));
            listed << found;
        }
        checkHeaviestFirst(listed, 15);
    }

    /// Well-formed tables: the summary's node count, the operator histogram, the heaviest nodes (all with --top 0).
    void analyzeMarkdown_data()
    {
        QTest::addColumn<QString>("top");
        QTest::addColumn<int>("listed");
        QTest::newRow("default") << QString() << 15;
        QTest::newRow("--top 4") << QStringLiteral("4") << 4;
        QTest::newRow("--top 0") << QStringLiteral("0") << -1; // every node
    }

    void analyzeMarkdown()
    {
        QFETCH(QString, top);
        QFETCH(int, listed);
        if (listed < 0)
            listed = int(m_analysis->graph->nodeCount());
        QStringList args { QStringLiteral("analyze"), bundledModel(), QStringLiteral("-f"),
            QStringLiteral("markdown") };
        if (!top.isEmpty())
            args << QStringLiteral("--top") << top;
        const Run r = runCli(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("# " + modelName().toUtf8() + "\n"), r.out.left(80).constData());
        QString problem;
        const QList<MarkdownTable> tables = markdownTables(r.out, problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(tables.size(), 3);

        const MarkdownTable& figures = tables[0];
        const auto nodes = std::find_if(figures.rows.begin(), figures.rows.end(),
            [](const QStringList& row) { return row[0] == QLatin1String("nodes"); });
        QVERIFY(nodes != figures.rows.end());
        QCOMPARE(nodes->at(1), QString::number(m_analysis->graph->nodeCount()));

        const MarkdownTable& operators = tables[1];
        QCOMPARE(operators.header.value(0), QStringLiteral("op"));
        QMap<QString, int> histogram;
        for (const QStringList& row : operators.rows)
            histogram.insert(row[0], row[1].toInt());
        QMap<QString, int> expected;
        for (const auto& [op, count] : m_analysis->opHistogram)
            expected.insert(QString::fromStdString(op), count);
        QCOMPARE(histogram, expected);

        const MarkdownTable& heaviest = tables[2];
        const int name = heaviest.column(QStringLiteral("node"));
        const int op = heaviest.column(QStringLiteral("op"));
        QVERIFY(name >= 0 && op >= 0);
        const QHash<QString, int> index = nodeIndex();
        QList<int> rows;
        for (const QStringList& row : heaviest.rows) {
            QVERIFY2(index.contains(row[name]), qPrintable(row[name]));
            QCOMPARE(row[op], QString::fromStdString(m_analysis->graph->node(index.value(row[name])).opType));
            rows << index.value(row[name]);
        }
        checkHeaviestFirst(rows, listed);
    }

    /// `analyze --hardware`: the hardware, the settings and each summary figure as the engine estimates them, and the
    /// slowest subgraphs with their latencies.
    void estimateText()
    {
        const auto outcome = engineEstimate("nvidia-l4", Precision::FP16, 1);
        QVERIFY2(outcome, outcome ? "" : outcome.error().toString().c_str());
        const ModelEstimate& estimate = *outcome->estimate;
        const ModelSummary& s = estimate.summary;
        const Run r = runCli({ QStringLiteral("analyze"), bundledModel(), QStringLiteral("-H"),
            QStringLiteral("nvidia-l4"), QStringLiteral("-p"), QStringLiteral("fp16"), QStringLiteral("--uncalibrated"),
            QStringLiteral("--registry"), m_registry.path(), QStringLiteral("--top"), QStringLiteral("5") });
        QCOMPARE(r.exitCode, 0);

        // The summary rows after the analysis's own, past the first empty line.
        const qsizetype second = r.out.indexOf("\n\n");
        QVERIFY(second > 0);
        const QHash<QString, QString> summary = textSummary(r.out.mid(second + 2));
        QCOMPARE(summary.value(QStringLiteral("hardware")),
            QStringLiteral("%1 (nvidia-l4)").arg(QString::fromStdString(estimate.hardware->name)));
        const QString settings = summary.value(QStringLiteral("settings"));
        QVERIFY2(settings.startsWith(QStringLiteral("fp16, batch 1, ")), qPrintable(settings));
        QVERIFY2(settings.endsWith(QStringLiteral(", %1 subgraphs").arg(outcome->partition->subgraphs.size())),
            qPrintable(settings));
        // "0.123 ms ±35% THEORETICAL"
        static const QRegularExpression figure(QStringLiteral("^([0-9.]+) (\\S+) ±([0-9]+)% ([A-Z]+)"));
        const struct
        {
            const char* key;
            const EstimationResult& e;
            int decimals;
        } expected[] = { { "latency", s.latency, 3 }, { "throughput", s.throughput, 1 }, { "energy", s.energy, 3 },
            { "memory", s.peakMemory, 1 } };
        for (const auto& [key, e, decimals] : expected) {
            const QString line = summary.value(QLatin1String(key));
            const auto m = figure.match(line);
            QVERIFY2(m.hasMatch(), qPrintable(line));
            QVERIFY2(
                printedAs(m.captured(1), e.value, decimals), describe(QLatin1String(key), line, e.value).constData());
            QCOMPARE(m.captured(2), QString::fromStdString(e.unit));
            QCOMPARE(m.captured(3).toDouble(), std::round(e.errorBoundPct));
            QCOMPARE(m.captured(4), QStringLiteral("THEORETICAL"));
        }

        // "#  subgraph  ms  share ...": the id first, the latency third; slowest first.
        const QStringList table = linesAfter(r.out, QStringLiteral("slowest 5 subgraphs"));
        QCOMPARE(table.size(), 1 + 5);
        double previous = INFINITY;
        double slowestLeftOut = 0;
        QSet<int> listed;
        for (const QString& line : table.mid(1)) {
            const QStringList cells = line.split(u' ', Qt::SkipEmptyParts);
            QVERIFY2(cells.size() >= 3, qPrintable(line));
            const int id = cells[0].toInt();
            const auto sub = std::find_if(outcome->partition->subgraphs.begin(), outcome->partition->subgraphs.end(),
                [&](const Subgraph& g) { return g.descriptor.id == id; });
            QVERIFY2(sub != outcome->partition->subgraphs.end(), qPrintable(line));
            const double ms = estimate.subgraphs[size_t(sub - outcome->partition->subgraphs.begin())].latency.value;
            QVERIFY2(printedAs(cells[2], ms, 4), describe(QStringLiteral("subgraph %1").arg(id), line, ms).constData());
            QVERIFY(ms <= previous);
            previous = ms;
            listed.insert(id);
        }
        for (size_t i = 0; i < outcome->partition->subgraphs.size(); ++i) {
            if (!listed.contains(int(outcome->partition->subgraphs[i].descriptor.id)))
                slowestLeftOut = std::max(slowestLeftOut, estimate.subgraphs[i].latency.value);
        }
        QVERIFY(slowestLeftOut <= previous);
    }

    void estimateMarkdown()
    {
        const auto outcome = engineEstimate("nvidia-l4", Precision::FP16, 1);
        QVERIFY2(outcome, outcome ? "" : outcome.error().toString().c_str());
        const ModelEstimate& estimate = *outcome->estimate;
        const ModelSummary& s = estimate.summary;
        const Run r = runCli({ QStringLiteral("analyze"), bundledModel(), QStringLiteral("-H"),
            QStringLiteral("nvidia-l4"), QStringLiteral("-p"), QStringLiteral("fp16"), QStringLiteral("--uncalibrated"),
            QStringLiteral("--registry"), m_registry.path(), QStringLiteral("--top"), QStringLiteral("5"),
            QStringLiteral("-f"), QStringLiteral("markdown") });
        QCOMPARE(r.exitCode, 0);
        const QByteArray title
            = "# " + modelName().toUtf8() + " on " + QByteArray::fromStdString(estimate.hardware->name) + "\n";
        QVERIFY2(r.out.startsWith(title), r.out.left(80).constData());
        QString problem;
        const QList<MarkdownTable> tables = markdownTables(r.out, problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(tables.size() >= 2); // the estimate, the slowest subgraphs, then the analysis's tables

        const MarkdownTable& figures = tables[0];
        const int value = figures.column(QStringLiteral("value"));
        const int bound = figures.column(QStringLiteral("bound"));
        const int confidence = figures.column(QStringLiteral("confidence"));
        QVERIFY(value >= 0 && bound >= 0 && confidence >= 0);
        const QHash<QString, const EstimationResult*> expected { { QStringLiteral("latency"), &s.latency },
            { QStringLiteral("throughput"), &s.throughput }, { QStringLiteral("energy per inference"), &s.energy },
            { QStringLiteral("peak memory"), &s.peakMemory } };
        QCOMPARE(figures.rows.size(), expected.size());
        for (const QStringList& row : figures.rows) {
            const EstimationResult* e = expected.value(row[0]);
            QVERIFY2(e, qPrintable(row[0]));
            const QStringList number = row[value].split(u' ');
            QCOMPARE(number.size(), 2);
            QVERIFY2(printedAs(number[0], e->value, 3), describe(row[0], row[value], e->value).constData());
            QCOMPARE(number[1], QString::fromStdString(e->unit));
            QCOMPARE(row[bound], QStringLiteral("±%1%").arg(std::round(e->errorBoundPct)));
            QCOMPARE(row[confidence], QStringLiteral("THEORETICAL"));
        }

        const MarkdownTable& slowest = tables[1];
        const int id = slowest.column(QStringLiteral("#"));
        const int ms = slowest.column(QStringLiteral("ms"));
        QVERIFY(id >= 0 && ms >= 0);
        QCOMPARE(slowest.rows.size(), 5);
        double previous = INFINITY;
        for (const QStringList& row : slowest.rows) {
            const auto& subgraphs = outcome->partition->subgraphs;
            const auto sub = std::find_if(subgraphs.begin(), subgraphs.end(),
                [&](const Subgraph& g) { return g.descriptor.id == row[id].toInt(); });
            QVERIFY2(sub != subgraphs.end(), qPrintable(row.join(u'|')));
            const double expectedMs = estimate.subgraphs[size_t(sub - subgraphs.begin())].latency.value;
            QVERIFY2(printedAs(row[ms], expectedMs, 4), describe(row[id], row[ms], expectedMs).constData());
            QVERIFY(expectedMs <= previous);
            previous = expectedMs;
        }
    }

    /// `graphs compare` as CSV and Markdown: one row per hardware × batch with the engine's figures for it, and the
    /// Pareto mark worked out here from those figures.
    void compareTable_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("csv") << QStringLiteral("csv");
        QTest::newRow("markdown") << QStringLiteral("markdown");
    }

    void compareTable()
    {
        QFETCH(QString, format);
        const QStringList hardware { QStringLiteral("nvidia-l4"), QStringLiteral("intel-core-i7-12700k") };
        const QList<int> batches { 1, 4 };
        struct Expected
        {
            ModelSummary summary;
            bool pareto = true;
        };
        QHash<QString, Expected> expected; // "hardware/batch"
        for (int batch : batches) {
            AnalysisRequest request;
            request.modelPath = bundledModel().toStdString();
            request.import.batch = batch;
            auto outcome = runAnalysis(request);
            QVERIFY2(outcome, outcome ? "" : outcome.error().toString().c_str());
            for (const QString& id : hardware) {
                auto estimated = estimateOn(
                    *outcome->analysis, bundledHardware(id.toStdString()), Precision::FP32, m_fusion, batch);
                QVERIFY2(estimated, estimated ? "" : estimated.error().toString().c_str());
                expected.insert(QStringLiteral("%1/%2").arg(id).arg(batch), { estimated->second.summary, true });
            }
        }
        // On the Pareto front: no other hardware at the same batch is at least as fast and frugal, and better in one.
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            const ModelSummary& x = it.value().summary;
            for (auto other = expected.cbegin(); other != expected.cend(); ++other) {
                const ModelSummary& y = other.value().summary;
                const bool sameBatch = other.key().section(u'/', 1) == it.key().section(u'/', 1);
                const bool noWorse = y.latency.value <= x.latency.value && y.energy.value <= x.energy.value;
                const bool better = y.latency.value < x.latency.value || y.energy.value < x.energy.value;
                if (sameBatch && noWorse && better)
                    it.value().pareto = false;
            }
        }

        const Run r = runCli({ QStringLiteral("compare"), bundledModel(), QStringLiteral("--hardware"),
            hardware.join(u','), QStringLiteral("--batch"), QStringLiteral("1,4"), QStringLiteral("--uncalibrated"),
            QStringLiteral("--registry"), m_registry.path(), QStringLiteral("-f"), format });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QString problem;
        // Columns by name: latency, throughput, energy, memory, confidence (CSV only), Pareto; with the decimals
        // each format prints.
        QStringList header;
        QList<QStringList> rows;
        if (format == QLatin1String("csv")) {
            rows = csvRows(r.out, problem);
            header = rows.value(0);
            rows.removeFirst();
        } else {
            const QList<MarkdownTable> tables = markdownTables(r.out, problem);
            QVERIFY2(tables.size() == 1, r.out.constData());
            header = tables[0].header;
            rows = tables[0].rows;
        }
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const bool csv = format == QLatin1String("csv");
        const auto column = [&](const char* csvName, const char* markdownName) {
            return int(header.indexOf(QLatin1String(csv ? csvName : markdownName)));
        };
        const int model = column("model", "model");
        const int hw = column("hardware", "hardware");
        const int batch = column("batch", "batch");
        const int precision = column("precision", "precision");
        const int latency = column("latency_ms", "latency (ms)");
        const int throughput = column("throughput_per_s", "throughput (/s)");
        const int energy = column("energy_mj", "energy (mJ)");
        const int memory = column("peak_memory_mb", "memory (MB)");
        const int pareto = column("pareto", "Pareto");
        for (int c : { model, hw, batch, precision, latency, throughput, energy, memory, pareto })
            QVERIFY2(c >= 0, qPrintable(header.join(u',')));
        QCOMPARE(rows.size(), qsizetype(hardware.size() * batches.size()));

        QSet<QString> seen;
        QString previousKey;
        double previousLatency = 0;
        for (const QStringList& row : rows) {
            const QString key = row[hw] + u'/' + row[batch];
            QVERIFY2(expected.contains(key) && !seen.contains(key), qPrintable(key));
            seen.insert(key);
            const Expected& e = expected[key];
            QCOMPARE(row[model], modelName());
            QCOMPARE(row[precision], QStringLiteral("fp32"));
            // Markdown: "0.373 ±53%"; CSV: the bound in a column of its own.
            const QString latencyValue = row[latency].section(u' ', 0, 0);
            const QString energyValue = row[energy].section(u' ', 0, 0);
            QVERIFY2(printedAs(latencyValue, e.summary.latency.value, csv ? 6 : 3),
                describe(key + QStringLiteral(" latency"), row[latency], e.summary.latency.value).constData());
            QVERIFY2(printedAs(row[throughput], e.summary.throughput.value, csv ? 3 : 1),
                describe(key + QStringLiteral(" throughput"), row[throughput], e.summary.throughput.value).constData());
            QVERIFY2(printedAs(energyValue, e.summary.energy.value, csv ? 6 : 3),
                describe(key + QStringLiteral(" energy"), row[energy], e.summary.energy.value).constData());
            QVERIFY2(printedAs(row[memory], e.summary.peakMemory.value, csv ? 3 : 1),
                describe(key + QStringLiteral(" memory"), row[memory], e.summary.peakMemory.value).constData());
            if (csv) {
                const int bound = column("latency_bound_pct", "");
                const int confidence = column("confidence", "");
                QVERIFY(bound >= 0 && confidence >= 0);
                QVERIFY(printedAs(row[bound], e.summary.latency.errorBoundPct, 1));
                QCOMPARE(row[confidence], QStringLiteral("THEORETICAL"));
                QCOMPARE(row[pareto], e.pareto ? QStringLiteral("yes") : QStringLiteral("no"));
            } else {
                QCOMPARE(row[latency].section(u' ', 1),
                    QStringLiteral("±%1%").arg(std::round(e.summary.latency.errorBoundPct)));
                QCOMPARE(row[pareto], e.pareto ? QStringLiteral("**yes**") : QString());
            }
            // Sorted by batch, then latency.
            if (!previousKey.isEmpty() && previousKey.section(u'/', 1) == row[batch])
                QVERIFY2(previousLatency <= e.summary.latency.value, qPrintable(key));
            previousKey = key;
            previousLatency = e.summary.latency.value;
        }
        if (!csv)
            QVERIFY2(r.out.contains("\nAll figures THEORETICAL;"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliReports)
#include "tst_cli_reports.moc"
