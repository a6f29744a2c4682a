// An eager framework's host cost per operator (HostCosts, HardwareSpec::host) and how the estimator puts it in one
// timeline with the device's work. Every expectation follows from the timeline rule by hand: on a CPU the host core
// runs the kernels, so dispatch and kernel add; on a GPU the device runs a kernel when it is free and the kernel's
// dispatch is done, and the caller synchronises once per inference. Device times are taken from the same estimate
// without host costs (the roofline part, covered by tst_estimator), so each row checks the host part alone.

#include "estimator_fixtures.h"

#include "calibration/training_data.h"
#include "estimation/analysis_pipeline.h"
#include "hardware/hardware_loader.h"

#include <fstream>
#include <sstream>

using namespace estimatortest;

namespace {

HostCosts hostCosts(double elementwiseUs, double matrixUs, double launchUs, double syncUs)
{
    HostCosts h;
    h.reference = "test core";
    h.defaultDispatchUs = 1.0;
    h.dispatchUs = { { "elementwise", elementwiseUs }, { "matrix", matrixUs }, { "view", 0.5 } };
    h.launchUs = launchUs;
    h.syncUs = syncUs;
    return h;
}

std::shared_ptr<HardwareSpec> withHost(std::shared_ptr<HardwareSpec> spec, double relativeSpeed)
{
    spec->host.core = "test host";
    spec->host.relativeSpeed = relativeSpeed;
    spec->host.stated = true;
    return spec;
}

/// Latencies (s) of each subgraph and the total of one model, with and without host costs.
struct Pair
{
    std::vector<double> device; ///< per subgraph, without host costs
    double deviceTotal = 0;
    std::vector<double> withHost;
    double total = 0;
};

std::optional<Pair> run(const QByteArray& model, std::shared_ptr<const HardwareSpec> spec, const HostCosts& host,
    QString& why)
{
    EstimateOptions plain = options();
    plain.kernelOverheadUs = 0.0;
    EstimateOptions eager = plain;
    eager.hostCosts = host;
    auto a = estimate(model, spec, plain, why);
    auto b = estimate(model, spec, eager, why);
    if (!a || !b)
        return std::nullopt;
    Pair p;
    for (const SubgraphEstimate& s : a->estimate.subgraphs)
        p.device.push_back(s.latency.value / 1e3);
    for (const SubgraphEstimate& s : b->estimate.subgraphs)
        p.withHost.push_back(s.latency.value / 1e3);
    p.deviceTotal = a->estimate.summary.latency.value / 1e3;
    p.total = b->estimate.summary.latency.value / 1e3;
    return p;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

class TestHostCosts : public QObject
{
    Q_OBJECT

private slots:
    /// On a CPU, three Relu kernels of 256 elements: each pays its dispatch (10 µs on the reference core) at the
    /// host core's speed (0.5: 20 µs) before it runs. No synchronisation: the host is the device.
    void cpuAddsDispatchToEachKernel()
    {
        QString why;
        auto p = run(bytes(reluChain()), withHost(syntheticCpu(), 0.5), hostCosts(10, 40, 5, 8), why);
        QVERIFY2(p, qPrintable(why));
        QCOMPARE(p->withHost.size(), size_t(3));
        for (size_t i = 0; i < 3; ++i)
            COMPARE_REL(p->withHost[i], p->device[i] + 20e-6);
        COMPARE_REL(p->total, p->deviceTotal + 60e-6);
    }

    /// On a GPU, the same three tiny kernels: the device waits for the host. Host per kernel = (10 + launch 5) µs at
    /// speed 1 = 15 µs; kernel k ends at 15k µs + its own device time (each device time is far below 15 µs), then
    /// the caller synchronises (8 µs).
    void gpuWaitsForASlowHost()
    {
        QString why;
        auto p = run(bytes(reluChain()), withHost(syntheticGpu(16), 1.0), hostCosts(10, 40, 5, 8), why);
        QVERIFY2(p, qPrintable(why));
        QCOMPARE(p->device.size(), size_t(3));
        for (double d : p->device)
            QVERIFY(d < 15e-6);
        // First kernel: host 15 µs, then its device time. Later ones: each starts at the next 15 µs mark.
        COMPARE_REL(p->withHost[0], 15e-6 + p->device[0]);
        COMPARE_REL(p->withHost[1], 15e-6 + p->device[1] - p->device[0]);
        COMPARE_REL(p->withHost[2], 15e-6 + p->device[2] - p->device[1]);
        COMPARE_REL(p->total, 45e-6 + p->device[2] + 8e-6);
    }

    /// On a GPU, a 1024³ GEMM (2.1 GFLOP at 16.4 TFLOP/s: ≈ 131 µs) then a Relu: the host dispatches the Relu while
    /// the GEMM runs, so only the GEMM's own dispatch (40 + 5 µs, at speed 0.5: 90 µs) and the final sync
    /// (8 µs / 0.5) show.
    void gpuHidesTheHostBehindALongKernel()
    {
        OnnxModelBuilder b;
        b.input("a", { 1024, 1024 }).input("w", { 1024, 1024 });
        b.node("MatMul", { "a", "w" }, { "m" }, {}, "matmul");
        b.node("Relu", { "m" }, { "y" }, {}, "relu").output("y");
        QString why;
        auto p = run(bytes(b), withHost(syntheticGpu(16), 0.5), hostCosts(10, 40, 5, 8), why);
        QVERIFY2(p, qPrintable(why));
        QCOMPARE(p->device.size(), size_t(2));
        QVERIFY(p->device[0] > 90e-6 + 30e-6); // the Relu's dispatch (30 µs) ends before the GEMM does
        COMPARE_REL(p->withHost[0], 90e-6 + p->device[0]);
        COMPARE_REL(p->withHost[1], p->device[1]);
        COMPARE_REL(p->total, 90e-6 + p->device[0] + p->device[1] + 16e-6);
    }

    /// A graph of one view runs no kernel, but an eager framework still makes the call (0.5 µs, no launch), and
    /// the caller still synchronises.
    void aViewCostsItsCallOnly()
    {
        QString why;
        auto p = run(bytes(onlyAView()), withHost(syntheticGpu(16), 1.0), hostCosts(10, 40, 5, 8), why);
        QVERIFY2(p, qPrintable(why));
        COMPARE_REL(p->total, 0.5e-6 + 8e-6);
    }

    /// runtimeOptions: a runtime with host costs passes them on; on a CPU its dispatch replaces the entry's launch
    /// overhead (paid once, not twice), on a GPU the entry's launch overhead stays (the device's own gap).
    void runtimeOptionsCarryHostCosts()
    {
        FusionRules rules;
        rules.host = hostCosts(10, 40, 5, 8);
        const auto cpu = runtimeOptions(rules, *syntheticCpu(2.0));
        QVERIFY(cpu.hostCosts);
        QVERIFY(cpu.kernelOverheadUs);
        QCOMPARE(*cpu.kernelOverheadUs, 0.0);
        const auto gpu = runtimeOptions(rules, *syntheticGpu(16));
        QVERIFY(gpu.hostCosts);
        QVERIFY(!gpu.kernelOverheadUs);
        const auto none = runtimeOptions(FusionRules {}, *syntheticCpu(2.0));
        QVERIFY(!none.hostCosts);
        QVERIFY(!none.kernelOverheadUs);
    }

    /// hostOperatorSeconds: dispatch (+ launch on a device, not for views and shape arithmetic) / relative speed.
    void operatorSeconds()
    {
        const HostCosts h = hostCosts(10, 40, 5, 8);
        const auto cpu = withHost(syntheticCpu(), 0.25);
        const auto gpu = withHost(syntheticGpu(4), 0.25);
        COMPARE_REL(hostOperatorSeconds(h, "matrix", *cpu), 160e-6);
        COMPARE_REL(hostOperatorSeconds(h, "matrix", *gpu), 180e-6);
        COMPARE_REL(hostOperatorSeconds(h, "view", *gpu), 2e-6);
        COMPARE_REL(hostOperatorSeconds(h, "pooling", *gpu), 24e-6); // default 1 µs + launch 5, / 0.25
        QCOMPARE(hostOperatorSeconds(h, "metadata", *gpu), 0.0);
        EstimateOptions o;
        QCOMPARE(hostSyncSeconds(o, *gpu), 0.0);
        o.hostCosts = h;
        COMPARE_REL(hostSyncSeconds(o, *gpu), 32e-6);
        QCOMPARE(hostSyncSeconds(o, *cpu), 0.0);
    }

    /// A class whose whole call on a device is given (a cuDNN convolution: 50 µs) replaces dispatch + launch there,
    /// and only there: 50 / 0.25 = 200 µs on the GPU; on the CPU its dispatch (default 1 µs) / 0.25 = 4 µs.
    void deviceCallReplacesDispatchAndLaunch()
    {
        HostCosts h = hostCosts(10, 40, 5, 8);
        h.deviceCallUs = { { "convolution", 50 } };
        const auto cpu = withHost(syntheticCpu(), 0.25);
        const auto gpu = withHost(syntheticGpu(4), 0.25);
        COMPARE_REL(hostOperatorSeconds(h, "convolution", *gpu), 200e-6);
        COMPARE_REL(hostOperatorSeconds(h, "convolution", *cpu), 4e-6);
        COMPARE_REL(hostOperatorSeconds(h, "matrix", *gpu), 180e-6); // (40 + 5) / 0.25, unchanged
    }

    /// Imported per-subgraph rows name their nodes: each gets the class of its module type.
    void importedNodeClasses_data()
    {
        QTest::addColumn<QString>("detail");
        QTest::addColumn<double>("flops");
        QTest::addColumn<QStringList>("classes");
        QTest::newRow("conv+bn+relu") << u"Conv2d_BatchNorm2d_ReLU (conv2d_batchnorm): conv1, bn1, relu"_qs << 1e6
                                      << QStringList { u"convolution"_qs, u"normalization"_qs, u"elementwise"_qs };
        QTest::newRow("add+relu") << u"add_ReLU (add_relu): add, relu"_qs << 1e3
                                  << QStringList { u"elementwise"_qs, u"elementwise"_qs };
        QTest::newRow("unfused pool") << u"Unfused (unfused): maxpool"_qs << 1e5 << QStringList { u"pooling"_qs };
        QTest::newRow("unfused getitem") << u"Unfused (unfused): getitem_3"_qs << 0.0 << QStringList { u"view"_qs };
        QTest::newRow("unfused linear") << u"Unfused (unfused): heads_head"_qs << 1e6 << QStringList { u"matrix"_qs };
    }

    void importedNodeClasses()
    {
        QFETCH(QString, detail);
        QFETCH(double, flops);
        QFETCH(QStringList, classes);
        MeasurementRecord r;
        r.detail = detail.toStdString();
        r.flops = flops;
        QStringList got;
        for (const std::string& c : graphs::importedNodeClasses(r))
            got << QString::fromStdString(c);
        QCOMPARE(got, classes);
    }

    /// The runtime profile's host block: read, and every bad figure named by its key.
    void runtimeProfileHostBlock_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("error");
        QTest::newRow("valid") << u"host:\n  reference: r\n  dispatch_us: {default: 2, convolution: 9}\n"
                                  "  launch_us: 4\n  sync_us: 8\n"_qs
                               << QString();
        QTest::newRow("negative") << u"host:\n  reference: r\n  dispatch_us: {default: -2}\n"
                                     "  launch_us: 4\n  sync_us: 8\n"_qs
                                  << u"host.dispatch_us.default"_qs;
        QTest::newRow("unknown class") << u"host:\n  reference: r\n  dispatch_us: {default: 2, convolutions: 9}\n"
                                          "  launch_us: 4\n  sync_us: 8\n"_qs
                                       << u"convolutions"_qs;
        QTest::newRow("no sync") << u"host:\n  reference: r\n  dispatch_us: {default: 2}\n  launch_us: 4\n"_qs
                                 << u"sync_us"_qs;
        QTest::newRow("device call of an unknown class")
            << u"host:\n  reference: r\n  dispatch_us: {default: 2, convolution: 9}\n  launch_us: 4\n  sync_us: 8\n"
               "  device_call_us: {convolutions: 50}\n"_qs
            << u"convolutions"_qs;
        QTest::newRow("negative device call")
            << u"host:\n  reference: r\n  dispatch_us: {default: 2, convolution: 9}\n  launch_us: 4\n  sync_us: 8\n"
               "  device_call_us: {convolution: -1}\n"_qs
            << u"host.device_call_us.convolution"_qs;
    }

    void runtimeProfileHostBlock()
    {
        QFETCH(QString, host);
        QFETCH(QString, error);
        const std::string text = "schema: 1\nid: eager\nname: eager\nfusion:\n  anchors: []\n  epilogue: []\n"
                                 "  max_epilogue: 0\n  elementwise: []\n  max_chain: 1\n  patterns: []\n"
            + host.toStdString();
        auto rules = parseFusionRules(text, "eager.yaml");
        if (error.isEmpty()) {
            QVERIFY2(rules, rules ? "" : rules.error().toString().c_str());
            QVERIFY(rules->host);
            QCOMPARE(rules->host->dispatch("convolution"), 9.0);
            QCOMPARE(rules->host->dispatch("pooling"), 2.0);
            QCOMPARE(rules->host->dispatch("metadata"), 0.0);
            QCOMPARE(rules->host->launchUs, 4.0);
            QCOMPARE(rules->host->syncUs, 8.0);
            return;
        }
        QVERIFY(!rules);
        const QString message = QString::fromStdString(rules.error().toString());
        QVERIFY2(message.contains(error), qPrintable(message));
        QVERIFY2(message.contains(u"eager.yaml"_qs), qPrintable(message));
    }

    /// A hardware entry's host block: its speed is a typed figure, so a source must cover it; out-of-range speeds
    /// are refused.
    void hardwareHostBlock()
    {
        const std::string base = readFile(GRAPHS_SOURCE_DIR "/registries/hardware/cpu/intel-core-i7-12700k.yaml");
        QVERIFY(!base.empty());
        auto plain = parseHardwareYaml(base, "intel-core-i7-12700k.yaml");
        QVERIFY2(plain, plain ? "" : plain.error().toString().c_str());
        if (!plain->host.stated) {
            // Without a host block the reference core is assumed.
            QCOMPARE(plain->host.relativeSpeed, 1.0);
        }
        std::string stripped = base;
        // Remove any host block the entry has, then add one of our own.
        if (auto at = stripped.find("\nhost:"); at != std::string::npos) {
            auto end = stripped.find("\n\n", at + 1);
            stripped.erase(at, end == std::string::npos ? std::string::npos : end - at);
        }
        // …and no source covering its figure.
        for (std::string::size_type at; (at = stripped.find("covers: [host.relative_speed]")) != std::string::npos;)
            stripped.replace(at, 29, "covers: [power.idle_w]");
        const std::string uncovered = stripped + "\nhost:\n  core: test\n  relative_speed: 0.5\n";
        auto bad = parseHardwareYaml(uncovered, "intel-core-i7-12700k.yaml");
        QVERIFY(!bad);
        QVERIFY2(QString::fromStdString(bad.error().toString()).contains(u"host.relative_speed"_qs),
            bad.error().toString().c_str());
        const std::string tooFast = stripped + "\nhost:\n  core: test\n  relative_speed: 500\n";
        auto fast = parseHardwareYaml(tooFast, "intel-core-i7-12700k.yaml");
        QVERIFY(!fast);
        QVERIFY2(QString::fromStdString(fast.error().toString()).contains(u"between 0.01 and 100"_qs),
            fast.error().toString().c_str());
    }
};

QTEST_GUILESS_MAIN(TestHostCosts)
#include "tst_host_costs.moc"
