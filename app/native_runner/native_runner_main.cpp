// graphs-native-runner: the built-in executor (engine/native) as a runner program. Reads one request (protocol
// graphs-runner/1, docs/reference/runner-protocol.md) on standard input, runs the model and writes one JSON reply on
// standard output. Errors are replies too: {"error": "..."} with exit status 2. Built once per x86-64 level
// (graphs-native-runner-v3, -v4) because Eigen chooses its kernels at compile time.

#include "benchmarks/runner_protocol.h"
#include "native/native_executor.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;
using graphs::native::Executor;

int fail(const std::string& message)
{
    std::cout << nlohmann::json { { "protocol", "graphs-runner/1" }, { "error", message } }.dump() << "\n";
    return 2;
}

/// Fills every input as the ONNX Runtime runner does (seed 12345 + input index), after checking requested types.
std::string fillInputs(Executor& exec, const graphs::RunnerRequest& request)
{
    for (size_t i = 0; i < exec.inputs().size(); ++i) {
        const auto& spec = exec.inputs()[i];
        const std::string type(graphs::dataTypeName(spec.type));
        if (auto it = request.inputTypes.find(spec.name); it != request.inputTypes.end() && it->second != type)
            return "input '" + spec.name + "' is " + type + " in the model, the request says " + it->second;
        if (auto s = graphs::native::fillRunnerInput(spec, exec.inputData(i), 12345 + static_cast<uint32_t>(i)); !s)
            return s.error().toString();
    }
    return {};
}

/// Writes the outputs of the last run as raw little-endian files and lists them in the reply.
std::string writeOutputs(const Executor& exec, const std::string& dir, graphs::RunnerResponse& reply)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    for (size_t i = 0; i < exec.outputs().size(); ++i) {
        const auto& spec = exec.outputs()[i];
        const fs::path file = fs::absolute(fs::path(dir) / ("output_" + std::to_string(i) + ".bin"), ec);
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(static_cast<const char*>(exec.outputData(i)), static_cast<std::streamsize>(spec.byteSize()));
        if (!out)
            return "cannot write " + file.string();
        reply.outputs.push_back({ spec.name, std::string(graphs::dataTypeName(spec.type)), spec.shape, file.string() });
    }
    return {};
}

int serve(const std::string& text)
{
    auto request = graphs::parseRunnerRequest(text);
    if (!request)
        return fail(request.error().message);
    std::error_code ec;
    if (request->model.empty() || !fs::is_regular_file(request->model, ec))
        return fail("model not found: " + request->model);
    if (request->precision != "fp32")
        return fail("the native runtime computes in fp32 only; precision '" + request->precision
            + "' needs a runtime that lowers precision (--runtime tensorrt)");

    graphs::native::ExecutorOptions options;
    options.inputShapes = request->inputShapes;
    options.threads = std::max(0, request->threads);
    auto loaded = Executor::load(request->model, options);
    if (!loaded)
        return fail(loaded.error().toString());
    Executor& exec = **loaded;
    if (std::string e = fillInputs(exec, *request); !e.empty())
        return fail(e);

    using Clock = std::chrono::steady_clock;
    graphs::RunnerResponse reply;
    reply.runtime = "native";
    reply.runtimeVersion = GRAPHS_VERSION;
    reply.executionProvider = "cpu";
    reply.threads = exec.threads();
    for (int i = 0; i < std::max(0, request->warmup); ++i) {
        if (auto s = exec.run(); !s)
            return fail("inference failed: " + s.error().toString());
    }
    for (int i = 0; i < std::max(1, request->repeats); ++i) {
        const auto start = Clock::now();
        if (auto s = exec.run(request->profile); !s)
            return fail("inference failed: " + s.error().toString());
        reply.runMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    if (request->profile) {
        for (const auto& step : exec.profile())
            reply.nodes.push_back({ step.name, step.opType, step.runs ? step.totalMs / step.runs : 0.0 });
    }
    if (!request->outputsDir.empty()) {
        if (std::string e = writeOutputs(exec, request->outputsDir, reply); !e.empty())
            return fail(e);
    }
    std::cout << graphs::toJson(reply);
    return 0;
}

} // namespace

int main()
{
    const std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    try {
        return serve(text);
    } catch (const std::exception& e) {
        return fail(std::string("the native runner failed: ") + e.what());
    }
}
