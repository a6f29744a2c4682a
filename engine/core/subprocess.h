#pragma once

#include "core/diagnostic.h"
#include "core/error.h"
#include "core/find_program.h"

#include <string>
#include <vector>

namespace graphs {

/// What a program started by runProgram() did.
struct ProgramOutput
{
    int exitStatus = -1;   ///< its exit status; -1 when a signal ended it
    bool timedOut = false; ///< killed because it ran past the time limit
    bool cancelled = false; ///< killed because `cancel` said stop
    std::string out;       ///< standard output
    std::string err;       ///< standard error
};

/// Runs `argv` (argv[0] a path, or a name looked up on PATH) with standard input from `inputFile` (default
/// /dev/null), collecting its
/// output until it exits or `timeoutSeconds` pass (then it is killed). The child is killed too when the calling
/// process dies, so a runner stopped by `graphs` takes its tools with it. Fails only when the program cannot be
/// started; a program that exits with an error is a ProgramOutput with that status. `cancel`, when given, is polled
/// about ten times a second; returning false kills the program (ProgramOutput::cancelled).
///
///     auto run = runProgram({"nvidia-smi", "-L"}, 10);
///     if (run && run->exitStatus == 0) parse(run->out);
Result<ProgramOutput> runProgram(const std::vector<std::string>& argv, double timeoutSeconds,
    const std::string& inputFile = {}, const ProgressCallback& cancel = {});

} // namespace graphs
