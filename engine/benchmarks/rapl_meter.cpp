// Linux RAPL through the powercap framework: one energy_uj counter per package domain.

#include "benchmarks/energy_sensors.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>

namespace graphs {

namespace fs = std::filesystem;

namespace {

struct RaplDomain
{
    int index = 0;
    std::string name; ///< "package-0"
    std::string energyPath; ///< …/intel-rapl:0/energy_uj
    uint64_t maxRange = 0; ///< the counter wraps past this (max_energy_range_uj)
    uint64_t startValue = 0;
};

/// "intel-rapl:3" → 3; subdomains ("intel-rapl:0:1") and "intel-rapl-mmio:0" (a second view of package 0) → -1.
int packageIndex(const std::string& entry)
{
    const std::string prefix = "intel-rapl:";
    if (entry.rfind(prefix, 0) != 0 || entry.size() == prefix.size())
        return -1;
    const std::string digits = entry.substr(prefix.size());
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) || digits.size() > 6)
        return -1;
    return std::stoi(digits);
}

Result<uint64_t> readCounter(const std::string& path)
{
    auto value = readSysfsNumber(path);
    if (!value)
        return value.error();
    if (*value < 0)
        return Error { ErrorCode::InvalidData, "negative energy counter", path };
    return static_cast<uint64_t>(*value);
}

std::string absentReason(const Error& e)
{
    if (e.message == "permission denied")
        return "permission denied: " + e.location
            + " is readable by root only (kernels patched for CVE-2020-8694); run as root or grant read access";
    return e.message + ": " + e.location;
}

class RaplMeter : public EnergyMeter
{
public:
    RaplMeter(PowerSensorInfo info, std::vector<RaplDomain> domains)
        : EnergyMeter(std::move(info))
        , m_domains(std::move(domains))
    {
    }

protected:
    Status begin() override
    {
        for (RaplDomain& d : m_domains) {
            auto value = readCounter(d.energyPath);
            if (!value)
                return value.error();
            d.startValue = *value;
        }
        return Ok {};
    }

    Result<double> end() override
    {
        uint64_t microjoules = 0;
        for (const RaplDomain& d : m_domains) {
            auto value = readCounter(d.energyPath);
            if (!value)
                return value.error();
            // One wrap at most: at a few hundred watts the counter takes tens of minutes to go round.
            microjoules += *value >= d.startValue ? *value - d.startValue : *value + (d.maxRange - d.startValue);
        }
        return static_cast<double>(microjoules) * 1e-6;
    }

private:
    std::vector<RaplDomain> m_domains;
};

} // namespace

Result<std::unique_ptr<EnergyMeter>> probeRapl(const std::string& sysfsRoot)
{
    const fs::path powercap = fs::path(sysfsRoot) / "sys/class/powercap";
    std::error_code ec;
    if (!fs::is_directory(powercap, ec))
        return Error { ErrorCode::NotFound, powercap.string() + " missing", powercap.string() };

    std::vector<RaplDomain> domains;
    for (const fs::directory_entry& entry : fs::directory_iterator(powercap, ec)) {
        RaplDomain d;
        d.index = packageIndex(entry.path().filename().string());
        if (d.index < 0)
            continue;
        auto name = readSysfsLine((entry.path() / "name").string());
        d.name = name ? *name : entry.path().filename().string();
        // psys (platform) spans the packages and more: adding it would count them twice.
        if (d.name == "psys")
            continue;
        d.energyPath = (entry.path() / "energy_uj").string();
        domains.push_back(std::move(d));
    }
    if (ec)
        return Error { ErrorCode::Io, powercap.string() + " unreadable: " + ec.message(), powercap.string() };
    if (domains.empty())
        return Error { ErrorCode::NotFound, "no RAPL package domain under " + powercap.string(), powercap.string() };
    std::sort(
        domains.begin(), domains.end(), [](const RaplDomain& a, const RaplDomain& b) { return a.index < b.index; });

    std::string names;
    for (RaplDomain& d : domains) {
        // Read once now, so that a root-only counter is reported absent here rather than failing mid-benchmark.
        if (auto value = readCounter(d.energyPath); !value)
            return Error { value.error().code, absentReason(value.error()), d.energyPath };
        const std::string rangePath = (fs::path(d.energyPath).parent_path() / "max_energy_range_uj").string();
        auto range = readCounter(rangePath);
        if (!range)
            return Error { range.error().code, absentReason(range.error()), rangePath };
        d.maxRange = *range;
        names += (names.empty() ? "" : " + ") + d.name;
    }
    PowerSensorInfo info { "rapl", names, powercap.string(), 1e-3 };
    return std::unique_ptr<EnergyMeter>(new RaplMeter(std::move(info), std::move(domains)));
}

} // namespace graphs
