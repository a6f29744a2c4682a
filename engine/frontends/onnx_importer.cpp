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

Result<ImportedModel> importParsed(onnx::ModelProto& model, const std::string& displayName,
    const std::string& baseDir, int64_t fileBytes, const ImportOptions& options)
{
    using namespace onnxfe;
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

    ImportedModel result;
    result.fileBytes = fileBytes;
    auto resolved = resolveShapes(model, *bound, displayName, options.progress, result.diagnostics);
    if (!resolved)
        return resolved.error();
    result.shapeInferencePasses = resolved->passes;
    if (!reportProgress(options, 0.85))
        return Error { ErrorCode::Cancelled, "import cancelled", displayName };

    BuildContext context { *resolved, displayName, result.diagnostics };
    auto graph = buildGraph(model.graph(), context, {}, &resolved->folded);
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
    onnx::ModelProto model;
    google::protobuf::io::ArrayInputStream stream(bytes.data(), static_cast<int>(bytes.size()));
    if (!onnxfe::parseModelSkippingLargeTensors(
            stream, static_cast<int64_t>(bytes.size()), onnxfe::kKeepDataElements, model))
        return Error { ErrorCode::ParseFailed,
            "not a valid ONNX file: the protobuf message does not parse (truncated, or not ONNX)", displayName };
    return importParsed(model, displayName, baseDir, static_cast<int64_t>(bytes.size()), options);
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
    onnx::ModelProto model;
    bool parsed = false;
    {
        // From the descriptor, seeking past the weights: neither the file's bytes nor its weights are held.
        google::protobuf::io::FileInputStream stream(fd);
        parsed = onnxfe::parseModelSkippingLargeTensors(stream, size, onnxfe::kKeepDataElements, model);
    }
    ::close(fd);
    if (!parsed)
        return Error { ErrorCode::ParseFailed,
            "not a valid ONNX file: the protobuf message does not parse (truncated, or not ONNX)", path };
    if (!reportProgress(options, 0.2))
        return Error { ErrorCode::Cancelled, "import cancelled", path };
    const std::string baseDir = fs::absolute(path, ec).parent_path().string();
    return importParsed(model, path, baseDir, size, options);
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

} // namespace graphs
