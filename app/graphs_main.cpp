#include "cli/analyze_command.h"
#include "cli/cli_common.h"
#include "cli/benchmark_command.h"
#include "cli/calibrate_command.h"
#include "cli/compare_command.h"
#include "cli/generate_command.h"
#include "cli/hardware_command.h"
#include "cli/validate_command.h"

#include <CLI/CLI.hpp>

#include <iostream>

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

    if (app.got_subcommand("analyze"))
        return analyze();
    if (app.got_subcommand("hardware"))
        return hardware();
    if (app.got_subcommand("compare"))
        return compare();
    if (app.got_subcommand("benchmark"))
        return benchmark();
    if (app.got_subcommand("calibrate"))
        return calibrate();
    if (app.got_subcommand("validate"))
        return validate();
    if (app.got_subcommand("generate"))
        return generate();
    return ExitUsage;
}
