#include "benchmarks/energy_meter.h"

#include "benchmarks/energy_sensors.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace graphs {

namespace {

std::string formatSeconds(double seconds)
{
    char text[32];
    if (seconds >= 1)
        std::snprintf(text, sizeof text, "%.3g s", seconds);
    else if (seconds >= 1e-3)
        std::snprintf(text, sizeof text, "%.3g ms", seconds * 1e3);
    else
        std::snprintf(text, sizeof text, "%.3g us", seconds * 1e6);
    return text;
}

} // namespace

Result<std::string> readSysfsLine(const std::string& path)
{
    // open(2) rather than a stream: the errno tells "root-only" apart from "not there".
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        if (e == EACCES || e == EPERM)
            return Error { ErrorCode::Io, "permission denied", path };
        if (e == ENOENT)
            return Error { ErrorCode::NotFound, "missing", path };
        return Error { ErrorCode::Io, std::strerror(e), path };
    }
    char buffer[256];
    ssize_t n;
    do
        n = ::read(fd, buffer, sizeof buffer - 1);
    while (n < 0 && errno == EINTR);
    const int e = errno;
    ::close(fd);
    if (n < 0)
        return Error { ErrorCode::Io, (e == EACCES || e == EPERM) ? "permission denied" : std::strerror(e), path };
    std::string text(buffer, static_cast<size_t>(n));
    text = text.substr(0, text.find('\n'));
    const auto b = text.find_first_not_of(" \t\r");
    if (b == std::string::npos)
        return std::string();
    return text.substr(b, text.find_last_not_of(" \t\r") - b + 1);
}

Result<double> readSysfsNumber(const std::string& path)
{
    auto text = readSysfsLine(path);
    if (!text)
        return text.error();
    char* end = nullptr;
    const double value = std::strtod(text->c_str(), &end);
    if (text->empty() || end != text->c_str() + text->size() || !std::isfinite(value))
        return Error { ErrorCode::InvalidData, "not a number: '" + *text + "'", path };
    return value;
}

Status EnergyMeter::start()
{
    // The counter is read somewhere inside begin(); its midpoint is the best guess of when.
    const auto before = std::chrono::steady_clock::now();
    Status begun = begin();
    const auto after = std::chrono::steady_clock::now();
    m_running = begun.ok();
    m_startError = begun.ok() ? std::nullopt : std::optional<Error>(begun.error());
    m_startedAt = before + (after - before) / 2;
    return begun;
}

Result<EnergyReading> EnergyMeter::stop()
{
    if (m_startError)
        return *m_startError;
    if (!m_running)
        return Error { ErrorCode::InvalidArgument, "the energy window was not started", m_info.path };
    m_running = false;
    const auto before = std::chrono::steady_clock::now();
    Result<double> joules = end();
    const auto after = std::chrono::steady_clock::now();
    if (!joules)
        return joules.error();
    EnergyReading reading;
    reading.joules = *joules;
    reading.seconds = std::chrono::duration<double>(before + (after - before) / 2 - m_startedAt).count();
    reading.sensor = m_info;
    return reading;
}

std::string AbsentSensor::toString() const
{
    return kind + ": absent (" + reason + ")";
}

EnergyMeter* EnergyMeters::find(std::string_view kind) const
{
    for (const auto& m : present)
        if (m->info().kind == kind)
            return m.get();
    return nullptr;
}

EnergyMeter* EnergyMeters::forDevice(std::string_view device) const
{
    const bool gpu = device == "gpu" || device == "cuda";
    for (std::string_view kind :
        gpu ? std::vector<std::string_view> { "nvml", "ina3221" } : std::vector<std::string_view> { "rapl", "ina3221" })
        if (EnergyMeter* m = find(kind))
            return m;
    return nullptr;
}

std::vector<std::string> EnergyMeters::describe() const
{
    std::vector<std::string> lines;
    for (const auto& m : present) {
        const PowerSensorInfo& s = m->info();
        lines.push_back(
            s.kind + ": " + s.name + " (" + s.path + ", updates every " + formatSeconds(s.resolutionSeconds) + ")");
    }
    for (const AbsentSensor& a : absent)
        lines.push_back(a.toString());
    return lines;
}

