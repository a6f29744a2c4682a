#include "native/planner.h"

#include <algorithm>
#include <climits>
#include <limits>

namespace graphs::native {

namespace {

class Planner
{
public:
    Planner(LoadedModel& model, int threads)
        : m_model(model)
        , m_ctx { model.opset, threads }
    {
    }

    Result<Plan> build(const std::map<std::string, std::vector<int64_t>>& inputShapes);

private:
    Status bindInputs(const std::map<std::string, std::vector<int64_t>>& inputShapes);
    Status addNode(const NodeDesc& node);
    Status fold(const NodeDesc& node, Kernel& kernel, std::vector<TensorInfo>& outs);
    bool tryFuse(const NodeDesc& node);
    /// The step computing `value` when nothing else reads it, so that the step may take over more work.
    Step* soleProducer(int value);
    void makeView(int output, int input, int fusedInto, size_t offset = 0);
    bool tryElideConcat(const NodeDesc& node, const TensorInfo& out);
    /// The step after which `value` is available; -1 for constants and graph inputs.
    int computedBy(int value) const
    {
        const Slot& slot = m_plan.slots[value];
        if (slot.fusedInto >= 0)
            return slot.fusedInto;
        const int r = root(value);
        return m_readyAfter[r] >= 0 ? m_readyAfter[r] : m_plan.slots[r].producer;
    }
    int root(int slot) const { return m_plan.slots[slot].viewOf >= 0 ? m_plan.slots[slot].viewOf : slot; }

