#pragma once

#include <QString>
#include <qcustomplot.h>

namespace graphs::ui {

/// Decades of a logarithmic axis labelled with SI prefixes: 0.1, 1, 10, 100, 1 k, … 1 T; `unit` follows the prefix.
class LogAxisTicker : public QCPAxisTickerLog
{
public:
    explicit LogAxisTicker(QString unit = {});

    /// 1e12 → "1 T" + unit; 0.25 → "0.25" + unit.
    static QString siLabel(double value, const QString& unit = {});

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;

private:
    QString m_unit;
};

} // namespace graphs::ui
