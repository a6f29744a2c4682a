#pragma once

// Internal to the native executor: 16 floats as one GCC/Clang vector value (one zmm register with AVX-512, two ymm
// with AVX2, four xmm otherwise). The direct kernels keep accumulators in such values so the compiler holds them
// in registers across a loop, which it does not promise for a local array.

#include <cstring>

namespace graphs::native {

typedef float Vec16 __attribute__((vector_size(64)));

// Passed by reference, never returned: returning a vector wider than the target's registers changes the ABI.
inline void loadVec(Vec16& v, const float* p)
{
    std::memcpy(&v, p, sizeof v);
}

inline void storeVec(float* p, const Vec16& v)
{
    std::memcpy(p, &v, sizeof v);
}

inline void splat(Vec16& v, float x)
{
    v = x - Vec16 {};
}

} // namespace graphs::native
