#pragma once

#include "core/diagnostic.h"
#include "core/error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace graphs {

/// Widest vector ISA a roof kernel may use on this processor.
enum class VectorIsa { Scalar, Avx2Fma, Avx512 };
VectorIsa detectVectorIsa();
const char* vectorIsaName(VectorIsa isa);

/// Peak fp32 FMA throughput: independent FMA chains held in registers, one per thread, for at least `seconds`.
/// Returns FLOP/s (an FMA counts 2).
double measureFp32FmaPeak(int threads, VectorIsa isa, double seconds = 0.3);
/// The same for fp64.
double measureFp64FmaPeak(int threads, VectorIsa isa, double seconds = 0.3);

struct BandwidthPoint
{
    int64_t workingSetBytes = 0; ///< the three arrays of the triad together
    double bytesPerSecond = 0;   ///< 24 bytes per element (read b, read c, write a), as STREAM counts
};

/// STREAM triad a[i] = b[i] + s·c[i] on doubles split over `threads`, repeated for at least `seconds`.
double measureTriadBandwidth(int64_t workingSetBytes, int threads, double seconds = 0.2);
/// The triad over working sets from 16 KiB to `largestBytes` (×4 steps): each cache level shows as a plateau.
std::vector<BandwidthPoint> bandwidthSweep(int threads, int64_t largestBytes, const ProgressCallback& progress = {});

} // namespace graphs

namespace graphs {

/// FLOP/s of an n×n×n SGEMM measured by the GEMM probe executable (app/probes/gemm_probe.cpp) with `threads`
/// threads for about `seconds`. The probe runs out of process because Eigen fixes its kernels at compile time:
/// one probe is built per x86-64 level.
Result<double> runGemmProbe(const std::string& probePath, int n, int threads, double seconds = 1.0);

} // namespace graphs