    LoadedModel& m_model;
    PrepareContext m_ctx;
    Plan m_plan;
    std::vector<int> m_consumers;
    std::vector<bool> m_defined;
    std::vector<int> m_readyAfter; ///< last writing step of an elided Concat's output
};

Status Planner::bindInputs(const std::map<std::string, std::vector<int64_t>>& inputShapes)
{
    for (const auto& [name, shape] : inputShapes) {
        const bool known = std::any_of(m_model.inputs.begin(), m_model.inputs.end(),
            [&](const LoadedInput& in) { return m_model.valueNames[in.value] == name; });
        if (!known)
            return Error { ErrorCode::InvalidArgument, "the model has no input '" + name + "'", name };
    }
    for (const LoadedInput& in : m_model.inputs) {
        const std::string& name = m_model.valueNames[in.value];
        auto given = inputShapes.find(name);
        Dims shape = given != inputShapes.end() ? given->second : in.declaredShape;
        for (int64_t d : shape) {
            if (d < 0)
                return Error { ErrorCode::UnboundDimension,
                    "input '" + name + "' has shape " + dimsToString(shape) + " with an unknown dimension; give "
                        + "its whole shape",
                    name };
        }
        Slot& slot = m_plan.slots[in.value];
        slot.info.type = in.type;
        slot.info.shape = shape;
        slot.owned = std::make_shared<AlignedBuffer>(slot.info.bytes());
        m_defined[in.value] = true;
        m_plan.inputs.push_back(in.value);
    }
    return Ok {};
}

Status Planner::fold(const NodeDesc& node, Kernel& kernel, std::vector<TensorInfo>& outs)
{
    RunArgs args;
    args.threads = m_ctx.threads;
    for (int v : node.inputs)
        args.in.push_back(v >= 0 ? m_plan.slots[v].info.data : nullptr);
    std::vector<std::shared_ptr<AlignedBuffer>> buffers;
    for (size_t i = 0; i < outs.size(); ++i) {
        if (i == 0 && kernel.isView()) {
            buffers.push_back(m_plan.slots[node.inputs[0]].owned);
            args.out.push_back(
                static_cast<uint8_t*>(const_cast<void*>(m_plan.slots[node.inputs[0]].info.data)) + kernel.viewOffset());
            continue;
        }
        buffers.push_back(std::make_shared<AlignedBuffer>(outs[i].bytes()));
        args.out.push_back(buffers.back()->data());
    }
    AlignedBuffer scratch(kernel.scratchBytes());
    args.scratch = scratch.data();
    if (!kernel.isView()) {
        if (auto s = kernel.run(args); !s)
            return Error { s.error().code, s.error().message, node.label() };
    }
    for (size_t i = 0; i < outs.size(); ++i) {
        const int v = node.outputs[i];
        if (v < 0)
            continue;
        Slot& slot = m_plan.slots[v];
        slot.info = outs[i];
        slot.info.data = args.out[i];
        slot.owned = buffers[i];
        m_defined[v] = true;
    }
    return Ok {};
}

Step* Planner::soleProducer(int value)
{
    const Slot& slot = m_plan.slots[value];
    if (slot.isGraphOutput || m_consumers[value] != 1)
        return nullptr;
    int step = slot.fusedInto;
    if (step < 0) {
        if (slot.producer < 0 || slot.viewOf >= 0)
            return nullptr;
        step = slot.producer;
    }
    Step& s = m_plan.steps[step];
    return s.outputs.size() == 1 ? &s : nullptr;
}

void Planner::makeView(int output, int input, int fusedInto, size_t offset)
{
    Slot& slot = m_plan.slots[output];
    slot.viewOf = root(input);
    slot.viewOffset = m_plan.slots[input].viewOffset + offset;
    slot.fusedInto = fusedInto;
    m_defined[output] = true;
}

bool Planner::tryElideConcat(const NodeDesc& node, const TensorInfo& out)
{
    // At batch 1 along any axis after unit dimensions, each input is one contiguous block of the output: its
    // producer can write there directly. Every input must be the whole output of a step that nothing else reads.
    auto axis = normalizeAxis(node.attrInt("axis", 0), out.shape.size());
    if (!axis || node.outputs.size() != 1)
        return false;
    for (int64_t d = 0; d < *axis; ++d) {
        if (out.shape[d] != 1)
            return false;
    }
    std::vector<int> roots;
    for (int v : node.inputs) {
        if (v < 0)
            return false;
        const int r = root(v);
        const Slot& rs = m_plan.slots[r];
        const Slot& vs = m_plan.slots[v];
        if (rs.producer < 0 || m_plan.steps[rs.producer].outputs.size() != 1 || vs.viewOffset != 0
            || vs.info.bytes() != rs.info.bytes() || rs.isGraphOutput || vs.isGraphOutput || m_consumers[v] != 1
            || std::find(roots.begin(), roots.end(), r) != roots.end())
            return false;
        // The root and its other views are read by nobody else (the chain down to v is linear).
        for (size_t s = 0; s < m_plan.slots.size(); ++s) {
            const Slot& other = m_plan.slots[s];
            if ((static_cast<int>(s) == r || other.viewOf == r) && static_cast<int>(s) != v
                && (m_consumers[s] > 1 || other.isGraphOutput))
                return false;
        }
        roots.push_back(r);
    }
    const int output = node.outputs[0];
    m_defined[output] = true;
    size_t offset = 0;
    for (int r : roots) {
        for (Slot& s : m_plan.slots) {
            if (s.viewOf == r) {
                s.viewOf = output;
                s.viewOffset += offset;
            }
        }
        m_plan.slots[r].viewOf = output;
        m_plan.slots[r].viewOffset = offset;
        offset += m_plan.slots[r].info.bytes();
        m_readyAfter[output] = std::max(m_readyAfter[output], m_plan.slots[r].producer);
    }
    return true;
}

bool Planner::tryFuse(const NodeDesc& node)
{
    if (node.outputs.size() != 1 || node.inputs.empty() || node.inputs[0] < 0)
        return false;
    const auto& slots = m_plan.slots;
    const std::string& op = node.opType;
    if (op == "Relu" || op == "Clip") {
        Activation act { Activation::Kind::Relu, 0, 0 };
        if (op == "Clip") {
            act.kind = Activation::Kind::Clip;
            act.low = -std::numeric_limits<float>::infinity();
            act.high = std::numeric_limits<float>::infinity();
            if (m_ctx.opset < 11) {
                act.low = static_cast<float>(node.attrFloat("min", act.low));
                act.high = static_cast<float>(node.attrFloat("max", act.high));
            } else {
                for (size_t i = 1; i < node.inputs.size() && i < 3; ++i) {
                    if (node.inputs[i] < 0)
                        continue;
                    const TensorInfo& bound = slots[node.inputs[i]].info;
                    if (!bound.isConstant() || bound.type != DataType::Float32 || bound.count() != 1)
                        return false;
                    (i == 1 ? act.low : act.high) = *bound.as<float>();
                }
            }
        }
        if (slots[node.inputs[0]].info.type != DataType::Float32)
            return false;
        Step* producer = soleProducer(node.inputs[0]);
        if (producer && producer->kernel->fuseActivation(act)) {
            makeView(node.outputs[0], node.inputs[0], static_cast<int>(producer - m_plan.steps.data()));
            return true;
        }
        return false;
    }
    if (op == "BatchNormalization" && node.inputs.size() == 5) {
        const float* p[4];
        for (int i = 1; i < 5; ++i) {
            if (node.inputs[i] < 0)
                return false;
            const TensorInfo& t = slots[node.inputs[i]].info;
            if (!t.isConstant() || t.type != DataType::Float32)
                return false;
            p[i - 1] = t.as<float>();
        }
        Step* producer = soleProducer(node.inputs[0]);
        const auto eps = static_cast<float>(node.attrFloat("epsilon", 1e-5));
        if (producer && producer->kernel->fuseBatchNorm(p[0], p[1], p[2], p[3], eps)) {
            makeView(node.outputs[0], node.inputs[0], static_cast<int>(producer - m_plan.steps.data()));
            return true;
        }
        return false;
    }
    if (op == "Add" && node.inputs.size() == 2 && node.inputs[1] >= 0) {
        const int a = node.inputs[0];
        const int b = node.inputs[1];
        // A constant bias along the last axis (Linear layers exported as MatMul + Add).
        for (auto [x, bias] : { std::pair { a, b }, std::pair { b, a } }) {
            const TensorInfo& bi = slots[bias].info;
            const TensorInfo& xi = slots[x].info;
            if (!bi.isConstant() || bi.type != DataType::Float32 || xi.type != DataType::Float32 || xi.shape.empty()
                || bi.shape.empty() || bi.shape.back() != xi.shape.back() || bi.count() != xi.shape.back()
                || bi.shape.size() > xi.shape.size() || slots[node.outputs[0]].info.shape != xi.shape)
                continue;
            Step* producer = soleProducer(x);
            if (producer && producer->kernel->fuseColumnBias(bi.as<float>(), bi.count())) {
                makeView(node.outputs[0], x, static_cast<int>(producer - m_plan.steps.data()));
                return true;
            }
        }
        if (a == b || slots[a].info.shape != slots[b].info.shape || slots[a].info.type != DataType::Float32
            || slots[b].info.type != DataType::Float32)
            return false;
        for (auto [x, other] : { std::pair { a, b }, std::pair { b, a } }) {
            Step* producer = soleProducer(x);
            // The step then reads `other`, which must be computed before it.
            if (producer && computedBy(other) < producer - m_plan.steps.data() && producer->kernel->fuseSum()) {
                producer->inputs.push_back(other);
                makeView(node.outputs[0], x, static_cast<int>(producer - m_plan.steps.data()));
                return true;
            }
        }
    }
    return false;
}

Status Planner::addNode(const NodeDesc& node)
{
    auto kernel = makeKernel(node);
    if (!kernel)
        return kernel.error();
    std::vector<const TensorInfo*> ins;
    bool allConstant = true;
    for (int v : node.inputs) {
        if (v < 0) {
            ins.push_back(nullptr);
            continue;
        }
        if (!m_defined[v])
            return Error { ErrorCode::InvalidModel, "input '" + m_model.valueNames[v] + "' is not computed",
                node.label() };
        ins.push_back(&m_plan.slots[v].info);
        allConstant = allConstant && m_plan.slots[v].info.isConstant();
    }
    std::vector<TensorInfo> outs(node.outputs.size());
    if (auto s = (*kernel)->prepare(m_ctx, ins, outs); !s)
        return Error { s.error().code, s.error().message, node.label() };
    if (allConstant || (*kernel)->needsOnlyShapes())
        return fold(node, **kernel, outs);

    for (size_t i = 0; i < outs.size(); ++i) {
        if (node.outputs[i] >= 0)
            m_plan.slots[node.outputs[i]].info = outs[i];
    }
    if ((*kernel)->isView()) {
        makeView(node.outputs[0], node.inputs[0], -1, (*kernel)->viewOffset());
        return Ok {};
    }
    if (tryFuse(node))
        return Ok {};
    if (node.opType == "Concat" && tryElideConcat(node, outs[0]))
        return Ok {};
    Step step;
    step.kernel = std::move(*kernel);
    step.name = node.name;
    step.opType = node.opType;
    step.inputs = node.inputs;
    step.outputs = node.outputs;
    step.args.threads = m_ctx.threads;
    const int index = static_cast<int>(m_plan.steps.size());
    for (int v : node.outputs) {
        if (v >= 0) {
            m_plan.slots[v].producer = index;
            m_defined[v] = true;
        }
    }
    m_plan.steps.push_back(std::move(step));
    return Ok {};
}

Result<Plan> Planner::build(const std::map<std::string, std::vector<int64_t>>& inputShapes)
{
    const size_t n = m_model.valueNames.size();
    m_plan.slots.resize(n);
    m_defined.assign(n, false);
    m_consumers.assign(n, 0);
    m_readyAfter.assign(n, -1);
    for (auto& [v, c] : m_model.constants) {
        Slot& slot = m_plan.slots[v];
        slot.info = TensorInfo { c.type, c.shape, c.buffer->data() };
        slot.owned = c.buffer;
        m_defined[v] = true;
    }
    if (auto s = bindInputs(inputShapes); !s)
        return s.error();
    for (const NodeDesc& node : m_model.nodes) {
        for (int v : node.inputs) {
            if (v >= 0)
                ++m_consumers[v];
        }
    }
    for (int v : m_model.outputs)
        m_plan.slots[v].isGraphOutput = true;
    for (const NodeDesc& node : m_model.nodes) {
        if (auto s = addNode(node); !s)
            return s.error();
    }
    for (int v : m_model.outputs) {
        if (!m_defined[v])
            return Error { ErrorCode::InvalidModel, "graph output '" + m_model.valueNames[v] + "' is not computed",
                m_model.valueNames[v] };
        m_plan.outputs.push_back(v);
    }
    return std::move(m_plan);
}

} // namespace

Result<Plan> buildPlan(LoadedModel model, const std::map<std::string, std::vector<int64_t>>& inputShapes, int threads)
{
    Planner planner(model, threads);
    return planner.build(inputShapes);
}

void assignMemory(Plan& plan)
{
    auto root = [&](int s) { return plan.slots[s].viewOf >= 0 ? plan.slots[s].viewOf : s; };
    // A root stays alive from its first writer to its last reader or writer (an elided Concat has several writers).
    for (size_t i = 0; i < plan.steps.size(); ++i) {
        for (const auto* list : { &plan.steps[i].inputs, &plan.steps[i].outputs }) {
            for (int v : *list) {
                if (v >= 0)
                    plan.slots[root(v)].lastUse = static_cast<int>(i);
            }
        }
    }
    for (int v : plan.outputs)
        plan.slots[root(v)].lastUse = INT_MAX;

    // Greedy best fit over blocks whose tensor is dead: small working sets stay in cache between steps.
    struct Block
    {
        size_t size = 0;
        int busyUntil = -1;
    };
    std::vector<Block> blocks;
    std::vector<int> blockOf(plan.slots.size(), -1);
    for (size_t i = 0; i < plan.steps.size(); ++i) {
        const int now = static_cast<int>(i);
        for (int v : plan.steps[i].outputs) {
            if (v < 0 || blockOf[root(v)] >= 0)
                continue;
            const int r = root(v);
            const size_t need = (plan.slots[r].info.bytes() + 63) / 64 * 64;
            int best = -1;
            int largestFree = -1;
            for (size_t b = 0; b < blocks.size(); ++b) {
                if (blocks[b].busyUntil >= now)
                    continue;
                if (blocks[b].size >= need && (best < 0 || blocks[b].size < blocks[best].size))
                    best = static_cast<int>(b);
                if (largestFree < 0 || blocks[b].size > blocks[largestFree].size)
                    largestFree = static_cast<int>(b);
            }
            if (best < 0 && largestFree >= 0) {
                best = largestFree;
                blocks[best].size = need; // grows: blocks are only allocated once every tensor has one
            }
            if (best < 0) {
                best = static_cast<int>(blocks.size());
                blocks.push_back({ need, -1 });
            }
            blocks[best].busyUntil = std::max(now, plan.slots[r].lastUse);
            blockOf[r] = best;
        }
    }
    plan.arena.clear();
    for (const Block& b : blocks)
        plan.arena.emplace_back(b.size);

    size_t scratch = 0;
    for (const Step& s : plan.steps)
        scratch = std::max(scratch, s.kernel->scratchBytes());
    plan.scratch = AlignedBuffer(scratch);

    for (size_t v = 0; v < plan.slots.size(); ++v) {
        Slot& slot = plan.slots[v];
        if (slot.viewOf >= 0)
            continue;
        if (blockOf[v] >= 0)
            slot.data = plan.arena[blockOf[v]].data();
        else if (slot.info.data)
            slot.data = const_cast<void*>(slot.info.data);
        else if (slot.owned)
            slot.data = slot.owned->data();
    }
    for (Slot& slot : plan.slots) {
        if (slot.viewOf >= 0 && plan.slots[slot.viewOf].data)
            slot.data = static_cast<uint8_t*>(plan.slots[slot.viewOf].data) + slot.viewOffset;
    }
    for (Step& step : plan.steps) {
        step.args.in.clear();
        step.args.out.clear();
        for (int v : step.inputs)
            step.args.in.push_back(v >= 0 ? plan.slots[v].data : nullptr);
        for (int v : step.outputs)
            step.args.out.push_back(v >= 0 ? plan.slots[v].data : nullptr);
        step.args.scratch = plan.scratch.data();
    }
}

} // namespace graphs::native
