#include "native/broadcast.h"

#include <algorithm>

namespace graphs::native {

Result<Dims> broadcastShapes(const std::vector<Dims>& shapes)
{
    size_t rank = 0;
    for (const Dims& s : shapes)
        rank = std::max(rank, s.size());
    Dims out(rank, 1);
    for (const Dims& s : shapes) {
        const size_t pad = rank - s.size();
        for (size_t i = 0; i < s.size(); ++i) {
            int64_t& o = out[pad + i];
            if (s[i] == o || s[i] == 1)
                continue;
            if (o != 1) {
                std::string list;
                for (const Dims& t : shapes)
                    list += (list.empty() ? "" : " and ") + dimsToString(t);
                return invalid("shapes " + list + " do not broadcast");
            }
            o = s[i];
        }
    }
    return out;
}

BroadcastLoop::BroadcastLoop(const Dims& output, const std::vector<Dims>& inputs)
    : m_strides(inputs.size())
{
    const size_t rank = output.size();
    // Per input: contiguous strides of its right-aligned shape, 0 where it broadcasts.
    std::vector<Dims> full(inputs.size(), Dims(rank, 0));
    for (size_t k = 0; k < inputs.size(); ++k) {
        const size_t pad = rank - inputs[k].size();
        int64_t stride = 1;
        for (size_t i = inputs[k].size(); i-- > 0;) {
            full[k][pad + i] = inputs[k][i] == 1 ? 0 : stride;
            stride *= inputs[k][i];
        }
    }
    for (size_t d = 0; d < rank; ++d) {
        if (output[d] == 1)
            continue; // size-1 dimensions change no offset
        bool merge = !m_dims.empty();
        for (size_t k = 0; merge && k < inputs.size(); ++k)
            merge = (m_strides[k].back() == 0) == (full[k][d] == 0);
        if (merge) {
            m_dims.back() *= output[d];
            for (size_t k = 0; k < inputs.size(); ++k)
                m_strides[k].back() = full[k][d]; // the inner stride of the merged pair
        } else {
            m_dims.push_back(output[d]);
            for (size_t k = 0; k < inputs.size(); ++k)
                m_strides[k].push_back(full[k][d]);
        }
    }
    if (m_dims.empty()) {
        m_dims.push_back(1);
        for (auto& s : m_strides)
            s.push_back(0);
    }
    m_rows = 1;
    for (size_t d = 0; d + 1 < m_dims.size(); ++d)
        m_rows *= m_dims[d];
}

int64_t BroadcastLoop::offset(size_t k, int64_t row) const
{
    int64_t off = 0;
    for (size_t d = m_dims.size() - 1; d-- > 0;) {
        const int64_t idx = row % m_dims[d];
        row /= m_dims[d];
        off += idx * m_strides[k][d];
    }
    return off;
}

} // namespace graphs::native
