#include "reporting/number_format.h"

#include <cmath>
#include <cstdio>

namespace graphs {

std::string fixed(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

namespace {

std::string scaled(double value, const char* unitSuffix)
{
    static const char* const prefixes[] = { "", "k", "M", "G", "T", "P", "E" };
    int p = 0;
    double v = value;
    while (std::fabs(v) >= 1000.0 && p < 6) {
        v /= 1000.0;
        ++p;
    }
    const int decimals = p == 0 ? 0 : (std::fabs(v) < 10 ? 2 : (std::fabs(v) < 100 ? 1 : 0));
    std::string out = fixed(v, decimals);
    if (p > 0 || *unitSuffix)
        out += ' ';
    out += prefixes[p];
    out += unitSuffix;
    return out;
}

} // namespace

std::string column(const std::string& text, size_t width)
{
    return padRight(text, width - 1) + ' ';
}

std::string padRight(std::string text, size_t width)
{
    if (text.size() < width)
        text.append(width - text.size(), ' ');
    return text;
}

std::string padLeft(std::string text, size_t width)
{
    if (text.size() < width)
        text.insert(0, width - text.size(), ' ');
    return text;
}

std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

std::string humanCount(double value)
{
    return scaled(value, "");
}

std::string humanBytes(double bytes)
{
    return scaled(bytes, "B");
}

} // namespace graphs
