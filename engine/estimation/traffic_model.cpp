#include "estimation/traffic_model.h"

#include "estimation/memory_estimator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace graphs {

double SubgraphTraffic::totalBytes() const
{
    double sum = 0;
    for (double b : servedBytes)
        sum += b;
    return sum;
}

double SubgraphTraffic::throughBytes(size_t level) const
{
    double sum = 0;
    for (size_t i = level; i < servedBytes.size(); ++i)
        sum += servedBytes[i];
    return sum;
}

namespace traffic {

int firstInterKernelLevel(const HardwareSpec& spec)
{
    return spec.mapper == MapperKind::Gpu && spec.memory.size() > 2 ? 1 : 0;
}

double modelWeightBytes(const ComputeGraph& graph, Precision precision)
{
    double sum = 0;
    for (const TensorDescriptor& t : graph.tensors()) {
        if (!t.isInitializer && !(t.producer >= 0 && graph.node(t.producer).opType == "Constant"))
            continue;
        auto n = t.elementCount();
        if (!n)
            continue;
        sum += static_cast<double>(*n)
            * (isFloatingPoint(t.dtype) ? precisionBytes(precision) : static_cast<double>(bytesPerElement(t.dtype)));
    }
    return sum;
}

} // namespace traffic

namespace {

class TrafficWalk
{
public:
    TrafficWalk(const GraphAnalysis& analysis, const HardwareSpec& spec, const TrafficOptions& options)
        : m_graph(*analysis.graph)
        , m_analysis(analysis)
        , m_spec(spec)
        , m_options(options)
        , m_levels(spec.memory.size())
        , m_offChip(static_cast<int>(spec.memory.size()) - 1)
        , m_first(traffic::firstInterKernelLevel(spec))
        , m_lastTouch(m_graph.tensors().size(), Touch {})
        , m_offChipShare(m_graph.tensors().size(), 0.0)
    {
        findRoots();
        findResidentLevel();
    }

    SubgraphTraffic walk(const Subgraph& s, double activeShare)
    {
        SubgraphTraffic t;
        t.servedBytes.assign(m_levels, 0.0);
        if (s.zeroCost || m_levels == 0)
            return t;
        const std::vector<double> capacity = capacities(activeShare);
        const Touch clockAtStart = m_clock;
        Touch touched { 0, 0 };
        for (const TensorAccess& a : s.accesses) {
            const double bytes = bytesAtPrecision(a);
            if (bytes <= 0)
                continue;
            const int root = m_root[static_cast<size_t>(a.tensor)];
            (inArena(a, root) ? touched.arena : touched.fixed) += bytes;
            if (a.write) {
                write(t, root, bytes, capacity);
                continue;
            }
            if (a.weight) {
                t.weightBytes += bytes;
                if (m_residentLevel >= 0) {
                    t.servedBytes[static_cast<size_t>(m_residentLevel)] += bytes;
                    continue;
                }
            }
            read(t, root, bytes, capacity, distanceSince(m_lastTouch[static_cast<size_t>(root)], clockAtStart),
                a.weight);
        }
        // A kernel reads its inputs as it starts and writes its outputs as it ends: the data it reads has everything
        // else the kernel touched on top of it in the caches, the data it writes nothing.
        m_clock = { clockAtStart.fixed + touched.fixed, clockAtStart.arena + touched.arena };
        for (const TensorAccess& a : s.accesses) {
            Touch& last = m_lastTouch[static_cast<size_t>(m_root[static_cast<size_t>(a.tensor)])];
            if (a.write)
                last = m_clock;
            else if (!last.touched() || last.fixed + last.arena < clockAtStart.fixed + clockAtStart.arena)
                last = clockAtStart;
        }
        return t;
    }

    /// A new inference: its graph inputs were just written by the host into off-chip memory.
    void startInference()
    {
        for (size_t t = 0; t < m_graph.tensors().size(); ++t) {
            const TensorDescriptor& td = m_graph.tensor(static_cast<int>(t));
            if (td.isGraphInput && !td.isInitializer) {
                m_lastTouch[static_cast<size_t>(m_root[t])] = Touch {};
                m_offChipShare[static_cast<size_t>(m_root[t])] = 1;
            }
        }
    }

