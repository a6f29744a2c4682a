#include "transform/partition.h"

#include "core/checked_math.h"

#include <algorithm>
#include <functional>
#include <map>
#include <limits>
#include <set>
#include <span>

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
        // Each node's distinct consumers, in the order of its outputs and their consumer lists, listed once here:
        // the matching below asks for them again and again.
        const size_t n = m_g.nodeCount();
        m_consumerStart.reserve(n + 1);
        for (size_t i = 0; i < n; ++i) {
            m_consumerStart.push_back(static_cast<int>(m_consumers.size()));
            const size_t first = m_consumers.size();
            for (int t : m_g.node(static_cast<int>(i)).outputs) {
                if (t < 0)
                    continue;
                for (int c : m_g.tensor(t).consumers) {
                    if (std::find(m_consumers.begin() + static_cast<std::ptrdiff_t>(first), m_consumers.end(), c)
                        == m_consumers.end())
                        m_consumers.push_back(c);
                }
            }
        }
        m_consumerStart.push_back(static_cast<int>(m_consumers.size()));
        m_free.reserve(n);
        m_anchor.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            m_free.push_back(isFree(m_a, static_cast<int>(i)));
            m_anchor.push_back(m_rules.anchors.count(m_g.node(static_cast<int>(i)).opType) > 0);
        }
    }

    Result<Partition> run();

