#pragma once

// Internal: reads a YAML document against a schema, with errors that name the file, the line and the key path.

#include "core/error.h"

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace graphs::yamlio {

/// Thrown inside readers and turned into an Error at the loader's boundary.
struct SchemaViolation
{
    Error error;
};

class YamlReader
{
public:
    explicit YamlReader(std::string file) : m_file(std::move(file)) { }

    const std::string& file() const { return m_file; }

    [[noreturn]] void fail(const YAML::Node& at, const std::string& path, const std::string& message) const;

    /// Checks that `node` is a map whose keys are all in `allowed` and that every key in `required` is present.
    void checkMap(const YAML::Node& node, const std::string& path, std::initializer_list<const char*> allowed,
        std::initializer_list<const char*> required) const;
    void checkSequence(const YAML::Node& node, const std::string& path, bool nonEmpty = true) const;

    std::string string(const YAML::Node& node, const std::string& path) const;
    double number(const YAML::Node& node, const std::string& path) const;
    /// A number in (min, max]; `min` exclusive so that zero sizes are refused.
    double positive(const YAML::Node& node, const std::string& path, double max) const;
    int64_t integer(const YAML::Node& node, const std::string& path, int64_t min, int64_t max) const;
    bool boolean(const YAML::Node& node, const std::string& path) const;

    /// Records a typed figure for the sources check.
    void figure(const std::string& path, const YAML::Node& node) { m_figures.push_back({ path, line(node) }); }
    struct Figure
    {
        std::string path;
        int line;
    };
    const std::vector<Figure>& figures() const { return m_figures; }

    static int line(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }
    std::string location(const YAML::Node& node) const;

private:
    std::string m_file;
    std::vector<Figure> m_figures;
};

/// Parses `text` as one YAML document and hands its root to `read(reader, root)`, which returns a T or throws
/// SchemaViolation. Syntax errors become errors naming displayName:line; an empty document is an error too.
template <typename T, typename Read>
Result<T> parseDocument(const std::string& text, const std::string& displayName, Read&& read)
{
    YamlReader reader(displayName);
    try {
        const YAML::Node root = YAML::Load(text);
        if (!root || root.IsNull())
            return Error { ErrorCode::InvalidData, "the file is empty", displayName };
        return read(reader, root);
    } catch (const YAML::Exception& e) {
        const std::string where = e.mark.is_null() ? displayName : displayName + ":" + std::to_string(e.mark.line + 1);
        return Error { ErrorCode::InvalidData, "YAML syntax error: " + e.msg, where };
    } catch (const SchemaViolation& v) {
        return v.error;
    }
}

/// The whole text of a file, or an Io error naming it.
Result<std::string> readTextFile(const std::string& path);

} // namespace graphs::yamlio
