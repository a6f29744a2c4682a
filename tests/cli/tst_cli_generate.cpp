// `graphs generate` as a user runs it: the text, JSON, CSV and Markdown reports of a small Llama-style decoder (written
// here with tools/reference_models/llama_decoder.h) and of the bundled Llama-2-7B-shaped graph, read back and checked
// against the engine's own GenerationResult for the same request (runGeneration through the API); the KV-cache size
// against the configuration; and the exit codes and messages of bad input.

#include "cli_process.h"
#include "hardware/hardware_registry.h"
#include "llama_decoder.h"
#include "report_tables.h"
#include "transform/fusion_rules.h"
#include "workflows/generation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

using namespace graphs;
using graphs::testing::csvRows;
using graphs::testing::MarkdownTable;
using graphs::testing::markdownTables;
using graphs::testing::printedAs;
using graphs::testing::Run;
using graphs::testing::runCli;

namespace {

const std::string kRegistry = GRAPHS_SOURCE_DIR "/registries";

QByteArray describe(const QString& what, const QString& printed, double exact)
{
    return QStringLiteral("%1: printed '%2', the engine's figure is %3")
        .arg(what, printed)
        .arg(exact, 0, 'g', 17)
        .toUtf8();
}

/// The first number after `label` at the start of a line of the text report.
QString textValue(const QByteArray& out, const QString& label)
{
    const QRegularExpression re(
        u"^"_qs + QRegularExpression::escape(label) + u"\\s+([-0-9.]+)"_qs, QRegularExpression::MultilineOption);
    const auto m = re.match(QString::fromUtf8(out));
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace

class TestCliGenerate : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_registry; ///< an empty user registry: no stored calibration
    QString m_model;
    GenerationResult m_engine;

    QStringList args(const QStringList& extra) const
    {
        return QStringList { u"generate"_qs, m_model, u"-H"_qs, u"nvidia-l4"_qs, u"-r"_qs, u"tensorrt"_qs,
            u"--prompt"_qs, u"48"_qs, u"--tokens"_qs, u"20"_qs, u"--batch"_qs, u"2"_qs, u"--registry"_qs, m_registry }
        + extra;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(u"registry"_qs));
        m_registry = m_dir.filePath(u"registry"_qs);
        // Grouped-query attention: 8 query heads share 2 KV heads of 16.
        reference::LlamaConfig c;
        c.name = "tiny_llama";
        c.layers = 2;
        c.hidden = 128;
        c.heads = 8;
        c.kvHeads = 2;
        c.intermediate = 384;
        c.vocab = 500;
        c.weightsFile = "tiny_llama.weights.bin";
        m_model = m_dir.filePath(u"tiny_llama.onnx"_qs);
        std::ofstream out(m_model.toStdString(), std::ios::binary);
        QVERIFY(reference::llamaDecoder(c).SerializeToOstream(&out));
        out.close();

        auto registry = HardwareRegistry::load({ kRegistry });
        QVERIFY(registry);
        auto fusion = findFusionRules({ kRegistry }, "tensorrt");
        QVERIFY(fusion);
        GenerationRequest r;
        r.modelPath = m_model.toStdString();
        r.hardware = registry->find("nvidia-l4");
        r.fusion = *fusion;
        r.promptTokens = 48;
        r.generatedTokens = 20;
        r.batch = 2;
        auto result = runGeneration(r);
        QVERIFY2(result, result ? "" : result.error().toString().c_str());
        m_engine = *result;
        // 2 layers × 2 × 2 KV heads × 16 × 68 tokens × 2 bytes × 2 sequences.
        QCOMPARE(m_engine.memory.kvCacheBytes, 2.0 * 2 * 2 * 16 * 68 * 2 * 2);
    }

