#pragma once

// Single-operator (and small fused) models for the native executor's numeric tests, each with its inputs and the
// output the naive reference computes.

#include "onnx_model_builder.h"
#include "reference_ops.h"

#include <functional>
#include <string>
#include <vector>

namespace graphs::testing {

struct CaseInput
{
    std::string name;
    RefTensor value;
    bool int64 = false;
};

struct KernelCase
{
    std::string name;
    int64_t opset = 13;
    std::vector<CaseInput> inputs; ///< graph inputs, fed at run time
    std::vector<CaseInput> weights; ///< initializers
    std::function<void(OnnxModelBuilder&)> nodes; ///< adds the nodes; the graph output is "y"
    RefTensor expected;
};

/// Every case, built once.
const std::vector<KernelCase>& kernelCases();

/// Writes the case's model (inputs, initializers with data, nodes, output "y").
OnnxModelBuilder buildCaseModel(const KernelCase& c);

} // namespace graphs::testing
