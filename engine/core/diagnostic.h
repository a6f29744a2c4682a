#pragma once

#include <functional>
#include <string>
#include <vector>

namespace graphs {

/// A non-fatal finding (unknown operator, uncounted control-flow body, …) that a report must show.
struct Diagnostic
{
    enum class Severity { Note, Warning };
    Severity severity = Severity::Warning;
    std::string message;
    std::string location; ///< file, file:line or node name
};

using Diagnostics = std::vector<Diagnostic>;

/// Progress/cancel callback for long calls: receives a fraction in [0, 1]; returning false asks the call to stop.
using ProgressCallback = std::function<bool(double fraction)>;

} // namespace graphs
