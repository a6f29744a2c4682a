#include "benchmarks/tensor_fill.h"

#include <cstring>

namespace graphs {

Status fillTensor(onnx::TensorProto& t, Xorshift& rng, double scale)
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

} // namespace graphs
