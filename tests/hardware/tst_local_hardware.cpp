// The `local` entry is built from what Linux reports; fake /proc and /sys trees make it deterministic.

#include "hardware/hardware_registry.h"
#include "hardware/local_hardware.h"
#include "transform/fusion_rules.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace graphs;

namespace {

bool writeText(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

QByteArray cpuinfo(int cores, int threadsPerCore, const char* flags)
{
    QByteArray out;
    int processor = 0;
    for (int c = 0; c < cores; ++c) {
        for (int t = 0; t < threadsPerCore; ++t) {
            out += "processor\t: " + QByteArray::number(processor++) + "\n";
            out += "model name\t: Example CPU 1234\n";
            out += "physical id\t: 0\n";
            out += "core id\t\t: " + QByteArray::number(c) + "\n";
            out += "cpu MHz\t\t: 3000.000\n";
            out += QByteArray("flags\t\t: ") + flags + "\n\n";
        }
    }
    return out;
}

} // namespace

class TestLocalHardware : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void avx512MachineFromFakeTrees()
    {
        QTemporaryDir root;
        const QString proc = root.filePath(QStringLiteral("proc"));
        const QString sys = root.filePath(QStringLiteral("sys"));
        QVERIFY(writeText(proc + QStringLiteral("/cpuinfo"), cpuinfo(4, 2, "fpu sse2 avx avx2 fma avx512f avx512_vnni")));
        QVERIFY(writeText(proc + QStringLiteral("/meminfo"), "MemTotal:       16384000 kB\nMemFree: 1 kB\n"));
        const QString cache = sys + QStringLiteral("/devices/system/cpu/cpu0/cache/index");
        struct Level
        {
            const char* level;
            const char* type;
            const char* size;
            const char* shared;
        } levels[] = { { "1", "Data", "48K", "0-1" }, { "1", "Instruction", "32K", "0-1" }, { "2", "Unified", "2048K", "0-1" },
            { "3", "Unified", "30M", "0-7" } };
        for (int i = 0; i < 4; ++i) {
            const QString dir = cache + QString::number(i);
            QVERIFY(writeText(dir + QStringLiteral("/level"), levels[i].level));
            QVERIFY(writeText(dir + QStringLiteral("/type"), levels[i].type));
            QVERIFY(writeText(dir + QStringLiteral("/size"), levels[i].size));
            QVERIFY(writeText(dir + QStringLiteral("/shared_cpu_list"), levels[i].shared));
        }
        QVERIFY(writeText(sys + QStringLiteral("/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq"), "3500000\n"));

        auto info = readCpuInfo(proc.toStdString(), sys.toStdString());
        QVERIFY2(info.ok(), info.ok() ? "" : info.error().toString().c_str());
        QCOMPARE(info->logicalCpus, 8);
        QCOMPARE(info->physicalCores, 4);
        QCOMPARE(info->maxMhz, 3500.0); // cpufreq wins over cpuinfo's current clock
        QCOMPARE(info->model, std::string("Example CPU 1234"));
        QCOMPARE(info->memoryBytes, int64_t(16384000) * 1024);
        QCOMPARE(info->caches.size(), size_t(3)); // the instruction cache is not a data level

        const HardwareSpec spec = localHardwareSpec(*info);
        QCOMPARE(spec.id, std::string("local"));
        QVERIFY(spec.generated);
        // 4 cores × (512 / 32 lanes × 2 FLOP per FMA × 2 FMA pipes) × 3.5 GHz
        QCOMPARE(spec.peakOpsPerSecond(Precision::FP32), 4 * 64 * 3500e6);
        QCOMPARE(spec.peakOpsPerSecond(Precision::INT8), 4 * 256 * 3500e6);
        QCOMPARE(spec.peakOpsPerSecond(Precision::BF16), 0.0); // no avx512_bf16 flag
        QCOMPARE(spec.memory.size(), size_t(4));
        QCOMPARE(spec.memory[0].name, std::string("L1"));
        QCOMPARE(spec.memory[0].instances, int64_t(4)); // 8 logical CPUs, each L1 shared by 2
        QCOMPARE(spec.memory[2].instances, int64_t(1));
        QCOMPARE(spec.memory[2].capacityBytes, 30.0 * 1024 * 1024);
        QCOMPARE(spec.offChipMemory().name, std::string("DRAM"));
        for (size_t i = 1; i < spec.memory.size(); ++i)
            QVERIFY(spec.memory[i].bandwidthBytesPerSecond <= spec.memory[i - 1].bandwidthBytesPerSecond);
        for (const SourceReference& s : spec.sources)
            QVERIFY(!s.covers.empty());
    }

