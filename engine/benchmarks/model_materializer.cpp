#include "benchmarks/model_materializer.h"
#include "benchmarks/model_materializer_proto.h"

#include "benchmarks/tensor_fill.h"
#include "core/atomic_file.h"
#include "frontends/onnx_model_checks.h"

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <fstream>

namespace graphs {

namespace fs = std::filesystem;

namespace {

Result<onnx::ModelProto> readModel(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error { ErrorCode::Io, "cannot open the file", path };
    onnx::ModelProto model;
    if (!model.ParseFromIstream(&in))
        return Error { ErrorCode::ParseFailed, "not a valid ONNX file", path };
    if (auto s = onnxfe::checkIsModel(model, path); !s)
        return s.error();
    const std::string base = fs::absolute(path).parent_path().string();
    if (auto s = onnxfe::checkExternalDataLocations(model, base, path); !s)
        return s.error();
    return model;
}

std::string location(const onnx::TensorProto& t)
{
    for (const auto& kv : t.external_data()) {
        if (kv.key() == "location")
            return kv.value();
    }
    return {};
}

bool isAbsent(const onnx::TensorProto& t, const fs::path& base)
{
    if (t.data_location() == onnx::TensorProto::EXTERNAL)
        return !fs::exists(base / location(t));
    return false;
}

} // namespace

Result<bool> hasAbsentWeights(const std::string& modelPath)
{
    auto model = readModel(modelPath);
    if (!model)
        return model.error();
    const fs::path base = fs::absolute(modelPath).parent_path();
    for (const auto& t : model->graph().initializer()) {
        if (isAbsent(t, base))
            return true;
    }
    return false;
}

Result<onnx::ModelProto> readMaterializedModel(const std::string& modelPath, uint32_t seed, double scale)
{
    auto model = readModel(modelPath);
    if (!model)
        return model.error();
    const fs::path base = fs::absolute(modelPath).parent_path();
    Xorshift rng(seed);
    for (auto& t : *model->mutable_graph()->mutable_initializer()) {
        if (!isAbsent(t, base))
            continue;
        if (auto s = fillTensor(t, rng, scale); !s)
            return Error { s.error().code, s.error().message, modelPath };
    }
    return model;
}

Status materializeWeights(const std::string& modelPath, const std::string& outputPath, uint32_t seed, double scale)
{
    auto model = readMaterializedModel(modelPath, seed, scale);
    if (!model)
        return model.error();
    std::string bytes;
    if (!model->SerializeToString(&bytes))
        return Error { ErrorCode::Unsupported, "the materialized model does not fit one protobuf message (2 GiB)",
            modelPath };
    return writeFileAtomically(outputPath, bytes);
}

} // namespace graphs
