#pragma once

// The sensor back ends behind detectEnergyMeters(); engine-internal. Each probe returns a meter, or an error whose
// message is the reason the sensor is absent.

#include "benchmarks/energy_meter.h"

#include <memory>
#include <string>

namespace graphs {

/// The first line of a small sysfs file, trimmed. Errors carry the file as location; a refused read says
/// "permission denied", a missing file "missing".
Result<std::string> readSysfsLine(const std::string& path);
/// The file's line as a number; text that is not one is ErrorCode::InvalidData.
Result<double> readSysfsNumber(const std::string& path);

/// RAPL package domains under <root>/sys/class/powercap.
Result<std::unique_ptr<EnergyMeter>> probeRapl(const std::string& sysfsRoot);
/// INA3221 rails under <root>/sys/bus/i2c/drivers/ina3221 (hwmon) or ina3221x (older L4T iio driver).
Result<std::unique_ptr<EnergyMeter>> probeIna3221(const std::string& sysfsRoot, double samplePeriodSeconds);
/// NVIDIA GPUs' total_energy_consumption counter through nvidia-smi.
Result<std::unique_ptr<EnergyMeter>> probeNvidiaSmi(const std::string& command, int gpuIndex);

} // namespace graphs
