#pragma once

#include "hardware/hardware_spec.h"

#include <memory>
#include <string>
#include <vector>

namespace graphs {

using HardwareList = std::vector<std::shared_ptr<const HardwareSpec>>;

/// A table grouped by category: id, name, headline peaks, off-chip bandwidth, TDP, confidence.
std::string hardwareListText(const HardwareList& entries);
/// [{"id", "name", "vendor", "category", "mapper", "peak_ops_per_s": {"fp32": …}, "memory_bandwidth_gbs",
///   "tdp_w", "confidence"}]
std::string hardwareListJson(const HardwareList& entries);
/// Everything about one entry, with the derived peaks and ridge points.
std::string hardwareDetailText(const HardwareSpec& spec);
std::string hardwareDetailJson(const HardwareSpec& spec);

} // namespace graphs
