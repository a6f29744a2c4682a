#include "benchmarks/suite_runner.h"

#include "benchmarks/model_materializer.h"
#include "benchmarks/operator_models.h"
#include "benchmarks/roofs.h"
#include "core/scratch_dir.h"
#include "estimation/graph_analysis.h"
#include "frontends/onnx_importer.h"
#include "reporting/analysis_report.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <numeric>
#include <thread>

namespace graphs {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string shapesText(const std::map<std::string, std::vector<int64_t>>& shapes)
{
    std::string text;
    for (const auto& [name, dims] : shapes) {
        std::string d;
        for (int64_t v : dims)
            d += (d.empty() ? "" : "x") + std::to_string(v);
        text += (text.empty() ? "" : ";") + name + "=" + d;
    }
    return text;
}

MeasurementRecord rateRecord(const std::string& name, int threads, double seconds, double flops, double bytes)
{
    MeasurementRecord r;
    r.benchmark = name;
    r.kind = MeasurementKind::Roof;
    r.runtime = std::string(BuiltinRuntime);
    r.threads = threads;
    r.samples = 1;
    const double ms = seconds * 1000;
    r.minMs = r.medianMs = r.meanMs = r.p90Ms = r.ciLowMs = r.ciHighMs = ms;
    r.flops = flops;
    r.bytes = bytes;
    return r;
}

std::string bytesLabel(int64_t bytes)
{
    if (bytes >= (int64_t { 1 } << 30) && bytes % (int64_t { 1 } << 30) == 0)
        return std::to_string(bytes >> 30) + "GiB";
    if (bytes >= (1 << 20) && bytes % (1 << 20) == 0)
        return std::to_string(bytes >> 20) + "MiB";
    return std::to_string(bytes >> 10) + "KiB";
}

/// The roof measurements of a suite, each a closure producing records.
struct RoofItem
{
    std::string name;
    double expectedSeconds;
    std::function<Result<std::vector<MeasurementRecord>>()> measure;
};

std::vector<RoofItem> roofItems(const RoofsDefinition& roofs, const SuiteRunOptions& options)
{
    std::vector<RoofItem> items;
    if (!roofs.enabled)
        return items;
    const int all = options.settings.threads > 0
        ? options.settings.threads
        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const VectorIsa isa = detectVectorIsa();
    const double s = roofs.seconds;
    for (const std::string& precision : roofs.fmaPrecisions) {
        std::vector<VectorIsa> isas { isa };
        if (isa == VectorIsa::Avx512)
            isas.push_back(VectorIsa::Avx2Fma);
        for (VectorIsa v : isas) {
            for (int threads : { 1, all }) {
                if (threads == 1 && (all == 1 || v != isa))
                    continue;
                const std::string name = "fma/" + precision + "/" + vectorIsaName(v);
                items.push_back({ name, s, [=]() -> Result<std::vector<MeasurementRecord>> {
                                     const double rate = precision == "fp64" ? measureFp64FmaPeak(threads, v, s)
                                                                             : measureFp32FmaPeak(threads, v, s);
                                     auto r = rateRecord(name, threads, s, rate * s, -1);
                                     r.precision = precision;
                                     return std::vector<MeasurementRecord> { r };
                                 } });
            }
        }
    }
    if (roofs.stream) {
        const int64_t streamBytes = int64_t { 3 } * 80'000'000 * 8; // STREAM's 80M-element arrays
        for (int threads : { 1, all }) {
            if (threads == 1 && all == 1)
                continue;
            items.push_back({ "stream-triad/80M", s * 2 + 1, [=]() -> Result<std::vector<MeasurementRecord>> {
                                 const double rate = measureTriadBandwidth(streamBytes, threads, s * 2);
                                 auto r = rateRecord("stream-triad/80M", threads, s * 2, -1, rate * s * 2);
                                 r.precision = "fp64";
                                 return std::vector<MeasurementRecord> { r };
                             } });
        }
    }
    if (roofs.bandwidthLargestBytes > 0) {
        const int64_t largest = roofs.bandwidthLargestBytes;
        items.push_back({ "triad-sweep", 0.2 * std::log2(static_cast<double>(largest) / 16384) / 2 + 0.5,
            [=]() -> Result<std::vector<MeasurementRecord>> {
                std::vector<MeasurementRecord> out;
                for (const BandwidthPoint& p : bandwidthSweep(all, largest)) {
                    // bandwidthSweep runs each point for 0.2 s: record the bytes moved in that time.
                    auto r = rateRecord("triad/" + bytesLabel(p.workingSetBytes), all, 0.2, -1,
                        p.bytesPerSecond * 0.2);
                    r.precision = "fp64";
                    r.shape = "working_set=" + std::to_string(p.workingSetBytes);
                    out.push_back(r);
                }
                return out;
            } });
    }
    for (int64_t n : roofs.gemmSizes) {
        if (options.gemmProbe.empty())
            break;
        const std::string name = "sgemm/" + std::to_string(n);
        items.push_back({ name, 1.5, [=, probe = options.gemmProbe]() -> Result<std::vector<MeasurementRecord>> {
                             auto rate = runGemmProbe(probe, static_cast<int>(n), all, 1.0);
                             if (!rate)
                                 return rate.error();
                             auto r = rateRecord(name, all, 1.0, *rate, -1);
                             r.shape = "m=" + std::to_string(n) + ",n=" + std::to_string(n) + ",k=" + std::to_string(n);
                             r.detail = "Eigen SGEMM (" + fs::path(probe).filename().string() + ")";
                             return std::vector<MeasurementRecord> { r };
                         } });
    }
    return items;
}

std::vector<ModelJob> workloadJobs(const SuiteDefinition& suite, const SuiteRunOptions& options)
{
    std::vector<ModelJob> jobs;
    for (const WorkloadDefinition& w : suite.workloads) {
        if (!w.inputShapes.empty()) {
            jobs.push_back({ w.model, std::nullopt, w.inputShapes });
            continue;
        }
        for (int64_t b : w.batches)
            jobs.push_back({ w.model, b, {} });
    }
    for (const std::string& m : options.models) {
        for (int64_t b : suite.workloadBatches)
            jobs.push_back({ m, b, {} });
    }
    return jobs;
}

MeasurementRecord recordOf(const BenchmarkResult& m, MeasurementKind kind, const std::string& date)
{
    MeasurementRecord r = recordFromResult(m, date);
    r.kind = kind;
    return r;
}

Result<ImportedModel> importJob(const ModelJob& job)
{
    ImportOptions importOptions;
    importOptions.batch = job.batch;
    importOptions.inputShapes = job.inputShapes;
    return importOnnxFile(job.path, importOptions);
}

/// The work of one run as the estimator counts it: FLOPs and bytes through the graph's boundary of every node.
void recordWork(const GraphAnalysis& analysis, MeasurementRecord& r)
{
    r.flops = static_cast<double>(analysis.totals.flops.total());
    r.bytes = static_cast<double>(
        analysis.totals.activationBytesRead + analysis.totals.weightBytesRead + analysis.totals.bytesWritten);
}

/// measureModel() for a model already imported (the suite also analyses it, and imports it once).
Result<BenchmarkResult> measureImported(const Runner& runner, const ModelJob& job, const ComputeGraph& graph,
    const MeasurementPolicy& policy, const RunSettings& settings, const ProgressCallback& cancel)
{
    RunnerRequest request;
    for (int i : graph.inputs()) {
        const TensorDescriptor& t = graph.tensor(i);
        if (!t.shape.isFullyKnown())
            return Error { ErrorCode::UnboundDimension,
                "input '" + t.name + "' has shape " + t.shape.toString() + "; give its shape or a batch size",
                job.path };
        request.inputShapes[t.name] = t.shape.sizes();
        request.inputTypes[t.name] = std::string(dataTypeName(t.dtype));
    }
    BenchmarkResult m;
    m.model = modelDisplayName(graph);
    m.modelPath = job.path;
    m.batch = job.batch.value_or(0);
    if (!job.batch && !request.inputShapes.empty() && !request.inputShapes.begin()->second.empty())
        m.batch = request.inputShapes.begin()->second.front();
    m.threads = settings.threads;
    m.warmup = policy.warmup;
    m.pinned = settings.pinThreads;

    ScratchDir scratch;
    request.model = job.path;
    auto absent = hasAbsentWeights(job.path);
    if (!absent)
        return absent.error();
    if (*absent) {
        // Structure-only models: every runtime gets the same deterministic random weights.
        if (scratch.path().empty())
            return Error { ErrorCode::Io, "cannot create a temporary folder", job.path };
        request.model = (fs::path(scratch.path()) / fs::path(job.path).filename()).string();
        if (auto s = materializeWeights(job.path, request.model); !s)
            return s.error();
        m.materializedWeights = true;
    }
    request.threads = settings.threads;
    request.pinThreads = settings.pinThreads;
    request.profile = settings.profile;
    request.precision = settings.precision;
    m.precision = settings.precision;
    request.warmup = policy.warmup;
    request.repeats = policy.minSamples;

    std::vector<double> samples;
    if (settings.energyMeter)
        settings.energyMeter->start(); // a failed start is reported by stop()
    const auto start = Clock::now();
    while (true) {
        auto reply = runner.run(request, settings.timeoutSeconds, cancel);
        if (!reply)
            return Error { reply.error().code, reply.error().message,
                reply.error().location.empty() ? job.path : reply.error().location };
        samples.insert(samples.end(), reply->runMs.begin(), reply->runMs.end());
        if (m.runtime.empty()) {
            m.runtime = reply->runtime;
            m.runtimeVersion = reply->runtimeVersion;
            m.nodes = reply->nodes;
            m.runtimeEnvironment = reply->environment;
            if (reply->threads > 0)
                m.threads = reply->threads;
        }
        m.stats = summarize(samples);
        const double elapsed = secondsSince(start);
        if (precisionReached(m.stats, static_cast<size_t>(policy.minSamples), policy.targetCi)
            || elapsed >= policy.maxSeconds || (cancel && !cancel(1.0)))
            break;
        // Size the next round to about a third of the remaining budget: short operators get many samples per
        // process start, long models few.
        const double remainingMs = (policy.maxSeconds - elapsed) * 1000;
        const double perRun = std::max(m.stats.median, 1e-3);
        request.repeats = static_cast<int>(std::clamp(remainingMs / 3 / perRun, 
            static_cast<double>(policy.minSamples), 100000.0));
        request.warmup = 1;
        request.profile = false;
    }
    if (settings.energyMeter) {
        const double timedSeconds = std::accumulate(samples.begin(), samples.end(), 0.0) / 1000;
        const auto samplesCount = static_cast<int64_t>(samples.size());
        const EnergyGate gate = energyGate(timedSeconds / static_cast<double>(std::max<int64_t>(1, samplesCount)),
            samplesCount, settings.energyMeter->info().resolutionSeconds);
        auto reading = settings.energyMeter->stop();
        if (!gate.enough) {
            m.energyNote = gate.reason;
        } else {
            const EnergyMeasurement energy = energyPerRun(reading, samplesCount, timedSeconds);
            m.energyJ = energy.joulesPerRun;
            m.powerSensor = energy.sensor;
            m.energyNote = energy.note;
        }
    } else {
        m.energyNote = settings.energyAbsentNote;
    }
    m.samplesMs = std::move(samples);
    return m;
}

} // namespace

