// graphs-tensorrt-runner: NVIDIA TensorRT (trtexec) as a runner program. Reads one request (protocol
// graphs-runner/1, docs/reference/runner-protocol.md) on standard input, has trtexec build or load an engine and time
// it, and writes one JSON reply on standard output. Errors are replies too: {"error": "..."} with exit status 2.
//
//   graphs-tensorrt-runner [--trtexec PATH] [--cache DIR|none] [--timeout SECONDS] < request.json
//   graphs-tensorrt-runner --fingerprint     (this machine and its GPU, for `graphs benchmark --host`)

#include "benchmarks/energy_meter.h"
#include "benchmarks/remote_runner.h"
#include "benchmarks/runner_protocol.h"
#include "benchmarks/tensorrt_runner.h"

#include <cstdlib>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

namespace {

int fail(const std::string& message)
{
    std::cout << nlohmann::json { { "protocol", "graphs-runner/1" }, { "error", message } }.dump() << "\n";
    return 2;
}

const char* const kUsage = "usage: graphs-tensorrt-runner [--trtexec PATH] [--cache DIR|none] [--timeout SECONDS]\n"
                           "       graphs-tensorrt-runner --fingerprint\n"
                           "Reads a graphs-runner/1 request on standard input and answers on standard output.\n"
                           "trtexec: --trtexec, else $GRAPHS_TRTEXEC, else PATH, else /usr/src/tensorrt/bin.\n"
                           "Engines are cached in --cache, else $GRAPHS_TENSORRT_CACHE, else "
                           "$XDG_CACHE_HOME/graphs/tensorrt.\n";

} // namespace

int main(int argc, char** argv)
{
    graphs::TensorrtRunnerOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--help" || arg == "-h") {
            std::cout << kUsage;
            return 0;
        }
        if (arg == "--version") {
            std::cout << "graphs-tensorrt-runner " << GRAPHS_VERSION << "\n";
            return 0;
        }
        if (arg == "--fingerprint") {
            // What `graphs benchmark --host` records about the machine it measures remotely.
            graphs::EnvironmentFingerprint env = graphs::currentEnvironment(GRAPHS_VERSION);
            env.energySensors = graphs::detectEnergyMeters().describe();
            env.runtime = graphs::tensorrtDeviceEnvironment();
            char host[256] = {};
            if (::gethostname(host, sizeof host - 1) == 0 && host[0])
                env.runtime["hostname"] = host;
            std::cout << graphs::environmentJson(env);
            return 0;
        }
        if (arg == "--trtexec" && hasValue) {
            options.trtexec = argv[++i];
        } else if (arg == "--cache" && hasValue) {
            options.cacheDir = argv[++i];
        } else if (arg == "--timeout" && hasValue) {
            options.timeoutSeconds = std::atof(argv[++i]);
            if (!(options.timeoutSeconds > 0))
                return fail("--timeout needs a positive number of seconds");
        } else {
            std::cerr << kUsage;
            return fail("unknown or incomplete option '" + arg + "'");
        }
    }
    const std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    try {
        auto request = graphs::parseRunnerRequest(text);
        if (!request)
            return fail(request.error().message);
        auto reply = graphs::runTensorrt(*request, options);
        if (!reply)
            return fail(reply.error().toString());
        std::cout << graphs::toJson(*reply);
        return 0;
    } catch (const std::exception& e) {
        return fail(std::string("the tensorrt runner failed: ") + e.what());
    }
}
