#pragma once

// Internal to the ONNX frontend: parsing a model without reading its weights.

#include <cstdint>
#include <onnx/onnx_pb.h>

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

} // namespace graphs::onnxfe
