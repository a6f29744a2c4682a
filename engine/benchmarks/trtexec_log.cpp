#include "benchmarks/trtexec_log.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <vector>

namespace graphs {

namespace {

std::string trim(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string lowered(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

bool contains(const std::string& text, const char* fragment)
{
    return text.find(fragment) != std::string::npos;
}

/// One line of trtexec's log: "[07/22/2024-10:00:00] [E] [TRT] message" → severity 'E' and "message". Lines without
/// the prefix (continuations, the "&&&&" banner, a loader's message) have severity 0.
struct LogLine
{
    char severity = 0;
    std::string message;
};

LogLine splitLogLine(const std::string& raw)
{
    std::string line = trim(raw);
    // The time stamp is "[08/14/2024-10:40:12]"; a continuation such as "[6] Invalid Node - …" (the parser's error
    // code) starts with a bracketed number too, and keeps it.
    if (line.size() > 2 && line[0] == '[' && std::isdigit(static_cast<unsigned char>(line[1]))) {
        const auto close = line.find("] ");
        const std::string stamp = close == std::string::npos ? std::string() : line.substr(1, close - 1);
        const bool isStamp = stamp.find('/') != std::string::npos
            && stamp.find_first_not_of("0123456789/-:.") == std::string::npos;
        if (isStamp)
            line = line.substr(close + 2);
    }
    LogLine out;
    if (line.size() >= 3 && line[0] == '[' && line[2] == ']' && std::string("IWEFV").find(line[1]) != std::string::npos) {
        out.severity = line[1];
        line = trim(line.substr(3));
        if (line.rfind("[TRT]", 0) == 0)
            line = trim(line.substr(5));
    }
    out.message = line;
    return out;
}

std::vector<LogLine> logLines(const std::string& output)
{
    std::vector<LogLine> lines;
    std::istringstream in(output);
    for (std::string raw; std::getline(in, raw);)
        lines.push_back(splitLogLine(raw));
    return lines;
}

bool isErrorLine(const LogLine& l)
{
    return l.severity == 'E' || l.severity == 'F' || l.message.rfind("Cuda failure", 0) == 0
        || contains(l.message, "error while loading shared libraries");
}

/// Lines trtexec prints after every failure, which say nothing about the cause.
bool isGeneric(const std::string& message)
{
    static const std::array<const char*, 12> generic { "Failed to parse onnx file", "Parsing model failed",
        "Failed to create engine from model or file", "Engine set up failed", "Engine could not be created",
        "Building engine failed", "Unable to build engine", "Network And Config setup failed", "--- Begin node ---",
        "--- End node ---", "Inference set up failed", "Error occurred during inference" };
    return message.empty() || std::any_of(generic.begin(), generic.end(), [&](const char* g) { return contains(message, g); });
}

/// The error line at `i` with up to two unprefixed continuation lines ("ERROR: … In function parseNode:" is
/// followed by "[6] Invalid Node - /nms/NonMaxSuppression").
std::string quoteAt(const std::vector<LogLine>& lines, size_t i)
{
    std::string quote = lines[i].message;
    for (size_t j = i + 1; j < lines.size() && j <= i + 2 && lines[j].severity == 0; ++j) {
        const std::string& next = lines[j].message;
        if (next.empty() || quote.empty() || next.rfind("&&&&", 0) == 0 || !(quote.back() == ':' || next[0] == '['))
            break;
        quote += " " + next;
    }
    return quote;
}

} // namespace

std::string tensorrtVersionFromCode(long code)
{
    if (code <= 0)
        return {};
    // NV_TENSORRT_VERSION: major·1000 + minor·100 + patch up to 9.x, major·10000 + minor·100 + patch from 10.0.
    const bool wide = code >= 10000;
    const long major = wide ? code / 10000 : code / 1000;
    const long minor = wide ? (code / 100) % 100 : (code / 100) % 10;
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(code % 100);
}

TrtexecLogFacts parseTrtexecLog(const std::string& output)
{
    TrtexecLogFacts facts;
    std::string bannerVersion;
    for (const LogLine& l : logLines(output)) {
        auto after = [&](const char* key) {
            const auto at = l.message.rfind(key, 0);
            return at == 0 ? trim(l.message.substr(std::string(key).size())) : std::string();
        };
        if (auto v = after("TensorRT version:"); !v.empty() && facts.tensorrtVersion.empty())
            facts.tensorrtVersion = v;
        if (auto v = after("Selected Device:"); !v.empty() && facts.device.empty())
            facts.device = v;
        if (auto v = after("Compute Capability:"); !v.empty() && facts.computeCapability.empty())
            facts.computeCapability = v;
        if (const auto at = l.message.find("[TensorRT v"); at != std::string::npos && bannerVersion.empty())
            bannerVersion = tensorrtVersionFromCode(std::strtol(l.message.c_str() + at + 11, nullptr, 10));
    }
    if (facts.tensorrtVersion.empty())
        facts.tensorrtVersion = bannerVersion;
    return facts;
}

TrtexecFailure diagnoseTrtexecFailure(const std::string& output)
{
    const std::vector<LogLine> lines = logLines(output);
    TrtexecFailure failure;
    std::optional<size_t> specific, located, firstUseful, firstError;
    bool rejected = false;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (!isErrorLine(lines[i]))
            continue;
        const std::string& m = lines[i].message;
        const std::string low = lowered(m);
        if (contains(low, "error while loading shared libraries")) {
            failure.kind = TrtexecFailure::Kind::MissingLibraries;
            failure.quote = m;
            return failure;
        }
        if (contains(low, "out of memory") || contains(low, "outofmemory") || contains(low, "memoryallocation")
            || contains(low, "could not be allocated")) {
            failure.kind = TrtexecFailure::Kind::OutOfMemory;
            failure.quote = quoteAt(lines, i);
            return failure;
        }
        rejected = rejected || contains(m, "ModelImporter") || contains(m, "Failed to parse onnx")
            || contains(m, "Parsing model failed") || contains(m, "Engine could not be created")
            || contains(m, "Building engine failed") || contains(m, "Invalid Node");
        firstError = firstError.value_or(i);
        if (!isGeneric(m)) {
            firstUseful = firstUseful.value_or(i);
            // The reason itself; "While parsing node …" only says where, and is second choice.
            if (!specific && (contains(m, "ERROR:") || contains(m, "Error Code") || contains(m, "Assertion")
                                 || contains(m, "Invalid Node")))
                specific = i;
            if (!located && contains(m, "While parsing node"))
                located = i;
        }
    }
    if (!specific)
        specific = located;
    failure.kind = rejected ? TrtexecFailure::Kind::ModelRejected : TrtexecFailure::Kind::Other;
    if (const auto at = specific ? specific : firstUseful ? firstUseful : firstError)
        failure.quote = quoteAt(lines, *at);
    else {
        for (auto it = lines.rbegin(); it != lines.rend() && failure.quote.empty(); ++it)
            failure.quote = it->message.rfind("&&&&", 0) == 0 ? std::string() : it->message;
    }
    return failure;
}

std::string describeTrtexecFailure(const TrtexecFailure& failure, int exitStatus)
{
    const std::string quoted = failure.quote.empty() ? std::string() : ": \"" + failure.quote + "\"";
    switch (failure.kind) {
    case TrtexecFailure::Kind::ModelRejected:
        return "TensorRT rejected the model" + quoted;
    case TrtexecFailure::Kind::OutOfMemory:
        return "the GPU ran out of memory" + quoted
            + " (try a smaller --batch, close other GPU work, or on a Jetson free shared memory)";
    case TrtexecFailure::Kind::MissingLibraries:
        return "trtexec cannot load its libraries" + quoted
            + " (add TensorRT's lib folder and CUDA's to LD_LIBRARY_PATH, or install the TensorRT packages)";
    case TrtexecFailure::Kind::Other:
        break;
    }
    return "trtexec failed" + (exitStatus >= 0 ? " with status " + std::to_string(exitStatus) : std::string(" (killed)"))
        + quoted;
}

std::map<std::string, std::string> parseNvidiaSmiQuery(const std::string& output)
{
    static const std::array<const char*, 5> keys { "gpu", "gpu_driver", "sm_clock_mhz", "sm_clock_max_mhz",
        "memory_clock_mhz" };
    std::map<std::string, std::string> facts;
    std::istringstream in(output);
    std::string line;
    while (std::getline(in, line) && trim(line).empty()) { }
    std::istringstream fields(line);
    size_t k = 0;
    for (std::string field; k < keys.size() && std::getline(fields, field, ','); ++k) {
        field = trim(field);
        if (!field.empty() && field.find("N/A") == std::string::npos && field != "Not Supported")
            facts[keys[k]] = field;
    }
    return facts;
}

std::string parseNvpmodelQuery(const std::string& output)
{
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) {
        static const std::string key = "NV Power Mode:";
        if (const auto at = line.find(key); at != std::string::npos)
            return trim(line.substr(at + key.size()));
    }
    return {};
}

} // namespace graphs
