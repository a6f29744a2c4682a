// libFuzzer target: arbitrary bytes → parseSuiteDefinition (benchmark suite YAML).

#include "fuzz_entry_points.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    (void)graphs::fuzzing::runSuiteDefinition(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
