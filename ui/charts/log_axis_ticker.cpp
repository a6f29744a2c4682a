#include "charts/log_axis_ticker.h"

#include <cmath>

namespace graphs::ui {

LogAxisTicker::LogAxisTicker(QString unit)
    : m_unit(std::move(unit))
{
    setLogBase(10);
    setSubTickCount(8);
}

QString LogAxisTicker::siLabel(double value, const QString& unit)
{
    static const char* const prefixes[] = { "", "k", "M", "G", "T", "P", "E" };
    int p = 0;
    double v = value;
    while (std::fabs(v) >= 999.5 && p < 6) {
        v /= 1000.0;
        ++p;
    }
    const QString number = QString::number(v, 'g', 3);
    if (p == 0)
        return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
    return number + QLatin1Char(' ') + QLatin1String(prefixes[p]) + unit;
}

QString LogAxisTicker::getTickLabel(double tick, const QLocale&, QChar, int)
{
    return siLabel(tick, m_unit);
}

} // namespace graphs::ui
