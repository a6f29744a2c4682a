#pragma once

#include "core/error.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace graphs {

/// A power or energy sensor found on this machine (docs/reference/energy-measurement.md).
struct PowerSensorInfo
{
    std::string kind; ///< "rapl", "nvml", "ina3221"
    std::string name; ///< what it covers: "package-0 + package-1", "VDD_IN", "GPU 0"
    std::string path; ///< where it is read: a sysfs folder, or the nvidia-smi command
    double resolutionSeconds = 0; ///< how often the reading changes (counter update or polling period)
};

/// Energy drawn between EnergyMeter::start() and stop().
struct EnergyReading
{
    double joules = 0;
    double seconds = 0; ///< wall time between the two readings
    PowerSensorInfo sensor;
};

/// One sensor, read over a window. Counters (RAPL, NVML) are read at both ends; power sensors (INA3221) are
/// sampled by a background thread and integrated. A meter measures one window at a time.
class EnergyMeter
{
public:
    virtual ~EnergyMeter() = default;
    const PowerSensorInfo& info() const { return m_info; }

    /// Opens a window. A failure is also kept and returned by stop(), so callers may ignore this status.
    Status start();
    /// Closes the window; fails when it was not opened or the sensor could not be read.
    Result<EnergyReading> stop();

protected:
    explicit EnergyMeter(PowerSensorInfo info)
        : m_info(std::move(info))
    {
    }
    virtual Status begin() = 0;
    /// Joules since begin().
    virtual Result<double> end() = 0;

private:
    PowerSensorInfo m_info;
    std::optional<Error> m_startError;
    bool m_running = false;
    std::chrono::steady_clock::time_point m_startedAt;
};

/// A sensor kind that cannot be used here, and why.
struct AbsentSensor
{
    std::string kind;
    std::string reason;
    /// "rapl: absent (/sys/class/powercap missing)"
    std::string toString() const;
};

/// What detectEnergyMeters() found: every sensor kind is either present or absent with a reason.
struct EnergyMeters
{
    std::vector<std::unique_ptr<EnergyMeter>> present;
    std::vector<AbsentSensor> absent;

    EnergyMeter* find(std::string_view kind) const;
    /// The meter for work on `device`: "gpu"/"cuda" → nvml, then ina3221; anything else (CPU) → rapl, then
    /// ina3221 (a Jetson's input rail covers CPU and GPU). nullptr when none is present.
    EnergyMeter* forDevice(std::string_view device) const;
    /// One line per sensor kind for reports and fingerprints:
    /// "rapl: package-0 (/sys/class/powercap, updates every 1 ms)", "nvml: absent (nvidia-smi not found on PATH)".
    std::vector<std::string> describe() const;
};

/// Where sensors are looked for; tests point these at fake trees and scripts.
struct EnergyProbeOptions
{
    std::string sysfsRoot = "/"; ///< the folder holding sys/class/powercap and sys/bus/i2c
    std::string nvidiaSmi = "nvidia-smi"; ///< a name looked up on PATH, or a path
    int gpuIndex = -1; ///< the GPU nvidia-smi reads; -1: every GPU, summed
    double samplePeriodSeconds = 0.005; ///< polling period of power (not energy) sensors
};

/// Looks for RAPL, INA3221 and NVIDIA (nvidia-smi) sensors. Never fails: what is missing or unreadable is listed
/// in `absent` with the reason.
EnergyMeters detectEnergyMeters(const EnergyProbeOptions& options = {});

/// Whether a window of timed runs holds enough work for a sensor to tell its energy apart.
struct EnergyGate
{
    bool enough = false;
    double minSeconds = 0; ///< work one energy sample needs: max(1 ms, 10 × the sensor's resolution)
    int64_t runsNeeded = 1; ///< runs of this length to aggregate into one sample
    std::string reason; ///< why not, when !enough
};

/// `secondsPerRun`: mean wall time of one run; `runs`: how many runs the window aggregates.
EnergyGate energyGate(double secondsPerRun, int64_t runs, double resolutionSeconds);

/// Energy of one run, or why there is none. Absent is std::nullopt, never zero.
struct EnergyMeasurement
{
    std::optional<double> joulesPerRun;
    std::string sensor; ///< the sensor kind behind joulesPerRun ("rapl", …); "" when absent
    std::string note; ///< how it was obtained, or why it is absent
};

/// Turns a window's reading into energy per run. `runs` timed runs took `timedSeconds` in total (0: the window
/// is exactly those runs). When the window also holds untimed work (process start, model load, warm-up), its
/// energy is attributed pro rata to the timed share of the window, and the measurement is absent when that share
/// is below `minCoverage`.
EnergyMeasurement energyPerRun(
    const Result<EnergyReading>& reading, int64_t runs, double timedSeconds = 0, double minCoverage = 0.5);

/// The measurement to record when no meter serves `device`: absent, with every sensor's reason in the note.
EnergyMeasurement noEnergySensor(const EnergyMeters& meters, std::string_view device);

/*
Usage, around a benchmark loop:

    const EnergyMeters meters = detectEnergyMeters();        // once; meters.describe() goes into the report
    EnergyMeter* meter = meters.forDevice("cpu");           // or "gpu" for a CUDA execution provider
    if (meter)
        meter->start();
    ... run the model, collecting per-run wall times in samplesMs ...
    const double timedSeconds = std::accumulate(samplesMs.begin(), samplesMs.end(), 0.0) / 1000;
    const EnergyMeasurement energy = meter
        ? energyPerRun(meter->stop(), int64_t(samplesMs.size()), timedSeconds)
        : noEnergySensor(meters, "cpu");
    record.energyJ = energy.joulesPerRun;                    // std::nullopt when absent
    record.powerSensor = energy.sensor;
*/

} // namespace graphs
