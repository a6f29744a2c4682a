#pragma once

// Internal to the ONNX frontend: parsing a model without reading its weights.

#include <cstdint>
#include <google/protobuf/arena.h>
#include <onnx/onnx_pb.h>
#include <string>

namespace google::protobuf::io {
class ZeroCopyInputStream;
}

namespace graphs::onnxfe {

/// Parses the `size` bytes of `input` into `model` as ModelProto::ParseFromCodedStream would, except that the values
/// of large tensors are skipped on the stream and never held: raw_data and the numeric value fields of a TensorProto
/// whose dims (which serialisers write first) make more than `keepElements` elements. A file stream seeks past them,
/// so importing a model with inline weights costs memory for its structure only. It walks the tensors that
/// dropLargeTensorData() visits (initializers of the main graph, tensor attributes, graphs nested in attributes);
/// tensors it cannot decide on (values before dims) are left for dropLargeTensorData(). Returns false where protobuf
/// would refuse the bytes: malformed wire format, truncated input, nesting deeper than 100 messages.
bool parseModelSkippingLargeTensors(
    google::protobuf::io::ZeroCopyInputStream& input, int64_t size, int64_t keepElements, onnx::ModelProto& model);

/// The first half of parseModelSkippingLargeTensors(): the wire-format bytes of the model without the skipped values,
/// for ModelProto::ParseFromString. The import parses them twice (see onnx_importer.cpp).
bool modelSkeleton(
    google::protobuf::io::ZeroCopyInputStream& input, int64_t size, int64_t keepElements, std::string& skeleton);

/// Settings for an arena that holds a whole model. A model message is millions of small allocations (every name is
/// a string of its own); on an arena they are carved from a few large blocks and freed with them, which made parsing
/// and freeing a 200,000-node model several times faster.
google::protobuf::ArenaOptions modelArenaOptions();

} // namespace graphs::onnxfe
