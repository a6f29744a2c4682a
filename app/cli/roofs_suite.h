#pragma once

#include <string>

namespace graphs::cli {

/// `graphs benchmark --suite roofs`: FMA peaks, the memory-bandwidth sweep and the GEMM rate of this machine.
int runRoofsSuite(int threads, const std::string& format, const std::string& output);

} // namespace graphs::cli
