#pragma once

// Measuring models on another machine over SSH, as `graphs benchmark --host USER@HOST` and the app's Benchmarks page
// both do: connect (the host's fingerprint, the runner program there), then run the models as a suite with
// runSuite and a SuiteRecorder, bracketed by resumeRemoteRun / finishRemoteRun so that a run cut short (a dropped
// connection, a cancel) is continued by running the same request again.
//
//     RemoteBenchmarkRequest request;                  // host, remote runner, trtexec, hardware id, threads, date
//     auto run = connectRemoteBenchmark(request, cancel);
//     run->options.models = models;
//     RemoteRunResume resume = resumeRemoteRun(registryDir, "workloads", precision, suite.workloadBatches, *run);
//     … runSuite(suite, *run->runner, run->options, record, progress) …
//     finishRemoteRun(resume, complete);

#include "benchmarks/benchmark_result.h"
#include "benchmarks/remote_runner.h"
#include "benchmarks/runner.h"
#include "benchmarks/suite_definition.h"
#include "benchmarks/suite_runner.h"
#include "core/diagnostic.h"
#include "core/error.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace graphs {

/// How whole models given by name (`graphs benchmark --models`, a remote run of the app) are measured: 5 untimed
/// runs, at least 20 timed ones, until the median's 95% interval is within ±2% or 30 s of timed work.
inline constexpr MeasurementPolicy kModelPolicy { 5, 20, 0.02, 30.0 };

/// The suite of models given by name: no roofs or operators, called "workloads" (the results file's name).
SuiteDefinition workloadSuite(const MeasurementPolicy& policy = kModelPolicy);

/// What a remote run was asked for.
struct RemoteBenchmarkRequest
{
    std::string host; ///< USER@HOST or HOST (an alias of ~/.ssh/config works too)
    std::string sshCommand; ///< $GRAPHS_SSH_COMMAND; "": ssh
    std::string runtime = "tensorrt"; ///< the runtime the rows are stored under
    std::string remoteRunner; ///< the runner program on the host; "": graphs-tensorrt-runner there
    std::string trtexec; ///< trtexec on the host (the runner's --trtexec); "": the runner's default
    std::string hardware; ///< the registry id of the rows; "": the host's name (hostHardwareId)
    int threads = 0;
    std::string date; ///< the run's date (ISO 8601 UTC, this machine's clock)
};

/// A request that cannot run, said as the CLI's options say it: the runtime is tensorrt unless a remote runner is
/// named, the hardware id is a registry id.
Status checkRemoteRequest(const RemoteBenchmarkRequest& request);

/// The registry id a host's rows are stored under when none is named: its name, made safe ("me@orin.lan" → "orin.lan").
std::string hostHardwareId(const std::string& target);

/// A connected remote run: the runner on the host and the fingerprint its rows carry.
struct RemoteBenchmark
{
    RemoteHost host;
    std::string runtime;
    /// The host's fingerprint (CPU, cores, the runner's device description) with runtime["host"] = the target,
    /// the hardware id the rows go under, and the request's date.
    EnvironmentFingerprint environment;
    std::shared_ptr<const Runner> runner;
    /// Threads, the run's date, and no energy meter (sensors here do not see the host), saying so.
    SuiteRunOptions options;
};

/// Checks the request, asks the host for its fingerprint (remoteEnvironment) and makes its RemoteRunner. Errors:
/// the request's (InvalidArgument), an unreachable host or a missing runner there (describeSshFailure), cancelled.
Result<RemoteBenchmark> connectRemoteBenchmark(
    const RemoteBenchmarkRequest& request, const ProgressCallback& cancel = {});

/// A remote run cut short leaves "<results>.incomplete" beside its rows, holding the date its rows carry; a rerun of
/// the same request skips the models that run stored and goes on under its date; the marker goes when a run ends
/// complete.
struct RemoteRunResume
{
    std::string marker; ///< the marker file; "" when nothing is saved
    std::string resultsPath; ///< the results file the rows go to
    std::string interruptedDate; ///< the date of the run continued; "" for a new run
    std::vector<std::string> skipped; ///< models that run stored already, dropped from the options' models
};

/// Before running `run.options.models`: continues an interrupted run (drops the models it stored at `precision` and
/// every batch of `batches`, and dates this run's rows as it) or marks a new one. When no model is left the marker is
/// removed and run.options.models is empty.
RemoteRunResume resumeRemoteRun(const std::string& registryDir, const std::string& resultsName,
    const std::string& precision, const std::vector<int64_t>& batches, RemoteBenchmark& run);

/// After the run: removes the marker when it ended `complete` (no failure, not cancelled, every row stored).
void finishRemoteRun(const RemoteRunResume& resume, bool complete);

} // namespace graphs
