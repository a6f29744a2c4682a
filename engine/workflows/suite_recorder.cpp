#include "workflows/suite_recorder.h"

#include "benchmarks/subgraph_records.h"
#include "estimation/analysis_pipeline.h"
#include "hardware/precision.h"
#include "transform/partition.h"

namespace graphs {

SuiteRecorder::SuiteRecorder(Options options)
    : m_options(std::move(options))
{
}

Status SuiteRecorder::open(const std::string& runtime)
{
    m_storeRuntime = runtime;
    auto opened = ResultsFile::open(
        m_options.registryDir, m_options.environment.hardwareId, runtime, m_options.resultsName, m_options.environment);
    if (!opened)
        return opened.error();
    m_store = std::move(*opened);
    for (const MeasurementRecord& r : m_pending) {
        if (auto appended = m_store->append(r); !appended)
            return appended;
    }
    m_pending.clear();
    return Ok {};
}

std::vector<MeasurementRecord> SuiteRecorder::subgraphRows(const BenchmarkResult& full, const std::string& date)
{
    if (full.nodes.empty() || !m_options.subgraphFusion)
        return {};
    AnalysisRequest request; // no hardware: the partition is the runtime's, whatever the device
    request.modelPath = full.modelPath;
    request.import.batch = full.batch;
    auto outcome = runAnalysis(request);
    auto partition = outcome ? partitionGraph(*outcome->analysis, *m_options.subgraphFusion)
                             : Result<Partition>(outcome.error());
    if (!partition) {
        m_notes.push_back({ Diagnostic::Severity::Warning,
            full.model + ": per-node times not mapped to subgraphs (" + partition.error().message + ")",
            full.modelPath });
        return {};
    }
    const Precision precision = parsePrecision(full.precision).value_or(Precision::FP16); // "best": mostly fp16
    const SubgraphRecords mapped = subgraphRecords(*outcome->analysis->graph, *partition, full, precision, date);
    m_notes.push_back({ Diagnostic::Severity::Note, mapped.summary(), full.modelPath });
    return mapped.rows;
}

Status SuiteRecorder::record(const MeasurementRecord& r, const BenchmarkResult* full)
{
    if (m_failed)
        return Error { ErrorCode::Io, "an earlier row could not be stored", path() };
    // The device the runner describes (GPU, driver, TensorRT, power mode) goes into the sidecar with the rest of the
    // fingerprint: rewritten once it is known, since roofs may have opened the file before.
    bool described = false;
    if (full)
        for (const auto& [key, value] : full->runtimeEnvironment)
            described = m_options.environment.runtime.emplace(key, value).second || described;
    if (described && m_store && m_options.save) {
        if (auto reopened = open(m_storeRuntime); !reopened) {
            m_failed = true;
            return reopened;
        }
    }
    MeasurementRecord row = r;
    row.warmup = row.kind == MeasurementKind::Roof ? 0 : m_options.warmup;
    m_records.push_back(row);
    if (full)
        m_results.push_back(*full);
    const std::vector<MeasurementRecord> subgraphs = full ? subgraphRows(*full, row.date) : std::vector<MeasurementRecord> {};
    if (!m_options.save)
        return Ok {};
    if (!m_store) {
        const bool named = !m_options.runtime.empty();
        if (!named && row.kind == MeasurementKind::Roof) {
            m_pending.push_back(row);
            return Ok {};
        }
        if (auto opened = open(named ? m_options.runtime : row.runtime); !opened) {
            m_failed = true;
            return opened;
        }
    }
    if (auto appended = m_store->append(row); !appended) {
        m_failed = true;
        return appended;
    }
    for (const MeasurementRecord& sg : subgraphs) {
        if (auto appended = m_store->append(sg); !appended) {
            m_failed = true;
            return appended;
        }
        ++m_subgraphRowsStored;
    }
    return Ok {};
}

Status SuiteRecorder::flush(const std::string& runtime)
{
    if (m_pending.empty() || !m_options.save || m_failed)
        return Ok {};
    if (auto opened = open(runtime.empty() ? m_options.runtime : runtime); !opened) {
        m_failed = true;
        return opened;
    }
    return Ok {};
}

Diagnostics SuiteRecorder::takeNotes()
{
    Diagnostics out;
    out.swap(m_notes);
    return out;
}

} // namespace graphs
