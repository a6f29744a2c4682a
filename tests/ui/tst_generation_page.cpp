// The Generation page on a tiny Llama-shaped decoder written by the reference-model writers (2 layers, hidden 64,
// 4 heads of 16, 2 KV heads, MLP 128, vocabulary 256): the run is driven through the page's widgets on two devices,
// and its figures are checked against what the decoder's shape implies (KV cache per token, the context of every
// decode step, the quantised MatMuls, each device's capacity from the registry), against the definitions of tokens
// per second and energy per token, and against physics (a decode step never gets cheaper as the cache grows).
// Exports are read back; cancelling reports nothing and stops the engine; a model that is no decoder is named.

#include "charts/generation_plots.h"
#include "hardware/hardware_registry.h"
#include "jobs/generation_run.h"
#include "jobs/job_tracker.h"
#include "jobs/registry_loader.h"
#include "llama_decoder.h"
#include "models/generation_table_model.h"
#include "models/hardware_check_model.h"
#include "pages/generation_page.h"
#include "test_files.h"
#include "transform/fusion_rules.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace graphs;
using namespace graphs::ui;

namespace {

constexpr int RunTimeoutMs = 120000;
const QString FirstDevice = QStringLiteral("nvidia-h100-sxm5");
const QString SecondDevice = QStringLiteral("nvidia-l4");

// The tiny decoder's shape, from which the expectations below are derived.
constexpr int64_t Layers = 2;
constexpr int64_t Hidden = 64;
constexpr int64_t Heads = 4;
constexpr int64_t KvHeads = 2;
constexpr int64_t HeadDim = Hidden / Heads;
constexpr int64_t Prompt = 64;
constexpr int64_t Generated = 16;
constexpr int64_t Batch = 2;

reference::LlamaConfig tinyConfig()
{
    reference::LlamaConfig c;
    c.name = "tiny_llama";
    c.layers = Layers;
    c.hidden = Hidden;
    c.heads = Heads;
    c.kvHeads = KvHeads;
    c.intermediate = 128;
    c.vocab = 256;
    c.weightsFile = "tiny_llama.weights.bin";
    return c;
}

} // namespace

class TestGenerationPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home; ///< XDG_DATA_HOME: no calibration profiles
    QTemporaryDir m_dir;
    QString m_decoder;
    std::shared_ptr<const HardwareCatalog> m_catalog;

    /// The page with the catalog and the tiny decoder, `devices` checked, the settings of the test typed in.
    void setUp(GenerationPage& page, const QStringList& devices, const QString& precision = QStringLiteral("fp16"),
        const QString& weights = QStringLiteral("none"))
    {
        page.setCatalog(m_catalog);
        page.modelEdit()->setText(m_decoder);
        for (const QString& id : devices)
            page.setHardwareChecked(id, true);
        page.promptSpin()->setValue(static_cast<int>(Prompt));
        page.tokensSpin()->setValue(static_cast<int>(Generated));
        page.batchSpin()->setValue(static_cast<int>(Batch));
        page.precisionCombo()->setCurrentIndex(page.precisionCombo()->findData(precision));
        page.weightsCombo()->setCurrentIndex(page.weightsCombo()->findData(weights));
        page.runtimeCombo()->setCurrentIndex(page.runtimeCombo()->findData(QStringLiteral("onnxruntime")));
    }

    /// Clicks Run and waits for the run to end.
    bool runToEnd(GenerationPage& page)
    {
        QSignalSpy finished(&page, &GenerationPage::finished);
        if (!page.runButton()->isEnabled())
            return false;
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        return finished.wait(RunTimeoutMs) || finished.count() == 1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("graphs-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_generation_page"));
        QVERIFY(m_home.isValid() && m_dir.isValid());
        qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
        m_decoder = graphs::testing::writeTestFile(m_dir, QStringLiteral("tiny_llama.onnx"),
            QByteArray::fromStdString(reference::llamaDecoder(tinyConfig()).SerializeAsString()));
        QVERIFY(!m_decoder.isEmpty());

        RegistryLoader loader;
        QSignalSpy loaded(&loader, &RegistryLoader::loaded);
        loader.load({ QStringLiteral(GRAPHS_SOURCE_DIR "/registries") });
        QVERIFY(loaded.wait(RunTimeoutMs) || loaded.count() == 1);
        m_catalog = loader.catalog();
        QVERIFY(m_catalog && m_catalog->runtime(QStringLiteral("onnxruntime")));
        QVERIFY(m_catalog->hardware(FirstDevice) && m_catalog->hardware(SecondDevice));
    }

    void init() { QSettings().clear(); }

    void runShowsEveryDevice()
    {
        GenerationPage page;
        page.resize(1400, 900);
        page.show();
        setUp(page, { FirstDevice, SecondDevice });
        QAbstractItemModelTester tester(page.tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(runToEnd(page));
        QVERIFY2(page.result(), qPrintable(page.statusLabel()->text()));
        QVERIFY2(page.result()->errors.isEmpty(), qPrintable(page.result()->errors.join(u'\n')));
        const auto& results = page.result()->results;
        QCOMPARE(results.size(), size_t(2));
        QCOMPARE(page.tableModel()->rowCount(), 2);

        QStringList ids;
        for (const GenerationResult& r : results)
            ids << QString::fromStdString(r.hardwareId);
        ids.sort();
        QCOMPARE(ids, (QStringList { FirstDevice, SecondDevice }));

        // KV cache: layers × (K and V) × KV heads × head dim × 2 bytes (fp16), per token of one sequence; at the
        // final context, × (prompt + generated) × batch.
        const double kvPerToken = double(Layers * 2 * KvHeads * HeadDim * 2);
        for (const GenerationResult& r : results) {
            QCOMPARE(r.kvCacheBytesPerToken, kvPerToken);
            QCOMPARE(r.memory.kvCacheBytes, kvPerToken * double((Prompt + Generated) * Batch));
            // The definitions of the rates.
            QVERIFY(r.decodeTime.value > 0 && r.timeToFirstToken.value > 0);
            QVERIFY(std::abs(r.tokensPerSecond.value - double(Batch * Generated) / (r.decodeTime.value / 1e3))
                < 1e-9 * r.tokensPerSecond.value);
            QVERIFY(std::abs(r.energyPerToken.value * double(Batch * Generated) - r.decodeEnergy.value)
                < 1e-9 * r.decodeEnergy.value);
            QVERIFY(r.memory.fits); // a few hundred kB on devices of gigabytes
        }

        // The latency chart: a line per device through the decode steps estimated, the first attending to the
        // prompt and its own token, the last to the whole context; a step never gets cheaper as the cache it reads
        // grows.
        const auto& lines = page.latencyPlot()->series();
        QCOMPARE(lines.size(), size_t(2));
        QCOMPARE(page.latencyPlot()->graphCount(), 2);
        for (const LatencySeries& s : lines) {
            QCOMPARE(s.context.size(), qsizetype(9)); // the page estimates 9 of the 16 steps
            QCOMPARE(s.context.front(), double(Prompt + 1));
            QCOMPARE(s.context.back(), double(Prompt + Generated));
            for (qsizetype i = 1; i < s.milliseconds.size(); ++i)
                QVERIFY2(s.milliseconds[i] >= s.milliseconds[i - 1] * (1 - 1e-9),
                    qPrintable(QStringLiteral("%1: step %2").arg(s.label).arg(i)));
        }
        // The memory chart: the KV cache rises by the bytes per token of the batch; each device's capacity from
        // the registry is a level.
        const MemorySeries& memory = page.memoryPlot()->series();
        QCOMPARE(memory.contextEnd, double(Prompt + Generated));
        QCOMPARE(memory.kvBytesPerContextToken, kvPerToken * Batch);
        QCOMPARE(memory.capacities.size(), size_t(2));
        for (size_t i = 0; i < results.size(); ++i) {
            const auto spec = m_catalog->hardware(QString::fromStdString(results[i].hardwareId));
            const double capacity = spec->offChipMemory().totalCapacityBytes();
            QVERIFY(capacity > 1e9);
            QCOMPARE(memory.capacities[i].bytes, capacity);
            QVERIFY(page.memoryPlot()->capacityLine(static_cast<int>(i)));
            QCOMPARE(page.memoryPlot()->capacityLine(static_cast<int>(i))->point1->coords().y(), capacity / 1e9);
        }
        // The table shows the KV cache at the final context (40,960 bytes).
        QCOMPARE(page.tableModel()->index(0, GenerationTableModel::KvCacheColumn).data().toString(),
            QStringLiteral("41 kB"));
        QVERIFY(page.statusLabel()->text().contains(QStringLiteral("2 layers × 2 × 2 KV heads × 16")));
    }

    void weightsQuantisedOnRequest()
    {
        GenerationPage page;
        setUp(page, { FirstDevice }, QStringLiteral("fp16"), QStringLiteral("int4"));
        QVERIFY(runToEnd(page));
        QVERIFY(page.result() && page.result()->results.size() == 1);
        const GenerationResult& r = page.result()->results.front();
        QCOMPARE(r.weights.format, WeightFormat::Int4);
        // Per layer Q, K, V, O, gate, up and down, and the LM head: the MatMuls with a 2-D weight.
        QCOMPARE(r.quantizedMatMuls, Layers * 7 + 1);
        QCOMPARE(r.precision, Precision::FP16);
    }

    void exports()
    {
        GenerationPage page;
        page.resize(1400, 900);
        page.show();
        setUp(page, { FirstDevice, SecondDevice });
        QVERIFY(!page.exportCsv(m_dir.filePath(QStringLiteral("early.csv"))).isEmpty()); // nothing yet
        QVERIFY(runToEnd(page));
        QVERIFY(page.result() && page.result()->results.size() == 2);

        const QString csvPath = m_dir.filePath(QStringLiteral("generation.csv"));
        QCOMPARE(page.exportCsv(csvPath), QString());
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3); // one header, a row per device
        QVERIFY(lines[0].contains(QStringLiteral("hardware")));
        QVERIFY(lines[1].contains(FirstDevice) || lines[2].contains(FirstDevice));
        QVERIFY(lines[1].contains(SecondDevice) || lines[2].contains(SecondDevice));

        const QString png = m_dir.filePath(QStringLiteral("latency.png"));
        QCOMPARE(page.exportChart(GenerationPage::Chart::Latency, png, QSize(800, 500)), QString());
        QCOMPARE(QImage(png).size(), QSize(800, 500));
        const QString svg = m_dir.filePath(QStringLiteral("memory.svg"));
        QCOMPARE(page.exportChart(GenerationPage::Chart::Memory, svg, QSize(800, 500)), QString());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QVERIFY(svgFile.readAll().contains("<svg"));
    }

    void cancelReportsNothing()
    {
        GenerationPage page;
        setUp(page, { FirstDevice, SecondDevice });
        QSignalSpy finished(&page, &GenerationPage::finished);
        QVERIFY(page.run());
        QVERIFY(page.isRunning());
        QTest::mouseClick(page.cancelButton(), Qt::LeftButton);
        QVERIFY(finished.wait(RunTimeoutMs) || finished.count() == 1);
        QVERIFY(!page.result());
        QCOMPARE(page.tableModel()->rowCount(), 0);
        QVERIFY2(
            page.statusLabel()->text().contains(QStringLiteral("Cancelled")), qPrintable(page.statusLabel()->text()));
        QVERIFY(page.runButton()->isEnabled());
        QVERIFY(!page.cancelButton()->isEnabled());
    }

    void cancelStopsTheEngine()
    {
        // The job's control is cancelled at its first progress report, before the prefill: the engine stops there
        // and the second device is not begun.
        GenerationInputs inputs;
        inputs.model = m_decoder;
        inputs.hardware = { m_catalog->hardware(FirstDevice), m_catalog->hardware(SecondDevice) };
        inputs.runtime = m_catalog->runtime(QStringLiteral("onnxruntime"));
        auto state = std::make_shared<graphs::ui::detail::JobState>(1);
        int reports = 0;
        const JobControl control(state, [&](int) {
            ++reports;
            state->cancelled = true;
        });
        const GenerationRun run = runGenerationJob(control, inputs);
        QCOMPARE(reports, 1);
        QVERIFY(run.results.empty());
        QVERIFY(run.errors.isEmpty()); // cancelled is not a failure
    }

    void problemsAreNamed()
    {
        GenerationPage page;
        setUp(page, {});
        QVERIFY(!page.runButton()->isEnabled());
        QVERIFY(page.runButton()->toolTip().contains(QStringLiteral("hardware")));
        page.setHardwareChecked(FirstDevice, true);
        QVERIFY(page.runButton()->isEnabled());
        page.modelEdit()->setText(m_dir.filePath(QStringLiteral("missing.onnx")));
        QVERIFY(!page.run());
        QVERIFY(page.statusLabel()->text().contains(QStringLiteral("missing.onnx")));

        // A model that is no decoder: the engine's message names what is missing.
        page.setModel(QStringLiteral(GRAPHS_SOURCE_DIR "/resources/models/squeezenet1_1.onnx"));
        QVERIFY(runToEnd(page));
        QVERIFY(page.result());
        QVERIFY(page.result()->results.empty());
        QCOMPARE(page.result()->errors.size(), 1);
        QVERIFY2(page.result()->errors.front().startsWith(FirstDevice + QStringLiteral(": ")),
            qPrintable(page.result()->errors.front()));
        QVERIFY2(page.result()->errors.front().contains(QStringLiteral("input_ids")),
            qPrintable(page.result()->errors.front()));
        QVERIFY(page.errorLabel()->isVisibleTo(&page));
    }

    void choicesAreRemembered()
    {
        {
            GenerationPage page;
            setUp(page, { SecondDevice }, QStringLiteral("bf16"), QStringLiteral("int8"));
            QVERIFY(runToEnd(page));
        }
        GenerationPage again;
        again.setCatalog(m_catalog);
        QCOMPARE(again.model(), m_decoder);
        QCOMPARE(again.hardwareModel()->checkedIds(), QStringList { SecondDevice });
        QCOMPARE(again.promptSpin()->value(), int(Prompt));
        QCOMPARE(again.batchSpin()->value(), int(Batch));
        QCOMPARE(again.precisionCombo()->currentData().toString(), QStringLiteral("bf16"));
        QCOMPARE(again.weightsCombo()->currentData().toString(), QStringLiteral("int8"));
    }
};

QTEST_MAIN(TestGenerationPage)
#include "tst_generation_page.moc"
