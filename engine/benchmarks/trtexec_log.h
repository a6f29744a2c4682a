#pragma once

// What trtexec and the device tools print, read for the runner's reply: the TensorRT version and GPU from trtexec's
// log ("[I] TensorRT version: 10.3.0", "&&&& RUNNING TensorRT.trtexec [TensorRT v100300] …", "[I] Selected Device:
// …"), why a run failed (its "[E]" lines), and nvidia-smi's and nvpmodel's answers.

#include <map>
#include <string>

namespace graphs {

/// Facts from a trtexec log; fields it does not print stay empty.
struct TrtexecLogFacts
{
    std::string tensorrtVersion;   ///< "10.3.0"
    std::string device;            ///< "NVIDIA H100 80GB HBM3", "Orin"
    std::string computeCapability; ///< "9.0"
};

TrtexecLogFacts parseTrtexecLog(const std::string& output);

/// NV_TENSORRT_VERSION as the banner prints it → "major.minor.patch": 8601 → "8.6.1", 100300 → "10.3.0".
std::string tensorrtVersionFromCode(long code);

/// Why a trtexec run failed, from its output.
struct TrtexecFailure
{
    enum class Kind {
        ModelRejected,    ///< the ONNX parser or the builder refused the model
        OutOfMemory,      ///< the GPU (or a Jetson's shared memory) ran out
        MissingLibraries, ///< trtexec could not load the TensorRT or CUDA libraries
        Other,
    };
    Kind kind = Kind::Other;
    std::string quote; ///< the most specific error line (with its continuation lines), without log prefixes
};

TrtexecFailure diagnoseTrtexecFailure(const std::string& output);

/// The message a runner reply gives for a failed run: what happened, the quoted line, and what to try.
std::string describeTrtexecFailure(const TrtexecFailure& failure, int exitStatus);

/// `nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,clocks.mem --format=csv,noheader,nounits`
/// (first GPU) → {"gpu", "gpu_driver", "sm_clock_mhz", "sm_clock_max_mhz", "memory_clock_mhz"}; values nvidia-smi
/// does not know ("[N/A]", as on a Jetson) are left out.
std::map<std::string, std::string> parseNvidiaSmiQuery(const std::string& output);

/// `nvpmodel -q` ("NV Power Mode: MAXN" then the mode number) → "MAXN"; "" when absent.
std::string parseNvpmodelQuery(const std::string& output);

} // namespace graphs
