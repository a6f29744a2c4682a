#pragma once

#include <QString>
#include <qcustomplot.h>

namespace graphs::ui {

/// Lays `legend`'s entries out in rows of `columns`, left to right, top to bottom, in the order they were added;
/// the entry at `sectionStart` (when ≥ 0) begins a new row. Cells left over get an empty entry, so that every cell
/// holds a legend item: code that walks QCPLegend::item(0 … itemCount() - 1), as palette changes do, meets no
/// empty cell.
void arrangeLegendInRows(QCPLegend& legend, int columns, int sectionStart = -1);

/// Moves `plot`'s legend out of the axes into a row of its own above them (inside, it would hide marks; beside,
/// it would take a third of the width), frameless and tight, with icons of `iconSize` (as tall as the text: a
/// taller icon is clipped). arrangeLegendInRows() then fills it.
void placeLegendAbove(QCustomPlot& plot, QSize iconSize);

/// How many legend columns of readable width fit across `width` pixels (1 to 3).
int legendColumnsFor(int width);

/// `text` cut to `maxCharacters` with an ellipsis: long hardware names would take the legend's whole row.
QString legendText(const QString& text, int maxCharacters = 30);

} // namespace graphs::ui
