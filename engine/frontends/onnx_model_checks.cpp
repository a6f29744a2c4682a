#include "frontends/onnx_model_checks.h"

#include "frontends/onnx_importer.h"

#include <onnx/defs/schema.h>

#include <filesystem>
#include <functional>
#include <set>
#include <unordered_set>

namespace graphs::onnxfe {
namespace fs = std::filesystem;

namespace {

void forEachGraph(onnx::GraphProto& graph, const std::function<void(onnx::GraphProto&)>& fn)
{
    fn(graph);
    for (auto& node : *graph.mutable_node()) {
        for (auto& attr : *node.mutable_attribute()) {
            if (attr.has_g())
                forEachGraph(*attr.mutable_g(), fn);
            for (auto& g : *attr.mutable_graphs())
                forEachGraph(g, fn);
        }
    }
}

void forEachTensor(const onnx::GraphProto& graph, const std::function<void(const onnx::TensorProto&)>& fn)
{
    for (const auto& t : graph.initializer())
        fn(t);
    for (const auto& st : graph.sparse_initializer()) {
        fn(st.values());
        fn(st.indices());
    }
    for (const auto& node : graph.node()) {
        for (const auto& attr : node.attribute()) {
            if (attr.has_t())
                fn(attr.t());
            for (const auto& t : attr.tensors())
                fn(t);
            if (attr.has_g())
                forEachTensor(attr.g(), fn);
            for (const auto& g : attr.graphs())
                forEachTensor(g, fn);
        }
    }
}

bool isInside(const fs::path& child, const fs::path& parent)
{
    auto c = child.begin();
    for (auto p = parent.begin(); p != parent.end(); ++p, ++c) {
        if (p->empty())
            continue; // trailing separator
        if (c == child.end() || *c != *p)
            return false;
    }
    return true;
}

int64_t elementCount(const onnx::TensorProto& t)
{
    int64_t n = 1;
    for (int64_t d : t.dims()) {
        if (d < 0 || __builtin_mul_overflow(n, d, &n))
            return INT64_MAX;
    }
    return n;
}

void dropData(onnx::TensorProto& t)
{
    if (elementCount(t) <= kKeepDataElements)
        return;
    std::string().swap(*t.mutable_raw_data());
    google::protobuf::RepeatedField<float>().Swap(t.mutable_float_data());
    google::protobuf::RepeatedField<double>().Swap(t.mutable_double_data());
    google::protobuf::RepeatedField<int32_t>().Swap(t.mutable_int32_data());
    google::protobuf::RepeatedField<int64_t>().Swap(t.mutable_int64_data());
    google::protobuf::RepeatedField<uint64_t>().Swap(t.mutable_uint64_data());
}

} // namespace

Status checkIsModel(const onnx::ModelProto& model, const std::string& displayName)
{
    if (model.ir_version() <= 0 || !model.has_graph())
        return Error { ErrorCode::NotAModel,
            "not an ONNX model: no IR version or no graph (is this an ONNX file?)", displayName };
    if (model.graph().node_size() == 0)
        return Error { ErrorCode::NotAModel, "the ONNX model's graph has no nodes", displayName };
    return Ok {};
}

Status checkOpsets(const onnx::ModelProto& model, const std::string& displayName)
{
    const int64_t newest = newestSupportedOpset();
    bool hasDefault = false;
    for (const auto& opset : model.opset_import()) {
        if (opset.domain().empty() || opset.domain() == "ai.onnx") {
            hasDefault = true;
            if (opset.version() > newest)
                return Error { ErrorCode::Unsupported,
                    "opset " + std::to_string(opset.version()) + " is newer than the newest this build's ONNX library "
                        + "knows (" + std::to_string(newest) + "); convert the model to opset " + std::to_string(newest)
                        + " or older",
                    displayName };
            if (opset.version() < 1)
                return Error { ErrorCode::InvalidModel,
                    "invalid opset version " + std::to_string(opset.version()), displayName };
        }
    }
    if (!hasDefault && model.ir_version() >= 3)
        return Error { ErrorCode::InvalidModel, "the model imports no opset of the default ONNX domain",
            displayName };
    return Ok {};
}

Status checkExternalDataLocations(const onnx::ModelProto& model, const std::string& baseDir,
    const std::string& displayName)
{
    std::error_code ec;
    const fs::path base = fs::weakly_canonical(fs::absolute(baseDir.empty() ? "." : baseDir, ec), ec);
    std::optional<Error> failure;
    // Locations already found safe: a model usually keeps every weight in one file, and resolving the path costs a
    // stat per component, which for 65,000 initializers took longer than parsing the model.
    std::unordered_set<std::string> safe;
    forEachTensor(model.graph(), [&](const onnx::TensorProto& t) {
        if (failure || t.data_location() != onnx::TensorProto::EXTERNAL)
            return;
        const std::string* found = nullptr;
        for (const auto& kv : t.external_data()) {
            if (kv.key() == "location")
                found = &kv.value();
        }
        static const std::string none;
        const std::string& location = found ? *found : none;
        if (!location.empty() && safe.count(location))
            return;
        const std::string where = displayName + ": initializer '" + t.name() + "'";
        if (location.empty()) {
            failure = Error { ErrorCode::InvalidModel, "external data without a location", where };
            return;
        }
        const fs::path loc(location);
        if (loc.is_absolute()) {
            failure = Error { ErrorCode::UnsafePath,
                "external data location '" + location + "' is an absolute path; refused (not opened)", where };
            return;
        }
        for (const auto& part : loc) {
            if (part == "..") {
                failure = Error { ErrorCode::UnsafePath,
                    "external data location '" + location + "' leaves the model's folder; refused (not opened)",
                    where };
                return;
            }
        }
        // weakly_canonical resolves symlinks of the components that exist without opening any file.
        const fs::path resolved = fs::weakly_canonical(base / loc, ec);
        if (ec || !isInside(resolved, base)) {
            failure = Error { ErrorCode::UnsafePath,
                "external data location '" + location + "' resolves outside the model's folder (through a "
                    + "symbolic link); refused (not opened)",
                where };
            return;
        }
        safe.insert(location);
    });
    if (failure)
        return *failure;
    return Ok {};
}

namespace {

std::optional<Error> badWindowAttribute(const onnx::GraphProto& graph, const std::string& displayName)
{
    static const std::set<std::string> windowOps = { "Conv", "ConvInteger", "QLinearConv", "ConvTranspose",
        "DeformConv", "MaxPool", "AveragePool", "LpPool", "MaxUnpool", "Col2Im" };
    for (const auto& node : graph.node()) {
        const bool defaultDomain = node.domain().empty() || node.domain() == "ai.onnx";
        for (const auto& attr : node.attribute()) {
            if ((attr.name() == "strides" || attr.name() == "dilations" || attr.name() == "kernel_shape")
                && defaultDomain && windowOps.count(node.op_type())) {
                for (const int64_t v : attr.ints()) {
                    if (v <= 0)
                        return Error { ErrorCode::InvalidModel,
                            node.op_type() + " '" + node.name() + "': attribute '" + attr.name()
                                + "' must hold positive numbers, got " + std::to_string(v),
                            displayName + ": node '" + node.name() + "'" };
                }
            }
            if (attr.has_g()) {
                if (auto e = badWindowAttribute(attr.g(), displayName))
                    return e;
            }
            for (const auto& g : attr.graphs()) {
                if (auto e = badWindowAttribute(g, displayName))
                    return e;
            }
        }
    }
    return std::nullopt;
}

} // namespace

Status checkWindowAttributes(const onnx::ModelProto& model, const std::string& displayName)
{
    if (auto e = badWindowAttribute(model.graph(), displayName))
        return *e;
    return Ok {};
}

void dropLargeTensorData(onnx::ModelProto& model)
{
    forEachGraph(*model.mutable_graph(), [](onnx::GraphProto& graph) {
        for (auto& t : *graph.mutable_initializer())
            dropData(t);
        for (auto& node : *graph.mutable_node()) {
            for (auto& attr : *node.mutable_attribute()) {
                if (attr.has_t())
                    dropData(*attr.mutable_t());
            }
        }
    });
}

} // namespace graphs::onnxfe