    /// Activations live in the runtime's arena, whose buffers are reused once their tensors die: between two touches
    /// of a tensor, at most the arena's size of distinct activation bytes can have come in between.
    void setArenaBytes(double bytes) { m_arenaBytes = std::max(bytes, 0.0); }

private:
    /// Position in the stream of distinct bytes: weights and graph inputs and outputs have addresses of their own,
    /// activations share the arena.
    struct Touch
    {
        double fixed = -1;
        double arena = -1;
        bool touched() const { return fixed >= 0; }
    };

    bool inArena(const TensorAccess& a, int root) const
    {
        const TensorDescriptor& td = m_graph.tensor(root);
        return !a.weight && !td.isGraphInput && !td.isGraphOutput;
    }

    /// Distinct bytes touched since `last`.
    double distanceSince(const Touch& last, const Touch& now) const
    {
        return (now.fixed - last.fixed) + std::min(now.arena - last.arena, m_arenaBytes);
    }

    double bytesAtPrecision(const TensorAccess& a) const
    {
        if (!a.floating)
            return static_cast<double>(a.bytes);
        const int64_t width = bytesPerElement(m_graph.tensor(a.tensor).dtype);
        return width > 0 ? static_cast<double>(a.bytes) / static_cast<double>(width)
                * precisionBytes(m_options.precision)
                         : static_cast<double>(a.bytes);
    }

    /// A view's output is its input's buffer: reuse is tracked per buffer.
    void findRoots()
    {
        const size_t n = m_graph.tensors().size();
        m_root.resize(n);
        for (size_t t = 0; t < n; ++t)
            m_root[t] = static_cast<int>(t);
        for (int node : m_graph.topologicalOrder()) {
            if (m_analysis.nodes[static_cast<size_t>(node)].opClass != OpClass::View)
                continue;
            const Node& v = m_graph.node(node);
            if (v.inputs.empty() || v.inputs[0] < 0)
                continue;
            for (int out : v.outputs) {
                if (out >= 0)
                    m_root[static_cast<size_t>(out)] = m_root[static_cast<size_t>(v.inputs[0])];
            }
        }
    }

    void findResidentLevel()
    {
        const double weights = traffic::modelWeightBytes(m_graph, m_options.precision);
        for (int i = 0; i < m_offChip; ++i) {
            const MemoryLevel& level = m_spec.memory[static_cast<size_t>(i)];
            if (level.holdsWeights && weights <= traffic::kUsableCapacityShare * level.totalCapacityBytes()) {
                m_residentLevel = i;
                m_residentBytes = weights;
                return;
            }
        }
    }

    /// Usable capacity of each on-chip level for this subgraph, non-decreasing outwards (data that fits a closer
    /// level fits the cumulative hierarchy beyond it).
    std::vector<double> capacities(double activeShare) const
    {
        std::vector<double> cap(m_levels, 0.0);
        double most = 0;
        for (int i = m_first; i < m_offChip; ++i) {
            const MemoryLevel& level = m_spec.memory[static_cast<size_t>(i)];
            double instances = 1;
            if (level.instances > 1) {
                const double inUse = std::ceil(static_cast<double>(level.instances) * std::clamp(activeShare, 0.0, 1.0));
                instances = std::clamp(inUse, 1.0, static_cast<double>(level.instances));
            }
            double c = traffic::kUsableCapacityShare * level.capacityBytes * instances;
            if (i == m_residentLevel)
                c = std::max(0.0, c - m_residentBytes);
            most = std::max(most, c);
            cap[static_cast<size_t>(i)] = most;
        }
        return cap;
    }

