#include "transform/partition.h"

#include "core/checked_math.h"

#include <algorithm>
#include <functional>
#include <map>
#include <limits>
#include <set>

namespace graphs {

namespace {

bool isFree(const GraphAnalysis& a, int n)
{
    const OpClass c = a.nodes[n].opClass;
    return a.graph->node(n).foldedAtImport || c == OpClass::View || c == OpClass::Metadata;
}

class Partitioner
{
public:
    Partitioner(const GraphAnalysis& a, const FusionRules& rules)
        : m_a(a), m_g(*a.graph), m_rules(rules), m_assigned(a.graph->nodeCount(), -1)
    {
    }

    Result<Partition> run();

private:
    std::vector<int> consumersOf(int n) const
    {
        std::vector<int> out;
        for (int t : m_g.node(n).outputs) {
            if (t < 0)
                continue;
            for (int c : m_g.tensor(t).consumers) {
                if (std::find(out.begin(), out.end(), c) == out.end())
                    out.push_back(c);
            }
        }
        return out;
    }

    /// Steps from node n to a consumer whose op matches `ops`, hopping over single-use views (which join the group).
    int nextMatching(int n, const std::vector<std::string>& ops, std::vector<int>& hopped) const
    {
        for (int c : consumersOf(n)) {
            std::vector<int> views;
            int cur = c;
            while (m_assigned[cur] < 0 && m_a.nodes[cur].opClass == OpClass::View && consumersOf(cur).size() == 1) {
                views.push_back(cur);
                cur = consumersOf(cur).front();
            }
            if (m_assigned[cur] >= 0)
                continue;
            if (std::find(ops.begin(), ops.end(), m_g.node(cur).opType) != ops.end()) {
                hopped = views;
                return cur;
            }
        }
        return -1;
    }

    /// Members' outputs other than the group's last output must stay inside the group.
    bool closed(const std::vector<int>& members, int last) const
    {
        const std::set<int> inside(members.begin(), members.end());
        for (int m : members) {
            if (m == last)
                continue;
            for (int t : m_g.node(m).outputs) {
                if (t < 0)
                    continue;
                if (m_g.tensor(t).isGraphOutput)
                    return false;
                for (int c : m_g.tensor(t).consumers) {
                    if (!inside.count(c))
                        return false;
                }
            }
        }
        return true;
    }

    bool tryPattern(int start, const FusionPattern& p)
    {
        const auto& first = p.steps.front().ops;
        if (std::find(first.begin(), first.end(), m_g.node(start).opType) == first.end())
            return false;
        std::vector<int> members { start };
        int cur = start;
        for (size_t s = 1; s < p.steps.size(); ++s) {
            std::vector<int> hopped;
            const int next = nextMatching(cur, p.steps[s].ops, hopped);
            if (next < 0) {
                if (p.steps[s].optional)
                    continue;
                return false;
            }
            members.insert(members.end(), hopped.begin(), hopped.end());
            members.push_back(next);
            cur = next;
        }
        if (!closed(members, cur))
            return false;
        assign(members, p.name);
        return true;
    }

    /// Extends from `start` along single consumers whose op is in `allowed`, up to `limit` extra nodes. With
    /// `graphs` (a runtime whose epilogues are small graphs), views on the way join without counting, and where a
    /// node's output branches, the branches join too when they rejoin within the limit (x·½·(1 + erf(x/√2))).
    std::vector<int> extend(int start, const std::set<std::string>& allowed, int limit, bool graphs = false) const
    {
        std::vector<int> members { start };
        int cur = start;
        int added = 0;
        while (added < limit) {
            const auto consumers = consumersOf(cur);
            const Node& node = m_g.node(cur);
            if (node.outputs.empty() || m_g.tensor(node.outputs[0]).isGraphOutput || consumers.empty())
                break;
            if (consumers.size() == 1) {
                const int next = consumers.front();
                if (m_assigned[next] >= 0)
                    break;
                if (graphs && isFree(m_a, next)) {
                    members.push_back(next);
                    cur = next;
                    continue;
                }
                if (!allowed.count(m_g.node(next).opType))
                    break;
                members.push_back(next);
                cur = next;
                ++added;
                continue;
            }
            if (!graphs)
                break;
            const std::vector<int> region = rejoiningRegion(cur, allowed, limit - added);
            if (region.empty())
                break;
            std::vector<int> trial = members;
            trial.insert(trial.end(), region.begin(), region.end());
            if (!closed(trial, region.back()))
                break;
            members = std::move(trial);
            added += static_cast<int>(region.size());
            cur = region.back();
        }
        return members;
    }

