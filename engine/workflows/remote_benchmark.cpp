#include "workflows/remote_benchmark.h"

#include "benchmarks/results_registry.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

namespace graphs {

namespace fs = std::filesystem;

namespace {

const char* const kTensorrtRunner = "graphs-tensorrt-runner";

/// Models of `models` whose every batch of `batches` is among the rows of the interrupted run (dated from `since`).
std::set<std::string> storedModels(const std::string& csv, const std::string& since, const std::string& precision,
    const std::vector<std::string>& models, const std::vector<int64_t>& batches)
{
    std::set<std::string> done;
    auto rows = loadResults(csv);
    if (!rows)
        return done;
    for (const std::string& m : models) {
        const std::string file = fs::path(m).filename().string();
        bool all = !batches.empty();
        for (int64_t b : batches) {
            const bool found = std::any_of(rows->begin(), rows->end(), [&](const MeasurementRecord& r) {
                return r.kind == MeasurementKind::Workload && r.detail == file && r.batch == b
                    && r.precision == precision && r.date >= since;
            });
            all = all && found;
        }
        if (all)
            done.insert(m);
    }
    return done;
}

} // namespace

SuiteDefinition workloadSuite(const MeasurementPolicy& policy)
{
    SuiteDefinition suite;
    suite.name = "workloads";
    suite.description = "models given by name";
    suite.policy = policy;
    return suite;
}

Status checkRemoteRequest(const RemoteBenchmarkRequest& request)
{
    if (request.runtime != "tensorrt" && request.remoteRunner.empty())
        return Error { ErrorCode::InvalidArgument,
            "--host runs the tensorrt runtime there (or the program --remote-runner names), not '" + request.runtime
                + "'",
            request.host };
    if (!request.hardware.empty() && !isSafeResultsName(request.hardware))
        return Error { ErrorCode::InvalidArgument,
            "--hardware '" + request.hardware + "' is not a registry id (letters, digits, '-', '_', '.')",
            request.hardware };
    return Ok {};
}

std::string hostHardwareId(const std::string& target)
{
    std::string id = target.substr(target.find('@') + 1);
    for (char& c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            c = '-';
    return id;
}

Result<RemoteBenchmark> connectRemoteBenchmark(const RemoteBenchmarkRequest& request, const ProgressCallback& cancel)
{
    if (auto checked = checkRemoteRequest(request); !checked)
        return checked.error();
    auto host = parseRemoteHost(request.host, request.sshCommand);
    if (!host)
        return host.error();
    std::vector<std::string> runnerArgs;
    if (!request.trtexec.empty())
        runnerArgs = { "--trtexec", request.trtexec }; // a path on the host
    auto there = remoteEnvironment(*host, remoteRunnerCommand(kTensorrtRunner, request.remoteRunner, {}), cancel);
    if (!there)
        return there.error();
    RemoteBenchmark run;
    run.host = *host;
    run.runtime = request.runtime;
    run.environment = std::move(there->environment);
    run.environment.date = request.date;
    run.environment.runtime["host"] = host->target;
    run.environment.hardwareId = request.hardware.empty() ? hostHardwareId(host->target) : request.hardware;
    run.runner = std::make_shared<RemoteRunner>(
        *host, remoteRunnerCommand(kTensorrtRunner, request.remoteRunner, runnerArgs), there->cacheDir);
    run.options.settings.threads = request.threads;
    run.options.settings.energyAbsentNote = "measured on " + host->target
        + " over SSH: energy is read by sensors of the machine running graphs, not of the host";
    run.options.date = request.date;
    return run;
}

RemoteRunResume resumeRemoteRun(const std::string& registryDir, const std::string& resultsName,
    const std::string& precision, const std::vector<int64_t>& batches, RemoteBenchmark& run)
{
    RemoteRunResume resume;
    const fs::path folder = fs::path(registryDir) / "benchmarks" / run.environment.hardwareId / run.runtime;
    resume.marker = (folder / (resultsName + ".incomplete")).string();
    resume.resultsPath = (folder / (resultsName + ".csv")).string();
    std::ifstream in(resume.marker);
    std::string since;
    if (std::getline(in, since) && !since.empty()) {
        const std::set<std::string> done
            = storedModels(resume.resultsPath, since, precision, run.options.models, batches);
        resume.interruptedDate = since;
        resume.skipped.assign(done.begin(), done.end());
        std::erase_if(run.options.models, [&](const std::string& m) { return done.count(m) > 0; });
        run.environment.date = run.options.date = since; // the rows of one run carry one date
    } else {
        std::error_code ec;
        fs::create_directories(folder, ec);
        std::ofstream(resume.marker) << run.environment.date << "\n";
    }
    if (run.options.models.empty())
        finishRemoteRun(resume, true);
    return resume;
}

void finishRemoteRun(const RemoteRunResume& resume, bool complete)
{
    if (!complete || resume.marker.empty())
        return;
    std::error_code ec;
    fs::remove(resume.marker, ec);
}

} // namespace graphs
