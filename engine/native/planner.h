#pragma once

// Internal to the native executor: turns a loaded model into a fixed list of steps on fixed buffers.

#include "native/kernel.h"
#include "native/model_loader.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace graphs::native {

/// One tensor of the plan. A view shares its root's memory; constants own theirs; the rest live in arena blocks.
struct Slot
{
    TensorInfo info;
    std::shared_ptr<AlignedBuffer> owned; ///< memory of constants and graph inputs
    int viewOf = -1; ///< root slot whose memory this one reuses
    size_t viewOffset = 0; ///< bytes into the root's memory
    int fusedInto = -1; ///< step that computes this view's value (a fused node's output)
    int producer = -1; ///< step index, -1 for constants and graph inputs
    int lastUse = -1; ///< last step reading it (through any view)
    bool isGraphOutput = false;
    void* data = nullptr; ///< resolved once memory is assigned
};

struct Step
{
    std::unique_ptr<Kernel> kernel;
    std::string name;
    std::string opType;
    std::vector<int> inputs; ///< slots, -1 for omitted optional inputs
    std::vector<int> outputs;
    RunArgs args;
};

struct Plan
{
    std::vector<Slot> slots;
    std::vector<Step> steps;
    std::vector<int> inputs; ///< slots of graph inputs, in model order
    std::vector<int> outputs; ///< slots of graph outputs, in model order
    std::vector<AlignedBuffer> arena;
    AlignedBuffer scratch;
};

/// Shapes of the graph inputs must be concrete (`inputShapes` overrides the model's declarations).
Result<Plan> buildPlan(LoadedModel model, const std::map<std::string, std::vector<int64_t>>& inputShapes, int threads);

/// Assigns memory: views to their roots, step outputs to arena blocks reused once their tensor is dead.
void assignMemory(Plan& plan);

} // namespace graphs::native
