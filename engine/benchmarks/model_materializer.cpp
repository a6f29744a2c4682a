#include "benchmarks/model_materializer.h"

#include "core/atomic_file.h"
#include "frontends/onnx_model_checks.h"

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <cstring>
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

class Xorshift
{
public:
    explicit Xorshift(uint32_t seed) : m_state(seed ? seed : 1) { }
    uint32_t next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return m_state;
    }
    double unit() { return next() / 4294967296.0; }

private:
    uint32_t m_state;
};

Status fill(onnx::TensorProto& t, Xorshift& rng, double scale)
{
    int64_t count = 1;
    for (int64_t d : t.dims()) {
        if (d < 0 || __builtin_mul_overflow(count, d, &count))
            return Error { ErrorCode::InvalidModel, "initializer '" + t.name() + "' has an invalid shape", t.name() };
    }
    t.clear_external_data();
    t.set_data_location(onnx::TensorProto::DEFAULT);
    std::string raw;
    using TP = onnx::TensorProto;
    switch (t.data_type()) {
    case TP::FLOAT: {
        raw.resize(static_cast<size_t>(count) * 4);
        for (int64_t i = 0; i < count; ++i) {
            const float v = static_cast<float>((rng.unit() * 2 - 1) * scale);
            std::memcpy(raw.data() + i * 4, &v, 4);
        }
        break;
    }
    case TP::INT64: {
        raw.resize(static_cast<size_t>(count) * 8);
        for (int64_t i = 0; i < count; ++i) {
            const int64_t v = rng.next() % 16;
            std::memcpy(raw.data() + i * 8, &v, 8);
        }
        break;
    }
    case TP::INT32: {
        raw.resize(static_cast<size_t>(count) * 4);
        for (int64_t i = 0; i < count; ++i) {
            const int32_t v = static_cast<int32_t>(rng.next() % 16);
            std::memcpy(raw.data() + i * 4, &v, 4);
        }
        break;
    }
    default:
        return Error { ErrorCode::Unsupported,
            "initializer '" + t.name() + "' has an element type the materializer does not fill", t.name() };
    }
    t.set_raw_data(std::move(raw));
    return Ok {};
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

Status materializeWeights(const std::string& modelPath, const std::string& outputPath, uint32_t seed, double scale)
{
    auto model = readModel(modelPath);
    if (!model)
        return model.error();
    const fs::path base = fs::absolute(modelPath).parent_path();
    Xorshift rng(seed);
    for (auto& t : *model->mutable_graph()->mutable_initializer()) {
        if (!isAbsent(t, base))
            continue;
        if (auto s = fill(t, rng, scale); !s)
            return Error { s.error().code, s.error().message, modelPath };
    }
    std::string bytes;
    if (!model->SerializeToString(&bytes))
        return Error { ErrorCode::Unsupported, "the materialized model does not fit one protobuf message (2 GiB)",
            modelPath };
    return writeFileAtomically(outputPath, bytes);
}

} // namespace graphs
