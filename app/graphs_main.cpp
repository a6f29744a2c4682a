#include "cli/analyze_command.h"
#include "cli/cli_common.h"
#include "cli/benchmark_command.h"
#include "cli/calibrate_command.h"
#include "cli/compare_command.h"
#include "cli/generate_command.h"
#include "cli/hardware_command.h"
#include "cli/validate_command.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <utility>
#include <vector>

namespace {

/// Ends the process once a command has returned: output flushed, the destructors of static objects not run. The
/// largest of them, the ONNX library's table of every operator schema at every opset, takes about 4 ms to free: a fifth
/// of `graphs analyze MODEL -H ID` as a whole process (docs/validation/performance.md, section 7). Every file a
/// command writes is closed by the command itself; output that cannot be written (a full disk, a closed pipe) fails the
/// command. Builds with AddressSanitizer exit normally, so that its leak check still runs.
[[noreturn]] void exitWithoutTeardown(int code)
{
    const bool written = static_cast<bool>(std::cout.flush()) && std::fflush(stdout) == 0;
    if (!written && code == graphs::cli::ExitOk) {
        graphs::cli::printError("cannot write to standard output");
        code = graphs::cli::ExitFailure;
    }
    std::cerr.flush();
    std::fflush(nullptr);
#if defined(__SANITIZE_ADDRESS__)
    std::exit(code);
#else
    std::_Exit(code);
#endif
}

int runCommand(const CLI::App& app, const std::vector<std::pair<const char*, std::function<int()>>>& commands)
{
    for (const auto& [name, run] : commands) {
        if (app.got_subcommand(name))
            return run();
    }
    return graphs::cli::ExitUsage;
}

} // namespace

int main(int argc, char** argv)
{
    using namespace graphs::cli;
    CLI::App app { "graphs: latency, memory and energy estimates of neural networks on hardware", "graphs" };
    app.set_version_flag("--version", std::string("graphs ") + GRAPHS_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);

    const auto analyze = addAnalyzeCommand(app);
    const auto hardware = addHardwareCommand(app);
    const auto compare = addCompareCommand(app);
    const auto benchmark = addBenchmarkCommand(app);
    const auto calibrate = addCalibrateCommand(app);
    const auto validate = addValidateCommand(app);
    const auto generate = addGenerateCommand(app);

    // CLI11 would only say that a subcommand is required; name the word it did not know.
    if (argc > 1 && argv[1][0] != '-') {
        bool known = false;
        for (const CLI::App* sub : app.get_subcommands({}))
            known = known || sub->check_name(argv[1]);
        if (!known) {
            printError(std::string("unknown command '") + argv[1] + "'");
            std::cerr << "Run 'graphs --help' for the list of commands.\n";
            return ExitUsage;
        }
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        printError(e.what());
        std::cerr << "Run 'graphs --help' or 'graphs COMMAND --help' for usage.\n";
        return ExitUsage;
    }

    exitWithoutTeardown(runCommand(app,
        { { "analyze", analyze }, { "hardware", hardware }, { "compare", compare }, { "benchmark", benchmark },
            { "calibrate", calibrate }, { "validate", validate }, { "generate", generate } }));
}
