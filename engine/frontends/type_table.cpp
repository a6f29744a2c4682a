#include "frontends/type_table.h"

#include <algorithm>
#include <functional>

namespace graphs::onnxfe {

namespace {

size_t nameHash(std::string_view name)
{
    return std::hash<std::string_view> {}(name);
}

} // namespace

void TypeTable::clear()
{
    m_names.clear();
    m_entries.clear();
    std::fill(m_index.begin(), m_index.end(), 0U);
    m_dimValues.clear();
    m_dimSymbols.clear();
    // Symbols stay interned: the next pass of the resolver sees the same ones.
}

void TypeTable::reserve(size_t names)
{
    m_entries.reserve(names);
    size_t slots = 16;
    while (slots < 2 * names)
        slots *= 2;
    if (slots > m_index.size())
        rehash(slots);
}

void TypeTable::rehash(size_t slots)
{
    m_index.assign(slots, 0U);
    const size_t mask = slots - 1;
    for (size_t i = 0; i < m_entries.size(); ++i) {
        size_t s = nameHash(nameOf(m_entries[i])) & mask;
        while (m_index[s] != 0)
            s = (s + 1) & mask;
        m_index[s] = static_cast<uint32_t>(i + 1);
    }
}

std::string_view TypeTable::nameOf(const Slot& slot) const
{
    return std::string_view(m_names).substr(slot.nameOffset, slot.nameLength);
}

TypeTable::Entry& TypeTable::slotFor(std::string_view name)
{
    if (2 * (m_entries.size() + 1) > m_index.size())
        rehash(std::max<size_t>(32, 2 * m_index.size()));
    const size_t mask = m_index.size() - 1;
    size_t s = nameHash(name) & mask;
    for (; m_index[s] != 0; s = (s + 1) & mask) {
        Slot& slot = m_entries[m_index[s] - 1];
        if (nameOf(slot) == name)
            return slot.entry;
    }
    Slot slot;
    slot.nameOffset = static_cast<uint32_t>(m_names.size());
    slot.nameLength = static_cast<uint32_t>(name.size());
    m_names.append(name);
    m_entries.push_back(slot);
    m_index[s] = static_cast<uint32_t>(m_entries.size());
    return m_entries.back().entry;
}

const TypeTable::Entry* TypeTable::find(std::string_view name) const
{
    if (m_index.empty())
        return nullptr;
    const size_t mask = m_index.size() - 1;
    for (size_t s = nameHash(name) & mask; m_index[s] != 0; s = (s + 1) & mask) {
        const Slot& slot = m_entries[m_index[s] - 1];
        if (nameOf(slot) == name)
            return &slot.entry;
    }
    return nullptr;
}

void TypeTable::addDim(int64_t value, std::string_view symbol)
{
    m_dimValues.push_back(value);
    if (symbol.empty()) {
        m_dimSymbols.push_back(0);
        return;
    }
    auto [it, added] = m_symbolIndex.try_emplace(std::string(symbol), static_cast<uint32_t>(m_symbols.size()));
    if (added)
        m_symbols.emplace_back(symbol);
    m_dimSymbols.push_back(it->second + 1);
}

void TypeTable::put(std::string_view name, const onnx::TypeProto& type)
{
    Entry& e = slotFor(name);
    e = Entry {};
    e.isTensor = type.has_tensor_type();
    if (!e.isTensor)
        return;
    e.elemType = type.tensor_type().elem_type();
    if (!type.tensor_type().has_shape())
        return;
    e.rankKnown = true;
    e.firstDim = static_cast<uint32_t>(m_dimValues.size());
    for (const auto& d : type.tensor_type().shape().dim()) {
        if (d.has_dim_value())
            addDim(d.dim_value(), {});
        else
            addDim(-1, d.dim_param());
    }
    e.rank = static_cast<uint32_t>(m_dimValues.size()) - e.firstDim;
}

void TypeTable::putTensor(std::string_view name, int32_t elemType, const google::protobuf::RepeatedField<int64_t>& dims)
{
    Entry& e = slotFor(name);
    e = Entry {};
    e.isTensor = true;
    e.elemType = elemType;
    e.rankKnown = true;
    e.firstDim = static_cast<uint32_t>(m_dimValues.size());
    for (int64_t d : dims)
        addDim(d, {});
    e.rank = static_cast<uint32_t>(dims.size());
}

Shape TypeTable::shape(const Entry& entry) const
{
    Shape s;
    s.rankKnown = entry.rankKnown;
    s.dims.reserve(entry.rank);
    for (uint32_t i = entry.firstDim; i < entry.firstDim + entry.rank; ++i) {
        const uint32_t symbol = m_dimSymbols[i];
        s.dims.push_back(Dim { m_dimValues[i], symbol == 0 ? std::string() : m_symbols[symbol - 1] });
    }
    return s;
}

std::optional<std::vector<int64_t>> TypeTable::knownDims(const Entry& entry) const
{
    if (!entry.isTensor || !entry.rankKnown)
        return std::nullopt;
    std::vector<int64_t> dims(m_dimValues.begin() + entry.firstDim, m_dimValues.begin() + entry.firstDim + entry.rank);
    for (int64_t d : dims) {
        if (d < 0) // no dim_value, or a negative one
            return std::nullopt;
    }
    return dims;
}

} // namespace graphs::onnxfe
