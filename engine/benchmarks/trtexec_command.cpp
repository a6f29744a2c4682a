#include "benchmarks/trtexec_command.h"

#include "core/find_program.h"
#include "ir/compute_graph.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace graphs {

namespace fs = std::filesystem;

namespace {

std::string dimsText(const std::vector<int64_t>& dims)
{
    std::string text;
    for (size_t i = 0; i < dims.size(); ++i)
        text += (i ? "x" : "") + std::to_string(dims[i]);
    return text.empty() ? "scalar" : text;
}

/// FNV-1a, 64 bits: enough to tell cached engines apart, and needs no library.
class Fnv1a
{
public:
    void add(const char* data, size_t size)
    {
        for (size_t i = 0; i < size; ++i) {
            m_hash ^= static_cast<unsigned char>(data[i]);
            m_hash *= 0x100000001b3ULL;
        }
    }
    void add(const std::string& text) { add(text.data(), text.size() + 1); } // with the NUL as a separator
    std::string hex() const
    {
        char buffer[17];
        std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(m_hash));
        return buffer;
    }

private:
    uint64_t m_hash = 0xcbf29ce484222325ULL;
};

} // namespace

Result<std::string> findTrtexec(const std::string& option, const std::string& environment,
    const std::vector<std::string>& standardLocations)
{
    for (const auto& [given, what] : { std::pair { option, "--trtexec" }, std::pair { environment, "GRAPHS_TRTEXEC" } }) {
        if (given.empty())
            continue;
        const std::string found = findProgram(given);
        if (found.empty())
            return Error { ErrorCode::NotFound,
                std::string(what) + " names '" + given + "', which is not an executable trtexec", given };
        return found;
    }
    if (std::string onPath = findProgram("trtexec"); !onPath.empty())
        return onPath;
    for (const std::string& location : standardLocations)
        if (::access(location.c_str(), X_OK) == 0)
            return location;
    std::string looked = "PATH";
    for (const std::string& location : standardLocations)
        looked += ", " + location;
    return Error { ErrorCode::NotFound,
        "trtexec not found (looked on " + looked + "): it comes with TensorRT — on a Jetson with JetPack "
            "(sudo apt install nvidia-jetpack, or the tensorrt package; it lands in /usr/src/tensorrt/bin), on a GPU "
            "server with NVIDIA's TensorRT packages (libnvinfer-bin) or the TensorRT tar file (its bin/ folder). Then "
            "put it on PATH, set GRAPHS_TRTEXEC=/path/to/trtexec, or pass --trtexec PATH",
        {} };
}

Result<std::vector<std::string>> trtexecPrecisionFlags(const std::string& precision)
{
    if (precision == "fp32")
        return std::vector<std::string> { "--noTF32" };
    if (precision == "tf32")
        return std::vector<std::string> {};
    for (const char* p : { "fp16", "bf16", "int8", "fp8", "best" })
        if (precision == p)
            return std::vector<std::string> { "--" + precision };
    return Error { ErrorCode::InvalidArgument,
        "precision '" + precision + "' is not one TensorRT builds: fp32, tf32, fp16, bf16, int8, fp8 or best",
        "precision" };
}

Result<std::map<std::string, std::vector<int64_t>>> trtexecShapeBindings(const ComputeGraph& model,
    const RunnerRequest& request)
{
    std::map<std::string, std::vector<int64_t>> shapes;
    for (int i : model.inputs()) {
        const TensorDescriptor& t = model.tensor(i);
        const auto asked = request.inputShapes.find(t.name);
        if (t.shape.isFullyKnown()) {
            if (asked != request.inputShapes.end() && asked->second != t.shape.sizes())
                return Error { ErrorCode::InvalidArgument,
                    "input '" + t.name + "' is " + t.shape.toString() + " in the model, and TensorRT cannot run it at "
                        + dimsText(asked->second) + ": export the model with a dynamic (named) batch dimension",
                    t.name };
            continue;
        }
        if (asked == request.inputShapes.end())
            return Error { ErrorCode::UnboundDimension,
                "input '" + t.name + "' has shape " + t.shape.toString() + " and the request gives none", t.name };
        shapes[t.name] = asked->second;
    }
    return shapes;
}