    void text()
    {
        const Run run = runCli(args({}));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const struct
        {
            QString label;
            double exact;
            int decimals;
        } rows[] = { { u"time to first token"_qs, m_engine.timeToFirstToken.value, 3 },
            { u"decode"_qs, m_engine.timePerToken.value, 3 },
            { u"tokens per second"_qs, m_engine.tokensPerSecond.value, 1 },
            { u"total"_qs, m_engine.totalTime.value, 1 }, { u"energy"_qs, m_engine.energyPerToken.value, 2 } };
        for (const auto& row : rows) {
            const QString printed = textValue(run.out, row.label);
            QVERIFY2(printedAs(printed, row.exact, row.decimals), describe(row.label, printed, row.exact));
        }
        const QString out = QString::fromUtf8(run.out);
        QVERIFY(out.contains(u"2 layers, 2 KV heads × 16"_qs));
        QVERIFY(out.contains(u"(68 tokens × batch 2)"_qs));
        // The decode steps table: one row per step estimated (5 by default), first step at context 49.
        QStringList steps;
        for (const QString& line : graphs::testing::linesAfter(run.out, u"decode steps estimated"_qs)) {
            if (!line.isEmpty() && line.simplified().front().isDigit())
                steps << line.simplified();
        }
        QCOMPARE(steps.size(), 5);
        QVERIFY2(steps.front().startsWith(u"0 49 "_qs), qPrintable(steps.front()));
        QVERIFY2(steps.back().startsWith(u"19 68 "_qs), qPrintable(steps.back()));
    }

