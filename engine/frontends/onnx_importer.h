#pragma once

#include "core/diagnostic.h"
#include "core/error.h"
#include "ir/compute_graph.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace graphs {

/// What the user binds at import: shapes of graph inputs and the batch size.
struct ImportOptions
{
    /// Whole shapes for named graph inputs, e.g. {"input", {1, 3, 224, 224}}.
    std::map<std::string, std::vector<int64_t>> inputShapes;
    /// Sets dimension 0 of every graph input not named in inputShapes.
    std::optional<int64_t> batch;
    /// Accept 0 in inputShapes (an empty tensor: a decoder's KV cache before the first token); otherwise a dimension
    /// must be positive.
    bool allowEmptyInputs = false;
    ProgressCallback progress;
};

struct ImportedModel
{
    std::shared_ptr<const ComputeGraph> graph;
    Diagnostics diagnostics;
    int64_t fileBytes = 0;
    int shapeInferencePasses = 0; ///< rounds of ONNX inference + constant folding until shapes settled
};

/// Imports an ONNX model: parse, ONNX shape inference, constant propagation through shape-computing
/// subgraphs, then the IR. Weights stored as external data are never read (their files may be absent);
/// an external-data location that leaves the model's folder is refused without being opened. Inline weights are
/// skipped while parsing, never held: memory follows the model's structure, not the size of its weights.
///
///     ImportOptions options;
///     options.batch = 8;
///     auto model = importOnnxFile("resnet50.onnx", options);
///     if (!model) std::cerr << model.error().toString();
Result<ImportedModel> importOnnxFile(const std::string& path, const ImportOptions& options);

/// The same from bytes already in memory; `displayName` names the model in messages, `baseDir` is the
/// folder external-data locations are resolved against.
Result<ImportedModel> importOnnxBytes(std::string_view bytes, const std::string& displayName,
    const std::string& baseDir, const ImportOptions& options);

/// Parses "NAME=1x3x224x224" (also "NAME:1,3,224,224"). Dimensions must be positive integers.
Result<std::pair<std::string, std::vector<int64_t>>> parseInputShapeArgument(std::string_view text);

/// The newest default-domain opset the linked ONNX library knows.
int64_t newestSupportedOpset();

/// Builds the ONNX library's table of operator schemas, which shape inference needs and the first import of a process
/// otherwise builds itself (several milliseconds, once per process). A command that imports one model can call this
/// on a second thread while it reads its other inputs. Safe to call from any thread, any number of times.
void prepareOnnxImport();

} // namespace graphs
