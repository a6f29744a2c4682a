#pragma once

#include <QString>
#include <string_view>

namespace graphs::ui {

/// Engine text (ids, names, messages, file paths) as a QString: the engine's strings are UTF-8 throughout. The one
/// conversion the front end uses, instead of a copy per file.
inline QString fromStd(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace graphs::ui
