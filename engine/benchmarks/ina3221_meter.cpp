// Jetson INA3221 power monitors: they give power, not energy, so a thread samples them and integrates.

#include "benchmarks/energy_sensors.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace graphs {

namespace fs = std::filesystem;

namespace {

/// One monitored rail: power = voltage × current (hwmon driver) or read directly (older L4T iio driver).
struct Rail
{
    std::string label;
    std::string voltagePath; ///< mV; empty for the iio driver
    std::string currentPath; ///< mA; empty for the iio driver
    std::string powerPath; ///< mW; iio driver only
};

Result<double> railWatts(const Rail& rail)
{
    if (!rail.powerPath.empty()) {
        auto milliwatts = readSysfsNumber(rail.powerPath);
        if (!milliwatts)
            return milliwatts.error();
        return *milliwatts * 1e-3;
    }
    auto millivolts = readSysfsNumber(rail.voltagePath);
    if (!millivolts)
        return millivolts.error();
    auto milliamps = readSysfsNumber(rail.currentPath);
    if (!milliamps)
        return milliamps.error();
    return *millivolts * *milliamps * 1e-6;
}

std::vector<fs::path> subfolders(const fs::path& dir, const std::string& prefix)
{
    std::vector<fs::path> out;
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(dir, ec))
        if (e.path().filename().string().rfind(prefix, 0) == 0 && fs::is_directory(e.path(), ec))
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

/// Mainline hwmon driver: …/ina3221/<bus-addr>/hwmon/hwmonN/in[123]_label, in[123]_input, curr[123]_input.
void hwmonRails(const fs::path& driver, std::vector<Rail>& rails, double& updateSeconds)
{
    for (const fs::path& device : subfolders(driver, ""))
        for (const fs::path& hwmon : subfolders(device / "hwmon", "hwmon")) {
            if (auto ms = readSysfsNumber((hwmon / "update_interval").string()))
                updateSeconds = std::max(updateSeconds, *ms * 1e-3);
            for (int ch = 1; ch <= 3; ++ch) {
                const std::string n = std::to_string(ch);
                auto label = readSysfsLine((hwmon / ("in" + n + "_label")).string());
                if (!label || label->empty() || *label == "NC")
                    continue;
                rails.push_back({ *label, (hwmon / ("in" + n + "_input")).string(),
                    (hwmon / ("curr" + n + "_input")).string(), {} });
            }
        }
}

/// Older L4T driver: …/ina3221x/<bus-addr>/iio:deviceN/rail_name_[012], in_power[012]_input.
void iioRails(const fs::path& driver, std::vector<Rail>& rails)
{
    for (const fs::path& device : subfolders(driver, ""))
        for (const fs::path& iio : subfolders(device, "iio:device"))
            for (int ch = 0; ch <= 2; ++ch) {
                const std::string n = std::to_string(ch);
                auto label = readSysfsLine((iio / ("rail_name_" + n)).string());
                if (!label || label->empty() || *label == "NC")
                    continue;
                rails.push_back({ *label, {}, {}, (iio / ("in_power" + n + "_input")).string() });
            }
}

bool isTotalInput(const std::string& label)
{
    return label == "VDD_IN" || label == "POM_5V_IN" || label == "5V_IN";
}

class Ina3221Meter : public EnergyMeter
{
public:
    Ina3221Meter(PowerSensorInfo info, std::vector<Rail> rails, double period)
        : EnergyMeter(std::move(info))
        , m_rails(std::move(rails))
        , m_period(period)
    {
    }
    ~Ina3221Meter() override { halt(); }

protected:
    Status begin() override
    {
        halt();
        auto watts = sample();
        if (!watts)
            return watts.error();
        m_joules = 0;
        m_lastWatts = *watts;
        m_lastTime = std::chrono::steady_clock::now();
        m_stopRequested = false;
        m_thread = std::thread([this] { poll(); });
        return Ok {};
    }

