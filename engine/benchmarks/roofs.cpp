#include "benchmarks/roofs.h"

#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

namespace graphs {

namespace {

using Clock = std::chrono::steady_clock;

// Ten independent accumulators hide the FMA latency (4 cycles) on two pipes; the chain loops are unrolled so the
// accumulators stay in registers.
constexpr int kChains = 10;
constexpr int64_t kInnerIterations = 1 << 16;

__attribute__((target("avx512f"))) double fmaLoopAvx512(int64_t iterations, bool fp64)
{
    if (fp64) {
        __m512d acc[kChains];
        const __m512d a = _mm512_set1_pd(1.0000001), b = _mm512_set1_pd(0.9999999);
        for (int c = 0; c < kChains; ++c)
            acc[c] = _mm512_set1_pd(c);
        for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
            for (int c = 0; c < kChains; ++c)
                acc[c] = _mm512_fmadd_pd(acc[c], a, b);
        }
        // Stored and summed by hand: GCC 12 warns spuriously inside _mm512_reduce_add_pd.
        alignas(64) double lanes[8];
        double sum = 0;
        for (int c = 0; c < kChains; ++c) {
            _mm512_store_pd(lanes, acc[c]);
            for (double v : lanes)
                sum += v;
        }
        return sum;
    }
    __m512 acc[kChains];
    const __m512 a = _mm512_set1_ps(1.0000001f), b = _mm512_set1_ps(0.9999999f);
    for (int c = 0; c < kChains; ++c)
        acc[c] = _mm512_set1_ps(static_cast<float>(c));
    for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
        for (int c = 0; c < kChains; ++c)
            acc[c] = _mm512_fmadd_ps(acc[c], a, b);
    }
    alignas(64) float lanes[16];
    double sum = 0;
    for (int c = 0; c < kChains; ++c) {
        _mm512_store_ps(lanes, acc[c]);
        for (float v : lanes)
            sum += v;
    }
    return sum;
}

__attribute__((target("avx2,fma"))) double fmaLoopAvx2(int64_t iterations, bool fp64)
{
    double sum = 0;
    if (fp64) {
        __m256d acc[kChains];
        const __m256d a = _mm256_set1_pd(1.0000001), b = _mm256_set1_pd(0.9999999);
        for (int c = 0; c < kChains; ++c)
            acc[c] = _mm256_set1_pd(c);
        for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
            for (int c = 0; c < kChains; ++c)
                acc[c] = _mm256_fmadd_pd(acc[c], a, b);
        }
        alignas(32) double lanes[4];
        for (int c = 0; c < kChains; ++c) {
            _mm256_store_pd(lanes, acc[c]);
            sum += lanes[0] + lanes[1] + lanes[2] + lanes[3];
        }
        return sum;
    }
    __m256 acc[kChains];
    const __m256 a = _mm256_set1_ps(1.0000001f), b = _mm256_set1_ps(0.9999999f);
    for (int c = 0; c < kChains; ++c)
        acc[c] = _mm256_set1_ps(static_cast<float>(c));
    for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
        for (int c = 0; c < kChains; ++c)
            acc[c] = _mm256_fmadd_ps(acc[c], a, b);
    }
    alignas(32) float lanes[8];
    for (int c = 0; c < kChains; ++c) {
        _mm256_store_ps(lanes, acc[c]);
        for (float v : lanes)
            sum += v;
    }
    return sum;
}

double fmaLoopScalar(int64_t iterations, bool fp64)
{
    double acc[kChains];
    for (int c = 0; c < kChains; ++c)
        acc[c] = c;
    for (int64_t i = 0; i < iterations; ++i) {
#pragma GCC unroll 16
        for (int c = 0; c < kChains; ++c)
            acc[c] = acc[c] * 1.0000001 + 0.9999999;
    }
    double sum = 0;
    for (double v : acc)
        sum += v;
    (void)fp64;
    return sum;
}

int lanes(VectorIsa isa, bool fp64)
{
    const int bits = isa == VectorIsa::Avx512 ? 512 : isa == VectorIsa::Avx2Fma ? 256 : 64;
    return bits / (fp64 ? 64 : 32);
}

