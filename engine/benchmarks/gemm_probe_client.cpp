#include "benchmarks/roofs.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>

namespace graphs {

namespace {

std::string shellQuoted(const std::string& s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

} // namespace

Result<double> runGemmProbe(const std::string& probePath, int n, int threads, double seconds)
{
    const std::string command = shellQuoted(probePath) + " " + std::to_string(n) + " " + std::to_string(threads) + " "
        + std::to_string(seconds) + " 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
    if (!pipe)
        return Error { ErrorCode::Io, "cannot start the GEMM probe", probePath };
    std::string text;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe.get()))
        text += buffer;
    try {
        const double rate = nlohmann::json::parse(text).at("flops_per_s").get<double>();
        if (!(rate > 0))
            return Error { ErrorCode::InvalidData, "the GEMM probe reported a non-positive rate", probePath };
        return rate;
    } catch (const std::exception&) {
        return Error { ErrorCode::InvalidData, "the GEMM probe's reply is not understood: " + text.substr(0, 200),
            probePath };
    }
}

} // namespace graphs
