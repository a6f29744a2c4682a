#pragma once

#include <cstdint>
#include <optional>

namespace graphs {

/// 64-bit arithmetic that reports overflow instead of wrapping: counts of MACs and bytes must never wrap silently.
inline std::optional<int64_t> checkedMul(int64_t a, int64_t b)
{
    int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r))
        return std::nullopt;
    return r;
}

inline std::optional<int64_t> checkedAdd(int64_t a, int64_t b)
{
    int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r))
        return std::nullopt;
    return r;
}

/// Accumulates a product or sum and remembers whether any step overflowed.
class CheckedCount
{
public:
    explicit CheckedCount(int64_t start = 0) : m_value(start) { }

    CheckedCount& operator*=(int64_t b)
    {
        if (auto r = checkedMul(m_value, b))
            m_value = *r;
        else
            m_overflow = true;
        return *this;
    }
    CheckedCount& operator+=(int64_t b)
    {
        if (auto r = checkedAdd(m_value, b))
            m_value = *r;
        else
            m_overflow = true;
        return *this;
    }
    bool overflow() const { return m_overflow; }
    int64_t value() const { return m_value; }

private:
    int64_t m_value;
    bool m_overflow = false;
};

} // namespace graphs
