#include "frontends/onnx_importer.h"

#include "frontends/input_binding.h"
#include "frontends/onnx_graph_builder.h"
#include "frontends/onnx_lean_parser.h"
#include "frontends/onnx_model_checks.h"
#include "frontends/shape_resolver.h"

#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <onnx/defs/schema.h>

#include <charconv>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace graphs {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kProtobufLimit = INT_MAX; // one protobuf message cannot exceed 2 GiB

bool reportProgress(const ImportOptions& options, double fraction)
{
    return !options.progress || options.progress(fraction);
}

Error parseFailed(const std::string& displayName)
{
    return Error { ErrorCode::ParseFailed,
        "not a valid ONNX file: the protobuf message does not parse (truncated, or not ONNX)", displayName };
}

/// `skeleton` parsed into a model on `arena`; nullptr when protobuf refuses it.
onnx::ModelProto* parseOn(google::protobuf::Arena& arena, const std::string& skeleton)
{
    auto* model = google::protobuf::Arena::CreateMessage<onnx::ModelProto>(&arena);
    return model->ParseFromString(skeleton) ? model : nullptr;
}

/// Imports the model whose bytes, less the values of large tensors, are `skeleton` (onnx_lean_parser.h).
///
/// Shape inference works on the model in place: it adds a type for every tensor and replaces the nodes it folds by
/// initializers. The graph is then built from a second parse of the same bytes, made after the first model is freed,
/// with the same steps applied (large values dropped, inputs bound). A copy of the model for inference held two
/// models at once, two thirds of the peak memory of a 200,000-node import, and took as long as parsing again.
Result<ImportedModel> importSkeleton(std::string skeleton, const std::string& displayName, const std::string& baseDir,
    int64_t fileBytes, const ImportOptions& options, bool reportParsed)
{
    using namespace onnxfe;
    ImportedModel result;
    result.fileBytes = fileBytes;
    ResolvedShapes resolved;
    {
        google::protobuf::Arena arena(modelArenaOptions());
        onnx::ModelProto* parsed = parseOn(arena, skeleton);
        if (!parsed)
            return parseFailed(displayName);
        if (reportParsed && !reportProgress(options, 0.2))
            return Error { ErrorCode::Cancelled, "import cancelled", displayName };
        onnx::ModelProto& model = *parsed;
        if (auto s = checkIsModel(model, displayName); !s)
            return s.error();
        if (auto s = checkOpsets(model, displayName); !s)
            return s.error();
        if (auto s = checkExternalDataLocations(model, baseDir, displayName); !s)
            return s.error();
        if (auto s = checkWindowAttributes(model, displayName); !s)
            return s.error();
        dropLargeTensorData(model);

        auto bound = bindInputs(model, options, displayName);
        if (!bound)
            return bound.error();
        if (!reportProgress(options, 0.3))
            return Error { ErrorCode::Cancelled, "import cancelled", displayName };

        auto shapes = resolveShapes(model, *bound, displayName, options.progress, result.diagnostics);
        if (!shapes)
            return shapes.error();
        resolved = std::move(*shapes);
    }
    result.shapeInferencePasses = resolved.passes;
    if (!reportProgress(options, 0.85))
        return Error { ErrorCode::Cancelled, "import cancelled", displayName };

    google::protobuf::Arena arena(modelArenaOptions());
    onnx::ModelProto* parsed = parseOn(arena, skeleton);
    if (!parsed)
        return parseFailed(displayName); // parsed once already: does not happen
    std::string().swap(skeleton);
    onnx::ModelProto& model = *parsed;
    dropLargeTensorData(model);
    if (auto bound = bindInputs(model, options, displayName); !bound)
        return bound.error(); // bound once already: does not happen

    BuildContext context { resolved, displayName, result.diagnostics };
    auto graph = buildGraph(model.graph(), context, nullptr, &resolved.folded);
    if (!graph)
        return graph.error();

    ComputeGraph& g = **graph;
    g.irVersion = model.ir_version();
    g.producer = model.producer_name();
    if (!model.producer_version().empty())
        g.producer += " " + model.producer_version();
    for (const auto& opset : model.opset_import()) {
        const std::string domain = opset.domain().empty() ? "ai.onnx" : opset.domain();
        g.opsetImports[domain] = opset.version();
        if (domain == "ai.onnx")
            g.opsetVersion = opset.version();
    }
    g.sourcePath = displayName;
    if (g.name.empty())
        g.name = fs::path(displayName).stem().string();
    result.graph = *graph;
    reportProgress(options, 1.0);
    return result;
}

} // namespace

