// libFuzzer target: arbitrary bytes → importMeasurements (all three formats, told apart by their content).

#include "fuzz_entry_points.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // A private folder per process: parallel fuzzing jobs must not share the scratch file or a sidecar.
    static const std::string scratch = [] {
        const auto dir = std::filesystem::temp_directory_path() / ("graphs-fuzz-import-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        return (dir / "input.csv").string();
    }();
    (void)graphs::fuzzing::runMeasurementImport(std::string_view(reinterpret_cast<const char*>(data), size), scratch);
    return 0;
}