    /// Spreads `bytes` over the levels: each on-chip level serves the share that fits its capacity beyond `distance`
    /// and no closer level; off-chip memory serves the rest. Returns the off-chip share.
    double cascade(SubgraphTraffic& t, double bytes, double distance, const std::vector<double>& capacity) const
    {
        double fitted = 0;
        for (int i = m_first; i < m_offChip; ++i) {
            const double fit = std::clamp((capacity[static_cast<size_t>(i)] - distance) / bytes, 0.0, 1.0);
            if (fit > fitted) {
                t.servedBytes[static_cast<size_t>(i)] += (fit - fitted) * bytes;
                fitted = fit;
            }
        }
        t.servedBytes[static_cast<size_t>(m_offChip)] += (1 - fitted) * bytes;
        return 1 - fitted;
    }

    void read(SubgraphTraffic& t, int root, double bytes, const std::vector<double>& capacity, double distance,
        bool weight)
    {
        if (!m_lastTouch[static_cast<size_t>(root)].touched()) {
            // First touch in this inference: weights and graph inputs live off-chip.
            t.servedBytes[static_cast<size_t>(m_offChip)] += bytes;
            if (weight)
                t.offChipWeightBytes += bytes;
            else if (m_graph.tensor(root).isGraphInput)
                t.graphIoBytes += bytes;
            m_offChipShare[static_cast<size_t>(root)] = 1;
            return;
        }
        const double offChip = cascade(t, bytes, distance, capacity);
        if (weight) {
            t.offChipWeightBytes += offChip * bytes;
            return;
        }
        // What now comes from off-chip memory was written back there when it was evicted.
        double& written = m_offChipShare[static_cast<size_t>(root)];
        if (offChip > written) {
            const double back = (offChip - written) * bytes;
            t.servedBytes[static_cast<size_t>(m_offChip)] += back;
            t.offChipWriteBytes += back;
            written = offChip;
        }
    }

    void write(SubgraphTraffic& t, int root, double bytes, const std::vector<double>& capacity)
    {
        const TensorDescriptor& td = m_graph.tensor(root);
        if (td.isGraphOutput) {
            t.servedBytes[static_cast<size_t>(m_offChip)] += bytes;
            t.offChipWriteBytes += bytes;
            t.graphIoBytes += bytes;
            m_offChipShare[static_cast<size_t>(root)] = 1;
            return;
        }
        const double spilled = cascade(t, bytes, 0, capacity);
        t.offChipWriteBytes += spilled * bytes;
        m_offChipShare[static_cast<size_t>(root)] = spilled;
    }

    const ComputeGraph& m_graph;
    const GraphAnalysis& m_analysis;
    const HardwareSpec& m_spec;
    const TrafficOptions& m_options;
    size_t m_levels;
    int m_offChip;
    int m_first;
    std::vector<int> m_root;
    std::vector<Touch> m_lastTouch;    ///< the stream position at the buffer's last access; untouched before the first
    std::vector<double> m_offChipShare;///< share of the buffer already in off-chip memory
    Touch m_clock { 0, 0 };
    double m_arenaBytes = std::numeric_limits<double>::max();
    int m_residentLevel = -1;
    double m_residentBytes = 0;
};

} // namespace

std::vector<SubgraphTraffic> modelTraffic(const GraphAnalysis& analysis, const Partition& partition,
    const HardwareSpec& spec, const TrafficOptions& options)
{
    std::vector<SubgraphTraffic> out;
    out.reserve(partition.subgraphs.size());
    if (!analysis.graph)
        return out;
    // Inferences repeat: a first pass over the partition leaves the caches as the previous inference left them, and
    // the second is the one reported (steady state). Graph inputs are new each time.
    TrafficWalk walk(analysis, spec, options);
    walk.setArenaBytes(estimateMemory(analysis, partition, options.precision).peakActivationBytes);
    for (int pass = 0; pass < 2; ++pass) {
        walk.startInference();
        for (size_t i = 0; i < partition.subgraphs.size(); ++i) {
            const double share = i < options.activeShare.size() ? options.activeShare[i] : 1.0;
            SubgraphTraffic t = walk.walk(partition.subgraphs[i], share);
            if (pass == 1)
                out.push_back(std::move(t));
        }
    }
    return out;
}

} // namespace graphs
