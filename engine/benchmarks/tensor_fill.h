#pragma once

// Internal (includes ONNX): deterministic pseudo-random tensor data, shared by the weight materializer and the
// operator-model generator so that every runtime sees the same values for the same seed.

#include "core/error.h"

#include <onnx/onnx_pb.h>

#include <cstdint>

namespace graphs {

/// xorshift32: the same sequence as the runner programs' input generator.
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

/// Replaces the tensor's data (inline or external) with values uniform in ±scale (floats) or in [0, 16) (integers).
Status fillTensor(onnx::TensorProto& t, Xorshift& rng, double scale);

} // namespace graphs
