#include "cli/benchmark_import_command.h"

#include "cli/cli_common.h"

namespace graphs::cli {

// PLACEHOLDER: replaced by the importer implementation.
std::function<int()> addBenchmarkImportCommand(CLI::App& benchmark)
{
    benchmark.add_subcommand("import", "Import measurements taken elsewhere");
    return [] { return ExitFailure; };
}

} // namespace graphs::cli