Result<ImportedModel> importOnnxBytes(std::string_view bytes, const std::string& displayName,
    const std::string& baseDir, const ImportOptions& options)
{
    if (bytes.empty())
        return Error { ErrorCode::EmptyInput, "the file is empty", displayName };
    if (static_cast<int64_t>(bytes.size()) >= kProtobufLimit)
        return Error { ErrorCode::Unsupported,
            "the model is larger than 2 GiB, the most one protobuf message can hold; store its weights as "
            "external data",
            displayName };
    google::protobuf::io::ArrayInputStream stream(bytes.data(), static_cast<int>(bytes.size()));
    std::string skeleton;
    if (!onnxfe::modelSkeleton(stream, static_cast<int64_t>(bytes.size()), onnxfe::kKeepDataElements, skeleton))
        return parseFailed(displayName);
    return importSkeleton(
        std::move(skeleton), displayName, baseDir, static_cast<int64_t>(bytes.size()), options, false);
}

Result<ImportedModel> importOnnxFile(const std::string& path, const ImportOptions& options)
{
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return Error { ErrorCode::Io, "no such file", path };
    if (fs::is_directory(status))
        return Error { ErrorCode::Io, "is a directory, not an ONNX file", path };
    const auto size = static_cast<int64_t>(fs::file_size(path, ec));
    if (ec)
        return Error { ErrorCode::Io, "cannot read the file size: " + ec.message(), path };
    if (size == 0)
        return Error { ErrorCode::EmptyInput, "the file is empty", path };
    if (size >= kProtobufLimit)
        return Error { ErrorCode::Unsupported,
            "the model file is larger than 2 GiB, the most one protobuf message can hold; store its weights as "
            "external data",
            path };
    if (!reportProgress(options, 0.0))
        return Error { ErrorCode::Cancelled, "import cancelled", path };

    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error { ErrorCode::Io, std::string("cannot open: ") + std::strerror(errno), path };
    std::string skeleton;
    bool read = false;
    {
        // From the descriptor, seeking past the weights: neither the file's bytes nor its weights are held.
        google::protobuf::io::FileInputStream stream(fd);
        read = onnxfe::modelSkeleton(stream, size, onnxfe::kKeepDataElements, skeleton);
    }
    ::close(fd);
    if (!read)
        return parseFailed(path);
    const std::string baseDir = fs::absolute(path, ec).parent_path().string();
    return importSkeleton(std::move(skeleton), path, baseDir, size, options, true);
}

Result<std::pair<std::string, std::vector<int64_t>>> parseInputShapeArgument(std::string_view text)
{
    auto bad = [&](const std::string& why) {
        return Error { ErrorCode::InvalidArgument,
            "invalid input shape '" + std::string(text) + "': " + why + " (expected NAME=1x3x224x224)", {} };
    };
    size_t sep = text.rfind('=');
    if (sep == std::string_view::npos)
        sep = text.rfind(':');
    if (sep == std::string_view::npos)
        return bad("no '='");
    const std::string name(text.substr(0, sep));
    if (name.empty())
        return bad("no input name");
    std::string_view rest = text.substr(sep + 1);
    if (rest.empty())
        return bad("no dimensions");
    std::vector<int64_t> dims;
    while (!rest.empty()) {
        const size_t end = rest.find_first_of("x,");
        const std::string_view part = rest.substr(0, end);
        int64_t value = 0;
        auto [ptr, err] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (err != std::errc() || ptr != part.data() + part.size() || part.empty())
            return bad("'" + std::string(part) + "' is not a whole number");
        if (value <= 0)
            return bad("dimensions must be positive");
        dims.push_back(value);
        if (end == std::string_view::npos)
            break;
        rest = rest.substr(end + 1);
        if (rest.empty())
            return bad("trailing separator");
    }
    return std::make_pair(name, dims);
}

int64_t newestSupportedOpset()
{
    const auto& map = onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
    auto it = map.find(onnx::ONNX_DOMAIN);
    return it == map.end() ? 0 : it->second.second;
}

void prepareOnnxImport()
{
    // Any lookup builds the whole table, under the library's own once-flag.
    (void)onnx::OpSchemaRegistry::Schema("Conv", newestSupportedOpset(), onnx::ONNX_DOMAIN);
}

} // namespace graphs
