#pragma once

// Internal to the ONNX frontend: turns a GraphProto plus resolved shapes into a ComputeGraph.

#include "core/diagnostic.h"
#include "core/error.h"
#include "frontends/shape_resolver.h"
#include "ir/compute_graph.h"

#include <onnx/onnx_pb.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace graphs::onnxfe {

struct BuildContext
{
    const ResolvedShapes& resolved;
    std::string displayName;
    Diagnostics& diagnostics;
};

/// The tensor names a graph defines (initializers, inputs, node outputs), and through `outer` those of the graphs
/// around it, which a nested body may read.
struct Scope
{
    const onnx::GraphProto& proto;
    const Scope* outer = nullptr;
    /// Views of the proto's strings, built when first needed: in a file in topological order, every input a node
    /// reads is already in the graph being built, and a set of every name cost more than the rest of the build.
    mutable std::optional<std::unordered_set<std::string_view>> names;

    bool contains(std::string_view name) const;
};

/// Builds the graph (nested graphs recursively). `outerScope` holds names visible from enclosing graphs (nullptr
/// for the main graph); `folded` marks top-level nodes computed at import (nullptr for nested graphs).
Result<std::shared_ptr<ComputeGraph>> buildGraph(const onnx::GraphProto& proto, const BuildContext& context,
    const Scope* outerScope, const std::vector<bool>* folded);

} // namespace graphs::onnxfe
