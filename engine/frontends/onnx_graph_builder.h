#pragma once

// Internal to the ONNX frontend: turns a GraphProto plus resolved shapes into a ComputeGraph.

#include "core/diagnostic.h"
#include "core/error.h"
#include "frontends/shape_resolver.h"
#include "ir/compute_graph.h"

#include <onnx/onnx_pb.h>

#include <memory>
#include <set>
#include <string>

namespace graphs::onnxfe {

struct BuildContext
{
    const ResolvedShapes& resolved;
    std::string displayName;
    Diagnostics& diagnostics;
};

/// Builds the graph (nested graphs recursively). `outerScope` holds names visible from enclosing graphs;
/// `folded` marks top-level nodes computed at import (nullptr for nested graphs).
Result<std::shared_ptr<ComputeGraph>> buildGraph(const onnx::GraphProto& proto, const BuildContext& context,
    const std::set<std::string>& outerScope, const std::vector<bool>* folded);

} // namespace graphs::onnxfe
