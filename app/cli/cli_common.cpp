#include "cli/cli_common.h"

#include "core/atomic_file.h"

#include <cmath>
#include <cstdlib>
#include <iostream>

namespace graphs::cli {

namespace {

CLI::Validator numberCheck(bool zeroAllowed)
{
    return CLI::Validator(
        [zeroAllowed](std::string& text) -> std::string {
            char* end = nullptr;
            const double value = std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value))
                return "'" + text + "' is not a number";
            if (zeroAllowed ? value < 0 : value <= 0)
                return std::string(zeroAllowed ? "must not be negative" : "must be positive") + ", got " + text;
            return {};
        },
        zeroAllowed ? "NONNEGATIVE" : "POSITIVE");
}

} // namespace

CLI::Validator positiveNumber()
{
    return numberCheck(false);
}

CLI::Validator nonNegativeNumber()
{
    return numberCheck(true);
}

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
