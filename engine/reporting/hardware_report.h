#pragma once

#include "hardware/hardware_spec.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace graphs {

using HardwareList = std::vector<std::shared_ptr<const HardwareSpec>>;
/// Hardware id → its stored calibration profiles ("native/fp32", …): entries listed here are "calibrated".
using CalibrationIndex = std::map<std::string, std::vector<std::string>>;

/// A table grouped by category: id, name, headline peaks, off-chip bandwidth, TDP, confidence.
std::string hardwareListText(const HardwareList& entries, const CalibrationIndex& calibrations = {});
/// [{"id", "name", "vendor", "category", "mapper", "peak_ops_per_s": {"fp32": …}, "memory_bandwidth_gbs",
///   "tdp_w", "confidence", "calibrations": ["native/fp32", …]}]
std::string hardwareListJson(const HardwareList& entries, const CalibrationIndex& calibrations = {});
/// Everything about one entry, with the derived peaks and ridge points.
std::string hardwareDetailText(const HardwareSpec& spec, const std::vector<std::string>& calibrations = {});
std::string hardwareDetailJson(const HardwareSpec& spec, const std::vector<std::string>& calibrations = {});

} // namespace graphs
