// graphs-gemm-probe: SGEMM rate with Eigen, for `graphs benchmark --suite roofs`. Built once per x86-64 level
// (v3: AVX2+FMA, v4: AVX-512) because Eigen picks its kernels at compile time; graphs runs the one the processor
// supports. Usage: graphs-gemm-probe-vN SIZE THREADS SECONDS → {"n": …, "threads": …, "flops_per_s": …}

#include <Eigen/Dense>

#include <chrono>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s SIZE THREADS SECONDS\n", argv[0]);
        return 2;
    }
    const int n = std::atoi(argv[1]);
    const int threads = std::atoi(argv[2]);
    const double seconds = std::atof(argv[3]);
    if (n <= 0 || n > 16384 || threads <= 0 || seconds <= 0) {
        std::fprintf(stderr, "%s: invalid arguments\n", argv[0]);
        return 2;
    }
    Eigen::setNbThreads(threads);
    Eigen::MatrixXf a = Eigen::MatrixXf::Random(n, n);
    Eigen::MatrixXf b = Eigen::MatrixXf::Random(n, n);
    Eigen::MatrixXf c(n, n);
    c.noalias() = a * b; // warm-up: page faults, thread pool
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    int runs = 0;
    double elapsed = 0;
    do {
        c.noalias() = a * b;
        ++runs;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    } while (elapsed < seconds);
    const double flops = 2.0 * n * double(n) * n * runs / elapsed;
    std::printf("{\"n\": %d, \"threads\": %d, \"runs\": %d, \"flops_per_s\": %.6e, \"check\": %.3f}\n", n,
        Eigen::nbThreads(), runs, flops, double(c(0, 0)));
    return 0;
}