    void missingProcIsAnError()
    {
        auto info = readCpuInfo("/nonexistent-proc", "/nonexistent-sys");
        QVERIFY(!info.ok());
        QCOMPARE(info.error().code, ErrorCode::Io);
        QVERIFY(info.error().location.find("cpuinfo") != std::string::npos);
    }

    /// The catalog a command or the app loads adds `local`; a user file that defines `local` too fails a command,
    /// while the app (which passes `notes`) gets a warning and the rest of the registry.
    void catalogWithAUserLocal()
    {
        if (!QFileInfo::exists(QStringLiteral("/proc/cpuinfo")))
            QSKIP("/proc/cpuinfo is absent (not Linux): the local hardware entry is read from it");
        QFile bundled(QStringLiteral(GRAPHS_SOURCE_DIR "/registries/hardware/cpu/intel-core-i7-12700k.yaml"));
        QVERIFY(bundled.open(QIODevice::ReadOnly));
        QByteArray text = bundled.readAll();
        text.replace("id: intel-core-i7-12700k", "id: local");
        QTemporaryDir dir;
        QVERIFY(writeText(dir.filePath(QStringLiteral("hardware/cpu/local.yaml")), text));
        const std::vector<std::string> dirs { dir.path().toStdString() };
        auto strict = loadHardwareCatalog(dirs);
        QVERIFY(!strict);
        QVERIFY2(strict.error().toString().find("local") != std::string::npos, strict.error().toString().c_str());
        Diagnostics notes;
        auto lenient = loadHardwareCatalog(dirs, std::nullopt, &notes);
        QVERIFY2(lenient, lenient ? "" : lenient.error().toString().c_str());
        QVERIFY(lenient->find("local"));
        QCOMPARE(lenient->find("local")->name, std::string("Intel Core i7-12700K"));
        QCOMPARE(notes.size(), size_t(1));
        QCOMPARE(notes[0].location, std::string("local"));
    }

    /// Every runtime profile of the directories: the first of an id wins, a broken file is a warning and the others
    /// still load.
    void allRuntimeProfiles()
    {
        const QByteArray profile = "schema: 1\nid: ID\nname: N\nfusion:\n  anchors: []\n  epilogue: []\n"
                                   "  max_epilogue: 0\n  elementwise: []\n  max_chain: 1\n  patterns: []\n";
        QTemporaryDir first;
        QTemporaryDir second;
        QVERIFY(writeText(first.filePath(QStringLiteral("runtimes/eager.yaml")),
            QByteArray(profile).replace("ID", "eager").replace("N", "first")));
        QVERIFY(writeText(first.filePath(QStringLiteral("runtimes/broken.yaml")), "schema: 1\nid: broken\n"));
        QVERIFY(writeText(second.filePath(QStringLiteral("runtimes/eager.yaml")),
            QByteArray(profile).replace("ID", "eager").replace("N", "second")));
        QVERIFY(writeText(second.filePath(QStringLiteral("runtimes/plan.yaml")),
            QByteArray(profile).replace("ID", "plan").replace("N", "plan")));
        Diagnostics problems;
        const auto all = loadAllFusionRules({ first.path().toStdString(), second.path().toStdString() }, problems);
        QCOMPARE(all.size(), size_t(2));
        QCOMPARE(all[0].runtimeId, std::string("eager"));
        QCOMPARE(all[0].runtimeName, std::string("first"));
        QCOMPARE(all[1].runtimeId, std::string("plan"));
        QCOMPARE(problems.size(), size_t(1));
        QVERIFY2(problems[0].location.ends_with("broken.yaml"), problems[0].location.c_str());
    }

    void thisMachine()
    {
        // The local entry is read from Linux's /proc and /sys; elsewhere there is nothing to read.
        if (!QFileInfo::exists(QStringLiteral("/proc/cpuinfo")))
            QSKIP("/proc/cpuinfo is absent (not Linux): the local hardware entry is read from it");
        auto info = readCpuInfo();
        QVERIFY2(info.ok(), info.ok() ? "" : info.error().toString().c_str());
        QVERIFY(info->logicalCpus >= 1);
        const HardwareSpec spec = localHardwareSpec(*info);
        QVERIFY(spec.peakOpsPerSecond(Precision::FP32) > 0);
        QVERIFY(spec.offChipMemory().bandwidthBytesPerSecond > 0);
    }
};

QTEST_GUILESS_MAIN(TestLocalHardware)
#include "tst_local_hardware.moc"
