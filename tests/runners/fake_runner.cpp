// A runner program for tests: speaks graphs-runner/1 like a real one, with behaviour chosen by the model path:
// "...error..." answers an error reply, "...garbage..." answers non-JSON, "...sleep..." never answers,
// "...crash..." exits with status 3 and a message on standard error; anything else gets `repeats` run times of
// 1.0, 1.1, 1.2 … ms, one profiled node per input when profiling is asked for, and "cpus=N" as its execution
// provider: the number of CPUs it may run on.

#include "benchmarks/runner_protocol.h"

#include <chrono>
#include <sched.h>
#include <iostream>
#include <iterator>
#include <thread>

int main()
{
    const std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    auto request = graphs::parseRunnerRequest(text);
    if (!request) {
        std::cout << "{\"protocol\": \"graphs-runner/1\", \"error\": \"" << request.error().message << "\"}\n";
        return 2;
    }
    const std::string& model = request->model;
    if (model.find("error") != std::string::npos) {
        std::cout << "{\"protocol\": \"graphs-runner/1\", \"error\": \"runtime not installed: run ./install.sh\"}\n";
        return 3;
    }
    if (model.find("garbage") != std::string::npos) {
        std::cout << "this is not JSON\n";
        return 0;
    }
    if (model.find("sleep") != std::string::npos)
        std::this_thread::sleep_for(std::chrono::seconds(30));
    if (model.find("crash") != std::string::npos) {
        std::cerr << "fake runner: segmentation fault (pretend)\n";
        return 3;
    }
    graphs::RunnerResponse reply;
    reply.runtime = "fake";
    reply.runtimeVersion = "0.0.1";
    reply.threads = request->threads;
    // Tells the test which CPUs it was allowed to run on, so pinning can be checked.
    cpu_set_t cpus;
    if (::sched_getaffinity(0, sizeof cpus, &cpus) == 0)
        reply.executionProvider = "cpus=" + std::to_string(CPU_COUNT(&cpus));
    for (int i = 0; i < request->repeats; ++i)
        reply.runMs.push_back(1.0 + 0.1 * i);
    if (request->profile) {
        for (const auto& [name, shape] : request->inputShapes)
            reply.nodes.push_back({ "node_for_" + name, "Conv", static_cast<double>(shape.size()) });
    }
    std::cout << graphs::toJson(reply);
    return 0;
}