private:
    std::span<const int> consumersOf(int n) const
    {
        const auto first = static_cast<size_t>(m_consumerStart[static_cast<size_t>(n)]);
        const auto last = static_cast<size_t>(m_consumerStart[static_cast<size_t>(n) + 1]);
        return std::span<const int>(m_consumers.data() + first, last - first);
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
        std::vector<int> inside(members.begin(), members.end());
        std::sort(inside.begin(), inside.end());
        for (int m : members) {
            if (m == last)
                continue;
            for (int t : m_g.node(m).outputs) {
                if (t < 0)
                    continue;
                if (m_g.tensor(t).isGraphOutput)
                    return false;
                for (int c : m_g.tensor(t).consumers) {
                    if (!std::binary_search(inside.begin(), inside.end(), c))
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
        if (!closed(members, cur) || !inputRulesHold(members, p))
            return false;
        std::vector<int> appends;
        if (!p.operands.empty())
            appends = absorbOperands(members, p.operands);
        if (p.cacheAppend && appends.empty())
            return false;
        assign(members, p.name, appends);
        return true;
    }

    /// FusionPattern::sharedInput and inputNotFrom, on the first member's first operand.
    bool inputRulesHold(const std::vector<int>& members, const FusionPattern& p) const
    {
        if (!p.sharedInput && p.inputNotFrom.empty())
            return true;
        const Node& first = m_g.node(members.front());
        const int x = first.inputs.empty() ? -1 : first.inputs[0];
        if (x < 0)
            return false;
        const int producer = m_g.tensor(x).producer;
        if (producer >= 0 && p.inputNotFrom.count(m_g.node(producer).opType))
            return false;
        if (!p.sharedInput)
            return true;
        return std::any_of(members.begin() + 1, members.end(), [&](int m) {
            const auto& inputs = m_g.node(m).inputs;
            return std::find(inputs.begin(), inputs.end(), x) != inputs.end();
        });
    }

    /// A KV-cache append: a Concat whose first operand is a graph input (the past cache) and whose output is a graph
    /// output (the present cache).
    bool isCacheAppend(int n) const
    {
        const Node& node = m_g.node(n);
        if (node.opType != "Concat" || node.inputs.empty() || node.inputs[0] < 0 || node.outputs.empty()
            || node.outputs[0] < 0)
            return false;
        const TensorDescriptor& past = m_g.tensor(node.inputs[0]);
        return past.isGraphInput && !past.isInitializer && m_g.tensor(node.outputs[0]).isGraphOutput;
    }

    /// Adds to `members` the producers of their operands whose op is in `ops` (and views on the way) while every
    /// consumer of what such a producer makes is a member; returns the cache appends among them.
    std::vector<int> absorbOperands(std::vector<int>& members, const std::set<std::string>& ops) const
    {
        std::set<int> inside(members.begin(), members.end());
        std::vector<int> appends;
        std::vector<int> stack = members;
        while (!stack.empty()) {
            const int m = stack.back();
            stack.pop_back();
            for (int t : m_g.node(m).inputs) {
                const int p = t >= 0 ? m_g.tensor(t).producer : -1;
                if (p < 0 || inside.count(p) || m_assigned[p] >= 0 || m_g.node(p).foldedAtImport)
                    continue;
                if (m_a.nodes[p].opClass != OpClass::View && !ops.count(m_g.node(p).opType))
                    continue;
                bool readInside = true;
                for (int out : m_g.node(p).outputs) {
                    if (out < 0)
                        continue;
                    for (int c : m_g.tensor(out).consumers)
                        readInside = readInside && inside.count(c) > 0;
                }
                if (!readInside)
                    continue;
                inside.insert(p);
                members.push_back(p);
                stack.push_back(p);
                if (isCacheAppend(p))
                    appends.push_back(p);
            }
        }
        return appends;
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
                if (graphs && m_free[static_cast<size_t>(next)]) {
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
        const auto first = consumersOf(from);
        std::vector<int> stack(first.begin(), first.end());
        while (!stack.empty()) {
            const int n = stack.back();
            stack.pop_back();
            if (region.count(n))
                continue;
            if (m_assigned[n] >= 0 || (!allowed.count(m_g.node(n).opType) && !m_free[static_cast<size_t>(n)]))
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
                costed += m_free[static_cast<size_t>(m)] ? 0 : 1;
            if (ordered.size() > 1 && costed <= limit && closed(with, ordered.back()))
                return ordered;
        }
        return {};
    }

    void assign(const std::vector<int>& members, const std::string& fusion, const std::vector<int>& appends = {})
    {
        const int id = static_cast<int>(m_groups.size());
        for (int m : members)
            m_assigned[m] = id;
        m_groups.push_back({ members, fusion, appends });
    }

    Status describe(Subgraph& s) const;

    std::vector<int> m_position; ///< node index → position in the topological order
    std::vector<int> m_consumerStart; ///< node index → its first entry in m_consumers; one more entry at the end
    std::vector<int> m_consumers;
    std::vector<bool> m_free;   ///< isFree() of each node
    std::vector<bool> m_anchor; ///< each node's op is one of the rules' anchors
    const GraphAnalysis& m_a;
    const ComputeGraph& m_g;
    const FusionRules& m_rules;
    std::vector<int> m_assigned;
    struct Group
    {
        std::vector<int> nodes;
        std::string fusion;
        std::vector<int> cacheAppends;
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
        if (m_assigned[n] >= 0 || m_free[static_cast<size_t>(n)])
            continue;
        for (const FusionPattern& p : m_rules.patterns) {
            if (tryPattern(n, p))
                break;
        }
    }
    for (int n : order) {
        if (m_assigned[n] < 0 && !m_free[static_cast<size_t>(n)] && m_anchor[static_cast<size_t>(n)])
            assign(extend(n, m_rules.epilogue, m_rules.maxEpilogue, m_rules.epilogueGraphs), "anchor+epilogue");
    }
    for (int n : order) {
        if (m_assigned[n] < 0 && !m_free[static_cast<size_t>(n)] && m_rules.elementwise.count(m_g.node(n).opType))
            assign(extend(n, m_rules.elementwise, m_rules.maxChain - 1), "elementwise chain");
    }
    for (int n : order) {
        if (m_assigned[n] < 0 && !m_free[static_cast<size_t>(n)])
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
            if (!m_free[static_cast<size_t>(n)])
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
    partition.subgraphs.reserve(groupOrder.size());
    for (int gi : groupOrder) {
        Subgraph s;
        s.descriptor.id = static_cast<int>(partition.subgraphs.size());
        s.descriptor.nodes = m_groups[gi].nodes;
        s.fusion = m_groups[gi].fusion;
        s.cacheAppends = m_groups[gi].cacheAppends;
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
    // Sorted vectors rather than sets: a partition describes tens of thousands of groups, most of a few nodes.
    std::vector<int> memberList(s.descriptor.nodes.begin(), s.descriptor.nodes.end());
    std::sort(memberList.begin(), memberList.end());
    struct Sorted
    {
        const std::vector<int>& values;
        bool count(int v) const { return std::binary_search(values.begin(), values.end(), v); }
    };
    const Sorted members { memberList };

    CheckedCount macs, matrix, vector, transcendental, written;
    int64_t heaviest = -1;
    s.zeroCost = true;
    for (int n : s.descriptor.nodes) {
        const NodeCost& c = m_a.nodes[n];
        macs += c.macs;
        matrix += c.flops.matrix;
        vector += c.flops.vector;
        transcendental += c.flops.transcendental;
        s.zeroCost = s.zeroCost && m_free[static_cast<size_t>(n)];
        const bool anchor = m_anchor[static_cast<size_t>(n)];
        const int64_t weight = anchor ? INT64_MAX : c.flops.total();
        if (!m_free[static_cast<size_t>(n)] && (s.mainNode < 0 || weight > heaviest)) {
            s.mainNode = n;
            heaviest = weight;
        }
    }
    if (s.mainNode < 0)
        s.mainNode = s.descriptor.nodes.front();

    // Boundary reads: for each tensor entering the group, the most any member reads of it (a Gather reads rows). A
    // view member reads nothing itself: what its consumers inside the group read of its output counts instead.
    // The readers are found among the tensor's consumers or among the members, whichever list is shorter: a constant
    // such as a LayerNorm epsilon has a consumer in every block of a deep model, and going through all of them for
    // every group that reads it made this quadratic in the model's depth.
    auto readsTensor = [&](int n, int t) {
        const auto& inputs = m_g.node(n).inputs;
        return std::find(inputs.begin(), inputs.end(), t) != inputs.end();
    };
    std::function<int64_t(int)> readInside = [&](int t) -> int64_t {
        const std::vector<int>& consumers = m_g.tensor(t).consumers;
        std::vector<int> readers;
        if (consumers.size() <= s.descriptor.nodes.size()) {
            for (int c : consumers) {
                if (members.count(c))
                    readers.push_back(c);
            }
        } else {
            for (int c : s.descriptor.nodes) {
                if (readsTensor(c, t))
                    readers.push_back(c);
            }
        }
        int64_t most = 0;
        for (int c : readers) {
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
    std::vector<int> outputList(s.descriptor.outputTensors.begin(), s.descriptor.outputTensors.end());
    std::sort(outputList.begin(), outputList.end());
    const Sorted outputs { outputList };
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
            // A cache appended in place: the past rows are already in the buffer, only the new ones are written.
            const int producer = m_g.tensor(t).producer;
            int64_t bytes = *b;
            if (std::find(s.cacheAppends.begin(), s.cacheAppends.end(), producer) != s.cacheAppends.end()) {
                if (auto past = m_g.tensor(m_g.node(producer).inputs[0]).byteSize())
                    bytes = std::max<int64_t>(0, bytes - *past);
            }
            written += bytes;
            account(t, bytes, false, true);
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
        if (m_free[static_cast<size_t>(n)])
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
