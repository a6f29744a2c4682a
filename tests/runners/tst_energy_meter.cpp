// Power and energy collectors read fake sysfs trees and a fake nvidia-smi; absent sensors must say why and never
// turn into zero energy.

#include "benchmarks/energy_meter.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace graphs;

namespace {

// Written atomically (temporary file + rename), as a reader polling the file must never see it half written.
bool writeText(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).path());
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size() && f.commit();
}

EnergyProbeOptions fakeRoot(const QString& root)
{
    EnergyProbeOptions o;
    o.sysfsRoot = root.toStdString();
    o.nvidiaSmi = "/nonexistent/nvidia-smi";
    o.samplePeriodSeconds = 0.002;
    return o;
}

std::string absentReason(const EnergyMeters& meters, const std::string& kind)
{
    for (const AbsentSensor& a : meters.absent)
        if (a.kind == kind)
            return a.reason;
    return "(present)";
}

void writeRaplDomain(const QString& dir, const QByteArray& name, qint64 energy, qint64 range)
{
    QVERIFY(writeText(dir + QStringLiteral("/name"), name + '\n'));
    QVERIFY(writeText(dir + QStringLiteral("/energy_uj"), QByteArray::number(energy) + '\n'));
    QVERIFY(writeText(dir + QStringLiteral("/max_energy_range_uj"), QByteArray::number(range) + '\n'));
}

/// What rapl's absent reason is as a user without privileges: `reason`, or why it could not be asked. Only
/// `cannotDropPrivileges` is a reason to skip; anything else going wrong is a failure.
struct AsNobody
{
    std::optional<std::string> reason;
    bool cannotDropPrivileges = false;
    std::string failure;
};

/// Forks, drops to nobody (65534) in the child and reports rapl's absent reason seen from there.
AsNobody raplReasonAsNobody(const EnergyProbeOptions& options)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return { std::nullopt, false, std::string("pipe: ") + std::strerror(errno) };
    const pid_t pid = ::fork();
    if (pid < 0)
        return { std::nullopt, false, std::string("fork: ") + std::strerror(errno) };
    if (pid == 0) {
        ::close(fds[0]);
        if (::setgid(65534) != 0 || ::setuid(65534) != 0)
            ::_exit(3);
        const std::string reason = absentReason(detectEnergyMeters(options), "rapl");
        (void)!::write(fds[1], reason.data(), reason.size());
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string reason;
    char buffer[512];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
        reason.append(buffer, static_cast<size_t>(n));
    ::close(fds[0]);
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid)
        return { std::nullopt, false, std::string("waitpid: ") + std::strerror(errno) };
    if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
        return { std::nullopt, true, {} };
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return { std::nullopt, false,
            "the child asking as nobody ended with "
                + (WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                       : "status " + std::to_string(WEXITSTATUS(status))) };
    return { reason, false, {} };
}

/// An INA3221 tree in either driver's layout; power is set per rail label.
struct FakeIna
{
    QString root;
    bool hwmon = true;

    QString dir() const
    {
        return hwmon ? root + QStringLiteral("/sys/bus/i2c/drivers/ina3221/1-0040/hwmon/hwmon3")
                     : root + QStringLiteral("/sys/bus/i2c/drivers/ina3221x/0-0040/iio:device0");
    }
    bool addRail(int channel, const QByteArray& label, double watts) const
    {
        const QString n = QString::number(hwmon ? channel + 1 : channel);
        const QString labelFile = hwmon ? QStringLiteral("/in%1_label").arg(n) : QStringLiteral("/rail_name_%1").arg(n);
        if (!writeText(dir() + labelFile, label + '\n'))
            return false;
        if (hwmon && !writeText(dir() + QStringLiteral("/in%1_input").arg(n), "5000\n")) // mV
            return false;
        return setWatts(channel, watts);
    }
    bool setWatts(int channel, double watts) const
    {
        if (hwmon) // 5 V bus, so mA = W × 200
            return writeText(dir() + QStringLiteral("/curr%1_input").arg(channel + 1),
                QByteArray::number(qRound64(watts * 200)) + '\n');
        return writeText(dir() + QStringLiteral("/in_power%1_input").arg(channel),
            QByteArray::number(qRound64(watts * 1000)) + '\n');
    }
};

} // namespace

