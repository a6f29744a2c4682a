#include "ir/einsum_equation.h"

#include <algorithm>
#include <cctype>

namespace graphs {

int64_t EinsumShapes::jointSpace() const
{
    int64_t n = 1;
    for (int64_t d : ellipsisDims) {
        if (__builtin_mul_overflow(n, d, &n))
            return INT64_MAX;
    }
    for (const auto& [label, size] : labelSizes) {
        if (__builtin_mul_overflow(n, size, &n))
            return INT64_MAX;
    }
    return n;
}

std::optional<EinsumShapes> resolveEinsum(const std::string& equation, const std::vector<std::vector<int64_t>>& operands)
{
    std::string eq;
    for (char c : equation) {
        if (c != ' ')
            eq += c;
    }
    const auto arrow = eq.find("->");
    const std::string lhs = eq.substr(0, arrow);
    std::vector<std::string> terms;
    size_t start = 0;
    while (true) {
        const size_t comma = lhs.find(',', start);
        terms.push_back(lhs.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    if (terms.size() != operands.size())
        return std::nullopt;

    EinsumShapes out;
    out.operands = operands.size();
    std::map<char, int> counts;
    for (size_t t = 0; t < terms.size(); ++t) {
        const std::string& term = terms[t];
        const size_t dots = term.find("...");
        size_t letters = 0;
        for (char c : term)
            letters += std::isalpha(static_cast<unsigned char>(c)) ? 1 : 0;
        const auto& dims = operands[t];
        if (dims.size() < letters || (dots == std::string::npos && dims.size() != letters))
            return std::nullopt;
        const size_t ellipsisRank = dims.size() - letters;
        size_t d = 0;
        for (size_t pos = 0; pos < term.size(); ++pos) {
            if (dots != std::string::npos && pos == dots) {
                // Broadcast the ellipsis dims right-aligned against those of the other operands.
                std::vector<int64_t> e(dims.begin() + d, dims.begin() + d + ellipsisRank);
                auto& acc = out.ellipsisDims;
                if (e.size() > acc.size())
                    acc.insert(acc.begin(), e.size() - acc.size(), 1);
                for (size_t i = 0; i < e.size(); ++i) {
                    int64_t& slot = acc[acc.size() - e.size() + i];
                    slot = std::max(slot, e[i]);
                }
                d += ellipsisRank;
                pos += 2;
                continue;
            }
            const char c = term[pos];
            if (!std::isalpha(static_cast<unsigned char>(c)))
                return std::nullopt;
            const int64_t size = dims[d++];
            auto it = out.labelSizes.find(c);
            if (it != out.labelSizes.end() && it->second != size && it->second != 1 && size != 1)
                return std::nullopt;
            out.labelSizes[c] = it == out.labelSizes.end() ? size : std::max(it->second, size);
            ++counts[c];
        }
    }

    std::string rhs;
    if (arrow != std::string::npos) {
        rhs = eq.substr(arrow + 2);
    } else {
        // Implicit output: the ellipsis, then the labels that appear once, in alphabetical order.
        rhs = out.ellipsisDims.empty() ? "" : "...";
        for (const auto& [c, n] : counts) {
            if (n == 1)
                rhs += c;
        }
    }
    for (size_t pos = 0; pos < rhs.size(); ++pos) {
        if (rhs.compare(pos, 3, "...") == 0) {
            out.outputDims.insert(out.outputDims.end(), out.ellipsisDims.begin(), out.ellipsisDims.end());
            pos += 2;
            continue;
        }
        auto it = out.labelSizes.find(rhs[pos]);
        if (it == out.labelSizes.end())
            return std::nullopt;
        out.outputDims.push_back(it->second);
    }
    return out;
}

} // namespace graphs
