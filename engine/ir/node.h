#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace graphs {

class ComputeGraph;

/// A tensor-valued attribute, reduced to what analysis needs (shape and type, and small values).
struct TensorAttribute
{
    std::vector<int64_t> dims;
    int32_t dataType = 0;
    std::vector<double> values; ///< only for small tensors with inline data
};

/// An operator attribute, as ONNX defines them. Nested graphs (If/Loop/Scan bodies) are imported too.
using AttributeValue = std::variant<int64_t, double, std::string, std::vector<int64_t>, std::vector<double>,
    std::vector<std::string>, TensorAttribute, std::shared_ptr<const ComputeGraph>,
    std::vector<std::shared_ptr<const ComputeGraph>>>;

/// One operator instance. Inputs/outputs are tensor indices into the owning graph; -1 marks an omitted
/// optional input (ONNX's empty name).
struct Node
{
    std::string name;
    std::string opType;
    std::string domain; ///< "" for the default ONNX domain
    std::map<std::string, AttributeValue> attributes;
    std::vector<int> inputs;
    std::vector<int> outputs;
    /// True when the import computed this node's outputs as constants (shape arithmetic): runtimes fold it away.
    bool foldedAtImport = false;

    bool hasAttribute(const std::string& key) const { return attributes.count(key) > 0; }
    int64_t intAttribute(const std::string& key, int64_t fallback) const;
    double floatAttribute(const std::string& key, double fallback) const;
    std::string stringAttribute(const std::string& key, const std::string& fallback = {}) const;
    std::vector<int64_t> intsAttribute(const std::string& key) const;
    /// Nested graphs held in attributes (If branches, Loop/Scan bodies).
    std::vector<std::shared_ptr<const ComputeGraph>> subgraphs() const;

    /// "Conv 'name'", or "Conv node #i" when the node has no name; used in messages.
    std::string label() const;
    bool isDefaultDomain() const { return domain.empty() || domain == "ai.onnx"; }
};

} // namespace graphs
