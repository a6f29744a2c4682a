#include "cli/cli_common.h"

#include "core/atomic_file.h"

#include <iostream>

namespace graphs::cli {

void printError(const Error& error)
{
    std::cerr << "graphs: error: " << error.toString() << '\n';
}

void printError(const std::string& message)
{
    std::cerr << "graphs: error: " << message << '\n';
}

void printDiagnostics(const Diagnostics& diagnostics)
{
    for (const Diagnostic& d : diagnostics) {
        std::cerr << "graphs: " << (d.severity == Diagnostic::Severity::Warning ? "warning: " : "note: ") << d.message
                  << '\n';
    }
}

int emit(const std::string& text, const std::string& outputPath)
{
    if (outputPath.empty() || outputPath == "-") {
        std::cout << text;
        std::cout.flush();
        return std::cout ? ExitOk : ExitFailure;
    }
    if (auto written = writeFileAtomically(outputPath, text); !written) {
        printError(written.error());
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace graphs::cli
