#include "fuzz_entry_points.h"

#include "benchmarks/measurement_importers.h"

#include <fstream>

namespace graphs::fuzzing {

std::string runMeasurementImport(std::string_view bytes, const std::string& scratchFile)
{
    {
        std::ofstream out(scratchFile, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out)
            return "cannot write " + scratchFile;
    }
    MeasurementImportOptions mapped;
    mapped.hardwareId = "intel-core-i7-12700k";
    mapped.runtime = "onnxruntime";
    (void)importMeasurements(scratchFile, mapped);
    auto imported = importMeasurements(scratchFile, {});
    return imported ? std::string() : imported.error().toString();
}

} // namespace graphs::fuzzing
