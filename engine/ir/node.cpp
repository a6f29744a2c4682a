#include "ir/node.h"

#include "ir/compute_graph.h"

namespace graphs {

int64_t Node::intAttribute(const std::string& key, int64_t fallback) const
{
    auto it = attributes.find(key);
    if (it == attributes.end())
        return fallback;
    if (const auto* v = std::get_if<int64_t>(&it->second))
        return *v;
    return fallback;
}

double Node::floatAttribute(const std::string& key, double fallback) const
{
    auto it = attributes.find(key);
    if (it == attributes.end())
        return fallback;
    if (const auto* v = std::get_if<double>(&it->second))
        return *v;
    if (const auto* i = std::get_if<int64_t>(&it->second))
        return static_cast<double>(*i);
    return fallback;
}

std::string Node::stringAttribute(const std::string& key, const std::string& fallback) const
{
    auto it = attributes.find(key);
    if (it == attributes.end())
        return fallback;
    if (const auto* v = std::get_if<std::string>(&it->second))
        return *v;
    return fallback;
}

std::vector<int64_t> Node::intsAttribute(const std::string& key) const
{
    auto it = attributes.find(key);
    if (it == attributes.end())
        return {};
    if (const auto* v = std::get_if<std::vector<int64_t>>(&it->second))
        return *v;
    return {};
}

std::vector<std::shared_ptr<const ComputeGraph>> Node::subgraphs() const
{
    std::vector<std::shared_ptr<const ComputeGraph>> out;
    for (const auto& [key, value] : attributes) {
        if (const auto* g = std::get_if<std::shared_ptr<const ComputeGraph>>(&value)) {
            if (*g)
                out.push_back(*g);
        } else if (const auto* gs = std::get_if<std::vector<std::shared_ptr<const ComputeGraph>>>(&value)) {
            for (const auto& sub : *gs) {
                if (sub)
                    out.push_back(sub);
            }
        }
    }
    return out;
}

std::string Node::label() const
{
    return opType + " '" + name + "'";
}

} // namespace graphs
