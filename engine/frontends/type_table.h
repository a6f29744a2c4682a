#pragma once

// Internal to the ONNX frontend: the element type and shape of every tensor name, as shape inference left them.

#include "ir/tensor.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace graphs::onnxfe {

/// What the import reads of an ONNX type, by tensor name, in flat arrays. A 200,000-node model has a quarter of a
/// million types; held as a map of TypeProtos (six allocations each) or of Shapes, building, reading and freeing
/// them took longer than the rest of the import apart from ONNX's own inference.
///
///     TypeTable types;
///     types.put("x", valueInfo.type());
///     if (const TypeTable::Entry* e = types.find("x"); e && e->isTensor) shape = types.shape(*e);
class TypeTable
{
public:
    struct Entry
    {
        bool isTensor = false;  ///< a tensor type; sequences, maps and optionals carry nothing else here
        bool rankKnown = false; ///< the type has a shape
        int32_t elemType = 0;   ///< onnx::TensorProto::DataType
        uint32_t firstDim = 0;  ///< into the table's dimension arrays
        uint32_t rank = 0;
    };

    void clear();
    void reserve(size_t names);
    size_t size() const { return m_entries.size(); }

    /// Sets the type of `name`, replacing what it had.
    void put(std::string_view name, const onnx::TypeProto& type);
    /// A tensor of `elemType` with these known dimensions (an initializer).
    void putTensor(std::string_view name, int32_t elemType, const google::protobuf::RepeatedField<int64_t>& dims);

    const Entry* find(std::string_view name) const;
    /// The shape as the IR holds it: a dim_value is a known size, anything else unknown with its dim_param.
    Shape shape(const Entry& entry) const;
    /// The sizes when every dimension has a dim_value of at least 0.
    std::optional<std::vector<int64_t>> knownDims(const Entry& entry) const;

private:
    struct Slot
    {
        uint32_t nameOffset = 0;
        uint32_t nameLength = 0;
        Entry entry;
    };

    Entry& slotFor(std::string_view name);
    std::string_view nameOf(const Slot& slot) const;
    void rehash(size_t slots);
    void addDim(int64_t value, std::string_view symbol);

    std::string m_names;             ///< every name, back to back
    std::vector<Slot> m_entries;
    std::vector<uint32_t> m_index;   ///< open addressing: entry + 1, 0 for free; a power of two, at most half full
    std::vector<int64_t> m_dimValues;///< -1 where a dimension has no dim_value
    std::vector<uint32_t> m_dimSymbols; ///< index + 1 into m_symbols, 0 for none
    std::vector<std::string> m_symbols;
    std::unordered_map<std::string, uint32_t> m_symbolIndex;
};

} // namespace graphs::onnxfe