    /// The nodes after `from` (allowed ops or views, unassigned, at most `limit` of them) up to the first node where
    /// every branch leaving `from` has rejoined, in topological order; empty when they do not rejoin in time.
    std::vector<int> rejoiningRegion(int from, const std::set<std::string>& allowed, int limit) const
    {
        if (m_position.empty())
            return {};
        std::set<int> region;
        std::vector<int> stack = consumersOf(from);
        while (!stack.empty()) {
            const int n = stack.back();
            stack.pop_back();
            if (region.count(n))
                continue;
            if (m_assigned[n] >= 0 || (!allowed.count(m_g.node(n).opType) && !isFree(m_a, n)))
                continue; // outside: the region must rejoin before it
            region.insert(n);
            if (static_cast<int>(region.size()) > 2 * limit)
                return {};
            // Stop expanding at a node all of whose inputs from the region have arrived: a candidate join.
            for (int c : consumersOf(n))
                stack.push_back(c);
            if (stack.size() > 64)
                return {};
            // Try the region as it stands: ordered, it is a candidate when only its last node's output leaves it.
            std::vector<int> ordered(region.begin(), region.end());
            std::sort(ordered.begin(), ordered.end(), [&](int x, int y) { return m_position[x] < m_position[y]; });
            std::vector<int> with { from };
            with.insert(with.end(), ordered.begin(), ordered.end());
            int costed = 0;
            for (int m : ordered)
                costed += isFree(m_a, m) ? 0 : 1;
            if (ordered.size() > 1 && costed <= limit && closed(with, ordered.back()))
                return ordered;
        }
        return {};
    }

    void assign(const std::vector<int>& members, const std::string& fusion)
    {
        const int id = static_cast<int>(m_groups.size());
        for (int m : members)
            m_assigned[m] = id;
        m_groups.push_back({ members, fusion });
    }

    Status describe(Subgraph& s) const;