EnergyMeters detectEnergyMeters(const EnergyProbeOptions& options)
{
    EnergyMeters meters;
    const auto keep = [&](const char* kind, Result<std::unique_ptr<EnergyMeter>> probed) {
        if (probed)
            meters.present.push_back(std::move(probed.value()));
        else
            meters.absent.push_back({ kind, probed.error().message });
    };
    keep("rapl", probeRapl(options.sysfsRoot));
    keep("ina3221", probeIna3221(options.sysfsRoot, options.samplePeriodSeconds));
    keep("nvml", probeNvidiaSmi(options.nvidiaSmi, options.gpuIndex));
    return meters;
}

EnergyGate energyGate(double secondsPerRun, int64_t runs, double resolutionSeconds)
{
    EnergyGate gate;
    gate.minSeconds = std::max(1e-3, 10 * std::max(resolutionSeconds, 0.0));
    if (!(secondsPerRun > 0) || !std::isfinite(secondsPerRun)) {
        gate.runsNeeded = 0;
        gate.reason = "no timed work in the window";
        return gate;
    }
    // A small slack so that 10 runs of exactly 1 ms count as 10 ms despite rounding.
    gate.runsNeeded = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(gate.minSeconds / secondsPerRun - 1e-9)));
    gate.enough = runs >= gate.runsNeeded;
    if (!gate.enough)
        gate.reason = "run too short for the sensor: " + std::to_string(runs) + " run(s) of "
            + formatSeconds(secondsPerRun) + ", needs " + formatSeconds(gate.minSeconds) + " of work ("
            + std::to_string(gate.runsNeeded) + " runs aggregated)";
    return gate;
}

EnergyMeasurement energyPerRun(
    const Result<EnergyReading>& reading, int64_t runs, double timedSeconds, double minCoverage)
{
    EnergyMeasurement m;
    if (!reading) {
        m.note = "energy absent: " + reading.error().toString();
        return m;
    }
    const EnergyReading& r = *reading;
    const std::string kind = r.sensor.kind;
    if (runs <= 0) {
        m.note = kind + ": no timed runs in the window";
        return m;
    }
    const double busy = timedSeconds > 0 ? timedSeconds : r.seconds;
    const EnergyGate gate = energyGate(busy / static_cast<double>(runs), runs, r.sensor.resolutionSeconds);
    if (!gate.enough) {
        m.note = kind + ": " + gate.reason;
        return m;
    }
    if (!(r.joules > 0) || !std::isfinite(r.joules)) {
        // A counter that did not move over enough work is a sensor problem, not zero energy.
        m.note = kind + ": the sensor reported no energy over " + formatSeconds(r.seconds);
        return m;
    }
    const double coverage = r.seconds > 0 ? std::min(1.0, busy / r.seconds) : 1.0;
    if (coverage < minCoverage) {
        char pct[16];
        std::snprintf(pct, sizeof pct, "%.0f%%", coverage * 100);
        m.note = kind + ": timed runs are only " + pct + " of the metered " + formatSeconds(r.seconds)
            + " (start-up and warm-up dominate); run longer";
        return m;
    }
    m.joulesPerRun = r.joules * coverage / static_cast<double>(runs);
    m.sensor = kind;
    char text[160];
    std::snprintf(text, sizeof text, "%s: %.4g J over %s, %lld runs", r.sensor.name.c_str(), r.joules,
        formatSeconds(r.seconds).c_str(), static_cast<long long>(runs));
    m.note = kind + " (" + text + (coverage < 1 ? ", attributed pro rata to the timed share" : "") + ")";
    return m;
}

EnergyMeasurement noEnergySensor(const EnergyMeters& meters, std::string_view device)
{
    EnergyMeasurement m;
    m.note = "no power sensor for " + std::string(device);
    std::string sep = ": ";
    for (const AbsentSensor& a : meters.absent) {
        m.note += sep + a.toString();
        sep = "; ";
    }
    return m;
}

} // namespace graphs