Result<std::vector<std::string>> trtexecArguments(const RunnerRequest& request,
    const std::map<std::string, std::vector<int64_t>>& shapes, const TrtexecFiles& files)
{
    std::vector<std::string> args;
    if (files.buildEngine) {
        args.push_back("--onnx=" + request.model);
        auto flags = trtexecPrecisionFlags(request.precision);
        if (!flags)
            return flags.error();
        args.insert(args.end(), flags->begin(), flags->end());
        if (!files.engine.empty())
            args.push_back("--saveEngine=" + files.engine);
        if (!files.timingCache.empty())
            args.push_back("--timingCacheFile=" + files.timingCache);
    } else {
        args.push_back("--loadEngine=" + files.engine);
    }
    if (!shapes.empty()) {
        std::string spec;
        for (const auto& [name, dims] : shapes) {
            // trtexec splits the spec at ',' and ':'; names holding them are quoted, as its help says.
            const bool quote = name.find_first_of(":,") != std::string::npos;
            spec += (spec.empty() ? "" : ",") + (quote ? "'" + name + "'" : name) + ":" + dimsText(dims);
        }
        args.push_back("--shapes=" + spec);
    }
    // Detailed profiling verbosity is a build setting: every cached engine carries the ONNX names of its layers.
    args.push_back("--profilingVerbosity=detailed");
    args.push_back(std::string("--warmUp=") + (request.warmup > 0 ? "200" : "0"));
    args.push_back("--iterations=" + std::to_string(std::max(0, request.warmup) + std::max(1, request.repeats)));
    args.push_back("--duration=0");
    args.push_back("--avgRuns=1");
    // As the tensorrt runtime profile assumes (registries/runtimes/tensorrt.yaml): the engine replayed from a CUDA
    // graph, so that launch overhead does not dominate small models.
    args.push_back("--useCudaGraph");
    args.push_back("--exportTimes=" + files.times);
    if (!files.profile.empty()) {
        args.push_back("--exportProfile=" + files.profile);
        args.push_back("--exportLayerInfo=" + files.layerInfo);
        // Profiling slows every layer down: the timed run goes without the profiler, a second run profiles.
        args.push_back("--separateProfileRun");
    }
    return args;
}

Result<std::string> trtexecEngineKey(const std::string& modelPath, const std::string& precision,
    const std::map<std::string, std::vector<int64_t>>& shapes, const std::string& trtexec, const std::string& gpu)
{
    Fnv1a hash;
    std::ifstream model(modelPath, std::ios::binary);
    if (!model)
        return Error { ErrorCode::Io, "cannot read the model", modelPath };
    char buffer[1 << 16];
    while (model.read(buffer, sizeof buffer) || model.gcount() > 0)
        hash.add(buffer, static_cast<size_t>(model.gcount()));
    hash.add(precision);
    for (const auto& [name, dims] : shapes)
        hash.add(name + ":" + dimsText(dims));
    std::error_code ec;
    hash.add(trtexec);
    hash.add(std::to_string(fs::file_size(trtexec, ec)));
    hash.add(std::to_string(fs::last_write_time(trtexec, ec).time_since_epoch().count()));
    hash.add(gpu);
    return hash.hex();
}

std::string tensorrtCacheDir(const std::string& option)
{
    if (option == "none")
        return {};
    fs::path dir;
    const char* cache = std::getenv("GRAPHS_TENSORRT_CACHE");
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    if (!option.empty())
        dir = option;
    else if (cache && *cache)
        dir = cache;
    else if (xdg && *xdg)
        dir = fs::path(xdg) / "graphs/tensorrt";
    else if (home && *home)
        dir = fs::path(home) / ".cache/graphs/tensorrt";
    else
        return {};
    std::error_code ec;
    fs::create_directories(dir, ec);
    return fs::is_directory(dir, ec) ? dir.string() : std::string();
}

void pruneEngineCache(const std::string& dir, int days)
{
    std::error_code ec;
    const auto cutoff = fs::file_time_type::clock::now() - std::chrono::hours(24 * days);
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() == ".plan" && entry.last_write_time(ec) < cutoff)
            fs::remove(entry.path(), ec);
    }
}

} // namespace graphs
