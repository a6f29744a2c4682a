#pragma once

// Small generated models several suites share.

#include "onnx_model_builder.h"

#include <cstdint>
#include <string>

namespace graphs::testing {

/// x: batch×3×16×16 ⊛ 8×3×3×3 (pad 1) → relu → global average pool; "batch" is symbolic.
inline OnnxModelBuilder smallConvNet()
{
    OnnxModelBuilder b;
    b.input("x", { std::string("batch"), int64_t(3), int64_t(16), int64_t(16) })
        .weight("w", { 8, 3, 3, 3 })
        .node("Conv", { "x", "w" }, { "y" },
            { Attr::ints("pads", { 1, 1, 1, 1 }), Attr::ints("kernel_shape", { 3, 3 }) }, "conv")
        .node("Relu", { "y" }, { "z" }, {}, "relu")
        .node("GlobalAveragePool", { "z" }, { "out" }, {}, "pool")
        .output("out");
    return b;
}

} // namespace graphs::testing