    void json()
    {
        const Run run = runCli(args({ u"-f"_qs, u"json"_qs }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonParseError error;
        const QJsonObject doc = QJsonDocument::fromJson(run.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const auto value = [&](const char* key) { return doc[QLatin1String(key)].toObject()[u"value"_qs].toDouble(); };
        QCOMPARE(value("time_to_first_token_ms"), m_engine.timeToFirstToken.value);
        QCOMPARE(value("tokens_per_second"), m_engine.tokensPerSecond.value);
        QCOMPARE(value("decode_time_ms"), m_engine.decodeTime.value);
        QCOMPARE(value("energy_per_token_mj"), m_engine.energyPerToken.value);
        QCOMPARE(doc[u"tokens_per_second"_qs].toObject()[u"confidence"_qs].toString(), u"THEORETICAL"_qs);
        const QJsonObject memory = doc[u"memory"_qs].toObject();
        QCOMPARE(memory[u"kv_cache_bytes"_qs].toDouble(), m_engine.memory.kvCacheBytes);
        QCOMPARE(memory[u"fits"_qs].toBool(), true);
        const QJsonObject decoder = doc[u"decoder"_qs].toObject();
        QCOMPARE(decoder[u"layers"_qs].toInt(), 2);
        QCOMPARE(decoder[u"kv_heads"_qs].toInt(), 2);
        QCOMPARE(decoder[u"head_dim"_qs].toInt(), 16);
        QCOMPARE(decoder[u"past_inputs"_qs].toArray().size(), 4);
        const QJsonArray steps = doc[u"decode_steps"_qs].toArray();
        QCOMPARE(steps.size(), qsizetype(m_engine.decode.size()));
        for (qsizetype i = 0; i < steps.size(); ++i) {
            const QJsonObject s = steps[i].toObject();
            const PassEstimate& e = m_engine.decode[size_t(i)];
            QCOMPARE(s[u"step"_qs].toInteger(), e.step);
            QCOMPARE(s[u"past"_qs].toInteger(), 48 + e.step);
            QCOMPARE(s[u"sequence"_qs].toInteger(), 1);
            QCOMPARE(s[u"latency_ms"_qs].toObject()[u"value"_qs].toDouble(), e.latency.value);
        }
        QCOMPARE(doc[u"prefill"_qs].toObject()[u"sequence"_qs].toInteger(), 48);
    }

    void csv()
    {
        const QString file = m_dir.filePath(u"report.csv"_qs);
        const Run run = runCli(args({ u"-f"_qs, u"csv"_qs, u"-o"_qs, file }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.isEmpty());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QString problem;
        const QList<QStringList> rows = csvRows(f.readAll(), problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(rows.size(), 2);
        const QStringList& h = rows[0];
        const QStringList& r = rows[1];
        const auto field = [&](const char* name) { return r.value(h.indexOf(QLatin1String(name))); };
        QCOMPARE(field("model"), u"tiny_llama"_qs);
        QCOMPARE(field("hardware"), u"nvidia-l4"_qs);
        QCOMPARE(field("batch"), u"2"_qs);
        QCOMPARE(field("prompt_tokens"), u"48"_qs);
        QCOMPARE(field("generated_tokens"), u"20"_qs);
        QCOMPARE(field("kv_cache_bytes"), u"34816"_qs);
        QCOMPARE(field("fits"), u"yes"_qs);
        QVERIFY2(printedAs(field("tokens_per_s"), m_engine.tokensPerSecond.value, 3),
            describe(u"tokens_per_s"_qs, field("tokens_per_s"), m_engine.tokensPerSecond.value));
        QVERIFY2(printedAs(field("ttft_ms"), m_engine.timeToFirstToken.value, 6),
            describe(u"ttft_ms"_qs, field("ttft_ms"), m_engine.timeToFirstToken.value));
    }

    void markdown()
    {
        const Run run = runCli(args({ u"-f"_qs, u"markdown"_qs }));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QString problem;
        const QList<MarkdownTable> tables = markdownTables(run.out, problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(tables.size(), 2);
        QString tokens;
        for (const QStringList& row : tables[0].rows) {
            if (row[0] == u"tokens per second"_qs)
                tokens = row[1].section(u' ', 0, 0);
        }
        QVERIFY2(printedAs(tokens, m_engine.tokensPerSecond.value, 1),
            describe(u"tokens per second"_qs, tokens, m_engine.tokensPerSecond.value));
        const MarkdownTable& steps = tables[1];
        QCOMPARE(steps.rows.size(), qsizetype(m_engine.decode.size()));
        const int context = steps.column(u"context"_qs);
        QVERIFY(context >= 0);
        QCOMPARE(steps.rows.front()[context], u"49"_qs);
        QCOMPARE(steps.rows.back()[context], u"68"_qs);
    }

    /// The bundled 7B graph found by its file name; int4 weights shrink what is stored.
    void bundled7bWithInt4Weights()
    {
        const Run run = runCli({ u"generate"_qs, u"llama2_7b.structure.onnx"_qs, u"-H"_qs, u"nvidia-h100-sxm5"_qs,
            u"-r"_qs, u"tensorrt"_qs, u"--prompt"_qs, u"64"_qs, u"--tokens"_qs, u"8"_qs, u"--weights"_qs, u"int4"_qs,
            u"-f"_qs, u"json"_qs, u"--registry"_qs, m_registry });
        if (run.exitCode == 2 && run.err.contains("no such model file"))
            QSKIP("the build did not write llama2_7b.structure.onnx");
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(run.out).object();
        const QJsonObject settings = doc[u"settings"_qs].toObject();
        QCOMPARE(settings[u"weights"_qs].toString(), u"int4"_qs);
        QCOMPARE(settings[u"quantized_matmuls"_qs].toInt(), 32 * 7 + 1);
        QCOMPARE(settings[u"bytes_per_weight"_qs].toDouble(), 0.515625);
        // 6.607e9 MatMul weights (32 × (4·4096² + 3·4096·11008) + 4096·32000) at 0.515625 bytes = 3.407 GB, and
        // 0.131e9 others (the embedding, the norms) at 2 bytes = 0.263 GB: 3.67 GB.
        const double stored = doc[u"memory"_qs].toObject()[u"weight_bytes"_qs].toDouble();
        QVERIFY2(stored > 3.66e9 && stored < 3.68e9, QByteArray::number(stored));
    }

    /// `graphs validate --published` on the generation figures: every row of the file estimated, in CSV.
    void validatePublishedGeneration()
    {
        const Run run = runCli({ u"validate"_qs, u"--published"_qs,
            QStringLiteral(GRAPHS_SOURCE_DIR "/registries/published/generation.csv"), u"-f"_qs, u"csv"_qs,
            u"--registry"_qs, m_registry });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QString problem;
        const QList<QStringList> rows = csvRows(run.out, problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QFile file(QStringLiteral(GRAPHS_SOURCE_DIR "/registries/published/generation.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString fileProblem;
        const QList<QStringList> published = csvRows(file.readAll(), fileProblem);
        QCOMPARE(rows.size(), published.size());
        const int estimate = int(rows[0].indexOf(u"estimate"_qs));
        const int skipped = int(rows[0].indexOf(u"skipped"_qs));
        QVERIFY(estimate >= 0 && skipped >= 0);
        for (qsizetype i = 1; i < rows.size(); ++i) {
            QVERIFY2(!rows[i][estimate].isEmpty() && rows[i][skipped].isEmpty(), qPrintable(rows[i].join(u',')));
        }
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        const QString squeezenet = graphs::testing::bundledModel();
        QTest::newRow("not a decoder") << QStringList { u"generate"_qs, squeezenet, u"-H"_qs, u"nvidia-l4"_qs } << 2
                                       << u"not a decoder: it has no input_ids"_qs;
        QTest::newRow("no such model") << QStringList { u"generate"_qs, u"/nonexistent/x.onnx"_qs, u"-H"_qs,
            u"nvidia-l4"_qs } << 2 << u"no such model file '/nonexistent/x.onnx'"_qs;
        QTest::newRow("unknown hardware") << QStringList { u"generate"_qs, squeezenet, u"-H"_qs, u"nvidia-l5"_qs } << 2
                                          << u"no hardware with id 'nvidia-l5'"_qs;
        QTest::newRow("prompt 0") << QStringList { u"generate"_qs, squeezenet, u"-H"_qs, u"nvidia-l4"_qs,
            u"--prompt"_qs, u"0"_qs }
                                  << 2 << u"--prompt: must be positive"_qs;
        QTest::newRow("bad weights") << QStringList { u"generate"_qs, squeezenet, u"-H"_qs, u"nvidia-l4"_qs,
            u"--weights"_qs, u"int3"_qs }
                                     << 2 << u"unknown --weights 'int3'"_qs;
        QTest::newRow("bad precision") << QStringList { u"generate"_qs, squeezenet, u"-H"_qs, u"nvidia-l4"_qs, u"-p"_qs,
            u"fp12"_qs } << 2 << u"unknown precision 'fp12'"_qs;
        QTest::newRow("bad format") << QStringList { u"generate"_qs, squeezenet, u"-H"_qs, u"nvidia-l4"_qs, u"-f"_qs,
            u"xml"_qs } << 2 << u"unknown --format 'xml'"_qs;
        QTest::newRow("one decode sample")
            << QStringList { u"generate"_qs, squeezenet, u"-H"_qs, u"nvidia-l4"_qs, u"--decode-samples"_qs, u"1"_qs }
            << 2 << u"--decode-samples"_qs;
        QTest::newRow("precision the device lacks") << QStringList { u"generate"_qs, u"llama2_7b.structure.onnx"_qs,
            u"-H"_qs, u"google-coral-edge-tpu"_qs, u"--tokens"_qs, u"2"_qs }
                                                    << 2 << u"has no fp16 throughput"_qs;
    }

    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        const Run run = runCli(arguments + QStringList { u"--registry"_qs, m_registry });
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(QString::fromUtf8(run.err).contains(fragment), run.err.constData());
    }

    /// The 7B model at fp16 on a 4 GB Orin Nano: the report is still written, with a warning on standard error and
    /// the reason in the report.
    void doesNotFit()
    {
        const Run run
            = runCli({ u"generate"_qs, u"llama2_7b.structure.onnx"_qs, u"-H"_qs, u"nvidia-jetson-orin-nano-4gb-gpu"_qs,
                u"--prompt"_qs, u"16"_qs, u"--tokens"_qs, u"4"_qs, u"--registry"_qs, m_registry });
        if (run.exitCode == 2 && run.err.contains("no such model file"))
            QSKIP("the build did not write llama2_7b.structure.onnx");
        QVERIFY2(run.exitCode == 0, run.err.constData());
        // 6.74e9 weights at 2 bytes = 13.5 GB against the module's 4 GiB.
        QVERIFY2(
            run.err.contains("does not fit on nvidia-jetson-orin-nano-4gb-gpu: weights 13.48 GB"), run.err.constData());
        QVERIFY2(run.out.contains("DOES NOT FIT"), run.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliGenerate)
#include "tst_cli_generate.moc"