class TestEnergyMeter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void raplSumsPackages_data()
    {
        QTest::addColumn<qint64>("start0");
        QTest::addColumn<qint64>("end0");
        QTest::addColumn<qint64>("start1");
        QTest::addColumn<qint64>("end1");
        QTest::addColumn<qint64>("range");
        QTest::addColumn<double>("joules");
        // Subdomains, psys and the MMIO view all move by 10^9 µJ: any of them counted would show.
        QTest::newRow("two packages") << qint64(1000) << qint64(501000) << qint64(2000) << qint64(302000)
                                      << qint64(262143328850) << 0.8;
        QTest::newRow("package 0 wraps") << qint64(900000) << qint64(100000) << qint64(5) << qint64(5)
                                         << qint64(1000000) << 0.2;
    }
    void raplSumsPackages()
    {
        QFETCH(qint64, start0);
        QFETCH(qint64, end0);
        QFETCH(qint64, start1);
        QFETCH(qint64, end1);
        QFETCH(qint64, range);
        QFETCH(double, joules);
        QTemporaryDir root;
        const QString pc = root.filePath(QStringLiteral("sys/class/powercap"));
        QVERIFY(writeText(pc + QStringLiteral("/intel-rapl/enabled"), "1\n")); // the control type, not a domain
        writeRaplDomain(pc + QStringLiteral("/intel-rapl:0"), "package-0", start0, range);
        writeRaplDomain(pc + QStringLiteral("/intel-rapl:1"), "package-1", start1, range);
        const QStringList others = { QStringLiteral("intel-rapl:0/intel-rapl:0:0"), QStringLiteral("intel-rapl:0:0"),
            QStringLiteral("intel-rapl:2"), QStringLiteral("intel-rapl-mmio:0") };
        const QList<QByteArray> otherNames = { "core", "core", "psys", "package-0" };
        for (int i = 0; i < others.size(); ++i)
            writeRaplDomain(pc + u'/' + others[i], otherNames[i], 0, range);

        const EnergyMeters meters = detectEnergyMeters(fakeRoot(root.path()));
        EnergyMeter* rapl = meters.find("rapl");
        QVERIFY2(rapl, absentReason(meters, "rapl").c_str());
        QCOMPARE(rapl->info().name, std::string("package-0 + package-1"));
        QCOMPARE(rapl->info().resolutionSeconds, 1e-3);
        QCOMPARE(meters.forDevice("cpu"), rapl);
        QVERIFY(rapl->start().ok());
        QVERIFY(writeText(pc + QStringLiteral("/intel-rapl:0/energy_uj"), QByteArray::number(end0)));
        QVERIFY(writeText(pc + QStringLiteral("/intel-rapl:1/energy_uj"), QByteArray::number(end1)));
        for (const QString& other : others)
            QVERIFY(writeText(pc + u'/' + other + QStringLiteral("/energy_uj"), "1000000000"));
        auto reading = rapl->stop();
        QVERIFY2(reading.ok(), reading.ok() ? "" : reading.error().toString().c_str());
        QVERIFY(std::abs(reading->joules - joules) < 1e-9);
        QVERIFY(reading->seconds >= 0);
        QCOMPARE(reading->sensor.kind, std::string("rapl"));
    }

    void raplAbsent_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("no powercap") << QString() << QStringLiteral("sys/class/powercap missing");
        QTest::newRow("control type only") << QStringLiteral("control") << QStringLiteral("no RAPL package domain");
        QTest::newRow("psys only") << QStringLiteral("psys") << QStringLiteral("no RAPL package domain");
        QTest::newRow("garbage counter") << QStringLiteral("garbage") << QStringLiteral("not a number");
        QTest::newRow("no wrap range") << QStringLiteral("norange") << QStringLiteral("max_energy_range_uj");
        QTest::newRow("root-only counter")
            << QStringLiteral("root-only") << QStringLiteral("intel-rapl:0/energy_uj is readable by root only");
    }
    void raplAbsent()
    {
        QFETCH(QString, layout);
        QFETCH(QString, fragment);
        QTemporaryDir root;
        const QString pc = root.filePath(QStringLiteral("sys/class/powercap"));
        const QString pkg = pc + QStringLiteral("/intel-rapl:0");
        if (layout == QStringLiteral("control"))
            QVERIFY(writeText(pc + QStringLiteral("/intel-rapl/enabled"), "1\n"));
        if (layout == QStringLiteral("psys"))
            writeRaplDomain(pkg, "psys", 10, 100);
        if (layout == QStringLiteral("garbage") || layout == QStringLiteral("norange")
            || layout == QStringLiteral("root-only"))
            writeRaplDomain(pkg, "package-0", 10, 100);
        if (layout == QStringLiteral("garbage"))
            QVERIFY(writeText(pkg + QStringLiteral("/energy_uj"), "n/a\n"));
        if (layout == QStringLiteral("norange"))
            QVERIFY(QFile::remove(pkg + QStringLiteral("/max_energy_range_uj")));

        std::string reason;
        if (layout == QStringLiteral("root-only")) {
            QVERIFY(QFile::setPermissions(pkg + QStringLiteral("/energy_uj"), QFileDevice::Permissions()));
            if (::geteuid() != 0) {
                reason = absentReason(detectEnergyMeters(fakeRoot(root.path())), "rapl");
            } else {
                // root reads a mode-000 file; ask as nobody instead (the tree must be traversable for it).
                QVERIFY(QFile::setPermissions(root.path(), QFile::permissions(root.path()) | QFileDevice::ExeOther));
                const AsNobody asNobody = raplReasonAsNobody(fakeRoot(root.path()));
                if (asNobody.cannotDropPrivileges)
                    QSKIP("running as root without the right to switch to user nobody (setuid), so a mode-000 file "
                          "stays readable: run the tests as an ordinary user to check this case");
                QVERIFY2(asNobody.reason, asNobody.failure.c_str());
                reason = *asNobody.reason;
            }
        } else {
            reason = absentReason(detectEnergyMeters(fakeRoot(root.path())), "rapl");
        }
        QVERIFY2(reason.find(fragment.toStdString()) != std::string::npos, reason.c_str());
    }

    void ina3221Integrates_data()
    {
        QTest::addColumn<bool>("hwmon");
        QTest::addColumn<bool>("inputRail");
        QTest::addColumn<QString>("name");
        QTest::newRow("hwmon, VDD_IN") << true << true << QStringLiteral("VDD_IN");
        QTest::newRow("iio (older L4T), POM_5V_IN") << false << true << QStringLiteral("POM_5V_IN");
        QTest::newRow("hwmon, no input rail: sum")
            << true << false << QStringLiteral("VDD_GPU + VDD_CPU (no total input rail");
    }
    void ina3221Integrates()
    {
        QFETCH(bool, hwmon);
        QFETCH(bool, inputRail);
        QFETCH(QString, name);
        QTemporaryDir root;
        const FakeIna ina { root.path(), hwmon };
        // With an input rail the others are sub-rails and must not be added; without one, both halves count.
        const auto setTotal = [&](double watts) {
            return inputRail ? ina.setWatts(0, watts) : (ina.setWatts(0, watts / 2) && ina.setWatts(1, watts / 2));
        };
        QVERIFY(ina.addRail(0, inputRail ? (hwmon ? "VDD_IN" : "POM_5V_IN") : "VDD_GPU", 0));
        QVERIFY(ina.addRail(
            1, inputRail ? "VDD_CPU_GPU_CV" : "VDD_CPU", inputRail ? 1.5 : 0)); // counted only without VDD_IN
        QVERIFY(ina.addRail(2, "NC", 100));
        QVERIFY(setTotal(2.0));

        const EnergyMeters meters = detectEnergyMeters(fakeRoot(root.path()));
        EnergyMeter* meter = meters.find("ina3221");
        QVERIFY2(meter, absentReason(meters, "ina3221").c_str());
        QVERIFY2(meter->info().name.find(name.toStdString()) == 0, meter->info().name.c_str());
        QCOMPARE(meters.forDevice("cpu"), meter); // no RAPL in the tree: the board rail serves the CPU too
        QCOMPARE(meters.forDevice("gpu"), meter);

        using Clock = std::chrono::steady_clock;
        const auto t0 = Clock::now();
        QVERIFY(meter->start().ok());
        std::thread changer([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(120));
            setTotal(6.0);
        });
        changer.join();
        const auto t1 = Clock::now();
        std::this_thread::sleep_for(std::chrono::milliseconds(120));
        auto reading = meter->stop();
        const auto t2 = Clock::now();
        QVERIFY2(reading.ok(), reading.ok() ? "" : reading.error().toString().c_str());
        const double low = 2.0 * std::chrono::duration<double>(t1 - t0).count();
        const double high = 6.0 * std::chrono::duration<double>(t2 - t1).count();
        const double expected = low + high;
        // The step lands between two samples; a loaded machine can also delay a sample. ±10 % covers both.
        QVERIFY2(std::abs(reading->joules - expected) < 0.1 * expected,
            qPrintable(QStringLiteral("%1 J, expected %2 J").arg(reading->joules).arg(expected)));
        QVERIFY(reading->seconds > 0.2 && reading->seconds <= std::chrono::duration<double>(t2 - t0).count());
    }

    void ina3221Absent_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("no driver") << QString() << QStringLiteral("ina3221x missing");
        QTest::newRow("only unconnected rails") << QStringLiteral("nc") << QStringLiteral("no labelled INA3221 rail");
        QTest::newRow("unreadable current") << QStringLiteral("nocurrent") << QStringLiteral("curr1_input");
    }
    void ina3221Absent()
    {
        QFETCH(QString, layout);
        QFETCH(QString, fragment);
        QTemporaryDir root;
        const FakeIna ina { root.path(), true };
        if (layout == QStringLiteral("nc"))
            QVERIFY(ina.addRail(0, "NC", 1));
        if (layout == QStringLiteral("nocurrent")) {
            QVERIFY(ina.addRail(0, "VDD_IN", 1));
            QVERIFY(QFile::remove(ina.dir() + QStringLiteral("/curr1_input")));
        }
        const std::string reason = absentReason(detectEnergyMeters(fakeRoot(root.path())), "ina3221");
        QVERIFY2(reason.find(fragment.toStdString()) != std::string::npos, reason.c_str());
    }

    void nvidiaSmi_data()
    {
        QTest::addColumn<QByteArray>("before"); // what the fake prints at start()
        QTest::addColumn<QByteArray>("after"); // … and at stop()
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<double>("joules"); // < 0: absent
        QTest::addColumn<QString>("fragment"); // sensor name, or the absent reason
        QTest::newRow("one GPU") << QByteArray("0, 1000000\n") << QByteArray("0, 1250500\n") << 0 << 250.5
                                 << QStringLiteral("GPU 0");
        QTest::newRow("two GPUs summed") << QByteArray("0, 1000\n1, 2000\n") << QByteArray("0, 3000\n1, 5000\n") << 0
                                         << 5.0 << QStringLiteral("GPUs 0+1");
        QTest::newRow("pre-Volta") << QByteArray("0, [N/A]\n") << QByteArray() << 0 << -1.0
                                   << QStringLiteral("as '[N/A]' (the counter needs a Volta");
        QTest::newRow("no driver") << QByteArray("NVIDIA-SMI has failed because it couldn't communicate with the "
                                                 "NVIDIA driver.\n")
                                   << QByteArray() << 9 << -1.0 << QStringLiteral("status 9: NVIDIA-SMI has failed");
        QTest::newRow("no GPU") << QByteArray("") << QByteArray() << 0 << -1.0 << QStringLiteral("lists no GPU");
    }
    void nvidiaSmi()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QFETCH(int, exitCode);
        QFETCH(double, joules);
        QFETCH(QString, fragment);
        QTemporaryDir bin;
        const QString reply = bin.filePath(QStringLiteral("reply.txt"));
        QVERIFY(writeText(reply, before));
        // The fake insists on the query it is meant to answer.
        const QByteArray script = "#!/bin/sh\n"
                                  "[ \"$1\" = --query-gpu=index,total_energy_consumption ] || exit 2\n"
                                  "[ \"$2\" = --format=csv,noheader,nounits ] || exit 2\n"
                                  "cat '"
            + reply.toUtf8() + "'\nexit " + QByteArray::number(exitCode) + "\n";
        const QString smi = bin.filePath(QStringLiteral("nvidia-smi"));
        QVERIFY(writeText(smi, script));
        QVERIFY(QFile::setPermissions(smi, QFile::permissions(smi) | QFileDevice::ExeOwner));
        const QByteArray oldPath = qgetenv("PATH");
        qputenv("PATH", bin.path().toUtf8() + ':' + oldPath);
        EnergyProbeOptions options = fakeRoot(bin.path());
        options.nvidiaSmi = "nvidia-smi"; // found on PATH: the temporary folder comes first
        const EnergyMeters meters = detectEnergyMeters(options);
        qputenv("PATH", oldPath);

        EnergyMeter* nvml = meters.find("nvml");
        if (joules < 0) {
            QVERIFY(!nvml);
            const std::string reason = absentReason(meters, "nvml");
            QVERIFY2(reason.find(fragment.toStdString()) != std::string::npos, reason.c_str());
            return;
        }
        QVERIFY2(nvml, absentReason(meters, "nvml").c_str());
        QCOMPARE(nvml->info().name, fragment.toStdString());
        QCOMPARE(meters.forDevice("gpu"), nvml);
        QCOMPARE(meters.forDevice("cpu"), nullptr);
        QVERIFY(nvml->start().ok());
        QVERIFY(writeText(reply, after));
        auto reading = nvml->stop();
        QVERIFY2(reading.ok(), reading.ok() ? "" : reading.error().toString().c_str());
        QVERIFY(std::abs(reading->joules - joules) < 1e-9);
    }

    void nvidiaSmiNotOnPath()
    {
        EnergyProbeOptions options = fakeRoot(QStringLiteral("/nonexistent"));
        options.nvidiaSmi = "graphs-test-no-such-nvidia-smi";
        const std::string reason = absentReason(detectEnergyMeters(options), "nvml");
        QCOMPARE(reason, std::string("graphs-test-no-such-nvidia-smi not found on PATH"));
    }

    void gate_data()
    {
        QTest::addColumn<double>("secondsPerRun");
        QTest::addColumn<qint64>("runs");
        QTest::addColumn<double>("resolution");
        QTest::addColumn<bool>("enough");
        QTest::addColumn<qint64>("runsNeeded");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("one long run") << 0.02 << qint64(1) << 1e-3 << true << qint64(1) << QString();
        QTest::newRow("0.1 ms runs aggregated") << 1e-4 << qint64(200) << 1e-3 << true << qint64(100) << QString();
        QTest::newRow("too few short runs")
            << 1e-4 << qint64(50) << 1e-3 << false << qint64(100) << QStringLiteral("run too short for the sensor");
        QTest::newRow("1 ms floor, exact sensor") << 1e-4 << qint64(10) << 0.0 << true << qint64(10) << QString();
        QTest::newRow("below the 1 ms floor")
            << 1e-4 << qint64(9) << 0.0 << false << qint64(10) << QStringLiteral("needs 1 ms of work");
        QTest::newRow("polled sensor: 10 periods")
            << 0.005 << qint64(9) << 0.005 << false << qint64(10) << QStringLiteral("(10 runs aggregated)");
        QTest::newRow("nvml: 1 s") << 0.05 << qint64(20) << 0.1 << true << qint64(20) << QString();
        QTest::newRow("no work") << 0.0 << qint64(10) << 1e-3 << false << qint64(0) << QStringLiteral("no timed work");
    }
    void gate()
    {
        QFETCH(double, secondsPerRun);
        QFETCH(qint64, runs);
        QFETCH(double, resolution);
        QFETCH(bool, enough);
        QFETCH(qint64, runsNeeded);
        QFETCH(QString, fragment);
        const EnergyGate g = energyGate(secondsPerRun, runs, resolution);
        QCOMPARE(g.enough, enough);
        QCOMPARE(g.runsNeeded, runsNeeded);
        QVERIFY2(g.reason.find(fragment.toStdString()) != std::string::npos, g.reason.c_str());
        QCOMPARE(g.reason.empty(), enough);
    }

    void perRun_data()
    {
        QTest::addColumn<double>("joules");
        QTest::addColumn<double>("seconds");
        QTest::addColumn<qint64>("runs");
        QTest::addColumn<double>("timedSeconds");
        QTest::addColumn<double>("perRun"); // < 0: absent
        QTest::addColumn<QString>("fragment");
        QTest::newRow("window is the runs") << 2.0 << 1.0 << qint64(100) << 0.0 << 0.02 << QStringLiteral("100 runs");
        QTest::newRow("pro rata") << 3.0 << 2.0 << qint64(100) << 1.5 << 0.0225 << QStringLiteral("pro rata");
        QTest::newRow("start-up dominates") << 3.0 << 2.0 << qint64(10) << 0.2 << -1.0 << QStringLiteral("only 10%");
        QTest::newRow("too short") << 0.001 << 0.005 << qint64(5) << 0.0 << -1.0
                                   << QStringLiteral("rapl: run too short for the sensor");
        QTest::newRow("counter did not move")
            << 0.0 << 1.0 << qint64(10) << 0.0 << -1.0 << QStringLiteral("reported no energy");
        QTest::newRow("no runs") << 1.0 << 1.0 << qint64(0) << 0.0 << -1.0 << QStringLiteral("no timed runs");
    }
    void perRun()
    {
        QFETCH(double, joules);
        QFETCH(double, seconds);
        QFETCH(qint64, runs);
        QFETCH(double, timedSeconds);
        QFETCH(double, perRun);
        QFETCH(QString, fragment);
        const EnergyReading reading { joules, seconds, { "rapl", "package-0", "/sys/class/powercap", 1e-3 } };
        const EnergyMeasurement m = energyPerRun(reading, runs, timedSeconds);
        QVERIFY2(m.note.find(fragment.toStdString()) != std::string::npos, m.note.c_str());
        if (perRun < 0) {
            QVERIFY(!m.joulesPerRun);
            QVERIFY(m.sensor.empty());
            return;
        }
        QVERIFY(m.joulesPerRun);
        QVERIFY(std::abs(*m.joulesPerRun - perRun) < 1e-12);
        QCOMPARE(m.sensor, std::string("rapl"));
    }

    void meterErrorsAreAbsentEnergy()
    {
        QTemporaryDir root;
        const QString pkg = root.filePath(QStringLiteral("sys/class/powercap/intel-rapl:0"));
        writeRaplDomain(pkg, "package-0", 10, 1000);
        const EnergyMeters meters = detectEnergyMeters(fakeRoot(root.path()));
        EnergyMeter* rapl = meters.find("rapl");
        QVERIFY(rapl);
        auto unstarted = rapl->stop();
        QVERIFY(!unstarted.ok());
        QVERIFY(unstarted.error().message.find("not started") != std::string::npos);

        // The counter vanishes between detection and the run: start fails, stop repeats why, energy is absent.
        QVERIFY(QFile::remove(pkg + QStringLiteral("/energy_uj")));
        QVERIFY(!rapl->start().ok());
        const EnergyMeasurement m = energyPerRun(rapl->stop(), 100, 1.0);
        QVERIFY(!m.joulesPerRun);
        QVERIFY2(m.note.find("energy_uj: missing") != std::string::npos, m.note.c_str());
    }

    void nothingPresent()
    {
        QTemporaryDir root;
        EnergyProbeOptions options = fakeRoot(root.path());
        options.nvidiaSmi = "graphs-test-no-such-nvidia-smi";
        const EnergyMeters meters = detectEnergyMeters(options);
        QVERIFY(meters.present.empty());
        QCOMPARE(meters.absent.size(), size_t(3));
        QCOMPARE(meters.forDevice("cpu"), nullptr);
        QCOMPARE(meters.forDevice("gpu"), nullptr);
        const std::vector<std::string> lines = meters.describe();
        QCOMPARE(lines.size(), size_t(3));
        QVERIFY(lines[0].rfind("rapl: absent (", 0) == 0);
        QVERIFY(lines[1].rfind("ina3221: absent (", 0) == 0);
        QVERIFY(lines[2].rfind("nvml: absent (", 0) == 0);
        for (const char* device : { "cpu", "gpu" }) {
            const EnergyMeasurement m = noEnergySensor(meters, device);
            QVERIFY(!m.joulesPerRun); // absent, never 0 J
            QVERIFY(m.sensor.empty());
            QVERIFY2(m.note.find("rapl: absent") != std::string::npos, m.note.c_str());
            QVERIFY2(m.note.find("nvml: absent") != std::string::npos, m.note.c_str());
        }
    }

    void thisMachine()
    {
        // Whatever is here, every kind is accounted for exactly once and nothing is started.
        const EnergyMeters meters = detectEnergyMeters();
        QCOMPARE(meters.present.size() + meters.absent.size(), size_t(3));
        for (const std::string& line : meters.describe())
            qInfo("%s", line.c_str());
    }
};

QTEST_GUILESS_MAIN(TestEnergyMeter)
#include "tst_energy_meter.moc"
