#include "fuzz_entry_points.h"

#include "benchmarks/suite_definition.h"
#include "estimation/graph_analysis.h"
#include "estimation/analysis_pipeline.h"
#include "frontends/onnx_importer.h"
#include "hardware/hardware_loader.h"

namespace graphs::fuzzing {

std::shared_ptr<const HardwareSpec> fuzzHardware(const std::string& sourceDir)
{
    auto loaded = loadHardwareFile(sourceDir + "/registries/hardware/cpu/intel-core-i7-12700k.yaml");
    return loaded ? std::make_shared<const HardwareSpec>(*loaded) : nullptr;
}

std::string runOnnxPipeline(std::string_view bytes, const std::shared_ptr<const HardwareSpec>& hardware)
{
    // A base folder that does not exist: external-data references can never reach a real file.
    auto imported = importOnnxBytes(bytes, "fuzz.onnx", "/nonexistent-graphs-fuzz-dir", {});
    if (!imported)
        return imported.error().toString();
    auto analysis = analyzeGraph(imported->graph);
    if (!analysis)
        return analysis.error().toString();
    if (hardware) {
        auto estimated = estimateOn(*analysis, hardware, Precision::FP32, FusionRules {}, 1);
        if (!estimated)
            return estimated.error().toString();
    }
    return {};
}

std::string runHardwareYaml(const std::string& text)
{
    auto spec = parseHardwareYaml(text, "fuzz.yaml");
    return spec ? std::string() : spec.error().toString();
}

std::string runSuiteDefinition(const std::string& text)
{
    auto suite = parseSuiteDefinition(text, "fuzz-suite.yaml");
    return suite ? std::string() : suite.error().toString();
}

} // namespace graphs::fuzzing
