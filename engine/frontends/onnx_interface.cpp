#include "frontends/onnx_interface.h"

#include "frontends/onnx_lean_parser.h"
#include "frontends/onnx_model_checks.h"

#include <google/protobuf/io/zero_copy_stream_impl.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace graphs {

namespace {

DeclaredTensor declared(const onnx::ValueInfoProto& vi)
{
    DeclaredTensor t;
    t.name = vi.name();
    if (!vi.type().has_tensor_type())
        return t;
    const auto& tt = vi.type().tensor_type();
    t.dtype = dataTypeFromOnnx(tt.elem_type());
    if (!tt.has_shape())
        return t;
    t.shape.rankKnown = true;
    for (const auto& d : tt.shape().dim())
        t.shape.dims.push_back(d.has_dim_value() ? Dim::known(d.dim_value()) : Dim::symbolic(d.dim_param()));
    return t;
}

} // namespace

Result<ModelInterface> readOnnxInterface(const std::string& path)
{
    std::error_code ec;
    const auto size = static_cast<int64_t>(std::filesystem::file_size(path, ec));
    if (ec)
        return Error { ErrorCode::Io, "cannot read the file: " + ec.message(), path };
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error { ErrorCode::Io, "cannot open the file", path };
    google::protobuf::Arena arena(onnxfe::modelArenaOptions());
    onnx::ModelProto& model = *google::protobuf::Arena::CreateMessage<onnx::ModelProto>(&arena);
    google::protobuf::io::IstreamInputStream stream(&in);
    if (size <= 0 || !onnxfe::parseModelSkippingLargeTensors(stream, size, onnxfe::kKeepDataElements, model))
        return Error { ErrorCode::ParseFailed,
            "not a valid ONNX file: the protobuf message does not parse (truncated, or not ONNX)", path };

    std::set<std::string> initializers;
    for (const auto& t : model.graph().initializer())
        initializers.insert(t.name());
    ModelInterface io;
    for (const auto& vi : model.graph().input()) {
        if (!initializers.count(vi.name()))
            io.inputs.push_back(declared(vi));
    }
    for (const auto& vi : model.graph().output())
        io.outputs.push_back(declared(vi));
    return io;
}

} // namespace graphs
