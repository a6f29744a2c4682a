// The files trtexec exports and the lines it prints, read from the recordings in tests/data/trtexec (written in
// trtexec's documented formats; see the README there) and from broken variants: every error names the file.

#include "benchmarks/trtexec_log.h"
#include "benchmarks/trtexec_reports.h"
#include "test_files.h"

#include <QTemporaryDir>
#include <QtTest>

#include <numeric>

using namespace graphs;

namespace {

std::string recorded(const char* name)
{
    auto text = readTrtexecFile(std::string(GRAPHS_SOURCE_DIR "/tests/data/trtexec/") + name);
    return text ? *text : std::string();
}

} // namespace

class TestTrtexecReports : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void readsRecordedTimes()
    {
        const std::string file = "squeezenet1_1.times.json";
        auto times = parseTrtexecTimes(recorded("squeezenet1_1.times.json"), file);
        QVERIFY2(times, times ? "" : times.error().toString().c_str());
        QCOMPARE(times->size(), size_t(25));
        const TrtexecIteration& first = times->front();
        QCOMPARE(first.computeMs, 0.239596);
        QCOMPARE(first.h2dMs, 0.049717);
        QCOMPARE(first.d2hMs, 0.007148);
        QCOMPARE(first.latencyMs, 0.296461);
        QVERIFY(first.enqueueMs > 0.01 && first.enqueueMs < 0.02); // endEnqMs − startEnqMs
        for (const TrtexecIteration& it : *times) // latency = h2d + compute + d2h, to the file's 6 digits
            QVERIFY(std::abs(it.latencyMs - (it.h2dMs + it.computeMs + it.d2hMs)) < 2e-6);
    }

    void readsTensorrt7Times()
    {
        // TensorRT 7 called the copies inMs/outMs.
        auto times = parseTrtexecTimes(R"([{"inMs": 0.1, "computeMs": 1.5, "outMs": 0.2, "latencyMs": 1.8}])", "t7.json");
        QVERIFY(times);
        QCOMPARE(times->front().h2dMs, 0.1);
        QCOMPARE(times->front().d2hMs, 0.2);
    }

    void readsRecordedProfile()
    {
        auto profile = parseTrtexecProfile(recorded("squeezenet1_1.profile.json"), "profile.json");
        QVERIFY2(profile, profile ? "" : profile.error().toString().c_str());
        QCOMPARE(profile->iterations, 25);
        QCOMPARE(profile->layers.size(), size_t(33));
        const TrtexecLayerTime& conv = profile->layers[1];
        QCOMPARE(conv.name, std::string("/features/features.0/Conv + /features/features.1/Relu"));
        QCOMPARE(conv.averageMs, 0.0386);
        QCOMPARE(conv.totalMs, 0.965); // averageMs × count
        const double percent = std::accumulate(profile->layers.begin(), profile->layers.end(), 0.0,
            [](double sum, const TrtexecLayerTime& l) { return sum + l.percentage; });
        QVERIFY(std::abs(percent - 100) < 0.01);
    }

    void readsNamesTrtexecDidNotEscape()
    {
        // trtexec writes layer names raw: TensorRT's \x1F separators arrive as control characters.
        const std::string text = "[\n  { \"count\" : 2 }\n, { \"name\" : \"a\x1f" "b\", \"timeMs\" : 1, "
                                 "\"averageMs\" : 0.5, \"medianMs\" : 0.5, \"percentage\" : 100 }\n]\n";
        auto profile = parseTrtexecProfile(text, "raw.json");
        QVERIFY2(profile, profile ? "" : profile.error().toString().c_str());
        QCOMPARE(profile->layers.front().name, std::string("a\x1f" "b"));
    }

    void readsRecordedLayerInfo()
    {
        auto layers = parseTrtexecLayerInfo(recorded("squeezenet1_1.layers.json"), "layers.json");
        QVERIFY2(layers, layers ? "" : layers.error().toString().c_str());
        QCOMPARE(layers->size(), size_t(33));
        QCOMPARE(layers->front().type, std::string("Reformat"));
        QVERIFY(layers->front().onnxNodes.empty());
        QCOMPARE(layers->at(1).type, std::string("CaskConvolution"));
        QCOMPARE(layers->at(1).onnxNodes,
            (std::vector<std::string> { "/features/features.0/Conv", "/features/features.1/Relu" }));
    }

    void readsLayerNamesOnly()
    {
        // --profilingVerbosity=layer_names_only lists names, not objects.
        auto layers = parseTrtexecLayerInfo(R"({"Layers": ["Conv_0 + Relu_1", "MaxPool_2"], "Bindings": []})", "n.json");
        QVERIFY(layers);
        QCOMPARE(layers->size(), size_t(2));
        QCOMPARE(layers->at(1).name, std::string("MaxPool_2"));
        QVERIFY(layers->at(1).type.empty());
    }

    void metadata_data()
    {
        QTest::addColumn<QByteArray>("metadata");
        QTest::addColumn<QStringList>("nodes");
        QTest::newRow("one") << QByteArray("[ONNX Layer: /a/Conv]") << QStringList { QStringLiteral("/a/Conv") };
        QTest::newRow("unit separator") << QByteArray("[ONNX Layer: /a/Conv]\x1f[ONNX Layer: /a/Relu]")
                                        << QStringList { QStringLiteral("/a/Conv"), QStringLiteral("/a/Relu") };
        QTest::newRow("record separator") << QByteArray("[ONNX Layer: x]\x1e[ONNX Layer: y]")
                                          << QStringList { QStringLiteral("x"), QStringLiteral("y") };
        QTest::newRow("local function") << QByteArray("[ONNX Layer: /b/Add | Local Function: Block]")
                                        << QStringList { QStringLiteral("/b/Add") };
        QTest::newRow("bracket in a name") << QByteArray("[ONNX Layer: w[0]/MatMul]")
                                           << QStringList { QStringLiteral("w[0]/MatMul") };
        QTest::newRow("node_of_") << QByteArray("[ONNX Layer: node_of_345]") << QStringList { QStringLiteral("node_of_345") };
        QTest::newRow("empty") << QByteArray() << QStringList {};
    }

    void metadata()
    {
        QFETCH(QByteArray, metadata);
        QFETCH(QStringList, nodes);
        QStringList got;
        for (const std::string& n : onnxNodesFromMetadata(metadata.toStdString()))
            got << QString::fromStdString(n);
        QCOMPARE(got, nodes);
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("times: not JSON") << QStringLiteral("times") << QByteArray("[{\"computeMs\": 1,")
                                         << QStringLiteral("not JSON");
        QTest::newRow("times: object") << QStringLiteral("times") << QByteArray("{\"computeMs\": 1}")
                                       << QStringLiteral("expected a JSON array of iterations");
        QTest::newRow("times: no computeMs") << QStringLiteral("times") << QByteArray("[{\"latencyMs\": 1}]")
                                             << QStringLiteral("iteration 0 has no \"computeMs\"");
        QTest::newRow("times: text value") << QStringLiteral("times")
                                           << QByteArray("[{\"computeMs\": 1, \"latencyMs\": 1}, {\"computeMs\": \"x\", \"latencyMs\": 1}]")
                                           << QStringLiteral("iteration 1: \"computeMs\" is not a finite number");
        QTest::newRow("times: zero") << QStringLiteral("times") << QByteArray("[{\"computeMs\": 0, \"latencyMs\": 0}]")
                                     << QStringLiteral("\"computeMs\" is not a positive number");
        QTest::newRow("times: negative copy") << QStringLiteral("times")
                                              << QByteArray("[{\"computeMs\": 1, \"latencyMs\": 1, \"h2dMs\": -1}]")
                                              << QStringLiteral("negative time");
        QTest::newRow("times: empty array") << QStringLiteral("times") << QByteArray("[]")
                                            << QStringLiteral("no timed iteration");
        QTest::newRow("profile: no count") << QStringLiteral("profile")
                                           << QByteArray("[{\"name\": \"a\", \"averageMs\": 1}]")
                                           << QStringLiteral("starting with {\"count\": N}");
        QTest::newRow("profile: zero count") << QStringLiteral("profile") << QByteArray("[{\"count\": 0}]")
                                             << QStringLiteral("not a positive integer");
        QTest::newRow("profile: no name") << QStringLiteral("profile")
                                          << QByteArray("[{\"count\": 1}, {\"averageMs\": 1}]")
                                          << QStringLiteral("layer 1 has no \"name\"");
        QTest::newRow("profile: no average") << QStringLiteral("profile")
                                             << QByteArray("[{\"count\": 1}, {\"name\": \"Conv_0\", \"timeMs\": 1}]")
                                             << QStringLiteral("layer 1 ('Conv_0') has no \"averageMs\"");
        QTest::newRow("profile: negative") << QStringLiteral("profile")
                                           << QByteArray("[{\"count\": 1}, {\"name\": \"c\", \"averageMs\": -2}]")
                                           << QStringLiteral("negative time");
        QTest::newRow("layers: array") << QStringLiteral("layers") << QByteArray("[]")
                                       << QStringLiteral("expected an object with a \"Layers\" array");
        QTest::newRow("layers: no Name") << QStringLiteral("layers")
                                         << QByteArray("{\"Layers\": [{\"LayerType\": \"Reformat\"}]}")
                                         << QStringLiteral("layer 0 has no \"Name\"");
        QTest::newRow("layers: truncated") << QStringLiteral("layers") << QByteArray("{\"Layers\": [")
                                           << QStringLiteral("not JSON");
    }

    /// Each broken file is written to disk and read as the runner reads it: the error names that file.
    void malformed()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, content);
        QFETCH(QString, fragment);
        const QString path = graphs::testing::writeTestFile(m_dir, kind + QStringLiteral(".json"), content);
        QVERIFY(!path.isEmpty());
        auto text = readTrtexecFile(path.toStdString());
        QVERIFY(text);
        const std::string file = path.toStdString();
        Error error;
        if (kind == QStringLiteral("times"))
            error = parseTrtexecTimes(*text, file).error();
        else if (kind == QStringLiteral("profile"))
            error = parseTrtexecProfile(*text, file).error();
        else
            error = parseTrtexecLayerInfo(*text, file).error();
        const QString message = QString::fromStdString(error.toString());
        QVERIFY2(message.startsWith(path + QStringLiteral(": ")), qPrintable(message));
        QVERIFY2(message.contains(fragment), qPrintable(message));
    }

    void missingAndEmptyFilesAreNamed()
    {
        const std::string missing = m_dir.filePath(QStringLiteral("absent.json")).toStdString();
        auto none = readTrtexecFile(missing);
        QVERIFY(!none);
        QCOMPARE(none.error().location, missing);
        QVERIFY(none.error().message.find("trtexec should have written") != std::string::npos);
        const QString empty = graphs::testing::writeTestFile(m_dir, QStringLiteral("empty.json"), "\n");
        auto blank = readTrtexecFile(empty.toStdString());
        QVERIFY(!blank);
        QCOMPARE(blank.error().code, ErrorCode::EmptyInput);
        QCOMPARE(QString::fromStdString(blank.error().location), empty);
    }

    void readsTheLog()
    {
        const TrtexecLogFacts facts = parseTrtexecLog(recorded("run.log"));
        QCOMPARE(facts.tensorrtVersion, std::string("10.3.0"));
        QCOMPARE(facts.device, std::string("Orin"));
        QCOMPARE(facts.computeCapability, std::string("8.7"));
        // Without the "TensorRT version:" line, the banner's code gives it.
        const TrtexecLogFacts banner = parseTrtexecLog("&&&& RUNNING TensorRT.trtexec [TensorRT v8601] # trtexec\n");
        QCOMPARE(banner.tensorrtVersion, std::string("8.6.1"));
    }

    void versionCodes_data()
    {
        QTest::addColumn<long>("code");
        QTest::addColumn<QString>("version");
        QTest::newRow("8.6.1") << 8601L << QStringLiteral("8.6.1");
        QTest::newRow("8.5.10") << 8510L << QStringLiteral("8.5.10");
        QTest::newRow("10.3.0") << 100300L << QStringLiteral("10.3.0");
        QTest::newRow("10.13.2") << 101302L << QStringLiteral("10.13.2");
        QTest::newRow("none") << 0L << QString();
    }

    void versionCodes()
    {
        QFETCH(long, code);
        QFETCH(QString, version);
        QCOMPARE(QString::fromStdString(tensorrtVersionFromCode(code)), version);
    }

    void diagnosesFailures_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("quote");
        QTest::newRow("parser rejects") << QByteArray::fromStdString(recorded("reject.log"))
                                        << int(TrtexecFailure::Kind::ModelRejected)
                                        << QStringLiteral("In function parseNode: [6] Invalid Node - /postprocess/NonMaxSuppression");
        QTest::newRow("out of memory") << QByteArray::fromStdString(recorded("oom.log"))
                                       << int(TrtexecFailure::Kind::OutOfMemory)
                                       << QStringLiteral("Error Code 1: Cuda Runtime (out of memory)");
        QTest::newRow("a warning about memory is not the failure")
            << QByteArray("[01/01/2024-00:00:00] [W] [TRT] Requested amount of GPU memory (1 bytes) could not be "
                          "allocated.\n[01/01/2024-00:00:00] [E] Error[3]: [network.cpp::addInput::1] Error Code 3: "
                          "API Usage Error (bad input)\n")
            << int(TrtexecFailure::Kind::Other) << QStringLiteral("Error Code 3: API Usage Error (bad input)");
        QTest::newRow("libraries missing")
            << QByteArray("trtexec: error while loading shared libraries: libnvinfer.so.10: cannot open shared object "
                          "file: No such file or directory\n")
            << int(TrtexecFailure::Kind::MissingLibraries) << QStringLiteral("libnvinfer.so.10");
        QTest::newRow("no error line") << QByteArray("something odd\n&&&& FAILED TensorRT.trtexec\n")
                                       << int(TrtexecFailure::Kind::Other) << QStringLiteral("something odd");
    }

    void diagnosesFailures()
    {
        QFETCH(QByteArray, output);
        QFETCH(int, kind);
        QFETCH(QString, quote);
        const TrtexecFailure failure = diagnoseTrtexecFailure(output.toStdString());
        QCOMPARE(int(failure.kind), kind);
        QVERIFY2(QString::fromStdString(failure.quote).contains(quote), failure.quote.c_str());
        QVERIFY(failure.quote.find("[E]") == std::string::npos); // log prefixes are stripped
        const std::string message = describeTrtexecFailure(failure, 1);
        QVERIFY(message.find(failure.quote) != std::string::npos);
    }

    void failureMessagesSayWhatHappened()
    {
        QVERIFY(describeTrtexecFailure({ TrtexecFailure::Kind::ModelRejected, "x" }, 1).find("TensorRT rejected the model")
            == 0);
        QVERIFY(describeTrtexecFailure({ TrtexecFailure::Kind::OutOfMemory, "x" }, 1).find("ran out of memory")
            != std::string::npos);
        QVERIFY(describeTrtexecFailure({ TrtexecFailure::Kind::MissingLibraries, "x" }, 127).find("LD_LIBRARY_PATH")
            != std::string::npos);
        QCOMPARE(describeTrtexecFailure({ TrtexecFailure::Kind::Other, "" }, -1), std::string("trtexec failed (killed)"));
    }

    void readsDeviceTools()
    {
        auto smi = parseNvidiaSmiQuery("NVIDIA H100 80GB HBM3, 550.54.15, 1980, 1980, 2619\n");
        QCOMPARE(smi.at("gpu"), std::string("NVIDIA H100 80GB HBM3"));
        QCOMPARE(smi.at("gpu_driver"), std::string("550.54.15"));
        QCOMPARE(smi.at("sm_clock_mhz"), std::string("1980"));
        QCOMPARE(smi.at("memory_clock_mhz"), std::string("2619"));
        // A Jetson's nvidia-smi knows the name and driver only.
        auto jetson = parseNvidiaSmiQuery("Orin (nvgpu), 540.4.0, [N/A], [N/A], [N/A]\n");
        QCOMPARE(jetson.size(), size_t(2));
        QCOMPARE(jetson.at("gpu"), std::string("Orin (nvgpu)"));
        QCOMPARE(parseNvpmodelQuery("NV Power Mode: MAXN\n0\n"), std::string("MAXN"));
        QCOMPARE(parseNvpmodelQuery("NV Power Mode: 15W\n1\n"), std::string("15W"));
        QVERIFY(parseNvpmodelQuery("nvpmodel: command not found\n").empty());
    }
};

QTEST_GUILESS_MAIN(TestTrtexecReports)
#include "tst_trtexec_reports.moc"
