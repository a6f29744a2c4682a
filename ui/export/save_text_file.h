#pragma once

#include <QByteArray>
#include <QString>

namespace graphs::ui {

/// Writes `contents` to `path` atomically (QSaveFile): the old file stays intact if anything fails.
/// Returns an empty string on success, else a message naming the file and the problem.
QString saveTextFile(const QString& path, const QByteArray& contents);

} // namespace graphs::ui
