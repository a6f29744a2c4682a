#pragma once

#include "core/diagnostic.h"
#include "core/error.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace graphs {

/// One step of a fusion pattern: any of `ops`; optional steps may be skipped.
struct PatternStep
{
    std::vector<std::string> ops;
    bool optional = false;
};

struct FusionPattern
{
    std::string name;
    std::vector<PatternStep> steps;
    /// Producers of the matched nodes' operands that the fused kernel reads in place (transposes, broadcasts, the
    /// KV-cache append): they join the group, views on the way too, while their outputs are read only inside it.
    std::set<std::string> operands;
    /// The pattern matches only when one of its operands is a KV-cache append: a Concat of a graph input (the past
    /// cache) whose output is a graph output (the present cache). The kernel writes only the appended rows (the
    /// runtime binds past and present to one buffer) and reads the cache once.
    bool cacheAppend = false;
    /// The first node's data input (its first operand) must also be read by a later node of the match: an RMSNorm
    /// scales x itself by 1/√(mean(x²) + ε), so x feeds both the Pow and the Div (or the Mul after a Reciprocal).
    bool sharedInput = false;
    /// The match is refused when the first node's data input is made by one of these ops: a Pow over a Sub's
    /// x − mean is the variance of a LayerNorm (whose own pattern did not match), not an RMSNorm.
    std::set<std::string> inputNotFrom;
};

/// What an eager framework costs on its host core, measured on a reference core (scripts/measure-eager-dispatch.py):
/// every operator is a call through the framework (a Python module call and a dispatch) before any kernel runs, a
/// kernel on a GPU or an accelerator is also launched from the host, and a caller that waits for the device
/// synchronises once per call. An entry's host core runs these at its own single-thread speed
/// (HardwareSpec::host). See docs/architecture/estimation.md ("Host cost of an eager framework").
struct HostCosts
{
    std::string reference;                 ///< the core the figures were measured on
    std::map<std::string, double> dispatchUs; ///< per operator, by operator class name ("convolution", "view", …)
    double defaultDispatchUs = 0;          ///< classes the map does not name
    double launchUs = 0;                   ///< host side of launching one kernel on a GPU or an accelerator
    double syncUs = 0;                     ///< one synchronisation with the device, and the caller's timing of it
    /// The whole host cost of one operator of a class when it runs on a GPU or an accelerator, where a source measured
    /// it as one figure (a cuDNN convolution also builds descriptors and asks the library's heuristics on every call);
    /// replaces dispatch + launch for that class there. By operator class name, µs on the reference core.
    std::map<std::string, double> deviceCallUs;

    /// The dispatch cost of one operator of `opClass` (the estimator's class name) on the reference core, µs.
    double dispatch(const std::string& opClass) const;
};

/// How a runtime groups nodes into kernels; data, loaded from registries/runtimes/<id>.yaml.
struct FusionRules
{
    std::string runtimeId;
    std::string runtimeName;
    std::set<std::string> anchors;
    std::set<std::string> epilogue;
    int maxEpilogue = 0;
    /// Epilogues may be small graphs: views between the ops join, and branches that rejoin (decomposed GELU) too.
    bool epilogueGraphs = false;
    std::set<std::string> elementwise;
    int maxChain = 1;
    std::vector<FusionPattern> patterns;
    /// Fixed cost per kernel the runtime pays on each hardware category ("cpu", "gpu", "accelerator"), µs; where it
    /// has none, the hardware entry's launch overhead applies.
    std::map<std::string, double> kernelOverheadUs;
    double workspaceBytes = 0; ///< scratch memory the runtime documents, live throughout an inference
    /// Host cost per operator of an eager framework; unset for runtimes that replay a prepared plan, whose cost
    /// per kernel is kernelOverheadUs or the hardware entry's launch overhead.
    std::optional<HostCosts> host;
    /// float32 convolutions run on TF32 matrix units where the hardware has them (`fp32_convolutions: tf32`): PyTorch
    /// lets cuDNN do so by default (torch.backends.cudnn.allow_tf32), while its float32 matrix products stay in
    /// float32 (torch.backends.cuda.matmul.allow_tf32 is off by default).
    bool tf32Convolutions = false;
    /// On a GPU, convolutions run the architecture family's largest tile without split-K (`convolution_tiles: fixed`)
    /// instead of the tile a tuner would pick (`tuned`, the default): EfficiencyPriors::fixedConvolutionTiles.
    bool fixedConvolutionTiles = false;
};

/// Loads a runtime profile; errors name the file, line and key.
Result<FusionRules> loadFusionRules(const std::string& path);
Result<FusionRules> parseFusionRules(const std::string& text, const std::string& displayName);

/// Every `<dir>/runtimes/*.yaml` of the directories, by file name; an id found in two directories keeps the first (as
/// findFusionRules() does). A file that cannot be read is a warning in `problems`, and the others still load.
std::vector<FusionRules> loadAllFusionRules(const std::vector<std::string>& registryDirs, Diagnostics& problems);

/// Finds `<dir>/runtimes/<id>.yaml` in the first directory that has it.
Result<FusionRules> findFusionRules(const std::vector<std::string>& registryDirs, const std::string& runtimeId);

/// The runtime profile that fuses nothing: imported measurements of a runtime without rules are per kernel already.
inline constexpr const char* kUnfusedRuntime = "unfused";

/// The rules a calibration of `runtime` partitions models with: the runtime's own, or, for a runtime this program has
/// no rules for (imported measurements of another framework, per kernel already), kUnfusedRuntime's.
Result<FusionRules> calibrationFusionRules(const std::vector<std::string>& registryDirs, const std::string& runtime);

} // namespace graphs
