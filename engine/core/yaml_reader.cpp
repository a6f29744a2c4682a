#include "core/yaml_reader.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace graphs::yamlio {

std::string YamlReader::location(const YAML::Node& node) const
{
    const int l = line(node);
    return l > 0 ? m_file + ":" + std::to_string(l) : m_file;
}

void YamlReader::fail(const YAML::Node& at, const std::string& path, const std::string& message) const
{
    throw SchemaViolation { Error { ErrorCode::InvalidData, "key '" + path + "': " + message, location(at) } };
}

void YamlReader::checkMap(const YAML::Node& node, const std::string& path, std::initializer_list<const char*> allowed,
    std::initializer_list<const char*> required) const
{
    if (!node.IsMap())
        fail(node, path, "expected a mapping of keys to values");
    std::set<std::string> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.as<std::string>();
        const std::string child = path.empty() ? key : path + "." + key;
        if (!seen.insert(key).second)
            fail(it->first, child, "appears twice");
        bool known = false;
        for (const char* a : allowed)
            known = known || key == a;
        if (!known) {
            std::string list;
            for (const char* a : allowed)
                list += std::string(list.empty() ? "" : ", ") + a;
            fail(it->first, child, "unknown key (allowed here: " + list + ")");
        }
    }
    for (const char* r : required) {
        if (!seen.count(r))
            fail(node, path.empty() ? r : path + "." + r, "is required but missing");
    }
}

void YamlReader::checkSequence(const YAML::Node& node, const std::string& path, bool nonEmpty) const
{
    if (!node.IsSequence())
        fail(node, path, "expected a list");
    if (nonEmpty && node.size() == 0)
        fail(node, path, "must not be empty");
}

std::string YamlReader::string(const YAML::Node& node, const std::string& path) const
{
    if (!node.IsScalar())
        fail(node, path, "expected a text value");
    const std::string value = node.Scalar();
    if (value.empty())
        fail(node, path, "must not be empty");
    return value;
}

double YamlReader::number(const YAML::Node& node, const std::string& path) const
{
    if (!node.IsScalar())
        fail(node, path, "expected a number");
    const std::string& text = node.Scalar();
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value))
        fail(node, path, "expected a number, got '" + text + "'");
    return value;
}

double YamlReader::positive(const YAML::Node& node, const std::string& path, double max) const
{
    const double value = number(node, path);
    if (value <= 0)
        fail(node, path, "must be positive, got " + node.Scalar());
    if (value > max)
        fail(node, path, "is implausibly large (" + node.Scalar() + "; at most " + std::to_string(max) + ")");
    return value;
}

int64_t YamlReader::integer(const YAML::Node& node, const std::string& path, int64_t min, int64_t max) const
{
    const double value = number(node, path);
    if (value != std::floor(value))
        fail(node, path, "expected a whole number, got " + node.Scalar());
    if (value < static_cast<double>(min) || value > static_cast<double>(max))
        fail(node, path, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got "
                + node.Scalar());
    return static_cast<int64_t>(value);
}

bool YamlReader::boolean(const YAML::Node& node, const std::string& path) const
{
    if (!node.IsScalar())
        fail(node, path, "expected true or false");
    const std::string& v = node.Scalar();
    if (v == "true" || v == "yes")
        return true;
    if (v == "false" || v == "no")
        return false;
    fail(node, path, "expected true or false, got '" + v + "'");
}

Result<std::string> readTextFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error { ErrorCode::Io, "cannot open the file", path };
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace graphs::yamlio
