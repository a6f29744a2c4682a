#pragma once

#include <string>

namespace graphs {

/// The program `command` names, as execvp would find it: `command` itself when it holds a '/' (and is executable),
/// else the first executable match in the directories of $PATH; empty when there is none.
///
///     if (findProgram("node").empty()) … // the onnxruntime runner cannot start
std::string findProgram(const std::string& command);

} // namespace graphs
