#pragma once

#include <QString>

class QAbstractItemModel;
class QTableView;

namespace graphs::ui {

/// A read-only table of results on `model`: rows selected whole, no row numbers, alternating colours, compact rows,
/// columns fitted to their contents whenever the model is reset. `name` is its object name (tests find it by it).
QTableView* makeResultTable(QAbstractItemModel* model, const QString& name);

} // namespace graphs::ui
