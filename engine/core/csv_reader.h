#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace graphs {

/// Splits one CSV line into its fields, RFC 4180 style: `"a, ""b"""` is one field `a, "b"`; a trailing carriage
/// return is dropped. Quoted fields cannot span lines (no file this program reads or writes has them).
///
///     splitCsvLine("net,\"x, y\",3") == { "net", "x, y", "3" }
std::vector<std::string> splitCsvLine(const std::string& line);

/// `text` without a leading UTF-8 byte-order mark (spreadsheet programs write one).
std::string_view withoutByteOrderMark(std::string_view text);

} // namespace graphs
