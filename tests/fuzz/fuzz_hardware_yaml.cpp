// libFuzzer target: arbitrary bytes → parseHardwareYaml. Bad specs must come back as an Error, never a crash.

#include "fuzz_entry_points.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    (void)graphs::fuzzing::runHardwareYaml(std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}
