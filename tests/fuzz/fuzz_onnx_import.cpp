// libFuzzer target: arbitrary bytes → importOnnxBytes → analyzeGraph → an estimate on a bundled CPU spec.
// Every stage may reject the input with an Error; none may crash, hang or trip a sanitizer.

#include "fuzz_entry_points.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const auto hardware = graphs::fuzzing::fuzzHardware(GRAPHS_SOURCE_DIR); // fixed part: loaded once
    (void)graphs::fuzzing::runOnnxPipeline(std::string_view(reinterpret_cast<const char*>(data), size), hardware);
    return 0;
}