Result<BenchmarkResult> measureModel(const Runner& runner, const ModelJob& job, const MeasurementPolicy& policy,
    const RunSettings& settings, const ProgressCallback& cancel)
{
    auto imported = importJob(job);
    if (!imported)
        return imported.error();
    return measureImported(runner, job, *imported->graph, policy, settings, cancel);
}

size_t suiteSize(const SuiteDefinition& suite, const SuiteRunOptions& options)
{
    return roofItems(suite.roofs, options).size() + suite.operators.size() + workloadJobs(suite, options).size();
}

SuiteOutcome runSuite(const SuiteDefinition& suite, const Runner& runner, const SuiteRunOptions& options,
    const std::function<Status(const MeasurementRecord&, const BenchmarkResult*)>& record,
    const std::function<bool(const SuiteProgress&)>& progress)
{
    SuiteOutcome outcome;
    const auto roofs = roofItems(suite.roofs, options);
    const auto jobs = workloadJobs(suite, options);
    SuiteProgress p;
    p.total = roofs.size() + suite.operators.size() + jobs.size();
    const auto start = Clock::now();
    // The ETA assumes the benchmarks left cost what the finished ones cost on average, with the policy's budget
    // as the first guess.
    double knownCost = 0;
    auto expected = [&](size_t remaining) {
        const double average = p.done > 0 ? knownCost / static_cast<double>(p.done) : suite.policy.maxSeconds;
        return average * static_cast<double>(remaining);
    };
    auto announce = [&](const std::string& current) {
        p.current = current;
        p.etaSeconds = expected(p.total - p.done);
        if (progress && !progress(p))
            outcome.cancelled = true;
        return !outcome.cancelled;
    };
    const ProgressCallback cancel = [&](double) {
        if (progress && !progress(p))
            outcome.cancelled = true;
        return !outcome.cancelled;
    };
    auto keep = [&](const MeasurementRecord& r, const BenchmarkResult* full) {
        MeasurementRecord stamped = r;
        stamped.date = options.date;
        if (auto s = record(stamped, full); !s) {
            outcome.failures.push_back(s.error());
            return false;
        }
        ++outcome.measured;
        return true;
    };
    auto finishItem = [&] {
        ++p.done;
        knownCost = secondsSince(start);
    };

    for (const RoofItem& item : roofs) {
        if (!announce(item.name))
            return outcome;
        auto records = item.measure();
        if (!records)
            outcome.failures.push_back(records.error());
        else
            for (const MeasurementRecord& r : *records)
                if (!keep(r, nullptr))
                    return outcome;
        finishItem();
    }

    ScratchDir scratch;
    for (const OperatorCase& c : suite.operators) {
        if (!announce(c.name()))
            return outcome;
        const std::string path = (fs::path(scratch.path()) / "operator.onnx").string();
        const ModelJob job { path, std::nullopt, {} };
        auto analysis = [&]() -> Result<GraphAnalysis> {
            if (auto s = writeOperatorModel(c, path); !s)
                return s.error();
            auto imported = importJob(job);
            if (!imported)
                return imported.error();
            return analyzeGraph(imported->graph);
        }();
        if (!analysis) {
            outcome.failures.push_back(Error { analysis.error().code, analysis.error().message, c.name() });
            finishItem();
            continue;
        }
        auto m = measureImported(runner, job, *analysis->graph, suite.policy, options.settings, cancel);
        if (!m) {
            if (m.error().code == ErrorCode::Cancelled)
                return outcome;
            outcome.failures.push_back(Error { m.error().code, m.error().message, c.name() });
            finishItem();
            continue;
        }
        m->model = c.name();
        m->modelPath.clear();
        m->batch = c.param("batch", 1);
        m->materializedWeights = false; // generated weights are part of the definition
        MeasurementRecord r = recordOf(*m, MeasurementKind::Operator, options.date);
        r.shape = c.shapeText();
        r.detail = c.op + (c.function.empty() ? "" : "/" + c.function);
        recordWork(*analysis, r);
        if (!keep(r, &*m))
            return outcome;
        finishItem();
        if (outcome.cancelled)
            return outcome;
    }

    for (const ModelJob& job : jobs) {
        if (!announce(fs::path(job.path).filename().string()))
            return outcome;
        auto imported = importJob(job);
        auto m = imported ? measureImported(runner, job, *imported->graph, suite.policy, options.settings, cancel)
                          : Result<BenchmarkResult>(imported.error());
        if (!m) {
            if (m.error().code == ErrorCode::Cancelled)
                return outcome;
            outcome.failures.push_back(m.error());
            finishItem();
            continue;
        }
        MeasurementRecord r = recordOf(*m, MeasurementKind::Workload, options.date);
        r.detail = fs::path(job.path).filename().string();
        if (!job.inputShapes.empty())
            r.shape = shapesText(job.inputShapes);
        if (auto analysis = analyzeGraph(imported->graph))
            recordWork(*analysis, r);
        if (!keep(r, &*m))
            return outcome;
        finishItem();
        if (outcome.cancelled)
            return outcome;
    }
    p.current.clear();
    p.etaSeconds = 0;
    if (progress)
        progress(p);
    return outcome;
}

} // namespace graphs
