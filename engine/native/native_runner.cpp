#include "native/native_runner.h"

#include "core/data_paths.h"

#include <filesystem>

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>
#endif

namespace graphs {

namespace fs = std::filesystem;

Result<std::string> nativeRunnerProgramName()
{
#if defined(__x86_64__) || defined(_M_X64)
    __builtin_cpu_init();
    // F16C through CPUID leaf 1: clang before 16 rejects __builtin_cpu_supports("f16c") at compile time.
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    const bool f16c = __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_F16C);
    // The -march=x86-64-vN levels: v4 adds AVX-512 F/BW/CD/DQ/VL to v3's AVX2, FMA, BMI2, F16C.
    const bool v3 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2")
        && f16c;
    const bool v4 = v3 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512vl");
    if (v4)
        return std::string("graphs-native-runner-v4");
    if (v3)
        return std::string("graphs-native-runner-v3");
    return Error { ErrorCode::Unsupported, "the native runtime needs an x86-64-v3 processor (AVX2 and FMA)",
        "graphs-native-runner" };
#else
    return std::string("graphs-native-runner");
#endif
}

Result<std::string> findNativeRunnerProgram(const std::vector<std::string>& extraDirs)
{
    auto name = nativeRunnerProgramName();
    if (!name)
        return name.error();
    if (std::string path = helperProgramPath(*name); !path.empty())
        return path;
    std::error_code ec;
    for (const std::string& dir : extraDirs) {
        const fs::path candidate = fs::path(dir) / *name;
        if (fs::exists(candidate, ec))
            return candidate.string();
    }
    return Error { ErrorCode::NotFound,
        "the native runner '" + *name + "' is neither next to this program nor in ../libexec/graphs", *name };
}

} // namespace graphs
