#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace graphs {

/// 4089000000 → "4.09 G"; 1234 → "1.23 k"; below 1000 the plain number.
std::string humanCount(double value);
/// Decimal units: 102400000 → "102.4 MB".
std::string humanBytes(double bytes);
/// Fixed notation with `decimals` digits, no locale.
std::string fixed(double value, int decimals);

/// Text columns: pad with spaces to `width` (longer text is left as it is).
std::string padRight(std::string text, size_t width);
std::string padLeft(std::string text, size_t width);
/// A table cell of `width` characters that keeps at least one space after its text, however long.
std::string column(const std::string& text, size_t width);

/// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
std::string csvField(const std::string& text);

} // namespace graphs
