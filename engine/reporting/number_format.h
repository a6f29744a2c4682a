#pragma once

#include <cstdint>
#include <string>

namespace graphs {

/// 4089000000 → "4.09 G"; 1234 → "1.23 k"; below 1000 the plain number.
std::string humanCount(double value);
/// Decimal units: 102400000 → "102.4 MB".
std::string humanBytes(double bytes);
/// Fixed notation with `decimals` digits, no locale.
std::string fixed(double value, int decimals);

} // namespace graphs