double measureFmaPeak(int threads, VectorIsa isa, double seconds, bool fp64)
{
    threads = std::max(1, threads);
    std::atomic<bool> stop { false };
    std::vector<int64_t> rounds(threads, 0);
    std::vector<double> sinks(threads, 0);
    std::vector<std::thread> workers;
    const auto start = Clock::now();
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            while (!stop.load(std::memory_order_relaxed)) {
                switch (isa) {
                case VectorIsa::Avx512: sinks[t] += fmaLoopAvx512(kInnerIterations, fp64); break;
                case VectorIsa::Avx2Fma: sinks[t] += fmaLoopAvx2(kInnerIterations, fp64); break;
                case VectorIsa::Scalar: sinks[t] += fmaLoopScalar(kInnerIterations, fp64); break;
                }
                ++rounds[t];
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& w : workers)
        w.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    double flops = 0;
    for (int t = 0; t < threads; ++t)
        flops += static_cast<double>(rounds[t]) * kInnerIterations * kChains * lanes(isa, fp64) * 2.0;
    volatile double keep = 0;
    for (double s : sinks)
        keep = keep + s;
    return flops / elapsed;
}

} // namespace

VectorIsa detectVectorIsa()
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f"))
        return VectorIsa::Avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return VectorIsa::Avx2Fma;
    return VectorIsa::Scalar;
}

const char* vectorIsaName(VectorIsa isa)
{
    switch (isa) {
    case VectorIsa::Avx512: return "avx512";
    case VectorIsa::Avx2Fma: return "avx2";
    case VectorIsa::Scalar: return "scalar";
    }
    return "scalar";
}

double measureFp32FmaPeak(int threads, VectorIsa isa, double seconds)
{
    return measureFmaPeak(threads, isa, seconds, false);
}

double measureFp64FmaPeak(int threads, VectorIsa isa, double seconds)
{
    return measureFmaPeak(threads, isa, seconds, true);
}

double measureTriadBandwidth(int64_t workingSetBytes, int threads, double seconds)
{
    threads = std::max(1, threads);
    const int64_t elements = std::max<int64_t>(workingSetBytes / 24, 64 * threads);
    std::unique_ptr<double[]> a(new double[elements]), b(new double[elements]), c(new double[elements]);
    const int64_t chunk = (elements + threads - 1) / threads;
    std::atomic<bool> stop { false };
    std::atomic<int> ready { 0 };
    std::vector<int64_t> passes(threads, 0);
    std::vector<std::thread> workers;
    Clock::time_point start;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            const int64_t from = std::min(elements, t * chunk);
            const int64_t to = std::min(elements, from + chunk);
            // Each thread touches its own part first, so pages land near it.
            for (int64_t i = from; i < to; ++i) {
                a[i] = 0;
                b[i] = 1.0 + i % 7;
                c[i] = 2.0 + i % 5;
            }
            ++ready;
            while (ready.load() < threads) {
            }
            const double s = 3.0;
            while (!stop.load(std::memory_order_relaxed)) {
                for (int64_t i = from; i < to; ++i)
                    a[i] = b[i] + s * c[i];
                ++passes[t];
            }
        });
    }
    while (ready.load() < threads)
        std::this_thread::yield();
    start = Clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& w : workers)
        w.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    double bytes = 0;
    for (int t = 0; t < threads; ++t) {
        const int64_t from = std::min(elements, t * chunk);
        const int64_t to = std::min(elements, from + chunk);
        bytes += static_cast<double>(passes[t]) * static_cast<double>(to - from) * 24.0;
    }
    return bytes / elapsed;
}

std::vector<BandwidthPoint> bandwidthSweep(int threads, int64_t largestBytes, const ProgressCallback& progress)
{
    std::vector<int64_t> sizes;
    for (int64_t s = 16 * 1024; s <= largestBytes; s *= 4)
        sizes.push_back(s);
    std::vector<BandwidthPoint> points;
    for (size_t i = 0; i < sizes.size(); ++i) {
        if (progress && !progress(static_cast<double>(i) / sizes.size()))
            break;
        points.push_back({ sizes[i], measureTriadBandwidth(sizes[i], threads, 0.15) });
    }
    return points;
}

} // namespace graphs
