#pragma once

// Internal to the native executor: the one way kernels split work across threads.

#include <algorithm>
#include <cstdint>

namespace graphs::native {

/// Calls fn(chunk, begin, end) on at most `threads` contiguous chunks of [0, n); `chunk` < threads tells a
/// chunk which slice of a per-thread scratch buffer is its own.
template <typename F> void parallelChunks(int64_t n, int64_t grain, int threads, F&& fn)
{
    const int64_t chunks = std::min<int64_t>(threads, grain > 0 ? n / grain : n);
    if (chunks <= 1) {
        if (n > 0)
            fn(0, int64_t(0), n);
        return;
    }
#ifdef _OPENMP
#pragma omp parallel for num_threads(static_cast<int>(chunks)) schedule(static)
#endif
    for (int64_t c = 0; c < chunks; ++c)
        fn(static_cast<int>(c), c * n / chunks, (c + 1) * n / chunks);
}

/// Calls fn(begin, end) on contiguous chunks of [0, n), one chunk per thread, serially when there is less than
/// `grain` work per thread (a parallel region costs microseconds; small tensors are faster on one core).
template <typename F> void parallelFor(int64_t n, int64_t grain, int threads, F&& fn)
{
    parallelChunks(n, grain, threads, [&](int, int64_t begin, int64_t end) { fn(begin, end); });
}

} // namespace graphs::native
