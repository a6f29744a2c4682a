#pragma once

#include "core/error.h"

#include <string>
#include <string_view>

namespace graphs {

/// Writes `contents` to a temporary file beside `path`, flushes it to disk and renames it over `path`:
/// readers see the old file or the new one, never a half-written one, and a failed write leaves the old file.
Status writeFileAtomically(const std::string& path, std::string_view contents);

} // namespace graphs
