// The hardware registry loader: every class of bad file is a data row (file:line, key and message fragment);
// derived peaks follow from units × ops per clock × clock; the bundled registry loads and is consistent.

#include "hardware/hardware_loader.h"
#include "hardware/hardware_registry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace graphs;

namespace {

// A complete, valid entry; rows below break one thing at a time. Line numbers matter: keep the layout.
const char* const kValid = R"(schema: 1
id: test-chip
name: Test Chip 9000
vendor: Testing Inc.
category: gpu
mapper: gpu
architecture: Testwell
process_nm: 5
compute:
  - cluster: SM
    units: 100
    clock_mhz: {base: 1000, boost: 2000}
    vector:
      ops_per_clock: {fp32: 256, fp16: 512}
    matrix:
      ops_per_clock: {fp16: 2048, int8: 4096}
memory:
  - level: L2
    instances: 1
    capacity_mib: 50
    bandwidth_gbs: 10000
    energy_pj_per_byte: 1.5
  - level: DRAM
    technology: HBM3
    instances: 1
    capacity_gib: 80
    bandwidth_gbs: 3000
    energy_pj_per_byte: 8
power:
  tdp_w: 500
  idle_w: 50
energy:
  pj_per_op: {fp32: 0.8, fp16: 0.3, int8: 0.1}
overheads:
  launch_us: 4
sources:
  - title: Test Chip datasheet
    publisher: Testing Inc.
    year: 2024
    covers: [process_nm, compute, memory, power.tdp_w]
  - title: Energy estimates
    publisher: graphs
    estimate: true
    covers: [energy, power.idle_w, overheads]
)";

QString replaced(const QString& text, const QString& from, const QString& to)
{
    QString out = text;
    out.replace(from, to);
    return out;
}

} // namespace

class TestHardwareRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validEntryDerivesPeaks()
    {
        auto spec = parseHardwareYaml(kValid, "test-chip.yaml");
        QVERIFY2(spec.ok(), spec.ok() ? "" : spec.error().toString().c_str());
        QCOMPARE(spec->clusters.size(), size_t(1));
        // 100 SMs × 256 FLOP/clock × 2000 MHz
        QCOMPARE(spec->peakOpsPerSecond(Precision::FP32), 100.0 * 256 * 2000e6);
        // fp16: the matrix datapath (2048/clock) is faster than the vector one (512/clock)
        QCOMPARE(spec->peakOpsPerSecond(Precision::FP16), 100.0 * 2048 * 2000e6);
        QCOMPARE(spec->peakOpsPerSecond(Precision::FP16, Datapath::Vector), 100.0 * 512 * 2000e6);
        QCOMPARE(spec->peakOpsPerSecond(Precision::BF16), 0.0);
        QCOMPARE(spec->offChipMemory().bandwidthBytesPerSecond, 3000e9);
        QCOMPARE(spec->offChipMemory().capacityBytes, 80.0 * 1024 * 1024 * 1024);
        // ridge point against DRAM: peak / bandwidth
        QCOMPARE(spec->ridgePoint(Precision::FP32, spec->offChipMemory()), 100.0 * 256 * 2000e6 / 3000e9);
        QCOMPARE(spec->supportedPrecisions().size(), size_t(3));
    }

    void invalidEntries_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("fragment");
        const QString valid = QString::fromUtf8(kValid);

        QTest::newRow("unknown key") << replaced(valid, QStringLiteral("process_nm: 5"), QStringLiteral("process_nm: 5\nflux_capacitor: 1"))
                                     << QStringLiteral("test-chip.yaml:9") << QStringLiteral("key 'flux_capacitor': unknown key");
        QTest::newRow("missing required") << replaced(valid, QStringLiteral("vendor: Testing Inc.\n"), QString())
                                          << QStringLiteral("test-chip.yaml:1") << QStringLiteral("key 'vendor': is required");
        QTest::newRow("wrong type") << replaced(valid, QStringLiteral("units: 100"), QStringLiteral("units: many"))
                                    << QStringLiteral("test-chip.yaml:11") << QStringLiteral("expected a number, got 'many'");
        QTest::newRow("negative value") << replaced(valid, QStringLiteral("bandwidth_gbs: 3000"), QStringLiteral("bandwidth_gbs: -3000"))
                                        << QStringLiteral("test-chip.yaml:27") << QStringLiteral("must be positive");
        QTest::newRow("absurd clock") << replaced(valid, QStringLiteral("boost: 2000"), QStringLiteral("boost: 2000000"))
                                      << QStringLiteral("test-chip.yaml:12") << QStringLiteral("implausibly large");
        QTest::newRow("fractional units") << replaced(valid, QStringLiteral("units: 100"), QStringLiteral("units: 100.5"))
                                          << QStringLiteral("test-chip.yaml:11") << QStringLiteral("whole number");
        QTest::newRow("unknown precision") << replaced(valid, QStringLiteral("{fp32: 256, fp16: 512}"), QStringLiteral("{fp32: 256, fp17: 512}"))
                                           << QStringLiteral("test-chip.yaml:14") << QStringLiteral("unknown precision");
        QTest::newRow("peak typed twice") << replaced(valid, QStringLiteral("    matrix:\n"), QStringLiteral("    peak_ops_per_s: {fp32: 5.0e13}\n    matrix:\n"))
                                          << QStringLiteral("test-chip.yaml") << QStringLiteral("never typed twice");
        QTest::newRow("idle above tdp") << replaced(valid, QStringLiteral("idle_w: 50"), QStringLiteral("idle_w: 900"))
                                        << QStringLiteral("test-chip.yaml:31") << QStringLiteral("above the TDP");
        QTest::newRow("base above boost") << replaced(valid, QStringLiteral("base: 1000"), QStringLiteral("base: 3000"))
                                          << QStringLiteral("test-chip.yaml:12") << QStringLiteral("above the boost clock");
        QTest::newRow("bandwidth order") << replaced(valid, QStringLiteral("bandwidth_gbs: 3000"), QStringLiteral("bandwidth_gbs: 30000"))
                                         << QStringLiteral("test-chip.yaml:27") << QStringLiteral("exceeds the bandwidth of L2");
        QTest::newRow("no off-chip technology") << replaced(valid, QStringLiteral("    technology: HBM3\n"), QString())
                                                << QStringLiteral("test-chip.yaml") << QStringLiteral("technology': is required");
        QTest::newRow("uncovered figure") << replaced(valid, QStringLiteral("covers: [energy, power.idle_w, overheads]"), QStringLiteral("covers: [energy, power.idle_w]"))
                                          << QStringLiteral("test-chip.yaml:35") << QStringLiteral("key 'overheads.launch_us': no source covers");
        QTest::newRow("cover names nothing") << replaced(valid, QStringLiteral("covers: [energy, power.idle_w, overheads]"), QStringLiteral("covers: [energy, power.idle_w, overheads, memory.L4]"))
                                             << QStringLiteral("test-chip.yaml") << QStringLiteral("'memory.L4' names no figure");
        QTest::newRow("id differs from file") << replaced(valid, QStringLiteral("id: test-chip"), QStringLiteral("id: other-chip"))
                                              << QStringLiteral("test-chip.yaml:2") << QStringLiteral("differs from the file name");
        QTest::newRow("bad id characters") << replaced(valid, QStringLiteral("id: test-chip"), QStringLiteral("id: Test_Chip"))
                                           << QStringLiteral("test-chip.yaml:2") << QStringLiteral("lowercase");
        QTest::newRow("bad category") << replaced(valid, QStringLiteral("category: gpu"), QStringLiteral("category: toaster"))
                                      << QStringLiteral("test-chip.yaml:5") << QStringLiteral("must be cpu, gpu or accelerator");
        QTest::newRow("duplicate key") << replaced(valid, QStringLiteral("process_nm: 5"), QStringLiteral("process_nm: 5\nprocess_nm: 7"))
                                       << QStringLiteral("test-chip.yaml:9") << QStringLiteral("appears twice");
        QTest::newRow("yaml syntax") << replaced(valid, QStringLiteral("units: 100"), QStringLiteral("units: [100"))
                                     << QStringLiteral("test-chip.yaml:") << QStringLiteral("YAML syntax error");
        QTest::newRow("empty file") << QString() << QStringLiteral("test-chip.yaml") << QStringLiteral("empty");
        QTest::newRow("not a mapping") << QStringLiteral("- just\n- a list\n") << QStringLiteral("test-chip.yaml:1")
                                       << QStringLiteral("expected a mapping");
        QTest::newRow("no throughput") << replaced(replaced(valid, QStringLiteral("    vector:\n      ops_per_clock: {fp32: 256, fp16: 512}\n"), QString()),
                                              QStringLiteral("    matrix:\n      ops_per_clock: {fp16: 2048, int8: 4096}\n"), QString())
                                       << QStringLiteral("test-chip.yaml") << QStringLiteral("has no throughput");
    }

    void invalidEntries()
    {
        QFETCH(QString, text);
        QFETCH(QString, location);
        QFETCH(QString, fragment);
        auto spec = parseHardwareYaml(text.toStdString(), "test-chip.yaml");
        QVERIFY(!spec.ok());
        QCOMPARE(spec.error().code, ErrorCode::InvalidData);
        const QString where = QString::fromStdString(spec.error().location);
        const QString message = QString::fromStdString(spec.error().toString());
        QVERIFY2(where.startsWith(location), qPrintable(message));
        QVERIFY2(message.contains(fragment), qPrintable(message));
    }

    void duplicateIdAcrossDirectories()
    {
        QTemporaryDir bundled;
        QTemporaryDir user;
        QVERIFY(QDir(bundled.path()).mkpath(QStringLiteral("hardware/gpu")));
        QVERIFY(QDir(user.path()).mkpath(QStringLiteral("hardware")));
        for (const QString& path : { bundled.filePath(QStringLiteral("hardware/gpu/test-chip.yaml")),
                 user.filePath(QStringLiteral("hardware/test-chip.yaml")) }) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(kValid);
        }
        auto both = HardwareRegistry::load({ bundled.path().toStdString(), user.path().toStdString() });
        QVERIFY(!both.ok());
        const QString message = QString::fromStdString(both.error().toString());
        QVERIFY2(message.contains(QStringLiteral("already defined in")), qPrintable(message));
        QVERIFY2(message.contains(bundled.path()) && message.contains(user.path()), qPrintable(message));

        // Other registry folders (runtimes/, calibration/) are not hardware and are not read.
        QVERIFY(QDir(user.path()).mkpath(QStringLiteral("runtimes")));
        QFile other(user.filePath(QStringLiteral("runtimes/fast.yaml")));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("schema: 1\nid: fast\n");
        other.close();
        QVERIFY(QFile::remove(user.filePath(QStringLiteral("hardware/test-chip.yaml"))));
        QVERIFY(QDir(user.path()).rmdir(QStringLiteral("hardware")));
        auto one = HardwareRegistry::load({ bundled.path().toStdString(), user.path().toStdString(),
            QStringLiteral("/nonexistent").toStdString() });
        QVERIFY(one.ok());
        QCOMPARE(one->entries().size(), size_t(1));
        QVERIFY(one->find("test-chip"));
        QCOMPARE(one->suggestions("test-chp").front(), std::string("test-chip"));
    }

    /// loadEntries reads only the files named after the wanted ids: a broken file of another entry goes unread, a
    /// wanted id defined in two folders is still an error, and an id without a file is simply absent.
    void loadEntriesReadsOnlyTheNamedFiles()
    {
        QTemporaryDir bundled;
        QTemporaryDir user;
        QVERIFY(QDir(bundled.path()).mkpath(QStringLiteral("hardware/gpu")));
        QVERIFY(QDir(user.path()).mkpath(QStringLiteral("hardware")));
        const auto write = [](const QString& path, const QByteArray& text) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
        };
        QVERIFY(write(bundled.filePath(QStringLiteral("hardware/gpu/test-chip.yaml")), kValid));
        const QByteArray other = replaced(QString::fromUtf8(kValid), QStringLiteral("id: test-chip"),
            QStringLiteral("id: other-chip")).toUtf8();
        QVERIFY(write(bundled.filePath(QStringLiteral("hardware/other-chip.yaml")), other));
        QVERIFY(write(bundled.filePath(QStringLiteral("hardware/broken.yaml")), "schema: 1\nid: [unclosed\n"));
        const std::vector<std::string> dirs { bundled.path().toStdString(), user.path().toStdString() };

        auto all = HardwareRegistry::load(dirs); // the whole registry reports the broken file
        QVERIFY(!all.ok());
        QVERIFY2(all.error().toString().find("broken.yaml") != std::string::npos, all.error().toString().c_str());

        auto one = HardwareRegistry::loadEntries(dirs, { "test-chip" });
        QVERIFY2(one.ok(), one ? "" : one.error().toString().c_str());
        QCOMPARE(one->entries().size(), size_t(1));
        QVERIFY(one->find("test-chip"));
        QCOMPARE(one->find("test-chip")->peakOpsPerSecond(Precision::FP16), 100.0 * 2048 * 2000e6);

        auto two = HardwareRegistry::loadEntries(dirs, { "other-chip", "no-such-chip", "test-chip" });
        QVERIFY2(two.ok(), two ? "" : two.error().toString().c_str());
        QCOMPARE(two->entries().size(), size_t(2));
        QVERIFY(two->find("other-chip") && two->find("test-chip") && !two->find("no-such-chip"));

        auto broken = HardwareRegistry::loadEntries(dirs, { "broken" });
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().toString().find("broken.yaml") != std::string::npos,
            broken.error().toString().c_str());

        QVERIFY(write(user.filePath(QStringLiteral("hardware/test-chip.yaml")), kValid));
        auto duplicate = HardwareRegistry::loadEntries(dirs, { "test-chip" });
        QVERIFY(!duplicate.ok());
        QVERIFY2(duplicate.error().toString().find("already defined in") != std::string::npos,
            duplicate.error().toString().c_str());
    }

    void bundledRegistryIsConsistent()
    {
        const QString dir = QStringLiteral(GRAPHS_SOURCE_DIR "/registries");
        auto registry = HardwareRegistry::load({ dir.toStdString() });
        QVERIFY2(registry.ok(), registry.ok() ? "" : registry.error().toString().c_str());
        QVERIFY2(!registry->entries().empty(), "registries/hardware holds no entries");
        std::set<std::string> names;
        int categories[3] = { 0, 0, 0 };
        for (const auto& e : registry->entries()) {
            QVERIFY2(names.insert(e->name).second, e->name.c_str()); // one canonical entry per SKU
            QVERIFY(!e->sources.empty());
            QVERIFY2(!e->supportedPrecisions().empty(), e->id.c_str());
            QVERIFY2(e->idleWatts < e->tdpWatts, e->id.c_str());
            ++categories[static_cast<int>(e->category)];
        }
        QVERIFY(registry->entries().size() >= 24);
        QVERIFY(categories[0] > 0 && categories[1] > 0 && categories[2] > 0);
    }
};

QTEST_GUILESS_MAIN(TestHardwareRegistry)
#include "tst_hardware_registry.moc"