    Result<double> end() override
    {
        halt();
        // Close the window at the stop time; a failed last read holds the previous power to the end.
        auto watts = sample();
        accumulate(watts ? *watts : m_lastWatts, std::chrono::steady_clock::now());
        return m_joules;
    }

private:
    Result<double> sample() const
    {
        double total = 0;
        for (const Rail& r : m_rails) {
            auto w = railWatts(r);
            if (!w)
                return w.error();
            total += *w;
        }
        return total;
    }

    void accumulate(double watts, std::chrono::steady_clock::time_point now)
    {
        // Trapezoid between the previous sample and this one.
        m_joules += 0.5 * (watts + m_lastWatts) * std::chrono::duration<double>(now - m_lastTime).count();
        m_lastWatts = watts;
        m_lastTime = now;
    }

    void poll()
    {
        const auto period = std::chrono::duration<double>(m_period);
        std::unique_lock lock(m_mutex);
        while (!m_cv.wait_for(lock, period, [this] { return m_stopRequested; })) {
            // A transient read failure skips this sample; the trapezoid then spans two periods.
            if (auto watts = sample())
                accumulate(*watts, std::chrono::steady_clock::now());
        }
    }

    void halt()
    {
        if (!m_thread.joinable())
            return;
        {
            std::lock_guard lock(m_mutex);
            m_stopRequested = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }

    std::vector<Rail> m_rails;
    double m_period;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stopRequested = false;
    // Written by the polling thread while it runs, by the caller's thread otherwise (join orders the two).
    double m_joules = 0;
    double m_lastWatts = 0;
    std::chrono::steady_clock::time_point m_lastTime;
};

} // namespace

Result<std::unique_ptr<EnergyMeter>> probeIna3221(const std::string& sysfsRoot, double samplePeriodSeconds)
{
    const fs::path drivers = fs::path(sysfsRoot) / "sys/bus/i2c/drivers";
    const fs::path hwmonDriver = drivers / "ina3221";
    const fs::path iioDriver = drivers / "ina3221x";
    std::error_code ec;
    std::vector<Rail> rails;
    double updateSeconds = 0;
    fs::path where;
    if (fs::is_directory(hwmonDriver, ec)) {
        hwmonRails(hwmonDriver, rails, updateSeconds);
        where = hwmonDriver;
    }
    if (rails.empty() && fs::is_directory(iioDriver, ec)) {
        iioRails(iioDriver, rails);
        where = iioDriver;
    }
    if (where.empty())
        return Error { ErrorCode::NotFound, hwmonDriver.string() + " and " + iioDriver.string() + " missing",
            drivers.string() };
    if (rails.empty())
        return Error { ErrorCode::NotFound, "no labelled INA3221 rail under " + where.string(), where.string() };

    // The module's input rail covers everything else; without one, sum the rails (they may miss or overlap parts).
    std::vector<Rail> chosen;
    std::copy_if(
        rails.begin(), rails.end(), std::back_inserter(chosen), [](const Rail& r) { return isTotalInput(r.label); });
    const bool total = !chosen.empty();
    if (!total)
        chosen = rails;
    chosen.resize(total ? 1 : chosen.size()); // two sensors may both see the input rail
    std::string name;
    for (const Rail& r : chosen) {
        if (auto w = railWatts(r); !w) {
            const Error& e = w.error();
            return Error { e.code, e.message + ": " + e.location, e.location };
        }
        name += (name.empty() ? "" : " + ") + r.label;
    }
    if (!total)
        name += " (no total input rail; sum of the monitored rails)";
    const double period = std::max(samplePeriodSeconds, 1e-4);
    PowerSensorInfo info { "ina3221", name, where.string(), std::max(period, updateSeconds) };
    return std::unique_ptr<EnergyMeter>(new Ina3221Meter(std::move(info), std::move(chosen), period));
}

} // namespace graphs
