#include "benchmarks/tensorrt_runner.h"

#include "benchmarks/process_runner.h"
#include "benchmarks/trtexec_command.h"
#include "benchmarks/trtexec_layer_mapping.h"
#include "benchmarks/trtexec_log.h"
#include "core/data_paths.h"
#include "core/scratch_dir.h"
#include "core/subprocess.h"
#include "frontends/onnx_importer.h"

#include <cstdlib>
#include <filesystem>
#include <map>

namespace graphs {

namespace fs = std::filesystem;

std::map<std::string, std::string> tensorrtDeviceEnvironment()
{
    std::map<std::string, std::string> env;
    if (!findProgram("nvidia-smi").empty()) {
        auto smi = runProgram({ "nvidia-smi", "--query-gpu=name,driver_version,clocks.sm,clocks.max.sm,clocks.mem",
                                  "--format=csv,noheader,nounits" },
            20);
        if (smi && smi->exitStatus == 0)
            env = parseNvidiaSmiQuery(smi->out);
    }
    if (!findProgram("nvpmodel").empty()) {
        auto mode = runProgram({ "nvpmodel", "-q" }, 20);
        if (mode && mode->exitStatus == 0)
            if (std::string m = parseNvpmodelQuery(mode->out); !m.empty())
                env["power_mode"] = m;
    }
    return env;
}

namespace {

/// One trtexec run; its output (standard output and error together), or an error saying why it failed.
Result<std::string> runTrtexec(const std::string& trtexec, const std::vector<std::string>& args, double timeout)
{
    std::vector<std::string> argv { trtexec };
    argv.insert(argv.end(), args.begin(), args.end());
    auto run = runProgram(argv, timeout);
    if (!run)
        return Error { ErrorCode::Io, "cannot start trtexec: " + run.error().message, trtexec };
    const std::string output = run->out + "\n" + run->err;
    if (run->timedOut)
        return Error { ErrorCode::Io,
            "trtexec did not finish within " + std::to_string(static_cast<int>(timeout)) + " s and was stopped",
            trtexec };
    if (run->exitStatus != 0)
        return Error { ErrorCode::InvalidModel, describeTrtexecFailure(diagnoseTrtexecFailure(output), run->exitStatus),
            trtexec };
    return output;
}

} // namespace

Result<RunnerResponse> tensorrtReply(const std::vector<TrtexecIteration>& times, int warmup,
    const TrtexecProfile* profile, const std::vector<TrtexecLayer>& layers, const OnnxNodeIndex* index)
{
    const size_t skip = static_cast<size_t>(std::max(0, warmup));
    if (times.size() <= skip)
        return Error { ErrorCode::InvalidData,
            "trtexec timed " + std::to_string(times.size()) + " iteration(s), none after the " + std::to_string(skip)
                + " warm-up run(s)",
            "trtexec" };
    RunnerResponse reply;
    reply.runtime = "tensorrt";
    reply.executionProvider = "cuda";
    reply.threads = 1; // one host thread drives the GPU
    // GPU compute time: what an estimate of the model on the device predicts. latencyMs adds the host↔device
    // copies of inputs and outputs, a property of the bus rather than of the model.
    for (size_t i = skip; i < times.size(); ++i)
        reply.runMs.push_back(times[i].computeMs);
    if (!profile)
        return reply;
    std::map<std::string, const TrtexecLayer*> byName;
    for (const TrtexecLayer& l : layers)
        byName.emplace(l.name, &l);
    for (const TrtexecLayerTime& t : profile->layers) {
        const auto info = byName.find(t.name);
        const TrtexecLayer* layer = info == byName.end() ? nullptr : info->second;
        NodeTiming node;
        node.meanMs = t.averageMs;
        const TensorrtLayerMatch match = index
            ? matchTensorrtLayer(t.name, layer ? layer->onnxNodes : std::vector<std::string> {}, *index)
            : TensorrtLayerMatch {};
        if (match.representative >= 0) {
            node.name = index->name(match.representative);
            node.opType = index->opType(match.representative);
            if (node.name != t.name)
                node.layer = t.name;
        } else {
            node.name = t.name;
            node.opType = layer ? layer->type : std::string();
        }
        reply.nodes.push_back(std::move(node));
    }
    return reply;
}

Result<RunnerResponse> runTensorrt(const RunnerRequest& request, const TensorrtRunnerOptions& options)
{
    if (!request.outputsDir.empty())
        return Error { ErrorCode::Unsupported,
            "the tensorrt runner does not write outputs: trtexec fills the inputs with its own random values, so its "
            "outputs cannot be compared with other runtimes'",
            "outputs_dir" };
    if (auto flags = trtexecPrecisionFlags(request.precision); !flags)
        return flags.error();
    std::error_code ec;
    if (request.model.empty() || !fs::is_regular_file(request.model, ec))
        return Error { ErrorCode::Io, "model not found", request.model };
    const char* envTrtexec = std::getenv("GRAPHS_TRTEXEC");
    auto trtexec = findTrtexec(options.trtexec, envTrtexec ? envTrtexec : "", options.standardLocations);
    if (!trtexec)
        return trtexec.error();
    auto model = importOnnxFile(request.model, {});
    if (!model)
        return model.error();
    auto shapes = trtexecShapeBindings(*model->graph, request);
    if (!shapes)
        return shapes.error();

    const std::map<std::string, std::string> device = tensorrtDeviceEnvironment();
    ScratchDir scratch;
    if (scratch.path().empty())
        return Error { ErrorCode::Io, "cannot create a temporary folder", "TMPDIR" };
    TrtexecFiles files;
    files.times = scratch.path() + "/times.json";
    if (request.profile) {
        files.profile = scratch.path() + "/profile.json";
        files.layerInfo = scratch.path() + "/layers.json";
    }
    if (const std::string cache = tensorrtCacheDir(options.cacheDir); !cache.empty()) {
        const auto gpu = device.find("gpu");
        auto key = trtexecEngineKey(request.model, request.precision, *shapes, *trtexec,
            gpu == device.end() ? std::string() : gpu->second);
        if (!key)
            return key.error();
        files.engine = cache + "/" + *key + ".plan";
        files.timingCache = cache + "/timing.cache";
        files.buildEngine = !fs::exists(files.engine, ec);
        if (files.buildEngine)
            pruneEngineCache(cache);
        else
            fs::last_write_time(files.engine, fs::file_time_type::clock::now(), ec);
    }

    auto args = trtexecArguments(request, *shapes, files);
    if (!args)
        return args.error();
    auto output = runTrtexec(*trtexec, *args, options.timeoutSeconds);
    if (!output && !files.buildEngine) {
        // A cached engine that no longer loads (another TensorRT or GPU): build it again, once.
        fs::remove(files.engine, ec);
        files.buildEngine = true;
        args = trtexecArguments(request, *shapes, files);
        output = runTrtexec(*trtexec, *args, options.timeoutSeconds);
    }
    if (!output)
        return output.error();

    auto timesText = readTrtexecFile(files.times);
    if (!timesText)
        return timesText.error();
    auto times = parseTrtexecTimes(*timesText, files.times);
    if (!times)
        return times.error();
    std::optional<TrtexecProfile> profile;
    std::vector<TrtexecLayer> layers;
    if (request.profile) {
        auto profileText = readTrtexecFile(files.profile);
        if (!profileText)
            return profileText.error();
        auto parsed = parseTrtexecProfile(*profileText, files.profile);
        if (!parsed)
            return parsed.error();
        profile = std::move(*parsed);
        auto layerText = readTrtexecFile(files.layerInfo);
        if (!layerText)
            return layerText.error();
        auto parsedLayers = parseTrtexecLayerInfo(*layerText, files.layerInfo);
        if (!parsedLayers)
            return parsedLayers.error();
        layers = std::move(*parsedLayers);
    }
    const OnnxNodeIndex index = OnnxNodeIndex::fromGraph(*model->graph);
    auto reply = tensorrtReply(*times, request.warmup, profile ? &*profile : nullptr, layers, &index);
    if (!reply)
        return reply.error();
    const TrtexecLogFacts facts = parseTrtexecLog(*output);
    reply->runtimeVersion = facts.tensorrtVersion;
    reply->environment = device;
    if (!facts.tensorrtVersion.empty())
        reply->environment["tensorrt"] = facts.tensorrtVersion;
    if (!facts.device.empty())
        reply->environment.emplace("gpu", facts.device);
    if (!facts.computeCapability.empty())
        reply->environment["compute_capability"] = facts.computeCapability;
    return reply;
}

Result<std::unique_ptr<Runner>> makeTensorrtRunner(const std::string& trtexec)
{
    const std::string program = helperProgramPath("graphs-tensorrt-runner");
    if (program.empty())
        return Error { ErrorCode::NotFound,
            "graphs-tensorrt-runner is not installed beside graphs (it is built with graphs and installed in "
            "libexec/graphs)",
            "graphs-tensorrt-runner" };
    std::vector<std::string> command { program };
    if (!trtexec.empty()) {
        command.push_back("--trtexec");
        command.push_back(trtexec);
    }
    return std::unique_ptr<Runner>(new ProcessRunner(std::move(command)));
}

} // namespace graphs
