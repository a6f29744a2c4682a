#include "frontends/input_binding.h"

#include <charconv>
#include <string_view>
#include <unordered_set>

namespace graphs::onnxfe {

Result<bool> bindInputs(onnx::ModelProto& model, const ImportOptions& options, const std::string& displayName)
{
    auto* graph = model.mutable_graph();
    // The inputs that are initializers too (weights listed as inputs before IR 4), found by looking the initializers
    // up among the inputs: a model has a handful of inputs and may have tens of thousands of initializers.
    std::unordered_set<std::string_view> inputNames;
    for (const auto& vi : graph->input())
        inputNames.insert(vi.name());
    std::unordered_set<std::string_view> initializers;
    for (const auto& t : graph->initializer()) {
        if (inputNames.count(t.name()))
            initializers.insert(t.name());
    }

    std::vector<onnx::ValueInfoProto*> inputs;
    std::string inputList;
    for (auto& vi : *graph->mutable_input()) {
        if (initializers.count(vi.name()))
            continue;
        inputs.push_back(&vi);
        inputList += (inputList.empty() ? "" : ", ") + vi.name();
    }
    for (const auto& [name, dims] : options.inputShapes) {
        bool found = false;
        for (auto* vi : inputs)
            found = found || vi->name() == name;
        if (!found)
            return Error { ErrorCode::InvalidArgument,
                "the model has no input named '" + name + "' (its inputs: " + inputList + ")", displayName };
    }
    if (options.batch && *options.batch <= 0)
        return Error { ErrorCode::InvalidArgument, "batch size must be positive, got " + std::to_string(*options.batch),
            displayName };

    bool changed = false;
    for (auto* vi : inputs) {
        auto* tensorType = vi->mutable_type()->mutable_tensor_type();
        const bool hasShape = tensorType->has_shape();
        auto given = options.inputShapes.find(vi->name());
        if (given != options.inputShapes.end()) {
            const auto& dims = given->second;
            if (hasShape && tensorType->shape().dim_size() != static_cast<int>(dims.size()))
                return Error { ErrorCode::InvalidArgument,
                    "input '" + vi->name() + "' has rank " + std::to_string(tensorType->shape().dim_size())
                        + ", but " + std::to_string(dims.size()) + " dimensions were given",
                    displayName };
            for (int64_t d : dims) {
                if (d < 0 || (d == 0 && !options.allowEmptyInputs))
                    return Error { ErrorCode::InvalidArgument,
                        "input '" + vi->name() + "': dimensions must be positive, got " + std::to_string(d), displayName };
            }
            auto* shape = tensorType->mutable_shape();
            shape->clear_dim();
            for (int64_t d : dims)
                shape->add_dim()->set_dim_value(d);
            changed = true;
            continue;
        }
        if (!options.batch)
            continue;
        if (!hasShape || tensorType->shape().dim_size() == 0)
            return Error { ErrorCode::InvalidArgument,
                "input '" + vi->name() + "' has no batch dimension to set; give its whole shape with --input-shape",
                displayName };
        auto* dim0 = tensorType->mutable_shape()->mutable_dim(0);
        if (!dim0->has_dim_value() || dim0->dim_value() != *options.batch) {
            dim0->set_dim_value(*options.batch);
            changed = true;
        }
    }
    return changed;
}

} // namespace graphs::onnxfe