    std::vector<int> m_position; ///< node index → position in the topological order
    const GraphAnalysis& m_a;
    const ComputeGraph& m_g;
    const FusionRules& m_rules;
    std::vector<int> m_assigned;
    struct Group
    {
        std::vector<int> nodes;
        std::string fusion;
    };
    std::vector<Group> m_groups;
};

Result<Partition> Partitioner::run()
{
    const auto order = m_g.topologicalOrder();
    m_position.assign(m_g.nodeCount(), 0);
    for (size_t i = 0; i < order.size(); ++i)
        m_position[order[i]] = static_cast<int>(i);
    for (int n : order) {
        if (m_assigned[n] >= 0 || isFree(m_a, n))
            continue;
        for (const FusionPattern& p : m_rules.patterns) {
            if (tryPattern(n, p))
                break;
        }
    }
    for (int n : order) {
        if (m_assigned[n] < 0 && !isFree(m_a, n) && m_rules.anchors.count(m_g.node(n).opType))
            assign(extend(n, m_rules.epilogue, m_rules.maxEpilogue, m_rules.epilogueGraphs), "anchor+epilogue");
    }
    for (int n : order) {
        if (m_assigned[n] < 0 && !isFree(m_a, n) && m_rules.elementwise.count(m_g.node(n).opType))
            assign(extend(n, m_rules.elementwise, m_rules.maxChain - 1), "elementwise chain");
    }
    for (int n : order) {
        if (m_assigned[n] < 0 && !isFree(m_a, n))
            assign({ n }, "single");
    }
    // Views and shape arithmetic join the kernel that produces their data, else the one that consumes it.
    for (int n : order) {
        if (m_assigned[n] >= 0)
            continue;
        for (int t : m_g.node(n).inputs) {
            if (t >= 0 && m_g.tensor(t).producer >= 0 && m_assigned[m_g.tensor(t).producer] >= 0
                && !m_g.tensor(t).isConstant) {
                m_assigned[n] = m_assigned[m_g.tensor(t).producer];
                m_groups[m_assigned[n]].nodes.push_back(n);
                break;
            }
        }
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const int n = *it;
        if (m_assigned[n] >= 0)
            continue;
        for (int c : consumersOf(n)) {
            if (m_assigned[c] >= 0) {
                m_assigned[n] = m_assigned[c];
                m_groups[m_assigned[n]].nodes.push_back(n);
                break;
            }
        }
        if (m_assigned[n] < 0)
            assign({ n }, "single"); // an isolated view or constant: a zero-cost subgraph of its own
    }

    // Execution order: a topological order of the groups (a group runs once every group it reads from has run),
    // ties broken by the position of the group's first costed node in the node order.
    std::vector<int> position(m_g.nodeCount(), 0);
    for (size_t i = 0; i < order.size(); ++i)
        position[order[i]] = static_cast<int>(i);
    std::vector<int> rank(m_groups.size(), std::numeric_limits<int>::max());
    for (size_t i = 0; i < m_groups.size(); ++i) {
        std::sort(m_groups[i].nodes.begin(), m_groups[i].nodes.end(),
            [&](int x, int y) { return position[x] < position[y]; });
        for (int n : m_groups[i].nodes) {
            if (!isFree(m_a, n))
                rank[i] = std::min(rank[i], position[n]);
        }
        if (rank[i] == std::numeric_limits<int>::max())
            rank[i] = position[m_groups[i].nodes.front()];
    }
    std::vector<std::set<int>> successors(m_groups.size());
    std::vector<int> pending(m_groups.size(), 0);
    for (size_t gi = 0; gi < m_groups.size(); ++gi) {
        for (int n : m_groups[gi].nodes) {
            for (int t : m_g.node(n).inputs) {
                const int producer = t >= 0 ? m_g.tensor(t).producer : -1;
                const int from = producer >= 0 ? m_assigned[producer] : -1;
                if (from >= 0 && from != static_cast<int>(gi) && successors[from].insert(static_cast<int>(gi)).second)
                    ++pending[gi];
            }
        }
    }
    auto later = [&](int x, int y) { return rank[x] > rank[y]; };
    std::vector<int> ready;
    for (size_t gi = 0; gi < m_groups.size(); ++gi) {
        if (pending[gi] == 0)
            ready.push_back(static_cast<int>(gi));
    }
    std::make_heap(ready.begin(), ready.end(), later);
    std::vector<int> groupOrder;
    groupOrder.reserve(m_groups.size());
    while (!ready.empty()) {
        std::pop_heap(ready.begin(), ready.end(), later);
        const int gi = ready.back();
        ready.pop_back();
        groupOrder.push_back(gi);
        for (int next : successors[gi]) {
            if (--pending[next] == 0) {
                ready.push_back(next);
                std::push_heap(ready.begin(), ready.end(), later);
            }
        }
    }
    if (groupOrder.size() != m_groups.size()) {
        // Groups that depend on each other both ways cannot be ordered: keep the node order.
        groupOrder.resize(m_groups.size());
        for (size_t i = 0; i < groupOrder.size(); ++i)
            groupOrder[i] = static_cast<int>(i);
        std::sort(groupOrder.begin(), groupOrder.end(), [&](int x, int y) { return rank[x] < rank[y]; });
    }

    Partition partition;
    partition.subgraphOfNode.assign(m_g.nodeCount(), -1);
    for (int gi : groupOrder) {
        Subgraph s;
        s.descriptor.id = static_cast<int>(partition.subgraphs.size());
        s.descriptor.nodes = m_groups[gi].nodes;
        s.fusion = m_groups[gi].fusion;
        if (auto d = describe(s); !d)
            return d.error();
        for (int n : s.descriptor.nodes)
            partition.subgraphOfNode[n] = s.descriptor.id;
        partition.subgraphs.push_back(std::move(s));
    }
    return partition;
}

Status Partitioner::describe(Subgraph& s) const
{
    if (auto d = describeSubgraph(m_g, s.descriptor); !d)
        return d;
    const std::set<int> members(s.descriptor.nodes.begin(), s.descriptor.nodes.end());

    CheckedCount macs, matrix, vector, transcendental, written;
    int64_t heaviest = -1;
    s.zeroCost = true;
    for (int n : s.descriptor.nodes) {
        const NodeCost& c = m_a.nodes[n];
        macs += c.macs;
        matrix += c.flops.matrix;
        vector += c.flops.vector;
        transcendental += c.flops.transcendental;
        s.zeroCost = s.zeroCost && isFree(m_a, n);
        const bool anchor = m_rules.anchors.count(m_g.node(n).opType) > 0;
        const int64_t weight = anchor ? INT64_MAX : c.flops.total();
        if (!isFree(m_a, n) && (s.mainNode < 0 || weight > heaviest)) {
            s.mainNode = n;
            heaviest = weight;
        }
    }
    if (s.mainNode < 0)
        s.mainNode = s.descriptor.nodes.front();

    // Boundary reads: for each tensor entering the group, the most any member reads of it (a Gather reads rows). A
    // view member reads nothing itself: what its consumers inside the group read of its output counts instead.
    std::function<int64_t(int)> readInside = [&](int t) -> int64_t {
        int64_t most = 0;
        for (int c : m_g.tensor(t).consumers) {
            if (!members.count(c))
                continue;
            const Node& node = m_g.node(c);
            if (m_a.nodes[c].opClass == OpClass::View) {
                if (node.inputs.empty() || node.inputs[0] != t)
                    continue; // a view's shape operand is metadata, not data
                for (int out : node.outputs) {
                    if (out >= 0)
                        most = std::max(most, readInside(out));
                }
                continue;
            }
            const NodeCost& cost = m_a.nodes[c];
            for (size_t i = 0; i < node.inputs.size() && i < cost.inputBytesRead.size(); ++i) {
                if (node.inputs[i] == t)
                    most = std::max(most, cost.inputBytesRead[i]);
            }
        }
        return most;
    };
    CheckedCount read, weights, floatingElements, otherBytes, floatingWeights;
    s.accesses.clear();
    s.largestActivationElements = 0;
    auto account = [&](int tensor, int64_t bytes, bool weight, bool write) {
        const TensorDescriptor& td = m_g.tensor(tensor);
        const int64_t width = bytesPerElement(td.dtype);
        const bool floating = isFloatingPoint(td.dtype) && width > 0;
        if (bytes > 0)
            s.accesses.push_back({ tensor, bytes, floating, weight, write });
        if (!weight && width > 0)
            s.largestActivationElements = std::max(s.largestActivationElements, bytes / width);
        if (floating) {
            floatingElements += bytes / width;
            if (weight)
                floatingWeights += bytes / width;
        } else {
            otherBytes += bytes;
        }
    };
    for (int t : s.descriptor.inputTensors) {
        const int64_t most = readInside(t);
        read += most;
        const TensorDescriptor& td = m_g.tensor(t);
        const bool weight = td.isInitializer || td.isConstant;
        if (weight)
            weights += most;
        account(t, most, weight, false);
    }
    const std::set<int> outputs(s.descriptor.outputTensors.begin(), s.descriptor.outputTensors.end());
    for (int t : s.descriptor.outputTensors) {
        // A view's output aliases its input: it is written here only when that data was made inside the group and
        // does not leave the group under its own name.
        int root = t;
        while (m_g.tensor(root).producer >= 0 && members.count(m_g.tensor(root).producer)
            && m_a.nodes[m_g.tensor(root).producer].opClass == OpClass::View) {
            const Node& view = m_g.node(m_g.tensor(root).producer);
            if (view.inputs.empty() || view.inputs[0] < 0)
                break;
            root = view.inputs[0];
        }
        if (root != t) {
            const int producer = m_g.tensor(root).producer;
            const bool madeInside = producer >= 0 && members.count(producer);
            if (!madeInside || outputs.count(root))
                continue;
        }
        if (auto b = m_g.tensor(t).byteSize()) {
            written += *b;
            account(t, *b, false, true);
        }
    }
    for (const CheckedCount* c : { &macs, &matrix, &vector, &transcendental, &read, &weights, &written,
             &floatingElements, &otherBytes, &floatingWeights }) {
        if (c->overflow())
            return Error { ErrorCode::Overflow, "subgraph counts overflow 64 bits", m_g.node(s.mainNode).name };
    }
    s.macs = macs.value();
    s.flops = { matrix.value(), vector.value(), transcendental.value() };
    s.bytesRead = read.value();
    s.weightBytesRead = weights.value();
    s.bytesWritten = written.value();
    s.floatingElementsMoved = floatingElements.value();
    s.otherBytesMoved = otherBytes.value();
    s.floatingWeightElementsRead = floatingWeights.value();

    const Node& main = m_g.node(s.mainNode);
    s.opClass = m_a.nodes[s.mainNode].opClass;
    std::string label;
    for (int n : s.descriptor.nodes) {
        if (isFree(m_a, n))
            continue;
        label += (label.empty() ? "" : "+") + m_g.node(n).opType;
    }
    s.label = label.empty() ? main.opType : label;
    if (s.fusion != "single" && s.fusion != "anchor+epilogue" && s.fusion != "elementwise chain")
        s.label = s.fusion + " (" + s.label + ")";

    if (!main.outputs.empty() && main.outputs[0] >= 0 && m_g.tensor(main.outputs[0]).shape.isFullyKnown()) {
        const auto dims = m_g.tensor(main.outputs[0]).shape.sizes();
        if (dims.size() >= 3 && s.opClass == OpClass::Convolution) {
            s.parallelism.batch = dims[0];
            s.parallelism.channels = dims[1];
            s.parallelism.spatial = 1;
            for (size_t i = 2; i < dims.size(); ++i)
                s.parallelism.spatial *= dims[i];
        } else if (dims.size() >= 2) {
            s.parallelism.channels = dims.back();
            s.parallelism.batch = dims.front();
            s.parallelism.spatial = 1;
            for (size_t i = 1; i + 1 < dims.size(); ++i)
                s.parallelism.spatial *= dims[i];
        } else if (dims.size() == 1) {
            s.parallelism.channels = dims[0];
        }
    }
    if (s.opClass == OpClass::Convolution && main.inputs.size() >= 2 && main.inputs[0] >= 0 && main.inputs[1] >= 0) {
        const auto& x = m_g.tensor(main.inputs[0]).shape;
        const auto& w = m_g.tensor(main.inputs[1]).shape;
        const int64_t group = main.intAttribute("group", 1);
        const int64_t inChannels = x.rank() >= 2 && x.dims[1].isKnown() ? x.dims[1].value : 0;
        bool pointwise = w.isFullyKnown();
        for (size_t i = 2; i < w.rank(); ++i)
            pointwise = pointwise && w.dims[i].value == 1;
        s.convKind = group > 1 && group == inChannels ? "depthwise"
            : group > 1                                ? "grouped"
            : pointwise                                ? "pointwise"
                                                       : "standard";
    }
    return Ok {};
}

} // namespace

std::optional<double> Subgraph::arithmeticIntensity() const
{
    if (bytes() <= 0)
        return std::nullopt;
    return static_cast<double>(flops.total()) / static_cast<double>(bytes());
}

std::vector<std::string> Subgraph::opTypes(const ComputeGraph& graph) const
{
    std::vector<std::string> out;
    for (int n : descriptor.nodes)
        out.push_back(graph.node(n).opType);
    return out;
}

Result<Partition> partitionGraph(const GraphAnalysis& analysis, const FusionRules& rules)
{
    return Partitioner(analysis, rules).run();
}

} // namespace graphs
