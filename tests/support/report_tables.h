#pragma once

// Test support: reads back the reports the programs print (CSV, Markdown tables, the text format's "key  value"
// summary), checking that they are well formed as it goes, and compares printed numbers with exact ones.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <cmath>

namespace graphs::testing {

/// The fields of one CSV line, with RFC 4180 quoting.
inline QStringList csvFields(const QString& line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted && c == u'"' && i + 1 < line.size() && line[i + 1] == u'"') {
            field += c;
            ++i;
        } else if (c == u'"') {
            quoted = !quoted;
        } else if (c == u',' && !quoted) {
            fields << field;
            field.clear();
        } else {
            field += c;
        }
    }
    return fields << field;
}

/// A CSV document as rows of fields, the header first; `problem` names the first line whose field count differs
/// from the header's.
inline QList<QStringList> csvRows(const QByteArray& text, QString& problem)
{
    QList<QStringList> rows;
    for (const QString& line : QString::fromUtf8(text).split(u'\n', Qt::SkipEmptyParts)) {
        rows << csvFields(line);
        if (rows.back().size() != rows.front().size() && problem.isEmpty())
            problem = QStringLiteral("%1 fields, the header has %2: %3")
                          .arg(rows.back().size())
                          .arg(rows.front().size())
                          .arg(line);
    }
    return rows;
}

/// The cells of a Markdown table row "| a | b \| c |", trimmed; empty when the line does not end with a pipe.
inline QStringList markdownCells(const QString& line)
{
    if (!line.startsWith(u'|') || !line.endsWith(u'|') || line.size() < 2)
        return {};
    QStringList cells;
    QString cell;
    for (qsizetype i = 1; i < line.size(); ++i) {
        if (line[i] == u'\\' && i + 1 < line.size() && line[i + 1] == u'|') {
            cell += u'|';
            ++i;
        } else if (line[i] == u'|') {
            cells << cell.trimmed();
            cell.clear();
        } else {
            cell += line[i];
        }
    }
    return cells;
}

struct MarkdownTable
{
    QStringList header;
    QList<QStringList> rows;

    /// The column named `name`, or -1.
    int column(const QString& name) const { return int(header.indexOf(name)); }
};

/// Every Markdown table of `text`: a header row, a delimiter row (---, :---, ---:) with as many cells, then rows with
/// as many cells again. `problem` names the first line that breaks this.
inline QList<MarkdownTable> markdownTables(const QByteArray& text, QString& problem)
{
    static const QRegularExpression delimiter(QStringLiteral("^:?-{3,}:?$"));
    const QStringList lines = QString::fromUtf8(text).split(u'\n');
    QList<MarkdownTable> tables;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!lines[i].startsWith(u'|'))
            continue;
        MarkdownTable table;
        table.header = markdownCells(lines[i]);
        const QStringList delimiters = i + 1 < lines.size() ? markdownCells(lines[i + 1]) : QStringList();
        bool ok = !table.header.isEmpty() && delimiters.size() == table.header.size();
        for (const QString& d : delimiters)
            ok = ok && delimiter.match(d).hasMatch();
        if (!ok) {
            problem = QStringLiteral("line %1 starts a table without a matching delimiter row: %2")
                          .arg(i + 1)
                          .arg(lines[i]);
            return tables;
        }
        for (i += 2; i < lines.size() && lines[i].startsWith(u'|'); ++i) {
            const QStringList cells = markdownCells(lines[i]);
            if (cells.size() != table.header.size()) {
                problem = QStringLiteral("line %1 has %2 cells, its table %3: %4")
                              .arg(i + 1)
                              .arg(cells.size())
                              .arg(table.header.size())
                              .arg(lines[i]);
                return tables;
            }
            table.rows << cells;
        }
        tables << table;
    }
    return tables;
}

/// The "key   value" lines of a text report's summary, up to its first empty line.
inline QHash<QString, QString> textSummary(const QByteArray& text)
{
    QHash<QString, QString> rows;
    static const QRegularExpression row(QStringLiteral("^(\\S+)\\s+(.*)$"));
    for (const QString& line : QString::fromUtf8(text).split(u'\n')) {
        if (line.isEmpty())
            break;
        const auto m = row.match(line);
        if (m.hasMatch())
            rows.insert(m.captured(1), m.captured(2));
    }
    return rows;
}

/// The lines after the one equal to `heading`, up to the next empty line.
inline QStringList linesAfter(const QByteArray& text, const QString& heading)
{
    const QStringList lines = QString::fromUtf8(text).split(u'\n');
    const qsizetype at = lines.indexOf(heading);
    if (at < 0)
        return {};
    QStringList out;
    for (qsizetype i = at + 1; i < lines.size() && !lines[i].isEmpty(); ++i)
        out << lines[i];
    return out;
}

/// Whether `printed`, a number printed with `decimals` decimals, is `exact` rounded.
inline bool printedAs(const QString& printed, double exact, int decimals)
{
    bool ok = false;
    const double value = printed.toDouble(&ok);
    return ok && std::abs(value - exact) <= 0.5 * std::pow(10.0, -decimals) * (1 + 1e-9) + 1e-12 * std::abs(exact);
}

} // namespace graphs::testing
